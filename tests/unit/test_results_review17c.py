"""Branch review17c: misfires of results17's and ties17b's rules on fresh sentences, each
narrowed. A data noun before a measure word is no share of the data; an amount "of" something
is no score listed in a bound unit; a sentence's only metric heading a threshold keeps its
scores; a value list "for men and women" is parallel to its own items, not to datasets; an
"internal" of another sense ("internal review") is no internal data; a measure of two words
held at a value before it ("at a 5% false alarm rate was") is an operating point. Fresh short
sentences, each decision on both sides of its boundary."""

from __future__ import annotations

import spacy
from result_helpers import results
from spacy.language import Language
from test_results_ties15 import ties

from kg.nlp.components.results import (
    VALUE_RE,
    counts_an_amount,
    counts_own_items,
    external_nearer,
    internal_place,
    names_data_share,
    names_own_items,
    own_words_after,
    says_internal,
    valued_before,
)

# -- a data noun before a measure word (names_data_share) --------------------------------------


def test_a_data_noun_before_a_measure_word_leaves_the_score() -> None:
    assert not names_data_share(["subset", "accuracy", "on"])
    assert not names_data_share(["random", "sample", "agreement"])


def test_a_data_noun_heading_its_phrase_is_a_share() -> None:
    assert names_data_share(["subset", "was", "graded"])
    assert names_data_share(["random", "sample", "of"])


def test_subset_accuracy_is_a_score(nlp_results: Language) -> None:
    text = "For multi-label diagnosis, CardioNet reached a 93.5% subset accuracy on the test set."
    assert results(nlp_results, text) == [("accuracy", "93.5%")]


def test_a_subset_graded_twice_stays_no_score(nlp_results: Language) -> None:
    text = "Answers were graded for accuracy by two nurses; a 12% subset was graded again."
    assert results(nlp_results, text) == []


# -- an amount of something in a bound unit (counts_an_amount in listed_in_unit) ---------------


def test_an_amount_of_something_is_no_listed_score() -> None:
    t = "compared with 6.2 years of follow-up"
    assert counts_an_amount(VALUE_RE.search(t), t)


def test_a_value_for_a_system_is_listed() -> None:
    t = "compared with 6.2 years for the clinicians"
    assert not counts_an_amount(VALUE_RE.search(t), t)


def test_follow_up_after_a_bound_unit_is_no_score(nlp_results: Language) -> None:
    text = "Brain age had an MAE of 3.8 years, compared with 6.2 years of follow-up."
    assert results(nlp_results, text) == [("meanabsoluteerror", "3.8")]


def test_a_compared_value_in_the_unit_is_a_score(nlp_results: Language) -> None:
    text = "Brain age had an MAE of 3.8 years, compared with 6.2 years for the clinicians."
    assert results(nlp_results, text) == [
        ("meanabsoluteerror", "3.8"),
        ("meanabsoluteerror", "6.2"),
    ]


# -- a metric heading a setting noun (sets_for_another) ----------------------------------------


def test_a_lone_metric_heading_a_cutoff_keeps_its_scores(nlp_results: Language) -> None:
    text = "An AUROC cutoff of 0.75 was set in advance; CardioNet reached 0.86 on the test set."
    assert results(nlp_results, text) == [("auc", "0.86")]


def test_a_metric_heading_a_threshold_beside_another_is_a_condition(
    nlp_results: Language,
) -> None:
    text = "The mean average precision at an IoU threshold of 0.5 was 0.71 for CardioNet."
    assert [v for _k, v in results(nlp_results, text)] == ["0.71"]
    assert "iou" not in {k for k, _v in results(nlp_results, text)}


# -- a value list with items of its own (names_own_items in parallel_places) -------------------


def test_a_list_for_two_groups_names_its_own_items() -> None:
    t = "sensitivities of 90.1% and 85.2% for men and women"
    assert names_own_items(t, t.index("85.2%") + 5)
    t = "sensitivities of 90.1% and 85.2% at the two operating points"
    assert names_own_items(t, t.index("85.2%") + 5)


