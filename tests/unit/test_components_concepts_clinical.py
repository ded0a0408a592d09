"""kg_concepts on clinical text papers: examination questions are question answering, and an
EHR named only as the container of the notes a paper works on is no modality of the paper;
a title-case label with an acronym is found, a task verb's noun homograph ("each segment") and
a number word ("eight classification tasks") name no task, what is extracted from a text is
information extraction, and a one-word dialogue mention implies medical dialogue data.
Each decision is tested with short sentences on both sides of its boundary."""

from __future__ import annotations

import pytest
from concept_helpers import confidences
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp.components.concept_matching import joined_participle
from kg.nlp.components.concepts import ConceptMatch, OwnWorkCues, demote_background
from kg.statements import LINK_THRESHOLD


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        (
            "Chat models in nephrology\n\n"
            "We tested four chat models on the national licensing examination of Spain.",
            True,
        ),
        (
            "Chat models in nephrology\n\n"
            "Three assistants answered 400 board exam questions in cardiology.",
            True,
        ),
        (
            "Chat models in nephrology\n\n"
            "We assess a chat model on certification exams for nurses.",
            True,
        ),
        # writing the questions is question generation, not answering them
        (
            "Chat models in nephrology\n\n"
            "We ask a chat model to write exam questions for students of nephrology.",
            False,
        ),
        # an examination of a patient is no question set
        (
            "Chat models in nephrology\n\n"
            "We study a chat model that reads the physical examination of each patient.",
            False,
        ),
    ],
)
def test_examination_questions_are_question_answering(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    conf = confidences(nlp, text, "task").get("questionanswering", 0.0)
    assert (conf >= LINK_THRESHOLD) is is_asserted


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # EHR only in the motivation, the paper's data is the notes it holds: not asserted
        (
            "Note coding\n\nElectronic health records store much of their content as free "
            "text. We propose a model that assigns codes to clinical notes.",
            False,
        ),
        # EHR in the title: the paper's own
        (
            "Coding EHRs\n\nElectronic health records store much of their content as free "
            "text. We propose a model that assigns codes to clinical notes.",
            True,
        ),
        # EHR in an own-work sentence: the paper's own
        (
            "Note coding\n\nElectronic health records store much of their content as free "
            "text. We propose a model that assigns codes to clinical notes and EHR fields.",
            True,
        ),
        # no notes named by the paper: the motivation names the data the work targets
        (
            "Risk scores\n\nElectronic health records grow every year. "
            "We propose a model that predicts sepsis in intensive care.",
            True,
        ),
    ],
)
def test_an_ehr_holding_the_papers_notes_is_background(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    conf = confidences(nlp, text, "modality")
    assert (conf.get("ehr", 0.0) >= LINK_THRESHOLD) is is_asserted


def test_demote_background_containers_need_a_content_outside_the_background(
    nlp: Language,
) -> None:
    doc = nlp.make_doc("Notes fill EHRs . We study notes .")
    doc[0].is_sent_start = True
    doc[4].is_sent_start = True
    for i in range(1, len(doc)):
        if i != 4:
            doc[i].is_sent_start = False
    ehr = ConceptMatch(2, 3, "modality", "ehr", 0.9, "v")
    notes_background = ConceptMatch(0, 1, "modality", "clinicaltext", 0.9, "v")
    notes_own = ConceptMatch(6, 7, "modality", "clinicaltext", 0.9, "v")
    kwargs = {
        "own": OwnWorkCues.of(doc.vocab.strings, {"we"}),
        "confidence": 0.3,
        "end_of_title": 0,
        "containers": {"ehr": frozenset({"clinicaltext"})},
    }
    out = demote_background(doc, [notes_background, ehr, notes_own], **kwargs)  # type: ignore[arg-type]
    assert [m.confidence for m in out] == [0.9, 0.3, 0.9]
    # the notes only in the same motivation: nothing tells the container from the data
    out = demote_background(doc, [notes_background, ehr], **kwargs)  # type: ignore[arg-type]
    assert [m.confidence for m in out] == [0.9, 0.9]
    # without the container map, modalities are never background
    out = demote_background(
        doc,
        [notes_background, ehr, notes_own],
        own=OwnWorkCues.of(doc.vocab.strings, {"we"}),
        confidence=0.3,
        end_of_title=0,
    )
    assert [m.confidence for m in out] == [0.9, 0.9, 0.9]


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # a paper whose own task is dialogue targets medical dialogue data
        (
            "A model\n\nWe build a conversational agent that talks with patients before surgery.",
            True,
        ),
        # a one-word data noun with its modifier: those dialogues are the data
        ("A model\n\nWe write 9,000 bilingual dialogues and tune a model on them.", True),
        # without a modifier there is no phrase of its own to hold the modality
        ("A model\n\nWe tune a model on the dialogues.", False),
        # a task verb before the data noun takes it as its object: no modifier either
        ("A model\n\nWe synthesise dialogues and tune a model on them.", False),
        ("A model\n\nWe synthesise bilingual dialogues and tune a model on them.", True),
        # dialogue named only in the motivation implies nothing
        (
            "A model\n\nConversational agents are popular. "
            "We build a model that codes clinical notes.",
            False,
        ),
    ],
)
def test_a_papers_dialogue_task_targets_medical_dialogue(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    conf = confidences(nlp, text, "modality").get("medicaldialogue", 0.0)
    assert (conf >= LINK_THRESHOLD) is is_asserted


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # a benefit clause after "thereby" names no task of the paper
        (
            "Chest pain triage\n\nWe build a triage model for chest pain, "
            "thereby improving diagnosis in clinics.",
            False,
        ),
        # named before "thereby": the paper's own
        (
            "Chest pain triage\n\nWe build a model for diagnosis of chest pain, "
            "thereby improving care in clinics.",
            True,
        ),
        # what results "suggest" is a possible use
        (
            "Liver lesions\n\nWe segment liver lesions on CT. "
            "These results suggest value for diagnosis.",
            False,
        ),
        # the same, with the task also named as the paper's own
        (
            "Liver lesions\n\nWe segment liver lesions on CT for diagnosis. "
            "These results suggest value for diagnosis.",
            True,
        ),
    ],
)
def test_benefit_and_suggestion_clauses_are_no_task(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    conf = confidences(nlp, text, "task").get("diagnosis", 0.0)
    assert (conf >= LINK_THRESHOLD) is is_asserted


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        ("Ward risk\n\nWe build an early warning model for acute kidney injury.", True),
        ("Ward risk\n\nWe report early warning of cardiac arrest on general wards.", True),
        ("Ward risk\n\nWe validate an early-warning score on 9,000 admissions.", True),
        # an early sign is no prediction the paper makes
        ("Ward risk\n\nWe describe an early warning sign seen on admission notes.", False),
    ],
)
def test_early_warning_is_disease_prediction(nlp: Language, text: str, is_asserted: bool) -> None:
    conf = confidences(nlp, text, "task").get("diseaseprediction", 0.0)
    assert (conf >= LINK_THRESHOLD) is is_asserted


