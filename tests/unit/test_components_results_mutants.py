"""kg_results, issue 15: tests written for the mutants a mutmut 3.8.1 run left alive (the
decisions of session 11), and at the end for those of session 13's decisions (session 14).

Each test holds one decision of ``kg/nlp/components/results.py`` at its exact boundary, so
that the mutant that moved it (``>=`` to ``>``, an index off by one, ``or`` for ``and``) fails.
"""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.language import Language

from kg.nlp.components.results import (
    VALUE_RE,
    ResultCues,
    _clause_verb,
    binds,
    binds_value,
    counts_per_unit,
    echoed_foreign,
    is_interval_bound,
    is_score_like,
    is_share_of_items,
    listed_for_names,
    measures_another,
    names_a_bound,
    names_a_setting,
    opens_sentence,
    reached_after_change,
    share_first_metric,
    tied_to_name,
)


@pytest.fixture(scope="module")
def nlp(nlp_results: Language) -> Language:
    """The concepts + results pipeline of ``tests/conftest.py``."""
    return nlp_results


# echoed_foreign: a list echoes, place by place, the values right before it.


@pytest.mark.parametrize(
    ("groups", "bound", "foreign", "expected"),
    [
        # the echoed sequence is the len(group) values right before the list
        ([[3, 4, 5]], {0, 1}, {2}, {5}),
        ([[4, 5, 6]], {1, 2}, {3}, {6}),
        # two values before, one foreign: only one scored value, no echo
        ([[3, 4]], {0, 1}, {2}, set()),
        ([[2, 3]], {0}, {1}, set()),
        # a value before that is neither bound nor foreign breaks the echo
        ([[3, 4, 5]], {0}, {2}, set()),
        # no foreign value before: nothing to echo
        ([[3, 4, 5]], {0, 1, 2}, set(), set()),
        # a list skipped does not stop the lists after it
        ([[3, 4], [8, 9, 10]], {0, 1, 5, 6}, {2, 7}, {10}),
    ],
)
def test_echoed_foreign(
    groups: list[list[int]], bound: set[int], foreign: set[int], expected: set[int]
) -> None:
    assert echoed_foreign(groups, bound, foreign) == expected


# tied_to_name: a value stated for a named dataset or model with nothing between.


def _tied(text: str, datasets: list[tuple[int, int]], models: list[tuple[int, int]]) -> bool:
    doc = spacy.blank("en")(text)
    match = VALUE_RE.search(text)
    assert match is not None
    return tied_to_name(
        doc,
        match,
        [doc[a:b] for a, b in datasets],
        [doc[a:b] for a, b in models],
        frozenset({"reached"}),
    )


@pytest.mark.parametrize(
    ("text", "datasets", "models", "expected"),
    [
        # a model, then a score verb, then the value: the value may start at token 2
        ("Y reached 21.4% today", [], [(0, 1)], True),
        # the value token may hold more than the value ("~21.4")
        ("Y reached ~21.4% today", [], [(0, 1)], True),
        # the model must end right before the verb
        ("Y then reached 21.4% today", [], [(0, 1)], False),
        # "on" or "in", then the dataset, which may be the last token
        ("X gets 88.1% on MedQA", [(5, 6)], [], True),
        ("X gets 88.1% in MedQA", [(5, 6)], [], True),
        ("X gets 88.1% on the MedQA", [(6, 7)], [], False),
        # a value at the very end of the text
        ("X gets 88.1%", [(0, 1)], [], False),
        # alone in brackets right after a model, spaces inside the brackets or not
        ("X and Y ( 47.9% )", [], [(2, 3)], True),
        ("X and Y (47.9% )", [], [(2, 3)], True),
        ("A )(47.9%)", [], [(0, 2)], True),
        # an open bracket alone, or a bracket after something that is no model
        ("Y (47.9% on A)", [], [(0, 1)], False),
        ("Y on the set (47.9%)", [], [(0, 1)], False),
        ("(47.9%) x", [], [(4, 5)], False),
    ],
)
def test_tied_to_name(
    text: str, datasets: list[tuple[int, int]], models: list[tuple[int, int]], expected: bool
) -> None:
    assert _tied(text, datasets, models) is expected


# is_interval_bound: the bounds of an interval in brackets right after another value.


