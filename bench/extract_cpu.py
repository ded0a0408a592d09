"""CPU time per abstract of each pipeline component (issue 15: keep the build fast).

Wall-clock throughput (``bench/extract_speed.py``) moves by 10-15% between runs of the same
code on a shared 2-core machine; CPU time of this process (``time.process_time``) is steadier.
Builds the synthetic bench corpus, runs every component's ``pipe`` over the Docs of the one
before it, and prints, per component, the best of ``--repeat`` runs in ms per abstract.

    python bench/extract_cpu.py [--n 1000] [--repeat 5] [--rules-only]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000, help="abstracts in the synthetic corpus")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the best is printed")
    parser.add_argument("--rules-only", action="store_true", help="leave the learned part out")
    args = parser.parse_args()

    from kg.nlp import build_nlp

    records = make_corpus(args.n, seed=args.n)
    texts = [f"{r['title']}\n\n{r['abstract']}" for r in records]
    nlp = build_nlp(use_ner=not args.rules_only)
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        start = time.process_time()
        docs = [nlp.make_doc(t) for t in texts]
        best["tokenizer"] = min(best.get("tokenizer", float("inf")), time.process_time() - start)
        for name, component in nlp.pipeline:
            start = time.process_time()
            pipe = getattr(component, "pipe", None)
            docs = list(pipe(docs, batch_size=64)) if pipe else [component(d) for d in docs]
            best[name] = min(best.get(name, float("inf")), time.process_time() - start)
    per_abstract = {name: 1000 * seconds / len(texts) for name, seconds in best.items()}
    mode = "rules only" if args.rules_only else "with the learned part"
    print(f"CPU ms per abstract ({mode}; {len(texts)} abstracts, best of {args.repeat}):")
    for name, ms in per_abstract.items():
        print(f"  {name:24s} {ms:6.2f}")
    print(f"  {'total':24s} {sum(per_abstract.values()):6.2f}")


if __name__ == "__main__":
    main()
