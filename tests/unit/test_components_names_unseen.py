"""kg_entities, issue 15 item 3: names nobody listed. Unseen single Titlecase dataset names in
context, long multi-word dataset names, scores after names; short sentences on both sides of
each decision (none from the challenge set, tests/data/challenge_names.jsonl)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp.components.names.boundaries import (
    past_participle,
    plus_base,
    score_number,
    sentence_adverb,
)
from kg.nlp.components.names.cues import own_head_dataset
from kg.nlp.components.names.units import unit_shape
from kg.statements import LINK_THRESHOLD


def typed(nlp: Language, text: str) -> dict[str, str]:
    """Surface text -> type of every asserted dataset/model mention (a lower-case head noun
    the span keeps, "Sorrel dataset", is dropped from the text)."""
    doc = nlp("A study\n\n" + text)
    out: dict[str, str] = {}
    for key in ("kg_datasets", "kg_models"):
        for span in doc.spans[key]:
            if span._.kg_confidence >= LINK_THRESHOLD:
                head = span[-1].text
                name = span[:-1].text if len(span) > 1 and head.islower() else span.text
                out[name] = span.label_
    return out


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("0.912", True),  # a fraction below one
        ("88.125", True),  # three decimals
        ("91.4%", True),  # a percentage
        ("3.1", False),  # "Llama 3.1"
        ("1.5", False),  # "LLaVA 1.5"
        ("7B", False),  # a size
        ("2", False),  # "Llama 2"
    ],
)
def test_score_number(text: str, score: bool) -> None:
    assert score_number(text) is score


def test_a_score_written_apart_is_not_part_of_the_name(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "AUCs were EfficientNet-B4 0.912 and VGG-19 0.874 on the test.")
    assert {"EfficientNet-B4", "VGG-19"} <= set(found)
    assert not any(" 0." in t for t in found)
    assert "Qwen 2.5" in typed(nlp_entities, "We fine-tune Qwen 2.5 on notes.")


def test_titlecase_words_after_a_data_verb_are_datasets(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities, "The classifier was trained on Cobble and tested on Pinecone and Gorse."
    )
    assert {found.get(t) for t in ("Cobble", "Pinecone", "Gorse")} == {"dataset"}


def test_a_capitalised_head_noun_is_no_name(nlp_entities: Language) -> None:
    assert "Benchmarks" not in typed(nlp_entities, "We evaluate on Benchmarks and on notes.")


def test_a_data_verb_reaches_past_an_object(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "We evaluate it on Quillwort without retraining.")
    assert found.get("Quillwort") == "dataset"


def test_a_titlecase_word_followed_by_another_is_no_single_name(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "The model was trained on Granite Falls records.")
    assert "Granite" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Our tagger is built on Cobble and runs fast.",  # a base model, not data
        "The cat sat on Cobble and slept.",  # no data verb before "on"
    ],
)
def test_on_without_a_data_verb_names_no_dataset(nlp_entities: Language, text: str) -> None:
    assert "Cobble" not in typed(nlp_entities, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Results on the public Sorrel dataset were poor.", {"Sorrel"}),
        ("We report results in the Sorrel and Yarrow cohorts.", {"Sorrel", "Yarrow"}),
        ("Errors were common in the Tansy CT scans.", {"Tansy"}),
        ("We study the Sorrel skin lesion images.", {"Sorrel"}),
        ("Gains hold on the Sorrel, Yarrow and Tansy datasets.", {"Sorrel", "Yarrow", "Tansy"}),
    ],
)
def test_titlecase_words_before_a_data_head_are_datasets(
    nlp_entities: Language, text: str, names: set[str]
) -> None:
    found = typed(nlp_entities, text)
    assert {found.get(t) for t in names} == {"dataset"}, found


@pytest.mark.parametrize(
    "text",
    [
        "We saw that Sorrel images were blurred.",  # no determiner: not named data
        "We found the Sorrel encoder slow.",  # not a data noun
        "The Sorrel of the village images were.",  # a preposition between: no head
    ],
)
def test_titlecase_words_without_a_data_head_are_not_datasets(
    nlp_entities: Language, text: str
) -> None:
    assert typed(nlp_entities, text).get("Sorrel") != "dataset"


def test_single_and_long_names_before_a_data_head_have_their_own_rules(
    nlp_entities: Language,
) -> None:
    doc = nlp_entities(
        "A study\n\nWe use the Sorrel, Yarrow and Tansy datasets. We use the Upland Heart "
        "Disease, Pima Lake Cohort and Tansy datasets."
    )
    rules = {s.text: s._.kg_extractor for s in doc.spans["kg_datasets"]}
    assert rules["Sorrel"] == "kg_entities:name_before_data_head"
    assert rules["Upland Heart Disease"] == "kg_entities:long_name_before_data_head"


def test_a_long_capitalised_name_ending_in_a_collection_word(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "Models were tested on the Upland Retinal Screening Archive.")
    assert found.get("Upland Retinal Screening Archive") == "dataset"
    found = typed(nlp_entities, "We use the Highland Stroke Imaging and Outcomes Set here.")
    assert found.get("Highland Stroke Imaging and Outcomes Set") == "dataset"


def test_capitalised_runs_without_a_collection_word_are_no_long_name(
    nlp_entities: Language,
) -> None:
    found = typed(nlp_entities, "Guidance came from the Upland Health Organization today.")
    assert not any("Upland" in t for t in found)


def test_a_titlecase_word_described_by_an_apposition(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "We index Bracken, an archive of 900 slides, with features.")
    assert found.get("Bracken") == "dataset"
    found = typed(nlp_entities, "We release Fennel, a convolutional network for masks.")
    assert found.get("Fennel") == "model"


def test_a_sentence_initial_word_named_by_what_it_holds(nlp_entities: Language) -> None:
    assert typed(nlp_entities, "Bracken contains 4,000 discharge notes.").get("Bracken") == (
        "dataset"
    )
    found = typed(nlp_entities, "However, a corpus of notes is used. It contains 4,000 notes.")
    assert not {"However", "It"} & set(found)


@pytest.mark.parametrize(
    ("word", "adverb"),
    [("It", True), ("However", True), ("Specifically", True), ("Bracken", False)],
)
def test_sentence_adverb(word: str, adverb: bool) -> None:
    assert sentence_adverb(word) is adverb


@pytest.mark.parametrize(
    ("text", "dataset"),
    [
        ("Upland Grading Set", True),
        ("Cancer Imaging Archive", True),
        ("Set", False),  # one word: no head of its own
        ("the test set", False),  # lower case: a generic phrase
        ("Upland Grading Network", False),
    ],
)
def test_own_head_dataset(text: str, dataset: bool) -> None:
    ends = frozenset({"set", "archive"})
    assert own_head_dataset(text, ends) is dataset


def test_a_nationality_adjective_before_a_noun_is_no_name(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "We tested the models on Danish medical examinations.")
    assert "Danish" not in found
    found = typed(nlp_entities, "We trained on Meridian and on notes.")
    assert found.get("Meridian") == "dataset"  # "-ian" but no noun after it


def test_a_language_adjective_is_no_name(nlp_entities: Language) -> None:
    """ "Korean-language benchmarks": the language the data is in, not a dataset's name."""
    found = typed(
        nlp_entities, "Most work has relied on Korean-language benchmarks such as KorMedQA."
    )
    assert not any(n.startswith("Korean") for n in found) and found.get("KorMedQA") == "dataset"
    found = typed(nlp_entities, "We relied on Portuguese-speaking clinics for data.")
    assert not any(n.startswith("Portuguese") for n in found)


