"""Roles on long structured abstracts (issue 15, item 4; blind batch E): clinical abstracts
name their own model in a passive ("X, a 3D U-Net ..., was trained on ..."), credit "our
group", fine-tune a new named model, and release a corpus beside the weights. Short fresh
sentences on both sides of each cue."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.roles import apposition_close, by_the_paper, created_in_passive


def roles(nlp: Language, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {s.text: s._.kg_role for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a passive that creates an unknown name after an indefinite apposition
        (
            "GlioMapper, a 2D V-Net with attention gates, was trained on 410 scans.",
            "GlioMapper",
            "introduces",
        ),
        (
            "GlioMapper, a 2D V-Net with attention gates, was evaluated on 410 scans.",
            "GlioMapper",
            "uses",
        ),
        (
            "GlioMapper, a segmentation network built by Siemens, was trained on 410 scans.",
            "GlioMapper",
            "uses",
        ),
        (
            "GlioMapper, an existing segmentation network, was trained on 410 scans.",
            "GlioMapper",
            "uses",
        ),
        (
            "GlioMapper, a 2D V-Net with attention gates, was developed by Siemens for scans.",
            "GlioMapper",
            "uses",
        ),
        # a training passive with the paper in the sentence ...
        ("GlioMapper was trained on 410 scans from our hospital.", "GlioMapper", "introduces"),
        # ... not without it
        ("GlioMapper was trained on 410 scans from a hospital.", "GlioMapper", "uses"),
        # "developed by our group" is the paper's own
        (
            "We tested a reading aid, ScanPal, developed by our group, in clinics.",
            "ScanPal",
            "introduces",
        ),
        (
            "We tested ScanPal, a reading aid developed by our team, in clinics.",
            "ScanPal",
            "introduces",
        ),
        ("We tested ScanPal, a reading aid developed by Philips, in clinics.", "ScanPal", "uses"),
        ("We tested a reading aid, ScanPal, developed by Philips, in clinics.", "ScanPal", "uses"),
        # a new noun phrase "we" fine-tuned is the paper's model
        (
            "We compare GPT-4 with ReplyKit, a model we fine-tuned from Mistral-7B.",
            "ReplyKit",
            "introduces",
        ),
        ("We compare GPT-4 with ReplyKit, which we fine-tuned on our notes.", "ReplyKit", "uses"),
        # a corpus released beside the weights
        (
            "We release the trained weights and the note corpus, NoteBank-12K, to all.",
            "NoteBank-12K",
            "introduces",
        ),
        (
            "We use the trained weights and the note corpus, NoteBank-12K, for tests.",
            "NoteBank-12K",
            "uses",
        ),
    ],
)
def test_clinical_abstracts_name_their_own_model(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text)[name] == role


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_patterns(
        {
            "roles": [
                {"kind": "introduce_verb", "text": "developed"},
                {"kind": "block", "text": "existing"},
                {"kind": "block", "text": "with"},
            ]
        },
        parse_known_entities([]),
    )


def test_apposition_close_bounds(lexicon: Lexicon) -> None:
    words = ["a", "net", "with", "blocks", ",", "was"]
    assert apposition_close(words, lexicon) == 4
    assert apposition_close(["an", "existing", "net", ",", "was"], lexicon) == -1
    assert apposition_close(["the", "net", ",", "was"], lexicon) == -1
    # twenty words at most between the commas (clinical abstracts describe their own
    # system at length: "X, a video transformer built on ... head, was developed")
    assert apposition_close(["a", *["big"] * 18, ","], lexicon) == 19
    assert apposition_close(["a", *["big"] * 19, ","], lexicon) == -1


def test_created_in_passive_and_by_the_paper(lexicon: Lexicon) -> None:
    assert created_in_passive(["was", "trained", "on"], lexicon) == "trained"
    assert created_in_passive(["was", "used", "on"], lexicon) == ""
    assert created_in_passive(["trained", "on"], lexicon) == ""
    assert (
        created_in_passive([",", "a", "net", ",", "is", "developed", "here"], lexicon)
        == "developed"
    )
    assert by_the_paper(["our", "lab"])
    assert not by_the_paper(["their", "lab"])
