"""kg_concepts, issue 15 items 2 and 6 (found with the blind concept batches 2 and 3): the task a
verb names by its object (diseases, hallucinations, identifiers, findings, images, texts), the
agreement of a verb-object label with its object class, generic question answering folded into
visual question answering, one-token detection metrics, tool-qualified metrics, named scores,
modalities inside non-image modality phrases and the 3D-volume rule after them. Fresh short
sentences, each decision on both sides of its boundary."""

from __future__ import annotations

import pytest
import spacy
from concept_helpers import asserted
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp.components.concept_matching import (
    ObjectRule,
    has_suffix,
    is_measure_name,
    metric_prefix,
    metric_variant_target,
    named_once,
    object_rule,
    tool_metric_key,
)
from kg.nlp.components.concepts import (
    ConceptMatch,
    fold_generic_tasks,
    fold_metric_variants,
    merge_metric_qualifiers,
    modalities_inside_tasks,
)

# -- pure functions ---------------------------------------------------------------------------


def test_has_suffix_needs_a_stem_of_three_letters() -> None:
    assert has_suffix(["chronic", "gastritis"], ["itis"])
    assert has_suffix(["fibrosis"], ["osis"])
    assert not has_suffix(["osis"], ["osis"])
    assert not has_suffix(["xosis"], ["osis"])  # a stem of one letter
    assert not has_suffix(["ptosis"], ["osis"])  # a stem of two letters
    assert has_suffix(["sepsis", "cirrhosis"], ["osis"])
    assert not has_suffix(["speakers"], ["itis", "osis"])


def test_object_rule_reads_object_suffixes() -> None:
    rules = [ObjectRule(frozenset({"detection"}), "dx", object_suffixes=("itis",))]
    assert object_rule("detection", ["acute", "appendicitis"], rules, image=False) is not None
    assert object_rule("detection", ["acute", "appendix"], rules, image=False) is None


def test_metric_prefix() -> None:
    assert metric_prefix("mAP@0.5") == "map"
    assert metric_prefix("AP@0.75") == "ap"
    assert metric_prefix("AP75") == "ap"
    assert metric_prefix("mAP50-95") == "map"
    assert metric_prefix("R@10") == "r"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("RadGraph", True),
        ("CheXbert", True),
        ("GREEN", True),
        ("Dice", False),  # one capital: an ordinary word opening a sentence
        ("F1", False),  # a digit: not a tool name
        ("GPT4", False),
        ("X", False),
        ("macro", False),
    ],
)
def test_is_measure_name(word: str, expected: bool) -> None:
    assert is_measure_name(word) is expected


def test_named_once_counts_other_uses_of_the_name() -> None:
    d = spacy.blank("en")("RadGraph F1 rose ; RadGraph F1 again ; SciBERT F1 and SciBERT alone")
    heads = frozenset({"F1"})
    assert named_once(d, 0, heads)
    assert not named_once(d, 8, heads)


def test_fold_generic_tasks_only_folds_rule_read_mentions() -> None:
    rules = frozenset({"pattern:task_by_object"})
    vqa = ConceptMatch(0, 3, "task", "vqa", 0.95, "vocab:pref")
    qa_rule = ConceptMatch(5, 7, "task", "qa", 0.7, "pattern:task_by_object")
    qa_label = ConceptMatch(9, 10, "task", "qa", 0.75, "gate:gate_qa")
    assert [m.key for m in fold_generic_tasks([vqa, qa_rule], {"qa": "vqa"}, rules)] == [
        "vqa",
        "vqa",
    ]
    # QA named by a label too: two tasks
    keys = [m.key for m in fold_generic_tasks([vqa, qa_rule, qa_label], {"qa": "vqa"}, rules)]
    assert keys == ["vqa", "qa", "qa"]
    # no VQA in the paper: QA stays
    assert [m.key for m in fold_generic_tasks([qa_rule], {"qa": "vqa"}, rules)] == ["qa"]
    # VQA only read by a folding rule itself does not count as named
    vqa_rule = ConceptMatch(0, 3, "task", "vqa", 0.7, "pattern:task_by_object")
    assert [m.key for m in fold_generic_tasks([vqa_rule, qa_rule], {"qa": "vqa"}, rules)] == [
        "vqa",
        "qa",
    ]


