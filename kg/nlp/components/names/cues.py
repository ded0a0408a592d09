"""Dataset or model: the context cues that type a name candidate (head nouns, lists,
"trained on X", apposition, title words, morphology), and what makes a name-shaped phrase no
name at all (a score, a statistic, a scorer, a scale).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.ids import normalize_key
from kg.known_entities import KnownEntity
from kg.nlp.components.abbreviations import AbbreviationPair
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.boundaries import (
    BASE_WORDS,
    DETERMINERS,
    LEFT_SKIP,
    PREPOSITIONS,
    defined_name_confidence,
    describes_a_study,
    head_noun,
    known_prefix,
    list_items,
    modifier_unit,
    name_ends_after,
    only_commas,
    past_participle,
    plus_base,
    product_word_before,
    version_in_brackets,
)
from kg.nlp.components.names.units import (
    COUNT_SUFFIX,
    LIST_INTRO,
    LIST_JOINERS,
    SIZE_SUFFIX,
    NameType,
    Unit,
    back_in_sentence,
)
from kg.nlp.components.wordlists import wordlist


@dataclass(slots=True)
class Candidate:
    """A name the scan found and has not settled yet: where it is, which rule found it and how
    sure that rule is, then what the cues say of its type (``scores``), its key and its role.
    Mutable: the scan's phases fill it in turn."""

    start: int
    end: int  # token offsets
    first_unit: int
    last_unit: int
    text: str
    rule: str
    base_conf: float
    known: KnownEntity | None = None
    title_type: NameType | None = None
    ner_label: str | None = None
    key: str = ""
    scores: dict[str, float] = field(default_factory=lambda: {"dataset": 0.0, "model": 0.0})
    cue_conf: float = 0.0
    introduced: bool = False
    title_weight: float = 0.0
    long_form: bool = False


#: the prior of an entity without evidence: unlabelled names in abstracts are more often systems
_MODEL_PRIOR = 0.3


def entity_type_of(scores: Sequence[dict[str, float]]) -> NameType:
    """The type of an entity from its mentions' summed evidence, plus a model prior counted
    once per entity: counted per mention, the prior outweighed a dataset's one description
    when its name recurs ("MIRIAD, a curated corpus" and six more bare MIRIADs).

    >>> entity_type_of([{"dataset": 2.0, "model": 0.0}] + [{"dataset": 0.0, "model": 0.0}] * 6)
    'dataset'
    >>> entity_type_of([{"dataset": 0.0, "model": 0.0}]), entity_type_of([])
    ('model', 'model')
    """
    d = sum(s["dataset"] for s in scores)
    m = sum(s["model"] for s in scores) + _MODEL_PRIOR
    return "dataset" if d > m else "model"


def hyphen_variant(text: str, introduced: set[str] | frozenset[str]) -> bool:
    """Whether ``text`` is an introduced name with a hyphenated suffix: the paper's own
    "Med-Gemini" family makes "Med-Gemini-2D" and "Med-Gemini-Polygenic" its own too.

    >>> hyphen_variant("Med-Gemini-2D", {"Med-Gemini"}), hyphen_variant("Me-Gemini", {"Me"})
    (True, False)
    """
    # look up the text before each hyphen (at offset 3 or more) instead of testing every
    # introduced name against the text (issue 15: speed; the same names match)
    pos = text.find("-", 3)
    while pos != -1:
        if text[:pos] in introduced:
            return True
        pos = text.find("-", pos + 1)
    return False


SIZE_OR_VARIANT = re.compile(
    r"^(?:\d+(?:\d+)*[bkm]?|v?\d+|chat|instruct|base|large|small|mini|pro|plus|\d+b\w*|[a-z]{1,4}\d*)$"
)


def score_types(
    units: Sequence[Unit],
    cands: list[Candidate],
    lexicon: Lexicon,
    sent_of: Sequence[int],
    named_shorts: dict[str, AbbreviationPair],
) -> None:
    """Add dataset/model evidence to each candidate (in place) and set its cue confidence,
    cue by cue (each ``_*_cue`` below reads one kind of evidence)."""
    for c in cands:
        _prior_scores(c, lexicon)
        _head_noun_cue(c, units, sent_of, lexicon)
        _description_cues(c, units, sent_of, lexicon)
        _left_context_cue(c, units, sent_of, lexicon)
        _long_form_cue(c, named_shorts, lexicon)
        if counted_in_brackets(units, c.first_unit, c.last_unit) and not (
            bracket_after_head(units, c.first_unit, SYSTEM_NOUNS)
        ):
            _add_cue(c, "dataset", 2.0, 0.85)
        if (
            own_head_dataset(c.text, lexicon.name_ends)
            or names_a_cohort(units, c, lexicon.cohort_ends, lexicon.study_design_words)
            or named_study(units, c.first_unit, c.last_unit, sent_of)
        ):
            _add_cue(c, "dataset", 2.0, 0.85)
        if c.known is None and (
            version_in_brackets(units, c.last_unit)
            or product_word_before(units, c.first_unit, lexicon.product_words)
        ):
            _add_cue(c, "model", 1.0, 0.75)  # a product or versioned software: a model
    _share_base_evidence(cands)


_COUNT_IN_BRACKETS = re.compile(r"^[nN]=\d")
#: nouns of one runnable system before a bracket: "the AI system (X; n = 2,000 radiographs)"
SYSTEM_NOUNS = wordlist("names_wordlists", "system_nouns")


def counted_in_brackets(units: Sequence[Unit], first: int, last: int) -> bool:
    """Whether the name at units ``first..last`` opens a bracket that counts its members:
    "(X; n = 936)", "(X, n=412)". What has a number of patients or slides is a cohort, data.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "cap", False, True) for k, t in enumerate(texts)]
    >>> counted_in_brackets(us("(", "X", ";", "n", "=", "936", ")"), 1, 1)
    True
    >>> counted_in_brackets(us("(", "X", ",", "n=412", ")"), 1, 1)
    True
    >>> counted_in_brackets(us("X", ";", "n", "=", "936"), 0, 0)
    False
    >>> counted_in_brackets(us("(", "X", ";", "p", "=", "0.01", ")"), 1, 1)
    False
    """
    k = last + 1
    if first < 1 or units[first - 1].text != "(" or k + 1 >= len(units):
        return False
    if units[k].text not in {";", ","}:
        return False
    nxt = units[k + 1].text
    if _COUNT_IN_BRACKETS.match(nxt):
        return True
    return nxt in {"n", "N"} and k + 2 < len(units) and units[k + 2].text == "="


def bracket_after_head(units: Sequence[Unit], first: int, heads: frozenset[str]) -> bool:
    """Whether the name at unit ``first`` opens a bracket right after a head noun of
    ``heads`` (lower case): "the AI system (X; n = 2,000 radiographs)" names the system, and
    its count is of what it read, not of a cohort (branch review17a).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> bracket_after_head(us("the", "system", "(", "X", ";"), 3, frozenset({"system"}))
    True
    >>> bracket_after_head(us("the", "cohort", "(", "X", ";"), 3, frozenset({"system"}))
    False
    """
    return first >= 2 and units[first - 1].text == "(" and units[first - 2].text.lower() in heads


