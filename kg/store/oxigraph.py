"""The Oxigraph store itself: the only module that imports pyoxigraph.

Layout of the data in the store (each triple lives in exactly one graph, so the union default
graph that every query sees has no duplicates):

* ``graph/ontology``: the OWL ontology and the SKOS vocabularies;
* ``graph/entities``: descriptions (type, label, altLabels, exactMatch) of datasets, models and
  concepts outside the vocabularies;
* ``graph/paper/<key>``: everything one paper contributes: metadata, links, mentions, results.

Who may write, and how a new store replaces the old one, is :mod:`kg.store.directory`'s
business; this module reads and writes one open store.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import KGError
from kg.store.build_info import read_build_info
from kg.vocab import PREFIXES

Quad = tuple[Node, Node, Node, Node | None]

#: Result formats for SELECT/ASK, by short name.
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}

#: RDF formats for CONSTRUCT/DESCRIBE results and dumps, by short name.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

#: Formats that carry named graphs.
QUAD_FORMATS = frozenset({"nquads", "trig"})


class StoreError(KGError):
    """The store could not be opened, locked, read or written."""


class QueryError(KGError):
    """A SPARQL query or update was rejected; the message is the parser's or evaluator's."""


# --- N-Quads writing ------------------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nq_term(term: Node) -> str:
    """Serialise one rdflib term as N-Quads.

    rdflib's ``n3()`` writes long literals with triple quotes, which N-Quads forbids, so
    literals are escaped here.
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{lexical}@{term.language}"
        if term.datatype is not None:
            return f"{lexical}^^<{term.datatype}>"
        return lexical
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"cannot serialise {term!r} as N-Quads")


def to_nquads(quads: Iterable[Quad]) -> Iterator[str]:
    """Serialise ``(s, p, o, g)`` rdflib terms as N-Quads lines (``g`` None: default graph).

    >>> from rdflib import URIRef, Literal
    >>> next(to_nquads([(URIRef("http://a"), URIRef("http://b"), Literal('say "hi"\\n'), None)]))
    '<http://a> <http://b> "say \\\\"hi\\\\"\\\\n" .\\n'
    """
    for s, p, o, g in quads:
        graph = f" <{g}>" if g is not None else ""
        yield f"{_nq_term(s)} {_nq_term(p)} {_nq_term(o)}{graph} .\n"


# --- query results --------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryOutcome:
    """The result of a SPARQL query, not yet serialised.

    Attributes:
        kind: "select", "ask" or "graph" (CONSTRUCT/DESCRIBE).
        raw: the pyoxigraph result object (solutions, boolean or triples).
    """

    kind: TypingLiteral["select", "ask", "graph"]
    raw: Any

    @property
    def variables(self) -> list[str]:
        """Names of the projected variables of a SELECT (empty otherwise)."""
        if self.kind != "select":
            return []
        return [v.value for v in self.raw.variables]

    def serialize(self, fmt: str) -> bytes:
        """Serialise to ``fmt``: a result format for SELECT/ASK, an RDF format for graphs.

        Raises:
            QueryError: if the format does not fit the query form.
        """
        if self.kind == "graph":
            if fmt not in RDF_FORMATS or fmt in QUAD_FORMATS:
                raise QueryError(
                    f"format {fmt!r} does not fit a CONSTRUCT/DESCRIBE result; use one of "
                    f"{', '.join(sorted(set(RDF_FORMATS) - QUAD_FORMATS))}"
                )
            out = ox.serialize(self.raw, format=RDF_FORMATS[fmt], prefixes=_dump_prefixes(fmt))
            return bytes(out or b"")
        if fmt not in RESULT_FORMATS:
            raise QueryError(
                f"format {fmt!r} does not fit a SELECT/ASK result; use one of "
                f"{', '.join(RESULT_FORMATS)}"
            )
        return bytes(self.raw.serialize(format=RESULT_FORMATS[fmt]) or b"")

    def rows(self) -> Iterator[dict[str, str | None]]:
        """SELECT rows as ``{variable: lexical value or None}`` (IRIs without brackets)."""
        names = self.variables
        for solution in self.raw:
            yield {n: (None if solution[n] is None else solution[n].value) for n in names}


