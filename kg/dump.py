"""Release dumps: a folder other triple stores and rdflib can load (``kg dump``; issue 5).

:func:`write_release` writes, from a built store:

* ``medkg.nq.gz``: every quad with its named graph, as sorted N-Quads;
* ``medkg.ttl.gz``: the union graph as Turtle, written from the sorted N-Triples;
* ``void.ttl``: a VoID + DCAT description (counts, class and property partitions, license,
  sources, medkg version, dev-set scores as DQV measurements, the build's date);
* ``CHANGELOG.md``: papers and entities added or removed since a previous release folder;
* ``SHA256SUMS``: checksums of the other files, in ``sha256sum -c`` format.

Everything is a function of the store's content (and of the dev-set scores, which are a
function of the code): the gzip headers carry no time or file name, lines are sorted, blank
nodes get labels computed from their content (the ontology's OWL lists get fresh random labels
on every load), and the dates written are the build's (``read_build_info``), never the dump's.
So two dumps of one store, or of two builds of the same input, are byte-identical.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, XSD

from kg import __version__
from kg.entity_types import TYPES
from kg.store import (
    KnowledgeStore,
    count_by,
    iter_quad_strings,
    open_store,
    read_build_info,
    reserialize,
)
from kg.vocab import (
    DAILY_PAPERS,
    DEFAULT_LICENSE,
    DEV_SET_PAPERS,
    DQV,
    MEDIA_TYPES,
    PAPER_COUNT,
    PREFIXES,
    QUAD_COUNT,
    RELEASE_DATASET,
    SPDX,
    VANN,
    VOID,
)

#: The dataset described by ``void.ttl``, and the base of its partitions and measurements.
DATASET_IRI = str(RELEASE_DATASET)

NQUADS_NAME = "medkg.nq.gz"
TURTLE_NAME = "medkg.ttl.gz"
VOID_NAME = "void.ttl"
CHANGELOG_NAME = "CHANGELOG.md"
CHECKSUMS_NAME = "SHA256SUMS"

_MKG = PREFIXES["mkg"]

#: Entity classes listed in the changelog, in this order, with their headings.
CHANGELOG_TYPES: tuple[tuple[str, str], ...] = (
    ("Paper", "Papers"),
    *((t.cls[len(_MKG) :], t.plural.capitalize()) for t in TYPES),
)


@dataclass(frozen=True)
class ReleaseSummary:
    """What :func:`write_release` wrote.

    Attributes:
        out_dir: the release folder.
        files: ``(file name, sha256 hex)`` of every file, as in ``SHA256SUMS``.
        quads: quads in ``medkg.nq.gz``.
        triples: distinct triples in ``medkg.ttl.gz`` (the union graph).
        built: the build's date written as ``dcterms:created``.
        added: per changelog heading, how many were added since ``previous`` (empty without).
        removed: per changelog heading, how many were removed since ``previous``.
    """

    out_dir: Path
    files: tuple[tuple[str, str], ...]
    quads: int
    triples: int
    built: str
    added: Mapping[str, int] = field(default_factory=dict)
    removed: Mapping[str, int] = field(default_factory=dict)


# --- deterministic quads ----------------------------------------------------------------------


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_bnode_labels(quads: Sequence[tuple[str, str, str, str | None]]) -> dict[str, str]:
    """Content-derived labels for the blank nodes of ``quads`` (N-Triples term strings).

    A blank node's label hashes what hangs below it (its outgoing quads, blank objects expanded
    recursively) and where it hangs (the subject and predicate of the quads pointing at it).
    That tells apart the tree-shaped blank nodes of OWL/RDF lists and ``[]`` descriptions;
    blank nodes left with equal hashes are interchangeable, so any order of the remaining tie
    gives the same sorted dump.

    >>> one = [("<http://a>", "<http://p>", "_:x1", None), ("_:x1", "<http://q>", '"v"', None)]
    >>> two = [("<http://a>", "<http://p>", "_:zz", None), ("_:zz", "<http://q>", '"v"', None)]
    >>> canonical_bnode_labels(one)["_:x1"] == canonical_bnode_labels(two)["_:zz"]
    True
    """
    outgoing: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    incoming: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for s, p, o, g in quads:
        if s.startswith("_:"):
            outgoing[s].append((p, o, g))
        if o.startswith("_:"):
            incoming[o].append((s, p, g))
    if not outgoing and not incoming:
        return {}

    down: dict[str, str] = {}

    def below(node: str, path: frozenset[str]) -> str:
        if node in down:
            return down[node]
        if node in path:  # a cycle: stop expanding
            return "cycle"
        parts = sorted(
            f"{p} {below(o, path | {node}) if o.startswith('_:') else o} {g or ''}"
            for p, o, g in outgoing.get(node, ())
        )
        down[node] = _digest("\n".join(parts))
        return down[node]

    nodes = sorted(set(outgoing) | set(incoming))
    hashes: dict[str, str] = {}
    for node in nodes:
        above = sorted(
            f"{below(s, frozenset()) if s.startswith('_:') else s} {p} {g or ''}"
            for s, p, g in incoming.get(node, ())
        )
        hashes[node] = _digest(below(node, frozenset()) + "|" + "\n".join(above))[:24]
    labels: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for node in sorted(nodes, key=lambda n: hashes[n]):
        h = hashes[node]
        labels[node] = f"_:b{h}" + (f"_{seen[h]}" if seen[h] else "")
        seen[h] += 1
    return labels


def canonical_quads(store: KnowledgeStore) -> list[tuple[str, str, str, str | None]]:
    """The store's quads (N-Triples term strings), sorted and distinct, with canonical blank
    nodes."""
    quads = list(iter_quad_strings(store))
    labels = canonical_bnode_labels(quads)
    if labels:
        quads = [
            (labels.get(s, s), p, labels.get(o, o), labels.get(g, g) if g else g)
            for s, p, o, g in quads
        ]
    return sorted(set(quads), key=lambda q: (q[0], q[1], q[2], q[3] or ""))


def nquads_lines(quads: Iterable[tuple[str, str, str, str | None]]) -> list[str]:
    """Sorted N-Quads lines of the quads."""
    return sorted({f"{s} {p} {o} {g} .\n" if g else f"{s} {p} {o} .\n" for s, p, o, g in quads})


def ntriples_lines(quads: Iterable[tuple[str, str, str, str | None]]) -> list[str]:
    """Sorted distinct N-Triples lines of the union graph of the quads."""
    return sorted({f"{s} {p} {o} .\n" for s, p, o, _ in quads})


def sorted_prefixes(turtle: bytes) -> bytes:
    """Put the leading ``@prefix`` lines of a Turtle document in sorted order.

    The body does not depend on their order; sorting them makes the bytes independent of how
    the writer orders its prefix table.
    """
    lines = turtle.splitlines(keepends=True)
    head = [line for line in lines if line.startswith(b"@prefix ")]
    body = lines[len(head) :]
    if any(line.startswith(b"@prefix ") for line in body):  # not only leading: leave it alone
        return turtle
    return b"".join(sorted(head) + body)


def _gzip_bytes(data: bytes) -> bytes:
    """Gzip with no file name and mtime 0 in the header: equal input, equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buffer.getvalue()


