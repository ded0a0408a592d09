"""Names, session 16: tests written for the mutants of mutmut 3.8.1's operators that the
suite let live in the session's name decisions (elided scores, equipment makers, nationality
lists, variant prefixes, acronyms in long names, models named by description). Direct calls
on hand-made units, each at the bound the mutant moves (docs/mutation.md, session 16 run)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.boundaries import (
    _list_word,
    elided_score,
    long_name_end,
    names_equipment_maker,
    nationality_list,
    variant_prefix,
)
from kg.nlp.components.names.cues import Candidate
from kg.nlp.components.names.scan import model_head_run, part_candidate
from kg.nlp.components.names.scores import item_head
from kg.nlp.components.names.units import Unit, _unit_shape, dash_joined_words
from kg.statements import LINK_THRESHOLD


def _units(*texts: str) -> list[Unit]:
    """Units with a shape by the first letter: capitalised, upper-case acronym or lower."""

    def shape(t: str) -> str:
        if t.isupper() and t.isalpha() and len(t) > 1:
            return "strong"
        return "cap" if t[:1].isupper() else "lower"

    return [Unit(k, k + 1, t, shape(t), False, True) for k, t in enumerate(texts)]  # type: ignore[arg-type]


# elided_score -----------------------------------------------------------------------------


def test_elided_score_after_joiner_with_same_decimals() -> None:
    u = _units("MAE", "of", "5.12", "and", "ViViT", "4.61")
    assert elided_score(u, 4, 5, [0] * 6)


def test_elided_score_needs_a_joiner_before_the_name() -> None:
    u = _units("MAE", "of", "5.12", "with", "ViViT", "4.61")
    assert not elided_score(u, 4, 5, [0] * 6)


def test_elided_score_reads_the_first_unit() -> None:
    u = _units("5.12", "and", "ViViT", "4.61")
    assert elided_score(u, 2, 3, [0] * 4)


def test_elided_score_without_earlier_value_is_false() -> None:
    u = _units("MAE", "of", "5.1", "and", "ViViT", "4.61")
    assert not elided_score(u, 4, 5, [0] * 6)


def test_elided_score_value_three_units_back() -> None:
    u = _units("an", "MAE", "5.12", "here", "and", "ViViT", "4.61")
    assert elided_score(u, 5, 6, [0] * 7)


# equipment makers -------------------------------------------------------------------------


@pytest.mark.parametrize("shape", ["strong", "letter", "num"])
def test_list_word_name_shapes(shape: str) -> None:
    assert _list_word(Unit(0, 1, "X", shape, False, True))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.from_patterns(
        {
            "not_names": [
                {"kind": "equipment_head", "text": "systems"},
                {"kind": "acquisition_verb", "text": "acquired"},
            ]
        },
        parse_known_entities([]),
    )


def test_equipment_maker_at_the_start_of_the_units(lex: Lexicon) -> None:
    u = _units("acquired", "on", "Acme", "and", "Bolt", "systems", ".")
    assert names_equipment_maker(u, 2, 2, [0] * 7, lex)


def test_equipment_maker_late_in_a_sentence(lex: Lexicon) -> None:
    words = ["scans", "of", "the", "cohort", "were", "all", "later", "acquired", "on"]
    u = _units(*words, "Acme", "and", "Bolt", "systems", ".")
    assert names_equipment_maker(u, 9, 9, [0] * len(u), lex)


def test_equipment_list_of_twelve_units_after_the_name(lex: Lexicon) -> None:
    after = [",", "Bolt", ",", "Cora", ",", "Dyna", ",", "Echo", ",", "Fuji", ",", "Gala"]
    u = _units("acquired", "on", "Acme", *after, "systems")
    assert names_equipment_maker(u, 2, 2, [0] * len(u), lex)


def test_equipment_list_of_twelve_units_before_the_name(lex: Lexicon) -> None:
    before = ["Gala", ",", "Fuji", ",", "Echo", ",", "Dyna", ",", "Cora", ",", "Bolt", ","]
    u = _units("acquired", "on", *before, "Acme", "systems")
    assert names_equipment_maker(u, 14, 14, [0] * len(u), lex)


def test_equipment_list_of_three_units_on_each_side(lex: Lexicon) -> None:
    u = _units("images", "acquired", "on", "Bolt", "Medical", ",", "Acme", "Cora", ",", "Dyna")
    u += _units("systems")
    assert names_equipment_maker(u, 6, 6, [0] * len(u), lex)
    u = _units("images", "acquired", "on", "Acme", "Medical", ",", "Bolt", "systems", ".")
    assert names_equipment_maker(u, 3, 3, [0] * len(u), lex)


def test_equipment_needs_a_listed_head(lex: Lexicon) -> None:
    u = _units("acquired", "on", "Acme", "and", "Bolt", "computers", ".")
    assert not names_equipment_maker(u, 2, 2, [0] * 7, lex)


def test_equipment_needs_the_preposition(lex: Lexicon) -> None:
    u = _units("acquired", "from", "Acme", "and", "Bolt", "systems", ".")
    assert not names_equipment_maker(u, 2, 2, [0] * 7, lex)


# nationality lists, variant prefixes, long names ------------------------------------------


def test_nationality_list_needs_a_lower_case_noun_after() -> None:
    assert not nationality_list(_units("Danish", "and", "Swedish", "Cohort"), [0, 2])


def test_nationality_list_reads_the_last_item() -> None:
    u = _units("Danish", ",", "Swedish", "and", "Norwegian", "cohorts")
    assert nationality_list(u, [0, 2, 4])


def test_variant_prefix_at_the_first_unit() -> None:
    assert variant_prefix(_units("bidirectional", "LSTM"), 1, [0, 0])


def test_variant_prefix_before_a_sentence_end() -> None:
    u = _units("a", "bidirectional", "LSTM", "We")
    assert variant_prefix(u, 2, [0, 0, 0, 1])


def test_variant_prefix_opening_a_sentence() -> None:
    u = _units("done", "Bidirectional", "LSTM")
    assert variant_prefix(u, 2, [0, 1, 1])


def test_long_name_acronym_before_last_word() -> None:
    ends = frozenset({"archive"})
    u = _units("Brain", "Tumour", "MRI", "Archive")
    assert long_name_end(u, 0, [0] * 4, ends) == 3


def test_long_name_acronym_as_last_unit() -> None:
    ends = frozenset({"archive"})
    u = _units("Northern", "Lakes", "Archive", "MRI")
    assert long_name_end(u, 0, [0] * 4, ends) == 2


# models named by description ---------------------------------------------------------------


def test_model_head_run_needs_the() -> None:
    assert model_head_run(_units("a", "Mayo", "Clinic", "model"), 1, [0] * 4) is None
    assert model_head_run(_units("the", "Mayo", "Clinic", "model"), 1, [0] * 4) == 2


def test_model_head_run_one_word() -> None:
    assert model_head_run(_units("the", "Gail", "model", "and"), 1, [0] * 4) == 1


def test_model_head_run_at_the_end_of_the_units() -> None:
    assert model_head_run(_units("the", "Mayo", "Clinic"), 1, [0] * 3) is None
    assert model_head_run(_units("the", "Mayo"), 1, [0] * 2) is None


def test_model_head_run_at_most_three_words() -> None:
    u = _units("the", "Alpha", "Beta", "Gamma", "Delta", "model")
    assert model_head_run(u, 1, [0] * 6) is None


def test_model_head_run_needs_a_capitalised_word() -> None:
    assert model_head_run(_units("the", "model", "and"), 1, [0] * 3) is None


def test_model_head_run_eponym_before_the_run_does_not_count() -> None:
    u = _units("Cox", "and", "the", "Mayo", "model")
    assert model_head_run(u, 3, [0] * 5) == 3


# a name found whole elsewhere, list heads, dash-joined words --------------------------------


def _cand(first: int, last: int, known: object = None) -> Candidate:
    return Candidate(first, last + 1, first, last, "X", "name_shape", 0.75, known)  # type: ignore[arg-type]


def test_part_candidate_opening_the_occurrence() -> None:
    c = _cand(0, 1)
    assert part_candidate([c], [True, True, False], 0, 2) is c


def test_part_candidate_not_a_curated_name() -> None:
    assert part_candidate([_cand(1, 2, known=object())], [False, True, True], 0, 2) is None


def test_part_candidate_other_units_free_on_both_sides() -> None:
    assert part_candidate([_cand(1, 1)], [True, True, False], 0, 2) is None
    assert part_candidate([_cand(0, 0)], [True, True, False], 0, 2) is None
    assert part_candidate([_cand(0, 0)], [True, False, True], 0, 2) is None


def test_part_candidate_reads_no_unit_past_the_occurrence() -> None:
    c = _cand(0, 0)
    assert part_candidate([c], [True, False, True], 0, 1) is c


def test_item_head_reads_the_unit_before() -> None:
    assert item_head(_units("Gail", "model", ","), 1, {0})
    assert not item_head(_units("Gail", "cohort", ","), 1, {0})
    assert not item_head(_units("Gail", "and", "Wells", "model"), 3, {0})


def test_dash_joined_words_needs_a_dash() -> None:
    assert not dash_joined_words("Kaplan")


def test_dash_joined_words_plain_after_the_capital() -> None:
    assert not dash_joined_words("DNase–Tracer")


def test_dash_joined_words_two_letter_part() -> None:
    assert dash_joined_words("Ng–Jordan")


def test_unit_shape_of_dash_joined_words() -> None:
    assert _unit_shape("Kaplan–Meier") == "cap"
    assert _unit_shape("BERT–CRF") != "cap"


# the same decisions through kg_entities ---------------------------------------------------


def _links(nlp: Language, text: str) -> dict[str, str]:
    """label -> type of every asserted dataset/model link of a one-paragraph paper."""
    from kg.corpus.models import paper_text
    from kg.extract import doc_extraction

    title = "A study"
    extraction = doc_extraction(nlp(paper_text(title, text)), "k", title, text)
    return {
        lk.label: lk.entity_type
        for lk in extraction.links
        if lk.entity_type in ("dataset", "model") and lk.confidence >= LINK_THRESHOLD
    }


def test_named_data_after_a_nationality_list(nlp_rules: Language) -> None:
    found = _links(
        nlp_rules,
        "CardioNet was validated in the Finnish and Korean cohorts and then on the Tamarack "
        "and Linden datasets.",
    )
    assert found.get("Tamarack") == "dataset"


@pytest.mark.parametrize(
    "text",
    [
        "LungRisk and CTNet were compared with the Leeds Royal model (AUC 0.84 vs 0.77).",
        "Patients came from Bristol. CTNet outperformed the Leeds Royal model (AUC 0.84 vs 0.77).",
    ],
)
def test_model_named_by_description_after_other_capitals(nlp_rules: Language, text: str) -> None:
    assert _links(nlp_rules, text).get("Leeds Royal") == "model"
