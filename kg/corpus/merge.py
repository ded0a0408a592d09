"""Merging records of the same paper (same :func:`kg.ids.paper_key`) into one :class:`Paper`."""

from __future__ import annotations

from collections.abc import Iterable

from kg.corpus.code_urls import unique
from kg.corpus.models import Paper, PaperDate


def date_completeness(date: PaperDate | None) -> tuple[bool, bool, bool]:
    """Rank a date by what it states: a year beats any year-less date, then month, then day.

    >>> date_completeness(PaperDate(2024, None, None)) > date_completeness(PaperDate(None, 1, 12))
    True
    """
    if date is None:
        return (False, False, False)
    return (date.year is not None, date.month is not None, date.day is not None)


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def merge_papers(first: Paper, other: Paper) -> Paper:
    """Combine two records of one paper; ``first`` (seen earlier) wins every tie.

    The longest abstract (listings truncate theirs), the most complete date, the largest
    upvote and author counts, the first non-empty author list, URL and source id, and the
    union of code URLs and sources, both in order.

    Raises:
        ValueError: the records have different keys.
    """
    if first.key != other.key:
        raise ValueError(f"cannot merge papers with different keys: {first.key} != {other.key}")
    return Paper(
        key=first.key,
        title=first.title,
        abstract=other.abstract if len(other.abstract) > len(first.abstract) else first.abstract,
        date=other.date
        if date_completeness(other.date) > date_completeness(first.date)
        else first.date,
        authors=first.authors or other.authors,
        author_count=_max(first.author_count, other.author_count),
        upvotes=_max(first.upvotes, other.upvotes),
        url=first.url or other.url,
        code_urls=unique((*first.code_urls, *other.code_urls)),
        source_id=first.source_id or other.source_id,
        sources=tuple(dict.fromkeys((*first.sources, *other.sources))),
    )


def merge_records(papers: Iterable[Paper]) -> tuple[Paper, ...]:
    """Return one merged :class:`Paper` per key, in the order keys were first seen."""
    merged: dict[str, Paper] = {}
    for paper in papers:
        seen = merged.get(paper.key)
        merged[paper.key] = paper if seen is None else merge_papers(seen, paper)
    return tuple(merged.values())
