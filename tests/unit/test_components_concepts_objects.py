"""kg_concepts, issue 15 items 2 and 6 (session 9): a task named by what its verb or nominal
acts on, the modality written as the prefix of "-based" words, and the vocabulary and gate
entries added with them. Fresh short sentences, each decision on both sides of its boundary."""

from __future__ import annotations

import pytest
import spacy
from concept_helpers import asserted
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp.components import concept_matching
from kg.nlp.components.concept_matching import (
    ObjectRule,
    object_phrase_end,
    prefixed_modality,
    reach_words,
    task_by_object,
    verb_forms,
)
from kg.statements import LINK_THRESHOLD


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    from kg.nlp import load_default_nlp

    return load_default_nlp()


# -- the pure functions -------------------------------------------------------------------------

RULES = [
    ObjectRule(frozenset({"generation"}), "", frozenset({"report"})),
    ObjectRule(frozenset({"generation"}), "img", image=True),
    ObjectRule(frozenset({"answering"}), "vqa", frozenset({"question"}), image=True, reach=True),
    ObjectRule(frozenset({"answering"}), "qa", frozenset({"question"}), reach=True),
    ObjectRule(frozenset({"segmentation"}), "seg", not_objects=frozenset({"patient"})),
    ObjectRule(frozenset({"prediction"}), "dp", frozenset({"death"})),
]


def test_task_by_object_first_rule_that_meets_decides() -> None:
    assert task_by_object("generation", ["images"], RULES, image=True) == "img"
    assert task_by_object("generation", ["images"], RULES, image=False) is None
    # "" ends the search: generated reports are no image generation, even beside images
    assert task_by_object("generation", ["reports"], RULES, image=True) is None
    assert task_by_object("answering", ["questions"], RULES, image=True) == "vqa"
    assert task_by_object("answering", ["questions"], RULES, image=False) == "qa"


def test_task_by_object_objects_not_objects_and_reach() -> None:
    assert task_by_object("segmentation", ["liver", "tumours"], RULES, image=False) == "seg"
    assert task_by_object("segmentation", ["patients"], RULES, image=False) is None
    # plural objects are singularised
    assert task_by_object("prediction", ["deaths"], RULES, image=False) == "dp"
    # only an object word in the phrase counts, unless the rule reads its reach
    assert task_by_object("prediction", ["stays"], RULES, image=False, reach=["death"]) is None
    assert task_by_object("answering", ["items"], RULES, image=False, reach=["questions"]) == "qa"
    assert task_by_object("detection", ["lesions"], RULES, image=True) is None


def test_prefixed_modality_reads_the_hyphenated_suffix() -> None:
    suffixes = frozenset({"based", "guided"})
    assert prefixed_modality("CT-based", suffixes) == "CT"
    assert prefixed_modality("MRI-guided", suffixes) == "MRI"
    assert prefixed_modality("MRI-weighted", suffixes) is None
    assert prefixed_modality("based", suffixes) is None
    assert prefixed_modality("-based", suffixes) is None


def test_verb_forms_double_the_last_consonant_of_short_verbs() -> None:
    assert verb_forms("flag") == ["flag", "flags", "flagging"]
    assert verb_forms("plan")[2] == "planning"
    assert verb_forms("count")[2] == "counting"
    assert verb_forms("grade")[2] == "grading"
    assert verb_forms("segment")[2] == "segmenting"


def test_object_phrase_end_keeps_glued_words_and_a_leading_number() -> None:
    blank = spacy.blank("en")
    stop = frozenset({"in", "of", "from"})
    d = blank("forecast in-hospital death within 2 days")
    assert d[1 : object_phrase_end(d, 1, len(d), stop)].text == "in-hospital death within"
    d = blank("count 12 nuclei in each slide")
    assert d[1 : object_phrase_end(d, 1, len(d), stop)].text == "12 nuclei"
    d = blank("detect lesions, then grade them")
    assert d[1 : object_phrase_end(d, 1, len(d), stop)].text == "lesions"
    d = blank("predict of them")
    assert object_phrase_end(d, 1, len(d), stop) == 1
    assert reach_words(blank("out-of-range values"), 0, 6)[-2:] == ["out-of-range", "values"]