def _bound(text: str, value: str) -> bool:
    start = text.index(value)
    return is_interval_bound(text, start, start + len(value))


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        # the bracket closes after the value, not at an earlier or the last closer of the text
        ("A (x) 0.91 (0.88-0.94)", "0.88", True),
        ("AUC 0.91 (0.88-0.94) and F1 (0.8)", "0.88", True),
        # the bracket's first part ends at the first ";" after the value, inside the bracket
        ("X; AUC 0.91 (0.88-0.94)", "0.88", True),
        ("AUC 0.91 (0.88-0.94); F1 0.8", "0.88", True),
        ("AUC 0.91 (0.90-0.95; p=0.01; n=3)", "0.90", True),
        # the value before the bracket may open the text
        ("0.91 (0.88-0.94)", "0.88", True),
        # that value must end within 12 characters of the bracket
        ("AUC 0.91        (0.88-0.94)", "0.88", True),
        ("AUC 0.91         (0.88-0.94)", "0.88", False),
    ],
)
def test_is_interval_bound(text: str, value: str, expected: bool) -> None:
    assert _bound(text, value) is expected


# names_a_setting and names_a_bound: the words before a value (lower case, nearest last).

_SETTING_CUES = ResultCues(
    frozenset(),
    frozenset(),
    frozenset(),
    frozenset(),
    frozenset(),
    frozenset(),
    setting_nouns=frozenset({"threshold", "thresholds"}),
    bound_before=frozenset({"surpasses", "above"}),
)


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        # a setting noun right before the value, even alone
        ("threshold", True),
        # a setting noun and one of "of", "=", ":", "from", "at": two words are enough
        ("threshold of", True),
        ("threshold =", True),
        ("threshold :", True),
        ("thresholds from", True),
        ("threshold at", True),
        ("threshold and", False),
        # the end of "thresholds from 0.5 to 0.95", numbers dropped or not
        ("thresholds from to", True),
        ("thresholds from 0 5 to", True),
        ("rose from to", False),
    ],
)
def test_names_a_setting(before: str, expected: bool) -> None:
    assert names_a_setting(before.split(), _SETTING_CUES) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("surpasses a score of", True),
        ("surpasses an score of", True),
        ("surpasses the level of", True),
        # more words before the bound verb
        ("it surpasses a score of", True),
        ("it reaches a score of", False),
    ],
)
def test_names_a_bound(before: str, expected: bool) -> None:
    assert names_a_bound(before.split(), _SETTING_CUES) is expected


# share_first_metric: a list opening with a value tied to a metric shares that metric.


@pytest.mark.parametrize(
    ("groups", "assigned", "expected"),
    [
        # the first value is tied: the others take its metric, a list of two included
        ([[0, 1, 2]], {0: "dice"}, {0: "dice", 1: "dice", 2: "dice"}),
        ([[0, 1]], {0: "dice"}, {0: "dice", 1: "dice"}),
        # two tied values with two metrics: nothing shared
        ([[0, 1, 2]], {0: "dice", 1: "iou"}, {0: "dice", 1: "iou"}),
        # a list skipped (first value not tied, or metrics differ) does not stop the next one
        ([[0, 1], [2, 3]], {2: "dice"}, {2: "dice", 3: "dice"}),
        (
            [[0, 1], [2, 3]],
            {0: "dice", 1: "iou", 2: "f1"},
            {0: "dice", 1: "iou", 2: "f1", 3: "f1"},
        ),
    ],
)
def test_share_first_metric(
    groups: list[list[int]], assigned: dict[int, str], expected: dict[int, str]
) -> None:
    assert share_first_metric(groups, assigned) == expected


# is_share_of_items: "N% of <items>" is a share, unless its clause says it is a score.

_SHARE_CUES = ResultCues(
    frozenset(),
    frozenset(),
    frozenset(),
    frozenset(),
    frozenset(),
    frozenset(),
    share_score_words=frozenset({"correctly"}),
)


def _share(text: str, value: str, metric: str | None = None) -> bool:
    match = VALUE_RE.search(text, text.index(value))
    assert match is not None
    starts = frozenset({text.index(metric)}) if metric else frozenset()
    return is_share_of_items(match, text, _SHARE_CUES, starts)


