"""How the ``kg`` command prints things for people (issue 17, point 4): query results as a table
that fits the terminal, a release summary in words, the two ways mentions are counted.

Pure functions over plain data; :mod:`kg.cli` does the printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from kg.vocab import PREFIXES

#: Below this many characters per column a table is unreadable: print one block per row instead.
MIN_COLUMN_WIDTH = 12


def curie(value: str) -> str:
    """An IRI as a prefixed name when a medkg prefix covers it (the longest namespace wins).

    >>> curie("https://w3id.org/medkg/resource/dataset/mimiccxr")
    'res:dataset/mimiccxr'
    >>> curie("https://w3id.org/medkg/ontology#usesDataset")
    'mkg:usesDataset'
    >>> curie("a plain literal")
    'a plain literal'
    """
    if not value.startswith(("http://", "https://")):
        return value
    best = ""
    for namespace in PREFIXES.values():
        if value.startswith(namespace) and len(namespace) > len(best):
            best = namespace
    if not best:
        return value
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{value[len(best) :]}"


def result_table(
    variables: Sequence[str], rows: Iterable[Mapping[str, str | None]], *, width: int
) -> RenderableType:
    """SELECT rows for a terminal ``width`` columns wide.

    IRIs are shown as prefixed names. When every column can have at least
    :data:`MIN_COLUMN_WIDTH` characters the rows form a table whose long cells fold onto
    more lines; otherwise each row is printed as a block of ``variable  value`` lines.

    Args:
        variables: the result's variables, in order.
        rows: ``{variable: lexical value or None}`` per row.
        width: the terminal's width in characters.
    """
    cells = [[curie(row.get(v) or "") for v in variables] for row in rows]
    if len(variables) * (MIN_COLUMN_WIDTH + 3) <= width:
        table = Table(*variables, show_lines=False, expand=False)
        for column in table.columns:
            column.overflow = "fold"
            column.min_width = min(MIN_COLUMN_WIDTH, max(len(str(column.header)), 4))
        for row_cells in cells:
            table.add_row(*row_cells)
        return table
    # too many columns for the width: one record per row, like psql's expanded display
    name_width = max((len(v) for v in variables), default=0)
    blocks = Table.grid(padding=(0, 1))
    blocks.add_column(style="bold", no_wrap=True, min_width=name_width)
    blocks.add_column(overflow="fold")
    for number, row_cells in enumerate(cells, start=1):
        blocks.add_row(Text(f"-- row {number}", style="dim"), "")
        for name, cell in zip(variables, row_cells, strict=False):
            if cell:
                blocks.add_row(name, cell)
    return blocks


def print_result_table(
    console: Console, variables: Sequence[str], rows: Iterable[Mapping[str, str | None]]
) -> int:
    """Print :func:`result_table` at the console's width; returns the number of rows."""
    materialized = list(rows)
    console.print(result_table(variables, materialized, width=console.width), soft_wrap=False)
    return len(materialized)


def release_text(summary: Any) -> str:
    """A :class:`kg.dump.ReleaseSummary` in words, for ``kg dump``."""
    lines = [
        f"Release written to {summary.out_dir}/ (built {summary.built}):",
        f"  {summary.quads:,} quads in named graphs, {summary.triples:,} distinct triples",
        "  files (sha256 in SHA256SUMS):",
    ]
    lines += [f"    {name}  {digest[:12]}…" for name, digest in summary.files]
    if summary.added or summary.removed:
        lines.append("  changes since the previous release:")
        for heading in sorted(set(summary.added) | set(summary.removed)):
            lines.append(
                f"    {heading}: +{summary.added.get(heading, 0):,} "
                f"-{summary.removed.get(heading, 0):,}"
            )
    return "\n".join(lines)


def mention_note(total: int, for_results: int) -> str:
    """Why ``kg stats`` and ``kg build`` count mentions differently.

    >>> mention_note(4391, 173)
    'mkg:Mention 4,391 = 4,218 behind paper → entity links (what `kg build` reports as mentions) + 173 behind results'
    """
    return (
        f"mkg:Mention {total:,} = {total - for_results:,} behind paper → entity links "
        f"(what `kg build` reports as mentions) + {for_results:,} behind results"
    )


__all__ = [
    "MIN_COLUMN_WIDTH",
    "curie",
    "mention_note",
    "print_result_table",
    "release_text",
    "result_table",
]
