"""kg_concepts: vocabulary matching, folding, context gates, abbreviations, compounds."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp import read_patterns
from kg.nlp.components.concept_matching import (
    ConceptMatch,
    acronym_of_quantity,
    gives_way,
    glued_to_name,
    is_case_sensitive,
    label_variants,
    phrase_key,
    resolve_overlaps,
    s_form_opener,
    singularize,
)
from kg.nlp.components.concepts import CONCEPT_PATTERN_FILES


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("kg_concepts").initialize(
        nlp=pipeline, patterns=read_patterns(CONCEPT_PATTERN_FILES)
    )
    return pipeline


@pytest.fixture(scope="module")
def nlp_abbrev() -> Language:
    import scispacy.abbreviation  # noqa: F401

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("abbreviation_detector")
    pipeline.add_pipe("kg_concepts").initialize(
        nlp=pipeline, patterns=read_patterns(CONCEPT_PATTERN_FILES)
    )
    return pipeline


def found(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(s.label_, s.kb_id_) for s in doc.spans["kg_concepts"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We train on chest X-rays from two hospitals.", ("modality", "chestxray")),
        ("We build a benchmark from clinical case reports.", ("modality", "clinicaltext")),
        ("We train on chest x ray images.", ("modality", "chestxray")),
        ("Each CXR is paired with a report.", ("modality", "chestxray")),
        ("X-Ray images were collected.", ("modality", "xray")),
        ("Radiographs were collected.", ("modality", "xray")),
        ("We use whole slide images of biopsies.", ("modality", "histopathology")),
        ("Brain MRI scans were segmented.", ("modality", "brainmri")),
        ("We report the F1-score.", ("metric", "f1")),
        ("Dice scores improved.", ("metric", "dice")),
        ("The AUROC was high.", ("metric", "auc")),
        ("We study medical visual question answering.", ("task", "visualquestionanswering")),
        ("Our model performs VQA well.", ("task", "visualquestionanswering")),
        ("Named entity recognition of drugs.", ("task", "namedentityrecognition")),
        ("We address radiology report generation.", ("task", "reportgeneration")),
        ("Electronic health records of 10,000 patients.", ("modality", "ehr")),
        ("Fundus photographs of diabetic patients.", ("modality", "fundusphotography")),
        ("We measure the mean average precision (mAP).", ("metric", "meanaverageprecision")),
    ],
)
def test_concepts_vocabulary_and_folding(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    assert expected in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "concept", "present"),
    [
        ("We collected US images of the thyroid.", ("modality", "ultrasound"), True),
        ("Breast US is widely used for screening.", ("modality", "ultrasound"), True),
        ("The model handles CT, MRI and US data.", ("modality", "ultrasound"), True),
        ("The US population is ageing.", ("modality", "ultrasound"), False),
        ("Hospitals in the US adopted it.", ("modality", "ultrasound"), False),
        ("We segment organs in abdominal CT scans.", ("modality", "ct"), True),
        ("Codes were mapped to SNOMED CT concepts.", ("modality", "ct"), False),
        ("CT and MR images were synthesised.", ("modality", "mri"), True),
        ("PET images were registered to CT.", ("modality", "pet"), True),
        ("Retinal OCT scans of glaucoma patients.", ("modality", "oct"), True),
        ("We report results on three benchmarks.", ("modality", "radiologyreport"), False),
        ("The model writes reports for chest X-ray images.", ("modality", "radiologyreport"), True),
        # a whole-text condition: an imaging word anywhere in the text, not only beside the form
        (
            "Clinical reports were kept. Segmentation came later.",
            ("modality", "radiologyreport"),
            True,
        ),
        (
            "Clinical reports were kept. Summaries came later.",
            ("modality", "radiologyreport"),
            False,
        ),
        ("Lesion detection in mammograms.", ("task", "objectdetection"), True),
        ("The detection of nodules in CT images.", ("task", "objectdetection"), True),
        ("Label-error detection in text corpora.", ("task", "objectdetection"), False),
        ("This is a step towards precision medicine.", ("metric", "precision"), False),
        ("We report precision and recall.", ("metric", "precision"), True),
        ("A sensitivity analysis shows robustness.", ("metric", "sensitivity"), False),
        ("The test reached a sensitivity of 0.91.", ("metric", "sensitivity"), True),
        ("Clinical translation of AI tools is slow.", ("task", "machinetranslation"), False),
        ("Translation from English to Spanish text.", ("task", "machinetranslation"), True),
        ("We pretrain with MAE on unlabeled scans.", ("metric", "meanabsoluteerror"), False),
        ("The MAE of 2.3 years is low.", ("metric", "meanabsoluteerror"), True),
    ],
)
def test_concepts_context_gates(
    nlp: Language, text: str, concept: tuple[str, str], present: bool
) -> None:
    assert (concept in found(nlp, text)) is present


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("We evaluate on MIMIC-CXR.", ("modality", "chestxray")),
        ("Part-of-speech tagging of clinical notes.", ("modality", "speech")),
        ("We compare with CXR-LLaVA.", ("modality", "chestxray")),
    ],
)
def test_concepts_not_inside_names(nlp: Language, text: str, absent: tuple[str, str]) -> None:
    assert absent not in found(nlp, text)


def test_concepts_abbreviation_defines_short_form(nlp_abbrev: Language) -> None:
    doc = nlp_abbrev("We study medical report generation (MRG). MRG is hard.")
    spans = [s for s in doc.spans["kg_concepts"] if s.text == "MRG"]
    assert spans and all(
        s.kb_id_ == "reportgeneration" and s._.kg_extractor == "abbreviation" for s in spans
    )


def test_concepts_abbreviation_blocks_other_meaning(nlp_abbrev: Language) -> None:
    doc = nlp_abbrev("We model clinical trials (CT) for patient recruitment with CT images.")
    assert not any(s.kb_id_ == "ct" for s in doc.spans["kg_concepts"])


def test_concepts_abbreviation_of_no_label_blocks_nothing(nlp_abbrev: Language) -> None:
    # "ICD" names no concept alone: its definition leaves "ICD coding" clinical coding
    doc = nlp_abbrev(
        "Assigning International Classification of Diseases (ICD) codes is slow. "
        "We study automated ICD coding of discharge notes."
    )
    assert any(s.kb_id_ == "clinicalcoding" for s in doc.spans["kg_concepts"])


def test_concepts_works_without_abbreviation_detector(nlp: Language) -> None:
    assert ("modality", "mri") in found(nlp, "Magnetic resonance imaging (MRI) of the brain.")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("We evaluate cough event detection.", "cougheventdetection"),
        ("We benchmark near-duplicate detection.", "nearduplicatedetection"),
        ("This temporal relation extraction model is new.", "relationextraction"),
        ("We also study diabetic retinopathy grading.", "diabeticretinopathygrading"),
        ("We introduce the evidence selection task.", "evidenceselection"),
    ],
)
def test_concepts_compound_tasks(nlp: Language, text: str, key: str) -> None:
    assert ("task", key) in found(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The results improve on competitive generation baselines.",
        "We evaluate on several downstream tasks.",
        "Our method enables better generation.",
    ],
)
def test_concepts_compound_rules_are_conservative(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert not any(s.label_ == "task" for s in doc.spans["kg_concepts"])


def test_concepts_span_attributes(nlp: Language) -> None:
    doc = nlp("We report BLEU and CT results.")
    span = next(s for s in doc.spans["kg_concepts"] if s.kb_id_ == "bleu")
    assert span.label_ == "metric"
    assert span._.kg_extractor == "vocab:pref"
    assert 0.9 <= span._.kg_confidence <= 1.0
    other = nlp("Abdominal CT scans.")
    gated = [s for s in other.spans["kg_concepts"] if s.kb_id_ == "ct"]
    assert gated and gated[0]._.kg_confidence < span._.kg_confidence


def test_concepts_roll_up_to_the_mentioned_narrower_concept(nlp: Language) -> None:
    doc = nlp("We use chest X-rays. X-ray images are noisy.")
    assert {s.kb_id_ for s in doc.spans["kg_concepts"] if s.label_ == "modality"} == {"chestxray"}
    doc = nlp("We use chest X-rays and dental radiographs. X-ray images are noisy.")
    assert "xray" in {s.kb_id_ for s in doc.spans["kg_concepts"]}
    # mammography is a GUIDELINES label of its own, never a roll-up target
    doc = nlp("We use chest X-rays and mammograms. X-ray images are noisy.")
    assert {"chestxray", "mammography"} <= {s.kb_id_ for s in doc.spans["kg_concepts"]}


def test_concepts_3d_volume_only_without_specific_modality(nlp: Language) -> None:
    assert ("modality", "3dvolume") in found(nlp, "We segment 3D volumes.")
    assert ("modality", "3dvolume") not in found(nlp, "We segment 3D volumes of brain MRI.")


def test_gives_way_counts_image_modalities_or_any_other() -> None:
    images = frozenset({"mri", "ct"})
    # a fallback image modality gives way only to a more specific image modality
    assert gives_way("modality", "3dvolume", {"3dvolume", "mri"}, images, any_other=False)
    assert not gives_way("modality", "3dvolume", {"3dvolume", "ehr"}, images, any_other=False)
    assert not gives_way("modality", "3dvolume", {"3dvolume"}, images, any_other=False)
    # paired images and text give way to any kind of data the paper names
    pair = "imagetextpair"
    assert gives_way("modality", pair, {pair, "radiologyreport"}, images, any_other=True)
    assert not gives_way("modality", pair, {pair}, images, any_other=True)
    # outside modality, any other concept of the type counts
    assert gives_way("task", "classification", {"classification", "ner"}, images, any_other=False)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("skips", True),
        ("keeps", True),
        ("records", True),
        ("pancreas", False),
        ("bias", False),
        ("series", False),
        ("class", False),
        ("time-series", False),
        ("lesion", False),
        ("gas", False),
    ],
)
def test_s_form_opener(word: str, expected: bool) -> None:
    assert s_form_opener(word) is expected


@pytest.mark.parametrize(
    ("text", "compound"),
    [
        ("For easy questions the planner skips retrieval entirely.", None),
        ("A lighter variant that keeps normalization is faster.", None),
        ("We study fluid quantification in retinal scans.", "fluidquantification"),
        ("We report on bias quantification in triage notes.", "biasquantification"),
    ],
)
def test_free_task_compound_never_opens_on_an_s_form(
    nlp: Language, text: str, compound: str | None
) -> None:
    """A verb ("skips retrieval") or plural noun opening a free compound is no task modifier."""
    tasks = {key for label, key in found(nlp, text) if label == "task"}
    assert tasks == ({compound} if compound else set())


def test_acronym_of_quantity_reads_the_long_form_head() -> None:
    heads = frozenset({"volume", "fraction", "index"})
    assert acronym_of_quantity("TKV", "total kidney volume", heads)
    assert acronym_of_quantity("AHI", "apnoea-hypopnoea index", heads)
    assert acronym_of_quantity("LVEFs", "left ventricular ejection fractions", heads)
    # a disease, a place, no definition, or no acronym
    assert not acronym_of_quantity("AMD", "age-related macular degeneration", heads)
    assert not acronym_of_quantity("ICU", "intensive care unit", heads)
    assert not acronym_of_quantity("TNM", None, heads)
    assert not acronym_of_quantity("Volume", "total kidney volume", heads)


@pytest.mark.parametrize(
    ("text", "task"),
    [
        (
            "Total kidney volume (TKV) tracks cyst growth. We automate TKV estimation on MRI.",
            "totalkidneyvolumeestimation",
        ),
        ("Diabetic retinopathy (DR) causes blindness. We automate DR screening in clinics.", None),
        ("Emergency department (ED) crowding is rising. We study ED triage at night.", None),
    ],
)
def test_task_on_the_acronym_of_a_measured_quantity(
    nlp_abbrev: Language, text: str, task: str | None
) -> None:
    """An acronym defined as a measured quantity is the object of the task head after it;
    one defined as a disease or a place is not."""
    tasks = {key for label, key in found(nlp_abbrev, text) if label == "task"}
    assert tasks == ({task} if task else set())


def test_human_activity_recognition_is_matched_whole(nlp: Language) -> None:
    """The field's full name is the surface of the task, not its last two words."""
    doc = nlp("We pretrain on wrist sensor logs and test on human activity recognition.")
    spans = {s.text for s in doc.spans["kg_concepts"] if s.kb_id_ == "actionrecognition"}
    assert spans == {"human activity recognition"}
    doc = nlp("Clips are labelled for activity recognition in the ward.")
    spans = {s.text for s in doc.spans["kg_concepts"] if s.kb_id_ == "actionrecognition"}
    assert spans == {"activity recognition"}


