"""Names, session 17: tests written for the mutants of mutmut 3.8.1's operators that the
suite let live in the session's name decisions (title participles, places and parts in
brackets, counted brackets, prepositional objects, shared and plural score heads). Direct
calls on hand-made units, each at the bound the mutant moves (docs/mutation.md, session 17
run)."""

from __future__ import annotations

import pytest

from kg.known_entities import parse_known_entities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.boundaries import (
    _plain_capitalised,
    names_a_part,
    participle_closes,
)
from kg.nlp.components.names.cues import (
    Candidate,
    counted_in_brackets,
    object_of_preposition,
    phrase_ends_at_comma,
    score_types,
)
from kg.nlp.components.names.scores import plural_read_as_verb, shares_score_head
from kg.nlp.components.names.units import Unit


def _units(*texts: str, step: int = 1) -> list[Unit]:
    """Units with a shape by the first letter (capitalised or lower), ``step`` characters
    apart."""

    def shape(t: str) -> str:
        return "cap" if t[:1].isupper() else "lower"

    return [
        Unit(k, k + 1, t, shape(t), False, True, k * step)  # type: ignore[arg-type]
        for k, t in enumerate(texts)
    ]


# participle_closes ------------------------------------------------------------------------


def test_participle_link_starting_at_the_title_end_is_outside_the_title() -> None:
    u = _units("Model", "Pretrained", "on", "Data", step=10)
    assert participle_closes(u, 1, 30)
    assert not participle_closes(u, 1, 20)  # "on" starts at 20, where the title ends


# names_a_part ------------------------------------------------------------------------------


def test_part_noun_and_of_closing_the_units() -> None:
    assert names_a_part(_units("Oslo", "subset", "of"), 0, frozenset({"subset"}))


def test_part_noun_as_the_last_unit_is_no_part() -> None:
    assert not names_a_part(_units("Oslo", "subset"), 0, frozenset({"subset"}))


# _plain_capitalised ----------------------------------------------------------------------


def test_plain_capitalised_needs_the_capital() -> None:
    assert not _plain_capitalised("bern")
    assert not _plain_capitalised("BERN")


def test_plain_capitalised_two_letters() -> None:
    assert _plain_capitalised("Ur")


def test_plain_capitalised_rejects_inner_hyphen_and_capital() -> None:
    assert not _plain_capitalised("X-ray")
    assert not _plain_capitalised("BErn")


# counted_in_brackets and its cue in score_types -------------------------------------------


def test_counted_bracket_needs_the_opening_bracket() -> None:
    assert not counted_in_brackets(_units("the", "X", ";", "n=40"), 1, 1)


def test_counted_bracket_opened_by_the_first_unit() -> None:
    assert counted_in_brackets(_units("(", "X", ";", "n=40"), 1, 1)


def test_counted_bracket_cut_after_the_separator() -> None:
    assert not counted_in_brackets(_units("(", "X", ";"), 1, 1)


def test_counted_bracket_with_capital_n() -> None:
    assert counted_in_brackets(_units("(", "X", ";", "N", "=", "120", ")"), 1, 1)


@pytest.fixture(scope="module")
def bare_lexicon() -> Lexicon:
    return Lexicon.from_patterns({}, parse_known_entities([]))


def _scored(units: list[Unit], lexicon: Lexicon) -> Candidate:
    c = Candidate(1, 2, 1, 1, "X", "test", 0.5)
    score_types(units, [c], lexicon, [0] * len(units), {})
    return c


def test_counted_bracket_cue_weighs_two_at_confidence_085(bare_lexicon: Lexicon) -> None:
    counted = _scored(_units("(", "X", ";", "n=40", ")"), bare_lexicon)
    other = _scored(_units("(", "X", ";", "p=0.01", ")"), bare_lexicon)
    assert counted.scores["dataset"] - other.scores["dataset"] == pytest.approx(2.0)
    assert counted.cue_conf == pytest.approx(max(other.cue_conf, 0.85))


# object_of_preposition --------------------------------------------------------------------


def test_object_of_preposition_past_a_determiner() -> None:
    assert object_of_preposition(_units("on", "the", "X", "achieves"), 2, [0] * 4)


def test_object_of_preposition_at_the_first_unit() -> None:
    assert object_of_preposition(_units("on", "X", "achieves"), 1, [0] * 3)


# phrase_ends_at_comma ---------------------------------------------------------------------


def _opening(*texts: str) -> list[Unit]:
    return [Unit(k, k + 1, t, "lower", k == 0, True) for k, t in enumerate(texts)]  # type: ignore[arg-type]


def test_closing_bracket_without_opening_keeps_the_name_in_place() -> None:
    u = _opening("On", "X", ")", ",", "Y", "won")
    assert phrase_ends_at_comma(u, 1, [")", ","], 4)


def test_bracket_right_after_the_preposition_stands_for_the_name() -> None:
    u = _opening("On", "(", "X", ")", ",", "Y", "won")
    assert phrase_ends_at_comma(u, 2, [")", ","], 5)


# plural_read_as_verb and shares_score_head -------------------------------------------------


def _shaped(texts: list[str], shapes: list[str]) -> list[Unit]:
    return [
        Unit(k, k + 1, t, s, False, True)  # type: ignore[arg-type]
        for k, (t, s) in enumerate(zip(texts, shapes, strict=True))
    ]


def test_plural_score_before_a_version_number_is_a_verb() -> None:
    assert plural_read_as_verb(_shaped(["X", "scores", "v2"], ["cap", "lower", "num"]), 1)


def test_plural_score_before_a_capitalised_word_is_a_verb() -> None:
    assert plural_read_as_verb(_shaped(["X", "scores", "Apollo"], ["cap", "lower", "cap"]), 1)


def test_plural_score_before_a_digit_opened_modifier_is_a_verb() -> None:
    units = _shaped(["X", "scores", "3D-printed"], ["cap", "lower", "adj"])
    assert plural_read_as_verb(units, 1)


def test_shared_score_head_needs_a_name_not_punctuation() -> None:
    units = _shaped(["NIHSS", "and", "/", "scores"], ["strong", "lower", "punct", "lower"])
    assert not shares_score_head(units, 0)


def test_shared_score_head_needs_a_name_not_a_modifier() -> None:
    units = _shaped(["NIHSS", "and", "T2-weighted", "scores"], ["strong", "lower", "adj", "lower"])
    assert not shares_score_head(units, 0)


def test_counted_bracket_cut_after_n() -> None:
    assert not counted_in_brackets(_units("(", "X", ";", "n"), 1, 1)


def test_counted_bracket_n_and_equals_closing_the_units() -> None:
    assert counted_in_brackets(_units("(", "X", ";", "n", "="), 1, 1)
