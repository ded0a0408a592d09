"""The concept judges (``kg_typer``'s learned decision: is a task, modality or metric the
paper's own?)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import kg.nlp.extensions  # noqa: F401  (declares the ._ attributes)
from kg.nlp import build_nlp
from kg.nlp.components.concept_judge import (
    JUDGE_FILES,
    REJECTED_CONFIDENCE,
    JudgeModel,
    JudgeThresholds,
    bucket,
    concept_entities,
    concept_features,
    decide_concept,
    doc_concept_features,
    judge_context,
    load_judge_model,
    load_judges,
    mention_rule,
    read_own_work_cues,
)
from kg.statements import LINK_THRESHOLD

T = JudgeThresholds(reject=0.3, accept=0.7)
CUES = frozenset({"we", "our", "propose"})


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer", config={"punct_chars": [".", "\n\n"]})
    return pipeline


def _doc(nlp: Language, text: str, tasks: list[tuple[str, str, float, str]]) -> Doc:
    """A Doc with task spans (surface, key, confidence, extractor), each at its first match."""
    doc = nlp(text)
    spans = []
    for surface, key, conf, rule in tasks:
        start = doc.text.index(surface)
        span = doc.char_span(start, start + len(surface), label="task", kb_id=key)
        assert span is not None
        span._.kg_confidence = conf
        span._.kg_extractor = rule
        spans.append(span)
    doc.spans["kg_concepts"] = spans
    return doc


# -- decide_concept: each threshold at its boundary ----------------------------------------------


@pytest.mark.parametrize(("prob", "rejected"), [(0.29, True), (0.3, False), (0.9, False)])
def test_an_asserted_task_is_rejected_below_the_reject_threshold(
    prob: float, rejected: bool
) -> None:
    out = decide_concept(LINK_THRESHOLD, prob, T)
    assert (out is not None) == rejected
    if out is not None:
        assert out < LINK_THRESHOLD and out <= REJECTED_CONFIDENCE


@pytest.mark.parametrize(("prob", "accepted"), [(0.69, False), (0.7, True)])
def test_a_task_below_the_link_threshold_is_asserted_at_the_accept_threshold(
    prob: float, accepted: bool
) -> None:
    out = decide_concept(LINK_THRESHOLD - 0.05, prob, T)
    assert (out is not None and out >= LINK_THRESHOLD) == accepted


def test_an_accepted_task_never_drops_below_the_link_threshold() -> None:
    assert decide_concept(0.45, 0.4, JudgeThresholds(accept=0.35)) == LINK_THRESHOLD


def test_default_thresholds_override_nothing() -> None:
    t = JudgeThresholds()
    assert decide_concept(0.9, 0.0, t) is None
    assert decide_concept(0.45, 1.0, t) is None


# -- features ----------------------------------------------------------------------------------


def test_bucket_and_mention_rule() -> None:
    assert [bucket(n, 4) for n in (1, 3, 4, 7)] == ["1", "3", "4+", "4+"]
    assert mention_rule("vocab:alt+background+method") == ("alt", ["background", "method"])
    assert mention_rule("") == ("", [])


def test_task_context_skips_the_title_for_the_first_own_sentence(nlp: Language) -> None:
    text = "We segment scans\n\nSegmentation is hard. Our model segments."
    doc = nlp(text)
    ctx = judge_context(doc, text.index("\n\n"), CUES, 1)
    assert ctx.own == [True, False, True]
    assert ctx.first_own == 2  # the title's "We" does not count
    assert ctx.title_end_token == 3


def test_task_features_read_where_the_paper_names_the_task(nlp: Language) -> None:
    text = (
        "A title\n\nDiagnosis is hard in tasks like classification. "
        "We propose a model for tumor segmentation. It does segmentation well."
    )
    doc = _doc(
        nlp,
        text,
        [
            ("Diagnosis", "diagnosis", 0.9, "vocab:pref"),
            ("classification", "classification", 0.55, "pattern:compound_task+background"),
            ("tumor segmentation", "imagesegmentation", 0.8, "pattern:compound_task"),
        ],
    )
    feats = doc_concept_features(
        doc, text.index("\n\n"), CUES, frozenset({"diagnosis", "imagesegmentation"})
    )
    diagnosis = set(feats["diagnosis"][1])
    assert {"before_own", "never_own", "first_sent=0", "known=True", "key=diagnosis"} <= diagnosis
    assert "in_own_sent" not in diagnosis and "in_title" not in diagnosis
    example = set(feats["classification"][1])
    assert {"after_example_cue", "known=False", "tag=background", "rule=compound_task"} <= example
    assert not any(f.startswith("key=") for f in example)  # ad-hoc keys are not features
    own = set(feats["imagesegmentation"][1])
    assert {"in_own_sent", "first_sent=1", "ntok=2", "head=segmentation", "conf=mid"} <= own
    assert "before_own" not in own and "never_own" not in own


def test_task_features_see_a_variant_beside_its_task(nlp: Language) -> None:
    doc = _doc(nlp, "We study report generation and CT report generation.", [])
    span = Span(doc, 2, 4, label="task", kb_id="reportgeneration")
    longer = Span(doc, 5, 8, label="task", kb_id="ctreportgeneration")
    for s in (span, longer):
        s._.kg_confidence, s._.kg_extractor = 0.9, "vocab:pref"
    ctx = judge_context(doc, 0, CUES, 2)
    assert "inside_other" in concept_features([span], ctx, True, ["ct report generation"])
    assert "holds_other" in concept_features([longer], ctx, False, ["report generation"])
    alone = concept_features([span], ctx, True, [])
    assert "inside_other" not in alone and "holds_other" not in alone


def test_in_title_feature(nlp: Language) -> None:
    text = "Report generation\n\nWe generate reports."
    doc = _doc(nlp, text, [("Report generation", "reportgeneration", 0.95, "vocab:pref")])
    feats = doc_concept_features(doc, text.index("\n\n"), CUES, frozenset())
    assert "in_title" in feats["reportgeneration"][1]
    assert "never_own" not in feats["reportgeneration"][1]


def test_own_work_cues_are_the_task_rules_list() -> None:
    cues = read_own_work_cues()
    assert {"we", "our", "propose"} <= cues


# -- the model -----------------------------------------------------------------------------------


def test_task_model_json_round_trip(tmp_path: Path) -> None:
    model = JudgeModel({"in_title": 1.5, "never_own": -2.0}, -0.25, JudgeThresholds(0.2, 0.8))
    assert model.predict(["in_title"]) > 0.5 > model.predict(["never_own"])
    path = tmp_path / "tasks.json"

    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    again = load_judge_model(path)
    assert again == model
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match=r"tasks\.json"):
        load_judge_model(path)


# -- the component -------------------------------------------------------------------------------


def test_kg_typer_demotes_a_task_the_judge_rejects() -> None:
    """A background task the judge gives a low probability becomes a mention of extractor
    ``kg_typer:task:<rule>``; a task it trusts keeps the rules' confidence."""
    nlp = build_nlp()
    typer = nlp.get_pipe("kg_typer")
    text = "A title\n\nWe propose a model for image segmentation. Diagnosis matters too."
    rules_doc = build_nlp(use_ner=False)(text)
    rules = {s.kb_id_: s for s in rules_doc.spans["kg_concepts"]}
    assert rules["diagnosis"]._.kg_confidence >= LINK_THRESHOLD  # the rules assert it
    typer.judges = {
        "task": JudgeModel({"never_own": -5.0}, 1.0, JudgeThresholds(reject=0.5, accept=1.01))
    }
    doc = nlp(text)
    tasks = {s.kb_id_: s for s in doc.spans["kg_concepts"] if s.label_ == "task"}
    assert tasks["diagnosis"]._.kg_confidence < LINK_THRESHOLD
    assert str(tasks["diagnosis"]._.kg_extractor).startswith("kg_typer:task:")
    assert tasks["imagesegmentation"]._.kg_confidence >= LINK_THRESHOLD
    assert not str(tasks["imagesegmentation"]._.kg_extractor).startswith("kg_typer")


