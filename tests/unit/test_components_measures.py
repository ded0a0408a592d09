"""Statistics, units, quantity symbols, isotopes and section labels are never names (issue 19).

The texts are not those of the issue: the rules are checked for what they generalise to.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

import kg.nlp  # noqa: F401
from kg.ids import normalize_key
from kg.known_entities import KnownEntities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.measures import (
    is_isotope,
    is_money,
    is_quantity_symbol,
    is_statistic,
    is_unit_expression,
)


def names(nlp: Language, text: str) -> set[str]:
    doc = nlp(text)
    return {normalize_key(s.text) for key in ("kg_models", "kg_datasets") for s in doc.spans[key]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # statistics with qualifiers and values, markup read as text (kg.corpus.xmltools)
        (
            "Survival improved (aHR_adj=0.71, 95% CI 0.55-0.92; P_interaction<0.01) "
            "with CardioNet.",
            {"cardionet"},
        ),
        # the same written in plain text, qualifiers run together
        ("Risk rose (ORQ4=3.02; pheterogeneity=0.31) after SepsisFormer alerts.", {"sepsisformer"}),
        # physical units
        ("GlucoFormer predicted clearance in mL·min⁻¹ and dose in mg·kg⁻¹·d⁻¹.", {"glucoformer"}),
        ("EchoNet measured an AVA 1.2 cm² and a peak velocity 4.1 m·s⁻¹.", {"echonet"}),
        # a variable before its measured value, the number no version of it (two digits)
        ("StrideNet read a VMLSS 15.0 km·h⁻¹ and a VT2 13.5 km·h⁻¹.", {"stridenet"}),
        # quantity symbols written with subscripts or accents
        ("SpO₂, FEV₁ and V\u0307E were predicted by PulmoNet.", {"pulmonet"}),
        # isotopes and tracers, with superscripts, hyphens or spaces
        (
            "PET with ⁶⁸Ga-PSMA and Lu-177 therapy was planned by DosiNet; ¹³C and Rb 82 too.",
            {"dosinet"},
        ),
        # section labels of structured abstracts, all-capital or capitalised
        (
            "OBJECTIVE: To test RenalNet. DESIGN, SETTING, AND PARTICIPANTS: A cohort. "
            "MAIN OUTCOMES "
            "AND MEASURES: Mortality. RESULTS: RenalNet was better. "
            "CONCLUSIONS AND RELEVANCE: It works.",
            {"renalnet"},
        ),
        ("Purpose: We built EchoNet. Materials and Methods: EchoNet read 900 videos.", {"echonet"}),
        # sums of money in a cost analysis
        (
            "Screening with RetinaScan cost US$48 per patient against US$91 for graders, "
            "saving €37 (A$55).",
            {"retinascan"},
        ),
    ],
)
def test_measures_never_names(nlp_entities: Language, text: str, expected: set[str]) -> None:
    assert names(nlp_entities, text) == expected


def test_measures_leave_real_names(nlp_entities: Language) -> None:
    found = names(
        nlp_entities, "We fine-tune T5, Qwen2-7B and Llama 3 8B on H100 GPUs with T^3 merging."
    )
    assert {"t5", "qwen27b", "llama38b", "t3"} <= found


ELEMENTS = {"H": 1, "He": 2, "B": 5, "C": 6, "O": 8, "F": 9, "S": 16, "Ga": 31, "Xe": 54, "Lu": 71}


@pytest.mark.parametrize(
    "text", ["³He", "129Xe", "Xe-129", "Lu 177", "¹⁸F-FDG", "⁶⁸Ga/¹⁷⁷Lu", "C-11"]
)
def test_measures_isotopes(text: str) -> None:
    assert is_isotope(text, ELEMENTS)


@pytest.mark.parametrize("text", ["C4", "S4", "H100", "O1", "F1", "13B", "B-2", "Xe", "T5"])
def test_measures_not_isotopes(text: str) -> None:
    """Model names and sizes that look like an element and a number: impossible mass numbers."""
    assert not is_isotope(text, ELEMENTS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kcal·d⁻¹", True),
        ("mmol/L", True),
        ("mL·kg-1", True),
        ("Gy^-1", True),
        ("kg", False),
        ("HAN/HLAN", False),
        ("T^3", False),
        ("L2", False),
    ],
)
def test_measures_units(text: str, expected: bool) -> None:
    units = frozenset({"kcal", "d", "mmol", "L", "mL", "kg", "Gy", "T"})
    assert is_unit_expression(text, units) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RR=1.4", True),
        ("p_for_trend", True),
        ("n≥30", True),
        ("P<.05", True),
        ("MedS^3", False),
        ("GPT-4o", False),
        ("BioBERT_base", False),
    ],
)
def test_measures_statistics(text: str, expected: bool) -> None:
    assert is_statistic(text) is expected


def test_measure_decisions_at_their_bounds() -> None:
    """Survivors of the mutation run over measures.py (docs/mutation.md), each decision on
    both sides."""
    from kg.nlp.components.measures import is_measure

    elements = {"He": 2, "Xe": 54, "B": 5}
    units = frozenset({"m", "kg", "ml"})
    # trailing punctuation is read off the end only
    assert is_statistic("x_i,")
    assert is_isotope("129Xe,", elements)
    # a qualified base of two letters or more is a statistic only when it is generic
    assert is_statistic("OR_Q3", is_generic=lambda base: base == "OR")
    assert not is_statistic("OR_Q3", is_generic=lambda base: base == "HR")
    # the mass number runs from the atomic number to three times it plus ten
    assert is_isotope("He-2", elements)
    assert not is_isotope("He-1", elements)
    assert is_isotope("He-16", elements)
    assert not is_isotope("He-17", elements)
    # strict applies to every part of a "/" list
    assert not is_isotope("13B/13B", elements)
    assert is_isotope("13B/13B", elements, strict=False)
    # a lone one-letter unit symbol is no unit expression, even with an exponent
    assert not is_unit_expression("m²", units)
    assert is_unit_expression("ml²", units)
    # is_measure passes strict (default True) and is_generic on
    assert not is_measure("13B", elements=elements, units=units)
    assert is_measure("13B", elements=elements, units=units, strict=False)
    assert is_measure("OR_Q3", elements=elements, units=units, is_generic=lambda b: b == "OR")
    assert not is_measure("OR_Q3", elements=elements, units=units)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("SpO₂", True), ("V\u0307O₂max", True), ("Fre\u0301chet", False), ("SpO2", False)],
)
def test_measures_quantity_symbols(text: str, expected: bool) -> None:
    # a plain ASCII word is never one (the check skips Unicode normalisation for it)
    assert is_quantity_symbol(text) is expected


def test_measures_lexicon_memo_keeps_strict_apart() -> None:
    # "13B" is boron-13 only when not strict; the strict answers are remembered, and a
    # non-strict question must not read (or fill) that memo
    lex = Lexicon.from_patterns(
        {"not_names": [{"kind": "element", "text": "B", "z": 5}]}, KnownEntities((), {})
    )
    first = (lex.is_measure("13B"), lex.is_measure("13B", strict=False), lex.is_measure("13B"))
    assert first == (False, True, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US$62", True),
        ("$1.2M", True),
        ("€300", True),
        ("£2,400", True),
        ("US$0.60;", True),
        ("US", False),
        ("$", False),
        ("C$Net", False),
        ("R$-7B", False),
        ("GPT-4", False),
    ],
)
def test_measures_money(text: str, expected: bool) -> None:
    assert is_money(text) is expected
