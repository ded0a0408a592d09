"""How ``kg`` prints for people (issue 17, point 4): tables that fit, a release in words."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from kg.cli_format import release_text, result_table
from kg.dump import ReleaseSummary

RES = "https://w3id.org/medkg/resource/"


def _render(variables: list[str], rows: list[dict[str, str | None]], width: int) -> str:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(result_table(variables, rows, width=width))
    return console.export_text()


def test_cli_format_table_shows_prefixed_names_in_full() -> None:
    text = _render(
        ["dataset", "papers"], [{"dataset": RES + "dataset/mimiccxr", "papers": "16"}], 80
    )
    assert "res:dataset/mimiccxr" in text and "https://" not in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_cli_format_many_columns_fold_into_records() -> None:
    variables = [f"column{i}" for i in range(13)]
    rows = [{v: f"{RES}paper/{i:012d}" for i, v in enumerate(variables)}]
    text = _render(variables, rows, 80)
    assert "…" not in text and "ht…" not in text
    for i, v in enumerate(variables):  # every value readable in full, next to its name
        assert f"{v} res:paper/{i:012d}" in " ".join(text.split())
    assert all(len(line.rstrip()) <= 80 for line in text.splitlines())
    wide = _render(variables, rows, 13 * 40)
    assert "┃ column0" in wide  # a wide terminal gets the table


def test_cli_format_release_in_words(tmp_path: Path) -> None:
    summary = ReleaseSummary(
        out_dir=tmp_path,
        files=(("medkg.ttl.gz", "ab" * 32),),
        quads=1234,
        triples=1000,
        built="2026-01-02",
        added={"papers": 3},
        removed={},
    )
    text = release_text(summary)
    assert "ReleaseSummary(" not in text
    assert (
        "1,234 quads" in text and "medkg.ttl.gz  abababababab…" in text and "papers: +3 -0" in text
    )
