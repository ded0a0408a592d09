"""kg.train: the NER and the typer are trained from hand annotations, deterministically."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.nlp import DEFAULT_MODEL_DIR, build_nlp, has_trained_ner
from kg.nlp.components.concept_judge import JUDGE_FILES, JudgeThresholds, load_judge_model
from kg.nlp.components.span_typer import TYPER_FILE, Thresholds, load_typer
from kg.paths import dev_gold_path, repo_root
from kg.train import (
    JUDGE_MIN_GAIN,
    Candidate,
    JudgeCandidate,
    TypeCounts,
    choose_judge_thresholds,
    choose_thresholds,
    collect_all_candidates,
    concept_candidates,
    default_annotations,
    entity_label,
    fold_of,
    gain_confidence,
    locate_spans,
    read_sources,
    read_training_rows,
    ship_judge_thresholds,
    simulate,
    simulate_judge,
    split_synthetic,
    train_models,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "nlp"
ANNOTATED = FIXTURES / "annotated.jsonl"


# -- locating annotated names as spans ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # word boundaries: a name inside a longer word is not an occurrence
        ("MedQAX is not MedQA.", ["MedQA"], ["MedQA"]),
        # the longest of overlapping names wins
        ("We use MIMIC-CXR-JPG images.", ["MIMIC-CXR", "MIMIC-CXR-JPG"], ["MIMIC-CXR-JPG"]),
        # every occurrence, case as written
        ("BraTS and BraTS again, not brats.", ["BraTS"], ["BraTS", "BraTS"]),
        # one-character "names" are not located
        ("A and B.", ["A"], []),
    ],
)
def test_locate_spans(text: str, names: list[str], expected: list[str]) -> None:
    entities = {"dataset": [{"name": names[0], "aliases": names[1:]}]} if names else {}
    assert [text[s:e] for s, e, _ in locate_spans(text, entities)] == expected


def test_entity_label_matches_like_the_evaluation() -> None:
    class S:  # the two attributes entity_label reads of a Span
        def __init__(self, text: str, key: str, label: str) -> None:
            self.text, self.kb_id_, self.label_ = text, key, label

    gold = {
        "dataset": [{"name": "MedQA", "aliases": ["MedQA-USMLE"]}],
        "model": [{"name": "GPT-4"}],
    }
    assert entity_label([S("medqa usmle", "medqausmle", "model")], gold) == "dataset"
    assert entity_label([S("GPT 4", "gpt4", "model")], gold) == "model"
    assert entity_label([S("AUROC", "auroc", "model")], gold) == "none"


# -- thresholds by cross-validation ----------------------------------------------------------------


def _cand(
    label: str, rule_type: str = "model", conf: float = 0.7, rule: str = "name_shape"
) -> Candidate:
    return Candidate(
        features=(), label=label, rule_type=rule_type, rule_conf=conf, rule=rule, fold=0
    )


def test_simulate_counts_what_the_decisions_assert() -> None:
    cands = [_cand("model"), _cand("none"), _cand("dataset")]
    probs = [
        {"dataset": 0.1, "model": 0.8, "none": 0.1},
        {"dataset": 0.0, "model": 0.1, "none": 0.9},
        {"dataset": 0.9, "model": 0.05, "none": 0.05},
    ]
    totals = Counter({"dataset": 1, "model": 1})
    rules = simulate(cands, probs, totals, None)
    assert (rules["model"].tp, rules["model"].fp, rules["dataset"].tp) == (1, 2, 0)
    learned = simulate(cands, probs, totals, Thresholds(reject=0.85, flip=0.85, accept=0.6))
    assert (learned["model"].tp, learned["model"].fp, learned["dataset"].tp) == (1, 0, 1)
    assert learned["dataset"].f1 == 1.0


def test_simulate_counts_one_true_positive_per_annotated_entity() -> None:
    """Two entities keyed apart that match one annotated name ("PES" and "Polish Board
    Certification Exam"): the evaluation matches one, the other is a false positive."""
    same = [
        Candidate(
            features=(),
            label="dataset",
            rule_type="dataset",
            rule_conf=0.9,
            rule="r",
            fold=0,
            gold="3:dataset:0",
        )
        for _ in range(2)
    ]
    other = Candidate(
        features=(),
        label="dataset",
        rule_type="dataset",
        rule_conf=0.9,
        rule="r",
        fold=0,
        gold="3:dataset:1",
    )
    probs = [{"dataset": 0.9, "model": 0.05, "none": 0.05}] * 3
    counts = simulate([*same, other], probs, Counter({"dataset": 2}), None)["dataset"]
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 0)
    # candidates without a gold id (hand-made, or none) are not merged
    counts = simulate([_cand("model"), _cand("model")], probs[:2], Counter({"model": 2}), None)
    assert (counts["model"].tp, counts["model"].fp) == (2, 0)


