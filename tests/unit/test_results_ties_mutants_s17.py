"""Ties, session 17: tests written for the mutants of mutmut 3.8.1's operators that the suite
let live in ``find_results``' fallbacks for values carried into a sentence that names no
metric (docs/mutation.md, session 17 run). Fresh short abstracts through ``kg_results``."""

from __future__ import annotations

from test_results_ties15 import ties


def test_a_carried_value_goes_to_the_aims_system(nlp_results) -> None:  # type: ignore[no-untyped-def]
    text = (
        "To evaluate the diagnostic accuracy of the CardioNet software, we enrolled 3,402 "
        "adults. Its accuracy was 61.2% at first. A recalibration lifts this to 79.5%."
    )
    assert ("79.5%", "cardionet", None) in ties(nlp_results, text, introduced=set())


def test_a_carried_value_goes_to_the_papers_own_model(nlp_results) -> None:  # type: ignore[no-untyped-def]
    text = (
        "We introduce CardioNet, a network for ECG triage. Its accuracy was 61.2% at first. "
        "A recalibration lifts this to 79.5%."
    )
    assert ("79.5%", "cardionet", None) in ties(nlp_results, text)
