"""Statements become the triples DESIGN.md fixes: links, mentions, results, dates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, RDF, XSD

from kg.assemble.entities import EntityDescription, describe
from kg.assemble.rdf import description_quads, extraction_quads
from kg.corpus.models import Paper, PaperDate, SourceRef
from kg.ids import ENTITIES_GRAPH, entity_iri, paper_graph, paper_iri
from kg.statements import EntityLink, Evidence, PaperExtraction, ResultStatement
from kg.vocab import MKG

ABSTRACT = "We introduce MedX, evaluated on MIMIC-CXR with an AUC of 0.91."
PAPER = Paper(
    key="k1",
    title='MedX: a "model" <for> X-rays',
    abstract=ABSTRACT,
    date=PaperDate(None, 1, 12),
    author_count=5,
    upvotes=7,
    code_urls=("https://github.com/a/b",),
    sources=(SourceRef("/some/dir/listing.txt", line=3),),
)


def _ev(text: str, conf: float = 0.9, extractor: str = "rule") -> Evidence:
    start = ABSTRACT.index(text)
    return Evidence("abstract", start, start + len(text), text, ABSTRACT, extractor, conf)


def _dataset(lines) -> Dataset:  # type: ignore[no-untyped-def]
    ds = Dataset(default_union=True)
    ds.parse(data="".join(lines), format="nquads")
    return ds


EXTRACTION = PaperExtraction(
    "k1",
    links=(
        EntityLink("k1", "model", "medx", "MedX", (), "introduces", 0.9, (_ev("MedX"),)),
        EntityLink("k1", "dataset", "mimiccxr", "MIMIC-CXR", (), "uses", 0.95, (_ev("MIMIC-CXR"),)),
        EntityLink("k1", "metric", "auc", "AUC", (), "uses", 0.3, (_ev("AUC", 0.3),)),
    ),
    results=(
        ResultStatement(
            "k1", "auc", Decimal("0.91"), "0.91", False, "medx", "mimiccxr", _ev("0.91")
        ),
    ),
)


def test_assemble_paper_metadata_and_links() -> None:
    ds = _dataset(extraction_quads(PAPER, EXTRACTION, threshold=0.5))
    g = ds.graph(paper_graph("k1"))
    p = paper_iri("k1")
    assert (p, RDF.type, MKG.Paper) in g
    assert (p, DCTERMS.title, Literal(PAPER.title)) in g
    assert (p, DCTERMS.issued, Literal("--01-12", datatype=XSD.gMonthDay)) in g
    assert (p, MKG.authorCount, Literal(5, datatype=XSD.integer)) in g
    assert (p, MKG.codeRepository, URIRef("https://github.com/a/b")) in g
    assert (p, MKG.sourceFile, Literal("listing.txt")) in g
    assert (p, MKG.proposesModel, entity_iri("model", "MedX")) in g
    assert (p, MKG.usesDataset, entity_iri("dataset", "MIMIC-CXR")) in g
    # below the threshold: kept as a mention, not asserted
    assert (p, MKG.usesMetric, entity_iri("metric", "AUC")) not in g


def test_assemble_every_link_has_a_mention_with_offsets() -> None:
    ds = _dataset(extraction_quads(PAPER, EXTRACTION))
    rows = list(
        ds.query(
            """SELECT ?e ?pred ?text ?start ?end ?asserted WHERE {
                 ?m a mkg:Mention ; mkg:entity ?e ; mkg:supports ?pred ; mkg:matchedText ?text ;
                    mkg:startOffset ?start ; mkg:endOffset ?end ; mkg:asserted ?asserted }""",
            initNs={"mkg": MKG._NS},
        )
    )
    by_text = {str(r.text): r for r in rows}
    assert set(by_text) == {"MedX", "MIMIC-CXR", "AUC", "0.91"}
    for text, row in by_text.items():
        assert ABSTRACT[int(row.start) : int(row.end)] == text
    assert by_text["AUC"].asserted.toPython() is False
    assert by_text["MedX"].pred == MKG.proposesModel


def test_assemble_result_ties_metric_model_dataset() -> None:
    ds = _dataset(extraction_quads(PAPER, EXTRACTION))
    rows = list(
        ds.query(
            """SELECT ?v ?vt ?metric ?model ?data WHERE {
                 ?p mkg:reportsResult ?r . ?r a mkg:Result ; mkg:value ?v ; mkg:valueText ?vt ;
                 mkg:metric ?metric ; mkg:model ?model ; mkg:dataset ?data }""",
            initNs={"mkg": MKG._NS},
        )
    )
    assert len(rows) == 1
    row = rows[0]
    assert row.v.toPython() == Decimal("0.91") and row.v.datatype == XSD.decimal
    assert (row.metric, row.model, row.data) == (
        entity_iri("metric", "AUC"),
        entity_iri("model", "MedX"),
        entity_iri("dataset", "MIMIC-CXR"),
    )


def test_assemble_same_input_same_quads() -> None:
    first = set(extraction_quads(PAPER, EXTRACTION))
    second = set(extraction_quads(PAPER, EXTRACTION))
    assert first == second


def test_assemble_descriptions_skip_vocabulary_concepts() -> None:
    descriptions = [
        EntityDescription("dataset", "mimiccxr", "MIMIC-CXR", ("MIMIC CXR",)),
        EntityDescription("metric", "auc", "AUC", ()),
        EntityDescription("task", "cellcounting", "cell counting", ()),
    ]
    ds = _dataset(description_quads(descriptions, vocabulary_keys={"metric": frozenset({"auc"})}))
    assert {c for c in ds.graphs() if len(c)} == {ds.graph(ENTITIES_GRAPH)}
    subjects = set(ds.subjects())
    assert entity_iri("dataset", "mimiccxr") in subjects
    assert entity_iri("task", "cellcounting") in subjects
    assert entity_iri("metric", "auc") not in subjects


def _assert_same_graph(got: Graph, expected: Graph) -> None:
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(
            "graphs differ:\nonly written:\n"
            + only_got.serialize(format="nt")
            + "\nonly expected:\n"
            + only_expected.serialize(format="nt")
        )


def test_assemble_curated_dataset_holds_its_modalities() -> None:
    """A dataset of the curated table gets the modalities the table says it holds, in the
    entities graph, with its other curated facts; an unknown dataset and a model get none."""
    descriptions = [
        describe("dataset", "mimiccxr", {"MIMIC-CXR": 3, "MIMIC CXR": 1}),
        describe("dataset", "brats", {"BraTS": 2}),
        describe("dataset", "zebraset", {"ZebraSet": 1}),
        describe("model", "unet", {"U-Net": 2}),
    ]
    ds = _dataset(description_quads(descriptions, vocabulary_keys={}))
    assert {c.identifier for c in ds.graphs() if len(c)} == {ENTITIES_GRAPH}
    expected = Graph().parse(
        format="turtle",
        data="""
        @prefix mkg: <https://w3id.org/medkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix dataset: <https://w3id.org/medkg/resource/dataset/> .
        @prefix model: <https://w3id.org/medkg/resource/model/> .
        @prefix modality: <https://w3id.org/medkg/resource/modality/> .
        dataset:mimiccxr a mkg:Dataset ; rdfs:label "MIMIC-CXR" ; skos:altLabel "MIMIC CXR" ;
            mkg:holdsModality modality:chestxray, modality:radiologyreport .
        dataset:brats a mkg:Dataset ; rdfs:label "BraTS" ; mkg:holdsModality modality:brainmri .
        dataset:zebraset a mkg:Dataset ; rdfs:label "ZebraSet" .
        model:unet a mkg:Model ; rdfs:label "U-Net" .
        """,
    )
    got = Graph()
    for triple in ds.graph(ENTITIES_GRAPH):
        got.add(triple)
    _assert_same_graph(got, expected)
