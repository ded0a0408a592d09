"""The questions a build asks of its copy of the store, on a real on-disk store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ids import ENTITIES_GRAPH, ONTOLOGY_GRAPH, entity_iri, paper_graph, paper_iri
from kg.paths import ontology_files
from kg.store import KnowledgeStore, build_queries, build_session, open_store
from kg.store.build_queries import (
    mentioned_entities,
    orphan_entities,
    reload_ontology,
    surface_counts,
    vocabulary_keys,
)
from kg.vocab import MKG

LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
UNET, SAM, MIMIC = (
    str(entity_iri(t, k)) for t, k in [("model", "unet"), ("model", "sam"), ("dataset", "mimic")]
)


def _mention(paper: str, n: int, entity: str, text: str) -> list[str]:
    m, g = f"<{paper_iri(paper)}/m{n}>", f"<{paper_graph(paper)}>"
    return [
        f"{m} <{MKG.entity}> <{entity}> {g} .\n",
        f'{m} <{MKG.matchedText}> "{text}" {g} .\n',
        f"{m} <{MKG.paper}> <{paper_iri(paper)}> {g} .\n",
    ]


@pytest.fixture()
def store(tmp_path: Path) -> KnowledgeStore:
    """Papers a (U-Net twice, SAM) and b (U-Net); U-Net, SAM and MIMIC described."""
    with build_session(tmp_path / "s") as session:
        session.load_nquads(
            _mention("a", 1, UNET, "U-Net")
            + _mention("a", 2, UNET, "UNet")
            + _mention("a", 3, SAM, "SAM")
            + _mention("b", 1, UNET, "U-Net")
            + [f'<{iri}> {LABEL} "x" <{ENTITIES_GRAPH}> .\n' for iri in (UNET, SAM, MIMIC)]
        )
    return open_store(tmp_path / "s")


def test_store_build_queries_count_papers_per_matched_text(
    store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_queries, "BATCH", 1)  # answers do not depend on the batching
    assert surface_counts(store, [UNET, SAM, MIMIC]) == {
        UNET: {"U-Net": 2, "UNet": 1},
        SAM: {"SAM": 1},
    }


def test_store_build_queries_find_what_mentions_point_to_and_what_nothing_does(
    store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_queries, "BATCH", 2)
    graphs = [str(paper_graph(k)) for k in ("a", "b", "c")]
    assert mentioned_entities(store, graphs) == {UNET, SAM}
    assert mentioned_entities(store, graphs[1:]) == {UNET}
    other = str(entity_iri("model", "never-described"))
    assert orphan_entities(store, [UNET, SAM, MIMIC, other]) == [MIMIC]


def test_store_build_queries_reload_the_ontology_in_place(tmp_path: Path) -> None:
    with build_session(tmp_path / "s") as session:
        added = reload_ontology(session)
        assert added == session.count_quads(str(ONTOLOGY_GRAPH)) > 0
        assert reload_ontology(session) == 0  # replaced, not added twice
        keys = vocabulary_keys(session)
    assert set(keys) == {"modality", "task", "metric"}
    # every concept of the vocabulary files, by the key its IRI ends with
    text = "".join(p.read_text(encoding="utf-8") for p in ontology_files())
    for etype, found in keys.items():
        assert found and all(f"{etype}/{key}>" in text or f"{etype}:{key}" in text for key in found)
