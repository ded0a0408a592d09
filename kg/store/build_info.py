"""Build metadata: ``kg-build.json`` in the store directory, what the last build recorded.

It says when the store was built, from what (a digest of the ontology, every paper's graph
and the medkg version), and how many papers and quads it holds: ``kg stats``, ``kg dump`` and
the next incremental build read it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kg import __version__
from kg.paths import ontology_files

BUILD_INFO_NAME = "kg-build.json"


def read_build_info(path: Path) -> dict[str, Any]:
    """What the last build recorded about the store at ``path`` (empty if nothing)."""
    try:
        data = json.loads((path / BUILD_INFO_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_build_info(path: Path, info: Mapping[str, Any]) -> None:
    """Write ``info`` as the build metadata of the store directory ``path``."""
    text = json.dumps(info, indent=1, sort_keys=True)
    (path / BUILD_INFO_NAME).write_text(text, encoding="utf-8")


def next_build_info(
    previous: Mapping[str, Any], digests: Mapping[str, str], *, papers: int, quads: int
) -> dict[str, Any]:
    """The build metadata after a build, given what the store recorded before it.

    The build date changes only when the content does (or ``SOURCE_DATE_EPOCH`` says so), so
    rebuilding the same input leaves byte-identical dumps.

    Args:
        previous: the metadata the store held before the build (empty for a new store).
        digests: paper key → SHA-256 of the paper's N-Quads, for every paper in the store.
        papers: papers in the store.
        quads: quads in the store.
    """
    content = hashlib.sha256()
    for path in ontology_files():
        content.update(hashlib.sha256(path.read_bytes()).digest())
    for key in sorted(digests):
        content.update(f"{key}:{digests[key]}\n".encode())
    content.update(__version__.encode())
    if "SOURCE_DATE_EPOCH" in os.environ:
        built = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=UTC)
        built_text = built.isoformat(timespec="seconds")
    elif previous.get("content_digest") == content.hexdigest() and previous.get("built"):
        built_text = str(previous["built"])
    else:
        built_text = datetime.now(UTC).isoformat(timespec="seconds")
    return {
        "built": built_text,
        "content_digest": content.hexdigest(),
        "medkg_version": __version__,
        "papers": papers,
        "quads": quads,
        "paper_digests": dict(digests),
    }
