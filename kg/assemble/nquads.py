"""N-Quads terms written as text, straight from Python values.

The assembler writes each quad as one N-Quads line instead of building rdflib term objects:
a build writes ~170 quads per paper, and creating and re-serialising rdflib Literals was the
largest cost of the build after the NLP itself (issue 7). The escaping here is the whole of
what N-Quads requires of a string literal.

>>> lit('say "hi"\\n')
'"say \\\\"hi\\\\"\\\\n"'
>>> typed("5", XSD_INTEGER)
'"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
"""

from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import XSD

XSD_INTEGER = str(XSD.integer)
XSD_DECIMAL = str(XSD.decimal)
XSD_BOOLEAN = str(XSD.boolean)

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_SURROGATE = re.compile("[\ud800-\udfff]")


def iri(value: str) -> str:
    """An IRI term: ``<value>`` (the value must already be a valid IRI, as kg.ids mints)."""
    return f"<{value}>"


def lit(text: str, lang: str | None = None) -> str:
    """A plain (xsd:string) or language-tagged literal.

    A lone UTF-16 surrogate (possible in JSON input) cannot be written as UTF-8; it becomes
    U+FFFD rather than failing the whole build.
    """
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    body = f'"{text.translate(_ESCAPES)}"'
    return f"{body}@{lang}" if lang else body


def typed(lexical: str, datatype: str) -> str:
    """A typed literal with an XSD (or other) datatype IRI."""
    return f'"{lexical.translate(_ESCAPES)}"^^<{datatype}>'


def boolean(value: bool) -> str:
    """An xsd:boolean literal."""
    return TRUE if value else FALSE


def quad(s: str, p: str, o: str, g: str) -> str:
    """One N-Quads line from already-serialised terms."""
    return f"{s} {p} {o} {g} .\n"


def term_of(node: URIRef) -> str:
    """An rdflib IRI (e.g. an ontology term from kg.vocab) as an N-Quads term."""
    return f"<{node}>"


TRUE = typed("true", XSD_BOOLEAN)
FALSE = typed("false", XSD_BOOLEAN)
