"""Where a name starts and ends, and the key its mentions share: extension over version,
size and tier units ("Llama 3.1 8B", "Claude 3.5 Sonnet v2", "autoPET III"), long multi-word
names and their heads, slash and ampersand coordination, abbreviation long forms, and
:func:`name_key`, the one place a name's text becomes its key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from kg.ids import normalize_key
from kg.known_entities import KnownEntity
from kg.nlp.components.abbreviations import AbbreviationPair
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.measures import is_record_identifier
from kg.nlp.components.names.units import (
    FUNCTION_WORDS,
    LIST_INTRO,
    LIST_JOINERS,
    NOT_A_VERSION,
    NOT_NAME_SUFFIXES,
    NameType,
    Unit,
    back_in_sentence,
    ordinary_word,
    slash_break_at,
)
from kg.nlp.components.wordlists import wordlist


def version_names(word: str, version: str) -> bool:
    """Whether "<Capitalised word> <number>" can be a versioned name ("Evidence Inference 2.0",
    "Koala 7B"): not when the number is a dimension or a percentage ("Generalizable 3D",
    "Merely 22%"), nor when the word is a verb form, adverb or adjective by its suffix
    ("Reconstructing 3D"; issue 15, item 3).

    >>> (version_names("Koala", "7B"), version_names("Redefining", "3D"),
    ...  version_names("Merely", "22%"), version_names("Falcon", "3D"))
    (True, False, False, False)
    >>> version_names("Multi-Label", "12-Lead"), version_names("Koala", "2-VL")
    (False, True)
    """
    if NOT_A_VERSION.search(version):
        return False
    return not word.lower().endswith(NOT_NAME_SUFFIXES)


#: a number written as a score, not a version: a fraction below one ("0.884"), three or more
#: decimals ("91.237"), a percentage, or a decimal of two digits or more before its point
#: ("64.3": versions of models keep a one-digit major number, "Llama 3.1", "Qwen 2.5")
_SCORE_NUMBER = re.compile(r"^(?:0\.\d+|\d+\.\d{3,}|\d+(?:\.\d+)?%|\d{2,}\.\d+)$")


def score_number(text: str) -> bool:
    """Whether a number written apart after a name is a score, not its version: "ResNet-101
    0.884", "OrbitNet 91.237", "DenseNet 85%", "Mistral 64.3" (issue 15, item 3: a score
    glued to a name); "Llama 3.1", "LLaVA 1.5", "Python 3.10" and "Mistral 7B" keep theirs.

    >>> [score_number(t) for t in ("0.884", "91.237", "85.3%", "3.1", "1.5", "7B", "2")]
    [True, True, True, False, False, False, False]
    >>> [score_number(t) for t in ("64.3", "12.75", "3.10", "11")]
    [True, True, False, False]

    Slash-joined numbers are a row of scores when every part is a number and one is a score
    ("nnU-Net 0.915/0.879/0.841": Dice per region; "Qwen 2/2.5" stays a pair of versions):

    >>> [score_number(t) for t in ("0.915/0.879/0.841", "91.2%/3.1", "2/2.5", "0.9/x")]
    [True, True, False, False]
    """
    if "/" in text:
        parts = text.split("/")
        return all(_ROW_PART.match(p) for p in parts) and any(map(score_number, parts))
    return _SCORE_NUMBER.match(text) is not None


#: one part of a slash-joined row of numbers: "0.915", "91.2%", "3"
_ROW_PART = re.compile(r"^\d+(?:\.\d+)?%?$")


_DECIMAL = re.compile(r"^\d+\.(\d+)$")
#: words that coordinate a name after a stated value: "an MAE of 5.12 and X 4.61"
_ELISION_JOINERS = frozenset({"and", ",", "or", "while", "whereas", "versus", "vs"})


#: words after an elided score that go on with the list, not with the name's own clause
_ELIDED_ITEM_ENDS = _ELISION_JOINERS | {"respectively"}


def closes_elided_item(units: Sequence[Unit], m: int, sent_of: Sequence[int]) -> bool:
    """Whether the number at unit ``m`` ends an item of an elided comparison: the sentence
    ends or a punctuation mark, a joiner or "respectively" follows ("... and ViViT 4.61.",
    "ViViT 4.61 and X 4.80"). A verb after it makes the number part of the name, the name the
    subject of its own clause ("a kappa of 0.6, and Gemini 1.5 was prompted with each image";
    branch review16a).

    >>> def us(*texts):
    ...     return [Unit(j, j + 1, t, "lower", False, True) for j, t in enumerate(texts)]
    >>> closes_elided_item(us("ViViT", "4.61", "."), 1, [0] * 3)
    True
    >>> closes_elided_item(us("Gemini", "1.5", "was"), 1, [0] * 3)
    False
    """
    n = m + 1
    if n >= len(units) or sent_of[n] != sent_of[m]:
        return True
    u = units[n]
    return not any(ch.isalnum() for ch in u.text) or u.text.lower() in _ELIDED_ITEM_ENDS


def elided_score(units: Sequence[Unit], k: int, m: int, sent_of: Sequence[int]) -> bool:
    """Whether the decimal number at unit ``m``, after the name opening at unit ``k``, is
    that name's score in an elided comparison: the name follows a joiner, and earlier in the
    sentence a number with as many decimals is stated ("a baseline obtained an MAE of 5.12
    and ViViT 4.61": 4.61 is ViViT's MAE, not its version; branch names16). "compared with
    Llama 3.1" has no stated value before it and keeps its version, and so does "and
    Gemini 1.5 was prompted", which goes on with a verb (:func:`closes_elided_item`).

    >>> def us(*texts):
    ...     return [Unit(j, j + 1, t, "lower", False, True) for j, t in enumerate(texts)]
    >>> u = us("MAE", "of", "5.12", "and", "ViViT", "4.61")
    >>> elided_score(u, 4, 5, [0] * 6)
    True
    >>> u = us("MAE", "of", "5.1", "and", "ViViT", "4.61")
    >>> elided_score(u, 4, 5, [0] * 6)
    False
    >>> elided_score(us("compared", "with", "Llama", "3.10"), 2, 3, [0] * 4)
    False
    """
    found = _DECIMAL.match(units[m].text)
    if (
        found is None
        or k == 0
        or units[k - 1].text.lower() not in _ELISION_JOINERS
        or not closes_elided_item(units, m, sent_of)
    ):
        return False
    places = len(found.group(1))
    earlier = (_DECIMAL.match(units[j].text) for j in back_in_sentence(sent_of, k, k - 2))
    return any(e is not None and len(e.group(1)) == places for e in earlier)


_SIZE = re.compile(r"^\d+(?:\.\d+)?[BbMmKkTt]$")
_PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def score_after_size(last: str, text: str) -> bool:
    """Whether a plain number after a name's size is a score: a name's version comes before
    its size, so "Llama 3.1 70B 64.3" ends at "70B" (issue 15, item 3: a score glued to a
    name); "Nucleotide Transformer v2 500M" keeps its size after the version.

    >>> [score_after_size(a, b) for a, b in (("70B", "64.3"), ("7b", "2"), ("3.1", "70"),
    ...                                      ("70B", "v2"))]
    [True, True, False, False]
    """
    return _SIZE.match(last) is not None and _PLAIN_NUMBER.match(text) is not None


def numbered_noun(text: str, lexicon: Lexicon) -> bool:
    """ "Table 2", "Steps 1", "Task 3": a common noun followed by a number is not a name."""
    low = text.lower()
    return low in lexicon.numbered_nouns or (
        low.endswith("s") and low[:-1] in lexicon.numbered_nouns
    )


def recipe_compound(text: str, lexicon: Lexicon) -> bool:
    """ "DP-LoRA", "Med-DPO": a compound whose head is a training recipe is not a model; one
    whose head is a model family names a model of it ("ClinNote-LLM"; issue 15, item 3)."""
    parts = [p for p in re.split(r"[-_]+", text) if p]
    return (
        len(parts) > 1
        and normalize_key(parts[-1]) in lexicon.recipes
        and parts[-1].lower() != parts[-1]
    )


def strip_function_words(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in FUNCTION_WORDS:
        words.pop(0)
    return " ".join(words)


def trailing_head_type(words: Sequence[str], lexicon: Lexicon) -> NameType | None:
    """The type a title prefix's last word gives the name before it, when that word is a
    capitalised head noun after a one-word name ("OLIVES Dataset", "MedFoo Model"; issue 15,
    item 3: generic heads are not part of the label); None otherwise.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"datasets": [{"kind": "head", "text": "dataset"}],
    ...     "models": [{"kind": "head", "text": "model"}]}, parse_known_entities([]))
    >>> [trailing_head_type(w, lex) for w in (["OLIVES", "Dataset"], ["MedFoo", "Model"],
    ...  ["Dataset"], ["OLIVES", "dataset"], ["OLIVES", "Eye"], ["Yet", "ICU", "Dataset"])]
    ['dataset', 'model', None, None, None, None]
    """
    if len(words) != 2 or not words[-1][:1].isupper():
        return None  # "Yet Another ICU Benchmark": a head inside a longer name is its own
    head = words[-1].lower()
    if head in lexicon.dataset_heads:
        return "dataset"
    if head in lexicon.model_heads:
        return "model"
    return None


def title_type(
    units: Sequence[Unit],
    sep: int,
    title_end: int,
    doc: Doc,
    lexicon: Lexicon,
    prefix: Sequence[Unit],
) -> NameType:
    """Dataset when the title's main phrase names a dataset/benchmark/corpus, else model."""
    if any(w.lower() == "task" for u in prefix for w in re.split(r"[\s-]+", u.text)):
        return "dataset"
    if prefix and prefix[-1].text.lower().endswith(lexicon.dataset_suffixes):
        # "ChestFoo-Bench: questions about reports": the name's own suffix says data, unless
        # the title calls it a model ("MedCorpus: a model for ...")
        if not any(
            u.text.lower() in lexicon.model_heads for u in units[sep + 1 :] if u.char < title_end
        ):
            return "dataset"
    for k in range(sep + 1, len(units)):
        u = units[k]
        if u.char >= title_end:
            break
        w = u.text.lower()
        if w in {"with", "using", "via", "from", "through", "by", "based", "into"}:
            break
        if w in lexicon.title_dataset_words and not _modifies_model_head(units, k, lexicon):
            return "dataset"
        if w in lexicon.model_heads and heads_title_phrase(units, k, title_end):
            return "model"  # "X: A Robot Simulator for Dataset Generation": a system first
    return "model"


