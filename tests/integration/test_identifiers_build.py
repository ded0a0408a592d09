"""A PubMed export and an arXiv feed of one paper, built into a real store (issue 19).

The two records share a DOI but not a title: the graph holds one paper with every identifier,
as literals and as resolvable IRIs, which SHACL accepts, a saved query finds by DOI and the
paper's page links to.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from endpoint_server import EndpointServer
from rdflib import Graph

from kg.corpus.identifiers import resolver_url
from kg.ids import identifier_key, paper_iri
from kg.pipeline import BuildReport, build
from kg.queries import bind_params, load_queries
from kg.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
ROOT = Path(__file__).resolve().parents[2]
DOI = "10.1038/s41591-024-00001-x"
PAPER = paper_iri(identifier_key(f"doi:{DOI}"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    store = tmp_path_factory.mktemp("identifiers") / "store"
    report = build(
        [FIXTURES / "pubmed_identifiers.xml", FIXTURES / "arxiv_identifiers.atom"], store
    )
    return store, report


def test_identifiers_build_counts_records_read_and_skipped(built: tuple[Path, BuildReport]) -> None:
    _, report = built
    assert (report.papers, report.records_read, report.records_skipped) == (3, 6, 1)


def test_identifiers_one_paper_per_doi_with_every_identifier(
    built: tuple[Path, BuildReport],
) -> None:
    store = open_store(built[0])
    rows = list(
        store.query(f"""
        SELECT ?p (COUNT(DISTINCT ?title) AS ?titles) WHERE {{
          ?p mkg:doi "{DOI}" ; dcterms:title ?title }} GROUP BY ?p""").rows()
    )
    assert rows == [{"p": str(PAPER), "titles": "1"}]
    values = {
        (r["p"], r["o"]) for r in store.query(f"SELECT ?p ?o WHERE {{ <{PAPER}> ?p ?o }}").rows()
    }
    mkg = "https://w3id.org/medkg/ontology#"
    for prop, value in [
        ("doi", DOI),
        ("pmid", "39000001"),
        ("pmcid", "PMC11000001"),
        ("arxivId", "2309.01234"),
        ("arxivVersionId", "2309.01234v3"),
        ("journalRef", "Nat. Med. 30, 1001-1010 (2024)"),
    ]:
        assert (mkg + prop, value) in values
    for identifier in (f"doi:{DOI}", "pmid:39000001", "pmcid:PMC11000001", "arxiv:2309.01234"):
        assert ("https://schema.org/sameAs", resolver_url(identifier)) in values


def test_identifiers_conform_to_shapes(built: tuple[Path, BuildReport]) -> None:
    from kg.validate import validate_graph

    data = (
        open_store(built[0])
        .query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        .serialize("ntriples")
    )
    report = validate_graph(Graph().parse(data=data, format="nt"))
    assert report.conforms, report.to_text(limit=10)


def test_identifiers_saved_query_finds_a_paper_by_doi(built: tuple[Path, BuildReport]) -> None:
    queries = load_queries(ROOT / "queries")
    query, by_doi = queries["papers_by_identifier"], queries["paper_by_doi"]
    store = open_store(built[0])
    everything = list(store.query(query.sparql, bindings=bind_params(query, {})).rows())
    assert len(everything) == 3  # PubMed x2 (one merged with arXiv) and the arXiv-only paper
    one = list(
        store.query(by_doi.sparql, bindings=bind_params(by_doi, {"doi": DOI.upper()})).rows()
    )
    assert [(r["paper"], r["pmid"], r["arxivId"]) for r in one] == [
        (str(PAPER), "39000001", "2309.01234")
    ]
    assert f"https://doi.org/{DOI}" in (one[0]["resolvers"] or "").split()


def test_identifiers_on_the_paper_page(built: tuple[Path, BuildReport]) -> None:
    slug = str(PAPER).rsplit("/", 1)[1]
    with EndpointServer(built[0]) as server:
        html = httpx.get(
            f"{server.url}/resource/paper/{slug}", headers={"Accept": "text/html"}, timeout=30
        ).text
    assert '<table id="identifiers">' in html
    assert f'<a href="https://doi.org/{DOI}" rel="external">{DOI}</a>' in html
    assert (
        '<a href="https://pmc.ncbi.nlm.nih.gov/articles/PMC11000001/" rel="external">'
        "PMC11000001</a>" in html
    )


def test_pubmed_markup_statistics_and_labels_are_not_entities(
    built: tuple[Path, BuildReport],
) -> None:
    """The structured, marked-up abstracts of the PubMed fixture name two models, no more."""
    store = open_store(built[0])
    rows = store.query("""
        SELECT DISTINCT ?label WHERE {
          ?p mkg:pmid ?pmid ; ?link ?e . ?e a ?type ; rdfs:label ?label .
          VALUES ?type { mkg:Model mkg:Dataset } }""").rows()
    assert sorted(r["label"] or "" for r in rows) == ["PancNet", "VentNet"]
    # no mention at all (asserted or not) of a label, statistic, unit or isotope
    texts = {
        r["t"]
        for r in store.query(
            """
        SELECT DISTINCT ?t WHERE { ?m mkg:paper/mkg:pmid ?pmid ; mkg:matchedText ?t ;
                                      mkg:entity/a ?type . """
            "VALUES ?type { mkg:Model mkg:Dataset } }"
        ).rows()
    }
    assert texts == {"PancNet", "VentNet"}


def test_mention_offsets_point_into_the_stored_abstract(built: tuple[Path, BuildReport]) -> None:
    rows = list(
        open_store(built[0])
        .query("""
        SELECT ?abstract ?start ?end ?t WHERE {
          ?m mkg:paper ?p ; mkg:section "abstract" ; mkg:startOffset ?start ; mkg:endOffset ?end ;
             mkg:matchedText ?t . ?p dcterms:abstract ?abstract }""")
        .rows()
    )
    assert rows
    for r in rows:
        assert (r["abstract"] or "")[int(r["start"] or 0) : int(r["end"] or 0)] == r["t"]
