"""The held-out proxy sets (``tests/data/heldout_proxy_*.jsonl``, see ``tests/data/README.md``):
full-length abstracts written and annotated by the guidelines by helpers who never ran an
extractor. Sets 1 and 2 were measured blind in session 10 and are regression data since; sets
3 and 4 were measured blind at the start and the end of session 11. They stand for the hidden
held-out set; these floors hold the level measured at the end of session 11 (default
pipeline), a little below it."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.evaluate import evaluate_file

DATA = Path(__file__).resolve().parents[1] / "data"

#: per set: macro-F1 floor, per-type F1 floors, role accuracy and results P/R floors
FLOORS = {
    # measured at the end of session 11: macro 0.883; dataset 0.927, model 0.920, modality
    # 0.926, task 0.740, metric 0.903; roles 0.990; results 0.953 / 0.883 (session 10 end:
    # macro 0.860, results 0.851 / 0.806)
    "heldout_proxy_1.jsonl": (
        0.85,
        {"dataset": 0.89, "model": 0.87, "modality": 0.89, "task": 0.70, "metric": 0.88},
        (0.97, 0.93, 0.86),
    ),
    # session 11 end: macro 0.862; dataset 0.872, model 0.890, modality 0.844, task 0.817,
    # metric 0.886; roles 0.995; results 0.899 / 0.817 (session 10 end: macro 0.823)
    "heldout_proxy_2.jsonl": (
        0.82,
        {"dataset": 0.80, "model": 0.85, "modality": 0.82, "task": 0.75, "metric": 0.87},
        (0.97, 0.87, 0.79),
    ),
    # the blind batch of session 11, measured once at its start and once at its end (never
    # looked at for errors): start macro 0.920, end 0.919 (dataset 0.953, model 0.918,
    # modality 0.970, task 0.808, metric 0.946; roles 0.968; results 0.908 / 0.893)
    "heldout_proxy_3.jsonl": (
        0.89,
        {"dataset": 0.92, "model": 0.87, "modality": 0.96, "task": 0.78, "metric": 0.92},
        (0.94, 0.88, 0.87),
    ),
    # start macro 0.805, end 0.817 (dataset 0.800, model 0.856, modality 0.814, task 0.667,
    # metric 0.949; roles 0.993; results 0.865 / 0.796)
    "heldout_proxy_4.jsonl": (
        0.79,
        {"dataset": 0.77, "model": 0.84, "modality": 0.77, "task": 0.61, "metric": 0.92},
        (0.97, 0.84, 0.77),
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