def heads_title_phrase(units: Sequence[Unit], k: int, title_end: int) -> bool:
    """Whether the capitalised word at unit ``k`` ends its noun phrase in a title: the title
    ends after it, or a lower-case word or a comma follows ("Generative Models and ...",
    "Robot Simulator for ..."), so a head noun there is what the title presents; a word
    before another capitalised word modifies it ("Model Evaluation Benchmark").

    >>> from kg.nlp.components.names.units import Unit
    >>> us = [Unit(i, i + 1, t, "cap", False, True, c) for i, (t, c) in
    ...       enumerate([("Generative", 0), ("Models", 11), ("and", 18), ("Data", 22)])]
    >>> [heads_title_phrase(us, k, 26) for k in (0, 1, 3)], heads_title_phrase(us, 1, 12)
    ([False, True, True], True)

    A title in sentence case writes its head in lower case: there the head ends its phrase
    before a preposition, a conjunction or a punctuation mark ("a foundation model for
    records evaluated on a benchmark"), not before another noun ("a model evaluation
    benchmark"); "approach" and "method" say how, not what ("a knowledge graph approach to").

    >>> us = [Unit(i, i + 1, t, "lower", False, True, 6 * i) for i, t in
    ...       enumerate(["foundation", "model", "for", "model", "evaluation", "benchmark"])]
    >>> heads_title_phrase(us, 1, 99), heads_title_phrase(us, 3, 99)
    (True, False)
    """
    nxt = k + 1
    if not units[k].text[:1].isupper():
        return (
            units[k].text.lower() not in _WAY_HEADS
            and nxt < len(units)
            and units[nxt].char < title_end
            and units[nxt].text.lower() in _PHRASE_CLOSERS
        )
    if nxt >= len(units) or units[nxt].char >= title_end:
        return True
    return not units[nxt].text[:1].isupper() or participle_closes(units, nxt, title_end)


def participle_closes(units: Sequence[Unit], k: int, title_end: int) -> bool:
    """Whether the capitalised word at unit ``k`` of a title is a participle opening a
    clause after the noun phrase before it: "Foundation Model Pretrained on ... Data",
    "Network Guided by Anatomy" (a lower-case preposition after the "-ed" word), so the word
    before it heads that phrase; "Model Based Planning" keeps "Based" a modifier.

    >>> from kg.nlp.components.names.units import Unit
    >>> us = [Unit(i, i + 1, t, "cap", False, True, i) for i, t in
    ...       enumerate(["Model", "Pretrained", "on", "Data"])]
    >>> participle_closes(us, 1, 99)
    True
    >>> us = [Unit(i, i + 1, t, "cap", False, True, i) for i, t in
    ...       enumerate(["Model", "Based", "Planning"])]
    >>> participle_closes(us, 1, 99)
    False
    """
    nxt = k + 1
    return (
        past_participle(units[k].text.lower())
        and nxt < len(units)
        and units[nxt].char < title_end
        and units[nxt].text in _PARTICIPLE_LINKS
    )


#: lower-case prepositions after a title's participle that open its clause ("Pretrained on")
_PARTICIPLE_LINKS = wordlist("names_wordlists", "participle_links")


#: model heads that name a way of working, not a system: "a knowledge graph approach to ..."
#: says how, and the name may be the graph
_WAY_HEADS = frozenset({"approach", "approaches", "method", "methods"})
#: words after a lower-case head noun that close its noun phrase in a sentence-case title
_PHRASE_CLOSERS = frozenset(
    {"for", "of", "in", "on", "with", "and", "to", "that", "which", ",", ":", ";"}
)


def _modifies_model_head(units: Sequence[Unit], k: int, lexicon: Lexicon) -> bool:
    """Whether the word at unit ``k`` modifies a model head right after it ("Data Engine",
    "Benchmark Generator"): then the title describes a system, not data."""
    return k + 1 < len(units) and units[k + 1].text.lower() in lexicon.model_heads


def followed_by(units: Sequence[Unit], last: int, words: frozenset[str]) -> bool:
    return last + 1 < len(units) and units[last + 1].text.lower() in words


def names_a_device(units: Sequence[Unit], first: int, last: int, lexicon: Lexicon) -> bool:
    """Whether the name at units ``first..last`` is one piece of equipment the work runs or
    was acquired on: "on" and an indefinite opener before it, a maker's name allowed between
    ("runs at 40 frames per second on an NVIDIA X", "scanned on an X", "on a single X"). A
    network is built on, not run on: "based on a X", "built on an X backbone" keep a model.

    >>> from kg.known_entities import parse_known_entities
    >>> rows = {"not_names": [{"kind": "device_opener", "text": "an"},
    ...                       {"kind": "hardware_vendor", "text": "Acme"}],
    ...         "models": [{"kind": "head", "text": "backbone"}]}
    >>> lex = Lexicon.from_patterns(rows, parse_known_entities([]))
    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> names_a_device(us("runs", "on", "an", "Acme", "X", "."), 4, 4, lex)
    True
    >>> names_a_device(us("built", "on", "an", "X", "."), 3, 3, lex)
    False
    >>> names_a_device(us("runs", "on", "an", "X", "backbone"), 3, 3, lex)
    False
    >>> names_a_device(us("trained", "on", "X", "."), 2, 2, lex)
    False
    """
    j = first - 1
    if j >= 0 and units[j].text.lower() in lexicon.hardware_vendors:
        j -= 1
    openers = 0
    while j >= 0 and units[j].text.lower() in lexicon.device_openers and openers < 2:
        j -= 1
        openers += 1
    if not openers or j < 0 or units[j].text.lower() != "on":
        return False
    if j > 0 and units[j - 1].text.lower() in BASE_WORDS:
        return False
    return not followed_by(units, last, lexicon.name_heads)


#: how many words a standard word may follow a name by: "HL7 FHIR resources", "FHIR (Fast
#: Healthcare Interoperability Resources) API" is past the brackets already
_STANDARD_AFTER = 1


def names_a_standard(units: Sequence[Unit], first: int, last: int, lexicon: Lexicon) -> bool:
    """Whether the name at units ``first..last`` is a data standard or exchange format: its
    last word is a standard word ("the OMOP CDM"), the word after it (past a bracketed short
    form) is one ("HL7 FHIR resources", "a FHIR server", "in SOAP format"), or "(common) data
    model" follows ("the OMOP Common Data Model"). Data is written in a format; the format is
    not the data (GUIDELINES: a format is no dataset, nor a model).

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"not_names": [{"kind": "standard_word", "text": "server"},
    ...     {"kind": "standard_word", "text": "CDM"}]}, parse_known_entities([]))
    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> names_a_standard(us("a", "FHIR", "server"), 1, 1, lex)
    True
    >>> names_a_standard(us("the", "OMOP", "CDM", "."), 1, 2, lex)
    True
    >>> names_a_standard(us("the", "OMOP", "Common", "Data", "Model"), 1, 1, lex)
    True
    >>> names_a_standard(us("the", "MedQA", "dataset"), 1, 1, lex)
    False
    """
    if units[last].text.lower() in lexicon.standard_words and last > first:
        return True
    k = past_brackets(units, last) + 1
    after = [units[j].text.lower() for j in range(k, min(k + 3, len(units)))]
    if after[:_STANDARD_AFTER] and after[0] in lexicon.standard_words:
        return True
    return after[:2] == ["data", "model"] or after == ["common", "data", "model"]


def names_a_place(
    units: Sequence[Unit], first: int, last: int, named: frozenset[int] = frozenset()
) -> bool:
    """Whether the one-word name at unit ``first`` (== ``last``) is half of a bracketed place,
    "(City, Country)": two plain capitalised words, and nothing else, in brackets after what
    they locate ("the X database (Bern, Switzerland)", "a cohort (Lyon, France)"). Names of
    data or systems in such a pair carry digits, inner capitals or hyphens ("(MIMIC-IV,
    eICU)"); a city and its country do not.

    >>> from kg.nlp.components.names.units import unit_shape
    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, unit_shape(t), False, True) for k, t in enumerate(texts)]
    >>> place = us("database", "(", "Lyon", ",", "France", ")")
    >>> names_a_place(place, 2, 2), names_a_place(place, 4, 4)
    (True, True)
    >>> pair = us("data", "(", "MIMIC-IV", ",", "eICU", ")")
    >>> names_a_place(pair, 2, 2), names_a_place(us("(", "Lyon", ")"), 1, 1)
    (False, False)

    A pair whose other half is a known name (``named``: the units that open one) lists names
    of data or systems, no place ("two archives (Hamlyn, Kvasir)"; branch review17a).

    >>> pair = us("archives", "(", "Hamlyn", ",", "Kvasir", ")")
    >>> names_a_place(pair, 2, 2), names_a_place(pair, 2, 2, frozenset({4}))
    (True, False)
    """
    if first != last:
        return False
    for lo in (first - 1, first - 3):
        hi = lo + 4
        if lo < 0 or hi >= len(units):
            continue
        texts = [u.text for u in units[lo : hi + 1]]
        if texts[0] == "(" and texts[2] == "," and texts[4] == ")":
            mate = lo + 3 if lo + 1 == first else lo + 1
            return mate not in named and all(
                _plain_capitalised(units[j].text) for j in (lo + 1, lo + 3)
            )
    return False


def names_a_part(units: Sequence[Unit], last: int, part_nouns: frozenset[str]) -> bool:
    """Whether the name ending at unit ``last`` only says which part of another collection is
    meant: a part noun and "of" follow it ("the Karolinska subset of X", "the Hard split of
    X"). The collection is the dataset; the word before "subset" is a site or a level.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "cap", False, True) for k, t in enumerate(texts)]
    >>> parts = frozenset({"subset", "split"})
    >>> names_a_part(us("Oslo", "subset", "of", "X"), 0, parts)
    True
    >>> names_a_part(us("Oslo", "subset", "was"), 0, parts)
    False
    >>> names_a_part(us("Oslo", "dataset", "of", "X"), 0, parts)
    False
    """
    k = last + 1
    return (
        k + 1 < len(units)
        and units[k].text.lower() in part_nouns
        and units[k + 1].text.lower() == "of"
    )


def _plain_capitalised(word: str) -> bool:
    """A capitalised word of letters only, lower-case after its first letter ("Bern")."""
    return len(word) > 1 and word[0].isupper() and word[1:].isalpha() and word[1:].islower()


