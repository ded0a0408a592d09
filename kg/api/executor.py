"""A pool of query worker processes with per-query timeouts, and a result cache.

Each request thread checks out an idle worker, sends it a :class:`~kg.api.worker.QueryJob`
and waits at most ``query_timeout`` for the answer. A worker that does not answer in time is
killed (SIGKILL: the CPU is freed at once) and a fresh one is started in the background, so
one pathological query never slows the other clients down for longer than it takes to
notice it (issue 4, point 2). Workers are started with the ``forkserver`` method: a
replacement forks from a small process that has already imported the worker module, which
takes milliseconds, and never inherits the server's threads or sockets.

The store never changes between builds, so results are cached in the server process keyed
by the job and the build (:func:`kg.store.generation`) that answered it (issue 7, point 5).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.api.worker import (
    NotAcceptable,
    QueryJob,
    QueryResult,
    result_from_meta,
    worker_main,
)
from kg.errors import KGError
from kg.store import Generation, generation

log = logging.getLogger(__name__)


class ExecutorError(KGError):
    """Base of the errors the executor reports to a route."""


class QueryTimeout(ExecutorError):
    """The query ran past the timeout; its worker was killed."""


class PoolBusy(ExecutorError):
    """No worker became free within the queue timeout."""


class WorkerCrashed(ExecutorError):
    """The worker died while answering (e.g. it hit its memory cap)."""


class QueryFailed(ExecutorError):
    """The query was rejected by the parser or failed while evaluated (the client's fault)."""


_MAIN_LOCK = threading.Lock()


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Hide ``__main__``'s file while a worker starts.

    multiprocessing re-imports the parent's main module in every non-fork child; for ``kg
    serve`` that is the whole CLI (spaCy included), seconds per worker. The worker needs
    nothing from it: it only runs :func:`kg.api.worker.worker_main`.
    """
    main = sys.modules.get("__main__")
    with _MAIN_LOCK:
        saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if main and k in main.__dict__}
        try:
            for k in saved:
                setattr(main, k, None) if k == "__spec__" else delattr(main, k)
            yield
        finally:
            for k, v in saved.items():
                setattr(main, k, v)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx: Any, store_path: Path, memory_mb: int,
                 allow_network: bool = False) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.conn: Connection = parent
        self.process = ctx.Process(
            target=worker_main, args=(child, str(store_path), memory_mb, allow_network), daemon=True,
            name="kg-query-worker",
        )
        with _main_module_hidden():
            self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise ExecutorError(f"a query worker did not start within {timeout:.0f} s")
        try:
            status, detail = self.conn.recv()
        except (EOFError, OSError) as e:
            self.kill()
            raise ExecutorError("a query worker died while starting") from e
        if status != "ready":
            self.kill()
            raise ExecutorError(f"a query worker could not open the store: {detail}")

    def alive(self) -> bool:
        return bool(self.process.is_alive())

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(2)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.process.join(1)
        self.kill()


class ResultCache:
    """A small LRU of query results, bounded in bytes.

    >>> cache = ResultCache(max_bytes=10_000)
    >>> cache.put("k", QueryResult("ask", "json", b"12345"))
    >>> cache.get("k").body
    b'12345'
    >>> cache.put("big", QueryResult("ask", "json", b"x" * 5000)); cache.get("big") is None
    True
    """

    def __init__(self, *, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[Any, QueryResult] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> QueryResult | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: Any, result: QueryResult) -> None:
        cost = len(result.body) + 256
        if cost > self.max_bytes // 4:  # one huge result must not flush everything else
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old.body) + 256
            self._items[key] = result
            self.size += cost
            while self.size > self.max_bytes and self._items:
                _k, evicted = self._items.popitem(last=False)
                self.size -= len(evicted.body) + 256


class QueryExecutor:
    """Runs :class:`QueryJob` s in a pool of worker processes.

    Args:
        store_path: the store directory the workers open read-only.
        size: number of worker processes.
        memory_mb: memory cap of each worker (0: none).
        allow_network: let workers open network sockets (only when SERVICE is allowed;
            otherwise they are sandboxed, :mod:`kg.api.sandbox`).
        cache_bytes: size of the result cache (0: no cache).
        start_method: multiprocessing start method (``forkserver`` or ``spawn``).
        on_event: callback ``(event, seconds)`` for metrics: ``timeout``, ``restart``,
            ``crash``, ``cache_hit``, ``cache_miss``, ``busy``.
    """

    def __init__(
        self,
        store_path: Path,
        *,
        size: int,
        memory_mb: int = 0,
        allow_network: bool = False,
        cache_bytes: int = 0,
        start_method: str = "forkserver",
        on_event: Callable[[str, float], None] | None = None,
    ) -> None:
        self.store_path = store_path
        self.size = size
        self.memory_mb = memory_mb
        self.allow_network = allow_network
        self.cache = ResultCache(max_bytes=cache_bytes) if cache_bytes > 0 else None
        self._ctx = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._ctx.set_forkserver_preload(["kg.api.worker"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._on_event = on_event or (lambda _event, _seconds: None)
        self.restarts = 0
        self.timeouts = 0

    # lifecycle ---------------------------------------------------------------------------

    def start(self, *, timeout: float = 60.0) -> None:
        """Start the workers and wait until each has opened the store.

        Raises:
            ExecutorError: if a worker cannot open the store.
        """
        workers = [_Worker(self._ctx, self.store_path, self.memory_mb, self.allow_network)
                   for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready(timeout)
        except ExecutorError:
            for worker in workers:
                worker.kill()
            raise
        with self._lock:
            self._all.update(workers)
        for worker in workers:
            self._idle.put(worker)

    def close(self) -> None:
        """Stop every worker (idle ones politely, busy ones by force)."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()

    @property
    def alive(self) -> int:
        """Number of live worker processes."""
        with self._lock:
            return sum(1 for w in self._all if w.alive())

    @property
    def idle(self) -> int:
        """Number of workers waiting for a query."""
        return self._idle.qsize()

    def _replace(self, dead: _Worker) -> None:
        """Kill ``dead`` and start its replacement in the background."""
        with self._lock:
            self._all.discard(dead)
        dead.kill()
        self.restarts += 1
        self._on_event("restart", 0.0)
        threading.Thread(target=self._spawn_replacement, daemon=True,
                         name="kg-worker-respawn").start()

    def _spawn_replacement(self) -> None:
        delay = 0.05
        while not self._closed:
            worker = _Worker(self._ctx, self.store_path, self.memory_mb, self.allow_network)
            try:
                worker.wait_ready(60.0)
            except ExecutorError as e:
                log.warning("restarting a query worker failed (%s); retrying", e)
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            if self._closed:
                worker.stop()
                return
            with self._lock:
                self._all.add(worker)
            self._idle.put(worker)
            return

    # running -----------------------------------------------------------------------------

    def generation(self) -> Generation:
        """The build now at the store path."""
        return generation(self.store_path)

    def execute(self, job: QueryJob, *, timeout: float, queue_timeout: float) -> QueryResult:
        """Run ``job`` in a worker, or answer it from the cache.

        Raises:
            QueryFailed: the query is malformed or failed (message from the parser).
            NotAcceptable: no acceptable format for the query form.
            QueryTimeout: it ran longer than ``timeout`` seconds (its worker was killed).
            PoolBusy: no worker was free within ``queue_timeout`` seconds.
            WorkerCrashed: the worker died (its memory cap, or a crash).
        """
        key: Any = None
        if self.cache is not None:
            key = (job, self.generation())
            hit = self.cache.get(key)
            if hit is not None:
                self._on_event("cache_hit", 0.0)
                return replace(hit, cached=True)
            self._on_event("cache_miss", 0.0)
        result = self._run(job, timeout=timeout, queue_timeout=queue_timeout)
        if self.cache is not None and result.generation == key[1]:
            self.cache.put(key, result)
        return result

    def _checkout(self, queue_timeout: float) -> _Worker:
        deadline = time.monotonic() + queue_timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                worker = self._idle.get(timeout=max(0.0, remaining))
            except queue.Empty:
                self._on_event("busy", 0.0)
                raise PoolBusy(
                    f"all {self.size} query workers stayed busy for {queue_timeout:.0f} s; "
                    "retry later") from None
            if worker.alive():
                return worker
            self._replace(worker)  # died while idle (e.g. killed by the OOM killer)

    def _run(self, job: QueryJob, *, timeout: float, queue_timeout: float) -> QueryResult:
        if self._closed:
            raise PoolBusy("the server is shutting down")
        worker = self._checkout(queue_timeout)
        started = time.monotonic()
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                self.timeouts += 1
                self._on_event("timeout", time.monotonic() - started)
                self._replace(worker)
                raise QueryTimeout(
                    f"the query ran longer than {timeout:g} s and was stopped; narrow it "
                    "(LIMIT, more specific patterns) or ask the operator for a longer "
                    "KG_QUERY_TIMEOUT")
            status, detail = worker.conn.recv()
            body = worker.conn.recv_bytes() if status == "ok" else b""
        except (EOFError, OSError) as e:
            self._on_event("crash", time.monotonic() - started)
            self._replace(worker)
            raise WorkerCrashed(
                "the query worker died while answering (most likely the per-worker memory "
                "cap); narrow the query") from e
        self._idle.put(worker)
        if status == "ok":
            return result_from_meta(detail, body)
        if status == "query":
            raise QueryFailed(detail)
        if status == "not_acceptable":
            raise NotAcceptable(detail)
        if status == "memory":
            raise WorkerCrashed(detail)
        raise ExecutorError(detail)


__all__ = [
    "ExecutorError",
    "PoolBusy",
    "QueryExecutor",
    "QueryFailed",
    "QueryTimeout",
    "ResultCache",
    "WorkerCrashed",
]
