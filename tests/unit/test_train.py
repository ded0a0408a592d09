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
    assert "kg_ner" in nlp.pipe_names
    assert nlp.get_pipe("kg_ner").model_dir == tmp_path / "a"
    assert nlp("We evaluate GPT-4 on MedQA.").spans["kg_models"]


def test_default_pipeline_runs_the_shipped_ner() -> None:
    """The trained NER is in the default pipeline (gated by kg_ner) and produces spans."""
    assert has_trained_ner(DEFAULT_MODEL_DIR)
    nlp = build_nlp()
    assert nlp.pipe_names.index("kg_concepts") < nlp.pipe_names.index("kg_ner") < nlp.pipe_names.index("kg_entities")
    assert nlp.get_pipe("kg_entities").use_ner
    gate = nlp.get_pipe("kg_ner")
    assert gate.model_dir == DEFAULT_MODEL_DIR
    doc = nlp("Registration\n\nWe compare Voxelmorph with classical methods. It was fast.")
    assert gate.windows(doc) == [(2, 8)]  # "We compare Voxelmorph with classical methods"
    assert [(s.text, s.label_) for s in doc.spans["kg_ner"]] == [("Voxelmorph", "MODEL")]
    # only the NER vouches for it: kept as a mention below the link threshold
    (model,) = [s for s in doc.spans["kg_models"] if s.text == "Voxelmorph"]
    assert model._.kg_extractor == "kg_entities:ner_cap" and model._.kg_confidence < 0.5
    assert "kg_ner" not in build_nlp(use_ner=False).pipe_names
    size = sum(f.stat().st_size for f in DEFAULT_MODEL_DIR.rglob("*") if f.is_file())
    assert size < 5_000_000


def test_ner_gate_skips_words_the_rules_decide() -> None:
    """Sentence-initial words, title words, name-shaped and curated names open no window."""
    nlp = build_nlp()
    gate = nlp.get_pipe("kg_ner")
    doc = nlp("Mamba Models For Segmentation\n\nGPT-4 and BERT beat Gemini on MedQA. Results vary.")
    assert gate.windows(doc) == []
    assert list(doc.spans["kg_ner"]) == []