def test_concepts_image_text_pairs_only_without_the_data_they_pair(nlp: Language) -> None:
    alone = "We collect two million image-text pairs from open textbooks."
    assert ("modality", "imagetextpair") in found(nlp, alone)
    named = "We pretrain on image-report pairs matching each radiograph to its radiology report."
    assert ("modality", "imagetextpair") not in found(nlp, named)
    assert ("modality", "radiologyreport") in found(nlp, named)


@pytest.mark.parametrize(
    ("word", "plural"), [("X-ray", "X-rays"), ("clinical note", "clinical notes"), ("CXR", "CXRs")]
)
def test_concepts_label_variants_plural(word: str, plural: str) -> None:
    assert plural in label_variants(word)


def test_concepts_pure_helpers() -> None:
    assert singularize("images") == "image" and singularize("analysis") == "analysis"
    assert is_case_sensitive("US") and not is_case_sensitive("ultrasound")
    assert (
        phrase_key(["automated", "report", "generations"], frozenset({"automated"}))
        == "reportgeneration"
    )
    a, b = ConceptMatch(0, 3, "task", "a", 0.5, "r"), ConceptMatch(1, 2, "task", "b", 0.9, "r")
    c = ConceptMatch(1, 2, "modality", "c", 0.9, "r")
    assert [m.key for m in resolve_overlaps([a, b, c])] == ["a", "c"]
    doc = spacy.blank("en")("MIMIC-CXR data")
    assert glued_to_name(doc, 2, 3)


