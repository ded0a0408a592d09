"""What the ``kg_results`` tests read off a Doc (shared by the ``test_components_results_*``
modules; their pipeline is the ``nlp_results`` fixture of tests/conftest.py)."""

from __future__ import annotations

from spacy.language import Language


def results(nlp: Language, text: str) -> list[tuple[str, str]]:
    """(metric key, value text) of every absolute result."""
    return [(r.metric_key, r.value_text) for r in nlp(text)._.kg_results if not r.is_improvement]
