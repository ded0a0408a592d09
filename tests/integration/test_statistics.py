"""Precomputed answers equal the plain queries' answers (issue 18).

Saved queries that read the statistics graph (``kg/store/statistics.py``) and entity search through
the text index (``kg/store/search.py``) must answer exactly what the plain queries of
``tests/data/plain_queries/`` answer from the links and mentions themselves. Checked on a store
after a fresh build and again after an incremental build that adds papers and replaces one
(whose mentions change), with every query's example parameters and with its parameters open.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.paths import data_dir, queries_dir
from kg.pipeline import build
from kg.queries import SavedQuery, bind_params, load_queries, parse_saved_query
from kg.store import KnowledgeStore, open_store
from kg.store.search import SearchIndexError, search_entities
from kg.store.statistics import STATISTICS_GRAPH
from kg.vocab import MKGSTAT

PLAIN_DIR = Path(__file__).resolve().parent.parent / "data" / "plain_queries"
PLAIN = {
    p.stem: parse_saved_query(p.read_text(encoding="utf-8"), name=p.stem)
    for p in sorted(PLAIN_DIR.glob("*.rq"))
}
SAVED = load_queries(queries_dir())
#: Columns that are GROUP_CONCATs, whose order SPARQL leaves open.
CONCATS = {"broader": ", ", "matchedForms": " | ", "titles": " | "}
SEARCH_TEXTS = ["", "ct", "mimic", "x-ray", "seg", "net", "Medical", "é"]


def rows(
    store: KnowledgeStore, query: SavedQuery, values: dict[str, str]
) -> list[tuple[tuple[str, str], ...]]:
    """The query's rows as sorted tuples, GROUP_CONCAT parts sorted."""
    out = []
    for row in store.query(query.sparql, bindings=bind_params(query, values)).rows():
        cells = []
        for key, value in sorted(row.items()):
            if key in CONCATS and value:
                value = CONCATS[key].join(sorted(value.split(CONCATS[key])))
            cells.append((key, value or ""))
        out.append(tuple(cells))
    return sorted(out)


def example_values(query: SavedQuery) -> dict[str, str]:
    return {p.name: p.example for p in query.params if p.example}


def open_values(query: SavedQuery) -> dict[str, str]:
    """Every parameter left open (a required one takes its example)."""
    return {p.name: p.example for p in query.params if p.required and p.example}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A store built fresh from one listing, and a copy grown by an incremental build."""
    listings = sorted(data_dir().glob("*.txt"))
    base = tmp_path_factory.mktemp("stats")
    first, grown = base / "first", base / "grown"
    build([listings[0]], first)
    build([listings[0]], grown)
    # the incremental build adds a second listing and replaces a paper of the first one:
    # same title, an abstract that names other entities, so its old mentions must go
    title = _first_title(grown)
    changed = base / "changed.jsonl"
    changed.write_text(
        json.dumps(
            {
                "title": title,
                "abstract": (
                    "We fine-tune BioBERT on MIMIC-III and MedQA for named entity recognition "
                    "on CT and MRI reports and report an F1 of 0.91 and accuracy of 88.2%."
                ),
            }
        )
        + "\n",
        encoding="utf-8",
    )
    build([listings[1], changed], grown)
    yield first, grown


def _first_title(path: Path) -> str:
    store = open_store(path)
    try:
        row = next(
            store.query(
                "SELECT ?t WHERE { ?p a mkg:Paper ; dcterms:title ?t } ORDER BY ?t LIMIT 1"
            ).rows()
        )
        return row["t"] or ""
    finally:
        store.close()


@pytest.mark.parametrize("which", ["first", "grown", "bundled"])
@pytest.mark.parametrize("name", sorted(PLAIN))
def test_statistics_rewritten_query_answers_as_plain(
    stores: tuple[Path, Path], bundled_store: Path, name: str, which: str
) -> None:
    path = {"first": stores[0], "grown": stores[1], "bundled": bundled_store}[which]
    saved, plain = SAVED[name], PLAIN[name]
    paged = "page" in {p.name for p in saved.params}
    assert [p.name for p in saved.params if p.name != "page"] == [p.name for p in plain.params]
    store = open_store(path)
    try:
        if paged:
            _check_pages(store, name, saved, plain)
            return
        for values in (example_values(saved), open_values(saved)):
            expected = rows(store, plain, values)
            assert expected, f"{name} {values}: the plain query found nothing to compare"
            assert rows(store, saved, values) == expected, (
                f"{name} with {values} differs from the plain query"
            )
    finally:
        store.close()


#: The order each paged listing promises, as a sort key of its rows.
LISTING_ORDER = {
    "list_papers": lambda r: (
        3
        if r["issued"] is None
        else 0
        if r["issued"][:1].isdigit()
        else 1
        if r["issued"].startswith("--")
        else 2,
        "".join(chr(0x10FFFF - ord(c)) for c in r["issued"] or ""),  # newest first
        r["title"],
    ),
    "models_by_usage": lambda r: (-int(r["papers"]), r["label"]),
    "datasets_by_usage": lambda r: (-int(r["papers"]), r["label"]),
    # by paper, newest first (the papers' own order is checked with list_papers)
    "datasets_introduced_with_code": lambda r: 0,
    "unasserted_mentions": lambda r: 0,
}


def _check_pages(store: KnowledgeStore, name: str, saved: SavedQuery, plain: SavedQuery) -> None:
    """Every page of a paged listing, read in turn, is the plain query's answer in order."""
    listed: list[dict[str, str | None]] = []
    last = next(store.query(f"SELECT (MAX(?n) AS ?last) WHERE {{ ?s <{MKGSTAT.page}> ?n }}").rows())
    pages = int(last["last"] or 0)
    assert pages >= 1, f"{name}: no pages in the statistics graph"
    for page in range(1, pages + 2):  # one past the last: empty
        rows_of_page = list(
            store.query(saved.sparql, bindings=bind_params(saved, {"page": str(page)})).rows()
        )
        listed_things = {r.get("paper") or next(iter(r.values())) for r in rows_of_page}
        assert len(listed_things) <= 100, f"{name} page {page}"
        listed.extend(rows_of_page)
    assert not rows_of_page, f"{name}: rows past the last page"

    def cells(row: dict[str, str | None]) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((k, v or "") for k, v in row.items()))

    expected = sorted(cells(r) for r in store.query(plain.sparql).rows())
    assert sorted(cells(r) for r in listed) == expected
    keys = [LISTING_ORDER[name](r) for r in listed]
    assert keys == sorted(keys), f"{name}: the pages are not in the listing's order"
    default = list(store.query(saved.sparql, bindings=bind_params(saved, {})).rows())
    assert default == listed[: len(default)], f"{name}: page 1 is not the default"