# -- issue 3, round 2: verb-object tasks, image kinds, vetoes, roll-up by type ---------------


@pytest.mark.parametrize(
    ("text", "concept", "present"),
    [
        (
            "We train a network to classify dermoscopic images.",
            ("task", "imageclassification"),
            True,
        ),
        ("The model can generate radiology reports.", ("task", "reportgeneration"), True),
        (
            "Extracting clinical entities and relations from notes.",
            ("task", "namedentityrecognition"),
            True,
        ),
        (
            "Extracting clinical entities and relations from notes.",
            ("task", "relationextraction"),
            True,
        ),
        ("The agent learns to answer medical questions.", ("task", "questionanswering"), True),
        ("We study the generation of radiology reports.", ("task", "reportgeneration"), True),
        (
            "A tool for detecting hallucinations in summaries.",
            ("task", "hallucinationdetection"),
            True,
        ),
        ("Models that synthesize realistic chest images.", ("task", "imagegeneration"), True),
        # negatives: the object head is not the noun after the verb, or the phrase is not a label
        (
            "It can generate valid molecular structures and more.",
            ("task", "moleculegeneration"),
            False,
        ),
        (
            "To handle tracking failures, we consider object detection.",
            ("task", "objecttracking"),
            False,
        ),
        ("We classify patients into risk groups.", ("task", "imageclassification"), False),
        ("We generate the answers with a template.", ("task", "questionanswering"), False),
    ],
)
def test_concepts_verb_object_tasks(
    nlp: Language, text: str, concept: tuple[str, str], present: bool
) -> None:
    assert (concept in found(nlp, text)) is present


