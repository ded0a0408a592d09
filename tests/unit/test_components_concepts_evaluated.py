"""kg_concepts, branch metrics16: a metric the text shows the paper evaluates with (a score bound
to it, or listed after an evaluation cue) is never background, though it stands before the
first sentence with "we"; and "diagnostic accuracy" names the accuracy metric only in a
sentence that states a score (otherwise it is the kind of study, or a clinical goal); a name
listed with metrics ("ROUGE-L, BERTScore and MEDCON") or closing in "Score" glued to its stem
("RaTEScore") is a metric.
Fresh short sentences, each decision on both sides of its boundary."""

from __future__ import annotations

import pytest
from concept_helpers import asserted
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp.components.concept_matching import (
    adjectival_compound,
    after_place_preposition,
    beside_list_joiner,
    heads_another_kind,
    introduced_as_system,
    listed_measure_names,
    measure_name_shaped,
    once,
    score_compound,
)
from kg.nlp.components.concepts import (
    ConceptMatch,
    cue_before,
    cues_by_first_word,
    demote_unscored_umbrella,
    evaluated_metric_keys,
    measured_by_another,
    score_bound,
    states_a_score,
    umbrella_accuracy,
)

CONNECTORS = frozenset({"of", "=", "(", "was", "to"})
COPULAS = frozenset({"was", "were", "is", "are"})


def _w(text: str) -> list[str]:
    return text.split()


def _bound(text: str, start: int, end: int) -> bool:
    return score_bound(_w(text), start, end, connectors=CONNECTORS, copulas=COPULAS)


# -- pure functions ---------------------------------------------------------------------------


def test_a_score_after_or_before_the_metric_binds_it() -> None:
    assert _bound("the network obtains a specificity of 0.83 on it", 4, 5)
    assert _bound("it reached 91.4 % sensitivity", 4, 5)
    assert _bound("the NSD ( 0.77 ) was best", 1, 2)


def test_a_score_later_in_the_clause_binds_it() -> None:
    assert _bound("for ECG the AUROC of the detector is 0.81 .", 3, 4)
    # a clause end stops the search: the number belongs to the next clause
    assert not _bound("the AUROC matters , and 40 sites are 0.5 km apart", 1, 2)


def test_a_metric_without_a_score_is_not_bound() -> None:
    assert not _bound("high specificity is vital in screening", 1, 2)
    assert not _bound("the NSD of the contours is rarely reported", 1, 2)


def test_an_evaluation_cue_before_the_metric() -> None:
    cues = [("measured", "with"), ("metrics", "such", "as")]
    assert cue_before(_w("overlap was measured with the NSD"), 5, cues)
    assert cue_before(_w("lexical metrics such as BLEU correlate poorly"), 4, cues)
    assert not cue_before(_w("the NSD was measured with a ruler"), 1, cues)


def test_evaluated_keys_read_each_mention_in_its_sentence() -> None:
    words = _w("contours were scored with the nsd . the hd95 is often unstable .")
    matches = [
        ConceptMatch(5, 6, "metric", "nsd", 0.9, "v"),
        ConceptMatch(8, 9, "metric", "hausdorff", 0.9, "v"),
    ]
    keys = evaluated_metric_keys(
        matches,
        words,
        [(0, 7), (7, 14)],
        cues=[("scored", "with")],
        connectors=CONNECTORS,
        copulas=COPULAS,
    )
    assert keys == frozenset({"nsd"})


def test_a_score_is_a_decimal_or_a_percentage() -> None:
    assert states_a_score(_w("the app reached 88 % in 300 patients"))
    assert states_a_score(_w("with a value of 0.912"))
    assert not states_a_score(_w("in adults aged 70 years at three sites"))
    # a percentage as LaTeX escapes it
    assert states_a_score(_w("it rises by at least 35\\% over the baseline"))
    assert not states_a_score(_w("it rises by at least 35 \\ over the baseline"))


def test_umbrella_accuracy_is_accuracy_after_a_clinical_kind_of_study() -> None:
    mods = frozenset({"diagnostic", "prognostic"})
    assert umbrella_accuracy(["prognostic", "accuracy"], "the", mods)
    assert umbrella_accuracy(["accuracy"], "diagnostic", mods)
    assert not umbrella_accuracy(["balanced", "accuracy"], "a", mods)
    assert not umbrella_accuracy(["diagnostic", "yield"], "the", mods)


def test_unscored_umbrella_mentions_are_demoted_one_by_one() -> None:
    words = _w("to assess the diagnostic accuracy of it . diagnostic accuracy was 77.0 % .")
    matches = [
        ConceptMatch(3, 5, "metric", "accuracy", 0.9, "v"),
        ConceptMatch(8, 10, "metric", "accuracy", 0.9, "v"),
    ]
    out = demote_unscored_umbrella(
        matches,
        words,
        [(0, 8), (8, 14)],
        modifiers=frozenset({"diagnostic"}),
        confidence=0.45,
    )
    assert [m.confidence for m in out] == [0.45, 0.9]
    assert out[0].rule.endswith("+umbrella")


