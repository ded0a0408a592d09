"""The SKOS vocabularies (ontology/schemes/*.ttl) and their loader kg.nlp.vocabulary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.entity_types import ENTITY_CLASSES
from kg.ids import entity_iri, normalize_key
from kg.nlp.vocabulary import DEFAULT_SCHEMES_DIR, SCHEME_FILES, load_vocabulary

GUIDELINES = Path(__file__).resolve().parents[3] / "shared" / "eval" / "GUIDELINES.md"
SCHEME_IRIS = {
    t: URIRef(f"https://w3id.org/medkg/scheme/{f[:-4]}") for t, f in SCHEME_FILES.items()
}

#: canonical labels of GUIDELINES.md (kept here too, so the test runs without the shared folder)
CANONICAL: dict[str, list[str]] = {
    "modality": [
        "X-ray",
        "CT",
        "MRI",
        "ultrasound",
        "PET",
        "mammography",
        "histopathology",
        "fundus photography",
        "OCT",
        "endoscopy",
        "dermatology image",
        "microscopy",
        "ECG",
        "EEG",
        "medical video",
        "clinical text",
        "radiology report",
        "EHR",
        "biomedical literature",
        "medical dialogue",
        "speech",
        "genomics",
        "wearable sensor",
        "lab tests",
        "3D volume",
    ],
    "task": [
        "image classification",
        "image segmentation",
        "object detection",
        "report generation",
        "visual question answering",
        "question answering",
        "image-text retrieval",
        "image retrieval",
        "anomaly detection",
        "named entity recognition",
        "relation extraction",
        "information extraction",
        "text classification",
        "summarization",
        "machine translation",
        "text simplification",
        "image generation",
        "diagnosis",
        "disease prediction",
        "hallucination detection",
        "misinformation detection",
        "medical reasoning",
        "dialogue",
        "natural language inference",
        "representation learning",
        "data augmentation",
    ],
    "metric": [
        "accuracy",
        "F1",
        "precision",
        "recall",
        "sensitivity",
        "specificity",
        "AUC",
        "AUPRC",
        "Dice",
        "IoU",
        "MCC",
        "BLEU",
        "ROUGE",
        "METEOR",
        "CIDEr",
        "BERTScore",
        "FID",
        "perplexity",
        "mean average precision",
        "Recall@K",
        "human evaluation",
        "Hausdorff distance",
    ],
}


def _guideline_labels(section: str) -> list[str]:
    """Canonical labels of one GUIDELINES section: the text before ':' of each '·' item."""
    text = GUIDELINES.read_text(encoding="utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    body = body.split("Canonical labels", 1)[1].split(":\n", 1)[1]
    body = re.split(r"\n(?:Annotate|Only|Generic)", body, maxsplit=1)[0]
    labels = []
    for item in body.replace("\n", " ").split("·"):
        item = item.strip().lstrip(":").strip()
        if not item:
            continue
        label = item.split(":", 1)[0]
        label = re.sub(r"\(.*?\)", "", label).strip().rstrip(".").strip()
        if label:
            labels.append(label)
    return labels


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {
        t: Graph().parse(DEFAULT_SCHEMES_DIR / f, format="turtle") for t, f in SCHEME_FILES.items()
    }


@pytest.mark.parametrize("entity_type", list(SCHEME_FILES))
def test_vocabulary_one_scheme_per_file(graphs: dict[str, Graph], entity_type: str) -> None:
    schemes = set(graphs[entity_type].subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == {SCHEME_IRIS[entity_type]}


@pytest.mark.parametrize("entity_type", list(SCHEME_FILES))
def test_vocabulary_concepts_are_well_formed(graphs: dict[str, Graph], entity_type: str) -> None:
    g = graphs[entity_type]
    scheme = SCHEME_IRIS[entity_type]
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert concepts
    for c in concepts:
        prefs = list(g.objects(c, SKOS.prefLabel))
        labels = list(g.objects(c, RDFS.label))
        assert len(prefs) == 1 and len(labels) == 1, c
        assert str(prefs[0]) == str(labels[0])
        assert isinstance(prefs[0], Literal) and prefs[0].language == "en"
        assert all(
            isinstance(a, Literal) and a.language == "en" for a in g.objects(c, SKOS.altLabel)
        )
        assert c == entity_iri(entity_type, str(prefs[0]))
        assert (c, RDF.type, ENTITY_CLASSES[entity_type]) in g
        assert (c, SKOS.inScheme, scheme) in g
        assert len(list(g.objects(c, SKOS.definition))) == 1
        broader = list(g.objects(c, SKOS.broader))
        for b in broader:
            assert (b, RDF.type, SKOS.Concept) in g, f"{c} broader {b} missing"
        assert ((c, SKOS.topConceptOf, scheme) in g) == (not broader)
        assert ((scheme, SKOS.hasTopConcept, c) in g) == (not broader)


@pytest.mark.parametrize("entity_type", list(SCHEME_FILES))
def test_vocabulary_labels_are_unambiguous(entity_type: str) -> None:
    owner: dict[str, str] = {}
    for concept in load_vocabulary().of_type(entity_type):
        for label in concept.labels:
            key = normalize_key(label)
            assert owner.setdefault(key, concept.key) == concept.key, (
                label,
                owner[key],
                concept.key,
            )


@pytest.mark.parametrize("entity_type", list(SCHEME_FILES))
def test_vocabulary_broader_has_no_cycles(entity_type: str) -> None:
    vocab = load_vocabulary()
    for concept in vocab.of_type(entity_type):
        assert concept.key not in vocab.ancestors(entity_type, concept.key)


@pytest.mark.parametrize(
    ("entity_type", "label"), [(t, lab) for t, labs in CANONICAL.items() for lab in labs]
)
def test_vocabulary_has_guideline_label(entity_type: str, label: str) -> None:
    concept = load_vocabulary().get(entity_type, normalize_key(label))
    assert concept.pref_label == label


@pytest.mark.skipif(not GUIDELINES.exists(), reason="shared GUIDELINES.md not available")
@pytest.mark.parametrize("entity_type", list(CANONICAL))
def test_vocabulary_matches_guidelines_file(entity_type: str) -> None:
    parsed = {normalize_key(x) for x in _guideline_labels(entity_type)}
    listed = {normalize_key(x) for x in CANONICAL[entity_type]}
    assert listed <= parsed | {"3dvolume"}, listed - parsed
    pref = {c.key for c in load_vocabulary().of_type(entity_type)}
    assert parsed <= pref, parsed - pref


@pytest.mark.parametrize(
    ("entity_type", "narrow", "broad"),
    [
        ("modality", "chestxray", "xray"),
        ("modality", "mammography", "xray"),
        ("modality", "ctangiography", "ct"),
        ("modality", "brainmri", "mri"),
        ("task", "visualquestionanswering", "questionanswering"),
        ("metric", "integratedbrierscore", "brierscore"),
        ("metric", "top1accuracy", "accuracy"),
    ],
)
def test_vocabulary_broader_hierarchy(entity_type: str, narrow: str, broad: str) -> None:
    assert broad in load_vocabulary().ancestors(entity_type, narrow)


def test_vocabulary_concept_data_is_plain() -> None:
    concept = load_vocabulary().get("modality", "xray")
    assert concept.iri == str(entity_iri("modality", "X-ray"))
    assert "radiograph" in concept.alt_labels
    assert all(isinstance(x, str) for x in concept.labels)
    assert load_vocabulary() is load_vocabulary()  # cached
