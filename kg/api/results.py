"""Result formats: content negotiation and limit-aware writers for SPARQL results.

Pure code (no pyoxigraph import, no FastAPI): it runs in the query worker processes, which
write the response body there and hand the main process finished bytes (issue 4).

SELECT results are written row by row here rather than by Oxigraph's serializer so that a
response can stop at a row boundary when it reaches ``max_result_rows`` or
``max_response_bytes`` and still be a complete, valid document.

>>> negotiate("text/csv;q=0.5, application/sparql-results+json", SELECT_TYPES)
'json'
>>> negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", GRAPH_TYPES)
'turtle'
>>> negotiate("image/png", SELECT_TYPES) is None
True
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from kg.store import term_parts

#: Media types for SELECT/ASK results, best first (the first is the default).
SELECT_TYPES: tuple[tuple[str, str], ...] = (
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("application/javascript", "json"),
    ("text/javascript", "json"),
)

#: Media types for CONSTRUCT/DESCRIBE results and RDF pages, best first.
GRAPH_TYPES: tuple[tuple[str, str], ...] = (
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("application/x-turtle", "turtle"),
    ("application/turtle", "turtle"),
    ("text/n3", "turtle"),
    ("application/n3", "turtle"),
    ("text/plain", "ntriples"),
    ("application/json", "jsonld"),
    ("application/x-json+ld", "jsonld"),
    ("application/xml", "rdfxml"),
    ("text/xml", "rdfxml"),
)

#: The Content-Type sent for each format.
MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}

#: Values of the ``format`` request parameter, per query form. SPARQLWrapper sends
#: ``format=xml`` for RDF/XML graphs and ``format=n3`` for Turtle-compatible N3.
SELECT_ALIASES: dict[str, str] = {
    "json": "json",
    "srj": "json",
    "xml": "xml",
    "srx": "xml",
    "csv": "csv",
    "tsv": "tsv",
}
GRAPH_ALIASES: dict[str, str] = {
    "turtle": "turtle",
    "ttl": "turtle",
    "n3": "turtle",
    "ntriples": "ntriples",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "json": "jsonld",
    "rdfxml": "rdfxml",
    "rdf": "rdfxml",
    "rdf+xml": "rdfxml",
    "xml": "rdfxml",
}

_BROWSER_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media if "/" in media else media + "/*", q))
    return ranges


def _matches(media_range: str, media_type: str) -> bool:
    if media_range == "*/*":
        return True
    if media_range.endswith("/*"):
        return media_type.startswith(media_range[:-1])
    return media_range == media_type


def _specificity(media_range: str) -> int:
    return 0 if media_range == "*/*" else 1 if media_range.endswith("/*") else 2


def negotiate(accept: str | None, table: Sequence[tuple[str, str]]) -> str | None:
    """Pick a format from ``table`` for an ``Accept`` header; None when nothing fits (406).

    No header, an empty one, ``*/*`` and a browser's header (one naming ``text/html``) get the
    default, the first row of ``table``: SPARQL JSON for SELECT/ASK and Turtle for graphs.
    Otherwise, as RFC 9110 (section 12.5.1) says, a format gets the ``q`` of the most specific
    range that matches one of its media types (so ``text/*;q=0`` or ``text/turtle;q=0``
    excludes Turtle whatever ``*/*`` says), and the highest ``q`` wins; at equal ``q`` an
    exact type beats a wildcard, then the client's order, then the table's.

    >>> negotiate("text/*;q=0, */*", GRAPH_TYPES)
    'jsonld'
    >>> # text/turtle is rated 0.2 by its own range; text/plain (N-Triples) 0.5 by text/*
    >>> negotiate("text/*;q=0.5, text/turtle;q=0.2, application/ld+json;q=0.4", GRAPH_TYPES)
    'ntriples'
    """
    if accept is None or not accept.strip():
        return table[0][1]
    ranges = _parse_accept(accept)
    if not ranges or any(m in _BROWSER_TYPES and q > 0 for m, q in ranges):
        return table[0][1]
    # per format, the most specific range matching any of its media types decides
    decided: dict[str, tuple[int, int, float, int]] = {}
    for row, (media_type, fmt) in enumerate(table):
        for i, (media_range, q) in enumerate(ranges):
            if _matches(media_range, media_type):
                candidate = (_specificity(media_range), -i, q, row)
                if fmt not in decided or candidate[:2] > decided[fmt][:2]:
                    decided[fmt] = candidate
    best: tuple[tuple[float, int, int, int], str] | None = None
    for fmt, (specificity, position, q, row) in decided.items():
        if q <= 0:
            continue
        key = (-q, -specificity, -position, row)
        if best is None or key < best[0]:
            best = (key, fmt)
    return None if best is None else best[1]


def format_from_param(value: str, table: Sequence[tuple[str, str]]) -> str | None:
    """Resolve a ``format=`` parameter (short name or media type) against ``table``.

    >>> format_from_param("xml", GRAPH_TYPES), format_from_param("xml", SELECT_TYPES)
    ('rdfxml', 'xml')
    """
    wanted = value.strip().lower()
    aliases = GRAPH_ALIASES if table is GRAPH_TYPES else SELECT_ALIASES
    fmt = aliases.get(wanted)
    if fmt is None:
        fmt = next((f for m, f in table if m == wanted.split(";")[0].strip()), None)
    return fmt


# --- writers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """A finished response body and what limits shaped it.

    Attributes:
        body: the serialized document.
        rows: solutions (or triples) it carries.
        truncated: None, ``rows`` or ``bytes``: which limit cut the result short.
        has_more: rows exist past the requested page (``limit``), for pagination links.
    """

    body: bytes
    rows: int
    truncated: str | None
    has_more: bool


def _json_term(term: Any) -> dict[str, Any]:
    kind, value, datatype, language = term_parts(term)
    if kind == "triple":
        s, p, o = value
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(s),
                "predicate": _json_term(p),
                "object": _json_term(o),
            },
        }
    out: dict[str, Any] = {"type": kind, "value": value}
    if language:
        out["xml:lang"] = language
    elif datatype:
        out["datatype"] = datatype
    return out


#: characters XML 1.0 cannot carry at all, not even as character references
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: str) -> str:
    """``value`` escaped for XML; ValueError if it holds a character XML 1.0 cannot carry."""
    bad = _NOT_XML.search(value)
    if bad:
        raise ValueError(
            f"a value holds U+{ord(bad.group()):04X}, which XML 1.0 cannot carry, so the "
            "result cannot be written as SPARQL XML; ask for JSON, CSV or TSV instead"
        )
    return escape(value)


def _xml_term(term: Any) -> str:
    kind, value, datatype, language = term_parts(term)
    if kind == "uri":
        return f"<uri>{_xml_text(value)}</uri>"
    if kind == "bnode":
        return f"<bnode>{_xml_text(value)}</bnode>"
    if kind == "triple":
        s, p, o = value
        return (
            f"<triple><subject>{_xml_term(s)}</subject><predicate>{_xml_term(p)}"
            f"</predicate><object>{_xml_term(o)}</object></triple>"
        )
    attrs = ""
    if language:
        attrs = f" xml:lang={quoteattr(language)}"
    elif datatype:
        attrs = f" datatype={quoteattr(datatype)}"
    return f"<literal{attrs}>{_xml_text(value)}</literal>"


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    kind, value, _datatype, _language = term_parts(term)
    if kind == "bnode":
        return f"_:{value}"
    if kind == "triple":
        return str(term)
    return str(value)


def _tsv_value(term: Any) -> str:
    # Oxigraph's str() is the N-Triples form, which TSV results use; N-Triples leaves tabs
    # unescaped inside literals, which would break the columns.
    return "" if term is None else str(term).replace("\t", "\\t")


class _SelectWriter:
    """Header, row and footer bytes of one SELECT result format."""

    def __init__(self, fmt: str, variables: Sequence[str]) -> None:
        self.fmt = fmt
        self.variables = list(variables)
        self.first = True

    def header(self) -> bytes:
        if self.fmt == "json":
            return (
                '{"head":{"vars":'
                + json.dumps(self.variables, ensure_ascii=False)
                + '},"results":{"bindings":['
            ).encode()
        if self.fmt == "xml":
            head = "".join(f"<variable name={quoteattr(v)}/>" for v in self.variables)
            return (
                '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head>{head}</head><results>"
            ).encode()
        if self.fmt == "csv":
            return self._csv_line(self.variables)
        return ("\t".join("?" + v for v in self.variables) + "\n").encode()

    def row(self, values: Sequence[Any]) -> bytes:
        if self.fmt == "json":
            binding = {
                v: _json_term(t)
                for v, t in zip(self.variables, values, strict=True)
                if t is not None
            }
            text = json.dumps(binding, ensure_ascii=False, separators=(",", ":"))
            if self.first:
                self.first = False
                return text.encode()
            return ("," + text).encode()
        if self.fmt == "xml":
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(self.variables, values, strict=True)
                if t is not None
            )
            return f"<result>{cells}</result>".encode()
        if self.fmt == "csv":
            return self._csv_line([_csv_value(t) for t in values])
        return ("\t".join(_tsv_value(t) for t in values) + "\n").encode()

    def footer(self) -> bytes:
        if self.fmt == "json":
            return b"]}}"
        if self.fmt == "xml":
            return b"</results></sparql>"
        return b""

    @staticmethod
    def _csv_line(values: Sequence[str]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(values)
        return buffer.getvalue().encode()


def write_select(
    variables: Sequence[str],
    solutions: Iterable[Any],
    fmt: str,
    *,
    offset: int = 0,
    limit: int | None = None,
    max_rows: int,
    max_bytes: int,
) -> Written:
    """Write SELECT solutions as ``fmt`` (json/xml/csv/tsv), within the limits.

    Args:
        variables: projected variable names.
        solutions: iterable of solutions, each a sequence of terms (None when unbound).
        fmt: result format short name.
        offset: solutions to skip first (pagination).
        limit: page size; rows past it set ``has_more`` instead of ``truncated``.
        max_rows: the endpoint's row cap; rows past it set ``truncated="rows"``.
        max_bytes: the endpoint's size cap; the document stops at the last row that fits.
    """
    writer = _SelectWriter(fmt, variables)
    parts = [writer.header()]
    footer = writer.footer()
    size = len(parts[0]) + len(footer)
    page = max_rows if limit is None else min(limit, max_rows)
    rows = 0
    truncated: str | None = None
    has_more = False
    iterator = iter(solutions)
    for _ in range(offset):
        if next(iterator, None) is None:
            break
    for solution in iterator:
        if rows >= page:
            if limit is not None and limit <= max_rows:
                has_more = True
            else:
                truncated = "rows"
            break
        chunk = writer.row(list(solution))
        if size + len(chunk) > max_bytes:
            truncated = "bytes"
            break
        parts.append(chunk)
        size += len(chunk)
        rows += 1
    parts.append(footer)
    return Written(b"".join(parts), rows, truncated, has_more)


def take_triples(
    triples: Iterable[Any],
    *,
    offset: int = 0,
    limit: int | None = None,
    max_rows: int,
    max_bytes: int,
) -> tuple[list[Any], str | None, bool]:
    """The triples of a CONSTRUCT/DESCRIBE page, cut at the row and (N-Triples) size caps.

    Returns:
        The kept triples, which limit cut them (None, ``rows`` or ``bytes``), and whether
        more triples exist past ``limit``.
    """
    page = max_rows if limit is None else min(limit, max_rows)
    kept: list[Any] = []
    size = 0
    iterator = iter(triples)
    for _ in range(offset):
        if next(iterator, None) is None:
            break
    for triple in iterator:
        if len(kept) >= page:
            if limit is not None and limit <= max_rows:
                return kept, None, True
            return kept, "rows", False
        size += len(str(triple)) + 3
        if size > max_bytes:
            return kept, "bytes", False
        kept.append(triple)
    return kept, None, False


__all__ = [
    "GRAPH_ALIASES",
    "GRAPH_TYPES",
    "MEDIA_TYPES",
    "SELECT_ALIASES",
    "SELECT_TYPES",
    "Written",
    "format_from_param",
    "negotiate",
    "take_triples",
    "write_select",
]
