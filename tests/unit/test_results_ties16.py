"""Branch ties16: results tied to the right dataset. The values a comparison sets against
the subject's are measured where the subject's were. Fresh short sentences, each decision on
both sides of its boundary."""

from __future__ import annotations

from test_results_ties15 import ties

from kg.nlp.components.results import (
    compared_places,
    expletive_it,
    external_nearer,
    named_as_external,
    pairs_with_systems,
    says_external,
)

# -- compared values on the subject's places (compared_places) --------------------------------


def test_compared_lists_take_the_subjects_places_in_order(nlp_results) -> None:
    text = (
        "CardioNet reached an AUC of 0.912 on HeartBank and 0.887 on PulseSet, versus 0.874 "
        "and 0.851 for XGBoost."
    )
    assert ties(nlp_results, text) == [
        ("0.912", "cardionet", "heartbank"),
        ("0.887", "cardionet", "pulseset"),
        ("0.874", "xgboost", "heartbank"),
        ("0.851", "xgboost", "pulseset"),
    ]


def test_a_compared_list_with_a_place_of_its_own_keeps_none(nlp_results) -> None:
    text = (
        "CardioNet reached an AUC of 0.912 on HeartBank and 0.887 on PulseSet, versus 0.874 "
        "and 0.851 in two external cohorts."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)] == ["heartbank", "pulseset", None, None]


def test_values_past_a_contrast_are_not_compared(nlp_results) -> None:
    text = (
        "CardioNet reached an AUC of 0.912 on HeartBank and 0.887 on PulseSet, versus 0.874 "
        "and 0.851 for XGBoost, while CardioNet-S reached 0.861 and 0.840."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)][-2:] == [None, None]


def test_compared_places_needs_every_subject_value_placed() -> None:
    t = "It got 0.93 on A and 0.95 here, versus 0.92 for Y."
    v = [(7, 11), (20, 24), (39, 43)]
    assert compared_places(t, v, [[0], [1], [2]], ["a", None, None], (0, len(t))) == [
        "a",
        None,
        None,
    ]
    assert compared_places(t, v, [[0], [1], [2]], ["a", "a", None], (0, len(t))) == [
        "a",
        "a",
        "a",
    ]


def test_compared_places_ends_at_a_contrast() -> None:
    t = "It got 0.93 on A versus 0.92 for Y, while Z got 0.88."
    v = [(7, 11), (24, 28), (48, 52)]
    assert compared_places(t, v, [[0], [1], [2]], ["a", None, None], (0, len(t))) == [
        "a",
        "a",
        None,
    ]


def test_compared_places_align_only_lists_of_the_subjects_length() -> None:
    t = "It got 0.93 on A and 0.95 on B, versus 0.92 for Y and 0.90 and 0.91 for Z."
    v = [(7, 11), (20, 24), (39, 43), (54, 58), (63, 67)]
    keys = ["a", "b", None, None, None]
    groups = [[0], [1], [2], [3, 4]]
    assert compared_places(t, v, groups, keys, (0, len(t))) == ["a", "b", None, "a", "b"]


def test_a_value_after_a_dataset_past_the_comparison_is_not_compared() -> None:
    t = "It got 0.93 on A versus 0.92 for Y, and B accuracy was 0.88."
    v = [(7, 11), (24, 28), (55, 59)]
    keys = ["a", None, None]
    assert compared_places(t, v, [[0], [1], [2]], keys, (0, len(t)), [15, 41]) == [
        "a",
        "a",
        None,
    ]


# -- the paper's external data (named_as_external, external_data, tie_external_dataset) -------


def test_a_value_in_the_external_cohort_is_on_the_external_dataset(nlp_results) -> None:
    text = (
        "CardioNet was developed on HeartBank and externally validated on 9,120 patients "
        "from PulseSet. In the external cohort, it reached an AUC of 0.874."
    )
    assert ties(nlp_results, text) == [("0.874", "cardionet", "pulseset")]


def test_a_dataset_before_its_external_role_is_the_external_one(nlp_results) -> None:
    text = (
        "We used HeartBank for development and PulseSet for external validation. The AUC "
        "was 0.874 externally."
    )
    assert ties(nlp_results, text) == [("0.874", None, "pulseset")]


def test_a_value_with_no_external_word_takes_no_external_dataset(nlp_results) -> None:
    text = (
        "CardioNet was developed on HeartBank and externally validated on 9,120 patients "
        "from PulseSet. In the derivation cohort, it reached an AUC of 0.874."
    )
    assert ties(nlp_results, text) == [("0.874", "cardionet", None)]


