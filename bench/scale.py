"""How saved queries, entity search and the endpoint scale with the graph (issue 18).

For each store (e.g. 1,000, 50,000 and 200,000 synthetic papers, built by
``bench/make_corpus.py`` and ``kg build``; a missing store is built once and then reused), this
runs every saved query cold, as a user would, through ``kg query --saved NAME`` in a new process:

- with the example values of its ``#+ param:`` lines bound (``-p NAME=VALUE``), and
- with its parameters open (no ``-p``), where it has any;

then entity search through ``kg search`` (cold, a new process each time), and, with
``--endpoint``, the endpoint under ``kg serve``: for each saved query on its own, requests/s at
``--connections`` connections for ``--seconds`` seconds, once **uncached** (every request
distinct: a different page size, so neither the response cache nor the result cache can answer)
and once **cached** (the same request repeated), waiting until the server is idle before the
next query, so nothing queued by one query is counted against the next. Resource pages of the
most-linked entity of each type are timed there too.

It prints one table per measure with a column per store and the growth factor between the last
two stores, and writes it to ``--output``. Times are wall-clock seconds and include the process
start of ``kg`` (about 0.25 s on a quiet machine); ``> T s`` marks a run killed at the timeout.

    python bench/scale.py --store 1k=/work/scale/store-1k --store 50k=/work/scale/store-50k \\
        [--store 200k=/work/scale/store-200k] [--timeout 60] [--endpoint] \\
        [-o bench/results/scale.txt]

A ``--store LABEL=DIR`` whose DIR has no ``kg-build.json`` is built first from
``--corpus-dir/synthetic-LABEL.jsonl`` (made by ``bench/make_corpus.py`` when missing; LABEL
``1k``/``50k``/``200k`` means 1,000/50,000/200,000 papers).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.queries import SavedQuery, load_queries  # noqa: E402

VENV_BIN = Path(sys.executable).parent
KG = str(VENV_BIN / "kg")
SEARCH_TERMS = ("mimic", "seg", "chest x-ray", "ct")


def _papers(label: str) -> int:
    match = re.fullmatch(r"(\d+)([km]?)", label.lower())
    if not match:
        raise SystemExit(f"cannot tell a paper count from the store label {label!r} (use e.g. 50k)")
    return int(match.group(1)) * {"": 1, "k": 1000, "m": 1_000_000}[match.group(2)]


def ensure_store(label: str, store: Path, corpus_dir: Path) -> None:
    """Build ``store`` from a synthetic corpus of ``label`` papers unless it is complete."""
    if (store / "kg-build.json").is_file():
        return
    corpus = corpus_dir / f"synthetic-{label}.jsonl"
    if not corpus.is_file():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "make_corpus.py"),
                str(_papers(label)),
                "-o",
                str(corpus),
            ],
            check=True,
        )
    started = time.perf_counter()
    subprocess.run(
        [KG, "build", str(corpus), "--fresh", "--store", str(store), "-j", "2"], check=True
    )
    print(f"built {store} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def example_values(query: SavedQuery) -> dict[str, str]:
    """The example value of every parameter (``#+ example:``, else its default)."""
    values = {}
    for param in query.params:
        example = getattr(param, "example", None) or param.default
        if example:
            values[param.name] = example
    return values


#: The links that make an entity of each parameter type "linked" (the browse index's names).
_TYPE_LINKS = {
    "dataset": ("introducesDataset", "usesDataset"),
    "model": ("proposesModel", "usesModel"),
    "modality": ("hasModality",),
    "task": ("addressesTask",),
    "metric": ("usesMetric",),
}


def busiest_values(store: Path, query: SavedQuery) -> dict[str, str] | None:
    """Every entity parameter bound to the store's most-linked entity of its type (the paper
    with the most entities for a paper), others to their example; None: no entity parameter.

    Example values name entities of the bundled corpus, which a synthetic store may not hold
    (the query then answers no rows quickly); this is the heaviest value a user could pick.
    """
    import sqlite3

    entity_params = [p for p in query.params if p.type in (*_TYPE_LINKS, "paper")]
    if not entity_params:
        return None
    db = sqlite3.connect(f"file:{store / 'kg-browse.sqlite'}?mode=ro", uri=True)
    try:
        values = example_values(query)
        for param in entity_params:
            if param.type == "paper":
                sql = "SELECT n.iri FROM paper_size s JOIN node n ON n.id = s.paper"
                sql += " ORDER BY s.n DESC LIMIT 1"
                row = db.execute(sql).fetchone()
            else:
                names = _TYPE_LINKS[param.type]
                marks = ", ".join("?" for _ in names)
                row = db.execute(
                    "SELECT n.iri FROM link_count c JOIN link_name l ON l.id = c.link "
                    f"JOIN node n ON n.id = c.entity WHERE l.iri IN ({marks}) "
                    "GROUP BY c.entity ORDER BY SUM(c.n) DESC LIMIT 1",
                    ["https://w3id.org/medkg/ontology#" + name for name in names],
                ).fetchone()
            if row:
                values[param.name] = row[0]
        return values
    finally:
        db.close()


@dataclass
class Timing:
    seconds: float | None  # None: killed at the timeout
    rows: int = 0
    error: str = ""

    def text(self, timeout: float) -> str:
        if self.error:
            return "error"
        if self.seconds is None:
            return f"> {timeout:.0f} s"
        return f"{self.seconds:.2f} s"


def time_command(args: list[str], timeout: float) -> Timing:
    """Run ``args`` in a new process group; wall time, rows printed (CSV lines - 1)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return Timing(None)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        return Timing(elapsed, error=err.decode(errors="replace").strip()[-300:])
    return Timing(elapsed, rows=max(0, out.count(b"\n") - 1))


def time_saved(store: Path, query: SavedQuery, values: dict[str, str], timeout: float) -> Timing:
    args = [KG, "query", "--store", str(store), "--saved", query.name, "--format", "csv"]
    for name, value in values.items():
        args += ["-p", f"{name}={value}"]
    return time_command(args, timeout)


# --- endpoint ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 60) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


@dataclass
class Rate:
    ok: int = 0
    failed: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def drive(urls: list[str], *, connections: int, seconds: float) -> Rate:
    """Send GETs on ``connections`` threads for ``seconds``; wait for every answer."""
    rate = Rate()
    lock = threading.Lock()
    counter = iter(range(10**9))
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()

    def worker() -> None:
        while time.perf_counter() < deadline:
            with lock:
                url = urls[next(counter) % len(urls)]
            t0 = time.perf_counter()
            status, _ = _get(url)
            with lock:
                rate.latencies.append(time.perf_counter() - t0)
                if status == 200:
                    rate.ok += 1
                else:
                    rate.failed += 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:  # every request is answered before the next query starts: nothing queued
        t.join()
    rate.seconds = time.perf_counter() - started
    return rate


def endpoint_rates(
    store: Path, queries: dict[str, SavedQuery], *, connections: int, seconds: float
) -> tuple[dict[str, tuple[Rate, Rate]], dict[str, float]]:
    """Uncached and cached requests/s per saved query, and resource page latencies."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, KG_STORE=str(store))
    server = subprocess.Popen(
        [KG, "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    rates: dict[str, tuple[Rate, Rate]] = {}
    pages: dict[str, float] = {}
    try:
        deadline = time.monotonic() + 120
        while _get(base + "/health", timeout=5)[0] != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("kg serve did not come up")
            time.sleep(0.3)
        for name, query in queries.items():
            params = urllib.parse.urlencode(example_values(query))
            path = f"{base}/queries/{name}?{params}&format=json"
            # distinct page sizes: no cache can answer a request it has not seen
            uncached = [f"{path}&limit={100 + i}" for i in range(100_000)]
            rates[name] = (
                drive(uncached, connections=connections, seconds=seconds),
                drive([path], connections=connections, seconds=seconds),
            )
        for kind in ("dataset", "model", "modality", "task", "metric"):
            status, body = _get(f"{base}/queries/search_entities?text=&format=json&limit=1000")
            iri = _most_linked(body, kind) if status == 200 else None
            if iri is None:
                continue
            t0 = time.perf_counter()
            status, _ = _get(base + "/resource/" + iri.split("/resource/", 1)[1], timeout=120)
            pages[f"resource page ({kind}, most linked)"] = (
                time.perf_counter() - t0 if status == 200 else float("nan")
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return rates, pages


def _most_linked(body: bytes, kind: str) -> str | None:
    rows = json.loads(body)["results"]["bindings"]
    best = [r for r in rows if r.get("type", {}).get("value", "").endswith("#" + kind.capitalize())]
    best.sort(key=lambda r: -int(r.get("papers", {}).get("value", "0")))
    return best[0]["entity"]["value"] if best else None


# --- report -----------------------------------------------------------------------------------


def growth(cells: list[Timing]) -> str:
    if len(cells) < 2 or any(c.seconds is None or c.error for c in cells[-2:]):
        return ""
    before, after = cells[-2].seconds or 0.0, cells[-1].seconds or 0.0
    return f"x{after / before:.1f}" if before else ""


def table(title: str, labels: list[str], rows: dict[str, list[Timing]], timeout: float) -> str:
    head = [title, *labels, f"{labels[-2]}→{labels[-1]}" if len(labels) > 1 else ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, cells in rows.items():
        texts = [
            f"{c.text(timeout)} ({c.rows} rows)"
            if not c.error and c.seconds is not None
            else c.text(timeout)
            for c in cells
        ]
        lines.append("| " + " | ".join([name, *texts, growth(cells)]) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", action="append", required=True, metavar="LABEL=DIR")
    parser.add_argument("--corpus-dir", type=Path, default=Path("/work/scale"))
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds before a run is killed"
    )
    parser.add_argument("--only", action="append", help="run only these saved queries")
    parser.add_argument("--no-open", action="store_true", help="skip the runs with parameters open")
    parser.add_argument(
        "--busiest",
        action="store_true",
        help="also bind entity parameters to each store's most-linked entity of their type",
    )
    parser.add_argument("--endpoint", action="store_true", help="also measure kg serve")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()

    stores = [(label, Path(path)) for label, _, path in (s.partition("=") for s in args.store)]
    for label, store in stores:
        ensure_store(label, store, args.corpus_dir)
    queries = load_queries(ROOT / "queries")
    if args.only:
        queries = {n: q for n, q in queries.items() if n in args.only}
    labels = [label for label, _ in stores]
    out: list[str] = [
        f"medkg scale benchmark; {os.cpu_count()} cores; load average "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    ]

    examples: dict[str, list[Timing]] = {}
    opened: dict[str, list[Timing]] = {}
    busiest: dict[str, list[Timing]] = {}
    for name, query in queries.items():
        if args.busiest and busiest_values(stores[0][1], query) is not None:
            busiest[name] = [
                time_saved(s, query, busiest_values(s, query) or {}, args.timeout)
                for _, s in stores
            ]
            print(name, "(busiest)", [c.text(args.timeout) for c in busiest[name]], file=sys.stderr)
        examples[name] = [
            time_saved(s, query, example_values(query), args.timeout) for _, s in stores
        ]
        print(name, [c.text(args.timeout) for c in examples[name]], file=sys.stderr, flush=True)
        optional = [p for p in query.params if not p.required]
        if optional and not args.no_open:
            # every optional parameter open (defaults apply); a required one takes its example
            required = {p.name: v for p in query.params if p.required for v in [p.example] if v}
            opened[name] = [time_saved(s, query, required, args.timeout) for _, s in stores]
            print(
                name,
                "(open)",
                [c.text(args.timeout) for c in opened[name]],
                file=sys.stderr,
                flush=True,
            )
    sections = [
        ("cold (`kg query --saved NAME`), example parameters", examples),
        ("cold, entity parameters bound to the store's most-linked entity", busiest),
        ("cold, parameters open", opened),
    ]
    for title, timings in sections:
        if timings:
            out += [
                "",
                f"## Saved queries, {title}",
                "",
                table("saved query", labels, timings, args.timeout),
            ]

    search: dict[str, list[Timing]] = {}
    for term in SEARCH_TERMS:
        search[f"kg search {term!r}"] = [
            time_command([KG, "search", "--store", str(s), term, "--format", "csv"], args.timeout)
            for _, s in stores
        ]
    out += [
        "",
        "## Entity search, cold (`kg search TEXT`, a new process)",
        "",
        table("search", labels, search, args.timeout),
    ]

    if args.endpoint:
        per_store = [
            endpoint_rates(s, queries, connections=args.connections, seconds=args.seconds)
            for _, s in stores
        ]
        head = [
            "saved query",
            *(f"{label} uncached" for label in labels),
            *(f"{label} cached" for label in labels),
        ]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for name in queries:
            cells = [
                f"{r[name][0].per_second:.1f}"
                + (f" ({r[name][0].failed} failed)" if r[name][0].failed else "")
                for r, _ in per_store
            ]
            cells += [
                f"{r[name][1].per_second:.1f}"
                + (f" ({r[name][1].failed} failed)" if r[name][1].failed else "")
                for r, _ in per_store
            ]
            lines.append("| " + " | ".join([name, *cells]) + " |")
        out += [
            "",
            f"## Endpoint requests/s, each query alone ({args.connections} connections, "
            f"{args.seconds:.0f} s each; uncached = every request distinct)",
            "",
            *lines,
        ]
        pages = sorted({p for _, ps in per_store for p in ps})
        if pages:
            out += [
                "",
                "## Pages (one GET, seconds)",
                "",
                "| page | " + " | ".join(labels) + " |",
                "|" + "---|" * (len(labels) + 1),
            ]
            for page in pages:
                out.append(
                    f"| {page} | "
                    + " | ".join(f"{ps.get(page, math.nan):.2f}" for _, ps in per_store)
                    + " |"
                )
    text = "\n".join(out) + "\n"
    print(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
