"""Security headers on every response of ``kg serve``.

* ``X-Content-Type-Options: nosniff``: a browser never guesses a type other than the one
  sent (a result that contains HTML stays text).
* ``Referrer-Policy: same-origin`` and ``X-Frame-Options: SAMEORIGIN``.
* ``Content-Security-Policy``: HTML pages that set none (the resource pages) get the query
  page's policy (scripts, styles and data from this server only); the query page sets its
  own. ``/docs`` and ``/redoc`` (FastAPI's Swagger UI and ReDoc, which load their scripts
  from a CDN) are left alone.

Headers a route already set are kept.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.api.routes.page import CONTENT_SECURITY_POLICY

_ALWAYS = (
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "SAMEORIGIN"),
)
_NO_CSP_PATHS = ("/docs", "/redoc")


class SecurityHeadersMiddleware:
    """Adds the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp_ok = not path.startswith(_NO_CSP_PATHS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _ALWAYS:
                    if name not in headers:
                        headers[name] = value
                if (csp_ok and "content-security-policy" not in headers
                        and headers.get("content-type", "").startswith("text/html")):
                    headers["content-security-policy"] = CONTENT_SECURITY_POLICY
            await send(message)

        await self.app(scope, receive, send_with_headers)


__all__ = ["SecurityHeadersMiddleware"]
