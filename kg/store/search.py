"""Entity search through a text index kept next to the store (issue 18).

Oxigraph has no text index, so the saved query ``search_entities`` (``CONTAINS`` over every
label and altLabel) scans every entity name of the graph: seconds at a field's scale. Every
build writes ``kg-search.sqlite`` into the store directory: one row per entity (IRI, type,
label, linked papers) and one per name (its label and each ``skos:altLabel``), lower-cased,
with an SQLite FTS5 trigram index over the lower-cased names. Each name also has its
normalised key (:func:`search_key`: lower case, letters and digits only), indexed in order and
by trigrams, through which the web search (:func:`search_keys`) finds names ignoring case,
spaces and punctuation.

:func:`search_entities` answers what the saved query answers, row for row: the entities whose
label or altLabel contains the text case-insensitively, with the names that matched and the
number of linked papers, most-linked first, then by label. Texts of three characters or more
go through the trigram index; shorter ones scan the names table (a few hundred thousand short
strings). Either way each candidate is checked with Python's ``in`` on lower-cased strings,
the same test as SPARQL's ``CONTAINS(LCASE(…))``.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
CREATE TABLE name (entity INTEGER, form TEXT, lower TEXT, key TEXT, UNIQUE (entity, form));
CREATE VIRTUAL TABLE name_text USING fts5(lower, content='name', content_rowid='rowid',
                                          tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE name_key_text USING fts5(key, content='name', content_rowid='rowid',
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


def search_key(text: str) -> str:
    """The form the web search compares: lower case, letters and digits only.

    >>> search_key("Chest X-ray")
    'chestxray'
    """
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass(frozen=True)
class KeyHit:
    """One entity found by :func:`search_keys`.

    Attributes:
        entity: its IRI.
        type: its class IRI.
        label: its canonical label.
        form: a name of it whose key matched best.
        best: how well: 0 the key is the text's, 1 it starts with it, 2 it contains it.
        papers: the number of papers linked to it.
    """

    entity: str
    type: str
    label: str
    form: str
    best: int
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
        names: list[tuple[int, str, str, str]] = []
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
            names.append((entity, form, form.lower(), search_key(form)))
            if len(names) >= 10_000:
                db.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?, ?)", names)
                names.clear()
        db.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?, ?)", names)
        db.execute("INSERT INTO name_text(name_text) VALUES ('rebuild')")
        db.execute("INSERT INTO name_key_text(name_key_text) VALUES ('rebuild')")
        db.execute("CREATE INDEX name_key ON name (key)")
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


def _rank(key: str, found: str) -> int:
    return 0 if found == key else 1 if found.startswith(key) else 2


def _key_tier(db: sqlite3.Connection, key: str, tier: int) -> Iterator[tuple[Any, ...]]:
    # the names whose key matches the text at exactly this tier (0 equal, 1 prefix, 2 inside)
    columns = "SELECT e.iri, e.type, e.label, n.form, n.key, e.papers FROM name n "
    join = "JOIN entity e ON e.id = n.entity "
    if tier == 0:
        yield from db.execute(columns + join + "WHERE n.key = ?", (key,))
    elif tier == 1:  # keys are [a-z0-9]*: every longer key starting with it sorts before key + "{"
        yield from db.execute(columns + join + "WHERE n.key > ? AND n.key < ?", (key, key + "{"))
    elif len(key) >= 3:
        phrase = '"' + key + '"'
        yield from db.execute(
            columns
            + "JOIN name_key_text t ON t.rowid = n.rowid "
            + join
            + "WHERE name_key_text MATCH ?",
            (phrase,),
        )
    else:
        yield from db.execute(columns + join + "WHERE instr(n.key, ?) > 1", (key,))


def search_keys(store_path: Path, key: str, *, limit: int) -> list[KeyHit] | None:
    """Entities with a name whose :func:`search_key` contains ``key`` (itself a key).

    Exact keys first, then prefixes, then the rest; within each, the most linked entities
    first, then the shorter label, then by lower-cased label and IRI. Each tier is read only
    while the ones before it found fewer than ``limit`` entities, so a short text that
    prefixes many names does not scan every name.

    Returns:
        At most ``limit`` hits, or None if the store has no search index with name keys (one
        built before they existed: ``kg reindex --store DIR``).
    """
    index = store_path / SEARCH_INDEX_NAME
    if not index.is_file():
        return None
    if not key:
        return []
    try:
        db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if "key" not in {row[1] for row in db.execute("PRAGMA table_info(name)")}:
            return None
        found: dict[str, KeyHit] = {}
        for tier in (0, 1, 2):
            for iri, etype, label, form, name_key, papers in _key_tier(db, key, tier):
                rank = _rank(key, name_key)
                old = found.get(iri)
                if key in name_key and rank == tier and (old is None or rank < old.best):
                    found[iri] = KeyHit(iri, etype, label, form, rank, papers)
            if len(found) >= limit:
                break
    finally:
        db.close()
    hits = sorted(
        found.values(), key=lambda h: (h.best, -h.papers, len(h.label), h.label.lower(), h.entity)
    )
    return hits[:limit]


__all__ = [
    "SEARCH_INDEX_NAME",
    "EntityHit",
    "KeyHit",
    "SearchIndexError",
    "build_search_index",
    "search_entities",
    "search_key",
    "search_keys",
]