@pytest.mark.parametrize(
    ("text", "metric", "expected"),
    [
        ("it flagged 83% of failures", None, True),
        # the clause ends at a comma: a score word after it is not about the share
        ("it flagged 83% of failures, answered correctly", None, True),
        ("it flagged 83% of failures answered correctly, then", None, False),
        # the measure in the first bracket of the clause, spaces inside the bracket or not
        ("it found 62% of cases (recall) (n=3)", "recall", False),
        ("it found 62% of cases ( recall)", "recall", False),
        ("it found 62% of cases (n=3) and more", None, True),
    ],
)
def test_is_share_of_items(text: str, metric: str | None, expected: bool) -> None:
    value = re.search(r"\d+%", text)
    assert value is not None
    assert _share(text, value.group(0), metric) is expected


def test_is_share_of_items_reads_100_characters_after_the_value() -> None:
    # "correctly" ends 100 characters after the value: read; 101: cut to "correctl"
    head = "it got 81% of the items"
    fill = " " + "x" * (100 - len(" of the items") - len(" correctly") - 1)
    assert _share(head + fill + " correctly", "81%") is False
    assert _share(head + fill + "y correctly", "81%") is True


# listed_for_names: percentages listed "respectively" for an equally long list of models.

_EMPTY_CUES = ResultCues(
    frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), frozenset()
)


def _listed(text: str, names: tuple[str, ...], sent: tuple[int, int] | None = None) -> list[str]:
    doc = spacy.blank("en")(text)
    models = [doc[t.i : t.i + 1] for t in doc if t.text in names]
    for model in models:
        model.kb_id_ = model.text.lower()
    span = doc[sent[0] : sent[1]] if sent else doc[:]
    listed = listed_for_names(span, doc.text, models, _EMPTY_CUES)
    return [f"{doc.text[start : start + 5]}={key}" for start, key in sorted(listed.items())]


@pytest.mark.parametrize(
    ("text", "names", "sent", "expected"),
    [
        ("A and B scored 84.3% and 78.0%, respectively.", ("A", "B"), None, ["84.3%=a", "78.0%=b"]),
        # a model of another sentence is not listed
        ("A won . B scored 84.3% and 78.0%, respectively.", ("A", "B"), (3, 14), []),
        (
            "A and B won. C and D scored 84.3% and 78.0%, respectively.",
            ("A", "B", "C", "D"),
            (4, 16),
            ["84.3%=c", "78.0%=d"],
        ),
        # values of the next sentence are not listed
        (
            "A and B scored 84.3% and 78.0%, respectively. C got 50% and 40%.",
            ("A", "B"),
            (0, 12),
            ["84.3%=a", "78.0%=b"],
        ),
        # a model may end the sentence
        (
            "It scored 84.3% and 78.0%, respectively, for A and B",
            ("A", "B"),
            None,
            ["84.3%=a", "78.0%=b"],
        ),
        # "respectively" ties lists far apart
        (
            "A and B, the two systems trained on the full set here, scored 84.3% and "
            "78.0%, respectively.",
            ("A", "B"),
            None,
            ["84.3%=a", "78.0%=b"],
        ),
        # only percentages are listed
        ("A and B scored 0.84 and 0.78, respectively, on 5% of the data.", ("A", "B"), None, []),
    ],
)
def test_listed_for_names(
    text: str, names: tuple[str, ...], sent: tuple[int, int] | None, expected: list[str]
) -> None:
    assert _listed(text, names, sent) == expected


# opens_sentence: the sentence's first metric is its subject.


@pytest.mark.parametrize(
    ("text", "sent_start", "metric", "expected"),
    [
        ("The accuracy was lower", 0, 1, True),
        ("Accuracy was lower", 0, 0, True),
        # a sentence that starts later in the Doc
        ("It ends . Accuracy was lower", 3, 3, True),
        ("It ends . The accuracy was lower", 3, 4, True),
        # one word before the metric, which must be a subject opener
        ("We accuracy was lower", 0, 1, False),
        # two words before it, even after an opener
        ("The final accuracy was lower", 0, 2, False),
    ],
)
def test_opens_sentence(text: str, sent_start: int, metric: int, expected: bool) -> None:
    doc = spacy.blank("en")(text)
    assert opens_sentence(doc[sent_start:], [doc[metric : metric + 1]]) is expected


def test_opens_sentence_without_metrics() -> None:
    doc = spacy.blank("en")("Accuracy was lower")
    assert opens_sentence(doc[:], []) is False


