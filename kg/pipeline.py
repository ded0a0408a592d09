"""The build: sources → papers → extraction → entity resolution → quads → store.

``build()`` is what ``kg build`` runs. It never writes to the live store: it works on a copy and
swaps it in when complete (``kg.store.build_session``), so a failed or killed build loses
nothing already stored.

Memory stays flat as the corpus grows (issue 7): the corpus is streamed (``kg.corpus.stream``),
extractions go to spool files of ``SHARD_PAPERS`` papers, only key statistics are kept for
entity resolution, and quads go through N-Quads files that the bulk loader reads in bounded
chunks. An update costs time in proportion to its papers: known surface forms come from the
store's ``kg-forms.sqlite`` index, orphans are looked for among the entities of replaced papers
only, the quad count is kept by counting what changes, and a small update does not compact the
whole store. Phases 1 (extract) and 3 (write N-Quads) run on an :class:`Executor`: here, or on
Dask workers (``kg.distributed``, docs/distributed.md), with the same result.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import queue
import re
import shutil
import sqlite3
import tempfile
import threading
import time
from collections import deque
from datetime import datetime, timezone
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg import __version__
from kg.assemble.entities import (
    RESOLVED_TYPES,
    EntityDescription,
    KeyCollector,
    describe,
    resolve_keys,
)
from kg.assemble.rdf import DEFAULT_LINK_THRESHOLD, description_quads, extraction_quads
from kg.corpus.stream import stream_corpus
from kg.corpus.models import InputProblem, Paper
from kg.errors import InputError
from kg.ids import BASE, ENTITIES_GRAPH, ONTOLOGY_GRAPH, entity_iri, normalize_key, paper_graph
from kg.paths import data_dir, ontology_files
from kg.search import build_search_index
from kg.statements import EntityLink, PaperExtraction
from kg.statistics import ExtractorTotals, add_totals, graph_totals, mention_totals, refresh_statistics
from kg.store import KnowledgeStore, build_session

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did, for the CLI summary and for tests."""

    store: Path | None
    papers: int
    records_read: int
    problems: tuple[InputProblem, ...]
    links: int
    mentions: int
    results: int
    quads: int
    seconds: float
    #: wall seconds per phase: read (first pass), extract, resolve, load (write + load N-Quads
    #: shards), describe (entity descriptions, orphans, build info), compact (compaction of
    #: the copy, when worth it, and the swap)
    phases: dict[str, float] = field(default_factory=dict)


def _split_entity_iri(iri: str) -> tuple[str, str] | None:
    if not iri.startswith(BASE):
        return None
    etype, _, slug = iri[len(BASE):].partition("/")
    return (etype, slug) if slug else None


def _vocabulary_keys(store: KnowledgeStore) -> dict[str, frozenset[str]]:
    rows = store.query(
        f"SELECT ?c WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?c a skos:Concept }} }}"
    ).rows()
    keys: dict[str, set[str]] = {}
    for row in rows:
        parts = _split_entity_iri(row["c"] or "")
        if parts:
            keys.setdefault(parts[0], set()).add(parts[1])
    return {t: frozenset(v) for t, v in keys.items()}


def _known_forms_rows(store: KnowledgeStore) -> Iterator[tuple[tuple[str, str], str]]:
    """Every ``((type, normalised label), key)`` of the stored datasets and models (a full scan)."""
    rows = store.query(
        f"SELECT ?e ?l WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label|skos:altLabel ?l }} }}"
    ).rows()
    for row in rows:
        parts = _split_entity_iri(row["e"] or "")
        if parts and parts[0] in RESOLVED_TYPES:
            yield (parts[0], normalize_key(row["l"] or "")), parts[1]


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
            alt_labels=tuple(sorted({*prev.alt_labels, link.label, *link.alt_labels} - {prev.label})),
            role="introduces" if "introduces" in (prev.role, link.role) else "uses",
            confidence=max(prev.confidence, link.confidence),
            evidence=prev.evidence + tuple(e for e in link.evidence if e not in prev.evidence),
        )
    results = tuple(
        replace(
            r,
            model_key=mapping.get(("model", r.model_key), r.model_key) if r.model_key else None,
            dataset_key=mapping.get(("dataset", r.dataset_key), r.dataset_key) if r.dataset_key else None,
        )
        for r in extraction.results
    )
    return PaperExtraction(extraction.paper_key, tuple(merged.values()), results)


