"""Saved queries (kg/queries.py and queries/*.rq): header parsing, typed binding, and every
saved query run on a small in-memory store built from the endpoint fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.ids import ENTITIES_GRAPH, GRAPH_BASE
from kg.queries import (
    QueryParam,
    SavedQuery,
    SavedQueryError,
    bind_params,
    convert_value,
    load_queries,
    parse_saved_query,
)
from kg.store import KnowledgeStore, open_store
from kg.store.statistics import refresh_statistics

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "api"
SAVED = load_queries(ROOT / "queries")
RES = "https://w3id.org/medkg/resource/"

#: A value from the fixture graph for each parameter type, to run every saved query.
EXAMPLE_VALUES = {
    "iri": f"{RES}dataset/mimiccxr",
    "paper": "a1b2c3d4e5f6",
    "dataset": "brats",
    "model": "medsam",
    "modality": "mri",
    "task": "segmentation",
    "metric": "dice",
    "string": "BraTS",
    "integer": "1",
    "decimal": "0.5",
    "boolean": "true",
    "date": "2024-11-03",
}


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    st = open_store(None)
    for ttl in sorted(FIXTURES.glob("*.ttl")):
        graph = str(ENTITIES_GRAPH) if ttl.stem == "entities" else f"{GRAPH_BASE}paper/{ttl.stem}"
        st.load_turtle(ttl.read_bytes(), graph=graph)
    refresh_statistics(st)  # as every build does: the aggregates some saved queries read
    return st


def _query(text: str, name: str = "q") -> SavedQuery:
    return parse_saved_query(text, name=name)


def test_queries_parse_headers() -> None:
    q = _query(
        "#+ summary: Title here\n#+ description: one\n#+ description: two\n"
        "#+ param: dataset dataset — the dataset\n#+ param: year integer [2024] -- a year\n"
        "#+ param: who string [] - optional\n#+ tags: a, b\n"
        "SELECT * { ?p ?x ?dataset ; ?y ?year ; ?z ?who }"
    )
    assert q.summary == "Title here" and q.description == "one two" and q.tags == ("a", "b")
    assert q.params == (
        QueryParam("dataset", "dataset", None, "the dataset"),
        QueryParam("year", "integer", "2024", "a year"),
        QueryParam("who", "string", "", "optional"),
    )
    assert [p.required for p in q.params] == [True, False, False]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * {}", "summary"),
        ("#+ summary: x\n#+ param: d widget — no\nSELECT ?d {}", "unknown parameter type"),
        ("#+ summary: x\n#+ param: d iri — unused\nSELECT * { ?s ?p ?o }", "not used"),
        ("#+ summary: x\n#+ param: limit integer — reserved\nSELECT ?limit {}", "reserved"),
        (
            "#+ summary: x\n#+ param: n integer [many] — bad default\nSELECT ?n {}",
            "not a valid integer",
        ),
        ("#+ summary: x\n#+ param: d iri\n#+ param: d iri\nSELECT ?d {}", "twice"),
        ("#+ summary: x\n#+ colour: red\nSELECT * {}", "unknown header"),
        ("#+ summary: x\n#+ param: just-a-name\nSELECT * {}", "is not 'name type"),
    ],
)
def test_queries_bad_files_are_reported(text: str, message: str) -> None:
    with pytest.raises(SavedQueryError, match=message):
        _query(text)


def test_queries_bad_name() -> None:
    with pytest.raises(SavedQueryError, match="lower_snake_case"):
        parse_saved_query("#+ summary: x\nASK {}", name="../evil")


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("integer", "42", Literal("42", datatype=XSD.integer)),
        ("integer", "-7", Literal("-7", datatype=XSD.integer)),
        ("decimal", "0.91", Literal("0.91", datatype=XSD.decimal)),
        ("boolean", "1", Literal("true", datatype=XSD.boolean)),
        ("date", "2024-11-03", Literal("2024-11-03", datatype=XSD.date)),
        ("string", 'a "quoted" } UNION { ?s ?p ?o', Literal('a "quoted" } UNION { ?s ?p ?o')),
        ("iri", "https://example.org/x", URIRef("https://example.org/x")),
        ("dataset", "mimiccxr", URIRef(f"{RES}dataset/mimiccxr")),
        ("dataset", f"{RES}dataset/mimiccxr", URIRef(f"{RES}dataset/mimiccxr")),
    ],
)
def test_queries_convert_value(kind: str, raw: str, expected: object) -> None:
    assert convert_value(QueryParam("v", kind), raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("integer", "1.5"),
        ("integer", "1; DROP"),
        ("decimal", "NaN"),
        ("boolean", "maybe"),
        ("date", "2024-13-01"),
        ("iri", "not an iri"),
        ("iri", "http://x> } ; <y"),
        ("iri", "http://a b"),
        ("dataset", "../etc/passwd"),
        ("dataset", f"{RES}model/medsam"),
        ("dataset", "a/b"),
    ],
)
def test_queries_convert_value_rejects(kind: str, raw: str) -> None:
    with pytest.raises(SavedQueryError, match="not a valid"):
        convert_value(QueryParam("v", kind), raw)


def test_queries_bind_params_defaults_and_required() -> None:
    q = _query(
        "#+ summary: s\n#+ param: a dataset\n#+ param: b integer [3]\n#+ param: c string []\n"
        "SELECT ?a ?b ?c {}"
    )
    with pytest.raises(SavedQueryError, match="required"):
        bind_params(q, {})
    bound = bind_params(q, {"a": "brats", "c": ""})
    assert bound == {"a": URIRef(f"{RES}dataset/brats"), "b": Literal("3", datatype=XSD.integer)}


def test_queries_binding_cannot_inject(store: KnowledgeStore) -> None:
    q = _query(
        "#+ summary: s\n#+ param: name string\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?d ?name WHERE { ?d rdfs:label ?name }"
    )
    hostile = '" } UNION { ?d ?p ?name } #'
    rows = list(store.query(q.sparql, bindings=bind_params(q, {"name": hostile})).rows())
    assert rows == []
    rows = list(store.query(q.sparql, bindings=bind_params(q, {"name": "BraTS"})).rows())
    assert [r["d"] for r in rows] == [f"{RES}dataset/brats"]


def test_queries_unprojected_parameter_falls_back_to_values(store: KnowledgeStore) -> None:
    q = _query(
        "#+ summary: s\n#+ param: dataset dataset\nPREFIX mkg: <https://w3id.org/medkg/ontology#>\n"
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p mkg:usesDataset ?dataset }"
    )
    rows = list(store.query(q.sparql, bindings=bind_params(q, {"dataset": "mimiccxr"})).rows())
    assert rows == [{"n": "2"}]


def test_queries_the_initial_set_is_there() -> None:
    assert {
        "list_papers",
        "datasets_by_usage",
        "papers_using_dataset",
        "evidence_for_link",
        "results_by_metric",
        "count_entities_by_type",
    } <= set(SAVED)
    for query in SAVED.values():
        assert query.summary and query.path is not None


@pytest.mark.parametrize("name", sorted(SAVED))
def test_queries_every_saved_query_runs(store: KnowledgeStore, name: str) -> None:
    query = SAVED[name]
    values = {p.name: EXAMPLE_VALUES[p.type] for p in query.params}
    outcome = store.query(query.sparql, bindings=bind_params(query, values))
    if outcome.kind == "select":
        rows = list(outcome.rows())
        assert all(isinstance(r, dict) for r in rows)
    else:
        assert outcome.serialize("turtle" if outcome.kind == "graph" else "json")


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        ("list_papers", {}, 3),
        ("datasets_by_usage", {}, 3),
        ("papers_using_dataset", {"dataset": "mimiccxr"}, 2),
        ("papers_using_dataset", {"dataset": "chexpert"}, 1),
        ("evidence_for_link", {"entity": f"{RES}dataset/mimiccxr"}, 2),
        ("evidence_for_link", {"entity": f"{RES}dataset/mimiccxr", "paper": "0f9e8d7c6b5a"}, 1),
        ("results_by_metric", {}, 2),
        ("results_by_metric", {"metric": "auc"}, 1),
        ("count_entities_by_type", {}, 8),
    ],
)
def test_queries_saved_query_results(
    store: KnowledgeStore, name: str, values: dict[str, str], expected: int
) -> None:
    query = SAVED[name]
    rows = list(store.query(query.sparql, bindings=bind_params(query, values)).rows())
    assert len(rows) == expected


def test_queries_datasets_by_usage_ranks(store: KnowledgeStore) -> None:
    rows = list(store.query(SAVED["datasets_by_usage"].sparql).rows())
    assert [(r["label"], r["papers"]) for r in rows] == [
        ("BraTS", "2"),
        ("MIMIC-CXR", "2"),
        ("CheXpert", "1"),
    ]
