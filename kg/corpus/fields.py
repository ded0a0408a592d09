"""Field parsing shared by the readers: whitespace, dates, counts, and field mapping → Paper."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from kg.corpus import identifiers as ids
from kg.corpus.code_urls import clean_input_url, find_code_urls, unique
from kg.corpus.merge import record_key
from kg.corpus.models import Paper, PaperDate, SourceRef

MONTHS: Mapping[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_ISO_DATE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
    r"|--(?P<ymonth>\d{2})-(?P<yday>\d{2})"
)


# Characters no text field should carry: C0/C1 controls that are not whitespace (NUL, BEL,
# ESC, DEL, ...) and the noncharacters U+FFFE/U+FFFF. XML 1.0 cannot represent them, so a dump
# holding them would not load elsewhere; in titles and abstracts they are always debris.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufffe\uffff]")
# Lone surrogates (JSON "\\ud800") cannot be encoded as UTF-8 at all.
_SURROGATE = re.compile("[\ud800-\udfff]")


# LaTeX font commands around letters ("a \\textbf{Med}ical \\textbf{R}easoning ...", an acronym's
# letters set in bold) that arXiv abstracts carry as source; the backslash is sometimes lost
# on the way ("(textbf{Med}ical"). Only commands that change the look of their argument,
# never its meaning, and only arguments without braces.
_LATEX_STYLING = re.compile(
    r"\\?(?<![A-Za-z])(?:textbf|textit|textsc|texttt|textsf|textrm|emph|underline"
    r"|mathbf|mathrm|mathit|mathsf|boldsymbol)\{([^{}]*)\}"
)


def unwrap_latex_styling(text: str) -> str:
    """Replace LaTeX font commands by their argument, as the abstract reads when typeset.

    >>> unwrap_latex_styling(r"Med-REFL, a \\textbf{Med}ical \\emph{R}easoning method")
    'Med-REFL, a Medical Reasoning method'
    >>> unwrap_latex_styling("Med-EASi (textbf{Med}ical dataset)")
    'Med-EASi (Medical dataset)'
    >>> unwrap_latex_styling(r"the set {a, b} and \\frac{1}{2}; contextbf{x}")
    'the set {a, b} and \\\\frac{1}{2}; contextbf{x}'
    """
    if "{" not in text:
        return text
    return _LATEX_STYLING.sub(r"\1", text)


def clean_text(text: str) -> str:
    """Collapse every run of whitespace (newlines, tabs, no-break spaces) to one space.

    LaTeX font commands are unwrapped (:func:`unwrap_latex_styling`).

    Control characters are dropped and lone surrogates become U+FFFD, so whatever the input,
    the result can be written as UTF-8 and as any RDF syntax.

    >>> clean_text("  Deep\\n  learning\\u00a0for  CT ")
    'Deep learning for CT'
    >>> clean_text("Ra\\x00dio\\x07logy \\ud800")
    'Radiology \\ufffd'
    """
    if not text.isascii() or not text.isprintable():
        text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    return " ".join(unwrap_latex_styling(text).split())


def parse_int(text: str) -> int | None:
    """Return the integer a string of digits spells, else None.

    >>> parse_int(" 07 "), parse_int("Spring")
    (7, None)
    """
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def make_date(year: int | None, month: int | None, day: int | None) -> PaperDate:
    """Return a validated :class:`PaperDate`.

    Raises:
        ValueError: the month or day does not exist (a year-less Feb 29 is allowed).

    >>> make_date(None, 2, 29)
    PaperDate(year=None, month=2, day=29)
    """
    if day is not None and month is None:
        raise ValueError("a day without a month")
    if month is not None:
        # A leap year stands in for a missing year, so that "Feb 29" is accepted.
        dt.date(year if year is not None else 2000, month, day if day is not None else 1)
    elif year is None:
        raise ValueError("an empty date")
    return PaperDate(year, month, day)


def month_number(text: str) -> int | None:
    """Return 1-12 for a month name, abbreviation or number, else None.

    >>> month_number("Sept"), month_number("03"), month_number("Spring")
    (9, 3, None)
    """
    text = text.strip().rstrip(".").lower()
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(text)


def parse_iso_date(text: str) -> PaperDate:
    """Parse an ISO 8601 date: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, a datetime or ``--MM-DD``.

    A datetime keeps only its calendar date as written (its own offset).

    Raises:
        ValueError: not one of those forms, or not a real date.

    >>> parse_iso_date("2024-05-01T23:30:00Z")
    PaperDate(year=2024, month=5, day=1)
    >>> parse_iso_date("2023-07").isoformat()
    '2023-07'
    """
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not an ISO 8601 date: {text!r}")
    if match["ymonth"]:
        return make_date(None, int(match["ymonth"]), int(match["yday"]))

    def as_int(group: str) -> int | None:
        return int(match[group]) if match[group] else None

    try:
        return make_date(as_int("year"), as_int("month"), as_int("day"))
    except ValueError as e:
        raise ValueError(f"not a real date: {text!r}") from e


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def _as_count(value: object, *, text_cells: bool) -> int:
    if text_cells and isinstance(value, str) and (number := parse_int(value)) is not None:
        return number
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ValueError(f"expected a non-negative integer, got {_type_name(value)} {value!r}")


def _as_str_list(
    value: object, *, text_cells: bool, separators: str, single_ok: bool
) -> tuple[str, ...]:
    if isinstance(value, str) and text_cells:
        items: list[object] = list(re.split(separators, value))
    elif isinstance(value, str) and single_ok:
        items = [value]
    elif isinstance(value, list):
        items = value
    else:
        raise ValueError(f"expected a list of strings, got {_type_name(value)}")
    if not all(isinstance(item, str) for item in items):
        raise ValueError("expected a list of strings")
    return tuple(c for c in (clean_text(str(item)) for item in items) if c)


def _present(fields: Mapping[str, object], *names: str) -> tuple[str, object] | None:
    """Return the first of ``names`` that has a value (null and blank cells count as absent)."""
    for name in names:
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        return name, value
    return None


def paper_from_fields(
    fields: Mapping[str, object], source: SourceRef, *, text_cells: bool = False
) -> tuple[Paper | None, list[str]]:
    """Build a :class:`Paper` from one JSON object or table row.

    ``title`` and ``abstract`` (or ``summary``) are required non-empty strings; without them
    there is no paper. A bad optional field (``id``, ``date``, ``authors``, ``author_count``,
    ``url``, ``code_url``/``code_urls``, ``upvotes``, ``doi``, ``pmid``, ``pmcid``,
    ``arxiv_id``) is dropped with a message and the paper is kept, so one odd value never
    costs a whole record. An ``id`` that is a DOI, ``PMID:``, ``PMC`` or arXiv id counts as
    that identifier.

    Args:
        fields: field name → value (lower-case names).
        source: where the record was read from.
        text_cells: values are table cells (strings): counts are parsed from digits,
            ``authors`` is ``;``-separated and ``code_url`` whitespace/``;``-separated.

    Returns:
        The paper (None when a required field is bad) and the problem messages.
    """
    problems: list[str] = []
    required: dict[str, str] = {}
    for name, aliases in (("title", ("title",)), ("abstract", ("abstract", "summary"))):
        found = _present(fields, *aliases)
        if found is None:
            problems.append(f"missing or empty {name!r}")
        elif not isinstance(found[1], str):
            problems.append(f"{found[0]!r} must be a string, got {_type_name(found[1])}")
        else:
            required[name] = clean_text(found[1])
    if len(required) < 2:
        return None, problems

    source_id: str | None = None
    url: str | None = None
    if (found := _present(fields, "id")) is not None:
        name, value = found
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            source_id = clean_text(str(value))
        else:
            problems.append(f"ignored {name!r}: expected a string, got {_type_name(value)}")
    if (found := _present(fields, "url")) is not None:
        if isinstance(found[1], str):
            url = found[1].strip()
        else:
            problems.append(f"ignored 'url': expected a string, got {_type_name(found[1])}")

    date = None
    if (found := _present(fields, "date")) is not None:
        value = found[1]
        try:
            if isinstance(value, int) and not isinstance(value, bool):
                date = make_date(value, None, None)
            elif isinstance(value, str):
                date = parse_iso_date(value)
            else:
                raise TypeError(f"expected an ISO 8601 string, got {_type_name(value)}")
        except (TypeError, ValueError) as e:
            problems.append(f"ignored 'date': {e}")

    counts: dict[str, int] = {}
    for name in ("author_count", "upvotes"):
        if (found := _present(fields, name)) is not None:
            try:
                counts[name] = _as_count(found[1], text_cells=text_cells)
            except ValueError as e:
                problems.append(f"ignored {name!r}: {e}")

    authors: tuple[str, ...] = ()
    if (found := _present(fields, "authors")) is not None:
        try:
            authors = _as_str_list(
                found[1], text_cells=text_cells, separators=r";", single_ok=False
            )
        except ValueError as e:
            problems.append(f"ignored 'authors': {e}")

    given_code: tuple[str, ...] = ()
    if (found := _present(fields, "code_url", "code_urls")) is not None:
        name, value = found
        try:
            raw = _as_str_list(value, text_cells=text_cells, separators=r"[\s;]+", single_ok=True)
            given_code = tuple(u for u in map(clean_input_url, raw) if u)
        except ValueError as e:
            problems.append(f"ignored {name!r}: {e}")

    found_ids = list(ids.from_text(source_id)) if source_id else []
    for name, parse in _ID_FIELDS.items():
        if (found := _present(fields, name)) is None:
            continue
        value = found[1]
        if isinstance(value, int) and not isinstance(value, bool) and name == "pmid":
            value = str(value)
        parsed = parse(value) if isinstance(value, str) else ()
        if parsed:
            found_ids.extend(parsed)
        else:
            problems.append(f"ignored {name!r}: not a valid {_ID_NAMES[name]}: {value!r}")
    identifiers = ids.unique(found_ids)

    author_count = counts.get("author_count", len(authors) if authors else None)
    paper = Paper(
        key=record_key(required["title"], identifiers),
        title=required["title"],
        abstract=required["abstract"],
        date=date,
        authors=authors,
        author_count=author_count,
        upvotes=counts.get("upvotes"),
        url=url,
        code_urls=unique((*given_code, *find_code_urls(required["abstract"]))),
        source_id=source_id,
        sources=(source,),
        identifiers=identifiers,
    )
    return paper, problems


def _one(parse: Callable[[str], str | None]) -> Callable[[str], tuple[str, ...]]:
    return lambda text: tuple(filter(None, [parse(text)]))


# Optional identifier fields (issue 19); a JSON ``id`` that is one of these is used too.
_ID_FIELDS: Mapping[str, Callable[[str], tuple[str, ...]]] = {
    "doi": _one(ids.doi),
    "pmid": _one(ids.pmid),
    "pmcid": _one(ids.pmcid),
    "arxiv_id": ids.arxiv,
}
_ID_NAMES = {
    "doi": "DOI",
    "pmid": "PubMed id",
    "pmcid": "PubMed Central id",
    "arxiv_id": "arXiv id",
}
