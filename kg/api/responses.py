"""Turning a worker's :class:`~kg.api.worker.QueryResult` into an HTTP response.

Result limits are signalled in headers: ``X-KG-Truncated: rows; limit=N`` (or ``bytes``)
when the endpoint cut the result short, ``X-KG-Rows`` with the rows sent, and for paged saved
queries a ``Link: <…>; rel="next"``. The body is always a complete, valid document. An
operator who prefers an error to a shortened result sets ``KG_ON_RESULT_LIMIT=error``: the
answer is then HTTP 422 with ``{"error": "result_too_large", …}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fastapi import Response

from kg.api.results import GRAPH_TYPES, MEDIA_TYPES, SELECT_TYPES, format_from_param, negotiate
from kg.api.worker import QueryResult
from kg.errors import KGError
from kg.settings import Settings


class ResultLimitExceeded(KGError):
    """A result went past a limit and the endpoint is set to refuse rather than truncate."""


def result_response(
    result: QueryResult,
    *,
    settings: Settings,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The HTTP response for ``result``.

    Raises:
        ResultLimitExceeded: when the result was truncated and ``on_result_limit`` is error.
    """
    out = {
        "Vary": "Accept",
        "X-KG-Rows": str(result.rows),
        "X-KG-Cache": "hit" if result.cached else "miss",
    }
    if result.truncated:
        limit = (
            settings.max_result_rows if result.truncated == "rows" else settings.max_response_bytes
        )
        if settings.on_result_limit == "error":
            unit = "rows" if result.truncated == "rows" else "bytes"
            raise ResultLimitExceeded(
                f"the result is larger than this endpoint's limit of {limit} {unit}; add LIMIT "
                "and OFFSET to page through it"
            )
        out["X-KG-Truncated"] = f"{result.truncated}; limit={limit}"
    if headers:
        out.update(headers)
    return Response(content=result.body, media_type=MEDIA_TYPES[result.fmt], headers=out)


class ApiError(KGError):
    """An error answer: HTTP status, a machine-readable code and a message for a person.

    Args:
        status: the HTTP status code.
        code: short code for programs (``malformed_query``, ``timeout``…).
        detail: the message.
        headers: extra response headers (``WWW-Authenticate``, ``Retry-After``…).
    """

    def __init__(
        self, status: int, code: str, detail: str, *, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = dict(headers or {})


#: The error answers of the query routes, for the OpenAPI description.
QUERY_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"description": "malformed, missing or repeated query (the parser's message)"},
    403: {"description": "SERVICE or update refused"},
    406: {"description": "no acceptable result format"},
    413: {"description": "request body too large"},
    415: {"description": "unsupported Content-Type or charset"},
    503: {"description": "the query timed out, or all workers are busy"},
}


def choose_formats(accept: str | None, fmts: Sequence[str]) -> tuple[str, str]:
    """Result formats for SELECT/ASK and for graphs, from ``format=`` values or ``Accept``.

    ``format`` may be repeated if every value names the same format: SPARQLWrapper sends
    ``format=tsv&format=text/tab-separated-values`` (Oxigraph accepts it too).
    ``output``/``results`` (sent by SPARQLWrapper alongside ``format``) are ignored.

    Raises:
        ApiError: 400 for an unknown or conflicting ``format``, 406 when no format at all is
            acceptable.
    """
    if fmts:
        # per query form, the values must not name two different formats
        selects = {f for f in (format_from_param(v, SELECT_TYPES) for v in fmts) if f}
        graphs = {f for f in (format_from_param(v, GRAPH_TYPES) for v in fmts) if f}
        if len(selects) > 1 or len(graphs) > 1:
            raise ApiError(
                400,
                "multiple_format",
                f"the request has {len(fmts)} 'format' parameters naming different "
                f"formats ({', '.join(map(repr, fmts))}); send one",
            )
        select_fmt, graph_fmt = next(iter(selects), None), next(iter(graphs), None)
        unknown = [
            v
            for v in fmts
            if not format_from_param(v, SELECT_TYPES) and not format_from_param(v, GRAPH_TYPES)
        ]
        if unknown:
            raise ApiError(400, "unknown_format", f"unknown result format {unknown[0]!r}")
    else:
        select_fmt, graph_fmt = negotiate(accept, SELECT_TYPES), negotiate(accept, GRAPH_TYPES)
        if select_fmt is None and graph_fmt is None:
            raise ApiError(406, "not_acceptable", not_acceptable_message(accept))
    # A client that accepts only graph formats but sends a SELECT (or the reverse) gets the
    # default of the query form, as Fuseki does: rdflib's SPARQLStore sends its one result
    # format for every query form and reads the answer by its Content-Type.
    return select_fmt or SELECT_TYPES[0][1], graph_fmt or GRAPH_TYPES[0][1]


def not_acceptable_message(accept: str | None) -> str:
    select = ", ".join(dict.fromkeys(m for m, _ in SELECT_TYPES))
    graph = ", ".join(dict.fromkeys(m for m, _ in GRAPH_TYPES))
    return (
        f"no acceptable format for Accept: {accept}; SELECT/ASK results are available as "
        f"{select}; CONSTRUCT/DESCRIBE results as {graph}"
    )
