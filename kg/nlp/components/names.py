"""Pure functions that find dataset and model names in a Doc and decide what they are.

The extractor works on *units*: maximal runs of tokens written without spaces ("MedTrinity-25"
+ "M", "GPT-4V(ision" + ")"), trimmed of outer punctuation. A unit's *shape* says how name-like
it is (:func:`unit_shape`). Names are seeded by name-like units, the curated table, the paper's
title prefix ("X: ...") and abbreviation pairs, then extended over version/size units
("Llama 3.1 8B", "Claude 3.5 Sonnet v2"). Each name is then typed (dataset or model) from
context cues (head nouns, lists, "trained on X", apposition, title words, morphology), given a
key (abbreviation and curated aliases resolved), a confidence and a role.

Everything here is a function of a Doc plus a :class:`~kg.nlp.components.lexicon.Lexicon`;
``kg.nlp.components.entity_mentions`` only wires it into spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Literal, NamedTuple

from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from kg.ids import normalize_key
from kg.known_entities import KnownEntity
from kg.nlp.components.abbreviations import AbbreviationPair
from kg.nlp.components.doc_text import text_of, title_end_char
from kg.nlp.components.lexicon import MEMO_SIZE, Lexicon, remember
from kg.nlp.components.roles import mention_introduced

Shape = Literal["strong", "cap", "letter", "num", "lower", "punct", "adj"]
NameType = Literal["dataset", "model"]

_NUM = re.compile(r"^[vV]?\d+(?:[.,/:]\d+)*(?:[a-zA-Z]{1,2})?(?:-[A-Za-z]+)?$")
_COUNT_SUFFIX = re.compile(r"[-_ ]?\d+(?:\.\d+)?[KkMm]$")
_SIZE_SUFFIX = re.compile(r"(?:^|[-_ :])\d+(?:\.\d+)?[Bb](?:[-_ ][A-Za-z]+)?$")
_OPENERS = frozenset("([{\"'`“‘")
_CLOSERS = frozenset(".,;:!?\"')]}`”’")
_JOIN_BREAK = frozenset({",", ";", ":"})
_SUFFIX_TRIM = frozenset({"'s", "’s", "'S", "’S", "'"})
_LIST_JOINERS = frozenset({",", "and", "or", "&", "/", "as", "well"})
_LIST_INTRO = frozenset(
    {
        "such",
        "as",
        "like",
        "including",
        "include",
        "includes",
        "e.g.",
        "e.g",
        "eg",
        "namely",
        ":",
        ",",
        "(",
        "viz",
        "i.e.",
        "especially",
        "notably",
    }
)


class Unit(NamedTuple):
    """A run of tokens written without spaces, trimmed of outer punctuation.

    A NamedTuple rather than a frozen dataclass: a Doc has hundreds of units, and a tuple is
    several times cheaper to build (issue 7: extraction throughput).
    """

    start: int
    end: int
    text: str
    shape: Shape
    sent_start: bool
    space_before: bool
    char: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed, keyed name occurrence (token offsets), ready to become a Span.

    Attributes:
        start, end: token offsets in the Doc.
        entity_type: "dataset" or "model".
        key: normalised key shared by every mention of the same entity in the Doc.
        role: "introduces" or "uses" (entity level: any introducing mention wins).
        confidence: entity-level confidence in [0, 1].
        rule: the rule that found the mention (``kg_extractor``).
    """

    start: int
    end: int
    entity_type: NameType
    key: str
    role: str
    confidence: float
    rule: str


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int  # token offsets
    first_unit: int
    last_unit: int
    text: str
    rule: str
    base_conf: float
    known: KnownEntity | None = None
    title_type: NameType | None = None
    ner_label: str | None = None
    key: str = ""
    scores: dict[str, float] = field(default_factory=lambda: {"dataset": 0.0, "model": 0.0})
    cue_conf: float = 0.0
    introduced: bool = False
    title_weight: float = 0.0
    long_form: bool = False


def unit_shape(text: str, lexicon: Lexicon | None = None) -> Shape:
    """Classify a unit by how name-like its spelling is (see :func:`_unit_shape`).

    >>> [unit_shape(t) for t in ["GPT-4", "CheXpert", "seg2med", "Apollo", "M", "7B", "the", ","]]
    ['strong', 'strong', 'strong', 'cap', 'letter', 'num', 'lower', 'punct']
    """
    if lexicon is None or "-" not in text:
        return _cached_shape(text)
    shape = lexicon.shape_cache.get(text)
    if shape is not None:
        return shape
    return remember(lexicon.shape_cache, text, _unit_shape(text, lexicon))


@lru_cache(maxsize=MEMO_SIZE)
def _cached_shape(text: str) -> Shape:
    return _unit_shape(text, None)


def _unit_shape(text: str, lexicon: Lexicon | None = None) -> Shape:
    """Classify a unit by how name-like its spelling is.

    >>> [unit_shape(t) for t in ["GPT-4", "CheXpert", "seg2med", "Apollo", "M", "7B", "the", ","]]
    ['strong', 'strong', 'strong', 'cap', 'letter', 'num', 'lower', 'punct']
    """
    if not any(c.isalnum() for c in text):
        return "punct"
    if _NUM.match(text):
        return "num"
    lower = text.lower()
    if _NOT_A_NAME.search(text) or _PLURAL_ACRONYM.match(text) or _CLINICAL_LABEL.search(text):
        return "lower"
    if lexicon is not None and "-" in text and lower.endswith(lexicon.adjective_suffixes):
        return "adj"
    parts = [p for p in re.split(r"-+", text) if p]
    if len(parts) > 1:
        if any(p.lower() in _FUNCTION_WORDS for p in parts):
            return "lower"  # "State-of-the-Art", "CT-to-MR"
        if (
            all(_is_word_part(p, lexicon) for p in parts)
            and not all(p.isupper() for p in parts)
            and not any(curated_part(p, lexicon) for p in parts)
        ):
            return "cap" if text[0].isupper() else "lower"  # "Vision-Language", "Clinical-MRI"
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "num"
    if len(text) <= 2 and text[0].isupper() and len(letters) == 1:
        return "letter"
    uppers = sum(1 for c in text if c.isupper())
    has_digit = any(c.isdigit() for c in text)
    if uppers >= 2 or (uppers == 1 and not text[0].isupper() and text[0].isalpha()):
        return "strong"
    if has_digit and len(letters) >= 2:
        return "strong"
    if ("^" in text or "_" in text) and letters:
        return "strong"
    if text[0].isupper():
        return "cap"
    return "lower"


_NOT_A_NAME = re.compile(
    r"://|^www\.|@|\.(?:com|org|io|ai|html?)\b|^[A-Z][a-z]+:[A-Z]|^(?:plus|minus|top|Top|rank|Rank|n|N)[-]?\d|['’]s$"
    # issue 15, item 3: tokenizer leftovers, not names: two sentences glued ("dataset.Our"),
    # a word glued to a bracket ("Models(LLMs)", "(KG)-elicited"), LaTeX, citation keys
    # ("Wei2022ChainOT", "al,2023"), assignments ("f1-score=59.0"), big-O ("O(N^2)"), sizes
    # and dimensions ("28x28x28", "7B/8B", "706times")
    r"|[a-z]{2,}\.[A-Z][a-z]|[a-z]\(|^\(|[\\{}~=,]|[a-z](?:19|20)\d\d(?:[A-Z]|[a-z]{3})|^O\("
    r"|^\d+(?:x\d+)+$|^\d+times$|^\d+(?:\.\d+)?[BMK][-/]\d+(?:\.\d+)?[BMK]$"
    # a score glued to the word after it ("85.3%accuracy") or a preposition glued to a number
    # ("from72"): typing slips, never names (issue 15, item 3: boundaries)
    r"|^\d+(?:\.\d+)?%|^(?:from|to|of|in|on|at|by|with|and|or|than)\d+(?:\.\d+)?$"
    # initials joined by an ampersand abbreviate a phrase: a stain ("H&E"), "Q&A", "R&D"
    r"|^[A-Z]&[A-Z]$"
)
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
#: clinical labels spelled like names, by their form: a range of Roman numerals ("grade
#: III-IV", "stage V–VI"; a slash is a version range, "MIMIC III/IV"), a radiology reporting
#: system ("BI-RADS", "TI-RADS 4"), an MRI weighting or sequence label ("T1ce", "T2w",
#: "T1-Gd", "T2-FLAIR"), an agent named by what it blocks ("anti-VEGF", "anti-PD-1") and a
#: potency measure ("IC50")
_ROMAN_PART = r"(?:I{1,3}|IV|VI{0,3}|IX|X)"
_CLINICAL_LABEL = re.compile(
    rf"^{_ROMAN_PART}(?:[-–—]{_ROMAN_PART})+$"
    r"|-RADS$"
    r"|^T[12](?:ce|c|w|Gd|WI|\*|-(?:w|ce|Gd|weighted|FLAIR)|FLAIR)$"
    r"|^anti-[A-Z0-9]"
    # a drug's potency or dose measure ("IC50", "EC50", "LD50")
    r"|^(?:IC|EC|ED|LD|CC|GI)50$"
)
_FUNCTION_WORDS = frozenset(
    {"to", "of", "the", "and", "for", "in", "on", "as", "a", "an", "by", "or", "vs", "with"}
)


def curated_part(part: str, lexicon: Lexicon | None) -> bool:
    """Whether a hyphen part is a curated model or dataset name written with a capital
    ("Gemini" in "Med-Gemini"): a compound built on a known name is a name, not a phrase
    of ordinary words like "Vision-Language" (issue 15, item 3: well-known names missed)."""
    return (
        lexicon is not None
        and part[:1].isupper()
        and len(part) >= 3
        and lexicon.known.lookup(part) is not None
    )


def _is_word_part(part: str, lexicon: Lexicon | None) -> bool:
    """A hyphen part that is an ordinary word ("Vision") or a generic acronym ("AI", "MRI")."""
    if part.isalpha() and part[0].isupper() and part[1:].islower() and len(part) > 1:
        return True
    if part.isalpha() and part.islower():
        return True
    return lexicon is not None and lexicon.is_stopped(part)


_URL = re.compile(r"(?:(?:https?|ftp)://|www\.|github\.com/|huggingface\.co/)\S+|\S+@\S+\.\w+")


