"""kg_results, session 16: tests written for the mutants of mutmut 3.8.1's operators that the
suite let live in the session's result decisions (a value list that is the first thing scored
after a metric list, a bracketed aside's metrics). Direct calls on character spans or short
blank-pipeline Docs, each at the bound the mutant moves (docs/mutation.md, session 16 run)."""

from __future__ import annotations

import spacy

from kg.nlp.components.results import first_list_after, only_aside_metrics

_NLP = spacy.blank("en")


def test_metric_after_third_value_of_list_breaks_pairing() -> None:
    # three values; a metric 6 characters after the third one but 27 after the second
    values = [(60, 64), (69, 73), (90, 94)]
    assert not first_list_after(10, values, [0, 1, 2], [(0, 10), (100, 102)])
    assert first_list_after(10, values, [0, 1, 2], [(0, 10)])


def test_metric_at_the_end_of_the_reach_breaks_pairing() -> None:
    # the list ends at 73; a metric starting 16 characters later still qualifies it
    values = [(60, 64), (69, 73)]
    assert not first_list_after(10, values, [0, 1], [(0, 10), (89, 91)])
    assert first_list_after(10, values, [0, 1], [(0, 10), (90, 92)])


def test_value_ending_with_metric_list_stands_between() -> None:
    # a number read inside the last metric ("Recall@10") ends where the metrics end
    values = [(8, 10), (60, 64), (69, 73)]
    assert not first_list_after(10, values, [1, 2], [(0, 10)])


def test_aside_metric_must_itself_be_in_a_closed_bracket() -> None:
    d = _NLP("X reached 0.75 , Y 0.74 ( AUPRC )")
    assert not only_aside_metrics(d, d[7:8], 5, [d[7:8]])


def test_metric_right_before_value_counts_as_earlier_metric() -> None:
    d = _NLP("X 0.75 ( AUPRC 0.40 ) , AUROC 0.74")
    assert only_aside_metrics(d, d[3:4], 9, [d[3:4]])
    assert not only_aside_metrics(d, d[3:4], 9, [d[3:4], d[8:9]])
