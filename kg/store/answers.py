"""Saved queries answered from the store's side indexes (``#+ index:`` in a saved query).

Some saved queries join every paper's tasks (with their broader concepts) to every paper's
models, datasets or metrics: Oxigraph pays about 20 µs per joined row, so at 200,000 papers
``models_per_task`` ran for more than 30 s. SQLite does the same joins over integer ids in
the browse index (``kg-browse.sqlite``), and the aggregates over all tasks are computed once
per build (:func:`kg.store.browse_index.build_browse_index`).

The index only *chooses the rows*: it gives the keys of the first rows in the query's order
(IRIs and counts), and a small SPARQL query over those keys (a ``VALUES`` block) reads the
labels, titles and values from the store and applies the saved query's own ``ORDER BY``. So
every term of the answer (datatypes, languages, several labels) is the store's, and every
result format, the paging and the endpoint's limits work as for any saved query.

An answer is registered for one text of its saved query (:func:`body_digest`): a saved query
edited since (a user's own ``queries/``) is answered by its own SPARQL.
``tests/integration/test_index_answers.py`` compares every answer with the saved query's
SPARQL on real stores.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.queries import SavedQuery
from kg.store.browse_index import LINK_IRIS, BrowseIndex, link_number, reading
from kg.store.search import SearchIndexError, search_answer_sparql
from kg.vocab import sparql_prefix_header

_LOG = logging.getLogger(__name__)

#: A key of one row: IRIs (str) and counts (int), in the order of the answer's variables.
Key = tuple[str | int, ...]
#: Reads the keys of the first ``rows`` rows (None: all), given the bound parameters' IRIs.
KeyReader = Callable[[sqlite3.Connection, Mapping[str, str], "int | None"], list[Key]]


def body_digest(sparql: str) -> str:
    """The digest of a query's text without its comment lines (``#+`` headers included).

    Editing a saved query's description keeps its index answer; editing its SPARQL does not.

    >>> body_digest("#+ summary: a\\nSELECT * {}") == body_digest("#+ summary: b\\nSELECT * {}")
    True
    """
    lines = (line.strip() for line in sparql.splitlines())
    body = "\n".join(line for line in lines if line and not line.startswith("#"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IndexAnswer:
    """How the browse index answers one saved query.

    Attributes:
        digest: :func:`body_digest` of the saved query this answer reproduces.
        variables: the ``VALUES`` variables, in the order of the keys.
        keys: reads the keys of the first rows from the index.
        sparql: the query over the keys (``{values}`` marks the ``VALUES`` block, see
            :func:`fill_values`); its projection and ``ORDER BY`` are the saved query's.
        required: parameters the index needs bound (left open, the SPARQL answers).
    """

    digest: str
    variables: tuple[str, ...]
    keys: KeyReader
    sparql: str
    required: tuple[str, ...] = ()


def _node_id(db: sqlite3.Connection, iri: str) -> int | None:
    row = db.execute("SELECT id FROM node WHERE iri = ?", (iri,)).fetchone()
    return None if row is None else int(row[0])


def _no_limit(rows: int | None) -> int:
    return -1 if rows is None else rows  # SQLite reads LIMIT -1 as no limit


def table_keys(table: str, columns: Sequence[str], params: Sequence[str]) -> KeyReader:
    """Keys from an answer table the build computed in the query's order (column ``seq``).

    ``columns`` are read in order, entity ids as IRIs; a column named ``papers`` is a count.
    Each bound parameter of ``params`` filters its column.
    """
    selected = ", ".join(
        f"a.{c}" if c == "papers" else f"(SELECT iri FROM node WHERE id = a.{c})" for c in columns
    )

    def read(db: sqlite3.Connection, values: Mapping[str, str], rows: int | None) -> list[Key]:
        bound: dict[str, int] = {}
        for name in params:
            if name in values:
                found = _node_id(db, values[name])
                if found is None:
                    return []  # the store holds nothing about it: no rows
                bound[name] = found
        where = " AND ".join(f"a.{name} = :{name}" for name in bound)
        sql = (
            f"SELECT {selected} FROM {table} a {'WHERE ' + where if where else ''} "
            "ORDER BY a.seq LIMIT :rows"
        )
        return [tuple(row) for row in db.execute(sql, {**bound, "rows": _no_limit(rows)})]

    return read


_MODALITY_PAPERS = """
SELECT (SELECT iri FROM node WHERE id = l.paper), n.iri FROM closure c
JOIN link l ON l.entity = c.node AND l.link = :link
JOIN node n ON n.id = l.entity JOIN paper p ON p.id = l.paper
WHERE c.ancestor = :modality AND n.label IS NOT NULL AND p.title IS NOT NULL
ORDER BY n.label, p.title LIMIT :rows
"""


def modality_paper_keys(
    db: sqlite3.Connection, values: Mapping[str, str], rows: int | None
) -> list[Key]:
    """Papers linked to the modality or a narrower one: by the linked concept's label, title."""
    modality = _node_id(db, values["modality"])
    if modality is None:
        return []
    found = db.execute(
        _MODALITY_PAPERS,
        {"modality": modality, "link": link_number("hasModality"), "rows": _no_limit(rows)},
    )
    return [(values["modality"], paper, linked) for paper, linked in found]


