"""Protection of ``kg serve``: query timeout in killable workers, result caps, body limit.

The pathological query (a cross product of all triples with itself, four ways, counted)
would run for minutes; with ``KG_QUERY_TIMEOUT=2`` its worker is killed after 2 s while a
second client's simple query is answered in well under a second.
"""

from __future__ import annotations

import concurrent.futures
import json
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from endpoint_server import EndpointServer, build_fixture_store

PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SIMPLE = "SELECT ?title WHERE { ?p a mkg:Paper ; dcterms:title ?title }"
MAX_ROWS = 50
MAX_BYTES = 4096
MAX_BODY = 10_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EndpointServer]:
    store = build_fixture_store(tmp_path_factory.mktemp("limits") / "store", extra_triples=300)
    env = {
        "KG_QUERY_TIMEOUT": "2",
        "KG_MAX_RESULT_ROWS": str(MAX_ROWS),
        "KG_MAX_RESPONSE_BYTES": str(MAX_BYTES),
        "KG_MAX_BODY_BYTES": str(MAX_BODY),
        "KG_WORKERS": "2",
        "KG_CACHE_BYTES": "0",
    }
    with EndpointServer(store, env=env) as running:
        yield running


def _metric(client: httpx.Client, name: str) -> float:
    for line in client.get("/metrics").text.splitlines():
        if line.startswith((name + " ", name + "{")):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_limits_pathological_query_times_out_while_others_are_served(
    server: EndpointServer, client: httpx.Client
) -> None:
    outcome: dict[str, object] = {}

    def attack() -> None:
        started = time.monotonic()
        with httpx.Client(timeout=30) as attacker:
            r = attacker.get(server.sparql, params={"query": PATHOLOGICAL})
        outcome.update(status=r.status_code, body=r.json(), seconds=time.monotonic() - started)

    thread = threading.Thread(target=attack)
    thread.start()
    time.sleep(0.5)  # the attack is now burning one worker
    latencies = []
    with httpx.Client(timeout=5) as other:
        for _ in range(5):
            started = time.monotonic()
            r = other.get(server.sparql, params={"query": SIMPLE})
            latencies.append(time.monotonic() - started)
            assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 3
    thread.join(30)
    assert max(latencies) < 1.0, latencies
    assert outcome["status"] == 503
    assert outcome["body"]["error"] == "timeout"  # type: ignore[index]
    assert 1.9 < outcome["seconds"] < 6.0  # type: ignore[operator]
    assert _metric(client, "kg_query_timeouts_total") >= 1
    assert _metric(client, "kg_worker_restarts_total") >= 1
    # the killed worker is replaced: the pool is whole again
    deadline = time.monotonic() + 10
    while client.get("/health").json()["workers_alive"] < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.get("/health").json()["workers_alive"] == 2


def test_limits_timeout_frees_the_cpu(server: EndpointServer, client: httpx.Client) -> None:
    # Two pathological queries at once occupy both workers; after the timeout both workers
    # are killed, and the server answers again at once.
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        futures = [
            pool.submit(httpx.get, server.sparql, params={"query": PATHOLOGICAL}, timeout=30)
            for _ in range(2)
        ]
        statuses = [f.result().status_code for f in futures]
    assert statuses == [503, 503]
    started = time.monotonic()
    assert client.get("/sparql", params={"query": SIMPLE}).status_code == 200
    assert time.monotonic() - started < 2.0


def test_limits_row_cap_truncates_with_a_header(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert r.status_code == 200
    assert r.headers["x-kg-truncated"] == f"rows; limit={MAX_ROWS}"
    assert len(r.json()["results"]["bindings"]) == MAX_ROWS
    assert r.headers["x-kg-rows"] == str(MAX_ROWS)


def test_limits_no_header_when_under_the_cap(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10"})
    assert "x-kg-truncated" not in r.headers and len(r.json()["results"]["bindings"]) == 10


@pytest.mark.parametrize(
    "accept",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_limits_size_cap_keeps_the_document_valid(client: httpx.Client, accept: str) -> None:
    query = (
        "SELECT ?s ?p ?o (CONCAT(STR(?s), STR(?p), STR(?s), STR(?p)) AS ?pad) "
        "WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 49"
    )
    r = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["x-kg-truncated"] == f"bytes; limit={MAX_BYTES}"
    assert len(r.content) <= MAX_BYTES
    if accept.endswith("json"):
        assert len(json.loads(r.text)["results"]["bindings"]) == int(r.headers["x-kg-rows"])
    elif accept.endswith("xml"):
        assert r.text.rstrip().endswith("</sparql>")


def test_limits_construct_is_capped_too(client: httpx.Client) -> None:
    r = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert r.headers["x-kg-truncated"].startswith(("rows", "bytes"))
    assert len(r.text.strip().splitlines()) == int(r.headers["x-kg-rows"]) <= MAX_ROWS


def test_limits_body_too_large_is_413(client: httpx.Client) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (MAX_BODY + 1)
    r = client.post(
        "/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"


def test_limits_chunked_body_too_large_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"query=SELECT%20*%20WHERE%20%7B%7D%20%23"
        for _ in range(20):
            yield b"x" * 1000

    r = client.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 413


def test_limits_saved_query_page_size_is_capped(client: httpx.Client) -> None:
    assert client.get("/queries/list_papers", params={"limit": MAX_ROWS + 1}).status_code == 422
    assert client.get("/queries/list_papers", params={"limit": 0}).status_code == 422


def test_limits_concurrent_clients_all_answered(server: EndpointServer) -> None:
    def one(i: int) -> int:
        query = f"SELECT ?s WHERE {{ ?s ?p {i} }}"
        return httpx.get(server.sparql, params={"query": query}, timeout=15).status_code

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(one, range(64)))
    assert statuses == [200] * 64
