"""kg_concepts, issue 15 (tasks on real abstracts): a title that names the paper's task in its
own words keeps the abstract's matched mention of that task, even in the motivation
(:func:`kg.nlp.components.concepts.title_named_keys`). Short fresh sentences on both sides."""

from __future__ import annotations

import pytest
import spacy
from concept_helpers import asserted as concepts_asserted
from spacy.language import Language

from kg.nlp.components.concept_matching import (
    gerund_names_free_task,
    long_form_tail,
    modifier_is_task_head,
    modifier_shaped,
    opens_title_as_gerund,
    strict_head_names_task,
    word_before,
)
from kg.nlp.components.concepts import ConceptMatch, title_named_keys


def asserted(nlp: Language, text: str) -> set[str]:
    return concepts_asserted(nlp, text, "task")


OF = frozenset({"of", "for", "and"})


@pytest.mark.parametrize(
    ("title", "start", "end", "expected"),
    [
        # the title ends with the head, all the mention's words in the title
        ("learning sharper features for noisy image denoising", 11, 13, True),
        # the head followed by "of": still the head of its phrase
        ("towards fast denoising of image stacks", 11, 13, True),
        # the head modifies the next word: it names a method, not the task
        ("denoising priors for image stacks", 11, 13, False),
        # a modifier of the mention missing from the title: another task
        ("learning sharper features for fast denoising", 11, 13, False),
    ],
)
def test_title_named_keys_pure(title: str, start: int, end: int, expected: bool) -> None:
    words = title.split()
    n = len(words)
    body = ["x"] * (start - n) + ["image", "denoising", "is", "common", "."]
    m = [ConceptMatch(start, end, "task", "imagedenoising", 0.55, "p")]
    assert (title_named_keys(m, words + body, n, after_head=OF) != frozenset()) is expected


def test_title_named_keys_skips_generic_heads_and_covered_words() -> None:
    words = ["a", "study", "of", "signal", "learning", ".", "signal", "learning", "is", "popular"]
    m = [ConceptMatch(6, 8, "task", "signallearning", 0.55, "p")]
    assert title_named_keys(m, words, 5, after_head=OF) == {"signallearning"}
    assert title_named_keys(m, words, 5, after_head=OF, generic=frozenset({"learning"})) == set()
    covered = [ConceptMatch(3, 5, "task", "other", 0.9, "v"), *m]
    assert title_named_keys(covered, words, 5, after_head=OF) == set()


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # the title's free phrase names the task the motivation matched
        (
            "Towards Robust Tracking of Lesions\n\n"
            "Lesion tracking supports many applications in the clinic. "
            "We propose a network with two branches.",
            True,
        ),
        # the title names something else: the motivation's task stays background
        (
            "Towards Robust Networks for Lesions\n\n"
            "Lesion tracking supports many applications in the clinic. "
            "We propose a network with two branches.",
            False,
        ),
        # the title's word is a modifier, not a head: background
        (
            "Towards Tracking Priors for Lesions\n\n"
            "Lesion tracking supports many applications in the clinic. "
            "We propose a network with two branches.",
            False,
        ),
    ],
)
def test_title_words_keep_a_motivation_task(nlp: Language, text: str, is_asserted: bool) -> None:
    assert ("lesiontracking" in asserted(nlp, text)) is is_asserted


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # review15b: the mention's words in another part of the title than its head
        (
            "Survival of the Fittest: Evolutionary Prediction of Drug Response\n\n"
            "Survival prediction is crucial in oncology. "
            "We propose an evolutionary algorithm that predicts drug response.",
            False,
        ),
        # the same words in the head's own part: the paper's task
        (
            "Evolutionary Survival Prediction: A Study of Drug Response\n\n"
            "Survival prediction is crucial in oncology. "
            "We propose an evolutionary algorithm that predicts drug response.",
            True,
        ),
    ],
)
def test_title_words_of_one_part_only(nlp: Language, text: str, is_asserted: bool) -> None:
    assert ("diseaseprediction" in asserted(nlp, text)) is is_asserted


