"""spaCy serialisation hooks for components that keep no weights of their own."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self


class StatelessComponent:
    """Mixin: ``nlp.to_disk``/``from_disk`` have nothing to write or read for this component.

    Its state (word lists, patterns, a sourced model) is rebuilt by ``initialize()`` from the
    project's data files, so serialising it would only duplicate them.
    """

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Nothing to serialise."""
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Self:
        """Nothing to load."""
        return self

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> Self:
        """Nothing to load."""
        return self