def test_modalities_inside_non_image_modality_phrases() -> None:
    images = frozenset({"chestxray"})
    report = ConceptMatch(3, 6, "modality", "radiologyreport", 0.85, "v")
    cxr = ConceptMatch(3, 5, "modality", "chestxray", 0.95, "v")
    outside = ConceptMatch(8, 10, "modality", "chestxray", 0.95, "v")
    reports = frozenset({"radiologyreport"})
    assert modalities_inside_tasks([report, cxr], [report], images, reports) == [cxr]
    assert modalities_inside_tasks([report, outside], [report], images, reports) == []
    # other text hosts nothing ("pathology reports" are clinical text)
    text = ConceptMatch(3, 6, "modality", "clinicaltext", 0.85, "v")
    assert modalities_inside_tasks([text, cxr], [text], images, reports) == []
    # an image modality phrase hosts nothing
    big = ConceptMatch(3, 6, "modality", "chestxray", 0.9, "v")
    assert modalities_inside_tasks([big, cxr], [big], images, reports) == []


# -- tasks by the object of their verb --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "task", "present"),
    [
        # a disease or condition detected, identified or screened for: diagnosis
        ("We detect atrial fibrillation in single-lead ECG strips.", "diagnosis", True),
        ("We identify cirrhosis on abdominal ultrasound.", "diagnosis", True),
        ("We detect Parkinson's disease from voice recordings.", "diagnosis", True),
        # things seen in images come first: object detection
        ("We detect polyps in colonoscopy frames.", "diagnosis", False),
        ("We detect polyps in colonoscopy frames.", "objectdetection", True),
        ("We identify the speakers in the recordings.", "diagnosis", False),
        # hallucinations in generated text
        ("We detect hallucinated statements in summaries.", "hallucinationdetection", True),
        ("We detect duplicated statements in summaries.", "hallucinationdetection", False),
        # identifiers removed or redacted: de-identification
        ("We redact protected health information from nursing notes.", "deidentification", True),
        ("We remove duplicate records from the registry.", "deidentification", False),
        # findings drafted from images: report generation, not image generation
        ("We draft findings for brain MRI studies.", "reportgeneration", True),
        ("We draft findings for brain MRI studies.", "imagegeneration", False),
        ("We generate synthetic brain MRI studies.", "imagegeneration", True),
        # images retrieved: image retrieval; passages: not
        ("The system retrieves similar scans from the archive.", "imageretrieval", True),
        ("We retrieve relevant passages for each query.", "imageretrieval", False),
        # texts simplified: text simplification
        ("We simplify discharge instructions for patients.", "textsimplification", True),
        ("We simplify the training procedure.", "textsimplification", False),
        # triage and sorting: image or text classification by what is sorted
        ("We triage chest radiographs into normal and abnormal.", "imageclassification", True),
        ("We triage patient messages by urgency.", "textclassification", True),
        ("We sort incoming referral letters by specialty.", "textclassification", True),
        ("We sort patients by age.", "textclassification", False),
    ],
)
def test_task_by_object_of_the_verb(nlp: Language, text: str, task: str, present: bool) -> None:
    assert (task in asserted(nlp, text, "task")) is present


def test_a_verb_object_label_its_object_class_names_is_asserted(nlp: Language) -> None:
    # "mortality prediction" is a vocabulary label and mortality an outcome: one mention counts
    assert "diseaseprediction" in asserted(
        nlp, "We forecast in-hospital mortality from vital signs.", "task"
    )
    # a capability is no task the paper performs
    assert "diseaseprediction" not in asserted(
        nlp, "The model can forecast in-hospital mortality.", "task"
    )


