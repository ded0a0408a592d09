"""What the ``kg_concepts`` tests read off a Doc (shared by the ``test_components_concepts_*``
modules; their pipeline is the ``nlp`` fixture of tests/conftest.py, ``kg_concepts`` alone)."""

from __future__ import annotations

from spacy.language import Language

from kg.statements import LINK_THRESHOLD


def confidences(nlp: Language, text: str, label: str) -> dict[str, float]:
    """Concept key -> highest confidence of its mentions of type ``label``."""
    out: dict[str, float] = {}
    doc = nlp(text)
    for span in doc.spans["kg_concepts"]:
        if span.label_ == label:
            out[span.kb_id_] = max(out.get(span.kb_id_, 0.0), float(span._.kg_confidence))
    return out


def asserted(nlp: Language, text: str, label: str) -> set[str]:
    """Concept keys of type ``label`` with a mention at or above the link threshold."""
    return {key for key, conf in confidences(nlp, text, label).items() if conf >= LINK_THRESHOLD}
