"""Saved SPARQL queries: ``queries/*.rq`` files with ``#+`` header lines.

Each file is one query; its name (the file stem) is its API path segment under
``/queries/``. Header lines at the top of the file describe it (see ``queries/README.md``)::

    #+ summary: Papers that use a dataset
    #+ description: Every paper linked to the dataset by mkg:usesDataset or mkg:introducesDataset.
    #+ param: dataset dataset — the dataset (a slug such as mimiccxr, or its full IRI)
    #+ param: year integer [2024] — only papers issued that year
    #+ tags: datasets, papers

A required or optional-empty parameter gives an example value as ``(e.g. VALUE)`` after its type or
default (``#+ param: dataset dataset (e.g. mimiccxr) — …``): benchmarks, tests and ``/docs`` run the
query with it. A parameter ``name`` is the query variable ``?name``. Its value is bound by
substitution (:meth:`kg.store.KnowledgeStore.query` ``bindings``), never spliced into the text, so
no value can change the query's meaning.

>>> q = parse_saved_query('''#+ summary: Papers using a dataset
... #+ param: dataset dataset — the dataset
... SELECT ?paper WHERE { ?paper mkg:usesDataset ?dataset }''', name="papers_using_dataset")
>>> q.summary, [p.name for p in q.params], q.params[0].required
('Papers using a dataset', ['dataset'], True)
>>> bind_params(q, {"dataset": "mimiccxr"})["dataset"]
rdflib.term.URIRef('https://w3id.org/medkg/resource/dataset/mimiccxr')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.entity_types import TYPE_NAMES
from kg.errors import InputError
from kg.ids import BASE

#: Parameter types, and the entity types whose values may be given as a bare slug.
ENTITY_PARAM_TYPES: tuple[str, ...] = ("paper", *TYPE_NAMES)
PARAM_TYPES: tuple[str, ...] = (
    "iri",
    "string",
    "integer",
    "decimal",
    "boolean",
    "date",
    *ENTITY_PARAM_TYPES,
)
#: Indexes a saved query may be answered from (``#+ index:``): the store's text index
#: (``search``) or its browse index (``browse``, :mod:`kg.store.answers`).
INDEXES: tuple[str, ...] = ("search", "browse")
#: Names the API uses itself; a parameter may not take them.
RESERVED_PARAMS = frozenset({"limit", "offset", "format"})

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADER = re.compile(r"^#\+\s*([A-Za-z_][\w-]*)\s*:\s?(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>[A-Za-z-]+)"
    r"(?:\s+\[(?P<default>[^\]]*)\])?"
    r"(?:\s+\(e\.g\.\s+(?P<example>[^)\s]+)\))?"
    r"\s*(?:(?:—|–|--|-)\s*(?P<description>.*))?$"
)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]+$")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.~-]*$")


class SavedQueryError(InputError):
    """A saved query file or a parameter value is not valid."""


@dataclass(frozen=True)
class QueryParam:
    """One typed parameter of a saved query.

    Attributes:
        name: the parameter and query variable name.
        type: one of :data:`PARAM_TYPES`.
        default: the value used when the caller gives none (None: required).
        description: what it means, for ``/docs``.
        sample: an example value written as ``(e.g. VALUE)`` after the default.
    """

    name: str
    type: str
    default: str | None = None
    description: str = ""
    sample: str | None = None

    @property
    def required(self) -> bool:
        """Whether a caller must give a value."""
        return self.default is None

    @property
    def example(self) -> str | None:
        """A value to try the query with: the ``(e.g. …)`` one, else a non-empty default."""
        return self.sample or self.default or None


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: its text and what its header says.

    Attributes:
        name: the file stem, used as ``/queries/{name}``.
        summary: a one-line title.
        description: a longer explanation (may be empty).
        params: typed parameters.
        tags: free keywords, for grouping in ``/docs`` and the query page.
        sparql: the full file text (header comments are valid SPARQL comments).
        path: the file it was read from (None for a string).
        index: the store's index that answers the query as its SPARQL would (``#+ index:``,
            e.g. ``search`` for the text index), or None: SPARQL only.
    """

    name: str
    summary: str
    description: str
    params: tuple[QueryParam, ...]
    tags: tuple[str, ...]
    sparql: str
    path: Path | None = None
    index: str | None = None