@pytest.mark.parametrize(
    ("text", "key", "is_found"),
    [
        # a title capitalises every word of a label that holds an acronym
        ("Transformers for ICD Coding\n\nWe study long notes.", "clinicalcoding", True),
        ("A note model\n\nWe study ICD coding of long notes.", "clinicalcoding", True),
        ("Robust Clinical NER\n\nWe study long notes.", "namedentityrecognition", True),
        # the acronym itself still has to be written in capitals
        ("Robust Clinical Ner\n\nWe study long notes.", "namedentityrecognition", False),
    ],
)
def test_a_title_case_label_with_an_acronym_is_found(
    nlp: Language, text: str, key: str, is_found: bool
) -> None:
    assert (key in confidences(nlp, text, "task")) is is_found


@pytest.mark.parametrize(
    ("text", "is_segmentation"),
    [
        ("Rhythm model\n\nWe split each recording into overlapping segments for training.", False),
        ("Rhythm model\n\nEach 10-second segment was labelled by two cardiologists.", False),
        ("Rhythm model\n\nAt the segment level, the model was accurate.", False),
        ("Rhythm model\n\nNoise made 12% of segments unusable.", False),
        # the verb: after its subject, "to", a modal
        ("Organ model\n\nThe network segments the liver in abdominal scans.", True),
        ("Organ model\n\nWe train a network to segment the liver in abdominal scans.", True),
        ("Organ model\n\nWe segment the liver in abdominal scans.", True),
        ("Organ model\n\nThe model first segments the liver in abdominal scans.", True),
        ("Rhythm model\n\nNoise made two segments of each recording unusable.", False),
        ("Rhythm model\n\nA 5-minute segment was labelled by two cardiologists.", False),
    ],
)
def test_a_segment_after_a_determiner_or_preposition_is_no_segmentation(
    nlp: Language, text: str, is_segmentation: bool
) -> None:
    assert ("imagesegmentation" in confidences(nlp, text, "task")) is is_segmentation


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Property model\n\nWe evaluate it on eleven classification tasks from a benchmark.", None),
        ("Property model\n\nWe evaluate it on twelve regression tasks.", None),
        # a real modifier still makes a task
        (
            "Property model\n\nWe evaluate it on toxicity classification tasks.",
            "toxicityclassification",
        ),
    ],
)
def test_a_number_word_modifies_no_task(nlp: Language, text: str, task: str | None) -> None:
    found = confidences(nlp, text, "task")
    for key in found:
        assert not key.startswith(("eleven", "twelve"))
    if task is not None:
        assert task in found


