"""kg.validate: SHACL shapes + provenance checks over hand-written and synthetic graphs."""

from __future__ import annotations

import json
import random
import time
from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS, XSD

from kg.entity_types import ENTITY_CLASSES, LINK_PREDICATES
from kg.ids import (
    BASE,
    ENTITIES_GRAPH,
    entity_iri,
    mention_iri,
    paper_graph,
    paper_iri,
    paper_key,
    result_iri,
)
from kg.validate import (
    CHECKS,
    ValidationReport,
    Violation,
    load_shapes_graph,
    ontology_dir,
    validate_graph,
)
from kg.vocab import MKG, sparql_prefix_header

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "validate"
VALID = FIXTURES / "valid.ttl"

PAPER = URIRef(f"{BASE}paper/15dc0f63f27d")
DATASET = URIRef(f"{BASE}dataset/mimiccxr")
METRIC = URIRef(f"{BASE}metric/auroc")
RESULT = URIRef(f"{BASE}result/r1")
SCHEME = URIRef(f"{BASE}scheme/metric")
M_DATASET = URIRef(f"{BASE}mention/m-dataset")
M_METRIC = URIRef(f"{BASE}mention/m-metric")
M_RESULT = URIRef(f"{BASE}mention/m-result")


def _valid() -> Graph:
    return Graph().parse(VALID, format="turtle")


def _edited(update: str) -> Graph:
    graph = _valid()
    prefixes = "".join(
        f"PREFIX {kind}: <{BASE}{kind}/>\n"
        for kind in ("paper", "dataset", "metric", "mention", "result", "modality")
    )
    graph.update(sparql_prefix_header() + prefixes + update)
    return graph


def _shapes_of(report: ValidationReport, severity: str = "Violation") -> set[str | None]:
    return {v.shape for v in report.results if v.severity == severity}


# --- the conforming fixture ---------------------------------------------------------------


def test_validate_fixture_conforms() -> None:
    report = validate_graph(_valid())
    assert report.conforms, report.to_text()
    assert report.results == ()
    assert report.triples == len(_valid())
    assert report.to_text().startswith("SHACL validation: conforms")


def test_validate_empty_graph_conforms() -> None:
    assert validate_graph(Graph()) == ValidationReport(conforms=True, results=(), triples=0)


@pytest.mark.parametrize(
    "update",
    [
        pytest.param(
            'DELETE { ?p dcterms:issued ?d } INSERT { ?p dcterms:issued "2024-05-17"^^xsd:date } '
            "WHERE { ?p dcterms:issued ?d }",
            id="issued-date",
        ),
        pytest.param(
            'DELETE { ?p dcterms:issued ?d } INSERT { ?p dcterms:issued "2024"^^xsd:gYear } '
            "WHERE { ?p dcterms:issued ?d }",
            id="issued-year",
        ),
        pytest.param(
            'DELETE { ?p dcterms:issued ?d } INSERT { ?p dcterms:issued "--01-12"^^xsd:gMonthDay } '
            "WHERE { ?p dcterms:issued ?d }",
            id="issued-without-year",
        ),
        pytest.param(
            "DELETE WHERE { ?p dcterms:issued ?d ; mkg:authorCount ?a ; mkg:upvotes ?u ; "
            "dcterms:identifier ?i ; schema:url ?url ; mkg:codeRepository ?c }",
            id="optional-paper-fields-absent",
        ),
        pytest.param(
            # a low-confidence candidate: kept as a mention, not asserted as a link
            "DELETE { ?m mkg:asserted true . ?p mkg:usesDataset ?d } "
            "INSERT { ?m mkg:asserted false } "
            "WHERE { ?m mkg:supports mkg:usesDataset ; mkg:paper ?p ; mkg:entity ?d }",
            id="unasserted-mention-without-link",
        ),
        pytest.param(
            'INSERT DATA { dataset:mimiccxr skos:altLabel "MIMIC-CXR-JPG"@en }',
            id="tagged-alt-label",
        ),
        pytest.param(
            # curated knowledge of the dataset: no mention backs it, none is asked for
            "INSERT DATA { modality:chestxray a mkg:Modality, "
            'skos:Concept ; rdfs:label "chest X-ray" ; skos:prefLabel "chest X-ray"@en ; '
            "skos:inScheme <https://w3id.org/medkg/resource/scheme/metric> . "
            "dataset:mimiccxr mkg:holdsModality modality:chestxray }",
            id="dataset-holds-modality",
        ),
    ],
)
def test_validate_variants_that_conform(update: str) -> None:
    report = validate_graph(_edited(update))
    assert report.conforms, report.to_text()
    assert not report.results


