"""kg_concepts, issue 15 (branch tasks15c): task verbs and their objects. A task verb in the
past tense states the paper's own task only after the authors' own subject ("we translated the
exam set into Portuguese"); elsewhere an "-ed" form is an adjective or a passive. "Answer" takes
queries and inquiries as it takes questions. Fresh sentences on both sides."""

from __future__ import annotations

import pytest
from concept_helpers import asserted as concepts_asserted
from spacy.language import Language

from kg.nlp.components.concept_matching import (
    OWN_VERB_RULE,
    ConceptMatch,
    adds_a_task,
    made_by_people_or_devices,
    names_a_quantity,
    opens_content_clause,
    own_object_end,
    own_past_tense,
    own_subject_before,
    past_form,
)
from kg.nlp.components.concepts import merge_verb_restatements


def tasks(nlp: Language, text: str) -> set[str]:
    return concepts_asserted(nlp, text, "task")


@pytest.mark.parametrize(
    ("base", "past"),
    [
        ("detect", "detected"),
        ("simplify", "simplified"),
        ("diagnose", "diagnosed"),
        ("tag", "tagged"),
        ("count", "counted"),
    ],
)
def test_past_form_of_a_regular_verb(base: str, past: str) -> None:
    assert past_form(base) == past


def test_own_past_tense_needs_the_subject_right_before_or_one_adverb_between() -> None:
    subjects, not_between = frozenset({"we"}), frozenset({"manually"})
    assert own_past_tense(["we", "quickly", "summarised"], 2, subjects, not_between)
    assert own_past_tense(["we", "then", "summarised"], 2, subjects, not_between)
    assert not own_past_tense(["nurses", "then", "summarised"], 2, subjects, not_between)
    assert not own_past_tense(["we", "manually", "summarised"], 2, subjects, not_between)
    assert not own_past_tense(["we", "had", "not", "summarised"], 3, subjects, not_between)


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("We translated the discharge leaflets into Arabic for a pilot.", "machinetranslation"),
        ("We summarised 400 operative notes with a small language model.", "summarization"),
        ("We then segmented the kidneys in 120 contrast CT scans.", "imagesegmentation"),
        ("We classified dermoscopy images into seven lesion types.", "imageclassification"),
    ],
)
def test_a_task_verb_in_the_past_after_we_states_the_task(
    nlp: Language, text: str, task: str
) -> None:
    assert task in tasks(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The translated leaflets were read by twelve patients.",  # adjective
        "Segmented kidneys were measured by two urologists.",
        "Notes were summarised by the attending physicians.",  # passive, a person's act
        "We manually segmented the kidneys to build the reference standard.",
    ],
)
def test_an_ed_form_elsewhere_states_no_task(nlp: Language, text: str) -> None:
    assert not tasks(nlp, text) & {"machinetranslation", "imagesegmentation", "summarization"}


# ---- "answer" takes queries and inquiries as it takes questions ---------------------------------


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Our assistant answers caregiver queries about insulin dosing.", "questionanswering"),
        ("We answer inquiries from pharmacists about drug interactions.", "questionanswering"),
        ("The model answers queries about knee MRI images.", "visualquestionanswering"),
    ],
)
def test_answering_queries_is_question_answering(nlp: Language, text: str, task: str) -> None:
    assert task in tasks(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Two nurses graded the answers to 150 caregiver queries.",  # "answers": the noun
        "The system rewrites search queries before ranking documents.",
    ],
)
def test_queries_without_an_answering_verb_are_no_question_answering(
    nlp: Language, text: str
) -> None:
    assert not tasks(nlp, text) & {"questionanswering", "visualquestionanswering"}


# -- branch tasks16: the authors' own verb and its object name a task the vocabulary lacks ------


def test_own_subject_before_needs_we_or_one_adverb_between() -> None:
    subjects = frozenset({"we"})
    assert own_subject_before(["we", "estimate", "it"], 1, subjects)
    assert own_subject_before(["we", "directly", "estimate", "it"], 2, subjects)
    assert not own_subject_before(["models", "estimate", "it"], 1, subjects)
    assert not own_subject_before(["we", "did", "not", "estimate", "it"], 3, subjects)


def test_own_object_end_stops_at_an_ly_adverb() -> None:
    words = ["we", "estimate", "aortic", "diameter", "automatically", "from", "scans"]
    assert own_object_end(words, 2, 6) == 4
    assert own_object_end(words, 2, 4) == 4


