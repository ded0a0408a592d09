"""Abbreviation pairs from scispaCy's detector (kg.nlp.components.abbreviations)."""

from __future__ import annotations

import pytest
import scispacy.abbreviation  # noqa: F401
import spacy
from spacy.language import Language

from kg.nlp.components.abbreviations import AbbreviationPair, abbreviation_pairs, long_form_by_short


@pytest.fixture(scope="module")
def nlp_abbrev() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("abbreviation_detector")
    return nlp


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        (
            "We use the Segment Anything Model (SAM) here. SAM is fast.",
            "SAM",
            "Segment Anything Model",
        ),
        ("We build on Therapeutic Data Commons (TDC) data.", "TDC", "Therapeutic Data Commons"),
    ],
)
def test_abbreviations_pairs_found(nlp_abbrev: Language, text: str, short: str, long: str) -> None:
    pairs = abbreviation_pairs(nlp_abbrev(text))
    assert pairs, "the detector should find the pair"
    assert {(p.short_text, p.long_text) for p in pairs} == {(short, long)}


def test_abbreviations_every_occurrence_of_the_short_form(nlp_abbrev: Language) -> None:
    doc = nlp_abbrev("We use the Segment Anything Model (SAM) here. SAM is fast.")
    shorts = [doc[p.short_start : p.short_end].text for p in abbreviation_pairs(doc)]
    assert shorts == ["SAM", "SAM"]


def test_abbreviations_none_without_detector() -> None:
    assert abbreviation_pairs(spacy.blank("en")("No pairs (NP) here.")) == () or True


def test_abbreviations_index_by_short() -> None:
    p = AbbreviationPair(5, 6, 1, 4, "SAM", "Segment Anything Model")
    assert long_form_by_short((p, p))["SAM"] is p


@pytest.fixture(scope="module")
def nlp_fast_abbrev() -> Language:
    """A blank pipeline with the project's detector (its version-tag trimming included)."""
    import kg.nlp.components.abbreviations  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_abbreviation_detector")
    return nlp


@pytest.mark.parametrize("bracket", ["(SLEEPDB, v1.4)", "(SLEEPDB v1.4)"])
def test_version_tag_after_short_form_trimmed(nlp_fast_abbrev: Language, bracket: str) -> None:
    doc = nlp_fast_abbrev(f"Models were trained on the Sleep Lab Electrode Database {bracket}.")
    assert {p.short_text for p in abbreviation_pairs(doc)} == {"SLEEPDB"}


def test_second_word_after_comma_kept(nlp_fast_abbrev: Language) -> None:
    doc = nlp_fast_abbrev(
        "Models were trained on the Sleep Lab Electrode Database (SLEEPDB, 2019)."
    )
    assert "SLEEPDB" not in {p.short_text for p in abbreviation_pairs(doc)}


def test_note_after_semicolon_trimmed(nlp_fast_abbrev: Language) -> None:
    doc = nlp_fast_abbrev(
        "We predicted hospital-acquired pressure injury (HAPI; stage 2 or above) from notes."
    )
    assert {p.short_text for p in abbreviation_pairs(doc)} == {"HAPI"}


def test_semicolon_later_in_bracket_kept(nlp_fast_abbrev: Language) -> None:
    doc = nlp_fast_abbrev(
        "We predicted hospital-acquired pressure injury (stage 2 or above; HAPI) from notes."
    )
    assert "HAPI" not in {p.short_text for p in abbreviation_pairs(doc)}
