"""Identifiers kept from PubMed and arXiv exports, and identity by identifier (issue 19)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from kg.corpus import Paper, read_corpus
from kg.corpus import identifiers as ids
from kg.corpus.arxiv_atom import read_arxiv_atom
from kg.corpus.fields import paper_from_fields
from kg.corpus.merge import merge_records
from kg.corpus.models import SourceRef
from kg.corpus.pubmed_xml import article_identifiers, read_pubmed_xml
from kg.corpus.stream import stream_corpus
from kg.ids import identifier_key, paper_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
PUBMED = FIXTURES / "pubmed_identifiers.xml"
ARXIV = FIXTURES / "arxiv_identifiers.atom"
DOI = "doi:10.1038/s41591-024-00001-x"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.1038/S41591-024-00001-X", (DOI,)),
        ("https://doi.org/10.1038/s41591-024-00001-x", (DOI,)),
        ("http://dx.doi.org/10.1038/s41591-024-00001-x", (DOI,)),
        ("doi:10.1038/s41591-024-00001-x", (DOI,)),
        ("PMID:39000001", ("pmid:39000001",)),
        ("PMC11000001", ("pmcid:PMC11000001",)),
        ("arXiv:2309.01234v3", ("arxiv:2309.01234", "arxiv-version:2309.01234v3")),
        ("2309.01234", ("arxiv:2309.01234",)),
        (
            "https://arxiv.org/abs/hep-th/9901001v2",
            ("arxiv:hep-th/9901001", "arxiv-version:hep-th/9901001v2"),
        ),
        ("39000001", ()),  # a bare number is not guessed to be a PMID
        ("p17", ()),
        ("", ()),
    ],
)
def test_identifiers_from_text(text: str, expected: tuple[str, ...]) -> None:
    assert ids.from_text(text) == expected


def test_pubmed_keeps_doi_pmid_pmcid_and_not_the_references() -> None:
    records = list(read_pubmed_xml(PUBMED))
    first = records[0]
    assert isinstance(first, Paper)
    assert first.identifiers == (DOI, "pmid:39000001", "pmcid:PMC11000001")
    # a reference's DOI and PMID, and a comment's PMID, are not the article's
    assert not any("32000002" in i or "39000999" in i or "s0140" in i for i in first.identifiers)
    assert first.key == identifier_key(DOI)
    second = records[1]
    assert isinstance(second, Paper)
    assert second.identifiers == ("doi:10.1148/radadv.2024.0002", "pmid:39000002")


def test_pubmed_invalid_elocation_doi_is_not_kept() -> None:
    element = ET.fromstring(
        "<PubmedArticle><MedlineCitation><PMID>5</PMID><Article>"
        '<ELocationID EIdType="doi" ValidYN="N">10.9999/invalid</ELocationID>'
        "</Article></MedlineCitation></PubmedArticle>"
    )
    assert article_identifiers(element) == ("pmid:5",)


def test_arxiv_keeps_versioned_id_doi_and_journal_ref() -> None:
    first = next(iter(read_arxiv_atom(ARXIV)))
    assert isinstance(first, Paper)
    assert first.identifiers == (DOI, "arxiv:2309.01234", "arxiv-version:2309.01234v3")
    assert first.journal_ref == "Nat. Med. 30, 1001-1010 (2024)"


def test_pubmed_and_arxiv_records_of_one_doi_are_one_paper_despite_titles() -> None:
    corpus = read_corpus([PUBMED, ARXIV])
    by_doi = [p for p in corpus.papers if DOI in p.identifiers]
    assert len(by_doi) == 1
    paper = by_doi[0]
    assert paper.key == identifier_key(DOI)
    assert {"pmid:39000001", "pmcid:PMC11000001", "arxiv:2309.01234"} <= set(paper.identifiers)
    assert paper.journal_ref == "Nat. Med. 30, 1001-1010 (2024)"
    assert len(paper.sources) == 2


def test_two_versions_of_one_arxiv_id_are_one_paper() -> None:
    corpus = read_corpus([ARXIV])
    versions = [p for p in corpus.papers if "arxiv:2401.05555" in p.identifiers]
    assert len(versions) == 1
    assert {"arxiv-version:2401.05555v1", "arxiv-version:2401.05555v2"} <= set(
        versions[0].identifiers
    )
    assert len(corpus.papers) == 2


def test_read_and_stream_agree_on_identity_and_count_skipped_records() -> None:
    corpus = read_corpus([PUBMED, ARXIV])
    stream = stream_corpus([PUBMED, ARXIV])
    assert sorted(p.key for p in corpus.papers) == sorted(p.key for p in stream)
    assert {p.key: p for p in corpus.papers} == {p.key: p for p in stream}
    # 3 PubMed articles (one without abstract, skipped) + 3 arXiv entries
    assert (corpus.records_read, corpus.records_skipped) == (6, 1)
    assert (stream.records_read, stream.records_skipped) == (6, 1)
    assert len(corpus.papers) == stream.count == 3


def _paper(title: str, *identifiers: str) -> Paper:
    return Paper(
        key=paper_key(title), title=title, abstract=f"About {title}.", identifiers=identifiers
    )


def test_title_is_the_fallback_but_never_joins_two_dois() -> None:
    listed = _paper("Deep Learning for CT")  # a listing without identifiers
    journal = _paper("Deep learning for CT", "doi:10.1/a")
    other = _paper("Deep learning for CT", "doi:10.1/b")  # same title, another DOI
    papers = merge_records([listed, journal, other])
    assert len(papers) == 2
    assert {p.key for p in papers} == {identifier_key("doi:10.1/a"), identifier_key("doi:10.1/b")}
    # the title-only record went to one of them, and order does not change the outcome
    assert sorted(len(p.sources) for p in merge_records([listed, journal, other])) == sorted(
        len(p.sources) for p in merge_records([other, listed, journal])
    )


def test_identity_chains_through_shared_identifiers() -> None:
    a = _paper("Preprint title", "arxiv:2401.1")
    b = _paper("Journal title", "doi:10.1/x", "pmid:7")
    c = _paper("Another title", "arxiv:2401.1", "pmid:7")
    papers = merge_records([a, b, c])
    assert len(papers) == 1
    assert papers[0].key == identifier_key("doi:10.1/x")
    assert papers[0].title == "Preprint title"  # the first record seen keeps its title


def test_papers_without_identifiers_keep_title_keys() -> None:
    plain = _paper("MedTrinity-25M: A Dataset")
    assert merge_records([plain, replace(plain, abstract="longer abstract text")])[
        0
    ].key == paper_key("MedTrinity-25M: A Dataset")


def test_jsonl_identifier_fields_and_bad_values() -> None:
    fields = {
        "title": "T",
        "abstract": "A",
        "id": "arXiv:2401.00001v2",
        "doi": "10.1/X",
        "pmid": 12,
        "pmcid": "not-a-pmcid",
    }
    paper, problems = paper_from_fields(fields, SourceRef("f.jsonl", line=1))
    assert paper is not None
    assert paper.identifiers == (
        "doi:10.1/x",
        "arxiv:2401.00001",
        "pmid:12",
        "arxiv-version:2401.00001v2",
    )
    assert problems == ["ignored 'pmcid': not a valid PubMed Central id: 'not-a-pmcid'"]
