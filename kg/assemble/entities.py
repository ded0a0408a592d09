"""Entity resolution across papers and the choice of each entity's canonical label.

Extraction resolves names within one abstract ("Segment Anything Model (SAM)" → one key). Here
the keys of the whole build are joined: two dataset (or model) keys that share a distinctive
surface form are one entity, and a new key whose form the store already knows maps onto the
stored entity, so adding papers never splits an entity that exists.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.entity_types import OPEN_ENDED
from kg.ids import entity_iri, normalize_key
from kg.known_entities import KnownEntity, load_known_entities
from kg.statements import EntityLink
from kg.vocab import WD

#: Types whose entities are open-ended (not vocabulary concepts) and so need resolution.
RESOLVED_TYPES: frozenset[str] = OPEN_ENDED

#: A normalised form this short ("sam", "mae", "ct") is too ambiguous to join two entities.
MIN_JOINING_FORM = 5


@dataclass(frozen=True, slots=True)
class EntityDescription:
    """What the entities graph says of one entity.

    Attributes:
        entity_type: "dataset", "model", or a concept type.
        key: the entity key.
        label: the canonical label (``rdfs:label``).
        alt_labels: the other surface forms (``skos:altLabel``).
        exact_matches: external identifiers (IRIs, ``skos:exactMatch``).
        modalities: IRIs of the modality concepts a curated dataset holds
            (``mkg:holdsModality``).
    """

    entity_type: str
    key: str
    label: str
    alt_labels: tuple[str, ...]
    exact_matches: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()


def link_forms(link: EntityLink) -> set[str]:
    """Every surface form of a link: its label, alt labels and the evidence texts."""
    forms = {link.label, *link.alt_labels, *(e.text for e in link.evidence)}
    return {f for f in forms if f.strip()}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # deterministic: the lexicographically smaller root wins
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


class KeyCollector:
    """Accumulates, over a whole build, what entity resolution needs from each link.

    Only the keys, their paper counts and their distinctive normalised forms are kept, so a
    build can stream its papers and still resolve entities across all of them.
    """

    def __init__(self) -> None:
        self.papers: Counter[tuple[str, str]] = Counter()
        self.forms: dict[tuple[str, str], set[str]] = defaultdict(set)

    def add(self, links: Iterable[EntityLink]) -> None:
        """Record the links of one or more papers."""
        for link in links:
            tkey = (link.entity_type, link.key)
            self.papers[tkey] += 1
            if link.entity_type not in RESOLVED_TYPES:
                continue
            forms = self.forms[tkey]
            for form in link_forms(link):
                norm = normalize_key(form)
                if len(norm) >= MIN_JOINING_FORM:
                    forms.add(norm)
            forms.add(link.key)


def resolve_keys(
    links: Iterable[EntityLink] | KeyCollector,
    *,
    known_forms: Mapping[tuple[str, str], str] | None = None,
) -> dict[tuple[str, str], str]:
    """Map each ``(type, key)`` of the links to its canonical key across the build.

    Args:
        links: every link of the build, or a :class:`KeyCollector` that has seen them.
        known_forms: ``(type, normalised form) → key`` of entities already in the store;
            a cluster that touches one of them takes that key (IRIs stay stable).

    Returns:
        ``(type, key) → canonical key`` for dataset and model links (others map to themselves).

    >>> from kg.statements import EntityLink
    >>> a = EntityLink("p1", "model", "sam", "SAM", ("Segment Anything Model",), "uses", 0.9, ())
    >>> b = EntityLink(
    ...     "p2", "model", "segmentanythingmodel", "Segment Anything Model", (), "uses", 0.9, ()
    ... )
    >>> resolve_keys([a, b])[("model", "segmentanythingmodel")]
    'sam'
    """
    if isinstance(links, KeyCollector):
        collected = links
    else:
        collected = KeyCollector()
        collected.add(links)
    known = dict(known_forms or {})
    union = _UnionFind()
    owner_of_form: dict[tuple[str, str], str] = {}
    for (etype, key), forms in sorted(collected.forms.items()):
        node = f"{etype}\x1f{key}"
        union.find(node)
        for norm in sorted(forms):
            fkey = (etype, norm)
            if fkey in known:
                union.union(node, f"{etype}\x1f{known[fkey]}")
            other = owner_of_form.setdefault(fkey, node)
            if other != node:
                union.union(node, other)

    # choose each cluster's key: a key already stored if any (IRIs stay stable), else the
    # key used by the most papers
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for tkey in collected.forms:
        members[union.find(f"{tkey[0]}\x1f{tkey[1]}")].append(tkey)
    stored_by_root: dict[str, list[str]] = defaultdict(list)
    for etype, key in {(t, k) for (t, _), k in known.items()}:
        node = f"{etype}\x1f{key}"
        if node in union.parent:
            stored_by_root[union.find(node)].append(key)
    mapping: dict[tuple[str, str], str] = {k: k[1] for k in collected.papers}
    for root, keys in members.items():
        stored = sorted(stored_by_root.get(root, ()))
        if stored:
            canonical = stored[0]
        else:
            canonical = min(keys, key=lambda k: (-collected.papers[k], len(k[1]), k[1]))[1]
        for k in keys:
            mapping[k] = canonical
    return mapping


def _looks_like_abbreviation(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    if not letters or " " in form.strip():
        return False
    upper = sum(c.isupper() for c in letters)
    return len(form) <= 6 and upper / len(letters) >= 0.6


#: Generic head nouns: "MedQA dataset" is the name "MedQA" plus a word that says what it is.
HEAD_NOUNS = frozenset(
    {
        "dataset",
        "datasets",
        "benchmark",
        "benchmarks",
        "corpus",
        "corpora",
        "database",
        "collection",
        "archive",
        "challenge",
        "model",
        "models",
        "framework",
        "system",
    }
)


def _with_head_noun(form: str, others: set[str]) -> bool:
    """Whether ``form`` is another form followed by a generic head noun."""
    words = form.split()
    return len(words) > 1 and words[-1].lower() in HEAD_NOUNS and " ".join(words[:-1]) in others


def bare_name(form: str, key: str) -> str | None:
    """The shortest leading words of ``form`` that normalise to the entity's ``key`` when
    ``form`` itself does not: the name without the head noun, version or size the key leaves
    out. None when ``form`` is keyed as the entity is, or no leading words are.

    >>> bare_name("AIBL dataset", "aibl"), bare_name("MIMIC-CXR-JPG v2.0.0", "mimiccxrjpg")
    ('AIBL', 'MIMIC-CXR-JPG')
    >>> bare_name("AIBL", "aibl"), bare_name("NEGRA corpus", "negracorpus")
    (None, None)
    """
    if normalize_key(form) == key:
        return None
    words = form.split()
    for end in range(1, len(words)):
        prefix = " ".join(words[:end])
        if normalize_key(prefix) == key:
            return prefix
    return None


def with_bare_names(key: str, paper_counts: Mapping[str, int]) -> dict[str, int]:
    """The surface forms of an entity plus the :func:`bare_name` of each, counted in as many
    papers as the longer form that shows it (the extractor keyed "the AIBL dataset" as AIBL,
    so "AIBL" is the name even when no paper writes it alone).

    >>> with_bare_names("aibl", {"AIBL dataset": 2, "AIBL": 1})
    {'AIBL dataset': 2, 'AIBL': 2}
    """
    counts = dict(paper_counts)
    for form, n in paper_counts.items():
        bare = bare_name(form, key)
        if bare is not None:
            counts[bare] = max(counts.get(bare, 0), n)
    return counts


def choose_label(paper_counts: Mapping[str, int], key: str = "") -> tuple[str, tuple[str, ...]]:
    """Pick the canonical label among surface forms; the rest become alt labels.

    A bare name beats the same name with a head noun ("MedQA" over "MedQA dataset") or, given
    the entity's ``key``, with any words the key leaves out ("MIMIC-CXR-JPG" over
    "MIMIC-CXR-JPG v2.0.0"); a spelled-out form beats an abbreviation, then the form used by
    more papers, then the longer one; the order is total, so the choice is deterministic.

    >>> choose_label({"SAM": 5, "Segment Anything Model": 2})
    ('Segment Anything Model', ('SAM',))
    >>> choose_label({"MIMIC-CXR": 3, "MIMIC CXR": 1})
    ('MIMIC-CXR', ('MIMIC CXR',))
    >>> choose_label({"MedQA dataset": 9, "MedQA": 3})
    ('MedQA', ('MedQA dataset',))
    >>> choose_label({"ViT-L/14": 1, "ViT-L/14 model": 1}, key="vitl14")
    ('ViT-L/14', ('ViT-L/14 model',))
    """
    if not paper_counts:
        raise ValueError("an entity needs at least one surface form")
    forms = set(paper_counts)
    ranked = sorted(
        paper_counts,
        key=lambda f: (
            _with_head_noun(f, forms),
            bool(key) and bare_name(f, key) is not None,
            _looks_like_abbreviation(f),
            -paper_counts[f],
            -len(f),
            f,
        ),
    )
    label = ranked[0]
    return label, tuple(sorted(f for f in ranked[1:] if f != label))


def describe(entity_type: str, key: str, paper_counts: Mapping[str, int]) -> EntityDescription:
    """Build the description of one entity from its surface forms and their paper counts.

    A dataset or model of the curated table (``ontology/known_entities.tsv``) takes the table's
    canonical name as its label, its Wikidata identifier as ``skos:exactMatch`` and (a dataset)
    the modalities the table says it holds.

    >>> describe("dataset", "mimiccxr", {"MIMIC-CXR": 2}).modalities[0]
    'https://w3id.org/medkg/resource/modality/chestxray'
    """
    label, alt = choose_label(with_bare_names(key, paper_counts), key)
    known = curated_entity(entity_type, key, paper_counts)
    if known is None:
        return EntityDescription(entity_type, key, label, alt)
    forms = (set(paper_counts) | {known.name}) - {known.name}
    exact, modalities = curated_facts(known)
    return EntityDescription(entity_type, key, known.name, tuple(sorted(forms)), exact, modalities)


def curated_entity(entity_type: str, key: str, forms: Iterable[str]) -> KnownEntity | None:
    """The row of the curated table for the dataset or model ``key`` known by ``forms``: the
    row of its key, else of its first form (sorted) that the table knows; None if none.

    >>> curated_entity("dataset", "mimiccxrv2", ["MIMIC CXR"]).name
    'MIMIC-CXR'
    >>> curated_entity("model", "mimiccxr", ["MIMIC-CXR"]) is None
    True
    """
    if entity_type not in RESOLVED_TYPES:
        return None
    table = load_known_entities()
    for candidate in (key, *sorted(forms)):
        entity = table.lookup(candidate)
        if entity is not None and entity.entity_type == entity_type:
            return entity
    return None


def curated_facts(known: KnownEntity | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the curated table says of an entity, as IRIs: its ``skos:exactMatch`` (the
    Wikidata item) and its ``mkg:holdsModality`` (the modality concepts, sorted).

    >>> curated_facts(curated_entity("dataset", "mimiccxr", ()))[1][0]
    'https://w3id.org/medkg/resource/modality/chestxray'
    >>> curated_facts(None)
    ((), ())
    """
    if known is None:
        return (), ()
    exact = (str(WD[known.wikidata]),) if known.wikidata else ()
    return exact, tuple(str(entity_iri("modality", m)) for m in sorted(known.modalities))


def curated_forms() -> set[tuple[str, str]]:
    """``(type, normalised form)`` of every name and alias of the curated table: the forms by
    which a stored dataset or model may be an entity of the table.

    >>> ("dataset", "mimiccxr") in curated_forms()
    True
    """
    return {
        (entity.entity_type, normalize_key(form))
        for entity in load_known_entities().entities
        for form in entity.surface_forms
    }
