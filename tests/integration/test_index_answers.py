"""Saved queries marked ``#+ index: browse`` answer from the browse index as their SPARQL does.

Each query of :data:`kg.store.answers.ANSWERS` is run twice on the same store for every value
its parameters can take (each entity of the parameter's type, and the parameter left open
where it may be): by its own SPARQL (the reference) and through the index
(:func:`kg.store.answers.saved_query_sparql`). The answers must hold the same rows in the
same order of the query's ``ORDER BY``; the first rows of a page must be the reference's first
rows (up to the rows tied with the last one, which a ``LIMIT`` may pick either way). Checked on
the bundled corpus's store, a store grown by an incremental build (a listing added, a paper
replaced), the endpoint's fixture store and a store of edge cases (several
labels, entities without one, untitled papers, results without value or with two metrics,
a three-level concept hierarchy, modalities datasets hold, one of them no paper links).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from endpoint_server import build_fixture_store
from rdflib import URIRef

from kg.ids import GRAPH_BASE
from kg.paths import data_dir, queries_dir
from kg.pipeline import build
from kg.queries import SavedQuery, bind_params, load_queries, parse_saved_query
from kg.store import KnowledgeStore, build_session, open_store
from kg.store.answers import ANSWERS, body_digest, saved_query_sparql
from kg.store.browse_index import BROWSE_INDEX_NAME, build_browse_index, saved_leaderboard

QUERIES = load_queries(queries_dir())
Row = dict[str, Any]

#: The ORDER BY of each query, as a Python sort key of a result row.
ORDER: dict[str, Callable[[Row], Any]] = {
    "models_per_task": lambda r: (r["taskLabel"], -int(r["papers"]), r["modelLabel"]),
    "metrics_per_task": lambda r: (r["taskLabel"], -int(r["papers"]), r["metricLabel"]),
    "datasets_for_task_and_modality": lambda r: (
        -int(r["papers"]),
        r["datasetLabel"],
        r["task"],
        r["modality"],
    ),
    "results_by_metric": lambda r: (
        r["metricLabel"] is not None,
        r["metricLabel"] or "",
        r["value"] is None,
        -Decimal(r["value"] or 0),
    ),
    "papers_with_modality_or_narrower": lambda r: (r["modality"], r["linkedAsLabel"], r["title"]),
    "models_proposed_and_evaluated_on_dataset": lambda r: (
        r["datasetLabel"],
        r["title"],
        r["modelLabel"],
        r["metricLabel"] is not None,
        r["metricLabel"] or "",
    ),
    "papers_using_dataset": lambda r: r["title"],
    "cooccurring_datasets": lambda r: (-int(r["sharedPapers"]), r["datasetLabel"], r["otherLabel"]),
    "similar_papers": lambda r: (
        r["paper"],
        -int(r["shared"]),
        -Decimal(r["jaccard"]),
        r["otherTitle"],
    ),
}
#: Per query: the parameter and the class of its values, and whether it may be left open.
PARAMS: dict[str, list[tuple[str, str, bool]]] = {
    "models_per_task": [("task", "Task", True)],
    "metrics_per_task": [("task", "Task", True)],
    "datasets_for_task_and_modality": [("task", "Task", False), ("modality", "Modality", False)],
    "results_by_metric": [("metric", "Metric", True)],
    "papers_with_modality_or_narrower": [("modality", "Modality", False)],
    "similar_papers": [("paper", "Paper", False)],
    "models_proposed_and_evaluated_on_dataset": [("dataset", "Dataset", True)],
    "papers_using_dataset": [("dataset", "Dataset", False)],
    "cooccurring_datasets": [("dataset", "Dataset", False)],
}
PAGE = 4
#: Queries whose reference answers take a second each on the bundled graph, or that take two
#: parameters: fewer values are checked.
SLOWER = {"similar_papers", "datasets_for_task_and_modality"}

EDGES = """
@prefix mkg: <https://w3id.org/medkg/ontology#> .
@prefix res: <https://w3id.org/medkg/resource/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
res:task\\/seg a mkg:Task ; rdfs:label "segmentation" ; skos:broader res:task\\/vision .
res:task\\/vision a mkg:Task ; rdfs:label "vision", "computer vision" .
res:task\\/organ a mkg:Task ; rdfs:label "organ segmentation" ; skos:broader res:task\\/seg .
res:task\\/bare a mkg:Task .
res:modality\\/img a mkg:Modality ; rdfs:label "imaging" .
res:modality\\/xray a mkg:Modality ; rdfs:label "X-ray" ; skos:broader res:modality\\/img .
res:modality\\/cxr a mkg:Modality ; rdfs:label "chest X-ray" ; skos:broader res:modality\\/xray .
res:modality\\/ct a mkg:Modality ; rdfs:label "CT" ; skos:broader res:modality\\/img .
res:modality\\/mri a mkg:Modality ; rdfs:label "MRI" .
res:dataset\\/d a mkg:Dataset ; rdfs:label "D" ; mkg:holdsModality res:modality\\/ct .
res:dataset\\/e a mkg:Dataset ; rdfs:label "E", "E-set" .
res:dataset\\/f a mkg:Dataset ; rdfs:label "F" ; mkg:holdsModality res:modality\\/cxr .
res:dataset\\/g a mkg:Dataset ; rdfs:label "G" ; mkg:holdsModality res:modality\\/mri .
res:dataset\\/nolabel a mkg:Dataset ; mkg:holdsModality res:modality\\/cxr .
res:model\\/m a mkg:Model ; rdfs:label "M" .
res:model\\/n a mkg:Model ; rdfs:label "N" .
res:model\\/nolabel a mkg:Model .
res:metric\\/dice a mkg:Metric ; rdfs:label "Dice" .
res:metric\\/auc a mkg:Metric ; rdfs:label "AUC" .
res:metric\\/nolabel a mkg:Metric .
res:paper\\/p1 a mkg:Paper ;
    dcterms:title "organ masks" ; dcterms:issued "2024-03-05"^^xsd:date ;
    mkg:addressesTask res:task\\/organ ; mkg:hasModality res:modality\\/cxr, res:modality\\/ct ;
    mkg:usesDataset res:dataset\\/d ; mkg:introducesDataset res:dataset\\/d ;
    mkg:proposesModel res:model\\/m ; mkg:usesModel res:model\\/m, res:model\\/nolabel ;
    mkg:usesMetric res:metric\\/dice ; mkg:reportsResult res:result\\/r1, res:result\\/r2 .
