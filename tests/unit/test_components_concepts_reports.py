"""kg_concepts on clinical papers about reports and records: an imaging modality named only as
the kind of study a paper's reports describe is no modality of a paper on reports, generating
impressions in a paper on summarizing findings is that summarization, a modality listed as a
kind of entity is no data, lab tests in an EHR leave the EHR a modality, and an abbreviation
defined inside a task compound does not break it. Each decision is tested with short fresh
sentences on both sides of its boundary."""

from __future__ import annotations

import pytest
import spacy
from concept_helpers import asserted
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp.components.concept_matching import defined_before, without_defined


@pytest.mark.parametrize(
    ("text", "modality", "is_asserted"),
    [
        (
            "Tumour tracking from text\n\n"
            "We annotate 900 CT and MRI reports of lymphoma patients and extract lesion sizes.",
            "mri",
            False,
        ),
        (
            "Tumour tracking from text\n\n"
            "We annotate 900 CT and MRI reports of lymphoma patients and extract lesion sizes.",
            "radiologyreport",
            True,
        ),
        (
            "Impressions for nuclear medicine\n\n"
            "A language model drafts impressions for whole-body PET reports from their findings.",
            "pet",
            False,
        ),
        (
            "Checking generated reports\n\n"
            "We verify each sentence of generated MRI reports against the image it describes.",
            "mri",
            True,
        ),
        (
            "Reports and scans\n\n"
            "We pair 900 CT reports with segmentations of the matching CT volumes.",
            "ct",
            True,
        ),
    ],
)
def test_an_imaging_modality_naming_only_the_reports_is_no_modality(
    nlp: Language, text: str, modality: str, is_asserted: bool
) -> None:
    assert (modality in asserted(nlp, text, "modality")) is is_asserted


@pytest.mark.parametrize(
    ("text", "tasks"),
    [
        (
            "Shorter radiology impressions\n\n"
            "We study summarization of findings into impressions. Three models generate "
            "impressions from the findings of 5,000 reports.",
            {"summarization"},
        ),
        (
            "Personal impressions\n\n"
            "Fine-tuned language models generate impressions for whole-body PET reports.",
            {"reportgeneration"},
        ),
    ],
)
def test_generating_impressions_beside_summarization_is_that_summarization(
    nlp: Language, text: str, tasks: set[str]
) -> None:
    assert asserted(nlp, text, "task") & {"summarization", "reportgeneration"} == tasks


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        (
            "Clinical concept tagging\n\n"
            "Models tag entities such as diseases, drugs, procedures and laboratory measurements "
            "in discharge letters.",
            False,
        ),
        (
            "Deterioration in the ward\n\n"
            "The model reads heart rate, medication events and laboratory measurements of "
            "each admission.",
            True,
        ),
    ],
)
def test_a_modality_listed_as_an_entity_kind_is_no_data(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    assert ("labtests" in asserted(nlp, text, "modality")) is is_asserted


@pytest.mark.parametrize(
    ("text", "modality", "is_asserted"),
    [
        (
            "Sleep at home\n\nWe stage sleep from wrist actigraphy recorded for 14 nights.",
            "wearablesensor",
            True,
        ),
        (
            "Sleep at home\n\nWe stage sleep from frontal EEG recorded for 14 nights.",
            "wearablesensor",
            False,
        ),
        (
            "Early alarms\n\nInputs are lab measurements taken in the first 24 hours.",
            "labtests",
            True,
        ),
        (
            "Early alarms\n\nInputs are blood pressure measurements taken in the first 24 hours.",
            "labtests",
            False,
        ),
    ],
)
def test_clinical_measurement_synonyms(
    nlp: Language, text: str, modality: str, is_asserted: bool
) -> None:
    assert (modality in asserted(nlp, text, "modality")) is is_asserted


def test_an_ehr_beside_its_lab_values_stays_a_modality(nlp: Language) -> None:
    text = (
        "Mortality in intensive care\n\n"
        "Time series drawn from electronic health records (EHRs) are, however, sparse. "
        "We present a recurrent model that consumes vital signs and laboratory measurements."
    )
    assert {"ehr", "labtests"} <= asserted(nlp, text, "modality")


@pytest.mark.parametrize(
    ("text", "task"),
    [
        (
            "Holter cohort\n\nWe report atrial fibrillation (AF) detection on a Holter cohort.",
            "diagnosis",
        ),
        (
            "Clinic tools\n\nThe tool performs diabetic retinopathy (DR) screening in clinics.",
            "diagnosis",
        ),
    ],
)
def test_an_abbreviation_defined_inside_a_task_compound(
    nlp: Language, text: str, task: str
) -> None:
    tasks = asserted(nlp, text, "task")
    assert task in tasks
    assert "objectdetection" not in tasks


@pytest.mark.parametrize(
    ("text", "close", "expected"),
    [
        ("atrial fibrillation (AF) detection", 4, True),
        ("atrial fibrillation (af) detection", 4, False),
        ("two groups (AB) detection", 4, True),
        ("the model (2) detection", 4, False),
    ],
)
def test_defined_before(text: str, close: int, expected: bool) -> None:
    assert defined_before(spacy.blank("en")(text), close) is expected


def test_without_defined_keeps_other_parentheses() -> None:
    assert without_defined(["a", "(", "b", "c", ")", "d"]) == ["a", "(", "b", "c", ")", "d"]


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        (
            "Records as text\n\n"
            "Chat models are being proposed as assistants capable of supporting diagnosis. "
            "We introduce a benchmark of readmission prediction from serialised records.",
            False,
        ),
        (
            "Records as text\n\n"
            "We propose chat models as assistants capable of supporting diagnosis. "
            "We introduce a benchmark of readmission prediction from serialised records.",
            True,
        ),
    ],
)
def test_a_task_of_work_being_proposed_by_others_is_background(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    assert ("diagnosis" in asserted(nlp, text, "task")) is is_asserted


@pytest.mark.parametrize(
    ("text", "tasks"),
    [
        (
            "Tagging discharge letters\n\n"
            "We fine-tune encoders for named entity recognition on discharge letters and "
            "report results for dosage extraction on a public corpus.",
            {"namedentityrecognition"},
        ),
        (
            "Tagging discharge letters\n\n"
            "We fine-tune encoders on discharge letters and report results for dosage "
            "extraction on a public corpus.",
            {"dosageextraction"},
        ),
    ],
)
def test_a_kind_of_extraction_in_a_paper_on_entity_recognition_is_that_task(
    nlp: Language, text: str, tasks: set[str]
) -> None:
    found = asserted(nlp, text, "task")
    assert found & {"namedentityrecognition", "dosageextraction"} == tasks
