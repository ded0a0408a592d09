"""The store directory and everything in it; the only package that imports pyoxigraph.

One owner per file of the store directory:

* :mod:`kg.store.oxigraph`: the Oxigraph store (:class:`KnowledgeStore`): queries, loads,
  exports, and the pyoxigraph term and format helpers;
* :mod:`kg.store.directory`: opening for reading, the build lock, the working copy and its
  swap (:func:`build_session`), and :func:`generation` for readers that follow swaps;
* :mod:`kg.store.build_info`: ``kg-build.json``, what the last build recorded;
* :mod:`kg.store.statistics`, :mod:`kg.store.search` and :mod:`kg.store.browse_index`: what
  every build computes at its end for readers: the statistics graph, ``kg-search.sqlite`` (entity
  names) and ``kg-browse.sqlite`` (the browsing pages' links, dates and leaderboard rows);
* :mod:`kg.store.forms`: ``kg-forms.sqlite``, the surface forms of the stored datasets and
  models that entity resolution looks up;
* :mod:`kg.store.build_queries`: the SPARQL queries and graph updates a build runs on its copy.

The last two serve only ``kg build``; they and the statistics and index modules are imported
from their modules, everything else from here (``from kg.store import open_store``).
"""

from __future__ import annotations

from kg.store.build_info import BUILD_INFO_NAME, read_build_info
from kg.store.directory import Generation, build_session, generation, open_store
from kg.store.oxigraph import (
    QUAD_FORMATS,
    RDF_FORMATS,
    RESULT_FORMATS,
    KnowledgeStore,
    Quad,
    QueryError,
    QueryOutcome,
    StoreError,
    count_by,
    iter_quad_strings,
    parse_rdf_file,
    reserialize,
    results_to_python,
    serialize_triples,
    term_parts,
    to_nquads,
)

__all__ = [
    "BUILD_INFO_NAME",
    "QUAD_FORMATS",
    "RDF_FORMATS",
    "RESULT_FORMATS",
    "Generation",
    "KnowledgeStore",
    "Quad",
    "QueryError",
    "QueryOutcome",
    "StoreError",
    "build_session",
    "count_by",
    "generation",
    "iter_quad_strings",
    "open_store",
    "parse_rdf_file",
    "read_build_info",
    "reserialize",
    "results_to_python",
    "serialize_triples",
    "term_parts",
    "to_nquads",
]
