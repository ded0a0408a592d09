"""Named clinical scores and rules (qSOFA, NEWS2, the LACE index, the Morse Fall Scale): a model
when the paper uses one as a predictor, nothing when it only defines a label, an outcome, an
inclusion criterion or a stratum (issue 15, scores15; docs/extraction.md, "Clinical scores").

A score is used as a predictor when it is compared with the paper's model ("compared with the
LACE index", "Comparators were qSOFA, NEWS2 and ..."), when a score's value is given for it
("0.71 (0.69-0.73) for qSOFA") or when it is the subject of a verb stating its own score ("the
LACE index achieved an AUROC of 0.634"). "Sepsis was defined by Sepsis-3 criteria", "a Patient
Health Questionnaire-9 score of 10 or higher", "risk scores such as CHA2DS2-VASc" and "using the
ESI as the reference" use none of them as a predictor.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from kg.nlp.components.names.units import Unit, back_in_sentence
from kg.nlp.components.wordlists import wordlist

#: nouns whose list is the paper's comparators ("Comparators were X, Y", "baselines: X")
COMPARATOR_NOUNS = wordlist("names_wordlists", "comparator_nouns")
#: words between such a noun and its list ("were", "included", ":")
COMPARATOR_LINKS = wordlist("names_wordlists", "comparator_links")
#: words that compare what follows with something ("versus X", "than X", "against X"); "with"
#: and "to" only after a verb of comparing in the same sentence ("compared it with X")
COMPARE_VERBS = wordlist("names_wordlists", "compare_verbs")
#: verbs whose object is compared with their subject ("outperforming the HEART score")
OUTDO_VERBS = wordlist("names_wordlists", "outdo_verbs")
#: plural nouns of clinical scores heading a list ("risk scores such as X")
SCORE_LIST_NOUNS = wordlist("names_wordlists", "score_list_nouns")
#: lower-case words after a short score name that say what it is ("the qSOFA score",
#: "the LACE index", "Sepsis-3 criteria")
SCORE_HEADS = wordlist("names_wordlists", "score_heads")
#: staging, grading and reporting systems (Gleason, TNM, Kellgren-Lawrence): never predictors
GRADING_SYSTEMS = wordlist("names_wordlists", "grading_systems")
#: eponyms of statistical and similarity indices (Youden, Gini, Tversky): measures, not scores
STATISTIC_EPONYMS = wordlist("names_wordlists", "statistic_eponyms")
#: words that join two names sharing one plural head ("the A and B scores")
COORDINATORS = wordlist("names_wordlists", "coordinators")
#: words after a plural score noun that keep it a noun ("the X scores were", "X scores of")
NOUN_FOLLOWERS = wordlist("names_wordlists", "score_noun_followers")
#: participles that with "by" make a score one people assigned ("recorded by nurses")
READER_PARTICIPLES = wordlist("names_wordlists", "reader_participles")
#: nouns after "as" that make a score the labels ("as reference", "as the gold standard")
REFERENCE_NOUNS = wordlist("names_wordlists", "reference_nouns")

_VALUE = re.compile(r"-?\d*\.\d+%?|\d+(?:\.\d+)?%")
#: how far back a comparison word may stand before a score's name (across a list of names)
_REACH = 12
#: lower-case heads that close a named list item ("the Gail model, the X"): see item_head
_ITEM_HEADS = SCORE_HEADS | {"model"}


def long_form_names_score(text: str, instrument_words: frozenset[str]) -> bool:
    """Whether an abbreviation's long form names a clinical score or scale: two words or more,
    the last (a version number aside) capitalised and an instrument word, and one more
    capitalised word ("quick Sequential Organ Failure Assessment", "Emergency Severity Index",
    "National Early Warning Score 2"). Such a short form is a name, not a generic concept; the
    context then says whether it is a model (:func:`used_as_predictor`).

    >>> w = frozenset({"score", "index", "assessment"})
    >>> [long_form_names_score(t, w) for t in ("Emergency Severity Index",
    ...  "quick Sequential Organ Failure Assessment", "National Early Warning Score 2")]
    [True, True, True]
    >>> [long_form_names_score(t, w) for t in ("risk index", "Index", "Segment Anything Model")]
    [False, False, False]
    """
    words = text.split()
    if len(words) > 1 and words[-1].isdigit():
        words = words[:-1]
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    return words[-1].lower() in instrument_words and any(w[:1].isupper() for w in words[:-1])


def names_a_grading_system(text: str, systems: frozenset[str] = GRADING_SYSTEMS) -> bool:
    """Whether ``text`` names a staging, grading or reporting system, maybe with a level
    after it ("Gleason", "TNM 8", "Kellgren-Lawrence"): its scores are categories that readers
    assign, so it is never a predictor, even where compared ("compared with the Gleason score
    assigned by pathologists"; review15b). Lower-case ``systems``.

    >>> s = frozenset({"gleason", "tnm", "kellgren-lawrence"})
    >>> [names_a_grading_system(t, s) for t in ("Gleason", "TNM 8", "Kellgren-Lawrence")]
    [True, True, True]
    >>> [names_a_grading_system(t, s) for t in ("qSOFA", "Gleason2019", "NEWS2")]
    [False, False, False]
    """
    return text.lower() in systems or (level_base(text) or "").lower() in systems


def never_predicts(text: str) -> bool:
    """Whether the score-like name ``text`` is never a predictor: a staging, grading or
    reporting system (:func:`names_a_grading_system`) or the eponym of a statistical or
    similarity index (``STATISTIC_EPONYMS``: "our model outperformed the Tversky index" made
    Tversky a model; review15b).

    >>> [never_predicts(t) for t in ("Gleason", "Tversky", "Youden", "qSOFA", "Caprini")]
    [True, True, True, False, False]
    """
    return names_a_grading_system(text) or text.lower() in STATISTIC_EPONYMS


_LEVEL = re.compile(r"(.+\S) (?:\d{1,2}[A-Za-z]?|[IVX]{1,4})")


def level_base(text: str) -> str | None:
    """The score name of a written level of it, a number or Roman numeral apart after the
    name ("ESI 3" -> "ESI", "Lung-RADS 4A" -> "Lung-RADS", "APACHE II" -> "APACHE"); None for a
    name without one. A level is a stratum of the score, a model only where the context makes
    the whole a predictor ("compared with NEWS 2").

    >>> [level_base(t) for t in ("ESI 3", "Lung-RADS 4A", "APACHE II", "ESI", "GPT-4")]
    ['ESI', 'Lung-RADS', 'APACHE', None, None]
    """
    m = _LEVEL.fullmatch(text)
    return m.group(1) if m else None


def headed_as_score(units: Sequence[Unit], last: int) -> bool:
    """Whether the name ending at unit ``last`` is followed by a lower-case score head ("the
    qSOFA score", "the LACE index", "Sepsis-3 criteria", "HAS-BLED scores"), or shares a plural
    one with the name after it ("the MMSE and CDR scores": :func:`shares_score_head`).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> headed_as_score(us("LACE", "index"), 0), headed_as_score(us("LACE", "Index"), 0)
    (True, True)
    >>> headed_as_score(us("BERT", "model"), 0), headed_as_score(us("BERT"), 0)
    (False, False)
    """
    k = last + 1
    if k >= len(units) or not units[k].space_before:
        return False
    word = units[k].text.lower()
    if word in SCORE_LIST_NOUNS:
        return not plural_read_as_verb(units, k)
    return word in SCORE_HEADS or shares_score_head(units, last)


def plural_read_as_verb(units: Sequence[Unit], k: int) -> bool:
    """Whether the plural score noun at unit ``k`` is a verb: "X scores 0.82", "X scores
    report generators", "X scores the highest" (a number, a determiner or a lower-case word
    that is not a verb's after it), where "the X scores were ..." or "X scores." is a noun.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> plural_read_as_verb(us("X", "scores", "0.82"), 1)
    True
    >>> plural_read_as_verb(us("X", "scores", "were", "high"), 1)
    False
    >>> plural_read_as_verb(us("X", "scores"), 1)
    False
    """
    j = k + 1
    if j >= len(units):
        return False
    after = units[j]
    if after.shape in {"num", "strong", "cap"} or after.text[:1].isdigit():
        return True
    return after.shape == "lower" and after.text.lower() not in NOUN_FOLLOWERS


def shares_score_head(units: Sequence[Unit], last: int) -> bool:
    """Whether the name ending at unit ``last`` is the first of two names that share one
    plural score head: "the A and B scores", "A or B indices". The second name is a single
    name-shaped unit (not lower-case), so "A and other scores" does not count.

    >>> def us(*texts, shapes=None):
    ...     shapes = shapes or ["cap"] * len(texts)
    ...     return [Unit(k, k + 1, t, shapes[k], False, True) for k, t in enumerate(texts)]
    >>> shares_score_head(us("NIHSS", "and", "GCS", "scores"), 0)
    True
    >>> shares_score_head(us("NIHSS", "and", "GCS", "models"), 0)
    False
    >>> shares_score_head(us("NIHSS", "and", "other", "scores", shapes=["cap", "lower",
    ...     "lower", "lower"]), 0)
    False
    """
    k = last + 1
    if k + 2 >= len(units) or units[k].text.lower() not in COORDINATORS:
        return False
    other, head = units[k + 1], units[k + 2]
    return (
        other.shape not in {"lower", "punct", "num", "adj"}
        and head.space_before
        and head.text.lower() in SCORE_LIST_NOUNS
    )


def listed_after_score_noun(units: Sequence[Unit], first: int, sent_of: Sequence[int]) -> bool:
    """Whether the name starting at unit ``first`` is listed after a plural noun of scores
    ("risk scores such as X", "early warning scores, e.g. X"), up to five list units between.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> listed_after_score_noun(us("scores", "such", "as", "X"), 3, [0] * 4)
    True
    >>> listed_after_score_noun(us("models", "such", "as", "X"), 3, [0] * 4)
    False
    >>> listed_after_score_noun(us("scores", "such", "as", "X"), 3, [0, 0, 1, 1])
    False
    """
    j = first - 1
    while j >= 0 and first - j <= 5 and sent_of[j] == sent_of[first]:
        word = units[j].text.lower()
        if word in SCORE_LIST_NOUNS:
            return True
        if word not in {"such", "as", "like", "including", "e.g.", "e.g", ",", "the"}:
            return False
        j -= 1
    return False


def compared_before(
    units: Sequence[Unit],
    first: int,
    sent_of: Sequence[int],
    openers: frozenset[str],
    name_units: Collection[int],
) -> bool:
    """Whether a comparison opens the list the name starting at unit ``first`` stands in:
    "versus the X", "than X", "compared with A, the X", "Comparators were A, X", walking
    back over "the", commas, "and"/"or", brackets and other names (``name_units``).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> opens = frozenset({"versus", "than", "against"})
    >>> compared_before(us("versus", "the", "X"), 2, [0] * 3, opens, ())
    True
    >>> compared_before(us("compared", "it", "with", "A", ",", "X"), 5, [0] * 6, opens, {3})
    True
    >>> compared_before(us("Comparators", "were", "A", "and", "X"), 4, [0] * 5, opens, {2})
    True
    >>> compared_before(us("defined", "by", "X"), 2, [0] * 3, opens, ())
    False
    >>> compared_before(us("using", "the", "X", "as", "reference"), 2, [0] * 5, opens, ())
    False
    """
    j = first - 1
    depth = 0
    while j >= 0 and first - j <= _REACH and sent_of[j] == sent_of[first]:
        text = units[j].text
        word = text.lower()
        if text == ")":
            depth += 1
        elif text == "(":
            depth = max(0, depth - 1)
        elif depth:
            pass
        elif word in openers or word in OUTDO_VERBS:
            return True
        elif word in {"with", "to"}:
            return _compare_verb_before(units, j, sent_of)
        elif word in COMPARATOR_LINKS:
            return j >= 1 and units[j - 1].text.lower() in COMPARATOR_NOUNS
        elif word not in {"the", ",", "and", "or"} and j not in name_units:
            if not item_head(units, j, name_units):
                return False
        j -= 1
    return False


def item_head(units: Sequence[Unit], j: int, name_units: Collection[int]) -> bool:
    """Whether unit ``j`` is the lower-case head closing an earlier item of a list of named
    predictors: "model" or a score head after a name or its bracketed short form ("the
    Gail (BCRAT) model, the X"; "the Wells score and the X"; branch names16), so the walk back
    to the comparison goes on past it.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> item_head(us("Gail", "model", ","), 1, {0}), item_head(us("our", "model", ","), 1, set())
    (True, False)
    """
    if j == 0 or units[j].text.lower() not in _ITEM_HEADS:
        return False
    return j - 1 in name_units or units[j - 1].text == ")"


def _compare_verb_before(units: Sequence[Unit], k: int, sent_of: Sequence[int]) -> bool:
    """Whether a verb of comparing stands before unit ``k`` in its sentence."""
    return any(units[j].text.lower() in COMPARE_VERBS for j in back_in_sentence(sent_of, k, k - 1))


def scored_for(
    units: Sequence[Unit],
    first: int,
    score_verbs: frozenset[str] = frozenset(),
    concept_units: Collection[int] = (),
) -> bool:
    """Whether a score's value is given for the name starting at unit ``first``: "0.71 for X",
    "0.742 (0.73-0.75) for the X", "44.8% for the X" (a bracketed interval allowed).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> scored_for(us("0.71", "for", "X"), 2), scored_for(us("0.71", "(", "0.69-0.73", ")",
    ...     "for", "the", "X"), 6)
    (True, True)
    >>> scored_for(us("patients", "for", "X"), 2), scored_for(us("12", "for", "X"), 2)
    (False, False)

    A value right after a verb of ``score_verbs``, or listed after one, is its subject's score,
    and the name after "for" what that score is measured as (review15b): "our model reached
    0.31 for the RadGraph score" gives RadGraph no score of its own; a measure as the subject
    ("AUROC reached 0.71 for X": a unit of ``concept_units`` right before the verb) still does.

    >>> v = frozenset({"reached"})
    >>> scored_for(us("model", "reached", "0.31", "for", "the", "X"), 5, v)
    False
    >>> scored_for(us("AUROC", "reached", "0.71", "for", "X"), 4, v, {0})
    True
    >>> t = "model reached 0.31 for the X score and 0.28 for the Y score".split()
    >>> scored_for(us(*t), 10, v), scored_for(us(*t[:1], "vs", *t[2:]), 10, v)
    (False, True)
    """
    j = first - 1
    if j >= 0 and units[j].text.lower() == "the":
        j -= 1
    if j < 1 or units[j].text.lower() != "for":
        return False
    j -= 1
    if units[j].text == ")":
        while j >= 0 and units[j].text != "(":
            j -= 1
        j -= 1
    if j < 0 or _VALUE.fullmatch(units[j].text) is None:
        return False
    verb = _verb_of_value_list(units, j)
    return not (
        verb >= 0 and units[verb].text.lower() in score_verbs and verb - 1 not in concept_units
    )


#: units a list of "<value> for the <name> score" items is made of, besides values and names
_VALUE_LIST_UNITS = frozenset({"for", "the", ",", "and", "(", ")"}) | SCORE_HEADS


def _verb_of_value_list(units: Sequence[Unit], j: int) -> int:
    """The unit right before the list of "<value> for <name>" items the value at unit ``j``
    stands in ("reached 0.31 for the A score and 0.28 for the B score": "reached"), walking
    back over values, names, "for", "the", commas, "and", brackets and score heads; -1 at the
    start of the text."""
    k = j - 1
    while k >= 0 and j - k <= _REACH:
        text = units[k].text
        if not (
            text.lower() in _VALUE_LIST_UNITS
            or _VALUE.fullmatch(text)
            or text[:1].isupper()
            or units[k].shape in ("cap", "strong")
        ):
            return k
        k -= 1
    return k


def states_a_score(
    units: Sequence[Unit], last: int, sent_of: Sequence[int], score_verbs: frozenset[str]
) -> bool:
    """Whether the name ending at unit ``last`` (its score head aside) is the subject of a verb
    stating a score: "qSOFA reached a sensitivity of 41%", "The LACE index achieved an AUROC".

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> verbs = frozenset({"achieved", "reached"})
    >>> states_a_score(us("X", "index", "achieved", "an"), 0, [0] * 4, verbs)
    True
    >>> states_a_score(us("X", "was", "computed"), 0, [0] * 3, verbs)
    False
    """
    k = last + 1
    if headed_as_score(units, last):
        k += 1
    return k < len(units) and sent_of[k] == sent_of[last] and units[k].text.lower() in score_verbs


def read_as_label(units: Sequence[Unit], last: int, sent_of: Sequence[int]) -> bool:
    """Whether the score named up to unit ``last`` (its score head aside) is what people
    assigned or the reference it is read as: a participle of ``READER_PARTICIPLES`` and "by"
    after it ("the NRS score recorded by nurses", "the Gleason score assigned by
    pathologists"), or "as" and a noun of ``REFERENCE_NOUNS`` ("the PHQ-9 score as
    reference", "as the gold standard"). Compared so, it is the labels a model is measured
    against, not a predictor (review15b).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> [read_as_label(us("NRS", "score", *w), 0, [0] * 5) for w in (("recorded", "by", "x"),
    ...  ("as", "the", "reference"), ("calculated", "by", "x"), ("as", "a", "baseline"))]
    [True, True, False, False]
    """
    k = last + 1
    if headed_as_score(units, last):
        k += 1
    words = [
        units[i].text.lower()
        for i in range(k, min(k + 3, len(units)))
        if sent_of[i] == sent_of[last]
    ]
    if len(words) >= 2 and words[0] in READER_PARTICIPLES and words[1] == "by":
        return True
    rest = words[1:3] if words[1:2] != ["the"] else words[2:3]
    return bool(words) and words[0] == "as" and bool(rest) and rest[0] in REFERENCE_NOUNS


def used_as_predictor(
    units: Sequence[Unit],
    first: int,
    last: int,
    sent_of: Sequence[int],
    *,
    openers: frozenset[str],
    score_verbs: frozenset[str],
    name_units: Collection[int],
    concept_units: Collection[int] = (),
) -> bool:
    """Whether the score named by units ``first..last`` is used as a predictor here: compared
    (:func:`compared_before`), given a score's value (:func:`scored_for`; ``concept_units``:
    the units of modality, task and metric mentions) or stating its own
    (:func:`states_a_score`), and not read as the labels (:func:`read_as_label`).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> kw = dict(openers=frozenset({"than"}), score_verbs=frozenset(), name_units=())
    >>> used_as_predictor(us("better", "than", "X"), 2, 2, [0] * 3, **kw)
    True
    >>> used_as_predictor(us("defined", "by", "X", "criteria"), 2, 2, [0] * 4, **kw)
    False
    """
    return not read_as_label(units, last, sent_of) and (
        compared_before(units, first, sent_of, openers, name_units)
        or scored_for(units, first, score_verbs, concept_units)
        or states_a_score(units, last, sent_of, score_verbs)
    )
