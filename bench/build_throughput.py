"""Build throughput, peak memory, the scaling curve and the incremental-add cost of `kg build`.

For each size N it writes a synthetic corpus (bench/make_corpus.py, streamed to disk), times a
tokenizer-only pass of spaCy over a sample of the same texts (the practical ceiling), then runs
a real build (`kg.pipeline.build`, what `kg build --fresh` runs) in a child process and reports
wall time, abstracts/s, the ratio to the tokenizer pass on the same number of cores, the time
per phase (read / extract / resolve / load / describe / compact), the peak RSS of the build
process and the peak of the summed RSS of its whole process tree (sampled), and the store's quad
count. Then it adds one more listing file (`data/…`) to every store and reports that incremental
cost against the store size (it should stay flat: proportional to the new papers).

    python bench/build_throughput.py --sizes 1000 10000 50000 [-j 2] [--executor dask]
        [--plot bench/results/build_scaling.png] [--json bench/results/build_scaling.json]

Prints the load average next to the figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402


def _write_corpus(n: int, path: Path, sample: int = 5000) -> list[str]:
    """Write the corpus (JSON Lines); return a sample of its texts for the tokenizer pass."""
    texts = []
    if path.exists():
        with open(path, encoding="utf-8") as handle:
            for line, _ in zip(handle, range(sample), strict=False):
                record = json.loads(line)
                texts.append(f"{record['title']}\n\n{record['abstract']}")
        return texts
    tmp = path.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as handle:
        for record in make_corpus(n, seed=n):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            if len(texts) < sample:
                texts.append(f"{record['title']}\n\n{record['abstract']}")
    tmp.rename(path)
    return texts


def _tokenizer_rate(texts: list[str]) -> float:
    """Abstracts/s of the pipeline's tokenizer alone, on one core."""
    from kg.nlp import load_default_nlp

    nlp = load_default_nlp()
    start = time.perf_counter()
    for _ in nlp.tokenizer.pipe(texts, batch_size=256):
        pass
    return len(texts) / (time.perf_counter() - start)


# The child runs the build and prints its report (memory is sampled from outside).
_CHILD = """
import json, resource, sys
from pathlib import Path
from kg.pipeline import build
if __name__ == "__main__":
    args = json.loads(sys.argv[1])
    report = build([Path(s) for s in args["sources"]], Path(args["store"]), fresh=args["fresh"],
                   n_process=args["j"], executor=args["executor"], workers=args["j"])
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"papers": report.papers, "quads": report.quads, "seconds": report.seconds,
                      "phases": report.phases, "driver_peak_kib": own}))
"""


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def _timed_build(sources: list[Path], store: Path, *, fresh: bool, j: int, executor: str) -> dict:
    """Run a build in a child; its report plus wall seconds and the sampled process-tree peak."""
    args = json.dumps(
        {
            "sources": [str(s) for s in sources],
            "store": str(store),
            "fresh": fresh,
            "j": j,
            "executor": executor,
        }
    )
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    peak = driver_peak = 0
    done = threading.Event()

    def sample() -> None:
        # sampled, not ru_maxrss: on Linux a child's ru_maxrss starts at its parent's RSS at
        # fork time (this script's, which holds the corpus generator's output)
        import psutil

        nonlocal peak, driver_peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            with contextlib.suppress(psutil.Error):
                driver_peak = max(driver_peak, psutil.Process(proc.pid).memory_info().rss)
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"build failed ({proc.returncode}):\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(wall=seconds, tree_peak_mb=peak / 2**20, driver_peak_mb=driver_peak / 2**20)
    return result


_HEADER = (
    f"{'abstracts':>9} {'wall s':>7} {'abs/s':>6} {'tok/s/core':>10} {'ratio':>6} "
    f"{'read':>5} {'extract':>7} {'resolve':>7} {'load':>6} {'describe':>8} {'compact':>7} "
    f"{'driver MB':>9} {'tree MB':>8} {'quads':>10}  load avg"
)


