"""kg.evaluate: document-level P/R/F1, roles, results, calibration bands."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg.evaluate import (
    evaluate_extractions,
    evaluate_file,
    gold_id,
    gold_metric_key,
    match_sets,
    read_gold,
)
from kg.statements import EntityLink, Evidence, PaperExtraction, ResultStatement

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "nlp"
DEV_GOLD = Path(__file__).resolve().parents[1] / "data" / "dev_gold.jsonl"


def link(
    etype: str, label: str, *, role: str = "uses", conf: float = 0.9, alts: tuple[str, ...] = ()
) -> EntityLink:
    ev = Evidence("abstract", 0, len(label), label, label, "test", conf)
    from kg.ids import normalize_key

    return EntityLink("p", etype, normalize_key(label), label, alts, role, conf, (ev,))  # type: ignore[arg-type]


def test_evaluate_hand_computed_scores() -> None:
    rows = read_gold(FIXTURES / "tiny_gold.jsonl")
    ext1 = PaperExtraction(
        "p1",
        (
            link("dataset", "MIMIC CXR"),  # matches MIMIC-CXR (normalised)
            link("dataset", "ToyBench", role="uses"),  # match, wrong role
            link("dataset", "PubMed"),  # false positive
            link("model", "GPT-4"),  # match
            link("model", "Qux", conf=0.3),  # below threshold: not counted, but in band [0, .5)
        ),
        (
            ResultStatement(
                "p1",
                "accuracy",
                Decimal("78.22"),
                "78.22%",
                False,
                "gpt4",
                None,
                Evidence("abstract", 0, 6, "78.22%", "", "kg_results", 1.0),
            ),
        ),
    )
    ext2 = PaperExtraction(
        "S-1", (link("model", "SAM", alts=("Segment Anything Model",)), link("model", "BERT")), ()
    )
    report = evaluate_extractions(rows, [ext1, ext2])
    d = report.score("dataset")
    assert (d.tp, d.fp, d.fn) == (2, 1, 0)
    assert d.precision == pytest.approx(2 / 3) and d.recall == 1.0 and d.f1 == pytest.approx(0.8)
    m = report.score("model")
    assert (m.tp, m.fp, m.fn) == (2, 1, 0)
    assert report.micro.f1 == pytest.approx(0.8)
    assert report.macro_f1 == pytest.approx(0.8)
    assert (report.role_correct, report.role_total) == (2, 3)  # SciERC gold has no "introduced"
    assert (report.result_tp, report.result_predicted, report.result_gold) == (1, 1, 1)
    low = report.bands[0]
    assert (low.predicted, low.correct) == (1, 0)
    assert [t.entity_type for t in report.types] == ["dataset", "model"]
    out = report.to_dict()
    assert out["types"]["dataset"]["f1"] == 0.8 and out["role_accuracy"] == pytest.approx(0.6667)
    assert "dataset" in report.to_text()
    errors = report.errors_text()
    assert "FP   dataset   PubMed" in errors and "ROLE dataset   ToyBench" in errors


def test_evaluate_gold_id_uses_id_for_empty_title() -> None:
    assert gold_id({"id": "S-1", "title": ""}) == "S-1"
    assert gold_id({"title": "A paper"}) != ""


def test_evaluate_matching_is_one_to_one() -> None:
    assert match_sets([frozenset({"a", "b"})], [frozenset({"a"}), frozenset({"b"})]) == [(0, 0)]


@pytest.mark.slow
def test_evaluate_dev_set_regression() -> None:
    """Dev-set scores stay at the level measured on the re-annotated dev set (issue 15), minus a
    small margin."""
    from kg.nlp import build_nlp

    report = evaluate_file(DEV_GOLD, nlp=build_nlp())
    # measured after issue 15 items 2-6 (README): 0.899 / 0.868 / 0.809 / 0.698 / 0.879,
    # macro 0.830, roles 0.949, results 0.842 / 0.842; after session 7: dataset 0.885,
    # model 0.868, task 0.710, macro 0.830, results 0.941 / 0.842; after session 8 (name,
    # result, role and concept rules of the training set, retrained): dataset 0.885, model
    # 0.863, modality 0.809, task P/R/F1 0.818 / 0.634 / 0.714, metric 0.860, macro 0.826,
    # roles 0.953, results 0.906 / 0.842; after session 9 (blind challenge sets and the
    # rules they led to, re-checked training modalities, synthetic name records, retrained):
    # dataset 0.896, model 0.878, modality 0.814, task P/R/F1 0.821 / 0.648 / 0.724, metric
    # 0.860, macro 0.834, roles 0.948, results 0.906 / 0.842; after session 10 (second
    # blind batches, curated table, retrained): dataset 0.892, model 0.881, modality 0.814,
    # task P/R/F1 0.830 / 0.655 / 0.732, metric 0.860, macro 0.836, roles 0.948, results
    # 0.923 / 0.842; after session 11 (rules from the training set and proxies 1-2, results
    # on unseen abstracts, retrained): dataset 0.897, model 0.881, modality 0.819, task
    # 0.825 / 0.662 / 0.734, metric 0.860, macro 0.838, roles 0.948, results 0.923 / 0.842;
    # after session 12 (rules from the training set and proxies 1-6, retrained): dataset
    # 0.897, model 0.881, modality 0.819, task 0.821 / 0.648 / 0.724, metric 0.860, macro
    # 0.836, roles 0.948, results 0.923 / 0.842; after session 16 (rules from the training set
    # and proxies 1-14, retrained): dataset 0.889, model 0.881, modality 0.825, task 0.735,
    # metric 0.838 (0.860 before: the session's metric rules raised metric F1 on the blind sets
    # 15-18 by 0.000-0.025 and lowered it here; report only, nothing tuned on it), macro 0.834,
    # roles 0.953, results 0.941 / 0.842
    assert report.score("dataset").f1 >= 0.87
    assert report.score("model").f1 >= 0.865
    assert report.score("modality").f1 >= 0.80
    assert report.score("task").f1 >= 0.72
    assert report.score("task").precision >= 0.80
    assert report.score("metric").f1 >= 0.83
    assert report.macro_f1 >= 0.82
    assert report.role_accuracy >= 0.94
    assert report.result_recall >= 0.83 and report.result_precision >= 0.90


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"title": "x", "abstract": \n', "bad.jsonl:1: not valid JSON at column 28: Expecting"),
        ('{"title": "a\tb"}\n', "bad.jsonl:1: not valid JSON at column 13: Invalid control char"),
        ('\n["a list"]\n', "bad.jsonl:2: a gold line must be"),
    ],
)
def test_evaluate_bad_gold_file_names_file_and_line(tmp_path, content: str, message: str) -> None:  # type: ignore[no-untyped-def]
    from kg.errors import InputError

    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        evaluate_file(bad)


def test_gold_metric_key_maps_a_cut_off_to_the_at_k_concept() -> None:
    """Gold "precision@10" is the vocabulary's Precision@K, as the extractor keys it."""
    index = {"precisionk": "precisionk", "recallk": "recallk", "ppv": "precision"}
    assert gold_metric_key("precision@10", index) == "precisionk"
    assert gold_metric_key("Recall@ 5", index) == "recallk"
    assert gold_metric_key("PPV", index) == "precision"
    # no at-K concept, or no cut-off: the label's own key
    assert gold_metric_key("nDCG@10", index) == "ndcg10"
    assert gold_metric_key("precision@", index) == "precision"
    assert gold_metric_key("BLEU-4", index) == "bleu4"