# -- a detected long form that reached back over the words before the definition ----------


def test_long_form_tail_pure() -> None:
    labels = {"named entity recognition": ("task", "ner")}
    words = ["tools", "for", "notes", ",", "notably", "in", "named", "entity", "recognition"]
    assert long_form_tail(words, labels.get, frozenset({"in"})) == ("task", "ner")
    # no opener word before the phrase: only the comma cuts, and the rest names nothing
    assert long_form_tail(words, labels.get, frozenset()) is None
    # a long form with no cut at all is left to the whole-phrase lookup
    assert long_form_tail(["clinical", "trials"], labels.get, frozenset({"in"})) is None


@pytest.fixture(scope="module")
def nlp_abbrev() -> Language:
    import scispacy.abbreviation  # noqa: F401  (registers "abbreviation_detector")
    import spacy

    from kg.nlp import read_patterns
    from kg.nlp.components.concepts import CONCEPT_PATTERN_FILES

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("abbreviation_detector")
    pipeline.add_pipe("kg_concepts").initialize(
        nlp=pipeline, patterns=read_patterns(CONCEPT_PATTERN_FILES)
    )
    return pipeline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the short form's letters reach back to "Medical"; its own phrase is the task
        (
            "Medical tools help, mainly in visual question answering (MedVQA). "
            "We build a benchmark for MedVQA.",
            True,
        ),
        # a short form defined as something else still means that ("clinical trials")
        (
            "Clinical trials (CT) are costly. We study the enrollment of CT participants.",
            False,
        ),
    ],
)
def test_long_form_tail_in_pipeline(nlp_abbrev: Language, text: str, expected: bool) -> None:
    doc = nlp_abbrev(text)
    spans = [s for s in doc.spans["kg_concepts"] if s.label_ in {"task", "modality"}]
    later = [s for s in spans if s.start > len(doc) // 2]
    if expected:
        assert any(s.kb_id_ == "visualquestionanswering" for s in later)
    else:
        assert not any(s.kb_id_ == "ct" for s in later)


# -- branch tasks16: a title whose head noun is augmentation presents it as the paper's goal ----


@pytest.mark.parametrize(
    "text",
    [
        "Style-Transfer Augmentation for Robust Polyp Classification\n\nWe train a classifier.",
        "GAN-based augmentation of rare skin lesions\n\nWe train a classifier on 4,000 images.",
        "Mixup Augmentation\n\nWe study a classifier of chest radiographs.",
    ],
)
def test_a_title_headed_by_augmentation_is_data_augmentation(nlp: Language, text: str) -> None:
    assert "dataaugmentation" in asserted(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a noun after it: augmentation modifies a method
        "Augmentation Consistency Training for Polyp Classification\n\nWe train a classifier.",
        # the participle of retrieval-augmented generation, not the noun
        "Retrieval-Augmented Answering of Nursing Questions\n\nWe build a system.",
        # in the abstract the bare word is a training detail
        "Polyp Classification\n\nThe classifier was trained with colour augmentation.",
        "Polyp Classification\n\nWe used colour augmentation in every training epoch.",
    ],
)
def test_augmentation_elsewhere_is_no_data_augmentation(nlp: Language, text: str) -> None:
    assert "dataaugmentation" not in asserted(nlp, text)


# -- branch tasks16: "Learning" opening the title is the verb of the paper's task --------------


def test_a_title_opening_on_learning_representations_is_representation_learning(
    nlp: Language,
) -> None:
    text = "Learning Robust Representations of Fetal Heart Rate Traces\n\nWe pretrain a model."
    assert "representationlearning" in asserted(nlp, text)


def test_learning_inside_a_title_is_the_noun(nlp: Language) -> None:
    text = "Contrastive Learning Representations for Fetal Heart Rate\n\nWe pretrain a model."
    assert "representationlearning" not in asserted(nlp, text)


