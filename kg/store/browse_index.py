"""The browsing pages' side index ``kg-browse.sqlite``: paper → entity links in SQLite.

In Oxigraph every joined triple pattern costs about 20 µs a row (the default graph is the
union of one named graph per paper), so a task page that counts the datasets, models,
metrics and modalities of a task's 13,000 papers, or its papers per month, took seconds at
50,000 papers. Every build writes this index next to the store's data (as it writes
``kg-search.sqlite``), and the pages answer from it in milliseconds:

- ``link``: one row per paper → entity link of :data:`kg.entity_types.TYPES` (both ways
  indexed), with ``node`` (IRIs and ``rdfs:label``) and ``link_name`` (link IRIs, numbered in
  IRI order so that ordering by number orders by IRI, as SPARQL's ``ORDER BY ?link`` does);
- ``paper``: a title and a date (``STR`` of ``dcterms:issued``) per paper, ``month``: the
  ``YYYY-MM`` of every dated paper (``xsd:date``, ``xsd:dateTime`` or ``xsd:gYearMonth``);
- ``link_count``: papers per (entity, link), for the most active tasks;
- ``leaderboard``: every row of the saved query ``leaderboard`` (unbound) in its order, as SPARQL
  JSON bindings, stored with the digest of the query text: a reader whose leaderboard query
  differs (edited saved queries) does not use them;
- ``broader_edge``, ``closure``, ``result`` and ``dataset_modality`` (the curated
  ``mkg:holdsModality`` of datasets): what the answer tables of :mod:`kg.store.answers` join;
- ``meta``: the schema version and the counts of instances per class.

Each answer is what the SPARQL of :mod:`kg.api.browse` answers (same rows, same order up to
ties the SPARQL leaves open); ``tests/integration/test_browse_index.py`` compares them. The
index is rebuilt whole by every build (fresh or incremental): it reads every link once (about
10 s at 50,000 papers, 2-3 % of a fresh build).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import sqlite3
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.entity_types import TYPES
from kg.paths import queries_dir
from kg.queries import parse_saved_query
from kg.store.directory import new_sqlite_file
from kg.store.oxigraph import KnowledgeStore
from kg.store.search import KeyHit, search_keys

BROWSE_INDEX_NAME = "kg-browse.sqlite"
#: Changed whenever the tables change: an index of another version is not read.
SCHEMA_VERSION = "3"

_MKG = "https://w3id.org/medkg/ontology#"
#: Paper → entity link predicates (IRIs), in IRI order.
LINK_IRIS: tuple[str, ...] = tuple(sorted({str(t.predicate(r)) for t in TYPES for r in t.roles}))
#: Classes whose instances the landing page counts.
COUNTED_CLASSES = ("Paper", "Dataset", "Model", "Modality", "Task", "Metric", "Result")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE node (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, label TEXT);
CREATE TABLE link_name (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);
CREATE TABLE link (entity INTEGER, link INTEGER, paper INTEGER,
                   PRIMARY KEY (entity, link, paper)) WITHOUT ROWID;
CREATE TABLE paper (id INTEGER PRIMARY KEY, title TEXT, date TEXT);
CREATE TABLE month (paper INTEGER, month TEXT, PRIMARY KEY (paper, month)) WITHOUT ROWID;
CREATE TABLE leaderboard (seq INTEGER PRIMARY KEY, dataset TEXT, metric TEXT, paper INTEGER,
                          row TEXT);
CREATE TABLE broader_edge (node INTEGER, parent INTEGER);
CREATE TABLE closure (node INTEGER, ancestor INTEGER, PRIMARY KEY (node, ancestor)) WITHOUT ROWID;
CREATE TABLE result (result INTEGER, paper INTEGER, metric INTEGER, value REAL,
                     dataset INTEGER);
CREATE TABLE dataset_modality (dataset INTEGER, modality INTEGER,
                               PRIMARY KEY (dataset, modality)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX link_by_paper ON link (paper, link, entity);
CREATE TABLE link_count AS
  SELECT entity, link, COUNT(*) AS n FROM link GROUP BY entity, link;
CREATE INDEX link_count_rank ON link_count (link, n DESC);
CREATE INDEX leaderboard_dataset ON leaderboard (dataset, metric);
CREATE INDEX leaderboard_metric ON leaderboard (metric);
CREATE INDEX leaderboard_paper ON leaderboard (paper);
"""