#: how many words before a name a registration word may stand ("registered at X", "was
#: prospectively registered with X") and how many after it the record number ("X (NCT...)")
_REGISTRATION_BEFORE = 3
_RECORD_AFTER = 3


def names_a_registry(units: Sequence[Unit], first: int, last: int, lexicon: Lexicon) -> bool:
    """Whether the name at units ``first..last`` is the registry a study is recorded in: a
    registration word stands up to three words before it and a record identifier up to three
    after it ("The trial was registered at X (NCT01234567)", "Trial registration: X
    NCT01234567"). The study is recorded in X; it does not use X as data ("trials drawn from
    X" keeps a dataset, and so does an image "registered with X", with no record number).

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"not_names": [
    ...     {"kind": "registration_word", "text": "registered"}]}, parse_known_entities([]))
    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> names_a_registry(us("registered", "at", "X", "(", "NCT01234567", ")"), 2, 2, lex)
    True
    >>> names_a_registry(us("scans", "registered", "with", "X", "."), 3, 3, lex)
    False
    >>> names_a_registry(us("trials", "drawn", "from", "X", "(", "NCT01234567"), 3, 3, lex)
    False
    """
    before = range(max(0, first - _REGISTRATION_BEFORE), first)
    if not any(units[j].text.lower() in lexicon.registration_words for j in before):
        return False
    after = range(last + 1, min(len(units), last + 1 + _RECORD_AFTER))
    return any(is_record_identifier(units[j].text) for j in after)


#: how many units a list of makers' names may span on either side of one of them
_EQUIPMENT_LIST_SPAN = 12
#: prepositions that open the equipment a recording was made with ("acquired on X systems")
_EQUIPMENT_PREPOSITIONS = frozenset({"on", "with", "using"})
_LIST_JOINERS = frozenset({",", "and", "or", "&"})


def _list_word(u: Unit) -> bool:
    """Whether a unit may stand inside a list of makers' or products' names: a joiner or a
    name-shaped word ("GE", "Philips", "Triton")."""
    return u.text in _LIST_JOINERS or u.shape in ("strong", "cap", "letter", "num")


def names_equipment_maker(
    units: Sequence[Unit], first: int, last: int, sent_of: Sequence[int], lexicon: Lexicon
) -> bool:
    """Whether the name at units ``first..last`` is the maker or model of the equipment data
    was recorded on: it stands in a list of names closed by an equipment noun and opened by an
    acquisition verb and its preposition ("studies acquired on GE, Philips and Siemens
    systems", "eyes imaged with Zeiss and Topcon devices"). The scanner's maker is neither
    dataset nor model; "we compared the X and Y systems" keeps its names (no acquisition).

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"not_names": [
    ...     {"kind": "equipment_head", "text": "systems"},
    ...     {"kind": "acquisition_verb", "text": "acquired"}]}, parse_known_entities([]))
    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "cap" if t[0].isupper() else "lower", False, True)
    ...             for k, t in enumerate(texts)]
    >>> u = us("acquired", "on", "Acme", "and", "Bolt", "systems", ".")
    >>> names_equipment_maker(u, 2, 2, [0] * 7, lex), names_equipment_maker(u, 4, 4, [0] * 7, lex)
    (True, True)
    >>> u = us("compared", "the", "Acme", "and", "Bolt", "systems", ".")
    >>> names_equipment_maker(u, 2, 2, [0] * 7, lex)
    False
    """
    sent = sent_of[first]
    j = last + 1
    while (
        j < len(units)
        and j - last <= _EQUIPMENT_LIST_SPAN
        and sent_of[j] == sent
        and _list_word(units[j])
    ):
        j += 1
    if (
        j >= len(units)
        or sent_of[j] != sent
        or units[j].text.lower() not in lexicon.equipment_heads
    ):
        return False
    i = first - 1
    while (
        i >= 0 and first - i <= _EQUIPMENT_LIST_SPAN and sent_of[i] == sent and _list_word(units[i])
    ):
        i -= 1
    return (
        i >= 1
        and units[i].text.lower() in _EQUIPMENT_PREPOSITIONS
        and units[i - 1].text.lower() in lexicon.acquisition_verbs
    )


#: a software version written as a number with a "v": "v3.1", "V2"
_V_NUMBER = re.compile(r"^[vV]\d+(?:\.\d+)*$")
_VERSION_WORDS = frozenset({"version", "ver", "ver.", "release"})


def states_a_version(units: Sequence[Unit], j: int) -> bool:
    """Whether the words from unit ``j`` state a software version: "v3.1", "version 3",
    "ver. 2.0", "release 4" (a version word needs its number).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> [states_a_version(us(*t), 0) for t in (["v3.1"], ["version", "1.7.1"], ["version"])]
    [True, True, False]
    >>> states_a_version(us("3.1"), 0), states_a_version(us("vs", "2"), 0)
    (False, False)
    """
    if j >= len(units):
        return False
    if _V_NUMBER.match(units[j].text):
        return True
    return (
        units[j].text.lower() in _VERSION_WORDS
        and j + 1 < len(units)
        and units[j + 1].text[:1].isdigit()
    )


def version_in_brackets(units: Sequence[Unit], last: int) -> bool:
    """Whether a bracketed software version follows the name ending at unit ``last``:
    "X (version 1.7.1)", "X (v2.3)". Only a released piece of software carries a version
    number in brackets after its name: it is a model (a runnable system, GUIDELINES).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> version_in_brackets(us("X", "(", "version", "1.7.1", ")"), 0)
    True
    >>> version_in_brackets(us("X", "(", "n", "=", "12", ")"), 0)
    False
    """
    return (
        last + 1 < len(units) and units[last + 1].text == "(" and states_a_version(units, last + 2)
    )


def acronym_before_version(units: Sequence[Unit], m: int) -> bool:
    """Whether the stop-listed acronym at unit ``m`` is the last word of a product name, shown
    by a version right after it: "Lunit INSIGHT CXR v3.1", "X MMG, version 2" (a version
    closes a name, so the words before it are the name's, a modality word too).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "strong", False, True) for k, t in enumerate(texts)]
    >>> acronym_before_version(us("CXR", "v3.1"), 0)
    True
    >>> acronym_before_version(us("CXR", ",", "version", "3"), 0)
    True
    >>> acronym_before_version(us("CXR", "images"), 0)
    False
    """
    j = m + 1
    if j < len(units) and units[j].text == ",":
        j += 1
    return states_a_version(units, j)


def product_word_before(units: Sequence[Unit], k: int, product_words: frozenset[str]) -> bool:
    """Whether a product word stands before the capitalised word at unit ``k``, past one
    determiner: "the commercially available X", "a commercial X detector", "the
    FDA-cleared X"; or before a head noun whose bracket opens at ``k``: "a commercially
    available algorithm (X, version 3)". A product sold by a vendor is a runnable system: a
    model (GUIDELINES).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> words = frozenset({"commercial", "commercially"})
    >>> product_word_before(us("the", "commercially", "available", "X"), 3, words)
    True
    >>> product_word_before(us("a", "commercial", "algorithm", "(", "X"), 4, words)
    True
    >>> product_word_before(us("a", "public", "dataset", "(", "X"), 4, words)
    False
    """
    j = k - 1
    if j >= 1 and units[j].text == "(":
        j -= 2  # past the bracket and its head noun
    if j >= 0 and units[j].text.lower() == "available":
        j -= 1
    return j >= 0 and units[j].text.lower() in product_words


_VERSION_NUMBER = re.compile(r"\d{1,2}")


def names_an_instrument(
    units: Sequence[Unit], first: int, last: int, words: frozenset[str]
) -> bool:
    """Whether units ``first..last`` name a clinical scale or score: a name of two words or
    more whose last word, a version number aside, is an instrument word ("Patient Health
    Questionnaire", "National Early Warning Score 2"), or a name whose bracketed short form is
    followed by one ("Mini-Mental State Examination (MMSE) score"; the short form alone too).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "cap", False, True) for k, t in enumerate(texts)]
    >>> w = frozenset({"questionnaire", "score"})
    >>> names_an_instrument(us("Patient", "Health", "Questionnaire"), 0, 2, w)
    True
    >>> names_an_instrument(us("National", "Warning", "Score", "2"), 0, 3, w)
    True
    >>> names_an_instrument(us("Mental", "Examination", "(", "MMSE", ")", "score"), 0, 1, w)
    True
    >>> names_an_instrument(us("Mental", "Examination", "(", "MMSE", ")", "score"), 3, 3, w)
    True
    >>> [names_an_instrument(us(*t), 0, 0, w) for t in (["Score"], ["MedQA", "score"])]
    [False, False]
    """
    end = last
    if end > first and _VERSION_NUMBER.fullmatch(units[end].text):
        end -= 1
    if end > first and units[end].text.lower() in words and units[end].shape == "cap":
        return True
    closed = past_brackets(units, last)
    nxt = closed + 1
    return (
        closed > last
        and nxt < len(units)
        and units[nxt].space_before
        and units[nxt].text.lower() in words
    )


def listed_after_noun(
    units: Sequence[Unit], k: int, sent_of: Sequence[int], list_nouns: frozenset[str]
) -> bool:
    """Whether unit ``k`` opens a list introduced by a plural head noun: "frameworks (such as
    X", "benchmarks like X", "datasets, e.g., X" (at most five introducing units between, not
    a comma alone)."""
    j = k - 1
    while j >= 0 and k - j <= 5 and units[j].text.lower() in LIST_INTRO:
        j -= 1
    return (
        0 <= j < k - 1
        and sent_of[j] == sent_of[k]
        and not only_commas(units, j + 1, k)
        and units[j].shape == "lower"
        and units[j].text.lower() in list_nouns
    )


def only_commas(units: Sequence[Unit], lo: int, hi: int) -> bool:
    """Whether units ``lo`` to ``hi`` (excluded) are commas alone after a head noun (unit
    ``lo - 1``) that ends an adverbial: "on the test dataset, X achieved". "We construct a
    dataset, X" still names X; so do "such as", "e.g.", "like", a colon or a bracket."""
    return all(units[i].text == "," for i in range(lo, hi)) and in_adverbial(units, lo - 1)


PREPOSITIONS = wordlist("names_wordlists", "prepositions")
DETERMINERS = wordlist("names_wordlists", "determiners")


