"""kg.entity_types: one table of entity types, from which every other list of types is derived."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, get_args

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from kg import entity_types, ids
from kg.entity_types import BY_NAME, TYPE_NAMES, TYPES, EntityType, TypeName
from kg.errors import InputError
from kg.paths import ontology_dir, repo_root
from kg.queries import parse_saved_query
from kg.vocab import MKG

#: A sixth type, added the way a developer would: one row in the table and its terms in
#: ``kg.vocab.MKG`` (and, for a concept type, its scheme file). Nothing else is edited.
TABLE_LINE = "TYPES: tuple[EntityType, ...] = (DATASET, MODEL, MODALITY, TASK, METRIC)\n"
LAST_MKG_TERM = "    asserted: URIRef\n"
HARDWARE_ROW = """
HARDWARE = EntityType(
    name="hardware", display_name="Hardware", plural="hardware", cls=MKG.Hardware,
    uses=MKG.usesHardware, introduces=MKG.introducesHardware, span_key="kg_hardware",
)
"""
ANATOMY_ROW = """
ANATOMY = EntityType(
    name="anatomy", display_name="Anatomical structure", plural="anatomical structures",
    cls=MKG.Anatomy, uses=MKG.concernsAnatomy, scheme=SCHEME.anatomy, scheme_file="anatomy.ttl",
)
"""
ANATOMY_SCHEME = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/medkg/scheme/anatomy> a skos:ConceptScheme .
<https://w3id.org/medkg/resource/anatomy/liver> a skos:Concept ;
    skos:prefLabel "liver"@en ; skos:altLabel "hepatic"@en ;
    skos:inScheme <https://w3id.org/medkg/scheme/anatomy> .
"""

#: Runs inside the copy: every consumer of the table is asked about the new open-ended type.
HARDWARE_PROBE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    import kg
    if Path(kg.__file__).resolve().parent != Path(sys.argv[1]).resolve():
        raise SystemExit(f"imported the wrong package: {kg.__file__}")

    import spacy
    from spacy.tokens import Span

    import kg.nlp.extensions  # noqa: F401
    from kg import ids
    from kg.api.routes.resources import RESOURCE_TYPES, local_path
    from kg.assemble.entities import RESOLVED_TYPES, EntityDescription
    from kg.assemble.rdf import description_quads, link_quads
    from kg.entity_types import ENTITY_CLASSES, LINK_PREDICATES
    from kg.evaluate import evaluate_extractions
    from kg.extract import doc_extraction, paper_text
    from kg.known_entities import parse_known_entities
    from kg.queries import bind_params, parse_saved_query

    iri = ids.entity_iri("hardware", "NVIDIA A100")
    title, abstract = "Training on an NVIDIA A100", "We train on one GPU."
    doc = spacy.blank("en")(paper_text(title, abstract))
    span = Span(doc, 3, 5, label="hardware", kb_id="nvidiaa100")  # "NVIDIA A100"
    span._.kg_role, span._.kg_confidence, span._.kg_extractor = "introduces", 0.9, "probe"
    doc.spans["kg_hardware"] = [span]
    extraction = doc_extraction(doc, "p1", title, abstract)
    query = parse_saved_query(
        "#+ summary: s\\n#+ param: gpu hardware - a GPU\\nSELECT * WHERE { ?p ?q ?gpu }", name="q")
    gold = [{"id": "p1", "title": title, "abstract": abstract,
             "entities": {"hardware": [{"name": "NVIDIA A100", "introduced": True}]}}]
    report = evaluate_extractions(gold, [extraction])
    print(json.dumps({
        "iri": str(iri),
        "parsed": ids.parse_entity_iri(str(iri)),
        "introduces": str(LINK_PREDICATES[("hardware", "introduces")]),
        "uses": str(LINK_PREDICATES[("hardware", "uses")]),
        "class": str(ENTITY_CLASSES["hardware"]),
        "links": [[lk.entity_type, lk.key, lk.label, lk.role] for lk in extraction.links],
        "link_quads": [q for lk in extraction.links for q in link_quads(lk)],
        "description_quads": list(description_quads(
            [EntityDescription("hardware", "nvidiaa100", "NVIDIA A100", ())], vocabulary_keys={})),
        "resolved": "hardware" in RESOLVED_TYPES,
        "known": [e.entity_type
                  for e in parse_known_entities(["hardware\\tNVIDIA A100\\tA100"]).entities],
        "query_binding": str(bind_params(query, {"gpu": "nvidiaa100"})["gpu"]),
        "resource_types": list(RESOURCE_TYPES),
        "local_path": local_path(str(iri)),
        "eval_f1": {t.entity_type: t.f1 for t in report.types},
        "eval_roles": [report.role_correct, report.role_total],
    }))
    """
)


#: Runs inside the copy: the real rule pipeline finds the new concept type through its scheme.
ANATOMY_PROBE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    import kg
    if Path(kg.__file__).resolve().parent != Path(sys.argv[1]).resolve():
        raise SystemExit(f"imported the wrong package: {kg.__file__}")
    from kg.assemble.entities import EntityDescription
    from kg.assemble.rdf import description_quads, link_quads
    from kg.entity_types import LINK_PREDICATES
    from kg.extract import extract_text
    from kg.nlp import build_nlp
    from kg.nlp.vocabulary import load_vocabulary

    extraction = extract_text("Hepatic tumour segmentation", "We segment the liver in CT scans.",
                              build_nlp(use_ner=False))
    links = [lk for lk in extraction.links if lk.entity_type == "anatomy"]
    known = {"anatomy": frozenset({"liver"})}
    print(json.dumps({
        "alt_labels": load_vocabulary().get("anatomy", "liver").alt_labels,
        "predicates": {role: str(p) for (t, role), p in LINK_PREDICATES.items() if t == "anatomy"},
        "links": [[lk.key, lk.label, lk.role, sorted(e.text for e in lk.evidence)] for lk in links],
        "other_types": sorted({lk.entity_type for lk in extraction.links} - {"anatomy"}),
        "link_quads": [q for lk in links for q in link_quads(lk)],
        "new_concept": list(description_quads(
            [EntityDescription("anatomy", "kidney", "kidney", ())], vocabulary_keys=known)),
        "known_concept": list(description_quads(
            [EntityDescription("anatomy", "liver", "liver", ())], vocabulary_keys=known)),
    }))
    """
)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:  # the table moved: this test must follow it
        raise AssertionError(f"{path.name}: expected {old!r} exactly once")
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_entity_types_literal_matches_table() -> None:
    assert get_args(TypeName) == TYPE_NAMES


