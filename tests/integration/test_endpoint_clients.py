"""Real SPARQL clients against ``kg serve``: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import pytest
import rdflib
from endpoint_server import EndpointServer
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, N3, POST, TURTLE, XML, SPARQLWrapper

MKG = rdflib.Namespace("https://w3id.org/medkg/ontology#")
BRATS = rdflib.URIRef("https://w3id.org/medkg/resource/dataset/brats")
PREFIXES = "PREFIX mkg: <https://w3id.org/medkg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def _wrapper(server: EndpointServer, query: str, fmt: str, *, post: bool = False) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.sparql)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if post:
        sparql.setMethod(POST)
    return sparql


@pytest.mark.parametrize("post", [False, True], ids=["get", "post"])
def test_clients_sparqlwrapper_select_json(server: EndpointServer, post: bool) -> None:
    query = (
        PREFIXES + "SELECT ?label WHERE { ?d a mkg:Dataset ; rdfs:label ?label } ORDER BY ?label"
    )
    result = _wrapper(server, query, JSON, post=post).queryAndConvert()
    labels = [b["label"]["value"] for b in result["results"]["bindings"]]  # type: ignore[index]
    assert labels == ["BraTS", "CheXpert", "MIMIC-CXR"]


def test_clients_sparqlwrapper_select_xml_and_csv(server: EndpointServer) -> None:
    query = PREFIXES + "SELECT ?d WHERE { ?d a mkg:Dataset }"
    xml = _wrapper(server, query, XML).queryAndConvert()
    assert len(xml.getElementsByTagName("result")) == 3  # type: ignore[union-attr]
    csv_text = _wrapper(server, query, CSV).queryAndConvert()
    assert len(csv_text.decode().strip().splitlines()) == 4  # type: ignore[union-attr]


def test_clients_sparqlwrapper_ask(server: EndpointServer) -> None:
    query = PREFIXES + f"ASK {{ ?p mkg:usesDataset <{BRATS}> }}"
    assert _wrapper(server, query, JSON).queryAndConvert()["boolean"] is True  # type: ignore[index]
    assert _wrapper(server, query, XML).queryAndConvert() is not None


@pytest.mark.parametrize("fmt", [TURTLE, XML, N3], ids=["turtle", "rdfxml", "n3"])
def test_clients_sparqlwrapper_construct(server: EndpointServer, fmt: str) -> None:
    query = PREFIXES + "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a mkg:Dataset ; rdfs:label ?l }"
    result = _wrapper(server, query, fmt).queryAndConvert()
    graph = (
        result
        if isinstance(result, rdflib.Graph)
        else rdflib.Graph().parse(data=result, format="turtle")
    )
    assert (BRATS, RDFS.label, rdflib.Literal("BraTS")) in graph
    assert len(graph) == 3


def test_clients_rdflib_sparqlstore(server: EndpointServer) -> None:
    graph = rdflib.Graph(store=SPARQLStore(server.sparql, returnFormat="json"))
    papers = set(graph.subjects(RDF.type, MKG.Paper))
    assert len(papers) == 3
    rows = list(
        graph.query(PREFIXES + "SELECT ?l WHERE { ?d a mkg:Dataset ; rdfs:label ?l } ORDER BY ?l")
    )
    assert [str(r[0]) for r in rows] == ["BraTS", "CheXpert", "MIMIC-CXR"]
    assert graph.query(PREFIXES + f"ASK {{ ?p mkg:usesDataset <{BRATS}> }}").askAnswer is True
    constructed = graph.query(
        PREFIXES + f"CONSTRUCT {{ <{BRATS}> ?p ?o }} WHERE {{ <{BRATS}> ?p ?o }}"
    )
    assert (BRATS, RDFS.label, rdflib.Literal("BraTS")) in constructed.graph  # type: ignore[operator]
    assert graph.value(BRATS, RDFS.label) == rdflib.Literal("BraTS")


def test_clients_rdflib_sparqlstore_is_read_only(server: EndpointServer) -> None:
    store = SPARQLStore(server.sparql)
    with pytest.raises(TypeError):
        store.add((BRATS, RDFS.label, rdflib.Literal("x")))
