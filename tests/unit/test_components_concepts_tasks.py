"""kg_concepts, issue 15 items 2 and 6: only the paper's own tasks, one entity per task, the
modality inside a task phrase. Each decision is tested with short sentences on both sides of
its boundary."""

from __future__ import annotations

import numpy
import pytest
import spacy
from concept_helpers import asserted as concepts_asserted
from concept_helpers import confidences
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp.components.concept_matching import any_before
from kg.nlp.components.concepts import (
    DEFAULT_CONFIDENCE,
    ConceptMatch,
    background_keys,
    demote_keys,
    denied_after,
    denied_use_before,
    denies,
    gap_ends_clause,
    is_survey,
    lists_limitations,
    merge_free_variants,
    merge_variants,
    modalities_inside_tasks,
    names_a_component,
    title_end,
    unsupported_keys,
)
from kg.statements import LINK_THRESHOLD


def task_confidence(nlp: Language, text: str) -> dict[str, float]:
    """Concept key -> highest confidence of its task mentions."""
    return confidences(nlp, text, "task")


def asserted(nlp: Language, text: str) -> set[str]:
    return concepts_asserted(nlp, text, "task")


def test_background_confidence_is_below_the_link_threshold() -> None:
    assert DEFAULT_CONFIDENCE["background"] < LINK_THRESHOLD


@pytest.mark.parametrize(
    ("text", "task", "is_asserted"),
    [
        # named only in the motivation that opens the abstract: background
        (
            "A new model\n\nDiagnosis is critical in care. "
            "We propose a model for report generation.",
            "diagnosis",
            False,
        ),
        (
            "A new model\n\nQuestion answering is hard. Our model summarizes notes.",
            "questionanswering",
            False,
        ),
        # the same task in a sentence about the paper's own work: its own task
        ("A new model\n\nWe propose a model for diagnosis.", "diagnosis", True),
        # in the title: its own task
        (
            "Diagnosis with a new model\n\nDiagnosis is critical in care. We propose a model.",
            "diagnosis",
            True,
        ),
        # after the first sentence about the paper's own work, even without a cue of its own
        (
            "A new model\n\nWe propose a model. Question answering accuracy rises.",
            "questionanswering",
            True,
        ),
        # mentioned again after the paper's own work begins: not only background
        (
            "A new model\n\nDiagnosis is critical. We propose a model. Diagnosis improves.",
            "diagnosis",
            True,
        ),
        # an abstract without any own-work sentence keeps its tasks
        ("A new model\n\nQuestion answering is studied with a model.", "questionanswering", True),
        # other work: "have been proposed", "recently introduced" speak of no own work
        (
            "A benchmark\n\nMany image captioning models have been proposed for radiographs. "
            "We benchmark 9 models on lesion detection.",
            "imagecaptioning",
            False,
        ),
        (
            "A benchmark\n\nThe recently introduced captioning models describe radiographs. "
            "We benchmark 9 models on lesion detection.",
            "imagecaptioning",
            False,
        ),
        # a structured abstract's OBJECTIVE section is the paper's own work, without "we";
        # BACKGROUND is not, and a label needs its colon
        (
            "A cohort study\n\nBACKGROUND: Sepsis is deadly. OBJECTIVE: To build a model for "
            "mortality prediction from notes. METHODS: We ran a cohort study.",
            "diseaseprediction",
            True,
        ),
        (
            "A cohort study\n\nBACKGROUND: Mortality prediction is hard. "
            "METHODS: We segment CT images.",
            "diseaseprediction",
            False,
        ),
        (
            "A cohort study\n\nObjective mortality prediction is hard. We segment CT images.",
            "diseaseprediction",
            False,
        ),
        # the present passive is the paper's own: "is proposed"
        (
            "A benchmark\n\nAn image captioning model is proposed for radiographs. "
            "We test it on 9 hospitals.",
            "imagecaptioning",
            True,
        ),
    ],
)
def test_tasks_only_the_papers_own(nlp: Language, text: str, task: str, is_asserted: bool) -> None:
    assert (task in asserted(nlp, text)) is is_asserted
    # demoted, not dropped: the mention stays as provenance
    assert task in task_confidence(nlp, text)


def test_background_keys_boundary_is_the_first_own_sentence() -> None:
    m = ConceptMatch(0, 1, "task", "t", 0.9, "r")
    # sentence 1 is the first own sentence: a mention in sentence 0 is background ...
    assert background_keys([m], sentence_index=[0], own=[False, True], in_title=[False]) == {"t"}
    # ... one in sentence 1 (the boundary itself) or after is not
    assert (
        background_keys([m], sentence_index=[1], own=[False, True, False], in_title=[False])
        == set()
    )
    assert (
        background_keys([m], sentence_index=[2], own=[False, True, False], in_title=[False])
        == set()
    )
    # the title outranks position
    assert background_keys([m], sentence_index=[0], own=[False, True], in_title=[True]) == set()


def test_method_tasks_are_not_asserted(nlp: Language) -> None:
    text = "A new model\n\nWe propose retrieval-augmented generation for question answering."
    tasks = asserted(nlp, text)
    assert "retrievalaugmentedgeneration" not in tasks
    assert "questionanswering" in tasks


def test_demote_keys_never_raises_confidence() -> None:
    low = ConceptMatch(0, 1, "task", "rag", 0.3, "v")
    assert demote_keys([low], frozenset({"rag"}), confidence=0.45, tag="m")[0].confidence == 0.3
    modality = ConceptMatch(0, 1, "modality", "rag", 0.9, "v")
    assert (
        demote_keys([modality], frozenset({"rag"}), confidence=0.45, tag="m")[0].confidence == 0.9
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a specific variant beside its canonical task is that task: one entity
        (
            "We study image classification, such as pneumothorax classification.",
            {"imageclassification"},
        ),
        # without the canonical task in the paper, the variant stays a task of its own (an
        # object that is seen in images, "pneumothorax classification", names image
        # classification by itself: test_components_concepts_objects.py)
        ("We study cough sound classification.", {"coughsoundclassification"}),
    ],
)
def test_variants_map_to_the_canonical_task(nlp: Language, text: str, expected: set[str]) -> None:
    assert set(task_confidence(nlp, text)) == expected


def test_merge_variants_needs_exactly_one_canonical_with_the_head() -> None:
    free = ConceptMatch(5, 7, "task", "pneumothoraxclassification", 0.55, "p")
    image = ConceptMatch(0, 2, "task", "imageclassification", 0.9, "v")
    text = ConceptMatch(2, 4, "task", "textclassification", 0.9, "v")
    heads = {"imageclassification": "classification", "textclassification": "classification"}
    known = frozenset(heads)
    assert merge_variants([image, free], known, heads)[1].key == "imageclassification"
    # two canonical tasks share the head: ambiguous, left alone
    assert merge_variants([image, text, free], known, heads)[2].key == "pneumothoraxclassification"
    # the canonical label itself is not a variant of itself
    same = ConceptMatch(5, 6, "task", "classification", 0.55, "p")
    assert merge_variants([image, same], known, heads)[1].key == "classification"


def test_modality_inside_task_phrase(nlp: Language) -> None:
    doc = nlp("We study chest X-ray report generation.")
    found = {(s.label_, s.kb_id_) for s in doc.spans["kg_concepts"]}
    assert ("task", "reportgeneration") in found
    assert ("modality", "chestxray") in found


