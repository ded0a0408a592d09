"""Concepts, session 17: tests written for the mutants of mutmut 3.8.1's operators that the
suite let live in the session's concept and task decisions (durations after a time measure,
denied tasks, framings of implied tasks). Direct calls on lower-cased word lists, each at the
bound the mutant moves (docs/mutation.md, session 17 run)."""

from __future__ import annotations

from concept_helpers import asserted
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp.components.concept_matching import duration_follows
from kg.nlp.components.concepts import denied_after, denied_use_before
from kg.nlp.components.implied_tasks import named_otherwise

_TIME = frozenset({"s", "seconds", "minutes"})


# duration_follows -------------------------------------------------------------------------


def test_duration_reach_is_eight_words() -> None:
    words = ["time", "in", "the", "whole", "set", "on", "each", "case", "at", "3", "s"]
    assert duration_follows(words, 2, _TIME)  # "3" is the eighth word from "the"
    assert not duration_follows(words, 1, _TIME)  # and the ninth from "in"


def test_duration_with_a_number_as_the_last_word() -> None:
    assert not duration_follows(["reading", "time", "was", "3"], 2, _TIME)


def test_duration_with_thousands_comma() -> None:
    assert duration_follows(["total", "time", "was", "1,200", "seconds"], 2, _TIME)


def test_duration_after_a_dotted_version_is_no_number() -> None:
    assert not duration_follows(["time", "with", "release", "1.2.3", "s"], 2, _TIME)


def test_time_head_without_duration_does_not_stop_the_sentence(nlp: Language) -> None:
    text = "The processing time was 3 of 5 runs, and the inference time was 0.4 s per image."
    found = asserted(nlp, text, "metric")
    assert "inferencetime" in found
    assert "processingtime" not in found


# denied_after -------------------------------------------------------------------------------


def test_denial_clause_ending_on_a_comma() -> None:
    assert not denied_after(["was", "shown", ","], frozenset({"evaluated"}))


_DONE = frozenset({"evaluated", "tested"})


def test_denial_skips_a_relative_clause_to_the_next_word() -> None:
    right = [",", "which", "could", "help", ",", "not", "evaluated"]
    assert denied_after(right, _DONE)


def test_denial_as_the_last_word() -> None:
    assert not denied_after(["was", "not"], _DONE)


def test_denial_with_its_verb_as_the_last_word() -> None:
    assert denied_after(["were", "not", "evaluated"], _DONE)


def test_denial_reads_only_the_two_words_after_it() -> None:
    assert not denied_after(["tested", "not", "here"], _DONE)
    assert not denied_after(["were", "not", "better", "than", "tested", "ones"], _DONE)


def test_no_denial_in_the_clause() -> None:
    assert not denied_after(["was", "evaluated"], _DONE)
    assert not denied_after(["were", "not", "yet", "x"], _DONE)


# denied_use_before --------------------------------------------------------------------------

_USED = frozenset({"used", "tested"})


def test_denied_use_reads_four_words_before_the_preposition() -> None:
    # "X was not tested but later used for triage": the use is not denied
    assert not denied_use_before(["not", "tested", "but", "later", "used", "for"], _USED)
    assert denied_use_before(["not", "tested", "or", "used", "for"], _USED)


def test_denied_use_with_the_denial_last() -> None:
    assert not denied_use_before(["it", "is", "not", "for"], _USED)


def test_denied_use_not_only() -> None:
    assert not denied_use_before(["was", "not", "only", "used", "for"], _USED)


# demote_unsupported: the denials' windows ---------------------------------------------------


def test_use_denied_by_the_first_word_of_the_text(nlp: Language) -> None:
    text = "Never intended for diagnosis, the model drafts findings for chest radiographs."
    assert "diagnosis" not in asserted(nlp, text, "task")


def test_denial_in_the_next_paragraph_does_not_reach_the_task(nlp: Language) -> None:
    text = (
        "A fracture reader\n\nWe train a detector for fracture diagnosis on hand radiographs"
        "\n\nSegmentation was not evaluated."
    )
    assert "fracturediagnosis" in asserted(nlp, text, "task")


# named_otherwise ----------------------------------------------------------------------------


def test_named_otherwise_for_a_task_no_other_names() -> None:
    assert not named_otherwise("qa", {"mr"}, {})


def test_denied_use_reads_two_words_after_the_denial() -> None:
    # "gains were not significant when used for triage": no denied use
    assert not denied_use_before(["not", "significant", "when", "used", "for"], _USED)
