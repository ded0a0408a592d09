"""Side indexes are written whole and swapped in (kg.store.directory.new_sqlite_file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kg.store.directory import new_sqlite_file


def _rows(path: Path) -> list[tuple[int]]:
    with sqlite3.connect(path) as db:
        return list(db.execute("SELECT n FROM t"))


def test_the_new_file_replaces_the_old_one_when_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "index.sqlite"
    with new_sqlite_file(target) as db:
        db.execute("CREATE TABLE t (n INTEGER)")
        db.execute("INSERT INTO t VALUES (1)")
        assert not target.exists()  # nothing is visible before the block ends
    assert _rows(target) == [(1,)]
    with new_sqlite_file(target) as db:
        db.execute("CREATE TABLE t (n INTEGER)")
        db.execute("INSERT INTO t VALUES (2)")
    assert _rows(target) == [(2,)]
    assert [p.name for p in tmp_path.iterdir()] == ["index.sqlite"]


def test_a_failed_block_leaves_the_old_file_and_no_new_one(tmp_path: Path) -> None:
    target = tmp_path / "index.sqlite"
    with new_sqlite_file(target) as db:
        db.execute("CREATE TABLE t (n INTEGER)")
        db.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(RuntimeError), new_sqlite_file(target) as db:
        db.execute("CREATE TABLE t (n INTEGER)")
        raise RuntimeError("the build stopped")
    assert _rows(target) == [(1,)]
    assert [p.name for p in tmp_path.iterdir()] == ["index.sqlite"]