@pytest.mark.parametrize(
    ("text", "task", "not_task"),
    [
        # a training-state participle says what was done to the network (branch tasks17)
        (
            "Surgical video model\n\nWe score clips with a frozen gesture recognition network.",
            "gesturerecognition",
            "frozengesturerecognition",
        ),
        (
            "Surgical video model\n\nWe rate clips with a pretrained gesture recognition network.",
            "gesturerecognition",
            "pretrainedgesturerecognition",
        ),
        # the same participle naming a tissue preparation stays in the task (branch review17b)
        (
            "Intraoperative pathology\n\nWe train a network for frozen section margin grading.",
            "frozensectionmargingrading",
            "sectionmargingrading",
        ),
        # a modifier naming a kind of task stays in the task
        (
            "Surgical video model\n\nWe score clips with a surgical gesture recognition network.",
            "surgicalgesturerecognition",
            "gesturerecognition",
        ),
    ],
)
def test_a_training_state_participle_modifies_no_task(
    nlp: Language, text: str, task: str, not_task: str
) -> None:
    found = confidences(nlp, text, "task")
    assert task in found and not_task not in found


@pytest.mark.parametrize(
    ("text", "is_extraction"),
    [
        ("Note mining\n\nWe train models to extract smoking status from clinical notes.", True),
        ("Note mining\n\nWe extract housing needs from free-text discharge summaries.", True),
        # from images it is no information extraction
        ("Scan mining\n\nWe extract texture features from chest radiographs.", False),
        # a text extracted from another is collected, not information extraction
        ("Note mining\n\nWe extract patient notes from published case reports.", False),
        # extracting from no text
        ("Scan mining\n\nWe extract the signal from a noisy sensor.", False),
    ],
)
def test_what_is_extracted_from_a_text_is_information_extraction(
    nlp: Language, text: str, is_extraction: bool
) -> None:
    conf = confidences(nlp, text, "task").get("informationextraction", 0.0)
    assert (conf >= LINK_THRESHOLD) is is_extraction


@pytest.mark.parametrize(
    ("text", "is_extraction"),
    [
        # the extraction the paper performs by named entity recognition is that task
        (
            "Extracting drug events from discharge letters\n\n"
            "We train a tagger for named entity recognition on 300 letters.",
            False,
        ),
        (
            "Extracting drug events from discharge letters\n\nWe train a tagger on 300 letters.",
            True,
        ),
    ],
)
def test_extraction_by_named_entity_recognition_is_that_task(
    nlp: Language, text: str, is_extraction: bool
) -> None:
    found = confidences(nlp, text, "task")
    assert ("informationextraction" in found) is is_extraction


@pytest.mark.parametrize(
    ("text", "key", "is_found"),
    [
        # the Greek plural of a "-sis" label's last word
        ("Case model\n\nWe generate differential diagnoses for 300 cases.", "diagnosis", True),
        (
            "Review model\n\nWe run sentiment analyses of patient reviews.",
            "sentimentanalysis",
            True,
        ),
        # a lone "diagnoses" is mostly record data
        (
            "Record model\n\nWe read diagnoses, procedures and drugs of 300 stays.",
            "diagnosis",
            False,
        ),
        # a general synonym of information extraction
        (
            "Trial model\n\nWe automate data extraction from trial reports.",
            "informationextraction",
            True,
        ),
    ],
)
def test_plural_and_synonym_task_labels(nlp: Language, text: str, key: str, is_found: bool) -> None:
    assert (key in confidences(nlp, text, "task")) is is_found


