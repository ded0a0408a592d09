"""Modality, task and metric mentions mapped onto the SKOS vocabularies (issue 3, point 2).

Factory ``kg_concepts``. Writes ``doc.spans["kg_concepts"]``: one span per mention, with
``label_`` in {"modality", "task", "metric"}, ``kb_id_`` = the concept key
(``kg.ids.normalize_key`` of its preferred label, or of the singular phrase for a phrase that
is not in the vocabulary), ``span._.kg_confidence`` and ``span._.kg_extractor`` (the rule id).

Sources, most to least confident:

1. vocabulary labels (``ontology/schemes/*.ttl`` through :mod:`kg.nlp.vocabulary`), matched
   with a :class:`~spacy.matcher.PhraseMatcher` on ``LOWER`` (or ``ORTH`` for short acronyms
   such as "CT", "mAP"), with hyphen and plural variants generated from each label;
2. ambiguous short forms ("US", "CT", "reports", "detection", ...) that pass the context gates
   of ``patterns/concepts_gates.jsonl``;
3. abbreviations defined in the text (scispaCy's ``abbreviation_detector``, when it ran
   earlier: ``doc._.abbreviations``) whose long form is a concept label;
4. compound rules of ``patterns/concepts_patterns.jsonl`` for tasks not in the vocabulary
   ("acute infection detection", "the evidence selection task").

Matching logic lives in module-level pure functions; the class only wires data to matchers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.entity_types import CONCEPT_SPAN_KEY, CONCEPT_TYPES
from kg.ids import normalize_key
from kg.nlp import extensions  # noqa: F401  (declares the ._ attributes)
from kg.nlp.components.doc_text import text_of, token_texts
from kg.nlp.vocabulary import Concept, Vocabulary, load_vocabulary

SPAN_KEY = CONCEPT_SPAN_KEY
#: words that show a listed item is a clause, not a task name ("particularly in ...")
LIST_ITEM_BREAKERS = frozenset(
    {
        "in",
        "of",
        "on",
        "for",
        "with",
        "to",
        "by",
        "at",
        "from",
        "particularly",
        "especially",
        "total",
        "is",
        "are",
        "which",
        "that",
    }
)
#: The pattern files (``kg/nlp/patterns/<name>.jsonl``) that ``initialize`` reads, through
#: ``kg.read_patterns.v1`` in ``pipeline.cfg``.
CONCEPT_PATTERN_FILES: tuple[str, ...] = (
    "concepts_wordlists",
    "concepts_patterns",
    "concepts_gates",
)

#: Confidence of each kind of evidence (calibrated on the dev set, see issue 3 point 6).
DEFAULT_CONFIDENCE: dict[str, float] = {
    "pref": 0.95,
    "alt": 0.9,
    "variant": 0.85,
    "abbreviation": 0.85,
    "gated": 0.75,
    "compound_known": 0.8,
    "pattern": 0.55,
    # a task named only as background or motivation (issue 15, item 2): kept as a mention,
    # below kg.statements.LINK_THRESHOLD, so not asserted
    "background": 0.45,
}


# --------------------------------------------------------------------------------------------
# pure helpers
# --------------------------------------------------------------------------------------------


def pluralize(word: str) -> str:
    """Return the regular English plural of ``word``.

    >>> pluralize("radiograph"), pluralize("summary"), pluralize("mass"), pluralize("CXR")
    ('radiographs', 'summaries', 'masses', 'CXRs')
    """
    low = word.lower()
    if word.isupper() or any(c.isdigit() for c in word):
        return word + "s"
    if low.endswith(("s", "x", "ch", "sh", "z")):
        return word + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def singularize(word: str) -> str:
    """Return a regular singular of ``word`` (leaves non-plurals alone).

    >>> (singularize("reports"), singularize("summaries"), singularize("diagnosis"),
    ...  singularize("analyses"))
    ('report', 'summary', 'diagnosis', 'analysis')
    """
    low = word.lower()
    if len(low) <= 3 or low.endswith(("ss", "us", "is", "ics")):
        return word
    if low.endswith("yses"):
        return word[:-2] + "is"
    if low.endswith("ies"):
        return word[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if low.endswith("s"):
        return word[:-1]
    return word


def is_case_sensitive(label: str) -> bool:
    """Whether a label must match case-sensitively: it holds a short acronym ("CT", "mAP").

    >>> [is_case_sensitive(x) for x in ("CT", "mAP", "X-ray", "ROUGE", "Dice", "PET/CT", "F1")]
    [True, True, False, False, False, True, False]
    """
    for part in label.replace("/", " ").replace("-", " ").split():
        letters = [c for c in part if c.isalpha()]
        if 0 < len(letters) <= 4 and sum(c.isupper() for c in letters) >= 2:
            return True
    return False


def label_variants(label: str) -> list[str]:
    """Return the surface variants of a label that the matcher should also find.

    Hyphens become spaces or disappear ("X-ray" -> "X ray", "Xray"), and the last word gets
    its plural ("chest X-rays"); a multi-word plural label also gets its singular.

    >>> label_variants("X-ray")
    ['X-ray', 'X-rays', 'X ray', 'X rays', 'Xray', 'Xrays']
    >>> label_variants("clinical notes")
    ['clinical notes', 'clinical note']
    """
    base = [label]
    if "-" in label:
        base += [label.replace("-", " "), label.replace("-", "")]
    out: list[str] = []
    for form in base:
        for variant in (form, _pluralize_last(form)):
            if variant not in out:
                out.append(variant)
    words = label.split()
    if len(words) > 1:
        singular = " ".join([*words[:-1], singularize(words[-1])])
        if singular not in out:
            out.append(singular)
    return out


def _pluralize_last(text: str) -> str:
    head, sep, last = text.rpartition(" ")
    # words ending in "s" are plural already or singulars such as "analysis"
    if not last or not last[-1].isalpha() or last.lower().endswith(("s", "ing")):
        return text
    return head + sep + pluralize(last)


def verb_forms(base: str) -> list[str]:
    """Return the finite and -ing forms of a regular verb (not the "-ed" forms, which are
    mostly adjectives before a noun: "segmented organs", "generated images").

    >>> verb_forms("classify"), verb_forms("generate"), verb_forms("segment")
    (['classify', 'classifies', 'classifying'], ['generate', 'generates', 'generating'], ['segment', 'segments', 'segmenting'])
    >>> verb_forms("diagnose"), verb_forms("synthesize")
    (['diagnose', 'diagnoses', 'diagnosing'], ['synthesize', 'synthesizes', 'synthesizing'])
    """
    low = base.lower()
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        third, ing = low[:-1] + "ies", low + "ing"
    elif low.endswith(("s", "x", "ch", "sh", "z")):
        third, ing = low + "es", low + "ing"
    else:
        third = low + "s"
        ing = (low[:-1] if low.endswith("e") and not low.endswith("ee") else low) + "ing"
    return [low, third, ing]


def object_segments(
    doc: Doc, start: int, *, max_tokens: int, stop: frozenset[str]
) -> list[tuple[int, int]]:
    """The object phrase after a verb ("extracting clinical entities and relations"), as
    (segment start, token index) pairs: one per content token, where the segment start is the
    first token after the last coordinator ("and", "or", ",") before it.

    The phrase ends at punctuation (a comma too: "tracking failures, we ..."), at a word in
    ``stop`` (prepositions, verbs, clause words) or after ``max_tokens`` tokens; only tokens
    that can end a noun phrase are returned.

    >>> import spacy
    >>> d = spacy.blank("en")("extracting clinical entities and relations from reports")
    >>> object_segments(d, 1, max_tokens=6, stop=frozenset({"from"}))
    [(1, 2), (4, 4)]
    """
    out: list[tuple[int, int]] = []
    seg = start
    end = min(len(doc), start + max_tokens)
    for i in range(start, end):
        tok = doc[i]
        low = tok.lower_
        if low in {"and", "or"}:
            seg = i + 1
            continue
        if low in stop or (tok.is_punct and tok.text != "-") or tok.like_num:
            break
        if (tok.is_alpha or "-" in tok.text) and _ends_noun_phrase(doc, i, stop):
            out.append((seg, i))
    return out


def _ends_noun_phrase(doc: Doc, i: int, stop: frozenset[str]) -> bool:
    """Whether token ``i`` can be the head of a noun phrase: nothing that continues the phrase
    follows ("valid molecular structures": not "molecular"; "images conditioned on": "images")."""
    if i + 1 >= len(doc):
        return True
    nxt = doc[i + 1]
    if not (nxt.is_alpha or "-" in nxt.text) or nxt.is_punct:
        return True
    low = nxt.lower_
    return (
        low in stop
        or low in {"and", "or", "but"}
        or low.endswith(("ed", "ing", "ly"))
        or (not nxt.is_lower and not nxt.is_title)
    )


def phrase_key(words: Sequence[str], generic: frozenset[str]) -> str:
    """Return the concept key of a free phrase: generic leading modifiers dropped, head singular.

    >>> phrase_key(["medical", "video", "generations"], frozenset({"medical"}))
    'videogeneration'
    """
    kept = list(words)
    while len(kept) > 1 and kept[0].lower() in generic:
        kept = kept[1:]
    kept[-1] = singularize(kept[-1])
    return normalize_key(" ".join(kept))


def expand_wordlist(value: Any, wordlists: dict[str, frozenset[str]]) -> frozenset[str]:
    """Resolve a gate field: a list of words, or "@name" of a shared word list (lower-cased).

    >>> sorted(expand_wordlist("@x", {"x": frozenset({"a"})})), sorted(expand_wordlist(["B"], {}))
    (['a'], ['b'])
    """
    if value is None:
        return frozenset()
    if isinstance(value, str):
        if value.startswith("@"):
            return wordlists[value[1:]]
        return frozenset({value.lower()})
    return frozenset(str(v).lower() for v in value)


@dataclass(frozen=True)
class Gate:
    """Context conditions under which an ambiguous surface form is a concept mention.

    A veto word next to the form rejects first; then strong evidence (next/previous word, a defining
    abbreviation, a number after a metric) accepts; then a blocking word rejects; then weak evidence
    (sentence or document words, a neighbouring mention of the same type) accepts. A gate without
    any pass condition accepts whatever is not blocked.
    """

    id: str
    type: str
    concept: str
    surface: tuple[str, ...]
    case_sensitive: bool = False
    pass_next: frozenset[str] = frozenset()
    pass_prev: frozenset[str] = frozenset()
    pass_sentence: frozenset[str] = frozenset()
    pass_doc: frozenset[str] = frozenset()
    require_doc: frozenset[str] = frozenset()
    block_next: frozenset[str] = frozenset()
    block_prev: frozenset[str] = frozenset()
    prev_must_be: frozenset[str] = frozenset()
    near_type: str = ""
    near_window: int = 0
    pass_next_number: bool = False
    pass_sentence_number: bool = False
    block_next_number: bool = False
    require_abbreviation: bool = False
    drop_if_other_of_type: bool = False
    require_next: frozenset[str] = frozenset()
    require_prev: frozenset[str] = frozenset()
    veto_next: frozenset[str] = frozenset()
    veto_prev: frozenset[str] = frozenset()
    pass_title: bool = False

    @property
    def has_pass_condition(self) -> bool:
        return bool(
            self.pass_title
            or self.pass_next
            or self.pass_prev
            or self.pass_sentence
            or self.pass_doc
            or self.near_type
            or self.pass_next_number
            or self.pass_sentence_number
            or self.require_abbreviation
        )


def read_gates(rows: Iterable[dict[str, Any]], wordlists: dict[str, frozenset[str]]) -> list[Gate]:
    """Build :class:`Gate` objects from the rows of ``concepts_gates.jsonl``."""
    gates = []
    for row in rows:
        if "id" not in row:
            continue
        gates.append(
            Gate(
                id=row["id"],
                type=row["type"],
                concept=row["concept"],
                surface=tuple(row.get("surface", [])),
                case_sensitive=bool(row.get("case_sensitive", False)),
                pass_next=expand_wordlist(row.get("pass_next"), wordlists),
                pass_prev=expand_wordlist(row.get("pass_prev"), wordlists),
                pass_sentence=expand_wordlist(row.get("pass_sentence"), wordlists),
                pass_doc=expand_wordlist(row.get("pass_doc"), wordlists),
                require_doc=expand_wordlist(row.get("require_doc"), wordlists),
                block_next=expand_wordlist(row.get("block_next"), wordlists),
                block_prev=expand_wordlist(row.get("block_prev"), wordlists),
                prev_must_be=expand_wordlist(row.get("prev_must_be"), wordlists),
                near_type=row.get("near_type", ""),
                near_window=int(row.get("near_window", 0)),
                pass_next_number=bool(row.get("pass_next_number", False)),
                pass_sentence_number=bool(row.get("pass_sentence_number", False)),
                block_next_number=bool(row.get("block_next_number", False)),
                require_abbreviation=bool(row.get("require_abbreviation", False)),
                drop_if_other_of_type=bool(row.get("drop_if_other_of_type", False)),
                require_next=expand_wordlist(row.get("require_next"), wordlists),
                require_prev=expand_wordlist(row.get("require_prev"), wordlists),
                veto_next=expand_wordlist(row.get("veto_next"), wordlists),
                veto_prev=expand_wordlist(row.get("veto_prev"), wordlists),
                pass_title=bool(row.get("pass_title", False)),
            )
        )
    return gates


def read_wordlists(rows: Iterable[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """Collect the ``{"wordlist": name, "words": [...]}`` rows of pattern files."""
    return {
        r["wordlist"]: frozenset(w.lower() for w in r["words"]) for r in rows if "wordlist" in r
    }


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token (start, end) of every sentence, read from the SENT_START array (fast: no Token
    objects); the whole doc when no sentence boundaries are set.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer")
    >>> sentence_bounds(nlp("It works. We test."))
    [(0, 3), (3, 6)]
    """
    if not len(doc):
        return []
    # doc.has_annotation("SENT_START") walks every Token in Python; the array does not
    starts = [int(i) for i in numpy.flatnonzero(doc.to_array("SENT_START") == 1)]
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    return list(zip(starts, [*starts[1:], len(doc)], strict=False))


