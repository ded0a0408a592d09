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

from kg.ids import BASE


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


RES = Namespace(BASE)
SCHEMA = Namespace("https://schema.org/")
MLS = Namespace("http://www.w3.org/ns/mls#")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")

#: Prefixes bound in every dump and offered to query writers.
PREFIXES: dict[str, str] = {
    "mkg": str(MKG._NS),
    "res": BASE,
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

#: Link property for each (entity type, role). "introduces" is what the paper itself creates.
LINK_PREDICATES: dict[tuple[str, str], URIRef] = {
    ("dataset", "introduces"): MKG.introducesDataset,
    ("dataset", "uses"): MKG.usesDataset,
    ("model", "introduces"): MKG.proposesModel,
    ("model", "uses"): MKG.usesModel,
    ("modality", "uses"): MKG.hasModality,
    ("task", "uses"): MKG.addressesTask,
    ("metric", "uses"): MKG.usesMetric,
}

#: Class of each entity type.
ENTITY_CLASSES: dict[str, URIRef] = {
    "dataset": MKG.Dataset,
    "model": MKG.Model,
    "modality": MKG.Modality,
    "task": MKG.Task,
    "metric": MKG.Metric,
}


def sparql_prefix_header() -> str:
    """Return ``PREFIX`` lines for :data:`PREFIXES`, to prepend to user queries.

    >>> "PREFIX mkg: <https://w3id.org/medkg/ontology#>" in sparql_prefix_header()
    True
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
