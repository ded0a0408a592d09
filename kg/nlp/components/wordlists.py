"""Word lists that the components' pure functions read when their module loads: the rows
``{"wordlist": name, "words": [...], "note": ...}`` of ``kg/nlp/patterns/<file>.jsonl``,
each file read once per process.

Word lists a component reads through ``initialize`` (its ``patterns``) stay there; these are
the ones module-level helpers use without a component at hand.

>>> sorted(wordlist("results_wordlists", "range_verbs"))[:3]
['range', 'ranged', 'ranges']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

import srsly

from kg.paths import patterns_dir


def lists_by_name(rows: Iterable[Mapping[str, Any]], where: str) -> dict[str, frozenset[str]]:
    """The word-list rows of a pattern file by name; a name listed twice is an error (one of
    the two lists would be silently dropped).

    >>> sorted(lists_by_name([{"wordlist": "a", "words": ["x"]}, {"id": "r"}], "f"))
    ['a']
    >>> lists_by_name([{"wordlist": "a", "words": []}, {"wordlist": "a", "words": []}], "f")
    Traceback (most recent call last):
    ValueError: f: word list 'a' is listed twice
    """
    out: dict[str, frozenset[str]] = {}
    for row in rows:
        if "wordlist" not in row:
            continue
        name = str(row["wordlist"])
        if name in out:
            raise ValueError(f"{where}: word list {name!r} is listed twice")
        out[name] = frozenset(str(w) for w in row["words"])
    return out


@cache
def wordlists(stem: str) -> Mapping[str, frozenset[str]]:
    """The word lists of ``kg/nlp/patterns/<stem>.jsonl`` by name (read once per process;
    rows that are no word list are skipped)."""
    path = patterns_dir() / f"{stem}.jsonl"
    return MappingProxyType(lists_by_name(srsly.read_jsonl(path), str(path)))


def wordlist(stem: str, name: str) -> frozenset[str]:
    """The word list ``name`` of ``kg/nlp/patterns/<stem>.jsonl``."""
    return wordlists(stem)[name]
