"""User-facing errors. Each says what was wrong and, where it helps, what to do instead."""

from __future__ import annotations


class KGError(Exception):
    """Base of every error medkg reports to a user (the CLI prints the message, exit 1)."""


class InputError(KGError):
    """An input file or option the user gave cannot be used."""
