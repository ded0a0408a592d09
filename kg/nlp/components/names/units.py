"""A Doc as *units*: maximal runs of tokens written without spaces ("MedTrinity-25" + "M",
"GPT-4V(ision" + ")"), trimmed of outer punctuation, each with a *shape* that says how
name-like its spelling is (:func:`unit_shape`), and the small tests on units and words the
other name modules share.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

from spacy.attrs import IDX, IS_SPACE, SENT_START, SPACY
from spacy.tokens import Doc

from kg.nlp.components.doc_text import text_of, token_texts
from kg.nlp.components.lexicon import MEMO_SIZE, Lexicon, remember
from kg.nlp.components.wordlists import wordlist

Shape = Literal["strong", "cap", "letter", "num", "lower", "punct", "adj"]
NameType = Literal["dataset", "model"]

_NUM = re.compile(r"^[vV]?\d+(?:[.,/:]\d+)*(?:[a-zA-Z]{1,2})?(?:-[A-Za-z]+)?$")
COUNT_SUFFIX = re.compile(r"[-_ ]?\d+(?:\.\d+)?[KkMm]$")
SIZE_SUFFIX = re.compile(r"(?:^|[-_ :])\d+(?:\.\d+)?[Bb](?:[-_ ][A-Za-z]+)?$")
_OPENERS = frozenset("([{\"'`“‘")
_CLOSERS = frozenset(".,;:!?\"')]}`”’")
_JOIN_BREAK = frozenset({",", ";", ":"})
_SUFFIX_TRIM = frozenset({"'s", "’s", "'S", "’S", "'"})
LIST_JOINERS = wordlist("names_wordlists", "list_joiners")
LIST_INTRO = wordlist("names_wordlists", "list_intro")


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
    if (
        _NOT_A_NAME.search(text)
        or _PLURAL_ACRONYM.match(text)
        or _CLINICAL_LABEL.search(text)
        or _MEASURE_COMPOUND.match(text)
    ):
        return "lower"
    if lexicon is not None and "-" in text and lower.endswith(lexicon.adjective_suffixes):
        return "adj"
    if (
        lexicon is not None
        and "-" in text
        and _PARTICIPLE_TAIL.search(text)
        and lower.rsplit("-", 1)[1] not in lexicon.variant_words
    ):
        return "adj"  # "H&E-stained", "T1-weighted"; not "BERT-base-uncased" (a variant)
    if "\u2013" in text and dash_joined_words(text):
        return "cap"  # "Kaplan–Meier", "Østfold–Akershus": a pair of plain words
    parts = [p for p in re.split(r"-+", text) if p]
    if len(parts) > 1:
        if any(p.lower() in FUNCTION_WORDS for p in parts):
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
#: a hyphenated compound ending in a lower-case past participle is an adjective, not a name:
#: "H&E-stained", "T1-weighted", "ImageNet-pretrained" (issue 15, item 3: things that are
#: not names)
_PARTICIPLE_TAIL = re.compile(r"-[a-z]{3,}ed$")
#: a count with its unit words, hyphenated into a modifier: "22-million-parameter",
#: "1.2-billion-parameter", "5-year-old" (one word after the number is a version-like
#: unit, see ``_NUM``: "12-lead")
_MEASURE_COMPOUND = re.compile(r"^\d+(?:[.,]\d+)?(?:-[a-z]{2,}){2,}$")
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
    # its negative logarithm ("pKd", "pIC50")
    r"|^p(?:K[adib]|(?:IC|EC)50)$"
    # a TNM category with its evidence prefix ("pT2", "ypT0", "cN1", "pT3N1M0", bare "pN"),
    # or a full TNM code ("T2N0M0"); a lone "T1" stays an MRI weighting or a version
    r"|^(?:[cpra]|y|yp|yc)[TNM](?:[0-4][a-d]?|is|x|X)?(?:[NM](?:[0-3][a-c]?|x|X))*$"
    r"|^T[0-4xX][a-d]?N[0-3xX][a-c]?(?:M[01xX])?$"
    # a grade or marker with its threshold or positivity sign ("CIN2+", "CD4+", "HER2+")
    r"|^[A-Z]{2,4}-?\d{1,2}\+$"
)
FUNCTION_WORDS = wordlist("names_wordlists", "function_words")


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


def dash_joined_words(text: str) -> bool:
    """Whether a unit is plain capitalised words joined by en dashes: the typography of a
    pair of equal parts, two places or two people ("Østfold–Akershus", "Kaplan–Meier",
    "Registry–Endovascular" inside a long name), read as one plain capitalised word, not a
    name's shape (branch names16); a part with a digit or inner capitals keeps it a name
    ("BERT–CRF", "Med–PaLM2").

    >>> [dash_joined_words(t) for t in ("Kaplan–Meier", "Østfold–Akershus", "BERT–CRF")]
    [True, True, False]
    >>> dash_joined_words("Kaplan-Meier")
    False
    """
    parts = text.split("\u2013")
    return len(parts) > 1 and all(
        p.isalpha() and p[0].isupper() and p[1:].islower() and len(p) > 1 for p in parts
    )


def _is_word_part(part: str, lexicon: Lexicon | None) -> bool:
    """A hyphen part that is an ordinary word ("Vision") or a generic acronym ("AI", "MRI")."""
    if part.isalpha() and part[0].isupper() and part[1:].islower() and len(part) > 1:
        return True
    if part.isalpha() and part.islower():
        return True
    return lexicon is not None and lexicon.is_stopped(part)


_WEB = r"(?:(?:https?|ftp)://|www\.|github\.com/|huggingface\.co/)\S+"
_URL = re.compile(_WEB + r"|\S+@\S+\.\w+")
#: :data:`_URL` without its e-mail address, for a text without "@" (where that part never
#: matches but is tried at every character: three times the search; speed16)
_WEB_ADDRESS = re.compile(_WEB)


def url_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) characters of the web and e-mail addresses in ``text``, in order.

    >>> url_spans("See https://x.org/a or mail a@b.org."), url_spans("no address / here")
    ([(4, 19), (28, 35)], [])
    """
    if "@" in text:
        pattern = _URL
    elif "/" in text or "www." in text:
        pattern = _WEB_ADDRESS
    else:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


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
    chars, spaced, is_space, sent_starts = doc.to_array(
        [IDX, SPACY, IS_SPACE, SENT_START]
    ).T.tolist()
    # token texts made once per Doc and shared with kg_concepts (issue 15: speed)
    texts = token_texts(doc)
    text_all = text_of(doc) if text is None else text
    urls = url_spans(text_all)
    # URL matches are in text order and disjoint: a bisection finds the one a unit may be in
    url_starts = [a for a, _ in urls]
    units: list[Unit] = []
    append = units.append
    # a Unit made by tuple.__new__ from its seven fields, all given: the NamedTuple's own
    # __new__ is a Python function, and a Doc makes hundreds of units (issue 15: speed)
    new = tuple.__new__
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
                    if slash_break_at(texts, j + 1, n) or slash_break_at(texts, j, n):
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
                append(
                    new(Unit, (k, k + 1, texts[k], "punct", sent_starts[k] == 1, True, chars[k]))
                )
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
                new(
                    Unit,
                    (
                        start,
                        end,
                        utext,
                        shape,
                        sent_starts[start] == 1 or start == 0,
                        start == 0 or bool(spaced[start - 1]) or bool(is_space[start - 1]),
                        first_char,
                    ),
                )
            )
        # punctuation tokens inside [i, j] that were trimmed become their own punct units
        if end <= j:  # most units keep all their tokens: no range to make
            for k in range(end, j + 1):
                append(
                    new(Unit, (k, k + 1, texts[k], "punct", sent_starts[k] == 1, True, chars[k]))
                )
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