def test_the_eponym_of_a_statistical_test_is_no_name(nlp_entities: Language) -> None:
    """ "DePearsall's test", "the McHoxley test": statistics, not models (issue 15, item 3)."""
    found = typed(nlp_entities, "AUCs were compared with the McHoxley test and DePearsall's test.")
    assert not any(n.startswith(("McHoxley", "DePearsall")) for n in found)
    found = typed(nlp_entities, "Agreement of ScanNet-7 with readers used McBrindle's kappa.")
    assert "ScanNet-7" in found and not any(n.startswith("McBrindle") for n in found)
    # a split of data is no test: "the Tarrow test set", "the Tarrow test split"
    for text in (
        "We report scores on the Tarrow test set.",
        "We rank first on the Tarrow test split.",
    ):
        assert any(n.startswith("Tarrow") for n in typed(nlp_entities, text))


def test_a_title_prefix_with_a_dataset_suffix_is_a_dataset(nlp_entities: Language) -> None:
    doc = nlp_entities("DermFoo-Bench: questions about skin lesions\n\nWe study lesions.")
    assert {s.text for s in doc.spans["kg_datasets"]} == {"DermFoo-Bench"}
    doc = nlp_entities("DermFoo-Bench: a model for skin lesions\n\nWe study lesions.")
    assert {s.text for s in doc.spans["kg_models"]} == {"DermFoo-Bench"}


