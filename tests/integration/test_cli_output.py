"""What ``kg query`` and ``kg stats`` print for people, on the bundled store (issue 17, point 4)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path


def _run(kg_command: list[str], *args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "dumb"}
    return subprocess.run(
        [*kg_command, *args], capture_output=True, text=True, env=env, timeout=300, check=True
    )


def test_cli_query_table_fits_80_columns(kg_command: list[str], bundled_store: Path) -> None:
    done = _run(
        kg_command,
        "query",
        "--store",
        str(bundled_store),
        "--saved",
        "leaderboard",
        "-p",
        "dataset=medqa",
    )
    lines = done.stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines)
    assert "res:dataset/medqa" in done.stdout and "https://w3id.org" not in done.stdout
    assert not re.search(r"\bht…", done.stdout)
    assert "row(s)" in done.stderr


def test_cli_stats_explains_the_mention_count(kg_command: list[str], bundled_store: Path) -> None:
    done = _run(kg_command, "stats", "--store", str(bundled_store), columns=120)
    match = re.search(
        r"mkg:Mention ([\d,]+) = ([\d,]+) behind paper → entity links .* "
        r"\+ ([\d,]+) behind results",
        done.stdout,
    )
    assert match, done.stdout[-500:]
    total, links, results = (int(g.replace(",", "")) for g in match.groups())
    assert total == links + results and results > 0
    as_json = json.loads(_run(kg_command, "stats", "--store", str(bundled_store), "--json").stdout)
    assert as_json["mentions"] == {"links": links, "results": results}
    assert (
        results == as_json["classes"]["https://w3id.org/medkg/ontology#Result"]
    )  # one mention each
