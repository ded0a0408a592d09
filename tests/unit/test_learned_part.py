"""The learned part (``kg_ner`` + ``kg_typer``, issue 15): what it contributes, visibly."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.corpus.models import paper_text
from kg.evaluate import evaluate_file
from kg.extract import doc_extraction
from kg.nlp import build_nlp
from kg.statements import LINK_THRESHOLD

DEV_GOLD = Path(__file__).resolve().parents[1] / "data" / "dev_gold.jsonl"

TITLE = "A study"
# the abbreviation of an event type (adverse drug event): the rules assert "ADE" as a model from
# its shape, the typer reads from its context ("ADE detection") that it names no model
ABSTRACT = "Traditional ADE detection methods are slow. We introduce a framework for ADE detection."


def _links(use_ner: bool) -> dict[str, tuple[float, tuple[str, ...]]]:
    doc = build_nlp(use_ner=use_ner)(paper_text(TITLE, ABSTRACT))
    extraction = doc_extraction(doc, "p", TITLE, ABSTRACT)
    return {
        lk.label: (lk.confidence, tuple(ev.extractor for ev in lk.evidence))
        for lk in extraction.links
    }


def test_learned_decisions_carry_their_extractor_in_the_evidence() -> None:
    """The typer's verdict on a link is visible in its evidence: here it rejects a non-name."""
    rules = _links(use_ner=False)
    learned = _links(use_ner=True)
    assert rules["ADE"][0] >= LINK_THRESHOLD  # the rules assert it
    confidence, extractors = learned["ADE"]
    assert confidence < LINK_THRESHOLD  # kept as a mention, not asserted
    assert extractors and all(ex.startswith("kg_typer:") for ex in extractors)


@pytest.mark.slow
def test_dev_scores_with_and_without_the_learned_part(
    nlp_default: Language, nlp_rules: Language
) -> None:
    """The ablation on the dev set (measured, issue 15): the learned part changes predictions.

    Measured with the shipped model (NER, typer and concept judges, trained by ``kg train``
    on the corpus annotations, the synthetic name records and the written proxy sets 1-18;
    session 17's rules): macro-F1 0.834 with it, 0.835 without (dataset F1 0.890 vs 0.899,
    precision 0.958 vs 0.947; model F1 0.881 vs 0.879, precision 0.912 vs 0.897). On the
    three blind proxy sets of session 17 it gains 0.006-0.007 macro-F1 over the rules; on
    these real abstracts it ties them, within 0.006, and raises name precision. In 5-fold
    cross-validation it raises model F1 (precision) and leaves the other types level; the
    task and metric judges ship switched off (their held-out gain does not pass the
    bootstrap test of ``kg.train.ship_judge_thresholds``). Removing the learned part does
    NOT lower dev macro-F1 by 0.02 (the issue's bar). This test holds the measured level,
    so a regression of the learned part shows.
    """
    with_learned = evaluate_file(DEV_GOLD, nlp=nlp_default)
    rules_only = evaluate_file(DEV_GOLD, nlp=nlp_rules)
    assert with_learned.to_dict() != rules_only.to_dict()
    assert with_learned.macro_f1 >= rules_only.macro_f1 - 0.006
    assert with_learned.score("dataset").precision >= rules_only.score("dataset").precision
    assert with_learned.score("model").precision >= rules_only.score("model").precision


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "challenge_names",
        "challenge_names_2",
        "challenge_roles_results",
        "challenge_roles_results_b",
        "challenge_concepts",
    ],
)
def test_learned_part_holds_on_short_unseen_abstracts(
    name: str, nlp_default: Language, nlp_rules: Language
) -> None:
    """On the blind challenge sets (short written abstracts with unseen names) the learned
    part is level with the rules (measured: -0.002 to +0.005 macro-F1). Trained on the 314
    papers alone it was up to 0.025 below them: with few words around a name its "none"
    prior rejected "ResNet-152", "RETFound" or "HRNet"; the synthetic records
    (``data/annotations/synthetic.jsonl``: names in short, varied contexts) fixed that."""
    gold = DEV_GOLD.parent / f"{name}.jsonl"
    with_learned = evaluate_file(gold, nlp=nlp_default)
    rules_only = evaluate_file(gold, nlp=nlp_rules)
    assert with_learned.macro_f1 >= rules_only.macro_f1 - 0.006
