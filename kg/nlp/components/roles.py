"""Role of a name: does the paper introduce it, or only use it? (issue 3, deliverable 3)

A mention is *introduced* when the paper itself creates it: "we introduce/present/propose/
release X", "This paper introduces X", "the creation of X", "our X", "the proposed X", "a model
named X", "X, a novel ...", "X is proposed in this work". The title prefix ("X: ...") is handled
by the caller. Everything else is *used*.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from kg.nlp.components.lexicon import Lexicon

if TYPE_CHECKING:
    from kg.nlp.components.names import Unit

_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "two", "three", "both"})
_BE = frozenset({"is", "are", "was", "were", "be", "been"})
_PASSIVE_SUBJECTS = frozenset({"we", "us", "our", "this", "here", "herein"})


def used_as_adjective(previous: str, lexicon: Lexicon) -> bool:
    """Whether an introduce verb ("open-source", "released", "curated") after the word
    ``previous`` modifies a noun rather than states the paper's act: after a determiner or
    quantifier ("several open-source LLMs", "the released checkpoints"; issue 15, item 4).

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "quantifier", "text": "several"}]},
    ...                             parse_known_entities([]))
    >>> used_as_adjective("several", lex), used_as_adjective("we", lex)
    (True, False)
    """
    return previous in lexicon.quantifiers


def mention_introduced(
    doc: Doc,
    units: Sequence[Unit],
    first: int,
    last: int,
    lexicon: Lexicon,
    sent_of: Sequence[int],
) -> bool:
    """Return True when the text presents the name at units ``first..last`` as its own.

    Args:
        doc: the Doc (unused beyond the units; kept for symmetry with other helpers).
        units: the Doc's units (``kg.nlp.components.names.doc_units``).
        first, last: unit range of the mention.
        lexicon: cue lexicon (``roles`` patterns).
        sent_of: sentence index of each unit.

    Returns:
        Whether a role cue marks the mention as introduced.
    """
    sid = sent_of[first]
    n = len(units)

    def low(k: int) -> str:
        return units[k].text.lower()

    # "our X", "the proposed X", "the resulting (model,) X"
    k = first - 1
    heads = lexicon.name_heads
    while (
        k >= 0
        and first - k <= 4
        and sent_of[k] == sid
        and (low(k) in _DETERMINERS or low(k) == "," or low(k) in heads)
    ):
        k -= 1
    if k >= 0 and sent_of[k] == sid and low(k) in lexicon.own_markers:
        return True
    # "a framework named X", "dubbed X", "namely X"
    for j in range(first - 1, max(first - 4, -1), -1):
        if sent_of[j] != sid:
            break
        if low(j) in lexicon.naming_verbs:
            return True
    # "X, a novel ...", "X, the first ...", "X (ours)"
    k = last + 1
    if k + 1 < n and sent_of[k] == sid:
        if units[k].text == "(" and low(k + 1) == "ours":
            return True
        if units[k].text == "," and low(k + 1) in {"a", "an", "the", "our"}:
            for j in range(k + 1, min(n, k + 5)):
                if sent_of[j] != sid:
                    break
                if low(j) in lexicon.novelty:
                    return True
    # passive: "X is proposed in this paper"
    if k + 1 < n and low(k) in _BE:
        j = k + 1
        if j < n and low(j) in {"newly", "first", "hereby"}:
            j += 1
        if j < n and low(j) in lexicon.introduce_verbs:
            sentence = {low(m) for m in range(n) if sent_of[m] == sid}
            if sentence & _PASSIVE_SUBJECTS or (
                {"paper", "work", "study"} & sentence and "this" in sentence
            ):
                return True
    # "we introduce (a new dataset,) X" / "This paper presents X" / "the creation of X"
    for j in range(first - 1, max(first - 16, -1), -1):
        if sent_of[j] != sid:
            return False
        w = low(j)
        if w in lexicon.introduce_verbs and used_as_adjective(
            low(j - 1) if j >= 1 and sent_of[j - 1] == sid else "", lexicon
        ):
            continue  # "several open-source LLMs (X, Y)": not the paper's verb
        if w in lexicon.introduce_verbs or w in lexicon.introduce_nouns:
            return any(
                low(m) in lexicon.subjects for m in range(j - 1, -1, -1) if sent_of[m] == sid
            )
        if (
            w == "of"
            and j >= 1
            and (low(j - 1) in lexicon.introduce_nouns or low(j - 1) in lexicon.released_parts)
        ):
            continue  # "the creation of X", "we release the weights of X"
        if w in lexicon.role_blockers:
            return False
        if units[j].shape == "strong" and not lexicon.is_stopped(units[j].text):
            return False
    return False