def in_adverbial(units: Sequence[Unit], head: int) -> bool:
    """Whether the noun phrase ending at unit ``head`` follows a preposition: "On a cancer
    dataset" (yes), "we construct a large-scale dataset" (no). Reads at most four units back,
    stopping at punctuation or at the phrase's determiner."""
    for j in range(head - 1, max(-1, head - 5), -1):
        w = units[j].text.lower()
        if units[j].shape == "punct":
            return False
        if w in PREPOSITIONS:
            return True
        if w in DETERMINERS:
            return j > 0 and units[j - 1].text.lower() in PREPOSITIONS
    return False


def list_items(units: Sequence[Unit], k: int, sent_of: Sequence[int]) -> list[int]:
    """Unit ``k`` and the single-unit items coordinated after it: "X, Y, and Z", "X or Y"."""
    items = [k]
    m = k + 1
    while m + 1 < len(units) and sent_of[m] == sent_of[k]:
        j = m
        while j < len(units) and units[j].text in {",", "and", "or"}:
            j += 1
        if j == m or j >= len(units) or sent_of[j] != sent_of[k]:
            break
        items.append(j)
        m = j + 1
    return items


def named_by_head_before(
    units: Sequence[Unit],
    k: int,
    sent_of: Sequence[int],
    heads: frozenset[str],
    comma_heads: frozenset[str] = frozenset(),
) -> bool:
    """Whether a singular lower-case head noun right before unit ``k`` introduces it as its
    name: "the state space model Mamba"; with a comma between, only a head of ``comma_heads``
    ("language model, Asclepius"): "on the test dataset, X achieved" ends an adverbial. A plural
    head ("models Mamba") is not read; nor is a word followed by another head noun ("the model
    Transformer architecture")."""
    j = k - 1
    naming = heads
    if j >= 0 and units[j].text == ",":
        j -= 1
        naming = comma_heads
    if j < 1 or sent_of[j] != sent_of[k] or units[j].shape != "lower":
        return False
    w = units[j].text
    nxt = units[k + 1].text.lower() if k + 1 < len(units) else ""
    return w in naming and not w.endswith("s") and nxt not in heads


_ITEM_ENDS = wordlist("names_wordlists", "item_ends")


def item_ends_at(units: Sequence[Unit], last: int) -> bool:
    """Whether a list item ends at unit ``last``: "such as Elastix and ..." ends there, "such
    as Random sampling" goes on (a phrase, not a name)."""
    return last + 1 >= len(units) or units[last + 1].text.lower() in _ITEM_ENDS


def names_a_family(units: Sequence[Unit], lasts: Sequence[int], lexicon: Lexicon) -> bool:
    """True when a family word follows every mention of a name (units ``lasts`` end them):
    "the GPT series", "a GPT style model" name a family of models, not one (GUIDELINES:
    model), and "US Medical Licensing Examination (USMLE) style questions" a kind of question,
    not a dataset; so do feature words: "ECFP4 fingerprints", "RDKit descriptors" are computed
    features. One mention without it ("GPT series ... we prompt GPT") keeps the name."""
    return bool(lasts) and all(
        followed_by(units, past_brackets(units, k), lexicon.family_or_feature_words) for k in lasts
    )


def names_a_molecule(units: Sequence[Unit], first: int, last: int, lexicon: Lexicon) -> bool:
    """Whether the mention at units ``first..last`` names a gene, protein or drug target: a
    molecular word follows it, directly or after a coordinated name ("ERBB2 amplification",
    "STK11 and KEAP1 status", "hERG inhibition"), or a molecule head noun stands right
    before it ("the kinase DYRK1A"). Such a name is neither dataset nor model.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"not_names": [{"kind": "molecular_word", "text": "status"},
    ...     {"kind": "molecule_head", "text": "kinase"}]}, parse_known_entities([]))
    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "strong", False, True) for k, t in enumerate(texts)]
    >>> [names_a_molecule(us(*w.split()), k, k, lex) for w, k in (("STK11 status", 0),
    ...  ("STK11 and KEAP1 status", 0), ("the kinase DYRK1A", 2), ("GenoNet and BERT", 0),
    ...  ("the model DYRK1A", 2), ("CellBERT expression", 0))]
    [True, True, True, False, False, False]
    """
    words = lexicon.molecular_words
    if first >= 1 and units[first - 1].text.lower() in lexicon.molecule_heads:
        return True
    if not all(gene_shaped(u.text) for u in units[first : last + 1]):
        return False  # "CellBERT expression encoders", "ProtFormer status": a model's words
    if followed_by(units, last, words):
        return True
    nxt = last + 1
    return (
        nxt + 2 < len(units)
        and units[nxt].text.lower() in {"and", "or", ","}
        and units[nxt + 1].shape in {"strong", "cap"}
        and units[nxt + 2].text.lower() in words
    )


_TWO_LOWER = re.compile(r"[a-z]{2}")


def gene_shaped(word: str) -> bool:
    """Whether a word is written as gene and protein symbols are: capitals and digits, with
    at most single lower-case letters ("BRCA1", "PD-L1", "hERG", "p53", "Ki-67"). A word with
    a lower-case run ("CellBERT", "ProtFormer", "scGPT") is written as a model's name, which
    a molecular word after it ("CellBERT expression encoders") does not make a gene.

    >>> [gene_shaped(w) for w in ("BRCA1", "PD-L1", "hERG", "p53", "Ki-67", "CellBERT", "scGPT")]
    [True, True, True, True, True, False, False]
    """
    return _TWO_LOWER.search(word) is None


_RECIPE_GAP = LIST_INTRO | LIST_JOINERS | {"--", "—", "–"}
_RECIPE_APPOSITION = wordlist("names_wordlists", "recipe_apposition")


def recipe_head_at(units: Sequence[Unit], j: int, lexicon: Lexicon) -> bool:
    """Whether unit ``j`` is a recipe head right after its modifier: "optimization
    algorithms", "aggregation rule", "federated strategies"."""
    return (
        j >= 1
        and units[j].text.lower() in lexicon.recipe_heads
        and units[j - 1].text.lower() in lexicon.recipe_modifiers
    )


def named_as_recipe(
    units: Sequence[Unit], first: int, last: int, sent_of: Sequence[int], lexicon: Lexicon
) -> bool:
    """Whether the name at units ``first..last`` is set beside a training or aggregation
    algorithm's head, so that it names a recipe, not a model (GUIDELINES: model, tie-breaker):
    listed after it ("the federated optimization algorithms X, Y and Z", "an optimization
    algorithm -- X --") or in apposition after the name ("X, an aggregation rule that ...").
    A comma alone after the head lists nothing: "With this training strategy, X reached"."""
    s = sent_of[first]
    j = first - 1
    while j >= 1 and first - j <= 12 and sent_of[j] == s:
        if recipe_head_at(units, j, lexicon):
            gap = [units[i].text for i in range(j + 1, first)]
            return not gap or gap[0] != "," or (len(gap) > 1 and gap[1].lower() in LIST_INTRO)
        if units[j].text.lower() in _RECIPE_GAP or units[j].shape in ("strong", "cap"):
            j -= 1
            continue
        break
    k = last + 1
    if k >= len(units) or sent_of[k] != s or units[k].text.lower() not in _RECIPE_APPOSITION:
        return False
    k += 1
    if k < len(units) and units[k].text.lower() in DETERMINERS:
        k += 1
    for m in range(k, min(k + 4, len(units))):
        if sent_of[m] != s or units[m].shape == "punct":
            return False
        if recipe_head_at(units, m, lexicon):
            return True
    return False


def past_brackets(units: Sequence[Unit], last: int) -> int:
    """The last unit of a name together with the bracket that closes around it ("(USMLE)")
    or the short form in brackets after it ("Examination (USMLE)")."""
    k = last + 1
    if k < len(units) and units[k].text == ")":
        return k
    if k + 2 < len(units) and units[k].text == "(" and units[k + 2].text == ")":
        return k + 2
    return last


def title_names_org(
    units: Sequence[Unit], sep: int, title_end: int, doc: Doc, lexicon: Lexicon
) -> bool:
    """True when the title calls its subject a platform/project/initiative (not annotated)."""
    for u in units[sep + 1 : sep + 8]:
        if u.char >= title_end:
            break
        w = u.text.lower()
        if w in {"for", "of", "with", "to", "in", "on", "via"}:
            break
        if w in lexicon.org_heads:
            return True
    return False


def participle_word(text: str) -> bool:
    """A capitalised past participle, which describes a head noun rather than names it: "the
    Projected dataset", "the Curated benchmark" (issue 15, item 3). Six letters at least, so
    that short names ending in "ed" stay ("MedSeed" has capitals inside and stays too).

    >>> [participle_word(t) for t in ("Projected", "Curated", "Embed", "MedSeed", "Proposed2")]
    [True, True, False, False, False]
    """
    return len(text) >= 6 and text.endswith("ed") and text[1:].isalpha() and text[1:].islower()


YEAR = re.compile(r"(?:19|20)\d\d")


def name_word_before(
    units: Sequence[Unit], first: int, title_end: int, lower_words: frozenset[str], lexicon: Lexicon
) -> bool:
    """Whether the capitalised word before a curated name starts a new name built on it: "Me
    LLaMA 13B" (issue 15, item 3: a name cut short). Not a sentence's first word, not a title's
    word (titles capitalise every word), not a word the abstract also writes in lower case
    ("Medical LLaMA" when it writes "medical"), nor a generic head or numbered noun, nor a
    word after another capitalised word unless that opens the sentence ("Using Tabula
    Sapiens as ...")."""
    k = first - 1
    if k < 0:
        return False
    u = units[k]
    return (
        u.shape == "cap"
        and not u.sent_start
        and u.char >= title_end
        and not ordinary_word(u.text, lower_words)
        and u.text.lower() not in lexicon.generic_heads
        and not numbered_noun(u.text, lexicon)
        and (k == 0 or units[k - 1].shape != "cap" or units[k - 1].sent_start)
    )


def tier_word_ends(units: Sequence[Unit], m: int) -> bool:
    """Whether the lower-case tier word at unit ``m`` ends its phrase (punctuation, a
    conjunction, a preposition or the text's end after it): "GPT-4o mini and", not "GPT-4
    large language model"."""
    if m + 1 >= len(units):
        return True
    nxt = units[m + 1]
    w = nxt.text.lower()
    return (
        nxt.shape == "punct"
        or w in _ITEM_ENDS
        or w in PREPOSITIONS
        or w in _NAME_FOLLOWERS
        or score_number(nxt.text)  # "Llama 2 13B chat 0.498": a score after the name
    )