# binds: at most three binding words between a metric and its value.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AUC score was : 0.91", True),
        ("AUC score value was : 0.91", False),
    ],
)
def test_binds_three_words_at_most(text: str, expected: bool) -> None:
    doc = spacy.blank("en")(text)
    assert binds(doc, 1, len(doc) - 1) is expected


# binds_value: a value of its own within four tokens after the metric.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.91 and F1 score of = 0.85", True),
        ("0.91 and F1 score value of = 0.85", False),
        # a number written as a word, or a token that starts with a digit
        ("0.91 and F1 of ten", True),
        ("0.91 and F1 of 3x", True),
        # the text ends after the metric
        ("0.91 and F1", False),
        ("0.91 and F1 of", False),
    ],
)
def test_binds_value(text: str, expected: bool) -> None:
    assert binds_value(spacy.blank("en")(text), 3) is expected


# _clause_verb: the word before a value, when it can be a clause's verb.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("X scored 0.9", "scored"),
        ("0.9", None),
        # a binding word, a word that is no verb, a word with digits
        ("X reached 0.9", None),
        ("X and 0.9", None),
        ("X x2 0.9", None),
    ],
)
def test_clause_verb(text: str, expected: str | None) -> None:
    assert _clause_verb(text, text.index("0.9")) == expected


# counts_per_unit: one or two words, then "per".


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("false alarms per hour", True),
        ("lesions per scan", True),
        ("false positive alarms per hour", False),
    ],
)
def test_counts_per_unit(after: str, expected: bool) -> None:
    assert counts_per_unit(after.split()) is expected


# measures_another: a value bound by "of", "=" or ":" to a word of its own.


@pytest.mark.parametrize(
    ("text", "metric_end", "value_start", "expected"),
    [
        # "of" right after the metric: the metric itself is no other measure
        ("F1 of 0.85", 1, 2, False),
        ("HD95 of 2.5 and SDlogJ of 0.22", 1, 6, True),
        # the metric's span already ends inside a bracket: no abbreviation of another measure
        ("F1 ( CCC ) of 0.46", 3, 5, False),
        ("F1 and a ( CCC ) of 0.46", 1, 7, True),
    ],
)
def test_measures_another(text: str, metric_end: int, value_start: int, expected: bool) -> None:
    assert measures_another(spacy.blank("en")(text), metric_end, value_start) is expected


# reached_after_change: "by <change> to <value>" read within 40 characters before the value.


@pytest.mark.parametrize(("spaces", "expected"), [(30, True), (31, False)])
def test_reached_after_change_window(spaces: int, expected: bool) -> None:
    text = "AUROC rose by 0.05" + " " * spaces + "to 0.93"
    match = VALUE_RE.search(text, text.index("0.93"))
    assert match is not None
    assert reached_after_change(match, text) is expected


# is_score_like: the head and tail of a number written with a thousands comma are no scores.


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("AUC of 9,421 today", "421", False),
        ("AUC of 9,421.5 today", "421.5", False),
        ("AUC of 12,000 today", "12", False),
        ("AUC of 12 today", "12", True),
        # three digits without a comma before, a comma after a value without three digits
        ("AUC of 421 today", "421", True),
        ("AUC of 0.421, today", "0.421", True),
        ("AUC of 12, 000 today", "12", True),
    ],
)
def test_is_score_like_thousands(text: str, value: str, expected: bool) -> None:
    match = VALUE_RE.search(text, text.index(value))
    assert match is not None
    assert is_score_like(match, text, _EMPTY_CUES) is expected


# Session 13's decisions (mutants of the harness run of session 14; see docs/mutation.md).
# What the extractor reads at construction is tested on objects built in the test itself: a
# pipeline fixture built once would not see a mutant of its constructor.


def test_result_cues_read_the_share_word_lists() -> None:
    cues = ResultCues.from_rows(
        [
            {"cue": "share_metrics", "words": ["HumanEvaluation"]},
            {"cue": "share_nouns", "words": ["Share", "proportion"]},
        ]
    )
    assert cues.share_metrics == frozenset({"humanevaluation"})
    assert cues.share_nouns == frozenset({"share", "proportion"})
    empty = ResultCues.from_rows([])
    assert empty.share_metrics == frozenset()
    assert empty.share_nouns == frozenset()


