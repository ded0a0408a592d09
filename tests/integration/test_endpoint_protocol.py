"""SPARQL 1.1 Protocol conformance of ``kg serve`` (the query side, and update refusal).

A real uvicorn server on a free loopback port, real HTTP. Cases follow the W3C SPARQL 1.1
Protocol test suite: methods, encodings, dataset parameters, negotiation, error codes.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
import rdflib
from endpoint_server import EndpointServer, build_fixture_store

SELECT_TITLES = "SELECT ?title WHERE { ?p a mkg:Paper ; dcterms:title ?title } ORDER BY ?title"
CONSTRUCT = "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a mkg:Dataset ; rdfs:label ?l }"
ASK = "ASK { ?p mkg:usesDataset <https://w3id.org/medkg/resource/dataset/brats> }"
BROWSER_ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
)
ENTITIES = "https://w3id.org/medkg/graph/entities"
PAPERS = "https://w3id.org/medkg/graph/paper/papers"


def _bindings(response: httpx.Response) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


# --- query by GET / POST ------------------------------------------------------------------------


def test_protocol_get_select_defaults_to_sparql_json(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": SELECT_TITLES})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    titles = [b["title"] for b in _bindings(r)]
    assert len(titles) == 3 and titles == sorted(titles)


def test_protocol_post_form(client: httpx.Client) -> None:
    r = client.post("/sparql", data={"query": SELECT_TITLES})
    assert r.status_code == 200
    assert len(_bindings(r)) == 3


def test_protocol_post_form_with_charset(client: httpx.Client) -> None:
    r = client.post(
        "/sparql",
        content=f"query={SELECT_TITLES}".replace("+", "%2B").encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )
    assert r.status_code == 200


def test_protocol_post_direct(client: httpx.Client) -> None:
    r = client.post(
        "/sparql",
        content=SELECT_TITLES.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 200
    assert len(_bindings(r)) == 3


def test_protocol_prefixes_may_be_omitted_or_declared(client: httpx.Client) -> None:
    declared = "PREFIX mkg: <https://w3id.org/medkg/ontology#>\nSELECT ?p { ?p a mkg:Paper }"
    assert len(_bindings(client.get("/sparql", params={"query": declared}))) == 3


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_protocol_other_methods_are_refused(client: httpx.Client, method: str) -> None:
    r = client.request(method, "/sparql", params={"query": "ASK {}"})
    assert r.status_code == 405


# --- dataset parameters ---------------------------------------------------------------------------


def test_protocol_default_graph_uri_restricts_the_default_graph(client: httpx.Client) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a mkg:Dataset }"
    everything = _bindings(client.get("/sparql", params={"query": count}))[0]["n"]
    only_papers = _bindings(
        client.get("/sparql", params={"query": count, "default-graph-uri": PAPERS})
    )
    both = _bindings(
        client.get(
            "/sparql",
            params=[
                ("query", count),
                ("default-graph-uri", PAPERS),
                ("default-graph-uri", ENTITIES),
            ],
        )
    )
    assert everything == "3" and only_papers[0]["n"] == "0" and both[0]["n"] == "3"


def test_protocol_named_graph_uri_in_a_form(client: httpx.Client) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.post("/sparql", data={"query": query, "named-graph-uri": ENTITIES})
    assert [b["g"] for b in _bindings(r)] == [ENTITIES]


def test_protocol_dataset_params_in_url_with_direct_post(client: httpx.Client) -> None:
    r = client.post(
        "/sparql",
        params={"default-graph-uri": ENTITIES},
        content=b"SELECT (COUNT(*) AS ?n) { ?p a mkg:Paper }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert _bindings(r)[0]["n"] == "0"


# --- content negotiation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
        (BROWSER_ACCEPT, "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
    ],
)
def test_protocol_select_negotiation(client: httpx.Client, accept: str, media_type: str) -> None:
    r = client.get("/sparql", params={"query": SELECT_TITLES}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in r.headers["vary"]
    body = r.text
    if media_type.endswith("json"):
        assert len(json.loads(body)["results"]["bindings"]) == 3
    elif media_type.endswith("xml"):
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        assert len(ET.fromstring(body).findall(".//s:result", ns)) == 3
    elif media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["title"] and len(rows) == 4
        assert any("<everything>" in row[0] for row in rows[1:])
    else:
        lines = body.splitlines()
        assert lines[0] == "?title" and len(lines) == 4 and lines[1].startswith('"')


def test_protocol_xml_and_json_results_escape_markup(client: httpx.Client) -> None:
    r = client.get(
        "/sparql",
        params={"query": SELECT_TITLES},
        headers={"Accept": "application/sparql-results+xml"},
    )
    literals = [
        e.text
        for e in ET.fromstring(r.text).iter("{http://www.w3.org/2005/sparql-results#}literal")
    ]
    assert 'MedSAM-X: segmenting <everything> in "medical" images' in literals


def test_protocol_typed_literals_and_unbound_values_in_json(client: httpx.Client) -> None:
    query = "SELECT ?p ?up WHERE { ?p a mkg:Paper OPTIONAL { ?p mkg:upvotes ?up } } ORDER BY ?p"
    bindings = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert any("up" not in b for b in bindings)  # unbound: omitted
    typed = [b["up"] for b in bindings if "up" in b]
    assert typed[0]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        (None, "text/turtle", "turtle"),
        ("*/*", "text/turtle", "turtle"),
        (BROWSER_ACCEPT, "text/turtle", "turtle"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_protocol_construct_negotiation(
    client: httpx.Client, accept: str | None, media_type: str, rdflib_format: str
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    request = client.build_request("GET", "/sparql", params={"query": CONSTRUCT}, headers=headers)
    if accept is None:
        del request.headers["Accept"]  # no Accept header at all
    r = client.send(request)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media_type
    graph = rdflib.Graph().parse(data=r.content, format=rdflib_format)
    assert len(graph) == 3


def test_protocol_describe_defaults_to_turtle(client: httpx.Client) -> None:
    r = client.get(
        "/sparql", params={"query": "DESCRIBE <https://w3id.org/medkg/resource/dataset/brats>"}
    )
    assert r.headers["content-type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=r.text, format="turtle")) >= 3


@pytest.mark.parametrize(
    "accept",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_protocol_ask(client: httpx.Client, accept: str) -> None:
    r = client.get("/sparql", params={"query": ASK}, headers={"Accept": accept})
    assert r.status_code == 200
    assert "true" in r.text


def test_protocol_format_parameter_overrides_accept(client: httpx.Client) -> None:
    r = client.get(
        "/sparql",
        params={"query": SELECT_TITLES, "format": "csv"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.headers["content-type"].startswith("text/csv")


def test_protocol_406_when_nothing_is_acceptable(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": SELECT_TITLES}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.json()["error"] == "not_acceptable"
    assert "text/csv" in r.json()["detail"]


def test_protocol_other_form_formats_fall_back_to_the_default(client: httpx.Client) -> None:
    # a client that accepts only graph formats still gets a SELECT result (SPARQL JSON), and
    # one that accepts only result formats gets a CONSTRUCT in Turtle, as with Fuseki
    r = client.get("/sparql", params={"query": SELECT_TITLES}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(
        "application/sparql-results+json"
    )
    r = client.get(
        "/sparql",
        params={"query": CONSTRUCT},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("xml", "application/rdf+xml"),
        ("n3", "text/turtle"),
        ("json", "application/ld+json"),
        ("nt", "application/n-triples"),
    ],
)
def test_protocol_format_parameter_for_graphs(
    client: httpx.Client, fmt: str, media_type: str
) -> None:
    # SPARQLWrapper's spelling: format=xml&output=xml&results=xml means RDF/XML for a graph
    r = client.get(
        "/sparql", params={"query": CONSTRUCT, "format": fmt, "output": fmt, "results": fmt}
    )
    assert r.headers["content-type"].startswith(media_type)


def test_protocol_unknown_format_parameter_is_400(client: httpx.Client) -> None:
    assert (
        client.get("/sparql", params={"query": SELECT_TITLES, "format": "png"}).status_code == 400
    )


# --- errors ---------------------------------------------------------------------------------------


def test_protocol_malformed_query_is_400_with_line_and_column(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?x WHERE {\n  ?x ?y \n"})
    assert r.status_code == 400
    assert r.json()["error"] == "malformed_query"
    assert "2:" in r.json()["detail"] or "3:" in r.json()["detail"]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ({"data": {"default-graph-uri": ENTITIES}}, 400),
        (
            {
                "content": b"query=ASK%20%7B%7D&query=ASK%20%7B%7D",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
            400,
        ),
        ({"content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
        ({"content": b"query=ASK%20%7B%7D", "headers": {"Content-Type": ""}}, 415),
        (
            {
                "content": "ASK {}".encode("utf-16"),
                "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"},
            },
            415,
        ),
        (
            {
                "content": b'ASK { ?s ?p "\xe9" }',
                "headers": {"Content-Type": "application/sparql-query"},
            },
            400,
        ),
        ({"content": b"", "headers": {"Content-Type": "application/sparql-query"}}, 400),
    ],
    ids=[
        "duplicate-get",
        "form-without-query",
        "duplicate-form",
        "text-plain",
        "no-content-type",
        "utf16",
        "not-utf8",
        "empty",
    ],
)
def test_protocol_bad_requests(
    client: httpx.Client, kwargs: dict[str, object], status: int
) -> None:
    method = "GET" if "params" in kwargs else "POST"
    r = client.request(method, "/sparql", **kwargs)  # type: ignore[arg-type]
    assert r.status_code == status, r.text
    assert r.json()["detail"]


def test_protocol_get_with_only_dataset_params_is_400(client: httpx.Client) -> None:
    assert client.get("/sparql", params={"default-graph-uri": ENTITIES}).status_code == 400


# --- service description --------------------------------------------------------------------------


def test_protocol_service_description(client: httpx.Client, server: EndpointServer) -> None:
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.endpoint, rdflib.URIRef(server.sparql)) in graph
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (None, sd.supportedLanguage, sd.SPARQL11Update) not in graph
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert len(rdflib.Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)


# --- updates and SERVICE ------------------------------------------------------------------------

INSERT = (
    "INSERT DATA { GRAPH <https://w3id.org/medkg/graph/x> { <https://e/x> a <https://e/Evil> } }"
)
EVIL = "ASK { ?x a <https://e/Evil> }"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": {"update": INSERT}},
        {"content": INSERT.encode(), "headers": {"Content-Type": "application/sparql-update"}},
    ],
    ids=["form", "direct"],
)
def test_protocol_updates_are_refused_without_token(
    client: httpx.Client, kwargs: dict[str, object]
) -> None:
    r = client.post("/sparql", **kwargs)  # type: ignore[arg-type]
    assert r.status_code == 403 and r.json()["error"] == "updates_disabled"
    assert client.get("/sparql", params={"query": EVIL}).json()["boolean"] is False


def test_protocol_get_update_is_never_executed(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"update": INSERT})
    assert 400 <= r.status_code < 500
    assert client.get("/sparql", params={"query": EVIL}).json()["boolean"] is False


@pytest.mark.parametrize(
    "target", ["<http://127.0.0.1:1/sparql>", "SILENT <http://169.254.169.254/>", "?endpoint"]
)
def test_protocol_service_is_refused(client: httpx.Client, target: str) -> None:
    r = client.get(
        "/sparql", params={"query": f"SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}"}
    )
    assert r.status_code == 403 and r.json()["error"] == "service_refused"


def test_protocol_service_lookalikes_are_fine(client: httpx.Client) -> None:
    query = 'SELECT ?service WHERE { BIND("SERVICE <http://x>" AS ?service) } # SERVICE <http://y>'
    assert client.get("/sparql", params={"query": query}).status_code == 200


def test_protocol_updates_with_token(tmp_path: Path) -> None:
    store = build_fixture_store(tmp_path / "store")
    with (
        EndpointServer(store, env={"KG_UPDATE_TOKEN": "s3cret", "KG_WORKERS": "1"}) as srv,
        httpx.Client(base_url=srv.url, timeout=15) as c,
    ):
        assert c.post("/sparql", data={"update": INSERT}).status_code == 401
        wrong = c.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and "Bearer" in wrong.headers["www-authenticate"]
        assert c.get("/sparql", params={"query": EVIL}).json()["boolean"] is False
        ok = c.post(
            "/sparql",
            content=INSERT.encode(),
            headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret"},
        )
        assert ok.status_code == 204
        # the update was swapped in as a new build; the workers reopen the store
        assert c.get("/sparql", params={"query": EVIL}).json()["boolean"] is True
        bad = c.post(
            "/sparql", data={"update": "INSERT DATA {"}, headers={"Authorization": "Bearer s3cret"}
        )
        assert bad.status_code == 400
        sd = rdflib.Graph().parse(data=c.get("/sparql").text, format="turtle")
        assert (
            None,
            None,
            rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#SPARQL11Update"),
        ) in sd


# --- saved queries API, docs, health, metrics -------------------------------------------------


def test_saved_queries_listed_and_documented(client: httpx.Client) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert listed["papers_using_dataset"]["params"][0] == {
        "name": "dataset",
        "type": "dataset",
        "required": True,
        "default": None,
        "description": "the dataset: its slug (e.g. mimiccxr) or its full IRI",
    }
    paths = client.get("/openapi.json").json()["paths"]
    operation = paths["/queries/papers_using_dataset"]["get"]
    assert operation["summary"] == listed["papers_using_dataset"]["summary"]
    assert {"dataset", "limit", "offset", "format"} <= {p["name"] for p in operation["parameters"]}
    assert "/sparql" in paths and "/resource/{type}/{slug}" in paths
    assert client.get("/docs").status_code == 200


def test_saved_query_run_paged_in_any_format(client: httpx.Client) -> None:
    first = client.get("/queries/papers_using_dataset", params={"dataset": "mimiccxr", "limit": 1})
    assert first.status_code == 200 and len(_bindings(first)) == 1
    assert 'rel="next"' in first.headers["link"]
    second = client.get(
        "/queries/papers_using_dataset", params={"dataset": "mimiccxr", "limit": 1, "offset": 1}
    )
    assert "link" not in second.headers and _bindings(second) != _bindings(first)
    as_csv = client.get(
        "/queries/papers_using_dataset",
        params={"dataset": "mimiccxr"},
        headers={"Accept": "text/csv"},
    )
    assert (
        as_csv.headers["content-type"].startswith("text/csv")
        and len(as_csv.text.strip().splitlines()) == 3
    )


@pytest.mark.parametrize("params", [{}, {"dataset": "../../etc/passwd"}, {"dataset": "a b"}])
def test_saved_query_parameters_are_validated(client: httpx.Client, params: dict[str, str]) -> None:
    r = client.get("/queries/papers_using_dataset", params=params)
    assert r.status_code == 422 and r.json()["error"] == "invalid_parameter"


def test_saved_query_unknown_is_404(client: httpx.Client) -> None:
    assert client.get("/queries/no_such_query").status_code == 404


def test_health_and_metrics(client: httpx.Client) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["workers_alive"] == health["workers"] == 2
    client.get("/sparql", params={"query": "ASK {}"})
    text = client.get("/metrics").text
    assert 'kg_http_requests_total{method="GET",route="/sparql",status="200"}' in text
    assert "kg_http_request_duration_seconds_bucket" in text and "kg_query_timeouts_total" in text


def test_query_page_is_self_contained(client: httpx.Client) -> None:
    r = client.get("/query", headers={"Accept": "text/html"})
    assert r.status_code == 200 and "default-src 'self'" in r.headers["content-security-policy"]
    assert "/static/vendor/yasgui.min.js" in r.text and "http://" not in r.text.split("<script id")[
        0
    ].replace('type="text/turtle"', "")
    assert '"list_papers"' in r.text and "PREFIX mkg:" in r.text
