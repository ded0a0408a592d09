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

Expensive queries cannot starve cheap ones (issue 16, items 3 and 4):

* **A quick lane.** Besides the ``size`` workers, ``lane_size`` lane workers (one by default)
  take a query only when every other worker is busy, and only for ``lane_seconds`` (0.25 s by
  default): a query still running then is stopped there (its lane worker is killed and
  replaced in milliseconds), remembered as slow, and waits for a regular worker. So however
  many expensive queries run or wait, a cheap query is answered by the lane within a fraction
  of a second, and a slow one can hold the lane only once, briefly.
* **Single flight.** Identical jobs on the same build that are in flight at the same time are
  computed once; every request waiting for it gets the result.
* **Work whose clients left is stopped.** Each request may pass a ``threading.Event`` set when
  its client disconnects; when every request waiting for a computation is gone, the
  computation leaves the queue, or its worker is killed if it already runs.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import multiprocessing
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


class ClientGone(ExecutorError):
    """Every client waiting for this query disconnected; its computation was stopped."""


#: seconds between checks of a waiting request's disconnect flag (the wait itself wakes at
#: once when a worker answers or frees up)
_CHECK = 0.05
#: started lane workers kept ready to replace one killed for running too long: two, so that
#: two lane turns in a row can end in a kill before a restart must have finished
LANE_SPARES = 2
#: how many slow jobs the lane remembers (LRU), so a slow query tries the lane once
_SLOW_MEMORY = 4096