def test_a_papers_report_generation_targets_radiology_reports(nlp: Language) -> None:
    """GUIDELINES modality: the data the work targets; generating reports targets reports."""

    def modalities(text: str) -> dict[str, float]:
        doc = nlp(text)
        return {
            s.kb_id_: float(s._.kg_confidence)
            for s in doc.spans["kg_concepts"]
            if s.label_ == "modality"
        }

    found = modalities("A model\n\nWe propose ScanWriter for report generation from CT.")
    assert found.get("radiologyreport", 0.0) >= LINK_THRESHOLD
    # a task named only as background implies nothing
    found = modalities(
        "A model\n\nReport generation is hard. We propose ScanWriter for segmentation of CT."
    )
    assert "radiologyreport" not in found


def test_modalities_inside_tasks_only_inside_and_only_images() -> None:
    task = ConceptMatch(2, 6, "task", "reportgeneration", 0.9, "v")
    inside = ConceptMatch(2, 4, "modality", "chestxray", 0.9, "v")
    outside = ConceptMatch(0, 2, "modality", "ct", 0.9, "v")
    text_modality = ConceptMatch(2, 5, "modality", "radiologyreport", 0.9, "v")
    images = frozenset({"chestxray", "ct"})
    assert modalities_inside_tasks([task, inside, outside], [task], images) == [inside]
    assert modalities_inside_tasks([task, text_modality], [task], images) == []
    # already resolved: nothing to add
    assert modalities_inside_tasks([task, inside], [task, inside], images) == []


def test_title_end() -> None:
    blank = spacy.blank("en")
    assert title_end(blank("Title words\n\nAbstract.")) == 2
    assert title_end(blank("Only an abstract.")) == 0


def test_a_plural_noun_is_no_verb_of_a_task(nlp: Language) -> None:
    """ "segments such as the QRS complex" is the noun; "segments tumours" the verb."""
    text = "We study ECG. Saliency fell on waveform segments such as the QRS complex."
    assert "imagesegmentation" not in task_confidence(nlp, text)
    assert "imagesegmentation" in asserted(nlp, "Our network segments tumours on CT.")


def test_own_work_flags_are_per_sentence() -> None:
    from kg.nlp.components.concept_matching import sentence_bounds
    from kg.nlp.components.concepts import OwnWorkCues, own_work_flags

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    doc = pipeline("We test a model. Diagnosis is hard. Our model helps.")
    own = OwnWorkCues.of(doc.vocab.strings, {"we", "our"})
    assert own_work_flags(doc, sentence_bounds(doc), own) == [
        True,
        False,
        True,
    ]


def test_phrase_head_prefers_the_longest_head() -> None:
    from kg.nlp.components.concepts import _phrase_head

    heads = ["classification", "imageclassification"]
    assert _phrase_head("chestimageclassification", heads) == "imageclassification"
    assert _phrase_head("tumorclassification", heads) == "classification"
    assert _phrase_head("classification", heads) is None


@pytest.mark.parametrize("cue", ["like", "unlike", "namely"])
def test_a_list_cue_is_never_a_task_modifier(nlp: Language, cue: str) -> None:
    """ "tasks like classification" names no task "like classification" (issue 15, item 2)."""
    doc = nlp(f"We support vision tasks {cue} classification and segmentation.")
    surfaces = {s.text for s in doc.spans["kg_concepts"] if s.label_ == "task"}
    assert not any(cue in t.split() for t in surfaces)


# -- tasks nothing shows to be the paper's own (issue 15, item 2) --------------------------


@pytest.mark.parametrize(
    ("text", "task", "is_asserted"),
    [
        # a survey's tasks are the field's
        ("Diagnosis models: a survey\n\nWe review models for diagnosis.", "diagnosis", False),
        ("Review of diagnosis models\n\nWe study models for diagnosis.", "diagnosis", False),
        ("A new model\n\nIn this survey we cover models for diagnosis.", "diagnosis", False),
        # "review" that does not name the paper: not a survey
        ("Peer review generation\n\nWe propose a model for diagnosis.", "diagnosis", True),
        # possible use after the paper's own work: background
        ("A new model\n\nWe propose a model. It could support diagnosis.", "diagnosis", False),
        (
            "A new model\n\nWe propose a model. It suits applications like diagnosis.",
            "diagnosis",
            False,
        ),
        # the same sentence without the cue: the paper's own
        ("A new model\n\nWe propose a model. It supports diagnosis.", "diagnosis", True),
        # a colon opens a new clause: the cue before it does not reach the task
        (
            "A new model\n\nWe propose a model. Future work: we test it on diagnosis.",
            "diagnosis",
            True,
        ),
        # a sentence opened by other work
        (
            "A new model\n\nWe propose a model. Existing models focus on diagnosis.",
            "diagnosis",
            False,
        ),
        # a subordinate clause about other work, up to its comma only
        (
            "A new model\n\nUnlike models that focus on diagnosis, we propose a model.",
            "diagnosis",
            False,
        ),
        (
            "A new model\n\nUnlike other models, we propose a model for diagnosis.",
            "diagnosis",
            True,
        ),
        # named in the title: the paper's own whatever the abstract says
        (
            "Diagnosis with a model\n\nWe propose a model. It could support diagnosis.",
            "diagnosis",
            True,
        ),
        # a background mention does not hide an own-work mention of the same task
        (
            "A new model\n\nWe propose a model for diagnosis. It could support diagnosis.",
            "diagnosis",
            True,
        ),
    ],
)
def test_tasks_without_support_are_not_asserted(
    nlp: Language, text: str, task: str, is_asserted: bool
) -> None:
    assert (task in asserted(nlp, text)) is is_asserted
    assert task in task_confidence(nlp, text)


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # a verb and its object named once outside the title: an ad-hoc phrase, not asserted
        ("A new model\n\nWe propose a model. It can classify skin images.", False),
        # named twice: the paper's own
        (
            "A new model\n\nWe propose a model to classify skin images. We classify chest images.",
            True,
        ),
        # in the title: the paper's own
        ("Classifying skin images\n\nWe propose a model to classify skin images.", True),
    ],
)
def test_a_lone_verb_object_task_is_not_asserted(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    assert ("imageclassification" in asserted(nlp, text)) is is_asserted


def test_unsupported_keys_boundaries() -> None:
    weak = frozenset({"pattern:verb_object"})
    one = [ConceptMatch(0, 1, "task", "x", 0.7, "pattern:verb_object")]
    two = [*one, ConceptMatch(5, 6, "task", "x", 0.7, "pattern:verb_object+variant")]
    kw = {"weak_rules": weak, "survey": False}
    assert unsupported_keys(one, in_title=[False], background=[False], **kw) == {"x"}
    # two mentions (tags after "+" do not change the rule) support it
    assert unsupported_keys(two, in_title=[False] * 2, background=[False] * 2, **kw) == set()
    # a background mention does not count towards the two
    assert unsupported_keys(two, in_title=[False] * 2, background=[True, False], **kw) == {"x"}
    assert unsupported_keys(one, in_title=[True], background=[True], **kw) == set()
    vocab = [ConceptMatch(0, 1, "task", "qa", 0.9, "vocab:pref")]
    assert unsupported_keys(vocab, in_title=[False], background=[False], **kw) == set()
    assert unsupported_keys(vocab, in_title=[False], background=[True], **kw) == {"qa"}
    assert unsupported_keys(
        vocab, in_title=[True], background=[False], **kw | {"survey": True}
    ) == {"qa"}


def test_is_survey_reads_title_openers_and_abstract() -> None:
    nouns, openers = frozenset({"survey", "review"}), frozenset({"a", ":"})
    assert is_survey(["x", ":", "review"], [], nouns, openers)
    assert is_survey(["survey", "on", "x"], [], nouns, openers)
    assert not is_survey(["review", "generation"], [], nouns, openers)
    assert not is_survey(["x"], ["the", "review", "of"], nouns, openers)
    assert is_survey(["x"], ["our", "review"], nouns, openers)


def test_a_free_variant_joins_the_shorter_free_task(nlp: Language) -> None:
    text = "A new model\n\nWe study attitude estimation. Our inertial attitude estimation is fast."
    assert asserted(nlp, text) == {"attitudeestimation"}
    # alone, the longer phrase is its own task
    assert asserted(nlp, "A new model\n\nOur inertial attitude estimation is fast.") == {
        "inertialattitudeestimation"
    }


def test_merge_free_variants_needs_two_words_and_a_proper_suffix() -> None:
    m = [
        ConceptMatch(0, 1, "task", "estimation", 0.55, "p"),
        ConceptMatch(3, 5, "task", "poseestimation", 0.55, "p"),
        ConceptMatch(6, 8, "task", "faceestimation", 0.55, "p"),
    ]
    words = [("estimation",), ("pose", "estimation"), ("face", "estimation")]
    assert [x.key for x in merge_free_variants(m, words, frozenset())] == [
        "estimation",
        "poseestimation",
        "faceestimation",
    ]
    # a vocabulary task is left to merge_variants
    m2 = [
        ConceptMatch(0, 2, "task", "poseestimation", 0.95, "vocab:pref"),
        ConceptMatch(3, 6, "task", "headposeestimation", 0.55, "p"),
    ]
    words2 = [("pose", "estimation"), ("head", "pose", "estimation")]
    assert [x.key for x in merge_free_variants(m2, words2, frozenset({"poseestimation"}))] == [
        "poseestimation",
        "headposeestimation",
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A new model\n\nWe study trajectory synthesis in care.", True),
        # followed by a method word: names the method, not a task
        ("A new model\n\nWe build a trajectory synthesis framework.", False),
        ("A new model\n\nWe build trajectory synthesis models.", False),
    ],
)
def test_a_free_compound_before_a_method_word_is_no_task(
    nlp: Language, text: str, found: bool
) -> None:
    assert ("trajectorysynthesis" in task_confidence(nlp, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A new model\n\nWe study disability classification in care.", True),
        # a capitalised compound before "of" and a capitalised word is part of a name
        (
            "A new model\n\nWe use the International Disability Classification of Health.",
            False,
        ),
        # capitalised, but the word after "of" is not: a task
        ("A new model\n\nWe study Disability Classification of patients.", True),
    ],
)
def test_a_free_compound_opening_a_proper_name_is_no_task(
    nlp: Language, text: str, found: bool
) -> None:
    assert any(k.endswith("disabilityclassification") for k in task_confidence(nlp, text)) is found


