"""kg_entities, issue 15 item 3: what is not a dataset or model name. Short sentences on
both sides of each decision."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names import defined_name_confidence, unit_shape, version_names
from kg.statements import LINK_THRESHOLD


def names(nlp: Language, text: str) -> dict[str, tuple[str, float]]:
    """Surface text -> (type, confidence) of every dataset/model mention."""
    doc = nlp(text)
    out: dict[str, tuple[str, float]] = {}
    for key in ("kg_datasets", "kg_models"):
        for span in doc.spans[key]:
            out[span.text] = (span.label_, span._.kg_confidence)
    return out


def asserted(nlp: Language, text: str) -> set[str]:
    return {t for t, (_, c) in names(nlp, text).items() if c >= LINK_THRESHOLD}


@pytest.mark.parametrize(
    "text",
    [
        "dataset.Our",  # two sentences glued by the tokenizer
        "Models(LLMs)",
        "(KG)-elicited",
        "ref\\textbf{L}ection",
        "Wei2022ChainOT",
        "~gebru2018datasheets",
        "al,2023",
        "f1-score=59.0",
        "O(N^2)",
        "28x28x28",
        "7B/8B",
        "7B-70B",
        "706times",
    ],
)
def test_tokenizer_leftovers_are_not_name_shaped(text: str) -> None:
    assert unit_shape(text) == "lower"


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4o",
        "Llama-3.1-8B",
        "MIMIC-CXR",
        "Qwen2.5-VL",
        "nnU-Net",
        "BraTS2021",
        "YOLOv8",
        "COVID-19",
        "CheXpert",
    ],
)
def test_real_names_stay_name_shaped(text: str) -> None:
    assert unit_shape(text) == "strong"


@pytest.mark.parametrize(
    ("word", "version", "ok"),
    [
        ("Koala", "7B", True),
        ("Evidence", "2.0", True),
        ("Falcon", "3D", False),  # a dimension
        ("Falcon", "2d", False),
        ("Falcon", "22%", False),  # a percentage
        ("Redefining", "3.0", False),  # "-ing"
        ("Merely", "2", False),  # "-ly"
        ("Generalizable", "2", False),  # "-able"
        ("Reproducible", "2", False),  # "-ible"
        (
            "Bing",
            "2",
            False,
        ),  # the suffix rule is morphology: a short name ending in "-ing" goes too
    ],
)
def test_version_names(word: str, version: str, ok: bool) -> None:
    assert version_names(word, version) is ok


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    known = parse_known_entities(["model\tBERT"])
    return Lexicon.from_patterns({}, known)


@pytest.mark.parametrize(
    ("short", "expected"),
    [
        ("DME", 0.45),  # bare acronym: below the link threshold
        ("CF-IR", 0.45),  # bare acronym with a hyphenated letter group
        ("KnoBo", 0.85),  # mixed case: a made name
        ("SL-HyDE", 0.85),
        ("BERT", 0.85),  # curated
        ("D2", 0.85),  # a digit
    ],
)
def test_defined_name_confidence(lexicon: Lexicon, short: str, expected: float) -> None:
    assert defined_name_confidence(short, lexicon) == expected
    assert (expected >= LINK_THRESHOLD) is (expected == 0.85)


def test_acronym_definition_of_a_disease_is_not_asserted(nlp_entities: Language) -> None:
    text = "A study\n\nEye diseases such as Diabetic Macular Edema (DME) are common. We test DME."
    assert not asserted(nlp_entities, text) & {"DME", "Diabetic Macular Edema"}


def test_acronym_definition_with_a_model_head_is_asserted(nlp_entities: Language) -> None:
    text = "A study\n\nWe use the Latent Diffusion Autoencoder Model (LDAEM) for this."
    assert "LDAEM" in asserted(
        nlp_entities, text
    ) or "Latent Diffusion Autoencoder Model" in asserted(nlp_entities, text)


def test_glued_sentences_are_not_names(nlp_entities: Language) -> None:
    assert not asserted(nlp_entities, "A study\n\nWe build a dataset.Our model uses BERT.") & {
        "dataset.Our"
    }


def test_versioned_words_are_not_names(nlp_entities: Language) -> None:
    found = asserted(
        nlp_entities, "Redefining 3D Segmentation\n\nWe compare Koala 7B, Zorba 13B and BERT."
    )
    assert "Redefining 3D" not in found
    assert {"Koala 7B", "Zorba 13B"} <= found


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("GPT-4", "strong"),
        ("CheXpert", "strong"),
        ("seg2med", "strong"),
        ("Apollo", "cap"),
        ("M", "letter"),
        ("7B", "num"),
        ("the", "lower"),
        (",", "punct"),
        ("Vision-Language", "cap"),
        ("state-of-the-art", "lower"),
        ("CNNs", "lower"),
        ("https://x.org", "lower"),
    ],
)
def test_unit_shapes(text: str, shape: str) -> None:
    assert unit_shape(text) == shape