res:result\\/r1 mkg:metric res:metric\\/dice ; mkg:value 0.91 ; mkg:valueText "0.91" ;
    mkg:model res:model\\/m ; mkg:dataset res:dataset\\/d .
res:result\\/r2 mkg:metric res:metric\\/dice, res:metric\\/auc ; mkg:valueText "high" .
res:paper\\/p2 a mkg:Paper ;
    dcterms:title "Another title" , "A second title" ;
    mkg:addressesTask res:task\\/seg, res:task\\/vision, res:task\\/bare ;
    mkg:hasModality res:modality\\/xray ; mkg:usesDataset res:dataset\\/e, res:dataset\\/nolabel ;
    mkg:usesModel res:model\\/n, res:model\\/m ; mkg:reportsResult res:result\\/r3 .
res:result\\/r3 mkg:metric res:metric\\/nolabel ; mkg:value 3 .
res:paper\\/p3 a mkg:Paper ;
    dcterms:title "vision only" ; dcterms:issued "2023"^^xsd:gYear ;
    mkg:addressesTask res:task\\/vision ; mkg:hasModality res:modality\\/img ;
    mkg:usesDataset res:dataset\\/d, res:dataset\\/e ; mkg:usesModel res:model\\/n ;
    mkg:reportsResult res:result\\/r4 .
res:result\\/r4 mkg:metric res:metric\\/dice ; mkg:value "0.5"^^xsd:double ; mkg:valueText "0.5" .
res:paper\\/untitled a mkg:Paper ;
    dcterms:issued "2024-01-02"^^xsd:date ; mkg:addressesTask res:task\\/organ ;
    mkg:hasModality res:modality\\/cxr ;
    mkg:usesDataset res:dataset\\/d ; mkg:usesModel res:model\\/m .