# --- broken variants ----------------------------------------------------------------------

BROKEN = [
    pytest.param(
        "DELETE WHERE { paper:15dc0f63f27d dcterms:title ?t }",
        "mkgsh:Paper-title",
        PAPER,
        "exactly one dcterms:title",
        id="paper-without-title",
    ),
    pytest.param(
        'INSERT DATA { paper:15dc0f63f27d dcterms:abstract "Another abstract." }',
        "mkgsh:Paper-abstract",
        PAPER,
        "exactly one dcterms:abstract",
        id="paper-with-two-abstracts",
    ),
    pytest.param(
        'DELETE { ?p dcterms:issued ?d } INSERT { ?p dcterms:issued "May 2024" } '
        "WHERE { ?p dcterms:issued ?d }",
        "mkgsh:Paper-issued",
        PAPER,
        "xsd:gMonthDay",
        id="issued-as-plain-string",
    ),
    pytest.param(
        "DELETE { ?p mkg:authorCount ?n } INSERT { ?p mkg:authorCount -3 } "
        "WHERE { ?p mkg:authorCount ?n }",
        "mkgsh:Paper-authorCount",
        PAPER,
        "non-negative xsd:integer",
        id="negative-author-count",
    ),
    pytest.param(
        'DELETE { ?p mkg:codeRepository ?c } INSERT { ?p mkg:codeRepository "github.com/x/y" } '
        "WHERE { ?p mkg:codeRepository ?c }",
        "mkgsh:Paper-codeRepository",
        PAPER,
        "must be an IRI",
        id="code-repository-literal",
    ),
    pytest.param(
        "DELETE { ?m mkg:confidence ?c } INSERT { ?m mkg:confidence 1.7 } "
        "WHERE { ?m mkg:confidence ?c FILTER (?m = mention:m-dataset) }",
        "mkgsh:Mention-confidence",
        M_DATASET,
        "between 0 and 1",
        id="confidence-above-one",
    ),
    pytest.param(
        "DELETE { ?m mkg:confidence ?c } INSERT { ?m mkg:confidence 0.5e0 } "
        "WHERE { ?m mkg:confidence ?c FILTER (?m = mention:m-dataset) }",
        "mkgsh:Mention-confidence",
        M_DATASET,
        "an xsd:decimal",
        id="confidence-as-double",
    ),
    pytest.param(
        'DELETE { ?m mkg:section ?s } INSERT { ?m mkg:section "body" } '
        "WHERE { ?m mkg:section ?s FILTER (?m = mention:m-dataset) }",
        "mkgsh:Mention-section",
        M_DATASET,
        '"title" or "abstract"',
        id="section-not-title-or-abstract",
    ),
    pytest.param(
        "DELETE { ?m mkg:startOffset ?s } INSERT { ?m mkg:startOffset 42 } "
        "WHERE { ?m mkg:startOffset ?s FILTER (?m = mention:m-dataset) }",
        "mkgsh:Mention-offsetOrder",
        M_DATASET,
        "less than its mkg:endOffset",
        id="empty-span",
    ),
    pytest.param(
        "DELETE WHERE { mention:m-dataset mkg:extractor ?e }",
        "mkgsh:Mention-extractor",
        M_DATASET,
        "exactly one mkg:extractor",
        id="mention-without-extractor",
    ),
    pytest.param(
        "DELETE { ?m mkg:supports ?s } INSERT { ?m mkg:supports rdfs:seeAlso } "
        "WHERE { ?m mkg:supports ?s FILTER (?m = mention:m-dataset) }",
        {"mkgsh:Mention-supports", "check:link-has-mention"},
        M_DATASET,
        "link properties",
        id="mention-supports-unknown-property",
    ),
    pytest.param(
        "INSERT DATA { dataset:mimiccxr mkg:holdsModality metric:auroc }",
        "mkgsh:Dataset-holdsModality",
        DATASET,
        "must point to a mkg:Modality",
        id="dataset-holds-a-metric",
    ),
    pytest.param(
        "INSERT DATA { modality:chestxray a mkg:Modality, "
        'skos:Concept ; rdfs:label "chest X-ray" ; skos:prefLabel "chest X-ray"@en ; '
        "skos:inScheme <https://w3id.org/medkg/resource/scheme/metric> . "
        "paper:15dc0f63f27d mkg:holdsModality modality:chestxray }",
        "mkgsh:DatasetDomainShape",
        PAPER,
        "not typed mkg:Dataset",
        id="paper-holds-modality",
    ),
    pytest.param(
        'INSERT DATA { dataset:mimiccxr rdfs:label "MIMIC CXR database" }',
        "mkgsh:Entity-label",
        DATASET,
        "exactly one rdfs:label",
        id="entity-with-two-labels",
    ),
    pytest.param(
        'INSERT DATA { metric:auroc rdfs:label "AUC-ROC" }',
        "mkgsh:Entity-label",
        METRIC,
        "exactly one rdfs:label",
        id="concept-with-two-labels",
    ),
    pytest.param(
        'INSERT DATA { metric:auroc skos:prefLabel "area under curve"@en }',
        "mkgsh:Concept-prefLabel",
        METRIC,
        "at most one per language",
        id="concept-with-two-english-preflabels",
    ),
    pytest.param(
        "DELETE WHERE { metric:auroc skos:inScheme ?s }",
        "mkgsh:Concept-inScheme",
        METRIC,
        "skos:inScheme",
        id="concept-without-scheme",
    ),
    pytest.param(
        "DELETE WHERE { dataset:mimiccxr skos:exactMatch ?x } ; "
        'INSERT DATA { dataset:mimiccxr skos:exactMatch "Q123" }',
        "mkgsh:Entity-exactMatch",
        DATASET,
        "must be an IRI",
        id="exact-match-literal",
    ),
    pytest.param(
        'DELETE { ?r mkg:value ?v } INSERT { ?r mkg:value "0.912" } WHERE { ?r mkg:value ?v }',
        "mkgsh:Result-value",
        RESULT,
        "xsd:decimal",
        id="result-value-as-string",
    ),
    pytest.param(
        "DELETE WHERE { result:r1 mkg:metric ?m }",
        "mkgsh:Result-metric",
        RESULT,
        "exactly one mkg:metric",
        id="result-without-metric",
    ),
    pytest.param(
        "DELETE WHERE { ?p mkg:reportsResult ?r } ; DELETE WHERE { mention:m-result ?x ?y }",
        "mkgsh:Result-paper",
        RESULT,
        "reported (mkg:reportsResult) by exactly one paper",
        id="result-without-paper",
    ),
    pytest.param(
        "DELETE WHERE { mention:m-dataset a mkg:Mention }",
        "mkgsh:MentionDomainShape",
        M_DATASET,
        "not typed mkg:Mention",
        id="untyped-mention",
    ),
    pytest.param(
        "DELETE WHERE { dataset:mimiccxr a mkg:Dataset }",
        {
            "mkgsh:Paper-usesDataset",
            "mkgsh:Result-dataset",
            "check:mention-entity-class",
        },
        PAPER,
        "must point to a mkg:Dataset",
        id="untyped-dataset",
    ),
    pytest.param(
        "INSERT DATA { paper:15dc0f63f27d mkg:introducesDataset dataset:mimiccxr }",
        {"mkgsh:Paper-introducesOrUsesDataset", "check:link-has-mention"},
        PAPER,
        "cannot both introduce and use",
        id="introduces-and-uses-same-dataset",
    ),
    # provenance checks
    pytest.param(
        "DELETE WHERE { mention:m-dataset ?p ?o }",
        "check:link-has-mention",
        PAPER,
        "has no mkg:Mention backing it",
        id="link-without-mention",
    ),
    pytest.param(
        "DELETE WHERE { paper:15dc0f63f27d mkg:usesDataset ?d }",
        "check:asserted-mention-has-link",
        M_DATASET,
        "is not in the graph",
        id="asserted-mention-without-link",
    ),
    pytest.param(
        "DELETE { ?m mkg:supports ?s } INSERT { ?m mkg:supports mkg:usesModel } "
        "WHERE { ?m mkg:supports ?s FILTER (?m = mention:m-dataset) }",
        {
            "check:mention-entity-class",
            "check:link-has-mention",
            "check:asserted-mention-has-link",
        },
        M_DATASET,
        "its mkg:entity must be a mkg:Model",
        id="mention-entity-of-wrong-class",
    ),
    pytest.param(
        "DELETE { ?m mkg:startOffset ?s ; mkg:endOffset ?e } "
        "INSERT { ?m mkg:startOffset 32 ; mkg:endOffset 41 } "
        "WHERE { ?m mkg:startOffset ?s ; mkg:endOffset ?e FILTER (?m = mention:m-dataset) }",
        "check:mention-offsets",
        M_DATASET,
        "is not the text at offsets 32-41",
        id="offsets-off-by-one",
    ),
    pytest.param(
        'DELETE { ?m mkg:section ?s } INSERT { ?m mkg:section "title" } '
        "WHERE { ?m mkg:section ?s FILTER (?m = mention:m-metric) }",
        "check:mention-offsets",
        M_METRIC,
        "of the paper's title",
        id="offsets-in-the-wrong-section",
    ),
]


