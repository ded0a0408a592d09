"""A build's shards: spool files of extractions, N-Quads files, and what runs and loads them.

A build processes its papers in shards of :data:`SHARD_PAPERS` (issue 7: memory stays flat
as the corpus grows). Phase 1 extracts each shard into a spool file and keeps only the key
statistics that entity resolution needs; phase 3 turns each spool file into an N-Quads file
under the build's key mapping; the :class:`ShardLoader` loads each N-Quads file into the
build copy of the store while the next one is written. An :class:`Executor` runs phases 1 and
3: :class:`SerialExecutor` here, ``kg.distributed.DaskExecutor`` on a Dask cluster, with the
same result. ``kg.pipeline`` runs the phases in order.
"""

from __future__ import annotations

import hashlib
import pickle
import queue
import re
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.assemble.entities import KeyCollector
from kg.assemble.rdf import DEFAULT_LINK_THRESHOLD, extraction_quads
from kg.corpus.models import InputProblem, Paper, SourceRef
from kg.ids import entity_iri, paper_graph
from kg.statements import EntityLink, PaperExtraction
from kg.store import KnowledgeStore
from kg.store.build_queries import mentioned_entities
from kg.store.statistics import ExtractorTotals, add_totals, graph_totals, mention_totals

#: ``on_progress(done, total)``: papers extracted so far, of the build's total.
ProgressCallback = Callable[[int, int], None]

# --- phase 1: extraction into spool shards ---------------------------------------------------

#: Papers per shard: the unit of a spool file, of an N-Quads file and of a Dask task.
SHARD_PAPERS = 2000