def test_what_we_curate_is_data(nlp_entities: Language) -> None:
    assert typed(nlp_entities, "Here we curated SpineKid, which has labels.") == {
        "SpineKid": "dataset"
    }
    assert typed(nlp_entities, "Here we trained SpineKid, which has labels.") == {
        "SpineKid": "model"
    }


def test_a_plural_noun_and_a_comma_introduce_a_list(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "We test on three CT datasets, LiverSeg-3, KidSeg-7 and AortaSeg.")
    assert {found.get(t) for t in ("LiverSeg-3", "KidSeg-7", "AortaSeg")} == {"dataset"}
    # one name after the comma ends an adverbial: no list
    found = typed(nlp_entities, "On the test datasets, LiverNet-3 achieves the best scores.")
    assert found.get("LiverNet-3") == "model"
    # a singular noun does not introduce a list
    found = typed(nlp_entities, "On the test dataset, LiverNet-3 and LungNet-4 do best.")
    assert found.get("LiverNet-3") == "model"


def test_a_tier_word_after_a_numbered_name_belongs_to_it(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "We prompt Zeta-3 Turbo and Zeta-2 with cases.")
    assert "Zeta-3 Turbo" in found and "Turbo" not in found
    assert "Zeta-2" in typed(nlp_entities, "We prompt Zeta-2 Within the study, cases.")
    # no number before it: "Pro" is another word
    assert "ZetaNet Pro" not in typed(nlp_entities, "We prompt ZetaNet Pro and ZetaNet.")


def test_a_family_head_in_a_compound_names_a_model(nlp_entities: Language) -> None:
    assert "NoteFoo-LLM" in typed(nlp_entities, "Notes were read by NoteFoo-LLM and by humans.")
    assert "Med-DPO" not in typed(nlp_entities, "We align the model with Med-DPO and by humans.")


def test_a_counted_apposition_describes_the_names(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "We study Yarrow and Tansy, two public dermoscopy collections.")
    assert found.get("Tansy") == "dataset"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We used electra-base-discriminator and deberta-v3-large as encoders.", True),
        ("We used bert-large as the encoder.", True),
        ("We used large-scale and extra-large encoders.", False),
        ("We report state-of-the-art results.", False),  # no variant part at the end
    ],
)
def test_model_hub_identifiers(nlp_entities: Language, text: str, found: bool) -> None:
    names = typed(nlp_entities, text)
    assert bool(names) is found, names
    assert all(t == "model" for t in names.values())


def test_a_bare_acronym_coordinated_with_a_name_is_a_name(nlp_entities: Language) -> None:
    assert "FOOMIL" in typed(nlp_entities, "Slides were scored with FOOMIL and TransBar.")
    assert "FOOMIL" not in typed(nlp_entities, "Slides were scored with FOOMIL and rules.")
    # two bare acronyms vouch for nothing
    assert "FOOMIL" not in typed(nlp_entities, "Slides were scored with FOOMIL and BARMIL.")


