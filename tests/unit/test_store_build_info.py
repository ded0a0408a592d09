"""Build metadata ``kg-build.json``: what the last build recorded, and when it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import build_session, open_store, read_build_info
from kg.store.build_info import BUILD_INFO_NAME, next_build_info


def test_store_build_info_date_changes_only_with_the_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = next_build_info({}, {"a": "1"}, papers=1, quads=10)
    old = {**first, "built": "2000-01-01T00:00:00+00:00"}
    assert next_build_info(old, {"a": "1"}, papers=1, quads=10)["built"] == old["built"]
    changed = next_build_info(old, {"a": "2"}, papers=1, quads=10)
    assert changed["built"] != old["built"] and changed["content_digest"] != old["content_digest"]
    assert changed["paper_digests"] == {"a": "2"} and changed["quads"] == 10


def test_store_build_info_date_is_source_date_epoch_when_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert next_build_info({}, {}, papers=0, quads=0)["built"] == "1970-01-02T00:00:00+00:00"


def test_store_build_info_is_written_by_the_completed_session_only(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with build_session(path) as store:
        store.build_info = {"papers": 1}
    assert read_build_info(path) == {"papers": 1} == open_store(path).build_info
    with pytest.raises(RuntimeError), build_session(path) as store:
        assert store.build_info == {"papers": 1}  # the copy starts from what is recorded
        store.build_info = {"papers": 2}
        raise RuntimeError("boom")
    assert read_build_info(path) == {"papers": 1}


@pytest.mark.parametrize("content", ["not json", "[1, 2]"])
def test_store_build_info_unreadable_is_empty(tmp_path: Path, content: str) -> None:
    (tmp_path / BUILD_INFO_NAME).write_text(content, encoding="utf-8")
    assert read_build_info(tmp_path) == {}
    assert read_build_info(tmp_path / "missing") == {}