def _names_remapped_key(extraction: PaperExtraction, mapping: Mapping[tuple[str, str], str]) -> bool:
    if not mapping:
        return False
    return any((link.entity_type, link.key) in mapping for link in extraction.links) or any(
        ("model", r.model_key) in mapping or ("dataset", r.dataset_key) in mapping
        for r in extraction.results
    )


def _load_ontology(store: KnowledgeStore) -> None:
    store.clear_graphs([str(ONTOLOGY_GRAPH)])
    for path in ontology_files():
        store.load_turtle(path.read_bytes(), str(ONTOLOGY_GRAPH))


def _surface_counts(store: KnowledgeStore, iris: Sequence[str]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for start in range(0, len(iris), 500):
        values = " ".join(f"<{iri}>" for iri in iris[start : start + 500])
        rows = store.query(
            "SELECT ?e ?t (COUNT(DISTINCT ?p) AS ?n) WHERE { "
            f"VALUES ?e {{ {values} }} ?m mkg:entity ?e ; mkg:matchedText ?t ; mkg:paper ?p "
            "} GROUP BY ?e ?t"
        ).rows()
        for row in rows:
            counts.setdefault(row["e"] or "", {})[row["t"] or ""] = int(row["n"] or 0)
    return counts


def _record_build(store: KnowledgeStore, digests: dict[str, str], *, papers: int, quads: int) -> None:
    """Record what the store holds and when it was built.

    The build date changes only when the content does (or ``SOURCE_DATE_EPOCH`` says so), so
    rebuilding the same input leaves byte-identical dumps.
    """
    content = hashlib.sha256()
    for path in ontology_files():
        content.update(hashlib.sha256(path.read_bytes()).digest())
    for key in sorted(digests):
        content.update(f"{key}:{digests[key]}\n".encode())
    content.update(__version__.encode())
    previous = store.build_info
    if "SOURCE_DATE_EPOCH" in os.environ:
        built = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=timezone.utc)
        built_text = built.isoformat(timespec="seconds")
    elif previous.get("content_digest") == content.hexdigest() and previous.get("built"):
        built_text = str(previous["built"])
    else:
        built_text = datetime.now(timezone.utc).isoformat(timespec="seconds")
    store.build_info = {
        "built": built_text,
        "content_digest": content.hexdigest(),
        "medkg_version": __version__,
        "papers": papers,
        "quads": quads,
        "paper_digests": digests,
    }


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
        self._handle = open(self.path, "wb")
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


class _ShardWriter:
    """Writes ``(paper, extraction)`` pairs into spool files of ``shard_size`` papers each."""

    def __init__(self, directory: Path, prefix: str, shard_size: int,
                 collector: KeyCollector | None = None) -> None:
        self.directory, self.prefix, self.shard_size = directory, prefix, shard_size
        self.collector = collector
        self.shards: list[ExtractedShard] = []
        self._spool: _Spool | None = None

    def add(self, paper: Paper, extraction: PaperExtraction) -> None:
        if self._spool is None or self._spool.count >= self.shard_size:
            self._close_current()
            path = self.directory / f"{self.prefix}-{len(self.shards):05d}.spool"
            self._spool = _Spool(path)
            self.shards.append(ExtractedShard(path, KeyCollector() if self.collector is None else None))
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
    from kg.extract import extract_papers  # deferred: loading spaCy is the slow part

    inflight: deque[Paper] = deque()

    def feed() -> Iterator[Paper]:
        for paper in papers:
            inflight.append(paper)
            yield paper

    writer = _ShardWriter(directory, prefix, shard_size, collector)
    for extraction in extract_papers(feed(), nlp, n_process=n_process):  # type: ignore[arg-type]
        paper = inflight.popleft()
        if paper.key != extraction.paper_key:  # pragma: no cover - extract_papers keeps order
            raise RuntimeError(f"extraction out of order: {paper.key} != {extraction.paper_key}")
        writer.add(paper, extraction)
        if on_paper is not None:
            on_paper()
    return writer.close()


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
    #: when asked for: what ``_surface_counts`` would find in a store holding just these papers)
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


