"""Issue 15, branch results15b: results recall. Detection average precision is the GUIDELINES'
mean average precision (at an overlap threshold, or in a paper whose task is detection); more
rules below. Fresh short sentences, each decision on both sides of its boundary."""

from __future__ import annotations

import pytest
import spacy
from concept_helpers import asserted
from result_helpers import results
from spacy.language import Language

from kg.nlp.components.concept_matching import at_overlap_threshold, metric_at_k_key
from kg.nlp.components.concepts import ConceptMatch, fold_detection_precision
from kg.nlp.components.results import (
    VALUE_RE,
    carry_gapped_values,
    coordinated_before,
    measures_another,
    modifier_before_copula,
    words_after_value,
)

# -- detection average precision --------------------------------------------------------------

DETECTION = frozenset({"objectdetection"})


def test_overlap_threshold_is_a_fraction_after_the_at_sign() -> None:
    assert at_overlap_threshold("AP@0.75")
    assert at_overlap_threshold("AP@.5")
    assert at_overlap_threshold("mAP@0.5:0.95")
    assert not at_overlap_threshold("AP@20")  # a rank cut-off
    assert not at_overlap_threshold("AP75")  # no "@": the caller's pattern decides


def test_ap_at_an_overlap_threshold_is_detection_map() -> None:
    prefixes = {"ap": "averageprecision", "r": "recallk"}
    thresholds = {"ap": "meanaverageprecision"}
    assert metric_at_k_key("AP@0.75", prefixes, thresholds) == "meanaverageprecision"
    assert metric_at_k_key("AP@20", prefixes, thresholds) == "averageprecision"
    assert metric_at_k_key("R@0.5", prefixes, thresholds) == "recallk"  # no threshold concept
    assert metric_at_k_key("AP@0.75", prefixes) == "averageprecision"  # none given


def _m(key: str, kind: str = "metric", start: int = 0) -> ConceptMatch:
    return ConceptMatch(start, start + 1, kind, key, 0.9, "vocab:pref")


def test_average_precision_of_a_detection_paper_is_map() -> None:
    found = [_m("averageprecision"), _m("objectdetection", "task")]
    out = fold_detection_precision(found, DETECTION)
    assert [m.key for m in out] == ["meanaverageprecision", "objectdetection"]
    assert out[0].rule.endswith("+detection")


def test_average_precision_elsewhere_keeps_its_concept() -> None:
    ranking = [_m("averageprecision"), _m("documentretrieval", "task")]
    assert fold_detection_precision(ranking, DETECTION) == ranking
    other = [_m("auprc"), _m("objectdetection", "task")]
    assert fold_detection_precision(other, DETECTION) == other  # only average precision


def test_detection_ap_in_the_pipeline(nlp: Language) -> None:
    text = "For nodule detection, the detector reached an AP75 of 0.44 on the scans."
    assert "meanaverageprecision" in asserted(nlp, text, "metric")
    text = "The ranker returned passages with an average precision of 0.61 per query."
    assert "averageprecision" in asserted(nlp, text, "metric")


def test_average_precision_in_a_detection_paper(nlp: Language) -> None:
    text = "We study object detection of fractures; our detector has an average precision of 0.66."
    found = asserted(nlp, text, "metric")
    assert "meanaverageprecision" in found and "averageprecision" not in found


# -- a metric's modifier before its copula ----------------------------------------------------


@pytest.mark.parametrize(
    ("gap", "binds"),
    [
        ("in the validation cohort was", True),
        ("across 12 sites was", True),  # a count before its noun
        ("for the tuned model were", True),
        ("of the tuned model were", False),  # "of": whose score, names only
        ("in the cohort", False),  # no copula
        ("at 95 % specificity was", False),  # an operating point
        ("in patients over 40 was", False),  # a bound, and a number before no noun
        ("for the model that we tuned was", False),  # a relative clause
        ("in X , whereas Y was", False),  # punctuation and a clause word
        ("in one two three four five six seven eight was", False),  # too long
        ("on 0.5 was", False),  # a value inside
    ],
)
def test_modifier_before_copula(gap: str, binds: bool) -> None:
    assert modifier_before_copula(gap.split()) is binds


