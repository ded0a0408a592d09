"""The build: read → extract → resolve → assemble and load → describe → compact and swap.

``build()`` is what ``kg build`` runs; below it comes one function per phase, in the order the
phases run. The build never writes to the live store: it works on a copy and swaps it in when
complete (``kg.store.build_session``), so a failed or killed build loses nothing already
stored.

Memory stays flat as the corpus grows (issue 7): the corpus is streamed (``kg.corpus.stream``),
extractions go to spool files of ``SHARD_PAPERS`` papers (``kg.shards``), only key statistics
are kept for entity resolution, and quads go through N-Quads files that the bulk loader reads
in bounded chunks. An update costs time in proportion to its papers: known surface forms come
from the store's ``kg-forms.sqlite`` index (``kg.store.forms``), orphans are looked for among
the entities of replaced papers only, the quad count is kept by counting what changes, and a
small update does not compact the whole store. Extraction and the writing of N-Quads run on an
:class:`~kg.shards.Executor`: here, or on Dask workers (``kg.distributed``,
docs/distributed.md), with the same result.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.assemble.entities import (
    KeyCollector,
    curated_entity,
    curated_facts,
    curated_forms,
    describe,
    resolve_keys,
)
from kg.assemble.rdf import (
    DEFAULT_LINK_THRESHOLD,
    curated_fact_pairs,
    curated_fact_quads,
    description_quads,
)
from kg.corpus.models import InputProblem
from kg.corpus.stream import CorpusStream, stream_corpus
from kg.distributed import DaskExecutor
from kg.errors import InputError
from kg.ids import ENTITIES_GRAPH, entity_iri, parse_entity_iri
from kg.paths import data_dir
from kg.shards import (
    SHARD_PAPERS,
    Executor,
    ExtractedShard,
    ProgressCallback,
    SerialExecutor,
    ShardLoader,
    SurfaceCounts,
)
from kg.store import KnowledgeStore, build_session
from kg.store.browse_index import build_browse_index, saved_leaderboard
from kg.store.build_info import next_build_info
from kg.store.build_queries import (
    curated_facts_held,
    entity_labels,
    orphan_entities,
    reload_ontology,
    surface_counts,
    vocabulary_keys,
)
from kg.store.forms import FormIndex
from kg.store.search import build_search_index
from kg.store.statistics import refresh_statistics

#: Entity descriptions replaced and loaded per step of the describe phase.
DESCRIBE_BATCH = 5000


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
    #: shards), describe (entity descriptions, orphans, the curated facts of the others),
    #: statistics (the statistics graph, the search index, build info), compact (compaction of
    #: the copy, when worth it, and the swap)
    #: records read but skipped (no title or abstract, unreadable): issue 19
    records_skipped: int = 0
    phases: dict[str, float] = field(default_factory=dict)


class _Laps:
    """Wall seconds per phase, each lap measured from the end of the previous one."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self._mark = time.perf_counter()

    def lap(self, phase: str) -> None:
        """``phase`` ends now: record its seconds."""
        now = time.perf_counter()
        self.phases[phase] = now - self._mark
        self._mark = now

    def restart(self) -> None:
        """The next phase starts now (the time since the last lap belongs to none)."""
        self._mark = time.perf_counter()


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
    laps = _Laps()
    corpus = _read(list(sources) or [data_dir()])
    laps.lap("read")
    with contextlib.ExitStack() as stack:
        base = _shard_base(executor, shard_dir, store_path)
        directory = Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-build-", dir=base))
        )
        runner = _make_executor(
            executor,
            directory,
            nlp=nlp,
            n_process=n_process,
            scheduler=scheduler,
            workers=workers,
            shard_size=shard_size,
        )
        stack.callback(runner.close)
        laps.restart()  # (starting a Dask cluster is not extraction)
        shards = runner.extract(corpus, corpus.count, on_progress)
        laps.lap("extract")
        quads = _into_store(runner, shards, store_path, fresh=fresh, threshold=threshold, laps=laps)

    return BuildReport(
        store=store_path,
        papers=sum(s.papers for s in shards),
        records_read=corpus.records_read,
        records_skipped=corpus.records_skipped,
        problems=tuple(corpus.problems) + tuple(p for s in shards for p in s.problems),
        links=sum(s.links for s in shards),
        mentions=sum(s.mentions for s in shards),
        results=sum(s.results for s in shards),
        quads=quads,
        seconds=time.perf_counter() - started,
        phases=laps.phases,
    )


# --- read ------------------------------------------------------------------------------------


def _read(paths: list[Path]) -> CorpusStream:
    """The first pass over the inputs: what they hold, and the problems of those that fail.

    Raises:
        InputError: if no paper could be read from any of them.
    """
    corpus = stream_corpus(paths)
    if not corpus.count:
        details = "; ".join(str(p) for p in corpus.problems[:5])
        raise InputError(
            "no paper could be read from "
            + ", ".join(str(p) for p in paths)
            + (f" ({details})" if details else "")
        )
    return corpus