def test_rates_shares_needs_a_rated_measure_among_the_metrics() -> None:
    from kg.nlp.components.results import rates_shares

    doc = spacy.blank("en")("accuracy and human evaluation")
    accuracy = spacy.tokens.Span(doc, 0, 1, label="metric", kb_id="accuracy")
    rated = spacy.tokens.Span(doc, 2, 4, label="metric", kb_id="humanevaluation")
    share_metrics = frozenset({"humanevaluation"})
    assert not rates_shares([accuracy], share_metrics)
    assert rates_shares([accuracy, rated], share_metrics)
    assert not rates_shares([], share_metrics)


def test_a_fresh_extractor_keeps_the_metric_a_rolled_up_mention_names() -> None:
    from result_helpers import results

    import kg.nlp.components.concepts  # noqa: F401  (registers the factory)
    from kg.nlp import read_patterns
    from kg.nlp.components.concepts import CONCEPT_PATTERN_FILES

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_concepts").initialize(nlp=nlp, patterns=read_patterns(CONCEPT_PATTERN_FILES))
    nlp.add_pipe("kg_results").initialize(nlp=nlp, patterns=read_patterns(["results"]))
    # (metric variants of a GUIDELINES metric fold into it since metricvar14: a metric outside
    # that list keeps the narrower concept its words name)
    text = "The risk model has a Brier score of 0.18 and an integrated Brier score of 0.12."
    assert results(nlp, text) == [("brierscore", "0.18"), ("integratedbrierscore", "0.12")]


def _cues(**kwargs: frozenset[str]) -> ResultCues:
    empty = frozenset[str]()
    return ResultCues(empty, empty, empty, empty, empty, empty, **kwargs)


def _value(text: str, at: str) -> re.Match[str]:
    found = VALUE_RE.search(text, text.index(at))
    assert found is not None
    return found


def test_a_value_followed_by_a_lone_dash_or_times_sign_is_no_score() -> None:
    cues = _cues()
    assert not is_score_like(_value("it ran 2.5 x faster", "2.5"), "it ran 2.5 x faster", cues)
    text = "it ran 2.5 - 3 times faster"
    assert not is_score_like(_value(text, "2.5"), text, cues)


def test_bounds_a_category_at_the_edges_of_its_windows() -> None:
    from kg.nlp.components.results import bounds_a_category

    # the bracket may open the text
    assert bounds_a_category(_value("(<40%)", "40"), "(<40%)")
    # the sign bracket is read within six characters before the value
    assert bounds_a_category(_value("x (  <  40%)", "40"), "x (  <  40%)")
    assert not bounds_a_category(_value("x (   <  40%)", "40"), "x (   <  40%)")
    # a short unit may stand between the value and the closing bracket
    assert bounds_a_category(_value("nodules (≤ 6 mm)", "6"), "nodules (≤ 6 mm)")
    assert not bounds_a_category(_value("nodules (≤ 6 mm wide)", "6"), "nodules (≤ 6 mm wide)")


def test_joins_a_compound_needs_a_letter_after_the_hyphen() -> None:
    from kg.nlp.components.results import joins_a_compound

    assert not joins_a_compound("-")
    assert not joins_a_compound("")
    assert joins_a_compound("-fold")


def test_a_metric_after_at_the_alone_is_no_matched_setting() -> None:
    from kg.nlp.components.results import is_matched_setting

    doc = spacy.blank("en")("at the recall , at the same recall")
    assert not is_matched_setting(doc, doc[2:3])
    assert is_matched_setting(doc, doc[7:8])


def test_says_correct_reads_the_word_before_each_score_word() -> None:
    from kg.nlp.components.results import says_correct

    cues = _cues(share_score_words=frozenset({"correctly"}))
    # a score word opening the clause is about the share, whatever ends the clause
    assert says_correct(" correctly classified in", cues)
    # after a preposition it qualifies the items
    assert not says_correct(" for correctly answered questions", cues)


def test_rated_share_windows() -> None:
    from kg.nlp.components.results import rated_share

    # a rating word read within the 200 characters after the share ("83%" ends at 3)
    def text_with_rated_at(start: int) -> str:
        return "83% of " + "a" * (start - len("83% of ") - 1) + " rated"

    inside = text_with_rated_at(198)  # "rated" is characters 198-202
    assert rated_share(_value(inside, "83"), inside, len(inside))
    cut = text_with_rated_at(199)  # its "d" is character 203, the 201st after the value
    assert not rated_share(_value(cut, "83"), cut, len(cut))
    # four words before it, not five
    four = "they preferred it in nearly 62% of cases"
    assert rated_share(_value(four, "62"), four, len(four))
    five = "they preferred it in nearly all 62% of cases"
    assert not rated_share(_value(five, "62"), five, len(five))


