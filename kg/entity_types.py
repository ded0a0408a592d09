"""The one table of entity types: what medkg extracts, and everything each type needs (issue 14).

Every list of types elsewhere (IRI minting in ``kg.ids``, link predicates and classes, span
keys, saved-query parameter types, resource pages, SKOS scheme files, entity resolution,
evaluation) is derived from :data:`TYPES`. Adding a type means adding a row here, its terms
to ``kg.vocab.MKG`` and ``ontology/`` and an extractor that fills its span key.

Terms come from :mod:`kg.vocab`, which imports nothing from ``kg``; :mod:`kg.ids` imports
this module, so imports run one way: ``vocab`` → ``entity_types`` → ``ids``.

>>> BY_NAME["dataset"].predicate("introduces") == MKG.introducesDataset
True
>>> BY_NAME["task"].predicate("introduces") == MKG.addressesTask  # concepts are only used
True
>>> sorted(OPEN_ENDED)
['dataset', 'model']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from rdflib import URIRef

from kg.vocab import MKG, SCHEME

#: "introduces" is for what the paper itself creates; "uses" for everything else it names.
Role = Literal["introduces", "uses"]

#: The type names, for static checking. mypy cannot read a Literal from data, so this mirrors
#: :data:`TYPE_NAMES`; ``tests/unit/test_entity_types.py`` checks that the two agree.
TypeName = Literal["dataset", "model", "modality", "task", "metric"]

#: Span group that the ``kg_concepts`` component fills for every SKOS concept type.
CONCEPT_SPAN_KEY = "kg_concepts"


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityType:
    """One kind of entity a paper introduces or uses.

    Attributes:
        name: the type name, used in statements, saved-query parameter types and the gold
            file; also the IRI path segment under ``resource/`` (DESIGN.md fixes
            ``resource/dataset/…``).
        display_name: singular name for people ("Dataset").
        plural: plural name for people ("datasets").
        cls: the class of its entities (``mkg:Dataset``).
        uses: the paper → entity property for a paper that uses one (``mkg:usesDataset``).
        introduces: the property for a paper that creates one (``mkg:introducesDataset``);
            None for vocabulary concepts, which a paper only uses.
        span_key: the ``doc.spans`` group its mentions are written to.
        scheme: the SKOS concept scheme of a vocabulary type; None for an open-ended type.
        scheme_file: the scheme's file under ``ontology/schemes/``; None for an open-ended type.
    """

    name: str
    display_name: str
    plural: str
    cls: URIRef
    uses: URIRef
    introduces: URIRef | None = None
    span_key: str = CONCEPT_SPAN_KEY
    scheme: URIRef | None = None
    scheme_file: str | None = None

    def __post_init__(self) -> None:
        # a row that mixes the two kinds would give links without a predicate or concepts
        # without a scheme; refuse it when the table is read, not when the first link is written
        if (self.introduces is None) != (self.scheme is not None) or (self.scheme is None) != (
            self.scheme_file is None
        ):
            raise ValueError(
                f"entity type {self.name!r}: give either 'introduces' (an open-ended type) "
                "or both 'scheme' and 'scheme_file' (a SKOS concept type)"
            )

    @property
    def open_ended(self) -> bool:
        """True for datasets and models (any name may be one); False for SKOS concepts."""
        return self.scheme is None

    @property
    def segment(self) -> str:
        """The IRI path segment of its entities: ``resource/<segment>/<key>``."""
        return self.name

    @property
    def ner_label(self) -> str | None:
        """The label of its names in the trained NER model (open-ended types only)."""
        return self.name.upper() if self.open_ended else None

    @property
    def roles(self) -> tuple[Role, ...]:
        """The roles a paper's link to one of its entities can have."""
        return ("introduces", "uses") if self.open_ended else ("uses",)

    def predicate(self, role: str) -> URIRef:
        """The paper → entity property for a link in ``role``.

        A concept type has only "uses": an "introduces" role is read as "uses".
        """
        if role == "introduces" and self.introduces is not None:
            return self.introduces
        return self.uses


