"""Security headers on every response of ``kg serve``.

* ``X-Content-Type-Options: nosniff``: a browser never guesses a type other than the one
  sent (a result that contains HTML stays text).
* ``Referrer-Policy: same-origin`` and ``X-Frame-Options: SAMEORIGIN``.
* ``Content-Security-Policy``: every HTML page gets :data:`CONTENT_SECURITY_POLICY` (scripts,
  styles and data from this server only) unless its route set one; the pages, ``/query`` and
  ``/docs`` (Swagger UI vendored from npm) set this same policy themselves.

Headers a route already set are kept.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Pages load scripts, styles and data from this server only (issue 4: no CDN).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)

_ALWAYS = (
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "SAMEORIGIN"),
)


class SecurityHeadersMiddleware:
    """Adds the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _ALWAYS:
                    if name not in headers:
                        headers[name] = value
                if "content-security-policy" not in headers and headers.get(
                    "content-type", ""
                ).startswith("text/html"):
                    headers["content-security-policy"] = CONTENT_SECURITY_POLICY
            await send(message)

        await self.app(scope, receive, send_with_headers)


__all__ = ["CONTENT_SECURITY_POLICY", "SecurityHeadersMiddleware"]