def back_in_sentence(sent_of: Sequence[int], k: int, start: int) -> Iterator[int]:
    """The unit indices from ``start`` back to the first unit of unit ``k``'s sentence
    (``sent_of``: each unit's sentence), nearest first.

    >>> list(back_in_sentence([0, 1, 1, 1, 1], 4, 2))
    [2, 1]
    """
    j = start
    while j >= 0 and sent_of[j] == sent_of[k]:
        yield j
        j -= 1


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
        # a word opening with a lower-case letter opens no label (most units: the cheap test
        # first; _label_word(first=True) needs isupper() or istitle(), false for such a word)
        if u.char < title_end or u.text[:1].islower() or not _label_word(u.text, first=True):
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
    return frozenset({u.text for u in units if u.shape == "lower" and u.text.isalpha()})


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


def slash_break_at(texts: Sequence[str], k: int, n: int) -> bool:
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
    if texts[k] not in ("(", "=") or k + 1 >= n or not texts[k + 1][:1].isdigit():
        return False
    return not group_dimension_at(texts, k, n)


def group_dimension_at(texts: Sequence[str], k: int, n: int) -> bool:
    """True when token ``k`` is the "(" of a symmetry group's dimension glued between the
    group's letters and an adjective ("SE(3)-equivariant", tokenised "SE", "(",
    "3)-equivariant"): no score, the word stays one unit.

    >>> group_dimension_at(["SE", "(", "3)-equivariant"], 1, 3)
    True
    >>> group_dimension_at(["GPT-4o", "(", "0.866", ")"], 1, 4)
    False
    >>> group_dimension_at(["X", "("], 1, 2)
    False
    """
    if texts[k] != "(" or k + 1 >= n:
        return False
    after = texts[k + 1]
    return len(after) > 3 and after[0].isdigit() and after[1:3] == ")-" and after[3:].islower()


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


