"""The store directory: readers tell from ``generation`` when a build swapped a new store in."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.store import StoreError, build_session, generation, open_store

G = URIRef("https://w3id.org/medkg/graph/paper/a")
S = URIRef("https://w3id.org/medkg/resource/paper/a")
P = URIRef("http://purl.org/dc/terms/title")


def _build(path: Path, title: str) -> None:
    with build_session(path) as store:
        store.clear_graphs([str(G)])
        store.load_quads([(S, P, Literal(title), G)])


def test_store_directory_generation_changes_with_each_build_and_only_then(tmp_path: Path) -> None:
    path = tmp_path / "s"
    _build(path, "one")
    first = generation(path)
    open_store(path).query("SELECT * WHERE { ?s ?p ?o }")  # reading changes nothing
    assert generation(path) == first
    _build(path, "two")
    second = generation(path)
    assert second != first
    _build(path, "three")
    assert generation(path) not in (first, second)


def test_store_directory_generation_of_a_missing_store_is_a_clear_error_at_once(
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"no store at .*kg build --store"):
        generation(tmp_path / "nothing", wait=0)
    assert time.monotonic() - started < 0.005  # wait=0 (the event loop's) never sleeps


def test_store_directory_generation_waits_for_the_store_between_the_renames_of_a_swap(
    tmp_path: Path,
) -> None:
    path, new = tmp_path / "s", tmp_path / "new"
    _build(path, "one")
    _build(new, "two")
    expected = generation(new)
    os.rename(path, tmp_path / "old")  # the first rename of a swap: the path is now absent
    go = threading.Event()

    def second_rename() -> None:
        go.wait(10)
        os.rename(new, path)

    thread = threading.Thread(target=second_rename)
    thread.start()
    go.set()
    try:
        assert generation(path, wait=10) == expected
    finally:
        thread.join(10)
