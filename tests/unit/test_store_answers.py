"""The pure parts of the saved queries' index answers (:mod:`kg.store.answers`)."""

from __future__ import annotations

from kg.store.answers import body_digest, fill_values, values_block
from kg.store.browse_index import ancestors


def test_ancestors_close_the_hierarchy_and_include_the_node() -> None:
    closed = ancestors([(1, 2), (2, 3), (4, 3), (5, 4), (5, 2)])
    assert closed[1] == {1, 2, 3}
    assert closed[5] == {5, 4, 3, 2}
    assert closed[3] == {3}  # the top is its own ancestor: skos:broader* has length zero too


def test_ancestors_survive_a_cycle() -> None:
    assert ancestors([(1, 2), (2, 1)]) == {1: {1, 2}, 2: {1, 2}}


def test_values_block_writes_iris_and_integers() -> None:
    block = values_block(["task", "papers"], [("https://x.org/t/a", 3), ("https://x.org/t/b", 0)])
    assert block.splitlines() == [
        "VALUES (?task ?papers) {",
        "    (<https://x.org/t/a> 3)",
        "    (<https://x.org/t/b> 0)",
        "  }",
    ]


def test_values_block_of_no_keys_matches_nothing() -> None:
    assert values_block(["a"], []).split() == ["VALUES", "(?a)", "{", "}"]


def test_body_digest_ignores_comments_and_blank_lines_only() -> None:
    query = "#+ summary: x\nSELECT ?a WHERE { ?a ?b ?c }\n"
    assert body_digest(query) == body_digest("# another comment\n\n" + query.replace("x", "y"))
    assert body_digest(query) != body_digest(query.replace("?c", "?d"))


def test_fill_values_writes_the_keys_and_their_distinct_projections() -> None:
    keys = [("http://x/p1", "http://x/m1", 2), ("http://x/p1", "http://x/m2", 1)]
    text = fill_values("A {values} B {values:paper} C", ["paper", "model", "papers"], keys)
    first, rest = text.split(" B ")
    assert first.startswith("A VALUES (?paper ?model ?papers)")
    assert first.count("(<http://x/p1> <http://x/m") == 2
    # the projection on ?paper: one row, though two keys hold it
    assert rest.split() == ["VALUES", "(?paper)", "{", "(<http://x/p1>)", "}", "C"]
