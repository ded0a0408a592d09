"""The pipeline's tokenizer (scispaCy's rule tokenizer with medkg's adjustments, ``kg.nlp``)."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    from kg.nlp import load_default_nlp

    return load_default_nlp()


def tokens(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp.tokenizer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("models such as ViT. The", ["models", "such", "as", "ViT", ".", "The"]),
        ("and PMEB-X. We", ["and", "PMEB-X", ".", "We"]),
        ("with GPT-4V. Results", ["with", "GPT-4V", ".", "Results"]),
        ("registration with SyN.", ["registration", "with", "SyN", "."]),
    ],
)
def test_a_sentence_final_period_is_split_from_a_name(
    nlp: Language, text: str, expected: list[str]
) -> None:
    assert tokens(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("in the U.S. and", "U.S."),
        ("J. Smith wrote it", "J."),
        ("Ph.D. students", "Ph.D."),
        ("e.g. a model", "e.g."),
        ("Smith et al. We", "al."),
    ],
)
def test_abbreviations_and_initials_keep_their_period(nlp: Language, text: str, kept: str) -> None:
    assert kept in tokens(nlp, text)


def test_slash_between_words_splits_but_not_inside_a_model_size(nlp: Language) -> None:
    assert tokens(nlp, "HAN/HLAN and ViT-L/14") == ["HAN", "/", "HLAN", "and", "ViT-L/14"]


def test_a_name_at_a_sentence_end_is_extracted_without_the_period_and_ends_the_sentence(
    nlp: Language,
) -> None:
    doc = nlp("We compare our method with NiftyReg and SyN. Evaluations on HCP follow.")
    assert "SyN" in {span.text for span in doc.spans["kg_models"]}
    assert next(s.text for s in doc.sents).endswith("SyN.")


def test_an_ftp_address_is_not_taken_for_a_name(nlp: Language) -> None:
    doc = nlp("The dataset is available for download at ftp://smartengines.com/midv-500/.")
    assert not [span.text for span in [*doc.spans["kg_datasets"], *doc.spans["kg_models"]]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 15, item 3: two names joined by a slash after a version digit
        ("GPT-4/Claude-3 won", ["GPT-4", "/", "Claude-3", "won"]),
        ("Gemini-1.5/Pro won", ["Gemini-1.5", "/", "Pro", "won"]),
        # a size after the slash, a lower-case word, or a URL path keep the slash
        ("ViT-L/14 won", ["ViT-L/14", "won"]),
        ("GPT-4/o won", ["GPT-4/o", "won"]),
        ("Tan9/MambaMIM won", ["Tan9/MambaMIM", "won"]),
        # a score glued to a name
        ("GPT-4o(0.866) won", ["GPT-4o", "(", "0.866", ")", "won"]),
        ("GPT-4o:0.866 won", ["GPT-4o", ":", "0.866", "won"]),
        ("MedFoo(ours) won", ["MedFoo(ours", ")", "won"]),
        ("a 1:1 ratio", ["a", "1:1", "ratio"]),
        # issue 15, item 5: a score glued to its metric by "=" (two characters or more before
        # it) or after a slash (a decimal only)
        ("an f1-score=59.0 here", ["an", "f1-score", "=", "59.0", "here"]),
        ("F1=0.82, AUC=.91", ["F1", "=", "0.82", ",", "AUC", "=", ".91"]),
        ("n=20; p=0.04", ["n=20", ";", "p=0.04"]),
        ("0.88 Dice/0.79 IoU", ["0.88", "Dice", "/", "0.79", "IoU"]),
        ("Dice/79 and 3/4.5", ["Dice/79", "and", "3/4.5"]),
    ],
)
def test_slashes_and_glued_scores(nlp: Language, text: str, expected: list[str]) -> None:
    assert tokens(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle glued to a name-shaped stem is split off: the stem is the name
        ("an ImageNet-pretrained encoder", ["an", "ImageNet", "-", "pretrained", "encoder"]),
        ("AlphaFold2-predicted folds", ["AlphaFold2", "-", "predicted", "folds"]),
        ("BART-generated notes", ["BART", "-", "generated", "notes"]),
        # a plain capitalised word, a modality adjective or an unlisted ending stays whole
        ("Fine-tuned weights", ["Fine-tuned", "weights"]),
        ("Expert-annotated scans", ["Expert-annotated", "scans"]),
        ("CT-derived masks", ["CT-derived", "masks"]),
        ("ImageNet-scale data", ["ImageNet-scale", "data"]),
    ],
)
def test_a_participle_glued_to_a_name_is_split_off(
    nlp: Language, text: str, expected: list[str]
) -> None:
    assert tokens(nlp, text) == expected