@pytest.mark.parametrize(
    ("text", "is_task"),
    [
        # what a system outputs or has is no task of the paper
        ("Phase model\n\nWe show that the tagger's phase predictions support planning.", False),
        ("Phase model\n\nWe show that their phase predictions support planning.", False),
        ("Phase model\n\nWe study surgical phase prediction in laparoscopic videos.", True),
        # a pretraining objective
        ("Phase model\n\nIt is pretrained with masked phase prediction on 900 videos.", False),
    ],
)
def test_a_free_compound_after_a_possessive_or_masked_is_no_task(
    nlp: Language, text: str, is_task: bool
) -> None:
    found = confidences(nlp, text, "task")
    assert any("phaseprediction" in key for key in found) is is_task


def test_a_verb_opens_no_task_compound(nlp: Language) -> None:
    text = "Fair model\n\nThe recipe enforces prediction consistency between image pairs."
    assert not any("prediction" in key for key in confidences(nlp, text, "task"))


@pytest.mark.parametrize(
    ("text", "key", "is_found"),
    [
        (
            "Pulse model\n\nWe detect arrhythmia from PPG signals of a smartwatch.",
            "photoplethysmography",
            True,
        ),
        (
            "Pulse model\n\nWe detect arrhythmia from photoplethysmograms.",
            "photoplethysmography",
            True,
        ),
        (
            "Binding model\n\nWe read protein structures as residue graphs.",
            "proteinstructure",
            True,
        ),
        (
            "Binding model\n\nWe embed protein sequences with a language model.",
            "proteinstructure",
            False,
        ),
        ("Survival model\n\nWe fuse slides with bulk RNA-seq profiles.", "genomics", True),
        (
            "Summary model\n\nWe pair nursing and radiology notes with summaries.",
            "radiologyreport",
            True,
        ),
        ("Summary model\n\nWe pair nursing notes with summaries.", "radiologyreport", False),
    ],
)
def test_clinical_signal_and_molecular_modalities(
    nlp: Language, text: str, key: str, is_found: bool
) -> None:
    assert (key in confidences(nlp, text, "modality")) is is_found


@pytest.mark.parametrize(
    ("text", "key", "is_asserted"),
    [
        # rewritten or translated into plain language: simplified
        ("Leaflets\n\nWe rewrite consent forms into plain language.", "textsimplification", True),
        ("Leaflets\n\nWe translate consent forms into plain language.", "textsimplification", True),
        ("Leaflets\n\nWe translate consent forms into Spanish.", "textsimplification", False),
        # a capability put to the test is the paper's task; a stated one is not
        (
            "Leaflets\n\nWe assess whether a chat model can rewrite consent forms in plain "
            "language.",
            "textsimplification",
            True,
        ),
        (
            "Leaflets\n\nChat models can rewrite consent forms in plain language. "
            "We count hospital visits.",
            "textsimplification",
            False,
        ),
    ],
)
def test_plain_language_rewriting_is_text_simplification(
    nlp: Language, text: str, key: str, is_asserted: bool
) -> None:
    conf = confidences(nlp, text, "task").get(key, 0.0)
    assert (conf >= LINK_THRESHOLD) is is_asserted


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # a task the text says is not done
        ("Tumour study\n\nWe grade tumours from whole slides without image segmentation.", False),
        ("Tumour study\n\nOur grader needs no image segmentation.", False),
        ("Tumour study\n\nWe study image segmentation of whole slides.", True),
    ],
)
def test_a_task_after_without_is_not_done(nlp: Language, text: str, is_asserted: bool) -> None:
    conf = confidences(nlp, text, "task").get("imagesegmentation", 0.0)
    assert (conf >= LINK_THRESHOLD) is is_asserted


def test_joined_participle_takes_back_a_preparation_participle() -> None:
    participles, nouns = frozenset({"frozen"}), frozenset({"section", "tissue"})
    # "frozen section" is one thing, a tissue preparation (branch review17b)
    assert joined_participle(["a", "frozen", "section", "grading"], 2, participles, nouns) == 1
    # "frozen" before a task word is the network's training state
    assert joined_participle(["a", "frozen", "gesture", "recognition"], 2, participles, nouns) == 2
    assert joined_participle(["frozen", "section"], 0, participles, nouns) == 0