@pytest.mark.parametrize("etype", TYPES, ids=TYPE_NAMES)
def test_entity_types_rows_are_consistent(etype: EntityType) -> None:
    assert etype.predicate("uses") == etype.uses
    if etype.open_ended:
        assert etype.predicate("introduces") == etype.introduces != etype.uses
        assert etype.span_key != entity_types.CONCEPT_SPAN_KEY
        assert etype.ner_label is not None
    else:
        assert etype.predicate("introduces") == etype.uses  # a concept is only ever used
        assert etype.span_key == entity_types.CONCEPT_SPAN_KEY
        assert etype.ner_label is None


@pytest.mark.parametrize("name", entity_types.CONCEPT_TYPES)
def test_entity_types_concept_scheme_is_declared_in_its_file(name: str) -> None:
    etype = BY_NAME[name]
    assert etype.scheme_file is not None
    graph = Graph().parse(ontology_dir() / "schemes" / etype.scheme_file, format="turtle")
    assert (etype.scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert set(graph.subjects(SKOS.inScheme, etype.scheme)), f"{etype.scheme_file} has no concepts"
    assert all(
        str(c).startswith(f"{ids.BASE}{etype.segment}/")
        for c in graph.subjects(RDF.type, SKOS.Concept)
    )


def test_entity_types_mixed_row_is_refused() -> None:
    with pytest.raises(ValueError, match="'gadget'"):
        EntityType(
            name="gadget",
            display_name="Gadget",
            plural="gadgets",
            cls=MKG.Model,
            uses=MKG.usesModel,
            introduces=MKG.proposesModel,
            scheme=MKG.Model,
            scheme_file="gadgets.ttl",
        )
    with pytest.raises(ValueError, match="'gadget'"):
        EntityType(
            name="gadget",
            display_name="Gadget",
            plural="gadgets",
            cls=MKG.Task,
            uses=MKG.addressesTask,
        )


@pytest.mark.parametrize("name", TYPE_NAMES)
@pytest.mark.parametrize("surface", ["MIMIC-CXR", "U-Net", "模型"])
def test_ids_parse_entity_iri_inverts_entity_iri(name: str, surface: str) -> None:
    iri = ids.entity_iri(name, surface)
    assert ids.parse_entity_iri(str(iri)) == (name, ids.entity_slug(surface))


@pytest.mark.parametrize(
    "iri",
    [
        ids.BASE + "paper/abc",
        ids.BASE + "mention/abc",
        ids.BASE + "dataset/",
        ids.BASE + "dataset",
        ids.BASE + "dataset/a/b",
        "https://example.org/resource/dataset/abc",
        "",
    ],
)
def test_ids_parse_entity_iri_refuses_non_entities(iri: str) -> None:
    assert ids.parse_entity_iri(iri) is None


def test_entity_types_unknown_type_is_refused_everywhere() -> None:
    """Without the row, "hardware" is refused; the next test shows the row alone admits it."""
    with pytest.raises(ValueError, match="unknown entity type 'hardware'"):
        ids.entity_iri("hardware", "NVIDIA A100")
    assert ids.parse_entity_iri(ids.BASE + "hardware/nvidiaa100") is None
    with pytest.raises(InputError, match="hardware"):
        parse_saved_query(
            "#+ summary: s\n#+ param: gpu hardware - a GPU\nSELECT * { ?s ?p ?gpu }", name="q"
        )


def _package_with(
    tmp_path: Path, row: str, name: str, terms: list[str], schemes: dict[str, str] | None = None
) -> Path:
    """Copy ``kg/`` and ``ontology/`` to ``tmp_path``; add ``row`` to the table as ``name``."""
    package = tmp_path / "kg"
    shutil.copytree(
        repo_root() / "kg", package, ignore=shutil.ignore_patterns("__pycache__", "static")
    )
    shutil.copytree(ontology_dir(), tmp_path / "ontology")
    (tmp_path / "queries").symlink_to(repo_root() / "queries")
    for file_name, text in (schemes or {}).items():
        (tmp_path / "ontology" / "schemes" / file_name).write_text(text, encoding="utf-8")
    _edit(
        package / "entity_types.py",
        TABLE_LINE,
        row + TABLE_LINE.replace("METRIC)", f"METRIC, {name})"),
    )
    _edit(
        package / "vocab.py",
        LAST_MKG_TERM,
        LAST_MKG_TERM + "".join(f"    {t}: URIRef\n" for t in terms),
    )
    return package


def _probe(package: Path, code: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter that imports ``package``; return its JSON line."""
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    proc = subprocess.run(
        [sys.executable, "-c", code, str(package)],
        env=env,
        cwd=package.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def test_entity_types_a_sixth_open_ended_type_needs_only_its_row_and_terms(tmp_path: Path) -> None:
    """ids, extract, assemble, queries, resources, known entities and evaluate accept "hardware"."""
    package = _package_with(
        tmp_path, HARDWARE_ROW, "HARDWARE", ["Hardware", "introducesHardware", "usesHardware"]
    )
    out = _probe(package, HARDWARE_PROBE)

    iri = f"{ids.BASE}hardware/nvidiaa100"
    ns = str(MKG._NS)
    assert out["iri"] == iri
    assert out["parsed"] == ["hardware", "nvidiaa100"]
    assert (out["introduces"], out["uses"], out["class"]) == (
        ns + "introducesHardware",
        ns + "usesHardware",
        ns + "Hardware",
    )
    assert out["links"] == [["hardware", "nvidiaa100", "NVIDIA A100", "introduces"]]
    paper_link = [q for q in out["link_quads"] if f"<{ns}introducesHardware> <{iri}>" in q]
    assert len(paper_link) == 1
    assert any(f"<{iri}> <{RDF.type}> <{ns}Hardware>" in q for q in out["description_quads"])
    assert not any(str(SKOS.Concept) in q for q in out["description_quads"])  # open-ended
    assert out["resolved"] is True
    assert out["known"] == ["hardware"]
    assert out["query_binding"] == iri
    assert "hardware" in out["resource_types"]
    assert out["local_path"] == "/resource/hardware/nvidiaa100"
    assert out["eval_f1"] == {"hardware": 1.0}
    assert out["eval_roles"] == [1, 1]


def test_entity_types_a_sixth_concept_type_needs_only_its_row_terms_and_scheme(
    tmp_path: Path,
) -> None:
    """The rule pipeline finds "anatomy" concepts from the new scheme file, with no code change."""
    package = _package_with(
        tmp_path,
        ANATOMY_ROW,
        "ANATOMY",
        ["Anatomy", "concernsAnatomy"],
        {"anatomy.ttl": ANATOMY_SCHEME},
    )
    out = _probe(package, ANATOMY_PROBE)

    ns = str(MKG._NS)
    liver = f"{ids.BASE}anatomy/liver"
    assert out["alt_labels"] == ["hepatic"]
    assert out["predicates"] == {"uses": ns + "concernsAnatomy"}  # a concept is only used
    assert out["links"] == [["liver", "liver", "uses", ["Hepatic", "liver"]]]
    assert {"modality", "task"} <= set(out["other_types"])  # the other types are still found
    assert any(f"<{ns}concernsAnatomy> <{liver}>" in q for q in out["link_quads"])
    kidney = f"<{ids.BASE}anatomy/kidney>"
    assert any(q.startswith(f"{kidney} <{RDF.type}> <{ns}Anatomy>") for q in out["new_concept"])
    assert any(q.startswith(f"{kidney} <{RDF.type}> <{SKOS.Concept}>") for q in out["new_concept"])
    assert out["known_concept"] == []  # its scheme describes it in the ontology graph
