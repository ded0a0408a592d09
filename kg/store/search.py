"""Entity search through a text index kept next to the store (issue 18).

Oxigraph has no text index, so the saved query ``search_entities`` (``CONTAINS`` over every
label and altLabel) scans every entity name of the graph: seconds at a field's scale. Every
build writes ``kg-search.sqlite`` into the store directory: one row per entity (IRI, type,
label, linked papers) and one per name (its label and each ``skos:altLabel``), lower-cased,
with an SQLite FTS5 trigram index over the lower-cased names.

:func:`search_entities` answers what the saved query answers, row for row: the entities whose
label or altLabel contains the text case-insensitively, with the names that matched and the
number of linked papers, most-linked first, then by label. Texts of three characters or more
go through the trigram index; shorter ones scan the names table (a few hundred thousand short
strings). Either way each candidate is checked with Python's ``in`` on lower-cased strings,
the same test as SPARQL's ``CONTAINS(LCASE(…))``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from kg.errors import KGError
from kg.store import KnowledgeStore

SEARCH_INDEX_NAME = "kg-search.sqlite"

_ENTITY_TYPES = ("Dataset", "Model", "Modality", "Task", "Metric")
_NAMES = """
SELECT ?entity ?type ?label ?form ?papers WHERE {{
  VALUES ?type {{ {types} }}
  ?entity a ?type ; rdfs:label ?label ; rdfs:label|skos:altLabel ?form .
  OPTIONAL {{ ?entity <https://w3id.org/medkg/statistics#papers> ?n }}
  BIND(COALESCE(?n, 0) AS ?papers)
}}
"""
_SCHEMA = """
CREATE TABLE entity (id INTEGER PRIMARY KEY, iri TEXT, type TEXT, label TEXT, papers INTEGER,
                     UNIQUE (iri, type, label));
CREATE TABLE name (entity INTEGER, form TEXT, lower TEXT, UNIQUE (entity, form));
CREATE VIRTUAL TABLE name_text USING fts5(lower, content='name', content_rowid='rowid',
                                          tokenize='trigram case_sensitive 1');
"""


class SearchIndexError(KGError):
    """The store has no usable search index."""


@dataclass(frozen=True)
class EntityHit:
    """One entity whose names contain the text.

    Attributes:
        entity: its IRI.
        type: its class IRI.
        label: its canonical label.
        matched_forms: the names (label, altLabels) that contain the text, sorted.
        papers: the number of papers linked to it.
    """

    entity: str
    type: str
    label: str
    matched_forms: tuple[str, ...]
    papers: int


def build_search_index(store: KnowledgeStore) -> Path | None:
    """Write the store's search index next to its data (a new file, swapped in whole).

    The store directory may be a hard-linked copy of the live store, so the index is written
    to a new file and renamed over the old one, never changed in place. Run it after
    :func:`kg.store.statistics.refresh_statistics` (it reads the paper counts from there).

    Returns:
        The index file, or None for an in-memory store.
    """
    if store.path is None:
        return None
    target = store.path / SEARCH_INDEX_NAME
    work = target.with_name(target.name + ".new")
    work.unlink(missing_ok=True)
    db = sqlite3.connect(work)
    try:
        db.executescript(_SCHEMA)
        ids: dict[tuple[str, str, str], int] = {}
        names: list[tuple[int, str, str]] = []
        types = " ".join(f"mkg:{t}" for t in _ENTITY_TYPES)
        for row in store.query(_NAMES.format(types=types)).rows():
            key = (row["entity"] or "", row["type"] or "", row["label"] or "")
            entity = ids.get(key)
            if entity is None:
                entity = ids[key] = len(ids) + 1
                db.execute(
                    "INSERT INTO entity VALUES (?, ?, ?, ?, ?)",
                    (entity, *key, int(row["papers"] or 0)),
                )
            form = row["form"] or ""
            names.append((entity, form, form.lower()))
            if len(names) >= 10_000:
                db.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?)", names)
                names.clear()
        db.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?)", names)
        db.execute("INSERT INTO name_text(name_text) VALUES ('rebuild')")
        db.execute("CREATE INDEX entity_rank ON entity (papers DESC, label)")
        db.commit()
    finally:
        db.close()
    os.replace(work, target)
    return target


def _candidates(db: sqlite3.Connection, needle: str) -> Iterator[tuple[int, str, str]]:
    if len(needle) >= 3:
        phrase = '"' + needle.replace('"', '""') + '"'
        yield from db.execute(
            "SELECT n.entity, n.form, n.lower FROM name_text t JOIN name n ON n.rowid = t.rowid "
            "WHERE name_text MATCH ?",
            (phrase,),
        )
    else:
        yield from db.execute(
            "SELECT entity, form, lower FROM name WHERE instr(lower, ?) > 0", (needle,)
        )


def search_entities(
    store_path: Path, text: str, *, limit: int | None = 100, offset: int = 0
) -> list[EntityHit]:
    """The entities whose label or altLabel contains ``text`` (case-insensitively).

    Ranked as the saved query ``search_entities`` ranks them: most linked papers first, then
    by label (codepoint order). An empty text lists every entity.

    Args:
        store_path: the store directory (holding ``kg-search.sqlite``).
        text: the text to look for.
        limit: most hits returned (None: all).
        offset: hits skipped first (paging).

    Raises:
        SearchIndexError: if the store has no search index (built by ``kg build`` or
            ``kg reindex``).
    """
    index = store_path / SEARCH_INDEX_NAME
    if not index.is_file():
        raise SearchIndexError(
            f"the store at {store_path} has no search index ({SEARCH_INDEX_NAME}); "
            "rebuild it with 'kg reindex --store DIR' or any 'kg build'"
        )
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        needle = text.lower()
        if not needle:
            rows = db.execute(
                "SELECT e.id, e.iri, e.type, e.label, e.papers, group_concat(n.form, char(0)) "
                "FROM entity e JOIN name n ON n.entity = e.id GROUP BY e.id "
                "ORDER BY e.papers DESC, e.label"
                + (" LIMIT ? OFFSET ?" if limit is not None else ""),
                (limit, offset) if limit is not None else (),
            )
            return [
                EntityHit(iri, etype, label, tuple(sorted(forms.split("\0"))), papers)
                for _, iri, etype, label, papers, forms in rows
            ]
        matched: dict[int, set[str]] = {}
        for entity, form, lower in _candidates(db, needle):
            if needle in lower:  # the trigram index finds candidates; this is the test
                matched.setdefault(entity, set()).add(form)
        hits: list[EntityHit] = []
        if matched:
            db.execute("CREATE TEMP TABLE hit (id INTEGER PRIMARY KEY)")
            db.executemany("INSERT INTO hit VALUES (?)", ((i,) for i in matched))
            for entity, iri, etype, label, papers in db.execute(
                "SELECT e.id, e.iri, e.type, e.label, e.papers "
                "FROM entity e JOIN hit h ON h.id = e.id"
            ):
                hits.append(EntityHit(iri, etype, label, tuple(sorted(matched[entity])), papers))
        hits.sort(key=lambda h: (-h.papers, h.label))
        return hits[offset:] if limit is None else hits[offset : offset + limit]
    finally:
        db.close()


_SEARCH_ANSWER = """SELECT ?text ?entity ?type ?label ?matchedForms ?papers WHERE {{
  VALUES (?text ?entity ?type ?label ?matchedForms ?papers) {{
{rows}
  }}
}}
ORDER BY DESC(?papers) ?label
"""


def search_answer_sparql(store_path: Path, text: str, *, rows: int | None) -> str:
    """SPARQL whose answer is the saved query ``search_entities``'s, picked by the text index.

    The index finds the entities (milliseconds where the saved query scans every name); the
    query only lists them, so every result format, paging and the endpoint's limits work as
    for any saved query.

    Args:
        store_path: the store directory (holding ``kg-search.sqlite``).
        text: the text to look for ("" lists every entity).
        rows: the most rows the caller will read (None: all).

    Raises:
        SearchIndexError: if the store has no search index.
    """
    hits = search_entities(store_path, text, limit=rows)
    given = Literal(text).n3() if text else "UNDEF"
    lines = [
        f"    ({given} {URIRef(h.entity).n3()} {URIRef(h.type).n3()} {Literal(h.label).n3()} "
        f"{Literal(' | '.join(h.matched_forms)).n3()} {Literal(h.papers).n3()})"
        for h in hits
    ]
    return _SEARCH_ANSWER.format(rows="\n".join(lines))


__all__ = [
    "SEARCH_INDEX_NAME",
    "EntityHit",
    "SearchIndexError",
    "build_search_index",
    "search_answer_sparql",
    "search_entities",
]
