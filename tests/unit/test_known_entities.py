"""The loader of the curated table (``kg/known_entities.py``): its columns, the modalities a
dataset holds, and the checks that stop a bad row before a build writes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.known_entities import load_known_entities, modality_keys, parse_known_entities
from kg.nlp.vocabulary import load_vocabulary

HEADER = "type\tname\taliases\twikidata\tmodalities"
KEYS = frozenset({"chestxray", "radiologyreport", "mri"})


def test_known_entities_modalities_column_is_split_and_trimmed() -> None:
    table = parse_known_entities(
        [HEADER, "dataset\tMIMIC-CXR\tMIMIC CXR\t\t chestxray | radiologyreport |"],
        modality_keys=KEYS,
    )
    entity = table.lookup("MIMIC CXR")
    assert entity is not None
    assert entity.modalities == ("chestxray", "radiologyreport")


@pytest.mark.parametrize(
    "row",
    [
        "dataset\tImageNet\t\tQ1\t",  # empty cell
        "dataset\tImageNet\t\tQ1",  # a row of the four-column table
        "dataset\tImageNet",  # name only
    ],
)
def test_known_entities_row_without_modalities_holds_none(row: str) -> None:
    entity = parse_known_entities([HEADER, row], modality_keys=KEYS).lookup("ImageNet")
    assert entity is not None and entity.modalities == ()


def test_known_entities_repeated_modality_is_kept_once() -> None:
    table = parse_known_entities([HEADER, "dataset\tX\t\t\tmri|mri"], modality_keys=KEYS)
    assert table.entities[0].modalities == ("mri",)


def test_known_entities_unknown_modality_key_fails_clearly() -> None:
    rows = [HEADER, "dataset\tBraTS\t\t\tmri", "dataset\tCheXpert\t\t\tchest-xray|xrays"]
    with pytest.raises(ValueError) as raised:
        parse_known_entities(rows, modality_keys=KEYS)
    message = str(raised.value)
    assert "line 3" in message and "'CheXpert'" in message
    assert "'chest-xray'" in message and "'xrays'" in message
    assert "modalities.ttl" in message


def test_known_entities_model_row_with_modalities_fails() -> None:
    with pytest.raises(ValueError, match="only a dataset holds modalities"):
        parse_known_entities([HEADER, "model\tU-Net\t\t\tmri"], modality_keys=KEYS)


def test_known_entities_keys_unchecked_without_vocabulary() -> None:
    table = parse_known_entities([HEADER, "dataset\tX\t\t\tanything"])
    assert table.entities[0].modalities == ("anything",)


def test_known_entities_loading_a_file_checks_against_the_modality_scheme(tmp_path: Path) -> None:
    path = tmp_path / "known.tsv"
    path.write_text(f"{HEADER}\ndataset\tBraTS\t\t\tbrainmri|brain-mri\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'brain-mri'"):
        load_known_entities(path)


def test_known_entities_modality_keys_are_the_vocabularys() -> None:
    assert modality_keys() == {c.key for c in load_vocabulary().of_type("modality")}


@pytest.mark.parametrize(
    ("name", "modalities"),
    [
        ("MIMIC-CXR", {"chestxray", "radiologyreport"}),
        ("CheXpert", {"chestxray"}),
        ("ChestX-ray14", {"chestxray"}),
        ("IU X-Ray", {"chestxray", "radiologyreport"}),
        ("BraTS", {"brainmri"}),
        ("fastMRI", {"mri"}),
        ("LIDC-IDRI", {"ct"}),
        ("CAMELYON16", {"histopathology"}),
        ("ISIC 2019", {"dermatologyimage"}),
        ("PTB-XL", {"ecg"}),
        ("ImageNet", set()),  # natural images: no concept of the modality scheme
        ("MedQA", set()),
    ],
)
def test_known_entities_shipped_table_modalities(name: str, modalities: set[str]) -> None:
    entity = load_known_entities().lookup(name)
    assert entity is not None and entity.entity_type == "dataset"
    assert set(entity.modalities) == modalities


def test_known_entities_shipped_table_models_hold_no_modality() -> None:
    table = load_known_entities()
    assert all(not e.modalities for e in table.entities if e.entity_type == "model")
    assert sum(bool(e.modalities) for e in table.entities) >= 100
