"""What loading alone costs: the floor under `kg build`'s throughput (issue 7).

Exports the graph of a built store as N-Quads, then loads that file into an empty Oxigraph
store the way a build does (``KnowledgeStore.load_nquads_file``: bulk loader, blocks of
``--chunk-mb`` megabytes, medkg's own quads marked as generated) and compacts it, with no
extraction at all. For each block size it prints wall seconds, the papers per second that
loading alone allows, CPU seconds (every thread: the bulk loader's and RocksDB's compaction
threads), and the peak RSS of the loading process.

    python bench/load_floor.py --store /tmp/kgb/store-50000 [--chunk-mb 24 80 0]

``--chunk-mb 0`` hands the whole file to one bulk-loader call: the fewest compactions, and
the most memory (Oxigraph's loader holds batches of a million quads, about 1.4 GB here).
Each load runs in a child process so that its peak RSS is its own.

``--shapes`` also loads the same graph rewritten into shapes medkg does not write, to price
design decisions that would change the graph users query (24 MB blocks):

* ``as-built``: the store's quads unchanged;
* ``default-graph``: every paper's quads in the default graph instead of the paper's named
  graph (Oxigraph keeps three indexes for the default graph and six for named graphs);
* ``lean-mentions``: mentions without ``mkg:sentence`` and ``mkg:asserted`` (the first is
  context for readers; the second can be derived by asking whether the link exists);
* ``both``: the two rewrites together.

    python bench/load_floor.py --store /tmp/kgb/store-50000 --chunk-mb 24 --shapes as-built both
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CHILD = """
import json, resource, shutil, sys, time
from pathlib import Path
from kg.store import KnowledgeStore
source, target, chunk_mb = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
shutil.rmtree(target, ignore_errors=True)
store = KnowledgeStore(target)
start = time.perf_counter()
store.load_nquads_file(Path(source), bulk=True, chunk_bytes=chunk_mb << 20, generated=True)
loaded = time.perf_counter()
store.optimize()
done = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"load": loaded - start, "optimize": done - loaded, "wall": done - start,
                  "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                  "quads": store.quad_count()}))
"""


SHAPES = ("as-built", "default-graph", "lean-mentions", "both")
_PAPER_GRAPH = " <https://w3id.org/medkg/graph/paper/"
_LEAN_DROPPED = (
    b"<https://w3id.org/medkg/ontology#sentence> ",
    b"<https://w3id.org/medkg/ontology#asserted> ",
)


def _reshape(source: Path, target: Path, shape: str) -> int:
    """Write ``source`` rewritten into ``shape`` (see the module docstring); return its quads."""
    lean = shape in ("lean-mentions", "both")
    default = shape in ("default-graph", "both")
    graph_mark = _PAPER_GRAPH.encode()
    count = 0
    with open(source, "rb") as src, open(target, "wb") as out:
        for line in src:
            if lean and any(p in line for p in _LEAN_DROPPED):
                continue
            if default:
                cut = line.rfind(graph_mark)
                if cut > 0:
                    line = line[:cut] + b" .\n"
            out.write(line)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, required=True, help="a built store (kg build)")
    parser.add_argument("--chunk-mb", type=int, nargs="+", default=[24, 80, 0])
    parser.add_argument(
        "--shapes",
        nargs="*",
        choices=SHAPES,
        default=[],
        help="also load the graph rewritten into these shapes (24 MB blocks)",
    )
    args = parser.parse_args()

    from kg.store import open_store

    info = json.loads((args.store / "kg-build.json").read_text())
    papers = int(info["papers"])
    with tempfile.TemporaryDirectory(prefix="kg-load-floor-") as tmp:
        nquads = Path(tmp) / "graph.nq"
        open_store(args.store).export(nquads, "nquads")
        size_mb = nquads.stat().st_size / 2**20
        print(
            f"machine: {os.cpu_count()} cores; load average "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        print(f"{args.store}: {papers} papers, {info['quads']} quads, {size_mb:.0f} MB of N-Quads")
        print(
            f"{'chunk MB':>8} {'load s':>7} {'optimize s':>10} {'wall s':>7} {'papers/s':>8} "
            f"{'CPU s':>6} {'CPU ms/paper':>12} {'peak MB':>8}"
        )
        for chunk in args.chunk_mb:
            out = subprocess.run(
                [sys.executable, "-c", _CHILD, str(nquads), str(Path(tmp) / "store"), str(chunk)],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{chunk or 'all':>8} {r['load']:>7.1f} {r['optimize']:>10.1f} {r['wall']:>7.1f} "
                f"{papers / r['wall']:>8.0f} {r['cpu']:>6.1f} {1000 * r['cpu'] / papers:>12.2f} "
                f"{r['peak_mb']:>8.0f}",
                flush=True,
            )
        if not args.shapes:
            return
        print("\ngraph shapes (24 MB blocks):")
        print(
            f"{'shape':>13} {'quads':>9} {'load s':>7} {'optimize s':>10} {'wall s':>7} "
            f"{'papers/s':>8} "
            f"{'CPU s':>6} {'CPU ms/paper':>12} {'peak MB':>8}"
        )
        for shape in args.shapes:
            reshaped = Path(tmp) / f"{shape}.nq"
            quads = _reshape(nquads, reshaped, shape)
            out = subprocess.run(
                [sys.executable, "-c", _CHILD, str(reshaped), str(Path(tmp) / "store"), "24"],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            reshaped.unlink()
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{shape:>13} {quads:>9} {r['load']:>7.1f} {r['optimize']:>10.1f} "
                f"{r['wall']:>7.1f} "
                f"{papers / r['wall']:>8.0f} {r['cpu']:>6.1f} {1000 * r['cpu'] / papers:>12.2f} "
                f"{r['peak_mb']:>8.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
