"""Results, session 17: tests written for the mutants of mutmut 3.8.1's operators that the
suite let live in the session's result decisions (compound count units, data shares,
operating points held at a value, settings a metric heads, short forms before "of", the
system a study's aim names). Direct calls on words, short blank-pipeline Docs and small
inputs, each at the bound the mutant moves (docs/mutation.md, session 17 run)."""

from __future__ import annotations

from decimal import Decimal

import spacy
from spacy.tokens import Doc, Span

from kg.nlp.components.results import (
    VALUE_RE,
    ResultMatch,
    aim_system,
    at_before_held,
    compound_head,
    heads_a_setting,
    held_at,
    listed_in_unit,
    listed_with_next,
    names_other,
    object_of_at,
    owns_value,
    past_short_form,
    scored_by_unnamed_measure,
    tie_fallbacks,
    tie_only_model,
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


def test_hyphenated_setting_noun_closing_the_doc() -> None:
    doc = _NLP("a Dice cut-off")
    assert heads_a_setting(doc, doc[1:2], frozenset({"cut-off"}))


# listed_with_next and aim_system ----------------------------------------------------------


def test_list_of_three_words_between_models() -> None:
    assert listed_with_next([",", "and", "the"], "evaluate")


def test_four_words_between_models_make_no_list() -> None:
    assert not listed_with_next(["and", "then", "the", "new"], "evaluate")
    assert not listed_with_next(["was", "compared", "with", "the"], "evaluate")


def test_or_between_models_makes_a_list() -> None:
    assert listed_with_next(["or"], "evaluate")


def test_aim_names_the_second_model_far_from_the_first() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("We pretrained Foo on public images . To evaluate the Bar system , we ran a study .")
    models = [
        Span(doc, 2, 3, label="model", kb_id="foo"),
        Span(doc, 10, 11, label="model", kb_id="bar"),
    ]
    assert aim_system(doc, models, frozenset({"evaluate"})) == "bar"


def _with_models(text: str, spans: list[tuple[int, str]]) -> tuple[Doc, list[Span]]:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    return doc, [Span(doc, i, i + 1, label="model", kb_id=key) for i, key in spans]


def test_aim_model_ten_words_after_another_one() -> None:
    doc, models = _with_models(
        "Foo was used as a baseline and we evaluate the new Bar system .",
        [(0, "foo"), (11, "bar")],
    )
    assert aim_system(doc, models, frozenset({"evaluate"})) == "bar"


def test_aim_model_after_a_pair_of_near_models() -> None:
    doc, models = _with_models(
        "We compared Foo against Baz . To evaluate the Bar system , we ran a study .",
        [(2, "foo"), (4, "baz"), (9, "bar")],
    )
    assert aim_system(doc, models, frozenset({"evaluate"})) == "bar"


def test_aim_model_after_an_earlier_list_of_models() -> None:
    doc, models = _with_models(
        "We compared Foo and Baz . To evaluate the Bar system , we ran a study .",
        [(2, "foo"), (4, "baz"), (9, "bar")],
    )
    assert aim_system(doc, models, frozenset({"evaluate"})) == "bar"


def test_aim_listing_two_models_after_an_earlier_one_names_none() -> None:
    doc, models = _with_models(
        "We trained Foo . To evaluate Bar and Baz , we ran a study .",
        [(2, "foo"), (6, "bar"), (8, "baz")],
    )
    assert aim_system(doc, models, frozenset({"evaluate"})) is None


def test_aim_model_as_the_last_token() -> None:
    doc, models = _with_models("To evaluate Bar", [(2, "bar")])
    assert aim_system(doc, models, frozenset({"evaluate"})) == "bar"


def test_aim_model_after_a_part_word_is_still_aimed() -> None:
    # only a part word after the model ("Bar backbone") or ending its name makes it a part
    doc, models = _with_models("To evaluate the encoder Bar on scans .", [(4, "bar")])
    assert aim_system(doc, models, frozenset({"evaluate"})) == "bar"


# tie_only_model and names_other ------------------------------------------------------------


def test_only_model_needs_a_generic_word_by_default() -> None:
    text = "The AUC was 0.91."
    result = ResultMatch(12, 16, "0.91", Decimal("0.91"), False, "auc", 0, 1)
    assert tie_only_model(result, text, 0, "toola").model_key is None
    assert tie_only_model(result, text, 0, "toola", aimed=True).model_key == "toola"


def test_names_other_specialists_and_agreement_among_people() -> None:
    assert names_other("radiologist", frozenset())
    assert names_other("intrareader", frozenset({"reader"}))
    assert names_other("interreader", frozenset({"reader"}))


def test_fallbacks_tie_the_only_model_without_aim_by_default() -> None:
    text = "The AUC was 0.91."
    result = ResultMatch(12, 16, "0.91", Decimal("0.91"), False, "auc", 0, 1)
    assert tie_fallbacks(result, text, 0, None, "toola", None, None).model_key is None
