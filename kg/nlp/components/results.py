"""Numeric results stated in an abstract (issue 3, point 4).

Factory ``kg_results``. Writes ``doc._.kg_results``: a list of :class:`ResultMatch`, one per
value that a metric mention of ``doc.spans["kg_concepts"]`` in the same sentence scores
("a Dice of 0.91 on BraTS", "87.9% accuracy", "precision, recall and F1 of 98.4, 97.0 and
97.7, respectively"). Values reported as changes ("+12.61", "by 8%", "improves ... by 3.2
points") are kept with ``is_improvement=True``. Numbers that are not scores (sizes, counts,
years, p-values, confidence intervals, "5-shot") are skipped.

The model and dataset of a result come from ``doc.spans["kg_models"]`` and
``doc.spans["kg_datasets"]`` (their ``kb_id_``) in the same sentence, when the text ties them:
a model named before the value ("X achieves ... 0.93", "GPT-4o (0.866)") and a dataset
introduced by "on/in/from/across" after it ("... of 0.91 on BraTS") or before it when the
sentence names a single dataset ("On BraTS, X reaches a Dice of 0.91"), or the nearest one a
link opens before it (:func:`place_before`). A value tied to no model is the paper's only
introduced model's unless its clause speaks of others (:func:`tie_own_model`); one placed on no
dataset is on the paper's only dataset when the paper introduces it (:func:`tie_own_dataset`).

The cue words are data (``patterns/results.jsonl``); the functions below are pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example

from kg.entity_types import CONCEPT_SPAN_KEY, DATASET, MODEL
from kg.ids import normalize_key
from kg.nlp import extensions  # noqa: F401  (declares the ._ attributes)
from kg.nlp.components.concepts import sentence_bounds
from kg.nlp.components.doc_text import text_of, token_lowers, token_texts
from kg.nlp.components.wordlists import wordlist
from kg.nlp.vocabulary import Vocabulary, load_vocabulary

CONCEPT_KEY = CONCEPT_SPAN_KEY
MODEL_KEY = MODEL.span_key
DATASET_KEY = DATASET.span_key

# a number, optionally signed ("+12.61", "plus6.43") or negative ("-1.6", "−0.42" with the
# Unicode minus: the minus belongs to the number, a "+" marks a change), with a unit ("%",
# "\%", "percent", "points") and a spread ("0.94 +/- 0.02", "± 0.1"). A number right after
# a minus is a range's end, whichever minus ("0.81-0.89", "0.70−0.82").
VALUE_RE = re.compile(
    r"(?:(?<![\w.@/^\-−])|(?<=[\dA-Za-z%]/))(?P<sign>\+|plus\s?)?(?P<num>[-−]?\d+(?:\.\d+)?)"
    r"(?P<unit>\s?(?:\\?%|percent\b|pp\b|percentage points?\b|points?\b))?"
    r"(?P<spread>\s?(?:\+/-|±|\+-|\\pm)\s?\d+(?:\.\d+)?(?:\s?\\?%)?)?"
    r"(?![\w@]|\.\d)"
)


@dataclass(frozen=True)
class ResultMatch:
    """One numeric result found in a document.

    Args:
        start: character offset where the value starts.
        end: character offset where the value ends.
        value_text: the value as written ("78.22%", "0.94 +/- 0.02").
        value: the number as a Decimal (``Decimal("78.22")``), or None if unparsable.
        is_improvement: True for a change ("+12.61", "by 8%"), False for an absolute score.
        metric_key: ``kb_id_`` of the metric span the value belongs to.
        metric_start: character offset of that metric span.
        metric_end: end character offset of that metric span.
        model_key: ``kb_id_`` of the model the text ties the value to, or None.
        dataset_key: ``kb_id_`` of the dataset the text ties the value to, or None.
    """

    start: int
    end: int
    value_text: str
    value: Decimal | None
    is_improvement: bool
    metric_key: str
    metric_start: int
    metric_end: int
    model_key: str | None = None
    dataset_key: str | None = None


@dataclass(frozen=True)
class ResultCues:
    """Cue words (lower case) that decide whether a number is a score, from ``results.jsonl``."""

    count_nouns: frozenset[str]
    improvement_before: frozenset[str]
    decrease_before: frozenset[str]
    improvement_units: frozenset[str]
    dataset_links: frozenset[str]
    skip_before: frozenset[str]
    #: words that follow a change ("a 60% improvement", "a 27% reduction in error rate")
    improvement_after: frozenset[str] = frozenset()
    #: hedges between a change cue and its value ("by at least 6%", "by averaging 14.2%")
    hedges: tuple[tuple[str, ...], ...] = ()
    #: count nouns that are also units a score can be measured in ("MAE: 4.1 years", "HD95 of
    #: 3.2 mm"): kept after a value bound to its metric
    measure_units: frozenset[str] = frozenset()
    #: verbs whose object is the metric changed ("improves accuracy up to 6.7%")
    change_verbs: frozenset[str] = frozenset()
    #: comparison words that make a metric after them a bound, not a score ("none exceeds an
    #: AUROC of 0.70")
    bound_before: frozenset[str] = frozenset()
    #: nouns right after a value that make it the score of a measure no metric span covers
    #: ("as low as 0.31 error")
    measure_heads: frozenset[str] = frozenset()
    #: words after "N% of <items>" that make the share a score ("answered 81% of the
    #: questions correctly"): see :func:`is_share_of_items`
    share_score_words: frozenset[str] = frozenset()
    #: verbs between a model and the score it states ("while X reached 21.4%")
    score_verbs: frozenset[str] = frozenset()
    #: verbs whose "N% of <items>" is a detection rate ("detected 87% of seizures"): see
    #: :func:`implied_metrics`
    detection_verbs: frozenset[str] = frozenset()
    #: the metric keys a detection rate is a score of, when the abstract names one
    detection_metrics: frozenset[str] = frozenset()
    #: the metric keys a share said to be correct is a score of ("81% of the answers were
    #: correct": accuracy), when the abstract names one
    share_score_metrics: frozenset[str] = frozenset()
    #: nouns whose value is a setting ("at a threshold of 0.5"): see :func:`names_a_setting`
    setting_nouns: frozenset[str] = frozenset()
    #: two words that fix the value of a metric after it ("fixed to 80% sensitivity"): see
    #: :func:`is_operating_setting`
    setting_phrases: frozenset[str] = frozenset()
    #: words after a setting noun that make it chosen for the value of a metric after them
    #: ("a threshold yielding 80% sensitivity"): see :func:`chosen_by_setting`
    setting_participles: frozenset[str] = frozenset()
    #: nouns that name what is scored, not a measure ("the graph model 77.6"): see
    #: :func:`measures_another`
    system_nouns: frozenset[str] = frozenset()
    #: words right before a percentage that make it a portion of the data ("trained on 70%
    #: and tested on the held-out 30%")
    split_words: frozenset[str] = frozenset()
    #: metric keys whose scores are shares of the rated items ("In a human evaluation, 83% of
    #: the answers were rated appropriate"): see :func:`rates_shares`
    share_metrics: frozenset[str] = frozenset()
    #: nouns of a share a clause is about ("the share of answers flagged fell to 3.1%"): see
    #: :func:`names_own_share`
    share_nouns: frozenset[str] = frozenset()
    #: metric keys whose scores are never below zero (AUC, accuracy, Dice, error rates): a
    #: negative value bound to one is a difference ("the change in AUC was -0.02"); see
    #: :func:`impossible_negative`
    nonnegative_metrics: frozenset[str] = frozenset()
    max_metric_gap: int = 14
    max_following_gap: int = 3

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]]) -> ResultCues:
        """Build cues from ``{"cue": name, "words": [...]}`` rows (other keys set the gaps)."""
        words: dict[str, frozenset[str]] = {}
        gaps: dict[str, int] = {}
        for row in rows:
            if "cue" in row:
                words[row["cue"]] = frozenset(w.lower() for w in row["words"])
            elif "setting" in row:
                gaps[row["setting"]] = int(row["value"])
        return cls(
            count_nouns=words.get("count_nouns", frozenset()),
            improvement_before=words.get("improvement_before", frozenset()),
            decrease_before=words.get("decrease_before", frozenset()),
            improvement_units=words.get("improvement_units", frozenset()),
            dataset_links=words.get("dataset_links", frozenset()),
            skip_before=words.get("skip_before", frozenset()),
            improvement_after=words.get("improvement_after", frozenset()),
            measure_units=words.get("measure_units", frozenset()),
            change_verbs=words.get("change_verbs", frozenset()),
            bound_before=words.get("bound_before", frozenset()),
            measure_heads=words.get("measure_heads", frozenset()),
            share_score_words=words.get("share_score_words", frozenset()),
            score_verbs=words.get("score_verbs", frozenset()),
            detection_verbs=words.get("detection_verbs", frozenset()),
            detection_metrics=words.get("detection_metrics", frozenset()),
            share_score_metrics=words.get("share_score_metrics", frozenset()),
            setting_nouns=words.get("setting_nouns", frozenset()),
            setting_phrases=words.get("setting_phrases", frozenset()),
            setting_participles=words.get("setting_participles", frozenset()),
            system_nouns=words.get("system_nouns", frozenset()),
            split_words=words.get("split_words", frozenset()),
            share_metrics=words.get("share_metrics", frozenset()),
            share_nouns=words.get("share_nouns", frozenset()),
            nonnegative_metrics=words.get("nonnegative_metrics", frozenset()),
            hedges=tuple(
                sorted(
                    (tuple(h.split()) for h in words.get("hedges", frozenset())),
                    key=len,
                    reverse=True,
                )
            ),
            **gaps,
        )


def parse_value(num: str) -> Decimal | None:
    """Return the Decimal of a number as written; the Unicode minus reads as "-".

    >>> parse_value("78.22"), parse_value("x"), parse_value("−0.42")
    (Decimal('78.22'), None, Decimal('-0.42'))
    """
    try:
        return Decimal(num.replace("−", "-"))
    except InvalidOperation:
        return None


#: a word (with the signs a score or a name carries) or one punctuation mark of a clause
_CLAUSE_WORD = re.compile(r"[\w@\-/<>=%]+|[()\[\];:,]")


def clause_words(text: str, start: int, end: int) -> list[str]:
    """The lower-cased words and punctuation marks of ``text[start:end]``.

    >>> clause_words("On MIMIC-IV (test), AUC=0.91", 0, 29)
    ['on', 'mimic-iv', '(', 'test', ')', ',', 'auc=0', '91']
    """
    return _CLAUSE_WORD.findall(text[start:end].lower())


def _words_before(text: str, pos: int, n: int) -> list[str]:
    return clause_words(text, max(0, pos - 120), pos)[-n:]


def _words_after(text: str, pos: int, n: int) -> list[str]:
    return clause_words(text, pos, pos + 120)[:n]


def ends_sentence(text: str, end: int) -> bool:
    """Whether a full stop right after character ``end`` ends the sentence (a space or the
    end of the text follows it).

    >>> t = "was 0.70. Patients and 0.70.5"
    >>> ends_sentence(t, 8), ends_sentence(t, 26), ends_sentence("0.7.", 3), ends_sentence(t, 5)
    (True, False, True, False)
    """
    return re.match(r"\s*\.(?:\s|$)", text[end:]) is not None


def words_after_value(text: str, end: int, n: int) -> list[str]:
    """The first ``n`` words (lower case) after a value ending at character ``end``, none when
    the value ends its sentence: the next sentence's first words are no unit, setting noun or
    rate of the value ("the best F1 at 0.52. Models trained on X ...": 0.52 is no setting
    "at 0.52 models").

    >>> t = "at 0.52. Models were; at 5% prevalence"
    >>> words_after_value(t, 7, 2), words_after_value(t, 27, 1)
    ([], ['prevalence'])
    """
    return [] if ends_sentence(text, end) else _words_after(text, end, n)


def compound_head(word: str) -> str:
    """The head of a hyphenated word, its last part ("gpu-hours" -> "hours", "person-years"
    -> "years"; branch results17): "9.4 GPU-hours" counts hours as "9.4 hours" does. Words
    with no hyphen, "per-" compounds, which name a level of analysis rather than what is
    counted ("0.91 per-patient"), compounds opening with a number, a setting of the score
    ("48% 10-shot accuracy"), and singular heads, a compound modifying the metric after it
    ("82.4% closed-question accuracy", "multi-class"), give "".

    >>> [compound_head(w) for w in ("gpu-hours", "person-years", "hours", "per-patient",
    ...  "10-shot", "closed-question", "multi-class")]
    ['hours', 'years', '', '', '', '', '']
    """
    first, _, head = word.rpartition("-")
    if not first.isalpha() or first == "per" or not head.endswith("s") or head.endswith("ss"):
        return ""
    return head


#: nouns a percentage right before makes a share of the data, and words between them
_DATA_SHARE_NOUNS = wordlist("results_wordlists", "data_share_nouns")
_SAMPLING_MODIFIERS = wordlist("results_wordlists", "sampling_modifiers")
#: measure words a data noun may modify: "a 95% subset accuracy" (branch review17c)
_SHARE_NOUN_MEASURES = wordlist("results_wordlists", "share_noun_measures")


def names_data_share(after: Sequence[str]) -> bool:
    """Whether the words ``after`` a percentage (lower case) make it a share of the data: a
    noun of ``data_share_nouns`` right after it, maybe past one sampling word ("a 12% subset
    was double-annotated", "a 5% random sample"; branch results17). Not when a measure word
    follows the noun (``share_noun_measures``): "a 95% subset accuracy" is a score of a
    multi-label measure the noun modifies (branch review17c); "12% of the subset" and "12%
    accuracy on the subset" are no shares either.

    >>> [names_data_share(a.split()) for a in ("subset was", "random sample ,",
    ...  "of the", "accuracy on", "subset accuracy on", "sample agreement")]
    [True, True, False, False, False, False]
    """
    if after[:1] and after[0] in _SAMPLING_MODIFIERS:
        after = after[1:]
    return (
        bool(after)
        and after[0] in _DATA_SHARE_NOUNS
        and not (len(after) > 1 and after[1] in _SHARE_NOUN_MEASURES)
    )


def is_score_like(
    match: re.Match[str], text: str, cues: ResultCues, *, bound: bool = False
) -> bool:
    """Whether a number looks like a reported score rather than a size, count, year or p-value.
    ``bound``: the value is bound to a metric written right before it ("MAE: 4.1 years"), so a
    measure unit after it (``measure_units``) is the score's unit, not a count.

    >>> cues = ResultCues(frozenset({"cases"}), frozenset(), frozenset(), frozenset(), frozenset(),
    ...                   frozenset({"p"}))
    >>> [is_score_like(m, t, cues) for t in ("AUC of 0.93", "in 9,421 cases", "p = 0.22", "in 2021")
    ...  for m in [VALUE_RE.search(t.split(" ", 1)[1]) and VALUE_RE.search(t)]]
    [True, False, False, False]
    """
    num = match.group("num")
    has_unit = bool(match.group("unit") or match.group("spread"))
    before = _words_before(text, match.start(), 3)
    # the next sentence's first words are not the value's unit ("... was 0.70. Patients ...");
    # three words read once (:func:`words_after_value`), the first two of them most tests'
    after3 = words_after_value(text, match.end(), 3)
    after = after3[:2]
    if text[max(0, match.start() - 1) : match.start()] == "," and re.match(r"\d{3}", num):
        return False  # the tail of "9,421"
    if text[max(0, match.start() - 1) : match.start()] == "/" and not listed_after_slash(
        text, match.start(), num, percent="%" in (match.group("unit") or "")
    ):
        return False  # "3/4", "12/2021", "ViT-L/14"
    if (
        match.end() < len(text)
        and text[match.end() : match.end() + 1] == ","
        and re.match(r",\d{3}\b", text[match.end() :])
    ):
        return False  # the head of "12,000"
    if (
        after
        and (after[0] in cues.count_nouns or compound_head(after[0]) in cues.count_nouns)
        and not (bound and (after[0] in cues.measure_units or is_rate_unit(after)))
        and not (after[0] in cues.measure_units and before[-1:] and before[-1] in _COMPARED)
    ):
        return False
    if before and before[-1] in cues.bound_before and (before[-1],) not in cues.hedges:
        return False  # "an AUC above 0.8": a bound; "an accuracy of over 90%" is a hedge
    if before[-2:] == ["out", "of"] or tops_a_scale(text, match.start()):
        return False  # the top of a scale: "a mean score of 4.08 out of 5", "4.2 of 5"
    if before[-1:] and before[-1] in cues.split_words and "%" in (match.group("unit") or ""):
        return False  # "tested on the held-out 30%": a portion of the data
    if "%" in (match.group("unit") or "") and names_data_share(after3):
        return False  # "a 12% subset was double-annotated": a portion of the data
    if names_a_setting(_words_before(text, match.start(), 6), cues):
        return False  # "at a threshold of 0.5", "IoU thresholds from 0.5 to 0.95"
    if counts_no_score(match, text, cues):
        return False  # "of whom 35% had", "prevalences were 0.31 and 0.69", "0.5 for chance"
    if before[-1:] == ["of"] and names_a_bound(_words_before(text, match.start(), 4), cues):
        return False  # "surpasses a score of 90%"
    if before[-1:] == ["at"] and is_operating_point(before, after3):
        return False
    if not bound and after and counts_per_unit(after3):
        return False  # "4.2 false alarms per hour": a rate of its own, not a distant score
    if after and (after[0] in {"-", "x", "×"} or joins_a_compound(after[0])):
        return False
    if (
        before
        and before[-1] in {"=", "<", ">", "≤", "≥"}
        and len(before) >= 2
        and before[-2] in cues.skip_before
    ):
        return False
    if before and before[-1] in cues.skip_before:
        return False
    if before and re.fullmatch(r"p[<>=]+|p", before[-1]):
        return False
    opening = open_bracket(text, match.start())
    if opening >= 0 and re.search(
        r"\b(?:95\s?%?\s?ci|ci|confidence|iqr|range|sd|std|loa)\b",
        text[opening : match.start()].lower(),
    ):
        return False
    if limits_of_agreement(text, match.start()):
        return False  # "limits of agreement -14.2 to 11.0": an interval, not a score
    if after[:1] in (["ci"], ["confidence"], ["loa"]) or after[:2] == ["limits", "of"]:
        return False  # the level of an interval: "95% CI", "95% limits of agreement"
    if names_interval_level(after):
        return False  # "the 95% prediction-interval coverage was 91%": the interval's level
    if "." not in num and not has_unit and one_in_n(after):
        return False  # "a false-alarm rate of 1 in 9": a ratio, not the score 1
    if bounds_a_category(match, text, cues.measure_units):
        return False  # "reduced LVEF (<40%)": the cut-off that defines a group
    if pairs_with_unit(match, text, cues.measure_units):
        return False  # "a gamma pass rate (3%/3 mm)": a tolerance criterion
    if is_interval_bound(text, match.start(), match.end()) or bounds_estimate_in_bracket(
        text, match.start()
    ):
        return False
    if "." not in num and not has_unit:
        if re.fullmatch(r"(19|20)\d\d", num):
            return False
        if after and (
            counts_items(after[0], cues)
            or (len(after) > 1 and describes_items(after[0]) and counts_items(after[1], cues))
        ):
            return False  # "a human evaluation of 100 summaries": how many, not how well
        # a bare integer is a score only right after "<metric> of/=/:"
        return bool(before) and before[-1] in {
            "of",
            "=",
            ":",
            "is",
            "was",
            "reached",
            "achieves",
            "achieved",
        }
    return True


#: first words of an interval other than a confidence interval, after its level ("95%
#: prediction interval", "90% credible interval", "the 95% prediction-interval coverage")
_INTERVAL_OPENERS = frozenset(
    {"prediction-interval", "prediction-intervals", "credible", "credible-interval", "tolerance"}
)


def names_interval_level(after: Sequence[str]) -> bool:
    """Whether the lower-case words ``after`` a value name an interval the value is the level
    of: "95% prediction interval(s)", "95% prediction-interval coverage", "90% credible
    interval", "95% tolerance interval" (review15: the level was read as a score of the
    metric before it).

    >>> [names_interval_level(w.split()) for w in ("prediction-interval coverage",
    ...  "prediction intervals", "credible interval", "prediction accuracy", "coverage")]
    [True, True, True, False, False]
    """
    if after[:1] and after[0] in _INTERVAL_OPENERS:
        return after[0] != "tolerance" or after[1:2] in (["interval"], ["intervals"])
    return after[:1] == ["prediction"] and after[1:2] in (["interval"], ["intervals"])


def one_in_n(after: Sequence[str]) -> bool:
    """Whether the lower-case words ``after`` a whole number make it the first term of a
    ratio: "1 in 9 (alarms)", "one in 20": the number is no score (review15: "a false-alarm
    rate of 1 in 9" gave the value 1).

    >>> one_in_n(["in", "9"]), one_in_n(["in", "2,000"]), one_in_n(["in", "the"])
    (True, True, False)
    """
    return after[:1] == ["in"] and after[1:2] != [] and after[1].replace(",", "").isdigit()


#: a number and "of" right before a value: "4.2 of 5" (not "mAP@0.5 of", "BLEU-4 of")
_SCALE_TOP = re.compile(r"(?:^|(?<=[\s(]))\d+(?:\.\d+)?\s?%?\s+of\s+$")


def tops_a_scale(text: str, start: int) -> bool:
    """Whether the value at ``start`` is the top of a rating scale: a number and "of" stand
    right before it ("rated 4.2 of 5", "a mean of 38.1 of 45 points"); the score is the number
    before "of". A number glued to a name ("mAP@0.5 of 0.74", "BLEU-4 of 21") is none.

    >>> t = "rated 4.2 of 5, an mAP@0.5 of 0.74, a BLEU-4 of 21, mAP@0.5:0.95 of 0.47, AUC of 0.9"
    >>> [tops_a_scale(t, t.index(v)) for v in ("5,", "0.74", "21", "0.47", "0.9")]
    [True, False, False, False, False]
    """
    return _SCALE_TOP.search(text, max(0, start - 16), start) is not None


#: limits of agreement (Bland-Altman) opened before a value, in its clause: both ends of the
#: interval follow ("limits of agreement -14.2 to 11.0", "95% limits of agreement were ...")
_AGREEMENT_LIMITS = re.compile(
    r"\b(?:limits?\s+of\s+agreement|LoA)\b(?:[^.;()]|(?<=\d)\.(?=\d)){0,40}$", re.IGNORECASE
)


def limits_of_agreement(text: str, start: int) -> bool:
    """Whether a value at ``start`` is a bound of limits of agreement named before it in its
    clause: an interval around a mean difference, not a score (GUIDELINES: only scores).

    >>> t = "a mean bias of 1.2 (limits of agreement -3.1 to 5.2) and an ICC of 0.91"
    >>> [limits_of_agreement(t, t.index(v)) for v in ("5.2", "1.2", "0.91")]
    [True, False, False]
    """
    return _AGREEMENT_LIMITS.search(text, max(0, start - 60), start) is not None


#: a bracket opened by a comparison sign right before a value: "(<", "(≥ "
_SIGN_BRACKET = re.compile(r"\(\s*(?:[<>≤≥]=?|&[lg]t;)\s*$")
#: the same bracket closed right after the value
_BRACKET_CLOSE = re.compile(r"\s*\)")
#: a word right after a value and before the closing bracket: "(<40 mm)", "(≥ 2 years)"
_BRACKET_UNIT = re.compile(r"\s?([^\W\d]+)(?=\s*\))")


def bounds_a_category(match: re.Match[str], text: str, units: frozenset[str] = frozenset()) -> bool:
    """Whether the value alone, maybe with its unit, fills a bracket opened by a comparison
    sign ("reduced ejection fraction (<40%)", "small nodules (≤ 6 mm)", "an error (<2 years)"):
    the cut-off that defines the group named before it, not a score. The unit is a word of up
    to three letters or one of ``units`` (the measure units: "years", "weeks"); "(>80%
    accuracy)" names the score it bounds.

    >>> t = ("reduced LVEF (<40%), small nodules (≤ 6 mm), cases (>80% accuracy), AUC (0.91), "
    ...      "MAE (<2 years), onset (≥ 10 weeks)")
    >>> [bounds_a_category(VALUE_RE.search(t, t.index(v)), t, frozenset({"years", "weeks"}))
    ...  for v in ("40%", "6 mm", "80%", "0.91", "2 years", "10 weeks")]
    [True, True, False, False, True, True]
    >>> bounds_a_category(VALUE_RE.search(t, t.index("2 years")), t)
    False
    """
    if _SIGN_BRACKET.search(text, max(0, match.start() - 6), match.start()) is None:
        return False
    end = match.end()
    unit = _BRACKET_UNIT.match(text, end)
    if unit is not None and len(unit.group(1)) > 3 and unit.group(1).lower() not in units:
        unit = None
    return _BRACKET_CLOSE.match(text, unit.end() if unit else end) is not None


#: a slash and a second number with a word unit right after a value: "/3 mm"
_SLASH_UNIT = re.compile(r"/\s?(\d+(?:\.\d+)?)\s?([^\W\d]+)")


def pairs_with_unit(match: re.Match[str], text: str, units: frozenset[str]) -> bool:
    """Whether the value is paired by a slash with a second number in a measure unit (``units``):
    a tolerance criterion such as the dose and distance of a gamma test ("3%/3 mm"), not a
    score (:func:`tolerance_pair`). "85%/90%" and "0.91/0.88" pair two scores.

    >>> t = "(3%/3 mm), 85%/90%, 0.91/0.88, 0.91/3.2 mm, 2%/2.5 mm, 91.2%/3.1 mm"
    >>> [pairs_with_unit(VALUE_RE.search(t, t.index(v)), t, frozenset({"mm"})) for v in ("3%",
    ...  "85", "0.91/0", "0.91/3", "2%", "91.2%")]
    [True, False, False, False, True, False]
    """
    pair = _SLASH_UNIT.match(text, match.end())
    return (
        pair is not None
        and pair.group(2).lower() in units
        and tolerance_pair(match.group("num"), "%" in (match.group("unit") or ""), pair.group(1))
    )


#: a dose difference of a gamma criterion stays below this percentage ("2%/2.5 mm", "5%/5 mm")
_CRITERION_PERCENT = Decimal(10)


def tolerance_pair(first: str, percent: bool, second: str) -> bool:
    """Whether the numbers ``first`` (``percent``: written with "%") and ``second`` of a
    "first/second <unit>" pair make a tolerance criterion: two whole numbers ("3%/3 mm"), or
    a percentage under 10 before the length ("2%/2.5 mm", "1.5%/1.5 mm": gamma criteria take
    decimals too). Otherwise a decimal makes the pair two scores of slash-listed metrics
    ("Dice/HD95 of 0.91/3.2 mm", "91.2%/3.1 mm").

    >>> [tolerance_pair(*p) for p in (("3", True, "3"), ("2", True, "2.5"), ("1.5", True, "1.5"),
    ...  ("0.91", False, "3.2"), ("91.2", True, "3.1"))]
    [True, True, True, False, False]
    """
    if "." not in first + second:
        return True
    value = parse_value(first)
    return percent and value is not None and value < _CRITERION_PERCENT


def describes_items(word: str) -> bool:
    """Whether a word between a whole number and a plural noun describes the items counted:
    a hyphenated word or a participle ("500 post-edited items", "40 annotated scans").

    >>> [describes_items(w) for w in ("post-edited", "annotated", "and", "on", "red")]
    [True, True, False, False, False]
    """
    return "-" in word.strip("-") or (len(word) > 4 and word.endswith("ed") and word.isalpha())


def joins_a_compound(word: str) -> bool:
    """Whether the word right after a value (lower case) joins it by a hyphen to a word, so
    that the value is part of a compound modifier ("a 1.2-billion-parameter model", "a
    2.5-fold rise"), not a score; "0.91-0.93" (a range) and "- 3" do not.

    >>> [joins_a_compound(w) for w in ("-billion-parameter", "-fold", "-0", "-", "mm")]
    [True, True, False, False, False]
    """
    return len(word) > 1 and word[0] == "-" and word[1].isalpha()


def counts_items(word: str, cues: ResultCues) -> bool:
    """Whether a lower-case word after a whole number makes it a count of items: a plural noun
    ("100 summaries", "40 vignettes"), by its ending, beyond ``count_nouns``; not a unit
    a change or a measure is given in ("3 points", "5 years"). Words of three letters or
    fewer ("was", "its") and singulars in "-ss", "-us" or "-is" ("across", "versus", "this",
    "basis") end in "s" without being plurals.

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset({"points"}),
    ...     frozenset(), frozenset(), measure_units=frozenset({"years"}))
    >>> [counts_items(w, cues) for w in ("summaries", "outputs", "points", "years", "was",
    ...  "across", "versus", "bonus", "basis", "and")]
    [True, True, False, False, False, False, False, False, False, False]
    """
    return (
        word.isalpha()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in cues.improvement_units
        and word not in cues.measure_units
    )


#: words that set a value against a score just stated: "1.8 mm against 3.4 mm for X"
_COMPARED = wordlist("results_wordlists", "compared_words")


#: nouns that name no measure of their own: "a score of 90%", "a value of 0.9"
_GENERIC_MEASURES = wordlist("results_wordlists", "generic_measures")


def names_a_bound(before: Sequence[str], cues: ResultCues) -> bool:
    """Whether the words ``before`` a value (lower case, nearest last) compare against it
    through a generic noun: "surpasses a score of", "exceeds the threshold of", "above a value
    of" (``bound_before`` then an article then a generic noun and "of"; issue 15, item 5).

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), bound_before=frozenset({"surpasses", "above"}))
    >>> [names_a_bound(w.split(), cues) for w in ("surpasses a score of", "above the level of",
    ...  "reaches a score of", "surpasses an accuracy of", "above score of", "a score of")]
    [True, True, False, False, True, False]
    """
    words = list(before)
    if words[-1:] != ["of"] or len(words) < 3 or words[-2] not in _GENERIC_MEASURES:
        return False
    rest = words[:-2]
    if rest[-1:] and rest[-1] in {"a", "an", "the"}:
        rest = rest[:-1]
    return bool(rest) and rest[-1] in cues.bound_before and (rest[-1],) not in cues.hedges


def names_a_setting(before: Sequence[str], cues: ResultCues) -> bool:
    """Whether the words ``before`` a value (lower case, nearest last) make it the value of a
    setting noun (``setting_nouns``: "at a threshold of 0.5", "IoU thresholds from 0.5 to
    0.95", "cut-off 0.3"; issue 15, item 5): a setting, not a score.

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), setting_nouns=frozenset({"threshold", "thresholds"}))
    >>> [names_a_setting(w.split(), cues) for w in ("a threshold of", "thresholds from",
    ...  "threshold", "an accuracy of", "threshold and", "thresholds from 0 5 to",
    ...  "rose from 0 5 to")]
    [True, True, True, False, False, True, False]
    """
    if before[-1:] and before[-1] in cues.setting_nouns:
        return True
    if before[-1:] == ["to"]:  # the end of "thresholds from 0.5 to 0.95"
        words = [w for w in before[:-1] if not w.isdigit()]
        return words[-2:-1] != [] and words[-1] == "from" and words[-2] in cues.setting_nouns
    return (
        len(before) >= 2
        and before[-2] in cues.setting_nouns
        and before[-1] in {"of", "=", ":", "from", "at"}
    )


def is_operating_point(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether a value is the operating point a score is read at: "at" before it and a rate
    after it, "a sensitivity of 88% at 2.1 false positives per scan" (issue 15, item 5).
    ``before``/``after`` are the lower-case words around the value (nearest last / first).

    >>> [is_operating_point(b.split(), a.split()) for b, a in (("88% at", "false positives per"),
    ...  ("at", "fps per"), ("at", "false positives"), ("of", "false positives per"))]
    [True, True, False, False]
    """
    return bool(before) and before[-1] == "at" and "per" in after[:3]


# --- numbers that are no scores (branch results16b) --------------------------------------

#: a run of listed values right before a value: "0.35 and ", "5%, 10% and ", "0.31, "
_LISTED_BEFORE = re.compile(
    r"(?:(?<![\w.,])\d+(?:\.\d+)?\s?%?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+))+$"
)
#: words that bind a noun to its value: "prevalence of 8%", "prevalence was 0.12"
_OWNING_WORDS = frozenset({"of", "=", ":", "at", "was", "were", "is", "are"})
_FREQUENCY_NOUNS = wordlist("results_wordlists", "frequency_nouns")
_COHORT_PRONOUNS = wordlist("results_wordlists", "cohort_pronouns")
_RELATIVE_COHORT_PRONOUNS = wordlist("results_wordlists", "relative_cohort_pronouns")
_REMOVAL_VERBS = wordlist("results_wordlists", "removal_verbs")
_SHARE_DETERMINERS = wordlist("results_wordlists", "share_determiners")
_SETTING_VERBS = wordlist("results_wordlists", "setting_verbs")
_AUXILIARIES = wordlist("results_wordlists", "auxiliaries")
_CHANCE_WORDS = wordlist("results_wordlists", "chance_words")
_CHANCE_TAILS = wordlist("results_wordlists", "chance_tails")
_RANDOM_BASELINES = wordlist("results_wordlists", "random_baselines")
#: prepositions that join a value to what it is the level of: "0.5 for chance"
_LEVEL_PREPOSITIONS = frozenset({"for", "of", "by", "from", "at", "with"})


def list_opening(text: str, start: int) -> int:
    """The start of the first value of the list the value at ``start`` closes ("thresholds
    0.35 and 0.60": the start of 0.35), or ``start`` when no value is listed right before
    it: the words before a list are the words of each of its values.

    A list holds values of one form (decimal or whole, percentage or not): "41.3 at a budget
    of 10 and 57.8" lists no 57.8 with the budget's 10.

    >>> t = "thresholds 0.35 and 0.60, of whom 35%, 12% and 9%, AUC 0.8, of 10 and 57.8"
    >>> [t[list_opening(t, t.index(v)):][:4] for v in ("0.60", "9%", "0.8", "0.35", "57.8")]
    ['0.35', '35%,', '0.8,', '0.35', '57.8']
    """
    found = _LISTED_BEFORE.search(text, max(0, start - 60), start)
    if found is None:
        return start
    form = _number_form(text[start : start + 12])
    opening = start
    for number in reversed(list(_LISTED_NUMBER.finditer(text, found.start(), start))):
        if _number_form(number.group()) != form:
            break  # "41.3 at a budget of 10 and 57.8": a score after a setting's value
        opening = number.start()
    return opening


