"""How long the browsing pages take (issue 17): cold (the first request after `kg serve`
starts, nothing cached) and warm (the median of repeats, answered from the query workers'
result cache, which holds until the next build).

    python bench/browse_pages.py --store STORE [--page /resource/task/imagesegmentation ...]

Starts `kg serve` on a free loopback port (read-only on the store), requests each page with
``Accept: text/html``, prints a table of seconds, and stops the server. Without --page it times
the landing page, two searches, and the task and dataset with the most papers.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

_SERVE = (
    "import sys; from pathlib import Path; from kg.api.main import serve; "
    "serve(Path(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]))"
)
_BIGGEST = (
    "SELECT ?e (COUNT(?p) AS ?n) WHERE {{ ?p mkg:{link} ?e }} GROUP BY ?e ORDER BY DESC(?n) LIMIT 1"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _biggest(client: httpx.Client, link: str) -> str:
    r = client.get("/sparql", params={"query": _BIGGEST.format(link=link)}, timeout=300)
    iri = r.json()["results"]["bindings"][0]["e"]["value"]
    return "/resource/" + iri.split("/resource/", 1)[1]


def _time(client: httpx.Client, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    r = client.get(path, headers={"Accept": "text/html"}, timeout=300)
    return r.status_code, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--page", action="append", default=[], help="a path to time (repeatable)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    port = _free_port()
    env = {**os.environ, "KG_WORKERS": os.environ.get("KG_WORKERS", "2")}
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVE, str(args.store), str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(600):
                try:
                    if client.get("/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            pages = args.page
            if not pages:  # the biggest pages are looked up after the timed ones run cold
                # a word, and a first letter as the landing page's box sends it while typing
                pages = ["/", "/search?q=segment", "/search?q=m"]
            cold = {path: _time(client, path) for path in pages}
            if not args.page:
                for link in ("addressesTask", "usesDataset"):
                    path = _biggest(client, link)
                    cold[path] = _time(client, path)
            print(f"{'page':55} {'status':>6} {'cold s':>8} {'warm s':>8}")
            for path, (status, first) in cold.items():
                warm = statistics.median(_time(client, path)[1] for _ in range(args.repeats))
                print(f"{path:55} {status:>6} {first:8.3f} {warm:8.3f}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(15)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
