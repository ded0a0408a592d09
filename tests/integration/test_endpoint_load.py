"""A short loopback load test of ``kg serve`` (issue 6, point 4): the suite's version of
``bench/load_test.py`` (50 clients × 60 s there; 20 clients × 10 s here).

Every request over the saved queries (API, SPARQL POST and GET), resource pages and
``/health`` must be answered 200, and the resident memory of the server and its workers must
not grow across the run (sampled after a warm-up that fills the caches, in the middle and at
the end).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from endpoint_server import EndpointServer

REPO = Path(__file__).resolve().parents[2]
CLIENTS, SECONDS = 20, 10
MAX_GROWTH_MB = 40


def _load_test_module():
    spec = importlib.util.spec_from_file_location("load_test", REPO / "bench" / "load_test.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def server(bundled_store: Path) -> Iterator[EndpointServer]:
    env = {"KG_WORKERS": "2", "KG_QUERY_TIMEOUT": "30", "KG_CACHE_BYTES": str(16 * 1024 * 1024)}
    with EndpointServer(bundled_store, env=env) as running:
        yield running


@pytest.mark.timeout(180)
def test_load_zero_errors_and_no_memory_growth(server: EndpointServer) -> None:
    load_test = _load_test_module()
    figures = load_test.run_load(
        server.url,
        server.process.pid,
        clients=CLIENTS,  # type: ignore[union-attr]
        duration=SECONDS,
        warmup=3,
    )
    summary = figures.summary()
    print(summary)
    assert summary["errors"] == 0, summary["errors_by_kind"]
    assert summary["requests"] > CLIENTS * 10
    assert summary["processes"]["start"] == summary["processes"]["end"]  # no worker died
    rss = summary["rss_mb"]
    assert rss["end"] - rss["start"] < MAX_GROWTH_MB, rss
    assert rss["end"] - rss["middle"] < MAX_GROWTH_MB / 2, rss