@pytest.mark.parametrize(
    ("text", "task"),
    [
        (
            "We estimate left atrial volume from cine cardiac MRI with a video network.",
            "leftatrialvolumeestimation",
        ),
        (
            "In this study we estimate aortic diameter automatically from non-contrast CT.",
            "aorticdiameterestimation",
        ),
        (
            "SpineNet estimates vertebral height from lateral radiographs of 900 patients.",
            "vertebralheightestimation",
        ),
    ],
)
def test_the_authors_verb_and_a_plain_object_name_a_task(
    nlp: Language, text: str, task: str
) -> None:
    assert task in tasks(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a plural object: the things acted on, not the task's object
        "We estimate tile embeddings with a frozen encoder before pooling.",
        # a capability, not the paper's task: no authors' subject right before the verb
        "We show that the network can estimate left atrial volume from cine MRI.",
        "We are able to estimate left atrial volume from cine MRI.",
        # no authors' subject: a passive or another actor
        "Cardiologists estimate left atrial volume from cine MRI by hand.",
        # a name as object: a comparison, not a task
        "SpineNet matches UNet on lateral radiographs of 900 patients.",
        # a pronoun as object points back to a thing named before: it names no task
        "Lesion volumes are hard to read by hand, so we estimate them from cine MRI.",
    ],
)
def test_no_free_task_without_the_authors_verb_and_a_plain_object(nlp: Language, text: str) -> None:
    found = tasks(nlp, text)
    assert not any(k.endswith(("estimation", "matching")) for k in found), found


def test_a_restated_task_is_the_task_another_rule_names() -> None:
    m = [
        ConceptMatch(0, 3, "task", "strokeonsetprediction", 0.55, "pattern:compound_task"),
        ConceptMatch(9, 12, "task", "stroketimeprediction", 0.55, OWN_VERB_RULE),
    ]
    assert [x.key for x in merge_verb_restatements(m, ["prediction"], confidence=0.45)] == [
        "strokeonsetprediction",
        "strokeonsetprediction",
    ]
    alone = [ConceptMatch(9, 12, "task", "stroketimeprediction", 0.55, OWN_VERB_RULE)]
    assert merge_verb_restatements(alone, ["prediction"], confidence=0.45) == alone
    two = [
        ConceptMatch(0, 3, "task", "strokeonsetprediction", 0.55, "pattern:compound_task"),
        ConceptMatch(4, 6, "task", "mortalityprediction", 0.9, "vocab"),
        ConceptMatch(9, 12, "task", "stroketimeprediction", 0.55, OWN_VERB_RULE),
    ]
    out = merge_verb_restatements(two, ["prediction"], confidence=0.45)
    assert out[2].key == "stroketimeprediction" and out[2].confidence == 0.45


def test_a_restated_task_in_a_paper_gives_one_task(nlp: Language) -> None:
    text = (
        "Stroke Onset Time Prediction from Diffusion MRI\n\n"
        "We predict stroke onset time from diffusion-weighted MRI of 410 patients."
    )
    found = {k for k in tasks(nlp, text) if k.endswith("prediction")}
    assert len(found) <= 1, found


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("The assistant writes a discharge summary for each admission.", "summarization"),
        ("We prompted the model to produce lay summaries of 50 trial reports.", "summarization"),
    ],
)
def test_writing_or_producing_a_summary_is_summarization(
    nlp: Language, text: str, task: str
) -> None:
    assert task in tasks(nlp, text)


def test_writing_or_producing_something_else_is_no_summarization(nlp: Language) -> None:
    text = "We write the protocol and produce the consent forms in two languages."
    assert "summarization" not in tasks(nlp, text)


# -- branch review16c: misfires of the own-verb task and the authoring verbs --------------------