@pytest.mark.parametrize("which", ["grown", "bundled"])
def test_search_index_answers_as_the_saved_query(
    stores: tuple[Path, Path], bundled_store: Path, which: str
) -> None:
    path = {"grown": stores[1], "bundled": bundled_store}[which]
    plain = PLAIN["search_entities"]
    store = open_store(path)
    try:
        for text in SEARCH_TEXTS:
            expected = [
                (
                    r["entity"],
                    r["type"],
                    r["label"],
                    " | ".join(sorted((r["matchedForms"] or "").split(" | "))),
                    int(r["papers"] or 0),
                )
                for r in store.query(plain.sparql, bindings=_text_binding(plain, text)).rows()
            ]
            hits = search_entities(path, text, limit=None)
            got = [(h.entity, h.type, h.label, " | ".join(h.matched_forms), h.papers) for h in hits]
            assert sorted(got) == sorted(expected), text
            # ranked as the query ranks: papers descending, then label
            assert [(-h.papers, h.label) for h in hits] == sorted(
                (-h.papers, h.label) for h in hits
            )
            if text == "":
                assert got, "an empty text lists every entity"
            page = search_entities(path, text, limit=3, offset=2)
            assert [(h.papers, h.label) for h in page] == [(h.papers, h.label) for h in hits[2:5]]
    finally:
        store.close()


def _text_binding(query: SavedQuery, text: str) -> dict[str, object]:
    # an empty value takes the default; the query lists every entity with ?text left open
    return dict(bind_params(query, {"text": text})) if text else {}


def test_statistics_graph_is_replaced_not_added_to(stores: tuple[Path, Path]) -> None:
    """An incremental build leaves one statistics row per extractor and link, not two."""
    store = open_store(stores[1])
    try:
        counts = list(
            store.query(
                f"SELECT ?x ?l (COUNT(*) AS ?n) WHERE {{ GRAPH <{STATISTICS_GRAPH}> {{ ?row "
                "<https://w3id.org/medkg/statistics#extractor> ?x ; "
                "<https://w3id.org/medkg/statistics#link> ?l } } "
                "GROUP BY ?x ?l HAVING (COUNT(*) > 1)"
            ).rows()
        )
        assert counts == []
    finally:
        store.close()


def test_search_without_index_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="kg reindex"):
        search_entities(tmp_path, "ct")


