"""Tests written against the mutants of session 16's abbreviation decision that the suite let
live (docs/mutation.md, session 16 run): a short form followed by a one-word note after a
semicolon."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from kg.nlp.components.abbreviations import _before_version_tag, abbreviation_pairs


@pytest.fixture(scope="module")
def nlp_fast_abbrev() -> Language:
    """A blank pipeline with the project's detector."""
    import kg.nlp.components.abbreviations  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_abbreviation_detector")
    return nlp


def test_one_word_note_after_semicolon_trimmed(nlp_fast_abbrev: Language) -> None:
    doc = nlp_fast_abbrev(
        "We predicted hospital-acquired pressure injury (HAPI; adults) from notes."
    )
    assert {p.short_text for p in abbreviation_pairs(doc)} == {"HAPI"}


def test_semicolon_note_end_directly() -> None:
    doc = spacy.blank("en")("injury ( HAPI ; adults )")
    assert _before_version_tag(doc, 2, 5) == 3
