"""Role of a name: does the paper introduce it, or only use it? (issue 3, deliverable 3)

A mention is *introduced* when the paper itself creates it: "we introduce/present/propose/
release X", "This paper introduces X", "the creation of X", "our X", "the proposed X", "a model
named X", "X, a novel ...", "X is proposed in this work". The title prefix ("X: ...") is handled
by the caller. Everything else is *used*.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.cues import fronted_clause
from kg.nlp.components.wordlists import wordlist

if TYPE_CHECKING:
    from kg.nlp.components.names.units import Unit

_DETERMINERS = wordlist("roles_wordlists", "determiners")
_BE = wordlist("roles_wordlists", "be")
#: the paper as the agent of a passive ("X is proposed here"); "this" counts only with its noun
#: ("in this paper"), not in "X was proposed for this task"
_PASSIVE_SUBJECTS = wordlist("roles_wordlists", "passive_subjects")
#: words that make the verb after them the subject's too: "we collect and release X", "we
#: assemble data to create X", "we show this by releasing X"
_VERB_JOINERS = wordlist("roles_wordlists", "verb_joiners")
_BRACKETS = frozenset({",", "("})
#: words that start or join clauses: modifiers of a head noun never include them
_CLAUSE_WORDS = wordlist("roles_wordlists", "clause_words")
#: lower-case modifiers allowed between "our" and a head noun whose examples follow
_LISTED_MODIFIERS = 2
_LIST_INTRODUCERS = wordlist("roles_wordlists", "list_introducers")
#: prepositions inside the long form of an acronym defined in brackets ("we propose Repeated
#: Cross-Validations for label noise estimation (ReCoV)"): they do not end the scan there
_LONG_FORM_WORDS = wordlist("roles_wordlists", "long_form_words")


def states_the_act(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether an introduce verb ("release", "open-source", "developed") preceded by the words
    ``before`` (lower case, same sentence, nearest last) states the paper's own act: the paper
    is its subject ("we (also) release", "this paper presents"), it is coordinated with such a
    verb ("we collect and release", "to create", "by releasing"), or it opens the sentence.
    After anything else it is a participle modifying someone else's noun ("fine-tune
    open-source models X", "several released checkpoints", "the recently introduced X"; issue
    15, item 4). Adverbs between the
    subject and its verb are skipped ("-ly" words and ``act_adverb`` entries); an adverb dating
    the act to earlier work (``past_adverb``: "previously", "recently") makes it someone else's.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": "we"},
    ...     {"kind": "act_adverb", "text": "also"}, {"kind": "past_adverb", "text": "recently"}]},
    ...     parse_known_entities([]))
    >>> [states_the_act(w, lex) for w in (["we"], ["we", "also"], ["we", "fine-tune"], [])]
    [True, True, False, True]
    >>> states_the_act(["the", "recently"], lex), states_the_act(["we", "collect", "and"], lex)
    (False, True)
    """
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in lexicon.past_adverbs:
            return False
        if word in lexicon.act_adverbs or (word.endswith("ly") and len(word) > 4):
            continue
        return is_subject(before, i, lexicon) or word in _VERB_JOINERS
    return True


#: subjects that are the paper on their own; the others are nouns ("study", "work") that are
#: the paper only after a determiner ("this study presents X"), and verbs without one ("we
#: study publicly released models X"; issue 15, item 4)
_SUBJECT_PRONOUNS = wordlist("roles_wordlists", "subject_pronouns")
_SUBJECT_DETERMINERS = wordlist("roles_wordlists", "subject_determiners")


def is_subject(words: Sequence[str], i: int, lexicon: Lexicon) -> bool:
    """Whether ``words[i]`` (lower case) is the paper as a subject: a pronoun ("we", "here")
    or a ``subject`` noun after a determiner ("this study", "our work"), not the same word as
    a verb ("we study X").

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": t} for t in
    ...     ("we", "study", "work")]}, parse_known_entities([]))
    >>> [is_subject(w.split(), 1, lex) for w in ("this study", "our work", "we study",
    ...  "x we", "the study", "x works")]
    [True, True, False, True, True, False]
    >>> is_subject(["study"], 0, lex), is_subject(["we"], 0, lex)
    (False, True)
    """
    word = words[i]
    if word not in lexicon.subjects:
        return False
    return word in _SUBJECT_PRONOUNS or (i > 0 and words[i - 1] in _SUBJECT_DETERMINERS)


def made_by_others(after: Sequence[str]) -> bool:
    """Whether an apposition (the words ``after`` a name's comma, lower case) credits someone
    else with the name: "X, an open-source model developed by Meta" (issue 15, item 4). "by
    us" and "by the authors" are the paper's own; "from" is not an agent ("X, a new dataset
    from three hospitals" is the paper's).

    >>> made_by_others("an open-source model developed by meta".split())
    True
    >>> [made_by_others(t.split()) for t in ("a novel model proposed by us",
    ...  "a model built by the authors", "a new dataset from two hospitals")]
    [False, False, False]
    """
    for i, word in enumerate(after):
        if word == "by":
            return not by_the_paper(after[i + 1 : i + 3])
    return False


def by_the_paper(agent: Sequence[str]) -> bool:
    """Whether the (lower-case) words after "by" name the paper's authors: "us", "the
    authors", "our group", "our team" (issue 15, item 4).

    >>> [by_the_paper(a.split()) for a in ("us", "the authors", "our group", "meta", "the team")]
    [True, True, True, False, False]
    """
    return agent[:1] in (["us"], ["our"]) or list(agent[:2]) == ["the", "authors"]


#: "we make X (publicly) available": the paper releasing its own system (issue 15, item 4)
_MAKE_VERBS = wordlist("roles_wordlists", "make_verbs")
_AVAILABLE = wordlist("roles_wordlists", "available")
#: words that may stand between "make" and the name: "make the code and weights of X"
_RELEASE_FILLERS = wordlist("roles_wordlists", "release_fillers")


