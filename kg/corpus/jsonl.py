"""Reader for JSON Lines: one JSON object per paper.

Fields: ``title`` and ``abstract`` (required), ``id``, ``date`` (ISO 8601), ``authors`` (list of
names) or ``author_count``, ``url``, ``code_url`` (string or list), ``upvotes``. See
:func:`kg.corpus.fields.paper_from_fields` for how each is checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.corpus.fields import paper_from_fields
from kg.corpus.files import iter_lines, open_binary
from kg.corpus.models import InputProblem, Paper, SourceRef


def read_jsonl(path: Path, label: str | None = None) -> Iterator[Paper | InputProblem]:
    """Read a JSON Lines file; blank lines are skipped, every other line is one record.

    Args:
        path: the file (gzip allowed).
        label: how problems and sources name the file (default ``str(path)``).

    Yields:
        A :class:`Paper` per usable line and an :class:`InputProblem` (file and line) per
        line that is not UTF-8, not JSON, not an object, or lacks a title or abstract; also
        one per ignored optional field of a paper that is kept.
    """
    name = label if label is not None else str(path)
    with open_binary(path) as stream:
        for number, text in iter_lines(stream):
            where = SourceRef(name, line=number)
            if text is None:
                yield InputProblem(where, "line is not valid UTF-8; skipped", skipped_record=True)
                continue
            if not text.strip():
                continue
            try:
                value = json.loads(text.strip())
            except json.JSONDecodeError as e:
                yield InputProblem(
                    where, f"invalid JSON: {e.msg} (column {e.colno})", skipped_record=True
                )
                continue
            except RecursionError:
                yield InputProblem(where, "invalid JSON: nested too deeply", skipped_record=True)
                continue
            if not isinstance(value, dict):
                yield InputProblem(
                    where,
                    f"expected a JSON object, got {type(value).__name__}",
                    skipped_record=True,
                )
                continue
            paper, messages = paper_from_fields(value, where)
            for number_of, message in enumerate(messages, 1):
                # the last message of a record without a paper counts it as skipped
                skipped = paper is None and number_of == len(messages)
                yield InputProblem(where, message, skipped_record=skipped)
            if paper is not None:
                yield paper