# -- the component ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # an evaluation cue before the first sentence with "we": the paper's measure
        (
            "Plaque outlines from coronary CT\n\n"
            "Manual plaque outlining is slow. Outline quality was measured with the "
            "normalized surface distance against two readers. We release the code.",
            True,
        ),
        # the same measure in the motivation, neither scored nor listed after a cue
        (
            "Plaque outlines from coronary CT\n\n"
            "Manual plaque outlining is slow, and the normalized surface distance of manual "
            "outlines is rarely reported. We release the code.",
            False,
        ),
        # a score bound to it in a sentence without "we"
        (
            "Plaque outlines from coronary CT\n\n"
            "Manual plaque outlining is slow. PlaqueOutliner reaches a normalized surface "
            "distance of 0.87 on 120 scans. We release the code.",
            True,
        ),
    ],
)
def test_an_evaluated_metric_is_not_background(nlp: Language, text: str, is_asserted: bool) -> None:
    assert ("normalizedsurfacedistance" in asserted(nlp, text, "metric")) is is_asserted


@pytest.mark.parametrize(
    ("text", "is_asserted"),
    [
        # the kind of study: its measures are sensitivity and specificity
        (
            "Diagnostic accuracy of a pocket ultrasound app for pneumothorax: a two-centre "
            "study\n\nWe enrolled 240 adults aged 70 years or older at two emergency "
            "departments.",
            False,
        ),
        (
            "Handheld retinal imaging in rural clinics: a prospective diagnostic accuracy "
            "study\n\nWe enrolled 240 adults at two clinics.",
            False,
        ),
        # a score in the sentence: the accuracy metric
        (
            "Pocket ultrasound for pneumothorax\n\n"
            "The app reached a diagnostic accuracy of 91.5% in 240 adults.",
            True,
        ),
    ],
)
def test_diagnostic_accuracy_is_a_metric_only_with_a_score(
    nlp: Language, text: str, is_asserted: bool
) -> None:
    assert ("accuracy" in asserted(nlp, text, "metric")) is is_asserted


# -- names of measures by their form or their place in a list (concept_matching) -------------


def test_measure_name_shape() -> None:
    assert measure_name_shaped("QuEST")
    assert measure_name_shaped("H-Score")
    assert not measure_name_shaped("Fidelity")
    assert not measure_name_shaped("AB")


def test_score_compound_form() -> None:
    assert score_compound("FactScore")
    assert not score_compound("score")
    assert not score_compound("Scorecard")


def test_a_name_listed_with_two_metrics_is_a_measure() -> None:
    texts = _w("notes were compared by BLEU , METEOR and QuEST .")
    cands = [t == "QuEST" for t in texts]
    spans = [(4, 5), (6, 7)]
    assert listed_measure_names(texts, spans, cands, [False] * len(texts)) == [8]
    # with one metric only, an evaluation cue before the list is needed
    assert listed_measure_names(texts, spans[:1], cands, [False] * len(texts)) == []
    assert listed_measure_names(texts, spans[:1], cands, [True] * len(texts)) == []
    texts = _w("scored with BLEU and QuEST .")
    cands = [t == "QuEST" for t in texts]
    assert listed_measure_names(texts, [(2, 3)], cands, [True] * len(texts)) == [4]
    assert listed_measure_names(texts, [(2, 3)], cands, [False] * len(texts)) == []


def test_a_fronted_place_lists_no_measure() -> None:
    assert after_place_preposition(_w("On KiTS , Dice and IoU reach 0.9"), 1)
    assert not after_place_preposition(_w("with KiTS , Dice and IoU"), 0)


@pytest.mark.parametrize(
    ("text", "key", "is_asserted"),
    [
        (
            "Discharge summaries from a small model\n\n"
            "Summaries were compared by ROUGE-L, BERTScore and QuEST against the notes.",
            "quest",
            True,
        ),
        # a model compared with others, no metric in its list
        (
            "Discharge summaries from a small model\n\n"
            "We compare NoteWriter with QuEST and Llama-3 on 300 notes.",
            "quest",
            False,
        ),
        # the place of the scores, before the measures
        (
            "Kidney tumour outlines\n\nOn KiTS, Dice and IoU reach 0.91 and 0.84.",
            "kits",
            False,
        ),
        (
            "Fact checking of summaries\n\nWe score each summary with FactScore.",
            "factscore",
            True,
        ),
    ],
)
def test_listed_and_compound_measure_names(
    nlp: Language, text: str, key: str, is_asserted: bool
) -> None:
    assert (key in asserted(nlp, text, "metric")) is is_asserted


# -- branch review16d: misfires of the metrics16 rules, narrowed --------------------------------


def test_a_decimal_with_a_unit_is_a_quantity_not_a_score() -> None:
    units = frozenset({"years", "months"})
    assert not states_a_score(_w("in 812 women ( mean age 58.4 years ) we tested it"), units)
    assert states_a_score(_w("in 812 women the tool reached 0.87 sensitivity"), units)


