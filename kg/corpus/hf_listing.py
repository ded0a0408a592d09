"""Reader for Hugging Face "Daily Papers" listing pages saved as plain text.

Three layouts occur in the bundled dumps, and one state machine reads them all:

* blank-line separated: title, abstract;
* the same with a byline: title, abstract, "• 5 authors" (or a submitting organisation's
  name), "·", and a date such as "Dec 13, 2024" or "Jan 12", optionally followed by the
  upvote count ("Sep 16, 2025 2");
* one line per field, no blank lines: title, abstract, title, abstract, ...

The page header ("new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers",
"byAK and the research community", the page date) is not a paper; in saved pages it may be glued
to the first title ("SubscribeM3Ret: ...").

Titles and abstracts are told apart by shape, not position, so a title whose abstract is missing
is reported instead of swallowing the next title as its abstract.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.corpus.code_urls import find_code_urls
from kg.corpus.fields import MONTHS, clean_text, make_date
from kg.corpus.files import iter_lines, open_binary
from kg.corpus.models import InputProblem, Paper, PaperDate, SourceRef
from kg.ids import paper_key

BOILERPLATE: frozenset[str] = frozenset(
    s.casefold()
    for s in (
        "new",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
    )
)
# Header phrases that saved pages glue to the first title; "new" is left out because real
# titles start with it ("new" + "er ...").
_GLUED_PREFIXES = (
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    "byAK and the research community",
    "Daily Papers",
    "Subscribe",
)
_AUTHORS = re.compile(r"[•*-]?\s*(\d+)\s+authors?", re.IGNORECASE)
_SEPARATORS = frozenset({"·", "•"})
_DATE = re.compile(
    r"(?:Published on\s+)?(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?(?:\s+(?P<votes>\d+))?"
)
_NUMBER = re.compile(r"\d+")
# Listing abstracts are several hundred characters; titles rarely pass 200 and do not end
# with a full stop.
_MIN_ABSTRACT_CHARS = 250


@dataclass(frozen=True, slots=True)
class _Token:
    line: int
    kind: str  # "text", "authors", "sep", "date", "number", "boilerplate", "undecodable"
    text: str
    value: int | None = None
    date: PaperDate | None = None
    error: str | None = None
    note: str | None = None  # a problem with the line that does not stop it being read


@dataclass(slots=True)
class _Draft:
    title: str
    line: int
    abstract: str | None = None
    author_count: int | None = None
    date: PaperDate | None = None
    upvotes: int | None = None
    in_byline: bool = False  # after "• N authors" or "·": a date here is the paper's date
    dated: bool = False


def looks_like_abstract(text: str) -> bool:
    """Whether a listing line is abstract text rather than a title.

    >>> looks_like_abstract("MedGemma Technical Report")
    False
    >>> looks_like_abstract("We release a dataset of chest X-rays.")
    True
    """
    return len(text) >= _MIN_ABSTRACT_CHARS or text.endswith((".", "…"))


def parse_listing_date(text: str) -> tuple[PaperDate, int | None] | None:
    """Parse a listing date line into the date and the trailing upvote count, if any.

    A date without a year keeps no year: the listing does not say which year it means.

    Returns:
        None when the line is not a date line.

    Raises:
        ValueError: a date line naming a day that does not exist ("Feb 30").

    >>> parse_listing_date("Sep 16, 2025 2")
    (PaperDate(year=2025, month=9, day=16), 2)
    >>> parse_listing_date("Jan 12")
    (PaperDate(year=None, month=1, day=12), None)
    >>> parse_listing_date("Medical imaging 3") is None
    True
    """
    match = _DATE.fullmatch(text)
    if match is None or match["month"].lower() not in MONTHS:
        return None
    year = int(match["year"]) if match["year"] else None
    date = make_date(year, MONTHS[match["month"].lower()], int(match["day"]))
    return date, int(match["votes"]) if match["votes"] else None


def _classify(number: int, text: str) -> _Token:
    if text.casefold() in BOILERPLATE:
        return _Token(number, "boilerplate", text)
    if text in _SEPARATORS:
        return _Token(number, "sep", text)
    if match := _AUTHORS.fullmatch(text):
        return _Token(number, "authors", text, value=int(match[1]))
    if _NUMBER.fullmatch(text):
        return _Token(number, "number", text, value=int(text))
    try:
        parsed = parse_listing_date(text)
    except ValueError as e:
        return _Token(number, "date", text, error=f"invalid date {text!r}: {e}")
    if parsed is not None:
        return _Token(number, "date", text, value=parsed[1], date=parsed[0])
    return _Token(number, "text", text)


def _strip_glued_header(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _GLUED_PREFIXES:
            rest = text[len(prefix) :]
            # Only a case boundary shows the prefix is glued on ("SubscribeM3Ret"), not the
            # start of a word ("Subscriber churn ...").
            if text.startswith(prefix) and rest and (rest[0].isupper() or rest[0].isdigit()):
                text, changed = clean_text(rest), True
    return text


def read_hf_listing(path: Path, label: str | None = None) -> Iterator[Paper | InputProblem]:
    """Read a Hugging Face Daily Papers listing dump.

    Args:
        path: the text file (gzip allowed).
        label: how problems and sources name the file (default ``str(path)``).

    Yields:
        A :class:`Paper` per listed paper (line = its title line) and an
        :class:`InputProblem` per line that cannot be used (a title without abstract, text
        without a title, a non-UTF-8 line, an impossible date).
    """
    name = label if label is not None else str(path)
    tokens: list[_Token] = []
    with open_binary(path) as stream:
        for number, raw in iter_lines(stream):
            if raw is None:
                tokens.append(
                    _Token(number, "undecodable", "", error="line is not valid UTF-8; skipped")
                )
                continue
            text = clean_text(raw)
            if "\x00" in raw:
                tokens.append(_Token(number, "note", "", note="line contains NUL bytes; removed"))
            if text:
                tokens.append(_classify(number, text))
    yield from _parse(tokens, name)


def _finish(draft: _Draft, name: str) -> Paper | InputProblem:
    where = SourceRef(name, line=draft.line)
    if draft.abstract is None:
        return InputProblem(
            where, f"title without an abstract: {draft.title[:80]!r}", skipped_record=True
        )
    return Paper(
        key=paper_key(draft.title),
        title=draft.title,
        abstract=draft.abstract,
        date=draft.date,
        author_count=draft.author_count,
        upvotes=draft.upvotes,
        code_urls=find_code_urls(draft.abstract),
        sources=(where,),
    )


def _parse(tokens: list[_Token], name: str) -> Iterator[Paper | InputProblem]:
    draft: _Draft | None = None
    in_header = True
    notes = [t for t in tokens if t.kind == "note"]
    tokens = [t for t in tokens if t.kind != "note"]
    for index, token in enumerate(tokens):
        while notes and notes[0].line <= token.line:
            yield InputProblem(SourceRef(name, line=notes[0].line), notes.pop(0).note or "")
        following = tokens[index + 1].kind if index + 1 < len(tokens) else None
        if token.kind == "undecodable":
            # Reported in line order; the lines around it are read as if it were blank.
            yield InputProblem(SourceRef(name, line=token.line), token.error or "")
        elif token.kind == "text":
            text = _strip_glued_header(token.text) if in_header else token.text
            if not text or text.casefold() in BOILERPLATE:
                continue
            if following == "sep" and draft is not None:
                # The byline's first line: "• N authors" or, for organisation submissions,
                # the organisation's name ("Monash University") -- never a title.
                if draft.abstract is None and looks_like_abstract(text):
                    draft.abstract = text
                draft.in_byline = True
                continue
            if looks_like_abstract(text):
                if draft is not None and draft.abstract is None:
                    draft.abstract = text
                else:
                    yield InputProblem(
                        SourceRef(name, line=token.line),
                        f"text without a title (abstract of a missing title?): {text[:60]!r}",
                        skipped_record=True,
                    )
                continue
            if draft is not None:
                yield _finish(draft, name)
            draft = _Draft(text, token.line)
            in_header = False
        elif draft is None:
            # Header: page date, stray byline parts. Nothing to attach them to.
            continue
        elif token.kind == "authors":
            draft.author_count = token.value
            draft.in_byline = True
        elif token.kind == "sep":
            draft.in_byline = True
        elif token.kind == "date" and draft.in_byline and not draft.dated:
            draft.dated = True
            if token.error is not None:
                yield InputProblem(SourceRef(name, line=token.line), token.error)
            else:
                draft.date, draft.upvotes = token.date, token.value
        elif token.kind == "number" and draft.dated and draft.upvotes is None:
            draft.upvotes = token.value
    for note in notes:
        yield InputProblem(SourceRef(name, line=note.line), note.note or "")
    if draft is not None:
        yield _finish(draft, name)