def _dump_prefixes(fmt: str) -> dict[str, str] | None:
    return dict(PREFIXES) if fmt in {"turtle", "trig", "rdfxml", "jsonld"} else None


def _names_its_dataset(sparql: str) -> bool:
    """Whether the query has ``FROM``/``FROM NAMED`` (then it, not the union, is the dataset)."""
    if not re.search(r"from", sparql, re.IGNORECASE):
        return False  # the common case, without lexing
    # The SPARQL lexer of the endpoint's guard (a pure module) tells a FROM keyword from a
    # variable, a string, an IRI or a comment holding the word.
    from kg.sparql_text import has_dataset_clause

    return has_dataset_clause(sparql)


def _graph_node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as e:
        raise QueryError(f"invalid graph IRI {iri!r}: {e}") from e


# --- the store ------------------------------------------------------------------------------


class KnowledgeStore:
    """An Oxigraph store holding the medkg graph, on disk or in memory.

    Use :func:`kg.store.open_store` to read and :func:`kg.store.build_session` to write.
    """

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = path
        #: Written next to the data as ``kg-build.json`` when a build session completes.
        self.build_info: dict[str, Any] = read_build_info(path) if path is not None else {}
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                self._store = ox.Store(str(path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {path}: {e}") from e

    # reading ---------------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        bindings: Mapping[str, Node] | None = None,
        base_iri: str | None = None,
    ) -> QueryOutcome:
        """Run a SPARQL 1.1 query; unless it names a dataset, it sees the whole graph.

        The dataset is, in this order: the protocol's ``default_graph_uris`` and
        ``named_graph_uris`` (when either is given, exactly the graphs they name), else the
        query's ``FROM`` / ``FROM NAMED`` clauses, else the union of all graphs as the default
        graph (SPARQL 1.1 Protocol, section 2.1.4).

        Args:
            sparql: the query text (PREFIXes of :data:`kg.vocab.PREFIXES` may be omitted).
            default_graph_uris: SPARQL protocol ``default-graph-uri`` values.
            named_graph_uris: SPARQL protocol ``named-graph-uri`` values.
            base_iri: base IRI of relative IRIs when the query declares no ``BASE`` (the
                endpoint passes its own URL); None: relative IRIs are an error.
            bindings: values (rdflib terms) bound to variables before evaluation: a VALUES
                block of terms serialized by Oxigraph at the start of the WHERE group (or
                Oxigraph substitutions, SEP-0007, for a query without ``WHERE {``): how
                saved-query parameters are bound without splicing user text into the query.

        Raises:
            QueryError: with the parser's message (line:column) for a malformed query.
        """
        kwargs: dict[str, Any] = {"prefixes": dict(PREFIXES), "base_iri": base_iri}
        if default_graph_uris:
            kwargs["default_graph"] = [_graph_node(u) for u in default_graph_uris]
        elif named_graph_uris:
            kwargs["default_graph"] = []  # the protocol's dataset: only the graphs it names
        elif not _names_its_dataset(sparql):
            kwargs["use_default_graph_as_union"] = True
        if named_graph_uris:
            kwargs["named_graphs"] = [_graph_node(u) for u in named_graph_uris]
        if bindings:
            given = bindings
            try:
                # issue 18: Oxigraph plans the query around a VALUES block's rows but joins
                # substitutions in only after evaluating, so a bound parameter made the saved
                # queries no faster (up to 20x slower than VALUES at 50,000 papers)
                sparql = _bind_by_values(sparql, given)
                bindings = None
            except QueryError:
                kwargs["substitutions"] = {ox.Variable(k): _to_ox(v) for k, v in given.items()}
        try:
            try:
                raw = self._store.query(sparql, **kwargs)
            except RuntimeError as e:
                # Oxigraph substitutes only projected variables of a SELECT; a parameter that
                # is not projected is bound by a VALUES block of serialized terms.
                if not bindings or "projection" not in str(e):
                    raise
                del kwargs["substitutions"]
                raw = self._store.query(_bind_by_values(sparql, bindings), **kwargs)
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL query: {e}") from e
        except (OSError, ValueError, TypeError, RuntimeError) as e:
            raise QueryError(f"the query failed: {e}") from e
        if isinstance(raw, ox.QuerySolutions):
            return QueryOutcome("select", raw)
        if isinstance(raw, ox.QueryBoolean):
            return QueryOutcome("ask", raw)
        return QueryOutcome("graph", raw)

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 Update (only ever on a :func:`kg.store.build_session` copy).

        Its ``WHERE`` sees the union of all graphs, as a query does (:mod:`kg.store.update`).

        Raises:
            QueryError: with the parser's message for a malformed update, or its failure.
        """
        from kg.store.update import UpdateSyntaxError, apply_update

        try:
            apply_update(self._store, sparql, prefixes=PREFIXES, base_iri=base_iri)
        except UpdateSyntaxError as e:
            raise QueryError(f"malformed SPARQL update: {e}") from e
        except Exception as e:
            raise QueryError(f"the update failed: {e}") from e

    def quad_count(self) -> int:
        """Number of quads in the store."""
        return len(self._store)

    def graph_count(self) -> int:
        """Number of named graphs in the store."""
        return sum(1 for _ in self._store.named_graphs())

    def export(self, output: Path | IO[bytes], fmt: str) -> None:
        """Write the whole graph to ``output`` in ``fmt`` (see :data:`RDF_FORMATS`).

        Quad formats keep the named graphs; triple formats write the union graph, which has no
        duplicates because every triple lives in exactly one graph.

        Raises:
            StoreError: for an unknown format or a write failure.
        """
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        target: Any = str(output) if isinstance(output, Path) else output
        try:
            if fmt in QUAD_FORMATS:
                self._store.dump(target, RDF_FORMATS[fmt], prefixes=_dump_prefixes(fmt))
            else:
                triples = self._store.query(
                    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
                )
                # a CONSTRUCT's solutions are triples
                ox.serialize(triples, target, RDF_FORMATS[fmt], prefixes=_dump_prefixes(fmt))  # type: ignore[arg-type]
        except OSError as e:
            raise StoreError(f"cannot write the export to {output}: {e}") from e

    # writing (through build_session) ---------------------------------------------------------

    def load_nquads(
        self, lines: Iterable[str], *, bulk: bool = False, generated: bool = False
    ) -> None:
        """Load N-Quads lines; ``bulk`` uses Oxigraph's bulk loader (large, fresh loads).

        ``generated``: as for :meth:`load_nquads_file`.

        Raises:
            StoreError: if the data does not parse (a bug in the assembler, never user input).
        """
        payload = "".join(lines).encode("utf-8")
        if not payload:
            return
        try:
            if bulk:
                self._store.bulk_load(payload, ox.RdfFormat.N_QUADS, lenient=generated)
            else:
                self._store.load(payload, ox.RdfFormat.N_QUADS, lenient=generated)
        except (SyntaxError, ValueError, OSError) as e:
            raise StoreError(f"could not load generated quads: {e}") from e

    def load_quads(self, quads: Iterable[Quad], *, bulk: bool = False) -> int:
        """Load rdflib-term quads; returns how many lines were written."""
        lines = list(to_nquads(quads))
        self.load_nquads(lines, bulk=bulk)
        return len(lines)

    def load_turtle(self, data: bytes, graph: str) -> None:
        """Load a Turtle document into the named graph ``graph`` (replacing nothing)."""
        try:
            self._store.load(data, ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
        except (SyntaxError, ValueError, OSError) as e:
            raise StoreError(f"could not load Turtle into <{graph}>: {e}") from e

    def clear_graphs(self, graphs: Iterable[str]) -> None:
        """Remove the named graphs (and their triples) that exist among ``graphs``."""
        for iri in graphs:
            node = ox.NamedNode(iri)
            if self._store.contains_named_graph(node):
                self._store.remove_graph(node)

    def remove_subjects(self, subjects: Iterable[str], graph: str) -> None:
        """Remove every triple of ``graph`` whose subject is one of ``subjects``."""
        g = ox.NamedNode(graph)
        for s in subjects:
            for quad in list(self._store.quads_for_pattern(ox.NamedNode(s), None, None, g)):
                self._store.remove(quad)

    def remove_nquads(self, lines: Iterable[str]) -> None:
        """Remove the quads of these N-Quads lines where present (the inverse of
        :meth:`load_nquads`).

        Raises:
            StoreError: if the data does not parse (a bug in the assembler, never user input).
        """
        payload = "".join(lines).encode("utf-8")
        if not payload:
            return
        try:
            for found in list(ox.parse(payload, ox.RdfFormat.N_QUADS)):
                self._store.remove(found)
        except (SyntaxError, ValueError, OSError) as e:
            raise StoreError(f"could not parse generated quads: {e}") from e

    # streaming, sharded builds (issue 7; used by kg/pipeline.py and kg/shards.py) -------------

    def is_empty(self) -> bool:
        """Whether the store holds no quad (without counting them all, unlike quad_count)."""
        return next(iter(self._store.quads_for_pattern(None, None, None)), None) is None

    def load_nquads_file(
        self, path: Path, *, bulk: bool = False, chunk_bytes: int = 0, generated: bool = False
    ) -> None:
        """Load an N-Quads file; ``bulk`` uses Oxigraph's bulk loader (large loads, build copy).

        The bulk loader releases the GIL, so another thread can write the next file meanwhile.
        Its memory grows with its input (about 1 KB per quad), so ``chunk_bytes`` > 0 feeds it
        blocks of about that size, cut at line ends. Each block is parsed on its own, so a
        blank node label used in two blocks would name two nodes: medkg's shards have no blank
        nodes. ``generated`` marks quads written by medkg itself (IRIs minted by ``kg.ids``,
        URLs checked by ``kg.ids.external_iri``): they skip Oxigraph's IRI validation, which
        is a tenth of the load time.

        Raises:
            StoreError: if the data does not parse (a bug in the assembler, never user input).
        """
        try:
            if not bulk:
                self._store.load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=generated)
            elif chunk_bytes <= 0:
                self._store.bulk_load(
                    path=str(path), format=ox.RdfFormat.N_QUADS, lenient=generated
                )
            else:
                with open(path, "rb") as handle:
                    rest = b""
                    while True:
                        block = handle.read(chunk_bytes)
                        if not block:
                            break
                        block = rest + block
                        cut = block.rfind(b"\n") + 1
                        rest = block[cut:]
                        if cut:
                            self._store.bulk_load(
                                block[:cut], ox.RdfFormat.N_QUADS, lenient=generated
                            )
                    if rest.strip():
                        self._store.bulk_load(rest, ox.RdfFormat.N_QUADS, lenient=generated)
        except (SyntaxError, ValueError, OSError) as e:
            raise StoreError(f"could not load generated quads from {path}: {e}") from e

    def count_quads(self, graph: str, subjects: Iterable[str] | None = None) -> int:
        """Quads in the named graph ``graph`` (of the ``subjects`` only, if given).

        The cost is proportional to the quads counted, not to the store (``quad_count`` scans
        it all).
        """
        g = ox.NamedNode(graph)
        if subjects is None:
            return sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))
        return sum(
            1
            for s in subjects
            for _ in self._store.quads_for_pattern(ox.NamedNode(s), None, None, g)
        )

    def backup(self, target: Path) -> None:
        """Write a checkpoint of the store to the new directory ``target`` (hard links, cheap).

        Raises:
            OSError: if the checkpoint cannot be written.
        """
        self._store.backup(str(target))

    def optimize(self) -> None:
        """Flush and compact the on-disk store after a large write."""
        if self.path is not None:
            self._store.flush()
            self._store.optimize()

    def flush(self) -> None:
        """Write what is still only in the write-ahead log to the store's files."""
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Release the store (RocksDB lock and file handles)."""
        self._store = None  # type: ignore[assignment]
        gc.collect()


def count_by(
    store: KnowledgeStore, what: TypingLiteral["class", "property"]
) -> list[tuple[str, int]]:
    """Instance counts per class, or triple counts per property, most frequent first."""
    if what == "class":
        sparql = (
            "SELECT ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?k } "
            "GROUP BY ?k ORDER BY DESC(?n) ?k"
        )
    else:
        sparql = "SELECT ?k (COUNT(*) AS ?n) WHERE { ?s ?k ?o } GROUP BY ?k ORDER BY DESC(?n) ?k"
    return [(row["k"] or "", int(row["n"] or 0)) for row in store.query(sparql).rows()]


def results_to_python(outcome: QueryOutcome) -> list[dict[str, str | None]] | bool | bytes:
    """Plain Python form of a result: rows, a boolean, or N-Triples bytes for graphs."""
    if outcome.kind == "select":
        return list(outcome.rows())
    if outcome.kind == "ask":
        return bool(outcome.raw)
    return outcome.serialize("ntriples")


def _to_ox(term: Node) -> Any:
    """Convert an rdflib IRI or literal to the pyoxigraph term (for query substitutions)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r} to a pyoxigraph term")


