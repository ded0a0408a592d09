"""Statistics of the graph, computed by every build and stored as triples (issue 18).

Aggregates over a whole field's graph (papers per task including narrower tasks, mentions per
extractor, instances per class) cost seconds to minutes when a query computes them from the
links. The build computes them once, after loading, and stores the answers in their own named
graph, ``https://w3id.org/medkg/graph/statistics``, which the saved queries read:

- per entity: ``mkgstat:papers`` (distinct papers linked to it by any paper → entity link),
  for models ``mkgstat:proposedBy`` and ``mkgstat:usedBy``, and for modalities and tasks
  ``mkgstat:papersWithNarrower`` (papers linked to it or to a narrower concept, ``skos:broader*``);
- per extractor and link property: a ``mkgstat:ExtractorCount`` with the mentions, the sum of
  their confidences (``xsd:decimal``, so sums are exact) and how many were asserted;
- a VoID description of the graph: one ``void:classPartition`` per medkg class with its
  ``void:entities``;
- the listings of :mod:`kg.store.listings`: each entity's and paper's rank and page in its
  listing, papers per (modality, task) pair and per period.

Each figure is the answer of the plain aggregate, so the answers stay exact; the whole graph
is recomputed by every build, fresh or incremental (``tests/integration/test_statistics.py``
compares every rewritten saved query with its plain form, also after an incremental build).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.ids import GRAPH_DATASET, STATISTICS_GRAPH
from kg.store import KnowledgeStore, Quad, build_session, to_nquads
from kg.store.listings import listing_lines
from kg.vocab import MKG, MKGSTAT, RES, VOID

_LINKS = (
    "mkg:introducesDataset mkg:usesDataset mkg:proposesModel mkg:usesModel "
    "mkg:hasModality mkg:addressesTask mkg:usesMetric"
)
_CLASSES = ("Paper", "Dataset", "Model", "Modality", "Task", "Metric", "Result", "Mention")

_ENTITY_PAPERS = f"""
SELECT ?e (COUNT(DISTINCT ?p) AS ?n) WHERE {{ VALUES ?link {{ {_LINKS} }} ?p ?link ?e }} GROUP BY ?e
"""
_ONE_LINK_PAPERS = "SELECT ?e (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p {link} ?e }} GROUP BY ?e"
_WITH_NARROWER = """
SELECT ?e (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p {link}/skos:broader* ?e }} GROUP BY ?e
"""
_EXTRACTORS = """
SELECT ?extractor ?link (COUNT(?m) AS ?n) (SUM(?c) AS ?sum)
       (SUM(IF(COALESCE(?a, true), 1, 0)) AS ?asserted)
WHERE {
  ?m a mkg:Mention ; mkg:supports ?link ; mkg:extractor ?extractor ; mkg:confidence ?c .
  OPTIONAL { ?m mkg:asserted ?a }
}
GROUP BY ?extractor ?link
"""
_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?class {{ {classes} }} ?s a ?class }}
GROUP BY ?class
"""


#: (extractor, link property IRI) → [mentions, sum of confidences, asserted mentions]
ExtractorTotals = dict[tuple[str, str], list]  # type: ignore[type-arg]

_MKG = str(MKG._NS)
_TYPE_MENTION = f"<{RDF.type}> <{MKG.Mention}>"
_MENTION_SUBJECT = f"<{RES}mention/"
_MENTION_FIELDS = {
    f"<{_MKG}{name}>": name for name in ("extractor", "supports", "confidence", "asserted")
}


def _literal_text(term: str) -> str:
    body = term[1 : term.rindex('"')]
    if "\\" in body:
        body = body.encode("latin-1", "backslashreplace").decode("unicode_escape")
    return body


def mention_totals(lines: Iterable[str]) -> ExtractorTotals:
    """Per (extractor, link) totals of the mentions in N-Quads ``lines`` (one paper's graph).

    What the extractor aggregate of :func:`statistics_quads` finds in a store holding just
    these lines: the build counts each paper's mentions while it writes them, so that it never
    has to join the mentions of the whole store (a minute at 200,000 papers).

    >>> m = _MENTION_SUBJECT + "x>"
    >>> t = mention_totals([
    ...     f"{m} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{_MKG}Mention> <g> .\\n",
    ...     f'{m} <{_MKG}extractor> "vocab:alt" <g> .\\n',
    ...     f"{m} <{_MKG}supports> <{_MKG}usesMetric> <g> .\\n",
    ...     f'{m} <{_MKG}confidence> "0.850"^^<http://www.w3.org/2001/XMLSchema#decimal> <g> .\\n'])
    >>> t[("vocab:alt", _MKG + "usesMetric")]
    [1, Decimal('0.850'), 1]
    """
    fields: dict[str, dict[str, str]] = {}
    for line in lines:
        if not line.startswith(_MENTION_SUBJECT):
            continue
        subject, _, rest = line.partition(" ")
        if rest.startswith(_TYPE_MENTION):
            fields.setdefault(subject, {})["type"] = ""
            continue
        predicate, _, rest = rest.partition(" ")
        name = _MENTION_FIELDS.get(predicate)
        if name is not None:
            fields.setdefault(subject, {})[name] = rest[: rest.rindex(" <")]
    totals: ExtractorTotals = {}
    for f in fields.values():
        if "type" not in f or "extractor" not in f or "supports" not in f or "confidence" not in f:
            continue
        key = (_literal_text(f["extractor"]), f["supports"][1:-1])
        row = totals.setdefault(key, [0, Decimal(0), 0])
        row[0] += 1
        row[1] += Decimal(_literal_text(f["confidence"]))
        row[2] += 0 if f.get("asserted", '"true"').startswith('"false"') else 1
    return totals


