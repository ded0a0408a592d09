"""Every custom ``._`` attribute the medkg pipeline uses, declared once.

Components write these; ``kg.extract`` reads them. Declaring them here (guarded by
``has_extension``) keeps components free of ``force=True`` re-registration.

Span attributes (on spans in ``doc.spans["kg_datasets"]``, ``["kg_models"]``,
``["kg_concepts"]``):
    kg_role: "introduces" or "uses" (datasets and models; concepts are always "uses").
    kg_confidence: the extractor's confidence in [0, 1].
    kg_extractor: name of the rule or component that found the span.

Doc attributes:
    kg_results: list of numeric results found (``kg.nlp.components.results.ResultMatch``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def register_extensions() -> None:
    """Declare the medkg ``._`` attributes (idempotent)."""
    span_defaults: dict[str, object] = {
        "kg_role": "uses",
        "kg_confidence": 0.0,
        "kg_extractor": "",
    }
    for name, default in span_defaults.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Doc.has_extension("kg_results"):
        Doc.set_extension("kg_results", default=None)


register_extensions()
