"""Results, session 17: tests written for the mutants of mutmut 3.8.1's operators that the
suite let live in the session's result decisions (compound count units, data shares,
operating points held at a value, settings a metric heads, short forms before "of", the
system a study's aim names). Direct calls on words, short blank-pipeline Docs and small
inputs, each at the bound the mutant moves (docs/mutation.md, session 17 run)."""

from __future__ import annotations

import spacy

from kg.nlp.components.results import (
    VALUE_RE,
    at_before_held,
    compound_head,
    heads_a_setting,
    held_at,
    listed_in_unit,
    object_of_at,
    owns_value,
    past_short_form,
    scored_by_unnamed_measure,
    valued_before,
)

_NLP = spacy.blank("en")


# compound_head ----------------------------------------------------------------------------


def test_compound_head_reads_one_hyphen_only() -> None:
    assert compound_head("gpu-hours") == "hours"
    assert compound_head("multi-gpu-hours") == ""  # the part before the last hyphen is no word


def test_compound_head_double_s_is_singular() -> None:
    assert compound_head("multi-class") == ""


# owns_value and object_of_at ----------------------------------------------------------------


def test_setting_right_after_at_the_does_not_own_the_value() -> None:
    # "sensitivity at the threshold was 94%": the value is the sensitivity's
    assert not owns_value(
        ["sensitivity", "at", "the", "threshold", "was"], frozenset({"threshold"})
    )


def test_object_of_at_reaches_three_words_back_only() -> None:
    assert object_of_at(["recall", "at", "the", "default"])
    assert not object_of_at(["recall", "at", "the", "very", "default"])


def test_object_of_at_needs_plain_words_after_the_determiner() -> None:
    assert not object_of_at(["recall", "at", "the", "0.5"])


# held_at ----------------------------------------------------------------------------------


def test_held_at_allows_two_setting_words_not_three() -> None:
    assert held_at(["at", "the", "same"])
    assert not held_at(["at", "the", "same", "fixed"])


# listed_in_unit ---------------------------------------------------------------------------


def test_value_listed_after_the_only_word_before_it() -> None:
    text = "against 2.4 mm for the baseline"
    assert listed_in_unit(VALUE_RE.search(text), text, frozenset({"mm"}))


# at_before_held and heads_a_setting -------------------------------------------------------


def test_at_before_held_crosses_two_setting_words_not_three() -> None:
    assert at_before_held(_NLP("at the same 5 %"), 3) == 0
    assert at_before_held(_NLP("at the same fixed 5 %"), 4) is None


def test_metric_closing_the_doc_heads_no_setting() -> None:
    doc = _NLP("we report the IoU")
    assert not heads_a_setting(doc, doc[3:4], frozenset({"threshold"}))


def test_setting_noun_before_a_hyphen_is_read_alone() -> None:
    doc = _NLP("an IoU threshold-based filter")
    assert heads_a_setting(doc, doc[1:2], frozenset({"threshold", "cut-off"}))


# valued_before ----------------------------------------------------------------------------


def test_valued_before_at_the_first_token() -> None:
    assert valued_before(_NLP("10 review rate"), 1)


def test_valued_before_past_an_escaped_percent_sign() -> None:
    assert valued_before(_NLP("at 10 \\% review rate"), 3)


# scored_by_unnamed_measure and past_short_form --------------------------------------------


def test_measure_held_at_a_value_right_before_it_scores_nothing() -> None:
    doc = _NLP("at 0.5 review rate was 72.4 %")
    k = doc.text.index("72.4")
    assert not scored_by_unnamed_measure(doc, k, k + 4, [])


def test_short_form_with_of_right_before_the_value() -> None:
    doc = _NLP("error ( MAE ) of 3.9")
    assert past_short_form(doc, 1, 5) == 4