res:paper\\/p5 a mkg:Paper ;
    dcterms:title "scored only" ; mkg:proposesModel res:model\\/n ;
    mkg:reportsResult res:result\\/r5, res:result\\/r6 .
res:result\\/r5 mkg:metric res:metric\\/auc ; mkg:valueText "0.8" ; mkg:dataset res:dataset\\/d ;
    mkg:model res:model\\/m .
res:result\\/r6 mkg:metric res:metric\\/dice ; mkg:valueText "0.7" ; mkg:dataset res:dataset\\/d .
res:paper\\/p4 a mkg:Paper ;
    dcterms:title "same entities" ; mkg:addressesTask res:task\\/organ ;
    mkg:hasModality res:modality\\/cxr ; mkg:usesDataset res:dataset\\/d ;
    mkg:usesModel res:model\\/m .
res:paper\\/p6 a mkg:Paper ;
    dcterms:title "held only" ; mkg:addressesTask res:task\\/seg ;
    mkg:usesDataset res:dataset\\/f, res:dataset\\/g, res:dataset\\/nolabel .
"""


def build_edge_store(path: Path) -> Path:
    """A store of the edge cases above, with its browse index."""
    with build_session(path, fresh=True) as building:
        building.load_turtle(EDGES.encode(), graph=f"{GRAPH_BASE}paper/edges")
        build_browse_index(building, leaderboard=saved_leaderboard())
    return path


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_store(tmp_path_factory.mktemp("answers") / "store")


@pytest.fixture(scope="module")
def edge_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_edge_store(tmp_path_factory.mktemp("answers-edges") / "store")


@pytest.fixture(scope="module")
def grown_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store grown by an incremental build that adds a listing and replaces a paper."""
    listings = sorted(data_dir().glob("*.txt"))
    base = tmp_path_factory.mktemp("answers-grown")
    build([listings[0]], base / "store")
    store = open_store(base / "store", read_only=True)
    try:
        query = "SELECT ?t WHERE { ?p a mkg:Paper ; dcterms:title ?t } ORDER BY ?t LIMIT 1"
        title = str(next(store.query(query).rows())["t"])
    finally:
        store.close()
    changed = base / "changed.jsonl"
    abstract = (
        "We fine-tune BioBERT on MIMIC-III and MedQA for named entity recognition on CT and MRI "
        "reports and report an F1 of 0.91 and accuracy of 88.2%."
    )
    changed.write_text(json.dumps({"title": title, "abstract": abstract}) + "\n")
    build([listings[1], changed], base / "store")
    return base / "store"


@pytest.fixture(params=["bundled", "fixture", "edges", "grown"])
def store_path(
    request: pytest.FixtureRequest,
    bundled_store: Path,
    fixture_store: Path,
    edge_store: Path,
    grown_store: Path,
) -> Path:
    stores = {"bundled": bundled_store, "fixture": fixture_store, "edges": edge_store}
    return grown_store if request.param == "grown" else stores[request.param]


def plain(row: dict[str, Any]) -> Row:
    return {k: None if v is None else str(v) for k, v in row.items()}


def select(store: KnowledgeStore, sparql: str, bindings: Any) -> list[Row]:
    return [plain(r) for r in store.query(sparql, bindings=dict(bindings) or None).rows()]


def instances(store: KnowledgeStore, cls: str) -> list[str]:
    """The instances of a class, the most linked first: the first few the checks take are
    then ones the graph uses (in IRI order, a vocabulary's first concepts may be ones no paper
    names, and a check would compare empty answers)."""
    rows = store.query(f"""
        SELECT ?e (COUNT(?s) AS ?n) WHERE {{ ?e a mkg:{cls} . OPTIONAL {{ ?s ?p ?e }} }}
        GROUP BY ?e ORDER BY DESC(?n) ?e""").rows()
    return [str(r["e"]) for r in rows]


