"""Nothing a client does stalls the endpoint for the others (issue 16, items 2-4).

A real ``kg serve`` (uvicorn subprocess, real sockets, an on-disk store with filler triples so
that cross products run for minutes), attacked as a real client would: a 64 MB header, a
64 MB request line, expensive queries filling every worker, identical slow queries, clients
that disconnect. Throughout each attack a probe client sends cheap queries, each of which must
be answered 200 within 1 s; workers are checked as processes (CPU time, PIDs), not by status.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import quote

import httpx
import psutil
import pytest
from endpoint_server import EndpointServer, build_fixture_store

pytestmark = pytest.mark.timeout(300)

SPARQL_QUERY = {"Content-Type": "application/sparql-query"}
MB = 1024 * 1024


def cross_product(i: int) -> str:
    """A query that runs for minutes on 300 filler triples; ``i`` makes each one distinct."""
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(?i != {i}) }}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EndpointServer]:
    store = build_fixture_store(tmp_path_factory.mktemp("robust") / "store", extra_triples=300)
    env = {
        "KG_QUERY_TIMEOUT": "4",
        "KG_WORKERS": "2",
        "KG_CACHE_BYTES": "0",
        "KG_QUEUE_TIMEOUT": "30",
        "KG_WORKER_MEMORY_MB": "512",
    }
    with EndpointServer(store, env=env) as running:
        yield running


class Probe:
    """A client sending cheap queries back to back in a thread, recording every answer."""

    def __init__(self, server: EndpointServer) -> None:
        self.server = server
        self.answers: list[tuple[int, float]] = []
        self.first = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.server.url, timeout=30) as client:
            n = 0
            while not self._stop.is_set():
                n += 1  # distinct texts: no cache, no single flight helps the probe
                started = time.monotonic()
                r = client.get("/sparql", params={"query": f"ASK {{ FILTER({n} > 0) }}"})
                self.answers.append((r.status_code, time.monotonic() - started))
                self.first.set()

    def __enter__(self) -> Probe:
        self._thread.start()
        assert self.first.wait(10), "the probe got no first answer"
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(30)

    def check(self) -> None:
        """Every probe answer was a 200, 99% within 1 s, none within reach of a timeout.

        A probe queued behind an expensive query would wait for its 4 s timeout; on two busy
        cores the scheduler alone has held a cheap answer 1.02 s once in 2,000, which is noise,
        not starvation, so single answers may take up to 2 s.
        """
        assert self.answers
        failed = [(status, round(t, 3)) for status, t in self.answers if status != 200]
        assert not failed, (failed, len(self.answers))
        starved = [round(t, 3) for _, t in self.answers if t >= 2.0]
        assert not starved, (starved, len(self.answers))
        slow = [round(t, 3) for _, t in self.answers if t >= 1.0]
        assert len(slow) <= len(self.answers) // 100, (slow, len(self.answers))


def _in_threads(calls: list[Callable[[], object]]) -> list[object]:
    out: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            out[i] = calls[i]()
        except Exception as e:
            out[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return out


def _post(server: EndpointServer, query: str) -> httpx.Response:
    return httpx.post(server.sparql, content=query.encode(), headers=SPARQL_QUERY, timeout=60)


def _metric(server: EndpointServer, name: str) -> float:
    text = httpx.get(f"{server.url}/metrics").text
    match = re.search(rf"^{re.escape(name)} (\S+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


def _workers(server: EndpointServer) -> list[psutil.Process]:
    root = psutil.Process(server.process.pid)  # type: ignore[union-attr]
    return root.children(recursive=True)


def _cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for p in procs:
        try:
            times = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _assert_workers_idle(server: EndpointServer, *, within: float = 2.0) -> None:
    """No worker process burns CPU: over a 0.5 s window, all of them together use < 0.1 s."""
    deadline = time.monotonic() + within
    while True:
        procs = _workers(server)
        before = _cpu_seconds(procs)
        time.sleep(0.5)  # a measurement window, not a synchronisation
        used = _cpu_seconds(procs) - before
        if used < 0.1:
            return
        assert time.monotonic() < deadline, f"workers used {used:.2f} s of CPU in 0.5 s"


# --- item 2: bounded request heads ----------------------------------------------------------


def _send_huge_head(port: int, prefix: bytes, size: int) -> tuple[bytes, float]:
    """Send ``prefix`` and then ``size`` bytes of head; return the response and its delay."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    started = time.monotonic()

    def pump() -> None:
        try:
            sock.sendall(prefix)
            chunk = b"a" * 65536
            for _ in range(size // len(chunk)):
                sock.sendall(chunk)
            sock.sendall(b"\r\n\r\n")
        except OSError:
            pass  # the server refused and closed: what this test expects

    sender = threading.Thread(target=pump, daemon=True)
    sender.start()
    try:
        response = sock.recv(4096)
    finally:
        elapsed = time.monotonic() - started
        sock.close()
        sender.join(30)
    return response, elapsed


@pytest.mark.parametrize(
    ("prefix", "status"),
    [
        (b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ", 431),
        (b"GET /sparql?query=ASK%7B%7D%23", 414),
    ],
    ids=["header", "request-line"],
)
def test_a_64mb_head_is_refused_at_once_and_stalls_nobody(
    server: EndpointServer, prefix: bytes, status: int
) -> None:
    with Probe(server) as probe:
        response, elapsed = _send_huge_head(server.port, prefix, 64 * MB)
    assert response.startswith(f"HTTP/1.1 {status} ".encode()), response[:200]
    assert b'"error"' in response and b'"detail"' in response
    assert elapsed < 1.0
    probe.check()


def test_a_head_just_under_the_limit_is_served(server: EndpointServer) -> None:
    r = httpx.get(f"{server.url}/health", headers={"X-Padding": "a" * 60_000})
    assert r.status_code == 200


def test_a_large_body_after_small_headers_is_not_a_large_head(server: EndpointServer) -> None:
    query = "ASK {} #" + "x" * 190_000  # one read may hold headers and much of the body
    r = httpx.post(server.sparql, content=query.encode(), headers=SPARQL_QUERY)
    assert r.status_code == 200, r.text[:200]


# --- item 3: expensive queries cannot starve cheap ones --------------------------------------


@pytest.mark.parametrize("expensive", [2, 6])
def test_cheap_queries_are_answered_while_expensive_ones_fill_the_pool(
    server: EndpointServer, expensive: int
) -> None:
    with Probe(server) as probe:
        answers = _in_threads(
            [lambda i=i: _post(server, cross_product(i)) for i in range(expensive)]
        )
    assert [getattr(a, "status_code", a) for a in answers] == [503] * expensive
    assert all(a.json()["error"] == "timeout" for a in answers)  # type: ignore[union-attr]
    probe.check()
    _assert_workers_idle(server)


def test_identical_queries_in_flight_are_computed_once(server: EndpointServer) -> None:
    timeouts = _metric(server, "kg_query_timeouts_total")
    shared = _metric(server, 'kg_query_scheduling_total{event="shared"}')
    answers = _in_threads([lambda: _post(server, cross_product(-1))] * 4)
    assert [getattr(a, "status_code", a) for a in answers] == [503] * 4
    assert _metric(server, "kg_query_timeouts_total") == timeouts + 1  # one computation
    assert _metric(server, 'kg_query_scheduling_total{event="shared"}') == shared + 3


def test_a_timed_out_query_s_worker_is_killed(server: EndpointServer) -> None:
    pids = {p.pid for p in _workers(server)}
    assert _post(server, cross_product(-2)).status_code == 503
    _assert_workers_idle(server, within=1.0)
    assert pids - {p.pid for p in _workers(server)}, "no worker process was killed"


# --- item 4: work whose clients left is stopped ----------------------------------------------


def _ask_and_leave(port: int, query: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(f"GET /sparql?query={quote(query)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    return sock


@pytest.mark.parametrize("distinct", [False, True], ids=["same-query", "distinct-queries"])
def test_queries_of_clients_that_left_are_stopped(server: EndpointServer, distinct: bool) -> None:
    abandoned = _metric(server, 'kg_query_scheduling_total{event="abandoned"}')
    socks = [
        _ask_and_leave(server.port, cross_product(100 + (i if distinct else 0))) for i in range(8)
    ]
    deadline = time.monotonic() + 10
    while httpx.get(f"{server.url}/health").json()["workers_idle"] == 2:  # not yet running
        assert time.monotonic() < deadline, "the queries never reached a worker"
    for sock in socks:
        sock.close()
    with Probe(server) as probe:
        _assert_workers_idle(server, within=1.5)
    probe.check()
    stopped = _metric(server, 'kg_query_scheduling_total{event="abandoned"}') - abandoned
    assert stopped == (8 if distinct else 1)
