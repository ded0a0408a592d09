"""Entity resolution joins spelling and abbreviation variants, never ambiguous short forms."""

from __future__ import annotations

import pytest

from kg.assemble.entities import choose_label, resolve_keys
from kg.statements import EntityLink


def _link(paper: str, etype: str, key: str, label: str, *alts: str) -> EntityLink:
    return EntityLink(paper, etype, key, label, tuple(alts), "uses", 0.9, ())  # type: ignore[arg-type]


def test_entities_long_form_joins_abbreviation_across_papers() -> None:
    links = [
        _link("p1", "model", "sam", "SAM", "Segment Anything Model"),
        _link("p2", "model", "segmentanythingmodel", "Segment Anything Model"),
        _link("p3", "model", "sam", "SAM"),
    ]
    mapping = resolve_keys(links)
    assert mapping[("model", "segmentanythingmodel")] == mapping[("model", "sam")] == "sam"


def test_entities_short_ambiguous_forms_do_not_join() -> None:
    links = [
        _link("p1", "model", "maskedautoencoder", "masked autoencoder", "MAE"),
        _link("p2", "model", "meanabsoluteerrornet", "mean absolute error net", "MAE"),
    ]
    mapping = resolve_keys(links)
    assert mapping[("model", "maskedautoencoder")] != mapping[("model", "meanabsoluteerrornet")]


def test_entities_types_never_join() -> None:
    links = [_link("p1", "model", "medqa", "MedQA"), _link("p2", "dataset", "medqa", "MedQA")]
    mapping = resolve_keys(links)
    assert mapping[("model", "medqa")] == "medqa" and mapping[("dataset", "medqa")] == "medqa"


def test_entities_stored_key_wins_so_iris_stay_stable() -> None:
    links = [_link("p9", "dataset", "mimiccxrjpg2", "MIMIC-CXR-JPG 2", "MIMIC CXR JPG")]
    mapping = resolve_keys(links, known_forms={("dataset", "mimiccxrjpg"): "mimiccxrjpg"})
    assert mapping[("dataset", "mimiccxrjpg2")] == "mimiccxrjpg"


@pytest.mark.parametrize(
    ("counts", "label"),
    [
        ({"SAM": 9, "Segment Anything Model": 1}, "Segment Anything Model"),
        ({"MIMIC-CXR": 3, "MIMIC CXR": 1}, "MIMIC-CXR"),
        ({"BERT": 2}, "BERT"),
        ({"GPT-4": 2, "GPT4": 2}, "GPT-4"),
        ({"MedQA dataset": 9, "MedQA": 3}, "MedQA"),
        ({"NEGRA corpus": 1}, "NEGRA corpus"),
    ],
)
def test_entities_label_choice(counts: dict[str, int], label: str) -> None:
    chosen, alts = choose_label(counts)
    assert chosen == label
    assert set(alts) == set(counts) - {label}


def test_entities_curated_entity_takes_table_name_and_wikidata_id() -> None:
    from kg.assemble.entities import describe

    d = describe("dataset", "pubmed", {"PubMed database": 2, "Pubmed": 1})
    assert d.label == "PubMed"
    assert "http://www.wikidata.org/entity/Q180686" in d.exact_matches
    assert set(d.alt_labels) == {"PubMed database", "Pubmed"}


def test_entities_unknown_entity_has_no_exact_match() -> None:
    from kg.assemble.entities import describe

    d = describe("model", "zebranet9", {"ZebraNet-9": 1})
    assert d.label == "ZebraNet-9" and d.exact_matches == ()


@pytest.mark.parametrize(
    ("key", "counts", "label", "alts"),
    [
        # the extractor keyed the name without its head noun or version: that is the label
        ("aibl", {"AIBL dataset": 1}, "AIBL", {"AIBL dataset"}),
        ("debertav3", {"DeBERTaV3 architecture": 2, "DeBERTaV3": 1}, "DeBERTaV3", None),
        ("vitl14", {"ViT-L/14 model": 1}, "ViT-L/14", {"ViT-L/14 model"}),
        ("mimiccxrjpg", {"MIMIC-CXR-JPG v2.0.0": 3, "MIMIC-CXR-JPG": 1}, "MIMIC-CXR-JPG", None),
        # a head noun inside the key is part of the name
        ("negracorpus", {"NEGRA corpus": 1}, "NEGRA corpus", set()),
        ("zebranet9", {"ZebraNet-9": 1}, "ZebraNet-9", set()),
    ],
)
def test_entities_label_is_the_name_the_key_was_made_from(
    key: str, counts: dict[str, int], label: str, alts: set[str] | None
) -> None:
    from kg.assemble.entities import describe

    d = describe("model", key, counts)
    assert d.label == label
    assert set(d.alt_labels) == (alts if alts is not None else set(counts) - {label})


def test_entities_curated_dataset_holds_the_tables_modalities() -> None:
    """Found under an alias, a curated dataset still takes the table's modalities (as IRIs)."""
    from kg.assemble.entities import describe

    modality = "https://w3id.org/medkg/resource/modality/"
    d = describe("dataset", "mimiccxr", {"MIMIC CXR": 1})
    assert d.modalities == (modality + "chestxray", modality + "radiologyreport")
    assert describe("dataset", "zebraset", {"ZebraSet": 1}).modalities == ()
    assert describe("model", "unet", {"U-Net": 1}).modalities == ()
