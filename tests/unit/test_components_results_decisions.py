"""kg_results, issue 15 item 5: each decision tested with short sentences on both sides."""

from __future__ import annotations

from decimal import Decimal

import pytest
import spacy
from result_helpers import results
from spacy.language import Language

from kg.nlp import read_patterns
from kg.nlp.components.concepts import CONCEPT_PATTERN_FILES
from kg.nlp.components.results import (
    VALUE_RE,
    ResultCues,
    ResultMatch,
    align_lists,
    at_before_held,
    binds,
    bracketed_alone,
    change_noun_after,
    clean_value_text,
    closes_bound_list,
    closes_cohort_share,
    closes_value_list,
    compared_level,
    compound_head,
    gapped_after_name,
    heads_a_setting,
    held_at,
    is_starting_point,
    list_opening,
    listed_after_slash,
    measures_a_gap,
    measures_another,
    model_after,
    modified_subject,
    names_chance,
    names_data_share,
    names_in_brackets,
    object_of_at,
    open_bracket,
    owns_value,
    pairs_with_unit,
    parse_value,
    past_short_form,
    past_whose_score,
    place_after,
    place_list_groups,
    removes_share,
    selects_extreme_share,
    setting_moved,
    share_following_metric,
    share_last_key,
    shares_a_cohort,
    strip_hedges,
    subject_past_compared,
    unbound_negative,
    valued_before,
)


@pytest.fixture(scope="module")
def nlp(nlp_results: Language) -> Language:
    """The concepts + results pipeline of ``tests/conftest.py``."""
    return nlp_results


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the confidence interval gate: the bounds inside "(95% CI ...)" are not results
        ("It reaches an AUC of 0.91 (95% CI 0.88-0.94) today.", [("auc", "0.91")]),
        ("It reaches an AUC of 0.91 (CI: 0.88 to 0.94) today.", [("auc", "0.91")]),
        # the same bracket without CI words keeps its value
        (
            "It reaches an AUC of 0.91 (accuracy 0.88) today.",
            [("auc", "0.91"), ("accuracy", "0.88")],
        ),
        ("The AUC was 0.91 (0.88 on CT) today.", [("auc", "0.91"), ("auc", "0.88")]),
    ],
)
def test_confidence_interval_bounds_are_not_results(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value bound to the metric before it is not taken by the metric after it
        ("It reaches an AUC of 0.91 and F1 of 0.85 overall.", [("auc", "0.91"), ("f1", "0.85")]),
        ("It reaches a Dice of 0.80 and IoU of 0.70 overall.", [("dice", "0.80"), ("iou", "0.70")]),
        # a value written before its metric still takes it
        ("It reaches 0.91 AUC and 0.85 F1 overall.", [("auc", "0.91"), ("f1", "0.85")]),
    ],
)
def test_value_takes_the_metric_it_is_bound_to(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_value_lists_after_a_single_metric(nlp: Language) -> None:
    text = (
        "It obtains a Dice of 0.80 for intramodal and 0.62 for intermodal, "
        "while X achieved 0.77 and 0.60, respectively."
    )
    assert results(nlp, text) == [("dice", v) for v in ("0.80", "0.62", "0.77", "0.60")]


def test_value_lists_need_a_single_metric(nlp: Language) -> None:
    # two metrics in the sentence: a far value is not guessed
    text = (
        "Accuracy of 0.80 was seen for the intramodal registration of adult brain scans "
        "from the first "
        "public cohort of the study site, and 0.62 for the rest, while Dice stays high."
    )
    assert results(nlp, text) == [("accuracy", "0.80")]
    # the same sentence with one metric: the far value is that metric's
    assert results(nlp, text.replace("Dice", "it")) == [("accuracy", "0.80"), ("accuracy", "0.62")]


def test_value_text_drops_latex(nlp: Language) -> None:
    assert results(nlp, "Accuracy reached 69.68\\% on the test set.") == [("accuracy", "69.68%")]
    assert clean_value_text("0.9 \\pm 0.1") == "0.9 ± 0.1"
    assert clean_value_text(" 81.2% ") == "81.2%"


def test_dataset_after_a_metric_that_follows_the_value() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("kg_concepts").initialize(
        nlp=pipeline, patterns=read_patterns(CONCEPT_PATTERN_FILES)
    )
    doc = pipeline("MedNet reaches 0.125 BLEU-4 on MIMIC-CXR today.")
    start = doc.text.index("MIMIC-CXR")
    doc.spans["kg_datasets"] = [
        doc.char_span(start, start + len("MIMIC-CXR"), label="dataset", kb_id="mimiccxr")
    ]
    extractor = spacy.registry.factories.get("kg_results")(pipeline, "kg_results")
    extractor.initialize(nlp=pipeline, patterns=read_patterns(["results"]))
    found: list[ResultMatch] = extractor(doc)._.kg_results
    assert [(r.value, r.dataset_key) for r in found] == [(Decimal("0.125"), "mimiccxr")]


@pytest.fixture(scope="module")
def nlp_full() -> Language:
    """Concepts, datasets and models, then results: the ties to names need the names."""
    import scispacy.abbreviation  # noqa: F401  (registers "abbreviation_detector")

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("abbreviation_detector")
    pipeline.add_pipe("kg_concepts").initialize(
        nlp=pipeline, patterns=read_patterns(CONCEPT_PATTERN_FILES)
    )
    pipeline.add_pipe("kg_entities").initialize(
        nlp=pipeline,
        patterns=read_patterns(["datasets", "models", "not_models", "not_names", "roles"]),
    )
    pipeline.add_pipe("kg_results").initialize(nlp=pipeline, patterns=read_patterns(["results"]))
    return pipeline


def ties(nlp: Language, text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(metric, value, model, dataset) of every absolute result."""
    return [
        (r.metric_key, r.value_text, r.model_key, r.dataset_key)
        for r in nlp(text)._.kg_results
        if not r.is_improvement
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 15, item 5: improvements over a baseline are not scores
        ("MedFoo raises accuracy by at least 20% on MedQA.", []),
        ("MedFoo raises accuracy by up to 5% and 7% on MedQA.", []),
        ("MedFoo raises accuracy by averaging 14.2% on MedQA.", []),
        ("It gives a 60% improvement in accuracy on MedQA.", []),
        ("It gives a 27% reduction in error rate on MedQA.", []),
        ("It shows a notable improvement of at least 6% in Dice.", []),
        ("It beats GPT-4 by +4.1 points in accuracy.", []),
        # ... but a score with a hedge, or a new value reached, is one
        ("MedFoo reaches an accuracy of at least 81% on MedQA.", [("accuracy", "81%")]),
        ("The AUC increased to 0.93 on MedQA.", [("auc", "0.93")]),
        # "from X to Y": Y is the result
        ("MedFoo lifts accuracy from 55.11% to 78.22% on MedQA.", [("accuracy", "78.22%")]),
        # (a "from" with no "to"; session 11: not "55.11% of cases", a share of items)
        ("Accuracy from 55.11% upward was kept on MedQA.", [("accuracy", "55.11%")]),
        # a change noun after the value in its own phrase only
        ("It reaches 81% accuracy and a higher F1 on MedQA.", [("accuracy", "81%")]),
    ],
)
def test_changes_are_not_scores(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # value lists tied to the dataset list in the same place
        (
            "MedFoo reaches Dice of 0.91, 0.85 and 0.78 on BraTS, KiTS and LiTS, respectively.",
            [
                ("dice", "0.91", "medfoo", "brats"),
                ("dice", "0.85", "medfoo", "kits"),
                ("dice", "0.78", "medfoo", "lits"),
            ],
        ),
        (
            "MedFoo reaches accuracies of 81.2% on MedQA, 75.4% on PubMedQA and 68.9% on MMLU.",
            [
                ("accuracy", "81.2%", "medfoo", "medqa"),
                ("accuracy", "75.4%", "medfoo", "pubmedqa"),
                ("accuracy", "68.9%", "medfoo", "mmlu"),
            ],
        ),
        # ... and to the model list before them
        (
            "GPT-4 and Claude-3 reach accuracies of 0.81 and 0.77 on MedQA.",
            [("accuracy", "0.81", "gpt4", "medqa"), ("accuracy", "0.77", "claude3", "medqa")],
        ),
        # metric lists zipped with value lists; the dataset after the list is everyone's
        (
            "Accuracy, F1 and AUC of 0.91, 0.85 and 0.88 were obtained on MedQA.",
            [
                ("accuracy", "0.91", None, "medqa"),
                ("f1", "0.85", None, "medqa"),
                ("auc", "0.88", None, "medqa"),
            ],
        ),
        # the dataset that closes a list of results is each result's ...
        (
            "MedFoo scores 0.125 BLEU-4 and 0.151 METEOR on MIMIC-CXR.",
            [("bleu", "0.125", "medfoo", "mimiccxr"), ("meteor", "0.151", "medfoo", "mimiccxr")],
        ),
        # ... unless a value has a place of its own
        (
            "MedFoo reaches 0.91 AUC on our data and 0.85 AUC on MedQA.",
            [("auc", "0.91", "medfoo", None), ("auc", "0.85", "medfoo", "medqa")],
        ),
        # "X for A, Y for B": the model after each value is its own
        (
            "Accuracies were 0.91 for GPT-4, 0.85 for Claude-3 and 0.80 for Llama-3 on MedQA.",
            [
                ("accuracy", "0.91", "gpt4", None),
                ("accuracy", "0.85", "claude3", None),
                ("accuracy", "0.80", "llama3", "medqa"),
            ],
        ),
        # ... not a model further on, nor one after a number
        (
            "MedFoo reaches a Dice of 0.91 with 3 times fewer parameters than GPT-4.",
            [("dice", "0.91", "medfoo", None)],
        ),
        # a value takes the metric of its own clause
        (
            "MedFoo achieved an AUC of 0.93, and its F1 score was 0.81.",
            [("auc", "0.93", "medfoo", None), ("f1", "0.81", "medfoo", None)],
        ),
        (
            "MedFoo obtains the best AUC (0.93) and F1 (0.81).",
            [("auc", "0.93", "medfoo", None), ("f1", "0.81", "medfoo", None)],
        ),
    ],
)
def test_value_lists_tie_names_in_order(
    nlp_full: Language, text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert ties(nlp_full, text) == expected


def test_strip_hedges_takes_the_longest_hedge_first() -> None:
    hedges = [("at", "least"), ("up", "to"), ("least",)]
    assert strip_hedges(["by", "at", "least"], hedges) == ["by"]
    assert strip_hedges(["by", "up", "to"], hedges) == ["by"]
    assert strip_hedges(["least"], hedges) == ["least"]  # a hedge alone is kept
    assert strip_hedges(["from", "55%", "to"], hedges) == ["from", "55%", "to"]


def test_change_noun_after_reads_four_words() -> None:
    cues = ResultCues.from_rows([{"cue": "improvement_after", "words": ["reduction"]}])
    assert change_noun_after("15% a b c reduction", 3, cues)
    assert not change_noun_after("15% a b c d reduction", 3, cues)
    assert not change_noun_after("15% on b reduction", 3, cues)


def test_is_starting_point_needs_from_and_to() -> None:
    def first(text: str) -> bool:
        match = VALUE_RE.search(text)
        assert match is not None
        return is_starting_point(match, text)

    assert first("from 55.1% to 78.2%")
    assert first("from 0.71 -> 0.78")
    assert not first("of 55.1% to 78.2%")
    assert not first("from 55.1% of cases")


def test_align_lists_reach_and_lengths() -> None:
    values = [(0, 4), (6, 10)]
    names = [[(50, 55, "brats"), (60, 64, "kits")]]
    assert align_lists(values, [[0, 1]], names, [None, None], False) == ["brats", "kits"]
    assert align_lists(values, [[0, 1]], names, [None, None], False, reach=39) == [None, None]
    assert align_lists(values, [[0, 1]], names, [None, None], True, reach=0) == ["brats", "kits"]
    before = [[(0, 5, "gpt4"), (10, 15, "claude3")]]
    later = [(55, 59), (61, 65)]
    assert align_lists(later, [[0, 1]], before, [None, None], False) == ["gpt4", "claude3"]
    assert align_lists(later, [[0, 1]], before, [None, None], False, reach=39) == [None, None]
    assert align_lists(values, [[0], [1]], names, [None, None], True) == [None, None]


def test_share_last_key_only_when_the_others_have_none() -> None:
    assert share_last_key([[0, 1, 2]], [None, None, "kits"]) == ["kits"] * 3
    assert share_last_key([[0, 1]], ["brats", "kits"]) == ["brats", "kits"]
    assert share_last_key([[0, 1]], ["kits", None]) == ["kits", None]
    assert share_last_key([[0]], [None]) == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value scoring a measure the recogniser does not know is not the earlier metric's
        ("It gets an F1 of 97.85 today, with a fizzle 97.38 overall.", [("f1", "97.85")]),
        ("It gets an HD95 of 2.5 and a SDlogJ of 0.22 overall.", [("hausdorffdistance", "2.5")]),
        # ... but a list, a verb or a stop word before the value keeps it
        ("It gets an F1 of 97.85 today, and 97.38 overall.", [("f1", "97.85"), ("f1", "97.38")]),
        ("It gets an F1 of 97.85 today, reaching 97.38 later.", [("f1", "97.85"), ("f1", "97.38")]),
        ("It gets an F1 of 97.85 and a fizzle 97.38 overall.", [("f1", "97.85"), ("f1", "97.38")]),
        (
            "It gets an HD95 of 2.5 and a Sdlogj of 0.22 overall.",
            [("hausdorffdistance", "2.5"), ("hausdorffdistance", "0.22")],
        ),
        (
            "It gets an HD95 of 2.5 and a sdlogj of 0.22 overall.",
            [
                ("hausdorffdistance", "2.5"),
                ("hausdorffdistance", "0.22"),
            ],
        ),
    ],
)
def test_a_value_of_an_unknown_measure_is_left_out(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_closes_value_list_bounds() -> None:
    links = frozenset({"on"})
    assert closes_value_list(["a"] * 11 + ["on"], links)  # twelve words
    assert not closes_value_list(["a"] * 12 + ["on"], links)  # thirteen
    assert closes_value_list(["x", "on", "the"], links)
    assert not closes_value_list(["x", "on", "the", "big"], links)


def test_model_after_takes_only_the_first_model_within_three_words() -> None:
    doc = spacy.blank("en")("0.91 vs Gpt4 for Claude3 and 0.85 for the very big Qwen2")
    spans = [doc[2:3], doc[4:5], doc[11:12]]
    assert model_after(doc, len("0.91"), spans) is None  # Gpt4 is not its own: no link
    value = doc[6]
    assert model_after(doc, value.idx + len(value), spans[2:]) is None  # four words between
    shorter = spacy.blank("en")("0.85 for the big Qwen2")
    assert model_after(shorter, len("0.85"), [shorter[4:5]]) is not None  # three


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 15, item 5: metrics the recogniser missed in lists and before a bare score
        (
            "The dice, accuracy, precision, specificity, IOU, and MCC metrics are 92.1%, "
            "99.0%, 91.9%, 99.5%, 85.9%, and 91.7%, respectively.",
            [
                ("dice", "92.1%"),
                ("accuracy", "99.0%"),
                ("precision", "91.9%"),
                ("specificity", "99.5%"),
                ("iou", "85.9%"),
                ("mcc", "91.7%"),
            ],
        ),
        (
            "It gets an F1 of 97.85, with a recall 97.38 overall.",
            [("f1", "97.85"), ("recall", "97.38")],
        ),
        ("It reaches a macro F-1 score of 84% on linking.", [("f1", "84%")]),
        ("It reaches a precision@10 of 0.68 today.", [("precisionk", "0.68")]),
        ("It reaches a P@5 of 0.68 today.", [("precisionk", "0.68")]),
        # the metric gates still hold: no score, no list, no metric
        ("We recall the patients today.", []),
        ("Domain specificity matters, with 0.9 overall.", []),
    ],
)
def test_metrics_in_lists_and_before_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit after a value bound to its metric is the score's unit
        ("Age prediction gave MAE: 4.1 years today.", [("meanabsoluteerror", "4.1")]),
        ("It reaches a Hausdorff distance of 3.2 mm today.", [("hausdorffdistance", "3.2")]),
        # ... a count after an unbound value stays a count
        ("The MAE was low for the 4.1 years cohort.", []),
        ("The AUC of 0.91 held at a mean age of 64.2 years.", [("auc", "0.91")]),
        # a unit that is never a score's unit stays a count even after a bound value
        ("It reaches an accuracy of 12 patients today.", []),
    ],
)
def test_measure_units_after_a_bound_value(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an interval right after a value, without "CI" words, holds no results
        ("It reaches an AUC of 77.1% (75.2%-78.3%) today.", [("auc", "77.1%")]),
        ("It reaches an AUC of 77.1% (75.2% to 78.3%) today.", [("auc", "77.1%")]),
        ("It reaches an AUC of 0.91 (0.88, 0.94) today.", [("auc", "0.91")]),
        # a bracket after a word, or with more than two numbers, holds scores
        ("The AUC and F1 (0.91, 0.85) were high.", [("auc", "0.91"), ("f1", "0.85")]),
        (
            "The AUC was 0.91 (0.88 on CT, 0.85 on MRI) today.",
            [("auc", "0.91"), ("auc", "0.88"), ("auc", "0.85")],
        ),
    ],
)
def test_intervals_in_brackets_are_not_results(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change verb with the metric as its object: the value is the change
        ("Adding X improves accuracy up to 6.7% today.", []),
        ("Adding X boosts F1 nearly 3.1% today.", []),
        ("Adding X improves accuracy 6.7% today.", []),
        # the value the metric reached, or a verb that is not a change
        ("Adding X improves accuracy to 86.1% today.", [("accuracy", "86.1%")]),
        ("The improved model reaches an accuracy of 86.1% today.", [("accuracy", "86.1%")]),
        ("Adding X gives accuracy up to 86.1% today.", [("accuracy", "86.1%")]),
        # thresholds surpassed are not scores
        ("It is the first model to surpass 80% accuracy today.", []),
    ],
)
def test_changes_stated_by_a_verb(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the same verb before each value of a one-metric sentence
        (
            "GPT-4 scored 86.1%, Claude-3 scored 80.2% and Gemini scored 75.3% accuracy.",
            [("accuracy", "86.1%"), ("accuracy", "80.2%"), ("accuracy", "75.3%")],
        ),
        # another verb, a binding word, or two metrics: no carry
        ("GPT-4 scored 86.1%, while Gemini reached 75.3% accuracy.", [("accuracy", "75.3%")]),
        (
            "GPT-4 scored 86.1%, and Gemini scored 75.3% accuracy and 0.81 F1.",
            [("accuracy", "75.3%"), ("f1", "0.81")],
        ),
    ],
)
def test_parallel_clauses_share_the_metric(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "of" before a number binds a score: the dataset closing the list is every value's
        (
            "It obtained BLEU-4 of 0.125 and METEOR of 0.151 on MIMIC-CXR.",
            [("bleu", "0.125", None, "mimiccxr"), ("meteor", "0.151", None, "mimiccxr")],
        ),
        # a place of its own keeps the first value off the last dataset
        (
            "It obtained BLEU-4 of 0.125 on internal data and METEOR of 0.151 on MIMIC-CXR.",
            [("bleu", "0.125", None, None), ("meteor", "0.151", None, "mimiccxr")],
        ),
    ],
)
def test_dataset_closing_a_list_of_bound_values(
    nlp_full: Language, text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert ties(nlp_full, text) == expected


def test_closes_value_list_skips_a_link_before_a_number() -> None:
    links = frozenset({"on", "of"})
    assert closes_value_list(["and", "meteor", "of", "0.151", "on"], links)
    assert not closes_value_list(["and", "meteor", "of", "x", "on"], links)  # "of x": a place
    assert closes_value_list(["of", "0.1"], frozenset({"of", "on"})) is False  # no place at all


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decimals listed with "/" zip with metrics listed with "/"
        (
            "It scored precision/recall/F1 of 0.90/0.85/0.87 today.",
            [("precision", "0.90"), ("recall", "0.85"), ("f1", "0.87")],
        ),
        ("It scored Dice/IoU of 0.88/0.79 today.", [("dice", "0.88"), ("iou", "0.79")]),
        # a slash after an integer is a fraction or a date, not a list
        ("It scored an accuracy of 0.88 in 3/4 cases today.", [("accuracy", "0.88")]),
        ("It scored an accuracy of 0.88 by 12/2021 today.", [("accuracy", "0.88")]),
        # ... and so is an integer after a decimal ("4" is not listed with "1.5")
        (
            "It scored an accuracy of 0.88 for 1.5/4 today.",
            [("accuracy", "0.88"), ("accuracy", "1.5")],
        ),
        (
            "It scored an accuracy of 0.88 for 1.5/4% today.",
            [("accuracy", "0.88"), ("accuracy", "1.5")],
        ),
        # a metric alone in brackets right after a value names it
        (
            "It reaches 0.125 (BLEU-4) and 0.151 (METEOR) today.",
            [("bleu", "0.125"), ("meteor", "0.151")],
        ),
        ("It reaches 0.125 (BLEU-4 mostly) today.", []),
    ],
)
def test_slash_lists_and_bracketed_metrics(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_measures_another_bounds() -> None:
    """Survivors of the mutation run: each condition of ``measures_another`` on both sides."""
    blank = spacy.blank("en")
    # a value right after the metric measures nothing else
    assert not measures_another(blank("F1 0.9"), 1, 1)
    # a name-shaped measure bound by "of", "=" or ":", even right after the metric
    for binder in ("of", "=", ":"):
        assert measures_another(blank(f"HD95 and SDlogJ {binder} 0.22"), 1, 4)
    assert measures_another(blank("HD95 SDlogJ of 0.22"), 1, 3)
    assert measures_another(blank("F1 , aB of 0.2"), 1, 4)  # capital after the first letter
    assert not measures_another(blank("F1 , Ab of 0.2"), 1, 4)
    # a plain noun after a comma or semicolon; not a plural, participle or gerund
    assert measures_another(blank("F1 of 97.8 ; with a fizzle 97.3"), 1, 7)
    assert not measures_another(blank("F1 of 97.8 , with fizzles 97.3"), 1, 6)
    assert not measures_another(blank("F1 of 97.8 , with fizzled 97.3"), 1, 6)


def test_names_in_brackets_needs_both_brackets() -> None:
    doc = spacy.blank("en")("0.125 ( BLEU-4")
    assert not names_in_brackets(doc, 1, doc[2:3])  # no closing bracket before the end
    doc = spacy.blank("en")("0.125 ( BLEU-4 )")
    assert names_in_brackets(doc, 1, doc[2:3])
    assert not names_in_brackets(doc, 0, doc[2:3])  # not right after the value


@pytest.fixture(scope="module")
def nlp_tokenized() -> Language:
    """The results pipeline with medkg's own tokenizer (it splits "F1=0.82", "Dice/0.79")."""
    from kg.nlp import create_scispacy_tokenizer

    pipeline = spacy.blank("en")
    pipeline.tokenizer = create_scispacy_tokenizer()(pipeline)
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("kg_concepts").initialize(
        nlp=pipeline, patterns=read_patterns(CONCEPT_PATTERN_FILES)
    )
    pipeline.add_pipe("kg_results").initialize(nlp=pipeline, patterns=read_patterns(["results"]))
    return pipeline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 15, item 5: a score glued to its metric by "=" or after a slash
        ("It reached an f1-score=59.0 today.", [("f1", "59.0")]),
        ("It reached F1=0.82, AUC=0.91 today.", [("f1", "0.82"), ("auc", "0.91")]),
        ("It reached 0.88 Dice/0.79 IoU today.", [("dice", "0.88"), ("iou", "0.79")]),
        # a whole number after a word and a slash is a variant or a fraction, not a score
        ("It reached a Dice of 0.88 with ViT-L/14 today.", [("dice", "0.88")]),
    ],
)
def test_scores_glued_to_their_metric(
    nlp_tokenized: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp_tokenized, text) == expected


