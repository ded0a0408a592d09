"""speed16: the helpers that made the rules faster give the answers of the code they replace
(kg.nlp.components.doc_text, concept_matching, names.units)."""

from __future__ import annotations

import pytest
import spacy

from kg.nlp.components.concept_matching import Gate, doc_words, gate_accepts, rules_by_id
from kg.nlp.components.doc_text import token_lower_ids
from kg.nlp.components.names.units import _URL, url_spans

NLP = spacy.blank("en")


# -- rules_by_id ----------------------------------------------------------------------------------


def test_rules_by_id_finds_each_rule_by_its_id() -> None:
    rules = [{"id": "task_compound", "type": "task"}, {"id": "measure_head", "type": "metric"}]
    assert rules_by_id(rules)["measure_head"] is rules[1]


def test_rules_by_id_refuses_a_repeated_id() -> None:
    # a scan of the rules took the first of two rules with one id, a dict the last: refuse
    with pytest.raises(ValueError, match="task_compound"):
        rules_by_id([{"id": "task_compound"}, {"id": "task_compound"}])


# -- token_lower_ids ------------------------------------------------------------------------------


def test_token_lower_ids_are_the_lower_column() -> None:
    doc = NLP("We Propose a Segmentation network")
    assert token_lower_ids(doc) == tuple(doc.to_array("LOWER").tolist())
    assert token_lower_ids(doc) is token_lower_ids(doc)


def test_token_lower_ids_keep_docs_apart() -> None:
    a, b = NLP("We segment livers"), NLP("They detect polyps")
    assert token_lower_ids(a) != token_lower_ids(b)


# -- url_spans ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Code is at https://github.com/lab/tool and www.lab.org/data.",
        "Contact the authors at first.author@uni.edu or see https://lab.org/x.",
        "Accuracy rose from 0.81/0.79 to 0.90/0.88 on the test split.",
        "No address here.",
    ],
)
def test_url_spans_match_the_full_address_pattern(text: str) -> None:
    assert url_spans(text) == [(m.start(), m.end()) for m in _URL.finditer(text)]


def test_url_spans_find_an_email_only_with_an_at_sign() -> None:
    assert url_spans("Write to help@clinic.org today.") == [(9, 24)]
    assert url_spans("Write to the clinic today.") == []


# -- gate_accepts with document words made on demand ------------------------------------------


def _gate_accepts(text: str, word: str, gate: Gate, words: object) -> bool:
    doc = NLP(text)
    i = [t.text for t in doc].index(word)
    return gate_accepts(
        gate, doc[i : i + 1], doc_words=words, near_starts=(), abbreviation_concept=None
    )


def test_gate_reads_document_words_given_as_a_function() -> None:
    gate = Gate("g", "modality", "ct", ("CT",), require_doc=frozenset({"scans"}))
    text = "CT was acquired for all patients and the scans were read twice."
    assert _gate_accepts(text, "CT", gate, lambda: doc_words(text))
    other = "CT was named in the hospital report."
    assert not _gate_accepts(other, "CT", gate, lambda: doc_words(other))


def test_gate_makes_no_document_words_when_an_earlier_test_decides() -> None:
    gate = Gate(
        "g",
        "modality",
        "ct",
        ("CT",),
        require_doc=frozenset({"scans"}),
        veto_next=frozenset({"value"}),
    )

    def words() -> frozenset[str]:
        raise AssertionError("document words made for a vetoed form")

    assert not _gate_accepts("the CT value of the lesion", "CT", gate, words)
