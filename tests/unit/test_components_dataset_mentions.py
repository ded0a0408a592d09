"""The ``kg_entities`` component: dataset mentions (doc.spans["kg_datasets"])."""

from __future__ import annotations

import pytest
from spacy.language import Language

import kg.nlp  # noqa: F401  (registers the tokenizer, reader and factories)
from kg.ids import normalize_key


def datasets(nlp: Language, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {normalize_key(s.text): s._.kg_role for s in doc.spans["kg_datasets"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Models were trained on MIMIC-CXR and evaluated on CheXpert.", {"mimiccxr", "chexpert"}),
        ("We report results on the FooBar-2K dataset.", {"foobar2kdataset"}),
        ("Benchmarks such as ZetaQA and OmegaBench are popular.", {"zetaqa", "omegabench"}),
        ("Data were collected from the Input4XYZ and QMIP6 archives.", {"input4xyz", "qmip6"}),
    ],
)
def test_dataset_mentions_found(nlp_entities: Language, text: str, expected: set[str]) -> None:
    assert set(datasets(nlp_entities, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We evaluate on three public datasets and a private dataset of 2,000 CT scans.",
        "Large language models (LLMs) were tested on unnamed data.",
        "Results were obtained at a Thai medical center in 2023.",
    ],
)
def test_dataset_mentions_negative(nlp_entities: Language, text: str) -> None:
    assert datasets(nlp_entities, text) == {}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "In this paper, we introduce ZetaQA, a benchmark for clinical reasoning.",
            "zetaqa",
            "introduces",
        ),
        ("We release RadCorpusX, a corpus of radiology reports.", "radcorpusx", "introduces"),
        ("We fine-tune a model on ZetaQA.", "zetaqa", "uses"),
    ],
)
def test_dataset_mentions_role(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert datasets(nlp_entities, text)[name] == role


def test_dataset_mentions_title_prefix(nlp_entities: Language) -> None:
    doc = nlp_entities("ZetaQA: A Benchmark for Clinical Reasoning\n\nZetaQA has 5,000 questions.")
    spans = list(doc.spans["kg_datasets"])
    assert [s.text for s in spans] == ["ZetaQA", "ZetaQA"]
    assert all(s._.kg_role == "introduces" and s.kb_id_ == "zetaqa" for s in spans)
    assert all(s._.kg_extractor == "kg_entities:title_prefix" for s in spans)


def test_dataset_mentions_curated_alias_key(nlp_entities: Language) -> None:
    doc = nlp_entities("We train on MIMIC CXR images.")
    assert [s.kb_id_ for s in doc.spans["kg_datasets"]] == ["mimiccxr"]
    assert doc.spans["kg_datasets"][0]._.kg_confidence >= 0.9
