"""Where the project's files live: the one place that turns ``__file__`` into paths.

Data shipped inside the package (pipeline config, patterns, the trained model, web templates
and static assets) is found next to the modules; the repository's data folders (ontology,
saved queries, bundled corpus, dev gold) next to the ``kg`` package in a source checkout.

>>> (package_dir() / "paths.py").is_file()
True
>>> patterns_dir().parent == nlp_dir()
True
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_ROOT = _PACKAGE.parent


def repo_root() -> Path:
    """The directory that holds ``kg/``, ``ontology/``, ``queries/`` and ``data/``."""
    return _ROOT


def package_dir() -> Path:
    """``kg/``: the package itself."""
    return _PACKAGE


def nlp_dir() -> Path:
    """``kg/nlp/``: the pipeline config (``pipeline.cfg``) and the shipped model."""
    return _PACKAGE / "nlp"


def patterns_dir() -> Path:
    """``kg/nlp/patterns/``: the extractors' patterns and word lists (JSON Lines)."""
    return nlp_dir() / "patterns"


def model_dir() -> Path:
    """``kg/nlp/model/``: the trained NER that ``kg train`` writes."""
    return nlp_dir() / "model"


def templates_dir() -> Path:
    """``kg/api/templates/``: the Jinja2 templates of the web pages."""
    return _PACKAGE / "api" / "templates"


def static_dir() -> Path:
    """``kg/api/static/``: the web pages' scripts and styles (vendored from npm)."""
    return _PACKAGE / "api" / "static"


def ontology_dir() -> Path:
    """``ontology/``: the OWL ontology, SKOS schemes and SHACL shapes (Turtle)."""
    return _ROOT / "ontology"


def schemes_dir() -> Path:
    """``ontology/schemes/``: the SKOS vocabularies of modalities, tasks and metrics."""
    return ontology_dir() / "schemes"


def known_entities_path() -> Path:
    """``ontology/known_entities.tsv``: the curated table of well-known datasets and models."""
    return ontology_dir() / "known_entities.tsv"


def data_dir() -> Path:
    """``data/``: the bundled default corpus."""
    return _ROOT / "data"


def queries_dir() -> Path:
    """``queries/``: the saved SPARQL queries."""
    return _ROOT / "queries"


def dev_gold_path() -> Path:
    """``tests/data/dev_gold.jsonl``: the hand-annotated dev set (kept out of training)."""
    return _ROOT / "tests" / "data" / "dev_gold.jsonl"


def ontology_files() -> list[Path]:
    """The Turtle files loaded into the store's ontology graph: ontology and vocabularies."""
    root = ontology_dir()
    files = [root / "medkg.ttl"] if (root / "medkg.ttl").exists() else []
    return files + sorted(schemes_dir().glob("*.ttl"))
