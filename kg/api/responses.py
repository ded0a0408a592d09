"""Turning a worker's :class:`~kg.api.worker.QueryResult` into an HTTP response.

Result limits are signalled in headers: ``X-KG-Truncated: rows; limit=N`` (or ``bytes``)
when the endpoint cut the result short, ``X-KG-Rows`` with the rows sent, and for paged saved
queries a ``Link: <…>; rel="next"``. The body is always a complete, valid document. An
operator who prefers an error to a shortened result sets ``KG_ON_RESULT_LIMIT=error``: the
answer is then HTTP 422 with ``{"error": "result_too_large", …}``.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Response

from kg.api.results import MEDIA_TYPES
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
        limit = settings.max_result_rows if result.truncated == "rows" else settings.max_response_bytes
        if settings.on_result_limit == "error":
            unit = "rows" if result.truncated == "rows" else "bytes"
            raise ResultLimitExceeded(
                f"the result is larger than this endpoint's limit of {limit} {unit}; add LIMIT "
                "and OFFSET to page through it")
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

    def __init__(self, status: int, code: str, detail: str, *,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = dict(headers or {})