def result(metric: str, value: str, *, improvement: bool = False) -> ResultStatement:
    ev = Evidence("abstract", 0, len(value), value, "", "kg_results", 0.9)
    return ResultStatement("p", metric, Decimal(value), value, improvement, "net", None, ev)


def test_evaluate_lists_result_errors_per_paper() -> None:
    row = {
        "title": "A paper",
        "abstract": "Net reaches an AUC of 0.91 and an F1 of 0.80.",
        "entities": {"model": [{"name": "Net", "introduced": True}]},
        "results": [
            {"metric": "AUC", "value": "0.91", "model": "Net", "dataset": None},
            {"metric": "F1", "value": "0.80", "model": "Net", "dataset": "ToySet"},
        ],
    }
    ext = PaperExtraction(
        "p",
        (link("model", "Net", role="introduces"),),
        # the AUC matches; the F1 value is wrong (a false positive and a miss); an improvement
        # is no score and is neither counted nor listed
        (result("auc", "0.91"), result("f1", "0.08"), result("f1", "0.05", improvement=True)),
    )
    report = evaluate_extractions([row], [ext])
    assert (report.result_tp, report.result_predicted, report.result_gold) == (1, 2, 2)
    (paper,) = report.errors
    assert paper.result_false_positives == ("f1 = 0.08  (model net, dataset -)",)
    assert paper.result_misses == ("F1 = 0.80  (model Net, dataset ToySet)",)
    errors = report.errors_text()
    assert "  FP   result    f1 = 0.08" in errors and "  MISS result    F1 = 0.80" in errors
    assert "0.05" not in errors and "auc" not in errors


