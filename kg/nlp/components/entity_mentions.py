"""Factory ``kg_entities``: dataset and model mentions (issue 3, deliverables 1, 3, 5).

One component writes both span groups, ``doc.spans["kg_datasets"]`` and
``doc.spans["kg_models"]``. Whether a name is a dataset or a model is one decision over one
set of candidates ("MedXpertQA" is either, depending on its context), so a single extractor
makes it once; two components would have to find every candidate twice or depend on each
other's output.

Each span carries:
    ``kb_id_``: the entity key (``kg.ids.normalize_key`` of its name, after abbreviation and
        curated-alias resolution: "Segment Anything Model (SAM)" and "SAM" share ``sam``);
    ``label_``: "dataset" or "model";
    ``._.kg_role``: "introduces" or "uses" (entity level);
    ``._.kg_confidence``: entity-level confidence in [0, 1];
    ``._.kg_extractor``: ``kg_entities:<rule>`` (title_prefix, known_entity, name_shape, ...).

Inputs: scispaCy's ``abbreviation_detector`` output (``doc._.abbreviations``) and the trained
NER's DATASET/MODEL spans in ``doc.spans["kg_ner"]`` (written by ``kg_ner``, which runs it
around the capitalised words the rules leave open; ``doc.ents`` with those labels are read
too), merged at a lower confidence: rules win on overlap, and an NER span on a rule candidate
counts as type evidence.
"""

# No ``from __future__ import annotations`` here: spaCy validates ``initialize()`` settings
# with pydantic from the signature, which needs real (not string) annotations.

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.training import Example

import kg.nlp.extensions  # noqa: F401  (declares the ._ attributes)
from kg.entity_types import CONCEPT_SPAN_KEY, DATASET, MODEL, NER_LABELS_BY_SPAN_KEY
from kg.known_entities import KnownEntities, KnownEntity, load_known_entities
from kg.nlp.components.abbreviations import abbreviation_pairs
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.scan import Mention, find_mentions
from kg.nlp.components.stateless import StatelessComponent

DATASET_KEY = DATASET.span_key
MODEL_KEY = MODEL.span_key
NER_LABELS = tuple(NER_LABELS_BY_SPAN_KEY.values())
NER_KEY = "kg_ner"
CONCEPT_KEY = CONCEPT_SPAN_KEY


@Language.factory(
    "kg_entities",
    default_config={
        "title_separator": "\n\n",
        "ner_confidence": 0.5,
        "ner_cap_confidence": 0.4,
        "use_ner": True,
    },
    assigns=["doc.spans"],
)
def make_entity_mentions(
    nlp: Language,
    name: str,
    title_separator: str,
    ner_confidence: float,
    ner_cap_confidence: float,
    use_ner: bool,
) -> "EntityMentions":
    """Build the ``kg_entities`` component (see :class:`EntityMentions`)."""
    return EntityMentions(
        nlp,
        name,
        title_separator=title_separator,
        ner_confidence=ner_confidence,
        ner_cap_confidence=ner_cap_confidence,
        use_ner=use_ner,
    )


class EntityMentions(StatelessComponent):
    """Find dataset and model mentions; write ``doc.spans["kg_datasets"]`` / ``["kg_models"]``.

    Span attributes set: ``kb_id_``, ``label_``, ``._.kg_role``, ``._.kg_confidence``,
    ``._.kg_extractor``. Call :meth:`initialize` (the pipeline config does) to load the
    pattern files and the curated table; before that the component finds name-shaped
    mentions only.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_entities",
        *,
        title_separator: str = "\n\n",
        ner_confidence: float = 0.5,
        ner_cap_confidence: float = 0.4,
        use_ner: bool = True,
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.title_separator = title_separator
        self.ner_confidence = ner_confidence
        self.ner_cap_confidence = ner_cap_confidence
        self.use_ner = use_ner
        self.lexicon = Lexicon.from_patterns({}, KnownEntities((), {}))
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._known_by_match: dict[int, KnownEntity] = {}

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: dict[str, list[dict[str, Any]]] | None = None,
        known_entities: Any = None,
    ) -> None:
        """Load the cue lexicon and the curated table; build the curated-name matchers.

        Args:
            get_examples: unused (the component has no weights).
            nlp: the pipeline, used to tokenize curated names like the text.
            patterns: pattern groups (file stem → rows) from ``kg.read_patterns.v1``.
            known_entities: the curated table; defaults to ``ontology/known_entities.tsv``.
        """
        known = known_entities if known_entities is not None else load_known_entities()
        self.lexicon = Lexicon.from_patterns(patterns or {}, known)
        make_doc = nlp.make_doc if nlp is not None else (lambda t: Doc(self.vocab, words=t.split()))
        self._exact = PhraseMatcher(self.vocab, attr="ORTH")
        self._folded = PhraseMatcher(self.vocab, attr="LOWER")
        self._known_by_match = {}
        for number, entity in enumerate(known.entities):
            label = f"known_{number}"
            exact: list[Doc] = []
            folded: list[Doc] = []
            for form in entity.surface_forms:
                # short or mixed-case names ("SAM", "CLIP") must match as written; long
                # lower/title-case names ("random forest", "Segment Anything") in any case
                if len(form) <= 5 or any(c.isupper() for c in form[1:]):
                    exact.append(make_doc(form))
                else:
                    folded.append(make_doc(form))
            key = self.vocab.strings.add(label)
            self._known_by_match[key] = entity
            if exact:
                self._exact.add(label, exact)
            if folded:
                self._folded.add(label, folded)

    def known_spans(self, doc: Doc) -> list[tuple[int, int, KnownEntity]]:
        """Curated-name matches as (start, end, entity), longest first at each start."""
        hits = [(s, e, self._known_by_match[m]) for m, s, e in self._exact(doc)]
        hits += [(s, e, self._known_by_match[m]) for m, s, e in self._folded(doc)]
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        return hits

    def __call__(self, doc: Doc) -> Doc:
        ner: list[tuple[int, int, str]] = []
        if self.use_ner:
            ner = [(s.start, s.end, s.label_) for s in doc.spans.get(NER_KEY, ())]
            if doc.has_annotation("ENT_IOB"):
                ner += [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in NER_LABELS]
        mentions = find_mentions(
            doc,
            self.lexicon,
            known_spans=self.known_spans(doc),
            abbreviations=abbreviation_pairs(doc),
            ner_spans=ner,
            concept_spans=[(s.start, s.end) for s in doc.spans.get(CONCEPT_KEY, [])],
            title_separator=self.title_separator,
            ner_confidence=self.ner_confidence,
            ner_cap_confidence=self.ner_cap_confidence,
        )
        datasets: list[Span] = []
        models: list[Span] = []
        for m in mentions:
            span = _make_span(doc, m)
            (datasets if m.entity_type == "dataset" else models).append(span)
        doc.spans[DATASET_KEY] = datasets
        doc.spans[MODEL_KEY] = models
        return doc


def _make_span(doc: Doc, m: Mention) -> Span:
    span = Span(doc, m.start, m.end, label=m.entity_type, kb_id=m.key)
    span._.kg_role = m.role
    span._.kg_confidence = m.confidence
    span._.kg_extractor = f"kg_entities:{m.rule}"
    return span
