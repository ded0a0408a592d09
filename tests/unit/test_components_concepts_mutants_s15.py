"""kg_concepts, issue 15: tests written for the mutants a run of mutmut 3.8.1's operators left
alive in session 15's concept decisions (``concept_matching.py``: screening settings, doers,
time horizons, shares before an object, measures listed after a cue, measures at a cut-off,
hyphenated modifiers, raters' agreement, the system a sentence speaks of).

Each test holds one decision at its exact boundary (four words of a listed measure, six
tokens to a bracket's close, the token after "at <number>"), by a direct call on words or a
blank-pipeline Doc, so that the mutant that moved it fails.
"""

from __future__ import annotations

import pytest
import spacy

from kg.nlp.components.concept_matching import (
    _hyphenated_word,
    cued_measure_items,
    hyphenable_modifier,
    metric_at_k_key,
    name_shaped,
    names_doer,
    names_setting,
    past_cut_off,
    proportion_end,
    rater_agreement,
    speaks_of_system,
    states_horizon,
)

_NLP = spacy.blank("en")
_HEADS = frozenset({"rate", "latency"})
_LONE = frozenset({"latency"})


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            "in terms of accuracy , the refusal rate ( rr ) and latency on two sets",
            [(6, 8), (12, 13)],
        ),
        # an item of at most five words (metrics17b: "the sessile polyp lesion detection
        # rate"), a head after its modifiers
        ("with w x y rate", [(1, 5)]),
        ("with v w x y rate", [(1, 6)]),
        ("with u v w x y rate", []),
        # six words are no item even when the first five end in a head
        ("with v w x y rate z", []),
        ("with error rate", [(1, 3)]),
        ("with rate", []),
        ("with latency", [(1, 2)]),
        ("with mean latency , rate", [(1, 3)]),
        # openers and numbers before the item are stepped over
        ("with the error rate", [(2, 4)]),
        ("with 95 error rate", [(2, 4)]),
        ("with 0.5 error rate", [(2, 4)]),
        ("with 1.2.3 rate", []),
        # words only: a hyphen is allowed, a digit or a listed word is not
        ("with false-alarm rate", [(1, 3)]),
        ("with f1 rate", []),
        ("with judge rate", []),
        # a bracket closed within six tokens is stepped over
        ("with error rate ( a b c d ) and latency", [(1, 3), (10, 11)]),
        ("with error rate ( a b c d e ) and latency", [(1, 3)]),
        ("with error rate ( er", [(1, 3)]),
        ("with error rate (", [(1, 3)]),
        # a bracket's close is looked for after it, not before
        ("with error rate ( rr ) and latency ( lt", [(1, 3), (7, 8)]),
        # joiners go on to the next item, anything else ends the list
        ("with error rate , and latency", [(1, 3), (5, 6)]),
        ("with error rate as well as latency", [(1, 3), (6, 7)]),
        ("with error rate on latency", [(1, 3)]),
        ("with error rate and", [(1, 3)]),
        ("with , latency", []),
        ("with", []),
        ("with the", []),
    ],
)
def test_cued_measure_items(words: str, expected: list[tuple[int, int]]) -> None:
    lowers = words.split()
    start = 3 if words.startswith("in terms of") else 1
    assert cued_measure_items(lowers, start, _HEADS, _LONE, frozenset({"judge"})) == expected


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("answers 68.9 % of the questions", 1, 4),
        ("classifies 92 percent of lesions", 1, 4),
        ("classifies 92 PERCENT of lesions", 1, 4),
        ("detected 41 of 45 polyps", 1, 3),
        ("detected 41 OF 45 polyps", 1, 3),
        ("answers the questions", 1, 1),
        ("detected 41 %", 1, 1),
        ("detected 41", 1, 1),
        ("detected", 1, 1),
        ("detected 41 polyps", 1, 1),
    ],
)
def test_proportion_end(text: str, start: int, expected: int) -> None:
    assert proportion_end(_NLP(text), start) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("factor at 1 % of 31.7", 4),
        ("rate at 10 of 0.4", 3),
        ("rate At 10 of 0.4", 3),
        ("rate at 10", 3),
        ("rate at night of 3", 1),
        ("rate at", 1),
        ("rate", 1),
        ("rate of 10", 1),
    ],
)
def test_past_cut_off(text: str, expected: int) -> None:
    assert past_cut_off(_NLP(text), 1) == expected


def test_metric_at_k_key_cuts_at_the_first_at_sign() -> None:
    assert metric_at_k_key("EM@5@10", {}) == metric_at_k_key("EM@5", {}) == "emk"


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("R@5", "recallk"),
        ("EM@10", "emk"),
        ("F-score@0.5", "fscorek"),
        ("XY50", None),
        ("3D@5", None),
    ],
)
def test_metric_at_k_key(token: str, expected: str | None) -> None:
    assert metric_at_k_key(token, {"r": "recallk"}) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("stroke within five years", True),
        ("30-day mortality", True),
        ("2-to-5-year survival", True),
        ("five-year-old children", False),
        ("covid-19 infection", False),
        ("", False),
    ],
)
def test_states_horizon(words: str, expected: bool) -> None:
    assert states_horizon(words.split(), frozenset({"year", "years", "day", "days"})) is expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("false positive rate", True),
        ("mean false positive rate", True),
        ("error rate", False),
        ("False positive rate", False),
        ("false positive2 rate", False),
        ("Cohen's kappa", False),
    ],
)
def test_hyphenable_modifier(label: str, expected: bool) -> None:
    assert hyphenable_modifier(label) is expected


@pytest.mark.parametrize(
    ("prev", "expected"), [("clinician", True), ("clinicians", True), ("lesion", False)]
)
def test_names_doer(prev: str, expected: bool) -> None:
    assert names_doer(prev, frozenset({"clinician"})) is expected


@pytest.mark.parametrize(
    ("head", "prev", "expected"),
    [
        ("screening", "mammography", True),
        ("screening", "abstract", False),
        ("screening", "abstracts", False),
        ("screening", "data", False),
        ("detection", "line", False),
    ],
)
def test_names_setting(head: str, prev: str, expected: bool) -> None:
    items = {"screening": frozenset({"abstract", "virtual", "data"})}
    assert names_setting(head, prev, items) is expected


def test_speaks_of_system() -> None:
    words = frozenset({"model", "achieved"})
    assert speaks_of_system(["the", "rate", "of", "the", "model", "was", "3"], words)
    assert not speaks_of_system(["the", "attrition", "rate", "was", "9"], words)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("inter-rater agreement", True),
        ("intraobserver agreement", True),
        ("high inter-rater agreement", True),
        ("percent agreement", False),
        ("inter-rater score", False),
        ("agreement", False),
        ("inter agreement", True),
        ("agreement inter", False),
    ],
)
def test_rater_agreement(words: str, expected: bool) -> None:
    assert rater_agreement(words.split()) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("false-alarm", True),
        ("a-b-", True),
        ("COVID-19", False),
        ("-ray", False),
        ("X-ray", True),
        ("-a-b", False),
        ("x-", False),
        ("alarm", False),
    ],
)
def test_hyphenated_word(text: str, expected: bool) -> None:
    assert _hyphenated_word(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("PolypWatch", True), ("Med42", True), ("Llama-3", True), ("HbA1c", False), ("Pat", False)],
)
def test_name_shaped(text: str, expected: bool) -> None:
    assert name_shaped(text) is expected
