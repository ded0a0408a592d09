"""The held-out proxy sets (``tests/data/heldout_proxy_*.jsonl``, see ``tests/data/README.md``):
full-length abstracts written and annotated by the guidelines by helpers who never ran an
extractor, measured at the start and at the end of session 10 and never used to write a
rule. They stand for the hidden held-out set; these floors hold the level measured at the end
of that session (default pipeline), a little below it."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.evaluate import evaluate_file

DATA = Path(__file__).resolve().parents[1] / "data"

#: per set: macro-F1 floor, per-type F1 floors, role accuracy and results P/R floors
FLOORS = {
    # measured: macro 0.860; dataset 0.892, model 0.896, modality 0.917, task 0.712, metric
    # 0.885; roles 0.989; results 0.851 / 0.806 (session start: macro 0.850)
    "heldout_proxy_1.jsonl": (
        0.84,
        {"dataset": 0.87, "model": 0.87, "modality": 0.89, "task": 0.69, "metric": 0.86},
        (0.97, 0.83, 0.78),
    ),
    # measured: macro 0.823; dataset 0.809, model 0.859, modality 0.826, task 0.742, metric
    # 0.879; roles 0.995; results 0.843 / 0.721 (session start: macro 0.786)
    "heldout_proxy_2.jsonl": (
        0.80,
        {"dataset": 0.78, "model": 0.83, "modality": 0.80, "task": 0.71, "metric": 0.85},
        (0.97, 0.82, 0.70),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_heldout_proxy_levels(name: str, nlp_default: Language) -> None:
    macro_floor, type_floors, (roles_floor, precision_floor, recall_floor) = FLOORS[name]
    report = evaluate_file(DATA / name, nlp=nlp_default)
    assert report.macro_f1 >= macro_floor
    for entity_type, floor in type_floors.items():
        assert report.score(entity_type).f1 >= floor, entity_type
    assert report.role_correct / report.role_total >= roles_floor
    assert report.result_tp / report.result_predicted >= precision_floor
    assert report.result_tp / report.result_gold >= recall_floor