def parameter_values(store: KnowledgeStore, name: str) -> Iterator[dict[str, str]]:
    """Every combination of values the checks give the query's parameters."""
    combos: list[dict[str, str]] = [{}]
    for param, cls, optional in PARAMS[name]:
        # enough to meet every shape of the bundled graph (fewer where the reference is slow)
        values = instances(store, cls)[: 12 if name in SLOWER else 40]
        choices: list[str | None] = [*values, *([None] if optional else [])]
        combos = [{**c, **({param: v} if v else {})} for c in combos for v in choices]
    yield from combos


def comparable(name: str, row: Row, store: KnowledgeStore) -> str:
    """A row as compared: SAMPLE and GROUP_CONCAT leave a choice and an order open."""
    row = dict(row)
    if name == "datasets_for_task_and_modality":
        titles = select(
            store,
            "SELECT ?t WHERE { ?p mkg:usesDataset|mkg:introducesDataset ?d ; dcterms:title ?t }",
            {"d": URIRef(row["dataset"])},
        )
        assert row["examplePaper"] in {t["t"] for t in titles}
        row["examplePaper"] = "(one of the dataset's papers)"
    if name == "similar_papers":
        row["sharedEntities"] = sorted((row["sharedEntities"] or "").split(", "))
    if name == "cooccurring_datasets":
        row["titles"] = sorted((row["titles"] or "").split(" | "))
    return json.dumps(row, sort_keys=True)


def check_same_answer(
    name: str, query: SavedQuery, store: KnowledgeStore, path: Path, values: dict[str, str]
) -> int:
    bindings = bind_params(query, values)
    reference = select(store, query.sparql, bindings)
    order = ORDER[name]
    assert [order(r) for r in reference] == sorted(order(r) for r in reference), "reference order"
    text, answer_bindings = saved_query_sparql(query, path, bindings, rows=None)
    assert text != query.sparql, "answered by the index"
    got = select(store, text, answer_bindings)
    assert [order(r) for r in got] == [order(r) for r in reference], (name, values)
    assert Counter(comparable(name, r, store) for r in got) == Counter(
        comparable(name, r, store) for r in reference
    ), (name, values)
    # a page: what the endpoint asks for the first PAGE rows (and one more, to link the next)
    text, answer_bindings = saved_query_sparql(query, path, bindings, rows=PAGE + 1)
    page = select(store, text, answer_bindings)
    assert len(page) >= min(PAGE + 1, len(reference))
    first = [order(r) for r in page[:PAGE]]
    assert first == [order(r) for r in reference[:PAGE]], (name, values)
    return len(reference)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_index_answers_are_the_saved_querys(name: str, store_path: Path) -> None:
    query = QUERIES[name]
    store = open_store(store_path, read_only=True)
    try:
        rows = sum(
            check_same_answer(name, query, store, store_path, values)
            for values in parameter_values(store, name)
        )
    finally:
        store.close()
    if store_path.parent.name.startswith(("bundled", "answers-edges", "answers-grown")):
        assert rows > 0, "the comparison met rows"