def _share_base_evidence(cands: Sequence[Candidate]) -> None:
    """A "+" variant is of its base's kind: "the CLUE benchmark ... CLUE+" is data, "UNeXt
    ... UNeXt+" a model (issue 15, item 3); the variant gets its base's evidence added."""
    by_text: dict[str, dict[str, float]] = {}
    for c in cands:
        total = by_text.setdefault(c.text, {"dataset": 0.0, "model": 0.0})
        total["dataset"] += c.scores["dataset"]
        total["model"] += c.scores["model"]
    for c in cands:
        base = by_text.get(plus_base(c.text))
        if base is not None:
            c.scores["dataset"] += base["dataset"]
            c.scores["model"] += base["model"]


_GLUED_SCORE = re.compile(r"[A-Za-z]Score$")


def names_a_score(units: Sequence[Unit], last: int, text: str, score_words: frozenset[str]) -> bool:
    """Whether the name ending at unit ``last`` names a score rather than a system: "Score"
    glued to it ("RaTEScore", "MoverScore") or a score word right after it ("RadGraph F1",
    "CheXbert F1", "GREEN score"; issue 15, item 3: a metric typed as a model).

    >>> def u(text, space=True):
    ...     return Unit(0, 1, text, "strong", False, space)
    >>> words = frozenset({"f1", "score"})
    >>> [names_a_score([u(n), u(w)], 0, n, words) for n, w in (("RadGraph", "F1"),
    ...  ("GREEN", "score"), ("GPT-4", "achieved"), ("RaTEScore", ","), ("Score", ","))]
    [True, True, False, True, False]
    >>> names_a_score([u("RadGraph"), u("F1", False)], 0, "RadGraph", words)
    False
    """
    if _GLUED_SCORE.search(text):
        return True
    nxt = last + 1
    return nxt < len(units) and units[nxt].space_before and units[nxt].text.lower() in score_words


def names_a_statistic(
    units: Sequence[Unit],
    last: int,
    statistic_words: frozenset[str],
    data_nouns: frozenset[str] = frozenset(),
) -> bool:
    """Whether the name ending at unit ``last`` is the eponym of a statistical test or
    coefficient: a word of ``statistic_words`` right after it, or after its possessive
    ("McNemar's test", "the DeLong test", "Cohen's kappa"): no dataset or model. A data noun
    or a dataset head after that word makes it a split of data ("the MedQA test set", "the
    Ingleby test reports", "the FeTA 2022 test split").

    >>> def u(text):
    ...     return Unit(0, 1, text, "strong", False, True)
    >>> words, nouns = frozenset({"test", "kappa"}), frozenset({"set", "reports"})
    >>> [names_a_statistic([u(n), *map(u, rest)], 0, words, nouns) for n, rest in (
    ...     ("McNemar", ["'s", "test"]), ("DeLong", ["test", "for"]), ("Cohen", ["’s", "kappa"]),
    ...     ("MedQA", ["test", "set"]), ("Ingleby", ["test", "reports"]),
    ...     ("GPT-4", ["'s", "answers"]), ("BERT", []))]
    [True, True, True, False, False, False, False]
    """
    nxt = last + 1
    if nxt < len(units) and units[nxt].text in ("'s", "’s"):
        nxt += 1
    if nxt >= len(units) or units[nxt].text.lower() not in statistic_words:
        return False
    after = nxt + 1
    if after >= len(units):
        return True
    word = units[after].text.lower()
    return word not in data_nouns and word.rstrip("s") not in data_nouns


def scorer_not_model(units: Sequence[Unit], c: Candidate, lexicon: Lexicon) -> bool:
    """A name of a score is no model: dropped unless the curated table names it ("a GPT-4
    score of 1.29" is a score by GPT-4, a model the paper names) or its context makes it a
    dataset ("X F1" scores on the X dataset)."""
    if c.known is not None or not names_a_score(units, c.last_unit, c.text, lexicon.score_words):
        return False
    return c.scores["dataset"] <= c.scores["model"] + _MODEL_PRIOR


def names_a_cohort(
    units: Sequence[Unit],
    c: Candidate,
    cohort_ends: frozenset[str],
    design_words: frozenset[str] = frozenset(),
) -> bool:
    """Whether the multi-word candidate ``c`` after "the" ends in a cohort word, its own head
    (a closing "of" and one word allowed): "the Framingham Heart Study", "the Multi-Ethnic
    Study of Atherosclerosis (MESA)" name cohorts, data; "a validation study" has no name, nor
    has "the Present Study", whose words only describe a study (``describes_a_study``)."""
    return (
        c.first_unit > 0
        and units[c.first_unit - 1].text.lower() == "the"
        and own_head_dataset(c.text, cohort_ends)
        and not describes_a_study(c.text.split()[:-1], design_words)
    )


_COHORT_NOUNS = wordlist("names_wordlists", "cohort_nouns")


def named_study(units: Sequence[Unit], first: int, last: int, sent_of: Sequence[int]) -> bool:
    """Whether the name at units ``first..last`` names a study: "the" before it and a
    lower-case study noun right after it ("patients from the ACME-2 trial", "the NORDIC-AF
    study"). A trial's or cohort study's participants are data, a dataset, whatever the
    name's shape; "a GPT-4 study" (no "the") or "the X trials" (plural) say nothing.

    >>> def u(text, shape="lower"):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> units = [u("from"), u("the"), u("ACME-2", "strong"), u("trial"), u(".")]
    >>> named_study(units, 2, 2, [0] * 5)
    True
    >>> units = [u("from"), u("a"), u("ACME-2", "strong"), u("trial"), u(".")]
    >>> named_study(units, 2, 2, [0] * 5)
    False
    >>> units = [u("the"), u("ACME-2", "strong"), u("model"), u(".")]
    >>> named_study(units, 1, 1, [0] * 4)
    False
    """
    after = last + 1
    return (
        first > 0
        and after < len(units)
        and sent_of[after] == sent_of[last]
        and units[first - 1].text.lower() == "the"
        and units[after].shape == "lower"
        and units[after].text in _COHORT_NOUNS
    )


_MOLECULE_PLURALS = wordlist("names_wordlists", "molecule_plurals")
_GENE_LIST_INTRO = frozenset({"including", "as", "like", "e.g.", "namely"})
_GENE_LIST_ITEMS = frozenset({",", "and", "or"})


def listed_after_molecules(units: Sequence[Unit], first: int, sent_of: Sequence[int]) -> bool:
    """Whether the name starting at unit ``first`` stands in a list that a plural noun of
    genes or their products opens ("four targets, including KRAS and IL-6R", "kinases such
    as ABL2, SRC": word list ``molecule_plurals``, then "including", "such as", "like"): a
    gene or protein symbol, no name. "baselines, including X" keeps its names.

    >>> def u(text, shape="lower"):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> words = [u("six"), u("targets"), u(","), u("including"), u("KRAS", "strong"), u("and"),
    ...          u("IL-6R", "strong")]
    >>> listed_after_molecules(words, 6, [0] * 7), listed_after_molecules(words, 4, [0] * 7)
    (True, True)
    >>> words[1] = u("models")
    >>> listed_after_molecules(words, 6, [0] * 7)
    False
    """
    k = first - 1
    while k >= 0 and first - k <= 10 and sent_of[k] == sent_of[first]:
        text = units[k].text.lower()
        if text in _GENE_LIST_INTRO:
            j = k - 1
            if text == "as" and j >= 0 and units[j].text.lower() == "such":
                j -= 1
            if j >= 0 and units[j].text == ",":
                j -= 1
            return j >= 0 and sent_of[j] == sent_of[first] and units[j].text in _MOLECULE_PLURALS
        if text not in _GENE_LIST_ITEMS and units[k].shape not in ("strong", "cap", "num"):
            return False
        k -= 1
    return False