def variant_word(unit: Unit, previous: Unit, lexicon: Lexicon) -> bool:
    """Whether a capitalised word after a version number names a variant of the model: "Claude
    3.5 Sonnet", "Gemini 2.0 Flash" (issue 15, item 3: a suffix cut short). A function word
    ("Llama 2 For Medicine" in a title) or a stopped word is not one.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({}, parse_known_entities([]))
    >>> def u(text, shape):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> [variant_word(u(w, "cap"), u("3.5", "num"), lex) for w in ("Sonnet", "For", "The")]
    [True, False, False]
    >>> variant_word(u("Sonnet", "cap"), u("Claude", "cap"), lex)
    False
    """
    return (
        unit.shape == "cap"
        and previous.shape == "num"
        and unit.text.lower() not in STOP_WORDS
        and not lexicon.is_stopped(unit.text)
    )


def tier_with_version(units: Sequence[Unit], m: int, lexicon: Lexicon) -> bool:
    """Whether unit ``m`` is a capitalised tier word followed by its version number, which
    continue the name before it: "Mistral Large 2", "Mistral Small 3.1" (issue 15, item 3: a
    suffix cut short). A score after the word ("Large 0.81") or a plain word ("Large
    cohorts") is no version.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"models": [{"kind": "variant_word", "text": "large"}]},
    ...                             parse_known_entities([]))
    >>> def u(text, shape):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> [tier_with_version([u("Large", "cap"), u(v, "num")], 0, lex) for v in ("2", "3.1", "0.81")]
    [True, True, False]
    >>> tier_with_version([u("Large", "cap"), u("cohorts", "lower")], 0, lex)
    False
    >>> tier_with_version([u("Bigger", "cap"), u("2", "num")], 0, lex)
    False
    """
    if m + 1 >= len(units):
        return False
    u, nxt = units[m], units[m + 1]
    return (
        u.shape == "cap"
        and u.text.lower() in lexicon.variant_words
        and nxt.shape == "num"
        and nxt.space_before
        and not score_number(nxt.text)
    )


def named_edition(units: Sequence[Unit], m: int, last: int, sent_of: Sequence[int]) -> bool:
    """Whether units ``m`` and ``m + 1`` continue the name ending at unit ``last`` as its
    edition: a capitalised collection noun right after it and a year ("ISIC Challenge 2017",
    "BioASQ Track 2021"; issue 15, item 3). Without the name before it, "Challenge 2017" is no
    name (``numbered_noun``)."""
    return (
        m == last + 1
        and m + 1 < len(units)
        and units[m].shape == "cap"
        and units[m].text.lower() in _NAME_HEADS
        and sent_of[m + 1] == sent_of[m]
        and units[m + 1].space_before
        and YEAR.fullmatch(units[m + 1].text) is not None
    )


#: Roman numerals of two letters or more that number an edition ("II" .. "XII"; "I", "V", "X"
#: alone are too often a letter or a pronoun)
_ROMAN_EDITION = re.compile(r"^(?:II|III|IV|VI{0,3}|IX|XI{1,2})$")


def roman_edition(word: str) -> bool:
    """Whether ``word`` is a Roman numeral of two letters or more, as in "autoPET III".

    >>> [roman_edition(w) for w in ("II", "III", "IV", "VIII", "XI", "I", "V", "IVF", "iii")]
    [True, True, True, True, True, False, False, False, False]
    """
    return len(word) > 1 and _ROMAN_EDITION.match(word) is not None


def trailing_tier_word(units: Sequence[Unit], m: int, lexicon: Lexicon) -> bool:
    """Whether unit ``m``, right after a name-shaped name, is a tier word that ends the phrase
    and the name: a lower-case variant word ("GPT-4o mini", "BERT large,") or a capitalised
    size word ("WavLM Large,", "HuBERT Base and"); not one that opens a longer phrase ("GPT-4
    large language model", "X Large Language Model")."""
    u = units[m]
    if u.shape == "lower":
        words, word = lexicon.variant_words, u.text
    elif u.shape == "cap":
        words, word = lexicon.size_words, u.text.lower()
    else:
        return False
    return (
        m > 0
        and u.space_before
        and (units[m - 1].shape == "strong" or after_size(units[m - 1], u))
        and word in words
        and tier_word_ends(units, m)
    )


def after_size(previous: Unit, unit: Unit) -> bool:
    """Whether a lower-case tier word follows a parameter count written apart ("Llama 2 13B
    chat", "Mistral 7B instruct"): the tier belongs to the sized name as it does to a
    name-shaped one. A capitalised word is no such tier here (a size before "Large" is
    already the tier), nor is a word after a plain number ("2 chat").

    >>> def u(text, shape):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> [after_size(u(p, "num"), u(w, "lower")) for p, w in (("13B", "chat"), ("7b", "instruct"),
    ...  ("2", "chat"))], after_size(u("13B", "num"), u("Chat", "cap"))
    ([True, True, False], False)
    """
    return (
        unit.shape == "lower" and previous.shape == "num" and _SIZE.match(previous.text) is not None
    )


def curated_then_other(
    left: str, right: str, generic_shorts: set[str] | frozenset[str], lexicon: Lexicon
) -> bool:
    """Whether a curated name is followed by a name-shaped word that is no part of it: another
    curated name ("MIMIC-IV ICD-10": a dataset and a coding system) or a short form the text
    defines by a generic phrase ("the MIMIC-III SDOH annotations", SDOH for "social
    determinants of health"). An uncurated name keeps such a word ("Duke DME")."""
    known = lexicon.known.lookup(left)
    if known is None:
        return False
    return right in generic_shorts or lexicon.known.lookup(right) not in (None, known)


def extend_right(
    units: Sequence[Unit],
    k: int,
    lexicon: Lexicon,
    sent_of: Sequence[int],
    generic_shorts: set[str] | frozenset[str] = frozenset(),
) -> int:
    """Return the last unit index of a name starting at unit ``k`` (``generic_shorts``: short
    forms the text defines by a generic phrase, see :func:`curated_then_other`)."""
    last = k
    m = k + 1
    while m < len(units):
        u = units[m]
        if m == last + 1 and sent_of[m] == sent_of[k] and trailing_tier_word(units, m, lexicon):
            last = m
            m += 1
            continue
        if not u.space_before or sent_of[m] != sent_of[k] or u.shape in ("punct", "adj", "lower"):
            break
        if u.shape == "num":
            if (
                score_number(u.text)
                or score_after_size(units[last].text, u.text)
                or elided_score(units, k, m, sent_of)
            ):
                break
            last = m
        elif (u.shape == "letter" and units[last].shape != "num") or (
            u.shape == "letter" and m == last + 1
        ):
            # "Med-PaLM M", "Command R+", "Mistral NeMo 12 B"
            if lexicon.is_stopped(u.text):
                break
            last = m
        elif m == last + 1 and u.shape == "strong" and m > k and acronym_before_version(units, m):
            # "Lunit INSIGHT CXR v3.1": the version shows the acronym closes a product name
            last = m
        elif m == last + 1 and roman_edition(u.text):
            # "autoPET III", "Leeds II": the edition of a name is part of it
            last = m
        elif (
            u.shape == "strong"
            and not lexicon.is_stopped(u.text)
            and not (
                m == k + 1 and curated_then_other(units[k].text, u.text, generic_shorts, lexicon)
            )
        ) or (u.shape == "cap" and lexicon.known.lookup(u.text) is not None and m == last + 1):
            last = m
        elif (
            u.shape == "cap"
            and units[last].shape == "num"
            and m + 1 < len(units)
            and units[m + 1].shape == "num"
        ):
            # "Claude 3.5 Sonnet v2"
            last = m
        elif (
            m == last + 1
            and u.shape == "cap"
            and units[last].text[-1:].isdigit()
            and u.text.lower() in lexicon.variant_words
        ):
            # "GPT-4 Turbo", "Gemini-1.5 Pro": a tier word after a numbered name
            last = m
        elif variant_word(u, units[last], lexicon) and m == last + 1:
            # "Claude 3.5 Sonnet", "Gemini 2.0 Flash", "Llama 2 Chat"
            last = m
        elif m == last + 1 and tier_with_version(units, m, lexicon):
            # "Mistral Large 2", "Mistral Small 3.1": a tier word and the version after it
            last = m + 1
            m += 1
        elif named_edition(units, m, last, sent_of):
            # "ISIC Challenge 2017": the edition of a named challenge is one name
            last = m + 1
            m += 1
        else:
            break
        m += 1
    return collection_noun_end(units, k, last, sent_of)


def collection_noun_end(units: Sequence[Unit], k: int, last: int, sent_of: Sequence[int]) -> int:
    """The last unit of the name of units ``k..last`` once the capitalised modifiers after it
    are taken, when they end in a collection noun: "TREC 2022 Clinical Trial Track", "Web of
    Science Core Collection" (one to three modifiers, then the noun, in the sentence of ``k``);
    else ``last``.

    >>> def u(text, shape="cap"):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> run = [u("TREC", "strong"), u("Clinical"), u("Trial"), u("Track")]
    >>> collection_noun_end(run, 0, 0, [0] * 4), collection_noun_end(run, 0, 0, [0, 0, 1, 1])
    (3, 0)
    >>> collection_noun_end([u("TREC", "strong"), u("Track")], 0, 0, [0, 0])
    0
    """
    m = last + 1
    mods = 0
    while m < len(units) and m - last <= 4 and units[m].shape == "cap" and sent_of[m] == sent_of[k]:
        if units[m].text.lower() in _NAME_HEADS and mods >= 1:
            return m
        mods += 1
        m += 1
    return last


_NAME_HEADS = wordlist("names_wordlists", "name_heads")


#: a release tag written apart after a name: "MIMIC-CXR-JPG v2.0.0", "X 1.0.2"
_RELEASE_TAG = re.compile(r"\s+[vV]?\d+\.\d+\.\d+$")


