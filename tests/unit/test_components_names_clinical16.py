"""Name decisions of branch names16 (clinical-journal abstracts), each on fresh sentences on
both sides of its boundary: equipment makers listed before an equipment noun, nationality
adjectives before a data noun, a variant adjective of an acronym architecture, a name found
whole elsewhere, two name words written side by side, words joined by an en dash, acronyms in
a row inside a long dataset name (kg.nlp.components.names.boundaries, .scan, .units)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.boundaries import (
    elided_score,
    long_name_end,
    names_equipment_maker,
    nationality_list,
    variant_prefix,
)
from kg.nlp.components.names.cues import Candidate
from kg.nlp.components.names.scan import juxtaposed, model_head_run, part_candidate
from kg.nlp.components.names.scores import item_head
from kg.nlp.components.names.units import Unit, dash_joined_words, unit_shape
from kg.statements import LINK_THRESHOLD


def us(text: str) -> list[Unit]:
    """Units of a whitespace-split sentence, shaped as the pipeline shapes them."""
    return [Unit(k, k + 1, t, unit_shape(t), False, True) for k, t in enumerate(text.split())]


def links(nlp: Language, text: str) -> dict[str, str]:
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


LEX = Lexicon.from_patterns(
    {
        "not_names": [
            {"kind": "equipment_head", "text": "scanners"},
            {"kind": "acquisition_verb", "text": "imaged"},
        ]
    },
    parse_known_entities([]),
)


# -- equipment makers -------------------------------------------------------------------------


def test_makers_listed_before_equipment_noun() -> None:
    u = us("knees imaged with Hitachi , Canon and Esaote scanners .")
    sent = [0] * len(u)
    assert names_equipment_maker(u, 3, 3, sent, LEX)
    assert names_equipment_maker(u, 7, 7, sent, LEX)


def test_products_compared_are_not_makers() -> None:
    u = us("we evaluated the Hitachi and Esaote scanners .")
    assert not names_equipment_maker(u, 3, 3, [0] * len(u), LEX)


def test_makers_dropped_in_pipeline(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "RetiNet was trained on 4,120 eyes imaged with Nidek, Optos and Canon devices "
        "and compared with ResNet-50.",
    )
    assert not {"Nidek", "Optos", "Canon"} & set(found)
    assert found.get("RetiNet") == "model"


def test_named_systems_compared_kept(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "Mammograms were read by Vendra (version 2.1) and by ScreenAI (version 4.0); the "
        "Vendra and ScreenAI systems reached AUCs of 0.91 and 0.89.",
    )
    assert found.get("Vendra") == "model"


# -- nationality adjectives -------------------------------------------------------------------


def test_nationality_list_describes() -> None:
    u = us("in the Finnish and Korean cohorts , AUC fell")
    assert nationality_list(u, [2, 4])


def test_named_list_is_no_nationality_list() -> None:
    u = us("in the Finnish and Tamarack cohorts , AUC fell")
    assert not nationality_list(u, [2, 4])


def test_nationality_cohort_no_name(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "CardioNet was validated in a Korean cohort. In the Korean cohort, the AUC of "
        "CardioNet was 0.88, and in the Finnish and Korean cohorts calibration held.",
    )
    assert "Korean" not in found and "Finnish" not in found


def test_named_cohort_kept(nlp_rules: Language) -> None:
    found = links(nlp_rules, "CardioNet was evaluated on the Tamarack and Linden datasets.")
    assert found.get("Tamarack") == "dataset"


# -- a variant adjective of an acronym architecture -------------------------------------------


def test_bidirectional_opens_acronym_architecture() -> None:
    u = us("a bidirectional GRU encoder")
    assert variant_prefix(u, 2, [0] * len(u))


def test_bidirectional_before_named_model_stays_out() -> None:
    u = us("a bidirectional Hyena encoder")
    assert not variant_prefix(u, 2, [0] * len(u))


def test_bidirectional_gru_named_whole(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We compared SleepNet with a bidirectional GRU and with XGBoost.")
    assert found.get("bidirectional GRU") == "model"
    assert "GRU" not in found


# -- a name found whole elsewhere -------------------------------------------------------------


def test_part_candidate_takes_whole() -> None:
    c = Candidate(1, 3, 1, 2, "VISTA NDX", "name_shape", 0.75)
    assert part_candidate([c], [False, True, True], 0, 2) is c


def test_part_candidate_needs_free_words() -> None:
    c = Candidate(1, 3, 1, 2, "VISTA NDX", "name_shape", 0.75)
    other = Candidate(0, 1, 0, 0, "Qure", "name_shape", 0.75)
    assert part_candidate([other, c], [True, True, True], 0, 2) is None


def test_sentence_opening_maker_joins_name(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "Radiographs were scored by Qmed VISTA NDX (version 3.2). Qmed VISTA NDX reached a "
        "sensitivity of 88.1%.",
    )
    assert found.get("Qmed VISTA NDX") == "model"
    assert "VISTA NDX" not in found


# -- two name words side by side --------------------------------------------------------------


def test_juxtaposed_word_completes_name() -> None:
    u = us("we built AF-DETECT Guardian , a network")
    assert juxtaposed(u, 2, 3, 3)


def test_separated_words_not_juxtaposed() -> None:
    u = us("we built AF-DETECT and Guardian , networks")
    assert not juxtaposed(u, 2, 4, 4)


def test_juxtaposed_name_in_pipeline(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "We developed AF-DETECT Guardian, a transformer that reads single-lead ECGs. "
        "AF-DETECT Guardian reached an AUC of 0.95.",
    )
    assert found.get("AF-DETECT Guardian") == "model"
    assert "Guardian" not in found


# -- words joined by an en dash ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Bland–Altman", True),
        ("Rhône–Alpes", True),
        ("MIMIC–Derm", False),
        ("Tiny–BERT", False),
        ("Bland-Altman", False),
    ],
)
def test_dash_joined_words(word: str, expected: bool) -> None:
    assert dash_joined_words(word) is expected


def test_dash_pair_no_name(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "Agreement between HeartSeg and manual tracing was shown with Bland–Altman plots.",
    )
    assert "Bland–Altman" not in found


# -- acronyms in a row inside a long dataset name ---------------------------------------------


def test_acronyms_in_a_row_open_long_name() -> None:
    u = us("in the ENDO STAR Registry to")
    assert long_name_end(u, 2, [0] * len(u), frozenset({"registry"})) == 4


def test_acronyms_without_collection_word() -> None:
    u = us("in the ENDO STAR trial to")
    assert long_name_end(u, 2, [0] * len(u), frozenset({"registry"})) is None


# -- a score after a name in an elided comparison ---------------------------------------------


def test_elided_score_after_name() -> None:
    u = us("the CNN reached an RMSE of 3.27 and SwinV2 2.94 .")
    assert elided_score(u, 8, 9, [0] * len(u))


def test_version_after_name_without_stated_value() -> None:
    u = us("we also compared it with Qwen 2.50 on the task")
    assert not elided_score(u, 5, 6, [0] * len(u))


def test_elided_score_in_pipeline(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "HeartSeg reached a mean absolute error of 2.80, whereas the CNN baseline obtained an "
        "error of 3.27 and SwinV2 2.94.",
    )
    assert found.get("SwinV2") == "model"
    assert "SwinV2 2.94" not in found


# -- a model named by its makers or place -----------------------------------------------------


def test_place_named_model_run() -> None:
    u = us("outperformed the Leeds Royal model .")
    assert model_head_run(u, 2, [0] * len(u)) == 3


def test_statistical_eponym_model_no_run() -> None:
    u = us("outperformed the Weibull model .")
    assert model_head_run(u, 2, [0] * len(u)) is None


def test_item_head_continues_list() -> None:
    u = us("the Gail ( BCRAT ) model , the X")
    assert item_head(u, 5, set())
    assert not item_head(us("our model , the X"), 1, set())


def test_place_named_model_compared(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "Comparisons included the Leeds Royal model and LungRisk. CTNet outperformed the "
        "Leeds Royal model (AUC 0.84 vs 0.77).",
    )
    assert found.get("Leeds Royal") == "model"


def test_place_named_model_of_care_no_model(nlp_rules: Language) -> None:
    found = links(nlp_rules, "Patients were followed under the Leeds Royal model of care.")
    assert "Leeds Royal" not in found


# -- review16a: the boundaries of the names16 rules --------------------------------------------


def test_version_after_joined_name_going_on_with_a_verb() -> None:
    u = us("the kappa was 0.6 , and OrbitLM 2.5 was prompted")
    assert not elided_score(u, 6, 7, [0] * len(u))
    u = us("the kappa was 0.6 , and OrbitLM 2.5 .")
    assert elided_score(u, 6, 7, [0] * len(u))


def test_version_kept_when_name_opens_a_clause(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "The AUC was 0.8 for the CNN, and OrbitLM 2.5 was prompted with each scan.",
    )
    assert found.get("OrbitLM 2.5") == "model"


def test_bidirectional_before_non_recurrent_acronym_stays_out() -> None:
    u = us("a bidirectional BERT encoder")
    assert not variant_prefix(u, 2, [0] * len(u))


def test_bidirectional_bert_named_bert(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We fine-tuned a bidirectional BERT encoder on discharge notes.")
    assert "bidirectional BERT" not in found


@pytest.mark.parametrize(
    "text",
    [
        "We compared the Mixed Effects model with gradient boosting, which reached an AUC of 0.78.",
        "Compared with the Proposed model, the baseline reached an AUC of 0.70.",
        "We compared the Random Effects model with SepsisNet, which reached an AUC of 0.81.",
    ],
)
def test_title_cased_common_words_before_model_name_nothing(nlp_rules: Language, text: str) -> None:
    found = links(nlp_rules, text)
    assert not {"Mixed Effects", "Proposed", "Random Effects"} & set(found)
