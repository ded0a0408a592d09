"""Word lists read from ``kg/nlp/patterns`` when a module loads (kg.nlp.components.wordlists)."""

from __future__ import annotations

import pytest
import spacy

from kg.nlp.components.concept_matching import TITLE_MINOR_WORDS, title_case
from kg.nlp.components.results import VALUE_RE, carry_compared_values, is_starting_point
from kg.nlp.components.wordlists import wordlist, wordlists


def test_each_file_is_read_once() -> None:
    assert wordlists("results_wordlists") is wordlists("results_wordlists")
    assert wordlist("concepts_wordlists", "title_minor_words") is TITLE_MINOR_WORDS


def test_a_missing_list_is_an_error() -> None:
    with pytest.raises(KeyError):
        wordlist("results_wordlists", "no_such_list")


def test_title_minor_words_stay_lower_case() -> None:
    assert title_case("area under the roc curve") == "Area under the Roc Curve"


@pytest.mark.parametrize(
    ("opener", "carried"),
    [
        ("versus", True),
        ("vs.", True),
        ("compared  with", True),  # the words of a phrase apart by any white space
        ("In comparison to", True),
        ("and", False),
        ("compared", False),
    ],
)
def test_comparison_openers_carry_a_compared_value(opener: str, carried: bool) -> None:
    text = f"C-index of 0.76 on A , {opener} 0.70 for X"
    doc = spacy.blank("en")(text)
    values = [(text.index(x), text.index(x) + len(x)) for x in ("0.76", "0.70")]
    out = carry_compared_values([doc[0:1]], values, ["fraction"] * 2, {0: doc[0:1]}, text)
    assert (1 in out) is carried


@pytest.mark.parametrize(("verb", "start"), [("rose", True), ("ranged", False), ("varies", False)])
def test_range_verbs_make_both_ends_scores(verb: str, start: bool) -> None:
    text = f"AUC {verb} from 0.70 for A to 0.83 for B"
    assert is_starting_point(VALUE_RE.search(text), text) is start


def test_no_pattern_file_lists_a_word_list_twice() -> None:
    from kg.paths import patterns_dir

    for path in sorted(patterns_dir().glob("*.jsonl")):
        assert wordlists(path.stem) is not None  # lists_by_name raises on a name listed twice