def test_title_questions_fold_into_visual_question_answering(nlp: Language) -> None:
    text = (
        "Answering questions about dermoscopy images\n\n"
        "We fine-tune a visual question answering model on 2,000 pairs."
    )
    assert asserted(nlp, text, "task") == {"visualquestionanswering"}
    both = "We evaluate visual question answering and medical question answering."
    assert asserted(nlp, both, "task") == {"visualquestionanswering", "questionanswering"}


def test_multiple_choice_questions_are_question_answering(nlp: Language) -> None:
    text = "We evaluate models on 900 multiple-choice questions from licensing exams."
    assert "questionanswering" in asserted(nlp, text, "task")
    written = "We generate multiple-choice questions from textbooks."
    assert "questionanswering" not in asserted(nlp, written, "task")


# -- metrics ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric", "present"),
    [
        ("We obtain an mAP@0.5 of 0.81.", "meanaverageprecision", True),
        ("We obtain an mAP@0.5:0.95 of 0.51.", "meanaverageprecision", True),
        # AP at an IoU threshold is the detection mAP of the GUIDELINES (results15b)
        ("We obtain an AP50 of 0.71 and an AP75 of 0.52.", "meanaverageprecision", True),
        ("We obtain an AP50 of 0.71 and an AP75 of 0.52.", "averageprecision", False),
        ("We obtain an mAP50 of 0.71.", "meanaverageprecision", True),
        ("We ran the AP5 pipeline.", "averageprecision", False),
        # a tool name qualifying F1 is one mention of F1 (a variant of F1 is F1)
        ("We report a RadGraph F1 of 0.26.", "radgraphf1", False),
        ("We report a RadGraph F1 of 0.26.", "f1", True),
        ("We report a BERTScore F1 of 0.88.", "bertscore", True),
        # a model the paper also names alone: its F1 is F1
        ("We fine-tune SciBERT. SciBERT F1 is 0.80.", "scibertf1", False),
        ("We fine-tune SciBERT. SciBERT F1 is 0.80.", "f1", True),
        # a task abbreviation before F1 is the F1 of that task
        ("Our NER F1 is 0.91.", "f1", True),
        # a score named by a name, with its value: the measure is the name
        ("We report a VERITAS score of 0.34.", "veritas", True),
        ("We report a VERITAS score of 0.34.", "veritasscore", False),
        ("We report the VERITAS score.", "veritas", False),
        # a quality noun before "score" is the measure; other nouns keep "score"
        ("Answers reach a helpfulness score of 0.71.", "helpfulness", True),
        ("Answers reach a helpfulness score of 0.71.", "helpfulnessscore", False),
        ("Answers reach a utility score of 0.71.", "utilityscore", True),
        # GREEN is a vocabulary metric (its own concept, not an open "GREEN score")
        ("We report a GREEN score of 0.34.", "green", True),
        ("We report a GREEN score of 0.34.", "greenscore", False),
        # "<Model> scores 0.125 BLEU-4": the verb, not a measure named after the model
        ("On the test set, MedFoo scores 0.125 BLEU-4.", "medfooscore", False),
        ("On the test set, MedFoo scores 0.125 BLEU-4.", "bleu", True),
        # an aggregate word before "score" names no measure
        ("We report the total score of 12.", "totalscore", False),
        # an error measure named by the score given for it, "mean" and all
        (
            "The tracer had a mean contour placement error of 0.8 mm.",
            "meancontourplacementerror",
            True,
        ),
        ("Its reconstruction error was 0.015 on held-out scans.", "reconstructionerror", True),
        # a vocabulary measure inside the phrase is the vocabulary's match, not a new measure
        ("It reached a mean target registration error of 1.6 mm.", "targetregistrationerror", True),
        (
            "It reached a mean target registration error of 1.6 mm.",
            "meantargetregistrationerror",
            False,
        ),
        # the error of an estimate, a bare error, or an error without a score name no measure
        ("The standard error of 0.03 was small.", "standarderror", False),
        ("The slope had an error of 0.2 only.", "error", False),
        ("We studied the reconstruction error of sparse scans.", "reconstructionerror", False),
    ],
)
def test_metric_forms(nlp: Language, text: str, metric: str, present: bool) -> None:
    assert (metric in asserted(nlp, text, "metric")) is present


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("It reaches an FPR95 of 4%.", "fpr95"),
        ("It reaches a panoptic quality of 0.6.", "panopticquality"),
        ("It reaches a clDice of 0.8.", "cldice"),
        ("It has a calibration slope of 1.1.", "calibrationslope"),
        ("It reaches a macro-AUC of 0.9.", "auc"),
        # the C-statistic of a binary outcome is its AUC; the survival C-index is its own
        ("It reaches a C-statistic of 0.7.", "auc"),
        ("It reaches a C-index of 0.7.", "cindex"),
        ("It reaches a weighted kappa of 0.7.", "cohenskappa"),
        ("It reaches an absolute relative error of 0.07.", "absoluterelativeerror"),
        # the mean Dice over cases, written like mIoU
        ("It reaches an mDice of 0.83 and an mIoU of 0.74.", "dice"),
    ],
)
def test_metric_vocabulary(nlp: Language, text: str, metric: str) -> None:
    assert metric in asserted(nlp, text, "metric")