def made_available(before: Sequence[str], after: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the paper makes the name available: "we make the weights of X publicly
    available", "We make X available" (issue 15, item 4). ``before`` and ``after`` are the
    lower-case words of the sentence before and after the name (nearest first for
    ``after``, nearest last for ``before``). Between "make" and the name only determiners,
    released parts and "of"/"for"/"and" may stand ("we make use of X, available online" is
    not a release); "available" must follow within three words, adverbs between.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": "we"},
    ...     {"kind": "released_part", "text": "weights"}]}, parse_known_entities([]))
    >>> [made_available(b.split(), a.split(), lex) for b, a in (
    ...     ("we make the weights of", "publicly available"), ("we make", "available ."),
    ...     ("they make", "available"), ("we make use of", "available"),
    ...     ("we make", "and the code freely available"))]
    [True, True, False, False, False]
    """
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in _MAKE_VERBS:
            if not states_the_act(before[:i], lexicon):
                return False
            break
        if not (word in _DETERMINERS or word in lexicon.released_parts or word in _RELEASE_FILLERS):
            return False
    else:
        return False
    for word in after[:3]:
        if word in _AVAILABLE:
            return True
        if not (word.endswith("ly") or word in lexicon.act_adverbs):
            return False
    return False


def made_by_us(after: Sequence[str]) -> bool:
    """Whether an apposition (the words ``after`` a name's comma, lower case) credits the
    paper with the name: "X, a model developed by us", "X, built by the authors".

    >>> [made_by_us(t.split()) for t in ("a model developed by us", "a model built by the "
    ...  "authors", "a model developed by meta", "a model for us", "a tool built by our team")]
    [True, True, False, False, True]
    """
    for i, word in enumerate(after):
        if word == "by":
            return by_the_paper(after[i + 1 : i + 3])
    return False


def owned_by_marker(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the words ``before`` a mention (as written, same sentence, nearest last) mark
    it as the paper's own: an ``own_marker`` ("our", "the proposed") with up to four
    determiners, commas, brackets or head nouns between ("our new model X", "Our dataset
    (X)"), or, when a head noun stands right before the name ("model, X"), up to six lower-case
    modifiers of that noun as well ("our specialized clinical language model, X"; issue 15,
    item 4). A list introducer after the noun is skipped ("our models, including X"). A
    blocker ("our baselines, X"), a clause word, a capitalised word or a determiner ends the
    modifiers ("our model and the popular language model, GPT-4" is not ours).

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "own_marker", "text": "our"}],
    ...     "models": [{"kind": "head", "text": "model"}]}, parse_known_entities([]))
    >>> [owned_by_marker(w.split(), lex) for w in ("our model ,", "Our model (",
    ...     "our large clinical language model ,", "the large language model ,", "our large ,")]
    [True, True, True, False, False]
    """
    heads = lexicon.name_heads
    low = [w.lower() for w in before]
    i = len(low) - 1
    # "our models, including X", "our two models: X and Y"
    listed = True
    if i >= 1 and low[i] in _LIST_INTRODUCERS and (low[i - 1] in heads or low[i - 1] == ","):
        i -= 1
    elif i >= 2 and low[i - 1 :] == ["such", "as"]:
        i -= 2
    else:
        listed = False
    low, before = low[: i + 1], before[: i + 1]
    saw_head = False
    while (
        i >= 0
        and len(low) - i <= 4
        and (low[i] in _DETERMINERS or low[i] in _BRACKETS or low[i] in heads)
        and low[i] not in lexicon.role_blockers  # "our baselines, X": not ours
    ):
        saw_head = saw_head or low[i] in heads
        i -= 1
    if i >= 0 and low[i] in lexicon.own_markers:
        return True
    if not saw_head:
        return False
    # examples of a class ("LLMs such as X") are ours only when "our" is near the class: "our
    # fine-tuned models, including X", not "our evaluation covers open-source LLMs such as X"
    limit = i - (_LISTED_MODIFIERS if listed else 6)
    while (
        i > limit
        and i >= 0
        and before[i] == low[i]
        and low[i] not in lexicon.role_blockers
        and low[i] not in _DETERMINERS
        and low[i] not in _BRACKETS
        and low[i] not in lexicon.own_markers
        and low[i] not in _CLAUSE_WORDS
    ):
        i -= 1
    return i >= 0 and low[i] in lexicon.own_markers


def abbreviates_long_form(words: Sequence[str], first: int, last: int) -> bool:
    """Whether the name at ``words[first..last]`` stands alone in brackets after the words it
    abbreviates: "we propose Noise Estimation for Labels (NEL)", "we develop a data
    collection and linking system (X)". A bracket that lists names ("we write prompts for
    open-source models (X, Y)") is no long form (issue 15, item 4).

    >>> [abbreviates_long_form(w.split(), 2, 2) for w in ("Labels ( NEL )",
    ...  "models ( X , Y )", "system ( X )", "Labels X )", "Labels ( X")]
    [True, False, True, False, False]
    >>> abbreviates_long_form("( X )".split(), 1, 1), abbreviates_long_form("a , X )".split(), 2, 2)
    (False, False)
    """
    if first < 2 or last + 1 >= len(words):
        return False
    return words[first - 1] == "(" and words[last + 1] == ")"


#: participles that make a name the modifier of the noun after it: "a GPT-4o based
#: benchmark", "an LLM powered agent" (issue 15, item 4)
_MODIFIER_PARTICIPLES = wordlist("roles_wordlists", "modifier_participles")
#: words after such a participle that make the name its subject instead: "X based on Y"
_PARTICIPLE_PREPOSITIONS = wordlist("roles_wordlists", "participle_prepositions")


def modifies_the_next_noun(after: Sequence[str]) -> bool:
    """Whether a name followed by the words ``after`` (lower case, nearest first) only
    modifies the noun after it: "GPT-4o based medical benchmark", "LLM powered agent". "X
    based on Y" keeps X as the head.

    >>> [modifies_the_next_noun(a.split()) for a in ("based medical", "powered agent",
    ...  "based on", "based", "model based", "driven by")]
    [True, True, False, True, False, False]
    """
    if not after or after[0] not in _MODIFIER_PARTICIPLES:
        return False
    return len(after) < 2 or after[1] not in _PARTICIPLE_PREPOSITIONS


def counts_next(units: Sequence[Unit], j: int) -> bool:
    """Whether the unit after ``j`` is a count ("of 70,000 dialogues", "of 1.2M images")."""
    return j + 1 < len(units) and units[j + 1].text[:1].isdigit()


def opens_participle_clause(words: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the last of ``words`` (lower case) is an "-ing" participle right after a
    comma, other than an introduce verb: it opens a clause of its own, whose object is not
    what the verb before the comma made ("we build data, enabling the X model to ..."; issue
    15, item 4). "..., releasing X" is still the act.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "introduce_verb", "text": "releasing"}]},
    ...     parse_known_entities([]))
    >>> [opens_participle_clause(w.split(), lex) for w in (", enabling", ", releasing",
    ...  "data enabling", ", ring", "enabling")]
    [True, False, False, False, False]
    """
    if len(words) < 2 or words[-2] != ",":
        return False
    word = words[-1]
    return len(word) > 5 and word.endswith("ing") and word not in lexicon.introduce_verbs


def opens_adverbial(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether a name after the words ``before`` (lower case, its sentence, nearest last)
    ends a sentence-opening adverbial: "Unlike X, our model ...", "Compared with X, ..." (a
    blocker right before the name, at most three words into the sentence). Its comma then
    opens the main clause, not an apposition (issue 15, item 4).

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "block", "text": t} for t in
    ...     ("unlike", "with", "and")]}, parse_known_entities([]))
    >>> [opens_adverbial(w.split(), lex) for w in ("unlike", "compared with", "as is with",
    ...  "we test a and", "we", "")]
    [True, True, True, False, False, False]
    """
    return 0 < len(before) <= 3 and before[-1] in lexicon.role_blockers


def adjective_after_to(previous: str, word: str, following: str, heads: frozenset[str]) -> bool:
    """Whether an introduce word after "to" is an adjective of the noun after it, not an
    infinitive: "we compare our model to open-source models X, Y" and "to released models
    X" (issue 15, item 4: a list of existing open-source models read as introduced). "to
    create X" and "to open-source X" stay the paper's act.

    >>> heads = frozenset({"models", "llms"})
    >>> [adjective_after_to(*w.split(), heads) for w in ("to open-source models",
    ...  "to released X", "to create X", "to open-source X", "and released models")]
    [True, True, False, False, False]
    """
    if previous != "to":
        return False
    return word.endswith("ed") or following in heads


def adjective_before_bracket(previous: str, following: str, lexicon: Lexicon) -> bool:
    """Whether an introduce word right before a bracket is an adjective of names listed in
    it: "proprietary (A, B) and open-source (X, Y) LLMs" (issue 15, item 4: a list of
    existing open-source models read as introduced). Only the paper as the word's subject
    makes it the act ("we release (i) X").

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": "we"}]},
    ...     parse_known_entities([]))
    >>> [adjective_before_bracket(p, f, lex) for p, f in (("and", "("), ("we", "("),
    ...  ("and", "models"))]
    [True, False, False]
    """
    return following == "(" and previous not in lexicon.subjects


def released_part_passive(before: Sequence[str], after: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether a released part of the name is said to be released or available: "the code
    and weights of X are publicly released", "checkpoints for X are available" (issue 15,
    item 4: the paper's own system). ``before`` are the lower-case words before the name
    (nearest last), ``after`` those after it (nearest first): a be-verb, at most one adverb,
    then an introduce verb or "available".

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "released_part", "text": "weights"},
    ...     {"kind": "introduce_verb", "text": "released"}]}, parse_known_entities([]))
    >>> [released_part_passive(b.split(), a.split(), lex) for b, a in (
    ...     ("the weights of", "are publicly released"), ("weights for", "are available"),
    ...     ("the weights of", "were used"), ("the authors of", "are released"),
    ...     ("weights of", "are not yet released"), ("weights", "are released"))]
    [True, True, False, False, False, False]
    """
    if (
        len(before) < 2
        or before[-1] not in {"of", "for"}
        or before[-2] not in lexicon.released_parts
    ):
        return False
    if not after or after[0] not in _BE:
        return False
    rest = list(after[1:])
    if rest and (rest[0].endswith("ly") or rest[0] in lexicon.act_adverbs):
        rest = rest[1:]
    return bool(rest) and (rest[0] in lexicon.introduce_verbs or rest[0] in _AVAILABLE)


def opens_with_phrase(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether a name after the words ``before`` (lower case, its whole sentence so far,
    nearest last) closes a sentence-opening phrase that a blocker starts and no comma or
    paper subject breaks: "Unlike earlier detectors such as A and X, our model ..." (issue
    15, item 4). Its comma then opens the main clause, not an apposition ("X, our model").

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "block", "text": "unlike"},
    ...     {"kind": "subject", "text": "we"}]}, parse_known_entities([]))
    >>> [opens_with_phrase(w.split(), lex) for w in ("unlike earlier detectors such as",
    ...  "unlike a , b", "unlike what we", "in this paper", "")]
    [True, False, False, False, False]
    """
    if not before or before[0] not in lexicon.role_blockers:
        return False
    return not any(w in {",", ";", ":"} or w in lexicon.subjects for w in before)


#: verbs that make a new system when the paper is their subject, but only name one in an
#: apposition ("we train a 3D encoder, X,"): "we train X" alone trains someone else's X
_TRAIN_VERBS = wordlist("roles_wordlists", "train_verbs")
#: verbs that make a new model of a noun phrase: "a model we fine-tuned from Y"
_MAKING_VERBS = _TRAIN_VERBS | frozenset({"fine-tuned", "finetuned", "fine-tune", "distilled"})
#: words of an apposition that do not tell whose the name is: "X, a 3D U-Net with residual
#: blocks, was trained"
_APPOSITION_FUNCTION_WORDS = wordlist("roles_wordlists", "apposition_function_words")
#: the most words an apposition between a name and its verb may have
_APPOSITION_WORDS = 20


def apposition_close(after: Sequence[str], lexicon: Lexicon) -> int:
    """Where the indefinite apposition opened right after a name's comma closes: the index
    of its closing comma in ``after`` (lower case, nearest first, the opening comma not
    included), or -1. It opens with "a"/"an", has at most twenty words and neither a clause
    word nor a word placing the name among others' ("an existing model", "a baseline").

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "block", "text": t} for t in
    ...     ("existing", "with")]}, parse_known_entities([]))
    >>> [apposition_close(w.split(), lex) for w in ("a 3d u-net with blocks , was",
    ...  "an existing model , was", "the model , was", "a model that learns , was", "a model")]
    [5, -1, -1, -1, -1]
    """
    if after[:1] not in (["a"], ["an"]):
        return -1
    for i, word in enumerate(after[:_APPOSITION_WORDS]):
        if word == ",":
            return i
        if word in _CLAUSE_WORDS or word in {";", ".", "which", "that"}:
            return -1
        if word in lexicon.role_blockers and word not in _APPOSITION_FUNCTION_WORDS:
            return -1
    return -1


def created_in_passive(after: Sequence[str], lexicon: Lexicon) -> str:
    """The verb by which a passive right after a name creates it, or "": a be-verb and an
    introduce or training verb, after an indefinite apposition when one stands between ("X,
    a 3D U-Net with residual blocks, was trained on ...", "X was developed on ..."; issue
    15, item 4: clinical abstracts name their own model so). The verb must not credit
    someone else ("was developed by Google"), nor the apposition (see :func:`apposition_close`).

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "introduce_verb", "text": "developed"},
    ...     {"kind": "block", "text": "by"}]}, parse_known_entities([]))
    >>> [created_in_passive(w.split(), lex) for w in (", a 3d net , was trained on",
    ...  "was developed on", "was developed by google", ", a net by google , was trained",
    ...  "was evaluated on", ", a net was trained", "is trained")]
    ['trained', 'developed', '', '', '', '', 'trained']
    """
    i = 0
    if after[:1] == [","]:
        close = apposition_close(after[1:], lexicon)
        if close < 0:  # "by" ends it: "X, a net built by Siemens, was trained" is not ours
            return ""
        i = close + 2
    if len(after) < i + 2 or after[i] not in _BE:
        return ""
    verb = after[i + 1]
    if verb not in _TRAIN_VERBS and verb not in lexicon.introduce_verbs:
        return ""
    return "" if made_by_others(after[i + 2 : i + 5]) else verb


#: prepositions allowed inside the noun phrase an apposition renames ("a model for X, Y,")
_NOUN_PHRASE_PREPOSITIONS = wordlist("roles_wordlists", "noun_phrase_prepositions")
_ARTICLES = wordlist("roles_wordlists", "articles")


def indefinite_apposition(before: Sequence[str], lexicon: Lexicon) -> int:
    """Where the indefinite article stands when a name renames a new noun phrase right
    before it: "a graph transformer for connectivity analysis, X" (``before`` as written,
    same sentence, nearest last; the last word is the comma). Returns the article's index in
    ``before``, or -1. The phrase is up to ten lower-case words (digits allowed: "3D"), with
    prepositions but no blocker ("an existing model, X"), clause word or capitalised name
    (issue 15, item 4: the paper's own system named in apposition).

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "block", "text": "existing"},
    ...     {"kind": "block", "text": "for"}]}, parse_known_entities([]))
    >>> [indefinite_apposition(w.split(), lex) for w in ("we train a 3D encoder ,",
    ...  "a model for brain analysis ,", "an existing model ,", "a model of BERT ,",
    ...  "the model ,", "a model", "a ,")]
    [2, 0, -1, -1, -1, -1, -1]
    """
    if len(before) < 3 or before[-1] != ",":
        return -1
    for i in range(len(before) - 2, max(len(before) - 13, -1), -1):
        word = before[i]
        low = word.lower()
        if low in _ARTICLES:
            return i if i < len(before) - 2 else -1
        if low in _NOUN_PHRASE_PREPOSITIONS:
            continue
        letters = [c for c in word if c.isalpha()]
        if (
            low in lexicon.role_blockers
            or low in _CLAUSE_WORDS
            or not letters
            or (any(c.isupper() for c in word) and not any(c.isdigit() for c in word))
        ):
            return -1
    return -1


def made_in_apposition(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the paper makes a new noun phrase that the name renames: "We pretrain a 3D
    encoder, X,", "We present a detector for kidney stones, X," (``before`` as written, same
    sentence, nearest last; an introduce verb or a training verb before the article). "We
    train BERT" has no apposition; "We fine-tune a language model, X," is not such a verb.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": "we"},
    ...     {"kind": "introduce_verb", "text": "present"}]}, parse_known_entities([]))
    >>> [made_in_apposition(w.split(), lex) for w in ("We train a 3D encoder ,",
    ...  "We present a tool for stones ,", "They train a model ,", "We fine-tune a model ,",
    ...  "We train BERT ,")]
    [True, True, False, False, False]
    """
    article = indefinite_apposition(before, lexicon)
    if article < 1:
        return False
    verb = article - 1
    if converted_into(before, article):
        verb = next(
            i
            for i in range(article - 2, max(0, article - 5) - 1, -1)
            if before[i].lower() in _MAKING_VERBS
        )
        return any(w.lower() in lexicon.subjects for w in before[:verb])
    # "we gather and process a large dataset, X": "and" joins the act of "gather"
    if (
        before[verb].lower() not in _TRAIN_VERBS
        and before[verb].lower() not in lexicon.introduce_verbs
        and not joined_to_act(before, verb, lexicon)
    ):
        return False
    return states_the_act([w.lower() for w in before[:verb]], lexicon) and any(
        w.lower() in lexicon.subjects for w in before[:verb]
    )


_MADE_HERE = wordlist("roles_wordlists", "made_here")
_NEWLY_MADE = wordlist("roles_wordlists", "newly_made")
_MADE_HERE_WORDS = 6


def renames_made_here(before: Sequence[str]) -> bool:
    """Whether the name renames, or follows, a noun phrase marked as made in this work: "an
    in-house model, X", "the resulting 3B model, X", "a newly curated set, X", "the newly
    assembled X archive" (``before`` lower case, same sentence, nearest last; up to six words
    back to the phrase's determiner). "a newly released model, X" was made by others.

    >>> [renames_made_here(w.split()) for w in ("an in-house model ,", "the resulting model ,",
    ...  "a newly curated set ,", "the newly assembled", "a newly released model ,",
    ...  "a public model ,", "the resulting scores , and we use", "in-house")]
    [True, True, True, True, False, False, False, False]
    """
    words = list(before[:-1]) if before and before[-1] == "," else list(before)
    for i in range(len(words) - 1, max(len(words) - 1 - _MADE_HERE_WORDS, -1), -1):
        w = words[i]
        if w in _DETERMINERS:
            return False
        if w in _CLAUSE_WORDS or not any(c.isalnum() for c in w):
            return False
        if i >= 1 and (w in _MADE_HERE or (words[i - 1] == "newly" and w in _NEWLY_MADE)):
            return any(x in _DETERMINERS for x in words[max(0, i - 2) : i])
    return False


_MADE_PRODUCTS = wordlist("roles_wordlists", "made_products")


def modifies_made_noun(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether a name right after "resulting" or "in-house" modifies a product noun after it
    (``made_products``): "the resulting PathoBERT embeddings", "the resulting KiTS23 subset"
    make the embeddings or the subset here, not the name (``before`` lower case, nearest
    last; ``after`` as written, nearest first). "the resulting X flagged ..." and "the
    resulting model, X" name what was made.

    >>> [modifies_made_noun(b.split(), a.split()) for b, a in (("the resulting", "embeddings"),
    ...  ("the resulting", "subset"), ("the resulting", "flagged"), ("the resulting", ","),
    ...  ("the resulting model ,", "embeddings"), ("the newly assembled", "subset"))]
    [True, True, False, False, False, False]
    """
    return (
        bool(before)
        and before[-1] in _MADE_HERE
        and after[:1] != []
        and (after[0].lower() in _MADE_PRODUCTS)
    )


def converted_into(before: Sequence[str], article: int) -> bool:
    """Whether the indefinite noun phrase at ``article`` is what the paper turns another model
    into: "we fine-tune X into a consultation agent, Y" (``before`` as written, nearest last;
    a making verb up to four words before "into").

    >>> [converted_into(w.split(), w.split().index("a")) for w in (
    ...  "we fine-tune Qwen2-7B into a triage agent ,", "we distilled it into a small model ,",
    ...  "we split notes into a training set ,", "we train a model ,")]
    [True, True, False, False]
    """
    if article < 2 or before[article - 1].lower() != "into":
        return False
    return any(w.lower() in _MAKING_VERBS for w in before[max(0, article - 5) : article - 1])


def joined_to_act(words: Sequence[str], i: int, lexicon: Lexicon) -> bool:
    """Whether the verb ``words[i]`` (any verb) is joined by "and" to an introduce verb right
    before it: "we gather and process a dataset, X", "we collect and clean X" (issue 15, item
    4: the first verb states the act for both).

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "introduce_verb", "text": "gather"}]},
    ...     parse_known_entities([]))
    >>> [joined_to_act(w.split(), 2, lex) for w in ("gather and process", "use and process",
    ...  "gather , process", "gather and process")] + [joined_to_act(["process"], 0, lex)]
    [True, False, False, True, False]
    """
    return i >= 2 and words[i - 1] == "and" and words[i - 2].lower() in lexicon.introduce_verbs


def relative_clause_by_us(after: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the apposition after a name's comma (``after``, lower case, nearest first)
    says the paper made it: "X, a pipeline that we release", "X, which we developed", "X, a
    network we designed" (issue 15, item 4). Other verbs ("which we use") and other subjects
    ("that they released") do not; the apposition ends at the next comma.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "introduce_verb", "text": "release"},
    ...     {"kind": "act_adverb", "text": "also"}]}, parse_known_entities([]))
    >>> [relative_clause_by_us(w.split(), lex) for w in ("a tool that we release",
    ...  "which we also release", "a tool we release", "which we use",
    ...  "a tool that they release", "a tool , that we release")]
    [True, True, True, False, False, False]

    A new noun phrase that "we" trained or fine-tuned is the paper's too ("X, a model we
    fine-tuned from Y"); the name renamed without an article was someone else's ("X, which
    we fine-tuned").

    >>> [relative_clause_by_us(w.split(), lex) for w in ("a model we fine-tuned from y",
    ...  "which we fine-tuned", "the model we fine-tuned", "a model we trained")]
    [True, False, False, True]
    """
    for i, word in enumerate(after[:10]):
        if word in {",", ";", "."}:
            return False
        if word == "we" and i > 0 and opens_relative(after[i - 1], lexicon):
            rest = [w for w in after[i + 1 : i + 4] if w not in lexicon.act_adverbs]
            # "X, a model we fine-tuned from Y": training makes a new noun phrase the paper's
            made = after[:1] in (["a"], ["an"]) and bool(rest) and rest[0] in _MAKING_VERBS
            return bool(rest) and (rest[0] in lexicon.introduce_verbs or made)
    return False


def opens_relative(word: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` (lower case) can stand right before the "we" of a relative clause:
    "that", "which", or the noun it modifies ("a tool we release"); not a conjunction or a
    preposition, which open a clause of their own ("X, and we release Y").

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "block", "text": "on"}]},
    ...     parse_known_entities([]))
    >>> [opens_relative(w, lex) for w in ("that", "which", "tool", "and", "on", "3d", "while")]
    [True, True, True, False, False, False, False]
    """
    if word in {"that", "which"}:
        return True
    return word.isalpha() and word not in _CLAUSE_WORDS and word not in lexicon.role_blockers


#: nouns for the paper's product in "Our contribution is X" (issue 15, item 4)
_OWN_WORK_NOUNS = wordlist("roles_wordlists", "own_work_nouns")


def own_work_is(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the name is what "our <work noun> is/was" states: "Our contribution is X",
    "our main contribution is X" (``before`` lower case, same sentence, nearest last; one
    modifier may stand between). "Our baseline is X" and "Our backbone is X" are not.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "own_marker", "text": "our"}]},
    ...     parse_known_entities([]))
    >>> [own_work_is(w.split(), lex) for w in ("our contribution is", "our main contribution is",
    ...  "our baseline is", "their approach is", "our contribution", "our very main model is")]
    [True, True, False, False, False, False]
    """
    if len(before) < 3 or before[-1] not in _BE or before[-2] not in _OWN_WORK_NOUNS:
        return False
    return before[-3] in lexicon.own_markers or (
        len(before) >= 4 and before[-4] in lexicon.own_markers and before[-3].isalpha()
    )


#: "In this work, X ...": a sentence opener that puts the paper's own frame on its subject
_FRAME_OPENERS = (("in", "this"), ("in", "the", "present"), ("here",), ("herein",))


def paper_frame_subject(before: Sequence[str], after: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether an unknown name is the subject right after "In this work," / "Here," and
    acts in the present: "In this work, X estimates ..." (``before``/``after`` lower case,
    same sentence; issue 15, item 4). A be-verb or "has" after the name ("In this work, X is
    fine-tuned") says nothing of whose X is; the caller checks that the name is not a
    well-known one.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": "work"}]},
    ...     parse_known_entities([]))
    >>> [paper_frame_subject(b.split(), a.split(), lex) for b, a in (("in this work ,",
    ...  "estimates"), ("here ,", "learns"), ("in this work ,", "is"), ("in a work ,",
    ...  "estimates"), ("in this work", "estimates"), ("in this work ,", "estimate"))]
    [True, True, False, False, False, False]
    """
    if len(before) < 2 or before[-1] != ",":
        return False
    opener = tuple(before[:-1])
    framed = opener in _FRAME_OPENERS[2:] or (
        opener[:-1] in _FRAME_OPENERS[:2] and opener[-1] in lexicon.subjects
    )
    if not framed or not after:
        return False
    verb = after[0]
    return verb.isalpha() and verb.endswith("s") and verb not in _BE and verb not in {"has", "was"}


#: phrasal verbs of the paper's act whose particle stands right before the name: "we put
#: forward X", "this paper sets forth X" (issue 15, item 4); the particle is not a verb alone
_PHRASAL_VERBS = wordlist("roles_wordlists", "phrasal_verbs")
_PHRASAL_PARTICLES = wordlist("roles_wordlists", "phrasal_particles")


def is_phrasal_act(previous: str, word: str) -> bool:
    """Whether ``word`` (lower case) is the particle of a phrasal verb that creates something,
    with ``previous`` the word before it: "put forward", "sets forth". "move forward" and a
    lone "forward" are not.

    >>> [is_phrasal_act(p, w) for p, w in (("put", "forward"), ("puts", "forth"),
    ...  ("move", "forward"), ("", "forward"), ("put", "on"))]
    [True, True, False, False, False]
    """
    return word in _PHRASAL_PARTICLES and previous in _PHRASAL_VERBS


#: the paper named in brackets right after a name: "X (ours)", "X (this work)"
_OWN_BRACKET_WORDS = wordlist("roles_wordlists", "own_bracket_words")


def own_in_brackets(after: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the words ``after`` a name (lower case, nearest first) credit the paper in a
    bracket of their own: "X (ours)", "X (proposed)", "X (this work)", "X (this paper)"
    (issue 15, item 4). "X (this dataset)" or "(Smith et al.)" do not.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": t} for t in
    ...     ("this", "work", "paper")]}, parse_known_entities([]))
    >>> [own_in_brackets(a.split(), lex) for a in ("( ours )", "( this work )",
    ...  "( proposed )", "( this dataset )", "( smith et al. )", "( ours", "ours )")]
    [True, True, True, False, False, False, False]
    """
    if len(after) < 3 or after[0] != "(":
        return False
    inside = []
    for word in after[1:5]:
        if word == ")":
            break
        inside.append(word)
    else:
        return False
    if len(inside) == 1:
        return inside[0] in _OWN_BRACKET_WORDS
    return len(inside) == 2 and inside[0] == "this" and inside[1] in lexicon.subjects


#: where an act is located in the paper itself: "introduced here", "proposed in this work"
_HERE = wordlist("roles_wordlists", "here")


def introduced_here(after: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether an apposition after a name's comma (``after``, lower case, nearest first) says
    the name was made in the paper: an introduce participle, within five words and before
    the next comma, located in the paper: "X, introduced here, ...", "X, proposed in this
    work, ...", "X, the detector developed in this study, ..." (issue 15, item 4). "X,
    introduced in 2019" or "X, a model released by Meta" are someone else's.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "introduce_verb", "text": t} for t in
    ...     ("introduced", "proposed", "developed")] + [{"kind": "subject", "text": t} for t in
    ...     ("this", "work", "study")]}, parse_known_entities([]))
    >>> [introduced_here(a.split(), lex) for a in ("introduced here ,", "proposed in this work",
    ...  "introduced in 2019", "proposed in the present work", "used here", "introduced",
    ...  "the detector developed in this study", "a model , developed here")]
    [True, True, False, True, False, False, True, False]
    """
    for i, word in enumerate(after[:6]):
        if word in {",", ";"}:
            return False
        if word in lexicon.introduce_verbs:
            return located_here(after[i + 1 : i + 5], lexicon)
    return False


def located_here(words: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether ``words`` (lower case) open with the paper as a place: "here", "herein", "in
    this work", "in the present study".

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": t} for t in
    ...     ("this", "work")]}, parse_known_entities([]))
    >>> [located_here(w.split(), lex) for w in ("here", "in this work", "in the present work",
    ...  "in this", "in this this", "in that work", "by us", "")]
    [True, True, True, False, False, False, False, False]
    """
    if not words:
        return False
    if words[0] in _HERE:
        return True
    place = list(words[1:4])
    if words[0] != "in" or not place:
        return False
    if place[:2] == ["the", "present"]:
        place = place[2:]
    elif place[0] == "this":
        place = place[1:]
    else:
        return False
    return bool(place) and place[0] in lexicon.subjects and place[0] != "this"


def trains_new_name(before: Sequence[str], after: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the paper trains the name and renames it in an indefinite apposition: "We
    train X, a transformer captioner for ..." (``before``/``after`` lower case, same
    sentence, nearest last / nearest first; issue 15, item 4). "We train X on notes" has no
    apposition; the caller keeps well-known names out ("We train BERT, a language model").

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": "we"}]},
    ...     parse_known_entities([]))
    >>> [trains_new_name(b.split(), a.split(), lex) for b, a in (("we train", ", a model"),
    ...  ("we pretrain", ", an encoder"), ("we train", "on notes"), ("they train", ", a model"),
    ...  ("we use", ", a model"), ("we train", ", the model"))]
    [True, True, False, False, False, False]
    """
    if not before or before[-1] not in _TRAIN_VERBS or list(after[:1]) != [","]:
        return False
    if len(after) < 2 or after[1] not in _ARTICLES:
        return False
    return states_the_act(before[:-1], lexicon) and any(w in lexicon.subjects for w in before[:-1])


def own_noun_apposition(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the name renames the paper's own noun right before it: "our summarizer, X",
    "Our compact captioner, X" (``before`` as written, same sentence, nearest last; one or
    two plain lower-case words between the own marker and the comma; issue 15, item 4). Head
    nouns ("our model, X") are read by :func:`owned_by_marker`; "our baseline, X" is not ours.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "own_marker", "text": "our"},
    ...     {"kind": "block", "text": "baseline"}]}, parse_known_entities([]))
    >>> [own_noun_apposition(w.split(), lex) for w in ("our summarizer ,", "Our small captioner ,",
    ...  "our baseline ,", "our summarizer", "their summarizer ,", "our very small captioner ,")]
    [True, True, False, False, False, False]
    """
    if len(before) < 3 or before[-1] != ",":
        return False
    return owned_with_adjectives(before[:-1], lexicon)


#: nouns of "Our contributions are: (i) X, ..., (ii) Y"
_CONTRIBUTION_NOUNS = wordlist("roles_wordlists", "contribution_nouns")
_ITEM_ENDS = frozenset({")", ":", ";"})


def listed_contribution(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the name opens an item of a list of the paper's contributions: "Our
    contributions are twofold: (i) X, a corpus ..., and (ii) Y, ..." (``before`` lower case,
    same sentence, nearest last; issue 15, item 4). The list follows a colon after "our
    (main) contribution(s)"; an item starts after ")", ":" or ";".

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "own_marker", "text": "our"}]},
    ...     parse_known_entities([]))
    >>> [listed_contribution(w.split(), lex) for w in ("our contributions are : ( i )",
    ...  "our main contributions : ( i ) x , and ( ii )", "our contributions are : we use",
    ...  "their contributions are : ( i )", "our contributions ( i )", "our results : ( i )")]
    [True, True, False, False, False, False]
    """
    if not before or before[-1] not in _ITEM_ENDS or ":" not in before:
        return False
    head = before[: before.index(":")]
    return any(
        word in _CONTRIBUTION_NOUNS
        and any(w in lexicon.own_markers for w in head[max(0, i - 2) : i])
        for i, word in enumerate(head)
    )


#: verbs by which "our approach" names the system it is: "Our approach uses X, a ..."
_OWN_WORK_VERBS = wordlist("roles_wordlists", "own_work_verbs")


def own_work_uses(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the name is the direct object of "our <work noun> uses/employs": "Our approach
    uses X", "our method employs X" (``before`` lower case, same sentence, nearest last; one
    modifier may stand before the noun; issue 15, item 4: the paper's own system named so).
    The caller keeps well-known names out ("our approach uses BERT"); a determiner before the
    name ("uses a frozen X encoder") makes it a part, not the system.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "own_marker", "text": "our"}]},
    ...     parse_known_entities([]))
    >>> [own_work_uses(w.split(), lex) for w in ("our approach uses", "our new method employs",
    ...  "our approach uses a", "their approach uses", "our baseline uses", "approach uses")]
    [True, True, False, False, False, False]
    """
    if len(before) < 3 or before[-1] not in _OWN_WORK_VERBS:
        return False
    return own_work_is([*before[:-1], "is"], lexicon)


def owned_with_adjectives(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether an own marker and one or two lower-case adjectives stand right before the name:
    "Our lightweight X", "our compact multi-scale X" (``before`` as written, same sentence,
    nearest last; issue 15, item 4). Participles ("our fine-tuned X" adapts someone else's
    X), determiners, head nouns and blockers are not such adjectives; the caller keeps
    well-known names out ("our lightweight U-Net").

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "own_marker", "text": "our"},
    ...     {"kind": "block", "text": "baseline"}]}, parse_known_entities([]))
    >>> [owned_with_adjectives(w.split(), lex) for w in ("Our lightweight", "our compact fast",
    ...  "our fine-tuned", "our baseline", "their lightweight", "our very compact fast",
    ...  "our Big", "our first")]
    [True, True, False, False, False, False, False, False]
    """
    # the own marker first: it is rare, the adjective test is not cheap
    own = lexicon.own_markers
    if len(before) >= 2 and before[-2].lower() in own:
        return _plain_adjective(before[-1], lexicon)
    if len(before) >= 3 and before[-3].lower() in own:
        return _plain_adjective(before[-2], lexicon) and _plain_adjective(before[-1], lexicon)
    return False


#: adjectives that place a name among the authors' earlier work: "our first X", "our
#: original X" is a predecessor the paper builds on, not what it introduces
_EARLIER_WORK = wordlist("roles_wordlists", "earlier_work")


def _plain_adjective(word: str, lexicon: Lexicon) -> bool:
    """A lower-case word that can only modify a name: no participle, determiner, head noun,
    blocker, own marker or word of earlier work ("our first X")."""
    letters = word.replace("-", "")
    return (
        letters.isalpha()
        and word == word.lower()
        and not word.endswith("ed")
        and word not in _EARLIER_WORK
        and word not in _DETERMINERS
        and word not in lexicon.name_heads
        and word not in lexicon.role_blockers
        and word not in lexicon.own_markers
    )


def sentence_word_set(lowered: Sequence[str], sent_of: Sequence[int], sid: int) -> frozenset[str]:
    """The words (lower case) of sentence ``sid``.

    >>> sorted(sentence_word_set(["x", "is", "proposed", ".", "we"], [0, 0, 0, 0, 1], 0))
    ['.', 'is', 'proposed', 'x']
    """
    return frozenset(w for w, s in zip(lowered, sent_of, strict=False) if s == sid)


@dataclass(frozen=True, slots=True)
class MentionContext:
    """A name mention at units ``first..last`` and the words the role cues read around it.

    Attributes:
        units: the Doc's units (``kg.nlp.components.names.units.doc_units``).
        first, last: unit range of the mention.
        lexicon: cue lexicon (``roles`` patterns).
        sent_of: sentence index of each unit.
        lowered: each unit's text in lower case.
        before: the texts of up to twelve units before the mention, in its sentence.
        lower: ``before`` in lower case.
        sentence_sets: the word sets of the Doc's sentences made so far, by sentence index
            (see :meth:`sentence_words`), shared by the mentions of one Doc.
    """

    units: Sequence[Unit]
    first: int
    last: int
    lexicon: Lexicon
    sent_of: Sequence[int]
    lowered: Sequence[str]
    before: Sequence[str]
    lower: Sequence[str]
    sentence_sets: dict[int, frozenset[str]]

    @classmethod
    def of(
        cls,
        units: Sequence[Unit],
        first: int,
        last: int,
        lexicon: Lexicon,
        sent_of: Sequence[int],
        lowered: Sequence[str],
        sentence_sets: dict[int, frozenset[str]] | None = None,
    ) -> MentionContext:
        """The context of the mention at units ``first..last`` (its window read once)."""
        sid = sent_of[first]
        window = [k for k in range(max(0, first - 12), first) if sent_of[k] == sid]
        before = [units[k].text for k in window]
        lower = [lowered[k] for k in window]
        sets = {} if sentence_sets is None else sentence_sets
        return cls(units, first, last, lexicon, sent_of, lowered, before, lower, sets)

    @property
    def after(self) -> int:
        """The first unit after the mention."""
        return self.last + 1

    def same_sentence(self, j: int) -> bool:
        """Whether unit ``j`` is in the mention's sentence."""
        return self.sent_of[j] == self.sent_of[self.first]

    def words(self, lo: int, hi: int) -> list[str]:
        """The lower-case words of units ``lo..hi-1`` (clipped to the Doc) in the mention's
        sentence."""
        sid = self.sent_of[self.first]
        lowered, sent_of = self.lowered, self.sent_of
        return [lowered[j] for j in range(max(0, lo), min(len(lowered), hi)) if sent_of[j] == sid]

    def texts_after(self, n: int) -> list[str]:
        """The first ``n`` words after the mention in its sentence, as written."""
        return [
            self.units[j].text
            for j in range(self.after, min(len(self.units), self.after + n))
            if self.same_sentence(j)
        ]

    def sentence_words(self) -> frozenset[str]:
        """The lower-case words of the mention's whole sentence, made once per sentence of the
        Doc (kept in :attr:`sentence_sets`)."""
        sid = self.sent_of[self.first]
        words = self.sentence_sets.get(sid)
        if words is None:
            words = sentence_word_set(self.lowered, self.sent_of, sid)
            self.sentence_sets[sid] = words
        return words

    def unknown(self) -> bool:
        """Whether the mention's text is no known entity."""
        name = " ".join(self.units[m].text for m in range(self.first, self.last + 1))
        return self.lexicon.known.lookup(name) is None


def owned_before(m: MentionContext) -> bool:
    """An own marker right before the name: "our X", "the proposed X", "our clinical language
    model, X", "Our dataset (X)"; not a name that modifies what "resulting" marks ("the
    resulting X embeddings": :func:`modifies_made_noun`)."""
    return owned_by_marker(m.before, m.lexicon) and not modifies_made_noun(
        m.lower, m.texts_after(1)
    )


def own_unknown_name(m: MentionContext) -> bool:
    """A name that is not well known, owned by an adjective, a noun, a verb or a list of
    contributions: "Our lightweight X", "Our approach uses X, a generator that ...", "our
    summarizer, X", "We train X, a captioner ...", "(i) X" in a list of contributions; "our
    approach uses X to encode notes" uses a part."""
    lower, lexicon = m.lower, m.lexicon
    renamed = (
        m.last + 2 < len(m.units) and m.units[m.after].text == "," and m.same_sentence(m.after)
    )
    return (
        owned_with_adjectives(m.before, lexicon)
        or own_noun_apposition(m.before, lexicon)
        or (renames_made_here(lower) and not modifies_made_noun(lower, m.texts_after(1)))
        or (renamed and own_work_uses(lower, lexicon))
        or trains_new_name(lower, m.words(m.after, m.last + 3), lexicon)
        or (
            bool(lower)
            and lower[-1] in _ITEM_ENDS  # cheap test first: most names open no list item
            and listed_contribution(m.words(m.first - 40, m.first), lexicon)
        )
    ) and m.unknown()


def own_apposition_or_predicate(m: MentionContext) -> bool:
    """The name renames what the paper made, in an apposition or after a be-verb: "We
    pretrain a 3D encoder, X, ...", "We present a detector for stones, X"; "Our contribution
    is X"."""
    return made_in_apposition(m.before, m.lexicon) or (
        bool(m.before) and m.before[-1].lower() in _BE and own_work_is(m.lower, m.lexicon)
    )


def released_by_us(m: MentionContext) -> bool:
    """The paper makes the name's parts available: "we make the weights of X publicly
    available"."""
    return made_available(m.lower, m.words(m.after, m.last + 5), m.lexicon)


def named_by_verb(m: MentionContext) -> bool:
    """A naming verb up to three words before the name: "a framework named X", "dubbed X",
    "namely X"."""
    for j in range(m.first - 1, max(m.first - 4, -1), -1):
        if not m.same_sentence(j):
            return False
        if m.lowered[j] in m.lexicon.naming_verbs:
            return True
    return False


_AS_NAMING_VERBS = wordlist("roles_wordlists", "as_naming_verbs")
_COMPARISON_AS = wordlist("roles_wordlists", "comparison_as")
#: how many words a naming verb may stand before the "as" that gives the name
_AS_VERB_WORDS = 6


def named_as(before: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the paper names what it made, or releases it, under the name after "as":
    "which we release as X", "we release the annotated corpus as X", "we refer to the
    resulting model as X" (``before`` lower case, same sentence, nearest last). The verb
    stands at most six words before "as" and the paper's subject before the verb; "such
    as", "as well as" and "the same ... as" compare or list, they do not name.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "subject", "text": "we"}]},
    ...     parse_known_entities([]))
    >>> [named_as(w.split(), lex) for w in ("which we release as", "we refer to the model as",
    ...  "we release datasets such as", "they release it as", "we use it as")]
    [True, True, False, False, False]
    """
    if len(before) < 3 or before[-1] != "as" or before[-2] in _COMPARISON_AS:
        return False
    for j in range(len(before) - 2, max(len(before) - 2 - _AS_VERB_WORDS, -1), -1):
        if before[j] in _AS_NAMING_VERBS:
            return any(w in lexicon.subjects for w in before[:j])
    return False


def released_as(m: MentionContext) -> bool:
    """The paper names or releases what it made as the name: "which we release as X", "we
    refer to the resulting model as X" (:func:`named_as`)."""
    return (
        bool(m.lower)
        and m.lower[-1] == "as"
        and named_as(m.words(m.first - 40, m.first), m.lexicon)
    )


def described_as_own(m: MentionContext) -> bool:
    """What follows the name says it is new or the paper's: "X (ours)", "X, a novel ...", "X,
    the first ...", "X, a pipeline that we release", "X, introduced here,", "X, developed by
    our group, ...", "X, an open-source model developed by us". After an adverbial opening
    ("Unlike X, our model ...", "Unlike models such as A and X, our model ...") or a fronted
    phrase ("Based on X, Y is a model we propose": :func:`fronted_clause`) the comma ends
    the adverbial, not an apposition."""
    k, lexicon, low = m.after, m.lexicon, m.lowered
    if not (k + 1 < len(m.units) and m.same_sentence(k)):
        return False
    if own_in_brackets(m.words(k, k + 5), lexicon):
        return True
    if m.units[k].text != ",":
        return False
    if not m.units[m.first].sent_start and fronted_clause(m.units, m.last):
        return False  # "Based on X, Y is a new model we propose": Y is the subject (review15)
    after = m.words(k + 1, k + 12)
    if relative_clause_by_us(after, lexicon) or introduced_here(after, lexicon):
        return True
    if after[:1] and after[0] in lexicon.introduce_verbs and made_by_us(after[:4]):
        return True
    if low[k + 1] not in {"a", "an", "the", "our"}:
        return False
    opening = m.words(m.first - 30, m.first)
    if opens_adverbial(opening, lexicon) or opens_with_phrase(opening, lexicon):
        return False
    after = after[:9]
    if any(w in lexicon.novelty for w in after[:4]) and not made_by_others(after):
        return True
    return made_by_us(after)


def parts_released(m: MentionContext) -> bool:
    """The name's parts are released in a passive: "the code and weights of X are (publicly)
    released / available"."""
    return released_part_passive(m.lower, m.words(m.after, m.after + 4), m.lexicon)


def proposed_in_passive(m: MentionContext) -> bool:
    """A passive of an introduce verb with the paper in the sentence: "X is proposed in this
    paper", "X was (newly) developed by us"; or after an indefinite apposition, by no one
    else: "A risk model, X, was developed ..."."""
    k, n, low, lexicon = m.after, len(m.units), m.lowered, m.lexicon
    be = k + 1 if k + 1 < n and m.units[k].text == "," and m.same_sentence(k) else k
    if not (be + 1 < n and low[be] in _BE):
        return False
    j = be + 1
    if j < n and low[j] in {"newly", "first", "hereby"}:
        j += 1
    if not (
        j < n
        and (
            low[j] in lexicon.introduce_verbs or (j + 1 < n and is_phrasal_act(low[j], low[j + 1]))
        )
    ):
        return False
    sentence = m.sentence_words()
    if sentence & _PASSIVE_SUBJECTS or (
        {"paper", "work", "study"} & sentence and "this" in sentence
    ):
        return True
    renamed = be > k and indefinite_apposition(m.before, lexicon) >= 0
    return renamed and not made_by_others(m.words(j + 1, j + 4))


def apposition_then_passive(before: Sequence[str], after: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether the name renames a new indefinite noun phrase and a creating passive follows
    it: "a 1.3B-parameter encoder-decoder, X, is pretrained on ..." (``before`` as written,
    nearest last; ``after`` lower case, nearest first). "The triage model, X, was developed"
    renames a known phrase, and "was developed by Siemens" credits another.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "introduce_verb", "text": "developed"}]},
    ...     parse_known_entities([]))
    >>> [apposition_then_passive(b.split(), a.split(), lex) for b, a in (
    ...  ("here a small encoder ,", ", is pretrained on"), ("the small encoder ,", ", is trained"),
    ...  ("here a small encoder ,", ", was developed by siemens"),
    ...  ("here a small encoder ,", ", is tested on"))]
    [True, False, False, False]
    """
    if after[:1] != [","] or indefinite_apposition(before, lexicon) < 0:
        return False
    return bool(created_in_passive(after[1:], lexicon))


def created_unknown_in_passive(m: MentionContext) -> bool:
    """An unknown name created in a passive after an apposition ("X, a 3D U-Net ..., was
    trained on ..."), or set as an apposition itself before one ("a compact encoder, X, is
    pretrained on ..."), or in a training passive with the paper in the sentence ("X was
    trained on scans from our hospital")."""
    k = m.after
    after = m.words(k, k + _APPOSITION_WORDS + 6)
    if apposition_then_passive(m.before, after, m.lexicon) and m.unknown():
        return True
    passive = created_in_passive(after, m.lexicon)
    return (
        bool(passive)
        and (
            m.units[k].text == ","
            or (passive in _TRAIN_VERBS and bool(m.sentence_words() & _PASSIVE_SUBJECTS))
        )
        and m.unknown()
    )


_STUDY_VERBS = wordlist("roles_wordlists", "study_verbs")
#: the most words of "the diagnostic accuracy of" between an objective's verb and the name
_OBJECTIVE_PHRASE_WORDS = 5


def objective_study(before: Sequence[str]) -> bool:
    """Whether the name is the object of a structured abstract's objective: "To validate
    X", "Objective: To develop and validate X", "To evaluate the diagnostic accuracy of X"
    (``before`` lower case, same sentence, nearest last; "to" opens the sentence or follows
    the section label's colon; a short "the ... of" phrase may stand before the name).

    >>> [objective_study(w.split()) for w in ("to validate", "objective : to develop and validate",
    ...  "to evaluate the diagnostic accuracy of", "we aim to validate", "to compare",
    ...  "to evaluate the accuracy", "to evaluate it against the output of")]
    [True, True, True, False, False, False, False]
    """
    words = list(before)
    if words[-1:] == ["of"]:  # "the diagnostic accuracy of X"
        verbs = [
            v
            for v in range(max(0, len(words) - 2 - _OBJECTIVE_PHRASE_WORDS), len(words) - 1)
            if words[v] in _STUDY_VERBS
        ]
        if not verbs:
            return False
        middle = words[verbs[-1] + 1 : -1]
        if middle[:1] != ["the"] or not all(w.isalpha() for w in middle):
            return False
        words = words[: verbs[-1] + 1]
    if len(words) < 2 or words[-1] not in _STUDY_VERBS:
        return False
    to = len(words) - 2
    if words[to] == "and" and to >= 2 and words[to - 1] in _STUDY_VERBS:
        to -= 2
    return words[to] == "to" and (to == 0 or words[to - 1] == ":")


def indefinite_description(after: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether an indefinite noun phrase describes the name right after its comma, up to
    the end of the phrase or the clause it opens: ", a deep learning model that ...", ", an
    AI system for ..." (``after`` lower case, nearest first, the comma first). A blocker in
    it places the name among others' (", a commercially available system", ", an existing
    tool"); prepositions do not.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"roles": [{"kind": "block", "text": t} for t in
    ...     ("commercially", "for")]}, parse_known_entities([]))
    >>> [indefinite_description(w.split(), lex) for w in (", a deep model that estimates",
    ...  ", an ai system for screening made by others", ", a commercially available system",
    ...  ", the model", "a model")]
    [True, True, False, False, False]
    """
    if after[:1] != [","] or after[1:2] not in (["a"], ["an"]):
        return False
    for word in after[2 : 2 + _APPOSITION_WORDS]:
        if word in _CLAUSE_WORDS or word in _APPOSITION_FUNCTION_WORDS or word in {",", ";", "."}:
            return True  # the noun phrase ends: what follows describes, it does not place
        if word in lexicon.role_blockers:
            return False
    return True


def studied_in_objective(m: MentionContext) -> bool:
    """An unknown name that a structured abstract's objective is about, described by an
    indefinite noun phrase: "Objective: To validate X, a deep learning model that estimates
    ..." (clinical abstracts name the system they built so; a product of others is kept out
    by the phrase's blockers: "X, a commercially available system")."""
    return (
        objective_study(m.lower)
        and indefinite_description(m.words(m.after, m.after + _APPOSITION_WORDS + 2), m.lexicon)
        and m.unknown()
    )


def unknown_paper_subject(m: MentionContext) -> bool:
    """An unknown name as the paper's subject: "In this work, X estimates ..."."""
    return (
        len(m.before) <= 5
        and paper_frame_subject(m.lower, m.words(m.after, m.last + 5), m.lexicon)
        and m.unknown()
    )


def introduced_by_verb(m: MentionContext) -> bool:
    """The paper's subject introduces the name with a verb or noun up to fifteen words before
    it, over the words a noun phrase or a long form may hold: "we introduce (a new dataset,)
    X", "This paper presents X", "the creation of X", "we put forward X", "we propose Noise
    Estimation for Labels (NEL)". A verb whose object the name modifies ("fine-tune
    open-source models X"), a participle clause, a blocker or another name before it ends the
    search."""
    units, first, last, lexicon, low = m.units, m.first, m.last, m.lexicon, m.lowered
    in_brackets = abbreviates_long_form(
        [u.text for u in units[max(0, first - 2) : last + 2]],
        first - max(0, first - 2),
        last - max(0, first - 2),
    )
    for j in range(first - 1, max(first - 16, -1), -1):
        if not m.same_sentence(j):
            return False
        w = low[j]
        if j >= 1 and m.same_sentence(j - 1) and is_phrasal_act(low[j - 1], w):
            # "we put forward X": the verb before the particle states the act
            verb = j - 1
            if states_the_act(m.words(verb - 6, verb), lexicon):
                return any(
                    low[i] in lexicon.subjects
                    for i in range(verb - 1, -1, -1)
                    if m.same_sentence(i)
                )
            return False
        if w in lexicon.introduce_verbs and (
            not states_the_act(m.words(j - 6, j), lexicon)
            or adjective_after_to(low[j - 1] if j >= 1 else "", w, low[j + 1], lexicon.name_heads)
            or adjective_before_bracket(low[j - 1] if j >= 1 else "", low[j + 1], lexicon)
        ):
            continue  # "fine-tune open-source models X": not the paper's verb
        if w in lexicon.introduce_verbs or w in lexicon.introduce_nouns:
            return any(
                low[i] in lexicon.subjects for i in range(j - 1, -1, -1) if m.same_sentence(i)
            )
        if (
            w in {"of", "for"}
            and j >= 1
            and (low[j - 1] in lexicon.introduce_nouns or low[j - 1] in lexicon.released_parts)
        ):
            continue  # "the creation of X", "we release the weights of X", "... weights for X"
        if (
            w == "and"
            and j >= 1
            and low[j - 1] in lexicon.released_parts
            and (low[j + 1] in lexicon.released_parts or low[j + 1] in _DETERMINERS)
        ):
            continue  # "we release the code and weights for X", "the weights and the corpus, X"
        if w == "of" and j >= 1 and low[j - 1] in lexicon.name_heads and counts_next(units, j):
            continue  # "we construct a dataset of 70,000 dialogues, X"
        if opens_participle_clause(low[max(0, j - 1) : j + 1], lexicon):
            return False  # "we construct data, enabling the X model to ..."
        if in_brackets and w in _LONG_FORM_WORDS:
            continue  # "we propose Noise Estimation for Labels (NEL)"
        if w in lexicon.role_blockers:
            return False
        if units[j].shape == "strong" and not lexicon.is_stopped(units[j].text):
            if in_brackets and j == first - 2:
                continue  # the long form's last word right before "(X)"
            return False
    return False


_WITH_BLOCKERS = wordlist("roles_wordlists", "with_blockers")
#: how many words may stand between "with" and the comma of an apposition before the name
#: ("with a conditional GAN, X"), and how many before "we" (a sentence-opening phrase)
_WITH_PHRASE_WORDS = 8
_WE_OPENS = 6