class _SurfaceCounts:
    """Entity IRI → matched text → number of papers, summed over the shards of a fresh build.

    Kept in a private on-disk SQLite database rather than a dict: a fresh build describes its
    entities from these counts, and there are as many entities as papers or more (the
    synthetic corpus has 2.8 new ones per paper), so a dict made the build's memory grow with
    its corpus (issue 7: flat memory).
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "": a temporary database that spills to disk
        self.db.execute("CREATE TABLE surfaces (iri TEXT, text TEXT, n INTEGER, "
                        "PRIMARY KEY (iri, text)) WITHOUT ROWID")
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


# --- the build -------------------------------------------------------------------------------


class Executor:
    """Runs phases 1 and 3 over shards; :class:`SerialExecutor` here, Dask in kg.distributed."""

    #: where spool and N-Quads shards go (every worker must see it)
    shard_dir: Path
    #: the key statistics of every shard extracted so far (merged as shards complete)
    collector: KeyCollector

    def extract(self, papers: Iterable[Paper], total: int,
                on_progress: ProgressCallback | None) -> list[ExtractedShard]:
        raise NotImplementedError

    def write(self, shards: Sequence[ExtractedShard], remap: dict[tuple[str, str], str],
              threshold: float, surfaces: bool = False) -> Iterator[QuadShard]:
        """Yield each shard's N-Quads as soon as it is written (any order)."""
        raise NotImplementedError

    def close(self) -> None:
        pass


class SerialExecutor(Executor):
    """Extraction in this process (``n_process`` forked workers); quads written here."""

    def __init__(self, shard_dir: Path, *, nlp: object | None = None, n_process: int = 1,
                 shard_size: int = SHARD_PAPERS) -> None:
        self.shard_dir, self.nlp, self.n_process, self.shard_size = shard_dir, nlp, n_process, shard_size
        self.collector = KeyCollector()

    def extract(self, papers: Iterable[Paper], total: int,
                on_progress: ProgressCallback | None) -> list[ExtractedShard]:
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if on_progress is not None:
                on_progress(done, total)

        return extract_into_shards(
            papers, self.shard_dir, shard_size=self.shard_size, nlp=self.nlp,
            n_process=self.n_process, on_paper=tick, collector=self.collector,
        )

    def write(self, shards: Sequence[ExtractedShard], remap: dict[tuple[str, str], str],
              threshold: float, surfaces: bool = False) -> Iterator[QuadShard]:
        for shard in shards:
            yield write_quad_shard(shard.spool, shard.spool.with_suffix(".nq"), remap,
                                   threshold=threshold, surfaces=surfaces)
            shard.spool.unlink(missing_ok=True)


def build(
    sources: Iterable[Path] = (),
    store_path: Path | None = None,
    *,
    fresh: bool = False,
    nlp: object | None = None,
    n_process: int = 1,
    threshold: float = DEFAULT_LINK_THRESHOLD,
    on_progress: ProgressCallback | None = None,
    executor: str | Executor = "serial",
    scheduler: str | None = None,
    workers: int | None = None,
    shard_size: int = SHARD_PAPERS,
    shard_dir: Path | None = None,
) -> BuildReport:
    """Read the sources (none: the bundled corpus), extract, and load into the store.

    Papers already in the store are replaced by their new version (same IRIs); other papers
    stay. ``fresh`` starts from an empty store instead.

    The corpus is streamed (two passes over the inputs, ``kg.corpus.stream``) and processed in
    shards of ``shard_size`` papers: phase 1 extracts each shard into a spool file and returns
    its key statistics; phase 2 resolves entity keys across the whole build (here); phase 3
    writes each shard's N-Quads under that mapping, and each N-Quads shard is loaded as soon as
    it is written while the next one is being written. ``executor="dask"`` runs phases 1 and 3
    on a Dask cluster (``scheduler`` address, or a local cluster of ``workers`` processes;
    ``shard_dir`` must then be on a filesystem every worker shares). Both executors give the
    same quads.

    Raises:
        InputError: if no usable paper was found in the sources (the store is untouched).
        StoreError: if the store is locked by another build or cannot be written.
    """
    started = time.perf_counter()
    paths = list(sources) or [data_dir()]
    phases: dict[str, float] = {}
    corpus = stream_corpus(paths)
    phases["read"] = time.perf_counter() - started
    if not corpus.count:
        details = "; ".join(str(p) for p in corpus.problems[:5])
        raise InputError(
            "no paper could be read from " + ", ".join(str(p) for p in paths)
            + (f" ({details})" if details else "")
        )
    with contextlib.ExitStack() as stack:
        # shards go to a fresh directory under: shard_dir, else the given executor's own,
        # else (Dask: workers may be elsewhere) next to the store, else the system's temp dir
        base = shard_dir
        if base is None and isinstance(executor, Executor):
            base = getattr(executor, "shard_dir", None)
        if base is None and executor != "serial" and store_path is not None:
            base = store_path.resolve().parent
        if base is not None:
            base.mkdir(parents=True, exist_ok=True)
        directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-build-", dir=base)))
        runner = _make_executor(executor, directory, nlp=nlp, n_process=n_process,
                                scheduler=scheduler, workers=workers, shard_size=shard_size)
        stack.callback(runner.close)
        mark = time.perf_counter()
        shards = runner.extract(corpus, corpus.count, on_progress)
        phases["extract"] = time.perf_counter() - mark
        quads = _load(runner, shards, store_path, fresh=fresh, threshold=threshold, phases=phases)

    return BuildReport(
        store=store_path,
        papers=sum(s.papers for s in shards),
        records_read=corpus.records_read,
        problems=corpus.problems,
        links=sum(s.links for s in shards),
        mentions=sum(s.mentions for s in shards),
        results=sum(s.results for s in shards),
        quads=quads,
        seconds=time.perf_counter() - started,
        phases=phases,
    )


