"""The browsing pages answer from the browse index what their SPARQL answers (issue 17).

Every function of :mod:`kg.api.browse` that takes ``index=`` is called twice on the same
store, with the store's ``kg-browse.sqlite`` and without it (its SPARQL, the reference), for
every entity the pages could show: the answers must be equal. Where the SPARQL leaves an order
open (equal counts and labels, or which of equal rows a ``LIMIT`` keeps), rows are compared
above the last tie only. Checked on the bundled corpus's store (built by ``kg build``) and on
the endpoint's fixture store.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from endpoint_server import EndpointServer, build_fixture_store

from kg.api import browse
from kg.ids import GRAPH_BASE
from kg.paths import queries_dir
from kg.queries import load_queries
from kg.store import KnowledgeStore, build_session, open_store
from kg.store import search as search_module
from kg.store.browse_index import BROWSE_INDEX_NAME, BrowseIndex, build_browse_index
from kg.store.search import SEARCH_INDEX_NAME, search_keys

LEADERBOARD = load_queries(queries_dir())["leaderboard"].sparql
#: (via, links) of every co-occurrence list a page shows, by the page's entity type
CO = {
    "task": [
        (["addressesTask"], ["introducesDataset", "usesDataset"]),
        (["addressesTask"], ["proposesModel", "usesModel"]),
        (["addressesTask"], ["usesMetric"]),
        (["addressesTask"], ["hasModality"]),
    ],
    "dataset": [
        (["introducesDataset", "usesDataset"], ["addressesTask"]),
        (["introducesDataset", "usesDataset"], ["hasModality"]),
    ],
    "model": [(["proposesModel", "usesModel"], ["addressesTask"])],
}
PAPER_LINKS = {"dataset": ["introducesDataset", "usesDataset"], "model": browse.LINKS["Model"]}
SEARCH_TEXTS = ["mimic", "MIMIC CXR", "chest x-ray", "cxr", "x ray", "ct", "seg", "net", "a"]
SEARCH_TEXTS += ["Medical", "brats", "auroc", "no such thing", "é", "1"]


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_store(tmp_path_factory.mktemp("browse-index") / "store")


@pytest.fixture(params=["bundled", "fixture"])
def opened(
    request: pytest.FixtureRequest, bundled_store: Path, fixture_store: Path
) -> Iterator[tuple[KnowledgeStore, BrowseIndex]]:
    path = bundled_store if request.param == "bundled" else fixture_store
    index = BrowseIndex.open(path)
    assert index is not None, "every build writes the browse index"
    store = open_store(path)
    try:
        yield store, index
    finally:
        store.close()


def selector(store: KnowledgeStore) -> browse.Select:
    """What the pages' selector does, in this process."""

    def select(sparql: str, bindings: Any) -> list[browse.Row]:
        body = json.loads(store.query(sparql, bindings=dict(bindings) or None).serialize("json"))
        return browse.plain_rows(body["results"]["bindings"])

    return select


def entities(store: KnowledgeStore, kind: str) -> list[str]:
    cls = kind.capitalize()
    rows = store.query(f"SELECT DISTINCT ?e WHERE {{ ?e a mkg:{cls} }} ORDER BY ?e").rows()
    return [r["e"] or "" for r in rows]


def same_top(
    expected: list[dict[str, Any]],
    got: list[dict[str, Any]],
    *,
    rank: Callable[[dict[str, Any]], Any],
    limit: int,
    cut: Callable[[dict[str, Any]], Any] | None = None,
) -> None:
    """``got`` is ``expected``, ordered by ``rank`` alike; at a full ``limit``, the rows tied
    by ``cut`` (the order the query's LIMIT applies to; default ``rank``) with the last one may
    differ: which of them a LIMIT keeps is left open."""
    cut = cut or rank
    assert [rank(r) for r in expected] == sorted(rank(r) for r in expected), "reference order"
    assert len(got) == len(expected)
    if len(expected) >= limit:
        last = cut(expected[-1])
        expected = [r for r in expected if cut(r) != last]
        got = [r for r in got if cut(r) != last]
    assert [rank(r) for r in got] == [rank(r) for r in expected]
    key = lambda r: json.dumps(r, sort_keys=True, default=str)  # noqa: E731
    assert sorted(map(key, got)) == sorted(map(key, expected))


