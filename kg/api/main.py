"""The FastAPI app of ``kg serve``, and :func:`serve`, which runs it on uvicorn.

One server process answers HTTP; SPARQL is evaluated in a pool of worker processes (one per
core by default, :mod:`kg.api.executor`), each with its own read-only store handle, so the
event loop never waits on a query, a runaway query is killed at the timeout, and all cores
work. Route handlers are plain ``def`` (they run in the thread pool, STYLE rule 8).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg import __version__
from kg.api.disconnect import DisconnectMiddleware
from kg.api.executor import (
    ClientGone,
    ExecutorError,
    PoolBusy,
    QueryExecutor,
    QueryFailed,
    QueryTimeout,
    WorkerCrashed,
)
from kg.api.fastpath import ResponseCacheMiddleware
from kg.api.http import bounded_protocol
from kg.api.metrics import Metrics, MetricsMiddleware
from kg.api.responses import ApiError, ResultLimitExceeded
from kg.api.routes import browse, docs, graphs, health, page, queries, resources, sparql
from kg.api.security import SecurityHeadersMiddleware
from kg.api.worker import NotAcceptable
from kg.paths import static_dir
from kg.queries import SavedQueryError, load_queries
from kg.settings import Settings, get_settings
from kg.sparql_text import QueryTooComplex, ServiceRefused
from kg.store import StoreError, generation

log = logging.getLogger(__name__)

STATIC_DIR = static_dir()

_DESCRIPTION = """
A knowledge graph of AI-in-medicine papers: the datasets, models, modalities, tasks and metrics
each paper uses or introduces, and the results it reports, with the evidence sentences behind
every link.

* **`/sparql`**: SPARQL 1.1 Protocol endpoint (query; update only with a token).
* **`/queries`**: saved queries as typed, paged API calls.
* **`/resource/{type}/{slug}`**: linked-data pages (HTML, Turtle, JSON-LD).
* **`/`**: search and browse; **`/query`**: the YASGUI query page.
* **`/search`**: entities by any of their names.
* **`/store`**: Graph Store Protocol, read side (`?graph=IRI` or `?default`).