#: a number of a listed run, with its percent sign
_LISTED_NUMBER = re.compile(r"\d+(?:\.\d+)?\s?%?")


def _number_form(written: str) -> tuple[bool, bool]:
    """(has a decimal point, is a percentage) of the number opening ``written``."""
    number = _LISTED_NUMBER.match(written)
    value = number.group() if number else ""
    return "." in value, value.endswith("%")


def owns_value(before: Sequence[str], nouns: frozenset[str]) -> bool:
    """Whether a noun of ``nouns`` owns the value after the words ``before`` it (lower case,
    nearest last): right before it or through one binding word ("prevalence 0.12", "a
    prevalence of 8%", "the outcome prevalence was 0.12", "whose prevalences were").

    >>> n = frozenset({"prevalence", "prevalences"})
    >>> [owns_value(w.split(), n) for w in ("the outcome prevalence was", "a prevalence of",
    ...  "prevalences", "prevalence and the auroc was", "the auroc of", "ppv at 5% prevalence was",
    ...  "the prevalence of malignancy in the test set was")]
    [True, True, True, False, False, False, True]
    """
    if before[-1:] and before[-1] in nouns:
        return True
    if len(before) < 2 or before[-1] not in _OWNING_WORDS:
        return False
    if before[-2] not in nouns:
        return before[-1] in _COPULAS and modified_subject(before[:-1], nouns)
    if before[-1] in _COPULAS and object_of_at(before[:-2]):
        return False  # "sensitivity at the default threshold was 94%": the sensitivity's
    # "the PPV at 5% prevalence was 26.4%": the noun has its value; the copula's is the PPV's
    return len(before) < 3 or _LISTED_NUMBER.fullmatch(before[-3]) is None


def object_of_at(before: Sequence[str]) -> bool:
    """Whether a noun right after the words ``before`` (lower case, nearest last) is the
    object of "at": "at", a determiner and at most one plain word stand before it ("at the
    default threshold", "at the threshold"; branch results17). The noun is the setting a
    metric before "at" is read at, not the subject of the copula after it: the value is the
    metric's. "the threshold was 0.4" and "the chosen threshold was" have no "at".

    >>> [object_of_at(w.split()) for w in ("sensitivity at the default", "recall at the",
    ...  "the chosen", "the", "at 5 %")]
    [True, True, False, False, False]
    """
    words = list(before[-3:])
    while words and words[0] != "at":
        words.pop(0)
    return len(words) >= 2 and words[1] in _DETERMINERS and all(w.isalpha() for w in words[2:])


#: prepositions that open a noun's modifier before its copula: "the prevalence of X was"
_MODIFIER_PREPOSITIONS = frozenset({"of", "in", "on", "among", "across", "within", "for"})


def modified_subject(before: Sequence[str], nouns: frozenset[str]) -> bool:
    """Whether a noun of ``nouns`` heads the words ``before`` a copula (lower case, nearest
    last) past a modifier it opens with a preposition, in up to eight words without a
    number, a punctuation mark or a clause word ("the prevalence of malignancy in the test
    set", then "was"). "the prevalence was low and the AUROC" is another subject.

    >>> n = frozenset({"prevalence"})
    >>> [modified_subject(w.split(), n) for w in ("the prevalence of malignancy in the test set",
    ...  "the prevalence was low and the auroc", "prevalence in 2 sites , the auroc",
    ...  "the auroc of the model")]
    [True, False, False, False]
    """
    for k in range(len(before) - 1, max(-1, len(before) - 9), -1):
        word = before[k]
        if word in nouns:
            return k < len(before) - 1 and before[k + 1] in _MODIFIER_PREPOSITIONS
        if not word.isalpha() or word in _COPULAS or word in {"and", "or", "but", "while"}:
            return False
    return False


#: the rest of a value list and "of" with a pronoun: " and 9% of whom", ", 12% of which"
_COHORT_AFTER = re.compile(
    r"(?:\s*(?:,|and|or)\s*(?:and\s+)?\d+(?:\.\d+)?\s?%?)*\s+of\s+(?P<pronoun>[a-z]+)\b"
)


def closes_cohort_share(text: str, end: int) -> bool:
    """Whether the value list that the value ending at character ``end`` opens or continues
    is followed by "of" and a pronoun of a group ("900 patients, 31% and 9% of whom had prior
    strokes", "12% of which"): shares of the group just named, not scores. "answers 61% of
    them correctly" is a score.

    >>> t = "900 patients, 31% and 9% of whom had strokes; an AUC of 0.8 of the model; 61% of them"
    >>> [closes_cohort_share(t, t.index(v) + len(v)) for v in ("31%", "9%", "0.8", "61%")]
    [True, True, False, False]
    """
    found = _COHORT_AFTER.match(text, end)
    return found is not None and found.group("pronoun") in _RELATIVE_COHORT_PRONOUNS


def shares_a_cohort(before: Sequence[str]) -> bool:
    """Whether the words ``before`` a value (lower case, nearest last) make it a share of the
    group just named: "of whom", "among them", "of these" ("1,200 patients, of whom 35% had
    small lesions"): who the value counts, not how well a system did.

    >>> [shares_a_cohort(w.split()) for w in ("patients , of whom", "among them", "of these",
    ...  "an accuracy of", "whom")]
    [True, True, True, False, False]
    """
    return len(before) >= 2 and before[-2] in {"of", "among"} and before[-1] in _COHORT_PRONOUNS


def removes_share(before: Sequence[str]) -> bool:
    """Whether the words ``before`` a percentage (lower case, nearest last) make it a share of
    the data taken out or altered: a removal verb, maybe with determiners between ("after
    removing the 5%", "masking up to 30%", "excluding the top 10%"); not "accuracy dropped
    5%" (a change).

    >>> [removes_share(w.split()) for w in ("after removing the", "masking up to",
    ...  "excluding the top", "the accuracy dropped", "an accuracy of")]
    [True, True, True, False, False]
    """
    words = list(before)
    while words and words[-1] in _SHARE_DETERMINERS:
        words.pop()
    return bool(words) and words[-1] in _REMOVAL_VERBS


