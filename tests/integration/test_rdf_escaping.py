"""Hostile strings in titles, abstracts, author names and URLs survive every RDF format.

A store is built through ``kg.pipeline.build`` (real Oxigraph store on disk) from a JSON Lines
file of papers whose fields hold markup, quotes, backslashes, line breaks, tabs, control
characters, emoji, bidi marks and combining characters; every export format must parse with
rdflib and with Oxigraph and give back the exact titles, and every IRI must be valid.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.assemble.rdf import extraction_quads
from kg.corpus import read_corpus
from kg.corpus.fields import clean_text
from kg.corpus.models import Paper, PaperDate, SourceRef
from kg.ids import paper_iri, paper_key
from kg.pipeline import build
from kg.statements import PaperExtraction
from kg.store import open_store, parse_rdf_file, to_nquads

# rdflib 7.x warns about its own Dataset/ConjunctiveGraph internals while parsing.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

HOSTILE_TITLES = [
    "Angle <brackets> & \"double\" 'single' quotes",
    "Back\\slash \\n not a newline \\u0041 \\\\ double",
    "Line\nbreak\r\nand\ttab  and   spaces",
    "Control\x00 NUL\x07 BEL\x1b ESC\x7f DEL \x85 NEL chars",
    "Emoji 🩺🤖 and ZWJ 👩\u200d⚕️ sequence",
    "RTL \u200f mark \u202e override \u05e9\u05dc\u05d5\u05dd \u0627\u0644\u0637\u0628",
    "Combining e\u0301 a\u0308 n\u0303 and NFC é",
    "Triple quotes \"\"\" and ''' in Turtle",
    "<http://not.an/iri> _:bnode @en ^^xsd:string . ; ,",
    '{"json": ["in", "title"]} @context @id',
    "Lone surrogate \ud800 from JSON",
    "BOM \ufeff inside and noncharacter \uffff",
]


def _paper_rows() -> list[dict[str, object]]:
    rows = []
    for i, title in enumerate(HOSTILE_TITLES):
        rows.append(
            {
                "id": f'hostile-{i} "quoted" <id>',
                "title": title,
                "abstract": (
                    f"We evaluate U-Net on MIMIC-CXR. {title}\n\tSecond line with \\ and "
                    '". '
                    'Code at https://github.com/org/repo"><script> and '
                    "https://github.com/a b/c d."
                ),
                "authors": ['O\'Brien "Bob" <b@x>', "Mü\u0301ller\\Jr", "\u202eevil"],
                "url": f'https://example.org/paper {i}?q="x"&y=<z>\\',
                "code_url": ["https://github.com/org/has space", "javascript:alert(1)"],
                "date": "2024-05-01",
                "upvotes": i,
            }
        )
    return rows


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile")
    source = root / "hostile.jsonl"
    # ensure_ascii keeps the lone surrogate encodable (as a JSON \\ud800 escape).
    source.write_text("".join(json.dumps(r) + "\n" for r in _paper_rows()), encoding="utf-8")
    store = root / "store"
    report = build([source], store)
    assert report.papers == len(HOSTILE_TITLES)
    expected = {str(paper_iri(p.key)): p.title for p in read_corpus([source]).papers}
    return store, expected


FORMATS = {
    "nquads": ("nquads", Dataset),
    "trig": ("trig", Dataset),
    "turtle": ("turtle", Graph),
    "ntriples": ("nt", Graph),
    "jsonld": ("json-ld", Graph),
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_export_parses_with_rdflib_and_oxigraph_and_keeps_titles(
    hostile_store: tuple[Path, dict[str, str]], tmp_path: Path, fmt: str
) -> None:
    store_path, expected = hostile_store
    out = tmp_path / f"dump.{fmt}"
    store = open_store(store_path)
    store.export(out, fmt)
    quads = store.quad_count()

    assert parse_rdf_file(out, fmt)["quads"] > 0  # Oxigraph's parser

    rdflib_format, kind = FORMATS[fmt]
    graph = kind()
    graph.parse(out, format=rdflib_format)
    if kind is Dataset:
        assert len(graph) == quads
    if isinstance(graph, Dataset):
        found = [(s, o) for s, _, o, _ in graph.quads((None, DCTERMS.title, None, None))]
    else:
        found = [(s, o) for s, _, o in graph.triples((None, DCTERMS.title, None))]
    titles = {str(s): str(o) for s, o in found}
    assert len(titles) == len(found)  # one title per paper
    for iri, title in expected.items():
        assert titles[iri] == title, (fmt, iri)


def test_titles_as_stored_are_the_input_titles_cleaned(
    hostile_store: tuple[Path, dict[str, str]],
) -> None:
    store_path, expected = hostile_store
    rows = (
        open_store(store_path)
        .query("SELECT ?p ?t WHERE { ?p a mkg:Paper ; dcterms:title ?t }")
        .rows()
    )
    got = {r["p"]: r["t"] for r in rows}
    assert got == expected
    for raw in HOSTILE_TITLES:
        cleaned = clean_text(raw)
        assert cleaned in got.values()
        # What is dropped: whitespace runs collapse, control characters go, lone surrogates
        # become U+FFFD; markup, quotes, backslashes, emoji, bidi and combining marks stay.
        for keep in ("<brackets>", '"double"', "\\slash", "🩺", "\u200f", "e\u0301", '"""'):
            if keep in raw:
                assert keep in cleaned


