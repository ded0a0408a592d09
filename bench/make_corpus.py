"""Make a synthetic corpus of N abstracts from the bundled one, for benchmarks and kill tests.

Each synthetic abstract recombines real sentences of the bundled corpus, and the names in them
(words with capitals and digits or hyphens, such as "MedTrinity-25M" or "BiomedCLIP") are
renamed consistently within the abstract, so the extractors do real work on names they have
never seen rather than hitting a cache of known ones.

    python bench/make_corpus.py 50000 -o /tmp/synthetic-50k.jsonl [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.corpus import read_corpus
from kg.paths import data_dir

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:[-][A-Za-z0-9]+|[0-9]+[A-Za-z0-9]*|[A-Z]{2,}[a-z]*)\b")
_SYLLABLES = [
    "med",
    "rad",
    "path",
    "onco",
    "card",
    "neuro",
    "vis",
    "gen",
    "lex",
    "core",
    "net",
    "bench",
    "derm",
    "chest",
]


def _new_name(rng: random.Random, original: str) -> str:
    stem = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
    suffix = rng.choice(
        ["", "-" + str(rng.randint(2, 99)), "-" + rng.choice(["XL", "Lite", "Pro", "R1", "V2"])]
    )
    # keep the flavour of the original: all-caps names stay all-caps
    return (stem.upper() if original.isupper() else stem) + suffix


def make_corpus(n: int, *, seed: int = 0) -> list[dict[str, object]]:
    """Return ``n`` synthetic papers as JSON-ready dicts (title, abstract, date, upvotes)."""
    rng = random.Random(seed)
    papers = read_corpus([data_dir()]).papers
    sentences = [s for p in papers for s in _SENTENCE.split(p.abstract) if len(s) > 30]
    titles = [p.title for p in papers]
    out: list[dict[str, object]] = []
    for i in range(n):
        renames: dict[str, str] = {}

        def rename(match: re.Match[str], renames: dict[str, str] = renames) -> str:
            word = match.group(0)
            if word not in renames:
                renames[word] = _new_name(rng, word)
            return renames[word]

        body = " ".join(rng.sample(sentences, k=rng.randint(6, 10)))
        title = f"{rng.choice(titles)} {i}"
        out.append(
            {
                "id": f"synthetic-{seed}-{i}",
                "title": _NAME.sub(rename, title),
                "abstract": _NAME.sub(rename, body),
                "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "upvotes": rng.randint(0, 200),
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, help="number of abstracts")
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSON Lines file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8") as handle:
        for record in make_corpus(args.n, seed=args.seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