def selects_extreme_share(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether a percentage between "the" and a superlative picks out a portion of the data
    ("the 5% shortest reports", "the 10% most uncertain cases"), not a score.

    >>> [selects_extreme_share(["the"], a.split()) for a in ("shortest reports",
    ...  "most uncertain", "best", "test split", "of cases")]
    [True, True, True, False, False]
    >>> selects_extreme_share(["of"], ["highest"])
    False
    """
    if before[-1:] != ["the"] or not after:
        return False
    word = after[0]
    return word in {"most", "least", "best", "worst"} or (
        len(word) > 4 and word.endswith("est") and word.isalpha()
    )


def setting_moved(before: Sequence[str], setting_nouns: frozenset[str]) -> bool:
    """Whether the words ``before`` a value (lower case, nearest last) give it to a setting
    noun through a participle of setting and "to" or "at" ("when the threshold is lowered to
    0.2", "with the cut-off set at 0.4", "the threshold was then raised to"): a setting,
    not a score. "recall rose to" and "the accuracy was raised to" are scores.

    >>> s = frozenset({"threshold", "cut-off"})
    >>> [setting_moved(w.split(), s) for w in ("the threshold is lowered to",
    ...  "the cut-off set at", "the threshold was then raised to", "the accuracy was raised to",
    ...  "the threshold and recall rose to", "threshold lowered",
    ...  "the threshold lowered from 0 5 to", "the f1 raised from 0 5 to")]
    [True, True, True, False, False, False, True, False]
    """
    before = list(before)
    if before[-1:] == ["to"]:  # "lowered from 0.5 to 0.3": the start left out
        k = len(before) - 2
        while k >= 0 and before[k].rstrip("%").isdigit():
            k -= 1
        if k < len(before) - 2 and k >= 0 and before[k] == "from":
            before = [*before[:k], "to"]
    if len(before) < 3 or before[-1] not in {"to", "at"} or before[-2] not in _SETTING_VERBS:
        return False
    for word in reversed(before[:-2]):
        if word in setting_nouns:
            return True
        if word not in _AUXILIARIES:
            return False
    return False


def names_chance(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether the words around a value (lower case; ``before`` nearest last, ``after``
    nearest first) make it the level of guessing: a chance word before it with only its
    tail between ("a chance level of 25%", "better than chance (0.5)"), or a preposition and
    chance or a random guess after it ("close to 0.5 for chance", "the 0.5 of a random
    classifier"). "above chance, at 71%", "near chance (AUROC 0.55)" and "0.79 for a random
    forest" are scores.

    >>> [names_chance(b.split(), []) for b in ("a chance level of", "than chance (",
    ...  "chance , at", "the auroc of", "near chance ( auroc")]
    [True, True, False, False, False]
    >>> [names_chance([], a.split()) for a in ("for chance", "of a random classifier",
    ...  "for a random forest", "for the model")]
    [True, True, False, False]
    """
    for k in range(len(before) - 1, max(-1, len(before) - 4), -1):
        if before[k] in _CHANCE_WORDS:
            return True
        if before[k] not in _CHANCE_TAILS or (before[k] == "(" and k < len(before) - 1):
            break  # "near chance (AUROC 0.55)": the bracket's metric states the score
    if not after or after[0] not in _LEVEL_PREPOSITIONS:
        return False
    rest = [w for w in after[1:4] if w not in {"a", "an", "the"}]
    if rest[:1] and rest[0] in _CHANCE_WORDS:
        return True
    return rest[:1] == ["random"] and rest[1:2] != [] and rest[1] in _RANDOM_BASELINES


def counts_no_score(match: re.Match[str], text: str, cues: ResultCues) -> bool:
    """Whether the value of ``match`` is a number of the data or a setting, not a score, by
    the words of the list it closes (:func:`list_opening`): a setting noun
    (:func:`names_a_setting`, :func:`setting_moved`), a frequency noun (``frequency_nouns``:
    "whose prevalences were 0.31 and 0.69"), a share of a cohort (:func:`shares_a_cohort`),
    a share of the data removed or picked out (:func:`removes_share`,
    :func:`selects_extreme_share`, percentages only), or the level of chance
    (:func:`names_chance`). Branch results16b.

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), setting_nouns=frozenset({"thresholds"}))
    >>> t = "F1 0.82 and 0.79 at thresholds 0.35 and 0.60"
    >>> [counts_no_score(VALUE_RE.search(t, t.index(v)), t, cues) for v in ("0.79", "0.60")]
    [False, True]
    """
    opening = list_opening(text, match.start())
    before = _words_before(text, opening, 10)
    if opening < match.start() and names_a_setting(before, cues):
        return True  # the first value of the list is read by is_score_like itself
    after = words_after_value(text, match.end(), 4)
    percent = "%" in (match.group("unit") or "")
    return (
        owns_value(before, _FREQUENCY_NOUNS)
        or owns_value(before, cues.setting_nouns)
        or shares_a_cohort(before)
        or closes_cohort_share(text, match.end())
        or setting_moved(before, cues.setting_nouns)
        or names_chance(before, after)
        or (percent and (removes_share(before) or selects_extreme_share(before, after)))
    )


def is_rate_unit(after: Sequence[str]) -> bool:
    """Whether the words ``after`` a value (lower case, nearest first) are a count per unit,
    the unit of a rate a metric is measured in: "3.2 cells per image", "0.4 false positives
    per scan" (issue 15, item 5); "3.2 cells in each image" is a count.

    >>> [is_rate_unit(a.split()) for a in ("cells per", "cells in", "cells", "per image")]
    [True, False, False, False]
    """
    return len(after) >= 2 and after[1] == "per"


def counts_per_unit(after: Sequence[str]) -> bool:
    """Whether the words ``after`` a value (lower case, nearest first) are a count per unit
    written with one or two words before "per": "4.2 false alarms per hour", "0.3 lesions
    per scan" (issue 15, item 5). Such a value is a rate of its own: it is no score of a
    metric named elsewhere in the sentence (a metric bound right before it may still take
    it: "FP rate of 0.3 lesions per scan").

    >>> [counts_per_unit(a.split()) for a in ("false alarms per", "lesions per scan",
    ...  "per image", "on the test", "95 % per")]
    [True, True, False, False, False]
    """
    if "per" not in after[1:3]:
        return False
    return all(w.isalpha() for w in after[: after.index("per")])


def listed_after_slash(text: str, start: int, num: str, *, percent: bool = False) -> bool:
    """Whether the number ``num`` at ``start``, right after a "/", is a score of a "/"-list:
    a decimal after a decimal ("0.88/0.79") or after a word ("0.88 Dice/0.79 IoU"; issue 15,
    item 5), or a percentage (``percent``: a "%" follows it) after a percentage ("91%/85%").
    Other whole numbers after a slash are fractions, dates and variants ("3/4", "12/2021",
    "ViT-L/14").

    >>> t = "0.88/0.79, 0.88 Dice/0.79 IoU, 3/4, ViT-L/14, 1/0.5"
    >>> [listed_after_slash(t, t.index(v), v) for v in ("0.79,", "0.79 ", "4", "14", "0.5")]
    [True, True, False, False, False]
    >>> t = "91%/85%, 12/20%"
    >>> listed_after_slash(t, 4, "85", percent=True), listed_after_slash(t, 12, "20", percent=True)
    (True, False)
    >>> t = "91.2%/3.1 mm, 2%/2 mm, 2%/2.5 mm"
    >>> [listed_after_slash(t, t.index(v), v.split()[0]) for v in ("3.1", "2 mm", "2.5")]
    [True, False, False]
    """
    before = text[max(0, start - 12) : start]
    if "." not in num:
        return percent and re.search(r"\d\s?\\?%/$", before) is not None
    # "91.2%/3.1 mm": a decimal after a percentage too (two measures in different units), but
    # not the distance of a tolerance criterion ("2%/2.5 mm": :func:`tolerance_pair`)
    after_percent = re.search(r"(\d+(?:\.\d+)?)\s?\\?%/$", before)
    if after_percent is not None:
        return not tolerance_pair(after_percent.group(1), True, num)
    return re.search(r"(?:\d\.\d+|[A-Za-z])/$", before) is not None


_NUMBER = r"\d+(?:\.\d+)?\s?(?:\\?%)?"
#: a bracket holding only two numbers joined by a dash, "to" or a comma: "(75.2%-78.3%)"
_INTERVAL = re.compile(
    r"\(\s*" + _NUMBER + r"\s*(?:-|–|—|−|to|,)\s*" + _NUMBER + r"\s*\)"
    r"|\[\s*" + _NUMBER + r"\s*(?:-|–|—|−|to|,)\s*" + _NUMBER + r"\s*\]"
)
_CLOSERS = {"(": ")", "[": "]"}


def open_bracket(text: str, pos: int) -> int:
    """Offset of the round or square bracket still open at ``pos``, or -1: the CI and
    interval gates read both ("AUC 0.91 [95% CI 0.88-0.94]"; issue 15, item 5). A bracket
    closed before ``pos`` ends the reading, as with one kind of bracket before.

    >>> t = "AUC 0.91 [95% CI 0.88-0.94] and (F1 0.82) 0.7 [x (y) 0.6"
    >>> [open_bracket(t, t.index(v)) for v in ("0.88", "0.82", "0.7", "0.6")]
    [9, 32, -1, -1]
    """
    opening = max(text.rfind("(", 0, pos), text.rfind("[", 0, pos))
    closing = max(text.rfind(")", 0, pos), text.rfind("]", 0, pos))
    return opening if opening > closing else -1


#: a number (with its unit) right before a bracket; not the number of a name ("OnionNet-2
#: (0.82, 1.26)": the bracket holds that model's scores, no interval of 2)
_NUMBER_BEFORE = re.compile(r"(?<![\w.])(?<!\w-)" + _NUMBER + r"\s*$")


#: a point estimate, a comma or semicolon, and a dash range in one bracket: "(0.774, 0.752-0.796)"
_ESTIMATE_INTERVAL = re.compile(
    r"[(\[]\s*(?P<point>\d+(?:\.\d+)?)\s?%?\s*[,;]\s*(?P<low>\d+(?:\.\d+)?)\s?%?\s*"
    r"(?:-|–|—|−|to)\s*(?P<high>\d+(?:\.\d+)?)\s?%?\s*[)\]]"
)


def bounds_estimate_in_bracket(text: str, start: int) -> bool:
    """Whether the value at ``start`` is a bound of the interval that follows a point estimate
    inside one bracket, without "CI" words: "(0.774, 0.752-0.796)". The point lies within the
    range; a bracket of two scores and a range of others ("(0.91, 0.60-0.70)") is no interval.

    >>> t = "and in the community (0.774, 0.752-0.796) and F1 (0.91, 0.60-0.70)"
    >>> [bounds_estimate_in_bracket(t, t.index(v)) for v in ("0.752", "0.796", "0.774", "0.60")]
    [True, True, False, False]
    """
    opening = open_bracket(text, start)
    if opening < 0:
        return False
    found = _ESTIMATE_INTERVAL.match(text, opening)
    if found is None or start < found.start("low"):
        return False
    low, point, high = (Decimal(found.group(g)) for g in ("low", "point", "high"))
    return low <= point <= high


def is_interval_bound(text: str, start: int, end: int) -> bool:
    r"""Whether the value at ``start..end`` is a bound of an interval written in brackets right
    after another value, without "CI" words: "an AUC of 77.1% (75.2%-78.3%)" (issue 15, item
    5). A bracket after a word ("AUC and F1 (0.91, 0.85)") holds scores.

    >>> t = "AUC of 77.1% (75.2%-78.3%) and F1 (0.91, 0.85)"
    >>> [is_interval_bound(t, t.index(v), t.index(v) + len(v)) for v in ("75.2%", "78.3%",
    ...  "77.1%", "0.91")]
    [True, True, False, False]
    >>> t = "AUC 0.93 (0.90-0.95; p=0.01 versus X) and F1 (0.91; 0.85)"
    >>> [is_interval_bound(t, t.index(v), t.index(v) + len(v)) for v in ("0.90", "0.95",
    ...  "0.91")]
    [True, True, False]

    The number of a name before the bracket is no point estimate ("Net-2 (0.82, 1.26)"); a
    spaced number is ("was 2 (1, 3)").

    >>> t = "Net-2 (0.82, 1.26) and was 2 (1, 3)"
    >>> [is_interval_bound(t, t.index(v), t.index(v) + len(v)) for v in ("0.82", "1,")]
    [False, True]
    """
    opening = open_bracket(text, start)
    closing = text.find(_CLOSERS[text[opening]], end) if opening >= 0 else -1
    if closing < 0:
        return False
    # "(0.908-0.953; p=0.002 versus X)": the interval is the bracket's first part
    part = text.find(";", end, closing)
    inner = text[opening:part] + text[closing] if part >= 0 else text[opening : closing + 1]
    if _INTERVAL.fullmatch(inner) is None:
        return False
    return _NUMBER_BEFORE.search(text, max(0, opening - 12), opening) is not None


def strip_hedges(before: Sequence[str], hedges: Sequence[tuple[str, ...]]) -> list[str]:
    """The words before a value without the hedges that end them ("by at least" -> "by",
    "improvements of up to" -> "improvements of"); longest hedges first.

    >>> strip_hedges(["by", "at", "least"], [("at", "least"), ("least",)])
    ['by']
    >>> strip_hedges(["accuracy", "of"], [("at", "least")])
    ['accuracy', 'of']
    """
    words = list(before)
    changed = True
    while changed and words:
        changed = False
        for hedge in hedges:
            if len(words) > len(hedge) and tuple(words[-len(hedge) :]) == hedge:
                del words[-len(hedge) :]
                changed = True
                break
    return words


#: words that end the phrase after a value: what follows them is no longer about it
_AFTER_STOPS = wordlist("results_wordlists", "after_stops")


def change_noun_after(text: str, end: int, cues: ResultCues) -> bool:
    """Whether a change noun follows the value in its own phrase ("a 60% improvement", "15%
    mean squared error reduction", "26.9% time savings"): up to four words, stopping at a
    preposition or punctuation ("81.2% accuracy and higher F1": the "higher" is F1's).

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...                   frozenset(), improvement_after=frozenset({"improvement", "reduction"}))
    >>> [change_noun_after(t, 3, cues) for t in ("60% improvement", "15% mean squared error "
    ...  "reduction", "81% accuracy and improvement", "15% a b c d reduction")]
    [True, True, False, False]
    >>> cues = replace(cues, improvement_after=frozenset({"relative"}))
    >>> [change_noun_after(t, 3, cues) for t in ("12% relative gain", "0.3 relative to")]
    [True, False]

    The next sentence is not the value's phrase ("... of 0.761. Sensitivity was lower"):

    >>> cues = replace(cues, improvement_after=frozenset({"lower"}))
    >>> change_noun_after("0.761. Sensitivity was lower", 5, cues)
    False
    """
    if ends_sentence(text, end):
        return False
    words = _words_after(text, end, 5)
    for i, word in enumerate(words[:4]):
        if word in cues.improvement_after:
            # "0.029 relative to the baseline": a comparison, not "a 12% relative gain"
            return words[i + 1 : i + 2] != ["to"]
        if word in _AFTER_STOPS:
            return False
    return False


def is_change(match: re.Match[str], text: str, cues: ResultCues) -> bool:
    """Whether the value is a change ("+3.2", "by 8%", "3.7 percentage points", "by at least
    20%", "a 60% improvement") not a score.

    >>> cues = ResultCues(frozenset(), frozenset({"by"}), frozenset(), frozenset({"points"}),
    ...                   frozenset(), frozenset())
    >>> [is_change(VALUE_RE.search(t), t, cues)
    ...  for t in ("+12.61 F1", "by 8%", "of 0.91", "3.2 points")]
    [True, True, False, True]
    """
    if match.group("sign"):
        return True
    unit = (match.group("unit") or "").strip().lower()
    if unit and unit.split()[-1] in cues.improvement_units:
        return True
    if change_noun_after(text, match.end(), cues) or opens_changed_range(match, text, cues):
        return True
    before = strip_hedges(_words_before(text, match.start(), 6), cues.hedges)
    if not before:
        return False
    if before[-1] in cues.improvement_before:
        return True
    if before[-1] == "within" and "of" in _words_after(text, match.end(), 2):
        return True  # "within 0.02 (AUROC) of full supervision": a gap to another score
    if len(before) >= 2 and before[-1] in {"of", "by"}:
        return before[-2] in cues.improvement_before  # "improvements of 7%"
    # "by 2% to 5%"; but "increased to 0.93" states the new score
    return before[-1] == "to" and "by" in before[:-1]


#: the second value of a range right after its first: "19.2% to 65.4%", "3-5 points"
_RANGE_END = re.compile(r"\s*(?:to|–|-)\s*\d+(?:\.\d+)?(?:\s?\\?%)?")


def opens_changed_range(match: re.Match[str], text: str, cues: ResultCues) -> bool:
    """Whether the value opens a range whose end a change noun follows ("12.5% to 40% lower
    than the baselines", "3 to 5 points higher"): both ends are changes, not scores.

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...                   frozenset(), improvement_after=frozenset({"lower", "gain"}))
    >>> [opens_changed_range(VALUE_RE.search(t), t, cues) for t in ("12.5% to 40% lower",
    ...  "0.4-0.6 gain", "12.5% to 40% of cases", "0.81 and 0.9 lower", "0.81 to 0.92")]
    [True, True, False, False, False]
    """
    end = _RANGE_END.match(text, match.end())
    return end is not None and change_noun_after(text, end.end(), cues)


_BY_TO = re.compile(r"\bby\s+(\d+(?:\.\d+)?)\s?(?:\\?%|points?|pp)?\s+to\s+$", re.IGNORECASE)
#: how many times the change "by X" a value "to Y" must be to be the new score, not the end
#: of a range of changes ("by 2% to 5%")
_REACHED_RATIO = 5


def reached_after_change(match: re.Match[str], text: str) -> bool:
    """Whether the value is the score a change reached: "raises AUROC by 0.05 to 0.93",
    "improves accuracy by 4.1 points to 85.3%" (issue 15, item 5). It must be more than five
    times the change; "by 2% to 5%" is a range of changes.

    >>> t = "by 0.05 to 0.93, by 2% to 5%, by 4.1 points to 85.3%, to 0.8"
    >>> [reached_after_change(VALUE_RE.search(t, t.index(v)), t) for v in ("0.93", "5%",
    ...  "85.3%", "0.8")]
    [True, False, True, False]
    """
    found = _BY_TO.search(text, max(0, match.start() - 40), match.start())
    if found is None:
        return False
    change = parse_value(found.group(1))
    value = parse_value(match.group("num"))
    return change is not None and value is not None and value > _REACHED_RATIO * change


#: the end of a change after its starting value, maybe with whom the start is for: "to
#: 78.2%", "for the base model to 78.9%"
_REACHED_AFTER = re.compile(
    r"\s*(?P<whose>(?:for|with|on|in|at|under)\s+[^,;:.()\d]{1,40}?\s+|\([^()]{1,40}\)\s*)?"
    r"(?:to|->|→|–)\s*[+]?\d"
)
#: verbs of a range, whose "from X for A to Y for B" states two scores
_RANGE_VERBS = wordlist("results_wordlists", "range_verbs")


def is_starting_point(match: re.Match[str], text: str) -> bool:
    """Whether the value is where a change started: "from 55.11% to 78.22%" states one result,
    78.22% (guidelines, results); a phrase may say whose the start is ("from 69.4% for the
    base model to 78.9%").

    >>> [is_starting_point(VALUE_RE.search(t), t) for t in ("from 55.1% to 78.2%",
    ...  "from 55.1% of cases", "rose to 78.2%", "from 0.71 -> 0.78",
    ...  "from 69.4% for the base model to 78.9%", "from 69.4% for 3 models to 78.9%",
    ...  "ranges from 0.70 for A to 0.83", "ranged from 0.91 to 1.06",
    ...  "from 0.27 (the baseline) to 0.39")]
    [True, False, False, True, True, False, False, False, True]
    """
    before = _words_before(text, match.start(), 2)
    if before[-1:] != ["from"]:
        return False
    reached = _REACHED_AFTER.match(text, match.end(), match.end() + 60)
    if reached is None:
        return False
    # "ranges from 0.70 for A to 0.83 for B": the ends of a range, each a score; "ranged from
    # 0.91 to 1.06": a range, kept as its first value (see :func:`is_range_end`)
    return before[0] not in _RANGE_VERBS


_RANGE_OPENING = re.compile(
    r"\b(?:between\s+\d+(?:\.\d+)?\s?(?:\\?%)?\s+and"
    r"|(?:" + "|".join(sorted(_RANGE_VERBS)) + r")\s+from\s+\d+(?:\.\d+)?\s?(?:\\?%)?\s+to)\s+$",
    re.IGNORECASE,
)


def is_range_end(match: re.Match[str], text: str) -> bool:
    """Whether the value closes a range opened by "between", by a range verb's "from" or by a
    number and a dash (:func:`closes_dash_range`): "between 0.52 and 0.79", "ranged from 0.91
    to 1.06", "(0.52–0.79)" state one result, a range, kept as its first value (issue 15, item
    5: ranges; session 15 counted the writers, see docs/extraction.md).

    >>> [is_range_end(VALUE_RE.search(t, 14), t) for t in ("Dice between 0.52 and 0.79",
    ...  "Dice between 52% and 79%", "Dice of 0.52 and 0.79")]
    [True, True, False]
    >>> [is_range_end(VALUE_RE.search(t, t.index("0.79")), t) for t in (
    ...  "Dice varied from 0.52 to 0.79", "Dice rose from 0.52 to 0.79")]
    [True, False]
    """
    return _RANGE_OPENING.search(
        text, max(0, match.start() - 40), match.start()
    ) is not None or closes_dash_range(text, match.start())


#: a number (maybe with its percent sign) and a dash right before a value: "0.12–0.15",
#: "17.1% - 25.5%"; the number's word before it, if any, is read too ("from 0.71 – 0.78")
_DASH_RANGE_START = re.compile(
    r"(?:(?P<word>\w+)\s+)?(?<![\w.\-−–—])\d+(?:\.\d+)?\s?(?:\\?%)?\s?[-−–—]\s?$"
)


def closes_dash_range(text: str, start: int) -> bool:
    """Whether the value at ``start`` closes a range written with a dash of any kind after
    another number: "(0.12–0.15)", "17.1% - 25.5%", "0.61—0.70". A range is one result, kept
    as its first value, like "between 0.61 and 0.70" (issue 15, item 5; session 15 ranges);
    a hyphen glued to both numbers is never read as a value at all (``VALUE_RE``). A dash after
    "from" is the arrow of a change ("from 0.71 – 0.78"), whose end is the score reached.

    >>> t = "(0.12–0.15), 17.1% - 25.5%, from 0.71 – 0.78, Qwen2.5–72B, a 0.91 – see"
    >>> [closes_dash_range(t, t.index(v)) for v in ("0.15", "25.5%", "0.78", "72B", "0.12")]
    [True, True, False, False, False]
    """
    found = _DASH_RANGE_START.search(text, max(0, start - 40), start)
    return found is not None and (found.group("word") or "").lower() != "from"


#: words after "at <value>" that do not make the value a setting: "plateaus at 0.91 on X"
_NOT_SETTING = wordlist("results_wordlists", "not_setting")


#: "at" right before a value, maybe with an article: "at 5% prevalence", "at a 10% budget"
_AT_BEFORE = re.compile(r"\bat\s", re.IGNORECASE)


def held_at(before: Sequence[str]) -> bool:
    """Whether the words before a value end with "at", maybe followed by at most two words
    that hold the value fixed (``_SETTING_WORDS`` but the likeness words): "at 5%", "at a
    5%", "at a fixed 20%" (branch results17), not "at a similar 92%" or "with a 5%".

    >>> [held_at(b.split()) for b in ("x at", "at a", "at a fixed", "at a similar", "with a")]
    [True, True, True, False, False]
    """
    words = list(before)
    while words and words[-1] != "at" and len(before) - len(words) < 2:
        if words[-1] not in _SETTING_WORDS or words[-1] in _LIKENESS_WORDS:
            return False
        words.pop()
    return words[-1:] == ["at"]


def reads_at_setting(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether a value is the setting a score is read at: "at" right before it and a plain
    noun after it ("a positive predictive value of 26% at 5% prevalence", "at 0.5 threshold";
    issue 15, item 5). The caller keeps values followed by a metric ("peaks at 92% accuracy");
    "at 0.91 on the test set" has no noun.

    >>> [reads_at_setting(b.split(), a.split()) for b, a in (("at", "prevalence"),
    ...  ("at", "threshold ,"), ("at", "on the"), ("of", "prevalence"), ("at", ""), ("at", ", X"))]
    [True, True, False, False, False, False]
    """
    return (
        before[-1:] == ["at"]
        and bool(after)
        and after[0].isalpha()
        and after[0] not in _NOT_SETTING
    )


def unit_after(match: re.Match[str], text: str) -> str:
    """The word right after a value, lower case ("" at the end): its unit when it has one.

    >>> t = "2.1 mm and 0.8"
    >>> unit_after(VALUE_RE.search(t), t), unit_after(VALUE_RE.search(t, 7), t)
    ('mm', '')
    """
    return next(iter(words_after_value(text, match.end(), 1)), "")


#: words right before a value that list it with another or set it against one: "0.80 and
#: 3.4 mm", "against 3.4 mm"
_LISTING_WORDS = wordlist("results_wordlists", "listing_words")
#: two words that do the same: "compared with 3.4 mm" (branch results17)
_COMPARISON_PHRASES = wordlist("results_wordlists", "comparison_phrases")
#: determiners that open a setting's noun phrase after "at": "at the default threshold"
_DETERMINERS = wordlist("results_wordlists", "determiners")


def listed_in_unit(match: re.Match[str], text: str, units: frozenset[str]) -> bool:
    """Whether a value is listed or compared in one of ``units``, the units of the scores a
    metric binds in its sentence (:func:`bound_units`): "an HD95 of 2.1 mm, compared with
    0.80 and 3.4 mm for X" (issue 15, item 5). "on lesions of 5 mm" is a size.

    >>> t = "0.80 and 3.4 mm , lesions of 5 mm , against 2 mm , compared with 6 mm , with 7 mm"
    >>> [listed_in_unit(VALUE_RE.search(t, t.index(v)), t, frozenset({"mm"})) for v in
    ...  ("3.4", "5 mm", "2 mm", "6 mm", "7 mm")]
    [True, False, True, True, False]
    >>> listed_in_unit(VALUE_RE.search(t, 5), t, frozenset())
    False
    >>> t = "compared with 5.3 years of follow-up"
    >>> listed_in_unit(VALUE_RE.search(t), t, frozenset({"years"}))
    False
    """
    if unit_after(match, text) not in units or counts_an_amount(match, text):
        return False
    before = _words_before(text, match.start(), 2)
    return before[-1:] in ([w] for w in _LISTING_WORDS) or " ".join(before) in _COMPARISON_PHRASES


def counts_an_amount(match: re.Match[str], text: str) -> bool:
    """Whether a value and its unit are an amount of something named after "of": "5.3 years
    of follow-up", "40 mm of tissue" measure a span or a quantity, no score in the unit
    (branch review17c: "an MAE of 4.1 years, compared with 5.3 years of follow-up"); "3.4 mm
    for X" and "3.4 mm ," are scores listed in it.

    >>> t = "5.3 years of follow-up , 3.4 mm for X"
    >>> counts_an_amount(VALUE_RE.search(t), t), counts_an_amount(VALUE_RE.search(t, 25), t)
    (True, False)
    """
    return words_after_value(text, match.end(), 2)[1:] == ["of"]


def bound_units(
    found: Sequence[tuple[re.Match[str], bool]], text: str, measure_units: frozenset[str]
) -> frozenset[str]:
    """The measure units (``measure_units``) of the values a metric binds in a sentence
    (``found``: each value and whether a metric binds it): "an HD95 of 2.1 mm" gives "mm". A
    value in the same unit elsewhere in the sentence is a score of that kind too, not a size:
    "an HD95 of 2.1 mm, compared with 3.4 mm for X" (issue 15, item 5: value lists).

    >>> t = "HD95 of 2.1 mm , 3.4 mm for X in 40 mm lesions"
    >>> f = [(m, m.start() == 8) for m in VALUE_RE.finditer(t)]
    >>> sorted(bound_units(f, t, frozenset({"mm"}))), bound_units(f[1:], t, frozenset({"mm"}))
    (['mm'], frozenset())
    """
    return frozenset(
        unit for m, bound in found if bound and (unit := unit_after(m, text)) in measure_units
    )


def is_threshold(doc: Doc, metric: Span) -> bool:
    """Whether a metric span is the threshold another metric is read at: "at" right before
    it and a value of its own right after it ("mAP at IoU 0.5 was 0.71", "sensitivity at
    specificity 0.9"; issue 15, item 5). Its value is a setting, not a result, and later
    values are not its. "at a sensitivity of 0.80" (an article between) is a reached score.

    >>> import spacy
    >>> d = spacy.blank("en")("mAP at IoU 0.5 was 0.71 , IoU of 0.6 , at a IoU of 0.7")
    >>> is_threshold(d, d[2:3]), is_threshold(d, d[8:9]), is_threshold(d, d[14:15])
    (True, False, False)
    """
    return (
        metric.start > 0
        and doc[metric.start - 1].lower_ in {"at", "@"}
        and binds_value(doc, metric.end)
    )


#: words between "at" and a metric that make the metric a setting held equal across the
#: compared readers or models, not a score of its own: "at matched specificity"
_SETTING_WORDS = wordlist("results_wordlists", "setting_words")
#: the setting words that only liken a metric to another's ("at a similar accuracy"): with a
#: value of its own the metric states a score it reached, not one chosen
_LIKENESS_WORDS = wordlist("results_wordlists", "likeness_words")


def is_matched_setting(doc: Doc, metric: Span) -> bool:
    """Whether a metric span is the setting other scores are compared at: "at" and a word
    that holds it equal before it ("At matched specificity, the sensitivity of X was 92%",
    "at a fixed specificity"; issue 15, item 5), with or without its value ("at matched
    sensitivity of 89%": the value was chosen, not reached). "at the specificity of the
    first reader (96.1%)" and "at a specificity of 0.9" state a value; "at specificity 0.9"
    is :func:`is_threshold`; "at a similar accuracy of 91%" (``_LIKENESS_WORDS``) states
    the score reached, while "at a similar accuracy" alone is a setting.

    >>> import spacy
    >>> d = spacy.blank("en")("At matched specificity , at a fixed recall , at the recall , "
    ...     "at the same recall of 0.9 , at recall , at a recall of 0.9 , at a similar recall "
    ...     "of 0.9 , at similar recall")
    >>> [is_matched_setting(d, d[i : i + 1]) for i in (2, 7, 11, 16, 21, 25, 32, 38)]
    [True, True, False, True, False, False, False, True]
    """
    words = []
    i = metric.start - 1
    while i >= 0 and doc[i].lower_ in _SETTING_WORDS and len(words) < 2:
        words.append(doc[i].lower_)
        i -= 1
    held = [w for w in words if w not in {"a", "the"}]
    return (
        i >= 0
        and doc[i].lower_ == "at"
        and bool(held)
        and (any(w not in _LIKENESS_WORDS for w in held) or not binds_value(doc, metric.end))
    )


_CLAUSE_END = re.compile(r"[,;:]|\.(?:\s|$)")


def share_clause(match: re.Match[str], text: str) -> str | None:
    """The text after a share "N% of <items>", up to the end of its clause (a comma,
    semicolon, colon or full stop), within 100 characters; None when the value is no such
    share (no "of" and a word right after it).

    >>> t = "flagged 83% of the items correctly, and 12% of 40"
    >>> share_clause(VALUE_RE.search(t), t), share_clause(VALUE_RE.search(t, t.index("12")), t)
    (' of the items correctly', None)
    """
    rest = text[match.end() : match.end() + 100]
    if re.match(r"\s+of\s+[^\W\d]", rest) is None:
        return None
    clause_end = _CLAUSE_END.search(rest)
    return rest[: clause_end.start()] if clause_end is not None else rest


#: prepositions before a score word that make it part of the items' noun phrase: "of the
#: traces for correctly answered questions"
_ITEM_PREPOSITIONS = wordlist("results_wordlists", "item_prepositions")


def says_correct(clause: str, cues: ResultCues) -> bool:
    """Whether a share's clause (:func:`share_clause`) says its items were correct, by a word
    of ``share_score_words`` ("of the questions correctly", "of the outputs as accurate").
    A score word right after a preposition qualifies the items, not the share ("82% of the
    traces for correctly answered questions were coherent").

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), share_score_words=frozenset({"correctly", "accurate"}))
    >>> [says_correct(c, cues) for c in (" of the questions correctly", " of them as accurate",
    ...  " of the traces for correctly answered questions were coherent")]
    [True, True, False]
    """
    words = re.findall(r"[a-z]+", clause.lower())
    return any(
        w in cues.share_score_words and (i == 0 or words[i - 1] not in _ITEM_PREPOSITIONS)
        for i, w in enumerate(words)
    )


def is_share_of_items(
    match: re.Match[str], text: str, cues: ResultCues, metric_starts: frozenset[int]
) -> bool:
    """Whether a percentage is the share of some items, "N% of <noun phrase>" ("flagged 83%
    of the failures", "which comprised 61% of daytime data"; issue 15, item 5: only scores
    are results), not the score of a metric written elsewhere in the sentence. The caller
    keeps a value a metric binds ("an accuracy of 91% of ..."). The share is a score when
    its clause says it was correct (``share_score_words``: "answered 81% of the questions
    correctly") or names its measure in brackets ("62% of the statements (recall)";
    ``metric_starts``: character offsets where the sentence's metric spans start).

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), share_score_words=frozenset({"correctly"}))
    >>> t = ("it flagged 83% of failures, 12% of 40, 81% of the items correctly, "
    ...      "62% of cases (recall) and 0.4 of them")
    >>> [is_share_of_items(VALUE_RE.search(t, t.index(v)), t, cues, frozenset({t.index("recall")}))
    ...  for v in ("83", "12", "81", "62", "0.4")]
    [True, False, False, False, False]
    """
    if "%" not in (match.group("unit") or ""):
        return False
    clause = share_clause(match, text)
    if clause is None or is_detection_rate(match, text, cues) or says_correct(clause, cues):
        return False
    bracket = clause.find("(")
    if bracket >= 0:
        after = match.end() + bracket + 1
        after += len(text[after:]) - len(text[after:].lstrip())
        if after in metric_starts:
            return False
    return True


def rates_shares(metrics: Sequence[Span], share_metrics: frozenset[str]) -> bool:
    """Whether a sentence's metrics include one whose scores are shares of the rated items
    (``share_metrics``: "In a human evaluation, 83% of the answers were rated appropriate"):
    then a share "N% of <items>" in it is that measure's score, not a count of items (see
    :func:`is_share_of_items`). A sentence naming no such measure ("In a reader study, 71%
    of reports were acceptable") keeps its shares out.

    >>> import spacy
    >>> d = spacy.blank("en")("human evaluation and accuracy")
    >>> d.ents = [spacy.tokens.Span(d, 0, 2, label="metric", kb_id="humanevaluation"),
    ...           spacy.tokens.Span(d, 3, 4, label="metric", kb_id="accuracy")]
    >>> rates_shares(d.ents, frozenset({"humanevaluation"})), rates_shares(d.ents[1:],
    ...  frozenset({"humanevaluation"}))
    (True, False)
    """
    return any(m.kb_id_ in share_metrics for m in metrics)


#: words that make a share the outcome of a rating: see :func:`rated_share`
_RATING_WORDS = wordlist("results_wordlists", "rating_words")


def rated_share(match: re.Match[str], text: str, sentence_end: int) -> bool:
    """Whether a share "N% of <items>" is the outcome of a rating: a rating word
    (``rating_words``) after it in its sentence (which ends at character ``sentence_end``:
    "83% of the answers were rated appropriate"; "57% and 96% of the reports, ..., are
    evaluated as equivalent") or among the four words before it ("physicians preferred it in
    62% of cases"). Only such a share is the score of a rated measure (:func:`rates_shares`);
    "12% of the answers were too long" stays a share of items.

    >>> t = "83% of answers were rated safe. They preferred it in 62% of cases. 12% were long."
    >>> ends = [t.index(". T") + 1, t.index(". 1") + 1, len(t)]
    >>> values = [VALUE_RE.search(t, t.index(v)) for v in ("83", "62", "12")]
    >>> [rated_share(m, t, e) for m, e in zip(values, ends)]
    [True, True, False]
    """
    rest = text[match.end() : min(sentence_end, match.end() + 200)]
    words = set(re.findall(r"[a-z]+", rest.lower()))
    words.update(_words_before(text, match.start(), 4))
    return not words.isdisjoint(_RATING_WORDS)


#: "of <items>" after a share, maybe after its bracketed interval ("87% (95% CI 85-89) of")
_SHARE_AFTER = re.compile(r"(?:\s*\([^()]{0,60}\))?\s+of\s+[^\W\d]")


def is_detection_rate(match: re.Match[str], text: str, cues: ResultCues) -> bool:
    """Whether a share "N% of <items>" is what a detection verb found ("detected 87.1% of
    seizure events", "detects 71% of the lesions"): the share of the items a detector
    found, a sensitivity.

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), detection_verbs=frozenset({"detected"}), hedges=(("about",),))
    >>> [is_detection_rate(VALUE_RE.search(t), t, cues) for t in ("it detected 87% of events",
    ...  "it detected about 87% of events", "it missed 13% of events", "detected in 87% of",
    ...  "it detected 87% (95% CI 85-89) of events")]
    [True, True, False, False, True]
    """
    if _SHARE_AFTER.match(text[match.end() : match.end() + 100]) is None:
        return False
    before = strip_hedges(_words_before(text, match.start(), 4), cues.hedges)
    return bool(before) and before[-1] in cues.detection_verbs


def implied_metric_keys(match: re.Match[str], text: str, cues: ResultCues) -> frozenset[str]:
    """The metrics a share of items is a score of although its sentence names none: a
    detection rate is a sensitivity (``detection_metrics``: "NeuroX detected 71% of
    seizures"), a share said to be correct an accuracy (``share_score_metrics``: "rated 93%
    of the outputs as accurate"). Empty for any other value. The caller takes such a metric
    only where the abstract names it (guidelines, metric: only measures the abstract names).

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), share_score_words=frozenset({"accurate"}),
    ...     detection_verbs=frozenset({"detected"}),
    ...     detection_metrics=frozenset({"sensitivity"}),
    ...     share_score_metrics=frozenset({"accuracy"}))
    >>> [sorted(implied_metric_keys(VALUE_RE.search(t), t, cues)) for t in (
    ...  "it detected 87% of events", "93% of outputs were accurate", "93% of outputs were long",
    ...  "an accuracy of 0.93")]
    [['sensitivity'], ['accuracy'], [], []]
    """
    if "%" not in (match.group("unit") or ""):
        return frozenset()
    if is_detection_rate(match, text, cues):
        return cues.detection_metrics
    clause = share_clause(match, text)
    if clause is not None and says_correct(clause, cues):
        return cues.share_score_metrics
    return frozenset()


def named_metric(metrics: Sequence[Span], keys: frozenset[str], before: int) -> Span | None:
    """The metric span of the abstract with one of ``keys``: the last one before character
    ``before``, else the first one after it; None when the abstract names none of them."""
    named = [m for m in metrics if m.kb_id_ in keys]
    earlier = [m for m in named if m.end_char <= before]
    return earlier[-1] if earlier else (named[0] if named else None)


def implied_metric(
    match: re.Match[str], text: str, metrics: Sequence[Span], cues: ResultCues
) -> Span | None:
    """The metric span of the abstract (``metrics``) that a value's wording implies
    (:func:`implied_metric_keys`): the last one before the value, else the first after it
    (:func:`named_metric`); None when the wording implies none or the abstract names none of
    those metrics."""
    keys = implied_metric_keys(match, text, cues)
    return named_metric(metrics, keys, match.start()) if keys else None


def is_operating_setting(
    doc: Doc,
    metric: Span,
    metric_ends: frozenset[int],
    sent_start: int,
    setting_phrases: frozenset[str] = frozenset(),
    chosen: bool = False,
) -> bool:
    """Whether a metric span is the operating point another score is read at: "at" and a
    value right before it, with another metric or a score right before "at"
    (:func:`ends_a_value`: "a PPV of 0.31 at 80% sensitivity") or the "at" phrase opening
    its clause ("sensitivity at 90% specificity was 87%", "At 95% sensitivity, specificity
    was 71%"; issue 15, item 5). The metric and its value are a setting, not a result;
    "peaks at 92% accuracy" (a verb before "at") is a score. ``metric_ends``: the end tokens
    of the sentence's metric spans; ``sent_start``: its first token.

    >>> import spacy
    >>> d = spacy.blank("en")(
    ...     "recall at 90 % specificity , At 95 % precision , F1 peaks at 92 % accuracy")
    >>> ends = frozenset({1, 5, 10, 12, 17})
    >>> [is_operating_setting(d, d[i : i + 1], ends, 0) for i in (4, 9, 16)]
    [True, True, False]
    >>> is_operating_setting(d, d[9:10], ends, 6)
    True

    Two words that fix the value (``setting_phrases``) make it a setting wherever they stand:
    "a threshold fixed to 80% sensitivity", "the target of 90% sensitivity".

    >>> d = spacy.blank("en")("a threshold fixed to 80 % sensitivity , reached 80 % recall")
    >>> [is_operating_setting(d, d[i : i + 1], frozenset(), 0, frozenset({"fixed to"}))
    ...  for i in (6, 11)]
    [True, False]

    ``chosen``: the caller found a setting noun chosen for the value
    (:func:`chosen_by_setting`: "a threshold yielding 80% sensitivity").
    """
    i = metric.start - 1
    if i >= 0 and doc[i].text in {"%", "\\%"}:
        i -= 1
    if i < 1 or not doc[i].like_num:
        return False
    if chosen or (i >= 2 and f"{doc[i - 2].lower_} {doc[i - 1].lower_}" in setting_phrases):
        return True
    at = at_before_held(doc, i)
    if at is None:
        return False
    before_at = at - 1
    return (
        before_at < sent_start
        or doc[before_at].is_punct
        or before_at + 1 in metric_ends
        or ends_a_value(doc, before_at)
    )


def at_before_held(doc: Doc, i: int) -> int | None:
    """The token "at" that opens the operating point whose value starts at token ``i``:
    right before it, or before at most two words that hold the value fixed (``_SETTING_WORDS``
    but the likeness words: "at 1% FPR", "at a 1% false positive rate", "at a fixed 20%
    alert rate"; branch results17). None when no such "at" stands there ("peaks at a similar
    92%" likens, "with a 1% FPR" has no "at").

    >>> import spacy
    >>> d = spacy.blank("en")("at 1 % , at a 1 % , at a fixed 20 % , at a similar 92 , with a 1")
    >>> [at_before_held(d, i) for i in (1, 6, 12, 19, 23)]
    [0, 4, 9, None, None]
    """
    j = i - 1
    while j >= 0 and i - j <= 2 and doc[j].lower_ in _SETTING_WORDS:
        if doc[j].lower_ in _LIKENESS_WORDS:
            return None
        j -= 1
    return j if j >= 0 and doc[j].lower_ == "at" else None


def ends_a_value(doc: Doc, i: int) -> bool:
    """Whether token ``i`` ends a number, maybe with its percent sign: the score an operating
    point after it is read at ("a PPV of 0.31 at 80% sensitivity", "reached 88% at 95%
    specificity"); session 15 counted five writers of five leaving "at 80% <metric>" out.

    >>> import spacy
    >>> d = spacy.blank("en")("of 0.31 at , 88 % at , peaks at")
    >>> [ends_a_value(d, i) for i in (1, 5, 8)]
    [True, True, False]
    """
    if doc[i].text in {"%", "\\%"}:
        i -= 1
    return i >= 0 and doc[i].like_num and not doc[i].is_punct


def chosen_by_setting(
    doc: Doc, i: int, sent_start: int, nouns: frozenset[str], participles: frozenset[str]
) -> bool:
    """Whether the value at token ``i`` is what a setting noun was chosen to give: a setting
    noun (``nouns``: threshold, cut-off) at most four tokens before it, a participle right
    after the noun (``participles`` or a word in "-ing"), nothing but words between ("At a
    threshold yielding 80% sensitivity", "thresholds set to reach 90% sensitivity"). The
    value is a setting, not a result (GUIDELINES: only scores); "the threshold, the model
    reached 90%" (a comma) and "a threshold of 0.4 gave 90%" (a number) are not.

    >>> import spacy
    >>> d = spacy.blank("en")(
    ...     "a threshold yielding 80 , cutoffs set to reach 90 , threshold , it reached 70")
    >>> nouns, parts = frozenset({"threshold", "cutoffs"}), frozenset({"set"})
    >>> [chosen_by_setting(d, i, 0, nouns, parts) for i in (3, 9, 15)]
    [True, True, False]
    >>> d = spacy.blank("en")("a cut-off giving 95")
    >>> chosen_by_setting(d, 5, 0, frozenset({"cut-off"}), parts)
    True
    """
    for j in range(max(sent_start, i - 4), i - 1):
        # a hyphenated noun may come in three tokens ("cut - off")
        glued = doc[j - 2 : j + 1].text.lower() if j >= 2 and doc[j - 1].text == "-" else ""
        if doc[j].lower_ not in nouns and glued not in nouns:
            continue
        nxt = doc[j + 1].lower_
        words = doc[j + 1 : i]
        if (nxt in participles or (nxt.endswith("ing") and len(nxt) > 4)) and all(
            t.is_alpha for t in words
        ):
            return True
    return False


def is_bound_after(doc: Doc, metric: Span, cues: ResultCues) -> bool:
    """Whether a comparison word and a number follow the metric span: "measured as IoU above
    0.5", "Dice over 0.9 in 80% of cases" (``bound_before``; issue 15, item 5). The metric
    names a bound, not the score of the sentence's value.

    >>> import spacy
    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), bound_before=frozenset({"above", "over"}))
    >>> d = spacy.blank("en")("IoU above 0.5 ; Dice of 0.9 ; Dice above the baseline ; F1 above")
    >>> [is_bound_after(d, d[i : i + 1], cues) for i in (0, 4, 8, 13)]
    [True, False, False, False]
    """
    return (
        metric.end + 1 < len(doc)
        and doc[metric.end].lower_ in cues.bound_before
        and doc[metric.end + 1].like_num
    )


def heads_a_setting(doc: Doc, metric: Span, setting_nouns: frozenset[str]) -> bool:
    """Whether a metric span modifies a setting noun right after it (``setting_nouns``): "at
    an IoU threshold of 0.5", "a Dice cut-off of 0.7" (branch results17). The metric names
    what the threshold is set on, not a score of the sentence, and the scores after it are
    another metric's ("mAP at an IoU threshold of 0.5 (mAP50) of 0.68"); "an IoU of 0.5" is
    a score.

    >>> import spacy
    >>> d = spacy.blank("en")("an IoU threshold of 0.5 , an IoU of 0.5")
    >>> [heads_a_setting(d, d[i : i + 1], frozenset({"threshold"})) for i in (1, 7)]
    [True, False]
    """
    if metric.end >= len(doc):
        return False
    word = doc[metric.end].lower_
    if word not in setting_nouns and metric.end + 2 < len(doc) and doc[metric.end + 1].text == "-":
        word = doc[metric.end : metric.end + 3].text.lower()  # "cut - off"
    return word in setting_nouns


def sets_for_another(
    doc: Doc, metric: Span, in_sentence: Sequence[Span], setting_nouns: frozenset[str]
) -> bool:
    """Whether a metric span heading a setting noun (:func:`heads_a_setting`) is a condition
    the sentence's scores are read at: only when another metric of the sentence heads none,
    whose scores they are ("the mAP at an IoU threshold of 0.5 was 0.68"). A sentence's only
    metric keeps its scores: "An AUC cutoff of 0.7 was deemed acceptable; ours reached 0.83"
    is an AUC of 0.83 (the cutoff's own value is a setting, :func:`names_a_setting`; branch
    review17c).

    >>> import spacy
    >>> d = spacy.blank("en")("the mAP at an IoU threshold of 0.5 was 0.68")
    >>> sets_for_another(d, d[4:5], [d[1:2], d[4:5]], frozenset({"threshold"}))
    True
    >>> sets_for_another(d, d[4:5], [d[4:5]], frozenset({"threshold"}))
    False
    """
    return heads_a_setting(doc, metric, setting_nouns) and any(
        other.start != metric.start and not heads_a_setting(doc, other, setting_nouns)
        for other in in_sentence
    )


def is_bound_condition(doc: Doc, metric: Span, cues: ResultCues) -> bool:
    """Whether a metric span stands right after a comparison word
    (``bound_before``; an indefinite article may stand between): "none exceeds an AUROC of
    0.70", "all stay above a Dice of 0.8" (issue 15, item 5). The value is a bound the text
    compares against, not a score; "exceeds the baseline, with an AUROC of 0.91" is a score.

    >>> import spacy
    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), bound_before=frozenset({"exceeds", "above"}))
    >>> d = spacy.blank("en")("none exceeds an AUROC of 0.70 ; above Dice 0.8 ; with an F1 of 0.9")
    >>> [is_bound_condition(d, d[i : i + 1], cues) for i in (3, 8, 14)]
    [True, True, False]
    """
    i = metric.start - 1
    if i >= 0 and doc[i].lower_ in {"a", "an"}:
        i -= 1
    return i >= 0 and doc[i].lower_ in cues.bound_before


def _value_token(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return None if span is None else span.start


def bound_to_metric(doc: Doc, metrics: Sequence[Span], start: int, end: int) -> bool:
    """Whether the value at characters ``start..end`` is bound to a metric written right
    before it ("MAE: 4.1", "HD95 of 3.2", "accuracy 0.91"; see :func:`binds`).

    >>> import spacy
    >>> d = spacy.blank("en")("MAE : 4.1 years at age 64.2 years")
    >>> bound_to_metric(d, [d[0:1]], 6, 9), bound_to_metric(d, [d[0:1]], 23, 27)
    (True, False)
    """
    vstart = _value_token(doc, start, end)
    if vstart is None:
        return False
    return any(m.end <= vstart and binds(doc, m.end, vstart) for m in metrics)


#: head nouns that, after a modifier of their own, name a measure: "a ranking score of 0.78"
_OWN_MEASURE_HEADS = wordlist("results_wordlists", "own_measure_heads")
#: words before such a head that name no measure: "the best score of 0.91"
_PLAIN_MODIFIERS = wordlist("results_wordlists", "plain_modifiers")
#: words between a measure head and its value: "rating of 4.2", "rating (4.2)", "rate was 3%"
_HEAD_LINKS = frozenset({"of", "(", ":", "=", "was", "is", "were", "are"})


def valued_before(doc: Doc, i: int) -> bool:
    """Whether the noun phrase whose first word is token ``i`` has its value right before it,
    maybe with a percent sign: "at a fixed 10% review rate was 72.4%" (branch results17).
    Such a measure is held at that value, an operating point, and the value after the copula
    is another metric's score; "the review rate was 12%" has none.

    The phrase may start one lower-case word earlier ("at a fixed 5% false alarm rate was
    64.3%": the value is before "false"; branch review17c).

    >>> import spacy
    >>> d = spacy.blank("en")("at a 10 % review rate , the review rate , at 0.2 review rate")
    >>> [valued_before(d, i) for i in (4, 9, 13)]
    [True, False, True]
    >>> d = spacy.blank("en")("at a 5 % false alarm rate , the false alarm rate")
    >>> [valued_before(d, i) for i in (5, 10)]
    [True, False]
    """
    return number_right_before(doc, i) or (
        i >= 1 and doc[i - 1].is_alpha and doc[i - 1].is_lower and number_right_before(doc, i - 1)
    )


def number_right_before(doc: Doc, i: int) -> bool:
    """Whether a number, maybe with a percent sign, stands right before token ``i``.

    >>> import spacy
    >>> d = spacy.blank("en")("at 5 % review , 0.2 rate , the rate")
    >>> [number_right_before(d, i) for i in (3, 6, 9)]
    [True, True, False]
    """
    j = i - 1
    if j >= 0 and doc[j].text in {"%", "\\%"}:
        j -= 1
    return j >= 0 and doc[j].like_num


def scored_by_unnamed_measure(
    doc: Doc, start: int, end: int, metrics: Sequence[Span], names: Sequence[Span] = ()
) -> bool:
    """Whether the value at characters ``start..end`` is the score of a measure that no metric
    span covers: a head noun (``own_measure_heads``) after a modifier of its own, right before
    the value or linked to it by "of", a bracket, a copula or "<verb> to" ("a ranking score of
    0.780", "the highest completeness rating (4.2)", "its hallucinated-claim rate falls to
    6.9%"). Such a value is no score of another metric of the sentence. A head that extends a
    metric ("a Dice coefficient of 0.8", "an accuracy rate of 90%") or has a plain modifier
    only ("the best score of 0.91", list ``plain_modifiers``) names no measure of its own.

    >>> import spacy
    >>> d = spacy.blank("en")("an AUC of 0.88 and a ranking score of 0.78 ; the best score of 0.9")
    >>> [scored_by_unnamed_measure(d, d.text.index(v), d.text.index(v) + 4, [d[1:2]])
    ...  for v in ("0.88", "0.78", "0.9")]
    [False, True, False]
    >>> d = spacy.blank("en")("its error rate falls to 6.9% and an AUC rate of 0.9")
    >>> [scored_by_unnamed_measure(d, d.text.index(v), d.text.index(v) + 3, [d[9:10]])
    ...  for v in ("6.9", "0.9")]
    [True, False]
    >>> d = spacy.blank("en")("Meditron-70B scores 41.2%")
    >>> scored_by_unnamed_measure(d, 20, 24, [])
    False

    A head inside a name (``names``: a clinical score the names stage read as a model, its
    span taking the head) is that model's, and the value its score (review15b: "higher than
    the qSOFA score (0.70)" lost 0.70).

    >>> d = spacy.blank("en")("higher than the qSOFA score ( 0.70 )")
    >>> k = d.text.index("0.70")
    >>> scored_by_unnamed_measure(d, k, k + 4, []), scored_by_unnamed_measure(d, k, k + 4, [],
    ...     [d[3:5]])
    (True, False)
    """
    i = _value_token(doc, start, end)
    if i is None or i < 2:
        return False
    j = i - 1
    if doc[j].lower_ in _HEAD_LINKS:
        j -= 1
    elif doc[j].lower_ == "to" and j >= 2 and doc[j - 1].is_alpha:
        j -= 2  # "rate falls to 6.9%"
    else:
        return False  # "X scores 41.2%": a head right before a value is a verb
    if j < 1 or doc[j].lower_ not in _OWN_MEASURE_HEADS:
        return False
    if any(n.start <= j < n.end for n in names):
        return False
    modifier = doc[j - 1]
    in_metric = any(m.start <= k < m.end for m in metrics for k in (j - 1, j))
    return (
        not in_metric
        and not valued_before(doc, j - 1)
        and any(c.isalpha() for c in modifier.text)
        and modifier.lower_ not in _PLAIN_MODIFIERS
        and modifier.lower_ != "'s"
    )


def changed_by_verb(
    doc: Doc, metrics: Sequence[Span], start: int, end: int, cues: ResultCues
) -> bool:
    """Whether the value at characters ``start..end`` is how much a change verb moved the
    metric right before it: "improves accuracy up to 6.7%", "boosts F1 nearly 3%" (a hedge may
    stand between; issue 15, item 5). "improves accuracy to 86.1%" states the score reached.

    >>> import spacy
    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), hedges=(("up", "to"),), change_verbs=frozenset({"improves"}))
    >>> d = spacy.blank("en")("It improves accuracy up to 6.7% and accuracy to 8.1%")
    >>> changed_by_verb(d, [d[2:3]], 27, 31, cues), changed_by_verb(d, [d[7:8]], 47, 51, cues)
    (True, False)
    """
    vstart = _value_token(doc, start, end)
    if vstart is None:
        return False
    for m in metrics:
        if m.end > vstart or m.start == 0 or doc[m.start - 1].lower_ not in cues.change_verbs:
            continue
        words = [m[-1].lower_] + [t.lower_ for t in doc[m.end : vstart]]
        if len(strip_hedges(words, cues.hedges)) == 1:
            return True
    return False


def is_decrease(match: re.Match[str], text: str, cues: ResultCues) -> bool:
    """Whether the value is a drop or degradation (reported by no score of the paper's own).

    The level a drop reaches is a score ("drops to 0.861", "declined from 0.90 to 0.84":
    guidelines, results: in "from X to Y" the result is Y); how far it drops is not ("drops
    by 3%", "a decline of up to 12%", "dropped 4 points to 0.81" keeps only 0.81).

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset({"drops", "decline"}),
    ...     frozenset(), frozenset(), frozenset(), hedges=(("up", "to"),))
    >>> [is_decrease(VALUE_RE.search(t), t, cues) for t in ("AUC drops to 0.86",
    ...  "AUC drops by 3%", "a decline of up to 12%", "AUC of 0.86")]
    [False, True, True, False]
    """
    before = _words_before(text, match.start(), 4)
    if strip_hedges(before, cues.hedges)[-1:] == ["to"]:
        return False
    return any(w in cues.decrease_before for w in before)


def scored_in_points(
    doc: Doc, metrics: Sequence[Span], match: re.Match[str], text: str, cues: ResultCues
) -> bool:
    """Whether a value in points ("5.1 percentage points") is a score measured in that unit,
    not a change: a metric binds it ("a mean absolute error (MAE) of 5.1 percentage points",
    :func:`bound_to_metric`), it has no sign and no change word follows it. "improves F1 by
    3 points" and "3 points higher" stay changes.

    >>> import spacy
    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset({"points"}),
    ...     frozenset(), frozenset(), improvement_after=frozenset({"higher"}))
    >>> d = spacy.blank("en")("MAE of 5.1 points ; F1 by 3 points ; F1 of 2 points higher")
    >>> m = [d[0:1], d[5:6], d[10:11]]
    >>> [scored_in_points(d, m, VALUE_RE.search(d.text, d[i].idx), d.text, cues)
    ...  for i in (2, 7, 12)]
    [True, False, False]
    """
    unit = (match.group("unit") or "").strip().lower()
    if not unit or unit.split()[-1] not in cues.improvement_units or match.group("sign"):
        return False
    if change_noun_after(text, match.end(), cues):
        return False
    return bound_to_metric(doc, metrics, match.start(), match.end())


#: nouns after a metric that make it measure a difference between two scores ("the AUROC
#: gap between the groups"): see :func:`measures_a_gap`
_GAP_NOUNS = wordlist("results_wordlists", "gap_nouns")


def measures_a_gap(doc: Doc, metrics: Sequence[Span], start: int, end: int) -> bool:
    """Whether the value at characters ``start..end`` follows, as its nearest metric, one
    that a gap noun follows ("reduced the AUROC gap between the groups from 0.12 to 0.04",
    "a Dice disparity of 0.08"): a difference between two scores, not a score. A value in
    brackets right after another word is the score of what that word names ("the AUC
    difference between GPT-4 (0.91) and Gemini (0.89)": the two scores compared).

    >>> import spacy
    >>> d = spacy.blank("en")("the AUC gap fell from 0.12 to 0.04 , and the AUC reached 0.9")
    >>> m = [d[1:2], d[11:12]]
    >>> [measures_a_gap(d, m, d[i].idx, d[i].idx + len(d[i])) for i in (6, 13)]
    [True, False]
    >>> d = spacy.blank("en")("the AUC gap ( 0.04 ) between A ( 0.91 ) and B ( 0.87 )")
    >>> [measures_a_gap(d, [d[1:2]], d[i].idx, d[i].idx + len(d[i])) for i in (4, 9, 14)]
    [True, False, False]
    """
    vstart = _value_token(doc, start, end)
    if vstart is None:
        return False
    if vstart >= 2 and doc[vstart - 1].text == "(" and doc[vstart - 2].lower_ not in _GAP_NOUNS:
        return False
    before = [m for m in metrics if m.end <= vstart]
    if not before:
        return False
    nearest = max(before, key=lambda m: m.end)
    return nearest.end < len(doc) and doc[nearest.end].lower_ in _GAP_NOUNS


#: comparatives that, right before a metric, qualify the level its value states ("a lower
#: ROUGE-L (24.3)"): see :func:`compared_level`
_LEVEL_COMPARATIVES = wordlist("results_wordlists", "level_comparatives")


def compared_level(doc: Doc, metrics: Sequence[Span], start: int, end: int) -> bool:
    """Whether the value at characters ``start..end`` is bound to a metric that a comparative
    qualifies ("a lower ROUGE-L (24.3)", "a worse Dice of 0.71"): the value is the lower
    level reached, a score, not how far the metric dropped ("ROUGE-L was lower by 2.1").

    >>> import spacy
    >>> d = spacy.blank("en")("a lower ROUGE ( 24.3 ) ; AUC lower by 2.1 ; lower , AUC of 0.8")
    >>> m = [d[2:3], d[7:8], d[14:15]]
    >>> [compared_level(d, m, d[i].idx, d[i].idx + len(d[i])) for i in (4, 10, 16)]
    [True, False, False]
    """
    vstart = _value_token(doc, start, end)
    if vstart is None:
        return False
    for m in metrics:
        if m.end > vstart or not binds(doc, m.end, vstart):
            continue
        if m.start >= 1 and doc[m.start - 1].lower_ in _LEVEL_COMPARATIVES:
            return True
    return False


#: words between metrics (or names) of one list: "precision, recall and F1", "P/R", "the F1
#: and the AUC", a table header in the text ("Model | Sensitivity | Specificity"), "A and
#: our B" (issue 15, item 5)
_METRIC_JOINERS = wordlist("results_wordlists", "metric_joiners")


def repeats_modifier(doc: Doc, first_start: int, prev_end: int, start: int) -> bool:
    """Whether the tokens between two metrics (``prev_end`` to ``start``) are list joiners
    and the word that also stands right before the list's first metric (at ``first_start``):
    "citation precision and citation recall", "lesion-level sensitivity and lesion-level
    specificity" list two metrics with one modifier repeated.

    >>> import spacy
    >>> d = spacy.blank("en")("citation precision and citation recall ; precision and test recall")
    >>> repeats_modifier(d, 1, 2, 4), repeats_modifier(d, 6, 7, 9)
    (True, False)
    """
    between = [t.lower_ for t in doc[prev_end:start]]
    k = 0
    while k < len(between) and between[k] in _METRIC_JOINERS:
        k += 1
    tail = between[k:]
    if not 0 < k <= 2 or not 0 < len(tail) <= 3 or first_start < len(tail):
        return False
    before_first = [t.lower_ for t in doc[first_start - len(tail) : first_start]]
    return before_first == tail and any(c.isalpha() for w in tail for c in w)


def past_part_words(between: Span, parts: frozenset[str]) -> Span:
    """The words between two names of a list after the words right after the first that
    name a part of it ("MedQA test split, MedMCQA and PubMedQA": the list goes on past
    "test split"; word list ``dataset_part_words``; branch ties17b).

    >>> import spacy
    >>> d = spacy.blank("en")("A test split , B")
    >>> past_part_words(d[1:4], frozenset({"test", "split"})).text
    ','
    >>> past_part_words(d[1:4], frozenset()).text
    'test split ,'
    """
    i = between.start
    while i < between.end and between.doc[i].lower_ in parts:
        i += 1
    return between.doc[i : between.end]


def _metric_groups(
    metrics: Sequence[Span], parts: frozenset[str] = frozenset()
) -> list[list[Span]]:
    """Group metric spans that form a list ("precision, recall, and F1 score", "P/R/F1");
    with ``parts``, names whose list a part word interrupts ("A test split, B and C",
    :func:`past_part_words`; only dataset and model names, never metrics)."""
    groups: list[list[Span]] = []
    for span in metrics:
        if groups:
            prev = groups[-1][-1]
            between = past_part_words(span.doc[prev.end : span.start], parts)
            # "F1 and the AUC": a determiner may open the next metric (issue 15, item 5)
            if all(t.lower_ in _METRIC_JOINERS for t in between) and len(between) <= 2:
                groups[-1].append(span)
                continue
            if repeats_modifier(span.doc, groups[-1][0].start, prev.end, span.start):
                groups[-1].append(span)  # "citation precision and citation recall"
                continue
        groups.append([span])
    return groups


def _value_groups(
    values: Sequence[tuple[re.Match[str], int, int]],
    text: str,
    *,
    joiners: bool = False,
    units: frozenset[str] = frozenset(),
) -> list[list[int]]:
    """Group value indices that form a list ("98.4, 97.0, and 97.7"); with ``joiners``, also
    ranges ("from 2% to 5%"); a measure unit (``units``) may follow a listed value ("58.9 HU
    and 0.87")."""
    groups: list[list[int]] = []
    ranges = r"|to|-|–" if joiners else ""
    pattern = r"\s*(?:\([^)]*\)\s*)?(?:,|and|, and|;|/|\|" + ranges + r")?\s*"
    for i, (_m, start, _end) in enumerate(values):
        if groups:
            prev_end = values[groups[-1][-1]][2]
            between = text[prev_end:start]
            unit = re.match(r"\s*([^\W\d]+)\b", between)
            if unit is not None and unit.group(1).lower() in units:
                between = between[unit.end() :]
            if re.fullmatch(pattern, between):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def assign_metrics(
    sent: Span,
    metrics: Sequence[Span],
    values: Sequence[tuple[re.Match[str], int, int]],
    cues: ResultCues,
    text: str,
    names: frozenset[int] = frozenset(),
    implied: Mapping[int, Span] | None = None,
) -> dict[int, Span]:
    """Map each value (by index) to the metric span it scores, within one sentence.

    Lists aligned with "respectively" (or of equal length) are zipped; otherwise a value takes
    the metric written right after it ("0.868 accuracy") or the nearest one before it.
    ``names`` are the token indices of model and dataset names ("(X: 73.9%)" names no
    measure of its own). ``implied`` maps values to the metric their wording implies (see
    :func:`implied_metric_keys`): they take it as if bound to it.
    """
    doc = sent.doc
    out: dict[int, Span] = {}
    foreign: set[int] = set()  # values that measure a word no metric span covers
    followed: set[int] = set()  # values that took the metric written right after them
    bound: set[int] = set()  # values tied to the metric written right before them
    nearest: set[int] = set()  # values that only took the nearest metric before them
    zipped: set[int] = set()  # values zipped with a list of metrics
    if not metrics or not values:
        return out
    mgroups = [g for g in _metric_groups(metrics) if len(g) > 1]
    vgroups = [g for g in _value_groups(values, text, units=cues.measure_units) if len(g) > 1]
    for vg in vgroups:
        for mg in mgroups:
            if len(mg) == len(vg):
                reach = (
                    110 if "respectively" in text[sent.start_char : sent.end_char].lower() else 60
                )
                close = (
                    abs(values[vg[0]][1] - mg[-1].end_char) < reach
                    or abs(mg[0].start_char - values[vg[-1]][2]) < 40
                    or first_list_after(
                        mg[-1].end_char,
                        [(s, e) for _m, s, e in values],
                        vg,
                        [(m.start_char, m.end_char) for m in metrics],
                    )
                )
                if close:
                    for vi, span in zip(vg, mg, strict=False):
                        out[vi] = span
                    zipped.update(vg)
                    break
    for i, (_m, start, end) in enumerate(values):
        if i in out:
            continue
        if implied and i in implied:
            out[i] = implied[i]
            bound.add(i)
            continue
        vtok = doc.char_span(start, end, alignment_mode="expand")
        if vtok is None:
            continue
        preceding = [
            m for m in metrics if m.end <= vtok.start and vtok.start - m.end <= cues.max_metric_gap
        ]
        if preceding and binds(doc, preceding[-1].end, vtok.start):
            # "AUC of 0.91 and F1 of 0.85": 0.91 is the AUC, not the F1 written after it
            out[i] = preceding[-1]
            bound.add(i)
            continue
        following = [m for m in metrics if 0 <= m.start - vtok.end <= cues.max_following_gap]
        following = [
            m
            for m in following
            if (
                not any(
                    (t.is_punct and t.text not in {"-"}) or t.like_num
                    for t in doc[vtok.end : m.start]
                )
                or names_in_brackets(doc, vtok.end, m)
            )
            and not binds_value(doc, m.end)
            and not coordinated_before(doc, vtok.end, m.start)
        ]
        if following:
            out[i] = following[0]
            followed.add(i)
            continue
        next_start = values[i + 1][1] if i + 1 < len(values) else len(text)
        bracketed = bracketed_metric_after(doc, vtok.end, metrics, next_start)
        if bracketed is not None:
            out[i] = bracketed  # "mentions 64% of the statements (recall)"
            followed.add(i)
            continue
        before = [m for m in metrics if m.end <= vtok.start]
        if before and names_own_share([t.lower_ for t in doc[before[-1].end : vtok.start]], cues):
            foreign.add(i)  # "..., and the share of flagged answers fell to 3.1%"
            continue
        if preceding and (
            measures_another(
                doc,
                preceding[-1].end,
                vtok.start,
                PLACE_LINKS,
                names,
                cues.measure_heads,
                cues.system_nouns,
            )
            or words_after_value(text, end, 1)[:1] in ([w] for w in cues.measure_heads)
        ):
            foreign.add(i)  # "99.4% accuracy and 0.31 error": the error is no accuracy
        elif preceding:
            out[i] = (
                preceding[-1]
                if parallel_brackets(doc, preceding[-1], vtok, names)
                else nearest_outside_aside(doc, metrics, preceding[-1], vtok.start)
            )
            nearest.add(i)
    forms = [value_form(m) for m, _s, _e in values]
    # a value before its metric states it as well: "89.6% accuracy and an F1 of 0.894,
    # against 83.3% for X" (branch results17)
    out = prefer_same_form(forms, out, bound | followed, nearest)
    out = echo_metric_sequence(vgroups, out, bound | followed | zipped, nearest, foreign, followed)
    foreign |= echoed_foreign(vgroups, bound | followed, foreign)
    listed = vgroups + place_list_groups([(st, en) for _m, st, en in values], text, cues)
    listed = [g for g in listed if not foreign.intersection(g)]
    percent = ["%" in (m.group("unit") or "") for m, _s, _e in values]
    mixed = frozenset(i for g in listed for i in g[:-1] if percent[i] != percent[g[-1]])
    out = share_following_metric(listed, out, followed, mixed, frozenset(nearest))
    out = share_first_metric(listed, out)
    carried = carry_single_metric(metrics, values, out, opens_sentence(sent, metrics))
    carried = carry_parallel_clauses(metrics, [(s, e) for _m, s, e in values], carried, text)
    carried = carry_compared_values(metrics, [(s, e) for _m, s, e in values], forms, carried, text)
    return {i: span for i, span in carried.items() if i not in foreign}


#: most characters between a value list and a metric written after it that still qualify
#: the list ("0.87 and 0.82 in F1"): such a list is that metric's, not the earlier list's
_FOLLOWING_METRIC_REACH = 16


def first_list_after(
    metrics_end: int,
    values: Sequence[tuple[int, int]],
    group: Sequence[int],
    metrics: Sequence[tuple[int, int]],
) -> bool:
    """Whether a list of values (``group``: indices into ``values``, character spans) is the
    first thing scored after a list of metrics ending at character ``metrics_end``, however
    far: no value and no other metric stands between them, none inside the list, and no
    metric follows it at once. The list then gives the metrics' scores in order: "citation
    precision and citation recall, judged by two physicians on a sample; X reached 0.87 and
    0.82" (branch results16). A value before the list ("... on a 5-point scale; X reached
    0.87 and 0.82") or a metric right after it ("0.87 and 0.82 F1") breaks the pairing.

    >>> first_list_after(10, [(60, 64), (69, 73)], [0, 1], [(0, 10)])
    True
    >>> first_list_after(10, [(30, 31), (60, 64), (69, 73)], [1, 2], [(0, 10)])
    False
    >>> first_list_after(10, [(60, 64), (69, 73)], [0, 1], [(0, 10), (74, 76)])
    False
    """
    first, last = values[group[0]][0], values[group[-1]][1]
    if any(metrics_end <= end <= first for _start, end in values):
        return False
    return not any(
        metrics_end <= start <= last + _FOLLOWING_METRIC_REACH for start, _end in metrics
    )


#: words that join a new clause or list item after a value: "and", "but", "while"
_COORDINATORS = wordlist("results_wordlists", "coordinators")


def coordinated_before(doc: Doc, value_end: int, metric_start: int) -> bool:
    """Whether a coordinator (list ``coordinators``) stands between a value (ending at token
    ``value_end``) and a metric written after it: the metric then opens the next clause or
    list item and the value belongs to what came before ("raised the F1 from 0.61 to 0.72 and
    the AUC from 0.70 to 0.81", "chrF rose to 55.8 for Swahili and BLEU to 24.6": 0.72 is no
    AUC, 55.8 no BLEU). A value right before its metric ("0.72 AUC") or with other words
    between ("0.72 in terms of AUC") is not coordinated away.

    >>> import spacy
    >>> d = spacy.blank("en")("to 0.72 and the AUC ; 0.72 in AUC ; 0.72 for X , but AUC")
    >>> coordinated_before(d, 2, 4), coordinated_before(d, 7, 8), coordinated_before(d, 11, 15)
    (True, False, True)
    """
    return any(t.lower_ in _COORDINATORS for t in doc[value_end:metric_start])


def names_own_share(gap: Sequence[str], cues: ResultCues) -> bool:
    """Whether the words between a metric and a later value (lower case) open, after a comma
    or semicolon, a clause about a share of its own ("the share of answers flagged as harmful
    fell to 3.1%": ``share_nouns``): the value is that share, not the metric's score.

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), share_nouns=frozenset({"share", "proportion"}))
    >>> [names_own_share(g.split(), cues) for g in (", and the share of scans fell to",
    ...  "; the proportion of flags was", "of", "( share of ) , rising to")]
    [True, True, False, False]
    """
    cut = max((i for i, w in enumerate(gap) if w in {",", ";"}), default=-1)
    if cut < 0:
        return False
    rest = gap[cut + 1 :]
    return any(w in cues.share_nouns and rest[j + 1 : j + 2] == ["of"] for j, w in enumerate(rest))


def parallel_brackets(doc: Doc, metric: Span, value: Span, names: frozenset[int]) -> bool:
    """Whether a value alone in brackets after a name follows a bracket after another name
    that holds ``metric`` ("surpassing X (59.8 micro-F1) and Y (58.4)"): the two brackets
    list scores of one measure, so the value takes the metric of the first, not a metric
    before it (see :func:`in_closed_bracket`). ``names``: token indices of model and dataset
    names.

    >>> import spacy
    >>> d = spacy.blank("en")("P@8 of 77 , beating X ( 59.8 F1 ) and Y ( 58.4 )")
    >>> parallel_brackets(d, d[8:9], d[13:14], frozenset({5, 11}))
    True
    >>> parallel_brackets(d, d[8:9], d[13:14], frozenset({11}))
    False
    """
    if not (
        value.start >= 2
        and doc[value.start - 1].text == "("
        and value.end < len(doc)
        and doc[value.end].text == ")"
        and value.start - 2 in names
    ):
        return False
    opener = next(
        (
            t.i
            for t in reversed(doc[max(0, metric.start - _ASIDE_REACH) : metric.start])
            if t.text == "("
        ),
        None,
    )
    return opener is not None and opener >= 1 and opener - 1 in names


#: how many tokens before a metric an opening bracket of its aside may stand
_ASIDE_REACH = 12


def in_closed_bracket(doc: Doc, metric: Span, before: int) -> bool:
    """Whether ``metric`` sits in a bracket that closes before token ``before``: an aside
    ("an F1 of 0.84 (precision 0.85, recall 0.83), while X reached 0.61"), whose metrics are
    not the ones a value after the bracket takes when a metric outside it came first.

    >>> import spacy
    >>> d = spacy.blank("en")("F1 of 0.84 ( precision 0.85 , recall 0.83 ) , X reached 0.61")
    >>> in_closed_bracket(d, d[8:9], 14), in_closed_bracket(d, d[0:1], 14)
    (True, False)
    >>> d = spacy.blank("en")("F1 ( recall 0.83 , X 0.61")
    >>> in_closed_bracket(d, d[2:3], 6)
    False
    """
    words = token_texts(doc)  # no Token objects: this runs for most values (speed)
    closing = _CLOSERS.values()
    opened = False
    for k in range(metric.start - 1, max(0, metric.start - _ASIDE_REACH) - 1, -1):
        if words[k] in closing:
            break
        if words[k] in _CLOSERS:
            opened = True
            break
    return opened and any(words[k] in closing for k in range(metric.end, before))


def nearest_outside_aside(doc: Doc, metrics: Sequence[Span], nearest: Span, before: int) -> Span:
    """The metric a value at token ``before`` takes from the metrics before it: the
    ``nearest`` one, unless that sits in a bracketed aside closed before the value
    (:func:`in_closed_bracket`); then the last metric before the value outside any such aside,
    when there is one.

    >>> import spacy
    >>> d = spacy.blank("en")("F1 of 0.84 ( precision 0.85 , recall 0.83 ) , X reached 0.61")
    >>> nearest_outside_aside(d, [d[0:1], d[4:5], d[7:8]], d[7:8], 13).text
    'F1'
    >>> d = spacy.blank("en")("precision of 0.80 and recall of 0.75 , X reached 0.58")
    >>> nearest_outside_aside(d, [d[0:1], d[4:5]], d[4:5], 11).text
    'recall'
    """
    if not in_closed_bracket(doc, nearest, before):
        return nearest
    outside = [m for m in metrics if m.end <= before and not in_closed_bracket(doc, m, before)]
    return outside[-1] if outside else nearest


def value_form(match: re.Match[str]) -> str:
    """How a value is written: "fraction" (at most 1, no percent sign: "0.901") or "whole"
    (a percentage or a number above 1: "84.10%", "87.5").

    >>> [value_form(VALUE_RE.search(t)) for t in ("0.901", "84.10\\%", "87.5", "1")]
    ['fraction', 'whole', 'whole', 'fraction']
    """
    unit = match.group("unit") or ""
    value = parse_value(match.group("num"))
    if "%" in unit or "percent" in unit or value is None or value > 1:
        return "whole"
    return "fraction"


def prefer_same_form(
    forms: Sequence[str],
    assigned: dict[int, Any],
    bound: set[int],
    nearest: set[int],
) -> dict[int, Any]:
    """A value that only took the nearest metric before it takes instead the one earlier
    metric of the sentence whose bound value is written the same way, when the nearest one's
    is not: "an accuracy of 87.5% and a kappa of 0.90, against 84.1% for X" gives 84.1% to
    accuracy (issue 15, item 5: a value tied to the wrong metric of its sentence). ``forms``
    are :func:`value_form` of each value; ``bound`` the values bound to their metric
    (written after it, or before it as in "89.6% accuracy": the caller, branch results17),
    ``nearest`` those that only took the nearest one (``assigned`` maps values to metrics).

    >>> f = ["whole", "fraction", "whole"]
    >>> prefer_same_form(f, {0: "acc", 1: "kappa", 2: "kappa"}, {0, 1}, {2})
    {0: 'acc', 1: 'kappa', 2: 'acc'}
    >>> prefer_same_form(["whole", "whole", "whole"], {0: "acc", 1: "f1", 2: "f1"}, {0, 1}, {2})
    {0: 'acc', 1: 'f1', 2: 'f1'}
    >>> prefer_same_form(f, {0: "acc", 1: "kappa", 2: "kappa"}, {0, 1}, set())[2]
    'kappa'
    """
    out = dict(assigned)
    for i in sorted(nearest):
        earlier = [j for j in sorted(bound) if j < i and j in assigned]
        if not earlier or forms[earlier[-1]] == forms[i]:
            continue
        same = {_metric_id(assigned[j]): assigned[j] for j in earlier if forms[j] == forms[i]}
        if len(same) == 1:
            out[i] = next(iter(same.values()))
    return out


def bracketed_metric_after(
    doc: Doc, value_end: int, metrics: Sequence[Span], next_start: int, *, reach: int = 10
) -> Span | None:
    """The metric standing alone in brackets after the value ending at token ``value_end``,
    within ``reach`` tokens and before the next value (at character ``next_start``): "mentions
    only 64% of the reasoning statements (recall)" (issue 15, item 5: a value tied to the
    wrong metric of its sentence). "(F1 0.85)" is a metric with a value of its own.

    >>> import spacy
    >>> d = spacy.blank("en")("it has 64 % of the items ( recall ) and ( F1 0.8 )")
    >>> bracketed_metric_after(d, 4, [d[8:9], d[12:13]], 99).text
    'recall'
    >>> bracketed_metric_after(d, 4, [d[12:13]], 99), bracketed_metric_after(d, 4, [d[8:9]], 20)
    (None, None)
    >>> bracketed_metric_after(d, 4, [d[8:9]], 99, reach=3) is None
    True

    A bracket that abbreviates the metric written right before it ("a structural similarity
    (SSIM)") is that metric's short form, not a name for the value before them.

    >>> d = spacy.blank("en")("7.8 for X , and a structural similarity ( SSIM ) of 0.3")
    >>> bracketed_metric_after(d, 1, [d[6:8], d[9:10]], 99) is None
    True
    """
    ends = frozenset(m.end for m in metrics)
    for m in metrics:
        if (
            m.start > value_end
            and m.start - value_end <= reach
            and m.start_char < next_start
            and doc[m.start - 1].text == "("
            and m.end < len(doc)
            and doc[m.end].text == ")"
            and m.start - 1 not in ends
        ):
            return m
    return None


def echo_metric_sequence(
    groups: Sequence[Sequence[int]],
    assigned: dict[int, Any],
    bound: set[int],
    nearest: set[int],
    foreign: set[int] | frozenset[int] = frozenset(),
    followed: set[int] | frozenset[int] = frozenset(),
) -> dict[int, Any]:
    """A list of values that no metric binds, right after as many values each bound to its
    own metric, takes those metrics in order: "an accuracy of 0.81 and an AUC of 0.90; a
    ResNet-50 achieves 0.74 and 0.85" (issue 15, item 5: value lists). ``groups`` are value
    lists (indices), ``bound`` the values bound to the metric before them, ``nearest`` those
    that only took the nearest metric before them (``assigned`` maps values to metrics).

    >>> echo_metric_sequence([[2, 3]], {0: "acc", 1: "auc", 2: "auc", 3: "auc"}, {0, 1}, {2, 3})
    {0: 'acc', 1: 'auc', 2: 'acc', 3: 'auc'}
    >>> echo_metric_sequence([[2, 3]], {0: "auc", 1: "auc", 2: "auc", 3: "auc"}, {0, 1}, {2, 3})
    {0: 'auc', 1: 'auc', 2: 'auc', 3: 'auc'}
    >>> echo_metric_sequence([[1, 2]], {0: "acc", 1: "acc", 2: "acc"}, {0}, {1, 2})
    {0: 'acc', 1: 'acc', 2: 'acc'}

    Two places of the sequence may hold one metric ("ROUGE-1 of 52.4, ROUGE-L of 47.9 and
    a BERTScore of 0.71, compared with 49.1, 44.0 and 0.69"), as long as it holds more than
    one.

    >>> echo_metric_sequence([[3, 4, 5]], {0: "r", 1: "r", 2: "b", 3: "b", 4: "b", 5: "b"},
    ...     {0, 1, 2}, {3, 4, 5})
    {0: 'r', 1: 'r', 2: 'b', 3: 'r', 4: 'r', 5: 'b'}

    A list right after an echoed list of its size echoes the same metrics: "... compared with
    0.74 and 0.85 for X and 0.70 and 0.81 for Y" (pairs per compared model).

    >>> echo_metric_sequence([[2, 3], [4, 5]], {0: "a", 1: "b", 2: "b", 3: "b", 4: "b", 5: "b"},
    ...     {0, 1}, {2, 3, 4, 5})
    {0: 'a', 1: 'b', 2: 'a', 3: 'b', 4: 'a', 5: 'b'}

    Values too far from any metric to take one echo them too.

    >>> echo_metric_sequence([[2, 3], [4, 5]], {0: "a", 1: "b", 2: "b", 3: "b"}, {0, 1}, {2, 3})
    {0: 'a', 1: 'b', 2: 'a', 3: 'b', 4: 'a', 5: 'b'}

    A value of the earlier sequence that scores a measure no metric span covers (``foreign``:
    "an F1 of 0.71, an AUC of 0.78 and a CCC of 0.46; X obtains 0.69, 0.76 and 0.43,
    respectively") leaves its place in the echo without a metric.

    >>> echo_metric_sequence([[3, 4, 5]], {0: "f1", 1: "auc", 3: "auc", 4: "auc", 5: "auc"},
    ...     {0, 1}, {3, 4, 5}, {2})
    {0: 'f1', 1: 'auc', 3: 'f1', 4: 'auc'}

    A value of the list that took the metric written right after it (``followed``) may
    stand in it when that metric is the one its place echoes ("a sensitivity of 71.8% with
    4.2 false alarms per day, against 58.3% and 11.6 false alarms per day").

    >>> echo_metric_sequence([[2, 3]], {0: "sens", 1: "fa", 2: "fa", 3: "fa"}, {0, 1}, {2},
    ...     followed={1, 3})
    {0: 'sens', 1: 'fa', 2: 'sens', 3: 'fa'}
    """
    out = dict(assigned)
    echoed: set[int] = set()
    for group in groups:
        size = len(group)
        earlier = list(range(group[0] - size, group[0]))
        scored = [i for i in earlier if i not in foreign]
        if (
            size < 2
            or len(scored) < 2
            # only the nearest metric before them, or none within reach (a long comparison:
            # "..., versus 0.86 and 0.04 for X and 0.87 and 0.02 for Y")
            or not all(i in nearest or i not in assigned or i in followed for i in group)
            # bound to their metrics, or a list that echoed them; also none before the
            # sentence's first value
            or not (all(i in bound for i in scored) or all(i in echoed for i in earlier))
        ):
            continue
        metrics = [out.get(i) for i in earlier]
        if any(
            i in followed and _metric_id(out[i]) != _metric_id(m)
            for i, m in zip(group, metrics, strict=True)
        ):
            continue  # a value took another metric written right after it
        if len({_metric_id(out[i]) for i in scored}) > 1:  # not "AUC of 0.9 and AUC of 0.8"
            for i, metric in zip(group, metrics, strict=True):
                if metric is None:
                    out.pop(i, None)
                else:
                    out[i] = metric
            echoed.update(group)
    return out


def echoed_foreign(groups: Sequence[Sequence[int]], bound: set[int], foreign: set[int]) -> set[int]:
    """The values of a list that echo, place by place, a value of the sequence right before it
    that scores a measure no metric span covers (see :func:`echo_metric_sequence`): they score
    that measure too, not the metric before them.

    >>> echoed_foreign([[3, 4, 5]], {0, 1}, {2}), echoed_foreign([[3, 4]], {0, 1}, {2})
    ({5}, set())
    """
    out: set[int] = set()
    for group in groups:
        earlier = list(range(group[0] - len(group), group[0]))
        scored = [i for i in earlier if i not in foreign]
        if len(group) < 2 or len(scored) < 2 or len(scored) == len(earlier):
            continue
        if all(i in bound or i in foreign for i in earlier):
            out.update(v for v, e in zip(group, earlier, strict=True) if e in foreign)
    return out


def _metric_id(metric: Any) -> str:
    return str(getattr(metric, "kb_id_", metric))


def place_list_groups(
    values: Sequence[tuple[int, int]], text: str, cues: ResultCues
) -> list[list[int]]:
    """Group values (by index) listed each with its place: "91.2% on A, 85.4% on B and 78.1%
    on C" (a dataset link and up to four words after each, then a comma or "and"; issue 15,
    item 5: value lists). Values are (start, end) character offsets; only lists of two
    values or more are returned.

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(),
    ...                   frozenset({"on", "for"}), frozenset())
    >>> t = "91.2% on MedQA, 85.4% on BraTS 2021 and 78.1% on MMLU; 5% of 3 cases, 4%"
    >>> v = [(t.index(x), t.index(x) + len(x)) for x in ("91.2%", "85.4%", "78.1%", "5%", "4%")]
    >>> place_list_groups(v, t, cues)
    [[0, 1, 2]]
    """
    groups: list[list[int]] = []
    current: list[int] = []
    for i in range(len(values)):
        if current and _joins_places(text[values[current[-1]][1] : values[i][0]], cues):
            current.append(i)
            continue
        if len(current) > 1:
            groups.append(current)
        current = [i]
    if len(current) > 1:
        groups.append(current)
    return groups


def _joins_places(between: str, cues: ResultCues) -> bool:
    """Whether the text between two values is "<link> <up to four words>, (and)"."""
    match = re.fullmatch(r"\s*(\w+)\s+([^,;.()]+?)\s*(?:,\s*and|,|and)\s*", between)
    if match is None or match.group(1).lower() not in cues.dataset_links:
        return False
    return len(match.group(2).split()) <= 4


def share_following_metric(
    groups: Sequence[Sequence[int]],
    assigned: dict[int, Span],
    followed: set[int],
    mixed: frozenset[int] = frozenset(),
    nearest: frozenset[int] = frozenset(),
) -> dict[int, Span]:
    """In a list of values whose last value takes the metric written right after it, the
    values before it that no rule tied take that metric too: "91.2%, 85.4% and 78.1% accuracy
    on A, B and C" (issue 15, item 5: value lists). ``groups`` are value lists (indices),
    ``followed`` the values tied to the metric after them. Returns ``assigned`` with those
    values added.

    >>> share_following_metric([[0, 1, 2]], {2: "acc"}, {2}), share_following_metric(
    ...     [[0, 1]], {0: "auc", 1: "f1"}, {1}), share_following_metric([[0, 1]], {1: "f1"}, set())
    ({2: 'acc', 0: 'acc', 1: 'acc'}, {0: 'auc', 1: 'f1'}, {1: 'f1'})

    A value written with a percent sign when the last is not, or the reverse (``mixed``:
    "58.3% and 11.6 false alarms per hour"), is no score of that measure.

    >>> share_following_metric([[0, 1]], {1: "fa"}, {1}, frozenset({0}))
    {1: 'fa'}

    A value that only took the nearest metric before it (``nearest``) takes the list's:
    "an F1 of 0.71, versus 0.91 and 0.88 accuracy for X".

    >>> share_following_metric([[1, 2]], {0: "f1", 1: "f1", 2: "acc"}, {2}, nearest=frozenset({1}))
    {0: 'f1', 1: 'acc', 2: 'acc'}
    """
    out = dict(assigned)
    for group in groups:
        last = group[-1]
        if last not in followed:
            continue
        for i in group[:-1]:
            if i in mixed:
                continue
            if i in nearest:
                out[i] = assigned[last]
            else:
                out.setdefault(i, assigned[last])
    return out


def share_first_metric(groups: Sequence[Sequence[int]], assigned: dict[int, Any]) -> dict[int, Any]:
    """In a list of values that opens with a value tied to a metric, the later values no
    rule tied (too far from the metric: "the highest Dice on the three sets: 0.87 on A,
    0.84 on B and 0.80 on C") take that metric, when every tied value of the list has it
    (issue 15, item 5: value lists). ``groups`` are value lists (indices). Returns
    ``assigned`` with those values added.

    >>> share_first_metric([[0, 1, 2]], {0: "dice", 1: "dice"})
    {0: 'dice', 1: 'dice', 2: 'dice'}
    >>> share_first_metric([[0, 1, 2]], {0: "dice", 1: "iou"})
    {0: 'dice', 1: 'iou'}
    >>> share_first_metric([[0, 1]], {1: "f1"})
    {1: 'f1'}
    """
    out = dict(assigned)
    for group in groups:
        if group[0] not in assigned:
            continue
        tied = {_metric_id(assigned[i]) for i in group if i in assigned}
        if len(tied) != 1:
            continue
        for i in group[1:]:
            out.setdefault(i, assigned[group[0]])
    return out


def names_in_brackets(doc: Doc, value_end: int, metric: Span) -> bool:
    """Whether ``metric`` stands alone in brackets right after the value ending at token
    ``value_end``: "0.125 (BLEU-4) and 0.151 (METEOR)" (issue 15, item 5).

    >>> import spacy
    >>> d = spacy.blank("en")("0.125 ( BLEU-4 ) and 0.151 ( METEOR x )")
    >>> names_in_brackets(d, 1, d[2:3]), names_in_brackets(d, 6, d[7:8])
    (True, False)
    """
    return (
        metric.start == value_end + 1
        and doc[value_end].text == "("
        and metric.end < len(doc)
        and doc[metric.end].text == ")"
    )


def measures_another(
    doc: Doc,
    metric_end: int,
    value_start: int,
    places: frozenset[str] = frozenset(),
    names: frozenset[int] = frozenset(),
    heads: frozenset[str] = frozenset(),
    systems: frozenset[str] = frozenset(),
) -> bool:
    """Whether the value at token ``value_start`` scores a word of its own that is not the
    metric ending at ``metric_end`` (a metric the recogniser does not know): "HD95 of 2.5 and
    SDlogJ of 0.22" (a mixed-case or digit word bound by "of", "=" or ":"), or "F1 of 97.85,
    with a recall 97.38" (a plain noun right before the value, after a comma). Then the value
    is not the earlier metric's (issue 15, item 5: a value tied to the nearest metric of its
    own clause). A model or dataset name (token indices ``names``) that opens a bracket or
    list item is whose value it is ("accuracy of 73.5% (X: 73.9%)"). A noun in a place
    phrase after the comma (``places``, e.g. ``PLACE_LINKS``; ", and on the test set 0.95")
    is where the value was measured, not another measure.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> d = nlp("HD95 of 2.5 and SDlogJ of 0.22")
    >>> measures_another(d, 1, 6), measures_another(d, 1, 2)
    (True, False)
    >>> d = nlp("F1 of 97.8 , with a recall 97.3")
    >>> measures_another(d, 1, 7), measures_another(nlp("F1 of 97.8 , reaching 97.3"), 1, 5)
    (True, False)
    >>> measures_another(nlp("F1 of 97.8 , and 97.3"), 1, 5)
    False

    The measure may be written as a long form with its abbreviation ("a concordance
    correlation coefficient (CCC) of 0.46") or end in a measure noun (``heads``: "a boundary
    error of 2.4").

    >>> d = nlp("F1 of 0.71 and a correlation coefficient ( CCC ) of 0.46")
    >>> measures_another(d, 1, 11), measures_another(nlp("F1 of 0.71 , and ( x ) of 0.46"), 1, 9)
    (True, False)

    The metric's own abbreviation right after it is no other measure:

    >>> measures_another(nlp("correlation coefficient ( CCC ) of 0.46"), 2, 6)
    False
    >>> d = nlp("F1 of 0.71 and a boundary error of 2.4")
    >>> measures_another(d, 1, 8, heads=frozenset({"error"})), measures_another(d, 1, 8)
    (True, False)

    A noun that names what is scored (``systems``) is no measure: "an AUC of 78.9, the graph
    model 77.6" lists the score of another model.

    >>> d = nlp("AUC of 78.9 , the graph model 77.6")
    >>> measures_another(d, 1, 7, systems=frozenset({"model"})), measures_another(d, 1, 7)
    (False, True)

    Nor is the last word of a model or dataset name (``names``): "an F1 of 0.84, and
    Llama 2 chat 0.49" gives the model's score.

    >>> d = nlp("F1 of 0.84 , and Llama 2 chat 0.49")
    >>> measures_another(d, 1, 8, names=frozenset({5, 6, 7})), measures_another(d, 1, 8)
    (False, True)
    """
    if value_start - 1 < metric_end:
        return False
    before = doc[value_start - 1]
    if before.text in {"of", "=", ":"} and value_start - 2 >= metric_end:
        if value_start - 2 in names and listed_name(doc, value_start - 2):
            return False  # "(BiomedCLIP: 73.9%)": a model's value, not a measure's
        word = doc[value_start - 2].text
        if doc[value_start - 2].lower_ in heads:
            return True  # "a boundary error of 2.4"
        if word == ")" and value_start - 4 >= metric_end and doc[value_start - 4].text == "(":
            if value_start - 4 == metric_end:
                return False  # "coefficient (CCC) of 0.46": the metric's own abbreviation
            word = doc[value_start - 3].text  # "(CCC) of 0.46": the abbreviation
        # a name-shaped measure: capitals or digits after its first letter
        return any(c.isupper() or c.isdigit() for c in word[1:]) and any(c.isalpha() for c in word)
    gap = doc[metric_end:value_start]
    return (
        before.is_alpha
        and before.is_lower
        and not before.is_stop
        and value_start - 1 not in names  # "and Llama 2 13B chat 0.49": the name's last word
        and before.lower_ not in BINDING_WORDS
        and before.lower_ not in systems
        and not before.lower_.endswith(("s", "ed", "ing"))
        and any(t.text in {",", ";"} for t in gap)
        and not names_a_place([t.lower_ for t in gap], places)
    )


#: prepositions that open where a value was measured (", and on the test set 0.95"); not
#: "with" or "using", which also open a measure of their own (", with a recall 0.9")
PLACE_LINKS = wordlist("results_wordlists", "place_links")


def listed_name(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a bracket or a list item: "(X: 73.9%)", "; X: 70.1%".

    >>> import spacy
    >>> d = spacy.blank("en")("( X : 1 ; Y : 2 and Z : 3")
    >>> listed_name(d, 1), listed_name(d, 5), listed_name(d, 9), listed_name(d, 0)
    (True, True, False, False)
    """
    return i > 0 and doc[i - 1].text in {"(", "[", ";", ","}


def names_a_place(gap: Sequence[str], places: frozenset[str]) -> bool:
    """Whether the words of ``gap`` (lower case, between a metric and a later value) end in
    a place phrase opened after their last comma: ", and on the held-out set 0.95" names
    where the value was measured, not a measure of its own (issue 15, item 5: a value in a
    coordinated clause keeps the sentence's metric). ``places`` are the prepositions that
    open a place (``PLACE_LINKS``).

    >>> places = frozenset({"on", "in"})
    >>> [names_a_place(g.split(), places) for g in ("of 0.9 , and on the test set",
    ...  "of 0.9 , in site b", "of 0.9 , with a recall", "of 0.9 on set", "of 0.9 , and")]
    [True, True, False, False, False]
    """
    cut = max((i for i, w in enumerate(gap) if w in {",", ";"}), default=-1)
    if cut < 0:
        return False
    rest = list(gap[cut + 1 :])
    if rest[:1] == ["and"]:
        rest = rest[1:]
    return len(rest) >= 2 and rest[0] in places


#: words before a value that do not make a clause of its own: "of 81%", "and 75%"
_NOT_CLAUSE_VERBS = wordlist("results_wordlists", "not_clause_verbs")


def carry_parallel_clauses(
    metrics: Sequence[Span],
    values: Sequence[tuple[int, int]],
    assigned: dict[int, Span],
    text: str,
) -> dict[int, Span]:
    """In a sentence that names one metric, a value no rule tied that follows the same verb as
    a value of that metric is the metric's too: "GPT-4 scored 86.1%, Claude-3 scored 80.2% and
    Gemini scored 75.3% accuracy" (issue 15, item 5: value lists). Values are (start, end)
    character offsets. Returns ``assigned`` with those values added.

    >>> import spacy
    >>> t = "A scored 86.1% , B scored 80.2% and C scored 75.3% accuracy"
    >>> d = spacy.blank("en")(t)
    >>> v = [(t.index(x), t.index(x) + len(x)) for x in ("86.1%", "80.2%", "75.3%")]
    >>> sorted(carry_parallel_clauses([d[-1:]], v, {2: d[-1:]}, t))
    [0, 1, 2]
    """
    if len({m.kb_id_ for m in metrics}) != 1 or not assigned:
        return assigned
    verbs = {_clause_verb(text, values[i][0]) for i in assigned} - {None}
    out = dict(assigned)
    for i, (start, _end) in enumerate(values):
        if i not in out and _clause_verb(text, start) in verbs:
            out[i] = metrics[0]
    return out


def phrase_alternation(name: str) -> str:
    """A regex alternation of the phrases of the results wordlist ``name``, the words of a
    phrase apart by any white space ("compared  with").

    >>> bool(re.fullmatch(phrase_alternation("comparison_openers"), "Compared  with", re.I))
    True
    """
    return "|".join(
        r"\s+".join(map(re.escape, phrase.split()))
        for phrase in sorted(wordlist("results_wordlists", name))
    )


#: phrases that set later values against a score just stated ("0.76, versus 0.70 for X")
_COMPARISON_OPENERS = re.compile(
    r"\b(?:" + phrase_alternation("comparison_openers") + r")\s", re.IGNORECASE
)
#: what may stand between two values of one compared list ("0.70 and 0.66", "0.70, 0.66"),
#: the first with the name it is the score of ("71.9% for GPT-4 and 62.0% for X")
_LIST_GAP = re.compile(r"\s*(?:for\s+[^,;()]{1,40}?\s*)?(?:,\s*(?:and\s+)?|and\s+)$")


def carry_compared_values(
    metrics: Sequence[Span],
    values: Sequence[tuple[int, int]],
    forms: Sequence[str],
    assigned: dict[int, Span],
    text: str,
) -> dict[int, Span]:
    """A value no rule tied that a comparison word sets against the score just before it is
    a score of the same metric: "a C-index of 0.76 on A and 0.72 on B, versus 0.70 and 0.66
    for X" (issue 15, item 5: value lists), when no metric stands between them and both are
    written alike (both fractions or both percentages, :func:`value_form`). A value listed
    right after such a value ("0.70 and 0.66") is carried too. Values are (start, end)
    character offsets. Returns ``assigned`` with those values added.

    >>> import spacy
    >>> t = "C-index of 0.76 on A and 0.72 on B , versus 0.70 and 0.66 for X"
    >>> d = spacy.blank("en")(t)
    >>> v = [(t.index(x), t.index(x) + len(x)) for x in ("0.76", "0.72", "0.70", "0.66")]
    >>> f = ["fraction"] * 4
    >>> sorted(carry_compared_values([d[0:1]], v, f, {0: d[0:1], 1: d[0:1]}, t))
    [0, 1, 2, 3]
    >>> sorted(carry_compared_values([d[0:1]], v, ["fraction", "fraction", "whole", "whole"],
    ...     {0: d[0:1], 1: d[0:1]}, t))
    [0, 1]
    >>> t = "C-index of 0.76 on A and 0.72 on B , 0.70 and 0.66 for X"
    >>> v = [(t.index(x), t.index(x) + len(x)) for x in ("0.76", "0.72", "0.70", "0.66")]
    >>> sorted(carry_compared_values([d[0:1]], v, f, {0: d[0:1], 1: d[0:1]}, t))
    [0, 1]

    A carried value may name whose score it is before the next one ("versus 0.70 for X-2
    and 0.66 for Y"), though not across a clause ("for X; 0.66").

    >>> t = "C-index of 0.76 , versus 0.70 for X-2 and 0.66 for Y ; 0.61 for Z , 0.5"
    >>> v = [(t.index(x), t.index(x) + len(x)) for x in ("0.76", "0.70", "0.66", "0.61", "0.5")]
    >>> sorted(carry_compared_values([d[0:1]], v, f + ["fraction"], {0: d[0:1]}, t))
    [0, 1, 2]
    """
    out = dict(assigned)
    carried: set[int] = set()
    for i in range(1, len(values)):
        j = i - 1
        if i in out or j not in out or forms[i] != forms[j]:
            continue
        gap_start, gap_end = values[j][1], values[i][0]
        if any(gap_start <= m.start_char < gap_end for m in metrics):
            continue
        gap = text[gap_start:gap_end]
        if _COMPARISON_OPENERS.search(gap) or (j in carried and _LIST_GAP.fullmatch(gap)):
            out[i] = out[j]
            carried.add(i)
    return out


def _clause_verb(text: str, start: int) -> str | None:
    before = _words_before(text, start, 1)
    word = before[0] if before else ""
    if not word.isalpha() or word in _NOT_CLAUSE_VERBS or word in BINDING_WORDS:
        return None
    return word


#: words that may stand before a metric opening its sentence: "The accuracy was ..."
_SUBJECT_OPENERS = wordlist("results_wordlists", "subject_openers")


def opens_sentence(sent: Span, metrics: Sequence[Span]) -> bool:
    """Whether the sentence's first metric is its subject, opening it ("Accuracy on the
    image questions was lower for every model (X: 85.6% vs 95.4%)", "The recall of ...").

    >>> import spacy
    >>> d = spacy.blank("en")("The accuracy was lower ( X : 85 % ) and AUC")
    >>> opens_sentence(d[:], [d[1:2]]), opens_sentence(d[:], [d[11:12]])
    (True, False)
    """
    if not metrics:
        return False
    first = metrics[0].start - sent.start
    return first == 0 or (first == 1 and sent[0].lower_ in _SUBJECT_OPENERS)


def carry_single_metric(
    metrics: Sequence[Span],
    values: Sequence[tuple[re.Match[str], int, int]],
    assigned: dict[int, Span],
    subject: bool = False,
) -> dict[int, Span]:
    """In a sentence that names one metric, a value after it that no rule tied is that
    metric's too ("a Dice of 0.80 for A and 0.62 for B, while X achieved 0.77 and 0.60";
    issue 15, item 5: value lists), once a rule tied one value to it or when the metric is
    the sentence's subject (``subject``: "Accuracy on image questions was lower for every
    model (X: 85.6% vs 95.4%)"). Returns ``assigned`` with those values added."""
    if len({m.kb_id_ for m in metrics}) != 1 or not (assigned or subject):
        return assigned
    first = min(m.end_char for m in metrics)
    out = dict(assigned)
    for i, (_m, start, _end) in enumerate(values):
        if i not in out and start >= first:
            out[i] = metrics[0]
    return out


#: words between a metric and its value: "AUC of 0.91", "Dice = 0.8", "F1: 0.7", "AUC (0.93)"
BINDING_WORDS = wordlist("results_wordlists", "binding_words")


def past_short_form(doc: Doc, metric_end: int, value_start: int) -> int:
    """The token after the metric's own short form in brackets right after a metric ending at
    token ``metric_end`` when "of" follows it, else ``metric_end``: "the mean absolute error
    (MAE) of X was 3.9 days" says whose score the value is past the short form as "the mean
    absolute error of X was" does (:func:`past_whose_score`; branch results17). "(MAE) was"
    is left to :func:`binds`, "(in days) of" is no short form.

    >>> import spacy
    >>> d = spacy.blank("en")("error ( MAE ) of X was 3.9 ; error ( in days ) of X was 4")
    >>> past_short_form(d, 1, 8), past_short_form(d, 10, 17)
    (4, 10)
    """
    k = metric_end
    if (
        k + 3 < value_start
        and doc[k].text == "("
        and doc[k + 2].text == ")"
        and any(c.isupper() for c in doc[k + 1].text)
        and doc[k + 3].lower_ == "of"
    ):
        return k + 3
    return metric_end


def binds(doc: Doc, metric_end: int, value_start: int) -> bool:
    """Whether the tokens between a metric (ending at token ``metric_end``) and a value
    (starting at ``value_start``) tie them: none, or at most three binding words.

    >>> import spacy
    >>> d = spacy.blank("en")("AUC of 0.91 and F1 of 0.85")
    >>> binds(d, 1, 2), binds(d, 1, 1), binds(d, 5, 6), binds(d, 1, 6)
    (True, True, True, False)
    >>> d = spacy.blank("en")("MAE of $ 3.2 $ and MAE $ x $ 3.1")
    >>> binds(d, 1, 3), binds(d, 6, 10)
    (True, False)
    >>> d = spacy.blank("en")("error ( MAE ) of 3.2 and MAE ( 2 runs ) 3.1")
    >>> binds(d, 3, 5), binds(d, 8, 12)
    (True, False)
    >>> d = spacy.blank("en")("coefficient ( CCC ) of 0.46 and coefficient ( in A ) of 0.4")
    >>> binds(d, 1, 5), binds(d, 7, 12)
    (True, False)
    """
    metric_end = past_whose_score(doc, past_short_form(doc, metric_end, value_start), value_start)
    gap = [t for t in doc[metric_end:value_start] if t.text not in LATEX_DELIMITERS]
    if len(gap) > 3 and gap[0].text == "(" and gap[2].text == ")" and gap[1].text.isupper():
        gap = gap[3:]  # the metric's own short form: "correlation coefficient (CCC) of 0.46"
    if len(gap) <= 3 and all(t.lower_ in BINDING_WORDS for t in gap):
        return True
    return modifier_before_copula([t.text for t in gap])


#: words of the metric's own modifier before its copula ("the MAE in the test cohort was 5.3
#: hours"), and the words that open a modifier, that end it and that make it no modifier
_MODIFIER_OPENERS = wordlist("results_wordlists", "modifier_openers")
_COPULAS = wordlist("results_wordlists", "copulas")
_NOT_MODIFIER = wordlist("results_wordlists", "not_modifier_words")
#: most words of a metric's modifier between the metric and its copula
MAX_MODIFIER = 7


def modifier_before_copula(gap: Sequence[str]) -> bool:
    """Whether the words between a metric and a value (``gap``) are a modifier of the metric
    and a copula: a preposition opening it (list ``modifier_openers``), at most
    :data:`MAX_MODIFIER` words of plain noun phrase, and "is/was" (list ``copulas``) right
    before the value: "the Hausdorff distance on the test set is 7.9 mm", "the TRE over 300
    landmark pairs was 1.2 mm" (the metric is the clause's subject, the value its complement).
    No clause word, comparison or punctuation inside (list ``not_modifier_words``: "the MAE
    on the set that was held out was"), no value inside (a number only before a word it
    counts: "300 pairs"), no operating point ("at" opens none: "sensitivity at 90%
    specificity was") and no "of" ("the MAE of the ward was 4.2 days" keeps its count; a
    named model or dataset after "of" is :func:`past_whose_score`'s).

    >>> [modifier_before_copula(g.split()) for g in ("on the test set is", "over 300 pairs was",
    ...  "at 90 % specificity was", "on 0.9 was", "in X , while Y was", "of the ward was")]
    [True, True, False, False, False, False]
    """
    if len(gap) < 2 or gap[0].lower() not in _MODIFIER_OPENERS or gap[-1].lower() not in _COPULAS:
        return False
    words = gap[1:-1]
    if len(words) > MAX_MODIFIER:
        return False
    for k, word in enumerate(words):
        if word.lower() in _NOT_MODIFIER or not re.match(r"[\w(]", word):
            return False
        if word[0].isdigit() and not (k + 1 < len(words) and words[k + 1].isalpha()):
            return False  # a value or a share, not a count before its noun
    return True


#: prepositions that place a named score on a dataset: "the AUROC of X on Y was 0.93"
_NAME_PLACES = wordlist("results_wordlists", "name_places")


def past_whose_score(doc: Doc, metric_end: int, value_start: int) -> int:
    """The token after "of <model or dataset name>" (and a following "on/in <name>") right
    after a metric ending at token ``metric_end``, else ``metric_end``: "the area under the
    curve of X was 0.90", "the MAE of X on Y: 3.9" say whose score the value is, and the
    words after the names bind it (:func:`binds`). Only names of ``doc.spans`` count.

    >>> import spacy
    >>> d = spacy.blank("en")("AUC of FooNet on BarSet was 0.9 ; AUC of the model was 0.8")
    >>> d.spans["kg_models"], d.spans["kg_datasets"] = [d[2:3]], [d[4:5]]
    >>> past_whose_score(d, 1, 6), past_whose_score(d, 9, 14)
    (5, 9)
    """
    if metric_end >= value_start or doc[metric_end].lower_ != "of":
        return metric_end
    starts = {
        s.start: s.end
        for key in (MODEL_KEY, DATASET_KEY)
        if key in doc.spans
        for s in doc.spans[key]
        if s.end <= value_start
    }
    end = starts.get(metric_end + 1)
    if end is None:
        return metric_end
    if end < value_start and doc[end].lower_ in _NAME_PLACES and end + 1 in starts:
        end = starts[end + 1]
    return end


#: LaTeX math delimiters around a value ("an MAE of $3.2 \pm 0.4$"): no words of their own
LATEX_DELIMITERS = frozenset({"$", "$$", "\\(", "\\)"})


def binds_value(doc: Doc, metric_end: int) -> bool:
    """Whether a metric ending at token ``metric_end`` is followed by a value of its own
    ("F1 of 0.85"): then it does not score a value written before it.

    >>> import spacy
    >>> d = spacy.blank("en")("0.91 and F1 of 0.85")
    >>> binds_value(d, 3), binds_value(spacy.blank("en")("0.91 F1 on X"), 2)
    (True, False)
    """
    for j in range(metric_end, min(len(doc), metric_end + 4)):
        tok = doc[j]
        if tok.like_num or re.match(r"\d", tok.text):
            return True
        if tok.lower_ not in BINDING_WORDS or opens_interval(doc, j):
            return False
    return False


#: words that name an interval after its level: "(95% CI 0.88-0.94)", "[95% confidence ...]"
_INTERVAL_WORDS = wordlist("results_wordlists", "interval_words")


def opens_interval(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a bracket opening an interval: "(95% CI ...)", "[90 %
    confidence ...]". Its level is not a value of the metric before it: "74.8% accuracy (95%
    CI 72.1-77.5)" keeps 74.8% as the accuracy (issue 15, item 5).

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> [opens_interval(nlp(t), 0) for t in ("( 95 % CI 1-2 )", "[ 90 confidence", "( 0.91 )",
    ...  "95 % CI", "( 95 % of")]
    [True, True, False, False, False]
    """
    if doc[i].text not in {"(", "["}:
        return False
    words = [t.lower_ for t in doc[i + 1 : i + 4]]
    if not words or not words[0].replace(".", "", 1).isdigit():
        return False
    rest = words[2:] if words[1:2] == ["%"] else words[1:]
    return bool(rest) and rest[0] in _INTERVAL_WORDS


def clean_value_text(raw: str) -> str:
    r"""The value as a reader writes it: LaTeX escapes of the source dropped ("69.68\%" ->
    "69.68%", "\pm" -> "±"; issue 15, item 5).

    >>> clean_value_text("69.68\\% "), clean_value_text("0.9 \\pm 0.1"), clean_value_text("81.2%")
    ('69.68%', '0.9 ± 0.1', '81.2%')
    """
    return raw.strip().replace("\\%", "%").replace("\\pm", "±")


#: words between a value and the model it scores when the model comes after it: "0.85 for
#: Claude-3", "91.2% by GPT-4o"
MODEL_AFTER_LINKS = wordlist("results_wordlists", "model_after_links")


def bracketed_alone(gap: Sequence[Token], name: Span) -> bool:
    """Whether ``name`` stands alone in brackets right after a value, ``gap`` being the
    tokens between them: "0.82 (MedQA), 0.76 (PubMedQA)", "0.85 (GPT-4)" (issue 15, item 5:
    results stated with their dataset).

    >>> import spacy
    >>> d = spacy.blank("en")("0.82 ( MedQA ) 0.76 ( PubMedQA x ) 0.7 MMLU )")
    >>> bracketed_alone([d[1]], d[2:3]), bracketed_alone([d[5]], d[6:7]), bracketed_alone([],
    ...  d[10:11])
    (True, False, False)
    """
    return (
        len(gap) == 1
        and gap[0].text == "("
        and name.end < len(name.doc)
        and name.doc[name.end].text == ")"
    )


def past_interval(gap: Sequence[Token]) -> Sequence[Token]:
    """The words between a value and a name after it, past a bracket that closes right after
    the value: the value's interval or note ("0.701 (0.693-0.709) for X", "0.74 (95% CI
    0.71-0.77) for X") belongs to the value, so the name after it is what the value is for
    (scores15: comparators' results written with their intervals).

    >>> import spacy
    >>> d = spacy.blank("en")("( 0.69 - 0.73 ) for X")
    >>> [t.text for t in past_interval(list(d[:6]))]
    ['for']
    >>> [t.text for t in past_interval(list(d[5:6]))], [t.text for t in past_interval([d[0]])]
    (['for'], ['('])
    """
    if not gap or gap[0].text != "(":
        return gap
    for k, t in enumerate(gap):
        if t.text == ")":
            return gap[k + 1 :]
    return gap


def _tokens_between(doc: Doc, char: int, end: int) -> list[Token]:
    """The tokens from character ``char`` up to token ``end``: ``[t for t in doc if char <=
    t.idx < doc[end].idx]``, read back from ``end`` instead of over the whole Doc.

    >>> import spacy
    >>> d = spacy.blank("en")("0.91 for the Gpt4 .")
    >>> [t.text for t in _tokens_between(d, 4, 3)], _tokens_between(d, 9, 1)
    (['for', 'the'], [])
    """
    start = end
    while start > 0 and doc[start - 1].idx >= char:
        start -= 1
    return [doc[i] for i in range(start, end)]


def model_after(doc: Doc, value_end: int, models: Sequence[Span]) -> Span | None:
    """The model a value is stated for right after it: "0.85 for Claude-3" (at most three
    words between, one of them a link, no number; issue 15, item 5: value lists), or only a
    link (and "the") past the value's bracketed interval (:func:`past_interval`).

    >>> import spacy
    >>> d = spacy.blank("en")("0.91 for Gpt4 , 0.85 by the Claude3 and 0.80 on X1")
    >>> spans = [d[2:3], d[7:8], d[11:12]]
    >>> [getattr(model_after(d, d[i].idx + len(d[i]), spans), "text", None) for i in (0, 4, 9)]
    ['Gpt4', 'Claude3', None]
    """
    for m in models:
        if m.start_char < value_end:
            continue
        gap = _tokens_between(doc, value_end, m.start)
        rest = past_interval(gap)
        if len(rest) < len(gap):
            # past an interval only a link right before the name: "(0.69-0.73) for the X",
            # not "(0.69-0.73), followed by X"
            linked = 1 <= len(rest) <= 2 and rest[0].lower_ in MODEL_AFTER_LINKS
            return m if linked and all(t.lower_ == "the" for t in rest[1:]) else None
        if (
            len(gap) <= 3
            and any(t.lower_ in MODEL_AFTER_LINKS for t in gap)
            and not any(t.like_num for t in gap)
        ) or bracketed_alone(gap, m):
            return m
        return None  # only the first model after the value can be its own
    return None


def stated_for_other_name(doc: Doc, value_end: int, models: Sequence[Span]) -> bool:
    """Whether the value ending at character ``value_end`` is stated "for" a name that is no
    model ("0.62 for HbA1c", "0.70 for the NEWS2 score"): its own subject, so it takes no
    model named earlier in the sentence when the values around it name theirs after them
    ("0.66 for CHA2DS2-VASc and 0.62 for HbA1c"). A name-shaped word has a capital inside
    or after its first letter, or a digit.

    >>> import spacy
    >>> d = spacy.blank("en")("0.66 for ModelA and 0.62 for HbA1c and 0.60 for the cohort")
    >>> [stated_for_other_name(d, d[i].idx + len(d[i]), [d[2:3]]) for i in (0, 4, 8)]
    [False, True, False]
    """
    after = [t for t in doc if t.idx >= value_end][:3]
    if not after or after[0].lower_ != "for":
        return False
    name = after[1] if len(after) > 1 and after[1].lower_ not in ("the", "a", "an") else None
    if name is None and len(after) > 2:
        name = after[2]
    if name is None or any(m.start == name.i for m in models):
        return False
    return any(c.isdigit() for c in name.text) or any(c.isupper() for c in name.text[1:])


#: a comparison right before a name, with up to three words between ("than that of X",
#: "above that of X", "versus the baseline X", "compared with X")
_COMPARED_BEFORE = re.compile(
    r"(?<!\w)(?:" + phrase_alternation("compared_name_cues") + r")(?:\s+\S+){0,3}\s+$",
    re.IGNORECASE,
)
#: a clause that states a score of its own after a name: "X, which reached", "X, who"
_OWN_CLAUSE = re.compile(r"\b(?:which|who|that|whose)\b", re.IGNORECASE)


def subject_past_compared(
    text: str, compared_start: int, compared_end: int, value_start: int
) -> bool:
    """Whether a value after the name at ``compared_start:compared_end`` belongs to the
    sentence's subject instead: the name is what the subject is compared with ("than that of
    X", "versus X") and a comma sets the value apart in a clause without its own subject ("The
    accuracy of A was higher than that of B, reaching 0.91": the 0.91 is A's).

    >>> t = "A was higher than that of B, reaching 0.91"
    >>> subject_past_compared(t, 26, 27, 38)
    True
    >>> t2 = "A was higher than B, which reached 0.91"
    >>> subject_past_compared(t2, 18, 19, 35)
    False
    >>> t3 = "A was higher than B at 0.91"
    >>> subject_past_compared(t3, 18, 19, 23)
    False
    >>> t4 = "A, like B, reached 0.91"
    >>> subject_past_compared(t4, 8, 9, 19)
    False
    """
    gap = text[compared_end:value_start]
    return (
        _COMPARED_BEFORE.search(text, max(0, compared_start - 40), compared_start) is not None
        and gap.lstrip().startswith(",")
        and _OWN_CLAUSE.search(gap) is None
    )


def tie_model(sent: Span, value_start: int, models: Sequence[Span]) -> str | None:
    """The model named before the value in the sentence (the nearest one), if any; past a
    compared name to the one before it when the value is the subject's
    (:func:`subject_past_compared`)."""
    before = [
        m
        for m in models
        if m.end_char <= value_start and m.start >= sent.start and m.end <= sent.end
    ]
    text = text_of(sent.doc)  # not doc.text, which builds every Token of the Doc per call
    while len(before) > 1 and subject_past_compared(
        text, before[-1].start_char, before[-1].end_char, value_start
    ):
        popped = before.pop()
        # "better than A and B, with an AUC of 0.93": A is compared as B is
        while len(before) > 1 and listed_right_before(text, before[-1].end_char, popped.start_char):
            popped = before.pop()
    return before[-1].kb_id_ or None if before else None


_NAMES_LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*", re.IGNORECASE)


def listed_right_before(text: str, end: int, start: int) -> bool:
    """Whether a name ending at ``end`` is listed right before one starting at ``start``:
    only a comma, "and" or "or" stands between them ("A and B", "A, B", "A, or B").

    >>> t = "than A and B, C or D, with E"
    >>> [listed_right_before(t, t.index(a) + 1, t.index(b)) for a, b in (("A", "B"),
    ...  ("B", "C"), ("C", "D"), ("D", "E"))]
    [True, True, True, False]
    """
    return _NAMES_LIST_GAP.fullmatch(text, end, start) is not None


def _starts_number(word: str) -> bool:
    return word[:1].isdigit()


def closes_value_list(gap: Sequence[str], links: frozenset[str]) -> bool:
    """Whether a dataset after the words ``gap`` (lower case, from the value to the dataset)
    is the dataset of a list of results it closes: "0.125 BLEU-4 and 0.151 METEOR on
    MIMIC-CXR" (issue 15, item 5). The gap holds one link word, right before the dataset (at
    most a determiner between), within twelve words; a second link word ("0.91 AUC on
    internal data and 0.85 on MedQA") gives the first value a place of its own.

    >>> links = frozenset({"on", "in"})
    >>> closes_value_list("bleu-4 and 0.151 meteor on".split(), links)
    True
    >>> closes_value_list("auc on internal data and 0.85 on".split(), links)
    False
    >>> closes_value_list("bleu-4 on the".split(), links), closes_value_list("and".split(), links)
    (True, False)
    >>> closes_value_list("and meteor of 0.151 on".split(), links | {"of"})
    True
    """
    linked = [
        i
        for i, w in enumerate(gap)
        # "and METEOR of 0.151 on X": an "of" before a number binds a score, not a place
        if w in links and not (i + 1 < len(gap) and _starts_number(gap[i + 1]))
    ]
    return len(gap) <= 12 and len(linked) == 1 and len(gap) - linked[0] <= 2


def place_after(value_end: int, metric: Span | None) -> int:
    """Where the dataset of a value may start: after the metric written right after the value
    ("0.125 BLEU-4 on MIMIC-CXR", "0.125 (BLEU-4) on X"), else after the value ("91.2% on
    MedQA, ... and 78.1% on MMLU in accuracy": a metric further on is no part of the value's
    phrase; issue 15, item 5).

    >>> import spacy
    >>> d = spacy.blank("en")("0.12 BLEU-4 on X and 0.11 on Y in BLEU-4")
    >>> place_after(4, d[1:2]), place_after(25, d[-1:]), place_after(4, None)
    (11, 25, 4)
    """
    if metric is None or metric.start_char < value_end or metric.start_char - value_end > 3:
        return value_end
    return metric.end_char


#: words that end a value's phrase when a link follows them: "0.84 and on X an accuracy of"
_NEXT_PHRASE_OPENERS = frozenset({"and", "or", "but", "while", "whereas", ";"})


def opens_next_phrase(gap: Sequence[str], links: frozenset[str]) -> bool:
    """Whether the words ``gap`` (lower case) between a value and a dataset after it open the
    next value's phrase: the first link word comes right after a coordinator ("0.842 and on X
    an accuracy of 96.1%": X is the 96.1%'s place, not the 0.842's; issue 15: results tied
    right).

    >>> links = frozenset({"on", "in"})
    >>> opens_next_phrase(["and", "on"], links), opens_next_phrase(["on", "the"], links)
    (True, False)
    >>> opens_next_phrase(["for", "tumour", "and", "edema", "on"], links)
    False
    """
    first = next((i for i, w in enumerate(gap) if w in links), None)
    return first is not None and first > 0 and gap[first - 1] in _NEXT_PHRASE_OPENERS


def tie_dataset(
    sent: Span, value_end: int, datasets: Sequence[Span], links: frozenset[str]
) -> str | None:
    """The dataset the value is reported on: "... 0.91 on BraTS", or the sentence's only dataset
    when it comes before the value ("On BraTS, ... 0.91")."""
    inside = [d for d in datasets if d.start >= sent.start and d.end <= sent.end]
    doc = sent.doc
    for d in inside:
        if d.start_char >= value_end and d.start > 0:
            gap = (
                doc[doc.char_span(value_end, d.start_char, alignment_mode="expand").start : d.start]
                if value_end < d.start_char
                else doc[d.start : d.start]
            )
            words = [t.lower_ for t in gap]
            if (
                not opens_next_phrase(words, links)
                and (
                    (
                        len(gap) <= 6
                        and any(t.lower_ in links for t in gap)
                        and not any(t.like_num for t in gap)
                    )
                    or closes_value_list(words, links)
                )
            ) or bracketed_alone(list(gap), d):
                return d.kb_id_ or None
    before = [d for d in inside if d.end_char <= value_end]
    if len({d.kb_id_ for d in before}) == 1:
        first = before[0]
        start = first.start
        if start - 1 > sent.start and doc[start - 1].lower_ == "the":
            start -= 1  # "On the GlaS data, it obtains 0.92"
        prev = doc[start - 1] if start > sent.start else None
        if prev is not None and prev.lower_ in links:
            return first.kb_id_ or None
    return None


#: words that make a clause's score another system's or people's, not the paper's own model:
#: "baselines reached 0.80", "radiologists achieved a sensitivity of 78%"
OTHER_SYSTEM_WORDS = wordlist("results_wordlists", "other_system_words")
#: words that set the values after them against the paper's model's own: "versus", "than"
COMPARED_SYSTEM_WORDS = wordlist("results_wordlists", "compared_system_words")
#: prepositions that open a dataset's phrase before the values measured on it: "On X, ..."
PLACE_BEFORE_LINKS = wordlist("results_wordlists", "place_before_links")
#: words right before a link that make the dataset after it training data: "trained on X"
TRAINING_DATA_VERBS = wordlist("results_wordlists", "training_data_verbs")


def only_introduced(spans: Sequence[Span]) -> str | None:
    """The key of the one entity among ``spans`` that the paper introduces (a mention whose
    ``._.kg_role`` is "introduces"); None when it introduces none or several (issue 15:
    results tied right).

    >>> import spacy
    >>> from kg.nlp import extensions  # noqa: F401
    >>> d = spacy.blank("en")("We propose NetA beside NetB and NetC")
    >>> spans = [Span(d, i, i + 1, kb_id=d[i].text.lower()) for i in (2, 4, 6)]
    >>> spans[0]._.kg_role = "introduces"
    >>> only_introduced(spans)
    'neta'
    >>> spans[2]._.kg_role = "introduces"
    >>> only_introduced(spans), only_introduced(spans[1:2])
    (None, None)
    """
    keys = {s.kb_id_ for s in spans if s._.kg_role == "introduces" and s.kb_id_}
    return next(iter(keys)) if len(keys) == 1 else None


def only_model(spans: Sequence[Span]) -> str | None:
    """The key of the paper's one model when it names no other and introduces none: an
    evaluation of one system ("We evaluated X on 4,812 scans. The tool had a sensitivity of
    88%": the tool is X); None when it names several (branch ties16).

    >>> import spacy
    >>> from kg.nlp import extensions  # noqa: F401
    >>> d = spacy.blank("en")("We test ToolA ; ToolA flags ToolB")
    >>> spans = [Span(d, i, i + 1, kb_id=d[i].text.lower()) for i in (2, 4)]
    >>> only_model(spans), only_model(spans + [Span(d, 6, 7, kb_id="toolb")])
    ('toola', None)
    """
    keys = {s.kb_id_ for s in spans if s.kb_id_}
    return next(iter(keys)) if len(keys) == 1 else None


#: words by which an evaluation study names the one system it evaluates: "the tool", "it"
EVALUATED_SYSTEM_WORDS = wordlist("results_wordlists", "evaluated_system_words")
#: words of a study's aim whose object is the system it studies: "To evaluate ... X"
AIM_VERBS = wordlist("results_wordlists", "aim_verbs")
#: words after a model that make it a part of another system: "X pretraining", "a X backbone"
MODEL_PART_WORDS = wordlist("results_wordlists", "model_part_words")

#: how many words an aim verb may stand before the system it names: "To assess the
#: diagnostic performance of a commercial triage algorithm (X, ..."
_AIM_WINDOW = 10
#: words that end the stretch an aim verb reaches over: "for external validation, we compare
#: our approach with X", "We evaluate 19 models, including (X, ..."
_AIM_BREAKS = frozenset({".", ";", ":", ","})


def follows_aim_verb(words: Sequence[str], aim: frozenset[str]) -> bool:
    """Whether the words before a model mention (lower case, nearest last, the sentence's
    last ``_AIM_WINDOW`` at most) hold an aim verb (``aim``) with no ".", ";", ":" or ","
    after it: the model is what the study evaluates ("To evaluate the diagnostic accuracy of
    the X system", "We externally validated X"; branch ties17). "Images were read by X" or
    "for external validation, we compare our approach with X" name no aim.

    >>> aim = frozenset({"evaluate", "validated"})
    >>> [follows_aim_verb(s.split(), aim) for s in ("to evaluate the accuracy of the",
    ...  "we externally validated", "we evaluate ; then", "images were read by",
    ...  "for validated data , we compare our method with")]
    [True, True, False, False, False]

    A comparison word between the verb and the model makes the model a comparator, not the
    aim's system ("we validate it against X", "evaluated versus X"; branch review17a).

    >>> [follows_aim_verb(s.split(), aim) for s in ("we validated it against",
    ...  "to evaluate the accuracy compared with")]
    [False, False]
    """
    for w in reversed(words[-_AIM_WINDOW:]):
        if w in _AIM_BREAKS or w in COMPARED_SYSTEM_WORDS:
            return False
        if w in aim:
            return True
    return False


def listed_with_next(between: Sequence[str], before: str) -> bool:
    """Whether a model and the next one form a list: at most three words ``between`` them
    (lower case) holding "and", "or" or a comma ("X and Y", "X, Y", "X, an EfficientNet");
    a comma inside a bracket the model opens (``before`` is "(") adds its vendor or version
    ("(X, VendorY)"), no list (branch ties17).

    >>> [listed_with_next(s.split(), b) for s, b in (("and", "the"), (",", "evaluate"),
    ...  (", an", "evaluate"), (",", "("), ("was compared with the", "the"))]
    [True, True, True, False, False]
    """
    if len(between) > 3:
        return False
    return bool({"and", "or"} & set(between)) or ("," in between and before != "(")


def aim_system(doc: Doc, models: Sequence[Span], aim: frozenset[str]) -> str | None:
    """The key of the one model a study's aim names: the first model after an aim verb
    (:func:`follows_aim_verb`), with no other model between and none listed after it
    (:func:`listed_with_next`: "To evaluate X and Y", "We evaluate X, Y and Z" name several);
    None when no model or several are so named (branch ties17). An evaluation study of one
    product names others too (its vendor: "To assess ... a commercial triage algorithm (X,
    VendorY)", the scores it is compared with), which :func:`only_model` cannot tell from
    comparators. A model a part word follows (``MODEL_PART_WORDS``: "the effect of X
    pretraining", "a X backbone") is part of an unnamed system, no aim."""
    keys: set[str] = set()
    lowers = token_lowers(doc)
    for i, m in enumerate(models):
        start = max(m.sent.start, m.start - _AIM_WINDOW)
        if not m.kb_id_ or (i > 0 and models[i - 1].end > start):
            continue  # another model nearer the verb
        if i + 1 < len(models) and listed_with_next(
            lowers[m.end : models[i + 1].start], lowers[m.start - 1] if m.start else ""
        ):
            continue  # a list: "To evaluate X and Y"
        part = m.end < len(lowers) and lowers[m.end] in MODEL_PART_WORDS
        if (
            not part
            and lowers[m.end - 1] not in MODEL_PART_WORDS
            and follows_aim_verb(lowers[start : m.start], aim)
        ):
            keys.add(m.kb_id_)
    return next(iter(keys)) if len(keys) == 1 else None


#: determiners before a generic system word that make it the one system evaluated
_SYSTEM_DETERMINERS = frozenset({"the", "this", "that", "our"})


#: verbs after an expletive "it": "It was found that", "It should be noted that"
_EXPLETIVE_VERBS = frozenset(
    {"is", "was", "has", "had", "should", "can", "could", "may", "might", "must", "will"}
    | {"would", "seems", "seemed", "appears", "appeared", "remains", "remained"}
)


def expletive_it(words: Sequence[str], i: int) -> bool:
    """Whether "it" at ``words[i]`` (lower case) is an expletive, the subject of a clause
    that follows, not the system: a verb right after it and "that" within four words ("It
    was found that inter-reader agreement had a kappa of 0.61", "it should be noted that";
    branch review16d). "It was able to detect ..." names the system.

    >>> w = "it was found that agreement had a kappa ; it was able to detect".split()
    >>> expletive_it(w, 0), expletive_it(w, 9)
    (True, False)
    """
    return (
        words[i] == "it"
        and i + 1 < len(words)
        and words[i + 1] in _EXPLETIVE_VERBS
        and "that" in words[i + 2 : i + 5]
    )


def names_evaluated_system(words: Sequence[str], generic: frozenset[str]) -> bool:
    """Whether ``words`` (lower case) name the system a study evaluates by a generic word
    (``generic``): "it"/"its", or a generic noun right after a determiner ("the tool", "this
    algorithm"). A generic noun after a modifier of its own names another, unnamed system
    ("the original AI-ECG algorithm", "a rule-based system"; branch ties16).

    >>> g = frozenset({"tool", "algorithm", "it", "its"})
    >>> [names_evaluated_system(s.split(), g) for s in ("the tool had", "its auc was",
    ...  "the original ai-ecg algorithm achieved", "a tool")]
    [True, True, False, False]
    """
    return any(
        w in generic
        and (
            (w in ("it", "its") and not expletive_it(words, i))
            or (i > 0 and words[i - 1] in _SYSTEM_DETERMINERS)
        )
        for i, w in enumerate(words)
    )


def aim_unless_named(
    alone: str | None, aimed: bool, named_at: Sequence[int], pos: int
) -> str | None:
    """``alone``, the one system a study evaluates, for a value at ``pos``; None when that
    system is the aim's (``aimed``: tied without a generic word) and the sentence names a
    model before the value (``named_at``, their start offsets): "ViT and ResNet reached
    86.9% and 83.4%" are those models' values, whatever the study evaluates (branch ties17).

    >>> aim_unless_named("x", True, [0], 30), aim_unless_named("x", False, [0], 30)
    (None, 'x')
    >>> aim_unless_named("x", True, [40], 30)
    'x'
    """
    return None if aimed and any(c < pos for c in named_at) else alone


def tie_only_model(
    result: ResultMatch, text: str, sentence_start: int, only: str | None, aimed: bool = False
) -> ResultMatch:
    """A result the text ties to no model, tied to ``only``: the one model of a paper that
    introduces none (:func:`only_model`, an evaluation study of one system), when the
    value's sentence names the system by a generic word before it
    (``EVALUATED_SYSTEM_WORDS``: "The tool had a sensitivity of 88%", "it reached 0.91")
    and its clause speaks of no other system (:func:`speaks_of_others`). Without such a
    word the one model may be a backbone or a comparator and the value the paper's unnamed
    system's (branch ties16). The caller passes ``only`` only for a sentence that does not
    name that model: "It reached 0.93, versus 0.90 for X" sets X apart from "it". When the
    study's aim names ``only`` (``aimed``, :func:`aim_system`), no generic word is needed:
    "To evaluate the X system ... Sensitivity was 95.7%" (branch ties17).

    >>> from decimal import Decimal
    >>> t = "The tool reached 0.80. The AUC was 0.91."
    >>> r = [ResultMatch(s, s + 4, t[s : s + 4], Decimal(t[s : s + 4]), False, "auc", 0, 1)
    ...      for s in (17, 35)]
    >>> [tie_only_model(x, t, s, "toola").model_key for x, s in zip(r, (0, 23))]
    ['toola', None]
    """
    if result.model_key is not None or only is None:
        return result
    before = clause_words(text, sentence_start, result.start)
    if not aimed and not names_evaluated_system(before, EVALUATED_SYSTEM_WORDS):
        return result
    if aimed and names_own_system(before):
        return result  # "Our classifier then reached 0.84": the paper's own, unnamed system
    after = _words_after(text, result.end, 3)
    if speaks_of_others(before, after, OTHER_SYSTEM_WORDS, COMPARED_SYSTEM_WORDS):
        return result
    return replace(result, model_key=only)


#: words by which a clause names the paper's own system: "Our classifier reached 0.84"
_OWN_WORDS = frozenset({"our", "ours"})


def names_own_system(before: Sequence[str]) -> bool:
    """Whether the clause before a value (lower-case words) names the paper's own system
    ("our", "ours": "Our classifier then reached an F1 of 0.84"): the value is that system's,
    not the one a study's aim names, which the paper uses as a tool ("Quality assessment of
    reports with X was performed"; branch review17a).

    >>> names_own_system("our classifier then reached an f1 of".split())
    True
    >>> names_own_system("sensitivity was".split())
    False
    """
    return bool(_OWN_WORDS & set(before))


#: words that end the clause a value's subject is read from: "While readers reached 80%, the
#: model reached 91%" (the second value's clause starts after the comma)
_CLAUSE_BREAKS = frozenset({";", ",", "while", "whereas", "but"})


def names_other(word: str, others: frozenset[str]) -> bool:
    """Whether a word (lower case) names a system or people other than the paper's own model:
    a word of ``others``, a specialist ("-ologist", "-ologists": radiologists,
    neuroradiologists, pathologists), or agreement among people, "inter-" or "intra-" before
    a word of ``others`` ("inter-reader", "intrarater"; branch ties17).

    >>> others = frozenset({"baselines", "reader"})
    >>> [names_other(w, others) for w in ("baselines", "neuroradiologists", "model", "biology")]
    [True, True, False, False]
    >>> [names_other(w, others) for w in ("inter-reader", "intrareader", "international")]
    [True, True, False]
    """
    return (
        word in others
        or word.endswith(("ologist", "ologists"))
        or (word.startswith(("inter", "intra")) and word[5:].lstrip("-") in others)
    )


def speaks_of_others(
    before: Sequence[str],
    after: Sequence[str],
    others: frozenset[str],
    compared: frozenset[str] = frozenset(),
) -> bool:
    """Whether a value's clause names a system or people other than the paper's own model
    (:func:`names_other`): a word of ``before`` (the words of the sentence before the value,
    lower case, nearest last) back to the clause's start, or one of the three words right
    after it ("a sensitivity of 78% for radiologists"); or whether the clause sets the value
    against the model's own (a word of ``compared`` before it: "0.862 versus 0.759", "compared
    with 0.57 when unaided"). Such a score is not the paper's model's (:func:`tie_own_model`).

    >>> others, compared = frozenset({"baselines"}), frozenset({"versus"})
    >>> speaks_of_others("the baselines reached".split(), [], others)
    True
    >>> speaks_of_others("sensitivity was".split(), "for radiologists".split(), others)
    True
    >>> speaks_of_others("baselines reached 80 % , while the model reached".split(), [], others)
    False
    >>> speaks_of_others("the model reached".split(), "on the test".split(), others)
    False
    >>> speaks_of_others("dice 0.86 versus".split(), [], others, compared)
    True
    >>> speaks_of_others("dice".split(), "versus 0.75".split(), others, compared)
    False
    >>> speaks_of_others("versus 0.87 for a , 0.86 for b and".split(), [], others, compared)
    True
    >>> speaks_of_others("versus baselines , our model reached".split(), [], others, compared)
    False
    """
    broken = listed = False  # past a clause break; past a value since the last break
    for w in reversed(before):
        if w in _CLAUSE_BREAKS:
            broken, listed = True, False
        elif _starts_number(w):
            listed = True
        elif not broken and names_other(w, others):
            return True
        # "compared with 0.87 for A, 0.86 for B and 0.82": a comparison lists values past
        # commas; "Compared with baselines, our model reached 0.91" is the model's own
        if w in compared and (not broken or listed):
            return True
    return any(names_other(w, others) for w in after[:3])


def tie_own_model(
    result: ResultMatch, text: str, sentence_start: int, own: str | None
) -> ResultMatch:
    """A result the text ties to no model, tied to ``own``: the paper's only introduced model
    (:func:`only_introduced`) unless the value's clause speaks of other systems or people
    (:func:`speaks_of_others`). "Our model achieves 82% accuracy", "On X, the Dice was 0.81"
    in a paper that proposes one model are that model's scores (issue 15: results tied right).

    >>> from decimal import Decimal
    >>> t = "Baselines reached 0.80. The Dice was 0.91."
    >>> r = [ResultMatch(s, s + 4, t[s : s + 4], Decimal(t[s : s + 4]), False, "dice", 0, 1)
    ...      for s in (18, 37)]
    >>> [tie_own_model(x, t, s, "net").model_key for x, s in zip(r, (0, 24))]
    [None, 'net']
    >>> tie_own_model(r[1], t, 24, None).model_key
    """
    if result.model_key is not None or own is None:
        return result
    before = clause_words(text, sentence_start, result.start)
    after = _words_after(text, result.end, 3)
    if speaks_of_others(before, after, OTHER_SYSTEM_WORDS, COMPARED_SYSTEM_WORDS):
        return result
    return replace(result, model_key=own)


#: words that place a value's clause on data other than the paper's own: "external"
ELSEWHERE_WORDS = wordlist("results_wordlists", "elsewhere_words")


def only_own_dataset(spans: Sequence[Span]) -> str | None:
    """The key of the paper's only dataset when the paper introduces it (a dataset or
    benchmark paper: its values are measured on its own data); None when it names several
    datasets or only uses the one it names (that one may be training data only, the values
    measured on unnamed data; issue 15: results tied right).

    >>> import spacy
    >>> from kg.nlp import extensions  # noqa: F401
    >>> d = spacy.blank("en")("We release SetA , a benchmark ; SetA has SetB")
    >>> spans = [Span(d, i, i + 1, kb_id=d[i].text.lower()) for i in (2, 7)]
    >>> spans[0]._.kg_role = "introduces"
    >>> only_own_dataset(spans)
    'seta'
    >>> only_own_dataset(spans + [Span(d, 9, 10, kb_id="setb")])
    >>> spans[0]._.kg_role = "uses"
    >>> only_own_dataset(spans)
    """
    keys = {s.kb_id_ for s in spans if s.kb_id_}
    if len(keys) != 1 or not any(s._.kg_role == "introduces" for s in spans):
        return None
    return next(iter(keys))


def tie_own_dataset(
    result: ResultMatch, text: str, sentence_start: int, own: str | None
) -> ResultMatch:
    """A result the text places on no dataset, placed on ``own``: the paper's only dataset,
    its own (:func:`only_own_dataset`), unless its sentence before it, or the three words
    after it, say it was measured elsewhere (``ELSEWHERE_WORDS``: "On external validation,
    the AUROC was 0.85", "0.85 externally").

    >>> from decimal import Decimal
    >>> t = "On external data it reached 0.80. It reached 0.91."
    >>> r = [ResultMatch(s, s + 4, t[s : s + 4], Decimal(t[s : s + 4]), False, "auc", 0, 1)
    ...      for s in (28, 45)]
    >>> [tie_own_dataset(x, t, s, "seta").dataset_key for x, s in zip(r, (0, 34))]
    [None, 'seta']
    >>> tie_own_dataset(r[1], t, 34, None).dataset_key
    """
    if result.dataset_key is not None or own is None:
        return result
    before = clause_words(text, sentence_start, result.start)
    after = _words_after(text, result.end, 3)
    if not ELSEWHERE_WORDS.isdisjoint([*before, *after]):
        return result
    return replace(result, dataset_key=own)


#: words after "external" that make it no place: "external knowledge", "external tools"
EXTERNAL_NOT_DATA_HEADS = wordlist("results_wordlists", "external_not_data_heads")
#: words that place a clause on the paper's internal data: "the internal AUROC"
INTERNAL_WORDS = wordlist("results_wordlists", "internal_words")


def says_external(words: Sequence[str], i: int) -> bool:
    """Whether ``words[i]`` (lower case) says a place is external data or validation
    (``ELSEWHERE_WORDS``): not "external" right before a word of ``EXTERNAL_NOT_DATA_HEADS``
    ("using external knowledge from X", "with external tools": a resource, not a place of
    evaluation; branch review16d).

    >>> w = "using external knowledge from x ; external validation".split()
    >>> says_external(w, 1), says_external(w, 6), says_external(w, 0)
    (False, True, False)
    """
    if words[i] not in ELSEWHERE_WORDS:
        return False
    return not (i + 1 < len(words) and words[i + 1] in EXTERNAL_NOT_DATA_HEADS)


#: words that join a new phrase after a value: "0.93 and the external AUROC 0.87"
_PHRASE_JOINS = frozenset({"and", "while", "whereas", "but", ";"})
_PHRASE_OPENERS = frozenset({"the", "a", "an", "its", "their", "our", "this", "that"})


def own_words_after(after: Sequence[str]) -> list[str]:
    """The words after a value (``after``, lower case) that still speak of it: up to a
    conjunction that opens a new noun phrase ("and the", "while its"). "The internal AUROC
    was 0.93 and the external AUROC 0.87": "external" is the next value's, not 0.93's
    (branch review17c); "0.91 and 0.87 externally" lists both values in one place.

    >>> own_words_after(["and", "the", "external"]), own_words_after(["and", "0.87", "externally"])
    ([], ['and', '0.87', 'externally'])
    >>> own_words_after(["externally", "and", "the"])
    ['externally']
    """
    for k, word in enumerate(after):
        if word in _PHRASE_JOINS and k + 1 < len(after) and after[k + 1] in _PHRASE_OPENERS:
            return list(after[:k])
    return list(after)


def external_nearer(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether the words around a value (``before``: its sentence before it, ``after``: the
    three words after it, lower case) place it on external data: an external word
    (:func:`says_external`) after it, or before it with no internal word (``INTERNAL_WORDS``)
    nearer the value ("Although external validation is pending, the internal AUROC was
    0.91" is internal; branch review16d).

    >>> external_nearer("in the external cohort it reached".split(), [])
    True
    >>> external_nearer("external validation is pending , the internal auroc was".split(), [])
    False
    >>> external_nearer([], ["externally"])
    True
    """
    if any(says_external(after, i) for i in range(len(after))):
        return True
    for i in range(len(before) - 1, -1, -1):
        if before[i] in INTERNAL_WORDS:
            return False
        if says_external(before, i):
            return True
    return False


#: words that may stand between a dataset and the external word after it: "X for external
#: validation", "X was used as an external test set"
_EXTERNAL_AFTER_GAP = frozenset({"for", "as", "in", "was", "were", "is", "used", "an", "a", "the"})


#: words that list a dataset with the one before it: "externally validated on X and on Y"
_EXTERNAL_LIST_GAP = frozenset({",", "and", "or", "on", "in", "the"})


def named_as_external(words_before: Sequence[str], words_after: Sequence[str]) -> bool:
    """Whether a dataset is named as the paper's external data: an external word
    (``ELSEWHERE_WORDS``) before it in its sentence with no other dataset between
    (``words_before``, lower case, from the nearest dataset before it or the sentence's
    start: "externally validated on 61,907 stays in X"), or one after it past at most four
    linking words (``words_after``: "X for external validation", "X was used as an external
    test set"). Branch ties16: results in "the external cohort" are on that dataset.

    >>> named_as_external("and externally validated on stays in".split(), [])
    True
    >>> named_as_external([], "for external validation".split())
    True
    >>> named_as_external([], "and externally validated".split())
    False
    >>> named_as_external("trained on".split(), "for development".split())
    False
    """
    if any(says_external(words_before, i) for i in range(len(words_before))):
        return True
    for i, w in enumerate(words_after[:5]):
        if says_external(words_after, i):
            return True
        if w not in _EXTERNAL_AFTER_GAP:
            return False
    return False


def external_data(
    doc: Doc, datasets: Sequence[Span], bounds: Sequence[tuple[int, int]]
) -> tuple[str, int] | None:
    """The key of the one dataset the abstract names as its external data
    (:func:`named_as_external`) and the end character of the sentence that first names it
    so (``bounds``: the token bounds of the sentences; a dataset listed right after an
    external one is external too: "externally validated on X and on Y"); None when it names
    none or several so (branch ties16).

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> d = nlp("We trained on Foo and externally validated on Bar . It works .")
    >>> external_data(d, [Span(d, 3, 4, kb_id="foo"), Span(d, 8, 9, kb_id="bar")], [(0, 10)])
    ('bar', 51)
    >>> d = nlp("We trained on Foo and tested on Bar .")
    >>> external_data(d, [Span(d, 3, 4, kb_id="foo"), Span(d, 7, 8, kb_id="bar")], [(0, 8)])
    """
    found = external_found(doc, datasets, bounds)
    if len(found) != 1:
        return None
    key, end = next(iter(found.items()))
    return key, end


def external_found(
    doc: Doc, datasets: Sequence[Span], bounds: Sequence[tuple[int, int]]
) -> dict[str, int]:
    """Every dataset the abstract names as external data (:func:`named_as_external`), by
    key, with the end character of the sentence that first names it so (see
    :func:`external_data`, which asks for exactly one; branch ties17b: the others are the
    paper's internal data, :func:`internal_data`)."""
    # the lower-case words, read once per Doc; without an external word nothing is named so
    # (:func:`says_external`), and most abstracts hold none (speed16b)
    lowers = token_lowers(doc)
    if not datasets or ELSEWHERE_WORDS.isdisjoint(lowers):
        return {}
    found: dict[str, int] = {}
    listed = False  # the dataset before was external data and this one is listed with it
    for k, d in enumerate(datasets):
        start, end = next(((a, b) for a, b in bounds if a <= d.start < b), (0, len(doc)))
        floor = start
        if k > 0 and floor < datasets[k - 1].end <= d.start:
            floor = datasets[k - 1].end
        before = list(lowers[floor : d.start])
        after = list(lowers[d.end : min(end, d.end + 5)])
        # "externally validated on X and on Y": a list carries the external role
        listed = listed and floor > start and set(before) <= _EXTERNAL_LIST_GAP
        if d.kb_id_ and (listed or named_as_external(before, after)):
            found.setdefault(d.kb_id_, doc[end - 1].idx + len(doc[end - 1]))
            listed = True
        else:
            listed = False
    return found


def tie_external_dataset(
    result: ResultMatch, text: str, sentence_start: int, external: str | None
) -> ResultMatch:
    """A result the text places on no dataset, placed on ``external``: the paper's one
    external dataset (:func:`external_data`), when its sentence before it or the three words
    after it say "external(ly)" ("In the external cohort, the AUROC was 0.85", "0.178
    externally"; branch ties16). The caller passes ``external`` only for a sentence after
    the one naming it and naming no dataset itself.

    >>> from decimal import Decimal
    >>> t = "In the external cohort it reached 0.80. It reached 0.91."
    >>> r = [ResultMatch(s, s + 4, t[s : s + 4], Decimal(t[s : s + 4]), False, "auc", 0, 1)
    ...      for s in (34, 51)]
    >>> [tie_external_dataset(x, t, s, "bar").dataset_key for x, s in zip(r, (0, 40))]
    ['bar', None]
    """
    if result.dataset_key is not None or external is None:
        return result
    before = clause_words(text, sentence_start, result.start)
    after = own_words_after(_words_after(text, result.end, 3))
    if not external_nearer(before, after):
        return result
    return replace(result, dataset_key=external)


def internal_data(datasets: Sequence[Span], external: Collection[str]) -> str | None:
    """The key of the paper's internal data: its one dataset besides those it names as
    external (``external``, :func:`external_found`), or its only dataset when it names none
    so, when the paper introduces it; None when it names several others or only uses that
    one (branch ties17b: "On the internal test set, X achieved an AUROC of 0.912" in a paper
    that assembled one dataset and tested externally on others; a public dataset used leaves
    the internal test set often the authors' own, unnamed).

    >>> import spacy
    >>> from kg.nlp import extensions  # noqa: F401
    >>> d = spacy.blank("en")("Foo Bar Baz")
    >>> spans = [Span(d, i, i + 1, kb_id=d[i].text.lower()) for i in range(3)]
    >>> spans[0]._.kg_role = "introduces"
    >>> internal_data(spans[:1], ()), internal_data(spans[:2], {"bar"})
    ('foo', 'foo')
    >>> internal_data(spans, {"bar"})
    >>> spans[0]._.kg_role = "uses"
    >>> internal_data(spans[:1], ())
    """
    keys = {s.kb_id_ for s in datasets if s.kb_id_ and s.kb_id_ not in external}
    if len(keys) != 1:
        return None
    key = next(iter(keys))
    # a public dataset used for training leaves the internal test set the paper's own data
    return key if any(s.kb_id_ == key and s._.kg_role == "introduces" for s in datasets) else None


def says_internal(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether the words around a value (``before``: its sentence before it, ``after``: the
    three words after it, lower case) place it on the paper's internal data: an internal
    word (``INTERNAL_WORDS``) after it, or before it with no external word nearer the value
    ("On the internal test set, it reached 0.91", "0.91 internally"; branch ties17b).

    >>> says_internal("on the internal test set it reached".split(), [])
    True
    >>> says_internal("internal validation aside , the external auroc was".split(), [])
    False
    >>> says_internal("on the test set it reached".split(), ["internally"])
    True
    >>> says_internal("on internal review , two readers agreed with".split(), [])
    False
    """
    if any(internal_place(after, i) for i in range(len(after))):
        return True
    for i in range(len(before) - 1, -1, -1):
        if internal_place(before, i):
            return True
        if says_external(before, i):
            return False
    return False


#: words after "internal" that give it another sense: "internal medicine", "internal review"
INTERNAL_NOT_DATA_HEADS = wordlist("results_wordlists", "internal_not_data_heads")


def internal_place(words: Sequence[str], i: int) -> bool:
    """Whether ``words[i]`` (lower case) says a place is the paper's internal data
    (``INTERNAL_WORDS``): not "internal" right before a word of ``internal_not_data_heads``
    ("notes from internal medicine wards", "on internal review", "internal consistency": a
    specialty, a procedure, a property; branch review17c), as :func:`says_external` does for
    "external".

    >>> w = "internal medicine notes ; the internal test set".split()
    >>> internal_place(w, 0), internal_place(w, 5), internal_place(w, 1)
    (False, True, False)
    """
    if words[i] not in INTERNAL_WORDS:
        return False
    return not (i + 1 < len(words) and words[i + 1] in INTERNAL_NOT_DATA_HEADS)


def tie_internal_dataset(
    result: ResultMatch, text: str, sentence_start: int, internal: str | None
) -> ResultMatch:
    """A result the text places on no dataset, placed on ``internal`` (the paper's internal
    data, :func:`internal_data`) when the words around it say "internal(ly)"
    (:func:`says_internal`); the caller passes ``internal`` only for a sentence that names
    no dataset (branch ties17b)."""
    if result.dataset_key is not None or internal is None:
        return result
    before = clause_words(text, sentence_start, result.start)
    if not says_internal(before, own_words_after(_words_after(text, result.end, 3))):
        return result
    return replace(result, dataset_key=internal)


def link_before(doc: Doc, name: Span, floor: int, links: frozenset[str]) -> int | None:
    """The index of the link word ("on", "in", "for", ...) that opens the phrase of a name
    before a value, with up to three modifier words between ("on the held-out X test set",
    "for survival on seven X cohorts"; not past punctuation or below token ``floor``).

    >>> import spacy
    >>> d = spacy.blank("en")("On the held - out Foo set , and Bar Baz")
    >>> link_before(d, d[5:6], 0, frozenset({"on"})), link_before(d, d[9:10], 0, frozenset({"on"}))
    (0, None)
    """
    start, reach = abbreviated_phrase(doc, name)
    for i in range(start - 1, max(floor, start - reach) - 1, -1):
        t = doc[i]
        if t.lower_ in links:
            return i
        if (t.is_punct and t.text != "-") or (start < name.start and t.lower_ in _PHRASE_BREAKS):
            return None
    return None


#: words that end the description a bracketed name abbreviates: "transfer from mouse (X)"
_PHRASE_BREAKS = wordlist("results_wordlists", "abbreviated_phrase_breaks")


def abbreviated_phrase(doc: Doc, name: Span) -> tuple[int, int]:
    """Where the phrase of a name starts for :func:`link_before`, and how many words back a
    link may be: a name alone in brackets abbreviates the phrase before it ("on the public
    breast ultrasound video dataset (BUS-200)"), whose link is before that description, up
    to ten words back; any other name's phrase is its own, with up to five words back.
    Branch ties17b.

    >>> import spacy
    >>> d = spacy.blank("en")("on the public breast video dataset ( BUS-200 ) , it")
    >>> abbreviated_phrase(d, d[7:8]), abbreviated_phrase(d, d[5:6])
    ((6, 10), (5, 6))
    """
    if (
        name.start > 0
        and name.end < len(doc)
        and doc[name.start - 1].text == "("
        and doc[name.end].text == ")"
    ):
        return name.start - 1, 10
    return name.start, 6


def claimed_place(doc: Doc, name: Span, value_ends: Sequence[int], links: frozenset[str]) -> bool:
    """Whether a name is the place of the last value before it in the sentence (value ends
    ``value_ends``): at most six words between, one a link ("0.893 for layers on Duke DME",
    "0.831 across 192 PadChest findings"): that value's, not the place of the sentence's later
    values (:func:`place_before`).

    >>> import spacy
    >>> d = spacy.blank("en")("0.89 for layers on Foo , versus 0.81")
    >>> links = frozenset({"on", "for"})
    >>> claimed_place(d, d[4:5], [4], links), claimed_place(d, d[4:5], [], links)
    (True, False)
    >>> d = spacy.blank("en")("0.84 and on Foo an accuracy of 96.1%")
    >>> claimed_place(d, d[3:4], [4], links)
    False
    """
    ends = [end for end in value_ends if end <= name.start_char]
    if not ends:
        return False
    gap = [t for t in doc[: name.start] if t.idx >= max(ends)]
    # "0.842 and on X an accuracy of 96.1%": a coordinator opens the next value's phrase
    return (
        len(gap) <= 6
        and any(t.lower_ in links for t in gap)
        and not any(t.lower_ in _CLAUSE_BREAKS or t.lower_ in ("and", "or") for t in gap)
    )


def place_before(
    sent: Span,
    value_start: int,
    datasets: Sequence[Span],
    value_ends: Sequence[int],
    links: frozenset[str],
    training: frozenset[str] = frozenset(),
) -> str | None:
    """The dataset a value's clause is placed on before the value: the nearest dataset before
    it in the sentence (no ";" between) that a link opens (:func:`link_before`: "On the
    held-out X test set, it reaches 3.92"; "... and on Y an accuracy of 96.1%"), unless it
    is the place of an earlier value (:func:`claimed_place`). A dataset after a training
    word ("trained on X", ``training``) is training data: the search goes on before it
    ("tested on Y after training on X, it reached 0.91" ties Y). Issue 15: results tied
    right.

    >>> import spacy
    >>> d = spacy.blank("en")("Tested on Foo after training on Bar , it reached 0.91")
    >>> spans = [Span(d, 2, 3, kb_id="foo"), Span(d, 6, 7, kb_id="bar")]
    >>> links = frozenset({"on"})
    >>> place_before(d[:], 45, spans, [], links, frozenset({"training"}))
    'foo'
    >>> place_before(d[:], 45, spans, [], links)
    'bar'
    >>> d = spacy.blank("en")("On Foo and Bar , it reached 0.91")
    >>> place_before(d[:], 28, [Span(d, 1, 2, kb_id="foo"), Span(d, 3, 4, kb_id="bar")], [], links)
    >>> d = spacy.blank("en")("It reached 0.98 on Foo , versus 0.96 for Y")
    >>> place_before(d[:], 32, [Span(d, 4, 5, kb_id="foo")], [15], links)
    'foo'
    >>> d = spacy.blank("en")("It reached 0.98 on Foo , and 0.96 for Y")
    >>> place_before(d[:], 29, [Span(d, 4, 5, kb_id="foo")], [15], links)
    """
    doc = sent.doc
    text = text_of(doc)
    before = [d for d in datasets if d.start >= sent.start and d.end_char <= value_start]
    for d in sorted(before, key=lambda s: -s.start):
        if ";" in text[d.end_char : value_start]:
            return None
        link = link_before(doc, d, sent.start, links)
        if link is None:
            return None
        if link > sent.start and doc[link - 1].lower_ in training:
            continue  # training data: where the value was measured comes before it
        phrase = sorted((s for s in before if link < s.start <= d.start), key=lambda s: s.start)
        # "On X and Y, it attains 91.3 and 63.8": which is whose is for a list to say; "On
        # MIMIC-IV ICD-10" (two names, no list) is the first one's
        if any(t.lower_ in ("and", "or", ",", "/") for t in doc[phrase[0].end : d.start]):
            return None
        if claimed_place(doc, d, value_ends, links):
            # "0.981 on X, compared with 0.962 for Y": a compared value shares the place
            between = {t.lower_ for t in doc[d.end : sent.end] if t.idx < value_start}
            if not between & COMPARED_SYSTEM_WORDS:
                return None
        return phrase[0].kb_id_ or None
    return None


#: the words that open a comparison in a sentence: "versus", "compared", "outperforming"
_COMPARED_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(w) for w in sorted(COMPARED_SYSTEM_WORDS))
    + r")(?![\w-])",
    re.IGNORECASE,
)
#: what ends a comparison's clause: a semicolon, or a contrast that opens a claim of its own
_COMPARISON_END = re.compile(r";|\b(?:while|whereas|but)\b", re.IGNORECASE)
#: a link right after a compared value that gives it a place of its own: "0.85 on X", "0.80
#: in the external cohort" ("for" names the compared model: "0.85 for Y")
_OWN_PLACE_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:on|in|across|within|over)\b", re.I)


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


def pairs_with_systems(text: str, start: int, end: int) -> bool:
    """Whether a compared list of values, ending at character ``start`` of a clause ending at
    ``end``, is paired with a list of systems by "respectively" ("versus 0.87 and 0.85 for
    readers and ResNet-50, respectively": one value each, not one per place of the subject's;
    branch review16d).

    >>> t = "versus 0.87 and 0.85 for readers and Y, respectively."
    >>> pairs_with_systems(t, 20, len(t)), pairs_with_systems(t[:39], 20, 39)
    (True, False)
    """
    return _RESPECTIVELY.search(text, start, end) is not None


def compared_places(
    text: str,
    values: Sequence[tuple[int, int]],
    groups: Sequence[Sequence[int]],
    keys: Sequence[str | None],
    clause: tuple[int, int],
    places: Sequence[int] = (),
) -> list[str | None]:
    """The datasets of the values a comparison sets against the subject's: values after the
    first comparison word of the clause ``clause`` (``COMPARED_SYSTEM_WORDS``: "versus",
    "compared with", "outperforming") that no rule placed are measured where the subject's
    values before it were, all of which are placed. One place: every compared value is on it
    ("61.2% on X, outperforming Y (58.7%)"); several: each list of compared values as long
    as the subject's takes its places in order ("0.93 on A and 0.95 on B, compared with 0.92
    and 0.94 for Y"). A compared value or list with a place link of its own after it
    ("versus 0.85 in the external cohort"), or past a ";", "while", "whereas" or "but", keeps none
    (branch ties16: comparators' results on the subject's data); nor does one after a
    dataset named past the comparison word ("against 80.2% for Y, and X accuracy was 77.0%":
    ``places``, the start characters of the sentence's datasets). ``values`` are the
    (start, end) characters of the sentence's values, ``groups`` their lists, ``keys`` their
    dataset keys; returns ``keys`` with the compared values placed.

    >>> t = "It got 0.93 on A and 0.95 on B, versus 0.92 and 0.94 for Y."
    >>> v = [(7, 11), (20, 24), (39, 43), (48, 52)]
    >>> compared_places(t, v, [[0], [1], [2, 3]], ["a", "b", None, None], (0, len(t)))
    ['a', 'b', 'a', 'b']
    >>> compared_places(t, v, [[0], [1], [2], [3]], ["a", "b", None, None], (0, len(t)))
    ['a', 'b', None, None]
    >>> compared_places(t, v, [[0], [1], [2, 3]], ["a", None, None, None], (0, len(t)))
    ['a', None, None, None]
    >>> t = "It got 0.93 on A, versus 0.90 for Y and 0.85 in the external cohort."
    >>> v = [(7, 11), (25, 29), (40, 44)]
    >>> compared_places(t, v, [[0], [1], [2]], ["a", None, None], (0, len(t)))
    ['a', 'a', None]
    """
    out = list(keys)
    start, end = clause
    first = next(iter(values), None)
    opener = _COMPARED_RE.search(text, first[1], end) if first is not None else None
    if opener is None:
        return out
    stop = _COMPARISON_END.search(text, opener.end(), end)
    close = stop.start() if stop is not None else end
    subject = [keys[i] for i, (_s, e) in enumerate(values) if start <= e <= opener.start()]
    if not subject or any(k is None for k in subject):
        return out
    named = [p for p in places if opener.end() <= p < close]
    compared = {
        i
        for i, (s, e) in enumerate(values)
        if opener.end() <= s and e <= close and not any(p < s for p in named)
    }
    for group in groups:
        mine = [i for i in group if i in compared]
        # "versus 0.874 and 0.851 in two external cohorts": the list's own place follows it
        if not mine or _OWN_PLACE_AFTER.match(text, values[mine[-1]][1]) is not None:
            continue
        if len(set(subject)) == 1:
            taken: list[str | None] = [subject[0]] * len(mine)
        elif len(mine) == len(subject) and not pairs_with_systems(text, values[mine[-1]][1], close):
            taken = list(subject)
        else:
            continue
        for i, place in zip(mine, taken, strict=True):
            if out[i] is None:
                out[i] = place
    return out


#: a coordinated list of names as (start_char, end_char, key) triples
NamedList = list[tuple[int, int, str]]


#: words after a dataset's name that name a part of it inside a list of names: "On the MedQA
#: test split, MedMCQA and PubMedQA" (results._metric_groups, branch ties17b)
DATASET_PART_WORDS = wordlist("results_wordlists", "dataset_part_words")


def span_lists(spans: Sequence[Span]) -> list[NamedList]:
    """Group name spans written as a list ("BraTS, KiTS and LiTS", "GPT-4/Claude-3", "the
    BraTS test split, KiTS and LiTS") into (start_char, end_char, key) lists; a lone name is
    a list of one."""
    return [
        [(s.start_char, s.end_char, s.kb_id_) for s in group]
        for group in _metric_groups(spans, DATASET_PART_WORDS)
    ]


def share_last_key(groups: Sequence[Sequence[int]], keys: Sequence[str | None]) -> list[str | None]:
    """In a list of values ("0.91 and 0.85 on KiTS"), the name tied to the last value only
    belongs to every value of the list; values tied to names of their own keep them
    ("0.91 on BraTS and 0.85 on KiTS").

    >>> share_last_key([[0, 1], [2]], ["brats", None, None])
    ['brats', None, None]
    >>> share_last_key([[0, 1, 2]], [None, None, "kits"])
    ['kits', 'kits', 'kits']
    >>> share_last_key([[0, 1]], ["brats", "kits"])
    ['brats', 'kits']
    """
    out = list(keys)
    for group in groups:
        last = keys[group[-1]]
        if len(group) > 1 and last is not None and all(keys[i] is None for i in group[:-1]):
            for i in group:
                out[i] = last
    return out


def align_lists(
    values: Sequence[tuple[int, int]],
    groups: Sequence[Sequence[int]],
    names: Sequence[NamedList],
    keys: Sequence[str | None],
    respectively: bool,
    *,
    reach: int = 40,
) -> list[str | None]:
    """Tie each value of a list to the name in the same place of an equally long list of
    names ("0.91, 0.85 and 0.78 on BraTS, KiTS and LiTS"; "GPT-4 and Claude-3 reach 0.81 and
    0.77"; issue 15, item 5). The names must follow the values, or precede them, within
    ``reach`` characters, or the sentence must say "respectively". Returns ``keys`` with the
    aligned values replaced.

    >>> v = [(10, 14), (16, 20)]
    >>> align_lists(v, [[0, 1]], [[(24, 29, "brats"), (34, 38, "kits")]], [None, "kits"], False)
    ['brats', 'kits']
    >>> align_lists(v, [[0, 1]], [[(80, 85, "brats"), (90, 94, "kits")]], [None, None], False)
    [None, None]
    >>> align_lists(v, [[0, 1]], [[(80, 85, "brats"), (90, 94, "kits")]], [None, None], True)
    ['brats', 'kits']
    >>> align_lists(v, [[0, 1]], [[(24, 29, "brats")]], [None, None], True)
    [None, None]
    """
    out = list(keys)
    for group in groups:
        if len(group) < 2:
            continue
        first, last = values[group[0]][0], values[group[-1]][1]
        for names_list in names:
            if len(names_list) != len(group):
                continue
            after = 0 <= names_list[0][0] - last <= reach
            before = 0 <= first - names_list[-1][1] <= reach
            if after or before or respectively:
                for i, (_s, _e, key) in zip(group, names_list, strict=True):
                    out[i] = key or None
                break
    return out


#: pronouns that take up the score of the sentence before: "lifts this to 79.5%"
_SCORE_PRONOUNS = wordlist("results_wordlists", "score_pronouns")


def raised_to(before: Sequence[str], cues: ResultCues) -> bool:
    """Whether the words ``before`` a value (lower case, nearest last) raise an earlier score
    to it: "<change verb> this/it/them to 79.5%" ("Our model lifts this to 79.5%", "which
    raises it to 0.91"; issue 15, item 5). The value is the new score of the metric the
    sentence before named; "raises accuracy to" names its metric itself, "lifts it by" is a
    change.

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), change_verbs=frozenset({"lifts", "raises"}))
    >>> [raised_to(w.split(), cues) for w in ("model lifts this to", "which raises it to",
    ...  "lifts this by", "lifts accuracy to", "this to", "grows it to")]
    [True, True, False, False, False, False]
    """
    return (
        len(before) >= 3
        and before[-1] == "to"
        and before[-2] in _SCORE_PRONOUNS
        and before[-3] in cues.change_verbs
    )


def tied_to_name(
    doc: Doc,
    match: re.Match[str],
    datasets: Sequence[Span],
    models: Sequence[Span],
    score_verbs: frozenset[str] = frozenset(),
) -> bool:
    """Whether a value is stated for a named dataset or model with nothing else between: "on"
    or "in" and the dataset right after it ("88.1% on MedQA"), or alone in brackets right
    after a model ("Meditron-7B (47.9%)"; issue 15, item 5: a sentence that names no metric
    keeps the one of the sentence before).

    >>> import spacy
    >>> d = spacy.blank("en")("X gets 88.1% on MedQA , 12% on the set and Y (47.9%) .")
    >>> t = d.text
    >>> ms = [VALUE_RE.search(t, t.index(v)) for v in ("88.1", "12", "47.9")]
    >>> [tied_to_name(d, m, [d[5:6]], [d[13:14]]) for m in ms]
    [True, False, True]

    A model right before a verb that states its score (``score_verbs``) ties it too:
    "while GPT-4o reached 21.4%".

    >>> d = spacy.blank("en")("while Y reached 21.4% and Y has 12%")
    >>> ms = [VALUE_RE.search(d.text, d.text.index(v)) for v in ("21.4", "12")]
    >>> [tied_to_name(d, m, [], [d[1:2], d[6:7]], frozenset({"reached"})) for m in ms]
    [True, False]

    So does a model written right before the value ("and the smaller model Z 38.9%").

    >>> d = spacy.blank("en")("and the smaller model Z 38.9%")
    >>> tied_to_name(d, VALUE_RE.search(d.text), [], [d[4:5]])
    True
    """
    value = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if (
        value is not None
        and value.start >= 2
        and doc[value.start - 1].lower_ in score_verbs
        and any(m.end == value.start - 1 for m in models)
    ):
        return True
    if value is not None and any(m.end == value.start for m in models):
        return True  # "... and the smaller model Y 38.9%": a listed model and its score
    text = text_of(doc)
    after = doc.char_span(match.end(), len(text), alignment_mode="expand")
    if after is not None and after.start + 1 < len(doc) and doc[after.start].lower_ in {"on", "in"}:
        if any(d.start == after.start + 1 for d in datasets):
            return True
    before = text[: match.start()].rstrip()
    closing = text[match.end() :].lstrip()
    if not before.endswith("(") or not closing.startswith(")"):
        return False
    opener = doc.char_span(0, len(before) - 1, alignment_mode="expand")
    return opener is not None and any(m.end == opener.end for m in models)


def stated_by_verb(match: re.Match[str], text: str, cues: ResultCues) -> bool:
    """Whether a value is the score a verb of ``score_verbs`` states right before it, at most
    one hedge between ("The smaller model reached 0.803", "reaches only 0.62"), written as a
    decimal or a percentage (a whole number after such a verb is too often a count: "reached
    200 users").

    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), score_verbs=frozenset({"reached"}), hedges=(("only",),))
    >>> [stated_by_verb(VALUE_RE.search(t), t, cues) for t in ("It reached 0.803 overall",
    ...  "It reached only 41.5%", "It reached 200 users", "It had 0.803")]
    [True, True, False, False]
    """
    if "." not in match.group("num") and "%" not in (match.group("unit") or ""):
        return False
    before = _words_before(text, match.start(), 3)
    if len(before) >= 2 and (before[-1],) in cues.hedges:
        before = before[:-1]
    return bool(before) and before[-1] in cues.score_verbs


def stated_before_metrics(
    values: Sequence[tuple[re.Match[str], int, int]],
    assigned: Mapping[int, Span],
    metrics: Sequence[Span],
    previous: Span | None,
    text: str,
    cues: ResultCues,
    models: Sequence[Span] = (),
) -> dict[int, Span]:
    """``assigned`` with the scores that a verb states before any metric of their sentence
    ("Y obtains 0.761 on one task and 0.702 on the other, while Z stays near chance (AUROC
    0.58)") given the one metric of the sentence before (``previous``), as a sentence that
    names none would (see :func:`carried_results`); a value listed after such a score with
    "and" in the same form goes with it, and so do scores given name by name in a bracket
    ("(X 0.66, Y 0.61)", ``models``: :func:`opens_named_brackets`).

    >>> import spacy
    >>> d = spacy.blank("en")("An AUROC of 0.84 . Y obtains 0.76 and 0.70 , Z an AUROC of 0.58")
    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...     frozenset(), score_verbs=frozenset({"obtains"}))
    >>> vals = [(m, m.start(), m.end()) for m in VALUE_RE.finditer(d.text, 18)]
    >>> out = stated_before_metrics(vals, {2: d[15:16]}, [d[15:16]], d[1:2], d.text, cues)
    >>> sorted((i, m.start) for i, m in out.items())
    [(0, 1), (1, 1), (2, 15)]
    """
    if previous is None:
        return dict(assigned)
    first = min((m.start_char for m in metrics), default=len(text))
    out = dict(assigned)
    stated_form: str | None = None
    stated_end = -1
    stated_forms: set[str] = set()  # the forms of the values stated with ``previous``
    for i, (m, start, end) in enumerate(values):
        if start > first:
            break
        # "(RiskLadder 0.66, GPT-4o 0.61)": scores given name by name, the verb left out
        by_name = opens_named_brackets(previous.doc, m, models) or (
            stated_form == value_form(m)
            and (
                gapped_after_name(previous.doc, m, models)
                or listed_with_subject(text, stated_end, start)
            )
        )
        by_verb = (
            by_name
            or stated_by_verb(m, text, cues)
            or (stated_form == value_form(m) and _words_before(text, start, 1) == ["and"])
        )
        if not by_verb:
            stated_form = None
            continue
        stated_form = value_form(m)
        stated_end = end
        if i not in out or (by_name and not _followed_at_once(text, end, out[i])):
            out[i] = previous  # a metric the sentence names later does not score them
            stated_forms.add(value_form(m))
    if not stated_forms:
        return out
    doc = previous.doc
    for i, (m, start, _end) in enumerate(values):
        token = doc.char_span(start, start + 1, alignment_mode="expand")
        if (
            start > first
            and i in out
            and out[i] is not previous
            and value_form(m) in stated_forms
            and token is not None
            and only_aside_metrics(doc, out[i], token.start, metrics)
        ):
            out[i] = previous  # "0.751 (AUPRC 0.402), exceeding X (0.744)": not the AUPRC
    return out


def only_aside_metrics(doc: Doc, metric: Span, before: int, metrics: Sequence[Span]) -> bool:
    """Whether the metric a value at token ``before`` took sits in a bracketed aside closed
    before it, and so does every metric of the sentence before the value
    (:func:`in_closed_bracket`): the aside qualifies the score before it, and a value after
    it set against that score is of that score's metric, not the aside's ("X reached 0.751
    (AUPRC 0.402), exceeding Y (0.744)", where 0.751 is stated with the metric of the
    sentence before: :func:`stated_before_metrics`; branch results16).

    >>> import spacy
    >>> d = spacy.blank("en")("X 0.75 ( AUPRC 0.40 ) , above Y ( 0.74 ) ; AUPRC 0.3 , Z 0.2")
    >>> only_aside_metrics(d, d[3:4], 10, [d[3:4]])
    True
    >>> only_aside_metrics(d, d[14:15], 18, [d[3:4], d[14:15]])
    False
    """
    return in_closed_bracket(doc, metric, before) and all(
        in_closed_bracket(doc, m, before) for m in metrics if m.end <= before
    )


def _followed_at_once(text: str, value_end: int, metric: Span) -> bool:
    """Whether ``metric`` follows the value ending at ``value_end`` at once ("0.66 recall")."""
    return metric.start_char >= value_end and not text[value_end : metric.start_char].strip()


#: "for" right after a value, before what the value is for: "0.63 for GREEN"
_FOR_AFTER = re.compile(r"\s*for\s+$")
_FOR_NEXT = re.compile(r"\s*for\s")


def measure_after_for(doc: Doc, value_end: int, metrics: Sequence[Span], text: str) -> Span | None:
    """The metric named right after "<value> for" ("0.63 for GREEN"), else None.

    >>> import spacy
    >>> d = spacy.blank("en")("0.63 for GREEN and 0.5 for all")
    >>> [m.text if (m := measure_after_for(d, e, [d[2:3]], d.text)) else None for e in (4, 22)]
    ['GREEN', None]
    """
    for m in metrics:
        if m.start_char > value_end and _FOR_AFTER.fullmatch(text, value_end, m.start_char):
            return m
    return None


def scores_for_measures(
    doc: Doc,
    values: Sequence[tuple[re.Match[str], int, int]],
    assigned: Mapping[int, Span],
    metrics: Sequence[Span],
    text: str,
) -> dict[int, Span]:
    """Values set against a score just stated, each "for" another measure ("a Kendall's tau
    of 0.71 with the readers, compared with 0.63 for GREEN and 0.46 for BLEU"): the measures
    after "for" are what is scored, so the values are scores of the first metric (the one
    bound to the earlier value), not of the measures they name. Without a comparison word
    before them ("0.91 for F1 and 0.88 for AUROC") each value is its measure's, and so it is
    once a compared value is "for" something that is no measure ("a Dice of 0.89 versus 0.84
    for nnU-Net, and 0.93 for sensitivity": models are compared, not measures).

    >>> import spacy
    >>> d = spacy.blank("en")("a tau of 0.71 , versus 0.63 for GREEN ; 0.9 for F1")
    >>> ms = [Span(d, a, a + 1, kb_id=k) for a, k in ((1, "tau"), (8, "green"), (12, "f1"))]
    >>> vals = [(VALUE_RE.search(d.text, d[i].idx), d[i].idx, d[i].idx + 4) for i in (3, 6)]
    >>> [m.text for m in scores_for_measures(d, vals, {0: ms[0], 1: ms[1]}, ms, d.text).values()]
    ['tau', 'tau']
    >>> e = spacy.blank("en")("a Dice of 0.89 versus 0.84 for UNet , and 0.93 for sensitivity")
    >>> ms = [Span(e, 1, 2, kb_id="dice"), Span(e, 12, 13, kb_id="sens")]
    >>> vals = [(VALUE_RE.search(e.text, e[i].idx), e[i].idx, e[i].idx + 4) for i in (3, 5, 10)]
    >>> got = scores_for_measures(e, vals, {0: ms[0], 1: ms[0], 2: ms[1]}, ms, e.text)
    >>> [m.text for m in got.values()]
    ['Dice', 'Dice', 'sensitivity']
    >>> e = spacy.blank("en")("It scored 0.91 for F1 and 0.88 for AUC")
    >>> ms = [Span(e, 4, 5, kb_id="f1"), Span(e, 8, 9, kb_id="auc")]
    >>> vals = [(VALUE_RE.search(e.text, e[i].idx), e[i].idx, e[i].idx + 4) for i in (2, 6)]
    >>> [m.text for m in scores_for_measures(e, vals, {0: ms[0], 1: ms[1]}, ms, e.text).values()]
    ['F1', 'AUC']
    """
    out = dict(assigned)
    anchor: Span | None = None
    anchor_end = -1
    for i, (_m, start, end) in enumerate(values):
        named = measure_after_for(doc, end, metrics, text)
        current = out.get(i)
        if named is None and _FOR_NEXT.match(text, end) is None:
            if current is not None and bound_to_metric(doc, [current], start, end):
                anchor, anchor_end = current, end
            continue
        if anchor is None or _COMPARISON_OPENERS.search(text, anchor_end, start) is None:
            continue
        # the measure after "for", or one the list only reaches later ("0.63 for X, ...
        # and 0.46 for BLEU"), is what is scored
        if (named is not None and named.kb_id_ != anchor.kb_id_) or (
            current is not None and current.start_char > end and current.kb_id_ != anchor.kb_id_
        ):
            out[i] = anchor
        elif named is None:
            # "versus 0.84 for nnU-Net": the comparison is between models, so a later "0.93
            # for sensitivity" is that measure's own score
            anchor = None
    return out


#: only a slash (and spaces) between two metrics or two values: "Dice / IoU", "0.91 / 0.84"
_SLASH_ONLY = re.compile(r"\s*/\s*")


#: a slash and up to three lower-case words qualifying the metric after it: the column
#: headers "segmentation Dice / detection mAP" (branch results16)
_SLASH_QUALIFIED = re.compile(r"\s*/\s*(?:[a-z][a-z-]*\s+){0,3}")


def slash_groups(
    spans: Sequence[tuple[int, int]], text: str, joiner: re.Pattern[str] = _SLASH_ONLY
) -> list[list[int]]:
    """Runs of character spans joined by a slash alone ("mDice / mIoU", "0.928 / 0.879"),
    as lists of indices; single spans are runs of one. With ``joiner`` :data:`_SLASH_QUALIFIED`
    a span may carry words of its own after the slash ("tooth Dice / lesion mAP").

    >>> t = "A / B and 1 / 2 / 3"
    >>> slash_groups([(0, 1), (4, 5), (10, 11), (14, 15), (18, 19)], t)
    [[0, 1], [2, 3, 4]]
    >>> t = "A / lesion B and C / D"
    >>> slash_groups([(0, 1), (11, 12), (17, 18), (21, 22)], t)
    [[0], [1], [2, 3]]
    >>> slash_groups([(0, 1), (11, 12), (17, 18), (21, 22)], t, _SLASH_QUALIFIED)
    [[0, 1], [2, 3]]
    """
    groups: list[list[int]] = []
    for i, (start, _end) in enumerate(spans):
        if i and joiner.fullmatch(text, spans[i - 1][1], start):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def slash_table_rows(
    values: Sequence[tuple[re.Match[str], int, int]],
    assigned: Mapping[int, Span],
    metrics: Sequence[Span],
    text: str,
) -> dict[int, Span]:
    """Rows of a table written in a sentence: after a header of metrics joined by slashes
    ("Results (Dice / IoU): A 0.91 / 0.84; B 0.88 / 0.80"), each run of as many values joined
    by slashes takes the header's metrics in order, however far the row is from the header.
    Runs of another length, and values before the header, keep their metrics.

    >>> import spacy
    >>> d = spacy.blank("en")("( Dice / IoU ) : A 0.91 / 0.84 ; B 0.88 / 0.80 ; C 0.7")
    >>> ms = [d[1:2], d[3:4]]
    >>> vals = [(VALUE_RE.search(d.text, d[i].idx), d[i].idx, d[i].idx + len(d[i]))
    ...         for i in (7, 9, 12, 14, 17)]
    >>> out = slash_table_rows(vals, {i: ms[1] for i in range(5)}, ms, d.text)
    >>> [out[i].text for i in range(5)]
    ['Dice', 'IoU', 'Dice', 'IoU', 'IoU']
    """
    out = dict(assigned)
    spans = [(m.start_char, m.end_char) for m in metrics]
    headers = [g for g in slash_groups(spans, text, _SLASH_QUALIFIED) if len(g) > 1]
    if not headers:
        return out
    runs = slash_groups([(start, end) for _m, start, end in values], text)
    for header in headers:
        columns = [metrics[j] for j in header]
        for run in runs:
            if len(run) == len(columns) and values[run[0]][1] > columns[-1].end_char:
                for i, metric in zip(run, columns, strict=True):
                    out[i] = metric
    return out


def carried_results(
    sent: Span,
    text: str,
    metric: Span | None,
    models: Sequence[Span],
    cues: ResultCues,
    datasets: Sequence[Span] = (),
) -> list[ResultMatch]:
    """The scores of a sentence that names no metric, when it raises the score of the one
    metric of the sentence before (``metric``, or None): "BiomedCLIP posts an accuracy of
    61.2%. Our model lifts this to 79.5%." (see :func:`raised_to`), or states a percentage
    for a named dataset or model: "X reaches an accuracy of 71.4% on A. Y attains 58.6% on
    B." (see :func:`tied_to_name`). ``text`` is the Doc's text (``Doc.text`` is rebuilt on
    every call)."""
    if metric is None:
        return []
    span_text = text[sent.start_char : sent.end_char]
    if (
        "%" not in span_text
        and " to " not in span_text
        and cues.score_verbs.isdisjoint(span_text.lower().split())
    ):
        return []  # cheap test first: most sentences without a metric state no score
    doc = sent.doc
    out = []
    listed = listed_for_names(sent, text, models, cues)
    stated_form: str | None = None  # the form of a score a verb stated ("reached 0.761")
    stated_end = -1  # where that score ended
    carried: re.Match[str] | None = None  # the last value carried, if the last value was
    for m in VALUE_RE.finditer(text, sent.start_char, sent.end_char):
        previous, carried = carried, None
        by_verb = (
            is_score_like(m, text, cues)
            and not is_change(m, text, cues)
            and not is_decrease(m, text, cues)
            and (
                stated_by_verb(m, text, cues)
                # "... obtains 0.761 on one task and 0.702 on the other": listed after it;
                # "X reached 0.668 and Y 0.671": stated for the next name, verb left out
                or (
                    stated_form == value_form(m)
                    and (
                        _words_before(text, m.start(), 1) == ["and"]
                        or gapped_after_name(doc, m, models)
                        or listed_with_subject(text, stated_end, m.start())
                    )
                )
            )
        )
        if by_verb:
            stated_form = value_form(m)
            stated_end = m.start() + len(m.group(0).rstrip())
        if not (
            by_verb
            or raised_to(_words_before(text, m.start(), 4), cues)
            or m.start() in listed
            or (
                "%" in (m.group("unit") or "")
                and is_score_like(m, text, cues)
                and not is_change(m, text, cues)
                and not is_decrease(m, text, cues)
                and tied_to_name(doc, m, datasets, models, cues.score_verbs)
            )
            or compared_with_carried(previous, m, text)
        ):
            continue
        carried = m
        model_key = listed.get(m.start()) or tie_model(sent, m.start(), models)
        value_end = m.start() + len(m.group(0).rstrip())
        dataset_key = carried_place(sent, m.start(), value_end, datasets, cues.dataset_links)
        out.append(result_of(m, metric, model_key=model_key, dataset_key=dataset_key))
    return out


def carried_place(
    sent: Span, value_start: int, value_end: int, datasets: Sequence[Span], links: frozenset[str]
) -> str | None:
    """The dataset of a score carried from the metric of the sentence before: placed as any
    score is, by a link after it ("X reaches 61.5% on Y") or a dataset a link opens before
    it ("On Y, where X scores 49.8%, Z achieves 61.5%"; :func:`tie_dataset`,
    :func:`place_before`). Branch ties17b: such scores were tied to no dataset at all."""
    inside = [d for d in datasets if d.start >= sent.start and d.end <= sent.end]
    if not inside:
        return None
    return tie_dataset(sent, value_end, inside, links) or place_before(
        sent, value_start, inside, [], PLACE_BEFORE_LINKS, TRAINING_DATA_VERBS
    )


def compared_with_carried(previous: re.Match[str] | None, match: re.Match[str], text: str) -> bool:
    """Whether a value is set by a comparison word against the value right before it,
    itself carried as a score of the metric of the sentence before (``previous``, None when
    the value before was not carried), both written alike: "Accuracy was the primary
    measure. On the hardest set, it scores 17.9 versus 15.0 for the base model" (branch
    results16; within a sentence naming its metric :func:`carry_compared_values` does the
    same). A value after another word ("17.9 with 15.0 questions") is none.

    >>> t = "It reaches 17.9 versus 15.0 for X, and 17.9 on 15 items"
    >>> v = list(VALUE_RE.finditer(t))
    >>> compared_with_carried(v[0], v[1], t), compared_with_carried(None, v[1], t)
    (True, False)
    >>> compared_with_carried(v[2], v[3], t)
    False
    """
    if previous is None or value_form(previous) != value_form(match):
        return False
    if names_reference_level(text, previous.end(), match):
        return False  # "reached 0.84 compared with 0.5 for chance": no system's score
    return bool(_COMPARISON_OPENERS.search(text[previous.end() : match.start()]))


#: words that make a value set against a score a reference level, not another system's score
_REFERENCE_LEVELS = wordlist("results_wordlists", "reference_levels")


def names_reference_level(text: str, since: int, match: re.Match[str]) -> bool:
    """Whether a value compared with a score is a reference level rather than a system's
    score: a word of ``reference_levels`` (chance, a significance level, a threshold, a
    target, a pass mark) stands in the three words before the value (after the score before
    it, which ends at character ``since``) or in the four words after it: "it reached 0.84
    compared with 0.5 for chance", "... versus 0.05 as the significance level", "against the
    90% target" (branch review16b). "versus 0.79 for the base model" is a system's.

    >>> t = "it reached 0.84 compared with 0.5 for chance; it reached 0.84 versus 0.79 for X"
    >>> v = list(VALUE_RE.finditer(t))
    >>> names_reference_level(t, v[0].end(), v[1]), names_reference_level(t, v[2].end(), v[3])
    (True, False)
    """
    before = re.findall(r"[\w\-]+", text[since : match.start()].lower())[-3:]
    return not _REFERENCE_LEVELS.isdisjoint(before + words_after_value(text, match.end(), 4))


#: a comma and a short noun phrase without numbers or brackets: ", a random survival forest "
_LISTED_SUBJECT = re.compile(r"\s*,\s*(?:and\s+)?(?:[^\W\d][\w\-]*\s+){1,4}")


#: words that make the phrase before a value more than a bare subject: "Z an AUROC of 0.58"
_NOT_SUBJECT_WORDS = frozenset({"of", "was", "is", "were", "are", "at", "to", "in", "on", "by"})


def listed_with_subject(text: str, previous_end: int, start: int) -> bool:
    """Whether a value at ``start`` continues, after a comma and a short subject of its own
    (one to four words, no number, no preposition or copula), the list of scores a verb began
    with the value ending at ``previous_end``: "a Cox model reached 0.641, a random survival
    forest 0.668 and ...".

    >>> t = "A reached 0.641, a random survival forest 0.668, an AUROC of 0.5"
    >>> listed_with_subject(t, 15, t.index("0.668")), listed_with_subject(t, 47, t.index("0.5"))
    (True, False)
    """
    return _LISTED_SUBJECT.fullmatch(
        text, previous_end, start
    ) is not None and _NOT_SUBJECT_WORDS.isdisjoint(text[previous_end:start].lower().split())


def opens_named_brackets(doc: Doc, match: re.Match[str], models: Sequence[Span]) -> bool:
    """Whether the value follows a model that opens a bracket, the first of scores given
    name by name ("the ordering is similar (RiskLadder 0.66, GPT-4o 0.61)"); the names after
    it are listed with a comma (:func:`gapped_after_name`). Decimals and percentages only.

    >>> import spacy
    >>> d = spacy.blank("en")("similar ( X 0.66 , Y 0.61 ) and ( Z 12 runs )")
    >>> ms = [d[2:3], d[5:6], d[10:11]]
    >>> [opens_named_brackets(d, VALUE_RE.search(d.text, d.text.index(v)), ms)
    ...  for v in ("0.66", "0.61", "12")]
    [True, False, False]
    """
    if "." not in match.group("num") and "%" not in (match.group("unit") or ""):
        return False
    value = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if value is None:
        return False
    name = next((m for m in models if m.end == value.start), None)
    return name is not None and name.start >= 1 and doc[name.start - 1].text in {"(", "["}


def gapped_after_name(doc: Doc, match: re.Match[str], models: Sequence[Span]) -> bool:
    """Whether the value follows a model that "and" or a comma lists after an earlier clause,
    with the verb left out ("X reached 0.668 and Y 0.671": Y's 0.671 is stated like X's).

    >>> import spacy
    >>> d = spacy.blank("en")("X reached 0.668 and Y 0.671 , Z 0.66 in W 0.5")
    >>> ms = [d[0:1], d[4:5], d[7:8], d[10:11]]
    >>> [gapped_after_name(d, VALUE_RE.search(d.text, d.text.index(v)), ms)
    ...  for v in ("0.671", "0.66 ", "0.5", "0.668")]
    [True, True, False, False]
    """
    value = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if value is None:
        return False
    name = next((m for m in models if m.end == value.start), None)
    return name is not None and name.start >= 1 and doc[name.start - 1].lower_ in {"and", ","}


def carry_gapped_values(
    doc: Doc,
    values: Sequence[tuple[re.Match[str], int, int]],
    assigned: dict[int, Span],
    models: Sequence[Span],
) -> dict[int, Span]:
    """A value no rule tied, right after a model that "and" or a comma lists after the clause
    of the value before it (:func:`gapped_after_name`: "X reached 0.613 and Y 0.498", the verb
    left out), is a score of that value's metric when both are written alike
    (:func:`value_form`). Returns ``assigned`` with those values added.

    >>> import spacy
    >>> d = spacy.blank("en")("F1 : X reached 0.61 and Y 0.49 , Z 52 %")
    >>> vs = [(m, m.start(), m.end()) for m in VALUE_RE.finditer(d.text)]
    >>> out = carry_gapped_values(d, vs, {0: d[0:1]}, [d[2:3], d[6:7], d[9:10]])
    >>> sorted(out)
    [0, 1]
    """
    out = dict(assigned)
    for i in range(1, len(values)):
        m = values[i][0]
        if i in out or (i - 1) not in out or value_form(m) != value_form(values[i - 1][0]):
            continue
        if gapped_after_name(doc, m, models):
            out[i] = out[i - 1]
    return out


def listed_for_names(
    sent: Span, text: str, models: Sequence[Span], cues: ResultCues
) -> dict[int, str]:
    """The percentages of a sentence listed for an equally long list of models that the
    sentence says "respectively" of ("A, B and C scored 84.3%, 78.0% and 71.5%,
    respectively"; issue 15, item 5: value lists): start offset of each value -> its model
    key. A sentence naming no metric keeps the one of the sentence before for them (see
    :func:`carried_results`); lists of changes are not scores.

    >>> import spacy
    >>> cues = ResultCues(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(),
    ...                   frozenset())
    >>> d = spacy.blank("en")("A and B scored 84.3% and 78.0%, respectively.")
    >>> ms = [d[0:1], d[2:3]]
    >>> for m in ms:
    ...     m.kb_id_ = m.text.lower()
    >>> listed_for_names(d[:], d.text, ms, cues)
    {15: 'a', 25: 'b'}
    >>> listed_for_names(d[:6], d.text, ms, cues)
    {}
    """
    span_text = text[sent.start_char : sent.end_char]
    if "respectively" not in span_text.lower() or "%" not in span_text:
        return {}
    in_sent = [m for m in models if m.start >= sent.start and m.end <= sent.end]
    if len(in_sent) < 2:
        return {}
    values = [
        (m, m.start(), m.start() + len(m.group(0).rstrip()))
        for m in VALUE_RE.finditer(text, sent.start_char, sent.end_char)
        if "%" in (m.group("unit") or "")
        and is_score_like(m, text, cues)
        and not is_change(m, text, cues)
        and not is_decrease(m, text, cues)
    ]
    spans = [(start, end) for _m, start, end in values]
    groups = [g for g in _value_groups(values, text) if len(g) > 1]
    keys = align_lists(spans, groups, span_lists(in_sent), [None] * len(values), True)
    return {start: key for (start, _e), key in zip(spans, keys, strict=True) if key}


def own_metric(span: Span, labels: Mapping[str, str], narrower: frozenset[str]) -> Span:
    """The metric span with the concept its own words name (``labels``: normalised vocabulary
    label -> metric key) when the document-level roll-up relabelled it to a narrower one the
    paper also names (its extractor holds "+rollup", maybe followed by a later demotion's
    mark): in "a diagnostic accuracy of 58% and a top-5 accuracy of 81%" the 58% is an
    accuracy, not a top-5 accuracy. Other spans are
    returned as they are; only spans of a concept with a broader one (``narrower``) can have
    been relabelled.

    >>> import spacy
    >>> from kg.nlp import extensions  # noqa: F401
    >>> d = spacy.blank("en")("diagnostic accuracy of 58 %")
    >>> rolled = Span(d, 0, 2, label="metric", kb_id="top5accuracy")
    >>> rolled._.kg_extractor = "vocabulary+rollup"
    >>> labels, narrow = {"diagnosticaccuracy": "accuracy"}, frozenset({"top5accuracy"})
    >>> [own_metric(s, labels, narrow).kb_id_ for s in (rolled, Span(d, 1, 2, kb_id="x"))]
    ['accuracy', 'x']
    """
    if span.kb_id_ not in narrower or "+rollup" not in span._.kg_extractor:
        return span
    key = labels.get(normalize_key(span.text))
    if key is None or key == span.kb_id_:
        return span
    return Span(span.doc, span.start, span.end, label=span.label_, kb_id=key)


@dataclass(frozen=True)
class SentenceMetrics:
    """The metric mentions of one sentence, sorted by what their values are.

    Attributes:
        in_sentence: every metric mention in the sentence.
        settings: metrics held at a value the sentence fixes ("recall at 95% precision").
        conditions: thresholds, matched settings and bounds ("mAP at IoU 0.5").
        metrics: the rest, the metrics whose scores the sentence may state.
        limits: those of ``metrics`` that state a bound ("none exceeds an AUROC of 0.70").
    """

    in_sentence: list[Span]
    settings: list[Span]
    conditions: list[Span]
    metrics: list[Span]
    limits: list[Span]


def sentence_metrics(
    doc: Doc, sent: Span, metrics_all: Sequence[Span], cues: ResultCues
) -> SentenceMetrics:
    """Sort the metric mentions of ``sent`` (:class:`SentenceMetrics`)."""
    in_sentence = [m for m in metrics_all if m.start >= sent.start and m.end <= sent.end]
    metric_ends = frozenset(m.end for m in in_sentence)
    # "recall at 95% precision was 61%": the setting's value is the one before it
    settings = [
        m
        for m in in_sentence
        if is_operating_setting(
            doc,
            m,
            metric_ends,
            sent.start,
            cues.setting_phrases,
            chosen=chosen_by_setting(
                doc,
                m.start - (2 if m.start >= 2 and doc[m.start - 1].text in {"%", "\\%"} else 1),
                sent.start,
                cues.setting_nouns,
                cues.setting_participles,
            ),
        )
    ]
    conditions = [
        m
        for m in in_sentence
        if is_threshold(doc, m)
        or is_matched_setting(doc, m)
        or is_bound_after(doc, m, cues)
        or sets_for_another(doc, m, in_sentence, cues.setting_nouns)
    ]
    metrics = [m for m in in_sentence if m not in conditions and m not in settings]
    # "none exceeds an AUROC of 0.70; X scores 0.66": the bound is no score, later values are
    limits = [m for m in metrics if is_bound_condition(doc, m, cues)]
    return SentenceMetrics(in_sentence, settings, conditions, metrics, limits)


def sentence_values(
    doc: Doc, sent: Span, text: str, sm: SentenceMetrics, names: Sequence[Span]
) -> list[tuple[re.Match[str], bool]]:
    """Every number of ``sent`` outside a metric or a name ("BLEU-4", "wav2vec 2.0") and
    outside the threshold of a condition or a bound ("mAP at IoU 0.5", "above an AUC of 0.9"),
    with whether a metric of the sentence binds it (:func:`bound_to_metric`)."""
    inside = sm.in_sentence + list(names)
    return [
        (m, bound_to_metric(doc, sm.metrics, m.start(), m.end()))
        for m in VALUE_RE.finditer(text, sent.start_char, sent.end_char)
        if not any(ms.start_char <= m.start() < ms.end_char for ms in inside)
        and not bound_to_metric(doc, sm.conditions + sm.limits, m.start(), m.end())
    ]


def right_before_any(m: re.Match[str], text: str, spans: Sequence[Span]) -> bool:
    """Whether one of ``spans`` starts right after value ``m``, with only spaces between.

    >>> import spacy
    >>> d = spacy.blank("en")("at 90% specificity and 0.8 , AUC")
    >>> t, spans = d.text, [d[3:4], d[7:8]]
    >>> [right_before_any(VALUE_RE.search(t, t.index(v)), t, spans) for v in ("90", "0.8")]
    [True, False]
    """
    return any(
        ms.start_char >= m.end() and not text[m.end() : ms.start_char].strip() for ms in spans
    )


def is_setting_value(m: re.Match[str], text: str, sm: SentenceMetrics) -> bool:
    """Whether value ``m`` sets a condition rather than states a score: "at 5% prevalence",
    "at 0.5 threshold" (after "at", unless a metric follows it at once), or the value of a
    setting metric right after it ("at 90% specificity")."""
    if (
        # cheap test first: most values do not follow "at" (or "at a")
        _AT_BEFORE.search(text, max(0, m.start() - 24), m.start()) is not None
        and held_at(_words_before(text, m.start(), 3))
        and reads_at_setting(["at"], words_after_value(text, m.end(), 2))
        and not right_before_any(m, text, sm.in_sentence)
    ):
        return True
    return right_before_any(m, text, sm.settings)


def unbound_negative(match: re.Match[str], bound: bool) -> bool:
    """Whether a negative value stands away from its metric: a minus makes a score only
    when a metric binds the value ("a kappa of −0.05", "Pearson r was -0.35"); elsewhere it
    marks a difference or an interval's lower limit ("(−0.1 vs. the baseline)", "limits of
    agreement -14.2 to 11") or the value of a measure no metric span covers.

    >>> m = VALUE_RE.search("kappa of −0.05")
    >>> unbound_negative(m, True), unbound_negative(m, False)
    (False, True)
    >>> unbound_negative(VALUE_RE.search("AUC 0.81"), False)
    False
    """
    return not bound and match.group("num")[:1] in ("-", "−")


_GAP_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


def reached_in_unit(match: re.Match[str], text: str, metric_ends: Sequence[int]) -> bool:
    """Whether value ``match`` is the level its clause's metric reaches, "to" right before it:
    "the HD95 drops from 14.6 mm to 7.9 mm", "lowers the mean TRE from 5.4 mm to 1.9 mm". Its
    unit is then the metric's unit, not a count of items. ``metric_ends``: the end characters
    of the sentence's metrics; the nearest before the value opens the clause, at most twelve
    words before it, with no ";" between and no number but the starting one after "from".

    >>> t = "the HD95 of X drops from 14.6 mm to 7.9 mm ; a Dice of 0.9 ; 12 to 40 mm lesions"
    >>> ends = [t.index("HD95") + 4, t.index("Dice") + 4]
    >>> [reached_in_unit(VALUE_RE.search(t, t.index(v)), t, ends) for v in ("7.9", "40")]
    [True, False]
    """
    before = [e for e in metric_ends if e <= match.start()]
    if not before:
        return False
    words = text[max(before) : match.start()].split()
    if not words or words[-1].lower() != "to" or len(words) > 12 or ";" in words:
        return False
    numbers = [k for k, w in enumerate(words) if _GAP_NUMBER.fullmatch(w)]
    return all(k > 0 and words[k - 1].lower() == "from" for k in numbers)


def slashed_to(first: re.Match[str], second: re.Match[str], text: str) -> bool:
    """Whether value ``second`` is joined to value ``first`` by a slash alone: the pair of
    scores of a slash-joined pair of metrics ("Dice/HD95 of 91.2%/3.1 mm").

    >>> t = "of 91.2%/3.1 mm and 0.8 / 0.7 or 3, 4"
    >>> ms = list(VALUE_RE.finditer(t))
    >>> [slashed_to(a, b, t) for a, b in zip(ms, ms[1:])]
    [True, False, True, False, False]
    """
    return text[first.end() : second.start()].strip() == "/"


#: what stands between two members of a value list: "4.1, 5.8 and 12.3 mm"
_LIST_GAPS = frozenset({",", "and", ", and", "or", ", or"})


def closes_bound_list(found: Sequence[tuple[re.Match[str], bool]], k: int, text: str) -> bool:
    """Whether value ``k`` of ``found`` (each value and whether a metric binds it) closes a
    list of bare values whose first member a metric binds: the unit written once after the
    last member is the unit of the whole list ("HD95 values of 4.1, 5.8 and 12.3 mm", "mean
    absolute errors of 2.1, 3.4 and 5.6 years"), so the last value is the metric's score as
    well, not a size. Members are joined by a comma, "and" or "or" alone; a member with a
    word of its own after it breaks the list ("a Dice of 0.85 for 3 and 10 mm nodules").

    >>> t = "HD95 of 4.1 , 5.8 and 12.3 mm ; Dice of 0.85 for 3 and 10 mm nodules"
    >>> ms = list(VALUE_RE.finditer(t))
    >>> f = [(m, m.group() in ("4.1", "0.85")) for m in ms]
    >>> [closes_bound_list(f, k, t) for k in range(len(f))]
    [False, True, True, False, False, False]
    """
    j = k
    while j > 0:
        gap = " ".join(text[found[j - 1][0].end() : found[j][0].start()].split()).lower()
        if gap.replace(" ,", ",") not in _LIST_GAPS:
            return False
        if found[j - 1][1]:
            return True
        j -= 1
    return False


def kept_values(
    found: Sequence[tuple[re.Match[str], bool]],
    text: str,
    sm: SentenceMetrics,
    cues: ResultCues,
    sentence_end: int,
) -> list[tuple[re.Match[str], int, int]]:
    """The values of ``found`` that read as scores: no setting (:func:`is_setting_value`),
    score-like (:func:`is_score_like`), no starting point or range end, and no share of
    items unless a metric binds it or a rated measure takes it (:func:`rated_share`; the
    sentence ends at character ``sentence_end``)."""
    units = bound_units(list(found), text, cues.measure_units)
    metric_starts = frozenset(ms.start_char for ms in sm.in_sentence)
    metric_ends = [ms.end_char for ms in sm.metrics]
    rated = rates_shares(sm.metrics, cues.share_metrics)
    values = []
    for k, (m, bound_here) in enumerate(found):
        # "a Dice/HD95 of 91.2%/3.1 mm": a value slashed to a bound one is bound as well
        bound = bound_here or (k > 0 and found[k - 1][1] and slashed_to(found[k - 1][0], m, text))
        if is_setting_value(m, text, sm) or unbound_negative(m, bound):
            continue
        if (
            is_score_like(
                m,
                text,
                cues,
                bound=bound
                or listed_in_unit(m, text, units)
                or reached_in_unit(m, text, metric_ends)
                # "HD95 values of 4.1, 5.8 and 12.3 mm": the list's unit, written once
                or closes_bound_list(found, k, text)
                # "4.2 false alarms per hour": the measure right after it
                or any(ms.start_char == m.end() + 1 for ms in sm.metrics),
            )
            and not is_starting_point(m, text)
            and not is_range_end(m, text)
            and (
                bound
                or (rated and rated_share(m, text, sentence_end))
                or not is_share_of_items(m, text, cues, metric_starts)
            )
        ):
            values.append((m, m.start(), m.end()))
    return values


def changes_without_drops(
    doc: Doc,
    values: Sequence[tuple[re.Match[str], int, int]],
    metrics: Sequence[Span],
    text: str,
    cues: ResultCues,
) -> tuple[list[tuple[re.Match[str], int, int]], list[bool]]:
    """The values that are no drop to a level, each with whether it is a change (an
    improvement, not a score). A change or a drop carries over to the values listed with it
    ("up to 11.5% and 3.8%", "by 2% to 5%"); the score reached after a change is none
    ("raises AUROC by 0.05 to 0.93")."""
    change = [
        (is_change(m, text, cues) and not scored_in_points(doc, metrics, m, text, cues))
        or changed_by_verb(doc, metrics, start, end, cues)
        or measures_a_gap(doc, metrics, start, end)
        for m, start, end in values
    ]
    drop = [
        is_decrease(m, text, cues) and not compared_level(doc, metrics, start, end)
        for m, start, end in values
    ]
    for group in _value_groups(values, text, joiners=True):
        if any(change[i] for i in group[:1]):
            for i in group:
                change[i] = True
        if any(drop[i] for i in group[:1]):
            for i in group:
                drop[i] = True
    change = [
        c and not reached_after_change(m, text)
        for c, (m, _s, _e) in zip(change, values, strict=True)
    ]
    kept = [(v, c) for v, c, d in zip(values, change, drop, strict=False) if not d]
    return [v for v, _c in kept], [c for _v, c in kept]


def tie_names(
    doc: Doc,
    sent: Span,
    text: str,
    values: Sequence[tuple[re.Match[str], int, int]],
    assigned: Mapping[int, Span],
    models: Sequence[Span],
    datasets: Sequence[Span],
    cues: ResultCues,
) -> tuple[list[str | None], list[str | None]]:
    """The model and the dataset key of each value: the model named right after it or the
    one its sentence ties it to, the dataset its sentence places it on; lists of values
    share the last dataset and align with lists of names ("respectively")."""
    spans = [(start, end) for _m, start, end in values]
    groups = _value_groups(values, text)
    respectively = "respectively" in text[sent.start_char : sent.end_char].lower()
    in_sent = [m for m in models if m.start >= sent.start and m.end <= sent.end]
    # "versus 0.84 and 0.86 for nnU-Net": the model after a list is every value's
    after_keys = share_last_key(
        groups,
        [
            after.kb_id_ or None if (after := model_after(doc, end, in_sent)) is not None else None
            for _m, _start, end in values
        ],
    )
    # "0.66 for CHA2DS2-VASc and 0.62 for HbA1c": HbA1c is no model, and no model's either
    named_after = any(after_keys)
    model_keys = [
        after_key
        or (
            None
            if named_after and stated_for_other_name(doc, end, in_sent)
            else tie_model(sent, start, models)
        )
        for after_key, (_m, start, end) in zip(after_keys, values, strict=True)
    ]
    dataset_keys = [
        tie_dataset(sent, place_after(end, assigned.get(i)), datasets, cues.dataset_links)
        for i, (_m, _s, end) in enumerate(values)
    ]
    dataset_keys = share_last_key(groups, dataset_keys)
    in_sent_data = [d for d in datasets if d.start >= sent.start and d.end <= sent.end]
    dataset_keys = align_lists(spans, groups, span_lists(in_sent_data), dataset_keys, respectively)
    model_keys = align_lists(spans, groups, span_lists(in_sent), model_keys, respectively)
    value_ends = [end for _m, _start, end in values]
    # a list of values ("0.951 and 0.902, respectively") takes a dataset named before it only
    # when the sentence names one before it (a list of values is for a list of names to align)
    listed = {i for group in groups if len(group) > 1 for i in group}
    dataset_keys = [
        key
        or place_before(
            sent,
            start,
            in_sent_data
            if i not in listed or len(clause_datasets(text, in_sent_data, start)) == 1
            else (),
            value_ends,
            PLACE_BEFORE_LINKS,
            TRAINING_DATA_VERBS,
        )
        for i, (key, (_m, start, _end)) in enumerate(zip(dataset_keys, values, strict=True))
    ]
    # "0.94 on A and 0.88 on B, with sensitivities of 94.6% and 91.2%": in the same order
    dataset_keys = parallel_places(text, spans, groups, dataset_keys)
    # "0.93 on A, versus 0.92 for Y": the compared values are on the subject's places
    dataset_keys = compared_places(
        text,
        spans,
        groups,
        dataset_keys,
        (sent.start_char, sent.end_char),
        [d.start_char for d in in_sent_data],
    )
    return model_keys, dataset_keys


def parallel_places(
    text: str,
    spans: Sequence[tuple[int, int]],
    groups: Sequence[Sequence[int]],
    keys: Sequence[str | None],
) -> list[str | None]:
    """A list of values placed nowhere takes, in order, the places of as many values right
    before it, each placed on a dataset of its own: "an AUROC of 0.94 on A and 0.88 on B,
    with sensitivities of 94.6% and 91.2%" puts 94.6% on A and 91.2% on B (branch ties17b).
    Only when those places differ; not past a ";", "while", "whereas" or "but" (a clause of
    its own), nor past a comparison word (:func:`compared_places`), nor for a list with a
    place of its own after it ("... and 91.2% in the external cohort").

    >>> t = "0.94 on A and 0.88 on B, with 94.6% and 91.2%"
    >>> spans = [(0, 4), (14, 18), (30, 35), (40, 45)]
    >>> parallel_places(t, spans, [[0], [1], [2, 3]], ["a", "b", None, None])
    ['a', 'b', 'a', 'b']
    >>> parallel_places(t, spans, [[0], [1], [2, 3]], ["a", "a", None, None])
    ['a', 'a', None, None]
    """
    out = list(keys)
    for group in groups:
        first = group[0]
        if len(group) < 2 or first < len(group) or any(out[i] is not None for i in group):
            continue
        earlier = list(range(first - len(group), first))
        places = [out[i] for i in earlier]
        gap = text[spans[earlier[0]][1] : spans[first][0]]
        if (
            all(places)
            and len(set(places)) == len(places)
            # comparisons are :func:`compared_places`'s; a contrast or ";" opens a clause
            and _COMPARED_RE.search(gap) is None
            and _COMPARISON_END.search(gap) is None
            and _OWN_PLACE_AFTER.match(text, spans[group[-1]][1]) is None
            and not names_own_items(text, spans[group[-1]][1])
            and not counts_own_items(text[spans[earlier[-1]][1] : spans[first][0]])
        ):
            for i, key in zip(group, places, strict=True):
                out[i] = key
    return out


#: "for" or "at" after a value list, then its phrase up to the clause's end
_ITEMS_AFTER = re.compile(r"\s*(?:%|\\%)?\s*(?:for|at|among|between)\s+([^,;.()]*)", re.I)
#: words that name a phrase's several items: "at the two thresholds" (branch review17c)
_OWN_DIMENSION_WORDS = wordlist("results_wordlists", "own_dimension_words")


def names_own_items(text: str, end: int) -> bool:
    """Whether the phrase after a value list ending at character ``end`` names the list's own
    items: "for" or "at" (also "among", "between") then a phrase with "and" or a word of
    several (``own_dimension_words``): "sensitivities of 90.1% and 85.2% for men and women",
    "... at the two thresholds". Such a list is parallel to those items, not to datasets
    named before it (:func:`parallel_places`; branch review17c). "at the same threshold" or
    "for the model" leave it parallel.

    >>> t = "90.1% and 85.2% for men and women; 90.1% and 85.2% at the same threshold"
    >>> names_own_items(t, 15), names_own_items(t, 50)
    (True, False)
    >>> names_own_items(" at the two operating points", 0)
    True
    """
    m = _ITEMS_AFTER.match(text, end)
    if m is None:
        return False
    words = m.group(1).lower().split()
    return "and" in words or not _OWN_DIMENSION_WORDS.isdisjoint(words)


_COUNTED_NOUN = re.compile(r"\b(?:both|two|three|four|five|each)\s+([a-z][\w-]*)", re.I)


def counts_own_items(gap: str) -> bool:
    """Whether the words between the last placed value and a value list (``gap``) count
    the list's own items: a word of several before a noun other than a data word
    (``dataset_part_words``): "0.88 on B, and the sensitivities of the two models were
    90.1% and 85.2%, respectively" lists the models' values, not the datasets' (branch
    review17c). "on the two cohorts" counts the datasets, and the list stays parallel.

    >>> counts_own_items(" on B, and the sensitivities of the two models were ")
    True
    >>> counts_own_items(" on B, with sensitivities on both cohorts of ")
    False
    >>> counts_own_items(" on B, with ")
    False
    """
    return any(m.group(1).lower() not in DATASET_PART_WORDS for m in _COUNTED_NOUN.finditer(gap))


def clause_datasets(text: str, datasets: Sequence[Span], start: int) -> set[str]:
    """The keys of the datasets named before character ``start`` in its clause, after the
    last ";" before it: "on A, AUROC is 0.957; on B, sensitivity and specificity are 94.1%
    and 91.7%" names only B before the list (branch ties17b; the whole sentence before named
    two, which left a list of values unplaced)."""
    floor = text.rfind(";", 0, start)
    return {d.kb_id_ for d in datasets if floor < d.start_char and d.end_char <= start}


def sentence_results(
    doc: Doc,
    sent: Span,
    text: str,
    sm: SentenceMetrics,
    before: Span | None,
    metrics_all: Sequence[Span],
    models: Sequence[Span],
    datasets: Sequence[Span],
    cues: ResultCues,
) -> list[ResultMatch]:
    """The results of a sentence that names a metric (``before``: the one metric of the
    sentence before, for values stated first)."""
    metrics = sm.metrics
    names = [n for n in [*models, *datasets] if n.start >= sent.start and n.end <= sent.end]
    found = sentence_values(doc, sent, text, sm, names)
    values = [
        v
        for v in kept_values(found, text, sm, cues, sent.end_char)
        if not scored_by_unnamed_measure(doc, v[1], v[2], sm.in_sentence, names)
    ]
    values, change = changes_without_drops(doc, values, metrics, text, cues)
    name_tokens = frozenset(i for n in names for i in range(n.start, n.end))
    implied = {
        i: metric
        for i, (m, _s, _e) in enumerate(values)
        if (metric := implied_metric(m, text, metrics_all, cues)) is not None
    }
    assigned = assign_metrics(sent, metrics, values, cues, text, name_tokens, implied)
    assigned = stated_before_metrics(values, assigned, metrics, before, text, cues, models)
    assigned = carry_gapped_values(doc, values, assigned, models)
    assigned = scores_for_measures(doc, values, assigned, sm.in_sentence, text)
    assigned = slash_table_rows(values, assigned, metrics, text)
    model_keys, dataset_keys = tie_names(doc, sent, text, values, assigned, models, datasets, cues)
    return [
        result_of(
            m,
            metric,
            is_improvement=change[i],
            model_key=model_keys[i],
            dataset_key=dataset_keys[i],
        )
        for i, (m, _start, _end) in enumerate(values)
        if (metric := assigned.get(i)) is not None
    ]


def tie_fallbacks(
    result: ResultMatch,
    text: str,
    sentence_start: int,
    own: str | None,
    alone: str | None,
    own_data: str | None,
    external: str | None,
    aimed: bool = False,
    internal: str | None = None,
) -> ResultMatch:
    """The ties a result gets when its sentence names no model or dataset for it, in order:
    the paper's one introduced model (:func:`tie_own_model`), the one evaluated system
    (:func:`tie_only_model`), the paper's own dataset (:func:`tie_own_dataset`), the one
    external dataset (:func:`tie_external_dataset`). Each leaves a tie the text gave alone."""
    result = tie_own_model(result, text, sentence_start, own)
    result = tie_only_model(result, text, sentence_start, alone, aimed)
    result = tie_own_dataset(result, text, sentence_start, own_data)
    result = tie_external_dataset(result, text, sentence_start, external)
    return tie_internal_dataset(result, text, sentence_start, internal)


def find_results(
    doc: Doc,
    cues: ResultCues,
    metric_labels: Mapping[str, str] | None = None,
    narrower: frozenset[str] = frozenset(),
) -> list[ResultMatch]:
    """Return the numeric results of a document (see the module docstring); ``metric_labels``
    (normalised vocabulary label -> metric key) and ``narrower`` (keys of metrics with a
    broader concept) undo the roll-up of metric mentions (:func:`own_metric`)."""
    concepts = doc.spans.get(CONCEPT_KEY, [])
    metrics_all = [
        own_metric(s, metric_labels, narrower) if metric_labels else s
        for s in concepts
        if s.label_ == "metric"
    ]
    if not metrics_all:
        return []
    models = list(doc.spans[MODEL_KEY]) if MODEL_KEY in doc.spans else []
    datasets = list(doc.spans[DATASET_KEY]) if DATASET_KEY in doc.spans else []
    text = text_of(doc)
    results: list[ResultMatch] = []
    own = only_introduced(models)  # the paper's one model, for values tied to no model
    # the one system an evaluation study names, for values "the tool" or "it" scored
    evaluated = only_model(models) if own is None else None
    # the one system a study's aim names ("To evaluate X"), beside its vendor or comparators
    aimed = aim_system(doc, models, AIM_VERBS) if own is None else None
    evaluated = aimed or evaluated
    own_data = only_own_dataset(datasets)  # the paper's one dataset, its own
    bounds = sentence_bounds(doc)
    outside = external_found(doc, datasets, bounds)
    # the paper's one external dataset
    external = next(iter(outside.items())) if len(outside) == 1 else None
    # the paper's one other dataset, for values "on the internal test set"
    internal = internal_data(datasets, outside)
    previous: Span | None = None  # the one metric of the sentence before, if it named one
    for a, b in bounds:
        sent = doc[a:b]
        sm = sentence_metrics(doc, sent, metrics_all, cues)
        # "It reached 0.93, versus 0.90 for X": a sentence naming the one model (a value
        # before it is tied already) sets it apart from "it"
        alone = (
            evaluated
            if evaluated is not None
            and not any(a <= m.start < b and m.kb_id_ == evaluated for m in models)
            else None
        )
        # the aim's system without a generic word: not after another model the sentence names
        aim = aimed is not None and alone is not None
        named_at = [m.start_char for m in models if a <= m.start < b]
        # "In the external cohort, ...": after the sentence naming it, in one naming none
        elsewhere = (
            external[0]
            if external is not None
            and sent.start_char >= external[1]
            and not any(a <= d.start < b for d in datasets)
            else None
        )
        inside = None if any(a <= d.start < b for d in datasets) else internal
        if not sm.metrics:
            found = carried_results(sent, text, previous, models, cues, datasets)
            found += implied_results(sent, text, metrics_all, models, cues)
            if not found:  # a run of such sentences keeps the metric ("... . X scores 88%.")
                previous = None
        else:
            before = previous
            # "an F1 of 0.912 (precision 0.934, recall 0.891)": the metrics of an aside are
            # not the sentence's own
            main = [m for m in sm.metrics if not in_closed_bracket(doc, m, sent.end)]
            main = main or sm.metrics
            previous = main[0] if len({m.kb_id_ for m in main}) == 1 else None
            found = sentence_results(
                doc, sent, text, sm, before, metrics_all, models, datasets, cues
            )
        results += [
            tie_fallbacks(
                r,
                text,
                sent.start_char,
                own,
                aim_unless_named(alone, aim, named_at, r.start),
                own_data,
                elsewhere,
                aim,
                inside,
            )
            for r in found
        ]
    return dedupe_results(
        [r for r in results if not impossible_negative(r, cues.nonnegative_metrics)]
    )


def impossible_negative(result: ResultMatch, nonnegative: frozenset[str]) -> bool:
    """Whether a result gives a negative value to a metric that is never below zero
    (``nonnegative``: AUC, accuracy, Dice, error rates): the value is a difference between
    two scores ("the change in AUC was -0.02", "Dice fell by −0.03"), not a score. A metric
    that may be negative (kappa, a correlation, a bias, a docking score) keeps it.

    >>> r = ResultMatch(0, 5, "-0.02", Decimal("-0.02"), False, "auc", 0, 3)
    >>> impossible_negative(r, frozenset({"auc"})), impossible_negative(r, frozenset())
    (True, False)
    >>> impossible_negative(ResultMatch(0, 4, "0.91", Decimal("0.91"), False, "auc", 0, 3),
    ...                     frozenset({"auc"}))
    False
    """
    return result.value is not None and result.value < 0 and result.metric_key in nonnegative


def implied_results(
    sent: Span, text: str, metrics: Sequence[Span], models: Sequence[Span], cues: ResultCues
) -> list[ResultMatch]:
    """The scores of a sentence that names no metric whose wording implies one the abstract
    names elsewhere ("Reviewers rated 93.3% of the outputs as fully accurate": accuracy;
    see :func:`implied_metric_keys`), each tied to the model its sentence names. A value a
    comparison sets against such a score takes its metric too ("X answered 84% of the
    questions correctly, compared with 71% for Y": :func:`carry_compared_values`)."""
    values = list(VALUE_RE.finditer(text, sent.start_char, sent.end_char))
    metric_of = [implied_metric(m, text, metrics, cues) for m in values]
    if all(metric is None for metric in metric_of):
        return []  # the cheap test first: most sentences imply no metric
    kept = [i for i, m in enumerate(values) if is_score_like(m, text, cues)]
    scores = [values[i] for i in kept]
    implied = {n: metric for n, i in enumerate(kept) if (metric := metric_of[i]) is not None}
    if not implied:
        return []
    assigned = carry_compared_values(
        [], [(m.start(), m.end()) for m in scores], [value_form(m) for m in scores], implied, text
    )
    return [
        result_of(m, assigned[i], model_key=tie_model(sent, m.start(), models))
        for i, m in enumerate(scores)
        if i in assigned
    ]


def result_of(
    match: re.Match[str],
    metric: Span,
    *,
    is_improvement: bool = False,
    model_key: str | None = None,
    dataset_key: str | None = None,
) -> ResultMatch:
    """The result a value of :data:`VALUE_RE` states for ``metric``: the value's character
    span without its trailing space, its cleaned text and number, and the metric's key and
    span, with the model and dataset it is tied to.

    >>> import spacy
    >>> d = spacy.blank("en")("Dice of 0.91 here")
    >>> r = result_of(VALUE_RE.search(d.text, 5), d[0:1], model_key="x")
    >>> r.start, r.end, r.value_text, r.metric_start, r.metric_end, r.model_key
    (8, 12, '0.91', 0, 4, 'x')
    """
    return ResultMatch(
        start=match.start(),
        end=match.start() + len(match.group(0).rstrip()),
        value_text=clean_value_text(match.group(0)),
        value=parse_value(match.group("num")),
        is_improvement=is_improvement,
        metric_key=metric.kb_id_,
        metric_start=metric.start_char,
        metric_end=metric.end_char,
        model_key=model_key,
        dataset_key=dataset_key,
    )


def dedupe_results(results: Sequence[ResultMatch]) -> list[ResultMatch]:
    """Keep the first of results stating the same value for the same metric.

    An abstract that repeats "accuracy (0.868)" states one result; a model or dataset tied to
    a later repetition fills in what the first one lacks.
    """
    first: dict[tuple[Any, ...], int] = {}
    out: list[ResultMatch] = []
    for r in results:
        key = (r.metric_key, r.value, r.is_improvement)
        if key not in first:
            first[key] = len(out)
            out.append(r)
            continue
        kept = out[first[key]]
        out[first[key]] = replace(
            kept,
            model_key=kept.model_key or r.model_key,
            dataset_key=kept.dataset_key or r.dataset_key,
        )
    return out


@Language.factory("kg_results", requires=["doc.spans"], assigns=["doc._.kg_results"])
def make_results(nlp: Language, name: str) -> ResultExtractor:
    """Create the ``kg_results`` component (see :class:`ResultExtractor`); its cue words come
    from ``initialize`` (``patterns/results.jsonl`` through ``kg.read_patterns.v1``)."""
    return ResultExtractor(nlp, name, cues=ResultCues.from_rows(()))


class ResultExtractor:
    """Set ``doc._.kg_results`` (list of :class:`ResultMatch`); reads ``doc.spans["kg_concepts"]``
    (metrics), and ``doc.spans["kg_models"]`` / ``["kg_datasets"]`` when present.

    The metric labels it reads a metric span's own words with are those of the vocabulary the
    pipeline's ``kg_concepts`` component was configured with (its ``schemes_dir``), the one
    the metric spans come from; the shipped vocabulary when the pipeline has no such component.
    """

    def __init__(self, nlp: Language, name: str = "kg_results", *, cues: ResultCues) -> None:
        self.name = name
        self.cues = cues
        self._use_vocabulary(_concept_vocabulary(nlp) or load_vocabulary())

    def _use_vocabulary(self, vocabulary: Vocabulary) -> None:
        self.metric_labels = vocabulary.label_index("metric")
        self.narrower = frozenset(c.key for c in vocabulary.of_type("metric") if c.broader)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        """Load the cue words.

        Args:
            get_examples: unused (nothing is trained).
            nlp: the pipeline: the vocabulary of its ``kg_concepts`` component, if it has one
                (added after this one, say), gives the metric labels.
            patterns: pattern groups from ``kg.read_patterns.v1``; reads ``"results"``.
        """
        self.cues = ResultCues.from_rows((patterns or {}).get("results", ()))
        vocabulary = _concept_vocabulary(nlp) if nlp is not None else None
        if vocabulary is not None:
            self._use_vocabulary(vocabulary)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_results = find_results(doc, self.cues, self.metric_labels, self.narrower)
        return doc


def _concept_vocabulary(nlp: Language) -> Vocabulary | None:
    """The vocabulary of the pipeline's ``kg_concepts`` component, or None without one."""
    if "kg_concepts" not in nlp.component_names:
        return None
    vocabulary = getattr(nlp.get_pipe("kg_concepts"), "vocabulary", None)
    return vocabulary if isinstance(vocabulary, Vocabulary) else None
