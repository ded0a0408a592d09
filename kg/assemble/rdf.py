"""Papers and statements → N-Quads lines under the medkg ontology.

Every quad of a paper goes to that paper's named graph, so rebuilding a paper replaces exactly
its graph; entity descriptions go to the entities graph (see ``kg.store``). Quads are written
as N-Quads text (``kg.assemble.nquads``), which the store bulk-loads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import PurePath

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.assemble.entities import EntityDescription
from kg.assemble.nquads import XSD_DECIMAL, XSD_INTEGER, boolean, iri, lit, quad, term_of, typed
from kg.corpus import identifiers as ids
from kg.corpus.models import Paper, PaperDate
from kg.entity_types import ENTITY_CLASSES, LINK_PREDICATES, OPEN_ENDED
from kg.ids import (
    ENTITIES_GRAPH,
    entity_iri,
    external_iri,
    mention_iri,
    paper_graph,
    paper_iri,
    result_iri,
)
from kg.statements import LINK_THRESHOLD, EntityLink, Evidence, PaperExtraction, ResultStatement
from kg.vocab import EXTRACTED_SCHEME, MKG, SCHEMA

#: One N-Quads line.
Quad = str

DEFAULT_LINK_THRESHOLD = LINK_THRESHOLD


# ontology terms, serialised once
_T = {
    name: term_of(getattr(MKG, name))
    for name in (
        "Paper",
        "Mention",
        "Result",
        "authorCount",
        "upvotes",
        "codeRepository",
        "sourceFile",
        "paper",
        "entity",
        "supports",
        "section",
        "startOffset",
        "endOffset",
        "matchedText",
        "sentence",
        "extractor",
        "confidence",
        "asserted",
        "reportsResult",
        "metric",
        "value",
        "valueText",
        "isImprovement",
        "model",
        "dataset",
    )
}
_A = term_of(RDF.type)
_TITLE, _ABSTRACT, _ISSUED = (
    term_of(DCTERMS.title),
    term_of(DCTERMS.abstract),
    term_of(DCTERMS.issued),
)
_CREATOR, _IDENTIFIER, _URL = (
    term_of(DCTERMS.creator),
    term_of(DCTERMS.identifier),
    term_of(SCHEMA.url),
)
_LABEL, _PREF, _ALT, _IN_SCHEME = (
    term_of(RDFS.label),
    term_of(SKOS.prefLabel),
    term_of(SKOS.altLabel),
    term_of(SKOS.inScheme),
)
_CONCEPT = term_of(SKOS.Concept)
_EXACT = term_of(SKOS.exactMatch)
_HOLDS = term_of(MKG.holdsModality)
_ENTITIES = term_of(ENTITIES_GRAPH)
_LINKS = {k: term_of(v) for k, v in LINK_PREDICATES.items()}
_CLASSES = {k: term_of(v) for k, v in ENTITY_CLASSES.items()}
# identifier scheme → literal property (issue 19); each also gets a resolvable schema:sameAs
_ID_PROPERTIES = {
    "doi": term_of(MKG.doi),
    "pmid": term_of(MKG.pmid),
    "pmcid": term_of(MKG.pmcid),
    "arxiv": term_of(MKG.arxivId),
    "arxiv-version": term_of(MKG.arxivVersionId),
}
_SAME_AS, _JOURNAL_REF = term_of(SCHEMA.sameAs), term_of(MKG.journalRef)


def date_literal(date: PaperDate) -> str:
    """The XSD literal for a date: a date without a year stays an ``xsd:gMonthDay``.

    >>> date_literal(PaperDate(None, 1, 12))
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
    return typed(date.isoformat(), str(XSD[kind]))


def _confidence(value: float) -> str:
    clipped = min(max(value, 0.0), 1.0)
    return typed(f"{clipped:.3f}", XSD_DECIMAL)


def _integer(value: int) -> str:
    return typed(str(value), XSD_INTEGER)


