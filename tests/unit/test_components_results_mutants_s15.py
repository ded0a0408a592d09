"""kg_results, issue 15: tests written for the mutants a run of mutmut 3.8.1's operators left
alive in session 15's result decisions (interval levels, "1 in N", scale tops, limits of
agreement, slash lists, dash ranges, operating points, thresholds chosen to give a value,
measures no metric span covers, scores given name by name).

Each test holds one decision at its exact boundary (the tokens read before a value, a window
of characters, the words read after it), by a direct call on a short text or a blank-pipeline
Doc, so that the mutant that moved it (``>`` to ``>=``, an index off by one, ``and`` for
``or``) fails.
"""

from __future__ import annotations

import re

import pytest
import spacy

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

_NLP = spacy.blank("en")


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("prediction-interval coverage", True),
        ("credible interval", True),
        ("credible", True),
        # "tolerance" needs "interval(s)" right after it
        ("tolerance interval", True),
        ("tolerance intervals", True),
        ("tolerance interval coverage", True),
        ("tolerance limits", False),
        ("tolerance", False),
        # "prediction" too
        ("prediction interval", True),
        ("prediction intervals", True),
        ("prediction interval coverage", True),
        ("prediction accuracy", False),
        ("prediction", False),
        ("interval prediction", False),
        ("coverage", False),
        ("", False),
    ],
)
def test_names_interval_level(after: str, expected: bool) -> None:
    assert names_interval_level(after.split()) is expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("in 9", True),
        ("in 2,000", True),
        ("in the", False),
        ("in", False),
        ("of 9", False),
        ("9 in", False),
    ],
)
def test_one_in_n(after: str, expected: bool) -> None:
    assert one_in_n(after.split()) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.2 of 5", True),
        # the number and "of" within sixteen characters before the value
        ("a 123456789.12 of 5", True),
        ("a 1234567890.12 of 5", False),
        ("an AUC of 5", False),
    ],
)
def test_tops_a_scale(text: str, expected: bool) -> None:
    assert tops_a_scale(text, len(text) - 1) is expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("limits of agreement -3.1 to 5.2", "5.2", True),
        ("LoA of 5.2", "5.2", True),
        ("an ICC of 0.91", "0.91", False),
        # the phrase opens at most sixty characters before the value
        ("limits  of agreement " + "x" * 38 + " 5.2", "5.2", True),
        ("limits  of  agreement " + "x" * 38 + " 5.2", "5.2", False),
    ],
)
def test_limits_of_agreement(text: str, value: str, expected: bool) -> None:
    assert limits_of_agreement(text, text.index(value)) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("post-edited", True),
        ("X-linked", True),
        ("-edited", False),
        ("edited-", False),
        ("annotated", True),
        ("tuned", True),
        ("used", False),
        ("red", False),
        ("annotates", False),
        ("5-ed", True),
        ("l2ed", False),
    ],
)
def test_describes_items(word: str, expected: bool) -> None:
    assert describes_items(word) is expected


@pytest.mark.parametrize(
    ("text", "value", "percent", "expected"),
    [
        ("0.88/0.79", "0.79", False, True),
        ("Dice/0.79", "0.79", False, True),
        ("3/4", "4", False, False),
        ("1/0.5", "0.5", False, False),
        ("91%/85", "85", True, True),
        ("91%/85", "85", False, False),
        ("12/20", "20", True, False),
        ("91.2%/3.1", "3.1", False, True),
        ("2%/2.5", "2.5", False, False),
        # twelve characters before the value are read
        ("x 1234567.88/0.79", "0.79", False, True),
        ("0.5 123456789012/0.79", "0.79", False, False),
    ],
)
def test_listed_after_slash(text: str, value: str, percent: bool, expected: bool) -> None:
    start = text.rindex(value)
    assert listed_after_slash(text, start, value, percent=percent) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("91.2%/3.1", True), ("0.8 / 0.7", True), ("3, 4", False), ("3 and 4", False)],
)
def test_slashed_to(text: str, expected: bool) -> None:
    first, second = list(VALUE_RE.finditer(text))[:2]
    assert slashed_to(first, second, text) is expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("(0.12–0.15)", "0.15", True),
        ("17.1% - 25.5%", "25.5%", True),
        ("0.61—0.70", "0.70", True),
        ("from 0.71 – 0.78", "0.78", False),
        ("FROM 0.71 – 0.78", "0.78", False),
        ("rose 0.71 – 0.78", "0.78", True),
        ("0.91 – see", "0.91", False),
    ],
)
def test_closes_dash_range(text: str, value: str, expected: bool) -> None:
    assert closes_dash_range(text, text.rindex(value)) is expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("of 0.31 at", 1, True),
        ("0.31 at", 0, True),
        ("88 % at", 1, True),
        ("88 \\% at", 1, True),
        ("% at", 0, False),
        ("peaks at", 0, False),
    ],
)
def test_ends_a_value(text: str, i: int, expected: bool) -> None:
    assert ends_a_value(_NLP(text), i) is expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("(0.774, 0.752-0.796)", "0.752", True),
        ("(0.774, 0.752-0.796)", "0.796", True),
        ("(0.774, 0.752-0.796)", "0.774", False),
        ("(0.91, 0.60-0.70)", "0.60", False),
        # the point at either end of the range
        ("(0.752, 0.752-0.796)", "0.796", True),
        ("(0.796, 0.752-0.796)", "0.752", True),
        ("0.774, 0.752-0.796", "0.752", False),
    ],
)
def test_bounds_estimate_in_bracket(text: str, value: str, expected: bool) -> None:
    assert bounds_estimate_in_bracket(text, text.rindex(value)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A reached 0.641, a random survival forest 0.668", True),
        ("A reached 0.641, and B 0.668", True),
        ("A reached 0.641, a b c d 0.668", True),
        ("A reached 0.641, a b c d e 0.668", False),
        ("A reached 0.641, an AUROC of 0.668", False),
        ("A reached 0.641, B was 0.668", False),
    ],
)
def test_listed_with_subject(text: str, expected: bool) -> None:
    assert listed_with_subject(text, text.index("0.641") + 5, text.index("0.668")) is expected


