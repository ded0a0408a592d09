"""Merging records of one paper, within and across files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.corpus import read_corpus
from kg.corpus.merge import merge_papers, merge_records
from kg.corpus.models import Paper, PaperDate, SourceRef
from kg.ids import paper_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def _paper(title: str = "A Title", **fields: object) -> Paper:
    base: dict[str, object] = {"key": paper_key(title), "title": title, "abstract": "Short."}
    return Paper(**{**base, **fields})  # type: ignore[arg-type]


def test_merge_papers_field_rules() -> None:
    a = _paper(
        abstract="Short abstract ...",
        date=PaperDate(None, 1, 12),
        author_count=3,
        upvotes=5,
        code_urls=("https://github.com/a/b",),
        sources=(SourceRef("x.txt", line=3),),
    )
    b = _paper(
        title="a title",
        abstract="Short abstract, but this time complete.",
        date=PaperDate(2024, None, None),
        authors=("Ada Lovelace", "Alan Turing"),
        author_count=2,
        upvotes=2,
        url="https://arxiv.org/abs/1",
        code_urls=("https://github.com/c/d", "https://github.com/a/b"),
        source_id="arXiv:1",
        sources=(SourceRef("y.jsonl", line=1),),
    )
    merged = merge_papers(a, b)
    assert merged.title == "A Title"  # first seen
    assert merged.abstract == "Short abstract, but this time complete."  # longest
    assert merged.date == PaperDate(2024, None, None)  # a year beats a year-less day
    assert merged.authors == ("Ada Lovelace", "Alan Turing")
    assert (merged.author_count, merged.upvotes) == (3, 5)  # max of each
    assert (merged.url, merged.source_id) == ("https://arxiv.org/abs/1", "arXiv:1")
    assert merged.code_urls == ("https://github.com/a/b", "https://github.com/c/d")
    assert merged.sources == (SourceRef("x.txt", line=3), SourceRef("y.jsonl", line=1))


def test_merge_papers_ties_keep_the_first() -> None:
    a = _paper(abstract="Same length A.", date=PaperDate(2024, 5, 1))
    b = _paper(abstract="Same length B.", date=PaperDate(2023, 1, 2))
    merged = merge_papers(a, b)
    assert (merged.abstract, merged.date) == ("Same length A.", PaperDate(2024, 5, 1))


def test_merge_papers_rejects_different_keys() -> None:
    with pytest.raises(ValueError, match="different keys"):
        merge_papers(_paper("One"), _paper("Two"))


def test_merge_records_keeps_first_seen_order() -> None:
    papers = [_paper("B"), _paper("A"), _paper("b", upvotes=1), _paper("C")]
    assert [(p.title, p.upvotes) for p in merge_records(papers)] == [
        ("B", 1),
        ("A", None),
        ("C", None),
    ]


def test_merge_across_fixture_files() -> None:
    names = [
        "hf_blank_separated.txt",
        "hf_one_per_line.txt",
        "hf_bylines.txt",
        "papers.jsonl",
        "papers.csv",
        "arxiv_query.atom",
    ]
    corpus = read_corpus([FIXTURES / n for n in names])
    by_title = {p.title.split(":")[0]: p for p in corpus.papers}
    medtrinity = by_title["MedTrinity-25M"]
    # Listing (blank), listing (bylines), JSONL, CSV and Atom: one paper.
    assert [Path(s.path).name for s in medtrinity.sources] == [
        "hf_blank_separated.txt",
        "hf_bylines.txt",
        "papers.jsonl",
        "papers.csv",
        "arxiv_query.atom",
    ]
    assert (
        medtrinity.title
        == "MedTrinity-25M: A Large-scale Multimodal Dataset with Multigranular Annotations "
        "for Medicine"
    )
    assert medtrinity.abstract.endswith(
        "https://github.com/UCSC-VLAA/MedTrinity-25M."
    )  # JSONL's, the longest
    assert medtrinity.date == PaperDate(2024, 8, 5)  # first complete date (the listing's)
    assert medtrinity.upvotes == 7  # CSV's
    assert medtrinity.author_count == 11
    assert len(medtrinity.authors) == 11  # JSONL had the names, first
    assert medtrinity.source_id == "2408.02900"
    assert medtrinity.code_urls == (
        "https://github.com/UCSC-VLAA/MedTrinity-25M",
        "https://huggingface.co/datasets/UCSC-VLAA/MedTrinity-25M",
    )
    # M3Ret: no byline in the one-per-line listing, date and upvotes from the bylines listing.
    m3ret = by_title["M3Ret"]
    assert (m3ret.date, m3ret.upvotes, m3ret.author_count) == (PaperDate(2025, 9, 1), 1, 8)
    assert [s.line for s in m3ret.sources] == [3, 45]
    # "MedS$^3$" and "MedS^3" have the same key: one paper, titled as first seen.
    assert "MedS$^3$" in by_title and "MedS^3" not in by_title
    assert len(by_title["MedS$^3$"].sources) == 2
    assert len({p.key for p in corpus.papers}) == len(corpus.papers)