def test_a_future_directions_title_is_a_survey(nlp: Language) -> None:
    text = "Diagnosis models: current applications and future directions\n\nWe cover diagnosis."
    assert "diagnosis" not in asserted(nlp, text)
    assert "diagnosis" in asserted(nlp, "Diagnosis models\n\nWe cover diagnosis.")


@pytest.mark.parametrize(
    ("text", "task", "is_asserted"),
    [
        # a title naming reasoning or questions states the paper's own task
        (
            "Enhancing Reasoning in Small Medical Models\n\nWe train a model.",
            "medicalreasoning",
            True,
        ),
        ("Can Models Answer Medical Questions?\n\nWe test models.", "questionanswering", True),
        ("Hard Questions for Doctors\n\nWe build a benchmark.", "questionanswering", True),
        # the same words in the abstract alone are too often motivation
        ("A Small Model\n\nWe study the reasoning of models.", "medicalreasoning", False),
        ("A Benchmark\n\nDoctors have questions about models.", "questionanswering", False),
        # another kind of reasoning, or another question task, is not these
        ("Spatial Reasoning for Surgical Robots\n\nWe train a model.", "medicalreasoning", False),
        ("Clinical Question Generation\n\nWe build a model.", "questionanswering", False),
    ],
)
def test_title_gates(nlp: Language, text: str, task: str, is_asserted: bool) -> None:
    conf = task_confidence(nlp, text)
    assert (conf.get(task, 0.0) >= LINK_THRESHOLD) is is_asserted


