"""Reader for arXiv API results: an Atom ``<feed>`` of ``<entry>`` elements.

Per entry: ``title``, ``summary`` (the abstract), ``published`` (falling back to ``updated``),
``author/name``, ``id`` (``http://arxiv.org/abs/<id>v<n>``), ``link rel="alternate"``, and the
optional ``arxiv:comment``, where authors often put their code URL.

Identifiers (issue 19): the arXiv id from ``id`` (without and with its version), the DOI of
the published version (``arxiv:doi``, else the ``link title="doi"``) and ``arxiv:journal_ref``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.corpus import identifiers as ids
from kg.corpus.code_urls import find_code_urls, unique
from kg.corpus.fields import parse_iso_date
from kg.corpus.merge import record_key
from kg.corpus.models import InputProblem, Paper, PaperDate, SourceRef
from kg.corpus.xmltools import child, children, iter_elements, text_of

_ARXIV_ID = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?:v\d+)?$")


def arxiv_id(entry_id: str) -> str | None:
    """Return the version-less arXiv identifier in an entry id URL.

    >>> arxiv_id("http://arxiv.org/abs/2404.12345v2")
    '2404.12345'
    >>> arxiv_id("http://arxiv.org/abs/cs/0112017v1")
    'cs/0112017'
    """
    match = _ARXIV_ID.search(entry_id)
    return match["id"] if match else None


def _entry_date(entry: ET.Element) -> PaperDate | None:
    for name in ("published", "updated"):
        text = text_of(child(entry, name))
        if text:
            try:
                return parse_iso_date(text)
            except ValueError:
                continue
    return None


def entry_identifiers(entry: ET.Element) -> tuple[str, ...]:
    """The identifiers of one Atom entry, normalised.

    >>> entry_identifiers(ET.fromstring(
    ...     '<entry xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
    ...     '<id>http://arxiv.org/abs/2404.12345v2</id><arxiv:doi>10.1/X</arxiv:doi></entry>'))
    ('doi:10.1/x', 'arxiv:2404.12345', 'arxiv-version:2404.12345v2')
    """
    found: list[str | None] = [*ids.arxiv(text_of(child(entry, "id")))]
    found.append(ids.doi(text_of(child(entry, "doi"))))
    for link in children(entry, "link"):
        if link.get("title") == "doi" and link.get("href"):
            found.append(ids.doi(link.get("href", "")))
    return ids.unique(found)


def _entry(number: int, entry: ET.Element, label: str) -> Paper | InputProblem:
    where = SourceRef(label, record=number)
    entry_id = text_of(child(entry, "id"))
    title = text_of(child(entry, "title"))
    summary = text_of(child(entry, "summary"))
    if "arxiv.org/api/errors" in entry_id:
        # The API reports a bad query as a feed with one "Error" entry.
        return InputProblem(where, f"arXiv API error: {summary or title}")
    missing = [name for name, value in (("title", title), ("summary", summary)) if not value]
    if missing:
        return InputProblem(
            where, f"entry {entry_id or number} has no {' or '.join(missing)}", skipped_record=True
        )
    authors = tuple(
        a for a in (text_of(child(author, "name")) for author in children(entry, "author")) if a
    )
    url = next(
        (
            link.get("href")
            for link in children(entry, "link")
            if link.get("rel", "alternate") == "alternate" and link.get("href")
        ),
        entry_id or None,
    )
    ident = arxiv_id(entry_id)
    comment = text_of(child(entry, "comment"))
    identifiers = entry_identifiers(entry)
    return Paper(
        key=record_key(title, identifiers),
        title=title,
        abstract=summary,
        date=_entry_date(entry),
        authors=authors,
        author_count=len(authors) if authors else None,
        url=url,
        code_urls=unique((*find_code_urls(summary), *find_code_urls(comment))),
        source_id=f"arXiv:{ident}" if ident else (entry_id or None),
        sources=(where,),
        identifiers=identifiers,
        journal_ref=text_of(child(entry, "journal_ref")) or None,
    )


def read_arxiv_atom(path: Path, label: str | None = None) -> Iterator[Paper | InputProblem]:
    """Read an arXiv API Atom feed.

    Args:
        path: the feed (gzip allowed).
        label: how problems and sources name the file (default ``str(path)``).

    Yields:
        A :class:`Paper` per entry (``record`` = its position in the feed), an
        :class:`InputProblem` per entry without title or summary, and one for malformed XML.
    """
    name = label if label is not None else str(path)
    for item in iter_elements(path, name, frozenset({"entry"})):
        if isinstance(item, InputProblem):
            yield item
        else:
            yield _entry(*item, name)
