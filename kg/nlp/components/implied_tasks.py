"""Factory ``kg_implied_tasks``: the task a single-purpose benchmark implies (issue 15).

A paper that evaluates its model on MedQA performs question answering, one that reports results
on VQA-RAD visual question answering, one on BraTS segmentation, even when its abstract never
writes the task's name (GUIDELINES task: the task "of its dataset or benchmark, of its
experiments"). The curated table (``ontology/known_entities.tsv``, column ``tasks``) says which
task each single-purpose benchmark was built for; datasets that serve many tasks (MIMIC-CXR,
CheXpert, ImageNet) have none. This component runs after the datasets are final (``kg_entities``
and ``kg_typer``) and adds, to ``doc.spans["kg_concepts"]``, the task of each benchmark the paper
links, unless the paper already asserts that task or one of its ``named_by`` tasks: a paper that
calls its MedQA work "medical reasoning", or detects lesions on a segmentation benchmark, has
named its task in its own words, and the benchmark's task would be a second, unwritten one.

Each added span covers the benchmark's mention and the word before or after it (a span of its
own: spans of one extent share their ``._`` values, so one on the dataset mention's extent would
change the dataset's confidence); its rule is ``implied:<dataset key>``.
"""

# No ``from __future__ import annotations`` here: spaCy validates the factory's settings with
# pydantic from the signature, which needs real (not string) annotations.

from collections.abc import Collection, Iterable, Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

import kg.nlp.extensions  # noqa: F401  (declares the ._ attributes)
from kg.entity_types import CONCEPT_SPAN_KEY, DATASET
from kg.known_entities import KnownEntities, load_known_entities
from kg.nlp.components.stateless import StatelessComponent
from kg.statements import LINK_THRESHOLD

#: the rule id prefix of an implied task's span
RULE_PREFIX = "implied:"


def named_otherwise(
    task: str,
    asserted: Collection[str],
    named_by: Mapping[str, Collection[str]],
    written: Collection[str] = (),
    framings: Collection[str] = (),
) -> bool:
    """Whether the paper names the work a benchmark of ``task`` implies in words of its own:
    it asserts ``task`` itself or a task of ``named_by``. A task of ``framings`` among those
    says how the work is done, not what it outputs ("medical reasoning" on MedQA is still
    answering its questions): it names the work otherwise only while the paper never writes
    ``task``. A paper that writes ``task`` too, if only in its opening motivation ("LLMs now
    approach expert level on medical question answering"; ``written``), and evaluates on the
    benchmark made for it, does that task beside the framing (branch tasks17: GUIDELINES
    task, "the task of its dataset or benchmark"). Another task of ``named_by`` ("anomaly
    detection" on a segmentation set) replaces the benchmark's task whatever is written.

    >>> named_otherwise("qa", {"qa"}, {})
    True
    >>> named_otherwise("qa", {"mr"}, {"qa": {"mr"}}, written={"qa"})
    True
    >>> named_otherwise("qa", {"mr"}, {"qa": {"mr"}}, written={"qa"}, framings={"mr"})
    False
    >>> named_otherwise("qa", {"mr"}, {"qa": {"mr"}}, written=(), framings={"mr"})
    True
    """
    if task in asserted:
        return True
    naming = set(asserted) & set(named_by.get(task, ()))
    if task in written:
        naming -= set(framings)
    return bool(naming)


def implied_tasks(
    mentions: Iterable[tuple[int, int, str, Sequence[str]]],
    asserted: Collection[str],
    named_by: Mapping[str, Collection[str]],
    written: Collection[str] = (),
    framings: Collection[str] = (),
) -> list[tuple[int, int, str, str]]:
    """The tasks the paper's benchmarks imply that it does not assert already.

    Args:
        mentions: the asserted dataset mentions in text order, as ``(start, end, dataset key,
            tasks the benchmark was built for)``; a dataset of many tasks gives none.
        asserted: the task keys the paper asserts.
        named_by: per task, the other tasks whose assertion names the work in the paper's own
            words ("medicalreasoning" for "questionanswering"); the task itself always does.
        written: the task keys the paper writes without asserting them (mentions below the
            link threshold, as in its motivation): for these an asserted task of
            ``framings`` names nothing otherwise (:func:`named_otherwise`).
        framings: the ``named_by`` tasks that say how the work is done, not what it outputs.

    Returns:
        ``(start, end, task key, dataset key)`` per implied task, at its first benchmark
        mention, each task once.

    >>> implied_tasks([(4, 5, "medqa", ("questionanswering",)), (9, 10, "mimiccxr", ())],
    ...               set(), {})
    [(4, 5, 'questionanswering', 'medqa')]
    >>> implied_tasks([(4, 5, "medqa", ("questionanswering",))], {"medicalreasoning"},
    ...               {"questionanswering": {"medicalreasoning"}})
    []
    >>> implied_tasks([(4, 5, "medqa", ("questionanswering",))], {"questionanswering"}, {})
    []
    """
    have = set(asserted)
    out: list[tuple[int, int, str, str]] = []
    for start, end, dataset, tasks in mentions:
        for task in tasks:
            if named_otherwise(task, have, named_by, written, framings):
                continue
            out.append((start, end, task, dataset))
            have.add(task)
    return out


