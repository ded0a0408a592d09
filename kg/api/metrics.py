"""Prometheus metrics of the endpoint, and the ASGI middleware that records them.

Each app has its own registry (several apps can live in one test process). Request metrics
are labelled by the route template (``/resource/{type}/{slug}``), never by the raw path, so
the label set stays small whatever clients send.
"""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_TYPE_LATEST", "Metrics", "MetricsMiddleware"]

_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


class Metrics:
    """The endpoint's metrics (all prefixed ``kg_``)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "kg_http_requests", "HTTP requests answered", ["method", "route", "status"], registry=r
        )
        self.latency = Histogram(
            "kg_http_request_duration_seconds",
            "HTTP request latency",
            ["method", "route"],
            buckets=_BUCKETS,
            registry=r,
        )
        self.queries = Counter(
            "kg_queries", "SPARQL queries evaluated, by outcome", ["outcome"], registry=r
        )
        self.query_seconds = Histogram(
            "kg_query_duration_seconds",
            "Time spent in a worker per query",
            buckets=_BUCKETS,
            registry=r,
        )
        self.timeouts = Counter("kg_query_timeouts", "Queries stopped by the timeout", registry=r)
        self.truncated = Counter(
            "kg_results_truncated", "Responses cut by a result limit", ["limit"], registry=r
        )
        self.worker_restarts = Counter(
            "kg_worker_restarts", "Query workers killed and replaced", registry=r
        )
        self.cache = Counter("kg_result_cache", "Result cache lookups", ["result"], registry=r)
        self.workers_alive = Gauge("kg_workers_alive", "Live query worker processes", registry=r)
        self.workers_idle = Gauge("kg_workers_idle", "Idle query worker processes", registry=r)
        self.in_flight = Gauge("kg_http_requests_in_flight", "Requests being answered", registry=r)
        self.scheduling = Counter(
            "kg_query_scheduling",
            "Queries shared with an identical one in flight, run in the quick lane, stopped "
            "there for running too long, or stopped because their clients left",
            ["event"],
            registry=r,
        )

    def on_executor_event(self, event: str, seconds: float) -> None:
        """Callback for :class:`kg.api.executor.QueryExecutor` events."""
        if event == "timeout":
            self.timeouts.inc()
            self.queries.labels("timeout").inc()
        elif event == "restart":
            self.worker_restarts.inc()
        elif event == "crash":
            self.queries.labels("crash").inc()
        elif event == "busy":
            self.queries.labels("busy").inc()
        elif event in ("cache_hit", "cache_miss"):
            self.cache.labels(event.removeprefix("cache_")).inc()
        elif event in ("shared", "lane", "lane_overrun", "abandoned"):
            self.scheduling.labels(event).inc()

    def render(self) -> bytes:
        """The text exposition format."""
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Counts requests and measures their latency by route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message["status"])
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            self.metrics.in_flight.dec()
            route: Any = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            if template.startswith("/static"):
                template = "/static"
            method = scope.get("method", "GET")
            self.metrics.requests.labels(method, template, str(status[0])).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - started)
