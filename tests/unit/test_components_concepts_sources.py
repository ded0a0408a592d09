"""kg_concepts on what a paper reads: the literature named only in the motivation is the body
of prior research, not the paper's data; medical textbooks are a kind of text data; a task
after a benefit or belief ("suggesting", "facilitating", "we believe") is a possible use. Each
decision is tested with short sentences on both sides of its boundary."""

from __future__ import annotations

import pytest
from concept_helpers import confidences
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp.components.concepts import ConceptMatch, OwnWorkCues, demote_background
from kg.statements import LINK_THRESHOLD


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # the literature of the motivation is prior research
        (
            "Sepsis alerts\n\nThe medical literature says little about alert fatigue. "
            "We propose a model that predicts sepsis from vital signs.",
            False,
        ),
        (
            "Sepsis alerts\n\nThere is a scarcity of scientific literature on alert fatigue. "
            "We train a model that predicts sepsis from vital signs.",
            False,
        ),
        # the literature in an own-work sentence is the paper's data
        (
            "Sepsis alerts\n\nAlert fatigue is common. "
            "We train a model on the medical literature to answer questions about sepsis.",
            True,
        ),
        # ... and in the title
        (
            "Mining the Medical Literature\n\nThe medical literature grows every year. "
            "We propose a model that answers questions about sepsis.",
            True,
        ),
    ],
)
def test_the_literature_named_only_in_the_motivation_is_background(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    conf = confidences(nlp, text, "modality")
    assert (conf.get("biomedicalliterature", 0.0) >= LINK_THRESHOLD) is is_asserted


def test_other_modalities_of_the_motivation_stay(nlp: Language) -> None:
    text = (
        "Sepsis alerts\n\nChest X-rays are read by few radiologists. "
        "We propose a model that predicts sepsis from vital signs."
    )
    assert confidences(nlp, text, "modality").get("chestxray", 0.0) >= LINK_THRESHOLD


def test_demote_background_modalities_only_those_listed(nlp: Language) -> None:
    doc = nlp.make_doc("Literature and scans abound . We study cells .")
    for i, token in enumerate(doc):
        token.is_sent_start = i in (0, 5)
    literature = ConceptMatch(0, 1, "modality", "biomedicalliterature", 0.9, "v")
    scans = ConceptMatch(2, 3, "modality", "ct", 0.9, "v")
    kwargs = {"own": OwnWorkCues.of(doc.vocab.strings, {"we"}), "confidence": 0.3}
    out = demote_background(
        doc,
        [literature, scans],
        end_of_title=0,
        modalities=frozenset({"biomedicalliterature"}),
        **kwargs,  # type: ignore[arg-type]
    )
    assert [m.confidence for m in out] == [0.3, 0.9]
    out = demote_background(doc, [literature, scans], end_of_title=0, **kwargs)  # type: ignore[arg-type]
    assert [m.confidence for m in out] == [0.9, 0.9]


@pytest.mark.parametrize(
    ("text", "is_found"),
    [
        ("We fine-tune a model on a corpus of medical textbooks.", True),
        ("Questions are drawn from 18 clinical textbooks.", True),
        ("The model reads one medical textbook per epoch.", True),
        # a textbook description of a case is no text data
        ("Real patients deviate from classic textbook abstractions.", False),
    ],
)
def test_medical_textbooks_are_text_data(nlp: Language, text: str, is_found: bool) -> None:
    conf = confidences(nlp, "Knowledge sources\n\n" + text, "modality")
    assert ("medicaltextbooks" in conf) is is_found


@pytest.mark.parametrize(
    ("text", "key", "is_asserted"),
    [
        # a benefit, belief or pointer at the end of a sentence is a possible use
        (
            "Most models miss small nodules, suggesting the need for better object detection.",
            "objectdetection",
            False,
        ),
        (
            "Our corpus covers ten hospitals, facilitating more accurate information extraction.",
            "informationextraction",
            False,
        ),
        (
            "We believe this corpus opens a path to better named entity recognition.",
            "namedentityrecognition",
            False,
        ),
        (
            "The corpus contributes to advancing medical image retrieval.",
            "imageretrieval",
            False,
        ),
        # the same tasks said of the paper's own work
        ("We train a model for object detection of small nodules.", "objectdetection", True),
        (
            "We evaluate named entity recognition, facilitating reuse of our corpus.",
            "namedentityrecognition",
            True,
        ),
    ],
)
def test_benefit_and_belief_clauses_are_no_task(
    nlp: Language, text: str, key: str, is_asserted: bool
) -> None:
    conf = confidences(nlp, "A corpus\n\n" + text, "task")
    assert (conf.get(key, 0.0) >= LINK_THRESHOLD) is is_asserted


@pytest.mark.parametrize(
    ("text", "modality", "found"),
    [
        # molecules given as atom coordinates
        ("Molecule encoders\n\nWe embed 3D conformers of small drugs.", "3dconformer", True),
        ("Molecule encoders\n\nWe embed 3D shapes of small drugs.", "3dconformer", False),
        # signals of a body-worn accelerometer are wearable sensor data
        (
            "Step counts\n\nWe pretrain on wrist accelerometry of older adults.",
            "wearablesensor",
            True,
        ),
        (
            "Step counts\n\nWe pretrain on wrist photographs of older adults.",
            "wearablesensor",
            False,
        ),
    ],
)
def test_data_kinds_named_by_the_text(nlp: Language, text: str, modality: str, found: bool) -> None:
    assert (confidences(nlp, text, "modality").get(modality, 0.0) >= LINK_THRESHOLD) is found


@pytest.mark.parametrize(
    ("text", "modality", "found"),
    [
        # beside a vocabulary image modality, "<kind> images" name a view of the same data
        (
            "Eye screening\n\nWe grade fundus photographs and bedside images of adults.",
            "bedsideimage",
            False,
        ),
        (
            "Eye screening\n\nWe grade fundus photographs and bedside images of adults.",
            "fundusphotography",
            True,
        ),
        # alone, the phrase is the paper's own kind of data
        ("Crop maps\n\nWe segment drone images of wheat fields.", "droneimage", True),
    ],
)
def test_free_image_kinds_beside_a_vocabulary_image_modality(
    nlp: Language, text: str, modality: str, found: bool
) -> None:
    assert (confidences(nlp, text, "modality").get(modality, 0.0) >= LINK_THRESHOLD) is found


def test_demote_free_image_kinds_boundaries() -> None:
    from kg.nlp.components.concepts import demote_free_image_kinds

    kind = ConceptMatch(4, 6, "modality", "wardimage", 0.55, "pattern:kind")
    mri = ConceptMatch(0, 1, "modality", "mri", 0.9, "vocab:pref")
    weak_mri = ConceptMatch(0, 1, "modality", "mri", 0.4, "vocab:pref+background")
    notes = ConceptMatch(0, 1, "modality", "clinicaltext", 0.9, "vocab:pref")
    images = frozenset({"mri"})

    def after(matches: list[ConceptMatch]) -> float:
        out = demote_free_image_kinds(matches, images, rule="pattern:kind", confidence=0.45)
        return next(m.confidence for m in out if m.key == "wardimage")

    assert after([mri, kind]) == 0.45
    # an image modality below the link threshold, or a text modality, leaves the phrase
    assert after([weak_mri, kind]) == 0.55
    assert after([notes, kind]) == 0.55
    # a phrase of another rule is left alone
    other = ConceptMatch(4, 6, "modality", "wardimage", 0.55, "pattern:other")
    assert after([mri, other]) == 0.55


@pytest.mark.parametrize(
    ("text", "modality", "found"),
    [
        # "a US hospital" is a country; a US scan is ultrasound
        ("Ward notes\n\nWe read 900 notes from a US teaching hospital.", "ultrasound", False),
        ("Liver scans\n\nWe read 900 US images of the liver.", "ultrasound", True),
        # the plural names diseases, not tissue slides
        ("Brain scans\n\nIt flags subtle pathologies in brain MRI.", "histopathology", False),
        (
            "Tissue atlas\n\nThe model reads pathologies slides of the colon.",
            "histopathology",
            True,
        ),
        (
            "Tissue atlas\n\nThe model reads digital pathology slides of the colon.",
            "histopathology",
            True,
        ),
    ],
)
def test_ambiguous_modality_words_in_context(
    nlp: Language, text: str, modality: str, found: bool
) -> None:
    assert (confidences(nlp, text, "modality").get(modality, 0.0) >= LINK_THRESHOLD) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the data a comparison points at is not the paper's data
        ("Lung volumes\n\nOur CT encoder sees more than a plain radiograph can show.", False),
        ("Lung volumes\n\nOur CT encoder is sharper than 2D radiographs.", False),
        # a count after "than" is the paper's own data
        ("Lung volumes\n\nOur CT encoder was tuned on more than 800 radiographs.", True),
        ("Lung volumes\n\nOur CT encoder was tuned on more than ten thousand radiographs.", True),
        ("Lung volumes\n\nOur CT encoder was tuned on radiographs.", True),
    ],
)
def test_a_compared_modality_is_not_the_papers_data(nlp: Language, text: str, found: bool) -> None:
    assert (confidences(nlp, text, "modality").get("xray", 0.0) >= LINK_THRESHOLD) is found


