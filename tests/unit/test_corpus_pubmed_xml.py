"""PubMed efetch XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.corpus.models import InputProblem, Paper, PaperDate, SourceRef
from kg.corpus.pubmed_xml import parse_pubmed_date, read_pubmed_xml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
EFETCH = FIXTURES / "pubmed_efetch.xml"


def test_pubmed_structured_abstracts_are_joined_with_labels() -> None:
    first, second = read_pubmed_xml(EFETCH)
    assert isinstance(first, Paper) and isinstance(second, Paper)
    assert first.title == (
        "Deep learning for diabetic retinopathy screening from fundus photographs: "
        "a multicentre validation study."
    )
    assert first.abstract.startswith(
        "BACKGROUND: Automated grading of diabetic retinopathy could widen access to screening"
    )
    # Inline markup is flattened; the copyright line is not abstract text.
    assert (
        " METHODS: We trained a convolutional neural network (ResNet-50) on 88 702 colour fundus "
        "photographs from EyePACS and tested it on Messidor-2 and APTOS 2019. FINDINGS: "
        in first.abstract
    )
    assert first.abstract.endswith(
        "INTERPRETATION: A single model generalised across three populations. Code is available at https://github.com/example-lab/dr-screening."
    )
    assert "Copyright" not in first.abstract
    assert (
        second.title
        == "Named entity recognition in radiology reports with transformer language models."
    )
    assert second.abstract.split(": ")[0] == "OBJECTIVE"
    assert "MATERIALS AND METHODS: We fine-tuned BioBERT and RadBERT" in second.abstract


def test_pubmed_metadata() -> None:
    first, second = read_pubmed_xml(EFETCH)
    assert isinstance(first, Paper) and isinstance(second, Paper)
    assert first.authors == ("Chidinma A Okafor", "E Lindqvist", "DR-Screen Study Group")
    assert first.author_count == 3
    assert first.date == PaperDate(2024, 3, 15)  # ArticleDate, not the "2024 Apr"
    assert (first.source_id, first.url) == (
        "PMID:38512345",
        "https://pubmed.ncbi.nlm.nih.gov/38512345/",
    )
    assert first.code_urls == ("https://github.com/example-lab/dr-screening",)
    assert first.sources == (SourceRef(str(EFETCH), record=1),)
    assert second.date == PaperDate(2023, 11, None)  # MedlineDate "2023 Nov-Dec"
    assert second.authors == ("Julien Moreau", "Hiroshi Tanaka")
    assert second.sources == (SourceRef(str(EFETCH), record=2),)


def test_pubmed_truncated_file() -> None:
    path = FIXTURES / "pubmed_truncated.xml"
    paper, no_abstract, malformed = read_pubmed_xml(path)
    assert isinstance(paper, Paper) and paper.source_id == "PMID:38512345"
    assert no_abstract == InputProblem(
        SourceRef(str(path), record=2), "PMID 38100001 has no abstract", skipped_record=True
    )
    assert isinstance(malformed, InputProblem)
    assert malformed.source == SourceRef(str(path), line=95)
    assert malformed.message == (
        "malformed XML at line 95, column 101 (no element found); 2 record(s) read before it"
    )


def test_pubmed_book_article(tmp_path: Path) -> None:
    path = tmp_path / "book.xml"
    path.write_text(
        "<PubmedArticleSet><PubmedBookArticle><BookDocument><PMID>20301295</PMID>"
        "<ArticleTitle>Retinoblastoma</ArticleTitle><Book><PubDate><Year>2000</Year></PubDate></Book>"
        '<Abstract><AbstractText Label="CLINICAL CHARACTERISTICS">'
        "Retinoblastoma is a tumour.</AbstractText>"
        "</Abstract></BookDocument></PubmedBookArticle></PubmedArticleSet>",
        encoding="utf-8",
    )
    (paper,) = read_pubmed_xml(path)
    assert isinstance(paper, Paper)
    assert (paper.title, paper.abstract) == (
        "Retinoblastoma",
        "CLINICAL CHARACTERISTICS: Retinoblastoma is a tumour.",
    )
    assert (paper.date, paper.source_id) == (PaperDate(2000, None, None), "PMID:20301295")


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<PubDate><Year>2024</Year><Month>Apr</Month></PubDate>", PaperDate(2024, 4, None)),
        (
            "<PubDate><Year>2024</Year><Month>04</Month><Day>9</Day></PubDate>",
            PaperDate(2024, 4, 9),
        ),
        (
            "<PubDate><Year>2024</Year><Season>Spring</Season></PubDate>",
            PaperDate(2024, None, None),
        ),
        (
            "<PubDate><Year>2023</Year><Month>Feb</Month><Day>30</Day></PubDate>",
            PaperDate(2023, 2, None),
        ),
        (
            "<PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate>",
            PaperDate(1998, 12, None),
        ),
        ("<PubDate><MedlineDate>2000 Spring</MedlineDate></PubDate>", PaperDate(2000, None, None)),
        ("<PubDate><MedlineDate>Winter</MedlineDate></PubDate>", None),
    ],
)
def test_pubmed_parse_pubmed_date(xml: str, expected: PaperDate | None) -> None:
    assert parse_pubmed_date(ET.fromstring(xml)) == expected
