"""Graph Store Protocol, read side (issue 17, point 6): ``GET /store?graph=IRI`` / ``?default``."""

from __future__ import annotations

import httpx
import pytest
import rdflib

from kg.ids import ENTITIES_GRAPH, GRAPH_BASE

MKG = rdflib.Namespace("https://w3id.org/medkg/ontology#")
RES = rdflib.Namespace("https://w3id.org/medkg/resource/")


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_graph_store_named_graph_in_the_negotiated_format(
    client: httpx.Client, accept: str, fmt: str
) -> None:
    r = client.get(
        "/store", params={"graph": f"{GRAPH_BASE}paper/papers"}, headers={"Accept": accept}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=r.content, format=fmt)
    assert (RES["paper/a1b2c3d4e5f6"], MKG.usesDataset, RES["dataset/brats"]) in graph
    # only that graph: the entity descriptions live in another one
    assert (RES["dataset/brats"], rdflib.RDFS.label, rdflib.Literal("BraTS")) not in graph


def test_graph_store_default_graph_is_the_union(client: httpx.Client) -> None:
    r = client.get("/store?default", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    graph = rdflib.Graph().parse(data=r.content, format="nt")
    assert (RES["paper/a1b2c3d4e5f6"], MKG.usesDataset, RES["dataset/brats"]) in graph
    assert (RES["dataset/brats"], rdflib.RDFS.label, rdflib.Literal("BraTS")) in graph
    entities = client.get("/store", params={"graph": str(ENTITIES_GRAPH), "format": "ntriples"})
    assert entities.status_code == 200 and len(entities.text.splitlines()) < len(
        r.text.splitlines()
    )


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 400),
        ({"graph": "x", "default": ""}, 400),
        ({"graph": "not an iri"}, 400),
        ({"graph": "https://example.org/no-such-graph"}, 404),
        ({"default": "", "format": "png"}, 400),
    ],
)
def test_graph_store_bad_requests_say_what_was_wrong(
    client: httpx.Client, params: dict[str, str], status: int
) -> None:
    r = client.get("/store", params=params)
    assert r.status_code == status and r.json()["detail"]


def test_graph_store_is_read_only(client: httpx.Client) -> None:
    for method in ("PUT", "POST", "DELETE"):
        r = client.request(
            method,
            "/store?default",
            content=b"<a:b> <a:c> <a:d> .",
            headers={"Content-Type": "application/n-triples"},
        )
        assert r.status_code == 405 and r.json()["error"] == "read_only"
    assert "/store" in client.get("/openapi.json").json()["paths"]
