"""Branch ties17b: results tied to their dataset, second round. Scores carried from the metric
of the sentence before are placed as any score is; a name alone in brackets abbreviates the
description before it; a part word ("test split") does not end a list of names; a list of
values takes a dataset named in its own clause, or the places of as many values right before
it; "the internal test set" is the paper's own dataset beside its external ones. Fresh short
sentences, each decision on both sides of its boundary."""

from __future__ import annotations

from test_results_ties15 import ties

from kg.nlp.components.results import says_internal

# -- scores carried from the sentence before (carried_place) ----------------------------------


def test_a_carried_score_takes_the_dataset_its_clause_opens_with(nlp_results) -> None:
    text = (
        "CardioNet reached an accuracy of 91.2% on HeartBank. On PulseSet, where XGBoost "
        "scores 80.1%, CardioNet achieves 85.3%."
    )
    assert ties(nlp_results, text)[1:] == [
        ("80.1%", "xgboost", "pulseset"),
        ("85.3%", "cardionet", "pulseset"),
    ]


def test_a_carried_score_without_a_place_stays_unplaced(nlp_results) -> None:
    text = (
        "CardioNet reached an accuracy of 91.2% on HeartBank. Without PulseSet, XGBoost "
        "scores 80.1%, CardioNet 85.3%."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)[1:]] == [None, None]


# -- a name alone in brackets (abbreviated_phrase) --------------------------------------------


def test_a_bracketed_name_is_placed_by_the_link_before_its_description(nlp_results) -> None:
    text = (
        "On the public multi-centre echocardiography video collection (HeartBank), CardioNet "
        "reaches a Dice of 0.912."
    )
    assert ties(nlp_results, text) == [("0.912", "cardionet", "heartbank")]


def test_a_bracketed_name_after_a_transfer_word_places_nothing(nlp_results) -> None:
    text = (
        "In transfer from adult echocardiography (HeartBank) to children, CardioNet reaches "
        "a Dice of 0.912."
    )
    assert ties(nlp_results, text) == [("0.912", "cardionet", None)]


# -- a part word inside a list of names (past_part_words) -------------------------------------


def test_a_list_of_names_goes_on_past_a_split_word(nlp_results) -> None:
    text = (
        "On the HeartBank test split, PulseSet and EchoVault, CardioNet reaches accuracies "
        "of 88.1%, 79.4% and 83.0%, respectively."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)] == ["heartbank", "pulseset", "echovault"]


def test_a_list_of_names_ends_at_a_word_that_is_no_part(nlp_results) -> None:
    text = (
        "On the HeartBank recordings of adults, PulseSet and EchoVault, CardioNet reaches "
        "accuracies of 88.1%, 79.4% and 83.0%, respectively."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)] != ["heartbank", "pulseset", "echovault"]


# -- a list of values after a ";" (clause_datasets) -------------------------------------------


def test_a_list_takes_the_one_dataset_of_its_own_clause(nlp_results) -> None:
    text = (
        "On HeartBank, the AUROC of CardioNet is 0.941; on PulseSet, its sensitivity and "
        "specificity are 90.2% and 86.7%."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)] == ["heartbank", "pulseset", "pulseset"]


def test_a_list_after_two_datasets_of_its_clause_stays_unplaced(nlp_results) -> None:
    text = (
        "On HeartBank, the AUROC of CardioNet is 0.941, and on PulseSet its sensitivity and "
        "specificity are 90.2% and 86.7%."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)][1:] == [None, None]


# -- a list of values after values placed one by one (parallel_places) ------------------------


def test_a_list_takes_the_places_of_the_values_before_it_in_order(nlp_results) -> None:
    text = (
        "CardioNet reached an AUROC of 0.94 on HeartBank and 0.88 on PulseSet, with "
        "sensitivities of 94.6% and 91.2%."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)] == [
        "heartbank",
        "pulseset",
        "heartbank",
        "pulseset",
    ]


def test_a_list_in_a_clause_of_its_own_takes_no_earlier_places(nlp_results) -> None:
    text = (
        "CardioNet reached an AUROC of 0.94 on HeartBank and 0.88 on PulseSet; "
        "sensitivities were 94.6% and 91.2%."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)][2:] == [None, None]


# -- the internal test set (internal_data, says_internal, tie_internal_dataset) ---------------


def test_internal_words_place_a_value_on_the_internal_data() -> None:
    assert says_internal(["in", "the", "internal", "test", "set", ",", "it", "reached"], [])
    assert says_internal([], ["internally", "and"])


def test_an_external_word_nearer_the_value_is_no_internal_place() -> None:
    assert not says_internal(
        ["beyond", "internal", "testing", ",", "the", "external", "auroc", "was"], []
    )
    assert not says_internal(["on", "the", "test", "set", "it", "reached"], [])


def test_the_internal_test_set_is_the_papers_own_dataset(nlp_results) -> None:
    text = (
        "We assembled HeartBank and externally tested CardioNet on PulseSet. On the internal "
        "test set, CardioNet reached an AUROC of 0.912."
    )
    assert ties(nlp_results, text, introduced={"cardionet", "heartbank"}) == [
        ("0.912", "cardionet", "heartbank")
    ]


def test_the_internal_test_set_beside_a_public_dataset_used_stays_unplaced(nlp_results) -> None:
    text = (
        "We trained CardioNet on HeartBank and externally tested it on PulseSet. On the "
        "internal test set, CardioNet reached an AUROC of 0.912."
    )
    assert ties(nlp_results, text) == [("0.912", "cardionet", None)]


# -- metric lists keep their grouping (_metric_groups is shared with metrics) ------------------


def test_metric_lists_do_not_go_past_a_part_word() -> None:
    import spacy

    from kg.nlp.components.results import _metric_groups

    doc = spacy.blank("en")("Sensitivity on the test set , specificity and AUROC")
    metrics = [doc[0:1], doc[6:7], doc[8:9]]
    assert [len(g) for g in _metric_groups(metrics)] == [1, 2]
    names = [doc[3:4], doc[6:7]]  # "test", then a name after "set ,": one list with parts
    assert [len(g) for g in _metric_groups(names, frozenset({"set"}))] == [2]
    assert [len(g) for g in _metric_groups(names)] == [1, 1]
