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
def test_dask_build_gives_the_same_quads_as_the_serial_build(
    bundled_store: Path, tmp_path: Path
) -> None:
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


_ENTITY = "https://w3id.org/medkg/resource/dataset/"
_INTRODUCES_PATHMED = {
    "title": "A benchmark for pathology embeddings",
    "abstract": "We further introduce the Pathology Multimodal Embedding Benchmark (PATHMED), a "
    "comprehensive benchmark designed to assess the quality of pathology multimodal "
    "embeddings.",
}
# the same long form under another abbreviation: resolution joins "pmeb" to "pathmed"
_SAME_BENCHMARK_AS_PMEB = {
    "title": "Slide encoders compared",
    "abstract": "We further introduce the Pathology Multimodal Embedding Benchmark (PMEB), a "
    "comprehensive benchmark designed to assess the quality of pathology multimodal "
    "embeddings. Our encoder reaches an AUC of 0.91 on PMEB.",
}
_UNRELATED = {
    "title": "Chest radiograph triage",
    "abstract": (
        "We train a DenseNet-121 classifier on the CheXpert dataset for chest X-ray triage."
    ),
}


def _jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_papers_whose_keys_resolution_changes_are_rewritten(tmp_path: Path) -> None:
    """Shards are loaded before entity resolution is done; the papers it remaps are rewritten.

    The same papers built in one go and built as an update onto a store that already holds
    the entity give the same graph, and no quad names the key that resolution replaced."""
    # two papers name "pathmed", one "pmeb": a build of all three keeps the key of the most
    # papers, as an update keeps the stored key
    also_pathmed = {**_INTRODUCES_PATHMED, "title": "Pathology embeddings revisited"}
    first = _jsonl(tmp_path / "first.jsonl", _INTRODUCES_PATHMED, also_pathmed)
    second = _jsonl(tmp_path / "second.jsonl", _SAME_BENCHMARK_AS_PMEB, _UNRELATED)
    together = tmp_path / "together"
    build([first, second], together, shard_size=1)
    update = tmp_path / "update"
    build([first], update, shard_size=1)
    build([second], update, shard_size=1)

    quads = _sorted_nquads(together)
    assert quads == _sorted_nquads(update)
    assert not [q for q in quads if f"<{_ENTITY}pmeb>" in q]
    store = open_store(update)
    datasets = {
        r["d"]
        for r in store.query(
            (
                "SELECT ?d WHERE { ?p dcterms:title 'Slide encoders compared' . "
                "{ ?p mkg:introducesDataset|mkg:usesDataset ?d } "
                "UNION { ?p mkg:reportsResult/mkg:dataset ?d } "
                "UNION { ?m mkg:paper ?p ; mkg:entity ?d . "
                "FILTER(STRSTARTS(STR(?d), STR(dataset:))) } }"
            ).replace("dataset:", f"<{_ENTITY}>")
        ).rows()
    }
    assert datasets == {f"{_ENTITY}pathmed"}
    labels = {
        r["l"]
        for r in store.query(f"SELECT ?l WHERE {{ <{_ENTITY}pathmed> skos:altLabel ?l }}").rows()
    }
    assert "PMEB" in labels
    for path in (together, update):
        info = json.loads((path / "kg-build.json").read_text())
        assert info["quads"] == open_store(path).quad_count()