def test_choose_thresholds_rejects_only_what_pays() -> None:
    # two sure "none" names and one true model the classifier doubts at 0.6 "none"
    cands = [_cand("none"), _cand("none"), _cand("model")]
    probs = [{"dataset": 0.0, "model": 0.05, "none": 0.95}] * 2 + [
        {"dataset": 0.0, "model": 0.4, "none": 0.6}
    ]
    t = choose_thresholds(cands, probs, Counter({"model": 1, "dataset": 0}))
    assert 0.6 < t.reject <= 0.95


# -- the concept judges' thresholds --------------------------------------------------------------


def _task(own: bool, conf: float = 0.9) -> JudgeCandidate:
    return JudgeCandidate(features=(), own=own, rule_conf=conf, fold=0)


def test_simulate_tasks_counts_what_the_judge_asserts() -> None:
    cands = [_task(True), _task(False), _task(True, 0.45)]
    probs = [0.9, 0.1, 0.8]
    rules = simulate_judge(cands, probs, 3, JudgeThresholds())
    assert (rules.tp, rules.fp, rules.fn) == (1, 1, 2)
    judged = simulate_judge(cands, probs, 3, JudgeThresholds(reject=0.2, accept=0.8))
    assert (judged.tp, judged.fp, judged.fn) == (2, 0, 1)


def test_choose_task_thresholds_overrides_only_when_it_pays() -> None:
    # three background tasks the judge is sure of, asserted by the rules: rejecting pays
    cands = [_task(True)] * 3 + [_task(False)] * 3
    probs = [0.9] * 3 + [0.05] * 3
    t = choose_judge_thresholds(cands, probs, 3)
    assert 0.05 < t.reject <= 0.9 and simulate_judge(cands, probs, 3, t).f1 == 1.0
    # nothing to gain: the judge stays off
    assert choose_judge_thresholds(cands[:3], probs[:3], 3) == JudgeThresholds()


def test_choose_task_thresholds_ignores_gains_below_the_margin() -> None:
    # rejecting the one background task among 200 own ones raises F1 by less than the margin
    cands = [_task(True)] * 200 + [_task(False)]
    probs = [0.9] * 200 + [0.05]
    gain = (
        simulate_judge(cands, probs, 200, JudgeThresholds(reject=0.1)).f1
        - simulate_judge(cands, probs, 200, JudgeThresholds()).f1
    )
    assert 0 < gain < JUDGE_MIN_GAIN
    assert choose_judge_thresholds(cands, probs, 200) == JudgeThresholds()


def test_ship_task_thresholds_only_when_held_out_folds_gain() -> None:
    """The judge ships active only when thresholds chosen on other folds pay on held-out ones."""
    rows = [{"entities": {"task": [{"name": "t"}]}} for _ in range(8)]
    # every paper: its own task and a background task, both asserted; the judge separates them
    sure = [
        JudgeCandidate(features=(), own=own, rule_conf=0.9, fold=fold_of(p, 2), paper=p)
        for p in range(8)
        for own in (True, False)
    ]
    probs = [0.9, 0.05] * 8
    assert ship_judge_thresholds(sure, probs, rows, 2).active
    # the judge's probabilities say nothing (own and background alike): it stays off
    assert not ship_judge_thresholds(sure, [0.05, 0.9, 0.9, 0.05] * 4, rows, 2).active
    # it separates them in one paper only: a held-out gain, but not one to trust
    lucky = [0.9, 0.05] + [0.5, 0.5] * 7
    assert not ship_judge_thresholds(sure, lucky, rows, 2).active