def _make_executor(executor: str | Executor, directory: Path, *, nlp: object | None, n_process: int,
                   scheduler: str | None, workers: int | None, shard_size: int) -> Executor:
    if isinstance(executor, Executor):
        executor.shard_dir = directory
        return executor
    if executor == "serial":
        return SerialExecutor(directory, nlp=nlp, n_process=n_process, shard_size=shard_size)
    if executor == "dask":
        from kg.distributed import DaskExecutor

        return DaskExecutor(directory, scheduler=scheduler, workers=workers, shard_size=shard_size)
    raise ValueError(f"unknown executor {executor!r}; use 'serial' or 'dask'")


#: a shard smaller than this is loaded in a transaction (Store.load); larger ones bulk-load
BULK_MIN_QUADS = 20_000
#: bytes of N-Quads per bulk-loader call: its memory is about 1 KB per quad of input (a quad is
#: about 210 bytes of text here), so this bounds the build's peak memory whatever the shard
#: size. Each call is one ingestion of new files into RocksDB, which compacts them into what
#: is there: fewer, larger calls mean less compaction, at the price of memory.
BULK_CHUNK_BYTES = 24 << 20


class _Loader:
    """Loads N-Quads shards into the build copy on a thread of its own.

    Oxigraph's bulk loader releases the GIL, so loading shard k overlaps with writing shard
    k+1. For a store that already held papers, each shard's papers' old graphs are cleared
    first, and the entities their old mentions pointed to are kept as orphan candidates.
    """

    def __init__(self, store: KnowledgeStore, *, was_empty: bool) -> None:
        self.store, self.was_empty = store, was_empty
        self.digests: dict[str, str] = {}
        self.orphan_candidates: set[str] = set()
        #: how the loaded shards change the extractor totals (issue 18)
        self.mentions: ExtractorTotals = {}
        #: quads added minus quads removed (counted only when the store was not empty)
        self.delta = 0
        #: N-Quads lines loaded
        self.loaded = 0
        self._queue: queue.Queue[QuadShard | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kg-loader", daemon=True)
        self._thread.start()

    def put(self, shard: QuadShard) -> None:
        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(shard, timeout=0.5)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
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
            except BaseException as e:  # noqa: BLE001 - re-raised in the driver thread
                self._error = e
            finally:
                shard.path.unlink(missing_ok=True)

    def _load(self, shard: QuadShard) -> None:
        if self.was_empty:
            self.store.load_nquads_file(shard.path, bulk=shard.quads >= BULK_MIN_QUADS,
                                        chunk_bytes=BULK_CHUNK_BYTES, generated=True)
        else:
            graphs = [str(paper_graph(key)) for key in shard.digests]
            self.orphan_candidates |= _mentioned_entities(self.store, graphs)
            add_totals(self.mentions, graph_totals(self.store, graphs), -1)
            before = sum(self.store.count_quads(g) for g in graphs)
            self.store.clear_graphs(graphs)
            self.store.load_nquads_file(shard.path, bulk=shard.quads >= BULK_MIN_QUADS,
                                        chunk_bytes=BULK_CHUNK_BYTES, generated=True)
            self.delta += sum(self.store.count_quads(g) for g in graphs) - before
        self.digests.update(shard.digests)
        self.loaded += shard.quads
        add_totals(self.mentions, shard.mentions or {})


def _mentioned_entities(store: KnowledgeStore, graphs: Sequence[str]) -> set[str]:
    """Entities that mentions in the named graphs point to (before the graphs are replaced)."""
    found: set[str] = set()
    for start in range(0, len(graphs), 500):
        values = " ".join(f"<{g}>" for g in graphs[start : start + 500])
        rows = store.query(
            f"SELECT DISTINCT ?e WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?m mkg:entity ?e }} }}"
        ).rows()
        found.update(r["e"] or "" for r in rows)
    return found


def _load(
    runner: Executor,
    shards: Sequence[ExtractedShard],
    store_path: Path | None,
    *,
    fresh: bool,
    threshold: float,
    phases: dict[str, float] | None = None,
) -> int:
    """Resolve entities, write every paper's graph and the touched entity descriptions."""
    phases = {} if phases is None else phases
    mark = time.perf_counter()
    collector = runner.collector
    # compact the copy after a load that is large next to what the store held (always after a
    # fresh one); adding a few papers to a large store must not rewrite all of it
    sizes = {"before": 0, "loaded": 0}
    worth_optimizing = lambda: sizes["loaded"] * 4 >= sizes["before"]  # noqa: E731
    with build_session(store_path, fresh=fresh, optimize=worth_optimizing) as store:
        was_empty = store.is_empty()
        # the quad count is kept up to date by counting what changes, because counting all
        # quads (quad_count) costs time in proportion to the store
        previous = store.build_info.get("quads") if not was_empty else 0
        if not isinstance(previous, int):
            previous = store.quad_count()
        delta = -store.count_quads(str(ONTOLOGY_GRAPH))
        forms = _FormIndex.open(store, store_path, was_empty=was_empty)
        _load_ontology(store)
        delta += store.count_quads(str(ONTOLOGY_GRAPH))
        vocabulary = _vocabulary_keys(store)
        # phase 2: resolve keys across the build (stored entities keep their keys)
        mapping = resolve_keys(collector, known_forms=forms.lookup(collector))
        remap = {k: v for k, v in mapping.items() if k[1] != v}
        collector.forms.clear()  # only the keys (collector.papers) are needed from here on
        phases["resolve"], mark = time.perf_counter() - mark, time.perf_counter()

        # phase 3, with each N-Quads shard loaded while the next one is written
        # a fresh build counts surface forms while writing; an update asks the store (other
        # papers mention the same entities)
        surfaces = _SurfaceCounts() if was_empty else None
        loader = _Loader(store, was_empty=was_empty)
        try:
            for shard in runner.write(shards, remap, threshold, surfaces is not None):
                if surfaces is not None and shard.surfaces is not None:
                    surfaces.add(shard.surfaces)
                loader.put(replace(shard, surfaces=None))
        finally:
            loader.finish()
        delta += loader.delta
        sizes.update(before=previous, loaded=loader.loaded)
        phases["load"], mark = time.perf_counter() - mark, time.perf_counter()

        touched = sorted(
            {
                str(entity_iri(etype, mapping.get((etype, key), key)))
                for etype, key in collector.papers
                if mapping.get((etype, key), key) not in vocabulary.get(etype, frozenset())
            }
        )
        runner.collector = KeyCollector()
        del collector, mapping
        entities = str(ENTITIES_GRAPH)
        for start in range(0, len(touched), 5000):
            chunk = touched[start : start + 5000]
            if not was_empty:  # (a fresh build has no descriptions to replace or count)
                delta -= store.count_quads(entities, chunk)
                store.remove_subjects(chunk, entities)
            descriptions = []
            found = (
                surfaces.of(chunk)
                if surfaces is not None
                else _surface_counts(store, chunk)
            )
            for iri, counts in sorted(found.items()):
                parts = _split_entity_iri(iri)
                if parts and counts:
                    descriptions.append(describe(parts[0], parts[1], counts))
            store.load_nquads(description_quads(descriptions, vocabulary_keys=vocabulary),
                              bulk=was_empty, generated=True)
            if not was_empty:
                delta += store.count_quads(entities, chunk)
            forms.replace(chunk, descriptions)
        if surfaces is not None:
            surfaces.close()
        # only entities that replaced papers pointed to can have lost their last mention
        orphans = _orphan_entities(store, sorted(loader.orphan_candidates - set(touched)))
        delta -= store.count_quads(entities, orphans)
        store.remove_subjects(orphans, entities)
        forms.remove(orphans)
        forms.save()

        digests: dict[str, str] = dict(store.build_info.get("paper_digests", {}))
        digests.update(loader.digests)
        # issue 18: the aggregates the saved queries read, and the entity search index
        phases["describe"], mark = time.perf_counter() - mark, time.perf_counter()
        delta += refresh_statistics(store, loader.mentions, was_empty=was_empty)
        build_search_index(store)
        phases["statistics"], mark = time.perf_counter() - mark, time.perf_counter()
        quads = store.quad_count() if was_empty else previous + delta
        _record_build(store, digests, papers=len(digests), quads=quads)
    phases["compact"] = time.perf_counter() - mark
    return quads


def _orphan_entities(store: KnowledgeStore, candidates: Sequence[str]) -> list[str]:
    """The candidates described in the entities graph that no mention points to any more."""
    orphans: list[str] = []
    for start in range(0, len(candidates), 500):
        values = " ".join(f"<{iri}>" for iri in candidates[start : start + 500])
        rows = store.query(
            f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {values} }} "
            f"GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label ?l }} "
            "FILTER NOT EXISTS { ?m mkg:entity ?e } }"
        ).rows()
        orphans.extend(r["e"] or "" for r in rows)
    return orphans