def test_co_entities_and_papers_over_time_answer_as_sparql(
    opened: tuple[KnowledgeStore, BrowseIndex],
) -> None:
    store, index = opened
    select = selector(store)
    compared = 0
    for kind, lists in CO.items():
        for iri in entities(store, kind):
            for via, links in lists:
                expected = browse.co_entities(select, iri, via=via, links=links)
                got = browse.co_entities(select, iri, via=via, links=links, index=index)
                same_top(
                    expected,
                    got,
                    rank=lambda r: (-r["n"], r["label"]),
                    limit=15,
                    cut=lambda r: r["n"],
                )
                compared += bool(expected)
            via = CO[kind][0][0]
            assert browse.papers_over_time(
                select, iri, via=via, index=index
            ) == browse.papers_over_time(select, iri, via=via)
    assert compared, "nothing compared"


def test_papers_answer_as_sparql(opened: tuple[KnowledgeStore, BrowseIndex]) -> None:
    store, index = opened
    select = selector(store)
    listed = 0
    for kind, links in PAPER_LINKS.items():
        for iri in entities(store, kind):
            rows, counts = browse.papers(select, iri, links=links)
            got_rows, got_counts = browse.papers(select, iri, links=links, index=index)
            assert got_counts == counts
            same_top(rows, got_rows, rank=lambda r: (r["link"], _desc(r.get("date"))), limit=100)
            listed += len(rows)
    assert listed, "nothing compared"


def _desc(date: str | None) -> tuple[int, list[int]]:
    # newest first, undated last: as SPARQL's DESC(STR(?date))
    return (1, []) if date is None else (0, [-ord(c) for c in date])


def test_leaderboards_answer_as_the_saved_query(
    opened: tuple[KnowledgeStore, BrowseIndex],
) -> None:
    store, index = opened
    select = selector(store)
    cases: list[dict[str, Any]] = [{}, {"limit": 3}]
    cases += [{"dataset": iri} for iri in entities(store, "dataset")]
    cases += [{"task": iri, "limit": 12} for iri in entities(store, "task")]
    cases += [{"metric": iri} for iri in entities(store, "metric")]
    rows = 0
    for case in cases:
        expected = browse.leaderboards(select, LEADERBOARD, **case)
        got = browse.leaderboards(select, LEADERBOARD, **case, index=index)
        assert _boards(got) == _boards(expected), case
        rows += sum(len(b.rows) for b in expected)
    assert rows > 0


def _boards(boards: list[browse.Leaderboard]) -> list[tuple[Any, ...]]:
    # rows of equal score share a rank, and their order is the query's to choose
    return [
        (
            b.dataset,
            b.metric,
            b.dataset_label,
            b.metric_label,
            b.lower_is_better,
            sorted(json.dumps(r, sort_keys=True) for r in b.rows),
            [(r["rank"], r["score"]) for r in b.rows],
        )
        for b in boards
    ]


def test_landing_page_answers_as_sparql(opened: tuple[KnowledgeStore, BrowseIndex]) -> None:
    store, index = opened
    select = selector(store)
    assert browse.headline_counts(select, index=index) == browse.headline_counts(select)
    expected = browse.top_tasks(select)
    assert expected
    same_top(
        expected,
        browse.top_tasks(select, index=index),
        rank=lambda r: (-r["n"], r["label"]),
        limit=12,
        cut=lambda r: r["n"],
    )


_NAMES = """
SELECT ?entity ?type ?label ?form (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  VALUES ?type { mkg:Dataset mkg:Model mkg:Modality mkg:Task mkg:Metric }
  ?entity a ?type ; rdfs:label ?label ; rdfs:label|skos:altLabel ?form .
  OPTIONAL { VALUES ?link { mkg:introducesDataset mkg:usesDataset mkg:proposesModel
                            mkg:usesModel mkg:hasModality mkg:addressesTask mkg:usesMetric }
             ?paper ?link ?entity }
} GROUP BY ?entity ?type ?label ?form
"""