# --- extract (on an executor) ----------------------------------------------------------------


def _shard_base(
    executor: str | Executor, shard_dir: Path | None, store_path: Path | None
) -> Path | None:
    """The directory under which the build's shards go (None: the system's temp directory).

    ``shard_dir`` if given, else the given executor's own, else (Dask: workers may be
    elsewhere) the directory of the store.
    """
    base = shard_dir
    if base is None and isinstance(executor, Executor):
        base = getattr(executor, "shard_dir", None)
    if base is None and executor != "serial" and store_path is not None:
        base = store_path.resolve().parent
    if base is not None:
        base.mkdir(parents=True, exist_ok=True)
    return base


def _make_executor(
    executor: str | Executor,
    directory: Path,
    *,
    nlp: object | None,
    n_process: int,
    scheduler: str | None,
    workers: int | None,
    shard_size: int,
) -> Executor:
    if isinstance(executor, Executor):
        executor.shard_dir = directory
        return executor
    if executor == "serial":
        return SerialExecutor(directory, nlp=nlp, n_process=n_process, shard_size=shard_size)
    if executor == "dask":
        return DaskExecutor(directory, scheduler=scheduler, workers=workers, shard_size=shard_size)
    raise ValueError(f"unknown executor {executor!r}; use 'serial' or 'dask'")


# --- on a copy of the store: resolve, assemble and load, describe; compact and swap ------------


def _into_store(
    runner: Executor,
    shards: Sequence[ExtractedShard],
    store_path: Path | None,
    *,
    fresh: bool,
    threshold: float,
    laps: _Laps,
) -> int:
    """Resolve entities, write every paper's graph and the touched entity descriptions.

    All of it on a copy of the store (``build_session``), which is compacted if worth it and
    swapped in when the block ends.

    Returns:
        The number of quads in the store after the build.
    """
    # compact the copy after a load that is large next to what the store held (always after a
    # fresh one); adding a few papers to a large store must not rewrite all of it
    sizes = {"before": 0, "loaded": 0}
    worth_optimizing = lambda: sizes["loaded"] * 4 >= sizes["before"]  # noqa: E731
    with build_session(store_path, fresh=fresh, optimize=worth_optimizing) as store:
        was_empty = store.is_empty()
        # the quad count is kept up to date by counting what changes, because counting all
        # quads (quad_count) costs time in proportion to the store
        previous = _stored_quads(store) if not was_empty else 0
        forms = FormIndex.open(store, store_path, was_empty=was_empty)
        delta = reload_ontology(store)
        vocabulary = vocabulary_keys(store)
        collector = runner.collector
        mapping = _resolve(collector, forms)
        laps.lap("resolve")

        surfaces, loader = _assemble_and_load(
            runner, shards, store, mapping, threshold, was_empty=was_empty
        )
        delta += loader.delta
        sizes.update(before=previous, loaded=loader.loaded)
        laps.lap("load")

        touched = _touched_entities(collector, mapping, vocabulary)
        runner.collector = KeyCollector()
        del collector, mapping
        delta += _describe(store, touched, vocabulary, forms, surfaces)
        delta += _remove_orphans(store, sorted(loader.orphan_candidates - set(touched)), forms)
        if not was_empty:
            delta += _refresh_curated(store, forms, touched)
        forms.save()
        laps.lap("describe")

        # issue 18: the aggregates the saved queries read, the entity search index and the
        # browsing pages' index
        delta += refresh_statistics(store, loader.mentions, was_empty=was_empty)
        build_search_index(store)
        build_browse_index(store, leaderboard=saved_leaderboard())
        quads = store.quad_count() if was_empty else previous + delta
        digests = {**store.build_info.get("paper_digests", {}), **loader.digests}
        store.build_info = next_build_info(
            store.build_info, digests, papers=len(digests), quads=quads
        )
        laps.lap("statistics")
    laps.lap("compact")
    return quads


def _stored_quads(store: KnowledgeStore) -> int:
    """Quads in a store that already held a build: as recorded, counted if not recorded."""
    recorded = store.build_info.get("quads")
    return recorded if isinstance(recorded, int) else store.quad_count()


def _resolve(collector: KeyCollector, forms: FormIndex) -> dict[tuple[str, str], str]:
    """Phase 2: the build's entity keys, resolved across the build (stored entities keep theirs).

    Returns the whole mapping; the collector's surface forms are dropped (only its keys are
    needed from here on).
    """
    mapping = resolve_keys(collector, known_forms=forms.lookup(collector))
    collector.forms.clear()
    return mapping