def own_head_dataset(text: str, name_ends: frozenset[str]) -> bool:
    """Whether a multi-word name ends in a capitalised collection word, its own head: "Coastal
    Fundus Grading Set", "Cancer Imaging Archive" are datasets.

    >>> ends = frozenset({"set", "archive", "registry"})
    >>> [own_head_dataset(t, ends) for t in ("Coastal Grading Set", "Set", "test set")]
    [True, False, False]
    >>> own_head_dataset("Cancer Registry of Norway", ends)
    True

    A closing "of" and one word (a place) leave the head before it.
    """
    before, of, place = text.rpartition(" of ")
    if of and " " not in place:
        text = before
    head = text.rsplit(" ", 1)[-1] if " " in text else ""
    return head[:1].isupper() and head.lower() in name_ends


def _prior_scores(c: Candidate, lexicon: Lexicon) -> None:
    """Evidence of what the name is before its context: the curated table, the title prefix,
    the NER's label, a curated family prefix, and the spelling (morphology)."""
    s = c.scores
    if c.known is not None:
        s[c.known.entity_type] += 3.0
    if c.title_type is not None:
        s[c.title_type] += c.title_weight
    if c.ner_label is not None:
        s["dataset" if c.ner_label == "DATASET" else "model"] += 1.0
    if c.known is None:
        fam = known_prefix(normalize_key(c.text), lexicon)
        if fam is not None:
            s[fam.entity_type] += 1.0
    text = c.text
    low = text.lower()
    if low.endswith(lexicon.dataset_suffixes) and not tier_ending(text, lexicon.variant_words):
        s["dataset"] += 1.0
    if COUNT_SUFFIX.search(text):
        s["dataset"] += 1.5
    if genome_assembly(text):
        s["dataset"] += 2.0
    if SIZE_SUFFIX.search(text):
        s["model"] += 1.5
    affixes = lexicon.model_affix_pattern
    if affixes is not None and affixes.search(low):
        s["model"] += 0.75


#: a reference genome assembly as the consortia number them: "GRC", a species letter and a
#: release ("GRCh38", "GRCm39"), or a two-letter lower-case species code and a release
#: ("hg19", "mm10", "rn7"), with an optional patch ("GRCh38.p14")
_GENOME_ASSEMBLY = re.compile(r"^(?:GRC[a-z]\d{2}|(?:hg|mm|rn)\d{1,2})(?:\.p\d{1,2})?$")


def genome_assembly(text: str) -> bool:
    """Whether ``text`` names a reference genome assembly: public data that reads, coordinates
    and variants are placed on ("aligned to GRCh38", "hg19 coordinates"), a dataset even with
    no data noun after it. Models of DNA carry a word of their own ("HyenaDNA", "Enformer").

    >>> [genome_assembly(t) for t in ["GRCh38", "GRCm39", "hg19", "mm10", "GRCh38.p14"]]
    [True, True, True, True, True]
    >>> [genome_assembly(t) for t in ["GRC", "HG19", "hg", "mm2000", "Evo2", "GRCh38-Net"]]
    [False, False, False, False, False, False]
    """
    return _GENOME_ASSEMBLY.match(text) is not None


def tier_ending(text: str, variant_words: frozenset[str]) -> bool:
    """Whether a name ends in a tier word written apart: "ConvNeXt-Base", "BEiT Large" end in a
    model's size, not in the data suffix "base" of "DrugBase" (issue 15, item 3: type
    confusion).

    >>> words = frozenset({"base", "large"})
    >>> [tier_ending(t, words) for t in ("ConvNeXt-Base", "BEiT Large", "DrugBase", "Base")]
    [True, True, False, False]
    """
    parts = re.split(r"[- ]", text)
    return len(parts) > 1 and parts[-1].lower() in variant_words


def _add_cue(c: Candidate, etype: str, score: float, confidence: float) -> None:
    """Add ``score`` to ``c``'s ``etype`` evidence and raise its cue confidence to
    ``confidence``."""
    c.scores[etype] += score
    c.cue_conf = max(c.cue_conf, confidence)


def _head_noun_cue(
    c: Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon
) -> None:
    """Right context: a head noun after the name, possibly after up to two modifiers ("MIMIC
    dataset", "Apollo language models")."""
    n = len(units)
    d_heads, m_heads = lexicon.dataset_heads, lexicon.model_heads
    k = c.last_unit + 1
    skipped = 0
    while k < n and sent_of[k] == sent_of[c.last_unit] and skipped <= 2:
        w = units[k].text.lower()
        two = f"{w} {units[k + 1].text.lower()}" if k + 1 < n else ""
        if (
            head_noun(w, d_heads)
            or two in d_heads
            or (skipped and evaluation_head(units, k, lexicon))
        ):
            _add_cue(c, "dataset", 2.0 if skipped == 0 else 1.5, 0.9 if skipped == 0 else 0.8)
            return
        if head_noun(w, m_heads):
            _add_cue(c, "model", 2.0 if skipped == 0 else 1.5, 0.85 if skipped == 0 else 0.75)
            return
        if w in lexicon.data_nouns and units[k].shape == "lower":
            # "the X CT scans": a plural data noun after the name (issue 15, item 3)
            _add_cue(c, "dataset", 1.0, 0.7)
            return
        if w == "/" and skipped:
            k += 1  # "X PET/CT archive": the slash joins two modifiers
            continue
        if w in DETERMINERS:
            return  # "on X the same model drops": a determiner opens another noun phrase
        if units[k].shape in ("punct", "num") or w.endswith("ed") or w in lexicon.role_blockers:
            return
        if units[k].shape not in ("lower", "cap", "adj") and not modifier_unit(units[k]):
            return  # a short acronym may stand between: "the X CT scans"
        skipped += 1
        k += 1


def past_short_form(units: Sequence[Unit], last: int) -> int:
    """The unit a description after the name ending at ``last`` follows: the closing bracket
    of a short form written in brackets ("the UK Organ Atlas (UKOA), the largest dataset":
    UKOA is described too; issue 15, item 3), else ``last`` itself.

    >>> def u(text, shape="strong"):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> past_short_form([u("("), u("UKOA"), u(")"), u(",")], 1)
    2
    >>> past_short_form([u("UKOA"), u(",")], 0), past_short_form([u("X"), u(")")], 0)
    (0, 0)
    """
    nxt = last + 1
    opened = last > 0 and units[last - 1].text == "("
    return nxt if opened and nxt < len(units) and units[nxt].text == ")" else last


