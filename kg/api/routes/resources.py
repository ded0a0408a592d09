"""Linked-data pages: every resource IRI ``https://w3id.org/medkg/resource/{type}/{slug}`` is
served at ``/resource/{type}/{slug}``: HTML for browsers (label, types, links out and in, the
evidence sentences of its mentions), Turtle, N-Triples, JSON-LD or RDF/XML for RDF clients,
by ``Accept`` (or ``format``). Unknown resources are 404. The type and slug are checked
against fixed patterns before anything else, so no path can reach outside the resource space.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi import Path as PathParam
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.api.browse import identifier_rows
from kg.api.deps import QueryRunner, RunnerDep, SavedQueriesDep, SettingsDep
from kg.api.rendering import templates
from kg.api.responses import ApiError, result_response
from kg.api.results import GRAPH_TYPES, MEDIA_TYPES, format_from_param, negotiate
from kg.api.routes import browse
from kg.entity_types import TYPES
from kg.ids import BASE
from kg.queries import SavedQuery
from kg.vocab import PREFIXES

router = APIRouter(prefix="/resource", tags=["linked data"])

#: Path segments of the resource space (kg.ids mints IRIs of these types).
RESOURCE_TYPES = ("paper", *(t.segment for t in TYPES), "mention", "result")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.~-]{0,199}$")
_PAGE_TYPES = (("text/html", "html"), ("application/xhtml+xml", "html"), *GRAPH_TYPES)
_LABELS = (str(RDFS.label), str(DCTERMS.title), str(SKOS.prefLabel))
_RDF_TYPE = str(RDF.type)
_MAX_LINKS = 500

_DESCRIBE = """
CONSTRUCT { ?this ?p ?o . ?s ?q ?this }
WHERE { { ?this ?p ?o } UNION { ?s ?q ?this } }
"""
_OUTGOING = """
SELECT ?this ?p ?o (SAMPLE(?l) AS ?label)
WHERE { ?this ?p ?o . OPTIONAL { ?o rdfs:label|dcterms:title ?l } }
GROUP BY ?this ?p ?o ORDER BY ?p ?o LIMIT 1000
"""
_INCOMING = """
SELECT ?this ?s ?p (SAMPLE(?l) AS ?label)
WHERE { ?s ?p ?this . FILTER NOT EXISTS { ?s a mkg:Mention }
        OPTIONAL { ?s rdfs:label|dcterms:title ?l } }
GROUP BY ?this ?s ?p ORDER BY ?p ?s LIMIT 501
"""
_EVIDENCE = """
SELECT ?this ?mention ?paper ?paperTitle ?entity ?entityLabel ?link ?text ?sentence ?extractor
       ?confidence
