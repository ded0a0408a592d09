"""What the browsing pages show, read from the graph: one small function per question (issue 17).

Every function takes a :class:`Select` (a callable that runs a SELECT with bindings and returns
plain rows) and returns plain Python data, so the pages can be tested and timed apart from
HTTP. Those that join or aggregate over all the papers of an entity (or of the store) also take
the store's browse index (:class:`kg.store.browse_index.BrowseIndex`, ``kg-browse.sqlite``,
written by every build): given one, they answer from it in milliseconds what their SPARQL
answers in seconds on a large graph; without one (a store built before it existed) they run
the SPARQL, which stays the reference the index is tested against.

Rows are ``dict[str, str | float | None]``: IRIs and strings as ``str``, numbers as ``float``
and ``None`` for an unbound variable. Counts are ``int``.

Leaderboards come from the saved query ``queries/leaderboard.rq``: it alone decides which
metrics rank ascending (error-like) and how a fraction and a percentage share one scale.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.corpus.identifiers import resolver_url
from kg.entity_types import BY_NAME, TYPES
from kg.ids import BASE
from kg.store.browse_index import BrowseIndex
from kg.store.search import search_key
from kg.vocab import MKG

Row = dict[str, Any]
_MKG_NS = str(MKG)
#: Runs a SELECT with ``(variable, term)`` bindings and returns its rows as plain values.
Select = Callable[[str, Sequence[tuple[str, Node]]], list[Row]]

#: Paper → entity links, by entity class, in the order a paper page lists them.
LINKS: dict[str, tuple[str, ...]] = {
    t.display_name: tuple(str(t.predicate(role)).rsplit("#", 1)[-1] for role in t.roles)
    for t in TYPES
}
_XSD = str(XSD)
_NUMERIC = {"integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger"}


def plain_rows(bindings: Iterable[Mapping[str, Mapping[str, str]]]) -> list[Row]:
    """SPARQL JSON result bindings as plain rows (numbers as float, the rest as str).

    >>> plain_rows([{"n": {"type": "literal", "value": "16",
    ...     "datatype": "http://www.w3.org/2001/XMLSchema#integer"}, "x": {"type": "uri", "value": "http://a"}}])
    [{'n': 16.0, 'x': 'http://a'}]
    """
    rows: list[Row] = []
    for binding in bindings:
        row: Row = {}
        for name, term in binding.items():
            value: Any = term["value"]
            datatype = term.get("datatype", "")
            if datatype.startswith(_XSD) and datatype[len(_XSD) :] in _NUMERIC:
                with contextlib.suppress(ValueError):  # an ill-typed literal stays text
                    value = float(value)
            elif datatype == str(XSD.boolean):
                value = value in ("true", "1")
            row[name] = value
        rows.append(row)
    return rows


def slug_of(iri: str) -> str:
    """The last segment of a medkg resource IRI.

    >>> slug_of("https://w3id.org/medkg/resource/dataset/mimiccxr")
    'mimiccxr'
    """
    return iri.rsplit("/", 1)[-1]


def kind_of(iri: str) -> str | None:
    """The resource type of a medkg IRI (``dataset``, ``paper``…), or None.

    >>> kind_of("https://w3id.org/medkg/resource/task/segmentation")
    'task'
    >>> kind_of("http://www.wikidata.org/entity/Q1") is None
    True
    """
    if not iri.startswith(BASE):
        return None
    return iri[len(BASE) :].partition("/")[0] or None


def _this(iri: str) -> list[tuple[str, Node]]:
    return [("this", URIRef(iri))]


def _count(row: Row, name: str = "n") -> int:
    value = row.get(name)
    return int(value) if isinstance(value, float) else 0


# --- any entity ---------------------------------------------------------------------------

_DESCRIPTION = """
SELECT ?p ?o ?label WHERE {
  VALUES ?p { rdf:type rdfs:label skos:prefLabel skos:altLabel skos:exactMatch skos:broader
              skos:definition rdfs:comment dcterms:title dcterms:abstract dcterms:issued
              mkg:authorCount mkg:upvotes mkg:codeRepository mkg:url
              mkg:doi mkg:pmid mkg:pmcid mkg:arxivId mkg:arxivVersionId mkg:journalRef
              mkg:holdsModality }
  ?this ?p ?o .
  OPTIONAL { ?o rdfs:label|skos:prefLabel ?label }
} LIMIT 500
"""
_NARROWER = """
SELECT ?o (SAMPLE(?l) AS ?label) WHERE { ?o skos:broader ?this . OPTIONAL { ?o rdfs:label ?l } }
GROUP BY ?o ORDER BY ?label LIMIT 200
"""


@dataclass
class Description:
    """The descriptive properties of one resource.

    Attributes:
        iri: the resource.
        label: its canonical label (``rdfs:label``, else title, else the IRI's last segment).
        types: class IRIs.
        alt_labels: other surface forms, sorted.
        exact_matches: external identifiers (IRIs), sorted.
        broader: ``(iri, label)`` of broader concepts.
        narrower: ``(iri, label)`` of narrower concepts.
        holds: ``(iri, label)`` of the modalities a curated dataset holds
            (``mkg:holdsModality``), sorted.
        values: every other property: local name → values as text.
    """

    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    alt_labels: list[str] = field(default_factory=list)
    exact_matches: list[str] = field(default_factory=list)
    broader: list[tuple[str, str]] = field(default_factory=list)
    narrower: list[tuple[str, str]] = field(default_factory=list)
    holds: list[tuple[str, str]] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        """Whether the graph says anything about the resource."""
        return bool(self.types or self.values or self.alt_labels or self.label != slug_of(self.iri))


def describe(select: Select, iri: str) -> Description:
    """Label, types, alternative labels, identifiers, broader/narrower and literal properties."""
    rows = select(_DESCRIPTION, _this(iri))
    by_prop: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_prop[row["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]].append(row)
    label = next(
        (str(r["o"]) for key in ("label", "prefLabel", "title") for r in by_prop.get(key, [])),
        slug_of(iri),
    )
    narrower = select(_NARROWER, _this(iri)) if by_prop.get("type") else []
    values = {
        key: [_text(r["o"]) for r in group]
        for key, group in by_prop.items()
        if key not in ("type", "label", "altLabel", "exactMatch", "broader", "holdsModality")
    }
    return Description(
        iri=iri,
        label=label,
        types=sorted({str(r["o"]) for r in by_prop.get("type", [])}),
        alt_labels=sorted(
            {str(r["o"]) for r in by_prop.get("altLabel", [])} - {label}, key=str.lower
        ),
        exact_matches=sorted({str(r["o"]) for r in by_prop.get("exactMatch", [])}),
        broader=sorted(
            (str(r["o"]), str(r.get("label") or slug_of(str(r["o"]))))
            for r in by_prop.get("broader", [])
        ),
        narrower=[(str(r["o"]), str(r.get("label") or slug_of(str(r["o"])))) for r in narrower],
        holds=sorted(
            {
                (str(r["o"]), str(r.get("label") or slug_of(str(r["o"]))))
                for r in by_prop.get("holdsModality", [])
            }
        ),
        values=values,
    )


def _text(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


# --- counts of linked entities --------------------------------------------------------------


def _either(subject: str, links: Sequence[str], obj: str) -> str:
    # a UNION of plain patterns: Oxigraph joins each through its index, where a VALUES block
    # on the predicate made it scan every link of the store (5x slower at 50,000 papers)
    return " UNION ".join(f"{{ {subject} mkg:{link} {obj} }}" for link in links)


def co_entities(
    select: Select,
    iri: str,
    *,
    via: Sequence[str],
    links: Sequence[str],
    index: BrowseIndex | None = None,
) -> list[Row]:
    """Entities linked by ``links`` from the papers linked to ``iri`` by ``via``, most papers first.

    Args:
        select: runs the query.
        iri: the entity whose papers are looked at.
        via: local names of the paper → ``iri`` links (e.g. ``addressesTask``).
        links: local names of the paper → other entity links (e.g. ``usesDataset``).
        index: the store's browse index, if it has one.

    Returns:
        Up to 15 rows ``entity``, ``label``, ``n`` (papers).
    """
    if index is not None:
        return [
            {"entity": c.entity, "n": c.n, "label": c.label or slug_of(c.entity)}
            for c in index.co_entities(iri, via=via, links=links)
        ]
    sparql = f"""
SELECT ?entity ?n (SAMPLE(?l) AS ?label) WHERE {{
  {{ SELECT ?entity (COUNT(DISTINCT ?paper) AS ?n) WHERE {{
      {_either("?paper", via, URIRef(iri).n3())}
      {_either("?paper", links, "?entity")}
    }} GROUP BY ?entity ORDER BY DESC(?n) LIMIT 15 }}
  OPTIONAL {{ ?entity rdfs:label ?l }}
}} GROUP BY ?entity ?n ORDER BY DESC(?n) ?label
"""
    # the IRI goes into the text (a medkg IRI, N3-escaped): a binding would join outside
    # the subquery, after it had counted for every entity
    rows = select(sparql, [])
    return [{**r, "n": _count(r), "label": r.get("label") or slug_of(r["entity"])} for r in rows]


def papers_over_time(
    select: Select, iri: str, *, via: Sequence[str], index: BrowseIndex | None = None
) -> list[Row]:
    """Papers linked to ``iri`` per month (``YYYY-MM``), for papers whose date has a year.

    Dates without a year (``xsd:gMonthDay`` "--01-12") cannot be placed and are left out.
    """
    if index is not None:
        return [{"month": m, "n": n} for m, n in index.papers_over_time(iri, via=via)]
    sparql = f"""
SELECT ?month (COUNT(DISTINCT ?paper) AS ?n) WHERE {{
  {_either("?paper", via, "?this")}
  ?paper dcterms:issued ?date .
  FILTER(DATATYPE(?date) = xsd:date || DATATYPE(?date) = xsd:dateTime
         || DATATYPE(?date) = xsd:gYearMonth)
  BIND(SUBSTR(STR(?date), 1, 7) AS ?month)
}} GROUP BY ?month ORDER BY ?month
"""
    rows = select(sparql, _this(iri))
    return [{"month": r["month"], "n": _count(r)} for r in rows]


_PAPERS = """
SELECT ?paper ?link (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) WHERE {
  ?paper ?link ?this ; dcterms:title ?t .
  OPTIONAL { ?paper dcterms:issued ?d }
} GROUP BY ?paper ?link ORDER BY ?link DESC(STR(?date)) LIMIT 101
"""
_PAPER_COUNT = """
SELECT ?link (COUNT(DISTINCT ?paper) AS ?n) WHERE { ?paper ?link ?this } GROUP BY ?link
"""


def papers(
    select: Select, iri: str, *, links: Sequence[str], index: BrowseIndex | None = None
) -> tuple[list[Row], dict[str, int]]:
    """Papers linked to ``iri`` (newest first per link, at most 100) and the count per link.

    Returns:
        ``(rows, counts)``: rows ``paper``, ``link`` (local name), ``title``, ``date`` and
        the best supporting mention's ``sentence``, ``text``, ``extractor``,
        ``confidence``; counts by link local name.
    """
    if index is not None:
        listed, counted = index.papers(iri, links=links)
        rows: list[Row] = [  # an undated paper has no date, as a SPARQL row has none
            {"paper": p.paper, "link": _MKG_NS + p.link, "title": p.title}
            | ({} if p.date is None else {"date": p.date})
            for p in listed
        ]
        counts: list[Row] = [{"link": link, "n": float(n)} for link, n in counted.items()]
    else:
        values = f"VALUES ?link {{ {' '.join(f'mkg:{v}' for v in links)} }}"
        rows = select(_PAPERS.replace("WHERE {", "WHERE {\n  " + values, 1), _this(iri))[:100]
        counts = select(_PAPER_COUNT.replace("WHERE {", "WHERE { " + values, 1), _this(iri))
    if rows:  # why the graph says each paper is linked: its best mention
        papers_values = "VALUES ?paper { " + " ".join(f"<{r['paper']}>" for r in rows) + " }"
        best: dict[tuple[str, str], Row] = {}
        for m in select(
            _LINK_EVIDENCE.replace("WHERE {", "WHERE {\n  " + papers_values, 1), _this(iri)
        ):
            key = (m["paper"], m["link"])
            if key not in best or (m.get("confidence") or 0) > (best[key].get("confidence") or 0):
                best[key] = m
        for row in rows:
            found = best.get((row["paper"], row["link"]), {})
            row.update({k: found.get(k) for k in ("sentence", "text", "extractor", "confidence")})
    for row in rows:
        row["link"] = row["link"].rsplit("#", 1)[-1]
    return rows, {r["link"].rsplit("#", 1)[-1]: _count(r) for r in counts}


_LINK_EVIDENCE = """
SELECT ?paper ?link ?sentence ?text ?extractor ?confidence WHERE {
  ?m mkg:entity ?this ; mkg:paper ?paper ; mkg:supports ?link .
  OPTIONAL { ?m mkg:sentence ?sentence } OPTIONAL { ?m mkg:matchedText ?text }
  OPTIONAL { ?m mkg:extractor ?extractor } OPTIONAL { ?m mkg:confidence ?confidence }
}
"""


# --- results, leaderboards and their evidence ------------------------------------------------

_EVIDENCE = """
SELECT ?result ?date ?sentence ?text ?extractor ?confidence WHERE {
  ?paper mkg:reportsResult ?result .
  OPTIONAL { ?paper dcterms:issued ?date }
  OPTIONAL { ?m mkg:entity ?result ; mkg:supports mkg:reportsResult .
             OPTIONAL { ?m mkg:sentence ?sentence } OPTIONAL { ?m mkg:matchedText ?text }
             OPTIONAL { ?m mkg:extractor ?extractor } OPTIONAL { ?m mkg:confidence ?confidence } }
}
"""


def result_evidence(select: Select, results: Sequence[str]) -> dict[str, Row]:
    """The paper date and the supporting mention of each result (the most confident one).

    Returns:
        result IRI → ``date``, ``sentence``, ``text``, ``extractor``, ``confidence`` (any may
        be None).
    """
    found: dict[str, Row] = {}
    for start in range(0, len(results), 200):  # VALUES blocks of a bounded size
        chunk = results[start : start + 200]
        values = "VALUES ?result { " + " ".join(f"<{r}>" for r in chunk) + " }"
        for row in select(_EVIDENCE.replace("WHERE {", "WHERE {\n  " + values, 1), []):
            old = found.get(row["result"])
            if old is None or (row.get("confidence") or 0) > (old.get("confidence") or 0):
                found[row["result"]] = row
    return found


@dataclass
class Leaderboard:
    """One leaderboard: the results for a (dataset, metric) pair, best first.

    Attributes:
        dataset: dataset IRI.
        dataset_label: its label.
        metric: metric IRI.
        metric_label: its label.
        lower_is_better: whether the metric ranks ascending.
        rows: ``rank``, ``model``, ``modelLabel``, ``value``, ``valueText``, ``score``,
            ``paper``, ``title``, ``result``, ``date`` and the evidence of
            :func:`result_evidence`.
    """

    dataset: str
    dataset_label: str
    metric: str
    metric_label: str
    lower_is_better: bool
    rows: list[Row]

    @property
    def anchor(self) -> str:
        """HTML id of this leaderboard on its dataset's page."""
        return f"lb-{slug_of(self.metric)}"


def leaderboards(
    select: Select,
    leaderboard_sparql: str,
    *,
    dataset: str | None = None,
    metric: str | None = None,
    task: str | None = None,
    evidence: bool = True,
    limit: int | None = None,
    index: BrowseIndex | None = None,
) -> list[Leaderboard]:
    """Leaderboards (one per dataset and metric), ranked by ``queries/leaderboard.rq``.

    Args:
        select: runs the query.
        leaderboard_sparql: the text of the saved query ``leaderboard``.
        dataset: only this dataset's leaderboards.
        metric: only this metric's leaderboards.
        task: only results of papers that address this task.
        evidence: also fetch each row's date and evidence sentence.
        limit: at most this many leaderboards (None: all).
        index: the store's browse index, if it has one: it keeps the rows of the saved query
            (when its text is ``leaderboard_sparql``).

    Returns:
        Leaderboards, the one with most rows first. Equal scores share a rank.
    """
    stored = (
        index.leaderboard(leaderboard_sparql, dataset=dataset, metric=metric, task=task)
        if index is not None
        else None
    )
    if stored is not None:
        found = plain_rows(stored)
    else:
        bindings: list[tuple[str, Node]] = []
        for name, value in (("dataset", dataset), ("metric", metric), ("task", task)):
            if value:
                bindings.append((name, URIRef(value)))
        sparql = leaderboard_sparql
        if task:  # the saved query reads ?paper mkg:reportsResult ?result: narrow ?paper
            sparql = sparql.replace("WHERE {", "WHERE {\n  ?paper mkg:addressesTask ?task .", 1)
        found = select(sparql, bindings)
    boards: dict[tuple[str, str], Leaderboard] = {}
    for row in found:
        key = (row["dataset"], row["metric"])
        board = boards.get(key)
        if board is None:
            board = boards[key] = Leaderboard(
                dataset=row["dataset"],
                dataset_label=str(row.get("datasetLabel") or slug_of(row["dataset"])),
                metric=row["metric"],
                metric_label=str(row.get("metricLabel") or slug_of(row["metric"])),
                lower_is_better=bool(row.get("lowerIsBetter")),
                rows=[],
            )
        board.rows.append(row)
    ranked = sorted(
        boards.values(),
        key=lambda b: (-len(b.rows), b.dataset_label.lower(), b.metric_label.lower()),
    )[:limit]
    if evidence:  # of the leaderboards kept only
        extra = result_evidence(select, [r["result"] for b in ranked for r in b.rows])
        for board in ranked:
            for row in board.rows:
                row.update({k: v for k, v in extra.get(row["result"], {}).items() if k != "result"})
    for board in ranked:
        _rank(board.rows)
    return ranked


def _rank(rows: list[Row]) -> None:
    # rows arrive best first (the saved query's ORDER BY); ties share the better rank
    previous: Any = object()
    for position, row in enumerate(rows, start=1):
        if row.get("score") != previous:
            rank = position
        row["rank"] = rank
        previous = row.get("score")


def best_over_time(board: Leaderboard) -> list[Row]:
    """The best score so far at each date a result improved it (dated results only).

    >>> b = Leaderboard("d", "D", "m", "M", False, [
    ...     {"score": 80.0, "date": "2024-01-02"}, {"score": 90.0, "date": "2024-03-01"},
    ...     {"score": 75.0, "date": "2024-02-01"}, {"score": 99.0, "date": None}])
    >>> [(r["date"], r["score"]) for r in best_over_time(b)]
    [('2024-01-02', 80.0), ('2024-03-01', 90.0)]
    """
    dated = sorted(
        (r for r in board.rows if _dated(r.get("date")) and isinstance(r.get("score"), float)),
        key=lambda r: str(r["date"]),
    )
    best: list[Row] = []
    for row in dated:
        score = row["score"]
        if not best or (
            score < best[-1]["score"] if board.lower_is_better else score > best[-1]["score"]
        ):
            best.append(
                {
                    "date": str(row["date"])[:10],
                    "score": score,
                    "model": row.get("modelLabel"),
                    "result": row.get("result"),
                }
            )
    return best


def _dated(value: Any) -> bool:
    return isinstance(value, str) and bool(re.match(r"^\d{4}-\d{2}", value))


_RESULTS = """
SELECT ?result ?paper ?title ?date ?dataset ?datasetLabel ?metric ?metricLabel ?model ?modelLabel
       ?value ?valueText ?improvement WHERE {
  ?paper mkg:reportsResult ?result ; dcterms:title ?title .
  OPTIONAL { ?paper dcterms:issued ?date }
  OPTIONAL { ?result mkg:value ?value }
  OPTIONAL { ?result mkg:valueText ?valueText }
  OPTIONAL { ?result mkg:isImprovement ?improvement }
  OPTIONAL { ?result mkg:dataset ?dataset OPTIONAL { ?dataset rdfs:label ?datasetLabel } }
  OPTIONAL { ?result mkg:metric ?metric OPTIONAL { ?metric rdfs:label ?metricLabel } }
  OPTIONAL { ?result mkg:model ?model OPTIONAL { ?model rdfs:label ?modelLabel } }
} ORDER BY ?metricLabel ?datasetLabel ?result LIMIT 500
"""


def results(select: Select, *, paper: str | None = None, model: str | None = None) -> list[Row]:
    """The results reported by a paper, or reported for a model, with their evidence.

    Rows: ``result``, ``paper``, ``title``, ``date``, ``dataset``/``datasetLabel``,
    ``metric``/``metricLabel``, ``model``/``modelLabel``, ``value``, ``valueText``,
    ``improvement`` and the evidence of :func:`result_evidence`.
    """
    sparql = _RESULTS
    bindings: list[tuple[str, Node]] = []
    if paper:
        bindings.append(("paper", URIRef(paper)))
    if model:
        sparql = sparql.replace("WHERE {", "WHERE {\n  ?result mkg:model ?model .", 1)
        bindings.append(("model", URIRef(model)))
    rows = select(sparql, bindings)
    extra = result_evidence(select, [r["result"] for r in rows])
    for row in rows:
        row.update(
            {
                k: v
                for k, v in extra.get(row["result"], {}).items()
                if k not in row or row[k] is None
            }
        )
    return rows


# --- a paper's entities and evidence ---------------------------------------------------------

_PAPER_ENTITIES = """
SELECT ?link ?entity (SAMPLE(?l) AS ?label) (MAX(?c) AS ?confidence) WHERE {
  ?this ?link ?entity .
  OPTIONAL { ?entity rdfs:label ?l }
  OPTIONAL { ?m mkg:paper ?this ; mkg:entity ?entity ; mkg:supports ?link ; mkg:confidence ?c }
} GROUP BY ?link ?entity ORDER BY ?link ?label
"""
_MENTIONS = """
SELECT ?entity ?entityLabel ?link ?text ?sentence ?extractor ?confidence ?asserted WHERE {
  ?m mkg:paper ?this ; mkg:entity ?entity ; mkg:supports ?link .
  FILTER(?link != mkg:reportsResult)
  OPTIONAL { ?entity rdfs:label ?entityLabel }
  OPTIONAL { ?m mkg:matchedText ?text } OPTIONAL { ?m mkg:sentence ?sentence }
  OPTIONAL { ?m mkg:extractor ?extractor } OPTIONAL { ?m mkg:confidence ?confidence }
  OPTIONAL { ?m mkg:asserted ?asserted }
} ORDER BY ?link ?entityLabel DESC(?confidence) LIMIT 300
"""


def paper_entities(select: Select, paper: str) -> dict[str, list[Row]]:
    """A paper's entities grouped by class (``Dataset``…), each row with its ``role``.

    Returns:
        class local name → rows ``entity``, ``label``, ``role`` (``introduces``/``uses``…),
        ``confidence`` (the best supporting mention's).
    """
    values = (
        "VALUES ?link { "
        + " ".join(f"mkg:{link}" for links in LINKS.values() for link in links)
        + " }"
    )
    rows = select(_PAPER_ENTITIES.replace("WHERE {", "WHERE {\n  " + values, 1), _this(paper))
    grouped: dict[str, list[Row]] = {kind: [] for kind in LINKS}
    for row in rows:
        link = row["link"].rsplit("#", 1)[-1]
        kind = next(k for k, links in LINKS.items() if link in links)
        role = re.sub(r"(Dataset|Model|Task|Modality|Metric)$", "", link)
        role = {"has": "has", "addresses": "addresses"}.get(role, role)
        grouped[kind].append(
            {**row, "role": role, "link": link, "label": row.get("label") or slug_of(row["entity"])}
        )
    return {kind: rows for kind, rows in grouped.items() if rows}


def mentions(select: Select, paper: str) -> list[Row]:
    """The mentions behind a paper's links (not its results), with their sentences."""
    rows = select(_MENTIONS, _this(paper))
    for row in rows:
        row["link"] = row["link"].rsplit("#", 1)[-1]
    return rows


#: a paper's identifier properties → (name shown, identifier scheme), in the order shown
IDENTIFIERS = {
    str(MKG.doi): ("DOI", "doi"),
    str(MKG.pmid): ("PMID", "pmid"),
    str(MKG.pmcid): ("PMCID", "pmcid"),
    str(MKG.arxivId): ("arXiv", "arxiv"),
    str(MKG.arxivVersionId): ("arXiv version", "arxiv-version"),
}


def identifier_rows(outgoing: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A paper's identifiers (issue 19), each with the resolver URL it links to.

    >>> identifier_rows(
    ...     [{"p": {"value": str(MKG.doi)}, "o": {"type": "literal", "value": "10.1/x"}}]
    ... )
    [{'name': 'DOI', 'value': '10.1/x', 'href': 'https://doi.org/10.1/x'}]
    """
    order = list(IDENTIFIERS)
    rows = [r for r in outgoing if r["p"]["value"] in IDENTIFIERS and r["o"]["type"] == "literal"]
    rows.sort(key=lambda r: (order.index(r["p"]["value"]), r["o"]["value"]))
    found = []
    for row in rows:
        name, scheme = IDENTIFIERS[row["p"]["value"]]
        value = row["o"]["value"]
        found.append({"name": name, "value": value, "href": resolver_url(f"{scheme}:{value}")})
    return found


def paper_identifiers(about: Description) -> list[dict[str, str]]:
    """The identifiers of a described paper (:class:`Description`), as :func:`identifier_rows`."""
    by_local = {iri.rsplit("#", 1)[-1]: iri for iri in IDENTIFIERS}
    outgoing = [
        {"p": {"value": by_local[name]}, "o": {"type": "literal", "value": value}}
        for name, values in about.values.items()
        if name in by_local
        for value in values
    ]
    return identifier_rows(outgoing)


# --- search, counts, landing page --------------------------------------------------------

_SEARCH = """
SELECT ?entity ?type ?label ?form ?best WHERE {
  { SELECT ?entity (SAMPLE(?f) AS ?form) (MIN(?rank) AS ?best) WHERE {
      ?entity rdfs:label|skos:altLabel ?f .
      FILTER(CONTAINS(LCASE(STR(?f)), ?first))
      BIND(REPLACE(LCASE(STR(?f)), "[^a-z0-9]", "") AS ?key)
      FILTER(CONTAINS(?key, ?q))
      BIND(IF(?key = ?q, 0, IF(STRSTARTS(?key, ?q), 1, 2)) AS ?rank)
    } GROUP BY ?entity ORDER BY ?best LIMIT 400 }
  VALUES ?type { mkg:Dataset mkg:Model mkg:Modality mkg:Task mkg:Metric }
  ?entity a ?type .
  OPTIONAL { ?entity rdfs:label ?label }
}
"""
_ALL_LINKS = tuple(link for links in LINKS.values() for link in links)
_PAPER_COUNTS = f"""
SELECT ?entity (COUNT(DISTINCT ?paper) AS ?n) WHERE {{
  {_either("?paper", _ALL_LINKS, "?entity")}
}} GROUP BY ?entity
"""


def search(
    select: Select, text: str, *, limit: int = 10, index: BrowseIndex | None = None
) -> list[Row]:
    """Entities whose label or any altLabel contains ``text`` (ignoring case, spaces, hyphens).

    Exact matches come first, then prefixes, then the rest; within each, the most linked
    entities first (then the shorter label). With an index, names are compared by their
    :func:`search_key` in the store's search index (``kg-search.sqlite``).

    Returns:
        Rows ``entity``, ``type`` (class local name), ``label``, ``form`` (a matched surface
        form), ``best`` (0 exact, 1 prefix, 2 inside), ``papers``.
    """
    key = search_key(text)
    if not key:
        return []
    hits = index.search(key, limit=limit) if index is not None else None
    if hits is not None:
        return [
            {
                "entity": h.entity,
                "type": h.type.rsplit("#", 1)[-1],
                "label": h.label,
                "form": h.form,
                "best": h.best,
                "papers": h.papers,
            }
            for h in hits
        ]
    # a cheap CONTAINS on a run of the text's own letters first, then the normalised
    # comparison on the few forms that pass (REPLACE on every label costs 10x more)
    first = max(re.findall(r"[a-z0-9]+", text.lower()), key=len)
    # both are [a-z0-9]+ and go in as literals: bindings would join outside the subquery
    sparql = re.sub(r"\?q\b", Literal(key).n3(), _SEARCH.replace("?first", Literal(first).n3()))
    found = select(sparql, [])
    rows = list(
        {
            r["entity"]: {**r, "label": r.get("label") or slug_of(r["entity"])} for r in found
        }.values()
    )
    if not rows:
        return []
    rows.sort(key=lambda r: r["best"])
    rows = rows[: max(limit * 5, 50)]  # candidates enough to rank by papers
    for row in rows:
        row["best"] = int(row["best"])
    values = "VALUES ?entity { " + " ".join(f"<{r['entity']}>" for r in rows) + " }"
    counts = {
        r["entity"]: _count(r)
        for r in select(_PAPER_COUNTS.replace("WHERE {", "WHERE {\n  " + values, 1), [])
    }
    for row in rows:
        row["type"] = row["type"].rsplit("#", 1)[-1]
        row["papers"] = counts.get(row["entity"], 0)
    rows.sort(key=lambda r: (r["best"], -r["papers"], len(r["label"]), r["label"].lower()))
    return rows[:limit]


def closest(
    select: Select, kind: str, slug: str, *, limit: int = 5, index: BrowseIndex | None = None
) -> list[Row]:
    """Resources of type ``kind`` whose names are closest to an unknown ``slug`` (for a 404).

    Candidates share a piece of the slug (its first four letters or a search hit); they are
    ranked by string similarity of their slug and labels to the asked one.
    """
    key = search_key(slug)
    candidates = (
        {r["entity"]: r for r in search(select, key[:4], limit=200, index=index)}
        if len(key) >= 2
        else {}
    )
    if not candidates and key:
        candidates = {r["entity"]: r for r in search(select, key[:2], limit=200, index=index)}
    if kind in BY_NAME:
        candidates = {iri: r for iri, r in candidates.items() if kind_of(iri) == kind} or candidates

    def similarity(row: Row) -> float:
        forms = {
            slug_of(row["entity"]),
            search_key(row["label"]),
            search_key(str(row.get("form") or "")),
        }
        return max(difflib.SequenceMatcher(None, key, f).ratio() for f in forms)

    ranked = sorted(candidates.values(), key=lambda r: (-similarity(r), -r["papers"]))
    return [r for r in ranked if similarity(r) >= 0.4][:limit]


_COUNTS = """
SELECT ?type (COUNT(?s) AS ?n) WHERE {
  VALUES ?type { mkg:Paper mkg:Dataset mkg:Model mkg:Modality mkg:Task mkg:Metric mkg:Result }
  ?s a ?type .
} GROUP BY ?type
"""


def headline_counts(select: Select, *, index: BrowseIndex | None = None) -> dict[str, int]:
    """How many papers, datasets, models, modalities, tasks, metrics and results the graph has."""
    if index is not None:
        counts = index.class_counts()
    else:
        counts = {r["type"].rsplit("#", 1)[-1]: _count(r) for r in select(_COUNTS, [])}
    return {
        name: counts.get(name, 0)
        for name in ("Paper", "Dataset", "Model", "Task", "Modality", "Metric", "Result")
    }


_TOP_TASKS = """
SELECT ?entity ?n (SAMPLE(?l) AS ?label) WHERE {
  { SELECT ?entity (COUNT(?paper) AS ?n) WHERE { ?paper mkg:addressesTask ?entity }
    GROUP BY ?entity ORDER BY DESC(?n) LIMIT 12 }
  OPTIONAL { ?entity rdfs:label ?l }
} GROUP BY ?entity ?n ORDER BY DESC(?n) ?label
"""


def top_tasks(select: Select, *, index: BrowseIndex | None = None) -> list[Row]:
    """The tasks with most papers (at most 12)."""
    if index is not None:
        return [
            {"entity": c.entity, "n": c.n, "label": c.label or slug_of(c.entity)}
            for c in index.top_entities("addressesTask", limit=12)
        ]
    return [
        {**r, "n": _count(r), "label": r.get("label") or slug_of(r["entity"])}
        for r in select(_TOP_TASKS, [])
    ]


__all__ = [
    "LINKS",
    "Description",
    "Leaderboard",
    "Row",
    "Select",
    "best_over_time",
    "closest",
    "co_entities",
    "describe",
    "headline_counts",
    "kind_of",
    "leaderboards",
    "mentions",
    "paper_entities",
    "papers",
    "papers_over_time",
    "plain_rows",
    "result_evidence",
    "results",
    "search",
    "search_key",
    "slug_of",
    "top_tasks",
]
