"""IRIs are minted from normalised keys: stable, safe, and equal for equal names."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg import ids


@pytest.mark.parametrize(
    ("a", "b"),
    [("MIMIC-CXR", "mimic cxr"), ("U-Net", "UNet"), ("Fréchet", "frechet"), ("GPT-4", "gpt 4")],
)
def test_ids_equal_names_share_a_key(a: str, b: str) -> None:
    assert ids.normalize_key(a) == ids.normalize_key(b)
    assert ids.entity_iri("model", a) == ids.entity_iri("model", b)


def test_ids_different_names_differ() -> None:
    assert ids.entity_iri("dataset", "MedQA") != ids.entity_iri("dataset", "MedMCQA")
    assert ids.entity_iri("dataset", "MedQA") != ids.entity_iri("model", "MedQA")


def test_ids_paper_key_ignores_case_and_spacing() -> None:
    assert ids.paper_key("A Title: Here") == ids.paper_key("a  title here")
    assert ids.paper_key("A Title") != ids.paper_key("Another Title")


def test_ids_unknown_entity_type_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown entity type"):
        ids.entity_iri("person", "x")


def test_ids_non_ascii_name_gets_a_hash_slug() -> None:
    iri = ids.entity_iri("model", "模型")
    assert iri.startswith(ids.BASE + "model/h-")
    assert iri == ids.entity_iri("model", "模型")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/a/b", "https://github.com/a/b"),
        ('https://x.org/a b"<c>', "https://x.org/a%20b%22%3Cc%3E"),
        ("ftp://x.org/a", None),
        ("github.com/a/b", None),
    ],
)
def test_ids_external_iri_is_safe(url: str, expected: str | None) -> None:
    result = ids.external_iri(url)
    assert (None if result is None else str(result)) == expected
    if result is not None:
        assert isinstance(result, URIRef)
