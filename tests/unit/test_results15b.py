"""Issue 15, branch results15b: results recall. Detection average precision is the GUIDELINES'
mean average precision (at an overlap threshold, or in a paper whose task is detection); more
rules below. Fresh short sentences, each decision on both sides of its boundary."""

from __future__ import annotations

from concept_helpers import asserted
from spacy.language import Language

from kg.nlp.components.concept_matching import at_overlap_threshold, metric_at_k_key
from kg.nlp.components.concepts import ConceptMatch, fold_detection_precision

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