def _description_cues(
    c: Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon
) -> None:
    """What the text says the name is: an apposition ("X, a large-scale ... dataset", "X is a
    ... model", "X (a ... benchmark)"), what it holds ("X consists of 157,803 questions" is
    data), a head before a naming verb ("a corpus, named X", "a model called X")."""
    appos = apposition_type(units, past_short_form(units, c.last_unit), sent_of, lexicon)
    if appos == "dataset":
        _add_cue(c, "dataset", 2.0, 0.85)
    elif appos == "model":
        _add_cue(c, "model", 2.0, 0.8)
    if holds_counted_items(units, c.last_unit, sent_of, lexicon):
        _add_cue(c, "dataset", 1.5, 0.8)
    named = named_after_head(units, c.first_unit, sent_of, lexicon)
    if named is not None:
        _add_cue(c, named, 2.0, 0.85 if named == "dataset" else 0.8)
    if states_own_score(units, c.last_unit, sent_of, lexicon.score_verbs) and not (
        object_of_preposition(units, c.first_unit, sent_of)
    ):
        _add_cue(c, "model", 1.5, 0.75)
    if part_of_named_data(units, c.first_unit, lexicon.data_part_nouns):
        _add_cue(c, "dataset", 1.5, 0.8)


def states_own_score(
    units: Sequence[Unit], last: int, sent_of: Sequence[int], score_verbs: frozenset[str]
) -> bool:
    """Whether the name ending at unit ``last`` is the subject of a verb stating a score ("X
    achieved an AUROC of 0.903", "X obtains ROUGE-L of 31.7", "X outperformed Y"): what
    scores is a model, a dataset is scored on. A preposition after a passive participle
    ("X obtained from 12 hospitals") makes no statement of a score.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> verbs = frozenset({"achieved", "obtained"})
    >>> states_own_score(us("X", "achieved", "an", "AUROC"), 0, [0] * 4, verbs)
    True
    >>> states_own_score(us("X", "obtained", "from", "sites"), 0, [0] * 4, verbs)
    False
    >>> states_own_score(us("X", "contains", "notes"), 0, [0] * 3, verbs)
    False
    """
    k = last + 1
    if k >= len(units) or sent_of[k] != sent_of[last] or units[k].text.lower() not in score_verbs:
        return False
    nxt = k + 1
    return nxt < len(units) and units[nxt].text.lower() not in PREPOSITIONS | {"by", "via"}


def object_of_preposition(units: Sequence[Unit], first: int, sent_of: Sequence[int]) -> bool:
    """Whether the name starting at unit ``first`` is the object of a preposition ("on X",
    "trained on the X", "from X"): then it is not the subject of the verb after it ("An
    nnU-Net trained on X achieves a Dice of 0.81", "estimation on X yields an error of 9.8"),
    and that verb's score is not its own.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> object_of_preposition(us("trained", "on", "the", "X", "achieves"), 3, [0] * 5)
    True
    >>> object_of_preposition(us("Finally", ",", "X", "achieves"), 2, [0] * 4)
    False
    >>> object_of_preposition(us("on", ".", "X", "achieves"), 2, [0, 0, 1, 1])
    False
    """
    j = first - 1
    if j >= 0 and units[j].text.lower() in DETERMINERS:
        j -= 1
    return j >= 0 and sent_of[j] == sent_of[first] and units[j].text.lower() in PREPOSITIONS


def part_of_named_data(units: Sequence[Unit], first: int, part_nouns: frozenset[str]) -> bool:
    """Whether the name starting at unit ``first`` follows "<part of a collection> of [the]"
    ("the MRI subset of X", "the official test split of X"): what has subsets and splits is
    a dataset.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", False, True) for k, t in enumerate(texts)]
    >>> parts = frozenset({"subset", "split"})
    >>> part_of_named_data(us("the", "subset", "of", "X"), 3, parts)
    True
    >>> part_of_named_data(us("the", "split", "of", "the", "X"), 4, parts)
    True
    >>> part_of_named_data(us("a", "variant", "of", "X"), 3, parts)
    False
    """
    j = first - 1
    if j >= 0 and units[j].text.lower() in DETERMINERS:
        j -= 1
    return (
        j >= 1
        and units[j].text.lower() == "of"
        and units[j - 1].shape == "lower"
        and units[j - 1].text.lower() in part_nouns
    )


def _left_context_cue(
    c: Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon
) -> None:
    """Left context: a head noun before the name ("the dataset X"), the preposition of a verb
    ("trained on X", "fine-tuned from X", "based on X"), a comparison or use verb, and list
    introducers ("datasets such as X")."""
    k = c.first_unit - 1
    while k >= 0 and units[k].text.lower() in LEFT_SKIP:
        k -= 1
    if k >= 1 and units[k].text == "," and sent_of[k - 1] == sent_of[c.first_unit]:
        # "our clinical language model, Asclepius": a head noun and a comma name it, as an
        # apposition after it does. Not a dataset head: "on a cancer dataset, X achieved"
        # ends an adverbial, it does not name X.
        w = units[k - 1].text.lower()
        if units[k - 1].shape == "lower" and w in lexicon.model_heads and not w.endswith("s"):
            c.scores["model"] += 2.0
    if k < 0 or sent_of[k] != sent_of[c.first_unit]:
        return
    w = units[k].text.lower()
    if (
        (w in lexicon.dataset_heads or (w[-1:] == "s" and w[:-1] in lexicon.dataset_heads))
        and units[k].shape == "lower"
        and w not in {"data", "task", "questions"}
    ):
        # "the dataset X"; a plural head names the list it opens: "the regression tasks X, Y
        # and Z" are benchmark tasks, data (issue 15, item 3: type confusion)
        _add_cue(c, "dataset", 1.5, 0.8)
    elif w in lexicon.model_heads and units[k].shape == "lower":
        c.scores["model"] += 1.0
    if w in lexicon.make_data_verbs and k >= 1 and units[k - 1].text.lower() in lexicon.subjects:
        # "we curated X", "we compiled X": what the paper gathers is data (issue 15, item 3)
        _add_cue(c, "dataset", 1.5, 0.8)
    if w in {"on", "from", "in"}:
        _preposition_cue(c, units, sent_of, lexicon, k)
    elif w in lexicon.compare_words or (
        score_in_comparison(units, k, sent_of, lexicon.comparison_openers)
        and name_ends_after(units, c.last_unit)  # not "for TNM stage": a name modifying a noun
    ):
        _add_cue(c, "model", 0.75, 0.7)
    elif w in lexicon.use_verbs:
        c.scores["model"] += 0.3
    _list_intro_cue(c, units, sent_of, lexicon, k)


def _preposition_cue(
    c: Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon, k: int
) -> None:
    """The name follows the preposition at unit ``k``: "based on X" is a model, "trained on
    X" / "collected from X" (a verb of the lexicon in the five units before) a dataset, and a
    bare "on X" leans dataset."""
    w = units[k].text.lower()
    verbs = {units[j].text.lower() for j in range(max(0, k - 5), k) if sent_of[j] == sent_of[k]}
    prev = units[k - 1].text.lower() if k > 0 else ""
    if prev in BASE_WORDS:
        c.scores["model"] += 1.0
    elif w == "from" and derived_like(units, k, lexicon):
        _add_cue(c, "model", 1.5, 0.75)  # "an encoder derived from X": X is a model too
    elif (
        (w == "on" and verbs & lexicon.on_verbs)
        or (w == "from" and verbs & lexicon.from_verbs)
        or (w != "on" and data_items_before(units, k, lexicon))
    ):
        _add_cue(c, "dataset", 1.5, 0.8)
    elif w == "on" and k >= 1 and stated_score(units[k - 1].text):
        _add_cue(c, "dataset", 1.5, 0.8)  # "a mAP of 42.3% on X": a score is made on data
    elif w == "on":
        c.scores["dataset"] += 0.75


