"""kg_entities: clinical labels spelled like names, training recipes set beside their head,
collections named after a curated model, laws and registers; short fresh sentences on both
sides of each decision (names10)."""

from __future__ import annotations

import pytest
from name_helpers import typed
from spacy.language import Language

from kg.nlp.components.names.units import unit_shape


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("III-IV", "lower"),  # a range of grades or stages
        ("V–VI", "lower"),
        ("BI-RADS", "lower"),  # a reporting system
        ("LI-RADS", "lower"),
        ("T1ce", "lower"),  # MRI weighting and sequence labels
        ("T2w", "lower"),
        ("T2-FLAIR", "lower"),
        ("anti-VEGF", "lower"),  # an agent named by what it blocks
        ("EC50", "lower"),  # a potency measure
        ("III/IV", "strong"),  # a version range after a name: "MIMIC III/IV"
        ("T5", "letter"),
        ("TransUNet", "strong"),
        ("RADSNet", "strong"),
        ("Anti-Fraud", "cap"),
        ("IC-Net50", "strong"),
    ],
)
def test_clinical_labels_are_shaped_as_words(text: str, shape: str) -> None:
    assert unit_shape(text) == shape


def test_a_grade_range_is_no_name(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "Tumours of grade II-III were segmented with KestrelNet.")
    assert found == {"KestrelNet": "model"}


def test_a_unit_with_the_full_stop_is_no_name(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "Four compounds from KinaseSet-9 had EC50 below 2 µM. We stop.")
    assert "µM." not in found and "EC50" not in found
    assert "KinaseSet-9" in found


def test_algorithms_listed_after_a_recipe_head_are_no_models(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We compare KestrelNet with the federated optimization algorithms QuokAgg, "
        "WombProx and NumbAvg on three hospitals.",
    )
    assert found == {"KestrelNet": "model"}


def test_an_apposition_naming_an_aggregation_rule_is_no_model(nlp_entities: Language) -> None:
    text = "We propose QuokAgg, an aggregation rule that weights client updates by {}."
    assert "QuokAgg" not in typed(nlp_entities, text.format("calibration"))
    assert "QuokAgg" in typed(
        nlp_entities,
        "We propose QuokAgg, a segmentation network that weights client updates by loss.",
    )


def test_a_comma_after_a_recipe_head_lists_nothing(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "With this training strategy, KestrelNet reached a Dice of 0.91.")
    assert found == {"KestrelNet": "model"}


def test_a_curated_model_before_a_collection_noun_names_data(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities, "Structures were taken from the AlphaFold Protein Structure Database."
    )
    assert found == {"AlphaFold Protein Structure Database": "dataset"}
    assert typed(nlp_entities, "Structures were predicted with AlphaFold for 30 targets.") == {
        "AlphaFold": "model"
    }


def test_a_register_or_ontology_ends_a_dataset_name(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "Admissions were linked to the Danish Cancer Register and coded.")
    assert found == {"Danish Cancer Register": "dataset"}
    found = typed(nlp_entities, "Labels were mapped to the Plant Trait Ontology terms.")
    assert found.get("Plant Trait Ontology") == "dataset"


def test_a_law_is_no_dataset(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Sharing follows the Patient Data Privacy Regulation (PDPR), and the Northern Lakes "
        "Screening Archive was pseudonymised.",
    )
    assert found == {"Northern Lakes Screening Archive": "dataset"}


def test_a_name_before_a_hardware_noun_is_a_product(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "KestrelNet runs on a Cortex-Q9 microcontroller in 30 ms.")
    assert found == {"KestrelNet": "model"}
    assert "Cortex-Q9" in typed(nlp_entities, "We fine-tuned Cortex-Q9 on 2,000 notes.")


def test_a_count_glued_to_its_noun_is_no_version(nlp_entities: Language) -> None:
    doc = nlp_entities("Multi-Label 12-Lead ECG Classification\n\nWe propose KestrelNet.")
    names = {s.text for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}
    assert names == {"KestrelNet"}


def test_a_second_curated_name_is_no_part_of_the_first(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "On MIMIC-IV ICD-10 the coder reached a micro-F1 of 59.2.")
    assert found == {"MIMIC-IV": "dataset", "ICD-10": "dataset"}


def test_a_generic_short_form_after_a_curated_name_is_no_part_of_it(
    nlp_entities: Language,
) -> None:
    text = (
        "Housing and food insecurity are social determinants of health (SDOH). "
        "We used the {} SDOH annotations to train KestrelNet."
    )
    found = typed(nlp_entities, text.format("MIMIC-III"))
    assert found.get("MIMIC-III") == "dataset"
    assert "MIMIC-III SDOH" not in found
    # an uncurated name keeps it, as in "the Duke DME dataset"
    found = typed(nlp_entities, text.format("NoteBank-5"))
    assert "NoteBank-5 SDOH" in found


def test_a_name_before_a_feature_word_is_a_feature_set(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "A random forest on QXFP4 fingerprints served as the baseline.")
    assert "QXFP4" not in found
    assert "QXFP4" in typed(nlp_entities, "We fine-tuned QXFP4 on 2,000 notes.")


