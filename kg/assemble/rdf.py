"""Papers and statements → quads under the medkg ontology.

Every quad of a paper goes to that paper's named graph, so rebuilding a paper replaces exactly
its graph; entity descriptions go to the entities graph (see ``kg.store``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import PurePath

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.assemble.entities import EntityDescription
from kg.corpus.models import Paper, PaperDate
from kg.ids import (
    ENTITIES_GRAPH,
    entity_iri,
    external_iri,
    mention_iri,
    paper_graph,
    paper_iri,
    result_iri,
)
from kg.statements import EntityLink, Evidence, PaperExtraction, ResultStatement
from kg.vocab import ENTITY_CLASSES, LINK_PREDICATES, MKG, SCHEMA

Quad = tuple[Node, Node, Node, Node | None]

#: Links whose confidence is below this are kept as mentions (``mkg:asserted false``) but not
#: asserted as paper → entity triples. Calibrated on the dev set (see README, "Confidence").
DEFAULT_LINK_THRESHOLD = 0.5

#: Scheme that holds task/metric/modality concepts found in text but absent from the curated
#: vocabularies of ``ontology/schemes``.
EXTRACTED_SCHEME = URIRef("https://w3id.org/medkg/scheme/extracted")

_DATE_TYPES = {
    "date": XSD.date,
    "gYearMonth": XSD.gYearMonth,
    "gYear": XSD.gYear,
    "gMonthDay": XSD.gMonthDay,
}


def date_literal(date: PaperDate) -> Literal:
    """The XSD literal for a date: a date without a year stays an ``xsd:gMonthDay``.

    >>> date_literal(PaperDate(None, 1, 12)).n3()
    '"--01-12"^^<http://www.w3.org/2001/XMLSchema#gMonthDay>'
    """
    if date.year is None:
        kind = "gMonthDay"
    elif date.month is None:
        kind = "gYear"
    elif date.day is None:
        kind = "gYearMonth"
    else:
        kind = "date"
    return Literal(date.isoformat(), datatype=_DATE_TYPES[kind])


def _confidence(value: float) -> Literal:
    clipped = min(max(value, 0.0), 1.0)
    return Literal(Decimal(f"{clipped:.3f}"), datatype=XSD.decimal)


def paper_quads(paper: Paper) -> Iterator[Quad]:
    """The paper's own description (title, abstract, date, counts, code links)."""
    p = paper_iri(paper.key)
    g = paper_graph(paper.key)
    yield p, RDF.type, MKG.Paper, g
    yield p, DCTERMS.title, Literal(paper.title), g
    yield p, DCTERMS.abstract, Literal(paper.abstract), g
    if paper.date is not None:
        yield p, DCTERMS.issued, date_literal(paper.date), g
    if paper.author_count is not None:
        yield p, MKG.authorCount, Literal(paper.author_count, datatype=XSD.integer), g
    if paper.upvotes is not None:
        yield p, MKG.upvotes, Literal(paper.upvotes, datatype=XSD.integer), g
    for name in paper.authors:
        yield p, DCTERMS.creator, Literal(name), g
    if paper.source_id:
        yield p, DCTERMS.identifier, Literal(paper.source_id), g
    if paper.url and (url := external_iri(paper.url)) is not None:
        yield p, SCHEMA.url, url, g
    for code in paper.code_urls:
        if (repo := external_iri(code)) is not None:
            yield p, MKG.codeRepository, repo, g
    for name in sorted({PurePath(s.path).name for s in paper.sources}):
        yield p, MKG.sourceFile, Literal(name), g


