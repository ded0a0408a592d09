"""kg_entities, issue 15: tests written for the mutants a run of mutmut 3.8.1's operators left
alive in session 15's name decisions (``names/boundaries.py``, ``names/cues.py``,
``names/scan.py``): data standards, registries, versions, product words, cohorts.

Each test holds one decision at its exact boundary (three words before a name, three after
it, the unit right after an acronym), mostly by a direct call on hand-made units, so that the
mutant that moved it (``>`` to ``>=``, an index off by one, ``and`` for ``or``) fails.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.measures import is_measure, is_record_identifier
from kg.nlp.components.names.boundaries import (
    acronym_before_version,
    cohort_name_end,
    describes_a_study,
    names_a_registry,
    names_a_standard,
    product_word_before,
    states_a_version,
    version_in_brackets,
)
from kg.nlp.components.names.cues import Candidate, fronted_clause, names_a_cohort
from kg.nlp.components.names.scan import gerund_opener, made_earlier, opens_longer_name
from kg.nlp.components.names.units import Unit

_LEX = Lexicon.from_patterns(
    {
        "not_names": [
            {"kind": "standard_word", "text": "server"},
            {"kind": "standard_word", "text": "CDM"},
            {"kind": "registration_word", "text": "registered"},
        ]
    },
    parse_known_entities([]),
)


def us(*texts: str) -> list[Unit]:
    return [
        Unit(k, k + 1, t, "cap" if t[:1].isupper() else "lower", False, True)
        for k, t in enumerate(texts)
    ]


@pytest.mark.parametrize(
    ("texts", "first", "last", "expected"),
    [
        # the name's own last word is a standard word (any case), if the name has two words
        (("the", "OMOP", "CDM", "."), 1, 2, True),
        (("the", "CDM", "."), 1, 1, False),
        # "data model" right after the name: two words read
        (("the", "OMOP", "data", "model", "."), 1, 1, True),
        (("the", "OMOP", "data", "sets", "."), 1, 1, False),
    ],
)
def test_names_a_standard(texts: tuple[str, ...], first: int, last: int, expected: bool) -> None:
    assert names_a_standard(us(*texts), first, last, _LEX) is expected


@pytest.mark.parametrize(
    ("texts", "first", "expected"),
    [
        # the registration word as the sentence's first unit
        (("registered", "at", "X", "(", "NCT01234567", ")"), 2, True),
        # at most three words before the name
        (("registered", "in", "the", "public", "X", "(", "NCT01234567", ")"), 4, False),
        # the record number after the name, not before it
        (("NCT01234567", "registered", "at", "X", "."), 3, False),
        (("registered", "NCT01234567", "X", "."), 2, False),
        # the unit right after the name, and no further than three units after it
        (("registered", "at", "X", "NCT01234567"), 2, True),
        (("registered", "at", "X", "a", "b", "NCT01234567"), 2, True),
        (("registered", "at", "X", "a", "b", "c", "NCT01234567"), 2, False),
    ],
)
def test_names_a_registry(texts: tuple[str, ...], first: int, expected: bool) -> None:
    assert names_a_registry(us(*texts), first, first, _LEX) is expected


@pytest.mark.parametrize(
    ("texts", "j", "expected"),
    [
        (("X",), 1, False),
        (("version",), 0, False),
        (("version", "3"), 0, True),
        (("version", "three"), 0, False),
    ],
)
def test_states_a_version(texts: tuple[str, ...], j: int, expected: bool) -> None:
    assert states_a_version(us(*texts), j) is expected


@pytest.mark.parametrize(
    ("texts", "last", "expected"),
    [
        (("X", "(", "v3", ")"), 0, True),
        (("X", "(", "version", "3", ")"), 0, True),
        (("X", "(", "n", "v3", ")"), 0, False),
        (("X", "v3"), 0, False),
        (("X", "("), 0, False),
    ],
)
def test_version_in_brackets(texts: tuple[str, ...], last: int, expected: bool) -> None:
    assert version_in_brackets(us(*texts), last) is expected


@pytest.mark.parametrize(
    ("texts", "m", "expected"),
    [
        (("CXR",), 0, False),
        (("CXR", ",", "version", "3"), 0, True),
        (("the", "CXR", ",", "v3"), 1, True),
        (("CXR", "v3"), 0, True),
        (("CXR", "images"), 0, False),
    ],
)
def test_acronym_before_version(texts: tuple[str, ...], m: int, expected: bool) -> None:
    assert acronym_before_version(us(*texts), m) is expected


@pytest.mark.parametrize(
    ("texts", "k", "expected"),
    [
        (("the", "commercial", "X"), 2, True),
        (("commercial", "X"), 1, True),
        (("a", "commercial", "algorithm", "(", "X"), 4, True),
        (("a", "commercially", "available", "algorithm", "(", "X"), 5, True),
        (("a", "public", "algorithm", "(", "X"), 4, False),
    ],
)
def test_product_word_before(texts: tuple[str, ...], k: int, expected: bool) -> None:
    assert product_word_before(us(*texts), k, frozenset({"commercial", "commercially"})) is (
        expected
    )


@pytest.mark.parametrize(
    ("texts", "k", "expected"),
    [
        (("the", "Framingham", "Heart", "Study", "."), 1, 3),
        (("our", "Kestrel", "Heart", "Study", "."), 1, None),
        (("Kestrel", "Heart", "Study", "."), 0, None),
    ],
)
def test_cohort_name_end(texts: tuple[str, ...], k: int, expected: int | None) -> None:
    units = us(*texts)
    assert cohort_name_end(units, k, [0] * len(units), frozenset({"study"})) == expected


@pytest.mark.parametrize(
    "words",
    [
        "Pilot and Feasibility",
        "Pilot of the Feasibility",
        "Pilot - Feasibility",
        "the Pilot",
        "PILOT",
    ],
)
def test_describes_a_study_reads_joining_words_past(words: str) -> None:
    assert describes_a_study(words.split(), frozenset({"pilot", "feasibility"}))


def ss(*texts: str) -> list[Unit]:
    """Units with a sentence start at the first."""
    return [Unit(k, k + 1, t, "lower", k == 0, True) for k, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a prepositional phrase opening the sentence
        (("On", "X"), True),
        # a participle right at the sentence start, right before the name
        (("Trained", "X"), True),
        (("Using", "records", "from", "X"), True),
        (("Using", "X"), True),
        (("Testing", "X"), True),
        (("Built", "upon", "X"), True),
        # "-ed" needs a word of five letters or more
        (("Used", "with", "X"), False),
        # a comma, semicolon, colon, bracket or clause subject between opener and name
        (("Trained", ",", "X"), False),
        (("Trained", ";", "X"), False),
        (("Trained", ":", "X"), False),
        (("Trained", "(", "X"), False),
        (("Trained", ")", "X"), False),
        (("Trained", "on", "data", "we", "use", "X"), False),
        # twelve units back at most
        (("Trained", *[f"w{n}" for n in range(11)], "X"), True),
        (("Trained", *[f"w{n}" for n in range(12)], "X"), False),
    ],
)
def test_fronted_clause(texts: tuple[str, ...], expected: bool) -> None:
    assert fronted_clause(ss(*texts), len(texts) - 1) is expected


def test_fronted_clause_sentence_start_outside_the_window() -> None:
    units = us("Trained", *[f"w{n}" for n in range(13)], "X")
    assert fronted_clause(units, 14) is False


@pytest.mark.parametrize(
    ("texts", "first", "name", "expected"),
    [
        (("the", "Kestrel", "Heart", "Study"), 1, "Kestrel Heart Study", True),
        # the word before the name must be there: the name opening the text has none
        (("Kestrel", "Heart", "Study", "the"), 0, "Kestrel Heart Study", False),
        # design words before the name's own head: all words but the head are read
        (("the", "Pilot", "Kestrel", "Study"), 1, "Pilot Kestrel Study", True),
        (("the", "Pilot", "Study"), 1, "Pilot Study", False),
    ],
)
def test_names_a_cohort(texts: tuple[str, ...], first: int, name: str, expected: bool) -> None:
    named = Candidate(first, len(texts), first, len(texts) - 1, name, "long", 0.8)
    ends = frozenset({"study"})
    assert names_a_cohort(us(*texts), named, ends, frozenset({"pilot"})) is expected


_ADVERBS = frozenset({"previously", "originally"})


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        # the participle right after the adverb, or after "been"
        ("previously developed on", True),
        ("had previously been developed", True),
        ("previously written by", True),
        # "been" is skipped, not taken for the participle
        ("had previously been a baseline", False),
        # nothing after the adverb, or no participle
        ("previously", False),
        ("previously a", False),
        # only fillers, no adverb
        (",", False),
        ("", False),
    ],
)
def test_made_earlier(after: str, expected: bool) -> None:
    assert made_earlier(after.split(), _ADVERBS) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Coding", True),
        ("Codin", False),
        ("building", False),
        ("BUilding", False),
        ("Buildings", False),
    ],
)
def test_gerund_opener(word: str, expected: bool) -> None:
    assert gerund_opener(word) is expected


def test_opens_longer_name_needs_a_found_name_next() -> None:
    units = [
        Unit(0, 1, "Aya", "cap", False, True),
        Unit(1, 2, "Expanse", "cap", False, True),
        Unit(2, 3, "32B", "strong", False, True),
    ]
    named = Candidate(1, 3, 1, 2, "Expanse 32B", "long", 0.8)
    assert opens_longer_name(units, 0, {1: named})
    assert not opens_longer_name(units, 0, {})


def test_is_measure_takes_a_record_identifier() -> None:
    assert is_measure("NCT01234567", elements={}, units=frozenset())
    assert not is_measure("HeronNet", elements={}, units=frozenset())


def _names(nlp: Language, text: str) -> set[str]:
    doc = nlp(text)
    return {s.text for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}


def test_a_title_gerund_and_one_word_name_the_word(nlp_entities: Language) -> None:
    """The title's name alone (the body does not repeat it): "Building X: ..." names X."""
    names = _names(nlp_entities, "Building WrenPHI: a corpus of notes\n\nWe test it on notes.")
    assert "WrenPHI" in names and "Building WrenPHI" not in names


def test_a_title_gerund_and_two_words_name_nothing(nlp_entities: Language) -> None:
    names = _names(nlp_entities, "Evaluating Wren Scribe: a study\n\nWe test WrenNote.")
    assert names == {"WrenNote"}


@pytest.mark.parametrize("text", ["NCT01234567.", "NCT01234567,", "ISRCTN87654321;"])
def test_is_record_identifier_past_closing_punctuation(text: str) -> None:
    assert is_record_identifier(text)


def test_a_title_way_head_types_no_model(nlp_entities: Language) -> None:
    """ "a knowledge graph approach to ..." says how: the prefix is not typed by the head."""
    title = "HeronKG: a knowledge graph approach to claims data"
    doc = nlp_entities(title + "\n\nWe present HeronKG with 40 tasks.")
    types = {s.text: s.label_ for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}
    assert types.get("HeronKG") == "dataset"