# -- modalities -------------------------------------------------------------------------------


def test_image_modality_inside_a_report_phrase(nlp: Language) -> None:
    text = "We find errors in chest X-ray reports by checking each sentence against the image."
    assert asserted(nlp, text, "modality") == {"radiologyreport", "chestxray"}
    # without image data the X-ray only says what the reports describe (tasks12: five papers
    # on "CT and MRI reports", "PET reports" annotate the reports alone)
    keys = asserted(nlp, "We find errors in chest X-ray reports written by residents.", "modality")
    assert keys == {"radiologyreport"}
    assert asserted(nlp, "We find errors in discharge summaries.", "modality") == {"clinicaltext"}


def test_3d_volume_gives_way_to_a_modality_inside_a_task(nlp: Language) -> None:
    # the chest X-ray is named only inside the task phrase; the 3D-volume rule runs after it
    # is back, so the volumes give way to it
    text = "We pair volumetric scans for chest X-ray report generation."
    assert "3dvolume" not in asserted(nlp, text, "modality")
    assert "chestxray" in asserted(nlp, text, "modality")
    # a report or a note names no more specific kind of image: the volumes stay
    beside = asserted(nlp, "We pair volumetric scans with their radiology reports.", "modality")
    assert beside == {"3dvolume", "radiologyreport"}
    assert asserted(nlp, "We train on 3D volumes and CT scans.", "modality") == {"ct"}


@pytest.mark.parametrize(
    ("text", "etype", "key"),
    [
        ("We annotate 900 discharge letters.", "modality", "clinicaltext"),
        ("Reviewers screen titles and abstracts.", "modality", "biomedicalliterature"),
        ("We collect 5,000 tweets about vaccines.", "modality", "socialmediapost"),
        ("We label patient portal messages.", "modality", "patientportalmessage"),
        ("We build a consultation assistant.", "task", "dialogue"),
        ("We study report drafting.", "task", "reportgeneration"),
    ],
)
def test_vocabulary_entries(nlp: Language, text: str, etype: str, key: str) -> None:
    assert key in asserted(nlp, text, etype)


# -- a title that opens with a task verb ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "task", "present"),
    [
        ("Estimating Bone Age from Hand Radiographs\n\nWe train a CNN.", "boneageestimation", True),
        ("Counting mitotic figures in histology\n\nWe count them.", "mitoticfigurecounting", True),
        # not in the title: a lone verb and object asserts nothing
        ("A study\n\nWe are estimating bone age here.", "boneageestimation", False),
        # an opening verb not in "-ing", or an object of generic words, names no task
        ("Estimate Bone Age from Hand Radiographs\n\nWe train.", "boneageestimation", False),
        # no title (no blank line): the opening words are the abstract's
        ("Estimating bone age from radiographs matters to us.", "boneageestimation", False),
        # the verb must open the title
        ("On Estimating Bone Age\n\nWe train a CNN.", "boneageestimation", False),
    ],
)
def test_title_gerund_names_a_task(nlp: Language, text: str, task: str, present: bool) -> None:
    assert (task in asserted(nlp, text, "task")) is present


