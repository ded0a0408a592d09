"""Name decisions of branch names16b (names that are neither datasets nor models), each on
fresh sentences on both sides of its boundary: staging codes, thresholded grades and potency
logarithms shaped as words, laboratory measures as a word class, and two surnames joined by an
en dash as a statistical eponym (kg.nlp.components.names.units, .scan, not_names.jsonl)."""

from __future__ import annotations

import pytest
from name_helpers import typed
from spacy.language import Language

from kg.nlp.components.names.boundaries import nationality_form
from kg.nlp.components.names.scan import eponym_pair
from kg.nlp.components.names.units import unit_shape

# -- staging codes, thresholded grades, potency logarithms -----------------------------------


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("pT3", "lower"),  # a pathological T category
        ("pN", "lower"),  # the category named without its value
        ("ypT0", "lower"),  # after neoadjuvant therapy
        ("cN1", "lower"),  # clinical N category
        ("pT2N1M0", "lower"),  # a full code with its prefix
        ("T3N0M0", "lower"),  # a full code without one
        ("CIN3+", "lower"),  # a grade and above
        ("CD8+", "lower"),  # a positive marker
        ("pKi", "lower"),  # a negative log potency
        ("pIC50", "lower"),
        ("mT5", "strong"),  # a model: lower-case prefix, but not a TNM evidence prefix
        ("pix2pix", "strong"),
        ("DeepLabV3+", "strong"),  # a model version with its plus
        ("PNS+", "strong"),  # no grade number before the plus
        ("M2CAI16", "strong"),
        ("T1", "letter"),  # an MRI weighting or a version, not a TNM code
    ],
)
def test_staging_codes_and_graded_markers_are_shaped_as_words(text: str, shape: str) -> None:
    assert unit_shape(text) == shape


def test_a_nodal_category_predicted_is_no_model(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Nodal status pN2 was predicted from whole-slide images by KestrelNet with an AUC of 0.84.",
    )
    assert found == {"KestrelNet": "model"}


def test_a_model_with_a_plus_version_stays(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities, "Lesions were segmented by KestrelNet3+ with a Dice of 0.84 on 300 slides."
    )
    assert "KestrelNet3+" in found


def test_a_grade_and_above_is_no_model(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "Cervigrams showing HSIL2+ lesions were flagged by KestrelNet.")
    assert found == {"KestrelNet": "model"}


# -- laboratory measures ---------------------------------------------------------------------


def test_laboratory_measures_are_no_models(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Admission HbA1c, hs-cTnI and eGFR were the strongest inputs of KestrelNet.",
    )
    assert found == {"KestrelNet": "model"}


def test_a_mixed_case_model_beside_them_stays(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Admission eGFR was the strongest input of eKestrel, a gradient boosting model.",
    )
    assert "eKestrel" in found and "eGFR" not in found


# -- surnames joined by an en dash ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "curated", "expected"),
    [
        ("Passing\u2013Bablok", False, True),
        ("Mantel\u2013Haenszel", False, True),
        ("Passing-Bablok", False, False),  # a hyphen: "Lag-Llama", "Uni-Mol" are models
        ("Kestrel\u2013Net2", False, False),  # a digit keeps it a name
        ("RoBERTa\u2013CRF", False, False),  # inner capitals keep it a name
        ("Passing\u2013Bablok", True, False),  # a curated name stays
    ],
)
def test_eponym_pair(text: str, curated: bool, expected: bool) -> None:
    assert eponym_pair(text, curated) is expected


def test_an_eponymous_method_is_no_model(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Agreement of KestrelNet with readers was tested with the Passing\u2013Bablok method.",
    )
    assert found == {"KestrelNet": "model"}


def test_a_hyphenated_model_before_method_stays(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We compared KestrelNet with the Lark-Heron method on 300 slides.",
    )
    assert "Lark-Heron" in found


# -- nationality adjectives the suffixes miss ---------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Swiss", True), ("Czech", True), ("Thai", True), ("Swedish", True), ("Swissline", False)],
)
def test_nationality_form(word: str, expected: bool) -> None:
    assert nationality_form(word) is expected


def test_an_irregular_nationality_before_a_data_noun_is_no_dataset(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities, "KestrelNet was trained on a Swiss registry of 4,000 knee radiographs."
    )
    assert found == {"KestrelNet": "model"}


def test_a_capitalised_name_before_a_data_noun_stays(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities, "KestrelNet was trained on the Swissline registry of 4,000 knee radiographs."
    )
    assert "Swissline" in found


def test_a_nationality_before_model_names_no_model(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "The Czech model outperformed the Greek model on 300 scans.")
    assert found == {}


def test_an_author_before_model_still_names_one(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "KestrelNet outperformed the Tyrer model with an AUC of 0.88.")
    assert "Tyrer model" in found  # the span keeps its head noun
