"""Linked-data pages ``/resource/{type}/{slug}``: HTML, Turtle and JSON-LD, 404s, no traversal."""

from __future__ import annotations

import httpx
import pytest
import rdflib
from endpoint_server import EndpointServer
from rdflib.namespace import RDFS

BRATS = rdflib.URIRef("https://w3id.org/medkg/resource/dataset/brats")
MKG = rdflib.Namespace("https://w3id.org/medkg/ontology#")


def test_resources_html_for_browsers(client: httpx.Client) -> None:
    r = client.get("/resource/dataset/brats", headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<h1 id="label">BraTS</h1>' in html
    assert '<p class="kg-kind">dataset</p>' in html  # the typed dataset page (issue 17)
    assert "Brain Tumor Segmentation challenge" in html  # an altLabel, out
    assert 'href="/resource/paper/112233445566"' in html  # a paper linking in, as a local link
    assert "trained on <mark>BraTS</mark> MRI scans" in html  # evidence sentence
    assert "dataset_patterns" in html


def test_resources_html_escapes_titles(client: httpx.Client) -> None:
    html = client.get("/resource/paper/a1b2c3d4e5f6", headers={"Accept": "text/html"}).text
    assert "segmenting &lt;everything&gt; in &#34;medical&#34; images" in html
    assert "<everything>" not in html
    assert "MedSAM" in html and "mkg:proposesModel" in html


@pytest.mark.parametrize(
    ("accept", "fmt", "media_type"),
    [
        ("text/turtle", "turtle", "text/turtle"),
        ("application/ld+json", "json-ld", "application/ld+json"),
        ("application/n-triples", "nt", "application/n-triples"),
        ("application/rdf+xml", "xml", "application/rdf+xml"),
    ],
)
def test_resources_rdf_by_negotiation(
    client: httpx.Client, accept: str, fmt: str, media_type: str
) -> None:
    r = client.get("/resource/dataset/brats", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)
    graph = rdflib.Graph().parse(data=r.content, format=fmt)
    assert (BRATS, RDFS.label, rdflib.Literal("BraTS")) in graph
    assert (
        rdflib.URIRef("https://w3id.org/medkg/resource/paper/112233445566"),
        MKG.usesDataset,
        BRATS,
    ) in graph


def test_resources_format_parameter(client: httpx.Client) -> None:
    r = client.get(
        "/resource/model/medsam", params={"format": "turtle"}, headers={"Accept": "text/html"}
    )
    assert r.headers["content-type"].startswith("text/turtle")


@pytest.mark.parametrize(
    "path",
    [
        "/resource/dataset/nosuchdataset",
        "/resource/widget/brats",
        "/resource/dataset/.hidden",
        "/resource/paper/000000000000",
    ],
)
def test_resources_unknown_is_404(client: httpx.Client, path: str) -> None:
    for accept in ("text/html", "text/turtle"):
        assert client.get(path, headers={"Accept": accept}).status_code == 404


def test_resources_406(client: httpx.Client) -> None:
    assert client.get("/resource/dataset/brats", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(
    "path",
    [
        "/resource/dataset/..%2F..%2F..%2Fetc%2Fpasswd",
        "/resource/..%2F..%2Fetc/passwd",
        "/resource/dataset/%2e%2e",
        "/static/..%2F..%2Fsettings.py",
        "/static/%2e%2e/%2e%2e/settings.py",
        "/static/../../settings.py",
        "/static/vendor/..%2F..%2F..%2Fsettings.py",
    ],
)
def test_resources_no_path_traversal(server: EndpointServer, path: str) -> None:
    # raw request: httpx would normalise the dots away
    with httpx.Client(timeout=10) as c:
        request = c.build_request("GET", server.url)
        request.url = request.url.copy_with(raw_path=path.encode())
        r = c.send(request)
    assert r.status_code in (400, 404)
    assert "pydantic" not in r.text and "root:" not in r.text


def test_resources_static_files_are_served(client: httpx.Client) -> None:
    r = client.get("/static/vendor/yasgui.min.js")
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
