"""Doc → statements: the only code that reads the pipeline's Doc annotations (STYLE rule 5).

Each paper becomes one Doc, ``title + "\\n\\n" + abstract``. Spans of ``doc.spans["kg_datasets"]``,
``["kg_models"]`` and ``["kg_concepts"]`` become :class:`~kg.statements.EntityLink` records (one
per (type, key) per paper, every span kept as :class:`~kg.statements.Evidence` with offsets
into the title or the abstract); ``doc._.kg_results`` become
:class:`~kg.statements.ResultStatement` records.

Confidence: a link's confidence is the maximum over its evidence. Links below
:data:`LINK_THRESHOLD` are still returned (their mentions are provenance); consumers that assert
paper → entity links should skip them (``EntityLink.confidence < LINK_THRESHOLD``), and
``kg.evaluate`` scores only links at or above it.
"""

from __future__ import annotations

import logging
import multiprocessing
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any
from weakref import WeakKeyDictionary

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.corpus.models import TITLE_SEPARATOR, Paper, paper_text
from kg.entity_types import BY_NAME, CONCEPT_SPAN_KEY, OPEN_ENDED, OPEN_ENDED_SPAN_KEYS, TYPE_NAMES
from kg.ids import normalize_key, paper_key
from kg.known_entities import load_known_entities
from kg.nlp.components.names.boundaries import slash_sibling
from kg.statements import EntityLink, Evidence, PaperExtraction, ResultStatement

_TYPE_ORDER = {name: i for i, name in enumerate(TYPE_NAMES)}

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """A paper the pipeline could not extract; the build skips it and reports ``reason``.

    Attributes:
        paper_key: the paper's identity key.
        reason: what went wrong, for the ``skipped: FILE:LINE: …`` line of the build report.
    """

    paper_key: str
    reason: str


