"""kg_concepts, issue 15 (branch tasks15c): task verbs and their objects. A task verb in the
past tense states the paper's own task only after the authors' own subject ("we translated the
exam set into Portuguese"); elsewhere an "-ed" form is an adjective or a passive. "Answer" takes
queries and inquiries as it takes questions. Fresh sentences on both sides."""

from __future__ import annotations

import pytest
from concept_helpers import asserted as concepts_asserted
from spacy.language import Language

from kg.nlp.components.concept_matching import own_past_tense, past_form


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