def test_kg_typer_asserts_a_task_the_judge_accepts() -> None:
    nlp = build_nlp()
    typer = nlp.get_pipe("kg_typer")
    typer.judges = {"task": JudgeModel({}, 5.0, JudgeThresholds(reject=0.0, accept=0.9))}
    doc = nlp("A title\n\nDiagnosis is critical. We propose a model for image segmentation.")
    tasks = {s.kb_id_: s for s in doc.spans["kg_concepts"] if s.label_ == "task"}
    assert tasks["diagnosis"]._.kg_confidence >= LINK_THRESHOLD
    assert str(tasks["diagnosis"]._.kg_extractor).startswith("kg_typer:task:")


def test_the_rules_only_pipeline_has_no_concept_judge() -> None:
    doc = build_nlp(use_ner=False)("A title\n\nDiagnosis is critical. We segment images.")
    assert not any(str(s._.kg_extractor).startswith("kg_typer") for s in doc.spans["kg_concepts"])


def test_a_modality_judge_decides_modalities_only() -> None:
    """A judge acts on the entities of its own type: a modality judge that rejects everything
    demotes the modality (extractor ``kg_typer:modality:<rule>``) and leaves the task, whose
    type has no active judge, as the rules made it."""
    nlp = build_nlp()
    typer = nlp.get_pipe("kg_typer")
    reject_all = JudgeModel({}, -5.0, JudgeThresholds(reject=0.5, accept=1.01))
    typer.judges = {"modality": reject_all}
    doc = nlp("A title\n\nWe propose a model for image segmentation of CT scans.")
    spans = {(s.label_, s.kb_id_): s for s in doc.spans["kg_concepts"]}
    assert spans[("modality", "ct")]._.kg_confidence < LINK_THRESHOLD
    assert str(spans[("modality", "ct")]._.kg_extractor).startswith("kg_typer:modality:")
    task = spans[("task", "imagesegmentation")]
    assert task._.kg_confidence >= LINK_THRESHOLD
    assert not str(task._.kg_extractor).startswith("kg_typer")


