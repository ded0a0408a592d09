"""Issue 15, branch ties15: results tied right. A value the text ties to no model is the
paper's only introduced model's unless its clause speaks of other systems or people; a dataset
a link opens before a value places it, unless it is training data, a list, or an earlier
value's own place. Fresh short sentences, each decision on both sides of its boundary."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.results import (
    names_other,
    only_introduced,
    place_before,
    speaks_of_others,
)

MODELS = {"CardioNet": "cardionet", "CardioNet-S": "cardionets", "XGBoost": "xgboost"}
DATASETS = {"HeartBank": "heartbank", "PulseSet": "pulseset", "EchoVault": "echovault"}


def _spans(doc: Doc, names: dict[str, str], label: str, introduced: set[str]) -> list:
    out = []
    for name, key in names.items():
        start = 0
        while (i := doc.text.find(name, start)) >= 0:
            start = i + len(name)
            if doc.text[start : start + 1].isalnum() or doc.text[start : start + 1] == "-":
                continue  # "CardioNet" inside "CardioNet-S"
            span = doc.char_span(i, start, label=label, kb_id=key)
            if span is not None:
                span._.kg_role = "introduces" if key in introduced else "uses"
                out.append(span)
    return sorted(out, key=lambda s: s.start)


def ties(nlp: Language, text: str, introduced: set[str] = frozenset({"cardionet"})) -> list:
    """(value, model key, dataset key) of every absolute result of ``text``, with the names
    of MODELS and DATASETS as the Doc's model and dataset spans (``introduced``: their keys
    of the paper's own)."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "kg_results":
            doc.spans["kg_models"] = _spans(doc, MODELS, "model", set(introduced))
            doc.spans["kg_datasets"] = _spans(doc, DATASETS, "dataset", set(introduced))
        doc = proc(doc)
    return [
        (r.value_text, r.model_key, r.dataset_key) for r in doc._.kg_results if not r.is_improvement
    ]


# -- the paper's own model --------------------------------------------------------------------


def test_a_value_without_a_named_model_is_the_only_introduced_models(nlp_results) -> None:
    text = "We present CardioNet. The model reached an accuracy of 93.1% on the test set."
    assert ties(nlp_results, text) == [("93.1%", "cardionet", None)]


def test_our_system_as_subject_ties_the_introduced_model(nlp_results) -> None:
    text = "We present CardioNet. Our system detects atrial fibrillation with an AUC of 0.942."
    assert ties(nlp_results, text) == [("0.942", "cardionet", None)]


def test_no_own_model_without_an_introduced_one(nlp_results) -> None:
    text = "We build on CardioNet. The model reached an accuracy of 93.1%."
    assert ties(nlp_results, text, introduced=set()) == [("93.1%", None, None)]


def test_no_own_model_when_the_paper_introduces_two(nlp_results) -> None:
    text = "We present CardioNet and CardioNet-S here. The model reached an accuracy of 93.1%."
    got = ties(nlp_results, text, introduced={"cardionet", "cardionets"})
    assert got == [("93.1%", None, None)]


def test_a_baselines_score_is_not_the_own_models(nlp_results) -> None:
    text = "We present CardioNet. The strongest baseline reached an accuracy of 88.4%."
    assert ties(nlp_results, text) == [("88.4%", None, None)]


def test_readers_scores_are_not_the_own_models(nlp_results) -> None:
    text = "We present CardioNet. Cardiologists reached a sensitivity of 81.5%."
    assert ties(nlp_results, text) == [("81.5%", None, None)]
    text = "We present CardioNet. The sensitivity was 81.5% for two readers."
    assert ties(nlp_results, text) == [("81.5%", None, None)]


def test_a_named_model_keeps_its_value(nlp_results) -> None:
    text = "We present CardioNet. XGBoost reached an accuracy of 85.2%."
    assert ties(nlp_results, text) == [("85.2%", "xgboost", None)]


def test_compared_values_are_not_the_own_models(nlp_results) -> None:
    text = (
        "We present CardioNet. It reached an AUC of 0.931, compared with 0.884 for a logistic "
        "model and 0.861 for a random forest."
    )
    assert ties(nlp_results, text) == [
        ("0.931", "cardionet", None),
        ("0.884", None, None),
        ("0.861", None, None),
    ]


def test_an_opening_comparison_leaves_the_own_value(nlp_results) -> None:
    text = "We present CardioNet. Compared with the baselines, the model reached an AUC of 0.931."
    assert ties(nlp_results, text) == [("0.931", "cardionet", None)]


def test_a_later_clause_is_read_on_its_own(nlp_results) -> None:
    text = "We present CardioNet. While readers reached 71.0% accuracy, the model reached 90.2%."
    assert ties(nlp_results, text) == [("71.0%", None, None), ("90.2%", "cardionet", None)]


def test_only_introduced_and_names_other() -> None:
    assert only_introduced([]) is None
    assert names_other("neuroradiologists", frozenset())
    assert names_other("baseline", frozenset({"baseline"}))
    assert not names_other("pathology", frozenset())


