"""One paper never sinks a build (issue 16, item 1).

Whatever a single paper does inside extraction (a text longer than spaCy's ``max_length``, a
component that raises on it), that paper is reported as ``skipped: FILE:LINE: why`` and every
other paper of every file is built.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from kg.corpus.models import Paper
from kg.extract import ExtractionFailure, extract_papers
from kg.ids import paper_key
from kg.nlp import build_nlp
from kg.pipeline import build
from kg.store import open_store

REPO = Path(__file__).resolve().parents[2]
TRIP = "TRIPWIRE-PAPER"


def _record(title: str, abstract: str) -> str:
    return json.dumps({"title": title, "abstract": abstract})


def _good(n: int, tag: str) -> list[tuple[str, str]]:
    return [
        (
            f"{tag} Good {i}: Segmenting CT with U-Net",
            f"We train U-Net on the KiTS dataset ({tag} {i}) and report a Dice score of 0.9{i}.",
        )
        for i in range(n)
    ]


def _titles(store: Path) -> set[str]:
    rows = open_store(store).query("SELECT ?t WHERE { ?p a mkg:Paper ; dcterms:title ?t }").rows()
    return {str(r["t"]) for r in rows}


@Language.component("kg_test_tripwire")
def _tripwire(doc):  # type: ignore[no-untyped-def]
    """A component that fails on one paper, as a bug in any extractor would."""
    if TRIP in doc.text:
        raise RuntimeError("tripwire component fails on this paper")
    return doc


@pytest.fixture(scope="module")
def nlp_tripwire() -> Language:
    nlp = build_nlp(use_ner=False)
    nlp.add_pipe("kg_test_tripwire", last=True)
    return nlp


def test_a_failing_component_costs_only_its_paper(nlp_tripwire: Language) -> None:
    rows = [*_good(5, "A"), (f"{TRIP}: Broken", "This paper trips the component."), *_good(5, "B")]
    papers = [Paper(key=paper_key(t), title=t, abstract=a) for t, a in rows]
    out = list(extract_papers(papers, nlp_tripwire, batch_size=4))
    assert [e.paper_key for e in out] == [p.key for p in papers]
    failed = [e for e in out if isinstance(e, ExtractionFailure)]
    assert [f.paper_key for f in failed] == [paper_key(f"{TRIP}: Broken")]
    assert "RuntimeError: tripwire component fails on this paper" in failed[0].reason
    # the papers in the same batch as the broken one still have their links
    assert all(any(lk.key == "kits" for lk in e.links) for e in out if e not in failed)


def test_build_reports_the_failing_paper_with_file_and_line(
    tmp_path: Path, nlp_tripwire: Language
) -> None:
    source = tmp_path / "papers.jsonl"
    good = _good(3, "C")
    lines = [
        _record(*good[0]),
        _record(f"{TRIP}: Broken", "Trips the component."),
        *(_record(*g) for g in good[1:]),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build([source], tmp_path / "store", nlp=nlp_tripwire)
    assert report.papers == 3
    assert [str(p) for p in report.problems] == [
        f"{source}:2: extraction failed (RuntimeError: tripwire component fails on this paper); "
        "the paper was not built"
    ]
    assert _titles(tmp_path / "store") == {t for t, _ in good}


def test_an_over_long_abstract_is_skipped_and_every_other_file_built(tmp_path: Path) -> None:
    """The issue's case: a 1.1-million-character abstract next to good files, by ``kg build``."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    first, second = _good(3, "D"), _good(2, "E")
    huge = "We study U-Net on KiTS. " * 48_500  # 1,164,000 characters
    (inputs / "a.jsonl").write_text(
        "\n".join(
            [
                _record(*first[0]),
                _record(*first[1]),
                _record("Huge: Too Long", huge),
                _record(*first[2]),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (inputs / "b.jsonl").write_text("\n".join(_record(*g) for g in second) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(inputs / "a.jsonl"),
            str(inputs / "b.jsonl"),
            "--store",
            str(store),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 3, done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 1, done.stderr
    match = re.match(
        rf"skipped: {re.escape(str(inputs / 'a.jsonl'))}:3: the title and abstract "
        r"have ([\d,]+) characters, more than the 1,000,000",
        skipped[0],
    )
    assert match and int(match.group(1).replace(",", "")) > 1_160_000, skipped[0]
    assert "Traceback" not in done.stderr
    assert _titles(store) == {t for t, _ in first + second}
