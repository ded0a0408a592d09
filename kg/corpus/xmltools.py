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
    """Return the element's whole text (inline markup such as ``<i>`` flattened), cleaned."""
    return "" if element is None else clean_text("".join(element.itertext()))


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
