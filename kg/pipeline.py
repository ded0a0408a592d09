"""The build: sources → papers → extraction → entity resolution → quads → store.

``build()`` is what ``kg build`` runs. It never writes to the live store: it works on a copy and
swaps it in when complete (``kg.store.build_session``), so a failed or killed build loses
nothing already stored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from datetime import datetime, timezone
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kg import __version__
from kg.assemble.entities import RESOLVED_TYPES, KeyCollector, describe, resolve_keys
from kg.assemble.rdf import DEFAULT_LINK_THRESHOLD, description_quads, extraction_quads
from kg.corpus import read_corpus
from kg.corpus.models import InputProblem, Paper
from kg.errors import InputError
from kg.ids import BASE, ENTITIES_GRAPH, ONTOLOGY_GRAPH, entity_iri, normalize_key, paper_graph
from kg.paths import data_dir, ontology_files
from kg.statements import EntityLink, PaperExtraction
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


def _known_forms(store: KnowledgeStore) -> dict[tuple[str, str], str]:
    rows = store.query(
        f"SELECT ?e ?l WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label|skos:altLabel ?l }} }}"
    ).rows()
    known: dict[tuple[str, str], str] = {}
    for row in rows:
        parts = _split_entity_iri(row["e"] or "")
        if parts and parts[0] in RESOLVED_TYPES:
            known.setdefault((parts[0], normalize_key(row["l"] or "")), parts[1])
    return known


def _remap(extraction: PaperExtraction, mapping: dict[tuple[str, str], str]) -> PaperExtraction:
    """Apply the corpus-level key mapping; links of one paper that now share a key merge."""
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


def _drop_orphan_entities(store: KnowledgeStore) -> None:
    rows = store.query(
        f"SELECT DISTINCT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e rdfs:label ?l }} "
        "FILTER NOT EXISTS { ?m mkg:entity ?e } }"
    ).rows()
    store.remove_subjects([r["e"] or "" for r in rows], str(ENTITIES_GRAPH))


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


class _Spool:
    """Extractions written to a temporary file in pickled batches and read back in order.

    The build needs every link before it can resolve entities across papers, but holding all
    extractions of a large corpus in memory would make memory grow with the corpus.
    """

    def __init__(self, directory: Path, batch: int = 512) -> None:
        self.path = directory / "extractions.pickle"
        self._handle = open(self.path, "wb")
        self._pending: list[tuple[Paper, PaperExtraction]] = []
        self._batch = batch
        self.count = 0

    def write(self, item: tuple[Paper, PaperExtraction]) -> None:
        self._pending.append(item)
        self.count += 1
        if len(self._pending) >= self._batch:
            pickle.dump(self._pending, self._handle, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def __iter__(self) -> Iterator[tuple[Paper, PaperExtraction]]:
        if self._pending:
            pickle.dump(self._pending, self._handle, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []
        self._handle.close()
        with open(self.path, "rb") as handle:
            while True:
                try:
                    batch = pickle.load(handle)
                except EOFError:
                    return
                yield from batch


def build(
    sources: Iterable[Path] = (),
    store_path: Path | None = None,
    *,
    fresh: bool = False,
    nlp: object | None = None,
    n_process: int = 1,
    threshold: float = DEFAULT_LINK_THRESHOLD,
    on_progress: ProgressCallback | None = None,
) -> BuildReport:
    """Read the sources (none: the bundled corpus), extract, and load into the store.

    Papers already in the store are replaced by their new version (same IRIs); other papers
    stay. ``fresh`` starts from an empty store instead.

    Raises:
        InputError: if no usable paper was found in the sources (the store is untouched).
        StoreError: if the store is locked by another build or cannot be written.
    """
    from kg.extract import extract_papers  # deferred: loading spaCy is the slow part

    started = time.perf_counter()
    paths = list(sources) or [data_dir()]
    corpus = read_corpus(paths)
    if not corpus.papers:
        details = "; ".join(str(p) for p in corpus.problems[:5])
        raise InputError(
            "no paper could be read from " + ", ".join(str(p) for p in paths)
            + (f" ({details})" if details else "")
        )
    total = len(corpus.papers)
    collector = KeyCollector()
    counts = {"links": 0, "mentions": 0, "results": 0}
    with tempfile.TemporaryDirectory(prefix="kg-build-") as tmp:
        spool = _Spool(Path(tmp))
        extractions = extract_papers(corpus.papers, nlp, n_process=n_process)  # type: ignore[arg-type]
        for done, (paper, extraction) in enumerate(zip(corpus.papers, extractions, strict=True), 1):
            collector.add(extraction.links)
            counts["links"] += len(extraction.links)
            counts["mentions"] += sum(len(link.evidence) for link in extraction.links)
            counts["results"] += len(extraction.results)
            spool.write((paper, extraction))
            if on_progress is not None:
                on_progress(done, total)
        quads = _load(spool, collector, store_path, fresh=fresh, threshold=threshold)

    return BuildReport(
        store=store_path,
        papers=total,
        records_read=corpus.records_read,
        problems=corpus.problems,
        quads=quads,
        seconds=time.perf_counter() - started,
        **counts,
    )


def _load(
    spool: _Spool,
    collector: KeyCollector,
    store_path: Path | None,
    *,
    fresh: bool,
    threshold: float,
) -> int:
    """Resolve entities, write every paper's graph and the touched entity descriptions."""
    with build_session(store_path, fresh=fresh) as store:
        was_empty = store.quad_count() == 0
        _load_ontology(store)
        vocabulary = _vocabulary_keys(store)
        mapping = resolve_keys(collector, known_forms=_known_forms(store))

        digests: dict[str, str] = dict(store.build_info.get("paper_digests", {}))
        batch: list[str] = []
        for paper, extraction in spool:
            store.clear_graphs([str(paper_graph(paper.key))])
            lines = list(extraction_quads(paper, _remap(extraction, mapping), threshold=threshold))
            digests[paper.key] = hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()
            batch.extend(lines)
            if len(batch) > 200_000:
                store.load_nquads(batch, bulk=was_empty)
                batch = []
        store.load_nquads(batch, bulk=was_empty)

        touched = sorted(
            {
                str(entity_iri(etype, mapping.get((etype, key), key)))
                for etype, key in collector.papers
                if mapping.get((etype, key), key) not in vocabulary.get(etype, frozenset())
            }
        )
        store.remove_subjects(touched, str(ENTITIES_GRAPH))
        descriptions = []
        for iri, forms in sorted(_surface_counts(store, touched).items()):
            parts = _split_entity_iri(iri)
            if parts and forms:
                descriptions.append(describe(parts[0], parts[1], forms))
        store.load_nquads(description_quads(descriptions, vocabulary_keys=vocabulary))
        _drop_orphan_entities(store)
        quads = store.quad_count()
        _record_build(store, digests, papers=len(digests), quads=quads)
    return quads