def _values_clause(bindings: Mapping[str, Node]) -> str:
    """A ``VALUES`` clause binding the variables, with terms serialized by Oxigraph.

    >>> from rdflib import URIRef, Literal
    >>> print(_values_clause({"a": URIRef("http://x"), "b": Literal('say "hi"')}))
    VALUES (?a ?b) { (<http://x> "say \\"hi\\"") }
    """
    names = " ".join(f"?{ox.Variable(k).value}" for k in bindings)
    terms = " ".join(str(_to_ox(v)) for v in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


_SPARQL_TOKEN = re.compile(
    r"""(?P<skip>\#[^\n]*|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
         |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|[?$]\w+|\w*:[\w.-]*)
      |(?P<where>\bWHERE\b)|(?P<brace>\{)""",
    re.VERBOSE | re.IGNORECASE,
)


def _bind_by_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """Insert a VALUES block binding the variables at the start of the WHERE group.

    At the start of the group it joins before any aggregation, exactly like a substitution
    (a trailing VALUES clause would join after GROUP BY).

    >>> from rdflib import URIRef
    >>> print(_bind_by_values('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?x } # WHERE {', {"x": URIRef("http://x")}))
    SELECT (COUNT(*) AS ?n) WHERE { VALUES (?x) { (<http://x>) } ?s ?p ?x } # WHERE {

    Raises:
        QueryError: if the query has no ``WHERE {`` to bind in.
    """
    seen_where = False
    for match in _SPARQL_TOKEN.finditer(sparql):
        if match.lastgroup == "where":
            seen_where = True
        elif match.lastgroup == "brace" and seen_where:
            at = match.end()
            return f"{sparql[:at]} {_values_clause(bindings)}{sparql[at:]}"
    raise QueryError(
        "a parameter that is not projected needs an explicit 'WHERE {' to be bound; project it "
        f"(SELECT ?{next(iter(bindings))} …) or add WHERE"
    )


_XSD_STRING = str(XSD.string)


def term_parts(term: Any) -> tuple[str, Any, str | None, str | None]:
    """Describe a pyoxigraph result term without importing pyoxigraph elsewhere.

    Returns ``(kind, value, datatype, language)``: kind is ``uri``, ``bnode``, ``literal`` or
    ``triple`` (then value is the ``(subject, predicate, object)`` tuple of terms); datatype is
    None for plain ``xsd:string`` and language-tagged literals.

    >>> term_parts(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    ('literal', '3', 'http://www.w3.org/2001/XMLSchema#integer', None)
    >>> term_parts(ox.NamedNode("http://a"))
    ('uri', 'http://a', None, None)
    """
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, None, None)
    if isinstance(term, ox.Literal):
        if term.language:
            return ("literal", term.value, None, term.language)
        datatype = term.datatype.value
        return ("literal", term.value, None if datatype == _XSD_STRING else datatype, None)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None, None)
    if isinstance(term, ox.Triple):
        return ("triple", (term.subject, term.predicate, term.object), None, None)
    raise TypeError(f"unexpected result term {term!r}")