# --- VoID / DCAT description ------------------------------------------------------------------


def _slug(iri: str) -> str:
    for prefix, ns in sorted({**PREFIXES, "vann": str(VANN)}.items()):
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z0-9_]+", iri[len(ns) :]):
            return f"{prefix}-{iri[len(ns) :]}"
    return hashlib.sha256(iri.encode()).hexdigest()[:12]


def describe_release(
    store: KnowledgeStore,
    info: Mapping[str, Any],
    *,
    quads: int,
    triples: int,
    files: Mapping[str, bytes],
    dev_scores: Mapping[str, Any] | None,
) -> Graph:
    """The VoID + DCAT (+ DQV) graph of a release."""
    g = Graph()
    ds = URIRef(DATASET_IRI)
    base = DATASET_IRI + "#"
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add(
        (ds, DCTERMS.title, Literal("medkg: a knowledge graph of AI-in-medicine papers", lang="en"))
    )
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Datasets, models, data modalities, tasks, metrics and numeric results that papers "
                "on AI for medicine introduce or use, extracted from their titles and abstracts, "
                "with the evidence (mkg:Mention) behind every link.",
                lang="en",
            ),
        )
    )
    built = str(info.get("built", ""))
    if built:
        kind = XSD.dateTime if "T" in built else XSD.date
        g.add((ds, DCTERMS.created, Literal(built, datatype=kind)))
        g.add((ds, DCTERMS.modified, Literal(built, datatype=kind)))
    version = str(info.get("medkg_version") or __version__)
    g.add((ds, DCTERMS.hasVersion, Literal(version)))
    g.add((ds, URIRef(str(DCAT) + "version"), Literal(version)))  # DCAT 3 term
    if info.get("content_digest"):
        g.add((ds, DCTERMS.identifier, Literal(f"sha256:{info['content_digest']}")))
    g.add((ds, VOID.vocabulary, URIRef(_MKG)))
    g.add((ds, VOID.uriSpace, Literal(PREFIXES["res"])))

    license_rows = list(
        store.query(
            "SELECT DISTINCT ?l WHERE { ?o a owl:Ontology ; dcterms:license ?l } ORDER BY ?l"
        ).rows()
    )
    for row in license_rows or [{"l": str(DEFAULT_LICENSE)}]:
        g.add((ds, DCTERMS.license, URIRef(row["l"] or "")))
    # The corpus: the input files the papers were read from, and where listings come from.
    g.add((ds, DCTERMS.source, DAILY_PAPERS))
    for row in store.query(
        "SELECT DISTINCT ?f WHERE { ?p a mkg:Paper ; mkg:sourceFile ?f } ORDER BY ?f"
    ).rows():
        g.add((ds, DCTERMS.source, Literal(row["f"] or "")))

    # Counts. void:triples counts distinct triples of the union graph.
    g.add((ds, VOID.triples, Literal(triples, datatype=XSD.integer)))
    g.add((ds, QUAD_COUNT, Literal(quads, datatype=XSD.integer)))
    classes = count_by(store, "class")
    properties = count_by(store, "property")
    g.add((ds, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(len(properties), datatype=XSD.integer)))
    papers = sum(n for c, n in classes if c == _MKG + "Paper")
    g.add((ds, PAPER_COUNT, Literal(papers, datatype=XSD.integer)))
    counts = next(
        store.query(
            "SELECT (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?o) AS ?o_) WHERE { ?s ?p ?o }"
        ).rows()
    )
    g.add((ds, VOID.distinctSubjects, Literal(int(counts["s_"] or 0), datatype=XSD.integer)))
    g.add((ds, VOID.distinctObjects, Literal(int(counts["o_"] or 0), datatype=XSD.integer)))
    for cls, n in classes:
        part = URIRef(f"{base}class-{_slug(cls)}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in properties:
        part = URIRef(f"{base}property-{_slug(prop)}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))

    # Distributions: the dump files, with their sizes and checksums.
    media = {NQUADS_NAME: "application/n-quads", TURTLE_NAME: "text/turtle"}
    for name, data in sorted(files.items()):
        dist = URIRef(f"{base}distribution-{name}")
        g.add((ds, DCAT.distribution, dist))
        g.add((ds, VOID.dataDump, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(name)))
        g.add((dist, DCAT.mediaType, MEDIA_TYPES[media[name]]))
        g.add((dist, DCAT.compressFormat, MEDIA_TYPES["application/gzip"]))
        g.add((dist, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        g.add((dist, SPDX.checksum, Literal(f"sha256:{hashlib.sha256(data).hexdigest()}")))

    if dev_scores:
        _add_scores(g, ds, dev_scores)
    return g


def _add_scores(g: Graph, ds: URIRef, scores: Mapping[str, Any]) -> None:
    """Dev-set scores as DQV quality measurements (one metric IRI per type and measure)."""
    base = DATASET_IRI + "#"
    gold = str(scores.get("gold", "tests/data/dev_gold.jsonl"))
    values: list[tuple[str, float | int, str]] = []
    for etype, prf in sorted(dict(scores.get("types", {})).items()):
        for measure in ("precision", "recall", "f1"):
            values.append(
                (
                    f"{etype}-{measure}",
                    prf[measure],
                    f"{measure} of {etype} extraction on the dev set",
                )
            )
    micro = scores.get("micro") or {}
    for measure in ("precision", "recall", "f1"):
        if measure in micro:
            values.append((f"micro-{measure}", micro[measure], f"micro-averaged {measure}"))
    for key, text in (
        ("macro_f1", "macro-averaged F1"),
        ("role_accuracy", "introduces/uses role accuracy"),
    ):
        if key in scores:
            values.append((key.replace("_", "-"), scores[key], text))
    results = scores.get("results") or {}
    for measure in ("precision", "recall"):
        if measure in results:
            values.append(
                (f"results-{measure}", results[measure], f"{measure} of extracted results")
            )
    for band in scores.get("confidence_bands", ()):
        values.append(
            (
                f"band-{band['low']:.1f}-{band['high']:.2f}-precision",
                band["precision"],
                f"precision of predictions with confidence in [{band['low']}, {band['high']})",
            )
        )
    for name, value, text in values:
        metric = URIRef(f"{base}metric-{name}")
        m = URIRef(f"{base}measurement-{name}")
        g.add((ds, DQV.hasQualityMeasurement, m))
        g.add((m, RDF.type, DQV.QualityMeasurement))
        g.add((m, DQV.isMeasurementOf, metric))
        g.add((m, DQV.computedOn, ds))
        g.add((m, DQV.value, Literal(str(round(float(value), 4)), datatype=XSD.decimal)))
        g.add((metric, RDF.type, DQV.Metric))
        g.add((metric, RDFS.label, Literal(text, lang="en")))
        g.add((metric, DCTERMS.source, Literal(gold)))
    if "papers" in scores:
        g.add((ds, DEV_SET_PAPERS, Literal(int(scores["papers"]), datatype=XSD.integer)))


def _turtle(graph: Graph, prefixes: Mapping[str, str]) -> bytes:
    """Deterministic Turtle: rdflib's N-Triples, sorted, written by Oxigraph with prefixes."""
    nt = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(set(nt.decode("utf-8").splitlines(keepends=True)) - {"\n"})
    return sorted_prefixes(
        reserialize(
            "".join(lines).encode("utf-8"), source="ntriples", target="turtle", prefixes=prefixes
        )
    )


# --- changelog --------------------------------------------------------------------------------


_INVENTORY_QUERY = """
SELECT ?s ?type (SAMPLE(?name) AS ?label) WHERE {{
  VALUES ?type {{ {} }}
  ?s a ?type .
  OPTIONAL {{ ?s rdfs:label|dcterms:title ?name }}
}} GROUP BY ?s ?type
""".format(" ".join(f"mkg:{name}" for name, _ in CHANGELOG_TYPES))


def inventory(store: KnowledgeStore) -> dict[str, dict[str, str]]:
    """``{class local name: {IRI: label or title}}`` of papers and entities in the store."""
    found: dict[str, dict[str, str]] = {name: {} for name, _ in CHANGELOG_TYPES}
    for row in store.query(_INVENTORY_QUERY).rows():
        kind = (row["type"] or "")[len(_MKG) :]
        if kind in found:
            found[kind][row["s"] or ""] = row["label"] or ""
    return found


def read_release_inventory(release: Path) -> tuple[dict[str, dict[str, str]], str]:
    """The inventory and build date (or "") of a previous release folder's ``medkg.nq.gz``.

    Raises:
        FileNotFoundError: if the folder has no ``medkg.nq.gz``.
    """
    path = release / NQUADS_NAME
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = handle.readlines()
    previous = open_store(None)
    try:
        previous.load_nquads(lines, bulk=False)
        found = inventory(previous)
    finally:
        previous.close()
    built = ""
    void = release / VOID_NAME
    if void.is_file():
        g = Graph().parse(void, format="turtle")
        value = g.value(URIRef(DATASET_IRI), DCTERMS.created)
        built = str(value) if value is not None else ""
    return found, built


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]|<>])", r"\\\1", " ".join(text.split()))


def changelog(
    current: Mapping[str, Mapping[str, str]],
    previous: Mapping[str, Mapping[str, str]] | None,
    *,
    built: str,
    version: str,
    previous_built: str = "",
) -> tuple[str, dict[str, int], dict[str, int]]:
    """The Markdown changelog and the added/removed counts per heading."""
    lines = ["# medkg release changelog", ""]
    lines.append(f"This release: medkg {version}, built {built or 'at an unknown date'}.")
    added: dict[str, int] = {}
    removed: dict[str, int] = {}
    if previous is None:
        lines += [
            "",
            "No previous release was given: everything below is new.",
            "",
            "| type | count |",
            "|---|---:|",
        ]
        lines += [
            f"| {heading} | {len(current.get(kind, {}))} |" for kind, heading in CHANGELOG_TYPES
        ]
        return "\n".join(lines) + "\n", added, removed
    lines.append(
        f"Compared with the previous release built {previous_built or 'at an unknown date'}."
    )
    lines += [
        "",
        "| type | previous | this release | added | removed |",
        "|---|---:|---:|---:|---:|",
    ]
    sections: list[str] = []
    for kind, heading in CHANGELOG_TYPES:
        now, before = current.get(kind, {}), previous.get(kind, {})
        new = sorted(set(now) - set(before), key=lambda i: (now[i].lower(), i))
        gone = sorted(set(before) - set(now), key=lambda i: (before[i].lower(), i))
        added[heading], removed[heading] = len(new), len(gone)
        lines.append(f"| {heading} | {len(before)} | {len(now)} | {len(new)} | {len(gone)} |")
        if not new and not gone:
            continue
        sections += ["", f"## {heading}"]
        for title, iris, labels in (("Added", new, now), ("Removed", gone, before)):
            if iris:
                sections += ["", f"### {title} ({len(iris)})", ""]
                sections += [f"- {_md(labels[i]) or '(no label)'} — <{i}>" for i in iris]
    if not sections:
        sections = ["", "No paper or entity was added or removed."]
    return "\n".join(lines + sections) + "\n", added, removed


# --- the release ------------------------------------------------------------------------------


def write_release(
    store_path: Path,
    out_dir: Path,
    *,
    previous: Path | None = None,
    dev_scores: Mapping[str, Any] | None = None,
) -> ReleaseSummary:
    """Write a release folder for the store at ``store_path`` (see the module docstring).

    Args:
        store_path: a store built by ``kg build``.
        out_dir: the release folder (created; files of the same names are replaced).
        previous: an earlier release folder to list added/removed papers and entities against.
        dev_scores: ``kg.evaluate.EvalReport.to_dict()`` scores to describe in ``void.ttl``
            (``kg dump`` passes ``kg.evaluate.dev_set_scores()``); None leaves them out.

    Returns:
        What was written.

    Raises:
        kg.store.StoreError: if there is no store at ``store_path``.
        FileNotFoundError: if ``previous`` has no ``medkg.nq.gz``.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    info = read_build_info(store_path)
    store = open_store(store_path)
    try:
        quads = canonical_quads(store)
        quad_lines = nquads_lines(quads)
        triple_lines = ntriples_lines(quads)
        del quads
        nquads = _gzip_bytes("".join(quad_lines).encode("utf-8"))
        turtle_prefixes = {**PREFIXES}
        turtle = _gzip_bytes(
            sorted_prefixes(
                reserialize(
                    "".join(triple_lines).encode("utf-8"),
                    source="ntriples",
                    target="turtle",
                    prefixes=turtle_prefixes,
                )
            )
        )
        dumps = {NQUADS_NAME: nquads, TURTLE_NAME: turtle}
        void_graph = describe_release(
            store,
            info,
            quads=len(quad_lines),
            triples=len(triple_lines),
            files=dumps,
            dev_scores=dev_scores,
        )
        void = _turtle(
            void_graph,
            {
                **PREFIXES,
                "void": str(VOID),
                "dcat": str(DCAT),
                "dqv": str(DQV),
                "spdx": str(SPDX),
                "release": DATASET_IRI + "#",
            },
        )
        current = inventory(store)
    finally:
        store.close()

    before, previous_built = (
        read_release_inventory(previous) if previous is not None else (None, "")
    )
    log, added, removed = changelog(
        current,
        before,
        built=str(info.get("built", "")),
        version=str(info.get("medkg_version") or __version__),
        previous_built=previous_built,
    )

    contents = {**dumps, VOID_NAME: void, CHANGELOG_NAME: log.encode("utf-8")}
    for name, data in contents.items():
        _write_atomic(out_dir / name, data)
    sums = tuple(
        (name, hashlib.sha256(data).hexdigest()) for name, data in sorted(contents.items())
    )
    _write_atomic(out_dir / CHECKSUMS_NAME, "".join(f"{h}  {n}\n" for n, h in sums).encode("ascii"))
    return ReleaseSummary(
        out_dir=out_dir,
        files=sums,
        quads=len(quad_lines),
        triples=len(triple_lines),
        built=str(info.get("built", "")),
        added=added,
        removed=removed,
    )


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def verify_checksums(release: Path) -> list[str]:
    """Names of the files whose SHA-256 does not match ``SHA256SUMS`` (empty: all verify)."""
    bad: list[str] = []
    for line in (release / CHECKSUMS_NAME).read_text(encoding="ascii").splitlines():
        expected, _, name = line.partition("  ")
        path = release / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            bad.append(name)
    return bad


__all__ = [
    "DATASET_IRI",
    "ReleaseSummary",
    "canonical_bnode_labels",
    "canonical_quads",
    "changelog",
    "inventory",
    "verify_checksums",
    "write_release",
]