def test_title_gerund_object_of_generic_words_names_no_task(nlp: Language) -> None:
    keys = asserted(nlp, "Counting the figures in histology\n\nWe count them.", "task")
    assert not any(k.endswith("counting") for k in keys)


def test_title_object_words() -> None:
    from kg.nlp.components.concept_matching import title_object_words

    assert title_object_words(["Bone", "Age"], frozenset()) == ["bone", "age"]
    assert title_object_words(["Shortcuts"], frozenset()) == ["shortcut"]
    assert title_object_words(["a", "b", "c", "d"], frozenset()) is None
    assert title_object_words(["a", "b", "c"], frozenset()) == ["a", "b", "c"]
    assert title_object_words(["type", "2"], frozenset()) is None
    assert title_object_words([], frozenset()) is None


def test_recordings_are_speech(nlp: Language) -> None:
    # "recording" ends in "-ing": its plural is a label of its own (label_variants leaves
    # "-ing" words alone: "imaging")
    assert "speech" in asserted(nlp, "We collect 800 voice recordings.", "modality")
    assert "speech" not in asserted(nlp, "We collect 800 blood samples.", "modality")


# -- after the third batch --------------------------------------------------------------------


IE = "informationextraction"


def test_verb_in_context() -> None:
    from kg.nlp.components.concept_matching import verb_in_context

    d = spacy.blank("en")("the triage note ; we triage ; models can triage ; to triage")
    subjects = frozenset({"we", "to"})
    assert not verb_in_context(d, 1, subjects)
    assert verb_in_context(d, 5, subjects)
    assert verb_in_context(d, 9, subjects)
    assert verb_in_context(d, 12, subjects)
    assert not verb_in_context(d, 0, subjects)
    # the first token has no word before it (not the last one of the Doc)
    assert not verb_in_context(spacy.blank("en")("triage the notes as we"), 0, subjects)


@pytest.mark.parametrize(
    ("text", "etype", "key", "present"),
    [
        # a noun-verb in its base form after no subject is the noun
        ("We read the triage notes of 900 visits.", "task", "textclassification", False),
        ("We triage incoming referral letters by urgency.", "task", "textclassification", True),
        # a particle between the verb and its object
        ("We screen for Alzheimer's dementia from speech.", "task", "diagnosis", True),
        ("We screen the recordings from speech clinics.", "task", "diagnosis", False),
        # mentions and terms linked or normalised: entity linking; entities in a graph: not
        ("We link disease mentions to MeSH identifiers.", "task", "entitylinking", True),
        ("We normalise drug terms to RxNorm concepts.", "task", "entitylinking", True),
        ("The graph is built by linking entities to knowledge.", "task", "entitylinking", False),
        # patients matched to trials
        ("We match patients to clinical trials.", "task", "clinicaltrialmatching", True),
        ("We match the two cohorts by age.", "task", "clinicaltrialmatching", False),
        # summaries generated: summarization
        ("We generate discharge summaries from nursing notes.", "task", "summarization", True),
        ("We generate radiology reports from nursing notes.", "task", "summarization", False),
        # characteristics extracted from text: information extraction; from images: not
        ("We extract tumour characteristics from pathology reports.", "task", IE, True),
        ("We extract tumour characteristics from CT scans.", "task", IE, False),
        # pathology reports are text, not slides
        ("We read 900 pathology reports.", "modality", "clinicaltext", True),
        ("We read 900 pathology reports.", "modality", "histopathology", False),
        # bare notes in a clinical text are clinical notes; release notes are not
        ("We summarise MIMIC-III notes of ICU patients.", "modality", "clinicaltext", True),
        ("Patient data come with notes: see the website.", "modality", "clinicaltext", False),
        ("We list the software release notes.", "modality", "clinicaltext", False),
    ],
)
def test_batch3_decisions(nlp: Language, text: str, etype: str, key: str, present: bool) -> None:
    assert (key in asserted(nlp, text, etype)) is present