def metric_confidence(nlp: Language, text: str) -> dict[str, float]:
    """Concept key -> highest confidence of its metric mentions."""
    return confidences(nlp, text, "metric")


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # an ordinary use of a metric's word in the motivation names no evaluation measure (the
        # word is "classification accuracy": "diagnostic accuracy" without a score names no
        # metric anywhere, branch metrics16)
        ("A Model\n\nClassification accuracy matters. We propose a model for diagnosis.", False),
        # the paper's own sentences do, and so does what follows the first of them
        ("A Model\n\nDiagnosis is hard. We reach 90% accuracy with our model.", True),
        ("A Model\n\nWe propose a model for diagnosis. Classification accuracy matters.", True),
        # an abstract that never speaks of its own work has no background to tell apart
        ("A Model\n\nClassification accuracy matters. The model is tested.", True),
    ],
)
def test_metrics_named_only_as_background_are_not_asserted(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    conf = metric_confidence(nlp, text)
    assert "accuracy" in conf
    assert (conf["accuracy"] >= LINK_THRESHOLD) is is_asserted


def test_modalities_named_in_the_motivation_stay_asserted(nlp: Language) -> None:
    doc = nlp("A Model\n\nChest X-rays are common. We propose a model for diagnosis.")
    conf = [s._.kg_confidence for s in doc.spans["kg_concepts"] if s.label_ == "modality"]
    assert conf and max(conf) >= LINK_THRESHOLD


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # named in the opening motivation and then only as a possible use: not the paper's own
        (
            "Cardiac clips\n\nNetworks have been applied to the diagnosis of heart failure. "
            "We segment the left ventricle in echocardiography clips. "
            "This could later support diagnosis in clinics.",
            False,
        ),
        # named in the motivation and then in the paper's own work: its own
        (
            "Cardiac clips\n\nNetworks have been applied to the diagnosis of heart failure. "
            "We evaluate diagnosis of heart failure from echocardiography clips.",
            True,
        ),
    ],
)
def test_motivation_then_possible_use_is_no_task(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    assert ("diagnosis" in asserted(nlp, text)) is is_asserted


def test_before_own_work_boundaries() -> None:
    from kg.nlp.components.concepts import OwnWorkCues, before_own_work, first_own_sentence

    # sentence 0 motivation, 1 own work, 2 after it; a title mention is never motivation
    assert before_own_work([0, 1, 2, 0], 1, [False, False, False, True]) == [
        True,
        False,
        False,
        False,
    ]
    assert before_own_work([0], None, [False]) == [False]  # no own-work sentence at all
    ids = numpy.array([4, 5, 6, 9], dtype="uint64").tolist()
    cues = OwnWorkCues(frozenset({6, 9}))
    assert first_own_sentence(ids, [(0, 1), (1, 3), (3, 4)], cues) == 1
    assert first_own_sentence(ids, [(0, 1), (1, 3)], OwnWorkCues(frozenset({9}))) is None
    # 6 a participle after the prior-work word 5 ("been proposed"): sentence 2 is the first
    prior = OwnWorkCues(frozenset({6, 9}), frozenset({6}), frozenset({5}))
    assert first_own_sentence(ids, [(0, 1), (1, 3), (3, 4)], prior) == 2


@pytest.mark.parametrize(
    ("text", "key", "found"),
    [
        # a base verb in "-ize"/"-ise" opens no compound: the task starts after it
        ("A new model\n\nWe customize bone labeling for each scanner.", "bonelabeling", True),
        (
            "A new model\n\nWe customize bone labeling for each scanner.",
            "customizebonelabeling",
            False,
        ),
        # nouns with that ending stay modifiers
        ("A new model\n\nWe study noise estimation in scanners.", "noiseestimation", True),
        ("A new model\n\nWe study size estimation of kidney stones.", "sizeestimation", True),
        # a task noun modifying another task noun names a method, not a task
        (
            "A new model\n\nWe study retrieval grounding in a tumour board assistant.",
            "retrievalgrounding",
            False,
        ),
        (
            "A new model\n\nWe study anatomy grounding in a tumour board assistant.",
            "anatomygrounding",
            True,
        ),
    ],
)
def test_free_compound_modifiers(nlp: Language, text: str, key: str, found: bool) -> None:
    assert (key in task_confidence(nlp, text)) is found


def rules_tasks(nlp_rules: Language, title: str, abstract: str) -> set[str]:
    """Task keys the rules-only pipeline asserts (its tokenizer keeps "zero-shot" whole)."""
    from kg.corpus.models import paper_text

    doc = nlp_rules(paper_text(title, abstract))
    return {
        s.kb_id_
        for s in doc.spans["kg_concepts"]
        if s.label_ == "task" and s._.kg_confidence >= LINK_THRESHOLD
    }


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # a learning setting before the bare head leaves the task what it is
        ("We collect skin images. Our encoder does well in zero-shot classification.", True),
        ("We collect fundus images. We train multi-label classification heads on them.", True),
        # a skewed or partial-label setting is a learning setting too (branch tasks17)
        ("We collect skin images. Our encoder does well in long-tailed classification.", True),
        ("We collect fundus images. We study semi-supervised classification of lesions.", True),
        # any other hyphenated word before it still blocks the bare head
        ("We collect skin images. Our encoder does well in gene-level classification.", False),
    ],
)
def test_a_learning_setting_before_bare_classification(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    found = rules_tasks(nlp_rules, "A study", abstract)
    assert ("imageclassification" in found) is is_asserted


def test_extend_left_takes_a_kept_hyphenated_modifier(nlp_rules: Language) -> None:
    from kg.nlp.components.concept_matching import extend_left

    doc = nlp_rules.make_doc("we train chest X-ray generation now")
    assert doc[3].text == "X-ray"
    stop = frozenset({"train"})
    # a kept word is a modifier whatever its case or hyphen
    assert extend_left(doc, 4, stop=stop, max_words=3, keep=frozenset({"x-ray"})) == 2
    # other hyphenated or capitalised words end the compound
    assert extend_left(doc, 4, stop=stop, max_words=3) == 4


def test_an_image_named_with_a_hyphen_makes_an_image_task(nlp_rules: Language) -> None:
    abstract = "We build a diffusion model for chest X-ray generation from reports."
    assert "imagegeneration" in rules_tasks(nlp_rules, "A study", abstract)


@pytest.mark.parametrize(
    ("abstract", "task", "is_asserted"),
    [
        # the markers a model reads off tissue are a task of their own, not an outcome
        (
            "We train a slide encoder on tissue images for biomarker prediction.",
            "biomarkerprediction",
            True,
        ),
        (
            "A slide encoder on tissue images does biomarker prediction and survival prediction.",
            "biomarkerprediction",
            True,
        ),
        (
            "Our slide encoder is tested on mutation status prediction from tissue images.",
            "biomarkerprediction",
            False,
        ),
        # grading and subtyping in a paper about images assign image classes
        (
            "We collect fundus photographs and study severity grading with a small network.",
            "imageclassification",
            True,
        ),
        (
            "We collect tissue slide images and study tumour subtyping with a small network.",
            "imageclassification",
            True,
        ),
        (
            "We collect clinical notes and study tumour subtyping with a small network.",
            "imageclassification",
            False,
        ),
    ],
)
def test_new_task_names_and_image_task_heads(
    nlp_rules: Language, abstract: str, task: str, is_asserted: bool
) -> None:
    assert (task in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "task", "is_asserted"),
    [
        # named tasks of single-cell, privacy and agent papers
        (
            "Our encoder is tested on cell type annotation of lung atlases.",
            "celltypeannotation",
            True,
        ),
        ("Our encoder is tested on the cell counts of lung atlases.", "celltypeannotation", False),
        (
            "We run a membership inference attack on the released network.",
            "membershipinference",
            True,
        ),
        ("We run an inference server for the released network.", "membershipinference", False),
        ("The agents need function calling to finish each ward chore.", "tooluse", True),
        ("The agents need careful planning to finish each ward chore.", "tooluse", False),
    ],
)
def test_named_tasks_in_the_vocabulary(
    nlp_rules: Language, abstract: str, task: str, is_asserted: bool
) -> None:
    assert (task in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


def test_free_image_kinds_count_as_images_for_image_task_variants() -> None:
    from kg.nlp.components.concepts import image_task_variants

    heads = {"grading": "imageclassification"}
    fundus = ConceptMatch(0, 2, "modality", "fundusphotography", 0.9, "vocab:alt")
    kind = ConceptMatch(4, 6, "modality", "wardimage", 0.45, "pattern:kind+same_data")
    task = ConceptMatch(8, 10, "task", "stagegrading", 0.55, "pattern:compound_task")

    def key(matches: list[ConceptMatch], rule: str) -> str:
        out = image_task_variants(
            matches, frozenset(), heads, frozenset({"fundusphotography"}), image_kind_rule=rule
        )
        return out[-1].key

    # "<kind> images" are images: the grading is image classification
    assert key([fundus, kind, task], "pattern:kind") == "imageclassification"
    # any other modality outside the image keys still keeps the free phrase
    assert key([fundus, kind, task], "pattern:other") == "stagegrading"


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # an outcome the sentence predicts or scores is the predicted outcome
        ("We test the ward model on mortality and report an AUROC of 0.81.", True),
        ("On readmissions within a month, the ward model reaches an AUPRC of 0.41.", True),
        # an outcome without a prediction or a score is no task
        ("The ward model was built where mortality after surgery is high.", False),
        # an outcome right before a model noun is what the model predicts (branch tasks17)
        ("We recalibrated a gradient-boosted mortality model for two surgical wards.", True),
        ("Two wards used readmission models built by a vendor in 2019.", True),
        # an animal model or a covariate is no predictor of the paper (branch review17b)
        ("We grade liver slides from a murine sepsis mortality model.", False),
        ("Times were compared after adjustment for a validated mortality model.", False),
        # the same outcome before another noun is a statistic, no task
        ("We recalibrated a gradient-boosted model where mortality rates were high.", False),
    ],
)
def test_an_outcome_predicted_or_scored_is_disease_prediction(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    found = rules_tasks(nlp_rules, "A ward model", abstract)
    assert ("diseaseprediction" in found) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # retrieval from reports to scans (or back) crosses image and text
        ("We rank scans for each note in report-to-image retrieval.", True),
        ("We rank scans for each note in image-to-report retrieval.", True),
        # retrieval of texts by texts does not
        ("We rank notes for each note in note-to-note retrieval.", False),
    ],
)
def test_retrieval_between_reports_and_images(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("imagetextretrieval" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # an image modality's acronym modifies a task head like its long form
        ("We fine-tune the encoder on four CT classification tasks.", True),
        ("The encoder does well at MRI classification, said the team.", True),
        # other capitalised modifiers still end the compound
        ("The encoder does well at NLP classification, said the team.", False),
    ],
)
def test_an_image_modality_acronym_modifies_a_task(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("imageclassification" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "task", "is_asserted"),
    [
        # a free task compound before a data noun names the data, not a task
        ("We score nodules on low-dose CT screening scans.", "ctscreening", False),
        ("We keep a log of plaque quantification images.", "plaquequantification", False),
        # without the data noun it is a task
        ("We keep a log of plaque quantification at night.", "plaquequantification", True),
    ],
)
def test_a_free_compound_before_a_data_noun(
    nlp_rules: Language, abstract: str, task: str, is_asserted: bool
) -> None:
    assert (task in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # the part of a generative model that removes noise is no task
        ("We fine-tune the denoising U-Net of a latent diffusion model on scans.", False),
        ("We fine-tune the denoising network of a latent diffusion model on scans.", False),
        # removing noise from the scans is
        ("We study denoising of low-dose scans with a small network.", True),
    ],
)
def test_a_denoising_network_is_no_denoising_task(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("imagedenoising" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # bare generation in a sentence about images makes images
        ("One network handles skin image captioning and generation.", True),
        # without images, or with what is generated named, it does not
        ("One network handles ward letter drafting and generation.", False),
        ("One network handles the generation of letters from skin images.", False),
    ],
)
def test_bare_generation_about_images(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("imagegeneration" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # a classifier trained or tested on images classifies images
        ("We trained a small convolutional classifier on 9,000 knee radiographs.", True),
        ("Two classifiers were fitted to the photographs of each ward.", True),
        # without images it is no image task; classifier-free guidance is no classifier
        ("We trained a small gradient-boosted classifier on admission vitals.", False),
        ("Sampling used classifier-free guidance to render the scans.", False),
        # a classifier of the reports about images classifies text
        ("We tuned a BERT classifier on the radiology reports of 5,000 CT scans.", False),
    ],
)
def test_a_classifier_on_images_is_image_classification(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("imageclassification" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # a detector run on images or video frames detects objects
        ("A lightweight detector marked every instrument in the video frames.", True),
        ("We fitted a one-stage detector to 4,000 dental radiographs.", True),
        # an anomaly detector is anomaly detection; without images there is no object task
        ("An anomaly detector flagged unusual scans before reading.", False),
        ("A keyword detector scanned the discharge letters.", False),
        # the sensor of an imaging device detects photons, not objects
        ("All scans were acquired on a photon-counting detector CT at low dose.", False),
        ("Projection images came from a flat-panel detector with 0.2 mm pixels.", False),
        ("The scanner has 64 detector rows and images the whole heart.", False),
    ],
)
def test_a_detector_on_images_is_object_detection(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("objectdetection" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # a diagnostic measure with its score evaluates the model's diagnoses
        ("We ask the agent about each vignette. Its diagnostic accuracy was 61.5%.", True),
        ("We ask the agent about each vignette. It reaches a diagnostic AUC of 0.88.", True),
        # without a score it is motivation; a diagnostic test is no measure of the model
        ("We train the agent to raise its diagnostic accuracy on vignettes.", False),
        ("We ask the agent about 40 diagnostic tests ordered on the ward.", False),
        # a year is no score
        ("We ask the agent about vignettes. In 2023, diagnostic accuracy was a concern.", False),
    ],
)
def test_a_scored_diagnostic_measure_is_diagnosis(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("diagnosis" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # retrieval of documents for search queries is the task
        ("We build a search system that performs retrieval over guideline passages.", True),
        # a property or part of a retrieval component names the component
        ("Our agent doubles the retrieval speed over guideline passages.", False),
        ("The retrieval pool holds guideline passages from four sources.", False),
        ("A retrieval engine indexes the guideline passages.", False),
    ],
)
def test_a_part_of_a_retrieval_component_is_no_retrieval_task(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("informationretrieval" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # the phases of an operation are a task of their own, not actions
        (
            "We train one video network for surgical phase recognition in cataract videos.",
            {"surgicalphaserecognition"},
        ),
        # beside a task whose label names one kind of object, another object is another task
        (
            "We train one video network for surgical phase recognition and for instrument"
            " gesture recognition in robotic suturing videos.",
            {"surgicalphaserecognition", "instrumentgesturerecognition"},
        ),
        (
            "We train one video network for action recognition and for gesture recognition"
            " in sports clips.",
            {"actionrecognition", "gesturerecognition"},
        ),
        # a label that names the kind of data still takes its variants
        (
            "We train one network for image classification of knee radiographs and for"
            " fracture classification.",
            {"imageclassification"},
        ),
    ],
)
def test_a_task_named_by_its_object_takes_no_variants(
    nlp_rules: Language, abstract: str, expected: set[str]
) -> None:
    assert rules_tasks(nlp_rules, "A study", abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # an object named by four words is kept whole, not cut after its third word
        (
            "We study right atrial pressure waveform estimation from home sensor traces.",
            {"rightatrialpressurewaveformestimation"},
        ),
        (
            "We study mean arterial pressure estimation from home sensor traces.",
            {"meanarterialpressureestimation"},
        ),
    ],
)
def test_a_four_word_object_is_kept_whole(
    nlp_rules: Language, abstract: str, expected: set[str]
) -> None:
    assert rules_tasks(nlp_rules, "A study", abstract) == expected


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        # a list member beside a record field, with a joiner between
        ("scans were generated from weight , sex and diagnosis labels", 8, True),
        ("we recorded diagnosis , procedures and outcomes", 2, True),
        # no joiner between, or the field outside the reach: no list
        ("the sex of each diagnosis was recorded", 4, False),
        ("sex was recorded for every one of the diagnosis labels", 8, False),
        ("we study diagnosis , procedures planning and triage", 2, False),
    ],
)
def test_listed_with_finds_a_list_member(text: str, index: int, expected: bool) -> None:
    from kg.nlp.components.concept_matching import listed_with

    doc = spacy.blank("en")(text)
    fields = frozenset({"sex", "procedures"})
    assert listed_with(doc, index, index + 1, fields) is expected


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # diagnosis as the model's output is the task
        ("Our network reads each knee radiograph and outputs a diagnosis for the patient.", True),
        # a diagnosis listed beside record fields is a field of the data
        ("Our network renders knee radiographs conditioned on weight, sex and diagnosis.", False),
        ("Each visit record holds the diagnosis, medications and procedures.", False),
        # a field word that only modifies another task of the list makes no record
        (
            "Our model performs diagnosis, symptom extraction and medication recommendation"
            " from clinical notes.",
            True,
        ),
    ],
)
def test_a_diagnosis_listed_with_record_fields_is_data(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("diagnosis" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        # a word capitalised only because it opens the sentence is a modifier
        ("Kidney stone counting from plain films", "We train a network on films.", True),
        ("A study", "Kidney stone counting is done by a network on plain films.", True),
        # in the middle of a sentence a capitalised word is a name, not a modifier
        ("A study", "We run the Kidney stone counting on plain films.", False),
    ],
)
def test_a_sentence_opener_is_a_modifier(
    nlp_rules: Language, title: str, abstract: str, expected: bool
) -> None:
    assert ("kidneystonecounting" in rules_tasks(nlp_rules, title, abstract)) is expected


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        ("A network does stone counting from plain films.", True),
        # a task word before a measure noun names the measure
        ("A network cut the stone counting latency on plain films.", False),
        ("A network cut the stone counting time on plain films.", False),
    ],
)
def test_a_task_compound_before_a_measure_noun(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("stonecounting" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


def test_an_image_word_inside_a_report_in_a_task_is_no_image_data(nlp_rules: Language) -> None:
    from kg.corpus.models import paper_text

    def modalities(title: str, abstract: str) -> set[str]:
        doc = nlp_rules(paper_text(title, abstract))
        return {
            s.kb_id_
            for s in doc.spans["kg_concepts"]
            if s.label_ == "modality" and s._.kg_confidence >= LINK_THRESHOLD
        }

    # "pathology report" is clinical text: its image word names the report's kind
    assert "histopathology" not in modalities(
        "Pathology report summarisation", "We fine-tune encoders on them."
    )
    # slides in a task phrase are the paper's image data
    assert "histopathology" in modalities(
        "Histopathology slide summarisation", "We fine-tune encoders on them."
    )


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # the model's own grading is its task
        ("Our network performs severity grading of knee radiographs from 30 clinics.", True),
        # how the labels were made is no task of the model
        (
            "Our network reads knee radiographs from 30 clinics. The reference standard was"
            " severity grading by two readers.",
            False,
        ),
        (
            "Our network reads knee radiographs from 30 clinics. Its ground truth came from"
            " severity grading by two readers.",
            False,
        ),
    ],
)
def test_the_reference_standard_names_no_task(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("imageclassification" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # beside object detection, localising an object in an image is detecting it
        (
            "A one-stage detector on the knee radiographs handles object detection, and we"
            " also study patella localization.",
            {"objectdetection"},
        ),
        # alone it stays the paper's own phrase
        (
            "Patella localization on knee radiographs is done by a small network.",
            {"patellalocalization"},
        ),
    ],
)
def test_localization_beside_object_detection_is_object_detection(
    nlp_rules: Language, abstract: str, expected: set[str]
) -> None:
    assert rules_tasks(nlp_rules, "A study", abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        ("A small decoder generates realistic retinal scans from noise.", True),
        # prompts generated for a segmenter are no images
        ("A small encoder generates dense prompts from each retinal scan.", False),
    ],
)
def test_generated_prompts_are_no_image_generation(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("imagegeneration" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # the labels serve the task: ground truth for it, or used to train it
        (
            "We evaluate two networks on 500 chest CT scans. The ground truth for nodule"
            " detection came from three readers.",
            True,
        ),
        (
            "We trained a U-Net on 300 abdominal CT scans with ground truth masks for"
            " liver tumor segmentation.",
            True,
        ),
        # the labels were made by the task: it is no task of the model
        (
            "We trained a U-Net on 300 abdominal CT scans. The ground truth was manual"
            " liver tumor segmentation by two readers.",
            False,
        ),
    ],
)
def test_ground_truth_for_a_task_keeps_the_task(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    tasks = rules_tasks(nlp_rules, "A study", abstract)
    key = "objectdetection" if "detection" in abstract else "imagesegmentation"
    assert (key in tasks) is is_asserted


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        (["the", "best", "judge", "with"], True),
        (["a", "detector", "with", "passage", "-", "level"], True),
        (["llama-3", "with"], True),
        (["notes", "annotated", "with"], False),
        (["a", "detector", "with", "high", "recall", "for"], False),
        (["a", "judge", "with", ",", "in", "turn"], False),
        (["with"], False),
    ],
)
def test_names_a_component(left: list[str], expected: bool) -> None:
    assert names_a_component(left, frozenset({"judge", "detector"})) is expected


