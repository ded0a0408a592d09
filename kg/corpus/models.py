"""The records the corpus readers produce: one :class:`Paper` per distinct paper."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PaperDate:
    """A publication date as far as the source states it.

    A listing date such as "Jan 12" has no year; it stays without one (``year is None``).

    >>> PaperDate(None, 1, 12).isoformat()
    '--01-12'
    >>> PaperDate(2024, 12, 13).isoformat()
    '2024-12-13'
    """

    year: int | None
    month: int | None
    day: int | None

    def isoformat(self) -> str:
        """ISO 8601 / XSD lexical form: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``--MM-DD``."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record came from: file and 1-based line (text formats) or record number."""

    path: str
    line: int | None = None
    record: int | None = None

    def __str__(self) -> str:
        where = f":{self.line}" if self.line is not None else ""
        if self.record is not None:
            where += f" (record {self.record})"
        return f"{self.path}{where}"


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper: the unit that extraction reads and the graph describes.

    Attributes:
        key: identity key (``kg.ids.paper_key``): from the paper's best identifier (DOI,
            arXiv id, PMID, PMCID) when it has one, else from its normalised title; equal keys
            are the same paper, whichever file they came from.
        title: the title as written.
        abstract: the abstract as written (whitespace normalised).
        date: publication or listing date, if the source gives one.
        authors: author names, when the source lists them.
        author_count: number of authors (``len(authors)`` when names are given).
        upvotes: Hugging Face upvotes, when given.
        url: the paper's landing page, when given.
        code_urls: code repository URLs from the input or found in the text.
        source_id: the identifier the source gave (arXiv id, PMID, JSONL ``id``), if any.
        sources: where the record was read from (several when merged).
        identifiers: normalised ``scheme:value`` identifiers (``kg.corpus.identifiers``):
            DOI, PMID, PMCID, arXiv id without and with version (issue 19).
        journal_ref: the journal reference an arXiv entry gives, if any.
    """

    key: str
    title: str
    abstract: str
    date: PaperDate | None = None
    authors: tuple[str, ...] = ()
    author_count: int | None = None
    upvotes: int | None = None
    url: str | None = None
    code_urls: tuple[str, ...] = ()
    source_id: str | None = None
    sources: tuple[SourceRef, ...] = field(default=())
    identifiers: tuple[str, ...] = ()
    journal_ref: str | None = None


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A file or record that could not be used, reported to the user and skipped.

    Attributes:
        source: the file, and the line or record number when the problem is one record's.
        message: what was wrong.
        skipped_record: a record was read and skipped (counted in the build summary), as
            opposed to a note about a file or a field.
    """

    source: SourceRef
    message: str
    skipped_record: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


#: Text between the title and the abstract in the text a paper is read as (one Doc per paper).
TITLE_SEPARATOR = "\n\n"


def paper_text(title: str, abstract: str) -> str:
    """The text the pipeline reads for a paper: title, a blank line, abstract.

    >>> paper_text("T", "A")
    'T\\n\\nA'
    """
    return f"{title}{TITLE_SEPARATOR}{abstract}"