@pytest.mark.parametrize(
    ("text", "etype", "key"),
    [
        ("It reaches a mean radial error of 1.2 mm.", "metric", "meanradialerror"),
        ("It reaches a successful detection rate of 86%.", "metric", "successfuldetectionrate"),
        ("It has a false-negative volume of 2.1 ml.", "metric", "falsenegativevolume"),
        ("It has a false-positive volume of 4.0 ml.", "metric", "falsepositivevolume"),
        ("We label 500 triage notes.", "modality", "clinicaltext"),
        ("We rank de-identified patient summaries.", "modality", "clinicaltext"),
        ("We record 80 doctor-patient consultations.", "modality", "medicaldialogue"),
    ],
)
def test_batch3_vocabulary(nlp: Language, text: str, etype: str, key: str) -> None:
    assert key in asserted(nlp, text, etype)


# -- metric variants: a variant of a GUIDELINES metric is that metric ---------------------------

CANONICAL = frozenset({"accuracy", "recall", "recallk", "f1"})
QUALIFIERS = frozenset({"exactmatch"})


def test_metric_variant_target_folds_below_a_canonical_metric() -> None:
    above = {"recallk": frozenset({"recall"}), "weightedrecallk": frozenset({"recallk", "recall"})}
    assert metric_variant_target("top3accuracy", frozenset({"accuracy"}), CANONICAL, above) == (
        "accuracy"
    )
    # the nearest canonical metric above wins
    assert (
        metric_variant_target("weightedrecallk", above["weightedrecallk"], CANONICAL, above)
        == "recallk"
    )


def test_metric_variant_target_keeps_canonical_and_other_metrics() -> None:
    # a canonical metric below another is no variant of it
    assert metric_variant_target("recallk", frozenset({"recall"}), CANONICAL, {}) is None
    # a variant of a metric the GUIDELINES do not list keeps its concept
    assert metric_variant_target("charerror", frozenset({"errorrate"}), CANONICAL, {}) is None
    assert metric_variant_target("npv", frozenset(), CANONICAL, {}) is None


def test_tool_metric_key_takes_the_head_metric() -> None:
    assert tool_metric_key(None, ("metric", "f1"), "metric", "FooLabeler F1") == "f1"
    assert tool_metric_key("bertscore", ("metric", "f1"), "metric", "BERTScore F1") == "bertscore"
    assert tool_metric_key(None, ("task", "ner"), "metric", "Bar NER") == "barner"
    assert tool_metric_key(None, None, "metric", "Bar F1") == "barf1"


def test_fold_metric_variants_relabels_metric_variants_only() -> None:
    folds = {"top1accuracy": "accuracy"}
    variant = ConceptMatch(3, 5, "metric", "top1accuracy", 0.9, "vocab:pref")
    other = ConceptMatch(7, 8, "metric", "cindex", 0.9, "vocab:pref")
    task = ConceptMatch(9, 10, "task", "top1accuracy", 0.9, "vocab:pref")
    out = fold_metric_variants([variant, other, task], folds)
    assert [(m.key, m.rule) for m in out] == [
        ("accuracy", "vocab:pref+variant"),
        ("cindex", "vocab:pref"),
        ("top1accuracy", "vocab:pref"),
    ]
    assert (out[0].start, out[0].end) == (3, 5)  # the variant's words stay its evidence
    assert fold_metric_variants([variant], {}) == [variant]


