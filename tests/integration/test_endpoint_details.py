"""The smaller defects of issue 16 (item 8), against a real ``kg serve``.

HEAD and OPTIONS, XML results with characters XML 1.0 cannot carry, invalid UTF-8 by GET and
by POST, the error shape of framework errors, RFC 9110 ``q`` weights, and SPARQLWrapper's
repeated ``format`` parameter.
"""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pytest
from endpoint_server import EndpointServer, build_fixture_store

SELECT = "SELECT ?p WHERE { ?p a mkg:Paper }"
CONSTRUCT = "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a mkg:Dataset ; rdfs:label ?l }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EndpointServer]:
    store = build_fixture_store(tmp_path_factory.mktemp("details") / "store")
    with EndpointServer(store, env={"KG_WORKERS": "1"}) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: EndpointServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.mark.parametrize("path", ["/health", "/sparql", "/", "/queries", "/resource/dataset/brats"])
def test_head_is_a_get_without_body(client: httpx.Client, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_options_on_sparql_lists_the_methods(client: httpx.Client) -> None:
    r = client.options("/sparql")
    assert r.status_code == 204
    assert set(r.headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_xml_results_never_carry_characters_xml_cannot(client: httpx.Client) -> None:
    query = 'SELECT ?x WHERE { BIND("a\\u0001b" AS ?x) }'
    r = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"}
    )
    if r.status_code == 200:  # represented: then it must be well-formed XML
        ET.fromstring(r.content)
    else:
        assert r.status_code == 400 and "U+0001" in r.json()["detail"]
    ok = client.get(
        "/sparql",
        params={"query": 'SELECT ?x WHERE { BIND("a\\tb" AS ?x) }'},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert ok.status_code == 200 and ET.fromstring(ok.content) is not None


def _raw(server: EndpointServer, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_invalid_utf8_is_400_by_get_as_by_post(server: EndpointServer) -> None:
    get = _raw(
        server,
        b"GET /sparql?query=ASK%20%7B%7D%20%23%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    assert get.startswith(b"HTTP/1.1 400"), get[:200]
    assert b'"bad_encoding"' in get
    body = b"ASK {} #\xff"
    post = _raw(
        server,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        b"Content-Type: application/sparql-query\r\n"
        b"Content-Length: %d\r\n\r\n" % len(body) + body,
    )
    assert post.startswith(b"HTTP/1.1 400"), post[:200]


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/no/such/page", 404, "not_found"),
        ("PUT", "/sparql", 405, "method_not_allowed"),
        ("GET", "/queries/list_papers?limit=notanumber", 422, "invalid_request"),
    ],
)
def test_framework_errors_have_the_documented_shape(
    client: httpx.Client, method: str, path: str, status: int, code: str
) -> None:
    r = client.request(method, path)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error", "detail"} and body["error"] == code and body["detail"]


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/turtle;q=0, */*;q=0.5", "application/n-triples"),
        ("text/*;q=0, application/*;q=0.1", "application/ld+json"),
        ("application/ld+json;q=0.4, text/turtle;q=0.2", "application/ld+json"),
        ("application/rdf+xml;q=0.9, text/turtle", "text/turtle"),
    ],
)
def test_accept_q_weights_follow_rfc_9110(client: httpx.Client, accept: str, media: str) -> None:
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media


def test_q_zero_for_everything_is_406(client: httpx.Client) -> None:
    r = client.get(
        "/sparql",
        params={"query": CONSTRUCT},
        headers={"Accept": "text/turtle;q=0, application/*;q=0, text/*;q=0"},
    )
    assert r.status_code == 406


@pytest.mark.parametrize(
    ("query", "values", "media"),
    [
        (SELECT, ["tsv", "text/tab-separated-values"], "text/tab-separated-values"),
        (CONSTRUCT, ["json-ld", "application/ld+json"], "application/ld+json"),
        (CONSTRUCT, ["xml", "application/rdf+xml"], "application/rdf+xml"),
    ],
)
def test_a_repeated_format_naming_one_type_is_accepted(
    client: httpx.Client, query: str, values: list[str], media: str
) -> None:
    params = [("query", query)] + [("format", v) for v in values]
    r = client.get("/sparql", params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media


def test_a_repeated_format_naming_two_types_is_400(client: httpx.Client) -> None:
    r = client.get("/sparql", params=[("query", SELECT), ("format", "csv"), ("format", "tsv")])
    assert r.status_code == 400 and r.json()["error"] == "multiple_format"
