"""The blind challenge set for dataset and model names (tests/data/challenge_names.jsonl, see
tests/data/README.md) holds its level: unseen single Titlecase and long multi-word dataset
names, acronym definitions that are not names, type confusion, coordinated names, boundaries,
platforms that are not data (issue 15, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.evaluate import evaluate_file

CHALLENGE = Path(__file__).resolve().parents[1] / "data" / "challenge_names.jsonl"
CHALLENGE_2 = Path(__file__).resolve().parents[1] / "data" / "challenge_names_2.jsonl"
CHALLENGE_3 = Path(__file__).resolve().parents[1] / "data" / "challenge_names_3.jsonl"
CHALLENGE_4 = Path(__file__).resolve().parents[1] / "data" / "challenge_names_4.jsonl"


@pytest.mark.slow
def test_challenge_names_rules_only(nlp_rules: Language) -> None:
    """Rules alone: measured (session 9) dataset P/R/F1 0.949 / 0.983 / 0.966, model 0.983 /
    0.974 / 0.978, roles 0.976; before the session's rules: dataset 0.487, model 0.897."""
    report = evaluate_file(CHALLENGE, nlp=nlp_rules)
    assert report.score("dataset").f1 >= 0.94
    assert report.score("dataset").recall >= 0.95
    assert report.score("model").f1 >= 0.95
    assert report.role_accuracy >= 0.95


@pytest.mark.slow
def test_challenge_names_default_pipeline(nlp_default: Language) -> None:
    """The default pipeline: measured dataset F1 0.946, model 0.965, roles 0.975 with the
    learned typer of session 8; 0.974, 0.983, 0.982 retrained with the synthetic records."""
    report = evaluate_file(CHALLENGE, nlp=nlp_default)
    assert report.score("dataset").f1 >= 0.92
    assert report.score("model").f1 >= 0.94
    assert report.role_accuracy >= 0.95


@pytest.mark.slow
def test_second_challenge_set_rules_only(nlp_rules: Language) -> None:
    """The second set (measured blind once: dataset F1 0.750, model 0.895; after the rules its
    errors led to: dataset 0.913, model 0.933, roles 0.982)."""
    report = evaluate_file(CHALLENGE_2, nlp=nlp_rules)
    assert report.score("dataset").f1 >= 0.88
    assert report.score("model").f1 >= 0.90
    assert report.role_accuracy >= 0.95


@pytest.mark.slow
def test_third_challenge_set_rules_only(nlp_rules: Language) -> None:
    """The third set (session 10; measured blind once, rules only: dataset P/R/F1 0.894 /
    0.712 / 0.792, model 0.866 / 0.907 / 0.886; after the rules its errors led to: dataset
    0.950 / 0.966 / 0.958, model 0.963 / 0.963 / 0.963, roles 0.938)."""
    report = evaluate_file(CHALLENGE_3, nlp=nlp_rules)
    assert report.score("dataset").f1 >= 0.94
    assert report.score("model").f1 >= 0.94
    assert report.role_accuracy >= 0.92


@pytest.mark.slow
def test_third_challenge_set_default_pipeline(nlp_default: Language) -> None:
    """The default pipeline (blind: dataset F1 0.800, model 0.895; after: 0.966, 0.963), with
    the learned typer trained before these rules."""
    report = evaluate_file(CHALLENGE_3, nlp=nlp_default)
    assert report.score("dataset").f1 >= 0.94
    assert report.score("model").f1 >= 0.94


@pytest.mark.slow
def test_fourth_challenge_set_rules_only(nlp_rules: Language) -> None:
    """The fourth set, written after the third set's rules and measured once with them, blind
    (rules only: dataset F1 0.893, model 0.891; main before this session: 0.815, 0.842); the
    general rules it then led to: dataset 0.931, model 0.944, roles 0.923."""
    report = evaluate_file(CHALLENGE_4, nlp=nlp_rules)
    assert report.score("dataset").f1 >= 0.91
    assert report.score("model").f1 >= 0.92
    assert report.role_accuracy >= 0.90


@pytest.mark.slow
def test_fourth_challenge_set_default_pipeline(nlp_default: Language) -> None:
    """The default pipeline on the fourth set (blind: dataset 0.893, model 0.891; after: 0.931,
    0.944)."""
    report = evaluate_file(CHALLENGE_4, nlp=nlp_default)
    assert report.score("dataset").f1 >= 0.91
    assert report.score("model").f1 >= 0.92