_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def test_every_iri_in_the_store_is_valid(hostile_store: tuple[Path, dict[str, str]]) -> None:
    store_path, _ = hostile_store
    rows = (
        open_store(store_path)
        .query(
            "SELECT DISTINCT ?i WHERE { { ?i ?p ?o } UNION { ?s ?i ?o } UNION { ?s ?p ?i } "
            "UNION { GRAPH ?i { ?s ?p ?o } } FILTER(isIRI(?i)) }"
        )
        .rows()
    )
    iris = [r["i"] or "" for r in rows]
    assert iris
    bad = [i for i in iris if _BAD_IRI.search(i) or not re.match(r"^[a-z][a-z0-9+.-]*:", i)]
    assert bad == []
    # The hostile URL became a percent-encoded IRI; the javascript: one was dropped.
    assert "https://example.org/paper%200?q=%22x%22&y=%3Cz%3E%5C" in iris
    assert not any(i.startswith("javascript:") for i in iris)


# --- any title or abstract through the assembler ------------------------------------------


def _encodable(text: str) -> str:
    """What a string becomes in RDF: lone surrogates (not encodable) turn into U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


_ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(
            ("<", ">", '"', "\\", "\n", "\r", "\t", "\x00", "\u200f", "🩺", "\u0301", "\ud800")
        ),
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_ANY_TEXT, abstract=_ANY_TEXT, author=_ANY_TEXT, url_tail=_ANY_TEXT)
def test_any_text_gives_nquads_that_parse_and_round_trip(
    title: str, abstract: str, author: str, url_tail: str
) -> None:
    key = paper_key(title)
    paper = Paper(
        key=key,
        title=title,
        abstract=abstract,
        date=PaperDate(None, 1, 12),
        authors=(author,),
        author_count=1,
        url="https://example.org/" + url_tail,
        code_urls=("https://github.com/" + url_tail,),
        source_id=author,
        sources=(SourceRef(f"dir/{url_tail}.jsonl", line=1),),
    )
    quads = list(extraction_quads(paper, PaperExtraction(key, (), ())))
    # The assembler writes N-Quads lines itself; rdflib-term quads go through to_nquads.
    text = "".join(q if isinstance(q, str) else "".join(to_nquads([q])) for q in quads)
    text.encode("utf-8")  # writable as UTF-8 whatever the input held
    # N-Quads allows no raw CR in a literal or IRI (rdflib's parser would still read one)
    assert "\r" not in text
    dataset = Dataset()
    dataset.parse(data=text, format="nquads")
    titles = [str(o) for _, _, o, _ in dataset.quads((paper_iri(key), DCTERMS.title, None, None))]
    assert titles == [_encodable(title)]
    abstracts = [
        str(o) for _, _, o, _ in dataset.quads((paper_iri(key), DCTERMS.abstract, None, None))
    ]
    assert abstracts == [_encodable(abstract)]
    creators = {o for _, _, o, _ in dataset.quads((None, DCTERMS.creator, None, None))}
    assert creators == {Literal(_encodable(author))}
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        for term in (s, p, o):
            if isinstance(term, URIRef):
                assert not _BAD_IRI.search(str(term)), term
    # And Oxigraph reads the same lines.
    from kg.store import KnowledgeStore

    memory = KnowledgeStore(None)
    memory.load_nquads([text])
    assert memory.quad_count() == len(dataset)


@pytest.mark.parametrize(
    "text", ["carriage\rreturn", "line\nfeed", "both\r\n", 'a "quote"', "back\\slash"]
)
def test_nquads_writers_escape_line_breaks_and_quotes(text: str) -> None:
    """Each N-Quads writer keeps a quad on one line, whatever its literal holds."""
    from kg.assemble.nquads import lit, typed

    lines = [
        f"<urn:s> <urn:p> {lit(text)} <urn:g> .\n",
        f"<urn:s> <urn:p> {typed(text, 'http://www.w3.org/2001/XMLSchema#string')} <urn:g> .\n",
        *to_nquads([(URIRef("urn:s"), URIRef("urn:p"), Literal(text), URIRef("urn:g"))]),
    ]
    for line in lines:
        assert "\r" not in line and line.count("\n") == 1 and line.endswith("\n"), repr(line)
        dataset = Dataset()
        dataset.parse(data=line, format="nquads")
        assert [str(o) for _, _, o, _ in dataset.quads()] == [text]