_LINKS = "SELECT ?p ?e WHERE {{ ?p <{link}> ?e }}"
_ISSUED = """
SELECT ?p (STR(?d) AS ?date) ?month WHERE {
  ?p dcterms:issued ?d .
  BIND(IF(DATATYPE(?d) = xsd:date || DATATYPE(?d) = xsd:dateTime
          || DATATYPE(?d) = xsd:gYearMonth, SUBSTR(STR(?d), 1, 7), "") AS ?month)
}
"""
_TITLES = "SELECT ?p ?t WHERE { ?p dcterms:title ?t }"
_BROADER = "SELECT ?n ?b WHERE { ?n skos:broader ?b }"
_RESULTS = """
SELECT ?p ?r ?m ?v ?d WHERE {
  ?p mkg:reportsResult ?r .
  OPTIONAL { ?r mkg:metric ?m } OPTIONAL { ?r mkg:value ?v } OPTIONAL { ?r mkg:dataset ?d }
}
"""
_HELD = "SELECT ?d ?m WHERE { ?d mkg:holdsModality ?m }"
_LABELS = "SELECT ?e ?l WHERE { ?e rdfs:label ?l }"
_CLASS_COUNTS = """
SELECT ?type (COUNT(?s) AS ?n) WHERE {{ VALUES ?type {{ {types} }} ?s a ?type }} GROUP BY ?type
"""


def link_number(name: str) -> int:
    """The index's number of the link ``mkg:<name>`` (its place in :data:`LINK_IRIS`, from 1)."""
    return LINK_IRIS.index(_MKG + name) + 1


def query_digest(sparql: str) -> str:
    """The digest the index keeps of the leaderboard query it ran (SHA-256 of its text).

    >>> query_digest("SELECT * {}") == query_digest("SELECT * {} ")
    False
    """
    return hashlib.sha256(sparql.encode("utf-8")).hexdigest()


def saved_leaderboard(directory: Path | None = None) -> str | None:
    """The text of the saved query ``leaderboard`` (of ``queries/`` by default), if any."""
    path = (directory or queries_dir()) / "leaderboard.rq"
    try:
        return parse_saved_query(path.read_text(encoding="utf-8"), name="leaderboard").sparql
    except OSError:
        return None