def name_key(text: str) -> str:
    """The key of a name as written: :func:`kg.ids.normalize_key`, except that a release tag
    written apart ("v2.0.0") is the same entity as its base name, and a name ending in "+" or
    "++" is not the name without it (issue 15, item 3). A two-part version ("LLaVA v1.5")
    names a distinct release and stays in the key.

    A single "+" once folded onto its base; it no longer does: by the guidelines a variant
    spelled out beside its base is its own entity ("MedMNIST (and MedMNIST+)", "CamemBERT 2.0
    and CamemBERTav2"), and the training annotations list "MedMNIST+" beside "MedMNIST-C" and
    "CLUE+" beside "CLUE". "X+" reads "X plus", so it shares the key of "XPlus".

    >>> [name_key(t) for t in ("MIMIC-CXR-JPG v2.0.0", "MIMIC-CXR-JPG", "MedSeg++", "MedSeg")]
    ['mimiccxrjpg', 'mimiccxrjpg', 'medsegpp', 'medseg']
    >>> name_key("LLaVA v1.5"), name_key("MedMNIST+"), name_key("Tool v2.0.0b")
    ('llavav15', 'medmnistplus', 'toolv200b')
    """
    base = _RELEASE_TAG.sub("", text)
    key = normalize_key(base)
    if not key:
        return key
    if base.endswith("++"):
        return key + "pp"
    return key + "plus" if base.endswith("+") else key


def without_split(text: str, splits: frozenset[str]) -> str:
    """The dataset a split belongs to: "MMXU-test" -> "MMXU" (issue 15, item 3: one dataset,
    one entity); a name that is only the split word, or has no hyphen before it, is kept.

    >>> splits = frozenset({"test", "dev"})
    >>> [without_split(t, splits)
    ...  for t in ("MMXU-test", "MMXU-Dev", "MMXU test", "-test", "X-tested")]
    ['MMXU', 'MMXU', 'MMXU test', '-test', 'X-tested']
    """
    base, sep, tail = text.rpartition("-")
    return base if sep and base and tail.lower() in splits else text


def key_of(text: str, lexicon: Lexicon) -> tuple[str, KnownEntity | None]:
    base = without_split(_RELEASE_TAG.sub("", text), lexicon.split_suffixes)
    known = lexicon.known.lookup(base)
    if known is not None:
        return known.key, known
    return name_key(base), None


def known_prefix(key: str, lexicon: Lexicon) -> KnownEntity | None:
    """The curated entity whose key is the longest prefix of ``key`` (family prior)."""
    best: KnownEntity | None = None
    for n in range(len(key) - 1, 2, -1):
        hit = lexicon.known.by_key.get(key[:n])
        if hit is not None:
            best = hit
            break
    return best


def words_after(doc: Doc, end: int, n: int = 3) -> list[str]:
    """Up to ``n`` lower-case token texts from token ``end`` on (whitespace skipped)."""
    out: list[str] = []
    for token in doc[end : end + n + 2]:
        if not token.is_space:
            out.append(token.lower_)
        if len(out) == n:
            break
    return out


def head_after_short(words: Sequence[str], heads: frozenset[str]) -> bool:
    """True when a defined short form is followed by a dataset head: in "Adverse Drug Event
    (MMADE) detection dataset" the long form names an event, but the short form names the
    dataset (issue 15, item 3: a generic long form does not make such a short form generic).
    Model heads are not asked: "Alzheimer's disease (AD) model" names no model.

    Args:
        words: the lower-case tokens right after the short form (its closing bracket first).
        heads: the dataset heads ("dataset", "benchmark", "corpus", ...).

    >>> head_after_short([")", "detection", "dataset"], frozenset({"dataset"}))
    True
    >>> head_after_short([")", "detection", "is"], frozenset({"dataset"}))
    False
    >>> head_after_short(["dataset"], frozenset({"dataset"}))
    True
    """
    rest = words[1:] if words and words[0] == ")" else list(words)
    return any(w in heads for w in rest[:2])


#: an isotope label opening a tracer's name ("18F-", "[68Ga]", "99mTc-"): its capital is the
#: element's, no sign of a name ("18F-fluorodeoxyglucose (FDG)" is a generic long form)
_ISOTOPE_PREFIX = re.compile(r"^\[?\d{1,3}m?[A-Z][a-z]?\]?-?(?=[a-z])")


def long_form_is_generic(text: str, lexicon: Lexicon) -> bool:
    """True when an abbreviation's long form names a generic concept, not a named thing.

    >>> from kg.known_entities import KnownEntities
    >>> lex = Lexicon.from_patterns({}, KnownEntities((), {}))
    >>> [long_form_is_generic(t, lex) for t in ("18F-fluorodeoxyglucose", "Segment Anything")]
    [True, False]
    """
    words = [w for w in re.split(r"[\s]+", _ISOTOPE_PREFIX.sub("", text.strip())) if w]
    if not words:
        return True
    if lexicon.known.lookup(text) is not None:
        return False
    caps = sum(1 for w in words[1:] if w[:1].isupper())
    if caps == 0 and not any(c.isupper() for c in "".join(words)[1:]):
        return True
    head = words[-1].lower().strip(".,;:)")
    head_last = head.split("-")[-1]
    if lexicon.is_stopped(text):
        return True
    return head in lexicon.generic_heads or head_last in lexicon.generic_heads


def after_naming_verb(doc: Doc, start: int, lexicon: Lexicon) -> bool:
    """Whether the token before ``start`` is a naming verb: "a solution termed Deep
    Probabilistic Sub-sampling (DPS)" names the paper's system, whatever its head."""
    return start > 0 and doc[start - 1].lower_ in lexicon.naming_verbs


_PHRASE_BREAKS = wordlist("names_wordlists", "phrase_breaks")


def names_a_process(long_text: str) -> bool:
    """Whether an abbreviation's long form is headed by a process noun in -ing: "Reinforcement
    Learning with Verifiable Rewards (RLVR)", "Adversarial Feature Map Pruning for Backdoor
    (FMP)" name methods, which are not models (GUIDELINES: a training recipe is not a model).
    The head is the last word before the first preposition.

    >>> names_a_process("Adversarial Feature Map Pruning for Backdoor")
    True
    >>> names_a_process("Segment Anything Model"), names_a_process("Learning Machine")
    (False, False)
    """
    head = ""
    for w in long_text.split():
        if w.lower() in _PHRASE_BREAKS:
            break
        head = w
    last = head.split("-")[-1].lower()
    return len(last) >= 6 and last.endswith("ing")


_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_NUMBER_PART = re.compile(r"^\d+(?:\.\d+)?$")
_STEM_AND_PART = re.compile(r"^(.*[A-Za-z].*[- ])([^- ]+)$")


def slash_sibling(left: str, right: str) -> str | None:
    """The name a slash-coordinated variant spells out, or None.

    The left name's last part (after a hyphen or space) and the variant after the slash must
    be of one kind, both Roman numerals or both numbers, and differ: "MIMIC-III/IV" names
    MIMIC-III and MIMIC-IV, "GPT-3.5/4" GPT-3.5 and GPT-4. Sizes ("7B/13B") and free words
    ("train/test") are not variants.

    >>> slash_sibling("MIMIC-III", "IV"), slash_sibling("GPT-3.5", "4")
    ('MIMIC-IV', 'GPT-4')
    >>> slash_sibling("MIMIC-III", "test"), slash_sibling("LLaMA-7B", "13B")
    (None, None)
    """
    m = _STEM_AND_PART.match(left)
    if m is None:
        return None
    stem, part = m.groups()
    if part == right:
        return None
    same_kind = (_ROMAN.match(part) is not None and _ROMAN.match(right) is not None) or (
        _NUMBER_PART.match(part) is not None and _NUMBER_PART.match(right) is not None
    )
    return stem + right if same_kind else None


def two_names_at_slash(left: str, right: str, lexicon: Lexicon) -> bool:
    """Whether one token "left/right" coordinates two names, as :func:`slash_break_at` reads
    a slash between tokens: "DINOv2/MAE", "SimCLR/BYOL" (issue 15, item 3: slash-coordinated
    names yield one entity each). A size or patch number after the slash ("ViT-L/14"), a
    stop-listed left side ("PET/CT") or a one-letter side is not two names.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"not_names": [{"kind": "acronym", "text": "PET"}]},
    ...                             parse_known_entities([]))
    >>> [two_names_at_slash(a, b, lex) for a, b in (("DINOv2", "MAE"), ("SimCLR", "BYOL"),
    ...  ("ViT-L", "14"), ("PET", "CT"), ("A", "B"), ("GPT-4", "o"))]
    [True, True, False, False, False, False]
    """
    if len(left) < 2 or len(right) < 2 or lexicon.is_stopped(left):
        return False
    return slash_break_at([left, "/", right], 1, 3)


def slash_variant_unit(units: Sequence[Unit], last: int, text: str) -> tuple[int, str] | None:
    """The unit after "/" glued to a name ending at unit ``last``, with the name it spells.

    >>> u = [Unit(0, 1, "MIMIC-III", "strong", True, True), Unit(1, 2, "/", "punct", False, False),
    ...      Unit(2, 3, "IV", "strong", False, False)]
    >>> slash_variant_unit(u, 0, "MIMIC-III")
    (2, 'MIMIC-IV')
    """
    k = last + 2
    if k >= len(units) or units[last + 1].text != "/":
        return None
    if units[last + 1].space_before or units[k].space_before:
        return None  # "MIMIC-III / IV" is not written as one coordinated name
    name = slash_sibling(text, units[k].text)
    return None if name is None else (k, name)


def stopped_name(text: str, curated: bool, lexicon: Lexicon) -> bool:
    """True when a generic word list stops ``text`` and the curated table does not name it.

    The curated table is the more specific evidence: "eICU" is a dataset although "ICU" with a
    qualifier letter reads like "fMRI" or "pMCI", and "Vision Transformer" is a model although
    "transformer" alone is a family.
    """
    return not curated and lexicon.is_stopped(text)


_BARE_ACRONYM = re.compile(r"^[A-Z]{2,}(?:-[A-Z]{1,3})?$")


def defined_name_confidence(short: str, lexicon: Lexicon, long_text: str = "") -> float:
    """Confidence of a name the text defines by an abbreviation ("Segment Anything Model
    (SAM)"). A bare upper-case acronym that is not a curated name gets no more than any other
    bare acronym (0.45, below the link threshold): most such definitions name diseases,
    guidelines, modules or organisations ("Diabetic Macular Edema (DME)"), and only a context
    cue (``score_types``) lifts it to a link (issue 15, item 3). Names with a digit or mixed
    case ("KnoBo", "SL-HyDE") keep 0.85, and so does a bare acronym whose long form
    ``long_text`` is a curated name ("Diverse Dermatology Images (DDI)").

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({}, parse_known_entities([]))
    >>> (defined_name_confidence("DME", lex), defined_name_confidence("CF-IR", lex),
    ...  defined_name_confidence("KnoBo", lex))
    (0.45, 0.45, 0.85)
    """
    if (
        _BARE_ACRONYM.match(short)
        and lexicon.known.lookup(short) is None
        and not (long_text and lexicon.known.lookup(long_text) is not None)
    ):
        return 0.45
    return 0.85