def measured(units: Sequence[Unit], last: int, lexicon: Lexicon) -> bool:
    """Whether the name ending at unit ``last`` ends in, or is followed by, a number with a
    physical unit: "VMLSS 15.0 km·h⁻¹" is a variable and its measured value, whether or not
    the number was taken as the name's version (issue 19).
    """
    if units[last].shape != "num" and last + 1 < len(units) and units[last + 1].shape == "num":
        last += 1
    nxt = last + 1
    if units[last].shape != "num" or nxt >= len(units) or not units[nxt].space_before:
        return False
    following = units[nxt].text.rstrip(".,;:")
    # a one-letter unit symbol ("M", "T") also abbreviates millions or a model series
    return (len(following) > 1 and following in lexicon.units) or lexicon.is_measure(following)


def title_prefix_units(units: Sequence[Unit], doc: Doc, title_end: int) -> tuple[int, int] | None:
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


def concept_blocked(doc: Doc, units: Sequence[Unit], spans: Sequence[tuple[int, int]]) -> set[int]:
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
NOT_A_VERSION = re.compile(r"^\d[dD]$|%$|^\d+-[A-Za-z][a-z]+$")
NOT_NAME_SUFFIXES = ("ing", "ly", "able", "ible")


def after_label_units(units: Sequence[Unit], labels: Sequence[int]) -> list[int]:
    """The units that open a sentence after a section label's colon ("Results: Internally,
    X ..."): the unit right after the colon that ends a label run. A capitalised word there
    is capitalised as a sentence's first word is, not as a name.

    >>> us = [Unit(k, k + 1, t, "cap", k == 0, True) for k, t in
    ...       enumerate(["Results", ":", "Internally", ",", "X"])]
    >>> after_label_units(us, [0]), after_label_units(us, [])
    ([2], [])
    """
    label_set = set(labels)
    return [
        k + 2
        for k in labels
        if k + 1 not in label_set and k + 2 < len(units) and units[k + 1].text == ":"
    ]