# The other papers sharing labelled entities with the paper, by shared entities, then by the
# Jaccard similarity rounded as the saved query rounds it (ROUND(1000 * s / u) / 1000, half up:
# (2000 s + u) div 2u), then by title.
_SIMILAR_PAPERS = """
WITH mine AS (
  SELECT DISTINCT l.entity FROM link l JOIN node n ON n.id = l.entity
  WHERE l.paper = :paper AND n.label IS NOT NULL
),
shared AS (
  SELECT o.paper AS other, COUNT(DISTINCT o.entity) AS n
  FROM mine JOIN link o ON o.entity = mine.entity WHERE o.paper != :paper GROUP BY o.paper
)
SELECT s.other, (SELECT iri FROM node WHERE id = s.other), :size, z.n
FROM shared s JOIN paper_size z ON z.paper = s.other JOIN paper p ON p.id = s.other
WHERE p.title IS NOT NULL
ORDER BY s.n DESC, (2000 * s.n + :size + z.n - s.n) / (2 * (:size + z.n - s.n)) DESC, p.title
LIMIT :rows
"""


_SHARED = """
SELECT o.paper, (SELECT iri FROM node WHERE id = o.entity) FROM link o
WHERE o.entity IN (SELECT l.entity FROM link l WHERE l.paper = ?) AND o.paper IN ({others})
GROUP BY o.paper, o.entity
"""


def similar_paper_keys(
    db: sqlite3.Connection, values: Mapping[str, str], rows: int | None
) -> list[Key]:
    """Other papers by shared entities and Jaccard similarity: one key per shared entity.

    The keys carry both papers' entity counts and the entities they share, so that the
    SPARQL over them reads only labels and titles.
    """
    paper = _node_id(db, values["paper"])
    if paper is None:
        return []
    size = db.execute("SELECT n FROM paper_size WHERE paper = ?", (paper,)).fetchone()
    if size is None:
        return []
    found = db.execute(
        _SIMILAR_PAPERS, {"paper": paper, "size": int(size[0]), "rows": _no_limit(rows)}
    ).fetchall()
    others = {other_id: (iri, size1, size2) for other_id, iri, size1, size2 in found}
    keys: list[Key] = []
    for start in range(0, len(found), 500):
        chunk = [row[0] for row in found[start : start + 500]]
        sql = _SHARED.format(others=", ".join("?" for _ in chunk))
        for other_id, entity in db.execute(sql, [paper, *chunk]):
            iri, size1, size2 = others[other_id]
            keys.append((values["paper"], iri, size1, size2, entity))
    return keys