@pytest.mark.parametrize(("update", "shapes", "focus", "message"), BROKEN)
def test_validate_broken_variant_fails(
    update: str, shapes: str | set[str], focus: URIRef, message: str
) -> None:
    expected = {shapes} if isinstance(shapes, str) else shapes
    report = validate_graph(_edited(update))
    assert not report.conforms
    assert _shapes_of(report) == expected, report.to_text()
    matching = [v for v in report.results if v.focus_node == focus and message in v.message]
    assert matching, report.to_text()
    text = report.to_text()
    assert matching[0].message in text
    assert f"<{focus}>" in text


def test_validate_missing_source_file_is_only_a_warning() -> None:
    report = validate_graph(_edited("DELETE WHERE { ?p mkg:sourceFile ?f }"))
    assert report.conforms
    assert report.counts() == {"Violation": 0, "Warning": 1, "Info": 0}
    (warning,) = report.results
    assert warning.shape == "mkgsh:Paper-sourceFile-present"
    assert warning.focus_node == PAPER
    assert "conforms (1 warning)" in report.to_text()


def test_validate_violation_fields() -> None:
    report = validate_graph(
        _edited(
            "DELETE { ?m mkg:confidence ?c } INSERT { ?m mkg:confidence 1.7 } "
            "WHERE { ?m mkg:confidence ?c FILTER (?m = mention:m-dataset) }"
        )
    )
    assert set(report.results) == {
        Violation(
            focus_node=M_DATASET,
            path="mkg:confidence",
            severity="Violation",
            message="A mention needs exactly one mkg:confidence, an xsd:decimal between 0 and 1.",
            value=Literal("1.7", datatype=XSD.decimal),
            shape="mkgsh:Mention-confidence",
        )
    }