# -- tasks named by their objects -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("We segment hepatic vessels with a new network.", "imagesegmentation", True),
        # a capability is not a task performed: one mention asserts nothing
        ("The network can segment hepatic vessels.", "imagesegmentation", False),
        ("We segment patients into three risk groups.", "imagesegmentation", False),
        ("We delineate hepatic cysts on portal-phase scans.", "imagesegmentation", True),
        ("We outline the challenges that remain.", "imagesegmentation", False),
        ("We classify referral letters into four urgency levels.", "textclassification", True),
        ("We classify pigmented moles in dermatology photographs.", "imageclassification", True),
        ("We classify referral letters into four urgency levels.", "imageclassification", False),
        ("Our agent answers questions about knee radiographs.", "visualquestionanswering", True),
        ("Our agent answers questions about drug dosing.", "questionanswering", True),
        ("Our agent answers questions about drug dosing.", "visualquestionanswering", False),
        ("The network localises pulmonary nodules.", "objectdetection", True),
        ("We predict the onset of delirium in older adults.", "diseaseprediction", True),
        ("We predict treatment response to chemotherapy.", "diseaseprediction", False),
        ("We translate consent forms into Spanish with an LLM.", "machinetranslation", True),
        ("We translate research findings into practice.", "machinetranslation", False),
        ("We translate knee MRI into synthetic CT.", "imagegeneration", True),
        ("We synthesise skin lesions with a diffusion model.", "imagegeneration", True),
        ("We generate captions for each image.", "imagegeneration", False),
        ("The detector flags out-of-distribution scans.", "anomalydetection", True),
        ("The tagger recognises drug mentions in notes.", "namedentityrecognition", True),
        ("We extract smoking status findings from notes.", "informationextraction", True),
        ("We extract deep features from the images.", "informationextraction", False),
        ("We transcribe dictated findings with Whisper.", "speechrecognition", True),
        ("We summarise trial protocols with an LLM.", "summarization", True),
    ],
)
def test_tasks_named_by_their_objects(nlp: Language, text: str, key: str, expected: bool) -> None:
    assert (key in asserted(nlp, text, "task")) is expected


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        # a compound whose modifiers name a lesion, or beside image data
        ("Accurate polyp localisation remains hard.", "objectdetection", True),
        ("Sepsis onset prediction helps triage.", "diseaseprediction", True),
        ("Accurate risk forecasting helps triage.", "diseaseprediction", True),
        ("We study ultrasound-based goitre classification.", "imageclassification", True),
        ("We study goitre classification.", "imageclassification", False),
        ("Segment Anything Model for abdominal organs", "imagesegmentation", False),
        # delineating, outlining or contouring is segmenting, whatever is delineated
        ("Accurate boundary delineation matters.", "imagesegmentation", True),
        ("Manual organ contouring is slow.", "imagesegmentation", True),
        # quantification and counting are task heads
        ("We study liver fat quantification.", "liverfatquantification", True),
        ("We study cell counting.", "cellcounting", True),
    ],
)
def test_task_compounds_named_by_their_modifiers(
    nlp: Language, text: str, key: str, expected: bool
) -> None:
    assert (key in asserted(nlp, text, "task")) is expected


# -- modalities inside task phrases ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("We study CT-based nodule detection.", "ct", True),
        ("An MRI-guided biopsy was planned.", "mri", True),
        ("An ultrasound-derived index was computed.", "ultrasound", True),
        ("A US-based cohort of adults was enrolled.", "ultrasound", False),
        ("Evidence-based medicine needs data.", "ct", False),
        # any kind of data, not only images (issue 15, modality15)
        ("We release an EMR-based corpus of diagnoses.", "ehr", True),
        ("A speech-driven screener for depression is proposed.", "speech", True),
        ("A literature-based survey of screening tools.", "biomedicalliterature", False),
        ("A report-based audit of waiting times.", "radiologyreport", False),
    ],
)
def test_modality_as_the_prefix_of_based_words(
    full_nlp: Language, text: str, key: str, expected: bool
) -> None:
    # the pipeline's tokenizer keeps "CT-based" one token
    assert (key in asserted(full_nlp, text, "modality")) is expected


def test_colonoscopy_video_is_endoscopy_only(nlp: Language) -> None:
    found = asserted(nlp, "We collect colonoscopy videos from two centres.", "modality")
    assert "endoscopy" in found and "medicalvideo" not in found
    assert "medicalvideo" in asserted(
        nlp, "We collect surgical videos of ten surgeons.", "modality"
    )


def test_laparoscopic_video_is_surgical_video_not_endoscopy(nlp: Language) -> None:
    """A laparoscopic video records an operation: medical video (surgical video), whereas the
    video of a diagnostic scope (colonoscopy, bronchoscopy) is endoscopy."""
    found = asserted(
        nlp, "Phases are labelled in 90 laparoscopic videos of gallbladder removal.", "modality"
    )
    assert "medicalvideo" in found and "endoscopy" not in found
    found = asserted(nlp, "Polyps are outlined in bronchoscopy and colonoscopy frames.", "modality")
    assert "endoscopy" in found and "medicalvideo" not in found


@pytest.mark.parametrize(
    ("text", "video"),
    [
        ("We label frames of fetal ultrasound videos from 300 scans.", False),
        ("Clips are taken from endoscopic videos of 80 patients.", False),
        ("Our decoder runs at video rate on colonoscopy frames.", False),
        ("We annotate clinical videos of gait in 40 children.", True),
    ],
)
def test_video_of_a_named_modality_is_that_modality(nlp: Language, text: str, video: bool) -> None:
    """GUIDELINES: endoscopic video is endoscopy; a video of ultrasound is ultrasound; 'video
    rate' is a speed. Video with no modality of its own stays medical video."""
    assert ("medicalvideo" in asserted(nlp, text, "modality")) is video


def test_pet_ct_is_two_modalities(nlp: Language) -> None:
    """GUIDELINES list PET and CT, no combined label: PET/CT data is both."""
    found = asserted(nlp, "We segment lymphoma lesions on whole-body PET/CT scans.", "modality")
    assert {"pet", "ct"} <= found


def test_radiology_images_name_no_modality_of_their_own(nlp: Language) -> None:
    assert asserted(nlp, "We collect radiology images from two centres.", "modality") == set()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Models learn from gene expression profiles.", "genomics"),
        ("We read visit notes of 900 patients.", "clinicaltext"),
        ("We read discharge instructions of 900 patients.", "clinicaltext"),
        ("We record 40 hours of dictation.", "speech"),
    ],
)
def test_modality_alt_labels(nlp: Language, text: str, key: str) -> None:
    assert key in asserted(nlp, text, "modality")


# -- metrics --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("The model reaches an area under the curve of 0.91.", "auc", True),
        ("The drug raised the area under the curve of plasma levels.", "auc", False),
        ("The network reaches an F1-macro of 0.71.", "f1", True),
        ("The target registration error is 1.1 mm.", "targetregistrationerror", True),
        ("Texts fell to a Flesch-Kincaid grade of 6.", "fleschkincaidgradelevel", True),
    ],
)
def test_metric_entries(nlp: Language, text: str, key: str, expected: bool) -> None:
    assert (key in asserted(nlp, text, "metric")) is expected


def test_scores_followed_by_an_article_is_a_verb(nlp: Language) -> None:
    found = asserted(nlp, "Trained on 500 trials scores a METEOR of 0.31.", "metric")
    assert found == {"meteor"}
    # a measure named by its score is still one
    assert "utilityscore" in asserted(nlp, "It reaches a utility score of 0.4.", "metric")


