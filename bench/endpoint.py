"""SPARQL endpoint throughput and latency: `kg serve` against `oxigraph serve-read-only`.

Both servers answer from the same data (the store is exported with `kg export --format nquads`
and loaded with `oxigraph load`; Oxigraph queries the union of the graphs, as medkg does). For
every saved query (queries/*.rq, sent as written: a parameter is an unbound variable) plus a
point lookup (all triples of one paper), wrk drives GET /sparql?query=… at 8 connections for a
fixed duration against one server and then the other, in the same run, on loopback only. It
prints requests/s and p50/p99 latency per query and server, the kg/oxigraph ratios, and their
geometric mean. Non-2xx answers are counted and reported (a server that fails fast is not fast).
After the warm-up, kg answers repeated queries from its result cache (keyed by query and build:
the store never changes between builds); the "unc." columns are the median latency of sequential
requests that no cache can answer (a unique comment appended to the query), the uncached
comparison. Between runs the script waits until each server is idle again (wrk abandons
requests in flight at the end of a run; both servers finish them).

    python bench/endpoint.py --store STORE [--duration 5] [--connections 8] [--json out.json]

Needs wrk (apt-get install wrk) and the `oxigraph` CLI (pip install oxigraph).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server at {url} did not come up")


def _queries(store: Path) -> dict[str, str]:
    # a point lookup first (every triple about one paper), then the saved queries
    sys.path.insert(0, str(ROOT))
    from kg.store import open_store

    row = next(open_store(store).query("SELECT ?p WHERE { ?p a mkg:Paper } LIMIT 1").rows())
    out = {"point_lookup": f"SELECT ?p ?o WHERE {{ <{row['p']}> ?p ?o }}"}
    for path in sorted((ROOT / "queries").glob("*.rq")):
        out[path.stem] = path.read_text(encoding="utf-8")
    return out


_GRAPH_FORM = re.compile(r"^\s*(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


def _accept(query: str) -> str:
    body = re.sub(r"#[^\n]*", "", query)
    return "text/turtle" if _GRAPH_FORM.search(body) else "application/sparql-results+json"


def _wrk(url: str, accept: str, *, duration: float, connections: int, threads: int) -> dict:
    proc = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(duration))}s",
            "--latency",
            "--timeout",
            "30s",
            "-H",
            f"Accept: {accept}",
            url,
        ],
        capture_output=True,
        text=True,
    )
    text = proc.stdout
    if "Requests/sec" not in text:
        print(
            f"wrk failed on {url[:80]}: {proc.stdout[-500:]} {proc.stderr[-500:]}", file=sys.stderr
        )
    rps = (
        float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
        if "Requests/sec" in text
        else 0.0
    )
    total = int(re.search(r"(\d+) requests in", text).group(1)) if "requests in" in text else 0
    bad = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", text)) else 0
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))

    def pct(p: str) -> float:
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\b", text, re.MULTILINE)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[m.group(2)]

    return {
        "rps": rps,
        "requests": total,
        "non2xx": bad,
        "socket_errors": errors,
        "p50_ms": pct("50"),
        "p99_ms": pct("99"),
    }


def _check(url: str, accept: str) -> tuple[int, int, float]:
    """One request on its own: status, body size and latency in ms (cold: nothing cached)."""
    req = urllib.request.Request(url, headers={"Accept": accept})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            size = len(r.read())
            return r.status, size, (time.perf_counter() - started) * 1e3
    except urllib.error.HTTPError as e:
        return e.code, 0, (time.perf_counter() - started) * 1e3
    except OSError:
        return 0, 0, (time.perf_counter() - started) * 1e3


def _uncached(base: str, query: str, accept: str, budget: float = 3.0, n: int = 5) -> float:
    """Median latency (ms) of up to ``n`` sequential requests that no cache can answer (each
    query text gets a unique trailing comment), within about ``budget`` seconds."""
    times: list[float] = []
    deadline = time.monotonic() + budget
    while len(times) < n and (not times or time.monotonic() < deadline):
        text = f"{query}\n# uncached {time.time_ns()}"
        status, _, ms = _check(f"{base}?{urllib.parse.urlencode({'query': text})}", accept)
        if status != 200:
            return float("nan")
        times.append(ms)
    return sorted(times)[len(times) // 2]


def _drain(base: str, timeout: float = 120.0) -> None:
    """Wait until the server answers a trivial uncached query fast again: queries that wrk
    abandoned at the end of a run may still be running, and must not slow the next one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = f"ASK {{ }} # drain {time.time_ns()}"
        status, _, ms = _check(
            f"{base}?{urllib.parse.urlencode({'query': text})}", "application/sparql-results+json"
        )
        if status == 200 and ms < 50:
            return
        time.sleep(0.2)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--store", type=Path, required=True, help="a medkg store (kg build --store)"
    )
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per query and server")
    parser.add_argument(
        "--warmup", type=float, default=1.0, help="seconds of warm-up per query and server"
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--only", nargs="*", help="query names to run (default: all)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    oxigraph = shutil.which("oxigraph", path=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if oxigraph is None:
        raise SystemExit("the oxigraph CLI is not installed: pip install oxigraph")

    work = Path(tempfile.mkdtemp(prefix="kg-endpoint-"))
    procs: list[subprocess.Popen] = []
    try:
        dump = work / "dump.nq"
        subprocess.run(
            [
                str(VENV_BIN / "kg"),
                "export",
                "--store",
                str(args.store),
                "--format",
                "nquads",
                "-o",
                str(dump),
            ],
            check=True,
        )
        ox_dir = work / "oxigraph"
        subprocess.run(
            [oxigraph, "load", "--location", str(ox_dir), "--file", str(dump)],
            check=True,
            capture_output=True,
        )
        kg_port, ox_port = _free_port(), _free_port()
        env = dict(os.environ, KG_STORE=str(args.store))
        procs.append(
            subprocess.Popen(
                [
                    str(VENV_BIN / "kg"),
                    "serve",
                    "--store",
                    str(args.store),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(kg_port),
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        procs.append(
            subprocess.Popen(
                [
                    oxigraph,
                    "serve-read-only",
                    "--location",
                    str(ox_dir),
                    "--bind",
                    f"127.0.0.1:{ox_port}",
                    "--union-default-graph",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        servers = {
            "kg": f"http://127.0.0.1:{kg_port}/sparql",
            "oxigraph": f"http://127.0.0.1:{ox_port}/query",
        }
        _wait_http(f"http://127.0.0.1:{kg_port}/health")
        _wait_http(f"http://127.0.0.1:{ox_port}/")

        queries = _queries(args.store)
        if args.only:
            queries = {k: v for k, v in queries.items() if k in args.only}
        print(
            f"machine: {os.cpu_count()} cores; store {args.store}; {args.connections} connections, "
            f"{args.duration:g} s per query and server; load average "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            flush=True,
        )
        print(
            f"{'query':<42} {'kg req/s':>9} {'ox req/s':>9} {'ratio':>6} {'kg p50':>7} "
            f"{'ox p50':>7} "
            f"{'kg p99':>7} {'ox p99':>7} {'p99 x':>6} {'kg unc.':>8} {'ox unc.':>8}  errors",
            flush=True,
        )
        rows = []
        for name, text in queries.items():
            accept = _accept(text)
            result = {}
            notes = []
            for server, base in servers.items():
                url = f"{base}?{urllib.parse.urlencode({'query': text})}"
                _drain(base)
                status, size, cold = _check(url, accept)
                if status != 200:
                    notes.append(f"{server} HTTP {status}")
                if args.warmup > 0:
                    _wrk(
                        url,
                        accept,
                        duration=args.warmup,
                        connections=args.connections,
                        threads=args.threads,
                    )
                result[server] = _wrk(
                    url,
                    accept,
                    duration=args.duration,
                    connections=args.connections,
                    threads=args.threads,
                )
                result[server]["bytes"] = size
                result[server]["cold_ms"] = cold
                _drain(base)
                result[server]["uncached_ms"] = _uncached(base, text, accept)
                if result[server]["non2xx"] or result[server]["socket_errors"]:
                    notes.append(
                        f"{server}: {result[server]['non2xx']} non-2xx, "
                        f"{result[server]['socket_errors']} socket errors"
                    )
            kg, ox = result["kg"], result["oxigraph"]
            ratio = kg["rps"] / ox["rps"] if ox["rps"] else float("nan")
            p99x = kg["p99_ms"] / ox["p99_ms"] if ox["p99_ms"] else float("nan")
            rows.append(
                {
                    "query": name,
                    "kg": kg,
                    "oxigraph": ox,
                    "ratio": ratio,
                    "p99_ratio": p99x,
                    "notes": notes,
                }
            )
            print(
                f"{name:<42} {kg['rps']:>9.0f} {ox['rps']:>9.0f} {ratio:>6.2f} "
                f"{kg['p50_ms']:>7.2f} "
                f"{ox['p50_ms']:>7.2f} {kg['p99_ms']:>7.2f} {ox['p99_ms']:>7.2f} {p99x:>6.2f} "
                f"{kg['uncached_ms']:>8.1f} {ox['uncached_ms']:>8.1f}  "
                f"{'; '.join(notes)}",
                flush=True,
            )
        good = [r["ratio"] for r in rows if r["ratio"] > 0 and math.isfinite(r["ratio"])]
        geo = math.exp(sum(math.log(x) for x in good) / len(good)) if good else float("nan")
        worst = max(
            (r["p99_ratio"] for r in rows if math.isfinite(r["p99_ratio"])), default=float("nan")
        )
        within = sum(1 for r in rows if r["p99_ratio"] <= 2)
        print(
            f"\ngeometric mean of kg/oxigraph req/s ratios: {geo:.2f} over {len(good)} queries; "
            f"p99 within 2x of Oxigraph on {within}/{len(rows)} queries (worst {worst:.2f}x); "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        colds = [
            r["oxigraph"]["uncached_ms"] / r["kg"]["uncached_ms"]
            for r in rows
            if r["kg"]["uncached_ms"] > 0 and r["oxigraph"]["uncached_ms"] > 0
        ]
        cold_geo = math.exp(sum(math.log(x) for x in colds) / len(colds)) if colds else float("nan")
        print(
            f"uncached (median of sequential cache-busted requests, one client): geometric mean "
            f"of kg/oxigraph speed (oxigraph ms / kg ms): {cold_geo:.2f} over {len(colds)} queries"
        )
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(
                json.dumps(
                    {
                        "cores": os.cpu_count(),
                        "connections": args.connections,
                        "duration": args.duration,
                        "geomean_ratio": geo,
                        "cold_geomean_speed": cold_geo,
                        "queries": rows,
                    },
                    indent=1,
                )
            )
    finally:
        for proc in procs:
            _stop(proc)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
