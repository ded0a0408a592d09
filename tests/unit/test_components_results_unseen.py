"""kg_results, issue 15 (session 15): rules written for abstracts nobody tuned them for; each
decision tested with fresh sentences on both sides."""

from __future__ import annotations

import pytest
import spacy
from result_helpers import results
from spacy.language import Language

from kg.nlp.components.results import (
    VALUE_RE,
    bounds_estimate_in_bracket,
    chosen_by_setting,
    closes_dash_range,
    describes_items,
    ends_a_value,
    limits_of_agreement,
    listed_after_slash,
    listed_with_subject,
    names_interval_level,
    one_in_n,
    opens_named_brackets,
    reached_in_unit,
    repeats_modifier,
    scored_by_unnamed_measure,
    slashed_to,
    stated_for_other_name,
    tops_a_scale,
)


@pytest.fixture(scope="module")
def nlp(nlp_results: Language) -> Language:
    """The concepts + results pipeline of ``tests/conftest.py``."""
    return nlp_results


@pytest.fixture(scope="module")
def nlp_rules_full(nlp_rules: Language) -> Language:
    """The rule pipeline with names (models, datasets), for model ties."""
    return nlp_rules


def ties(nlp: Language, text: str) -> list[tuple[str, str, str | None]]:
    """(metric, value, model) of every absolute result."""
    return [
        (r.metric_key, r.value_text, r.model_key)
        for r in nlp(text)._.kg_results
        if not r.is_improvement
    ]


# -- the tokenizer: two scores joined by a slash after a percentage --------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("reached 88%/79% here", ["reached", "88", "%", "/", "79", "%", "here"]),
        ("of 77.5%/2.4 mm here", ["of", "77.5", "%", "/", "2.4", "mm", "here"]),
        # a ratio without a percent sign keeps its slash
        ("a 3/4 split", ["a", "3/4", "split"]),
    ],
)
def test_a_slash_after_a_percentage_splits(
    nlp_rules: Language, text: str, expected: list[str]
) -> None:
    assert [t.text for t in nlp_rules.tokenizer(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The recall/precision of the tagger were 88%/79% on the test notes.",
            [("recall", "88%"), ("precision", "79%")],
        ),
        (
            "The network obtained a Dice/HD95 of 83.4%/4.7 mm on the liver scans.",
            [("dice", "83.4%"), ("hausdorffdistance", "4.7")],
        ),
    ],
)
def test_slash_joined_scores_take_slash_joined_metrics(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert sorted(results(nlp, text)) == sorted(expected)


def test_slashed_to_and_listed_after_slash() -> None:
    t = "of 64.0%/1.8 mm, 5%/3 mm and 0.7 , 0.6"
    ms = list(VALUE_RE.finditer(t))
    assert slashed_to(ms[0], ms[1], t)
    assert not slashed_to(ms[4], ms[5], t)
    assert listed_after_slash(t, t.index("1.8"), "1.8")
    assert not listed_after_slash(t, t.index("3 mm"), "3")


# -- the top of a rating scale -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nurses scored usefulness at 3.9 of 5 in the human evaluation.", []),
        ("Readers gave a mean of 7.1 of 10 points in the human evaluation.", []),
        # a number glued to the metric's name is no score before "of"
        (
            "The detector reached an mAP@0.5 of 0.812 on the clips.",
            [("meanaverageprecision", "0.812")],
        ),
    ],
)
def test_the_top_of_a_scale_is_no_score(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_tops_a_scale() -> None:
    t = "rated 3.9 of 5, a BLEU-2 of 30 and (2 of 3)"
    assert tops_a_scale(t, t.index("5,"))
    assert tops_a_scale(t, t.index("3)"))
    assert not tops_a_scale(t, t.index("30"))


# -- limits of agreement ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Agreement with the reference was high (ICC 0.88), with limits of agreement from "
            "-4.0 to 6.5 beats per minute and an AUC of 0.93.",
            [("auc", "0.93")],
        ),
        (
            "The intraclass correlation coefficient was 0.87 (95% LoA -2.2 to 3.4).",
            [("intraclasscorrelation", "0.87")],
        ),
    ],
)
def test_limits_of_agreement_are_no_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_limits_of_agreement() -> None:
    t = "limits of agreement were -2.1 to 4.4; the AUC was 0.9"
    assert limits_of_agreement(t, t.index("4.4"))
    assert not limits_of_agreement(t, t.index("0.9"))


# -- a measure no metric span covers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The detector obtained an AUROC of 0.91, giving a ranking score of 0.64.",
            [("auc", "0.91")],
        ),
        (
            "It reaches a BLEU of 31.2, while its fluency rating (3.8) stays low.",
            [("bleu", "31.2")],
        ),
        (
            "Accuracy rose to 88.1%, and the refusal rate falls to 2.3%.",
            [("accuracy", "88.1%")],
        ),
        # a plain modifier or a head that extends the metric keep the metric's score
        ("Our tagger obtained the best score of 0.87 in F1.", [("f1", "0.87")]),
        (
            "The reader model had an accuracy rate of 93.5% on the test set.",
            [("accuracy", "93.5%")],
        ),
        # a head right before a value is a verb
        (
            "Accuracy was reported for each model. CardioNet scores 81.2% overall.",
            [("accuracy", "81.2%")],
        ),
    ],
)
def test_a_score_of_an_unnamed_measure_is_not_another_metrics(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_scored_by_unnamed_measure() -> None:
    d = spacy.blank("en")("an F1 of 0.8 , a safety rating of 4.1 and a top score of 0.9")
    f1 = [d[1:2]]
    at = d.text.index
    assert scored_by_unnamed_measure(d, at("4.1"), at("4.1") + 3, f1)
    assert not scored_by_unnamed_measure(d, at("0.8"), at("0.8") + 3, f1)
    assert not scored_by_unnamed_measure(d, at("0.9"), at("0.9") + 3, f1)


# -- the level a measure in a unit reaches -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mean surface distance of the model drops from 3.8 mm to 2.1 mm after refinement.",
            [("averagesurfacedistance", "2.1")],
        ),
        (
            "With refinement, the HD95 falls to 6.3 pixels on the retinal scans.",
            [("hausdorffdistance", "6.3")],
        ),
        # sizes after "to" without a metric of their own stay sizes
        ("Lesions from 3 mm to 40 mm were segmented with a Dice of 0.81.", [("dice", "0.81")]),
    ],
)
def test_the_level_a_unit_measure_reaches_is_a_score(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_reached_in_unit() -> None:
    t = "the HD95 drops from 9.1 mm to 4.0 mm ; 12 to 30 mm"
    ends = [t.index("HD95") + 4]
    assert reached_in_unit(VALUE_RE.search(t, t.index("4.0")), t, ends)
    assert not reached_in_unit(VALUE_RE.search(t, t.index("30")), t, ends)
    assert not reached_in_unit(VALUE_RE.search(t, t.index("9.1")), t, ends)


# -- scores given name by name, the verb left out -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Models were compared by their AUROC. On the external cohort, logistic regression "
            "reached 0.702, a gradient-boosted tree 0.731 and SepsisNet 0.774.",
            [("auc", "0.702"), ("auc", "0.731"), ("auc", "0.774")],
        ),
        (
            "CardioNet reaches a macro-F1 of 0.72 on the first site. On the second site the "
            "ranking holds (CardioNet 0.69, XGBoost 0.63), while recall is higher for XGBoost "
            "(0.81).",
            [("f1", "0.72"), ("f1", "0.69"), ("f1", "0.63"), ("recall", "0.81")],
        ),
        # a comma clause with a preposition is no bare subject: the count stays out
        (
            "Models were compared by their AUROC. Logistic regression reached 0.702, in 12 of "
            "the 40 runs.",
            [("auc", "0.702")],
        ),
    ],
)
def test_scores_listed_name_by_name_keep_the_metric_before(
    nlp_rules_full: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert sorted(results(nlp_rules_full, text)) == sorted(expected)


def test_listed_with_subject_and_opens_named_brackets() -> None:
    t = "X reached 0.70, a tuned forest 0.73, and on the test set 0.75"
    end = t.index(",")
    assert listed_with_subject(t, end, t.index("0.73"))
    assert not listed_with_subject(t, t.index("0.73") + 4, t.index("0.75"))
    d = spacy.blank("en")("holds ( A 0.69 , B 0.63 ) and A 0.5")
    names = [d[2:3], d[5:6], d[9:10]]
    assert opens_named_brackets(d, VALUE_RE.search(d.text, d.text.index("0.69")), names)
    assert not opens_named_brackets(d, VALUE_RE.search(d.text, d.text.index("0.5")), names)


# -- a value stated for a name that is no model ---------------------------------------------------


def test_a_value_for_a_name_that_is_no_model_takes_no_earlier_model(
    nlp_rules_full: Language,
) -> None:
    text = "The AUC was 0.71 for GPT-4o and 0.64 for HbA1c in the validation cohort."
    tied = ties(nlp_rules_full, text)
    assert ("auc", "0.71", "gpt4o") in tied
    assert ("auc", "0.64", None) in tied


def test_stated_for_other_name() -> None:
    d = spacy.blank("en")("0.71 for ModelZ , 0.64 for NT-proBNP and 0.60 for older patients")
    models = [d[2:3]]
    assert stated_for_other_name(d, d[4].idx + len(d[4]), models)
    assert not stated_for_other_name(d, d[0].idx + len(d[0]), models)
    assert not stated_for_other_name(d, d[8].idx + len(d[8]), models)


# -- a study's endpoint ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Accuracy was the primary endpoint. The assistant reached 0.87 on held-out cases.",
            [("accuracy", "0.87")],
        ),
        ("Accuracy matters in triage. The assistant reached 0.87 on held-out cases.", []),
    ],
)
def test_a_metric_named_as_the_endpoint_scores_the_next_sentence(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


# -- stage 2: an interval after a point estimate in one bracket ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The AUROC was 0.81 at the first site and lower at the second (0.77, 0.74-0.80).",
            [("auc", "0.81"), ("auc", "0.77")],
        ),
        # two scores and a range of others in one bracket are no interval
        (
            "The AUROC and F1 were high (0.93, 0.60-0.70 for the baselines).",
            [("auc", "0.93"), ("f1", "0.60")],
        ),
    ],
)
def test_an_interval_after_a_point_estimate_is_no_score(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_bounds_estimate_in_bracket() -> None:
    t = "(0.77, 0.74-0.80) and (0.93; 0.60-0.70)"
    assert bounds_estimate_in_bracket(t, t.index("0.74"))
    assert not bounds_estimate_in_bracket(t, t.index("0.77"))
    assert not bounds_estimate_in_bracket(t, t.index("0.60"))


# -- stage 2: a modifier repeated before listed metrics --------------------------------------


def test_a_repeated_modifier_lists_two_metrics(nlp: Language) -> None:
    text = (
        "Lesion-wise precision and lesion-wise recall were 0.84 and 0.76, respectively, "
        "against 0.71 and 0.69 for the baseline."
    )
    assert sorted(results(nlp, text)) == sorted(
        [("precision", "0.84"), ("recall", "0.76"), ("precision", "0.71"), ("recall", "0.69")]
    )


def test_repeats_modifier() -> None:
    d = spacy.blank("en")("macro precision and macro recall , micro precision and other recall")
    assert repeats_modifier(d, 1, 2, 4)
    assert not repeats_modifier(d, 7, 8, 10)


# -- stage 2: a whole number before described items counts them ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The tagger reached an F1 of 0.81 in a human evaluation of 300 double-checked notes.",
            [("f1", "0.81")],
        ),
        ("The summaries scored a ROUGE-L of 41 against reference summaries.", [("rouge", "41")]),
    ],
)
def test_a_count_of_described_items_is_no_score(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_describes_items() -> None:
    assert describes_items("double-checked")
    assert describes_items("annotated")
    assert not describes_items("against")


# -- ranges15: a range written with a dash of any kind is one result, its first value --------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sensitivity was similar for the four readers (71%–78% on the audit scans).",
            [("sensitivity", "71%")],
        ),
        ("The Dice of the three networks was close (0.83 — 0.86).", [("dice", "0.83")]),
        ("Across clinics, the F1 of the tagger was 0.64 – 0.72.", [("f1", "0.64")]),
        # a dash after "from" is the arrow of a change: its end is the score reached
        ("Retraining moved the Dice from 0.58 – 0.66 on the old scans.", [("dice", "0.66")]),
        # two scores joined by "and" are both scores
        ("The Dice of the two networks was 0.83 and 0.86.", [("dice", "0.83"), ("dice", "0.86")]),
    ],
)
def test_a_dash_range_is_one_result(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_closes_dash_range() -> None:
    text = "lay at 0.64–0.72, from 0.58 – 0.66, GPT-3.5–turbo 0.9, 12% — 15%"
    assert closes_dash_range(text, text.index("0.72"))
    assert closes_dash_range(text, text.index("15%"))
    assert not closes_dash_range(text, text.index("0.66"))
    assert not closes_dash_range(text, text.index("0.64"))
    assert not closes_dash_range(text, text.index("0.9,"))


# -- ranges15, step 3: operating points after a score and targets a threshold was chosen for --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a score, then "at <value> <metric>": the metric and its value are the operating point
        (
            "The triage model gave an NPV of 0.97 at 85% sensitivity on the ward cohort.",
            [("negativepredictivevalue", "0.97")],
        ),
        # ... but a verb before "at" reaches the score
        ("The tagger plateaus at 91% accuracy after two epochs.", [("accuracy", "91%")]),
        # a threshold chosen to give a value: the value is a setting
        (
            "With a cut-off giving 95% sensitivity, the specificity was 62.4% on the audit.",
            [("specificity", "62.4%")],
        ),
        (
            "Thresholds tuned to reach 90% specificity left a sensitivity of 71.5%.",
            [("sensitivity", "71.5%")],
        ),
        # a threshold's own value, then a reached score: the score stays
        (
            "At the selected threshold, the screening model achieved 88.2% sensitivity.",
            [("sensitivity", "88.2%")],
        ),
    ],
)
def test_operating_points_and_chosen_targets_are_settings(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_ends_a_value() -> None:
    d = spacy.blank("en")("an NPV of 0.97 at , 85 % at , plateaus at")
    assert ends_a_value(d, 3)
    assert ends_a_value(d, 7)
    assert not ends_a_value(d, 10)


def test_chosen_by_setting() -> None:
    d = spacy.blank("en")("a cutoff giving 95 , threshold , it gave 88 , thresholds of 0.4 gave 70")
    nouns = frozenset({"cutoff", "threshold", "thresholds"})
    assert chosen_by_setting(d, 3, 0, nouns, frozenset())
    assert not chosen_by_setting(d, 9, 0, nouns, frozenset())
    assert not chosen_by_setting(d, 15, 0, nouns, frozenset())


# -- review15: the level of an interval and the first term of a ratio -------------------------


def test_names_interval_level_and_one_in_n() -> None:
    assert names_interval_level(["prediction-interval", "coverage"])
    assert names_interval_level(["credible", "interval"])
    assert not names_interval_level(["prediction", "accuracy"])
    assert one_in_n(["in", "9"]) and not one_in_n(["in", "the"])


def test_an_interval_level_is_no_earlier_score(nlp: Language) -> None:
    text = (
        "Our model achieved an MAE of 1.2 days, and the 95% prediction-interval coverage was 91%."
    )
    found = ties(nlp, text)
    assert ("meanabsoluteerror", "95%", None) not in found
    assert ("meanabsoluteerror", "1.2", None) in found  # the point estimate still counts


def test_one_in_n_is_no_score(nlp: Language) -> None:
    found = ties(
        nlp, "Our detector achieved a false-alarm rate of 1 in 9 and a sensitivity of 0.95."
    )
    assert [value for _metric, value, _model in found] == ["0.95"]
    found = ties(nlp, "The classifier achieved a sensitivity of 0.91 in 300 patients.")
    assert [value for _metric, value, _model in found] == ["0.91"]