_PROPOSED_ON_DATASET = """
WITH on_dataset AS (
  SELECT paper, entity AS dataset FROM link
  WHERE link IN (:uses, :introduces) AND (:dataset IS NULL OR entity = :dataset)
  UNION
  SELECT paper, dataset FROM result
  WHERE dataset IS NOT NULL AND (:dataset IS NULL OR dataset = :dataset)
)
SELECT (SELECT iri FROM node WHERE id = o.paper), m.iri, d.iri
FROM on_dataset o JOIN link l ON l.paper = o.paper AND l.link = :proposes
JOIN node m ON m.id = l.entity JOIN node d ON d.id = o.dataset JOIN paper p ON p.id = o.paper
WHERE m.label IS NOT NULL AND d.label IS NOT NULL AND p.title IS NOT NULL
ORDER BY d.label, p.title, m.label LIMIT :rows
"""


def proposed_on_dataset_keys(
    db: sqlite3.Connection, values: Mapping[str, str], rows: int | None
) -> list[Key]:
    """(paper, model, dataset): papers proposing a model and using or scoring on the dataset."""
    dataset = None
    if "dataset" in values:
        dataset = _node_id(db, values["dataset"])
        if dataset is None:
            return []
    found = db.execute(
        _PROPOSED_ON_DATASET,
        {
            "uses": link_number("usesDataset"),
            "introduces": link_number("introducesDataset"),
            "proposes": link_number("proposesModel"),
            "dataset": dataset,
            "rows": _no_limit(rows),
        },
    )
    return [tuple(row) for row in found]


_DATASET_PAPERS = """
SELECT (SELECT iri FROM node WHERE id = l.paper), l.link FROM link l
JOIN paper p ON p.id = l.paper
WHERE l.entity = :dataset AND l.link IN (:uses, :introduces) AND p.title IS NOT NULL
ORDER BY p.title LIMIT :rows
"""


def dataset_paper_keys(
    db: sqlite3.Connection, values: Mapping[str, str], rows: int | None
) -> list[Key]:
    """(dataset, paper, link): the papers using or introducing the dataset, by title."""
    dataset = _node_id(db, values["dataset"])
    if dataset is None:
        return []
    found = db.execute(
        _DATASET_PAPERS,
        {
            "dataset": dataset,
            "uses": link_number("usesDataset"),
            "introduces": link_number("introducesDataset"),
            "rows": _no_limit(rows),
        },
    )
    return [(values["dataset"], paper, LINK_IRIS[link - 1]) for paper, link in found]


_COOCCURRING = """
WITH mine AS (
  SELECT DISTINCT l.paper FROM link l JOIN paper p ON p.id = l.paper
  WHERE l.entity = :dataset AND l.link IN (:uses, :introduces) AND p.title IS NOT NULL
)
SELECT o.entity, (SELECT iri FROM node WHERE id = o.entity) FROM mine
JOIN link o ON o.paper = mine.paper AND o.link IN (:uses, :introduces)
JOIN node n ON n.id = o.entity
WHERE o.entity != :dataset AND n.label IS NOT NULL
GROUP BY o.entity ORDER BY COUNT(DISTINCT o.paper) DESC, MIN(n.label), MIN(n.iri) LIMIT :rows
"""
_SHARED_PAPERS = """
SELECT DISTINCT o.entity, (SELECT iri FROM node WHERE id = l.paper) FROM link l
JOIN link o ON o.paper = l.paper AND o.link IN (?, ?) AND o.entity IN ({others})
JOIN paper p ON p.id = l.paper
WHERE l.entity = ? AND l.link IN (?, ?) AND p.title IS NOT NULL
"""


def cooccurring_keys(
    db: sqlite3.Connection, values: Mapping[str, str], rows: int | None
) -> list[Key]:
    """(dataset, other, paper): the datasets most often used with the dataset, each with the
    papers that use both (their titles are the answer's)."""
    dataset = _node_id(db, values["dataset"])
    if dataset is None:
        return []
    links = (link_number("usesDataset"), link_number("introducesDataset"))
    others = db.execute(
        _COOCCURRING,
        {"dataset": dataset, "rows": _no_limit(rows), "uses": links[0], "introduces": links[1]},
    ).fetchall()
    iris = dict(others)
    keys: list[Key] = []
    for start in range(0, len(others), 500):
        chunk = [other for other, _ in others[start : start + 500]]
        sql = _SHARED_PAPERS.format(others=", ".join("?" for _ in chunk))
        for other, paper in db.execute(sql, [*links, *chunk, dataset, *links]):
            keys.append((values["dataset"], iris[other], paper))
    return keys