def test_gain_confidence_counts_resamples_the_judge_wins() -> None:
    win = (TypeCounts(1, 0, 0), TypeCounts(1, 1, 0))
    tie = (TypeCounts(1, 0, 0), TypeCounts(1, 0, 0))
    assert gain_confidence(dict.fromkeys(range(10), win)) == 1.0
    assert gain_confidence(dict.fromkeys(range(10), tie)) == 0.0
    # one winning paper among twenty ties: resamples without it show no gain
    mostly_ties = {p: (win if p == 0 else tie) for p in range(20)}
    assert 0.5 < gain_confidence(mostly_ties) < 0.95


def test_task_candidates_label_one_to_one_like_the_evaluation() -> None:
    """Of a task and a variant matching one annotated task, only one is the paper's task."""
    title, abstract = "A title", "We propose a model for report generation and summarization."
    row = {
        "title": title,
        "abstract": abstract,
        "entities": {"task": [{"name": "report generation", "aliases": ["summarization"]}]},
    }
    doc = build_nlp(use_ner=False)(f"{title}\n\n{abstract}")
    cands = concept_candidates(doc, row, 0, 0, frozenset({"we"}), frozenset())
    assert len(cands) == 2 and sum(c.own for c in cands) == 1


# -- training ------------------------------------------------------------------------------------


def test_read_training_rows_leaves_out_evaluation_papers(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in ANNOTATED.read_text(encoding="utf-8").splitlines()]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(rows[3]) + "\n", encoding="utf-8")
    kept, left_out = read_training_rows([ANNOTATED], [gold])
    assert left_out == 1 and len(kept) == len(rows) - 1
    assert rows[3]["title"] not in {r["title"] for r in kept}


def test_read_training_rows_names_a_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "T", "abstract": "A"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        read_training_rows([bad], [])


def _synthetic_row(n: int) -> dict[str, object]:
    name = f"Harborline{n}"
    return {
        "id": f"syn-{n}",
        "synthetic": True,
        "title": f"Study {n}",
        "abstract": f"We fine-tune a classifier on {name} and report accuracy.",
        "entities": {"dataset": [{"name": name, "aliases": [], "introduced": False}]},
        "results": [],
    }


# -- the list of training files ------------------------------------------------------------------

#: held-out proxy sets still blind (tests/data/README.md); never trained on
STILL_BLIND = ("heldout_proxy_19.jsonl", "heldout_proxy_20.jsonl", "heldout_proxy_21.jsonl")


def test_read_sources_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("", encoding="utf-8")
    listing = tmp_path / "sources.txt"
    listing.write_text("# training files\n\na.jsonl\n  b.jsonl  # written\n", encoding="utf-8")
    assert read_sources(listing, tmp_path) == [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]


def test_read_sources_names_the_line_of_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    listing = tmp_path / "sources.txt"
    listing.write_text("a.jsonl\n# gone\nmissing.jsonl\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sources\.txt:3: no annotation file 'missing\.jsonl'"):
        read_sources(listing, tmp_path)


def test_read_sources_says_when_the_list_is_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the list of annotation files"):
        read_sources(tmp_path / "sources.txt", tmp_path)


def test_shipped_sources_train_on_annotations_never_on_the_blind_sets() -> None:
    files = default_annotations()
    names = {f.name for f in files}
    assert repo_root() / "data" / "annotations" / "train.jsonl" in files
    assert "synthetic.jsonl" in names
    assert dev_gold_path().name not in names
    assert not names & set(STILL_BLIND)
    assert len(files) == len(set(files))


def test_split_synthetic_keeps_order_and_only_true_flags() -> None:
    flagged_yes = {"title": "b", "synthetic": "yes"}
    rows = [{"title": "a"}, _synthetic_row(1), flagged_yes, _synthetic_row(2)]
    real, synthetic = split_synthetic(rows)
    assert [r["title"] for r in real] == ["a", "b"]
    assert [r["id"] for r in synthetic] == ["syn-1", "syn-2"]


