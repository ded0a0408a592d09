"""kg_concepts, issue 15: tests written for the mutants left alive in the task and modality
decisions added in session 13 (``kg/nlp/components/concepts.py`` and ``concept_matching.py``:
free image kinds, compared modalities, the compound rule's kept words, measures named by
their modifier).

Each test holds one decision at its exact boundary (a confidence at the link threshold, the
first word of the text, the tag a demotion leaves on the rule), mostly by a direct call on
hand-made matches, so that the mutant that moved it fails.
"""

from __future__ import annotations

import spacy
from concept_helpers import confidences
from spacy.language import Language

import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
from kg.nlp import read_patterns
from kg.nlp.components.concept_matching import extend_left, score_named_by_modifier
from kg.nlp.components.concepts import (
    CONCEPT_PATTERN_FILES,
    ConceptMatch,
    demote_compared,
    demote_free_image_kinds,
    follows_cue,
)
from kg.statements import LINK_THRESHOLD


def test_a_vocabulary_image_modality_at_the_link_threshold_demotes_free_kinds() -> None:
    kind = ConceptMatch(3, 5, "modality", "wardimage", 0.55, "pattern:kind")
    at = ConceptMatch(0, 1, "modality", "mri", LINK_THRESHOLD, "vocab:pref")
    out = demote_free_image_kinds(
        [at, kind], frozenset({"mri"}), rule="pattern:kind", confidence=0.4
    )
    assert [m.confidence for m in out] == [LINK_THRESHOLD, 0.4]


def test_a_demoted_free_kind_carries_the_same_data_tag() -> None:
    mri = ConceptMatch(0, 1, "modality", "mri", 0.9, "vocab:pref")
    kind = ConceptMatch(3, 5, "modality", "wardimage", 0.55, "pattern:kind")
    out = demote_free_image_kinds(
        [mri, kind], frozenset({"mri"}), rule="pattern:kind", confidence=0.4
    )
    assert out[1].rule == "pattern:kind+same_data"


def test_a_free_kind_already_tagged_is_still_read_by_its_first_rule() -> None:
    # a rule with marks after "+" (a roll-up, an earlier demotion) is the same rule
    mri = ConceptMatch(0, 1, "modality", "mri", 0.9, "vocab:pref")
    kind = ConceptMatch(3, 5, "modality", "wardimage", 0.55, "pattern:kind+rollup")
    out = demote_free_image_kinds(
        [mri, kind], frozenset({"mri"}), rule="pattern:kind", confidence=0.4
    )
    assert (out[1].confidence, out[1].rule) == (0.4, "pattern:kind+rollup+same_data")


def test_a_compared_modality_carries_the_compared_tag() -> None:
    words = ["sharper", "than", "radiographs"]
    m = ConceptMatch(2, 3, "modality", "xray", 0.85, "vocab:alt")
    out = demote_compared([m], words, cues=frozenset({"than"}), confidence=0.4)
    assert (out[0].confidence, out[0].rule) == (0.4, "vocab:alt+compared")


def test_demote_compared_reads_a_cue_that_opens_the_text() -> None:
    m = ConceptMatch(1, 2, "modality", "xray", 0.85, "v")
    out = demote_compared([m], ["than", "radiographs"], cues=frozenset({"than"}), confidence=0.4)
    assert out[0].confidence == 0.4


def test_follows_cue_never_wraps_round_to_the_last_word() -> None:
    # near the start of the text the window ends at the first word; the cue that ends the
    # text is not "before" the mention
    words = ["the", "scans", "were", "clearer", "than"]
    assert not follows_cue(words, 1, frozenset({"than"}), 3)
    assert not follows_cue(words, 2, frozenset({"than"}), 3)
    assert follows_cue(["than", "scans"], 1, frozenset({"than"}), 3)


def fresh_concepts() -> Language:
    """A ``kg_concepts`` pipeline built in the test itself (what its matcher reads from the
    word lists is read at construction)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n\n"]})
    nlp.add_pipe("kg_concepts").initialize(nlp=nlp, patterns=read_patterns(CONCEPT_PATTERN_FILES))
    return nlp


def test_a_fresh_matcher_reads_the_comparison_cues() -> None:
    nlp = fresh_concepts()
    text = "Bone age\n\nWe estimate bone age from CT, which shows more than a radiograph."
    assert confidences(nlp, text, "modality").get("xray", 0.0) < LINK_THRESHOLD


def test_score_named_by_modifier_plural_and_shape() -> None:
    assert score_named_by_modifier(["MEDCON", "scores"])
    assert score_named_by_modifier(["faithfulness", "Scores"])
    assert not score_named_by_modifier(["MEDCON"])
    assert not score_named_by_modifier(["faithfulness", "rate"])
    assert not score_named_by_modifier(["clinical", "faithfulness", "score"])


def test_a_title_case_modifier_before_a_lower_case_head_ends_the_compound() -> None:
    doc = spacy.blank("en")("we study Acute infection detection here")
    assert extend_left(doc, 4, stop=frozenset({"study"}), max_words=3) == 3
    # a title-case head (a title) takes its title-case modifiers
    doc = spacy.blank("en")("we study Acute Infection Detection here")
    assert extend_left(doc, 4, stop=frozenset({"study"}), max_words=3) == 2


def test_a_word_list_file_without_number_words_still_demotes_compared_modalities() -> None:
    # count_words is optional: a matcher built without it reads no number word as a count
    patterns = read_patterns(CONCEPT_PATTERN_FILES)
    patterns["concepts_wordlists"] = [
        row for row in patterns["concepts_wordlists"] if row.get("wordlist") != "count_words"
    ]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n\n"]})
    nlp.add_pipe("kg_concepts").initialize(nlp=nlp, patterns=patterns)
    text = "Bone age\n\nWe estimate bone age from CT, which shows more than a radiograph."
    assert confidences(nlp, text, "modality").get("xray", 0.0) < LINK_THRESHOLD