def test_task_inside_another_system_is_not_the_papers(nlp: Language) -> None:
    """A task after "<system> with" says how that system works; named as the paper's own
    work elsewhere it stays."""
    part = (
        "We build a benchmark of unsupported claims in discharge letters. The best detector, "
        "a GPT-4 judge with evidence retrieval, flags 70% of them."
    )
    assert "informationretrieval" not in asserted(nlp, part)
    own = (
        "We build a benchmark for evidence retrieval from trial registries. The best system "
        "pairs a GPT-4 judge with evidence retrieval."
    )
    assert "informationretrieval" in asserted(nlp, own)


@pytest.mark.parametrize(
    ("abstract", "key", "is_task"),
    [
        # the item screened makes the task
        ("We build a ranker for citation screening in reviews.", "citationscreening", True),
        ("We apply the model to virtual screening of ligands.", "virtualscreening", True),
        # a means, a population or a verb before "screening" names the setting
        (
            "We test the network in ultrasonography screening of adults.",
            "ultrasonographyscreening",
            False,
        ),
        ("The tool was deployed in rural community screening.", "communityscreening", False),
    ],
)
def test_a_free_screening_compound_needs_the_item_screened(
    nlp_rules: Language, abstract: str, key: str, is_task: bool
) -> None:
    assert (key in rules_tasks(nlp_rules, "A study", abstract)) is is_task


