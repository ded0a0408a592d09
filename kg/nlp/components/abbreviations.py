"""Abbreviation pairs from scispaCy's ``abbreviation_detector``, as plain token offsets.

The pipeline runs scispaCy's Schwartz & Hearst detector (``abbreviation_detector``). It stores
each occurrence of a short form in ``doc._.abbreviations`` with its long form in
``span._.long_form`` (a Span; a dict when the detector is configured ``make_serializable``). This module turns either
representation into :class:`AbbreviationPair` records that the entity extractor uses to give
"Segment Anything Model" and every "SAM" of a document one key.

Nothing here is registered as a component: the detector itself is scispaCy's.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span


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
                        item.start, item.end, long_form.start, long_form.end, item.text, long_form.text
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
