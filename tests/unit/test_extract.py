"""kg.extract: Docs → EntityLink / ResultStatement with offsets into title or abstract."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.corpus.models import Paper, paper_text
from kg.extract import extract_papers, extract_text
from kg.ids import paper_key
from kg.nlp import build_nlp
from kg.statements import LINK_THRESHOLD

TITLE = "SegNetX: Fast Segmentation of CT Scans"
ABSTRACT = (
    "This paper presents SegNetX, a novel segmentation network. SegNetX is trained on the KiTS "
    "dataset and compared with U-Net and the Segment Anything Model (SAM). "
    "SAM fails on small kidneys."
)


def test_extract_offsets_map_back(nlp_rules: Language) -> None:
    ext = extract_text(TITLE, ABSTRACT, nlp_rules)
    assert ext.paper_key == paper_key(TITLE)
    assert ext.links
    for link in ext.links:
        for ev in link.evidence:
            source = TITLE if ev.section == "title" else ABSTRACT
            assert source[ev.start : ev.end] == ev.text
            assert ev.extractor and 0.0 <= ev.confidence <= 1.0


def test_extract_one_link_per_entity(nlp_rules: Language) -> None:
    ext = extract_text(TITLE, ABSTRACT, nlp_rules)
    keys = [(lk.entity_type, lk.key) for lk in ext.links]
    assert len(keys) == len(set(keys))
    by_key = {(lk.entity_type, lk.key): lk for lk in ext.links}
    segnet = by_key[("model", "segnetx")]
    assert segnet.role == "introduces"
    assert {ev.section for ev in segnet.evidence} == {"title", "abstract"}
    sam = by_key[("model", "sam")]
    assert sam.label == "SAM" and "Segment Anything Model" in sam.alt_labels
    assert sam.role == "uses" and len(sam.evidence) == 3
    assert by_key[("dataset", "kits")].label == "KiTS"
    assert max(ev.confidence for ev in sam.evidence) == sam.confidence >= LINK_THRESHOLD


@pytest.mark.parametrize("abstract", ["", "Nothing named here at all.", "we study data."])
def test_extract_empty_is_not_an_error(nlp_rules: Language, abstract: str) -> None:
    ext = extract_text("a plain title", abstract, nlp_rules)
    assert [lk for lk in ext.links if lk.entity_type in ("dataset", "model")] == []


def test_extract_papers_streams_in_order(nlp_rules: Language) -> None:
    papers = [
        Paper(key=paper_key(t), title=t, abstract=a)
        for t, a in [(TITLE, ABSTRACT), ("Other", "We evaluate GPT-4 on MedQA.")]
    ]
    out = list(extract_papers(papers, nlp_rules, batch_size=1))
    assert [e.paper_key for e in out] == [p.key for p in papers]
    assert {lk.key for lk in out[1].links if lk.entity_type in ("dataset", "model")} == {
        "gpt4",
        "medqa",
    }


def test_extract_paper_text() -> None:
    assert paper_text("T", "A") == "T\n\nA"


def test_extractions_survive_pickling(nlp_rules: Language) -> None:
    # builds spool every extraction to disk and forked workers send them back pickled
    import pickle

    extraction = extract_text(
        "MedSAM-2: segmenting CT with a new benchmark",
        "We introduce the AbdoCT-1K dataset (ACT) and fine-tune MedSAM-2 on it; MedSAM-2 "
        "reaches a Dice score of 91.2% on ACT.",
        nlp_rules,
    )
    assert extraction.links and extraction.results
    assert pickle.loads(pickle.dumps(extraction)) == extraction


def test_memory_zones_keep_the_vocabulary_flat_and_change_no_extraction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fresh pipeline, so that the strings of other tests do not hide what these papers add.
    import kg.extract
    from kg.corpus import default_corpus_dir, read_corpus

    nlp = build_nlp()
    papers = list(read_corpus([default_corpus_dir()]).papers)[:120]
    monkeypatch.setattr(kg.extract, "WARM_CHUNKS", 0)
    strings_before = len(nlp.vocab.strings)
    zoned = list(extract_papers(papers, nlp, batch_size=8))  # chunks of 32 papers
    assert len(nlp.vocab.strings) == strings_before

    monkeypatch.setattr(kg.extract, "WARM_CHUNKS", 1_000_000)
    plain = list(extract_papers(papers, nlp, batch_size=8))
    assert len(nlp.vocab.strings) > strings_before  # the check above can fail
    assert zoned == plain


def test_a_pipeline_is_warmed_once_not_once_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    # a Dask worker calls extract_papers once per shard with the same pipeline
    import kg.extract
    from kg.corpus import default_corpus_dir, read_corpus

    nlp = build_nlp()
    papers = list(read_corpus([default_corpus_dir()]).papers)[:40]
    monkeypatch.setattr(kg.extract, "WARM_CHUNKS", 2)
    for paper in papers[:2]:
        list(extract_papers([paper], nlp))  # two calls of one chunk each warm the pipeline
    strings_before = len(nlp.vocab.strings)
    list(extract_papers(papers[2:], nlp))
    assert len(nlp.vocab.strings) == strings_before
