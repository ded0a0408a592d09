"""What a build asks of, and rewrites in, the graphs of its copy of the store.

Every question is asked in batches of :data:`BATCH` IRIs (a ``VALUES`` block), so its cost
follows the papers and entities of the build, not the size of the store (issue 7).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kg.assemble.entities import RESOLVED_TYPES
from kg.ids import ENTITIES_GRAPH, ONTOLOGY_GRAPH, normalize_key, parse_entity_iri
from kg.paths import ontology_files
from kg.store.oxigraph import KnowledgeStore

#: IRIs per query.
BATCH = 500


def _values(iris: Sequence[str]) -> str:
    return " ".join(f"<{iri}>" for iri in iris)


def _batches(iris: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(iris), BATCH):
        yield iris[start : start + BATCH]


def reload_ontology(store: KnowledgeStore) -> int:
    """Replace the ontology graph by the ontology files; returns the change in quads."""
    graph = str(ONTOLOGY_GRAPH)
    before = store.count_quads(graph)
    store.clear_graphs([graph])
    for path in ontology_files():
        store.load_turtle(path.read_bytes(), graph)
    return store.count_quads(graph) - before


def vocabulary_keys(store: KnowledgeStore) -> dict[str, frozenset[str]]:
    """Entity type → keys of the SKOS concepts of the vocabularies in the ontology graph."""
    rows = store.query(
        f"SELECT ?c WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?c a skos:Concept }} }}"
    ).rows()
    keys: dict[str, set[str]] = {}
    for row in rows:
        parts = parse_entity_iri(row["c"] or "")
        if parts:
            keys.setdefault(parts[0], set()).add(parts[1])
    return {t: frozenset(v) for t, v in keys.items()}


def known_forms(store: KnowledgeStore) -> Iterator[tuple[tuple[str, str], str]]:
    """Every ``((type, normalised label), key)`` of the stored datasets and models (a full scan)."""
    rows = store.query(
        f"SELECT ?e ?l WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label|skos:altLabel ?l }} }}"
    ).rows()
    for row in rows:
        parts = parse_entity_iri(row["e"] or "")
        if parts and parts[0] in RESOLVED_TYPES:
            yield (parts[0], normalize_key(row["l"] or "")), parts[1]


def surface_counts(store: KnowledgeStore, iris: Sequence[str]) -> dict[str, dict[str, int]]:
    """Entity IRI → matched text → number of papers with such a mention of the entity."""
    counts: dict[str, dict[str, int]] = {}
    for batch in _batches(iris):
        rows = store.query(
            "SELECT ?e ?t (COUNT(DISTINCT ?p) AS ?n) WHERE { "
            f"VALUES ?e {{ {_values(batch)} }} "
            "?m mkg:entity ?e ; mkg:matchedText ?t ; mkg:paper ?p "
            "} GROUP BY ?e ?t"
        ).rows()
        for row in rows:
            counts.setdefault(row["e"] or "", {})[row["t"] or ""] = int(row["n"] or 0)
    return counts


def mentioned_entities(store: KnowledgeStore, graphs: Sequence[str]) -> set[str]:
    """Entities that mentions in the named graphs point to (before the graphs are replaced)."""
    found: set[str] = set()
    for batch in _batches(graphs):
        rows = store.query(
            f"SELECT DISTINCT ?e WHERE {{ VALUES ?g {{ {_values(batch)} }} "
            "GRAPH ?g { ?m mkg:entity ?e } }"
        ).rows()
        found.update(r["e"] or "" for r in rows)
    return found


def orphan_entities(store: KnowledgeStore, candidates: Sequence[str]) -> list[str]:
    """The candidates described in the entities graph that no mention points to any more."""
    orphans: list[str] = []
    for batch in _batches(candidates):
        rows = store.query(
            f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {_values(batch)} }} "
            f"GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label ?l }} "
            "FILTER NOT EXISTS { ?m mkg:entity ?e } }"
        ).rows()
        orphans.extend(r["e"] or "" for r in rows)
    return orphans


def curated_facts_held(store: KnowledgeStore) -> dict[str, set[tuple[str, str]]]:
    """Dataset or model IRI → its ``(property, object)`` facts of the curated table in the
    entities graph (``skos:exactMatch``, ``mkg:holdsModality``): only curated entities have
    any, so the answer is as small as the table, whatever the size of the store."""
    rows = store.query(
        "SELECT ?e ?p ?o WHERE { VALUES ?p { skos:exactMatch mkg:holdsModality } "
        f"GRAPH <{ENTITIES_GRAPH}> {{ ?e ?p ?o }} }}"
    ).rows()
    held: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        parts = parse_entity_iri(row["e"] or "")
        if parts and parts[0] in RESOLVED_TYPES:
            held.setdefault(row["e"] or "", set()).add((row["p"] or "", row["o"] or ""))
    return held


def entity_labels(store: KnowledgeStore, iris: Sequence[str]) -> dict[str, list[str]]:
    """Entity IRI → its ``rdfs:label`` and ``skos:altLabel``s in the entities graph (entities
    without a description are left out)."""
    labels: dict[str, list[str]] = {}
    for batch in _batches(iris):
        rows = store.query(
            f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {_values(batch)} }} "
            f"GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label|skos:altLabel ?l }} }}"
        ).rows()
        for row in rows:
            labels.setdefault(row["e"] or "", []).append(row["l"] or "")
    return labels
