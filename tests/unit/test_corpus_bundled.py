"""The bundled default corpus (data/): the figures the rest of the project relies on."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kg.corpus import Corpus, default_corpus_dir, read_corpus
from kg.corpus.hf_listing import BOILERPLATE
from kg.corpus.models import PaperDate

# 491 listing entries over four files (77 + 213 + 151 + 50) name 394 distinct titles; checked
# by hand: titles counted per file by line position, duplicates compared by normalised title.
DISTINCT_PAPERS = 394
RECORDS = {"000": 77, "001": 213, "002": 151, "003": 50}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return read_corpus([default_corpus_dir()])


def test_bundled_corpus_counts(corpus: Corpus) -> None:
    assert corpus.problems == ()
    assert len(corpus.papers) == DISTINCT_PAPERS
    assert corpus.records_read == sum(RECORDS.values())
    per_file = Counter(s.path.rsplit("/", 1)[-1][:3] for p in corpus.papers for s in p.sources)
    assert per_file == RECORDS
    assert len({p.key for p in corpus.papers}) == DISTINCT_PAPERS


def test_bundled_corpus_titles_and_abstracts(corpus: Corpus) -> None:
    for paper in corpus.papers:
        assert paper.title and paper.abstract
        assert paper.title.casefold() not in BOILERPLATE
        assert not paper.title.startswith(("Subscribe", "Get trending", "byAK"))
        assert not re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}(, \d{4})?( \d+)?", paper.title)  # a date
        assert "•" not in paper.title and paper.title != "·"
        assert len(paper.abstract) > len(paper.title)
        assert paper.title == " ".join(paper.title.split())
        assert paper.abstract == " ".join(paper.abstract.split())
    # Two listings carry an acronym's letters in LaTeX bold, one with its backslash lost: the
    # abstract reads as typeset.
    abstracts = " ".join(p.abstract for p in corpus.papers)
    assert "textbf" not in abstracts
    assert "Med-EASi (Medical dataset for Elaborative and Abstractive" in abstracts
    assert "a Medical Reasoning Enhancement via" in abstracts
    titles = {p.title for p in corpus.papers}
    # Organisation bylines in 003 are not papers.
    assert not titles & {
        "Monash University",
        "Alibaba-DAMO-Academy DAMO Academy",
        "General-Medical-AI General Medical AI",
    }
    assert (
        "M3Ret: Unleashing Zero-shot Multimodal Medical Image Retrieval via Self-Supervision"
        in titles
    )


def test_bundled_corpus_dates_upvotes_and_merges(corpus: Corpus) -> None:
    by_title = {p.title.split(":")[0]: p for p in corpus.papers}
    assert by_title["PulseMind"].date == PaperDate(None, 1, 12)  # "Jan 12": stays without a year
    assert by_title["UniMed-CLIP"].date == PaperDate(2024, 12, 13)
    assert (by_title["ROOM"].upvotes, by_title["ROOM"].author_count) == (2, 7)
    lingshu = by_title["Lingshu"]  # in 001, 002 and 003; the byline names an organisation
    assert len(lingshu.sources) == 3
    assert (lingshu.date, lingshu.upvotes, lingshu.author_count) == (PaperDate(2025, 6, 8), 4, None)
    dated = [p for p in corpus.papers if p.date is not None]
    assert len(dated) == 50  # only 003 has bylines
    assert sum(p.date.year is None for p in dated if p.date) == 1


def test_bundled_corpus_code_urls(corpus: Corpus) -> None:
    by_title = {p.title.split(":")[0]: p for p in corpus.papers}
    assert by_title["MEDEC"].code_urls == ("https://github.com/abachaa/MEDEC",)
    urls = [u for p in corpus.papers for u in p.code_urls]
    assert len(urls) > 100
    assert all(u.startswith("https://") and not u.endswith((".", ",", "}", ".git")) for u in urls)
    assert not any("privai" in u or "proxy" in u for u in urls)