def test_opens_title_as_gerund_only_at_the_start() -> None:
    words = spacy.blank("en")("Learning ECG features by deep learning")
    assert opens_title_as_gerund(words, 0)
    assert not opens_title_as_gerund(words, 5)
    assert not opens_title_as_gerund(spacy.blank("en")("Learning"), 0)


# -- branch review16c: the word before a title's "augmentation" must say how -------------------


@pytest.mark.parametrize(
    "text",
    [
        "Generative Augmentation for Rare Arrhythmia Detection\n\nWe train a classifier.",
        "Anatomy-Aware Augmentation of Knee Radiographs\n\nWe train a grading network.",
        "Image Augmentation with Diffusion Models for Retinal Disease\n\nWe train a classifier.",
    ],
)
def test_a_describing_word_before_title_augmentation_keeps_it(nlp: Language, text: str) -> None:
    assert "dataaugmentation" in asserted(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # what is augmented: a body part, a treatment, a clinician's work
        "Predicting Implant Rupture after Breast Augmentation\n\nWe train gradient boosting.",
        "Valproate Augmentation in Bipolar Depression: A Machine Learning Study\n\nWe fit it.",
        "Augmentation of Pathologist Accuracy with AI: A Reader Study\n\nTen readers took part.",
        "Surgical Augmentation of the Alveolar Ridge\n\nWe predict graft failure with a model.",
        # a task head: the means of a system for another task
        "Retrieval Augmentation for Clinical Question Answering\n\nWe build a system.",
    ],
)
def test_title_augmentation_of_a_thing_or_by_a_means_is_no_data_augmentation(
    nlp: Language, text: str
) -> None:
    assert "dataaugmentation" not in asserted(nlp, text)


def test_modifier_shaped_pure() -> None:
    assert modifier_shaped("Counterfactual") and modifier_shaped("GAN-Based")
    assert not modifier_shaped("Breast") and not modifier_shaped("")
    assert word_before(spacy.blank("en")("Style-Transfer Augmentation"), 3) == "Style-Transfer"


# -- branch review16c: "Learning" opening the title names only a vocabulary label --------------


@pytest.mark.parametrize(
    "text",
    [
        "Learning Curves of Surgical Trainees with a Virtual Coach\n\nWe followed 40 trainees.",
        "Learning Disability Screening from Children's Drawings\n\nWe train a classifier.",
    ],
)
def test_learning_opening_a_noun_compound_names_no_free_task(nlp: Language, text: str) -> None:
    keys = asserted(nlp, text)
    assert not any(key.endswith("learning") for key in keys)


def test_gerund_names_free_task_pure() -> None:
    noun_verbs = frozenset({"learning"})
    assert gerund_names_free_task("estimating", noun_verbs)
    assert not gerund_names_free_task("learning", noun_verbs)


# -- branch tasks17b: a title's compound on a strict head of a definite operation ------------

TITLE_HEADS = frozenset({"inference", "discovery", "design"})


@pytest.mark.parametrize(
    ("head", "nxt", "in_title", "expected"),
    [
        ("inference", None, True, True),  # "... for Causal Effect Inference"
        ("discovery", "in", True, True),  # "Drug Target Discovery in Plasma Proteomics"
        ("inference", None, False, False),  # in the abstract the word "task" is still needed
        ("inference", "task", False, True),
        ("analysis", None, True, False),  # an umbrella head of study: a field, not a task
        ("evaluation", "of", True, False),
    ],
)
def test_strict_head_names_task_pure(
    head: str, nxt: str | None, in_title: bool, expected: bool
) -> None:
    assert strict_head_names_task(head, nxt, in_title, TITLE_HEADS) is expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Neural Networks for Causal Effect Inference from Observational Cohorts\n\n"
            "We train a network on 30,000 admissions.",
            "causaleffectinference",
        ),
        (
            "Contrastive Pretraining for Drug Target Discovery in Plasma Proteomics\n\n"
            "We pretrain an encoder on 12,000 samples.",
            "drugtargetdiscovery",
        ),
    ],
)
def test_a_title_compound_on_a_definite_strict_head_is_a_task(
    nlp: Language, text: str, key: str
) -> None:
    assert key in asserted(nlp, text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # the same compound in the abstract's background, without "task"
        (
            "A Cohort Study of Sepsis\n\n"
            "Prior work addressed causal effect inference with matching. We train a network.",
            "causaleffectinference",
        ),
        # an umbrella head of study in the title names a field
        (
            "Transformers for Clinical Data Analysis\n\nWe train a network on 30,000 admissions.",
            "clinicaldataanalysis",
        ),
        # a method head in the title ("Flow Matching") is no strict task head of a title
        (
            "Conditional Flow Matching for Cardiac MRI Synthesis\n\nWe train a generator.",
            "conditionalflowmatching",
        ),
    ],
)
def test_strict_heads_elsewhere_name_no_task(nlp: Language, text: str, key: str) -> None:
    assert key not in asserted(nlp, text)


