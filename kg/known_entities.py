"""The curated table of well-known datasets and models (``ontology/known_entities.tsv``).

The table is general knowledge of the field (MIMIC-CXR, ImageNet, GPT-4, U-Net, ...), never a
list of evaluation answers. It gives a canonical name, aliases and, where certain, a Wikidata
QID. Extraction uses it to type a name (dataset or model) and to merge alias spellings onto one
key ("Segment Anything Model" and "SAM" → ``sam``).

>>> table = parse_known_entities(["type\\tname\\taliases\\twikidata",
...                               "model\\tSAM\\tSegment Anything Model\\t"])
>>> table.lookup("segment anything model").name
'SAM'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from kg.entity_types import OPEN_ENDED
from kg.ids import normalize_key
from kg.paths import known_entities_path

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
    """

    entity_type: KnownType
    name: str
    aliases: tuple[str, ...]
    wikidata: str | None

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


def parse_known_entities(lines: Iterable[str]) -> KnownEntities:
    """Parse the TSV lines of the curated table (header and ``#`` comments are skipped).

    Args:
        lines: the file's lines.

    Returns:
        The indexed table. A later row never overrides an earlier row's alias.

    Raises:
        ValueError: on a row with an unknown type or too few columns.
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
        entity = KnownEntity(cols[0], cols[1].strip(), aliases, qid)  # type: ignore[arg-type]
        entities.append(entity)
        for form in entity.surface_forms:
            by_key.setdefault(normalize_key(form), entity)
    return KnownEntities(tuple(entities), by_key)


@lru_cache(maxsize=4)
def load_known_entities(path: Path = DEFAULT_KNOWN_ENTITIES) -> KnownEntities:
    """Read and cache the curated table (an absent file gives an empty table)."""
    if not path.exists():
        return KnownEntities((), {})
    return parse_known_entities(path.read_text(encoding="utf-8").splitlines())
