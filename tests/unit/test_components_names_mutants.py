"""kg_entities, issue 15: tests written for the mutants left alive in the name finder's
decisions added in session 12 (``kg/nlp/components/names/boundaries.py`` and ``scan.py``).

Each test holds one decision at its exact boundary (a window of twelve units, a gap of two
words, three lower-case letters), mostly by a direct call on hand-made units, so that the
mutant that moved it (``>=`` to ``>``, ``and`` to ``or``, an index off by one) fails.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.abbreviations import AbbreviationPair
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.boundaries import (
    curated_then_other,
    named_as_recipe,
    recipe_head_at,
    score_after_size,
    spelling_units,
    spells_short_form,
)
from kg.nlp.components.names.cues import Candidate
from kg.nlp.components.names.scan import (
    capitalised_runs,
    list_tail,
    names_a_tracer,
    number_forms,
    recipe_prefixed,
    snapshot_keys,
    tracer_names,
    written_form_base,
)
from kg.nlp.components.names.units import Shape, Unit

_PUNCT = {",", ".", "(", ")", "--", ":"}


def _shape(word: str) -> Shape:
    if word in _PUNCT:
        return "punct"
    if word[0].isdigit():
        return "num"
    if word.isupper() or word[1:] != word[1:].lower():
        return "strong"
    if word[0].isupper():
        return "cap"
    return "lower"


def _units(text: str) -> list[Unit]:
    """One unit a word of ``text`` (split at spaces), shaped by its spelling."""
    units, char = [], 0
    for i, word in enumerate(text.split()):
        units.append(Unit(i, i + 1, word, _shape(word), i == 0, True, char))
        char += len(word) + 1
    return units


#: twelve capitalised words a name list may hold between a recipe head and a name
_FILLERS = [
    "Alpha",
    "Beta",
    "Gamma",
    "Delta",
    "Eta",
    "Theta",
    "Iota",
    "Kappa",
    "Lambda",
    "Mu",
    "Nu",
    "Xi",
]


def _recipe_lexicon() -> Lexicon:
    rows = {
        "not_models": [{"kind": "recipe_head", "text": w} for w in ("algorithms", "rule")]
        + [{"kind": "recipe_modifier", "text": w} for w in ("optimization", "aggregation")]
    }
    return Lexicon.from_patterns(rows, parse_known_entities(""))


# score_after_size: a plain number after a size ("70B 64.3") is a score.


@pytest.mark.parametrize(
    ("last", "text", "expected"),
    [("13B", "71.4", True), ("13B", "v2", False), ("2.7", "13", False), ("Base", "71.4", False)],
)
def test_score_after_size(last: str, text: str, expected: bool) -> None:
    assert score_after_size(last, text) is expected


# spells_short_form: a long-form word cased to spell its short form.


@pytest.mark.parametrize(
    ("word", "short", "expected"),
    [
        ("HOrizon", "HOTA", True),
        ("TRack", "HOTA", False),  # "tr" spells nothing of HOTA
        ("HOrn", "HOTA", False),  # two lower-case letters only
        ("HOrns", "HOTA", True),  # three
        ("HO-rizon", "HOTA", False),  # not a word of letters
        ("Tracking", "HOTA", False),  # no capital inside
        ("HOTA", "HOTA", False),
        ("hOrizon", "HOTA", True),  # the capital inside may be the second letter
    ],
)
def test_spells_short_form(word: str, short: str, expected: bool) -> None:
    assert spells_short_form(word, short) is expected


def test_spelling_units_read_each_long_form_only() -> None:
    # "HOles" spells HOTA too, but is no word of its long form
    units = _units("HOles HOrizon Tracking ACcuracy ( HOTA ) and TAil")
    # token t is unit t, but the last token has no unit
    tok2unit = {t: t for t in range(len(units) - 1)}
    pair = AbbreviationPair(5, 6, 1, 4, "HOTA", "HOrizon Tracking ACcuracy")
    tail = AbbreviationPair(0, 1, 8, 9, "TA", "TAil")
    assert spelling_units(units, tok2unit, [pair]) == {1}
    assert spelling_units(units, tok2unit, [pair, tail]) == {1}


# curated_then_other: a curated name followed by another curated name or a generic short form.


@pytest.mark.parametrize(
    ("left", "right", "generic", "expected"),
    [
        ("PhysioNet", "ICD-10", set(), True),  # another curated name
        ("PhysioNet", "SDOH", {"SDOH"}, True),  # a generic short form
        ("PhysioNet", "Physio-Net", set(), False),  # the same curated entity
        ("PhysioNet", "Rivers", set(), False),  # not curated
        ("Duke", "SDOH", {"SDOH"}, False),  # an uncurated name keeps the word
        ("Duke", "ICD-10", set(), False),
    ],
)
def test_curated_then_other(left: str, right: str, generic: set[str], expected: bool) -> None:
    known = parse_known_entities(["dataset\tPhysioNet", "dataset\tICD-10"])
    lexicon = Lexicon.from_patterns({}, known)
    assert curated_then_other(left, right, generic, lexicon) is expected


# recipe_head_at / named_as_recipe: a name set beside a recipe's head is a recipe.


@pytest.mark.parametrize(
    ("text", "j", "expected"),
    [
        ("Optimization Algorithms", 1, True),  # read in lower case
        ("algorithms optimization", 0, False),  # no unit before the first
        ("optimization algorithms today", 1, True),
        ("today algorithms optimization", 1, False),  # the modifier is before the head
        ("optimization models", 1, False),
    ],
)
def test_recipe_head_at(text: str, j: int, expected: bool) -> None:
    assert recipe_head_at(_units(text), j, _recipe_lexicon()) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head right after the first unit
        ("optimization algorithms Zephyr", True),
        # a name listed after other names and a comma, an odd number of units between
        ("the optimization algorithms -- Zephyr", True),
        ("the optimization algorithms Alpha , Beta and Zephyr", True),
        # "," then a list word lists; "," then anything else does not
        ("the aggregation rule , including Zephyr", True),
        ("the aggregation rule , Alpha Zephyr", False),
        ("With this aggregation rule , Zephyr", False),
        # at most twelve units back
        (
            "the aggregation rule " + " ".join(_FILLERS[:11]) + " Zephyr",
            True,
        ),
        (
            "the aggregation rule " + " ".join(_FILLERS) + " Zephyr",
            False,
        ),
    ],
)
def test_named_as_recipe_after_its_head(text: str, expected: bool) -> None:
    units = _units(text)
    first = len(units) - 1
    sent_of = [0] * len(units)
    assert named_as_recipe(units, first, first, sent_of, _recipe_lexicon()) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zephyr is an aggregation rule", True),
        ("Zephyr , aggregation rule", True),
        # the head within four units after the apposition word and its determiner
        ("Zephyr , a fast new aggregation rule", True),
        ("Zephyr , a very fast new aggregation rule", False),
        ("Zephyr , very fast new aggregation rule", False),
        # a bracket or other punctuation ends the apposition
        ("Zephyr , ( aggregation rule )", False),
        ("Zephyr , a fast new model", False),
        # nothing after the name, or after the apposition word
        ("We use Zephyr", False),
        ("We use Zephyr ,", False),
    ],
)
def test_named_as_recipe_in_apposition(text: str, expected: bool) -> None:
    units = _units(text)
    first = next(i for i, u in enumerate(units) if u.text == "Zephyr")
    sent_of = [0] * len(units)
    assert named_as_recipe(units, first, first, sent_of, _recipe_lexicon()) is expected
    # the apposition is read in one sentence only
    if expected:
        sent_of = [0] * (first + 1) + [1] * (len(units) - first - 1)
        assert named_as_recipe(units, first, first, sent_of, _recipe_lexicon()) is False


def test_named_as_recipe_stays_in_its_sentence() -> None:
    # a title "Optimization Algorithms" before the abstract's first word, no full stop between
    units = _units("Optimization Algorithms Zephyr converges")
    assert named_as_recipe(units, 2, 2, [0, 0, 1, 1], _recipe_lexicon()) is False
    assert named_as_recipe(units, 2, 2, [0, 0, 0, 0], _recipe_lexicon()) is True


# capitalised_runs: the runs of capitalised words coordinated from a unit on, in one sentence.


@pytest.mark.parametrize(
    ("text", "sent_of", "expected"),
    [
        # a run of two words, then one of three
        ("the Upland Heart and Pima River Diabetes datasets", None, [(1, 2), (4, 6)]),
        # the units end with the run
        ("the Upland Heart Disease", None, [(1, 3)]),
        ("the Upland Heart , Tansy", None, [(1, 2), (4, 4)]),
        ("the Upland Heart , or Pima River", None, [(1, 2), (5, 6)]),
        ("the Upland Heart and", None, [(1, 2)]),  # a joiner, then the end of the units
        # a word that coordinates nothing ends the runs
        ("the Upland Heart near Pima River", None, [(1, 2)]),
        # a sentence ends inside the run, or after the comma (a title has no full stop)
        ("the Upland Heart Disease Pima River", [0, 0, 0, 0, 1, 1], [(1, 3)]),
        ("the Upland Heart , Pima River", [0, 0, 0, 0, 1, 1], [(1, 2)]),
    ],
)
def test_capitalised_runs(
    text: str, sent_of: list[int] | None, expected: list[tuple[int, int]]
) -> None:
    units = _units(text)
    assert capitalised_runs(units, 1, sent_of or [0] * len(units)) == expected


# _add_long_names_before_data_heads: coordinated capitalised names, some of several words,
# between a determiner and a data head.


def _long_names(nlp: Language, text: str) -> dict[str, float]:
    """Text -> confidence of the dataset mentions the long-name-before-data-head rule found."""
    doc = nlp("A study\n\n" + text)
    return {
        s.text: s._.kg_confidence
        for s in doc.spans["kg_datasets"]
        if s._.kg_extractor == "kg_entities:long_name_before_data_head"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two runs, both of several words
        (
            "We use the Upland Heart Disease and Pima River Diabetes datasets.",
            {"Upland Heart Disease", "Pima River Diabetes"},
        ),
        # no determiner before the first name
        ("We use Upland Heart Disease, Pima River Diabetes and Tansy datasets.", set()),
        # one run alone
        ("We use the Upland Heart Disease datasets.", set()),
        # a run of two words describes; its list is skipped, a later list is not
        (
            "We use the Upland Heart and Pima River Diabetes datasets, and the Kestrel Bay "
            "Stroke and Tansy datasets.",
            {"Kestrel Bay Stroke", "Tansy"},
        ),
        # a one-word item the text also writes in lower case is no name: the list is skipped
        ("We use the Upland Heart Disease and Tansy datasets with tansy leaves.", set()),
        # a single capitalised word, or runs before another noun, do not stop the search
        (
            "We compare the Alder shore with the Upland Heart Disease and Pima River Diabetes "
            "datasets.",
            {"Upland Heart Disease", "Pima River Diabetes"},
        ),
        (
            "We compare the Alder Bay and Cedar Hill sites with the Upland Heart Disease and "
            "Pima River Diabetes datasets.",
            {"Upland Heart Disease", "Pima River Diabetes"},
        ),
    ],
)
def test_long_names_before_a_data_head(
    nlp_entities: Language, text: str, expected: set[str]
) -> None:
    found = _long_names(nlp_entities, text)
    assert set(found) == expected
    assert all(conf < 1.0 for conf in found.values())


# the scan's small decisions on one name's text.


@pytest.mark.parametrize(
    ("short", "forms"),
    [
        ("eQTLs", ("eQTLs", "eQTL")),
        ("pHs", ("pHs", "pH")),  # the capital right before the "s" decides
        ("ABs", ("ABs", "AB")),  # three letters are enough
        ("Ms", ("Ms", "Mss")),  # two are not
        ("Ids", ("Ids", "Idss")),
        ("SDOH", ("SDOH", "SDOHs")),
    ],
)
def test_number_forms(short: str, forms: tuple[str, str]) -> None:
    assert number_forms(short) == forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [("PSMA", True), ("PSMA-PET", True), ("PSMA-PET-CT", True), ("PET-PSMA", False)],
)
def test_names_a_tracer(text: str, expected: bool) -> None:
    assert names_a_tracer(text, frozenset({"PSMA"})) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("SwarmNet", True), ("FedNova", True), ("NovaFed", False), ("Federal", False)],
)
def test_recipe_prefixed(text: str, expected: bool) -> None:
    assert recipe_prefixed(text, ("Fed", "Swarm")) is expected


def _cand(first: int, last: int, text: str, key: str = "") -> Candidate:
    return Candidate(first, last + 1, first, last, text, "test", 0.5, key=key)


def test_list_tail_reads_a_comma_and_a_name_before() -> None:
    units = _units("Heron , Wren and Finch")
    by_last = {0: _cand(0, 0, "Heron"), 2: _cand(2, 2, "Wren"), 4: _cand(4, 4, "Finch")}
    assert list_tail(units, 2, by_last) is True  # "Wren" is the second unit after "Heron ,"
    assert list_tail(units, 4, by_last) is False  # "and" before "Finch"
    assert list_tail(units, 0, by_last) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kestrel-2 ( kestrel-20240601 )", {"kestrel20240601": "kestrel2"}),
        ("Kestrel-2 ( kestrel-20240601 ) today", {"kestrel20240601": "kestrel2"}),
        # no closing bracket: the text ends with the identifier
        ("Kestrel-2 ( kestrel-20240601", {}),
    ],
)
def test_snapshot_keys_at_the_end_of_the_units(text: str, expected: dict[str, str]) -> None:
    units = _units(text)
    cands = [
        _cand(0, 0, "Kestrel-2", "kestrel2"),
        _cand(2, 2, "kestrel-20240601", "kestrel20240601"),
    ]
    assert snapshot_keys(units, cands) == expected


def test_tracer_names_need_an_isotope_label_and_no_boron() -> None:
    rows = {
        "not_names": [
            {"kind": "element", "text": t, "z": z} for t, z in (("F", 9), ("B", 5), ("Ga", 31))
        ]
    }
    lexicon = Lexicon.from_patterns(rows, parse_known_entities(""))
    found = tracer_names("A 3D-CNN reads 68Ga-DOTA and [18F]FDG scans and 13B-IT notes.", lexicon)
    assert found == {"68Ga-DOTA", "DOTA", "[18F]FDG", "18F]FDG", "FDG"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("lab/sub/Wren-7B", "Wren-7B"), ("lab/Wren-7B", "Wren-7B"), ("Wren-7B", None)],
)
def test_written_form_base_of_a_hub_path(text: str, expected: str | None) -> None:
    assert written_form_base(text, True, frozenset()) == expected
