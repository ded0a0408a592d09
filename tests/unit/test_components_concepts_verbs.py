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
