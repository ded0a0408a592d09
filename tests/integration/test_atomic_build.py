"""Atomic builds, against real ``kg build`` processes (no mocks).

* a build SIGKILLed while it writes its copy of the store (or while it extracts) leaves the
  previous store intact and queryable, and the next build cleans up and succeeds;
* two builds on one store at once: the second is refused (exit 1, clear message) and the first
  completes correctly;
* a build whose inputs are all bad exits 1 and leaves the store unchanged.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.store import open_store

REPO = Path(__file__).resolve().parents[2]
# Large enough that loading takes seconds (the copy exists for a while), small enough to run
# in CI: extraction is the slow part (about 20 ms a paper).
BIG_PAPERS = 1000

pytestmark = pytest.mark.timeout(600)


def _make_corpus(n: int, seed: int) -> list[dict[str, object]]:
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_corpus(n, seed=seed)


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _kg(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "kg", *map(str, args)]


def _env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "400", "PYTHONUNBUFFERED": "1"}


def _run(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _kg(*args), cwd=REPO, env=_env(), capture_output=True, text=True, timeout=timeout
    )


def _start(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _kg(*args),
        cwd=REPO,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _sigkill(process: subprocess.Popen[str]) -> None:
    """Kill the build at once, as a power cut or the OOM killer would, and reap it."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the build ended before it could be killed"


def _building(store: Path) -> list[Path]:
    return sorted(store.parent.glob(f"{store.name}.building-*"))


def _wait_for_copy(process: subprocess.Popen[str], store: Path, timeout: float = 300) -> None:
    """Poll every few ms until the build's working copy of the store exists."""
    deadline = time.monotonic() + timeout
    while not _building(store):
        assert process.poll() is None, f"build ended before copying the store: {process.stderr}"
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.003)


def _paper_count(store: Path) -> int:
    rows = list(open_store(store).query("SELECT (COUNT(*) AS ?n) WHERE { ?p a mkg:Paper }").rows())
    return int(rows[0]["n"] or 0)


def _state(store: Path) -> tuple[int, int]:
    return open_store(store).quad_count(), _paper_count(store)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("atomic-corpora")
    return {
        "small": _write_jsonl(root / "small.jsonl", _make_corpus(12, seed=1)),
        "next": _write_jsonl(root / "next.jsonl", _make_corpus(5, seed=2)),
        "big": _write_jsonl(root / "big.jsonl", _make_corpus(BIG_PAPERS, seed=3)),
    }


@pytest.fixture()
def old_store(corpora: dict[str, Path], tmp_path: Path) -> tuple[Path, tuple[int, int]]:
    """A store that already holds a previous build (12 papers)."""
    store = tmp_path / "store"
    done = _run("build", corpora["small"], "--store", store)
    assert done.returncode == 0, done.stderr
    state = _state(store)
    assert state[1] == 12
    return store, state


def _assert_old_store_intact(store: Path, state: tuple[int, int]) -> None:
    assert _state(store) == state
    # A saved-query-like question still gets answered.
    rows = list(
        open_store(store)
        .query("SELECT ?t WHERE { ?p a mkg:Paper ; dcterms:title ?t } ORDER BY ?t LIMIT 3")
        .rows()
    )
    assert len(rows) == 3 and all(r["t"] for r in rows)
    done = _run(
        "query", "--store", store, "--format", "json", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    )
    assert done.returncode == 0, done.stderr
    assert int(json.loads(done.stdout)["results"]["bindings"][0]["n"]["value"]) == state[0]


def _assert_next_build_recovers(store: Path, corpora: dict[str, Path], papers: int) -> None:
    done = _run("build", corpora["next"], "--store", store)
    assert done.returncode == 0, done.stderr
    assert _building(store) == []
    assert not store.with_name(store.name + ".previous").exists()
    assert _paper_count(store) == papers + 5


def test_build_killed_while_writing_its_copy_leaves_the_old_store(
    old_store: tuple[Path, tuple[int, int]], corpora: dict[str, Path]
) -> None:
    store, state = old_store
    process = _start("build", corpora["big"], "--store", store)
    try:
        _wait_for_copy(process, store)
        time.sleep(0.3)  # mid-load: the copy is being written
        assert _building(store), "the build finished before it could be killed"
    finally:
        _sigkill(process)
    assert _building(store)  # the half-written copy is left behind by the kill...
    _assert_old_store_intact(store, state)  # ...and the live store did not notice
    _assert_next_build_recovers(store, corpora, state[1])  # which cleans the copy up


def test_build_killed_during_extraction_leaves_the_old_store(
    old_store: tuple[Path, tuple[int, int]], corpora: dict[str, Path]
) -> None:
    store, state = old_store
    shards = store.parent / "shards"
    shards.mkdir(exist_ok=True)
    process = _start("build", corpora["big"], "--store", store, "--shard-dir", shards)
    try:
        # extraction has begun once the first spool file of a shard exists; the store copy
        # is made only after extraction
        deadline = time.monotonic() + 120
        while not any(p.is_file() for p in shards.rglob("*")):
            assert process.poll() is None, process.communicate()[1]
            assert time.monotonic() < deadline, "extraction never started"
            time.sleep(0.005)
        assert _building(store) == []
    finally:
        _sigkill(process)
    _assert_old_store_intact(store, state)
    _assert_next_build_recovers(store, corpora, state[1])


def test_second_concurrent_build_is_refused_and_the_first_completes(
    old_store: tuple[Path, tuple[int, int]], corpora: dict[str, Path]
) -> None:
    store, state = old_store
    first = _start("build", corpora["big"], "--store", store)
    try:
        _wait_for_copy(first, store)  # the first build holds the lock from here to its swap
        second = _run("build", corpora["next"], "--store", store, timeout=120)
        still_building = first.poll() is None
        _out, err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert still_building, "the first build ended before the second reached the lock"
    assert second.returncode == 1, second.stderr
    assert "another build is writing to" in second.stderr
    assert str(store.resolve()) in second.stderr.replace("\n", "")
    assert first.returncode == 0, err
    assert _building(store) == []
    assert _paper_count(store) == state[1] + BIG_PAPERS
    # The refused build's papers did not sneak in.
    titles = {
        r["t"] for r in open_store(store).query("SELECT ?t WHERE { ?p dcterms:title ?t }").rows()
    }
    next_titles = {json.loads(line)["title"] for line in corpora["next"].read_text().splitlines()}
    assert not titles & next_titles


def test_build_with_only_bad_inputs_exits_1_and_changes_nothing(
    old_store: tuple[Path, tuple[int, int]], tmp_path: Path
) -> None:
    store, state = old_store
    before = sorted((p.name, p.stat().st_mtime_ns) for p in store.iterdir())
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.jsonl").write_text('{"title": "No abstract"}\n{"title": \n', encoding="utf-8")
    (bad / "empty.csv").write_bytes(b"")
    (bad / "garbage.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    done = _run("build", bad, bad / "missing.jsonl", "--store", store)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "no paper could be read" in done.stderr
    assert sorted((p.name, p.stat().st_mtime_ns) for p in store.iterdir()) == before
    assert _building(store) == []
    _assert_old_store_intact(store, state)
