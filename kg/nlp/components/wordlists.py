"""Word lists that the components' pure functions read when their module loads: the rows
``{"wordlist": name, "words": [...], "note": ...}`` of ``kg/nlp/patterns/<file>.jsonl``,
each file read once per process.

Word lists a component reads through ``initialize`` (its ``patterns``) stay there; these are
the ones module-level helpers use without a component at hand.

>>> sorted(wordlist("results_wordlists", "range_verbs"))[:3]
['range', 'ranged', 'ranges']
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import srsly

from kg.paths import patterns_dir


@cache
def wordlists(stem: str) -> Mapping[str, frozenset[str]]:
    """The word lists of ``kg/nlp/patterns/<stem>.jsonl`` by name (read once per process;
    rows that are no word list are skipped)."""
    rows = srsly.read_jsonl(patterns_dir() / f"{stem}.jsonl")
    return MappingProxyType(
        {str(r["wordlist"]): frozenset(str(w) for w in r["words"]) for r in rows if "wordlist" in r}
    )


def wordlist(stem: str, name: str) -> frozenset[str]:
    """The word list ``name`` of ``kg/nlp/patterns/<stem>.jsonl``."""
    return wordlists(stem)[name]