def _mention_quads(
    paper_key: str,
    target: URIRef,
    predicate: URIRef,
    evidence: Evidence,
    *,
    asserted: bool,
) -> Iterator[Quad]:
    g = paper_graph(paper_key)
    m = mention_iri(paper_key, str(target), str(predicate), evidence.start, evidence.end, evidence.extractor)
    yield m, RDF.type, MKG.Mention, g
    yield m, MKG.paper, paper_iri(paper_key), g
    yield m, MKG.entity, target, g
    yield m, MKG.supports, predicate, g
    yield m, MKG.section, Literal(evidence.section), g
    yield m, MKG.startOffset, Literal(evidence.start, datatype=XSD.integer), g
    yield m, MKG.endOffset, Literal(evidence.end, datatype=XSD.integer), g
    yield m, MKG.matchedText, Literal(evidence.text), g
    if evidence.sentence:
        yield m, MKG.sentence, Literal(evidence.sentence), g
    yield m, MKG.extractor, Literal(evidence.extractor), g
    yield m, MKG.confidence, _confidence(evidence.confidence), g
    yield m, MKG.asserted, Literal(asserted), g


def link_quads(link: EntityLink, *, threshold: float = DEFAULT_LINK_THRESHOLD) -> Iterator[Quad]:
    """The paper → entity link (if confident enough) and one mention per piece of evidence."""
    predicate = LINK_PREDICATES[(link.entity_type, link.role if link.entity_type in {"dataset", "model"} else "uses")]
    target = entity_iri(link.entity_type, link.key)
    asserted = link.confidence >= threshold
    if asserted:
        yield paper_iri(link.paper_key), predicate, target, paper_graph(link.paper_key)
    for evidence in link.evidence:
        yield from _mention_quads(link.paper_key, target, predicate, evidence, asserted=asserted)


def result_quads(result: ResultStatement) -> Iterator[Quad]:
    """A reported result, its ties to metric/model/dataset, and its evidence."""
    g = paper_graph(result.paper_key)
    ev = result.evidence
    r = result_iri(result.paper_key, result.metric_key, result.value_text, ev.start)
    yield paper_iri(result.paper_key), MKG.reportsResult, r, g
    yield r, RDF.type, MKG.Result, g
    yield r, MKG.metric, entity_iri("metric", result.metric_key), g
    if result.value is not None:
        yield r, MKG.value, Literal(result.value, datatype=XSD.decimal), g
    yield r, MKG.valueText, Literal(result.value_text), g
    yield r, MKG.isImprovement, Literal(result.is_improvement), g
    if result.model_key:
        yield r, MKG.model, entity_iri("model", result.model_key), g
    if result.dataset_key:
        yield r, MKG.dataset, entity_iri("dataset", result.dataset_key), g
    yield from _mention_quads(result.paper_key, r, MKG.reportsResult, ev, asserted=True)


def extraction_quads(
    paper: Paper,
    extraction: PaperExtraction,
    *,
    threshold: float = DEFAULT_LINK_THRESHOLD,
) -> Iterator[Quad]:
    """All quads of one paper's graph."""
    yield from paper_quads(paper)
    for link in extraction.links:
        yield from link_quads(link, threshold=threshold)
    for result in extraction.results:
        yield from result_quads(result)


def description_quads(
    descriptions: Iterable[EntityDescription],
    *,
    vocabulary_keys: Mapping[str, frozenset[str]],
) -> Iterator[Quad]:
    """Quads of the entities graph for entities not described by the vocabularies.

    Args:
        descriptions: one per entity.
        vocabulary_keys: entity type → keys of concepts in ``ontology/schemes`` (skipped:
            the ontology graph already describes them).
    """
    g = ENTITIES_GRAPH
    for d in descriptions:
        if d.key in vocabulary_keys.get(d.entity_type, frozenset()):
            continue
        e = entity_iri(d.entity_type, d.key)
        yield e, RDF.type, ENTITY_CLASSES[d.entity_type], g
        yield e, RDFS.label, Literal(d.label), g
        if d.entity_type not in {"dataset", "model"}:
            yield e, RDF.type, SKOS.Concept, g
            yield e, SKOS.prefLabel, Literal(d.label, lang="en"), g
            yield e, SKOS.inScheme, EXTRACTED_SCHEME, g
        for alt in d.alt_labels:
            yield e, SKOS.altLabel, Literal(alt, lang="en") if d.entity_type not in {"dataset", "model"} else Literal(alt), g