def test_a_list_at_one_setting_names_no_items() -> None:
    t = "sensitivities of 90.1% and 85.2% at the same threshold"
    assert not names_own_items(t, t.index("85.2%") + 5)
    assert not names_own_items("sensitivities of 90.1% and 85.2%.", 32)


def test_a_list_for_two_groups_takes_no_dataset_order(nlp_results: Language) -> None:
    text = (
        "CardioNet reached an AUROC of 0.93 on HeartBank and 0.87 on PulseSet, with "
        "sensitivities of 90.4% and 84.9% for women and men."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)] == ["heartbank", "pulseset", None, None]


def test_a_plain_list_after_two_places_takes_them_in_order(nlp_results: Language) -> None:
    text = (
        "CardioNet reached an AUROC of 0.93 on HeartBank and 0.87 on PulseSet, with "
        "sensitivities of 90.4% and 84.9% at the chosen threshold."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)] == [
        "heartbank",
        "pulseset",
        "heartbank",
        "pulseset",
    ]


# -- "internal" of another sense (internal_place in says_internal) -----------------------------


def test_internal_of_another_sense_is_no_place() -> None:
    assert not internal_place(["notes", "from", "internal", "medicine", "wards"], 2)
    assert not says_internal(["after", "internal", "review", ",", "kappa", "was"], [])


def test_internal_before_a_data_word_is_a_place() -> None:
    assert internal_place(["on", "the", "internal", "validation", "set"], 2)
    assert says_internal(["after", "internal", "validation", ",", "kappa", "was"], [])


# -- a measure held at a value two words before its head (valued_before) -----------------------


def test_a_measure_of_two_words_held_at_a_value_is_an_operating_point() -> None:
    d = spacy.blank("en")("at a fixed 5 % false alarm rate was 64.3 %")
    assert valued_before(d, d.text.split().index("alarm"))


def test_a_measure_of_two_words_with_no_value_before_it_is_none() -> None:
    d = spacy.blank("en")("while the false alarm rate was 4.1 %")
    assert not valued_before(d, d.text.split().index("alarm"))


def test_recall_at_a_false_alarm_rate_takes_the_copula_value(nlp_results: Language) -> None:
    text = "Recall at a fixed 2% false alarm rate was 71.8% on the held-out wards."
    assert results(nlp_results, text) == [("recall", "71.8%")]


# -- a count of the list's own items before it (counts_own_items in parallel_places) -----------


def test_the_two_models_before_a_list_are_its_items() -> None:
    assert counts_own_items(" on PulseSet, and the sensitivities of the two readers were ")


def test_the_two_cohorts_before_a_list_are_the_datasets() -> None:
    assert not counts_own_items(" on PulseSet, with sensitivities on both cohorts of ")


def test_a_list_of_the_two_readers_takes_no_dataset_order(nlp_results: Language) -> None:
    text = (
        "CardioNet reached an AUROC of 0.93 on HeartBank and 0.87 on PulseSet, and the "
        "sensitivities of the two readers were 90.4% and 84.9%, respectively."
    )
    assert [d for _v, _m, d in ties(nlp_results, text)][2:] == [None, None]


# -- words after a value that speak of the next one (own_words_after) ---------------------------


def test_a_conjunction_and_determiner_start_the_next_phrase() -> None:
    assert own_words_after(["and", "the", "external"]) == []
    assert not external_nearer(["the", "internal", "auroc", "was"], [])


def test_a_listed_value_keeps_the_place_after_the_list() -> None:
    assert own_words_after(["and", "0.87", "externally"]) == ["and", "0.87", "externally"]


def test_the_internal_value_before_the_external_one_is_internal(nlp_results: Language) -> None:
    text = (
        "We assembled HeartBank and tested CardioNet on PulseSet as an external test set. "
        "The internal AUROC was 0.93 and the external AUROC 0.87."
    )
    found = ties(nlp_results, text, {"cardionet", "heartbank"})
    assert [d for _v, _m, d in found] == ["heartbank", "pulseset"]