_PREFIXES = sparql_prefix_header()


def per_task(entity: str, table: str, digest: str) -> IndexAnswer:
    """The answer of ``<entity>s_per_task``: entities of the papers per task, from ``table``."""
    return IndexAnswer(
        digest=digest,
        variables=("task", entity, "papers"),
        keys=table_keys(table, ("task", entity, "papers"), ("task",)),
        sparql=_PREFIXES
        + f"""SELECT ?task ?taskLabel ?{entity} ?{entity}Label ?papers WHERE {{
  {{values}}
  ?task rdfs:label ?taskLabel .
  ?{entity} rdfs:label ?{entity}Label .
}}
ORDER BY ?taskLabel DESC(?papers) ?{entity}Label
""",
    )


#: The saved queries the browse index answers, by name.
ANSWERS: dict[str, IndexAnswer] = {
    "models_per_task": per_task(
        "model",
        "answer_task_model",
        "6c34601d7ebdb661ccd0680c6aff2ee0f64c4cb9309c1ab793c9180eaa7d275d",
    ),
    "metrics_per_task": per_task(
        "metric",
        "answer_task_metric",
        "d3e0e40d83e939a0eb14bf7b399265279286de0cb6c3e5a95d7c135cdf0a3522",
    ),
    "datasets_for_task_and_modality": IndexAnswer(
        digest="d8c394377fc5d7df22a10e26ec5d24f519ad9ade81ce2f23a974b64fdc3aec81",
        variables=("task", "modality", "dataset", "papers", "example"),
        keys=table_keys(
            "answer_task_modality_dataset",
            ("task", "modality", "dataset", "papers", "example"),
            ("task", "modality"),
        ),
        sparql=_PREFIXES
        + """SELECT ?task ?modality ?dataset ?datasetLabel ?papers
       (SAMPLE(?title) AS ?examplePaper)
WHERE {
  {values}
  ?example dcterms:title ?title .
  ?dataset rdfs:label ?datasetLabel .
}
GROUP BY ?task ?modality ?dataset ?datasetLabel ?papers
ORDER BY DESC(?papers) ?datasetLabel ?task ?modality
""",
    ),
    "results_by_metric": IndexAnswer(
        digest="88c7503255a98b3ca637c94a77812487848e20f4ee1366693f46c88ce5b13465",
        variables=("paper", "result", "metric"),
        keys=table_keys("answer_result", ("paper", "result", "metric"), ("metric",)),
        sparql=_PREFIXES
        + """SELECT ?paper ?metricLabel ?value ?valueText ?modelLabel ?datasetLabel
WHERE {
  {values}
  ?paper mkg:reportsResult ?result .
  ?result mkg:metric ?metric .
  OPTIONAL { ?metric rdfs:label ?metricLabel }
  OPTIONAL { ?result mkg:value ?value }
  OPTIONAL { ?result mkg:valueText ?valueText }
  OPTIONAL { ?result mkg:model/rdfs:label ?modelLabel }
  OPTIONAL { ?result mkg:dataset/rdfs:label ?datasetLabel }
}
ORDER BY ?metricLabel DESC(?value)
""",
    ),
    "papers_with_modality_or_narrower": IndexAnswer(
        digest="b5588f7e6e532ffcb099ac23bcf1127891c0bbce66081e86cf3b23870c31ba8b",
        variables=("modality", "paper", "linkedAs"),
        keys=modality_paper_keys,
        required=("modality",),
        sparql=_PREFIXES
        + """SELECT ?modality ?paper ?title ?linkedAs ?linkedAsLabel ?issued
WHERE {
  {values}
  ?paper mkg:hasModality ?linkedAs ;
         dcterms:title ?title .
  ?linkedAs skos:broader* ?modality ;
            rdfs:label ?linkedAsLabel .
  ?modality a mkg:Modality .
  OPTIONAL { ?paper dcterms:issued ?issued }
}
ORDER BY ?modality ?linkedAsLabel ?title
""",
    ),
    "models_proposed_and_evaluated_on_dataset": IndexAnswer(
        digest="c1329ddec1ec22d90af073e960220f7e364abcdda2d984b54cd31b01dd72d05a",
        variables=("paper", "model", "dataset"),
        keys=proposed_on_dataset_keys,
        sparql=_PREFIXES
        + """SELECT DISTINCT ?paper ?title ?model ?modelLabel ?dataset ?datasetLabel ?metricLabel
       ?valueText
WHERE {
  {values}
  ?paper mkg:proposesModel ?model ;
         dcterms:title ?title .
  ?model rdfs:label ?modelLabel .
  ?dataset rdfs:label ?datasetLabel .
  OPTIONAL {
    {values:paper,dataset}
    ?paper mkg:reportsResult ?result .
    ?result mkg:dataset ?dataset ;
            mkg:metric/rdfs:label ?metricLabel ;
            mkg:valueText ?valueText .
    FILTER NOT EXISTS { ?result mkg:model ?other . FILTER(?other != ?model) }
  }
}
ORDER BY ?datasetLabel ?title ?modelLabel ?metricLabel
""",
    ),
    "papers_using_dataset": IndexAnswer(
        digest="cf4e4daf57758d4369318d2801802e4194b20152b1545c5e1710fd29e3d0f5a5",
        variables=("dataset", "paper", "link"),
        keys=dataset_paper_keys,
        required=("dataset",),
        sparql=_PREFIXES
        + """SELECT ?dataset ?paper ?title ?link
WHERE {
  {values}
  ?paper ?link ?dataset ;
         dcterms:title ?title .
}
ORDER BY ?title
""",
    ),
    "cooccurring_datasets": IndexAnswer(
        digest="4ff01b2fad95f6ba5f7fafa8d0257269eb3195d23910e8f5f3de09faf2673777",
        variables=("dataset", "other", "paper"),
        keys=cooccurring_keys,
        required=("dataset",),
        sparql=_PREFIXES
        + """SELECT ?dataset ?datasetLabel ?other ?otherLabel
       (COUNT(DISTINCT ?paper) AS ?sharedPapers)
       (GROUP_CONCAT(DISTINCT ?title; SEPARATOR=" | ") AS ?titles)
WHERE {
  {values}
  ?paper dcterms:title ?title .
  ?dataset rdfs:label ?datasetLabel .
  ?other rdfs:label ?otherLabel .
}
GROUP BY ?dataset ?datasetLabel ?other ?otherLabel
ORDER BY DESC(?sharedPapers) ?datasetLabel ?otherLabel
""",
    ),
    "similar_papers": IndexAnswer(
        digest="3720c7a5a11f4d137a220f70ddea4507d834564b89a5b53da4999e2ea416a0ba",
        variables=("paper", "other", "size1", "size2", "entity"),
        keys=similar_paper_keys,
        required=("paper",),
        sparql=_PREFIXES
        + """SELECT ?paper ?other ?otherTitle ?shared ?jaccard ?sharedEntities
WHERE {
  {
    SELECT ?paper ?other ?size1 ?size2 (COUNT(DISTINCT ?entity) AS ?shared)
           (GROUP_CONCAT(DISTINCT ?label; SEPARATOR=", ") AS ?sharedEntities)
    WHERE {
      {values}
      ?entity rdfs:label ?label .
    }
    GROUP BY ?paper ?other ?size1 ?size2
  }
  ?other dcterms:title ?otherTitle .
  BIND(ROUND(1000 * ?shared / (?size1 + ?size2 - ?shared)) / 1000 AS ?jaccard)
}
ORDER BY ?paper DESC(?shared) DESC(?jaccard) ?otherTitle
""",
    ),
}


