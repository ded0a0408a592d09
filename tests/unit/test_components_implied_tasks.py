"""kg_implied_tasks (issue 15): the task of a single-purpose benchmark a paper evaluates on,
when the paper names no task of that kind itself; the curated table's tasks column. Each
decision is tested with short sentences on both sides of its boundary."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract import paper_text
from kg.known_entities import load_known_entities, parse_known_entities
from kg.nlp.components.implied_tasks import (
    RULE_PREFIX,
    free_extent,
    implied_tasks,
    named_otherwise,
)
from kg.statements import LINK_THRESHOLD

HEADER = "type\tname\taliases\twikidata\tmodalities\ttasks"
QA = "questionanswering"
NAMED_BY = {QA: {"visualquestionanswering", "medicalreasoning"}}


def tasks_of(nlp: Language, title: str, abstract: str) -> dict[str, tuple[float, str]]:
    """Task key -> (highest confidence, its rule) of the paper's task spans."""
    doc = nlp(paper_text(title, abstract))
    out: dict[str, tuple[float, str]] = {}
    for span in doc.spans["kg_concepts"]:
        if span.label_ == "task":
            conf = float(span._.kg_confidence)
            if conf > out.get(span.kb_id_, (-1.0, ""))[0]:
                out[span.kb_id_] = (conf, str(span._.kg_extractor))
    return out


# ---- the pure decisions ------------------------------------------------------------------------


def test_a_benchmark_of_one_task_implies_it_once() -> None:
    mentions = [(3, 4, "medqa", (QA,)), (6, 7, "medmcqa", (QA,))]
    assert implied_tasks(mentions, set(), NAMED_BY) == [(3, 4, QA, "medqa")]


def test_a_dataset_of_many_tasks_implies_none() -> None:
    assert implied_tasks([(3, 4, "mimiccxr", ())], set(), NAMED_BY) == []


@pytest.mark.parametrize("asserted", [{QA}, {"medicalreasoning"}, {"visualquestionanswering"}])
def test_a_task_of_that_kind_asserted_already_blocks_it(asserted: set[str]) -> None:
    assert implied_tasks([(3, 4, "medqa", (QA,))], asserted, NAMED_BY) == []


def test_an_unrelated_task_does_not_block_it() -> None:
    found = implied_tasks([(3, 4, "medqa", (QA,))], {"summarization"}, NAMED_BY)
    assert [t for _, _, t, _ in found] == [QA]


def test_a_framing_blocks_the_benchmark_task_only_while_the_task_is_unwritten() -> None:
    named_by = {QA: {"medicalreasoning"}, "imagesegmentation": {"anomalydetection"}}
    framings = {"medicalreasoning"}
    # reasoning asserted, QA written in the motivation: QA is the benchmark's task too
    assert not named_otherwise(QA, {"medicalreasoning"}, named_by, {QA}, framings)
    # reasoning asserted, QA never written: reasoning names the work
    assert named_otherwise(QA, {"medicalreasoning"}, named_by, set(), framings)
    # another task on the benchmark replaces its task even when that task is written
    seg = "imagesegmentation"
    assert named_otherwise(seg, {"anomalydetection"}, named_by, {seg}, framings)


def test_a_written_task_beside_a_framing_is_implied() -> None:
    found = implied_tasks(
        [(3, 4, "medqa", (QA,))], {"medicalreasoning"}, NAMED_BY, {QA}, {"medicalreasoning"}
    )
    assert [t for _, _, t, _ in found] == [QA]


def test_the_span_takes_a_free_neighbour_inside_the_sentence() -> None:
    assert free_extent(5, 6, set(), (2, 9)) == (4, 6)
    assert free_extent(2, 3, set(), (2, 9)) == (2, 4)  # sentence start: the word after
    assert free_extent(5, 6, {(4, 6), (5, 7)}, (2, 9)) is None


# ---- the curated column ------------------------------------------------------------------------


def test_the_tasks_column_is_read_and_checked() -> None:
    table = parse_known_entities(
        [HEADER, "dataset\tMedQA\t\t\t\tquestionanswering |", "dataset\tImageNet\t\t\t"],
        task_keys={QA},
    )
    medqa, imagenet = table.lookup("MedQA"), table.lookup("ImageNet")
    assert medqa is not None and medqa.tasks == (QA,)
    assert imagenet is not None and imagenet.tasks == ()