def test_listed_after_slash_bounds() -> None:
    t = "0.88/0.79 0.88 Dice/0.79 3/4 L/14 L/4.5 1/0.5 ./0.5 12/0.25"
    # a decimal after a decimal or a letter
    assert listed_after_slash(t, t.index("0.79 0.88"), "0.79")
    assert listed_after_slash(t, t.index("0.79 3"), "0.79")
    assert listed_after_slash(t, t.index("4.5"), "4.5")
    # a whole number never; a decimal after a whole number or a point neither
    assert not listed_after_slash(t, t.index("14"), "14")
    assert not listed_after_slash(t, t.index("0.5 ./"), "0.5")
    assert not listed_after_slash(t, t.index("0.5 12"), "0.5")
    assert not listed_after_slash(t, t.index("0.25"), "0.25")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 15, item 5: values listed before the metric written after the last one
        (
            "It reached 91.2%, 85.4% and 78.1% accuracy on A, B and C.",
            [("accuracy", "91.2%"), ("accuracy", "85.4%"), ("accuracy", "78.1%")],
        ),
        (
            "It reached 91.2% and 78.1% accuracy today.",
            [("accuracy", "91.2%"), ("accuracy", "78.1%")],
        ),
        # a value bound to a metric of its own keeps it
        ("It reached an AUC of 0.91 and 0.85 F1 today.", [("auc", "0.91"), ("f1", "0.85")]),
        # a value that is not listed with the last one (a clause between) is not shared
        ("It reached 91.2% with ease, then 78.1% accuracy today.", [("accuracy", "78.1%")]),
    ],
)
def test_value_lists_before_their_metric(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_share_following_metric_only_from_the_last_value() -> None:
    doc = spacy.blank("en")("accuracy F1")
    acc, f1 = doc[0:1], doc[1:2]
    # the last value took the metric after it: the others of its list take it
    assert share_following_metric([[0, 1, 2]], {2: acc}, {2}) == {0: acc, 1: acc, 2: acc}
    # a value tied otherwise keeps its metric
    assert share_following_metric([[0, 1]], {0: f1, 1: acc}, {1}) == {0: f1, 1: acc}
    # the last value's metric did not follow it, or the followed value is not the last
    assert share_following_metric([[0, 1]], {1: acc}, set()) == {1: acc}
    assert share_following_metric([[0, 1]], {0: acc}, {0}) == {0: acc}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # metrics the vocabulary lacked (issue 15, item 5: metrics not recognised)
        (
            "It reached an NSD of 0.88 and an R-squared of 0.71 today.",
            [("normalizedsurfacedistance", "0.88"), ("coefficientofdetermination", "0.71")],
        ),
        (
            "The intraclass correlation coefficient was 0.91 today.",
            [("intraclasscorrelation", "0.91")],
        ),
        # "ICC" alone also abbreviates intrahepatic cholangiocarcinoma: no metric
        ("The ICC was 0.91 today.", []),
    ],
)
def test_metrics_added_to_the_vocabulary(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def datasets(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    """(value text, dataset key) of every absolute result; datasets are marked by hand."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    doc.spans["kg_datasets"] = [
        Span(doc, t.i, t.i + 1, kb_id=t.lower_)
        for t in doc
        if t.text in {"MedQA", "PubMedQA", "MMLU"}
    ]
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return [(r.value_text, r.dataset_key) for r in doc._.kg_results if not r.is_improvement]


def test_values_listed_with_their_places_share_the_metric_after_them(nlp: Language) -> None:
    text = "It reached 91.2% on MedQA, 85.4% on PubMedQA and 78.1% on MMLU in accuracy."
    assert results(nlp, text) == [
        ("accuracy", "91.2%"),
        ("accuracy", "85.4%"),
        ("accuracy", "78.1%"),
    ]
    # each value keeps its own dataset: the metric after the list is not in its phrase
    assert datasets(nlp, text) == [("91.2%", "medqa"), ("85.4%", "pubmedqa"), ("78.1%", "mmlu")]
    # the metric right after a value still moves the dataset search past it
    assert datasets(nlp, "It reached 78.1% accuracy on MMLU today.") == [("78.1%", "mmlu")]


def test_place_list_groups_bounds() -> None:
    cues = ResultCues.from_rows([{"cue": "dataset_links", "words": ["on", "for"]}])

    def groups(text: str) -> list[list[int]]:
        spans = [(m.start(), m.end()) for m in VALUE_RE.finditer(text)]
        return place_list_groups(spans, text, cues)

    assert groups("1.1% on A, 2.2% on B and 3.3% on C") == [[0, 1, 2]]
    assert groups("1.1% on A, and 2.2% for B") == [[0, 1]]
    assert groups("1.1% on a b c d, 2.2%") == [[0, 1]]  # four words
    assert groups("1.1% on a b c d e, 2.2%") == []  # five
    assert groups("1.1% in A, 2.2% in B") == []  # not a dataset link here
    assert groups("1.1% on A; 2.2% on B") == []  # a semicolon ends the list
    assert groups("1.1% on A 2.2% on B") == []  # no joiner
    assert groups("1.1% on BraTS-2021, 2.2% on KiTS19") == [[0, 1]]  # digits in names
    assert groups("1.1% on A, 2.2% x, 3.3% on C, 4.4% on D") == [[0, 1], [2, 3]]


def test_place_after_takes_the_metric_only_right_after_the_value() -> None:
    text = "0.1 F1 x 0.2   F1 0.3    F1"
    doc = spacy.blank("en")(text)
    f1s = [t for t in doc if t.text == "F1"]
    spans = [doc[t.i : t.i + 1] for t in f1s]
    assert place_after(3, spans[0]) == 6  # one character between value and metric
    assert place_after(12, spans[1]) == 17  # three
    assert place_after(21, spans[2]) == 21  # four: the metric is not the value's own
    assert place_after(7, spans[0]) == 7  # a metric before the value
    assert [t.idx for t in f1s] == [4, 15, 25]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # square brackets hold confidence intervals and intervals as round ones do
        ("It reached AUC 0.91 [95% CI 0.88-0.94] today.", [("auc", "0.91")]),
        ("It reached AUC 0.91 [0.88-0.94] and F1 0.82.", [("auc", "0.91"), ("f1", "0.82")]),
        ("It reached AUC 0.91 [F1 0.82] today.", [("auc", "0.91"), ("f1", "0.82")]),
        # a determiner may open the next metric of a list
        ("The F1 and the AUC reached 0.82 and 0.91 today.", [("f1", "0.82"), ("auc", "0.91")]),
        ("The F1 and its AUC reached 0.82 and 0.91 today.", [("f1", "0.82"), ("auc", "0.91")]),
        ("The F1 and a AUC reached 0.82 and 0.91 today.", [("auc", "0.82"), ("auc", "0.91")]),
        # at most two joining words between two metrics of a list
        ("The F1, and the AUC reached 0.82 and 0.91 today.", [("auc", "0.82"), ("auc", "0.91")]),
    ],
)
def test_square_brackets_and_determiners_in_metric_lists(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_open_bracket_reads_both_kinds() -> None:
    t = "a (b [c] d e] f [g) h"
    assert open_bracket(t, t.index("c")) == t.index("[")
    assert open_bracket(t, t.index("d")) == -1  # "]" closed the last one
    assert open_bracket(t, t.index("f")) == -1
    assert open_bracket(t, t.index("g")) == t.rindex("[")
    assert open_bracket(t, t.index("h")) == -1
    assert open_bracket(t, t.index("b")) == t.index("(")
    assert open_bracket(t, 0) == -1


def test_a_name_alone_in_brackets_after_a_value_is_its_place(nlp: Language) -> None:
    text = "It reached F1 scores of 0.82 (MedQA), 0.76 (PubMedQA x) and 0.71 MMLU) today."
    assert datasets(nlp, text) == [("0.82", "medqa"), ("0.76", None), ("0.71", None)]
    doc = spacy.blank("en")("0.85 ( Gpt4 ) and 0.80 ( ( Gpt5 )")
    assert model_after(doc, doc[0].idx + 4, [doc[2:3]]) is not None
    assert model_after(doc, doc[5].idx + 4, [doc[8:9]]) is None  # two brackets between


def test_bracketed_alone_needs_one_opening_and_a_closing_bracket() -> None:
    doc = spacy.blank("en")("( A ) [ B ) ( C ] ( D")
    assert bracketed_alone([doc[0]], doc[1:2])
    assert not bracketed_alone([doc[3]], doc[4:5])  # square brackets are not read
    assert not bracketed_alone([doc[6]], doc[7:8])
    assert not bracketed_alone([doc[9]], doc[10:11])  # the text ends after the name
    assert not bracketed_alone([doc[0], doc[0]], doc[1:2])


# -- generalisation to unseen phrasing (issue 15, item 5; tests/data/challenge_roles_results) --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a CI bracket after a value's metric is no value of that metric ...
        ("The tool scored 81.5% accuracy (95% CI 79.0-84.0) overall.", [("accuracy", "81.5%")]),
        ("The tool scored 0.72 sensitivity [90% CI 0.70-0.75] overall.", [("sensitivity", "0.72")]),
    ],
)
def test_interval_bracket_after_a_metric(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_opens_interval_bounds() -> None:
    from kg.nlp.components.results import binds_value, opens_interval

    blank = spacy.blank("en")
    # a bracket holding a score binds it to the metric before; an interval bracket does not
    assert binds_value(blank("sensitivity ( 0.65 )"), 1)
    assert not binds_value(blank("sensitivity ( 95 % CI 0.6 - 0.7 )"), 1)
    assert opens_interval(blank("( 95 % CI 1 - 2 )"), 0)
    assert opens_interval(blank("[ 90 confidence interval"), 0)
    assert opens_interval(blank("( 95 % IQR 1 - 2 )"), 0)
    assert not opens_interval(blank("( 0.91 )"), 0)  # a score
    assert not opens_interval(blank("( 95 % of cases )"), 0)  # no interval word
    assert not opens_interval(blank("95 % CI"), 0)  # no bracket
    assert not opens_interval(blank("( CI 1 - 2 )"), 0)  # no level first
    assert not opens_interval(blank("("), 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a coordinated clause naming only where the value was measured keeps the metric
        (
            "It gets an AUC of 0.88 on cohort A, and on the external cohort 0.84.",
            [("auc", "0.88"), ("auc", "0.84")],
        ),
        (
            "Its accuracy is 0.90 at one site, in the other site 0.86.",
            [("accuracy", "0.90"), ("accuracy", "0.86")],
        ),
        # a noun of its own after the comma still measures something else
        ("It has an F1 of 0.81, with a kappa 0.74 today.", [("f1", "0.81")]),
    ],
)
def test_place_clause_keeps_the_metric(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [r for r in results(nlp, text) if r[0] in {"auc", "accuracy", "f1"}] == expected


def test_names_a_place_bounds() -> None:
    from kg.nlp.components.results import names_a_place

    places = frozenset({"on", "in"})
    assert names_a_place(["of", "0.9", ",", "and", "on", "the", "test", "set"], places)
    assert names_a_place(["of", "0.9", ",", "in", "site", "b"], places)
    assert names_a_place(["of", "0.9", ";", "on", "b"], places)
    assert not names_a_place(["of", "0.9", ",", "on"], places)  # a place needs a word after it
    assert not names_a_place(["of", "0.9", ",", "with", "a", "recall"], places)
    assert not names_a_place(["of", "0.9", "on", "the", "test", "set"], places)  # no comma
    assert not names_a_place(["of", "0.9", ",", "and"], places)
    assert not names_a_place(["of", "0.9", ",", "and", "the", "test", "set"], places)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare value list after a clause of bound metrics takes them in order
        (
            "Ours has a precision of 0.91 and a recall of 0.85, while the baseline has 0.88 "
            "and 0.80.",
            [("precision", "0.91"), ("recall", "0.85"), ("precision", "0.88"), ("recall", "0.80")],
        ),
        # a list as long as the bound values only: three values after two metrics do not
        (
            "Ours has a precision of 0.91 and a recall of 0.85, and others 0.88, 0.80 and 0.70.",
            [
                ("precision", "0.91"),
                ("recall", "0.85"),
                ("recall", "0.88"),
                ("recall", "0.80"),
                ("recall", "0.70"),
            ],
        ),
    ],
)
def test_value_list_echoes_the_metric_sequence(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_echo_metric_sequence_bounds() -> None:
    from kg.nlp.components.results import echo_metric_sequence

    both = {0: "acc", 1: "auc", 2: "auc", 3: "auc"}
    assert echo_metric_sequence([[2, 3]], both, {0, 1}, {2, 3}) == {
        0: "acc",
        1: "auc",
        2: "acc",
        3: "auc",
    }
    # a value of the list bound on its own: no echo
    assert echo_metric_sequence([[2, 3]], both, {0, 1}, {2}) == both
    # an earlier value not bound: no echo
    assert echo_metric_sequence([[2, 3]], both, {1}, {2, 3}) == both
    # the same metric twice gives no order
    same = {0: "auc", 1: "auc", 2: "auc", 3: "auc"}
    assert echo_metric_sequence([[2, 3]], same, {0, 1}, {2, 3}) == same

    # two mentions of one metric (same key) give no order either
    class Metric:
        def __init__(self, key: str) -> None:
            self.kb_id_ = key

    first, second = Metric("auc"), Metric("auc")
    twice = {0: first, 1: second, 2: second, 3: second}
    assert echo_metric_sequence([[2, 3]], twice, {0, 1}, {2, 3}) == twice
    # a list of one, or without enough values before it
    assert echo_metric_sequence([[1]], {0: "acc", 1: "auc"}, {0}, {1}) == {0: "acc", 1: "auc"}
    assert echo_metric_sequence([[1, 2]], {0: "a", 1: "b", 2: "b"}, {0}, {1, 2}) == {
        0: "a",
        1: "b",
        2: "b",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It scores a Dice between 0.61 and 0.83 today.", [("dice", "0.61")]),
        ("Its Dice ranged between 61% and 83% today.", [("dice", "61%")]),
        ("It scores a Dice of 0.61 and 0.83 today.", [("dice", "0.61"), ("dice", "0.83")]),
    ],
)
def test_a_range_between_two_values_is_one_result(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def results_with_models(
    nlp: Language, text: str, models: list[str], datasets: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """(metric key, value text) of every absolute result, with ``models`` and ``datasets``
    marked as name spans (first occurrence of each) before the results component runs."""
    doc = nlp.make_doc(text)
    for _name, proc in nlp.pipeline:
        if _name == "kg_results":
            break
        doc = proc(doc)
    spans = []
    for name in models:
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label="model", kb_id=name.lower()))
    doc.spans["kg_models"] = spans
    doc.spans["kg_datasets"] = [
        doc.char_span(text.index(d), text.index(d) + len(d), label="dataset", kb_id=d.lower())
        for d in datasets
    ]
    doc = nlp.get_pipe("kg_results")(doc)
    return [(r.metric_key, r.value_text) for r in doc._.kg_results if not r.is_improvement]


@pytest.mark.parametrize(
    ("text", "models", "expected"),
    [
        # digits inside a model name are no value
        (
            "It beats Flib 2.0 with an accuracy of 0.81 today.",
            ["Flib 2.0"],
            [("accuracy", "0.81")],
        ),
        ("It beats Flib with an accuracy of 2.0 today.", ["Flib"], [("accuracy", "2.0")]),
        # a bracketed "name: value" is that name's value of the metric before it
        (
            "The accuracy of Flib 2.0 is 0.81 today.",
            ["Flib 2.0"],
            [("accuracy", "0.81")],
        ),
        (
            "It has an accuracy of 71.5% (FlibQ: 70.2%) today.",
            ["FlibQ"],
            [("accuracy", "71.5%"), ("accuracy", "70.2%")],
        ),
        (
            "It has an accuracy of 71.5% (FlibQ = 70.2%) today.",
            ["FlibQ"],
            [("accuracy", "71.5%"), ("accuracy", "70.2%")],
        ),
        # a measure-shaped word before ":" that is no name still measures something else
        ("It has an accuracy of 71.5% (FlibQ: 70.2%) today.", [], [("accuracy", "71.5%")]),
        # ... and a name not opening a bracket or list item is read as before
        ("It has an accuracy of 71.5% and FlibQ: 70.2% today.", ["FlibQ"], [("accuracy", "71.5%")]),
    ],
)
def test_values_and_model_names(
    nlp: Language, text: str, models: list[str], expected: list[tuple[str, str]]
) -> None:
    assert results_with_models(nlp, text, models) == expected


def test_digits_inside_a_dataset_name_are_no_value(nlp: Language) -> None:
    text = "The accuracy on FooSet 3.5 is 0.81 today."
    assert results_with_models(nlp, text, [], ("FooSet 3.5",)) == [("accuracy", "0.81")]


def test_listed_name_bounds() -> None:
    from kg.nlp.components.results import listed_name

    d = spacy.blank("en")("( X : 1 ; Y : 2 , W : 4 [ V : 5 and Z : 3")
    assert [listed_name(d, i) for i in (1, 5, 9, 13)] == [True, True, True, True]
    assert not listed_name(d, 17)  # after "and"
    assert not listed_name(d, 0)
    assert not listed_name(spacy.blank("en")("X : 1 ,"), 0)  # no token before the first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the threshold a metric is read at is no result, nor does it take later values
        (
            "The mAP at IoU 0.5 was 0.62 and 0.58 for two models.",
            [("meanaverageprecision", "0.62"), ("meanaverageprecision", "0.58")],
        ),
        (
            "Sensitivity at specificity 0.90 was 0.81 for the model.",
            [("sensitivity", "0.81")],
        ),
        (
            "The model reached a sensitivity of 0.81 at specificity 0.90.",
            [("sensitivity", "0.81")],
        ),
        # "at a <metric> of <value>" is a score reached
        (
            "Its specificity was 0.88 at a sensitivity of 0.80 today.",
            [("specificity", "0.88"), ("sensitivity", "0.80")],
        ),
        # a value list after a value that took the metric after it echoes the metrics in order
        (
            "It scores 91.0% accuracy and an F1 of 0.90, versus 85.0% and 0.80 for others.",
            [("accuracy", "91.0%"), ("f1", "0.90"), ("accuracy", "85.0%"), ("f1", "0.80")],
        ),
    ],
)
def test_thresholds_and_echoed_lists(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_is_threshold_bounds() -> None:
    from kg.nlp.components.results import is_threshold

    d = spacy.blank("en")("mAP at IoU 0.5 , IoU of 0.6 , at a IoU of 0.7 @ IoU = 0.5 at IoU on")
    assert is_threshold(d, d[2:3])
    assert is_threshold(d, d[15:16])  # "@" and a binding word
    assert not is_threshold(d, d[5:6])  # no "at"
    assert not is_threshold(d, d[11:12])  # an article between
    assert not is_threshold(d, d[19:20])  # no value of its own
    assert not is_threshold(d, d[0:1])  # first token
    last_at = spacy.blank("en")("IoU 0.5 at")
    assert not is_threshold(last_at, last_at[0:1])  # nothing before the first token


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 15, item 5 (third round): a metric after a comparison word is a bound ...
        ("No reader exceeds an AUC of 0.70 here.", []),
        ("All runs stay above a Dice of 0.80 here.", []),
        ("No reader exceeds an AUC of 0.70; the best scores 0.66.", [("auc", "0.66")]),
        # ... but not after another word, or a definite article
        ("The reader reaches an AUC of 0.70 here.", [("auc", "0.70")]),
        ("The reader exceeds the AUC of 0.70 here.", [("auc", "0.70")]),
        # a count per unit bound to its metric is the score's unit; a count alone is not
        ("The MAE was 3.2 cells per image here.", [("meanabsoluteerror", "3.2")]),
        ("The MAE was 3.2 cells here.", []),
        # LaTeX math delimiters between the metric and its value
        (
            "The mean absolute error was $3.2 \\pm 0.4$ cells per image.",
            [("meanabsoluteerror", "3.2 ± 0.4")],
        ),
        ("The accuracy was $0.912$ overall.", [("accuracy", "0.912")]),
        # a value after two bound metrics takes the one written the same way
        (
            "It has an accuracy of 87.5% and a kappa of 0.90, against 84.1% for the rest.",
            [("accuracy", "87.5%"), ("cohenskappa", "0.90"), ("accuracy", "84.1%")],
        ),
        (
            "It has an accuracy of 87.5% and a kappa of 0.90, against 0.84 for the rest.",
            [("accuracy", "87.5%"), ("cohenskappa", "0.90"), ("cohenskappa", "0.84")],
        ),
        # a table written in the text: the header's metrics in order
        (
            "Reader | Sensitivity | Specificity: first | 0.93 | 0.89.",
            [("sensitivity", "0.93"), ("specificity", "0.89")],
        ),
        # "<change verb> this to V" raises the one metric of the sentence before
        (
            "The base model has an accuracy of 61.2%. Ours lifts this to 79.5%.",
            [("accuracy", "61.2%"), ("accuracy", "79.5%")],
        ),
        (
            "The base model has an accuracy of 61.2%. Ours lifts this by 9.5%.",
            [("accuracy", "61.2%")],
        ),
        (
            "The base model has an accuracy of 61.2% and an F1 of 0.6. Ours lifts this to 79.5%.",
            [("accuracy", "61.2%"), ("f1", "0.6")],
        ),
        ("The base model is slow. Ours lifts this to 79.5%.", []),
        # only the sentence right before: a sentence without a metric ends the carry
        (
            "The base model has an accuracy of 61.2%. It is slow. Ours lifts this to 79.5%.",
            [("accuracy", "61.2%")],
        ),
    ],
)
def test_third_round_decisions(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert results(nlp, text) == expected


def test_names_joined_by_our_align_with_respectively(nlp: Language) -> None:
    text = "GruBase and our Tempo-9 reached AUCs of 0.71 and 0.76, respectively, here."
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "kg_results":
            break
        doc = proc(doc)
    doc.spans["kg_models"] = [
        doc.char_span(text.index(n), text.index(n) + len(n), label="model", kb_id=n.lower())
        for n in ("GruBase", "Tempo-9")
    ]
    doc.spans["kg_datasets"] = []
    doc = nlp.get_pipe("kg_results")(doc)
    assert [(r.value_text, r.model_key) for r in doc._.kg_results] == [
        ("0.71", "grubase"),
        ("0.76", "tempo-9"),
    ]


@pytest.mark.parametrize(
    ("text", "dataset"),
    [
        ("On the Glandix data, it obtains a Dice of 0.921.", "glandix"),
        ("On Glandix, it obtains a Dice of 0.921.", "glandix"),
        ("With the Glandix data, it obtains a Dice of 0.921.", "glandix"),
        ("Unlike the Glandix data, it obtains a Dice of 0.921.", None),
    ],
)
def test_dataset_before_the_value_may_take_an_article(
    nlp: Language, text: str, dataset: str | None
) -> None:
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "kg_results":
            break
        doc = proc(doc)
    start = text.index("Glandix")
    doc.spans["kg_datasets"] = [doc.char_span(start, start + 7, label="dataset", kb_id="glandix")]
    doc.spans["kg_models"] = []
    doc = nlp.get_pipe("kg_results")(doc)
    assert [r.dataset_key for r in doc._.kg_results] == [dataset]


def test_third_round_helpers_bounds() -> None:
    from kg.nlp.components.results import (
        is_rate_unit,
        prefer_same_form,
        raised_to,
        value_form,
    )

    assert is_rate_unit(["cells", "per"])
    assert not is_rate_unit(["per"])
    assert not is_rate_unit(["cells", "in"])
    assert [value_form(VALUE_RE.search(t)) for t in ("1.0", "1.01", "0.5%", "0.5 percent")] == [
        "fraction",
        "whole",
        "whole",
        "whole",
    ]
    forms = ["whole", "fraction", "whole"]
    assert prefer_same_form(forms, {0: "a", 1: "k", 2: "k"}, {0, 1}, {2})[2] == "a"
    # two earlier metrics written the same way: no choice between them
    forms = ["whole", "whole", "fraction", "whole"]
    assert prefer_same_form(forms, {0: "a", 1: "b", 2: "k", 3: "k"}, {0, 1, 2}, {3})[3] == "k"
    # a value bound after the one to move is not earlier
    forms = ["fraction", "whole", "whole", "fraction"]
    assert prefer_same_form(forms, {0: "k", 1: "k", 2: "a", 3: "k"}, {0, 2, 3}, {1})[1] == "k"
    # the nearest bound value written the same way: the value keeps its metric
    assert prefer_same_form(["whole", "whole"], {0: "a", 1: "m"}, {0}, {1})[1] == "m"
    cues = ResultCues(
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        change_verbs=frozenset({"raises"}),
    )
    assert raised_to(["raises", "it", "to"], cues)
    assert not raised_to(["it", "to"], cues)
    assert not raised_to(["raises", "them", "by"], cues)
    assert not raised_to(["lowers", "it", "to"], cues)
    assert not raised_to(["raises", "accuracy", "to"], cues)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value with a measure unit set against a score just stated is a score too ...
        (
            "The MAE was 1.8 mm against 3.4 mm for the rest.",
            [("meanabsoluteerror", "1.8"), ("meanabsoluteerror", "3.4")],
        ),
        (
            "The MAE was 1.8 mm versus 3.4 mm before.",
            [("meanabsoluteerror", "1.8"), ("meanabsoluteerror", "3.4")],
        ),
        # ... but not a measure after another word, or a count after "against"
        ("The MAE was 1.8 mm against 3.5 cases before.", [("meanabsoluteerror", "1.8")]),
        ("The MAE was 1.8 mm with 3.4 mm slices.", [("meanabsoluteerror", "1.8")]),
        # a value right after a comparison word is a bound; "over" is a hedge
        ("Runs with an AUC above 0.8 were kept.", []),
        ("Runs with an AUC exceeding 0.8 were kept.", []),
        ("It reached an accuracy of over 90% here.", [("accuracy", "90%")]),
        # "by X to Y": Y is the score reached when it is far above the change
        ("It raises the AUC by 0.05 to 0.93 here.", [("auc", "0.93")]),
        ("It raises the accuracy by 4.1 points to 85.3% here.", [("accuracy", "85.3%")]),
        ("It raises the accuracy by 2% to 5% here.", []),
        ("It raises the accuracy by 2% to 10% here.", []),
        ("It raises the accuracy by 2% to 10.1% here.", [("accuracy", "10.1%")]),
    ],
)
def test_third_round_second_batch_decisions(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_reached_after_change_reads_the_change_before_to() -> None:
    from kg.nlp.components.results import reached_after_change

    def reached(text: str, value: str) -> bool:
        match = VALUE_RE.search(text, text.index(value))
        assert match is not None
        return reached_after_change(match, text)

    assert reached("by 0.05 to 0.93", "0.93")
    assert reached("by 1 pp to 85%", "85%")
    assert not reached("to 0.93", "0.93")
    assert not reached("by 0.2 to 1.0", "1.0")  # exactly five times: still a range
    assert not reached("by 0.05 and to 0.93", "0.93")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the operating point a score is read at: "at" before it, a rate after it
        ("It has a sensitivity of 88% at 2.1 false positives per scan.", [("sensitivity", "88%")]),
        ("It has a sensitivity of 88% at 2.1 FPs per scan.", [("sensitivity", "88%")]),
        (
            "It has a sensitivity of 88% at a specificity of 0.9 here.",
            [("sensitivity", "88%"), ("specificity", "0.9")],
        ),
        # "within X of": a gap to another score, not a score; "within X" alone is read as before
        ("The AUC stays within 0.91 here.", [("auc", "0.91")]),
        ("It reaches a mean AUC of 0.86, within 0.02 of full supervision.", [("auc", "0.86")]),
        (
            "It reaches a mean AUC of 0.86, and within the test set 0.84.",
            [("auc", "0.86"), ("auc", "0.84")],
        ),
    ],
)
def test_operating_points_and_gaps_are_not_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_is_operating_point_bounds() -> None:
    from kg.nlp.components.results import is_operating_point

    assert is_operating_point(["at"], ["fp", "per"])
    assert is_operating_point(["at"], ["false", "positives", "per"])
    assert not is_operating_point(["at"], ["a", "b", "c", "per"])
    assert not is_operating_point([], ["per"])
    assert not is_operating_point(["on"], ["per"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a metric alone in brackets after the value's phrase names its measure
        (
            "It has 91% accuracy and ranks 0.84 of the true pairs first (AUC).",
            [("accuracy", "91%"), ("auc", "0.84")],
        ),
        (
            "It has 91% accuracy and ranks 0.84 of the true pairs first (AUC 0.8).",
            [("accuracy", "91%"), ("accuracy", "0.84"), ("auc", "0.8")],
        ),
        # a measure noun right after a value: the score of a measure no metric covers
        ("It reaches 99.4% accuracy and as low as 0.31 error.", [("accuracy", "99.4%")]),
        (
            "It reaches 99.4% accuracy and as high as 0.31 here.",
            [("accuracy", "99.4%"), ("accuracy", "0.31")],
        ),
        # a comparison word before a generic noun: a bound
        ("It has an error rate of 9% and surpasses a score of 90% at last.", [("errorrate", "9%")]),
        (
            "It has an error rate of 9% and reaches a score of 90% at last.",
            [("errorrate", "9%"), ("errorrate", "90%")],
        ),
    ],
)
def test_bracketed_metrics_measure_nouns_and_generic_bounds(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_names_a_bound_bounds() -> None:
    from kg.nlp.components.results import names_a_bound

    cues = ResultCues(
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        bound_before=frozenset({"exceeds", "over"}),
        hedges=(("over",),),
    )
    assert names_a_bound(["exceeds", "the", "threshold", "of"], cues)
    assert names_a_bound(["exceeds", "value", "of"], cues)
    assert not names_a_bound(["over", "a", "score", "of"], cues)  # a hedge: "over a score of"
    assert not names_a_bound(["exceeds", "a", "score"], cues)
    assert not names_a_bound(["exceeds", "a", "dice", "of"], cues)
    assert not names_a_bound(["score", "of"], cues)
    assert not names_a_bound(["a", "score", "of"], cues)


def test_bracketed_metric_after_bounds() -> None:
    from kg.nlp.components.results import bracketed_metric_after, names_a_bound

    d = spacy.blank("en")("it has 64 % of the items ( recall ) and ( F1 0.8 ) , F1 )")
    recall, f1, bare = d[8:9], d[12:13], d[16:17]
    assert bracketed_metric_after(d, 4, [recall], 99) == recall
    assert bracketed_metric_after(d, 4, [recall], 99, reach=4) == recall  # 8 - 4 = 4
    assert bracketed_metric_after(d, 4, [recall], 99, reach=3) is None
    assert bracketed_metric_after(d, 4, [recall], recall.start_char) is None  # a value first
    assert bracketed_metric_after(d, 4, [f1], 99) is None  # a value of its own
    assert bracketed_metric_after(d, 4, [bare], 99, reach=20) is None  # no opening bracket
    assert bracketed_metric_after(d, 9, [recall], 99) is None  # before the value
    cues = ResultCues(
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        bound_before=frozenset({"exceeds"}),
    )
    assert not names_a_bound(["exceeds", "score", "x"], cues)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # correlation written with its Greek or Latin symbol
        (
            "Our scores agree with the raters (Spearman ρ = 0.57).",
            [("spearmancorrelation", "0.57")],
        ),
        (
            "Estimated volumes track the reference, Pearson r = 0.88.",
            [("pearsoncorrelation", "0.88")],
        ),
        # measures of other fields that are scores as well
        ("The predictor reaches an Fmax of 0.64 on held-out enzymes.", [("fmax", "0.64")]),
        (
            "The detector has a CPM of 0.87 on the public nodule set.",
            [("competitionperformancemetric", "0.87")],
        ),
        ("Generated reports reach a GREEN score of 0.41.", [("green", "0.41")]),
        (
            "The risk model has an integrated Brier score of 0.12.",
            [("integratedbrierscore", "0.12")],
        ),
        # a variant of F1 is F1 (metric_fold_targets)
        ("Its clinical efficacy F1 is 0.52 on the test split.", [("f1", "0.52")]),
        # the metric's own abbreviation between it and its value
        (
            "Severity is predicted with a concordance correlation coefficient (CCC) of 0.39.",
            [("concordancecorrelationcoefficient", "0.39")],
        ),
        # negatives: the colour word and an undefined acronym without a score are no metric
        (
            "Lesions were outlined in green on 40 images with an accuracy of 0.9.",
            [("accuracy", "0.9")],
        ),
        ("The pump ran at 60 CPM while the Dice was 0.81.", [("dice", "0.81")]),
    ],
)
def test_more_measures_are_metrics(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the level a drop reaches is a score; how far it drops is not
        ("Without pretraining, the AUROC drops to 0.78.", [("auc", "0.78")]),
        ("Without pretraining, the AUROC declined from 0.85 to 0.79.", [("auc", "0.79")]),
        ("Without pretraining, the AUROC drops by 0.05.", []),
        ("Under noise the accuracy showed a decline of up to 9%.", []),
        # a range stated with a range verb is kept as its first value, like "between"
        ("Across the sites, the F1 ranged from 0.62 to 0.74.", [("f1", "0.62")]),
        ("Across the sites, the F1 varied from 0.62 to 0.74.", [("f1", "0.62")]),
        # a change from one score to another keeps the score reached
        ("After tuning, the F1 rose from 0.62 to 0.74.", [("f1", "0.74")]),
    ],
)
def test_drops_reach_and_ranges(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value after a bracketed aside takes the metric the aside qualifies
        (
            "The tagger reached an F1 of 0.77 (precision 0.80, recall 0.75), whereas the rule "
            "baseline reached 0.58.",
            [("f1", "0.77"), ("precision", "0.80"), ("recall", "0.75"), ("f1", "0.58")],
        ),
        # without an aside the nearest metric before the value is still the one
        (
            "The tagger reached a precision of 0.80 and a recall of 0.75, whereas the rule "
            "baseline reached 0.58.",
            [("precision", "0.80"), ("recall", "0.75"), ("recall", "0.58")],
        ),
        # a value inside the aside keeps the aside's metric
        (
            "The scanner model had a sensitivity of 0.93 (specificity 0.71) on the test set.",
            [("sensitivity", "0.93"), ("specificity", "0.71")],
        ),
    ],
)
def test_values_after_an_aside(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a whole number before a plural noun counts items
        ("A human evaluation of 60 transcripts followed; the F1 was 0.70.", [("f1", "0.70")]),
        ("We report accuracy on 250 vignettes and an AUC of 0.83.", [("auc", "0.83")]),
        # a whole number before a unit or a verb is still a score
        ("The model achieves an accuracy of 87 on the held-out split.", [("accuracy", "87")]),
        ("Its accuracy of 87 was the best.", [("accuracy", "87")]),
    ],
)
def test_whole_numbers_before_plural_nouns_are_counts(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # values set against the scores just stated are the same metric's, however far
        (
            "The survival network reached a concordance index of 0.74 in internal validation on "
            "the first cohort and 0.70 on the second cohort, versus 0.69 and 0.65 for the Cox "
            "baseline, with a Brier score of 0.16.",
            [
                ("cindex", "0.74"),
                ("cindex", "0.70"),
                ("cindex", "0.69"),
                ("cindex", "0.65"),
                ("brierscore", "0.16"),
            ],
        ),
        # a value written otherwise (a percentage after fractions) is not carried by the rule
        (
            "The survival network reached a concordance index of 0.74 in internal validation on "
            "the first cohort and 0.70 on the second cohort, versus 35% of the events that the "
            "clinicians foresaw.",
            [("cindex", "0.74"), ("cindex", "0.70")],
        ),
    ],
)
def test_compared_values_take_the_metric(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ROUGE variants are one metric, ROUGE (guidelines: "ROUGE: ROUGE-L"), as BLEU-4 is BLEU
        (
            "The summariser reaches a ROUGE-L of 0.36 and a ROUGE-1 of 0.44.",
            [("rouge", "0.36"), ("rouge", "0.44")],
        ),
        ("The summariser reaches a BLEU-4 of 0.12.", [("bleu", "0.12")]),
        # a rouge-like word is no metric
        ("The rouge stain covered 30 slides; accuracy was 0.8.", [("accuracy", "0.8")]),
    ],
)
def test_rouge_variants_are_rouge(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a metric's bracketed short form binds it to its value, so a later list echoes it
        (
            "The voice model reaches an F1 of 0.70 and an AUROC of 0.77 for screening and a "
            "concordance correlation coefficient (CCC) of 0.45 for severity, while the older "
            "encoder obtains 0.66, 0.74 and 0.40, respectively.",
            [
                ("f1", "0.70"),
                ("auc", "0.77"),
                ("concordancecorrelationcoefficient", "0.45"),
                ("f1", "0.66"),
                ("auc", "0.74"),
                ("concordancecorrelationcoefficient", "0.40"),
            ],
        ),
        # a bracketed name after the starting value: the start is no result
        ("The GREEN score improved from 0.25 (the prior system) to 0.37.", [("green", "0.37")]),
        # a bracket with a value inside is no starting-point aside
        ("The F1 rose from 0.61 (0.58 on B) and stayed there.", [("f1", "0.61"), ("f1", "0.58")]),
    ],
)
def test_short_forms_and_bracketed_starts(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a detection rate is a sensitivity the abstract names
        (
            "We report sensitivity and specificity. The monitor detected 81.5% of apnoea "
            "events, and its specificity was 90.2%.",
            [("sensitivity", "81.5%"), ("specificity", "90.2%")],
        ),
        # a share said to be correct is an accuracy the abstract names
        (
            "Two pharmacists graded the answers for accuracy. They judged 88.2% of the "
            "chatbot answers accurate.",
            [("accuracy", "88.2%")],
        ),
        # without the metric named anywhere, no result
        ("The monitor detected 81.5% of apnoea events overnight.", []),
        # a share no verb of detection or correctness qualifies stays a share
        (
            "We report sensitivity. The monitor flagged 81.5% of nights as noisy.",
            [],
        ),
    ],
)
def test_implied_metrics_of_shares(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the short form in brackets after a long metric name is no name for the value before
        (
            "The generator reaches an FID of 4.1, compared with 50.2 for the plain diffusion "
            "model and 8.3 for the older generator, and a structural similarity (SSIM) of 0.31.",
            [("fid", "4.1"), ("fid", "50.2"), ("fid", "8.3"), ("ssim", "0.31")],
        ),
        # a metric alone in brackets still names the value before it
        (
            "The tagger finds 64% of the adverse events (recall) on the notes.",
            [("recall", "64%")],
        ),
    ],
)
def test_bracketed_short_forms_name_no_earlier_value(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rates of their own: the screening recall rate, the hallucination rate, task success
        (
            "The recall rate was 4.6% with the algorithm as second reader.",
            [("recallrate", "4.6%")],
        ),
        (
            "The hallucination rate was 12.0% for the tuned model.",
            [("hallucinationrate", "12.0%")],
        ),
        (
            "The planner completes 58.0% of episodes (task success rate).",
            [("successrate", "58.0%")],
        ),
        # the recall of a classifier stays recall
        ("The retriever has a recall of 0.77 on the notes.", [("recall", "0.77")]),
    ],
)
def test_rates_of_their_own(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hedge between a gated measure and its score keeps the form the measure
        (
            "The triage rule showed a sensitivity of only 38.5% in the validation cohort.",
            [("sensitivity", "38.5%")],
        ),
        # the form still needs a score after it: a count of patients is none
        ("The sensitivity of only 12 patients changed after the update.", []),
    ],
)
def test_hedged_scores_of_gated_measures(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hedged changes and gaps are no scores
        ("Masking half of the leads lowers the AUROC by less than 0.03.", []),
        ("The audit found AUROC differences of at most 0.05 across sites.", []),
        (
            "Recalibration lowered the FNR to 0.29 at a cost of 0.006 in overall AUROC.",
            [("falsenegativerate", "0.29")],
        ),
        # a hedged score is still a score
        (
            "The tagger reaches an F1 of at most 0.61 on the new site.",
            [("f1", "0.61")],
        ),
    ],
)
def test_hedged_changes_are_not_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # agreement and error-rate measures of their own
        (
            "Agreement between the two raters was good (Krippendorff's alpha 0.69).",
            [("krippendorffsalpha", "0.69")],
        ),
        (
            "The false negative rate (FNR) was 0.41 for rural patients.",
            [("falsenegativerate", "0.41")],
        ),
        # a bare alpha is a significance level, not the agreement measure
        ("Tests used an alpha of 0.05 throughout.", []),
    ],
)
def test_agreement_and_miss_measures(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb stating a score in a sentence without a metric keeps the one before
        (
            "The reader model reaches an F1 of 0.874 on the notes. The distilled model "
            "reached only 0.812.",
            [("f1", "0.874"), ("f1", "0.812")],
        ),
        # with a second score listed after it
        (
            "Boosted trees reach a mean AUROC of 0.861. The prompted model obtains 0.774 on "
            "mortality and 0.731 on readmission.",
            [("auc", "0.861"), ("auc", "0.774"), ("auc", "0.731")],
        ),
        # ... also before the metrics of its own sentence
        (
            "Boosted trees reach a mean AUROC of 0.861. The prompted model obtains 0.774 on "
            "mortality, while the small models stay near chance (AUROC 0.55).",
            [("auc", "0.861"), ("auc", "0.774"), ("auc", "0.55")],
        ),
        # the metrics of an aside do not hide the sentence's own metric
        (
            "The parser achieved an F1 of 0.905 (precision 0.921, recall 0.889). The small "
            "variant reached 0.842.",
            [("f1", "0.905"), ("precision", "0.921"), ("recall", "0.889"), ("f1", "0.842")],
        ),
        # a whole number after such a verb is a count
        (
            "The reader model reaches an F1 of 0.874 on the notes. The pilot reached 250 "
            "clinicians.",
            [("f1", "0.874")],
        ),
        # no metric before, nothing to carry
        ("The distilled model reached 0.812 after pruning.", []),
    ],
)
def test_scores_stated_by_a_verb_keep_the_metric_before(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun naming what is scored is no measure of its own
        (
            "Over all endpoints, the 3D encoder obtains an AUROC of 81.2, the string model "
            "79.4 and the graph model 80.1.",
            [("auc", "81.2"), ("auc", "79.4"), ("auc", "80.1")],
        ),
        # a measure noun still is
        (
            "The tagger has an F1 of 0.88, with a recall 0.91.",
            [("f1", "0.88"), ("recall", "0.91")],
        ),
    ],
)
def test_listed_systems_keep_the_metric(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a two-digit decimal after a model name is its score, not its version
        (
            "NordBERT obtains a micro-F1 of 81.6, while GPT-4o reaches 70.2 and Mistral 61.8 "
            "under the same matching.",
            [("f1", "81.6", "nordbert"), ("f1", "70.2", "gpt4o"), ("f1", "61.8", "mistral")],
        ),
        # a percentage right after a listed model is that model's score
        (
            "GPT-4o obtains the highest accuracy (66.1% in Hausa). Llama-3.1-70B scores 40.2% "
            "and the regional model Afya-7B 37.5%.",
            [
                ("accuracy", "66.1%", "gpt4o"),
                ("accuracy", "40.2%", "llama3170b"),
                ("accuracy", "37.5%", "afya7b"),
            ],
        ),
    ],
)
def test_scores_right_after_model_names(
    nlp_full: Language, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(m, v, model) for m, v, model, _d in ties(nlp_full, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the next sentence's words are no change noun of the value before it
        (
            "The rule-based tagger reached an F1 score of 0.702. Recall was lower on the "
            "discharge letters.",
            [("f1", "0.702")],
        ),
        # a portion of the data and a target are no scores
        (
            "The tuned network reached an AUC of 0.903 on the held-out 25%. Sensitivity was "
            "lower in older patients.",
            [("auc", "0.903")],
        ),
        (
            "Specificity was 61.2%, below the programme target of 75%. Sensitivity was lower "
            "in dense breasts.",
            [("specificity", "61.2%")],
        ),
        # a change noun in the value's own phrase still makes a change
        ("The tagger gains a 4.1% improvement in F1 on the letters.", []),
    ],
)
def test_values_at_a_sentence_end(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lone bracketed value after a model takes the metric of the bracket listed before it
        (
            "CodeNet reaches a micro-F1 of 61.3, with precision@5 of 71.0, surpassing "
            "FastICD (60.1 micro-F1) and TagICD (57.9).",
            [("f1", "61.3"), ("precisionk", "71.0"), ("f1", "60.1"), ("f1", "57.9")],
        ),
        # an aside after the score, not after a model, still leaves the sentence's metric
        (
            "The parser reached an F1 of 0.905 (precision 0.921, recall 0.889), while "
            "GPT-4o reached 0.842.",
            [("f1", "0.905"), ("precision", "0.921"), ("recall", "0.889"), ("f1", "0.842")],
        ),
    ],
)
def test_parallel_brackets_share_their_metric(
    nlp_full: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m, v) for m, v, _model, _d in ties(nlp_full, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rank correlation, clustering, saliency, generation, attack and alarm-rate measures
        (
            "The judge's ranking agreed with the experts (Kendall's tau 0.64).",
            [("kendallstau", "0.64")],
        ),
        (
            "Clusters matched the cell labels with an adjusted Rand index (ARI) of 0.71 "
            "and a normalized mutual information of 0.80.",
            [("adjustedrandindex", "0.71"), ("normalizedmutualinformation", "0.80")],
        ),
        ("The lesion maps reach an S-measure of 0.83.", [("smeasure", "0.83")]),
        (
            "Synthetic scans reach a kernel inception distance (KID) of 0.012.",
            [("kernelinceptiondistance", "0.012")],
        ),
        (
            "The trigger attack keeps an attack success rate of 91% after pruning.",
            [("attacksuccessrate", "91%")],
        ),
        (
            "The detector raised 3.4 false alarms per 24 h on the ward recordings.",
            [("falsealarmsper24hours", "3.4")],
        ),
    ],
)
def test_measures_of_agreement_clustering_and_alarms(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the short forms alone name no measure ("ARI" is also an infection, "ASR" speech
        # recognition) ...
        ("ARI was seen in 41% of the children.", []),
        ("ASR was wrong in 12% of the recorded words.", []),
        ("CNR was low in 41% of the scans.", []),
        # ... but do when the text defines them or a score follows
        ("Clusters reach an adjusted Rand index (ARI) of 0.5.", ["adjusted Rand index"]),
        ("The trigger keeps ASR 0.93 after pruning.", ["ASR"]),
    ],
)
def test_short_forms_of_new_measures_are_gated(
    nlp: Language, text: str, expected: list[str]
) -> None:
    doc = nlp(text)
    assert [s.text for s in doc.spans["kg_concepts"] if s.label_ == "metric"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # both ends of a range of changes are changes
        (
            "The defence cuts the error rate to 4.1%, which is 12.5% to 40% lower than "
            "earlier defences.",
            [("errorrate", "4.1%")],
        ),
        # a range with no change noun after it is no change
        (
            "Across sites the accuracy was 0.81 to 0.88 for the tagger.",
            [("accuracy", "0.81"), ("accuracy", "0.88")],
        ),
    ],
)
def test_ranges_of_changes_are_not_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cut-off alone in a bracket opened by a sign defines a group
        (
            "Errors were measured with the mean absolute error (MAE), and the detection of "
            "anaemia (<11%) with the AUC.",
            [],
        ),
        # a sign bracket that names the score it bounds keeps it
        ("Easy questions (>75% accuracy) were dropped.", [("accuracy", "75%")]),
        # the budget a score is read at is a setting
        (
            "The synthetic scans reach an FID of 33.0 at a privacy budget of 6.",
            [("fid", "33.0")],
        ),
    ],
)
def test_cut_offs_and_budgets_are_not_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value held equal across the compared readers is the setting, not a score
        (
            "At matched specificity of 90%, the sensitivity was 81% for the tool.",
            [("sensitivity", "81%")],
        ),
        # a value reached at an operating point is still stated
        (
            "The tool reached a sensitivity of 81% at a specificity of 90%.",
            [("sensitivity", "81%"), ("specificity", "90%")],
        ),
        # a value at a metric only likened to another's is the score reached
        (
            "The small model performs at a similar accuracy of 91.2% with half the layers.",
            [("accuracy", "91.2%")],
        ),
    ],
)
def test_matched_operating_points_are_settings(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number hyphenated to a word is a modifier: "a 2.7-billion-parameter model"
        (
            "The tagger reaches an AUROC of 0.91, beating a 2.7-billion-parameter model.",
            [("auc", "0.91")],
        ),
        # a gap "within <value> <metric> of" another score is a change
        (
            "Without notes the model stays within 0.006 AUROC of the full model.",
            [],
        ),
        ("Without notes the model stays within 0.006 of the full model's AUROC.", []),
        # a value after "within" that no "of" follows is still a score
        ("Within 2023 cases the AUROC was 0.87.", [("auc", "0.87")]),
    ],
)
def test_compound_numbers_and_gaps_are_not_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a share in a sentence naming the human evaluation is its score
        (
            "In a human evaluation, nurses judged 77% of the generated leaflets as clear.",
            [("humanevaluation", "77%")],
        ),
        # the rating may come after the share's clause, still in its sentence
        (
            "In a human evaluation, 64% of the drafts, once shortened, were rated clear.",
            [("humanevaluation", "64%")],
        ),
        # a share no one rated is a count of items, even beside a human evaluation
        ("In a human evaluation of the drafts, 12% of the drafts were too long.", []),
        # a reader study names no measure: its shares stay out
        ("In a reader study, nurses judged 77% of the generated leaflets as clear.", []),
        # without such a measure a share is a count of items
        ("The tagger flagged 77% of the leaflets; its accuracy was 0.81.", [("accuracy", "0.81")]),
    ],
)
def test_shares_rated_in_a_human_evaluation(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a result keeps the metric its own words name, though the abstract names a narrower one
        (
            "The risk model has a Brier score of 0.18 and an integrated Brier score of 0.12.",
            [("brierscore", "0.18"), ("integratedbrierscore", "0.12")],
        ),
        # the narrower metric alone keeps its own key (Brier score is no GUIDELINES label)
        (
            "The risk model has an integrated Brier score of 0.12.",
            [("integratedbrierscore", "0.12")],
        ),
        # a variant of a GUIDELINES metric is that metric, beside it or alone
        (
            "The agent reaches a diagnostic accuracy of 61.5% and a top-5 accuracy of 84.0%.",
            [("accuracy", "61.5%"), ("accuracy", "84.0%")],
        ),
        ("The agent reaches a top-5 accuracy of 84.0%.", [("accuracy", "84.0%")]),
    ],
)
def test_results_keep_the_metric_their_words_name(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "correctly" inside the items' noun phrase does not make the share a score
        (
            "The tool has an accuracy of 0.77; 64% of the notes for correctly coded visits "
            "were short.",
            [("accuracy", "0.77")],
        ),
        # a share said to be correct stays a score
        (
            "The tool has an accuracy of 0.77; it coded 64% of the visits correctly.",
            [("accuracy", "0.77"), ("accuracy", "64%")],
        ),
    ],
)
def test_correct_items_are_not_correct_shares(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list whose last value a metric follows takes that metric over a distant one
        (
            "The tagger reaches an F1 of 0.74, against 0.93 and 0.90 accuracy for the rules.",
            [("f1", "0.74"), ("accuracy", "0.93"), ("accuracy", "0.90")],
        ),
        # a value bound to the metric before it keeps it
        (
            "The tagger reaches an F1 of 0.74 and 0.90 accuracy.",
            [("f1", "0.74"), ("accuracy", "0.90")],
        ),
    ],
)
def test_listed_values_take_the_metric_after_the_list(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause about a share of its own states that share, not the metric's score
        (
            "The triage model kept an AUROC of 0.88 on the new site, and the proportion of "
            "missed referrals in the winter months dropped from 14% to 6.5%.",
            [("auc", "0.88")],
        ),
        # without such a clause a later value keeps the one metric of the sentence
        (
            "The triage model kept an AUROC of 0.88 on the new site, and 0.84 on the old one.",
            [("auc", "0.88"), ("auc", "0.84")],
        ),
    ],
)
def test_clauses_about_a_share_are_not_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # image-quality and dose measures of their own
        (
            "The denoiser raised the contrast-to-noise ratio (CNR) to 2.4 on liver scans.",
            [("contrasttonoiseratio", "2.4")],
        ),
        (
            "Synthetic plans reached a gamma passing rate (3%/3 mm) of 97.8%.",
            [("gammapassrate", "97.8%")],
        ),
        # a slash pair of two scores (no unit after the second) stays a score
        (
            "The tool reached an AUC of 0.91/0.88 on the two sites.",
            [("auc", "0.91"), ("auc", "0.88")],
        ),
    ],
)
def test_image_quality_and_dose_measures(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comparative before a metric qualifies the level its value states: a score
        (
            "The smaller decoder wrote shorter summaries with a lower ROUGE-L (21.7).",
            [("rouge", "21.7")],
        ),
        ("The ablated variant reached a worse Dice of 0.64.", [("dice", "0.64")]),
        # how far a metric fell is no score
        ("Without pretraining, the Dice was lower by 0.06.", []),
        ("Pruning caused a drop in Dice of 0.04.", []),
    ],
)
def test_a_compared_level_is_a_score(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_compared_level_needs_the_comparative_right_before_a_bound_metric() -> None:
    d = spacy.blank("en")("a poorer AUC ( 0.71 ) ; lower , AUC 0.8 ; AUC fell 0.1")
    metrics = [d[2:3], d[9:10], d[12:13]]
    at = {i: (d[i].idx, d[i].idx + len(d[i])) for i in (4, 10, 14)}
    assert compared_level(d, metrics, *at[4])
    assert not compared_level(d, metrics, *at[10])
    assert not compared_level(d, metrics, *at[14])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a metric that a gap noun follows measures a difference between two scores
        (
            "Reweighting shrank the sensitivity gap between age groups from 0.15 to 0.05.",
            [],
        ),
        ("The F1 disparity across sites was 0.07.", []),
        # a later metric of the sentence states its own score
        (
            "The Dice gap narrowed to 0.02, and the pooled Dice reached 0.88.",
            [("dice", "0.88")],
        ),
        # a score in brackets after each compared name is that name's score
        (
            "The AUROC difference between day shifts (0.86) and night shifts (0.84) was small.",
            [("auc", "0.86"), ("auc", "0.84")],
        ),
    ],
)
def test_a_gap_between_scores_is_no_score(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_measures_a_gap_reads_the_nearest_metric_before_the_value() -> None:
    d = spacy.blank("en")("the F1 gap was 0.1 while F1 was 0.8")
    metrics = [d[1:2], d[6:7]]
    assert measures_a_gap(d, metrics, d[4].idx, d[4].idx + 3)
    assert not measures_a_gap(d, metrics, d[8].idx, d[8].idx + 3)
    assert not measures_a_gap(d, [], d[4].idx, d[4].idx + 3)


def test_a_distance_in_pixels_is_a_score_of_the_measure_it_is_bound_to(nlp: Language) -> None:
    assert results(nlp, "The tracer reached a mean radial error of 2.3 pixels.") == [
        ("meanradialerror", "2.3")
    ]
    assert results(nlp, "Each of 512 pixels was labelled, and the Dice was 0.79.") == [
        ("dice", "0.79")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "<metric> of <name> [on <name>] was/: <value>": the names say whose score it is
        (
            "In the held-out cohort, the mean absolute error of PelvoNet was 4.2 days.",
            [("meanabsoluteerror", "4.2")],
        ),
        ("Weighted AUROC of PelvoNet on ChestSet-9: 0.912 overall.", [("auc", "0.912")]),
        # a plain phrase after "of" still keeps the count it names
        ("The mean absolute error of the ward was 4.2 days.", []),
    ],
)
def test_a_metric_of_a_name_binds_its_value(
    nlp_rules: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp_rules, text) == expected


def test_past_whose_score_steps_over_names_only() -> None:
    d = spacy.blank("en")("MAE of FooNet on BarSet : 3.1 ; MAE of the ward : 2.0")
    d.spans["kg_models"], d.spans["kg_datasets"] = [d[2:3]], [d[4:5]]
    assert past_whose_score(d, 1, 6) == 5
    assert past_whose_score(d, 9, 13) == 9
    d.spans["kg_datasets"] = []
    assert past_whose_score(d, 1, 6) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a measure's head noun the matched label left out still binds the value
        ("Lesion masks from TraceSeg reached a mean Dice coefficient of 0.71.", [("dice", "0.71")]),
        # a score in percentage points bound to its metric is a score, not a change
        (
            "AgeNet estimated bone age with a mean absolute error (MAE) of 4.3 percentage points.",
            [("meanabsoluteerror", "4.3 percentage points")],
        ),
        ("Distillation raised the F1 by 2.2 points.", []),
        ("The F1 of 2.2 points higher came from distillation.", []),
    ],
)
def test_bound_values_in_their_unit(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # values set against a stated score "for" other measures score those measures by
        # the first metric
        (
            "Our judge reaches a Spearman correlation of 0.68 with expert ratings, versus 0.51 "
            "for BLEU and 0.44 for METEOR.",
            [
                ("spearmancorrelation", "0.68"),
                ("spearmancorrelation", "0.51"),
                ("spearmancorrelation", "0.44"),
            ],
        ),
        # without a comparison each value is the score of the measure after "for"
        (
            "The tagger scored 0.87 for precision and 0.79 for recall.",
            [("precision", "0.87"), ("recall", "0.79")],
        ),
        # once models are compared ("for" a baseline), a later measure scores itself
        (
            "KneeSeg achieved a Dice of 0.89 versus 0.84 for the baseline, and reached 0.93"
            " for sensitivity and 0.95 for specificity.",
            [
                ("dice", "0.89"),
                ("dice", "0.84"),
                ("sensitivity", "0.93"),
                ("specificity", "0.95"),
            ],
        ),
    ],
)
def test_scores_set_against_a_score_for_other_measures(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an echoed list takes the metrics of the sequence in order, one metric twice included
        (
            "LexiSum reached a BLEU-4 of 0.31, ROUGE-L of 41.2, ROUGE-2 of 18.3 and a BERTScore "
            "of 0.702, versus 0.27, 39.8, 17.1 and 0.688 for the baseline.",
            [
                ("bleu", "0.31"),
                ("rouge", "41.2"),
                ("rouge", "18.3"),
                ("bertscore", "0.702"),
                ("bleu", "0.27"),
                ("rouge", "39.8"),
                ("rouge", "17.1"),
                ("bertscore", "0.688"),
            ],
        ),
        # a sequence of one metric only gives each value that metric
        (
            "LexiSum reached an AUC of 0.81 on A and an AUC of 0.77 on B, against 0.79 and 0.74.",
            [("auc", "0.81"), ("auc", "0.77"), ("auc", "0.79"), ("auc", "0.74")],
        ),
    ],
)
def test_echoed_sequences_may_repeat_a_metric(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a header of metrics joined by slashes gives each slash-joined row its columns
        (
            "Scores (Dice / IoU) were: site one 0.881 / 0.802; site two 0.874 / 0.791; "
            "site three 0.862 / 0.774; site four 0.851 / 0.760.",
            [
                ("dice", "0.881"),
                ("iou", "0.802"),
                ("dice", "0.874"),
                ("iou", "0.791"),
                ("dice", "0.862"),
                ("iou", "0.774"),
                ("dice", "0.851"),
                ("iou", "0.760"),
            ],
        ),
        # a lone value after the header is no row of it
        (
            "Scores (Dice / IoU) were 0.881 / 0.802, and the IoU on small organs fell to 0.650.",
            [("dice", "0.881"), ("iou", "0.802"), ("iou", "0.650")],
        ),
    ],
)
def test_rows_of_a_slash_header(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert results(nlp, text) == expected


# resfaults14: faults a reviewer found with fresh sentences, each tested on both sides


def test_value_re_reads_a_minus_sign() -> None:
    found = [m.group("num") for m in VALUE_RE.finditer("a slope of -0.7 and a kappa of −0.21")]
    assert found == ["-0.7", "−0.21"]
    # a hyphen inside a name or a range is no minus
    found = [m.group("num") for m in VALUE_RE.finditer("UNet-3 scored 0.6-0.8")]
    assert found == ["0.6"]
    assert parse_value("−0.21") == Decimal("-0.21")


def test_a_negative_value_needs_its_metric_bound() -> None:
    m = VALUE_RE.search("an MCC of -0.12")
    assert m is not None
    assert unbound_negative(m, False)
    assert not unbound_negative(m, True)
    positive = VALUE_RE.search("an MCC of 0.12")
    assert positive is not None
    assert not unbound_negative(positive, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Agreement between raters gave a kappa of -0.08.", [("cohenskappa", "-0.08")]),
        ("Our estimates had a Pearson r of −0.27 with age.", [("pearsoncorrelation", "−0.27")]),
        # a negative difference in brackets after the score is no score of its own
        (
            "The Pearson r was 0.51 (−0.04 against the earlier release).",
            [("pearsoncorrelation", "0.51")],
        ),
    ],
)
def test_negative_scores(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert results(nlp, text) == expected


# review14b: a negative value bound to a metric that is never below zero is a difference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The change in AUC was -0.02 for the ablated network.", []),
        ("Removing the prior lowered Dice by −0.03 on the test scans.", []),
        ("Its accuracy was 0.84 (-0.01 against the full model).", [("accuracy", "0.84")]),
        # metrics that may be negative keep the value
        (
            "The calibration model reached an MCC of -0.12 on the shifted cohort.",
            [("mcc", "-0.12")],
        ),
        (
            "Inter-rater agreement gave a kappa of −0.05 for the rare class.",
            [("cohenskappa", "−0.05")],
        ),
    ],
)
def test_negative_values_of_nonnegative_metrics(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_a_unicode_minus_between_numbers_is_a_range() -> None:
    found = [m.group("num") for m in VALUE_RE.finditer("0.70−0.82 and a kappa of −0.21")]
    assert found == ["0.70", "−0.21"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Specificity was 0.77 (0.70−0.82) for the classifier on the test set.",
            [("specificity", "0.77")],
        ),
        ("Specificity was 0.77 (−0.03 against the baseline).", [("specificity", "0.77")]),
        ("Agreement gave a kappa of −0.04 in the rare class.", [("cohenskappa", "−0.04")]),
    ],
)
def test_unicode_minus_ranges_and_values(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_a_contrasting_clause_ends_the_phrase_of_a_value() -> None:
    cues = ResultCues.from_rows([{"cue": "improvement_after", "words": ["higher", "gain"]}])
    text = "0.27 but a higher METEOR"
    assert not change_noun_after(text, 4, cues)
    assert change_noun_after("0.27 higher METEOR", 4, cues)
    assert not change_noun_after("3% while the gain", 2, cues)
    assert change_noun_after("3% absolute gain", 2, cues)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our captioner scored a BLEU of 0.19 but a lower METEOR.", [("bleu", "0.19")]),
        ("Our captioner scored a BLEU of 0.19 while ROUGE-L was higher.", [("bleu", "0.19")]),
        ("Our captioner gained 0.04 higher BLEU than before.", []),
    ],
)
def test_a_comparative_in_the_next_clause_is_no_change(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The planner kept a gamma pass rate (2%/2.5 mm) of 96.4% on the test plans.",
            [("gammapassrate", "96.4%")],
        ),
        (
            "Plans passed at 1.5%/1.5 mm with a gamma pass rate of 91.2%.",
            [("gammapassrate", "91.2%")],
        ),
        # the other side: a decimal score before a length is no criterion
        (
            "The segmenter reached a Dice/HD95 of 0.91/3.2 mm on the pelvis.",
            [("dice", "0.91"), ("hausdorffdistance", "3.2")],
        ),
    ],
)
def test_gamma_criteria_with_decimals(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_slash_pairs_of_scores_are_no_tolerance() -> None:
    units = frozenset({"mm"})
    text = "criterion 2%/2 mm; Dice/ASSD 0.88/1.4 mm; 1%/1.5 mm; Dice/HD 90.4%/2.1 mm"
    # review14b: a small percentage before a decimal length is still a gamma criterion
    for value, tolerance in (("2%", True), ("0.88", False), ("1%", True), ("90.4%", False)):
        m = VALUE_RE.search(text, text.index(value))
        assert m is not None
        assert pairs_with_unit(m, text, units) is tolerance
    t = "sens/spec 88%/79%, on 3/10% of days"
    assert listed_after_slash(t, t.index("79"), "79", percent=True)
    assert not listed_after_slash(t, t.index("79"), "79")
    assert not listed_after_slash(t, t.index("10%"), "10", percent=True)


def test_slash_paired_metrics_take_their_values(nlp_full: Language) -> None:
    text = "The Dice/HD95 of KidneyNet were 0.87/4.6 mm."
    assert ties(nlp_full, text) == [
        ("dice", "0.87", "kidneynet", None),
        ("hausdorffdistance", "4.6", "kidneynet", None),
    ]
    text = "The Dice/IoU of KidneyNet were 88%/80%."
    assert ties(nlp_full, text) == [
        ("dice", "88%", "kidneynet", None),
        ("iou", "80%", "kidneynet", None),
    ]


def test_subject_past_compared() -> None:
    t = "A scored better than that of B, achieving 0.8"
    assert subject_past_compared(t, t.index("B"), t.index("B") + 1, t.index("0.8"))
    t = "A scored better than B, who achieved 0.8"
    assert not subject_past_compared(t, t.index("B"), t.index("B") + 1, t.index("0.8"))
    t = "A and B, achieving 0.8"
    assert not subject_past_compared(t, t.index("B"), t.index("B") + 1, t.index("0.8"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The F1 of PathoNet was above that of ResNet-50, attaining 0.82.",
            [("f1", "0.82", "pathonet", None)],
        ),
        (
            "The F1 of PathoNet was above ResNet-50, which attained 0.79.",
            [("f1", "0.79", "resnet50", None)],
        ),
        # review14b: every name of a compared list is passed, not only the last
        (
            "PathoNet did better than ResNet-50 and DenseNet-121, with an F1 of 0.84.",
            [("f1", "0.84", "pathonet", None)],
        ),
        (
            "PathoNet did better than ResNet-50, ViT-B/16 or DenseNet-121, with an F1 of 0.84.",
            [("f1", "0.84", "pathonet", None)],
        ),
        (
            "PathoNet did better than ResNet-50 and DenseNet-121, which reached an F1 of 0.71.",
            [("f1", "0.71", "densenet121", None)],
        ),
    ],
)
def test_a_value_after_a_compared_name_is_the_subjects(
    nlp_full: Language, text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert ties(nlp_full, text) == expected


def test_a_model_after_a_value_list_is_every_values(nlp_full: Language) -> None:
    text = (
        "PathoNet gave 0.81 for precision and 0.77 for recall, against 0.70 and 0.66 for ResNet-50."
    )
    assert ties(nlp_full, text) == [
        ("precision", "0.81", "pathonet", None),
        ("recall", "0.77", "pathonet", None),
        ("precision", "0.70", "resnet50", None),
        ("recall", "0.66", "resnet50", None),
    ]


def test_gapped_after_name() -> None:
    d = spacy.blank("en")("A hit 0.71 and B 0.74 but C at 0.6")
    names = [d[0:1], d[4:5], d[7:8]]
    assert gapped_after_name(d, VALUE_RE.search(d.text, d.text.index("0.74")), names)
    assert not gapped_after_name(d, VALUE_RE.search(d.text, d.text.index("0.6")), names)
    assert not gapped_after_name(d, VALUE_RE.search(d.text, d.text.index("0.71")), names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Survival models were ranked by the C-index. DeepHit reached 0.702 and RSF 0.688.",
            [("cindex", "0.702", "deephit", None), ("cindex", "0.688", "rsf", None)],
        ),
        # a number after a name in another form is no gapped score
        (
            "Survival models were ranked by the C-index. DeepHit reached 0.702 and RSF 12.",
            [("cindex", "0.702", "deephit", None)],
        ),
    ],
)
def test_a_metric_of_the_sentence_before_carries_to_a_gapped_clause(
    nlp_full: Language, text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert ties(nlp_full, text) == expected


# -- branch results16 ---------------------------------------------------------------------


def test_first_list_after() -> None:
    from kg.nlp.components.results import first_list_after

    text = "Sensitivity and specificity were read by two raters in each arm; Net had 90% and 85%."
    end = text.index(" were")
    spans = [(text.index("90%"), text.index("90%") + 3), (text.index("85%"), text.index("85%") + 3)]
    metrics = [(0, 11), (16, end)]
    assert first_list_after(end, spans, [0, 1], metrics)
    # a value in between ("in 4 arms") pairs the metrics with nothing after it
    earlier = [(text.index("two"), text.index("two") + 3), *spans]
    assert not first_list_after(end, earlier, [1, 2], metrics)
    # a metric right after the list is the list's own ("90% and 85% accuracy")
    assert not first_list_after(end, spans, [0, 1], [*metrics, (spans[1][1] + 1, spans[1][1] + 9)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sensitivity and specificity were read by two thoracic radiologists on the external "
            "cohort; LungNet reached 91% and 88%, compared with 85% and 80% for the readers.",
            [
                ("sensitivity", "91%"),
                ("specificity", "88%"),
                ("sensitivity", "85%"),
                ("specificity", "80%"),
            ],
        ),
        # a metric after the list binds it: the list is not the pair's
        (
            "Sensitivity and specificity were read by two thoracic radiologists on the external "
            "cohort; LungNet reached 91% and 88% accuracy on the two sites.",
            [("accuracy", "91%"), ("accuracy", "88%")],
        ),
    ],
)
def test_a_metric_pair_takes_the_first_value_pair_after_it(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On the held-out set, ROUGE-L reaches 0.412 and BLEU-4 0.201, against 0.388 and "
            "0.187 for the baseline.",
            [("rouge", "0.412"), ("bleu", "0.201"), ("rouge", "0.388"), ("bleu", "0.187")],
        ),
        # a verb that is no statement of level leaves the values to the nearest metric
        (
            "On the held-out set, ROUGE-L improves 0.412 and BLEU-4 0.201, against 0.388 and "
            "0.187 for the baseline.",
            [("rouge", "0.412"), ("bleu", "0.201"), ("bleu", "0.388"), ("bleu", "0.187")],
        ),
    ],
)
def test_a_metric_binds_the_score_it_reaches(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_compared_with_carried() -> None:
    from kg.nlp.components.results import compared_with_carried

    text = "It gets 0.731 against 0.702 for Y and 0.731 in 0.702 s"
    found = list(VALUE_RE.finditer(text))
    assert compared_with_carried(found[0], found[1], text)
    assert not compared_with_carried(found[2], found[3], text)  # no comparison word


def test_names_reference_level() -> None:
    from kg.nlp.components.results import names_reference_level

    text = "It gets 0.71 versus 0.05 as the significance level; it gets 0.71 versus 0.64 for Y"
    found = list(VALUE_RE.finditer(text))
    assert names_reference_level(text, found[0].end(), found[1])
    assert not names_reference_level(text, found[2].end(), found[3])  # a system's score


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Models were ranked by the C-index. On the external cohort, DeepSurvNet reached "
            "0.731 against 0.702 for the Cox model.",
            [("cindex", "0.731"), ("cindex", "0.702")],
        ),
        # a value after another word is no score set against the carried one
        (
            "Models were ranked by the C-index. On the external cohort, DeepSurvNet reached "
            "0.731 within 0.702 seconds.",
            [("cindex", "0.731")],
        ),
        # a reference level set against the carried score is no system's score (review16b)
        (
            "Models were ranked by the C-index. On the external cohort, DeepSurvNet reached "
            "0.731 against 0.5 expected by chance.",
            [("cindex", "0.731")],
        ),
    ],
)
def test_a_value_compared_with_a_carried_score_is_carried(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Test results (nodule detection sensitivity / malignancy AUC): LungDet 91.2% / "
            "0.874; RetinaNet 88.5% / 0.851.",
            [
                ("sensitivity", "91.2%"),
                ("auc", "0.874"),
                ("sensitivity", "88.5%"),
                ("auc", "0.851"),
            ],
        ),
        # a metric after a slash and a number is no column of the header: no table
        (
            "Test results (sensitivity / 3 readers AUC): LungDet 91.2% / 0.874; RetinaNet 88.5% "
            "/ 0.851.",
            [
                ("auc", "91.2%"),
                ("auc", "0.874"),
                ("auc", "88.5%"),
                ("auc", "0.851"),
            ],
        ),
    ],
)
def test_a_slash_header_may_qualify_its_columns(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_a_latency_is_scored_by_its_time(nlp: Language) -> None:
    assert results(nlp, "TriageNet had a latency of 1.8 seconds per image.") == [("latency", "1.8")]
    assert results(nlp, "TriageNet showed no latency in 1.8% of the cases.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Agents were scored by the episode success rate (ESR) on 300 tasks. "
            "PlanBot reached a mean ESR of 64.2%, against 51.0% for ReAct.",
            [("episodesuccessrate", "64.2%"), ("episodesuccessrate", "51.0%")],
        ),
        # a short form of a rate no score names is no measure's
        (
            "Patients with a raised sedimentation rate (ESR) were excluded. "
            "PlanBot reached a mean ESR of 64.2%, against 51.0% for ReAct.",
            [],
        ),
    ],
)
def test_a_short_form_defined_for_a_read_measure_names_it_again(
    nlp_full: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp_full, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The baseline reached a C-index of 0.702. DeepSurvNet obtained 0.744 (Brier score "
            "0.151), ahead of the Cox model (0.719).",
            [
                ("cindex", "0.702"),
                ("cindex", "0.744"),
                ("brierscore", "0.151"),
                ("cindex", "0.719"),
            ],
        ),
        # a metric outside the aside before the value is the value's own
        (
            "The baseline reached a C-index of 0.702. DeepSurvNet obtained 0.744 (Brier score "
            "0.151), and its calibration slope was 0.919.",
            [
                ("cindex", "0.702"),
                ("cindex", "0.744"),
                ("brierscore", "0.151"),
                ("calibrationslope", "0.919"),
            ],
        ),
    ],
)
def test_a_value_past_an_aside_takes_the_stated_scores_metric(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


# branch results16b: numbers that are no scores, by the noun or verb of the list they close


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a share of the group just named: who the values count
        (
            "The detector reached a sensitivity of 0.89 in 640 children, of whom 22% and 7% "
            "had bilateral findings.",
            [("sensitivity", "0.89")],
        ),
        (
            "The detector reached a sensitivity of 0.89 in 640 children and a specificity of "
            "22% and 7% in the two subgroups.",
            [("sensitivity", "0.89"), ("specificity", "22%"), ("specificity", "7%")],
        ),
        # a value list closed by "of whom": shares of the group before it
        (
            "The AUROC was 0.81 in 1,450 adults, 27% and 6% of whom had atrial fibrillation.",
            [("auc", "0.81")],
        ),
        (
            "The model answers 73% of them correctly, and the F1 was 0.66 and 0.58 of the two "
            "versions.",
            [("f1", "0.66"), ("f1", "0.58")],
        ),
        # a setting noun the subject of a copula
        (
            "The specificity was 0.88, and the cut-offs were 0.25 and 0.5.",
            [("specificity", "0.88")],
        ),
        (
            "The cut-offs were tuned, and the specificity was 0.88 and 0.84.",
            [("specificity", "0.88"), ("specificity", "0.84")],
        ),
        # how often the condition occurs in the data
        (
            "The AUPRC was 0.37 and 0.58 in the two hospitals, whose sepsis prevalences were "
            "0.09 and 0.21.",
            [("auprc", "0.37"), ("auprc", "0.58")],
        ),
        ("The AUPRC was 0.44; the stroke incidence was 0.03.", [("auprc", "0.44")]),
        # the frequency noun heads the copula's subject past its modifier
        (
            "The AUPRC was 0.44, and the prevalence of delirium among the admitted adults was 11%.",
            [("auprc", "0.44")],
        ),
        (
            "The prevalence of delirium was low, and the recall among the admitted adults was 71%.",
            [("recall", "71%")],
        ),
        # a threshold moved from one value to another
        (
            "Sensitivity was 0.93 with the operating threshold lowered from 0.6 to 0.35.",
            [("sensitivity", "0.93")],
        ),
        (
            "Sensitivity was lowered from 0.93 to 0.85 with the new operating threshold.",
            [("sensitivity", "0.85")],
        ),
        # the noun has its value already: the copula's value is the score's
        (
            "The positive predictive value at 2% prevalence was 18.5%.",
            [("precision", "18.5%")],
        ),
        # a list of settings, and a score after a setting's value
        (
            "The F1 score was 0.71 and 0.68 at cut-offs 0.25 and 0.45.",
            [("f1", "0.71"), ("f1", "0.68")],
        ),
        (
            "The FID is 38.2 at a budget of 8 and 51.6 at a budget of 2.",
            [("fid", "38.2"), ("fid", "51.6")],
        ),
        # a threshold moved to a value
        ("Sensitivity rises to 97% when the threshold is raised to 0.3.", [("sensitivity", "97%")]),
        (
            "Sensitivity rises to 97% when the threshold is raised and specificity drops to 0.3.",
            [("sensitivity", "97%"), ("specificity", "0.3")],
        ),
        # a share of the data taken out or picked out
        (
            "The Dice score fell to 0.79 and 0.74 after discarding the 10% and 20% noisiest masks.",
            [("dice", "0.79"), ("dice", "0.74")],
        ),
        (
            "The Dice score was 0.79 and the recall 20% on the noisiest masks.",
            [("dice", "0.79"), ("recall", "20%")],
        ),
        # the level of guessing
        ("The AUROC of 0.57 was barely above 0.5 for chance.", [("auc", "0.57")]),
        (
            "The accuracy was 64%, against 25% for random guessing.",
            [("accuracy", "64%")],
        ),
        (
            "The accuracy was 64%, against 58% for a random forest.",
            [("accuracy", "64%"), ("accuracy", "58%")],
        ),
    ],
)
def test_numbers_of_the_data_or_settings_are_no_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("the yearly incidence was", True),
        ("a prevalence of", True),
        ("at 3% prevalence was", False),
        ("the auroc was", False),
    ],
)
def test_owns_value(before: str, expected: bool) -> None:
    assert owns_value(before.split(), frozenset({"incidence", "prevalence"})) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [("of these", True), ("among whom", True), ("an f1 of", False), ("these", False)],
)
def test_shares_a_cohort(before: str, expected: bool) -> None:
    assert shares_a_cohort(before.split()) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [("after pruning the last", True), ("by masking", True), ("recall fell by", False)],
)
def test_removes_share(before: str, expected: bool) -> None:
    assert removes_share(before.split()) is expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("longest notes", True),
        ("least confident", True),
        ("test split", False),
        ("of notes", False),
    ],
)
def test_selects_extreme_share(after: str, expected: bool) -> None:
    assert selects_extreme_share(["the"], after.split()) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("the cut-off was fixed at", True),
        ("the operating threshold set to", True),
        ("the f1 was raised to", False),
        ("the threshold and the recall increased to", False),
    ],
)
def test_setting_moved(before: str, expected: bool) -> None:
    nouns = frozenset({"threshold", "cut-off"})
    assert setting_moved(before.split(), nouns) is expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("a chance-level accuracy of", "", True),
        ("", "by chance alone", True),
        ("", "of a random baseline", True),
        ("above chance ,", "", False),
        ("close to chance ( accuracy", "", False),
        ("", "for a random forest", False),
        ("", "for the base model", False),
    ],
)
def test_names_chance(before: str, after: str, expected: bool) -> None:
    assert names_chance(before.split(), after.split()) is expected


@pytest.mark.parametrize(
    ("text", "value", "opening"),
    [
        ("cut-offs 0.25, 0.35 and 0.45", "0.45", "0.25"),
        ("a budget of 8 and 51.6", "51.6", "51.6"),
        ("of whom 12% and 30%", "30%", "12%"),
    ],
)
def test_list_opening(text: str, value: str, opening: str) -> None:
    assert list_opening(text, text.index(value)) == text.index(opening)


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("the incidence of falls on the two wards", True),
        ("the incidence was high but the recall", False),
        ("the incidence , the specificity", False),
    ],
)
def test_modified_subject(before: str, expected: bool) -> None:
    assert modified_subject(before.split(), frozenset({"incidence"})) is expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("in 310 infants, 14% of whom were preterm", "14%", True),
        ("in 310 infants, 14%, 9% and 3% of which", "9%", True),
        ("it labels 14% of them correctly", "14%", False),
        ("an F1 of 0.77 of the base model", "0.77", False),
    ],
)
def test_closes_cohort_share(text: str, value: str, expected: bool) -> None:
    assert closes_cohort_share(text, text.index(value) + len(value)) is expected


# results16c: a unit written once after the last member of a bound value list


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("the MAE was 1.9, 2.6 and 4.0 years", "4.0", True),
        ("an HD95 of 3.2 or 6.7 mm", "6.7", True),
        ("a Dice of 0.88 in nodules of 4 and 9 mm", "9", False),
        ("an HD95 of 3.2 mm and lesions of 6.7 mm", "6.7", False),
    ],
)
def test_closes_bound_list(text: str, value: str, expected: bool) -> None:
    found = [(m, m.group("num") in ("1.9", "3.2", "0.88")) for m in VALUE_RE.finditer(text)]
    k = next(i for i, (m, _) in enumerate(found) if m.group("num") == value)
    assert closes_bound_list(found, k, text) is expected


def test_a_list_unit_written_once_keeps_the_last_value(nlp: Language) -> None:
    found = results(nlp, "Mean surface distances were 1.4, 2.2 and 3.9 mm for the three organs.")
    assert [v for _, v in found] == ["1.4", "2.2", "3.9"]
    # the sizes' list is bound to no metric: its last member stays a size
    found = results(nlp, "The HD95 was 1.4 mm for tumours of 2, 5 and 8 mm.")
    assert "1.4" in [v for _, v in found]
    assert "8" not in [v for _, v in found]


def test_coordinated_predictive_values_take_one_value_each(nlp: Language) -> None:
    found = results(nlp, "Its positive and negative predictive values were 81% and 95%.")
    assert found == [("precision", "81%"), ("negativepredictivevalue", "95%")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a metric that names what a threshold is set on is no score of the sentence
        (
            "The detector reached a mean average precision at an IoU threshold of 0.75 (mAP75)"
            " of 0.612 overall and 0.701 for large lesions, against 0.587 for the baseline.",
            [
                ("meanaverageprecision", "0.612"),
                ("meanaverageprecision", "0.701"),
                ("meanaverageprecision", "0.587"),
            ],
        ),
        (
            "The detector reached an IoU of 0.75 and a mean average precision (mAP75)"
            " of 0.612 overall and 0.701 for large lesions, against 0.587 for the baseline.",
            [
                ("iou", "0.75"),
                ("meanaverageprecision", "0.612"),
                ("meanaverageprecision", "0.701"),
                ("meanaverageprecision", "0.587"),
            ],
        ),
        # an operating point after "at a" or "at a fixed"
        (
            "The screen reached a recall of 61.5% at a 5% false positive rate.",
            [("recall", "61.5%")],
        ),
        (
            "The screen reached a recall of 61.5% with a 5% false positive rate.",
            [("recall", "61.5%"), ("falsepositiverate", "5%")],
        ),
        (
            "Recall at a fixed 10% review rate was 72.4% for the ensemble.",
            [("recall", "72.4%")],
        ),
        # "compared with" lists a value in the unit of a bound score
        (
            "The mean absolute error was 5.2 days, compared with 7.4 days for the clinicians.",
            [("meanabsoluteerror", "5.2"), ("meanabsoluteerror", "7.4")],
        ),
        (
            "The mean absolute error was 5.2 days, with 7.4 days of follow-up on average.",
            [("meanabsoluteerror", "5.2")],
        ),
        # a setting noun after "at" is no subject of the copula
        (
            "On the test split, recall and precision at the chosen threshold were 88.2% and 79.5%.",
            [("recall", "88.2%"), ("precision", "79.5%")],
        ),
        ("On the test split, the chosen thresholds were 0.3 and 0.6.", []),
        # a value before its metric fixes the form later values of that metric take
        (
            "It scores 91.2% accuracy and a kappa of 0.83, against 86.4% for the older system.",
            [("accuracy", "91.2%"), ("cohenskappa", "0.83"), ("accuracy", "86.4%")],
        ),
        (
            "It scores 91.2% accuracy and a kappa of 0.83, against 0.79 for the older system.",
            [("accuracy", "91.2%"), ("cohenskappa", "0.83"), ("cohenskappa", "0.79")],
        ),
        # a percentage right before a noun of the data is a share of the data
        (
            "Each answer was graded for accuracy and completeness by a physician; a 15% subset"
            " was graded twice to estimate agreement.",
            [],
        ),
        (
            "The grader model reached 15% accuracy on the subset and an F1 of 0.42.",
            [("accuracy", "15%"), ("f1", "0.42")],
        ),
        # a value counted in a hyphenated unit is no score
        (
            "The model reached an AUROC of 0.88 after 3.5 GPU-hours of training.",
            [("auc", "0.88")],
        ),
        (
            "The model reached an AUROC of 0.88 and a 79.1% multi-label accuracy.",
            [("auc", "0.88"), ("accuracy", "79.1%")],
        ),
    ],
)
def test_settings_and_units_around_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("gpu-hours", "hours"),
        ("patient-years", "years"),
        ("hours", ""),
        ("per-patients", ""),
        ("5-shots", ""),
        ("open-question", ""),
    ],
)
def test_compound_head(word: str, expected: str) -> None:
    assert compound_head(word) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("recall at", True),
        ("rate at a", True),
        ("at a fixed", True),
        ("at a comparable", False),
        ("recall with a", False),
    ],
)
def test_held_at(before: str, expected: bool) -> None:
    assert held_at(before.split()) is expected


def test_at_before_held_and_heads_a_setting() -> None:
    d = spacy.blank("en")(
        "TPR at a fixed 2 % FPR , TPR with a 2 % FPR , Dice cut-off of 0.5 , Dice of 0.5"
    )
    assert at_before_held(d, 4) == 1
    assert at_before_held(d, 11) is None
    nouns = frozenset({"cut-off", "threshold"})
    assert heads_a_setting(d, d[15:16], nouns) is True
    assert heads_a_setting(d, d[22:23], nouns) is False


def test_past_short_form() -> None:
    d = spacy.blank("en")(
        "error ( RMSE ) of X was 2 ; error ( RMSE ) was 2 ; error ( in h ) of X was 2"
    )
    assert past_short_form(d, 1, 7) == 4
    assert past_short_form(d, 10, 14) == 10
    assert past_short_form(d, 17, 24) == 17


def test_valued_before() -> None:
    d = spacy.blank("en")("at a fixed 5 % alert rate , the alert rate , a 0.3 call rate")
    assert [valued_before(d, i) for i in (5, 9, 14)] == [True, False, True]


def test_short_form_before_whose_score_binds() -> None:
    d = spacy.blank("en")("error ( RMSE ) of TermNet was 2.4 ; error ( RMSE ) of the ward was 5")
    d.spans["kg_models"] = [d[5:6]]
    assert binds(d, 1, 7) is True
    assert binds(d, 10, 17) is False


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("recall at the default", True),
        ("f1 at its", True),
        ("the chosen", False),
        ("at 10 %", False),
    ],
)
def test_object_of_at(before: str, expected: bool) -> None:
    assert object_of_at(before.split()) is expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [("subset was", True), ("stratified sample", True), ("of the", False), ("accuracy on", False)],
)
def test_names_data_share(after: str, expected: bool) -> None:
    assert names_data_share(after.split()) is expected