def test_cli_saved_query_pages_and_search(stores: tuple[Path, Path], kg_command: list[str]) -> None:
    """`kg query --saved` shows one page and says how to get the next; `kg search` uses the
    index."""
    import subprocess

    path = str(stores[1])

    def kg_query(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*kg_command, "query", "--store", path, "--format", "csv", *args],
            capture_output=True,
            text=True,
            check=True,
        )

    # rows beyond the first --limit come with --offset
    every = kg_query("--saved", "unasserted_mentions", "--all")
    total = len(every.stdout.strip().splitlines()) - 1
    assert total > 10  # the answer outgrows one page of 10
    page = kg_query("--saved", "unasserted_mentions", "--limit", "10")
    assert len(page.stdout.strip().splitlines()) - 1 == 10
    assert "--offset 10" in page.stderr
    rest = kg_query("--saved", "unasserted_mentions", "--offset", "10", "--limit", str(total))
    assert (
        page.stdout.splitlines()[1:] + rest.stdout.splitlines()[1:] == every.stdout.splitlines()[1:]
    )
    # a listing paged by the statistics graph: its pages come with -p page=N
    first = kg_query("--saved", "list_papers")
    assert len(first.stdout.strip().splitlines()) - 1 == 100
    assert "next page: -p page=2" in first.stderr
    second = kg_query("--saved", "list_papers", "-p", "page=2")
    assert "next page: -p page=3" in second.stderr
    assert not set(first.stdout.splitlines()[1:]) & set(second.stdout.splitlines()[1:])
    found = subprocess.run(
        [*kg_command, "search", "--store", path, "ct", "--format", "json", "--limit", "1000"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert [r["entity"] for r in json.loads(found.stdout)] == [
        h.entity for h in search_entities(stores[1], "ct", limit=1000)
    ]


def _plain_search(store_path: Path, text: str) -> list[tuple[str, str, int]]:
    store = open_store(store_path)
    try:
        plain = PLAIN["search_entities"]
        return sorted(
            (r["entity"] or "", r["label"] or "", int(r["papers"] or 0))
            for r in store.query(plain.sparql, bindings=_text_binding(plain, text)).rows()
        )
    finally:
        store.close()


@pytest.mark.parametrize("text", ["ct", "x-ray"])
def test_saved_search_answered_from_the_index_by_cli_and_endpoint(
    stores: tuple[Path, Path], kg_command: list[str], text: str
) -> None:
    """`search_entities` (``#+ index: search``) answers as its SPARQL does, from the index."""
    import subprocess

    import httpx
    from endpoint_server import EndpointServer

    expected = _plain_search(stores[1], text)
    assert expected
    out = subprocess.run(
        [
            *kg_command,
            *("query", "--store", str(stores[1]), "--saved", "search_entities"),
            *("-p", f"text={text}", "--all", "--format", "json"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(out.stdout)["results"]["bindings"]
    got = sorted(
        (r["entity"]["value"], r["label"]["value"], int(r["papers"]["value"])) for r in rows
    )
    assert got == expected
    with EndpointServer(stores[1]) as server:
        answer = httpx.get(
            f"{server.url}/queries/search_entities",
            params={"text": text, "limit": 1000},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        answer.raise_for_status()
        bindings = answer.json()["results"]["bindings"]
        page = httpx.get(
            f"{server.url}/queries/search_entities",
            params={"text": text, "limit": 2, "offset": 1},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        ).json()["results"]["bindings"]
    got = sorted(
        (r["entity"]["value"], r["label"]["value"], int(r["papers"]["value"])) for r in bindings
    )
    assert got == expected
    # ranked as the saved query ranks (papers, then label), and paged
    assert [int(r["papers"]["value"]) for r in bindings] == sorted(
        (int(r["papers"]["value"]) for r in bindings), reverse=True
    )
    assert page == bindings[1:3]


def test_saved_search_reads_the_index_not_the_graph(
    stores: tuple[Path, Path], kg_command: list[str], tmp_path: Path
) -> None:
    """An entity left out of the text index is left out of the saved query's answer."""
    import shutil
    import sqlite3
    import subprocess

    copy = tmp_path / "store"
    shutil.copytree(stores[1], copy)
    dropped = _plain_search(copy, "ct")[0][0]
    with sqlite3.connect(copy / "kg-search.sqlite") as db:
        db.execute("DELETE FROM entity WHERE iri = ?", (dropped,))
    out = subprocess.run(
        [
            *kg_command,
            "query",
            "--store",
            str(copy),
            "--saved",
            "search_entities",
            "-p",
            "text=ct",
            "--all",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f",{dropped}," not in out.stdout and out.stdout.count("\n") > 1
