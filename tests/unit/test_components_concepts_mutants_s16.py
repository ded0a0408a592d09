"""Concepts, session 16: tests written for the mutants of mutmut 3.8.1's operators that the
suite let live in the session's concept decisions (a named system as a verb's subject, a
title opening on a gerund, a verb form taking its own object, a word later in the title).
Direct calls on short blank-pipeline Docs, each at the bound the mutant moves
(docs/mutation.md, session 16 run)."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.components.concept_matching import (
    OWN_VERB_RULE,
    ConceptMatch,
    defined_measure_matches,
    later_in_title,
    named_subject_before,
    opens_title_as_gerund,
    own_object_end,
    takes_object_then,
)
from kg.nlp.components.concepts import (
    merge_verb_restatements,
    system_noun_gives_way,
    talks_about_images,
)
from kg.statements import LINK_THRESHOLD

_NLP = spacy.blank("en")
_IN = frozenset({"in"})
_FOR = frozenset({"for"})


def test_named_subject_needs_the_s_form() -> None:
    assert not named_subject_before(_NLP("EchoBank estimate it"), 1)
    assert named_subject_before(_NLP("EchoBank estimates it"), 1)


def test_named_subject_needs_an_opening_capital() -> None:
    assert not named_subject_before(_NLP("echoBank estimates it"), 1)


def test_named_subject_needs_an_inner_capital() -> None:
    assert not named_subject_before(_NLP("Echobank estimates it"), 1)


def test_named_subject_must_be_system_shaped() -> None:
    # since review16c the subject passes name_shaped: a stem of three letters or more before
    # the inner capital; a two-letter stem reads like a code, not the paper's system
    assert named_subject_before(_NLP("CardioNet classifies scans"), 1)
    assert not named_subject_before(_NLP("DNet classifies scans"), 1)


def test_gerund_title_of_two_words() -> None:
    assert opens_title_as_gerund(_NLP("Learning representations"), 0)


def test_gerund_title_before_a_colon() -> None:
    assert opens_title_as_gerund(_NLP("Learning representations: a study"), 0)


def test_object_must_be_a_word() -> None:
    assert not takes_object_then(_NLP("grounding 3D regions in scans"), 1, _IN)


def test_form_at_the_end_of_the_doc() -> None:
    assert not takes_object_then(_NLP("report grounding"), 2, _IN)


def test_word_past_the_reach_is_not_read() -> None:
    doc = _NLP("grounding report generation of the chest radiograph in regions")
    assert not takes_object_then(doc, 1, _IN)
    doc = _NLP("grounding report generation of the chest in regions")
    assert takes_object_then(doc, 1, _IN)


def test_punctuation_ends_the_object() -> None:
    assert not takes_object_then(_NLP("grounding step , then a check in"), 1, _IN)


def test_line_break_ends_the_object() -> None:
    assert not takes_object_then(_NLP("grounding reports\nin regions"), 1, _IN)


def test_no_word_after_the_object() -> None:
    assert not takes_object_then(_NLP("grounding report generation here"), 1, _IN)


def test_title_ends_at_its_line_break() -> None:
    doc = _NLP("Medical Reasoning Models\n\nWe test them for QA.")
    assert not later_in_title(doc, 2, _FOR)


def test_title_without_the_word() -> None:
    assert not later_in_title(_NLP("Medical Reasoning Models"), 2, _FOR)


def test_object_end_reads_no_word_before_the_object() -> None:
    words = ["we", "directly", "estimate", "ejection", "fraction", "from", "clips"]
    assert own_object_end(words, 3, 5) == 5


def test_object_end_keeps_an_ly_word_opening_the_object() -> None:
    assert own_object_end(["estimate", "early", "mortality"], 1, 3) == 3


def test_object_end_at_an_adverb_right_after_one_word() -> None:
    assert own_object_end(["estimate", "volume", "directly", "from"], 1, 3) == 2


def test_own_verb_object_naming_a_setting_is_no_task(nlp: Language) -> None:
    doc = nlp("We screen mammography in a regional programme.")
    tasks = {s.kb_id_ for s in doc.spans["kg_concepts"] if s.label_ == "task"}
    assert not any(k.endswith("screening") for k in tasks), tasks


def _defined_doc() -> tuple[Doc, Span]:
    """'the pair error rate ( PER ) ; a PER of 2 % ; PER' with PER defined by scispaCy's
    extensions set by hand."""
    if not Span.has_extension("long_form"):
        Span.set_extension("long_form", default=None)
    if not Doc.has_extension("abbreviations"):
        Doc.set_extension("abbreviations", default=[])
    d = _NLP("the pair error rate ( PER ) ; a PER of 2 % ; PER")
    short = d[5:6]
    short._.long_form = d[1:4]
    d._.abbreviations = [short]
    return d, short


def test_defined_measure_needs_a_form_rule() -> None:
    d, _short = _defined_doc()
    m = ConceptMatch(1, 4, "metric", "pairerrorrate", 0.6, "pattern:metric_measure_head")
    assert [x.start for x in defined_measure_matches(d, [m])] == [9, 14]
    m = ConceptMatch(1, 4, "metric", "pairerrorrate", 0.6, "vocab:label")
    assert defined_measure_matches(d, [m]) == []


def test_defined_measure_short_form_without_long_form() -> None:
    d, short = _defined_doc()
    short._.long_form = None
    m = ConceptMatch(1, 4, "metric", "pairerrorrate", 0.6, "pattern:metric_measure_head")
    assert defined_measure_matches(d, [m]) == []


_HEADS = {
    "objectdetection": "detection",
    "hallucinationdetection": "detection",
    "diagnosis": "diagnosis",
}


def test_system_noun_task_found_by_exactly_the_gate_rules_gives_way() -> None:
    m = [
        ConceptMatch(0, 1, "task", "objectdetection", 0.75, "gate:d"),
        ConceptMatch(4, 6, "task", "hallucinationdetection", 0.9, "v"),
    ]
    out = system_noun_gives_way(m, frozenset({"gate:d"}), _HEADS)
    assert [x.key for x in out] == ["hallucinationdetection", "hallucinationdetection"]


def test_system_noun_task_without_another_task_of_its_head_is_unchanged() -> None:
    m = [
        ConceptMatch(0, 1, "task", "objectdetection", 0.75, "gate:d"),
        ConceptMatch(4, 5, "task", "diagnosis", 0.9, "v"),
    ]
    assert system_noun_gives_way(m, frozenset({"gate:d"}), _HEADS) == m


def test_defined_measure_matches_whole_and_long_form_of_no_measure() -> None:
    d, _short = _defined_doc()
    rule = "pattern:metric_measure_head"
    m = ConceptMatch(1, 4, "metric", "pairerrorrate", 0.6, rule)
    assert defined_measure_matches(d, [m]) == [
        ConceptMatch(9, 10, "metric", "pairerrorrate", 0.6, rule),
        ConceptMatch(14, 15, "metric", "pairerrorrate", 0.6, rule),
    ]
    other = ConceptMatch(1, 3, "metric", "pairerror", 0.6, "pattern:metric_error_phrase")
    assert defined_measure_matches(d, [other]) == []


def test_defined_measure_after_a_short_form_of_no_measure() -> None:
    if not Span.has_extension("long_form"):
        Span.set_extension("long_form", default=None)
    if not Doc.has_extension("abbreviations"):
        Doc.set_extension("abbreviations", default=[])
    d = _NLP("the left ventricle ( LV ) ; the pair error rate ( PER ) ; PER in the LV")
    lv, per = d[4:5], d[12:13]
    lv._.long_form, per._.long_form = d[1:3], d[8:11]
    d._.abbreviations = [lv, per]
    m = ConceptMatch(8, 11, "metric", "pairerrorrate", 0.6, "pattern:metric_measure_head")
    assert [x.start for x in defined_measure_matches(d, [m])] == [15]


# merge_verb_restatements -------------------------------------------------------------------


def _task(start: int, key: str, rule: str) -> ConceptMatch:
    return ConceptMatch(start, start + 2, "task", key, 0.55, rule)


def test_merge_returns_the_same_list_without_own_verb_task() -> None:
    m = [_task(0, "mutationprediction", "pattern:compound_task")]
    assert merge_verb_restatements(m, ["prediction"], confidence=0.45) is m


def test_merge_takes_the_longest_head_first() -> None:
    m = [
        _task(0, "mutationprediction", "pattern:compound_task"),
        _task(3, "severeadverseprediction", "pattern:compound_task"),
        _task(6, "drugadverseprediction", OWN_VERB_RULE),
    ]
    out = merge_verb_restatements(m, ["prediction", "adverse prediction"], confidence=0.45)
    assert out[2] == ConceptMatch(
        6, 8, "task", "severeadverseprediction", 0.55, OWN_VERB_RULE + "+variant"
    )


def test_merge_reads_own_verb_rules_with_a_tag() -> None:
    m = [
        _task(0, "mutationprediction", "pattern:compound_task"),
        _task(3, "egfrmutationprediction", OWN_VERB_RULE),
        _task(6, "krasmutationprediction", OWN_VERB_RULE + "+hedged"),
        ConceptMatch(9, 10, "metric", "calibrationprediction", 0.9, "v"),
    ]
    out = merge_verb_restatements(m, ["prediction"], confidence=0.45)
    assert out == [
        m[0],
        ConceptMatch(3, 5, "task", "mutationprediction", 0.55, OWN_VERB_RULE + "+variant"),
        ConceptMatch(6, 8, "task", "mutationprediction", 0.55, OWN_VERB_RULE + "+hedged+variant"),
        m[3],
    ]


def test_merge_needs_the_same_head_and_caps_beside_several() -> None:
    m = [
        _task(0, "mutationprediction", "pattern:compound_task"),
        _task(3, "lesionsegmentation", "pattern:compound_task"),
        _task(6, "egfrmutationprediction", OWN_VERB_RULE),
        _task(9, "tumourcounting", OWN_VERB_RULE),
    ]
    out = merge_verb_restatements(m, ["prediction", "segmentation"], confidence=0.45)
    assert out[2].key == "mutationprediction" and out[3] == m[3]
    m.append(_task(12, "riskprediction", "pattern:compound_task"))
    out = merge_verb_restatements(m, ["prediction"], confidence=0.45)
    assert out[2] == ConceptMatch(
        6, 8, "task", "egfrmutationprediction", 0.45, OWN_VERB_RULE + "+restated"
    )


# talks_about_images ------------------------------------------------------------------------


def test_talks_about_images_only_for_an_image_modality_at_the_threshold() -> None:
    v, keys = frozenset({"medicaldialogue"}), frozenset({"histopathology"})
    at = ConceptMatch(0, 1, "modality", "histopathology", LINK_THRESHOLD, "v")
    assert talks_about_images("medicaldialogue", [at], v, keys)
    text = ConceptMatch(0, 1, "modality", "clinicalnotes", 0.9, "v")
    assert not talks_about_images("medicaldialogue", [text], v, keys)
    task = ConceptMatch(0, 1, "task", "histopathology", 0.9, "v")
    assert not talks_about_images("medicaldialogue", [task], v, keys)
