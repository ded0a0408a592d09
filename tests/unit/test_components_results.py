"""kg_results: numeric results tied to metrics (and models/datasets) in the same sentence."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import read_patterns
from kg.nlp.components.concepts import CONCEPT_PATTERN_FILES
from kg.nlp.components.results import ResultMatch, clean_value_text


@pytest.fixture(scope="module")
def nlp(nlp_results: Language) -> Language:
    """The concepts + results pipeline of ``tests/conftest.py``."""
    return nlp_results


def results(nlp: Language, text: str) -> list[ResultMatch]:
    return list(nlp(text)._.kg_results)


@pytest.mark.parametrize(
    ("text", "metric", "value_text", "value"),
    [
        ("The model achieves an AUC of 0.93.", "auc", "0.93", "0.93"),
        ("It reaches 87.9% accuracy on the test set.", "accuracy", "87.9%", "87.9"),
        ("We obtain a Dice of 0.91 on the hold-out set.", "dice", "0.91", "0.91"),
        # BERTScore reports its own F1: the metric is BERTScore (guidelines, metric)
        ("Generation quality is high (BERTScore F1 of 0.764).", "bertscore", "0.764", "0.764"),
        ("It achieves an SSIM of 0.94 +/- 0.02 for CT.", "ssim", "0.94 +/- 0.02", "0.94"),
        ("The best model achieves only 31.4 nDCG@10.", "ndcg", "31.4", "31.4"),
        (
            "Accuracy was 78\\% on the test split.",
            "accuracy",
            "78%",
            "78",
        ),  # LaTeX escape dropped (issue 15)
    ],
)
def test_results_absolute_values(
    nlp: Language, text: str, metric: str, value_text: str, value: str
) -> None:
    found = [r for r in results(nlp, text) if not r.is_improvement]
    assert [(r.metric_key, r.value_text, r.value) for r in found] == [
        (metric, value_text, Decimal(value))
    ]
    r = found[0]
    # offsets point at the value as written; the value text drops LaTeX escapes
    assert clean_value_text(text[r.start : r.end]) == r.value_text


def test_results_from_to_keeps_the_value_reached(nlp: Language) -> None:
    # guidelines, results: in "from 71.2% to 78.4%" the result is 78.4%
    found = results(nlp, "Fine-tuning raised accuracy from 55.11% to 78.22%.")
    assert [(r.value_text, r.is_improvement) for r in found] == [("78.22%", False)]


@pytest.mark.parametrize(
    ("text", "value_text"),
    [
        ("Our method improves F1 by 3.2 points.", "3.2 points"),
        ("It outperforms the baseline by 8% in accuracy.", "8%"),
        ("Accuracy rose (+12.61) over the baseline.", "+12.61"),
        ("Synthetic data improved accuracy from 27% to 78% (+51%).", "+51%"),
    ],
)
def test_results_deltas_are_improvements(nlp: Language, text: str, value_text: str) -> None:
    found = {r.value_text: r for r in results(nlp, text)}
    assert found[value_text].is_improvement


def test_results_respectively_lists_are_zipped(nlp: Language) -> None:
    text = (
        "Our algorithm achieved precision, recall, and F1 score of 98.4, 97.0, and 97.7, "
        "respectively."
    )
    assert [(r.metric_key, r.value_text) for r in results(nlp, text)] == [
        ("precision", "98.4"),
        ("recall", "97.0"),
        ("f1", "97.7"),
    ]
    text = "It yields 75.67, 77.83, and 78.17 for precision, recall, and F1 scores."
    assert [(r.metric_key, r.value_text) for r in results(nlp, text)] == [
        ("precision", "75.67"),
        ("recall", "77.83"),
        ("f1", "78.17"),
    ]


def test_results_metric_list_after_values(nlp: Language) -> None:
    found = results(
        nlp,
        "For cancer detection, the model achieved AUROCs of 0.89, 0.96, and 0.94 "
        "on the respective datasets.",
    )
    assert [(r.metric_key, r.value_text) for r in found] == [
        ("auc", "0.89"),
        ("auc", "0.96"),
        ("auc", "0.94"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The test set has 9,421 cases and the accuracy was reported.",
        "In 2021, accuracy was the main metric.",
        "Accuracy differed significantly (p = 0.003).",
        "In the 5-shot setting, accuracy is reported per class.",
        "We trained on 12.8B image-text pairs and report accuracy.",
        "Accuracy in the 95% CI was reported for 3 models.",
        "We collected 1.4 million images to measure accuracy.",
        "The model has 7 billion parameters and high accuracy.",
    ],
)
def test_results_skip_non_scores(nlp: Language, text: str) -> None:
    assert results(nlp, text) == []


def test_results_need_a_metric(nlp: Language) -> None:
    assert results(nlp, "The model scores 0.93 on the benchmark.") == []


def test_results_drops_are_skipped(nlp: Language) -> None:
    found = results(nlp, "Baselines show accuracy degradation (up to 11.5% and 3.8% respectively).")
    assert found == []


def test_results_ties_model_and_dataset() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("kg_concepts").initialize(
        nlp=pipeline, patterns=read_patterns(CONCEPT_PATTERN_FILES)
    )
    doc = pipeline("MedNet achieves a Dice of 0.91 on BraTS and a Dice of 0.88 on KiTS.")
    doc.spans["kg_models"] = [doc.char_span(0, 6, label="model", kb_id="mednet")]
    start = doc.text.index("BraTS")
    doc.spans["kg_datasets"] = [
        doc.char_span(start, start + 5, label="dataset", kb_id="brats"),
        doc.char_span(
            doc.text.index("KiTS"), doc.text.index("KiTS") + 4, label="dataset", kb_id="kits"
        ),
    ]
    extractor = spacy.registry.factories.get("kg_results")(pipeline, "kg_results")
    extractor.initialize(nlp=pipeline, patterns=read_patterns(["results"]))
    doc = extractor(doc)
    got = [(r.value_text, r.model_key, r.dataset_key) for r in doc._.kg_results]
    assert got == [("0.91", "mednet", "brats"), ("0.88", "mednet", "kits")]


def test_results_without_concepts_is_empty() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("kg_results")
    doc: Doc = pipeline("Accuracy of 0.9.")
    assert doc._.kg_results == []


def test_results_repeated_value_is_one_result(nlp: Language) -> None:
    text = "It reaches 0.868 accuracy. Unlike baselines, it keeps its high accuracy (0.868)."
    assert [r.value_text for r in results(nlp, text)] == ["0.868"]


def test_results_read_metric_labels_of_the_pipelines_vocabulary(tmp_path: Path) -> None:
    # kg_concepts configured with its own schemes: kg_results reads the metric spans' own
    # words with that vocabulary's labels, not with the shipped one's
    import shutil

    from kg.nlp.vocabulary import load_vocabulary
    from kg.paths import schemes_dir

    schemes = tmp_path / "schemes"
    shutil.copytree(schemes_dir(), schemes)
    with open(schemes / "metrics.ttl", "a", encoding="utf-8") as handle:
        handle.write(
            "\nmetric:zorbaccuracy a skos:Concept, mkg:Metric ;\n"
            '    rdfs:label "zorb accuracy"@en ; skos:prefLabel "zorb accuracy"@en ;\n'
            "    skos:broader metric:accuracy ;\n"
            "    skos:inScheme <https://w3id.org/medkg/scheme/metrics> .\n"
        )
    custom = load_vocabulary(schemes)
    assert "zorbaccuracy" in custom.label_index("metric")
    for results_first in (False, True):  # kg_results added before kg_concepts, or after
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        if results_first:
            nlp.add_pipe("kg_results")
        nlp.add_pipe("kg_concepts", config={"schemes_dir": str(schemes)})
        if not results_first:
            nlp.add_pipe("kg_results")
        nlp.initialize()
        extractor = nlp.get_pipe("kg_results")
        assert extractor.metric_labels == custom.label_index("metric")
        assert "zorbaccuracy" in extractor.narrower