def test_names_setting() -> None:
    from kg.nlp.components.concept_matching import names_setting

    items = {"screening": frozenset({"study"})}
    assert names_setting("screening", "population", items)
    assert not names_setting("screening", "studies", items)
    assert not names_setting("classification", "population", items)


@pytest.mark.parametrize(
    ("abstract", "key", "is_task"),
    [
        ("The alert came two hours before nurse recognition of shock.", "nurserecognition", False),
        ("The network performs shock recognition from vital signs.", "shockrecognition", True),
    ],
)
def test_a_free_task_compound_on_a_person_is_their_act(
    nlp_rules: Language, abstract: str, key: str, is_task: bool
) -> None:
    assert (key in rules_tasks(nlp_rules, "A study", abstract)) is is_task


def test_names_doer() -> None:
    from kg.nlp.components.concept_matching import names_doer

    assert names_doer("surgeons", frozenset({"surgeon"}))
    assert not names_doer("tumour", frozenset({"surgeon"}))


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        ("A gradient-boosted model was trained to predict dementia within two years.", True),
        ("Our score was built to predict 5-year pancreatic cancer from routine labs.", True),
        # no horizon: the present state a test detects, not a risk
        ("The app predicts influenza infection from a throat photograph.", False),
    ],
)
def test_a_disease_predicted_within_a_horizon_is_disease_prediction(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("diseaseprediction" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


def test_states_horizon() -> None:
    from kg.nlp.components.concept_matching import states_horizon

    units = frozenset({"month", "months"})
    assert states_horizon(["relapse", "within", "six", "months"], units)
    assert states_horizon(["12-month", "relapse"], units)
    assert not states_horizon(["relapse", "in", "adults"], units)


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        ("We train a survival network for risk stratification of kidney cancer patients.", True),
        # stratifying by something other than risk is no prediction
        ("We train a survival network after stratification of patients by age.", False),
    ],
)
def test_risk_stratification_is_disease_prediction(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("diseaseprediction" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        ("The tuned model answers 71.2% of the board questions correctly.", True),
        ("The tuned model answers 71.2% of the time within a second.", False),
    ],
)
def test_a_share_before_the_object_is_skipped(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("questionanswering" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


def test_proportion_end() -> None:
    from kg.nlp.components.concept_matching import proportion_end

    doc = spacy.blank("en")("finds 12 percent of nodules and 12 nodules")
    assert proportion_end(doc, 1) == 4
    assert proportion_end(doc, 6) == 6


@pytest.mark.parametrize(
    ("title", "key", "is_task"),
    [
        ("Screening Citations for Reviews with a Small Language Model", "citationscreening", True),
        ("Screening Colonoscopy in a Rural District", "colonoscopyscreening", False),
    ],
)
def test_a_title_screening_verb_needs_the_item_screened(
    nlp_rules: Language, title: str, key: str, is_task: bool
) -> None:
    assert (key in rules_tasks(nlp_rules, title, "We report a study.")) is is_task


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        ("A transformer is proposed for discharge summarization. It is tested on notes.", True),
        # an adverb of common practice: the field's work, not the paper's
        (
            "Transformers are widely proposed for discharge summarization. We test a tagger.",
            False,
        ),
    ],
)
def test_a_widely_proposed_task_is_background(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("summarization" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        ("We benchmark encoders on six clinical prediction tasks from ICU records.", True),
        ("We benchmark encoders on six clinical coding tasks from ICU records.", False),
    ],
)
def test_clinical_prediction_is_disease_prediction(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("diseaseprediction" in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("abstract", "key", "is_asserted"),
    [
        # an expectation, a fit or a candidacy points at a possible use (tasks16b)
        (
            "We release a tagger for discharge notes, which we expect to speed up "
            "summarization of long stays.",
            "summarization",
            False,
        ),
        (
            "We train a compact encoder on chest radiographs. Its speed makes it well suited "
            "to image segmentation at the bedside.",
            "imagesegmentation",
            False,
        ),
        (
            "We train a compact encoder on fundus photographs, a practical candidate for "
            "image classification in primary care.",
            "imageclassification",
            False,
        ),
        (
            "We design a prompting scheme inspired by clinical diagnosis and test it on "
            "pharmacology questions.",
            "diagnosis",
            False,
        ),
        # the same tasks stated as the paper's own work
        (
            "We release a tagger for discharge notes and expect little drift; it performs "
            "summarization of long stays.",
            "summarization",
            True,
        ),
        (
            "We train a compact encoder for image segmentation of chest radiographs at the "
            "bedside.",
            "imagesegmentation",
            True,
        ),
        (
            "We train a compact encoder for image classification of fundus photographs, "
            "ranking each candidate lesion.",
            "imageclassification",
            True,
        ),
        (
            "We design a prompting scheme for clinical diagnosis and test it on "
            "pharmacology questions.",
            "diagnosis",
            True,
        ),
    ],
)
def test_expected_or_suited_uses_are_background(
    nlp_rules: Language, abstract: str, key: str, is_asserted: bool
) -> None:
    assert (key in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # a title's reasoning followed by its purpose is the means toward that purpose
        (
            "Stepwise Reasoning for Discharge Note Summarization\n\nWe train a model.",
            False,
        ),
        (
            "Guideline-Aware Reasoning With Small Models for Sepsis Triage\n\nWe train a model.",
            False,
        ),
        # reasoning as the title's own end, or after its "for", is the paper's task
        ("Stepwise Reasoning in Small Clinical Models\n\nWe train a model.", True),
        ("A Benchmark for Pharmacology Reasoning\n\nWe build a benchmark.", True),
    ],
)
def test_a_title_reasoning_toward_a_purpose_is_a_means(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    conf = task_confidence(nlp, text)
    assert (conf.get("medicalreasoning", 0.0) >= LINK_THRESHOLD) is is_asserted


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # "ground X in Y": the verb bases an output on evidence
        (
            "XrayAnchor: grounding chest radiograph report generation in anatomical regions"
            "\n\nWe train a model.",
            False,
        ),
        (
            "Anchoring answers\n\nOur model adds a grounding step in which it marks the region "
            "of the chest radiograph behind each answer.",
            False,
        ),
        # the task itself: a prepositional object, or none before its preposition
        (
            "Anchoring findings\n\nWe train a model for grounding of findings in chest "
            "radiographs.",
            True,
        ),
        (
            "Anchoring findings\n\nWe train a model for grounding on chest radiographs.",
            True,
        ),
    ],
)
def test_grounding_with_its_own_object_is_a_verb(
    nlp_rules: Language, text: str, is_asserted: bool
) -> None:
    title, abstract = text.split("\n\n")
    assert ("visualgrounding" in rules_tasks(nlp_rules, title, abstract)) is is_asserted