# -- branch tasks17b: a strict head's "-ing" form apart from the head is a noun of the object --

STRICT = frozenset({"binding", "matching"})
HEADS = ("binding", "matching", "prediction", "retrieval", "grounding")


@pytest.mark.parametrize(
    ("word", "next_to_head", "expected"),
    [
        ("binding", False, False),  # "binding affinity prediction": the object's noun
        ("binding", True, True),  # "binding prediction": a task head modifying another
        ("retrieval", False, True),  # no "-ing" form: a method ("retrieval-based grounding")
        ("affinity", False, False),  # no task head at all
    ],
)
def test_modifier_is_task_head_pure(word: str, next_to_head: bool, expected: bool) -> None:
    assert modifier_is_task_head(word, next_to_head, HEADS, STRICT) is expected


def test_an_ing_head_inside_the_object_keeps_the_compound(nlp: Language) -> None:
    text = "Graph Transformers for Antibody Binding Affinity Prediction\n\nWe train a network."
    assert "antibodybindingaffinityprediction" in asserted(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Graph Transformers for Antibody Binding Prediction\n\nWe train a network.",
        "Contrastive Retrieval Grounding for Chest Radiographs\n\nWe train a network.",
    ],
)
def test_a_task_head_right_before_the_head_still_names_a_method(nlp: Language, text: str) -> None:
    keys = asserted(nlp, text)
    assert not any(k.endswith(("bindingprediction", "retrievalgrounding")) for k in keys)


# -- branch review17d: an adjective before a title head names a kind of operation --

KINDS = ("al", "ian", "ive", "ory", "ic", "ed", "ous")


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("evidence", True),  # "Evidence Inference": the object inferred
        ("antibody", True),  # "Antibody Design"
        ("variational", False),  # "Variational Inference": a method
        ("bayesian", False),  # "Bayesian Inference of Tumour Growth"
        ("participatory", False),  # "Participatory Design": a way of designing
        ("generative", False),
    ],
)
def test_strict_head_names_task_refuses_an_adjective_before_the_head(
    before: str, expected: bool
) -> None:
    assert strict_head_names_task("inference", None, True, TITLE_HEADS, before, KINDS) is expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Variational Inference for Bayesian Networks in Prostate MRI Segmentation\n\n"
            "We train a network on 300 scans.",
            "variationalinference",
        ),
        (
            "Statistical Inference on Machine Learning Predictions in Clinical Trials\n\n"
            "We train a network on 30,000 admissions.",
            "statisticalinference",
        ),
        (
            "Participatory Design of a Sepsis Alert with Intensive Care Nurses\n\n"
            "We interviewed 24 nurses.",
            "participatorydesign",
        ),
    ],
)
def test_a_title_head_after_an_adjective_is_no_task(nlp: Language, text: str, key: str) -> None:
    assert key not in asserted(nlp, text)


def test_a_title_head_after_a_noun_stays_a_task(nlp: Language) -> None:
    text = "Equivariant Graph Networks for Antibody Design\n\nWe train a generator on 9,000 pairs."
    assert "antibodydesign" in asserted(nlp, text)
