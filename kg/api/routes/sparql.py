"""The SPARQL 1.1 Protocol at ``/sparql``: query by GET and POST, update by POST only.

Follows https://www.w3.org/TR/sparql11-protocol/: ``query`` by GET, by POST form
(``application/x-www-form-urlencoded``) or directly (``application/sparql-query``), with
``default-graph-uri`` / ``named-graph-uri``; results negotiated by ``Accept`` (see
:mod:`kg.api.results`); 400 with the parser's message for a malformed, missing or repeated
query; 415 for an unsupported body type or charset; 406 when no acceptable format fits; a
Service Description for a GET without a query. Updates are refused (403) unless the server has
an update token, and then need ``Authorization: Bearer <token>``; a GET never runs an update.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Query, Request, Response
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.api.deps import QueryRunner, RunnerDep, SettingsDep
from kg.api.responses import (
    QUERY_ERRORS,
    ApiError,
    choose_formats,
    not_acceptable_message,
    result_response,
)
from kg.api.results import GRAPH_TYPES, MEDIA_TYPES, negotiate
from kg.settings import Settings
from kg.sparql_text import check_complexity, check_service
from kg.store import QueryError, StoreError, build_session
from kg.vocab import FORMATS, SD

router = APIRouter(tags=["sparql"])

_RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
_RESULT_FORMAT_IRIS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"

_ACCEPT_DOC = (
    "Results are negotiated by `Accept`: SELECT/ASK as SPARQL JSON (default), XML, "
    "CSV or TSV; CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, JSON-LD or "
    "RDF/XML. `format` (json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml) "
    "overrides it. A result cut by the row or size cap carries `X-KG-Truncated`."
)


async def _read_body(request: Request) -> bytes:
    # The body-size middleware has already refused anything over KG_MAX_BODY_BYTES.
    return await request.body()


def _content_type(header: str | None) -> tuple[str, str | None]:
    """Media type (lower case) and charset of a Content-Type header."""
    if not header:
        return "", None
    media, *params = (p.strip() for p in header.split(";"))
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _check_charset(charset: str | None) -> None:
    if charset is not None and charset not in {"utf-8", "utf8", "us-ascii", "ascii"}:
        raise ApiError(
            415,
            "unsupported_charset",
            f"charset {charset!r} is not supported: send the request in UTF-8",
        )


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ApiError(400, "bad_encoding", f"the request body is not valid UTF-8: {e}") from e


def _strict_query_items(request: Request) -> list[tuple[str, str]]:
    """The URL's parameters, decoded as UTF-8 strictly: the same rule as for a POST body.

    Starlette replaces invalid UTF-8 in the query string with U+FFFD, which would run a
    different query from the one sent.

    Raises:
        ApiError: 400 ``bad_encoding`` when a parameter is not valid UTF-8.
    """
    raw = request.scope.get("query_string", b"").decode("latin-1")
    try:
        return parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise ApiError(
            400,
            "bad_encoding",
            f"the query string is not valid UTF-8 (percent-encode UTF-8 bytes): {e}",
        ) from e


def _values(items: Sequence[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in items if k == name]


def _single(items: Sequence[tuple[str, str]], name: str) -> str | None:
    values = _values(items, name)
    if len(values) > 1:
        raise ApiError(
            400,
            f"multiple_{name}",
            f"the request has {len(values)} '{name}' parameters; send exactly one",
        )
    return values[0] if values else None


@router.get(
    "/sparql",
    name="sparql_get",
    summary="SPARQL query (GET), or the service description",
    description="Runs `query`; without it, answers the SPARQL Service Description "
    "(Turtle by default). " + _ACCEPT_DOC,
    responses=QUERY_ERRORS,
)
def sparql_get(
    request: Request,
    settings: SettingsDep,
    runner: RunnerDep,
    query: Annotated[str | None, Query(description="the SPARQL query")] = None,
    default_graph_uri: Annotated[
        list[str] | None,
        Query(alias="default-graph-uri", description="graphs whose union is the default graph"),
    ] = None,
    named_graph_uri: Annotated[
        list[str] | None, Query(alias="named-graph-uri", description="graphs available to GRAPH")
    ] = None,
    format: Annotated[str | None, Query(description="result format, overriding Accept")] = None,
) -> Response:
    """SPARQL 1.1 Protocol query operation by GET."""
    items = _strict_query_items(request)
    if _values(items, "update"):
        raise ApiError(
            400,
            "update_by_get",
            "SPARQL Update is never run from a GET; POST it (and it needs the update token)",
        )
    text = _single(items, "query")
    if text is None:
        if _values(items, "default-graph-uri") or _values(items, "named-graph-uri"):
            raise ApiError(400, "missing_query", "the request has no 'query' parameter")
        return service_description(request, settings)
    return _run_query(request, runner, text, items, settings)


@router.post(
    "/sparql",
    name="sparql_post",
    summary="SPARQL query or update (POST)",
    description="A query as a form (`query=`) or directly (`application/sparql-query`), or an "
    "update (`update=` or `application/sparql-update`, with `Authorization: Bearer` "
    "when the server has an update token; refused otherwise). " + _ACCEPT_DOC,
    responses={
        **QUERY_ERRORS,
        204: {"description": "update done"},
        401: {"description": "missing or wrong update token"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                _FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"},
                            "update": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "format": {"type": "string"},
                        },
                    }
                },
                _QUERY: {"schema": {"type": "string"}},
                _UPDATE: {"schema": {"type": "string"}},
            },
        }
    },
)
def sparql_post(
    request: Request,
    settings: SettingsDep,
    runner: RunnerDep,
    body: Annotated[bytes, Depends(_read_body)],
) -> Response:
    """SPARQL 1.1 Protocol query and update operations by POST."""
    media, charset = _content_type(request.headers.get("content-type"))
    url_items = request.query_params.multi_items()
    if media == _FORM:
        _check_charset(charset)
        try:
            form = parse_qsl(_decode(body), keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError) as e:
            raise ApiError(400, "bad_form", f"the form body cannot be decoded: {e}") from e
        items = form + [(k, v) for k, v in url_items if k not in {"query", "update"}]
        query, update = _single(form, "query"), _single(form, "update")
        if query is not None and update is not None:
            raise ApiError(400, "query_and_update", "send either 'query' or 'update', not both")
        if update is not None:
            return _run_update(request, update, items, settings)
        if query is None:
            raise ApiError(400, "missing_query", "the form has no 'query' (or 'update') field")
        return _run_query(request, runner, query, items, settings)
    if media == _QUERY:
        _check_charset(charset)
        if _values(url_items, "query") or _values(url_items, "update"):
            raise ApiError(
                400,
                "multiple_query",
                "a direct POST carries the query in the body; remove 'query' from the URL",
            )
        return _run_query(request, runner, _decode(body), url_items, settings)
    if media == _UPDATE:
        _check_charset(charset)
        return _run_update(request, _decode(body), url_items, settings)
    raise ApiError(
        415,
        "unsupported_media_type",
        f"POST a query as {_FORM} or {_QUERY}, or an update as {_UPDATE}"
        + (f"; got {media}" if media else "; the request has no Content-Type"),
    )


def _run_query(
    request: Request,
    runner: QueryRunner,
    query: str,
    items: Sequence[tuple[str, str]],
    settings: Settings,
) -> Response:
    if not query.strip():
        raise ApiError(400, "missing_query", "the query is empty")
    if len(query) > settings.max_query_chars:
        raise ApiError(
            400,
            "query_too_long",
            f"the query has {len(query)} characters; the limit is {settings.max_query_chars}",
        )
    check_service(query, allow=settings.allow_service, allowlist=settings.service_allowlist)
    check_complexity(query, max_depth=settings.max_query_depth)
    select_fmt, graph_fmt = choose_formats(request.headers.get("accept"), _values(items, "format"))
    job = runner.job(
        query,
        default_graph_uris=tuple(_values(items, "default-graph-uri")),
        named_graph_uris=tuple(_values(items, "named-graph-uri")),
        select_format=select_fmt,
        graph_format=graph_fmt,
        base_iri=_base_iri(request),
    )
    return result_response(runner.run(job), settings=settings)


def _base_iri(request: Request) -> str:
    """The endpoint's own URL: the base of relative IRIs in a query that declares no BASE."""
    return str(request.url_for("sparql_get"))