def in_spans(pos: int, starts: Sequence[int], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (sorted, disjoint; ``starts`` their starts).

    >>> spans = [(3, 8), (10, 12)]
    >>> [in_spans(p, [3, 10], spans) for p in (2, 3, 7, 8, 11, 12)]
    [False, True, True, False, True, False]
    """
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


def doc_units(doc: Doc, lexicon: Lexicon | None = None, text: str | None = None) -> list[Unit]:
    """Split a Doc into units (see module docstring), in order; URLs count as lower case."""
    # token attributes as arrays: Token objects are expensive to create (issue 7: speed)
    n = len(doc)
    if n == 0:
        return []
    # one list per attribute: a column is indexed once where a row list was indexed twice
    orths, chars, spaced, is_space, sent_starts = doc.to_array(
        [ORTH, IDX, SPACY, IS_SPACE, SENT_START]
    ).T.tolist()
    strings = doc.vocab.strings
    texts: list[str] = [strings[o] for o in orths]
    text_all = text_of(doc) if text is None else text
    urls = (
        [(m.start(), m.end()) for m in _URL.finditer(text_all)]
        if "/" in text_all or "@" in text_all or "www." in text_all
        else []
    )
    # URL matches are in text order and disjoint: a bisection finds the one a unit may be in
    url_starts = [a for a, _ in urls]
    units: list[Unit] = []
    append = units.append
    # settled shapes of words seen before, in this Doc or earlier ones (issue 15: speed)
    shapes: dict[str, Shape] = lexicon.unit_shape_cache if lexicon is not None else {}
    i = 0
    while i < n:
        if is_space[i]:  # whitespace token
            i += 1
            continue
        j = i
        if texts[i] not in _JOIN_BREAK:
            # extend over tokens glued to the previous one (no whitespace between)
            while (
                j + 1 < n
                and not spaced[j]
                and not is_space[j + 1]
                and texts[j + 1] not in _JOIN_BREAK
            ):
                if texts[j + 1] == "/" or texts[j] == "/":
                    if _slash_break_at(texts, j + 1, n) or _slash_break_at(texts, j, n):
                        break
                if glued_score_at(texts, j + 1, n) or glued_participle_at(texts, j + 1, n):
                    break
                j += 1
        start, end = i, j + 1
        # a single token that starts with a letter or digit has no outer punctuation (most
        # units: the trimming is skipped for them; issue 15: speed)
        if j > i or not texts[i][:1].isalnum():
            start, end = trim_punctuation(texts, start, end)
        if i < start:
            for k in range(i, start):
                append(Unit(k, k + 1, texts[k], "punct", sent_starts[k] == 1, True, chars[k]))
        if start < end:
            first_char = chars[start]
            utext = (
                texts[start]
                if end == start + 1
                else text_all[first_char : chars[end - 1] + len(texts[end - 1])]
            )
            shape = shapes.get(utext)
            if shape is None:
                shape = settled_shape(utext, lexicon)
                if lexicon is not None:
                    remember(shapes, utext, shape)
            if urls and in_spans(first_char, url_starts, urls):
                shape = "lower"
            elif shape == "strong" and units and units[-1].shape == "num" and lexicon is not None:
                if len(symbol := utext.removesuffix(".")) > 1 and symbol in lexicon.units:
                    shape = "lower"  # a unit after its number: "2 nM", "1 µM." (full stop kept)
            append(
                Unit(
                    start,
                    end,
                    utext,
                    shape,
                    sent_starts[start] == 1 or start == 0,
                    start == 0 or bool(spaced[start - 1]) or bool(is_space[start - 1]),
                    first_char,
                )
            )
        # punctuation tokens inside [i, j] that were trimmed become their own punct units
        for k in range(end, j + 1):
            append(Unit(k, k + 1, texts[k], "punct", sent_starts[k] == 1, True, chars[k]))
        i = j + 1
    return units


def settled_shape(text: str, lexicon: Lexicon | None) -> Shape:
    """A unit's shape as a Doc's units carry it: its spelling's shape (:func:`unit_shape`),
    or "lower" for a statistic, unit, quantity symbol or isotope (issue 19), which reads like
    a name but never is one.

    >>> settled_shape("GPT-4", None), settled_shape("the", None)
    ('strong', 'lower')
    """
    shape = unit_shape(text, lexicon)
    if (
        shape != "lower"
        and lexicon is not None
        and _MAYBE_MEASURE.search(text)
        and lexicon.is_measure(text)
    ):
        return "lower"
    return shape


def trim_punctuation(texts: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Tokens ``start..end`` without their outer punctuation tokens and a trailing "'s",
    keeping a closing bracket that balances an inner one.

    >>> trim_punctuation(["(", "GPT-4", ")", ","], 0, 4), trim_punctuation(["f(x", ")"], 0, 2)
    ((1, 2), (0, 2))
    >>> trim_punctuation(["MedQA", "'s"], 0, 2), trim_punctuation(['"', "."], 0, 2)
    ((0, 1), (1, 1))
    """
    opener = _OPENERS.issuperset
    closer = _CLOSERS.issuperset
    while start < end and opener(texts[start]):
        start += 1
    while start < end:
        last = texts[end - 1]
        if last in _SUFFIX_TRIM:
            end -= 1
            continue
        if closer(last):
            if last == ")":
                inner = "".join(texts[start : end - 1])
                if inner.count("(") > inner.count(")"):
                    break
            end -= 1
            continue
        break
    return start, end


# characters without which a unit cannot be a measure (kg.nlp.components.measures): most units
# are plain words, and this keeps the check off them (issue 7: extraction throughput)
_MAYBE_MEASURE = re.compile(r"[=<>≤≥_·⋅∙/^0-9⁰¹²³⁴⁵⁶⁷⁸⁹⁻₀-₎\u0300-\u036f]")


def section_label_units(units: Sequence[Unit], text: str, title_end: int) -> list[int]:
    """Units of structured-abstract section labels: "BACKGROUND:", "MATERIALS AND METHODS:".

    A label is a run of all-capital or capitalised words (lower-case "and"/"of" between
    them, commas in lists such as "DESIGN, SETTING, AND PARTICIPANTS") that starts the
    abstract or a sentence and ends with a colon. Labels are never names (issue 19).
    """
    labels: list[int] = []
    if text.find(":", title_end) < 0:
        return labels  # no colon after the title, no label (about half the abstracts: speed)
    n = len(units)
    k = 0
    while k < n:
        u = units[k]
        if u.char < title_end or not _label_word(u.text, first=True):
            k += 1
            continue
        before = text[title_end : u.char].strip() if u.char >= title_end else ""
        starts = not before or text[: u.char].rstrip()[-1:] in _LABEL_AFTER
        m = k + 1
        while m < n and (_label_word(units[m].text, first=False) or units[m].text in {",", "&"}):
            m += 1
        if (
            starts
            and m < n
            and units[m].text == ":"
            and units[m - 1].text not in {",", "&", "and", "of"}
        ):
            labels.extend(range(k, m))
        k = m
    return labels


_LABEL_AFTER = frozenset(".!?;:")


def _label_word(text: str, *, first: bool) -> bool:
    if not text.isalpha():
        return False
    if text.isupper() and len(text) >= (3 if first else 1):
        return True
    if first:
        return text.istitle() and len(text) >= 4
    return text.istitle() or text in {"and", "of", "or"}


def lower_case_words(units: Sequence[Unit]) -> frozenset[str]:
    """The lower-case words of a Doc's units (what :func:`ordinary_word` compares with)."""
    return frozenset(u.text for u in units if u.shape == "lower" and u.text.isalpha())


def ordinary_word(text: str, lower_words: frozenset[str]) -> bool:
    """True for a capitalised word the same abstract also writes in lower case: an ordinary
    word capitalised by its place or for emphasis ("Medical, Legal and Ethical issues" beside
    "medical images"), not a name (issue 15, item 3: capitalised words that are not names).
    A name is not written in lower case in its own abstract ("Mamba", "Gemini").

    >>> ordinary_word("Medical", frozenset({"medical", "images"}))
    True
    >>> ordinary_word("Mamba", frozenset({"medical", "images"}))
    False
    """
    return text.lower() in lower_words


_DECIMAL = re.compile(r"^\d+\.\d+%?$")


def _slash_break_at(texts: list[str], k: int, n: int) -> bool:
    """True when token ``k`` is a "/" between two names: two alphabetic tokens ("HAN/HLAN"),
    or a name ending in a digit and a capitalised word of two letters or more ("GPT-4/Claude-3";
    issue 15, item 3). A number after the slash is a variant of the same name ("ViT-L/14"),
    but a decimal after a word is a score ("Dice/0.79": the metric and its value)."""
    if texts[k] != "/" or not 0 < k < n - 1:
        return False
    left, right = texts[k - 1][-1:], texts[k + 1]
    if left.isalpha() and (right[:1].isalpha() or _DECIMAL.match(right)):
        return True
    return left.isdigit() and right[:1].isupper() and len(right) >= 2


def glued_score_at(texts: Sequence[str], k: int, n: int) -> bool:
    """True when token ``k`` opens a score glued to the name before it: "(" or "=" before a
    number ("GPT-4o(0.866)", "GPT-4o=0.85"; issue 15, item 3). "MedFoo(ours)" keeps its
    bracket.

    >>> glued_score_at(["GPT-4o", "(", "0.866", ")"], 1, 4)
    True
    >>> glued_score_at(["GPT-4o", "=", "0.85"], 1, 3)
    True
    >>> glued_score_at(["MedFoo", "(", "ours", ")"], 1, 4), glued_score_at(["X", "("], 1, 2)
    (False, False)
    >>> glued_score_at(["k", "=", "x"], 1, 3)
    False
    """
    return texts[k] in ("(", "=") and k + 1 < n and texts[k + 1][:1].isdigit()


def glued_participle_at(texts: Sequence[str], k: int, n: int) -> bool:
    """True when token ``k`` is a hyphen the tokenizer split off before a participle glued to a
    name ("ImageNet-pretrained", "AlphaFold2-predicted": see ``kg.nlp``): the name ends before
    it. The stem must be name-shaped as the tokenizer asks (a digit, or a capital after its
    first letter), since other tokenizers split every hyphen: "fine-tuned" and "Fine-tuned"
    stay one unit.

    >>> glued_participle_at(["ImageNet", "-", "pretrained"], 1, 3)
    True
    >>> glued_participle_at(["ImageNet", "-", "pre-trained"], 1, 3)
    True
    >>> glued_participle_at(["3", "-", "4"], 1, 3), glued_participle_at(["X", "-"], 1, 2)
    (False, False)
    >>> glued_participle_at(["fine", "-", "tuned"], 1, 3)
    False
    """
    if texts[k] != "-" or not 0 < k < n - 1:
        return False
    stem = texts[k - 1]
    if not any(ch.isdigit() for ch in stem) and not any(ch.isupper() for ch in stem[1:]):
        return False
    word = texts[k + 1]
    return word.endswith("ed") and word.replace("-", "").isalpha() and word.islower()


def _measured(units: Sequence[Unit], last: int, lexicon: Lexicon) -> bool:
    """Whether the name ending at unit ``last`` ends in a number followed by a physical unit."""
    nxt = last + 1
    if units[last].shape != "num" or nxt >= len(units) or not units[nxt].space_before:
        return False
    following = units[nxt].text.rstrip(".,;:")
    # a one-letter unit symbol ("M", "T") also abbreviates millions or a model series
    return (len(following) > 1 and following in lexicon.units) or lexicon.is_measure(following)


def _title_prefix_units(units: Sequence[Unit], doc: Doc, title_end: int) -> tuple[int, int] | None:
    """Unit index range of the title's "X:" / "X --" prefix naming the paper's own work."""
    title_units = [k for k, u in enumerate(units) if u.char < title_end]
    if not title_units:
        return None
    for k in title_units[:6]:
        u = units[k]
        if u.shape == "punct" and u.text in {":", "--", "-", "—", "–"}:
            if k == 0 or k > 5:
                return None
            return (0, k)
    # "HuatuoGPT-Vision, Towards ...": a single strong unit before a comma
    if len(title_units) > 2 and units[1].text == "," and units[0].shape == "strong":
        return (0, 1)
    # "X: ..." where the colon is glued to X ("MedXpertQA:") was trimmed into a punct unit above
    return None


def _concept_blocked(doc: Doc, units: Sequence[Unit], spans: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of units lying wholly inside a concept (modality/task/metric) span."""
    if not spans:
        return set()
    # reach[t]: the furthest end of a span covering token t
    reach: dict[int, int] = {}
    for start, end in spans:
        for t in range(start, end):
            if reach.get(t, 0) < end:
                reach[t] = end
    return {k for k, u in enumerate(units) if reach.get(u.start, 0) >= u.end}


#: a dimension, a percentage, or a count glued to its noun ("12-Lead", "30-Day": a title's
#: "Multi-Label 12-Lead ECG" is no versioned name)
_NOT_A_VERSION = re.compile(r"^\d[dD]$|%$|^\d+-[A-Za-z][a-z]+$")
_NOT_NAME_SUFFIXES = ("ing", "ly", "able", "ible")


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
    if _NOT_A_VERSION.search(version):
        return False
    return not word.lower().endswith(_NOT_NAME_SUFFIXES)


#: a number written as a score, not a version: a fraction below one ("0.884"), three or more
#: decimals ("91.237") or a percentage
_SCORE_NUMBER = re.compile(r"^(?:0\.\d+|\d+\.\d{3,}|\d+(?:\.\d+)?%)$")


def score_number(text: str) -> bool:
    """Whether a number written apart after a name is a score, not its version: "ResNet-101
    0.884", "OrbitNet 91.237", "DenseNet 85%" (issue 15, item 3: a score glued to a name);
    "Llama 3.1", "LLaVA 1.5" and "Mistral 7B" keep theirs.

    >>> [score_number(t) for t in ("0.884", "91.237", "85.3%", "3.1", "1.5", "7B", "2")]
    [True, True, True, False, False, False, False]
    """
    return _SCORE_NUMBER.match(text) is not None


def _numbered_noun(text: str, lexicon: Lexicon) -> bool:
    """ "Table 2", "Steps 1", "Task 3": a common noun followed by a number is not a name."""
    low = text.lower()
    return low in lexicon.numbered_nouns or (
        low.endswith("s") and low[:-1] in lexicon.numbered_nouns
    )


def _recipe_compound(text: str, lexicon: Lexicon) -> bool:
    """ "DP-LoRA", "Med-DPO": a compound whose head is a training recipe is not a model; one
    whose head is a model family names a model of it ("ClinNote-LLM"; issue 15, item 3)."""
    parts = [p for p in re.split(r"[-_]+", text) if p]
    return (
        len(parts) > 1
        and normalize_key(parts[-1]) in lexicon.recipes
        and parts[-1].lower() != parts[-1]
    )


def _strip_function_words(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _FUNCTION_WORDS:
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


def _title_type(
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
    return "model"


def _modifies_model_head(units: Sequence[Unit], k: int, lexicon: Lexicon) -> bool:
    """Whether the word at unit ``k`` modifies a model head right after it ("Data Engine",
    "Benchmark Generator"): then the title describes a system, not data."""
    return k + 1 < len(units) and units[k + 1].text.lower() in lexicon.model_heads


def _followed_by(units: Sequence[Unit], last: int, words: frozenset[str]) -> bool:
    return last + 1 < len(units) and units[last + 1].text.lower() in words


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
    while j >= 0 and k - j <= 5 and units[j].text.lower() in _LIST_INTRO:
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


_PREPOSITIONS = frozenset(
    {"on", "in", "from", "for", "with", "across", "at", "to", "of", "over", "using", "under"}
)
_DETERMINERS = frozenset({"a", "an", "the", "our", "this", "these", "its", "their", "each"})


def in_adverbial(units: Sequence[Unit], head: int) -> bool:
    """Whether the noun phrase ending at unit ``head`` follows a preposition: "On a cancer
    dataset" (yes), "we construct a large-scale dataset" (no). Reads at most four units back,
    stopping at punctuation or at the phrase's determiner."""
    for j in range(head - 1, max(-1, head - 5), -1):
        w = units[j].text.lower()
        if units[j].shape == "punct":
            return False
        if w in _PREPOSITIONS:
            return True
        if w in _DETERMINERS:
            return j > 0 and units[j - 1].text.lower() in _PREPOSITIONS
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


_ITEM_ENDS = frozenset({",", "and", "or", ")", ".", ";", ":"})


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
        _followed_by(units, past_brackets(units, k), lexicon.family_or_feature_words) for k in lasts
    )


_RECIPE_GAP = _LIST_INTRO | _LIST_JOINERS | {"--", "—", "–"}
_RECIPE_APPOSITION = frozenset({",", "(", "--", "—", "–", "is"})


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
            return not gap or gap[0] != "," or (len(gap) > 1 and gap[1].lower() in _LIST_INTRO)
        if units[j].text.lower() in _RECIPE_GAP or units[j].shape in ("strong", "cap"):
            j -= 1
            continue
        break
    k = last + 1
    if k >= len(units) or sent_of[k] != s or units[k].text.lower() not in _RECIPE_APPOSITION:
        return False
    k += 1
    if k < len(units) and units[k].text.lower() in _DETERMINERS:
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


def _title_names_org(
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


_YEAR = re.compile(r"(?:19|20)\d\d")


def name_word_before(
    units: Sequence[Unit], first: int, title_end: int, lower_words: frozenset[str], lexicon: Lexicon
) -> bool:
    """Whether the capitalised word before a curated name starts a new name built on it: "Me
    LLaMA 13B" (issue 15, item 3: a name cut short). Not a sentence's first word, not a title's
    word (titles capitalise every word), not a word the abstract also writes in lower case
    ("Medical LLaMA" when it writes "medical"), nor a generic head or numbered noun."""
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
        and not _numbered_noun(u.text, lexicon)
        and (k == 0 or units[k - 1].shape != "cap")
    )


def tier_word_ends(units: Sequence[Unit], m: int) -> bool:
    """Whether the lower-case tier word at unit ``m`` ends its phrase (punctuation, a
    conjunction, a preposition or the text's end after it): "GPT-4o mini and", not "GPT-4
    large language model"."""
    if m + 1 >= len(units):
        return True
    nxt = units[m + 1]
    w = nxt.text.lower()
    return nxt.shape == "punct" or w in _ITEM_ENDS or w in _PREPOSITIONS or w in _NAME_FOLLOWERS


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
        and _YEAR.fullmatch(units[m + 1].text) is not None
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
        and units[m - 1].shape == "strong"
        and word in words
        and tier_word_ends(units, m)
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


def _extend_right(
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
            if score_number(u.text):
                break
            last = m
        elif (u.shape == "letter" and units[last].shape != "num") or (
            u.shape == "letter" and m == last + 1
        ):
            # "Med-PaLM M", "Command R+", "Mistral NeMo 12 B"
            if lexicon.is_stopped(u.text):
                break
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


_NAME_HEADS = frozenset(
    {"track", "challenge", "collection", "corpus", "commons", "database", "archive"}
)


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


def _key_of(text: str, lexicon: Lexicon) -> tuple[str, KnownEntity | None]:
    base = without_split(_RELEASE_TAG.sub("", text), lexicon.split_suffixes)
    known = lexicon.known.lookup(base)
    if known is not None:
        return known.key, known
    return name_key(base), None


def _known_prefix(key: str, lexicon: Lexicon) -> KnownEntity | None:
    """The curated entity whose key is the longest prefix of ``key`` (family prior)."""
    best: KnownEntity | None = None
    for n in range(len(key) - 1, 2, -1):
        hit = lexicon.known.by_key.get(key[:n])
        if hit is not None:
            best = hit
            break
    return best


def _words_after(doc: Doc, end: int, n: int = 3) -> list[str]:
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


def _long_form_is_generic(text: str, lexicon: Lexicon) -> bool:
    """True when an abbreviation's long form names a generic concept, not a named thing.

    >>> from kg.known_entities import KnownEntities
    >>> lex = Lexicon.from_patterns({}, KnownEntities((), {}))
    >>> [_long_form_is_generic(t, lex) for t in ("18F-fluorodeoxyglucose", "Segment Anything")]
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


def _after_naming_verb(doc: Doc, start: int, lexicon: Lexicon) -> bool:
    """Whether the token before ``start`` is a naming verb: "a solution termed Deep
    Probabilistic Sub-sampling (DPS)" names the paper's system, whatever its head."""
    return start > 0 and doc[start - 1].lower_ in lexicon.naming_verbs


_PHRASE_BREAKS = frozenset({"for", "with", "of", "via", "in", "on", "by", "from", "to", "using"})


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
    """Whether one token "left/right" coordinates two names, as :func:`_slash_break_at` reads
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
    return _slash_break_at([left, "/", right], 1, 3)


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


def defined_name_confidence(short: str, lexicon: Lexicon) -> float:
    """Confidence of a name the text defines by an abbreviation ("Segment Anything Model
    (SAM)"). A bare upper-case acronym that is not a curated name gets no more than any other
    bare acronym (0.45, below the link threshold): most such definitions name diseases,
    guidelines, modules or organisations ("Diabetic Macular Edema (DME)"), and only a context
    cue (``_score_types``) lifts it to a link (issue 15, item 3). Names with a digit or mixed
    case ("KnoBo", "SL-HyDE") keep 0.85.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({}, parse_known_entities([]))
    >>> (defined_name_confidence("DME", lex), defined_name_confidence("CF-IR", lex),
    ...  defined_name_confidence("KnoBo", lex))
    (0.45, 0.45, 0.85)
    """
    if _BARE_ACRONYM.match(short) and lexicon.known.lookup(short) is None:
        return 0.45
    return 0.85


#: words that end a name written after a data preposition ("trained on X without ...")
_NAME_FOLLOWERS = frozenset(
    {"and", "or", "but", "without", "while", "whereas", "which", "that", "where", "when", "as"}
    | {"by", "than", "via"}
)
#: words that describe where a named collection comes from, between a determiner and the
#: name ("the publicly available X", "on the resulting X"); both lists below hold them
_SOURCE_ADJECTIVES = frozenset(
    {"public", "publicly", "available", "large-scale", "open-source", "resulting", "two"}
)
#: adjectives between a determiner and a name ("the public X dataset", "our new X")
_NAME_ADJECTIVES = _SOURCE_ADJECTIVES | {"open", "new"}
_NAME_DETERMINERS = frozenset({"the", "our", "their", "its", "this", "these"})


def data_preposition_before(
    units: Sequence[Unit], k: int, sent_of: Sequence[int], lexicon: Lexicon
) -> bool:
    """Whether unit ``k`` follows the "on" of a data verb ("trained on X", "evaluate it on the
    X", "benchmark five classifiers on X") or the "from" of a collecting verb ("collected from
    X"), the verb at most five words before the preposition in the sentence (as
    ``_preposition_cue`` reads it); "based on X" is a model's, not data's."""
    j = k - 1
    while j >= 0 and units[j].text.lower() in _LEFT_SKIP:
        j -= 1
    if j < 1 or sent_of[j] != sent_of[k]:
        return False
    prep = units[j].text.lower()
    if prep not in {"on", "from"} or units[j - 1].text.lower() in _BASE_WORDS:
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
    return nxt.shape == "punct" or w in _ITEM_ENDS or w in _PREPOSITIONS or w in _NAME_FOLLOWERS


def _modifier_unit(unit: Unit) -> bool:
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
        if not _modifier_unit(units[j]):
            return False
    return False


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
        units[k].text.lower().endswith(_NATIONALITY_SUFFIXES)
        and k + 1 < len(units)
        and units[k + 1].shape in ("lower", "adj")
        and units[k + 1].text.lower() not in _ITEM_ENDS | _NAME_FOLLOWERS | _PREPOSITIONS
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
        elif acronym_unit(u) and m + 1 < len(units) and units[m + 1].shape == "cap":
            pass  # "... Brain Tumour MRI Consortium Dataset", "IARC Cervical Image Bank"
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


class _Scan:
    """The working state of one :func:`find_mentions` run over a Doc: its units, which units a
    candidate has taken, and the candidates so far. Each ``_add_*`` phase below adds
    candidates to it in turn (earlier phases win: a unit is taken once); it is the only
    mutable state the phases share.
    """

    __slots__ = (
        "blocked",
        "cands",
        "cap_starts",
        "caps",
        "doc",
        "doc_text",
        "generic_shorts",
        "lexicon",
        "lower_words",
        "named_shorts",
        "sent_of",
        "taken",
        "title_end",
        "tok2unit",
        "units",
    )

    def __init__(
        self,
        doc: Doc,
        lexicon: Lexicon,
        units: list[Unit],
        doc_text: str,
        *,
        title_separator: str,
        concept_spans: Sequence[tuple[int, int]],
        abbreviations: Sequence[AbbreviationPair],
    ) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.doc_text = doc_text
        self.title_end = title_end_char(doc_text, title_separator)
        # section labels of structured abstracts are never names, nor part of one (issue 19)
        for k in section_label_units(units, doc_text, self.title_end):
            units[k] = units[k]._replace(shape="lower")
        self.units = units
        self.tok2unit = token_units(units)
        self.sent_of = unit_sentences(units, self.title_end)
        self.taken = [False] * len(units)
        self.cands: list[_Candidate] = []
        self.blocked = _concept_blocked(doc, units, concept_spans)
        self.generic_shorts, self.named_shorts = split_abbreviations(abbreviations, doc, lexicon)
        self.blocked.update(spelling_units(units, self.tok2unit, abbreviations))
        #: the words the text writes in lower case (a capitalised one of them is no name)
        self.lower_words = lower_case_words(units)
        #: capitalised words that do not open a sentence
        self.caps = [k for k, u in enumerate(units) if u.shape == "cap" and not u.sent_start]
        #: capitalised words that open a sentence
        self.cap_starts = [k for k, u in enumerate(units) if u.shape == "cap" and u.sent_start]

    def text(self, first: int, last: int) -> str:
        """The text of units ``first..last`` as the Doc writes it."""
        last_unit = self.units[last]
        return self.doc_text[self.units[first].char : last_unit.char + len(last_unit.text)]

    def add(self, first: int, last: int, rule: str, conf: float, **kw: object) -> _Candidate | None:
        """Make units ``first..last`` a candidate, unless a unit is taken or the text is
        stop-listed, a measure, or a variable with its measured value; extra keywords set
        :class:`_Candidate` fields."""
        if any(self.taken[first : last + 1]):
            return None
        if dimension_prefix(self.units, first, self.sent_of) and not self.taken[first - 1]:
            first -= 1  # "a 3D ResNet-18": the dimension is part of the architecture's name
        text = self.text(first, last)
        if stopped_name(text, kw.get("known") is not None, self.lexicon) or self.lexicon.is_measure(
            text
        ):
            return None
        if _measured(self.units, last, self.lexicon):
            return None  # "VMLSS 15.0 km·h⁻¹": a variable with its measured value (issue 19)
        c = _Candidate(self.units[first].start, self.units[last].end, first, last, text, rule, conf)
        for name, value in kw.items():
            setattr(c, name, value)
        for m in range(first, last + 1):
            self.taken[m] = True
        self.cands.append(c)
        return c

    def occurrences(self, first: int, last: int) -> list[int]:
        """Start units of the other places where the units first..last occur verbatim."""
        units = self.units
        width = last - first
        return [
            k
            for k in self.units_with_text(units[first].text)
            if k != first
            and k + width < len(units)
            and all(units[k + i].text == units[first + i].text for i in range(1, width + 1))
        ]

    def units_with_text(self, text: str) -> list[int]:
        """The units written ``text``, in order; a scan, not an index built for every Doc: only
        a title prefix or a "++" name asks (issue 15: speed)."""
        return [k for k, u in enumerate(self.units) if u.text == text]

    def extend_right(self, k: int) -> int:
        """The last unit of a name starting at ``k``, over versions and sizes."""
        return _extend_right(self.units, k, self.lexicon, self.sent_of, self.generic_shorts)

    def open_word(self, k: int) -> bool:
        """Whether the capitalised word at unit ``k`` is free to be a name: not taken, not
        inside a concept, not stop-listed, not a numbered noun, a generic or name head
        ("on Benchmarks"), a participle ("the Curated dataset") or a word the text also writes
        in lower case."""
        u = self.units[k]
        return (
            u.shape == "cap"
            and not self.taken[k]
            and k not in self.blocked
            and not self.lexicon.is_stopped(u.text)
            and not _numbered_noun(u.text, self.lexicon)
            and u.text.lower() not in self.lexicon.generic_heads
            and not head_word(u.text, self.lexicon)
            and not ordinary_word(u.text, self.lower_words)
            and not participle_word(u.text)
        )


def token_units(units: Sequence[Unit]) -> dict[int, int]:
    """Token offset → index of the unit that holds the token.

    >>> token_units([Unit(0, 2, "GPT-4", "strong", True, False, 0),
    ...              Unit(2, 3, "and", "lower", False, True, 6)])
    {0: 0, 1: 0, 2: 1}
    """
    tok2unit: dict[int, int] = {}
    for k, u in enumerate(units):
        if u.end - u.start == 1:  # most units are one token: no range object (speed)
            tok2unit[u.start] = k
        else:
            for t in range(u.start, u.end):
                tok2unit[t] = k
    return tok2unit


def unit_sentences(units: Sequence[Unit], title_end: int) -> list[int]:
    """The sentence number of each unit; the title (units before ``title_end``) is a sentence
    of its own, so the units after it move one sentence on (units are in text order).

    >>> us = [Unit(0, 1, "A", "cap", True, False, 0), Unit(1, 2, "B", "cap", False, True, 3),
    ...       Unit(2, 3, "C", "cap", True, True, 5)]
    >>> unit_sentences(us, 0), unit_sentences(us, 2)
    ([0, 0, 1], [0, 1, 2])
    """
    sent_of: list[int] = []
    sid = 0
    for k, u in enumerate(units):
        if k > 0 and u.sent_start:
            sid += 1
        sent_of.append(sid)
    n_title = 0
    while n_title < len(units) and units[n_title].char < title_end:
        n_title += 1
    if n_title:
        for k in range(n_title, len(units)):
            sent_of[k] += 1
    return sent_of


def number_forms(short: str) -> tuple[str, str]:
    """A short form and its other grammatical number: a plural "s" after a capital is dropped,
    else added.

    >>> number_forms("eQTLs"), number_forms("SDOH"), number_forms("Ms")
    (('eQTLs', 'eQTL'), ('SDOH', 'SDOHs'), ('Ms', 'Mss'))
    """
    if len(short) > 2 and short.endswith("s") and short[-2].isupper():
        return short, short[:-1]
    return short, short + "s"


def split_abbreviations(
    abbreviations: Sequence[AbbreviationPair], doc: Doc, lexicon: Lexicon
) -> tuple[set[str], dict[str, AbbreviationPair]]:
    """Short forms whose long form is generic ("deep learning (DL)") or names a process
    ("Reinforcement Learning with Verifiable Rewards (RLVR)") — not names — and the others with
    their pair (kept as names); the first pair of a short form decides. A generic short form
    is generic in the singular and plural alike ("quantitative trait loci (eQTLs)" ... "eQTL
    prioritization")."""
    generic_shorts: set[str] = set()
    named_shorts: dict[str, AbbreviationPair] = {}
    for pair in abbreviations:
        if pair.short_text in named_shorts or pair.short_text in generic_shorts:
            continue
        if (
            (
                _long_form_is_generic(pair.long_text, lexicon)
                or (
                    names_a_process(pair.long_text)
                    and not _after_naming_verb(doc, pair.long_start, lexicon)
                )
            )
            and lexicon.known.lookup(pair.short_text) is None
            and not head_after_short(_words_after(doc, pair.short_end), lexicon.dataset_heads)
        ):
            generic_shorts.update(number_forms(pair.short_text))
        else:
            named_shorts[pair.short_text] = pair
    return generic_shorts, named_shorts


def find_mentions(
    doc: Doc,
    lexicon: Lexicon,
    *,
    known_spans: Sequence[tuple[int, int, KnownEntity]] = (),
    abbreviations: Sequence[AbbreviationPair] = (),
    ner_spans: Sequence[tuple[int, int, str]] = (),
    concept_spans: Sequence[tuple[int, int]] = (),
    title_separator: str = "\n\n",
    ner_confidence: float = 0.5,
    ner_cap_confidence: float = 0.4,
) -> list[Mention]:
    """Find, type, key and role every dataset/model mention of a Doc.

    Args:
        doc: a tokenized Doc (sentence boundaries help but are optional).
        lexicon: the cue lexicon and curated table.
        known_spans: curated-table phrase matches as (start, end, entity) token offsets.
        abbreviations: abbreviation pairs (see ``kg.nlp.components.abbreviations``).
        ner_spans: statistical NER hits as (start, end, label) with label DATASET/MODEL.
        concept_spans: (start, end) of modality/task/metric mentions; a name-shaped unit
            inside one ("F1-score", "nDCG@10", "SSIM") is not a dataset or model.
        title_separator: text that separates the title from the abstract in ``doc.text``.
        ner_confidence: confidence given to name-shaped names only the NER found.
        ner_cap_confidence: confidence given to plain capitalised words ("Mamba") only the
            NER found (below ``kg.statements.LINK_THRESHOLD``: kept as mentions, not links,
            until their precision supports more; see ``kg.nlp.components.ner_gate``).

    Returns:
        Mentions sorted by position, non-overlapping.
    """
    doc_text = text_of(doc)
    units = doc_units(doc, lexicon, doc_text)
    if not units:
        return []
    scan = _Scan(
        doc,
        lexicon,
        units,
        doc_text,
        title_separator=title_separator,
        concept_spans=concept_spans,
        abbreviations=abbreviations,
    )
    _add_candidates(
        scan,
        known_spans=known_spans,
        abbreviations=abbreviations,
        ner_spans=ner_spans,
        ner_confidence=ner_confidence,
        ner_cap_confidence=ner_cap_confidence,
    )
    if not scan.cands:
        return []
    _complete_candidates(scan, abbreviations)
    _score_types(scan.units, scan.cands, lexicon, scan.sent_of, scan.named_shorts)
    scan.cands = [
        c
        for c in scan.cands
        if not _scorer_not_model(scan.units, c, lexicon)
        and not (
            c.known is None
            and names_a_statistic(
                scan.units,
                c.last_unit,
                lexicon.statistic_words,
                lexicon.data_nouns | lexicon.dataset_heads,
            )
        )
    ]
    if not scan.cands:
        return []
    lowered = [u.text.lower() for u in scan.units]
    for c in scan.cands:
        if not c.introduced:
            c.introduced = mention_introduced(
                doc, scan.units, c.first_unit, c.last_unit, lexicon, scan.sent_of, lowered
            )
    _propagate_groups(scan.units, scan.cands, scan.lexicon)
    return _entity_mentions(scan)


def _add_candidates(
    scan: _Scan,
    *,
    known_spans: Sequence[tuple[int, int, KnownEntity]],
    abbreviations: Sequence[AbbreviationPair],
    ner_spans: Sequence[tuple[int, int, str]],
    ner_confidence: float,
    ner_cap_confidence: float,
) -> None:
    """Run the candidate phases over ``scan`` (arguments as in :func:`find_mentions`), in
    order of precedence: a unit an earlier phase took is not a later one's."""
    _add_title_prefix(scan)
    _add_abbreviation_long_forms(scan, abbreviations)
    _add_hub_paths(scan)
    _add_curated_names(scan, known_spans)
    _add_long_names(scan)
    _add_name_shapes(scan)
    _add_names_in_lists(scan)
    _add_names_after_list_nouns(scan)
    _add_names_after_heads(scan)
    _add_names_before_heads(scan)
    _add_names_after_data_verbs(scan)
    _add_names_before_data_heads(scan)
    _add_long_names_before_data_heads(scan)
    _add_described_names(scan)
    # NER hits last: rules win on overlap, and an NER span on a rule candidate is not type
    # evidence either (as evidence it flipped two correct dev-set types; its weak labels were
    # the rules' own, less exactly); after the capitalised-word phases so that it never takes
    # a name from them
    _add_ner_names(scan, ner_spans, ner_confidence, ner_cap_confidence)


def _complete_candidates(scan: _Scan, abbreviations: Sequence[AbbreviationPair]) -> None:
    """Add the other occurrences, "+" bases and slash variants of the candidates found, then
    key them, sorting the candidates by position again where a step added some (the next one
    reads them in text order)."""
    scan.cands.sort(key=lambda c: c.start)
    _add_other_occurrences(scan)
    _add_plus_bases(scan)
    scan.cands.sort(key=lambda c: c.start)
    _add_slash_variants(scan)
    scan.cands.sort(key=lambda c: c.start)
    _assign_keys(scan, abbreviations)
    scan.cands.sort(key=lambda c: c.start)


def _add_title_prefix(scan: _Scan) -> None:
    """A title prefix "X: ..." names the paper's own dataset or system; find it everywhere."""
    units, lexicon, doc, title_end = scan.units, scan.lexicon, scan.doc, scan.title_end
    prefix = _title_prefix_units(units, doc, title_end) if title_end else None
    if prefix is None:
        return
    first, sep = prefix
    pre = units[first:sep]
    shapes = {u.shape for u in pre}
    ok = (
        bool(pre)
        and "lower" not in shapes
        and "adj" not in shapes
        and (
            "strong" in shapes
            or ("num" in shapes and "cap" in shapes)
            or (
                len(pre) == 1
                and pre[0].shape == "cap"
                and any(u.text == pre[0].text for u in units[sep:] if u.char >= title_end)
            )
        )
    )
    if not ok or len(pre) > 4 or _title_names_org(units, sep, title_end, doc, lexicon):
        return
    ttype: NameType | None = _title_type(units, sep, title_end, doc, lexicon, pre)
    head_type = trailing_head_type([u.text for u in pre], lexicon)
    if head_type is not None:
        # "OLIVES Dataset: ...": the name is OLIVES, and the head says what it is
        ttype, sep = head_type, sep - 1
    weight = 4.0 if ttype == "dataset" else 1.0
    parts = ampersand_parts(units, first, sep - 1)
    if len(parts) > 1:
        ttype = None  # "X & X-5M: ...": the title's kind is not each name's; context types them
    for lo, hi in parts:
        c0 = scan.add(
            lo, hi, "title_prefix", 0.95, title_type=ttype, title_weight=weight, introduced=True
        )
        if c0 is not None:
            for k in scan.occurrences(lo, hi):
                last = scan.extend_right(k + hi - lo)
                scan.add(k, last, "title_prefix", 0.95, title_type=ttype)


def ampersand_parts(units: Sequence[Unit], first: int, last: int) -> list[tuple[int, int]]:
    """The names an "&" coordinates in units ``first..last``: "GMAI-VL & GMAI-VL-5.5M: ..." in
    a title names two (issue 15, item 3: coordinated names yield one entity each).

    >>> def u(text, shape="strong"):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> ampersand_parts([u("A-1"), u("&", "punct"), u("B-2")], 0, 2)
    [(0, 0), (2, 2)]
    >>> ampersand_parts([u("Med"), u("R1")], 0, 1)
    [(0, 1)]
    """
    parts: list[tuple[int, int]] = []
    lo = first
    for k in range(first, last + 1):
        if units[k].text == "&":
            if lo < k:
                parts.append((lo, k - 1))
            lo = k + 1
    if lo <= last:
        parts.append((lo, last))
    return parts


def _short_is_name(scan: _Scan, pair: AbbreviationPair) -> bool:
    """Whether the short form of ``pair`` is a name: curated, or name-shaped and not stopped."""
    k = scan.tok2unit.get(pair.short_start)
    if k is None or k in scan.blocked or pair.short_text not in scan.named_shorts:
        return False
    if scan.lexicon.known.lookup(pair.short_text) is not None:
        return True
    return scan.units[k].shape == "strong" and not scan.lexicon.is_stopped(pair.short_text)


def _add_abbreviation_long_forms(scan: _Scan, abbreviations: Sequence[AbbreviationPair]) -> None:
    """Long forms of named abbreviations: "Segment Anything Model (SAM)"."""
    units, sent_of = scan.units, scan.sent_of
    for pair in abbreviations:
        if not _short_is_name(scan, pair):
            continue
        lf = scan.tok2unit.get(pair.long_start)
        ll = scan.tok2unit.get(pair.long_end - 1)
        if lf is None or ll is None or ll - lf > 8 or sent_of[lf] != sent_of[ll]:
            continue
        while lf < ll and units[lf].text.lower() in _FUNCTION_WORDS | {"we", "our"}:
            lf += 1
        if any(units[m].text in {".", ";"} for m in range(lf, ll + 1)):
            continue
        scan.add(
            lf,
            ll,
            "abbreviation_long_form",
            defined_name_confidence(pair.short_text, scan.lexicon),
            long_form=True,
        )


def _add_curated_names(scan: _Scan, known_spans: Sequence[tuple[int, int, KnownEntity]]) -> None:
    """Curated names (the phrase matcher's hits aligned to units), with a name-shaped word
    before one making a new name built on it ("PMC Llama")."""
    units, sent_of, lexicon = scan.units, scan.sent_of, scan.lexicon
    for start, end, entity in sorted(known_spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        first = scan.tok2unit.get(start)
        last = scan.tok2unit.get(end - 1)
        if first is None or last is None or units[first].start != start or units[last].end != end:
            continue
        curated_last = last
        last = scan.extend_right(last)
        known: KnownEntity | None = entity
        if last > curated_last and own_head_dataset(scan.text(first, last), lexicon.name_ends):
            # a curated name modifying a capitalised collection noun names the collection,
            # not itself: "the AlphaFold Protein Structure Database" is data
            known = None
        if (
            first > 0
            and units[first].space_before
            and (
                units[first - 1].shape == "strong"
                or name_word_before(units, first, scan.title_end, scan.lower_words, lexicon)
            )
            and not scan.taken[first - 1]
            and sent_of[first - 1] == sent_of[first]
            and not lexicon.is_stopped(units[first - 1].text)
            and lexicon.known.lookup(units[first - 1].text) is None
        ):
            first -= 1
            known = None
        scan.add(first, last, "known_entity", 0.95, known=known)


def name_shape_confidence(all_caps: bool, one_unit: bool, alphabetic: bool) -> float:
    """Confidence of a name-shaped unit (and its version/size units) by its spelling: a bare
    upper-case acronym 0.45 (below the link threshold: most are not names), another all-caps
    single unit 0.6, anything else 0.7.

    >>> [name_shape_confidence(*a) for a in [(True, True, True), (True, True, False),
    ...                                       (True, False, True), (False, True, True)]]
    [0.45, 0.6, 0.7, 0.7]
    """
    if all_caps and one_unit:
        return 0.45 if alphabetic else 0.6
    return 0.7


_HUB_PART = re.compile(r"^[a-z][a-z0-9.]*$")


def hub_model_id(text: str, lexicon: Lexicon) -> bool:
    """Whether a lower-case hyphenated word is a model-hub identifier: a family and a size or
    variant part ("bert-base-uncased", "roberta-large"; issue 15, item 3: model names written
    the many ways papers write them). Three parts, or a curated family first; a word like
    "large-scale" or "small-sample" ends in no variant part.

    >>> from kg.known_entities import parse_known_entities
    >>> rows = [{"kind": "variant_word", "text": t} for t in ("large", "uncased")]
    >>> lex = Lexicon.from_patterns({"models": rows}, parse_known_entities([]))
    >>> [hub_model_id(t, lex) for t in ("bert-base-uncased", "extra-large", "large-scale",
    ...                                 "Foo-base-large")]
    [True, False, False, False]
    """
    parts = text.split("-")
    if len(parts) < 2 or not all(_HUB_PART.match(p) for p in parts):
        return False
    if parts[-1] not in lexicon.variant_words:
        return False
    return len(parts) >= 3 or lexicon.known.lookup(parts[0]) is not None


_HUB_OWNER = re.compile(r"^[a-z0-9][a-z0-9_.-]*[a-z0-9]$")
_HUB_REPO = re.compile(r"^(?=.*[A-Za-z])(?=.*[A-Z0-9])[A-Za-z0-9][A-Za-z0-9_.-]*$")


def hub_path_at(units: Sequence[Unit], k: int) -> bool:
    """Whether units ``k``..``k + 2`` spell a model-hub path, "owner/repository", written
    without spaces: "microsoft/BiomedVLP-CXR-BERT-specialized", "google/flan-t5-base" (issue
    15, item 3: model names written the many ways papers write them). The owner is one
    lower-case word that is not a function word; the repository has a capital or a digit, so
    "and/or", "mg/kg" and "few-shot/full-shot" are no paths. A path inside a longer one (a
    URL's "github.com/owner/repo": URL words are lower case here) is none either.

    >>> def u(text, shape, space=True):
    ...     return Unit(0, 1, text, shape, False, space)
    >>> def path(a, b, shape="strong"):
    ...     return [u(a, "lower"), u("/", "punct", False), u(b, shape, False)]
    >>> [hub_path_at(path(a, b), 0) for a, b in (("microsoft", "BiomedVLP-CXR"),
    ...  ("google", "flan-t5-base"), ("and", "Or-2"), ("mg", "kg"), ("x", "Y-1"))]
    [True, True, False, False, False]
    >>> hub_path_at([u("google", "lower"), u("/", "punct"), u("T5", "strong")], 0)
    False
    >>> hub_path_at(path("binary", "multi-class", "lower"), 0)
    False
    >>> url = [u("github.com", "lower"), u("/", "punct", False), u("x1", "lower", False)]
    >>> hub_path_at(url + [u("/", "punct", False), u("Repo", "strong", False)], 2)
    False
    """
    if k + 2 >= len(units):
        return False
    owner, slash, repo = units[k], units[k + 1], units[k + 2]
    if k > 0 and units[k - 1].text == "/" and not owner.space_before:
        return False  # a longer path: "github.com/owner/repo", "huggingface.co/datasets/x"
    if k + 3 < len(units) and units[k + 3].text == "/" and not units[k + 3].space_before:
        return False
    return (
        owner.shape == "lower"
        and slash.text == "/"
        and not slash.space_before
        and not repo.space_before
        and owner.text not in STOP_WORDS
        and _HUB_OWNER.match(owner.text) is not None
        and _HUB_REPO.match(repo.text) is not None
    )


def _add_hub_paths(scan: _Scan) -> None:
    """Model-hub paths, "owner/repository", as one name; the curated entity of the
    repository's name, when there is one, is the path's entity too."""
    units = scan.units
    for k in range(len(units) - 2):
        if units[k + 1].text == "/" and hub_path_at(units, k) and k not in scan.blocked:
            known = scan.lexicon.known.lookup(units[k + 2].text)
            scan.add(k, k + 2, "hub_path", 0.7, known=known)


def curated_with_tier(text: str, lexicon: Lexicon) -> bool:
    """Whether a capitalised hyphenated word is a curated model and its lower-case tier:
    "Whisper-medium", "Whisper-large" (issue 15, item 3: well-known names written the many
    ways papers write them); "Whisper-like" or an unknown "Foo-large" is none.

    >>> from kg.known_entities import parse_known_entities
    >>> rows = [{"kind": "variant_word", "text": "medium"}]
    >>> lex = Lexicon.from_patterns({"models": rows}, parse_known_entities(
    ...     ["type\\tname\\taliases\\twikidata", "model\\tWhisper\\t\\t"]))
    >>> [curated_with_tier(t, lex) for t in ("Whisper-medium", "Whisper-like", "Foo-medium")]
    [True, False, False]
    """
    head, _, tail = text.partition("-")
    parts = tail.split("-")
    if not all(_HUB_PART.match(p) for p in parts) or parts[-1] not in lexicon.variant_words:
        return False
    known = lexicon.known.lookup(head)
    return known is not None and known.entity_type == "model"


def _add_name_shapes(scan: _Scan) -> None:
    """Name-shaped units ("GPT-4", "CheXpert"), and capitalised words with a version number
    ("Llama 3"), each extended over versions and sizes."""
    units, lexicon, sent_of = scan.units, scan.lexicon, scan.sent_of
    for k, u in enumerate(units):
        if scan.taken[k] or k in scan.blocked:
            continue
        if u.shape == "strong":
            if (
                lexicon.is_stopped(u.text)
                or u.text in scan.generic_shorts
                or _recipe_compound(u.text, lexicon)
            ):
                continue
            last = scan.extend_right(k)
            all_caps = not any(c.islower() for c in scan.text(k, last))
            conf = name_shape_confidence(all_caps, last == k, u.text.isalpha())
            if u.text in scan.named_shorts:
                conf = defined_name_confidence(u.text, lexicon)
            scan.add(k, last, "name_shape", conf)
        elif "-" in u.text and (
            (u.shape == "lower" and hub_model_id(u.text, lexicon))
            or (u.shape == "cap" and curated_with_tier(u.text, lexicon))
        ):
            scan.add(k, k, "hub_id", 0.7)
        elif (
            u.shape == "cap"
            and k + 1 < len(units)
            and units[k + 1].shape == "num"
            and units[k + 1].space_before
        ):
            if _numbered_noun(u.text, lexicon) or lexicon.is_stopped(u.text):
                continue
            if not version_names(u.text, units[k + 1].text):
                continue
            if sent_of[k + 1] != sent_of[k]:
                continue
            scan.add(k, scan.extend_right(k), "name_version", 0.75)


def _add_names_in_lists(scan: _Scan) -> None:
    """Capitalised words listed among names ("MEDITRON, Mistral, InternLM 2 and Claude");
    twice, so that a name found in the first pass vouches for its neighbours in the second."""
    units, lexicon, lower_words = scan.units, scan.lexicon, scan.lower_words
    for _ in range(2):
        cand_by_first = {c.first_unit: c for c in scan.cands}
        cand_by_last = {c.last_unit: c for c in scan.cands}
        for k in scan.caps:
            u = units[k]
            if scan.taken[k] or k in scan.blocked or lexicon.is_stopped(u.text):
                continue
            if _numbered_noun(u.text, lexicon) or u.text.lower() in lexicon.generic_heads:
                continue
            if ordinary_word(u.text, lower_words) or u.text.lower() in STOP_WORDS:
                continue  # "X, Towards ..." in a title: a function word is no list item
            left = k >= 2 and units[k - 1].text in {",", "and", "or"} and (k - 2) in cand_by_last
            right = (
                k + 2 < len(units)
                and units[k + 1].text in {",", "and", "or"}
                and (k + 2) in cand_by_first
            )
            if (
                (left and right)
                or (left and units[k - 1].text == ",")
                or (right and units[k + 1].text == ",")
            ):
                scan.add(k, scan.extend_right(k), "name_in_list", 0.6)


def _add_names_after_list_nouns(scan: _Scan) -> None:
    """Capitalised words listed after a plural head noun: "registration frameworks (such as
    Elastix and Voxelmorph)", "benchmarks like Medbullets" (issue 15, item 3: unseen single
    Titlecase names)."""
    units, lexicon, sent_of = scan.units, scan.lexicon, scan.sent_of
    list_nouns = lexicon.dataset_list_nouns | lexicon.model_list_nouns
    for k in scan.caps:
        if (
            scan.taken[k]
            or k in scan.blocked
            or not listed_after_noun(units, k, sent_of, list_nouns)
        ):
            continue
        for m in list_items(units, k, sent_of):
            u = units[m]
            if (
                scan.taken[m]
                or m in scan.blocked
                or u.shape != "cap"
                or lexicon.is_stopped(u.text)
                or _numbered_noun(u.text, lexicon)
                or u.text.lower() in lexicon.generic_heads
                or ordinary_word(u.text, scan.lower_words)
            ):
                continue
            last = scan.extend_right(m)
            if item_ends_at(units, last):
                scan.add(m, last, "name_after_list_noun", 0.6)


def _add_names_after_heads(scan: _Scan) -> None:
    """A capitalised word right after a singular head noun names it: "the state space model
    Mamba", "our clinical language model, Asclepius" (issue 15, item 3: unseen Titlecase)."""
    units, lexicon = scan.units, scan.lexicon
    for k in scan.caps:
        u = units[k]
        if (
            scan.taken[k]
            or k in scan.blocked
            or lexicon.is_stopped(u.text)
            or _numbered_noun(u.text, lexicon)
            or u.text.lower() in lexicon.generic_heads
            or ordinary_word(u.text, scan.lower_words)
        ):
            continue
        if named_by_head_before(units, k, scan.sent_of, lexicon.name_heads, lexicon.model_heads):
            scan.add(k, scan.extend_right(k), "name_after_head", 0.6)


def _add_names_before_heads(scan: _Scan) -> None:
    """A capitalised word between a determiner and a lower-case head noun: "the Apollo
    models", "our SCIN dataset"."""
    units, lexicon = scan.units, scan.lexicon
    heads = lexicon.name_heads
    for k in scan.caps:
        u = units[k]
        if scan.taken[k] or k in scan.blocked or lexicon.is_stopped(u.text):
            continue
        if k == 0 or units[k - 1].text.lower() not in {"the", "our", "a", "an"}:
            continue
        if (
            k + 1 < len(units)
            and units[k + 1].text in heads
            and not _numbered_noun(u.text, lexicon)
            and not participle_word(u.text)
        ):
            scan.add(k, k, "name_head", 0.6)


def _add_long_names(scan: _Scan) -> None:
    """A run of capitalised words after a determiner ("the", "our", "the resulting") that ends
    in a collection word names a dataset: "the Coastal Fundus Grading Set"; so does one before a
    lower-case collection word, "the Kingsmoor PRO dataset" (issue 15, item 3: long multi-word
    dataset names)."""
    units, name_ends = scan.units, scan.lexicon.name_ends
    # an acronym may open the name too: "the IARC Cervical Image Bank"
    openers = sorted(
        {*scan.caps, *(k for k, u in enumerate(units) if acronym_unit(u) and not u.sent_start)}
    )
    for k in openers:
        if k == 0 or scan.taken[k] or not after_determiner(units, k):
            continue
        last = long_name_end(units, k, scan.sent_of, name_ends)
        if last is None and units[k].shape == "cap":
            last = long_name_before_head(units, k, scan.sent_of, name_ends, scan.blocked)
        if last is not None and units[k].text.lower() not in name_ends:
            scan.add(k, last, "long_name", 0.7)


def acronym_unit(unit: Unit) -> bool:
    """An upper-case acronym of two to six letters ("MRI", "PRO") inside a longer name."""
    return (
        unit.shape == "strong"
        and unit.text.isalpha()
        and unit.text.isupper()
        and len(unit.text) <= 6
    )


def long_name_before_head(
    units: Sequence[Unit],
    k: int,
    sent_of: Sequence[int],
    name_ends: frozenset[str],
    blocked: set[int] | frozenset[int],
) -> int | None:
    """The last unit of two or more capitalised words or acronyms (a year may close them)
    opening at unit ``k`` before a lower-case collection word: "the Kingsmoor PRO dataset",
    "the Pleural Effusion Grading Challenge 2024 dataset" (issue 15, item 3: long multi-word
    dataset names). A concept word last ("the Pitsford MRI set") is a modifier: None, the
    single name is another rule's.

    >>> def u(text, shape):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> run = [u("Kingsmoor", "cap"), u("PRO", "strong"), u("dataset", "lower")]
    >>> ends = frozenset({"dataset", "set"})
    >>> long_name_before_head(run, 0, [0, 0, 0], ends, set())
    1
    >>> long_name_before_head(run, 0, [0, 0, 0], ends, {1})
    >>> run = [u("Grading", "cap"), u("Challenge", "cap"), u("2024", "num"), u("dataset", "lower")]
    >>> long_name_before_head(run, 0, [0] * 4, ends, set())
    2
    >>> long_name_before_head([u("Pitsford", "cap"), u("dataset", "lower")], 0, [0, 0], ends, set())
    >>> run = [u("Breast", "cap"), u("Cancer", "cap"), u("dataset", "lower")]
    >>> long_name_before_head(run, 0, [0, 0, 0], ends, set())
    >>> run = [u("Medical", "cap"), u("Question", "cap"), u("MQ", "strong"), u("dataset", "lower")]
    >>> long_name_before_head(run, 0, [0] * 4, ends, set())
    """
    m = k
    while (
        m < len(units)
        and m - k < 8
        and sent_of[m] == sent_of[k]
        and (units[m].shape == "cap" or (m > k and acronym_unit(units[m])))
    ):
        m += 1
    if m < len(units) and m - k >= 2 and _YEAR.fullmatch(units[m].text) and units[m].space_before:
        m += 1  # "... Challenge 2024 dataset": the edition closes the name
    last = m - 1
    if last <= k or last in blocked or m >= len(units) or sent_of[m] != sent_of[k]:
        return None
    if last - k < 2 and not any(units[j].shape != "cap" for j in range(k, last + 1)):
        return None  # "the Breast Cancer dataset": two plain words describe, they do not name
    if acronym_unit(units[last]) and units[last].text[0] == units[k].text[0]:
        return None  # "the Medical Question Summarization MQS dataset": the run's own acronym
    head = units[m]
    return last if head.shape == "lower" and head.text in name_ends else None


def _add_names_after_data_verbs(scan: _Scan) -> None:
    """Capitalised words after the preposition of a data verb, and those coordinated with
    them: "trained on Orchard and tested on Thistle and Bramble" (issue 15, item 3: unseen
    single Titlecase dataset names)."""
    units, sent_of = scan.units, scan.sent_of
    for k in scan.caps:
        if not data_preposition_before(units, k, sent_of, scan.lexicon) or not scan.open_word(k):
            continue
        for m in list_items(units, k, sent_of):
            if not scan.open_word(m) or attributive_nationality(units, m):
                break
            last = scan.extend_right(m)
            if not (
                name_ends_after(units, last) or data_head_after(units, last, sent_of, scan.lexicon)
            ):
                break
            scan.add(m, last, "name_after_data_verb", 0.6)


def _add_names_before_data_heads(scan: _Scan) -> None:
    """Capitalised words (one, or coordinated) between a determiner and a dataset head or a
    plural data noun: "the public Pebble dataset", "the Wren, Finch and Plover datasets",
    "the Cinder CT scans" (issue 15, item 3: unseen single Titlecase dataset names)."""
    units, sent_of = scan.units, scan.sent_of
    for k in scan.caps:
        if not after_determiner(units, k) or not scan.open_word(k):
            continue
        items = [m for m in list_items(units, k, sent_of) if units[m].shape == "cap"]
        lasts = [scan.extend_right(m) for m in items]
        if not lasts or not data_head_after(units, lasts[-1], sent_of, scan.lexicon):
            continue
        for m, last in zip(items, lasts, strict=True):
            if scan.open_word(m) and not attributive_nationality(units, m):
                scan.add(m, last, "name_before_data_head", 0.6)


def capitalised_runs(
    units: Sequence[Unit], k: int, sent_of: Sequence[int]
) -> list[tuple[int, int]]:
    """The runs of capitalised words coordinated from unit ``k`` on ("Cleveland Heart Disease,
    Pima Indians Diabetes and Framingham"), each as (first, last) units, in one sentence.

    >>> def u(text):
    ...     return Unit(0, 1, text, "cap" if text[0].isupper() else "lower", False, True)
    >>> words = "Cleveland Heart Disease , Pima Indians Diabetes and Framingham datasets"
    >>> capitalised_runs([u(w) for w in words.split()], 0, [0] * 10)
    [(0, 2), (4, 6), (8, 8)]
    """
    runs: list[tuple[int, int]] = []
    m = k
    while m < len(units) and sent_of[m] == sent_of[k] and units[m].shape == "cap":
        first = m
        while m + 1 < len(units) and sent_of[m + 1] == sent_of[k] and units[m + 1].shape == "cap":
            m += 1
        runs.append((first, m))
        m += 1
        if m < len(units) and units[m].text == ",":
            m += 1
        if m < len(units) and units[m].text in {"and", "or"}:
            m += 1
        if m == runs[-1][1] + 1:
            break
    return runs


def _add_long_names_before_data_heads(scan: _Scan) -> None:
    """Coordinated capitalised names, some of several words, between a determiner and a
    dataset head: "the Cleveland Heart Disease, Pima Indians Diabetes and Framingham
    datasets" (single words are :func:`_add_names_before_data_heads`'s). Two plain words
    alone describe ("the Breast Cancer dataset"), so a name of several words has three."""
    units, sent_of = scan.units, scan.sent_of
    for k in scan.caps:
        if not after_determiner(units, k) or not scan.open_word(k):
            continue
        runs = capitalised_runs(units, k, sent_of)
        if len(runs) < 2 or all(a == b for a, b in runs):
            continue
        if not data_head_after(units, runs[-1][1], sent_of, scan.lexicon):
            continue
        if any((a != b and b - a < 2) or (a == b and not scan.open_word(a)) for a, b in runs):
            continue
        for a, b in runs:
            scan.add(a, b, "name_before_data_head", 0.6)


def _add_described_names(scan: _Scan) -> None:
    """A capitalised word the text describes in an apposition ("Atlas, an archive of ...",
    "X, a video transformer") or by what it holds ("X contains 3,100 examinations"), at a
    sentence's start too (issue 15, item 3: unseen single Titlecase names)."""
    units, sent_of, lexicon = scan.units, scan.sent_of, scan.lexicon
    # what may follow a described name (or the version that extends it): a cheap first
    # filter, most capitalised words have none of these after them (speed)
    after = _APPOSITION_OPENERS | lexicon.hold_verbs
    for k in sorted(scan.caps + scan.cap_starts):
        u = units[k]
        if k + 1 >= len(units):
            continue
        nxt = units[k + 1]
        if nxt.text.lower() not in after and nxt.shape not in ("num", "strong", "letter", "cap"):
            continue
        if not scan.open_word(k):
            continue
        last = scan.extend_right(k)
        if u.sent_start:
            # a sentence's first word is any word: only what it holds names it ("X contains
            # 3,100 scans"); "However, a ..." and "It contains ..." are no names
            if sentence_adverb(u.text) or not holds_counted_items(units, last, sent_of, lexicon):
                continue
        elif apposition_type(units, last, sent_of, lexicon) is None and not holds_counted_items(
            units, last, sent_of, lexicon
        ):
            continue
        scan.add(k, last, "name_described", 0.6)


def _add_ner_names(
    scan: _Scan,
    ner_spans: Sequence[tuple[int, int, str]],
    ner_confidence: float,
    ner_cap_confidence: float,
) -> None:
    """Statistical NER hits (``kg_ner``) the rules missed, through the rules' own filters."""
    units, lexicon = scan.units, scan.lexicon
    for start, end, label in ner_spans:
        first = scan.tok2unit.get(start)
        last = scan.tok2unit.get(end - 1)
        if first is None or last is None or any(m in scan.blocked for m in range(first, last + 1)):
            continue
        text = scan.text(first, last)
        span_units = units[first : last + 1]
        if lexicon.known.lookup(text) is not None:
            scan.add(first, last, "ner", ner_confidence, ner_label=label)
            continue
        if any(u.shape in ("lower", "adj", "punct") for u in span_units) or _recipe_compound(
            text, lexicon
        ):
            continue
        if any(
            u.shape == "strong"
            and u.text not in scan.generic_shorts
            and not lexicon.is_stopped(u.text)
            for u in span_units
        ):
            # the same filters as the rules: a name-shaped unit that is not a generic abbreviation
            if (
                len(span_units) == 1
                and span_units[0].text.isalpha()
                and span_units[0].text.isupper()
            ):
                continue  # a bare acronym needs more than the NER's word for it
            scan.add(first, last, "ner", ner_confidence, ner_label=label)
        elif any(u.shape == "cap" for u in span_units) and not any(
            u.shape == "cap"
            and (
                lexicon.is_stopped(u.text)
                or _numbered_noun(u.text, lexicon)
                or u.text.lower() in lexicon.generic_heads
            )
            for u in span_units
        ):
            # a plain capitalised word ("Mamba", "Voxelmorph"): only the NER's word for it, at
            # the confidence its measured precision supports
            scan.add(first, last, "ner_cap", ner_cap_confidence, ner_label=label)


#: rules whose names count wherever their text recurs (one-unit name-shaped ones are found
#: everywhere by their shape already)
_RECURRING_RULES = frozenset(
    {"name_in_list", "name_head", "name_version", "known_entity", "abbreviation_long_form"}
)


def _add_other_occurrences(scan: _Scan) -> None:
    """Other occurrences of accepted multi-unit or capitalised names."""
    for src in list(scan.cands):
        if src.rule in _RECURRING_RULES or src.last_unit > src.first_unit:
            for k in scan.occurrences(src.first_unit, src.last_unit):
                scan.add(
                    k,
                    k + src.last_unit - src.first_unit,
                    src.rule,
                    src.base_conf,
                    known=src.known,
                    title_type=src.title_type,
                    title_weight=src.title_weight,
                )


def plus_base(text: str) -> str:
    """The name a "+"/"++" variant is built on ("MedSeg++" → "MedSeg"), or "" for a name
    without one.

    >>> plus_base("MedSeg++"), plus_base("Foo+"), plus_base("Foo"), plus_base("++")
    ('MedSeg', 'Foo', '', '')
    """
    base = text.rstrip("+")
    return base if base != text and len(base) >= 2 else ""


def _add_plus_bases(scan: _Scan) -> None:
    """The base of a "++" name, written alone, is a name too: "our X++ improves on X" names
    both (issue 15, item 3: boundaries; the two keep distinct keys, see :func:`name_key`)."""
    for src in list(scan.cands):
        base = plus_base(src.text) if src.first_unit == src.last_unit else ""
        for k in scan.units_with_text(base) if base else ():
            scan.add(k, k, src.rule, src.base_conf, title_type=src.title_type)


def _add_slash_variants(scan: _Scan) -> None:
    """Slash-coordinated variants (issue 15, item 3): "MIMIC-III/IV" also names MIMIC-IV. The
    variant's span covers the whole coordination (its surface); its text is the name. One
    token "GPT-3.5/4" gives two candidates on the same span."""
    units = scan.units
    for c in list(scan.cands):
        variant = slash_variant_unit(units, c.last_unit, c.text)
        last, name = c.last_unit, None
        if variant is not None and not scan.taken[variant[0]]:
            last, name = variant
            scan.taken[last] = True
        elif "/" in c.text and c.rule != "hub_path":  # "owner/repository" is one name
            c.text, name = split_at_slash(c.text, scan.lexicon)
        if name is not None:
            scan.cands.append(
                _Candidate(
                    c.start,
                    units[last].end,
                    c.first_unit,
                    last,
                    name,
                    c.rule,
                    c.base_conf,
                    title_type=c.title_type,
                    title_weight=c.title_weight,
                )
            )


def split_at_slash(text: str, lexicon: Lexicon) -> tuple[str, str | None]:
    """The name a slashed token keeps, and the second name it spells after the slash, if any:
    "MIMIC-III/IV" keeps "MIMIC-III" and spells "MIMIC-IV" (:func:`slash_sibling`); "DINOv2/MAE"
    names two (:func:`two_names_at_slash`), though a stop-listed second side is none; "ViT-L/14"
    is one name.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"not_models": [{"kind": "method", "text": "SGD"}]},
    ...                             parse_known_entities([]))
    >>> [split_at_slash(t, lex) for t in ("MIMIC-III/IV", "DINOv2/KidneyFM", "DINOv2/SGD")]
    [('MIMIC-III', 'MIMIC-IV'), ('DINOv2', 'KidneyFM'), ('DINOv2', None)]
    >>> split_at_slash("ViT-L/14", lex)
    ('ViT-L/14', None)
    """
    before, after = text.rsplit("/", 1)
    sibling = slash_sibling(before, after)
    if sibling is not None:
        return before, sibling
    if two_names_at_slash(before, after, lexicon):
        return before, None if lexicon.is_stopped(after) else after
    return text, None


def snapshot_keys(units: Sequence[Unit], cands: Sequence[_Candidate]) -> dict[str, str]:
    """Keys of names written in brackets right after a name as its dated or numbered API
    snapshot, mapped to that name's key: in "GPT-4 (gpt-4-0613)" the identifier is GPT-4's
    alias. A tier in brackets ("BERT (BERT-large)") is another entity and stays apart.
    Candidates are in text order."""
    out: dict[str, str] = {}
    for c, d in pairwise(cands):
        if (
            d.first_unit == c.last_unit + 2
            and units[c.last_unit + 1].text == "("
            and d.last_unit + 1 < len(units)
            and units[d.last_unit + 1].text == ")"
            and d.text == d.text.lower()
            and d.key.startswith(c.key)
            and d.key[len(c.key) :].isdigit()
        ):
            out[d.key] = c.key
    return out


def _assign_keys(scan: _Scan, abbreviations: Sequence[AbbreviationPair]) -> None:
    """Each candidate's key: its curated entity's, else its normalised text; a named
    abbreviation's short and long forms share one key (the curated one when either is)."""
    lexicon = scan.lexicon
    for c in scan.cands:
        c.key, known = _key_of(c.text, lexicon)
        if c.known is None:
            c.known = known
    key_alias: dict[str, str] = {}
    for pair in abbreviations:
        if pair.short_text not in scan.named_shorts:
            continue
        short_key, short_known = _key_of(pair.short_text, lexicon)
        long_key, long_known = _key_of(pair.long_text, lexicon)
        target = short_known.key if short_known else long_known.key if long_known else short_key
        key_alias.setdefault(short_key, target)
        key_alias.setdefault(long_key, target)
        key_alias.setdefault(normalize_key(_strip_function_words(pair.long_text)), target)
    for c in scan.cands:
        c.key = key_alias.get(c.key, c.key)
        if c.known is None:
            c.known = lexicon.known.by_key.get(c.key)
    snapshots = snapshot_keys(scan.units, scan.cands)
    for c in scan.cands:
        c.key = snapshots.get(c.key, c.key)


def introduced_keys(by_key: dict[str, list[_Candidate]]) -> set[str]:
    """Keys with an introduced mention, and the keys that extend one by a size or variant
    suffix ("Apollo-7B" of "Apollo") or a hyphenated suffix ("Med-Gemini-2D" of
    "Med-Gemini")."""
    keys = {k for k, cs in by_key.items() if any(c.introduced for c in cs)}
    texts = {c.text for k in keys for c in by_key[k]}
    for key in list(by_key):
        if key not in keys and (
            any(
                key.startswith(ik) and len(ik) >= 3 and _SIZE_OR_VARIANT.match(key[len(ik) :] or "")
                for ik in keys
            )
            or any(hyphen_variant(c.text, texts) for c in by_key[key])
        ):
            keys.add(key)
    return keys


def entity_confidence(cands: Sequence[_Candidate], introduced: bool) -> float:
    """An entity's confidence: its best mention's, at least 0.8 when the paper introduces
    it; a name only the NER vouches for as a plain capitalised word keeps the NER's (context
    cues do not lift it: their measured precision is low, see ``kg.nlp.components.ner_gate``)."""
    conf = max(max(c.base_conf, c.cue_conf) for c in cands)
    if introduced:
        conf = max(conf, 0.8)
    if all(c.rule == "ner_cap" for c in cands):
        conf = min(c.base_conf for c in cands)
    return conf


#: a tracer written with its isotope label: "[18F]FDG", "68Ga-PSMA" (label, compound)
_LABELLED_TRACER = re.compile(
    r"(?<![\w\]-])(\[?(\d{1,3}m?[A-Z][a-z]?)\]?-?([A-Z][A-Z0-9]+))(?![\w-])"
)


def tracer_names(text: str, lexicon: Lexicon) -> frozenset[str]:
    """The compounds a text writes with an isotope label ("[18F]FDG", "68Ga-PSMA") and the
    labelled forms themselves: radiotracers, never datasets or models, wherever the text
    names them ("1,611 FDG studies", "FDG-PET"). A mass number on boron reads as a model size
    ("13B-IT"), so boron labels nothing here. One regular-expression scan of the text.

    >>> from kg.known_entities import KnownEntities
    >>> lex = Lexicon.from_patterns({"not_names": [{"kind": "element", "text": "F", "z": 9},
    ...     {"kind": "element", "text": "B", "z": 5}]}, KnownEntities((), {}))
    >>> sorted(tracer_names("with [18F]FDG and GPT-4", lex)), sorted(tracer_names("13B-IT", lex))
    (['18F]FDG', 'FDG', '[18F]FDG'], [])
    """
    out: set[str] = set()
    for m in _LABELLED_TRACER.finditer(text):
        label = m.group(2)
        if label.lstrip("0123456789m") != "B" and lexicon.is_isotope_label(label):
            # the labelled form as written, and as a unit trimmed of its opening bracket
            out.update((m.group(1), m.group(1).lstrip("["), m.group(3)))
    return frozenset(out)


def names_a_tracer(text: str, tracers: frozenset[str]) -> bool:
    """Whether a name is a tracer of :func:`tracer_names`, alone or before a hyphen
    ("FDG-PET")."""
    return text in tracers or text.split("-", 1)[0] in tracers


def _entity_mentions(scan: _Scan) -> list[Mention]:
    """Entity level: the type by summed scores, the confidence of :func:`entity_confidence`,
    introduced when any mention is; names followed by an organisation or hardware head are
    dropped."""
    units, sent_of, lexicon = scan.units, scan.sent_of, scan.lexicon
    by_key: dict[str, list[_Candidate]] = {}
    for c in scan.cands:
        by_key.setdefault(c.key, []).append(c)
    introduced = introduced_keys(by_key)
    tracers = tracer_names(scan.doc_text, lexicon)
    org_keys = {
        c.key
        for c in scan.cands
        if c.known is None
        and (
            _followed_by(units, c.last_unit, lexicon.org_heads)
            or _followed_by(units, c.last_unit, lexicon.hardware_heads)
            or names_an_instrument(units, c.first_unit, c.last_unit, lexicon.instrument_words)
            or named_as_recipe(units, c.first_unit, c.last_unit, sent_of, lexicon)
            or (tracers and names_a_tracer(c.text, tracers))
        )
    }
    mentions: list[Mention] = []
    for key, cs in by_key.items():
        if key in org_keys:
            continue
        etype = entity_type_of([c.scores for c in cs])
        if etype == "model" and any(stopped_name(c.text, c.known is not None, lexicon) for c in cs):
            continue
        if names_a_family(units, [c.last_unit for c in cs], lexicon):
            continue
        conf = entity_confidence(cs, key in introduced)
        role = "introduces" if key in introduced else "uses"
        for c in cs:
            # keep a directly following head noun in the span ("NEGRA corpus", "SCIN dataset"):
            # it is a surface form of the name; the key stays the bare name's
            end = c.end
            nxt = c.last_unit + 1
            if (
                nxt < len(units)
                and units[nxt].space_before
                and sent_of[nxt] == sent_of[c.last_unit]
                and units[nxt].text.lower() in _SPAN_HEADS[etype]
            ):
                end = units[nxt].end
            mentions.append(Mention(c.start, end, etype, key, role, round(conf, 3), c.rule))
    mentions.sort(key=lambda x: x.start)
    return mentions


#: the prior of an entity without evidence: unlabelled names in abstracts are more often systems
_MODEL_PRIOR = 0.3


def entity_type_of(scores: Sequence[dict[str, float]]) -> NameType:
    """The type of an entity from its mentions' summed evidence, plus a model prior counted
    once per entity: counted per mention, the prior outweighed a dataset's one description
    when its name recurs ("MIRIAD, a curated corpus" and six more bare MIRIADs).

    >>> entity_type_of([{"dataset": 2.0, "model": 0.0}] + [{"dataset": 0.0, "model": 0.0}] * 6)
    'dataset'
    >>> entity_type_of([{"dataset": 0.0, "model": 0.0}]), entity_type_of([])
    ('model', 'model')
    """
    d = sum(s["dataset"] for s in scores)
    m = sum(s["model"] for s in scores) + _MODEL_PRIOR
    return "dataset" if d > m else "model"


def hyphen_variant(text: str, introduced: set[str] | frozenset[str]) -> bool:
    """Whether ``text`` is an introduced name with a hyphenated suffix: the paper's own
    "Med-Gemini" family makes "Med-Gemini-2D" and "Med-Gemini-Polygenic" its own too.

    >>> hyphen_variant("Med-Gemini-2D", {"Med-Gemini"}), hyphen_variant("Me-Gemini", {"Me"})
    (True, False)
    """
    return any(len(t) >= 3 and text.startswith(t + "-") for t in introduced)


_SIZE_OR_VARIANT = re.compile(
    r"^(?:\d+(?:\d+)*[bkm]?|v?\d+|chat|instruct|base|large|small|mini|pro|plus|\d+b\w*|[a-z]{1,4}\d*)$"
)


def _score_types(
    units: Sequence[Unit],
    cands: list[_Candidate],
    lexicon: Lexicon,
    sent_of: Sequence[int],
    named_shorts: dict[str, AbbreviationPair],
) -> None:
    """Add dataset/model evidence to each candidate (in place) and set its cue confidence,
    cue by cue (each ``_*_cue`` below reads one kind of evidence)."""
    for c in cands:
        _prior_scores(c, lexicon)
        _head_noun_cue(c, units, sent_of, lexicon)
        _description_cues(c, units, sent_of, lexicon)
        _left_context_cue(c, units, sent_of, lexicon)
        _long_form_cue(c, named_shorts, lexicon)
        if own_head_dataset(c.text, lexicon.name_ends):
            _add_cue(c, "dataset", 2.0, 0.85)
    _share_base_evidence(cands)


def _share_base_evidence(cands: Sequence[_Candidate]) -> None:
    """A "+" variant is of its base's kind: "the CLUE benchmark ... CLUE+" is data, "UNeXt
    ... UNeXt+" a model (issue 15, item 3); the variant gets its base's evidence added."""
    by_text: dict[str, dict[str, float]] = {}
    for c in cands:
        total = by_text.setdefault(c.text, {"dataset": 0.0, "model": 0.0})
        total["dataset"] += c.scores["dataset"]
        total["model"] += c.scores["model"]
    for c in cands:
        base = by_text.get(plus_base(c.text))
        if base is not None:
            c.scores["dataset"] += base["dataset"]
            c.scores["model"] += base["model"]


_GLUED_SCORE = re.compile(r"[A-Za-z]Score$")


def names_a_score(units: Sequence[Unit], last: int, text: str, score_words: frozenset[str]) -> bool:
    """Whether the name ending at unit ``last`` names a score rather than a system: "Score"
    glued to it ("RaTEScore", "MoverScore") or a score word right after it ("RadGraph F1",
    "CheXbert F1", "GREEN score"; issue 15, item 3: a metric typed as a model).

    >>> def u(text, space=True):
    ...     return Unit(0, 1, text, "strong", False, space)
    >>> words = frozenset({"f1", "score"})
    >>> [names_a_score([u(n), u(w)], 0, n, words) for n, w in (("RadGraph", "F1"),
    ...  ("GREEN", "score"), ("GPT-4", "achieved"), ("RaTEScore", ","), ("Score", ","))]
    [True, True, False, True, False]
    >>> names_a_score([u("RadGraph"), u("F1", False)], 0, "RadGraph", words)
    False
    """
    if _GLUED_SCORE.search(text):
        return True
    nxt = last + 1
    return nxt < len(units) and units[nxt].space_before and units[nxt].text.lower() in score_words


def names_a_statistic(
    units: Sequence[Unit],
    last: int,
    statistic_words: frozenset[str],
    data_nouns: frozenset[str] = frozenset(),
) -> bool:
    """Whether the name ending at unit ``last`` is the eponym of a statistical test or
    coefficient: a word of ``statistic_words`` right after it, or after its possessive
    ("McNemar's test", "the DeLong test", "Cohen's kappa"): no dataset or model. A data noun
    or a dataset head after that word makes it a split of data ("the MedQA test set", "the
    Ingleby test reports", "the FeTA 2022 test split").

    >>> def u(text):
    ...     return Unit(0, 1, text, "strong", False, True)
    >>> words, nouns = frozenset({"test", "kappa"}), frozenset({"set", "reports"})
    >>> [names_a_statistic([u(n), *map(u, rest)], 0, words, nouns) for n, rest in (
    ...     ("McNemar", ["'s", "test"]), ("DeLong", ["test", "for"]), ("Cohen", ["’s", "kappa"]),
    ...     ("MedQA", ["test", "set"]), ("Ingleby", ["test", "reports"]),
    ...     ("GPT-4", ["'s", "answers"]), ("BERT", []))]
    [True, True, True, False, False, False, False]
    """
    nxt = last + 1
    if nxt < len(units) and units[nxt].text in ("'s", "’s"):
        nxt += 1
    if nxt >= len(units) or units[nxt].text.lower() not in statistic_words:
        return False
    after = nxt + 1
    if after >= len(units):
        return True
    word = units[after].text.lower()
    return word not in data_nouns and word.rstrip("s") not in data_nouns


def _scorer_not_model(units: Sequence[Unit], c: _Candidate, lexicon: Lexicon) -> bool:
    """A name of a score is no model: dropped unless the curated table names it ("a GPT-4
    score of 1.29" is a score by GPT-4, a model the paper names) or its context makes it a
    dataset ("X F1" scores on the X dataset)."""
    if c.known is not None or not names_a_score(units, c.last_unit, c.text, lexicon.score_words):
        return False
    return c.scores["dataset"] <= c.scores["model"] + _MODEL_PRIOR


def own_head_dataset(text: str, name_ends: frozenset[str]) -> bool:
    """Whether a multi-word name ends in a capitalised collection word, its own head: "Coastal
    Fundus Grading Set", "Cancer Imaging Archive" are datasets.

    >>> ends = frozenset({"set", "archive", "registry"})
    >>> [own_head_dataset(t, ends) for t in ("Coastal Grading Set", "Set", "test set")]
    [True, False, False]
    >>> own_head_dataset("Cancer Registry of Norway", ends)
    True

    A closing "of" and one word (a place) leave the head before it.
    """
    before, of, place = text.rpartition(" of ")
    if of and " " not in place:
        text = before
    head = text.rsplit(" ", 1)[-1] if " " in text else ""
    return head[:1].isupper() and head.lower() in name_ends


def _prior_scores(c: _Candidate, lexicon: Lexicon) -> None:
    """Evidence of what the name is before its context: the curated table, the title prefix,
    the NER's label, a curated family prefix, and the spelling (morphology)."""
    s = c.scores
    if c.known is not None:
        s[c.known.entity_type] += 3.0
    if c.title_type is not None:
        s[c.title_type] += c.title_weight
    if c.ner_label is not None:
        s["dataset" if c.ner_label == "DATASET" else "model"] += 1.0
    if c.known is None:
        fam = _known_prefix(normalize_key(c.text), lexicon)
        if fam is not None:
            s[fam.entity_type] += 1.0
    text = c.text
    low = text.lower()
    if low.endswith(lexicon.dataset_suffixes) and not tier_ending(text, lexicon.variant_words):
        s["dataset"] += 1.0
    if _COUNT_SUFFIX.search(text):
        s["dataset"] += 1.5
    if _SIZE_SUFFIX.search(text):
        s["model"] += 1.5
    if any(x in low for x in lexicon.model_affixes):
        s["model"] += 0.75


def tier_ending(text: str, variant_words: frozenset[str]) -> bool:
    """Whether a name ends in a tier word written apart: "ConvNeXt-Base", "BEiT Large" end in a
    model's size, not in the data suffix "base" of "DrugBase" (issue 15, item 3: type
    confusion).

    >>> words = frozenset({"base", "large"})
    >>> [tier_ending(t, words) for t in ("ConvNeXt-Base", "BEiT Large", "DrugBase", "Base")]
    [True, True, False, False]
    """
    parts = re.split(r"[- ]", text)
    return len(parts) > 1 and parts[-1].lower() in variant_words


def _add_cue(c: _Candidate, etype: str, score: float, confidence: float) -> None:
    """Add ``score`` to ``c``'s ``etype`` evidence and raise its cue confidence to
    ``confidence``."""
    c.scores[etype] += score
    c.cue_conf = max(c.cue_conf, confidence)


def _head_noun_cue(
    c: _Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon
) -> None:
    """Right context: a head noun after the name, possibly after up to two modifiers ("MIMIC
    dataset", "Apollo language models")."""
    n = len(units)
    d_heads, m_heads = lexicon.dataset_heads, lexicon.model_heads
    k = c.last_unit + 1
    skipped = 0
    while k < n and sent_of[k] == sent_of[c.last_unit] and skipped <= 2:
        w = units[k].text.lower()
        two = f"{w} {units[k + 1].text.lower()}" if k + 1 < n else ""
        if (
            head_noun(w, d_heads)
            or two in d_heads
            or (skipped and evaluation_head(units, k, lexicon))
        ):
            _add_cue(c, "dataset", 2.0 if skipped == 0 else 1.5, 0.9 if skipped == 0 else 0.8)
            return
        if head_noun(w, m_heads):
            _add_cue(c, "model", 2.0 if skipped == 0 else 1.5, 0.85 if skipped == 0 else 0.75)
            return
        if w in lexicon.data_nouns and units[k].shape == "lower":
            # "the X CT scans": a plural data noun after the name (issue 15, item 3)
            _add_cue(c, "dataset", 1.0, 0.7)
            return
        if w == "/" and skipped:
            k += 1  # "X PET/CT archive": the slash joins two modifiers
            continue
        if units[k].shape in ("punct", "num") or w.endswith("ed") or w in lexicon.role_blockers:
            return
        if units[k].shape not in ("lower", "cap", "adj") and not _modifier_unit(units[k]):
            return  # a short acronym may stand between: "the X CT scans"
        skipped += 1
        k += 1


def past_short_form(units: Sequence[Unit], last: int) -> int:
    """The unit a description after the name ending at ``last`` follows: the closing bracket
    of a short form written in brackets ("the UK Organ Atlas (UKOA), the largest dataset":
    UKOA is described too; issue 15, item 3), else ``last`` itself.

    >>> def u(text, shape="strong"):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> past_short_form([u("("), u("UKOA"), u(")"), u(",")], 1)
    2
    >>> past_short_form([u("UKOA"), u(",")], 0), past_short_form([u("X"), u(")")], 0)
    (0, 0)
    """
    nxt = last + 1
    opened = last > 0 and units[last - 1].text == "("
    return nxt if opened and nxt < len(units) and units[nxt].text == ")" else last


def _description_cues(
    c: _Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon
) -> None:
    """What the text says the name is: an apposition ("X, a large-scale ... dataset", "X is a
    ... model", "X (a ... benchmark)"), what it holds ("X consists of 157,803 questions" is
    data), a head before a naming verb ("a corpus, named X", "a model called X")."""
    appos = apposition_type(units, past_short_form(units, c.last_unit), sent_of, lexicon)
    if appos == "dataset":
        _add_cue(c, "dataset", 2.0, 0.85)
    elif appos == "model":
        _add_cue(c, "model", 2.0, 0.8)
    if holds_counted_items(units, c.last_unit, sent_of, lexicon):
        _add_cue(c, "dataset", 1.5, 0.8)
    named = named_after_head(units, c.first_unit, sent_of, lexicon)
    if named is not None:
        _add_cue(c, named, 2.0, 0.85 if named == "dataset" else 0.8)


#: words skipped between a name and the cue word before it ("on the public X")
_LEFT_SKIP = _SOURCE_ADJECTIVES | {"the", "a", "an", "both", "all", "three"}
#: words before "on"/"from" that make the name a base model, not data ("based on X")
_BASE_WORDS = frozenset(
    {"based", "built", "relying", "relies", "rely", "depends", "focus", "focuses", "focusing"}
)


def _left_context_cue(
    c: _Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon
) -> None:
    """Left context: a head noun before the name ("the dataset X"), the preposition of a verb
    ("trained on X", "fine-tuned from X", "based on X"), a comparison or use verb, and list
    introducers ("datasets such as X")."""
    k = c.first_unit - 1
    while k >= 0 and units[k].text.lower() in _LEFT_SKIP:
        k -= 1
    if k >= 1 and units[k].text == "," and sent_of[k - 1] == sent_of[c.first_unit]:
        # "our clinical language model, Asclepius": a head noun and a comma name it, as an
        # apposition after it does. Not a dataset head: "on a cancer dataset, X achieved"
        # ends an adverbial, it does not name X.
        w = units[k - 1].text.lower()
        if units[k - 1].shape == "lower" and w in lexicon.model_heads and not w.endswith("s"):
            c.scores["model"] += 2.0
    if k < 0 or sent_of[k] != sent_of[c.first_unit]:
        return
    w = units[k].text.lower()
    if (
        w in lexicon.dataset_heads
        and units[k].shape == "lower"
        and w not in {"data", "task", "questions"}
    ):
        _add_cue(c, "dataset", 1.5, 0.8)
    elif w in lexicon.model_heads and units[k].shape == "lower":
        c.scores["model"] += 1.0
    if w in lexicon.make_data_verbs and k >= 1 and units[k - 1].text.lower() in lexicon.subjects:
        # "we curated X", "we compiled X": what the paper gathers is data (issue 15, item 3)
        _add_cue(c, "dataset", 1.5, 0.8)
    if w in {"on", "from", "in"}:
        _preposition_cue(c, units, sent_of, lexicon, k)
    elif w in lexicon.compare_words:
        _add_cue(c, "model", 0.75, 0.7)
    elif w in lexicon.use_verbs:
        c.scores["model"] += 0.3
    _list_intro_cue(c, units, sent_of, lexicon, k)


def _preposition_cue(
    c: _Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon, k: int
) -> None:
    """The name follows the preposition at unit ``k``: "based on X" is a model, "trained on
    X" / "collected from X" (a verb of the lexicon in the five units before) a dataset, and a
    bare "on X" leans dataset."""
    w = units[k].text.lower()
    verbs = {units[j].text.lower() for j in range(max(0, k - 5), k) if sent_of[j] == sent_of[k]}
    prev = units[k - 1].text.lower() if k > 0 else ""
    if prev in _BASE_WORDS:
        c.scores["model"] += 1.0
    elif w == "from" and derived_like(units, k, lexicon):
        _add_cue(c, "model", 1.5, 0.75)  # "an encoder derived from X": X is a model too
    elif (
        (w == "on" and verbs & lexicon.on_verbs)
        or (w == "from" and verbs & lexicon.from_verbs)
        or (w != "on" and data_items_before(units, k, lexicon))
    ):
        _add_cue(c, "dataset", 1.5, 0.8)
    elif w == "on":
        c.scores["dataset"] += 0.75


def derived_like(units: Sequence[Unit], k: int, lexicon: Lexicon) -> bool:
    """Whether the "from" at unit ``k`` follows a verb whose subject is a model head: "a vision
    encoder derived from X", "a student model distilled from X" make X a model, as "a corpus
    derived from X" makes it data (issue 15, item 3: type confusion).

    >>> from kg.known_entities import parse_known_entities
    >>> rows = {"models": [{"kind": "head", "text": "encoder"}]}
    >>> lex = Lexicon.from_patterns(rows, parse_known_entities([]))
    >>> def u(text):
    ...     return Unit(0, 1, text, "lower", False, True)
    >>> [derived_like([u(h), u("derived"), u("from")], 2, lex) for h in ("encoder", "corpus")]
    [True, False]
    >>> derived_like([u("encoder"), u("from")], 1, lex)
    False
    """
    if k < 2 or not past_participle(units[k - 1].text):
        return False
    head = units[k - 2]
    return head.shape == "lower" and head.text.lower() in lexicon.model_heads


def data_items_before(units: Sequence[Unit], k: int, lexicon: Lexicon) -> bool:
    """Whether the preposition at unit ``k`` follows a plural noun of data items or a dataset
    head: "1,200 questions from X", "500 vignettes from X", "interviews in X" draw data from X
    (issue 15, item 3: a dataset typed as a model).

    >>> from kg.known_entities import parse_known_entities
    >>> rows = {"datasets": [{"kind": "data_noun", "text": "vignettes"},
    ...                      {"kind": "head", "text": "questions"}]}
    >>> lex = Lexicon.from_patterns(rows, parse_known_entities([]))
    >>> def u(text):
    ...     return Unit(0, 1, text, "lower", False, True)
    >>> [data_items_before([u(w), u("from")], 1, lex) for w in ("vignettes", "questions",
    ...  "features")]
    [True, True, False]
    """
    if k < 1 or units[k - 1].shape != "lower":
        return False
    w = units[k - 1].text.lower()
    return w in lexicon.data_nouns or head_noun(w, lexicon.dataset_heads)


def _list_intro_cue(
    c: _Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon, k: int
) -> None:
    """List introducers ending at unit ``k``: "datasets such as X", "LLMs, e.g., X",
    "benchmarks like X"."""
    j = k
    while j >= 0 and units[j].text.lower() in _LIST_INTRO and c.first_unit - j <= 5:
        j -= 1
    if (
        0 <= j < k
        and sent_of[j] == sent_of[c.first_unit]
        and (
            not only_commas(units, j + 1, c.first_unit)
            or plural_noun_lists(units, j, c.first_unit, sent_of)
        )
    ):
        noun = units[j].text.lower()
        if noun in lexicon.dataset_list_nouns:
            _add_cue(c, "dataset", 1.5, 0.85)
        elif noun in lexicon.model_list_nouns:
            _add_cue(c, "model", 1.5, 0.85)


def plural_noun_lists(units: Sequence[Unit], noun: int, first: int, sent_of: Sequence[int]) -> bool:
    """Whether a plural noun and a comma before unit ``first`` introduce a list of two or more
    items: "on three CT datasets, A, B and C" lists them, though "on the test datasets, X
    achieved" ends an adverbial (issue 15, item 3: coordinated names)."""
    return units[noun].text.lower().endswith("s") and len(list_items(units, first, sent_of)) >= 3


def _long_form_cue(
    c: _Candidate, named_shorts: dict[str, AbbreviationPair], lexicon: Lexicon
) -> None:
    """An abbreviation's long form often says what it is: "Therapeutic Data Commons (TDC)"."""
    long_text = (
        named_shorts[c.text].long_text if c.text in named_shorts else c.text if c.long_form else ""
    )
    if not long_text:
        return
    words = {w.lower() for w in re.split(r"[\s-]+", long_text)}
    # the definition alone vouches for a name that is name-shaped; a bare acronym needs its
    # long form to say what it is (issue 15, item 3: "Diabetic Macular Edema (DME)", "Coded
    # Mask Simulator (CMS)" are not models)
    defined = defined_name_confidence(
        named_shorts[c.text].short_text if c.text in named_shorts else _short_of(c, named_shorts),
        lexicon,
    )
    head = re.split(r"[\s-]+", long_text.strip())[-1].lower()
    if head in lexicon.model_heads and head not in lexicon.dataset_heads:
        # the long form's head says what it is: "Data Efficient Image Transformer" is a model
        # though it holds a data word (issue 15, item 3: type confusion)
        c.scores["model"] += 1.0
        defined = 0.85
    elif words & lexicon.dataset_heads:
        c.scores["dataset"] += 1.5
        defined = 0.85
    elif words & lexicon.model_heads:
        c.scores["model"] += 1.0
        defined = 0.85
    c.cue_conf = max(c.cue_conf, defined)


_DASHES = frozenset({"--", "—", "–"})
_APPOSITION_OPENERS = _DASHES | {",", "(", "is", "as"}
_APPOSITION_STOPS = frozenset({"that", "which", "to", "for", "with", "of", "on"})
_CLAUSE_WORDS = frozenset({"and", "or", "but", "which", "that", "while", "where", "whereas"})


def apposition_type(
    units: Sequence[Unit], last: int, sent_of: Sequence[int], lexicon: Lexicon
) -> NameType | None:
    """The type a description set beside the name ending at unit ``last`` gives it.

    "X, a large-scale dataset", "X -- a novel corpus of ...", "X (a ... benchmark)",
    "X is a ... model"; the description may stack adjectives with commas ("X, a large-scale,
    curated corpus"). It ends at a clause word, a preposition or the sentence's end.
    """
    n = len(units)
    k = last + 1
    if not (
        k + 1 < n
        and units[k].text.lower() in _APPOSITION_OPENERS
        and (
            units[k + 1].text.lower() in {"a", "an", "the", "our"}
            or (units[k].text == "," and counted_opener(units[k + 1]))
        )
    ):
        return None
    # a counted description names its heads in the plural ("X, two public collections")
    plural = counted_opener(units[k + 1])
    depth = 0
    for j in range(k + 2, min(n, k + 14)):
        t = units[j].text
        if t == "(":
            depth += 1
            continue
        if t == ")" and depth:
            depth -= 1
            continue
        if depth:
            continue
        if sent_of[j] != sent_of[last]:
            break
        if t == "," and j + 1 < n and _stacked_adjective(units[j + 1]):
            continue  # "a large-scale, curated corpus"
        if t in {",", ";", ")", "."}:
            break
        w = t.lower()
        if plural and w in lexicon.data_nouns:
            return "dataset"  # "X, 14,000 overnight recordings"
        if plural and w.endswith("s"):
            w = w[:-1]
        if w in lexicon.dataset_heads and collection_of_models(units, j, lexicon):
            return "model"  # "X, a collection of generative models"
        if w in lexicon.dataset_heads or evaluation_head(units, j, lexicon):
            return "dataset"
        if w in lexicon.model_heads:
            return "model"
        if w in _APPOSITION_STOPS:
            break
    return None


def collection_of_models(units: Sequence[Unit], j: int, lexicon: Lexicon) -> bool:
    """Whether the collection word at unit ``j`` gathers models: "a collection of generative
    models", "An Open-Source Collection of Medical Conversational AI Models" describe a model
    family, not data (issue 15, item 3: type confusion); "a collection of CT scans" is data.

    >>> from kg.known_entities import parse_known_entities
    >>> rows = {"models": [{"kind": "head", "text": "models"}]}
    >>> lex = Lexicon.from_patterns(rows, parse_known_entities([]))
    >>> def u(text):
    ...     return Unit(0, 1, text, "lower", False, True)
    >>> [collection_of_models([u("collection"), u("of"), u(a), u(b)], 0, lex)
    ...  for a, b in (("generative", "models"), ("CT", "scans"))]
    [True, False]
    """
    if j + 1 >= len(units) or units[j + 1].text.lower() != "of":
        return False
    for m in range(j + 2, min(len(units), j + 8)):
        w = units[m].text.lower()
        if w in lexicon.model_heads:
            return True
        if units[m].shape == "punct" or w in _APPOSITION_STOPS or w in _CLAUSE_WORDS:
            return False
    return False


def evaluation_head(units: Sequence[Unit], j: int, lexicon: Lexicon) -> bool:
    """Whether unit ``j`` is a model head made an evaluation one by the word before it: "an
    evaluation framework", "a benchmarking toolkit" score models, so the name they describe is
    a dataset (guidelines: MEDIC, MultiMedEval; issue 15, item 3: type confusion); "a
    segmentation framework" stays a model's.

    >>> from kg.known_entities import parse_known_entities
    >>> rows = {"models": [{"kind": "head", "text": "framework"}],
    ...         "datasets": [{"kind": "eval_modifier", "text": "evaluation"}]}
    >>> lex = Lexicon.from_patterns(rows, parse_known_entities([]))
    >>> def u(text):
    ...     return Unit(0, 1, text, "lower", False, True)
    >>> [evaluation_head([u(m), u(h)], 1, lex) for m, h in (("evaluation", "framework"),
    ...  ("segmentation", "framework"), ("evaluation", "metrics"))]
    [True, False, False]
    """
    if j < 1:
        return False
    head = units[j].text.lower()
    return head in lexicon.model_heads and units[j - 1].text.lower() in lexicon.eval_modifiers


_COUNT_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


def counted_opener(unit: Unit) -> bool:
    """Whether a description after a comma opens with a count: "X, two public dermoscopy
    collections", "X, 4,500 annotated scans" (issue 15, item 3: unseen Titlecase names).

    >>> def u(text, shape):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> pairs = [("two", "lower"), ("4,500", "num"), ("which", "lower")]
    >>> [counted_opener(u(t, s)) for t, s in pairs]
    [True, True, False]
    """
    return unit.shape == "num" or unit.text.lower() in _COUNT_WORDS


def _stacked_adjective(unit: Unit) -> bool:
    """A unit that continues a list of adjectives after a comma ("curated", "large-scale")."""
    return unit.shape in ("lower", "adj") and unit.text.lower() not in _CLAUSE_WORDS


_NUMBER_WORDS = frozenset({"thousand", "thousands", "million", "millions", "billion", "hundreds"})


def holds_counted_items(
    units: Sequence[Unit], last: int, sent_of: Sequence[int], lexicon: Lexicon
) -> bool:
    """True when the name is followed by a holding verb and a count of things that are not a
    network's parts: "X consists of 157,803 exam questions", "X contains 4 hours of speech"
    (data), but not "X contains 7 billion parameters" (a model).
    """
    n = len(units)
    k = last + 1
    if k >= n or units[k].text.lower() not in lexicon.hold_verbs:
        return False
    k += 1
    if k < n and units[k].text.lower() in {"of", "over", "more", "than", "about", "nearly"}:
        k += 1
    if k < n and units[k].text.lower() in {"over", "more", "than", "about", "nearly"}:
        k += 1
    if k >= n or units[k].shape != "num" or sent_of[k] != sent_of[last]:
        return False
    # the counted noun: the first word after the number (and its scale word)
    for j in range(k + 1, min(n, k + 4)):
        w = units[j].text.lower()
        if w in _NUMBER_WORDS:
            continue
        return units[j].shape in ("lower", "adj") and w not in lexicon.model_parts
    return False


def named_after_head(
    units: Sequence[Unit], first: int, sent_of: Sequence[int], lexicon: Lexicon
) -> NameType | None:
    """The type of the head noun that a naming verb right before the name refers back to:
    "a spoken prescriptions corpus, named X" (dataset), "a new model called X" (model).
    The head is the last head noun within four words before the verb, in the sentence. A dash
    names what the head noun right before it describes: "a denoising framework -- X"."""
    k = first - 1
    if k >= 1 and units[k].text in _DASHES and sent_of[k - 1] == sent_of[first]:
        w = units[k - 1].text.lower()
        return (
            "dataset"
            if w in lexicon.dataset_heads
            else "model"
            if w in lexicon.model_heads
            else None
        )
    if k < 1 or units[k].text.lower() not in lexicon.naming_verbs:
        return None
    for j in range(k - 1, max(-1, k - 6), -1):
        if sent_of[j] != sent_of[first]:
            return None
        w = units[j].text.lower()
        if units[j].shape == "punct" and units[j].text != ",":
            return None
        if w in lexicon.dataset_heads:
            return "dataset"
        if w in lexicon.model_heads:
            return "model"
    return None


def _short_of(c: _Candidate, named_shorts: dict[str, AbbreviationPair]) -> str:
    """The short form defined by the long-form candidate ``c`` ("" when none is)."""
    for short, pair in named_shorts.items():
        if pair.long_text.endswith(c.text) or c.text.endswith(pair.long_text):
            return short
    return ""


def fronted_phrase(units: Sequence[Unit], first: int) -> bool:
    """Whether the name at unit ``first`` is the object of a preposition that opens its
    sentence ("On X, Y achieved", "For the X cohort, ..."): the comma after it ends that
    phrase, it does not coordinate X with the next name.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", k == 0, True) for k, t in enumerate(texts)]
    >>> fronted_phrase(us("On", "X", ",", "Y"), 1), fronted_phrase(us("On", "the", "X"), 2)
    (True, True)
    >>> fronted_phrase(us("We", "use", "X", ",", "Y"), 2), fronted_phrase(us("X", ",", "Y"), 0)
    (False, False)
    """
    j = first - 1
    if j > 0 and units[j].text.lower() in _DETERMINERS:
        j -= 1
    return j >= 0 and units[j].sent_start and units[j].text.lower() in _PREPOSITIONS


def skipped_list_item(units: Sequence[Unit], last: int, first: int, lexicon: Lexicon) -> bool:
    """Whether one stop-listed acronym stands as a list item between the names ending at unit
    ``last`` and starting at ``first``: "SIDER, HIV, MUV and ToxCast" (HIV is stop-listed as a
    disease) is still one list. A name that is no candidate ("MedNLI, AlignScore, X") may be
    of another kind, and ends the list."""
    between = units[last + 1 : first]
    return (
        len(between) == 3
        and between[0].text == ","
        and between[1].shape == "strong"
        and lexicon.is_stopped(between[1].text)
        and between[2].text.lower() in {",", "and", "or"}
    )


def _groups(
    units: Sequence[Unit], cands: list[_Candidate], lexicon: Lexicon
) -> list[list[_Candidate]]:
    """Coordinated names ("X, Y and Z", "X (Y)") as groups, in order."""
    groups: list[list[_Candidate]] = []
    prev: _Candidate | None = None
    for c in cands:
        if prev is not None:
            between = [u.text.lower() for u in units[prev.last_unit + 1 : c.first_unit]]
            joined = (
                all(t in _LIST_JOINERS or t in {"(", ")"} for t in between) and len(between) <= 3
            ) or skipped_list_item(units, prev.last_unit, c.first_unit, lexicon)
            if not joined and 2 <= len(between) <= 6:
                cut = next((i for i, t in enumerate(between) if t in {"and", "or", ","}), -1)
                left, right = between[:cut], between[cut + 1 :]
                joined = (
                    cut > 0
                    and all(t in _HEAD_WORDS or (t.isalpha() and t.islower()) for t in left)
                    and left[-1] in _HEAD_WORDS
                    and all(t in {"the", "a", "an", "our"} for t in right)
                )
            if joined and between == [","] and fronted_phrase(units, prev.first_unit):
                joined = False  # "On X, Y achieved ...": X ends an opening phrase, no list
            if joined:
                groups[-1].append(c)
                prev = c
                continue
        groups.append([c])
        prev = c
    return groups


#: head nouns kept inside a mention's span (singular only: "the X and Y datasets" is two names)
_SPAN_HEADS: dict[str, frozenset[str]] = {
    "dataset": frozenset(
        {"dataset", "corpus", "database", "benchmark", "treebank", "collection", "archive"}
    ),
    "model": frozenset(
        {
            "model",
            "classifier",
            "algorithm",
            "network",
            "parser",
            "tagger",
            "architecture",
            "framework",
            "system",
            "toolkit",
            "toolbox",
        }
    ),
}

_HEAD_WORDS = frozenset(
    {
        "dataset",
        "datasets",
        "benchmark",
        "benchmarks",
        "corpus",
        "model",
        "models",
        "framework",
        "database",
        "archive",
        "archives",
        "collection",
        "suite",
    }
)


def _propagate_groups(units: Sequence[Unit], cands: list[_Candidate], lexicon: Lexicon) -> None:
    """Share type cues and the introduced role within coordinated groups (in place)."""
    for group in _groups(units, cands, lexicon):
        if len(group) < 2:
            continue
        best_d = max(c.scores["dataset"] for c in group)
        best_m = max(c.scores["model"] for c in group)
        best_conf = max(c.cue_conf for c in group)
        intro = any(c.introduced for c in group)
        vouched = any(c.base_conf >= 0.7 and not c.text.isupper() for c in group)
        for c in group:
            if vouched and c.rule == "name_shape" and c.text.isupper() and len(c.text) >= 3:
                # "ABMIL and TransMIL", "Faster R-CNN and DETR": a bare acronym coordinated
                # with a name is a name too (issue 15, item 3: coordinated names)
                c.base_conf = max(c.base_conf, 0.6)
            # a name typed by its own head word ("the X benchmark, Y reaches ...") keeps it:
            # the head says more than a neighbour that may only follow a comma
            if c.known is None and c.title_type is None and c.rule != "name_head":
                c.scores["dataset"] = max(c.scores["dataset"], 0.8 * best_d)
                c.scores["model"] = max(c.scores["model"], 0.8 * best_m)
                c.cue_conf = max(c.cue_conf, best_conf - 0.05)
            if intro and c.known is None:
                c.introduced = True