def free_extent(
    start: int, end: int, taken: Collection[tuple[int, int]], bounds: tuple[int, int]
) -> tuple[int, int] | None:
    """An extent for a span over the mention ``[start, end)`` that no other span holds: with
    the word before it ("on MedQA"), else with the word after it ("MedQA benchmark"), inside
    the sentence ``bounds``; None when neither is free.

    >>> free_extent(4, 5, set(), (0, 10))
    (3, 5)
    >>> free_extent(4, 5, {(3, 5)}, (0, 10))
    (4, 6)
    >>> free_extent(0, 1, set(), (0, 1)) is None
    True
    """
    for extent in ((start - 1, end), (start, end + 1)):
        if bounds[0] <= extent[0] and extent[1] <= bounds[1] and extent not in taken:
            return extent
    return None


@Language.factory(
    "kg_implied_tasks",
    default_config={"confidence": 0.55, "named_by": {}, "framings": []},
    assigns=["doc.spans"],
)
def make_implied_tasks(
    nlp: Language,
    name: str,
    confidence: float,
    named_by: dict[str, list[str]],
    framings: list[str],
) -> "ImpliedTasks":
    """Create the ``kg_implied_tasks`` component (see :class:`ImpliedTasks`)."""
    return ImpliedTasks(name, confidence=confidence, named_by=named_by, framings=framings)


class ImpliedTasks(StatelessComponent):
    """Add the tasks of the single-purpose benchmarks a paper links (:func:`implied_tasks`)."""

    def __init__(
        self,
        name: str = "kg_implied_tasks",
        *,
        confidence: float = 0.55,
        named_by: Mapping[str, Sequence[str]] | None = None,
        framings: Collection[str] = (),
        known: KnownEntities | None = None,
    ) -> None:
        self.name = name
        self.confidence = confidence
        self.named_by = {task: frozenset(kin) for task, kin in (named_by or {}).items()}
        self.framings = frozenset(framings)
        self.known = known if known is not None else load_known_entities()

    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        for span in doc.spans.get(DATASET.span_key, []):
            if float(span._.kg_confidence or 0.0) < LINK_THRESHOLD:
                continue
            entity = self.known.by_key.get(span.kb_id_)
            if entity is not None and entity.tasks:
                mentions.append((span.start, span.end, span.kb_id_, entity.tasks))
        if not mentions:
            return doc
        concepts = list(doc.spans.get(CONCEPT_SPAN_KEY, []))
        asserted = {
            s.kb_id_
            for s in concepts
            if s.label_ == "task" and float(s._.kg_confidence or 0.0) >= LINK_THRESHOLD
        }
        written = {s.kb_id_ for s in concepts if s.label_ == "task"} - asserted
        implied = implied_tasks(sorted(mentions), asserted, self.named_by, written, self.framings)
        if not implied:
            return doc
        taken = {(s.start, s.end) for group in doc.spans.values() for s in group}
        added: list[Span] = []
        for start, end, task, dataset in implied:
            sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
            extent = free_extent(start, end, taken, (sent.start, sent.end))
            if extent is None:
                continue
            span = Span(doc, extent[0], extent[1], label="task", kb_id=task)
            span._.kg_confidence = self.confidence
            span._.kg_extractor = f"{RULE_PREFIX}{dataset}"
            taken.add(extent)
            added.append(span)
        doc.spans[CONCEPT_SPAN_KEY] = sorted([*concepts, *added], key=_position)
        return doc


def _position(span: Span) -> tuple[int, int]:
    return span.start, span.end


__all__ = ["ImpliedTasks", "free_extent", "implied_tasks", "make_implied_tasks", "named_otherwise"]
