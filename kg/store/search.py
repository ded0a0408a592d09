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

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from kg.errors import KGError
from kg.store import KnowledgeStore
from kg.store.directory import new_sqlite_file

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
                     rank INTEGER, UNIQUE (iri, type, label));
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
    with new_sqlite_file(target) as db:
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
                    "INSERT INTO entity VALUES (?, ?, ?, ?, ?, NULL)",
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
        db.execute("CREATE INDEX name_key ON name (key, entity)")
        db.execute("CREATE INDEX entity_rank ON entity (papers DESC, label)")
        _rank_entities(db)
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


#: Above this many matching names, a tier is first looked for among the best-ranked entities.
_DIRECT = 2000
#: How many of the best-ranked entities (ranks 0, 1, 2…) are walked before reading all the
#: matches: a text in many names is in some of the first ones, unless the names that hold it
#: are all little linked (digits in synthetic names), and then SQLite ranks them all.
_WALK_FIRST = 5000
#: Entities kept per key of one or two letters for its inner matches (see ``short_key``).
_SHORT_KEPT = 250
_TIERS = ("n.key = ?1", "n.key > ?1 AND n.key < ?1 || '{'", "instr(n.key, ?1) > 1")
_WALK = """
SELECT e.iri, e.type, e.label, e.papers, e.rank,
       (SELECT MIN(n.form) FROM name n WHERE n.entity = e.id AND {cond})
FROM entity e WHERE e.rank < ?3 AND EXISTS (SELECT 1 FROM name n WHERE n.entity = e.id AND {cond})
ORDER BY e.rank LIMIT ?2
"""
_RANKED = """
SELECT e.iri, e.type, e.label, e.papers, e.rank, MIN(n.form)
FROM {source} JOIN entity e ON e.id = n.entity WHERE {cond}
GROUP BY e.id ORDER BY e.rank LIMIT ?2
"""
_SHORT = """
SELECT e.iri, e.type, e.label, e.papers, e.rank,
       (SELECT MIN(n.form) FROM name n WHERE n.entity = e.id AND instr(n.key, ?1) > 1)
FROM short_key s JOIN entity e ON e.rank = s.rank WHERE s.key = ?1 ORDER BY s.rank LIMIT ?2
"""


def _rank_entities(db: sqlite3.Connection) -> None:
    """Number the entities in the order a tier ranks them (papers, label length, label), and
    keep for every key of one or two letters the best entities that hold it after the start
    of a name's key: those are in almost every name, so neither trigrams nor an ordered index
    find their best holders fast."""
    rows = db.execute("SELECT id, iri, label, papers FROM entity").fetchall()
    rows.sort(key=lambda r: (-r[3], len(r[2]), r[2].lower(), r[1]))
    ranks = {row[0]: rank for rank, row in enumerate(rows)}
    db.executemany("UPDATE entity SET rank = ? WHERE id = ?", ((r, i) for i, r in ranks.items()))
    db.execute("CREATE INDEX entity_by_rank ON entity (rank)")
    kept: dict[str, list[int]] = {}
    names = sorted(
        (ranks[entity], key) for entity, key in db.execute("SELECT entity, key FROM name")
    )
    for rank, key in names:  # best first: a key's list fills with its best holders
        inner = {key[i : i + n] for n in (1, 2) for i in range(1, len(key) - n + 1)}
        for short in inner - {key[:1], key[:2]}:
            holders = kept.setdefault(short, [])
            if len(holders) < _SHORT_KEPT and (not holders or holders[-1] != rank):
                holders.append(rank)
    db.execute(
        "CREATE TABLE short_key (key TEXT, rank INTEGER, PRIMARY KEY (key, rank)) WITHOUT ROWID"
    )
    db.executemany(
        "INSERT INTO short_key VALUES (?, ?)",
        ((short, rank) for short, holders in kept.items() for rank in holders),
    )


def _tier_rows(db: sqlite3.Connection, key: str, tier: int, want: int) -> list[tuple[Any, ...]]:
    """Entities (iri, type, label, papers, rank, form) with a name whose key matches ``key``
    at ``tier`` (0 equal, 1 longer and starting with it, 2 containing it later), the first
    ``want`` in rank order."""
    cond, source = _TIERS[tier], "name n"
    if tier == 0:
        many = 0
    elif tier == 1:
        many = db.execute(f"SELECT count(*) FROM name n WHERE {cond}", (key,)).fetchone()[0]
    elif len(key) >= 3:  # trigrams find the names that contain it
        phrase = _quote('"' + key + '"')
        many = db.execute(
            f"SELECT count(*) FROM name_key_text WHERE name_key_text MATCH {phrase}"
        ).fetchone()[0]
        source = "name_key_text t JOIN name n ON n.rowid = t.rowid"
        cond = f"name_key_text MATCH {phrase} AND {cond}"
    else:
        rows = db.execute(_SHORT, (key, want)).fetchall()
        kept = db.execute("SELECT count(*) FROM short_key WHERE key = ?", (key,)).fetchone()[0]
        if len(rows) >= want or kept < _SHORT_KEPT:  # enough, or every holder is kept
            return rows
        many = _DIRECT + 1
    if many > _DIRECT:
        rows = db.execute(_WALK.format(cond=_TIERS[tier]), (key, want, _WALK_FIRST)).fetchall()
        if len(rows) >= want:
            return rows
    return db.execute(_RANKED.format(source=source, cond=cond), (key, want)).fetchall()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def search_keys(store_path: Path, key: str, *, limit: int) -> list[KeyHit] | None:
    """Entities with a name whose :func:`search_key` contains ``key`` (itself a key).

    Exact keys first, then prefixes, then the rest; within each, the most linked entities
    first, then the shorter label, then by lower-cased label and IRI. Each tier is read only
    while the ones before it found fewer than ``limit`` entities, and a tier with many
    matches is read in that order until enough are found, so a letter or two answers as fast
    as a word.

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
        if "rank" not in {row[1] for row in db.execute("PRAGMA table_info(entity)")}:
            return None
        found: dict[str, tuple[int, int, KeyHit]] = {}  # iri → (tier, rank, hit)
        for tier in (0, 1, 2):
            want = limit + len(found)  # the walk may meet entities of a better tier first
            while True:
                rows = _tier_rows(db, key, tier, want)
                fresh = 0
                for iri, etype, label, papers, rank, form in rows:
                    old = found.get(iri)
                    if old is None or (tier, rank) < old[:2]:
                        fresh += old is None
                        found[iri] = (tier, rank, KeyHit(iri, etype, label, form, tier, papers))
                # an IRI with two labels has two rows: walk further if they crowded the page
                if len(rows) < want or len(found) >= limit:
                    break
                want *= 2
            if len(found) >= limit:
                break
    finally:
        db.close()
    ranked = sorted(found.values(), key=lambda f: (f[0], f[1]))
    return [hit for _, _, hit in ranked[:limit]]


__all__ = [
    "SEARCH_INDEX_NAME",
    "EntityHit",
    "KeyHit",
    "SearchIndexError",
    "build_search_index",
    "search_answer_sparql",
    "search_entities",
    "search_key",
    "search_keys",
]
