"""kg_concepts, issue 15 (branch modality15): modalities named by an imaging specialty in a list
of specialties, clinical documents named by their setting ("admission reports"), and the gate
condition behind the first. Fresh short sentences, each decision on both sides of its boundary."""

from __future__ import annotations

import pytest
import spacy
from concept_helpers import asserted
from spacy.language import Language

from kg.nlp.components.concept_matching import Gate, gate_accepts

# -- the gate condition ---------------------------------------------------------------------------

SPECIALTIES = frozenset({"radiology", "pathology", "dermatology"})


def _accepts(text: str, word: str, gate: Gate) -> bool:
    doc = spacy.blank("en")(text)
    i = [t.text for t in doc].index(word)
    return gate_accepts(
        gate, doc[i : i + 1], doc_words=frozenset(), near_starts=(), abbreviation_concept=None
    )


def test_pass_listed_with_accepts_a_member_of_a_list_of_specialties() -> None:
    gate = Gate("g", "modality", "histopathology", ("pathology",), pass_listed_with=SPECIALTIES)
    assert _accepts("data from radiology , pathology and surgery", "pathology", gate)
    # the same word outside such a list has no evidence
    assert not _accepts("patients with pathology of the knee", "pathology", gate)
    # a listed word that only modifies the next item does not make a list of specialties
    assert not _accepts("pathology and radiology reports", "pathology", gate)


def test_pass_listed_with_gives_way_to_blocking_words() -> None:
    gate = Gate(
        "g",
        "modality",
        "histopathology",
        ("pathology",),
        pass_listed_with=SPECIALTIES,
        block_prev=frozenset({"rare"}),
    )
    assert not _accepts("radiology , rare pathology and surgery", "pathology", gate)


# -- specialties and clinical documents in the pipeline ----------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("Tasks span radiology, pathology, dermatology and surgery.", "dermatologyimage", True),
        ("Tasks span radiology, pathology, dermatology and surgery.", "histopathology", True),
        ("We adapt a vision model to dermatology with 9,000 images.", "dermatologyimage", True),
        ("Visual chatbots answered dermatology board questions.", "dermatologyimage", False),
        ("Nurses of the dermatology clinic rated images.", "dermatologyimage", False),
        ("Young patients with rare pathology were excluded.", "histopathology", False),
    ],
)
def test_imaging_specialties_name_their_images(
    nlp: Language, text: str, key: str, expected: bool
) -> None:
    assert (key in asserted(nlp, text, "modality")) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GPT-4 summarised 300 admission reports of a geriatric ward.", True),
        ("Adverse events are mined from hospital records of two sites.", True),
        ("Each answer cites the diagnostic records it relies on.", True),
        ("The hospital reported 300 admissions in 2020.", False),
    ],
)
def test_clinical_documents_named_by_their_setting(
    nlp: Language, text: str, expected: bool
) -> None:
    assert ("clinicaltext" in asserted(nlp, text, "modality")) is expected
