"""Branch ties17: results tied to the system a study's aim names. An evaluation study of one
product ("To evaluate the diagnostic accuracy of the X system") reports its scores without a
subject ("Sensitivity was 95.7%"); they are that system's, though the abstract names its
vendor or the scores it is compared with. Fresh short sentences, each decision on both sides
of its boundary."""

from __future__ import annotations

from test_results_ties15 import ties

from kg.nlp.components.results import (
    aim_unless_named,
    follows_aim_verb,
    listed_with_next,
    names_own_system,
)

AIM = frozenset({"evaluate", "assess", "validated"})

# -- the aim's system (follows_aim_verb, aim_system, tie_only_model) ---------------------------


def test_an_aim_verb_before_a_model_names_the_studied_system() -> None:
    assert follows_aim_verb(
        ["to", "assess", "the", "diagnostic", "performance", "of", "a", "triage", "tool", "("], AIM
    )
    assert follows_aim_verb(["we", "externally", "validated"], AIM)


def test_a_model_without_an_aim_verb_before_it_is_no_aim() -> None:
    assert not follows_aim_verb(["images", "were", "analysed", "in", "real", "time", "by"], AIM)
    assert not follows_aim_verb(["we", "evaluate", "three", "tasks", ":", "first", ","], AIM)
    far = [
        "to",
        "evaluate",
        "whether",
        "the",
        "deployment",
        "of",
        "a",
        "new",
        "triage",
        "pathway",
        "in",
        "busy",
        "wards",
        "with",
    ]
    assert not follows_aim_verb(far, AIM)


def test_scores_without_a_subject_are_the_aims_system(nlp_results) -> None:
    text = (
        "To evaluate the diagnostic accuracy of the CardioNet software, we enrolled 3,402 "
        "adults. Sensitivity was 91.4% and specificity 88.2%."
    )
    assert ties(nlp_results, text, introduced=set()) == [
        ("91.4%", "cardionet", None),
        ("88.2%", "cardionet", None),
    ]


def test_the_aims_system_beside_a_comparator(nlp_results) -> None:
    text = (
        "We externally validated CardioNet against XGBoost in four hospitals. The pooled AUC "
        "was 0.861, compared with 0.803 for XGBoost."
    )
    assert ties(nlp_results, text, introduced=set()) == [
        ("0.861", "cardionet", None),
        ("0.803", "xgboost", None),
    ]


def test_an_aim_naming_two_systems_ties_neither(nlp_results) -> None:
    text = (
        "To evaluate CardioNet and XGBoost in primary care, we enrolled 3,402 adults. "
        "Sensitivity was 91.4%."
    )
    assert ties(nlp_results, text, introduced=set()) == [("91.4%", None, None)]


def test_a_comma_list_after_the_aim_verb_ties_none(nlp_results) -> None:
    text = "We evaluate CardioNet, XGBoost and CardioNet-S on 3,402 ECGs. Sensitivity was 91.4%."
    assert ties(nlp_results, text, introduced=set()) == [("91.4%", None, None)]


def test_a_vendor_in_the_models_bracket_is_no_list(nlp_results) -> None:
    text = (
        "To assess the performance of a triage algorithm (CardioNet, XGBoost Inc), we read "
        "3,402 ECGs. Sensitivity was 91.4%."
    )
    assert ties(nlp_results, text, introduced=set()) == [("91.4%", "cardionet", None)]
    assert listed_with_next([","], "(") is False
    assert listed_with_next([","], "evaluate") is True


def test_an_aim_before_a_comma_is_not_the_models(nlp_results) -> None:
    text = (
        "For external validation, we compare our network with XGBoost on 3,402 ECGs. "
        "Sensitivity was 91.4%."
    )
    assert ties(nlp_results, text, introduced=set()) == [("91.4%", None, None)]


def test_an_introduced_model_keeps_the_values(nlp_results) -> None:
    text = "We present CardioNet-S and evaluate CardioNet as a teacher. Sensitivity was 91.4%."
    assert ties(nlp_results, text, introduced={"cardionets"}) == [("91.4%", "cardionets", None)]