def values_block(variables: Sequence[str], keys: Sequence[Key]) -> str:
    """A SPARQL ``VALUES`` block of the keys (IRIs and integers).

    >>> values_block(["a", "n"], [("http://x/1", 2)])
    'VALUES (?a ?n) {\\n    (<http://x/1> 2)\\n  }'
    """
    rows = "\n".join(
        "    (" + " ".join(str(v) if isinstance(v, int) else URIRef(v).n3() for v in key) + ")"
        for key in keys
    )
    return f"VALUES ({' '.join('?' + v for v in variables)}) {{\n{rows}\n  }}"


def index_answer_sparql(
    name: str, store_path: Path, bindings: Mapping[str, Node], *, rows: int | None
) -> str | None:
    """SPARQL answering the saved query ``name`` over the keys its index answer reads.

    None when no answer is registered under ``name`` or the store has no browse index of
    this version (then the saved query's own SPARQL answers).
    """
    answer = ANSWERS.get(name)
    index = BrowseIndex.open(store_path) if answer is not None else None
    if answer is None or index is None:
        return None
    values = {k: str(v) for k, v in bindings.items() if isinstance(v, URIRef | Literal)}
    if any(name not in values for name in answer.required):
        return None
    try:
        with reading(index.path) as db:
            keys = answer.keys(db, values, rows)
    except sqlite3.Error as e:  # a damaged index costs speed, never the answer
        _LOG.warning(
            "browse index of %s unreadable (%s): %s answered by SPARQL", store_path, e, name
        )
        return None
    return fill_values(answer.sparql, answer.variables, keys)


