"""A build's shards: spool files in, N-Quads files out, surface counts summed across shards."""

from __future__ import annotations

from pathlib import Path

from kg.corpus.models import Paper
from kg.ids import entity_iri, paper_key
from kg.shards import SurfaceCounts, _ShardWriter, read_spool, write_quad_shard
from kg.statements import EntityLink, Evidence, PaperExtraction
from kg.store import build_session, open_store
from kg.store.build_queries import surface_counts


def _paper(title: str, *names: tuple[str, str]) -> tuple[Paper, PaperExtraction]:
    """A paper whose abstract names the ``(key, text)`` models, each a link of its own."""
    key = paper_key(title)
    abstract = " and ".join(text for _, text in names) + "."
    links, at = [], 0
    for model, text in names:
        ev = Evidence("abstract", at, at + len(text), text, abstract, "test", 0.9)
        links.append(EntityLink(key, "model", model, text, (), "uses", 0.9, (ev,)))
        at += len(text) + len(" and ")
    return Paper(key, title, abstract), PaperExtraction(key, tuple(links), ())


def _spool(tmp_path: Path, pairs: list[tuple[Paper, PaperExtraction]]) -> Path:
    writer = _ShardWriter(tmp_path, "t", shard_size=len(pairs))
    for paper, extraction in pairs:
        writer.add(paper, extraction)
    (shard,) = writer.close()
    return shard.spool


def test_shards_spool_reads_back_what_was_written_in_order(tmp_path: Path) -> None:
    pairs = [_paper(f"Paper {i}", ("unet", "U-Net")) for i in range(600)]  # several batches
    assert list(read_spool(_spool(tmp_path, pairs))) == pairs


def test_shards_quad_shard_applies_the_mapping_and_counts_what_a_store_would(
    tmp_path: Path,
) -> None:
    pairs = [
        _paper("First paper", ("unet", "U-Net"), ("unet2", "UNet")),  # two keys → one entity
        _paper("Second paper", ("unet", "U-Net"), ("sam", "SAM")),
    ]
    shard = write_quad_shard(
        _spool(tmp_path, pairs), tmp_path / "t.nq", {("model", "unet2"): "unet"}, surfaces=True
    )
    unet, sam, unet2 = (str(entity_iri("model", k)) for k in ("unet", "sam", "unet2"))
    assert shard.surfaces == {unet: {"U-Net": 2, "UNet": 1}, sam: {"SAM": 1}}
    assert set(shard.digests) == {p.key for p, _ in pairs}
    with build_session(tmp_path / "s") as store:
        store.load_nquads_file(shard.path)
    store = open_store(tmp_path / "s")
    assert store.quad_count() == shard.quads
    assert surface_counts(store, [unet, sam, unet2]) == shard.surfaces


def test_shards_surface_counts_sum_over_shards_and_answer_for_the_asked_entities() -> None:
    counts = SurfaceCounts()
    counts.add({"e1": {"U-Net": 2}, "e2": {"SAM": 1}})
    counts.add({"e1": {"U-Net": 1, "UNet": 4}})
    assert counts.of(["e1", "e3"]) == {"e1": {"U-Net": 3, "UNet": 4}}
    assert counts.of(["e2"]) == {"e2": {"SAM": 1}}
    counts.close()
