"""Reader for PubMed ``efetch`` XML (``<PubmedArticleSet>``), including book articles.

Per article (``PubmedArticle/MedlineCitation``): ``PMID``, ``Article/ArticleTitle``,
``Article/Abstract/AbstractText`` (structured abstracts have several, with ``Label``s, joined as
"LABEL: text ..."), ``AuthorList``, and the date: ``ArticleDate`` (electronic publication,
always complete) when present, else the journal issue's ``PubDate`` (``Year``, ``Month`` as
"Jan" or "01", ``Day``, or a free-form ``MedlineDate`` such as "2019 Jan-Feb").

Identifiers (issue 19): the PMID, the article's ``ELocationID EIdType="doi"`` (when not marked
``ValidYN="N"``) and the record's own ``ArticleIdList`` (``IdType`` doi, pmc, pubmed, arxiv;
not the lists of its references).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.corpus import identifiers as ids
from kg.corpus.code_urls import find_code_urls
from kg.corpus.fields import clean_text, make_date, month_number, parse_int
from kg.corpus.merge import record_key
from kg.corpus.models import InputProblem, Paper, PaperDate, SourceRef
from kg.corpus.xmltools import child, children, iter_elements, text_of
from kg.vocab import PUBMED

_RECORDS = frozenset({"PubmedArticle", "PubmedBookArticle"})
_MEDLINE_DATE = re.compile(
    r"(?P<year>\d{4})(?:\s+(?P<month>[A-Za-z]{3,9}|\d{1,2})(?:\s+(?P<day>\d{1,2})\b)?)?"
)
_NO_LABEL = frozenset({"", "UNLABELLED", "UNASSIGNED"})


def parse_pubmed_date(element: ET.Element | None) -> PaperDate | None:
    """Parse an ``ArticleDate``/``PubDate``-like element; None when it holds no usable year.

    >>> parse_pubmed_date(ET.fromstring("<D><MedlineDate>2019 Jan-Feb</MedlineDate></D>"))
    PaperDate(year=2019, month=1, day=None)
    >>> parse_pubmed_date(ET.fromstring("<D><Year>2023</Year><Month>Sep</Month><Day>5</Day></D>"))
    PaperDate(year=2023, month=9, day=5)
    """
    if element is None:
        return None
    year = parse_int(text_of(child(element, "Year")))
    month_text, day_text = text_of(child(element, "Month")), text_of(child(element, "Day"))
    if year is None:
        match = _MEDLINE_DATE.match(text_of(child(element, "MedlineDate")))
        if match is None:
            return None
        year, month_text, day_text = int(match["year"]), match["month"] or "", match["day"] or ""
    month = month_number(month_text) if month_text else None
    day = parse_int(day_text) if month is not None else None
    try:
        return make_date(year, month, day)
    except ValueError:
        # An impossible day should not cost the year and month.
        return make_date(year, month, None)


def _author_name(author: ET.Element) -> str:
    collective = text_of(child(author, "CollectiveName"))
    if collective:
        return collective
    given = text_of(child(author, "ForeName")) or text_of(child(author, "Initials"))
    return " ".join(p for p in (given, text_of(child(author, "LastName"))) if p)


def _abstract(container: ET.Element | None) -> str:
    parts = []
    for section in children(container, "AbstractText") if container is not None else []:
        text = text_of(section)
        label = clean_text(section.get("Label") or "")
        if text:
            parts.append(f"{label}: {text}" if label.upper() not in _NO_LABEL else text)
    return " ".join(parts)


_ID_TYPES = {"doi": ids.doi, "pmc": ids.pmcid, "pubmed": ids.pmid}


def article_identifiers(element: ET.Element) -> tuple[str, ...]:
    """The identifiers of one ``PubmedArticle`` or ``PubmedBookArticle``, normalised.

    >>> article_identifiers(ET.fromstring(
    ...     '<PubmedArticle><MedlineCitation><PMID>12</PMID><Article>'
    ...     '<ELocationID EIdType="doi" ValidYN="Y">10.1/X</ELocationID></Article>'
    ...     '</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pmc">PMC7'
    ...     '</ArticleId></ArticleIdList></PubmedData></PubmedArticle>'))
    ('doi:10.1/x', 'pmid:12', 'pmcid:PMC7')
    """
    found: list[str | None] = []
    for citation in (child(element, "MedlineCitation"), child(element, "BookDocument")):
        if citation is None:
            continue
        found.append(ids.pmid(text_of(child(citation, "PMID"))))
        article = child(citation, "Article")
        for location in children(citation if article is None else article, "ELocationID"):
            if location.get("EIdType") == "doi" and location.get("ValidYN", "Y") != "N":
                found.append(ids.doi(text_of(location)))
    id_lists = [child(element, "PubmedData", "ArticleIdList")]
    id_lists += [child(element, "BookDocument", "ArticleIdList")]
    id_lists += [child(element, "PubmedBookData", "ArticleIdList")]
    for id_list in id_lists:
        for article_id in children(id_list, "ArticleId") if id_list is not None else []:
            kind, value = article_id.get("IdType", ""), text_of(article_id)
            if kind == "arxiv":
                found.extend(ids.arxiv(value))
            elif kind in _ID_TYPES:
                found.append(_ID_TYPES[kind](value))
    return ids.unique(found)


def _record(number: int, element: ET.Element, label: str) -> Paper | InputProblem:
    where = SourceRef(label, record=number)
    dates: tuple[ET.Element | None, ...]
    if element.tag.endswith("PubmedBookArticle"):
        citation = child(element, "BookDocument")
        article = citation
        title = text_of(child(citation, "ArticleTitle")) or text_of(
            child(citation, "Book", "BookTitle")
        )
        dates = (child(citation, "Book", "PubDate"),)
    else:
        citation = child(element, "MedlineCitation")
        article = child(citation, "Article")
        title = text_of(child(article, "ArticleTitle"))
        dates = (
            child(article, "ArticleDate"),
            child(article, "Journal", "JournalIssue", "PubDate"),
        )
    pmid = text_of(child(citation, "PMID"))
    abstract = _abstract(child(article, "Abstract"))
    missing = [name for name, value in (("title", title), ("abstract", abstract)) if not value]
    if missing:
        ident = f"PMID {pmid}" if pmid else f"article {number}"
        return InputProblem(where, f"{ident} has no {' or '.join(missing)}", skipped_record=True)
    author_list = child(article, "AuthorList")
    authors = (
        tuple(n for n in (_author_name(a) for a in children(author_list, "Author")) if n)
        if author_list is not None
        else ()
    )
    date = next((d for d in map(parse_pubmed_date, dates) if d is not None), None)
    identifiers = article_identifiers(element)
    return Paper(
        key=record_key(title, identifiers),
        title=title,
        abstract=abstract,
        date=date,
        authors=authors,
        author_count=len(authors) if authors else None,
        url=f"{PUBMED}{pmid}/" if pmid else None,
        code_urls=find_code_urls(abstract),
        source_id=f"PMID:{pmid}" if pmid else None,
        sources=(where,),
        identifiers=identifiers,
    )


def read_pubmed_xml(path: Path, label: str | None = None) -> Iterator[Paper | InputProblem]:
    """Read a PubMed efetch XML export.

    Args:
        path: the export (gzip allowed).
        label: how problems and sources name the file (default ``str(path)``).

    Yields:
        A :class:`Paper` per article (``record`` = its position in the file), an
        :class:`InputProblem` per article without title or abstract, and one for malformed XML.
    """
    name = label if label is not None else str(path)
    for item in iter_elements(path, name, _RECORDS):
        if isinstance(item, InputProblem):
            yield item
        else:
            yield _record(*item, name)