def test_edge_cases_meet_the_cases_they_are_for(edge_store: Path) -> None:
    """Answers worked out by hand from the data: the hierarchy and the joins as meant."""
    store = open_store(edge_store, read_only=True)
    try:

        def answer(name: str, **values: str) -> list[Row]:
            query = QUERIES[name]
            text, bindings = saved_query_sparql(
                query, edge_store, bind_params(query, values), rows=None
            )
            return select(store, text, bindings)

        res = "https://w3id.org/medkg/resource/"
        vision = answer("models_per_task", task=res + "task/vision")
        # p1 (organ ⊂ seg ⊂ vision), p2 (seg, vision), p3 (vision); the untitled paper counts
        assert {(r["taskLabel"], r["modelLabel"], r["papers"]) for r in vision} == {
            (label, "M", "4") for label in ("vision", "computer vision")
        } | {(label, "N", "2") for label in ("vision", "computer vision")}
        cxr_d = answer(
            "datasets_for_task_and_modality", task=res + "task/seg", modality=res + "modality/xray"
        )
        # p1 and p4 (chest X-ray ⊂ X-ray) use D, p2 (X-ray) uses E; the untitled paper is out;
        # p6 names no modality but uses F, which holds chest X-ray (G holds MRI)
        assert {(r["datasetLabel"], r["papers"]) for r in cxr_d} == {
            ("D", "2"),
            ("E", "1"),
            ("E-set", "1"),
            ("F", "1"),
        }
        mri = answer(
            "datasets_for_task_and_modality",
            task=res + "task/vision",
            modality=res + "modality/mri",
        )
        assert [(r["datasetLabel"], r["papers"]) for r in mri] == [("G", "1")]
        ct = answer(
            "datasets_for_task_and_modality", task=res + "task/vision", modality=res + "modality/ct"
        )
        # p1 names CT; p3 (imaging) and p4 (chest X-ray) use D, which holds CT: counted once each
        assert [(r["datasetLabel"], r["papers"]) for r in ct] == [("D", "3")]
        dice = answer("results_by_metric", metric=res + "metric/dice")
        texts = [r["valueText"] for r in dice]  # the largest values first, then those without
        assert texts[:2] == ["0.91", "0.5"] and sorted(texts[2:]) == ["0.7", "high"]
        images = answer("papers_with_modality_or_narrower", modality=res + "modality/img")
        assert Counter(r["linkedAsLabel"] for r in images) == Counter(
            {"CT": 1, "X-ray": 2, "chest X-ray": 2, "imaging": 1}
        )
        proposed = answer("models_proposed_and_evaluated_on_dataset", dataset=res + "dataset/d")
        # p1 proposes M and uses D (its result on D for M); p5 proposes N and scores on D only
        # (its result for another model M left out)
        assert [
            (r["title"], r["modelLabel"], r["metricLabel"], r["valueText"]) for r in proposed
        ] == [
            ("organ masks", "M", "Dice", "0.91"),
            ("scored only", "N", "Dice", "0.7"),
        ]
        similar = answer("similar_papers", paper=res + "paper/p4")
        assert next((r["otherTitle"], r["shared"], r["jaccard"]) for r in similar) == (
            "organ masks",
            "4",
            "0.571",
        )
    finally:
        store.close()


def test_every_browse_indexed_query_has_an_answer_for_its_text() -> None:
    marked = {name for name, q in QUERIES.items() if q.index == "browse"}
    assert marked == set(ANSWERS)
    for name in marked:
        assert ANSWERS[name].digest == body_digest(QUERIES[name].sparql), (
            f"queries/{name}.rq changed: make kg.store.answers answer the new text as it "
            "does (this module's checks), then update the answer's digest"
        )


def test_an_edited_saved_query_answers_by_its_own_sparql(fixture_store: Path) -> None:
    query = QUERIES["models_per_task"]
    edited = parse_saved_query(
        query.sparql.replace("DESC(?papers)", "?papers"), name="models_per_task"
    )
    assert edited.index == "browse"
    text, _ = saved_query_sparql(edited, fixture_store, {}, rows=10)
    assert text == edited.sparql
    described = parse_saved_query(
        query.sparql.replace("#+ summary:", "#+ summary: (reworded)"), name="models_per_task"
    )
    text, _ = saved_query_sparql(described, fixture_store, {}, rows=10)
    assert text != described.sparql, "a new description keeps the index answer"


def test_a_store_without_the_index_answers_by_sparql(fixture_store: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(fixture_store, old)
    (old / BROWSE_INDEX_NAME).unlink()
    for name in ANSWERS:
        query = QUERIES[name]
        values = {p.name: p.sample or p.default or "" for p in query.params}
        bindings = bind_params(query, values)
        assert saved_query_sparql(query, old, bindings, rows=10) == (query.sparql, bindings)


def test_an_open_required_parameter_is_left_to_the_sparql(fixture_store: Path) -> None:
    query = QUERIES["similar_papers"]
    assert saved_query_sparql(query, fixture_store, {}, rows=10) == (query.sparql, {})


def test_a_damaged_index_answers_by_sparql(fixture_store: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(fixture_store, damaged)
    db = sqlite3.connect(damaged / BROWSE_INDEX_NAME)
    db.execute("DROP TABLE answer_task_model")
    db.commit()
    db.close()
    query = QUERIES["models_per_task"]
    assert saved_query_sparql(query, damaged, {}, rows=10) == (query.sparql, {})