#: words that end a name written after a data preposition ("trained on X without ...")
_NAME_FOLLOWERS = wordlist("names_wordlists", "name_followers")
#: words that describe where a named collection comes from, between a determiner and the
#: name ("the publicly available X", "on the resulting X"); both lists below hold them
_SOURCE_ADJECTIVES = wordlist("names_wordlists", "source_adjectives")
#: adjectives between a determiner and a name ("the public X dataset", "our new X")
_NAME_ADJECTIVES = _SOURCE_ADJECTIVES | {"open", "new"}
_NAME_DETERMINERS = wordlist("names_wordlists", "name_determiners")


def data_preposition_before(
    units: Sequence[Unit], k: int, sent_of: Sequence[int], lexicon: Lexicon
) -> bool:
    """Whether unit ``k`` follows the "on" of a data verb ("trained on X", "evaluate it on the
    X", "benchmark five classifiers on X") or the "from" of a collecting verb ("collected from
    X"), the verb at most five words before the preposition in the sentence (as
    ``_preposition_cue`` reads it); "based on X" is a model's, not data's."""
    j = k - 1
    while j >= 0 and units[j].text.lower() in LEFT_SKIP:
        j -= 1
    if j < 1 or sent_of[j] != sent_of[k]:
        return False
    prep = units[j].text.lower()
    if prep not in {"on", "from"} or units[j - 1].text.lower() in BASE_WORDS:
        return False
    verbs = lexicon.on_verbs if prep == "on" else lexicon.from_verbs
    if prep == "on" and past_participle(units[j - 1].text):
        return True  # "fitted on X", "measured on X": a verb of the lexicon or not
    for i in range(j - 1, max(-1, j - 6), -1):
        if sent_of[i] != sent_of[k] or units[i].shape == "punct":
            return False
        if units[i].text.lower() in verbs:
            return True
    return False


def past_participle(word: str) -> bool:
    """A lower-case verb form in "-ed" ("fitted", "measured"), whatever the verb: right before
    "on", it acts on what follows ("fitted on X"); "based on" is excluded by the caller.

    >>> [past_participle(w) for w in ("fitted", "measured", "red", "Trained", "seed")]
    [True, True, False, False, False]
    """
    return len(word) > 4 and word.islower() and word.endswith("ed") and not word.endswith("eed")


def name_ends_after(units: Sequence[Unit], last: int) -> bool:
    """Whether a name can end at unit ``last``: the text ends, or punctuation, a preposition
    or a conjunction follows ("on X, a ...", "on X without ..."), not another word of a phrase
    ("on Granite Falls", "on Random sampling")."""
    if last + 1 >= len(units):
        return True
    nxt = units[last + 1]
    w = nxt.text.lower()
    return nxt.shape == "punct" or w in _ITEM_ENDS or w in PREPOSITIONS or w in _NAME_FOLLOWERS


def modifier_unit(unit: Unit) -> bool:
    """A word that can stand between a name and its head noun: a lower-case content word
    ("glaucoma", "skin") or a short acronym ("CT", "PET/CT")."""
    if unit.shape in ("lower", "adj"):
        return unit.text.lower() not in STOP_WORDS
    return unit.shape == "strong" and unit.text.isupper() and len(unit.text) <= 7


def data_head_after(
    units: Sequence[Unit], last: int, sent_of: Sequence[int], lexicon: Lexicon
) -> bool:
    """Whether a dataset head noun or a plural data noun follows the name ending at unit
    ``last`` after at most three modifiers: "X dataset", "X glaucoma dataset", "X skin cancer
    images", "X CT scans" (issue 15, item 3: unseen single Titlecase dataset names)."""
    heads, nouns = lexicon.dataset_heads, lexicon.data_nouns
    for j in range(last + 1, min(len(units), last + 6)):
        if sent_of[j] != sent_of[last]:
            return False
        if units[j].text == "/":
            continue  # "PET/CT": two acronyms as one modifier
        w = units[j].text.lower()
        if units[j].shape in ("lower", "adj") and (head_noun(w, heads) or w in nouns):
            return True
        if not modifier_unit(units[j]):
            return False
    return False


def title_run_to_data_head(
    units: Sequence[Unit], last: int, sent_of: Sequence[int], heads: frozenset[str]
) -> int | None:
    """The last unit of a name ending at ``last`` when capitalised words run on from it to a
    dataset head noun: "the SIIM-ACR Pneumothorax Segmentation dataset", "the RSNA 2022
    Cervical Spine Fracture Detection challenge". Inside a sentence, words written in title
    case between a name and its head belong to the name (a description would be in lower
    case: "the X chest radiograph dataset"). At most four words; None when no such run.

    >>> def u(text):
    ...     return Unit(0, 1, text, "cap" if text[0].isupper() else "lower", False, True)
    >>> words = "the ACME Lung Nodule Detection dataset".split()
    >>> title_run_to_data_head([u(w) for w in words], 1, [0] * 6, frozenset({"dataset"}))
    4
    >>> words = "the ACME Lung Nodule Detection models".split()
    >>> title_run_to_data_head([u(w) for w in words], 1, [0] * 6, frozenset({"dataset"}))
    >>> words = "the ACME lung nodule dataset".split()
    >>> title_run_to_data_head([u(w) for w in words], 1, [0] * 5, frozenset({"dataset"}))
    >>> words = "the ACME Drop-seq dataset".split()
    >>> title_run_to_data_head([u(w) for w in words], 1, [0] * 4, frozenset({"dataset"}))
    """
    m = last + 1
    n = len(units)
    while (
        m < n
        and m - last <= 4
        and sent_of[m] == sent_of[last]
        and units[m].shape == "cap"
        and units[m].space_before
        and title_case_word(units[m].text)
    ):
        m += 1
    if m == last + 1 or m >= n or sent_of[m] != sent_of[last] or m - last > 4:
        return None
    head = units[m]
    if head.shape in ("lower", "adj") and head_noun(head.text.lower(), heads):
        return m - 1
    return None


def title_case_word(text: str) -> bool:
    """A plain word in title case: a capital, then lower-case letters only ("Segmentation",
    "Cervical"); a hyphenated or mixed-case word ("Perturb-seq", "NeXt") names a thing of its
    own. A function word in title case ("With", "In", "For") is none: it joins a phrase
    written in capitals to the name ("U-Net With Attention Gates dataset augmentation";
    branch review17c), a dataset's name writes it in lower case ("Medical Information Mart
    for Intensive Care").

    >>> [title_case_word(t) for t in ("Segmentation", "Spine", "Perturb-seq", "NeXt", "CT")]
    [True, True, False, False, False]
    >>> [title_case_word(t) for t in ("With", "In", "Within")]
    [False, False, True]
    """
    return (
        text.isalpha()
        and text[:1].isupper()
        and text[1:].islower()
        and text.lower() not in FUNCTION_WORDS
    )


def head_noun(word: str, heads: frozenset[str]) -> bool:
    """Whether a lower-case word is one of ``heads`` or the plural of one.

    >>> [head_noun(w, frozenset({"corpus", "dataset"})) for w in ("dataset", "datasets", "data")]
    [True, True, False]
    """
    return word in heads or (word.endswith("s") and word[:-1] in heads)


def head_word(word: str, lexicon: Lexicon) -> bool:
    """Whether a capitalised word is the plural of a dataset or model head noun: "on
    Benchmarks", "the Models" (a heading's capitals) name no one thing; a singular one may
    ("Atlas, an archive of slides").

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"datasets": [{"kind": "head", "text": "benchmark"}]},
    ...                             parse_known_entities([]))
    >>> [head_word(w, lex) for w in ("Benchmarks", "Benchmark", "Bench")]
    [True, False, False]
    """
    low = word.lower()
    return low.endswith("s") and low[:-1] in lexicon.name_heads


def sentence_adverb(word: str) -> bool:
    """Whether a sentence's first word is a function word or an adverb by its suffix: "It",
    "However", "Specifically" open sentences, they name nothing.

    >>> [sentence_adverb(w) for w in ("It", "However", "Specifically", "Sentinel")]
    [True, True, True, False]
    """
    low = word.lower()
    return low in STOP_WORDS or low.endswith("ly")


_NATIONALITY_SUFFIXES = ("ish", "ese", "ian", "ean")
_NATIONALITY_WORDS = wordlist("names_wordlists", "nationality_words")


def nationality_form(word: str) -> bool:
    """Whether a capitalised word has the form of a language or nationality adjective
    ("Scandinavian", "Danish", "Japanese", "Korean"): a description before a name, not the
    start of one.

    >>> [nationality_form(w) for w in ("Scandinavian", "Danish", "Tabula", "Princeton")]
    [True, True, False, False]

    Irregular adjectives the suffixes miss are a word list (branch names16b):

    >>> [nationality_form(w) for w in ("Swiss", "Dutch", "Swissnet")]
    [True, True, False]
    """
    lower = word.lower()
    return lower.endswith(_NATIONALITY_SUFFIXES) or lower in _NATIONALITY_WORDS


def attributive_nationality(units: Sequence[Unit], k: int) -> bool:
    """Whether the capitalised word at unit ``k`` is a language or nationality adjective by its
    suffix, set before a lower-case noun: "on Polish medical examinations", "the Japanese
    clinical notes" describe data, they do not name it; "trained on Meridian and ..." keeps its
    name.

    >>> def u(text, shape):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> attributive_nationality([u("Polish", "cap"), u("notes", "lower")], 0)
    True
    >>> attributive_nationality([u("Meridian", "cap"), u("and", "lower")], 0)
    False
    """
    return (
        nationality_form(units[k].text)
        and k + 1 < len(units)
        and units[k + 1].shape in ("lower", "adj")
        and units[k + 1].text.lower() not in _ITEM_ENDS | _NAME_FOLLOWERS | PREPOSITIONS
    )


