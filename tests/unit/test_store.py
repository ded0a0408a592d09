"""The store on disk: atomic builds, locking, queries over the union graph, exports."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.store import QueryError, StoreError, build_session, open_store, to_nquads

G1 = URIRef("https://w3id.org/medkg/graph/paper/a")
G2 = URIRef("https://w3id.org/medkg/graph/paper/b")
S = URIRef("https://w3id.org/medkg/resource/paper/a")
P = URIRef("http://purl.org/dc/terms/title")


def _quads(n: int, graph: URIRef = G1) -> list:
    return [(URIRef(f"{S}{i}"), P, Literal(f't"{i}\n\\ {graph[-1]}'), graph) for i in range(n)]


def test_store_query_sees_union_of_named_graphs(tmp_path: Path) -> None:
    with build_session(tmp_path / "s") as store:
        store.load_quads([*_quads(2, G1), (S, P, Literal("x"), G2)])
    store = open_store(tmp_path / "s", read_only=True)
    rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows())
    assert rows == [{"n": "3"}]
    assert store.graph_count() == 2


@pytest.mark.parametrize("chunk_bytes", [0, 1, 97, 1 << 20])
def test_store_bulk_loads_a_file_in_blocks_cut_at_line_ends(
    tmp_path: Path, chunk_bytes: int
) -> None:
    # multi-byte characters and escapes across block boundaries; blocks smaller than a line
    quads = [
        (
            URIRef(f"{S}{i}"),
            P,
            Literal(f'café — naïve {i} \\" {"x" * (i % 7)}'),
            G1 if i % 2 else G2,
        )
        for i in range(120)
    ]
    source = tmp_path / "shard.nq"
    # no line end after the last quad: the tail must be loaded too
    source.write_text("".join(to_nquads(quads)).rstrip("\n"), encoding="utf-8")
    with build_session(tmp_path / "s") as store:
        store.load_nquads_file(source, bulk=True, chunk_bytes=chunk_bytes, generated=True)
    rows = list(
        open_store(tmp_path / "s").query("SELECT ?s ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows()
    )
    assert sorted((r["s"], r["o"], r["g"]) for r in rows) == sorted(
        (str(s_), str(o_), str(g_)) for s_, _, o_, g_ in quads
    )


def test_store_literals_with_quotes_and_newlines_round_trip(tmp_path: Path) -> None:
    with build_session(tmp_path / "s") as store:
        store.load_quads(_quads(1))
    rows = list(open_store(tmp_path / "s").query("SELECT ?o WHERE { ?s ?p ?o }").rows())
    assert rows[0]["o"] == 't"0\n\\ a'


def test_store_failed_build_leaves_previous_store_intact(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with build_session(path) as store:
        store.load_quads(_quads(3))
    with pytest.raises(RuntimeError), build_session(path) as store:
        store.clear_graphs([str(G1)])
        store.load_quads(_quads(10, G2))
        raise RuntimeError("boom")
    assert open_store(path).quad_count() == 3
    assert not list(tmp_path.glob("s.building-*"))


def test_store_update_keeps_other_graphs(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with build_session(path) as store:
        store.load_quads(_quads(3, G1) + _quads(2, G2))
    with build_session(path) as store:
        store.clear_graphs([str(G2)])
        store.load_quads(_quads(4, G2))
    assert open_store(path).quad_count() == 3 + 4


def _hold_lock(path: str, ready, release) -> None:  # type: ignore[no-untyped-def]
    with build_session(Path(path)):
        ready.set()
        release.wait(10)


def test_store_second_concurrent_build_is_refused(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(tmp_path / "s"), ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(StoreError, match="another build"):
            with build_session(tmp_path / "s"):
                pass
    finally:
        release.set()
        holder.join(30)


def test_store_malformed_query_reports_position(tmp_path: Path) -> None:
    with build_session(tmp_path / "s") as store:
        store.load_quads(_quads(1))
    with pytest.raises(QueryError, match=r"1:\d+"):
        open_store(tmp_path / "s").query("SELECT * WHERE { ?s ?p }")


def test_store_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "nothing")


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "ntriples", "jsonld"])
def test_store_export_parses_with_rdflib_and_holds_every_triple(tmp_path: Path, fmt: str) -> None:
    with build_session(tmp_path / "s") as store:
        store.load_quads(_quads(5, G1) + _quads(2, G2))
    out = tmp_path / f"dump.{fmt}"
    open_store(tmp_path / "s").export(out, fmt)
    rdflib_format = {
        "nquads": "nquads",
        "trig": "trig",
        "turtle": "turtle",
        "ntriples": "nt",
        "jsonld": "json-ld",
    }[fmt]
    ds = Dataset()
    ds.parse(out, format=rdflib_format)
    assert len(list(ds.quads((None, None, None, None)))) == 7


def test_store_to_nquads_escapes() -> None:
    line = next(to_nquads([(S, P, Literal('a"b\\c\r\n'), G1)]))
    assert line == f'<{S}> <{P}> "a\\"b\\\\c\\r\\n" <{G1}> .\n'
