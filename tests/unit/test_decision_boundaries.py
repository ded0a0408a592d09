"""Boundaries of decisions outside the extractors that extraction results depend on (issue 15,
"tests that catch bugs"): the link threshold is inclusive, the paper key folds Unicode."""

from __future__ import annotations

import unicodedata

import pytest

from kg.assemble.rdf import link_quads
from kg.evaluate import evaluate_extractions
from kg.ids import paper_key
from kg.statements import LINK_THRESHOLD, EntityLink, Evidence, PaperExtraction


def _link(confidence: float) -> EntityLink:
    evidence = Evidence("abstract", 0, 5, "MedQA", "We use MedQA.", "test", confidence)
    return EntityLink("p1", "dataset", "medqa", "MedQA", (), "uses", confidence, (evidence,))


def _asserted(confidence: float) -> bool:
    return any(
        "usesDataset" in str(q) and "paper/p1" in str(q).split("usesDataset")[0]
        for q in link_quads(_link(confidence))
    )


@pytest.mark.parametrize(
    ("confidence", "asserted"),
    [
        (LINK_THRESHOLD, True),
        (LINK_THRESHOLD + 1e-9, True),
        (LINK_THRESHOLD - 1e-9, False),
        (0.0, False),
        (1.0, True),
    ],
)
def test_link_threshold_is_inclusive(confidence: float, asserted: bool) -> None:
    assert _asserted(confidence) is asserted


def test_link_below_threshold_keeps_its_mention() -> None:
    quads = [str(q) for q in link_quads(_link(LINK_THRESHOLD - 0.01))]
    assert any("matchedText" in q for q in quads)


def test_evaluation_counts_a_link_at_the_threshold() -> None:
    rows = [
        {
            "title": "t",
            "abstract": "We use MedQA.",
            "entities": {"dataset": [{"name": "MedQA", "aliases": []}]},
        }
    ]

    def tp(confidence: float) -> int:
        extraction = PaperExtraction("p1", (_link(confidence),), ())
        return evaluate_extractions(rows, [extraction]).score("dataset").tp

    assert tp(LINK_THRESHOLD) == 1
    assert tp(LINK_THRESHOLD - 1e-9) == 0


@pytest.mark.parametrize(
    "title", ["Café au lait spots in dermatology", "Ångström-level MRI", "Naïve Bayes for ECG"]
)
def test_paper_key_folds_unicode_normal_forms(title: str) -> None:
    composed = unicodedata.normalize("NFC", title)
    decomposed = unicodedata.normalize("NFD", title)
    assert composed != decomposed
    assert paper_key(composed) == paper_key(decomposed)


def test_paper_key_still_tells_different_titles_apart() -> None:
    assert paper_key("Café au lait") != paper_key("Cafe au laid")
