"""Abbreviation pairs from scispaCy's ``abbreviation_detector``, as plain token offsets.

The pipeline runs scispaCy's Schwartz & Hearst detector (``abbreviation_detector``). It stores each
occurrence of a short form in ``doc._.abbreviations`` with its long form in ``span._.long_form`` (a
Span; a dict when the detector is configured ``make_serializable``). This module turns either
representation into :class:`AbbreviationPair` records that the entity extractor uses to give
"Segment Anything Model" and every "SAM" of a document one key.

The detector itself is scispaCy's; ``kg_abbreviation_detector`` registers it with one change
for speed (issue 7): its "( ... )" candidates come from :func:`parenthesis_matches` over the
ORTH array instead of a spaCy ``Matcher`` with a ``{"OP": "+"}`` wildcard, which built a Token
object for every token of every Doc (0.17 → 0.04 ms per abstract). The candidates, their order
and so the detector's output are the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scispacy.abbreviation import AbbreviationDetector, filter_matches
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

#: scispaCy's filter drops candidates longer than this many tokens inside the brackets
_MAX_INSIDE = 8


def parenthesis_matches(orths: list[int], open_id: int, close_id: int) -> list[tuple[int, int]]:
    """Every "(" … ")" token pair with at least one token between, as (start, end) offsets.

    The same pairs, in the same order (by end, then latest start first), as scispaCy's
    ``Matcher`` pattern ``[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]``, less those with more
    than 8 tokens inside, which its ``filter_matches`` drops anyway.

    >>> parenthesis_matches([1, 9, 2, 1, 9, 2], 1, 2)  # "( a ) ( b )": the outer pair too
    [(0, 3), (3, 6), (0, 6)]
    """
    out: list[tuple[int, int]] = []
    opens: list[int] = []
    for j, orth in enumerate(orths):
        if orth == open_id:
            opens.append(j)
        elif orth == close_id and opens:
            for i in reversed(opens):
                if j - i - 1 > _MAX_INSIDE:
                    break
                if j - i >= 2:
                    out.append((i, j + 1))
    return out


@Language.factory("kg_abbreviation_detector", default_config={"make_serializable": False})
def make_abbreviation_detector(
    nlp: Language, name: str, make_serializable: bool
) -> FastAbbreviationDetector:
    """scispaCy's ``abbreviation_detector`` with a faster bracket scan (see the module
    docstring)."""
    return FastAbbreviationDetector(nlp, name=name, make_serializable=make_serializable)


#: a version tag written after a short form in its brackets: "(TUSZ v2.0.0)", "(ABC v2)"
_VERSION_TAG = re.compile(r"^[vV]\d+(?:\.\d+)*$")


def _before_version_tag(doc: Doc, start: int, end: int) -> int:
    """The end of a bracket's short form: a version tag after one word, a comma allowed
    between, is not part of it, so "Temple University Hospital EEG Seizure Corpus (TUSZ
    v2.0.0)" and "(TUSZ, v2.0.0)" define "TUSZ" (issue 15, item 3: a name and its long form
    are one entity; branch names16: the comma). A semicolon after one word ends the short form
    too: "clinically significant prostate cancer (csPCa; grade group 2 or higher)"."""
    if end - start == 2 and _VERSION_TAG.match(doc[start + 1].text):
        return start + 1
    if end - start == 3 and doc[start + 1].text == "," and _VERSION_TAG.match(doc[start + 2].text):
        return start + 1
    if end - start > 2 and doc[start + 1].text == ";":
        return start + 1  # "(csPCa; grade group 2 or higher)": a note after the short form
    return end


class FastAbbreviationDetector(AbbreviationDetector):
    """scispaCy's Schwartz & Hearst detector; writes ``doc._.abbreviations`` exactly as it does."""

    def __init__(
        self, nlp: Language, name: str = "abbreviation_detector", make_serializable: bool = False
    ) -> None:
        super().__init__(nlp, name=name, make_serializable=make_serializable)
        self._open = nlp.vocab.strings.add("(")
        self._close = nlp.vocab.strings.add(")")

    def __call__(self, doc: Doc) -> Doc:
        pairs = parenthesis_matches(doc.to_array(ORTH).tolist(), self._open, self._close)
        if not pairs:
            return doc
        filtered = filter_matches(
            [(0, start + 1, _before_version_tag(doc, start + 1, end - 1)) for start, end in pairs],
            doc,
        )
        if not filtered:
            return doc
        for long_form, short_forms in self.find_matches_for(filtered, doc):
            for short in short_forms:
                short._.long_form = long_form
                doc._.abbreviations.append(short)
        if self.make_serializable:
            doc._.abbreviations = [
                self.make_short_form_serializable(a) for a in doc._.abbreviations
            ]
        return doc


@dataclass(frozen=True, slots=True)
class AbbreviationPair:
    """One occurrence of a short form and the long form that defines it (token offsets)."""

    short_start: int
    short_end: int
    long_start: int
    long_end: int
    short_text: str
    long_text: str


def abbreviation_pairs(doc: Doc) -> tuple[AbbreviationPair, ...]:
    """Return every short-form occurrence the detector found, with its long form.

    Works with the detector's plain and serialisable outputs, and returns ``()`` when the
    detector is not in the pipeline.

    Args:
        doc: a processed Doc.

    Returns:
        Pairs in document order of the short form.
    """
    if not Doc.has_extension("abbreviations"):
        return ()
    pairs: list[AbbreviationPair] = []
    for item in doc._.abbreviations or ():
        if isinstance(item, dict):
            pairs.append(
                AbbreviationPair(
                    int(item["short_start"]),
                    int(item["short_end"]),
                    int(item["long_start"]),
                    int(item["long_end"]),
                    str(item["short_text"]),
                    str(item["long_text"]),
                )
            )
        elif isinstance(item, Span):
            long_form = item._.long_form if Span.has_extension("long_form") else None
            if isinstance(long_form, Span):
                pairs.append(
                    AbbreviationPair(
                        item.start,
                        item.end,
                        long_form.start,
                        long_form.end,
                        item.text,
                        long_form.text,
                    )
                )
    pairs.sort(key=lambda p: (p.short_start, p.long_start))
    return tuple(pairs)


def long_form_by_short(pairs: tuple[AbbreviationPair, ...]) -> dict[str, AbbreviationPair]:
    """Index pairs by short-form text (first definition wins).

    >>> p = AbbreviationPair(5, 6, 1, 4, "SAM", "Segment Anything Model")
    >>> long_form_by_short((p,))["SAM"].long_text
    'Segment Anything Model'
    """
    index: dict[str, AbbreviationPair] = {}
    for pair in pairs:
        index.setdefault(pair.short_text, pair)
    return index
