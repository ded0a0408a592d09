"""Name decisions in context (issue 15, item 3; found with the third and fourth blind name
sets), each on fresh short sentences on both sides of its boundary: hub paths, two names in one
slashed token, tier words with a version, scorers' names beside a metric word, data drawn
"from" a name, long names before a lower-case collection word, "+" variants and platforms."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.known_entities import parse_known_entities
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.boundaries import names_a_molecule, nationality_form
from kg.nlp.components.names.cues import (
    fronted_phrase,
    part_of_named_data,
    past_aside,
    phrase_ends_at_comma,
    score_in_comparison,
    stated_score,
    states_own_score,
)
from kg.nlp.components.names.units import Unit
from kg.statements import LINK_THRESHOLD, EntityLink


def asserted_links(nlp: Language, text: str) -> list[EntityLink]:
    """Every asserted dataset/model link of a one-paragraph paper."""
    from kg.corpus.models import paper_text
    from kg.extract import doc_extraction

    title = "A study"
    extraction = doc_extraction(nlp(paper_text(title, text)), "k", title, text)
    return [
        lk
        for lk in extraction.links
        if lk.entity_type in ("dataset", "model") and lk.confidence >= LINK_THRESHOLD
    ]


def links(nlp: Language, text: str) -> dict[str, str]:
    """label -> type of every asserted dataset/model link of a one-paragraph paper."""
    return {lk.label: lk.entity_type for lk in asserted_links(nlp, text)}


def keys(nlp: Language, text: str) -> dict[str, str]:
    """key -> type of every asserted dataset/model link of a one-paragraph paper."""
    return {lk.key: lk.entity_type for lk in asserted_links(nlp, text)}


def test_hub_path_is_one_model(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We fine-tuned acme-lab/PathoBERT-v2 and google/flan-t5-large.")
    assert found.get("acme-lab/PathoBERT-v2") == "model"
    assert found.get("google/flan-t5-large") == "model"


def test_no_hub_path_from_lower_case_pairs_or_urls(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "We study binary/multi-class labels. Code: https://github.com/someone/KidneyNet2 .",
    )
    assert not any("/" in label for label in found)


def test_slashed_token_names_two(nlp_rules: Language) -> None:
    found = keys(nlp_rules, "Backbones from DINOv2/KidneyFM were compared on scans.")
    assert found.get("dinov2") == "model"
    assert found.get("kidneyfm") == "model"


def test_slashed_patch_size_is_one_name(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We fine-tune ViT-B/32 on the scans.")
    assert "ViT-B/32" in found


def test_slashed_training_method_is_no_model(nlp_rules: Language) -> None:
    found = links(nlp_rules, "Encoders pretrained with DINOv2/MAE were compared on scans.")
    assert "DINOv2" in found
    assert not any("MAE" in label for label in found)


def test_tier_word_with_version_extends_name(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We prompted Mistral Medium 3 and Claude Opus 4 with the cases.")
    assert "Mistral Medium 3" in found
    assert "Claude Opus 4" in found


def test_a_capitalised_tier_word_that_ends_the_phrase_is_part_of_the_name(
    nlp_rules: Language,
) -> None:
    """ "SpeechLM Large," is the large variant (issue 15, item 3: a size suffix cut short);
    a tier word that opens a longer phrase is not ("SpeechLM Large Language Model")."""
    found = links(nlp_rules, "We compare SpeechLM Large, AudioFM Base and MFCC baselines.")
    assert {"SpeechLM Large", "AudioFM Base"} <= set(found)
    found = links(nlp_rules, "We adapt the SpeechLM Large Language Model to notes.")
    assert "SpeechLM Large" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Outputs were scored with FactGraph F1 and BLEU.",
        "Outputs were scored with the VERIFY score and BLEU.",
        "Outputs were scored with FactScore and BLEU.",
    ],
)
def test_scorer_beside_metric_word_is_no_model(nlp_rules: Language, text: str) -> None:
    assert not any(t == "model" for t in links(nlp_rules, text).values())


def test_curated_model_before_score_word_stays(nlp_rules: Language) -> None:
    found = links(nlp_rules, "Our system reached a GPT-4 score of 7.2 on the answers.")
    assert found.get("GPT-4") == "model"


def test_name_without_score_word_stays_model(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We use FactGraph to extract entities from reports.")
    assert found.get("FactGraph") == "model"


def test_items_drawn_from_a_name_are_data(nlp_rules: Language) -> None:
    found = links(nlp_rules, "Models answered 900 vignettes from CaseStack-R.")
    assert found.get("CaseStack-R") == "dataset"


def test_features_from_a_name_are_not_data(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We extracted features from ResNet-50 for the task.")
    assert found.get("ResNet-50") == "model"


def test_long_name_before_collection_word(nlp_rules: Language) -> None:
    found = links(
        nlp_rules,
        "We trained on the Tayside ECG dataset and the Moray Stroke Outcome Study dataset.",
    )
    assert found.get("Moray Stroke Outcome Study") == "dataset"


def test_acronym_inside_long_name(nlp_rules: Language) -> None:
    text = "Scans came from the Lothian Stroke CT Imaging Archive and were graded."
    assert links(nlp_rules, text).get("Lothian Stroke CT Imaging Archive") == "dataset"


def test_two_plain_words_before_dataset_are_no_long_name(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We trained a classifier on the Skin Lesion dataset.")
    assert "Skin Lesion" not in found


def test_plus_variant_is_its_own_entity_of_its_base_kind(nlp_rules: Language) -> None:
    found = keys(nlp_rules, "We extended the HeronQA benchmark to HeronQA+, doubling its size.")
    assert found.get("heronqaplus") == "dataset"
    assert found.get("heronqa") == "dataset"


@pytest.mark.parametrize("platform", ["REDCap", "ServiceNow", "Jira", "Qualtrics"])
def test_platforms_are_no_data(nlp_rules: Language, platform: str) -> None:
    found = links(nlp_rules, f"Responses were collected in {platform} and analysed with XGBoost.")
    assert platform not in found


def test_name_typed_by_its_head_keeps_it_beside_a_model(nlp_rules: Language) -> None:
    """A comma after "the X benchmark" joins it to the model that follows only loosely: the
    head word types X, the neighbour does not."""
    found = links(nlp_rules, "On the Quillon benchmark, Mistral-7B reaches 71.2% accuracy.")
    assert found.get("Quillon") == "dataset"
    assert found.get("Mistral 7B") == "model"  # the curated label


def test_data_repository_is_no_dataset(nlp_rules: Language) -> None:
    """A repository of datasets is a platform (GUIDELINES: not annotated); what it hosts is data."""
    found = links(nlp_rules, "ECG records were downloaded from PhysioNet and the PTB-XL dataset.")
    assert "PhysioNet" not in found
    assert found.get("PTB-XL") == "dataset"


def test_data_after_pretrain_on(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We pretrain on Glenmore and fine-tune on Tullich for grading.")
    assert found.get("Glenmore") == "dataset"
    assert found.get("Tullich") == "dataset"


def test_tier_ending_is_no_data_suffix(nlp_rules: Language) -> None:
    found = links(nlp_rules, "The encoder is BEiT-Base, fine-tuned on the Rosemarkie scans.")
    assert found.get("BEiT-Base") == "model"


def test_data_suffix_without_tier_stays_data(nlp_rules: Language) -> None:
    found = links(nlp_rules, "Drug pairs were drawn from PharmaBase for the task.")
    assert found.get("PharmaBase") == "dataset"


def test_resulting_collection_is_data(nlp_rules: Language) -> None:
    found = links(nlp_rules, "On the resulting Lairg Stroke Registry, a CatBoost model was fitted.")
    assert found.get("Lairg Stroke Registry") == "dataset"


def test_curated_model_with_lower_case_tier(nlp_rules: Language) -> None:
    found = links(nlp_rules, "Transcripts were produced with Whisper-small for the analysis.")
    assert found.get("Whisper-small") == "model"


def test_items_in_a_name_are_data(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We analysed 800 utterances in VoxCare-7 with a classifier.")
    assert found.get("VoxCare-7") == "dataset"


def test_evaluation_framework_is_data(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We develop RadJudge, a unified evaluation framework for reports.")
    assert found.get("RadJudge") == "dataset"


def test_evaluation_framework_head_after_name_is_data(nlp_rules: Language) -> None:
    found = links(nlp_rules, "All systems are scored with the MEDIQ evaluation framework.")
    assert found.get("MEDIQ") == "dataset"


def test_other_framework_stays_model(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We develop SegKit, a unified segmentation framework for scans.")
    assert found.get("SegKit") == "model"


def test_description_after_bracketed_short_form(nlp_rules: Language) -> None:
    text = "We present Lothian Organ Masks (LOM), the largest labeled dataset of organs."
    assert links(nlp_rules, text).get("LOM") == "dataset"


def test_title_ampersand_names_two(nlp_rules: Language) -> None:
    from kg.extract import extract_text

    title = "RetinaVL & RetinaVL-9M: a model and its data"
    text = "We release RetinaVL-9M, nine million pairs, and train RetinaVL on it."
    ex = extract_text(title, text, nlp_rules)
    labels = {lk.label for lk in ex.links if lk.entity_type in ("dataset", "model")}
    assert {"RetinaVL", "RetinaVL-9M"} <= labels
    assert not any("&" in label for label in labels)


def test_title_ampersand_names_are_typed_by_context(nlp_rules: Language) -> None:
    from kg.extract import extract_text

    # the title's "A Dataset" is the kind of one of the two names, not of both
    title = "OtoVL & OtoVL-2M: A Dataset for Ear Imaging"
    ex = extract_text(title, "We train the OtoVL model on OtoVL-2M, two million pairs.", nlp_rules)
    types = {lk.label: lk.entity_type for lk in ex.links}
    assert types.get("OtoVL") == "model"
    assert types.get("OtoVL-2M") == "dataset"


def test_capitalised_function_word_is_no_list_item(nlp_rules: Language) -> None:
    from kg.extract import extract_text

    title = "OtoGPT-Vision, Beyond Text in Ear Imaging"
    ex = extract_text(title, "We build OtoGPT-Vision for otoscopy.", nlp_rules)
    labels = {lk.label for lk in ex.links if lk.confidence >= LINK_THRESHOLD}
    assert "OtoGPT-Vision" in labels
    assert "Beyond" not in labels


@pytest.mark.parametrize("software", ["MongoDB", "FastAPI", "PostgreSQL"])
def test_infrastructure_software_is_no_name(nlp_rules: Language, software: str) -> None:
    found = links(nlp_rules, f"Records were stored in {software} and served to the GlioNet model.")
    assert software not in found


def test_model_derived_from_a_name_makes_it_a_model(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We introduce MedKneeLIP, a vision encoder derived from KneeLIP.")
    assert found.get("KneeLIP") == "model"


def test_data_derived_from_a_name_makes_it_data(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We built a corpus derived from ClinText-9 for the task.")
    assert found.get("ClinText-9") == "dataset"


def test_collection_of_models_is_a_model(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We present CortexGen, a collection of generative models of volumes.")
    assert found.get("CortexGen") == "model"


def test_collection_of_scans_is_data(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We present CortexScan, a collection of 3,000 MRI scans.")
    assert found.get("CortexScan") == "dataset"


def test_long_form_head_types_its_short_form(nlp_rules: Language) -> None:
    text = "Using the Data Efficient Lesion Transformer (DELT), we distilled a small classifier."
    assert links(nlp_rules, text).get("DELT") == "model"


@pytest.mark.parametrize("method", ["iBOT", "SwAV", "SimSiam", "VICReg"])
def test_self_supervised_recipes_are_no_models(nlp_rules: Language, method: str) -> None:
    found = links(nlp_rules, f"We pretrain a ResNet-50 with {method} on unlabelled scans.")
    assert method not in found
    assert found.get("ResNet-50") == "model"


def test_questionnaire_long_form_is_no_name(nlp_rules: Language) -> None:
    text = "Answers to the Oxford Knee Questionnaire (OxKQ) were predicted by XGBoost."
    assert "OxKQ" not in links(nlp_rules, text)


def test_score_glued_by_equals_sign_is_cut_off(nlp_rules: Language) -> None:
    found = links(nlp_rules, "Results: OtoNet=0.85 and CochleaFormer=0.71 on the test scans.")
    assert "OtoNet" in found
    assert "CochleaFormer" in found


# -- branch names13: a name that states its own score, a part of a named collection, a
# sentence-opening phrase that runs over several words, a curated long form's acronym


def _units(*texts: str) -> list[Unit]:
    return [Unit(k, k + 1, t, "lower", k == 0, True) for k, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("X", "achieved", "an", "AUROC"), True),
        (("X", "outperformed", "Y"), True),
        (("X", "reached", "0.81"), True),
        (("X", "obtained", "from", "clinics"), False),  # a passive participle: data's source
        (("X", "scored", "by", "readers"), False),
        (("X", "contains", "notes"), False),
    ],
)
def test_states_own_score(texts: tuple[str, ...], expected: bool) -> None:
    verbs = frozenset({"achieved", "outperformed", "reached", "obtained", "scored"})
    assert states_own_score(_units(*texts), 0, [0] * len(texts), verbs) is expected


def test_name_that_scores_is_a_model(nlp_rules: Language) -> None:
    text = (
        "We report results on FundaLens. FundaLens achieved an AUROC of 0.91, and "
        "FundaLens outperformed ResNet-50 on every grade."
    )
    assert links(nlp_rules, text).get("FundaLens") == "model"


def test_named_collection_scored_on_stays_data(nlp_rules: Language) -> None:
    text = "We release the NephroBank dataset. NephroBank obtained from 3 sites holds 900 scans."
    assert links(nlp_rules, text).get("NephroBank") == "dataset"


@pytest.mark.parametrize(
    ("texts", "first", "expected"),
    [
        (("the", "ultrasound", "subset", "of", "X"), 4, True),
        (("the", "test", "split", "of", "the", "X"), 5, True),
        (("a", "variant", "of", "X"), 3, False),
        (("the", "subset", "X"), 2, False),
    ],
)
def test_part_of_named_data(texts: tuple[str, ...], first: int, expected: bool) -> None:
    parts = frozenset({"subset", "split"})
    assert part_of_named_data(_units(*texts), first, parts) is expected


def test_subset_of_a_name_makes_it_data(nlp_rules: Language) -> None:
    text = "HepaSeg is tested on the MRI subset of ThyroNodes and the test split of EchoWard."
    found = links(nlp_rules, text)
    assert found.get("ThyroNodes") == "dataset"
    assert found.get("EchoWard") == "dataset"


def test_variant_of_a_name_stays_a_model(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We fine-tune a small variant of CardioFormer on our notes.")
    assert found.get("CardioFormer") == "model"


@pytest.mark.parametrize(
    ("texts", "first", "expected"),
    [
        (("For", "sepsis", "prediction", "on", "X", ",", "Y"), 4, True),
        (("On", "the", "X", "and", "Z", "benchmarks", ",", "Y"), 4, True),
        (("In", "this", "study", "we", "use", "X", ",", "Y"), 5, False),  # a clause, no phrase
        (("To", "compare", "X", ",", "Y"), 2, False),  # an infinitive opens no phrase
        (("On", "A", ",", "X", ",", "Y"), 3, False),  # a comma before: a list inside
    ],
)
def test_fronted_phrase_over_several_words(
    texts: tuple[str, ...], first: int, expected: bool
) -> None:
    assert fronted_phrase(_units(*texts), first) is expected


def test_long_opening_phrase_lists_nothing(nlp_rules: Language) -> None:
    text = (
        "We train on NephroICU. For sepsis prediction on NephroICU, GraphSep reached an AUROC "
        "of 0.84, and GraphSep outperformed XGBoost."
    )
    found = links(nlp_rules, text)
    assert found.get("NephroICU") == "dataset"
    assert found.get("GraphSep") == "model"


def test_clause_before_names_still_lists_them(nlp_rules: Language) -> None:
    text = "In this study we train on the OrbitScans dataset, OcuMix and FundaVox."
    found = links(nlp_rules, text)
    assert found.get("OcuMix") == "dataset"
    assert found.get("FundaVox") == "dataset"


def test_acronym_of_a_curated_long_form_is_asserted(nlp_rules: Language) -> None:
    text = (
        "We test on the Diverse Dermatology Images (DDI) collection. On DDI, SkinNet-Lite "
        "reached an AUROC of 0.80."
    )
    assert links(nlp_rules, text).get("Diverse Dermatology Images") == "dataset"


@pytest.mark.parametrize(
    ("texts", "first", "next_last", "expected"),
    [
        (("For", "sepsis", "on", "X", ",", "Y", "won"), 3, 5, True),
        (("On", "X", ",", "Y", "and", "Z"), 1, 3, True),  # right after "On": as before
        (("For", "the", "tasks", "X", ",", "Y", "and", "Z"), 3, 5, False),  # the list goes on
        (("We", "use", "X", ",", "Y", "won"), 2, 4, False),  # no opening phrase
    ],
)
def test_phrase_ends_at_comma(
    texts: tuple[str, ...], first: int, next_last: int, expected: bool
) -> None:
    units = _units(*texts)
    between = [u.text.lower() for u in units[first + 1 : next_last]]
    assert phrase_ends_at_comma(units, first, between, next_last) is expected


def test_list_inside_an_opening_phrase_stays_a_list(nlp_rules: Language) -> None:
    text = "On the segmentation benchmarks LivTum, KidSeg and PancVol, errors fell."
    found = links(nlp_rules, text)
    assert {found.get(n) for n in ("LivTum", "KidSeg", "PancVol")} == {"dataset"}


def _roles(nlp: Language, text: str) -> dict[str, str]:
    doc = nlp("A study\n\n" + text)
    return {s.text: s._.kg_role for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}


def test_own_name_in_a_list_of_known_systems_owns_only_itself(nlp_rules: Language) -> None:
    text = "Notes were drafted by GPT-4, OrcaChat-9 or a tuned reader that we call WrenNote."
    found = _roles(nlp_rules, text)
    assert found.get("WrenNote") == "introduces"
    assert found.get("OrcaChat-9") == "uses"


def test_own_names_listed_together_are_all_own(nlp_rules: Language) -> None:
    found = _roles(nlp_rules, "We release WrenNote-3B and WrenNote-8B for discharge notes.")
    assert found.get("WrenNote-3B") == "introduces"
    assert found.get("WrenNote-8B") == "introduces"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0.874", True), ("61.5%", True), ("77%", True), ("1200", False), ("2019", False)],
)
def test_stated_score(text: str, expected: bool) -> None:
    assert stated_score(text) is expected


def test_name_a_score_is_made_on_is_data(nlp_rules: Language) -> None:
    text = "GutSeg reaches a Dice of 0.88 on PolypVault and 0.79 on ColonSet-2."
    found = {lk.label: lk for lk in asserted_links(nlp_rules, text)}
    assert found["PolypVault"].entity_type == "dataset"
    assert found["PolypVault"].confidence >= 0.8  # a cue, not the bare "on"
    assert found["ColonSet-2"].entity_type == "dataset"


def test_name_run_on_many_volumes_is_no_score_context(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We ran 1200 trials on KidneyNet-B to test its speed.")
    assert found.get("KidneyNet-B") == "model"


@pytest.mark.parametrize(
    ("between", "rest"),
    [
        (["(", "strokes", ")", ","], [","]),
        (["(", "81.2%", "accuracy", ")", "and"], ["and"]),
        ([",", "and"], []),  # no aside
        (["(", "a", "(", "b", ")", ")", ","], []),  # nested: not skipped
    ],
)
def test_past_aside(between: list[str], rest: list[str]) -> None:
    assert list(past_aside(between)) == rest


def test_list_items_with_bracketed_asides_stay_a_list(nlp_rules: Language) -> None:
    text = "It is tested on the SpineSet dataset (fractures), OrbitVault (tumours) and KneeBank."
    found = links(nlp_rules, text)
    assert found.get("OrbitVault") == "dataset"
    assert found.get("KneeBank") == "dataset"


def test_collected_name_is_data(nlp_rules: Language) -> None:
    assert links(nlp_rules, "We collect CarePairs for tuning.").get("CarePairs") == "dataset"


def test_name_renamed_by_a_count_of_preferences_is_data(nlp_rules: Language) -> None:
    text = "Tuning used CarePairs, 12,400 pairwise preferences over answers."
    assert links(nlp_rules, text).get("CarePairs") == "dataset"


def test_capitalised_word_before_a_name_starts_it(nlp_rules: Language) -> None:
    text = "Using Corpus Vitalis as an external test set, CellKit reached 0.81 accuracy."
    found = links(nlp_rules, text)
    assert found.get("Corpus Vitalis") == "dataset"
    assert "Vitalis" not in found


def test_ordinary_or_nationality_word_before_a_name_stays_out(nlp_rules: Language) -> None:
    text = (
        "We fine-tune Scandinavian DanoBERT on notes. The model Clinical DanoBERT was strong, "
        "and clinical notes were long."
    )
    found = links(nlp_rules, text)
    assert "DanoBERT" in found
    assert not {"Scandinavian DanoBERT", "Clinical DanoBERT"} & set(found)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Scandinavian", True), ("Polish", True), ("Japanese", True), ("Tabula", False)],
)
def test_nationality_form(word: str, expected: bool) -> None:
    assert nationality_form(word) is expected


def test_two_word_head_in_an_apposition_types_the_name(nlp_rules: Language) -> None:
    found = links(nlp_rules, "We add KneeVault, an external test set of 400 knees, to training.")
    assert found.get("KneeVault") == "dataset"


# -- branch names14: a score compared "for X" makes X a model; a curated name inside the long
# form of its own variant's short form is part of that name


@pytest.mark.parametrize(
    ("texts", "k", "expected"),
    [
        (("compared", "with", "0.61", "for", "X"), 3, True),
        (("versus", "0.70", "and", "0.66", "for", "X"), 4, True),
        (("an", "AUC", "of", "0.91", "for", "X"), 4, False),  # no comparison: maybe a class
        (("compared", "with", "40", "for", "X"), 3, False),  # a count is no score
        (("compared", "with", "0.61", "on", "X"), 3, False),  # data is scored on
    ],
)
def test_score_in_comparison(texts: tuple[str, ...], k: int, expected: bool) -> None:
    openers = frozenset({"compared", "versus"})
    assert score_in_comparison(_units(*texts), k, [0] * len(texts), openers) is expected


def test_name_given_a_compared_score_is_a_model(nlp_rules: Language) -> None:
    text = (
        "On the kidney cohort, our network reached a C-index of 0.74, compared with 0.69 "
        "for RENOVAT."
    )
    found = {lk.label: lk.entity_type for lk in asserted_links(nlp_rules, text)}
    assert found.get("RENOVAT") == "model"


def test_name_modifying_a_noun_after_a_compared_score_stays_out(nlp_rules: Language) -> None:
    text = "Our network reached a C-index of 0.74, compared with 0.69 for RENOVAT grading."
    assert "RENOVAT" not in links(nlp_rules, text)


def test_long_form_of_a_curated_variant_is_the_variant(nlp_rules: Language) -> None:
    text = (
        "We took 300 patients from The Cancer Genome Atlas thyroid papillary carcinoma adult "
        "patient cohort (TCGA-THCA) for training, and the model reached 0.71 on TCGA-THCA."
    )
    found = links(nlp_rules, text)
    assert found.get("TCGA-THCA") == "dataset"
    assert "TCGA" not in found
    assert "Cancer Genome Atlas" not in found


def test_curated_name_alone_is_still_linked(nlp_rules: Language) -> None:
    text = "We took 300 patients from The Cancer Genome Atlas (TCGA) for training."
    assert links(nlp_rules, text).get("TCGA") == "dataset"


def _strong_units(*texts: str) -> list[Unit]:
    return [Unit(k, k + 1, t, "strong", False, True) for k, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "k", "expected"),
    [
        (("BRAF9", "mutations"), 0, True),
        (("TP63", "and", "BRAF9", "expression"), 0, True),  # the coordinated word's noun
        (("the", "receptor", "TLR11X"), 2, True),
        (("GenoFormer", "and", "BERT"), 0, False),
        (("the", "model", "TLR11X"), 2, False),
    ],
)
def test_names_a_molecule(texts: tuple[str, ...], k: int, expected: bool) -> None:
    lexicon = Lexicon.from_patterns(
        {
            "not_names": [
                {"kind": "molecular_word", "text": "mutations"},
                {"kind": "molecular_word", "text": "expression"},
                {"kind": "molecule_head", "text": "receptor"},
            ]
        },
        parse_known_entities([]),
    )
    assert names_a_molecule(_strong_units(*texts), k, k, lexicon) is expected


def test_gene_names_are_neither_dataset_nor_model(nlp_rules: Language) -> None:
    text = (
        "Inputs included tumour stage and TP63 and BRAF9 status; GenoFormer reached a "
        "C-index of 0.70, and attention maps recovered MYCX7 amplification."
    )
    found = links(nlp_rules, text)
    assert "GenoFormer" in found
    assert not {"TP63", "BRAF9", "MYCX7"} & set(found)


def test_a_model_named_before_a_molecular_word_stays_a_model(nlp_rules: Language) -> None:
    # review14b: a name with a lower-case run is written as a model's, not a gene's
    text = (
        "We trained CellBERT expression encoders on two million cells and compared CellBERT "
        "with scVI; PeptoFormer status as an open model allows reuse."
    )
    found = links(nlp_rules, text)
    assert found.get("CellBERT") == "model"
    assert "PeptoFormer" in found


def test_gene_symbols_before_a_molecular_word_still_drop(nlp_rules: Language) -> None:
    text = (
        "GenoFormer predicted ERBB7 amplification and hERGX inhibition from slides, and "
        "Nrf9 was read by the kinase assay."
    )
    found = links(nlp_rules, text)
    assert "GenoFormer" in found
    assert not {"ERBB7", "hERGX"} & set(found)


def test_molecular_data_items_drawn_from_a_name_make_it_data(nlp_rules: Language) -> None:
    text = (
        "PeptoLM is pretrained on 9 million sequences from Uniclust77 and tested on "
        "predicted structures in FoldVault."
    )
    found = links(nlp_rules, text)
    assert found.get("Uniclust77") == "dataset"
    assert found.get("FoldVault") == "dataset"


def test_a_model_drawn_from_a_name_is_not_data(nlp_rules: Language) -> None:
    text = "PeptoLM is fine-tuned with weights from ProtFormer-3 on our own proteins."
    assert links(nlp_rules, text).get("ProtFormer-3") != "dataset"


def test_db_ends_a_dataset_name(nlp_rules: Language) -> None:
    text = "PeptoLM was checked against the AlphaFold DB last year."
    assert links(nlp_rules, text).get("AlphaFold DB") == "dataset"