@pytest.mark.parametrize(
    ("title", "abstract", "detects_objects"),
    [
        # a bare "detector" in a paper about another kind of detection is that detector
        (
            "Catching unsupported sentences",
            "We study hallucination detection in chest X-ray reports. Our detector compares "
            "each sentence with the radiograph.",
            False,
        ),
        # alone, or beside other evidence of object detection, it detects objects
        (
            "Catching rib fractures",
            "We study chest CT scans of trauma patients. Our detector marks each rib fracture "
            "on the scan.",
            True,
        ),
        (
            "Catching polyps and unsupported sentences",
            "We study polyp detection in colonoscopy video and hallucination detection in its "
            "reports. Our detector marks each polyp in the frame.",
            True,
        ),
    ],
)
def test_a_bare_detector_gives_way_to_the_papers_detection_task(
    nlp_rules: Language, title: str, abstract: str, detects_objects: bool
) -> None:
    assert ("objectdetection" in rules_tasks(nlp_rules, title, abstract)) is detects_objects


# -- branch tasks16: inpainting synthesises image content: image generation --------------------


def test_inpainting_is_image_generation(nlp: Language) -> None:
    text = "We propose a diffusion model for inpainting of metal artefacts in dental CT."
    assert "imagegeneration" in asserted(nlp, text)


def test_painting_words_without_inpainting_are_no_image_generation(nlp: Language) -> None:
    text = "We classify digitised paintings of skin lesions from an atlas of 1890."
    assert "imagegeneration" not in asserted(nlp, text)


@pytest.mark.parametrize(
    ("abstract", "key", "is_asserted"),
    [
        # a complement cue closed by a comma, or without its complement, leaves the task the
        # paper's own (review16a)
        (
            "Inspired by how pathologists trace glands, we build a network for image "
            "segmentation of colon biopsies.",
            "imagesegmentation",
            True,
        ),
        (
            "The first stage proposes candidate regions and the second refines them for image "
            "segmentation of the liver.",
            "imagesegmentation",
            True,
        ),
        (
            "We expect the encoder to transfer, and we train it for image segmentation of "
            "kidneys in CT scans.",
            "imagesegmentation",
            True,
        ),
        # the cue with its complement reaching the task is still a possible use
        (
            "We train a compact encoder on liver CT scans, a candidate for image segmentation "
            "in low-resource clinics.",
            "imagesegmentation",
            False,
        ),
        (
            "We build a prompting scheme inspired by image segmentation and test it on "
            "pharmacology questions.",
            "imagesegmentation",
            False,
        ),
    ],
)
def test_complement_cues_reach_only_through_their_complement(
    nlp_rules: Language, abstract: str, key: str, is_asserted: bool
) -> None:
    assert (key in rules_tasks(nlp_rules, "A study", abstract)) is is_asserted


@pytest.mark.parametrize(
    ("clause", "reaches"),
    [
        (["well", "suited", "to"], True),
        (["each", "candidate", "prompt", "for"], False),
        (["inspired", "by", "readers", ",", "we", "build", "a", "model", "for"], False),
    ],
)
def test_complement_cue_reaches(clause: list[str], reaches: bool) -> None:
    from kg.nlp.components.concepts import complement_cue_reaches

    cues = frozenset({"suited", "candidate", "inspired"})
    assert complement_cue_reaches(clause, cues) is reaches


@pytest.mark.parametrize(
    ("abstract", "is_asserted"),
    [
        # grounding phrases in images is visual grounding itself (review16a)
        ("We train a model for grounding written findings in chest X-ray images.", True),
        # grounding an output in other evidence stays the verb
        (
            "Our model, trained on chest radiographs, writes reports grounding each sentence "
            "in retrieved guidelines.",
            False,
        ),
    ],
)
def test_grounding_phrases_in_images_is_the_task(
    nlp_rules: Language, abstract: str, is_asserted: bool
) -> None:
    assert ("visualgrounding" in rules_tasks(nlp_rules, "Anchoring findings", abstract)) is (
        is_asserted
    )


