"""kg_results on long structured abstracts (issue 15, item 5; blind batch E): pairs of scores
per compared model, scores in a unit, settings held equal, bounds after a metric, scores of
a sentence that names no metric, and the end of a sentence. Short fresh sentences on both
sides of each decision."""

from __future__ import annotations

import pytest
from result_helpers import results
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(nlp_results: Language) -> Language:
    """The concepts + results pipeline of ``tests/conftest.py``."""
    return nlp_results


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pair per compared model echoes the pair of metrics, list after list
        (
            "It has an AUC of 0.93 and an F1 of 0.81, against 0.90 and 0.77 for A and 0.88 "
            "and 0.74 for B.",
            [
                ("auc", "0.93"),
                ("f1", "0.81"),
                ("auc", "0.90"),
                ("f1", "0.77"),
                ("auc", "0.88"),
                ("f1", "0.74"),
            ],
        ),
        # one metric twice gives no order to echo
        (
            "It has an AUC of 0.93 and an AUC of 0.81, against 0.90 and 0.77 for A and 0.88 "
            "and 0.74 for B.",
            [
                ("auc", "0.93"),
                ("auc", "0.81"),
                ("auc", "0.90"),
                ("auc", "0.77"),
                ("auc", "0.88"),
                ("auc", "0.74"),
            ],
        ),
        # a value listed in the unit of a bound score is a score of that kind ...
        (
            "It has a Dice of 0.81 and an HD95 of 2.4 mm, compared with 0.77 and 4.0 mm for A.",
            [
                ("dice", "0.81"),
                ("hausdorffdistance", "2.4"),
                ("dice", "0.77"),
                ("hausdorffdistance", "4.0"),
            ],
        ),
        # ... a size in that unit is not
        (
            "It has a Dice of 0.81 and an HD95 of 2.4 mm on nodules of 6 mm.",
            [("dice", "0.81"), ("hausdorffdistance", "2.4")],
        ),
        (
            "It has a Dice of 0.81, compared with 0.77 and 4.0 mm for A.",
            [("dice", "0.81"), ("dice", "0.77")],
        ),
    ],
)
def test_pairs_and_units_of_compared_models(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a metric held equal is the setting, not the metric of the sentence's values
        ("At a fixed specificity, the system has a sensitivity of 92%.", [("sensitivity", "92%")]),
        (
            "At matched specificity, sensitivity was 92% and 88%.",
            [("sensitivity", "92%"), ("sensitivity", "88%")],
        ),
        # "at the specificity of X (96%)" and "at a specificity of 0.9" state a value
        (
            "At a specificity of 90%, the system has a sensitivity of 92%.",
            [("specificity", "90%"), ("sensitivity", "92%")],
        ),
        # a comparison word and a number after a metric make it a bound
        ("Accuracy, counted with IoU above 0.5, is 72% here.", [("accuracy", "72%")]),
        ("Accuracy is 72% and IoU is 0.61 here.", [("accuracy", "72%"), ("iou", "0.61")]),
        # "at <value> <noun>": the setting a score is read at
        ("Its precision at 10% prevalence was 31%.", [("precision", "31%")]),
        ("Its precision at 0.5 threshold was 0.31.", [("precision", "0.31")]),
        # ... but not before a metric or a place
        ("The model plateaus at 92% accuracy after training.", [("accuracy", "92%")]),
        ("The AUC settles at 0.91 on the test set.", [("auc", "0.91")]),
    ],
)
def test_settings_and_bounds_are_not_scores(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "adds <value>" is a change
        ("Pretraining adds 0.02 F1 on average.", []),
        ("Pretraining gives 0.82 F1 on average.", [("f1", "0.82")]),
        # the next sentence's first word is no unit of a value that ends a sentence
        ("The AUC of the model was 0.81. Patients were older.", [("auc", "0.81")]),
        ("The AUC was computed on 310 patients.", []),
        # "out of <n>" is the top of a scale
        ("The F1 of the model is 0.8 out of 1 here.", [("f1", "0.8")]),
        (
            "The F1 of the model is 0.8 and the F1 of the other is 1 here.",
            [("f1", "0.8"), ("f1", "1")],
        ),
    ],
)
def test_changes_sentence_ends_and_scales(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence without a metric keeps the one metric of the sentence before for a
        # percentage stated on a named dataset or in brackets after a named model ...
        (
            "QuillNet reaches an accuracy of 71.4% on MedQA. TinyQuill attains 58.6% on "
            "PubMedQA, above Meditron-7B (47.9%). GPT-4o stays ahead with 88.1% on MedQA.",
            [
                ("accuracy", "71.4%"),
                ("accuracy", "58.6%"),
                ("accuracy", "47.9%"),
                ("accuracy", "88.1%"),
            ],
        ),
        # ... not a share of a dataset, nor after two metrics, nor after a sentence without
        (
            "QuillNet reaches an accuracy of 71.4% on MedQA. TinyQuill was tuned on 58.6% of "
            "PubMedQA.",
            [("accuracy", "71.4%")],
        ),
        (
            "QuillNet reaches an accuracy of 71.4% and an F1 of 60.2% on MedQA. TinyQuill "
            "attains 58.6% on PubMedQA.",
            [("accuracy", "71.4%"), ("f1", "60.2%")],
        ),
        (
            "QuillNet reaches an accuracy of 71.4% on MedQA. It was trained for a week. "
            "TinyQuill attains 58.6% on PubMedQA.",
            [("accuracy", "71.4%")],
        ),
    ],
)
def test_a_sentence_without_a_metric_keeps_the_one_before(
    nlp_default: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert results(nlp_default, text) == expected