@pytest.mark.parametrize(
    ("text", "concept", "present"),
    [
        ("We benchmark detectors on aerial images.", ("modality", "aerialimage"), True),
        ("A dataset of surgical images from 20 hospitals.", ("modality", "surgicalimage"), True),
        ("We collected endoscopy images of the colon.", ("modality", "endoscopy"), True),
        ("Both 2D fundus photos and scans were used.", ("modality", "fundusphotography"), True),
        ("The synthetic images look realistic.", ("modality", "syntheticimage"), False),
        # where the images come from (an outside test set) is no kind of data
        ("Accuracy fell on the external images.", ("modality", "externalimage"), False),
        ("Accuracy was higher on the internal images.", ("modality", "internalimage"), False),
        (
            "The generator produces high-resolution images.",
            ("modality", "highresolutionimage"),
            False,
        ),
        ("We fuse local and global image features.", ("modality", "globalimage"), False),
        ("It helps doctors interpret images quickly.", ("modality", "interpretimage"), False),
        ("Only medical images are used.", ("modality", "medicalimage"), False),
        # a conjunction opens a clause, it modifies nothing; reading images is no kind of image
        (
            "Scores rose, although image counts varied.",
            ("modality", "althoughimage"),
            False,
        ),
        ("Scores rose, although burn images were rare.", ("modality", "burnimage"), True),
        ("Models lag in burn image interpretation.", ("modality", "burnimage"), False),
    ],
)
def test_concepts_image_kind_compounds(
    nlp: Language, text: str, concept: tuple[str, str], present: bool
) -> None:
    assert (concept in found(nlp, text)) is present


@pytest.mark.parametrize(
    ("text", "concept", "present"),
    [
        ("We address synthetic chest radiograph generation.", ("task", "imagegeneration"), True),
        ("Our benchmark covers CT image segmentation.", ("task", "imagesegmentation"), True),
        ("We address clinical note generation.", ("task", "imagegeneration"), False),
        ("An advanced body extraction algorithm is applied.", ("task", "bodyextraction"), False),
        ("We study cough event detection in notes.", ("task", "cougheventdetection"), True),
        # a service word after the compound names an organisation (the item screened, "citation",
        # keeps the compound a task otherwise: names_setting, branch tasks15)
        ("Reviews came from a citation screening service.", ("task", "citationscreening"), False),
        ("Scans came from a national screening programme.", ("task", "nationalscreening"), False),
        ("We study citation screening of trial reports.", ("task", "citationscreening"), True),
    ],
)
def test_concepts_task_compounds_image_heads_and_methods(
    nlp: Language, text: str, concept: tuple[str, str], present: bool
) -> None:
    assert (concept in found(nlp, text)) is present


@pytest.mark.parametrize(
    ("text", "concept", "present"),
    [
        ("CT images and radiology reports are paired.", ("modality", "radiologyreport"), True),
        # "medical report" is no modality label of its own; a paper whose own task is
        # report generation targets radiology reports (concepts.implied_modalities)
        (
            "We study medical report generation from CT images.",
            ("modality", "radiologyreport"),
            True,
        ),
        (
            "Medical report generation is slow. We segment CT images.",
            ("modality", "radiologyreport"),
            False,
        ),
        ("Speech recordings and other spoken language data.", ("modality", "speech"), True),
        ("LLMs for the six most widely spoken languages.", ("modality", "speech"), False),
        ("Digital pathology slides were scanned.", ("modality", "histopathology"), True),
        ("Questions about speech language pathology.", ("modality", "histopathology"), False),
        ("Mammograms with rare pathologies were collected.", ("modality", "histopathology"), False),
        (
            "We improve dense retrieval of passages for search.",
            ("task", "informationretrieval"),
            True,
        ),
        (
            "Retrieval quality of passages matters for search.",
            ("task", "informationretrieval"),
            False,
        ),
        ("Agents retrieve documents for each query.", ("task", "informationretrieval"), True),
        ("Retrieval-augmented generation uses passages.", ("task", "informationretrieval"), False),
        ("LLMs assist diagnosis of rare diseases.", ("task", "diagnosis"), True),
        ("We extract the date of first diagnosis.", ("task", "diagnosis"), False),
        ("Records list symptoms, diagnoses and drugs.", ("task", "diagnosis"), False),
        (
            "We detect nodules; detection of nodules in CT scans is hard.",
            ("task", "objectdetection"),
            True,
        ),
        (
            "The automatic detection of acute infection in notes.",
            ("task", "objectdetection"),
            False,
        ),
        ("We collected news articles about COVID-19.", ("modality", "newsarticle"), True),
        ("Synthetic data generation for wearables.", ("task", "syntheticdatageneration"), True),
    ],
)
def test_concepts_gates_round_two(
    nlp: Language, text: str, concept: tuple[str, str], present: bool
) -> None:
    assert (concept in found(nlp, text)) is present


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tasks are not rolled up: information extraction and relation extraction both stay
        (
            "Information extraction from reports, in particular relation extraction.",
            {("task", "informationextraction"), ("task", "relationextraction")},
        ),
        # modalities still are: chest X-ray + X-ray is one modality
        ("Chest X-rays are common; X-rays are cheap.", {("modality", "chestxray")}),
        # mammography is never a roll-up target
        (
            "X-ray images and mammograms were used.",
            {("modality", "xray"), ("modality", "mammography")},
        ),
    ],
)
def test_concepts_roll_up_by_type(nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    got = found(nlp, text)
    assert expected <= got


@pytest.mark.parametrize(
    ("base", "forms"),
    [
        ("classify", ["classify", "classifies", "classifying"]),
        ("generate", ["generate", "generates", "generating"]),
        ("detect", ["detect", "detects", "detecting"]),
        ("synthesize", ["synthesize", "synthesizes", "synthesizing"]),
        ("match", ["match", "matches", "matching"]),
    ],
)
def test_concepts_verb_forms(base: str, forms: list[str]) -> None:
    from kg.nlp.components.concept_matching import verb_forms

    assert verb_forms(base) == forms


@pytest.mark.parametrize(
    ("text", "is_metric"),
    [
        ("GPT-4o attains an average accuracy of 87.9% on the test set.", True),
        ("Our model outperforms the baselines in terms of accuracy.", True),
        ("Classification accuracy improved over prior work on three benchmarks.", True),
        ("Expert reviews ensure accuracy and reliability of the data.", False),
        ("LLMs could improve the accuracy, availability and cost of healthcare.", False),
        ("Medical videos require strict medical accuracy.", False),
    ],
)
def test_concepts_accuracy_is_a_metric_only_when_it_measures(
    nlp: Language, text: str, is_metric: bool
) -> None:
    assert (("metric", "accuracy") in found(nlp, text)) is is_metric


def test_a_short_form_spelled_out_to_the_same_concept_is_kept(nlp_abbrev: Language) -> None:
    """'out-of-distribution (OOD)' defines OOD as no concept, yet "OOD detection" spelled out
    is out-of-distribution detection: anomaly detection (issue 15, item 2)."""
    text = "Detecting out-of-distribution (OOD) samples is hard. We study OOD detection in scans."
    spans = [s for s in nlp_abbrev(text).spans["kg_concepts"] if s.text == "OOD detection"]
    assert [s.kb_id_ for s in spans] == ["anomalydetection"]
    # a short form defined as something else still blocks the match
    text = "We model clinical trials (CT) for recruitment with CT images."
    assert ("modality", "ct") not in found(nlp_abbrev, text)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # a measure named by the score the text reports
        ("Our model achieves a utility score of 4.2.", "utilityscore"),
        ("It reached the highest Factuality Score of 85.8.", "factualityscore"),
        # a quality noun before "score" is the measure itself (score_named_by_modifier)
        ("It reached a mean faithfulness score of 0.83.", "faithfulness"),
        ("It reached 4.5 readability scores on average.", "readabilityscore"),
        # an -ness noun that names a patient's state is no quality: the score keeps its head
        ("Patients had a mean illness score of 6.5.", "illnessscore"),
        # "<metric> score" is that metric
        ("The model reached a precision score of 0.76.", "precision"),
    ],
)
def test_concepts_a_scored_measure_is_a_metric(nlp: Language, text: str, metric: str) -> None:
    assert ("metric", metric) in found(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Risk scores for patients were computed.",  # no score reported
        "The mean score was 4.2.",  # no name of a measure
        "A high score of 5 was rare.",
        "The learning rate was 0.001.",  # not a measure head of the rule
    ],
)
def test_concepts_no_metric_without_a_named_scored_measure(nlp: Language, text: str) -> None:
    assert not [k for t, k in found(nlp, text) if t == "metric"]