WHERE {
  { ?mention mkg:entity ?this } UNION { ?mention mkg:paper ?this }
  UNION { ?this mkg:reportsResult ?r . ?mention mkg:entity ?r }
  ?mention a mkg:Mention ; mkg:paper ?paper ; mkg:entity ?entity ; mkg:supports ?link .
  OPTIONAL { ?mention mkg:matchedText ?text }
  OPTIONAL { ?mention mkg:sentence ?sentence }
  OPTIONAL { ?mention mkg:extractor ?extractor }
  OPTIONAL { ?mention mkg:confidence ?confidence }
  OPTIONAL { ?paper dcterms:title ?paperTitle }
  OPTIONAL { ?entity rdfs:label ?entityLabel }
}
ORDER BY ?paper DESC(?confidence) LIMIT 200
"""


def local_path(iri: str, root: str = "") -> str | None:
    """The local page of a medkg resource IRI, or None for any other IRI.

    >>> local_path("https://w3id.org/medkg/resource/dataset/brats")
    '/resource/dataset/brats'
    >>> local_path("https://w3id.org/medkg/resource/dataset/../../etc") is None
    True
    """
    if not iri.startswith(BASE):
        return None
    kind, _, slug = iri[len(BASE) :].partition("/")
    if kind in RESOURCE_TYPES and _SLUG.match(slug):
        return f"{root}/resource/{kind}/{slug}"
    return None


def _curie(iri: str) -> str:
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, name = namespace, f"{prefix}:{iri[len(namespace) :]}"
    return name if best else iri


def _node(
    binding: dict[str, Any] | None, label: dict[str, Any] | None = None, root: str = ""
) -> dict[str, str | None]:
    """Text and link of one JSON result term for the template (links only to http(s) IRIs)."""
    if binding is None:
        return {"text": "", "href": None}
    value = binding["value"]
    if binding["type"] != "uri":
        if binding["type"] == "bnode":
            return {"text": f"_:{value}", "href": None}
        lang = binding.get("xml:lang")
        return {"text": f"{value} @{lang}" if lang else value, "href": None}
    href = local_path(value, root)
    if href is None and value.startswith(("http://", "https://")):
        href = value
    text = label["value"] if label else _curie(value)
    return {"text": text, "href": href}


def _select(runner: QueryRunner, sparql: str, iri: URIRef) -> list[dict[str, Any]]:
    result = runner.run(runner.job(sparql, bindings=(("this", iri),), select_format="json"))
    rows: list[dict[str, Any]] = json.loads(result.body)["results"]["bindings"]
    return rows


@router.get(
    "/{type}/{slug}",
    name="resource_page",
    summary="A medkg resource as HTML or RDF",
    description="HTML for browsers; Turtle (default for RDF clients), N-Triples, JSON-LD or "
    "RDF/XML by Accept or `format`: the resource's triples, in and out.",
    responses={
        404: {"description": "no such resource"},
        406: {"description": "no acceptable format"},
        200: {"content": {"text/html": {}, "text/turtle": {}, "application/ld+json": {}}},
    },
    response_class=Response,
)
def resource_page(
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    saved: SavedQueriesDep,
    type: Annotated[str, PathParam(description=f"one of {', '.join(RESOURCE_TYPES)}")],
    slug: Annotated[str, PathParam(description="the last IRI segment, e.g. mimiccxr")],
    format: Annotated[
        str | None, Query(description="html, turtle, ntriples, jsonld, rdfxml")
    ] = None,
) -> Response:
    """Serve one resource by content negotiation."""
    if type not in RESOURCE_TYPES or not _SLUG.match(slug):
        if browse.wants_html(request) and not format:
            return browse.not_found_page(request, None, type, slug)
        raise ApiError(404, "not_found", f"there is no resource /resource/{type}/{slug}")
    iri = URIRef(f"{BASE}{type}/{slug}")
    if format:
        fmt = "html" if format.lower() == "html" else format_from_param(format, GRAPH_TYPES)
        if fmt is None:
            raise ApiError(400, "unknown_format", f"unknown format {format!r}")
    else:
        fmt = negotiate(request.headers.get("accept"), _PAGE_TYPES)
        if fmt is None:
            raise ApiError(
                406,
                "not_acceptable",
                "this page is available as " + ", ".join(dict.fromkeys(m for m, _ in _PAGE_TYPES)),
            )
    if fmt != "html":
        result = runner.run(
            runner.job(_DESCRIBE, bindings=(("this", iri),), select_format=None, graph_format=fmt)
        )
        if result.rows == 0:
            raise ApiError(404, "not_found", f"the graph says nothing about <{iri}>")
        return result_response(result, settings=settings)
    page = _html(request, runner, saved, iri, type, slug)
    # issue 17: a browser asking for an unknown resource gets a page with the closest matches
    return page if page is not None else browse.not_found_page(request, runner, type, slug)


def _html(
    request: Request,
    runner: QueryRunner,
    saved: dict[str, SavedQuery],
    iri: URIRef,
    kind: str,
    slug: str,
) -> Response | None:
    root = request.scope.get("root_path", "")
    page = str(request.url.remove_query_params("format"))
    joiner = "&" if "?" in page else "?"
    formats = [
        {
            "name": name,
            "media_type": MEDIA_TYPES[fmt].split(";")[0],
            "href": f"{page}{joiner}format={fmt}",
        }
        for name, fmt in (
            ("Turtle", "turtle"),
            ("N-Triples", "ntriples"),
            ("JSON-LD", "jsonld"),
            ("RDF/XML", "rdfxml"),
        )
    ]
    if kind in browse.TYPED_PAGES:
        return browse.entity_page(request, runner, saved, str(iri), kind, formats)
    outgoing = _select(runner, _OUTGOING, iri)
    incoming = _select(runner, _INCOMING, iri)
    if not outgoing and not incoming:
        return None
    evidence = _select(runner, _EVIDENCE, iri)

    label = next(
        (
            row["o"]["value"]
            for name in _LABELS
            for row in outgoing
            if row["p"]["value"] == name and row["o"]["type"] == "literal"
        ),
        slug,
    )
    types = [_node(row["o"], None, root) for row in outgoing if row["p"]["value"] == _RDF_TYPE]
    context = {
        "request": request,
        "root": root,
        "static": f"{root}/static",
        "iri": str(iri),
        "kind": kind,
        "label": label,
        "types": types,
        "formats": formats,
        "outgoing": [
            {"property": _node(r["p"], None, root), "value": _node(r["o"], r.get("label"), root)}
            for r in outgoing
        ],
        "incoming": [
            {"subject": _node(r["s"], r.get("label"), root), "property": _node(r["p"], None, root)}
            for r in incoming[:_MAX_LINKS]
        ],
        "incoming_truncated": len(incoming) > _MAX_LINKS,
        "evidence": [_evidence_row(r, root) for r in evidence],
        "identifiers": identifier_rows(outgoing),
    }
    return templates.TemplateResponse(request, "resource.html", context, headers={"Vary": "Accept"})


def _evidence_row(row: dict[str, Any], root: str) -> dict[str, Any]:
    sentence = row.get("sentence", {}).get("value", "")
    matched = row.get("text", {}).get("value", "")
    at = sentence.find(matched) if matched else -1
    before, after = (sentence[:at], sentence[at + len(matched) :]) if at >= 0 else (sentence, "")
    return {
        "paper": _node(row["paper"], row.get("paperTitle"), root),
        "entity": _node(row["entity"], row.get("entityLabel"), root),
        "link": _node(row["link"], None, root),
        "before": before,
        "matched": matched if at >= 0 else "",
        "after": after,
        "extractor": row.get("extractor", {}).get("value", ""),
        "confidence": row.get("confidence", {}).get("value", ""),
    }


__all__ = ["RESOURCE_TYPES", "local_path", "router"]