def serialize_triples(triples: Iterable[Any], fmt: str) -> bytes:
    """Serialise pyoxigraph triples (e.g. the first N of a CONSTRUCT) to an RDF format.

    Raises:
        QueryError: for a format that is not a triple format of :data:`RDF_FORMATS`.
    """
    if fmt not in RDF_FORMATS or fmt in QUAD_FORMATS:
        raise QueryError(f"format {fmt!r} does not fit a CONSTRUCT/DESCRIBE result")
    return bytes(
        ox.serialize(triples, format=RDF_FORMATS[fmt], prefixes=_dump_prefixes(fmt)) or b""
    )


def parse_rdf_file(path: Path, fmt: str) -> Mapping[str, int]:
    """Parse an RDF file with Oxigraph's parser; returns ``{"quads": n}`` (for checks)."""
    count = 0
    with open(path, "rb") as handle:
        for _ in ox.parse(handle, RDF_FORMATS[fmt]):
            count += 1
    return {"quads": count}


# --- release dumps (issue 5; used by kg/dump.py) ----------------------------------------------


def iter_quad_strings(store: KnowledgeStore) -> Iterator[tuple[str, str, str, str | None]]:
    """Every quad of ``store`` as N-Triples term strings ``(s, p, o, g)`` (``g`` None: default
    graph).

    The strings are Oxigraph's canonical N-Triples forms, so a line ``f"{s} {p} {o} {g} ."`` is
    valid N-Quads and equal quads always give equal strings (what a deterministic dump sorts).
    """
    for quad in store._store:
        graph = quad.graph_name
        yield (
            str(quad.subject),
            str(quad.predicate),
            str(quad.object),
            None if isinstance(graph, ox.DefaultGraph) else str(graph),
        )