def add_totals(total: ExtractorTotals, other: ExtractorTotals, sign: int = 1) -> None:
    """Add (``sign=-1``: subtract) ``other`` into ``total``."""
    for key, (n, conf, asserted) in other.items():
        row = total.setdefault(key, [0, Decimal(0), 0])
        row[0] += sign * n
        row[1] += sign * conf
        row[2] += sign * asserted


def graph_totals(store: KnowledgeStore, graphs: Sequence[str] | None = None) -> ExtractorTotals:
    """The extractor totals of the named ``graphs`` of the store (None: the whole store)."""
    totals: ExtractorTotals = {}
    batches = (
        [None] if graphs is None else [graphs[i : i + 500] for i in range(0, len(graphs), 500)]
    )
    for batch in batches:
        if batch is None:
            sparql = _EXTRACTORS
        elif not batch:
            continue
        else:
            values = " ".join(f"<{g}>" for g in batch)
            sparql = _EXTRACTORS.replace(
                "WHERE {", f"WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{", 1
            )
            sparql = sparql.replace("\nGROUP BY", "}\nGROUP BY", 1)
        for row in store.query(sparql).rows():
            add_totals(
                totals,
                {
                    (row["extractor"] or "", row["link"] or ""): [
                        int(row["n"] or 0),
                        Decimal(row["sum"] or 0),
                        int(row["asserted"] or 0),
                    ]
                },
            )
    return totals


def stored_totals(store: KnowledgeStore) -> ExtractorTotals | None:
    """The extractor totals the statistics graph holds (None: the store has no statistics)."""
    if not store.count_quads(str(STATISTICS_GRAPH)):
        return None
    rows = store.query(f"""
        SELECT ?extractor ?link ?n ?sum ?asserted WHERE {{ GRAPH <{STATISTICS_GRAPH}> {{
          ?row a <{MKGSTAT.ExtractorCount}> ; <{MKGSTAT.extractor}> ?extractor ;
               <{MKGSTAT.link}> ?link ; <{MKGSTAT.mentions}> ?n ;
               <{MKGSTAT.confidenceSum}> ?sum ; <{MKGSTAT.asserted}> ?asserted }} }}
    """).rows()
    return {
        (r["extractor"] or "", r["link"] or ""): [
            int(r["n"] or 0),
            Decimal(r["sum"] or 0),
            int(r["asserted"] or 0),
        ]
        for r in rows
    }


def _integer(value: str | None) -> Literal:
    return Literal(str(int(value or 0)), datatype=XSD.integer)


def _counts(store: KnowledgeStore, sparql: str, prop: URIRef) -> Iterator[Quad]:
    g = STATISTICS_GRAPH
    for row in store.query(sparql).rows():
        if row["e"] and row["e"].startswith(("http://", "https://")):
            yield (URIRef(row["e"]), prop, _integer(row["n"]), g)


def statistics_quads(
    store: KnowledgeStore, extractors: ExtractorTotals | None = None
) -> Iterator[Quad]:
    """Compute every statistic of the store's graph (without the statistics graph itself).

    Args:
        extractors: the extractor totals, when the build kept them up to date (None: count
            them in the store).
    """
    g = STATISTICS_GRAPH
    if extractors is None:
        extractors = graph_totals(store)
    yield from _counts(store, _ENTITY_PAPERS, MKGSTAT.papers)
    yield from _counts(store, _ONE_LINK_PAPERS.format(link="mkg:proposesModel"), MKGSTAT.proposedBy)
    yield from _counts(store, _ONE_LINK_PAPERS.format(link="mkg:usesModel"), MKGSTAT.usedBy)
    for link in ("mkg:hasModality", "mkg:addressesTask"):
        yield from _counts(store, _WITH_NARROWER.format(link=link), MKGSTAT.papersWithNarrower)
    for number, ((extractor, link), (n, conf, asserted)) in enumerate(sorted(extractors.items())):
        if n <= 0:
            continue
        node = BNode(f"extractor{number}")
        yield (node, RDF.type, MKGSTAT.ExtractorCount, g)
        yield (node, MKGSTAT.extractor, Literal(extractor), g)
        yield (node, MKGSTAT.link, URIRef(link), g)
        yield (node, MKGSTAT.mentions, _integer(str(n)), g)
        yield (node, MKGSTAT.confidenceSum, Literal(str(conf), datatype=XSD.decimal), g)
        yield (node, MKGSTAT.asserted, _integer(str(asserted)), g)
    yield (GRAPH_DATASET, RDF.type, VOID.Dataset, g)
    classes = " ".join(f"mkg:{name}" for name in _CLASSES)
    for row in store.query(_CLASS_COUNTS.format(classes=classes)).rows():
        part = BNode(f"class-{(row['class'] or '').rsplit('#', 1)[-1]}")
        yield (GRAPH_DATASET, VOID.classPartition, part, g)
        yield (part, VOID["class"], URIRef(row["class"] or ""), g)
        yield (part, VOID.entities, _integer(row["n"]), g)


