"""The ``kg_typer`` component: the learned dataset / model / none decision over candidates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import kg.nlp
from kg.nlp.components.span_typer import (
    REJECTED_CONFIDENCE,
    Cues,
    Decision,
    DocView,
    Thresholds,
    TyperModel,
    context_features,
    cue_features,
    decide,
    load_typer,
    morphology_features,
    name_features,
    open_entities,
    open_spans,
    propose,
    read_cues,
    rule_features,
    title_end,
)
from kg.statements import LINK_THRESHOLD

T = Thresholds(reject=0.7, flip=0.8, accept=0.6, propose=0.75)


def probs(dataset: float, model: float) -> dict[str, float]:
    return {"dataset": dataset, "model": model, "none": round(1.0 - dataset - model, 6)}


# -- decide: each threshold at its boundary ---------------------------------------------------


@pytest.mark.parametrize(
    ("p_none", "rejected"),
    [(0.7, True), (0.69, False), (0.95, True)],
)
def test_decide_rejects_a_rule_name_at_the_none_threshold(p_none: float, rejected: bool) -> None:
    d = decide("model", 0.9, "name_shape", probs(0.0, round(1 - p_none, 6)), T)
    if rejected:
        assert d.confidence is not None and d.confidence <= REJECTED_CONFIDENCE < LINK_THRESHOLD
        assert d.extractor == "kg_typer:name_shape" and d.entity_type == "model"
    else:
        assert d == Decision("model", None, None)


@pytest.mark.parametrize(("p_other", "flipped"), [(0.8, True), (0.79, False)])
def test_decide_flips_the_type_at_the_flip_threshold(p_other: float, flipped: bool) -> None:
    d = decide("model", 0.9, "name_shape", probs(p_other, round(1 - p_other, 6)), T)
    assert (d.entity_type == "dataset") is flipped
    if flipped:
        assert d.confidence == 0.8 and d.extractor == "kg_typer:name_shape"


def test_decide_keeps_the_rules_type_when_the_same_type_is_likely() -> None:
    assert decide("dataset", 0.9, "known_entity", probs(0.9, 0.05), T) == Decision(
        "dataset", None, None
    )


@pytest.mark.parametrize(("p", "asserted"), [(0.75, True), (0.74, False)])
def test_decide_asserts_an_ner_name_at_the_propose_threshold(p: float, asserted: bool) -> None:
    d = decide("model", 0.4, "ner_cap", probs(round(1 - p - 0.1, 6), p), T)
    assert d.extractor == "kg_ner:ner_cap"
    assert d.confidence is not None and (d.confidence >= LINK_THRESHOLD) is asserted
    assert d.entity_type == "model"


def test_decide_lets_the_classifier_type_an_ner_name() -> None:
    d = decide("model", 0.5, "ner", probs(0.9, 0.05), T)
    assert d == Decision("dataset", 0.9, "kg_ner:ner")


@pytest.mark.parametrize(("p", "lifted"), [(0.6, True), (0.59, False)])
def test_decide_lifts_a_low_confidence_rule_name_at_the_accept_threshold(
    p: float, lifted: bool
) -> None:
    d = decide("model", 0.45, "name_shape", probs(0.0, p), T)
    assert d == (
        Decision("model", p, "kg_typer:name_shape") if lifted else Decision("model", None, None)
    )


@pytest.mark.parametrize(("p", "proposed"), [(0.75, "dataset"), (0.74, None)])
def test_propose_an_open_span_at_its_threshold(p: float, proposed: str | None) -> None:
    assert propose(probs(p, 0.0), T) == proposed


def test_open_spans_are_runs_of_name_like_words_outside_other_spans() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("We test Linear Recurrent Unit on Corvida and eICU. The MRI data. A B")
    got = [doc[s:e].text for s, e in open_spans(doc, blocked={11})]  # token 11: "MRI"
    assert got == ["Linear Recurrent Unit", "Corvida", "eICU"]
    # a run stops at a sentence start and at max_len
    doc = nlp("Alpha Beta Gamma Delta.")
    assert [doc[s:e].text for s, e in open_spans(doc, set(), max_len=2)] == [
        "Alpha Beta",
        "Gamma Delta",
    ]


def test_open_spans_read_from_a_doc_view_match_the_doc() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("We test Linear Recurrent Unit on Corvida and eICU. The MRI data. A B")
    view = DocView(doc)
    assert open_spans(doc, {11}, view=view) == open_spans(doc, {11})
    assert [view.span_text(doc[s:e]) for s, e in open_spans(doc, set(), view=view)] == [
        doc[s:e].text for s, e in open_spans(doc, set())
    ]


def test_doc_view_finds_the_first_token_after_a_character() -> None:
    doc = spacy.blank("en")("A Title\n\nWe compare ViT.")
    view = DocView(doc)
    assert doc[view.first_token_from(doc.text.index("We"))].text == "We"
    assert doc[view.first_token_from(doc.text.index("We") - 1)].text == "We"  # mid-space
    assert doc[view.first_token_from(doc.text.index("\n"))].text == "\n\n"
    assert view.first_token_from(len(doc.text) + 5) == len(doc)


def test_open_entities_leave_curated_names_to_the_rules() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("A Title\n\nWe compare ViT with Zorblax and ViT2. Zorblax wins over Quentor.")
    keys = set(open_entities(doc, title_end(doc), lambda text: text == "ViT"))
    # not "vit" (the curated Vision Transformer's form), nor "quentor": a plain capitalised
    # word seen once is not judged
    assert keys == {"zorblax", "vit2"}
    assert "vit" in open_entities(doc, title_end(doc))
    assert "title" not in open_entities(doc, title_end(doc))  # the title's words are not looked at


# -- the model: prediction and file -----------------------------------------------------------


def test_typer_model_softmax_and_json_round_trip(tmp_path: Path) -> None:
    model = TyperModel(
        {"r1=dataset": (3.0, 0.0, 0.0), "r1=score": (0.0, 0.0, 3.0)}, (0.0, 0.5, 0.0), T
    )
    p = model.predict(["r1=dataset", "unknown feature"])
    assert max(p, key=p.get) == "dataset" and abs(sum(p.values()) - 1.0) < 1e-9
    assert max(model.predict(["r1=score"]).items(), key=lambda kv: kv[1])[0] == "none"
    path = tmp_path / "typer.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    again = load_typer(path)
    assert again.thresholds == T and again.predict(["r1=dataset"]) == pytest.approx(p)


@pytest.mark.parametrize(
    "content", ["not json", '{"classes": ["a", "b"], "bias": [], "weights": {}}', "{}"]
)
def test_load_typer_names_the_bad_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "typer.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"typer\.json"):
        load_typer(path)


# -- features ------------------------------------------------------------------------------


def test_name_features_describe_spelling() -> None:
    feats = name_features("MIMIC-CXR dataset")
    assert {"has_hyphen", "head=dataset", "ntok=2", "last=dataset"} <= set(feats)
    assert "all_caps" in name_features("MIMIC-CXR") and "all_caps" not in feats
    assert "inner_cap" in name_features("CheXpert") and "has_digit" in name_features("GPT-4")


def test_context_features_stay_in_the_sentence() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("It works. We train on Foo dataset today. Next one.")
    span = doc[6:7]  # "Foo"
    assert span.text == "Foo"
    feats = set(context_features(span, title_end_char=0))
    assert {"l1=on", "l2=train", "r1=dataset", "r2=today", "l21=train_on"} <= feats
    assert not any(f.endswith(("=works", "=next")) for f in feats)
    assert "in_title" in context_features(span, title_end_char=len(doc.text))


CUES = Cues(
    data_heads=frozenset({"dataset", "benchmark"}),
    model_heads=frozenset({"model"}),
    metric_heads=frozenset({"score"}),
    eval_words=frozenset({"evaluated", "on"}),
    use_words=frozenset({"than"}),
    list_joiners=frozenset({",", "and"}),
)


@pytest.mark.parametrize(
    ("left", "right", "sentence", "expected"),
    [
        (["evaluated", "on"], ["dataset"], set(), {"cue_r_data", "cue_prep_on", "cue_eval"}),
        # a head two words on counts, three words on does not
        (["we", "use"], ["the", "model"], set(), {"cue_r_model"}),
        (["we", "use"], ["a", "b", "model"], set(), set()),
        (["better", "than"], [], {"sw=score"}, {"cue_use", "cue_s_metric"}),
        (["the", "benchmark"], [], set(), {"cue_l_data"}),
        (["data", "from"], [], set(), {"cue_prep_from"}),
    ],
)
def test_cue_features(
    left: list[str], right: list[str], sentence: set[str], expected: set[str]
) -> None:
    assert set(cue_features(left, right, sentence, CUES)) == expected


def test_the_shipped_cue_lists_are_read() -> None:
    cues = read_cues()
    assert "benchmark" in cues.data_heads and "model" in cues.model_heads
    assert "," in cues.list_joiners and "on" in cues.eval_words
    # the rules' morphology, read from datasets.jsonl and models.jsonl
    assert "qa" in cues.dataset_suffixes and "net" in cues.model_affixes
    assert "score" in cues.metric_suffixes


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("chexbench", ["morph_dataset"]),
        ("biogpt", ["morph_model"]),
        ("bartscore", ["morph_metric"]),
        ("gptscore", ["morph_model", "morph_metric"]),
        ("qa-mamba", []),  # a suffix counts at the end only
    ],
)
def test_morphology_features(name: str, expected: list[str]) -> None:
    cues = Cues(
        dataset_suffixes=("bench", "qa"), model_affixes=("gpt",), metric_suffixes=("score",)
    )
    assert morphology_features(name, cues) == expected


def test_name_features_carry_the_morphology() -> None:
    assert "morph_dataset" in name_features("MedQA")
    assert "morph_dataset" not in name_features("Mamba")


def _doc_with_names(text: str, typed: dict[str, tuple[str, float]]) -> Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    groups: dict[str, list[Span]] = {"kg_datasets": [], "kg_models": []}
    for i, token in enumerate(doc):
        if token.text in typed:
            label, conf = typed[token.text]
            span = Span(doc, i, i + 1, label=label)
            span._.kg_confidence = conf
            groups["kg_datasets" if label == "dataset" else "kg_models"].append(span)
    for key, spans in groups.items():
        doc.spans[key] = spans
    return doc


def test_list_mates_read_the_asserted_names_of_a_list() -> None:
    doc = _doc_with_names(
        "We test on MedQA , Foo and PubMedQA with GPT-4 .",
        {"MedQA": ("dataset", 0.9), "PubMedQA": ("dataset", 0.9), "GPT-4": ("model", 0.9)},
    )
    view = DocView(doc)
    assert view.list_mates(5, 6, CUES.list_joiners) == ["mate=dataset", "mate=dataset"]
    # "with" joins no list: PubMedQA's mate is Foo's neighbour, GPT-4 has none
    assert view.list_mates(9, 10, CUES.list_joiners) == []


def test_list_mates_ignore_names_below_the_link_threshold() -> None:
    doc = _doc_with_names("We test on MedQA , Foo .", {"MedQA": ("dataset", LINK_THRESHOLD - 0.01)})
    assert DocView(doc).list_mates(5, 6, CUES.list_joiners) == []
    doc = _doc_with_names("We test on MedQA , Foo .", {"MedQA": ("dataset", LINK_THRESHOLD)})
    assert DocView(doc).list_mates(5, 6, CUES.list_joiners) == ["mate=dataset"]


def test_context_features_carry_cues_and_list_mates() -> None:
    doc = _doc_with_names("We evaluated on MedQA and Foo .", {"MedQA": ("dataset", 0.9)})
    feats = set(context_features(doc[5:6], title_end_char=0, cues=CUES))
    assert {"cue_eval", "mate=dataset"} <= feats


# -- the component ---------------------------------------------------------------------------


def _nlp_with(model: TyperModel | None) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n\n"]})
    nlp.add_pipe("abbreviation_detector")
    nlp.add_pipe("kg_entities")
    nlp.add_pipe("kg_typer", config={"model": "/nonexistent"})
    patterns = kg.nlp.read_patterns(["datasets", "models", "not_models", "not_names", "roles"])
    nlp.get_pipe("kg_entities").initialize(nlp=nlp, patterns=patterns)
    nlp.get_pipe("kg_typer").model = model  # type: ignore[attr-defined]
    return nlp


# "Brier-7 scores 0.12" reads as a verb to the rules (a model scoring); plural "Brier-7 scores"
# without a value is score-like to the rules already (branch names17)
TEXT = "We evaluate ZetaNet-3 on the KorvaQA benchmark, and Brier-7 scores 0.12 on it."


def _spans(nlp: Language) -> dict[str, tuple[str, float, str]]:
    doc = nlp(TEXT)
    return {
        s.text: (s.label_, round(float(s._.kg_confidence), 3), str(s._.kg_extractor))
        for key in ("kg_datasets", "kg_models")
        for s in doc.spans[key]
    }


def test_typer_without_a_model_changes_nothing() -> None:
    base = _spans(_nlp_with(None))
    assert {"ZetaNet-3", "Brier-7"} <= set(base)
    assert all(ex.startswith("kg_entities:") for _, _, ex in base.values())


def test_typer_rejects_flips_and_keeps_by_context() -> None:
    base = _spans(_nlp_with(None))
    # "scores" after a name says metric ("none"); "evaluate" before one says model
    model = TyperModel(
        {
            "r1=scores": (0.0, 0.0, 6.0),
            "l1=evaluate": (0.0, 6.0, 0.0),
            "r1=benchmark": (6.0, 0.0, 0.0),
        },
        (0.0, 0.0, 0.0),
        T,
    )
    out = _spans(_nlp_with(model))
    _label, conf, extractor = out["Brier-7"]
    assert conf < LINK_THRESHOLD and extractor.startswith("kg_typer:")
    assert out["ZetaNet-3"][0] == "model"
    assert out["ZetaNet-3"][1:] == base["ZetaNet-3"][1:]  # sure of the rules' own type: untouched
    korva = next(k for k in out if k.startswith("KorvaQA"))
    assert out[korva][0] == "dataset"


def test_doc_view_sentence_bounds_and_words() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    view = DocView(nlp("We train Foo. It beats Bar on MedQA."))
    assert [view.bounds(i) for i in (0, 3, 4, 9)] == [(0, 4), (0, 4), (4, 10), (4, 10)]
    assert view.sentence_words(6) == ["sw=beats", "sw=on"]
    # without sentence boundaries the whole Doc is one sentence
    assert DocView(spacy.blank("en")("We train Foo. It beats Bar.")).bounds(5) == (0, 8)


def test_rule_features_name_the_rule_and_its_type() -> None:
    doc = spacy.blank("en")("the Upland Heart Disease datasets")
    span = Span(doc, 1, 4, label="DATASET")
    span._.kg_extractor = "kg_entities:long_name_before_data_head"
    feats = rule_features(span)
    # each rule id is its own feature: the long-name rule is not the one-word rule
    assert "rule=long_name_before_data_head" in feats
    assert "rule_type=long_name_before_data_head_DATASET" in feats
    assert "rule=name_before_data_head" not in feats
