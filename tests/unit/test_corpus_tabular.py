"""CSV/TSV reader: header mapping, quoted multi-line cells, bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.corpus.models import InputProblem, Paper, PaperDate, SourceRef
from kg.corpus.tabular import column_key, header_delimiter, read_tabular

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def _split(records: list[Paper | InputProblem]) -> tuple[list[Paper], list[InputProblem]]:
    return [r for r in records if isinstance(r, Paper)], [
        r for r in records if isinstance(r, InputProblem)
    ]


def test_tabular_csv_good_rows() -> None:
    path = FIXTURES / "papers.csv"
    papers, _ = _split(list(read_tabular(path)))
    assert [(p.title.split(":")[0], p.sources[0]) for p in papers] == [
        ("UniMed-CLIP", SourceRef(str(path), line=2, record=1)),
        ("MedTrinity-25M", SourceRef(str(path), line=4, record=2)),
        ("MedGemma Technical Report", SourceRef(str(path), line=8, record=5)),
    ]
    unimed = papers[0]
    # The quoted abstract spans two lines; whitespace is normalised.
    assert "image-text datasets. To address this gap, we introduce UniMed" in unimed.abstract
    assert unimed.source_id == "2412.10372"
    assert unimed.date == PaperDate(2024, 12, 13)
    assert unimed.authors == (
        "Muhammad Uzair Khattak",
        "Shahina Kunhimon",
        "Muzammal Naseer",
        "Salman Khan",
        "Fahad Shahbaz Khan",
    )
    assert unimed.author_count == 5
    assert unimed.code_urls == ("https://github.com/mbzuai-oryx/UniMed-CLIP",)
    medtrinity = papers[1]
    assert (medtrinity.date, medtrinity.upvotes) == (PaperDate(2024, None, None), 7)
    assert medtrinity.code_urls == (
        "https://github.com/UCSC-VLAA/MedTrinity-25M",
        "https://huggingface.co/datasets/UCSC-VLAA/MedTrinity-25M",
    )
    assert (papers[2].date, papers[2].upvotes) == (PaperDate(2025, 7, 7), None)


def test_tabular_csv_bad_rows_name_line_and_row() -> None:
    path = str(FIXTURES / "papers.csv")
    _, problems = _split(list(read_tabular(FIXTURES / "papers.csv")))
    assert [(p.source, p.message) for p in problems] == [
        (SourceRef(path, line=5, record=3), "missing or empty 'abstract'"),
        (SourceRef(path, line=6, record=4), "row has 8 fields but the header has 7; skipped"),
        (
            SourceRef(path, line=8, record=5),
            "ignored 'upvotes': expected a non-negative integer, got a string 'several'",
        ),
    ]
    assert str(problems[0]) == f"{path}:5 (record 3): missing or empty 'abstract'"


def test_tabular_tsv_with_summary_column() -> None:
    papers, problems = _split(list(read_tabular(FIXTURES / "papers.tsv")))
    assert problems == []
    assert [p.title for p in papers] == [
        "MedMax: Mixed-Modal Instruction Tuning for Training Biomedical Assistants",
        "CLIPSyntel: CLIP and LLM Synergy for Multimodal Question Summarization in Healthcare",
    ]
    assert papers[0].abstract.startswith("Recent advancements in mixed-modal generative models")
    assert (papers[0].author_count, papers[0].url) == (6, "https://arxiv.org/abs/2412.12661")
    assert (papers[1].author_count, papers[1].url) == (None, None)


def test_tabular_missing_required_columns_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "papers.csv"
    path.write_text("name,text\nA,B\n", encoding="utf-8")
    (problem,) = read_tabular(path)
    assert isinstance(problem, InputProblem)
    assert problem.source == SourceRef(str(path), line=1)
    assert problem.message == "no 'title' and 'abstract' columns in the header (found 'name,text')"


def test_tabular_semicolon_csv_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("\ufeffTITLE;ABSTRACT;Upvotes\r\nA title;An abstract.;4\r\n".encode())
    (paper,) = read_tabular(path)
    assert isinstance(paper, Paper)
    assert (paper.title, paper.abstract, paper.upvotes) == ("A title", "An abstract.", 4)


def test_tabular_undecodable_row_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "papers.csv"
    path.write_bytes(b"title,abstract\nR\xe9sum\xe9,Latin-1.\nGood,Fine.\n")
    problem, paper = read_tabular(path)
    assert isinstance(problem, InputProblem) and isinstance(paper, Paper)
    assert problem.source == SourceRef(str(path), line=2, record=1)
    assert problem.message == "row is not valid UTF-8; skipped"
    assert paper.sources == (SourceRef(str(path), line=3, record=2),)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Title,Abstract", ","),
        ("title\tsummary", "\t"),
        ("id;Title;Abstract", ";"),
        ("title,body", None),
    ],
)
def test_tabular_header_delimiter(header: str, expected: str | None) -> None:
    assert header_delimiter(header) == expected


def test_tabular_column_key() -> None:
    assert [column_key(h) for h in (" Code URL", "author-count", "UPVOTES")] == [
        "code_url",
        "author_count",
        "upvotes",
    ]
