"""The learned judges of concept mentions: is a task, modality or metric the paper's own?

The rules of ``kg_concepts`` find every task, modality and metric a paper names, including the
ones it names only as motivation ("Diagnosis is hard ..."), as examples ("tasks like
classification"), as what other work did or as data it does not use ("unlike biomedical
literature, ..."). One judge per concept type scores each entity of that type in a paper (all
its mentions sharing a key) with a binary logistic regression over features of where and how the
paper names it (title, own-work sentences, the words around it, the rule that found it, how
often), trained on the hand-annotated abstracts of ``data/annotations/train.jsonl`` by
``kg train`` (label: the annotation lists that concept for the paper). Run by ``kg_typer`` (the
learned part: the ablation removes it with the NER and the typer); weights and thresholds in
``kg/nlp/model/`` (:data:`JUDGE_FILES`).

Decisions, with thresholds chosen by cross-validation on the training set only (a judge whose
thresholds do not raise held-out F1 in nested cross-validation ships inactive):

* a concept the rules assert (confidence >= ``kg.statements.LINK_THRESHOLD``) whose probability
  is below ``reject`` is kept as a mention below the link threshold (not asserted);
* a concept the rules keep below the threshold (background, ad-hoc phrase) whose probability
  reaches ``accept`` is asserted.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from spacy.attrs import LOWER, SENT_START
from spacy.tokens import Doc, Span

from kg.entity_types import TYPES
from kg.nlp.components.implied_tasks import RULE_PREFIX as IMPLIED_PREFIX
from kg.nlp.components.wordlists import wordlist
from kg.nlp.vocabulary import load_vocabulary
from kg.paths import patterns_dir
from kg.statements import LINK_THRESHOLD

#: the model file of each concept type's judge, under the model directory ("tasks.json")
JUDGE_FILES: Mapping[str, str] = MappingProxyType(
    {t.name: f"{t.plural}.json" for t in TYPES if not t.open_ended}
)
#: the confidence a rejected concept keeps at most (below the link threshold: a mention, no link)
REJECTED_CONFIDENCE = 0.45
#: words that introduce examples of tasks, not the paper's own ("tasks such as X", "like X")
_EXAMPLE_CUES = wordlist("concepts_wordlists", "example_cues")


@dataclass(frozen=True, slots=True)
class JudgeThresholds:
    """Probabilities at which the judge overrides the rules.

    Attributes:
        reject: an asserted concept whose probability is below this is not asserted.
        accept: a concept below the link threshold whose probability reaches this is asserted.
    """

    reject: float = 0.0
    accept: float = 1.01

    @property
    def active(self) -> bool:
        """Whether these thresholds can change any decision (probabilities lie in [0, 1]).

        >>> JudgeThresholds().active, JudgeThresholds(accept=0.9).active
        (False, True)
        """
        return self.reject > 0.0 or self.accept <= 1.0


@dataclass(frozen=True, slots=True)
class JudgeModel:
    """A binary logistic regression over sparse binary features (pure Python inference).

    Attributes:
        weights: feature → weight (positive: the paper's own concept).
        bias: the intercept.
        thresholds: the decision thresholds chosen by cross-validation.
    """

    weights: Mapping[str, float]
    bias: float
    thresholds: JudgeThresholds = JudgeThresholds()

    def predict(self, features: Iterable[str]) -> float:
        """Probability that the concept is the paper's own.

        >>> round(JudgeModel({"in_title": 2.0}, 0.0).predict(["in_title", "unseen"]), 3)
        0.881
        """
        get = self.weights.get
        score = self.bias + sum(get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-score)) if score > -30 else 0.0

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form (features sorted, weights rounded: a stable file)."""
        return {
            "bias": round(self.bias, 5),
            "thresholds": {"reject": self.thresholds.reject, "accept": self.thresholds.accept},
            "weights": {f: round(self.weights[f], 5) for f in sorted(self.weights)},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> JudgeModel:
        """Rebuild a model written by :meth:`to_json`."""
        t = data.get("thresholds") or {}
        return cls(
            weights={f: float(w) for f, w in data["weights"].items()},
            bias=float(data["bias"]),
            thresholds=JudgeThresholds(**{k: float(v) for k, v in t.items()}),
        )


def load_judge_model(path: Path) -> JudgeModel:
    """Read a judge's model file (:data:`JUDGE_FILES`).

    Raises:
        ValueError: the file is not a judge model (message names the file).
    """
    try:
        return JudgeModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, KeyError, TypeError, ValueError) as e:
        raise ValueError(f"{path}: not a readable judge model ({e})") from e


def known_concept_keys() -> dict[str, frozenset[str]]:
    """Per judged concept type, the keys of its vocabulary concepts (a closed set, so a judge
    may learn a weight per key)."""
    vocabulary = load_vocabulary()
    return {t: frozenset(c.key for c in vocabulary.of_type(t)) for t in JUDGE_FILES}


def load_judges(model_dir: Path) -> dict[str, JudgeModel]:
    """The judges whose model file (:data:`JUDGE_FILES`) is in ``model_dir``, by concept type.

    Raises:
        ValueError: a model file is unreadable (message names the file).
    """
    return {
        etype: load_judge_model(model_dir / name)
        for etype, name in JUDGE_FILES.items()
        if (model_dir / name).exists()
    }


# -- features -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JudgeContext:
    """What the features read of one Doc, computed once per Doc.

    Attributes:
        sent_of: token index → sentence number (0 is the title when the Doc has one).
        n_sents: number of sentences.
        own: per sentence, whether it speaks of the paper's own work ("we", "our", ...).
        first_own: the first own-work sentence of the abstract, or -1.
        title_end_token: the first token after the title (0 without a title).
        lower: token index → lower-cased text.
        n_concepts: entities of the judged type in the Doc.
    """

    sent_of: Sequence[int]
    n_sents: int
    own: Sequence[bool]
    first_own: int
    title_end_token: int
    lower: Sequence[str]
    n_concepts: int


def read_own_work_cues(path: Path | None = None) -> frozenset[str]:
    """The ``own_work_cues`` word list of ``concepts_wordlists.jsonl`` (the words that show a
    sentence speaks of the paper's own work; the task rules read the same list)."""
    path = path or patterns_dir() / "concepts_wordlists.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("wordlist") == "own_work_cues":
                return frozenset(str(w) for w in row["words"])
    return frozenset()


def judge_context(
    doc: Doc, title_end_char: int, cues: frozenset[str], n_concepts: int
) -> JudgeContext:
    """Read once per Doc what :func:`concept_features` needs (one ``to_array``, no Token objects).

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> c = judge_context(nlp("Diagnosis is hard. We segment scans."), 0, frozenset({"we"}), 1)
    >>> c.sent_of[:5], c.own, c.first_own
    ([0, 0, 0, 0, 1], [False, True], 1)
    """
    rows = doc.to_array([LOWER, SENT_START]).tolist() if len(doc) else []
    strings = doc.vocab.strings
    lower = [strings[r[0]] for r in rows]
    sent_of: list[int] = []
    sent = -1
    for i, r in enumerate(rows):
        if i == 0 or r[1] == 1:
            sent += 1
        sent_of.append(sent)
    n_sents = sent + 1
    own = [False] * n_sents
    for i, word in enumerate(lower):
        if word in cues:
            own[sent_of[i]] = True
    title_end_token = 0
    if title_end_char:
        while title_end_token < len(doc) and doc[title_end_token].idx < title_end_char:
            title_end_token += 1
    title_sent = sent_of[title_end_token - 1] if title_end_token else -1
    first_own = next((i for i in range(title_sent + 1, n_sents) if own[i]), -1)
    return JudgeContext(sent_of, n_sents, own, first_own, title_end_token, lower, n_concepts)


def concept_entities(
    doc: Doc, concept_type: str = "task", span_key: str = "kg_concepts"
) -> dict[str, list[Span]]:
    """The spans of one concept type in a Doc grouped by key, in order of first mention.

    Tasks implied by a benchmark (``kg_implied_tasks``) are left out: that component runs
    after the judges, so a judge trained on a Doc that holds them would learn from candidates
    it never sees at run time."""
    groups: dict[str, list[Span]] = {}
    for span in doc.spans.get(span_key, ()):
        if str(span._.kg_extractor or "").startswith(IMPLIED_PREFIX):
            continue
        if span.label_ == concept_type and span.kb_id_:
            groups.setdefault(span.kb_id_, []).append(span)
    return groups


def doc_concept_features(
    doc: Doc,
    title_end_char: int,
    cues: frozenset[str],
    known: frozenset[str],
    concept_type: str = "task",
) -> dict[str, tuple[list[Span], list[str]]]:
    """Every entity of ``concept_type`` in a Doc with its feature set (key → (mentions,
    features)); ``known``: the type's vocabulary keys."""
    groups = concept_entities(doc, concept_type)
    if not groups:
        return {}
    ctx = judge_context(doc, title_end_char, cues, len(groups))
    texts = {k: [s.text.lower() for s in spans] for k, spans in groups.items()}
    out: dict[str, tuple[list[Span], list[str]]] = {}
    for key, spans in groups.items():
        others = [t for k, ts in texts.items() if k != key for t in ts]
        out[key] = (spans, concept_features(spans, ctx, key in known, others))
    return out


def bucket(n: int, top: int) -> str:
    """``n`` as a feature value, capped: ``top`` stands for ``top`` and more.

    >>> [bucket(n, 3) for n in (0, 2, 3, 9)]
    ['0', '2', '3+', '3+']
    """
    return f"{top}+" if n >= top else str(n)


def mention_rule(extractor: str) -> tuple[str, list[str]]:
    """The rule of a concept mention and its tags ("vocab:pref+background" → pref, [background]).

    >>> mention_rule("pref+background")
    ('pref', ['background'])
    """
    base, *tags = extractor.rpartition(":")[2].split("+")
    return base, tags


def concept_features(
    spans: Sequence[Span], ctx: JudgeContext, known: bool, others: Sequence[str]
) -> list[str]:
    """The feature set of one concept entity of a Doc (sorted).

    Args:
        spans: its mentions (``kg_concepts`` spans sharing a key).
        ctx: the Doc's :class:`JudgeContext`.
        known: the concept is in the vocabulary (its key is then a feature: a closed set).
        others: the lower-cased texts of the Doc's other mentions of the type.
    """
    feats: set[str] = {f"known={known}", f"nconcepts={bucket(ctx.n_concepts, 5)}"}
    key = spans[0].kb_id_
    if known:
        feats.add(f"key={key}")
    sents = sorted({ctx.sent_of[s.start] for s in spans})
    in_title = any(s.start < ctx.title_end_token for s in spans)
    if in_title:
        feats.add("in_title")
    abstract_sents = [i for i in sents if not (ctx.title_end_token and i == 0)]
    feats.add(f"mentions={bucket(len(spans), 4)}")
    feats.add(f"sents={bucket(len(abstract_sents), 3)}")
    if abstract_sents:
        first = abstract_sents[0] - (1 if ctx.title_end_token else 0)
        feats.add(f"first_sent={bucket(first, 4)}")
        last = ctx.n_sents - 1
        if abstract_sents[-1] == last:
            feats.add("in_last_sent")
        if ctx.first_own >= 0 and abstract_sents[0] < ctx.first_own:
            feats.add("before_own")
    if any(ctx.own[i] for i in sents):
        feats.add("in_own_sent")
    elif not in_title:
        feats.add("never_own")
    longest = max(spans, key=len)
    words = longest.text.lower().split()
    feats.add(f"ntok={bucket(len(words), 4)}")
    if words:
        feats.add(f"head={words[-1]}")
    conf = max(float(s._.kg_confidence or 0.0) for s in spans)
    feats.add("conf=" + ("hi" if conf >= 0.85 else "mid" if conf >= LINK_THRESHOLD else "lo"))
    for s in spans:
        base, tags = mention_rule(str(s._.kg_extractor or ""))
        feats.add(f"rule={base}")
        feats.update(f"tag={t}" for t in tags)
        left = [ctx.lower[k] for k in range(max(0, s.start - 3), s.start)]
        right = [ctx.lower[k] for k in range(s.end, min(len(ctx.lower), s.end + 2))]
        feats.add(f"l1={left[-1] if left else '<s>'}")
        feats.add(f"r1={right[0] if right else '</s>'}")
        feats.update(f"lw={w}" for w in left)
        feats.update(f"rw={w}" for w in right)
        if any(w in _EXAMPLE_CUES for w in left):
            feats.add("after_example_cue")
    text = longest.text.lower()
    if any(o != text and o in text for o in others):
        feats.add("holds_other")
    if any(o != text and text in o for o in others):
        feats.add("inside_other")
    return sorted(feats)


# -- decisions ----------------------------------------------------------------------------


def decide_concept(rule_conf: float, prob: float, t: JudgeThresholds) -> float | None:
    """The new confidence of a concept entity, or None to keep the rules' confidences.

    >>> t = JudgeThresholds(reject=0.3, accept=0.7)
    >>> decide_concept(0.9, 0.2, t), decide_concept(0.9, 0.3, t), decide_concept(0.45, 0.7, t)
    (0.2, None, 0.7)
    """
    if rule_conf >= LINK_THRESHOLD:
        if prob < t.reject:
            return round(min(prob, REJECTED_CONFIDENCE), 3)
        return None
    if prob >= t.accept:
        return round(max(prob, LINK_THRESHOLD), 3)
    return None
