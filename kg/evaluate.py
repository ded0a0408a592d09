"""Score the extractor against a gold file (``kg eval GOLD.jsonl``; issue 3, deliverable 7).

Gold format: ``../shared/eval/GUIDELINES.md`` (one paper per line: ``title``, ``abstract``,
``entities`` by type, optional ``results``). Matching is document level: within one paper, a
predicted entity matches a gold entity of the same type when any of its labels (label, alt
labels, surface forms, key) normalises (``kg.ids.normalize_key``: case, spaces, hyphens and
punctuation ignored) like the gold name or one of its aliases; matches are one-to-one.

Only types present in the gold file are scored (SciERC has no ``modality``). Predicted links
below ``threshold`` (default :data:`kg.statements.LINK_THRESHOLD`) are not counted as predictions,
but every prediction is counted in the per-confidence-band precision used for calibration.
Papers are keyed by ``id`` when the title is empty (SciERC).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from spacy.language import Language

from kg.corpus.models import paper_text
from kg.entity_types import DATASET, MODEL, OPEN_ENDED, TYPE_NAMES
from kg.errors import InputError
from kg.extract import doc_extraction
from kg.ids import normalize_key, paper_key
from kg.paths import dev_gold_path, repo_root
from kg.statements import LINK_THRESHOLD, EntityLink, PaperExtraction, ResultStatement

#: confidence bands for calibration: [low, high)
BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Counts for one entity type over the whole gold file."""

    entity_type: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 0 when the gold has nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class BandScore:
    """Precision of the predictions whose confidence falls in ``[low, high)``."""

    low: float
    high: float
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        """correct / predicted (0 for an empty band)."""
        return self.correct / self.predicted if self.predicted else 0.0


@dataclass(frozen=True, slots=True)
class PaperErrors:
    """What went wrong on one paper: false positives, misses and wrong roles of entities, and
    results predicted but not in the gold or in the gold but not predicted (as text)."""

    paper_id: str
    title: str
    false_positives: tuple[tuple[str, str, float], ...]
    misses: tuple[tuple[str, str], ...]
    role_errors: tuple[tuple[str, str, bool], ...]
    result_false_positives: tuple[str, ...] = ()
    result_misses: tuple[str, ...] = ()
    tie_errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvalReport:
    """Scores of one evaluation run (see module docstring for the matching rules).

    Attributes:
        gold_path: the gold file.
        papers: number of gold papers.
        threshold: link confidence threshold applied to predictions.
        types: per-type counts, in ``kg.entity_types.TYPE_NAMES`` order.
        role_correct / role_total: role agreement over matched datasets and models.
        result_tp / result_predicted / result_gold: results matched by metric and value.
        bands: precision per confidence band.
        ties: per field ("model", "dataset"), the matched results whose gold names one, as
            (tied to that entity, total): a value tied to the right system and data.
        errors: per-paper errors (only papers with at least one error).
    """

    gold_path: str
    papers: int
    threshold: float
    types: tuple[TypeScore, ...]
    role_correct: int
    role_total: int
    result_tp: int
    result_predicted: int
    result_gold: int
    bands: tuple[BandScore, ...]
    errors: tuple[PaperErrors, ...] = field(default=())
    ties: tuple[tuple[str, int, int], ...] = field(default=())

    def score(self, entity_type: str) -> TypeScore:
        """The counts of one type.

        Raises:
            KeyError: if the type was not scored.
        """
        for t in self.types:
            if t.entity_type == entity_type:
                return t
        raise KeyError(entity_type)

    @property
    def micro(self) -> TypeScore:
        """Counts summed over all scored types."""
        return TypeScore(
            "micro",
            sum(t.tp for t in self.types),
            sum(t.fp for t in self.types),
            sum(t.fn for t in self.types),
        )

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the scored types."""
        return sum(t.f1 for t in self.types) / len(self.types) if self.types else 0.0

    @property
    def role_accuracy(self) -> float:
        """Share of matched datasets/models whose introduced/used role agrees with the gold."""
        return self.role_correct / self.role_total if self.role_total else 0.0

    @property
    def result_precision(self) -> float:
        """Matched results / predicted results."""
        return self.result_tp / self.result_predicted if self.result_predicted else 0.0

    @property
    def result_recall(self) -> float:
        """Matched results / gold results (the "result accuracy" of issue 3)."""
        return self.result_tp / self.result_gold if self.result_gold else 0.0

    def tie_accuracy(self, field_name: str) -> float:
        """Share of matched results whose gold names a ``field_name`` ("model" or "dataset")
        that the extractor tied to that entity (0.0 when there are none)."""
        for name, correct, total in self.ties:
            if name == field_name:
                return correct / total if total else 0.0
        return 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready scores."""

        def prf(t: TypeScore) -> dict[str, Any]:
            return {
                "tp": t.tp,
                "fp": t.fp,
                "fn": t.fn,
                "precision": round(t.precision, 4),
                "recall": round(t.recall, 4),
                "f1": round(t.f1, 4),
            }

        return {
            "gold": self.gold_path,
            "papers": self.papers,
            "threshold": self.threshold,
            "types": {t.entity_type: prf(t) for t in self.types},
            "micro": prf(self.micro),
            "macro_f1": round(self.macro_f1, 4),
            "role_accuracy": round(self.role_accuracy, 4),
            "role_total": self.role_total,
            "results": {
                "matched": self.result_tp,
                "predicted": self.result_predicted,
                "gold": self.result_gold,
                "precision": round(self.result_precision, 4),
                "recall": round(self.result_recall, 4),
                "ties": {
                    name: {
                        "correct": correct,
                        "total": total,
                        "accuracy": round(correct / total, 4) if total else 0.0,
                    }
                    for name, correct, total in self.ties
                },
            },
            "confidence_bands": [
                {
                    "low": b.low,
                    "high": min(b.high, 1.0),
                    "predicted": b.predicted,
                    "correct": b.correct,
                    "precision": round(b.precision, 4),
                }
                for b in self.bands
            ],
        }

    def to_text(self) -> str:
        """A readable table of the scores."""
        lines = [
            f"gold: {self.gold_path}  papers: {self.papers}  link threshold: {self.threshold}",
            "",
            f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}",
        ]
        for t in (*self.types, self.micro):
            lines.append(
                f"{t.entity_type:<10} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} "
                f"{t.tp:5d} {t.fp:5d} {t.fn:5d}"
            )
        lines.append(f"{'macro F1':<10} {'':>6} {'':>6} {self.macro_f1:6.3f}")
        lines.append("")
        if self.role_total:
            lines.append(
                f"role accuracy: {self.role_accuracy:.3f} ({self.role_correct}/{self.role_total})"
            )
        else:
            lines.append("role accuracy: n/a (the gold marks no introduced/used roles)")
        if self.result_gold:
            lines.append(
                f"results: precision {self.result_precision:.3f} recall (result accuracy) "
                f"{self.result_recall:.3f} ({self.result_tp} matched, "
                f"{self.result_predicted} predicted, {self.result_gold} gold)"
            )
            for name, correct, total in self.ties:
                if total:
                    lines.append(
                        f"  tied to the gold's {name}: {correct / total:.3f} ({correct}/{total} "
                        f"matched results whose gold names a {name})"
                    )
        else:
            lines.append("results: n/a (the gold lists no results)")
        lines.append("")
        lines.append("precision per confidence band (all predictions):")
        for b in self.bands:
            lines.append(
                f"  [{b.low:.2f}, {min(b.high, 1.0):.2f}{']' if b.high > 1 else ')'}  "
                f"{b.precision:6.3f}  ({b.correct}/{b.predicted})"
            )
        return "\n".join(lines)

    def errors_text(self) -> str:
        """False positives, misses and role errors, then result errors, paper by paper."""
        out: list[str] = []
        for e in self.errors:
            out.append(f"## {e.paper_id}  {e.title[:100]}")
            for etype, label, conf in e.false_positives:
                out.append(f"  FP   {etype:<9} {label}  ({conf:.2f})")
            for etype, name in e.misses:
                out.append(f"  MISS {etype:<9} {name}")
            for etype, name, gold_introduced in e.role_errors:
                want = "introduces" if gold_introduced else "uses"
                out.append(f"  ROLE {etype:<9} {name}  (gold: {want})")
            out += [f"  FP   result    {text}" for text in e.result_false_positives]
            out += [f"  MISS result    {text}" for text in e.result_misses]
            out += [f"  TIE  result    {text}" for text in e.tie_errors]
        return "\n".join(out)


# -- matching ---------------------------------------------------------------------------------


def link_labels(link: EntityLink) -> frozenset[str]:
    """Every normalised label of a predicted entity: label, alt labels, surfaces, key."""
    forms = {link.label, *link.alt_labels, *(ev.text for ev in link.evidence)}
    keys = {normalize_key(f) for f in forms}
    keys.add(link.key)
    keys.discard("")
    return frozenset(keys)


def gold_labels(entity: Mapping[str, Any]) -> frozenset[str]:
    """The normalised name and aliases of a gold entity."""
    forms = [str(entity.get("name", "")), *(str(a) for a in entity.get("aliases", []) or [])]
    keys = {normalize_key(f) for f in forms}
    keys.discard("")
    return frozenset(keys)


def match_sets(
    predicted: Sequence[frozenset[str]], gold: Sequence[frozenset[str]]
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of predicted to gold label sets that intersect.

    >>> match_sets([frozenset({"a"}), frozenset({"a", "b"})], [frozenset({"a"}), frozenset({"b"})])
    [(0, 0), (1, 1)]
    """
    adj = [[g for g, gl in enumerate(gold) if pl & gl] for pl in predicted]
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in adj[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in range(len(predicted)):
        augment(p, set())
    return sorted((p, g) for g, p in owner.items())


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def _numbers(text: str) -> list[Decimal]:
    """The values a gold result states: the first number ("0.94 +/- 0.02" → 0.94), or both
    ends of a range ("56.5 to 71.8").

    >>> _numbers("0.94 +/- 0.02"), _numbers("56.5 to 71.8"), _numbers("1,234.5%")
    ([Decimal('0.94')], [Decimal('56.5'), Decimal('71.8')], [Decimal('1234.5')])
    """
    found = [Decimal(m) for m in _NUMBER.findall(str(text).replace(",", ""))]
    if " to " in str(text) and len(found) >= 2:
        return found[:2]
    return found[:1]


def _number(text: str) -> Decimal | None:
    found = _numbers(text)
    return found[0] if found else None


def _metric_keys() -> dict[str, str]:
    try:
        from kg.nlp.vocabulary import load_vocabulary
    except ImportError:  # pragma: no cover
        return {}
    return load_vocabulary().label_index("metric")


def gold_metric_key(label: str, metric_index: Mapping[str, str]) -> str:
    """The metric key of a gold result's metric label: the vocabulary concept it names, or,
    for a metric at a cut-off the vocabulary writes with K ("precision@10" for
    "Precision@K"), that concept; else the label's own key.

    >>> index = {"recallk": "recallk", "auroc": "auc"}
    >>> [gold_metric_key(x, index) for x in ("AUROC", "Recall@10", "recall@K", "Foo@5", "BLEU-4")]
    ['auc', 'recallk', 'recallk', 'foo5', 'bleu4']
    """
    key = normalize_key(label)
    if key in metric_index:
        return metric_index[key]
    at_k = re.fullmatch(r"(.+)@\s*\d+", label.strip())
    if at_k is not None:
        key_k = normalize_key(at_k.group(1) + "@K")
        if key_k in metric_index:
            return metric_index[key_k]
    return metric_index.get(key, key)


def result_pairs(
    predicted: Sequence[ResultStatement],
    gold: Sequence[Mapping[str, Any]],
    metric_index: Mapping[str, str],
) -> list[tuple[int, int]]:
    """Gold results matched one-to-one by a prediction with the same metric and value, as
    (prediction index, gold index) pairs; each gold result takes the first free prediction."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for j, g in enumerate(gold):
        gkey = gold_metric_key(str(g.get("metric", "")), metric_index)
        gvals = _numbers(str(g.get("value", "")))
        for i, p in enumerate(predicted):
            if i in used or p.metric_key != gkey:
                continue
            pval = p.value if p.value is not None else _number(p.value_text)
            if pval is not None and Decimal(pval) in gvals:
                used.add(i)
                pairs.append((i, j))
                break
    return pairs


def match_results(
    predicted: Sequence[ResultStatement],
    gold: Sequence[Mapping[str, Any]],
    metric_index: Mapping[str, str],
) -> int:
    """Number of gold results matched one-to-one by a prediction with the same metric and value."""
    return len(result_pairs(predicted, gold, metric_index))


def tied_right(
    predicted_key: str | None,
    gold_name: object,
    links: Mapping[str, frozenset[str]],
    gold_entities: Sequence[Mapping[str, Any]],
) -> bool | None:
    """Whether a result's predicted model (or dataset) is the one its gold result names: the
    predicted entity's labels (``links``: key → labels) meet the gold entity's name and aliases
    (the gold entity of that name, else the name alone). None when the gold names none.

    >>> gold = [{"name": "CheXNet", "aliases": ["CheX-Net"]}]
    >>> links = {"chexnet": frozenset({"chexnet"}), "resnet50": frozenset({"resnet50"})}
    >>> tied_right("chexnet", "CheX-Net", links, gold)
    True
    >>> tied_right("resnet50", "CheXNet", links, gold)
    False
    >>> tied_right(None, "CheXNet", links, gold), tied_right("chexnet", None, links, gold)
    (False, None)
    """
    if not gold_name:
        return None
    key = normalize_key(str(gold_name))
    want = next((gold_labels(g) for g in gold_entities if key in gold_labels(g)), frozenset({key}))
    if predicted_key is None:
        return False
    return bool(links.get(predicted_key, frozenset({predicted_key})) & want)


def result_errors(
    predicted: Sequence[ResultStatement],
    gold: Sequence[Mapping[str, Any]],
    metric_index: Mapping[str, str],
) -> tuple[int, list[str], list[str]]:
    """How many gold results a paper's predictions match (:func:`result_pairs`), and as text
    the predictions no gold result matches and the gold results no prediction matches."""
    pairs = result_pairs(predicted, gold, metric_index)
    hit_p = {p for p, _ in pairs}
    hit_g = {g for _, g in pairs}
    return (
        len(pairs),
        [predicted_result_text(r) for i, r in enumerate(predicted) if i not in hit_p],
        [gold_result_text(g) for j, g in enumerate(gold) if j not in hit_g],
    )


def predicted_result_text(result: ResultStatement) -> str:
    """How ``kg eval --errors`` shows a predicted result: metric key, value, model, dataset.

    >>> from kg.statements import Evidence
    >>> ev = Evidence("abstract", 0, 4, "0.91", "AUC 0.91.", "kg_results", 0.9)
    >>> predicted_result_text(ResultStatement("p", "auc", None, "0.91", False, "x", None, ev))
    'auc = 0.91  (model x, dataset -)'
    """
    return (
        f"{result.metric_key} = {result.value_text}  "
        f"(model {result.model_key or '-'}, dataset {result.dataset_key or '-'})"
    )


def gold_result_text(result: Mapping[str, Any]) -> str:
    """How ``kg eval --errors`` shows a gold result: metric, value, model, dataset.

    >>> gold_result_text({"metric": "AUC", "value": "0.91", "model": "X", "dataset": None})
    'AUC = 0.91  (model X, dataset -)'
    """
    return (
        f"{result.get('metric')} = {result.get('value')}  "
        f"(model {result.get('model') or '-'}, dataset {result.get('dataset') or '-'})"
    )


# -- running ----------------------------------------------------------------------------------


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file (blank lines skipped).

    Raises:
        InputError: naming the file and line of the first line that is not a JSON object with
            an ``abstract``, or if the file cannot be read as UTF-8.
    """
    rows: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line.rstrip("\r\n"))
                except json.JSONDecodeError as e:
                    raise InputError(
                        f"{path}:{number}: not valid JSON at column {e.colno}: "
                        f"{e.msg.removesuffix(' at')}"
                    ) from e
                if not isinstance(row, dict) or not isinstance(row.get("abstract"), str):
                    raise InputError(
                        f"{path}:{number}: a gold line must be a JSON object with an 'abstract'"
                    )
                rows.append(row)
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read gold file {path}: {e}") from e
    return rows


def gold_id(row: Mapping[str, Any]) -> str:
    """A gold paper's identity: its ``id`` when the title is empty, else the title's key."""
    title = str(row.get("title") or "")
    if not title.strip():
        return str(row.get("id") or "")
    return str(row.get("id") or paper_key(title))


def extract_gold_papers(rows: Sequence[Mapping[str, Any]], nlp: Language) -> list[PaperExtraction]:
    """Run the pipeline over the gold papers (title + abstract), in order."""
    items = (
        (
            paper_text(str(r.get("title") or ""), str(r["abstract"])),
            (gold_id(r), str(r.get("title") or ""), str(r["abstract"])),
        )
        for r in rows
    )
    return [
        doc_extraction(doc, k, t, a)
        for doc, (k, t, a) in nlp.pipe(items, as_tuples=True, batch_size=32)
    ]


def evaluate_extractions(
    rows: Sequence[Mapping[str, Any]],
    extractions: Sequence[PaperExtraction],
    *,
    gold_path: str = "",
    threshold: float = LINK_THRESHOLD,
) -> EvalReport:
    """Score extractions against gold rows (same order).

    Args:
        rows: gold papers.
        extractions: one extraction per gold paper.
        gold_path: shown in the report.
        threshold: links below it are not counted as predictions.

    Returns:
        The report.
    """
    scored_types = [t for t in TYPE_NAMES if any(t in (r.get("entities") or {}) for r in rows)]
    counts = {t: [0, 0, 0] for t in scored_types}
    band_counts = [[0, 0] for _ in BANDS]
    role_correct = role_total = 0
    result_tp = result_pred = result_gold = 0
    ties = {name: [0, 0] for name in TIE_FIELDS}
    metric_index = _metric_keys()
    errors: list[PaperErrors] = []
    has_results = any("results" in r for r in rows)
    for row, ext in zip(rows, extractions, strict=True):
        entities = row.get("entities") or {}
        fps: list[tuple[str, str, float]] = []
        misses: list[tuple[str, str]] = []
        role_errs: list[tuple[str, str, bool]] = []
        for etype in scored_types:
            gold = list(entities.get(etype, []) or [])
            gold_sets = [gold_labels(g) for g in gold]
            all_links = [lk for lk in ext.links if lk.entity_type == etype]
            for lk in all_links:
                labels = link_labels(lk)
                ok = any(labels & gs for gs in gold_sets)
                for b, (lo, hi) in enumerate(BANDS):
                    if lo <= lk.confidence < hi:
                        band_counts[b][0] += 1
                        band_counts[b][1] += int(ok)
            links = [lk for lk in all_links if lk.confidence >= threshold]
            pairs = match_sets([link_labels(lk) for lk in links], gold_sets)
            tp = len(pairs)
            counts[etype][0] += tp
            counts[etype][1] += len(links) - tp
            counts[etype][2] += len(gold) - tp
            matched_p = {p for p, _ in pairs}
            matched_g = {g for _, g in pairs}
            fps += [
                (etype, lk.label, lk.confidence) for i, lk in enumerate(links) if i not in matched_p
            ]
            misses += [
                (etype, str(g.get("name"))) for i, g in enumerate(gold) if i not in matched_g
            ]
            if etype in OPEN_ENDED:
                for p, g in pairs:
                    if "introduced" not in gold[g]:
                        continue
                    role_total += 1
                    want = bool(gold[g]["introduced"])
                    if (links[p].role == "introduces") == want:
                        role_correct += 1
                    else:
                        role_errs.append((etype, str(gold[g].get("name")), want))
        if has_results:
            gold_results = list(row.get("results") or [])
            result_gold += len(gold_results)
            # deltas ("+12.61", "by 8%") are improvements, not scores; the gold lists scores only
            absolute = [r for r in ext.results if not r.is_improvement]
            result_pred += len(absolute)
            tp, result_fps, result_misses = result_errors(absolute, gold_results, metric_index)
            result_tp += tp
            tie_errs = _count_ties(ext, entities, absolute, gold_results, metric_index, ties)
        else:
            result_fps, result_misses, tie_errs = [], [], []
        if fps or misses or role_errs or result_fps or result_misses or tie_errs:
            errors.append(
                PaperErrors(
                    gold_id(row),
                    str(row.get("title") or ""),
                    tuple(fps),
                    tuple(misses),
                    tuple(role_errs),
                    tuple(result_fps),
                    tuple(result_misses),
                    tuple(tie_errs),
                )
            )
    return EvalReport(
        gold_path=gold_path,
        papers=len(rows),
        threshold=threshold,
        types=tuple(TypeScore(t, *counts[t]) for t in scored_types),
        role_correct=role_correct,
        role_total=role_total,
        result_tp=result_tp,
        result_predicted=result_pred,
        result_gold=result_gold,
        bands=tuple(
            BandScore(lo, hi, n, c) for (lo, hi), (n, c) in zip(BANDS, band_counts, strict=True)
        ),
        errors=tuple(errors),
        ties=tuple((name, c, t) for name, (c, t) in ties.items()),
    )


#: the fields of a result that tie its value to an entity (gold field = entity type)
TIE_FIELDS = (MODEL.name, DATASET.name)


def _count_ties(
    ext: PaperExtraction,
    entities: Mapping[str, Any],
    predicted: Sequence[ResultStatement],
    gold: Sequence[Mapping[str, Any]],
    metric_index: Mapping[str, str],
    ties: dict[str, list[int]],
) -> list[str]:
    """Add one paper's matched results to ``ties`` (field → [tied right, gold names one]) and
    return its wrong ties as text."""
    errors: list[str] = []
    for p, g in result_pairs(predicted, gold, metric_index):
        result = predicted[p]
        for name in TIE_FIELDS:
            links = {lk.key: link_labels(lk) for lk in ext.links if lk.entity_type == name}
            key = result.model_key if name == MODEL.name else result.dataset_key
            right = tied_right(key, gold[g].get(name), links, entities.get(name) or [])
            if right is None:
                continue
            ties[name][1] += 1
            if right:
                ties[name][0] += 1
            else:
                errors.append(
                    f"{name} {key or '-'} (gold {gold[g].get(name)}): "
                    f"{predicted_result_text(result)}"
                )
    return errors


def evaluate_file(
    gold_path: Path,
    *,
    nlp: Language | None = None,
    threshold: float = LINK_THRESHOLD,
) -> EvalReport:
    """Run the extractor over every gold paper and score it.

    Args:
        gold_path: a gold JSONL file in the GUIDELINES format.
        nlp: the pipeline; defaults to ``kg.nlp.load_default_nlp()``.
        threshold: link confidence threshold.

    Returns:
        The report (``to_text()``, ``to_dict()``, ``errors_text()``).
    """
    if nlp is None:
        from kg.nlp import load_default_nlp

        nlp = load_default_nlp()
    rows = read_gold(Path(gold_path))
    extractions = extract_gold_papers(rows, nlp)
    return evaluate_extractions(rows, extractions, gold_path=str(gold_path), threshold=threshold)


def dev_set_scores() -> dict[str, Any] | None:
    """Scores of the current extractor on the dev set (``kg.paths.dev_gold_path()``), as
    :meth:`EvalReport.to_dict` gives them, or None when the checkout has no dev set.

    ``gold`` is the file's path relative to the repository, so that a release describing
    these scores does not vary by checkout.
    """
    gold = dev_gold_path()
    if not gold.is_file():
        return None
    scores = evaluate_file(gold).to_dict()
    scores["gold"] = gold.relative_to(repo_root()).as_posix()
    return scores


def iter_types(report: EvalReport) -> Iterable[str]:
    """The scored types of a report, in order."""
    return (t.entity_type for t in report.types)
