"""Modality, task and metric mentions mapped onto the SKOS vocabularies (issue 3, point 2).

Factory ``kg_concepts``. Writes ``doc.spans["kg_concepts"]``: one span per mention, with
``label_`` in {"modality", "task", "metric"}, ``kb_id_`` = the concept key
(``kg.ids.normalize_key`` of its preferred label, or of the singular phrase for a phrase that
is not in the vocabulary), ``span._.kg_confidence`` and ``span._.kg_extractor`` (the rule id).

The candidates (vocabulary labels, gated short forms, defined abbreviations, compound rules)
come from :class:`~kg.nlp.components.concept_matching.ConceptMatcher`. This module decides,
per document, what the paper names as its own (issue 15, items 2 and 6): one entity per task
(variants merged into their canonical task, image variants, roll-up to the specific concept),
the modality inside a task phrase, and tasks and metrics named only as background,
motivation, method or in a survey kept below the link threshold. Each decision is a pure
function of the matches; the component only runs them in order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.entity_types import CONCEPT_SPAN_KEY
from kg.ids import normalize_key
from kg.nlp import extensions  # noqa: F401  (declares the ._ attributes)
from kg.nlp.components.concept_matching import (
    DEFAULT_CONFIDENCE,
    FURTHER_TASK,
    OWN_VERB_RULE,
    ConceptMatch,
    ConceptMatcher,
    sentence_bounds,
    singularize,
    span_words,
    title_end,
)
from kg.nlp.components.doc_text import text_of, token_lower_ids, token_lowers, token_texts
from kg.nlp.vocabulary import Vocabulary, load_vocabulary
from kg.statements import LINK_THRESHOLD

SPAN_KEY = CONCEPT_SPAN_KEY
#: The pattern files (``kg/nlp/patterns/<name>.jsonl``) that ``initialize`` reads, through
#: ``kg.read_patterns.v1`` in ``pipeline.cfg``.
CONCEPT_PATTERN_FILES: tuple[str, ...] = (
    "concepts_wordlists",
    "concepts_patterns",
    "concepts_gates",
)
#: The rule of free "<kind> images" modality phrases (``compound_image_kind`` in
#: ``concepts_patterns.jsonl``)
FREE_IMAGE_KIND_RULE = "pattern:compound_image_kind"


# --------------------------------------------------------------------------------------------
# document-level decisions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnWorkCues:
    """The words that show a sentence speaks of the paper's own work, as lower-case hashes.

    Attributes:
        cues: "we", "our", "propose", "paper"...
        participles: the cues that are past participles ("proposed", "introduced").
        prior: words that make such a participle other work when right before it ("have
            been proposed", "recently introduced").
        labels: section labels of a structured abstract whose section is the paper's own
            work ("OBJECTIVE:", "METHODS:", "RESULTS:"), as the sentence's first word.
        colon: the hash of ":", which must follow a label.
    """

    cues: frozenset[int]
    participles: frozenset[int] = frozenset()
    prior: frozenset[int] = frozenset()
    labels: frozenset[int] = frozenset()
    colon: int = 0

    @classmethod
    def of(
        cls,
        strings: Any,
        cues: Iterable[str],
        prior: Iterable[str] = (),
        labels: Iterable[str] = (),
    ) -> OwnWorkCues:
        """Hash the words with a Doc's ``StringStore``; participles are the cues in "-ed"."""
        words = frozenset(cues)
        return cls(
            frozenset(strings[w] for w in words),
            frozenset(strings[w] for w in words if w.endswith("ed")),
            frozenset(strings[w] for w in prior),
            frozenset(strings[w] for w in labels),
            strings[":"],
        )

    def speaks_of_own_work(self, words: Sequence[int]) -> bool:
        """Whether a sentence's lower-case hashes hold an own-work cue that is not a participle
        of other work ("Many methods have been proposed" speaks of other work), or open with
        the label of an own-work section ("OBJECTIVE: To develop a model for sepsis
        prediction ..." says what the paper does without "we").

        >>> c = OwnWorkCues(frozenset({1, 2}), frozenset({2}), frozenset({9}), frozenset({7}), 8)
        >>> [c.speaks_of_own_work(w) for w in ([5, 1], [9, 2], [5, 2], [9, 2, 1], [5])]
        [True, False, True, True, False]
        >>> [c.speaks_of_own_work(w) for w in ([7, 8, 5], [7, 5], [5, 7, 8])]
        [True, False, False]
        """
        if len(words) > 1 and words[0] in self.labels and words[1] == self.colon:
            return True
        if self.cues.isdisjoint(words):
            return False
        if self.prior.isdisjoint(words):  # most sentences: no need to look closer (speed)
            return True
        return any(
            w in self.cues and not (w in self.participles and i and words[i - 1] in self.prior)
            for i, w in enumerate(words)
        )


def own_work_flags(
    doc: Doc, bounds: Sequence[tuple[int, int]], own: OwnWorkCues, end_of_title: int = 0
) -> list[bool]:
    """For each sentence, whether it speaks of the paper's own work
    (:meth:`OwnWorkCues.speaks_of_own_work`). A sentence of the title (starting before token
    ``end_of_title``) never does: "A Retrospective Study" opens no own work before the
    abstract's first sentence.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> d = nlp("Diagnosis is hard. Tools have been proposed. We classify scans.")
    >>> own = OwnWorkCues.of(d.vocab.strings, {"we", "proposed"}, {"been"})
    >>> own_work_flags(d, sentence_bounds(d), own), own_work_flags(d, sentence_bounds(d), own, 10)
    ([False, False, True], [False, False, False])
    """
    # set tests over the hashes: numpy.isin sorts both arrays, a fixed cost larger than
    # the whole test on an abstract's few hundred tokens (issue 15: keep the build fast)
    lower = token_lower_ids(doc)
    return [a >= end_of_title and own.speaks_of_own_work(lower[a:b]) for a, b in bounds]


def background_keys(
    matches: Sequence[ConceptMatch],
    *,
    sentence_index: Sequence[int],
    own: Sequence[bool],
    in_title: Sequence[bool],
) -> set[str]:
    """Keys of the tasks a paper names only as background (issue 15, item 2).

    A task is background when none of its mentions is in the title or in a sentence about
    the paper's own work, and all of them come before the first such sentence: the
    motivation that opens an abstract ("Diagnosis is critical. ... We propose ..."). An
    abstract without any such sentence has no background tasks.

    Args:
        matches: the document's task matches.
        sentence_index: sentence number of each match (same order).
        own: per sentence, whether it speaks of the paper's own work.
        in_title: per match, whether it is in the title.

    Returns:
        The keys to demote.

    >>> m = [ConceptMatch(0, 1, "task", "diagnosis", 0.9, "r"),
    ...      ConceptMatch(5, 6, "task", "qa", 0.9, "r")]
    >>> sorted(background_keys(m, sentence_index=[1, 2], own=[False, False, True],
    ...                        in_title=[False, False]))
    ['diagnosis']
    """
    first_own = next((i for i, flag in enumerate(own) if flag), None)
    if first_own is None:
        # an abstract that never speaks of its own work in the first person: no way to tell
        # motivation from contribution, so nothing is background
        return set()
    keep: set[str] = set()
    seen: set[str] = set()
    for m, sent, title in zip(matches, sentence_index, in_title, strict=True):
        seen.add(m.key)
        if title or own[sent] or sent >= first_own:
            keep.add(m.key)
    return seen - keep


def title_named_keys(
    matches: Sequence[ConceptMatch],
    lowers: Sequence[str],
    end_of_title: int,
    *,
    generic: frozenset[str] = frozenset(),
    after_head: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """Keys of the tasks the title names in words no concept of the title covers (issue 15:
    how titles state the aim). A title often names the paper's task in its own words
    ("Learning Features for Real Image Restoration", "Towards Metrical Reconstruction of Human
    Faces") that no vocabulary label or compound rule matches, while the abstract names the
    same task in a form that is matched but stands in the motivation ("image restoration
    enjoys numerous applications"). Such an abstract mention marks the task as the paper's
    own, as a title mention would, when the title holds every word of it (singular forms) and
    holds its head (last word) outside any title concept and as a head: closing the title
    or followed by punctuation or a word of ``after_head`` ("of", "for", "and"); "Retrieval
    Augmented Generation" names no retrieval task. The other words stand in the head's own part
    of the title (:func:`title_parts`): "Survival of the Fittest: Evolutionary Prediction of
    Drug Response" names no survival prediction. Heads in ``generic`` ("learning",
    "analysis") name no task on their own. ``lowers``: the Doc's lower-case token texts; the
    title ends at token ``end_of_title``.

    >>> words = "towards metrical reconstruction of faces . face reconstruction is hard".split()
    >>> m = [ConceptMatch(6, 8, "task", "facereconstruction", 0.55, "p")]
    >>> of = frozenset({"of"})
    >>> sorted(title_named_keys(m, words, 5, after_head=of))
    ['facereconstruction']
    >>> generic = frozenset({"reconstruction"})
    >>> title_named_keys(m, words, 5), title_named_keys(m, words, 5, generic=generic, after_head=of)
    (frozenset(), frozenset())
    >>> covered = [ConceptMatch(2, 3, "task", "imagereconstruction", 0.9, "v"), *m]
    >>> title_named_keys(covered, words, 5, after_head=of)
    frozenset()
    >>> other = [ConceptMatch(5, 7, "task", "shapereconstruction", 0.55, "p")]
    >>> title_named_keys(other, "a reconstruction of faces . shape reconstruction".split(), 4,
    ...                  after_head=of)
    frozenset()
    """
    tasks = [m for m in matches if m.type == "task" and m.start >= end_of_title]
    if not tasks or end_of_title <= 0:
        return frozenset()
    covered = {i for m in matches if m.start < end_of_title for i in range(m.start, m.end)}
    # the places a head may stand, found before any word is singularized (issue 15: speed)
    places = [
        i
        for i in range(end_of_title)
        if i not in covered
        and (
            i + 1 == end_of_title
            or lowers[i + 1] in after_head
            or not (lowers[i + 1][:1].isalnum() or any(c.isalnum() for c in lowers[i + 1]))
        )
    ]
    if not places:
        return frozenset()
    title = [singularize(w) for w in lowers[:end_of_title]]
    parts = title_parts(lowers[:end_of_title])
    # each head with the words of its title part
    heads = [
        (title[i], frozenset(title[a:b]))
        for i in places
        if title[i] not in generic
        for a, b in parts
        if a <= i < b
    ]
    if not heads:
        return frozenset()
    return frozenset(
        m.key for m in tasks if m.end > m.start and _title_holds(lowers[m.start : m.end], heads)
    )


def _title_holds(words: Sequence[str], heads: Sequence[tuple[str, frozenset[str]]]) -> bool:
    """Whether a task's ``words`` (lower case) end in one of ``heads`` (singular) and the
    head's title part holds each other word (singular forms).

    >>> _title_holds(["face", "reconstructions"], [("reconstruction", frozenset({"face"}))])
    True
    >>> _title_holds(["shape", "reconstruction"], [("reconstruction", frozenset({"face"}))])
    False
    """
    head = singularize(words[-1])
    return any(head == h and all(singularize(w) in part for w in words[:-1]) for h, part in heads)


#: marks that part a title into phrases of their own ("Survival of the Fittest: Prediction")
_TITLE_PART_MARKS = frozenset({":", ";", "?", "!", ".", "–", "—", "|"})


def title_parts(lowers: Sequence[str]) -> list[tuple[int, int]]:
    """The (start, end) token ranges of a title's parts, split at a colon, a dash
    (en or em), a question mark and the like (review15b of the title rule): each part is a
    phrase of its own, so words of different parts do not name one task together.

    >>> title_parts("survival of the fittest : prediction of response".split())
    [(0, 4), (5, 8)]
    >>> title_parts("towards fast denoising".split())
    [(0, 3)]
    """
    parts: list[tuple[int, int]] = []
    start = 0
    for i, w in enumerate(lowers):
        if w in _TITLE_PART_MARKS:
            if i > start:
                parts.append((start, i))
            start = i + 1
    if start < len(lowers):
        parts.append((start, len(lowers)))
    return parts


def demote_background(
    doc: Doc,
    matches: list[ConceptMatch],
    *,
    own: OwnWorkCues,
    confidence: float,
    bounds: Sequence[tuple[int, int]] | None = None,
    end_of_title: int | None = None,
    types: frozenset[str] = frozenset({"task"}),
    containers: Mapping[str, frozenset[str]] | None = None,
    modalities: frozenset[str] = frozenset(),
    titled: frozenset[str] = frozenset(),
    evaluated: frozenset[str] = frozenset(),
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every match of ``types`` whose concept the paper names only as
    background (:func:`background_keys`, per type; ``own``: :func:`own_work_flags`); other
    matches pass through. A task of ``titled`` (:func:`title_named_keys`) counts as named in
    the title, and so does a metric of ``evaluated`` (:func:`evaluated_metric_keys`).

    ``containers`` maps a modality to the modalities of the data it holds (EHR holds clinical
    notes): such a container named only as background is demoted too when the paper names one
    of its contents outside the background ("Notes in EHRs hold ... We de-identify patient
    notes": the data is clinical text). ``modalities`` are modality keys that are background
    like a task when named only in the motivation: the literature ("the medical literature
    lacks assessments of ...") is there the body of prior research, not data the work reads.
    Other modalities are never background: the motivation usually names the data the work
    itself targets."""
    containers = containers or {}
    modality_keys = {m.key for m in matches if m.type == "modality"}
    boxed = {k for k in containers if k in modality_keys and containers[k] & modality_keys}
    plain = modalities & modality_keys
    if (boxed or plain) and "modality" not in types:
        types = types | {"modality"}
    else:
        boxed = plain = set()
    tasks = [m for m in matches if m.type in types]
    if not tasks:
        return matches
    bounds = sentence_bounds(doc) if bounds is None else bounds
    starts = [a for a, _ in bounds]
    sent_idx = [max(0, bisect_right(starts, m.start) - 1) for m in tasks]
    end_of_title = title_end(doc) if end_of_title is None else end_of_title
    # the title's own mentions are kept by in_title
    own_sentences = own_work_flags(doc, bounds, own, end_of_title)
    demote: set[tuple[str, str]] = set()
    for etype in types:
        of_type = [(m, i) for m, i in zip(tasks, sent_idx, strict=True) if m.type == etype]
        demote |= {
            (etype, key)
            for key in background_keys(
                [m for m, _ in of_type],
                sentence_index=[i for _, i in of_type],
                own=own_sentences,
                in_title=[
                    m.start < end_of_title
                    or (m.type == "task" and m.key in titled)
                    or (m.type == "metric" and m.key in evaluated)
                    for m, _ in of_type
                ],
            )
        }
    if boxed or plain:
        background_modalities = {k for t, k in demote if t == "modality"}
        demote = {(t, k) for t, k in demote if t != "modality" or k in boxed | plain}
        # a container counts only beside a content the paper itself names (not background)
        demote = {
            (t, k)
            for t, k in demote
            if t != "modality"
            or k in plain
            or containers[k] - background_modalities & modality_keys
        }
    if not demote:
        return matches
    return [
        capped(m, confidence, "background") if (m.type, m.key) in demote else m for m in matches
    ]


#: a score as written: "0.91", "85.2%", "(0.89", "-1.6", "1,234", LaTeX's "20\\%"
_SCORE_WORD = re.compile(r"\(?[-+\u2212]?\d+(?:[.,]\d+)*(?:\\?%)?")
#: tokens that end the clause a measure opens (:func:`score_bound`)
_CLAUSE_ENDS = frozenset({",", ";", ":", "(", ")", "."})


def is_score_word(word: str) -> bool:
    """Whether a token is a number as a score is written ("0.91", "85.2%", "(0.89").

    >>> [is_score_word(w) for w in ("0.91", "85.2%", "(0.89", "-1.6", "of", "ResNet-50")]
    [True, True, True, True, False, False]
    """
    return _SCORE_WORD.fullmatch(word) is not None


def score_bound(
    words: Sequence[str],
    start: int,
    end: int,
    *,
    connectors: frozenset[str],
    copulas: frozenset[str],
    reach: int = 10,
) -> bool:
    """Whether a score is bound to the metric mention ``words[start:end]`` (a sentence's
    lower-case words): a number right after it or after one connector ("a sensitivity of
    47.9%", "AUROC (0.89)"), a number right before it ("85.2% sensitivity"), or a copula then a
    number later in its clause ("the AUROC of X is 0.80"). A metric the text scores is one the
    paper evaluates with, wherever it stands.

    >>> w = "x obtains a sensitivity of 47.9 % and the auroc of x is 0.80 ; high accuracy".split()
    >>> kw = dict(connectors=frozenset({"of"}), copulas=frozenset({"is"}))
    >>> [score_bound(w, 3, 4, **kw), score_bound(w, 9, 10, **kw), score_bound(w, 16, 17, **kw)]
    [True, True, False]
    """
    after = words[end] if end < len(words) else ""
    if is_score_word(after):
        return True
    if after in connectors and end + 1 < len(words) and is_score_word(words[end + 1]):
        return True
    before = words[start - 1] if start > 0 else ""
    if before == "%" or (is_score_word(before) and before[-1:] == "%"):
        return True
    for i in range(end + 1, min(len(words) - 1, end + reach)):
        if words[i] in _CLAUSE_ENDS:
            return False
        if words[i] in copulas and is_score_word(words[i + 1]):
            return True
    return False


def cue_before(words: Sequence[str], start: int, cues: Iterable[tuple[str, ...]]) -> bool:
    """Whether an evaluation cue ("measured by", "scored with", "metrics such as") stands in
    a sentence's lower-case ``words`` before position ``start``: the measures after it are
    the ones the paper evaluates with ("Segmentation quality was measured by the NSD").

    >>> w = "quality was measured by the nsd . improving the nsd matters".split()
    >>> cue_before(w, 5, [("measured", "by")]), cue_before(w, 1, [("measured", "by")])
    (True, False)
    """
    # one pass over the words, trying only the cues that open on each (speed16b)
    by_first = cues_by_first_word(tuple(cues))
    for i in range(start):
        for cue in by_first.get(words[i], ()):
            n = len(cue)
            if i + n <= start and tuple(words[i : i + n]) == cue:
                return True
    return False


@lru_cache(maxsize=8)
def cues_by_first_word(cues: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The word tuples of ``cues`` grouped by their first word, in their order (made once per
    cue list: :func:`cue_before` reads it per metric mention; speed16b).

    >>> cues_by_first_word((("measured", "by"), ("in", "terms", "of"), ("measured", "with")))
    {'measured': (('measured', 'by'), ('measured', 'with')), 'in': (('in', 'terms', 'of'),)}
    """
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for cue in cues:
        out[cue[0]] = (*out.get(cue[0], ()), cue)
    return out


def evaluated_metric_keys(
    matches: Sequence[ConceptMatch],
    lowers: Sequence[str],
    bounds: Sequence[tuple[int, int]],
    *,
    cues: Iterable[tuple[str, ...]],
    connectors: frozenset[str],
    copulas: frozenset[str],
) -> frozenset[str]:
    """Keys of the metrics the text shows the paper evaluates with (branch metrics16): a
    mention with a score bound to it (:func:`score_bound`) or listed after an evaluation cue
    (:func:`cue_before`). Such a metric is never background, though it stands before the
    first sentence with "we" ("Segmentation quality was measured by the NSD.", "X obtains a
    sensitivity of 47.9%."); a metric named in the motivation without either ("improving
    diagnostic accuracy is critical") still is.

    >>> m = [ConceptMatch(4, 5, "metric", "nsd", 0.9, "v"),
    ...      ConceptMatch(8, 9, "metric", "accuracy", 0.75, "v")]
    >>> w = "quality was measured by nsd . we improve accuracy .".split()
    >>> sorted(evaluated_metric_keys(m, w, [(0, 6), (6, 10)], cues=[("measured", "by")],
    ...        connectors=frozenset(), copulas=frozenset()))
    ['nsd']
    """
    cues = tuple(cues)
    starts = [a for a, _ in bounds]
    keys: set[str] = set()
    for m in matches:
        if m.type != "metric" or m.key in keys:
            continue
        n = max(0, bisect_right(starts, m.start) - 1)
        a, b = bounds[n] if bounds else (0, len(lowers))
        words = lowers[a:b]
        if score_bound(
            words, m.start - a, m.end - a, connectors=connectors, copulas=copulas
        ) or cue_before(words, m.start - a, cues):
            keys.add(m.key)
    return frozenset(keys)


def states_a_score(words: Sequence[str], units: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence's words state a score: a decimal or a percentage ("0.91", "85.2",
    "93%", "20 \\%"); a whole number alone ("adults aged 65 years", "three products") is a
    count, not a score, and a number before a word of ``units`` ("mean age 61.3 years") a
    quantity (branch review16d).

    >>> [states_a_score(s.split()) for s in ("it reached 93 %", "auc of 0.91", "aged 65 years")]
    [True, True, False]
    >>> states_a_score("mean age 61.3 years".split(), frozenset({"years"}))
    False
    """
    for i, w in enumerate(words):
        if not is_score_word(w):
            continue
        if i + 1 < len(words) and words[i + 1] in units:
            continue
        if "." in w or w.endswith("%"):
            return True
        if i + 1 < len(words) and words[i + 1] in ("%", "\\%"):
            return True
    return False


def umbrella_accuracy(mention: Sequence[str], before: str, modifiers: frozenset[str]) -> bool:
    """Whether an accuracy mention (its lower-case words ``mention``, ``before``: the word
    before it) is a clinical umbrella notion: "accuracy" after a word of ``modifiers``
    ("diagnostic accuracy", "prognostic accuracy"). In "a diagnostic accuracy study" or "to
    evaluate the diagnostic accuracy of X" it names the kind of study, whose measures are
    sensitivity, specificity or the AUC, not the accuracy metric (branch metrics16).

    >>> mods = frozenset({"diagnostic"})
    >>> umbrella_accuracy(["diagnostic", "accuracy"], "the", mods)
    True
    >>> umbrella_accuracy(["accuracy"], "diagnostic", mods), umbrella_accuracy(["accuracy"], "top-1", mods)
    (True, False)
    """
    if not mention or mention[-1] != "accuracy":
        return False
    modifier = mention[-2] if len(mention) >= 2 else before
    return modifier in modifiers


def measured_by_another(
    m: ConceptMatch,
    matches: Sequence[ConceptMatch],
    sentence: tuple[int, int],
    bound: bool,
) -> bool:
    """Whether the umbrella mention ``m`` ("diagnostic accuracy") is measured by another
    metric its sentence (token bounds ``sentence``) names, with no score bound to ``m``
    itself (``bound``, :func:`score_bound`): "The diagnostic accuracy of the model, measured
    by the AUC, was 0.94" and "Prognostic accuracy was assessed with the C-index (0.71)"
    score the AUC and the C-index; "a diagnostic accuracy of 91% and a sensitivity of 88%"
    scores accuracy (branch review16d).

    >>> m = ConceptMatch(1, 3, "metric", "accuracy", 0.9, "v")
    >>> auc = ConceptMatch(8, 9, "metric", "auc", 0.9, "v")
    >>> measured_by_another(m, [m, auc], (0, 12), False), measured_by_another(m, [m], (0, 12), False)
    (True, False)
    >>> measured_by_another(m, [m, auc], (0, 12), True)
    False
    """
    a, b = sentence
    return not bound and any(
        o.type == "metric" and o.key != m.key and a <= o.start < b for o in matches
    )


def demote_unscored_umbrella(
    matches: list[ConceptMatch],
    lowers: Sequence[str],
    bounds: Sequence[tuple[int, int]],
    *,
    modifiers: frozenset[str],
    confidence: float,
    units: frozenset[str] = frozenset(),
    connectors: frozenset[str] = frozenset(),
    copulas: frozenset[str] = frozenset(),
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every metric mention that is a clinical umbrella notion
    (:func:`umbrella_accuracy`) in a sentence that states no score (:func:`states_a_score`):
    "Diagnostic accuracy of a commercial AI tool for ...: a multicentre study" and "aiming to
    enhance diagnostic accuracy" name no metric; "the model achieved 93% diagnostic accuracy"
    does. Other mentions of the same metric are untouched. A mention another metric of its
    sentence measures (:func:`measured_by_another`) is demoted too (branch review16d).

    >>> m = [ConceptMatch(1, 3, "metric", "accuracy", 0.9, "v"),
    ...      ConceptMatch(6, 8, "metric", "accuracy", 0.9, "v")]
    >>> w = "a diagnostic accuracy study . it reached diagnostic accuracy of 0.9 .".split()
    >>> [x.confidence for x in demote_unscored_umbrella(m, w, [(0, 5), (5, 13)],
    ...  modifiers=frozenset({"diagnostic"}), confidence=0.45)]
    [0.45, 0.9]
    """
    if not modifiers:
        return matches
    starts = [a for a, _ in bounds]
    out: list[ConceptMatch] = []
    for m in matches:
        if m.type == "metric" and umbrella_accuracy(
            lowers[m.start : m.end], lowers[m.start - 1] if m.start else "", modifiers
        ):
            n = max(0, bisect_right(starts, m.start) - 1)
            a, b = bounds[n] if bounds else (0, len(lowers))
            if not states_a_score(lowers[a:b], units) or measured_by_another(
                m,
                matches,
                (a, b),
                score_bound(
                    lowers[a:b],
                    m.start - a,
                    m.end - a,
                    connectors=connectors,
                    copulas=copulas,
                ),
            ):
                m = capped(m, confidence, "umbrella")
        out.append(m)
    return out


def capped(m: ConceptMatch, confidence: float, tag: str) -> ConceptMatch:
    """``m`` with its confidence lowered to ``confidence`` at most and ``tag`` added to its
    rule (what the ``demote_*`` steps do to the matches they demote).

    >>> capped(ConceptMatch(0, 1, "task", "qa", 0.9, "v"), 0.45, "negated")
    ConceptMatch(start=0, end=1, type='task', key='qa', confidence=0.45, rule='v+negated')
    """
    return ConceptMatch(
        m.start, m.end, m.type, m.key, min(m.confidence, confidence), f"{m.rule}+{tag}"
    )


def demote_keys(
    matches: list[ConceptMatch], keys: frozenset[str], *, confidence: float, tag: str
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every task match whose key is in ``keys`` (tasks that name a
    technique a model uses, not what it does: "retrieval-augmented generation").

    >>> m = [ConceptMatch(0, 1, "task", "rag", 0.95, "v"),
    ...      ConceptMatch(2, 3, "task", "qa", 0.95, "v")]
    >>> [x.confidence for x in demote_keys(m, frozenset({"rag"}), confidence=0.45, tag="method")]
    [0.45, 0.95]
    """
    return [
        capped(m, confidence, tag) if m.type == "task" and m.key in keys else m for m in matches
    ]


def demote_negated(
    matches: list[ConceptMatch], words: Sequence[str], *, cues: frozenset[str], confidence: float
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every task mention right after a word of ``cues`` ("entered in
    Japanese without translation", "needs no segmentation"): a task the text says is not
    done is no task of the paper's (another mention may still assert it). ``words``: the
    Doc's token texts.

    >>> m = [ConceptMatch(1, 2, "task", "mt", 0.75, "g"), ConceptMatch(4, 5, "task", "mt", 0.75, "g")]
    >>> words = ["without", "translation", ";", "we", "translate"]
    >>> [x.confidence for x in demote_negated(m, words, cues=frozenset({"without"}), confidence=0.45)]
    [0.45, 0.75]
    """
    return [
        capped(m, confidence, "negated")
        if m.type == "task" and 0 < m.start <= len(words) and words[m.start - 1].lower() in cues
        else m
        for m in matches
    ]


def demote_free_image_kinds(
    matches: list[ConceptMatch],
    image_keys: frozenset[str],
    *,
    rule: str,
    confidence: float,
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every free "<kind> images" phrase (``rule``, a key outside the
    vocabulary) of a paper that asserts a vocabulary image modality: beside "fundus
    photographs", "handheld images" or "cardiac images" name a device, an organ or a finding
    of the same data, not another kind of data (one kind, one entity). Without a vocabulary
    image modality ("satellite images", "document images") the phrase is the paper's kind of
    data and stays.

    >>> m = [ConceptMatch(0, 1, "modality", "ct", 0.9, "vocab"),
    ...      ConceptMatch(3, 5, "modality", "cardiacimage", 0.55, "pattern:kind")]
    >>> [x.confidence for x in demote_free_image_kinds(
    ...     m, frozenset({"ct"}), rule="pattern:kind", confidence=0.45)]
    [0.9, 0.45]
    >>> [x.confidence for x in demote_free_image_kinds(
    ...     m[1:], frozenset({"ct"}), rule="pattern:kind", confidence=0.45)]
    [0.55]
    """
    if not any(
        m.type == "modality" and m.key in image_keys and m.confidence >= LINK_THRESHOLD
        for m in matches
    ):
        return matches
    return [
        capped(m, confidence, "same_data")
        if m.type == "modality" and m.key not in image_keys and m.rule.split("+")[0] == rule
        else m
        for m in matches
    ]


def demote_compared(
    matches: list[ConceptMatch],
    words: Sequence[str],
    *,
    cues: frozenset[str],
    confidence: float,
    reach: int = 3,
    counts: frozenset[str] = frozenset(),
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every modality mention that is the term of a comparison: a
    word of ``cues`` at most ``reach`` words before it, with no number, number word
    (``counts``) or punctuation between ("CT carries more information than a single
    radiograph"). The data compared against is not the paper's data; another mention may
    still assert it. A count between ("more than 500 radiographs", "fewer than ten thousand
    scans") makes the mention the paper's data again. ``words``: the Doc's token texts.

    >>> w = ["richer", "than", "2D", "radiographs", ";", "than", "500", "scans"]
    >>> m = [ConceptMatch(3, 4, "modality", "xray", 0.85, "v"),
    ...      ConceptMatch(7, 8, "modality", "ct", 0.85, "v")]
    >>> [x.confidence for x in demote_compared(m, w, cues=frozenset({"than"}), confidence=0.45)]
    [0.45, 0.85]
    """
    return [
        capped(m, confidence, "compared")
        if m.type == "modality"
        and 0 < m.start <= len(words)
        and follows_cue(words, m.start, cues, reach, counts)
        else m
        for m in matches
    ]


def follows_cue(
    words: Sequence[str],
    start: int,
    cues: frozenset[str],
    reach: int,
    counts: frozenset[str] = frozenset(),
) -> bool:
    """Whether a word of ``cues`` stands at most ``reach`` words before ``words[start]``, with
    no count (a number, a word of ``counts``) or punctuation mark between.

    >>> w = ["than", "a", "radiograph", "than", "500", "scans", "than", "ten", "scans"]
    >>> [follows_cue(w, i, frozenset({"than"}), 3, frozenset({"ten"})) for i in (2, 5, 8, 0)]
    [True, False, False, False]
    """
    for i in range(start - 1, max(-1, start - 1 - reach), -1):
        word = words[i].lower()
        if word in cues:
            return True
        if word in counts or not any(c.isalpha() for c in word):  # a count or a punctuation
            return False
    return False


def is_survey(
    title: Sequence[str], abstract: Sequence[str], nouns: frozenset[str], openers: frozenset[str]
) -> bool:
    """Whether a paper is a survey or review (GUIDELINES task, as annotated: a survey's tasks
    are the field's, not its own work; issue 15, item 2).

    The title names it ("A Survey of ...", "...: A Comprehensive Review", "Review of ...") or
    the abstract does ("this survey", "our review"). A noun of ``nouns`` counts in the title
    after an opener ("a", "comprehensive", ":"...), before "of"/"on"/"for", or last; "peer
    review generation" is no survey.

    Args:
        title: the lower-cased words of the title.
        abstract: the lower-cased words of the abstract.
        nouns: "survey", "review", ...
        openers: words that open a survey noun phrase in a title.

    >>> n, o = frozenset({"survey", "review"}), frozenset({"a", ":"})
    >>> is_survey(["llms", ":", "a", "survey"], [], n, o), is_survey(["review", "of", "x"], [], n, o)
    (True, True)
    >>> is_survey(["peer", "review", "generation"], [], n, o), is_survey([], ["this", "review"], n, o)
    (False, True)
    """
    for i, word in enumerate(title):
        if word not in nouns:
            continue
        before = title[i - 1] if i else ""
        after = title[i + 1] if i + 1 < len(title) else ""
        if before in openers or after in {"of", "on", "for", ""}:
            return True
    return any(
        word in nouns and abstract[i - 1] in {"this", "our"} for i, word in enumerate(abstract) if i
    )


#: what follows "Limitations" when the sentence lists them ("Limitations include ...",
#: "Limitations: ...", "Limitations are ...")
LIMITATION_LISTERS = frozenset({":", "include", "includes", "included", "are", "were", "comprise"})
#: words after "Limitations of" that make the limitations the paper's own ("of this study")
OWN_WORK_WORDS = frozenset({"this", "our", "the", "present", "current"})
#: nouns after those words that name the paper's own work ("of the study")
OWN_WORK_NOUNS = frozenset({"study", "work", "analysis", "approach", "method", "model", "paper"})


def lists_limitations(rest: Sequence[str]) -> bool:
    """Whether a sentence opened by "Limitations" lists the limits of the work, given the
    words after that opener: a listing verb or colon right after it ("Limitations include
    the lack of report generation", "Limitations:"), or "of" + a determiner of the paper's
    work + a noun naming it before that verb ("Limitations of this study are ..."). Not when
    the limitations are a problem the sentence goes on to remedy or motivate ("Limitations
    of annotation budgets are overcome by our approach to polyp segmentation", "Limitations
    in single-view models led us to ..."): those sentences state the paper's own task
    (branch review17b).

    >>> lists_limitations(["include", "no", "study", "of", "x"])
    True
    >>> lists_limitations(["of", "the", "study", "include", "x"])
    True
    >>> lists_limitations(["of", "annotation", "budgets", "are", "overcome"])
    False
    >>> lists_limitations(["in", "single-view", "models", "led", "us"])
    False
    """
    if not rest:
        return False
    if rest[0] in LIMITATION_LISTERS:
        return True
    return (
        len(rest) > 2
        and rest[0] == "of"
        and rest[1] in OWN_WORK_WORDS
        and any(w in OWN_WORK_NOUNS for w in rest[2:4])
    )


def in_background_context(
    left: Sequence[str],
    cues: frozenset[str],
    openers: frozenset[str] = frozenset(),
    subordinators: frozenset[str] = frozenset(),
    purposes: frozenset[str] = frozenset(),
    complements: frozenset[str] = frozenset(),
) -> bool:
    """Whether a task mention stands in a clause about possible use, motivation or other
    work (GUIDELINES task: motivation, background, related work, possible application or
    future use are not annotated).

    Three cues, read in the words of its sentence before it:

    * a word of ``cues`` before it in its clause ("... could support diagnosis",
      "applications like diagnostics", "plays an important role in screening"; a colon or
      semicolon starts a new clause), or a two-word phrase of ``cues`` that names where the
      labels came from, right before it (:func:`names_label_source`: "the reference standard
      was histological diagnosis");
    * a sentence opened by a word of ``openers``: the whole sentence is about other work
      ("Existing benchmarks focus on question answering");
    * a sentence opened by a word of ``subordinators``, up to its first comma ("Unlike
      prior benchmarks that focus on QA, ours covers summarization": QA only).

    Args:
        left: the lower-cased words of its sentence before the mention.
        cues: words that make the rest of the sentence background.
        openers: first words that make the whole sentence background.
        subordinators: first words that make their clause background.
        purposes: words after a two-word cue that make the task what the labels serve.
        complements: cues that point at a use only through their complement
            (:func:`complement_cue_reaches`: "a candidate for", "inspired by").

    >>> c, o, s = frozenset({"could"}), frozenset({"existing"}), frozenset({"unlike"})
    >>> in_background_context(["this", "could", "support"], c, o, s)
    True
    >>> in_background_context(["we", "propose", "a", "model", "for"], c, o, s)
    False
    >>> in_background_context(["existing", "work", "focuses", "on"], c, o, s)
    True
    >>> in_background_context(["unlike", "x", "on", "qa", ",", "ours", "covers"], c, o, s)
    False
    >>> in_background_context(["unlike", "x", "that", "focus", "on"], c, o, s)
    True
    >>> in_background_context(["it", "could", "help", ":", "we", "use"], c, o, s)
    False
    >>> c2 = frozenset({"reference standard"})
    >>> in_background_context(["the", "reference", "standard", "was"], c2, o, s)
    True
    >>> in_background_context(["a", "reference", "for", "the"], c2, o, s)
    False
    >>> in_background_context(["the", "reference", "standard", "for"], c2, o, s, frozenset({"for"}))
    False
    """
    words = [w for w in left if w.strip()]
    if not words:
        return False
    if words[0] in openers and (words[0] != "limitations" or lists_limitations(words[1:])):
        return True
    if words[0] in subordinators and "," not in words:
        return True
    # a colon or semicolon opens a new clause ("Potential applications: this dataset enables
    # image synthesis")
    last = max((i for i, w in enumerate(words) if w in {":", ";"}), default=-1)
    clause = words[last + 1 :]
    return (
        any(w in cues for w in clause)
        or names_label_source(clause, cues, purposes)
        or complement_cue_reaches(clause, complements)
    )


#: words that deny the predicate after them ("were not evaluated", "was never tested")
DENIALS = frozenset({"not", "never"})
#: words that end the clause of a task mention read rightwards; a comma ends it too, unless a
#: relative clause opens after it (", which could reuse the same encoder,")
RIGHT_CLAUSE_ENDS = frozenset({";", ":", "but", "while", "whereas", "although", "."})
RELATIVE_OPENERS = frozenset({"which", "who", "that"})
#: prepositions that join a denied use to its task ("not intended for diagnosis")
USE_PREPOSITIONS = frozenset({"for", "in", "to"})


#: words right after "not"/"never" that turn a denial into a contrast ("not only", "not just
#: used for") or into a gap in the field the paper then fills ("has not been studied", "not
#: yet", "not previously tested", "not well studied")
NOT_DENYING = frozenset(
    {"only", "just", "merely", "simply", "solely", "been", "yet", "previously", "well"}
)


def denies(after: Sequence[str], verbs: frozenset[str]) -> bool:
    """Whether the (up to two) words after "not" or "never" deny that a work was done: a
    word of ``verbs`` among them, and no word of :data:`NOT_DENYING` before it. A contrast
    ("is not just used for segmentation") and a research gap ("has not been investigated",
    "was not previously tested", "is not well studied") say the paper does the task, not that
    it leaves it out (branch review17b).

    >>> v = frozenset({"evaluated", "studied", "used"})
    >>> denies(["evaluated", "."], v)
    True
    >>> denies(["been", "studied"], v)
    False
    >>> denies(["well", "studied"], v)
    False
    >>> denies(["just", "used"], v)
    False
    """
    for w in after:
        if w in NOT_DENYING:
            return False
        if w in verbs:
            return True
    return False


#: adverbs that, closing a denied clause, make it a gap in the field ("never tested for
#: question answering before", "not used for triage previously", "not tested yet")
GAP_CLOSERS = frozenset({"before", "previously", "yet"})
#: what ends the clause such an adverb closes
CLAUSE_CLOSERS = frozenset({",", ".", ";", ":"})


def gap_ends_clause(right: Sequence[str]) -> bool:
    """Whether the clause after a task mention ends on an adverb of :data:`GAP_CLOSERS`
    ("The model, never tested for question answering in ophthalmology before, scored 71%"):
    the denial is a gap the paper fills, not a limit of its work. "before" followed by more
    words is a preposition ("classification before resection was not evaluated"; branch
    review17b).

    >>> gap_ends_clause(["in", "eye", "care", "before", ",", "scored"])
    True
    >>> gap_ends_clause(["before", "resection", "was", "not", "evaluated", "."])
    False
    """
    for i, w in enumerate(right):
        if w in CLAUSE_CLOSERS:
            return i > 0 and right[i - 1] in GAP_CLOSERS
    return bool(right) and right[-1] in GAP_CLOSERS


def denied_after(right: Sequence[str], verbs: frozenset[str]) -> bool:
    """Whether the clause that a task mention opens denies that the work was done: "not" or
    "never" with a word of ``verbs`` among the two words after it ("Readmission prediction
    and diagnosis coding, which could reuse the encoder, were not evaluated"; branch
    tasks17). The clause ends at a clause word, a colon or a comma, except a comma that opens
    a relative clause, which is skipped to its closing comma. "not only" denies nothing.

    Args:
        right: the lower-cased words of the sentence after the mention.
        verbs: participles of doing or evaluating a task (evaluated, tested, addressed).

    >>> v = frozenset({"evaluated", "tested"})
    >>> denied_after(["and", "x", ",", "which", "could", "help", ",", "were", "not",
    ...               "evaluated", "."], v)
    True
    >>> denied_after(["on", "ct", ",", "but", "mri", "was", "not", "tested"], v)
    False
    >>> denied_after(["was", "not", "only", "tested"], v)
    False
    """
    i = 0
    while i < len(right):
        w = right[i]
        if w in RIGHT_CLAUSE_ENDS:
            return False
        if w == ",":
            if i + 1 < len(right) and right[i + 1] in RELATIVE_OPENERS and "," in right[i + 1 :]:
                i = right.index(",", i + 1) + 1
                continue
            return False
        if w in DENIALS and denies(right[i + 1 : i + 3], verbs):
            return True
        i += 1
    return False


def denied_use_before(left: Sequence[str], verbs: frozenset[str]) -> bool:
    """Whether the words right before a task mention deny it as a use of the work: "not" or
    "never", then a word of ``verbs`` within two words, then a preposition right before the
    mention ("must not be used for diagnosis", "is not intended for screening"; branch
    tasks17).

    >>> v = frozenset({"used", "intended"})
    >>> denied_use_before(["it", "must", "not", "be", "used", "for"], v)
    True
    >>> denied_use_before(["it", "was", "used", "for"], v)
    False
    >>> denied_use_before(["not", "only", "used", "for"], v)
    False
    """
    if not left or left[-1] not in USE_PREPOSITIONS:
        return False
    tail = list(left[-5:-1])
    return any(w in DENIALS and denies(tail[i + 1 : i + 3], verbs) for i, w in enumerate(tail))


#: the words that open the complement of a complement cue ("expect to", "suited to",
#: "a candidate for", "inspired by")
COMPLEMENT_OPENERS = frozenset({"to", "for", "by"})


def complement_cue_reaches(clause: Sequence[str], complements: frozenset[str]) -> bool:
    """Whether a word of ``complements`` in ``clause`` (the words before a task mention)
    points at a possible use that reaches the mention: the cue opens its complement ("to",
    "for", "by" right after it) and no comma stands between it and the mention ("which we
    expect to simplify review", "a practical candidate for fluid quantification", "a process
    inspired by clinical diagnosis"). A cue without its complement ("candidate nodules",
    "each candidate prompt for NER") or one closed by a comma ("Inspired by radiologists, we
    propose a network for nodule detection") leaves the task the paper's own (branch
    review16a).

    >>> c = frozenset({"candidate", "inspired"})
    >>> complement_cue_reaches(["a", "candidate", "for"], c)
    True
    >>> complement_cue_reaches(["each", "candidate", "prompt", "for"], c)
    False
    >>> complement_cue_reaches(["inspired", "by", "readers", ",", "we", "propose"], c)
    False
    """
    for i, w in enumerate(clause):
        if (
            w in complements
            and i + 1 < len(clause)
            and clause[i + 1] in COMPLEMENT_OPENERS
            and "," not in clause[i + 1 :]
        ):
            return True
    return False


#: a two-word cue names how the labels were made only for a task this few words after it
#: ("the reference standard was the histological diagnosis": two words between)
LABEL_SOURCE_REACH = 4


def names_label_source(
    clause: Sequence[str], cues: frozenset[str], purposes: frozenset[str] = frozenset()
) -> bool:
    """Whether a two-word phrase of ``cues`` ("reference standard", "ground truth") ends at
    most :data:`LABEL_SOURCE_REACH` words before the end of ``clause`` (the words before a
    task mention), with no word of ``purposes`` after it (list ``label_source_purposes``:
    "for", "to"): the task is how
    the labels were made ("the reference standard was adjudicated grading", "its ground truth
    came from severity grading"), not a task the labels serve ("the ground truth for nodule
    detection", "ground truth masks for liver segmentation").

    >>> c, p = frozenset({"ground truth"}), frozenset({"for", "to"})
    >>> names_label_source(["the", "ground", "truth", "was", "the"], c, p)
    True
    >>> names_label_source(["ground", "truth", "masks", "for"], c, p)
    False
    >>> names_label_source(["ground", "truth", "masks", "were", "used", "in", "the"], c, p)
    False
    """
    # only the last words can hold a cue close enough (speed: one check per task mention)
    tail = clause[-(LABEL_SOURCE_REACH + 2) :]
    for i, (a, b) in enumerate(pairwise(tail)):
        if f"{a} {b}" in cues and purposes.isdisjoint(tail[i + 2 :]):
            return True
    return False


def names_a_component(left: Sequence[str], holders: frozenset[str]) -> bool:
    """Whether a task mention names a part of another system: it follows "with" (one
    modifier between at most) right after a system noun of ``holders`` or a model name
    ("a GPT-4 judge with evidence retrieval", "GPT-4o with evidence retrieval"), so it says how
    that system works, not what the paper's work does (GUIDELINES task: the paper's own).

    Args:
        left: the lower-cased words of its sentence before the mention.
        holders: nouns of systems that a task can be a part of ("detector", "judge").

    >>> h = frozenset({"judge", "detector"})
    >>> names_a_component(["a", "judge", "with", "sentence", "-", "level"], h)
    True
    >>> names_a_component(["the", "gpt-4o", "with"], h)
    True
    >>> names_a_component(["corpora", "annotated", "with"], h)
    False
    >>> names_a_component(["a", "detector", "with", "high", "recall", "for"], h)
    False
    """
    tail = [w for w in left[-6:] if w.strip()]
    if "with" not in tail:
        return False
    at = len(tail) - 1 - tail[::-1].index("with")
    # at most one modifier between, its hyphenated parts joined ("sentence - level")
    between = " ".join(tail[at + 1 :]).replace(" - ", "-").split()
    if len(between) > 1 or any(not w.replace("-", "").isalpha() for w in between):
        return False
    if at == 0:
        return False
    before = tail[at - 1]
    name_like = any(c.isdigit() for c in before) and any(c.isalpha() for c in before)
    return before in holders or name_like


def unsupported_keys(
    matches: Sequence[ConceptMatch],
    *,
    in_title: Sequence[bool],
    background: Sequence[bool],
    weak_rules: frozenset[str],
    survey: bool,
) -> set[str]:
    """Keys of the tasks nothing shows to be the paper's own work (issue 15, item 2).

    A task is unsupported when the paper is a survey (every task), when every mention of it
    stands in a background clause (:func:`in_background_context`) outside the title, or when
    it is an ad-hoc phrase named once outside the title by a rule of ``weak_rules`` only (a
    verb and its object, "<phrase> task": "fully automate coding", "generate responses").

    Args:
        matches: the document's task matches.
        in_title: per match, whether it is in the title.
        background: per match, whether it stands in a background clause.
        weak_rules: rule names whose lone mention does not assert a task.
        survey: the paper is a survey or review (:func:`is_survey`).

    >>> m = [ConceptMatch(0, 1, "task", "qa", 0.9, "vocab:alt"),
    ...      ConceptMatch(5, 7, "task", "tumor", 0.7, "pattern:verb_object"),
    ...      ConceptMatch(9, 10, "task", "nli", 0.9, "vocab:pref")]
    >>> sorted(unsupported_keys(m, in_title=[False] * 3, background=[True, False, False],
    ...                         weak_rules=frozenset({"pattern:verb_object"}), survey=False))
    ['qa', 'tumor']
    """
    keys = {m.key for m in matches}
    if survey:
        return keys
    supported: set[str] = set()
    weak_count: dict[str, int] = {}
    for m, title, back in zip(matches, in_title, background, strict=True):
        if title:
            supported.add(m.key)
            continue
        if back:
            continue
        if m.rule.split("+")[0] in weak_rules:
            weak_count[m.key] = weak_count.get(m.key, 0) + 1
        else:
            supported.add(m.key)
    supported |= {k for k, n in weak_count.items() if n >= 2}
    return keys - supported


def first_own_sentence(
    lower: Sequence[int],
    bounds: Sequence[tuple[int, int]],
    cues: OwnWorkCues,
    end_of_title: int = 0,
) -> int | None:
    """Index of the first sentence of the abstract (after the title, which ends at token
    ``end_of_title``: "A Retrospective Study" is no sentence of the abstract) that speaks of
    the paper's own work (:meth:`OwnWorkCues.speaks_of_own_work` over the lower-case hashes
    ``lower``), None when none does; reads only up to that sentence (issue 7: speed).

    >>> ids = [1, 2, 3, 7, 5]
    >>> first_own_sentence(ids, [(0, 2), (2, 4), (4, 5)], OwnWorkCues(frozenset({7})))
    1
    >>> first_own_sentence(ids[:2], [(0, 2)], OwnWorkCues(frozenset({7}))) is None
    True
    >>> first_own_sentence([7, 1, 7], [(0, 1), (1, 2), (2, 3)], OwnWorkCues(frozenset({7})), 1)
    2
    """
    for n, (a, b) in enumerate(bounds):
        if a >= end_of_title and cues.speaks_of_own_work(lower[a:b]):
            return n
    return None


def before_own_work(
    sentence_index: Sequence[int], first_own: int | None, in_title: Sequence[bool]
) -> list[bool]:
    """Per mention, whether it stands in the motivation that opens an abstract: in a
    sentence before the first one about the paper's own work (``first_own``), and not in the
    title. Such a mention supports no task, so a task named there and otherwise only as a
    possible use ("Networks have been applied to diagnosis. We estimate X. This could
    support diagnosis.") is not the paper's own (GUIDELINES task). Without any own-work
    sentence nothing is.

    >>> before_own_work([1, 2, 3], 2, [False, False, False])
    [True, False, False]
    >>> before_own_work([0, 1], None, [False, False]), before_own_work([0], 1, [True])
    ([False, False], [False])
    """
    if first_own is None:
        return [False] * len(sentence_index)
    return [
        not title and sent < first_own for sent, title in zip(sentence_index, in_title, strict=True)
    ]


def sentence_end(bounds: Sequence[tuple[int, int]], starts: Sequence[int], token: int) -> int:
    """The end of the sentence of ``bounds`` (``starts`` their starts) that holds ``token``.

    >>> sentence_end([(0, 4), (4, 9)], [0, 4], 5)
    9
    """
    return bounds[max(0, bisect_right(starts, token) - 1)][1]


def demote_unsupported(
    doc: Doc,
    matches: list[ConceptMatch],
    *,
    cues: frozenset[str],
    openers: frozenset[str],
    subordinators: frozenset[str],
    purposes: frozenset[str] = frozenset(),
    complements: frozenset[str] = frozenset(),
    holders: frozenset[str] = frozenset(),
    survey_nouns: frozenset[str],
    survey_openers: frozenset[str],
    weak_rules: frozenset[str],
    confidence: float,
    bounds: Sequence[tuple[int, int]] | None = None,
    end_of_title: int | None = None,
    own: OwnWorkCues | None = None,
    titled: frozenset[str] = frozenset(),
    denied: frozenset[str] = frozenset(),
) -> list[ConceptMatch]:
    """Lower to ``confidence`` every task match of a task :func:`unsupported_keys` finds;
    other matches pass through (kept as mentions, not asserted). With ``own`` a mention in
    the opening motivation (:func:`before_own_work`) counts as background too. A task of
    ``titled`` (:func:`title_named_keys`) counts as named in the title. A mention whose
    clause denies it with a word of ``denied`` (:func:`denied_after`,
    :func:`denied_use_before`) is not done by the paper either."""
    # only tasks with a mention above ``confidence`` can lose anything (issue 7: speed)
    live = {m.key for m in matches if m.type == "task" and m.confidence > confidence}
    tasks = [m for m in matches if m.type == "task" and m.key in live]
    if not tasks:
        return matches
    bounds = sentence_bounds(doc) if bounds is None else bounds
    starts = [a for a, _ in bounds]
    end_of_title = title_end(doc) if end_of_title is None else end_of_title
    strings = doc.vocab.strings
    # lower-case hashes for the set tests below (issue 7: speed)
    lower = token_lower_ids(doc)  # read once per Doc, shared with own_work_flags (speed16)
    # and the Doc's lower-case token texts, decoded once per Doc (issue 15: speed)
    lowers = token_lowers(doc)

    def words(a: int, b: int) -> list[str]:
        return list(lowers[a:b])

    background = [
        in_background_context(
            words(starts[max(0, bisect_right(starts, m.start) - 1)], m.start),
            cues,
            openers,
            subordinators,
            purposes,
            complements,
        )
        or (
            bool(holders)
            and names_a_component(
                words(max(starts[max(0, bisect_right(starts, m.start) - 1)], m.start - 6), m.start),
                holders,
            )
        )
        or (
            bool(denied)
            and (
                denied_use_before(words(max(0, m.start - 5), m.start), denied)
                or denied_after(words(m.end, sentence_end(bounds, starts, m.start)), denied)
            )
            and not gap_ends_clause(words(m.end, sentence_end(bounds, starts, m.start)))
        )
        for m in tasks
    ]
    if own is not None:
        opening = before_own_work(
            [max(0, bisect_right(starts, m.start) - 1) for m in tasks],
            first_own_sentence(lower, bounds, own, end_of_title),
            [m.start < end_of_title for m in tasks],
        )
        background = [a or b for a, b in zip(background, opening, strict=True)]
    # the abstract's survey nouns with the word before each ("this survey")
    survey_ids = {strings[w] for w in survey_nouns}
    hits = (
        [i for i, h in enumerate(lower) if h in survey_ids]
        if not survey_ids.isdisjoint(lower)  # most abstracts have none (speed)
        else []
    )
    around = [w for i in hits if i > end_of_title for w in words(i - 1, i + 1)]
    demote = unsupported_keys(
        tasks,
        in_title=[m.start < end_of_title or m.key in titled for m in tasks],
        background=background,
        weak_rules=weak_rules,
        survey=is_survey(words(0, end_of_title), around, survey_nouns, survey_openers),
    )
    if not demote:
        return matches
    return [
        capped(m, confidence, "unsupported") if m.type == "task" and m.key in demote else m
        for m in matches
    ]


def merge_variants(
    matches: list[ConceptMatch],
    known: frozenset[str],
    head_of: dict[str, str],
    object_named: frozenset[str] = frozenset(),
    head_synonyms: Mapping[str, str] | None = None,
) -> list[ConceptMatch]:
    """Map free task phrases onto the one vocabulary task of the paper with the same head
    word ("pneumothorax classification" beside "image classification" is image
    classification: one task, one entity; issue 15, item 2). A vocabulary task whose label
    names one kind of object (``object_named``: "surgical phase recognition") takes no
    variants: "gesture recognition" beside it is another task.

    Args:
        matches: the document's resolved matches.
        known: keys of vocabulary tasks.
        head_of: task key -> its head word, for vocabulary tasks.
        object_named: keys of vocabulary tasks that take no free variants.
        head_synonyms: head word of a free phrase -> the vocabulary head it names the same
            task with ("cervix localization" beside "object detection": localising an object
            in an image is detecting it).

    Returns:
        The matches, free task phrases relabelled where exactly one vocabulary task of the
        paper shares their head.

    >>> m = [ConceptMatch(0, 2, "task", "imageclassification", 0.9, "vocab"),
    ...      ConceptMatch(5, 7, "task", "pneumothoraxclassification", 0.55, "pattern")]
    >>> [x.key for x in merge_variants(m, frozenset({"imageclassification"}),
    ...                                {"imageclassification": "classification"})]
    ['imageclassification', 'imageclassification']
    >>> m = [ConceptMatch(0, 3, "task", "surgicalphaserecognition", 0.9, "vocab"),
    ...      ConceptMatch(5, 7, "task", "gesturerecognition", 0.55, "pattern")]
    >>> [x.key for x in merge_variants(m, frozenset({"surgicalphaserecognition"}),
    ...     {"surgicalphaserecognition": "recognition"}, frozenset({"surgicalphaserecognition"}))]
    ['surgicalphaserecognition', 'gesturerecognition']
    >>> m = [ConceptMatch(0, 2, "task", "objectdetection", 0.9, "vocab"),
    ...      ConceptMatch(5, 7, "task", "cervixlocalization", 0.55, "pattern")]
    >>> [x.key for x in merge_variants(m, frozenset({"objectdetection"}),
    ...     {"objectdetection": "detection"}, head_synonyms={"localization": "detection"})]
    ['objectdetection', 'objectdetection']
    """
    by_head: dict[str, set[str]] = {}
    for m in matches:
        if m.type == "task" and m.key in known and m.key in head_of:
            if m.key in object_named:
                continue
            by_head.setdefault(head_of[m.key], set()).add(m.key)
    for synonym, head in (head_synonyms or {}).items():
        if head in by_head:
            by_head[synonym] = by_head[head]
    if not by_head:
        return matches
    out = []
    for m in matches:
        if m.type == "task" and m.key not in known:
            head = _phrase_head(m.key, by_head)
            if head is not None and len(by_head[head]) == 1:
                m = ConceptMatch(
                    m.start,
                    m.end,
                    m.type,
                    next(iter(by_head[head])),
                    m.confidence,
                    m.rule + "+variant",
                )
        out.append(m)
    return out


#: how a lower-case word before a system noun reads as a quality of the system, not its
#: object ("a hierarchical detector", "a pretrained classifier", "a binary classifier")
_QUALITY_ENDINGS = ("al", "ic", "ive", "ous", "ary", "ed", "ing", "ble", "ful", "less", "est")


def detected_object(
    words: Sequence[str], start: int, end: int, qualities: frozenset[str] = frozenset()
) -> str | None:
    """The object a system noun at tokens ``start..end`` names for itself, lower-cased, or
    None: a plain lower-case noun right before it ("a lesion detector", "a pneumonia
    classifier") or after "of" right after it ("a detector of rib fractures"). A word with an
    adjective's ending or of ``qualities`` describes the system ("a lightweight detector",
    "a binary classifier"); a name before it is its architecture ("a RoBERTa detector";
    branch review16a).

    >>> w = ["a", "lesion", "detector", "and", "a", "binary", "classifier", "of", "notes"]
    >>> detected_object(w, 2, 3), detected_object(w, 6, 7), detected_object(w[:7], 6, 7)
    ('lesion', 'notes', None)
    >>> detected_object(["our", "RoBERTa", "detector"], 2, 3) is None
    True
    """

    def plain_noun(w: str) -> bool:
        return (
            len(w) > 2
            and w.isalpha()
            and w.islower()
            and w not in qualities
            and not w.endswith(_QUALITY_ENDINGS)
        )

    if start > 0 and plain_noun(words[start - 1]):
        return words[start - 1]
    if end + 1 < len(words) and words[end] == "of" and plain_noun(words[end + 1]):
        return words[end + 1]
    return None


def system_noun_gives_way(
    matches: list[ConceptMatch],
    noun_rules: frozenset[str],
    head_of: Mapping[str, str],
    words: Sequence[str] = (),
    qualities: frozenset[str] = frozenset(),
) -> list[ConceptMatch]:
    """Map a task found only by a bare system noun ("detector", "classifier": the rules
    ``gate:<id>`` of ``noun_rules``) onto another vocabulary task of the paper with the same
    head word: the detector of a paper about hallucination detection detects hallucinations,
    not objects (GUIDELINES: one task, one entity; branch tasks16b). A task with any other
    evidence, or without another task of its head, stays.

    Args:
        matches: the document's resolved matches.
        noun_rules: the rule names of the system-noun gates.
        head_of: task key -> its head word, for vocabulary tasks.

    >>> m = [ConceptMatch(0, 1, "task", "objectdetection", 0.75, "gate:d"),
    ...      ConceptMatch(4, 6, "task", "hallucinationdetection", 0.9, "v")]
    >>> heads = {"objectdetection": "detection", "hallucinationdetection": "detection",
    ...          "diagnosis": "diagnosis"}
    >>> [x.key for x in system_noun_gives_way(m, frozenset({"gate:d"}), heads)]
    ['hallucinationdetection', 'hallucinationdetection']
    >>> m2 = [m[0], ConceptMatch(4, 5, "task", "diagnosis", 0.9, "v")]
    >>> [x.key for x in system_noun_gives_way(m2, frozenset({"gate:d"}), heads)]
    ['objectdetection', 'diagnosis']
    """
    rules_of: dict[str, set[str]] = {}
    for m in matches:
        if m.type == "task":
            rules_of.setdefault(m.key, set()).add(m.rule)
    bare = {k for k, rules in rules_of.items() if rules <= noun_rules}
    if not bare:
        return matches
    if words:
        # a system noun that names its own object ("a lesion detector") is evidence of its
        # task, unless that object is the other task's own word ("a hallucination detector")
        task_words = {
            w.lower()
            for m in matches
            if m.type == "task" and m.key not in bare
            for w in words[m.start : m.end]
        }
        named = {
            m.key
            for m in matches
            if m.type == "task"
            and m.key in bare
            and (obj := detected_object(words, m.start, m.end, qualities)) is not None
            and obj not in task_words
        }
        bare -= named
    into: dict[str, str] = {}
    for key in bare:
        head = head_of.get(key)
        other = next(
            (
                m.key
                for m in matches
                if m.type == "task" and m.key not in bare and head_of.get(m.key) == head
            ),
            None,
        )
        if head and other:
            into[key] = other
    if not into:
        return matches
    return [
        ConceptMatch(m.start, m.end, m.type, into[m.key], m.confidence, f"{m.rule}+system")
        if m.type == "task" and m.key in into
        else m
        for m in matches
    ]


def merge_verb_restatements(
    matches: list[ConceptMatch], nominals: Iterable[str], *, confidence: float
) -> list[ConceptMatch]:
    """A task named by the authors' verb and its object (rule :data:`OWN_VERB_RULE`: "we
    predict EGFR mutation status") restates the paper's task when another rule finds a task
    on the same head ("EGFR mutation prediction" in the title): beside exactly one such task
    it is that task, beside several it is kept below the link threshold (``confidence``); alone
    it stands (GUIDELINES task: one task, one entity, the paper's own words as aliases). A
    task stated as one more (:data:`FURTHER_TASK`: "we also estimate intracranial volume"
    beside "Brain age estimation") is another task and stands (review16c).

    >>> m = [ConceptMatch(0, 3, "task", "mutationprediction", 0.55, "pattern:compound_task"),
    ...      ConceptMatch(9, 13, "task", "egfrmutationstatusprediction", 0.55, OWN_VERB_RULE),
    ...      ConceptMatch(20, 23, "task", "ejectionfractionestimation", 0.55, OWN_VERB_RULE)]
    >>> [x.key for x in merge_verb_restatements(m, ["prediction", "estimation"], confidence=0.45)]
    ['mutationprediction', 'mutationprediction', 'ejectionfractionestimation']
    """
    if not any(m.type == "task" and m.rule.startswith(OWN_VERB_RULE) for m in matches):
        return matches  # the common case: nothing to merge, no work
    heads = sorted({normalize_key(n) for n in nominals}, key=len, reverse=True)
    others = {m.key for m in matches if m.type == "task" and m.rule.split("+")[0] != OWN_VERB_RULE}
    out = []
    for m in matches:
        if (
            m.type == "task"
            and m.rule.split("+")[0] == OWN_VERB_RULE
            and not m.rule.startswith(OWN_VERB_RULE + FURTHER_TASK)
        ):
            head = next((h for h in heads if m.key.endswith(h)), None)
            same = sorted(k for k in others if head is not None and k.endswith(head))
            if len(same) == 1:
                m = ConceptMatch(m.start, m.end, m.type, same[0], m.confidence, m.rule + "+variant")
            elif same:
                m = capped(m, confidence, "restated")
        out.append(m)
    return out


def merge_free_variants(
    matches: list[ConceptMatch], words: Sequence[tuple[str, ...]], known: frozenset[str]
) -> list[ConceptMatch]:
    """Map a free task phrase onto a shorter free task phrase of the paper that ends it
    ("inertial attitude estimation" beside "attitude estimation" is attitude estimation: one
    task, one entity; issue 15, item 2). The shorter phrase needs two words at least, so a
    bare head ("estimation") never absorbs anything.

    Args:
        matches: the document's resolved matches.
        words: per match, its lower-cased words (same order).
        known: keys of vocabulary tasks (left alone: :func:`merge_variants` maps onto them).

    >>> m = [ConceptMatch(0, 2, "task", "attitudeestimation", 0.55, "p"),
    ...      ConceptMatch(5, 8, "task", "inertialattitudeestimation", 0.55, "p")]
    >>> w = [("attitude", "estimation"), ("inertial", "attitude", "estimation")]
    >>> [x.key for x in merge_free_variants(m, w, frozenset())]
    ['attitudeestimation', 'attitudeestimation']
    """
    free = {
        w: m.key
        for m, w in zip(matches, words, strict=True)
        if m.type == "task" and m.key not in known
    }
    if len(free) < 2:
        return matches
    out = []
    for m, w in zip(matches, words, strict=True):
        if m.type == "task" and m.key not in known:
            shorter = next((free[w[i:]] for i in range(1, len(w) - 1) if w[i:] in free), None)
            if shorter is not None and shorter != m.key:
                m = ConceptMatch(m.start, m.end, m.type, shorter, m.confidence, m.rule + "+variant")
        out.append(m)
    return out


def _phrase_head(key: str, heads: Iterable[str]) -> str | None:
    """The head word among ``heads`` that the normalised phrase key ends with (longest first)."""
    for head in sorted(heads, key=len, reverse=True):
        if key.endswith(normalize_key(head)) and key != normalize_key(head):
            return head
    return None


def fold_generic_tasks(
    matches: list[ConceptMatch], folds: dict[str, str], fold_rules: frozenset[str]
) -> list[ConceptMatch]:
    """Relabel the mentions of a generic task that only a context rule reads (a title about
    "questions", "answers closed-ended questions": rules of ``fold_rules``) as the specific
    task the paper names otherwise ("visual question answering"): one task, one entity
    (GUIDELINES; issue 15, item 2). A generic task the paper also names by a label ("QA",
    "question answering") stays a task of its own.

    Args:
        matches: the document's resolved matches.
        folds: generic task key -> the specific task key it folds into.
        fold_rules: rule names (before any "+" tag) whose mentions may fold.

    >>> m = [ConceptMatch(0, 3, "task", "vqa", 0.95, "vocab:pref"),
    ...      ConceptMatch(5, 7, "task", "qa", 0.7, "pattern:task_by_object")]
    >>> [x.key for x in fold_generic_tasks(m, {"qa": "vqa"}, frozenset({"pattern:task_by_object"}))]
    ['vqa', 'vqa']
    >>> m[1] = ConceptMatch(5, 7, "task", "qa", 0.95, "vocab:pref")
    >>> [x.key for x in fold_generic_tasks(m, {"qa": "vqa"}, frozenset({"pattern:task_by_object"}))]
    ['vqa', 'qa']
    """
    named = {m.key for m in matches if m.type == "task" and m.rule.split("+")[0] not in fold_rules}
    fold = {g: s for g, s in folds.items() if s in named and g not in named}
    if not fold:
        return matches
    return [
        ConceptMatch(m.start, m.end, m.type, fold[m.key], m.confidence, m.rule + "+fold")
        if m.type == "task" and m.key in fold
        else m
        for m in matches
    ]


def fold_by_object(
    matches: list[ConceptMatch],
    words: Sequence[str],
    folds: Sequence[tuple[str, frozenset[str], str]],
) -> list[ConceptMatch]:
    """Relabel a task mention whose phrase names an object of ``folds`` as the task that
    object makes it, when the paper names that task too: writing the impression of a report
    from its findings is summarizing them ("generate impressions from findings" in a paper on
    summarizing findings into impressions is summarization; GUIDELINES task: one task, one
    entity). Without the other task named ("impression generation for PET reports" alone) the
    mention stays what it is.

    Args:
        matches: the document's resolved matches.
        words: the Doc's token texts.
        folds: (task key, object words, task key it becomes).

    >>> w = ["summarizing", "findings", ";", "generate", "impressions"]
    >>> m = [ConceptMatch(0, 1, "task", "summarization", 0.7, "p"),
    ...      ConceptMatch(3, 5, "task", "reportgeneration", 0.7, "p")]
    >>> f = [("reportgeneration", frozenset({"impressions"}), "summarization")]
    >>> [x.key for x in fold_by_object(m, w, f)]
    ['summarization', 'summarization']
    >>> [x.key for x in fold_by_object(m[1:], w, f)]
    ['reportgeneration']
    """
    named = {m.key for m in matches if m.type == "task" and m.confidence >= LINK_THRESHOLD}
    out = []
    for m in matches:
        if m.type == "task":
            for key, objects, into in folds:
                if (
                    m.key == key
                    and into in named
                    and any(w.lower() in objects for w in words[m.start : m.end])
                ):
                    m = ConceptMatch(m.start, m.end, m.type, into, m.confidence, m.rule + "+fold")
                    break
        out.append(m)
    return out


def fold_free_heads(
    matches: list[ConceptMatch],
    words: Sequence[str],
    known: frozenset[str],
    folds: Mapping[str, str],
) -> list[ConceptMatch]:
    """Relabel a free task phrase (not a vocabulary task) whose head word is a key of
    ``folds`` as the vocabulary task it maps to, when the paper names that task anywhere
    (even in its motivation): in a paper on named entity recognition, "medication
    extraction" or "adverse event extraction" is the entity recognition it performs, not a
    second task (GUIDELINES task: one task, one entity).

    >>> w = ["clinical", "NER", ";", "medication", "extraction"]
    >>> m = [ConceptMatch(1, 2, "task", "ner", 0.45, "v"),
    ...      ConceptMatch(3, 5, "task", "medicationextraction", 0.55, "p")]
    >>> [x.key for x in fold_free_heads(m, w, frozenset({"ner"}), {"extraction": "ner"})]
    ['ner', 'ner']
    >>> [x.key for x in fold_free_heads(m[1:], w, frozenset({"ner"}), {"extraction": "ner"})]
    ['medicationextraction']
    """
    named = {m.key for m in matches if m.type == "task"}
    out = []
    for m in matches:
        if m.type == "task" and m.key not in known and m.end - m.start > 1:
            into = folds.get(words[m.end - 1].lower()) if m.end <= len(words) else None
            if into is not None and into in named:
                m = ConceptMatch(m.start, m.end, m.type, into, m.confidence, m.rule + "+fold")
        out.append(m)
    return out


def image_task_variants(
    matches: list[ConceptMatch],
    known: frozenset[str],
    image_heads: dict[str, str],
    image_keys: frozenset[str],
    *,
    image_kind_rule: str = "",
) -> list[ConceptMatch]:
    """In a paper whose modalities are all images, a free task phrase with an image-task head
    is that image task ("pneumothorax classification" is image classification; GUIDELINES:
    one task, one entity; issue 15, item 2).

    Args:
        matches: the document's resolved matches.
        known: keys of vocabulary tasks (left alone).
        image_heads: head word -> image task key ("classification" -> "imageclassification").
        image_keys: keys of image modalities.
        image_kind_rule: the rule of free "<kind> images" phrases; what they name is images
            too ("handheld images" beside fundus photographs).

    >>> m = [ConceptMatch(0, 1, "modality", "ct", 0.9, "v"),
    ...      ConceptMatch(2, 4, "task", "tumorclassification", 0.55, "p")]
    >>> [x.key for x in image_task_variants(
    ...     m, frozenset(), {"classification": "imageclassification"}, frozenset({"ct"}))]
    ['ct', 'imageclassification']
    >>> m[0] = ConceptMatch(0, 1, "modality", "clinicaltext", 0.9, "v")
    >>> [x.key for x in image_task_variants(
    ...     m, frozenset(), {"classification": "imageclassification"}, frozenset({"ct"}))]
    ['clinicaltext', 'tumorclassification']
    """
    modalities = {m.key for m in matches if m.type == "modality"}
    kinds = {
        m.key
        for m in matches
        if m.type == "modality" and image_kind_rule and m.rule.split("+")[0] == image_kind_rule
    }
    if not modalities or not modalities <= image_keys | kinds:
        return matches
    out = []
    for m in matches:
        if m.type == "task" and m.key not in known:
            head = _phrase_head(m.key, image_heads)
            if head is not None:
                m = ConceptMatch(
                    m.start, m.end, m.type, image_heads[head], m.confidence, m.rule + "+image"
                )
        out.append(m)
    return out


def modalities_inside_tasks(
    candidates: Sequence[ConceptMatch],
    resolved: Sequence[ConceptMatch],
    image_keys: frozenset[str],
    report_keys: frozenset[str] = frozenset(),
) -> list[ConceptMatch]:
    """Image modalities named inside a task phrase, or inside the phrase of a report
    modality of ``report_keys`` (the report of an imaging study), that overlap resolution
    dropped ("chest X-ray report generation": the longer "chest X-ray report" won over "chest
    X-ray"; "errors in chest X-ray reports": the reports are of chest X-rays; issue 15, item
    6). Other text ("pathology reports" are clinical text) hosts nothing, inside a task phrase
    too ("pathology report summarisation": the image word names the report's kind). Returns
    the matches to add: per host phrase, the longest image modality candidate inside it that
    is not already resolved.

    >>> task = ConceptMatch(0, 4, "task", "reportgeneration", 0.9, "v")
    >>> rep = ConceptMatch(0, 3, "modality", "radiologyreport", 0.9, "v")
    >>> cxr = ConceptMatch(0, 2, "modality", "chestxray", 0.9, "v")
    >>> keys = frozenset({"chestxray"}), frozenset({"radiologyreport"})
    >>> [m.key for m in modalities_inside_tasks([task, rep, cxr], [task, rep], *keys)]
    ['chestxray']
    >>> task = ConceptMatch(0, 3, "task", "summarization", 0.8, "p")
    >>> text = ConceptMatch(0, 2, "modality", "clinicaltext", 0.9, "v")
    >>> path = ConceptMatch(0, 1, "modality", "histopathology", 0.75, "g")
    >>> modalities_inside_tasks([task, text, path], [task, text], frozenset({"histopathology"}))
    []
    """
    have = {(m.start, m.end, m.key) for m in resolved if m.type == "modality"}
    have_keys = {m.key for m in resolved if m.type == "modality"}
    out: list[ConceptMatch] = []
    hosts = (
        m for m in resolved if m.type == "task" or (m.type == "modality" and m.key in report_keys)
    )
    for task in hosts:
        inside = [
            c
            for c in candidates
            if c.type == "modality"
            and task.start <= c.start
            and c.end <= task.end
            and c.key in image_keys
            and (c.start, c.end, c.key) not in have
            and c.key not in have_keys
            and not inside_text_modality(c, candidates, image_keys | report_keys)
        ]
        if inside:
            best = max(inside, key=lambda c: (c.end - c.start, c.confidence))
            out.append(best)
            have_keys.add(best.key)
    return out


def inside_text_modality(
    match: ConceptMatch, candidates: Sequence[ConceptMatch], kept_keys: frozenset[str]
) -> bool:
    """Whether ``match`` lies inside a longer modality candidate whose key is not one of
    ``kept_keys`` (image modalities and reports of imaging studies): "pathology" inside
    "pathology report", which is clinical text.

    >>> path = ConceptMatch(0, 1, "modality", "histopathology", 0.75, "g")
    >>> text = ConceptMatch(0, 2, "modality", "clinicaltext", 0.9, "v")
    >>> inside_text_modality(path, [path, text], frozenset({"histopathology"}))
    True
    >>> inside_text_modality(path, [path], frozenset({"histopathology"}))
    False
    """
    return any(
        c.type == "modality"
        and c.key not in kept_keys
        and c.start <= match.start
        and match.end <= c.end
        and c.end - c.start > match.end - match.start
        for c in candidates
    )


def report_only_modalities(
    matches: list[ConceptMatch],
    words: Sequence[str],
    *,
    image_keys: frozenset[str],
    report_keys: frozenset[str],
    report_nouns: frozenset[str],
    image_words: frozenset[str],
    confidence: float,
) -> list[ConceptMatch]:
    """Lower to ``confidence`` an image modality that a paper on reports names only as the
    kind of study its reports describe ("1,200 CT and MRI reports", "PET reports"): the data
    is the reports, not the images (GUIDELINES modality: the kind of data the work
    processes). Applies only when a report modality of ``report_keys`` is asserted and no word
    of ``image_words`` ("image", "scans") says the paper sees images too ("grounds each report
    sentence in the image"). A mention is such a qualifier when, past coordinated modality
    names and ``and``/``or``/commas, the next word is a word of ``report_nouns``.

    Args:
        matches: the document's resolved matches.
        words: the Doc's token texts.
        image_keys: keys of image modalities.
        report_keys: keys of the report modalities of an imaging study.
        report_nouns: the nouns a qualifier names the report by ("reports", "reporting").
        image_words: words that name image data.
        confidence: the confidence a qualifier-only modality is lowered to.

    >>> w = ["we", "read", "CT", "and", "MRI", "reports", "."]
    >>> m = [ConceptMatch(2, 3, "modality", "ct", 0.75, "g"),
    ...      ConceptMatch(4, 6, "modality", "report", 0.85, "v"),
    ...      ConceptMatch(4, 5, "modality", "mri", 0.95, "v")]
    >>> kw = dict(image_keys=frozenset({"ct", "mri"}), report_keys=frozenset({"report"}),
    ...           report_nouns=frozenset({"reports"}), image_words=frozenset({"images"}),
    ...           confidence=0.45)
    >>> [x.confidence for x in report_only_modalities(m, w, **kw)]
    [0.45, 0.85, 0.45]
    >>> [x.confidence for x in report_only_modalities(m, [*w, "images"], **kw)]
    [0.75, 0.85, 0.95]
    """
    if not any(
        m.type == "modality" and m.key in report_keys and m.confidence >= LINK_THRESHOLD
        for m in matches
    ):
        return matches
    if any(w.lower() in image_words for w in words):
        return matches
    covered: set[int] = set()
    for m in matches:
        if m.type == "modality":
            covered.update(range(m.start, m.end))

    def qualifies(end: int) -> bool:
        i = end
        while i < len(words):
            word = words[i].lower()
            if word in report_nouns:
                return True
            if i not in covered and word not in {"and", "or", ",", "/"}:
                return False
            i += 1
        return False

    other = {
        m.key
        for m in matches
        if m.type == "modality" and m.key in image_keys and not qualifies(m.end)
    }
    return [
        capped(m, confidence, "reported")
        if m.type == "modality" and m.key in image_keys and m.key not in other
        else m
        for m in matches
    ]


def entity_type_modalities(
    matches: list[ConceptMatch],
    words: Sequence[str],
    *,
    nouns: frozenset[str],
    openers: frozenset[str],
    window: int,
    confidence: float,
) -> list[ConceptMatch]:
    """Lower to ``confidence`` a modality mention listed as a kind of entity ("entities such
    as diseases, medications and laboratory measurements"): what a model extracts or tags
    from text, not the data it reads (GUIDELINES modality). A mention is such an item when,
    within ``window`` words before it and no sentence or clause end between, a word of
    ``nouns`` ("entities") is followed by a list opener of ``openers`` ("such", "including").

    >>> w = ["entities", "such", "as", "drugs", "and", "lab", "tests", "."]
    >>> m = [ConceptMatch(5, 7, "modality", "labtests", 0.9, "v")]
    >>> kw = dict(nouns=frozenset({"entities"}), openers=frozenset({"such", "including"}),
    ...           window=12, confidence=0.45)
    >>> [x.confidence for x in entity_type_modalities(m, w, **kw)]
    [0.45]
    >>> [x.confidence for x in entity_type_modalities(m, ["we", "use", "drugs", "and", *w[5:]], **kw)]
    [0.9]
    """

    def listed(start: int) -> bool:
        for i in range(start - 1, max(start - window, 0) - 1, -1):
            word = words[i].lower()
            if word in {".", ";", "?", "!"}:
                return False
            if word in nouns and i + 1 < start and words[i + 1].lower() in openers:
                return True
        return False

    return [
        capped(m, confidence, "entity") if m.type == "modality" and listed(m.start) else m
        for m in matches
    ]


def modifies_data_noun(
    word: str, not_modifier: frozenset[str], verbs: frozenset[str] = frozenset()
) -> bool:
    """Whether ``word``, right before a data noun, is a plain word that modifies it
    ("bilingual dialogues"): letters only, and neither one of ``not_modifier`` ("the
    dialogues") nor a verb form of ``verbs`` that takes the noun as its object ("we synthesise
    dialogues").

    >>> [modifies_data_noun(w, frozenset({"the"}), frozenset({"synthesise"}))
    ...  for w in ("bilingual", "Bilingual", "the", "synthesise", "9,000", "")]
    [True, True, False, False, False, False]
    """
    low = word.lower()
    return word.isalpha() and low not in not_modifier and low not in verbs


def implied_modalities(
    resolved: Sequence[ConceptMatch],
    implies: dict[str, str],
    *,
    confidence: float,
    asserted: float,
    words: Sequence[str] = (),
    not_modifier: frozenset[str] = frozenset(),
    verbs: frozenset[str] = frozenset(),
) -> list[ConceptMatch]:
    """The modalities the paper's own tasks target without the text naming them: per task of
    ``implies`` with a mention of confidence ``asserted`` or more, its modality on the words
    of the task's phrase before its head ("report" of "report generation"; a span of its own,
    since spans of one extent share their confidence and rule), unless that modality is
    asserted already (GUIDELINES modality: the kind of data the work targets; "report
    generation" targets radiology reports). A one-word mention (the data noun, "dialogues")
    gives its modality on that word and the plain word before it that modifies it
    ("bilingual dialogues"; ``words``: the Doc's token texts; a word of ``not_modifier`` or a
    verb form of ``verbs`` is no such word, :func:`modifies_data_noun`).

    >>> t = ConceptMatch(3, 5, "task", "reportgeneration", 0.9, "v")
    >>> bg = ConceptMatch(9, 11, "task", "reportgeneration", 0.45, "v")
    >>> [(m.start, m.end, m.key) for m in implied_modalities(
    ...     [t], {"reportgeneration": "report"}, confidence=0.7, asserted=0.5)]
    [(3, 4, 'report')]
    >>> implied_modalities([bg], {"reportgeneration": "report"}, confidence=0.7, asserted=0.5)
    []
    >>> d = ConceptMatch(2, 3, "task", "dialogue", 0.85, "v")
    >>> [(m.start, m.end) for m in implied_modalities([d], {"dialogue": "md"}, confidence=0.7,
    ...     asserted=0.5, words=["write", "bilingual", "dialogues"])]
    [(1, 3)]
    >>> implied_modalities([d], {"dialogue": "md"}, confidence=0.7, asserted=0.5,
    ...     words=["of", "the", "dialogues"], not_modifier=frozenset({"the"}))
    []
    >>> implied_modalities([d], {"dialogue": "md"}, confidence=0.7, asserted=0.5,
    ...     words=["we", "synthesise", "dialogues"], verbs=frozenset({"synthesise"}))
    []
    """
    have = {m.key for m in resolved if m.type == "modality" and m.confidence >= asserted}
    out: list[ConceptMatch] = []
    for m in resolved:
        if m.type != "task" or m.confidence < asserted:
            continue
        key = implies.get(m.key)
        if not key or key in have:
            continue
        start, end = m.start, m.end - 1
        if m.end - m.start == 1:  # the data noun itself: with the word before it
            before = words[m.start - 1] if 0 < m.start <= len(words) else ""
            if not modifies_data_noun(before, not_modifier, verbs):
                continue
            start, end = m.start - 1, m.end
        out.append(ConceptMatch(start, end, "modality", key, confidence, f"implied:{m.key}"))
        have.add(key)
    return out


def talks_about_images(
    key: str,
    resolved: Sequence[ConceptMatch],
    void: frozenset[str],
    image_keys: frozenset[str],
) -> bool:
    """Whether an implied modality ``key`` (one of ``void``: medical dialogue) gives way
    because the paper asserts an image modality (one of ``image_keys``, at or above the link
    threshold): a conversational assistant for slides or scans talks about images, and its
    data are the images and the instructions about them, not recorded conversations between
    patients and clinicians (GUIDELINES modality: the kind of data the work processes;
    modality16).

    >>> img = ConceptMatch(0, 1, "modality", "histopathology", 0.9, "v")
    >>> weak = ConceptMatch(0, 1, "modality", "histopathology", 0.45, "v")
    >>> v, keys = frozenset({"medicaldialogue"}), frozenset({"histopathology"})
    >>> talks_about_images("medicaldialogue", [img], v, keys)
    True
    >>> talks_about_images("medicaldialogue", [weak], v, keys)
    False
    >>> talks_about_images("radiologyreport", [img], v, keys)
    False
    """
    return key in void and any(
        m.type == "modality" and m.key in image_keys and m.confidence >= LINK_THRESHOLD
        for m in resolved
    )


# --------------------------------------------------------------------------------------------
# the component
# --------------------------------------------------------------------------------------------


@Language.factory(
    "kg_concepts",
    default_config={"schemes_dir": None, "use_abbreviations": True},
    assigns=["doc.spans"],
)
def make_concepts(
    nlp: Language,
    name: str,
    schemes_dir: str | None,
    use_abbreviations: bool,
) -> ConceptRecognizer:
    """Create the ``kg_concepts`` component (see :class:`ConceptRecognizer`); its word lists,
    gates and compound rules come from ``initialize``."""
    return ConceptRecognizer(
        nlp,
        name,
        vocabulary=load_vocabulary(schemes_dir),
        use_abbreviations=use_abbreviations,
    )


class ConceptRecognizer:
    """Find modality, task and metric mentions; write ``doc.spans["kg_concepts"]``.

    Sets on each span: ``label_`` (type), ``kb_id_`` (concept key), ``._.kg_confidence``,
    ``._.kg_extractor`` (rule id: ``vocab:pref``, ``vocab:alt``, ``gate:<id>``,
    ``abbreviation``, ``pattern:<id>``). Reads ``doc._.abbreviations`` when present. The
    candidates come from :class:`~kg.nlp.components.concept_matching.ConceptMatcher`; this
    component decides which the paper names as its own.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_concepts",
        *,
        vocabulary: Vocabulary,
        use_abbreviations: bool = True,
        confidence: dict[str, float] | None = None,
    ) -> None:
        self.name = name
        self.vocabulary = vocabulary
        self.use_abbreviations = use_abbreviations
        self.confidence = dict(DEFAULT_CONFIDENCE if confidence is None else confidence)
        self._nlp = nlp
        self.matcher = self._matcher(nlp, {})
        self.own_work = self._own_work(nlp)

    def _matcher(self, nlp: Language, patterns: dict[str, list[dict[str, Any]]]) -> ConceptMatcher:
        return ConceptMatcher(
            nlp,
            vocabulary=self.vocabulary,
            patterns=patterns,
            use_abbreviations=self.use_abbreviations,
            confidence=self.confidence,
        )

    def _own_work(self, nlp: Language) -> OwnWorkCues:
        """The matcher's own-work word lists as hashes, made once (not once per Doc)."""
        cm = self.matcher
        return OwnWorkCues.of(
            nlp.vocab.strings, cm.own_work_cues, cm.prior_work_words, cm.own_work_labels
        )

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        """Load the word lists, gates and compound rules.

        Args:
            get_examples: unused (nothing is trained).
            nlp: the pipeline (its tokenizer builds the phrase patterns).
            patterns: pattern groups from ``kg.read_patterns.v1``; reads
                :data:`CONCEPT_PATTERN_FILES`.
        """
        self.matcher = self._matcher(nlp or self._nlp, patterns or {})
        self.own_work = self._own_work(nlp or self._nlp)

    def __call__(self, doc: Doc) -> Doc:
        # not doc.text, which creates every Token object (a third of the component's time)
        text = text_of(doc)
        # one sentence split and one title end serve the gates and the background decisions
        bounds = sentence_bounds(doc)
        end_of_title = title_end(doc, text=text)
        matches, resolved = self.matcher.find(doc, text, bounds, end_of_title)
        resolved = self.one_entity_per_task(doc, resolved)
        resolved = self.document_rules(matches, resolved)
        resolved = self.demote_background_mentions(doc, resolved, bounds, end_of_title)
        words = token_texts(doc)
        resolved = self.demote_by_words(resolved, words)
        resolved = self.with_implied_modalities(resolved, words)
        doc.spans[SPAN_KEY] = concept_spans(doc, resolved)
        return doc

    def one_entity_per_task(self, doc: Doc, resolved: list[ConceptMatch]) -> list[ConceptMatch]:
        """Map task variants and free task phrases onto their canonical task (GUIDELINES: one
        task, one entity): variants, free variants, image task variants, then the folds."""
        cm = self.matcher
        resolved = merge_verb_restatements(
            resolved, cm.verb_nominals, confidence=cm.confidence["background"]
        )
        resolved = merge_variants(
            resolved,
            cm.known_tasks,
            cm.task_heads,
            cm.object_named_tasks,
            head_synonyms=cm.variant_head_synonyms,
        )
        if cm.system_noun_rules:
            resolved = system_noun_gives_way(
                resolved,
                cm.system_noun_rules,
                cm.task_heads,
                words=token_texts(doc),
                qualities=cm.system_qualities,
            )
        resolved = merge_free_variants(
            resolved,
            [
                span_words(doc, m.start, m.end)
                if m.type == "task" and m.key not in cm.known_tasks
                else ()
                for m in resolved
            ],
            cm.known_tasks,
        )
        resolved = image_task_variants(
            resolved,
            cm.known_tasks,
            cm.image_task_heads,
            cm.image_keys,
            image_kind_rule=FREE_IMAGE_KIND_RULE,
        )
        if cm.task_folds:
            resolved = fold_generic_tasks(resolved, cm.task_folds, cm.fold_rules)
        if cm.object_folds:
            resolved = fold_by_object(resolved, token_texts(doc), cm.object_folds)
        if cm.head_folds:
            resolved = fold_free_heads(resolved, token_texts(doc), cm.known_tasks, cm.head_folds)
        return resolved

    def document_rules(
        self, matches: list[ConceptMatch], resolved: list[ConceptMatch]
    ) -> list[ConceptMatch]:
        """The modalities inside task phrases, the document-level rules (after them: "3D
        volume" only without any other modality) and the roll-up to the specific concept."""
        cm = self.matcher
        inside = modalities_inside_tasks(matches, resolved, cm.image_keys, cm.report_keys)
        if inside:
            resolved = sorted([*resolved, *inside], key=lambda m: (m.start, m.type))
        resolved = cm.apply_doc_rules(resolved)
        resolved = merge_metric_qualifiers(resolved, cm.metric_fold_targets, cm.metric_qualifiers)
        resolved = fold_metric_variants(resolved, cm.metric_folds)
        resolved = fold_detection_precision(resolved, cm.detection_ap_tasks)
        return roll_up_to_specific(
            resolved, cm.ancestors, types=cm.rollup_types, exclude=cm.no_rollup
        )

    def demote_background_mentions(
        self,
        doc: Doc,
        resolved: list[ConceptMatch],
        bounds: Sequence[tuple[int, int]],
        end_of_title: int,
    ) -> list[ConceptMatch]:
        """Demote below the link threshold what the paper names only as method, motivation
        or background, not as its own work (:func:`demote_keys`, :func:`demote_background`,
        :func:`demote_unsupported`)."""
        cm = self.matcher
        background = cm.confidence["background"]
        titled = title_named_keys(
            resolved,
            token_lowers(doc),
            end_of_title,
            generic=cm.generic_title_heads,
            after_head=cm.title_head_followers,
        )
        if cm.method_tasks:
            resolved = demote_keys(resolved, cm.method_tasks, confidence=background, tag="method")
        if cm.own_work_cues:
            evaluated = (
                evaluated_metric_keys(
                    resolved,
                    token_lowers(doc),
                    bounds,
                    cues=cm.measure_cue_words,
                    connectors=cm.score_connector_words,
                    copulas=cm.score_copula_words,
                )
                if "metric" in cm.background_types
                else frozenset()
            )
            resolved = demote_background(
                doc,
                resolved,
                evaluated=evaluated,
                own=self.own_work,
                confidence=background,
                bounds=bounds,
                end_of_title=end_of_title,
                types=cm.background_types,
                containers=cm.background_containers,
                modalities=cm.background_modalities,
                titled=titled,
            )
        if cm.umbrella_metric_modifiers:
            resolved = demote_unscored_umbrella(
                resolved,
                token_lowers(doc),
                bounds,
                modifiers=cm.umbrella_metric_modifiers,
                confidence=background,
                units=cm.quantity_units,
                connectors=cm.score_connector_words,
                copulas=cm.score_copula_words,
            )
        if cm.background_cues:
            resolved = demote_unsupported(
                doc,
                resolved,
                bounds=bounds,
                end_of_title=end_of_title,
                cues=cm.background_cues,
                openers=cm.background_openers,
                subordinators=cm.background_subordinators,
                purposes=cm.label_source_purposes,
                complements=cm.complement_cues,
                holders=cm.component_holders,
                survey_nouns=cm.survey_nouns,
                survey_openers=cm.survey_openers,
                weak_rules=cm.weak_task_rules,
                confidence=background,
                own=self.own_work if cm.own_work_cues else None,
                titled=titled,
                denied=cm.denied_task_verbs,
            )
        return resolved

    def demote_by_words(
        self, resolved: list[ConceptMatch], words: Sequence[str]
    ) -> list[ConceptMatch]:
        """Demote modalities the surrounding words say are no data of the paper: image
        modalities of report-only work, entity kinds in a list, negated or compared mentions,
        free image kinds beside a vocabulary one."""
        cm = self.matcher
        background = cm.confidence["background"]
        if cm.report_nouns:
            resolved = report_only_modalities(
                resolved,
                words,
                image_keys=cm.image_keys,
                report_keys=cm.report_keys,
                report_nouns=cm.report_nouns,
                image_words=cm.image_data_words,
                confidence=background,
            )
        if cm.entity_list_nouns:
            resolved = entity_type_modalities(
                resolved,
                words,
                nouns=cm.entity_list_nouns,
                openers=cm.entity_list_openers,
                window=12,
                confidence=background,
            )
        if cm.negation_cues:
            resolved = demote_negated(resolved, words, cues=cm.negation_cues, confidence=background)
        if cm.comparison_cues:
            resolved = demote_compared(
                resolved,
                words,
                cues=cm.comparison_cues,
                confidence=background,
                counts=cm.count_words,
            )
        return demote_free_image_kinds(
            resolved, cm.image_keys, rule=FREE_IMAGE_KIND_RULE, confidence=background
        )

    def with_implied_modalities(
        self, resolved: list[ConceptMatch], words: Sequence[str]
    ) -> list[ConceptMatch]:
        """Add the modalities that asserted concepts imply (:func:`implied_modalities`)."""
        cm = self.matcher
        if not cm.implied_modalities:
            return resolved
        implied = implied_modalities(
            resolved,
            cm.implied_modalities,
            confidence=cm.confidence.get("implied", DEFAULT_CONFIDENCE["implied"]),
            asserted=LINK_THRESHOLD,
            words=words,
            not_modifier=cm.not_modifier,
            verbs=cm.task_verb_forms,
        )
        implied = [
            m
            for m in implied
            if not talks_about_images(m.key, resolved, cm.void_with_images, cm.image_keys)
        ]
        if not implied:
            return resolved
        return sorted([*resolved, *implied], key=lambda m: (m.start, m.type))


def concept_spans(doc: Doc, resolved: Sequence[ConceptMatch]) -> list[Span]:
    """The concept matches as spans of ``doc``, with their confidence and rule id."""
    spans = []
    for m in resolved:
        span = Span(doc, m.start, m.end, label=m.type, kb_id=m.key)
        span._.kg_confidence = m.confidence
        span._.kg_extractor = m.rule
        spans.append(span)
    return spans


def fold_metric_variants(
    matches: list[ConceptMatch], folds: Mapping[str, str]
) -> list[ConceptMatch]:
    """Relabel every metric mention of a variant to the canonical metric it is a variant of
    (``folds``: variant key -> canonical key, from :func:`metric_variant_target`): a paper
    reporting a balanced accuracy reports an accuracy, in its links and in its results. The
    mention keeps its words ("balanced accuracy") as evidence; the rule gains "+variant".

    >>> m = ConceptMatch(0, 2, "metric", "top1accuracy", 0.9, "vocab:pref")
    >>> [(x.key, x.rule) for x in fold_metric_variants([m], {"top1accuracy": "accuracy"})]
    [('accuracy', 'vocab:pref+variant')]
    """
    if not folds:
        return matches
    return [
        ConceptMatch(m.start, m.end, m.type, folds[m.key], m.confidence, m.rule + "+variant")
        if m.type == "metric" and m.key in folds
        else m
        for m in matches
    ]


#: the metric key of average precision and of the detection measure it is in a detection
#: paper (the GUIDELINES list "mean average precision: mAP" only)
AVERAGE_PRECISION = "averageprecision"
DETECTION_AP = "meanaverageprecision"


def fold_detection_precision(
    matches: list[ConceptMatch], detection_tasks: frozenset[str]
) -> list[ConceptMatch]:
    """In a paper doing one of ``detection_tasks`` (object detection, action or triplet
    recognition: tasks scored per class over localised or timed instances), "average
    precision" ("AP") is the detection measure, the mean over classes of the GUIDELINES'
    "mean average precision"; elsewhere (ranking variants, retrieving documents) it keeps its
    own concept. Its mentions are relabelled, their rule gaining "+detection".

    >>> ap = ConceptMatch(0, 2, "metric", "averageprecision", 0.9, "vocab:pref")
    >>> det = ConceptMatch(4, 6, "task", "objectdetection", 0.9, "vocab:pref")
    >>> [m.key for m in fold_detection_precision([ap, det], frozenset({"objectdetection"}))]
    ['meanaverageprecision', 'objectdetection']
    >>> [m.key for m in fold_detection_precision([ap], frozenset({"objectdetection"}))]
    ['averageprecision']
    """
    if not any(m.type == "task" and m.key in detection_tasks for m in matches):
        return matches
    return [
        ConceptMatch(m.start, m.end, m.type, DETECTION_AP, m.confidence, m.rule + "+detection")
        if m.type == "metric" and m.key == AVERAGE_PRECISION
        else m
        for m in matches
    ]


def merge_metric_qualifiers(
    matches: list[ConceptMatch], targets: frozenset[str], qualifiers: frozenset[str]
) -> list[ConceptMatch]:
    """A qualifying metric mention (``qualifiers``: metrics that say how a score is counted)
    written right before a canonical metric's mention, with nothing between them, qualifies
    it: "exact-match accuracy" is an accuracy counted by exact match, one mention of accuracy
    over both words (confidence the higher of the two). A measure of its own before a
    canonical metric ("C-index AUC", "false positive rate accuracy trade-off") qualifies
    nothing, nor does a canonical metric before another ("Dice IoU" in a header) or a mention
    of another type.

    >>> em = ConceptMatch(2, 5, "metric", "exactmatch", 0.9, "vocab:alt")
    >>> acc = ConceptMatch(5, 6, "metric", "accuracy", 0.75, "gate:acc")
    >>> target, qual = frozenset({"accuracy"}), frozenset({"exactmatch"})
    >>> [(m.start, m.key, m.confidence) for m in merge_metric_qualifiers([em, acc], target, qual)]
    [(2, 'accuracy', 0.9)]
    >>> fpr = ConceptMatch(2, 5, "metric", "falsepositiverate", 0.9, "vocab:pref")
    >>> merge_metric_qualifiers([fpr, acc], target, qual) == [fpr, acc]
    True
    """
    by_start = {m.start: m for m in matches if m.type == "metric" and m.key in targets}
    out: list[ConceptMatch] = []
    merged: set[int] = set()
    for m in matches:
        head = by_start.get(m.end) if m.type == "metric" and m.key in qualifiers else None
        if head is None:
            continue
        merged.update({id(m), id(head)})
        out.append(
            ConceptMatch(
                m.start,
                head.end,
                "metric",
                head.key,
                max(m.confidence, head.confidence),
                head.rule + "+qualified",
            )
        )
    if not out:
        return matches
    kept = [m for m in matches if id(m) not in merged]
    return sorted([*kept, *out], key=lambda m: (m.start, m.type))


def roll_up_to_specific(
    matches: list[ConceptMatch],
    ancestors: dict[tuple[str, str], frozenset[str]],
    *,
    types: frozenset[str] | None = None,
    exclude: frozenset[str] = frozenset(),
) -> list[ConceptMatch]:
    """Relabel mentions of a concept whose only mentioned descendant is one narrower concept.

    A paper that says "chest X-rays" and later "X-rays" uses one modality, the chest X-ray
    (GUIDELINES treats "chest X-ray" as an alias of "X-ray"); linking it to the narrower
    concept keeps ``skos:broader*`` queries for X-ray working. With two mentioned
    descendants (chest X-ray and mammography) the broader mention stays as it is.

    Args:
        matches: the document's resolved matches.
        ancestors: (type, key) -> keys of all broader concepts (``Vocabulary.ancestors``).
        types: the types to roll up (all when None). Tasks are left out by default
            (``concepts_wordlists.jsonl``: "rollup_types"): the GUIDELINES list narrower tasks
            as labels of their own (relation extraction and information extraction, VQA and
            question answering), so a paper naming both has two tasks (issue 3).
        exclude: concept keys that are never the target of a roll-up ("mammography" is its own
            GUIDELINES label, not a kind of "X-ray" mention).
    """
    keys_by_type: dict[str, set[str]] = {}
    for m in matches:
        if (types is None or m.type in types) and m.key not in exclude:
            keys_by_type.setdefault(m.type, set()).add(m.key)
    replace: dict[tuple[str, str], str] = {}
    for etype, keys in keys_by_type.items():
        for key in keys:
            below = [k for k in keys if k != key and key in ancestors.get((etype, k), ())]
            # keep only the most specific of the mentioned descendants
            leaves = [
                k
                for k in below
                if not any(k in ancestors.get((etype, o), ()) for o in below if o != k)
            ]
            if len(leaves) == 1:
                replace[(etype, key)] = leaves[0]
    if not replace:
        return matches
    return [
        ConceptMatch(
            m.start, m.end, m.type, replace[(m.type, m.key)], m.confidence, m.rule + "+rollup"
        )
        if (m.type, m.key) in replace
        else m
        for m in matches
    ]
