"""Train the learned part of the pipeline from hand annotations (``kg train``; issue 15).

Two models, both shipped in ``kg/nlp/model`` and both trained on the annotation files
``data/annotations/sources.txt`` lists (the bundled corpus's papers outside the dev set,
annotated by hand by the guidelines, synthetic name records, and the written proxy sets that are
no longer blind; see ``data/annotations/README.md``), never on the dev set:

* the **NER** (``ner/``, run by ``kg_ner`` around the capitalised words the rules leave open):
  its DATASET/MODEL spans are every occurrence in the text of an annotated dataset or model
  name or alias (document-level labels located as token spans, :func:`locate_spans`);
* the **typer** (``typer.json``, run by ``kg_typer``): a logistic regression over features of
  each candidate entity the rules and the NER propose (:mod:`kg.nlp.components.span_typer`),
  and over the runs of capitalised words no extractor took, labelled dataset / model / none by
  matching the annotations. Its candidates come from the rules-only pipeline (so it never
  learns to trust an NER on the papers that NER was trained on), and its decision thresholds
  are chosen on out-of-fold probabilities over k folds (:func:`choose_thresholds`).

``kg train --cv K`` prints k-fold cross-validated scores of the whole learned part
(:func:`cross_validate`: per fold, an NER and a typer trained on the other folds).

The NER is deliberately narrow (hash embeddings of NORM/PREFIX/SUFFIX/SHAPE, width 32, depth 1,
window 1, no hidden layer) so that the pipeline stays fast and the model small. Training is
deterministic for a seed: the same annotations and seed give byte-identical files.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy import util
from spacy.language import Language
from spacy.training import Example
from thinc.api import Config

from kg.corpus.models import paper_text
from kg.errors import InputError
from kg.ids import normalize_key, paper_key
from kg.known_entities import load_known_entities
from kg.nlp.components.concept_judge import (
    JUDGE_FILES,
    JudgeModel,
    JudgeThresholds,
    decide_concept,
    doc_concept_features,
    known_concept_keys,
    read_own_work_cues,
)
from kg.nlp.components.span_typer import (
    CLASSES,
    TYPER_FILE,
    Thresholds,
    TyperModel,
    decide,
    entities_of,
    entity_features,
    open_entities,
    propose,
    title_end,
)
from kg.paths import dev_gold_path, repo_root
from kg.statements import LINK_THRESHOLD

#: gold entity type → NER label
LABELS: dict[str, str] = {"dataset": "DATASET", "model": "MODEL"}
#: the types the learned part decides (the typer: dataset, model; the concept judges: the rest)
CV_TYPES: tuple[str, ...] = ("dataset", "model", *JUDGE_FILES)
#: the concept types whose judge ``kg train`` ships (each still switched on only by the
#: cross-validated test of :func:`ship_judge_thresholds`). Not modality: on our annotations a
#: modality judge passes that test (5-fold CV modality F1 0.775 against 0.753 for the rules), but
#: on the dev set it lowers modality F1 from 0.809 to 0.766: the training annotations count
#: fewer of the modalities an abstract names (0.83 per paper, the rules' precision 0.75) than
#: the dev set's annotators (0.95, precision 0.88), so a judge learned from them rejects
#: modalities the dev and held-out annotators count. Reconcile the conventions, then add it.
SHIPPED_JUDGES: tuple[str, ...] = ("task", "metric")
#: the list of annotation files ``kg train`` reads when given none (data/annotations/README.md)
DEFAULT_SOURCES = repo_root() / "data" / "annotations" / "sources.txt"
#: the repository's dev gold (its papers are never trained on)
DEFAULT_EXCLUDE = dev_gold_path()
#: folds for the out-of-fold NER candidates the typer learns from
DEFAULT_FOLDS = 5
#: the typer's L2 regularisation (inverse strength, scikit-learn's C)
TYPER_C = 0.5
#: the concept judges' L2 regularisation (inverse strength)
JUDGE_C = 0.3
#: the out-of-fold F1 gain below which a concept judge overrides nothing
JUDGE_MIN_GAIN = 0.005
#: a concept judge ships active only when its held-out gain over the rules holds in this share
#: of bootstrap resamples of the annotated papers (a one-sided 95% test: with a few hundred
#: candidates, a gain of a few F1 points can be the luck of the draw)
JUDGE_CONFIDENCE = 0.95
#: bootstrap resamples behind that test
JUDGE_RESAMPLES = 1000
#: the rule name of open spans (see ``kg.nlp.components.span_typer.open_spans``)
SPAN_RULE = "span"
#: the fold of the synthetic records' candidates: never held out, so in every fold's training
SYNTHETIC_FOLD = -1
#: threshold grid searched by cross-validation ("1.01": never)
_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)

#: the concept judges' reject thresholds searched ("0.0": never reject)
_REJECT_GRID = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)

#: the concept judges' accept thresholds searched ("1.01": never accept)
_ACCEPT_GRID = (0.3, 0.35, 0.4, 0.45, *_GRID)

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
class Candidate:
    """One entity the rules (and NER) proposed in a training paper, with its gold label.

    Attributes:
        features: :func:`kg.nlp.components.span_typer.entity_features` of the entity.
        label: "dataset", "model" or "none" (matched against the annotations).
        rule_type: the rules' type.
        rule_conf: the rules' confidence (max over mentions).
        rule: the rule of the most confident mention.
        fold: the fold of its paper.
    """

    features: tuple[str, ...]
    label: str
    rule_type: str
    rule_conf: float
    rule: str
    fold: int
    #: the annotated entity it matches ("<paper>:<type>:<index>"; "" for none): the evaluation
    #: matches one prediction per annotated entity, so a second candidate of the same entity
    #: ("PES" beside "Polish Board Certification Exam" keyed apart) is a false positive
    gold: str = ""


@dataclass(frozen=True, slots=True)
class JudgeCandidate:
    """One concept entity (task, modality, metric) the rules found in a training paper, with
    its gold label.

    Attributes:
        features: :func:`kg.nlp.components.concept_judge.concept_features` of the entity.
        own: the annotation lists the concept for the paper (matched like the evaluation).
        rule_conf: the rules' confidence (max over mentions).
        fold: the fold of its paper.
        paper: the index of its paper.
    """

    features: tuple[str, ...]
    own: bool
    rule_conf: float
    fold: int
    paper: int = 0


@dataclass(frozen=True, slots=True)
class TypeCounts:
    """Document-level counts for one type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: TypeCounts) -> TypeCounts:
        return TypeCounts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """TP / (TP + FP)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class TrainSummary:
    """What a training run did.

    Attributes:
        output_dir: where the models were written.
        papers: annotated papers trained on.
        synthetic: synthetic records trained on (names only).
        excluded: annotated papers left out because an evaluation gold file holds them.
        entities: NER training spans per label.
        iterations: NER training epochs.
        losses: NER loss after each epoch.
        candidates: typer training candidates per gold label.
        thresholds: the typer thresholds chosen by cross-validation.
        judges: per concept type: its judge's candidates (not the paper's, the paper's own)
            and the thresholds chosen by cross-validation (inactive: the judge overrides
            nothing).
        seconds: wall-clock training time.
        model_bytes: size of the written model on disk.
    """

    output_dir: str
    papers: int
    excluded: int
    entities: tuple[tuple[str, int], ...]
    iterations: int
    losses: tuple[float, ...]
    candidates: tuple[tuple[str, int], ...] = ()
    thresholds: Thresholds = field(default_factory=Thresholds)
    judges: tuple[tuple[str, int, int, JudgeThresholds], ...] = ()
    seconds: float = 0.0
    model_bytes: int = 0
    synthetic: int = 0

    def to_text(self) -> str:
        """A short human-readable report."""
        ents = ", ".join(f"{label} {n}" for label, n in self.entities)
        cands = ", ".join(f"{label} {n}" for label, n in self.candidates)
        losses = " ".join(f"{x:.1f}" for x in self.losses)
        t = self.thresholds
        judges = "".join(
            f"{etype} judge candidates: not the paper's {no}, own {own}; "
            + (f"thresholds reject {jt.reject} accept {jt.accept}\n" if jt.active else "off\n")
            for etype, no, own, jt in self.judges
        )
        return (
            f"trained NER and typer → {self.output_dir}\n"
            f"papers: {self.papers} (left out {self.excluded} evaluation papers); "
            f"synthetic records: {self.synthetic}\n"
            f"NER spans: {ents}\n"
            f"NER iterations: {self.iterations}; loss per epoch: {losses}\n"
            f"typer candidates: {cands}; thresholds reject {t.reject} flip {t.flip} "
            f"accept {t.accept} propose {t.propose}\n"
            f"{judges}"
            f"time: {self.seconds:.1f}s; model size: {self.model_bytes / 1e6:.2f} MB"
        )


# -- data ---------------------------------------------------------------------------------


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


def read_training_rows(
    paths: Sequence[Path], exclude_gold: Sequence[Path]
) -> tuple[list[dict[str, Any]], int]:
    """Annotated papers to train on (gold format), without the papers of ``exclude_gold``.

    Returns:
        The rows sorted by paper key (a stable order, whatever the files' order), and how many
        were left out.

    Raises:
        InputError: a file cannot be read or a line is not an annotated paper (file and line).
    """
    from kg.evaluate import read_gold

    excluded_keys = gold_paper_keys(exclude_gold)
    rows: list[dict[str, Any]] = []
    left_out = 0
    for path in paths:
        for row in read_gold(Path(path)):
            if not str(row.get("title") or "").strip():
                raise InputError(
                    f"{path}: a training paper needs a title ({str(row.get('abstract'))[:40]!r}...)"
                )
            if paper_key(str(row["title"])) in excluded_keys:
                left_out += 1
                continue
            rows.append(row)
    rows.sort(key=lambda r: paper_key(str(r["title"])))
    return rows, left_out


def read_sources(path: Path, root: Path) -> list[Path]:
    """The annotation files a sources list names: one path per line, relative to ``root``;
    blank lines and ``#`` comments are skipped.

    Raises:
        InputError: the list cannot be read, or a line names a file that does not exist
            (list and line number).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"{path}: cannot read the list of annotation files ({e})") from e
    files: list[Path] = []
    for number, line in enumerate(lines, start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        file = root / entry
        if not file.is_file():
            raise InputError(f"{path}:{number}: no annotation file {entry!r}")
        files.append(file)
    return files


def default_annotations() -> list[Path]:
    """The annotation files ``kg train`` reads when given none: those ``sources.txt`` lists
    (the hand-annotated corpus papers, the synthetic records and the written abstracts)."""
    return read_sources(DEFAULT_SOURCES, repo_root())


def is_synthetic(row: dict[str, Any]) -> bool:
    """Whether an annotated record is written for training (``"synthetic": true``), not a paper.

    >>> is_synthetic({"synthetic": True}), is_synthetic({"title": "A paper"})
    (True, False)
    """
    return row.get("synthetic") is True


def split_synthetic(
    rows: Sequence[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The real papers and the synthetic records of ``rows``, each in the given order.

    Synthetic records only add training examples of names (NER spans, typer candidates in every
    fold); folds, thresholds, judges and every score are the real papers' alone.
    """
    real = [r for r in rows if not is_synthetic(r)]
    return real, [r for r in rows if is_synthetic(r)]


def row_text(row: dict[str, Any]) -> str:
    """The text the pipeline reads for an annotated paper."""
    return paper_text(str(row.get("title") or ""), str(row["abstract"]))


def locate_spans(text: str, entities: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Character spans of every occurrence of an annotated dataset/model name or alias.

    Names are matched as written (the annotations copy them from the text), between word
    boundaries; where occurrences overlap the longest wins.

    >>> locate_spans("We train GPT-4 on MedQA and MedQA-USMLE.",
    ...              {"dataset": [{"name": "MedQA", "aliases": ["MedQA-USMLE"]}],
    ...               "model": [{"name": "GPT-4"}]})
    [(9, 14, 'MODEL'), (18, 23, 'DATASET'), (28, 39, 'DATASET')]
    """
    found: list[tuple[int, int, str]] = []
    for etype, label in LABELS.items():
        for entity in entities.get(etype) or []:
            forms = {str(entity.get("name") or ""), *(str(a) for a in entity.get("aliases") or [])}
            for form in forms:
                if len(form.strip()) < 2:
                    continue
                for m in re.finditer(rf"(?<!\w){re.escape(form.strip())}(?!\w)", text):
                    found.append((m.start(), m.end(), label))
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0], s[2]))
    kept: list[tuple[int, int, str]] = []
    for s in found:
        if all(s[1] <= k[0] or s[0] >= k[1] for k in kept):
            kept.append(s)
    return sorted(kept)


def ner_examples(rows: Sequence[dict[str, Any]], nlp: Language) -> list[Example]:
    """NER training examples: each paper's text with its located names as entities."""
    examples: list[Example] = []
    for row in rows:
        text = row_text(row)
        predicted = nlp.make_doc(text)
        reference = predicted.copy()
        ents = []
        for start, end, label in locate_spans(text, row.get("entities") or {}):
            span = reference.char_span(start, end, label=label)
            if span is None:  # a name the tokenizer splits inside a token: fit to whole tokens
                span = reference.char_span(start, end, label=label, alignment_mode="contract")
            if span is not None and len(span):
                ents.append(span)
        reference.ents = util.filter_spans(ents)
        examples.append(Example(predicted, reference))
    return examples


def fold_of(index: int, folds: int) -> int:
    """The fold of the ``index``-th paper (papers sorted by key; round robin)."""
    return index % folds


def entity_label(spans: Sequence[Any], entities: dict[str, Any]) -> str:
    """Gold label of a predicted entity: the annotated type it matches, else "none".

    The match is the evaluation's (``kg.evaluate``): any surface form or the key normalises like
    an annotated name or alias. A name annotated as both types takes the rules' type.
    """
    return entity_match(spans, entities)[0]


def entity_match(spans: Sequence[Any], entities: dict[str, Any]) -> tuple[str, int]:
    """:func:`entity_label` and the index of the annotated entity matched (-1 for "none").

    >>> class S:
    ...     def __init__(self, text): self.text, self.kb_id_, self.label_ = text, "", "dataset"
    >>> gold = {"dataset": [{"name": "MedQA"}, {"name": "PES", "aliases": ["Polish Exam"]}]}
    >>> entity_match([S("Polish Exam")], gold), entity_match([S("GPT-4")], gold)
    (('dataset', 1), ('none', -1))
    """
    labels = {normalize_key(s.text) for s in spans} | {spans[0].kb_id_}
    labels.discard("")
    matched = [
        (etype, i)
        for etype in LABELS
        for i, g in enumerate(entities.get(etype) or [])
        if labels & {normalize_key(f) for f in [str(g.get("name", "")), *(g.get("aliases") or [])]}
    ]
    if not matched:
        return "none", -1
    same = [m for m in matched if m[0] == spans[0].label_]
    return (same or matched)[0]


def gold_counts(rows: Sequence[dict[str, Any]]) -> Counter[str]:
    """Annotated datasets and models in the rows, per type."""
    counts: Counter[str] = Counter()
    for row in rows:
        for etype in LABELS:
            counts[etype] += len((row.get("entities") or {}).get(etype) or [])
    return counts


# -- training -----------------------------------------------------------------------------


def train_ner_model(
    rows: Sequence[dict[str, Any]], *, iterations: int, seed: int
) -> tuple[Language, list[float], Counter[str]]:
    """Train the NER on the located names of ``rows``.

    Returns:
        The trained one-component pipeline, the loss per epoch and the span counts per label.
    """
    util.fix_random_seed(seed)
    nlp = util.load_model_from_config(Config().from_str(NER_CONFIG), auto_fill=True, validate=True)
    examples = ner_examples(rows, nlp)
    counts = Counter(ent.label_ for ex in examples for ent in ex.reference.ents)
    ner = nlp.get_pipe("ner")
    for label in LABELS.values():
        ner.add_label(label)
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
    return nlp, losses_per_epoch, counts


def _rules_pipeline() -> Language:
    """The medkg pipeline without the learned part: the candidates the typer learns to judge."""
    from kg.nlp import build_nlp

    return build_nlp(use_ner=False)


def doc_candidates(
    doc: Any,
    entities: dict[str, Any],
    fold: int,
    is_known: Callable[[str], bool] | None = None,
    paper: int = 0,
) -> list[Candidate]:
    """The typer's candidates in one processed paper: the rules' entities and the open spans."""
    out: list[Candidate] = []
    end = title_end(doc)

    def gold_id(label: str, index: int) -> str:
        return f"{paper}:{label}:{index}" if index >= 0 else ""

    for spans in entities_of(doc).values():
        best = max(spans, key=lambda s: float(s._.kg_confidence or 0.0))
        label, index = entity_match(spans, entities)
        out.append(
            Candidate(
                features=tuple(entity_features(spans, end)),
                label=label,
                rule_type=spans[0].label_,
                rule_conf=float(best._.kg_confidence or 0.0),
                rule=str(best._.kg_extractor or "").rpartition(":")[2],
                fold=fold,
                gold=gold_id(label, index),
            )
        )
    for spans in open_entities(doc, end, is_known).values():
        label, index = entity_match(spans, entities)
        out.append(
            Candidate(
                features=tuple(entity_features(spans, end)),
                label=label,
                rule_type="",
                rule_conf=0.0,
                rule=SPAN_RULE,
                fold=fold,
                gold=gold_id(label, index),
            )
        )
    return out


def concept_candidates(
    doc: Any,
    row: dict[str, Any],
    fold: int,
    paper: int,
    cues: frozenset[str],
    known: frozenset[str],
    concept_type: str = "task",
    links: Sequence[Any] | None = None,
) -> list[JudgeCandidate]:
    """A concept judge's candidates in one processed paper: every entity of ``concept_type``,
    labelled by whether the annotation lists it (matched like the evaluation: any label in
    common). ``links``: the paper's extracted links, when already made."""
    from kg.evaluate import gold_labels, link_labels, match_sets
    from kg.extract import doc_extraction

    judged = doc_concept_features(doc, title_end(doc), cues, known, concept_type)
    if not judged:
        return []
    if links is None:
        title, abstract = str(row.get("title") or ""), str(row["abstract"])
        links = doc_extraction(doc, "p", title, abstract).links
    labels = {lk.key: link_labels(lk) for lk in links if lk.entity_type == concept_type}
    keys = list(judged)
    gold = [gold_labels(g) for g in (row.get("entities") or {}).get(concept_type) or []]
    # one-to-one like the evaluation: of a variant and its canonical task matching one
    # annotated task, one is the paper's task and the other a second entity (a false positive)
    matched = {p for p, _ in match_sets([labels.get(k, frozenset({k})) for k in keys], gold)}
    out: list[JudgeCandidate] = []
    for i, key in enumerate(keys):
        spans, feats = judged[key]
        out.append(
            JudgeCandidate(
                features=tuple(feats),
                own=i in matched,
                rule_conf=max(float(s._.kg_confidence or 0.0) for s in spans),
                fold=fold,
                paper=paper,
            )
        )
    return out


def collect_all_candidates(
    rows: Sequence[dict[str, Any]],
    folds: int,
    nlp: Language | None = None,
    *,
    synthetic: Sequence[dict[str, Any]] = (),
) -> tuple[list[Candidate], dict[str, list[JudgeCandidate]]]:
    """Run the rules-only pipeline over ``rows`` once: the typer's candidates and each concept
    judge's (by type), each with its gold label and fold.

    Args:
        rows: the annotated papers (fold :func:`fold_of` their index).
        folds: k.
        nlp: the rules-only pipeline (built when not given).
        synthetic: records whose typer candidates follow, in fold -1 (trained on in every
            fold, never held out); they annotate only names, so they give the concept judges
            nothing.
    """
    from kg.extract import doc_extraction

    nlp = nlp or _rules_pipeline()
    known = load_known_entities()
    cues = read_own_work_cues()
    known_concepts = known_concept_keys()
    out: list[Candidate] = []
    judged: dict[str, list[JudgeCandidate]] = {t: [] for t in JUDGE_FILES}
    docs = nlp.pipe((row_text(r) for r in rows), batch_size=32)
    for i, (row, doc) in enumerate(zip(rows, docs, strict=True)):
        out += doc_candidates(
            doc,
            row.get("entities") or {},
            fold_of(i, folds),
            lambda text: known.lookup(text) is not None,
            paper=i,
        )
        title, abstract = str(row.get("title") or ""), str(row["abstract"])
        links = doc_extraction(doc, "p", title, abstract).links
        for etype, cands in judged.items():
            cands += concept_candidates(
                doc, row, fold_of(i, folds), i, cues, known_concepts[etype], etype, links
            )
    synthetic_docs = nlp.pipe((row_text(r) for r in synthetic), batch_size=32)
    for j, (row, doc) in enumerate(zip(synthetic, synthetic_docs, strict=True)):
        out += doc_candidates(
            doc,
            row.get("entities") or {},
            SYNTHETIC_FOLD,
            lambda text: known.lookup(text) is not None,
            paper=len(rows) + j,
        )
    return out, judged


def collect_candidates(
    rows: Sequence[dict[str, Any]], folds: int, nlp: Language | None = None
) -> list[Candidate]:
    """Run the rules-only pipeline over ``rows``; every candidate with its gold label and fold."""
    return collect_all_candidates(rows, folds, nlp)[0]


def fit_judge(
    candidates: Sequence[JudgeCandidate],
    *,
    c: float = JUDGE_C,
    thresholds: JudgeThresholds | None = None,
) -> JudgeModel:
    """Fit a concept judge's logistic regression on labelled candidates (deterministic:
    lbfgs). Features with all-zero weights after rounding are dropped."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([dict.fromkeys(cand.features, 1.0) for cand in candidates])
    y = [int(cand.own) for cand in candidates]
    if len(set(y)) < 2:  # one class only: a constant judge that never overrides
        return JudgeModel({}, 20.0 if y and y[0] else -20.0, thresholds or JudgeThresholds())
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y)
    weights = {
        name: float(clf.coef_[0][j])
        for j, name in enumerate(vec.feature_names_)
        if abs(clf.coef_[0][j]) >= 5e-4
    }
    return JudgeModel(
        weights=weights, bias=float(clf.intercept_[0]), thresholds=thresholds or JudgeThresholds()
    )


def judge_oof_probabilities(candidates: Sequence[JudgeCandidate], folds: int) -> list[float]:
    """Each candidate's probability from a judge fitted on the other folds' candidates."""
    probs = [0.0] * len(candidates)
    for f in range(folds):
        model = fit_judge([c for c in candidates if c.fold != f])
        for i, cand in enumerate(candidates):
            if cand.fold == f:
                probs[i] = model.predict(cand.features)
    return probs


def simulate_judge(
    candidates: Sequence[JudgeCandidate], probs: Sequence[float], gold: int, t: JudgeThresholds
) -> TypeCounts:
    """Counts of one concept type if its judge decided with thresholds ``t`` (``gold``: the
    annotated entities of the type)."""
    tp = fp = 0
    for cand, p in zip(candidates, probs, strict=True):
        decided = decide_concept(cand.rule_conf, p, t)
        conf = cand.rule_conf if decided is None else decided
        if conf < LINK_THRESHOLD:
            continue
        if cand.own:
            tp += 1
        else:
            fp += 1
    return TypeCounts(tp, fp, max(gold - tp, 0))


def choose_judge_thresholds(
    candidates: Sequence[JudgeCandidate], probs: Sequence[float], gold: int
) -> JudgeThresholds:
    """The reject/accept thresholds that maximise F1 of :func:`simulate_judge` (grid
    search; ties keep the more conservative pair: lower reject, higher accept). The judge
    overrides nothing unless that raises F1 by :data:`JUDGE_MIN_GAIN` (on ~500 candidates a
    smaller gain is noise)."""
    best = JudgeThresholds()
    best_score = simulate_judge(candidates, probs, gold, best).f1 + JUDGE_MIN_GAIN
    for r in _REJECT_GRID:
        for a in _ACCEPT_GRID:
            t = JudgeThresholds(reject=r, accept=a)
            f1 = simulate_judge(candidates, probs, gold, t).f1
            if f1 > best_score + 1e-9:
                best, best_score = t, f1
    return best


def nested_judge_decisions(
    candidates: Sequence[JudgeCandidate],
    probs: Sequence[float],
    rows: Sequence[dict[str, Any]],
    folds: int,
    concept_type: str = "task",
) -> dict[int, tuple[TypeCounts, TypeCounts]]:
    """Per held-out paper, its counts of ``concept_type`` with the judge (thresholds chosen
    on the other folds) and with the rules alone: whether choosing thresholds at all pays on
    papers the choice did not see. Papers of the folds present without candidates count their
    annotated entities as misses.

    Returns:
        paper index → (with the judge, rules alone).
    """
    out: dict[int, tuple[TypeCounts, TypeCounts]] = {}
    present = sorted({c.fold for c in candidates})  # cross_validate passes all folds but one
    for f in present:
        inside = [i for i, c in enumerate(candidates) if c.fold != f]
        t = choose_judge_thresholds(
            [candidates[i] for i in inside],
            [probs[i] for i in inside],
            gold_count_of(
                [
                    r
                    for i, r in enumerate(rows)
                    if fold_of(i, folds) in present and fold_of(i, folds) != f
                ],
                concept_type,
            ),
        )
        by_paper: dict[int, list[int]] = {i: [] for i in range(len(rows)) if fold_of(i, folds) == f}
        for i, c in enumerate(candidates):
            if c.fold == f:
                by_paper.setdefault(c.paper, []).append(i)
        for paper, held in by_paper.items():
            gold = gold_count_of(rows[paper : paper + 1], concept_type) if paper < len(rows) else 0
            cands = [candidates[i] for i in held]
            ps = [probs[i] for i in held]
            out[paper] = (
                simulate_judge(cands, ps, gold, t),
                simulate_judge(cands, ps, gold, JudgeThresholds()),
            )
    return out


def _pooled(counts: Iterable[TypeCounts]) -> TypeCounts:
    return sum(counts, TypeCounts())


def gain_confidence(
    decisions: Mapping[int, tuple[TypeCounts, TypeCounts]],
    *,
    resamples: int = JUDGE_RESAMPLES,
    seed: int = 0,
) -> float:
    """The share of bootstrap resamples of the papers (with replacement, a fixed seed) in which
    the judge's pooled F1 beats the rules': how sure a held-out gain is not the luck of which
    papers were annotated.

    >>> win = (TypeCounts(1, 0, 0), TypeCounts(0, 1, 1))
    >>> gain_confidence({0: win, 1: win}), gain_confidence({0: win, 1: (win[1], win[0])}) < 1
    (1.0, True)
    """
    papers = sorted(decisions)
    if not papers:
        return 0.0
    rng = random.Random(seed)
    wins = 0
    for _ in range(resamples):
        sample = [decisions[rng.choice(papers)] for _ in papers]
        if _pooled(j for j, _ in sample).f1 > _pooled(r for _, r in sample).f1:
            wins += 1
    return wins / resamples


def ship_judge_thresholds(
    candidates: Sequence[JudgeCandidate],
    probs: Sequence[float],
    rows: Sequence[dict[str, Any]],
    folds: int,
    concept_type: str = "task",
) -> JudgeThresholds:
    """A concept judge's shipped thresholds: chosen on every paper's out-of-fold
    probabilities, but only when :func:`nested_judge_decisions` shows the choice raising
    held-out F1 of ``concept_type`` in at least :data:`JUDGE_CONFIDENCE` of bootstrap
    resamples of the papers (:func:`gain_confidence`); else none (the judge then overrides
    nothing and ``kg_typer`` skips it)."""
    decisions = nested_judge_decisions(candidates, probs, rows, folds, concept_type)
    if gain_confidence(decisions) < JUDGE_CONFIDENCE:
        return JudgeThresholds()
    present = {c.fold for c in candidates}
    return choose_judge_thresholds(
        candidates,
        probs,
        gold_count_of(
            [r for i, r in enumerate(rows) if fold_of(i, folds) in present], concept_type
        ),
    )


def gold_count_of(rows: Sequence[dict[str, Any]], entity_type: str = "task") -> int:
    """Annotated entities of ``entity_type`` in the rows."""
    return sum(len((r.get("entities") or {}).get(entity_type) or []) for r in rows)


def fit_typer(
    candidates: Sequence[Candidate], *, c: float = TYPER_C, thresholds: Thresholds | None = None
) -> TyperModel:
    """Fit the typer's logistic regression on labelled candidates (deterministic: lbfgs).

    Features with all-zero weights after rounding are dropped, which keeps the file small.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([dict.fromkeys(cand.features, 1.0) for cand in candidates])
    y = [CLASSES.index(cand.label) for cand in candidates]
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y)
    # scikit-learn drops the rows of classes absent from y: put them back as very unlikely
    coef = [[0.0] * len(vec.feature_names_) for _ in CLASSES]
    bias = [-20.0] * len(CLASSES)
    for row, cls in enumerate(clf.classes_):
        coef[int(cls)] = [float(v) for v in clf.coef_[row if len(clf.classes_) > 2 else 0]]
        bias[int(cls)] = float(clf.intercept_[row if len(clf.classes_) > 2 else 0])
    weights = {
        name: tuple(coef[k][j] for k in range(len(CLASSES)))
        for j, name in enumerate(vec.feature_names_)
        if any(abs(coef[k][j]) >= 5e-4 for k in range(len(CLASSES)))
    }
    return TyperModel(weights=weights, bias=tuple(bias), thresholds=thresholds or Thresholds())


def simulate(
    candidates: Sequence[Candidate],
    probs: Sequence[dict[str, float]],
    totals: Counter[str],
    t: Thresholds | None,
) -> dict[str, TypeCounts]:
    """Document-level counts per type if the typer decided with thresholds ``t`` (None: rules
    alone). Like the evaluation, one asserted candidate per annotated entity is a true
    positive; another of the same entity is a false positive."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    seen: set[str] = set()
    for cand, p in zip(candidates, probs, strict=True):
        etype, conf = cand.rule_type, cand.rule_conf
        if cand.rule == SPAN_RULE:
            proposed = propose(p, t) if t is not None else None
            if proposed is None:
                continue
            etype, conf = proposed, max(p[proposed], LINK_THRESHOLD)
        elif t is not None:
            d = decide(cand.rule_type, cand.rule_conf, cand.rule, p, t)
            etype = d.entity_type
            conf = d.confidence if d.confidence is not None else cand.rule_conf
        if conf < LINK_THRESHOLD:
            continue
        if cand.label == etype and not (cand.gold and cand.gold in seen):
            tp[etype] += 1
            if cand.gold:
                seen.add(cand.gold)
        else:
            fp[etype] += 1
    return {e: TypeCounts(tp[e], fp[e], max(totals[e] - tp[e], 0)) for e in LABELS}


def choose_thresholds(
    candidates: Sequence[Candidate], probs: Sequence[dict[str, float]], totals: Counter[str]
) -> Thresholds:
    """The thresholds that maximise the mean dataset/model F1 of :func:`simulate`.

    Coordinate ascent over the grid (reject and flip together, then accept, then propose; twice),
    starting from "never override"; ties keep the higher, more conservative threshold.
    """
    never = _GRID[-1]
    best = Thresholds(reject=never, flip=never, accept=never, propose=never)

    def score(t: Thresholds) -> float:
        counts = simulate(candidates, probs, totals, t)
        return sum(c.f1 for c in counts.values()) / len(counts)

    best_score = score(best)
    for _ in range(2):
        trials: list[list[Thresholds]] = [
            [Thresholds(r, f, best.accept, best.propose) for r in _GRID for f in _GRID],
            [Thresholds(best.reject, best.flip, a, best.propose) for a in _GRID],
            [Thresholds(best.reject, best.flip, best.accept, p) for p in _GRID],
        ]
        for options in trials:
            for t in sorted(options, key=lambda x: (-x.reject, -x.flip, -x.accept, -x.propose)):
                s = score(t)
                if s > best_score + 1e-9:
                    best, best_score = t, s
    return best


def fold_judge(
    candidates: Sequence[JudgeCandidate],
    probs: Sequence[float],
    rows: Sequence[dict[str, Any]],
    folds: int,
    held_out: int,
    concept_type: str,
) -> JudgeModel:
    """The judge ``kg train`` would ship without fold ``held_out``: fitted on the other folds'
    candidates, with thresholds chosen (or switched off) on them alone."""
    others = [i for i, c in enumerate(candidates) if c.fold != held_out]
    return fit_judge(
        [candidates[i] for i in others],
        thresholds=ship_judge_thresholds(
            [candidates[i] for i in others], [probs[i] for i in others], rows, folds, concept_type
        ),
    )


def train_fold_ners(
    rows: Sequence[dict[str, Any]],
    *,
    folds: int,
    iterations: int,
    seed: int,
    workdir: Path,
    synthetic: Sequence[dict[str, Any]] = (),
) -> list[Path]:
    """One NER per fold, trained on the other folds' papers and every synthetic record (for
    cross-validation)."""
    dirs: list[Path] = []
    for f in range(folds):
        train_rows = [r for i, r in enumerate(rows) if fold_of(i, folds) != f]
        train_rows += synthetic
        ner_nlp, _, _ = train_ner_model(train_rows, iterations=iterations, seed=seed)
        ner_dir = workdir / f"fold{f}"
        ner_nlp.to_disk(ner_dir)
        dirs.append(ner_dir)
    return dirs


def oof_probabilities(candidates: Sequence[Candidate], folds: int) -> list[dict[str, float]]:
    """Each candidate's probabilities from a typer fitted on the other folds' candidates."""
    probs: list[dict[str, float] | None] = [None] * len(candidates)
    for f in range(folds):
        model = fit_typer([c for c in candidates if c.fold != f])
        for i, cand in enumerate(candidates):
            if cand.fold == f:
                probs[i] = model.predict(cand.features)
    return [p if p is not None else {} for p in probs]


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def train_models(
    *,
    annotations: Sequence[Path] | None = None,
    output_dir: Path,
    iterations: int = 20,
    seed: int = 0,
    folds: int = DEFAULT_FOLDS,
    exclude_gold: Sequence[Path] | None = None,
) -> TrainSummary:
    """Train the NER and the typer on annotated papers and write both to ``output_dir``.

    Args:
        annotations: gold-format JSONL files; defaults to those ``data/annotations/sources.txt``
            lists (:func:`default_annotations`).
        output_dir: where to write them (``kg/nlp/model`` to ship them).
        iterations: NER training epochs.
        seed: random seed; the same seed and data give the same files.
        folds: folds for the out-of-fold candidates and the thresholds (at least 2).
        exclude_gold: gold files whose papers are left out; defaults to the dev set.

    Returns:
        A summary of the run.

    Raises:
        InputError: unreadable annotations, or too few papers for the folds.
    """
    started = time.perf_counter()
    all_rows, left_out = read_training_rows(
        list(annotations) if annotations else default_annotations(),
        list(exclude_gold) if exclude_gold is not None else [DEFAULT_EXCLUDE],
    )
    rows, synthetic = split_synthetic(all_rows)
    if folds < 2 or len(rows) < folds:
        raise InputError(
            f"training needs at least {max(folds, 2)} annotated papers and 2 folds "
            f"(got {len(rows)} papers, {folds} folds)"
        )
    candidates, concept_cands = collect_all_candidates(rows, folds, synthetic=synthetic)
    probs = oof_probabilities(candidates, folds)
    scored = [i for i, c in enumerate(candidates) if c.fold != SYNTHETIC_FOLD]
    thresholds = choose_thresholds(
        [candidates[i] for i in scored], [probs[i] for i in scored], gold_counts(rows)
    )
    typer = fit_typer(candidates, thresholds=thresholds)
    judges = {
        etype: fit_judge(
            cands,
            thresholds=ship_judge_thresholds(
                cands, judge_oof_probabilities(cands, folds), rows, folds, etype
            ),
        )
        for etype, cands in concept_cands.items()
        if etype in SHIPPED_JUDGES
    }
    ner_nlp, losses, counts = train_ner_model([*rows, *synthetic], iterations=iterations, seed=seed)

    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    ner_nlp.to_disk(output_dir)
    (output_dir / TYPER_FILE).write_text(
        json.dumps(typer.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    for etype, judge in judges.items():
        (output_dir / JUDGE_FILES[etype]).write_text(
            json.dumps(judge.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8"
        )
    return TrainSummary(
        output_dir=str(output_dir),
        papers=len(rows),
        synthetic=len(synthetic),
        excluded=left_out,
        entities=tuple(sorted(counts.items())),
        iterations=iterations,
        losses=tuple(losses),
        candidates=tuple(sorted(Counter(c.label for c in candidates).items())),
        thresholds=thresholds,
        judges=tuple(
            (
                etype,
                sum(not c.own for c in concept_cands[etype]),
                sum(c.own for c in concept_cands[etype]),
                judge.thresholds,
            )
            for etype, judge in judges.items()
        ),
        seconds=time.perf_counter() - started,
        model_bytes=_dir_size(output_dir),
    )


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """k-fold cross-validated scores on the training set, with and without the learned part.

    Attributes:
        folds: k.
        papers: annotated papers.
        learned: per type (dataset, model), counts pooled over the held-out folds with the
            fold's NER and typer.
        rules: the same papers with the rules alone.
        thresholds: the thresholds chosen in each fold (on the other folds).
        synthetic: synthetic records added to every fold's training (never scored).
    """

    folds: int
    papers: int
    learned: dict[str, TypeCounts]
    rules: dict[str, TypeCounts]
    thresholds: tuple[Thresholds, ...]
    synthetic: int = 0

    def to_text(self) -> str:
        """A P/R/F1 table per type, learned part vs rules alone."""
        lines = [
            f"{self.folds}-fold cross-validation on {self.papers} annotated papers "
            f"(held-out folds pooled; {self.synthetic} synthetic records in every fold's "
            "training)",
            f"{'type':<10}{'':<8}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}",
        ]
        for etype in CV_TYPES:
            for name, counts in (("learned", self.learned), ("rules", self.rules)):
                c = counts[etype]
                lines.append(
                    f"{etype:<10}{name:<8}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
                    f"{c.tp:>6}{c.fp:>6}{c.fn:>6}"
                )
        for name, counts in (("learned", self.learned), ("rules", self.rules)):
            lines.append(f"mean F1 {name}: {sum(c.f1 for c in counts.values()) / len(counts):.3f}")
        return "\n".join(lines)


def _eval_counts(rows: Sequence[dict[str, Any]], nlp: Language) -> dict[str, TypeCounts]:
    from kg.evaluate import evaluate_extractions, extract_gold_papers

    report = evaluate_extractions(rows, extract_gold_papers(rows, nlp))
    return {
        t.entity_type: TypeCounts(t.tp, t.fp, t.fn)
        for t in report.types
        if t.entity_type in CV_TYPES
    }


def _add(a: dict[str, TypeCounts], b: dict[str, TypeCounts]) -> dict[str, TypeCounts]:
    return {e: a[e] + b[e] for e in CV_TYPES}


def cross_validate(
    *,
    annotations: Sequence[Path] | None = None,
    folds: int = DEFAULT_FOLDS,
    iterations: int = 20,
    seed: int = 0,
    exclude_gold: Sequence[Path] | None = None,
) -> CrossValidation:
    """k-fold cross-validation of the learned part on the annotated papers.

    In each fold the held-out papers run through the pipeline with an NER trained on the other
    folds and a typer fitted on the other folds' (out-of-fold) candidates, with thresholds
    chosen on the other folds' out-of-fold probabilities: nothing of a held-out paper is seen.
    Scores are the evaluation's document-level matches (``kg.evaluate``), pooled over folds.

    Args:
        annotations: gold-format JSONL files; defaults to those ``data/annotations/sources.txt``
            lists (:func:`default_annotations`).
        folds: k (at least 2).
        iterations: NER training epochs.
        seed: random seed.
        exclude_gold: gold files whose papers are left out; defaults to the dev set.

    Returns:
        The pooled scores, learned part and rules alone.
    """
    from kg.nlp import build_nlp

    all_rows, _ = read_training_rows(
        list(annotations) if annotations else default_annotations(),
        list(exclude_gold) if exclude_gold is not None else [DEFAULT_EXCLUDE],
    )
    rows, synthetic = split_synthetic(all_rows)
    if folds < 2 or len(rows) < folds:
        raise InputError(
            f"cross-validation needs at least {max(folds, 2)} annotated papers and 2 folds "
            f"(got {len(rows)} papers, {folds} folds)"
        )
    zero = {e: TypeCounts() for e in CV_TYPES}
    learned = dict(zero)
    chosen: list[Thresholds] = []
    candidates, concept_cands = collect_all_candidates(rows, folds, synthetic=synthetic)
    probs = oof_probabilities(candidates, folds)
    concept_probs = {t: judge_oof_probabilities(c, folds) for t, c in concept_cands.items()}
    with tempfile.TemporaryDirectory(prefix="kg-cv-") as tmp:
        ner_dirs = train_fold_ners(
            rows,
            folds=folds,
            iterations=iterations,
            seed=seed,
            workdir=Path(tmp),
            synthetic=synthetic,
        )
        for f in range(folds):
            others = [i for i, c in enumerate(candidates) if c.fold != f]
            scored = [i for i in others if candidates[i].fold != SYNTHETIC_FOLD]
            t = choose_thresholds(
                [candidates[i] for i in scored],
                [probs[i] for i in scored],
                gold_counts([r for i, r in enumerate(rows) if fold_of(i, folds) != f]),
            )
            chosen.append(t)
            nlp = build_nlp(use_ner=True, model_dir=ner_dirs[f])
            typer = nlp.get_pipe("kg_typer")
            typer.model = fit_typer([candidates[i] for i in others], thresholds=t)
            typer.judges = {
                etype: fold_judge(cands, concept_probs[etype], rows, folds, f, etype)
                for etype, cands in concept_cands.items()
                if etype in SHIPPED_JUDGES
            }
            test_rows = [r for i, r in enumerate(rows) if fold_of(i, folds) == f]
            learned = _add(learned, _eval_counts(test_rows, nlp))
    rules = _eval_counts(rows, build_nlp(use_ner=False))
    return CrossValidation(
        folds=folds,
        papers=len(rows),
        learned=learned,
        rules=rules,
        thresholds=tuple(chosen),
        synthetic=len(synthetic),
    )
