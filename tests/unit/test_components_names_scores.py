"""kg_entities, issue 15 (scores15): a named clinical score or rule is a model when the paper
uses it as a predictor (compared, scored, stating its own score), nothing when it only defines
a label, an outcome, a criterion or a stratum. Fresh sentences on both sides."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp.components.names.scores import (
    compared_before,
    headed_as_score,
    level_base,
    listed_after_score_noun,
    long_form_names_score,
    plural_read_as_verb,
    scored_for,
    shares_score_head,
    states_a_score,
    used_as_predictor,
)
from kg.nlp.components.names.units import Unit, unit_shape
from kg.statements import LINK_THRESHOLD

OPENERS = frozenset({"versus", "vs", "than", "against", "compared"})
VERBS = frozenset({"achieved", "reached", "obtained"})
INSTRUMENTS = frozenset({"score", "scale", "index", "assessment", "questionnaire"})


def us(text: str) -> list[Unit]:
    """Units of a whitespace-split sentence (every unit lower-shaped, one sentence)."""
    return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(text.split())]


def model_names(nlp: Language, text: str) -> set[str]:
    """The surface forms of the model mentions of ``text``."""
    doc = nlp(text)
    return {span.text for span in doc.spans["kg_models"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Caprini Risk Assessment", True),
        ("modified Wells Score", True),
        ("Pediatric Early Warning Score 2", True),
        ("pain scale", False),
        ("composite Index", False),
        ("Scale", False),
        ("Vision Transformer", False),
    ],
)
def test_scores_long_form_names_score(text: str, expected: bool) -> None:
    assert long_form_names_score(text, INSTRUMENTS) is expected


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        ("outperforming the HEART score", 2, True),
        ("better than CURB-65", 2, True),
        ("we compared PneuNet with the PSI and CURB-65", 7, True),
        ("we benchmarked it against APACHE ( version II ) and SAPS", 10, True),
        ("Comparators were GRACE , TIMI and a random forest", 4, True),
        ("baselines : GRACE and TIMI", 4, True),
        ("patients were stratified by the HEART score", 6, False),
        ("outcomes were defined with Sepsis-3 criteria", 4, False),
        ("with a calculator that returns CURB-65", 5, False),
    ],
)
def test_scores_compared_before(text: str, first: int, expected: bool) -> None:
    units = us(text)
    names = {k for k, u in enumerate(units) if u.text[:1].isupper() and k != first}
    assert compared_before(units, first, [0] * len(units), OPENERS, names) is expected


def test_scores_compared_before_stops_at_the_sentence() -> None:
    units = us("it was compared . GRACE was computed")
    assert not compared_before(units, 4, [0, 0, 0, 0, 1, 1, 1], OPENERS, ())


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        ("0.64 for GRACE", 2, True),
        ("71.5% for the Caprini score", 3, True),
        ("0.64 ( 0.61-0.67 ) for TIMI", 5, True),
        ("thresholds for GRACE", 2, False),
        ("2019 for TIMI", 2, False),
        ("0.64 in GRACE", 2, False),
    ],
)
def test_scores_scored_for(text: str, first: int, expected: bool) -> None:
    assert scored_for(us(text), first) is expected


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("the Caprini score obtained an AUROC", 1, True),
        ("TIMI reached a sensitivity", 0, True),
        ("TIMI was recorded at admission", 0, False),
        ("the Caprini score above five", 1, False),
    ],
)
def test_scores_states_a_score(text: str, last: int, expected: bool) -> None:
    units = us(text)
    assert states_a_score(units, last, [0] * len(units), VERBS) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GRACE score", True),
        ("TIMI criteria", True),
        ("GRACE scores were", True),
        ("GRACE model", False),
        ("GRACE", False),
        ("GRACE scores 0.71", False),
        ("GRACE scores every patient", False),
    ],
)
def test_scores_headed_as_score(text: str, expected: bool) -> None:
    assert headed_as_score(us(text), 0) is expected


def shaped(text: str) -> list[Unit]:
    """Units of a whitespace-split sentence, shaped as the scan shapes them."""
    return [Unit(k, k + 1, t, unit_shape(t), False, True) for k, t in enumerate(text.split())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NIHSS and GCS scores", True),
        ("Wells or Geneva scores", True),
        ("NIHSS and GCS models", False),
        ("NIHSS and other scores", False),
        ("NIHSS and 12 scores", False),
    ],
)
def test_scores_shares_score_head(text: str, expected: bool) -> None:
    assert shares_score_head(shaped(text), 0) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("X scores 0.82 on", True),
        ("X scores ExamQA items", True),
        ("X scores the highest", True),
        ("X scores were low", False),
        ("X scores of patients", False),
        ("X scores", False),
    ],
)
def test_scores_plural_read_as_verb(text: str, expected: bool) -> None:
    assert plural_read_as_verb(shaped(text), 1) is expected


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        ("bedside scores such as CURB-65", 4, True),
        ("validated scales like GAD-7", 3, True),
        ("language models such as Llama", 4, False),
        ("scores were high for Llama", 4, False),
    ],
)
def test_scores_listed_after_score_noun(text: str, first: int, expected: bool) -> None:
    units = us(text)
    assert listed_after_score_noun(units, first, [0] * len(units)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("GRACE 2", "GRACE"), ("TI-RADS 5", "TI-RADS"), ("SAPS III", "SAPS"), ("GRACE", None)],
)
def test_scores_level_base(text: str, expected: str | None) -> None:
    assert level_base(text) == expected


def test_scores_used_as_predictor_either_cue() -> None:
    kw = {"openers": OPENERS, "score_verbs": VERBS, "name_units": ()}
    for text, first in (("0.61 for GRACE", 2), ("GRACE reached 0.61", 0), ("versus GRACE", 1)):
        units = us(text)
        assert used_as_predictor(units, first, first, [0] * len(units), **kw)
    units = us("patients with a GRACE score above 140")
    assert not used_as_predictor(units, 3, 3, [0] * len(units), **kw)


# --- the whole component: fresh abstracts -----------------------------------------------------

COMPARED = (
    "We developed ChestPainNet to predict major adverse cardiac events. ChestPainNet was "
    "compared with the Thrombolysis in Myocardial Infarction Score (TIMI) and the GRACE score. "
    "ChestPainNet reached an AUROC of 0.88, versus 0.71 for TIMI and 0.74 for GRACE."
)
LABEL_ONLY = (
    "We developed ChestPainNet to predict major adverse cardiac events. Patients with a "
    "Thrombolysis in Myocardial Infarction Score (TIMI) of 3 or more were excluded, and risk "
    "strata followed the GRACE score. ChestPainNet reached an AUROC of 0.88."
)


def test_scores_compared_scores_are_models(nlp_entities: Language) -> None:
    found = model_names(nlp_entities, COMPARED)
    assert "TIMI" in found
    assert any(n.startswith("GRACE") for n in found)
    assert "ChestPainNet" in found


def test_scores_label_scores_are_no_models(nlp_entities: Language) -> None:
    found = model_names(nlp_entities, LABEL_ONLY)
    assert not any(n.startswith(("TIMI", "GRACE", "Thrombolysis")) for n in found)
    assert "ChestPainNet" in found


def test_scores_a_level_of_a_score_is_no_model(nlp_entities: Language) -> None:
    text = (
        "We compared PneuNet with the Pneumonia Severity Index (PSI). Among patients in PSI 4, "
        "PneuNet reached a sensitivity of 81% versus 64% for the PSI."
    )
    found = model_names(nlp_entities, text)
    assert "PSI 4" not in found
    assert "PSI" in found or "Pneumonia Severity Index" in found


def test_scores_compared_score_keeps_its_head_and_passes_the_threshold(
    nlp_entities: Language,
) -> None:
    text = (
        "We compared FallNet with the STRATIFY score for predicting inpatient falls. FallNet "
        "reached an AUROC of 0.79, versus 0.61 for STRATIFY."
    )
    doc = nlp_entities(text)
    spans = {s.text: s._.kg_confidence for s in doc.spans["kg_models"]}
    assert "STRATIFY score" in spans
    assert min(c for t, c in spans.items() if t.startswith("STRATIFY")) >= LINK_THRESHOLD


def test_scores_a_score_stating_its_own_result_passes_the_threshold(
    nlp_entities: Language,
) -> None:
    text = (
        "We reproduced the CRASH index on 900 admissions and trained HeadNet on the same data. "
        "The CRASH index achieved an AUROC of 0.70."
    )
    doc = nlp_entities(text)
    spans = {s.text: s._.kg_confidence for s in doc.spans["kg_models"]}
    assert spans.get("CRASH index", 0.0) >= LINK_THRESHOLD


def test_scores_results_tied_to_a_compared_score(nlp_rules: Language) -> None:
    text = (
        "Ward deterioration with DeteriorNet\n\n"
        "We trained DeteriorNet on 40,000 ward stays and compared it with the Caprini score. "
        "DeteriorNet reached an AUROC of 0.83, versus 0.66 for the Caprini score."
    )
    doc = nlp_rules(text)
    keys = {s.text: s.kb_id_ for s in doc.spans["kg_models"]}
    caprini = [k for t, k in keys.items() if t.startswith("Caprini")]
    assert caprini
    tied = {(r.value_text, r.model_key) for r in doc._.kg_results}
    assert ("0.66", caprini[0]) in tied


def test_scores_results_read_past_an_interval(nlp_rules: Language) -> None:
    text = (
        "Stroke outcome with StrokeNet\n\n"
        "We trained StrokeNet on 12,000 admissions and compared it with the ASTRAL score. "
        "StrokeNet reached an AUROC of 0.86 (95% CI 0.84-0.88), compared with 0.77 "
        "(0.75-0.79) for the ASTRAL score."
    )
    doc = nlp_rules(text)
    keys = {s.text: s.kb_id_ for s in doc.spans["kg_models"]}
    astral = [k for t, k in keys.items() if t.startswith("ASTRAL")]
    assert astral
    tied = {r.value_text: r.model_key for r in doc._.kg_results}
    assert tied.get("0.77") == astral[0]
    assert tied.get("0.86") == keys["StrokeNet"]


def test_scores_results_no_model_after_an_interval_and_a_clause(nlp_rules: Language) -> None:
    text = (
        "Nodule malignancy with NoduleNet\n\n"
        "NoduleNet achieved the highest AUC, 0.91 (95% CI, 0.89-0.93), followed by "
        "ResNet-50 (0.88)."
    )
    doc = nlp_rules(text)
    keys = {s.text: s.kb_id_ for s in doc.spans["kg_models"]}
    tied = {r.value_text: r.model_key for r in doc._.kg_results}
    assert tied.get("0.91") == keys["NoduleNet"]


def test_scores_a_compared_instrument_is_a_model(nlp_rules: Language) -> None:
    doc = nlp_rules("Alerts fired earlier than the National Early Warning Score 2 (NEWS2).")
    assert any("NEWS2" in s.text or "Warning" in s.text for s in doc.spans["kg_models"])


def test_scores_a_compared_metric_with_score_glued_stays_a_metric(nlp_rules: Language) -> None:
    text = (
        "Judging radiology reports with ReportJudge\n\n"
        "ReportJudge reached a Kendall's tau of 0.71 with radiologists, compared with 0.58 "
        "for HalluScore."
    )
    assert not any("HalluScore" in n for n in model_names(nlp_rules, text))


def test_scores_a_score_the_subject_reached_is_its_metric(nlp_rules: Language) -> None:
    # review15b: the value follows "reached", so the score after "for" measures the subject
    text = (
        "Chest X-ray report generation with ReportLLM\n\n"
        "ReportLLM reached 0.31 for the RadGraph score and 0.28 for the CheXbert score."
    )
    found = model_names(nlp_rules, text)
    assert not any(n.startswith(("RadGraph", "CheXbert")) for n in found)


def test_scores_values_listed_after_a_comparison_still_make_models(nlp_rules: Language) -> None:
    text = (
        "Venous thromboembolism with ClotNet\n\n"
        "ClotNet achieved an AUROC of 0.84, compared with 0.71 for the Caprini score and 0.66 "
        "for the Padua score."
    )
    found = model_names(nlp_rules, text)
    assert any(n.startswith("Caprini") for n in found)
    assert any(n.startswith("Padua") for n in found)


def test_scores_a_compared_grading_system_is_no_model(nlp_rules: Language) -> None:
    # review15b: a grading system's score is a reading category, even where compared
    text = (
        "Prostate biopsy grading with GradeNet\n\n"
        "Compared with the Gleason score assigned by pathologists, GradeNet reached a kappa of "
        "0.72, versus 0.61 for the Gleason score of the original report and 0.58 for the "
        "Kellgren-Lawrence scale."
    )
    found = model_names(nlp_rules, text)
    assert not any(n.startswith(("Gleason", "Kellgren")) for n in found)
    assert "GradeNet" in found


def test_scores_a_compared_score_beside_a_grading_system_stays_a_model(
    nlp_rules: Language,
) -> None:
    text = (
        "Recurrence after prostatectomy with RecurNet\n\n"
        "RecurNet reached an AUROC of 0.79, compared with 0.70 for the CAPRA score; the "
        "Gleason score was an input."
    )
    found = model_names(nlp_rules, text)
    assert any(n.startswith("CAPRA") for n in found)
    assert not any(n.startswith("Gleason") for n in found)


def test_scores_a_bracketed_value_after_a_compared_score_is_its_result(
    nlp_rules: Language,
) -> None:
    # review15b: "score" inside the model's span is no unnamed measure of the value
    text = (
        "Inpatient falls with FallNet\n\n"
        "FallNet reached an AUROC of 0.79, higher than the STRATIFY score (0.61)."
    )
    doc = nlp_rules(text)
    keys = {s.text: s.kb_id_ for s in doc.spans["kg_models"]}
    stratify = [k for t, k in keys.items() if t.startswith("STRATIFY")]
    assert stratify
    tied = {r.value_text: r.model_key for r in doc._.kg_results}
    assert tied.get("0.61") == stratify[0]


def test_scores_an_unnamed_measure_outside_a_name_keeps_its_value(nlp_rules: Language) -> None:
    text = (
        "Patient replies with ReplyLLM\n\n"
        "ReplyLLM reached an accuracy of 81%, with a higher completeness rating (4.2) than GPT-4."
    )
    values = {r.value_text for r in nlp_rules(text)._.kg_results}
    assert "81%" in values
    assert "4.2" not in values


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("versus the NRS score recorded by nurses", 2, False),
        ("versus the PHQ-9 score as the reference", 2, False),
        ("versus the NEWS2 score computed by the EHR", 2, True),
        ("versus the NEWS2 score as a baseline", 2, True),
    ],
)
def test_scores_a_score_people_assigned_is_no_predictor(
    text: str, last: int, expected: bool
) -> None:
    units = us(text)
    kw = {"openers": OPENERS, "score_verbs": VERBS, "name_units": ()}
    assert used_as_predictor(units, last, last, [0] * len(units), **kw) is expected


def test_scores_a_reference_score_compared_is_no_model(nlp_rules: Language) -> None:
    # review15b: the score nurses recorded is the label the model's error is measured against
    text = (
        "Pain estimation from facial video with PainNet\n\n"
        "PainNet reached a mean absolute error of 1.2 versus the NRS score recorded by nurses."
    )
    assert not any(n.startswith("NRS") for n in model_names(nlp_rules, text))


def test_scores_a_statistical_index_compared_is_no_model(nlp_rules: Language) -> None:
    # review15b: the eponym of a similarity or statistical index names a measure
    text = (
        "Spatial clustering of lesions with ClusterNet\n\n"
        "ClusterNet outperformed the Tversky index, and reached 0.62 versus 0.48 for the Gini "
        "index."
    )
    found = model_names(nlp_rules, text)
    assert not any(n.startswith(("Tversky", "Gini")) for n in found)


def test_scores_a_compared_clinical_index_stays_a_model(nlp_rules: Language) -> None:
    text = (
        "Readmission with ReadmitNet\n\n"
        "ReadmitNet outperformed the Charlson index, reaching 0.74 versus 0.61 for the "
        "Elixhauser index."
    )
    found = model_names(nlp_rules, text)
    assert any(n.startswith("Elixhauser") for n in found)


def test_scores_two_scores_sharing_a_plural_head_are_no_models(nlp_entities: Language) -> None:
    text = (
        "We trained StrokeNet on CT perfusion maps. Admission NIHSS and ASPECTS scores were "
        "recorded but not used as inputs. StrokeNet reached an AUROC of 0.84."
    )
    found = model_names(nlp_entities, text)
    assert "StrokeNet" in found
    assert not found & {"NIHSS", "ASPECTS"}


def test_scores_a_model_that_scores_a_value_stays_a_model(nlp_entities: Language) -> None:
    text = (
        "We evaluated open models on a Dutch licensing examination. CareLM-8B scores 58.2% "
        "on average, and the larger NeoMed-70B scores 66.0%."
    )
    found = model_names(nlp_entities, text)
    assert {"CareLM-8B", "NeoMed-70B"} <= found
