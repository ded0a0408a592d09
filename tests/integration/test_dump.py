"""Release dumps (kg/dump.py; issue 5, point 3): deterministic, loadable, checksummed, diffed."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kg import __version__
from kg.dump import (
    CHANGELOG_NAME,
    CHECKSUMS_NAME,
    DATASET_IRI,
    NQUADS_NAME,
    TURTLE_NAME,
    VOID_NAME,
    verify_checksums,
    write_release,
)
from kg.evaluate import dev_set_scores
from kg.ids import BASE
from kg.pipeline import build
from kg.store import open_store, read_build_info

VOID = Namespace("http://rdfs.org/ns/void#")
DQV = Namespace("http://www.w3.org/ns/dqv#")
MKG = Namespace("https://w3id.org/medkg/ontology#")
RELEASE_FILES = (CHANGELOG_NAME, NQUADS_NAME, TURTLE_NAME, VOID_NAME)

BASE_PAPER = {
    "title": (
        "MedTrinity-25M: A Large-scale Multimodal Dataset with Multigranular Annotations "
        "for Medicine"
    ),
    "abstract": (
        "This paper introduces MedTrinity-25M, a comprehensive, large-scale multimodal dataset "
        "for medicine, covering over 25 million images across 10 modalities. "
        "We evaluate on VQA-RAD and PathVQA."
    ),
    "date": "2024-08-05",
}
EXTRA_PAPER = {
    "title": "ZebraScan-9K: A Benchmark for Zebrafish Ultrasound Segmentation",
    "abstract": "We introduce ZebraScan-9K, a new dataset of 9,000 annotated ultrasound images of "
    "zebrafish hearts for image segmentation. A U-Net baseline reaches a Dice score of 0.81 on "
    "ZebraScan-9K.",
    "date": "2025-03-01",
}


def _jsonl(path: Path, *papers: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in papers), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, Any]:
    scores = dev_set_scores()
    assert scores is not None
    return scores


@pytest.fixture(scope="module")
def bundled_release(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release of the bundled store with the dev-set scores, as ``kg dump`` writes it."""
    out = tmp_path_factory.mktemp("release") / "one"
    write_release(bundled_store, out, dev_scores=dev_set_scores())
    return out


def test_two_dumps_of_one_store_are_byte_identical(
    bundled_store: Path, bundled_release: Path, dev_scores: dict[str, Any], tmp_path: Path
) -> None:
    again = tmp_path / "two"
    summary = write_release(bundled_store, again, dev_scores=dev_scores)
    for name in (*RELEASE_FILES, CHECKSUMS_NAME):
        assert (bundled_release / name).read_bytes() == (again / name).read_bytes(), name
    assert summary.quads == open_store(bundled_store).quad_count()


def test_gzip_headers_carry_no_time_or_name(bundled_release: Path) -> None:
    for name in (NQUADS_NAME, TURTLE_NAME):
        header = (bundled_release / name).read_bytes()[:10]
        assert header[3] & 0x08 == 0, f"{name} stores a file name"  # FNAME flag
        assert header[4:8] == b"\0\0\0\0", f"{name} stores a modification time"


def test_dump_parses_with_rdflib_and_holds_every_quad(
    bundled_store: Path, bundled_release: Path
) -> None:
    store = open_store(bundled_store)
    per_graph = {
        r["g"]: int(r["n"] or 0)
        for r in store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        ).rows()
    }
    dataset = Dataset()
    with gzip.open(bundled_release / NQUADS_NAME, "rb") as handle:
        dataset.parse(handle, format="nquads")
    assert len(dataset) == store.quad_count()
    for graph_iri, count in per_graph.items():
        assert len(dataset.graph(URIRef(graph_iri or ""))) == count, graph_iri

    turtle = Graph()
    with gzip.open(bundled_release / TURTLE_NAME, "rb") as handle:
        turtle.parse(handle, format="turtle")
    assert len(turtle) == sum(per_graph.values())  # every triple lives in exactly one graph
    paper = URIRef(f"{BASE}paper/f3b0c0726e02")
    assert (paper, MKG.introducesDataset, URIRef(f"{BASE}dataset/medtrinity25m")) in turtle
    assert (paper, DCTERMS.issued, Literal("2024-08-05", datatype=XSD.date)) in turtle


