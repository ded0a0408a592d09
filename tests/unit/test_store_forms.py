"""The surface-form index ``kg-forms.sqlite``: kept beside the data, swapped in with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.assemble.entities import EntityDescription, KeyCollector
from kg.ids import ENTITIES_GRAPH, entity_iri
from kg.store import StoreError, build_session
from kg.store.forms import FORMS_INDEX_NAME, FormIndex


def _wanted(*pairs: tuple[str, str]) -> KeyCollector:
    """A collector whose links have these ``(type, normalised form)``s."""
    collector = KeyCollector()
    for etype, form in pairs:
        collector.forms[(etype, f"new-{form}")].add(form)
    return collector


def _iri(etype: str, key: str) -> str:
    return str(entity_iri(etype, key))


def test_store_forms_index_answers_with_the_least_stored_owner(tmp_path: Path) -> None:
    with build_session(tmp_path / "s") as store:
        forms = FormIndex.open(store, tmp_path / "s", was_empty=True)
        forms.replace(
            [_iri("dataset", "mimiccxr"), _iri("dataset", "mimic")],
            [
                EntityDescription("dataset", "mimiccxr", "MIMIC-CXR", ("MIMIC CXR", "MIMIC")),
                EntityDescription("dataset", "mimic", "MIMIC", ()),
                # concepts are not resolved, so not indexed
                EntityDescription("task", "segmentation", "segmentation", ()),
            ],
        )
        found = forms.lookup(
            _wanted(
                ("dataset", "mimic"),
                ("dataset", "mimiccxr"),
                ("model", "mimic"),
                ("task", "segmentation"),
            )
        )
        assert found == {("dataset", "mimic"): "mimic", ("dataset", "mimiccxr"): "mimiccxr"}
        forms.remove([_iri("dataset", "mimic")])
        assert forms.lookup(_wanted(("dataset", "mimic"))) == {("dataset", "mimic"): "mimiccxr"}
        forms.save()


def test_store_forms_index_goes_with_the_build_copy_and_only_a_completed_build_keeps_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s"
    with build_session(path) as store:
        store.load_nquads(
            [
                f"<{_iri('model', 'unet')}> <http://www.w3.org/2000/01/rdf-schema#label> "
                f'"U-Net" <{ENTITIES_GRAPH}> .\n'
            ]
        )
        forms = FormIndex.open(store, path, was_empty=True)
        forms.replace([_iri("model", "unet")], [EntityDescription("model", "unet", "U-Net", ())])
        forms.save()
    assert (path / FORMS_INDEX_NAME).is_file()
    with pytest.raises(RuntimeError), build_session(path) as store:
        forms = FormIndex.open(store, path, was_empty=False)
        forms.replace([_iri("model", "unet")], [])  # the build drops the entity, then fails
        forms.save()
        raise RuntimeError("boom")
    with build_session(path) as store:
        forms = FormIndex.open(store, path, was_empty=False)
        assert forms.lookup(_wanted(("model", "unet"))) == {("model", "unet"): "unet"}
        forms.save()


def test_store_forms_index_of_a_store_without_one_comes_from_its_entities_graph(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    alt = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    with build_session(path) as store:  # a store built before the index existed
        store.load_nquads(
            [
                f'<{_iri("model", "sam")}> {label} "Segment Anything Model" <{ENTITIES_GRAPH}> .\n',
                f'<{_iri("model", "sam")}> {alt} "SAM" <{ENTITIES_GRAPH}> .\n',
                f'<{_iri("modality", "ct")}> {label} "CT" <{ENTITIES_GRAPH}> .\n',
            ]
        )
    assert not (path / FORMS_INDEX_NAME).exists()
    with build_session(path) as store:
        forms = FormIndex.open(store, path, was_empty=False)
        found = forms.lookup(
            _wanted(("model", "segmentanythingmodel"), ("model", "sam"), ("modality", "ct"))
        )
        forms.save()
    assert found == {("model", "segmentanythingmodel"): "sam", ("model", "sam"): "sam"}


def test_store_forms_index_used_after_it_was_saved_is_a_clear_error(tmp_path: Path) -> None:
    with build_session(None) as store:
        forms = FormIndex.open(store, None, was_empty=True)
        forms.save()
        with pytest.raises(StoreError, match="after it was saved"):
            forms.lookup(KeyCollector())
