"""kg_entities: record identifiers, data standards, registries, products and cohorts named as
data sources; short fresh sentences on both sides of each decision (names15)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp.components.measures import is_record_identifier
from kg.statements import LINK_THRESHOLD


def typed(nlp: Language, text: str, title: str = "A study") -> dict[str, str]:
    """Surface text -> type of every asserted dataset/model mention."""
    doc = nlp(title + "\n\n" + text)
    out: dict[str, str] = {}
    for key in ("kg_datasets", "kg_models"):
        for span in doc.spans[key]:
            if span._.kg_confidence >= LINK_THRESHOLD:
                out[span.text] = span.label_
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NCT04123456", True),
        ("NCT-04123456", True),
        ("ISRCTN87654321", True),
        ("CRD42021234567", True),
        ("ResNet-152", False),
        ("PhysioNet2019", False),
        ("GatorTron-8.9B", False),
        ("UKB500K", False),
    ],
)
def test_a_record_number_is_an_identifier(text: str, expected: bool) -> None:
    assert is_record_identifier(text) is expected


def test_a_trial_number_is_no_name(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "This pragmatic trial (NCT05001234) tested HeronNet in wards.")
    assert found == {"HeronNet": "model"}


def test_a_registry_a_study_is_recorded_in_is_no_data(nlp_entities: Language) -> None:
    text = "We trained HeronNet. The protocol was registered with TrialBase (NCT05001234)."
    assert "TrialBase" not in typed(nlp_entities, text)
    kept = "Eligible trials were retrieved from TrialBase (NCT05001234 and others)."
    assert "TrialBase" in typed(nlp_entities, kept)


def test_an_exchange_format_is_no_name(nlp_entities: Language) -> None:
    text = "Records were exported as MedX resources and converted to the CDX format for HeronNet."
    assert typed(nlp_entities, text) == {"HeronNet": "model"}
    data_model = "Visits were mapped to the ORCA Common Data Model before training HeronNet."
    assert typed(nlp_entities, data_model) == {"HeronNet": "model"}


def test_a_name_before_an_ordinary_noun_stays(nlp_entities: Language) -> None:
    text = "We evaluated HeronNet on the KestrelQA dataset and the KestrelQA leaderboard."
    assert typed(nlp_entities, text).get("KestrelQA dataset") == "dataset"


def test_a_resource_the_paper_introduces_is_no_format(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "We present KestrelMed. The KestrelMed resources hold 9,000 dialogues.",
        title="KestrelMed: Resources for Clinical Dialogue",
    )
    assert "KestrelMed" in found


def test_a_word_before_a_bracketed_version_is_a_product(nlp_entities: Language) -> None:
    text = "Every scan was scored by Quillon (version 2.4.1), and readers saw its output."
    assert typed(nlp_entities, text) == {"Quillon": "model"}
    plain = "Every scan was scored by Quillon (n = 120), and readers saw its output."
    assert "Quillon" not in typed(nlp_entities, plain)


def test_a_word_after_a_product_word_is_a_product(nlp_entities: Language) -> None:
    text = "Readers were compared with the commercially available Quillon on 900 exams."
    assert typed(nlp_entities, text) == {"Quillon": "model"}
    plain = "Readers were compared with the publicly available Quillon on 900 exams."
    assert "Quillon" not in typed(nlp_entities, plain)


def test_a_title_word_after_a_product_word_is_no_product(nlp_entities: Language) -> None:
    found = typed(nlp_entities, "We compare GPT-4 with Llama 3.", title="Proprietary Large Models")
    assert "Large" not in found


def test_a_version_closes_a_product_name_over_an_acronym(nlp_entities: Language) -> None:
    text = "Films were read by Quillon VISTA CXR v3.1 and by two radiologists."
    assert typed(nlp_entities, text) == {"Quillon VISTA CXR v3.1": "model"}
    plain = "Films were read by Quillon VISTA on CXR images and by two radiologists."
    assert "Quillon VISTA CXR" not in typed(nlp_entities, plain)


def test_statistics_software_with_a_version_is_no_model(nlp_entities: Language) -> None:
    """review15: a bracketed version follows statistics packages too; they are no models."""
    text = "Analyses used Stata (version 17) and SPSS (version 28); Quillon (version 2.4) read."
    found = typed(nlp_entities, text)
    assert "SPSS" not in found and "Stata" not in found
    assert found.get("Quillon") == "model"


def test_a_named_cohort_study_is_data(nlp_entities: Language) -> None:
    text = "We trained HeronNet on participants of the Kestrel Valley Heart Study."
    assert typed(nlp_entities, text).get("Kestrel Valley Heart Study") == "dataset"
    of_place = "Images came from the Kestrel Study of Ageing (KSA) and trained HeronNet."
    assert typed(nlp_entities, of_place).get("Kestrel Study of Ageing") == "dataset"


def test_a_study_the_paper_describes_is_no_cohort(nlp_entities: Language) -> None:
    found = typed(
        nlp_entities,
        "HeronNet was assessed in our Prospective Validation Study across 12 clinics.",
        title="HeronNet in Primary Care: A Multicentre Diagnostic Accuracy Study",
    )
    assert "Prospective Validation Study" not in found
    assert "Multicentre Diagnostic Accuracy Study" not in found


def test_the_present_study_is_no_cohort(nlp_entities: Language) -> None:
    """review15: a cohort word after design words only, with "the", describes a study."""
    text = "In the Present Study, we trained HeronNet. The Pilot Study enrolled 40 patients."
    found = typed(nlp_entities, text)
    assert "Present Study" not in found and "Pilot Study" not in found
    text = "We trained HeronNet on participants of the Kestrel Pilot Heart Study."
    assert typed(nlp_entities, text).get("Kestrel Pilot Heart Study") == "dataset"


def test_describes_a_study() -> None:
    from kg.nlp.components.names.boundaries import describes_a_study

    design = frozenset({"present", "pilot", "prospective", "validation"})
    assert describes_a_study(["Prospective", "Validation"], design)
    assert not describes_a_study(["Kestrel", "Pilot", "Heart"], design)
    assert not describes_a_study([], design)


def test_a_cohort_needs_the_definite_article() -> None:
    from kg.nlp.components.names.cues import Candidate, names_a_cohort
    from kg.nlp.components.names.units import Unit

    def run(*texts: str) -> list[Unit]:
        return [Unit(k, k + 1, t, "cap", False, True) for k, t in enumerate(texts)]

    ends = frozenset({"study"})
    named = Candidate(1, 4, 1, 3, "Kestrel Heart Study", "abbreviation_long_form", 0.8)
    assert names_a_cohort(run("the", "Kestrel", "Heart", "Study"), named, ends)
    assert not names_a_cohort(run("our", "Kestrel", "Heart", "Study"), named, ends)


def roles(nlp: Language, text: str) -> dict[str, str]:
    """Surface text -> role of every dataset/model mention."""
    doc = nlp("A study\n\n" + text)
    return {s.text: s._.kg_role for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "We grade knee radiographs with OsteoMark, trained on 9,000 films.",
            "OsteoMark",
            "introduces",
        ),
        (
            "We count mitoses with a two-stage detector, MitoSpot, on 40 slides.",
            "MitoSpot",
            "introduces",
        ),
        ("We compare our grader with OsteoMark on 9,000 films.", "OsteoMark", "uses"),
        ("We recruited patients with OsteoMark scores above 3.", "OsteoMark", "uses"),
        ("We instantiate HeronRAG with OsteoMark on 9,000 questions.", "OsteoMark", "uses"),
        ("We embed recordings with HeronSpeech-large and an SVM.", "HeronSpeech-large", "uses"),
        # review15: a bare tool after "with", undescribed, is as often another's library
        ("We build a search index with OsteoVec and answer questions.", "OsteoVec", "uses"),
        ("We translate leaflets into Swahili with OsteoMT and with GPT-4o.", "OsteoMT", "uses"),
        ("We segment livers in CT with OsteoSeg, a 3D U-Net variant.", "OsteoSeg", "introduces"),
    ],
)
def test_the_tool_of_the_papers_own_work_is_its_own(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text).get(name) == role


def test_a_sentence_case_title_head_types_its_prefix(nlp_entities: Language) -> None:
    title = "HeronEHR: a sequence model for claims data evaluated on a public benchmark"
    found = typed(nlp_entities, "We present HeronEHR for 40 prediction tasks.", title=title)
    assert found.get("HeronEHR") == "model"
    data_title = "HeronEHR: a model evaluation benchmark for claims data"
    found = typed(nlp_entities, "We present HeronEHR with 40 tasks.", title=data_title)
    assert found.get("HeronEHR") == "dataset"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "We fine-tune Llama 3 on 9,000 notes to obtain WrenNote, a note writer.",
            "WrenNote",
            "introduces",
        ),
        ("Training on 9,000 notes, we obtain WrenNote-8B for triage.", "WrenNote-8B", "introduces"),
        ("We obtain WrenBank from three hospitals and train a classifier.", "WrenBank", "uses"),
    ],
)
def test_what_the_papers_training_yields_is_its_own(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text).get(name) == role


def test_a_gerund_before_a_title_name_is_no_part_of_it(nlp_entities: Language) -> None:
    doc = nlp_entities("Building WrenPHI: a corpus of notes\n\nWe release WrenPHI.")
    names = {s.text for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}
    assert "Building WrenPHI" not in names and "WrenPHI" in names
    doc = nlp_entities("Evaluating Ambient AI Scribes: a study\n\nWe test WrenNote.")
    names = {s.text for key in ("kg_datasets", "kg_models") for s in doc.spans[key]}
    assert names == {"WrenNote"}


def test_a_system_made_before_this_work_is_not_introduced(nlp_entities: Language) -> None:
    text = (
        "Objective: To evaluate WrenSight, a deep learning algorithm for fundus photographs. "
        "WrenSight had previously been developed on 40,000 images and was not retrained."
    )
    assert roles(nlp_entities, text).get("WrenSight") == "uses"
    own = (
        "Objective: To evaluate WrenSight, a deep learning algorithm for fundus photographs. "
        "WrenSight was developed on 40,000 images."
    )
    assert roles(nlp_entities, own).get("WrenSight") == "introduces"


def test_a_title_that_develops_a_name_introduces_it(nlp_entities: Language) -> None:
    doc = nlp_entities(
        "Development and validation of WrenTriage for emergency triage\n\n"
        "WrenTriage achieved an AUROC of 0.90 on 4,000 visits."
    )
    assert {s.text: s._.kg_role for s in doc.spans["kg_models"]}.get("WrenTriage") == ("introduces")
    doc = nlp_entities(
        "External validation of WrenTriage for emergency triage\n\n"
        "WrenTriage achieved an AUROC of 0.90 on 4,000 visits."
    )
    assert {s.text: s._.kg_role for s in doc.spans["kg_models"]}.get("WrenTriage") == "uses"


def test_the_subject_after_a_fronted_phrase_is_no_apposition(nlp_entities: Language) -> None:
    text = "Fine-tuned on eQTL data from WrenTex, the model reaches an F1 of 0.81."
    assert typed(nlp_entities, text).get("WrenTex") == "dataset"
    apposed = "We release WrenTex, the model behind our triage service."
    assert typed(nlp_entities, apposed).get("WrenTex") == "model"


def test_a_list_item_before_a_versioned_word_is_one_name(nlp_entities: Language) -> None:
    text = "We compare GPT-4o, Gemma 2 27B, Wren Corvid 32B, Qwen2.5-72B and BioMistral-7B."
    found = typed(nlp_entities, text)
    assert found.get("Wren Corvid 32B") == "model"
    assert "Wren" not in found and "Corvid 32B" not in found
    listed = "We compare GPT-4o, Gemma 2 27B, Wren, Qwen2.5-72B and BioMistral-7B."
    assert typed(nlp_entities, listed).get("Wren") == "model"


def test_described_after() -> None:
    from kg.nlp.components.roles import described_after

    assert described_after([",", "a", "video"]) and described_after([",", "which"])
    assert not described_after(["and", "with"]) and not described_after([",", "and"])


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # review15: the comma after a fronted phrase opens the main clause, no apposition
        ("Based on LLaVA, HeronEye is a new model we propose.", "LLaVA", "uses"),
        ("Built upon OsteoMark, HeronEye is a model that we release.", "OsteoMark", "uses"),
        ("We present OsteoMark, a new model we propose for knee films.", "OsteoMark", "introduces"),
        ("HeronEye, a new model we propose, reads knee films.", "HeronEye", "introduces"),
    ],
)
def test_a_fronted_phrase_name_is_not_described_as_own(
    nlp_entities: Language, text: str, name: str, role: str
) -> None:
    assert roles(nlp_entities, text).get(name) == role