def test_a_data_verb_reaches_over_its_object_phrase(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "We evaluated four small segmentation networks on Pennyroyal.")
    assert found.get("Pennyroyal") == "dataset"


@pytest.mark.parametrize(
    ("text", "shape"), [("H&E", "lower"), ("Q&A", "lower"), ("AT&T4", "strong")]
)
def test_initials_joined_by_an_ampersand_are_no_name(text: str, shape: str) -> None:
    assert unit_shape(text) == shape


def test_the_base_of_a_plus_plus_name_is_a_name(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "Our Lung-Former++ improves on Lung-Former by a margin.")
    assert {"Lung-Former++", "Lung-Former"} <= set(found)
    assert "Lung-Former" in typed(nlp_entities, "Our Lung-Former++ beats the Lung-Former baseline.")


@pytest.mark.parametrize(
    ("text", "base"),
    [("MedSeg++", "MedSeg"), ("Foo+", "Foo"), ("Foo", ""), ("C++", ""), ("++", "")],
)
def test_plus_base(text: str, base: str) -> None:
    assert plus_base(text) == base


def test_a_preposition_after_a_titlecase_word_ends_the_name(nlp_entities: Language) -> None:
    assert typed(nlp_entities, "We trained the tagger on Quillwort by hand.").get("Quillwort") == (
        "dataset"
    )


def test_any_verb_in_ed_right_before_on_is_a_data_verb(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "The scorer was calibrated on Gorsemoor and Heathrow.")
    assert found.get("Gorsemoor") == "dataset"
    # not right before "on": no data verb
    assert "Gorsemoor" not in typed(nlp_entities, "It calibrated well on Gorsemoor and rain.")


@pytest.mark.parametrize(
    ("word", "verb"),
    [("calibrated", True), ("fitted", True), ("red", False), ("Trained", False), ("need", False)],
)
def test_past_participle(word: str, verb: bool) -> None:
    assert past_participle(word) is verb


def test_a_counted_apposition_of_data_nouns_names_data(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "We release Thornbury, 3,400 annotated ultrasound videos.")
    assert found.get("Thornbury") == "dataset"


def test_a_lower_case_tier_word_ending_the_phrase_belongs_to_the_name(
    nlp_entities: Language,
) -> None:
    doc = nlp_entities("A study\n\nWe prompt Zeta-4o mini and Zeta-4o with cases.")
    assert {s.text for s in doc.spans["kg_models"]} == {"Zeta-4o mini", "Zeta-4o"}
    doc = nlp_entities("A study\n\nWe prompt Zeta-4o large language models.")
    assert "Zeta-4o large" not in {s.text for s in doc.spans["kg_models"]}


def test_a_slashed_acronym_may_stand_before_the_data_head(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "Results on the Moorfield PET/CT archive were strong.")
    assert found.get("Moorfield") == "dataset"
    found = typed(nlp_entities, "We describe the Moorfield PET/CT archive here.")
    assert found.get("Moorfield") == "dataset"  # the head noun alone types it


# results16c: a slash-joined row of scores after a name is no part of the name


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("0.902/0.866/0.813", True),  # Dice per tumour region
        ("88.4%/71.0", True),  # a percentage and a second measure
        ("3/3.5", False),  # two versions, "GPT-3/3.5"
        ("0.5/ms", False),  # a unit, not a number
    ],
)
def test_score_number_slash_row(text: str, score: bool) -> None:
    assert score_number(text) is score


def test_a_slashed_score_row_is_not_part_of_the_name(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We train Hornbeam-Net and Alder-Seg. Dice (liver/tumour): Hornbeam-Net 0.962/0.781; "
        "Alder-Seg 0.955/0.742.",
    )
    assert {"Hornbeam-Net", "Alder-Seg"} <= set(found)
    assert not any("/" in t for t in found)
    assert "Qwen 2/2.5" in typed(nlp_entities, "We compare Qwen 2/2.5 on notes.")