def test_demote_compared_stops_at_counts_punctuation_and_reach() -> None:
    from kg.nlp.components.concepts import demote_compared

    def confidence(words: list[str]) -> float:
        m = [ConceptMatch(len(words) - 1, len(words), "modality", "xray", 0.85, "v")]
        out = demote_compared(m, words, cues=frozenset({"than"}), confidence=0.45)
        return out[0].confidence

    assert confidence(["better", "than", "a", "single", "radiograph"]) == 0.45
    assert confidence(["better", "than", "900", "radiograph"]) == 0.85
    assert confidence(["better", "than", ",", "radiograph"]) == 0.85
    # beyond the reach of three words the cue is another clause's
    assert confidence(["than", "the", "old", "plain", "radiograph"]) == 0.85
    # tasks are left alone
    task = [ConceptMatch(2, 3, "task", "diagnosis", 0.85, "v")]
    out = demote_compared(
        task, ["than", "a", "diagnosis"], cues=frozenset({"than"}), confidence=0.45
    )
    assert out[0].confidence == 0.85


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # counted or recorded consultations are conversations used as data (modality16)
        (
            "Scribing visits\n\nWe collected 180 recorded outpatient consultations and "
            "generated a note for each.",
            True,
        ),
        (
            "Scribing visits\n\nEach resident held six consultations with the simulated patient.",
            True,
        ),
        # consultations as visits or advice are no data
        (
            "Scribing visits\n\nPatients often bring printed search results to consultations, "
            "and we study how a chatbot answers them.",
            False,
        ),
        ("Scribing visits\n\nSurgeons seek peer consultations before rare operations.", False),
    ],
)
def test_counted_or_recorded_consultations_are_medical_dialogue(
    nlp: Language, text: str, found: bool
) -> None:
    conf = confidences(nlp, text, "modality")
    assert (conf.get("medicaldialogue", 0.0) >= LINK_THRESHOLD) is found


