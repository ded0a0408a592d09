"""The modality, task and metric vocabularies as plain frozen data.

The SKOS concept schemes in ``ontology/schemes/*.ttl`` are the source of truth. This module is
the only part of ``kg.nlp`` that reads them with rdflib; components receive the resulting
:class:`Vocabulary` (plain tuples and strings) and never import rdflib (STYLE.md rule 1).

>>> vocab = load_vocabulary()
>>> vocab.get("modality", "xray").pref_label
'X-ray'
>>> "CXR" in vocab.get("modality", "chestxray").alt_labels
True
>>> vocab.get("modality", "chestxray").broader
('xray',)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.entity_types import SCHEME_FILES
from kg.ids import normalize_key
from kg.paths import schemes_dir

DEFAULT_SCHEMES_DIR = schemes_dir()


@dataclass(frozen=True)
class Concept:
    """One SKOS concept of a medkg vocabulary.

    Args:
        key: normalised key of the preferred label (``kg.ids.normalize_key``); the last IRI segment.
        type: "modality", "task" or "metric".
        pref_label: the canonical label (``skos:prefLabel`` = ``rdfs:label``).
        alt_labels: synonyms and abbreviations (``skos:altLabel``), sorted.
        hidden_labels: spelling variants (``skos:hiddenLabel``), sorted.
        broader: keys of the directly broader concepts, sorted.
        iri: the concept IRI as a string.
    """

    key: str
    type: str
    pref_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    broader: tuple[str, ...]
    iri: str

    @property
    def labels(self) -> tuple[str, ...]:
        """All labels: preferred first, then alternative, then hidden ones."""
        return (self.pref_label, *self.alt_labels, *self.hidden_labels)


@dataclass(frozen=True)
class Vocabulary:
    """The concepts of all schemes, addressable by (type, key).

    Args:
        concepts: every concept, sorted by (type, key).
    """

    concepts: tuple[Concept, ...]

    def get(self, entity_type: str, key: str) -> Concept:
        """Return the concept of ``entity_type`` with key ``key``.

        Raises:
            KeyError: if there is no such concept.
        """
        for concept in self.concepts:
            if concept.type == entity_type and concept.key == key:
                return concept
        raise KeyError((entity_type, key))

    def of_type(self, entity_type: str) -> tuple[Concept, ...]:
        """Return the concepts of one type."""
        return tuple(c for c in self.concepts if c.type == entity_type)

    def ancestors(self, entity_type: str, key: str) -> frozenset[str]:
        """Return the keys of all concepts reachable by ``skos:broader`` (transitively).

        >>> sorted(load_vocabulary().ancestors("modality", "chestxray"))
        ['xray']
        """
        by_key = {c.key: c for c in self.of_type(entity_type)}
        seen: set[str] = set()
        todo = list(by_key[key].broader) if key in by_key else []
        while todo:
            k = todo.pop()
            if k not in seen and k in by_key:
                seen.add(k)
                todo.extend(by_key[k].broader)
        return frozenset(seen)

    def label_index(self, entity_type: str) -> dict[str, str]:
        """Map the normalised form of every label of a type to its concept key.

        >>> load_vocabulary().label_index("metric")["dsc"]
        'dice'
        """
        index: dict[str, str] = {}
        for concept in self.of_type(entity_type):
            for label in concept.labels:
                index.setdefault(normalize_key(label), concept.key)
        return index


def _key_of(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _read_scheme(path: Path, entity_type: str) -> list[Concept]:
    # rdflib is imported here so that importing kg.nlp stays cheap and components never see it.
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    graph = Graph()
    graph.parse(path, format="turtle")
    concepts: list[Concept] = []
    for subject in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        prefs = sorted(str(o) for o in graph.objects(subject, SKOS.prefLabel))
        if not prefs:
            continue
        concepts.append(
            Concept(
                key=_key_of(str(subject)),
                type=entity_type,
                pref_label=prefs[0],
                alt_labels=tuple(sorted(str(o) for o in graph.objects(subject, SKOS.altLabel))),
                hidden_labels=tuple(
                    sorted(str(o) for o in graph.objects(subject, SKOS.hiddenLabel))
                ),
                broader=tuple(
                    sorted(_key_of(str(o)) for o in graph.objects(subject, SKOS.broader))
                ),
                iri=str(subject),
            )
        )
    return concepts


@lru_cache(maxsize=8)
def load_vocabulary(schemes_dir: str | Path | None = None) -> Vocabulary:
    """Load the three concept schemes into a :class:`Vocabulary` (cached per directory).

    Args:
        schemes_dir: directory holding ``modalities.ttl``, ``tasks.ttl`` and ``metrics.ttl``;
            defaults to the project's ``ontology/schemes``.

    Returns:
        The vocabulary, with concepts sorted by (type, key).
    """
    directory = Path(schemes_dir) if schemes_dir else DEFAULT_SCHEMES_DIR
    concepts: list[Concept] = []
    for entity_type, file_name in SCHEME_FILES.items():
        concepts.extend(_read_scheme(directory / file_name, entity_type))
    concepts.sort(key=lambda c: (c.type, c.key))
    return Vocabulary(concepts=tuple(concepts))