def test_validate_to_dict_is_json() -> None:
    report = validate_graph(_edited("DELETE WHERE { paper:15dc0f63f27d dcterms:title ?t }"))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["conforms"] is False
    assert data["counts"]["Violation"] == 1
    (result,) = data["results"]
    assert result == {
        "severity": "Violation",
        "shape": "mkgsh:Paper-title",
        "focus_node": str(PAPER),
        "path": "dcterms:title",
        "value": None,
        "message": "A paper needs exactly one dcterms:title, a non-empty xsd:string.",
    }


def test_validate_inverse_path_is_rendered() -> None:
    report = validate_graph(_edited("INSERT DATA { paper:other mkg:reportsResult result:r1 }"))
    assert any(v.path == "^mkg:reportsResult" for v in report.results), report.to_text()


def test_validate_text_report_groups_and_limits() -> None:
    graph = _union(synthetic_graph(5))
    graph.update(sparql_prefix_header() + "DELETE WHERE { ?m mkg:extractor ?e }")
    report = validate_graph(graph)
    mentions = len(set(graph.subjects(RDF.type, MKG.Mention)))
    (group,) = {v.shape for v in report.results}
    assert group == "mkgsh:Mention-extractor"
    text = report.to_text(limit=3)
    assert f"{mentions} results on {mentions} nodes" in text
    assert text.count("exactly one mkg:extractor") == 1  # the shared message, once
    assert text.count("  - <") == 3
    assert f"... and {mentions - 3} more" in text


