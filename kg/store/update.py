"""SPARQL Update over the graph that queries see (issue 16, item 6).

A query without a dataset clause sees the union of all graphs as its default graph; Oxigraph's
update has no such option, so an update's ``WHERE`` would see only the (empty) real default
graph: ``INSERT { … } WHERE { ?d a mkg:Dataset }`` inserted nothing. Here an update is
evaluated by rdflib's SPARQL Update engine over the store (through oxrdflib) with the union as
the default graph, and:

* a ``WHERE`` (or ``DELETE WHERE`` pattern) without ``USING``/``WITH`` matches the union of
  all graphs, as a query does;
* a ``DELETE`` template triple outside ``GRAPH`` is removed from every graph that holds it
  (it is gone from the union the next query sees);
* an ``INSERT`` template triple outside ``GRAPH`` goes to the store's default graph (part of
  the union); ``INSERT DATA`` and ``DELETE DATA`` follow the same two rules;
* ``GRAPH`` templates, ``USING``, ``WITH`` and the graph management operations (``CLEAR``,
  ``DROP``, ``COPY``…) keep their SPARQL 1.1 meaning, where ``DEFAULT`` is the store's real
  default graph (so ``CLEAR DEFAULT`` never empties every graph).

rdflib evaluates in Python, so a large update is slower than a query; updates are an
operator's tool (they need the update token) and run on a copy of the store, swapped in
when complete.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oxrdflib import OxigraphStore
from pyparsing import ParseException
from rdflib import Dataset
from rdflib.plugins.sparql.evaluate import evalBGP, evalPart

# rdflib's own helpers for filling templates and joining solutions: the update semantics
# below differ from rdflib's only in which graph a template triple is removed from.
from rdflib.plugins.sparql.evalutils import _fillTemplate, _join
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.processor import prepareUpdate
from rdflib.plugins.sparql.sparql import QueryContext
from rdflib.plugins.sparql.update import (
    evalAdd,
    evalClear,
    evalCopy,
    evalCreate,
    evalDrop,
    evalLoad,
    evalModify,
    evalMove,
)

#: operations evaluated by rdflib with their SPARQL 1.1 meaning
_PLAIN = {
    "Load": evalLoad,
    "Clear": evalClear,
    "Drop": evalDrop,
    "Create": evalCreate,
    "Add": evalAdd,
    "Move": evalMove,
    "Copy": evalCopy,
    "Modify": evalModify,
}


class UpdateSyntaxError(ValueError):
    """The update text is not SPARQL 1.1 Update (message with line and column)."""


def apply_update(
    ox_store: Any, sparql: str, *, prefixes: Mapping[str, str], base_iri: str | None = None
) -> None:
    """Run a SPARQL 1.1 Update on a pyoxigraph store with the union as default graph.

    Args:
        ox_store: the ``pyoxigraph.Store`` to change.
        sparql: the update text.
        prefixes: prefixes the text may use without declaring them.
        base_iri: base of relative IRIs when the update declares no ``BASE``.

    Raises:
        UpdateSyntaxError: the text is not a SPARQL update.
        Exception: whatever evaluating an operation raised (the caller reports it).
    """
    try:
        update = prepareUpdate(sparql, initNs=dict(prefixes), base=base_iri)
    except ParseException as e:
        raise UpdateSyntaxError(f"line {e.lineno}, column {e.column}: {e.msg}") from e
    backend = OxigraphStore(store=ox_store)
    dataset = Dataset(store=backend, default_union=True)
    for operation in update.algebra:
        if operation.name == "Modify" and not operation.using and not operation.withClause:
            _modify(_context(dataset, operation), operation)
        elif operation.name == "DeleteWhere":
            _delete_where(_context(dataset, operation), operation)
        elif operation.name in ("InsertData", "DeleteData"):
            _data(dataset, operation)
        else:
            # graph management (CLEAR, DROP, ADD, COPY, MOVE, CREATE, LOAD) and USING/WITH:
            # SPARQL's own meaning, where DEFAULT is the store's real default graph
            ctx = _context(dataset, operation)
            ctx.graph = dataset.default_context
            _PLAIN[operation.name](ctx, operation)


def _context(dataset: Dataset, operation: CompValue) -> QueryContext:
    """A context whose default graph is the union (not left to rdflib's global switch)."""
    ctx = QueryContext(dataset)
    ctx.graph = dataset
    ctx.prologue = operation.prologue
    return ctx


def _remove_everywhere(ctx: QueryContext, triples: Any, solution: Any) -> None:
    for triple in _fillTemplate(triples, solution):
        ctx.dataset.remove(triple)  # a triple without context: from every graph


def _modify(ctx: QueryContext, u: CompValue) -> None:
    """``DELETE {…} INSERT {…} WHERE {…}`` with the union as the WHERE's default graph."""
    solutions = list(evalPart(ctx, u.where))  # all solutions before any change
    default = ctx.dataset.default_context
    for solution in solutions:
        if u.delete:
            _remove_everywhere(ctx, u.delete.triples, solution)
            for graph, quads in u.delete.quads.items():
                target = ctx.dataset.get_context(solution.get(graph))
                target -= _fillTemplate(quads, solution)
        if u.insert:
            default += _fillTemplate(u.insert.triples, solution)
            for graph, quads in u.insert.quads.items():
                target = ctx.dataset.get_context(solution.get(graph))
                target += _fillTemplate(quads, solution)


def _data(dataset: Dataset, u: CompValue) -> None:
    """``INSERT DATA`` into the default graph, ``DELETE DATA`` from every graph (the union)."""
    if u.name == "InsertData":
        default = dataset.default_context
        default += u.triples or []
    else:
        for triple in u.triples or []:
            dataset.remove(triple)
    for graph, triples in (u.quads or {}).items():
        target = dataset.get_context(graph)
        if u.name == "InsertData":
            target += triples
        else:
            target -= triples


def _delete_where(ctx: QueryContext, u: CompValue) -> None:
    """``DELETE WHERE {…}``: match over the union, remove each match from every graph."""
    solutions: Any = evalBGP(ctx, u.triples)
    for graph in u.quads:
        scoped = ctx.pushGraph(ctx.dataset.get_context(graph))
        solutions = _join(solutions, list(evalBGP(scoped, u.quads[graph])))
    for solution in list(solutions):  # all matches before any change
        _remove_everywhere(ctx, u.triples, solution)
        for graph in u.quads:
            target = ctx.dataset.get_context(solution.get(graph))
            target -= _fillTemplate(u.quads[graph], solution)


__all__ = ["UpdateSyntaxError", "apply_update"]
