"""The build on a Dask cluster: extraction and N-Quads writing over shards on Dask workers.

``kg build --executor dask [--scheduler ADDRESS] [--workers N]`` runs :func:`kg.pipeline.build`
with a :class:`DaskExecutor`:

1. the driver streams the corpus (``kg.corpus.stream``) and submits shards of papers; each
   worker extracts its shard into a spool file in the shared shard directory and sends back
   only the shard's key statistics (a :class:`~kg.assemble.entities.KeyCollector`);
2. the driver merges the statistics and resolves entity keys across the whole build (and
   against the store), exactly as the serial build does;
3. each worker turns one spool file into an N-Quads file under that mapping (only its
   non-identity part is shipped, once, with ``scatter``); the driver bulk-loads each N-Quads
   shard as soon as it is written.

Phases 1 and 3 run the same functions as the serial build (``kg.shards.extract_into_shards``,
``kg.shards.write_quad_shard``), so the graph is the same quads. See docs/distributed.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from kg.assemble.entities import KeyCollector
from kg.corpus.models import Paper
from kg.shards import (
    SHARD_PAPERS,
    Executor,
    ExtractedShard,
    ProgressCallback,
    QuadShard,
    extract_into_shards,
    merge_collector,
    write_quad_shard,
)

_NLP: Any = None


def _worker_nlp() -> Any:
    """The default pipeline, loaded once per worker process and kept."""
    global _NLP
    if _NLP is None:
        from kg.nlp import load_default_nlp

        _NLP = load_default_nlp()
    return _NLP


def extract_task(papers: list[Paper], directory: str, index: int) -> ExtractedShard:
    """Phase 1 on a worker: one shard of papers → one spool file + its key statistics."""
    shards = extract_into_shards(
        papers,
        Path(directory),
        prefix=f"shard-{index:05d}",
        shard_size=len(papers) or 1,
        nlp=_worker_nlp(),
    )
    (shard,) = shards
    return shard


def write_task(
    spool: str, remap: dict[tuple[str, str], str], threshold: float, surfaces: bool = False
) -> QuadShard:
    """Phase 3 on a worker: one spool file → one N-Quads file under the build's mapping."""
    path = Path(spool)
    shard = write_quad_shard(
        path, path.with_suffix(".nq"), remap, threshold=threshold, surfaces=surfaces
    )
    path.unlink(missing_ok=True)
    return shard


class DaskExecutor(Executor):
    """Runs phases 1 and 3 on a Dask cluster: at ``scheduler``, or a local one.

    Args:
        shard_dir: where spool and N-Quads shards go; on a multi-machine cluster it must be a
            filesystem that the driver and every worker share (same path everywhere).
        scheduler: address of a running scheduler (``tcp://host:8786``); None starts a
            ``LocalCluster`` of ``workers`` single-threaded worker processes.
        workers: local worker processes (default: the machine's cores).
        shard_size: papers per shard (per task).
        processes: False runs local workers as threads of this process (tests).
    """

    def __init__(
        self,
        shard_dir: Path,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
        shard_size: int = SHARD_PAPERS,
        processes: bool = True,
        client: Any = None,
    ) -> None:
        from distributed import Client, LocalCluster

        self.shard_dir = shard_dir
        self.shard_size = shard_size
        self.collector = KeyCollector()
        self._own: list[Any] = []
        if client is not None:
            self.client = client
        elif scheduler:
            self.client = Client(scheduler)
            self._own.append(self.client)
        else:
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
                host="127.0.0.1",
            )
            self.client = Client(cluster)
            self._own += [self.client, cluster]

    def _slots(self) -> int:
        """Shards kept in flight: enough to keep every worker busy, few enough to bound memory."""
        info = self.client.scheduler_info()
        threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        return max(2, 2 * threads)

    def extract(
        self, papers: Iterable[Paper], total: int, on_progress: ProgressCallback | None
    ) -> list[ExtractedShard]:
        from distributed import as_completed

        stream = iter(papers)
        directory = str(self.shard_dir)
        shards: dict[int, ExtractedShard] = {}
        index_of: dict[str, int] = {}
        done = 0
        index = 0

        def submit() -> Any:
            nonlocal index
            chunk = list(islice(stream, self.shard_size))
            if not chunk:
                return None
            future = self.client.submit(extract_task, chunk, directory, index, pure=False)
            index_of[future.key] = index
            index += 1
            return future

        pending = as_completed()
        for _ in range(self._slots()):
            future = submit()
            if future is None:
                break
            pending.add(future)
        for future in pending:
            shard: ExtractedShard = future.result()
            merge_collector(self.collector, shard)  # keeps one build-wide copy of the keys
            shards[index_of.pop(future.key)] = shard
            done += shard.papers
            if on_progress is not None:
                on_progress(done, total)
            future.release()
            nxt = submit()
            if nxt is not None:
                pending.add(nxt)
        return [shards[i] for i in sorted(shards)]

    def write(
        self,
        shards: Sequence[ExtractedShard],
        remap: dict[tuple[str, str], str],
        threshold: float,
        surfaces: bool = False,
    ) -> Iterator[QuadShard]:
        from distributed import as_completed

        if not shards:
            return
        [remote] = self.client.scatter([remap], broadcast=True)
        futures = [
            self.client.submit(write_task, str(s.spool), remote, threshold, surfaces, pure=False)
            for s in shards
        ]
        for future in as_completed(futures):
            yield future.result()
            future.release()

    def close(self) -> None:
        for thing in self._own:
            thing.close()
        self._own = []