def build_browse_index(store: KnowledgeStore, *, leaderboard: str | None = None) -> Path | None:
    """Write the store's browse index next to its data (a new file, swapped in whole).

    Like the search index, it is written to a new file and renamed over the old one (the store
    directory may be a hard-linked copy of the live store).

    Args:
        store: the store (a build's copy).
        leaderboard: the text of the saved query ``leaderboard``, whose rows the index keeps
            (None: none kept; the pages then run the query).

    Returns:
        The index file, or None for an in-memory store.
    """
    if store.path is None:
        return None
    target = store.path / BROWSE_INDEX_NAME
    with new_sqlite_file(target) as db:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(_SCHEMA)
        _fill(db, store, leaderboard)
        db.executescript(_INDEXES)
        _fill_answer_tables(db)
        db.execute("INSERT INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
    return target


def _scan(store: KnowledgeStore, sparql: str) -> Iterator[list[str]]:
    """The rows of a SELECT as lists of lexical values ('' unbound), read as CSV.

    Oxigraph writes the CSV in Rust and Python's csv module reads it in C: three times
    faster than a Python object per solution, for the million rows of a large store.
    """
    with tempfile.TemporaryFile() as spool:
        store.query(sparql).raw.serialize(spool, format=ox.QueryResultsFormat.CSV)
        spool.seek(0)
        reader = csv.reader(io.TextIOWrapper(spool, encoding="utf-8", newline=""))
        next(reader, None)  # the header
        yield from reader


def _fill(db: sqlite3.Connection, store: KnowledgeStore, leaderboard: str | None) -> None:
    ids: dict[str, int] = {}

    def node(iri: str) -> int:
        found = ids.get(iri)
        if found is None:
            found = ids[iri] = len(ids) + 1
        return found

    db.executemany("INSERT INTO link_name VALUES (?, ?)", enumerate(LINK_IRIS, start=1))
    for number, link in enumerate(LINK_IRIS, start=1):
        rows = ((node(e), number, node(p)) for p, e in _scan(store, _LINKS.format(link=link)))
        db.executemany("INSERT OR IGNORE INTO link VALUES (?, ?, ?)", rows)
    papers: dict[int, list[str | None]] = {}  # id → [least title, greatest date]
    months: set[tuple[int, str]] = set()
    for iri, date, month in _scan(store, _ISSUED):
        paper = node(iri)
        entry = papers.setdefault(paper, [None, None])
        entry[1] = date if entry[1] is None else max(entry[1], date)
        if month:
            months.add((paper, month))
    for iri, title in _scan(store, _TITLES):
        entry = papers.setdefault(node(iri), [None, None])
        entry[0] = title if entry[0] is None else min(entry[0], title)
    db.executemany("INSERT INTO paper VALUES (?, ?, ?)", ((k, *v) for k, v in papers.items()))
    db.executemany("INSERT INTO month VALUES (?, ?)", months)
    del papers, months
    _fill_answer_sources(db, store, node)  # before the labels: broader concepts have some
    labels: dict[int, str] = {}
    for iri, label in _scan(store, _LABELS):
        found = ids.get(iri)
        if found is not None and (found not in labels or label < labels[found]):
            labels[found] = label
    if leaderboard is not None:
        _fill_leaderboard(db, store, leaderboard, node)
    db.executemany(
        "INSERT INTO node VALUES (?, ?, ?)", ((i, iri, labels.get(i)) for iri, i in ids.items())
    )
    types = " ".join(f"<{_MKG}{name}>" for name in COUNTED_CLASSES)
    counts = {
        (r["type"] or "").rsplit("#", 1)[-1]: int(r["n"] or 0)
        for r in store.query(_CLASS_COUNTS.format(types=types)).rows()
    }
    db.execute("INSERT INTO meta VALUES ('class_counts', ?)", (json.dumps(counts),))


def _fill_leaderboard(
    db: sqlite3.Connection, store: KnowledgeStore, sparql: str, node: Any
) -> None:
    body = json.loads(store.query(sparql).serialize("json"))
    rows = []
    for seq, binding in enumerate(body["results"]["bindings"]):

        def value(name: str, b: dict[str, Any] = binding) -> str | None:
            term = b.get(name)
            return None if term is None else str(term["value"])

        paper = value("paper")
        rows.append(
            (
                seq,
                value("dataset"),
                value("metric"),
                None if paper is None else node(paper),
                json.dumps(binding, sort_keys=True),
            )
        )
    db.executemany("INSERT INTO leaderboard VALUES (?, ?, ?, ?, ?)", rows)
    db.execute("INSERT INTO meta VALUES ('leaderboard', ?)", (query_digest(sparql),))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _fill_answer_sources(db: sqlite3.Connection, store: KnowledgeStore, node: Any) -> None:
    """The concept hierarchy (``skos:broader``), the results and the modalities datasets hold
    (a few hundred rows: only curated datasets have them), for :mod:`kg.store.answers`."""
    edges = [(node(n), node(b)) for n, b in _scan(store, _BROADER)]
    db.executemany("INSERT INTO broader_edge VALUES (?, ?)", edges)
    db.executemany(
        "INSERT OR IGNORE INTO dataset_modality VALUES (?, ?)",
        ((node(d), node(m)) for d, m in _scan(store, _HELD)),
    )
    db.executemany(
        "INSERT INTO result VALUES (?, ?, ?, ?, ?)",
        (
            (
                node(r),
                node(p),
                node(m) if m else None,
                _number(v) if v else None,
                node(d) if d else None,
            )
            for p, r, m, v, d in _scan(store, _RESULTS)
        ),
    )


def ancestors(edges: Sequence[tuple[int, int]]) -> dict[int, set[int]]:
    """Every node of the edges (narrower, broader) with all its broader nodes, itself included.

    >>> sorted(ancestors([(1, 2), (2, 3)])[1])
    [1, 2, 3]
    """
    up: dict[int, set[int]] = {}
    for narrower, broader in edges:
        up.setdefault(narrower, set()).add(broader)
        up.setdefault(broader, set())
    closed: dict[int, set[int]] = {}
    for start in up:
        seen, todo = {start}, [start]
        while todo:
            for parent in up[todo.pop()]:
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        closed[start] = seen
    return closed


# Each answer table holds a saved query's keys in the query's order (seq): labels as SPARQL
# orders them (code points, SQLite's BINARY), then IRIs to settle ties. Only entities with a
# label: the saved queries join rdfs:label.
_ANSWER_TABLES = """
CREATE INDEX closure_by_ancestor ON closure (ancestor, node);
CREATE TABLE paper_size (paper INTEGER PRIMARY KEY, n INTEGER);
INSERT INTO paper_size SELECT paper, COUNT(DISTINCT entity) FROM link GROUP BY paper;
CREATE TABLE answer_task_model (seq INTEGER PRIMARY KEY, task INTEGER, model INTEGER,
                                papers INTEGER);
INSERT INTO answer_task_model (task, model, papers)
SELECT g.task, g.model, g.papers FROM (
  SELECT c.ancestor AS task, m.entity AS model, COUNT(DISTINCT t.paper) AS papers
  FROM link t JOIN closure c ON c.node = t.entity
  JOIN link m ON m.paper = t.paper AND m.link IN ({usesModel}, {proposesModel})
  WHERE t.link = {addressesTask} GROUP BY c.ancestor, m.entity) g
JOIN node tn ON tn.id = g.task JOIN node mn ON mn.id = g.model
WHERE tn.label IS NOT NULL AND mn.label IS NOT NULL
ORDER BY tn.label, g.papers DESC, mn.label, tn.iri, mn.iri;
CREATE INDEX answer_task_model_task ON answer_task_model (task, seq);
CREATE TABLE answer_task_metric (seq INTEGER PRIMARY KEY, task INTEGER, metric INTEGER,
                                 papers INTEGER);
INSERT INTO answer_task_metric (task, metric, papers)
SELECT g.task, g.metric, g.papers FROM (
  SELECT c.ancestor AS task, pm.metric AS metric, COUNT(DISTINCT t.paper) AS papers
  FROM link t JOIN closure c ON c.node = t.entity
  JOIN (SELECT paper, entity AS metric FROM link WHERE link = {usesMetric}
        UNION SELECT paper, metric FROM result WHERE metric IS NOT NULL) pm
    ON pm.paper = t.paper
  WHERE t.link = {addressesTask} GROUP BY c.ancestor, pm.metric) g
JOIN node tn ON tn.id = g.task JOIN node mn ON mn.id = g.metric
WHERE tn.label IS NOT NULL AND mn.label IS NOT NULL
ORDER BY tn.label, g.papers DESC, mn.label, tn.iri, mn.iri;
CREATE INDEX answer_task_metric_task ON answer_task_metric (task, seq);
CREATE TABLE answer_task_modality_dataset (seq INTEGER PRIMARY KEY, task INTEGER,
    modality INTEGER, dataset INTEGER, papers INTEGER, example INTEGER);
INSERT INTO answer_task_modality_dataset (task, modality, dataset, papers, example)
SELECT g.task, g.modality, g.dataset, g.papers, g.example FROM (
  SELECT ct.ancestor AS task, cm.ancestor AS modality, x.dataset AS dataset,
         COUNT(DISTINCT t.paper) AS papers, MIN(t.paper) AS example
  FROM (SELECT d.paper AS paper, d.entity AS dataset, mo.entity AS modality
        FROM link d JOIN link mo ON mo.paper = d.paper AND mo.link = {hasModality}
        WHERE d.link IN ({usesDataset}, {introducesDataset})
        UNION
        SELECT d.paper, d.entity, dm.modality
        FROM dataset_modality dm JOIN link d ON d.entity = dm.dataset
        WHERE d.link IN ({usesDataset}, {introducesDataset})) x
  JOIN paper p ON p.id = x.paper AND p.title IS NOT NULL
  JOIN link t ON t.paper = x.paper AND t.link = {addressesTask}
  JOIN closure ct ON ct.node = t.entity
  JOIN closure cm ON cm.node = x.modality
  GROUP BY ct.ancestor, cm.ancestor, x.dataset) g
JOIN node dn ON dn.id = g.dataset JOIN node tn ON tn.id = g.task JOIN node mn ON mn.id = g.modality
WHERE dn.label IS NOT NULL
ORDER BY g.papers DESC, dn.label, tn.iri, mn.iri, dn.iri;
CREATE INDEX answer_tmd_task ON answer_task_modality_dataset (task, modality, seq);
CREATE INDEX answer_tmd_modality ON answer_task_modality_dataset (modality, seq);
CREATE TABLE answer_result (seq INTEGER PRIMARY KEY, paper INTEGER, result INTEGER,
                            metric INTEGER);
INSERT INTO answer_result (paper, result, metric)
SELECT r.paper, r.result, r.metric FROM result r LEFT JOIN node mn ON mn.id = r.metric
WHERE r.metric IS NOT NULL
GROUP BY r.paper, r.result, r.metric
ORDER BY MIN(mn.label), MAX(r.value) DESC, r.metric, r.paper, r.result;
CREATE INDEX answer_result_metric ON answer_result (metric, seq);
CREATE INDEX result_by_dataset ON result (dataset, paper);
"""


def _fill_answer_tables(db: sqlite3.Connection) -> None:
    """The tables the saved queries of :mod:`kg.store.answers` read (after the links' indexes)."""
    edges = db.execute("SELECT node, parent FROM broader_edge").fetchall()
    db.execute(
        "INSERT INTO closure SELECT DISTINCT entity, entity FROM link WHERE link IN (?, ?)",
        [link_number(name) for name in ("addressesTask", "hasModality")],
    )
    # a modality a dataset holds counts for itself even when no paper links it
    db.execute("INSERT OR IGNORE INTO closure SELECT modality, modality FROM dataset_modality")
    db.executemany(
        "INSERT OR IGNORE INTO closure VALUES (?, ?)",
        ((n, a) for n, above in ancestors(edges).items() for a in above),
    )
    links = {iri.removeprefix(_MKG): number for number, iri in enumerate(LINK_IRIS, start=1)}
    db.executescript(_ANSWER_TABLES.format(**links))


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counted:
    """An entity and a number of papers.

    Attributes:
        entity: its IRI.
        label: its ``rdfs:label`` (the least if several; None if it has none).
        n: the number of papers.
    """

    entity: str
    label: str | None
    n: int


@dataclass(frozen=True)
class ListedPaper:
    """One row of an entity's paper list.

    Attributes:
        paper: the paper's IRI.
        link: the link's local name (``usesDataset``…).
        title: its title.
        date: its ``dcterms:issued`` as text (None: undated).
    """

    paper: str
    link: str
    title: str
    date: str | None


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


#: Answers kept in this process, by index file (inode and write time: a build's swap changes
#: them) and question, as the query workers keep SPARQL answers until the next build.
_ANSWERS: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_ANSWERS_KEPT = 512
_ANSWERS_LOCK = threading.Lock()


class BrowseIndex:
    """Answers of the browsing pages from a store's ``kg-browse.sqlite`` (read-only).

    Every method opens its own connection: the pages ask from several threads at once, and
    a build that swaps a new store in meanwhile leaves an open file readable. Answers are
    kept (immutable) until the file changes.
    """

    def __init__(self, store_path: Path, meta: dict[str, str]) -> None:
        self.store_path = store_path
        self.path = store_path / BROWSE_INDEX_NAME
        self._meta = meta
        try:
            st = os.stat(self.path)
            self._stamp: tuple[int, int] | None = (st.st_ino, st.st_mtime_ns)
        except OSError:
            self._stamp = None

    def _kept(self, question: tuple[Any, ...], answer: Callable[[], Any]) -> Any:
        if self._stamp is None:
            return answer()
        key = (str(self.path), self._stamp, *question)
        with _ANSWERS_LOCK:
            if key in _ANSWERS:
                _ANSWERS.move_to_end(key)
                return _ANSWERS[key]
        value = answer()
        with _ANSWERS_LOCK:
            _ANSWERS[key] = value
            while len(_ANSWERS) > _ANSWERS_KEPT:
                _ANSWERS.popitem(last=False)
        return value

    @classmethod
    def open(cls, store_path: Path) -> BrowseIndex | None:
        """The index of the store at ``store_path``, or None if it has none of this version."""
        path = store_path / BROWSE_INDEX_NAME
        if not path.is_file():
            return None
        try:
            with reading(path) as db:
                meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error:
            return None
        return cls(store_path, meta) if meta.get("version") == SCHEMA_VERSION else None

    def _links(self, names: Sequence[str]) -> list[int]:
        return [LINK_IRIS.index(_MKG + name) + 1 for name in names if _MKG + name in LINK_IRIS]

    def co_entities(
        self, iri: str, *, via: Sequence[str], links: Sequence[str], limit: int = 15
    ) -> list[Counted]:
        """Entities linked by ``links`` from the papers linked to ``iri`` by ``via``.

        Most papers first, then by label (as SPARQL orders: no label first, then codepoint
        order), then by IRI; at most ``limit``.
        """
        via_ids, link_ids = self._links(via), self._links(links)
        # counted by entity number first; only the entities with at least the limit-th
        # count are looked up for their label and IRI (a task's models are thousands)
        sql = f"""
            WITH p AS (SELECT DISTINCT l.paper FROM link l JOIN node t ON t.id = l.entity
                       WHERE t.iri = ? AND l.link IN ({_marks(via_ids)})),
            c AS MATERIALIZED (
              SELECT o.entity, COUNT(DISTINCT o.paper) AS n
              FROM p JOIN link o ON o.paper = p.paper AND o.link IN ({_marks(link_ids)})
              GROUP BY o.entity)
            SELECT e.iri, e.label, c.n FROM c JOIN node e ON e.id = c.entity
            WHERE c.n >= COALESCE((SELECT n FROM c ORDER BY n DESC LIMIT 1 OFFSET ?), 0)
            ORDER BY c.n DESC, e.label, e.iri LIMIT ?"""

        def answer() -> tuple[Counted, ...]:
            with reading(self.path) as db:
                rows = db.execute(sql, (iri, *via_ids, *link_ids, limit - 1, limit)).fetchall()
            return tuple(Counted(*row) for row in rows)

        return list(self._kept(("co", iri, tuple(via), tuple(links), limit), answer))

    def papers_over_time(self, iri: str, *, via: Sequence[str]) -> list[tuple[str, int]]:
        """``(YYYY-MM, papers)`` of the papers linked to ``iri`` by ``via``, by month."""
        via_ids = self._links(via)
        sql = f"""
            WITH p AS (SELECT DISTINCT l.paper FROM link l JOIN node t ON t.id = l.entity
                       WHERE t.iri = ? AND l.link IN ({_marks(via_ids)}))
            SELECT m.month, COUNT(*) FROM p JOIN month m ON m.paper = p.paper
            GROUP BY m.month ORDER BY m.month"""

        def answer() -> tuple[tuple[str, int], ...]:
            with reading(self.path) as db:
                return tuple((month, n) for month, n in db.execute(sql, (iri, *via_ids)))

        return list(self._kept(("months", iri, tuple(via)), answer))

    def papers(
        self, iri: str, *, links: Sequence[str], limit: int = 100
    ) -> tuple[list[ListedPaper], dict[str, int]]:
        """Papers with a title linked to ``iri`` by ``links`` and the papers per link.

        Rows by link (IRI order), then newest first (undated last), then by paper IRI; at
        most ``limit``. The counts (by link local name) count every linked subject.
        """
        link_ids = self._links(links)

        def answer() -> tuple[tuple[ListedPaper, ...], tuple[tuple[str, int], ...]]:
            with reading(self.path) as db:
                entity = db.execute("SELECT id FROM node WHERE iri = ?", (iri,)).fetchone()
                if entity is None:
                    return (), ()
                rows, counts = self._listed(db, entity[0], link_ids, limit)
            listed = tuple(ListedPaper(p, k.rsplit("#", 1)[-1], t, d) for p, k, t, d in rows)
            return listed, tuple((k.rsplit("#", 1)[-1], n) for k, n in counts)

        listed, counted = self._kept(("papers", iri, tuple(links), limit), answer)
        return list(listed), dict(counted)

    @staticmethod
    def _listed(
        db: sqlite3.Connection, entity: int, link_ids: list[int], limit: int
    ) -> tuple[list[Any], list[Any]]:
        rows = db.execute(
            f"""SELECT n.iri, k.iri, p.title, p.date FROM link l
                    JOIN paper p ON p.id = l.paper JOIN node n ON n.id = l.paper
                    JOIN link_name k ON k.id = l.link
                    WHERE l.entity = ? AND l.link IN ({_marks(link_ids)})
                      AND p.title IS NOT NULL
                    ORDER BY l.link, p.date DESC, n.iri LIMIT ?""",
            (entity, *link_ids, limit),
        ).fetchall()
        counts = db.execute(
            f"""SELECT k.iri, COUNT(*) FROM link l JOIN link_name k ON k.id = l.link
                WHERE l.entity = ? AND l.link IN ({_marks(link_ids)}) GROUP BY l.link""",
            (entity, *link_ids),
        ).fetchall()
        return rows, counts

    def top_entities(self, link: str, *, limit: int) -> list[Counted]:
        """The entities most papers link by ``link`` (then by label, then IRI)."""
        with reading(self.path) as db:
            rows = db.execute(
                """SELECT e.iri, e.label, c.n FROM link_count c JOIN node e ON e.id = c.entity
                   WHERE c.link = ? ORDER BY c.n DESC, e.label, e.iri LIMIT ?""",
                (self._links([link])[0], limit),
            ).fetchall()
        return [Counted(*row) for row in rows]

    def class_counts(self) -> dict[str, int]:
        """Instances per class (local name) of :data:`COUNTED_CLASSES` (absent: none)."""
        counts: dict[str, int] = json.loads(self._meta.get("class_counts", "{}"))
        return counts

    def leaderboard(
        self,
        sparql: str,
        *,
        dataset: str | None = None,
        metric: str | None = None,
        task: str | None = None,
    ) -> list[dict[str, Any]] | None:
        """The rows the leaderboard query ``sparql`` answers, as SPARQL JSON bindings.

        Only the rows of ``dataset``, ``metric`` and of papers that address ``task``, in the
        query's order. None if the index did not keep the rows of this query text.
        """
        if self._meta.get("leaderboard") != query_digest(sparql):
            return None
        where: list[str] = ["1"]
        params: list[str | int] = []
        for column, value in (("dataset", dataset), ("metric", metric)):
            if value:
                where.append(f"b.{column} = ?")
                params.append(value)
        if task:
            where.append(
                "b.paper IN (SELECT l.paper FROM link l JOIN node t ON t.id = l.entity "
                "WHERE t.iri = ? AND l.link = ?)"
            )
            params += [task, self._links(["addressesTask"])[0]]

        def answer() -> tuple[str, ...]:
            with reading(self.path) as db:
                rows = db.execute(
                    f"SELECT b.row FROM leaderboard b WHERE {' AND '.join(where)} ORDER BY b.seq",
                    params,
                ).fetchall()
            return tuple(row for (row,) in rows)

        kept = self._kept(("leaderboard", dataset, metric, task), answer)
        return [json.loads(row) for row in kept]

    def search(self, key: str, *, limit: int) -> list[KeyHit] | None:
        """Entities by normalised name (:func:`kg.store.search.search_keys`)."""
        return search_keys(self.store_path, key, limit=limit)


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the index file at ``path``, closed on leaving."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield db
    finally:
        db.close()


__all__ = [
    "BROWSE_INDEX_NAME",
    "LINK_IRIS",
    "BrowseIndex",
    "Counted",
    "ListedPaper",
    "build_browse_index",
    "link_number",
    "query_digest",
    "reading",
    "saved_leaderboard",
]
