"""kg_entities: the small decisions of ``find_mentions``'s phases, each on both sides of its
boundary (the phases themselves are covered through short sentences elsewhere)."""

from __future__ import annotations

import pytest

from kg.nlp.components.names.cues import Candidate
from kg.nlp.components.names.scan import (
    entity_confidence,
    introduced_keys,
    name_shape_confidence,
    token_units,
    unit_sentences,
)
from kg.nlp.components.names.units import Unit


def cand(rule: str = "name_shape", base: float = 0.6, cue: float = 0.0, **kw: object) -> Candidate:
    c = Candidate(0, 1, 0, 0, "X", rule, base)
    c.cue_conf = cue
    for name, value in kw.items():
        setattr(c, name, value)
    return c


def test_name_shape_confidence_by_spelling() -> None:
    assert name_shape_confidence(all_caps=True, one_unit=True, alphabetic=True) == 0.45
    assert name_shape_confidence(all_caps=True, one_unit=True, alphabetic=False) == 0.6
    assert name_shape_confidence(all_caps=True, one_unit=False, alphabetic=True) == 0.7
    assert name_shape_confidence(all_caps=False, one_unit=True, alphabetic=True) == 0.7


def test_entity_confidence_takes_the_best_mention_and_cue() -> None:
    assert entity_confidence([cand(base=0.6), cand(base=0.45, cue=0.85)], False) == 0.85
    assert entity_confidence([cand(base=0.6)], False) == 0.6


def test_entity_confidence_of_an_introduced_name_is_at_least_0_8() -> None:
    assert entity_confidence([cand(base=0.45)], True) == 0.8
    assert entity_confidence([cand(base=0.95)], True) == 0.95


def test_entity_confidence_of_an_ner_only_capitalised_word_stays_the_ners() -> None:
    assert entity_confidence([cand("ner_cap", 0.4, cue=0.9)], True) == 0.4
    # one mention found by a rule lifts it
    assert entity_confidence([cand("ner_cap", 0.4), cand("name_in_list", 0.6)], False) == 0.6


def test_introduced_keys_extend_to_sizes_and_variants() -> None:
    by_key = {
        "apollo": [cand(introduced=True)],
        "apollo7b": [cand()],
        "apollonetwork": [cand()],  # "network" is not a size or variant suffix
        "gpt4": [cand()],
    }
    assert introduced_keys(by_key) == {"apollo", "apollo7b"}


def test_introduced_keys_need_a_base_of_three_characters() -> None:
    assert introduced_keys({"ab": [cand(introduced=True)], "ab7b": [cand()]}) == {"ab"}
    assert introduced_keys({"abc": [cand(introduced=True)], "abc7b": [cand()]}) == {
        "abc",
        "abc7b",
    }


@pytest.mark.parametrize(
    ("title_end", "expected"), [(0, [0, 0, 1]), (2, [0, 1, 2]), (4, [0, 0, 2])]
)
def test_unit_sentences_make_the_title_a_sentence(title_end: int, expected: list[int]) -> None:
    units = [
        Unit(0, 1, "A", "cap", True, False, 0),
        Unit(1, 2, "B", "cap", False, True, 2),
        Unit(2, 3, "C", "cap", True, True, 4),
    ]
    assert unit_sentences(units, title_end) == expected


def test_token_units_cover_every_token_of_a_unit() -> None:
    units = [
        Unit(0, 3, "GPT-4", "strong", True, False, 0),
        Unit(3, 4, "and", "lower", False, True, 6),
    ]
    assert token_units(units) == {0: 0, 1: 0, 2: 0, 3: 1}


def test_introduced_keys_extend_to_hyphenated_variants() -> None:
    by_key = {
        "medgemini": [cand(introduced=True, text="Med-Gemini")],
        "medgemini2d": [cand(text="Med-Gemini-2D")],
        "medgeminipolygenic": [cand(text="Med-Gemini-Polygenic")],
        "gemini": [cand(text="Gemini")],
    }
    assert introduced_keys(by_key) == {"medgemini", "medgemini2d", "medgeminipolygenic"}
