"""A build on an existing store brings every curated entity up to date with the curated table.

A store built with an older ``ontology/known_entities.tsv`` holds that table's
``skos:exactMatch`` and ``mkg:holdsModality``. Here a real on-disk store is built with such a
table (MIMIC-CXR said to hold MRI, with a Wikidata item; no dataset with its real modalities),
then rebuilt with the current table from a source that does not mention MIMIC-CXR: the
dataset gains its modalities and loses the old facts, and nothing else in the store changes;
a second build changes nothing at all.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import kg.assemble.entities
from kg.assemble.entities import curated_entity, curated_facts
from kg.ids import BASE, ENTITIES_GRAPH
from kg.known_entities import KnownEntities, load_known_entities, parse_known_entities
from kg.paths import known_entities_path
from kg.pipeline import build
from kg.store import iter_quad_strings, open_store

MIMIC_CXR, BRATS = f"{BASE}dataset/mimiccxr", f"{BASE}dataset/brats2021"
HOLDS = "<https://w3id.org/medkg/ontology#holdsModality>"
EXACT = "<http://www.w3.org/2004/02/skos/core#exactMatch>"
OLD_QID = "Q4115189"  # the Wikidata sandbox item: a fact the current table does not give

MIMIC_PAPER = {
    "id": "cr-mimic",
    "title": "Knowledge-guided radiology report generation with a memory-augmented decoder",
    "abstract": (
        "We propose MemReport, a transformer decoder with a learned memory of recurring "
        "findings. On MIMIC-CXR, MemReport improves BLEU-4 by 1.2 points over strong baselines."
    ),
}
BRATS_PAPER = {
    "id": "cr-brats",
    "title": "Generating structured tumour reports from multi-parametric scans",
    "abstract": (
        "Our model, TumorScribe, writes a structured report of location, size and enhancement "
        "from the four sequences of BraTS 2021, and reaches a BLEU-4 of 0.21."
    ),
}

Quads = Counter[tuple[str | None, ...]]


def older_table() -> KnownEntities:
    """The current table as it was before its modalities column, except that MIMIC-CXR holds
    MRI and has a Wikidata item."""
    rows = []
    for line in known_entities_path().read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2 or cols[0] == "type":
            rows.append(line)
        elif cols[1] == "MIMIC-CXR":
            rows.append("\t".join([cols[0], cols[1], cols[2], OLD_QID, "mri"]))
        else:
            rows.append("\t".join(cols[:4]))
    return parse_known_entities(rows)


def write(path: Path, *papers: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in papers), encoding="utf-8")
    return path


def quads(store_dir: Path) -> Quads:
    """The store's quads, each blank node written ``_:`` (the statistics graph and the
    ontology's lists have blank nodes, labelled anew by every build), counted."""
    store = open_store(store_dir, read_only=True)
    try:
        return Counter(
            tuple(None if t is None else "_:" if t.startswith("_:") else t for t in q)
            for q in iter_quad_strings(store)
        )
    finally:
        store.close()


def facts(found: Quads, dataset: str) -> set[tuple[str, str]]:
    """(property, object) of the dataset's curated facts, all in the entities graph."""
    mine = {q for q in found if q[0] == f"<{dataset}>" and q[1] in (HOLDS, EXACT)}
    assert {q[3] for q in mine} <= {f"<{ENTITIES_GRAPH}>"}
    return {(q[1], q[2]) for q in mine}


def table_facts(dataset: str, name: str) -> set[tuple[str, str]]:
    """What the current table says of the dataset, as (property, object) N-Triples terms."""
    exact, modalities = curated_facts(curated_entity("dataset", dataset.rsplit("/", 1)[1], [name]))
    return {(EXACT, f"<{e}>") for e in exact} | {(HOLDS, f"<{m}>") for m in modalities}


@pytest.fixture(scope="module")
def old_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A store built with the older table, and the directory of its sources."""
    base = tmp_path_factory.mktemp("curated-refresh")
    patch = pytest.MonkeyPatch()
    patch.setattr(kg.assemble.entities, "load_known_entities", older_table)
    try:
        build([write(base / "papers.jsonl", MIMIC_PAPER, BRATS_PAPER)], base / "store", fresh=True)
    finally:
        patch.undo()
    yield base / "store", base


def test_a_build_brings_untouched_curated_entities_up_to_date(
    old_store: tuple[Path, Path],
) -> None:
    store_dir, base = old_store
    assert load_known_entities().lookup("MIMIC-CXR").modalities  # the current table has some
    before = quads(store_dir)
    assert facts(before, MIMIC_CXR) == {
        (EXACT, f"<http://www.wikidata.org/entity/{OLD_QID}>"),
        (HOLDS, f"<{BASE}modality/mri>"),
    }
    assert facts(before, BRATS) == set()

    # the build touches BraTS 2021 (its paper again, from a file of the same name, so that
    # its mkg:sourceFile stays), not MIMIC-CXR
    (base / "again").mkdir()
    again_source = write(base / "again" / "papers.jsonl", BRATS_PAPER)
    report = build([again_source], store_dir)
    after = quads(store_dir)
    wanted_mimic = table_facts(MIMIC_CXR, "MIMIC-CXR")
    wanted_brats = table_facts(BRATS, "BraTS 2021")
    assert (HOLDS, f"<{BASE}modality/chestxray>") in wanted_mimic
    assert facts(after, MIMIC_CXR) == wanted_mimic
    assert facts(after, BRATS) == wanted_brats
    # nothing else changed: only the curated facts came and went
    assert sum((after - before).values()) == len(wanted_mimic) + len(wanted_brats)
    assert {(q[0], q[1], q[2]) for q in after - before} == {
        (f"<{d}>", p, o)
        for d, wanted in ((MIMIC_CXR, wanted_mimic), (BRATS, wanted_brats))
        for p, o in wanted
    }
    assert sum((before - after).values()) == len(facts(before, MIMIC_CXR))
    assert {(q[0], q[1], q[2]) for q in before - after} == {
        (f"<{MIMIC_CXR}>", p, o) for p, o in facts(before, MIMIC_CXR)
    }
    assert report.quads == after.total()

    # a second build with the same table changes nothing
    again = build([again_source], store_dir)
    assert quads(store_dir) == after
    assert again.quads == after.total()
