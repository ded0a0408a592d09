"""The curated table of well-known datasets and models (``ontology/known_entities.tsv``).

The table is general knowledge of the field (MIMIC-CXR, ImageNet, GPT-4, U-Net, ...), never a
list of evaluation answers. It gives a canonical name, aliases and, where certain, a Wikidata
QID, (datasets) the modalities the dataset holds and (single-purpose benchmarks) the task it
was built to evaluate. Extraction uses it to type a name (dataset or model), to merge alias
spellings onto one key ("Segment Anything Model" and "SAM" → ``sam``) and to assert the task a
paper performs by evaluating on such a benchmark (``kg_implied_tasks``); the build writes the
QID as ``skos:exactMatch`` and the modalities as ``mkg:holdsModality``
(``kg.assemble.entities.describe``).

>>> table = parse_known_entities(["type\\tname\\taliases\\twikidata\\tmodalities",
...                               "model\\tSAM\\tSegment Anything Model\\t\\t",
...                               "dataset\\tMIMIC-CXR\\t\\t\\tchestxray|radiologyreport"],
...                              modality_keys={"chestxray", "radiologyreport"})
>>> table.lookup("segment anything model").name
'SAM'
>>> table.lookup("MIMIC-CXR").modalities
('chestxray', 'radiologyreport')
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from kg.entity_types import OPEN_ENDED, SCHEME_FILES
from kg.ids import normalize_key, parse_entity_iri
from kg.paths import known_entities_path, schemes_dir

KnownType = Literal["dataset", "model"]

#: Where the curated table lives in the source tree.
DEFAULT_KNOWN_ENTITIES = known_entities_path()


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """One row of the curated table.

    Attributes:
        entity_type: "dataset" or "model".
        name: canonical name (the ``rdfs:label``).
        aliases: other spellings of the same entity.
        wikidata: Wikidata QID ("Q180686") or None.
        modalities: keys of the modality concepts (``ontology/schemes/modalities.ttl``) a
            dataset holds ("chestxray"), in the table's order; empty when not curated.
        tasks: keys of the task concepts (``ontology/schemes/tasks.ttl``) a single-purpose
            benchmark was built to evaluate ("questionanswering" for MedQA); empty for a
            dataset that serves many tasks (MIMIC-CXR) and for a model.
    """

    entity_type: KnownType
    name: str
    aliases: tuple[str, ...]
    wikidata: str | None
    modalities: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The entity key: the normalised canonical name."""
        return normalize_key(self.name)

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Canonical name first, then the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class KnownEntities:
    """The curated table, indexed by the normalised form of every name and alias."""

    entities: tuple[KnownEntity, ...]
    by_key: dict[str, KnownEntity]

    def lookup(self, text: str) -> KnownEntity | None:
        """Return the entity one of whose names normalises like ``text``, or None."""
        return self.by_key.get(normalize_key(text))

    def __len__(self) -> int:
        return len(self.entities)


def parse_known_entities(
    lines: Iterable[str],
    *,
    modality_keys: Collection[str] | None = None,
    task_keys: Collection[str] | None = None,
) -> KnownEntities:
    """Parse the TSV lines of the curated table (header and ``#`` comments are skipped).

    Args:
        lines: the file's lines.
        modality_keys: the keys a modalities cell may name (None: not checked).
        task_keys: the keys a tasks cell may name (None: not checked).

    Returns:
        The indexed table. A later row never overrides an earlier row's alias.

    Raises:
        ValueError: on a row with an unknown type or too few columns, a model row with
            modalities or tasks, or a modality (task) key that is not in ``modality_keys``
            (``task_keys``).
    """
    entities: list[KnownEntity] = []
    by_key: dict[str, KnownEntity] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith(("#", "type\t")):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or cols[0] not in OPEN_ENDED:
            raise ValueError(f"known entities line {number}: bad row {line!r}")
        aliases = tuple(
            a.strip() for a in (cols[2] if len(cols) > 2 else "").split("|") if a.strip()
        )
        qid = cols[3].strip() if len(cols) > 3 and cols[3].strip() else None
        modalities = _concept_keys(
            "modality", cols[4] if len(cols) > 4 else "", number, cols, modality_keys
        )
        tasks = _concept_keys("task", cols[5] if len(cols) > 5 else "", number, cols, task_keys)
        entity = KnownEntity(
            cols[0],  # type: ignore[arg-type]
            cols[1].strip(),
            aliases,
            qid,
            modalities,
            tasks,
        )
        entities.append(entity)
        for form in entity.surface_forms:
            by_key.setdefault(normalize_key(form), entity)
    return KnownEntities(tuple(entities), by_key)


