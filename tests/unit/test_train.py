"""kg.nlp.train: weak-label NER training is deterministic and produces a loadable model."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp import DEFAULT_MODEL_DIR, build_nlp, has_trained_ner
from kg.nlp.train import train_ner

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "nlp"


@pytest.mark.slow
def test_train_deterministic_and_loadable(tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        summary = train_ner(sources=[FIXTURES / "papers.jsonl"], output_dir=out, iterations=2, seed=0,
                            exclude_gold=[])
        runs.append((out / "ner" / "model").read_bytes())
        assert summary.papers == 5 and dict(summary.entities)["MODEL"] > 0
        assert "weak labels" in summary.to_text()
    assert runs[0] == runs[1]
    nlp = build_nlp(model_dir=tmp_path / "a", use_ner=True)
    assert "ner" in nlp.pipe_names
    assert nlp("We evaluate GPT-4 on MedQA.").spans["kg_models"]


def test_train_shipped_model_is_used() -> None:
    assert has_trained_ner(DEFAULT_MODEL_DIR)
    nlp = build_nlp(use_ner=True)
    assert nlp.pipe_names.index("ner") < nlp.pipe_names.index("kg_entities")
    assert nlp.get_pipe("kg_entities").use_ner
    assert "ner" not in build_nlp(use_ner=False).pipe_names


def test_default_pipeline_is_rules_only() -> None:
    """The NER is opt-in: it costs half the extraction time and adds nothing on the dev set."""
    nlp = build_nlp()
    assert "ner" not in nlp.pipe_names and "ner" not in nlp.disabled
    assert not nlp.get_pipe("kg_entities").use_ner
    size = sum(f.stat().st_size for f in DEFAULT_MODEL_DIR.rglob("*") if f.is_file())
    assert size < 5_000_000
