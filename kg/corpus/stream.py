"""Reading a corpus without holding it: two passes over the inputs (issue 7, flat memory).

:func:`kg.corpus.read_corpus` returns every paper at once, which makes a build's memory grow with
its corpus. :func:`stream_corpus` reads the inputs twice instead:

1. the first pass decides which records are one paper (``kg.corpus.merge.PaperIdentity``:
   by identifier, then title), counts the records of each paper and collects the problems
   (only identifiers and keys, not papers, are kept);
2. iterating the returned :class:`CorpusStream` reads the inputs again and yields one merged
   :class:`~kg.corpus.models.Paper` per key: a paper read once is yielded as soon as it is
   read; the records of a paper read several times are merged (``merge_papers``, in reading
   order, exactly as ``read_corpus`` merges them) and the merged paper is yielded after its
   last record. Only papers with duplicates still to come are held.

So the papers are those of ``read_corpus`` (same merged content), in first-seen order except
that a duplicated paper comes at its last record. The inputs must not change between the passes.

>>> from kg.corpus import default_corpus_dir, read_corpus
>>> stream = stream_corpus([default_corpus_dir()])
>>> stream.count, stream.problems
(394, ())
>>> sorted(p.key for p in stream) == sorted(
...     p.key for p in read_corpus([default_corpus_dir()]).papers
... )
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.corpus.dispatch import iter_records
from kg.corpus.merge import PaperIdentity, handle_of, merge_papers, rekey
from kg.corpus.models import InputProblem, Paper

__all__ = ["CorpusStream", "stream_corpus"]


@dataclass(frozen=True, slots=True)
class CorpusStream:
    """A corpus read once for its key counts; iterate it (any number of times) for the papers.

    Attributes:
        paths: the inputs.
        count: distinct papers (what iterating yields).
        records_read: records read (duplicates and skipped records included).
        problems: every file or record that could not be used, in reading order.
        records_skipped: records read but skipped (no title or abstract, unreadable).
    """

    paths: tuple[Path, ...]
    count: int
    records_read: int
    problems: tuple[InputProblem, ...]
    _duplicates: dict[str, int]  # key → number of records, for keys read more than once
    _identity: PaperIdentity
    records_skipped: int = 0

    def __iter__(self) -> Iterator[Paper]:
        pending: dict[str, tuple[Paper, int]] = {}
        for path in self.paths:
            for record in iter_records(path):
                if not isinstance(record, Paper):
                    continue
                record = rekey(record, self._identity.key_of(handle_of(record)))
                total = self._duplicates.get(record.key)
                if total is None:
                    yield record
                    continue
                seen = pending.get(record.key)
                merged, n = (
                    (record, 1) if seen is None else (merge_papers(seen[0], record), seen[1] + 1)
                )
                if n >= total:
                    pending.pop(record.key, None)
                    yield merged
                else:
                    pending[record.key] = (merged, n)
        # inputs that changed between the passes: never lose a paper
        for merged, _ in pending.values():
            yield merged

    def __len__(self) -> int:
        return self.count


def stream_corpus(paths: Iterable[Path | str] | Path | str) -> CorpusStream:
    """First pass over the inputs: key counts and problems (see the module docstring)."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    inputs = tuple(Path(p) for p in paths)
    identity = PaperIdentity()
    handles: list[str] = []
    problems: list[InputProblem] = []
    for path in inputs:
        for record in iter_records(path):
            if isinstance(record, Paper):
                handles.append(identity.add(record))
            else:
                problems.append(record)
    counts: dict[str, int] = {}
    for handle in handles:
        key = identity.key_of(handle)
        counts[key] = counts.get(key, 0) + 1
    skipped = sum(p.skipped_record for p in problems)
    duplicates = {k: n for k, n in counts.items() if n > 1}
    return CorpusStream(
        inputs, len(counts), len(handles) + skipped, tuple(problems), duplicates, identity, skipped
    )
