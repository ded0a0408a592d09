"""Answer repeated SPARQL GETs from a response cache, before routing (issue 7, point 5).

The store never changes between builds, so a ``GET /sparql?query=…`` with the same query
string and the same negotiation headers gets the same response until the next build swaps a
new store in. The executor already caches results by job and build; this middleware caches the
finished HTTP response by request and build, so a repeated query costs neither the route's
thread-pool hop nor validation, negotiation and serialisation: a point lookup is answered in
tens of microseconds on the event loop (no query ever runs there: a miss goes through the
normal route and the worker pool).

Only complete ``200`` answers to GET ``/sparql`` with a query are cached, keyed by the raw query
string, the ``Accept``, ``Accept-Encoding`` and ``Origin`` headers and the store build
(:func:`kg.store.generation`, which a build's swap changes); a response is stored only if the
build was the same before and after it was computed, and never if it is larger than a quarter
of the cache. The cache is bounded in bytes (``KG_CACHE_BYTES``; 0 turns it off).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.api.metrics import Metrics
from kg.store import Generation, StoreError, generation

_ROUTE = SimpleNamespace(path="/sparql")  # the route label metrics record for a hit
_VARY = (b"accept", b"accept-encoding", b"origin")


class ResponseCacheMiddleware:
    """Serve cached ``GET /sparql`` responses; see the module docstring."""

    def __init__(
        self, app: ASGIApp, *, store_path: Path, max_bytes: int, metrics: Metrics | None = None
    ) -> None:
        self.app = app
        self.store_path = store_path
        self.max_bytes = max_bytes
        self.metrics = metrics
        self.size = 0
        self._items: OrderedDict[Any, tuple[int, list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def _generation(self) -> Generation | None:
        try:
            return generation(self.store_path, wait=0)  # wait=0: this runs on the event loop
        except StoreError:
            return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.max_bytes <= 0
            or scope["type"] != "http"
            or scope.get("method") != "GET"
            or scope.get("path") != "/sparql"
            or b"query=" not in scope.get("query_string", b"")
        ):
            await self.app(scope, receive, send)
            return
        generation = self._generation()
        if generation is None:
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers") or []
        vary = tuple(value for name in _VARY for key, value in headers if key == name)
        key = (scope["query_string"], vary, generation)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
        if hit is not None:
            status, response_headers, body = hit
            scope["route"] = _ROUTE
            if self.metrics is not None:
                self.metrics.cache.labels("hit").inc()
            await send(
                {"type": "http.response.start", "status": status, "headers": response_headers}
            )
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return

        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0
        cacheable = True

        async def capture(message: Message) -> None:
            nonlocal size, cacheable
            if message["type"] == "http.response.start":
                start.update(message)
                cacheable = message["status"] == 200
            elif message["type"] == "http.response.body" and cacheable:
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_bytes // 4:
                    cacheable = False
                    chunks.clear()
                else:
                    chunks.append(chunk)
            await send(message)

        await self.app(scope, receive, capture)
        if cacheable and start and self._generation() == generation:
            stored = [
                (k, b"hit" if k.lower() == b"x-kg-cache" else v)
                for k, v in start.get("headers") or []
            ]
            self._put(key, (int(start["status"]), stored, b"".join(chunks)))

    def _put(self, key: Any, item: tuple[int, list[tuple[bytes, bytes]], bytes]) -> None:
        cost = len(item[2]) + 512
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old[2]) + 512
            self._items[key] = item
            self.size += cost
            while self.size > self.max_bytes and self._items:
                _k, evicted = self._items.popitem(last=False)
                self.size -= len(evicted[2]) + 512


__all__ = ["ResponseCacheMiddleware"]