# --- inputs -------------------------------------------------------------------------------


def test_validate_dataset_is_checked_as_union() -> None:
    """Paper triples in the paper's graph, entities in the entities graph: one graph to SHACL."""
    source = _valid()
    dataset = Dataset()
    entities = dataset.graph(ENTITIES_GRAPH)
    papers = dataset.graph(paper_graph("15dc0f63f27d"))
    for s, p, o in source:
        is_entity = str(s).startswith((f"{BASE}dataset/", f"{BASE}metric/", f"{BASE}scheme/"))
        (entities if is_entity else papers).add((s, p, o))
    before = sorted(dataset.quads((None, None, None, None)))
    report = validate_graph(dataset)
    assert report.conforms, report.to_text()
    assert report.triples == len(source)
    assert sorted(dataset.quads((None, None, None, None))) == before
    assert dataset.default_union is False


def test_validate_ontology_path_adds_vocabularies(tmp_path: Path) -> None:
    scheme = tmp_path / "scheme.ttl"
    scheme.write_text(f"<{SCHEME}> a <{SKOS.ConceptScheme}> .\n")
    graph = _valid()
    graph.remove((SCHEME, None, None))
    assert _shapes_of(validate_graph(graph)) == {"mkgsh:Concept-inScheme"}
    before = len(graph)
    assert validate_graph(graph, ontology_path=scheme).conforms
    # the real ontology and schemes add nothing wrong (they do not know the fixture's scheme)
    assert _shapes_of(validate_graph(graph, ontology_path=ontology_dir())) == {
        "mkgsh:Concept-inScheme"
    }
    assert len(graph) == before  # the data itself is not modified


def test_validate_custom_shapes_path(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"<urn:s> a sh:NodeShape ; sh:targetClass <{MKG.Paper}> ; sh:property [ "
        f'sh:path <{MKG.upvotes}> ; sh:maxInclusive 5 ; sh:message "too popular" ] .\n'
    )
    report = validate_graph(_valid(), shapes_path=shapes)
    assert [v.message for v in report.results if v.shape != "_:"] == ["too popular"]


