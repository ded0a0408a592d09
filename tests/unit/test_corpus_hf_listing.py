"""Hugging Face Daily Papers listing dumps: the three layouts, bylines, and broken input."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.corpus.hf_listing import looks_like_abstract, parse_listing_date, read_hf_listing
from kg.corpus.models import InputProblem, Paper, PaperDate, SourceRef
from kg.ids import paper_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def _read(name: str) -> tuple[list[Paper], list[InputProblem]]:
    records = list(read_hf_listing(FIXTURES / name))
    papers = [r for r in records if isinstance(r, Paper)]
    problems = [r for r in records if isinstance(r, InputProblem)]
    assert len(papers) + len(problems) == len(records)
    return papers, problems


def test_hf_listing_blank_separated_layout() -> None:
    papers, problems = _read("hf_blank_separated.txt")
    assert problems == []
    assert [p.title for p in papers] == [
        (
            "SPARSE Data, Rich Results: Few-Shot Semi-Supervised Learning via Class-Conditioned "
            "Image Translation"
        ),
        (
            "Crowdsourcing Dermatology Images with Google Search Ads: Creating a Real-World Skin "
            "Condition Dataset"
        ),
        (
            "MedTrinity-25M: A Large-scale Multimodal Dataset with Multigranular Annotations "
            "for Medicine"
        ),
        "MEDEC: A Benchmark for Medical Error Detection and Correction in Clinical Notes",
        (
            "Lingshu: A Generalist Foundation Model for Unified Multimodal Medical Understanding "
            "and Reasoning"
        ),
        "MedS$^3$: Towards Medical Small Language Models with Self-Evolved Slow Thinking",
    ]
    assert [p.sources[0].line for p in papers] == [13, 17, 21, 25, 29, 33]
    medtrinity = papers[2]
    assert medtrinity.key == paper_key(medtrinity.title)
    assert medtrinity.abstract.startswith("This paper introduces MedTrinity-25M, a comprehensive")
    assert medtrinity.sources == (SourceRef(str(FIXTURES / "hf_blank_separated.txt"), line=21),)
    # No byline in this layout: nothing is invented.
    assert all(p.date is None and p.author_count is None and p.upvotes is None for p in papers)


def test_hf_listing_truncated_abstract_is_a_paper() -> None:
    papers, _ = _read("hf_blank_separated.txt")
    lingshu = papers[4]
    assert lingshu.abstract.endswith("on most tasks ...")


def test_hf_listing_code_urls_from_abstract() -> None:
    papers, _ = _read("hf_blank_separated.txt")
    by_title = {p.title.split(":")[0]: p for p in papers}
    # A bare "github.com/..." gets a scheme; "(url)," loses its punctuation.
    assert by_title["Crowdsourcing Dermatology Images with Google Search Ads"].code_urls == (
        "https://github.com/google-research-datasets/scin",
    )
    assert by_title["MEDEC"].code_urls == ("https://github.com/abachaa/MEDEC",)
    assert by_title["SPARSE Data, Rich Results"].code_urls == (
        "https://github.com/GuidoManni/SPARSE",
    )
    assert by_title["MedTrinity-25M"].code_urls == ()


def test_hf_listing_one_line_per_field_layout_with_glued_header() -> None:
    papers, problems = _read("hf_one_per_line.txt")
    assert problems == []
    assert [p.sources[0].line for p in papers] == [3, 5, 7, 9, 11]
    # "SubscribeM3Ret: ..." in the saved page: the header word is not part of the title.
    assert (
        papers[0].title
        == "M3Ret: Unleashing Zero-shot Multimodal Medical Image Retrieval via Self-Supervision"
    )
    assert papers[1].title.startswith("HuatuoGPT-Vision, Towards Injecting")
    assert papers[1].abstract.startswith(
        "The rapid development of multimodal large language models"
    )
    assert papers[4].title == "MedGemma Technical Report"
    assert papers[4].abstract.startswith("Artificial intelligence (AI) has significant potential")


def test_hf_listing_bylines_dates_authors_upvotes() -> None:
    papers, problems = _read("hf_bylines.txt")
    assert problems == []
    got = {p.title.split(":")[0]: (p.date, p.author_count, p.upvotes) for p in papers}
    assert got == {
        "UniMed-CLIP": (PaperDate(2024, 12, 13), 5, None),
        "PulseMind": (PaperDate(None, 1, 12), 12, None),  # "Jan 12": no year is invented
        "ROOM": (PaperDate(2025, 9, 16), 7, 2),  # "Sep 16, 2025 2": 2 upvotes
        "MedTrinity-25M": (PaperDate(2024, 8, 5), 11, 2),
        "M3Ret": (PaperDate(2025, 9, 1), 8, 1),
        # Submitted by an organisation: its byline names it instead of counting authors.
        "Derm1M": (PaperDate(2025, 3, 19), None, 2),
    }


def test_hf_listing_boilerplate_and_bylines_never_become_titles() -> None:
    titles = {
        p.title
        for name in ("hf_blank_separated.txt", "hf_bylines.txt", "hf_one_per_line.txt")
        for p in _read(name)[0]
    }
    for junk in ("new", "Subscribe", "Daily Papers", "Aug 19", "Mar 10", "Monash University", "·"):
        assert junk not in titles
    assert not any(t.startswith(("Get trending", "Subscribe", "byAK")) for t in titles)


def test_hf_listing_broken_input_reports_lines_and_goes_on() -> None:
    papers, problems = _read("hf_broken.txt")
    assert [(p.title, p.sources[0].line) for p in papers] == [
        ("Towards Generalist Biomedical AI", 17),
        ("CUPCase: Clinically Uncommon Patient Cases and Diagnoses Dataset", 25),
    ]
    assert papers[0].author_count == 1  # "• 1 author"
    assert papers[0].date is None  # "Feb 30, 2025" does not exist
    assert papers[1].abstract.startswith("Medical benchmark datasets")  # read past the bad line
    path = str(FIXTURES / "hf_broken.txt")
    assert [p.source for p in problems] == [SourceRef(path, line=n) for n in (13, 15, 23, 27, 31)]
    messages = [p.message for p in problems]
    assert messages[0].startswith("text without a title")
    assert messages[1] == "title without an abstract: 'MedGemma Technical Report'"
    assert messages[2].startswith("invalid date 'Feb 30, 2025 3'")
    assert messages[3] == "line is not valid UTF-8; skipped"
    assert messages[4].startswith("title without an abstract: 'A Title Left Alone")
    assert str(problems[1]) == f"{path}:15: title without an abstract: 'MedGemma Technical Report'"


def test_hf_listing_whitespace_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "listing.txt"
    path.write_text(
        "Daily Papers\r\n\r\n  Deep   Learning\tfor CT  \r\n\r\n"
        "We  propose\u00a0a model.   It works.\r\n\r\n  \u2022 3 authors\r\n"
        "\u00b7\r\nMay 2, 2024\r\n",
        encoding="utf-8",
    )
    (paper,) = read_hf_listing(path)
    assert isinstance(paper, Paper)
    assert (paper.title, paper.abstract) == (
        "Deep Learning for CT",
        "We propose a model. It works.",
    )
    assert (paper.author_count, paper.date) == (3, PaperDate(2024, 5, 2))


def test_hf_listing_upvotes_on_their_own_line(tmp_path: Path) -> None:
    path = tmp_path / "listing.txt"
    path.write_text(
        "A Title\n\nAn abstract sentence.\n\n\u2022 2 authors\n\u00b7\nJan 7\n\n14\n",
        encoding="utf-8",
    )
    (paper,) = read_hf_listing(path)
    assert isinstance(paper, Paper)
    assert (paper.date, paper.upvotes, paper.author_count) == (PaperDate(None, 1, 7), 14, 2)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Dec 13, 2024", (PaperDate(2024, 12, 13), None)),
        ("Jan 12", (PaperDate(None, 1, 12), None)),
        ("Sep 16, 2025 2", (PaperDate(2025, 9, 16), 2)),
        ("Published on Mar 3, 2023", (PaperDate(2023, 3, 3), None)),
        ("Feb 29", (PaperDate(None, 2, 29), None)),
        ("MedGemma Technical Report", None),
        ("Tiny 3", None),
    ],
)
def test_hf_listing_parse_listing_date(
    line: str, expected: tuple[PaperDate, int | None] | None
) -> None:
    assert parse_listing_date(line) == expected


def test_hf_listing_title_or_abstract_shape() -> None:
    assert not looks_like_abstract(
        "Can Large Language Models Replace Data Scientists in Clinical Research?"
    )
    assert looks_like_abstract("x" * 300)
    assert looks_like_abstract("Short abstract that ends like a sentence.")