def score_in_comparison(
    units: Sequence[Unit], k: int, sent_of: Sequence[int], openers: frozenset[str]
) -> bool:
    """Whether the "for" at unit ``k`` gives the name after it a score compared with another:
    "compared with 0.58 for X", "versus 0.70 and 0.66 for X" (a score's value right before
    "for", a comparison word earlier in the sentence). What scores is a model; data is
    scored on ("0.91 on X"), and "0.91 for X" without a comparison may name a class.

    >>> def us(*texts):
    ...     return [Unit(j, j + 1, t, "lower", False, True) for j, t in enumerate(texts)]
    >>> opens = frozenset({"compared", "versus"})
    >>> u = us("compared", "with", "0.58", "for", "X")
    >>> score_in_comparison(u, 3, [0] * 5, opens), score_in_comparison(u, 3, [1, 1, 0, 0, 0], opens)
    (True, False)
    >>> score_in_comparison(us("an", "AUC", "of", "0.91", "for", "X"), 4, [0] * 6, opens)
    False
    >>> score_in_comparison(us("compared", "with", "12", "for", "X"), 3, [0] * 5, opens)
    False
    """
    if units[k].text.lower() != "for" or k < 1 or not stated_score(units[k - 1].text):
        return False
    return any(units[j].text.lower() in openers for j in back_in_sentence(sent_of, k, k - 2))


_SCORE_VALUE = re.compile(r"\d*\.\d+%?|\d+(?:\.\d+)?%")


def stated_score(text: str) -> bool:
    """Whether a unit is a score's value: a decimal or a percentage ("0.912", "42.3%"), not a
    count ("400") nor a year; "a mAP of 42.3% on X" makes X the data the score is made on.

    >>> [stated_score(t) for t in ("0.912", "42.3%", "91%", ".87", "400", "2021", "v2.0")]
    [True, True, True, True, False, False, False]
    """
    return _SCORE_VALUE.fullmatch(text) is not None


def derived_like(units: Sequence[Unit], k: int, lexicon: Lexicon) -> bool:
    """Whether the "from" at unit ``k`` follows a verb whose subject is a model head: "a vision
    encoder derived from X", "a student model distilled from X" make X a model, as "a corpus
    derived from X" makes it data (issue 15, item 3: type confusion).

    >>> from kg.known_entities import parse_known_entities
    >>> rows = {"models": [{"kind": "head", "text": "encoder"}]}
    >>> lex = Lexicon.from_patterns(rows, parse_known_entities([]))
    >>> def u(text):
    ...     return Unit(0, 1, text, "lower", False, True)
    >>> [derived_like([u(h), u("derived"), u("from")], 2, lex) for h in ("encoder", "corpus")]
    [True, False]
    >>> derived_like([u("encoder"), u("from")], 1, lex)
    False
    """
    if k < 2 or not past_participle(units[k - 1].text):
        return False
    head = units[k - 2]
    return head.shape == "lower" and head.text.lower() in lexicon.model_heads


def data_items_before(units: Sequence[Unit], k: int, lexicon: Lexicon) -> bool:
    """Whether the preposition at unit ``k`` follows a plural noun of data items or a dataset
    head: "1,200 questions from X", "500 vignettes from X", "interviews in X" draw data from X
    (issue 15, item 3: a dataset typed as a model).

    >>> from kg.known_entities import parse_known_entities
    >>> rows = {"datasets": [{"kind": "data_noun", "text": "vignettes"},
    ...                      {"kind": "head", "text": "questions"}]}
    >>> lex = Lexicon.from_patterns(rows, parse_known_entities([]))
    >>> def u(text):
    ...     return Unit(0, 1, text, "lower", False, True)
    >>> [data_items_before([u(w), u("from")], 1, lex) for w in ("vignettes", "questions",
    ...  "features")]
    [True, True, False]
    """
    if k < 1 or units[k - 1].shape != "lower":
        return False
    w = units[k - 1].text.lower()
    return w in lexicon.data_nouns or head_noun(w, lexicon.dataset_heads)


def _list_intro_cue(
    c: Candidate, units: Sequence[Unit], sent_of: Sequence[int], lexicon: Lexicon, k: int
) -> None:
    """List introducers ending at unit ``k``: "datasets such as X", "LLMs, e.g., X",
    "benchmarks like X"."""
    j = k
    while j >= 0 and units[j].text.lower() in LIST_INTRO and c.first_unit - j <= 5:
        j -= 1
    if (
        0 <= j < k
        and sent_of[j] == sent_of[c.first_unit]
        and (
            not only_commas(units, j + 1, c.first_unit)
            or plural_noun_lists(units, j, c.first_unit, sent_of)
        )
    ):
        noun = units[j].text.lower()
        if noun in lexicon.dataset_list_nouns:
            _add_cue(c, "dataset", 1.5, 0.85)
        elif noun in lexicon.model_list_nouns:
            _add_cue(c, "model", 1.5, 0.85)


def plural_noun_lists(units: Sequence[Unit], noun: int, first: int, sent_of: Sequence[int]) -> bool:
    """Whether a plural noun and a comma before unit ``first`` introduce a list of two or more
    items: "on three CT datasets, A, B and C" lists them, though "on the test datasets, X
    achieved" ends an adverbial (issue 15, item 3: coordinated names)."""
    return units[noun].text.lower().endswith("s") and len(list_items(units, first, sent_of)) >= 3


def _long_form_cue(
    c: Candidate, named_shorts: dict[str, AbbreviationPair], lexicon: Lexicon
) -> None:
    """An abbreviation's long form often says what it is: "Therapeutic Data Commons (TDC)"."""
    long_text = (
        named_shorts[c.text].long_text if c.text in named_shorts else c.text if c.long_form else ""
    )
    if not long_text:
        return
    words = {w.lower() for w in re.split(r"[\s-]+", long_text)}
    # the definition alone vouches for a name that is name-shaped; a bare acronym needs its
    # long form to say what it is (issue 15, item 3: "Diabetic Macular Edema (DME)", "Coded
    # Mask Simulator (CMS)" are not models)
    defined = defined_name_confidence(
        named_shorts[c.text].short_text if c.text in named_shorts else _short_of(c, named_shorts),
        lexicon,
    )
    head = re.split(r"[\s-]+", long_text.strip())[-1].lower()
    if head in lexicon.model_heads and head not in lexicon.dataset_heads:
        # the long form's head says what it is: "Data Efficient Image Transformer" is a model
        # though it holds a data word (issue 15, item 3: type confusion)
        c.scores["model"] += 1.0
        defined = 0.85
    elif words & lexicon.dataset_heads:
        c.scores["dataset"] += 1.5
        defined = 0.85
    elif words & lexicon.model_heads:
        c.scores["model"] += 1.0
        defined = 0.85
    c.cue_conf = max(c.cue_conf, defined)


_DASHES = frozenset({"--", "—", "–"})
APPOSITION_OPENERS = _DASHES | {",", "(", "is", "as"}
_APPOSITION_STOPS = wordlist("names_wordlists", "apposition_stops")
_CLAUSE_WORDS = wordlist("names_wordlists", "clause_words")