def test_validate_missing_or_bad_shapes_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        validate_graph(_valid(), shapes_path=tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("not turtle at all .")
    with pytest.raises(ValueError, match=r"bad\.ttl"):
        validate_graph(_valid(), shapes_path=bad)


def test_validate_flattening_changes_no_result() -> None:
    """validate_graph's faster evaluation of property shapes reports what plain pyshacl does."""
    graph = _edited(
        'INSERT DATA { dataset:mimiccxr rdfs:label "Second" . '
        'paper:15dc0f63f27d dcterms:title "Second title" ; mkg:upvotes -1 . '
        "mention:m-metric mkg:confidence 2.0 }"
    )
    _conforms, report_graph, _text = pyshacl.validate(
        graph, shacl_graph=load_shapes_graph(), inference="none", allow_warnings=True
    )
    expected = {
        (
            report_graph.value(r, SH.focusNode),
            report_graph.value(r, SH.resultPath),
            report_graph.value(r, SH.sourceShape),
            report_graph.value(r, SH.value),
            str(report_graph.value(r, SH.resultMessage)),
        )
        for r in report_graph.subjects(RDF.type, SH.ValidationResult)
    }
    names = load_shapes_graph().namespace_manager
    actual = {
        (v.focus_node, v.path, v.shape, v.value, v.message)
        for v in validate_graph(graph).results
        if not (v.shape or "").startswith("check:")
    }
    assert len(expected) >= 4
    assert actual == {
        (f, names.normalizeUri(p), names.normalizeUri(s), v, m) for f, p, s, v, m in expected
    }


# --- synthetic corpus-sized graph ---------------------------------------------------------


def synthetic_graph(n_papers: int, *, seed: int = 0) -> Dataset:
    """A graph shaped like a medkg build: papers in their graphs, entities in one graph.

    Each paper has ~15 links with one or two mentions each and 3 results; about 300 triples
    per paper, so 400 papers is ~120k triples.
    """
    rng = random.Random(seed)
    dataset = Dataset()
    entities = dataset.graph(ENTITIES_GRAPH)
    pool = {"dataset": 300, "model": 300, "modality": 30, "task": 40, "metric": 30}
    for entity_type, size in pool.items():
        scheme = URIRef(f"{BASE}scheme/{entity_type}")
        if entity_type not in ("dataset", "model"):
            entities.add((scheme, RDF.type, SKOS.ConceptScheme))
        for i in range(size):
            node = entity_iri(entity_type, f"{entity_type} {i}")
            entities.add((node, RDF.type, ENTITY_CLASSES[entity_type]))
            entities.add((node, RDFS.label, Literal(f"{entity_type} {i}")))
            entities.add((node, SKOS.altLabel, Literal(f"{entity_type[:3].upper()}-{i}")))
            if entity_type not in ("dataset", "model"):
                entities.add((node, RDF.type, SKOS.Concept))
                entities.add((node, SKOS.prefLabel, Literal(f"{entity_type} {i}", lang="en")))
                entities.add((node, SKOS.inScheme, scheme))

    def add_mention(
        graph: Graph,
        paper: URIRef,
        entity: URIRef,
        predicate: URIRef,
        text: str,
        start: int,
        end: int,
        extractor: str,
    ) -> None:
        mention = mention_iri(
            str(paper), str(entity), str(predicate), "abstract", start, end, extractor
        )
        for p, o in (
            (RDF.type, MKG.Mention),
            (MKG.paper, paper),
            (MKG.entity, entity),
            (MKG.supports, predicate),
            (MKG.section, Literal("abstract")),
            (MKG.startOffset, Literal(start)),
            (MKG.endOffset, Literal(end)),
            (MKG.matchedText, Literal(text[start:end])),
            (MKG.sentence, Literal(text[:80])),
            (MKG.extractor, Literal(extractor)),
            (MKG.confidence, Literal(Decimal("0.85"))),
            (MKG.asserted, Literal(True)),
        ):
            graph.add((mention, p, o))

    for number in range(n_papers):
        title = f"Paper {number} on medical imaging"
        key = paper_key(title)
        graph = dataset.graph(paper_graph(key))
        paper = paper_iri(key)
        names: dict[tuple[str, str], str] = {}
        while len(names) < 15:
            entity_type = rng.choice(list(pool))
            name = f"{entity_type} {rng.randrange(pool[entity_type])}"
            introduces = entity_type in ("dataset", "model") and rng.random() < 0.1
            names.setdefault((entity_type, name), "introduces" if introduces else "uses")
        words = (
            ["91.5%", "0.87", "12.4"]
            + [f"w{i}" for i in range(40)]
            + [name.replace(" ", "_") for _, name in names]
        )
        abstract = " ".join(words)
        for p, o in (
            (RDF.type, MKG.Paper),
            (DCTERMS.title, Literal(title)),
            (DCTERMS.abstract, Literal(abstract)),
            (DCTERMS.issued, Literal("2024-05", datatype=XSD.gYearMonth)),
            (MKG.authorCount, Literal(rng.randrange(1, 20))),
            (MKG.upvotes, Literal(rng.randrange(200))),
            (MKG.sourceFile, Literal("synthetic.txt")),
            (MKG.codeRepository, URIRef(f"https://github.com/example/p{number}")),
        ):
            graph.add((paper, p, o))
        for (entity_type, name), role in names.items():
            predicate = LINK_PREDICATES[(entity_type, role)]
            entity = entity_iri(entity_type, name)
            graph.add((paper, predicate, entity))
            start = abstract.index(name.replace(" ", "_"))
            end = start + len(name)
            for extractor in ("ner", "rules")[: 1 + (rng.random() < 0.3)]:
                add_mention(graph, paper, entity, predicate, abstract, start, end, extractor)
        for value_text in words[:3]:
            metric = entity_iri("metric", f"metric {rng.randrange(pool['metric'])}")
            start = abstract.index(value_text)
            result = result_iri(str(paper), str(metric), value_text, start)
            graph.add((paper, MKG.reportsResult, result))
            for p, o in (
                (RDF.type, MKG.Result),
                (MKG.metric, metric),
                (MKG.value, Literal(Decimal(value_text.rstrip("%")))),
                (MKG.valueText, Literal(value_text)),
                (MKG.isImprovement, Literal(False)),
            ):
                graph.add((result, p, o))
            add_mention(
                graph,
                paper,
                result,
                MKG.reportsResult,
                abstract,
                start,
                start + len(value_text),
                "values",
            )
    return dataset


def _union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def test_validate_synthetic_graph_conforms() -> None:
    dataset = synthetic_graph(20)
    report = validate_graph(dataset)
    assert report.conforms, report.to_text(limit=3)
    assert report.results == ()


def test_validate_checks_run_on_synthetic_graph() -> None:
    graph = _union(synthetic_graph(3))
    assert all(list(check(graph)) == [] for check in CHECKS)
    link = next(iter(graph.subject_objects(MKG.usesModel)), None) or next(
        iter(graph.subject_objects(MKG.usesDataset))
    )
    graph.update(
        sparql_prefix_header()
        + f"DELETE WHERE {{ ?m mkg:paper <{link[0]}> ; mkg:entity <{link[1]}> ; ?p ?o }}"
    )
    assert {v.shape for check in CHECKS for v in check(graph)} == {"check:link-has-mention"}


@pytest.mark.slow
def test_validate_corpus_sized_graph_takes_seconds() -> None:
    dataset = synthetic_graph(400)
    started = time.perf_counter()
    report = validate_graph(dataset)
    elapsed = time.perf_counter() - started
    assert report.triples > 100_000
    assert report.conforms, report.to_text(limit=3)
    assert elapsed < 60, f"validating {report.triples} triples took {elapsed:.1f} s"