def _run_update(
    request: Request, update: str, items: Sequence[tuple[str, str]], settings: Settings
) -> Response:
    token = settings.update_token
    if token is None:
        raise ApiError(
            403,
            "updates_disabled",
            "this endpoint is read-only: SPARQL Update is disabled (rebuild the graph "
            "with `kg build`, or start the server with KG_UPDATE_TOKEN)",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.get_secret_value().encode()
    ):
        raise ApiError(
            401,
            "unauthorized",
            "SPARQL Update needs 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": 'Bearer realm="medkg"'},
        )
    if _values(items, "using-graph-uri") or _values(items, "using-named-graph-uri"):
        raise ApiError(
            400,
            "unsupported_parameter",
            "using-graph-uri / using-named-graph-uri are not supported; use USING in the update",
        )
    if not update.strip():
        raise ApiError(400, "missing_update", "the update is empty")
    if len(update) > settings.max_query_chars:
        raise ApiError(
            400,
            "query_too_long",
            f"the update is longer than {settings.max_query_chars} characters",
        )
    # LOAD <iri> is a request from the server too: the same rule as SERVICE.
    check_service(
        update, allow=settings.allow_service, allowlist=settings.service_allowlist, load=True
    )
    check_complexity(update, max_depth=settings.max_query_depth)
    try:
        # Like a build: applied to a copy that is swapped in when complete; the query workers
        # see the new store from their next query on.
        with build_session(settings.store_path) as store:
            store.update(update, base_iri=_base_iri(request))
    except QueryError as e:
        raise ApiError(400, "malformed_update", str(e)) from e
    except StoreError as e:
        raise ApiError(409, "store_busy", str(e)) from e
    return Response(status_code=204)


def service_description(request: Request, settings: Settings) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, in a negotiated RDF format."""
    fmt = negotiate(request.headers.get("accept"), GRAPH_TYPES)
    if fmt is None:
        raise ApiError(406, "not_acceptable", not_acceptable_message(request.headers.get("accept")))
    endpoint = URIRef(str(request.url_for("sparql_get")))
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = BNode("service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if settings.update_token is not None:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if settings.allow_service:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    for name in _RESULT_FORMAT_IRIS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    dataset = BNode("dataset")
    default_graph = BNode("defaultGraph")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((service, DCTERMS.title, Literal("medkg: AI-in-medicine knowledge graph")))
    body = graph.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8")
    return Response(content=body, media_type=MEDIA_TYPES[fmt], headers={"Vary": "Accept"})


__all__ = ["router", "service_description"]
