"""Reader for CSV and TSV tables with one paper per row.

The header names the columns, case-insensitively: ``title`` and ``abstract`` (or ``summary``)
are required; ``id``, ``date``, ``authors`` (``;``-separated), ``author_count``, ``url``,
``code_url`` (whitespace- or ``;``-separated) and ``upvotes`` are optional; other columns are
ignored. The delimiter is a tab for ``.tsv``, otherwise whichever of ``,`` ``\\t`` ``;`` makes
the header name both required columns.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from kg.corpus.fields import paper_from_fields
from kg.corpus.files import iter_raw_lines, open_binary
from kg.corpus.models import InputProblem, Paper, SourceRef

_DELIMITERS = (",", "\t", ";")
# Abstracts can be long, and one huge cell must not cost the rest of the file (the csv
# module's default limit is 128 KiB). The limit is process-wide; this only ever raises it.
_FIELD_LIMIT = 64 * 1024 * 1024
if csv.field_size_limit() < _FIELD_LIMIT:
    csv.field_size_limit(_FIELD_LIMIT)


def column_key(header: str) -> str:
    """Return the field name a header cell stands for.

    >>> column_key(" Author Count ")
    'author_count'
    """
    return re.sub(r"[\s-]+", "_", header.strip().lower())


def _split_line(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def header_delimiter(header_line: str, *, prefer: str = ",") -> str | None:
    """Return the delimiter that splits ``header_line`` into title and abstract columns.

    >>> header_delimiter("id;Title;Summary")
    ';'
    >>> header_delimiter("just some text") is None
    True
    """
    for delimiter in (prefer, *(d for d in _DELIMITERS if d != prefer)):
        try:
            cells = {column_key(c) for c in _split_line(header_line, delimiter)}
        except csv.Error:  # a stray "\r" in an unquoted cell: not a header
            continue
        if "title" in cells and cells & {"abstract", "summary"}:
            return delimiter
    return None


def read_tabular(path: Path, label: str | None = None) -> Iterator[Paper | InputProblem]:
    """Read a CSV or TSV file of papers.

    Args:
        path: the file (gzip allowed); ``.tsv`` (also inside ``.gz``) means tab-separated.
        label: how problems and sources name the file (default ``str(path)``).

    Yields:
        A :class:`Paper` per usable row and an :class:`InputProblem` per bad row, naming
        the row's first line and its row number (header excluded) -- or one for the whole
        file when the header lacks a title or abstract column.
    """
    name = label if label is not None else str(path)
    prefer = "\t" if ".tsv" in path.suffixes[-2:] else ","
    undecodable: set[int] = set()
    nul_lines: set[int] = set()
    consumed = [0]  # physical lines handed to the csv module so far

    with open_binary(path) as stream:

        def decoded() -> Iterator[tuple[int, str]]:
            for number, raw in iter_raw_lines(stream):
                if b"\x00" in raw:
                    nul_lines.add(number)
                try:
                    yield number, raw.decode("utf-8")
                except UnicodeDecodeError:
                    # Keep the line's quotes and delimiters so row boundaries stay right; the
                    # row it belongs to is reported and skipped.
                    undecodable.add(number)
                    yield number, raw.decode("utf-8", errors="replace")

        numbered = decoded()
        pending: list[tuple[int, str]] = []  # lines to re-read after an unterminated quote
        row_lines: list[tuple[int, str]] = []  # physical lines of the row being read
        exhausted = [False]  # the csv module asked for a line after the last one

        def lines() -> Iterator[str]:
            while True:
                if pending:
                    number, text = pending.pop(0)
                else:
                    item = next(numbered, None)
                    if item is None:
                        exhausted[0] = True
                        return
                    number, text = item
                consumed[0] = number
                row_lines.append((number, text))
                yield text

        line_source = lines()
        header_line = next(line_source, "")
        while not header_line.strip() and header_line:
            header_line = next(line_source, "")
        delimiter = header_delimiter(header_line.strip("\r\n"), prefer=prefer)
        if delimiter is None:
            found = header_line.strip()[:80]
            yield InputProblem(
                SourceRef(name, line=max(consumed[0], 1)),
                f"no 'title' and 'abstract' columns in the header (found {found!r})",
            )
            return
        header = [column_key(c) for c in _split_line(header_line.strip("\r\n"), delimiter)]
        reader = csv.reader(line_source, delimiter=delimiter)
        row_number = 0
        while True:
            row_lines.clear()
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                first = row_lines[0][0] if row_lines else consumed[0]
                row_number += 1
                yield InputProblem(
                    SourceRef(name, line=first, record=row_number),
                    f"unreadable CSV row: {e}",
                    skipped_record=True,
                )
                continue
            if not row_lines:
                break
            first_line, last_line = row_lines[0][0], row_lines[-1][0]
            if not any(cell.strip() for cell in row):
                continue
            row_number += 1
            where = SourceRef(name, line=first_line, record=row_number)
            if len(row_lines) > 1 and (
                exhausted[0] or (len(row) > len(header) and _bad_quoting(row_lines, delimiter))
            ):
                # A stray quote swallowed the following lines (up to the end of the file or
                # the next quote): report the row and read the lines after its first one
                # again, as rows of their own.
                what = "unterminated quoted field" if exhausted[0] else "unbalanced quotes"
                yield InputProblem(
                    where,
                    f"{what} (lines {first_line}-{last_line}); row skipped, the lines after "
                    "its first are read again",
                    skipped_record=True,
                )
                pending[:0] = row_lines[1:]
                exhausted[0] = False
                line_source = lines()
                reader = csv.reader(line_source, delimiter=delimiter)
                continue
            if any(first_line <= n <= last_line for n in undecodable):
                yield InputProblem(where, "row is not valid UTF-8; skipped", skipped_record=True)
                continue
            if any(first_line <= n <= last_line for n in nul_lines):
                yield InputProblem(where, "row contains NUL bytes; they were removed")
            if len(row) > len(header):
                yield InputProblem(
                    where,
                    f"row has {len(row)} fields but the header has {len(header)}; skipped",
                    skipped_record=True,
                )
                continue
            # Short rows are padded: trailing optional cells are often left out.
            fields = dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))
            paper, messages = paper_from_fields(fields, where, text_cells=True)
            for number_of, message in enumerate(messages, 1):
                # the last message of a row without a paper counts it as skipped
                skipped = paper is None and number_of == len(messages)
                yield InputProblem(where, message, skipped_record=skipped)
            if paper is not None:
                yield paper


def _bad_quoting(row_lines: list[tuple[int, str]], delimiter: str) -> bool:
    """Whether a row's quotes are malformed (a quote closed and followed by more text)."""
    try:
        list(csv.reader((text for _, text in row_lines), delimiter=delimiter, strict=True))
    except csv.Error:
        return True
    return False