def _reached(text: str, value: str, metrics: tuple[str, ...]) -> bool:
    ends = [text.index(m) + len(m) for m in metrics]
    return reached_in_unit(VALUE_RE.search(text, text.rindex(value)), text, ends)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the HD95 drops from 14.6 mm to 7.9 mm", True),
        ("the HD95 drops To 7.9 mm", True),
        ("the HD95 drops from 14.6 mm by 2 mm to 7.9 mm", False),
        ("the HD95 ; drops to 7.9 mm", False),
        ("the HD95 14.6 to 7.9 mm", False),
        ("the HD95 from 14.6 to 7.9 mm", True),
        # at most twelve words between the metric and the value
        ("the HD95 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 to 7.9 mm", True),
        ("the HD95 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 to 7.9 mm", False),
        ("the HD95 drops to", False),
    ],
)
def test_reached_in_unit(text: str, expected: bool) -> None:
    value = "7.9" if "7.9" in text else "HD95"
    if value == "HD95":
        assert reached_in_unit(VALUE_RE.search("to 7.9 mm"), text, [8]) is False
        return
    assert _reached(text, value, ("HD95",)) is expected


def test_reached_in_unit_reads_the_nearest_metric_before_the_value() -> None:
    text = "the HD95 drops to 7.9 mm and a Dice 12 to 40"
    assert not _reached(text, "40", ("HD95", "Dice"))
    text = "to 5 mm, the HD95"
    assert not reached_in_unit(VALUE_RE.search(text), text, [len(text)])


def test_stated_for_other_name_reads_from_the_value_end() -> None:
    doc = _NLP("0.62 for HbA1c")
    assert stated_for_other_name(doc, 5, [])
    assert not stated_for_other_name(doc, 6, [])


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("0.66 for ModelA and 0.62 for HbA1c and 0.60 for the cohort", 0, False),
        ("0.66 for ModelA and 0.62 for HbA1c and 0.60 for the cohort", 4, True),
        ("0.66 for ModelA and 0.62 for HbA1c and 0.60 for the cohort", 8, False),
        ("0.62 for the NEWS2 score", 0, True),
        ("0.62 for a NEWS2 score", 0, True),
        ("0.62 for an NEWS2 score", 0, True),
        ("0.62 For NEWS2", 0, True),
        ("0.62 for NEWS2", 0, True),
        ("0.62 for", 0, False),
        ("0.62 for the", 0, False),
        ("0.62 in NEWS2", 0, False),
        ("0.62", 0, False),
        ("0.62 for Xy", 0, False),
    ],
)
def test_stated_for_other_name(text: str, i: int, expected: bool) -> None:
    doc = _NLP(text)
    models = [doc[2:3]] if "ModelA" in text else []
    assert stated_for_other_name(doc, doc[i].idx + len(doc[i]), models) is expected


