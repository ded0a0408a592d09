"""Streaming XML helpers shared by the arXiv Atom and PubMed readers.

The standard library parser is used: it never fetches external DTDs or entities, and the
expat it ships with (>= 2.4.1) refuses "billion laughs" entity expansion.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kg.corpus.fields import clean_text
from kg.corpus.files import open_binary
from kg.corpus.models import InputProblem, SourceRef


def local_name(tag: str) -> str:
    """Return a tag without its namespace.

    >>> local_name("{http://www.w3.org/2005/Atom}entry")
    'entry'
    """
    return tag.rpartition("}")[2]


def children(element: ET.Element, name: str) -> list[ET.Element]:
    """Return the direct children of ``element`` called ``name``, in any namespace."""
    return [c for c in element if isinstance(c.tag, str) and local_name(c.tag) == name]


def child(element: ET.Element | None, *path: str) -> ET.Element | None:
    """Follow ``path`` (local names) down from ``element``; None when a step is missing."""
    for name in path:
        if element is None:
            return None
        found = children(element, name)
        element = found[0] if found else None
    return element


def text_of(element: ET.Element | None) -> str:
    """Return the element's whole text, inline markup and MathML read as a person writes them.

    ``<i>``, ``<b>`` and the like are flattened; sub- and superscripts and MathML are read by
    :func:`inline_text` (issue 19). The result is cleaned (:func:`clean_text`).

    >>> text_of(ET.fromstring("<T>CO<sub>2</sub> and p<sub>trend</sub>=0.04</T>"))
    'CO₂ and p_trend=0.04'
    """
    return "" if element is None else clean_text(inline_text(element))


_SUPERSCRIPTS = str.maketrans("0123456789+-−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾")
_SUBSCRIPTS = str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")
_SCRIPTABLE = frozenset("0123456789+-−=()")
# MathML accents (``<mover accent="true">``) → the combining mark a person types after the base
_ACCENTS = {
    "˙": "\u0307",
    ".": "\u0307",
    "¨": "\u0308",
    "^": "\u0302",
    "ˆ": "\u0302",
    "¯": "\u0304",
    "‾": "\u0305",
    "~": "\u0303",
    "˜": "\u0303",
    "→": "\u20d7",
}
_MATH_TOKENS = frozenset({"mi", "mn", "mo", "mtext", "ms"})
_MATH_HIDDEN = frozenset({"annotation", "annotation-xml", "mphantom", "none", "mprescripts"})


def superscript(text: str) -> str:
    """A superscript as a person writes it: digits and signs raised, anything else as is.

    >>> superscript("129"), superscript("−1"), superscript("th")
    ('¹²⁹', '⁻¹', 'th')
    """
    stripped = text.strip()
    if stripped and set(stripped) <= _SCRIPTABLE:
        return stripped.translate(_SUPERSCRIPTS)
    return text


def subscript(text: str) -> str:
    """A subscript as a person writes it: leading digits lowered (``O₂max``), a word after
    an underscore (``p_trend``, ``OR_Q3``), so that it never runs into its base.

    >>> subscript("2"), subscript("2max"), subscript("trend"), subscript("Q3")
    ('₂', '₂max', '_trend', '_Q3')
    """
    stripped = text.strip()
    if not stripped:
        return ""
    digits = len(stripped) - len(stripped.lstrip("0123456789+-−"))
    if digits:
        return stripped[:digits].translate(_SUBSCRIPTS) + stripped[digits:]
    return "_" + stripped


def inline_text(element: ET.Element) -> str:
    """The text of an element with its inline markup read (not cleaned).

    ``sub``/``sup`` (and MathML ``msub``, ``msup``, ``msubsup``, ``mmultiscripts`` with
    prescripts, accents of ``mover``, ``mfrac``, ``msqrt``) become the characters a person
    would type: ``<sup>129</sup>Xe`` is ``¹²⁹Xe``, a MathML ``V`` with a dot accent and ``O``
    with subscript ``2max`` is ``V̇O₂max``. Whitespace between MathML elements is layout, not
    text, and is dropped; annotations are skipped.
    """
    return _render(element, math=False)


def _render(element: ET.Element, *, math: bool) -> str:
    name = local_name(element.tag) if isinstance(element.tag, str) else ""
    math = math or name == "math"
    if math:
        return _render_math(element, name)
    parts = [element.text or ""]
    for item in element:
        text = _render(item, math=False)
        item_name = local_name(item.tag) if isinstance(item.tag, str) else ""
        if item_name == "sup":
            text = superscript(text)
        elif item_name == "sub":
            text = subscript(text)
        parts.append(text)
        parts.append(item.tail or "")
    return "".join(parts)


def _render_math(element: ET.Element, name: str) -> str:
    if name in _MATH_HIDDEN:
        return ""
    if name in _MATH_TOKENS:
        return "".join(element.itertext()).strip()
    if name == "mspace":
        return " "
    kids = [c for c in element if isinstance(c.tag, str)]
    rendered = [_render_math(c, local_name(c.tag)) for c in kids]
    if name == "semantics":
        return rendered[0] if rendered else ""
    if name == "msub" and len(rendered) == 2:
        return rendered[0] + subscript(rendered[1])
    if name == "msup" and len(rendered) == 2:
        return rendered[0] + superscript(rendered[1])
    if name == "msubsup" and len(rendered) == 3:
        return rendered[0] + subscript(rendered[1]) + superscript(rendered[2])
    if name == "mover" and len(rendered) == 2 and rendered[1] in _ACCENTS:
        return rendered[0] + _ACCENTS[rendered[1]]
    if name == "mfrac" and len(rendered) == 2:
        return "/".join(r if len(r) <= 1 or r.isalnum() else f"({r})" for r in rendered)
    if name == "msqrt":
        return f"√({''.join(rendered)})"
    if name == "mmultiscripts" and rendered:
        names = [local_name(c.tag) for c in kids]
        split = names.index("mprescripts") if "mprescripts" in names else len(kids)
        post, pre = rendered[1:split], rendered[split + 1 :]

        def scripts(pairs: list[str]) -> str:
            return "".join(
                subscript(pairs[i]) + (superscript(pairs[i + 1]) if i + 1 < len(pairs) else "")
                for i in range(0, len(pairs), 2)
            )

        return scripts(pre) + rendered[0] + scripts(post)
    return "".join(rendered)


def iter_elements(
    path: Path, label: str, names: frozenset[str]
) -> Iterator[tuple[int, ET.Element] | InputProblem]:
    """Yield ``(record_number, element)`` for each element called one of ``names``.

    Each element is cleared after use, so large exports stream in constant memory. Malformed
    XML ends the file with one :class:`InputProblem` naming the parser's line and column;
    the records before it have been yielded.
    """
    count = 0
    try:
        with open_binary(path) as stream:
            for _, element in ET.iterparse(stream, events=("end",)):
                if local_name(element.tag) in names:
                    count += 1
                    yield count, element
                    element.clear()
    except ET.ParseError as e:
        line, column = e.position
        yield InputProblem(
            SourceRef(label, line=line),
            f"malformed XML at line {line}, column {column} ({e.msg.split(':')[0]}); "
            f"{count} record(s) read before it",
        )
