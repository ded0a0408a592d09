"""medkg spaCy components; importing this package registers their factories.

``kg_entities`` (datasets and models) and ``kg_ner`` (the trained NER, gated to the words the
rules leave open) are always available. The concept and result components
(``kg_concepts``, ``kg_results``) register when their modules import.
"""

from __future__ import annotations

import importlib

from kg.nlp.components import entity_mentions, ner_gate  # noqa: F401

OPTIONAL_COMPONENTS: dict[str, str] = {
    "kg_concepts": "kg.nlp.components.concepts",
    "kg_results": "kg.nlp.components.results",
}


def available_optional_components() -> frozenset[str]:
    """Names of the optional factories whose modules import cleanly."""
    found: set[str] = set()
    for factory, module in OPTIONAL_COMPONENTS.items():
        try:
            importlib.import_module(module)
        except ImportError:
            continue
        found.add(factory)
    return frozenset(found)
