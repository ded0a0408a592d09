"""The curated table's own rows (``ontology/known_entities.tsv``, issue 15, item 3: well-known
model names missed): a row both finds and types a name, in the alias spellings papers write,
while names that are also ordinary words stay out of the table or match only as written."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.known_entities import load_known_entities

_GROUP = {"dataset": "kg_datasets", "model": "kg_models"}


def curated(nlp: Language, text: str, etype: str) -> set[str]:
    """Texts of the ``etype`` mentions that the curated table found in ``text``."""
    doc = nlp(text)
    return {
        s.text for s in doc.spans[_GROUP[etype]] if s._.kg_extractor == "kg_entities:known_entity"
    }


def table_hits(nlp: Language, text: str) -> list[str]:
    """Texts the curated-name matchers match in ``text`` (before any typing decision)."""
    doc = nlp.make_doc(text)
    return [doc[s:e].text for s, e, _ in nlp.get_pipe("kg_entities").known_spans(doc)]


@pytest.mark.parametrize(
    ("text", "alias", "etype"),
    [
        ("We fine-tuned Bio_ClinicalBERT on discharge notes.", "Bio_ClinicalBERT", "model"),
        (
            "Beats came from the MIT-BIH arrhythmia database.",
            "MIT-BIH arrhythmia database",
            "dataset",
        ),
        ("Hypnograms of Sleep-EDFx were scored by two experts.", "Sleep-EDFx", "dataset"),
        ("Answers were compared with Claude-3.5-Sonnet and GPT-4.", "Claude-3.5-Sonnet", "model"),
        ("Slides were encoded by GigaPath before pooling.", "GigaPath", "model"),
    ],
)
def test_row_finds_and_types_alias(nlp_rules: Language, text: str, alias: str, etype: str) -> None:
    assert alias in curated(nlp_rules, text, etype)


def test_short_name_matches_only_as_written(nlp_rules: Language) -> None:
    """ "PANDA" and "DRIVE" are public datasets; "panda", "Panda" and "drive" are words: a name
    with capitals after its first letter (an acronym) matches only in its own case."""
    found = curated(
        nlp_rules, "Gleason grades of PANDA and vessels of DRIVE were predicted.", "dataset"
    )
    assert found == {"PANDA", "DRIVE"}
    assert table_hits(nlp_rules, "Panda toys drive engagement; a panda video drove recall.") == []


@pytest.mark.parametrize("word", ["Virchow", "UNI", "CheXbert"])
def test_ambiguous_names_stay_out(word: str) -> None:
    """ "Virchow" is a surname in ordinary clinical text ("Virchow's triad"); a "UNI" row would
    lend its model prior to every "Uni-" name ("UniMed"); a "CheXbert" row would make the metric
    "CheXbert F1" a model (a curated name skips the scorer check)."""
    assert load_known_entities().lookup(word) is None


def test_scorer_name_is_no_model(nlp_rules: Language) -> None:
    doc = nlp_rules("Generated reports were scored with CheXbert F1 and BLEU-4.")
    assert "CheXbert" not in {s.text for s in doc.spans["kg_models"]}


def test_short_titlecase_name_matches_only_as_written(nlp_rules: Language) -> None:
    """A name of five characters or fewer ("Bard", "o1") matches only as written: "bard" is a
    word."""
    assert "Bard" in curated(nlp_rules, "Answers from Bard and GPT-4 were rated.", "model")
    assert table_hits(nlp_rules, "The bard recited a poem to the patients.") == []