def _words(text: str) -> list[str]:
    return text.split()


def test_speaks_of_others_reads_back_to_the_clause() -> None:
    others = frozenset({"baseline"})
    assert speaks_of_others(_words("the baseline obtained"), [], others)
    assert not speaks_of_others(_words("the baseline obtained 80 % ; ours obtained"), [], others)
    assert speaks_of_others([], _words("for the baseline"), others)
    # only the three words right after the value: "0.91 on the test split of the baseline"
    assert not speaks_of_others([], _words("on the test split of the baseline"), others)


# -- the dataset named before the value -------------------------------------------------------


def test_a_linked_dataset_with_modifiers_places_the_value(nlp_results) -> None:
    text = "On the held-out HeartBank test split, the AUC was 0.912."
    assert ties(nlp_results, text, set()) == [("0.912", None, "heartbank")]


def test_the_nearest_linked_dataset_places_a_later_clause(nlp_results) -> None:
    text = "On HeartBank it reached an F1 of 0.842 and on PulseSet an accuracy of 96.1%."
    assert ties(nlp_results, text, set()) == [
        ("0.842", None, "heartbank"),
        ("96.1%", None, "pulseset"),
    ]


def test_training_data_is_no_place(nlp_results) -> None:
    text = "Tested on PulseSet after training on HeartBank, it reached an AUC of 0.874."
    assert ties(nlp_results, text, set()) == [("0.874", None, "pulseset")]
    text = "Trained on HeartBank, it then reached an AUC of 0.874 on PulseSet."
    assert ties(nlp_results, text, set()) == [("0.874", None, "pulseset")]
    # the only place the sentence names, training data or not, is its test data's source
    # too ("After fine-tuning on X, it attains 72.8%": the gold ties X)
    text = "After fine-tuning on HeartBank, it reached an AUC of 0.874."
    assert ties(nlp_results, text, set()) == [("0.874", None, "heartbank")]


def test_a_list_of_datasets_places_no_single_value(nlp_results) -> None:
    text = "Across HeartBank and PulseSet, the best AUC was 0.874, against 0.70 earlier."
    assert ties(nlp_results, text, set())[0] == ("0.874", None, None)


def test_an_earlier_values_place_is_shared_only_by_compared_values(nlp_results) -> None:
    text = "It reached 0.931 AUC on HeartBank and 0.944 on PulseSet, and a Brier score of 0.082."
    assert ties(nlp_results, text, set()) == [
        ("0.931", None, "heartbank"),
        ("0.944", None, "pulseset"),
        ("0.082", None, None),
    ]
    text = "It reached 0.931 AUC on HeartBank and 0.944 on PulseSet, versus 0.902 for XGBoost."
    assert ties(nlp_results, text, set()) == [
        ("0.931", None, "heartbank"),
        ("0.944", None, "pulseset"),
        ("0.902", "xgboost", "pulseset"),
    ]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("On Foo , it reached 0.91", "foo"),
        ("Of Foo , it reached 0.91", None),  # "of" names a part, not a place
        ("On the large new Foo cohort , it reached 0.91", "foo"),
        ("On the cohort , Foo reached 0.91", None),  # no link past punctuation
    ],
)
def test_place_before_links(words: str, expected: str | None) -> None:
    import spacy

    from kg.nlp import extensions  # noqa: F401

    d = spacy.blank("en")(words)
    i = [t.text for t in d].index("Foo")
    span = d[i : i + 1]
    span.kb_id_ = "foo"
    got = place_before(d[:], d.text.index("0.91"), [span], [], frozenset({"on"}))
    assert got == expected


# -- the paper's own dataset ------------------------------------------------------------------


def test_a_value_placed_nowhere_is_on_the_papers_only_own_dataset(nlp_results) -> None:
    text = "We release HeartBank for triage. The best system reached an accuracy of 71.2%."
    assert ties(nlp_results, text, {"heartbank"}) == [("71.2%", None, "heartbank")]


def test_a_used_dataset_is_no_own_place(nlp_results) -> None:
    text = "We train on HeartBank for triage. The best system reached an accuracy of 71.2%."
    assert ties(nlp_results, text, set()) == [("71.2%", None, None)]


def test_two_datasets_give_no_own_place(nlp_results) -> None:
    text = "We release HeartBank beside PulseSet. The best system reached an accuracy of 71.2%."
    assert ties(nlp_results, text, {"heartbank"}) == [("71.2%", None, None)]


def test_external_data_is_no_own_place(nlp_results) -> None:
    text = "We release HeartBank for triage. On external validation, the accuracy was 71.2%."
    assert ties(nlp_results, text, {"heartbank"}) == [("71.2%", None, None)]
    text = "We release HeartBank for triage. The accuracy was 71.2% externally."
    assert ties(nlp_results, text, {"heartbank"}) == [("71.2%", None, None)]
