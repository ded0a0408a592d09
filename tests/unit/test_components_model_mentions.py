"""The ``kg_entities`` component: model mentions (doc.spans["kg_models"])."""

from __future__ import annotations

import pytest
from spacy.language import Language

import kg.nlp  # noqa: F401
from kg.ids import normalize_key


def models(nlp: Language, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {normalize_key(s.text): s._.kg_role for s in doc.spans["kg_models"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We compare GPT-4o, Llama 3.1 8B and Claude 3.5 Sonnet v2.",
            {"gpt4o", "llama318b", "claude35sonnetv2"},
        ),
        ("Our detector outperforms ResNet-50 and U-Net.", {"resnet50", "unet"}),
        ("FooFormer-7B is evaluated against BarNet.", {"fooformer7b", "barnet"}),
        (
            "We use the Segment Anything Model (SAM) and refine SAM masks.",
            {"segmentanythingmodel", "sam"},
        ),
    ],
)
def test_model_mentions_found(nlp_entities: Language, text: str, expected: set[str]) -> None:
    assert set(models(nlp_entities, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "LLMs and VLMs are changing medicine.",
        "We train CNNs and a GAN with contrastive learning and LoRA.",
        "Diffusion models and foundation models are compared with transformers.",
        "Direct preference optimization (DPO) and GRPO are training recipes.",
        "Code is at https://github.com/SomeLab/CoolModel-2.",
    ],
)
def test_model_mentions_negative(nlp_entities: Language, text: str) -> None:
    assert models(nlp_entities, text) == {}


def test_model_mentions_abbreviation_one_key(nlp_entities: Language) -> None:
    doc = nlp_entities("We use the Segment Anything Model (SAM). SAM segments organs.")
    assert {s.kb_id_ for s in doc.spans["kg_models"]} == {"sam"}
    assert len(doc.spans["kg_models"]) == 3


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("We introduce FooNet, a novel network for segmentation.", "foonet", "introduces"),
        ("This paper presents BarFormer, which builds on BERT.", "barformer", "introduces"),
        ("This paper presents BarFormer, which builds on BERT.", "bert", "uses"),
        ("The resulting model, QuxLM-8B, beats GPT-4.", "quxlm8b", "introduces"),
        ("We evaluate GPT-4 on clinical notes.", "gpt4", "uses"),
    ],
)
def test_model_mentions_role(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert models(nlp_entities, text)[name] == role


def test_model_mentions_title_prefix_is_model_without_dataset_words(nlp_entities: Language) -> None:
    doc = nlp_entities("FooNet: Fast Segmentation of CT Scans\n\nFooNet is fast.")
    assert {s.kb_id_ for s in doc.spans["kg_models"]} == {"foonet"}
    assert not doc.spans["kg_datasets"]


def test_model_mentions_ner_hits_merged_below_rules(nlp_entities: Language) -> None:
    from kg.nlp.components.names.scan import find_mentions

    comp = nlp_entities.get_pipe("kg_entities")
    doc = nlp_entities.make_doc("the tool named as well as Qux9 works")
    for name, proc in nlp_entities.pipeline:
        if name != "kg_entities":
            doc = proc(doc)
    qux = next(t.i for t in doc if t.text == "Qux9")
    mentions = find_mentions(
        doc, comp.lexicon, ner_spans=[(qux, qux + 1, "MODEL"), (0, 1, "MODEL")]
    )
    assert [(doc[m.start : m.end].text) for m in mentions] == ["Qux9"]
    assert mentions[0].rule == "name_shape"  # the rule wins over the NER on overlap