def apposition_type(
    units: Sequence[Unit], last: int, sent_of: Sequence[int], lexicon: Lexicon
) -> NameType | None:
    """The type a description set beside the name ending at unit ``last`` gives it.

    "X, a large-scale dataset", "X -- a novel corpus of ...", "X (a ... benchmark)",
    "X is a ... model"; the description may stack adjectives with commas ("X, a large-scale,
    curated corpus"). It ends at a clause word, a preposition or the sentence's end.
    """
    n = len(units)
    k = last + 1
    if not (
        k + 1 < n
        and units[k].text.lower() in APPOSITION_OPENERS
        and (
            units[k + 1].text.lower() in {"a", "an", "the", "our"}
            or (units[k].text == "," and counted_opener(units[k + 1]))
        )
    ):
        return None
    if units[k].text == "," and units[k + 1].text.lower() == "the" and fronted_clause(units, last):
        return None  # "On X, the model ...", "Fine-tuned on data from X, the model ...": a subject
    # a counted description names its heads in the plural ("X, two public collections")
    plural = counted_opener(units[k + 1])
    depth = 0
    for j in range(k + 2, min(n, k + 14)):
        t = units[j].text
        if t == "(":
            depth += 1
            continue
        if t == ")" and depth:
            depth -= 1
            continue
        if depth:
            continue
        if sent_of[j] != sent_of[last]:
            break
        if t == "," and j + 1 < n and _stacked_adjective(units[j + 1]):
            continue  # "a large-scale, curated corpus"
        if t in {",", ";", ")", "."}:
            break
        w = t.lower()
        if plural and w in lexicon.data_nouns:
            return "dataset"  # "X, 14,000 overnight recordings"
        if plural and w.endswith("s"):
            w = w[:-1]
        if w in lexicon.dataset_heads and collection_of_models(units, j, lexicon):
            return "model"  # "X, a collection of generative models"
        if w in lexicon.dataset_heads or evaluation_head(units, j, lexicon):
            return "dataset"
        if w in lexicon.model_heads:
            return "model"
        if j + 1 < n and f"{w} {units[j + 1].text.lower()}" in lexicon.dataset_heads:
            return "dataset"  # a two-word head: "X, an external test set", "X, a data set"
        if w in _APPOSITION_STOPS:
            break
    return None


def collection_of_models(units: Sequence[Unit], j: int, lexicon: Lexicon) -> bool:
    """Whether the collection word at unit ``j`` gathers models: "a collection of generative
    models", "An Open-Source Collection of Medical Conversational AI Models" describe a model
    family, not data (issue 15, item 3: type confusion); "a collection of CT scans" is data.

    >>> from kg.known_entities import parse_known_entities
    >>> rows = {"models": [{"kind": "head", "text": "models"}]}
    >>> lex = Lexicon.from_patterns(rows, parse_known_entities([]))
    >>> def u(text):
    ...     return Unit(0, 1, text, "lower", False, True)
    >>> [collection_of_models([u("collection"), u("of"), u(a), u(b)], 0, lex)
    ...  for a, b in (("generative", "models"), ("CT", "scans"))]
    [True, False]
    """
    if j + 1 >= len(units) or units[j + 1].text.lower() != "of":
        return False
    if units[j].text.lower() in lexicon.data_only_heads:
        return False  # "a benchmark of 41,206 variants": a benchmark holds data
    for m in range(j + 2, min(len(units), j + 8)):
        w = units[m].text.lower()
        if w in lexicon.model_heads:
            return True
        if units[m].shape == "punct" or w in _APPOSITION_STOPS or w in _CLAUSE_WORDS:
            return False
    return False


def evaluation_head(units: Sequence[Unit], j: int, lexicon: Lexicon) -> bool:
    """Whether unit ``j`` is a model head made an evaluation one by the word before it: "an
    evaluation framework", "a benchmarking toolkit" score models, so the name they describe is
    a dataset (guidelines: MEDIC, MultiMedEval; issue 15, item 3: type confusion); "a
    segmentation framework" stays a model's.

    >>> from kg.known_entities import parse_known_entities
    >>> rows = {"models": [{"kind": "head", "text": "framework"}],
    ...         "datasets": [{"kind": "eval_modifier", "text": "evaluation"}]}
    >>> lex = Lexicon.from_patterns(rows, parse_known_entities([]))
    >>> def u(text):
    ...     return Unit(0, 1, text, "lower", False, True)
    >>> [evaluation_head([u(m), u(h)], 1, lex) for m, h in (("evaluation", "framework"),
    ...  ("segmentation", "framework"), ("evaluation", "metrics"))]
    [True, False, False]
    """
    if j < 1:
        return False
    head = units[j].text.lower()
    return head in lexicon.model_heads and units[j - 1].text.lower() in lexicon.eval_modifiers


_COUNT_WORDS = wordlist("names_wordlists", "count_words")


def counted_opener(unit: Unit) -> bool:
    """Whether a description after a comma opens with a count: "X, two public dermoscopy
    collections", "X, 4,500 annotated scans" (issue 15, item 3: unseen Titlecase names).

    >>> def u(text, shape):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> pairs = [("two", "lower"), ("4,500", "num"), ("which", "lower")]
    >>> [counted_opener(u(t, s)) for t, s in pairs]
    [True, True, False]
    """
    return unit.shape == "num" or unit.text.lower() in _COUNT_WORDS


def _stacked_adjective(unit: Unit) -> bool:
    """A unit that continues a list of adjectives after a comma ("curated", "large-scale")."""
    return unit.shape in ("lower", "adj") and unit.text.lower() not in _CLAUSE_WORDS


_NUMBER_WORDS = wordlist("names_wordlists", "number_words")


def holds_counted_items(
    units: Sequence[Unit], last: int, sent_of: Sequence[int], lexicon: Lexicon
) -> bool:
    """True when the name is followed by a holding verb and a count of things that are not a
    network's parts: "X consists of 157,803 exam questions", "X contains 4 hours of speech"
    (data), but not "X contains 7 billion parameters" (a model).
    """
    n = len(units)
    k = last + 1
    if k >= n or units[k].text.lower() not in lexicon.hold_verbs:
        return False
    k += 1
    if k < n and units[k].text.lower() in {"of", "over", "more", "than", "about", "nearly"}:
        k += 1
    if k < n and units[k].text.lower() in {"over", "more", "than", "about", "nearly"}:
        k += 1
    if k >= n or units[k].shape != "num" or sent_of[k] != sent_of[last]:
        return False
    # the counted noun: the first word after the number (and its scale word)
    for j in range(k + 1, min(n, k + 4)):
        w = units[j].text.lower()
        if w in _NUMBER_WORDS:
            continue
        return units[j].shape in ("lower", "adj") and w not in lexicon.model_parts
    return False