def test_two_external_datasets_leave_the_external_cohort_unplaced(nlp_results) -> None:
    text = (
        "CardioNet was externally validated on PulseSet and on EchoVault. In the external "
        "cohorts, it reached an AUC of 0.874."
    )
    assert ties(nlp_results, text) == [("0.874", "cardionet", None)]


def test_named_as_external_reads_only_linking_words_after_the_name() -> None:
    assert named_as_external([], ["was", "used", "as", "an", "external", "test", "set"])
    assert not named_as_external([], ["and", "then", "externally"])
    assert not named_as_external(["trained", "on"], ["for", "development"])


# -- the one system an evaluation study names (only_model, tie_only_model) ---------------------


def test_the_tool_of_an_evaluation_study_is_its_one_model(nlp_results) -> None:
    text = (
        "We evaluated the commercial software CardioNet on 3,402 consecutive ECGs. The tool "
        "had a sensitivity of 91.4%."
    )
    assert ties(nlp_results, text, introduced=set()) == [("91.4%", "cardionet", None)]


def test_a_value_without_a_generic_subject_stays_untied(nlp_results) -> None:
    text = (
        "Images were read by the commercial software CardioNet at 12 sites. Sensitivity was 91.4%."
    )
    assert ties(nlp_results, text, introduced=set()) == [("91.4%", None, None)]


def test_a_generic_subject_with_a_modifier_of_its_own_stays_untied(nlp_results) -> None:
    text = (
        "Our classifier uses a CardioNet backbone. The rule-based algorithm had a "
        "sensitivity of 91.4%."
    )
    assert ties(nlp_results, text, introduced=set()) == [("91.4%", None, None)]


def test_two_named_models_leave_the_tool_untied(nlp_results) -> None:
    text = (
        "We evaluated CardioNet and XGBoost on 3,402 consecutive ECGs. The tool had a "
        "sensitivity of 91.4%."
    )
    assert ties(nlp_results, text, introduced=set()) == [("91.4%", None, None)]


def test_a_sentence_naming_the_one_model_as_comparator_ties_it_nothing(nlp_results) -> None:
    text = "The tool had a sensitivity of 91.4%, compared with 88.0% for CardioNet."
    assert ties(nlp_results, text, introduced=set()) == [
        ("91.4%", None, None),
        ("88.0%", "cardionet", None),
    ]


# -- branch review16d: misfires of the ties16 rules, narrowed ----------------------------------


def test_external_knowledge_is_no_external_data(nlp_results) -> None:
    text = (
        "CardioNet reads notes from HeartBank, using external knowledge from PulseSet. "
        "With external retrieval, its F1 was 0.412."
    )
    assert ties(nlp_results, text) == [("0.412", "cardionet", None)]
    assert not says_external(["external", "knowledge", "from"], 0)
    assert says_external(["external", "validation", "on"], 0)


def test_an_internal_word_nearer_the_value_keeps_it_off_the_external_data(nlp_results) -> None:
    text = (
        "CardioNet was developed on HeartBank and externally validated on PulseSet. "
        "Although external validation at more sites is needed, the internal AUC was 0.874."
    )
    assert ties(nlp_results, text) == [("0.874", "cardionet", None)]
    text = (
        "CardioNet was developed on HeartBank and externally validated on PulseSet. "
        "After internal tuning, the external AUC was 0.874."
    )
    assert ties(nlp_results, text) == [("0.874", "cardionet", "pulseset")]
    assert not external_nearer(["external", ",", "the", "internal", "auc", "was"], [])


def test_an_expletive_it_names_no_system(nlp_results) -> None:
    text = (
        "We evaluated CardioNet on 3,402 ECGs read by four cardiologists. It was found that "
        "inter-reader agreement had a kappa of 0.61."
    )
    assert ties(nlp_results, text, introduced=set()) == [("0.61", None, None)]
    text = "We evaluated CardioNet on 3,402 ECGs. It was shown to reach a sensitivity of 0.91."
    assert ties(nlp_results, text, introduced=set()) == [("0.91", "cardionet", None)]
    assert expletive_it(["it", "is", "notable", "that", "readers", "reached"], 0)
    assert not expletive_it(["it", "is", "able", "to", "flag"], 0)


def test_a_compared_list_paired_with_systems_takes_no_places(nlp_results) -> None:
    text = (
        "The model reached an AUC of 0.912 on HeartBank and 0.887 on PulseSet, versus 0.874 "
        "and 0.851 for CardioNet and XGBoost, respectively."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)] == ["heartbank", "pulseset", None, None]
    t = "versus 0.87 and 0.85 for A and B, respectively."
    assert pairs_with_systems(t, 20, len(t))
    assert not pairs_with_systems("versus 0.87 and 0.85 for B.", 20, 27)
