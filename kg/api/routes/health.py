"""``/health`` for load balancers and ``/metrics`` for Prometheus."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from kg import __version__
from kg.api.deps import MetricsDep, SettingsDep
from kg.api.executor import QueryExecutor
from kg.api.metrics import CONTENT_TYPE_LATEST
from kg.api.schemas import HealthInfo

router = APIRouter(tags=["operations"])


@router.get(
    "/health",
    response_model=HealthInfo,
    summary="Liveness and worker status",
    responses={503: {"model": HealthInfo, "description": "no live query worker"}},
)
def health(request: Request, settings: SettingsDep) -> Response:
    """``ok`` while at least one query worker is alive (503 ``degraded`` otherwise)."""
    executor: QueryExecutor | None = getattr(request.app.state, "executor", None)
    alive = executor.alive if executor else 0
    info = HealthInfo(
        status="ok" if alive else "degraded",
        version=__version__,
        store=str(settings.store_path),
        workers=executor.size if executor else 0,
        workers_alive=alive,
        workers_idle=executor.idle if executor else 0,
        query_timeout=settings.query_timeout,
        update_enabled=settings.update_token is not None,
    )
    return JSONResponse(info.model_dump(), status_code=200 if alive else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}},
)
def metrics(request: Request, metrics: MetricsDep) -> Response:
    """Request counts and latencies, query outcomes, timeouts, worker restarts, cache hits."""
    executor: QueryExecutor | None = getattr(request.app.state, "executor", None)
    if executor is not None:
        metrics.workers_alive.set(executor.alive)
        metrics.workers_idle.set(executor.idle)
    return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)
