"""Validation of a medkg graph: the SHACL shapes of ``ontology/shapes.ttl`` plus provenance checks.

:func:`validate_graph` checks a graph (or the union of a dataset's graphs) and returns a
:class:`ValidationReport`: whether it conforms, and one :class:`Violation` per problem, with
a text rendering for people (grouped by shape, with counts and example nodes) and a dict
rendering for ``--json``.

Two kinds of checks run:

* **The SHACL shapes** (pyshacl, SHACL Core): cardinalities, datatypes, value ranges and
  classes of every node the graph describes.
* **Provenance checks** (:data:`CHECKS`, plain Python over the graph's indexes, reported as
  ``check:<name>``), which relate several nodes at once: every paper link is backed by a
  mention, an asserted mention's link is in the graph, a mention's entity has the class its
  link property expects, and its matched text is the paper's text at its offsets. Written as
  SHACL-SPARQL they are correct but slow: rdflib spends ~0.5 ms per solution, ~25 s on a
  corpus-sized graph (and pyshacl re-parses the query for every focus node).

Choices that keep a corpus-sized graph (400 papers, ~120k triples) to a few seconds:

* **No inference.** Every node the code writes carries its ``rdf:type``, and the shapes
  target and check the classes as written. RDFS inference would only add the alignment
  types (``schema:Dataset``, ``prov:Entity`` ...) that no shape looks at, it would copy the
  graph, and it would hide a missing ``rdf:type`` by deriving it from a property's domain,
  which is precisely the kind of bug validation should report.
* **Each property shape is evaluated once for all its focus nodes.** pyshacl validates a
  property shape reached through ``sh:property`` separately for every focus node of the node
  shape, rebuilding its constraint objects each time. On its private copy of the shapes
  graph, :func:`validate_graph` gives each such property shape the targets of its node shape
  instead (:func:`_flatten_property_shapes`): the same focus nodes meet the same
  constraints, about three times faster. The shapes file stays plain SHACL.

The store loads :func:`load_ontology_graph` into its ontology graph, so the ontology and the
SKOS schemes are part of what ``kg validate`` checks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import DCTERMS, RDF, RDFS, SH
from rdflib.term import Node

from kg import paths
from kg.entity_types import ENTITY_CLASSES, LINK_PREDICATES
from kg.vocab import MKG, PREFIXES

__all__ = [
    "CHECKS",
    "ValidationReport",
    "Violation",
    "load_ontology_graph",
    "load_shapes_graph",
    "ontology_dir",
    "validate_graph",
]

#: Severity names, most severe first (the local names of sh:Violation, sh:Warning, sh:Info).
SEVERITIES: tuple[str, ...] = ("Violation", "Warning", "Info")

_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def ontology_dir() -> Path:
    """Return the repository's ``ontology/`` directory (next to the ``kg`` package).

    >>> (ontology_dir() / "medkg.ttl").is_file()
    True
    """
    return paths.ontology_dir()


def _parse_turtle(graph: Graph, path: Path) -> None:
    """Parse a Turtle file into ``graph``.

    Raises:
        FileNotFoundError: if ``path`` does not exist.
        ValueError: if the file is not valid Turtle (the message names the file).
    """
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    try:
        graph.parse(path, format="turtle")
    except Exception as e:  # rdflib raises several unrelated types for bad syntax
        raise ValueError(f"cannot parse {path}: {e}") from e


def _bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def load_ontology_graph(*, directory: Path | None = None) -> Graph:
    """Return the ontology: ``medkg.ttl`` plus every ``schemes/*.ttl`` that exists.

    Args:
        directory: the ontology directory; default :func:`ontology_dir`.

    Returns:
        One graph with the OWL ontology and the SKOS concept schemes, prefixes bound.

    Raises:
        FileNotFoundError: if ``medkg.ttl`` is missing.
        ValueError: if a file is not valid Turtle.
    """
    directory = directory or ontology_dir()
    graph = _bind_prefixes(Graph())
    _parse_turtle(graph, directory / "medkg.ttl")
    for scheme in sorted((directory / "schemes").glob("*.ttl")):
        _parse_turtle(graph, scheme)
    return graph


def load_shapes_graph(path: Path | None = None) -> Graph:
    """Return the SHACL shapes graph (default ``ontology/shapes.ttl``).

    Raises:
        FileNotFoundError: if the file is missing.
        ValueError: if it is not valid Turtle.
    """
    graph = _bind_prefixes(Graph())
    _parse_turtle(graph, path or ontology_dir() / "shapes.ttl")
    return graph


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Violation:
    """One validation result.

    Attributes:
        focus_node: the node that fails the shape (a paper, an entity, a mention ...).
        path: the property path at fault, as SPARQL with prefixes (``mkg:confidence``,
            ``^mkg:reportsResult``), or None for a node-level constraint.
        severity: ``"Violation"``, ``"Warning"`` or ``"Info"``.
        message: what is wrong, from the shape's ``sh:message``.
        value: the offending value, when there is one.
        shape: name of the SHACL shape (``mkgsh:Mention-confidence``) or of the provenance
            check (``check:link-has-mention``) that reported it.
    """

    focus_node: Node
    path: str | None
    severity: str
    message: str
    value: Node | None = None
    shape: str | None = None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate_graph`.

    Attributes:
        conforms: True when there is no result of severity ``Violation`` (warnings and infos
            are reported but do not make the graph non-conforming).
        results: every result, most severe first.
        triples: number of triples validated.
    """

    conforms: bool
    results: tuple[Violation, ...]
    triples: int = 0

    def counts(self) -> dict[str, int]:
        """Return the number of results per severity (every severity, zeros included)."""
        counts = dict.fromkeys(SEVERITIES, 0)
        for result in self.results:
            counts[result.severity] = counts.get(result.severity, 0) + 1
        return counts

    def to_text(self, *, limit: int = 50) -> str:
        """Return a readable report: one block per shape and severity, largest first.

        Args:
            limit: at most this many example focus nodes per block.

        Returns:
            The report, ending with a newline.
        """
        counts = self.counts()
        summary = ", ".join(
            f"{n} {_plural(severity.lower(), n)}" for severity, n in counts.items() if n
        )
        verdict = "conforms" if self.conforms else "does not conform"
        lines = [
            f"SHACL validation: {verdict}"
            + (f" ({summary})" if summary else "")
            + f", {self.triples:,} triples checked."
        ]
        for (severity, shape), group in _grouped(self.results):
            nodes = {v.focus_node for v in group}
            paths = {v.path for v in group}
            path = paths.pop() if len(paths) == 1 else None
            lines.append("")
            lines.append(
                f"[{severity}] {shape or '(unnamed shape)'}"
                + (f" on {path}" if path else "")
                + f": {len(group)} {_plural('result', len(group))}"
                + f" on {len(nodes)} {_plural('node', len(nodes))}"
            )
            shared = len({v.message for v in group}) == 1
            if shared:
                lines.append(f"  {group[0].message}")
            # One line per distinct problem: a value that fails two constraints of the same
            # shape (say datatype and range) gives two results but one example.
            examples = list(dict.fromkeys((v.focus_node, v.value, v.message) for v in group))
            for focus, value, message in examples[:limit]:
                example = f"  - {_render(focus)}"
                if value is not None:
                    example += f"  value: {_render(value)}"
                if not shared:
                    example += f"\n      {message}"
                lines.append(example)
            if len(examples) > limit:
                lines.append(f"  ... and {len(examples) - limit} more")
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-serialisable data (for ``kg validate --json``)."""
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "counts": self.counts(),
            "results": [
                {
                    "severity": v.severity,
                    "shape": v.shape,
                    "focus_node": _plain(v.focus_node),
                    "path": v.path,
                    "value": None if v.value is None else _render(v.value),
                    "message": v.message,
                }
                for v in self.results
            ],
        }


def _plural(word: str, n: int) -> str:
    return word if n == 1 else word + "s"


def _grouped(results: Iterable[Violation]) -> list[tuple[tuple[str, str | None], list[Violation]]]:
    groups: dict[tuple[str, str | None], list[Violation]] = defaultdict(list)
    for v in results:
        groups[(v.severity, v.shape)].append(v)
    return sorted(
        groups.items(),
        key=lambda item: (_severity_rank(item[0][0]), -len(item[1]), item[0][1] or ""),
    )


def _severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


# --------------------------------------------------------------------------------------
# Rendering terms
# --------------------------------------------------------------------------------------


def _compact(iri: str, prefixes: dict[str, str]) -> str | None:
    """Return ``prefix:local`` for an IRI when some prefix gives a valid local name."""
    best: tuple[int, str] | None = None
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace) :]):
            if best is None or len(namespace) > best[0]:
                best = (len(namespace), f"{prefix}:{iri[len(namespace) :]}")
    return best[1] if best else None


def _render(term: Node, prefixes: dict[str, str] = PREFIXES) -> str:
    """Return a short N3-like rendering of a term (prefixed names where they are valid).

    >>> from rdflib.namespace import XSD
    >>> _render(Literal("1.7", datatype=XSD.decimal))
    '"1.7"^^xsd:decimal'
    """
    if isinstance(term, URIRef):
        return _compact(str(term), prefixes) or f"<{term}>"
    if isinstance(term, Literal):
        lexical = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype is not None:
            return f'"{lexical}"^^{_render(term.datatype, prefixes)}'
        return f'"{lexical}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _plain(term: Node) -> str:
    """IRIs as themselves, blank nodes as ``_:id``, literals as N3 (for JSON)."""
    if isinstance(term, URIRef):
        return str(term)
    return _render(term)


def _render_path(graph: Graph, path: Node, prefixes: dict[str, str]) -> str:
    """Render a SHACL property path (from ``graph``) in SPARQL syntax."""
    if isinstance(path, URIRef):
        return _render(path, prefixes)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _render_path(graph, inverse, prefixes)
    for predicate, suffix in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return f"({_render_path(graph, inner, prefixes)}){suffix}"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        items = graph.items(alternatives)
        return "(" + "|".join(_render_path(graph, p, prefixes) for p in items) + ")"
    if graph.value(path, RDF.first) is not None:
        return "/".join(_render_path(graph, p, prefixes) for p in graph.items(path))
    return _render(path, prefixes)


def _shape_name(node: Node | None, prefixes: dict[str, str]) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return _render(node, prefixes)
    return f"_:{node}"


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------


def validate_graph(
    data: Graph | Dataset,
    *,
    shapes_path: Path | None = None,
    ontology_path: Path | None = None,
) -> ValidationReport:
    """Validate a medkg graph against the SHACL shapes.

    Args:
        data: the graph to check. A ``Dataset`` (or ``ConjunctiveGraph``) is checked as the
            union of all its graphs, as a plain SPARQL query sees it; it is not modified.
        shapes_path: the shapes file; default ``ontology/shapes.ttl``.
        ontology_path: extra triples to check the data together with: a Turtle file, or an
            ontology directory (``medkg.ttl`` + ``schemes/*.ttl``, see
            :func:`load_ontology_graph`). Use it for a dump that lacks the SKOS schemes; the
            store's contents already include them. The data itself is not modified.

    Returns:
        The report; ``conforms`` is False only for results of severity ``Violation``.

    Raises:
        FileNotFoundError: if the shapes or ontology file is missing.
        ValueError: if one of them is not valid Turtle.

    Example:
        >>> report = validate_graph(Graph())
        >>> report.conforms, report.results
        (True, ())
    """
    shapes = load_shapes_graph(shapes_path)
    extra: Graph | None = None
    if ontology_path is not None:
        if ontology_path.is_dir():
            extra = load_ontology_graph(directory=ontology_path)
        else:
            extra = Graph()
            _parse_turtle(extra, ontology_path)
    graph = _working_graph(data, extra)

    # Shape names print with the shapes file's own prefixes (mkgsh:, sh:) as well as ours.
    prefixes = {p: str(ns) for p, ns in shapes.namespaces() if p}
    prefixes.update(PREFIXES)

    _flatten_property_shapes(shapes)  # speed, same results: see the module docstring

    results: list[Violation] = []
    if len(graph):
        _conforms, report_graph, _text = pyshacl.validate(
            graph,
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_infos=True,
            allow_warnings=True,
            advanced=False,
            inplace=True,  # no inference: pyshacl would not change the graph anyway
        )
        results.extend(_results_from_report(report_graph, prefixes))
        for check in CHECKS:
            results.extend(check(graph))

    results.sort(key=lambda v: (_severity_rank(v.severity), v.shape or "", str(v.focus_node)))
    conforms = not any(v.severity == "Violation" for v in results)
    return ValidationReport(conforms=conforms, results=tuple(results), triples=len(graph))


def _working_graph(data: Graph, extra: Graph | None) -> Graph:
    """Return the graph to validate: ``data`` itself, or a union copy when needed."""
    if isinstance(data, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        graph = Graph()
        graph.addN((s, p, o, graph) for s, p, o, _ in data.quads((None, None, None, None)))
    elif extra is not None:
        graph = Graph()
        graph.addN((s, p, o, graph) for s, p, o in data)
    else:
        return data
    if extra is not None:
        graph.addN((s, p, o, graph) for s, p, o in extra)
    return graph


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
#: Predicates through which a shape is used inside another constraint (then not top-level).
_NESTING = (SH.node, SH.qualifiedValueShape, SH["not"], RDF.first)


def _flatten_property_shapes(shapes: Graph) -> None:
    """Move each ``sh:property`` link into targets on the property shape (in place).

    A property shape listed by a top-level node shape with targets T validates exactly the
    focus nodes of T, so giving it T's targets and dropping the link changes no result
    (source shape, focus node, path, value and message stay the same), but lets pyshacl
    evaluate it once for all focus nodes instead of once per focus node. Shapes used inside
    other constraints (``sh:node``, ``sh:or`` ...) or deactivated are left alone.
    """
    nested = {o for predicate in _NESTING for o in shapes.objects(None, predicate)}
    for node_shape, property_shape in list(shapes.subject_objects(SH.property)):
        if node_shape in nested or property_shape in nested:
            continue
        if _is_deactivated(shapes, node_shape):
            continue
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(node_shape, p)]
        if (node_shape, RDF.type, RDFS.Class) in shapes:  # implicit class target
            targets.append((SH.targetClass, node_shape))
        if not targets:
            continue
        for predicate, target in targets:
            shapes.add((property_shape, predicate, target))
        shapes.remove((node_shape, SH.property, property_shape))


def _results_from_report(report: Graph, prefixes: dict[str, str]) -> Iterator[Violation]:
    """Turn pyshacl's ``sh:ValidationReport`` graph into :class:`Violation` objects."""
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        if focus is None:
            continue
        path_node = report.value(result, SH.resultPath)
        severity_node = report.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        yield Violation(
            focus_node=focus,
            path=None if path_node is None else _render_path(report, path_node, prefixes),
            severity=_severity_name(severity_node),
            message=" / ".join(messages) or "(no message)",
            value=report.value(result, SH.value),
            shape=_shape_name(report.value(result, SH.sourceShape), prefixes),
        )


def _severity_name(node: Node | None) -> str:
    if isinstance(node, URIRef) and str(node).startswith(str(SH)):
        return str(node)[len(str(SH)) :]
    return "Violation" if node is None else str(node)


def _is_deactivated(shapes: Graph, node: Node) -> bool:
    value = shapes.value(node, SH.deactivated)
    return isinstance(value, Literal) and value.toPython() is True


# --------------------------------------------------------------------------------------
# Provenance checks (DESIGN.md: "a user must be able to ask why the graph says this")
# --------------------------------------------------------------------------------------

#: The class each paper link property points to (its rdfs:range in medkg.ttl).
_LINK_RANGES: dict[URIRef, URIRef] = {
    **{predicate: ENTITY_CLASSES[etype] for (etype, _role), predicate in LINK_PREDICATES.items()},
    MKG.reportsResult: MKG.Result,
}
_SECTIONS: dict[str, URIRef] = {"title": DCTERMS.title, "abstract": DCTERMS.abstract}


@dataclass(frozen=True, slots=True)
class _MentionFacts:
    """The single-valued properties of one mention (None when missing or repeated)."""

    node: Node
    paper: Node | None
    entity: Node | None
    supports: Node | None
    asserted: Node | None

    @property
    def link(self) -> tuple[Node, Node, Node] | None:
        if self.paper is None or self.supports is None or self.entity is None:
            return None
        return (self.paper, self.supports, self.entity)


def _single(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    """The one value of a property, or None when it has none or several (SHACL reports those)."""
    values = list(graph.objects(subject, predicate))
    return values[0] if len(values) == 1 else None


def _mentions(graph: Graph) -> Iterator[_MentionFacts]:
    nodes = set(graph.subjects(RDF.type, MKG.Mention)) | set(graph.subjects(MKG.paper, None))
    for node in nodes:
        yield _MentionFacts(
            node=node,
            paper=_single(graph, node, MKG.paper),
            entity=_single(graph, node, MKG.entity),
            supports=_single(graph, node, MKG.supports),
            asserted=_single(graph, node, MKG.asserted),
        )


def check_links_have_mentions(graph: Graph) -> Iterator[Violation]:
    """Every paper link (``mkg:usesDataset`` ... ``mkg:reportsResult``) has a mention.

    The mention must have ``mkg:paper``, ``mkg:supports`` and ``mkg:entity`` equal to the
    link's subject, property and object.
    """
    backed = {facts.link for facts in _mentions(graph)}
    for predicate in _LINK_RANGES:
        for paper, entity in graph.subject_objects(predicate):
            if (paper, predicate, entity) not in backed:
                yield Violation(
                    focus_node=paper,
                    path=_render(predicate),
                    severity="Violation",
                    message=(
                        f"The link {_render(predicate)} from this paper to {_render(entity)} "
                        "has no mkg:Mention backing it (one with mkg:paper, mkg:supports and "
                        "mkg:entity equal to the link)."
                    ),
                    value=entity,
                    shape="check:link-has-mention",
                )


def check_asserted_mentions_have_links(graph: Graph) -> Iterator[Violation]:
    """A mention with ``mkg:asserted true`` backs a link that is in the graph."""
    for facts in _mentions(graph):
        link = facts.link
        asserted = isinstance(facts.asserted, Literal) and facts.asserted.value is True
        if link is None or not asserted or facts.supports not in _LINK_RANGES:
            continue  # missing fields or unknown property: MentionShape reports them
        if link not in graph:
            paper, predicate, entity = link
            yield Violation(
                focus_node=facts.node,
                path=_render(MKG.asserted),
                severity="Violation",
                message=(
                    "The mention is marked mkg:asserted true, but the link it backs "
                    f"({_render(paper)} {_render(predicate)} {_render(entity)}) is not in the "
                    "graph."
                ),
                value=facts.asserted,
                shape="check:asserted-mention-has-link",
            )


def check_mention_entity_classes(graph: Graph) -> Iterator[Violation]:
    """A mention's ``mkg:entity`` has the class its ``mkg:supports`` property points to."""
    for facts in _mentions(graph):
        if not isinstance(facts.supports, URIRef) or facts.entity is None:
            continue  # missing property or entity: MentionShape reports it
        expected = _LINK_RANGES.get(facts.supports)
        if expected is None:
            continue  # not a link property: MentionShape reports it
        if (facts.entity, RDF.type, expected) not in graph:
            yield Violation(
                focus_node=facts.node,
                path=_render(MKG.entity),
                severity="Violation",
                message=(
                    f"The mention backs {_render(facts.supports)}, so its mkg:entity must be a "
                    f"{_render(expected)}."
                ),
                value=facts.entity,
                shape="check:mention-entity-class",
            )


def check_mention_offsets(graph: Graph) -> Iterator[Violation]:
    """A mention's ``mkg:matchedText`` is its paper's section text at its offsets.

    Offsets count characters (code points) from 0, end exclusive:
    ``matchedText == section[startOffset:endOffset]``.
    """
    for facts in _mentions(graph):
        node = facts.node
        section = _single(graph, node, MKG.section)
        start = _single(graph, node, MKG.startOffset)
        end = _single(graph, node, MKG.endOffset)
        text = _single(graph, node, MKG.matchedText)
        property_ = _SECTIONS.get(str(section))
        if facts.paper is None or property_ is None:
            continue  # MentionShape reports a missing paper or an unknown section
        source = _single(graph, facts.paper, property_)
        begin = start.value if isinstance(start, Literal) else None
        stop = end.value if isinstance(end, Literal) else None
        if not (
            isinstance(source, Literal)
            and isinstance(text, Literal)
            and isinstance(begin, int)
            and isinstance(stop, int)
        ):
            continue  # missing or repeated values: the shapes report them
        if not 0 <= begin < stop:
            continue  # MentionShape reports bad offsets
        found = str(source)[begin:stop]
        if found != str(text):
            yield Violation(
                focus_node=node,
                path=_render(MKG.matchedText),
                severity="Violation",
                message=(
                    f"mkg:matchedText {str(text)!r} is not the text at offsets {begin}-{stop} of "
                    f"the paper's {section} ({found!r}); offsets count characters from 0, end "
                    "exclusive."
                ),
                value=text,
                shape="check:mention-offsets",
            )


#: The provenance checks :func:`validate_graph` runs after the SHACL shapes, in order.
CHECKS: tuple[Callable[[Graph], Iterable[Violation]], ...] = (
    check_links_have_mentions,
    check_asserted_mentions_have_links,
    check_mention_entity_classes,
    check_mention_offsets,
)
