"""kg_results on full-length unseen abstracts (session 11): metric forms the concepts did not
read (Latin plurals, a gated measure opening a sentence that states its score), operating
points written "<metric> at <value> <metric>", and shares of items ("N% of the cases") that
are no scores. Fresh sentences, each decision on both sides."""

from __future__ import annotations

import re

import pytest
from result_helpers import results
from spacy.language import Language

from kg.nlp.components.concept_matching import label_variants, latin_plural


@pytest.fixture(scope="module")
def nlp(nlp_results: Language) -> Language:
    """The concepts + results pipeline of ``tests/conftest.py``."""
    return nlp_results


def test_latin_plural_of_measure_labels() -> None:
    assert latin_plural("C-index") == "C-indices"
    assert latin_plural("structural similarity index") == "structural similarity indices"
    assert latin_plural("Dice") == "Dice" and latin_plural("ex") == "ex"
    assert "C-indices" in label_variants("C-index")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a measure written in its Latin plural is that measure
        (
            "The survival network obtained C-indices of 0.74 and 0.70 in the two cohorts.",
            [("cindex", "0.74"), ("cindex", "0.70")],
        ),
        ("Concordance indices were 0.68 at both sites.", [("cindex", "0.68")]),
        # an index that is no measure stays out
        ("The indices of 40 patients were 12 on average.", []),
    ],
)
def test_measures_in_latin_plural(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a gated measure opening a sentence that states a score is the measure
        ("Recall on the rarest finding was 0.83 for the tuned tagger.", [("recall", "0.83")]),
        ("Specificity fell to 88.1% in the older group.", [("specificity", "88.1%")]),
        (
            "In small lesions, sensitivity dropped to 71.5% for the detector.",
            [("sensitivity", "71.5%")],
        ),
        # "<measure> of <the system> was <score>": the clause states its score
        (
            "The sensitivity and specificity of the screening tool were 92.1% and 88.4%, "
            "respectively.",
            [("sensitivity", "92.1%"), ("specificity", "88.4%")],
        ),
        ("The specificity of the triage model was 81.0%.", [("specificity", "81.0%")]),
        ("The specificity of antibody binding was high in 12 of 14 assays.", []),
        # a measure raised "to" a score is that measure; "sensitivity to noise" is not
        (
            "A quality gate that rejects blurred images raises the reader's sensitivity to 93.5%.",
            [("sensitivity", "93.5%")],
        ),
        ("The sensitivity to noise was studied in 12 settings.", []),
        ("The sensitivity of the sensor to motion was 0.3 units.", []),
        # a screening recall rate is a measure of its own (the recallrate concept), not recall
        ("The recall rate was 4.1% in the screening arm.", [("recallrate", "4.1%")]),
        # the gate's other vetoes still hold with a number in the sentence
        ("Sensitivity analyses used 5 imputations and 2 priors.", []),
    ],
)
def test_gated_measure_of_a_sentence_with_a_score(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "<metric> at <value> <metric>": the second metric and its value are the setting
        ("Recall at 95% precision was 61.0% on the held-out notes.", [("recall", "61.0%")]),
        ("At 90% sensitivity, specificity reached 77.4%.", [("specificity", "77.4%")]),
        # a verb before "at": the value is the score of the metric after it
        ("The tuned model peaks at 92% accuracy.", [("accuracy", "92%")]),
        # a value fixed by its phrase is a setting wherever it stands
        (
            "With the cut-point fixed to 85% sensitivity, specificity was 70.3%.",
            [("specificity", "70.3%")],
        ),
        ("Thresholds met a target of 95% sensitivity in all centres.", []),
        ("The tuned detector reached 85% sensitivity.", [("sensitivity", "85%")]),
    ],
)
def test_operating_point_metric_is_a_setting(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N% of <items>": a share of cases, not the score of a metric elsewhere
        (
            "The F1 was 0.81 on clear recordings, which made up 58% of the daytime data.",
            [("f1", "0.81")],
        ),
        (
            "Its AUROC was 0.90, and the flags caught 77% of failed segmentations.",
            [("auc", "0.90")],
        ),
        # ... but a share stated as correct, or named by a bracketed measure, is a score
        (
            "Measured by accuracy, the reader answered 81.5% of the questions correctly.",
            [("accuracy", "81.5%")],
        ),
        (
            "Its accuracy was 71%, and it retrieved 58% of the gold facts (recall).",
            [("accuracy", "71%"), ("recall", "58%")],
        ),
        # a value a metric binds keeps its "of"
        ("It reached a specificity of 93% of the time budget.", [("specificity", "93%")]),
    ],
)
def test_share_of_items_is_no_score(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_listed_for_models_keeps_the_metric_before(nlp_results: Language) -> None:
    """A metric-less sentence listing percentages for as many models, "respectively", keeps
    the one metric of the sentence before; without "respectively" or with a count that does
    not match, nothing is carried."""
    from kg.nlp.components.results import find_results

    nlp = nlp_results
    text = (
        "The tuned reader reached an accuracy of 90.2% on the exam. "
        "The two baselines scored 81.0% and 77.5%, respectively."
    )
    # no model spans in this pipeline: no list to align, but the verb that states the scores
    # keeps the metric of the sentence before (branch results12: scores stated by a verb)
    assert [(r.metric_key, r.value_text, r.model_key) for r in nlp(text)._.kg_results] == [
        ("accuracy", "90.2%", None),
        ("accuracy", "81.0%", None),
        ("accuracy", "77.5%", None),
    ]
    doc = nlp(
        "The tuned reader reached an accuracy of 90.2% on the exam. "
        "Alpha and Beta scored 81.0% and 77.5%, respectively. "
        "Alpha and Beta used 12% and 30% of the budget."
    )
    doc.spans["kg_models"] = [
        doc.char_span(s, s + len(w), label="model", kb_id=w.lower())
        for w in ("Alpha", "Beta")
        for s in (doc.text.index(w), doc.text.rindex(w))
    ]
    found = [
        (r.metric_key, r.value_text, r.model_key)
        for r in find_results(doc, nlp.get_pipe("kg_results").cues)
    ]
    assert found == [
        ("accuracy", "90.2%", None),
        ("accuracy", "81.0%", "alpha"),
        ("accuracy", "77.5%", "beta"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the bracket of an abbreviation does not part a metric from its value
        (
            "The network reached a root mean squared error (RMSE) of 4.1 mm and a Dice "
            "similarity coefficient (DSC) of 0.88.",
            [("rmse", "4.1"), ("dice", "0.88")],
        ),
        # a unit after a listed value keeps the list ("3.6 mm and 0.91, respectively")
        (
            "For the kidney, RMSE and Dice were 3.6 mm and 0.91, respectively.",
            [("rmse", "3.6"), ("dice", "0.91")],
        ),
        # a bracket of other words still parts them; a size in mm is no score
        ("The model had an AUC (95% CI) of 0.90 in 40 mm nodules.", [("auc", "0.90")]),
    ],
)
def test_abbreviation_brackets_and_units_in_lists(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count per unit is a rate of its own, not a score of the metric named earlier
        (
            "The detector reached a sensitivity of 80.5% with 2.3 alerts per hour.",
            [("sensitivity", "80.5%")],
        ),
        (
            "Its specificity was 91.0%, with 0.4 missed lesions per scan on average.",
            [("specificity", "91.0%")],
        ),
        # a metric bound right before the value still takes it
        ("The Dice was 0.82 per organ on average.", [("dice", "0.82")]),
    ],
)
def test_counts_per_unit_are_no_scores_of_other_metrics(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pairs listed far after two bound scores echo their metrics in order
        (
            "The tuned model reaches an AUROC of 0.902 and a Brier score of 0.061 on the "
            "two external hospital cohorts combined, versus 0.884 and 0.070 for the first "
            "baseline and 0.861 and 0.082 for the second one.",
            [
                ("auc", "0.902"),
                ("brierscore", "0.061"),
                ("auc", "0.884"),
                ("brierscore", "0.070"),
                ("auc", "0.861"),
                ("brierscore", "0.082"),
            ],
        ),
        # a lone far value does not echo a pair
        (
            "The tuned model reaches an AUROC of 0.902 and a Brier score of 0.061 on the "
            "two external hospital cohorts combined, while the 4 raters needed 2.5 minutes.",
            [("auc", "0.902"), ("brierscore", "0.061")],
        ),
    ],
)
def test_far_value_pairs_echo_the_bound_metrics(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place list opened by values tied to one metric: the far values take it too
        (
            "The adapted network obtained the best Dice score on every held-out set: 0.912 "
            "on the in-house set, 0.871 on the second public set and 0.846 on the third.",
            [("dice", "0.912"), ("dice", "0.871"), ("dice", "0.846")],
        ),
        # "relative to" compares; "relative" before a noun is a change
        (
            "Its Brier score dropped from 0.090 to 0.052 relative to the plain head.",
            [("brierscore", "0.052")],
        ),
        ("It gives a 12% relative gain in accuracy over the baseline.", []),
        # a change noun after a metric name: "0.6 F1 points"
        ("It loses only 0.6 F1 points relative to the teacher.", []),
        # a start with whose it is, then the score reached
        (
            "Accuracy rose from 64.0% for the plain model to 73.5% for the tuned one.",
            [("accuracy", "73.5%")],
        ),
        # ... but the two ends of a range are both scores
        (
            "Across sites, the AUROC ranged from 0.81 for the oldest scanner to 0.90 for "
            "the newest.",
            [("auc", "0.81"), ("auc", "0.90")],
        ),
    ],
)
def test_far_list_values_relative_and_starting_points(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an interval bracket that goes on after a ";" still holds bounds, not scores
        (
            "The joint model reached an AUC of 0.925 (0.901-0.947; p=0.01 versus the "
            "imaging model).",
            [("auc", "0.925")],
        ),
        # a bracket of two scores joined by ";" keeps them
        ("It reached an F1 (0.81; 0.77 on the rare class).", [("f1", "0.81"), ("f1", "0.77")]),
        # a value set for a Greek-letter parameter is a setting
        ("With λ = 0.5 and β = 2, the model reached an F1 of 0.84.", [("f1", "0.84")]),
        # "by only" is a change; "only" before a score is a hedge, the score stays
        ("Pruning reduced the Dice by only 0.009.", []),
        ("The tagger achieves only 48% accuracy on the rare labels.", [("accuracy", "48%")]),
    ],
)
def test_intervals_parameters_and_hedged_changes(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value bound to an unknown measure written with its abbreviation is not the
        # earlier metric's: since metrics17b the measure (its short form stepped over) is a
        # metric of its own words, and its place in the later echoed list is its value
        (
            "The speech model reaches an F1 of 0.705 and an AUROC of 0.774 for screening and "
            "an agreement coefficient (ACX) of 0.452 for severity, while the text model "
            "obtains 0.671, 0.749 and 0.401, respectively.",
            [
                ("f1", "0.705"),
                ("auc", "0.774"),
                ("agreementcoefficient", "0.452"),
                ("f1", "0.671"),
                ("auc", "0.749"),
                ("agreementcoefficient", "0.401"),
            ],
        ),
        # a value bound to a measure noun ("a layer boundary error of 2.1") likewise: it is
        # the score of that measure, read as a metric of its own words (metric_error_phrase)
        (
            "It reached a Dice of 0.91 and a layer boundary error of 2.1 on the scans.",
            [("dice", "0.91"), ("layerboundaryerror", "2.1")],
        ),
    ],
)
def test_values_of_unknown_measures_are_not_the_earlier_metrics(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the one metric of a sentence, its subject, scores values far after it
        (
            "Accuracy on the questions with figures was lower than on the text-only ones for "
            "all three readers (first reader: 81.2% vs 90.4%).",
            [("accuracy", "81.2%"), ("accuracy", "90.4%")],
        ),
        # sizes and changes stay out
        ("Accuracy was assessed by three raters who each spent 2.5 hours on the set.", []),
        ("The accuracy of the pipeline on the new clinic data improved by 4.2% overall.", []),
        # a metric that does not open the sentence does not reach that far
        (
            "We also report the accuracy, although the readers working on the text-only "
            "questions for all three sites were faster (first reader: 81.2% vs 90.4%).",
            [],
        ),
    ],
)
def test_subject_metric_scores_far_values(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_model_with_score_verb_keeps_the_metric_before(nlp_results: Language) -> None:
    """A metric-less sentence after a one-metric sentence: a percentage right after a model
    and a score verb ("while Beta reached 61.5%") is that metric's; other percentages are not."""
    from kg.nlp.components.results import find_results

    nlp = nlp_results
    doc = nlp(
        "Alpha reaches an accuracy of 70.2% on the exam. "
        "On the harder subset, most readers stayed low, while Beta reached 61.5%. "
        "Beta kept 12% of the budget."
    )
    doc.spans["kg_models"] = [
        doc.char_span(m.start(), m.end(), label="model", kb_id=m.group().lower())
        for m in re.finditer(r"Alpha|Beta", doc.text)
    ]
    found = [
        (r.metric_key, r.value_text, r.model_key)
        for r in find_results(doc, nlp.get_pipe("kg_results").cues)
    ]
    assert found == [("accuracy", "70.2%", "alpha"), ("accuracy", "61.5%", "beta")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "at a <value> <noun>" is a setting like "at <value> <noun>"
        (
            "Its ECE was 0.031, and the maps flagged most failures at a 10% review budget.",
            [("expectedcalibrationerror", "0.031")],
        ),
        ("The model peaks at a 92% accuracy.", [("accuracy", "92%")]),
        # the value of a threshold, or a range of thresholds, is a setting
        ("Recall was 0.81 at a threshold of 0.5.", [("recall", "0.81")]),
        (
            "We report the mean average precision over IoU thresholds from 0.5 to 0.95.",
            [],
        ),
        ("The mean average precision rose from 0.41 to 0.47.", [("meanaverageprecision", "0.47")]),
    ],
)
def test_settings_at_an_article_and_thresholds(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of errors per unit right after a score is a measure of its own words
        (
            "The detector reached a sensitivity of 79.5% with 3.1 false detections per "
            "12 hours, against 66.0% and 8.4 false detections per 12 hours for the baseline.",
            [
                ("sensitivity", "79.5%"),
                ("falsedetectionsper12hours", "3.1"),
                ("sensitivity", "66.0%"),
                ("falsedetectionsper12hours", "8.4"),
            ],
        ),
        ("It produced 0.3 false positives per scan.", [("falsepositivesperscan", "0.3")]),
        # an operating point ("at N false positives per image") and plain counts are not
        ("Recall was 88.0% at 2 false positives per image.", [("recall", "88.0%")]),
        ("The scans held 2.5 lesions per scan on average.", []),
    ],
)
def test_counts_of_errors_per_unit_are_measures(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected
