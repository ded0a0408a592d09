"""Factory ``kg_ner``: the trained DATASET/MODEL NER, run only where the rules leave a name open.

The rules of ``kg_entities`` decide every name-shaped word with a capital inside, a digit or a
symbol ("GPT-4", "MedQA", "seg2med": always a candidate unless a stop list says otherwise) and
every curated name. What they leave open are plain capitalised words ("Mamba", "Voxelmorph",
"Gemini"): they accept those only in a list of names or before a head noun ("the Apollo
models"). This component runs the trained NER (``kg train``, shipped in ``kg/nlp/model``) over
short token windows around exactly those words, and writes its DATASET/MODEL entities to
``doc.spans["kg_ner"]`` (label ``DATASET``/``MODEL``, ``._.kg_confidence`` unset) for
``kg_entities`` to take as candidates; ``kg_typer`` (the learned classifier after it) decides
whether such an NER-only name is asserted (issue 15: both trained on hand annotations).

Why windows rather than the whole Doc (issue 7, measured with ``bench/extract_speed.py``): the
NER over whole abstracts cost ~6.4 ms/abstract, about half the pipeline, and everything it
found outside those open words the rules had already found. An abstract has a few open words;
their windows (``window`` tokens each side, within the sentence, overlapping windows merged)
are a few percent of its tokens. The windows of a whole ``pipe`` batch go through the NER as
one batch of small Docs sharing the pipeline's vocab; the model's receptive field (hash
embeddings, CNN window 1, depth 1) is a couple of tokens, so a window of 3 tokens each side
gives it the context it would see in the full Doc.

Open words are tokens that are capitalised, not all-caps, without digits, at least three
characters long, not the first word of a sentence, not in the title (title case), not inside a
modality/task/metric span (``doc.spans["kg_concepts"]``), not stop-listed and not curated names.
"""

# No ``from __future__ import annotations``: spaCy validates ``initialize()`` settings with
# pydantic from the signature (see entity_mentions.py).

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

import kg.nlp.extensions  # noqa: F401
from kg.entity_types import CONCEPT_SPAN_KEY, NER_LABELS_BY_SPAN_KEY
from kg.known_entities import KnownEntities, load_known_entities
from kg.nlp.components.lexicon import Lexicon, remember
from kg.nlp.components.stateless import StatelessComponent
from kg.paths import nlp_dir

NER_KEY = "kg_ner"
CONCEPT_KEY = CONCEPT_SPAN_KEY
NER_LABELS = frozenset(NER_LABELS_BY_SPAN_KEY.values())


@Language.factory(
    "kg_ner",
    default_config={"model": "model", "window": 3, "title_separator": "\n\n", "batch_size": 256},
    assigns=["doc.spans"],
)
def make_ner_gate(
    nlp: Language, name: str, model: str, window: int, title_separator: str, batch_size: int
) -> "NerGate":
    """Build the ``kg_ner`` component (see :class:`NerGate`)."""
    return NerGate(
        nlp,
        name,
        model=model,
        window=window,
        title_separator=title_separator,
        batch_size=batch_size,
    )


def resolve_model_dir(model: str | Path) -> Path:
    """A model path from the config: absolute, or relative to ``kg/nlp``."""
    path = Path(model)
    return path if path.is_absolute() else nlp_dir() / path


class NerGate(StatelessComponent):
    """Run the NER over windows around open capitalised words; write ``doc.spans["kg_ner"]``.

    Attributes:
        ner: the trained ``ner`` pipe (loaded from ``model`` with the pipeline's vocab).
        window: tokens of context each side of an open word.
        stats: running counts ``docs``, ``tokens``, ``window_tokens``, ``windows``, ``spans``
            (for the benchmark; cheap integer additions).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_ner",
        *,
        model: str | Path = "model",
        window: int = 3,
        title_separator: str = "\n\n",
        batch_size: int = 256,
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.window = window
        self.title_separator = title_separator
        self.batch_size = batch_size
        self.model_dir = resolve_model_dir(model)
        # the NER shares the pipeline's vocab, so window Docs need no string copying
        self.ner = spacy.load(self.model_dir, vocab=nlp.vocab).get_pipe("ner")
        self.lexicon = Lexicon.from_patterns({}, KnownEntities((), {}))
        self._open_cache: dict[int, bool] = {}
        self.stats = dict.fromkeys(("docs", "tokens", "window_tokens", "windows", "spans"), 0)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: dict[str, list[dict[str, Any]]] | None = None,
        known_entities: Any = None,
    ) -> None:
        """Load the stop lists and the curated table (the same files as ``kg_entities``)."""
        known = known_entities if known_entities is not None else load_known_entities()
        self.lexicon = Lexicon.from_patterns(patterns or {}, known)
        self._open_cache = {}

    # -- which words are open -------------------------------------------------------------

    def _is_open_word(self, orth: int) -> bool:
        hit = self._open_cache.get(orth)
        if hit is None:
            text = self.vocab.strings[orth]
            lex = self.lexicon
            low = text.lower()
            hit = remember(
                self._open_cache,
                orth,
                len(text) >= 3
                and text.isalpha()
                and text[0].isupper()
                and text[1:].islower()
                and not lex.is_stopped(text)
                and low not in lex.generic_heads
                and low not in lex.numbered_nouns
                and low not in lex.name_heads
                and lex.known.lookup(text) is None,
            )
        return hit

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges (start, end) of the windows this Doc gives the NER, in order."""
        n = len(doc)
        if n == 0:
            return []
        arr = doc.to_array([ORTH, SENT_START, IS_SPACE]).tolist()
        title_end = 0
        # the title (title case) ends at the separator's whitespace token
        for i, row in enumerate(arr):
            if row[2] and "\n" in self.vocab.strings[row[0]]:
                title_end = i + 1
                break
            if i > 60:
                break
        blocked: set[int] = set()
        for span in doc.spans.get(CONCEPT_KEY, ()):
            blocked.update(range(span.start, span.end))
        is_open = self._is_open_word
        out: list[tuple[int, int]] = []
        w = self.window
        for i in range(title_end, n):
            row = arr[i]
            if row[1] == 1 or i in blocked or not is_open(row[0]):
                continue
            prev = arr[i - 1]
            if prev[2] or self.vocab.strings[prev[0]] in (".", "!", "?", ":", ";", "(", '"', "“"):
                continue  # first word of a sentence, clause or bracket: capitalised anyway
            start = max(title_end, i - w)
            # stay in the sentence
            for j in range(i, start, -1):
                if arr[j][1] == 1:
                    start = j
                    break
            end = i + 1
            while end < n and end <= i + w and arr[end][1] != 1:
                end += 1
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((start, end))
        return out

    # -- running the NER ------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int | None = None) -> Iterator[Doc]:
        """Process Docs in batches: one NER call over all windows of a batch."""
        size = batch_size or self.batch_size
        it = iter(stream)
        while True:
            docs = list(islice(it, size))
            if not docs:
                return
            self._process(docs)
            yield from docs

    def _process(self, docs: list[Doc]) -> None:
        small: list[Doc] = []
        owners: list[tuple[int, int]] = []  # (doc index, window start)
        strings = self.vocab.strings
        stats = self.stats
        for d, doc in enumerate(docs):
            stats["docs"] += 1
            stats["tokens"] += len(doc)
            wins = self.windows(doc)
            if not wins:
                continue
            arr = doc.to_array([ORTH, SPACY]).tolist()
            for start, end in wins:
                rows = arr[start:end]
                small.append(
                    Doc(
                        self.vocab,
                        words=[strings[r[0]] for r in rows],
                        spaces=[bool(r[1]) for r in rows],
                    )
                )
                owners.append((d, start))
                stats["windows"] += 1
                stats["window_tokens"] += end - start
        found: list[list[Span]] = [[] for _ in docs]
        if small:
            for wdoc, (d, offset) in zip(
                self.ner.pipe(small, batch_size=len(small)), owners, strict=True
            ):
                for ent in wdoc.ents:
                    if ent.label_ in NER_LABELS:
                        found[d].append(
                            Span(docs[d], ent.start + offset, ent.end + offset, label=ent.label_)
                        )
        for d, doc in enumerate(docs):
            doc.spans[NER_KEY] = found[d]
            stats["spans"] += len(found[d])
