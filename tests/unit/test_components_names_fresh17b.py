"""Name decisions of branch names17b (second round on fresh abstracts), each on fresh
sentences on both sides of its boundary: numeric formats, squared units and symmetry-group
adjectives are never names (kg.nlp.components.measures), a symmetry group's bracket is no
glued score (kg.nlp.components.names.units), and a reference genome assembly is data
(kg.nlp.components.names.cues)."""

from __future__ import annotations

import pytest
from name_helpers import typed
from spacy.language import Language

from kg.nlp.components.measures import is_area_unit, is_group_adjective, is_number_format
from kg.nlp.components.names.cues import genome_assembly, listed_after_molecules, named_study
from kg.nlp.components.names.units import glued_score_at, group_dimension_at

# -- numeric formats, squared units, group adjectives ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FP16", True),
        ("INT8", True),
        ("Q5_K_S", True),
        ("Q6_K", True),
        ("TF32", True),
        ("INT", False),
        ("Q5", False),
        ("FP16-Net", False),
        ("DenseNet121", False),
    ],
)
def test_number_format(text: str, expected: bool) -> None:
    assert is_number_format(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("mm2", True), ("cm3", True), ("nm2", True), ("mm", False), ("hg38", False), ("m3", False)],
)
def test_area_unit(text: str, expected: bool) -> None:
    assert is_area_unit(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SO(3)-equivariant", True),
        ("E(2)-invariant", True),
        ("SE(3)-Transformer", False),
        ("U(1)", False),
    ],
)
def test_group_adjective(text: str, expected: bool) -> None:
    assert is_group_adjective(text) is expected


def test_group_bracket_is_no_glued_score() -> None:
    assert group_dimension_at(["SO", "(", "3)-invariant"], 1, 3)
    assert not glued_score_at(["SO", "(", "3)-invariant"], 1, 3)
    assert glued_score_at(["MedNet", "(", "0.91", ")"], 1, 4)
    assert not group_dimension_at(["MedNet", "(", "0.91", ")"], 1, 4)


@pytest.mark.parametrize(
    "text",
    [
        "Weights were stored in FP16 and activations quantised to INT8 before deployment.",
        "We serve PathChat-7B on a laptop with Q5_K_S weights and compare it with GPT-4o.",
        "The median wound area was 3.1 cm2 and the largest 14 mm2 across the cohort.",
        "DockFlow couples an SO(3)-equivariant encoder with E(3)-invariant message passing.",
    ],
)
def test_formats_units_and_group_adjectives_are_no_names(nlp_entities: Language, text: str) -> None:
    found = typed(nlp_entities, text)
    assert not any(
        w in t for t in found for w in ("FP16", "INT8", "Q5_K", "cm2", "mm2", "SO", "3)")
    )


def test_names_beside_formats_stay(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We serve PathChat-7B on a laptop with Q5_K_S weights and compare it with GPT-4o.",
    )
    assert "PathChat-7B" in found and "GPT-4o" in found


# -- reference genome assemblies are data ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GRCm38", True),
        ("hg38", True),
        ("rn6", True),
        ("GRCh37.p13", True),
        ("HyenaDNA", False),
        ("GRCNet", False),
        ("mm", False),
    ],
)
def test_genome_assembly(text: str, expected: bool) -> None:
    assert genome_assembly(text) is expected


def test_genome_assembly_is_a_dataset(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Reads were aligned to GRCm38 and peaks called with MACS2 before training PeakFormer.",
    )
    assert found.get("GRCm38") == "dataset"


def test_dna_model_name_stays_a_model(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Reads were aligned to the reference and scored with GenoFormer2, which outperforms "
        "HyenaDNA on every task.",
    )
    assert found.get("GenoFormer2") == "model"


# -- title-case words before a dataset head belong to the name ------------------------------


def test_title_case_run_before_data_head_joins_the_name(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Radiographs were drawn from the public NIH-ACR Rib Fracture Detection dataset and "
        "from three trauma centres.",
    )
    assert any(t.startswith("NIH-ACR Rib Fracture Detection") for t in found)


def test_lower_case_description_before_data_head_stays_out(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Radiographs were drawn from the public NIH-ACR rib fracture dataset and from three "
        "trauma centres.",
    )
    assert "NIH-ACR" in found and not any("Rib" in t or "rib" in t for t in found)


# -- a name between "the" and a study noun names a study's data ------------------------------


def test_named_trial_is_data(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "The classifier was trained on 1,412 patients from the HEART-7 trial and tested on "
        "two hospital cohorts.",
    )
    assert found.get("HEART-7") == "dataset"


def test_name_before_other_noun_keeps_its_type(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "The classifier was compared with the HEART-7 model on two hospital cohorts, where "
        "HEART-7 reached an AUROC of 0.81.",
    )
    assert found.get("HEART-7") == "model"


def test_named_study_needs_the_and_a_singular_study_noun() -> None:
    from kg.nlp.components.names.units import Unit

    def u(text: str, shape: str = "lower") -> Unit:
        return Unit(0, 1, text, shape, False, True)  # type: ignore[arg-type]

    units = [u("in"), u("the"), u("LUNA-3", "strong"), u("study")]
    assert named_study(units, 2, 2, [0] * 4)
    units = [u("in"), u("the"), u("LUNA-3", "strong"), u("studies")]
    assert not named_study(units, 2, 2, [0] * 4)


# -- gene and protein symbols by their context ----------------------------------------------


def test_symbols_listed_after_molecule_plurals_are_no_names(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We screened 60 designs against five receptors, including CXCR4 and GLP-1R, and kept "
        "12 binders. DockFlow matched CXCR4 binders in two rounds.",
    )
    assert not any(s in t for t in found for s in ("CXCR4", "GLP-1R"))


def test_names_listed_after_model_nouns_stay(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We compare against five baselines, including SegNet-3 and CardioFormer, on the test set.",
    )
    assert "SegNet-3" in found and "CardioFormer" in found


def test_listed_after_molecules_reads_the_list_back_to_its_noun() -> None:
    from kg.nlp.components.names.units import Unit

    def u(text: str, shape: str = "lower") -> Unit:
        return Unit(0, 1, text, shape, False, True)  # type: ignore[arg-type]

    units = [u("kinases"), u("such"), u("as"), u("ABL2", "strong"), u(","), u("SRC", "strong")]
    assert listed_after_molecules(units, 5, [0] * 6)
    units[0] = u("encoders")
    assert not listed_after_molecules(units, 5, [0] * 6)