DATASET = EntityType(
    name="dataset",
    display_name="Dataset",
    plural="datasets",
    cls=MKG.Dataset,
    uses=MKG.usesDataset,
    introduces=MKG.introducesDataset,
    span_key="kg_datasets",
)
MODEL = EntityType(
    name="model",
    display_name="Model",
    plural="models",
    cls=MKG.Model,
    uses=MKG.usesModel,
    introduces=MKG.proposesModel,
    span_key="kg_models",
)
MODALITY = EntityType(
    name="modality",
    display_name="Modality",
    plural="modalities",
    cls=MKG.Modality,
    uses=MKG.hasModality,
    scheme=SCHEME.modalities,
    scheme_file="modalities.ttl",
)
TASK = EntityType(
    name="task",
    display_name="Task",
    plural="tasks",
    cls=MKG.Task,
    uses=MKG.addressesTask,
    scheme=SCHEME.tasks,
    scheme_file="tasks.ttl",
)
METRIC = EntityType(
    name="metric",
    display_name="Metric",
    plural="metrics",
    cls=MKG.Metric,
    uses=MKG.usesMetric,
    scheme=SCHEME.metrics,
    scheme_file="metrics.ttl",
)

#: Every entity type, in the order links are listed (open-ended first, then concepts).
TYPES: tuple[EntityType, ...] = (DATASET, MODEL, MODALITY, TASK, METRIC)

# ---- derived: nothing below names a type -------------------------------------------------

#: Type names in table order.
TYPE_NAMES: tuple[str, ...] = tuple(t.name for t in TYPES)
#: Each type by name.
BY_NAME: Mapping[str, EntityType] = MappingProxyType({t.name: t for t in TYPES})
#: Each type by IRI path segment.
BY_SEGMENT: Mapping[str, EntityType] = MappingProxyType({t.segment: t for t in TYPES})
#: Open-ended types: their entities are resolved across papers and may be introduced.
OPEN_ENDED: frozenset[str] = frozenset(t.name for t in TYPES if t.open_ended)
#: SKOS concept types, in table order.
CONCEPT_TYPES: tuple[str, ...] = tuple(t.name for t in TYPES if not t.open_ended)
#: Span key → type name of the open-ended types (concept spans carry their type as label).
OPEN_ENDED_SPAN_KEYS: Mapping[str, str] = MappingProxyType(
    {t.span_key: t.name for t in TYPES if t.open_ended}
)
#: NER label of each open-ended type's span key (what ``kg train`` learns from those spans).
NER_LABELS_BY_SPAN_KEY: Mapping[str, str] = MappingProxyType(
    {t.span_key: t.ner_label for t in TYPES if t.ner_label is not None}
)
#: Link property of each (type name, role).
LINK_PREDICATES: Mapping[tuple[str, str], URIRef] = MappingProxyType(
    {(t.name, role): t.predicate(role) for t in TYPES for role in t.roles}
)
#: Class of each type name.
ENTITY_CLASSES: Mapping[str, URIRef] = MappingProxyType({t.name: t.cls for t in TYPES})
#: Scheme file (under ``ontology/schemes/``) of each concept type.
SCHEME_FILES: Mapping[str, str] = MappingProxyType(
    {t.name: t.scheme_file for t in TYPES if t.scheme_file is not None}
)


def entity_type(name: str) -> EntityType:
    """Return the type called ``name``.

    >>> entity_type("model").span_key
    'kg_models'

    Raises:
        ValueError: if no type has that name.
    """
    try:
        return BY_NAME[name]
    except KeyError as e:
        raise ValueError(f"unknown entity type {name!r}; expected one of {TYPE_NAMES}") from e


__all__ = [
    "BY_NAME",
    "BY_SEGMENT",
    "CONCEPT_SPAN_KEY",
    "CONCEPT_TYPES",
    "ENTITY_CLASSES",
    "LINK_PREDICATES",
    "NER_LABELS_BY_SPAN_KEY",
    "OPEN_ENDED",
    "OPEN_ENDED_SPAN_KEYS",
    "SCHEME_FILES",
    "TYPES",
    "TYPE_NAMES",
    "EntityType",
    "Role",
    "TypeName",
    "entity_type",
]
