"""Branch review17c: a misfire of names17b's title-case run to a dataset head on a fresh
sentence, narrowed. A function word written in title case ("With", "In") joins a capitalised
phrase, no dataset's name, and stops the run; plain title-case words still join."""

from __future__ import annotations

from name_helpers import typed
from spacy.language import Language

from kg.nlp.components.names.boundaries import title_case_word


def test_function_words_in_title_case_are_no_name_words() -> None:
    assert [title_case_word(w) for w in ("With", "For", "On")] == [False, False, False]


def test_plain_title_case_words_are_name_words() -> None:
    assert [title_case_word(w) for w in ("Fracture", "Within", "Spine")] == [True, True, True]


def test_a_run_through_a_function_word_does_not_join(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We trained FractureNet With Rib Labels dataset augmentation and compared it with "
        "two baselines on 4,000 radiographs.",
    )
    assert not any("With" in t for t in found)


def test_a_run_of_plain_title_case_words_still_joins(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "Radiographs were drawn from the public NIH-ACR Rib Fracture Labels dataset and from "
        "three trauma centres.",
    )
    assert any(t.startswith("NIH-ACR Rib Fracture Labels") for t in found)
