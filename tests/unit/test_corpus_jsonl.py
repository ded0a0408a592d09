"""JSON Lines reader: good records, every kind of bad line, encodings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.corpus.jsonl import read_jsonl
from kg.corpus.models import InputProblem, Paper, PaperDate, SourceRef

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
PAPERS = FIXTURES / "papers.jsonl"


def _split(records: list[Paper | InputProblem]) -> tuple[list[Paper], list[InputProblem]]:
    return [r for r in records if isinstance(r, Paper)], [
        r for r in records if isinstance(r, InputProblem)
    ]


def test_jsonl_reads_good_lines_with_all_fields() -> None:
    papers, _ = _split(list(read_jsonl(PAPERS)))
    assert [p.sources[0].line for p in papers] == [1, 3, 8, 10]
    medtrinity = papers[0]
    # The BOM before the first object is not part of anything.
    assert (
        medtrinity.title
        == "MedTrinity-25M: A Large-scale Multimodal Dataset with Multigranular Annotations "
        "for Medicine"
    )
    assert medtrinity.source_id == "2408.02900"
    assert medtrinity.date == PaperDate(2024, 8, 6)
    assert medtrinity.authors[:2] == ("Yunfei Xie", "Ce Zhou") and len(medtrinity.authors) == 11
    assert medtrinity.author_count == 11
    assert medtrinity.upvotes == 1
    assert medtrinity.url == "https://arxiv.org/abs/2408.02900"
    assert medtrinity.code_urls == (
        "https://github.com/UCSC-VLAA/MedTrinity-25M",
    )  # from the abstract


def test_jsonl_optional_field_variants() -> None:
    papers, _ = _split(list(read_jsonl(PAPERS)))
    cupcase, llm, generalist = papers[1], papers[2], papers[3]
    assert (cupcase.date, cupcase.author_count, cupcase.authors, cupcase.upvotes) == (
        PaperDate(2025, 3, None),
        5,
        (),
        3,
    )
    # A code_url list, cleaned ("CUPCase." loses its full stop).
    assert cupcase.code_urls == (
        "https://github.com/nadavlab/CUPCase",
        "https://huggingface.co/datasets/oriel9p/CUPCase",
    )
    assert (llm.date, llm.upvotes) == (None, None)  # bad values dropped, paper kept
    assert generalist.date == PaperDate(2023, 7, 26)  # a full datetime keeps its date
    assert generalist.code_urls == ("https://github.com/example-org/med-palm-m-eval",)


def test_jsonl_bad_lines_are_problems_with_line_numbers() -> None:
    _, problems = _split(list(read_jsonl(PAPERS)))
    path = str(PAPERS)
    got = [(p.source, p.message) for p in problems]
    assert got == [
        (SourceRef(path, line=4), "invalid JSON: Unterminated string starting at (column 84)"),
        (SourceRef(path, line=5), "expected a JSON object, got list"),
        (SourceRef(path, line=6), "missing or empty 'abstract'"),
        (SourceRef(path, line=7), "'title' must be a string, got a number"),
        (SourceRef(path, line=8), "ignored 'date': not a real date: '2022-13-45'"),
        (
            SourceRef(path, line=8),
            "ignored 'upvotes': expected a non-negative integer, got a string 'many'",
        ),
        (SourceRef(path, line=9), "line is not valid UTF-8; skipped"),
        (SourceRef(path, line=11), "missing or empty 'abstract'"),
    ]


def test_jsonl_truncated_export_keeps_complete_lines() -> None:
    papers, problems = _split(list(read_jsonl(FIXTURES / "truncated.jsonl")))
    assert [p.title for p in papers] == [
        "MedMax: Mixed-Modal Instruction Tuning for Training Biomedical Assistants",
        "MedGemma Technical Report",
    ]
    assert len(problems) == 1
    assert problems[0].source.line == 3 and problems[0].message.startswith(
        "invalid JSON: Unterminated string"
    )


def _one(tmp_path: Path, obj: object) -> tuple[list[Paper], list[InputProblem]]:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    return _split(list(read_jsonl(path)))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"abstract": "An abstract."}, "missing or empty 'title'"),
        ({"title": "", "abstract": "An abstract."}, "missing or empty 'title'"),
        ({"title": None, "abstract": "An abstract."}, "missing or empty 'title'"),
        ({"title": "T", "abstract": ["An", "abstract"]}, "'abstract' must be a string, got a list"),
        ({"title": ["T"], "abstract": {"text": "x"}}, "'title' must be a string, got a list"),
    ],
)
def test_jsonl_required_fields(tmp_path: Path, fields: dict[str, object], message: str) -> None:
    papers, problems = _one(tmp_path, fields)
    assert papers == []
    assert message in [p.message for p in problems]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"authors": "Ada Lovelace, Alan Turing"},
            "ignored 'authors': expected a list of strings, got a string",
        ),
        ({"authors": ["Ada", 3]}, "ignored 'authors': expected a list of strings"),
        (
            {"author_count": -1},
            "ignored 'author_count': expected a non-negative integer, got a number -1",
        ),
        (
            {"upvotes": True},
            "ignored 'upvotes': expected a non-negative integer, got a boolean True",
        ),
        ({"upvotes": 2.5}, "ignored 'upvotes': expected a non-negative integer, got a number 2.5"),
        ({"date": "13/12/2024"}, "ignored 'date': not an ISO 8601 date: '13/12/2024'"),
        ({"date": {"year": 2024}}, "ignored 'date': expected an ISO 8601 string, got an object"),
        ({"url": 5}, "ignored 'url': expected a string, got a number"),
        ({"code_url": 7}, "ignored 'code_url': expected a list of strings, got a number"),
        ({"id": [1]}, "ignored 'id': expected a string, got a list"),
    ],
)
def test_jsonl_wrong_optional_types_keep_the_paper(
    tmp_path: Path, fields: dict[str, object], message: str
) -> None:
    papers, problems = _one(tmp_path, {"title": "A Title", "abstract": "An abstract.", **fields})
    assert len(papers) == 1
    assert [p.message for p in problems] == [message]
    assert all(p.source.line == 1 for p in problems)


def test_jsonl_coercions(tmp_path: Path) -> None:
    (paper,), problems = _one(
        tmp_path,
        {
            "id": 12345,
            "title": "  A   Title ",
            "summary": "Abstract\ngiven as 'summary'.",
            "date": 2021,
            "authors": ["Ada Lovelace", " ", "Alan Turing"],
            "author_count": None,
            "code_urls": "https://gitlab.com/group/sub/project/-/tree/main",
        },
    )
    assert problems == []
    assert (paper.source_id, paper.title, paper.abstract) == (
        "12345",
        "A Title",
        "Abstract given as 'summary'.",
    )
    assert paper.date == PaperDate(2021, None, None)
    assert (paper.authors, paper.author_count) == (("Ada Lovelace", "Alan Turing"), 2)
    assert paper.code_urls == ("https://gitlab.com/group/sub/project",)


def test_jsonl_blank_and_whitespace_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    path.write_bytes(b'\n   \r\n{"title": "T", "abstract": "A."}\r\n\n')
    (paper,) = read_jsonl(path)
    assert isinstance(paper, Paper) and paper.sources[0].line == 3