FORMS_INDEX_NAME = "kg-forms.sqlite"


class _FormIndex:
    """``(type, normalised form) → key`` of the dataset and model entities in the store.

    Entity resolution needs to know which stored entity owns a surface form. Scanning every
    label of the entities graph made each build cost time in proportion to the store; this
    index, kept next to the data (``kg-forms.sqlite``, copied into the build copy and swapped
    in with it), answers for just the forms of the build. A store without it (built before
    the index existed) gets it from one scan of the entities graph.
    """

    def __init__(self, db: sqlite3.Connection | None) -> None:
        self.db = db

    @classmethod
    def open(cls, store: KnowledgeStore, live: Path | None, *, was_empty: bool) -> _FormIndex:
        if store.path is None:
            db = sqlite3.connect(":memory:")
            target = None
        else:
            target = store.path / FORMS_INDEX_NAME
            source = None if live is None else live.resolve() / FORMS_INDEX_NAME
            if not was_empty and source is not None and source.is_file():
                shutil.copyfile(source, target)
            db = sqlite3.connect(target)
        db.execute("CREATE TABLE IF NOT EXISTS forms (type TEXT, form TEXT, key TEXT, "
                   "PRIMARY KEY (type, form, key)) WITHOUT ROWID")
        db.execute("CREATE INDEX IF NOT EXISTS forms_key ON forms (type, key)")
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        index = cls(db)
        complete = db.execute("SELECT value FROM meta WHERE name = 'complete'").fetchone()
        if not was_empty and complete is None:
            db.execute("DELETE FROM forms")
            for (etype, form), key in _known_forms_rows(store):
                db.execute("INSERT OR IGNORE INTO forms VALUES (?, ?, ?)", (etype, form, key))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('complete', '1')")
        return index

    def lookup(self, collector: KeyCollector) -> dict[tuple[str, str], str]:
        """Stored owners of the forms in the collector (the least key if several)."""
        assert self.db is not None
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (type TEXT, form TEXT)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany(
            "INSERT INTO wanted VALUES (?, ?)",
            ((etype, form) for (etype, _), forms in collector.forms.items() for form in forms),
        )
        rows = self.db.execute(
            "SELECT f.type, f.form, MIN(f.key) FROM forms f "
            "JOIN (SELECT DISTINCT type, form FROM wanted) w ON f.type = w.type AND f.form = w.form "
            "GROUP BY f.type, f.form"
        )
        found = {(etype, form): key for etype, form, key in rows}
        self.db.execute("DELETE FROM wanted")
        return found

    def replace(self, iris: Sequence[str], descriptions: Sequence[EntityDescription]) -> None:
        """The touched entities ``iris`` are now described by ``descriptions``."""
        self.remove(iris)
        rows = []
        for d in descriptions:
            if d.entity_type not in RESOLVED_TYPES:
                continue
            for label in (d.label, *d.alt_labels):
                norm = normalize_key(label)
                if norm:
                    rows.append((d.entity_type, norm, d.key))
        self.db.executemany("INSERT OR IGNORE INTO forms VALUES (?, ?, ?)", rows)  # type: ignore[union-attr]

    def remove(self, iris: Iterable[str]) -> None:
        keys = [parts for iri in iris if (parts := _split_entity_iri(iri)) and parts[0] in RESOLVED_TYPES]
        self.db.executemany("DELETE FROM forms WHERE type = ? AND key = ?", keys)  # type: ignore[union-attr]

    def save(self) -> None:
        assert self.db is not None
        self.db.commit()
        self.db.close()
        self.db = None
