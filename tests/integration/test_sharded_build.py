"""The sharded build (issue 7): the Dask build gives the serial build's quads; incremental
builds keep the recorded quad count exact without counting the whole store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.corpus import default_corpus_dir, read_corpus
from kg.corpus.stream import stream_corpus
from kg.pipeline import build
from kg.store import iter_quad_strings, open_store

_BNODE = re.compile(r"_:[A-Za-z0-9]+")


def _sorted_nquads(store_path: Path) -> list[str]:
    """Every quad as an N-Quads line, sorted; blank node labels (the ontology's Turtle lists,
    fresh on every load) are blanked, so equal graphs give equal lists."""
    lines = []
    for s, p, o, g in iter_quad_strings(open_store(store_path)):
        lines.append(_BNODE.sub("_:b", f"{s} {p} {o} {g or ''} ."))
    return sorted(lines)


def test_stream_corpus_yields_the_papers_of_read_corpus(tmp_path: Path) -> None:
    data = default_corpus_dir()
    first = sorted(data.glob("*.txt"))[0]
    # the same file twice: every paper is a duplicate and must come out merged, once
    stream = stream_corpus([data, first])
    corpus = read_corpus([data, first])
    assert stream.count == len(corpus.papers)
    assert stream.records_read == corpus.records_read
    assert stream.problems == corpus.problems
    streamed = sorted(stream, key=lambda p: p.key)
    assert streamed == sorted(corpus.papers, key=lambda p: p.key)


@pytest.mark.timeout(300)
def test_dask_build_gives_the_same_quads_as_the_serial_build(bundled_store: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from kg.distributed import DaskExecutor

    store = tmp_path / "dask-store"
    runner = DaskExecutor(tmp_path / "shards", workers=2, shard_size=100)
    try:
        report = build((), store, executor=runner, shard_size=100)
    finally:
        runner.close()
    assert report.papers == open_store(bundled_store).build_info["papers"]
    assert not list((tmp_path / "shards").glob("*/*")), "shard files are removed after loading"
    assert _sorted_nquads(store) == _sorted_nquads(bundled_store)


def test_incremental_builds_keep_an_exact_quad_count(tmp_path: Path) -> None:
    files = sorted(default_corpus_dir().glob("*.txt"))[:2]
    store = tmp_path / "store"
    build([files[0]], store)
    build([files[1]], store)  # adds papers: counted, not scanned
    info = json.loads((store / "kg-build.json").read_text())
    assert info["quads"] == open_store(store).quad_count()
    build([files[0]], store)  # replaces papers already stored
    info = json.loads((store / "kg-build.json").read_text())
    assert info["quads"] == open_store(store).quad_count()
    assert (store / "kg-forms.sqlite").is_file()
