"""medkg spaCy components; importing this package registers their factories.

``kg_abbreviation_detector`` (scispaCy's detector, faster candidate search), ``kg_concepts``
(modalities, tasks, metrics), ``kg_ner`` (the trained NER, gated to the words the rules leave
open), ``kg_entities`` (datasets and models), ``kg_typer`` (the learned dataset / model / none
classifier over their candidates), ``kg_implied_tasks`` (the task of a single-purpose benchmark
the paper evaluates on) and ``kg_results`` (numeric results).
"""

from __future__ import annotations

# importing each module registers its factory with spaCy
from kg.nlp.components import (
    abbreviations,
    concepts,
    entity_mentions,
    implied_tasks,
    ner_gate,
    results,
    span_typer,
)

__all__ = [
    "abbreviations",
    "concepts",
    "entity_mentions",
    "implied_tasks",
    "ner_gate",
    "results",
    "span_typer",
]
