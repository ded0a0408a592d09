"""kg_entities, issue 15 item 3: what is not a dataset or model name. Short sentences on
both sides of each decision."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.doc_text import title_end_char
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.boundaries import (
    defined_name_confidence,
    head_after_short,
    heads_title_phrase,
    in_adverbial,
    item_ends_at,
    list_items,
    listed_after_noun,
    name_key,
    name_word_before,
    named_by_head_before,
    names_a_family,
    names_a_process,
    roman_edition,
    slash_sibling,
    stopped_name,
    version_names,
    without_split,
)
from kg.nlp.components.names.cues import (
    apposition_type,
    entity_type_of,
    fronted_clause,
    holds_counted_items,
    hyphen_variant,
    named_after_head,
)
from kg.nlp.components.names.units import (
    Unit,
    after_label_units,
    curated_part,
    doc_units,
    ordinary_word,
    section_label_units,
    unit_shape,
)
from kg.statements import LINK_THRESHOLD


def names(nlp: Language, text: str) -> dict[str, tuple[str, float]]:
    """Surface text -> (type, confidence) of every dataset/model mention."""
    doc = nlp(text)
    out: dict[str, tuple[str, float]] = {}
    for key in ("kg_datasets", "kg_models"):
        for span in doc.spans[key]:
            out[span.text] = (span.label_, span._.kg_confidence)
    return out


def asserted(nlp: Language, text: str) -> set[str]:
    return {t for t, (_, c) in names(nlp, text).items() if c >= LINK_THRESHOLD}


@pytest.mark.parametrize(
    "text",
    [
        "dataset.Our",  # two sentences glued by the tokenizer
        "Models(LLMs)",
        "(KG)-elicited",
        "ref\\textbf{L}ection",
        "Wei2022ChainOT",
        "~gebru2018datasheets",
        "al,2023",
        "f1-score=59.0",
        "O(N^2)",
        "28x28x28",
        "7B/8B",
        "7B-70B",
        "706times",
    ],
)
def test_tokenizer_leftovers_are_not_name_shaped(text: str) -> None:
    assert unit_shape(text) == "lower"


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4o",
        "Llama-3.1-8B",
        "MIMIC-CXR",
        "Qwen2.5-VL",
        "nnU-Net",
        "BraTS2021",
        "YOLOv8",
        "COVID-19",
        "CheXpert",
    ],
)
def test_real_names_stay_name_shaped(text: str) -> None:
    assert unit_shape(text) == "strong"


@pytest.mark.parametrize(
    ("word", "version", "ok"),
    [
        ("Koala", "7B", True),
        ("Evidence", "2.0", True),
        ("Falcon", "3D", False),  # a dimension
        ("Falcon", "2d", False),
        ("Falcon", "22%", False),  # a percentage
        ("Redefining", "3.0", False),  # "-ing"
        ("Merely", "2", False),  # "-ly"
        ("Generalizable", "2", False),  # "-able"
        ("Reproducible", "2", False),  # "-ible"
        (
            "Bing",
            "2",
            False,
        ),  # the suffix rule is morphology: a short name ending in "-ing" goes too
    ],
)
def test_version_names(word: str, version: str, ok: bool) -> None:
    assert version_names(word, version) is ok


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    known = parse_known_entities(["model\tBERT"])
    return Lexicon.from_patterns({}, known)


@pytest.mark.parametrize(
    ("short", "expected"),
    [
        ("DME", 0.45),  # bare acronym: below the link threshold
        ("CF-IR", 0.45),  # bare acronym with a hyphenated letter group
        ("KnoBo", 0.85),  # mixed case: a made name
        ("SL-HyDE", 0.85),
        ("BERT", 0.85),  # curated
        ("D2", 0.85),  # a digit
    ],
)
def test_defined_name_confidence(lexicon: Lexicon, short: str, expected: float) -> None:
    assert defined_name_confidence(short, lexicon) == expected
    assert (expected >= LINK_THRESHOLD) is (expected == 0.85)


@pytest.mark.parametrize(
    ("short", "long_text", "expected"),
    [
        ("RUA", "Renal Ultrasound Archive", 0.85),  # the long form is curated
        ("DME", "Diabetic Macular Edema", 0.45),  # a disease: still below the threshold
        ("DME", "", 0.45),
    ],
)
def test_defined_name_confidence_of_curated_long_form(
    short: str, long_text: str, expected: float
) -> None:
    known = parse_known_entities(["dataset\tRenal Ultrasound Archive"])
    lexicon = Lexicon.from_patterns({}, known)
    assert defined_name_confidence(short, lexicon, long_text) == expected


def test_acronym_definition_of_a_disease_is_not_asserted(nlp_entities: Language) -> None:
    text = "A study\n\nEye diseases such as Diabetic Macular Edema (DME) are common. We test DME."
    assert not asserted(nlp_entities, text) & {"DME", "Diabetic Macular Edema"}


def test_acronym_definition_with_a_model_head_is_asserted(nlp_entities: Language) -> None:
    text = "A study\n\nWe use the Latent Diffusion Autoencoder Model (LDAEM) for this."
    assert "LDAEM" in asserted(
        nlp_entities, text
    ) or "Latent Diffusion Autoencoder Model" in asserted(nlp_entities, text)


def test_glued_sentences_are_not_names(nlp_entities: Language) -> None:
    assert not asserted(nlp_entities, "A study\n\nWe build a dataset.Our model uses BERT.") & {
        "dataset.Our"
    }


def test_versioned_words_are_not_names(nlp_entities: Language) -> None:
    found = asserted(
        nlp_entities, "Redefining 3D Segmentation\n\nWe compare Koala 7B, Zorba 13B and BERT."
    )
    assert "Redefining 3D" not in found
    assert {"Koala 7B", "Zorba 13B"} <= found


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("GPT-4", "strong"),
        ("CheXpert", "strong"),
        ("seg2med", "strong"),
        ("Apollo", "cap"),
        ("M", "letter"),
        ("7B", "num"),
        ("the", "lower"),
        (",", "punct"),
        ("Vision-Language", "cap"),
        ("state-of-the-art", "lower"),
        ("CNNs", "lower"),
        ("https://x.org", "lower"),
    ],
)
def test_unit_shapes(text: str, shape: str) -> None:
    assert unit_shape(text) == shape


# nlp_default (its tokenizer splits "GPT-4/Claude-3" and "GPT-4o(0.866)") and nlp_rules (the
# rules' own decisions, which a retrained model does not move) come from tests/conftest.py


def links(nlp: Language, text: str) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """label -> (type, key, other surfaces) of every asserted dataset/model link."""
    from kg.corpus.models import paper_text
    from kg.extract import doc_extraction

    title = "A study"
    extraction = doc_extraction(nlp(paper_text(title, text)), "k", title, text)
    return {
        lk.label: (lk.entity_type, lk.key, lk.alt_labels)
        for lk in extraction.links
        if lk.entity_type in ("dataset", "model") and lk.confidence >= LINK_THRESHOLD
    }


def test_slash_coordinated_names_give_one_entity_each(nlp_default: Language) -> None:
    found = links(nlp_default, "We compare GPT-4/Claude-3 on triage notes.")
    # "Claude-3" is an alias of the curated "Claude 3": labelled canonically, kept as written
    assert {"GPT-4", "Claude 3"} <= set(found)
    assert "Claude-3" in found["Claude 3"][2]
    assert "GPT-4/Claude-3" not in found
    # a size after the slash is part of the name
    assert "ViT-L/14" in links(nlp_default, "We fine-tune ViT-L/14 for triage.")


def test_comma_coordinated_names_give_one_entity_each(nlp_default: Language) -> None:
    found = links(nlp_default, "We evaluate on MedQA, PubMedQA and MMLU today.")
    assert {"MedQA", "PubMedQA", "MMLU"} <= set(found)


def test_a_glued_score_is_not_part_of_the_name(nlp_default: Language) -> None:
    found = links(nlp_default, "On triage, GPT-4o(0.866) is close to the best.")
    assert "GPT-4o" in found


def test_labels_keep_sizes_and_drop_generic_heads(nlp_default: Language) -> None:
    assert "LLaMA-2-7B" in links(nlp_default, "We fine-tune LLaMA-2-7B for triage.")
    found = links(nlp_default, "We use the AIBL dataset for dementia diagnosis.")
    assert found["AIBL"][0] == "dataset"
    assert "AIBL dataset" in found["AIBL"][2]
    assert "DeBERTaV3" in links(nlp_default, "We fine-tune the DeBERTaV3 architecture today.")


def test_a_release_tag_joins_its_base_name(nlp_default: Language) -> None:
    found = links(nlp_default, "We use MIMIC-CXR-JPG v2.0.0 for report generation.")
    assert list(found) == ["MIMIC-CXR-JPG"]
    assert found["MIMIC-CXR-JPG"][1] == "mimiccxrjpg"


def test_plus_plus_keeps_its_own_key(nlp_default: Language) -> None:
    found = links(nlp_default, "We propose MedSeg++, which improves on MedSeg for segmentation.")
    assert found["MedSeg++"][1] != found["MedSeg"][1]


def test_single_plus_keeps_its_own_key(nlp_default: Language) -> None:
    found = links(nlp_default, "We extend FoldNet to FoldNet+ with a deeper decoder.")
    assert found["FoldNet+"][1] != found["FoldNet"][1]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("MIMIC-CXR-JPG v2.0.0", "mimiccxrjpg"),
        ("MIMIC-CXR-JPG 2.0.0", "mimiccxrjpg"),
        ("MIMIC-IV v2.2", "mimicivv22"),  # two parts: a release of its own
        ("MIMIC-CXR-JPGv2.0.0", "mimiccxrjpgv200"),  # glued: part of the name
        ("MedSeg++", "medsegpp"),
        ("MedSeg+", "medsegplus"),  # a "+" variant is its own entity (guidelines: MedMNIST+)
        ("MedSeg Plus", "medsegplus"),
        ("+", ""),
        ("++", ""),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    "text",
    [
        "The data are hosted on GitLab for reuse.",
        "The data are shared on Kaggle for reuse.",
        "The weights are released on Zenodo for reuse.",
        "Benchmarks show that MM models do well today.",
    ],
)
def test_platforms_and_generic_words_are_not_datasets(nlp_entities: Language, text: str) -> None:
    assert asserted(nlp_entities, text) == set()


def test_a_challenge_edition_joins_its_name(nlp_default: Language) -> None:
    found = links(nlp_default, "We evaluate on the ISIC Challenge 2017 dataset.")
    assert "ISIC Challenge 2017" in found
    assert "Challenge 2017" not in found
    # without a name before it, "Challenge 2017" is a numbered noun, not a name
    assert links(nlp_default, "Results on Challenge 2017 are strong for the model.") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We obtain data from the Projected dataset today.", set()),
        ("We obtain data from the Curated benchmark today.", set()),
        ("We obtain data from the Apollo dataset today.", {"Apollo dataset"}),
        ("We obtain data from the Seeded dataset today.", set()),  # six letters
        ("We obtain data from the Breed dataset today.", {"Breed dataset"}),  # five: a name
    ],
)
def test_a_capitalised_participle_before_a_head_is_no_name(
    nlp_entities: Language, text: str, expected: set[str]
) -> None:
    assert asserted(nlp_entities, text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We evaluate Claude 3.5 Sonnet on triage today.", "Claude 3.5 Sonnet"),
        ("We evaluate Gemini 2.0 Flash on triage today.", "Gemini 2.0 Flash"),
        # a function word after the version is not a variant (title case)
        ("We evaluate Llama 2 For Triage today.", "Llama 2"),
    ],
)
def test_a_variant_word_after_a_version_stays_in_the_name(
    nlp_default: Language, text: str, name: str
) -> None:
    assert name in links(nlp_default, text)


def titled_links(nlp: Language, title: str, text: str) -> dict[str, tuple[str, str]]:
    """label -> (type, role) of every asserted dataset/model link of a titled paper."""
    from kg.corpus.models import paper_text
    from kg.extract import doc_extraction

    extraction = doc_extraction(nlp(paper_text(title, text)), "k", title, text)
    return {
        lk.label: (lk.entity_type, lk.role)
        for lk in extraction.links
        if lk.entity_type in ("dataset", "model") and lk.confidence >= LINK_THRESHOLD
    }


def test_a_head_noun_ending_a_title_prefix_types_the_name(nlp_default: Language) -> None:
    found = titled_links(
        nlp_default,
        "ZEBRAS Dataset: Labels for Eye Semantics",
        "We release ZEBRAS for eye research today.",
    )
    assert found.get("ZEBRAS") == ("dataset", "introduces")
    assert "ZEBRAS Dataset" not in found


def test_a_split_is_its_dataset(nlp_default: Language) -> None:
    found = links(nlp_default, "We fine-tune models on ZEBRAS-dev and test on ZEBRAS-test today.")
    assert list(found) == ["ZEBRAS"]


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("MMXU-test", "MMXU"),
        ("MMXU-Dev", "MMXU"),
        ("MMXU test", "MMXU test"),
        ("MMXU-tested", "MMXU-tested"),
        ("-test", "-test"),
    ],
)
def test_without_split(text: str, base: str) -> None:
    assert without_split(text, frozenset({"test", "dev"})) == base


# -- issue 15, item 3: scores glued to words, ordinary capitalised words, defined short forms --


@pytest.mark.parametrize("text", ["85.3%accuracy", "92%of", "from72", "than0.5", "to10"])
def test_a_score_or_preposition_glued_to_a_word_is_not_name_shaped(text: str) -> None:
    assert unit_shape(text) == "lower"


@pytest.mark.parametrize("text", ["4o-mini", "Med42", "on3D", "ofa2"])
def test_names_with_digits_stay_names(text: str) -> None:
    assert unit_shape(text) in ("strong", "num")


def test_a_glued_score_is_no_model(nlp_entities: Language) -> None:
    found = asserted(nlp_entities, "A study\n\nGPT-4o achieved 85.3%accuracy on MedQA.")
    assert "85.3%accuracy" not in found and "GPT-4o" in found


@pytest.mark.parametrize(
    ("word", "lower_words", "ordinary"),
    [
        ("Medical", frozenset({"medical"}), True),
        ("Medical", frozenset({"clinical"}), False),
        ("Mamba", frozenset({"medical", "mambas"}), False),
    ],
)
def test_ordinary_word(word: str, lower_words: frozenset[str], ordinary: bool) -> None:
    assert ordinary_word(word, lower_words) is ordinary


def test_a_capitalised_word_written_lower_case_elsewhere_is_no_listed_name(
    nlp_entities: Language,
) -> None:
    text = "A study\n\nWe ask GPT-4, Medical and Claude about medical images."
    assert "Medical" not in names(nlp_entities, text)
    text = "A study\n\nWe ask GPT-4, Zorbax and Claude about medical images."
    assert "Zorbax" in names(nlp_entities, text)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([")", "detection", "dataset"], True),
        ([")", "dataset", "."], True),
        ([")", "detection", "task", "dataset"], False),  # the head two words on is not read
        ([")", "detection", "is"], False),
        ([], False),
    ],
)
def test_head_after_short(words: list[str], expected: bool) -> None:
    assert head_after_short(words, frozenset({"dataset"})) is expected


def test_a_defined_short_form_before_a_dataset_head_stays_a_name(nlp_entities: Language) -> None:
    text = (
        "A study\n\nWe present a Multimodal Adverse Drug Event (MMADE) detection dataset. "
        "Using MMADE, we train models."
    )
    assert "MMADE" in asserted(nlp_entities, text)
    text = "A study\n\nAdverse Drug Event (ADE) detection matters. We study ADE reports."
    assert "ADE" not in asserted(nlp_entities, text)


@pytest.mark.parametrize(
    "text",
    [
        "We segment the Left Ventricle Region (LVR) in scans. LVR is small.",
        "We add a Feature Fusion Module (FFM) to the network. FFM helps.",
        "We estimate the Point Spread Function (PSF) first. PSF is blurred.",
    ],
)
def test_acronyms_of_regions_modules_and_functions_are_no_models(
    nlp_entities: Language, text: str
) -> None:
    short = text.split("(")[1].split(")")[0]
    assert short not in asserted(nlp_entities, "A study\n\n" + text)


# -- issue 15, item 3 (names4): curated names over word lists, slash-coordinated variants --


@pytest.mark.parametrize(
    ("text", "curated", "stopped"),
    [("eICU", True, False), ("eICU", False, True), ("fMRI", False, True), ("GPT-4", False, False)],
)
def test_stopped_name(text: str, curated: bool, stopped: bool) -> None:
    lexicon = Lexicon.from_patterns(
        {"not_names": [{"kind": "acronym", "text": "ICU"}, {"kind": "acronym", "text": "MRI"}]},
        parse_known_entities(""),
    )
    assert stopped_name(text, curated, lexicon) is stopped


def test_a_curated_name_with_a_qualifier_letter_is_a_name(nlp_rules: Language) -> None:
    # "eICU" reads like "fMRI" (a letter on a generic acronym) but the curated table names it
    found = links(nlp_rules, "We train on MIMIC-III and evaluate on eICU.")
    assert found.get("eICU", ("",))[0] == "dataset"
    assert "pICU" not in links(nlp_rules, "We train on MIMIC-III and evaluate on pICU.")


@pytest.mark.parametrize(
    ("left", "right", "name"),
    [
        ("MIMIC-III", "IV", "MIMIC-IV"),
        ("MIMIC III", "IV", "MIMIC IV"),
        ("GPT-3.5", "4", "GPT-4"),
        ("BarSet-2", "3", "BarSet-3"),
        ("MIMIC-III", "III", None),  # the same part twice
        ("MIMIC-III", "4", None),  # a Roman numeral and a number are different kinds
        ("GPT-3.5", "IV", None),
        ("MIMIC-III", "test", None),
        ("LLaMA-7B", "13B", None),  # sizes are one entity as written (guidelines)
        ("ViT-L", "14", None),  # a patch size after a letter
        ("III", "IV", None),  # no stem
        ("2-3", "4", None),  # a stem without letters
    ],
)
def test_slash_sibling(left: str, right: str, name: str | None) -> None:
    assert slash_sibling(left, right) == name


def test_slash_coordinated_versions_give_one_entity_each(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We train on MIMIC-III/IV and test on ZooSet-II/III data.")
    assert {"MIMIC-III", "MIMIC-IV", "ZooSet-II", "ZooSet-III"} <= set(found)
    assert found["ZooSet-III"][1] == "zoosetiii"
    found = links(nlp_rules, "We prompt FooLM-3.5/4 on triage notes.")
    assert {"FooLM-3.5", "FooLM-4"} <= set(found)
    # spaced slashes do not coordinate a name; sizes stay one name
    assert "MIMIC-IV" not in links(nlp_rules, "We train on MIMIC-III / IV cohorts.")
    assert "FooLM-13B" not in links(nlp_rules, "We prompt FooLM-7B/13B on triage notes.")


@pytest.mark.parametrize(
    ("word", "edition"),
    [
        *[(w, True) for w in ("II", "III", "IV", "VII", "XII")],
        *[(w, False) for w in ("I", "V", "X", "IIII", "IVF", "ii")],
    ],
)
def test_roman_edition(word: str, edition: bool) -> None:
    assert roman_edition(word) is edition


def test_a_roman_edition_after_a_name_is_part_of_it(nlp_rules: Language) -> None:
    """ "FetoSeg III" is the third edition, not FetoSeg (issue 15, item 3: a version suffix
    cut short), after a name-shaped or a capitalised name; a numeral after a word that is no
    name stays apart ("Phase III")."""
    found = links(nlp_rules, "We pretrain on FetoSeg III and test on the KidneyMRI cohort.")
    assert "FetoSeg III" in found and "FetoSeg" not in found
    assert found["FetoSeg III"][1] == "fetosegiii"  # one key with "FetoSeg-III"
    found = links(nlp_rules, "In a Phase III trial, RetinaScan-2 graded fundus photographs.")
    assert not any(name.endswith("III") for name in found)
    assert "Tromsdal II" in links(nlp_rules, "Scans came from Tromsdal II, a regional registry.")


def test_a_decimal_after_a_slash_is_a_score_not_part_of_a_name(nlp_rules: Language) -> None:
    """ "Dice/0.79": a metric and its value, not one name; an integer after the slash is a
    variant ("ViT-L/14") and a decimal after a name ending in a digit a version."""
    found = links(nlp_rules, "Our model reaches 0.88 Dice/0.79 IoU on the liver test set.")
    assert not any("/" in name for name in found)
    assert "ViT-L/14" in links(nlp_rules, "We fine-tune ViT-L/14 on chest radiographs.")
    assert {"FooLM-3.5", "FooLM-4"} <= set(links(nlp_rules, "We prompt FooLM-3.5/4 on notes."))


# -- issue 15, item 3 (names4): a family of models is no model --


def _units(text: str) -> list[Unit]:
    return [Unit(i, i + 1, w, "lower", i == 0, True) for i, w in enumerate(text.split())]


@pytest.mark.parametrize(
    ("text", "lasts", "family"),
    [
        ("the GPT series and", [1], True),
        ("a GPT style model", [1], True),
        ("the GPT series and GPT here", [1, 4], False),  # one mention without the word
        ("the GPT model", [1], False),
        ("GPT", [0], False),  # nothing after the name
        ("the ( USMLE ) style questions", [2], True),  # the bracket closing around the name
        ("the Exam ( USMLE ) style questions", [1], True),  # a short form after the name
        ("the Exam ( USMLE ) hard style", [1], False),
        ("the Exam ( USMLE", [1], False),
        ("the Exam ( USMLE exam style", [1], False),  # no closing bracket: not a short form
        ("", [], False),
    ],
)
def test_names_a_family(text: str, lasts: list[int], family: bool) -> None:
    lexicon = Lexicon.from_patterns(
        {"not_models": [{"kind": "family_word", "text": w} for w in ("series", "style")]},
        parse_known_entities(""),
    )
    assert names_a_family(_units(text), lasts, lexicon) is family


def test_a_name_only_written_as_a_family_is_no_model(nlp_rules: Language) -> None:
    assert "GPT" not in links(nlp_rules, "Models like the GPT series keep improving.")
    assert "GPT" not in links(nlp_rules, "We build a GPT style model for notes.")
    assert "GPT-series" not in links(nlp_rules, "We compare GPT-series models with BERT.")
    found = links(nlp_rules, "Models like the GPT series improve. We prompt GPT on notes.")
    assert "GPT" in found
    # a dataset name written as a kind of question is no dataset either
    text = "It passes US Medical Licensing Examination (USMLE) style questions."
    assert "USMLE" not in links(nlp_rules, text)
    assert "USMLE" in links(nlp_rules, "It passes US Medical Licensing Examination (USMLE).")


# -- issue 15, item 3 (names4): dataset or model from what the text says the name is --


def _lexicon() -> Lexicon:
    rows = {
        "datasets": [{"kind": "head", "text": w} for w in ("dataset", "corpus", "benchmark")]
        + [{"kind": "hold_verb", "text": w} for w in ("consists", "contains")],
        "models": [{"kind": "head", "text": w} for w in ("model", "framework", "network")]
        + [{"kind": "part_noun", "text": "parameters"}],
        "roles": [{"kind": "naming_verb", "text": w} for w in ("named", "called")],
    }
    return Lexicon.from_patterns(rows, parse_known_entities(""))


def _sentence_units(text: str) -> list[Unit]:
    punct = {"--", ",", ".", "(", ")"}

    def shape(w: str) -> str:
        return (
            "punct"
            if w in punct
            else "num"
            if w[0].isdigit()
            else "cap"
            if w[0].isupper()
            else "lower"
        )

    return [Unit(i, i + 1, w, shape(w), i == 0, True) for i, w in enumerate(text.split())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("X , a large dataset", "dataset"),
        ("X -- a novel corpus of notes", "dataset"),
        ("X , a large-scale , curated corpus of pairs", "dataset"),  # stacked adjectives
        ("X ( a new benchmark )", "dataset"),
        ("X is a small model", "model"),
        ("X , a tool , and Y dataset", None),  # a comma before a clause word ends it
        ("X , a tool that uses a dataset", None),
        ("X , many large datasets", None),  # no article: not a description of X
        ("X -- the corpus", "dataset"),
        ("X", None),
    ],
)
def test_apposition_type(text: str, expected: str | None) -> None:
    units = _sentence_units(text)
    assert apposition_type(units, 0, [0] * len(units), _lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("X consists of 157,803 exam questions", True),
        ("X contains 4 hours of speech", True),
        ("X contains more than 2 million notes", True),
        ("X contains 7 billion parameters", False),  # a network's parts
        ("X contains many notes", False),  # no count
        ("X consists of 3 . Then", False),  # no counted noun
        ("X uses 4 notes", False),  # not a holding verb
    ],
)
def test_holds_counted_items(text: str, expected: bool) -> None:
    units = _sentence_units(text)
    assert holds_counted_items(units, 0, [0] * len(units), _lexicon()) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the first spoken corpus , named X", "dataset"),
        ("a new network called X", "model"),
        ("a denoising framework -- X", "model"),
        ("a corpus -- X", "dataset"),
        ("some notes -- X", None),
        ("a corpus of many more clinical notes called X", None),  # the head is too far
        ("a corpus . We called X", None),  # another sentence part
        ("notes called X", None),
    ],
)
def test_named_after_head(text: str, expected: str | None) -> None:
    units = _sentence_units(text)
    first = len(units) - 1
    assert named_after_head(units, first, [0] * len(units), _lexicon()) == expected


def test_the_model_prior_counts_once_per_entity() -> None:
    bare = {"dataset": 0.0, "model": 0.0}
    assert entity_type_of([{"dataset": 0.4, "model": 0.0}, bare, bare]) == "dataset"
    assert entity_type_of([{"dataset": 0.3, "model": 0.0}]) == "model"  # a tie is a model
    assert entity_type_of([{"dataset": 0.2, "model": 0.0}] * 2) == "dataset"


def test_a_described_dataset_with_a_plain_title_prefix_is_a_dataset(nlp_rules: Language) -> None:
    found = titled_links(
        nlp_rules,
        "ZORBIX: Augmenting LLMs with medical pairs",
        "We introduce ZORBIX, a large-scale, curated corpus of medical pairs. ZORBIX helps. "
        "Augmenting LLMs with ZORBIX improves accuracy. ZORBIX is open.",
    )
    assert found.get("ZORBIX") == ("dataset", "introduces")
    found = titled_links(
        nlp_rules,
        "ZORBIX: Augmenting LLMs with medical pairs",
        "We introduce ZORBIX for notes. ZORBIX helps. ZORBIX is open.",
    )
    assert found.get("ZORBIX") == ("model", "introduces")


def test_what_the_text_says_a_name_is_types_it(nlp_rules: Language) -> None:
    text = "We evaluate ZorBix. ZorBix consists of 157,803 exam questions across subjects."
    assert links(nlp_rules, text)["ZorBix"][0] == "dataset"
    text = "We evaluate ZorBix. ZorBix contains 7 billion parameters across layers."
    assert links(nlp_rules, text)["ZorBix"][0] == "model"
    text = "We evaluate ZxSLU. We built the first spoken prescriptions corpus, named ZxSLU."
    assert links(nlp_rules, text)["ZxSLU"][0] == "dataset"
    text = "We evaluate ZxSLU. We built the first spoken prescriptions system, named ZxSLU."
    assert links(nlp_rules, text)["ZxSLU"][0] == "model"


# -- issue 15, item 3 (names4): a capitalised word before a curated name starts a new name --


@pytest.mark.parametrize(
    ("words", "lower_words", "title_end", "expected"),
    [
        (["we", "tune", "Me", "LLaMA"], frozenset(), 0, True),
        (["we", "tune", "Me", "LLaMA"], frozenset(), 12, False),  # a title word
        (["we", "tune", "Medical", "LLaMA"], frozenset({"medical"}), 0, False),  # ordinary
        (["we", "tune", "Model", "LLaMA"], frozenset(), 0, False),  # a generic head
        (["we", "tune", "Open", "Med", "LLaMA"], frozenset(), 0, False),  # a run of capitals
        (["we", "tune", "me", "LLaMA"], frozenset(), 0, False),
        (["Me", "LLaMA"], frozenset(), 0, False),  # a sentence's first word
    ],
)
def test_name_word_before(
    words: list[str], lower_words: frozenset[str], title_end: int, expected: bool
) -> None:
    units, char = [], 0
    for i, w in enumerate(words):
        shape = (
            "cap"
            if w[0].isupper() and w[1:].islower()
            else "strong"
            if w.isupper() or w[1:] != w[1:].lower()
            else "lower"
        )
        units.append(Unit(i, i + 1, w, shape, i == 0, True, char))
        char += len(w) + 1
    lexicon = Lexicon.from_patterns(
        {"not_names": [{"kind": "generic_head", "text": "model"}]}, parse_known_entities("")
    )
    assert name_word_before(units, len(units) - 1, title_end, lower_words, lexicon) is expected


def test_a_name_built_on_a_curated_name_is_one_name(nlp_rules: Language) -> None:
    assert "Me LLaMA 13B" in links(nlp_rules, "We fine-tune Me LLaMA 13B on notes.")
    text = "We fine-tune Medical LLaMA on medical notes."
    assert "Medical LLaMA" not in links(nlp_rules, text)


# -- issue 15, item 3 (names4): a compound built on a curated name is a name --


def _known_lexicon() -> Lexicon:
    known = parse_known_entities(["model\tGemini", "model\tGe"])
    return Lexicon.from_patterns({}, known)


@pytest.mark.parametrize(
    ("part", "expected"),
    [("Gemini", True), ("gemini", False), ("Vision", False), ("Ge", False)],  # "Ge" is too short
)
def test_curated_part(part: str, expected: bool) -> None:
    assert curated_part(part, _known_lexicon()) is expected
    assert curated_part(part, None) is False


def test_a_hyphen_compound_on_a_curated_name_is_name_shaped() -> None:
    lexicon = _known_lexicon()
    assert unit_shape("Med-Gemini", lexicon) == "strong"
    assert unit_shape("Med-Vision", lexicon) == "cap"  # ordinary words


@pytest.mark.parametrize(
    ("text", "introduced", "expected"),
    [
        ("Med-Gemini-2D", {"Med-Gemini"}, True),
        ("Med-Gemini-Polygenic", {"Med-Gemini"}, True),
        ("Med-Gemini2D", {"Med-Gemini"}, False),  # no hyphen
        ("Me-Gemini", {"Me"}, False),  # the introduced name is too short to build on
        ("Med-Gemini", {"Med"}, True),
        ("Med-Gemini", {"Med-Gemini"}, False),  # the name itself
        ("Med-Gemini-2D", set(), False),
    ],
)
def test_hyphen_variant(text: str, introduced: set[str], expected: bool) -> None:
    assert hyphen_variant(text, introduced) is expected


def test_variants_of_the_papers_own_family_are_its_own(nlp_rules: Language) -> None:
    text = (
        "We develop several models within the new Med-Gemini family. "
        "Med-Gemini-2D sets a new standard. We compare it with Med-PaLM."
    )
    found = links(nlp_rules, text)
    assert found["Med-Gemini-2D"][0] == "model"
    roles = titled_links(nlp_rules, "A study", text)
    assert roles["Med-Gemini-2D"] == ("model", "introduces")
    assert roles["Med-PaLM"] == ("model", "uses")


# -- issue 15, item 3 (names4): a title prefix typed by its title's words --


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("ZORBIX 2.0: More Data, Better Models", "dataset"),
        ("ZORBIX: Probing Basic Perception in Language Models", "dataset"),
        ("ZORBIX: A Controllable Data Engine for Segmentation", "model"),  # data of an engine
        ("ZORBIX: Learning Segmentation from Data", "model"),  # after "from"
        ("ZORBIX: Fast Segmentation of Scans", "model"),
    ],
)
def test_title_words_type_a_title_prefix(nlp_rules: Language, title: str, expected: str) -> None:
    name = title.split(":")[0]
    found = titled_links(nlp_rules, title, f"We present {name} for scans. {name} is open.")
    assert found[name][0] == expected


# -- issue 15, item 3 (names4): capitalised words listed after a plural head noun --


@pytest.mark.parametrize(
    ("text", "k", "expected"),
    [
        ("registration frameworks ( such as Elastix", 5, True),
        ("benchmarks like Corvida", 2, True),
        ("datasets , e.g. , Zorba", 4, True),
        ("benchmarks Zorba", 1, False),  # no list introducer
        ("Benchmarks like Zorba", 2, False),  # a capitalised noun may be part of a name
        ("hard benchmarks such as we like Zorba", 6, False),  # not right after the noun
        ("the data such as Zorba", 4, False),  # not a list noun
        ("frameworks , , , , , , Zorba", 7, False),  # more than five introducing units
    ],
)
def test_listed_after_noun(text: str, k: int, expected: bool) -> None:
    units = _sentence_units(text)
    nouns = frozenset({"frameworks", "benchmarks", "datasets"})
    assert listed_after_noun(units, k, [0] * len(units), nouns) is expected


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("X , Y , and Z today", [0, 2, 5]),
        ("X or Y", [0, 2]),
        ("X today", [0]),
        ("X today here", [0]),
        ("X and", [0]),
    ],
)
def test_list_items(text: str, items: list[int]) -> None:
    units = _sentence_units(text)
    assert list_items(units, 0, [0] * len(units)) == items


@pytest.mark.parametrize(
    ("text", "expected"),
    [("X and", True), ("X )", True), ("X", True), ("X sampling", False)],
)
def test_item_ends_at(text: str, expected: bool) -> None:
    assert item_ends_at(_sentence_units(text), 0) is expected


def test_titlecase_names_listed_after_a_plural_head_are_names(nlp_rules: Language) -> None:
    text = "It fits registration frameworks (such as Elastix and Voxelmorph). It works."
    found = links(nlp_rules, text)
    assert found["Elastix"][0] == "model" and found["Voxelmorph"][0] == "model"
    found = links(nlp_rules, "We test on benchmarks like Corvida and Zorbia.")
    assert found["Corvida"][0] == "dataset" and "Zorbia" in found
    assert "Random" not in links(nlp_rules, "We use methods such as Random sampling.")
    text = "We use methods such as Medical and Zorbia. The medical part is new."
    assert "Medical" not in links(nlp_rules, text)


# -- issue 15, item 3 (names4): a capitalised word right after a singular head noun --


@pytest.mark.parametrize(
    ("text", "k", "expected"),
    [
        ("the state space model Mamba has", 4, True),
        ("clinical language model , Asclepius .", 4, True),
        ("the test dataset , Zorbax achieved", 4, False),  # a comma after a dataset head
        ("the test dataset Zorbax is", 3, True),
        ("the models Mamba has", 2, False),  # a plural head
        ("the model Mamba architecture", 2, False),  # another head after the word
        ("model Mamba", 1, False),  # the head opens the text: nothing names it
        ("the Model Mamba", 2, False),  # a capitalised head may be part of a name
        ("the data Mamba", 2, False),  # not a head noun
    ],
)
def test_named_by_head_before(text: str, k: int, expected: bool) -> None:
    units = _sentence_units(text)
    heads = frozenset({"model", "models", "architecture", "dataset"})
    comma_heads = frozenset({"model"})
    assert named_by_head_before(units, k, [0] * len(units), heads, comma_heads) is expected


def test_a_titlecase_word_after_a_head_noun_is_its_name(nlp_rules: Language) -> None:
    found = links(nlp_rules, "Recently, the state space model Mamba has shown efficiency.")
    assert found["Mamba"][0] == "model"
    text = "We train our clinical language model, Asclepius. We benchmark Asclepius on notes."
    assert links(nlp_rules, text)["Asclepius"][0] == "model"
    text = "On a cancer dataset, ZorBax achieved 0.69. We propose ZorBax for notes."
    assert links(nlp_rules, text)["ZorBax"][0] == "model"
    assert "Zorbax" not in links(nlp_rules, "On a cancer dataset, Zorbax achieved 0.69.")
    text = "We propose a new model Medical for medical notes."
    assert "Medical" not in links(nlp_rules, text)


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("On a cancer dataset", 3, True),
        ("on three public datasets", 3, True),
        ("we construct a large-scale dataset", 4, False),
        ("we construct a dataset", 3, False),
        ("the dataset", 1, False),
        ("tested , the new dataset", 4, False),  # punctuation ends the phrase
        ("from X , noisy datasets", 4, False),
        ("from very many more noisy datasets", 5, False),  # too far back to read
    ],
)
def test_in_adverbial(text: str, head: int, expected: bool) -> None:
    assert in_adverbial(_sentence_units(text), head) is expected


def test_a_comma_after_an_adverbial_head_lists_nothing(nlp_rules: Language) -> None:
    text = "We construct a new robustness dataset, ZORBIX, to test models. ZORBIX helps."
    assert links(nlp_rules, text)["ZORBIX"][0] == "dataset"
    text = "On a cancer dataset, ZORBIX achieved 0.69. We propose ZORBIX for notes."
    assert links(nlp_rules, text)["ZORBIX"][0] == "model"
    assert "Corvida" not in links(nlp_rules, "On the benchmarks, Corvida wins.")
    assert "Corvida" not in links(nlp_rules, "On the benchmarks, Corvida and Zorbia win.")
    assert "Corvida" in links(nlp_rules, "We use benchmarks, e.g., Corvida.")


# -- issue 15, item 3 (names4): a defined acronym of a process is no model --


@pytest.mark.parametrize(
    ("long_text", "expected"),
    [
        ("Adversarial Feature Map Pruning for Backdoor", True),
        ("Reinforcement Learning with Verifiable Rewards", True),
        ("Contrastive Language-Image Pre-training", True),  # the head's last hyphen part
        ("Segment Anything Model", False),
        ("Learning Machine for Notes", False),  # the head is the last word before "for"
        ("Deep King", False),  # too short to be a process noun
        ("Cross-Ring", False),  # the last hyphen part is read
        ("", False),
    ],
)
def test_names_a_process(long_text: str, expected: bool) -> None:
    assert names_a_process(long_text) is expected


def test_a_defined_acronym_of_a_method_is_no_model(nlp_rules: Language) -> None:
    text = "We propose Adversarial Feature Map Pruning for Backdoor (AFMP). AFMP works."
    assert "AFMP" not in links(nlp_rules, text)
    text = "We propose a solution termed Deep Probabilistic Sub-sampling (DPS). DPS works."
    assert "DPS" in links(nlp_rules, text)  # named by the paper: its system
    text = "We propose Deep Probabilistic Sub-sampling (DPS). DPS works."
    assert "DPS" not in links(nlp_rules, text)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "A title\n\nBACKGROUND: Scans vary. MATERIALS AND METHODS: We train.",
            ["BACKGROUND", "MATERIALS", "AND", "METHODS"],
        ),
        ("RESULTS: a study\n\nRESULTS are good.", []),  # the colon is in the title only
        ("A title\n\nRESULTS are good.", []),
    ],
)
def test_names_section_labels(text: str, labels: list[str]) -> None:
    units = doc_units(spacy.blank("en")(text))
    found = section_label_units(units, text, title_end_char(text))
    assert [units[k].text for k in found] == labels


def test_names_units_trim_outer_punctuation() -> None:
    # quotes, brackets, commas and a possessive "'s" are units of their own, not name parts
    units = doc_units(spacy.blank("en")('We use "MedQA" (v2), GPT-4\'s head ( BERT ) .'))
    assert [u.text for u in units if u.shape != "punct"] == [
        "We", "use", "MedQA", "v2", "GPT-4", "head", "BERT",
    ]  # fmt: skip
    assert [u.text for u in units if u.shape == "punct"] == [
        '"', '"', "(", ")", ",", "'s", "(", ")", ".",
    ]  # fmt: skip


# a dimension written before an architecture is part of its name: "a 3D ResNet-18"
@pytest.mark.parametrize(
    ("text", "name", "absent"),
    [
        ("Our baseline is a 3D ResNet-18 trained on brain MRI.", "3D ResNet-18", "ResNet-18"),
        ("Lesions were outlined with a 2.5D U-Net by two readers.", "2.5D U-Net", "U-Net"),
        ("Signals went to a 1D ResNet with five blocks.", "1D ResNet", "ResNet"),
    ],
)
def test_names_dimension_opens_the_architecture_name(
    nlp_rules: Language, text: str, name: str, absent: str
) -> None:
    found = names(nlp_rules, text)
    assert name in found and found[name][0] == "model"
    assert absent not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Liver segmentation in 3D\n\nU-Net then segmented the liver.", "U-Net"),
        ("Renderings in 3D, ResNet-18 features and age were combined.", "ResNet-18"),
    ],
)
def test_names_a_dimension_elsewhere_stays_out_of_the_name(
    nlp_rules: Language, text: str, name: str
) -> None:
    found = names(nlp_rules, text)
    assert name in found
    assert not any(t.startswith("3D") for t in found)


# a clinical scale or score is neither dataset nor model where it measures, labels or
# thresholds: "Patient Health Questionnaire", "Mini-Mental State Examination (MMSE) score",
# "National Early Warning Score 2 (NEWS2)"; compared with a model it is one (scores15,
# tests/unit/test_components_names_scores.py)
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Mood was rated with the Hamilton Depression Rating Scale weekly.", "Hamilton"),
        ("Each visit recorded a Patient Health Questionnaire (PHQ-9) score.", "PHQ-9"),
        ("Inputs were age and Mini-Mental State Examination (MMSE) score.", "MMSE"),
        ("Alerts fired when the National Early Warning Score 2 (NEWS2) reached 5.", "NEWS2"),
        ("Sleep apnea was graded by the Apnea-Hypopnea Index (AHI) at night.", "AHI"),
    ],
)
def test_names_a_clinical_instrument_is_no_name(
    nlp_rules: Language, text: str, absent: str
) -> None:
    assert not any(absent in t for t in names(nlp_rules, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a bracketed short form followed by another word stays a name
        ("We test on the Rural Clinic Licensing Examination (RCLE) questions.", "RCLE"),
        ("Scans came from the Lakeside Imaging Studies Archive (LISA) archive.", "LISA"),
        # an instrument word inside the name, not at its end, does not stop it
        ("The Index Lesion Atlas was released with the labels.", "Index Lesion Atlas"),
    ],
)
def test_names_a_name_with_an_instrument_word_elsewhere_stays(
    nlp_rules: Language, text: str, name: str
) -> None:
    assert name in names(nlp_rules, text)


# a participle glued to a name says what was done with it: the stem is the name
@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("We start from an ImageNet-pretrained encoder for the slides.", "ImageNet", "dataset"),
        (
            "Pockets were read from AlphaFold2-predicted folds of each enzyme.",
            "AlphaFold2",
            "model",
        ),
    ],
)
def test_names_a_glued_participle_leaves_the_stem(
    nlp_rules: Language, text: str, name: str, etype: str
) -> None:
    found = names(nlp_rules, text)
    assert found.get(name, ("", 0.0))[0] == etype
    assert not any(t.endswith(("pretrained", "predicted")) for t in found)


def test_names_a_capitalised_participle_phrase_is_no_name(nlp_rules: Language) -> None:
    assert names(nlp_rules, "Expert-annotated scans and Fine-tuned weights were kept.") == {}


def test_names_units_keep_a_lower_case_participle_compound() -> None:
    # the blank tokenizer splits every hyphen; only a name-shaped stem ends a unit there
    units = doc_units(spacy.blank("en")("a model we fine-tuned from BERT-pretrained weights"))
    texts = [u.text for u in units if u.shape != "punct"]
    assert "fine-tuned" in texts and "BERT" in texts


# "On X, Y achieved ...": the comma closes an opening phrase; X is not listed with model Y
def test_names_an_opening_phrase_does_not_coordinate(nlp_rules: Language) -> None:
    text = "On KeraView-21, nnU-Net achieved the best mean Dice of all models."
    assert names(nlp_rules, text).get("KeraView-21", ("", 0.0))[0] != "model"


def test_names_a_list_after_a_verb_still_shares_its_type(nlp_rules: Language) -> None:
    text = "We compared nnU-Net, KeraSeg-21 and TransUNet on the scans."
    assert names(nlp_rules, text)["KeraSeg-21"][0] == "model"


# an acronym after a determiner may open a long dataset name ending in a collection word
def test_names_an_acronym_opens_a_long_dataset_name(nlp_rules: Language) -> None:
    found = names(nlp_rules, "Images came from the public WHOX Cervical Image Bank.")
    assert found.get("WHOX Cervical Image Bank", ("", 0.0))[0] == "dataset"
    assert "WHOX" not in found


@pytest.mark.parametrize(
    "text",
    [
        "We used the MRI Scanner Room for all acquisitions.",  # no collection word at the end
        "We reviewed the CT Images of each patient.",
    ],
)
def test_names_an_acronym_before_capitalised_words_without_a_collection_word(
    nlp_rules: Language, text: str
) -> None:
    assert not any(t.startswith(("MRI ", "CT ")) for t in names(nlp_rules, text))


# a closing "of" and one place word belong to a long dataset name: "the Cancer Registry of Norway"
def test_names_a_place_after_of_closes_a_long_dataset_name(nlp_rules: Language) -> None:
    found = names(nlp_rules, "Outcomes were linked through the Tumour Registry of Iceland.")
    assert found.get("Tumour Registry of Iceland", ("", 0.0))[0] == "dataset"


def test_names_a_longer_phrase_after_of_stays_out(nlp_rules: Language) -> None:
    found = names(nlp_rules, "Records came from the Tumour Registry of North Iceland.")
    assert "Tumour Registry of North" not in found


# -- branch names14: the title's first head noun decides its prefix's type


def _title_units(*texts: str) -> list[Unit]:
    units, char = [], 0
    for k, t in enumerate(texts):
        units.append(Unit(k, k + 1, t, "cap", False, True, char))
        char += len(t) + 1
    return units


@pytest.mark.parametrize(
    ("texts", "k", "expected"),
    [
        (("Robotic", "Simulator", "for", "Data"), 1, True),  # a lower-case word follows
        (("Learned", "Models", ",", "Data"), 1, True),  # a comma follows
        (("Learned", "Models"), 1, True),  # the title ends
        (("Model", "Evaluation", "Suite"), 0, False),  # it modifies the next word
        (("the", "model"), 1, False),  # lower case: no title word
    ],
)
def test_heads_title_phrase(texts: tuple[str, ...], k: int, expected: bool) -> None:
    units = _title_units(*texts)
    end = units[-1].char + len(units[-1].text)
    assert heads_title_phrase(units, k, end) is expected


def test_a_system_named_before_its_data_types_the_title_prefix(nlp_rules: Language) -> None:
    found = titled_links(
        nlp_rules,
        "LungForge: A Robotic Simulator for Bronchoscopy Dataset Generation",
        "We present LungForge, which renders airway videos. LungForge runs on one GPU.",
    )
    assert found.get("LungForge", ("",))[0] == "model"


def test_a_dataset_named_first_still_types_the_title_prefix(nlp_rules: Language) -> None:
    found = titled_links(
        nlp_rules,
        "LungForge: A Bronchoscopy Dataset and Baseline Models",
        "We present LungForge, which holds airway videos. LungForge has 900 videos.",
    )
    assert found.get("LungForge", ("",))[0] == "dataset"


# -- branch names14: the word after a section label's colon opens a sentence


def test_after_label_units() -> None:
    units = _title_units("Methods", ":", "Overall", ",", "KidNet")
    assert after_label_units(units, [0]) == [2]
    assert after_label_units(units, []) == []
    assert after_label_units(_title_units("Methods", "Overall"), [0]) == []  # no colon


def test_word_opening_a_labelled_section_is_no_name(nlp_rules: Language) -> None:
    text = (
        "Background: Kidney stones recur. Results: Externally, KidNet-3 reached an AUROC of "
        "0.88 on the test scans."
    )
    found = links(nlp_rules, text)
    assert "KidNet-3" in found
    assert "Externally" not in found


def test_title_prefix_written_only_with_a_size_is_its_own_name(nlp_rules: Language) -> None:
    found = titled_links(
        nlp_rules,
        "Quill-Med: Faithful Rationales for Clinical Questions",
        "We present Quill-Med-8B, tuned from a base model. Quill-Med-8B reaches 70% on MedQA.",
    )
    assert found.get("Quill-Med") == ("model", "introduces")
    assert found.get("Quill-Med-8B") == ("model", "introduces")


def test_title_words_not_in_the_abstract_name_nothing(nlp_rules: Language) -> None:
    found = titled_links(
        nlp_rules,
        "Quill-Med: Faithful Rationales for Clinical Questions",
        "We present a tuned model. It reaches 70% on MedQA.",
    )
    assert "Quill-Med" not in found


# -- branch names14: a lower-case tier word after a parameter count belongs to the name


def test_lower_case_tier_after_a_size_joins_the_name(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We prompt Zorba 13B chat and GPT-4 on the notes.")
    assert "Zorba 13B chat" in found
    assert "Zorba 13B" not in found


def test_tier_word_after_a_size_before_a_score_joins_the_name(nlp_rules: Language) -> None:
    found = links(nlp_rules, "F1 was 0.61 for GPT-4 and 0.49 for Zorba 13B chat 0.49 overall.")
    assert "Zorba 13B chat" in found


def test_size_before_a_plain_noun_keeps_it_out(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We prompt Zorba 13B chat logs and GPT-4 on the notes.")
    assert "Zorba 13B chat" not in found


def _opening(*texts: str) -> list[Unit]:
    """Units of one sentence, the first opening it."""
    return [Unit(k, k + 1, t, "lower", k == 0, True) for k, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "fronted"),
    [
        # a Roman numeral after a numbered noun is no pronoun: the opening phrase goes on
        (("Trained", "on", "phase", "I", "trials", "from", "X"), True),
        (("Trained", "on", "type", "I", "diabetes", "records", "from", "X"), True),
        (("Trained", "on", "phase", "II", "trials", "from", "X"), True),
        # the pronoun ends the walk back: "so I used X" opens no phrase
        (("Trained", "on", "data", "so", "I", "used", "X"), False),
    ],
)
def test_fronted_clause_reads_roman_numerals_as_numbers(
    texts: tuple[str, ...], fronted: bool
) -> None:
    assert fronted_clause(_opening(*texts), len(texts) - 1) is fronted
