"""Fixtures shared across the suite (the only conftest)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed sequence, so a submission is judged on the same
# examples every run; developers' runs keep exploring new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# the endpoint tests' helper module (a real uvicorn server in a subprocess), importable by
# the same name here and in the test modules
sys.path.insert(0, str(Path(__file__).resolve().parent / "integration"))


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store built once from the bundled corpus (data/)."""
    from kg.pipeline import build

    path = tmp_path_factory.mktemp("bundled") / "store"
    build((), path)
    return path


@pytest.fixture(scope="module")
def nlp_entities():  # type: ignore[no-untyped-def]
    """spacy.blank("en") + sentencizer + abbreviations + ``kg_entities`` (datasets, models)."""
    import scispacy.abbreviation  # noqa: F401  (registers "abbreviation_detector")
    import spacy

    from kg.nlp import read_patterns

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n\n"]})
    nlp.add_pipe("abbreviation_detector")
    nlp.add_pipe("kg_entities")
    patterns = read_patterns(["datasets", "models", "not_models", "not_names", "roles"])
    nlp.get_pipe("kg_entities").initialize(nlp=nlp, patterns=patterns)
    return nlp


@pytest.fixture(scope="module")
def nlp_concepts():  # type: ignore[no-untyped-def]
    """spacy.blank("en") + sentencizer (title break as in ``kg/nlp/pipeline.cfg``) +
    ``kg_concepts`` (modalities, tasks, metrics)."""
    import spacy

    import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
    from kg.nlp import read_patterns
    from kg.nlp.components.concepts import CONCEPT_PATTERN_FILES

    nlp = spacy.blank("en")
    # the blank line between title and abstract ends a sentence
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n\n"]})
    nlp.add_pipe("kg_concepts").initialize(nlp=nlp, patterns=read_patterns(CONCEPT_PATTERN_FILES))
    return nlp


@pytest.fixture(scope="module")
def nlp(nlp_concepts):  # type: ignore[no-untyped-def]
    """``nlp_concepts`` under the name the ``kg_concepts`` tests use (test modules with a
    pipeline of their own define their own ``nlp``)."""
    return nlp_concepts


@pytest.fixture(scope="session")
def nlp_results():  # type: ignore[no-untyped-def]
    """spacy.blank("en") + sentencizer + ``kg_concepts`` + ``kg_results``: the metrics the
    results extractor ties values to, and the results."""
    import spacy

    import kg.nlp.components.concepts
    import kg.nlp.components.results  # noqa: F401  (register the factories)
    from kg.nlp import read_patterns
    from kg.nlp.components.concepts import CONCEPT_PATTERN_FILES

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_concepts").initialize(nlp=nlp, patterns=read_patterns(CONCEPT_PATTERN_FILES))
    nlp.add_pipe("kg_results").initialize(nlp=nlp, patterns=read_patterns(["results"]))
    return nlp


@pytest.fixture(scope="session")
def nlp_default():  # type: ignore[no-untyped-def]
    """The shipped pipeline, learned part included (built once per process)."""
    from kg.nlp import load_default_nlp

    return load_default_nlp()


@pytest.fixture(scope="session")
def nlp_rules():  # type: ignore[no-untyped-def]
    """The rules-only pipeline (``build_nlp(use_ner=False)``, the ablation)."""
    from kg.nlp import build_nlp

    return build_nlp(use_ner=False)


@pytest.fixture(scope="session")
def kg_command() -> list[str]:
    """How to run the ``kg`` CLI of this checkout in a subprocess."""
    return [sys.executable, "-m", "kg"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real ``kg serve`` (uvicorn subprocess) with default settings over the small fixture
    store; modules that need other settings define their own ``server``."""
    from endpoint_server import EndpointServer, build_fixture_store

    store = build_fixture_store(tmp_path_factory.mktemp("endpoint") / "store")
    with EndpointServer(store) as running:
        yield running


@pytest.fixture(scope="module")
def client(server):  # type: ignore[no-untyped-def]
    """An HTTP client for the module's ``server``."""
    import httpx

    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c
