"""Listings of the statistics graph: ranks, pages, and counts per period and per pair (issue 18).

In Oxigraph every row a query joins costs an index lookup (about 20 microseconds on the union
graph), and sorting by a long label looks each label up again for every comparison: a listing
of 200,000 papers newest first, or of 250,000 models by usage, took seconds to minutes even
when only its first page was shown. The build computes the order once, here, and stores it
beside the other statistics (``kg/store/statistics.py``):

- ``mkgstat:rank`` and ``mkgstat:page`` of each dataset, model, modality, task and metric linked
  to a paper: its position in its class ranked by linked papers (most first), then by label
  (code point order), then IRI; ``page`` is the position's page of :data:`PAGE_SIZE` rows, so
  a query reads one page through an index lookup (``?e mkgstat:page 1``) instead of joining
  every entity;
- the same for papers, newest first: dated papers (``xsd:date``) by date, newest first, then
  papers whose listing gave only a month and day (``xsd:gMonthDay``), then papers with another
  kind of date, then undated ones, each group by title, then IRI;
- ``mkgstat:ModalityTaskCount`` nodes: the papers linked to each (modality, task) pair, with
  their rank (most papers first, then modality label, then task label);
- ``mkgstat:PeriodCount`` nodes: papers per issue month of the graph, and
  ``mkgstat:ModalityPeriodCount`` nodes: papers per modality and year (with the month).

The period semantics are those of the saved queries ``papers_over_time`` and
``papers_per_modality_over_time``, whose plain forms (``tests/data/plain_queries/``) give the
same answers (``tests/integration/test_statistics.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Literal
from rdflib.namespace import RDF, XSD

from kg.ids import STATISTICS_GRAPH
from kg.store import KnowledgeStore
from kg.vocab import MKGSTAT

#: Rows of a listing page (``mkgstat:page``), as the CLI's and the API's default page.
PAGE_SIZE = 100

_RANKED_CLASSES = ("Dataset", "Model", "Modality", "Task", "Metric")
_XSD = str(XSD._NS)
# the listings write N-Quads lines themselves: rdflib terms for a few hundred thousand
# numbers cost more than the queries that produce them
_GRAPH = f"<{STATISTICS_GRAPH}>"
_TYPE = f"<{RDF.type}>"
_RANK, _PAGE, _PAPERS_P = (f"<{MKGSTAT[name]}>" for name in ("rank", "page", "papers"))
_MODALITY, _TASK, _PERIOD, _YEAR, _MONTH = (
    f"<{MKGSTAT[name]}>" for name in ("modality", "task", "period", "year", "month")
)

_ENTITY_LABELS = """
SELECT ?e ?class ?label WHERE {{ VALUES ?class {{ {classes} }} ?e a ?class ; rdfs:label ?label }}
"""
_PAPERS = """
SELECT ?paper ?title ?issued ?kind WHERE {
  ?paper a mkg:Paper .
  OPTIONAL { ?paper dcterms:title ?title }
  OPTIONAL { ?paper dcterms:issued ?issued }
  BIND(DATATYPE(?issued) AS ?kind)
}
"""
_MODALITY_TASK = """
SELECT ?modality ?task (COUNT(DISTINCT ?paper) AS ?n) WHERE {
  ?paper mkg:hasModality ?modality ; mkg:addressesTask ?task .
} GROUP BY ?modality ?task
"""
_MODALITIES = "SELECT ?paper ?modality WHERE { ?paper mkg:hasModality ?modality }"

#: A paper as the listings see it: IRI, title (None: untitled), issued (lexical form or
#: None) and the datatype IRI of issued.
PaperRow = tuple[str, str | None, str | None, str | None]


def ranked_lines(iris: Iterable[str]) -> Iterator[str]:
    """N-Quads of ``mkgstat:rank`` (1 = first) and ``mkgstat:page`` of each IRI, in order.

    >>> [line.split()[2] for line in ranked_lines(["http://x/b"])]
    ['"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>']
    """
    for position, iri in enumerate(iris, start=1):
        yield f"<{iri}> {_RANK} {_integer(position)} {_GRAPH} .\n"
        yield f"<{iri}> {_PAGE} {_integer(page_of(position))} {_GRAPH} .\n"


def page_of(position: int) -> int:
    """The page (from 1) of a 1-based position in a listing.

    >>> [page_of(p) for p in (1, PAGE_SIZE, PAGE_SIZE + 1)]
    [1, 1, 2]
    """
    return (position - 1) // PAGE_SIZE + 1


def entity_order(entities: Iterable[tuple[str, int, str]]) -> list[str]:
    """IRIs of ``(iri, papers, label)`` by papers (most first), then label, then IRI.

    >>> entity_order([("c", 1, "B"), ("b", 2, "Z"), ("a", 1, "B"), ("d", 1, "A")])
    ['b', 'd', 'a', 'c']
    """
    return [iri for iri, _, _ in sorted(entities, key=lambda e: (-e[1], e[2], e[0]))]


def _date_group(issued: str | None, kind: str | None) -> int:
    if issued is None:
        return 3
    return {_XSD + "date": 0, _XSD + "gMonthDay": 1}.get(kind or "", 2)


def paper_order(papers: Iterable[tuple[str, str, str | None, str | None]]) -> list[str]:
    """IRIs of ``(iri, title, issued, datatype of issued)`` in the newest-first listing.

    Dated papers newest first, then month-and-day dates (latest first), then other dates,
    then undated papers; ties by title, then IRI.

    >>> d, md = _XSD + "date", _XSD + "gMonthDay"
    >>> paper_order([("u", "A", None, None), ("m", "B", "--01-12", md),
    ...              ("o", "C", "2023-05-01", d), ("n", "D", "2024-01-01", d),
    ...              ("t", "A", "2024-01-01", d)])
    ['t', 'n', 'o', 'm', 'u']
    """
    ordered = sorted(papers, key=lambda p: (p[1], p[0]))
    ordered.sort(key=lambda p: p[2] or "", reverse=True)  # stable: ties keep title order
    ordered.sort(key=lambda p: _date_group(p[2], p[3]))
    return [p[0] for p in ordered]


def entity_labels(store: KnowledgeStore) -> dict[tuple[str, str], str]:
    """``(class IRI, entity IRI)`` → label (the least, if several) of each ranked entity."""
    classes = " ".join(f"mkg:{name}" for name in _RANKED_CLASSES)
    label_of: dict[tuple[str, str], str] = {}
    for row in store.query(_ENTITY_LABELS.format(classes=classes)).rows():
        key = (row["class"] or "", row["e"] or "")
        label = row["label"] or ""
        if key not in label_of or label < label_of[key]:
            label_of[key] = label
    return label_of


def entity_listing(labels: dict[tuple[str, str], str], papers: dict[str, int]) -> Iterator[str]:
    """Rank and page of every labelled entity of a ranked class that has linked papers.

    Args:
        labels: what :func:`entity_labels` reads.
        papers: entity IRI → papers linked to it (``mkgstat:papers``).
    """
    by_class: dict[str, list[tuple[str, int, str]]] = {}
    for (cls, iri), label in labels.items():
        if papers.get(iri):
            by_class.setdefault(cls, []).append((iri, papers[iri], label))
    for entities in by_class.values():
        yield from ranked_lines(entity_order(entities))


def paper_listing(papers: Iterable[PaperRow]) -> Iterator[str]:
    """Rank and page of every paper with a title in the newest-first listing."""
    titled = [
        (iri, title, issued, kind) for iri, title, issued, kind in papers if title is not None
    ]
    # a paper with several titles or dates is listed once, where its first row puts it
    yield from ranked_lines(dict.fromkeys(paper_order(titled)))


def modality_task_counts(store: KnowledgeStore, labels: dict[str, str]) -> Iterator[str]:
    """N-Quads of a ``mkgstat:ModalityTaskCount`` node per (modality, task) pair papers link.

    Args:
        labels: entity IRI → label, for the rank's tie-break.
    """
    pairs = [
        (row["modality"] or "", row["task"] or "", int(row["n"] or 0))
        for row in store.query(_MODALITY_TASK).rows()
    ]
    pairs.sort(key=lambda p: (-p[2], labels.get(p[0], ""), labels.get(p[1], ""), p[0], p[1]))
    kind = f"<{MKGSTAT.ModalityTaskCount}>"
    for position, (modality, task, n) in enumerate(pairs, start=1):
        node = f"_:modalitytask{position}"
        yield f"{node} {_TYPE} {kind} {_GRAPH} .\n"
        yield f"{node} {_MODALITY} <{modality}> {_GRAPH} .\n"
        yield f"{node} {_TASK} <{task}> {_GRAPH} .\n"
        yield f"{node} {_PAPERS_P} {_integer(n)} {_GRAPH} .\n"
        yield f"{node} {_RANK} {_integer(position)} {_GRAPH} .\n"


def month_period(issued: str | None, kind: str | None) -> tuple[str, int | None]:
    """A paper's ``(period, year)`` in ``papers_over_time``: month, else what is known.

    >>> month_period("2024-08-02", _XSD + "date"), month_period("--01-12", _XSD + "gMonthDay")
    (('2024-08', 2024), ('????-01', None))
    >>> month_period("2024", _XSD + "gYear"), month_period(None, None)
    (('other', None), ('undated', None))
    """
    if issued is None:
        return ("undated", None)
    if kind == _XSD + "date":
        return (issued[:7], _year(issued))
    if kind == _XSD + "gMonthDay":
        return ("????-" + issued[2:4], None)
    return ("other", None)


def year_period(issued: str | None, kind: str | None) -> tuple[str, int | None, str | None]:
    """A paper's ``(period, year, month)`` in ``papers_per_modality_over_time``.

    >>> year_period("2024-08-02", _XSD + "date"), year_period("--01-12", _XSD + "gMonthDay")
    (('2024', 2024, '08'), ('year unknown', None, '01'))
    >>> year_period("2024", _XSD + "gYear"), year_period(None, None)
    (('year unknown', None, None), ('undated', None, None))
    """
    if issued is None:
        return ("undated", None, None)
    if kind == _XSD + "date":
        return (str(_year(issued)), _year(issued), issued[5:7])
    if kind == _XSD + "gMonthDay":
        return ("year unknown", None, issued[2:4])
    return ("year unknown", None, None)


def _year(date: str) -> int:
    # YEAR() of an xsd:date: the digits before the month (a sign for years before 1)
    return int(date[: date.index("-", 1)])


def period_counts(
    papers: Iterable[PaperRow], modalities: Iterable[tuple[str, str]]
) -> Iterator[str]:
    """N-Quads of ``mkgstat:PeriodCount`` and ``mkgstat:ModalityPeriodCount`` nodes.

    Args:
        papers: every paper (several rows for a paper with several dates).
        modalities: ``(paper, modality)`` links.
    """
    by_month: dict[tuple[str, int | None], set[str]] = {}
    dates: dict[str, list[tuple[str | None, str | None]]] = {}
    for iri, _, issued, kind in papers:
        by_month.setdefault(month_period(issued, kind), set()).add(iri)
        dates.setdefault(iri, []).append((issued, kind))
    by_year: dict[tuple[str, tuple[str, int | None, str | None]], set[str]] = {}
    for paper, modality in modalities:
        for issued, kind in set(dates.get(paper, ())):
            by_year.setdefault((modality, year_period(issued, kind)), set()).add(paper)
    kind_iri = f"<{MKGSTAT.PeriodCount}>"
    for number, ((period, year), members) in enumerate(sorted(by_month.items(), key=str)):
        node = f"_:period{number}"
        yield f"{node} {_TYPE} {kind_iri} {_GRAPH} .\n"
        yield f"{node} {_PERIOD} {_string(period)} {_GRAPH} .\n"
        if year is not None:
            yield f"{node} {_YEAR} {_integer(year)} {_GRAPH} .\n"
        yield f"{node} {_PAPERS_P} {_integer(len(members))} {_GRAPH} .\n"
    kind_iri = f"<{MKGSTAT.ModalityPeriodCount}>"
    for number, ((modality, (period, year, month)), members) in enumerate(by_year.items()):
        node = f"_:modalityperiod{number}"
        yield f"{node} {_TYPE} {kind_iri} {_GRAPH} .\n"
        yield f"{node} {_MODALITY} <{modality}> {_GRAPH} .\n"
        yield f"{node} {_PERIOD} {_string(period)} {_GRAPH} .\n"
        if year is not None:
            yield f"{node} {_YEAR} {_integer(year)} {_GRAPH} .\n"
        if month is not None:
            yield f"{node} {_MONTH} {_string(month)} {_GRAPH} .\n"
        yield f"{node} {_PAPERS_P} {_integer(len(members))} {_GRAPH} .\n"


def listing_lines(store: KnowledgeStore, papers: dict[str, int]) -> Iterator[str]:
    """N-Quads of every listing statistic of the store (see the module docstring).

    Args:
        papers: entity IRI → papers linked to it (``mkgstat:papers``).
    """
    labels = entity_labels(store)
    yield from entity_listing(labels, papers)
    paper_rows: list[PaperRow] = [
        (row["paper"] or "", row["title"], row["issued"], row["kind"])
        for row in store.query(_PAPERS).rows()
    ]
    yield from paper_listing(paper_rows)
    yield from modality_task_counts(store, {iri: label for (_, iri), label in labels.items()})
    modalities = [(r["paper"] or "", r["modality"] or "") for r in store.query(_MODALITIES).rows()]
    yield from period_counts(paper_rows, modalities)


def _integer(value: int) -> str:
    return f'"{value}"^^<{_XSD}integer>'


def _string(value: str) -> str:
    return str(Literal(value).n3())


__all__ = [
    "PAGE_SIZE",
    "PaperRow",
    "entity_labels",
    "entity_listing",
    "entity_order",
    "listing_lines",
    "modality_task_counts",
    "month_period",
    "page_of",
    "paper_listing",
    "paper_order",
    "period_counts",
    "ranked_lines",
    "year_period",
]