def named_after_head(
    units: Sequence[Unit], first: int, sent_of: Sequence[int], lexicon: Lexicon
) -> NameType | None:
    """The type of the head noun that a naming verb right before the name refers back to:
    "a spoken prescriptions corpus, named X" (dataset), "a new model called X" (model).
    The head is the last head noun within four words before the verb, in the sentence. A dash
    names what the head noun right before it describes: "a denoising framework -- X"."""
    k = first - 1
    if k >= 1 and units[k].text in _DASHES and sent_of[k - 1] == sent_of[first]:
        w = units[k - 1].text.lower()
        return (
            "dataset"
            if w in lexicon.dataset_heads
            else "model"
            if w in lexicon.model_heads
            else None
        )
    if k < 1 or units[k].text.lower() not in lexicon.naming_verbs:
        return None
    for j in range(k - 1, max(-1, k - 6), -1):
        if sent_of[j] != sent_of[first]:
            return None
        w = units[j].text.lower()
        if units[j].shape == "punct" and units[j].text != ",":
            return None
        if w in lexicon.dataset_heads:
            return "dataset"
        if w in lexicon.model_heads:
            return "model"
    return None


def _short_of(c: Candidate, named_shorts: dict[str, AbbreviationPair]) -> str:
    """The short form defined by the long-form candidate ``c`` ("" when none is)."""
    for short, pair in named_shorts.items():
        if pair.long_text.endswith(c.text) or c.text.endswith(pair.long_text):
            return short
    return ""


def fronted_phrase(units: Sequence[Unit], first: int) -> bool:
    """Whether the name at unit ``first`` stands in a prepositional phrase that opens its
    sentence ("On X, Y achieved", "For 48-hour mortality on X, Y reached", "On the X and Z
    benchmarks, Y ..."): the comma after that phrase ends it, it does not coordinate X with
    the next name. The walk back to the opening preposition crosses no comma and no pronoun
    subject ("In this study we use X, Y" lists X and Y); "to" opens no such phrase ("To
    compare X, Y and Z, ...").

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", k == 0, True) for k, t in enumerate(texts)]
    >>> fronted_phrase(us("On", "X", ",", "Y"), 1), fronted_phrase(us("On", "the", "X"), 2)
    (True, True)
    >>> fronted_phrase(us("For", "mortality", "on", "X", ",", "Y"), 3)
    True
    >>> fronted_phrase(us("We", "use", "X", ",", "Y"), 2), fronted_phrase(us("X", ",", "Y"), 0)
    (False, False)
    >>> fronted_phrase(us("In", "this", "study", "we", "use", "X"), 5)
    False
    >>> fronted_phrase(us("On", "A", ",", "B", ",", "Y"), 3)
    False
    """
    for j in range(first - 1, max(-1, first - 1 - _FRONTED_SPAN), -1):
        w = units[j].text.lower()
        if units[j].sent_start:
            return w in PREPOSITIONS and w != "to"
        if w in {",", ";", ":", "(", ")"} or is_clause_subject(units, j):
            return False
    return False


def fronted_clause(units: Sequence[Unit], last: int) -> bool:
    """Whether the name ending at unit ``last`` closes a phrase that opens its sentence: a
    prepositional phrase (:func:`fronted_phrase`) or a participle phrase ("Fine-tuned on data
    from X, ...", "Using records from X, ..."). The noun phrase after its comma is the
    sentence's subject, not a description of the name ("..., the model predicts").

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", k == 0, True) for k, t in enumerate(texts)]
    >>> fronted_clause(us("Fine-tuned", "on", "data", "from", "X"), 4)
    True
    >>> fronted_clause(us("On", "X"), 1), fronted_clause(us("We", "release", "X"), 2)
    (True, False)
    >>> fronted_clause(us("Built", "upon", "X"), 2)
    True
    """
    if fronted_phrase(units, last):
        return True
    for j in range(last - 1, max(-1, last - 1 - _FRONTED_SPAN), -1):
        w = units[j].text.lower()
        if units[j].sent_start:
            return (len(w) > 4 and w.endswith(("ed", "ing"))) or w in _IRREGULAR_PARTICIPLES
        if w in {",", ";", ":", "(", ")"} or is_clause_subject(units, j):
            return False
    return False


#: participles without "-ed" that open a sentence's phrase ("Built upon X, ...", "Drawn from
#: X, ...")
_IRREGULAR_PARTICIPLES = frozenset({"built", "drawn", "taken", "given", "grown", "written"})


def phrase_ends_at_comma(
    units: Sequence[Unit], first: int, between: Sequence[str], next_last: int
) -> bool:
    """Whether the comma after the name starting at unit ``first`` (``between``: the lower-case
    words up to the next name, which ends at ``next_last``) closes a sentence-opening phrase
    rather than joining a list: right after "On [the] X" it does; after a longer opening
    phrase ("For sepsis prediction on X, Y reached ...") only when the next name does not go
    on listing ("On the regression tasks A, B and C, ..." lists A, B and C).

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", k == 0, True) for k, t in enumerate(texts)]
    >>> phrase_ends_at_comma(us("On", "X", ",", "Y", "and", "Z"), 1, [","], 3)
    True
    >>> phrase_ends_at_comma(us("For", "tasks", "X", ",", "Y", "won"), 2, [","], 4)
    True
    >>> phrase_ends_at_comma(us("For", "tasks", "X", ",", "Y", "and", "Z"), 2, [","], 4)
    False

    A name defined in brackets inside the phrase ends it as well ("On a video dataset (X), Y
    reaches ...").

    >>> phrase_ends_at_comma(us("On", "data", "(", "X", ")", ",", "Y", "won"), 3, [")", ","], 6)
    True
    """
    if first >= 1 and units[first - 1].text == "(" and between[:1] == [")"]:
        first -= 1  # the bracket stands where the name would
    if between[-1:] != [","] or not fronted_phrase(units, first):
        return False
    j = first - 1
    if units[j].text.lower() in DETERMINERS:
        j -= 1
    if units[j].sent_start and between == [","]:
        return True  # "On [the] X, ...": the phrase is the preposition and its name
    nxt = next_last + 1
    return not (nxt < len(units) and units[nxt].text.lower() in {",", "and", "or"})


#: how many units a sentence-opening prepositional phrase may run before a name in it
_FRONTED_SPAN = 12
_CLAUSE_SUBJECTS = wordlist("names_wordlists", "clause_subjects")
_NUMBERED_NOUNS = wordlist("names_wordlists", "numbered_nouns")


def is_clause_subject(units: Sequence[Unit], j: int) -> bool:
    """Whether unit ``j`` is a pronoun subject ("we", "it", "I"), which ends a walk back to the
    sentence's opening phrase. "I" after a numbered noun is a Roman numeral ("phase I trials",
    "type I diabetes"), not the pronoun.

    >>> def us(*texts):
    ...     return [Unit(k, k + 1, t, "lower", k == 0, True) for k, t in enumerate(texts)]
    >>> is_clause_subject(us("so", "I", "use"), 1), is_clause_subject(us("phase", "I"), 1)
    (True, False)
    >>> is_clause_subject(us("we"), 0), is_clause_subject(us("data"), 0)
    (True, False)
    """
    w = units[j].text.lower()
    if w not in _CLAUSE_SUBJECTS:
        return False
    return w != "i" or j == 0 or units[j - 1].text.lower() not in _NUMBERED_NOUNS