def test_concept_features_read_the_type_asked_for() -> None:
    nlp = build_nlp(use_ner=False)
    text = "A title\n\nWe propose a model for image segmentation of CT scans."
    doc = nlp(text)
    end = text.index("\n\n")
    assert set(doc_concept_features(doc, end, CUES, frozenset(), "modality")) == {"ct"}
    assert set(doc_concept_features(doc, end, CUES, frozenset())) == {"imagesegmentation"}


def test_load_judges_reads_the_files_present(tmp_path: Path) -> None:
    (tmp_path / JUDGE_FILES["metric"]).write_text(
        json.dumps(JudgeModel({"in_title": 1.0}, 0.0).to_json()), encoding="utf-8"
    )
    assert set(load_judges(tmp_path)) == {"metric"}
    (tmp_path / JUDGE_FILES["task"]).write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match=r"tasks\.json"):
        load_judges(tmp_path)


def test_judge_model_predict_is_the_logistic_of_the_summed_weights() -> None:
    model = JudgeModel({"a": 2.0, "b": -1.0}, 0.5)
    # each feature counts once, however often a span repeats it
    assert model.predict(["a", "b", "a"]) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert model.predict([]) == pytest.approx(1 / (1 + math.exp(-0.5)))
    # far below zero the probability is 0 (no overflow), just above that bound it is tiny
    assert JudgeModel({}, -30.0).predict([]) == 0.0
    assert 0.0 < JudgeModel({}, -29.0).predict([]) < 1e-12


def test_decide_concept_rounds_its_confidence_to_three_places() -> None:
    t = JudgeThresholds(reject=0.3, accept=0.7)
    assert decide_concept(0.9, 0.12345, t) == 0.123
    assert decide_concept(0.4, 0.98765, t) == 0.988


@pytest.mark.parametrize(
    ("confidence", "band"),
    [(0.85, "conf=hi"), (0.849, "conf=mid"), (LINK_THRESHOLD, "conf=mid"), (0.499, "conf=lo")],
)
def test_confidence_band_features(nlp: Language, confidence: float, band: str) -> None:
    doc = _doc(nlp, "We study report generation.", [])
    span = Span(doc, 2, 4, label="task", kb_id="reportgeneration")
    span._.kg_confidence, span._.kg_extractor = confidence, "vocab:pref"
    feats = concept_features([span], judge_context(doc, 0, CUES, 1), True, [])
    assert band in feats
    assert len([f for f in feats if f.startswith("conf=")]) == 1


def test_in_title_ends_before_the_first_token_of_the_abstract(nlp: Language) -> None:
    text = "Report generation\n\nSegmentation is studied."
    doc = _doc(nlp, text, [])
    ctx = judge_context(doc, text.index("\n\n"), CUES, 2)
    last_title = Span(doc, ctx.title_end_token - 1, ctx.title_end_token, label="task", kb_id="a")
    first_body = Span(doc, ctx.title_end_token, ctx.title_end_token + 1, label="task", kb_id="b")
    for s in (last_title, first_body):
        s._.kg_confidence, s._.kg_extractor = 0.9, "vocab:pref"
    assert "in_title" in concept_features([last_title], ctx, False, [])
    assert "in_title" not in concept_features([first_body], ctx, False, [])


def test_concept_entities_leave_out_tasks_implied_by_a_benchmark() -> None:
    # kg_implied_tasks runs after the judges: its spans are not judge candidates
    doc = spacy.blank("en")("We evaluate on MedQA and segment the liver .")
    written = Span(doc, 7, 8, label="task", kb_id="imagesegmentation")
    implied = Span(doc, 3, 5, label="task", kb_id="questionanswering")
    implied._.kg_extractor = "implied:medqa"
    doc.spans["kg_concepts"] = [implied, written]
    assert list(concept_entities(doc, "task")) == ["imagesegmentation"]