def sentence_of(bounds: Sequence[tuple[int, int]], i: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding token ``i``."""
    for start, end in bounds:
        if start <= i < end:
            return start, end
    return 0, 0


def doc_words(text: str) -> frozenset[str]:
    """Lower-cased words of a document's text (hyphenated words kept whole).

    >>> sorted(doc_words("Chest X-ray images"))
    ['chest', 'images', 'x-ray']
    """
    return frozenset(re.findall(r"[\w&@'/.-]*\w|[\w&]", text.lower()))


def _is_number(token: Token | None) -> bool:
    if token is None:
        return False
    text = token.text.lstrip("(").rstrip("%").rstrip("\\")
    return token.like_num or text.replace(".", "", 1).isdigit()


def _neighbour(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


def gate_accepts(
    gate: Gate,
    span: Span,
    *,
    doc_words: frozenset[str],
    near_starts: Sequence[int],
    abbreviation_concept: str | None,
    sentence: tuple[int, int] | None = None,
    in_title: bool = False,
) -> bool:
    """Decide whether ``span`` (a gated surface form) is a mention of ``gate.concept``.

    Args:
        gate: the gate of the surface form.
        span: the matched span.
        doc_words: lower-cased words of the whole document.
        near_starts: token offsets of other mentions of ``gate.near_type`` in the document.
        abbreviation_concept: the concept key that the text defines this short form as
            ("" when it defines it as something else, None when it does not define it).
        sentence: token bounds of the span's sentence (computed when not given).
        in_title: the span is in the paper's title (which names the paper's own work).

    Returns:
        True when the context licenses the reading.
    """
    if abbreviation_concept is not None:
        return abbreviation_concept == gate.concept
    doc = span.doc
    number_follows = _is_number(_neighbour(doc, span.end)) or (
        _neighbour(doc, span.end) is not None
        and doc[span.end].lower_ in {"of", "=", ":", "was", "is", "reached"}
        and _is_number(_neighbour(doc, span.end + 1))
    )
    if gate.require_abbreviation:
        return gate.pass_next_number and number_follows
    nxt = _neighbour(doc, span.end)
    prev = _neighbour(doc, span.start - 1)
    nxt_l = nxt.lower_ if nxt is not None else ""
    prev_l = prev.lower_ if prev is not None else ""
    if gate.block_next_number and _is_number(nxt):
        return False
    # vetoes outrank pass evidence: "medical report generation" names a task, not report data
    if nxt_l in gate.veto_next or prev_l in gate.veto_prev:
        return False
    if gate.require_next and nxt_l not in gate.require_next:
        return False
    if gate.require_prev and prev_l not in gate.require_prev:
        return False
    if (
        gate.prev_must_be
        and prev is not None
        and prev_l not in gate.prev_must_be
        and (prev.is_alpha or "-" in prev.text)
    ):
        return False
    if gate.require_doc and not (gate.require_doc & doc_words):
        return False
    if gate.pass_next_number and number_follows:
        return True
    if gate.pass_title and in_title:
        return True
    if nxt_l in gate.pass_next or prev_l in gate.pass_prev:
        return True
    if nxt_l in gate.block_next or prev_l in gate.block_prev:
        return False
    if gate.near_type and any(
        abs(s - span.start) <= gate.near_window and s != span.start for s in near_starts
    ):
        return True
    if gate.pass_sentence or gate.pass_sentence_number:
        start, end = (
            sentence if sentence is not None else sentence_of(sentence_bounds(doc), span.start)
        )
        if any(doc[i].lower_ in gate.pass_sentence for i in range(start, end)):
            return True
        # a measure stated with a score somewhere in its sentence ("87.9% accuracy")
        if gate.pass_sentence_number and any(_is_number(doc[i]) for i in range(start, end)):
            return True
    if gate.pass_doc and gate.pass_doc & doc_words:
        return True
    return not gate.has_pass_condition


def extend_left(
    doc: Doc,
    head: int,
    *,
    stop: frozenset[str],
    max_words: int,
    stop_suffixes: tuple[str, ...] = (),
    keep: frozenset[str] = frozenset(),
) -> int:
    """Return the start of the compound ending at token ``head`` ("acute infection detection").

    Walks left over modifier words (alphabetic, not in ``stop``; hyphenated words such as
    "part-of-speech" count as one), stopping at a sentence start that is not title case,
    punctuation, a word with a stop suffix (adverbs "-ly", participles "-ed"/"-ing", adjectives
    "-able"/"-ive": "competitive off-topic detection" keeps "off-topic detection"; words in
    ``keep`` are exempt), or after ``max_words`` words. Modifiers must be lower case unless
    the head is title case (titles).

    >>> import spacy
    >>> d = spacy.blank("en")("we study acute infection detection here")
    >>> extend_left(d, 4, stop=frozenset({"study"}), max_words=3)
    2
    """
    title = doc[head].is_title
    start = head
    words = 0
    j = head - 1
    while j >= 0 and words < max_words:
        tok = doc[j]
        if (
            tok.text == "-"
            and j - 1 >= 0
            and not doc[j - 1].whitespace_
            and not tok.whitespace_
            and doc[j - 1].is_alpha
        ):
            j -= 1
            continue
        if tok.text in {"'s", "’s"}:
            break
        if not tok.is_alpha or tok.lower_ in stop or len(tok) < 2:
            break
        if tok.lower_ not in keep and tok.lower_.endswith(stop_suffixes):
            break
        if not (tok.is_lower or (title and tok.is_title)):
            break
        if tok.is_sent_start and j != head and not title and not tok.is_lower:
            break
        start = j
        words += 1
        j -= 1
    return start


@dataclass(frozen=True)
class ConceptMatch:
    """One candidate mention before overlap resolution."""

    start: int
    end: int
    type: str
    key: str
    confidence: float
    rule: str


def resolve_overlaps(matches: Iterable[ConceptMatch]) -> list[ConceptMatch]:
    """Keep, per type, the longest (then most confident) of overlapping matches.

    >>> a = ConceptMatch(0, 2, "task", "x", 0.9, "r"); b = ConceptMatch(1, 2, "task", "y", 0.9, "r")
    >>> [m.key for m in resolve_overlaps([a, b])]
    ['x']
    """
    kept: list[ConceptMatch] = []
    taken: dict[str, set[int]] = {}
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), -m.confidence, m.start)):
        used = taken.setdefault(m.type, set())
        if any(i in used for i in range(m.start, m.end)):
            continue
        used.update(range(m.start, m.end))
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.type))


def title_end(doc: Doc, separator: str = "\n\n", text: str | None = None) -> int:
    r"""Token index where the title ends: the token at or after the first ``separator``, or 0
    when the Doc has no title part (kg.extract joins title and abstract with a blank line).

    >>> import spacy
    >>> (title_end(spacy.blank("en")("A title\n\nThe abstract.")),
    ...  title_end(spacy.blank("en")("No title.")))
    (2, 0)
    """
    at = (text_of(doc) if text is None else text).find(separator)
    if at < 0:
        return 0
    # token offsets as an array: no Token objects (issue 7: speed)
    return int(numpy.searchsorted(doc.to_array("IDX"), at, side="left"))


def own_work_flags(doc: Doc, bounds: Sequence[tuple[int, int]], cues: frozenset[str]) -> list[bool]:
    """For each sentence, whether it speaks of the paper's own work: it holds a word of
    ``cues`` ("we", "our", "propose", "this paper" gives "this" + "paper"...).

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> d = nlp("Diagnosis is hard. We classify scans.")
    >>> own_work_flags(d, sentence_bounds(d), frozenset({"we"}))
    [False, True]
    """
    strings = doc.vocab.strings
    ids = numpy.array([strings[c] for c in cues], dtype="uint64")
    found = numpy.isin(doc.to_array("LOWER"), ids)
    return [bool(found[a:b].any()) for a, b in bounds]


def background_keys(
    matches: Sequence[ConceptMatch],
    *,
    sentence_index: Sequence[int],
    own: Sequence[bool],
    in_title: Sequence[bool],
) -> set[str]:
    """Keys of the tasks a paper names only as background (issue 15, item 2).

    A task is background when none of its mentions is in the title or in a sentence about
    the paper's own work, and all of them come before the first such sentence: the
    motivation that opens an abstract ("Diagnosis is critical. ... We propose ..."). An
    abstract without any such sentence has no background tasks.

    Args:
        matches: the document's task matches.
        sentence_index: sentence number of each match (same order).
        own: per sentence, whether it speaks of the paper's own work.
        in_title: per match, whether it is in the title.

    Returns:
        The keys to demote.

    >>> m = [ConceptMatch(0, 1, "task", "diagnosis", 0.9, "r"),
    ...      ConceptMatch(5, 6, "task", "qa", 0.9, "r")]
    >>> sorted(background_keys(m, sentence_index=[1, 2], own=[False, False, True],
    ...                        in_title=[False, False]))
    ['diagnosis']
    """
    first_own = next((i for i, flag in enumerate(own) if flag), None)
    if first_own is None:
        # an abstract that never speaks of its own work in the first person: no way to tell
        # motivation from contribution, so nothing is background
        return set()
    keep: set[str] = set()
    seen: set[str] = set()
    for m, sent, title in zip(matches, sentence_index, in_title, strict=True):
        seen.add(m.key)
        if title or own[sent] or sent >= first_own:
            keep.add(m.key)
    return seen - keep


def demote_background(
    doc: Doc,
    matches: list[ConceptMatch],
    *,
    cues: frozenset[str],
    confidence: float,
    bounds: Sequence[tuple[int, int]] | None = None,
    end_of_title: int | None = None,
    types: frozenset[str] = frozenset({"task"}),
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every match of ``types`` whose concept the paper names only as
    background (:func:`background_keys`, per type); other matches pass through."""
    tasks = [m for m in matches if m.type in types]
    if not tasks:
        return matches
    bounds = sentence_bounds(doc) if bounds is None else bounds
    starts = [a for a, _ in bounds]
    sent_idx = [max(0, bisect_right(starts, m.start) - 1) for m in tasks]
    end_of_title = title_end(doc) if end_of_title is None else end_of_title
    own = own_work_flags(doc, bounds, cues)
    demote: set[tuple[str, str]] = set()
    for etype in types:
        of_type = [(m, i) for m, i in zip(tasks, sent_idx, strict=True) if m.type == etype]
        demote |= {
            (etype, key)
            for key in background_keys(
                [m for m, _ in of_type],
                sentence_index=[i for _, i in of_type],
                own=own,
                in_title=[m.start < end_of_title for m, _ in of_type],
            )
        }
    if not demote:
        return matches
    return [
        ConceptMatch(
            m.start, m.end, m.type, m.key, min(m.confidence, confidence), m.rule + "+background"
        )
        if (m.type, m.key) in demote
        else m
        for m in matches
    ]