def _decimal_lexical(value: Decimal) -> str:
    """Canonical-enough xsd:decimal lexical form (no exponent: "1E+2" is not a decimal)."""
    text = format(value, "f")
    return text if "." in text or text.lstrip("-").isdigit() else "0"


def paper_quads(paper: Paper) -> Iterator[Quad]:
    """The paper's own description (title, abstract, date, counts, code links)."""
    p = iri(paper_iri(paper.key))
    g = iri(paper_graph(paper.key))
    yield quad(p, _A, _T["Paper"], g)
    yield quad(p, _TITLE, lit(paper.title), g)
    yield quad(p, _ABSTRACT, lit(paper.abstract), g)
    if paper.date is not None:
        yield quad(p, _ISSUED, date_literal(paper.date), g)
    if paper.author_count is not None:
        yield quad(p, _T["authorCount"], _integer(paper.author_count), g)
    if paper.upvotes is not None:
        yield quad(p, _T["upvotes"], _integer(paper.upvotes), g)
    for name in paper.authors:
        yield quad(p, _CREATOR, lit(name), g)
    if paper.source_id:
        yield quad(p, _IDENTIFIER, lit(paper.source_id), g)
    for identifier in paper.identifiers:
        yield quad(p, _ID_PROPERTIES[ids.scheme_of(identifier)], lit(ids.value_of(identifier)), g)
        if (resolver := external_iri(ids.resolver_url(identifier))) is not None:
            yield quad(p, _SAME_AS, iri(resolver), g)
    if paper.journal_ref:
        yield quad(p, _JOURNAL_REF, lit(paper.journal_ref), g)
    if paper.url and (url := external_iri(paper.url)) is not None:
        yield quad(p, _URL, iri(url), g)
    for code in paper.code_urls:
        if (repo := external_iri(code)) is not None:
            yield quad(p, _T["codeRepository"], iri(repo), g)
    for name in sorted({PurePath(s.path).name for s in paper.sources}):
        yield quad(p, _T["sourceFile"], lit(name), g)


def _mention_quads(
    paper_key: str,
    target: URIRef,
    predicate: URIRef,
    evidence: Evidence,
    *,
    asserted: bool,
) -> Iterator[Quad]:
    g = iri(paper_graph(paper_key))
    m = iri(
        mention_iri(
            paper_key,
            target,
            predicate,
            evidence.section,
            evidence.start,
            evidence.end,
            evidence.extractor,
        )
    )
    yield quad(m, _A, _T["Mention"], g)
    yield quad(m, _T["paper"], iri(paper_iri(paper_key)), g)
    yield quad(m, _T["entity"], iri(target), g)
    yield quad(m, _T["supports"], iri(predicate), g)
    yield quad(m, _T["section"], lit(evidence.section), g)
    yield quad(m, _T["startOffset"], _integer(evidence.start), g)
    yield quad(m, _T["endOffset"], _integer(evidence.end), g)
    yield quad(m, _T["matchedText"], lit(evidence.text), g)
    if evidence.sentence:
        yield quad(m, _T["sentence"], lit(evidence.sentence), g)
    yield quad(m, _T["extractor"], lit(evidence.extractor), g)
    yield quad(m, _T["confidence"], _confidence(evidence.confidence), g)
    yield quad(m, _T["asserted"], boolean(asserted), g)


def link_quads(link: EntityLink, *, threshold: float = DEFAULT_LINK_THRESHOLD) -> Iterator[Quad]:
    """The paper → entity link (if confident enough) and one mention per piece of evidence."""
    role = link.role if link.entity_type in OPEN_ENDED else "uses"
    predicate = LINK_PREDICATES[(link.entity_type, role)]
    target = entity_iri(link.entity_type, link.key)
    asserted = link.confidence >= threshold
    if asserted:
        yield quad(
            iri(paper_iri(link.paper_key)),
            _LINKS[(link.entity_type, role)],
            iri(target),
            iri(paper_graph(link.paper_key)),
        )
    for evidence in link.evidence:
        yield from _mention_quads(link.paper_key, target, predicate, evidence, asserted=asserted)