def search_reference(store: KnowledgeStore, text: str, limit: int) -> list[dict[str, Any]]:
    """What the search promises, computed from every name in the graph: the entities with a
    name whose key contains the text's key; exact keys, then prefixes, then the rest; most
    linked papers first, then the shorter label, then the label in lower case."""
    key = browse.search_key(text)
    found: dict[str, dict[str, Any]] = {}
    for r in store.query(_NAMES).rows() if key else []:
        name = browse.search_key(r["form"] or "")
        if key not in name:
            continue
        best = 0 if name == key else 1 if name.startswith(key) else 2
        row = {
            "entity": r["entity"],
            "type": (r["type"] or "").rsplit("#", 1)[-1],
            "label": r["label"],
            "best": best,
            "papers": int(r["papers"] or 0),
        }
        if r["entity"] not in found or best < found[r["entity"]]["best"]:
            found[r["entity"] or ""] = row
    rows = sorted(
        found.values(),
        key=lambda r: (r["best"], -r["papers"], len(r["label"]), r["label"].lower()),
    )
    return rows[:limit]


#: thresholds of kg.store.search that choose how a tier is read: each way must give the same
WAYS = {
    "as built": {},
    "walked": {"_DIRECT": 0, "_WALK_FIRST": 10**9, "_SHORT_KEPT": 1},
    "ranked": {"_DIRECT": 0, "_WALK_FIRST": 0, "_SHORT_KEPT": 1},
}


