"""The blind concept challenge sets (``tests/data/challenge_concepts*.jsonl``, see
``tests/data/README.md``): modality, task and metric scores stay at the level measured on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.evaluate import evaluate_file

DATA = Path(__file__).resolve().parents[1] / "data"
CHALLENGE = DATA / "challenge_concepts.jsonl"
CHALLENGE_2 = DATA / "challenge_concepts_2.jsonl"
CHALLENGE_3 = DATA / "challenge_concepts_3.jsonl"
CHALLENGE_4 = DATA / "challenge_concepts_4.jsonl"


@pytest.mark.slow
def test_challenge_concepts_regression(nlp_default: Language) -> None:
    """Floors a little below the measured values (session 9, default pipeline)."""
    report = evaluate_file(CHALLENGE, nlp=nlp_default)
    # written blind, before any extractor ran on it: modality P/R/F1 0.957 / 0.833 / 0.891,
    # task 0.750 / 0.407 / 0.527, metric 0.960 / 0.935 / 0.947. After the session 9 rules
    # (task by object, modality prefixes, gates and vocabulary): modality 0.981 / 0.944 /
    # 0.962, task 0.920 / 0.780 / 0.844, metric 0.974 / 0.987 / 0.981. After session 10
    # (batches 2 and 3): modality 0.963 / 0.963 / 0.963, task 0.923 / 0.814 / 0.865
    assert report.score("modality").f1 >= 0.94
    assert report.score("task").f1 >= 0.82
    assert report.score("task").precision >= 0.89
    assert report.score("task").recall >= 0.76
    assert report.score("metric").f1 >= 0.96


@pytest.mark.slow
def test_challenge_concepts_batch_2(nlp_default: Language) -> None:
    """The second blind batch (session 10, 47 abstracts). Measured once before any change
    (with one annotation fixed afterwards, see tests/data/README.md): modality P/R/F1 0.957 /
    0.846 / 0.898, task 0.933 / 0.549 / 0.691, metric 0.983 / 0.831 / 0.901. After the rules
    it led to: modality 0.962 / 0.962 / 0.962, task 0.977 / 0.843 / 0.905, metric 1.0."""
    report = evaluate_file(CHALLENGE_2, nlp=nlp_default)
    assert report.score("modality").f1 >= 0.94
    assert report.score("task").f1 >= 0.88
    assert report.score("task").precision >= 0.94
    assert report.score("task").recall >= 0.81
    assert report.score("metric").f1 >= 0.97


@pytest.mark.slow
def test_challenge_concepts_batch_3(nlp_default: Language) -> None:
    """The third blind batch (session 10, 22 abstracts), written after the batch-2 rules and
    measured once with them (the generalisation check): modality 0.857 / 0.720 / 0.783, task
    0.765 / 0.542 / 0.634, metric 1.0 / 0.818 / 0.900 (main before the session: task 0.595,
    metric 0.881). After the general rules it then led to: modality 0.958 / 0.920 / 0.939,
    task 0.850 / 0.708 / 0.773, metric 1.0 / 0.909 / 0.952."""
    report = evaluate_file(CHALLENGE_3, nlp=nlp_default)
    assert report.score("modality").f1 >= 0.91
    assert report.score("task").f1 >= 0.74
    assert report.score("task").precision >= 0.82
    assert report.score("task").recall >= 0.66
    assert report.score("metric").f1 >= 0.92


@pytest.mark.slow
def test_challenge_concepts_batch_4(nlp_default: Language) -> None:
    """The fourth blind batch (session 10, 30 longer abstracts of 5-6 sentences: background,
    own work, data, results, conclusion), measured once before any change: modality P/R/F1
    0.806 / 0.829 / 0.817, task 0.636 / 0.618 / 0.627, metric 0.980 / 0.923 / 0.950. After
    the general rules it led to: modality 0.912 / 0.886 / 0.899, task 0.794 / 0.794 / 0.794,
    metric unchanged."""
    report = evaluate_file(CHALLENGE_4, nlp=nlp_default)
    assert report.score("modality").f1 >= 0.87
    assert report.score("task").f1 >= 0.76
    assert report.score("task").precision >= 0.76
    assert report.score("task").recall >= 0.76
    assert report.score("metric").f1 >= 0.92