#: Blocks the bulk loader reads at a time (its memory grows with its input).
_CHUNK_BYTES = 24 << 20


def node_blocks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    """N-Quads lines in blocks of about ``size`` characters, cut only where the subject
    changes: each block is parsed on its own, and a blank node's lines must stay together.

    >>> [len(b) for b in node_blocks(["_:a p 1 .\\n", "_:a q 2 .\\n", "_:b p 3 .\\n"], 1)]
    [2, 1]
    """
    block: list[str] = []
    chars = 0
    subject = None
    for line in lines:
        head = line.split(" ", 1)[0]
        if chars >= size and head != subject:
            yield block
            block, chars = [], 0
        block.append(line)
        chars += len(line)
        subject = head
    if block:
        yield block


def refresh_statistics(
    store: KnowledgeStore,
    extractor_delta: ExtractorTotals | None = None,
    *,
    was_empty: bool = False,
) -> int:
    """Replace the statistics graph of ``store`` (a build copy) by fresh figures.

    Args:
        extractor_delta: how the build changed the extractor totals (mentions written minus
            mentions of the paper graphs it replaced), added to the stored totals; None, or a
            store without statistics, counts them all in the store.
        was_empty: the build started from an empty store (the delta is then the totals).

    Returns:
        The change in the store's quad count (quads added minus quads removed).
    """
    graph = str(STATISTICS_GRAPH)
    before = store.count_quads(graph)
    extractors: ExtractorTotals | None = None
    if extractor_delta is not None:
        extractors = {} if was_empty else stored_totals(store)
    if extractors is not None and extractor_delta is not None:
        add_totals(extractors, extractor_delta)
    store.clear_graphs([graph])
    papers: dict[str, int] = {}

    def counted(quads: Iterable[Quad]) -> Iterator[Quad]:
        for quad in quads:
            if quad[1] == MKGSTAT.papers:
                papers[str(quad[0])] = int(str(quad[2]))
            yield quad

    # issue 18: the listings give every paper and entity a few lines; held in one list, joined
    # and loaded in one transaction they took the 50,000-paper build's peak past 1 GB. They
    # are loaded in blocks by the bulk loader (the store is a build's copy).
    written = 0

    def lines() -> Iterator[str]:
        nonlocal written
        for line in to_nquads(counted(statistics_quads(store, extractors))):
            written += 1
            yield line
        for line in listing_lines(store, papers):  # read the papers counted above
            written += 1
            yield line

    for block in node_blocks(lines(), _CHUNK_BYTES):
        store.load_nquads(block, bulk=True, generated=True)
    return written - before


def reindex_store(path: Path) -> int:
    """Recompute the statistics graph, the search index and the browse index of a store.

    What every build does at its end, for a store built before these existed: it runs as a
    build (on a copy swapped in when complete, under the build lock).

    Returns:
        The change in the store's quad count.

    Raises:
        StoreError: if another build holds the store, or it cannot be written.
    """
    from kg.store.browse_index import build_browse_index, saved_leaderboard
    from kg.store.forms import FORMS_INDEX_NAME
    from kg.store.search import build_search_index

    with build_session(path, optimize=False) as store:
        forms = path / FORMS_INDEX_NAME
        if store.path is not None and forms.is_file():  # the build copy holds only Oxigraph's files
            shutil.copyfile(forms, store.path / FORMS_INDEX_NAME)
        delta = refresh_statistics(store)
        build_search_index(store)
        build_browse_index(store, leaderboard=saved_leaderboard())
        quads = store.build_info.get("quads")
        if isinstance(quads, int):
            store.build_info = {**store.build_info, "quads": quads + delta}
    return delta


__all__ = [
    "GRAPH_DATASET",
    "MKGSTAT",
    "STATISTICS_GRAPH",
    "refresh_statistics",
    "reindex_store",
    "statistics_quads",
]