def skipped_list_item(units: Sequence[Unit], last: int, first: int, lexicon: Lexicon) -> bool:
    """Whether one stop-listed acronym stands as a list item between the names ending at unit
    ``last`` and starting at ``first``: "SIDER, HIV, MUV and ToxCast" (HIV is stop-listed as a
    disease) is still one list. A name that is no candidate ("MedNLI, AlignScore, X") may be
    of another kind, and ends the list."""
    between = units[last + 1 : first]
    return (
        len(between) == 3
        and between[0].text == ","
        and between[1].shape == "strong"
        and lexicon.is_stopped(between[1].text)
        and between[2].text.lower() in {",", "and", "or"}
    )


def _groups(
    units: Sequence[Unit], cands: list[Candidate], lexicon: Lexicon, lowered: Sequence[str]
) -> list[list[Candidate]]:
    """Coordinated names ("X, Y and Z", "X (Y)") as groups, in order (``lowered``: each
    unit's text in lower case)."""
    groups: list[list[Candidate]] = []
    prev: Candidate | None = None
    for c in cands:
        if prev is not None:
            # the Doc's lower-case unit texts, not a new lower() per unit between (speed)
            between = lowered[prev.last_unit + 1 : c.first_unit]
            joined = (
                all(t in LIST_JOINERS or t in {"(", ")"} for t in between) and len(between) <= 3
            ) or skipped_list_item(units, prev.last_unit, c.first_unit, lexicon)
            if not joined:
                rest = past_aside(between)
                joined = 0 < len(rest) <= 2 and all(t in LIST_JOINERS for t in rest)
            if not joined and 2 <= len(between) <= 6:
                cut = next((i for i, t in enumerate(between) if t in {"and", "or", ","}), -1)
                left, right = between[:cut], between[cut + 1 :]
                joined = (
                    cut > 0
                    and all(t in _HEAD_WORDS or (t.isalpha() and t.islower()) for t in left)
                    and left[-1] in _HEAD_WORDS
                    and all(t in {"the", "a", "an", "our"} for t in right)
                )
            if joined and phrase_ends_at_comma(units, prev.first_unit, between, c.last_unit):
                joined = False  # "On X, Y achieved ...": X ends an opening phrase, no list
            if joined:
                groups[-1].append(c)
                prev = c
                continue
        groups.append([c])
        prev = c
    return groups


#: how many words a bracketed aside after a list item may hold ("(84.6% accuracy)")
_ASIDE_WORDS = 8


def past_aside(between: Sequence[str]) -> Sequence[str]:
    """The words between two names after a bracketed aside that follows the first: in "on
    BraTS-X (gliomas), ATLAS-Y (strokes) and Z" and "on X (84.6% accuracy) and Y (91.2%)"
    the items are still joined by the comma and "and" after the bracket. Without an aside
    right after the first name, nothing is skipped (an empty result).

    >>> past_aside(["(", "gliomas", ")", ","]), past_aside(["(", "84.6%", "accuracy", ")", "and"])
    ([','], ['and'])
    >>> past_aside([",", "a", "model"]), past_aside(["(", "see", "above"])
    ([], [])
    """
    if not between or between[0] != "(":
        return []
    for i in range(1, min(len(between), _ASIDE_WORDS + 2)):
        if between[i] == "(":
            return []
        if between[i] == ")":
            return between[i + 1 :]
    return []


#: head nouns kept inside a mention's span (singular only: "the X and Y datasets" is two names)
SPAN_HEADS: dict[str, frozenset[str]] = {
    "dataset": frozenset(
        {"dataset", "corpus", "database", "benchmark", "treebank", "collection", "archive"}
    ),
    "model": frozenset(
        {
            "model",
            "classifier",
            "algorithm",
            "network",
            "parser",
            "tagger",
            "architecture",
            "framework",
            "system",
            "toolkit",
            "toolbox",
        }
    ),
}

_HEAD_WORDS = wordlist("names_wordlists", "head_words")


def shares_introduction(group: Sequence[Candidate]) -> bool:
    """Whether the paper's own name in a coordinated group makes the others its own too: "We
    release X-7B and X-13B" does, but a list that holds a curated name is a list of existing
    systems ("GPT-4o, Claude 3.5 Sonnet, Y or a fine-tuned model that we call X"), whose
    one new member owns only itself.

    >>> def cand(text, introduced=False, known=None):
    ...     return Candidate(0, 1, 0, 0, text, "r", 0.9, known=known, introduced=introduced)
    >>> shares_introduction([cand("X-7B", True), cand("X-13B")])
    True
    >>> from kg.known_entities import KnownEntity
    >>> gpt = KnownEntity("model", "GPT-4o", (), None)
    >>> shares_introduction([cand("GPT-4o", known=gpt), cand("Y"), cand("X", True)])
    False
    >>> shares_introduction([cand("Y"), cand("Z")])
    False
    """
    return any(c.introduced for c in group) and all(c.known is None for c in group)


def last_renamed(units: Sequence[Unit], group: Sequence[Candidate]) -> bool:
    """Whether the group's only own member is its last, renamed by an indefinite apposition
    right after it: in "on MedQA-Agent and FooQuest, a new set of questions", the new set is
    FooQuest alone, not the list before it. Candidates are in text order.

    >>> def cand(first, last, introduced=False):
    ...     return Candidate(0, 0, first, last, "N", "r", 0.9, introduced=introduced)
    >>> us = [Unit(k, k + 1, t, "lower", False, True) for k, t in
    ...       enumerate(["X", "and", "Y", ",", "a", "new", "set"])]
    >>> last_renamed(us, [cand(0, 0), cand(2, 2, True)])
    True
    >>> last_renamed(us, [cand(0, 0, True), cand(2, 2, True)]), last_renamed(us[:3], [cand(0, 0),
    ...  cand(2, 2, True)])
    (False, False)
    """
    *rest, last = group
    nxt = last.last_unit + 1
    return (
        last.introduced
        and not any(c.introduced for c in rest)
        and nxt + 1 < len(units)
        and units[nxt].text == ","
        and units[nxt + 1].text.lower() in {"a", "an"}
    )


def propagate_groups(
    units: Sequence[Unit], cands: list[Candidate], lexicon: Lexicon, lowered: Sequence[str]
) -> None:
    """Share type cues and the introduced role within coordinated groups (in place;
    ``lowered``: each unit's text in lower case)."""
    for group in _groups(units, cands, lexicon, lowered):
        if len(group) < 2:
            continue
        best_d = max(c.scores["dataset"] for c in group)
        best_m = max(c.scores["model"] for c in group)
        best_conf = max(c.cue_conf for c in group)
        intro = shares_introduction(group) and not last_renamed(units, group)
        vouched = any(c.base_conf >= 0.7 and not c.text.isupper() for c in group)
        for c in group:
            if vouched and c.rule == "name_shape" and c.text.isupper() and len(c.text) >= 3:
                # "ABMIL and TransMIL", "Faster R-CNN and DETR": a bare acronym coordinated
                # with a name is a name too (issue 15, item 3: coordinated names)
                c.base_conf = max(c.base_conf, 0.6)
            # a name typed by its own head word ("the X benchmark, Y reaches ...") keeps it:
            # the head says more than a neighbour that may only follow a comma
            if c.known is None and c.title_type is None and c.rule != "name_head":
                c.scores["dataset"] = max(c.scores["dataset"], 0.8 * best_d)
                c.scores["model"] = max(c.scores["model"], 0.8 * best_m)
                c.cue_conf = max(c.cue_conf, best_conf - 0.05)
            if intro and c.known is None:
                c.introduced = True