def demote_keys(
    matches: list[ConceptMatch], keys: frozenset[str], *, confidence: float, tag: str
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every task match whose key is in ``keys`` (tasks that name a
    technique a model uses, not what it does: "retrieval-augmented generation").

    >>> m = [ConceptMatch(0, 1, "task", "rag", 0.95, "v"),
    ...      ConceptMatch(2, 3, "task", "qa", 0.95, "v")]
    >>> [x.confidence for x in demote_keys(m, frozenset({"rag"}), confidence=0.45, tag="method")]
    [0.45, 0.95]
    """
    return [
        ConceptMatch(
            m.start, m.end, m.type, m.key, min(m.confidence, confidence), f"{m.rule}+{tag}"
        )
        if m.type == "task" and m.key in keys
        else m
        for m in matches
    ]


def span_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The lower-cased words of ``doc[start:end]``."""
    return tuple(t.lower_ for t in doc[start:end])


def spell_out(doc: Doc, start: int, end: int, long_forms: dict[str, str]) -> str:
    """The text of ``doc[start:end]`` with every defined short form replaced by its long form.

    >>> import spacy
    >>> spell_out(spacy.blank("en")("OOD detection"), 0, 2, {"OOD": "out-of-distribution"})
    'out-of-distribution detection'
    """
    return " ".join(long_forms.get(t.text, t.text) for t in doc[start:end])


def opens_proper_name(words: Sequence[str], n: int) -> bool:
    """Whether the first ``n`` words (a free task compound) open a proper name: all
    capitalised and followed by "of" and a capitalised word ("International Classification
    of Diseases", "National Institute of Health"): part of a name, not a task.

    >>> opens_proper_name(["International", "Classification", "of", "Diseases"], 2)
    True
    >>> opens_proper_name(["tumor", "classification", "of", "CT"], 2)
    False
    >>> opens_proper_name(["Tumor", "Classification", "of", "scans"], 2)
    False
    """
    if len(words) < n + 2 or words[n] != "of":
        return False
    return all(w[:1].isupper() for w in words[:n]) and words[n + 1][:1].isupper()


def is_survey(
    title: Sequence[str], abstract: Sequence[str], nouns: frozenset[str], openers: frozenset[str]
) -> bool:
    """Whether a paper is a survey or review (GUIDELINES task, as annotated: a survey's tasks
    are the field's, not its own work; issue 15, item 2).

    The title names it ("A Survey of ...", "...: A Comprehensive Review", "Review of ...") or
    the abstract does ("this survey", "our review"). A noun of ``nouns`` counts in the title
    after an opener ("a", "comprehensive", ":"...), before "of"/"on"/"for", or last; "peer
    review generation" is no survey.

    Args:
        title: the lower-cased words of the title.
        abstract: the lower-cased words of the abstract.
        nouns: "survey", "review", ...
        openers: words that open a survey noun phrase in a title.

    >>> n, o = frozenset({"survey", "review"}), frozenset({"a", ":"})
    >>> is_survey(["llms", ":", "a", "survey"], [], n, o), is_survey(["review", "of", "x"], [], n, o)
    (True, True)
    >>> is_survey(["peer", "review", "generation"], [], n, o), is_survey([], ["this", "review"], n, o)
    (False, True)
    """
    for i, word in enumerate(title):
        if word not in nouns:
            continue
        before = title[i - 1] if i else ""
        after = title[i + 1] if i + 1 < len(title) else ""
        if before in openers or after in {"of", "on", "for", ""}:
            return True
    return any(
        word in nouns and abstract[i - 1] in {"this", "our"} for i, word in enumerate(abstract) if i
    )


def in_background_context(
    left: Sequence[str],
    cues: frozenset[str],
    openers: frozenset[str] = frozenset(),
    subordinators: frozenset[str] = frozenset(),
) -> bool:
    """Whether a task mention stands in a clause about possible use, motivation or other
    work (GUIDELINES task: motivation, background, related work, possible application or
    future use are not annotated).

    Three cues, read in the words of its sentence before it:

    * a word of ``cues`` before it in its clause ("... could support diagnosis",
      "applications like diagnostics", "plays an important role in screening"; a colon or
      semicolon starts a new clause);
    * a sentence opened by a word of ``openers``: the whole sentence is about other work
      ("Existing benchmarks focus on question answering");
    * a sentence opened by a word of ``subordinators``, up to its first comma ("Unlike
      prior benchmarks that focus on QA, ours covers summarization": QA only).

    Args:
        left: the lower-cased words of its sentence before the mention.
        cues: words that make the rest of the sentence background.
        openers: first words that make the whole sentence background.
        subordinators: first words that make their clause background.

    >>> c, o, s = frozenset({"could"}), frozenset({"existing"}), frozenset({"unlike"})
    >>> in_background_context(["this", "could", "support"], c, o, s)
    True
    >>> in_background_context(["we", "propose", "a", "model", "for"], c, o, s)
    False
    >>> in_background_context(["existing", "work", "focuses", "on"], c, o, s)
    True
    >>> in_background_context(["unlike", "x", "on", "qa", ",", "ours", "covers"], c, o, s)
    False
    >>> in_background_context(["unlike", "x", "that", "focus", "on"], c, o, s)
    True
    >>> in_background_context(["it", "could", "help", ":", "we", "use"], c, o, s)
    False
    """
    words = [w for w in left if w.strip()]
    if not words:
        return False
    if words[0] in openers:
        return True
    if words[0] in subordinators and "," not in words:
        return True
    # a colon or semicolon opens a new clause ("Potential applications: this dataset enables
    # image synthesis")
    last = max((i for i, w in enumerate(words) if w in {":", ";"}), default=-1)
    return any(w in cues for w in words[last + 1 :])


def unsupported_keys(
    matches: Sequence[ConceptMatch],
    *,
    in_title: Sequence[bool],
    background: Sequence[bool],
    weak_rules: frozenset[str],
    survey: bool,
) -> set[str]:
    """Keys of the tasks nothing shows to be the paper's own work (issue 15, item 2).

    A task is unsupported when the paper is a survey (every task), when every mention of it
    stands in a background clause (:func:`in_background_context`) outside the title, or when
    it is an ad-hoc phrase named once outside the title by a rule of ``weak_rules`` only (a
    verb and its object, "<phrase> task": "fully automate coding", "generate responses").

    Args:
        matches: the document's task matches.
        in_title: per match, whether it is in the title.
        background: per match, whether it stands in a background clause.
        weak_rules: rule names whose lone mention does not assert a task.
        survey: the paper is a survey or review (:func:`is_survey`).

    >>> m = [ConceptMatch(0, 1, "task", "qa", 0.9, "vocab:alt"),
    ...      ConceptMatch(5, 7, "task", "tumor", 0.7, "pattern:verb_object"),
    ...      ConceptMatch(9, 10, "task", "nli", 0.9, "vocab:pref")]
    >>> sorted(unsupported_keys(m, in_title=[False] * 3, background=[True, False, False],
    ...                         weak_rules=frozenset({"pattern:verb_object"}), survey=False))
    ['qa', 'tumor']
    """
    keys = {m.key for m in matches}
    if survey:
        return keys
    supported: set[str] = set()
    weak_count: dict[str, int] = {}
    for m, title, back in zip(matches, in_title, background, strict=True):
        if title:
            supported.add(m.key)
            continue
        if back:
            continue
        if m.rule.split("+")[0] in weak_rules:
            weak_count[m.key] = weak_count.get(m.key, 0) + 1
        else:
            supported.add(m.key)
    supported |= {k for k, n in weak_count.items() if n >= 2}
    return keys - supported


def demote_unsupported(
    doc: Doc,
    matches: list[ConceptMatch],
    *,
    cues: frozenset[str],
    openers: frozenset[str],
    subordinators: frozenset[str],
    survey_nouns: frozenset[str],
    survey_openers: frozenset[str],
    weak_rules: frozenset[str],
    confidence: float,
    bounds: Sequence[tuple[int, int]] | None = None,
    end_of_title: int | None = None,
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every task match of a task :func:`unsupported_keys` finds;
    other matches pass through (kept as mentions, not asserted)."""
    # only tasks with a mention above ``confidence`` can lose anything (issue 7: speed)
    live = {m.key for m in matches if m.type == "task" and m.confidence > confidence}
    tasks = [m for m in matches if m.type == "task" and m.key in live]
    if not tasks:
        return matches
    bounds = sentence_bounds(doc) if bounds is None else bounds
    starts = [a for a, _ in bounds]
    end_of_title = title_end(doc) if end_of_title is None else end_of_title
    strings = doc.vocab.strings
    # lower-case hashes, decoded only where a decision reads them (issue 7: speed)
    lower = doc.to_array("LOWER")

    def words(a: int, b: int) -> list[str]:
        return [strings[o] for o in lower[a:b].tolist()]

    background = [
        in_background_context(
            words(starts[max(0, bisect_right(starts, m.start) - 1)], m.start),
            cues,
            openers,
            subordinators,
        )
        for m in tasks
    ]
    # the abstract's survey nouns with the word before each ("this survey")
    hits = numpy.flatnonzero(numpy.isin(lower, [strings[w] for w in survey_nouns])).tolist()
    around = [w for i in hits if i > end_of_title for w in words(i - 1, i + 1)]
    demote = unsupported_keys(
        tasks,
        in_title=[m.start < end_of_title for m in tasks],
        background=background,
        weak_rules=weak_rules,
        survey=is_survey(words(0, end_of_title), around, survey_nouns, survey_openers),
    )
    if not demote:
        return matches
    return [
        ConceptMatch(
            m.start, m.end, m.type, m.key, min(m.confidence, confidence), m.rule + "+unsupported"
        )
        if m.type == "task" and m.key in demote
        else m
        for m in matches
    ]


def merge_variants(
    matches: list[ConceptMatch], known: frozenset[str], head_of: dict[str, str]
) -> list[ConceptMatch]:
    """Map free task phrases onto the one vocabulary task of the paper with the same head
    word ("pneumothorax classification" beside "image classification" is image
    classification: one task, one entity; issue 15, item 2).

    Args:
        matches: the document's resolved matches.
        known: keys of vocabulary tasks.
        head_of: task key -> its head word, for vocabulary tasks.

    Returns:
        The matches, free task phrases relabelled where exactly one vocabulary task of the
        paper shares their head.

    >>> m = [ConceptMatch(0, 2, "task", "imageclassification", 0.9, "vocab"),
    ...      ConceptMatch(5, 7, "task", "pneumothoraxclassification", 0.55, "pattern")]
    >>> [x.key for x in merge_variants(m, frozenset({"imageclassification"}),
    ...                                {"imageclassification": "classification"})]
    ['imageclassification', 'imageclassification']
    """
    by_head: dict[str, set[str]] = {}
    for m in matches:
        if m.type == "task" and m.key in known and m.key in head_of:
            by_head.setdefault(head_of[m.key], set()).add(m.key)
    if not by_head:
        return matches
    out = []
    for m in matches:
        if m.type == "task" and m.key not in known:
            head = _phrase_head(m.key, by_head)
            if head is not None and len(by_head[head]) == 1:
                m = ConceptMatch(
                    m.start,
                    m.end,
                    m.type,
                    next(iter(by_head[head])),
                    m.confidence,
                    m.rule + "+variant",
                )
        out.append(m)
    return out


def merge_free_variants(
    matches: list[ConceptMatch], words: Sequence[tuple[str, ...]], known: frozenset[str]
) -> list[ConceptMatch]:
    """Map a free task phrase onto a shorter free task phrase of the paper that ends it
    ("inertial attitude estimation" beside "attitude estimation" is attitude estimation: one
    task, one entity; issue 15, item 2). The shorter phrase needs two words at least, so a
    bare head ("estimation") never absorbs anything.

    Args:
        matches: the document's resolved matches.
        words: per match, its lower-cased words (same order).
        known: keys of vocabulary tasks (left alone: :func:`merge_variants` maps onto them).

    >>> m = [ConceptMatch(0, 2, "task", "attitudeestimation", 0.55, "p"),
    ...      ConceptMatch(5, 8, "task", "inertialattitudeestimation", 0.55, "p")]
    >>> w = [("attitude", "estimation"), ("inertial", "attitude", "estimation")]
    >>> [x.key for x in merge_free_variants(m, w, frozenset())]
    ['attitudeestimation', 'attitudeestimation']
    """
    free = {
        w: m.key
        for m, w in zip(matches, words, strict=True)
        if m.type == "task" and m.key not in known
    }
    if len(free) < 2:
        return matches
    out = []
    for m, w in zip(matches, words, strict=True):
        if m.type == "task" and m.key not in known:
            shorter = next((free[w[i:]] for i in range(1, len(w) - 1) if w[i:] in free), None)
            if shorter is not None and shorter != m.key:
                m = ConceptMatch(m.start, m.end, m.type, shorter, m.confidence, m.rule + "+variant")
        out.append(m)
    return out


def _phrase_head(key: str, heads: Iterable[str]) -> str | None:
    """The head word among ``heads`` that the normalised phrase key ends with (longest first)."""
    for head in sorted(heads, key=len, reverse=True):
        if key.endswith(normalize_key(head)) and key != normalize_key(head):
            return head
    return None


def image_task_variants(
    matches: list[ConceptMatch],
    known: frozenset[str],
    image_heads: dict[str, str],
    image_keys: frozenset[str],
) -> list[ConceptMatch]:
    """In a paper whose modalities are all images, a free task phrase with an image-task head
    is that image task ("pneumothorax classification" is image classification; GUIDELINES:
    one task, one entity; issue 15, item 2).

    Args:
        matches: the document's resolved matches.
        known: keys of vocabulary tasks (left alone).
        image_heads: head word -> image task key ("classification" -> "imageclassification").
        image_keys: keys of image modalities.

    >>> m = [ConceptMatch(0, 1, "modality", "ct", 0.9, "v"),
    ...      ConceptMatch(2, 4, "task", "tumorclassification", 0.55, "p")]
    >>> [x.key for x in image_task_variants(
    ...     m, frozenset(), {"classification": "imageclassification"}, frozenset({"ct"}))]
    ['ct', 'imageclassification']
    >>> m[0] = ConceptMatch(0, 1, "modality", "clinicaltext", 0.9, "v")
    >>> [x.key for x in image_task_variants(
    ...     m, frozenset(), {"classification": "imageclassification"}, frozenset({"ct"}))]
    ['clinicaltext', 'tumorclassification']
    """
    modalities = {m.key for m in matches if m.type == "modality"}
    if not modalities or not modalities <= image_keys:
        return matches
    out = []
    for m in matches:
        if m.type == "task" and m.key not in known:
            head = _phrase_head(m.key, image_heads)
            if head is not None:
                m = ConceptMatch(
                    m.start, m.end, m.type, image_heads[head], m.confidence, m.rule + "+image"
                )
        out.append(m)
    return out


def modalities_inside_tasks(
    candidates: Sequence[ConceptMatch], resolved: Sequence[ConceptMatch], image_keys: frozenset[str]
) -> list[ConceptMatch]:
    """Image modalities named inside a task phrase that overlap resolution dropped
    ("chest X-ray report generation": the longer "chest X-ray report" won over "chest
    X-ray"; issue 15, item 6). Returns the matches to add: per task, the longest image
    modality candidate inside it that is not already resolved.

    >>> task = ConceptMatch(0, 4, "task", "reportgeneration", 0.9, "v")
    >>> rep = ConceptMatch(0, 3, "modality", "radiologyreport", 0.9, "v")
    >>> cxr = ConceptMatch(0, 2, "modality", "chestxray", 0.9, "v")
    >>> [m.key for m in modalities_inside_tasks([task, rep, cxr], [task, rep],
    ...                                         frozenset({"chestxray"}))]
    ['chestxray']
    """
    have = {(m.start, m.end, m.key) for m in resolved if m.type == "modality"}
    have_keys = {m.key for m in resolved if m.type == "modality"}
    out: list[ConceptMatch] = []
    for task in (m for m in resolved if m.type == "task"):
        inside = [
            c
            for c in candidates
            if c.type == "modality"
            and task.start <= c.start
            and c.end <= task.end
            and c.key in image_keys
            and (c.start, c.end, c.key) not in have
            and c.key not in have_keys
        ]
        if inside:
            best = max(inside, key=lambda c: (c.end - c.start, c.confidence))
            out.append(best)
            have_keys.add(best.key)
    return out


# --------------------------------------------------------------------------------------------
# the component
# --------------------------------------------------------------------------------------------


@Language.factory(
    "kg_concepts",
    default_config={"schemes_dir": None, "use_abbreviations": True},
    assigns=["doc.spans"],
)
def make_concepts(
    nlp: Language,
    name: str,
    schemes_dir: str | None,
    use_abbreviations: bool,
) -> ConceptRecognizer:
    """Create the ``kg_concepts`` component (see :class:`ConceptRecognizer`); its word lists,
    gates and compound rules come from ``initialize``."""
    return ConceptRecognizer(
        nlp,
        name,
        vocabulary=load_vocabulary(schemes_dir),
        use_abbreviations=use_abbreviations,
    )


class ConceptRecognizer:
    """Find modality, task and metric mentions; write ``doc.spans["kg_concepts"]``.

    Sets on each span: ``label_`` (type), ``kb_id_`` (concept key), ``._.kg_confidence``,
    ``._.kg_extractor`` (rule id: ``vocab:pref``, ``vocab:alt``, ``gate:<id>``,
    ``abbreviation``, ``pattern:<id>``). Reads ``doc._.abbreviations`` when present.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_concepts",
        *,
        vocabulary: Vocabulary,
        use_abbreviations: bool = True,
        confidence: dict[str, float] | None = None,
    ) -> None:
        self.name = name
        self.vocabulary = vocabulary
        self.use_abbreviations = use_abbreviations
        self.confidence = dict(DEFAULT_CONFIDENCE if confidence is None else confidence)
        self._nlp = nlp
        self._configure(nlp, {})

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        """Load the word lists, gates and compound rules.

        Args:
            get_examples: unused (nothing is trained).
            nlp: the pipeline (its tokenizer builds the phrase patterns).
            patterns: pattern groups from ``kg.read_patterns.v1``; reads
                :data:`CONCEPT_PATTERN_FILES`.
        """
        self._configure(nlp or self._nlp, patterns or {})

    def _configure(self, nlp: Language, patterns: dict[str, list[dict[str, Any]]]) -> None:
        vocabulary = self.vocabulary
        rows = list(patterns.get("concepts_wordlists", ()))
        pattern_rows = list(patterns.get("concepts_patterns", ()))
        self.wordlists = read_wordlists(rows + pattern_rows)
        self.gates = read_gates(patterns.get("concepts_gates", ()), self.wordlists)
        self.rules = [r for r in pattern_rows if "id" in r]
        self.generic = self.wordlists.get("generic_modifiers", frozenset())
        self.not_modifier = self.wordlists.get("not_modifier", frozenset())
        self.rollup_types = self.wordlists.get("rollup_types")
        self.non_image_modalities = self.wordlists.get("non_image_modalities", frozenset())
        self.no_rollup = self.wordlists.get("no_rollup_concepts", frozenset())
        self._labels = {t: vocabulary.label_index(t) for t in CONCEPT_TYPES}
        self._gate_by_id = {g.id: g for g in self.gates}
        #: whether any gate reads the title (only then is the title end computed)
        self._title_gates = any(g.pass_title for g in self.gates)
        self._ancestors = {
            (c.type, c.key): vocabulary.ancestors(c.type, c.key)
            for c in vocabulary.concepts
            if c.broader
        }
        self.own_work_cues = self.wordlists.get("own_work_cues", frozenset())
        #: the concept types a paper may name only as background (then not asserted)
        self.background_types = self.wordlists.get("background_types", frozenset({"task"}))
        self.method_tasks = self.wordlists.get("method_tasks", frozenset())
        self.background_cues = self.wordlists.get("background_cues", frozenset())
        self.background_openers = self.wordlists.get("background_openers", frozenset())
        self.background_subordinators = self.wordlists.get("background_subordinators", frozenset())
        self.survey_nouns = self.wordlists.get("survey_nouns", frozenset())
        self.survey_openers = self.wordlists.get("survey_openers", frozenset())
        self.weak_task_rules = self.wordlists.get("weak_task_rules", frozenset())
        tasks = [c for c in vocabulary.concepts if c.type == "task"]
        self._known_tasks = frozenset(c.key for c in tasks)
        #: head word of each vocabulary task ("image classification" -> "classification")
        self._task_heads = {
            c.key: singularize(c.pref_label.split()[-1].lower())
            for c in tasks
            if c.pref_label.split()
        }
        self._image_task_heads: dict[str, str] = next(
            (dict(r["image_modality_heads"]) for r in pattern_rows if "image_modality_heads" in r),
            {},
        )
        self._image_keys = frozenset(
            c.key
            for c in vocabulary.concepts
            if c.type == "modality" and c.key not in self.non_image_modalities
        )
        self._build_matchers(nlp)

    # -- wiring -------------------------------------------------------------------------------

    def _build_matchers(self, nlp: Language) -> None:
        gated_surfaces = {s.lower() for g in self.gates for s in g.surface}
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        #: match id string -> (type, key, kind)
        self._entries: dict[str, tuple[str, str, str]] = {}
        lower: dict[str, list[str]] = {}
        orth: dict[str, list[str]] = {}
        for concept in self.vocabulary.concepts:
            if concept.type not in CONCEPT_TYPES:
                continue
            for label, kind in self._labelled(concept):
                sensitive = is_case_sensitive(label)
                variants = label_variants(label)
                if sensitive:  # a case-sensitive label may open a sentence ("Brain MRI ...")
                    variants += [v[:1].upper() + v[1:] for v in variants if v[:1].islower()]
                for i, variant in enumerate(variants):
                    if variant.lower() in gated_surfaces:
                        continue
                    entry = f"{concept.type}|{concept.key}|{kind if i == 0 else 'variant'}"
                    target = orth if sensitive else lower
                    target.setdefault(entry, []).append(variant)
        for target, matcher in ((lower, self._lower), (orth, self._orth)):
            for entry, texts in target.items():
                matcher.add(entry, list(nlp.tokenizer.pipe(sorted(set(texts)))))
        self._gate_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._gate_orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        for gate in self.gates:
            if not gate.surface:
                continue
            matcher = self._gate_orth if gate.case_sensitive else self._gate_lower
            matcher.add(gate.id, list(nlp.tokenizer.pipe(gate.surface)))
        self._token_rules = Matcher(nlp.vocab)
        for rule in self.rules:
            if "token_regex" in rule:
                self._token_rules.add(rule["id"], [[{"TEXT": {"REGEX": rule["token_regex"]}}]])
        self._list_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._openers: dict[str, list[list[str]]] = {}
        for rule in self.rules:
            if rule.get("list_cues"):
                self._list_cues.add(rule["id"], list(nlp.tokenizer.pipe(rule["list_cues"])))
                self._openers[rule["id"]] = sorted(
                    (o.lower().split() for o in rule.get("openers", [])), key=len, reverse=True
                )
        self._rule_by_id = {r["id"]: r for r in self.rules}
        self._verb_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._verb_nominal: dict[str, dict[str, str]] = {}
        self._verb_stop: dict[str, frozenset[str]] = {}
        for rule in self.rules:
            if "verbs" not in rule:
                continue
            forms = {
                form: nominal
                for base, nominal in rule["verbs"].items()
                for form in verb_forms(base)
            }
            self._verb_nominal[rule["id"]] = forms
            self._verb_stop[rule["id"]] = expand_wordlist(rule.get("object_stop"), self.wordlists)
            cues = sorted(set(forms) | set(rule.get("nominals_of", [])))
            self._verb_cues.add(rule["id"], list(nlp.tokenizer.pipe(cues)))
        #: rule id -> words that end a compound's modifiers (the shared list plus the rule's own)
        self._modifier_stop = {
            r["id"]: self.not_modifier | expand_wordlist(r["modifier_stop"], self.wordlists)
            for r in self.rules
            if "modifier_stop" in r
        }
        self._free_block_next = {
            r["id"]: frozenset(w.lower() for w in r["free_block_next"])
            for r in self.rules
            if "free_block_next" in r
        }
        self._block_next = {
            r["id"]: expand_wordlist(r["block_next"], self.wordlists)
            for r in self.rules
            if "block_next" in r
        }
        self._heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in self.rules:
            heads = list(rule.get("heads", [])) + list(rule.get("cue_after", []))
            if heads:
                self._heads.add(rule["id"], list(nlp.tokenizer.pipe(heads)))

    @staticmethod
    def _labelled(concept: Concept) -> Iterable[tuple[str, str]]:
        yield concept.pref_label, "pref"
        for label in concept.alt_labels:
            yield label, "alt"
        for label in concept.hidden_labels:
            yield label, "variant"

    # -- running ------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        matches = self.vocabulary_matches(doc)
        abbreviations = self.abbreviation_map(doc)
        matches += self.abbreviation_matches(doc, abbreviations)
        # not doc.text, which creates every Token object (a third of the component's time)
        text = text_of(doc)
        matches += self.gated_matches(doc, matches, abbreviations, text)
        matches += self.compound_matches(doc)
        matches += self.token_rule_matches(doc, text)
        matches += self.task_list_matches(doc)
        matches += self.verb_object_matches(doc)
        matches = self.drop_defined_otherwise(doc, matches, abbreviations)
        matches = [m for m in matches if not glued_to_name(doc, m.start, m.end)]
        resolved = resolve_overlaps(matches)
        resolved = self.apply_doc_rules(resolved)
        resolved = merge_variants(resolved, self._known_tasks, self._task_heads)
        resolved = merge_free_variants(
            resolved,
            [
                span_words(doc, m.start, m.end)
                if m.type == "task" and m.key not in self._known_tasks
                else ()
                for m in resolved
            ],
            self._known_tasks,
        )
        resolved = image_task_variants(
            resolved, self._known_tasks, self._image_task_heads, self._image_keys
        )
        inside = modalities_inside_tasks(matches, resolved, self._image_keys)
        if inside:
            resolved = sorted([*resolved, *inside], key=lambda m: (m.start, m.type))
        resolved = roll_up_to_specific(
            resolved, self._ancestors, types=self.rollup_types, exclude=self.no_rollup
        )
        if self.method_tasks:
            resolved = demote_keys(
                resolved, self.method_tasks, confidence=self.confidence["background"], tag="method"
            )
        has_tasks = any(m.type in self.background_types for m in resolved)
        bounds = sentence_bounds(doc) if has_tasks else []
        # title_end without the text would join every token's text again
        end_of_title = title_end(doc, text=text) if has_tasks else 0
        if self.own_work_cues:
            resolved = demote_background(
                doc,
                resolved,
                cues=self.own_work_cues,
                confidence=self.confidence["background"],
                bounds=bounds,
                end_of_title=end_of_title,
                types=self.background_types,
            )
        if self.background_cues:
            resolved = demote_unsupported(
                doc,
                resolved,
                bounds=bounds,
                end_of_title=end_of_title,
                cues=self.background_cues,
                openers=self.background_openers,
                subordinators=self.background_subordinators,
                survey_nouns=self.survey_nouns,
                survey_openers=self.survey_openers,
                weak_rules=self.weak_task_rules,
                confidence=self.confidence["background"],
            )
        spans = []
        for m in resolved:
            span = Span(doc, m.start, m.end, label=m.type, kb_id=m.key)
            span._.kg_confidence = m.confidence
            span._.kg_extractor = m.rule
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc

    def vocabulary_matches(self, doc: Doc) -> list[ConceptMatch]:
        """Vocabulary labels and their variants (not the gated short forms)."""
        out = []
        for matcher in (self._lower, self._orth):
            for match_id, start, end in matcher(doc):
                etype, key, kind = doc.vocab.strings[match_id].split("|")
                out.append(
                    ConceptMatch(start, end, etype, key, self.confidence[kind], f"vocab:{kind}")
                )
        return out

    def abbreviation_map(self, doc: Doc) -> dict[str, tuple[str, str] | None]:
        """Short form text -> (type, concept key) its long form names, or None if it names none."""
        if not self.use_abbreviations or not Doc.has_extension("abbreviations"):
            return {}
        result: dict[str, tuple[str, str] | None] = {}
        for short in doc._.abbreviations or []:
            long_form = getattr(short._, "long_form", None)
            if long_form is None:
                continue
            result[short.text] = self.lookup(long_form.text)
        return result

    def lookup(self, text: str) -> tuple[str, str] | None:
        """Return (type, key) of the concept a phrase names, trying its singular form too."""
        words = text.split()
        candidates = [text]
        if words:
            candidates.append(" ".join([*words[:-1], singularize(words[-1])]))
        for candidate in candidates:
            norm = normalize_key(candidate)
            for etype in CONCEPT_TYPES:
                key = self._labels[etype].get(norm)
                if key:
                    return etype, key
        return None

    def abbreviation_matches(
        self, doc: Doc, abbreviations: dict[str, tuple[str, str] | None]
    ) -> list[ConceptMatch]:
        """Every occurrence of a short form whose defining long form is a concept label."""
        out = []
        wanted = {short: target for short, target in abbreviations.items() if target is not None}
        if not wanted:
            return out
        for i, text in enumerate(token_texts(doc)):
            for short, target in wanted.items():
                if text == short or text == short + "s":
                    out.append(
                        ConceptMatch(
                            i,
                            i + 1,
                            target[0],
                            target[1],
                            self.confidence["abbreviation"],
                            "abbreviation",
                        )
                    )
        return out

    def gated_matches(
        self,
        doc: Doc,
        found: Sequence[ConceptMatch],
        abbreviations: dict[str, tuple[str, str] | None],
        text: str | None = None,
    ) -> list[ConceptMatch]:
        """Ambiguous surface forms that their context gate accepts (``text``: ``doc.text`` if
        already known)."""
        raw = list(self._gate_lower(doc)) + list(self._gate_orth(doc))
        if not raw:
            return []
        words = doc_words(doc.text if text is None else text)
        bounds = sentence_bounds(doc)
        end_of_title = title_end(doc, text=text) if self._title_gates else 0
        starts_by_type: dict[str, list[int]] = {}
        for m in found:
            starts_by_type.setdefault(m.type, []).append(m.start)
        for match_id, start, _end in raw:
            gate = self._gate_by_id[doc.vocab.strings[match_id]]
            starts_by_type.setdefault(gate.type, []).append(start)
        out = []
        for match_id, start, end in raw:
            gate = self._gate_by_id[doc.vocab.strings[match_id]]
            span = doc[start:end]
            abbreviation_concept: str | None = None
            if span.text in abbreviations:
                target = abbreviations[span.text]
                abbreviation_concept = (
                    target[1] if target is not None and target[0] == gate.type else ""
                )
            if gate_accepts(
                gate,
                span,
                doc_words=words,
                near_starts=starts_by_type.get(gate.near_type, []),
                abbreviation_concept=abbreviation_concept,
                sentence=sentence_of(bounds, start),
                in_title=start < end_of_title,
            ):
                out.append(
                    ConceptMatch(
                        start,
                        end,
                        gate.type,
                        gate.concept,
                        self.confidence["gated"],
                        f"gate:{gate.id}",
                    )
                )
        return out

    def compound_matches(self, doc: Doc) -> list[ConceptMatch]:
        """Task compounds ("<modifiers> <head>") and phrases named as tasks ("X task")."""
        out = []
        for match_id, start, end in self._heads(doc):
            rule_id = doc.vocab.strings[match_id]
            rule = next(r for r in self.rules if r["id"] == rule_id)
            if "cue_after" in rule and doc[start:end].text.lower() in {
                c.lower() for c in rule["cue_after"]
            }:
                m = self._named_task(doc, rule, start)
            else:
                m = self._compound(doc, rule, start, end)
            if m is not None:
                out.append(m)
        return out

    def task_list_matches(self, doc: Doc) -> list[ConceptMatch]:
        """Items listed right after "tasks" ("three tasks: A, B, and C", "tasks such as A and
        B")."""
        out: list[ConceptMatch] = []
        bounds: list[tuple[int, int]] | None = None
        for match_id, start, _end in self._list_cues(doc):
            rule = next(r for r in self.rules if r["id"] == doc.vocab.strings[match_id])
            i = start + 1
            for opener in self._openers[rule["id"]]:
                if [t.lower_ for t in doc[i : i + len(opener)]] == opener:
                    i += len(opener)
                    break
            else:
                continue
            if bounds is None:
                bounds = sentence_bounds(doc)
            out.extend(self._list_items(doc, rule, i, sentence_of(bounds, start)[1]))
        return out

    def _list_items(
        self, doc: Doc, rule: dict[str, Any], i: int, end_of_sent: int
    ) -> list[ConceptMatch]:
        out: list[ConceptMatch] = []
        start = i
        max_tokens = int(rule.get("max_item_tokens", 5))
        items: list[tuple[int, int]] = []
        j = i
        while j <= end_of_sent and len(items) < int(rule.get("max_items", 8)):
            tok = doc[j] if j < end_of_sent else None
            if tok is None or tok.text in {",", ";", ")", "and", "or", "."}:
                if j > start:
                    items.append((start, j))
                if tok is None or tok.text in {")", "."}:
                    break
                start = j + 1
            j += 1
        for a, b in items:
            while a < b and doc[a].lower_ in {"and", "or", "the", "a", "an", "("}:
                a += 1
            if b - a < 1 or b - a > max_tokens:
                return []  # not a list of short task names: give up on the whole list
            words = [t.text for t in doc[a:b]]
            if not all(t.is_alpha or t.text in {"-", "&"} for t in doc[a:b]):
                continue
            if any(t.lower_ in LIST_ITEM_BREAKERS for t in doc[a:b]):
                continue
            if doc[a:b].text[:1].isupper() and not doc[a].is_sent_start:
                continue
            if doc[b - 1].lower_ in self.not_modifier:
                continue
            found = self.lookup(doc[a:b].text)
            if found and found[0] != rule["type"]:
                continue
            key = found[1] if found else phrase_key(words, self.generic)
            out.append(
                ConceptMatch(
                    a,
                    b,
                    rule["type"],
                    key,
                    float(rule.get("confidence", 0.6)),
                    f"pattern:{rule['id']}",
                )
            )
        return out

    def verb_object_matches(self, doc: Doc) -> list[ConceptMatch]:
        """Tasks stated as a verb and its object ("classify skin lesion images", "generate
        radiology reports", "extracting entities and relations") or as "<nominal> of <object>"
        ("generation of reports"): "<object> <nominal>" must be a vocabulary label of the
        rule's type, so only known tasks are found this way."""
        out: list[ConceptMatch] = []
        for match_id, start, _end in self._verb_cues(doc):
            rule = self._rule_by_id[doc.vocab.strings[match_id]]
            cue = doc[start].lower_
            nominal = self._verb_nominal[rule["id"]].get(cue)
            first = start + 1
            if nominal is None:  # "<nominal> of <object>"
                if first >= len(doc) or doc[first].lower_ != "of":
                    continue
                nominal, first = cue, first + 1
            stop = self._verb_stop[rule["id"]]
            for seg, i in object_segments(
                doc, first, max_tokens=int(rule.get("max_object_tokens", 6)), stop=stop
            ):
                word = singularize(doc[i].lower_)
                candidates = [f"{word} {nominal}"]
                if i > first and doc[i - 1].is_alpha:
                    candidates.insert(0, f"{doc[i - 1].lower_} {word} {nominal}")
                for candidate in candidates:
                    found = self.lookup(candidate)
                    if found and found[0] == rule["type"]:
                        # a coordinated object gets its head only: two spans of one extent
                        # would share their ._ values with a modality span ("CT and MR images")
                        span_start = start if seg == first else i
                        out.append(
                            ConceptMatch(
                                span_start,
                                i + 1,
                                rule["type"],
                                found[1],
                                float(rule.get("confidence", 0.7)),
                                f"pattern:{rule['id']}",
                            )
                        )
                        break
        return out

    def token_rule_matches(self, doc: Doc, text: str | None = None) -> list[ConceptMatch]:
        """One-token metrics at a cut-off ("nDCG@10", "R@5") mapped by their prefix."""
        out: list[ConceptMatch] = []
        # the only token rules are "<metric>@k"; skip the slow REGEX matcher without an "@"
        if text is not None:
            if "@" not in text:
                return out
        else:
            strings = doc.vocab.strings
            if not any("@" in strings[int(h)] for h in numpy.unique(doc.to_array("ORTH"))):
                return out
        for match_id, start, end in self._token_rules(doc):
            rule = next(r for r in self.rules if r["id"] == doc.vocab.strings[match_id])
            prefix = doc[start].text.split("@", 1)[0].lower()
            key = rule.get("prefix_concepts", {}).get(prefix)
            if key:
                out.append(
                    ConceptMatch(
                        start,
                        end,
                        rule["type"],
                        key,
                        float(rule.get("confidence", 0.85)),
                        f"pattern:{rule['id']}",
                    )
                )
        return out

    def _compound(
        self, doc: Doc, rule: dict[str, Any], start: int, end: int
    ) -> ConceptMatch | None:
        head = end - 1
        first = extend_left(
            doc,
            head,
            stop=self._modifier_stop.get(rule["id"], self.not_modifier),
            max_words=int(rule.get("max_modifiers", 3)),
            stop_suffixes=tuple(rule.get("stop_suffixes", ())),
            keep=frozenset(rule.get("keep_suffix_words", ())),
        )
        if first == head:
            return None
        words = [t.text for t in doc[first:end]]
        # the longest suffix that is a vocabulary label decides the concept ("temporal relation
        # extraction" -> relation extraction); single-word suffixes only for absorbing heads.
        for i in range(first, head):
            found = self.lookup(doc[i:end].text)
            if found and found[0] == rule["type"]:
                if all(t.lower_ in self.generic for t in doc[first:i]) or i < head:
                    return ConceptMatch(
                        first,
                        end,
                        rule["type"],
                        found[1],
                        self.confidence["compound_known"],
                        f"pattern:{rule['id']}",
                    )
        head_l = doc[head].lower_
        if rule["type"] == "modality":
            return self._image_kind(doc, rule, first, head, end)
        image_task = rule.get("image_modality_heads", {}).get(head_l)
        if image_task and self._names_image_modality(doc, first, head):
            # "synthetic chest radiograph generation" -> image generation (issue 3)
            return ConceptMatch(
                first,
                end,
                rule["type"],
                image_task,
                self.confidence["compound_known"],
                f"pattern:{rule['id']}",
            )
        absorb = rule.get("absorb_heads", {})
        if head_l in absorb:
            return ConceptMatch(
                first,
                end,
                rule["type"],
                absorb[head_l],
                self.confidence["compound_known"],
                f"pattern:{rule['id']}",
            )
        if head_l in set(rule.get("task_heads_strict", [])):
            nxt = _neighbour(doc, end)
            if nxt is None or nxt.lower_ not in {"task", "tasks"}:
                return None
        content = [t for t in doc[first:head] if t.lower_ not in self.generic and t.text != "-"]
        if not content:
            return None
        nxt = _neighbour(doc, end)
        if nxt is not None and nxt.lower_ in self._free_block_next.get(rule["id"], frozenset()):
            return None
        # "International Classification of Diseases": part of a name
        if opens_proper_name([t.text for t in doc[first : end + 2]], end - first):
            return None
        return ConceptMatch(
            first,
            end,
            rule["type"],
            phrase_key(words, self.generic),
            self.confidence["pattern"],
            f"pattern:{rule['id']}",
        )

    def _image_kind(
        self, doc: Doc, rule: dict[str, Any], first: int, head: int, end: int
    ) -> ConceptMatch | None:
        """'<kind> images': the modality its modifiers name ("endoscopy images", "fundus
        photos"), else the free phrase "<kind> image" ("aerial images")."""
        nxt = _neighbour(doc, end)
        if nxt is not None and nxt.lower_ in self._block_next.get(rule["id"], frozenset()):
            return None  # "global image features", "image encoder": not image data
        for a in range(first, head):
            found = self.lookup(doc[a:head].text)
            if found and found[0] == "modality":
                return ConceptMatch(
                    first,
                    end,
                    "modality",
                    found[1],
                    self.confidence["compound_known"],
                    f"pattern:{rule['id']}",
                )
        content = [t for t in doc[first:head] if t.lower_ not in self.generic and t.text != "-"]
        if not content:
            return None
        words = [t.text for t in doc[first:end]]
        return ConceptMatch(
            first,
            end,
            "modality",
            phrase_key(words, self.generic),
            self.confidence["pattern"],
            f"pattern:{rule['id']}",
        )

    def _names_image_modality(self, doc: Doc, first: int, head: int) -> bool:
        """Whether some word run in ``doc[first:head]`` is an imaging modality label."""
        for a in range(first, head):
            for b in range(head, a, -1):
                found = self.lookup(doc[a:b].text)
                if found and found[0] == "modality" and found[1] not in self.non_image_modalities:
                    return True
        return False

    def _named_task(self, doc: Doc, rule: dict[str, Any], cue: int) -> ConceptMatch | None:
        if cue == 0:
            return None
        end = cue
        last = doc[end - 1]
        if last.lower_ in self.not_modifier or not last.is_alpha or not last.is_lower:
            return None
        if not last.lower_.endswith(tuple(rule.get("nominal_suffixes", ()))):
            return None
        first = extend_left(
            doc, end - 1, stop=self.not_modifier, max_words=int(rule.get("max_modifiers", 4)) - 1
        )
        forbidden = expand_wordlist(rule.get("single_word_forbidden"), self.wordlists)
        if first == end - 1 and last.lower_ in forbidden:
            return None
        words = [t.text for t in doc[first:end]]
        found = self.lookup(doc[first:end].text)
        if found and found[0] == rule["type"]:
            return ConceptMatch(
                first,
                end,
                rule["type"],
                found[1],
                self.confidence["compound_known"],
                f"pattern:{rule['id']}",
            )
        content = [t for t in doc[first:end] if t.lower_ not in self.generic and t.text != "-"]
        if not content:
            return None
        return ConceptMatch(
            first,
            end,
            rule["type"],
            phrase_key(words, self.generic),
            self.confidence["pattern"],
            f"pattern:{rule['id']}",
        )

    def drop_defined_otherwise(
        self,
        doc: Doc,
        matches: list[ConceptMatch],
        abbreviations: dict[str, tuple[str, str] | None],
    ) -> list[ConceptMatch]:
        """Drop matches built on a short form that the text defines as something else
        ("clinical trials (CT)" ... "CT images" is then not computed tomography). A match
        that names the same concept with the short form spelled out stays ("out-of-distribution
        (OOD)" ... "OOD detection" is out-of-distribution detection)."""
        if not abbreviations:
            return matches
        out = []
        long_forms: dict[str, str] | None = None
        for m in matches:
            if m.rule != "abbreviation":
                defined = [
                    abbreviations[t.text] for t in doc[m.start : m.end] if t.text in abbreviations
                ]
                if any(target is None or target != (m.type, m.key) for target in defined):
                    if long_forms is None:
                        long_forms = self.long_forms(doc)
                    if self.lookup(spell_out(doc, m.start, m.end, long_forms)) != (m.type, m.key):
                        continue
            out.append(m)
        return out

    def long_forms(self, doc: Doc) -> dict[str, str]:
        """Short form text -> the text of its long form, for the abbreviations of the Doc."""
        out: dict[str, str] = {}
        for short in doc._.abbreviations or []:
            long_form = getattr(short._, "long_form", None)
            if long_form is not None:
                out[short.text] = long_form.text
        return out

    def apply_doc_rules(self, matches: list[ConceptMatch]) -> list[ConceptMatch]:
        """Document-level rules of the gates file (e.g. "3D volume" only without another
        modality)."""
        drop = {(g.type, g.concept) for g in self.gates if g.drop_if_other_of_type}
        if not drop:
            return matches
        present: dict[str, set[str]] = {}
        for m in matches:
            present.setdefault(m.type, set()).add(m.key)
        return [
            m
            for m in matches
            if (m.type, m.key) not in drop or not (present.get(m.type, set()) - {m.key})
        ]


def glued_to_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a match is part of a hyphenated name or compound ("MIMIC-CXR", "part-of-speech",
    "CXR-LLaVA"), where it does not denote the concept. "CT-based" and "MR-to-CT" stay.

    >>> import spacy
    >>> d = spacy.blank("en")("MIMIC-CXR and CT-based models and CXR-LLaVA")
    >>> glued_to_name(d, 2, 3), glued_to_name(d, 4, 5), glued_to_name(d, 9, 10)
    (True, False, True)
    """
    if (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
    ):
        before = doc[start - 2]
        if before.is_alpha or any(c.isdigit() for c in before.text):
            # "MR-to-CT" / "CT-to-MR": a conversion between two modalities keeps both
            if before.lower_ not in {
                "to",
                "and",
                "or",
                "vs",
                "non",
                "pre",
                "post",
                "multi",
                "cross",
            }:
                return True
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
    ):
        after = doc[end + 1]
        if after.text[:1].isupper() or after.text[:1].isdigit():
            return True
    return False


def roll_up_to_specific(
    matches: list[ConceptMatch],
    ancestors: dict[tuple[str, str], frozenset[str]],
    *,
    types: frozenset[str] | None = None,
    exclude: frozenset[str] = frozenset(),
) -> list[ConceptMatch]:
    """Relabel mentions of a concept whose only mentioned descendant is one narrower concept.

    A paper that says "chest X-rays" and later "X-rays" uses one modality, the chest X-ray
    (GUIDELINES treats "chest X-ray" as an alias of "X-ray"); linking it to the narrower
    concept keeps ``skos:broader*`` queries for X-ray working. With two mentioned
    descendants (chest X-ray and mammography) the broader mention stays as it is.

    Args:
        matches: the document's resolved matches.
        ancestors: (type, key) -> keys of all broader concepts (``Vocabulary.ancestors``).
        types: the types to roll up (all when None). Tasks are left out by default
            (``concepts_wordlists.jsonl``: "rollup_types"): the GUIDELINES list narrower tasks
            as labels of their own (relation extraction and information extraction, VQA and
            question answering), so a paper naming both has two tasks (issue 3).
        exclude: concept keys that are never the target of a roll-up ("mammography" is its own
            GUIDELINES label, not a kind of "X-ray" mention).
    """
    keys_by_type: dict[str, set[str]] = {}
    for m in matches:
        if (types is None or m.type in types) and m.key not in exclude:
            keys_by_type.setdefault(m.type, set()).add(m.key)
    replace: dict[tuple[str, str], str] = {}
    for etype, keys in keys_by_type.items():
        for key in keys:
            below = [k for k in keys if k != key and key in ancestors.get((etype, k), ())]
            # keep only the most specific of the mentioned descendants
            leaves = [
                k
                for k in below
                if not any(k in ancestors.get((etype, o), ()) for o in below if o != k)
            ]
            if len(leaves) == 1:
                replace[(etype, key)] = leaves[0]
    if not replace:
        return matches
    return [
        ConceptMatch(
            m.start, m.end, m.type, replace[(m.type, m.key)], m.confidence, m.rule + "+rollup"
        )
        if (m.type, m.key) in replace
        else m
        for m in matches
    ]
