"""Fixtures shared across the suite (the only conftest)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store built once from the bundled corpus (data/)."""
    from kg.pipeline import build

    path = tmp_path_factory.mktemp("bundled") / "store"
    build((), path)
    return path


@pytest.fixture(scope="session")
def kg_command() -> list[str]:
    """How to run the ``kg`` CLI of this checkout in a subprocess."""
    return [sys.executable, "-m", "kg"]
