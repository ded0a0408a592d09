"""Ontology terms as rdflib namespaces, and the prefix map used by every serializer.

Only this module spells out ontology IRIs; the rest of the code says ``MKG.usesDataset``.
``_fail = True`` turns a typo (``MKG.useDataset``) into an AttributeError instead of a silently
wrong triple. ``tests/unit/test_ontology.py`` checks these terms against ``ontology/medkg.ttl``.

>>> str(MKG.usesDataset)
'https://w3id.org/medkg/ontology#usesDataset'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace


class MKG(DefinedNamespace):
    """The medkg ontology (``ontology/medkg.ttl``)."""

    _NS = Namespace("https://w3id.org/medkg/ontology#")
    _fail = True

    # classes
    Paper: URIRef
    Dataset: URIRef
    Model: URIRef
    Modality: URIRef
    Task: URIRef
    Metric: URIRef
    Result: URIRef
    Mention: URIRef

    # paper metadata
    authorCount: URIRef
    upvotes: URIRef
    codeRepository: URIRef
    sourceFile: URIRef
    doi: URIRef
    pmid: URIRef
    pmcid: URIRef
    arxivId: URIRef
    arxivVersionId: URIRef
    journalRef: URIRef

    # paper -> entity links (DESIGN.md: every extracted link uses exactly these)
    introducesDataset: URIRef
    usesDataset: URIRef
    proposesModel: URIRef
    usesModel: URIRef
    hasModality: URIRef
    addressesTask: URIRef
    usesMetric: URIRef
    reportsResult: URIRef

    # curated knowledge of a dataset (ontology/known_entities.tsv), not a paper's link
    holdsModality: URIRef

    # results
    model: URIRef
    dataset: URIRef
    metric: URIRef
    value: URIRef
    valueText: URIRef
    isImprovement: URIRef

    # provenance of a link
    paper: URIRef
    entity: URIRef
    supports: URIRef
    section: URIRef
    startOffset: URIRef
    endOffset: URIRef
    matchedText: URIRef
    sentence: URIRef
    extractor: URIRef
    confidence: URIRef
    asserted: URIRef


#: Papers, entities, mentions and results (``kg.ids`` mints the IRIs under it). This module
#: imports nothing from ``kg``, so that ``kg.entity_types`` and ``kg.ids`` can import it.
RES = Namespace("https://w3id.org/medkg/resource/")
#: Named graphs: one per paper, the entity descriptions, the ontology (``kg.ids`` mints them).
GRAPH = Namespace("https://w3id.org/medkg/graph/")
#: SKOS concept schemes of ``ontology/schemes`` (``kg.entity_types`` names one per concept type).
SCHEME = Namespace("https://w3id.org/medkg/scheme/")
SCHEMA = Namespace("https://schema.org/")
MLS = Namespace("http://www.w3.org/ns/mls#")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
VOID = Namespace("http://rdfs.org/ns/void#")
DQV = Namespace("http://www.w3.org/ns/dqv#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VANN = Namespace("http://purl.org/vocab/vann/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

#: Scheme that holds task/metric/modality concepts found in text but absent from the curated
#: vocabularies of ``ontology/schemes``.
EXTRACTED_SCHEME = SCHEME.extracted
#: The release (``kg dump``) as a VoID/DCAT dataset.
RELEASE_DATASET = URIRef("https://w3id.org/medkg/dataset")
#: Release statistics in ``void.ttl``. They describe a release (a ``void:Dataset``), not the
#: graph, so the ontology (whose properties all have an mkg: class as domain) leaves them out.
QUAD_COUNT = MKG._NS["quadCount"]
PAPER_COUNT = MKG._NS["paperCount"]
DEV_SET_PAPERS = MKG._NS["devSetPapers"]
#: The license a release falls back to when the ontology states none.
DEFAULT_LICENSE = URIRef("https://spdx.org/licenses/MIT")
#: Where the bundled corpus's listings come from.
DAILY_PAPERS = URIRef("https://huggingface.co/papers")
#: Terms of the statistics graph (not part of the ontology: they describe the graph, not
#: papers; ``kg.store.statistics`` writes them).
MKGSTAT = Namespace("https://w3id.org/medkg/statistics#")
#: Resolvers of paper identifiers (``kg.corpus.identifiers`` makes an IRI of each identifier).
DOI_RESOLVER = Namespace("https://doi.org/")
ARXIV_ABS = Namespace("https://arxiv.org/abs/")
PUBMED = Namespace("https://pubmed.ncbi.nlm.nih.gov/")
PMC_ARTICLES = Namespace("https://pmc.ncbi.nlm.nih.gov/articles/")
#: Media types, as IRIs (DCAT's ``mediaType``).
MEDIA_TYPES = Namespace("https://www.iana.org/assignments/media-types/")

#: Prefixes bound in every dump and offered to query writers.
PREFIXES: dict[str, str] = {
    "mkg": str(MKG._NS),
    "res": str(RES),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "mls": str(MLS),
    "wd": str(WD),
}


def sparql_prefix_header() -> str:
    """Return ``PREFIX`` lines for :data:`PREFIXES`, to prepend to user queries.

    >>> "PREFIX mkg: <https://w3id.org/medkg/ontology#>" in sparql_prefix_header()
    True
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
