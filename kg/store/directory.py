"""The store directory: who may write it, how a build replaces it, how readers notice.

A store is a directory (``--store DIR``) holding Oxigraph's files, the build metadata
``kg-build.json`` (:mod:`kg.store.build_info`) and the surface-form index ``kg-forms.sqlite``
(:mod:`kg.store.forms`). Beside it live, for a while, ``DIR.kg-build.lock`` (held by the one
build allowed to write), ``DIR.building-…`` (that build's working copy) and ``DIR.previous``
(the old store during the swap).

A build never writes to the live store. It writes to a checkpoint copy (hard links, so it is
cheap) and swaps the copy in only when it is complete, so a build that fails or is killed
leaves the previous store intact; the lock refuses a second concurrent build. Readers that
keep the store open (the endpoint's workers and its response cache) ask :func:`generation`
whether a build has swapped a new store in since.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kg.store.build_info import BUILD_INFO_NAME, write_build_info
from kg.store.oxigraph import KnowledgeStore, StoreError

_LOCK_NAME = ".kg-build.lock"

#: Identity of one build's store: the directory's device and inode, and when its build
#: metadata was written (nanoseconds; 0 if it has none).
Generation = tuple[int, int, int]


def open_store(path: Path | None, *, read_only: bool = True) -> KnowledgeStore:
    """Open the store at ``path`` for reading (``None``: a new in-memory store).

    Readers open the store read-only, so any number of them (queries, the endpoint's workers,
    an export) can share it; writes go through :func:`build_session` only.

    Raises:
        StoreError: if no store exists at ``path`` or it cannot be opened.
    """
    if path is None:
        return KnowledgeStore(None)
    _recover_interrupted_swap(path)
    if not path.is_dir():
        raise StoreError(f"no store at {path}: run `kg build --store {path}` first")
    return KnowledgeStore(path, read_only=read_only)


def generation(path: Path, *, wait: float = 2.0) -> Generation:
    """Which build's store is now at ``path``: it changes when a build swaps a new one in.

    A swap renames directories, so the directory's device and inode tell builds apart without
    reading anything. A file system reuses the inode of a deleted directory, though, so the
    store two builds later can have the inode of the one a reader still holds: the time its
    build metadata (``kg-build.json``, written once by each build before the swap) was written
    tells those apart. Between the two renames of a swap the path is briefly absent: wait up
    to ``wait`` seconds for it (0: do not wait, never sleep, as on an event loop).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "store").mkdir()
    >>> before = generation(root / "store")
    >>> _ = (root / "store").rename(root / "old")  # the two renames of a swap
    >>> (root / "new").mkdir()
    >>> _ = (root / "new").rename(root / "store")
    >>> generation(root / "store") != before
    True

    Raises:
        StoreError: if no store appears at ``path`` within ``wait`` seconds.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            st = os.stat(path)
            return (st.st_dev, st.st_ino, _written_ns(path / BUILD_INFO_NAME))
        except FileNotFoundError as e:
            if time.monotonic() >= deadline:
                raise StoreError(f"no store at {path}: run `kg build --store {path}` first") from e
            time.sleep(0.01)
        except OSError as e:
            raise StoreError(f"cannot read the store at {path}: {e}") from e


def _written_ns(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _recover_interrupted_swap(path: Path) -> None:
    """Finish a swap that a crash interrupted between its two renames."""
    previous = path.with_name(path.name + ".previous")
    if not path.exists() and previous.is_dir():
        os.rename(previous, path)
    elif path.exists() and previous.exists():
        shutil.rmtree(previous, ignore_errors=True)


@contextlib.contextmanager
def new_sqlite_file(target: Path) -> Iterator[sqlite3.Connection]:
    """A new SQLite file, committed and renamed over ``target`` when the block ends.

    The store directory may be a hard-linked copy of the live store, so a side index is
    written whole to a new file and swapped in, never changed in place; if the block fails,
    the new file is removed and ``target`` is left as it was.
    """
    work = target.with_name(target.name + ".new")
    work.unlink(missing_ok=True)
    db = sqlite3.connect(work)
    try:
        yield db
        db.commit()
    except BaseException:
        db.close()
        work.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(work, target)


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + _LOCK_NAME)
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise StoreError(
                f"another build is writing to {path} (lock {lock_path}); wait for it to finish"
            ) from e
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def build_session(
    path: Path | None,
    *,
    fresh: bool = False,
    optimize: bool | Callable[[], bool] = True,
) -> Iterator[KnowledgeStore]:
    """Open a writable copy of the store at ``path``; swap it in if the block succeeds.

    The copy starts as a hard-linked checkpoint of the current store (or empty when ``fresh``
    or when no store exists yet). If the block raises, or the process dies, the copy is
    discarded and the store at ``path`` is untouched. ``path=None`` writes an in-memory store.

    ``optimize`` (or what it returns, asked when the block is done) says whether to compact the
    copy before the swap: compaction rewrites the whole store, worth it after a large load and
    not after adding a few papers to a large store (issue 7: cost proportional to the new
    papers).

    Raises:
        StoreError: if another build holds the lock, or the store cannot be copied.
    """
    if path is None:
        yield KnowledgeStore(None)
        return
    path = path.resolve()
    with _build_lock(path):
        _recover_interrupted_swap(path)
        work = path.with_name(f"{path.name}.building-{os.getpid()}-{time.monotonic_ns()}")
        for stale in path.parent.glob(f"{path.name}.building-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed build; we hold the lock
        try:
            previous_info: dict[str, Any] = {}
            if path.is_dir() and not fresh:
                reader = KnowledgeStore(path, read_only=True)
                previous_info = reader.build_info
                try:
                    reader.backup(work)
                finally:
                    reader.close()
            store = KnowledgeStore(work)
            store.build_info = previous_info
        except OSError as e:
            shutil.rmtree(work, ignore_errors=True)
            raise StoreError(f"cannot prepare a build copy of {path}: {e}") from e
        try:
            yield store
            if optimize() if callable(optimize) else optimize:
                store.optimize()
            else:
                # issue 18: what is still only in the write-ahead log would be replayed by
                # every read-only open (a minute for a statistics graph at 50,000 papers)
                store.flush()
            write_build_info(work, store.build_info)
        except BaseException:
            store.close()
            shutil.rmtree(work, ignore_errors=True)
            raise
        store.close()
        previous = path.with_name(path.name + ".previous")
        if path.exists():
            os.rename(path, previous)
        os.rename(work, path)
        shutil.rmtree(previous, ignore_errors=True)
