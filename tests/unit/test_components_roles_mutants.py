"""kg_entities roles, issue 15: tests written for the mutants a run of mutmut 3.8.1's operators
left alive in session 15's role decisions (``works_with``, ``released_checkpoint``,
``described_after``, ``works_with_unknown``, ``obtained_by_training``, ``title_develops``).

Each test holds one decision at its exact boundary (the eight-word apposition window, "with"
as the second word, "arrive at"), by a direct call on a lower-case word list or a short
sentence through ``kg_entities``, so that the mutant that moved it fails.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp.components.roles import (
    described_after,
    obtained_by_training,
    released_checkpoint,
    title_develops,
    works_with,
)


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        # the apposition: "with" and an article at most eight words before the comma
        ("we work with a w1 w2 w3 w4 w5 w6 w7 ,", True),
        ("we work with a w1 w2 w3 w4 w5 w6 w7 w8 ,", False),
        # "with" and its article right before the comma: the nearest place looked at
        ("we segment livers with an ,", True),
        # "with" as the second word, after "we"
        ("we with a gan ,", True),
        ("we with", True),
        # no article after "with": no apposition, so no tool
        ("we with data sets ,", False),
        # a comma inside the apposition: not one phrase
        ("we work with a gan , trained on x ,", False),
        ("we work with a gan , ,", False),
        # a comma right before "with" is outside the apposition
        ("we segment livers , with a u-net ,", True),
        # no "we" among the first six words
        ("they segment livers with", False),
        # the words between "we" and "with" only: a person noun before "we" is not read
        ("in patients we segment with", True),
        ("we compare with", False),
        # a clause word, ";" or ":" between "we" and "with"
        ("we found that with", False),
        ("we segment livers ; with", False),
        ("we segment livers : with", False),
    ],
)
def test_works_with(before: str, expected: bool) -> None:
    assert works_with(before.split()) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Whisper-medium", True),
        ("Heron 7B", True),
        ("X-7B", True),
        # the first part is the brand, never a checkpoint tier
        ("medium-Heron", False),
        # a lower-case part that is no tier word
        ("ModelX-net", False),
        ("PlaneNet-Lite", False),
    ],
)
def test_released_checkpoint(name: str, expected: bool) -> None:
    assert released_checkpoint(name, frozenset({"medium", "large", "lite"})) is expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [([","], False), ([",", "a"], True), ([",", "and"], False), (["and", "a"], False)],
)
def test_described_after(after: list[str], expected: bool) -> None:
    assert described_after(after) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("we fine-tune y on notes to arrive at", True),
        ("we fine-tune y on notes to obtain", True),
        ("we fine-tune y on notes to look at", False),
        # "at" after another word than "arrive" is no result verb
        ("we fine-tune y to obtain results at", False),
    ],
)
def test_obtained_by_training(before: str, expected: bool) -> None:
    assert obtained_by_training(before.split()) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        # two words, the least a title can say it makes the name in
        ("design of", True),
        ("design", False),
        ("design of the", True),
        ("development and validation of a", True),
        ("development and validation", False),
        # a preposition between the making noun and "of"
        ("design for children of", False),
        ("validation of", False),
    ],
)
def test_title_develops(before: str, expected: bool) -> None:
    assert title_develops(before.split()) is expected


def roles(nlp: Language, text: str) -> dict[str, str]:
    """Surface text -> role of every dataset/model mention."""
    doc = nlp("A study\n\n" + text)
    return {s.text: s._.kg_role for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a checkpoint spelled over two units ("Heron 7B") is another's release
        ("We embed recordings with Heron 7B, a speech encoder.", "Heron 7B", "uses"),
        ("We embed recordings with Heron-net, a speech encoder.", "Heron-net", "introduces"),
        # another name earlier in the sentence makes the tool a part of it
        (
            "We build HeronRAG and we answer questions with OsteoMark, a retriever.",
            "OsteoMark",
            "uses",
        ),
        ("We answer questions with OsteoMark, a retriever.", "OsteoMark", "introduces"),
        (
            "Building on HeronRAG we answer questions with OsteoMark, a retriever.",
            "OsteoMark",
            "uses",
        ),
        # only the name's own words are read for a checkpoint's tier
        ("We embed large recordings with Heron-net, a speech encoder.", "Heron-net", "introduces"),
    ],
)
def test_works_with_unknown(nlp_entities: Language, text: str, name: str, role: str) -> None:
    assert roles(nlp_entities, text).get(name) == role
