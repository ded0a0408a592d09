"""kg_results, issue 15 item 5: each decision tested with short sentences on both sides."""

from __future__ import annotations

from decimal import Decimal

import pytest
import spacy
from spacy.language import Language

import kg.nlp.components.concepts
import kg.nlp.components.results  # noqa: F401
from kg.nlp import read_patterns
from kg.nlp.components.concepts import CONCEPT_PATTERN_FILES
from kg.nlp.components.results import ResultMatch, clean_value_text


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("kg_concepts").initialize(
        nlp=pipeline, patterns=read_patterns(CONCEPT_PATTERN_FILES)
    )
    pipeline.add_pipe("kg_results").initialize(nlp=pipeline, patterns=read_patterns(["results"]))
    return pipeline


def results(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(metric key, value text) of every absolute result."""
    return [(r.metric_key, r.value_text) for r in nlp(text)._.kg_results if not r.is_improvement]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the confidence interval gate: the bounds inside "(95% CI ...)" are not results
        ("It reaches an AUC of 0.91 (95% CI 0.88-0.94) today.", [("auc", "0.91")]),
        ("It reaches an AUC of 0.91 (CI: 0.88 to 0.94) today.", [("auc", "0.91")]),
        # the same bracket without CI words keeps its value
        (
            "It reaches an AUC of 0.91 (accuracy 0.88) today.",
            [("auc", "0.91"), ("accuracy", "0.88")],
        ),
        ("The AUC was 0.91 (0.88 on CT) today.", [("auc", "0.91"), ("auc", "0.88")]),
    ],
)
def test_confidence_interval_bounds_are_not_results(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a value bound to the metric before it is not taken by the metric after it
        ("It reaches an AUC of 0.91 and F1 of 0.85 overall.", [("auc", "0.91"), ("f1", "0.85")]),
        ("It reaches a Dice of 0.80 and IoU of 0.70 overall.", [("dice", "0.80"), ("iou", "0.70")]),
        # a value written before its metric still takes it
        ("It reaches 0.91 AUC and 0.85 F1 overall.", [("auc", "0.91"), ("f1", "0.85")]),
    ],
)
def test_value_takes_the_metric_it_is_bound_to(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


def test_value_lists_after_a_single_metric(nlp: Language) -> None:
    text = (
        "It obtains a Dice of 0.80 for intramodal and 0.62 for intermodal, "
        "while X achieved 0.77 and 0.60, respectively."
    )
    assert results(nlp, text) == [("dice", v) for v in ("0.80", "0.62", "0.77", "0.60")]


def test_value_lists_need_a_single_metric(nlp: Language) -> None:
    # two metrics in the sentence: a far value is not guessed
    text = (
        "Accuracy of 0.80 was seen for the intramodal registration of adult brain scans "
        "from the first "
        "public cohort of the study site, and 0.62 for the rest, while Dice stays high."
    )
    assert results(nlp, text) == [("accuracy", "0.80")]
    # the same sentence with one metric: the far value is that metric's
    assert results(nlp, text.replace("Dice", "it")) == [("accuracy", "0.80"), ("accuracy", "0.62")]


def test_value_text_drops_latex(nlp: Language) -> None:
    assert results(nlp, "Accuracy reached 69.68\\% on the test set.") == [("accuracy", "69.68%")]
    assert clean_value_text("0.9 \\pm 0.1") == "0.9 ± 0.1"
    assert clean_value_text(" 81.2% ") == "81.2%"


def test_dataset_after_a_metric_that_follows_the_value() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("kg_concepts").initialize(
        nlp=pipeline, patterns=read_patterns(CONCEPT_PATTERN_FILES)
    )
    doc = pipeline("MedNet reaches 0.125 BLEU-4 on MIMIC-CXR today.")
    start = doc.text.index("MIMIC-CXR")
    doc.spans["kg_datasets"] = [
        doc.char_span(start, start + len("MIMIC-CXR"), label="dataset", kb_id="mimiccxr")
    ]
    extractor = spacy.registry.factories.get("kg_results")(pipeline, "kg_results")
    extractor.initialize(nlp=pipeline, patterns=read_patterns(["results"]))
    found: list[ResultMatch] = extractor(doc)._.kg_results
    assert [(r.value, r.dataset_key) for r in found] == [(Decimal("0.125"), "mimiccxr")]
