"""kg_entities, issue 15 item 3: one entity, several written forms. A version tag, a
capitalised collection head or a model-hub owner written around a name that the same
abstract also writes alone; a count glued to a name's size or written before it. Short fresh
sentences on both sides of each decision."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp.components.names.boundaries import score_after_size
from kg.nlp.components.names.scan import written_form_base
from kg.nlp.components.names.units import unit_shape
from kg.statements import LINK_THRESHOLD


def entities(nlp: Language, text: str) -> dict[str, set[str]]:
    """Entity key -> the surface texts of its asserted dataset/model mentions."""
    doc = nlp("A study\n\n" + text)
    out: dict[str, set[str]] = {}
    for key in ("kg_datasets", "kg_models"):
        for span in doc.spans[key]:
            if span._.kg_confidence >= LINK_THRESHOLD:
                out.setdefault(span.kb_id_, set()).add(span.text)
    return out


def grouped(found: dict[str, set[str]], *texts: str) -> bool:
    """Whether one entity holds all of ``texts``."""
    return any(set(texts) <= surfaces for surfaces in found.values())


HEADS = frozenset({"corpus", "track", "database"})


@pytest.mark.parametrize(
    ("text", "hub", "base"),
    [
        ("Quillbank v3.1", False, "Quillbank"),
        ("Quillbank V2", False, "Quillbank"),
        ("Larchwood Corpus", False, "Larchwood"),
        ("ReedQA 2022 Track 1", False, "ReedQA 2022"),
        ("ohmlab/SparrowLM-7B", True, "SparrowLM-7B"),
        ("SparrowLM-v2", False, None),  # a version written together is another name
        ("SparrowLM large-v2", False, None),  # a tier
        ("SparrowLM 2", False, None),  # a numbered release
        ("Larchwood Model", False, None),  # not a collection head
    ],
)
def test_written_form_base(text: str, hub: bool, base: str | None) -> None:
    assert written_form_base(text, hub, HEADS) == base


def test_a_version_tag_joins_the_name_written_alone(nlp_entities: Language) -> None:
    found = entities(
        nlp_entities,
        "We trained on Quillbank v3.1 and report AUROC on the Quillbank test split.",
    )
    assert grouped(found, "Quillbank v3.1", "Quillbank")


def test_a_version_tag_without_the_bare_name_stays_its_entity(nlp_entities: Language) -> None:
    found = entities(nlp_entities, "We trained on Quillbank v3.1 and tested on Larchwood-CT.")
    assert grouped(found, "Quillbank v3.1")
    assert "quillbank" not in found  # the key keeps the version


def test_a_capitalised_head_joins_the_name_written_alone(nlp_entities: Language) -> None:
    found = entities(
        nlp_entities,
        "We release Larchwood, 900 annotated notes. Models fine-tuned on the Larchwood "
        "Corpus improve recall.",
    )
    assert grouped(found, "Larchwood", "Larchwood Corpus")


def test_a_hub_path_joins_its_repository_name(nlp_entities: Language) -> None:
    found = entities(
        nlp_entities,
        "We fine-tune SparrowLM-7B (ohmlab/SparrowLM-7B) and compare it with GPT-4o.",
    )
    assert grouped(found, "SparrowLM-7B", "ohmlab/SparrowLM-7B")


@pytest.mark.parametrize(
    ("last", "text", "score"),
    [("70B", "61.8", True), ("13b", "48", True), ("2.5", "72B", False), ("v2", "350M", False)],
)
def test_score_after_size(last: str, text: str, score: bool) -> None:
    assert score_after_size(last, text) is score


def test_a_score_after_a_size_is_not_part_of_the_name(nlp_entities: Language) -> None:
    found = entities(nlp_entities, "Strict F1 was 80.2 for Falcon 40B and Qwen 2.5 72B 61.8.")
    surfaces = {s for ss in found.values() for s in ss}
    assert "Qwen 2.5 72B" in surfaces
    assert not any("61.8" in s for s in surfaces)


@pytest.mark.parametrize(
    ("text", "shape"),
    [("22-million-parameter", "lower"), ("3.5-billion-parameter", "lower"), ("12-lead", "num")],
)
def test_a_hyphenated_count_is_no_name(text: str, shape: str) -> None:
    assert unit_shape(text) == shape


def test_a_parameter_count_before_a_name_is_not_part_of_it(nlp_entities: Language) -> None:
    found = entities(
        nlp_entities, "We compare with the 3.5-billion-parameter Wrenformer-XL at lower cost."
    )
    surfaces = {s for ss in found.values() for s in ss}
    assert "Wrenformer-XL" in surfaces
    assert not any("parameter" in s for s in surfaces)


def test_a_benchmark_of_counted_items_is_a_dataset(nlp_entities: Language) -> None:
    found = entities(nlp_entities, "We assemble Heronset, a benchmark of 12,400 variants.")
    assert "heronset" in found
    doc = nlp_entities("A study\n\nWe assemble Heronset, a benchmark of 12,400 variants.")
    assert [s.text for s in doc.spans["kg_datasets"]] == ["Heronset"]
    doc = nlp_entities("A study\n\nWe release Heronset, a collection of generative models.")
    assert [s.text for s in doc.spans["kg_models"]] == ["Heronset"]


def test_a_version_tag_in_the_brackets_keeps_the_long_form(nlp_rules: Language) -> None:
    found = entities(  # the pipeline's own abbreviation detector
        nlp_rules,
        "We train on the Harbor Lung Screening Archive (HLSA v2) and report results on HLSA.",
    )
    assert grouped(found, "Harbor Lung Screening Archive", "HLSA v2", "HLSA")


def test_a_federated_algorithm_the_paper_uses_is_no_model(nlp_entities: Language) -> None:
    found = entities(
        nlp_entities, "A U-Net was trained at each site with FedMedian and FedTrim aggregation."
    )
    assert "fedmedian" not in found and "fedtrim" not in found
    assert "unet" in found


def test_a_federated_system_the_paper_presents_is_a_model(nlp_entities: Language) -> None:
    found = entities(
        nlp_entities,
        "We present FedLiver, a federated segmentation system. FedLiver beats FedMedian.",
    )
    assert "fedliver" in found and "fedmedian" not in found


def types(nlp: Language, text: str) -> dict[str, str]:
    """Surface text -> type of every asserted dataset/model mention."""
    doc = nlp("A study\n\n" + text)
    return {
        s.text: s.label_
        for key in ("kg_datasets", "kg_models")
        for s in doc.spans[key]
        if s._.kg_confidence >= LINK_THRESHOLD
    }


def test_the_last_item_of_a_list_of_names_is_a_name(nlp_entities: Language) -> None:
    found = types(nlp_entities, "Baselines were GRU-D, ClinicalT5, BioGPT and Pebble.")
    assert found.get("Pebble") == "model"
    # two items only: "and" alone does not vouch for a plain capitalised word
    assert "Pebble" not in types(nlp_entities, "Baselines were GRU-D and Pebble.")


def test_a_plural_dataset_head_names_the_list_it_opens(nlp_entities: Language) -> None:
    found = types(nlp_entities, "On the regression tasks QRSOL, HalvSol and Tessel, errors fell.")
    assert found == {"QRSOL": "dataset", "HalvSol": "dataset", "Tessel": "dataset"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We pretrain Kestrel-7 on 9,000 PAS-stained slides.", None),
        ("We fine-tune Kestrel-7 and BERT-base-uncased on notes.", "BERT-base-uncased"),
    ],
)
def test_a_compound_ending_in_a_participle_is_no_name(
    nlp_rules: Language, text: str, name: str | None
) -> None:
    found = types(nlp_rules, text)  # the pipeline's tokenizer keeps "PAS-stained" one token
    assert "Kestrel-7" in found
    assert set(found) - {"Kestrel-7"} == ({name} if name else set())


def test_an_ordinary_word_with_a_number_is_no_name(nlp_rules: Language) -> None:
    found = types(
        nlp_rules,
        "Outcomes followed Frailty-2 in all patients; frailty was common and Kestrel-7 "
        "predicted it.",
    )
    assert set(found) == {"Kestrel-7"}
    found = types(nlp_rules, "Heron-2 was fine-tuned to predict frailty, beating Kestrel-7.")
    assert set(found) == {"Heron-2", "Kestrel-7"}
