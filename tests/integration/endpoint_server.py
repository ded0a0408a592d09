"""Start and stop a real ``kg serve`` (uvicorn) subprocess for the endpoint tests.

``EndpointServer`` runs :func:`kg.api.main.serve` exactly as ``kg serve`` does, in its own
process, on a free 127.0.0.1 port, against a store built from the Turtle fixtures of
``tests/fixtures/api/``; options go through ``KG_*`` environment variables, as an operator
would set them. Use ``start()``/``stop()`` or ``with EndpointServer(...) as server:``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

from kg.ids import ENTITIES_GRAPH, GRAPH_BASE
from kg.store import build_session
from kg.store.browse_index import build_browse_index, saved_leaderboard
from kg.store.search import build_search_index
from kg.store.statistics import refresh_statistics

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "api"
_SERVE = (
    "import sys; from pathlib import Path; from kg.api.main import serve; "
    "serve(Path(sys.argv[1]), host=sys.argv[2], port=int(sys.argv[3]))"
)


def build_fixture_store(path: Path, *, extra_triples: int = 0, statistics: bool = True) -> Path:
    """Build a store at ``path`` from the fixture Turtle files (one named graph per file).

    Args:
        path: the store directory to create.
        extra_triples: filler triples added in a graph of their own (pathological queries
            need a few hundred triples to run for minutes).
        statistics: write the statistics graph and the search and browse indexes, as every
            build does (off for tests that count the fixtures' own triples).
    """
    with build_session(path, fresh=True) as store:
        for ttl in sorted(FIXTURES.glob("*.ttl")):
            graph = (
                str(ENTITIES_GRAPH) if ttl.stem == "entities" else f"{GRAPH_BASE}paper/{ttl.stem}"
            )
            store.load_turtle(ttl.read_bytes(), graph=graph)
        if extra_triples:
            filler = "".join(
                f"<https://example.org/filler/{i}> <https://example.org/p> {i} .\n"
                for i in range(extra_triples)
            )
            store.load_turtle(filler.encode(), graph=f"{GRAPH_BASE}paper/filler")
        if statistics:
            # what every build ends with (issue 18): the statistics the saved queries read
            refresh_statistics(store)
            build_search_index(store)
            build_browse_index(store, leaderboard=saved_leaderboard())
    return path


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class EndpointServer:
    """A ``kg serve`` subprocess on a free loopback port.

    Args:
        store: the store directory to serve.
        env: extra ``KG_*`` settings, e.g. ``{"KG_QUERY_TIMEOUT": "2"}``.
        log_path: where the server's output goes (default: next to the store).
    """

    def __init__(
        self, store: Path, *, env: Mapping[str, str] | None = None, log_path: Path | None = None
    ) -> None:
        self.store = store
        self.env = dict(env or {})
        self.log_path = log_path or store.with_name(store.name + ".server.log")
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:41234``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def sparql(self) -> str:
        """The SPARQL endpoint URL."""
        return f"{self.url}/sparql"

    def start(self, *, timeout: float = 30.0) -> EndpointServer:
        """Start the server and wait until ``/health`` answers ok.

        Raises:
            RuntimeError: with the server's log if it does not come up.
        """
        env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        env.update({"KG_WORKERS": "2", "KG_QUERY_TIMEOUT": "10", **self.env})
        for _attempt in range(3):
            self.port = free_port()
            log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
            self.process = subprocess.Popen(
                [sys.executable, "-c", _SERVE, str(self.store), "127.0.0.1", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
            self._log = log
            if self._wait_healthy(timeout):
                return self
            self.stop()
            if "address already in use" not in self.log().lower():
                break  # not a port race: retrying would fail the same way
        raise RuntimeError(
            f"kg serve did not start; log:\n{self.log_path.read_text(errors='replace')}"
        )

    def _wait_healthy(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            try:
                if httpx.get(f"{self.url}/health", timeout=1.0).status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL of its process group after 10 s)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self._log.close()
        self.process = None

    def log(self) -> str:
        """Everything the server printed so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __enter__(self) -> EndpointServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