def test_an_unknown_task_key_fails_clearly() -> None:
    with pytest.raises(ValueError, match=r"unknown task key.*'qa'.*tasks\.ttl"):
        parse_known_entities([HEADER, "dataset\tMedQA\t\t\t\tqa"], task_keys={QA})


def test_a_model_row_with_tasks_fails() -> None:
    with pytest.raises(ValueError, match="only a dataset"):
        parse_known_entities([HEADER, "model\tGPT-4\t\t\t\tquestionanswering"], task_keys={QA})


@pytest.mark.parametrize(
    ("name", "tasks"),
    [
        ("MedQA", {QA}),
        ("VQA-RAD", {"visualquestionanswering"}),
        ("MedNLI", {"naturallanguageinference"}),
        ("BraTS", {"imagesegmentation"}),
        ("IU X-Ray", {"reportgeneration"}),
        ("MIMIC-CXR", set()),  # serves many tasks
        ("CheXpert", set()),
        ("ImageNet", set()),
        ("BioASQ", set()),  # semantic indexing and question answering
    ],
)
def test_the_shipped_table_curates_single_purpose_benchmarks_only(
    name: str, tasks: set[str]
) -> None:
    entity = load_known_entities().lookup(name)
    assert entity is not None and set(entity.tasks) == tasks


# ---- the component in the pipeline -------------------------------------------------------------


def test_evaluating_on_a_qa_benchmark_asserts_question_answering(nlp_rules: Language) -> None:
    found = tasks_of(
        nlp_rules,
        "A compact clinical language model",
        "We compare our 1B model with three open models on PubMedQA and MedMCQA.",
    )
    conf, rule = found[QA]
    assert conf >= LINK_THRESHOLD and rule == f"{RULE_PREFIX}pubmedqa"


def test_a_paper_framing_its_benchmark_work_as_reasoning_gets_no_qa(nlp_rules: Language) -> None:
    found = tasks_of(
        nlp_rules,
        "Step-wise medical reasoning in small models",
        "We improve medical reasoning of an 8B model and report its accuracy on MedQA.",
    )
    assert "medicalreasoning" in found and QA not in found


def test_a_motivation_task_beside_reasoning_is_the_benchmark_task(nlp_rules: Language) -> None:
    found = tasks_of(
        nlp_rules,
        "Teaching small models clinical reasoning",
        "Open models still trail proprietary ones on medical question answering. We train a"
        " 3B model to reason step by step and report its accuracy on MedQA and PubMedQA.",
    )
    assert "medicalreasoning" in found
    conf, rule = found[QA]
    assert conf >= LINK_THRESHOLD and rule.startswith(RULE_PREFIX)


def test_another_task_on_a_segmentation_set_stays_the_only_one(nlp_rules: Language) -> None:
    found = tasks_of(
        nlp_rules,
        "Flagging unfamiliar brain MRI before analysis",
        "Segmentation models degrade on unfamiliar scans. We propose a detector that flags"
        " out-of-distribution brain MRI volumes and reach an AUROC of 0.91 on BraTS 2021.",
    )
    assert "anomalydetection" in found
    assert found.get("imagesegmentation", (0.0, ""))[0] < LINK_THRESHOLD


def test_a_general_dataset_implies_no_task(nlp_rules: Language) -> None:
    found = tasks_of(
        nlp_rules,
        "A chest radiograph model",
        "We pretrain a vision transformer on MIMIC-CXR and CheXpert.",
    )
    assert not any(rule.startswith(RULE_PREFIX) for _, rule in found.values())


def test_the_dataset_span_keeps_its_own_confidence(nlp_rules: Language) -> None:
    doc = nlp_rules(paper_text("A VQA model", "Our assistant reaches 71.2% accuracy on SLAKE."))
    dataset = [s for s in doc.spans["kg_datasets"] if s.kb_id_ == "slake"]
    task = [s for s in doc.spans["kg_concepts"] if s.kb_id_ == "visualquestionanswering"]
    assert dataset and dataset[0]._.kg_extractor.startswith("kg_entities")
    assert task and (task[0].start, task[0].end) != (dataset[0].start, dataset[0].end)
