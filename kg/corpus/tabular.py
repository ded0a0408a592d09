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


def column_key(header: str) -> str:
    """Return the field name a header cell stands for.

    >>> column_key(" Author Count ")
    'author_count'
    """
    return re.sub(r"[\s-]+", "_", header.strip().lower())


def header_delimiter(header_line: str, *, prefer: str = ",") -> str | None:
    """Return the delimiter that splits ``header_line`` into title and abstract columns.

    >>> header_delimiter("id;Title;Summary")
    ';'
    >>> header_delimiter("just some text") is None
    True
    """
    for delimiter in (prefer, *(d for d in _DELIMITERS if d != prefer)):
        cells = {column_key(c) for c in next(csv.reader([header_line], delimiter=delimiter), [])}
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
    consumed = [0]  # physical lines handed to the csv module so far

    with open_binary(path) as stream:

        def decoded() -> Iterator[str]:
            for number, raw in iter_raw_lines(stream):
                consumed[0] = number
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError:
                    # Keep the line's quotes and delimiters so row boundaries stay right; the
                    # row it belongs to is reported and skipped.
                    undecodable.add(number)
                    yield raw.decode("utf-8", errors="replace")

        lines = decoded()
        header_line = next(lines, "")
        while not header_line.strip() and header_line:
            header_line = next(lines, "")
        delimiter = header_delimiter(header_line.strip("\r\n"), prefer=prefer)
        if delimiter is None:
            found = header_line.strip()[:80]
            yield InputProblem(
                SourceRef(name, line=max(consumed[0], 1)),
                f"no 'title' and 'abstract' columns in the header (found {found!r})",
            )
            return
        header = [column_key(c) for c in next(csv.reader([header_line], delimiter=delimiter))]
        header_end = consumed[0]
        reader = csv.reader(lines, delimiter=delimiter)
        previous_end = 0
        row_number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                line = header_end + reader.line_num
                yield InputProblem(
                    SourceRef(name, line=line), f"unreadable CSV: {e}; rest of file skipped"
                )
                return
            first_line = header_end + previous_end + 1
            last_line = header_end + reader.line_num
            previous_end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            row_number += 1
            where = SourceRef(name, line=first_line, record=row_number)
            if any(first_line <= n <= last_line for n in undecodable):
                yield InputProblem(where, "row is not valid UTF-8; skipped")
                continue
            if len(row) > len(header):
                yield InputProblem(
                    where, f"row has {len(row)} fields but the header has {len(header)}; skipped"
                )
                continue
            # Short rows are padded: trailing optional cells are often left out.
            fields = dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))
            paper, messages = paper_from_fields(fields, where, text_cells=True)
            for message in messages:
                yield InputProblem(where, message)
            if paper is not None:
                yield paper
