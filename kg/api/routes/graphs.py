"""The SPARQL 1.1 Graph Store HTTP Protocol, read side (issue 17): ``GET /store?graph=IRI``
returns one named graph, ``GET /store?default`` the default graph, in the RDF format the
``Accept`` header (or ``format``) asks for, as Oxigraph's and Fuseki's servers do.

medkg's default graph is the union of all its graphs (a plain query sees the whole graph,
DESIGN.md), so ``?default`` returns that union; both answers carry the endpoint's size caps
(``X-KG-Truncated`` when cut; the release dumps of ``kg dump`` hold everything). The store is
read-only over HTTP: PUT, POST and DELETE get 405.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request, Response
from rdflib import URIRef

from kg.api.deps import RunnerDep, SettingsDep
from kg.api.responses import ApiError, result_response
from kg.api.results import GRAPH_TYPES, format_from_param, negotiate

router = APIRouter(tags=["graph store"])

_NAMED = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?graph { ?s ?p ?o } }"
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def _graph_iri(value: str) -> URIRef:
    parts = urlsplit(value)
    if (
        not parts.scheme
        or not (parts.netloc or parts.scheme == "urn")
        or any(c in value for c in '<>"{}|\\^` ')
    ):
        raise ApiError(400, "invalid_graph", f"graph must be an absolute IRI, got {value!r}")
    return URIRef(value)


@router.get(
    "/store",
    summary="A graph of the store (Graph Store Protocol, read side)",
    description="`?graph=IRI` for a named graph (each paper has its own, "
    "`https://w3id.org/medkg/graph/paper/…`; entity descriptions are in "
    "`https://w3id.org/medkg/graph/entities`, the ontology in "
    "`https://w3id.org/medkg/graph/ontology`), or `?default` for the default graph "
    "(the union of all graphs). Turtle by default; N-Triples, JSON-LD or RDF/XML by "
    "`Accept` or `format`.",
    responses={
        200: {
            "content": {"text/turtle": {}, "application/n-triples": {}, "application/ld+json": {}}
        },
        400: {"description": "neither or both of graph and default, or a bad IRI"},
        404: {"description": "no such graph"},
        406: {"description": "no acceptable format"},
    },
    response_class=Response,
)
def get_graph(
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    graph: Annotated[
        str | None, Query(max_length=2000, description="the named graph's IRI")
    ] = None,
    default: Annotated[
        str | None, Query(description="present (any value): the default graph")
    ] = None,
    format: Annotated[str | None, Query(description="turtle, ntriples, jsonld, rdfxml")] = None,
) -> Response:
    """One graph of the store as RDF."""
    if (graph is None) == (default is None):
        raise ApiError(400, "invalid_graph", "give exactly one of ?graph=IRI or ?default")
    if format:
        fmt = format_from_param(format, GRAPH_TYPES)
        if fmt is None:
            raise ApiError(400, "unknown_format", f"unknown format {format!r}")
    else:
        fmt = negotiate(request.headers.get("accept"), GRAPH_TYPES)
        if fmt is None:
            raise ApiError(
                406,
                "not_acceptable",
                "graphs are available as " + ", ".join(dict.fromkeys(m for m, _ in GRAPH_TYPES)),
            )
    if graph is not None:
        iri = _graph_iri(graph)
        job = runner.job(_NAMED, bindings=(("graph", iri),), select_format=None, graph_format=fmt)
    else:
        job = runner.job(_UNION, select_format=None, graph_format=fmt)
    result = runner.run(job)
    if graph is not None and result.rows == 0:
        raise ApiError(404, "not_found", f"the store has no graph <{graph}>")
    return result_response(result, settings=settings)


@router.api_route("/store", methods=["PUT", "POST", "DELETE", "PATCH"], include_in_schema=False)
def refuse_writes() -> Response:
    """Writes through the Graph Store Protocol are not offered."""
    raise ApiError(
        405,
        "read_only",
        "the graph store is read-only over HTTP; rebuild with `kg build`",
        headers={"Allow": "GET, HEAD"},
    )


__all__ = ["router"]
