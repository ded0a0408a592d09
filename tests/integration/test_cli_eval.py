"""``kg eval`` as a user runs it: the default pipeline, the ablation, another trained model."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.nlp import DEFAULT_MODEL_DIR

# Written for this test; every entity and the result are stated in the sentence itself.
GOLD = {
    "id": "cli-eval-1",
    "title": "Fine-tuning BioBERT for clinical inference",
    "abstract": (
        "We fine-tune BioBERT on the MedNLI dataset for natural language inference over "
        "clinical notes. BioBERT reaches an accuracy of 84.2% on MedNLI."
    ),
    "entities": {
        "dataset": [{"name": "MedNLI", "aliases": [], "introduced": False}],
        "model": [{"name": "BioBERT", "aliases": [], "introduced": False}],
        "modality": [{"name": "clinical text", "aliases": ["clinical notes"]}],
        "task": [{"name": "natural language inference", "aliases": []}],
        "metric": [{"name": "accuracy", "aliases": []}],
    },
    "results": [{"metric": "accuracy", "value": "84.2%", "model": "BioBERT", "dataset": "MedNLI"}],
}


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("eval") / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    return path


def _eval(kg_command: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*kg_command, "eval", *args], capture_output=True, text=True, timeout=300, check=False
    )


def _scores(kg_command: list[str], *args: str) -> dict[str, object]:
    done = _eval(kg_command, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_eval_default_and_ablation(gold: Path, kg_command: list[str]) -> None:
    default = _scores(kg_command, str(gold))
    ablation = _scores(kg_command, str(gold), "--rules-only")
    assert {"kg_ner", "kg_typer"} <= set(default["pipeline"])  # type: ignore[arg-type]
    assert not {"kg_ner", "kg_typer"} & set(ablation["pipeline"])  # type: ignore[arg-type]
    for report in (default, ablation):
        types = report["types"]
        assert isinstance(types, dict)
        assert types["dataset"]["f1"] == types["model"]["f1"] == 1.0
        assert report["results"]["matched"] == 1  # type: ignore[index]


@pytest.mark.slow
def test_eval_another_trained_model(gold: Path, kg_command: list[str], tmp_path: Path) -> None:
    model = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, model)
    report = _scores(kg_command, str(gold), "--model", str(model))
    assert "kg_typer" in report["pipeline"]  # type: ignore[operator]
    text = _eval(kg_command, str(gold), "--model", str(model))
    assert text.stdout.startswith("pipeline: ") and "kg_ner" in text.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "{tmp}"], "holds no trained model"),
        (["--model", "{model}", "--rules-only"], "exclude each other"),
        (["{tmp}/missing.jsonl"], "does not exist"),
    ],
)
def test_eval_bad_options(
    gold: Path, kg_command: list[str], tmp_path: Path, args: list[str], message: str
) -> None:
    filled = [a.format(tmp=tmp_path, model=DEFAULT_MODEL_DIR) for a in args]
    target = [] if filled[0].endswith(".jsonl") else [str(gold)]
    done = _eval(kg_command, *target, *filled)
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr
