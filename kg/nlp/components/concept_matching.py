"""Candidate modality, task and metric mentions (issue 3, point 2; split out of
:mod:`kg.nlp.components.concepts` in issue 15 so that each module has one job).

:class:`ConceptMatcher` compiles the vocabulary (``ontology/schemes/*.ttl`` through
:mod:`kg.nlp.vocabulary`), the word lists, the context gates and the compound rules of
``patterns/concepts_*.jsonl`` into spaCy matchers, and finds every candidate mention of a Doc
with them, most to least confident:

1. vocabulary labels, matched with a :class:`~spacy.matcher.PhraseMatcher` on ``LOWER`` (or
   ``ORTH`` for short acronyms such as "CT", "mAP"), with hyphen and plural variants generated
   from each label;
2. ambiguous short forms ("US", "CT", "reports", "detection", ...) that pass their context gate
   (:func:`gate_accepts`);
3. abbreviations defined in the text (scispaCy's ``abbreviation_detector``:
   ``doc._.abbreviations``) whose long form is a concept label;
4. compound rules for tasks not in the vocabulary ("acute infection detection", "the evidence
   selection task"), verbs and their objects, task lists, token patterns ("nDCG@10").

Which of the candidates the paper names as its own (background, variants, roll-up) is decided
by ``kg_concepts`` (:mod:`kg.nlp.components.concepts`). The text primitives here are pure
functions; the matcher is read-only once built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

import numpy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.entity_types import CONCEPT_TYPES
from kg.ids import normalize_key
from kg.nlp import extensions  # noqa: F401  (declares the ._ attributes)
from kg.nlp.components.doc_text import span_text, text_of, token_lowers, token_texts
from kg.nlp.components.lexicon import remember
from kg.nlp.components.wordlists import lists_by_name, wordlist
from kg.nlp.vocabulary import Concept, Vocabulary

#: words that show a listed item is a clause, not a task name ("particularly in ...")
LIST_ITEM_BREAKERS = wordlist("concepts_wordlists", "list_item_breakers")

#: Confidence of each kind of evidence (calibrated on the dev set, see issue 3 point 6).
DEFAULT_CONFIDENCE: dict[str, float] = {
    "pref": 0.95,
    "alt": 0.9,
    "variant": 0.85,
    "abbreviation": 0.85,
    "gated": 0.75,
    "compound_known": 0.8,
    "pattern": 0.55,
    # a task named only as background or motivation (issue 15, item 2): kept as a mention,
    # below kg.statements.LINK_THRESHOLD, so not asserted
    "background": 0.45,
    # a modality the paper's own task targets without naming it ("report generation" targets
    # radiology reports): kg/nlp/patterns/concepts_patterns.jsonl, row "task_implies_modality"
    "implied": 0.7,
}


#: most token texts :meth:`ConceptMatcher.names_image` remembers before it starts afresh
IMAGE_TOKEN_CACHE = 50_000


def pluralize(word: str) -> str:
    """Return the regular English plural of ``word``.

    >>> pluralize("radiograph"), pluralize("summary"), pluralize("mass"), pluralize("CXR")
    ('radiographs', 'summaries', 'masses', 'CXRs')
    >>> pluralize("diagnosis"), pluralize("synthesis")
    ('diagnoses', 'syntheses')
    """
    low = word.lower()
    if word.isupper() or any(c.isdigit() for c in word):
        return word + "s"
    if low.endswith("sis"):  # the Greek plural: "diagnoses", "analyses"
        return word[:-2] + "es"
    if low.endswith(("s", "x", "ch", "sh", "z")):
        return word + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def long_form_tail(
    words: Sequence[str],
    lookup: Callable[[str], tuple[str, str] | None],
    openers: frozenset[str],
) -> tuple[str, str] | None:
    """The concept that the tail of a detected long form names, when the detector reached back
    over the words before the definition (issue 15). The abbreviation detector matches a
    short form's letters against the words before it, so "MedVQA" after "medical applications,
    particularly in visual question answering" takes all of that as its long form, which names
    no concept, and the short form is then read as defined as something else. The words after
    the last punctuation mark or word of ``openers`` ("in", "of", "such as") are the long
    form's own phrase; it names the concept ``lookup`` finds for it, else None.

    >>> labels = {"visual question answering": ("task", "vqa")}
    >>> words = "medical applications , particularly in visual question answering".split()
    >>> long_form_tail(words, labels.get, frozenset({"in"}))
    ('task', 'vqa')
    >>> long_form_tail(words, labels.get, frozenset()) is None  # a comma alone: "particularly ..."
    True
    >>> long_form_tail("clinical trials".split(), labels.get, frozenset({"in"})) is None
    True
    """
    cut = max(
        (i for i, w in enumerate(words) if w.lower() in openers or not any(c.isalnum() for c in w)),
        default=-1,
    )
    if cut < 0 or cut + 1 >= len(words):
        return None
    return lookup(" ".join(words[cut + 1 :]))


@lru_cache(maxsize=1 << 14)  # a pure function of the word, called per candidate head (speed)
def singularize(word: str) -> str:
    """Return a regular singular of ``word`` (leaves non-plurals alone).

    >>> (singularize("reports"), singularize("summaries"), singularize("diagnosis"),
    ...  singularize("analyses"), singularize("diagnoses"), singularize("syntheses"))
    ('report', 'summary', 'diagnosis', 'analysis', 'diagnosis', 'synthesis')
    >>> singularize("doses"), singularize("cases")
    ('dose', 'case')
    """
    low = word.lower()
    if len(low) <= 3 or low.endswith(("ss", "us", "is", "ics")):
        return word
    # the Greek plurals of "-sis" nouns ("analyses", "diagnoses", "prognoses", "syntheses")
    if low.endswith(("yses", "gnoses", "theses")):
        return word[:-2] + "is"
    if low.endswith("ies"):
        return word[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if low.endswith("s"):
        return word[:-1]
    return word


def is_case_sensitive(label: str) -> bool:
    """Whether a label must match case-sensitively: it holds a short acronym ("CT", "mAP").

    >>> [is_case_sensitive(x) for x in ("CT", "mAP", "X-ray", "ROUGE", "Dice", "PET/CT", "F1")]
    [True, True, False, False, False, True, False]
    """
    for part in label.replace("/", " ").replace("-", " ").split():
        letters = [c for c in part if c.isalpha()]
        if 0 < len(letters) <= 4 and sum(c.isupper() for c in letters) >= 2:
            return True
    return False


#: words a title leaves in lower case ("Segmentation of Brain MRI", "Area under the ROC Curve")
TITLE_MINOR_WORDS = wordlist("concepts_wordlists", "title_minor_words")
#: nouns in -ness that are no quality of an output ("an illness score")
NESS_NOT_QUALITY = wordlist("concepts_wordlists", "ness_not_quality")


def title_case(text: str) -> str:
    """The form a title-case title gives ``text``: each word (and each part of a hyphenated
    word) capitalised, but the minor words of :data:`TITLE_MINOR_WORDS` and words already
    holding a capital ("ICD coding" -> "ICD Coding"). A label matched case-sensitively (it
    holds an acronym) needs this form as a variant of its own.

    >>> title_case("ICD coding"), title_case("area under the ROC curve")
    ('ICD Coding', 'Area under the ROC Curve')
    >>> title_case("cone-beam CT"), title_case("medical VQA")
    ('Cone-Beam CT', 'Medical VQA')
    """
    words = []
    for n, word in enumerate(text.split(" ")):
        if n > 0 and word in TITLE_MINOR_WORDS:
            words.append(word)
            continue
        words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


def label_variants(label: str, hyphenate: bool = False) -> list[str]:
    """Return the surface variants of a label that the matcher should also find.

    Hyphens become spaces or disappear ("X-ray" -> "X ray", "Xray"), with ``hyphenate`` (the
    metric labels) the first two words of a label of three or more lower-case words are also
    written as one hyphenated modifier ("false-positive rate", as English writes a compound
    before its measure head; a task's hyphenated modifier more often names a kind of task
    than the task itself: "membership-inference attacks"), and the last word
    gets its plural ("chest X-rays"; a Latin one too: "C-indices"); a multi-word plural label
    also gets its singular.

    >>> label_variants("X-ray")
    ['X-ray', 'X-rays', 'X ray', 'X rays', 'Xray', 'Xrays']
    >>> label_variants("clinical notes")
    ['clinical notes', 'clinical note']
    >>> label_variants("false positive rate", hyphenate=True)[2:4]
    ['false-positive rate', 'false-positive rates']
    """
    base = [label]
    if "-" in label:
        base += [label.replace("-", " "), label.replace("-", "")]
    elif hyphenate and hyphenable_modifier(label):
        base.append(label.replace(" ", "-", 1))
    out: list[str] = []
    for form in base:
        for variant in (form, _pluralize_last(form), latin_plural(form)):
            if variant not in out:
                out.append(variant)
    words = label.split()
    if len(words) > 1:
        singular = " ".join([*words[:-1], singularize(words[-1])])
        if singular not in out:
            out.append(singular)
    return out


def hyphenable_modifier(label: str) -> bool:
    """Whether the first two words of ``label`` may be written as one hyphenated modifier of
    the rest: three or more words, all lower-case letters ("false positive rate" ->
    "false-positive rate"); a two-word label has no head left after them, and a name's words
    ("Fréchet inception distance") are not joined.

    >>> [hyphenable_modifier(x) for x in ("false positive rate", "error rate", "Cohen's kappa")]
    [True, False, False]
    """
    words = label.split()
    return len(words) >= 3 and all(w.isalpha() and w.islower() for w in words)


def latin_plural(text: str) -> str:
    """Return the Latin plural of a label whose last word ends in "-ex" or "-ix" ("C-index"
    -> "C-indices", "matrix" -> "matrices"), which measures are often written in; else the
    label unchanged.

    >>> latin_plural("C-index"), latin_plural("Jaccard index"), latin_plural("accuracy")
    ('C-indices', 'Jaccard indices', 'accuracy')
    """
    if len(text) > 3 and text.lower().endswith(("ex", "ix")) and text[-3].isalpha():
        return text[:-2] + "ices"
    return text


def _pluralize_last(text: str) -> str:
    head, sep, last = text.rpartition(" ")
    # words ending in "s" are plural already, or singulars such as "status"; the last "-sis"
    # noun of a phrase takes the Greek plural ("differential diagnoses"), a lone one not: bare
    # "diagnoses" are mostly record data ("diagnoses, procedures and medications")
    if not last or not last[-1].isalpha() or last.lower().endswith("ing"):
        return text
    if last.lower().endswith("s") and not (head and last.lower().endswith("sis")):
        return text
    return head + sep + pluralize(last)


def verb_forms(base: str) -> list[str]:
    """Return the finite and -ing forms of a regular verb (not the "-ed" forms, which are
    mostly adjectives before a noun: "segmented organs", "generated images").

    >>> verb_forms("classify"), verb_forms("generate"), verb_forms("segment")
    (['classify', 'classifies', 'classifying'], ['generate', 'generates', 'generating'], ['segment', 'segments', 'segmenting'])
    >>> verb_forms("diagnose"), verb_forms("synthesize")
    (['diagnose', 'diagnoses', 'diagnosing'], ['synthesize', 'synthesizes', 'synthesizing'])
    >>> verb_forms("flag"), verb_forms("tag")
    (['flag', 'flags', 'flagging'], ['tag', 'tags', 'tagging'])
    """
    low = base.lower()
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        third, ing = low[:-1] + "ies", low + "ing"
    elif low.endswith(("s", "x", "ch", "sh", "z")):
        third, ing = low + "es", low + "ing"
    elif _doubles_final_consonant(low):
        third, ing = low + "s", low + low[-1] + "ing"
    else:
        third = low + "s"
        ing = (low[:-1] if low.endswith("e") and not low.endswith("ee") else low) + "ing"
    return [low, third, ing]


def _doubles_final_consonant(word: str) -> bool:
    """Whether a one-syllable verb doubles its last consonant before "-ing" ("flag" ->
    "flagging", "tag" -> "tagging"; not "count", "grade", "segment").

    >>> [_doubles_final_consonant(w) for w in ("flag", "tag", "plan", "count", "segment", "fix")]
    [True, True, True, False, False, False]
    """
    vowels = "aeiou"
    return (
        len(word) in (3, 4)
        and word[-1] in "bdgmnpt"
        and word[-2] in vowels
        and word[-3] not in vowels
        and sum(c in vowels for c in word) == 1
    )


def past_form(base: str) -> str:
    """Return the regular past tense ("-ed" form) of a verb.

    >>> [past_form(v) for v in ("segment", "classify", "translate", "flag", "summarise", "play")]
    ['segmented', 'classified', 'translated', 'flagged', 'summarised', 'played']
    """
    low = base.lower()
    if low.endswith("e"):
        return low + "d"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return low[:-1] + "ied"
    if _doubles_final_consonant(low):
        return low + low[-1] + "ed"
    return low + "ed"


def own_past_tense(
    words: Sequence[str], i: int, subjects: frozenset[str], not_between: frozenset[str]
) -> bool:
    """Whether the "-ed" word at ``i`` is the past tense of the authors' own act: a subject of
    ``subjects`` right before it ("we segmented the liver", "We translated the exam set") or one
    word before it that is an adverb in "-ly" or "then", "also", "first", "further" ("we then
    translated"), unless that adverb is one of ``not_between`` (a person's act: "we manually
    segmented" makes the reference standard, not the work's task). Elsewhere an "-ed" form is
    mostly an adjective or a passive ("segmented organs", "reports generated by radiologists").
    ``words``: the Doc's lower-cased token texts.

    >>> w = "we segmented it ; we then translated it ; we manually segmented it".split()
    >>> s, n = frozenset({"we"}), frozenset({"manually"})
    >>> [own_past_tense(w, i, s, n) for i in (1, 6, 11)]
    [True, True, False]
    >>> own_past_tense("the segmented organs".split(), 1, s, n)
    False
    """
    j = i - 1
    if j >= 1 and (words[j] in _PAST_ADVERBS or (words[j].endswith("ly") and words[j].isalpha())):
        if words[j] in not_between:
            return False
        j -= 1
    return j >= 0 and words[j] in subjects


def own_subject_before(words: Sequence[str], i: int, subjects: frozenset[str]) -> bool:
    """Whether the verb at ``i`` has the authors as its subject: a word of ``subjects`` right
    before it ("we estimate"), or one adverb between ("we then estimate", "we directly
    estimate"). ``words``: the Doc's lower-cased token texts.

    >>> w = "we estimate it ; we then estimate it ; models estimate it".split()
    >>> [own_subject_before(w, i, frozenset({"we"})) for i in (1, 6, 10)]
    [True, True, False]
    """
    j = i - 1
    if j >= 1 and (words[j] in _PAST_ADVERBS or (words[j].endswith("ly") and words[j].isalpha())):
        j -= 1
    return j >= 0 and words[j] in subjects


def named_subject_before(doc: Doc, i: int) -> bool:
    """Whether the verb at ``i`` is in its "-s" form right after a name written with a
    capital inside it ("EchoBank estimates", "CardioNet classifies"): a system as its
    subject, not a plural noun or a sentence-opening word. The name must be shaped like a
    system's (:func:`name_shaped`): an acronym of a modality or a marker ("PET identifies
    nodal spread", "Serum NfL predicts disability worsening") is the clinic's, not the
    paper's system (review16c).

    >>> import spacy
    >>> d = spacy.blank("en")("EchoBank estimates it ; the network estimates it ; Models estimate it")
    >>> named_subject_before(d, 1), named_subject_before(d, 6), named_subject_before(d, 10)
    (True, False, False)
    >>> d = spacy.blank("en")("PET identifies it ; NfL predicts it")
    >>> named_subject_before(d, 1), named_subject_before(d, 5)
    (False, False)
    """
    if i < 1 or not doc[i].lower_.endswith("s"):
        return False
    name = doc[i - 1].text
    return name.isalnum() and name_shaped(name)


def names_a_quantity(
    words: Sequence[str], degree: frozenset[str], is_metric: Callable[[str], bool]
) -> bool:
    """Whether the object ``words`` of the authors' own task verb name what a system
    estimates, predicts or extracts ("ejection fraction", "hospital admission"), not an
    evaluation measure the study computes (``is_metric`` of the phrase or of a tail of it:
    "we estimate sensitivity", "we estimate pooled sensitivity") nor a finding or good opened
    by a word of ``degree`` ("we identify substantial variation", "we predict considerable
    uptake"; review16c).

    >>> metric = {"sensitivity"}.__contains__
    >>> [names_a_quantity(w.split(), frozenset({"substantial"}), metric) for w in
    ...  ["ejection fraction", "pooled sensitivity", "substantial variation"]]
    [True, False, False]
    """
    if not words or words[0] in degree:
        return False
    return not any(is_metric(" ".join(words[i:])) for i in range(len(words)))


def opens_content_clause(words: Sequence[str], end: int) -> bool:
    """Whether the object phrase ending at ``end`` is followed by "that" and a clause ("we
    produce evidence that risk models change referrals"): a noun of a claim, whose content
    follows, not the object of a task (review16c).

    >>> w = "produce evidence that models help ; estimate ejection fraction .".split()
    >>> opens_content_clause(w, 2), opens_content_clause(w, 9)
    (True, False)
    """
    return end < len(words) and words[end] == "that"


def made_by_people_or_devices(words: Sequence[str], i: int, makers: frozenset[str]) -> bool:
    """Whether the subject right before the verb at ``i`` (one adverb may stand between) is a
    person or a device of ``makers``, or a person noun in "-ist"/"-ian" ("pathologists",
    "clinicians"): "each nurse writes a handover summary", "the scanner produces images" are
    no task of a system (review16c). ``words``: the Doc's lower-cased token texts.

    >>> w = "pathologists produce reports ; the scanner then produces images ; models produce".split()
    >>> m = frozenset({"scanner"})
    >>> [made_by_people_or_devices(w, i, m) for i in (1, 7, 11)]
    [True, True, False]
    """
    j = i - 1
    if j >= 1 and (words[j] in _PAST_ADVERBS or (words[j].endswith("ly") and words[j].isalpha())):
        j -= 1
    if j < 0:
        return False
    word = words[j]
    if word in makers:
        return True
    return (
        word.isalpha()
        and len(word) > 5
        and word.endswith(("ist", "ists", "ian", "ians"))
        and not word.endswith(("list", "lists"))
    )


#: the rule of a task named by the authors' own verb and its object (``_own_verb_task``)
OWN_VERB_RULE = "pattern:own_verb_task"

#: the mark of an own-verb task stated as one more task ("we also estimate ..."; review16c)
FURTHER_TASK = "+further"

#: adverbs that add a task to the ones stated before ("we also estimate", "we additionally")
_ADDITIVE_ADVERBS = frozenset({"also", "additionally", "further", "furthermore", "moreover"})


def adds_a_task(words: Sequence[str], verb: int) -> bool:
    """Whether the authors' own task verb at ``verb`` comes right after an additive adverb
    ("we also estimate intracranial volume", "we additionally detect ..."): the paper states
    one more task, not its main task again in other words, so it is no restatement of a task
    on the same head (:func:`kg.nlp.components.concepts.merge_verb_restatements`; review16c).

    >>> w = "we also estimate volume ; we estimate volume".split()
    >>> adds_a_task(w, 2), adds_a_task(w, 6)
    (True, False)
    """
    return verb >= 1 and words[verb - 1] in _ADDITIVE_ADVERBS


def own_object_end(words: Sequence[str], first: int, last: int) -> int:
    """The end of a verb's object phrase ``words[first:last]`` before an adverb in "-ly" that
    follows it ("we estimate ejection fraction directly from ..." -> "ejection fraction").

    >>> w = "estimate ejection fraction directly from clips".split()
    >>> own_object_end(w, 1, 4), own_object_end(w, 1, 3)
    (3, 3)
    """
    for i in range(first + 1, last):
        if words[i].endswith("ly") and words[i].isalpha():
            return i
    return last


#: adverbs that may stand between the subject and its verb without "-ly" ("we then translated")
_PAST_ADVERBS = frozenset({"then", "also", "first", "further", "subsequently", "next"})


def object_segments(
    doc: Doc, start: int, *, max_tokens: int, stop: frozenset[str]
) -> list[tuple[int, int]]:
    """The object phrase after a verb ("extracting clinical entities and relations"), as
    (segment start, token index) pairs: one per content token, where the segment start is the
    first token after the last coordinator ("and", "or", ",") before it.

    The phrase ends at punctuation (a comma too: "tracking failures, we ..."), at a word in
    ``stop`` (prepositions, verbs, clause words) or after ``max_tokens`` tokens; only tokens
    that can end a noun phrase are returned.

    >>> import spacy
    >>> d = spacy.blank("en")("extracting clinical entities and relations from reports")
    >>> object_segments(d, 1, max_tokens=6, stop=frozenset({"from"}))
    [(1, 2), (4, 4)]
    """
    out: list[tuple[int, int]] = []
    seg = start
    end = min(len(doc), start + max_tokens)
    for i in range(start, end):
        tok = doc[i]
        low = tok.lower_
        if low in {"and", "or"}:
            seg = i + 1
            continue
        if low in stop or (tok.is_punct and tok.text != "-") or tok.like_num:
            break
        if (tok.is_alpha or "-" in tok.text) and _ends_noun_phrase(doc, i, stop):
            out.append((seg, i))
    return out


def _ends_noun_phrase(doc: Doc, i: int, stop: frozenset[str]) -> bool:
    """Whether token ``i`` can be the head of a noun phrase: nothing that continues the phrase
    follows ("valid molecular structures": not "molecular"; "images conditioned on": "images")."""
    if i + 1 >= len(doc):
        return True
    nxt = doc[i + 1]
    if not (nxt.is_alpha or "-" in nxt.text) or nxt.is_punct:
        return True
    low = nxt.lower_
    return (
        low in stop
        or low in {"and", "or", "but"}
        or low.endswith(("ed", "ing", "ly"))
        or (not nxt.is_lower and not nxt.is_title)
    )


@dataclass(frozen=True)
class ObjectRule:
    """A task named by what its nominal acts on (``concepts_patterns.jsonl``, ``task_by_object``):
    "segment pancreatic tumours" and "polyp localisation" name a canonical task that no
    vocabulary label spells out (GUIDELINES, task: a variant is its canonical task)."""

    nominals: frozenset[str]
    task: str
    #: words of which the object must hold one (empty: any object)
    objects: frozenset[str] = frozenset()
    #: words that rule the reading out ("segment patients into groups")
    not_objects: frozenset[str] = frozenset()
    #: True: only with image data in reach; False: only without; None: either
    image: bool | None = None
    #: the object words may stand anywhere in reach ("translating X into Swahili"), not only in
    #: the object phrase
    reach: bool = False
    #: word endings that also make an object word ("retinopathy", "arthritis": diseases)
    object_suffixes: tuple[str, ...] = ()
    #: units of time of which one must stand in reach (a horizon: "within five years", "30-day")
    horizon_units: frozenset[str] = frozenset()
    #: words that state the horizon as the nominal's own modifier ("early prediction of
    #: delirium", "predict future stroke"; :func:`modifier_states_horizon`)
    horizon_words: frozenset[str] = frozenset()


def modifier_states_horizon(lead: Iterable[str], words: frozenset[str]) -> bool:
    """Whether a word of ``lead`` (the word right before the nominal and the first word of its
    object) is one of ``words``, a horizon without a unit: an "early prediction" or a
    "future" event is made or happens before the disease is there, a risk (GUIDELINES task:
    risk prediction is disease prediction; branch tasks16c). Only these two places count, so
    "early-stage cancer" further on or "early in the admission" in reach state nothing.

    >>> w = frozenset({"early", "future"})
    >>> modifier_states_horizon(["early", "delirium"], w), modifier_states_horizon(
    ...  ["we", "future"], w), modifier_states_horizon(["we", "delirium"], w)
    (True, True, False)
    """
    return any(word in words for word in lead)


def states_horizon(words: Iterable[str], units: frozenset[str]) -> bool:
    """Whether ``words`` state a time horizon: a unit of time of ``units`` ("within five
    years", "at 90 days") or a count glued to one ("five-year", "30-day"). A disease predicted
    within a horizon is a future event, a risk (GUIDELINES task: risk prediction is disease
    prediction), where a disease "predicted" without one is often the present state a test
    detects ("predicts COVID-19 infection from cough audio": diagnosis; branch tasks15).

    >>> u = frozenset({"year", "years", "day", "days"})
    >>> states_horizon(["stroke", "within", "five", "years"], u), states_horizon(
    ...  ["30-day", "mortality"], u), states_horizon(["covid-19", "infection"], u)
    (True, True, False)
    """
    return any(w in units or w.rpartition("-")[2] in units for w in words)


def read_object_rules(
    rows: Iterable[dict[str, Any]], wordlists: dict[str, frozenset[str]]
) -> list[ObjectRule]:
    """The :class:`ObjectRule` list of the ``task_by_object`` pattern row, in file order."""
    return [
        ObjectRule(
            nominals=expand_wordlist(r["nominals"], wordlists),
            task=r["task"],
            objects=expand_wordlist(r.get("objects"), wordlists),
            not_objects=expand_wordlist(r.get("not_objects"), wordlists),
            image=r.get("image"),
            reach=bool(r.get("reach", False)),
            object_suffixes=tuple(sorted(expand_wordlist(r.get("object_suffixes"), wordlists))),
            horizon_units=expand_wordlist(r.get("horizon_units"), wordlists),
            horizon_words=expand_wordlist(r.get("horizon_words"), wordlists),
        )
        for row in rows
        if row.get("id") == "task_by_object"
        for r in row["rules"]
    ]


def task_by_object(
    nominal: str,
    words: Iterable[str],
    rules: Sequence[ObjectRule],
    *,
    image: bool | Callable[[], bool],
    reach: Iterable[str] = (),
) -> str | None:
    """The task key of :func:`object_rule` (None when no rule meets or the rule names none).

    >>> r = [ObjectRule(frozenset({"answering"}), "qa", frozenset({"question"}))]
    >>> task_by_object("answering", ["questions"], r, image=False)
    'qa'
    """
    rule = object_rule(nominal, words, rules, image=image, reach=reach)
    return (rule.task or None) if rule is not None else None


def object_rule(
    nominal: str,
    words: Iterable[str],
    rules: Sequence[ObjectRule],
    *,
    image: bool | Callable[[], bool],
    reach: Iterable[str] = (),
    lead: Sequence[str] = (),
) -> ObjectRule | None:
    """The first rule for ``nominal`` whose object words match ``words`` (the
    object phrase, lower case; plurals are singularised here; ``reach`` too for a rule that
    reads it) and whose image condition ``image`` (image data named in reach; a function is
    called once, only when a rule asks) meets; None when no rule does.

    >>> r = [ObjectRule(frozenset({"answering"}), "vqa", frozenset({"question"}), image=True),
    ...      ObjectRule(frozenset({"answering"}), "qa", frozenset({"question"}))]
    >>> object_rule("answering", ["clinical", "questions"], r, image=True).task
    'vqa'
    >>> object_rule("answering", ["clinical", "questions"], r, image=False).task
    'qa'
    >>> object_rule("answering", ["emails"], r, image=False) is None
    True
    """
    relevant = [rule for rule in rules if nominal in rule.nominals]
    if not relevant:
        return None
    seen = {w for word in words for w in (word, singularize(word))}
    around: set[str] | None = None
    has_image: bool | None = None if callable(image) else image
    # the cheap word tests first; the reach and the image test only when a rule needs them
    for rule in relevant:
        if rule.objects or rule.object_suffixes:
            if rule.reach and around is None:
                around = seen | {w for word in reach for w in (word, singularize(word))}
            pool = around if rule.reach and around is not None else seen
            if not rule.objects & pool and not has_suffix(pool, rule.object_suffixes):
                continue
        if rule.not_objects & seen:
            continue
        if (
            rule.horizon_units
            and not states_horizon([*seen, *reach], rule.horizon_units)
            and not modifier_states_horizon(lead, rule.horizon_words)
        ):
            continue
        if rule.image is not None:
            if has_image is None:
                has_image = bool(image()) if callable(image) else image
            if rule.image is not has_image:
                continue
        return rule  # its task "" ends the search: this object names no task here
    return None


def horizon_lead(doc: Doc, start: int, first: int) -> tuple[str, ...]:
    """The lower-case word right before a task's verb or nominal at ``start`` and the first
    word of its object at ``first``, where a horizon without a unit stands ("the early
    prediction of delirium", "predict future stroke"; :func:`modifier_states_horizon`).

    >>> import spacy
    >>> d = spacy.blank("en")("the early prediction of delirium")
    >>> horizon_lead(d, 2, 4)
    ('early', 'delirium')
    >>> horizon_lead(d, 0, 9)
    ()
    """
    lowers = token_lowers(doc)
    return tuple(lowers[i] for i in (start - 1, first) if 0 <= i < len(doc))


def verb_in_context(doc: Doc, i: int, subjects: frozenset[str]) -> bool:
    """Whether token ``i``, a word that is a noun as well as a verb ("triage", "screen"), is
    used as the verb: a subject, "to" or a modal right before it ("we triage", "to screen",
    "can screen"), or an adverb in "-ly" ("we automatically triage").

    >>> import spacy
    >>> d = spacy.blank("en")("we triage notes from the triage desk and quickly triage calls")
    >>> s = frozenset({"we"})
    >>> verb_in_context(d, 1, s), verb_in_context(d, 5, s), verb_in_context(d, 9, s)
    (True, False, True)
    """
    if i == 0:
        return False
    prev = doc[i - 1].lower_
    return prev in subjects or prev in MODALS or (prev.endswith("ly") and prev.isalpha())


def opens_title_as_gerund(doc: Doc, i: int) -> bool:
    """Whether token ``i``, an "-ing" word that is a noun as well as a verb ("learning"),
    opens the text, the title, followed by a word: a title that opens on a gerund names
    what the paper does ("Learning Transferable ECG Representations"); elsewhere the word
    is mostly the noun ("deep learning", "contrastive learning").

    >>> import spacy
    >>> d = spacy.blank("en")("Learning ECG representations with deep learning")
    >>> opens_title_as_gerund(d, 0), opens_title_as_gerund(d, 5)
    (True, False)
    """
    return i == 0 and doc[i].lower_.endswith("ing") and len(doc) > 1 and doc[1].is_alpha


def modifier_is_task_head(
    word: str, next_to_head: bool, heads: Iterable[str], strict: frozenset[str]
) -> bool:
    """Whether a free task compound's modifier ``word`` is itself a task head, so that the
    compound names a method ("retrieval grounding"). A strict head's "-ing" form apart from the
    head is a noun of the object instead ("Binding Affinity Prediction": the affinity of binding
    is what is predicted); right before the head it still modifies it ("matching prediction").

    >>> st = frozenset({"binding", "matching"})
    >>> modifier_is_task_head("binding", False, ["binding", "prediction"], st)
    False
    >>> modifier_is_task_head("binding", True, ["binding", "prediction"], st)
    True
    >>> modifier_is_task_head("retrieval", False, ["retrieval", "grounding"], st)
    True
    """
    if word not in heads:
        return False
    return next_to_head or not (word.endswith("ing") and word in strict)


def strict_head_names_task(
    head: str,
    next_word: str | None,
    in_title: bool,
    title_heads: frozenset[str],
    before: str = "",
    kind_suffixes: tuple[str, ...] = (),
) -> bool:
    """Whether a free compound on a strict task head (``head``: "matching", "assessment")
    names a task: when the text calls it one ("argument mining task") or when the title
    states it and the head names a definite operation on its object (``title_heads``:
    "Patient-to-Trial Matching", "bone age assessment", "Argument Mining"). A title's umbrella
    heads of study ("Medical Image Analysis", "Clinical Understanding", "Evaluation") stay out:
    they name a field, not a task; outside the title the strict heads keep needing "task".

    >>> th = frozenset({"matching", "mining"})
    >>> strict_head_names_task("mining", None, True, th)
    True
    >>> strict_head_names_task("mining", "in", False, th), strict_head_names_task("analysis", None, True, th)
    (False, False)
    >>> strict_head_names_task("analysis", "task", False, th)
    True

    The title's head names its operation's object only when the word ``before`` it is a
    noun ("Evidence Inference", "Antibody Design"); an adjective there (by its ending in
    ``kind_suffixes``) says what kind of operation it is, a method or a field ("Variational
    Inference", "Statistical Inference", "Participatory Design"):

    >>> th = frozenset({"inference", "design"})
    >>> strict_head_names_task("inference", None, True, th, "evidence", ("al", "ive"))
    True
    >>> strict_head_names_task("inference", None, True, th, "variational", ("al", "ive"))
    False
    """
    if next_word in {"task", "tasks"}:
        return True
    return in_title and head in title_heads and not before.endswith(kind_suffixes)


def gerund_names_free_task(cue: str, noun_verbs: frozenset[str]) -> bool:
    """Whether a title's opening "-ing" verb ``cue`` may name a free task with its object
    (:meth:`ConceptMatcher._title_gerund_task`: "Estimating Bone Age" -> bone age estimation):
    not when the word is a noun as well (``noun_verbs``: "learning"), since then the title's
    first words are as often a noun compound ("Learning Curves of Residents", "Learning
    Disability Screening"); such a gerund names only a vocabulary label ("Learning
    Representations": representation learning; review16c).

    >>> nv = frozenset({"learning"})
    >>> gerund_names_free_task("estimating", nv), gerund_names_free_task("learning", nv)
    (True, False)
    """
    return cue not in noun_verbs


def reads_as_plural_noun(doc: Doc, cue: int, first: int, stop: frozenset[str]) -> bool:
    """Whether the verb cue at ``cue``, in its "-s" form, is a plural noun: a stop word (a
    preposition, "such", "of") follows where its object would start ("waveform segments such
    as", "the segments of a vessel"); a verb takes its object right after it ("the model
    segments tumours"). ``first``: where the object would start.

    >>> import spacy
    >>> d = spacy.blank("en")("plausible segments such as the QRS ; it segments tumours")
    >>> stop = frozenset({"such", "of"})
    >>> reads_as_plural_noun(d, 1, 2, stop), reads_as_plural_noun(d, 8, 9, stop)
    (True, False)
    """
    word = doc[cue].lower_
    if not word.endswith("s") or word.endswith("ss") or first >= len(doc):
        return False
    return doc[first].lower_ in stop


def reads_as_noun(doc: Doc, i: int, openers: frozenset[str]) -> bool:
    """Whether the task verb at ``i``, in its base or "-s" form, is the noun of the same
    spelling: right after a determiner, preposition or number word of ``openers`` ("each
    segment", "at the segment level", "31% of segments", "two segments") or a numeral
    ("12 segments"), or, in its "-s" form, right after a word in "-ing" ("overlapping
    segments"). The verb follows its subject ("the model segments tumours", "we segment").

    >>> import spacy
    >>> d = spacy.blank("en")("each segment ; into overlapping segments ; the model segments it")
    >>> o = frozenset({"each", "into"})
    >>> reads_as_noun(d, 1, o), reads_as_noun(d, 5, o), reads_as_noun(d, 9, o)
    (True, True, False)
    """
    word = doc[i].lower_
    if i == 0 or word.endswith(("ing", "ed")):
        return False
    prev = doc[i - 1]
    # a numeral, not an ordinal ("first", which is an adverb before a verb: "first segments")
    if prev.lower_ in openers or any(c.isdigit() for c in prev.text):
        return True
    return word.endswith("s") and prev.is_alpha and prev.lower_.endswith("ing")


#: modal verbs: the word after one is a verb ("can triage")
MODALS = wordlist("concepts_wordlists", "modals")


def has_suffix(words: Iterable[str], suffixes: Sequence[str]) -> bool:
    """Whether a word of ``words`` ends in one of ``suffixes`` with a stem of three letters at
    least before it ("retinopathy" ends in "pathy"; "pathy" alone or "osis" do not count).

    >>> has_suffix(["diabetic", "retinopathy"], ["pathy"]), has_suffix(["pathy"], ["pathy"])
    (True, False)
    """
    return any(
        word.endswith(suffix) and len(word) >= len(suffix) + 3
        for word in words
        for suffix in suffixes
    )


def reach_words(doc: Doc, start: int, end: int) -> list[str]:
    """The lower-case words of ``doc[start:end]``, each token and each whitespace-separated
    word (so that "out-of-distribution", split by the tokenizer, is also one word).

    >>> import spacy
    >>> d = spacy.blank("en")("flags out-of-distribution scans")
    >>> reach_words(d, 1, len(d))[-2:]
    ['out-of-distribution', 'scans']
    """
    # token arrays and the Doc's cached text instead of Token objects (speed)
    span = doc[start:end]
    if not len(span):
        return []
    text = text_of(doc)[span.start_char : span.end_char]
    return list(token_lowers(doc)[span.start : span.end]) + text.lower().split()


def proportion_end(doc: Doc, start: int) -> int:
    """Where a verb's object opens after a share of it at ``start`` ("answers 68.9% of the
    questions", "detected 41 of 45 polyps", "classifies 92 percent of lesions"): the task acts
    on what the share counts, so the object opens after "of"; ``start`` when no share opens
    there (branch tasks15).

    >>> import spacy
    >>> d = spacy.blank("en")("answers 68.9 % of the questions and 3 questions")
    >>> proportion_end(d, 1), proportion_end(d, 7)
    (4, 7)
    >>> d = spacy.blank("en")("detected 41 of 45 polyps")
    >>> proportion_end(d, 1)
    3
    """
    i = start
    if i >= len(doc) or not doc[i].like_num:
        return start
    i += 1
    if i < len(doc) and doc[i].lower_ in {"%", "percent"}:
        i += 1
    if i < len(doc) and doc[i].lower_ == "of":
        return i + 1
    return start


def object_phrase_end(doc: Doc, start: int, limit: int, stop: frozenset[str]) -> int:
    """End of the object phrase that opens at ``start`` (before ``limit``): it ends before a
    word of ``stop`` or a number that stands apart, or at punctuation; a leading number ("20
    findings") and words glued by hyphens ("in-hospital death", "out-of-distribution scans")
    stay in it.

    >>> import spacy
    >>> d = spacy.blank("en")("flags out-of-distribution brain scans from 3 sites")
    >>> d[1:object_phrase_end(d, 1, len(d), frozenset({"from"}))].text
    'out-of-distribution brain scans'
    >>> d = spacy.blank("en")("extract 20 findings in reports")
    >>> d[1:object_phrase_end(d, 1, len(d), frozenset({"in"}))].text
    '20 findings'
    """
    i = start
    while i < limit:
        tok = doc[i]
        glued = i > start and not doc[i - 1].whitespace_
        if tok.is_punct and tok.text not in {"-", "/", "'"}:
            break
        if not glued and i > start and (tok.lower_ in stop or tok.like_num):
            break
        if i == start and tok.lower_ in stop and tok.whitespace_:
            break  # a stop word opens no object, unless glued on ("in-hospital death")
        i += 1
    return i


def object_word_end(
    doc: Doc,
    start: int,
    end: int,
    objects: frozenset[str],
    stop: frozenset[str],
    suffixes: Sequence[str] = (),
) -> int:
    """The end of the first word of ``objects`` (plurals singularised) after the verb at
    ``start`` (before ``end``), reached over common words only; else ``start + 1`` (the verb
    alone). A word of ``stop``, a number or a name on the way ends the search: the span must
    not cover a name ("answering the 858 nephSAP questions") or another phrase.

    >>> import spacy
    >>> d = spacy.blank("en")("answer questions about CT images")
    >>> object_word_end(d, 0, 5, frozenset({"question"}), frozenset()), object_word_end(d, 0, 5, frozenset(), frozenset())
    (2, 1)
    >>> d = spacy.blank("en")("answer the 858 MedX questions")
    >>> object_word_end(d, 0, 5, frozenset({"question"}), frozenset())
    1
    """
    title = doc[start].is_title
    for i in range(start + 1, end):
        tok = doc[i]
        low = tok.lower_
        if low in objects or singularize(low) in objects or has_suffix([low], suffixes):
            return i + 1
        if low in stop or not (
            tok.is_lower or tok.text in {"-", "/", "'"} or (title and tok.is_title)
        ):
            break
    return start + 1


def suffixed_words(text: str, suffixes: frozenset[str]) -> set[str]:
    """The words of ``text`` (between spaces and brackets) that end in "-<suffix>" for a
    suffix of ``suffixes`` (lower case), as written.

    >>> sorted(suffixed_words("a (CT-based) and deep learning-based model", frozenset({"based"})))
    ['CT-based', 'learning-based']
    """
    out: set[str] = set()
    low = text.lower()
    for suffix in suffixes:
        tail = "-" + suffix
        i = low.find(tail)
        while i > 0:
            end = i + len(tail)
            if end == len(low) or not low[end].isalnum():
                begin = i
                while begin > 0 and not low[begin - 1].isspace() and low[begin - 1] not in "([":
                    begin -= 1
                if begin < i:
                    out.add(text[begin:end])
            i = low.find(tail, end)
    return out


def inside_proper_name(doc: Doc, i: int) -> bool:
    r"""Whether token ``i`` is a capitalised word inside a proper name of the abstract ("the
    International Classification of Diseases"): it and the word before it are capitalised and
    it neither opens a sentence nor stands in the title (titles capitalise every word).

    >>> import spacy
    >>> d = spacy.blank("en")("A Title Here\n\nWe use the International Classification of Diseases.")
    >>> inside_proper_name(d, 8), inside_proper_name(d, 2), inside_proper_name(d, 5)
    (True, False, False)
    """
    if i == 0 or not doc[i].is_title or not doc[i - 1].is_title:
        return False
    if doc[i - 1].is_punct or doc[i].is_sent_start:
        return False
    return i >= title_end(doc)


def goal_before(doc: Doc, start: int, cues: frozenset[str]) -> bool:
    """Whether the verb at ``start`` states the paper's aim: "to" right before it and a word
    of ``cues`` one or two words before that ("we aim to learn", "our goal is to learn";
    GUIDELINES task: representation learning only when the abstract presents it as the goal).

    >>> import spacy
    >>> d = spacy.blank("en")("Our aim is to learn features ; models learn to rank")
    >>> cues = frozenset({"aim"})
    >>> goal_before(d, 4, cues), goal_before(d, 8, cues), goal_before(d, 0, cues)
    (True, False, False)
    """
    if start < 2 or doc[start - 1].lower_ != "to":
        return False
    return any(doc[i].lower_ in cues for i in range(max(0, start - 3), start - 1))


#: most words between the word that tests a capability ("whether") and the capability's cue
TESTED_REACH = 8


def capability_before(
    doc: Doc, start: int, cues: frozenset[str], *, tested: frozenset[str] = frozenset()
) -> bool:
    """Whether the verb at ``start`` states a capability: a word of ``cues`` right before it
    ("can classify"), or before its "to" ("the ability to extract", "able to segment"). A
    capability that a word of ``tested`` puts to the test, up to :data:`TESTED_REACH` words
    before its cue in the same clause ("we assess whether a model can rewrite notes"), is
    what the paper evaluates, so no mere capability.

    >>> import spacy
    >>> d = spacy.blank("en")("It can classify scans and has the ability to segment them")
    >>> cues = frozenset({"can", "ability"})
    >>> capability_before(d, 2, cues), capability_before(d, 9, cues), capability_before(d, 0, cues)
    (True, True, False)
    >>> d = spacy.blank("en")("We test whether a model can classify scans")
    >>> capability_before(d, 6, cues), capability_before(d, 6, cues, tested=frozenset({"whether"}))
    (True, False)
    """
    if start >= 1 and doc[start - 1].lower_ in cues:
        cue = start - 1
    elif start >= 2 and doc[start - 1].lower_ == "to" and doc[start - 2].lower_ in cues:
        cue = start - 2
    else:
        return False
    for i in range(cue - 1, max(cue - 1 - TESTED_REACH, -1), -1):
        if doc[i].is_punct:
            break
        if doc[i].lower_ in tested:
            return False
    return True


def prefixed_modality(text: str, suffixes: frozenset[str]) -> str | None:
    """The modality word before a hyphenated suffix of ``suffixes`` ("CT-based",
    "MRI-guided", "ultrasound-derived"), else None (issue 15, item 6: the modality inside a
    task phrase).

    >>> prefixed_modality("CT-based", frozenset({"based"})), prefixed_modality("based", frozenset({"based"}))
    ('CT', None)
    """
    prefix, dash, suffix = text.rpartition("-")
    if not dash or not prefix or suffix.lower() not in suffixes:
        return None
    return prefix


def metric_prefix(token: str) -> str:
    """The lower-case measure a one-token metric names before its cut-off or threshold
    ("nDCG@10" -> "ndcg", "mAP@0.5" -> "map", "AP50" -> "ap", "mAP50-95" -> "map").

    >>> [metric_prefix(t) for t in ["nDCG@10", "mAP@0.5:0.95", "AP50", "mAP50-95"]]
    ['ndcg', 'map', 'ap', 'map']
    """
    if "@" in token:
        return token.split("@", 1)[0].lower()
    return token.rstrip("0123456789-").lower()


def at_overlap_threshold(token: str) -> bool:
    """Whether a one-token measure is taken at an overlap (IoU) threshold, a fraction after
    "@" ("AP@0.5", "AP@.75", "mAP@0.5:0.95"), not at a rank cut-off K ("AP@10", "P@5").

    >>> [at_overlap_threshold(t) for t in ("AP@0.5", "AP@.75", "AP@0.5:0.95", "AP@10", "AP50")]
    [True, True, True, False, False]
    """
    return re.match(r"[^@]+@0?\.\d", token) is not None


def metric_at_k_key(
    token: str,
    prefix_concepts: Mapping[str, str],
    threshold_concepts: Mapping[str, str] | None = None,
) -> str | None:
    """The metric key of a one-token measure at a cut-off: the concept its prefix names
    (``prefix_concepts``; at an overlap threshold, :func:`at_overlap_threshold`, the concept
    ``threshold_concepts`` gives that prefix, if any: detection AP at IoU 0.5 is the detection
    mAP of the GUIDELINES), else, for "<word>@<number>", a measure at a cut-off of its own,
    one concept for every K as Recall@K is ("EM@5", "EM@10": "EM@K"); a threshold glued to
    an unknown prefix without "@" ("XY50") names none.

    >>> pc, tc = {"r": "recallk", "ap": "ap"}, {"ap": "map"}
    >>> [metric_at_k_key(t, pc, tc) for t in ("R@5", "EM@10", "F-score@0.5", "XY50", "AP@0.5")]
    ['recallk', 'emk', 'fscorek', None, 'map']
    """
    prefix = metric_prefix(token)
    if threshold_concepts and prefix in threshold_concepts and at_overlap_threshold(token):
        return threshold_concepts[prefix]
    if prefix in prefix_concepts:
        return prefix_concepts[prefix]
    if "@" not in token or not prefix.replace("-", "").isalpha():
        return None
    return normalize_key(token.split("@", 1)[0] + "@K")


#: most words of the object of a title's opening verb that make a task name
MAX_TITLE_OBJECT = 3


def title_object_words(words: Sequence[str], not_modifier: frozenset[str]) -> list[str] | None:
    """The object words of a title's opening verb as a task name's modifiers ("Bone Age" ->
    ["bone", "age"]; "Shortcuts" -> ["shortcut"]), else None: none, more than
    :data:`MAX_TITLE_OBJECT`, a word that is not a plain word or one of ``not_modifier``
    (articles, "data", "models": "Improving the ...", "Enhancing Large Language Models").

    >>> title_object_words(["Bone", "Age"], frozenset()), title_object_words(["the", "x"], frozenset({"the"}))
    (['bone', 'age'], None)
    """
    low = [w.lower() for w in words]
    if not low or len(low) > MAX_TITLE_OBJECT:
        return None
    if any(not w.replace("-", "").isalpha() or w in not_modifier for w in low):
        return None
    return [*low[:-1], singularize(low[-1])]


def is_measure_name(text: str) -> bool:
    """Whether one token is written like the name of a tool or a measure: an upper-case
    letter after the first ("RadGraph", "CheXbert", "BERTScore") or all capitals ("GREEN"),
    letters and digits only (issue 15: "RadGraph F1", "a GREEN score of 0.34" name a metric).

    >>> [is_measure_name(w) for w in ["RadGraph", "GREEN", "macro", "Dice", "F1", "A"]]
    [True, True, False, False, False, False]
    """
    return (
        len(text) >= 2
        and text[0].isalpha()
        and text.isalnum()
        and any(c.isupper() for c in text[1:])
        and sum(c.isalpha() for c in text) >= 2
        and not any(c.isdigit() for c in text)
    )


def named_measure_before(doc: Doc, head: int) -> bool:
    """Whether the word before the measure head ``head`` is the name of the measure ("a GREEN
    score of 0.34"): written as a name (:func:`is_measure_name`) before the singular "score";
    "MedFoo scores 0.125 BLEU-4" is the verb "scores" after a model's name.

    >>> import spacy
    >>> d = spacy.blank("en")("a GREEN score of 0.3 ; MedFoo scores 0.1 ; the total score 2")
    >>> named_measure_before(d, 2), named_measure_before(d, 8), named_measure_before(d, 13)
    (True, False, False)
    """
    return head >= 1 and doc[head].lower_ == "score" and is_measure_name(doc[head - 1].text)


def score_named_by_modifier(words: Sequence[str]) -> bool:
    """Whether a measure phrase "<word> score" is named by its one modifier: a name
    (:func:`is_measure_name`: "a MEDCON score") or a quality noun ("a faithfulness score",
    "completeness score"); "score" then only says a number follows, and the measure is the
    modifier. "utility score", "risk score" and "GPT-4 score" keep "score".

    >>> [score_named_by_modifier(w.split()) for w in ("MEDCON score", "faithfulness score",
    ...  "utility score", "GPT-4 score", "clinical faithfulness score", "faithfulness",
    ...  "illness score")]
    [True, True, False, False, False, False, False]
    """
    if len(words) != 2 or words[1].lower() not in {"score", "scores"}:
        return False
    modifier = words[0].lower()
    return is_measure_name(words[0]) or (
        modifier.endswith("ness") and modifier not in NESS_NOT_QUALITY
    )


#: endings of words in -s that are no plurals ("fitness", "diagnosis", "genomics", "virus")
_NOT_PLURAL_ENDINGS = ("ss", "is", "us", "ics", "ous", "'s")


def plural_subject_of_score(
    modifier: str, head: str, following: str = "", noun_next: frozenset[str] = frozenset()
) -> bool:
    """Whether "<modifier> score" is a clause, not a measure: a plural noun in lower case
    right before the bare singular "score" is its subject, and "score" the verb ("physicians
    answering the same items score 88.1%", "human readers score 0.91"). A compound measure
    takes its modifier in the singular ("an item score", "the symptom score"), and words in
    -ss, -is, -us, -ics or -ous are no plurals ("a fitness score", "a diagnosis score").
    A "score" that a word of ``noun_next`` follows (``following``: "of", "was", "=") is the
    noun, whatever ends its modifier in -s: "a bias score of 0.12", "the equal opportunity
    bias score was 0.04" (branch review16b).

    >>> [plural_subject_of_score(m, h) for m, h in (("readers", "score"), ("items", "score"),
    ...  ("item", "score"), ("fitness", "score"), ("diagnosis", "score"), ("readers", "scores"),
    ...  ("CLIPs", "score"))]
    [True, True, False, False, False, False, False]
    >>> plural_subject_of_score("bias", "score", "of", frozenset({"of", "was"}))
    False
    >>> plural_subject_of_score("readers", "score", "0.91", frozenset({"of", "was"}))
    True
    """
    return (
        head == "score"
        and following.lower() not in noun_next
        and modifier.islower()
        and modifier.isalpha()
        and modifier.endswith("s")
        and not modifier.endswith(_NOT_PLURAL_ENDINGS)
    )


#: a component of an evoked or event-related potential: a polarity letter and its latency in
#: milliseconds or its order ("P100", "N170", "P300", "P3"); two digits are left out, as tail
#: latencies are written alike ("P99 latency")
_WAVE_COMPONENT = re.compile(r"[PN](?:[1-9]|[1-9]\d\d)")


def bodily_latency(before: Sequence[str], bodily: frozenset[str]) -> bool:
    """Whether the (up to two) words ``before`` a measure head "latency" make it a latency of
    the body, not of a system: a word of ``bodily`` (a sleep stage, an onset, a wave, a
    nerve conduction: "sleep onset latency was 14 minutes", "REM latency", "wave V latency
    of 5.6 ms") or the name of a potential's component ("the mean P100 latency was 98 ms").
    Such a latency is the patient's quantity, no evaluation measure (GUIDELINES metric; branch
    review16b); "the inference latency was 28 ms" stays one.

    >>> b = frozenset({"sleep", "onset", "wave", "rem"})
    >>> [bodily_latency(w, b) for w in (["sleep", "onset"], ["wave", "V"], ["mean", "P100"],
    ...  ["the", "inference"], ["a"], ["mean", "P99"])]
    [True, True, True, False, False, False]
    """
    return any(w.lower() in bodily or _WAVE_COMPONENT.fullmatch(w) for w in before[-2:])


#: how the rules that read a measure by its form and context tag their mentions
_MEASURE_RULE_SOURCES = ("pattern:metric_", "pattern:cued_")


def defined_measure_matches(doc: Doc, matches: Sequence[ConceptMatch]) -> list[ConceptMatch]:
    """The other mentions of a short form the text defines for a measure a form rule read
    (:meth:`ConceptMatcher.scored_measure_matches`, the cued measures): "scored by the
    weighted interval score (WIS) ... a relative WIS of 0.71" names that measure twice
    (branch results16). The short form is scispaCy's (``doc._.abbreviations``) and its long
    form must end where the measure does; a short form of a vocabulary label is read by
    :meth:`ConceptMatcher.abbreviation_matches`, one of no measure names none.

    >>> import spacy
    >>> from spacy.tokens import Span
    >>> if not Span.has_extension("long_form"):
    ...     Span.set_extension("long_form", default=None)
    >>> if not Doc.has_extension("abbreviations"):
    ...     Doc.set_extension("abbreviations", default=[])
    >>> d = spacy.blank("en")("the pair error rate ( PER ) ; a PER of 2 % ; PER")
    >>> short = d[5:6]
    >>> short._.long_form = d[1:4]
    >>> d._.abbreviations = [short]
    >>> m = ConceptMatch(1, 4, "metric", "pairerrorrate", 0.6, "pattern:metric_measure_head")
    >>> [(x.start, x.key) for x in defined_measure_matches(d, [m])]
    [(9, 'pairerrorrate'), (14, 'pairerrorrate')]
    >>> m = ConceptMatch(1, 3, "metric", "pairerror", 0.6, "pattern:metric_error_phrase")
    >>> defined_measure_matches(d, [m])
    []
    """
    measures = {
        m.end: m for m in matches if m.type == "metric" and m.rule.startswith(_MEASURE_RULE_SOURCES)
    }
    if not measures or not Doc.has_extension("abbreviations"):
        return []
    out: list[ConceptMatch] = []
    for short in doc._.abbreviations or []:
        long_form = getattr(short._, "long_form", None)
        measure = measures.get(long_form.end) if long_form is not None else None
        if measure is None or measure.start < long_form.start:
            continue
        out += [
            ConceptMatch(i, i + 1, "metric", measure.key, measure.confidence, measure.rule)
            for i, text in enumerate(token_texts(doc))
            if text == short.text and i != short.start
        ]
    return out


#: words that coordinate an elided modifier with the next one: "positive and negative"
_ELISION_LINKS = frozenset({"and", "or"})


def elided_modifier_phrase(words: Sequence[str], start: int, end: int) -> str | None:
    """The phrase a modifier elided before a coordinated measure names, when the measure
    spans ``words[start:end]`` (two words or more) and "<word> and|or" stands right before
    it: "positive and negative predictive values" gives "positive predictive values" (the
    first modifier shares the head of the second). The caller looks the phrase up; a word
    that is no lower-case modifier (a number, a capitalised name, punctuation) gives none.

    >>> w = "the positive and negative predictive values were".split()
    >>> elided_modifier_phrase(w, 3, 6)
    'positive predictive values'
    >>> w = "accuracy , 0.9 and negative predictive value".split()
    >>> elided_modifier_phrase(w, 4, 7) is None, elided_modifier_phrase(w, 5, 7) is None
    (True, True)
    """
    if end - start < 2 or start < 2 or words[start - 1].lower() not in _ELISION_LINKS:
        return None
    modifier = words[start - 2]
    if not (modifier.isalpha() and modifier.islower()):
        return None
    return " ".join([modifier, *words[start + 1 : end]])


def named_once(doc: Doc, i: int, heads: frozenset[str]) -> bool:
    """Whether the word of token ``i`` stands nowhere else in ``doc`` except before a word of
    ``heads``: a name that only qualifies a measure ("RadGraph F1") is part of the measure's
    name; one the paper also names alone ("we fine-tune BioBERT ... BioBERT F1") is a model
    whose score the measure gives.

    >>> import spacy
    >>> d = spacy.blank("en")("RadGraph F1 and BioBERT F1 ; BioBERT wins")
    >>> named_once(d, 0, frozenset({"F1"})), named_once(d, 3, frozenset({"F1"}))
    (True, False)
    """
    text = doc[i].text
    for tok in doc:
        if tok.i != i and tok.text == text:
            nxt = _neighbour(doc, tok.i + 1)
            if nxt is None or nxt.text not in heads:
                return False
    return True


def phrase_key(words: Sequence[str], generic: frozenset[str]) -> str:
    """Return the concept key of a free phrase: generic leading modifiers dropped, head singular.

    >>> phrase_key(["medical", "video", "generations"], frozenset({"medical"}))
    'videogeneration'
    """
    kept = list(words)
    while len(kept) > 1 and kept[0].lower() in generic:
        kept = kept[1:]
    kept[-1] = singularize(kept[-1])
    return normalize_key(" ".join(kept))


#: confidence of a measure read as a count per unit ("4.2 false alarms per hour")
RATE_MEASURE_CONFIDENCE = 0.6
_PER = re.compile(r"\bper\b")


def rate_measure_matches(
    doc: Doc, openers: frozenset[str], text: str | None = None
) -> list[ConceptMatch]:
    """Measures written as a count of errors per unit right after a score: "<number>
    <opener> <plural noun> per [<number>] <unit>" ("4.2 false alarms per 24 hours", "0.3
    false positives per scan"; ``openers``: the words such a count opens with). The measure
    is a metric of its own words (GUIDELINES: a named evaluation measure); "2 lesions per
    scan" counts no errors, and "at 4 false positives per image" is the operating point
    another score is read at.

    >>> import spacy
    >>> d = spacy.blank("en")("with 4.2 false alarms per 24 hours and 2 lesions per scan , "
    ...     "88 % at 4 false positives per image")
    >>> [(d[m.start:m.end].text, m.key) for m in rate_measure_matches(d, frozenset({"false"}))]
    [('false alarms per 24 hours', 'falsealarmsper24hours')]
    """
    out: list[ConceptMatch] = []
    for found in _PER.finditer(doc.text if text is None else text):
        span = doc.char_span(found.start(), found.end())
        if span is None:
            continue
        i = span.start
        if i < 3 or i + 1 >= len(doc):
            continue
        noun, opener = doc[i - 1], doc[i - 2]
        if opener.lower_ not in openers or not (noun.is_alpha and noun.lower_.endswith("s")):
            continue
        if not _is_number(doc[i - 3]) or (i >= 4 and doc[i - 4].lower_ == "at"):
            continue  # "sensitivity at 4 false positives per image": an operating point
        end = i + 2
        if doc[i + 1].like_num and i + 2 < len(doc) and doc[i + 2].is_alpha:
            end = i + 3  # "per 24 hours"
        elif not doc[i + 1].is_alpha:
            continue
        key = normalize_key(doc[i - 2 : end].text)
        out.append(
            ConceptMatch(i - 2, end, "metric", key, RATE_MEASURE_CONFIDENCE, "pattern:rate_measure")
        )
    return out


#: match id of the evaluation cues in the measure-head matcher
MEASURE_CUE_ID = "measure_cue"
#: confidence of a measure read from an evaluation cue ("measured by the X rate")
CUED_MEASURE_CONFIDENCE = 0.6
#: words before a listed measure that belong to no measure's name
_ITEM_OPENERS = frozenset({"the", "a", "an", "its", "their", "our", "both", "%"})
_ITEM_JOINERS = frozenset({",", "and", "or", "as", "well"})
_ITEM_ENDS = frozenset(
    {",", "and", "or", "(", ".", ";", ":", ")", "as", "on", "in", "for", "of", "with", "across"}
    | {"at", "from", "by", "between", "to", "over", "against", "versus", "vs", "than", "per"}
)
MAX_CUED_WORDS = 5


def repeated_phrase(lowers: Sequence[str], start: int, end: int) -> list[int]:
    """Where else the words ``lowers[start:end]`` (two words or more) stand in the text: a
    measure listed after an evaluation cue keeps its name when the paper reports it later
    ("secondary outcomes included the advanced adenoma detection rate ... the advanced
    adenoma detection rate did not differ (9.8% vs 9.1%)"). A repeat inside a longer phrase
    of the same head ("the detection rate" inside "lesion detection rate") is not one: the
    word before must not be a lower-case modifier of it.

    >>> w = "the flare rate ( a ) ; the flare rate fell ; a knee flare rate".split()
    >>> repeated_phrase(w, 1, 3)
    [8]
    """
    words = tuple(lowers[start:end])
    n = len(words)
    if n < 2:
        return []
    out: list[int] = []
    for i in range(len(lowers) - n + 1):
        if i != start and tuple(lowers[i : i + n]) == words:
            before = lowers[i - 1] if i > 0 else ""
            if before.isalpha() and before not in _ITEM_OPENERS and before not in _ITEM_ENDS:
                continue
            out.append(i)
    return out


#: what may follow a count per unit listed as an item: the list goes on or ends
_PER_ITEM_CLOSERS = frozenset({",", "and", "or", "(", ".", ";", ":", ")"})


def count_per_unit(lowers: Sequence[str], first: int, end: int) -> bool:
    """Whether the list item ``lowers[first:end]`` is a count per unit: a plural noun
    (one to three words, the last in -s) then "per" and one word that closes the item
    ("adenomas per colonoscopy", "false alarms per hour"). Listed after an outcome or
    evaluation cue it is an end point the paper measures. "per" after a singular noun
    ("cost per patient" is read elsewhere as money) or before more words ("polyps per
    100 patients") is left to the list's end.

    >>> w = "adenomas per colonoscopy , visits per year of age , cost per patient .".split()
    >>> count_per_unit(w, 0, 1), count_per_unit(w, 4, 5), count_per_unit(w, 10, 11)
    (True, False, False)
    """
    n = len(lowers)
    if end - first > 3 or end + 1 >= n or lowers[end] != "per":
        return False
    noun, unit = lowers[end - 1], lowers[end + 1]
    closes = end + 2 >= n or lowers[end + 2] in _PER_ITEM_CLOSERS
    return (
        noun.endswith("s") and not noun.endswith(_NOT_PLURAL_ENDINGS) and unit.isalpha() and closes
    )


def cued_measure_items(
    lowers: Sequence[str],
    start: int,
    heads: frozenset[str],
    lone_heads: frozenset[str],
    not_words: frozenset[str] = frozenset(),
    cohort: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """The measures listed right after an evaluation cue ending before ``start`` ("measured
    with", "in terms of", "metrics such as"), as (first, end) token ranges of ``lowers``: each
    list item that ends in a measure head of ``heads`` ("the weighted interval score", "mean
    detection latency") after one to three lower-case modifiers, or is a head of
    ``lone_heads`` alone ("latency"), in words only and none of ``not_words`` (words that
    modify no compound: "a judge whose agreement"), or counts per unit of anything but the
    ``cohort`` nouns ("adenomas per colonoscopy", not "patients per hospital"). Other items (a vocabulary metric, "F1",
    a name) are passed over, a bracketed short form is stepped over, and the list ends at the
    clause's end or at a preposition ("evaluated with the error rate on 3 sites": "on" ends
    it).

    >>> w = "in terms of accuracy , the refusal rate ( RR ) and latency on two sets".split()
    >>> cued_measure_items(w, 3, frozenset({"rate", "latency"}), frozenset({"latency"}))
    [(6, 8), (12, 13)]
    >>> cued_measure_items("by two radiologists .".split(), 1, frozenset({"rate"}), frozenset())
    []
    """
    out: list[tuple[int, int]] = []
    i, n = start, len(lowers)
    while i < n:
        while i < n and (lowers[i] in _ITEM_OPENERS or _is_numeral(lowers[i])):
            i += 1
        first = i
        while i < n and lowers[i] not in _ITEM_ENDS and i - first <= MAX_CUED_WORDS:
            i += 1
        if i == first or i - first > MAX_CUED_WORDS:
            return out
        last = lowers[i - 1]
        plain = all(w.replace("-", "").isalpha() and w not in not_words for w in lowers[first:i])
        if plain and count_per_unit(lowers, first, i):
            # "adenomas per colonoscopy": a count per unit is a measure of its own; people,
            # samples or places of care counted so ("patients per hospital") are the study's
            # set-up, passed over like a name while the list goes on
            if lowers[i - 1] not in cohort:
                out.append((first, i + 2))
            i += 2
        elif plain and (
            (last in heads and i - first >= 2) or (last in lone_heads and i - first == 1)
        ):
            out.append((first, i))
        if i < n and lowers[i] == "(":  # a short form after the item: "(WIS)"
            close = next((j for j in range(i, min(n, i + 6)) if lowers[j] == ")"), None)
            if close is None:
                return out
            i = close + 1
        if i >= n or lowers[i] not in _ITEM_JOINERS:
            return out
        while i < n and lowers[i] in _ITEM_JOINERS:
            i += 1
    return out


#: the confidence of a name listed among metrics (:func:`listed_measure_names`)
LISTED_MEASURE_CONFIDENCE = 0.8
#: words that join the items of a list of measures ("ROUGE-L, BERTScore and MEDCON")
_MEASURE_LIST_JOINERS = frozenset({",", "and", "or"})
#: a name closing in "Score" glued to its stem ("RaTEScore", "BARTScore"): a score by its form
_SCORE_COMPOUND = re.compile(r"[A-Z][A-Za-z0-9-]*[a-zA-Z0-9]Score")


def measure_name_shaped(text: str) -> bool:
    """Whether a token could be the name of a measure listed among others: two capitals or
    more, a letter after the first character, no spaces ("MEDCON", "SummaC", "G-Eval",
    "RadCliQ"); a capitalised word ("Accuracy", "The") or a number is not.

    >>> [measure_name_shaped(t) for t in ("MEDCON", "SummaC", "G-Eval", "Accuracy", "95", "F1")]
    [True, True, True, False, False, False]
    """
    # a word whose letters after the first are all lower case has one capital at most: the
    # common case, told without counting (speed16b)
    return (
        len(text) >= 3
        and not text[1:].islower()
        and sum(c.isupper() for c in text) >= 2
        and any(c.isalpha() for c in text[1:])
        and " " not in text
    )


#: prepositions before a name that make it the place of a score, not a measure ("On LiTS,
#: Dice and IoU reach 0.95 and 0.91")
_PLACE_PREPOSITIONS = frozenset({"on", "in", "for", "at", "across", "from", "over", "of"})


def after_place_preposition(texts: Sequence[str], i: int) -> bool:
    """Whether token ``i`` follows a preposition of place ("On LiTS, Dice and IoU reach
    ..."): a fronted phrase, whose comma lists no measure.

    >>> t = "On LiTS , Dice and IoU ; with MEDCON".split()
    >>> after_place_preposition(t, 1), after_place_preposition(t, 8)
    (True, False)
    """
    return i > 0 and texts[i - 1].lower() in _PLACE_PREPOSITIONS


_ADJECTIVAL_TAIL = re.compile(r"-[a-z]{3,}")


def adjectival_compound(text: str) -> bool:
    """Whether a name-shaped token ends in a lower-case word after a hyphen, an adjective
    built on a name ("MIMIC-III-based recall", "NHS-wide referral rates"): it modifies the
    noun after it and lists no measure of its own (branch review16d). "G-Eval", "ROUGE-L" and
    "BLEU-4" end otherwise.

    >>> [adjectival_compound(t) for t in ("MIMIC-III-based", "NHS-wide", "G-Eval", "ROUGE-L")]
    [True, True, False, False]
    """
    m = _ADJECTIVAL_TAIL.search(text)
    return m is not None and m.end() == len(text)


def heads_another_kind(texts: Sequence[str], i: int, heads: frozenset[str]) -> bool:
    """Whether the name at token ``i`` modifies a noun of ``heads`` that makes it another
    kind of thing than a measure: a statistical test or an explanation method listed beside
    the metrics ("AUROC, sensitivity and DeLong tests", "AUPRC and SHAP values", "accuracy,
    F1 and Grad-CAM visualisations"; branch review16d).

    >>> t = "AUROC , sensitivity and DeLong tests ; ROUGE and MEDCON scores".split()
    >>> h = frozenset({"tests", "values"})
    >>> heads_another_kind(t, 4, h), heads_another_kind(t, 9, h)
    (True, False)
    """
    return i + 1 < len(texts) and texts[i + 1].lower() in heads


#: nouns of a system an introduced name is set beside: "CardioScore, a deep learning model"
_SYSTEM_NOUNS = frozenset(
    {"model", "network", "framework", "system", "tool", "algorithm", "method", "pipeline"}
    | {"architecture", "classifier", "approach", "agent", "transformer", "predictor"}
)
#: verbs that introduce the paper's own system right before its name: "We developed X"
_INTRODUCING_VERBS = frozenset(
    {"propose", "proposed", "present", "presented", "introduce", "introduced", "develop"}
    | {"developed", "named", "called", "dubbed", "termed"}
)


def introduced_as_system(texts: Sequence[str], i: int) -> bool:
    """Whether the name at token ``i`` is introduced as a system: right after an
    introducing verb ("We developed CardioScore"), or followed by a comma and an indefinite
    article with a system noun within six words ("CardioScore, a deep learning model that
    predicts ..."). A model named "...Score" is no measure (branch review16d).

    >>> t = "We developed CardioScore , a deep learning model ; BARTScore , a metric".split()
    >>> introduced_as_system(t, 2), introduced_as_system(t, 9)
    (True, False)
    """
    if i > 0 and texts[i - 1].lower() in _INTRODUCING_VERBS:
        return True
    if i + 2 < len(texts) and texts[i + 1] == "," and texts[i + 2].lower() in ("a", "an"):
        return any(t.lower() in _SYSTEM_NOUNS for t in texts[i + 3 : i + 9])
    return False


def score_compound(text: str) -> bool:
    """Whether a token is a name closing in "Score" glued to a capitalised stem ("RaTEScore",
    "BARTScore"): a learned score by its form, not "Score" alone nor a lower-case stem.

    >>> [score_compound(t) for t in ("RaTEScore", "BARTScore", "Score", "rescore", "Scores")]
    [True, True, False, False, False]
    """
    return _SCORE_COMPOUND.fullmatch(text) is not None


def beside_list_joiner(texts: Sequence[str]) -> list[int]:
    """The tokens, in order, with a list joiner ("," "and" "or") right before or after them:
    only such a token can be an item of a list of measures or link one
    (:func:`listed_measure_names` reads no other token's candidacy; speed16b).

    >>> beside_list_joiner("ROUGE , BLEU and MEDCON on it".split())
    [0, 2, 4]
    >>> beside_list_joiner("and".split()), beside_list_joiner("x , , y".split())
    ([], [0, 1, 2, 3])
    """
    n = len(texts)
    near: set[int] = set()
    for i, t in enumerate(texts):
        if t in _MEASURE_LIST_JOINERS:
            near.update(j for j in (i - 1, i + 1) if 0 <= j < n)
    return sorted(near)


def listed_measure_names(
    texts: Sequence[str],
    metric_spans: Sequence[tuple[int, int]],
    candidates: Sequence[bool],
    cued: Sequence[bool],
) -> list[int]:
    """The tokens that name a measure by their place in a list of measures: a lone
    name-shaped token (``candidates``, per token) listed with two metric mentions or more
    (``metric_spans``: (start, end) of the metric matches), or with one when an evaluation cue
    stands before it in its sentence (``cued``, per token): "scored with ROUGE-L, BERTScore
    and MEDCON", "compared with RadGraph F1, CheXbert F1 and RadCliQ" (GUIDELINES metric: a
    named evaluation measure). A list breaks at any other item.

    >>> t = "we report ROUGE , BLEU and MEDCON on it ; MEDCON and ACME".split()
    >>> cand = [w in ("MEDCON", "ACME") for w in t]
    >>> listed_measure_names(t, [(2, 3), (4, 5)], cand, [False] * len(t))
    [6]
    """
    by_end = {end: start for start, end in metric_spans}
    by_start = dict(metric_spans)
    out: list[int] = []
    n = len(texts)
    for i in range(n):
        if not candidates[i] or i in by_start:
            continue
        known = 0
        # leftwards: joiners, then a metric mention or another candidate
        j = i
        while j > 0 and texts[j - 1] in _MEASURE_LIST_JOINERS:
            k = j - 1
            while k > 0 and texts[k - 1] in _MEASURE_LIST_JOINERS:
                k -= 1
            if k in by_end:
                known += 1
                j = by_end[k]
            elif k > 0 and candidates[k - 1]:
                j = k - 1
            else:
                break
        # rightwards
        j = i + 1
        while j < n and texts[j] in _MEASURE_LIST_JOINERS:
            k = j
            while k < n and texts[k] in _MEASURE_LIST_JOINERS:
                k += 1
            if k in by_start:
                known += 1
                j = by_start[k]
            elif k < n and candidates[k]:
                j = k + 1
            else:
                break
        if known >= 2 or (known == 1 and cued[i]):
            out.append(i)
    return out


def _is_numeral(word: str) -> bool:
    """Whether ``word`` is a number as written ("95", "0.5")."""
    return word.replace(".", "", 1).isdigit()


#: endings of describing adjectives ("counterfactual", "generative", "synthetic", "learned")
_MODIFIER_SUFFIXES = ("al", "ive", "ic", "ed", "ous", "ary")


def modifier_shaped(word: str) -> bool:
    """Whether ``word``, before a head noun, is written as a describing modifier: a hyphenated
    compound ("Diffusion-Based", "Mixup-Style") or an adjective ending ("Counterfactual",
    "Generative", "Synthetic"); a plain noun ("Breast", "Knowledge", "Lithium"), a number or
    nothing (the title's first word) names what is augmented, not how (review16c).

    >>> [modifier_shaped(w) for w in ["Diffusion-Based", "Counterfactual", "Breast", "Lithium", ""]]
    [True, True, False, False, False]
    """
    low = word.lower()
    if "-" in low.strip("-"):
        return all(part.isalpha() for part in low.split("-") if part)
    return low.isalpha() and len(low) > 4 and low.endswith(_MODIFIER_SUFFIXES)


#: how many words before a gated form ``Gate.pass_next_unless_before`` reads
PASS_NEXT_REACH = 4


def any_before(before: Sequence[str], words: frozenset[str]) -> bool:
    """Whether a word of ``words`` stands in ``before`` (the lower-cased words right before
    a gated form): an outcome before a model noun names what an animal model or a covariate
    models there, not what the paper's model predicts ("in a murine sepsis mortality model",
    "adjustment for a validated mortality model"; branch review17b).

    >>> any_before(["a", "murine", "sepsis"], frozenset({"murine"}))
    True
    >>> any_before(["a", "gradient-boosted"], frozenset({"murine"}))
    False
    """
    return bool(words) and any(w in words for w in before)


def word_before(doc: Doc, i: int) -> str:
    """The text of the word before token ``i``, a hyphenated word whole when the tokenizer
    split it ("Style", "-", "Transfer" -> "Style-Transfer"); "" at the start.

    >>> import spacy
    >>> d = spacy.blank("en")("Style-Transfer Augmentation")
    >>> word_before(d, len(d) - 1), word_before(d, 0)
    ('Style-Transfer', '')
    """
    if i < 1:
        return ""
    j = i - 1
    while (
        j >= 2
        and doc[j - 1].text == "-"
        and not doc[j - 1].whitespace_
        and not doc[j - 2].whitespace_
    ):
        j -= 2
    return doc[j:i].text


def expand_wordlist(value: Any, wordlists: dict[str, frozenset[str]]) -> frozenset[str]:
    """Resolve a gate field: a list of words, or "@name" of a shared word list (lower-cased);
    a list may hold "@name" items among its words.

    >>> sorted(expand_wordlist("@x", {"x": frozenset({"a"})})), sorted(expand_wordlist(["B"], {}))
    (['a'], ['b'])
    >>> sorted(expand_wordlist(["@x", "B"], {"x": frozenset({"a"})}))
    ['a', 'b']
    """
    if value is None:
        return frozenset()
    if isinstance(value, str):
        if value.startswith("@"):
            return wordlists[value[1:]]
        return frozenset({value.lower()})
    return frozenset().union(*(expand_wordlist(str(v), wordlists) for v in value))


@dataclass(frozen=True)
class Gate:
    """Context conditions under which an ambiguous surface form is a concept mention.

    A veto word next to the form rejects first; then strong evidence (next/previous word, a defining
    abbreviation, a number after a metric) accepts; then a blocking word rejects; then weak evidence
    (sentence or document words, a neighbouring mention of the same type) accepts. A gate without
    any pass condition accepts whatever is not blocked.
    """

    id: str
    type: str
    concept: str
    surface: tuple[str, ...]
    case_sensitive: bool = False
    pass_next: frozenset[str] = frozenset()
    #: words that, within :data:`PASS_NEXT_REACH` words before the form, take ``pass_next``
    #: back: the model noun is an animal model or a covariate, no predictor ("a murine
    #: sepsis mortality model", "after adjustment for a validated mortality model")
    pass_next_unless_before: frozenset[str] = frozenset()
    pass_prev: frozenset[str] = frozenset()
    pass_sentence: frozenset[str] = frozenset()
    pass_doc: frozenset[str] = frozenset()
    require_doc: frozenset[str] = frozenset()
    block_next: frozenset[str] = frozenset()
    block_prev: frozenset[str] = frozenset()
    prev_must_be: frozenset[str] = frozenset()
    #: the word before must be written as a describing modifier (:func:`modifier_shaped`) or
    #: be one of ``modifier_nouns``: "Counterfactual Augmentation", not "Breast Augmentation"
    #: (review16c)
    prev_modifier: bool = False
    modifier_nouns: frozenset[str] = frozenset()
    near_type: str = ""
    near_window: int = 0
    pass_next_number: bool = False
    pass_sentence_number: bool = False
    block_next_number: bool = False
    require_abbreviation: bool = False
    drop_if_other_of_type: bool = False
    #: with ``drop_if_other_of_type``: any other concept of the type counts, not only an
    #: image modality ("image-text pairs" give way to the reports or slides they pair)
    drop_if_any_other: bool = False
    require_next: frozenset[str] = frozenset()
    require_prev: frozenset[str] = frozenset()
    veto_next: frozenset[str] = frozenset()
    veto_prev: frozenset[str] = frozenset()
    pass_title: bool = False
    pass_prev_number: bool = False
    #: a clause that goes on to state the form's score passes it before the blocking words:
    #: "the specificity of the AI system was 88%" (see :func:`clause_states_score`)
    pass_clause_score: bool = False
    #: a list member beside one of these words names a record field, not the concept
    #: ("conditioned on age, sex, diagnosis"; see :func:`listed_with`)
    block_listed_with: frozenset[str] = frozenset()
    #: a list member beside one of these words passes (weak evidence, after the blocking
    #: words): "radiology, pathology, dermatology and endoscopy" lists imaging specialties,
    #: each standing for its kind of image (see :func:`listed_with`; modality15)
    pass_listed_with: frozenset[str] = frozenset()
    #: a sentence holding one of these words gives no sentence evidence: it is about text
    #: ("a BERT classifier for the radiology reports of CT scans"; review14)
    block_sentence: frozenset[str] = frozenset()
    #: in the title, one of these words later in the title makes the form a means toward the
    #: purpose it names ("Vision-Language Reasoning for Medical VQA"; see
    #: :func:`later_in_title`; tasks16b)
    title_block_later: frozenset[str] = frozenset()
    #: a form followed by its own object and then one of these words is a verb, not the
    #: concept ("grounding report generation in anatomy"; see :func:`takes_object_then`)
    block_object_then: frozenset[str] = frozenset()

    @property
    def has_pass_condition(self) -> bool:
        return bool(
            self.pass_title
            or self.pass_prev_number
            or self.pass_next
            or self.pass_prev
            or self.pass_sentence
            or self.pass_doc
            or self.near_type
            or self.pass_next_number
            or self.pass_sentence_number
            or self.pass_clause_score
            or self.require_abbreviation
            or self.pass_listed_with
        )


def gives_way(
    concept_type: str,
    key: str,
    present: set[str] | frozenset[str],
    image_keys: frozenset[str],
    *,
    any_other: bool,
) -> bool:
    """True when a fallback concept gives way to another concept of its type in the paper.

    A fallback modality ("3D volume") gives way only to an image modality, the more specific
    kind of image the GUIDELINES ask for; with ``any_other`` ("image-text pair", images paired
    with their captions or reports) any other modality counts, since the annotators name the
    kinds of data paired (the reports, the slides, the papers) rather than the pairing.
    A fallback of another type gives way to any other concept of that type.

    >>> gives_way("modality", "3dvolume", {"3dvolume", "ct"}, frozenset({"ct"}), any_other=False)
    True
    >>> gives_way("modality", "3dvolume", {"3dvolume", "ehr"}, frozenset({"ct"}), any_other=False)
    False
    >>> gives_way("modality", "imagetextpair", {"imagetextpair", "ehr"}, frozenset(), any_other=True)
    True
    """
    others = present - {key}
    if concept_type == "modality" and not any_other:
        others = others & image_keys
    return bool(others)


def read_gates(rows: Iterable[dict[str, Any]], wordlists: dict[str, frozenset[str]]) -> list[Gate]:
    """Build :class:`Gate` objects from the rows of ``concepts_gates.jsonl``."""
    gates = []
    for row in rows:
        if "id" not in row:
            continue
        gates.append(
            Gate(
                id=row["id"],
                type=row["type"],
                concept=row["concept"],
                surface=tuple(row.get("surface", [])),
                case_sensitive=bool(row.get("case_sensitive", False)),
                pass_next=expand_wordlist(row.get("pass_next"), wordlists),
                pass_next_unless_before=expand_wordlist(
                    row.get("pass_next_unless_before"), wordlists
                ),
                pass_prev=expand_wordlist(row.get("pass_prev"), wordlists),
                pass_sentence=expand_wordlist(row.get("pass_sentence"), wordlists),
                pass_doc=expand_wordlist(row.get("pass_doc"), wordlists),
                require_doc=expand_wordlist(row.get("require_doc"), wordlists),
                block_next=expand_wordlist(row.get("block_next"), wordlists),
                block_prev=expand_wordlist(row.get("block_prev"), wordlists),
                prev_must_be=expand_wordlist(row.get("prev_must_be"), wordlists),
                prev_modifier=bool(row.get("prev_modifier", False)),
                modifier_nouns=expand_wordlist(row.get("modifier_nouns"), wordlists),
                near_type=row.get("near_type", ""),
                near_window=int(row.get("near_window", 0)),
                pass_next_number=bool(row.get("pass_next_number", False)),
                pass_sentence_number=bool(row.get("pass_sentence_number", False)),
                block_next_number=bool(row.get("block_next_number", False)),
                require_abbreviation=bool(row.get("require_abbreviation", False)),
                drop_if_other_of_type=bool(row.get("drop_if_other_of_type", False)),
                drop_if_any_other=bool(row.get("drop_if_any_other", False)),
                require_next=expand_wordlist(row.get("require_next"), wordlists),
                require_prev=expand_wordlist(row.get("require_prev"), wordlists),
                veto_next=expand_wordlist(row.get("veto_next"), wordlists),
                veto_prev=expand_wordlist(row.get("veto_prev"), wordlists),
                pass_title=bool(row.get("pass_title", False)),
                pass_prev_number=bool(row.get("pass_prev_number", False)),
                pass_clause_score=bool(row.get("pass_clause_score", False)),
                block_listed_with=expand_wordlist(row.get("block_listed_with"), wordlists),
                pass_listed_with=expand_wordlist(row.get("pass_listed_with"), wordlists),
                block_sentence=expand_wordlist(row.get("block_sentence"), wordlists),
                title_block_later=expand_wordlist(row.get("title_block_later"), wordlists),
                block_object_then=expand_wordlist(row.get("block_object_then"), wordlists),
            )
        )
    return gates


def read_wordlists(rows: Iterable[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """Collect the ``{"wordlist": name, "words": [...]}`` rows of pattern files (lower-cased;
    a name listed twice is an error, :func:`~kg.nlp.components.wordlists.lists_by_name`)."""
    lists = lists_by_name(rows, "concept pattern files")
    return {name: frozenset(w.lower() for w in words) for name, words in lists.items()}


def rules_by_id(rules: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The pattern rules by their ids, for a lookup per match instead of a scan of the
    rules (speed); ids must be unique, as the matchers know a rule by its id alone.

    >>> sorted(rules_by_id([{"id": "a"}, {"id": "b"}]))
    ['a', 'b']
    >>> rules_by_id([{"id": "a"}, {"id": "a"}])
    Traceback (most recent call last):
    ValueError: duplicate concept rule ids: ['a']
    """
    by_id = {rule["id"]: rule for rule in rules}
    if len(by_id) < len(rules):
        ids = [rule["id"] for rule in rules]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"duplicate concept rule ids: {twice}")
    return by_id


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token (start, end) of every sentence, read from the SENT_START array (fast: no Token
    objects); the whole doc when no sentence boundaries are set.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer")
    >>> sentence_bounds(nlp("It works. We test."))
    [(0, 3), (3, 6)]
    """
    if not len(doc):
        return []
    # doc.has_annotation("SENT_START") walks every Token in Python; the array does not
    starts = [int(i) for i in numpy.flatnonzero(doc.to_array("SENT_START") == 1)]
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    return list(zip(starts, [*starts[1:], len(doc)], strict=False))


def sentence_of(bounds: Sequence[tuple[int, int]], i: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding token ``i``."""
    for start, end in bounds:
        if start <= i < end:
            return start, end
    return 0, 0


def doc_words(text: str) -> frozenset[str]:
    """Lower-cased words of a document's text (hyphenated words kept whole).

    >>> sorted(doc_words("Chest X-ray images"))
    ['chest', 'images', 'x-ray']
    """
    return frozenset(re.findall(r"[\w&@'/.-]*\w|[\w&]", text.lower()))


def _is_number(token: Token | None) -> bool:
    if token is None:
        return False
    text = token.text.lstrip("(").rstrip("%").rstrip("\\")
    return token.like_num or text.replace(".", "", 1).isdigit()


def is_year(text: str) -> bool:
    """Whether ``text`` is a year of the last two centuries, a date rather than a score ("In
    2023, diagnostic accuracy ...").

    >>> is_year("2023"), is_year("1998"), is_year("2023.5"), is_year("87.9"), is_year("3000")
    (True, True, False, False, False)
    """
    return len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"}


#: how many words the object of a verb form may take before its preposition
OBJECT_REACH = 5


#: how many words after the preposition of "ground X in Y" may name the images Y
IMAGE_REACH = 4


def grounds_in_images(doc: Doc, at: int, images: frozenset[str], reach: int = IMAGE_REACH) -> bool:
    """Whether the words right after the preposition at token ``at`` name images, before any
    punctuation: "grounding textual findings in chest X-ray images" grounds phrases in
    images, which is visual grounding itself (branch review16a), while "grounding report
    generation in anatomical regions" bases an output on evidence.

    >>> import spacy
    >>> nlp, images = spacy.blank("en"), frozenset({"images", "radiographs"})
    >>> grounds_in_images(nlp("findings in chest radiographs"), 1, images)
    True
    >>> grounds_in_images(nlp("generation in anatomical regions"), 1, images)
    False
    """
    for token in doc[at + 1 : at + 1 + reach]:
        if token.is_punct or "\n" in token.text:
            return False
        if token.lower_ in images:
            return True
    return False


def takes_object_then(
    doc: Doc,
    end: int,
    words: frozenset[str],
    reach: int = OBJECT_REACH,
    images: frozenset[str] = frozenset(),
) -> bool:
    """Whether the form ending at token ``end`` is a transitive verb's "-ing" form: a content
    word follows right after it (its object, not "of" or another stop word), and a word of
    ``words`` follows that object within ``reach`` words, in the same clause ("grounding
    report generation in anatomical regions" grounds one thing in another; "grounding of
    findings in radiographs" is the task; branch tasks16b). With ``images``, a verb that
    grounds its object in images (:func:`grounds_in_images`: "grounding textual findings in
    chest X-ray images") is the task too.

    >>> import spacy
    >>> nlp, words = spacy.blank("en"), frozenset({"in"})
    >>> takes_object_then(nlp("grounding report generation in regions"), 1, words)
    True
    >>> takes_object_then(nlp("grounding of findings in radiographs"), 1, words)
    False
    >>> takes_object_then(nlp("grounding step, then a check in"), 1, words)
    False
    """
    if end >= len(doc) or not doc[end].is_alpha or doc[end].is_stop:
        return False
    for token in doc[end + 1 : end + 1 + reach]:
        if token.is_punct or "\n" in token.text:
            return False
        if token.lower_ in words:
            return not grounds_in_images(doc, token.i, images)
    return False


def modifies_next_word(doc: Doc, end: int) -> bool:
    r"""Whether the form ending at token ``end`` modifies the content word right after it:
    "A Reasoning Benchmark for Radiology", "Reasoning Models for Medicine" name a benchmark
    or models of reasoning, and a "for" after them belongs to that noun, not to the reasoning
    (branch review16a); "Stepwise Reasoning for Report Generation" ends its phrase first.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> modifies_next_word(nlp("A Reasoning Benchmark for Radiology"), 2)
    True
    >>> modifies_next_word(nlp("Guided Reasoning for Trial Matching"), 2)
    False
    """
    return end < len(doc) and doc[end].is_alpha and not doc[end].is_stop


def later_in_title(doc: Doc, end: int, words: frozenset[str]) -> bool:
    r"""Whether a word of ``words`` follows token ``end`` before the title's end (the first
    token holding a line break): a title that goes on "... Reasoning for <purpose>" names the
    reasoning as its means, the purpose as its task (branch tasks16b).

    >>> import spacy
    >>> nlp, words = spacy.blank("en"), frozenset({"for"})
    >>> later_in_title(nlp("Guided Reasoning for Trial Matching\n\nWe match."), 2, words)
    True
    >>> later_in_title(nlp("Medical Reasoning Models\n\nWe test them for QA."), 2, words)
    False
    """
    for token in doc[end:]:
        if "\n" in token.text:
            return False
        if token.lower_ in words:
            return True
    return False


def _neighbour(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


#: words that join the members of a list ("age, sex and diagnosis")
_LIST_JOINERS = wordlist("concepts_wordlists", "list_joiners")


def listed_with(doc: Doc, start: int, end: int, members: frozenset[str], reach: int = 3) -> bool:
    """Whether the span ``[start, end)`` is a member of a list that also holds one of
    ``members``: such a word within ``reach`` tokens before or after it, in the same sentence,
    with a list joiner between ("conditioned on age, sex, diagnosis"; "diagnosis, medication
    and procedure"). The word must be a list item of its own, followed by a joiner or a
    punctuation mark or ending the sentence: in "diagnosis, symptom extraction and medication
    recommendation" it only modifies other tasks.

    >>> import spacy
    >>> d = spacy.blank("en")("generated on age , sex , diagnosis and site . we study diagnosis")
    >>> m = frozenset({"age", "sex", "site"})
    >>> listed_with(d, 6, 7, m), listed_with(d, 12, 13, m)
    (True, False)
    >>> d = spacy.blank("en")("the sex of each diagnosis")
    >>> listed_with(d, 4, 5, m)
    False
    >>> d = spacy.blank("en")("for diagnosis , age estimation and site prediction")
    >>> listed_with(d, 1, 2, m)
    False
    """
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    sent_end = doc[start].sent.end if doc.has_annotation("SENT_START") else len(doc)
    for lo, hi in ((max(sent_start, start - reach), start), (end, min(sent_end, end + reach))):
        for i in range(lo, hi):
            if doc[i].lower_ not in members or not _list_item_ends(doc, i, sent_end):
                continue
            between = doc[i + 1 : start] if i < start else doc[end:i]
            if any(t.text in _LIST_JOINERS for t in between):
                return True
    return False


def _list_item_ends(doc: Doc, i: int, sent_end: int) -> bool:
    """Whether token ``i`` ends a list item: a joiner or punctuation follows, or the sentence
    ends ("age" in "age, sex", not in "age estimation")."""
    return i + 1 >= sent_end or doc[i + 1].is_punct or doc[i + 1].text in _LIST_JOINERS


def number_before(doc: Doc, start: int) -> bool:
    """Whether a score ends right before token ``start``: a number, or a number and "%"
    ("85.2% sensitivity", "0.91 AUC").

    >>> import spacy
    >>> d = spacy.blank("en")("85.2% sensitivity and 3 high sensitivity")
    >>> number_before(d, 2), number_before(d, 6), number_before(d, 0)
    (True, False, False)
    """
    prev = _neighbour(doc, start - 1)
    if prev is not None and prev.text == "%":
        prev = _neighbour(doc, start - 2)
    return _is_number(prev)


def scored_after(doc: Doc, end: int, value_words: frozenset[str]) -> bool:
    """Whether a score follows token ``end - 1``: a number right after it, or after one value
    word ("of 4.2", "= 0.83", "was 12%").

    >>> import spacy
    >>> d = spacy.blank("en")("a utility score of 4.2 and a risk score for them")
    >>> scored_after(d, 3, frozenset({"of"})), scored_after(d, 9, frozenset({"of"}))
    (True, False)
    """
    nxt = _neighbour(doc, end)
    if _is_number(nxt):
        return True
    return nxt is not None and nxt.lower_ in value_words and _is_number(_neighbour(doc, end + 1))


def eponym_before(doc: Doc, first: int, stop: frozenset[str]) -> bool:
    """Whether the word before a measure phrase starting at token ``first`` is an eponym that
    opens its name ("a Fréchet audio distance of 3.2", "the Gower similarity index was 0.4"):
    one title-case word inside the sentence, not a stop word and not after another capital
    word other than an article (a name of several words: "the Stanford Health Care index" is
    a place's). The
    lower-case walk of :func:`extend_left` stops at it; the rows that allow it
    (``eponym_heads``) name measures eponyms open (distances, indices, coefficients).

    >>> import spacy
    >>> d = spacy.blank("en")("a Fréchet audio distance ; Mean audio distance ; New York audio distance")
    >>> [eponym_before(d, i, frozenset({"mean"})) for i in (2, 6, 11)]
    [True, False, False]
    """
    if first < 2:
        return False
    tok = doc[first - 1]
    if not (tok.is_title and tok.is_alpha and len(tok) >= 3) or tok.is_sent_start:
        return False
    if tok.lower_ in stop:
        return False
    prev = doc[first - 2]
    return not (prev.is_title or prev.is_upper) or prev.lower_ in _ITEM_OPENERS


def short_form_shaped(text: str) -> bool:
    """Whether ``text`` is written as a short form: two capitals or more, letters first, no
    spaces or inner punctuation but hyphens and digits ("FVD", "RTAT", "nDCG" no: one capital).

    >>> [short_form_shaped(t) for t in ("FVD", "ADR", "HD95", "Fig", "n", "95", "U.S.")]
    [True, True, True, False, False, False, False]
    """
    return (
        len(text) >= 2
        and text[0].isalpha()
        and sum(c.isupper() for c in text) >= 2
        and text.replace("-", "").isalnum()
    )


def past_short_form(doc: Doc, end: int) -> int:
    """The token after a short form defined in brackets right after a measure ("a Fréchet
    audio distance (FAD) of 3.2", "the polyp miss rate (PMR) was 12%"): the score follows the
    short form, not the head; ``end`` itself when no "( <short form> )" follows. A bracket
    holding anything else ("the error rate (95% CI 2-4)") is no short form.

    >>> import spacy
    >>> d = spacy.blank("en")("rate ( PMR ) of 3 ; rate ( 95 ) of 3")
    >>> past_short_form(d, 1), past_short_form(d, 7)
    (4, 7)
    """
    if (
        end + 2 < len(doc)
        and doc[end].text == "("
        and doc[end + 2].text == ")"
        and short_form_shaped(doc[end + 1].text)
    ):
        return end + 3
    return end


def short_form_cued(texts: Sequence[str], short: str, cue_ends: Sequence[int]) -> bool:
    """Whether the short form ``short`` is listed right after an evaluation or outcome cue
    ending before one of ``cue_ends`` (an article or a list item between: "The primary
    outcome was ADR", "Outcomes were sensitivity and PMR"): the paper names it as its own
    measure, so the long form is evaluated whatever its sentence speaks of.

    >>> t = "The primary outcome was ADR ; outcomes were sensitivity and PMR ; PMR fell".split()
    >>> short_form_cued(t, "ADR", [4]), short_form_cued(t, "PMR", [8]), short_form_cued(t, "X", [4])
    (True, True, False)
    """
    for end in cue_ends:
        for i in range(end, min(len(texts), end + 6)):
            if texts[i] == short:
                return True
            if texts[i] in {".", ";", ":"}:
                break
    return False


def short_form_scored(doc: Doc, short: str, defined_at: int, value_words: frozenset[str]) -> int:
    """Whether the short form ``short``, defined at token ``defined_at`` for a measure in a
    sentence that gives it no value, is bound to a score where the paper uses it again
    ("Polyp miss rate (PMR) was defined as ... PMR was 12.4%", "... a PMR of 12.4%",
    "12.4% PMR"): the measure is then valued through its short form. A short form never
    bound to a number ("PMR was lower in the AI arm") leaves the measure unvalued. Returns
    the token of the first valued use, -1 when there is none.

    >>> import spacy
    >>> d = spacy.blank("en")("miss rate ( PMR ) is key . PMR was 12 % ; the MR fell")
    >>> v = frozenset({"was", "of"})
    >>> short_form_scored(d, "PMR", 3, v), short_form_scored(d, "MR", 3, v)
    (8, -1)
    """
    for tok in doc:
        if tok.i != defined_at and tok.text == short:
            if scored_after(doc, tok.i + 1, value_words) or number_before(doc, tok.i):
                return tok.i
    return -1


def past_cut_off(doc: Doc, end: int) -> int:
    """The token after a cut-off written right after a measure ("an enrichment factor at 1% of
    31.7", "a hit rate at 10 of 0.4"): the score follows the cut-off, not the head; ``end``
    itself when no "at <number> [%]" follows.

    >>> import spacy
    >>> d = spacy.blank("en")("factor at 1 % of 31.7 ; rate at night of 3")
    >>> past_cut_off(d, 1), past_cut_off(d, 8)
    (4, 8)
    """
    nxt = _neighbour(doc, end)
    if nxt is None or nxt.lower_ != "at" or not _is_number(_neighbour(doc, end + 1)):
        return end
    after = _neighbour(doc, end + 2)
    return end + 3 if after is not None and after.text == "%" else end + 2


def paper_speaks_of(words: Iterable[str], cues: frozenset[str]) -> bool:
    """Whether a text's words (lower case) hold one of ``cues``: a measure that is a property
    of generated samples ("98.6% validity", "a uniqueness of 99.2%") is one only in a paper
    that generates; "content validity of 0.92" of a questionnaire or "test-retest stability"
    of a sensor is a property of an instrument (branch review17a).

    >>> cues = frozenset({"generated", "generation"})
    >>> paper_speaks_of("the generated molecules reached 98.6 % validity".split(), cues)
    True
    >>> paper_speaks_of("the questionnaire showed content validity of 0.92".split(), cues)
    False
    """
    return not cues.isdisjoint(words)


def speaks_of_system(words: Iterable[str], system_words: frozenset[str]) -> bool:
    """Whether a sentence's lower-case ``words`` speak of a system or its evaluation: one of
    ``system_words`` ("model", "system", "achieved", "we", ...). A measure-word phrase bound
    to a score in a sentence that does not ("the survey had a completion rate of 88%", "the
    positivity rate was 12%", "a mean travel distance of 5.2 km") is a figure of the study's
    population or setting, not a named evaluation measure (GUIDELINES metric; review15).

    >>> w = frozenset({"model", "achieved"})
    >>> speaks_of_system("the refusal rate of the model was 3 %".split(), w)
    True
    >>> speaks_of_system("the attrition rate was 9 %".split(), w)
    False
    """
    return not system_words.isdisjoint(words)


_NAME_SHAPE = re.compile(r"[A-Z][a-z]{2,}(?:[A-Z]|-?\d)")


def name_shaped(text: str) -> bool:
    """Whether a token is shaped like the name of a system: a capitalised word of three
    letters or more followed by a capital ("PolypWatch", "MolTessera", "BioBERT") or a number
    ("Med42", "Llama-3"); a sentence naming one speaks of that system (:func:`speaks_of_system`).
    Codes and units of the clinic are not ("COVID-19", "HbA1c", "eGFR", "mmHg").

    >>> [name_shaped(t) for t in ("PolypWatch", "Med42", "Llama-3", "COVID-19", "HbA1c",
    ...  "eGFR", "Patients")]
    [True, True, True, False, False, False, False]
    """
    return _NAME_SHAPE.match(text) is not None


#: prefixes of a modifier that makes "agreement" the agreement among the human raters
_RATER_PREFIXES = ("inter", "intra")


#: words between the two ends of a change or a range, whose unit follows the second end
#: ("fell from 14.2 to 11.6 seconds", "between 2 and 3 minutes")
_RANGE_WORDS = frozenset({"to", "and", "-", "–", "or"})


def duration_follows(
    words: Sequence[str], end: int, units: frozenset[str], *, reach: int = 8
) -> bool:
    """Whether the first number of the clause after a measure ending before word ``end``
    carries a unit of time of ``units`` ("inference time was 0.41 s per image", "a median
    reading time of 11.6 seconds"): a time head then names a duration the paper measures.
    The clause ends at punctuation; the unit may follow the second end of a change or a
    range ("fell from 14.2 to 11.6 seconds"); "the time of day was 3 in 5 cases" binds no
    duration.

    >>> u = frozenset({"s", "seconds", "minutes"})
    >>> [duration_follows(t.split(), 2, u) for t in ("inference time was 0.41 s per image",
    ...  "reading time of 11.6 seconds", "reading time was 3 of 5 cases",
    ...  "analysis time , 6 seconds", "reading time fell from 14.2 to 11.6 seconds")]
    [True, True, False, False, True]
    """
    for i in range(end, min(len(words) - 1, end + reach)):
        word = words[i]
        if word in _CLAUSE_STOPS:
            return False
        if word.replace(".", "", 1).replace(",", "").isdigit():
            if words[i + 1] in units:
                return not per_calendar_span(words, i + 2)
            if words[i + 1] not in _RANGE_WORDS:
                return False
    return False


#: spans of the calendar after "per" or "a" that make a duration a habit ("3 hours per day")
_CALENDAR_SPANS = frozenset({"day", "week", "month", "year", "night"})


def per_calendar_span(words: Sequence[str], k: int) -> bool:
    """Whether the words from ``k`` on (lower case), right after a duration's unit, make it a
    share of a calendar span ("3.1 hours per day", "2 hours a day", "40 minutes daily"): a
    person's habit or a treatment's schedule, not the time a system or a reader takes
    (branch review17a).

    >>> [per_calendar_span(t.split(), 0) for t in ("per day", "a week", "daily", "per image",
    ...  "per patient")]
    [True, True, True, False, False]
    """
    if k < len(words) and words[k] in {"daily", "weekly", "nightly"}:
        return True
    return (
        k + 1 < len(words)
        and words[k] in {"per", "a", "each"}
        and (words[k + 1] in _CALENDAR_SPANS)
    )


def rater_agreement(words: Sequence[str]) -> bool:
    """Whether a measure phrase names the agreement among the paper's human raters
    ("inter-rater agreement", "intra-observer agreement", "interexpert agreement"): the
    reliability of the reference, not a measure of the paper's system.

    >>> [rater_agreement(w.split()) for w in ("inter-rater agreement", "percent agreement",
    ...  "intraobserver agreement", "inter-rater score")]
    [True, False, True, False]
    """
    return (
        len(words) >= 2
        and words[-1] == "agreement"
        and any(w.startswith(_RATER_PREFIXES) for w in words[:-1])
    )


#: words between a gated measure and the score it states or reaches ("a recall of 0.8", "R2 =
#: 0.7", "a sensitivity (0.89)", "raised its sensitivity to 94%"): a score after one of them
#: shows the form is the measure
_SCORE_CONNECTORS = wordlist("concepts_wordlists", "score_connectors")
#: verbs that state the score of the clause's subject: "the specificity of X was 88%"
_SCORE_COPULAS = wordlist("concepts_wordlists", "score_copulas")
#: tokens that end the clause a measure opens
_CLAUSE_STOPS = frozenset({",", ";", ":", "(", ")", "."})


def score_follows(doc: Doc, end: int, hedges: frozenset[str] = frozenset()) -> bool:
    """Whether a score follows the form ending before token ``end``: a number right after
    it, or after one connector ("of 0.83", "= 0.7", "(0.89)"), where one hedge of ``hedges``
    may stand before the number ("a sensitivity of only 41%", "reached about 0.9").

    >>> import spacy
    >>> d = spacy.blank("en")("sensitivity of only 41 % and sensitivity of only the")
    >>> [score_follows(d, 1, frozenset({"only"})), score_follows(d, 1), score_follows(d, 7,
    ...  frozenset({"only"}))]
    [True, False, False]
    """
    if _is_number(_neighbour(doc, end)):
        return True
    nxt = _neighbour(doc, end)
    if nxt is None or nxt.lower_ not in _SCORE_CONNECTORS:
        return False
    after = _neighbour(doc, end + 1)
    if after is not None and after.lower_ in hedges:
        after = _neighbour(doc, end + 2)
    return _is_number(after)


def clause_states_score(
    doc: Doc, end: int, *, reach: int = 10, stops: frozenset[str] = frozenset()
) -> bool:
    """Whether the clause of a form ending before token ``end`` goes on to state a score: a
    copula then a number
    within ``reach`` tokens, before any punctuation ("specificity of the AI system was 88.4%",
    "sensitivity and specificity of X were 92% and 88%"). "specificity of the binding was
    high in 12 assays" states none; the first word after the form is never the copula
    ("specificity of 88%" is read by the number gate). A word of ``stops`` (the gate's
    blocking words) ends the clause too: "sensitivity of the assay to noise was 0.3".

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> [clause_states_score(nlp(t), 1, stops=frozenset({"to"})) for t in (
    ...  "specificity of the AI system was 88.4 %", "specificity of the binding was high in 12",
    ...  "specificity of X , was 9", "sensitivity of the assay to noise was 0.3")]
    [True, False, False, False]
    """
    for i in range(end + 1, min(len(doc) - 1, end + reach)):
        token = doc[i]
        if token.text in _CLAUSE_STOPS or token.lower_ in stops:
            return False
        if token.lower_ in _SCORE_COPULAS and _is_number(doc[i + 1]):
            return True
    return False


def gate_accepts(
    gate: Gate,
    span: Span,
    *,
    doc_words: frozenset[str] | Callable[[], frozenset[str]],
    near_starts: Sequence[int],
    abbreviation_concept: str | None,
    sentence: tuple[int, int] | None = None,
    in_title: bool = False,
    score_hedges: frozenset[str] = frozenset(),
) -> bool:
    """Decide whether ``span`` (a gated surface form) is a mention of ``gate.concept``.

    Args:
        gate: the gate of the surface form.
        span: the matched span.
        doc_words: lower-cased words of the whole document, or a function that makes them
            (called only when a whole-document condition is tested).
        near_starts: token offsets of other mentions of ``gate.near_type`` in the document.
        abbreviation_concept: the concept key that the text defines this short form as
            ("" when it defines it as something else, None when it does not define it).
        sentence: token bounds of the span's sentence (computed when not given).
        in_title: the span is in the paper's title (which names the paper's own work).
        score_hedges: one-word hedges between a measure and its score ("a sensitivity of
            only 41%"; see :func:`score_follows`).

    Returns:
        True when the context licenses the reading.
    """
    if abbreviation_concept is not None:
        return abbreviation_concept == gate.concept
    doc = span.doc
    # a score after the form is looked for only by the gates that read it (speed16)
    if gate.require_abbreviation:
        return gate.pass_next_number and score_follows(doc, span.end, score_hedges)
    nxt = _neighbour(doc, span.end)
    prev = _neighbour(doc, span.start - 1)
    nxt_l = nxt.lower_ if nxt is not None else ""
    prev_l = prev.lower_ if prev is not None else ""
    if gate.block_next_number and _is_number(nxt):
        return False
    # vetoes outrank pass evidence: "medical report generation" names a task, not report data
    if nxt_l in gate.veto_next or prev_l in gate.veto_prev:
        return False
    if gate.require_next and nxt_l not in gate.require_next:
        return False
    if gate.require_prev and prev_l not in gate.require_prev:
        return False
    if (
        gate.prev_must_be
        and prev is not None
        and prev_l not in gate.prev_must_be
        and (prev.is_alpha or "-" in prev.text)
    ):
        return False
    if (
        gate.prev_modifier
        and not modifier_shaped(word_before(doc, span.start))
        and prev_l not in gate.modifier_nouns
    ):
        return False  # "Breast Augmentation"; a data noun of modifier_nouns may stand there
    if gate.require_doc and gate.require_doc.isdisjoint(_words_of(doc_words)):
        return False
    if gate.block_listed_with and listed_with(doc, span.start, span.end, gate.block_listed_with):
        return False
    if gate.block_object_then and takes_object_then(
        doc, span.end, gate.block_object_then, images=gate.pass_sentence
    ):
        return False
    if gate.pass_next_number and score_follows(doc, span.end, score_hedges):
        return True
    if (
        gate.pass_title
        and in_title
        and not (
            gate.title_block_later
            and not modifies_next_word(doc, span.end)
            and later_in_title(doc, span.end, gate.title_block_later)
        )
    ):
        return True
    if (
        nxt_l in gate.pass_next
        and not any_before(
            token_lowers(doc)[max(0, span.start - PASS_NEXT_REACH) : span.start],
            gate.pass_next_unless_before,
        )
    ) or prev_l in gate.pass_prev:
        return True
    if (
        gate.pass_clause_score
        and prev_l not in gate.block_prev
        and clause_states_score(doc, span.end, stops=gate.block_next)
    ):
        return True
    if nxt_l in gate.block_next or prev_l in gate.block_prev:
        return False
    # a score before the form ("85.2% sensitivity") is weaker evidence than a word beside it
    if gate.pass_prev_number and number_before(doc, span.start):
        return True
    if gate.near_type and any(
        abs(s - span.start) <= gate.near_window and s != span.start for s in near_starts
    ):
        return True
    if gate.pass_listed_with and listed_with(doc, span.start, span.end, gate.pass_listed_with):
        return True
    if gate.pass_sentence or gate.pass_sentence_number:
        start, end = (
            sentence if sentence is not None else sentence_of(sentence_bounds(doc), span.start)
        )
        words = token_lowers(doc)[start:end]  # no Token objects per match (speed)
        # a sentence about text gives no evidence: its image words name the text's kind
        if not (gate.block_sentence and gate.block_sentence.intersection(words)):
            if gate.pass_sentence.intersection(words):
                return True
            # a measure stated with a score somewhere in its sentence ("87.9% accuracy")
            if gate.pass_sentence_number and any(
                _is_number(doc[i]) and not is_year(doc[i].text) for i in range(start, end)
            ):
                return True
    if gate.pass_doc and not gate.pass_doc.isdisjoint(_words_of(doc_words)):
        return True
    return not gate.has_pass_condition


def once(make: Callable[[], frozenset[str]]) -> Callable[[], frozenset[str]]:
    """A function that calls ``make`` the first time and returns its value then and after:
    ``functools.cache`` does the same but builds a wrapper with its attributes copied, which
    cost more per Doc than the lookups it saves (speed16b).

    >>> calls = []
    >>> get = once(lambda: calls.append(1) or frozenset({"mri"}))
    >>> get(), get(), len(calls)
    (frozenset({'mri'}), frozenset({'mri'}), 1)
    """
    made: list[frozenset[str]] = []

    def get() -> frozenset[str]:
        if not made:
            made.append(make())
        return made[0]

    return get


def _words_of(doc_words: frozenset[str] | Callable[[], frozenset[str]]) -> frozenset[str]:
    """The document words :func:`gate_accepts` was given, made now if given as a function."""
    return doc_words() if callable(doc_words) else doc_words


def joined_participle(
    lowers: Sequence[str], first: int, participles: frozenset[str], nouns: frozenset[str]
) -> int:
    """The start of a compound whose walk left stopped at a participle of ``participles``
    right before a noun of ``nouns``: there the participle and noun name one thing, a tissue
    preparation ("frozen section tumor grading"), not the training state of a network ("a
    frozen triplet recognition network"), so the compound takes the participle back (branch
    review17b).

    >>> p, n = frozenset({"frozen"}), frozenset({"section"})
    >>> joined_participle(["frozen", "section", "tumor", "grading"], 1, p, n)
    0
    >>> joined_participle(["a", "frozen", "triplet", "recognition"], 2, p, n)
    2
    """
    if first > 0 and lowers[first - 1] in participles and lowers[first] in nouns:
        return first - 1
    return first


def extend_left(
    doc: Doc,
    head: int,
    *,
    stop: frozenset[str],
    max_words: int,
    stop_suffixes: tuple[str, ...] = (),
    keep: frozenset[str] = frozenset(),
    skip_defined: bool = False,
    sentence_openers: bool = False,
    hyphenated: bool = False,
) -> int:
    """Return the start of the compound ending at token ``head`` ("acute infection detection").

    Walks left over modifier words (alphabetic, not in ``stop``; hyphenated words such as
    "part-of-speech" count as one), stopping at a sentence start that is not title case,
    punctuation, a word with a stop suffix (adverbs "-ly", participles "-ed"/"-ing", adjectives
    "-able"/"-ive": "competitive off-topic detection" keeps "off-topic detection"; words in
    ``keep`` are exempt), or after ``max_words`` words. Modifiers must be lower case unless
    the head is title case (titles); a word in ``keep`` is a modifier whatever its case or
    hyphens ("chest X-ray generation"). With ``skip_defined``, an abbreviation defined in
    parentheses after a modifier is stepped over ("atrial fibrillation (AF) detection"; see
    :func:`without_defined`). With ``sentence_openers``, a word capitalised only because it
    opens the sentence is a modifier too ("Liver fibrosis staging from elastography"; see
    :func:`capitalised_opener`). With ``hyphenated``, a word the tokenizer kept whole across
    its hyphen ("false-alarm") is a modifier as its parts would be.

    >>> import spacy
    >>> d = spacy.blank("en")("we study acute infection detection here")
    >>> extend_left(d, 4, stop=frozenset({"study"}), max_words=3)
    2
    >>> d = spacy.blank("en")("we study atrial fibrillation (AF) detection here")
    >>> extend_left(d, 7, stop=frozenset({"study"}), max_words=3, skip_defined=True)
    2
    """
    title = doc[head].is_title
    start = head
    words = 0
    j = head - 1
    while j >= 0 and words < max_words:
        tok = doc[j]
        if (
            tok.text == "-"
            and j - 1 >= 0
            and not doc[j - 1].whitespace_
            and not tok.whitespace_
            and doc[j - 1].is_alpha
        ):
            j -= 1
            continue
        if tok.text in {"'s", "’s"}:
            break
        if skip_defined and defined_before(doc, j):
            j -= 3
            continue
        kept = tok.lower_ in keep
        alpha = tok.is_alpha or (hyphenated and _hyphenated_word(tok.text))
        if not (alpha or kept) or tok.lower_ in stop or len(tok) < 2:
            break
        if not kept and tok.lower_.endswith(stop_suffixes):
            break
        opener = sentence_openers and capitalised_opener(tok)
        if not (tok.is_lower or kept or (title and tok.is_title) or opener):
            break
        if tok.is_sent_start and j != head and not title and not tok.is_lower and not opener:
            break
        start = j
        words += 1
        j -= 1
    return start


def _hyphenated_word(text: str) -> bool:
    """Whether ``text`` is letters joined by inner hyphens ("false-alarm", "rubric-guided").

    >>> [_hyphenated_word(w) for w in ("false-alarm", "COVID-19", "-ray", "alarm")]
    [True, False, False, False]
    """
    return "-" in text.strip("-") and text.replace("-", "").isalpha() and text[0] != "-"


def acronym_of_quantity(text: str, long_form: str | None, quantity_heads: frozenset[str]) -> bool:
    """Whether ``text`` is an acronym the paper defines as a measured quantity, so that it can
    be the object of a task head after it ("TMTV extraction", "LVEF estimation").

    An acronym defined as a disease ("DR screening": diabetic retinopathy), a place ("ED
    triage": emergency department) or not defined at all ("TNM staging") names no quantity
    the model computes; the head of its long form ("total metabolic tumor volume": volume)
    decides.

    >>> heads = frozenset({"volume", "fraction"})
    >>> acronym_of_quantity("TMTV", "total metabolic tumor volume", heads)
    True
    >>> acronym_of_quantity("DR", "diabetic retinopathy", heads)
    False
    >>> acronym_of_quantity("TNM", None, heads)
    False
    """
    if long_form is None or len(text) < 2 or not any(c.isupper() for c in text[1:]):
        return False
    if not text[0].isupper() or not text.replace("-", "").isalnum():
        return False
    words = long_form.split()
    return bool(words) and singularize(words[-1].lower()) in quantity_heads


def s_form_opener(word: str) -> bool:
    """Whether a free task compound's first modifier ends in a bare "-s": a verb ("the step
    skips retrieval", "a variant that keeps normalization") or a plural noun ("artifacts
    concept identification"), where a noun modifier of a task is singular ("image
    classification"). Words whose "-s" is no inflection ("pancreas", "bias", "analysis",
    "class", "consensus", "series", "caries") and hyphenated words ("time-series") are not.

    >>> s_form_opener("skips"), s_form_opener("keeps"), s_form_opener("pancreas")
    (True, True, False)
    >>> s_form_opener("series"), s_form_opener("time-series"), s_form_opener("image")
    (False, False, False)
    """
    w = word.lower()
    return (
        w.isalpha()
        and len(w) > 3
        and w.endswith("s")
        and not w.endswith(("ss", "us", "is", "as", "ies", "ys", "os"))
    )


def capitalised_opener(tok: Token) -> bool:
    """Whether ``tok`` is a plain word capitalised only because it opens its sentence
    ("Liver" in "Liver fibrosis staging from elastography"), not a name or an acronym.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> d = nlp("Liver fibrosis staging. We study Liver staging. BRCA status prediction.")
    >>> capitalised_opener(d[0]), capitalised_opener(d[6]), capitalised_opener(d[9])
    (True, False, False)
    """
    return bool(tok.is_sent_start) and tok.is_title and tok.is_alpha


def defined_before(doc: Doc, j: int) -> bool:
    """Whether token ``j`` closes an abbreviation in parentheses right after a lower-case
    word ("fibrillation (AF)": ``j`` is the ")").

    >>> import spacy
    >>> d = spacy.blank("en")("atrial fibrillation (AF) detection")
    >>> defined_before(d, 4), defined_before(d, 5)
    (True, False)
    """
    if j < 3 or doc[j].text != ")" or doc[j - 2].text != "(":
        return False
    abbr = doc[j - 1].text
    return (
        1 < len(abbr) <= 8
        and any(c.isupper() for c in abbr)
        and abbr.replace("-", "").isalnum()
        and doc[j - 3].is_lower
        and doc[j - 3].is_alpha
    )


def without_defined(tokens: Sequence[str]) -> list[str]:
    """The words of a compound without a parenthesised abbreviation inside it: the phrase is
    named by its words ("atrial fibrillation (AF) detection" is "atrial fibrillation
    detection").

    >>> without_defined(["atrial", "fibrillation", "(", "AF", ")", "detection"])
    ['atrial', 'fibrillation', 'detection']
    """
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "(" and i + 2 < len(tokens) and tokens[i + 2] == ")":
            i += 3
            continue
        out.append(tokens[i])
        i += 1
    return out


def metric_variant_target(
    key: str,
    ancestors: frozenset[str],
    targets: frozenset[str],
    ancestors_of: Mapping[str, frozenset[str]],
) -> str | None:
    """The canonical metric a narrower vocabulary metric is a variant of, or None.

    A metric below (``skos:broader``) one of the GUIDELINES canonical metrics (``targets``)
    is that metric: "top-1 accuracy" is accuracy, "clinical efficacy F1" is F1. A canonical
    metric is never a variant, even below another one (Recall@K below recall). Among several
    canonical ancestors the nearest wins (the one no other canonical ancestor lies below).

    Args:
        key: the metric's concept key.
        ancestors: keys of all its broader concepts (``Vocabulary.ancestors``).
        targets: keys of the canonical metrics (``metric_fold_targets``).
        ancestors_of: key -> keys of all broader concepts, for the other metrics.

    >>> variant_of = {"top1accuracy": frozenset({"accuracy"})}
    >>> metric_variant_target("top1accuracy", variant_of["top1accuracy"], frozenset({"accuracy"}), {})
    'accuracy'
    >>> metric_variant_target("wer", frozenset({"errorrate"}), frozenset({"accuracy"}), {}) is None
    True
    """
    if key in targets:
        return None
    above = [k for k in ancestors if k in targets]
    nearest = [k for k in above if not any(k in ancestors_of.get(o, frozenset()) for o in above)]
    return nearest[0] if len(nearest) == 1 else None


def tool_metric_key(
    tool_key: str | None, head: tuple[str, str] | None, metric_type: str, phrase: str
) -> str:
    """The metric of a metric word qualified by the tool that computes it: the tool's own
    metric when the tool name is a vocabulary metric ("BERTScore F1" is BERTScore), else the
    metric the head word names ("RadGraph F1" and "CheXbert F1" are variants of F1, so F1:
    GUIDELINES fold a variant into its canonical metric), else the phrase's own key.

    >>> tool_metric_key(None, ("metric", "f1"), "metric", "RadGraph F1")
    'f1'
    >>> tool_metric_key("bertscore", ("metric", "f1"), "metric", "BERTScore F1")
    'bertscore'
    >>> tool_metric_key(None, None, "metric", "Foo F1")
    'foof1'
    """
    if tool_key is not None:
        return tool_key
    if head is not None and head[0] == metric_type:
        return head[1]
    return normalize_key(phrase)


def metric_folds(
    vocabulary: Vocabulary, targets: frozenset[str], not_variants: frozenset[str]
) -> dict[str, str]:
    """Variant metric key -> the canonical metric it is (:func:`metric_variant_target`), for
    every vocabulary metric but the measures of their own (``not_variants``)."""
    ancestors_of = {
        c.key: vocabulary.ancestors("metric", c.key) for c in vocabulary.of_type("metric")
    }
    folds: dict[str, str] = {}
    for key, above in ancestors_of.items():
        target = (
            None
            if key in not_variants
            else metric_variant_target(key, above, targets, ancestors_of)
        )
        if target is not None:
            folds[key] = target
    return folds


@dataclass(frozen=True)
class ConceptMatch:
    """One candidate mention before overlap resolution."""

    start: int
    end: int
    type: str
    key: str
    confidence: float
    rule: str


def resolve_overlaps(matches: Iterable[ConceptMatch]) -> list[ConceptMatch]:
    """Keep, per type, the longest (then most confident) of overlapping matches.

    >>> a = ConceptMatch(0, 2, "task", "x", 0.9, "r"); b = ConceptMatch(1, 2, "task", "y", 0.9, "r")
    >>> [m.key for m in resolve_overlaps([a, b])]
    ['x']
    """
    kept: list[ConceptMatch] = []
    taken: dict[str, set[int]] = {}
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), -m.confidence, m.start)):
        used = taken.setdefault(m.type, set())
        if any(i in used for i in range(m.start, m.end)):
            continue
        used.update(range(m.start, m.end))
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.type))


def title_end(doc: Doc, separator: str = "\n\n", text: str | None = None) -> int:
    r"""Token index where the title ends: the token at or after the first ``separator``, or 0
    when the Doc has no title part (kg.extract joins title and abstract with a blank line).

    >>> import spacy
    >>> (title_end(spacy.blank("en")("A title\n\nThe abstract.")),
    ...  title_end(spacy.blank("en")("No title.")))
    (2, 0)
    """
    at = (text_of(doc) if text is None else text).find(separator)
    if at < 0:
        return 0
    # token offsets as an array: no Token objects (issue 7: speed)
    return int(numpy.searchsorted(doc.to_array("IDX"), at, side="left"))


def span_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The lower-cased words of ``doc[start:end]``."""
    return token_lowers(doc)[start:end]  # a slice of the cached array: no Token objects


def spell_out(doc: Doc, start: int, end: int, long_forms: dict[str, str]) -> str:
    """The text of ``doc[start:end]`` with every defined short form replaced by its long form.

    >>> import spacy
    >>> spell_out(spacy.blank("en")("OOD detection"), 0, 2, {"OOD": "out-of-distribution"})
    'out-of-distribution detection'
    """
    return " ".join(long_forms.get(t.text, t.text) for t in doc[start:end])


def names_doer(prev: str, doers: frozenset[str]) -> bool:
    """Whether the word right before a free task head names the person who does it
    ("clinician recognition", "radiologist detection"): the compound is an act of that person
    (a time, an event of the clinical workflow), not the task of a model (GUIDELINES task: what
    the models do; branch tasks15).

    >>> names_doer("clinician", frozenset({"clinician"})), names_doer("clinicians",
    ...  frozenset({"clinician"})), names_doer("lesion", frozenset({"clinician"}))
    (True, True, False)
    """
    return prev in doers or singularize(prev) in doers


def names_setting(head: str, prev: str, item_heads: Mapping[str, frozenset[str]]) -> bool:
    """Whether a free task compound on ``head`` names a clinical setting, not a task: a head of
    ``item_heads`` ("screening") is a task only when the word before it names the item screened
    ("abstract screening", "virtual screening" of compounds); otherwise the compound names the
    programme, population or means of the screening ("mammography screening", "community
    screening", "independent screening"). Screening for a disease is diagnosis and is decided
    before this (GUIDELINES task: a variant of a canonical task is that task; branch tasks15).

    >>> items = {"screening": frozenset({"abstract", "virtual"})}
    >>> names_setting("screening", "mammography", items), names_setting("screening", "abstract",
    ...  items), names_setting("detection", "line", items)
    (True, False, False)
    """
    items = item_heads.get(head)
    return items is not None and singularize(prev) not in items and prev not in items


def opens_proper_name(words: Sequence[str], n: int) -> bool:
    """Whether the first ``n`` words (a free task compound) open a proper name: all
    capitalised and followed by "of" and a capitalised word ("International Classification
    of Diseases", "National Institute of Health"): part of a name, not a task.

    >>> opens_proper_name(["International", "Classification", "of", "Diseases"], 2)
    True
    >>> opens_proper_name(["tumor", "classification", "of", "CT"], 2)
    False
    >>> opens_proper_name(["Tumor", "Classification", "of", "scans"], 2)
    False
    """
    if len(words) < n + 2 or words[n] != "of":
        return False
    return all(w[:1].isupper() for w in words[:n]) and words[n + 1][:1].isupper()


def closes_into_name(words: Sequence[str], next_word: str | None, ends: frozenset[str]) -> bool:
    """Whether a compound's ``words``, all capitalised, run on into a name that ``next_word``
    (capitalised; ``ends`` are lower case) ends ("the National Lung Screening Trial", "the
    IARC Cervical Image Bank"): part of a proper name, not a task or modality phrase (in
    running text: a title-case title capitalises every word, which the caller checks).

    >>> ends = frozenset({"trial", "bank"})
    >>> closes_into_name(["Lung", "Screening"], "Trial", ends)
    True
    >>> closes_into_name(["lung", "screening"], "Trial", ends), closes_into_name(
    ...     ["Lung", "Screening"], "trial", ends)
    (False, False)
    """
    return (
        next_word is not None
        and next_word[:1].isupper()
        and next_word.lower() in ends
        and all(w[:1].isupper() for w in words)
    )


def glued_to_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a match is part of a hyphenated name or compound ("MIMIC-CXR", "part-of-speech",
    "CXR-LLaVA"), where it does not denote the concept. "CT-based" and "MR-to-CT" stay.

    >>> import spacy
    >>> d = spacy.blank("en")("MIMIC-CXR and CT-based models and CXR-LLaVA")
    >>> glued_to_name(d, 2, 3), glued_to_name(d, 4, 5), glued_to_name(d, 9, 10)
    (True, False, True)
    """
    if (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
    ):
        before = doc[start - 2]
        if before.is_alpha or any(c.isdigit() for c in before.text):
            # "MR-to-CT" / "CT-to-MR": a conversion between two modalities keeps both
            if before.lower_ not in {
                "to",
                "and",
                "or",
                "vs",
                "non",
                "pre",
                "post",
                "multi",
                "cross",
            }:
                return True
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
    ):
        after = doc[end + 1]
        if after.text[:1].isupper() or after.text[:1].isdigit():
            return True
    return False


class ConceptMatcher:
    """The vocabulary, word lists, gates and rules of ``kg_concepts`` compiled into spaCy
    matchers, and the functions that find candidate mentions with them (read-only once built).

    Args:
        nlp: the pipeline (its tokenizer builds the phrase patterns).
        vocabulary: the SKOS concepts.
        patterns: pattern groups from ``kg.read_patterns.v1`` (the ``concepts_*`` files).
        use_abbreviations: read ``doc._.abbreviations`` (scispaCy) for defined short forms.
        confidence: the confidence of each kind of evidence (:data:`DEFAULT_CONFIDENCE`).
    """

    def __init__(
        self,
        nlp: Language,
        *,
        vocabulary: Vocabulary,
        patterns: dict[str, list[dict[str, Any]]],
        use_abbreviations: bool = True,
        confidence: dict[str, float] | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.use_abbreviations = use_abbreviations
        self.confidence = dict(DEFAULT_CONFIDENCE if confidence is None else confidence)
        self._configure(nlp, patterns)

    def find(
        self,
        doc: Doc,
        text: str,
        bounds: Sequence[tuple[int, int]] | None = None,
        end_of_title: int | None = None,
    ) -> tuple[list[ConceptMatch], list[ConceptMatch]]:
        """Every candidate mention of ``doc`` (``text``: its text; ``bounds`` and
        ``end_of_title``: its sentences and title end, when the caller has them), and the
        non-overlapping ones (longest and most confident first), before the document-level
        rules (:meth:`apply_doc_rules`)."""
        matches = self.vocabulary_matches(doc)
        matches += self.prefixed_modality_matches(doc, text)
        abbreviations = self.abbreviation_map(doc)
        matches += self.abbreviation_matches(doc, abbreviations)
        matches += self.gated_matches(doc, matches, abbreviations, text, bounds, end_of_title)
        matches += self.compound_matches(doc)
        matches += self.token_rule_matches(doc, text)
        matches += self.task_list_matches(doc)
        matches += self.verb_object_matches(doc)
        measure_hits = self._measure_heads(doc)
        cued = self.cued_measure_matches(doc, measure_hits) if self._measure_cues else []
        matches += self.scored_measure_matches(doc, measure_hits, frozenset(m.key for m in cued))
        if self._rate_openers and " per " in text:  # cheap test first: few texts hold a rate
            matches += rate_measure_matches(doc, self._rate_openers, text)
        if self._tool_heads:
            matches += self.tool_metric_matches(doc)
        matches += cued
        matches += self.listed_measure_matches(doc, matches, measure_hits, bounds)
        matches += defined_measure_matches(doc, matches)
        matches += self.elided_modifier_matches(doc, matches)
        matches = self.drop_defined_otherwise(doc, matches, abbreviations)
        matches = [m for m in matches if not glued_to_name(doc, m.start, m.end)]
        # the document-level rules (apply_doc_rules) run in kg_concepts, once the modalities
        # inside task phrases are back: "3D volume" gives way to a CT named only inside a task
        return matches, resolve_overlaps(matches)

    def _configure(self, nlp: Language, patterns: dict[str, list[dict[str, Any]]]) -> None:
        vocabulary = self.vocabulary
        rows = list(patterns.get("concepts_wordlists", ()))
        pattern_rows = list(patterns.get("concepts_patterns", ()))
        self.wordlists = read_wordlists(rows + pattern_rows)
        self.gates = read_gates(patterns.get("concepts_gates", ()), self.wordlists)
        self.rules = [r for r in pattern_rows if "id" in r]
        self.generic = self.wordlists.get("generic_modifiers", frozenset())
        #: first words of a count-per-unit measure ("false alarms per hour")
        self._rate_openers = self.wordlists.get("rate_measure_openers", frozenset())
        #: heads of the long form of an acronym that names a measured quantity ("volume")
        self._quantity_heads = self.wordlists.get("measured_quantity_heads", frozenset())
        self._score_hedges = self.wordlists.get("score_hedges", frozenset())
        self.not_modifier = self.wordlists.get("not_modifier", frozenset())
        #: training-state participles that also name a tissue preparation before one of
        #: ``preparation_nouns`` ("frozen section"; joined_participle, branch review17b)
        self._preparation_participles = self.wordlists.get("preparation_participles", frozenset())
        self._preparation_nouns = self.wordlists.get("preparation_nouns", frozenset())
        #: words of degree or worth opening a finding, not a system's quantity (review16c)
        self._degree_modifiers = self.wordlists.get("degree_modifiers", frozenset())
        #: nominals of verbs whose everyday sense outnumbers the task's ("we learn", "we
        #: register"): no own-verb task (review16c)
        self._no_own_verb = self.wordlists.get("no_own_verb_nominals", frozenset())
        #: evaluation cues ("measured by", "in terms of") as word tuples, the heads of the
        #: measures listed after them and the words that make a head no measure
        self._measure_cues = tuple(
            tuple(cue.split()) for cue in sorted(self.wordlists.get("measure_cues", frozenset()))
        )
        #: the same cues, and the words between a measure and its score ("of", "=") and the
        #: verbs stating a clause's score ("was", "reached"), for ``evaluated_metric_keys``
        self.measure_cue_words = self._measure_cues
        self.score_connector_words = self.wordlists.get("score_connectors", frozenset())
        self.score_copula_words = self.wordlists.get("score_copulas", frozenset())
        self._cued_heads = self.wordlists.get("cued_measure_heads", frozenset())
        self._lone_heads = self.wordlists.get("lone_measure_heads", frozenset())
        self._not_measure = self.wordlists.get("not_measure_modifiers", frozenset())
        self._item_breakers = self.wordlists.get("measure_item_breakers", frozenset())
        #: people, samples and places of care a count per unit may count: the study's set-up
        self._cohort_counted = self.wordlists.get("cohort_counted_nouns", frozenset())
        #: capitalised words that end a proper name (a compound before one is part of it)
        self.name_ends = self.wordlists.get("proper_name_ends", frozenset())
        self.rollup_types = self.wordlists.get("rollup_types")
        self.non_image_modalities = self.wordlists.get("non_image_modalities", frozenset())
        self.no_rollup = self.wordlists.get("no_rollup_concepts", frozenset())
        #: the GUIDELINES canonical metrics: their narrower vocabulary metrics are variants
        self.metric_fold_targets = self.wordlists.get("metric_fold_targets", frozenset())
        #: metrics that say how a canonical metric right after them is counted ("exact-match
        #: accuracy"): see ``concepts.merge_metric_qualifiers``
        self.metric_qualifiers = self.wordlists.get("metric_qualifiers", frozenset())
        #: tasks whose average precision is the mean over classes (``detection_ap_tasks``):
        #: see ``concepts.fold_detection_precision``
        self.detection_ap_tasks = self.wordlists.get("detection_ap_tasks", frozenset())
        #: report modalities whose phrase may name the imaging modality reported on
        self.report_keys = self.wordlists.get("imaging_report_modalities", frozenset())
        #: nouns after an image modality that make it the kind of report ("CT reports")
        self.report_nouns = self.wordlists.get("report_nouns", frozenset())
        #: words that name image data: a paper using them sees images, not only reports
        self.image_data_words = self.wordlists.get("image_data_words", frozenset())
        #: "entities such as ...": the items listed are kinds of entity, not data
        self.entity_list_nouns = self.wordlists.get("entity_list_nouns", frozenset())
        self.entity_list_openers = self.wordlists.get("entity_list_openers", frozenset())
        self._labels = {t: vocabulary.label_index(t) for t in CONCEPT_TYPES}
        #: phrase -> what :meth:`lookup` answered for it (the labels never change; speed)
        self._looked_up: dict[str, tuple[str, str] | None] = {}
        self._gate_by_id = {g.id: g for g in self.gates}
        #: whether any gate reads the title (only then is the title end computed)
        self._title_gates = any(g.pass_title for g in self.gates)
        self.ancestors = {
            (c.type, c.key): vocabulary.ancestors(c.type, c.key)
            for c in vocabulary.concepts
            if c.broader
        }
        self.metric_folds = metric_folds(
            vocabulary,
            self.metric_fold_targets,
            self.wordlists.get("metric_not_variants", frozenset()),
        )
        self.own_work_cues = self.wordlists.get("own_work_cues", frozenset())
        #: words before an own-work participle that make it other work ("have been proposed")
        self.prior_work_words = self.wordlists.get("prior_work_before_cue", frozenset())
        #: section labels of structured abstracts whose section is the paper's own work
        self.own_work_labels = self.wordlists.get("own_work_section_labels", frozenset())
        #: the concept types a paper may name only as background (then not asserted)
        self.background_types = self.wordlists.get("background_types", frozenset({"task"}))
        #: words that make "accuracy" a clinical umbrella notion ("diagnostic accuracy")
        self.umbrella_metric_modifiers = self.wordlists.get(
            "umbrella_metric_modifiers", frozenset()
        )
        #: units that make a decimal a quantity, not a score ("mean age 61.3 years")
        self.quantity_units = self.wordlists.get("quantity_units", frozenset())
        #: nouns after a listed name that make it no measure ("DeLong tests", "SHAP values")
        self.not_measure_heads = self.wordlists.get("not_measure_heads", frozenset())
        #: the modalities a paper may name only as background, like a task
        self.background_modalities = self.wordlists.get("background_modalities", frozenset())
        self.method_tasks = self.wordlists.get("method_tasks", frozenset())
        self.negation_cues = self.wordlists.get("negation_cues", frozenset())
        self.comparison_cues = self.wordlists.get("comparison_cues", frozenset())
        self.count_words = self.wordlists.get("count_words", frozenset())
        self.background_cues = self.wordlists.get("background_cues", frozenset())
        #: cues that point at a possible use only through their complement
        #: (concepts.complement_cue_reaches)
        self.complement_cues = self.wordlists.get("complement_cues", frozenset())
        self.denied_task_verbs = self.wordlists.get("denied_task_verbs", frozenset())
        #: heads that name no task on their own when a title uses them (title_named_keys)
        self.generic_title_heads = self.wordlists.get("generic_title_heads", frozenset())
        #: words after which a detected long form's own phrase starts (long_form_tail)
        self.long_form_openers = self.wordlists.get("long_form_openers", frozenset())
        #: words that may follow a title's task head ("Reconstruction of ...")
        self.title_head_followers = self.wordlists.get("title_head_followers", frozenset())
        self.background_openers = self.wordlists.get("background_openers", frozenset())
        self.background_subordinators = self.wordlists.get("background_subordinators", frozenset())
        self.label_source_purposes = self.wordlists.get("label_source_purposes", frozenset())
        #: system nouns whose "with <task>" names a part of the system ("a judge with evidence
        #: retrieval"), not the paper's task
        self.component_holders = self.wordlists.get("component_holders", frozenset())
        self.survey_nouns = self.wordlists.get("survey_nouns", frozenset())
        self.survey_openers = self.wordlists.get("survey_openers", frozenset())
        self.weak_task_rules = self.wordlists.get("weak_task_rules", frozenset())
        implied = next((r for r in pattern_rows if r.get("id") == "task_implies_modality"), {})
        #: task key -> the modality key a paper performing that task targets
        self.implied_modalities: dict[str, str] = dict(implied.get("implies", {}))
        #: implied modalities that give way to any asserted image modality (row field
        #: "void_with_images": a conversational assistant for images talks about images)
        self.void_with_images = frozenset(implied.get("void_with_images", []))
        containers = next((r for r in pattern_rows if r.get("id") == "background_containers"), {})
        #: modality key -> the modality keys of the data it holds ("ehr" holds clinical notes):
        #: a container named only in the motivation of a paper on its contents is background
        self.background_containers: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in containers.get("holds", {}).items()
        }
        #: generic task -> the specific task it folds into when the paper names that one
        folds = next((r for r in pattern_rows if r.get("id") == "task_folds"), {})
        self.task_folds: dict[str, str] = dict(folds.get("folds", {}))
        #: the context rules whose generic task mentions fold into the specific task
        self.fold_rules = frozenset(folds.get("fold_rules", ()))
        #: (task, object words, task): a mention of the first naming one of the words is the
        #: second task when the paper names that one ("generate impressions" -> summarization)
        #: head word of a free task phrase -> the task it is when the paper names that one
        by_head = next((r for r in pattern_rows if r.get("id") == "head_folds"), {})
        self.head_folds: dict[str, str] = dict(by_head.get("folds", {}))
        by_object = next((r for r in pattern_rows if r.get("id") == "object_folds"), {})
        self.object_folds: tuple[tuple[str, frozenset[str], str], ...] = tuple(
            (f["task"], frozenset(w.lower() for w in f["objects"]), f["into"])
            for f in by_object.get("folds", ())
        )
        tasks = [c for c in vocabulary.concepts if c.type == "task"]
        self.known_tasks = frozenset(c.key for c in tasks)
        #: head word of each vocabulary task ("image classification" -> "classification")
        self.task_heads = {
            c.key: singularize(c.pref_label.split()[-1].lower())
            for c in tasks
            if c.pref_label.split()
        }
        #: words before a system noun that describe the system, not what it detects
        #: (concepts.detected_object)
        self.system_qualities = self.wordlists.get("system_qualities", frozenset())
        #: the rules of the gates that find a task by a bare system noun ("detector")
        self.system_noun_rules = frozenset(
            f"gate:{g}" for g in self.wordlists.get("system_noun_gates", frozenset())
        )
        #: vocabulary tasks whose label names one kind of object: they take no free variants
        self.object_named_tasks = self.wordlists.get("object_named_tasks", frozenset())
        #: head of a free task phrase -> the vocabulary head naming the same task
        self.variant_head_synonyms: dict[str, str] = next(
            (
                dict(r["variant_head_synonyms"])
                for r in pattern_rows
                if "variant_head_synonyms" in r
            ),
            {},
        )
        self.image_task_heads: dict[str, str] = next(
            (dict(r["image_modality_heads"]) for r in pattern_rows if "image_modality_heads" in r),
            {},
        )
        self.image_keys = frozenset(
            c.key
            for c in vocabulary.concepts
            if c.type == "modality" and c.key not in self.non_image_modalities
        )
        self.object_rules = read_object_rules(pattern_rows, self.wordlists)
        self._object_rule_confidence = next(
            (
                float(r.get("confidence", 0.7))
                for r in pattern_rows
                if r.get("id") == "task_by_object"
            ),
            0.7,
        )
        self.object_window = next(
            (
                int(r.get("object_window", 10))
                for r in pattern_rows
                if r.get("id") == "task_by_object"
            ),
            10,
        )
        #: words after an image modality that make it text about the images ("CT reports")
        self.text_of_image_words = self.wordlists.get("text_of_image_words", frozenset())
        #: words that name image data ("scans", "slides", "photographs") near a task's object
        self.image_words = self.wordlists.get("image_object_words", frozenset())
        self._object_nominals = frozenset(n for r in self.object_rules for n in r.nominals)
        #: token text -> whether it names an image modality (a cache: lookups normalise text)
        self._image_token: dict[str, bool] = {}
        self.capability_cues = self.wordlists.get("capability_cues", frozenset())
        self.tested_cues = self.wordlists.get("tested_cues", frozenset())
        self.goal_cues = self.wordlists.get("goal_cues", frozenset())
        self.modality_suffixes = self.wordlists.get("modality_suffixes", frozenset())
        self.prefix_blocked = self.wordlists.get("modality_prefix_blocked", frozenset())
        self._build_matchers(nlp)

    def _build_matchers(self, nlp: Language) -> None:
        gated_surfaces = {s.lower() for g in self.gates for s in g.surface}
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        #: match id string -> (type, key, kind)
        self._entries: dict[str, tuple[str, str, str]] = {}
        lower: dict[str, list[str]] = {}
        orth: dict[str, list[str]] = {}
        for concept in self.vocabulary.concepts:
            if concept.type not in CONCEPT_TYPES:
                continue
            for label, kind in self._labelled(concept):
                sensitive = is_case_sensitive(label)
                variants = label_variants(label, hyphenate=concept.type == "metric")
                if sensitive:  # a case-sensitive label may open a sentence ("Brain MRI ...")
                    variants += [v[:1].upper() + v[1:] for v in variants if v[:1].islower()]
                    # ... or stand in a title-case title ("for Automated ICD Coding")
                    variants += [t for t in map(title_case, variants) if t not in variants]
                for i, variant in enumerate(variants):
                    if variant.lower() in gated_surfaces:
                        continue
                    entry = f"{concept.type}|{concept.key}|{kind if i == 0 else 'variant'}"
                    target = orth if sensitive else lower
                    target.setdefault(entry, []).append(variant)
        for target, matcher in ((lower, self._lower), (orth, self._orth)):
            for entry, texts in target.items():
                matcher.add(entry, list(nlp.tokenizer.pipe(sorted(set(texts)))))
        self._gate_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._gate_orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        for gate in self.gates:
            if not gate.surface:
                continue
            matcher = self._gate_orth if gate.case_sensitive else self._gate_lower
            matcher.add(gate.id, list(nlp.tokenizer.pipe(gate.surface)))
        self._token_rules = Matcher(nlp.vocab)
        #: the texts a token rule's tokens hold ("@" for "nDCG@10"); none in a text: no rule runs
        self._token_cues: tuple[str, ...] = ()
        for rule in self.rules:
            if "token_regex" in rule:
                self._token_rules.add(rule["id"], [[{"TEXT": {"REGEX": rule["token_regex"]}}]])
                self._token_cues += tuple(rule.get("text_cues", ["@"]))
        #: metric words a tool name may qualify ("RadGraph F1": one metric)
        self._tool_heads: dict[str, frozenset[str]] = {
            r["id"]: frozenset(r["tool_heads"]) for r in self.rules if "tool_heads" in r
        }
        self._list_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._openers: dict[str, list[list[str]]] = {}
        for rule in self.rules:
            if rule.get("list_cues"):
                self._list_cues.add(rule["id"], list(nlp.tokenizer.pipe(rule["list_cues"])))
                self._openers[rule["id"]] = sorted(
                    (o.lower().split() for o in rule.get("openers", [])), key=len, reverse=True
                )
        self._rule_by_id = rules_by_id(self.rules)
        #: each rule's "cue_after" words in lower case, made once, not per head (speed)
        self._cue_after = {
            r["id"]: frozenset(c.lower() for c in r["cue_after"])
            for r in self.rules
            if "cue_after" in r
        }
        # per-rule options as tuples and sets made once, not per compound (issue 15: speed)
        self._stop_suffixes = {r["id"]: tuple(r.get("stop_suffixes", ())) for r in self.rules}
        self._keep_words = {r["id"]: frozenset(r.get("keep_suffix_words", ())) for r in self.rules}
        self._strict_heads = {
            r["id"]: frozenset(r.get("task_heads_strict", [])) for r in self.rules
        }
        #: strict heads that a title's compound states as the paper's task without "task"
        self._title_task_heads = {
            r["id"]: frozenset(r.get("title_task_heads", [])) for r in self.rules
        }
        #: endings of an adjective before a title head: a kind of operation, not its object
        self._title_kind_suffixes = {
            r["id"]: tuple(r.get("title_kind_suffixes", [])) for r in self.rules
        }
        self._verb_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._verb_nominal: dict[str, dict[str, str]] = {}
        #: the nominals of the task verbs ("estimate" -> "estimation"): heads of verb tasks
        self.verb_nominals: frozenset[str] = frozenset()
        self._past_nominal: dict[str, dict[str, str]] = {}
        self._verb_stop: dict[str, frozenset[str]] = {}
        for rule in self.rules:
            if "verbs" not in rule:
                continue
            forms = {
                form: nominal
                for base, nominal in rule["verbs"].items()
                for form in verb_forms(base)
            }
            self._verb_nominal[rule["id"]] = forms
            self.verb_nominals |= frozenset(rule["verbs"].values())
            # the "-ed" forms count only after the authors' own subject (own_past_tense)
            past = {past_form(base): nominal for base, nominal in rule["verbs"].items()}
            past = {form: nominal for form, nominal in past.items() if form not in forms}
            self._past_nominal[rule["id"]] = past
            self._verb_stop[rule["id"]] = expand_wordlist(rule.get("object_stop"), self.wordlists)
            cues = sorted(set(forms) | set(past) | set(rule.get("nominals_of", [])))
            self._verb_cues.add(rule["id"], list(nlp.tokenizer.pipe(cues)))
        #: forms of the verbs people and devices do as often as systems ("write", "produce")
        self._authoring_forms = frozenset(
            form
            for rule in self.rules
            for base in rule.get("authoring_verbs", ())
            for form in verb_forms(base)
        )
        self._makers = self.wordlists.get("people_and_devices", frozenset())
        #: task verbs whose base form is also a noun, and the words before a verb use
        self._noun_verbs = self.wordlists.get("noun_verbs", frozenset())
        self._verb_subjects = self.wordlists.get("verb_subjects", frozenset())
        self._past_subjects = self.wordlists.get("past_subjects", frozenset())
        self._not_between_past = self.wordlists.get("not_before_own_past", frozenset())
        self._noun_openers = self.wordlists.get("noun_openers", frozenset())
        self._no_task_before = self.wordlists.get("no_task_before", frozenset())
        #: the finite and -ing forms of the task verbs whose base form is no noun: before a
        #: data noun such a word is a verb, not its modifier ("we synthesise dialogues")
        self.task_verb_forms = (
            frozenset(form for forms in self._verb_nominal.values() for form in forms)
            - self._noun_verbs
        )
        #: nominal -> particles between its verb and the object ("screen for")
        self._particles: dict[str, frozenset[str]] = {
            nominal: frozenset(words)
            for rule in self.rules
            for nominal, words in rule.get("particles", {}).items()
        }
        #: rule id -> words that end a compound's modifiers (the shared list plus the rule's own)
        self._modifier_stop = {
            r["id"]: (self.not_modifier | expand_wordlist(r["modifier_stop"], self.wordlists))
            - expand_wordlist(r.get("modifier_keep"), self.wordlists)
            for r in self.rules
            if "modifier_stop" in r
        }
        #: heads whose free compound is a task only on an item screened ("abstract screening")
        self._doers = self.wordlists.get("doer_nouns", frozenset())
        self._item_heads = {
            head: expand_wordlist(items, self.wordlists)
            for r in self.rules
            for head, items in r.get("item_heads", {}).items()
        }
        self._free_block_next = {
            r["id"]: frozenset(w.lower() for w in r["free_block_next"])
            for r in self.rules
            if "free_block_next" in r
        }
        self._block_next = {
            r["id"]: expand_wordlist(r["block_next"], self.wordlists)
            for r in self.rules
            if "block_next" in r
        }
        self._heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in self.rules:
            heads = list(rule.get("heads", [])) + list(rule.get("cue_after", []))
            if heads:
                self._heads.add(rule["id"], list(nlp.tokenizer.pipe(heads)))
        #: rule id -> words right before its head that make the measure the body's
        #: ("sleep onset latency": :func:`bodily_latency`)
        self._not_after = {
            r["id"]: expand_wordlist(r["not_after"], self.wordlists)
            for r in self.rules
            if "not_after" in r
        }
        #: rule id -> words between a measure and its score ("a utility score of 4.2")
        self._value_words = {
            r["id"]: frozenset(r.get("value_words", ())) for r in self.rules if "measure_heads" in r
        }
        #: rule id -> heads whose measure an eponym may open ("Fréchet audio distance")
        self._eponym_heads = {
            r["id"]: frozenset(r.get("eponym_heads", ()))
            for r in self.rules
            if "measure_heads" in r
        }
        #: rule id -> words after a measure head that make the head a verb ("scores a")
        #: or a noun the head qualifies ("noun_next": "the latency period of the infection")
        self._verb_next = {
            r["id"]: frozenset(w.lower() for w in r.get("verb_next", ()))
            | expand_wordlist(r.get("noun_next"), self.wordlists)
            for r in self.rules
            if "measure_heads" in r
        }
        #: rule id -> units one of which the measure's score must carry ("inference time
        #: was 0.41 s": :func:`duration_follows`)
        self._value_units = {
            r["id"]: expand_wordlist(r["value_units"], self.wordlists)
            for r in self.rules
            if "value_units" in r
        }
        #: rule id -> words one of which the measure's sentence must hold: the sentence speaks
        #: of a system or its evaluation ("the refusal rate of the tuned model was 3%", not
        #: "the survey had a completion rate of 88%": :func:`speaks_of_system`)
        self._system_words = {
            r["id"]: expand_wordlist(r["system_sentence"], self.wordlists)
            for r in self.rules
            if "system_sentence" in r
        }
        #: rule id -> words one of which the whole text must hold: the paper speaks of what the
        #: measure is a property of ("98.6% validity" of generated samples: :func:`paper_speaks_of`)
        self._paper_words = {
            r["id"]: expand_wordlist(r["paper_words"], self.wordlists)
            for r in self.rules
            if "paper_words" in r
        }
        #: measure heads, and under their own id the evaluation cues ("measured by", "in terms
        #: of"): one pass of one matcher per Doc finds both
        self._measure_heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        if self._measure_cues:
            self._measure_heads.add(
                MEASURE_CUE_ID, list(nlp.tokenizer.pipe(" ".join(c) for c in self._measure_cues))
            )
        for rule in self.rules:
            if rule.get("measure_heads"):
                self._measure_heads.add(rule["id"], list(nlp.tokenizer.pipe(rule["measure_heads"])))

    @staticmethod
    def _labelled(concept: Concept) -> Iterable[tuple[str, str]]:
        yield concept.pref_label, "pref"
        for label in concept.alt_labels:
            yield label, "alt"
        for label in concept.hidden_labels:
            yield label, "variant"

    def vocabulary_matches(self, doc: Doc) -> list[ConceptMatch]:
        """Vocabulary labels and their variants (not the gated short forms)."""
        out = []
        for matcher in (self._lower, self._orth):
            for match_id, start, end in matcher(doc):
                etype, key, kind = doc.vocab.strings[match_id].split("|")
                out.append(
                    ConceptMatch(start, end, etype, key, self.confidence[kind], f"vocab:{kind}")
                )
        return out

    def image_modality_of(self, text: str) -> str | None:
        """The image modality key ``text`` names, directly or as the prefix of a hyphenated
        suffix ("CT-based"), else None."""
        prefix = prefixed_modality(text, self.modality_suffixes)
        if prefix is not None:
            if prefix.lower() in self.prefix_blocked:
                return None
            text = prefix
        found = self.lookup(text)
        if found is None or found[0] != "modality" or found[1] not in self.image_keys:
            return None
        return found[1]

    def prefix_modality_of(self, word: str) -> str | None:
        """The modality key of any kind (image or not) that the prefix of a hyphenated
        ``word`` names ("CT-based", "EMR-based", "speech-driven"), else None; blocked
        prefixes ("US-based", "report-based") name none."""
        prefix = prefixed_modality(word, self.modality_suffixes)
        if prefix is None or prefix.lower() in self.prefix_blocked:
            return None
        found = self.lookup(prefix)
        if found is None or found[0] != "modality":
            return None
        return found[1]

    def prefixed_modality_matches(self, doc: Doc, text: str | None = None) -> list[ConceptMatch]:
        """Modalities written as the prefix of a one-token compound ("CT-based lesion
        detection", "MRI-guided biopsy"; issue 15, item 6), of any kind of data ("an
        EMR-based dataset", "speech-driven screening"); ``text``: the Doc's text."""
        out: list[ConceptMatch] = []
        # most abstracts have no such word, or only "deep learning-based" ones: then the token
        # loop is skipped (issue 7: speed)
        words = suffixed_words(doc.text if text is None else text, self.modality_suffixes)
        if not any(self.prefix_modality_of(w) is not None for w in words):
            return out
        for i, word in enumerate(token_texts(doc)):
            if "-" not in word or prefixed_modality(word, self.modality_suffixes) is None:
                continue
            key = self.prefix_modality_of(word)
            if key is not None:
                out.append(
                    ConceptMatch(
                        i,
                        i + 1,
                        "modality",
                        key,
                        self.confidence["compound_known"],
                        "pattern:modality_prefix",
                    )
                )
        return out

    def image_in_reach(self, doc: Doc, start: int, end: int) -> bool:
        """Whether ``doc[start:end]`` names image data: an image word ("scans", "slides") or
        an image modality ("fundus", "CT", "MRI-based")."""
        for tok in doc[max(0, start) : min(len(doc), end)]:
            low = tok.lower_
            if low in self.image_words or singularize(low) in self.image_words:
                return True
            if (tok.is_alpha or "-" in tok.text) and self.names_image(tok.text):
                nxt = _neighbour(doc, tok.i + 1)
                # "CT reports", "pathology notes" are text about images, not image data
                if nxt is None or singularize(nxt.lower_) not in self.text_of_image_words:
                    return True
        return False

    def names_image(self, text: str) -> bool:
        """Whether one token's ``text`` names an image modality (:meth:`image_modality_of`,
        cached: a lookup normalises the text)."""
        named = self._image_token.get(text)
        if named is None:
            if len(self._image_token) >= IMAGE_TOKEN_CACHE:
                self._image_token.clear()  # bounded over a long corpus
            named = self._image_token[text] = self.image_modality_of(text) is not None
        return named

    def reach_end(self, doc: Doc, start: int) -> int:
        """End of the words a task's object reaches from ``start``: at most
        ``object_window`` tokens, up to a clause break (punctuation other than a hyphen or an
        apostrophe)."""
        end = min(len(doc), start + self.object_window)
        for i in range(start, end):
            tok = doc[i]
            if tok.is_punct and tok.text not in {"-", "'", "/"}:
                return i
        return end

    def abbreviation_map(self, doc: Doc) -> dict[str, tuple[str, str] | None]:
        """Short form text -> (type, concept key) its long form names, or None if it names none."""
        if not self.use_abbreviations or not Doc.has_extension("abbreviations"):
            return {}
        result: dict[str, tuple[str, str] | None] = {}
        for short in doc._.abbreviations or []:
            long_form = getattr(short._, "long_form", None)
            if long_form is None:
                continue
            found = self.lookup(long_form.text)
            if found is None and self.long_form_openers:
                found = long_form_tail(
                    [t.text for t in long_form], self.lookup, self.long_form_openers
                )
            result[short.text] = found
        return result

    def names_metric(self, text: str) -> bool:
        """Whether a lower-case phrase is a metric's label or alias ("sensitivity")."""
        found = self.lookup(text)
        return found is not None and found[0] == "metric"

    def elided_modifier_matches(
        self, doc: Doc, matches: Sequence[ConceptMatch]
    ) -> list[ConceptMatch]:
        """A second measure whose head a coordinated modifier shares
        (:func:`elided_modifier_phrase`): in "the positive and negative predictive values
        were 76% and 97%" the word "positive" names the positive predictive value, so the
        two values have two measures (branch results16c). Only a phrase the vocabulary names
        as another metric counts ("accuracy and negative predictive value" names one)."""
        out: list[ConceptMatch] = []
        words: Sequence[str] | None = None
        for m in matches:
            if m.type != "metric" or m.end - m.start < 2 or m.start < 2:
                continue
            if doc[m.start - 1].lower_ not in _ELISION_LINKS:
                continue
            if words is None:
                words = token_texts(doc)
            phrase = elided_modifier_phrase(words, m.start, m.end)
            found = self.lookup(phrase) if phrase else None
            if found is not None and found[0] == "metric" and found[1] != m.key:
                out.append(
                    ConceptMatch(m.start - 2, m.start - 1, "metric", found[1], m.confidence, m.rule)
                )
        return out

    def lookup(self, text: str) -> tuple[str, str] | None:
        """Return (type, key) of the concept a phrase names, trying its singular form too."""
        if text in self._looked_up:
            return self._looked_up[text]
        return remember(self._looked_up, text, self._lookup(text))

    def _lookup(self, text: str) -> tuple[str, str] | None:
        words = text.split()
        candidates = [text]
        if words:
            candidates.append(" ".join([*words[:-1], singularize(words[-1])]))
        for candidate in candidates:
            norm = normalize_key(candidate)
            for etype in CONCEPT_TYPES:
                key = self._labels[etype].get(norm)
                if key:
                    return etype, key
        return None

    def abbreviation_matches(
        self, doc: Doc, abbreviations: dict[str, tuple[str, str] | None]
    ) -> list[ConceptMatch]:
        """Every occurrence of a short form whose defining long form is a concept label."""
        out = []
        wanted = {short: target for short, target in abbreviations.items() if target is not None}
        if not wanted:
            return out
        for i, text in enumerate(token_texts(doc)):
            for short, target in wanted.items():
                if text == short or text == short + "s":
                    out.append(
                        ConceptMatch(
                            i,
                            i + 1,
                            target[0],
                            target[1],
                            self.confidence["abbreviation"],
                            "abbreviation",
                        )
                    )
        return out

    def gated_matches(
        self,
        doc: Doc,
        found: Sequence[ConceptMatch],
        abbreviations: dict[str, tuple[str, str] | None],
        text: str | None = None,
        bounds: Sequence[tuple[int, int]] | None = None,
        end_of_title: int | None = None,
    ) -> list[ConceptMatch]:
        """Ambiguous surface forms that their context gate accepts (``text``, ``bounds``,
        ``end_of_title``: the Doc's text, sentences and title end, if already known)."""
        raw = list(self._gate_lower(doc)) + list(self._gate_orth(doc))
        if not raw:
            return []
        gates = [self._gate_by_id[doc.vocab.strings[match_id]] for match_id, _, _ in raw]
        # the text's words are read only by gates with a whole-text condition, and only when
        # their earlier tests leave the decision open: split the text then, once (issues 15
        # and speed16: two abstracts in five need them)
        words = once(lambda: doc_words(doc.text if text is None else text))
        bounds = sentence_bounds(doc) if bounds is None else bounds
        if end_of_title is None:
            end_of_title = title_end(doc, text=text) if self._title_gates else 0
        starts_by_type: dict[str, list[int]] = {}
        for m in found:
            starts_by_type.setdefault(m.type, []).append(m.start)
        for gate, (_match_id, start, _end) in zip(gates, raw, strict=True):
            starts_by_type.setdefault(gate.type, []).append(start)
        out = []
        for gate, (_match_id, start, end) in zip(gates, raw, strict=True):
            span = doc[start:end]
            abbreviation_concept: str | None = None
            # most abstracts define no short form: no span text to make (speed16)
            if abbreviations and span.text in abbreviations:
                target = abbreviations[span.text]
                abbreviation_concept = (
                    target[1] if target is not None and target[0] == gate.type else ""
                )
            if gate_accepts(
                gate,
                span,
                doc_words=words,
                near_starts=starts_by_type.get(gate.near_type, []),
                abbreviation_concept=abbreviation_concept,
                sentence=sentence_of(bounds, start),
                in_title=start < end_of_title,
                score_hedges=self._score_hedges,
            ):
                out.append(
                    ConceptMatch(
                        start,
                        end,
                        gate.type,
                        gate.concept,
                        self.confidence["gated"],
                        f"gate:{gate.id}",
                    )
                )
        return out

    def compound_matches(self, doc: Doc) -> list[ConceptMatch]:
        """Task compounds ("<modifiers> <head>") and phrases named as tasks ("X task")."""
        out = []
        long_forms: dict[str, str] | None = None
        for match_id, start, end in self._heads(doc):
            rule = self._rule_by_id[doc.vocab.strings[match_id]]
            cue_after = self._cue_after.get(rule["id"])
            if cue_after is not None and doc[start:end].text.lower() in cue_after:
                m = self._named_task(doc, rule, start)
            else:
                if long_forms is None:
                    defined = self.use_abbreviations and Doc.has_extension("abbreviations")
                    long_forms = self.long_forms(doc) if defined else {}
                m = self._compound(doc, rule, start, end, long_forms)
            if m is not None:
                out.append(m)
        return out

    def task_list_matches(self, doc: Doc) -> list[ConceptMatch]:
        """Items listed right after "tasks" ("three tasks: A, B, and C", "tasks such as A and
        B")."""
        out: list[ConceptMatch] = []
        bounds: list[tuple[int, int]] | None = None
        lowers = token_lowers(doc)  # no Token objects per cue and opener (speed)
        for match_id, start, _end in self._list_cues(doc):
            rule = self._rule_by_id[doc.vocab.strings[match_id]]
            i = start + 1
            for opener in self._openers[rule["id"]]:
                if list(lowers[i : i + len(opener)]) == opener:
                    i += len(opener)
                    break
            else:
                continue
            if bounds is None:
                bounds = sentence_bounds(doc)
            out.extend(self._list_items(doc, rule, i, sentence_of(bounds, start)[1]))
        return out

    def _list_items(
        self, doc: Doc, rule: dict[str, Any], i: int, end_of_sent: int
    ) -> list[ConceptMatch]:
        out: list[ConceptMatch] = []
        start = i
        max_tokens = int(rule.get("max_item_tokens", 5))
        items: list[tuple[int, int]] = []
        j = i
        while j <= end_of_sent and len(items) < int(rule.get("max_items", 8)):
            tok = doc[j] if j < end_of_sent else None
            if tok is None or tok.text in {",", ";", ")", "and", "or", "."}:
                if j > start:
                    items.append((start, j))
                if tok is None or tok.text in {")", "."}:
                    break
                start = j + 1
            j += 1
        for a, b in items:
            while a < b and doc[a].lower_ in {"and", "or", "the", "a", "an", "("}:
                a += 1
            if b - a < 1 or b - a > max_tokens:
                return []  # not a list of short task names: give up on the whole list
            words = list(token_texts(doc)[a:b])  # no Token objects (speed)
            if not all(t.is_alpha or t.text in {"-", "&"} for t in doc[a:b]):
                continue
            if any(t.lower_ in LIST_ITEM_BREAKERS for t in doc[a:b]):
                continue
            if doc[a:b].text[:1].isupper() and not doc[a].is_sent_start:
                continue
            if doc[b - 1].lower_ in self.not_modifier:
                continue
            found = self.lookup(doc[a:b].text)
            if found and found[0] != rule["type"]:
                continue
            key = found[1] if found else phrase_key(words, self.generic)
            out.append(
                ConceptMatch(
                    a,
                    b,
                    rule["type"],
                    key,
                    float(rule.get("confidence", 0.6)),
                    f"pattern:{rule['id']}",
                )
            )
        return out

    def verb_object_matches(self, doc: Doc) -> list[ConceptMatch]:
        """Tasks stated as a verb and its object ("classify skin lesion images", "generate
        radiology reports", "extracting entities and relations") or as "<nominal> of <object>"
        ("generation of reports"): "<object> <nominal>" must be a vocabulary label of the
        rule's type, so only known tasks are found this way."""
        out: list[ConceptMatch] = []
        for match_id, start, _end in self._verb_cues(doc):
            rule = self._rule_by_id[doc.vocab.strings[match_id]]
            cue = doc[start].lower_
            nominal = self._verb_nominal[rule["id"]].get(cue)
            first = start + 1
            if nominal is None and cue in self._past_nominal[rule["id"]]:
                if not own_past_tense(
                    token_lowers(doc), start, self._past_subjects, self._not_between_past
                ):
                    continue  # "segmented organs", "reports generated by": no act of the paper
                nominal = self._past_nominal[rule["id"]][cue]
            if nominal is None:  # "<nominal> of <object>"
                if first >= len(doc) or doc[first].lower_ != "of":
                    continue
                if inside_proper_name(doc, start):
                    continue  # "International Classification of Diseases": a name, no task
                nominal, first = cue, first + 1
            elif (
                cue in self._noun_verbs
                and not verb_in_context(doc, start, self._verb_subjects)
                and not opens_title_as_gerund(doc, start)
            ):
                continue  # "free-text triage notes", "a screen": the noun
            elif reads_as_noun(doc, start, self._noun_openers):
                continue  # "each segment", "into overlapping segments": the noun
            elif cue in self._authoring_forms and made_by_people_or_devices(
                token_lowers(doc), start, self._makers
            ):
                continue  # "pathologists produce reports", "the scanner produces images"
            elif first < len(doc) and doc[first].lower_ in self._particles.get(nominal, ()):
                first += 1  # "screen for atrial fibrillation"
            if nominal != cue:
                first = proportion_end(doc, first)  # "answers 68.9% of MedQA questions"
            stop = self._verb_stop[rule["id"]]
            if nominal != cue and reads_as_plural_noun(doc, start, first, stop):
                continue  # "waveform segments such as the QRS complex": the noun
            before = len(out)
            segments = object_segments(
                doc, first, max_tokens=int(rule.get("max_object_tokens", 6)), stop=stop
            )
            for seg, i in segments:
                word = singularize(doc[i].lower_)
                candidates = [f"{word} {nominal}"]
                if i > first and doc[i - 1].is_alpha:
                    candidates.insert(0, f"{doc[i - 1].lower_} {word} {nominal}")
                for candidate in candidates:
                    found = self.lookup(candidate)
                    if found and found[0] == rule["type"]:
                        # a coordinated object gets its head only: two spans of one extent
                        # would share their ._ values with a modality span ("CT and MR images")
                        span_start = start if seg == first else i
                        out.append(
                            ConceptMatch(
                                span_start,
                                i + 1,
                                rule["type"],
                                found[1],
                                float(rule.get("confidence", 0.7)),
                                self._verb_object_rule(doc, start, nominal, found[1], first)
                                if seg == first
                                else f"pattern:{rule['id']}",
                            )
                        )
                        break
            if len(out) == before and nominal in self._object_nominals:
                # no "<object> <nominal>" label: the task its object class names
                end = self.reach_end(doc, first)
                last = object_phrase_end(doc, first, end, stop)
                found_rule = object_rule(
                    nominal,
                    reach_words(doc, first, last),
                    self.object_rules,
                    image=partial(self.image_in_reach, doc, first, end),
                    reach=reach_words(doc, last, end),
                    lead=horizon_lead(doc, start, first),
                )
                if found_rule is not None and found_rule.task:
                    # the span runs from the verb to the object word that decided ("answer
                    # questions"), not over the rest of the object, which may hold a modality
                    # of its own ("segment 3D volumes", "classify CT scans")
                    out.append(
                        ConceptMatch(
                            start,
                            object_word_end(
                                doc,
                                start,
                                end,
                                found_rule.objects,
                                stop,
                                found_rule.object_suffixes,
                            ),
                            rule["type"],
                            found_rule.task,
                            float(self._object_rule_confidence),
                            # what a system "can" do is a capability, not a task it performs:
                            # then, as any verb and object, one mention asserts nothing
                            "pattern:verb_object"
                            if capability_before(
                                doc, start, self.capability_cues, tested=self.tested_cues
                            )
                            else "pattern:task_by_object",
                        )
                    )
            if len(out) == before and start == 0 and gerund_names_free_task(cue, self._noun_verbs):
                title_task = self._title_gerund_task(doc, rule, nominal, start, stop)
                if title_task is not None:
                    out.append(title_task)
            if len(out) == before and nominal != cue and nominal not in self._no_own_verb:
                own_task = self._own_verb_task(doc, rule, nominal, start, first, stop)
                if own_task is not None:
                    out.append(own_task)
        return out

    def _own_verb_task(
        self,
        doc: Doc,
        rule: dict[str, Any],
        nominal: str,
        verb: int,
        first: int,
        stop: frozenset[str],
    ) -> ConceptMatch | None:
        """The authors' own task verb and its bare object name the paper's task in its own
        words, "<object> <nominal>" ("we estimate ejection fraction" -> ejection fraction
        estimation), when no label or object class names it: ``we`` (one adverb may stand
        between) right before the verb, an object of plain words only
        (:func:`title_object_words`) ending the phrase (GUIDELINES task: a separate
        lower-case task when no canonical label covers it). The span runs from the verb over
        the object, the surface the paper writes. A name right before an "-s" verb is the
        paper's system as subject (:func:`named_subject_before`: "EchoBank estimates ejection
        fraction"); a capability ("can estimate", "able to estimate") has neither before it."""
        if not own_subject_before(
            token_lowers(doc), verb, self._past_subjects
        ) and not named_subject_before(doc, verb):
            return None
        last = own_object_end(
            token_lowers(doc),
            first,
            object_phrase_end(doc, first, min(len(doc), first + MAX_TITLE_OBJECT + 1), stop),
        )
        object_words = span_words(doc, first, last)
        if not object_words or s_form_opener(object_words[-1]):
            return None  # "we extract tile embeddings": things acted on, not a task's object
        if any(not tok.text.islower() for tok in doc[first:last]):
            return None  # "matches U-Sleep", "predict EGFR status": a name or an acronym
        words = title_object_words(object_words, self.not_modifier)
        if words is None or names_setting(nominal, words[-1], self._item_heads):
            return None
        if opens_content_clause(token_lowers(doc), last):
            return None  # "we produce evidence that ...": a claim's noun, not a task's object
        if not names_a_quantity(words, self._degree_modifiers, self.names_metric):
            return None  # "we estimate sensitivity", "we identify substantial variation"
        return ConceptMatch(
            verb,
            last,
            rule["type"],
            normalize_key(" ".join([*words, nominal])),
            self.confidence["pattern"],
            OWN_VERB_RULE + FURTHER_TASK if adds_a_task(token_lowers(doc), verb) else OWN_VERB_RULE,
        )

    def _title_gerund_task(
        self, doc: Doc, rule: dict[str, Any], nominal: str, verb: int, stop: frozenset[str]
    ) -> ConceptMatch | None:
        """A title that opens with a task verb in "-ing" and its object names the paper's own
        task, "<object> <nominal>" ("Estimating Bone Age from Hand Radiographs" -> bone age
        estimation; "Detecting Shortcuts in Medical Images" -> shortcut detection), when no
        label or object class names it (GUIDELINES task: a separate lower-case task when no
        canonical label covers it)."""
        end_of_title = title_end(doc)
        if verb >= end_of_title or not doc[verb].lower_.endswith("ing"):
            return None  # no title (0), or the verb is the abstract's
        first = verb + 1
        last = object_phrase_end(doc, first, min(end_of_title, first + MAX_TITLE_OBJECT + 1), stop)
        words = title_object_words(span_words(doc, first, last), self.not_modifier)
        if words is None or names_setting(nominal, words[-1].lower(), self._item_heads):
            return None  # "Screening Mammography at ...": the programme, as in a compound
        return ConceptMatch(
            verb,
            last,
            rule["type"],
            normalize_key(" ".join([*words, nominal])),
            self.confidence["pattern"],
            "pattern:title_task",
        )

    def _verb_object_rule(self, doc: Doc, start: int, nominal: str, key: str, first: int) -> str:
        """The rule name of a verb-object label ("forecast in-hospital mortality" -> mortality
        prediction): ``pattern:task_by_object`` (one mention asserts it) when the object class
        names the same canonical task too (an outcome predicted: disease prediction) and the
        verb states no capability; else ``pattern:verb_object`` (weak: a lone mention is an
        ad-hoc phrase, "generate responses"). A verb that states the paper's aim ("our aim is to
        learn representations", :func:`goal_before`) asserts its label too."""
        if capability_before(doc, start, self.capability_cues, tested=self.tested_cues):
            return "pattern:verb_object"
        if goal_before(doc, start, self.goal_cues):
            return "pattern:task_by_object"  # the stated aim: the paper's own task
        if nominal not in self._object_nominals:
            return "pattern:verb_object"
        end = self.reach_end(doc, first)
        last = object_phrase_end(doc, first, end, self._verb_stop.get("verb_object", frozenset()))
        found_rule = object_rule(
            nominal,
            reach_words(doc, first, last),
            self.object_rules,
            image=partial(self.image_in_reach, doc, first, end),
            reach=reach_words(doc, last, end),
            lead=horizon_lead(doc, start, first),
        )
        if found_rule is not None and found_rule.task == key:
            return "pattern:task_by_object"
        return "pattern:verb_object"

    def scored_measure_matches(
        self,
        doc: Doc,
        hits: Sequence[tuple[int, int, int]] | None = None,
        evaluated: frozenset[str] = frozenset(),
    ) -> list[ConceptMatch]:
        """Measures named by the score the text gives them ("a utility score of 4.2", "an
        attack success rate of 12%", "12.5% hallucination rate"): '<modifiers> <measure
        head>' with a number right after it (or after a value word: "of", "=", "was"), right
        before it, or, for a row with ``clause_score``, closing the measure's clause ("the
        agreement rate with experts was 87%": :func:`clause_states_score`). A phrase that is a
        vocabulary label is that metric; another is a metric of its own words (GUIDELINES: a
        named evaluation measure). For a row with ``system_sentence``, the measure's sentence
        must speak of a system (:func:`speaks_of_system`), or the measure be one the Doc
        evaluates elsewhere (``evaluated``: keys of measures listed after an evaluation cue;
        or a measure of this kind kept in another sentence)."""
        out: list[ConceptMatch] = []
        unsure: list[ConceptMatch] = []
        bounds: list[tuple[int, int]] | None = None
        hits = self._measure_heads(doc) if hits is None else hits
        cue_id = doc.vocab.strings[MEASURE_CUE_ID]
        cue_ends = [end for match_id, _start, end in hits if match_id == cue_id]
        for match_id, _start, end in hits:
            rule_id = doc.vocab.strings[match_id]
            if rule_id == MEASURE_CUE_ID:
                continue
            rule = self._rule_by_id[rule_id]
            head = end - 1
            nxt = _neighbour(doc, end)
            if nxt is not None and nxt.lower_ in self._verb_next.get(rule["id"], frozenset()):
                continue  # "the model scores a ROUGE-2 of 0.19": "scores" is the verb;
                # "the latency period of the infection was 8 weeks": "period" is the head
            first = extend_left(
                doc,
                head,
                stop=self._modifier_stop.get(rule["id"], self.not_modifier),
                max_words=int(rule.get("max_modifiers", 3)),
                stop_suffixes=tuple(rule.get("stop_suffixes", ())),
                hyphenated=bool(rule.get("hyphenated")),
                sentence_openers=bool(rule.get("sentence_openers")),
            )
            if doc[head].lower_ in self._eponym_heads.get(
                rule["id"], frozenset()
            ) and eponym_before(doc, first, self._modifier_stop.get(rule["id"], self.not_modifier)):
                first -= 1  # "a Fréchet audio distance (FAD) of 3.2": the eponym opens it
            if first == head and named_measure_before(doc, head):
                # "a GREEN score of 0.34": a measure written as a name, not a lower-case word
                if named_once(doc, head - 1, frozenset(t.text for t in doc[head : head + 1])):
                    first = head - 1
            not_after = self._not_after.get(rule["id"])
            if not_after and bodily_latency(token_texts(doc)[max(0, head - 2) : head], not_after):
                continue  # "sleep onset latency was 14 minutes": the patient's, no measure
            lone = first == head and bool(rule.get("lone_head"))  # "a latency of 2.8 s"
            if not lone and (
                first == head or not any(t.lower_ not in self.generic for t in doc[first:head])
            ):
                continue  # a bare "score", or "mean score": no name of a measure
            following = nxt.text if nxt is not None else ""
            if plural_subject_of_score(
                doc[head - 1].text, doc[head].text, following, self._value_words[rule["id"]]
            ):
                continue  # "the readers score 88%": "score" is the verb
            cut_end = past_cut_off(doc, end)
            anchor = head
            cued_short = False
            units = self._value_units.get(rule["id"])
            if units is not None:
                if not duration_follows(token_lowers(doc), end, units):
                    continue  # "the time of day was 3 in 5 cases": no duration bound to it
            elif not (
                scored_after(doc, past_short_form(doc, cut_end), self._value_words[rule["id"]])
                or number_before(doc, first)
                or (rule.get("clause_score") and clause_states_score(doc, end))
            ):
                if past_short_form(doc, cut_end) == cut_end:
                    continue
                valued = short_form_scored(
                    doc, doc[cut_end + 1].text, cut_end + 1, self._value_words[rule["id"]]
                )
                if valued < 0:
                    continue
                anchor = valued  # the system is spoken of where the short form is valued
                if short_form_cued(token_texts(doc), doc[cut_end + 1].text, cue_ends):
                    cued_short = True  # "The primary outcome was ADR": the paper's measure
                # a measure defined for later use often opens its sentence ("Adenoma miss
                # rate (AMR) is ..."): its capitalised first word is part of its name
                first = min(
                    first,
                    extend_left(
                        doc,
                        head,
                        stop=self._modifier_stop.get(rule["id"], self.not_modifier),
                        max_words=int(rule.get("max_modifiers", 3)),
                        stop_suffixes=tuple(rule.get("stop_suffixes", ())),
                        hyphenated=bool(rule.get("hyphenated")),
                        sentence_openers=True,
                    ),
                )
            if rater_agreement(token_lowers(doc)[first:end]):
                continue
            paper_words = self._paper_words.get(rule["id"])
            if paper_words is not None and not paper_speaks_of(token_lowers(doc), paper_words):
                continue  # "content validity of 0.92" of a questionnaire: nothing generated
            system_words = self._system_words.get(rule["id"])
            kept = out
            if system_words is not None and not cued_short:
                bounds = sentence_bounds(doc) if bounds is None else bounds
                lo, hi = sentence_of(bounds, anchor)
                if not speaks_of_system(token_lowers(doc)[lo:hi], system_words) and not any(
                    name_shaped(t) for t in token_texts(doc)[lo:hi]
                ):
                    kept = unsure  # "the survey had a completion rate of 88%": the study's
            # the phrase, else its modifiers alone, may be a vocabulary metric ("precision score")
            found = self.lookup(doc[first:end].text) or self.lookup(doc[first:head].text)
            if found is not None and found[0] == rule["type"]:
                key, confidence = found[1], self.confidence["compound_known"]
            else:
                words = list(token_texts(doc)[first:end])  # no Token objects (speed)
                key = (
                    normalize_key(words[0])  # "a MEDCON score": the measure MEDCON
                    if score_named_by_modifier(words)
                    else phrase_key(words, self.generic)
                )
                confidence = float(rule.get("confidence", 0.6))
            # the cut-off is part of the mention ("enrichment factor at 1%"), not of the key
            kept.append(
                ConceptMatch(first, cut_end, rule["type"], key, confidence, f"pattern:{rule['id']}")
            )
        if unsure:
            evaluated = evaluated | {m.key for m in out}
            out += [m for m in unsure if m.key in evaluated]
        return out

    def cued_measure_matches(
        self, doc: Doc, hits: Sequence[tuple[int, int, int]] | None = None
    ) -> list[ConceptMatch]:
        """Measures listed after an evaluation cue ("measured with the refusal rate and
        latency", "in terms of inference time and memory usage", "metrics such as the
        weighted interval score"): each item :func:`cued_measure_items` finds, the vocabulary
        metric it spells or a metric of its own words (GUIDELINES: a named evaluation
        measure); an item holding a patient, data or setting word ("in terms of heart rate")
        names none."""
        cue_id = doc.vocab.strings[MEASURE_CUE_ID]
        cue_hits = self._measure_heads(doc) if hits is None else hits
        cue_ends = sorted({end for match_id, _start, end in cue_hits if match_id == cue_id})
        if not cue_ends:
            return []
        lowers = token_lowers(doc)
        out: list[ConceptMatch] = []
        for end in cue_ends:
            for first, last in cued_measure_items(
                lowers,
                end,
                self._cued_heads,
                self._lone_heads,
                self._item_breakers,
                self._cohort_counted,
            ):
                if rater_agreement(lowers[first:last]):
                    continue
                if any(w in self._not_measure for w in lowers[first:last]):
                    continue
                found = self.lookup(doc[first:last].text)
                if found is not None and found[0] != "metric":
                    continue
                key = found[1] if found else phrase_key(lowers[first:last], self.generic)
                out.append(
                    ConceptMatch(
                        first,
                        last,
                        "metric",
                        key,
                        CUED_MEASURE_CONFIDENCE,
                        "pattern:cued_measure",
                    )
                )
        # the same words elsewhere name the same measure ("... did not differ (9.8% vs 9.1%)")
        taken = {(m.start, m.end) for m in out}
        for m in list(out):
            for first in repeated_phrase(lowers, m.start, m.end):
                if (first, first + m.end - m.start) not in taken:
                    taken.add((first, first + m.end - m.start))
                    out.append(
                        ConceptMatch(
                            first,
                            first + m.end - m.start,
                            "metric",
                            m.key,
                            CUED_MEASURE_CONFIDENCE,
                            "pattern:cued_measure",
                        )
                    )
        return out

    def token_rule_matches(self, doc: Doc, text: str | None = None) -> list[ConceptMatch]:
        """One-token metrics at a cut-off or a threshold ("nDCG@10", "R@5", "mAP@0.5",
        "AP50") mapped by their prefix."""
        out: list[ConceptMatch] = []
        # each token rule names the text its tokens hold ("@", "AP"); skip the slow REGEX
        # matcher when the text holds none of them
        if text is not None:
            if not any(cue in text for cue in self._token_cues):
                return out
        else:
            strings = doc.vocab.strings
            if not any(
                cue in strings[int(h)]
                for h in numpy.unique(doc.to_array("ORTH"))
                for cue in self._token_cues
            ):
                return out
        for match_id, start, end in self._token_rules(doc):
            rule = self._rule_by_id[doc.vocab.strings[match_id]]
            key = metric_at_k_key(
                doc[start].text,
                rule.get("prefix_concepts", {}),
                rule.get("threshold_concepts"),
            )
            if key:
                out.append(
                    ConceptMatch(
                        start,
                        end,
                        rule["type"],
                        key,
                        float(rule.get("confidence", 0.85)),
                        f"pattern:{rule['id']}",
                    )
                )
        return out

    def listed_measure_matches(
        self,
        doc: Doc,
        matches: Sequence[ConceptMatch],
        hits: Sequence[tuple[int, int, int]],
        bounds: Sequence[tuple[int, int]] | None = None,
    ) -> list[ConceptMatch]:
        """Names of measures the vocabulary does not hold, by their form or their place
        (branch metrics16): a name closing in "Score" glued to its stem ("RaTEScore",
        :func:`score_compound`), and a name listed among metrics (:func:`listed_measure_names`);
        every mention of such a name in the Doc is the metric, so none is read as a model."""
        metric_spans = [(m.start, m.end) for m in matches if m.type == "metric"]
        texts = token_texts(doc)
        # a glued "...Score" needs "Score" in the text: most abstracts skip the scan (speed16b)
        compounds = (
            {t for t in texts if "Score" in t and score_compound(t)}
            if "Score" in text_of(doc)
            else set()
        )
        if len(metric_spans) < 2 and not compounds:
            return []
        covered = {t for m in matches for t in range(m.start, m.end)}

        def free_name(i: int) -> bool:
            word = texts[i]
            if i in covered or not measure_name_shaped(word):
                return False
            found = self.lookup(word)
            return found is None or found[0] == "metric"

        # only a token beside a joiner can be listed or link a list (speed16b)
        candidates = [False] * len(texts)
        for i in beside_list_joiner(texts):
            candidates[i] = (
                free_name(i)
                and not after_place_preposition(texts, i)
                and not heads_another_kind(texts, i, self.not_measure_heads)
                and not adjectival_compound(texts[i])
            )
        cue_id = doc.vocab.strings[MEASURE_CUE_ID]
        cue_ends = sorted(end for match_id, _s, end in hits if match_id == cue_id)
        bounds = sentence_bounds(doc) if bounds is None else bounds
        cued = [False] * len(texts)
        for end in cue_ends:
            _a, b = sentence_of(bounds, end - 1)
            for i in range(end, b):
                cued[i] = True
        names = {texts[i] for i in listed_measure_names(texts, metric_spans, candidates, cued)}
        # "We developed CardioScore, a model that ...": a system named "...Score"
        systems = {
            t for i, t in enumerate(texts) if t in compounds and introduced_as_system(texts, i)
        }
        names |= {t for t in compounds - systems if free_name(texts.index(t))}
        if not names:
            return []
        return [
            ConceptMatch(
                i,
                i + 1,
                "metric",
                normalize_key(w),
                LISTED_MEASURE_CONFIDENCE,
                "pattern:listed_measure",
            )
            for i, w in enumerate(texts)
            if w in names and i not in covered
        ]

    def tool_metric_matches(self, doc: Doc) -> list[ConceptMatch]:
        """A metric word qualified by the name of the tool that computes it ("RadGraph F1",
        "CheXbert F1"): one mention over both words, of the metric :func:`tool_metric_key`
        decides (the head's: a variant of F1 is F1). A name the paper also writes
        alone (a model whose F1 it reports) or that is another kind of concept ("NER F1")
        gives nothing here."""
        out: list[ConceptMatch] = []
        text = text_of(doc)
        # most abstracts hold no head word at all: test the text before reading its words
        rules = [
            (r, heads) for r, heads in self._tool_heads.items() if any(h in text for h in heads)
        ]
        words = token_texts(doc) if rules else []
        for rule_id, heads in rules:
            rule = self._rule_by_id[rule_id]
            for i, word in enumerate(words):
                if word not in heads or i == 0 or not is_measure_name(words[i - 1]):
                    continue
                if not named_once(doc, i - 1, heads):
                    continue
                found = self.lookup(doc[i - 1].text)
                if found is not None and found[0] != rule["type"]:
                    continue
                key = tool_metric_key(
                    found[1] if found else None,
                    self.lookup(word),
                    rule["type"],
                    doc[i - 1 : i + 1].text,
                )
                out.append(
                    ConceptMatch(
                        i - 1,
                        i + 1,
                        rule["type"],
                        key,
                        self.confidence["compound_known"],
                        f"pattern:{rule_id}",
                    )
                )
        return out

    def _compound(
        self,
        doc: Doc,
        rule: dict[str, Any],
        start: int,
        end: int,
        long_forms: dict[str, str] | None = None,
    ) -> ConceptMatch | None:
        head = end - 1
        first = extend_left(
            doc,
            head,
            stop=self._modifier_stop.get(rule["id"], self.not_modifier),
            max_words=int(rule.get("max_modifiers", 3)),
            stop_suffixes=self._stop_suffixes[rule["id"]],
            keep=self._keep_words[rule["id"]],
            skip_defined=rule["type"] == "task",
            sentence_openers=rule["type"] == "task",
        )
        # token texts from the Doc's arrays, not Token objects (issue 15: speed)
        texts, lowers = token_texts(doc), token_lowers(doc)
        first = joined_participle(
            lowers, first, self._preparation_participles, self._preparation_nouns
        )
        key_words: list[str] | None = None
        if (
            rule["type"] == "task"
            and first > 0
            and self._quantity_heads
            and acronym_of_quantity(
                texts[first - 1],
                (long_forms or {}).get(texts[first - 1]),
                self._quantity_heads,
            )
        ):
            # "TMTV extraction": the acronym of a measured quantity is the head's object; the
            # key is the long form's ("total metabolic tumor volume extraction")
            first -= 1
            key_words = [*(long_forms or {})[texts[first]].split(), *texts[first + 1 : end]]
        if first == head or texts[first] == "(":
            return None
        words = without_defined(list(texts[first:end]))
        nxt = _neighbour(doc, end)
        if closes_into_name(
            words, nxt.text if nxt is not None else None, self.name_ends
        ) and first >= title_end(doc):
            # "the National Lung Screening Trial", "Cervical Image Bank": part of a name (a
            # title-case title capitalises every word: "... Breast Cancer Screening Program")
            return None
        # the longest suffix that is a vocabulary label decides the concept ("temporal relation
        # extraction" -> relation extraction); single-word suffixes only for absorbing heads.
        for i in range(first, head):
            if texts[i] in {"(", ")"} or (i > first and texts[i - 1] == "("):
                continue  # "(AF) detection" is no suffix of "atrial fibrillation (AF) detection"
            found = self.lookup(span_text(doc, i, end))
            if found and found[0] == rule["type"]:
                if all(w in self.generic for w in lowers[first:i]) or i < head:
                    return ConceptMatch(
                        first,
                        end,
                        rule["type"],
                        found[1],
                        self.confidence["compound_known"],
                        f"pattern:{rule['id']}",
                    )
        head_l = lowers[head]
        if rule["type"] == "modality":
            return self._image_kind(doc, rule, first, head, end)
        image_task = rule.get("image_modality_heads", {}).get(head_l)
        if image_task and self._names_image_modality(doc, first, head):
            # "synthetic chest radiograph generation" -> image generation (issue 3)
            return ConceptMatch(
                first,
                end,
                rule["type"],
                image_task,
                self.confidence["compound_known"],
                f"pattern:{rule['id']}",
            )
        nominal = singularize(head_l)
        if nominal in self._object_nominals:
            # "polyp localisation", "thyroid nodule classification" beside an image word
            key = task_by_object(
                nominal,
                reach_words(doc, first, head),
                self.object_rules,
                image=lambda: (
                    self.image_in_reach(doc, first - 1, head)
                    or self.image_in_reach(doc, end, self.reach_end(doc, end))
                ),
            )
            if key is not None:
                return ConceptMatch(
                    first,
                    end,
                    rule["type"],
                    key,
                    self.confidence["compound_known"],
                    f"pattern:{rule['id']}",
                )
        absorb = rule.get("absorb_heads", {})
        if head_l in absorb:
            return ConceptMatch(
                first,
                end,
                rule["type"],
                absorb[head_l],
                self.confidence["compound_known"],
                f"pattern:{rule['id']}",
            )
        title_heads = self._title_task_heads[rule["id"]]
        if head_l in self._strict_heads[rule["id"]] and not strict_head_names_task(
            head_l,
            nxt.lower_ if nxt is not None else None,
            head_l in title_heads and end <= title_end(doc),  # the title's end only when needed
            title_heads,
            lowers[head - 1] if head > first else "",
            self._title_kind_suffixes[rule["id"]],
        ):
            return None
        content = [
            k for k in range(first, head) if lowers[k] not in self.generic and texts[k] != "-"
        ]
        if not content or s_form_opener(texts[first]):
            return None
        if any(
            modifier_is_task_head(
                lowers[k], k == head - 1, rule["heads"], self._strict_heads[rule["id"]]
            )
            for k in content
        ):
            # a task noun modifying another ("retrieval grounding", "Retrieval Augment
            # Generation") names how a method works, not a task of the paper's; known pairs
            # ("question answering") are vocabulary labels and were matched above
            return None
        if nxt is not None and nxt.lower_ in self._free_block_next.get(rule["id"], frozenset()):
            return None
        # "International Classification of Diseases": part of a name
        if opens_proper_name(list(texts[first : end + 2]), end - first):
            return None
        if names_doer(lowers[head - 1], self._doers):
            return None  # "before clinician recognition": the act of a person, not a task
        if names_setting(head_l, lowers[head - 1], self._item_heads):
            return None  # "mammography screening", "community screening": a setting
        if first > 0 and lowers[first - 1] in self._no_task_before:
            # "the model's phase predictions": its output; "masked signal reconstruction": a
            # pretraining objective; neither is a task of the paper
            return None
        return ConceptMatch(
            first,
            end,
            rule["type"],
            phrase_key(key_words or words, self.generic),
            self.confidence["pattern"],
            f"pattern:{rule['id']}",
        )

    def _image_kind(
        self, doc: Doc, rule: dict[str, Any], first: int, head: int, end: int
    ) -> ConceptMatch | None:
        """'<kind> images': the modality its modifiers name ("endoscopy images", "fundus
        photos"), else the free phrase "<kind> image" ("aerial images")."""
        nxt = _neighbour(doc, end)
        if nxt is not None and nxt.lower_ in self._block_next.get(rule["id"], frozenset()):
            return None  # "global image features", "image encoder": not image data
        for a in range(first, head):
            found = self.lookup(doc[a:head].text)
            if found and found[0] == "modality":
                return ConceptMatch(
                    first,
                    end,
                    "modality",
                    found[1],
                    self.confidence["compound_known"],
                    f"pattern:{rule['id']}",
                )
        content = [t for t in doc[first:head] if t.lower_ not in self.generic and t.text != "-"]
        if not content:
            return None
        words = list(token_texts(doc)[first:end])  # no Token objects (speed)
        return ConceptMatch(
            first,
            end,
            "modality",
            phrase_key(words, self.generic),
            self.confidence["pattern"],
            f"pattern:{rule['id']}",
        )

    def _names_image_modality(self, doc: Doc, first: int, head: int) -> bool:
        """Whether some word run in ``doc[first:head]`` is an imaging modality label, or the
        word before it names one as a prefix ("Ultrasound-based thyroid nodule ...")."""
        if first > 0 and self.names_image(doc[first - 1].text):
            return True
        for a in range(first, head):
            for b in range(head, a, -1):
                found = self.lookup(doc[a:b].text)
                if found and found[0] == "modality" and found[1] not in self.non_image_modalities:
                    return True
        return False

    def _named_task(self, doc: Doc, rule: dict[str, Any], cue: int) -> ConceptMatch | None:
        if cue == 0:
            return None
        end = cue
        last = doc[end - 1]
        if last.lower_ in self.not_modifier or not last.is_alpha or not last.is_lower:
            return None
        if not last.lower_.endswith(tuple(rule.get("nominal_suffixes", ()))):
            return None
        first = extend_left(
            doc, end - 1, stop=self.not_modifier, max_words=int(rule.get("max_modifiers", 4)) - 1
        )
        forbidden = expand_wordlist(rule.get("single_word_forbidden"), self.wordlists)
        if first == end - 1 and last.lower_ in forbidden:
            return None
        words = list(token_texts(doc)[first:end])  # no Token objects (speed)
        found = self.lookup(doc[first:end].text)
        if found and found[0] == rule["type"]:
            return ConceptMatch(
                first,
                end,
                rule["type"],
                found[1],
                self.confidence["compound_known"],
                f"pattern:{rule['id']}",
            )
        content = [t for t in doc[first:end] if t.lower_ not in self.generic and t.text != "-"]
        if not content:
            return None
        return ConceptMatch(
            first,
            end,
            rule["type"],
            phrase_key(words, self.generic),
            self.confidence["pattern"],
            f"pattern:{rule['id']}",
        )

    def drop_defined_otherwise(
        self,
        doc: Doc,
        matches: list[ConceptMatch],
        abbreviations: dict[str, tuple[str, str] | None],
    ) -> list[ConceptMatch]:
        """Drop matches built on a short form that the text defines as something else
        ("clinical trials (CT)" ... "CT images" is then not computed tomography). A match
        that names the same concept with the short form spelled out stays ("out-of-distribution
        (OOD)" ... "OOD detection" is out-of-distribution detection). Only a short form that is
        a vocabulary label on its own can mean something else: "International Classification
        of Diseases (ICD)" ... "ICD coding" stays clinical coding, since "ICD" alone names no
        concept."""
        if not abbreviations:
            return matches
        out = []
        long_forms: dict[str, str] | None = None
        for m in matches:
            if m.rule != "abbreviation":
                defined = [
                    abbreviations[t.text]
                    for t in doc[m.start : m.end]
                    if t.text in abbreviations and self.lookup(t.text) is not None
                ]
                if any(target is None or target != (m.type, m.key) for target in defined):
                    if long_forms is None:
                        long_forms = self.long_forms(doc)
                    if self.lookup(spell_out(doc, m.start, m.end, long_forms)) != (m.type, m.key):
                        continue
            out.append(m)
        return out

    def long_forms(self, doc: Doc) -> dict[str, str]:
        """Short form text -> the text of its long form, for the abbreviations of the Doc."""
        out: dict[str, str] = {}
        for short in doc._.abbreviations or []:
            long_form = getattr(short._, "long_form", None)
            if long_form is not None:
                out[short.text] = long_form.text
        return out

    def apply_doc_rules(self, matches: list[ConceptMatch]) -> list[ConceptMatch]:
        """Document-level rules of the gates file (e.g. "3D volume" only without another
        image modality: a report or a note beside the volumes names no more specific kind of
        image, GUIDELINES modality)."""
        drop = {
            (g.type, g.concept): g.drop_if_any_other for g in self.gates if g.drop_if_other_of_type
        }
        if not drop:
            return matches
        present: dict[str, set[str]] = {}
        for m in matches:
            present.setdefault(m.type, set()).add(m.key)
        return [
            m
            for m in matches
            if (m.type, m.key) not in drop
            or not gives_way(
                m.type, m.key, present[m.type], self.image_keys, any_other=drop[(m.type, m.key)]
            )
        ]