def reserialize(
    data: bytes, *, source: str, target: str, prefixes: Mapping[str, str] | None = None
) -> bytes:
    """Parse ``data`` in the RDF format ``source`` and write it as ``target``, keeping its order.

    Oxigraph's writers emit triples in the order given (grouping runs of one subject/predicate
    in Turtle) and keep blank node labels, so sorted N-Triples in give deterministic Turtle out.

    >>> reserialize(b'<http://x/a> <http://x/b> "c" .\\n', source="ntriples", target="turtle",
    ...             prefixes={"ex": "http://x/"})
    b'@prefix ex: <http://x/> .\\nex:a ex:b "c" .\\n'

    Raises:
        StoreError: if ``data`` does not parse or a format is unknown.
    """
    if source not in RDF_FORMATS or target not in RDF_FORMATS:
        raise StoreError(f"unknown RDF format {source!r} or {target!r}")
    try:
        parsed = ox.parse(data, RDF_FORMATS[source])
        if target in QUAD_FORMATS:
            out = ox.serialize(parsed, format=RDF_FORMATS[target], prefixes=dict(prefixes or {}))
        else:
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in parsed)
            out = ox.serialize(triples, format=RDF_FORMATS[target], prefixes=dict(prefixes or {}))
    except (SyntaxError, ValueError) as e:
        raise StoreError(f"cannot convert {source} to {target}: {e}") from e
    return bytes(out or b"")