_PLACE = re.compile(r"\{values(?::([A-Za-z_,]+))?\}")


def fill_values(sparql: str, variables: Sequence[str], keys: Sequence[Key]) -> str:
    """``sparql`` with ``{values}`` replaced by the keys' ``VALUES`` block, and each
    ``{values:a,b}`` by the block of the distinct (a, b) of the keys (to bound an
    ``OPTIONAL``, which Oxigraph would otherwise evaluate over the whole graph).

    >>> fill_values("{values:a}", ["a", "n"], [("http://x/1", 1), ("http://x/1", 2)]).split()
    ['VALUES', '(?a)', '{', '(<http://x/1>)', '}']
    """

    def block(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return values_block(variables, keys)
        names = match.group(1).split(",")
        at = [variables.index(name) for name in names]
        distinct = dict.fromkeys(tuple(key[i] for i in at) for key in keys)
        return values_block(names, list(distinct))

    return _PLACE.sub(block, sparql)


_WARNED: set[str] = set()


def saved_query_sparql(
    query: SavedQuery, store_path: Path, bindings: Mapping[str, Node], *, rows: int | None
) -> tuple[str, Mapping[str, Node]]:
    """The SPARQL text and bindings that answer a saved query on the store at ``store_path``.

    A query marked ``#+ index: search`` is answered from the text index
    (:func:`kg.store.search.search_answer_sparql`), one marked ``#+ index: browse`` from the
    browse index (:func:`index_answer_sparql`); any other query, a store built before the
    index, or a saved query whose text differs from the one the answer was written for, by
    its own SPARQL with ``bindings``.

    Args:
        rows: the most rows the caller will read (None: all).
    """
    if query.index == "search":
        text = str(bindings.get("text") or "")
        try:
            return search_answer_sparql(store_path, text, rows=rows), {}
        except SearchIndexError:
            pass  # a store built before the index: the saved query's own SPARQL answers
    elif query.index == "browse":
        answer = ANSWERS.get(query.name)
        if answer is not None and answer.digest == body_digest(query.sparql):
            sparql = index_answer_sparql(query.name, store_path, bindings, rows=rows)
            if sparql is not None:
                return sparql, {}
        elif query.name not in _WARNED:
            _WARNED.add(query.name)
            _LOG.warning(
                "saved query %s differs from the text its index answer was written for: "
                "answered by its own SPARQL",
                query.name,
            )
    return query.sparql, bindings


__all__ = [
    "ANSWERS",
    "IndexAnswer",
    "body_digest",
    "fill_values",
    "index_answer_sparql",
    "saved_query_sparql",
    "values_block",
]
