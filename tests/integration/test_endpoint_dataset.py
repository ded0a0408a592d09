"""Datasets, updates and relative IRIs at a real endpoint (issue 16, items 5-7).

* ``FROM`` / ``FROM NAMED`` in the query text define the dataset, as the protocol's
  ``default-graph-uri`` / ``named-graph-uri`` do; a query without any sees the union.
* An update's ``WHERE`` sees the graph queries see (the union), ``DELETE`` removes from it.
* Relative IRIs resolve against the endpoint's URL when the query declares no ``BASE``.

The expected counts come from parsing the fixture Turtle files with rdflib, not from medkg.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import rdflib
from endpoint_server import FIXTURES, EndpointServer, build_fixture_store

from kg.ids import ENTITIES_GRAPH, GRAPH_BASE, STATISTICS_GRAPH

TOKEN = "dataset-test-token"
ENTITIES = str(ENTITIES_GRAPH)
PAPERS = f"{GRAPH_BASE}paper/papers"
MKG = rdflib.Namespace("https://w3id.org/medkg/ontology#")


def _fixture(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(FIXTURES / f"{name}.ttl")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EndpointServer]:
    store = build_fixture_store(tmp_path_factory.mktemp("dataset") / "store")
    env = {"KG_UPDATE_TOKEN": TOKEN, "KG_WORKERS": "1", "KG_CACHE_BYTES": "0"}
    with EndpointServer(store, env=env) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: EndpointServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def _count(client: httpx.Client, query: str, **params: str) -> int:
    r = client.get("/sparql", params={"query": query, **params})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def _update(client: httpx.Client, update: str) -> None:
    r = client.post(
        "/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert r.status_code == 204, r.text


# --- item 5: FROM and FROM NAMED ------------------------------------------------------------


def _union_size(client: httpx.Client) -> int:
    """The fixture graphs plus the statistics graph every build writes (issue 18)."""
    statistics = _count(
        client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{STATISTICS_GRAPH}> {{ ?s ?p ?o }} }}"
    )
    assert statistics > 0
    return len(_fixture("entities")) + len(_fixture("papers")) + statistics


def test_without_a_dataset_clause_the_default_graph_is_the_union(client: httpx.Client) -> None:
    assert _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == _union_size(client)


def test_from_makes_that_graph_the_default_graph(client: httpx.Client) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES}> WHERE {{ ?s ?p ?o }}"
    assert _count(client, query) == len(_fixture("entities"))
    both = f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES}> FROM <{PAPERS}> WHERE {{ ?s ?p ?o }}"
    assert _count(client, both) == len(_fixture("entities")) + len(_fixture("papers"))


def test_from_named_only_leaves_an_empty_default_graph(client: httpx.Client) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{PAPERS}> WHERE {{ ?s ?p ?o }}"
    assert _count(client, query) == 0
    named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{PAPERS}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _count(client, named) == len(_fixture("papers"))


def test_the_protocol_dataset_overrides_from(client: httpx.Client) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES}> WHERE {{ ?s ?p ?o }}"
    assert _count(client, query, **{"default-graph-uri": PAPERS}) == len(_fixture("papers"))


def test_named_graph_uri_alone_gives_an_empty_default_graph(client: httpx.Client) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert _count(client, query, **{"named-graph-uri": ENTITIES}) == 0


def test_from_inside_strings_iris_and_variables_is_not_a_dataset_clause(
    client: httpx.Client,
) -> None:
    query = (
        'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?from FILTER(?from != "FROM <x>") } '
        "# FROM <urn:nothing>"
    )
    assert _count(client, query) == _union_size(client)


# --- item 7: relative IRIs --------------------------------------------------------------------


def test_relative_iris_resolve_against_the_endpoint_url(
    server: EndpointServer, client: httpx.Client
) -> None:
    r = client.get(
        "/sparql",
        params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
        headers={"Accept": "application/n-triples"},
    )
    assert r.status_code == 200, r.text
    graph = rdflib.Graph().parse(data=r.text, format="nt")
    base = httpx.URL(server.sparql)
    assert set(graph) == {
        (rdflib.URIRef(str(base.join("s"))), rdflib.URIRef(str(base.join("p"))), rdflib.Literal(1))
    }


def test_a_declared_base_wins(client: httpx.Client) -> None:
    r = client.get(
        "/sparql",
        params={"query": "BASE <http://example.org/a/> SELECT ?x WHERE { BIND(<b> AS ?x) }"},
    )
    assert r.json()["results"]["bindings"][0]["x"]["value"] == "http://example.org/a/b"


# --- item 6: updates see the union ---------------------------------------------------------


def test_updates_match_and_delete_what_queries_see(client: httpx.Client) -> None:
    datasets = set(_fixture("entities").subjects(rdflib.RDF.type, MKG.Dataset))
    assert datasets
    marked = "SELECT (COUNT(*) AS ?n) WHERE { ?d <urn:x> 1 }"
    _update(client, "INSERT { GRAPH <urn:h> { ?d <urn:x> 1 } } WHERE { ?d a mkg:Dataset }")
    assert _count(client, marked) == len(datasets)
    assert _count(client, marked, **{"default-graph-uri": "urn:h"}) == len(datasets)

    _update(client, "DELETE WHERE { ?d <urn:x> 1 }")
    assert _count(client, marked) == 0

    # a triple of a paper's named graph, deleted through the union default graph
    uses = "SELECT (COUNT(*) AS ?n) WHERE { ?p mkg:usesDataset ?d }"
    assert _count(client, uses) == len(
        set(_fixture("papers").triples((None, MKG.usesDataset, None)))
    )
    _update(
        client,
        "DELETE { ?p mkg:usesDataset ?d } INSERT { ?p <urn:used> ?d } "
        "WHERE { ?p mkg:usesDataset ?d }",
    )
    assert _count(client, uses) == 0
    assert _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?p <urn:used> ?d }") > 0


def test_a_malformed_update_is_a_400_with_the_position(client: httpx.Client) -> None:
    r = client.post(
        "/sparql",
        data={"update": "INSERT { <a> <b> } WHERE {}"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 400
    assert r.json()["error"] == "malformed_update" and "line" in r.json()["detail"]


def test_data_operations_and_clear_default(client: httpx.Client) -> None:
    ask = "ASK { <https://example.org/x> <https://example.org/p> 42 }"
    _update(client, "INSERT DATA { <https://example.org/x> <https://example.org/p> 42 }")
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True
    _update(client, "DELETE DATA { <https://example.org/x> <https://example.org/p> 42 }")
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is False
    papers = "SELECT (COUNT(*) AS ?n) WHERE { ?p a mkg:Paper }"
    before = _count(client, papers)
    _update(client, "CLEAR DEFAULT")  # the real default graph, not the union
    assert _count(client, papers) == before > 0
