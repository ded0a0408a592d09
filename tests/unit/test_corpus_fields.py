"""Shared field parsing: text, ISO dates, months."""

from __future__ import annotations

import pytest

from kg.corpus.fields import (
    clean_text,
    make_date,
    month_number,
    parse_iso_date,
    unwrap_latex_styling,
)
from kg.corpus.models import PaperDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", PaperDate(2024, None, None)),
        ("2024-03", PaperDate(2024, 3, None)),
        ("2024-03-15", PaperDate(2024, 3, 15)),
        ("2024-03-15T23:59:59Z", PaperDate(2024, 3, 15)),
        ("2024-03-15T23:59:59.123+05:30", PaperDate(2024, 3, 15)),
        ("2024-03-15 08:00", PaperDate(2024, 3, 15)),
        ("--01-12", PaperDate(None, 1, 12)),
        (" 2020-02-29 ", PaperDate(2020, 2, 29)),
    ],
)
def test_fields_parse_iso_date(text: str, expected: PaperDate) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    "text", ["2023-02-29", "2024-13", "24-01-01", "Jan 12, 2024", "20240115", "", "--13-01"]
)
def test_fields_parse_iso_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(text)


def test_fields_make_date() -> None:
    assert make_date(None, 2, 29) == PaperDate(None, 2, 29)
    with pytest.raises(ValueError):
        make_date(2024, None, 3)
    with pytest.raises(ValueError):
        make_date(None, None, None)


def test_fields_month_number_and_clean_text() -> None:
    assert [month_number(m) for m in ("Jan", "january", "SEPT.", "12", "13", "Spring")] == [
        1,
        1,
        9,
        12,
        None,
        None,
    ]
    assert clean_text("\tA  b\u00a0\nc ") == "A b c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\textbf{M}ulti-\textbf{S}cale \textit{Fusion}", "Multi-Scale Fusion"),
        ("UniMed (textbf{Uni}fied textbf{Med}ical model)", "UniMed (Unified Medical model)"),
        (r"an \emph{in silico} study, $\mathbf{x}$", r"an in silico study, $x$"),
        # not font commands: left as written
        (r"\frac{1}{2} and \cite{smith}", r"\frac{1}{2} and \cite{smith}"),
        ("a contextbf{x} set {a, b}", "a contextbf{x} set {a, b}"),
        (r"\textbf{nested {braces}}", r"\textbf{nested {braces}}"),
    ],
)
def test_fields_unwrap_latex_styling(text: str, expected: str) -> None:
    assert unwrap_latex_styling(text) == expected


def test_fields_clean_text_unwraps_latex_styling() -> None:
    assert clean_text("a \\textbf{Med}ical\n  \\textbf{R}easoning") == "a Medical Reasoning"