def test_checksums_verify(bundled_release: Path) -> None:
    assert verify_checksums(bundled_release) == []
    listed = [
        line.split("  ", 1)[1]
        for line in (bundled_release / CHECKSUMS_NAME).read_text().splitlines()
    ]
    assert sorted(listed) == sorted(RELEASE_FILES)
    if shutil.which("sha256sum"):
        done = subprocess.run(
            ["sha256sum", "-c", CHECKSUMS_NAME],
            cwd=bundled_release,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_void_describes_the_release(
    bundled_store: Path, bundled_release: Path, dev_scores: dict[str, Any]
) -> None:
    void = Graph().parse(bundled_release / VOID_NAME, format="turtle")
    ds = URIRef(DATASET_IRI)
    info = read_build_info(bundled_store)
    assert (ds, RDF.type, VOID.Dataset) in void
    assert str(void.value(ds, DCTERMS.created)) == info["built"]  # the build's date, not today's
    assert str(void.value(ds, DCTERMS.hasVersion)) == __version__
    assert void.value(ds, DCTERMS.license) is not None
    assert list(void.objects(ds, DCTERMS.source))
    store = open_store(bundled_store)
    assert int(void.value(ds, VOID.triples)) == store.quad_count()
    papers = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a mkg:Paper }").rows()))["n"]
    partitions = {
        void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
        for p in void.objects(ds, VOID.classPartition)
    }
    assert partitions[MKG.Paper] == int(papers or 0)
    properties = {void.value(p, VOID.property) for p in void.objects(ds, VOID.propertyPartition)}
    assert MKG.introducesDataset in properties
    # dev-set scores as DQV measurements
    measured = {
        str(void.value(m, DQV.isMeasurementOf)).split("#metric-", 1)[1]: float(
            void.value(m, DQV.value)
        )
        for m in void.objects(ds, DQV.hasQualityMeasurement)
    }
    assert measured["dataset-f1"] == pytest.approx(dev_scores["types"]["dataset"]["f1"], abs=1e-4)


@pytest.fixture(scope="module")
def small_releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Release A of a one-paper store, then release B after building one extra paper into it."""
    root = tmp_path_factory.mktemp("small")
    store = root / "store"
    build([_jsonl(root / "base.jsonl", BASE_PAPER)], store)
    first = root / "A"
    write_release(store, first)
    build([_jsonl(root / "extra.jsonl", EXTRA_PAPER)], store)
    second = root / "B"
    summary = write_release(store, second, previous=first)
    assert summary.added["Papers"] == 1 and summary.removed["Papers"] == 0
    return first, second


def test_changelog_lists_added_entities_and_papers(small_releases: tuple[Path, Path]) -> None:
    _, second = small_releases
    log = (second / CHANGELOG_NAME).read_text(encoding="utf-8")
    added_datasets = log.split("\n## Datasets\n", 1)[1].split("\n## ", 1)[0]
    assert "### Added" in added_datasets
    assert f"<{BASE}dataset/zebrascan9k>" in added_datasets and "ZebraScan-9K" in added_datasets
    papers = log.split("\n## Papers\n", 1)[1].split("\n## ", 1)[0]
    assert "ZebraScan-9K: A Benchmark for Zebrafish Ultrasound Segmentation" in papers
    assert "MedTrinity-25M" not in papers  # unchanged papers are not listed
    assert verify_checksums(second) == []


def test_changelog_lists_removed_entities(
    small_releases: tuple[Path, Path], tmp_path: Path
) -> None:
    _first, second = small_releases
    # describe release A against B: what B had and A has not is "removed"
    store = tmp_path / "store"
    build([_jsonl(tmp_path / "base.jsonl", BASE_PAPER)], store)
    summary = write_release(store, tmp_path / "A2", previous=second)
    assert summary.removed["Datasets"] >= 1 and summary.removed["Papers"] == 1
    log = (tmp_path / "A2" / CHANGELOG_NAME).read_text(encoding="utf-8")
    assert "### Removed" in log and f"<{BASE}dataset/zebrascan9k>" in log


def test_rebuilding_the_same_input_gives_byte_identical_dumps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The ontology's OWL lists are blank nodes with fresh labels on every load: the dump must not
    # depend on them. SOURCE_DATE_EPOCH fixes the build date of two fresh builds.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = _jsonl(tmp_path / "in.jsonl", BASE_PAPER, EXTRA_PAPER)
    for name in ("one", "two"):
        build([source], tmp_path / f"store-{name}", fresh=True)
        write_release(tmp_path / f"store-{name}", tmp_path / name)
    for name in (*RELEASE_FILES, CHECKSUMS_NAME):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), (
            name
        )
    void = Graph().parse(tmp_path / "one" / VOID_NAME, format="turtle")
    assert str(void.value(URIRef(DATASET_IRI), DCTERMS.created)) == "2023-11-14T22:13:20+00:00"
