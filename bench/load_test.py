"""A bounded loopback load test of ``kg serve`` (issue 6, point 4).

N concurrent clients (asyncio + httpx) send the saved queries for a fixed time: each through
the API (``GET /queries/{name}`` with varying pages), as SPARQL (``POST /sparql``, form) and
as a GET, plus resource pages and ``/health``. Every answer must be a 200; anything else (or
a transport error) is counted as an error. The resident memory (RSS) of the server and of all
its children (the query workers) is sampled after a warm-up, in the middle and at the end, so
growth across the run is visible. Traffic only ever goes to 127.0.0.1.

    .venv/bin/python bench/load_test.py                        # builds nothing: uses ./medkg-store
    .venv/bin/python bench/load_test.py --store DIR --clients 50 --duration 60
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:8000 --pid PID   # a running server

It prints the figures (and ``--json`` writes them); the exit status is 1 if any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
_SERVE = (
    "import sys; from pathlib import Path; from kg.api.main import serve; "
    "serve(Path(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]))"
)
#: values for saved-query parameters that have no default
_REQUIRED = {"dataset": "medqa", "entity": "https://w3id.org/medkg/resource/dataset/medqa"}
_RESOURCES = (
    "/resource/dataset/medqa",
    "/resource/modality/ct",
    "/resource/task/imagesegmentation",
)


@dataclass
class Figures:
    """What one run measured."""

    clients: int
    duration: float = 0.0
    requests: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    rss_mb: dict[str, float] = field(default_factory=dict)
    processes: dict[str, int] = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def summary(self) -> dict[str, Any]:
        rss = self.rss_mb
        return {
            "clients": self.clients,
            "duration_s": round(self.duration, 1),
            "requests": self.requests,
            "requests_per_s": round(self.requests / self.duration, 1) if self.duration else 0,
            "errors": self.error_count,
            "errors_by_kind": self.errors,
            "latency_ms": {
                "p50": round(1000 * self.percentile(0.50), 1),
                "p95": round(1000 * self.percentile(0.95), 1),
                "p99": round(1000 * self.percentile(0.99), 1),
                "max": round(1000 * max(self.latencies, default=0.0), 1),
                "mean": round(1000 * statistics.fmean(self.latencies), 1) if self.latencies else 0,
            },
            "rss_mb": {k: round(v, 1) for k, v in rss.items()},
            "rss_growth_mb": round(rss.get("end", 0) - rss.get("start", 0), 1),
            "processes": self.processes,
        }


def tree_rss_mb(pid: int) -> tuple[float, int]:
    """RSS of ``pid`` and all its descendants in MiB, and how many processes that is."""
    root = psutil.Process(pid)
    total, count = 0, 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
            count += 1
        except psutil.Error:
            pass
    return total / (1024 * 1024), count


def request_mix(base: str) -> list[tuple[str, str, dict[str, Any]]]:
    """``(method, url, httpx kwargs)`` for every saved query, three ways, plus pages."""
    saved = httpx.get(f"{base}/queries", timeout=30).json()
    mix: list[tuple[str, str, dict[str, Any]]] = []
    for query in saved:
        params = {
            p["name"]: _REQUIRED.get(p["type"], _REQUIRED.get(p["name"], "medqa"))
            for p in query["params"]
            if p["required"]
        }
        for limit, offset in ((10, 0), (25, 0), (10, 10)):
            mix.append(
                (
                    "GET",
                    f"{base}/queries/{query['name']}",
                    {"params": {**params, "limit": limit, "offset": offset}},
                )
            )
        if not query["params"]:
            mix.append(("POST", f"{base}/sparql", {"data": {"query": query["sparql"]}}))
            mix.append(
                (
                    "GET",
                    f"{base}/sparql",
                    {"params": {"query": query["sparql"]}, "headers": {"Accept": "text/csv"}},
                )
            )
    for path in _RESOURCES:
        mix.append(("GET", f"{base}{path}", {"headers": {"Accept": "text/turtle"}}))
    mix.append(("GET", f"{base}/health", {}))
    return mix


async def _client(
    client: httpx.AsyncClient,
    mix: list[tuple[str, str, dict[str, Any]]],
    deadline: float,
    figures: Figures,
    rng: random.Random,
    max_requests: int,
) -> None:
    while time.monotonic() < deadline and figures.requests < max_requests:
        method, url, kwargs = rng.choice(mix)
        started = time.monotonic()
        try:
            response = await client.request(method, url, **kwargs)
            await response.aread()
            kind = None if response.status_code == 200 else f"http_{response.status_code}"
        except httpx.HTTPError as e:
            kind = type(e).__name__
        figures.latencies.append(time.monotonic() - started)
        figures.requests += 1
        if kind:
            figures.errors[kind] = figures.errors.get(kind, 0) + 1


async def _run(
    base: str, pid: int, clients: int, duration: float, warmup: float, max_requests: int, seed: int
) -> Figures:
    mix = request_mix(base)
    figures = Figures(clients=clients)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        # warm-up: every request once (fills the caches), then a short burst
        for method, url, kwargs in mix:
            await client.request(method, url, **kwargs)
        if warmup > 0:
            scratch = Figures(clients=clients)
            end = time.monotonic() + warmup
            await asyncio.gather(
                *(
                    _client(client, mix, end, scratch, random.Random(seed + 1000 + i), max_requests)
                    for i in range(clients)
                )
            )
        figures.rss_mb["start"], figures.processes["start"] = tree_rss_mb(pid)
        started = time.monotonic()
        deadline = started + duration

        async def sample_middle() -> None:
            await asyncio.sleep(duration / 2)
            figures.rss_mb["middle"], figures.processes["middle"] = tree_rss_mb(pid)

        sampler = asyncio.create_task(sample_middle())
        await asyncio.gather(
            *(
                _client(client, mix, deadline, figures, random.Random(seed + i), max_requests)
                for i in range(clients)
            )
        )
        figures.duration = time.monotonic() - started
        if not sampler.done():
            sampler.cancel()
            figures.rss_mb["middle"], figures.processes["middle"] = tree_rss_mb(pid)
    figures.rss_mb["end"], figures.processes["end"] = tree_rss_mb(pid)
    return figures


def run_load(
    base: str,
    pid: int,
    *,
    clients: int = 50,
    duration: float = 60.0,
    warmup: float = 5.0,
    max_requests: int = 1_000_000,
    seed: int = 0,
) -> Figures:
    """Run the load test against the server at ``base`` (loopback only) whose process is ``pid``.

    Raises:
        ValueError: if ``base`` is not a loopback URL.
    """
    host = urlsplit(base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"the load test only talks to loopback, not {host}")
    return asyncio.run(_run(base, pid, clients, duration, warmup, max_requests, seed))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(store: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    full_env = {**os.environ, **env}
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVE, str(store), str(port)],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=REPO,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"kg serve exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit("kg serve did not come up within 60 s")


def _stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--store", type=Path, default=Path(os.environ.get("KG_STORE", "medkg-store"))
    )
    parser.add_argument("--url", help="a running server on loopback (then give --pid)")
    parser.add_argument("--pid", type=int, help="process id of the running server")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    process = None
    if args.url:
        if not args.pid:
            parser.error("--url needs --pid (to sample the server's memory)")
        base, pid = args.url.rstrip("/"), args.pid
    else:
        if not args.store.is_dir():
            parser.error(f"no store at {args.store}: run `kg build` first")
        process, base = _start_server(args.store, {})
        pid = process.pid
    try:
        figures = run_load(
            base,
            pid,
            clients=args.clients,
            duration=args.duration,
            warmup=args.warmup,
            max_requests=args.max_requests,
        )
    finally:
        if process is not None:
            _stop_server(process)
    summary = figures.summary()
    lat = summary["latency_ms"]
    print(f"load test: {summary['clients']} clients for {summary['duration_s']} s against {base}")
    print(f"  requests  {summary['requests']}  ({summary['requests_per_s']}/s)")
    print(f"  errors    {summary['errors']}  {summary['errors_by_kind'] or ''}")
    print(
        f"  latency   p50 {lat['p50']} ms  p95 {lat['p95']} ms  p99 {lat['p99']} ms  "
        f"max {lat['max']} ms  mean {lat['mean']} ms"
    )
    rss = summary["rss_mb"]
    print(
        f"  RSS (server + workers, MiB)  start {rss.get('start')}  middle {rss.get('middle')}  "
        f"end {rss.get('end')}  growth {summary['rss_growth_mb']}  "
        f"processes {summary['processes']}"
    )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 1 if figures.error_count else 0


if __name__ == "__main__":
    raise SystemExit(main())