@pytest.fixture(scope="module")
def nlp_res(nlp_results: Language) -> Language:
    """The concepts + results pipeline of ``tests/conftest.py``."""
    return nlp_results


def test_value_after_the_metric_modifier_and_copula(nlp_res: Language) -> None:
    text = "The mean absolute error in the external cohort was 2.4 days."
    assert ("meanabsoluteerror", "2.4") in results(nlp_res, text)
    text = "The Hausdorff distance across all 40 volumes is 3.8 mm."
    assert ("hausdorffdistance", "3.8") in results(nlp_res, text)


def test_copula_after_a_modifier_binds_no_count_age_or_threshold(nlp_res: Language) -> None:
    # the number of patients, an age, a threshold: no scores of the metric before them
    text = "The AUC in patients older than 65 was reported; the cohort was 412 patients."
    assert results(nlp_res, text) == []
    text = "The sensitivity at 90% specificity was 71% for the reader."
    assert ("specificity", "90%") not in results(nlp_res, text)
    text = "The mean age of patients in the Dice analysis was 63 years."
    assert results(nlp_res, text) == []


# -- a metric after a coordinator does not take the value before it ---------------------------


def test_coordinated_before() -> None:
    d = spacy.blank("en")("rose to 0.64 , while the kappa ; 0.64 kappa ; 0.64 on X or kappa")
    assert coordinated_before(d, 3, 7)  # ", while the kappa"
    assert not coordinated_before(d, 9, 9)  # right before its metric
    assert coordinated_before(d, 12, 16)  # "on X or kappa"


def test_change_ends_keep_their_own_metric(nlp_res: Language) -> None:
    text = "Pretraining lifted the recall from 0.55 to 0.68 and the specificity from 0.80 to 0.86."
    assert sorted(results(nlp_res, text)) == [("recall", "0.68"), ("specificity", "0.86")]
    text = "Tuning moved the Dice on LiTS to 0.83, while the IoU on KiTS rose to 0.77."
    assert sorted(results(nlp_res, text)) == [("dice", "0.83"), ("iou", "0.77")]


def test_value_right_before_its_metric_keeps_it(nlp_res: Language) -> None:
    text = "The tagger reached 0.87 precision and 0.81 recall on the notes."
    assert sorted(results(nlp_res, text)) == [("precision", "0.87"), ("recall", "0.81")]
    text = "The screening model reached 0.93 sensitivity and specificity of 0.79 overall."
    assert sorted(results(nlp_res, text)) == [("sensitivity", "0.93"), ("specificity", "0.79")]


# -- the words after a value stop at its sentence's end ---------------------------------------


def test_words_after_value_stop_at_the_full_stop() -> None:
    text = "rose to 0.61. Patients were; at 3% prevalence; at 0.4.5 mm"
    assert words_after_value(text, text.index(". P"), 2) == []
    assert words_after_value(text, text.index("% p") + 1, 1) == ["prevalence"]


def test_score_at_a_sentence_end_is_no_setting(nlp_res: Language) -> None:
    text = "Rare classes stay hard, with the best recall at 0.47. Models trained on one site fail."
    assert ("recall", "0.47") in results(nlp_res, text)


def test_setting_after_at_inside_its_sentence_stays_a_setting(nlp_res: Language) -> None:
    text = "The PPV was 38% at 4% prevalence. Readers agreed."
    assert results(nlp_res, text) == [("precision", "38%")]  # PPV is precision
    text = "The sensitivity was 88% at 1.5 false positives per scan. Patients were older."
    assert ("sensitivity", "88%") in results(nlp_res, text)
    assert all(v != "1.5" for _k, v in results(nlp_res, text))