def parse_saved_query(text: str, *, name: str, path: Path | None = None) -> SavedQuery:
    """Parse a saved query file's text.

    Raises:
        SavedQueryError: for a bad name, header, type or parameter.
    """
    where = str(path) if path else name
    if not _NAME.match(name):
        raise SavedQueryError(f"{where}: the query name {name!r} must be lower_snake_case")
    summary = ""
    descriptions: list[str] = []
    params: list[QueryParam] = []
    tags: list[str] = []
    index: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "summary":
            summary = value
        elif key == "description":
            descriptions.append(value)
        elif key == "tags":
            tags.extend(t.strip() for t in value.split(",") if t.strip())
        elif key == "param":
            params.append(_parse_param(value, where=f"{where}:{number}"))
        elif key == "index":
            if value not in INDEXES:
                raise SavedQueryError(
                    f"{where}:{number}: unknown index {value!r} (known: {', '.join(INDEXES)})"
                )
            index = value
        else:
            raise SavedQueryError(f"{where}:{number}: unknown header '#+ {key}:'")
    if not summary:
        raise SavedQueryError(f"{where}: a saved query needs a '#+ summary:' line")
    seen: set[str] = set()
    for param in params:
        if param.name in seen:
            raise SavedQueryError(f"{where}: parameter {param.name!r} is declared twice")
        seen.add(param.name)
        if not re.search(rf"[?$]{re.escape(param.name)}\b", _strip_comments(text)):
            raise SavedQueryError(
                f"{where}: parameter {param.name!r} is not used as ?{param.name} in the query"
            )
    return SavedQuery(
        name, summary, " ".join(descriptions), tuple(params), tuple(tags), text, path, index
    )


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _parse_param(value: str, *, where: str) -> QueryParam:
    match = _PARAM.match(value)
    if not match:
        raise SavedQueryError(
            f"{where}: '#+ param: {value}' is not 'name type [default] — description'"
        )
    name, kind = match.group("name"), match.group("type").lower()
    if kind not in PARAM_TYPES:
        raise SavedQueryError(f"{where}: unknown parameter type {kind!r}; use one of {PARAM_TYPES}")
    if name in RESERVED_PARAMS:
        raise SavedQueryError(f"{where}: {name!r} is reserved for pagination/format")
    param = QueryParam(
        name,
        kind,
        match.group("default"),
        (match.group("description") or "").strip(),
        match.group("example"),
    )
    # a bad default or example is the file's error, found when the file is loaded
    for given in (param.default, param.sample):
        if given:
            convert_value(param, given)
    return param


def load_queries(directory: Path) -> dict[str, SavedQuery]:
    """Load every ``*.rq`` file of ``directory``, by name (sorted).

    Raises:
        SavedQueryError: naming the first invalid file.
    """
    queries: dict[str, SavedQuery] = {}
    if not directory.is_dir():
        return queries
    for path in sorted(directory.glob("*.rq")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise SavedQueryError(f"{path}: cannot read the saved query: {e}") from e
        queries[path.stem] = parse_saved_query(text, name=path.stem, path=path)
    return queries


def convert_value(param: QueryParam, raw: str) -> Node:
    """Convert one parameter value to the RDF term bound to its variable.

    >>> convert_value(QueryParam("n", "integer"), "42")
    rdflib.term.Literal('42', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))

    Raises:
        SavedQueryError: if the value does not fit the type.
    """
    value = raw.strip()
    kind = param.type
    try:
        if kind == "string":
            return Literal(raw)
        if kind == "integer":
            if not re.fullmatch(r"[+-]?\d{1,30}", value):
                raise ValueError
            return Literal(str(int(value)), datatype=XSD.integer)
        if kind == "decimal":
            number = Decimal(value)
            if not number.is_finite():
                raise ValueError
            return Literal(str(number), datatype=XSD.decimal)
        if kind == "boolean":
            lowered = value.lower()
            if lowered not in {"true", "false", "1", "0"}:
                raise ValueError
            return Literal("true" if lowered in {"true", "1"} else "false", datatype=XSD.boolean)
        if kind == "date":
            return Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
        if kind == "iri":
            if not _IRI.match(value):
                raise ValueError
            return URIRef(value)
        # an entity type: a slug of that type, or the full IRI of one
        prefix = f"{BASE}{kind}/"
        slug = value[len(prefix) :] if value.startswith(prefix) else value
        if not _SLUG.match(slug):
            raise ValueError
        return URIRef(prefix + slug)
    except (ValueError, InvalidOperation) as e:
        raise SavedQueryError(
            f"parameter {param.name!r}: {raw!r} is not a valid {_describe(kind)}"
        ) from e


def _describe(kind: str) -> str:
    if kind in ENTITY_PARAM_TYPES:
        return f"{kind} (a slug such as 'example' or an IRI under {BASE}{kind}/)"
    return {"iri": "absolute IRI", "date": "date (YYYY-MM-DD)"}.get(kind, kind)


def bind_params(query: SavedQuery, values: Mapping[str, str | None]) -> dict[str, Node]:
    """Validate the caller's values and return the variable bindings of ``query``.

    Parameters with no value take their default; a missing required one is an error.

    Raises:
        SavedQueryError: for a missing required parameter or a value of the wrong type.
    """
    bindings: dict[str, Node] = {}
    for param in query.params:
        raw = values.get(param.name)
        if raw is None or raw == "":
            if param.default is None:
                raise SavedQueryError(
                    f"parameter {param.name!r} is required ({_describe(param.type)})"
                )
            if param.default == "":
                continue  # declared optional with an empty default: leave the variable free
            raw = param.default
        bindings[param.name] = convert_value(param, raw)
    return bindings


__all__ = [
    "ENTITY_PARAM_TYPES",
    "INDEXES",
    "PARAM_TYPES",
    "QueryParam",
    "SavedQuery",
    "SavedQueryError",
    "bind_params",
    "convert_value",
    "load_queries",
    "parse_saved_query",
]
