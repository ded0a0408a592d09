"""Merging records of the same paper into one :class:`Paper`.

Records are the same paper by identifier first (issue 19): a PubMed record and an arXiv record
with one DOI, or two versions of one arXiv id, are one paper even when their titles differ.
The normalised title is the fallback, except between records whose identifiers of one scheme
disagree (two different DOIs are two papers, whatever their titles).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.corpus import identifiers as ids
from kg.corpus.code_urls import unique
from kg.corpus.models import Paper, PaperDate
from kg.ids import identifier_key, paper_key


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
        identifiers=ids.unique((*first.identifiers, *other.identifiers)),
        journal_ref=first.journal_ref or other.journal_ref,
    )


#: What identifies one record to :class:`PaperIdentity`: its best identifier, else
#: ``title:`` and its title key (one string a record, so that a streamed build keeps little).
Handle = str

_TITLE = "title:"


def handle_of(paper: Paper) -> Handle:
    """The :data:`Handle` of a record (pure: the same record always gives the same handle).

    >>> handle_of(Paper(key="", title="T", abstract="a", identifiers=("pmid:1", "doi:10.1/x")))
    'doi:10.1/x'
    """
    keys = ids.identity_keys(paper.identifiers)
    return keys[0] if keys else _TITLE + paper_key(paper.title)


class PaperIdentity:
    """Which records are one paper, decided over all records before any is merged.

    Records are added one by one (only their identifiers and title key are kept); then
    :meth:`key_of` gives each record the key of its paper: minted from the best identifier
    of the whole group (``IDENTITY_SCHEMES`` order, then the smallest), else from the title.
    Groups are found by identifiers first and by titles second, so that a shared identifier
    always merges and a shared title merges only records whose identifiers do not disagree.

    >>> identity = PaperIdentity()
    >>> a = Paper(key="", title="Deep learning for CT", abstract="a", identifiers=("doi:10.1/x",))
    >>> b = Paper(key="", title="A CT model (preprint)", abstract="b",
    ...           identifiers=("doi:10.1/x", "arxiv:2401.1"))
    >>> c = Paper(key="", title="A CT model (Preprint)", abstract="c")
    >>> d = Paper(key="", title="A CT model (preprint)", abstract="d", identifiers=("doi:10.1/y",))
    >>> handles = [identity.add(r) for r in (a, b, c, d)]
    >>> [identity.key_of(h) == identifier_key("doi:10.1/x") for h in handles]
    [True, True, True, False]
    """

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._schemes: dict[str, dict[str, frozenset[str]]] = {}
        self._titles: list[tuple[str, str]] = []  # (title node, first node of the record)
        self._resolved = False

    def _find(self, node: str) -> str:
        parent = self._parent.setdefault(node, node)
        while parent != node:
            grand = self._parent.setdefault(parent, parent)
            self._parent[node] = grand  # path halving
            node, parent = parent, grand
        return node

    def _union(self, a: str, b: str, *, unless_conflict: bool) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        sa, sb = self._schemes.get(ra, {}), self._schemes.get(rb, {})
        if unless_conflict and any(not (sa[s] & sb[s]) for s in sa.keys() & sb.keys()):
            return
        ra, rb = min(ra, rb), max(ra, rb)  # deterministic roots
        self._parent[rb] = ra
        merged = dict(sa)
        for scheme, values in sb.items():
            merged[scheme] = merged.get(scheme, frozenset()) | values
        if merged:
            self._schemes[ra] = merged
        self._schemes.pop(rb, None)

    def add(self, paper: Paper) -> Handle:
        """Record one record's identity (identifiers and title); returns its handle."""
        if self._resolved:
            raise RuntimeError("PaperIdentity.add after key_of: add every record first")
        keys = ids.identity_keys(paper.identifiers)
        for key in keys:
            root = self._find(key)
            schemes = self._schemes.setdefault(root, {})
            scheme = ids.scheme_of(key)
            schemes[scheme] = schemes.get(scheme, frozenset()) | {key}
        for key in keys[1:]:
            self._union(keys[0], key, unless_conflict=False)
        handle = handle_of(paper)
        title = _TITLE + paper_key(paper.title)
        self._find(title)
        if handle != title:
            self._titles.append((title, handle))
        return handle

    def _resolve(self) -> None:
        if self._resolved:
            return
        # Every identifier is known now: a title joins a group only when the group's
        # identifiers and those the title already joined do not disagree.
        for title, first in self._titles:
            self._union(title, first, unless_conflict=True)
        self._titles.clear()
        self._resolved = True

    def key_of(self, handle: Handle) -> str:
        """The key of the paper the record of ``handle`` belongs to."""
        self._resolve()
        found = self._schemes.get(self._find(handle), {})
        for scheme in ids.IDENTITY_SCHEMES:
            if scheme in found:
                return identifier_key(min(found[scheme]))
        # no identifier in the group: the record is known by its title alone
        return handle.removeprefix(_TITLE)


def merge_records(papers: Iterable[Paper]) -> tuple[Paper, ...]:
    """Return one merged :class:`Paper` per paper (see :class:`PaperIdentity`), first seen first."""
    records = list(papers)
    identity = PaperIdentity()
    handles = [identity.add(paper) for paper in records]
    merged: dict[str, Paper] = {}
    for paper, handle in zip(records, handles, strict=True):
        paper = rekey(paper, identity.key_of(handle))
        seen = merged.get(paper.key)
        merged[paper.key] = paper if seen is None else merge_papers(seen, paper)
    return tuple(merged.values())


def record_key(title: str, identifiers: Iterable[str]) -> str:
    """The key of a record on its own: from its best identifier, else from its title.

    >>> record_key("Any title", ["pmid:1", "doi:10.1/x"]) == identifier_key("doi:10.1/x")
    True
    >>> record_key("Any title", []) == paper_key("any  title")
    True
    """
    keys = ids.identity_keys(identifiers)
    return identifier_key(keys[0]) if keys else paper_key(title)


def rekey(paper: Paper, key: str) -> Paper:
    """The record with the key of the paper it belongs to (itself when unchanged)."""
    return paper if paper.key == key else replace(paper, key=key)
