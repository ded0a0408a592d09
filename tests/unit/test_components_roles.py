"""Roles (issue 15, item 4): a name is introduced only when the paper itself creates it.
Short sentences on both sides of each cue."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.roles import used_as_adjective


def roles(nlp: Language, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {s.text: s._.kg_role for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # the subject decides: the paper's own act ...
        ("We introduce MedFoo-7B for triage today.", "MedFoo-7B", "introduces"),
        ("This paper presents MedFoo-7B for triage today.", "MedFoo-7B", "introduces"),
        # ... or someone else's
        ("They introduce MedFoo-7B for triage today.", "MedFoo-7B", "uses"),
        ("Google introduced MedFoo-7B for triage today.", "MedFoo-7B", "uses"),
        ("Smith et al. present MedFoo-7B for triage today.", "MedFoo-7B", "uses"),
        # "open-source" after a quantifier is an adjective of other people's models
        (
            "We compared several open-source LLMs (Koala 7B, Zorba 13B) to GPT-4 today.",
            "Koala 7B",
            "uses",
        ),
        (
            "We compared several open-source LLMs (Koala 7B, Zorba 13B) to GPT-4 today.",
            "Zorba 13B",
            "uses",
        ),
        ("We evaluate popular open-source models such as MedBar-2 on triage.", "MedBar-2", "uses"),
        # ... and the paper's own verb otherwise
        ("We open-source MedFoo-7B for triage today.", "MedFoo-7B", "introduces"),
        ("We release an open-source model, MedFoo-7B, for triage.", "MedFoo-7B", "introduces"),
        # releasing the weights of a system is releasing the system
        ("We release the weights of MedFoo-7B for triage.", "MedFoo-7B", "introduces"),
        ("We evaluate the weights of MedFoo-7B for triage.", "MedFoo-7B", "uses"),
        ("They release the weights of MedFoo-7B for triage.", "MedFoo-7B", "uses"),
    ],
)
def test_roles_follow_the_subject_and_the_verb(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # "our X", "the proposed X", with up to three determiners/heads between
        ("Our MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "introduces"),
        ("The proposed MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "introduces"),
        ("Our new model MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "introduces"),
        ("Their MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "uses"),
        # the cue must be in the same sentence
        ("This is ours. MedFoo-7B beats GPT-4 today.", "MedFoo-7B", "uses"),
        # "named X", "dubbed X"
        ("We build a model named MedFoo-7B for triage.", "MedFoo-7B", "introduces"),
        ("A system dubbed MedFoo-7B is used for triage.", "MedFoo-7B", "introduces"),
        # "X, a novel ...", "X (ours)"
        ("MedFoo-7B, a novel model, beats GPT-4 today.", "MedFoo-7B", "introduces"),
        ("MedFoo-7B, a common model, beats GPT-4 today.", "MedFoo-7B", "uses"),
        ("MedFoo-7B (ours) beats GPT-4 today.", "MedFoo-7B", "introduces"),
        # passive: "X is proposed in this paper" needs the paper as agent
        ("MedFoo-7B is proposed in this paper for triage.", "MedFoo-7B", "introduces"),
        ("MedFoo-7B is newly proposed by us for triage.", "MedFoo-7B", "introduces"),
        ("MedFoo-7B was proposed by Smith for triage.", "MedFoo-7B", "uses"),
        # "the creation of X"
        ("We describe the creation of MedFoo-7B for triage.", "MedFoo-7B", "introduces"),
        # a blocker between the verb and the name: the name is what the act uses
        ("We introduce a method that outperforms MedFoo-7B on triage.", "MedFoo-7B", "uses"),
        ("We propose a method based on MedFoo-7B for triage.", "MedFoo-7B", "uses"),
        # a name-shaped word between the verb and the name: the verb is that name's
        ("We introduce MedBar-2 and compare MedFoo-7B for triage.", "MedFoo-7B", "uses"),
    ],
)
def test_roles_cues(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert roles(nlp_entities, text)[name] == role


def test_used_as_adjective_reads_the_quantifier_list() -> None:
    lexicon = Lexicon.from_patterns(
        {"roles": [{"kind": "quantifier", "text": "several"}]}, parse_known_entities([])
    )
    assert used_as_adjective("several", lexicon)
    assert not used_as_adjective("we", lexicon)
    assert not used_as_adjective("", lexicon)
