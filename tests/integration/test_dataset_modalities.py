"""The modalities curated datasets hold (``mkg:holdsModality``) through a real build.

The flagship question "which datasets are used for chest X-ray report generation?" must find
a dataset that holds chest X-rays even when no abstract of its papers writes "X-ray", and
must not find a dataset that holds only MRI. Built here by ``kg.pipeline.build`` from two
hand-written abstracts (report generation on MIMIC-CXR, which holds chest X-rays and radiology
reports; report generation on BraTS 2021, which holds brain MRI), then grown and shrunk by
incremental builds: the triples are written once per dataset and leave with the dataset.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from endpoint_server import EndpointServer
from rdflib import Literal, URIRef

from kg.ids import BASE, ENTITIES_GRAPH
from kg.paths import queries_dir
from kg.pipeline import build
from kg.queries import bind_params, load_queries
from kg.store import KnowledgeStore, open_store
from kg.store.answers import saved_query_sparql

QUERY = load_queries(queries_dir())["datasets_for_task_and_modality"]
MIMIC_CXR, BRATS = f"{BASE}dataset/mimiccxr", f"{BASE}dataset/brats2021"
MODALITY = f"{BASE}modality/"

MIMIC_PAPER = {
    "id": "rg-mimic",
    "title": "Knowledge-guided radiology report generation with a memory-augmented decoder",
    "abstract": (
        "Automatic report generation aims to draft the findings section a radiologist would "
        "write. We propose MemReport, a transformer decoder with a learned memory of recurring "
        "findings. On MIMIC-CXR, MemReport improves BLEU-4 by 1.2 points and CheXbert F1 by 2.3 "
        "points over strong baselines, and clinicians preferred its drafts in a reader study."
    ),
}
BRATS_PAPER = {
    "id": "rg-brats",
    "title": "Generating structured tumour reports from multi-parametric scans",
    "abstract": (
        "We study report generation for brain tumours. Our model, TumorScribe, writes a "
        "structured report of location, size and enhancement from the four sequences of BraTS "
        "2021, and reaches a BLEU-4 of 0.21 against reports written by neuroradiologists."
    ),
}
SECOND_MIMIC_PAPER = {
    "id": "rg-mimic-2",
    "title": "Retrieval-augmented drafting of findings",
    "abstract": (
        "We address report generation with retrieval: RetroDraft retrieves similar studies from "
        "MIMIC-CXR and edits their findings, improving BLEU-4 by 0.8 points."
    ),
}


def _write(path: Path, *papers: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in papers), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("dataset-modalities")
    build([_write(base / "papers.jsonl", MIMIC_PAPER, BRATS_PAPER)], base / "store", fresh=True)
    return base / "store"


@pytest.fixture
def store(small_store: Path) -> Iterator[KnowledgeStore]:
    handle = open_store(small_store, read_only=True)
    yield handle
    handle.close()


def datasets_for(
    store: KnowledgeStore, path: Path, task: str, modality: str, *, index: bool
) -> set[str]:
    """The datasets the saved query lists, through the browse index or its own SPARQL."""
    bindings = bind_params(QUERY, {"task": task, "modality": modality})
    text, given = (
        saved_query_sparql(QUERY, path, bindings, rows=None) if index else (QUERY.sparql, bindings)
    )
    assert (text != QUERY.sparql) == index, "answered by the index" if index else "by SPARQL"
    return {str(r["dataset"]) for r in store.query(text, bindings=dict(given) or None).rows()}


def held(store: KnowledgeStore, dataset: str) -> list[tuple[str, str]]:
    """(graph, modality) of every ``mkg:holdsModality`` quad of ``dataset``, in any graph."""
    rows = store.query(
        "SELECT ?g ?m WHERE { GRAPH ?g { ?d mkg:holdsModality ?m } }",
        bindings={"d": URIRef(dataset)},
    ).rows()
    return sorted((str(r["g"]), str(r["m"])) for r in rows)


def has_modality(store: KnowledgeStore, title: str, modality: str) -> bool:
    rows = store.query(
        "SELECT ?p WHERE { ?p dcterms:title ?t ; mkg:hasModality/skos:broader* ?m }",
        bindings={"t": Literal(title), "m": URIRef(MODALITY + modality)},
    ).rows()
    return any(True for _ in rows)


@pytest.mark.parametrize("index", [True, False], ids=["index", "sparql"])
def test_chest_xray_report_generation_finds_mimic_cxr_through_the_dataset(
    store: KnowledgeStore, small_store: Path, index: bool
) -> None:
    # the paper itself does not say X-ray: only the dataset's curated modality can answer
    assert not has_modality(store, MIMIC_PAPER["title"], "xray")
    for modality in ("xray", "chestxray"):
        found = datasets_for(store, small_store, "reportgeneration", modality, index=index)
        assert MIMIC_CXR in found, modality
        # BraTS 2021 holds brain MRI: the dataset path does not make it an X-ray dataset
        assert BRATS not in found, modality


@pytest.mark.parametrize("index", [True, False], ids=["index", "sparql"])
def test_mri_report_generation_finds_brats_through_the_broader_concept(
    store: KnowledgeStore, small_store: Path, index: bool
) -> None:
    assert not has_modality(store, BRATS_PAPER["title"], "mri")
    found = datasets_for(store, small_store, "reportgeneration", "mri", index=index)
    assert BRATS in found and MIMIC_CXR not in found


def test_held_modalities_are_curated_facts_of_the_entities_graph(store: KnowledgeStore) -> None:
    entities = str(ENTITIES_GRAPH)
    assert held(store, MIMIC_CXR) == [
        (entities, MODALITY + "chestxray"),
        (entities, MODALITY + "radiologyreport"),
    ]
    assert held(store, BRATS) == [(entities, MODALITY + "brainmri")]
    # no paper link: nothing extracted backs them
    backing = store.query("SELECT ?m WHERE { ?m mkg:supports mkg:holdsModality }").rows()
    assert list(backing) == []


def test_incremental_builds_keep_one_copy_and_remove_them_with_the_dataset(
    small_store: Path, tmp_path: Path
) -> None:
    path = tmp_path / "store"
    shutil.copytree(small_store, path)
    entities = str(ENTITIES_GRAPH)

    # another paper on MIMIC-CXR: its description is rewritten, not doubled
    build([_write(tmp_path / "more.jsonl", SECOND_MIMIC_PAPER)], path)
    store = open_store(path, read_only=True)
    try:
        assert held(store, MIMIC_CXR) == [
            (entities, MODALITY + "chestxray"),
            (entities, MODALITY + "radiologyreport"),
        ]
        assert store.build_info["quads"] == store.quad_count()
    finally:
        store.close()

    # both MIMIC-CXR papers replaced by versions that do not name it: the dataset is an orphan
    # and leaves with its modalities; BraTS 2021 keeps its own
    replaced = [
        {**MIMIC_PAPER, "abstract": "We propose MemReport for automatic report generation."},
        {**SECOND_MIMIC_PAPER, "abstract": "RetroDraft drafts findings by retrieval."},
    ]
    build([_write(tmp_path / "replaced.jsonl", *replaced)], path)
    store = open_store(path, read_only=True)
    try:
        assert held(store, MIMIC_CXR) == []
        assert held(store, BRATS) == [(entities, MODALITY + "brainmri")]
        assert store.build_info["quads"] == store.quad_count()
        for index in (True, False):
            found = datasets_for(store, path, "reportgeneration", "xray", index=index)
            assert MIMIC_CXR not in found
    finally:
        store.close()


def test_the_dataset_page_shows_what_the_dataset_holds(small_store: Path) -> None:
    """A curated dataset's page says which modalities it holds, linked to their pages; a
    dataset the table gives none (a name only the abstract knows) shows no such line."""
    with EndpointServer(small_store) as server:

        def page(slug: str) -> str:
            response = httpx.get(
                f"{server.url}/resource/dataset/{slug}",
                headers={"Accept": "text/html"},
                timeout=30,
            )
            assert response.status_code == 200
            return response.text

        mimic, brats = page("mimiccxr"), page("brats2021")
    holds = mimic.split('<p class="kg-holds" id="holds">', 1)[1].split("</p>", 1)[0]
    assert 'href="/resource/modality/chestxray"' in holds
    assert 'href="/resource/modality/radiologyreport"' in holds
    assert holds.count("<a ") == 2
    assert 'href="/resource/modality/brainmri"' in brats.split('id="holds"', 1)[1]
