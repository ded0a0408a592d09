"""Factory ``kg_typer``: a learned classifier that types dataset/model candidates from context.

The rules of ``kg_entities`` find candidate names and type them with hand-set cue weights;
the trained NER (``kg_ner``) proposes names the rules missed. This component decides, per
entity of a paper (all mentions sharing a key), whether it is a **dataset**, a **model** or
**none** (a metric, a method, an organisation, a plain word), from features of the name and of
the words around each of its mentions, with a multinomial logistic regression trained on the
hand-annotated abstracts of ``data/annotations/train.jsonl`` (``kg train``; issue 15).

What it decides, with the thresholds ``kg train`` chose by cross-validation on the training
set (never on the dev set), stored next to the weights in ``kg/nlp/model/typer.json``:

* a rule name whose ``none`` probability reaches ``reject`` is kept as a mention below
  ``kg.statements.LINK_THRESHOLD`` (not asserted);
* a rule name whose other type's probability reaches ``flip`` changes type;
* a rule name below the link threshold is asserted when its type's probability reaches
  ``accept``;
* a run of capitalised or name-shaped words that no extractor took (:func:`open_spans`:
  "Medbullets", "Linear Recurrent Unit", "Kvasir-VQA") becomes a name when its type's
  probability reaches ``propose`` (extractor ``kg_typer:span``); so does a name only the
  NER found (rules ``ner``/``ner_cap``: extractor ``kg_ner:<rule>``), judged like an open span.

Every span it changes carries ``._.kg_extractor`` ``kg_typer:<rule>`` (or ``kg_ner:<rule>``
for NER-found names), and ``._.kg_confidence`` the classifier's probability, so a user sees in
``mkg:extractor`` what the learned part contributed. Span groups read and rewritten:
``doc.spans["kg_datasets"]`` and ``doc.spans["kg_models"]``.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.attrs import (
    IDX,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LOWER,
    ORTH,
    SENT_START,
)
from spacy.language import Language
from spacy.tokens import Doc, Span

import kg.nlp.extensions  # noqa: F401  (declares the ._ attributes)
from kg.ids import normalize_key
from kg.known_entities import load_known_entities
from kg.nlp.components.concept_judge import (
    JudgeModel,
    decide_concept,
    doc_concept_features,
    known_concept_keys,
    load_judges,
    read_own_work_cues,
)
from kg.nlp.components.doc_text import text_of, title_end_char
from kg.nlp.components.ner_gate import resolve_model_dir
from kg.nlp.components.stateless import StatelessComponent
from kg.nlp.components.wordlists import wordlist
from kg.paths import patterns_dir
from kg.statements import LINK_THRESHOLD

DATASET_KEY = "kg_datasets"
MODEL_KEY = "kg_models"
CONCEPT_KEY = "kg_concepts"
CLASSES: tuple[str, str, str] = ("dataset", "model", "none")
TYPER_FILE = "typer.json"
#: rules whose names only the trained NER vouches for
NER_RULES = frozenset({"ner", "ner_cap"})
#: the confidence a rejected name keeps at most (below the link threshold: a mention, no link)
REJECTED_CONFIDENCE = 0.3

#: head nouns a name may end in ("MIMIC database", "Foo model"): each gives a ``head=`` feature
_HEADS = wordlist("typer_cues", "name_heads")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Probabilities at which the classifier overrides the rules.

    Attributes:
        reject: ``none`` probability at or above which a rule name is not asserted.
        flip: other-type probability at or above which a rule name changes type.
        accept: type probability at or above which an NER-only or low-confidence name is asserted.
        propose: type probability at or above which an open span becomes a name.
    """

    reject: float = 0.7
    flip: float = 0.7
    accept: float = 0.6
    propose: float = 0.8