@pytest.mark.parametrize(
    ("abstract", "detects_objects"),
    [
        # a detector that names its own object detects it (review16a)
        (
            "We train a fracture detector on chest CT scans. We also study hallucination "
            "detection in the generated reports.",
            True,
        ),
        (
            "We train a detector of rib fractures on chest CT scans. We also study "
            "hallucination detection in the generated reports.",
            True,
        ),
        # its object is the other task's own word, or a quality of the system: it gives way
        (
            "We study hallucination detection in chest X-ray reports. Our hallucination "
            "detector compares each sentence with the radiograph image.",
            False,
        ),
        (
            "We study hallucination detection in chest X-ray reports. A lightweight detector "
            "compares each sentence with the radiograph image.",
            False,
        ),
    ],
)
def test_a_detector_naming_its_object_keeps_object_detection(
    nlp_rules: Language, abstract: str, detects_objects: bool
) -> None:
    assert ("objectdetection" in rules_tasks(nlp_rules, "Catching errors", abstract)) is (
        detects_objects
    )


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # reasoning that modifies the next noun: the "for" belongs to that noun (review16a)
        ("A Reasoning Benchmark for Emergency Medicine\n\nWe build a benchmark.", True),
        ("Reasoning Models for Oncology Consults\n\nWe test three models.", True),
        # reasoning ending its phrase before "for" is still the means
        ("Stepwise Reasoning for Oncology Consults\n\nWe test three models.", False),
    ],
)
def test_a_title_reasoning_modifying_a_noun_stays_the_task(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    conf = task_confidence(nlp, text)
    assert (conf.get("medicalreasoning", 0.0) >= LINK_THRESHOLD) is is_asserted


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # a sentence opened by "Limitations" lists what the work leaves out (branch tasks17)
        (
            "A grounded VQA model\n\nWe train a model that answers questions about chest"
            " radiographs. Limitations include a single centre and no study of report"
            " generation.",
            False,
        ),
        # the same task stated as done, in a sentence opened otherwise
        (
            "A grounded VQA model\n\nWe train a model that answers questions about chest"
            " radiographs. Evaluation also covers report generation on a single centre.",
            True,
        ),
        # limitations of the paper's own study, named as such (branch review17b)
        (
            "A grounded VQA model\n\nWe train a model that answers questions about chest"
            " radiographs. Limitations of this study are one centre and no report generation.",
            False,
        ),
        # limitations of other tools that the paper's own task remedies are no list of its own
        (
            "A grounded VQA model\n\nWe train a model that answers questions about chest"
            " radiographs. Limitations of template-based reporting are overcome by our"
            " retrieval approach to report generation.",
            True,
        ),
    ],
)
def test_a_limitations_sentence_names_no_task_of_the_paper(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    assert ("reportgeneration" in asserted(nlp, text)) is is_asserted
    assert "reportgeneration" in task_confidence(nlp, text)


@pytest.mark.parametrize(
    ("text", "task", "is_asserted"),
    [
        # a clause that denies the work (branch tasks17)
        (
            "Long discharge summaries\n\nWe summarise admissions with a long-context model."
            " Mortality prediction, which could share the same encoder, was not evaluated.",
            "diseaseprediction",
            False,
        ),
        (
            "Long discharge summaries\n\nWe summarise admissions with a long-context model."
            " Mortality prediction from the same encoder was evaluated on 2,000 stays.",
            "diseaseprediction",
            True,
        ),
        # a denial in a later clause of the sentence is about something else
        (
            "Long discharge summaries\n\nWe summarise admissions with a long-context model."
            " We report mortality prediction from the same encoder, but sepsis was not studied.",
            "diseaseprediction",
            True,
        ),
        # a gap in the field the paper fills is no denial of its work (branch review17b)
        (
            "Long discharge summaries\n\nWe summarise admissions with a long-context model."
            " Mortality prediction from such summaries has not been studied before.",
            "diseaseprediction",
            True,
        ),
        (
            "Long discharge summaries\n\nWe summarise admissions with a long-context model."
            " Mortality prediction from such summaries is not well studied.",
            "diseaseprediction",
            True,
        ),
        # a denied clause closed by "before" is a gap too
        (
            "Ophthalmic chat models\n\nWe probe a chat model with 500 board-style items. The"
            " model, never tested for question answering in eye care before, scored 71%.",
            "questionanswering",
            True,
        ),
        # a contrast is no denial either
        (
            "A chest radiograph assistant\n\nWe release a model that drafts findings for"
            " radiographs. The model is not just intended for diagnosis by radiologists.",
            "diagnosis",
            True,
        ),
        # a use denied right before the task
        (
            "A chest radiograph assistant\n\nWe release a model that drafts findings for"
            " radiographs. The model is not intended for diagnosis by untrained staff.",
            "diagnosis",
            False,
        ),
        (
            "A chest radiograph assistant\n\nWe release a model that drafts findings for"
            " radiographs. The model is intended for diagnosis by untrained staff.",
            "diagnosis",
            True,
        ),
    ],
)
def test_a_denied_task_is_no_work_of_the_paper(
    nlp: Language, text: str, task: str, is_asserted: bool
) -> None:
    assert (task in asserted(nlp, text)) is is_asserted
    assert task in task_confidence(nlp, text)


def test_denied_after_reads_one_clause_past_a_relative_clause() -> None:
    verbs = frozenset({"evaluated", "addressed"})
    # the relative clause is skipped, the denial is the mention's own predicate
    assert denied_after(
        ["and", "triage", ",", "which", "could", "help", ",", "were", "not", "evaluated", "."],
        verbs,
    )
    assert denied_after(["is", "never", "addressed", "here", "."], verbs)
    # a plain comma ends the clause; a later subject's denial is its own
    assert not denied_after(
        ["on", "ward", "data", ",", "and", "the", "cost", "was", "not", "evaluated", "."], verbs
    )
    assert not denied_after(["was", "not", "only", "evaluated", "on", "ct", "."], verbs)
    assert not denied_after(["was", "evaluated", "on", "two", "sites", "."], verbs)


def test_denied_use_before_needs_the_preposition_right_before_the_task() -> None:
    verbs = frozenset({"used", "intended"})
    assert denied_use_before(["it", "must", "not", "be", "used", "for"], verbs)
    assert not denied_use_before(
        ["it", "must", "not", "be", "used", "for", "the", "study", "of"], verbs
    )
    assert not denied_use_before(["it", "was", "used", "for"], verbs)


def test_lists_limitations_needs_a_listing_verb_or_the_papers_own_work() -> None:
    # "Limitations include/are/:" or "Limitations of this study ..." list the work's limits
    assert lists_limitations(["include", "a", "single", "centre"])
    assert lists_limitations([":", "a", "single", "centre"])
    assert lists_limitations(["of", "our", "work", "are", "a", "single", "centre"])
    # limitations of something else that the sentence goes on to remedy (branch review17b)
    assert not lists_limitations(["of", "manual", "grading", "motivate", "automated", "tools"])
    assert not lists_limitations(["in", "label", "budgets", "are", "overcome", "by", "our"])
    assert not lists_limitations([])


def test_denies_reads_contrasts_and_research_gaps_as_no_denial() -> None:
    verbs = frozenset({"evaluated", "studied", "used", "intended"})
    assert denies(["evaluated", "."], verbs)
    assert denies(["intended", "for"], verbs)
    # a research gap (branch review17b)
    assert not denies(["been", "studied"], verbs)
    assert not denies(["yet", "evaluated"], verbs)
    assert not denies(["previously", "evaluated"], verbs)
    assert not denies(["well", "studied"], verbs)
    # a contrast
    assert not denies(["only", "used"], verbs)
    assert not denies(["merely", "used"], verbs)


def test_any_before_finds_an_animal_or_covariate_word_before_the_outcome() -> None:
    words = frozenset({"murine", "adjustment"})
    # an animal model or a covariate (branch review17b)
    assert any_before(["in", "a", "murine", "sepsis"], words)
    assert any_before(["adjustment", "for", "a", "validated"], words)
    # the paper's own predictor
    assert not any_before(["we", "trained", "a", "gradient-boosted"], words)
    assert not any_before(["in", "a", "murine", "sepsis"], frozenset())


def test_gap_ends_clause_reads_a_closing_adverb_not_a_preposition() -> None:
    # "... before," closes the clause: a gap the paper fills (branch review17b)
    assert gap_ends_clause(["in", "eye", "care", "before", ",", "scored"])
    assert gap_ends_clause(["in", "children", "yet", "."])
    # "before" opening a phrase is a preposition, the denial stands
    assert not gap_ends_clause(["before", "resection", "was", "not", "evaluated", "."])
    assert not gap_ends_clause(["was", "not", "evaluated", "."])