def test_evaluate_paper_with_only_result_errors_is_listed() -> None:
    row = {
        "title": "Another paper",
        "abstract": "Net reaches an AUC of 0.91.",
        "entities": {"model": [{"name": "Net", "introduced": True}]},
        "results": [{"metric": "AUC", "value": "0.91", "model": "Net", "dataset": None}],
    }
    ext = PaperExtraction("p", (link("model", "Net", role="introduces"),), ())
    report = evaluate_extractions([row], [ext])
    assert [e.result_misses for e in report.errors] == [("AUC = 0.91  (model Net, dataset -)",)]


def tied(metric: str, value: str, model: str | None, dataset: str | None) -> ResultStatement:
    ev = Evidence("abstract", 0, len(value), value, "", "kg_results", 0.9)
    return ResultStatement("p", metric, Decimal(value), value, False, model, dataset, ev)


def test_evaluate_scores_which_model_and_dataset_a_matched_result_is_tied_to() -> None:
    row = {
        "title": "Ties",
        "abstract": "Net reaches an AUC of 0.91 on ToySet; Base 0.85 and an F1 of 0.70.",
        "entities": {
            "model": [{"name": "Net", "aliases": ["Net-1"], "introduced": True}, {"name": "Base"}],
            "dataset": [{"name": "ToySet", "introduced": False}],
        },
        "results": [
            {"metric": "AUC", "value": "0.91", "model": "Net-1", "dataset": "ToySet"},
            {"metric": "AUC", "value": "0.85", "model": "Base", "dataset": "ToySet"},
            {"metric": "F1", "value": "0.70", "model": "Net", "dataset": None},
            {"metric": "F1", "value": "0.60", "model": "Net", "dataset": None},
        ],
    }
    ext = PaperExtraction(
        "p",
        (link("model", "Net"), link("model", "Base"), link("dataset", "ToySet")),
        (
            tied("auc", "0.91", "net", "toyset"),  # both right (the gold names Net's alias)
            tied("auc", "0.85", "net", None),  # wrong model, no dataset
            tied("f1", "0.70", None, "toyset"),  # no model; the gold names no dataset
            # F1 0.60 is not predicted: an unmatched result counts for no tie
        ),
    )
    report = evaluate_extractions([row], [ext])
    assert report.ties == (("model", 1, 3), ("dataset", 1, 2))
    assert report.tie_accuracy("model") == pytest.approx(1 / 3)
    assert report.to_dict()["results"]["ties"]["dataset"] == {
        "correct": 1,
        "total": 2,
        "accuracy": 0.5,
    }
    assert "tied to the gold's model: 0.333 (1/3" in report.to_text()
    (paper,) = report.errors
    assert paper.tie_errors == (
        "model net (gold Base): auc = 0.85  (model net, dataset -)",
        "dataset - (gold ToySet): auc = 0.85  (model net, dataset -)",
        "model - (gold Net): f1 = 0.70  (model -, dataset toyset)",
    )
    assert "  TIE  result    model net (gold Base)" in report.errors_text()
