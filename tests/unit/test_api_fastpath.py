"""The response cache in front of GET /sparql: hits, misses, and invalidation by build swap."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from kg.api.fastpath import ResponseCacheMiddleware


def _app(calls: list[str], status: int = 200):
    async def app(scope, receive, send):  # a stand-in for the FastAPI app
        calls.append(scope["query_string"].decode())
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"x-kg-cache", b"miss")],
            }
        )
        await send(
            {"type": "http.response.body", "body": b'{"n": %d}' % len(calls), "more_body": False}
        )

    return app


def _get(mw, query: str, accept: bytes = b"application/json") -> tuple[int, dict, bytes]:
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/sparql",
        "query_string": f"query={query}".encode(),
        "headers": [(b"accept", accept)],
    }
    asyncio.run(mw(scope, receive, send))
    headers = dict(sent[0]["headers"])
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


def test_repeated_get_is_answered_from_the_cache(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    calls: list[str] = []
    mw = ResponseCacheMiddleware(_app(calls), store_path=store, max_bytes=1 << 20)
    first = _get(mw, "ASK{}")
    second = _get(mw, "ASK{}")
    assert calls == ["query=ASK{}"]
    assert second[2] == first[2] and second[1][b"x-kg-cache"] == b"hit"
    _get(mw, "ASK{}", accept=b"text/csv")  # other negotiation: another entry
    assert len(calls) == 2


def test_a_build_swap_invalidates_and_errors_are_not_cached(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    calls: list[str] = []
    mw = ResponseCacheMiddleware(_app(calls), store_path=store, max_bytes=1 << 20)
    _get(mw, "ASK{}")
    os.rename(store, tmp_path / "old")  # what build_session's swap does
    store.mkdir()
    _get(mw, "ASK{}")
    assert len(calls) == 2
    failing: list[str] = []
    mw = ResponseCacheMiddleware(_app(failing, status=400), store_path=store, max_bytes=1 << 20)
    _get(mw, "bad")
    _get(mw, "bad")
    assert len(failing) == 2
