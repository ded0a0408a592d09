"""Corpus readers: input files → :class:`~kg.corpus.models.Paper` records.

>>> corpus = read_corpus([default_corpus_dir()])
>>> len(corpus.papers), corpus.problems
(394, ())
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.corpus.dispatch import READERS, detect_format, input_files, iter_records
from kg.corpus.merge import merge_papers, merge_records
from kg.corpus.models import InputProblem, Paper, PaperDate, SourceRef
from kg.paths import data_dir

__all__ = [
    "READERS",
    "Corpus",
    "InputProblem",
    "Paper",
    "PaperDate",
    "SourceRef",
    "default_corpus_dir",
    "detect_format",
    "input_files",
    "iter_records",
    "merge_papers",
    "read_corpus",
]


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything read from a set of inputs.

    Attributes:
        papers: one merged paper per distinct ``paper_key``, in first-seen order.
        problems: every file or record that could not be used, in reading order.
        records_read: records read (duplicates and skipped records included).
        records_skipped: records read but skipped (no title or abstract, unreadable).
    """

    papers: tuple[Paper, ...]
    problems: tuple[InputProblem, ...]
    records_read: int
    records_skipped: int = 0


def read_corpus(paths: Iterable[Path | str] | Path | str) -> Corpus:
    """Read and merge every input.

    Args:
        paths: files and directories (a directory contributes its supported files, sorted,
            not recursing); a single path is accepted too.

    Returns:
        The deduplicated papers, the problems, and the numbers of records read and skipped. Bad
        files and records are reported in ``problems``; this function does not raise for them.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    records: list[Paper] = []
    problems: list[InputProblem] = []
    for path in paths:
        for record in iter_records(Path(path)):
            if isinstance(record, Paper):
                records.append(record)
            else:
                problems.append(record)
    skipped = sum(p.skipped_record for p in problems)
    return Corpus(merge_records(records), tuple(problems), len(records) + skipped, skipped)


def default_corpus_dir() -> Path:
    """Return the bundled corpus directory: ``data/`` next to the ``kg`` package."""
    return data_dir()
