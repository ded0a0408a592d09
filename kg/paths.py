"""Where the project's data files live: next to the ``kg`` package in a source checkout."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def repo_root() -> Path:
    """The directory that holds ``kg/``, ``ontology/``, ``queries/`` and ``data/``."""
    return _ROOT


def ontology_dir() -> Path:
    """``ontology/``: the OWL ontology, SKOS schemes and SHACL shapes (Turtle)."""
    return _ROOT / "ontology"


def data_dir() -> Path:
    """``data/``: the bundled default corpus."""
    return _ROOT / "data"


def queries_dir() -> Path:
    """``queries/``: the saved SPARQL queries."""
    return _ROOT / "queries"


def ontology_files() -> list[Path]:
    """The Turtle files loaded into the store's ontology graph: ontology and vocabularies."""
    root = ontology_dir()
    files = [root / "medkg.ttl"] if (root / "medkg.ttl").exists() else []
    return files + sorted((root / "schemes").glob("*.ttl"))
