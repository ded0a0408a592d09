"""The ontology (ontology/medkg.ttl), the SHACL shapes (ontology/shapes.ttl) and kg.vocab agree."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

from kg.entity_types import ENTITY_CLASSES, LINK_PREDICATES
from kg.validate import load_ontology_graph, load_shapes_graph, ontology_dir
from kg.vocab import MKG, MLS, PREFIXES, SCHEMA

ONTOLOGY_IRI = URIRef("https://w3id.org/medkg/ontology")
MKG_NS = str(MKG._NS)
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "medkg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes_graph()


def _vocab_terms() -> set[URIRef]:
    return {MKG[name] for name in MKG.__annotations__}


def _declared_mkg_terms(ontology: Graph) -> set[URIRef]:
    return {
        s
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(MKG_NS)
    }


def _classes(ontology: Graph) -> set[URIRef]:
    return {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(MKG_NS)}


@pytest.mark.parametrize("name", ["medkg.ttl", "shapes.ttl"])
def test_ontology_files_parse(name: str) -> None:
    graph = Graph().parse(ontology_dir() / name, format="turtle")
    assert len(graph) > 100


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for predicate in (
        OWL.versionIRI,
        OWL.versionInfo,
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
    ):
        assert ontology.value(ONTOLOGY_IRI, predicate) is not None, predicate
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionIRI)).startswith(str(ONTOLOGY_IRI))


@pytest.mark.parametrize("term", sorted(_vocab_terms()), ids=lambda t: str(t).rsplit("#", 1)[1])
def test_ontology_declares_every_vocab_term(ontology: Graph, term: URIRef) -> None:
    types = set(ontology.objects(term, RDF.type))
    assert types & TERM_TYPES, f"{term} is not declared as a class or property in medkg.ttl"
    for annotation in (RDFS.label, RDFS.comment):
        value = ontology.value(term, annotation)
        assert isinstance(value, Literal) and value.language == "en" and str(value).strip(), (
            f"{term} needs an English {annotation}"
        )
    assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI


def test_ontology_declares_nothing_beyond_vocab(ontology: Graph) -> None:
    assert _declared_mkg_terms(ontology) == _vocab_terms()


def test_ontology_classes_are_the_design_classes(ontology: Graph) -> None:
    expected = set(ENTITY_CLASSES.values()) | {MKG.Paper, MKG.Result, MKG.Mention}
    assert _classes(ontology) == expected


@pytest.mark.parametrize(
    ("cls", "superclass"),
    [
        (MKG.Paper, SCHEMA.ScholarlyArticle),
        (MKG.Dataset, SCHEMA.Dataset),
        (MKG.Dataset, MLS.Dataset),
        (MKG.Model, MLS.Model),
        (MKG.Task, MLS.Task),
        (MKG.Metric, MLS.EvaluationMeasure),
        (MKG.Result, MLS.ModelEvaluation),
        (MKG.Mention, URIRef("http://www.w3.org/ns/prov#Entity")),
        (MKG.Modality, SKOS.Concept),
        (MKG.Task, SKOS.Concept),
        (MKG.Metric, SKOS.Concept),
    ],
)
def test_ontology_class_alignment(ontology: Graph, cls: URIRef, superclass: URIRef) -> None:
    assert (cls, RDFS.subClassOf, superclass) in ontology


def test_ontology_classes_are_pairwise_disjoint(ontology: Graph) -> None:
    members: set[URIRef] = set()
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members.update(ontology.items(ontology.value(axiom, OWL.members)))
    assert members == _classes(ontology)


@pytest.mark.parametrize(
    "prop",
    sorted(t for t in _vocab_terms() if t.rsplit("#", 1)[1][0].islower()),
    ids=lambda t: str(t).rsplit("#", 1)[1],
)
def test_ontology_property_has_domain_range_and_kind(ontology: Graph, prop: URIRef) -> None:
    domain = ontology.value(prop, RDFS.domain)
    range_ = ontology.value(prop, RDFS.range)
    assert domain in _classes(ontology), f"{prop} needs an mkg: class as rdfs:domain"
    assert range_ is not None, f"{prop} needs an rdfs:range"
    is_datatype = isinstance(range_, URIRef) and str(range_).startswith(str(XSD))
    kind = OWL.DatatypeProperty if is_datatype else OWL.ObjectProperty
    assert (prop, RDF.type, kind) in ontology, f"{prop} should be an {kind}"


def test_ontology_link_predicates_point_to_their_classes(ontology: Graph) -> None:
    for (entity_type, _role), predicate in LINK_PREDICATES.items():
        assert ontology.value(predicate, RDFS.domain) == MKG.Paper
        assert ontology.value(predicate, RDFS.range) == ENTITY_CLASSES[entity_type]
    assert ontology.value(MKG.reportsResult, RDFS.range) == MKG.Result


@pytest.mark.parametrize(
    ("introduces", "uses"),
    [(MKG.introducesDataset, MKG.usesDataset), (MKG.proposesModel, MKG.usesModel)],
)
def test_ontology_introduces_is_not_a_kind_of_uses(
    ontology: Graph, introduces: URIRef, uses: URIRef
) -> None:
    # DESIGN.md: "uses" is for everything the paper names but did not create.
    assert (introduces, RDFS.subPropertyOf, uses) not in ontology
    assert (introduces, OWL.propertyDisjointWith, uses) in ontology


def test_ontology_prefixes_match_vocab() -> None:
    assert PREFIXES["mkg"] == MKG_NS
    assert str(MLS) == "http://www.w3.org/ns/mls#"


def test_load_ontology_graph_includes_schemes(tmp_path: Path) -> None:
    (tmp_path / "schemes").mkdir()
    (tmp_path / "medkg.ttl").write_text((ontology_dir() / "medkg.ttl").read_text())
    (tmp_path / "schemes" / "tiny.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://example.org/scheme> a skos:ConceptScheme .\n"
    )
    graph = load_ontology_graph(directory=tmp_path)
    assert (URIRef("https://example.org/scheme"), RDF.type, SKOS.ConceptScheme) in graph
    assert (MKG.Paper, RDF.type, OWL.Class) in graph
    assert graph.namespace_manager.store.namespace("mkg") == URIRef(MKG_NS)


def test_load_ontology_graph_without_schemes(tmp_path: Path) -> None:
    (tmp_path / "medkg.ttl").write_text((ontology_dir() / "medkg.ttl").read_text())
    assert len(load_ontology_graph(directory=tmp_path)) == len(
        Graph().parse(ontology_dir() / "medkg.ttl")
    )


def test_load_ontology_graph_names_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "schemes").mkdir()
    (tmp_path / "medkg.ttl").write_text((ontology_dir() / "medkg.ttl").read_text())
    (tmp_path / "schemes" / "broken.ttl").write_text("this is not turtle .")
    with pytest.raises(ValueError, match=r"broken\.ttl"):
        load_ontology_graph(directory=tmp_path)


# --- shapes -------------------------------------------------------------------------------


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    conforms, _graph, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


@pytest.mark.parametrize(
    "cls",
    sorted(set(ENTITY_CLASSES.values()) | {MKG.Paper, MKG.Result, MKG.Mention}),
    ids=lambda t: str(t).rsplit("#", 1)[1],
)
def test_shapes_every_class_has_a_node_shape(shapes: Graph, cls: URIRef) -> None:
    node_shapes = [
        s for s in shapes.subjects(SH.targetClass, cls) if (s, RDF.type, SH.NodeShape) in shapes
    ]
    assert node_shapes, f"no sh:NodeShape targets {cls}"
    assert any(shapes.value(s, SH.property) is not None for s in node_shapes)


def test_shapes_every_constraint_has_a_message(shapes: Graph) -> None:
    property_shapes = set(shapes.objects(None, SH.property))
    assert property_shapes
    for shape in property_shapes:
        assert isinstance(shape, URIRef), "property shapes are named, so reports can name them"
        assert shapes.value(shape, SH.message), f"{shape} has no sh:message"
    constraint_free = {
        SH.targetClass,
        SH.targetSubjectsOf,
        SH.property,
        RDF.type,
        RDFS.label,
        SH.message,
    }
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        node_level = set(shapes.predicates(shape, None)) - constraint_free
        if node_level:
            assert shapes.value(shape, SH.message), f"{shape} has no sh:message"


def test_shapes_use_only_vocab_terms(shapes: Graph) -> None:
    used = {
        term
        for triple in shapes
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(MKG_NS)
    }
    assert used <= _vocab_terms(), used - _vocab_terms()


def test_shapes_cover_every_vocab_property(shapes: Graph) -> None:
    paths = set(shapes.objects(None, SH.path))
    properties = {t for t in _vocab_terms() if t.rsplit("#", 1)[1][0].islower()}
    assert properties <= paths, properties - paths