def test_the_image_token_cache_is_bounded(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    matcher = nlp.get_pipe("kg_concepts").matcher
    monkeypatch.setattr(concept_matching, "IMAGE_TOKEN_CACHE", 2)
    matcher._image_token.clear()
    assert matcher.names_image("CT") and not matcher.names_image("table")
    assert len(matcher._image_token) == 2
    assert matcher.names_image("MRI") and len(matcher._image_token) == 1


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        # an outcome estimated is predicted; treatment escalation is an outcome, a response is not
        (
            "We estimate overall survival of glioma patients from clinical variables.",
            "diseaseprediction",
            True,
        ),
        ("We estimate the brain volume of glioma patients from MRI.", "diseaseprediction", False),
        (
            "We predict treatment escalation within 48 hours from ward observations.",
            "diseaseprediction",
            True,
        ),
        ("We predict treatment response of rectal tumours from MRI.", "diseaseprediction", False),
        # the end state of a disease course is an outcome too (branch tasks17)
        (
            "We predict wound healing at eight weeks from bedside photographs.",
            "diseaseprediction",
            True,
        ),
        (
            "We predict remission after induction therapy from blood counts.",
            "diseaseprediction",
            True,
        ),
        (
            "We photograph wound healing at eight weeks on a bedside tablet.",
            "diseaseprediction",
            False,
        ),
        # a disease recognised, flagged or classified in people or signals is diagnosis
        ("Our model flags apnoea episodes in overnight recordings.", "diagnosis", True),
        ("We classify speakers as healthy or as having Parkinson's disease.", "diagnosis", True),
        ("We classify speakers by their accent and gender.", "diagnosis", False),
        ("We study the recognition of disease mentions in notes.", "diagnosis", False),
        ("We study the recognition of disease mentions in notes.", "namedentityrecognition", True),
        # screening at a body site or for cancer screens for a disease; screening studies for a
        # review screens no one
        ("We evaluate the model in colorectal cancer screening.", "diagnosis", True),
        ("Our system supports prostate screening with biparametric MRI.", "diagnosis", True),
        ("We automate citation screening for systematic reviews.", "diagnosis", False),
        ("We report on screening of 400 chest CT volumes.", "diagnosis", False),
        # a dysfunction is a condition
        ("We detect right ventricular dysfunction from 12-lead ECG.", "diagnosis", True),
        # a coding system's name is no task
        ("Codes follow the International Classification of Diseases.", "diagnosis", False),
        ("We propose automatic classification of diseases from speech.", "diagnosis", True),
    ],
)
def test_tasks_named_by_outcomes_and_diseases(
    nlp: Language, text: str, key: str, expected: bool
) -> None:
    assert (key in asserted(nlp, text, "task")) is expected


def test_survival_analysis_is_disease_prediction(nlp: Language) -> None:
    """GUIDELINES: 'survival analysis' is disease prediction (one task, one entity)."""
    assert asserted(nlp, "We perform survival analysis of 300 lung cancer patients.", "task") == {
        "diseaseprediction"
    }


@pytest.mark.parametrize(
    ("text", "concept_type", "phrase", "expected"),
    [
        # a title-case compound that runs on into a name's last word is part of the name
        ("Scans came from the Northern Lung Screening Trial.", "task", "lung screening", False),
        ("We run lung nodule screening on low-dose CT.", "task", "lung nodule screening", True),
        ("Slides came from the Cambrian Cervical Image Bank.", "modality", "cervical image", False),
        ("We collect cervical images with smartphones.", "modality", "cervical image", True),
        # only a capitalised name end closes a name; a lower-case one is a plain noun
        ("We perform Lung Nodule Screening trial analyses.", "task", "lung nodule screening", True),
        # in a title-case title every word is capitalised: no name is closed
        (
            "Regional Lung Nodule Screening Program Outcomes\n\nWe study 900 scans.",
            "task",
            "lung nodule screening",
            True,
        ),
    ],
)
def test_a_title_case_compound_before_a_name_end_is_part_of_the_name(
    nlp: Language, text: str, concept_type: str, phrase: str, expected: bool
) -> None:
    doc = nlp(text)
    found = {
        s.text.lower().rstrip("s")
        for s in doc.spans["kg_concepts"]
        if s.label_ == concept_type and float(s._.kg_confidence or 0.0) >= LINK_THRESHOLD
    }
    assert any(f.endswith(phrase) for f in found) is expected, found


def test_inside_proper_name() -> None:
    d = spacy.blank("en")("Title\n\nWe map terms to the Unified Medical Language System today.")
    names = [concept_matching.inside_proper_name(d, i) for i in range(len(d))]
    assert [t.text for t, n in zip(d, names, strict=True) if n] == ["Medical", "Language", "System"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "detection of X": the task of X decides, not the bare-detection gate
        ("We study the detection of unsupported statements about the image.", False),
        ("We improve the detection of nodules in chest CT scans.", True),
        # false detections count a detector's errors: a measure, not the task
        ("It reached 0.6 false detections per hour on the scans.", False),
        ("The network outputs detections on the scans.", True),
    ],
)
def test_bare_detection_gates(nlp: Language, text: str, expected: bool) -> None:
    assert ("objectdetection" in asserted(nlp, text, "task")) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # representation learning only when the abstract presents it as the goal (GUIDELINES)
        ("Our aim is to learn representations of knee radiographs without labels.", True),
        ("We aim to learn representations of knee radiographs.", True),
        ("The encoder learns representations of knee radiographs that transfer well.", False),
        ("Models are able to learn representations of knee radiographs.", False),
    ],
)
def test_a_stated_aim_asserts_its_task(nlp: Language, text: str, expected: bool) -> None:
    assert ("representationlearning" in asserted(nlp, text, "task")) is expected