@pytest.mark.parametrize(
    ("text", "first", "prev_end", "start", "expected"),
    [
        ("citation precision and citation recall", 1, 2, 4, True),
        ("precision and test recall", 0, 1, 3, False),
        # one or two joiners, one to three repeated words
        ("citation precision , and citation recall", 1, 2, 5, True),
        ("citation precision , , and citation recall", 1, 2, 6, False),
        ("a b c precision and a b c recall", 3, 4, 8, True),
        ("a b c d precision and a b c d recall", 4, 5, 10, False),
        ("precision and recall", 0, 1, 2, False),
        # no joiner, or a word before the joiners: no list
        ("citation precision citation recall", 1, 2, 3, False),
        ("citation precision x citation recall", 1, 2, 4, False),
        # the repeated words must stand before the first metric, and hold a letter
        ("citation precision and citation recall", 0, 2, 4, False),
        ("1 precision and 1 recall", 1, 2, 4, False),
    ],
)
def test_repeats_modifier(text: str, first: int, prev_end: int, start: int, expected: bool) -> None:
    assert repeats_modifier(_NLP(text), first, prev_end, start) is expected


_NOUNS = frozenset({"threshold", "cutoffs", "cut-off"})
_PARTS = frozenset({"set"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a threshold yielding 80", True),
        ("cutoffs set to reach 90", True),
        ("threshold , it reached 70", False),
        ("a cut-off giving 95", True),
        ("cut-off giving 95", True),
        ("threshold above 90", False),
        ("a threshold of 0.4 gave 90", False),
        # the noun at most four tokens before the value, and not right before it
        ("threshold set to reach 90", True),
        ("threshold set to reach us 90", False),
        ("threshold 90", False),
        # a participle: a listed one or a word in "-ing" of five letters or more
        ("threshold ring 90", False),
        ("threshold bring 90", True),
        ("threshold met 90", False),
    ],
)
def test_chosen_by_setting(text: str, expected: bool) -> None:
    doc = _NLP(text)
    i = len(doc) - 1
    assert chosen_by_setting(doc, i, 0, _NOUNS, _PARTS) is expected


def test_chosen_by_setting_stays_in_its_sentence() -> None:
    doc = _NLP("x threshold yielding 80")
    assert not chosen_by_setting(doc, 3, 2, _NOUNS, _PARTS)
    assert chosen_by_setting(doc, 3, 1, _NOUNS, _PARTS)


def _unnamed(text: str, value: str, metric: tuple[int, int] | None = None) -> bool:
    doc = _NLP(text)
    start = text.rindex(value)
    metrics = [doc[metric[0] : metric[1]]] if metric else []
    return scored_by_unnamed_measure(doc, start, start + len(value), metrics)


@pytest.mark.parametrize(
    ("text", "value", "metric", "expected"),
    [
        ("an AUC of 0.88", "0.88", (1, 2), False),
        ("a ranking score of 0.78", "0.78", None, True),
        ("the best score of 0.9", "0.9", None, False),
        ("its error rate falls to 6.9", "6.9", None, True),
        ("its error rate to 6.9", "6.9", None, False),
        ("its error rate falls sharply 0.9", "0.9", None, False),
        ("its error rate , to 6.9", "6.9", None, False),
        ("error rate of 0.9", "0.9", None, True),
        ("Meditron scores 41.2", "41.2", None, False),
        # the value's token must have two tokens before it
        ("rate 0.9", "0.9", None, False),
        ("a ranking score 0.9", "0.9", None, False),
        # the modifier must hold a letter, be no plain one, no "'s"
        ("a 3 score of 0.9", "0.9", None, False),
        ("the model 's score of 0.9", "0.9", None, False),
        # the head itself, or its modifier, inside a metric span
        ("an AUC rate of 0.9", "0.9", (1, 2), False),
        ("an error rate of 0.9", "0.9", (2, 3), False),
        # a metric ending right before the modifier leaves the measure its own
        ("AUC error rate of 0.9", "0.9", (0, 1), True),
        ("score of 0.9", "0.9", None, False),
    ],
)
def test_scored_by_unnamed_measure(
    text: str, value: str, metric: tuple[int, int] | None, expected: bool
) -> None:
    assert _unnamed(text, value, metric) is expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("similar ( X 0.66 , Y 0.61 )", "0.66", True),
        ("similar ( X 0.66 , Y 0.61 )", "0.61", False),
        ("similar [ X 66% , Y 61% ]", "66%", True),
        ("and ( Z 12 runs )", "12", False),
        ("X 0.66 here", "0.66", False),
        # the bracket as the Doc's first token
        ("( X 0.66 )", "0.66", True),
    ],
)
def test_opens_named_brackets(text: str, value: str, expected: bool) -> None:
    doc = _NLP(text)
    models = [doc[t.i : t.i + 1] for t in doc if t.text in {"X", "Y", "Z"}]
    match = VALUE_RE.search(text, text.index(value))
    assert match is not None
    assert opens_named_brackets(doc, match, models) is expected


def test_value_re_reads_the_values_these_tests_use() -> None:
    assert re.fullmatch(r"\d+(\.\d+)?%?", VALUE_RE.search("X 66% ,").group(0).strip())
