"""kg.nlp.components.doc_text: a Doc's text from its token arrays, built once per Doc."""

from __future__ import annotations

import pytest
import spacy

from kg.nlp.components.doc_text import text_of, token_texts

NLP = spacy.blank("en")


@pytest.mark.parametrize(
    "text",
    ["GPT-4 on MedQA.", "A title\n\nThe abstract  ends here. ", "", "  leading space"],
)
def test_doc_text_text_of_is_doc_text(text: str) -> None:
    assert text_of(NLP(text)) == text


def test_doc_text_text_of_built_once_per_doc() -> None:
    doc = NLP("GPT-4 on MedQA.")
    assert text_of(doc) is text_of(doc)


def test_doc_text_text_of_keeps_docs_apart() -> None:
    # two Docs of the same length: each has its own text
    a, b = NLP("GPT-4 on MedQA."), NLP("BERT on CheXpert.")
    assert (text_of(a), text_of(b)) == ("GPT-4 on MedQA.", "BERT on CheXpert.")


def test_doc_text_token_texts() -> None:
    assert token_texts(NLP("MRI scans")) == ("MRI", "scans")


def test_doc_text_token_texts_keeps_docs_apart() -> None:
    # remembered per Doc: two Docs of the same length keep their own words
    a, b = NLP("GPT-4 on MedQA"), NLP("BERT on CheXpert")
    assert (token_texts(a), token_texts(b)) == (
        ("GPT-4", "on", "MedQA"),
        ("BERT", "on", "CheXpert"),
    )