def test_merge_metric_qualifiers_needs_adjacent_canonical_head() -> None:
    em = ConceptMatch(1, 4, "metric", "exactmatch", 0.9, "vocab:alt")
    acc = ConceptMatch(4, 5, "metric", "accuracy", 0.75, "gate:accuracy")
    merged = merge_metric_qualifiers([em, acc], CANONICAL, QUALIFIERS)
    assert [(m.start, m.end, m.key, m.confidence) for m in merged] == [(1, 5, "accuracy", 0.9)]
    # a word between them: two metrics
    far = ConceptMatch(5, 6, "metric", "accuracy", 0.75, "gate:accuracy")
    assert merge_metric_qualifiers([em, far], CANONICAL, QUALIFIERS) == [em, far]
    # a canonical metric before another qualifies nothing
    f1 = ConceptMatch(3, 4, "metric", "f1", 0.9, "vocab:pref")
    assert merge_metric_qualifiers([f1, acc], CANONICAL, QUALIFIERS) == [f1, acc]
    # a head outside the canonical metrics takes no qualifier
    other = ConceptMatch(4, 5, "metric", "errorrate", 0.9, "vocab:pref")
    assert merge_metric_qualifiers([em, other], CANONICAL, QUALIFIERS) == [em, other]
    # review14b: a measure of its own before a canonical metric qualifies nothing
    fpr = ConceptMatch(1, 4, "metric", "falsepositiverate", 0.9, "vocab:pref")
    assert merge_metric_qualifiers([fpr, acc], CANONICAL, QUALIFIERS) == [fpr, acc]


@pytest.mark.parametrize(
    ("text", "metric", "present"),
    [
        # variants of a GUIDELINES metric are that metric
        ("The triage model reached a balanced accuracy of 0.74 on new wards.", "accuracy", True),
        (
            "The triage model reached a balanced accuracy of 0.74 on new wards.",
            "balancedaccuracy",
            False,
        ),
        ("Top-1 accuracy of the ranker was 55% on rare classes.", "accuracy", True),
        ("Top-1 accuracy of the ranker was 55% on rare classes.", "top1accuracy", False),
        ("Drafted reports scored a clinical efficacy F1 of 0.38.", "f1", True),
        ("Drafted reports scored a clinical efficacy F1 of 0.38.", "clinicalefficacyf1", False),
        ("Drafted reports scored a CheXbert F1 of 0.44.", "f1", True),
        ("The form parser has an exact-match accuracy of 72% on scans.", "accuracy", True),
        ("The form parser has an exact-match accuracy of 72% on scans.", "exactmatch", False),
        # measures of their own stay their own
        ("The form parser reaches an exact match of 72% on scans.", "exactmatch", True),
        # review14b: a measure of its own right before a canonical metric is not merged into it
        ("The survival model reported its C-index AUC of 0.74 at five years.", "cindex", True),
        ("We show a false positive rate accuracy trade-off for triage.", "falsepositiverate", True),
        ("The screening rule had an NPV of 0.97 in the cohort.", "negativepredictivevalue", True),
        ("The survival model reaches a C-index of 0.71 on follow-up.", "cindex", True),
        ("Raters agreed with a Cohen's kappa of 0.66 on grades.", "cohenskappa", True),
        ("Its Hausdorff distance was 4.1 mm on the liver.", "hausdorffdistance", True),
        ("The ranker reaches a Recall@5 of 0.62 on the archive.", "recallk", True),
        ("The ranker reaches a Recall@5 of 0.62 on the archive.", "recall", False),
        # a variant of a metric outside the GUIDELINES list keeps its own concept
        ("The dictation system had a word error rate of 9% on ward notes.", "worderrorrate", True),
    ],
)
def test_metric_variants_fold(nlp: Language, text: str, metric: str, present: bool) -> None:
    assert (metric in asserted(nlp, text, "metric")) is present


def test_vocabulary_metric_folds(nlp: Language) -> None:
    folds = nlp.get_pipe("kg_concepts").matcher.metric_folds
    assert folds["top1accuracy"] == folds["top5accuracy"] == folds["balancedaccuracy"] == "accuracy"
    assert folds["clinicalefficacyf1"] == "f1"
    # Recall@K is a GUIDELINES metric, Precision@K its counterpart; WER a kind of error rate
    for key in ("recallk", "precisionk", "worderrorrate", "negativepredictivevalue", "cindex"):
        assert key not in folds