# -- the number of a name before a bracket is no point estimate -------------------------------


def test_scores_in_brackets_after_a_numbered_name(nlp_res: Language) -> None:
    text = (
        "Our scorer reached an AUC of 0.88 and an F1 of 0.79, ahead of GraphNet-3 (0.81, 0.72) "
        "and TreeNet (0.80, 0.70)."
    )
    found = results(nlp_res, text)
    assert ("auc", "0.81") in found and ("f1", "0.72") in found


def test_interval_after_a_point_estimate_is_no_score(nlp_res: Language) -> None:
    text = "The model reached an AUC of 0.84 (0.80, 0.88) on the held-out patients."
    assert results(nlp_res, text) == [("auc", "0.84")]
    text = "The mean error was 3 (2, 4) days for the tuned model."
    assert ("meanerror", "2") not in results(nlp_res, text)


# -- compared values after a score carry its metric --------------------------------------------


def test_compared_values_with_their_names_carry_the_metric(nlp_res: Language) -> None:
    text = (
        "We evaluate diagnostic accuracy on 300 vignettes. The tutor answered 81% of the "
        "questions correctly, compared with 64% for Qwen-7B and 58% for the base model; its "
        "hallucination rate fell to 4%."
    )
    found = results(nlp_res, text)
    assert ("accuracy", "64%") in found and ("accuracy", "58%") in found


def test_implied_share_carries_to_compared_values(nlp_res: Language) -> None:
    text = (
        "We evaluate diagnostic accuracy on 300 vignettes. The tutor answered 81% of the "
        "questions correctly, "
        "compared with 64% for the baseline."
    )
    found = results(nlp_res, text)
    assert ("accuracy", "81%") in found and ("accuracy", "64%") in found


def test_compared_list_stops_at_a_clause_or_a_count(nlp_res: Language) -> None:
    text = (
        "The agent reached an accuracy of 81.5%, compared with 70.2% for Qwen-7B; 40 experts "
        "and 12 residents took part."
    )
    assert results(nlp_res, text) == [("accuracy", "81.5%"), ("accuracy", "70.2%")]
    text = (
        "We evaluate diagnostic accuracy on 300 vignettes. The tutor answered 81% of the "
        "questions correctly, "
        "compared with 12 items for the baseline."
    )
    assert results(nlp_res, text) == [("accuracy", "81%")]


# -- a value gapped after a listed model ------------------------------------------------------


def test_gapped_value_takes_the_metric_of_the_value_before() -> None:
    d = spacy.blank("en")("AUC : A got 0.81 , B 0.77 and C 14 with D 0.70")
    values = [(m, m.start(), m.end()) for m in VALUE_RE.finditer(d.text)]
    names = [d[2:3], d[6:7], d[9:10], d[12:13]]
    out = carry_gapped_values(d, values, {0: d[0:1]}, names)
    assert sorted(out) == [0, 1]  # "C 14": another form; "with D": no list


def test_last_word_of_a_name_is_no_measure() -> None:
    d = spacy.blank("en")("AUC of 0.81 , and Mistral 7B instruct 0.77")
    assert not measures_another(d, 1, 8, names=frozenset({5, 6, 7}))
    assert measures_another(d, 1, 8)  # without the name: "instruct" reads as a measure


def test_gapped_values_in_the_pipeline(nlp_rules: Language) -> None:
    text = (
        "BioNet obtained a macro-F1 of 0.842 (precision 0.85, recall 0.83), whereas GPT-4 "
        "reached 0.613 under zero-shot prompting and Llama 2 13B chat 0.498."
    )
    assert ("f1", "0.498") in results(nlp_rules, text)
    text = "BioNet obtained a macro-F1 of 0.842, and GPT-4 12 points less on the hard split."
    assert results(nlp_rules, text) == [("f1", "0.842")]