def result_quads(result: ResultStatement) -> Iterator[Quad]:
    """A reported result, its ties to metric/model/dataset, and its evidence."""
    g = iri(paper_graph(result.paper_key))
    ev = result.evidence
    r_iri = result_iri(result.paper_key, result.metric_key, result.value_text, ev.start)
    r = iri(r_iri)
    yield quad(iri(paper_iri(result.paper_key)), _T["reportsResult"], r, g)
    yield quad(r, _A, _T["Result"], g)
    yield quad(r, _T["metric"], iri(entity_iri("metric", result.metric_key)), g)
    if result.value is not None:
        yield quad(r, _T["value"], typed(_decimal_lexical(result.value), XSD_DECIMAL), g)
    yield quad(r, _T["valueText"], lit(result.value_text), g)
    yield quad(r, _T["isImprovement"], boolean(result.is_improvement), g)
    if result.model_key:
        yield quad(r, _T["model"], iri(entity_iri("model", result.model_key)), g)
    if result.dataset_key:
        yield quad(r, _T["dataset"], iri(entity_iri("dataset", result.dataset_key)), g)
    yield from _mention_quads(result.paper_key, r_iri, MKG.reportsResult, ev, asserted=True)


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

    Everything here has the entity as subject, so replacing or removing an entity's
    description (``KnowledgeStore.remove_subjects`` on the entities graph) replaces or removes
    its ``mkg:holdsModality`` too.

    Args:
        descriptions: one per entity.
        vocabulary_keys: entity type → keys of concepts in ``ontology/schemes`` (skipped:
            the ontology graph already describes them).
    """
    g = _ENTITIES
    for d in descriptions:
        if d.key in vocabulary_keys.get(d.entity_type, frozenset()):
            continue
        e = iri(entity_iri(d.entity_type, d.key))
        concept = d.entity_type not in OPEN_ENDED
        yield quad(e, _A, _CLASSES[d.entity_type], g)
        yield quad(e, _LABEL, lit(d.label), g)
        if concept:
            yield quad(e, _A, _CONCEPT, g)
            yield quad(e, _PREF, lit(d.label, "en"), g)
            yield quad(e, _IN_SCHEME, term_of(EXTRACTED_SCHEME), g)
        for alt in d.alt_labels:
            yield quad(e, _ALT, lit(alt, "en" if concept else None), g)
        for match in d.exact_matches:
            yield quad(e, _EXACT, iri(match), g)
        for modality in d.modalities:
            yield quad(e, _HOLDS, iri(modality), g)


def curated_fact_pairs(exact: Iterable[str], modalities: Iterable[str]) -> set[tuple[str, str]]:
    """``(property IRI, object IRI)`` of an entity's curated facts as :func:`description_quads`
    writes them: ``skos:exactMatch`` each of ``exact``, ``mkg:holdsModality`` each of
    ``modalities`` (both from :func:`kg.assemble.entities.curated_facts`)."""
    return {(str(SKOS.exactMatch), e) for e in exact} | {
        (str(MKG.holdsModality), m) for m in modalities
    }


def curated_fact_quads(entity: str, pairs: Iterable[tuple[str, str]]) -> Iterator[Quad]:
    """Quads of the entities graph for the ``(property, object)`` IRI pairs of ``entity``.

    >>> next(curated_fact_quads("https://w3id.org/medkg/resource/dataset/x",
    ...      curated_fact_pairs((), ["https://w3id.org/medkg/resource/modality/mri"])))[-57:]
    '/modality/mri> <https://w3id.org/medkg/graph/entities> .\\n'
    """
    for prop, obj in sorted(pairs):
        yield quad(iri(entity), iri(prop), iri(obj), _ENTITIES)