def _assemble_and_load(
    runner: Executor,
    shards: Sequence[ExtractedShard],
    store: KnowledgeStore,
    mapping: dict[tuple[str, str], str],
    threshold: float,
    *,
    was_empty: bool,
) -> tuple[SurfaceCounts | None, ShardLoader]:
    """Phase 3: every shard's N-Quads, each loaded while the next one is written.

    A fresh build counts surface forms while writing (returned); an update asks the store
    for them later, because other papers mention the same entities.
    """
    remap = {k: v for k, v in mapping.items() if k[1] != v}
    surfaces = SurfaceCounts() if was_empty else None
    loader = ShardLoader(store, was_empty=was_empty)
    try:
        for shard in runner.write(shards, remap, threshold, surfaces is not None):
            if surfaces is not None and shard.surfaces is not None:
                surfaces.add(shard.surfaces)
            loader.put(replace(shard, surfaces=None))
    finally:
        loader.finish()
    return surfaces, loader


def _touched_entities(
    collector: KeyCollector,
    mapping: dict[tuple[str, str], str],
    vocabulary: dict[str, frozenset[str]],
) -> list[str]:
    """IRIs of the entities the build's papers link to, other than vocabulary concepts (sorted)."""
    return sorted(
        {
            str(entity_iri(etype, mapping.get((etype, key), key)))
            for etype, key in collector.papers
            if mapping.get((etype, key), key) not in vocabulary.get(etype, frozenset())
        }
    )


def _describe(
    store: KnowledgeStore,
    touched: Sequence[str],
    vocabulary: dict[str, frozenset[str]],
    forms: FormIndex,
    surfaces: SurfaceCounts | None,
) -> int:
    """Phase 4: replace the descriptions of the touched entities; returns the change in quads.

    ``surfaces`` are a fresh build's counts of surface forms (None: an update, which has
    descriptions to replace and asks the store for the counts).
    """
    entities = str(ENTITIES_GRAPH)
    delta = 0
    for start in range(0, len(touched), DESCRIBE_BATCH):
        chunk = touched[start : start + DESCRIBE_BATCH]
        if surfaces is None:
            delta -= store.count_quads(entities, chunk)
            store.remove_subjects(chunk, entities)
        found = surfaces.of(chunk) if surfaces is not None else surface_counts(store, chunk)
        descriptions = []
        for iri, counts in sorted(found.items()):
            parts = parse_entity_iri(iri)
            if parts and counts:
                descriptions.append(describe(parts[0], parts[1], counts))
        store.load_nquads(
            description_quads(descriptions, vocabulary_keys=vocabulary),
            bulk=surfaces is not None,
            generated=True,
        )
        if surfaces is None:
            delta += store.count_quads(entities, chunk)
        forms.replace(chunk, descriptions)
    if surfaces is not None:
        surfaces.close()
    return delta


def _remove_orphans(store: KnowledgeStore, candidates: Sequence[str], forms: FormIndex) -> int:
    """Remove the entities no mention points to any more; returns the change in quads.

    Only entities that replaced papers pointed to can have lost their last mention.
    """
    orphans = orphan_entities(store, candidates)
    entities = str(ENTITIES_GRAPH)
    removed = store.count_quads(entities, orphans)
    store.remove_subjects(orphans, entities)
    forms.remove(orphans)
    return -removed


def _refresh_curated(store: KnowledgeStore, forms: FormIndex, touched: Sequence[str]) -> int:
    """Bring the curated facts of the stored entities this build did not describe up to date
    with the curated table; returns the change in quads.

    A store built with an older ``ontology/known_entities.tsv`` holds the ``skos:exactMatch``
    and ``mkg:holdsModality`` of that table; an entity's description is otherwise rewritten
    only when a build links a paper to it. Here every dataset or model that holds a curated
    fact, or has a name or alias of the table, gets the facts its row now gives (by its key,
    else its stored labels, as :func:`kg.assemble.entities.describe` finds the row), and loses
    the others. Nothing else of the store changes. The cost follows the table, not the store:
    one query for the facts held, the table's forms in ``kg-forms.sqlite``, one query for the
    labels of the entities found.
    """
    held = curated_facts_held(store)
    found = {str(entity_iri(etype, key)) for etype, key in forms.owners(curated_forms())}
    candidates = sorted((set(held) | found) - set(touched))
    labels = entity_labels(store, candidates)
    added: list[str] = []
    removed: list[str] = []
    for iri in candidates:
        parts = parse_entity_iri(iri)
        if parts is None or iri not in labels:
            continue
        known = curated_entity(parts[0], parts[1], labels[iri])
        wanted = curated_fact_pairs(*curated_facts(known))
        have = held.get(iri, set())
        added.extend(curated_fact_quads(iri, wanted - have))
        removed.extend(curated_fact_quads(iri, have - wanted))
    store.remove_nquads(removed)
    store.load_nquads(added, generated=True)
    return len(added) - len(removed)