@pytest.mark.parametrize(
    "text",
    [
        # an evaluation measure the study computes, not a quantity its system estimates
        "Against culture as the reference, we estimate sensitivity for each reader.",
        # a finding or good opened by a word of degree
        "Across the twelve hospitals we identify substantial variation in triage times.",
        "We predict considerable uptake of such assistants within five years.",
        # a claim's noun with its content clause
        "We produce evidence that automated triage shortens waiting times.",
        # verbs whose everyday sense outnumbers the task sense
        "We register trial protocol with the national registry before enrolment.",
        "We learn disease progression from serial fundus photographs.",
    ],
)
def test_the_authors_verb_with_a_finding_or_a_measure_names_no_task(
    nlp: Language, text: str
) -> None:
    assert not any(rule.startswith(OWN_VERB_RULE) for rule in task_rules(nlp, text))


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("We estimate renal volume from non-contrast CT with a network.", "renalvolumeestimation"),
        ("We predict hospital transfer from the first vital signs.", "hospitaltransferprediction"),
    ],
)
def test_the_authors_verb_with_a_quantity_still_names_a_task(
    nlp: Language, text: str, task: str
) -> None:
    assert task in tasks(nlp, text)


def task_rules(nlp: Language, text: str) -> list[str]:
    """The rules of the Doc's task spans."""
    doc = nlp(text)
    return [str(s._.kg_extractor) for s in doc.spans["kg_concepts"] if s.label_ == "task"]


def test_names_a_quantity_and_opens_content_clause_pure() -> None:
    metric = {"specificity"}.__contains__
    degree = frozenset({"considerable"})
    assert names_a_quantity(["renal", "volume"], degree, metric)
    assert not names_a_quantity(["pooled", "specificity"], degree, metric)
    assert not names_a_quantity(["considerable", "uptake"], degree, metric)
    assert opens_content_clause(["evidence", "that", "it"], 1)
    assert not opens_content_clause(["volume", "from", "ct"], 1)


def test_a_task_stated_as_one_more_is_no_restatement(nlp: Language) -> None:
    text = (
        "Bone age estimation from hand radiographs\n\n"
        "We also estimate carpal height with the same network."
    )
    assert "carpalheightestimation" in tasks(nlp, text)
    merged = "Bone age estimation from hand radiographs\n\nWe estimate carpal height with it."
    assert "carpalheightestimation" not in tasks(nlp, merged)


def test_adds_a_task_pure() -> None:
    assert adds_a_task(["we", "additionally", "estimate"], 2)
    assert not adds_a_task(["we", "estimate"], 1)


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # people and devices write and produce in their own right
        ("Each midwife writes a handover summary, which we use to train a classifier.", ""),
        ("Pathologists produce reports in free text, which we mine for grade.", ""),
        ("The scanner produces images at 1 mm slice thickness for the U-Net.", ""),
        # a summary that modifies a score is no text
        ("Our frailty index produces a summary score between 0 and 100.", ""),
        # the system or the authors do: the task stands
        ("We prompt the model to write a discharge summary for each admission.", "summarization"),
        ("The pipeline then produces radiology reports for each chest CT.", "reportgeneration"),
    ],
)
def test_authoring_verbs_need_a_system_or_the_authors(nlp: Language, text: str, task: str) -> None:
    found = tasks(nlp, text) & {"summarization", "reportgeneration", "imagegeneration"}
    assert found == ({task} if task else set())


def test_made_by_people_or_devices_pure() -> None:
    makers = frozenset({"scanner"})
    words = ["clinicians", "write", "notes", ";", "the", "scanner", "produces", "images"]
    assert made_by_people_or_devices(words, 1, makers)
    assert made_by_people_or_devices(words, 6, makers)
    assert not made_by_people_or_devices(["the", "model", "writes", "notes"], 2, makers)
    assert not made_by_people_or_devices(["a", "checklist", "produces", "scores"], 2, makers)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("NodeScope identifies nodal spread on staging scans of 700 patients.", True),
        # a modality's or a marker's acronym is the clinic's, not the paper's system
        ("PET identifies nodal spread in most patients with lung cancer.", False),
        ("Serum NfL predicts disability worsening in relapsing patients.", False),
    ],
)
def test_a_system_name_before_an_s_verb_but_no_clinic_acronym(
    nlp: Language, text: str, fires: bool
) -> None:
    rules = task_rules(nlp, text)
    assert any(rule.startswith(OWN_VERB_RULE) for rule in rules) is fires


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("We count nuclei by hand in every stained section.", "nucleicounting"),
        ("We count them by hand in every stained section.", None),
        ("We count themselves among the first to try.", None),
    ],
)
def test_a_pronoun_is_no_object_of_an_own_task_verb(
    nlp: Language, text: str, task: str | None
) -> None:
    found = [k for k in tasks(nlp, text) if k.endswith("counting")]
    assert found == ([task] if task else [])