@dataclass(frozen=True, slots=True)
class TyperModel:
    """A multinomial logistic regression over sparse binary features (pure Python inference).

    Attributes:
        weights: feature → one weight per class of :data:`CLASSES`.
        bias: one intercept per class.
        thresholds: the decision thresholds chosen by cross-validation.
    """

    weights: Mapping[str, Sequence[float]]
    bias: Sequence[float]
    thresholds: Thresholds = Thresholds()

    def predict(self, features: Iterable[str]) -> dict[str, float]:
        """Class probabilities for one entity's feature set.

        >>> m = TyperModel({"w=medqa": (2.0, 0.0, 0.0)}, (0.0, 0.0, 0.0))
        >>> p = m.predict(["w=medqa", "unseen"]); max(p, key=p.get)
        'dataset'
        """
        s0, s1, s2 = self.bias
        get = self.weights.get
        for w in map(get, set(features)):  # one C call per feature (issue 15: speed)
            if w is not None:
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
        scores = (s0, s1, s2)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(CLASSES, exps, strict=True)}

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form (features sorted, weights rounded: a stable file)."""
        return {
            "classes": list(CLASSES),
            "bias": [round(b, 5) for b in self.bias],
            "thresholds": {
                "reject": self.thresholds.reject,
                "flip": self.thresholds.flip,
                "accept": self.thresholds.accept,
                "propose": self.thresholds.propose,
            },
            "weights": {f: [round(x, 5) for x in self.weights[f]] for f in sorted(self.weights)},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TyperModel:
        """Rebuild a model written by :meth:`to_json`."""
        if tuple(data.get("classes", ())) != CLASSES:
            raise ValueError(
                f"typer model classes {data.get('classes')!r}, expected {list(CLASSES)}"
            )
        t = data.get("thresholds") or {}
        return cls(
            weights={f: tuple(float(x) for x in w) for f, w in data["weights"].items()},
            bias=tuple(float(b) for b in data["bias"]),
            thresholds=Thresholds(**{k: float(v) for k, v in t.items()}),
        )


def load_typer(path: Path) -> TyperModel:
    """Read ``typer.json``.

    Raises:
        ValueError: the file is not a typer model (message names the file).
    """
    try:
        return TyperModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, KeyError, TypeError, ValueError) as e:
        raise ValueError(f"{path}: not a readable kg_typer model ({e})") from e


# -- features -----------------------------------------------------------------------------

CUES_FILE = "typer_cues.jsonl"


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists behind the typer's dense cue features (``kg/nlp/patterns/typer_cues.jsonl``).

    The sparse context features (``l1=on``, ``sw=benchmark``) are each seen a few times in
    300 abstracts; one feature per kind of cue ("a data noun right after the name") is seen
    hundreds of times, so its weight carries to names and contexts the training set lacks.
    """

    data_heads: frozenset[str] = frozenset()
    model_heads: frozenset[str] = frozenset()
    metric_heads: frozenset[str] = frozenset()
    eval_words: frozenset[str] = frozenset()
    use_words: frozenset[str] = frozenset()
    list_joiners: frozenset[str] = frozenset()
    metric_suffixes: tuple[str, ...] = ()
    #: the rules' own name morphology (``datasets.jsonl`` kind ``suffix``, ``models.jsonl``
    #: kind ``affix``): "MedQA", "CheXbench" end like datasets, "ResNet", "BioGPT" hold a
    #: model affix
    dataset_suffixes: tuple[str, ...] = ()
    model_affixes: tuple[str, ...] = ()


def _pattern_texts(path: Path, kind: str) -> tuple[str, ...]:
    """The lower-cased ``text`` of the rows of ``kind`` in a pattern file (sorted)."""
    out: set[str] = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("kind") == kind:
                    out.add(str(row["text"]).lower())
    return tuple(sorted(out))


def read_cues(path: Path | None = None) -> Cues:
    """Read the cue word lists (each row ``{"wordlist": name, "words": [...]}``) and the
    rules' name morphology from the pattern files beside them."""
    path = path or patterns_dir() / CUES_FILE
    lists: dict[str, frozenset[str]] = {}
    suffixes: tuple[str, ...] = ()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["wordlist"] == "metric_suffixes":
                suffixes = tuple(sorted(str(w) for w in row["words"]))
            else:
                lists[str(row["wordlist"])] = frozenset(str(w) for w in row["words"])
    return Cues(
        **{k: v for k, v in lists.items() if k in Cues.__slots__},
        metric_suffixes=suffixes,
        dataset_suffixes=_pattern_texts(path.parent / "datasets.jsonl", "suffix"),
        model_affixes=_pattern_texts(path.parent / "models.jsonl", "affix"),
    )


_CUES: list[Cues] = []


def default_cues() -> Cues:
    """The shipped cue lists, read once."""
    if not _CUES:
        _CUES.append(read_cues())
    return _CUES[0]


@lru_cache(maxsize=8)
def _sentence_cue_sets(cues: Cues) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each head list as ``sw=`` features, to test a sentence's word set in one C call."""
    return tuple(
        (kind, frozenset(f"sw={w}" for w in words))
        for kind, words in (
            ("data", cues.data_heads),
            ("model", cues.model_heads),
            ("metric", cues.metric_heads),
        )
    )


def cue_features(
    left: Sequence[str], right: Sequence[str], sentence: set[str], cues: Cues
) -> list[str]:
    """Dense context cues of one mention: kinds of words around it rather than the words.

    Args:
        left: up to three lower-case words before the mention (in its sentence).
        right: up to three lower-case words after it.
        sentence: the ``sw=`` features of its sentence (see :meth:`DocView.sentence_words`).
        cues: the word lists.

    >>> c = Cues(data_heads=frozenset({"dataset"}), eval_words=frozenset({"on"}))
    >>> cue_features(["evaluated", "on"], ["dataset", "."], {"sw=dataset"}, c)
    ['cue_r_data', 'cue_s_data', 'cue_prep_on', 'cue_eval']
    """
    feats: list[str] = []
    near = right[:2]
    for (kind, in_sentence), words in zip(
        _sentence_cue_sets(cues),
        (cues.data_heads, cues.model_heads, cues.metric_heads),
        strict=True,
    ):
        if not words.isdisjoint(near):
            feats.append(f"cue_r_{kind}")
        if not words.isdisjoint(left):
            feats.append(f"cue_l_{kind}")
        if not in_sentence.isdisjoint(sentence):
            feats.append(f"cue_s_{kind}")
    if left and left[-1] in ("on", "from", "of"):
        feats.append(f"cue_prep_{left[-1]}")
    if not cues.eval_words.isdisjoint(left):
        feats.append("cue_eval")
    if not cues.use_words.isdisjoint(left):
        feats.append("cue_use")
    return feats


def word_shape(text: str) -> str:
    """A compressed spelling shape: runs of the same character class collapse.

    >>> [word_shape(t) for t in ["MedQA", "GPT-4", "Mamba", "ResNet50", "BraTS 2021"]]
    ['XxX', 'X-d', 'Xx', 'XxXxd', 'XxX d']
    """
    out: list[str] = []
    for ch in text:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def morphology_features(low: str, cues: Cues) -> list[str]:
    """Which kind of name a lower-cased name's spelling suggests.

    >>> c = Cues(dataset_suffixes=("qa",), model_affixes=("net",), metric_suffixes=("score",))
    >>> [morphology_features(t, c) for t in ("medqa", "resnet", "bartscore", "mamba")]
    [['morph_dataset'], ['morph_model'], ['morph_metric'], []]
    """
    feats: list[str] = []
    if cues.dataset_suffixes and low.endswith(cues.dataset_suffixes):
        feats.append("morph_dataset")
    if any(a in low for a in cues.model_affixes):
        feats.append("morph_model")
    if cues.metric_suffixes and low.endswith(cues.metric_suffixes):
        feats.append("morph_metric")
    return feats


def name_features(text: str, cues: Cues | None = None) -> list[str]:
    """Features of a name's own spelling.

    The name itself is not a feature: a typer that memorised the training set's names would
    not carry to papers with new ones (cross-validated, it also scored lower).

    >>> name_features("BraTS 2021")[:3]
    ['shape=XxX d', 'ntok=2', 'last=2021']
    """
    low = text.lower()
    words = low.split()
    feats = [
        f"shape={word_shape(text)}",
        f"ntok={min(len(words), 4)}",
        f"last={words[-1] if words else ''}",
        f"suf3={low[-3:]}",
        f"pre3={low[:3]}",
    ]
    if any(c.isdigit() for c in text):
        feats.append("has_digit")
    if "-" in text:
        feats.append("has_hyphen")
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        feats.append("all_caps")
    if any(c.isupper() for c in text[1:]) and any(c.islower() for c in text):
        feats.append("inner_cap")
    if words and words[-1] in _HEADS:
        feats.append(f"head={words[-1]}")
    feats += morphology_features(low, cues or default_cues())  # cached: do not mutate
    return feats


@lru_cache(maxsize=65536)
def _cached_name_features(text: str) -> tuple[str, ...]:
    """:func:`name_features` with the shipped cues, once per distinct name (issue 7: speed)."""
    return tuple(name_features(text))


class DocView:
    """The token data the features read, taken from a Doc once (issue 15: the typer's speed).

    Reading ``token.lower_``, ``span.sent`` and lexeme flags token by token for every candidate
    cost more than the rest of the typer; one ``to_array`` per Doc and lazy string lookups give
    the same values.
    """

    __slots__ = (
        "_hi",
        "_idx",
        "_lo",
        "_low",
        "_open",
        "_orth",
        "_sent_set",
        "_sent_start",
        "_sent_words",
        "_space",
        "_sw",
        "_text",
        "_typed",
        "doc",
    )

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        n = len(doc)
        # one list per attribute (issue 15: speed)
        attrs = [LOWER, IS_SPACE, IS_LOWER, IS_ALPHA, SENT_START, ORTH, IS_PUNCT, IS_STOP, IDX]
        lower, space, is_lower, is_alpha, sent_start, orth, punct, stop, idx = (
            doc.to_array(attrs).T.tolist() if n else ([], [], [], [], [], [], [], [], [])
        )
        self._text = text_of(doc)
        self._idx: list[int] = idx
        self._sent_start = [v == 1 for v in sent_start]
        self._open = _open_mask_of(doc, orth, punct, space, stop)
        self._orth = lower
        self._low = _strings_of(doc, lower)
        self._space = [bool(v) for v in space]
        self._sw = [bool(a) and bool(b) for a, b in zip(is_lower, is_alpha, strict=True)]
        self._lo = [0] * n
        self._hi = [n] * n
        if doc.has_annotation("SENT_START"):
            # sentence bounds from the SENT_START column (iterating doc.sents builds every Token)
            starts = [i for i, v in enumerate(sent_start) if v == 1 or i == 0]
            for a, b in zip(starts, [*starts[1:], n], strict=True):
                self._lo[a:b] = [a] * (b - a)
                self._hi[a:b] = [b] * (b - a)
        self._sent_words: dict[int, list[str]] = {}
        self._sent_set: dict[int, set[str]] = {}
        self._typed: tuple[dict[int, str], dict[int, str]] | None = None

    def lower(self, i: int) -> str:
        """The lower-cased text of token ``i``."""
        return self._low[i]

    def span_text(self, span: Span) -> str:
        """``span.text`` of a span of this Doc, sliced from the Doc's text (no Token objects)."""
        return self._text[span.start_char : span.end_char]

    def first_token_from(self, char: int) -> int:
        """The first token starting at or after character ``char`` (``len(doc)`` when none)."""
        return bisect_left(self._idx, char)

    def open_mask(self) -> list[bool]:
        """:func:`_open_mask` of the Doc."""
        return self._open

    def sent_starts(self) -> list[bool]:
        """True for each token that opens a sentence (SENT_START 1)."""
        return self._sent_start

    def bounds(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence of token ``i`` (the whole Doc without sentences)."""
        return self._lo[i], self._hi[i]

    def sentence_words(self, i: int) -> list[str]:
        """``sw=`` features of the lower-case words of token ``i``'s sentence (cached)."""
        lo, hi = self.bounds(i)
        words = self._sent_words.get(lo)
        if words is None:
            low, sw = self._low, self._sw
            words = self._sent_words[lo] = [f"sw={low[k]}" for k in range(lo, hi) if sw[k]]
        return words

    def sentence_set(self, i: int) -> set[str]:
        """:meth:`sentence_words` as a set (cached)."""
        lo = self._lo[i]
        words = self._sent_set.get(lo)
        if words is None:
            words = self._sent_set[lo] = set(self.sentence_words(i))
        return words

    def typed_bounds(self) -> tuple[dict[int, str], dict[int, str]]:
        """(start token → type, end token → type) of the Doc's asserted dataset/model spans
        (confidence at the link threshold or above), read once."""
        if self._typed is None:
            starts: dict[int, str] = {}
            ends: dict[int, str] = {}
            for key in (DATASET_KEY, MODEL_KEY):
                for span in self.doc.spans.get(key, ()):
                    if float(span._.kg_confidence or 0.0) >= LINK_THRESHOLD:
                        starts[span.start] = span.label_
                        ends[span.end] = span.label_
            self._typed = (starts, ends)
        return self._typed

    def list_mates(self, start: int, end: int, joiners: frozenset[str]) -> list[str]:
        """``mate=<type>`` for an asserted name joined to ``start:end`` by list joiners only
        ("MedQA, Medbullets and JAMA": Medbullets's mates are datasets)."""
        starts, ends = self.typed_bounds()
        out: list[str] = []
        k = start - 1
        while k >= 0 and (self._space[k] or self.lower(k) in joiners):
            k -= 1
        if k < start - 1 and k + 1 in ends:
            out.append(f"mate={ends[k + 1]}")
        n = len(self._orth)
        k = end
        while k < n and (self._space[k] or self.lower(k) in joiners):
            k += 1
        if k > end and k in starts:
            out.append(f"mate={starts[k]}")
        return out

    def context(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """Up to three non-space lower-cased words each side of ``start:end``, in its sentence."""
        lo, hi = self.bounds(start)
        low, space = self._low, self._space
        left = [low[k] for k in range(max(lo, start - 3), start) if not space[k]]
        right = [low[k] for k in range(end, min(hi, end + 3)) if not space[k]]
        return left, right


_STRINGS: dict[int, str] = {}


def _strings_of(doc: Doc, hashes: list[int]) -> list[str]:
    """The strings of ``hashes`` (from ``doc.vocab``), through a bounded process-wide cache.

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["MedQA", "on"])
    >>> _strings_of(doc, [doc.vocab.strings["on"]])
    ['on']
    """
    if len(_STRINGS) > 200_000:  # bounded: a long build meets millions of words
        _STRINGS.clear()
    get = _STRINGS.get
    out = [get(h) for h in hashes]
    if None in out:
        strings = doc.vocab.strings
        for k, h in enumerate(hashes):
            if out[k] is None:
                out[k] = _STRINGS[h] = strings[h]
    return out  # type: ignore[return-value]


def context_features(
    span: Span, title_end_char: int, view: DocView | None = None, cues: Cues | None = None
) -> list[str]:
    """Features of the words around one mention (lower-cased, within its sentence).

    Args:
        span: the mention.
        title_end_char: where the title ends.
        view: the Doc's :class:`DocView` (built here when not given).
        cues: the cue word lists (the shipped ones when not given).
    """
    view = view or DocView(span.doc)
    cues = cues or default_cues()
    left, right = view.context(span.start, span.end)
    l1 = left[-1] if left else "<s>"
    l2 = left[-2] if len(left) > 1 else "<s>"
    r1 = right[0] if right else "</s>"
    r2 = right[1] if len(right) > 1 else "</s>"
    feats = [f"l1={l1}", f"l2={l2}", f"r1={r1}", f"r2={r2}", f"l21={l2}_{l1}", f"r12={r1}_{r2}"]
    feats += [f"lw={w}" for w in left] + [f"rw={w}" for w in right]
    # the sentence's lower-case words: "benchmark", "trained", "accuracy" anywhere in it
    feats += view.sentence_words(span.start)
    if span.start_char < title_end_char:
        feats.append("in_title")
    if span.start == view.bounds(span.start)[0]:
        feats.append("sent_start")
    if l1 == "(" and r1 == ")":
        feats.append("in_parens")
    feats += cue_features(left, right, view.sentence_set(span.start), cues)
    feats += view.list_mates(span.start, span.end, cues.list_joiners)
    return feats


def rule_features(span: Span) -> list[str]:
    """What the rules said about a mention: rule, type, role and a confidence band."""
    ext = span._  # one extension view for the three reads (issue 15: speed)
    rule = str(ext.kg_extractor or "").rpartition(":")[2]
    conf = float(ext.kg_confidence or 0.0)
    band = "hi" if conf >= 0.85 else "mid" if conf >= LINK_THRESHOLD else "lo"
    return [
        f"rule={rule}",
        f"rtype={span.label_}",
        f"role={ext.kg_role}",
        f"conf={band}",
        f"rule_type={rule}_{span.label_}",
    ]


def entity_features(
    spans: Sequence[Span], title_end_char: int, view: DocView | None = None
) -> list[str]:
    """The feature set of one entity of a Doc: its surfaces, contexts and rule verdicts (sorted)."""
    feats: set[str] = set()
    view = view or DocView(spans[0].doc)
    for span in spans:
        feats.update(_cached_name_features(view.span_text(span)))
        feats.update(context_features(span, title_end_char, view))
        feats.update(rule_features(span))
    if len(spans) > 1:
        feats.add("repeated")
    return sorted(feats)


def title_end(doc: Doc, separator: str = "\n\n") -> int:
    """Character offset where the title ends (0 when the Doc has no title separator)."""
    return title_end_char(text_of(doc), separator)


def entities_of(doc: Doc) -> dict[str, list[Span]]:
    """The dataset/model spans of a Doc grouped by entity key, in order of first mention."""
    groups: dict[str, list[Span]] = {}
    for key in (DATASET_KEY, MODEL_KEY):
        for span in doc.spans.get(key, ()):
            groups.setdefault(span.kb_id_, []).append(span)
    return groups


# -- decisions ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """The typer's verdict on one entity.

    Attributes:
        entity_type: "dataset" or "model" (the rules' type unless flipped).
        confidence: new confidence, or None to keep each mention's own.
        extractor: new extractor name, or None to keep the rules'.
    """

    entity_type: str
    confidence: float | None
    extractor: str | None


def decide(
    rule_type: str, rule_conf: float, rule: str, probs: Mapping[str, float], t: Thresholds
) -> Decision:
    """Combine the rules' verdict on an entity with the classifier's probabilities.

    Args:
        rule_type: the rules' type ("dataset" or "model").
        rule_conf: the rules' entity confidence (max over its mentions).
        rule: the rule of its most confident mention.
        probs: class probabilities from :meth:`TyperModel.predict`.
        t: the thresholds.

    Returns:
        The decision (unchanged type and no overrides when the classifier is not sure).

    >>> t = Thresholds(reject=0.7, flip=0.7, accept=0.6)
    >>> decide("model", 0.7, "name_shape", {"dataset": 0.8, "model": 0.1, "none": 0.1}, t)
    Decision(entity_type='dataset', confidence=0.8, extractor='kg_typer:name_shape')
    """
    other = "dataset" if rule_type == "model" else "model"
    if rule in NER_RULES:
        # a name only the NER found is an open span the NER vouches for: judged like one
        best = max(("dataset", "model"), key=lambda c: probs[c])
        if probs[best] >= t.propose:
            return Decision(best, round(max(probs[best], LINK_THRESHOLD), 3), f"kg_ner:{rule}")
        return Decision(
            rule_type, round(min(probs[best], LINK_THRESHOLD - 0.01), 3), f"kg_ner:{rule}"
        )
    if rule_conf < LINK_THRESHOLD:
        best = max(("dataset", "model"), key=lambda c: probs[c])
        if probs[best] >= t.accept:
            return Decision(best, round(probs[best], 3), f"kg_typer:{rule}")
        return Decision(rule_type, None, None)
    if probs["none"] >= t.reject:
        return Decision(
            rule_type, round(min(1.0 - probs["none"], REJECTED_CONFIDENCE), 3), f"kg_typer:{rule}"
        )
    if probs[other] >= t.flip:
        return Decision(other, round(probs[other], 3), f"kg_typer:{rule}")
    return Decision(rule_type, None, None)


def _is_open_token(token: Any) -> bool:
    """A word that could be part of a name: capitalised or mixed with digits, not a stop word."""
    text = token.text
    if len(text) < 2 or token.is_space or token.is_punct or token.is_stop:
        return False
    return any(c.isupper() for c in text) or (
        any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
    )


_NAMEY: dict[int, bool] = {}


def _open_mask(doc: Doc) -> list[bool]:
    """:func:`_is_open_token` for every token, from one ``to_array`` and a per-word cache."""
    if not len(doc):
        return []
    orth, punct, space, stop = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IS_STOP]).T.tolist()
    return _open_mask_of(doc, orth, punct, space, stop)


def _namey(text: str) -> bool:
    """The spelling half of :func:`_is_open_token`: two characters or more, capitalised or
    letters mixed with digits."""
    return len(text) >= 2 and (
        any(c.isupper() for c in text)
        or (any(c.isdigit() for c in text) and any(c.isalpha() for c in text))
    )


def _open_mask_of(
    doc: Doc, orth: list[int], punct: list[int], space: list[int], stop: list[int]
) -> list[bool]:
    """:func:`_open_mask` from the Doc's ORTH, IS_PUNCT, IS_SPACE and IS_STOP columns."""
    if len(_NAMEY) > 200_000:  # bounded: a long build meets millions of words
        _NAMEY.clear()
    hits = [_NAMEY.get(h) for h in orth]
    if None in hits:
        strings = doc.vocab.strings
        for k, h in enumerate(orth):
            if hits[k] is None:
                hits[k] = _NAMEY[h] = _namey(strings[h])
    return [
        bool(hit) and not (p or sp or st)
        for hit, p, sp, st in zip(hits, punct, space, stop, strict=True)
    ]


def open_spans(
    doc: Doc, blocked: set[int], first: int = 0, max_len: int = 6, view: DocView | None = None
) -> list[tuple[int, int]]:
    """Runs of name-like tokens from ``first`` on that no extractor took, within sentences.

    Args:
        doc: the Doc.
        blocked: token indices inside spans other extractors made.
        first: the first token to look at (the abstract's, to skip the title-case title).
        max_len: longest run, in tokens.
        view: the Doc's :class:`DocView` (its token columns are read when given).

    Returns:
        (start, end) token ranges, in order.
    """
    out: list[tuple[int, int]] = []
    n = len(doc)
    if view is not None:
        is_open, sent_start = view.open_mask(), view.sent_starts()
    else:
        is_open = _open_mask(doc)
        sent_start = [v == 1 for v in doc.to_array([SENT_START]).tolist()] if n else []
    i = first
    while i < n:
        if i in blocked or not is_open[i]:
            i += 1
            continue
        j = i + 1
        while j < n and j - i < max_len and j not in blocked and not sent_start[j] and is_open[j]:
            j += 1
        out.append((i, j))
        i = j
    return out


def propose(probs: Mapping[str, float], t: Thresholds) -> str | None:
    """The type of an open span when the classifier is sure enough, else None.

    >>> propose({"dataset": 0.85, "model": 0.1, "none": 0.05}, Thresholds(propose=0.8))
    'dataset'
    >>> propose({"dataset": 0.75, "model": 0.2, "none": 0.05}, Thresholds(propose=0.8)) is None
    True
    """
    best = max(("dataset", "model"), key=lambda c: probs[c])
    return best if probs[best] >= t.propose else None


def open_entities(
    doc: Doc,
    title_end_char: int,
    is_known: Callable[[str], bool] | None = None,
    view: DocView | None = None,
) -> dict[str, list[Span]]:
    """Open spans of a Doc's abstract (see :func:`open_spans`) grouped by normalised key.

    Args:
        doc: the processed Doc.
        title_end_char: where the title ends (its title-case words are not looked at).
        is_known: True for curated names; those are left to the rules, whose keys resolve
            them to the curated entity (an open "ViT" keyed ``vit`` would be a second entity
            beside the curated Vision Transformer).
        view: the Doc's :class:`DocView` (built here when not given).
    """
    view = view or DocView(doc)
    blocked: set[int] = set()
    for key in (DATASET_KEY, MODEL_KEY, CONCEPT_KEY):
        for span in doc.spans.get(key, ()):
            blocked.update(range(span.start, span.end))
    first = view.first_token_from(title_end_char) if title_end_char else 0
    groups: dict[str, list[Span]] = {}
    first_texts: dict[str, str] = {}
    for start, end in open_spans(doc, blocked, first, view=view):
        span = Span(doc, start, end, label="")
        text = view.span_text(span)
        key = normalize_key(text)
        if key and not (is_known is not None and is_known(text)):
            span.kb_id_ = key
            groups.setdefault(key, []).append(span)
            first_texts.setdefault(key, text)
    # a plain capitalised word seen once ("Experiments", "Deep") is almost never a name: of 840
    # such open spans in the training annotations 5 were; judging them cost a third of the time
    return {k: g for k, g in groups.items() if len(g) > 1 or not _plain_word(g[0], first_texts[k])}


def _plain_word(span: Span, text: str | None = None) -> bool:
    """One token, capitalised, the rest lower-case letters: "Experiments", "Mamba".

    >>> nlp = __import__("spacy").blank("en"); doc = nlp("Mamba ResNet UKB GPT4")
    >>> [_plain_word(doc[i : i + 1]) for i in range(4)]
    [True, False, False, False]
    """
    text = span.text if text is None else text
    return len(span) == 1 and text[:1].isupper() and text[1:].isalpha() and text[1:].islower()


def _main_rule(spans: Sequence[Span]) -> tuple[float, str]:
    """(confidence, rule) of the most confident of an entity's spans (the first on a tie)."""
    exts = [s._ for s in spans]
    confs = [float(e.kg_confidence or 0.0) for e in exts]
    best = confs.index(max(confs))
    return confs[best], str(exts[best].kg_extractor or "").rpartition(":")[2]


@Language.factory(
    "kg_typer", default_config={"model": "model", "title_separator": "\n\n"}, assigns=["doc.spans"]
)
def make_span_typer(nlp: Language, name: str, model: str, title_separator: str) -> SpanTyper:
    """Build the ``kg_typer`` component (see :class:`SpanTyper`)."""
    return SpanTyper(nlp, name, model=model, title_separator=title_separator)


class SpanTyper(StatelessComponent):
    """Retype, reject or accept the dataset/model entities of ``kg_entities`` (see the module doc).

    Reads and rewrites ``doc.spans["kg_datasets"]`` and ``doc.spans["kg_models"]``; a span it
    decides gets ``label_``, ``._.kg_confidence`` and ``._.kg_extractor`` from the decision.

    Attributes:
        model: the classifier, or None (then the component changes nothing).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_typer",
        *,
        model: str | Path = "model",
        title_separator: str = "\n\n",
        typer: TyperModel | None = None,
        judges: Mapping[str, JudgeModel] | None = None,
    ) -> None:
        self.name = name
        self.title_separator = title_separator
        path = resolve_model_dir(model) / TYPER_FILE
        self.model: TyperModel | None = (
            typer if typer is not None else load_typer(path) if path.exists() else None
        )
        #: concept type → its judge (the paper's own concept or not; :mod:`.concept_judge`);
        #: a type without a model file has none
        self.judges: dict[str, JudgeModel] = (
            dict(judges) if judges is not None else load_judges(resolve_model_dir(model))
        )
        self.own_work_cues = read_own_work_cues()
        self.known_concepts = known_concept_keys()
        self.known = load_known_entities()

    def __call__(self, doc: Doc) -> Doc:
        active = [etype for etype, judge in self.judges.items() if judge.thresholds.active]
        if active:
            self.judge_concepts(doc, active)
        if self.model is None:
            return doc
        groups = entities_of(doc)
        end = title_end(doc, self.title_separator)
        view = DocView(doc)
        datasets: list[Span] = []
        models: list[Span] = []
        for spans in groups.values():
            conf, rule = _main_rule(spans)
            if rule in NER_RULES:
                # the typer learned open spans from the rules-only pipeline: describe it as one
                feats = entity_features([Span(doc, s.start, s.end) for s in spans], end, view)
            else:
                feats = entity_features(spans, end, view)
            probs = self.model.predict(feats)
            d = decide(spans[0].label_, conf, rule, probs, self.model.thresholds)
            for span in spans:
                out = span
                if d.entity_type != span.label_ or d.confidence is not None:
                    out = Span(doc, span.start, span.end, label=d.entity_type, kb_id=span.kb_id_)
                    out._.kg_role = span._.kg_role
                    out._.kg_confidence = (
                        d.confidence if d.confidence is not None else span._.kg_confidence
                    )
                    out._.kg_extractor = d.extractor or span._.kg_extractor
                (datasets if d.entity_type == "dataset" else models).append(out)
        for spans in open_entities(doc, end, self.is_known, view).values():
            probs = self.model.predict(entity_features(spans, end, view))
            etype = propose(probs, self.model.thresholds)
            if etype is None:
                continue
            for span in spans:
                out = Span(doc, span.start, span.end, label=etype, kb_id=span.kb_id_)
                out._.kg_role = "uses"
                out._.kg_confidence = round(probs[etype], 3)
                out._.kg_extractor = "kg_typer:span"
                (datasets if etype == "dataset" else models).append(out)
        datasets.sort(key=lambda s: s.start)
        models.sort(key=lambda s: s.start)
        doc.spans[DATASET_KEY] = datasets
        doc.spans[MODEL_KEY] = models
        return doc

    def judge_concepts(self, doc: Doc, concept_types: Sequence[str]) -> None:
        """Assert or demote each entity of ``concept_types`` in ``doc.spans["kg_concepts"]`` by
        its type's judge (:func:`kg.nlp.components.concept_judge.decide_concept`); its spans
        then carry extractor ``kg_typer:<type>:<rule>`` and the judge's confidence."""
        end = title_end(doc, self.title_separator)
        new_conf: dict[tuple[str, str], float] = {}
        for etype in concept_types:
            judge = self.judges[etype]
            judged = doc_concept_features(
                doc, end, self.own_work_cues, self.known_concepts.get(etype, frozenset()), etype
            )
            for key, (spans, feats) in judged.items():
                conf = max(float(s._.kg_confidence or 0.0) for s in spans)
                decided = decide_concept(conf, judge.predict(feats), judge.thresholds)
                if decided is not None:
                    new_conf[(etype, key)] = decided
        if not new_conf:
            return
        out: list[Span] = []
        for span in doc.spans[CONCEPT_KEY]:
            decided = new_conf.get((span.label_, span.kb_id_))
            if decided is not None:
                rule = str(span._.kg_extractor or "").rpartition(":")[2]
                etype = span.label_
                span = Span(doc, span.start, span.end, label=etype, kb_id=span.kb_id_)
                span._.kg_confidence = decided
                span._.kg_extractor = f"kg_typer:{etype}:{rule}"
            out.append(span)
        doc.spans[CONCEPT_KEY] = out

    def is_known(self, text: str) -> bool:
        """True for a name of the curated table (left to the rules)."""
        return self.known.lookup(text) is not None

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs one by one."""
        for doc in stream:
            yield self(doc)