def _row_line(r: dict) -> str:
    """One build of the table (a row of this run, or one kept from a previous --json)."""
    ph = r["phases"]
    return (
        f"{r['n']:>9} {r['wall']:>7.1f} {r['rate']:>6.0f} {r['tok']:>10.0f} {r['ratio']:>6.3f} "
        f"{ph.get('read', 0):>5.1f} {ph.get('extract', 0):>7.1f} {ph.get('resolve', 0):>7.1f} "
        f"{ph.get('load', 0):>6.1f} {ph.get('describe', 0):>8.1f} {ph.get('compact', 0):>7.1f} "
        f"{r['driver_peak_mb']:>9.0f} {r['tree_peak_mb']:>8.0f} {r['quads']:>10}  {r['load']}"
    )


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("-j", "--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--executor", choices=["serial", "dask"], default="serial")
    parser.add_argument("--plot", type=Path, help="write the scaling curve to this PNG")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--workdir", type=Path, default=None, help="where corpora and stores go")
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the sizes of an existing --json file that this run does not redo "
        "(e.g. run 200000 later, in the background) in the table and plot",
    )
    parser.add_argument(
        "--plot-only", action="store_true", help="redraw --plot from --json and exit"
    )
    args = parser.parse_args()
    if args.plot_only:
        saved = json.loads(args.json.read_text())
        args.processes, args.executor = saved["processes"], saved["executor"]
        _plot(args, saved["builds"], saved["incremental"])
        return
    kept: list[dict] = []
    kept_incremental: list[dict] = []
    if args.merge and args.json and args.json.exists():
        old = json.loads(args.json.read_text())
        kept = [r for r in old.get("builds", []) if r["n"] not in args.sizes]
        kept_incremental = [
            i for i in old.get("incremental", []) if i["n"] not in args.sizes and i["n"]
        ]

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"machine: {os.cpu_count()} cores; executor {args.executor}, {args.processes} extraction "
        f"processes; work dir {work}; load average {_load()}",
        flush=True,
    )
    print(_HEADER, flush=True)
    rows = []
    for n in args.sizes:
        corpus = work / f"synthetic-{n}.jsonl"
        texts = _write_corpus(n, corpus)
        tok = _tokenizer_rate(texts)
        del texts
        r = _timed_build(
            [corpus], work / f"store-{n}", fresh=True, j=args.processes, executor=args.executor
        )
        rate = n / r["wall"]
        ratio = rate / (tok * args.processes)
        ph = r["phases"]
        row = {
            "n": n,
            "wall": r["wall"],
            "rate": rate,
            "tok": tok,
            "ratio": ratio,
            "phases": ph,
            "quads": r["quads"],
            "driver_peak_mb": r["driver_peak_mb"],
            "tree_peak_mb": r["tree_peak_mb"],
            "load": _load(),
        }
        rows.append(row)
        print(_row_line(row), flush=True)

    incremental = []
    if not args.no_incremental:
        extra = sorted(p for p in (ROOT / "data").iterdir() if p.is_file())[0]
        print(f"\nadding one listing file ({extra.name}) to each store, and to an empty store:")
        print(
            f"{'store abstracts':>15} {'store quads':>11} {'wall s':>7} {'papers':>6} "
            f"{'extract':>7} {'load':>6} {'describe':>8} {'driver MB':>9}  load avg"
        )
        for n, quads in [(0, 0)] + [(row["n"], row["quads"]) for row in rows]:
            store = work / (f"store-{n}" if n else "store-empty")
            r = _timed_build([extra], store, fresh=n == 0, j=args.processes, executor=args.executor)
            ph = r["phases"]
            incremental.append(
                {
                    "n": n,
                    "quads": quads,
                    "wall": r["wall"],
                    "papers": r["papers"],
                    "phases": ph,
                    "driver_peak_mb": r["driver_peak_mb"],
                    "load": _load(),
                }
            )
            print(
                f"{n:>15} {quads:>11} {r['wall']:>7.1f} {r['papers']:>6} "
                f"{ph.get('extract', 0):>7.1f} "
                f"{ph.get('load', 0):>6.1f} {ph.get('describe', 0):>8.1f} "
                f"{r['driver_peak_mb']:>9.0f}  "
                f"{_load()}",
                flush=True,
            )

    if kept:
        rows = sorted(kept + rows, key=lambda r: r["n"])
        incremental = sorted(kept_incremental + incremental, key=lambda i: i["n"])
        print("\nall sizes (this run and kept from the previous --json):")
        for r in rows:
            print(_row_line(r))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "cores": os.cpu_count(),
                    "processes": args.processes,
                    "executor": args.executor,
                    "builds": rows,
                    "incremental": incremental,
                },
                indent=1,
            )
        )
        print(f"wrote {args.json}")
    if args.plot:
        _plot(args, rows, incremental)


def _plot(args: argparse.Namespace, rows: list[dict], incremental: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    ns = [r["n"] for r in rows]
    ax = axes[0]
    ax.plot(ns, [r["wall"] for r in rows], marker="o", label="build (wall)")
    ax.plot(ns, [r["phases"].get("extract", 0) for r in rows], marker=".", ls="--", label="extract")
    ax.plot(
        ns,
        [r["phases"].get("load", 0) for r in rows],
        marker=".",
        ls="--",
        label="write + load quads",
    )
    if len(rows) > 1:
        per = rows[-1]["wall"] / rows[-1]["n"]
        ax.plot(
            [0, ns[-1]],
            [0, per * ns[-1]],
            color="grey",
            lw=0.8,
            ls=":",
            label="linear (through largest)",
        )
    ax.set_xlabel("abstracts")
    ax.set_ylabel("seconds")
    ax.set_title(f"kg build, {os.cpu_count()} cores, {args.executor} -j {args.processes}")
    ax.legend(fontsize=8)
    ax.grid(True, alpha=0.3)

    ax = axes[1]
    ax.plot(ns, [r["driver_peak_mb"] for r in rows], marker="o", label="build process")
    ax.plot(ns, [r["tree_peak_mb"] for r in rows], marker="s", label="process tree (sum)")
    ax.axhline(1024, color="red", lw=0.8, ls=":", label="1 GB")
    ax.set_ylim(0, 1200)
    ax.set_xscale("log")
    ax.set_xlabel("abstracts")
    ax.set_ylabel("peak RSS (MB)")
    ax.set_title("peak memory")
    ax.legend(fontsize=8)
    ax.grid(True, alpha=0.3)

    ax = axes[2]
    if incremental:
        ax.plot(
            [i["quads"] / 1e6 for i in incremental],
            [i["wall"] for i in incremental],
            marker="o",
            label=f"add {incremental[0]['papers']} papers",
        )
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=8)
    ax.set_xlabel("store size before the add (million quads)")
    ax.set_ylabel("seconds")
    ax.set_title("incremental add vs store size")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    args.plot.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.plot, dpi=110)
    print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