def test_goal_before_needs_to_and_a_cue() -> None:
    d = spacy.blank("en")("The goal was to learn it ; we tried to learn it ; aims to learn")
    cues = frozenset({"goal", "aims"})
    verbs = [i for i, t in enumerate(d) if t.text == "learn"]
    assert [concept_matching.goal_before(d, i, cues) for i in verbs] == [True, False, True]


# -- branch tasks16c: tasks named by their output, British nominals, non-image lesion words ----


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        # masks or contours generated are a segmentation's output, not images made
        ("The network generates tumour masks from multiparametric MRI.", "imagesegmentation", True),
        ("The network generates synthetic tumour images from MRI.", "imagesegmentation", False),
        # risk scores generated are a risk predicted (GUIDELINES: risk prediction)
        ("Our model generates mortality risk scores for ICU patients.", "diseaseprediction", True),
        ("Our model generates discharge summaries for ICU patients.", "diseaseprediction", False),
    ],
)
def test_a_task_named_by_its_output(nlp: Language, text: str, key: str, expected: bool) -> None:
    assert (key in asserted(nlp, text, "task")) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # injury, failure and arrest are diseases a model predicts within a horizon
        ("A boosted model predicts acute kidney injury within 48 hours of surgery.", True),
        ("We predict heart failure within five years from routine records.", True),
        # without a horizon the predicted state may be the present one: no rule decides
        ("A boosted model predicts acute kidney injury from urine biomarkers.", False),
    ],
)
def test_injury_failure_and_arrest_are_predicted_diseases(
    nlp: Language, text: str, expected: bool
) -> None:
    assert ("diseaseprediction" in asserted(nlp, text, "task")) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the British nominal takes its object after "of" as the American one does
        ("We describe a system for the localisation of polyps in colonoscopy videos.", True),
        ("We describe the localisation of the clinic in a rural district.", False),
    ],
)
def test_british_nominal_of_its_object(nlp: Language, text: str, expected: bool) -> None:
    assert ("objectdetection" in asserted(nlp, text, "task")) is expected


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        # an organ word that modifies a sound, a rate or a gene names data no image shows
        ("We classify heart sounds as normal or abnormal.", "imageclassification", False),
        ("We classify kidney tumours as benign or malignant.", "imageclassification", True),
        ("We detect heart murmurs in phonocardiogram recordings.", "objectdetection", False),
        ("We detect lung nodules in low-dose screening scans.", "objectdetection", True),
    ],
)
def test_a_lesion_word_before_non_image_data(
    nlp: Language, text: str, key: str, expected: bool
) -> None:
    assert (key in asserted(nlp, text, "task")) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "early" before the nominal or "future" opening the object: a horizon without a unit
        ("Models were built for the early prediction of delirium in ICU patients.", True),
        ("We predict future stroke in patients with atrial fibrillation.", True),
        # no horizon: the predicted state may be the present one
        ("Models were built for the prediction of delirium in ICU patients.", False),
        # "early" elsewhere in reach states no horizon of the prediction
        ("We predict pneumonia on radiographs acquired early in the admission.", False),
    ],
)
def test_a_horizon_stated_by_a_modifier(nlp: Language, text: str, expected: bool) -> None:
    assert ("diseaseprediction" in asserted(nlp, text, "task")) is expected


def test_modifier_states_horizon_reads_only_the_lead() -> None:
    words = frozenset({"early", "future"})
    assert concept_matching.modifier_states_horizon(["early", "sepsis"], words)
    assert not concept_matching.modifier_states_horizon(["the", "sepsis"], words)
    d = spacy.blank("en")("forecast future exacerbations early in the stay")
    assert concept_matching.horizon_lead(d, 0, 1) == ("future",)