def extract_papers(
    papers: Iterable[Paper],
    nlp: Language | None = None,
    *,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[PaperExtraction | ExtractionFailure]:
    """Run the pipeline over papers and yield one extraction per paper, in input order.

    Args:
        papers: the papers (title and abstract are read).
        nlp: the pipeline; defaults to ``kg.nlp.load_default_nlp()``.
        batch_size: Docs per ``nlp.pipe`` batch.
        n_process: worker processes. Above 1, papers are processed in chunks by forked
            workers that return plain extractions (Docs never cross process boundaries).

    Yields:
        :class:`~kg.statements.PaperExtraction` records; a paper without entities gives an
        empty one. A paper the pipeline cannot process (longer than ``nlp.max_length``, or a
        component raised on it) gives an :class:`ExtractionFailure` in its place, and every
        other paper is still extracted.
    """
    if nlp is None:
        from kg.nlp import load_default_nlp

        nlp = load_default_nlp()
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _extract_parallel(papers, nlp, batch_size=batch_size, n_process=n_process)
        return
    for chunk in _chunks(papers, batch_size * 4):
        yield from _extract_chunk(nlp, chunk, batch_size)


def extract_text(title: str, abstract: str, nlp: Language | None = None) -> PaperExtraction:
    """Extract from one title and abstract (the paper key is minted from the title)."""
    if nlp is None:
        from kg.nlp import load_default_nlp

        nlp = load_default_nlp()
    doc = nlp(paper_text(title, abstract))
    return doc_extraction(doc, paper_key(title), title, abstract)


# -- extraction in chunks (serial, forked workers, Dask tasks) ----------------------------------

#: Chunks of papers extracted outside a memory zone before the rest run inside one. spaCy
#: fills its tokenizer cache only outside zones, so the first chunks warm it: with 4 chunks
#: extraction ran 3-6% slower than without zones, with 16 (4,096 papers) within noise.
WARM_CHUNKS = 16

#: (key, title, abstract) of one paper, as chunks carry it to the workers
_Row = tuple[str, str, str]


def _chunks(papers: Iterable[Paper], size: int) -> Iterator[list[_Row]]:
    rows = ((p.key, p.title, p.abstract) for p in papers)
    while chunk := list(islice(rows, size)):
        yield chunk


#: chunks each pipeline has run outside a memory zone (counted per pipeline, not per call:
#: a Dask worker extracts many shards with the same pipeline)
_WARMED: WeakKeyDictionary[Language, int] = WeakKeyDictionary()


def _too_long(nlp: Language, row: _Row) -> ExtractionFailure | None:
    """A failure for a paper whose text is over the pipeline's ``max_length`` (spaCy's E088)."""
    key, title, abstract = row
    size = len(paper_text(title, abstract))
    if size <= nlp.max_length:
        return None
    return ExtractionFailure(
        key,
        f"the title and abstract have {size:,} characters, more than the {nlp.max_length:,} "
        "the extraction pipeline takes; the paper was not built",
    )


def _extract_one(nlp: Language, row: _Row) -> PaperExtraction | ExtractionFailure:
    """Extract one paper on its own; whatever a component raises becomes a failure record."""
    try:
        return doc_extraction(nlp(paper_text(row[1], row[2])), *row)
    except Exception as e:
        log.warning("extraction failed on paper %s", row[0], exc_info=True)
        return ExtractionFailure(
            row[0], f"extraction failed ({type(e).__name__}: {e}); the paper was not built"
        )


def _extract_chunk(
    nlp: Language, chunk: list[_Row], batch_size: int
) -> list[PaperExtraction | ExtractionFailure]:
    """Extract one chunk of papers; once the pipeline is warm, inside a memory zone, so that
    what the chunk's Docs added to the vocabulary is evicted once they are plain extractions.

    Every new word adds a Lexeme and a string to the vocabulary for good, so without zones a
    process that extracts 200,000 abstracts keeps growing (issue 7: flat memory).

    Papers over ``nlp.max_length`` are failures without running the pipeline. If anything
    raises while the batch runs, the chunk is run again one paper at a time, so that only the
    paper that raised becomes a failure (``nlp.pipe`` loses the whole batch on one error).
    """
    out: list[PaperExtraction | ExtractionFailure | None] = [_too_long(nlp, row) for row in chunk]
    todo = [i for i, done in enumerate(out) if done is None]
    items = ((paper_text(chunk[i][1], chunk[i][2]), i) for i in todo)
    warmed = _WARMED.get(nlp, 0)
    zoned = warmed >= WARM_CHUNKS
    if not zoned:
        _WARMED[nlp] = warmed + 1
    with nlp.memory_zone() if zoned else nullcontext():
        try:
            for doc, i in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
                out[i] = doc_extraction(doc, *chunk[i])
        except Exception:
            for i in todo:
                out[i] = _extract_one(nlp, chunk[i])
    return out  # type: ignore[return-value]


_WORKER_NLP: Language | None = None


def _work(args: tuple[list[_Row], int]) -> list[PaperExtraction | ExtractionFailure]:
    chunk, batch_size = args
    nlp = _WORKER_NLP
    if nlp is None:  # pragma: no cover - fork always sets it
        from kg.nlp import load_default_nlp

        nlp = load_default_nlp()
    return _extract_chunk(nlp, chunk, batch_size)


def _extract_parallel(
    papers: Iterable[Paper], nlp: Language, *, batch_size: int, n_process: int
) -> Iterator[PaperExtraction | ExtractionFailure]:
    global _WORKER_NLP
    _WORKER_NLP = nlp  # inherited by the forked workers
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(n_process) as pool:
        for result in pool.imap(
            _work, ((chunk, batch_size) for chunk in _chunks(papers, batch_size * 4))
        ):
            yield from result


# -- Doc → statements -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _concept_labels() -> dict[tuple[str, str], str]:
    try:
        from kg.nlp.vocabulary import load_vocabulary
    except ImportError:  # pragma: no cover - the concept vocabulary is optional
        return {}
    return {(c.type, c.key): c.pref_label for c in load_vocabulary().concepts}


def _section_offsets(span_start: int, span_end: int, title: str) -> tuple[str, int, int]:
    cut = len(title) + len(TITLE_SEPARATOR)
    if span_end <= len(title):
        return "title", span_start, span_end
    return "abstract", span_start - cut, span_end - cut


class _Sentences:
    """The sentence text around token ranges, as ``Span.sent`` gives it, from one array pass.

    ``Span.sent`` walks the Doc token by token (building a Token object per step) for every
    span; a paper has dozens of spans, so this reads the sentence starts once (issue 7).
    """

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        self.ok = doc.has_annotation("SENT_START")
        if self.ok:
            arr = doc.to_array([SENT_START, IDX]).tolist()
            self.starts = [i for i, row in enumerate(arr) if row[0] == 1 or i == 0]
            self.idx = [row[1] for row in arr]
            self.n = len(doc)

    def around(self, start: int, end: int) -> str | None:
        """Text of the sentence holding token ``start`` (None without sentence boundaries)."""
        if not self.ok:
            return None
        # like Span.sent: the sentence of the span's first token, even when the span crosses
        # into the next one
        k = bisect_right(self.starts, start)
        first = self.starts[k - 1]
        last = self.starts[k] if k < len(self.starts) else self.n
        end_char = self.idx[last] if last < self.n else len(self.text)
        return self.text[self.idx[first] : end_char].strip()


def _sentence(
    span: Span, title: str, abstract: str, section: str, sentences: _Sentences | None = None
) -> str:
    if sentences is not None:
        found = sentences.around(span.start, span.end)
        if found is not None:
            return found
        return title if section == "title" else abstract
    try:
        return span.sent.text.strip()
    except ValueError:  # no sentence boundaries (e.g. a bare test pipeline)
        return title if section == "title" else abstract


def _evidence(
    span: Span, title: str, abstract: str, sentences: _Sentences | None = None
) -> Evidence | None:
    section, start, end = _section_offsets(span.start_char, span.end_char, title)
    source = title if section == "title" else abstract
    if start < 0 or source[start:end] != span.text:
        return None
    return Evidence(
        section=section,  # type: ignore[arg-type]
        start=start,
        end=end,
        text=span.text,
        sentence=_sentence(span, title, abstract, section, sentences),
        extractor=str(span._.kg_extractor or ""),
        confidence=float(span._.kg_confidence or 0.0),
    )


def _best_label(entity_type: str, key: str, surfaces: Sequence[str]) -> str:
    if entity_type in OPEN_ENDED:
        known = load_known_entities().by_key.get(key)
        if known is not None and known.key == key:
            return known.name
    else:
        pref = _concept_labels().get((entity_type, key))
        if pref is not None:
            return pref
    same = [s for s in surfaces if normalize_key(s) == key]
    if same:
        return same[0]
    # a span may include its head noun ("NEGRA corpus") or a split ("MMXU-test"); the label
    # is the bare name
    for s in surfaces:
        for cut_at in (" ", "-"):
            head_cut = s.rsplit(cut_at, 1)[0]
            if cut_at in s and normalize_key(head_cut) == key:
                return head_cut
        # a slash-coordinated variant ("MIMIC-III/IV" for MIMIC-IV) is labelled as it is spelled
        if "/" in s:
            left, right = s.rsplit("/", 1)
            variant = slash_sibling(left, right)
            if variant is not None and key in (normalize_key(left), normalize_key(variant)):
                return left if normalize_key(left) == key else variant
    return max(surfaces, key=len)


def doc_extraction(doc: Doc, key: str, title: str, abstract: str) -> PaperExtraction:
    """Turn one processed paper Doc into its links and results.

    Args:
        doc: the Doc of ``paper_text(title, abstract)``.
        key: the paper's identity key.
        title: the title as given to the pipeline.
        abstract: the abstract as given to the pipeline.

    Returns:
        The paper's extraction; offsets in each Evidence index ``title`` or ``abstract``.
    """
    grouped: dict[tuple[str, str], list[tuple[Span, Evidence]]] = {}
    sentences = _Sentences(doc, paper_text(title, abstract))
    for span_key, entity_type in OPEN_ENDED_SPAN_KEYS.items():
        for span in doc.spans.get(span_key, []):
            ev = _evidence(span, title, abstract, sentences)
            if ev is not None and span.kb_id_:
                grouped.setdefault((entity_type, span.kb_id_), []).append((span, ev))
    for span in doc.spans.get(CONCEPT_SPAN_KEY, []):  # a concept span's label is its type
        ev = _evidence(span, title, abstract, sentences)
        if ev is not None and span.kb_id_ and span.label_ in BY_NAME:
            grouped.setdefault((span.label_, span.kb_id_), []).append((span, ev))
    links: list[EntityLink] = []
    for (entity_type, entity_key), items in grouped.items():
        items.sort(key=lambda it: (it[1].section != "title", it[1].start))
        surfaces: list[str] = []
        for _, ev in items:
            if ev.text not in surfaces:
                surfaces.append(ev.text)
        label = _best_label(entity_type, entity_key, surfaces)
        role = "introduces" if any(s._.kg_role == "introduces" for s, _ in items) else "uses"
        if entity_type not in OPEN_ENDED:
            role = "uses"
        links.append(
            EntityLink(
                paper_key=key,
                entity_type=entity_type,  # type: ignore[arg-type]
                key=entity_key,
                label=label,
                alt_labels=tuple(s for s in surfaces if s != label),
                role=role,  # type: ignore[arg-type]
                confidence=max(ev.confidence for _, ev in items),
                evidence=tuple(ev for _, ev in items),
            )
        )
    links.sort(key=lambda lk: (_TYPE_ORDER.get(lk.entity_type, 9), lk.key))
    return PaperExtraction(
        paper_key=key, links=tuple(links), results=_results(doc, key, title, abstract)
    )


def _results(doc: Doc, key: str, title: str, abstract: str) -> tuple[ResultStatement, ...]:
    matches: Any = doc._.kg_results if Doc.has_extension("kg_results") else None
    if not matches:
        return ()
    out: list[ResultStatement] = []
    for m in matches:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        section, start, end = _section_offsets(m.start, m.end, title)
        source = title if section == "title" else abstract
        text = source[start:end] if start >= 0 else m.value_text
        sentence = ""
        if span is not None:
            try:
                sentence = span.sent.text.strip()
            except ValueError:
                sentence = source
        ev = Evidence(section, start, end, text, sentence, "kg_results", 1.0)  # type: ignore[arg-type]
        out.append(
            ResultStatement(
                paper_key=key,
                metric_key=m.metric_key,
                value=m.value,
                value_text=m.value_text,
                is_improvement=bool(m.is_improvement),
                model_key=m.model_key,
                dataset_key=m.dataset_key,
                evidence=ev,
            )
        )
    return tuple(out)
