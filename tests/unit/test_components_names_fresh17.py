"""Name decisions of branch names17 (dataset or model on fresh abstracts), each on fresh
sentences on both sides of its boundary: a name after a preposition states no score of its
own, a determiner ends the words that may head a name, and a title's capitalised participle
closes the noun phrase before it (kg.nlp.components.names.cues, .boundaries)."""

from __future__ import annotations

import pytest
from name_helpers import typed
from spacy.language import Language

from kg.corpus.models import paper_text
from kg.extract import doc_extraction
from kg.nlp.components.names.boundaries import names_a_part, names_a_place, participle_closes
from kg.nlp.components.names.cues import (
    bracket_after_head,
    counted_in_brackets,
    object_of_preposition,
)
from kg.nlp.components.names.units import Unit, unit_shape
from kg.statements import LINK_THRESHOLD


def units_of(text: str) -> list[Unit]:
    """Units of a whitespace-split text, capitalised shape, one sentence; ``char`` counts
    units so a title ending at 99 holds them all."""
    return [Unit(k, k + 1, t, "cap", False, True, k) for k, t in enumerate(text.split())]


# -- a name after a preposition is not the subject of the score verb after it ---------------


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        ("trained on the X achieves", 3, True),
        ("estimation on X yields", 2, True),
        ("labels from X reached", 2, True),
        ("Overall , X achieves", 2, False),
        ("the X achieves", 1, False),
    ],
)
def test_object_of_preposition(text: str, first: int, expected: bool) -> None:
    units = units_of(text)
    assert object_of_preposition(units, first, [0] * len(units)) is expected


def test_a_dataset_scored_on_stays_a_dataset(nlp_rules: Language) -> None:
    text = (
        "We propose GlucoSense, a transformer for continuous glucose forecasting. "
        "Forecasting on OhioCGM yields a mean absolute error of 14.2 mg/dL, and a "
        "gradient-boosted baseline trained on OhioCGM achieves 17.9 mg/dL."
    )
    found = typed(nlp_rules, text)
    assert found.get("OhioCGM") == "dataset"
    assert found.get("GlucoSense") == "model"


def test_a_name_that_states_its_score_stays_a_model(nlp_rules: Language) -> None:
    text = (
        "We evaluate glucose forecasters on a new cohort. Overall, GlucoSense achieves a "
        "mean absolute error of 14.2 mg/dL and DeepCGM achieves 17.9 mg/dL."
    )
    found = typed(nlp_rules, text)
    assert found.get("GlucoSense") == "model"
    assert found.get("DeepCGM") == "model"


# -- a determiner after a name opens another noun phrase -----------------------------------


def test_a_model_head_after_a_determiner_types_nothing(nlp_rules: Language) -> None:
    text = (
        "We release DermaQA-300, 300 questions on rare skin disease. Accuracy on MedQA is "
        "stable, but on DermaQA-300 the same model drops from 61.0% to 48.5%."
    )
    assert typed(nlp_rules, text).get("DermaQA-300") == "dataset"


def test_a_model_head_right_after_a_name_still_types_it(nlp_rules: Language) -> None:
    text = "On MedQA, the DermaLM model reaches 61.0%, and DermaLM improves on rare diseases."
    assert typed(nlp_rules, text).get("DermaLM") == "model"


# -- a title's capitalised participle closes the noun phrase before it ---------------------


@pytest.mark.parametrize(
    ("text", "k", "expected"),
    [
        ("Model Pretrained on Data", 1, True),
        ("Network Guided by Anatomy", 1, True),
        ("Model Based Planning", 1, False),
        ("Model Pretrained", 1, False),
        ("Model Evaluation on Data", 1, False),
    ],
)
def test_participle_closes(text: str, k: int, expected: bool) -> None:
    assert participle_closes(units_of(text), k, 99) is expected


def titled(nlp: Language, title: str, text: str) -> dict[str, str]:
    """label -> type of every asserted dataset/model link of a titled paper."""
    extraction = doc_extraction(nlp(paper_text(title, text)), "k", title, text)
    return {
        lk.label: lk.entity_type
        for lk in extraction.links
        if lk.entity_type in ("dataset", "model") and lk.confidence >= LINK_THRESHOLD
    }


def test_a_title_model_pretrained_on_data_is_a_model(nlp_rules: Language) -> None:
    title = "EEGFound: A Foundation Model Pretrained on 9,000 Hours of Sleep Data"
    text = "We present EEGFound. A linear probe on EEGFound reaches a kappa of 0.78 on SHHS."
    assert titled(nlp_rules, title, text).get("EEGFound") == "model"


def test_a_title_collection_of_data_is_a_dataset(nlp_rules: Language) -> None:
    title = "EEGBank: A Collection of 9,000 Hours of Sleep Data Recorded at Home"
    text = "We present EEGBank. A linear probe trained on EEGBank reaches a kappa of 0.78."
    assert titled(nlp_rules, title, text).get("EEGBank") == "dataset"


# -- a bracketed "(City, Country)" is a place, not data ---------------------------------------


@pytest.mark.parametrize(
    ("text", "k", "expected"),
    [
        ("the registry ( Aarhus , Denmark ) was", 3, True),
        ("the registry ( Aarhus , Denmark ) was", 5, True),
        ("data from ( MIMIC-IV , eICU ) were", 3, False),
        ("the registry ( Aarhus ) was", 3, False),
        ("two cohorts ( Aarhus , Odense , Denmark )", 3, False),
    ],
)
def test_names_a_place(text: str, k: int, expected: bool) -> None:
    units = [Unit(j, j + 1, t, unit_shape(t), False, True) for j, t in enumerate(text.split())]
    assert names_a_place(units, k, k) is expected