def nationality_list(units: Sequence[Unit], items: Sequence[int]) -> bool:
    """Whether the coordinated capitalised words at units ``items`` are all language or
    nationality adjectives by their suffix, the last set before a lower-case noun: "in the
    Brazilian and Japanese cohorts", "the Danish and Swedish registries" describe where data
    comes from, they name nothing; "the Meridian and Solstice datasets" keeps its names.

    >>> def u(text, shape):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> us = [u("Danish", "cap"), u("and", "lower"), u("Swedish", "cap"), u("cohorts", "lower")]
    >>> nationality_list(us, [0, 2])
    True
    >>> us[2] = u("Solstice", "cap")
    >>> nationality_list(us, [0, 2])
    False
    """
    return bool(items) and (
        all(nationality_form(units[m].text) for m in items)
        and attributive_nationality(units, items[-1])
    )


def after_determiner(units: Sequence[Unit], k: int) -> bool:
    """Whether unit ``k`` opens a noun phrase: a determiner before it, possibly with
    adjectives between ("the X", "our X", "the public X")."""
    j = k - 1
    while j >= 0 and units[j].text.lower() in _NAME_ADJECTIVES:
        j -= 1
    return j >= 0 and units[j].text.lower() in _NAME_DETERMINERS


def long_name_end(
    units: Sequence[Unit], k: int, sent_of: Sequence[int], name_ends: frozenset[str]
) -> int | None:
    """The last unit of a multi-word capitalised name opening at unit ``k`` and ending in a
    collection word: "Northern Lakes Diabetic Retinopathy Screening Archive", "Coastal Fundus
    Grading Set", "Phase and Instrument Atlas" (issue 15, item 3: long multi-word dataset
    names); at most ten units, "of", "and", "for" allowed between capitalised words."""
    end = None
    m = k
    while m < len(units) and m - k < 10 and sent_of[m] == sent_of[k]:
        u = units[m]
        if u.shape == "cap":
            if m > k and u.text.lower() in name_ends:
                end = m
        elif (
            acronym_unit(u)
            and m + 1 < len(units)
            and (units[m + 1].shape == "cap" or acronym_unit(units[m + 1]))
        ):
            pass  # "... Brain Tumour MRI Consortium Dataset", "IARC Cervical Image Bank",
            # "the ABC TRIAL Registry" (branch names16: acronyms in a row)
        elif not (
            u.text in {"of", "and", "for"}
            and m > k
            and m + 1 < len(units)
            and units[m + 1].shape == "cap"
        ):
            break
        m += 1
    if end is not None and end + 2 < len(units) and sent_of[end + 2] == sent_of[k]:
        after = end + 3
        if (
            units[end + 1].text == "of"
            and units[end + 2].shape == "cap"
            and (after >= len(units) or units[after].shape != "cap")
        ):
            end += 2  # "the Cancer Registry of Norway": one place word closes the name
    return end


def cohort_name_end(
    units: Sequence[Unit],
    k: int,
    sent_of: Sequence[int],
    cohort_ends: frozenset[str],
    design_words: frozenset[str] = frozenset(),
) -> int | None:
    """The last unit of a cohort study's name opening at unit ``k`` right after "the": two or
    more capitalised words ending in a cohort word ("the Framingham Heart Study", "the
    Nurses' Health Study", "the Multi-Ethnic Study of Atherosclerosis", "the National Health
    Interview Survey"). A named cohort a paper draws on is its data (a dataset); a study is
    named with "the", while "a prospective validation study" or a title's "A Diagnostic
    Accuracy Study" describes the paper itself.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "cap" if t[:1].isupper() else "lower", False, True)
    ...             for k, t in enumerate(texts)]
    >>> ends = frozenset({"study"})
    >>> run = us("the", "Framingham", "Heart", "Study", ".")
    >>> cohort_name_end(run, 1, [0] * 5, ends)
    3
    >>> cohort_name_end(us("A", "Diagnostic", "Accuracy", "Study"), 1, [0] * 4, ends)
    >>> cohort_name_end(us("the", "Study", "."), 1, [0] * 3, ends)
    """
    if k == 0 or units[k - 1].text.lower() != "the":
        return None
    end = long_name_end(units, k, sent_of, cohort_ends)
    if end is None or end == k:
        return None
    if design_words and describes_a_study([units[j].text for j in range(k, end)], design_words):
        return None
    return end


def describes_a_study(words: Sequence[str], design_words: frozenset[str]) -> bool:
    """Whether the words before a cohort word only describe a study's design or stage, in
    title case or at a sentence's start: "the Present Study", "The Pilot Study", "the
    Prospective Validation Study" speak of a study (often the paper's own), not a named
    cohort ("the Framingham Heart Study"; review15). ``design_words`` are lower case.

    >>> d = frozenset({"present", "pilot", "prospective", "validation",
    ...                 "feasibility"})
    >>> [describes_a_study(w.split(), d) for w in ("Present", "Prospective Validation",
    ...  "Framingham Heart", "Pilot and Feasibility")]
    [True, True, False, True]
    """
    content = [w.lower() for w in words if w.lower() not in {"of", "and", "the", "-"}]
    return bool(content) and all(w in design_words for w in content)


_DIMENSION = re.compile(r"[1-4](?:\.5)?D")


def dimension_prefix(units: Sequence[Unit], first: int, sent_of: Sequence[int]) -> bool:
    """Whether the unit before ``first`` is a dimension ("1D", "2.5D", "3D") that opens the
    name at ``first``: "a 3D ResNet-18", "a 2.5D U-Net" name those architectures, not ResNet-18
    or U-Net. The name must start right after it in the same sentence and be written as one.

    >>> us = [Unit(0, 1, "a", "lower", True, False), Unit(1, 2, "3D", "num", False, True),
    ...       Unit(2, 3, "ResNet-18", "strong", False, True)]
    >>> dimension_prefix(us, 2, [0, 0, 0]), dimension_prefix(us, 1, [0, 0, 0])
    (True, False)
    """
    if first == 0:
        return False
    before = units[first - 1]
    return (
        bool(_DIMENSION.fullmatch(before.text))
        and sent_of[first - 1] == sent_of[first]
        and units[first].space_before
        and units[first].shape != "lower"
    )


#: adjectives that name a variant of a sequence architecture and belong to its name
_VARIANT_PREFIX = wordlist("names_wordlists", "variant_prefixes")
#: recurrent architectures written as acronyms, the ones that variant adjectives name
_RECURRENT = wordlist("names_wordlists", "recurrent_acronyms")


def recurrent_acronym(text: str) -> bool:
    """Whether ``text`` is a recurrent sequence architecture written as an acronym ("LSTM",
    "GRU", "RNN"): only a recurrent network has a bidirectional variant named apart from it;
    "a bidirectional BERT encoder" restates what BERT is, its name stays "BERT" (branch
    review16a).

    >>> recurrent_acronym("LSTM"), recurrent_acronym("BERT"), recurrent_acronym("lstm")
    (True, False, False)
    """
    return text.isupper() and text.lower() in _RECURRENT


def variant_prefix(units: Sequence[Unit], first: int, sent_of: Sequence[int]) -> bool:
    """Whether the unit before ``first`` is an adjective naming the variant of a classic
    architecture written as an acronym ("bidirectional", "bi-directional") that opens the name
    at ``first``: "a bidirectional LSTM" names that architecture (the BiLSTM), not the LSTM; a
    named model keeps its own name ("a bidirectional Mamba encoder" uses Mamba), and "a
    bidirectional" before a lower-case word names nothing, nor does it before an acronym of
    another kind (:func:`recurrent_acronym`: "a bidirectional BERT encoder").

    >>> us = [Unit(0, 1, "a", "lower", True, False), Unit(1, 2, "bidirectional", "lower",
    ...       False, True), Unit(2, 3, "LSTM", "strong", False, True)]
    >>> variant_prefix(us, 2, [0, 0, 0]), variant_prefix(us, 1, [0, 0, 0])
    (True, False)
    >>> us[2] = Unit(2, 3, "Mamba", "cap", False, True)
    >>> variant_prefix(us, 2, [0, 0, 0])
    False
    """
    if first == 0:
        return False
    text = units[first].text
    return (
        units[first - 1].text.lower() in _VARIANT_PREFIX
        and sent_of[first - 1] == sent_of[first]
        and units[first].space_before
        and recurrent_acronym(text)
    )


def spells_short_form(word: str, short: str) -> bool:
    """Whether a word of a long form is written with capitals that spell part of its short
    form ("SHapley" and "exPlanations" in "SHapley Additive exPlanations (SHAP)"): a word cased
    to show the acronym, not a name. Capitals inside the word, three lower-case letters at
    least.

    >>> [spells_short_form(w, "SHAP") for w in ("SHapley", "exPlanations", "Additive", "SHAP")]
    [True, True, False, False]
    >>> spells_short_form("XGBoost", "XGB-CV"), spells_short_form("CLIPort", "SHAP")
    (True, False)
    """
    if not word.isalpha() or sum(c.islower() for c in word) < 3:
        return False
    if not any(c.isupper() for c in word[1:]):
        return False
    caps = "".join(c for c in word if c.isupper()).lower()
    return caps in short.lower()


def spelling_units(
    units: Sequence[Unit], tok2unit: dict[int, int], abbreviations: Sequence[AbbreviationPair]
) -> set[int]:
    """The units of long forms that :func:`spells_short_form` says are cased to show the
    short form; they are never names on their own."""
    out: set[int] = set()
    for pair in abbreviations:
        for tok in range(pair.long_start, pair.long_end):
            k = tok2unit.get(tok)
            if k is not None and spells_short_form(units[k].text, pair.short_text):
                out.add(k)
    return out


def acronym_unit(unit: Unit) -> bool:
    """An upper-case acronym of two to six letters ("MRI", "PRO") inside a longer name."""
    return (
        unit.shape == "strong"
        and unit.text.isalpha()
        and unit.text.isupper()
        and len(unit.text) <= 6
    )


def plus_base(text: str) -> str:
    """The name a "+"/"++" variant is built on ("MedSeg++" → "MedSeg"), or "" for a name
    without one.

    >>> plus_base("MedSeg++"), plus_base("Foo+"), plus_base("Foo"), plus_base("++")
    ('MedSeg', 'Foo', '', '')
    """
    base = text.rstrip("+")
    return base if base != text and len(base) >= 2 else ""


#: words skipped between a name and the cue word before it ("on the public X")
LEFT_SKIP = _SOURCE_ADJECTIVES | {"the", "a", "an", "both", "all", "three"}
#: words before "on"/"from" that make the name a base model, not data ("based on X")
BASE_WORDS = wordlist("names_wordlists", "base_words")
