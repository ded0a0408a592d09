"""Typed statements between extraction and assembly.

``kg.extract`` turns spaCy Docs into these; ``kg.assemble`` turns them into RDF. Nothing else
crosses that boundary (STYLE rule 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from kg.entity_types import Role, TypeName

#: Links whose confidence is below this are kept as mentions (``mkg:asserted false``) but not
#: asserted as paper → entity triples, and not counted by ``kg eval``. Calibrated on the dev
#: set: precision is about 0.33 below 0.5 and at least 0.72 above (README, "Confidence").
LINK_THRESHOLD = 0.5


def _reduce_by_fields(self: Any) -> tuple[type, tuple[Any, ...]]:
    # pickles as "call the class with the field values": several times cheaper than the
    # generated __getstate__/__setstate__ of slotted frozen dataclasses, and a build spools
    # every paper's statements to disk and back (issue 7)
    return type(self), tuple(getattr(self, name) for name in type(self).__slots__)


Section = Literal["title", "abstract"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a paper that an extractor matched.

    Offsets are character offsets into the title or the abstract (``section``), end exclusive,
    so ``text == paper.<section>[start:end]``.
    """

    section: Section
    start: int
    end: int
    text: str
    sentence: str
    extractor: str
    confidence: float

    __reduce__ = _reduce_by_fields


@dataclass(frozen=True, slots=True)
class EntityLink:
    """Paper → entity: the paper introduces or uses one dataset/model/modality/task/metric.

    Attributes:
        paper_key: identity key of the paper.
        entity_type: the name of one type of ``kg.entity_types.TYPES``.
        key: normalised identity key of the entity (for vocabulary concepts, the concept's
            key from ``ontology/schemes``), from which ``kg.ids.entity_iri`` mints the IRI.
        label: the best surface form seen in this paper (canonical label for concepts).
        alt_labels: other surface forms of the same entity seen in this paper.
        role: "introduces" (the paper creates it) or "uses".
        confidence: confidence of the link, the maximum over its evidence.
        evidence: every span that backs the link.
    """

    paper_key: str
    entity_type: TypeName
    key: str
    label: str
    alt_labels: tuple[str, ...]
    role: Role
    confidence: float
    evidence: tuple[Evidence, ...]

    __reduce__ = _reduce_by_fields


@dataclass(frozen=True, slots=True)
class ResultStatement:
    """A numeric result the paper states.

    Attributes:
        metric_key: key of the metric concept.
        value: the number (a percentage is kept as written: "78.22%" → 78.22), or None.
        value_text: the value as written ("78.22%", "+12.61").
        is_improvement: True for deltas ("+12.61", "by 8%"), which are not absolute scores.
        model_key / dataset_key: the model and dataset the text ties the value to, if any.
    """

    paper_key: str
    metric_key: str
    value: Decimal | None
    value_text: str
    is_improvement: bool
    model_key: str | None
    dataset_key: str | None
    evidence: Evidence

    __reduce__ = _reduce_by_fields


@dataclass(frozen=True, slots=True)
class PaperExtraction:
    """Everything extracted from one paper: its links and its results."""

    paper_key: str
    links: tuple[EntityLink, ...]
    results: tuple[ResultStatement, ...]

    __reduce__ = _reduce_by_fields
