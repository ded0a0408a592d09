"""Train the small DATASET/MODEL NER shipped in ``kg/nlp/model`` (``kg train``; issue 3).

Weak supervision: the rules-only pipeline (``build_nlp(use_ner=False)``) labels every corpus
paper; its dataset and model mentions at or above ``kg.statements.LINK_THRESHOLD`` become the NER's
DATASET and MODEL entities. Papers of the evaluation gold files are left out, so the dev set
stays unseen (DESIGN: "never on the dev gold set").

The network is deliberately narrow (hash embeddings of NORM/PREFIX/SUFFIX/SHAPE, width 32,
depth 1, window 1, no hidden layer) so that the whole pipeline stays fast (issue 3: the build must reach 1,000
abstracts/s on two cores) and the model is a few MB. Training is deterministic for a seed.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy import util
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from thinc.api import Config

from kg.corpus import default_corpus_dir, read_corpus
from kg.corpus.models import Paper, paper_text
from kg.entity_types import NER_LABELS_BY_SPAN_KEY
from kg.statements import LINK_THRESHOLD
from kg.ids import paper_key
from kg.paths import dev_gold_path

LABELS = NER_LABELS_BY_SPAN_KEY  # span key → NER label of the open-ended types
#: the repository's dev gold (left out of training when present)
DEFAULT_EXCLUDE = dev_gold_path()
_TRAILING_HEADS = frozenset(
    {"dataset", "corpus", "database", "benchmark", "treebank", "collection", "archive", "model",
     "classifier", "algorithm", "network", "parser", "tagger", "architecture", "framework", "system",
     "toolkit", "toolbox"}
)

NER_CONFIG = """
[nlp]
lang = "en"
pipeline = ["ner"]
batch_size = 64

[nlp.tokenizer]
@tokenizers = "kg.scispacy_tokenizer.v1"

[components]

[components.ner]
factory = "ner"
incorrect_spans_key = null
moves = null
scorer = {"@scorers":"spacy.ner_scorer.v1"}
update_with_oracle_cut_size = 100

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 32
maxout_pieces = 2
use_upper = false
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 32
depth = 1
embed_size = 1000
window_size = 1
maxout_pieces = 2
subword_features = true
"""


@dataclass(frozen=True, slots=True)
class TrainSummary:
    """What a training run did.

    Attributes:
        output_dir: where the model was written.
        papers: corpus papers used (after leaving out gold papers).
        excluded: corpus papers left out because a gold file holds them.
        entities: weak-label counts per label.
        iterations: training epochs.
        losses: NER loss after each epoch.
        seconds: wall-clock training time.
        model_bytes: size of the written model on disk.
    """

    output_dir: str
    papers: int
    excluded: int
    entities: tuple[tuple[str, int], ...]
    iterations: int
    losses: tuple[float, ...]
    seconds: float
    model_bytes: int

    def to_text(self) -> str:
        """A short human-readable report."""
        ents = ", ".join(f"{label} {n}" for label, n in self.entities)
        losses = " ".join(f"{x:.1f}" for x in self.losses)
        return (
            f"trained NER → {self.output_dir}\n"
            f"papers: {self.papers} (left out {self.excluded} gold papers)\n"
            f"weak labels: {ents}\n"
            f"iterations: {self.iterations}; loss per epoch: {losses}\n"
            f"time: {self.seconds:.1f}s; model size: {self.model_bytes / 1e6:.2f} MB"
        )


def gold_paper_keys(paths: Iterable[Path]) -> frozenset[str]:
    """Paper keys of every titled paper in the given gold JSONL files."""
    keys: set[str] = set()
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                title = str(json.loads(line).get("title") or "")
                if title.strip():
                    keys.add(paper_key(title))
    return frozenset(keys)


def weak_entities(doc: Doc) -> list[Span]:
    """The rule pipeline's confident dataset/model mentions as NER entities (no head nouns)."""
    spans: list[Span] = []
    for key, label in LABELS.items():
        for span in doc.spans.get(key, []):
            if float(span._.kg_confidence) < LINK_THRESHOLD:
                continue
            start, end = span.start, span.end
            if end - start > 1 and doc[end - 1].lower_ in _TRAILING_HEADS:
                end -= 1
            spans.append(Span(doc, start, end, label=label))
    return util.filter_spans(spans)


def make_examples(papers: Sequence[Paper], rules_nlp: Language, ner_nlp: Language) -> list[Example]:
    """Weakly labelled training examples, one per paper."""
    examples: list[Example] = []
    texts = [paper_text(p.title, p.abstract) for p in papers]
    for doc in rules_nlp.pipe(texts, batch_size=64):
        predicted = ner_nlp.make_doc(doc.text)
        ents = weak_entities(doc)
        reference = predicted.copy()
        aligned = [reference.char_span(s.start_char, s.end_char, label=s.label_) for s in ents]
        reference.ents = [s for s in aligned if s is not None]
        examples.append(Example(predicted, reference))
    return examples


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def train_ner(
    *,
    sources: list[Path] | None = None,
    output_dir: Path,
    iterations: int = 20,
    seed: int = 0,
    exclude_gold: Sequence[Path] | None = None,
) -> TrainSummary:
    """Train the NER on weak labels and write it to ``output_dir``.

    Args:
        sources: corpus files/directories; defaults to the bundled corpus.
        output_dir: where to write the spaCy pipeline (``kg/nlp/model`` to ship it).
        iterations: training epochs.
        seed: random seed (shuffling and initialisation); the same seed gives the same model.
        exclude_gold: gold files whose papers are left out; defaults to the repository's
            ``tests/data/dev_gold.jsonl``.

    Returns:
        A summary of the run.
    """
    from kg.nlp import build_nlp

    started = time.perf_counter()
    util.fix_random_seed(seed)
    corpus = read_corpus(sources if sources else [default_corpus_dir()])
    excluded_keys = gold_paper_keys(exclude_gold if exclude_gold is not None else [DEFAULT_EXCLUDE])
    # gold keys are title keys; a paper with an identifier is keyed by it (issue 19)
    papers = [p for p in corpus.papers if p.key not in excluded_keys and paper_key(p.title) not in excluded_keys]
    papers.sort(key=lambda p: p.key)

    rules_nlp = build_nlp(use_ner=False)
    config = Config().from_str(NER_CONFIG)
    nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
    examples = make_examples(papers, rules_nlp, nlp)
    counts = Counter(ent.label_ for ex in examples for ent in ex.reference.ents)

    ner = nlp.get_pipe("ner")
    for label in LABELS.values():
        ner.add_label(label)  # type: ignore[attr-defined]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    losses_per_epoch: list[float] = []
    for _ in range(iterations):
        order = list(examples)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in util.minibatch(order, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        losses_per_epoch.append(float(losses.get("ner", 0.0)))

    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    return TrainSummary(
        output_dir=str(output_dir),
        papers=len(papers),
        excluded=len(corpus.papers) - len(papers),
        entities=tuple(sorted(counts.items())),
        iterations=iterations,
        losses=tuple(losses_per_epoch),
        seconds=time.perf_counter() - started,
        model_bytes=_dir_size(output_dir),
    )
