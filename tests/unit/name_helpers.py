"""What the names tests read off a Doc (shared by ``test_components_names_*`` modules)."""

from __future__ import annotations

from spacy.language import Language

from kg.statements import LINK_THRESHOLD


def typed(nlp: Language, text: str) -> dict[str, str]:
    """Surface text -> type of every asserted dataset/model mention."""
    doc = nlp("A study\n\n" + text)
    out: dict[str, str] = {}
    for key in ("kg_datasets", "kg_models"):
        for span in doc.spans[key]:
            if span._.kg_confidence >= LINK_THRESHOLD:
                out[span.text] = span.label_
    return out