@pytest.mark.parametrize("way", sorted(WAYS))
@pytest.mark.parametrize("limit", [3, 10, 50])
def test_search_answers_as_promised(
    opened: tuple[KnowledgeStore, BrowseIndex],
    limit: int,
    way: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the SPARQL search of a store without the index is no reference here: it looks for a run
    # of the text's letters before comparing keys, so "seg" misses "response generation", and
    # it ranks only the first 50 candidates it found by papers
    for name, value in WAYS[way].items():
        monkeypatch.setattr(search_module, name, value)
    store, index = opened
    select = selector(store)
    found = 0
    for text in SEARCH_TEXTS:
        expected = search_reference(store, text, limit)
        got = browse.search(select, text, limit=limit, index=index)
        for row in got:  # the form shown is one of the entity's names that matched this well
            form_key = browse.search_key(row["form"])
            assert browse.search_key(text) in form_key
            best = 0 if form_key == browse.search_key(text) else 1
            assert row["best"] == (best if form_key.startswith(browse.search_key(text)) else 2)
        same_top(
            expected,
            [{k: v for k, v in r.items() if k != "form"} for r in got],
            rank=lambda r: (r["best"], -r["papers"], len(r["label"]), r["label"].lower()),
            limit=limit,
        )
        found += len(expected)
    assert found, "nothing compared"


def test_search_finds_what_the_sparql_search_finds(
    opened: tuple[KnowledgeStore, BrowseIndex],
) -> None:
    store, index = opened
    select = selector(store)
    for text in SEARCH_TEXTS:
        got = {r["entity"] for r in browse.search(select, text, limit=1000, index=index)}
        assert {r["entity"] for r in browse.search(select, text, limit=1000)} <= got, text


def test_search_ignores_spaces_inside_words(opened: tuple[KnowledgeStore, BrowseIndex]) -> None:
    # "chestx-ray" is "Chest X-ray" with a space missing: the key is the same
    store, index = opened
    hits = browse.search(selector(store), "chestx-ray", index=index)
    same = browse.search(selector(store), "chest x-ray", index=index)
    assert [h["entity"] for h in hits] == [h["entity"] for h in same]


def test_search_reads_the_tiers_it_needs(fixture_store: Path) -> None:
    # an exact key found as many entities as asked: no prefix or inner match comes first
    exact = search_keys(fixture_store, "mimiccxr", limit=1)
    assert exact is not None and [h.best for h in exact] == [0]
    wider = search_keys(fixture_store, "mimic", limit=10)
    assert wider is not None and [h.best for h in wider] == sorted(h.best for h in wider)
    assert search_keys(fixture_store, "", limit=10) == []


EDGES = """
@prefix mkg: <https://w3id.org/medkg/ontology#> .
@prefix res: <https://w3id.org/medkg/resource/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
res:task\\/t a mkg:Task ; rdfs:label "t" .
res:dataset\\/d a mkg:Dataset ; rdfs:label "d" .
res:dataset\\/e a mkg:Dataset .
res:paper\\/both dcterms:title "introduces and uses d" ; dcterms:issued "2024-03-05"^^xsd:date ;
    mkg:introducesDataset res:dataset\\/d ; mkg:usesDataset res:dataset\\/d ;
    mkg:addressesTask res:task\\/t .
res:paper\\/nomonth dcterms:title "a day without a year" ;
    dcterms:issued "--01-12"^^xsd:gMonthDay ;
    mkg:usesDataset res:dataset\\/d, res:dataset\\/e ; mkg:addressesTask res:task\\/t .
res:paper\\/year dcterms:title "a year only" ; dcterms:issued "2023"^^xsd:gYear ;
    mkg:usesDataset res:dataset\\/d ; mkg:addressesTask res:task\\/t .
res:paper\\/month dcterms:title "a month" ; dcterms:issued "2024-03"^^xsd:gYearMonth ;
    mkg:usesDataset res:dataset\\/e ; mkg:addressesTask res:task\\/t .
res:paper\\/time dcterms:title "a time" ; dcterms:issued "2024-04-01T10:00:00Z"^^xsd:dateTime ;
    mkg:addressesTask res:task\\/t .
res:paper\\/undated dcterms:title "undated" ; mkg:usesDataset res:dataset\\/d .
res:paper\\/untitled mkg:usesDataset res:dataset\\/d ; mkg:addressesTask res:task\\/t .
res:paper\\/dateonly dcterms:issued "2024-05-02"^^xsd:date ; mkg:usesDataset res:dataset\\/d ;
    mkg:addressesTask res:task\\/t .
"""


def test_edge_cases_answer_as_sparql(tmp_path: Path) -> None:
    # a paper linked twice to one dataset counts once; dates without a month are not
    # charted; undated papers list last; an untitled paper is counted, not listed
    with build_session(tmp_path / "store", fresh=True) as building:
        building.load_turtle(EDGES.encode(), graph=f"{GRAPH_BASE}paper/edges")
        build_browse_index(building, leaderboard=LEADERBOARD)
    index = BrowseIndex.open(tmp_path / "store")
    assert index is not None
    store = open_store(tmp_path / "store")
    try:
        select = selector(store)
        task, dataset = "https://w3id.org/medkg/resource/task/t", PAPER_D
        datasets = ["introducesDataset", "usesDataset"]
        co = browse.co_entities(select, task, via=["addressesTask"], links=datasets)
        assert [(r["label"], r["n"]) for r in co] == [("d", 5), ("e", 2)]
        assert (
            browse.co_entities(select, task, via=["addressesTask"], links=datasets, index=index)
            == co
        )
        over_time = browse.papers_over_time(select, task, via=["addressesTask"])
        assert over_time == [
            {"month": "2024-03", "n": 2},
            {"month": "2024-04", "n": 1},
            {"month": "2024-05", "n": 1},
        ]
        assert browse.papers_over_time(select, task, via=["addressesTask"], index=index) == (
            over_time
        )
        rows, counts = browse.papers(select, dataset, links=datasets)
        assert counts == {"introducesDataset": 1, "usesDataset": 6}
        assert [r["title"] for r in rows][-1] == "undated" and len(rows) == 5
        assert browse.papers(select, dataset, links=datasets, index=index) == (rows, counts)
        assert browse.top_tasks(select, index=index) == browse.top_tasks(select)
        assert browse.headline_counts(select, index=index) == browse.headline_counts(select)
    finally:
        store.close()


PAPER_D = "https://w3id.org/medkg/resource/dataset/d"


def test_an_index_of_another_leaderboard_query_is_not_used(fixture_store: Path) -> None:
    index = BrowseIndex.open(fixture_store)
    assert index is not None
    assert index.leaderboard(LEADERBOARD) is not None
    assert index.leaderboard(LEADERBOARD.replace("?modelLabel", "?modelLabel ", 1)) is None


def test_a_store_without_the_indexes_is_read_through_sparql(
    fixture_store: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old"
    shutil.copytree(fixture_store, old)
    (old / BROWSE_INDEX_NAME).unlink()
    assert BrowseIndex.open(old) is None
    db = sqlite3.connect(old / SEARCH_INDEX_NAME)  # a search index from before name keys
    db.executescript("DROP INDEX entity_by_rank; ALTER TABLE entity DROP COLUMN rank;")
    db.close()
    assert search_keys(old, "mimic", limit=5) is None
    (old / SEARCH_INDEX_NAME).unlink()
    assert search_keys(old, "mimic", limit=5) is None


def test_an_index_of_another_version_is_not_read(fixture_store: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(fixture_store, other)
    db = sqlite3.connect(other / BROWSE_INDEX_NAME)
    db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    db.commit()
    db.close()
    assert BrowseIndex.open(other) is None


def test_an_in_memory_store_has_no_index() -> None:
    assert build_browse_index(KnowledgeStore(None), leaderboard=LEADERBOARD) is None


def test_the_server_reads_the_indexes_and_falls_back_without_them(
    fixture_store: Path, tmp_path: Path
) -> None:
    store = tmp_path / "served"
    shutil.copytree(fixture_store, store)
    with sqlite3.connect(store / BROWSE_INDEX_NAME) as db:  # figures only the index holds
        db.execute("""UPDATE meta SET value = '{"Paper": 4242}' WHERE key = 'class_counts'""")
    with sqlite3.connect(store / SEARCH_INDEX_NAME) as db:
        db.execute("UPDATE entity SET papers = 777 WHERE label = 'MIMIC-CXR'")
    with EndpointServer(store) as server, httpx.Client(base_url=server.url) as client:
        html = {"Accept": "text/html"}
        assert "<strong>4,242</strong>" in client.get("/", headers=html).text
        hit = client.get("/search", params={"q": "mimic"}).json()[0]
        assert hit["label"] == "MIMIC-CXR" and hit["papers"] == 777
        (store / BROWSE_INDEX_NAME).unlink()  # a store from before the index: the graph answers
        assert "<strong>4,242</strong>" not in client.get("/", headers=html).text
        hit = client.get("/search", params={"q": "mimic"}).json()[0]
        assert hit["label"] == "MIMIC-CXR" and hit["papers"] != 777
        task = client.get("/resource/task/segmentation", headers=html)
        assert task.status_code == 200 and 'id="lb-dice"' in task.text
    assert "kg reindex --store" in server.log_path.read_text()


def test_answers_are_kept_until_the_index_changes(
    fixture_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.store import browse_index

    store = tmp_path / "kept"
    shutil.copytree(fixture_store, store)
    opened: list[Path] = []
    reading = browse_index.reading

    def counting(path: Path) -> Any:
        opened.append(path)
        return reading(path)

    monkeypatch.setattr(browse_index, "reading", counting)
    task = "https://w3id.org/medkg/resource/task/segmentation"
    first = BrowseIndex.open(store)
    assert first is not None
    opened.clear()
    answer = first.papers_over_time(task, via=["addressesTask"])
    assert answer and len(opened) == 1
    again = BrowseIndex.open(store)
    assert again is not None and again.papers_over_time(task, via=["addressesTask"]) == answer
    assert len(opened) == 2  # the open read the meta table, not the answer
    path = store / BROWSE_INDEX_NAME
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))  # a new build
    changed = BrowseIndex.open(store)
    assert changed is not None and changed.papers_over_time(task, via=["addressesTask"]) == answer
    assert len(opened) == 4