class _Spool:
    """Extractions written to a file in pickled batches and read back in order.

    The build needs every link before it can resolve entities across papers, but holding all
    extractions of a large corpus in memory would make memory grow with the corpus.
    """

    def __init__(self, path: Path, batch: int = 256) -> None:
        self.path = path
        # open for the spool's lifetime, closed by close()
        self._handle = open(self.path, "wb")  # noqa: SIM115
        self._pending: list[tuple[Paper, PaperExtraction]] = []
        self._batch = batch
        self.count = 0

    def write(self, item: tuple[Paper, PaperExtraction]) -> None:
        self._pending.append(item)
        self.count += 1
        if len(self._pending) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            pickle.dump(self._pending, self._handle, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def close(self) -> Path:
        self._flush()
        self._handle.close()
        return self.path


def read_spool(path: Path) -> Iterator[tuple[Paper, PaperExtraction]]:
    """The ``(paper, extraction)`` pairs of a spool file, in the order written."""
    with open(path, "rb") as handle:
        while True:
            try:
                batch = pickle.load(handle)
            except EOFError:
                return
            yield from batch


@dataclass(slots=True)
class ExtractedShard:
    """Phase 1 of one shard: its spool file and the key statistics of its links."""

    spool: Path
    #: the shard's own key statistics (None when they went to a build-wide collector)
    collector: KeyCollector | None
    papers: int = 0
    links: int = 0
    mentions: int = 0
    results: int = 0
    #: papers the extraction pipeline could not process (skipped, reported by the build)
    problems: list[InputProblem] = field(default_factory=list)


class _ShardWriter:
    """Writes ``(paper, extraction)`` pairs into spool files of ``shard_size`` papers each."""

    def __init__(
        self, directory: Path, prefix: str, shard_size: int, collector: KeyCollector | None = None
    ) -> None:
        self.directory, self.prefix, self.shard_size = directory, prefix, shard_size
        self.collector = collector
        self.shards: list[ExtractedShard] = []
        self._spool: _Spool | None = None

    def add(self, paper: Paper, extraction: PaperExtraction) -> None:
        if self._spool is None or self._spool.count >= self.shard_size:
            self._close_current()
            path = self.directory / f"{self.prefix}-{len(self.shards):05d}.spool"
            self._spool = _Spool(path)
            self.shards.append(
                ExtractedShard(path, KeyCollector() if self.collector is None else None)
            )
        shard = self.shards[-1]
        target = self.collector if self.collector is not None else shard.collector
        target.add(extraction.links)  # type: ignore[union-attr]
        shard.papers += 1
        shard.links += len(extraction.links)
        shard.mentions += sum(len(link.evidence) for link in extraction.links)
        shard.results += len(extraction.results)
        self._spool.write((paper, extraction))

    def _close_current(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def close(self) -> list[ExtractedShard]:
        self._close_current()
        return self.shards


def extract_into_shards(
    papers: Iterable[Paper],
    directory: Path,
    *,
    prefix: str = "shard",
    shard_size: int = SHARD_PAPERS,
    nlp: object | None = None,
    n_process: int = 1,
    on_paper: Callable[[], None] | None = None,
    collector: KeyCollector | None = None,
) -> list[ExtractedShard]:
    """Phase 1: extract ``papers`` (streamed) into spool files of ``shard_size`` papers.

    The key statistics go to ``collector`` if given (one for the whole build), else to each
    shard's own (a Dask worker's, sent back to the driver).
    """
    from kg.extract import ExtractionFailure, extract_papers  # deferred: spaCy loads slowly

    inflight: deque[Paper] = deque()

    def feed() -> Iterator[Paper]:
        for paper in papers:
            inflight.append(paper)
            yield paper

    writer = _ShardWriter(directory, prefix, shard_size, collector)
    problems: list[InputProblem] = []
    for extraction in extract_papers(feed(), nlp, n_process=n_process):  # type: ignore[arg-type]
        paper = inflight.popleft()
        if paper.key != extraction.paper_key:  # pragma: no cover - extract_papers keeps order
            raise RuntimeError(f"extraction out of order: {paper.key} != {extraction.paper_key}")
        if isinstance(extraction, ExtractionFailure):
            problems.append(_failure_problem(paper, extraction.reason))
        else:
            writer.add(paper, extraction)
        if on_paper is not None:
            on_paper()
    shards = writer.close()
    if problems:
        if not shards:  # every paper failed: an empty shard carries the report
            shards.append(
                ExtractedShard(
                    writer.directory / f"{prefix}-empty.spool",
                    KeyCollector() if collector is None else None,
                )
            )
            _Spool(shards[0].spool).close()
        shards[-1].problems.extend(problems)
    return shards


def _failure_problem(paper: Paper, reason: str) -> InputProblem:
    """The report line of a paper whose extraction failed, at the first place it was read."""
    source = paper.sources[0] if paper.sources else SourceRef(f"paper {paper.key}")
    return InputProblem(source, reason)


def merge_collector(total: KeyCollector, shard: ExtractedShard) -> None:
    """Move a shard's key statistics into the build's collector (the shard's are dropped)."""
    if shard.collector is None:
        return
    total.papers.update(shard.collector.papers)
    for tkey, forms in shard.collector.forms.items():
        total.forms[tkey] |= forms
    shard.collector = None


# --- phase 3: N-Quads shards -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuadShard:
    """Phase 3 of one shard: its N-Quads file and the digest of each paper's graph."""

    path: Path
    digests: dict[str, str]
    quads: int
    #: entity IRI → matched text → number of papers of the shard with such a mention (only
    #: when asked for: what :func:`kg.store.build_queries.surface_counts` would find in a
    #: store holding just these papers)
    surfaces: dict[str, dict[str, int]] | None = None
    #: (extractor, link) → mentions, confidence sum, asserted: what the shard's papers add
    mentions: ExtractorTotals | None = None


_SURROGATE = re.compile("[\ud800-\udfff]")


def write_quad_shard(
    spool: Path,
    output: Path,
    remap: Mapping[tuple[str, str], str],
    *,
    threshold: float = DEFAULT_LINK_THRESHOLD,
    surfaces: bool = False,
) -> QuadShard:
    """Phase 3: every paper of a spool file as N-Quads under the build's key mapping.

    Args:
        remap: the non-identity part of the mapping of :func:`resolve_keys` (a key absent
            from it maps to itself), so it stays small enough to ship to every worker.
        surfaces: also count, per entity, the papers behind each matched text (a fresh build
            then describes its entities without querying the store for them).
    """
    digests: dict[str, str] = {}
    counts: dict[str, dict[str, int]] | None = {} if surfaces else None
    mentions: ExtractorTotals = {}
    count = 0
    with open(output, "w", encoding="utf-8", newline="") as out:
        for paper, extraction in read_spool(spool):
            remapped = _remap(extraction, remap)
            lines = list(extraction_quads(paper, remapped, threshold=threshold))
            text = "".join(lines)
            digests[paper.key] = hashlib.sha256(text.encode("utf-8")).hexdigest()
            count += len(lines)
            out.write(text)
            add_totals(mentions, mention_totals(lines))
            if counts is not None:
                pairs = {
                    (str(entity_iri(link.entity_type, link.key)), _SURROGATE.sub("\ufffd", ev.text))
                    for link in remapped.links
                    for ev in link.evidence
                }
                for iri, matched in pairs:
                    forms = counts.setdefault(iri, {})
                    forms[matched] = forms.get(matched, 0) + 1
    return QuadShard(output, digests, count, counts, mentions)


class SurfaceCounts:
    """Entity IRI → matched text → number of papers, summed over the shards of a fresh build.

    Kept in a private on-disk SQLite database rather than a dict: a fresh build describes its
    entities from these counts, and there are as many entities as papers or more (the
    synthetic corpus has 2.8 new ones per paper), so a dict made the build's memory grow with
    its corpus (issue 7: flat memory).
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "": a temporary database that spills to disk
        self.db.execute(
            "CREATE TABLE surfaces (iri TEXT, text TEXT, n INTEGER, "
            "PRIMARY KEY (iri, text)) WITHOUT ROWID"
        )
        self.db.execute("CREATE TEMP TABLE wanted (iri TEXT PRIMARY KEY) WITHOUT ROWID")

    def add(self, counts: Mapping[str, Mapping[str, int]]) -> None:
        """Add one shard's counts."""
        self.db.executemany(
            "INSERT INTO surfaces VALUES (?, ?, ?) "
            "ON CONFLICT (iri, text) DO UPDATE SET n = n + excluded.n",
            ((iri, text, n) for iri, forms in counts.items() for text, n in forms.items()),
        )

    def of(self, iris: Iterable[str]) -> dict[str, dict[str, int]]:
        """The counts of the given entities (those with any)."""
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((iri,) for iri in iris))
        found: dict[str, dict[str, int]] = {}
        for iri, text, n in self.db.execute(
            "SELECT s.iri, s.text, s.n FROM surfaces s JOIN wanted w ON s.iri = w.iri"
        ):
            found.setdefault(iri, {})[text] = n
        return found

    def close(self) -> None:
        self.db.close()


def _remap(extraction: PaperExtraction, mapping: Mapping[tuple[str, str], str]) -> PaperExtraction:
    """Apply the corpus-level key mapping; links of one paper that now share a key merge."""
    if not _names_remapped_key(extraction, mapping):
        return extraction  # nearly every paper (the mapping is its non-identity part)
    merged: dict[tuple[str, str], EntityLink] = {}
    for link in extraction.links:
        key = mapping.get((link.entity_type, link.key), link.key)
        slot = (link.entity_type, key)
        prev = merged.get(slot)
        if prev is None:
            merged[slot] = replace(link, key=key)
            continue
        merged[slot] = replace(
            prev,
            alt_labels=tuple(
                sorted({*prev.alt_labels, link.label, *link.alt_labels} - {prev.label})
            ),
            role="introduces" if "introduces" in (prev.role, link.role) else "uses",
            confidence=max(prev.confidence, link.confidence),
            evidence=prev.evidence + tuple(e for e in link.evidence if e not in prev.evidence),
        )
    results = tuple(
        replace(
            r,
            model_key=mapping.get(("model", r.model_key), r.model_key) if r.model_key else None,
            dataset_key=mapping.get(("dataset", r.dataset_key), r.dataset_key)
            if r.dataset_key
            else None,
        )
        for r in extraction.results
    )
    return PaperExtraction(extraction.paper_key, tuple(merged.values()), results)


def _names_remapped_key(
    extraction: PaperExtraction, mapping: Mapping[tuple[str, str], str]
) -> bool:
    if not mapping:
        return False
    return any((link.entity_type, link.key) in mapping for link in extraction.links) or any(
        ("model", r.model_key) in mapping or ("dataset", r.dataset_key) in mapping
        for r in extraction.results
    )


# --- executors: who runs phases 1 and 3 ---------------------------------------------------


class Executor:
    """Runs phases 1 and 3 over shards; :class:`SerialExecutor` here, Dask in kg.distributed."""

    #: where spool and N-Quads shards go (every worker must see it)
    shard_dir: Path
    #: the key statistics of every shard extracted so far (merged as shards complete)
    collector: KeyCollector

    def extract(
        self, papers: Iterable[Paper], total: int, on_progress: ProgressCallback | None
    ) -> list[ExtractedShard]:
        """Phase 1: extract ``papers`` (``total`` of them) into spool shards, in order."""
        raise NotImplementedError

    def write(
        self,
        shards: Sequence[ExtractedShard],
        remap: dict[tuple[str, str], str],
        threshold: float,
        surfaces: bool = False,
    ) -> Iterator[QuadShard]:
        """Yield each shard's N-Quads as soon as it is written (any order)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the executor started (a cluster, a client)."""


class SerialExecutor(Executor):
    """Extraction in this process (``n_process`` forked workers); quads written here."""

    def __init__(
        self,
        shard_dir: Path,
        *,
        nlp: object | None = None,
        n_process: int = 1,
        shard_size: int = SHARD_PAPERS,
    ) -> None:
        self.shard_dir, self.nlp, self.n_process, self.shard_size = (
            shard_dir,
            nlp,
            n_process,
            shard_size,
        )
        self.collector = KeyCollector()

    def extract(
        self, papers: Iterable[Paper], total: int, on_progress: ProgressCallback | None
    ) -> list[ExtractedShard]:
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if on_progress is not None:
                on_progress(done, total)

        return extract_into_shards(
            papers,
            self.shard_dir,
            shard_size=self.shard_size,
            nlp=self.nlp,
            n_process=self.n_process,
            on_paper=tick,
            collector=self.collector,
        )

    def write(
        self,
        shards: Sequence[ExtractedShard],
        remap: dict[tuple[str, str], str],
        threshold: float,
        surfaces: bool = False,
    ) -> Iterator[QuadShard]:
        for shard in shards:
            yield write_quad_shard(
                shard.spool,
                shard.spool.with_suffix(".nq"),
                remap,
                threshold=threshold,
                surfaces=surfaces,
            )
            shard.spool.unlink(missing_ok=True)


# --- loading N-Quads shards into the build copy -------------------------------------------


#: a shard smaller than this is loaded in a transaction (Store.load); larger ones bulk-load
BULK_MIN_QUADS = 20_000
#: bytes of N-Quads per bulk-loader call: its memory is about 1 KB per quad of input (a quad is
#: about 210 bytes of text here), so this bounds the build's peak memory whatever the shard
#: size. Each call is one ingestion of new files into RocksDB, which compacts them into what
#: is there: fewer, larger calls mean less compaction, at the price of memory.
BULK_CHUNK_BYTES = 24 << 20


class ShardLoader:
    """Loads N-Quads shards into the build copy on a thread of its own.

    Oxigraph's bulk loader releases the GIL, so loading shard k overlaps with writing shard
    k+1. For a store that already held papers, each shard's papers' old graphs are cleared
    first, and the entities their old mentions pointed to are kept as orphan candidates.
    """

    def __init__(self, store: KnowledgeStore, *, was_empty: bool) -> None:
        self.store, self.was_empty = store, was_empty
        self.digests: dict[str, str] = {}
        self.orphan_candidates: set[str] = set()
        #: quads added minus quads removed (counted only when the store was not empty)
        self.delta = 0
        #: how the loaded shards change the extractor totals (issue 18)
        self.mentions: ExtractorTotals = {}
        #: N-Quads lines loaded
        self.loaded = 0
        self._queue: queue.Queue[QuadShard | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kg-loader", daemon=True)
        self._thread.start()

    def put(self, shard: QuadShard) -> None:
        """Queue ``shard`` for loading (its file is deleted once loaded).

        Raises:
            BaseException: whatever made the loading of an earlier shard fail.
        """
        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(shard, timeout=0.5)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
        """Wait until every queued shard is loaded.

        Raises:
            BaseException: whatever made the loading of a shard fail.
        """
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while True:
            shard = self._queue.get()
            if shard is None:
                return
            if self._error is not None:
                shard.path.unlink(missing_ok=True)
                continue
            try:
                self._load(shard)
            except BaseException as e:
                self._error = e
            finally:
                shard.path.unlink(missing_ok=True)

    def _load(self, shard: QuadShard) -> None:
        if self.was_empty:
            self.store.load_nquads_file(
                shard.path,
                bulk=shard.quads >= BULK_MIN_QUADS,
                chunk_bytes=BULK_CHUNK_BYTES,
                generated=True,
            )
        else:
            graphs = [str(paper_graph(key)) for key in shard.digests]
            self.orphan_candidates |= mentioned_entities(self.store, graphs)
            add_totals(self.mentions, graph_totals(self.store, graphs), -1)
            before = sum(self.store.count_quads(g) for g in graphs)
            self.store.clear_graphs(graphs)
            self.store.load_nquads_file(
                shard.path,
                bulk=shard.quads >= BULK_MIN_QUADS,
                chunk_bytes=BULK_CHUNK_BYTES,
                generated=True,
            )
            self.delta += sum(self.store.count_quads(g) for g in graphs) - before
        self.digests.update(shard.digests)
        self.loaded += shard.quads
        add_totals(self.mentions, shard.mentions or {})
