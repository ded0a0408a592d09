"""Bounded request heads: the HTTP protocol ``kg serve`` runs uvicorn with (issue 16, item 2).

uvicorn's default parser (httptools, i.e. llhttp) puts no limit on the request line or the
header fields: a client that sends a 64 MB header keeps the event loop busy copying and
parsing it, and every other client waits. :func:`bounded_protocol` returns uvicorn's httptools
protocol with one change: the bytes of a request's head (request line and header fields) are
counted as they arrive, and once they pass the limit the connection gets ``414 URI Too Long``
(the request line alone is too long) or ``431 Request Header Fields Too Large`` and is closed,
before the rest is read or parsed. Bodies are not counted here (``BodyLimitMiddleware`` bounds
them). Without httptools, uvicorn's h11 protocol is used with the same limit
(``h11_max_incomplete_event_size``).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

_REASONS = {414: b"URI Too Long", 431: b"Request Header Fields Too Large"}


def refusal(status: int, limit: int) -> bytes:
    """The raw HTTP response refusing an over-long request head, in the API's error shape.

    >>> refusal(431, 1024).split(b"\\r\\n")[0]
    b'HTTP/1.1 431 Request Header Fields Too Large'
    """
    what = "the request line is" if status == 414 else "the request line and header fields are"
    body = json.dumps(
        {
            "error": "uri_too_long" if status == 414 else "header_too_large",
            "detail": f"{what} longer than {limit} bytes"
            + ("; send long queries by POST" if status == 414 else ""),
        }
    ).encode()
    return (
        b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n"
        b"connection: close\r\n\r\n" % (status, _REASONS[status], len(body))
    ) + body


def bounded_protocol(limit: int) -> type[asyncio.Protocol] | None:
    """uvicorn's httptools protocol refusing request heads over ``limit`` bytes.

    Returns:
        The protocol class to pass as uvicorn's ``http``, or None when httptools is missing
        (then run uvicorn's ``h11`` with ``h11_max_incomplete_event_size=limit``).
    """
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # pragma: no cover - httptools is a default dependency
        return None

    class BoundedHttpToolsProtocol(HttpToolsProtocol):
        """See the module docstring."""

        max_head_bytes = limit

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._in_head = True
            self._head_bytes = 0
            self._line_done = False

        def on_headers_complete(self) -> None:
            self._in_head = False
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            # the next bytes are the next request's head (keep-alive, pipelining)
            self._in_head, self._head_bytes, self._line_done = True, 0, False
            super().on_message_complete()

        def data_received(self, data: bytes) -> None:
            while data and not self.transport.is_closing():
                if not self._in_head:
                    super().data_received(data)
                    return
                # Feed at most what is left of the head's allowance, so that a large body
                # right after small headers is never counted as head.
                room = self.max_head_bytes - self._head_bytes
                piece, data = data[:room], data[room:]
                self._head_bytes += len(piece)
                self._line_done = self._line_done or b"\n" in piece
                if piece:
                    super().data_received(piece)
                if self._in_head and self._head_bytes >= self.max_head_bytes and data:
                    self.transport.write(
                        refusal(431 if self._line_done else 414, self.max_head_bytes)
                    )
                    self.transport.close()
                    return

    return BoundedHttpToolsProtocol


__all__ = ["bounded_protocol", "refusal"]