def test_a_listed_name_before_a_test_or_explanation_noun_is_no_measure() -> None:
    heads = frozenset({"tests", "values", "visualisations"})
    t = _w("AUROC , specificity and DeLong tests")
    assert heads_another_kind(t, 4, heads)
    t = _w("AUROC , specificity and MEDCON were computed")
    assert not heads_another_kind(t, 4, heads)


def test_a_score_named_system_introduced_as_such() -> None:
    assert introduced_as_system(_w("We present RetinaScore , a convolutional network"), 2)
    assert not introduced_as_system(_w("Summaries were rated with RetinaScore , a metric"), 4)


@pytest.mark.parametrize(
    ("text", "key", "is_asserted"),
    [
        # the kind of study, with an age in the sentence: no metric
        (
            "Diagnostic accuracy of a wrist fracture detector\n\n"
            "This diagnostic accuracy study enrolled 512 adults (mean age 47.2 years). "
            "Sensitivity was 0.90 and specificity 0.86.",
            "accuracy",
            False,
        ),
        (
            "Wrist fracture detection\n\n"
            "The detector reached a diagnostic accuracy of 0.89 in 512 adults.",
            "accuracy",
            True,
        ),
        # a statistical test and an explanation method listed with the metrics
        (
            "Atrial fibrillation from wearables\n\n"
            "We compared the classifiers by AUROC, specificity and DeLong tests.",
            "delong",
            False,
        ),
        (
            "Atrial fibrillation from wearables\n\n"
            "We compared the classifiers by AUROC, specificity and HRVScore.",
            "hrvscore",
            True,
        ),
        (
            "Readmission after heart failure\n\n"
            "We report AUROC, AUPRC and SHAP values for the boosted trees.",
            "shap",
            False,
        ),
        # a system named "...Score" is no measure
        (
            "RetinaScore: grading diabetic retinopathy\n\n"
            "We present RetinaScore, a convolutional network that grades fundus photographs. "
            "RetinaScore reached an AUROC of 0.93.",
            "retinascore",
            False,
        ),
    ],
)
def test_review16d_metric_misfires(nlp: Language, text: str, key: str, is_asserted: bool) -> None:
    assert (key in asserted(nlp, text, "metric")) is is_asserted


def test_an_umbrella_another_metric_measures_is_no_metric() -> None:
    m = ConceptMatch(1, 3, "metric", "accuracy", 0.9, "v")
    dice = ConceptMatch(9, 10, "metric", "dice", 0.9, "v")
    assert measured_by_another(m, [m, dice], (0, 14), bound=False)
    assert not measured_by_another(m, [m, dice], (0, 14), bound=True)


def test_a_name_built_into_an_adjective_is_no_listed_measure() -> None:
    assert adjectival_compound("UK-wide")
    assert not adjectival_compound("G-Eval")


@pytest.mark.parametrize(
    ("text", "key", "is_asserted"),
    [
        (
            "Rib fracture detection on CT\n\n"
            "Diagnostic accuracy, measured by the area under the ROC curve, was 0.93.",
            "accuracy",
            False,
        ),
        (
            "Rib fracture detection on CT\n\n"
            "The detector had a diagnostic accuracy of 0.93 and a sensitivity of 0.95.",
            "accuracy",
            True,
        ),
        (
            "Triage of discharge letters\n\n"
            "We report F1, accuracy and UK-wide referral rates for each letter type.",
            "ukwide",
            False,
        ),
        (
            "Triage of discharge letters\n\n"
            "We report F1, accuracy and MEDCON for each letter type.",
            "medcon",
            True,
        ),
    ],
)
def test_review16d_umbrella_and_adjective_misfires(
    nlp: Language, text: str, key: str, is_asserted: bool
) -> None:
    assert (key in asserted(nlp, text, "metric")) is is_asserted


# -- speed16b: the same decisions, made with less work ------------------------------------------


def test_a_cue_must_end_before_the_metric() -> None:
    cues = [("in", "terms", "of"), ("measured", "by")]
    assert cue_before(_w("overlap in terms of Dice"), 4, cues)
    # the cue opens before the token at 3 but ends on it: no cue stands before it
    assert not cue_before(_w("overlap in terms of Dice"), 3, cues)


def test_cues_are_grouped_by_their_first_word() -> None:
    cues = (("measured", "by"), ("in", "terms", "of"), ("measured", "with"))
    grouped = cues_by_first_word(cues)
    assert grouped["measured"] == (("measured", "by"), ("measured", "with"))
    assert "terms" not in grouped


def test_only_tokens_beside_a_joiner_can_be_listed() -> None:
    assert beside_list_joiner(_w("scored with BLEU , ROUGE and MEDCON")) == [2, 4, 6]
    assert beside_list_joiner(_w("scored with MEDCON only")) == []


def test_a_word_with_one_capital_is_no_measure_name() -> None:
    assert measure_name_shaped("RadCliQ")
    assert not measure_name_shaped("Radiology")


def test_the_document_words_are_made_once() -> None:
    made: list[int] = []
    get = once(lambda: frozenset({str(len(made.append(1) or made))}))
    assert get() == get() == frozenset({"1"})
    assert len(made) == 1