def works_with(before: Sequence[str]) -> bool:
    """Whether the paper, as "we", does its work with the name: "We segment livers in CT with
    X", "We count nuclei with a density-map regressor, X," (``before`` lower case, the whole
    sentence before the name, nearest last). In such a sentence the tool of the paper's own
    act, named and not well known (checked by the caller), is the paper's own system. A
    comparison, a combination, a person noun or a mark of earlier work between "we" and
    "with" (``with_blockers``: "we compare our model with X", "patients with X", "an existing
    tool, X") makes the name someone else's; so does a clause word ("we show that ... with X").

    >>> works_with("we segment livers in ct with".split())
    True
    >>> works_with("we count nuclei with a density-map regressor ,".split())
    True
    >>> works_with("we compare our model with".split())
    False
    >>> works_with("they segment livers with".split()), works_with("we found that with".split())
    (False, False)
    """
    w = len(before) - 1
    if before[w:] == [","]:
        # "with a conditional GAN, X": the apposition renames the tool
        w = next(
            (
                i
                for i in range(w - 2, max(-1, w - _WITH_PHRASE_WORDS - 2), -1)
                if before[i] == "with" and before[i + 1] in _ARTICLES
            ),
            -1,
        )
        if w < 0 or "," in before[w + 1 : -1]:
            return False
    if w < 1 or before[w] != "with":
        return False
    we = next((i for i in range(min(w, _WE_OPENS)) if before[i] == "we"), -1)
    if we < 0:
        return False
    between = before[we + 1 : w]
    return not any(
        word in _WITH_BLOCKERS or word in _CLAUSE_WORDS or word in {";", ":"} for word in between
    )


_PARAMETER_COUNT = re.compile(r"^\d+(?:\.\d+)?[bBmM]$")


def released_checkpoint(name: str, variant_words: frozenset[str]) -> bool:
    """Whether a name spells a released checkpoint of others: a part after a hyphen or space
    that is a parameter count ("Llama-3-8B-Instruct") or a tier word written in lower case
    ("Whisper-medium", "wav2vec2-large-xlsr-53"), the way model hubs name their files. A
    paper's own system is named as a brand ("PlaneNet-Lite", "SynCT-GAN").

    >>> words = frozenset({"medium", "large", "lite"})
    >>> [released_checkpoint(t, words) for t in ("Whisper-medium", "X-7B", "PlaneNet-Lite")]
    [True, True, False]
    """
    parts = re.split(r"[- ]", name)[1:]
    return any(_PARAMETER_COUNT.match(p) or (p.islower() and p in variant_words) for p in parts)


#: words after a name and its comma that open a description of it: "with X, a video
#: transformer", "with X, which pairs ..."
_DESCRIPTION_OPENERS = frozenset({"a", "an", "our", "which", "that", "trained", "built"})


def described_after(after: Sequence[str]) -> bool:
    """Whether the words ``after`` a name (as written) open a description of it: a comma and
    an article or relative word ("with X, a 3D U-Net variant", "with X, which pairs ..."). A
    name the paper works with bare ("we translate leaflets with X and with Y", "we build a
    retrieval system with X and answer ...") is as often a tool of others; the paper presents
    its own system by describing it (review15: "with FAISS" was introduced).

    >>> described_after([",", "a", "video"]), described_after([",", "Which"])
    (True, True)
    >>> described_after(["and", "with"]), described_after([]), described_after([",", "and"])
    (False, False, False)
    """
    return after[:1] == [","] and len(after) > 1 and after[1].lower() in _DESCRIPTION_OPENERS


def works_with_unknown(m: MentionContext) -> bool:
    """An unknown name the paper does its work with (:func:`works_with`), not a released
    checkpoint (:func:`released_checkpoint`) and with no other name before it in the sentence
    ("We instantiate Y with X": X is a part of Y); right after "with", the name must be
    described after it (:func:`described_after`)."""
    if m.lower[-1:] != ["with"] and m.lower[-1:] != [","]:
        return False  # :func:`works_with` reads "with" or an apposition's comma last
    before = m.words(m.first - 40, m.first)
    if not works_with(before):
        return False
    if before[-1:] == ["with"] and not described_after(m.texts_after(2)):
        return False
    lexicon = m.lexicon
    name = " ".join(m.units[k].text for k in range(m.first, m.last + 1))
    if released_checkpoint(name, lexicon.variant_words):
        return False
    if any(
        m.units[j].shape == "strong" and not lexicon.is_stopped(m.units[j].text)
        for j in range(max(0, m.first - 40), m.first)
        if m.same_sentence(j)
    ):
        return False
    return m.unknown()


_RESULT_VERBS = wordlist("roles_wordlists", "result_verbs")
_ADAPT_VERBS = wordlist("roles_wordlists", "adapt_verbs")


def obtained_by_training(before: Sequence[str]) -> bool:
    """Whether the name is what the paper's training gives: a result verb right before it
    ("obtain", "yield", "produce"; "at" after "arrive") and, earlier in the sentence, the
    paper's subject and a verb of training or adapting ("we fine-tune Y ... to obtain X",
    "Starting from Y and training on Z, we obtain X"; ``before`` lower case, the sentence
    before the name, nearest last). "we obtain X from the hospital" obtains data: no training
    verb.

    >>> obtained_by_training("we fine-tune y on notes to obtain".split())
    True
    >>> obtained_by_training("training on notes , we obtain".split())
    True
    >>> obtained_by_training("we obtain".split()), obtained_by_training("we trained y".split())
    (False, False)
    """
    w = len(before) - 1
    if w >= 1 and before[w] == "at" and before[w - 1] == "arrive":
        w -= 1
    if w < 1 or before[w] not in _RESULT_VERBS:
        return False
    earlier = before[:w]
    return "we" in earlier and any(word in _ADAPT_VERBS for word in earlier)


def obtained_unknown(m: MentionContext) -> bool:
    """An unknown name the paper's training gives (:func:`obtained_by_training`); the
    word right before the name is read first ("at" or a result verb), the sentence only
    then."""
    last = m.lower[-1] if m.lower else ""
    if last != "at" and last not in _RESULT_VERBS:
        return False
    return obtained_by_training(m.words(m.first - 40, m.first)) and m.unknown()


_MAKING_NOUNS = wordlist("roles_wordlists", "making_nouns")
_TITLE_PREPOSITIONS = frozenset({"of", "for", "in", "on", "with", "to", "using", "from", "by"})


def title_develops(before: Sequence[str]) -> bool:
    """Whether a title opens by saying the paper makes the name: a making noun first, then
    only nouns and "and" up to "of" (an article allowed after it) right before the name:
    "Development and external validation of X for ...", "Design of the X"; (``before`` lower
    case, the title's words before the name, first word first). "Validation of X" and
    "Development of sepsis in patients scored by X" do not make X.

    >>> title_develops("development and external validation of".split())
    True
    >>> title_develops("design of the".split())
    True
    >>> title_develops("external validation of".split())
    False
    >>> title_develops("development of sepsis in patients scored by".split())
    False
    """
    if len(before) < 2 or before[0] not in _MAKING_NOUNS:
        return False
    end = len(before) - 1
    if before[end] in _ARTICLES or before[end] == "the":
        end -= 1
    if end < 1 or before[end] != "of":
        return False
    return not any(w in _TITLE_PREPOSITIONS for w in before[1:end])


def developed_in_title(m: MentionContext) -> bool:
    """A name the title opens by making (:func:`title_develops`): the title is the text's
    first sentence, and the name's window reaches back to its first word."""
    return (
        m.sent_of[m.first] == 0
        and m.first == len(m.before)
        and title_develops(m.lower)
        and m.unknown()
    )


#: the cues that mark a mention as introduced, tried in this order (the first that holds
#: decides; :func:`introduced_by_verb` is tried last)
INTRODUCTION_CUES: tuple[Callable[[MentionContext], bool], ...] = (
    owned_before,
    own_unknown_name,
    own_apposition_or_predicate,
    released_by_us,
    named_by_verb,
    released_as,
    described_as_own,
    parts_released,
    proposed_in_passive,
    created_unknown_in_passive,
    studied_in_objective,
    unknown_paper_subject,
    works_with_unknown,
    obtained_unknown,
    developed_in_title,
    introduced_by_verb,
)


def mention_introduced(
    units: Sequence[Unit],
    first: int,
    last: int,
    lexicon: Lexicon,
    sent_of: Sequence[int],
    lowered: Sequence[str] | None = None,
    sentence_sets: dict[int, frozenset[str]] | None = None,
) -> bool:
    """Return True when the text presents the name at units ``first..last`` as its own.

    Args:
        units: the Doc's units (``kg.nlp.components.names.units.doc_units``).
        first, last: unit range of the mention.
        lexicon: cue lexicon (``roles`` patterns).
        sent_of: sentence index of each unit.
        lowered: each unit's text in lower case, when the caller has it (a Doc's mentions
            read the same words again and again: lowering them once per Doc saves a third
            of this function's time).
        sentence_sets: the word sets of the Doc's sentences made so far, when the caller
            keeps them for all its mentions (filled here; each sentence's set is made once).

    Returns:
        Whether a role cue of :data:`INTRODUCTION_CUES` marks the mention as introduced
        (none does when the name modifies the noun after it: "a GPT-4o based benchmark").
    """
    if lowered is None:
        lowered = [u.text.lower() for u in units]
    end = min(len(units), last + 3)
    if modifies_the_next_noun([lowered[j] for j in range(last + 1, end)]):
        return False
    m = MentionContext.of(units, first, last, lexicon, sent_of, lowered, sentence_sets)
    return any(cue(m) for cue in INTRODUCTION_CUES)