def test_synthetic_records_train_the_typer_in_every_fold_but_never_the_judges() -> None:
    rows = [json.loads(line) for line in ANNOTATED.read_text(encoding="utf-8").splitlines()]
    plain, judged = collect_all_candidates(rows, 2)
    cands, judged_with = collect_all_candidates(rows, 2, synthetic=[_synthetic_row(1)])
    added = cands[len(plain) :]
    assert cands[: len(plain)] == plain and judged_with == judged
    assert added and all(c.fold == -1 for c in added)
    assert any(c.label == "dataset" for c in added)


def test_train_scores_and_folds_only_real_papers(tmp_path: Path) -> None:
    synthetic = tmp_path / "synthetic.jsonl"
    synthetic.write_text(
        "".join(json.dumps(_synthetic_row(n)) + "\n" for n in range(30)), encoding="utf-8"
    )
    # 30 synthetic records do not make 12 papers enough for 20 folds
    with pytest.raises(InputError, match="got 12 papers"):
        train_models(
            annotations=[ANNOTATED, synthetic], output_dir=tmp_path / "m", folds=20, exclude_gold=[]
        )


def test_train_needs_enough_papers(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="at least 20"):
        train_models(annotations=[ANNOTATED], output_dir=tmp_path / "m", folds=20, exclude_gold=[])


@pytest.mark.slow
def test_train_deterministic_and_loadable(tmp_path: Path) -> None:
    files = []
    for name in ("a", "b"):
        out = tmp_path / name
        summary = train_models(
            annotations=[ANNOTATED], output_dir=out, iterations=2, folds=2, seed=0, exclude_gold=[]
        )
        files.append(
            (
                (out / "ner" / "model").read_bytes(),
                (out / TYPER_FILE).read_bytes(),
                (out / JUDGE_FILES["task"]).read_bytes(),
            )
        )
        assert summary.papers == 12 and summary.synthetic == 0
        assert dict(summary.entities)["MODEL"] > 0
        assert "typer candidates" in summary.to_text()
    assert files[0] == files[1]
    load_typer(tmp_path / "a" / TYPER_FILE)
    load_judge_model(tmp_path / "a" / JUDGE_FILES["task"])
    nlp = build_nlp(model_dir=tmp_path / "a", use_ner=True)
    assert {"kg_ner", "kg_typer"} <= set(nlp.pipe_names)
    assert nlp.get_pipe("kg_typer").model is not None
    assert nlp("We evaluate GPT-4 on MedQA.").spans["kg_models"]


def test_default_pipeline_runs_the_shipped_learned_part() -> None:
    """The NER (gated by kg_ner) and the typer are in the default pipeline; the ablation drops
    both."""
    assert has_trained_ner(DEFAULT_MODEL_DIR) and (DEFAULT_MODEL_DIR / TYPER_FILE).is_file()
    nlp = build_nlp()
    names = nlp.pipe_names
    assert (
        names.index("kg_concepts")
        < names.index("kg_ner")
        < names.index("kg_entities")
        < names.index("kg_typer")
    )
    assert names.index("kg_typer") < names.index("kg_results")
    assert nlp.get_pipe("kg_entities").use_ner and nlp.get_pipe("kg_typer").model is not None
    assert nlp.get_pipe("kg_ner").model_dir == DEFAULT_MODEL_DIR
    rules_only = build_nlp(use_ner=False).pipe_names
    assert "kg_ner" not in rules_only and "kg_typer" not in rules_only
    size = sum(f.stat().st_size for f in DEFAULT_MODEL_DIR.rglob("*") if f.is_file())
    assert size < 5_000_000


def test_ner_gate_skips_words_the_rules_decide() -> None:
    """Sentence-initial words, title words, name-shaped and curated names open no window."""
    nlp = build_nlp()
    gate = nlp.get_pipe("kg_ner")
    doc = nlp("Mamba Models For Segmentation\n\nGPT-4 and BERT beat Gemini on MedQA. Results vary.")
    assert gate.windows(doc) == []
    assert list(doc.spans["kg_ner"]) == []