@pytest.mark.parametrize(
    ("text", "key", "found"),
    [
        # transcripts of consultations are the dialogue; letters of a clinic are clinical text
        (
            "History taking\n\nWe fine-tune a model on 9,000 consultation transcripts.",
            "medicaldialogue",
            True,
        ),
        (
            "History taking\n\nWe fine-tune a model on 9,000 lecture transcripts.",
            "medicaldialogue",
            False,
        ),
        ("Coding\n\nWe extract diagnoses from 5,000 clinic letters.", "clinicaltext", True),
        ("Coding\n\nWe extract diagnoses from 5,000 cover letters.", "clinicaltext", False),
        # notes of an emergency department or a ward are clinical notes
        (
            "Triage\n\nWe train a classifier on 40,000 emergency department notes.",
            "clinicaltext",
            True,
        ),
        ("Triage\n\nWe train a classifier on 40,000 ward notes.", "clinicaltext", True),
        ("Triage\n\nWe train a classifier on 40,000 lecture notes.", "clinicaltext", False),
    ],
)
def test_clinical_documents_named_by_their_setting(
    nlp: Language, text: str, key: str, found: bool
) -> None:
    assert (confidences(nlp, text, "modality").get(key, 0.0) >= LINK_THRESHOLD) is found


@pytest.mark.parametrize(
    ("text", "key", "found"),
    [
        # synonyms of canonical modalities (modality16)
        ("Nodal staging\n\nWe grade 2,400 H&E slides of lymph nodes.", "histopathology", True),
        (
            "Nodal staging\n\nWe grade 2,400 lecture slides about lymph nodes.",
            "histopathology",
            False,
        ),
        ("Nodal staging\n\nOur detector finds mitoses in H&E tiles.", "histopathology", True),
        ("Screening\n\nWe grade retinography from rural clinics.", "fundusphotography", True),
        ("Screening\n\nWe grade radiography from rural clinics.", "fundusphotography", False),
        ("Fibrosis\n\nWe stage fibrosis from shear-wave elastography.", "ultrasound", True),
        ("Fibrosis\n\nWe stage fibrosis from serum markers.", "ultrasound", False),
        ("Arrhythmia\n\nThe cohort holds 9,000 smartwatch recordings.", "wearablesensor", True),
        ("Arrhythmia\n\nThe cohort holds 9,000 Holter recordings.", "wearablesensor", False),
        ("Risk scores\n\nWe benchmark 12 models on tabular clinical data.", "ehr", True),
        ("Risk scores\n\nWe benchmark 12 models on tabular census data.", "ehr", False),
        ("Triage by sound\n\nWe classify 4,000 cough recordings from smartphones.", "speech", True),
        ("Triage by sound\n\nWe enrol 4,000 adults with cough at rural clinics.", "speech", False),
    ],
)
def test_synonyms_map_to_their_canonical_modality(
    nlp: Language, text: str, key: str, found: bool
) -> None:
    assert (confidences(nlp, text, "modality").get(key, 0.0) >= LINK_THRESHOLD) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # "pathology" before a system noun names the data that system reads (modality16)
        ("Open assistants\n\nWe release an open pathology assistant tuned on 90k captions.", True),
        ("Open assistants\n\nWe evaluate pathology VQA with a compact model.", True),
        # before other nouns it names a department or a disease
        ("Open assistants\n\nThe pathology department reviewed every chatbot answer.", False),
        ("Open assistants\n\nThe chatbot explained the underlying pathology to patients.", False),
    ],
)
def test_pathology_before_a_system_noun_is_histopathology(
    nlp: Language, text: str, found: bool
) -> None:
    conf = confidences(nlp, text, "modality")
    assert (conf.get("histopathology", 0.0) >= LINK_THRESHOLD) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # textbooks listed beside the literature are part of the literature corpus (modality16)
        (
            "Grounded answers\n\nThe index holds PubMed abstracts, review articles and "
            "twelve medical textbooks.",
            False,
        ),
        ("Grounded answers\n\nWe pretrain on research papers and clinical textbooks.", False),
        # alone, or listed with other text, they are medical textbooks
        ("Grounded answers\n\nWe pretrain on a corpus of 30 medical textbooks.", True),
        ("Grounded answers\n\nWe pretrain on drug labels and medical textbooks.", True),
    ],
)
def test_textbooks_listed_with_the_literature_are_literature(
    nlp: Language, text: str, found: bool
) -> None:
    conf = confidences(nlp, text, "modality")
    assert (conf.get("medicaltextbooks", 0.0) >= LINK_THRESHOLD) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a conversational assistant for images talks about the images (modality16)
        (
            "Slide assistant\n\nWe tune a conversational assistant that answers questions "
            "about histopathology slides.",
            False,
        ),
        # without an image modality its data are conversations
        (
            "Triage assistant\n\nWe tune a conversational assistant that answers questions "
            "about medication side effects.",
            True,
        ),
    ],
)
def test_an_image_assistant_implies_no_dialogue_data(nlp: Language, text: str, found: bool) -> None:
    conf = confidences(nlp, text, "modality")
    assert (conf.get("medicaldialogue", 0.0) >= LINK_THRESHOLD) is found


def test_talks_about_images_only_for_the_void_modalities() -> None:
    from kg.nlp.components.concepts import talks_about_images

    img = ConceptMatch(0, 2, "modality", "ct", 0.9, "v")
    void, keys = frozenset({"medicaldialogue"}), frozenset({"ct"})
    assert talks_about_images("medicaldialogue", [img], void, keys)
    assert not talks_about_images("medicaldialogue", [], void, keys)
    assert not talks_about_images("radiologyreport", [img], void, keys)