#: per curated column of concept keys: its name, why only a dataset has one, example keys
_CONCEPT_COLUMNS = {
    "modality": ("modalities", "only a dataset holds modalities", "'chestxray', 'mri'"),
    "task": ("tasks", "only a dataset (a benchmark) implies a task", "'questionanswering'"),
}


def _concept_keys(
    concept_type: str, cell: str, number: int, cols: list[str], known: Collection[str] | None
) -> tuple[str, ...]:
    """The ``concept_type`` keys of one row's cell ("modality" or "task" column), checked
    against ``known``: only a dataset row has them, and each is a concept of the type's scheme.

    >>> _concept_keys("task", " qa |", 7, ["dataset", "MedQA"], {"qa"})
    ('qa',)
    """
    column, only, example = _CONCEPT_COLUMNS[concept_type]
    keys = tuple(dict.fromkeys(k.strip() for k in cell.split("|") if k.strip()))
    if keys and cols[0] != "dataset":
        raise ValueError(
            f"known entities line {number}: {cols[0]} {cols[1]!r} has {column} {cell!r}; {only}"
        )
    unknown = [k for k in keys if known is not None and k not in known]
    if unknown:
        raise ValueError(
            f"known entities line {number}: {cols[1]!r} names unknown {concept_type} key(s) "
            f"{', '.join(repr(k) for k in unknown)}: a {concept_type} is the key of a concept of "
            f"ontology/schemes/{SCHEME_FILES[concept_type]} (e.g. {example})"
        )
    return keys


def modality_keys(directory: Path | None = None) -> frozenset[str]:
    """Keys of the modality concepts of the vocabulary in ``directory`` (``ontology/schemes``).

    >>> {"xray", "chestxray", "mri"} <= modality_keys()
    True
    """
    return scheme_keys("modality", directory)


def task_keys(directory: Path | None = None) -> frozenset[str]:
    """Keys of the task concepts of the vocabulary in ``directory`` (``ontology/schemes``).

    >>> {"questionanswering", "imagesegmentation"} <= task_keys()
    True
    """
    return scheme_keys("task", directory)


@lru_cache(maxsize=8)
def scheme_keys(concept_type: str, directory: Path | None = None) -> frozenset[str]:
    """Keys of the concepts of type ``concept_type`` ("modality", "task") of its scheme."""
    # rdflib is imported here: kg.nlp components import this module, and only loading the
    # table needs the scheme
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    graph = Graph()
    graph.parse((directory or schemes_dir()) / SCHEME_FILES[concept_type], format="turtle")
    keys = set()
    for subject in graph.subjects(RDF.type, SKOS.Concept):
        parts = parse_entity_iri(str(subject))
        if parts is not None and parts[0] == concept_type:
            keys.add(parts[1])
    return frozenset(keys)


@lru_cache(maxsize=4)
def load_known_entities(path: Path = DEFAULT_KNOWN_ENTITIES) -> KnownEntities:
    """Read and cache the curated table (an absent file gives an empty table).

    Raises:
        ValueError: on a bad row, e.g. a modality (task) that is no concept of the modality
            (task) scheme.
    """
    if not path.exists():
        return KnownEntities((), {})
    return parse_known_entities(
        path.read_text(encoding="utf-8").splitlines(),
        modality_keys=modality_keys(),
        task_keys=task_keys(),
    )