@pytest.mark.parametrize(
    ("text", "is_metric"),
    [
        ("The model reached 85.2% sensitivity, 90.3% specificity and 0.91 AUC.", True),
        ("It reached 0.85 sensitivity on the held-out set.", True),
        ("We ran 3 sensitivity analyses.", False),  # the block outranks a number before
        ("Contrast sensitivity was low in the cohort.", False),
    ],
)
def test_concepts_a_score_before_a_gated_metric_passes(
    nlp: Language, text: str, is_metric: bool
) -> None:
    assert (("metric", "sensitivity") in found(nlp, text)) is is_metric


@pytest.mark.parametrize(
    ("text", "is_metric"),
    [
        ("The screening test had a sensitivity (0.88) close to the readers'.", True),
        ("Its sensitivity (95% CI 0.80-0.90) was high.", True),
        ("Sensitivity (SN) and its trade-offs are discussed below.", False),
        ("We study the sensitivity ( with respect to noise ) of the encoder.", False),
    ],
)
def test_concepts_a_score_in_brackets_after_a_gated_metric_passes(
    nlp: Language, text: str, is_metric: bool
) -> None:
    assert (("metric", "sensitivity") in found(nlp, text)) is is_metric


@pytest.mark.parametrize(
    ("text", "is_metric"),
    [
        ("The regressor reaches an R2 of 0.81 on held-out patients.", True),
        ("Agreement was strong (R2 = 0.74).", True),
        ("We report the R2 score of each cohort.", True),
        ("We report MAE, RMSE and R2 for each cohort.", True),
        ("The R2 release of the archive holds 2,000 scans.", False),
        ("Regions R2 and R3 were excluded.", False),
        ("Scores on r2 of the benchmark are 0.5.", False),  # case-sensitive: a name, not R2
    ],
)
def test_concepts_r2_is_the_coefficient_of_determination_only_as_a_measure(
    nlp: Language, text: str, is_metric: bool
) -> None:
    found_it = ("metric", "coefficientofdetermination") in found(nlp, text)
    assert found_it is is_metric


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "We automate fact-checking of health claims on forums.",
            ("task", "misinformationdetection"),
        ),
        (
            "Claim verification against trial registries is our goal.",
            ("task", "misinformationdetection"),
        ),
        (
            "We compare text-to-image search engines for dermatology.",
            ("task", "imagetextretrieval"),
        ),
        (
            "We evaluate plain-language summarization of discharge letters.",
            ("task", "textsimplification"),
        ),
        (
            "Our tool does plain-language rewriting of consent forms.",
            ("task", "textsimplification"),
        ),
    ],
)
def test_concepts_task_synonyms_a_domain_expert_lists(
    nlp: Language, text: str, concept: tuple[str, str]
) -> None:
    """Synonyms of canonical tasks (GUIDELINES: one task, one entity)."""
    assert concept in found(nlp, text)