def test_a_city_and_country_after_a_database_are_no_datasets(nlp_rules: Language) -> None:
    text = (
        "We trained SepsisWatch on 20,114 admissions from the AarhusICU database (Aarhus, "
        "Denmark) and validated it on MIMIC-IV."
    )
    found = typed(nlp_rules, text)
    assert not {"Aarhus", "Denmark"} & set(found)
    assert found.get("AarhusICU database") == "dataset"


def test_two_datasets_in_brackets_stay_datasets(nlp_rules: Language) -> None:
    text = "We pooled two public ICU databases (Amsterdamumc, Zhejiangicu) to train SepsisWatch."
    found = typed(nlp_rules, text)
    assert "SepsisWatch" in found


# -- "the X subset of Y": X says which part of Y, Y is the dataset -----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Uppsala subset of PANDA", True),
        ("Hard splits of PolypSet", True),
        ("Uppsala subset was", False),
        ("Uppsala cohort of men", False),
    ],
)
def test_names_a_part(text: str, expected: bool) -> None:
    parts = frozenset({"subset", "split", "splits"})
    assert names_a_part(units_of(text), 0, parts) is expected


def test_the_site_of_a_subset_is_no_dataset(nlp_rules: Language) -> None:
    text = (
        "ProstaNet was tested on the Uppsala subset of GleasonHub, where ProstaNet reached "
        "a kappa of 0.88."
    )
    found = typed(nlp_rules, text)
    assert "Uppsala" not in found
    assert found.get("GleasonHub") == "dataset"


def test_a_dataset_with_a_subset_after_it_stays_a_dataset(nlp_rules: Language) -> None:
    text = "ProstaNet was tested on GleasonHub; its Uppsala subset gave a kappa of 0.88."
    assert typed(nlp_rules, text).get("GleasonHub") == "dataset"


# -- a bracketed name counted ("X; n = 936") is a cohort, data --------------------------------


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        ("series ( NordX ; n = 936 )", 2, True),
        ("series ( NordX , n=412 )", 2, True),
        ("series ( NordX ; p = 0.01 )", 2, False),
        ("NordX ; n = 936", 0, False),
    ],
)
def test_counted_in_brackets(text: str, first: int, expected: bool) -> None:
    assert counted_in_brackets(units_of(text), first, first) is expected


def test_a_counted_cohort_in_brackets_is_a_dataset(nlp_rules: Language) -> None:
    text = (
        "ColoSurv was validated in a Danish series (DanCRC-WSI; n = 612). ColoSurv reached a "
        "C-index of 0.70 in DanCRC-WSI, outperforming stage alone."
    )
    found = typed(nlp_rules, text)
    assert found.get("DanCRC-WSI") == "dataset"
    assert found.get("ColoSurv") == "model"


# -- a name in brackets inside a sentence-opening phrase is no list item with the subject ----


def test_a_bracketed_name_in_an_opening_phrase_is_not_listed_with_the_subject(
    nlp_rules: Language,
) -> None:
    text = (
        "On a public thyroid ultrasound video dataset (TUV-90), NoduleTrack reaches an AP of "
        "44.1, compared with 40.2 for TransTrack."
    )
    found = typed(nlp_rules, text)
    assert found.get("TUV-90") == "dataset"
    assert found.get("NoduleTrack") == "model"


def test_a_bracketed_name_in_a_list_still_joins_it(nlp_rules: Language) -> None:
    text = "We evaluate on MIMIC-IV (v2.2), eICU and HiRID with SepsisWatch."
    found = typed(nlp_rules, text)
    assert found.get("eICU") == "dataset"
    assert found.get("HiRID") == "dataset"


# -- review17a: a place's pair holds no known name; a system's bracket counts what it read ----


def test_names_a_place_with_a_known_mate() -> None:
    units = [
        Unit(j, j + 1, t, unit_shape(t), False, True)
        for j, t in enumerate(["frames", "(", "Sunbeam", ",", "Kvasir", ")"])
    ]
    assert names_a_place(units, 2, 2)
    assert not names_a_place(units, 2, 2, frozenset({4}))


def test_a_name_paired_with_a_known_dataset_in_brackets_is_no_place(nlp_rules: Language) -> None:
    text = (
        "Polyp frames from two public collections (Sunbeam, Kvasir) were used to train "
        "PolypNet, which reached a Dice of 0.85."
    )
    assert "Sunbeam" in typed(nlp_rules, text)
    text = (
        "Polyp frames from the Sunbeam archive (Bergen, Norway) were used to train PolypNet, "
        "which reached a Dice of 0.85."
    )
    assert not {"Bergen", "Norway"} & set(typed(nlp_rules, text))


def test_bracket_after_head() -> None:
    heads = frozenset({"system"})
    assert bracket_after_head(units_of("the system ( X ;"), 3, heads)
    assert not bracket_after_head(units_of("the cohort ( X ;"), 3, heads)


def test_a_system_counted_in_its_bracket_stays_a_model(nlp_rules: Language) -> None:
    text = (
        "Readers were compared with the AI system (LungAssist; n = 2,000 radiographs). "
        "LungAssist reached an AUC of 0.91."
    )
    assert typed(nlp_rules, text).get("LungAssist") == "model"
    text = (
        "Readers were compared in an external cohort (LungSeries; n = 2,000 radiographs). "
        "RiskNet reached an AUC of 0.91 on LungSeries."
    )
    assert typed(nlp_rules, text).get("LungSeries") == "dataset"