def test_names_own_share_bounds() -> None:
    from kg.nlp.components.results import names_own_share

    cues = _cues(share_nouns=frozenset({"share", "proportion"}))
    # a clause opened by a comma at the start of the gap, or by a semicolon
    assert names_own_share([",", "the", "share", "of", "scans", "fell", "to"], cues)
    assert names_own_share([";", "the", "proportion", "of", "flags", "was"], cues)
    # the share noun must be followed by "of", and must be a share noun
    assert not names_own_share([",", "and", "the", "share", "was"], cues)
    assert not names_own_share([",", "and", "the", "rate", "of", "flags", "was"], cues)
    # only the words after the last comma count
    assert not names_own_share(["share", "of", ",", "rising", "to"], cues)


def test_own_metric_leaves_spans_the_roll_up_cannot_have_relabelled() -> None:
    from kg.nlp import extensions  # noqa: F401  (registers kg_extractor)
    from kg.nlp.components.results import own_metric

    doc = spacy.blank("en")("diagnostic accuracy of 58 %")
    labels = {"diagnosticaccuracy": "accuracy"}
    narrower = frozenset({"top5accuracy"})
    # rolled up, but of a concept with no broader one
    other = spacy.tokens.Span(doc, 0, 2, label="metric", kb_id="sensitivity")
    other._.kg_extractor = "vocabulary+rollup"
    assert own_metric(other, labels, narrower).kb_id_ == "sensitivity"
    # narrower, but not rolled up
    plain = spacy.tokens.Span(doc, 0, 2, label="metric", kb_id="top5accuracy")
    plain._.kg_extractor = "vocabulary"
    assert own_metric(plain, labels, narrower).kb_id_ == "top5accuracy"
    # relabelled, it stays a metric span
    plain._.kg_extractor = "vocabulary+rollup"
    relabelled = own_metric(plain, labels, narrower)
    assert (relabelled.kb_id_, relabelled.label_) == ("accuracy", "metric")
    # its words name no label, or name its own key
    unnamed = spacy.tokens.Span(doc, 2, 4, label="metric", kb_id="top5accuracy")
    unnamed._.kg_extractor = "vocabulary+rollup"
    assert own_metric(unnamed, labels, narrower) is unnamed
    same = spacy.tokens.Span(doc, 0, 2, label="metric", kb_id="top5accuracy")
    same._.kg_extractor = "vocabulary+rollup"
    assert own_metric(same, {"diagnosticaccuracy": "top5accuracy"}, narrower) is same


def test_joins_a_compound_reads_only_the_letter_after_the_hyphen() -> None:
    from kg.nlp.components.results import joins_a_compound

    assert joins_a_compound("-d")
    assert joins_a_compound("-a1")


def test_within_a_value_of_reads_two_words_after_it() -> None:
    from kg.nlp.components.results import is_change

    cues = _cues()
    near = "stays within 0.02 AUROC of the teacher"
    assert is_change(_value(near, "0.02"), near, cues)
    far = "stays within 0.02 mean AUROC of the teacher"
    assert not is_change(_value(far, "0.02"), far, cues)


def test_names_own_share_needs_a_comma_and_reads_from_the_word_after_it() -> None:
    from kg.nlp.components.results import names_own_share

    cues = _cues(share_nouns=frozenset({"share"}))
    assert not names_own_share(["and", "its", "share", "of", "scans", "fell", "to"], cues)
    assert names_own_share([",", "share", "of", "flags", "rose", "to"], cues)


def test_share_following_metric_goes_on_after_a_mixed_value() -> None:
    from kg.nlp.components.results import share_following_metric

    out = share_following_metric(
        [[0, 1, 2]],
        {0: "f1", 1: "f1", 2: "acc"},  # type: ignore[dict-item]
        {2},
        mixed=frozenset({0}),
        nearest=frozenset({1}),
    )
    assert out == {0: "f1", 1: "acc", 2: "acc"}