class _Flight:
    """One computation and the requests waiting for it (single flight)."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.waiters = 1
        self.result: QueryResult | None = None
        self.error: BaseException | None = None


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
        saved = {
            k: main.__dict__[k] for k in ("__file__", "__spec__") if main and k in main.__dict__
        }
        try:
            for k in saved:
                setattr(main, k, None) if k == "__spec__" else delattr(main, k)
            yield
        finally:
            for k, v in saved.items():
                setattr(main, k, v)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(
        self,
        ctx: Any,
        store_path: Path,
        memory_mb: int,
        allow_network: bool = False,
        *,
        lane: bool = False,
    ) -> None:
        self.lane = lane
        parent, child = ctx.Pipe(duplex=True)
        self.conn: Connection = parent
        self.process = ctx.Process(
            target=worker_main,
            args=(child, str(store_path), memory_mb, allow_network),
            daemon=True,
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
    """Runs :class:`QueryJob` s in a pool of worker processes (see the module docstring).

    Args:
        store_path: the store directory the workers open read-only.
        size: number of regular worker processes.
        memory_mb: memory cap of each worker (0: none).
        allow_network: let workers open network sockets (only when SERVICE is allowed;
            otherwise they are sandboxed, :mod:`kg.api.sandbox`).
        cache_bytes: size of the result cache (0: no cache).
        start_method: multiprocessing start method (``forkserver`` or ``spawn``).
        on_event: callback ``(event, seconds)`` for metrics: ``timeout``, ``restart``,
            ``crash``, ``cache_hit``, ``cache_miss``, ``busy``, ``shared``, ``abandoned``,
            ``lane``, ``lane_overrun``.
        lane_size: quick-lane worker processes (0: no lane).
        lane_seconds: longest a query may run in the quick lane.
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
        lane_size: int = 1,
        lane_seconds: float = 0.25,
    ) -> None:
        self.store_path = store_path
        self.size = size
        self.lane_size = lane_size
        self.lane_seconds = lane_seconds
        self.memory_mb = memory_mb
        self.allow_network = allow_network
        self.cache = ResultCache(max_bytes=cache_bytes) if cache_bytes > 0 else None
        self._ctx = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._ctx.set_forkserver_preload(["kg.api.worker"])
        # idle workers, regular and lane; waiters sleep on the condition
        self._cond = threading.Condition()
        self._idle_main: list[_Worker] = []
        self._idle_lane: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._flights: dict[Any, _Flight] = {}
        # started lane workers kept ready: a lane worker killed for running too long is
        # replaced at once by a spare, not after a restart (which takes long on a busy host)
        self._spares: list[_Worker] = []
        # requests that may take the lane, by arrival: the newest gets it (see _checkout)
        self._lane_waiting: dict[object, float] = {}
        self._slow: OrderedDict[Any, None] = OrderedDict()
        self._closed = False
        self._on_event = on_event or (lambda _event, _seconds: None)
        self.restarts = 0
        self.timeouts = 0

    # lifecycle ---------------------------------------------------------------------------

    def _new_worker(self, *, lane: bool) -> _Worker:
        return _Worker(self._ctx, self.store_path, self.memory_mb, self.allow_network, lane=lane)

    def start(self, *, timeout: float = 60.0) -> None:
        """Start the workers and wait until each has opened the store.

        Raises:
            ExecutorError: if a worker cannot open the store.
        """
        workers = [self._new_worker(lane=False) for _ in range(self.size)] + [
            self._new_worker(lane=True) for _ in range(self.lane_size)
        ]
        spares = [self._new_worker(lane=True) for _ in range(LANE_SPARES if self.lane_size else 0)]
        try:
            for worker in workers + spares:
                worker.wait_ready(timeout)
        except ExecutorError:
            for worker in workers + spares:
                worker.kill()
            raise
        with self._lock:
            self._all.update(workers + spares)
            self._spares.extend(spares)
        for worker in workers:
            self._release(worker)

    def close(self) -> None:
        """Stop every worker (idle ones politely, busy ones by force)."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
        with self._cond:
            self._cond.notify_all()

    @property
    def alive(self) -> int:
        """Number of live regular worker processes (the quick lane's are not counted)."""
        with self._lock:
            return sum(1 for w in self._all if w.alive() and not w.lane)

    @property
    def idle(self) -> int:
        """Number of regular workers waiting for a query."""
        with self._cond:
            return len(self._idle_main)

    def worker_pids(self) -> list[int]:
        """Process ids of every live worker, regular and lane (for tests and operators)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.alive()]

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            if worker.lane:
                self._idle_lane.append(worker)
                self._cond.notify_all()  # only the newest lane waiter may take it
            else:
                self._idle_main.append(worker)
                self._cond.notify()  # any waiter may take it: wake one, not the whole queue

    def _replace(self, dead: _Worker) -> None:
        """Kill ``dead`` and start its replacement in the background."""
        with self._lock:
            self._all.discard(dead)
            spare = self._spares.pop() if dead.lane and self._spares else None
        if spare is not None:
            self._release(spare)
        dead.kill()
        self.restarts += 1
        self._on_event("restart", 0.0)
        threading.Thread(
            target=self._spawn_replacement, args=(dead.lane,), daemon=True, name="kg-worker-respawn"
        ).start()

    def _spawn_replacement(self, lane: bool = False) -> None:
        delay = 0.05
        while not self._closed:
            worker = self._new_worker(lane=lane)
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
                serving = sum(1 for w in self._all if w.lane) - len(self._spares) - 1
                keep = lane and serving >= self.lane_size  # the lane is served: be a spare
                if keep:
                    self._spares.append(worker)
            if not keep:
                self._release(worker)
            return

    # running -----------------------------------------------------------------------------

    def generation(self) -> Generation:
        """The build now at the store path."""
        return generation(self.store_path)

    def execute(
        self,
        job: QueryJob,
        *,
        timeout: float,
        queue_timeout: float,
        cancelled: threading.Event | None = None,
    ) -> QueryResult:
        """Run ``job`` in a worker, or answer it from the cache or a computation in flight.

        Args:
            job: the query.
            timeout: seconds the query may run in a regular worker.
            queue_timeout: seconds it may wait for a worker.
            cancelled: set when the requesting client has gone; when every request waiting
                for the computation is gone, it is stopped.

        Raises:
            QueryFailed: the query is malformed or failed (message from the parser).
            NotAcceptable: no acceptable format for the query form.
            QueryTimeout: it ran longer than ``timeout`` seconds (its worker was killed).
            PoolBusy: no worker was free within ``queue_timeout`` seconds.
            WorkerCrashed: the worker died (its memory cap, or a crash).
            ClientGone: ``cancelled`` was set before the answer came.
        """
        key: Any = (job, self.generation())
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                self._on_event("cache_hit", 0.0)
                return replace(hit, cached=True)
            self._on_event("cache_miss", 0.0)
        with self._lock:
            current = self._flights.get(key)
            # (an abandoned flight, with no waiters left, is stopping: start a new one)
            leader = current is None or current.waiters <= 0
            if current is None or leader:
                flight = self._flights[key] = _Flight()
            else:
                flight = current
                flight.waiters += 1
        if leader:
            threading.Thread(
                target=self._compute,
                args=(key, job, flight, timeout, queue_timeout),
                daemon=True,
                name="kg-query",
            ).start()
        else:
            self._on_event("shared", 0.0)
        while not flight.done.wait(_CHECK if cancelled is not None else None):
            if cancelled is not None and cancelled.is_set():
                with self._lock:
                    flight.waiters -= 1
                raise ClientGone("the client disconnected before the answer")
        if flight.error is not None:
            # each waiter raises its own copy (one exception object, many threads' tracebacks)
            raise copy.copy(flight.error)
        assert flight.result is not None
        return flight.result

    def _compute(
        self, key: Any, job: QueryJob, flight: _Flight, timeout: float, queue_timeout: float
    ) -> None:
        def abandoned() -> bool:
            return flight.waiters <= 0

        try:
            flight.result = self._run(
                job, key, timeout=timeout, queue_timeout=queue_timeout, abandoned=abandoned
            )
            if self.cache is not None and flight.result.generation == key[1]:
                self.cache.put(key, flight.result)
        except BaseException as e:
            flight.error = e
        finally:
            with self._lock:
                if self._flights.get(key) is flight:
                    del self._flights[key]
            flight.done.set()

    def _checkout(
        self, queue_timeout: float, deadline: float, *, lane: bool, abandoned: Callable[[], bool]
    ) -> _Worker:
        """An idle regular worker, or (with ``lane``) a lane worker if no regular one is idle.

        The lane goes to the request that arrived last: requests that have waited longer are
        more likely to be the expensive ones that filled the pool, and however many of them
        wait, a cheap query that just arrived waits for at most one lane turn.
        """
        token = object()
        while True:
            with self._cond:
                if lane:
                    self._lane_waiting[token] = time.monotonic()
                try:
                    worker = self._wait_for_worker(
                        token, queue_timeout, deadline, lane=lane, abandoned=abandoned
                    )
                finally:
                    self._lane_waiting.pop(token, None)
            if worker.alive():
                return worker
            self._replace(worker)  # died while idle (e.g. killed by the OOM killer)

    def _wait_for_worker(
        self,
        token: object,
        queue_timeout: float,
        deadline: float,
        *,
        lane: bool,
        abandoned: Callable[[], bool],
    ) -> _Worker:
        """The waiting loop of :meth:`_checkout` (called holding ``_cond``)."""
        while True:
            if self._closed:
                raise PoolBusy("the server is shutting down")
            if self._idle_main:
                return self._idle_main.pop()
            if (
                lane
                and self._idle_lane
                and max(self._lane_waiting, key=self._lane_waiting.__getitem__) is token
            ):
                return self._idle_lane.pop()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._on_event("busy", 0.0)
                raise PoolBusy(
                    f"all {self.size} query workers stayed busy for "
                    f"{queue_timeout:.0f} s; retry later"
                )
            if abandoned():
                self._on_event("abandoned", 0.0)
                raise ClientGone("every client of this query disconnected while it waited")
            self._cond.wait(min(remaining, _CHECK))

    def _is_slow(self, key: Any) -> bool:
        with self._lock:
            return key in self._slow

    def _mark_slow(self, key: Any) -> None:
        with self._lock:
            self._slow[key] = None
            while len(self._slow) > _SLOW_MEMORY:
                self._slow.popitem(last=False)

    def _run(
        self,
        job: QueryJob,
        key: Any,
        *,
        timeout: float,
        queue_timeout: float,
        abandoned: Callable[[], bool],
    ) -> QueryResult:
        deadline = time.monotonic() + queue_timeout
        lane = self.lane_size > 0 and not self._is_slow(key)
        while True:
            worker = self._checkout(queue_timeout, deadline, lane=lane, abandoned=abandoned)
            if not worker.lane:
                return self._attempt(worker, job, timeout, abandoned)
            self._on_event("lane", 0.0)
            try:
                return self._attempt(worker, job, self.lane_seconds, abandoned)
            except QueryTimeout:
                # too slow for the lane: it waits for a regular worker like everyone else
                self._on_event("lane_overrun", self.lane_seconds)
                self._mark_slow(key)
                lane = False

    def _attempt(
        self, worker: _Worker, job: QueryJob, timeout: float, abandoned: Callable[[], bool]
    ) -> QueryResult:
        """Run ``job`` on ``worker`` (checked out); the worker is released or replaced."""
        started = time.monotonic()
        try:
            worker.conn.send(job)
            while not worker.conn.poll(min(_CHECK, max(0.0, started + timeout - time.monotonic()))):
                if abandoned():
                    self._on_event("abandoned", time.monotonic() - started)
                    self._replace(worker)
                    raise ClientGone("every client of this query disconnected; it was stopped")
                if time.monotonic() >= started + timeout:
                    if not worker.lane:
                        self.timeouts += 1
                        self._on_event("timeout", time.monotonic() - started)
                    self._replace(worker)
                    raise QueryTimeout(
                        f"the query ran longer than {timeout:g} s and was stopped; narrow it "
                        "(LIMIT, more specific patterns) or ask the operator for a longer "
                        "KG_QUERY_TIMEOUT"
                    )
            status, detail = worker.conn.recv()
            body = worker.conn.recv_bytes() if status == "ok" else b""
        except (EOFError, OSError) as e:
            self._on_event("crash", time.monotonic() - started)
            self._replace(worker)
            raise WorkerCrashed(
                "the query worker died while answering (most likely the per-worker memory "
                "cap); narrow the query"
            ) from e
        self._release(worker)
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
    "ClientGone",
    "ExecutorError",
    "PoolBusy",
    "QueryExecutor",
    "QueryFailed",
    "QueryTimeout",
    "ResultCache",
    "WorkerCrashed",
]
