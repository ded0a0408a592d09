"""The blind challenge set for roles and results (issue 15, items 4 and 5): 55 original
mini-abstracts written and annotated by GUIDELINES.md before the extractors were run on them
(tests/data/README.md). Its scores stay at the measured level, minus a small margin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from kg.evaluate import evaluate_file, read_gold

DATA = Path(__file__).resolve().parents[1] / "data"
CHALLENGE = DATA / "challenge_roles_results.jsonl"
CHALLENGE_B = DATA / "challenge_roles_results_b.jsonl"
CHALLENGE_C = DATA / "challenge_roles_results_c.jsonl"
CHALLENGE_D = DATA / "challenge_roles_results_d.jsonl"
CHALLENGE_E = DATA / "challenge_roles_results_e.jsonl"


@pytest.mark.parametrize(
    ("path", "size"),
    [(CHALLENGE, 55), (CHALLENGE_B, 20), (CHALLENGE_C, 48), (CHALLENGE_D, 22), (CHALLENGE_E, 20)],
)
def test_challenge_set_is_well_formed(path: Path, size: int) -> None:
    """Every paper has the gold fields; every result's metric is one of its metric entities
    (by name or alias) and its model or dataset, when given, one of its entities."""
    rows = read_gold(path)
    assert len(rows) == size
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        entities = row["entities"]
        assert set(entities) == {"dataset", "model", "modality", "task", "metric"}
        for etype in ("dataset", "model"):
            assert all(isinstance(e["introduced"], bool) for e in entities[etype])
        metrics = {m.lower() for m in labels(entities["metric"])}
        for result in row["results"]:
            assert result["metric"].lower() in metrics, (row["id"], result["metric"])
            assert result["model"] in labels(entities["model"]) | {None}, (row["id"], result)
            assert result["dataset"] in labels(entities["dataset"]) | {None}, (row["id"], result)


def labels(entities: list[dict[str, Any]]) -> set[str]:
    """Every name and alias of a list of gold entities."""
    return {x for e in entities for x in [e["name"], *e["aliases"]]}


@pytest.mark.slow
def test_challenge_set_regression(nlp_default: Language) -> None:
    """Measured (default pipeline): before the generalisation rules, roles 0.928 (142/153),
    results P/R 0.956 / 0.924; after them, roles 1.000, results 0.974 / 0.949; entity F1
    dataset 0.867, model 0.941, modality 0.871, task 0.841, metric 0.965, macro 0.897. Branch
    metricvar14 (metric variants folded, this set's top-k and balanced accuracy re-annotated
    as accuracy): results 1.000 / 1.000, metric 1.000."""
    report = evaluate_file(CHALLENGE, nlp=nlp_default)
    assert report.role_accuracy >= 0.98
    assert report.result_precision >= 0.97
    assert report.result_recall >= 0.97
    assert report.score("model").f1 >= 0.92
    assert report.score("dataset").f1 >= 0.85
    assert report.score("metric").f1 >= 0.94
    assert report.macro_f1 >= 0.88


@pytest.mark.slow
def test_second_challenge_batch_regression(nlp_default: Language) -> None:
    """Measured (default pipeline): when first run, after the rules fixed against the first
    set, roles 0.907 (39/43), results P/R 0.872 / 0.854; after the rules it led to, roles
    0.977, results 1.000 / 0.958."""
    report = evaluate_file(CHALLENGE_B, nlp=nlp_default)
    assert report.role_accuracy >= 0.95
    assert report.result_precision >= 0.95
    assert report.result_recall >= 0.93


@pytest.mark.slow
def test_third_challenge_batch_regression(nlp_default: Language) -> None:
    """Batch C (48 abstracts, written blind for the third round). Measured (default
    pipeline): blind, roles 0.955 (128/134), results P/R 0.929 / 0.893; after the rules it
    led to (and one result's metric written as its entity, "accuracy"), roles 1.000, results
    0.980 / 0.951, macro F1 0.894. Its remaining misses are metrics the recogniser does not
    know ("weighted kappa", "absolute relative error")."""
    report = evaluate_file(CHALLENGE_C, nlp=nlp_default)
    assert report.role_accuracy >= 0.97
    assert report.result_precision >= 0.95
    assert report.result_recall >= 0.92


@pytest.mark.slow
def test_fourth_challenge_batch_regression(nlp_default: Language) -> None:
    """Batch D (22 abstracts, written blind after the rules batch C led to): the
    generalisation check. Measured once, blind: roles 0.865 (45/52), results P/R 0.978 /
    0.918; after the general rules it led to, roles 1.000, results 1.000 / 0.959 (the two
    left are "mAP@0.5", a metric the recogniser does not know)."""
    report = evaluate_file(CHALLENGE_D, nlp=nlp_default)
    assert report.role_accuracy >= 0.96
    assert report.result_precision >= 0.95
    assert report.result_recall >= 0.93


@pytest.mark.slow
def test_long_structured_abstracts_regression(nlp_default: Language) -> None:
    """Batch E (20 long abstracts, 150-250 words: 12 structured clinical-journal ones with
    cohorts, CIs, operating points, per-site and per-subgroup AUCs and reader comparisons, 8
    arXiv ones with long multi-dataset result sentences), written blind. Measured once,
    blind: roles 0.923 (108/117), results P/R 0.882 / 0.828; after the general rules it led
    to, roles 0.991 (116/117), results 0.919 / 0.878. Most misses left were metrics the
    recogniser read otherwise ("C-statistic" as C-index, "ROUGE-L" apart from ROUGE,
    "C-indices", "adenoma miss rate", a "sensitivity" before "fell"); after session 12's
    metric vocabulary (C-statistic as AUC, ROUGE variants as ROUGE) results 0.994 / 0.972."""
    report = evaluate_file(CHALLENGE_E, nlp=nlp_default)
    assert report.role_accuracy >= 0.97
    assert report.result_precision >= 0.97
    assert report.result_recall >= 0.95