Limits: each query runs at most `KG_QUERY_TIMEOUT` seconds (then 503 `timeout`); results are
cut at `KG_MAX_RESULT_ROWS` rows or `KG_MAX_RESPONSE_BYTES` bytes with an `X-KG-Truncated`
header; request bodies over `KG_MAX_BODY_BYTES` get 413; `SERVICE` is refused unless allowed.
"""


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413, whether or not they declare a length.

    The body is read (up to the limit) before the app sees it, so a too-large request never
    reaches a route, and a client that lies in Content-Length is caught too.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {
                "error": "body_too_large",
                "detail": f"the request body is larger than {self.max_bytes} bytes",
            },
            status_code=413,
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


class MethodsMiddleware:
    """``HEAD`` on every GET route (RFC 9110: a GET without the body), ``OPTIONS`` on /sparql.

    FastAPI routes answer only the methods they declare, so ``HEAD`` got 405 everywhere.
    A CORS preflight never gets here when CORS is configured (that middleware answers it).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get("method") == "OPTIONS" and scope.get("path") == "/sparql":
            await send(
                {
                    "type": "http.response.start",
                    "status": 204,
                    "headers": [(b"allow", b"GET, HEAD, POST, OPTIONS")],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        if scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _error(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status, headers=headers)


#: exception → (HTTP status, error code, extra headers): errors whose message is the detail.
_PLAIN_ERRORS: dict[type[Exception], tuple[int, str, dict[str, str] | None]] = {
    QueryFailed: (400, "malformed_query", None),
    ServiceRefused: (403, "service_refused", None),
    QueryTooComplex: (400, "query_too_complex", None),
    QueryTimeout: (503, "timeout", None),
    # nginx's "client closed request": nobody reads it, but the metrics count it apart
    ClientGone: (499, "client_gone", None),
    PoolBusy: (503, "busy", {"Retry-After": "1"}),
    WorkerCrashed: (500, "worker_crashed", None),
    ResultLimitExceeded: (422, "result_too_large", None),
    SavedQueryError: (422, "invalid_parameter", None),
    StoreError: (503, "store_unavailable", None),
    ExecutorError: (500, "internal", None),
}


#: the ``error`` code of a bare HTTP status raised by the framework (unknown path, method…)
_HTTP_CODES = {
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
}


def _install_error_handlers(app: FastAPI) -> None:
    # Every error body has the documented {"error", "detail"} shape, the framework's too.
    @app.exception_handler(StarletteHTTPException)
    def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail), dict(exc.headers or {}) or None)

    @app.exception_handler(RequestValidationError)
    def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return _error(422, "invalid_request", problems or "the request is invalid")

    @app.exception_handler(ApiError)
    def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.detail, exc.headers)

    @app.exception_handler(NotAcceptable)
    def _not_acceptable(request: Request, exc: NotAcceptable) -> JSONResponse:
        kinds = "CONSTRUCT/DESCRIBE" if exc.kind == "graph" else "SELECT/ASK"
        return _error(
            406,
            "not_acceptable",
            f"no acceptable format for a {kinds} result (Accept: "
            f"{request.headers.get('accept')}); see the service description at /sparql",
        )

    def _plain(_request: Request, exc: Exception) -> JSONResponse:
        # the most specific registered class wins (a subclass before its base)
        for cls in type(exc).__mro__:
            if cls in _PLAIN_ERRORS:
                status, code, headers = _PLAIN_ERRORS[cls]
                return _error(status, code, str(exc), headers)
        return _error(500, "internal", str(exc))

    for exc_class in _PLAIN_ERRORS:
        app.add_exception_handler(exc_class, _plain)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the medkg API app; its lifespan starts and stops the query workers.

    Args:
        settings: the configuration (default: :func:`kg.settings.get_settings`).

    Raises:
        SavedQueryError: if a saved query file is invalid.
    """
    settings = settings or get_settings()
    saved_queries = load_queries(settings.queries_dir)
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Each request holds a thread while its worker computes: allow more threads than
        # workers so queued requests wait on the pool (with its timeout), not on the limiter.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.thread_limit
        generation(settings.store_path, wait=0)  # a clear error before starting workers
        executor = QueryExecutor(
            settings.store_path,
            size=settings.effective_workers(),
            memory_mb=settings.worker_memory_mb,
            cache_bytes=settings.cache_bytes,
            allow_network=settings.allow_service,
            on_event=metrics.on_executor_event,
            lane_size=settings.lane_workers,
            lane_seconds=settings.lane_seconds,
        )
        await anyio.to_thread.run_sync(executor.start)
        app.state.executor = executor
        log.info("medkg: %d query workers on %s", executor.size, settings.store_path)
        try:
            yield
        finally:
            app.state.executor = None
            await anyio.to_thread.run_sync(executor.close)

    # /docs is served from vendored assets (kg.api.routes.docs), not FastAPI's CDN page
    app = FastAPI(
        title="medkg",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.saved_queries = saved_queries
    app.state.metrics = metrics
    app.state.executor = None

    _install_error_handlers(app)
    app.include_router(page.router)
    app.include_router(sparql.router)
    app.include_router(queries.build_router(saved_queries, settings))
    app.include_router(resources.router)
    app.include_router(health.router)
    app.include_router(docs.router)
    app.include_router(browse.router)
    app.include_router(graphs.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    # innermost: a CORS preflight is answered by CORSMiddleware, outside it
    app.add_middleware(MethodsMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],  # read-only: no credentials,
            allow_headers=["Accept", "Content-Type"],  # no Authorization
            expose_headers=["X-KG-Truncated", "X-KG-Rows", "Link"],
            max_age=600,
        )
    app.add_middleware(DisconnectMiddleware)  # inside the body limit: reads a bounded body
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        ResponseCacheMiddleware,
        store_path=settings.store_path,
        max_bytes=settings.cache_bytes,
        metrics=metrics,
    )
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app


def serve(store_path: Path, *, host: str, port: int, settings: Settings | None = None) -> None:
    """Run the endpoint on uvicorn until interrupted (what ``kg serve`` calls).

    Args:
        store_path: the store directory (overrides ``settings.store_path``).
        host: address to bind.
        port: TCP port.
        settings: the rest of the configuration (default: from the environment).

    Raises:
        StoreError: if there is no store at ``store_path``.
    """
    import uvicorn

    base = settings or get_settings()
    settings = base.model_copy(update={"store_path": Path(store_path), "host": host, "port": port})
    if not Path(store_path).is_dir():
        raise StoreError(f"no store at {store_path}: run `kg build --store {store_path}` first")
    app = create_app(settings)
    # uvloop and httptools when installed (the default dependencies), with request heads
    # bounded as they arrive (kg.api.http); no per-request access log line unless
    # KG_ACCESS_LOG=1: both cost more than answering a cached query (issue 7)
    protocol = bounded_protocol(settings.max_header_bytes)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=5,
        access_log=settings.access_log,
        loop="auto",
        http=protocol or "h11",
        h11_max_incomplete_event_size=settings.max_header_bytes,
    )


__all__ = ["BodyLimitMiddleware", "MethodsMiddleware", "create_app", "serve"]