def test_a_name_before_text_items_is_data(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "The retriever searches PubMed abstracts and MedPearls chapters.")
    assert found.get("MedPearls") == "dataset"
    found = typed(nlp_entities, "MedPearls reached an accuracy of 71% on triage.")
    assert found.get("MedPearls") == "model"


def test_a_stop_listed_item_does_not_break_a_list(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We evaluate on eight tasks from MoleculeNet (BBBP, BACE, HIV, QXMUV and QXCast).",
    )
    assert found.get("QXMUV") == "dataset" and found.get("QXCast") == "dataset"
    found = typed(
        nlp_entities,
        "We compare a classifier fine-tuned on MedNLI, RankScore, VerifyNet-7B and GPT-4o.",
    )
    assert found.get("VerifyNet-7B") == "model"


def test_coordinated_long_names_before_a_data_head_are_datasets(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We pooled the Oakridge Heart Failure, Lindell Kidney Stone and Tamsworth datasets.",
    )
    assert found == {
        "Oakridge Heart Failure": "dataset",
        "Lindell Kidney Stone": "dataset",
        "Tamsworth": "dataset",
    }
    # two plain words describe data rather than name it
    found = typed(nlp_entities, "We pooled the Breast Cancer and Heart Disease datasets.")
    assert found == {}


def test_a_generic_short_form_is_generic_in_either_number(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Falls are common hospital adverse events (HAEs). Traditional HAE reporting methods "
        "are slow.",
    )
    assert found == {}
    found = typed(
        nlp_entities,
        "We propose the Kestrel Segmentation Transformer (KeST). KeST reached a Dice of 0.91.",
    )
    assert found.get("KeST") == "model"


def test_words_cased_to_show_a_short_form_are_no_names(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Attributions were computed with SHapley Additive exPlanations (SHAP) for each ward.",
    )
    assert found == {}
    found = typed(nlp_entities, "KestrelNet was compared with XGBoost and CatSeg.")
    assert {"XGBoost", "CatSeg"} <= set(found)


def test_a_compound_written_with_an_isotope_label_is_a_tracer(nlp_entities: Language) -> None:
    text = (
        "Patients were imaged with [18F]FLX after injection. KestrelNet segmented lesions in "
        "the 640 FLX studies and in FLX-PET volumes."
    )
    assert typed(nlp_entities, text) == {"KestrelNet": "model"}
    text = "KestrelNet segmented lesions in the 640 FLX studies and in FLX-PET volumes."
    assert typed(nlp_entities, text).get("FLX") == "dataset"


def test_classic_named_algorithms_are_models(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We compared a multilayer perceptron, a random survival forest and a Cox proportional "
        "hazards model with gradient-boosted trees.",
    )
    assert found == {
        "multilayer perceptron": "model",
        "random survival forest": "model",
        "Cox proportional hazards model": "model",
    }


def keys(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(surface, key) of every dataset/model mention, in order."""
    doc = nlp("A study\n\n" + text)
    return [(s.text, s.kb_id_) for key in ("kg_datasets", "kg_models") for s in doc.spans[key]]


def test_a_dated_api_snapshot_in_brackets_is_the_names_alias(nlp_entities: Language) -> None:
    found = dict(keys(nlp_entities, "We compare GPT-4 (gpt-4-0613) and BERT (bert-large) here."))
    assert found["gpt-4-0613"] == found["GPT-4"]
    assert found["bert-large"] != found["BERT"]  # a tier is another entity


def test_a_model_hub_path_is_one_name(nlp_entities: Language) -> None:
    found = keys(nlp_entities, "We prompt acme-lab/KestrelChat-7B-Instruct on notes.")
    assert [text for text, _ in found] == ["acme-lab/KestrelChat-7B-Instruct"]


# -- branch names13: a name run or scanned "on an X" is a device


@pytest.mark.parametrize(
    "text",
    [
        "HeartSeg runs at 60 frames per second on an NVIDIA QX 7700.",
        "Inference takes 9 ms per frame on a single QX 7700.",
        "All patients were scanned on an OrbaScan-3T in 2021 by HeartSeg.",
    ],
)
def test_a_name_run_on_one_device_is_no_name(nlp_entities: Language, text: str) -> None:
    found = typed(nlp_entities, text)
    assert not {"QX 7700", "OrbaScan-3T", "NVIDIA QX 7700"} & set(found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The detector is built on an OrcaNet-L for speed.", "OrcaNet-L"),
        ("Two detection heads sit on an OrcaNet-L backbone.", "OrcaNet-L"),
        ("The reader is based on a FundaViT for speed.", "FundaViT"),
        ("We trained HeartSeg on TorsoScans and tested it on HeartVault.", "HeartVault"),
    ],
)
def test_a_name_built_or_trained_on_stays_a_name(
    nlp_entities: Language, text: str, name: str
) -> None:
    assert name in typed(nlp_entities, text)


def test_a_negated_category_is_no_name(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "NoteScrub masks PHI-7 spans and keeps non-PHI-7 spans intact.")
    assert "non-PHI-7" not in found
    assert "NoteScrub" in found


def test_a_name_opening_with_other_letters_stays(nlp_entities: Language) -> None:
    assert "NonaNet-3" in typed(nlp_entities, "We train NonaNet-3 on 900 retinal scans.")
