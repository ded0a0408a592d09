"""Build throughput, peak memory and the scaling curve of `kg build` on a synthetic corpus.

For each size N it writes a synthetic corpus (bench/make_corpus.py), times a tokenizer-only pass
of spaCy over the same texts (the practical ceiling), then runs a real `kg build --fresh` in a
child process and reports wall time, abstracts/s, the ratio to the tokenizer pass, peak RSS, and
the store's quad count. Optionally it plots the scaling curve to a PNG, and measures adding one
more listing file to the largest store (incremental cost).

    python bench/build_throughput.py --sizes 1000 10000 50000 [-j 2] [--plot scaling.png]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402


def _write_corpus(n: int, path: Path) -> list[str]:
    import json

    texts = []
    with open(path, "w", encoding="utf-8") as handle:
        for record in make_corpus(n, seed=n):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            texts.append(f"{record['title']}\n\n{record['abstract']}")
    return texts


def _tokenizer_rate(texts: list[str]) -> float:
    """Abstracts/s of the pipeline's tokenizer alone, on one core."""
    from kg.nlp import load_default_nlp

    nlp = load_default_nlp()
    sample = texts[: min(len(texts), 5000)]
    start = time.perf_counter()
    for _ in nlp.tokenizer.pipe(sample, batch_size=256):
        pass
    return len(sample) / (time.perf_counter() - start)


def _timed_build(args: list[str]) -> tuple[float, int, str]:
    """Run a build in a child; wall seconds, peak RSS of that child (KiB) and its stdout."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, cwd=ROOT
    )
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"build failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    peak_kib = int(proc.stdout.strip().splitlines()[-1])
    return seconds, peak_kib, proc.stdout


# The child reports its own peak RSS (ru_maxrss of RUSAGE_SELF + its extraction workers).
_CHILD = """
import resource, sys
from kg.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(max(own, kids))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("-j", "--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--plot", type=Path, help="write the scaling curve to this PNG")
    parser.add_argument("--workdir", type=Path, default=None, help="where corpora and stores go")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; extraction processes: {args.processes}; work dir {work}")
    header = f"{'abstracts':>10} {'seconds':>9} {'abs/s':>8} {'tok abs/s/core':>15} {'ratio':>6} {'peak RSS MB':>12}"
    print(header)
    rows = []
    for n in args.sizes:
        corpus = work / f"synthetic-{n}.jsonl"
        texts = _write_corpus(n, corpus)
        tok = _tokenizer_rate(texts)
        store = work / f"store-{n}"
        seconds, peak_kib, _ = _timed_build(
            ["build", str(corpus), "--store", str(store), "--fresh", "-j", str(args.processes)]
        )
        rate = n / seconds
        # ratio against the tokenizer ceiling on the same number of cores
        ratio = rate / (tok * args.processes)
        rows.append((n, seconds, rate, tok, ratio, peak_kib / 1024))
        print(f"{n:>10} {seconds:>9.1f} {rate:>8.0f} {tok:>15.0f} {ratio:>6.2f} {peak_kib / 1024:>12.0f}", flush=True)

    largest = max(args.sizes)
    extra = ROOT / "data" / sorted(os.listdir(ROOT / "data"))[0]
    seconds, peak_kib, _ = _timed_build(["build", str(extra), "--store", str(work / f"store-{largest}")])
    print(f"adding one listing file ({extra.name}) to the {largest}-abstract store: {seconds:.1f} s, peak RSS {peak_kib / 1024:.0f} MB")

    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6, 4))
        ax.plot([r[0] for r in rows], [r[1] for r in rows], marker="o")
        ax.set_xlabel("abstracts")
        ax.set_ylabel("build time (s)")
        ax.set_title(f"kg build scaling ({os.cpu_count()} cores, -j {args.processes})")
        ax.grid(True, alpha=0.3)
        fig.tight_layout()
        fig.savefig(args.plot, dpi=120)
        print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
