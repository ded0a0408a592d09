"""FastAPI dependencies: the settings, the query runner and the saved queries of the app."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import Depends, Request

from kg.api.disconnect import DISCONNECTED
from kg.api.executor import PoolBusy, QueryExecutor
from kg.api.metrics import Metrics
from kg.api.worker import QueryJob, QueryResult
from kg.queries import SavedQuery
from kg.settings import Settings


def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_metrics(request: Request) -> Metrics:
    """The app's Prometheus metrics."""
    metrics: Metrics = request.app.state.metrics
    return metrics


def get_saved_queries(request: Request) -> dict[str, SavedQuery]:
    """The saved queries loaded at start-up, by name."""
    queries: dict[str, SavedQuery] = request.app.state.saved_queries
    return queries


class QueryRunner:
    """Runs jobs on the app's worker pool with the configured limits, recording metrics."""

    def __init__(
        self,
        executor: QueryExecutor,
        settings: Settings,
        metrics: Metrics,
        disconnected: threading.Event | None = None,
    ) -> None:
        self.executor = executor
        self.settings = settings
        self.metrics = metrics
        self.disconnected = disconnected

    def job(self, sparql: str, **kwargs: Any) -> QueryJob:
        """A :class:`QueryJob` with the endpoint's row and size caps filled in."""
        return QueryJob(
            sparql,
            max_rows=self.settings.max_result_rows,
            max_bytes=self.settings.max_response_bytes,
            **kwargs,
        )

    def run(self, job: QueryJob) -> QueryResult:
        """Evaluate ``job`` (see :meth:`QueryExecutor.execute` for the errors)."""
        result = self.executor.execute(
            job,
            timeout=self.settings.query_timeout,
            queue_timeout=self.settings.queue_timeout,
            cancelled=self.disconnected,
        )
        self.metrics.queries.labels("ok").inc()
        if not result.cached:
            self.metrics.query_seconds.observe(result.elapsed)
        if result.truncated:
            self.metrics.truncated.labels(result.truncated).inc()
        return result


def get_runner(request: Request) -> QueryRunner:
    """The app's query runner.

    Raises:
        PoolBusy: before start-up finished or after shut-down.
    """
    executor: QueryExecutor | None = getattr(request.app.state, "executor", None)
    if executor is None:
        raise PoolBusy("the query workers are not running")
    return QueryRunner(
        executor,
        request.app.state.settings,
        request.app.state.metrics,
        disconnected=request.scope.get(DISCONNECTED),
    )


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
SavedQueriesDep = Annotated[dict[str, SavedQuery], Depends(get_saved_queries)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]

__all__ = [
    "MetricsDep",
    "QueryRunner",
    "RunnerDep",
    "SavedQueriesDep",
    "SettingsDep",
    "get_app_settings",
    "get_runner",
]