# -- not after another model of the sentence (aim_unless_named) --------------------------------


def test_a_value_after_another_named_model_is_not_the_aims() -> None:
    assert aim_unless_named("cardionet", True, [0], 40) is None
    assert aim_unless_named("cardionet", True, [60], 40) == "cardionet"


def test_the_generic_word_rule_ignores_other_names_before_the_value() -> None:
    assert aim_unless_named("cardionet", False, [0], 40) == "cardionet"


# -- agreement among people is theirs (names_other) --------------------------------------------


def test_agreement_among_readers_is_not_the_aims_systems(nlp_results) -> None:
    text = (
        "To evaluate the CardioNet software, four cardiologists read 3,402 ECGs. Inter-reader "
        "agreement had a kappa of 0.61."
    )
    assert ties(nlp_results, text, introduced=set()) == [("0.61", None, None)]
    text = (
        "To evaluate the CardioNet software, four cardiologists read 3,402 ECGs. Agreement with "
        "the reference had a kappa of 0.61."
    )
    assert ties(nlp_results, text, introduced=set()) == [("0.61", "cardionet", None)]


# -- a part of another system is no aim (aim_system, MODEL_PART_WORDS) -------------------------


def test_a_model_before_a_part_word_is_no_aim(nlp_results) -> None:
    text = (
        "To evaluate the effect of CardioNet pretraining, we trained a rhythm classifier on "
        "3,402 ECGs. The AUC was 0.91."
    )
    assert ties(nlp_results, text, introduced=set()) == [("0.91", None, None)]
    text = (
        "To evaluate the effect of CardioNet on triage, we enrolled 3,402 adults. The AUC was 0.91."
    )
    assert ties(nlp_results, text, introduced=set()) == [("0.91", "cardionet", None)]


# -- review17a: comparators after the aim verb, the paper's own system ------------------------


def test_a_model_after_a_comparison_word_is_no_aim() -> None:
    assert not follows_aim_verb(["we", "validated", "it", "against"], AIM)
    assert follows_aim_verb(["we", "validated", "it", "on", "the", "data", "of"], AIM)


def test_a_comparator_the_aim_verb_reaches_takes_no_scores(nlp_results) -> None:
    text = (
        "We propose a transformer network and validate it against XGBoost on 900 patients. "
        "The AUC was 0.89."
    )
    assert ties(nlp_results, text, introduced=set()) == [("0.89", None, None)]
    text = "To evaluate CardioNet on 900 patients, we enrolled adults. The AUC was 0.89."
    assert ties(nlp_results, text, introduced=set()) == [("0.89", "cardionet", None)]


def test_names_own_system() -> None:
    assert names_own_system(["our", "classifier", "then", "reached"])
    assert not names_own_system(["the", "pooled", "sensitivity", "was"])


def test_a_value_of_our_system_is_not_the_aims_tool(nlp_results) -> None:
    text = (
        "Quality assessment of the reports with CardioNet was performed first. Our "
        "classifier then reached an AUC of 0.84."
    )
    assert ties(nlp_results, text, introduced=set()) == [("0.84", None, None)]
    text = "Quality assessment of the reports with CardioNet was performed first. The AUC was 0.84."
    assert ties(nlp_results, text, introduced=set()) == [("0.84", "cardionet", None)]


def test_an_anatomical_head_after_the_aims_system_is_no_part_word(nlp_results) -> None:
    text = (
        "To evaluate the CardioNet head CT triage software, 1,000 scans were read. "
        "Sensitivity was 93.0%."
    )
    assert ties(nlp_results, text, introduced=set()) == [("93.0%", "cardionet", None)]
    text = (
        "To evaluate CardioNet embeddings for cohort retrieval, we trained a classifier. "
        "Sensitivity was 93.0%."
    )
    assert ties(nlp_results, text, introduced=set()) == [("93.0%", None, None)]
