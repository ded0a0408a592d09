"""The query worker: a process that owns a read-only store handle and answers queries.

Oxigraph cannot cancel a running query, so the endpoint never evaluates one in the server
process: each query goes to a worker process, which evaluates it, writes the response body
and sends back bytes. A worker that runs past the timeout is killed, which really frees its
CPU, and replaced (issue 4, point 2). This module is what the worker processes import: it
stays free of FastAPI so that forking a replacement is cheap.

A build swaps a new store directory in by rename (:func:`kg.store.build_session`); a worker
notices that the store's :func:`kg.store.generation` changed and reopens it before the next
query, so every query sees one complete build.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib.term import Node

from kg.api.results import take_triples, write_select
from kg.store import (
    Generation,
    KnowledgeStore,
    QueryError,
    StoreError,
    generation,
    serialize_triples,
)


@dataclass(frozen=True)
class QueryJob:
    """One query for a worker: the text, the dataset, bindings, formats and limits.

    Attributes:
        sparql: the query text.
        default_graph_uris: protocol ``default-graph-uri`` values.
        named_graph_uris: protocol ``named-graph-uri`` values.
        bindings: ``(variable, rdflib term)`` pairs substituted before evaluation.
        select_format: format for a SELECT/ASK result (None: not acceptable).
        graph_format: format for a CONSTRUCT/DESCRIBE result (None: not acceptable).
        offset: solutions to skip (pagination).
        limit: page size (None: the row cap).
        max_rows: row cap.
        max_bytes: response size cap.
        base_iri: base of relative IRIs when the query declares no ``BASE`` (the endpoint's
            URL, as the SPARQL 1.1 Protocol says).
    """

    sparql: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    bindings: tuple[tuple[str, Node], ...] = ()
    select_format: str | None = "json"
    graph_format: str | None = "turtle"
    offset: int = 0
    limit: int | None = None
    max_rows: int = 100_000
    max_bytes: int = 64 * 1024 * 1024
    base_iri: str | None = None


@dataclass(frozen=True)
class QueryResult:
    """What a worker answers: the body and how it was made.

    Attributes:
        kind: ``select``, ``ask`` or ``graph``.
        fmt: the format of ``body``.
        body: the serialized result.
        rows: solutions or triples in ``body``.
        truncated: None, ``rows`` or ``bytes``.
        has_more: more rows exist past ``limit``.
        generation: the store build that answered (:func:`kg.store.generation`).
        elapsed: seconds of evaluation and serialization in the worker.
    """

    kind: str
    fmt: str
    body: bytes
    rows: int = 0
    truncated: str | None = None
    has_more: bool = False
    generation: Generation = (0, 0, 0)
    elapsed: float = 0.0
    cached: bool = field(default=False, compare=False)


class NotAcceptable(Exception):
    """The client accepts no format that fits the query form (HTTP 406)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class StoreReader:
    """A read-only store handle that follows build swaps."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: KnowledgeStore | None = None
        self.generation: Generation | None = None

    def current(self) -> tuple[KnowledgeStore, Generation]:
        """The handle on the store now at ``path``, reopened if a build replaced it."""
        now = generation(self.path)
        if self.store is None or now != self.generation:
            if self.store is not None:
                self.store.close()
                self.store = None
            # Not open_store(): that may finish an interrupted swap, which only a builder
            # holding the build lock may do.
            self.store = KnowledgeStore(self.path, read_only=True)
            self.generation = now
        return self.store, now


def run_job(reader: StoreReader, job: QueryJob) -> QueryResult:
    """Evaluate ``job`` on the current store and serialize its result within the limits.

    Raises:
        QueryError: for a malformed query or an evaluation error.
        NotAcceptable: when the query form has no acceptable format.
    """
    started = time.perf_counter()
    store, built = reader.current()
    try:
        result = _evaluate(store, job)
    except QueryError:
        # A build may have swapped the store during the query (its files are then gone):
        # answer from the new build rather than fail.
        if generation(reader.path) == built:
            raise
        store, built = reader.current()
        result = _evaluate(store, job)
    kind, fmt, body, rows, truncated, has_more = result
    return QueryResult(
        kind, fmt, body, rows, truncated, has_more, built, time.perf_counter() - started
    )


def _evaluate(
    store: KnowledgeStore, job: QueryJob
) -> tuple[str, str, bytes, int, str | None, bool]:
    outcome = store.query(
        job.sparql,
        default_graph_uris=job.default_graph_uris,
        named_graph_uris=job.named_graph_uris,
        bindings=dict(job.bindings) if job.bindings else None,
        base_iri=job.base_iri,
    )
    try:
        if outcome.kind == "graph":
            if job.graph_format is None:
                raise NotAcceptable("graph")
            triples, truncated, has_more = take_triples(
                outcome.raw,
                offset=job.offset,
                limit=job.limit,
                max_rows=job.max_rows,
                max_bytes=job.max_bytes,
            )
            body = serialize_triples(triples, job.graph_format)
            return "graph", job.graph_format, body, len(triples), truncated, has_more
        if job.select_format is None:
            raise NotAcceptable(outcome.kind)
        if outcome.kind == "ask":
            return "ask", job.select_format, outcome.serialize(job.select_format), 1, None, False
        written = write_select(
            outcome.variables,
            outcome.raw,
            job.select_format,
            offset=job.offset,
            limit=job.limit,
            max_rows=job.max_rows,
            max_bytes=job.max_bytes,
        )
        return (
            "select",
            job.select_format,
            written.body,
            written.rows,
            written.truncated,
            written.has_more,
        )
    except (OSError, ValueError) as e:  # raised lazily while solutions are evaluated
        raise QueryError(f"the query failed: {e}") from e


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (no orphaned long query)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _cap_memory(memory_mb: int) -> None:
    # RLIMIT_DATA counts the heap and anonymous mappings, not RocksDB's mapped files, so it
    # caps what a query allocates without starving the store (issue 6, point 3).
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def _no_network() -> None:
    from kg.api.sandbox import deny_network

    problem = deny_network()
    if problem:
        sys.stderr.write(f"medkg worker: network sandbox not installed ({problem})\n")


def worker_main(
    conn: Connection, store_path: str, memory_mb: int, allow_network: bool = False
) -> None:
    """Entry point of a worker process: open the store, then answer jobs until told to stop.

    Protocol on ``conn``: the worker first sends ``("ready", pid)`` or ``("failed", message)``.
    Then for each :class:`QueryJob` it answers ``("ok", meta)`` followed by the body with
    ``send_bytes``, or ``(code, message)`` with code ``query``, ``not_acceptable``,
    ``memory`` or ``internal``. ``None`` (or a closed pipe) stops it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    _die_with_parent()
    _cap_memory(memory_mb)
    if not allow_network:  # no SERVICE allowed: no sockets either (defence in depth)
        _no_network()
    reader = StoreReader(Path(store_path))
    try:
        reader.current()
    except (StoreError, OSError) as e:
        conn.send(("failed", str(e)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result = run_job(reader, job)
        except QueryError as e:
            _reply(conn, ("query", str(e)))
            continue
        except StoreError as e:
            _reply(conn, ("internal", str(e)))
            continue
        except NotAcceptable as e:
            _reply(conn, ("not_acceptable", e.kind))
            continue
        except MemoryError:
            _reply(conn, ("memory", "the query needed more memory than a worker may use"))
            continue
        except Exception as e:
            _reply(conn, ("internal", f"{type(e).__name__}: {e}"))
            continue
        meta = {
            k: getattr(result, k)
            for k in ("kind", "fmt", "rows", "truncated", "has_more", "generation", "elapsed")
        }
        try:
            conn.send(("ok", meta))
            conn.send_bytes(result.body)
        except (BrokenPipeError, OSError):
            return


def _reply(conn: Connection, message: tuple[str, str]) -> None:
    with contextlib.suppress(BrokenPipeError, OSError):
        conn.send(message)


def result_from_meta(meta: Mapping[str, Any], body: bytes) -> QueryResult:
    """Rebuild the :class:`QueryResult` the worker described."""
    return QueryResult(
        meta["kind"],
        meta["fmt"],
        body,
        meta["rows"],
        meta["truncated"],
        meta["has_more"],
        tuple(meta["generation"]),
        meta["elapsed"],
    )


__all__ = [
    "NotAcceptable",
    "QueryJob",
    "QueryResult",
    "StoreReader",
    "result_from_meta",
    "run_job",
    "worker_main",
]
