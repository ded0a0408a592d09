"""Extraction throughput of the medkg spaCy pipeline, stage by stage (issue 7, points 1 and 6).

Builds a synthetic corpus (bench/make_corpus.py) and prints abstracts/s for:

* the tokenizer alone (the practical ceiling);
* each pipeline component on its own (its ``pipe`` over pre-processed Docs) and cumulatively
  (tokenizer + every component up to it), with the trained NER (``kg_ner``, the default: the
  NER over windows around the capitalised words the rules leave open) and rules only; with
  the share of tokens the NER saw;
* ``kg.extract.extract_papers`` end to end with ``n_process`` 1 and 2, with and without NER.

Every figure is on this machine and under whatever load it carries: the load average is
printed next to the figures, and ``--repeat`` takes the best of several runs.

    python bench/extract_speed.py [--n 5000] [--repeat 2] [--skip-parallel]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402


def _best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Best (shortest) wall time of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _stage_rates(
    nlp, texts: list[str], repeat: int, batch_size: int
) -> list[tuple[str, float, float]]:  # type: ignore[no-untyped-def]
    """(stage, own abstracts/s, cumulative abstracts/s) for the tokenizer and each component.

    Each repeat tokenizes the texts and runs the components in order over the whole list,
    timing each stage on its own; a stage's time is its best over the repeats.
    """
    n = len(texts)
    names = ["tokenizer", *nlp.pipe_names]
    best = dict.fromkeys(names, float("inf"))
    for _ in range(repeat):
        start = time.perf_counter()
        docs = list(nlp.tokenizer.pipe(texts, batch_size=256))
        best["tokenizer"] = min(best["tokenizer"], time.perf_counter() - start)
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(d) for d in docs]
            best[name] = min(best[name], time.perf_counter() - start)
    rows = []
    total = 0.0
    for name in names:
        total += best[name]
        rows.append((name, n / best[name], n / total))
    return rows


def _extract_rate(nlp, papers, n_process: int, repeat: int, batch_size: int) -> float:  # type: ignore[no-untyped-def]
    from kg.extract import extract_papers

    seconds = _best(
        lambda: sum(
            1 for _ in extract_papers(papers, nlp, n_process=n_process, batch_size=batch_size)
        ),
        repeat,
    )
    return len(papers) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=5000, help="abstracts in the synthetic corpus")
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs per figure; the best is printed"
    )
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--skip-parallel", action="store_true", help="skip extract_papers n_process=2"
    )
    parser.add_argument("--skip-stages", action="store_true", help="skip the per-component table")
    parser.add_argument("--no-ner-only", action="store_true", help="only the pipeline without NER")
    args = parser.parse_args()

    from kg.corpus.models import Paper
    from kg.ids import paper_key
    from kg.nlp import build_nlp, has_trained_ner

    records = make_corpus(args.n, seed=args.n)
    papers = [
        Paper(key=paper_key(str(r["title"])), title=str(r["title"]), abstract=str(r["abstract"]))  # type: ignore[call-arg]
        for r in records
    ]
    texts = [f"{p.title}\n\n{p.abstract}" for p in papers]
    print(
        f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} "
        f"{os.getloadavg()[1]:.2f}; {len(texts)} synthetic abstracts, best of {args.repeat}"
    )

    variants = [("rules only", False)]
    if has_trained_ner() and not args.no_ner_only:
        variants.insert(0, ("default (trained NER gated: kg_ner)", True))
    for label, use_ner in variants:
        nlp = build_nlp(use_ner=use_ner)
        print(f"\n== pipeline {label}: {' → '.join(nlp.pipe_names)}")
        if not args.skip_stages:
            print(f"{'stage':<24}{'own abs/s':>12}{'cumulative abs/s':>18}{'ms/abstract':>13}")
            for name, own, cum in _stage_rates(nlp, texts, args.repeat, args.batch_size):
                print(f"{name:<24}{own:>12.0f}{cum:>18.0f}{1000 / own:>13.3f}")
            if "kg_ner" in nlp.pipe_names:
                st = nlp.get_pipe("kg_ner").stats
                print(
                    f"kg_ner: {st['windows'] / st['docs']:.2f} windows/abstract, "
                    f"{st['window_tokens'] / st['tokens']:.1%} of tokens through the NER, "
                    f"{st['spans'] / st['docs']:.2f} NER spans/abstract"
                )
        for n_process in (1,) if args.skip_parallel else (1, 2):
            rate = _extract_rate(nlp, papers, n_process, args.repeat, args.batch_size)
            print(
                f"extract_papers n_process={n_process}: {rate:.0f} abstracts/s "
                f"(load {os.getloadavg()[0]:.2f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
