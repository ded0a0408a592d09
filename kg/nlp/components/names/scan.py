"""The scan that finds dataset and model names in a Doc: :func:`find_mentions` runs the
phases (``_add_*``) over the Doc's units in turn, each adding candidates through
:class:`_Scan`; the candidates are then typed (:mod:`.cues`), keyed (:mod:`.boundaries`),
given a confidence and a role (``kg.nlp.components.roles``) and returned as
:class:`Mention` records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from kg.ids import normalize_key
from kg.known_entities import KnownEntity
from kg.nlp.components.abbreviations import AbbreviationPair
from kg.nlp.components.doc_text import text_of, title_end_char
from kg.nlp.components.lexicon import Lexicon
from kg.nlp.components.names.boundaries import (
    YEAR,
    acronym_unit,
    after_determiner,
    after_naming_verb,
    attributive_nationality,
    cohort_name_end,
    data_head_after,
    data_preposition_before,
    defined_name_confidence,
    dimension_prefix,
    extend_right,
    followed_by,
    gene_shaped,
    head_after_short,
    head_word,
    item_ends_at,
    key_of,
    list_items,
    listed_after_noun,
    long_form_is_generic,
    long_name_end,
    name_ends_after,
    name_word_before,
    named_as_recipe,
    named_by_head_before,
    names_a_device,
    names_a_family,
    names_a_molecule,
    names_a_part,
    names_a_place,
    names_a_process,
    names_a_registry,
    names_a_standard,
    names_an_instrument,
    names_equipment_maker,
    nationality_form,
    nationality_list,
    numbered_noun,
    participle_word,
    plus_base,
    product_word_before,
    recipe_compound,
    sentence_adverb,
    slash_sibling,
    slash_variant_unit,
    spelling_units,
    stopped_name,
    strip_function_words,
    title_names_org,
    title_run_to_data_head,
    title_type,
    trailing_head_type,
    two_names_at_slash,
    variant_prefix,
    version_in_brackets,
    version_names,
    words_after,
)
from kg.nlp.components.names.cues import (
    APPOSITION_OPENERS,
    SIZE_OR_VARIANT,
    SPAN_HEADS,
    Candidate,
    apposition_type,
    entity_type_of,
    holds_counted_items,
    hyphen_variant,
    listed_after_molecules,
    names_a_statistic,
    own_head_dataset,
    propagate_groups,
    score_types,
    scorer_not_model,
)
from kg.nlp.components.names.scores import (
    headed_as_score,
    level_base,
    listed_after_score_noun,
    long_form_names_score,
    never_predicts,
    used_as_predictor,
)
from kg.nlp.components.names.units import (
    FUNCTION_WORDS,
    NameType,
    Unit,
    after_label_units,
    concept_blocked,
    dash_joined_words,
    doc_units,
    lower_case_words,
    measured,
    ordinary_word,
    section_label_units,
    title_prefix_units,
)
from kg.nlp.components.roles import mention_introduced
from kg.nlp.components.wordlists import wordlist


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed, keyed name occurrence (token offsets), ready to become a Span.

    Attributes:
        start, end: token offsets in the Doc.
        entity_type: "dataset" or "model".
        key: normalised key shared by every mention of the same entity in the Doc.
        role: "introduces" or "uses" (entity level: any introducing mention wins).
        confidence: entity-level confidence in [0, 1].
        rule: the rule that found the mention (``kg_extractor``).
    """

    start: int
    end: int
    entity_type: NameType
    key: str
    role: str
    confidence: float
    rule: str


class _Scan:
    """The working state of one :func:`find_mentions` run over a Doc: its units, which units a
    candidate has taken, and the candidates so far. Each ``_add_*`` phase below adds
    candidates to it in turn (earlier phases win: a unit is taken once); it is the only
    mutable state the phases share.
    """

    __slots__ = (
        "blocked",
        "cands",
        "cap_starts",
        "caps",
        "doc",
        "doc_text",
        "generic_shorts",
        "lasts",
        "lexicon",
        "lower_words",
        "name_units",
        "named_shorts",
        "sent_of",
        "taken",
        "title_end",
        "tok2unit",
        "unit_texts",
        "units",
    )

    def __init__(
        self,
        doc: Doc,
        lexicon: Lexicon,
        units: list[Unit],
        doc_text: str,
        *,
        title_separator: str,
        concept_spans: Sequence[tuple[int, int]],
        abbreviations: Sequence[AbbreviationPair],
    ) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.doc_text = doc_text
        self.title_end = title_end_char(doc_text, title_separator)
        # section labels of structured abstracts are never names, nor part of one (issue 19)
        labels = section_label_units(units, doc_text, self.title_end)
        for k in labels:
            units[k] = units[k]._replace(shape="lower")
        for k in after_label_units(units, labels):
            units[k] = units[k]._replace(sent_start=True)  # "Results: Internally, X ..."
        self.units = units
        self.tok2unit = token_units(units)
        self.sent_of = unit_sentences(units, self.title_end)
        self.taken = [False] * len(units)
        self.cands: list[Candidate] = []
        #: the units of every candidate found (set once the candidates are complete)
        self.name_units: frozenset[int] = frozenset()
        self.blocked = concept_blocked(doc, units, concept_spans)
        self.generic_shorts, self.named_shorts = split_abbreviations(abbreviations, doc, lexicon)
        self.blocked.update(spelling_units(units, self.tok2unit, abbreviations))
        #: the words the text writes in lower case (a capitalised one of them is no name)
        self.lower_words = lower_case_words(units)
        #: capitalised words that do not open a sentence
        self.caps = [k for k, u in enumerate(units) if u.shape == "cap" and not u.sent_start]
        #: capitalised words that open a sentence
        self.cap_starts = [k for k, u in enumerate(units) if u.shape == "cap" and u.sent_start]
        #: the last unit of the name starting at each unit asked so far (:meth:`extend_right`)
        self.lasts: dict[int, int] = {}
        #: the text of each unit, made when first asked (:meth:`units_with_text`)
        self.unit_texts: list[str] | None = None

    def text(self, first: int, last: int) -> str:
        """The text of units ``first..last`` as the Doc writes it."""
        last_unit = self.units[last]
        return self.doc_text[self.units[first].char : last_unit.char + len(last_unit.text)]

    def add(self, first: int, last: int, rule: str, conf: float, **kw: object) -> Candidate | None:
        """Make units ``first..last`` a candidate, unless a unit is taken or the text is
        stop-listed, a measure, or a variable with its measured value; extra keywords set
        :class:`Candidate` fields."""
        if any(self.taken[first : last + 1]):
            return None
        if (
            dimension_prefix(self.units, first, self.sent_of)
            or variant_prefix(self.units, first, self.sent_of)
        ) and not self.taken[first - 1]:
            first -= 1  # "a 3D ResNet-18", "a bidirectional LSTM": part of the name
        text = self.text(first, last)
        if stopped_name(text, kw.get("known") is not None, self.lexicon) or self.lexicon.is_measure(
            text
        ):
            return None
        if measured(self.units, last, self.lexicon):
            return None  # "VMLSS 15.0 km·h⁻¹": a variable with its measured value (issue 19)
        c = Candidate(self.units[first].start, self.units[last].end, first, last, text, rule, conf)
        for name, value in kw.items():
            setattr(c, name, value)
        for m in range(first, last + 1):
            self.taken[m] = True
        self.cands.append(c)
        return c

    def occurrences(self, first: int, last: int) -> list[int]:
        """Start units of the other places where the units first..last occur verbatim."""
        units = self.units
        width = last - first
        return [
            k
            for k in self.units_with_text(units[first].text)
            if k != first
            and k + width < len(units)
            and all(units[k + i].text == units[first + i].text for i in range(1, width + 1))
        ]

    def units_with_text(self, text: str) -> list[int]:
        """The units written ``text``, in order; a scan, not an index built for every Doc: only
        a title prefix or a "++" name asks (issue 15: speed); the units' texts are listed once
        and searched by ``list.index``."""
        texts = self.unit_texts
        if texts is None:
            texts = self.unit_texts = [u.text for u in self.units]
        found: list[int] = []
        k = -1
        while True:
            try:
                k = texts.index(text, k + 1)
            except ValueError:
                return found
            found.append(k)

    def extend_right(self, k: int) -> int:
        """The last unit of a name starting at ``k``, over versions and sizes (found once per
        unit: the phases ask for the same starts again, and the units do not change)."""
        last = self.lasts.get(k)
        if last is None:
            last = extend_right(self.units, k, self.lexicon, self.sent_of, self.generic_shorts)
            self.lasts[k] = last
        return last

    def open_word(self, k: int) -> bool:
        """Whether the capitalised word at unit ``k`` is free to be a name: not taken, not
        inside a concept, not stop-listed, not a numbered noun, a generic or name head
        ("on Benchmarks"), a participle ("the Curated dataset") or a word the text also writes
        in lower case."""
        u = self.units[k]
        return (
            u.shape == "cap"
            and not self.taken[k]
            and k not in self.blocked
            and not self.lexicon.is_stopped(u.text)
            and not numbered_noun(u.text, self.lexicon)
            and u.text.lower() not in self.lexicon.generic_heads
            and not head_word(u.text, self.lexicon)
            and not ordinary_word(u.text, self.lower_words)
            and not participle_word(u.text)
        )


def token_units(units: Sequence[Unit]) -> dict[int, int]:
    """Token offset → index of the unit that holds the token.

    >>> token_units([Unit(0, 2, "GPT-4", "strong", True, False, 0),
    ...              Unit(2, 3, "and", "lower", False, True, 6)])
    {0: 0, 1: 0, 2: 1}
    """
    tok2unit: dict[int, int] = {}
    for k, u in enumerate(units):
        if u.end - u.start == 1:  # most units are one token: no range object (speed)
            tok2unit[u.start] = k
        else:
            for t in range(u.start, u.end):
                tok2unit[t] = k
    return tok2unit


def unit_sentences(units: Sequence[Unit], title_end: int) -> list[int]:
    """The sentence number of each unit; the title (units before ``title_end``) is a sentence
    of its own, so the units after it move one sentence on (units are in text order).

    >>> us = [Unit(0, 1, "A", "cap", True, False, 0), Unit(1, 2, "B", "cap", False, True, 3),
    ...       Unit(2, 3, "C", "cap", True, True, 5)]
    >>> unit_sentences(us, 0), unit_sentences(us, 2)
    ([0, 0, 1], [0, 1, 2])
    """
    n = len(units)
    n_title = 0
    while n_title < n and units[n_title].char < title_end:
        n_title += 1
    # each unit's step from the one before, summed up (issue 15: speed)
    steps = [1 if u.sent_start else 0 for u in units]
    if steps:
        steps[0] = 0
    if 0 < n_title < n:
        steps[n_title] += 1
    return list(accumulate(steps))


def number_forms(short: str) -> tuple[str, str]:
    """A short form and its other grammatical number: a plural "s" after a capital is dropped,
    else added.

    >>> number_forms("eQTLs"), number_forms("SDOH"), number_forms("Ms")
    (('eQTLs', 'eQTL'), ('SDOH', 'SDOHs'), ('Ms', 'Mss'))
    """
    if len(short) > 2 and short.endswith("s") and short[-2].isupper():
        return short, short[:-1]
    return short, short + "s"


def split_abbreviations(
    abbreviations: Sequence[AbbreviationPair], doc: Doc, lexicon: Lexicon
) -> tuple[set[str], dict[str, AbbreviationPair]]:
    """Short forms whose long form is generic ("deep learning (DL)") or names a process
    ("Reinforcement Learning with Verifiable Rewards (RLVR)") — not names — and the others with
    their pair (kept as names); the first pair of a short form decides. A generic short form
    is generic in the singular and plural alike ("quantitative trait loci (eQTLs)" ... "eQTL
    prioritization")."""
    generic_shorts: set[str] = set()
    named_shorts: dict[str, AbbreviationPair] = {}
    for pair in abbreviations:
        if pair.short_text in named_shorts or pair.short_text in generic_shorts:
            continue
        if (
            (
                long_form_is_generic(pair.long_text, lexicon)
                or (
                    names_a_process(pair.long_text)
                    and not after_naming_verb(doc, pair.long_start, lexicon)
                )
            )
            and lexicon.known.lookup(pair.short_text) is None
            and not head_after_short(words_after(doc, pair.short_end), lexicon.dataset_heads)
            # a named score's short form is a name; its context decides (names.scores)
            and not long_form_names_score(pair.long_text, lexicon.instrument_words)
        ):
            generic_shorts.update(number_forms(pair.short_text))
        else:
            named_shorts[pair.short_text] = pair
    return generic_shorts, named_shorts


def find_mentions(
    doc: Doc,
    lexicon: Lexicon,
    *,
    known_spans: Sequence[tuple[int, int, KnownEntity]] = (),
    abbreviations: Sequence[AbbreviationPair] = (),
    ner_spans: Sequence[tuple[int, int, str]] = (),
    concept_spans: Sequence[tuple[int, int]] = (),
    title_separator: str = "\n\n",
    ner_confidence: float = 0.5,
    ner_cap_confidence: float = 0.4,
) -> list[Mention]:
    """Find, type, key and role every dataset/model mention of a Doc.

    Args:
        doc: a tokenized Doc (sentence boundaries help but are optional).
        lexicon: the cue lexicon and curated table.
        known_spans: curated-table phrase matches as (start, end, entity) token offsets.
        abbreviations: abbreviation pairs (see ``kg.nlp.components.abbreviations``).
        ner_spans: statistical NER hits as (start, end, label) with label DATASET/MODEL.
        concept_spans: (start, end) of modality/task/metric mentions; a name-shaped unit
            inside one ("F1-score", "nDCG@10", "SSIM") is not a dataset or model.
        title_separator: text that separates the title from the abstract in ``doc.text``.
        ner_confidence: confidence given to name-shaped names only the NER found.
        ner_cap_confidence: confidence given to plain capitalised words ("Mamba") only the
            NER found (below ``kg.statements.LINK_THRESHOLD``: kept as mentions, not links,
            until their precision supports more; see ``kg.nlp.components.ner_gate``).

    Returns:
        Mentions sorted by position, non-overlapping.
    """
    doc_text = text_of(doc)
    units = doc_units(doc, lexicon, doc_text)
    if not units:
        return []
    scan = _Scan(
        doc,
        lexicon,
        units,
        doc_text,
        title_separator=title_separator,
        concept_spans=concept_spans,
        abbreviations=abbreviations,
    )
    _add_candidates(
        scan,
        known_spans=known_spans,
        abbreviations=abbreviations,
        ner_spans=ner_spans,
        ner_confidence=ner_confidence,
        ner_cap_confidence=ner_cap_confidence,
    )
    if not scan.cands:
        return []
    _complete_candidates(scan, abbreviations)
    score_types(scan.units, scan.cands, lexicon, scan.sent_of, scan.named_shorts)
    scan.name_units = frozenset(k for c in scan.cands for k in range(c.first_unit, c.last_unit + 1))
    scan.cands = [
        c
        for c in scan.cands
        if not (scorer_not_model(scan.units, c, lexicon) and not _predicting_score(scan, c))
        and not (
            c.known is None
            and names_a_statistic(
                scan.units,
                c.last_unit,
                lexicon.statistic_words,
                lexicon.data_nouns_or_dataset_heads,
            )
        )
    ]
    if not scan.cands:
        return []
    lowered = [u.text.lower() for u in scan.units]
    sentence_sets: dict[int, frozenset[str]] = {}  # each sentence's words, made once
    for c in scan.cands:
        if not c.introduced:
            c.introduced = mention_introduced(
                scan.units, c.first_unit, c.last_unit, lexicon, scan.sent_of, lowered, sentence_sets
            )
    propagate_groups(scan.units, scan.cands, scan.lexicon, lowered)
    return _entity_mentions(scan)


def _add_candidates(
    scan: _Scan,
    *,
    known_spans: Sequence[tuple[int, int, KnownEntity]],
    abbreviations: Sequence[AbbreviationPair],
    ner_spans: Sequence[tuple[int, int, str]],
    ner_confidence: float,
    ner_cap_confidence: float,
) -> None:
    """Run the candidate phases over ``scan`` (arguments as in :func:`find_mentions`), in
    order of precedence: a unit an earlier phase took is not a later one's."""
    _add_title_prefix(scan)
    _add_abbreviation_long_forms(scan, abbreviations)
    _add_hub_paths(scan)
    _add_curated_names(scan, known_spans)
    _add_long_names(scan)
    _add_name_shapes(scan)
    _add_names_in_lists(scan)
    _add_names_after_list_nouns(scan)
    _add_names_after_heads(scan)
    _add_product_names(scan)
    _add_names_before_heads(scan)
    _add_score_names(scan)
    _add_models_named_by_description(scan)
    _add_names_after_data_verbs(scan)
    _add_names_before_data_heads(scan)
    _add_long_names_before_data_heads(scan)
    _add_described_names(scan)
    _extend_names_left(scan)
    _extend_names_to_data_heads(scan)
    _join_juxtaposed(scan)
    # NER hits last: rules win on overlap, and an NER span on a rule candidate is not type
    # evidence either (as evidence it flipped two correct dev-set types; its weak labels were
    # the rules' own, less exactly); after the capitalised-word phases so that it never takes
    # a name from them
    _add_ner_names(scan, ner_spans, ner_confidence, ner_cap_confidence)


#: rules whose span is already whole: the title's prefix, a long form, a hub path
_WHOLE_SPAN_RULES = frozenset({"title_prefix", "abbreviation_long_form", "hub_path"})


def _extend_names_left(scan: _Scan) -> None:
    """A capitalised word right before a found name that is no ordinary word of the abstract
    starts the name, as it does before a curated one (:func:`name_word_before`): "Using
    Tabula Sapiens as a test set" names "Tabula Sapiens", not "Sapiens"."""
    units, sent_of = scan.units, scan.sent_of
    for c in scan.cands:
        k = c.first_unit - 1
        if (
            c.known is None
            and c.rule not in _WHOLE_SPAN_RULES
            and k >= 0
            and not scan.taken[k]
            and units[c.first_unit].space_before
            and sent_of[k] == sent_of[c.first_unit]
            and not scan.lexicon.is_stopped(units[k].text)
            and scan.lexicon.known.lookup(units[k].text) is None
            and not nationality_form(units[k].text)
            and name_word_before(
                units, c.first_unit, scan.title_end, scan.lower_words, scan.lexicon
            )
        ):
            scan.taken[k] = True
            c.first_unit = k
            c.start = units[k].start
            c.text = scan.text(k, c.last_unit)


def _extend_names_to_data_heads(scan: _Scan) -> None:
    """Capitalised words between a found name and a dataset head noun are part of the name
    (:func:`title_run_to_data_head`): "the SIIM-ACR Pneumothorax Segmentation dataset"."""
    units, heads = scan.units, scan.lexicon.dataset_heads
    for c in scan.cands:
        if c.rule in _WHOLE_SPAN_RULES:
            continue
        last = title_run_to_data_head(units, c.last_unit, scan.sent_of, heads)
        if last is None or any(scan.taken[c.last_unit + 1 : last + 1]):
            continue
        for m in range(c.last_unit + 1, last + 1):
            scan.taken[m] = True
        c.last_unit = last
        c.end = units[last].end
        c.text = scan.text(c.first_unit, last)


def juxtaposed(units: Sequence[Unit], a_last: int, b_first: int, b_last: int) -> bool:
    """Whether a plain capitalised word (units ``b_first..b_last``, one unit) written right
    after a name-shaped word (ending at unit ``a_last``), a space between and nothing else,
    completes one name with it: "ECG-LVSD Sentinel, a convolutional network", "RETFound
    Nova". Two names are written with a comma or "and" between, never bare.

    >>> us = [Unit(0, 1, "ECG-LVSD", "strong", False, True),
    ...       Unit(1, 2, "Sentinel", "cap", False, True), Unit(2, 3, ",", "punct", False, False)]
    >>> juxtaposed(us, 0, 1, 1)
    True
    >>> us[1] = Unit(1, 2, "Sentinel", "cap", True, True)  # a new sentence opens
    >>> juxtaposed(us, 0, 1, 1)
    False
    """
    b = units[b_first]
    return (
        b_first == a_last + 1
        and b_first == b_last
        and b.shape == "cap"
        and b.space_before
        and not b.sent_start
        and units[a_last].shape == "strong"
    )


def _join_juxtaposed(scan: _Scan) -> None:
    """Two rule candidates written side by side as one name (:func:`juxtaposed`) become one:
    the first takes the second's word (branch names16)."""
    cands = sorted(scan.cands, key=lambda c: c.first_unit)
    dropped: set[int] = set()
    for a, b in pairwise(cands):
        if (
            id(a) not in dropped
            and a.known is None
            and b.known is None
            and scan.sent_of[a.last_unit] == scan.sent_of[b.first_unit]
            and juxtaposed(scan.units, a.last_unit, b.first_unit, b.last_unit)
        ):
            a.last_unit, a.end = b.last_unit, b.end
            a.text = scan.text(a.first_unit, a.last_unit)
            a.base_conf = max(a.base_conf, b.base_conf)
            dropped.add(id(b))
    if dropped:
        scan.cands = [c for c in scan.cands if id(c) not in dropped]


def _complete_candidates(scan: _Scan, abbreviations: Sequence[AbbreviationPair]) -> None:
    """Add the other occurrences, "+" bases and slash variants of the candidates found, then
    key them, sorting the candidates by position again where a step added some (the next one
    reads them in text order)."""
    scan.cands.sort(key=lambda c: c.start)
    _add_other_occurrences(scan)
    _add_plus_bases(scan)
    scan.cands.sort(key=lambda c: c.start)
    _add_slash_variants(scan)
    scan.cands.sort(key=lambda c: c.start)
    _assign_keys(scan, abbreviations)
    scan.cands.sort(key=lambda c: c.start)


def _add_title_prefix(scan: _Scan) -> None:
    """A title prefix "X: ..." names the paper's own dataset or system; find it everywhere."""
    units, lexicon, doc, title_end = scan.units, scan.lexicon, scan.doc, scan.title_end
    prefix = title_prefix_units(units, doc, title_end) if title_end else None
    if prefix is None:
        return
    first, sep = prefix
    if sep - first >= 2 and gerund_opener(units[first].text):
        if sep - first > 2:
            return  # "Evaluating Ambient AI Scribes: ...": a phrase, no name
        first += 1  # "Building X: ...": the name is X
    pre = units[first:sep]
    shapes = {u.shape for u in pre}
    ok = (
        bool(pre)
        and "lower" not in shapes
        and "adj" not in shapes
        and (
            "strong" in shapes
            or ("num" in shapes and "cap" in shapes)
            or (
                len(pre) == 1
                and pre[0].shape == "cap"
                and any(
                    opens_written_name(pre[0].text, u.text)
                    for u in units[sep:]
                    if u.char >= title_end
                )
            )
        )
    )
    if not ok or len(pre) > 4 or title_names_org(units, sep, title_end, doc, lexicon):
        return
    ttype: NameType | None = title_type(units, sep, title_end, doc, lexicon, pre)
    head_type = trailing_head_type([u.text for u in pre], lexicon)
    if head_type is not None:
        # "OLIVES Dataset: ...": the name is OLIVES, and the head says what it is
        ttype, sep = head_type, sep - 1
    weight = 4.0 if ttype == "dataset" else 1.0
    parts = ampersand_parts(units, first, sep - 1)
    if len(parts) > 1:
        ttype = None  # "X & X-5M: ...": the title's kind is not each name's; context types them
    for lo, hi in parts:
        c0 = scan.add(
            lo, hi, "title_prefix", 0.95, title_type=ttype, title_weight=weight, introduced=True
        )
        if c0 is not None:
            for k in scan.occurrences(lo, hi):
                last = scan.extend_right(k + hi - lo)
                scan.add(k, last, "title_prefix", 0.95, title_type=ttype)


def gerund_opener(word: str) -> bool:
    """Whether a title prefix's first word is a gerund that makes the prefix a phrase about a
    name, not the name: "Building X: ...", "Evaluating Y Z: ..." (a capitalised word of six
    letters or more ending in "ing").

    >>> [gerund_opener(w) for w in ("Building", "Benchmarking", "Ming", "LusoPHI", "building")]
    [True, True, False, False, False]
    """
    return len(word) >= 6 and word[0].isupper() and word[1:].islower() and word.endswith("ing")


def opens_written_name(prefix: str, word: str) -> bool:
    """Whether an abstract's word is a title prefix's name or a sized or versioned form of it
    ("Vellum-Med" in "Vellum-Med-8B", "Vellum-Med-v2"): then the capitalised prefix names the
    paper's own system even though the abstract never writes it alone.

    >>> [opens_written_name("Vellum-Med", w) for w in ("Vellum-Med", "Vellum-Med-8B",
    ...  "Vellum-Medic", "Vellum")]
    [True, True, False, False]
    """
    return word == prefix or (word.startswith(prefix + "-") and len(word) > len(prefix) + 1)


def ampersand_parts(units: Sequence[Unit], first: int, last: int) -> list[tuple[int, int]]:
    """The names an "&" coordinates in units ``first..last``: "GMAI-VL & GMAI-VL-5.5M: ..." in
    a title names two (issue 15, item 3: coordinated names yield one entity each).

    >>> def u(text, shape="strong"):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> ampersand_parts([u("A-1"), u("&", "punct"), u("B-2")], 0, 2)
    [(0, 0), (2, 2)]
    >>> ampersand_parts([u("Med"), u("R1")], 0, 1)
    [(0, 1)]
    """
    parts: list[tuple[int, int]] = []
    lo = first
    for k in range(first, last + 1):
        if units[k].text == "&":
            if lo < k:
                parts.append((lo, k - 1))
            lo = k + 1
    if lo <= last:
        parts.append((lo, last))
    return parts


def _short_is_name(scan: _Scan, pair: AbbreviationPair) -> bool:
    """Whether the short form of ``pair`` is a name: curated, or name-shaped and not stopped."""
    k = scan.tok2unit.get(pair.short_start)
    if k is None or k in scan.blocked or pair.short_text not in scan.named_shorts:
        return False
    if scan.lexicon.known.lookup(pair.short_text) is not None:
        return True
    return scan.units[k].shape == "strong" and not scan.lexicon.is_stopped(pair.short_text)


def _add_abbreviation_long_forms(scan: _Scan, abbreviations: Sequence[AbbreviationPair]) -> None:
    """Long forms of named abbreviations: "Segment Anything Model (SAM)"."""
    units, sent_of = scan.units, scan.sent_of
    for pair in abbreviations:
        if not _short_is_name(scan, pair):
            continue
        lf = scan.tok2unit.get(pair.long_start)
        ll = scan.tok2unit.get(pair.long_end - 1)
        if lf is None or ll is None or sent_of[lf] != sent_of[ll]:
            continue
        while lf < ll and units[lf].text.lower() in FUNCTION_WORDS | {"we", "our"}:
            lf += 1
        if ll - lf > 8:  # counted without the article: "The X ... cohort (X-Y)"
            continue
        if any(units[m].text in {".", ";"} for m in range(lf, ll + 1)):
            continue
        scan.add(
            lf,
            ll,
            "abbreviation_long_form",
            defined_name_confidence(pair.short_text, scan.lexicon, scan.text(lf, ll)),
            long_form=True,
        )


def _add_curated_names(scan: _Scan, known_spans: Sequence[tuple[int, int, KnownEntity]]) -> None:
    """Curated names (the phrase matcher's hits aligned to units), with a name-shaped word
    before one making a new name built on it ("PMC Llama")."""
    units, sent_of, lexicon = scan.units, scan.sent_of, scan.lexicon
    for start, end, entity in sorted(known_spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        first = scan.tok2unit.get(start)
        last = scan.tok2unit.get(end - 1)
        if first is None or last is None or units[first].start != start or units[last].end != end:
            continue
        curated_last = last
        last = scan.extend_right(last)
        known: KnownEntity | None = entity
        if last > curated_last and own_head_dataset(scan.text(first, last), lexicon.name_ends):
            # a curated name modifying a capitalised collection noun names the collection,
            # not itself: "the AlphaFold Protein Structure Database" is data
            known = None
        if (
            first > 0
            and units[first].space_before
            and (
                units[first - 1].shape == "strong"
                or name_word_before(units, first, scan.title_end, scan.lower_words, lexicon)
            )
            and not scan.taken[first - 1]
            and sent_of[first - 1] == sent_of[first]
            and not lexicon.is_stopped(units[first - 1].text)
            and lexicon.known.lookup(units[first - 1].text) is None
        ):
            first -= 1
            known = None
        scan.add(first, last, "known_entity", 0.95, known=known)


def name_shape_confidence(all_caps: bool, one_unit: bool, alphabetic: bool) -> float:
    """Confidence of a name-shaped unit (and its version/size units) by its spelling: a bare
    upper-case acronym 0.45 (below the link threshold: most are not names), another all-caps
    single unit 0.6, anything else 0.7.

    >>> [name_shape_confidence(*a) for a in [(True, True, True), (True, True, False),
    ...                                       (True, False, True), (False, True, True)]]
    [0.45, 0.6, 0.7, 0.7]
    """
    if all_caps and one_unit:
        return 0.45 if alphabetic else 0.6
    return 0.7


_HUB_PART = re.compile(r"^[a-z][a-z0-9.]*$")


def hub_model_id(text: str, lexicon: Lexicon) -> bool:
    """Whether a lower-case hyphenated word is a model-hub identifier: a family and a size or
    variant part ("bert-base-uncased", "roberta-large"; issue 15, item 3: model names written
    the many ways papers write them). Three parts, or a curated family first; a word like
    "large-scale" or "small-sample" ends in no variant part.

    >>> from kg.known_entities import parse_known_entities
    >>> rows = [{"kind": "variant_word", "text": t} for t in ("large", "uncased")]
    >>> lex = Lexicon.from_patterns({"models": rows}, parse_known_entities([]))
    >>> [hub_model_id(t, lex) for t in ("bert-base-uncased", "extra-large", "large-scale",
    ...                                 "Foo-base-large")]
    [True, False, False, False]
    """
    parts = text.split("-")
    if len(parts) < 2 or not all(_HUB_PART.match(p) for p in parts):
        return False
    if parts[-1] not in lexicon.variant_words:
        return False
    return len(parts) >= 3 or lexicon.known.lookup(parts[0]) is not None


_HUB_OWNER = re.compile(r"^[a-z0-9][a-z0-9_.-]*[a-z0-9]$")
_HUB_REPO = re.compile(r"^(?=.*[A-Za-z])(?=.*[A-Z0-9])[A-Za-z0-9][A-Za-z0-9_.-]*$")


def hub_path_at(units: Sequence[Unit], k: int) -> bool:
    """Whether units ``k``..``k + 2`` spell a model-hub path, "owner/repository", written
    without spaces: "microsoft/BiomedVLP-CXR-BERT-specialized", "google/flan-t5-base" (issue
    15, item 3: model names written the many ways papers write them). The owner is one
    lower-case word that is not a function word; the repository has a capital or a digit, so
    "and/or", "mg/kg" and "few-shot/full-shot" are no paths. A path inside a longer one (a
    URL's "github.com/owner/repo": URL words are lower case here) is none either.

    >>> def u(text, shape, space=True):
    ...     return Unit(0, 1, text, shape, False, space)
    >>> def path(a, b, shape="strong"):
    ...     return [u(a, "lower"), u("/", "punct", False), u(b, shape, False)]
    >>> [hub_path_at(path(a, b), 0) for a, b in (("microsoft", "BiomedVLP-CXR"),
    ...  ("google", "flan-t5-base"), ("and", "Or-2"), ("mg", "kg"), ("x", "Y-1"))]
    [True, True, False, False, False]
    >>> hub_path_at([u("google", "lower"), u("/", "punct"), u("T5", "strong")], 0)
    False
    >>> hub_path_at(path("binary", "multi-class", "lower"), 0)
    False
    >>> url = [u("github.com", "lower"), u("/", "punct", False), u("x1", "lower", False)]
    >>> hub_path_at(url + [u("/", "punct", False), u("Repo", "strong", False)], 2)
    False
    """
    if k + 2 >= len(units):
        return False
    owner, slash, repo = units[k], units[k + 1], units[k + 2]
    if k > 0 and units[k - 1].text == "/" and not owner.space_before:
        return False  # a longer path: "github.com/owner/repo", "huggingface.co/datasets/x"
    if k + 3 < len(units) and units[k + 3].text == "/" and not units[k + 3].space_before:
        return False
    return (
        owner.shape == "lower"
        and slash.text == "/"
        and not slash.space_before
        and not repo.space_before
        and owner.text not in STOP_WORDS
        and _HUB_OWNER.match(owner.text) is not None
        and _HUB_REPO.match(repo.text) is not None
    )


def _add_hub_paths(scan: _Scan) -> None:
    """Model-hub paths, "owner/repository", as one name; the curated entity of the
    repository's name, when there is one, is the path's entity too."""
    units = scan.units
    for k in range(len(units) - 2):
        if units[k + 1].text == "/" and hub_path_at(units, k) and k not in scan.blocked:
            known = scan.lexicon.known.lookup(units[k + 2].text)
            scan.add(k, k + 2, "hub_path", 0.7, known=known)


def curated_with_tier(text: str, lexicon: Lexicon) -> bool:
    """Whether a capitalised hyphenated word is a curated model and its lower-case tier:
    "Whisper-medium", "Whisper-large" (issue 15, item 3: well-known names written the many
    ways papers write them); "Whisper-like" or an unknown "Foo-large" is none.

    >>> from kg.known_entities import parse_known_entities
    >>> rows = [{"kind": "variant_word", "text": "medium"}]
    >>> lex = Lexicon.from_patterns({"models": rows}, parse_known_entities(
    ...     ["type\\tname\\taliases\\twikidata", "model\\tWhisper\\t\\t"]))
    >>> [curated_with_tier(t, lex) for t in ("Whisper-medium", "Whisper-like", "Foo-medium")]
    [True, False, False]
    """
    head, _, tail = text.partition("-")
    parts = tail.split("-")
    if not all(_HUB_PART.match(p) for p in parts) or parts[-1] not in lexicon.variant_words:
        return False
    known = lexicon.known.lookup(head)
    return known is not None and known.entity_type == "model"


def _add_name_shapes(scan: _Scan) -> None:
    """Name-shaped units ("GPT-4", "CheXpert"), and capitalised words with a version number
    ("Llama 3"), each extended over versions and sizes."""
    units, lexicon, sent_of = scan.units, scan.lexicon, scan.sent_of
    for k, u in enumerate(units):
        if scan.taken[k] or k in scan.blocked:
            continue
        if u.shape == "strong":
            if (
                lexicon.is_stopped(u.text)
                or u.text in scan.generic_shorts
                or recipe_compound(u.text, lexicon)
            ):
                continue
            last = scan.extend_right(k)
            all_caps = not any(c.islower() for c in scan.text(k, last))
            conf = name_shape_confidence(all_caps, last == k, u.text.isalpha())
            if u.text in scan.named_shorts:
                conf = defined_name_confidence(u.text, lexicon)
            scan.add(k, last, "name_shape", conf)
        elif "-" in u.text and (
            (u.shape == "lower" and hub_model_id(u.text, lexicon))
            or (u.shape == "cap" and curated_with_tier(u.text, lexicon))
        ):
            scan.add(k, k, "hub_id", 0.7)
        elif (
            u.shape == "cap"
            and k + 1 < len(units)
            and units[k + 1].shape == "num"
            and units[k + 1].space_before
        ):
            if numbered_noun(u.text, lexicon) or lexicon.is_stopped(u.text):
                continue
            if not version_names(u.text, units[k + 1].text):
                continue
            if sent_of[k + 1] != sent_of[k]:
                continue
            scan.add(k, scan.extend_right(k), "name_version", 0.75)


def _add_names_in_lists(scan: _Scan) -> None:
    """Capitalised words listed among names ("MEDITRON, Mistral, InternLM 2 and Claude");
    twice, so that a name found in the first pass vouches for its neighbours in the second."""
    units, lexicon, lower_words = scan.units, scan.lexicon, scan.lower_words
    for _ in range(2):
        cand_by_first = {c.first_unit: c for c in scan.cands}
        cand_by_last = {c.last_unit: c for c in scan.cands}
        for k in scan.caps:
            u = units[k]
            if scan.taken[k] or k in scan.blocked or lexicon.is_stopped(u.text):
                continue
            if numbered_noun(u.text, lexicon) or u.text.lower() in lexicon.generic_heads:
                continue
            if ordinary_word(u.text, lower_words) or u.text.lower() in STOP_WORDS:
                continue  # "X, Towards ..." in a title: a function word is no list item
            if opens_longer_name(units, k, cand_by_first):
                continue  # "..., Aya Expanse 32B, ...": the found name starts here (left phase)
            left = k >= 2 and units[k - 1].text in {",", "and", "or"} and (k - 2) in cand_by_last
            right = (
                k + 2 < len(units)
                and units[k + 1].text in {",", "and", "or"}
                and (k + 2) in cand_by_first
            )
            if (
                (left and right)
                or (left and units[k - 1].text == ",")
                or (right and units[k + 1].text == ",")
                or (left and list_tail(units, k - 2, cand_by_last))
            ):
                scan.add(k, scan.extend_right(k), "name_in_list", 0.6)


def opens_longer_name(units: Sequence[Unit], k: int, cand_by_first: dict[int, Candidate]) -> bool:
    """Whether the capitalised word at unit ``k`` is the first word of a found name that opens
    right after it with another capitalised word ("Aya" before "Expanse 32B"): the two are one
    name, which :func:`_extend_names_left` joins; as a list item of its own the word would
    split it."""
    nxt = k + 1
    return (
        nxt in cand_by_first
        and nxt < len(units)
        and units[nxt].space_before
        and units[nxt].shape == "cap"
    )


def list_tail(units: Sequence[Unit], j: int, cand_by_last: dict[int, Candidate]) -> bool:
    """Whether the name ending at unit ``j``, before "and"/"or", is itself listed after a
    comma and another name: in "GRU-D, SeFT and Raindrop" the last item is listed among names
    like the others (issue 15, item 3: unseen single Titlecase names); in "SeFT and Raindrop"
    alone it is not vouched for."""
    first = cand_by_last[j].first_unit
    return first >= 2 and units[first - 1].text == "," and (first - 2) in cand_by_last


def _add_names_after_list_nouns(scan: _Scan) -> None:
    """Capitalised words listed after a plural head noun: "registration frameworks (such as
    Elastix and Voxelmorph)", "benchmarks like Medbullets" (issue 15, item 3: unseen single
    Titlecase names)."""
    units, lexicon, sent_of = scan.units, scan.lexicon, scan.sent_of
    list_nouns = lexicon.dataset_list_nouns | lexicon.model_list_nouns
    for k in scan.caps:
        if (
            scan.taken[k]
            or k in scan.blocked
            or not listed_after_noun(units, k, sent_of, list_nouns)
        ):
            continue
        for m in list_items(units, k, sent_of):
            u = units[m]
            if (
                scan.taken[m]
                or m in scan.blocked
                or u.shape != "cap"
                or lexicon.is_stopped(u.text)
                or numbered_noun(u.text, lexicon)
                or u.text.lower() in lexicon.generic_heads
                or ordinary_word(u.text, scan.lower_words)
            ):
                continue
            last = scan.extend_right(m)
            if item_ends_at(units, last):
                scan.add(m, last, "name_after_list_noun", 0.6)


def _free_cap(scan: _Scan, k: int) -> bool:
    """Whether the capitalised unit ``k`` may start a name no other rule took: not taken or
    blocked, not a stop word, a numbered noun, a generic head or an ordinary word."""
    text = scan.units[k].text
    lexicon = scan.lexicon
    return not (
        scan.taken[k]
        or k in scan.blocked
        or lexicon.is_stopped(text)
        or numbered_noun(text, lexicon)
        or text.lower() in lexicon.generic_heads
        or ordinary_word(text, scan.lower_words)
    )


def _add_names_after_heads(scan: _Scan) -> None:
    """A capitalised word right after a singular head noun names it: "the state space model
    Mamba", "our clinical language model, Asclepius" (issue 15, item 3: unseen Titlecase)."""
    units, lexicon = scan.units, scan.lexicon
    for k in scan.caps:
        if not _free_cap(scan, k):
            continue
        if named_by_head_before(units, k, scan.sent_of, lexicon.name_heads, lexicon.model_heads):
            scan.add(k, scan.extend_right(k), "name_after_head", 0.6)


def _add_product_names(scan: _Scan) -> None:
    """A capitalised word named as a product: after a product word ("the commercially
    available Somnolyzer", "a commercial algorithm (Vendra, version 3)") or before a bracketed
    software version ("Transpara (version 1.7.1) assigned ..."; a sentence's first word too:
    the version vouches for it). A title's words after a product word are title case, not
    names."""
    units, lexicon = scan.units, scan.lexicon
    for k in sorted((*scan.caps, *scan.cap_starts)):
        u = units[k]
        if not _free_cap(scan, k):
            continue
        last = scan.extend_right(k)
        if version_in_brackets(units, last) or (
            not u.sent_start
            and u.char > scan.title_end  # a title capitalises its words: "Proprietary Large ..."
            and product_word_before(units, k, lexicon.product_words)
        ):
            scan.add(k, last, "product_name", 0.7)


def _add_names_before_heads(scan: _Scan) -> None:
    """A capitalised word between a determiner and a lower-case head noun: "the Apollo
    models", "our SCIN dataset"."""
    units, lexicon = scan.units, scan.lexicon
    heads = lexicon.name_heads
    for k in scan.caps:
        u = units[k]
        if scan.taken[k] or k in scan.blocked or lexicon.is_stopped(u.text):
            continue
        if k == 0 or units[k - 1].text.lower() not in {"the", "our", "a", "an"}:
            continue
        if (
            k + 1 < len(units)
            and units[k + 1].text in heads
            and not numbered_noun(u.text, lexicon)
            and not participle_word(u.text)
            and not attributive_nationality(units, k)  # "the Brazilian cohort"
        ):
            scan.add(k, k, "name_head", 0.6)


def _add_score_names(scan: _Scan) -> None:
    """A capitalised word between "the" and a lower-case score head, where the paper uses the
    score as a predictor: "compared with the Caprini score", "0.66 for the Wells score"
    (names.scores; in "patients with a Wells score above 4" it names no model)."""
    units, lexicon = scan.units, scan.lexicon
    for k in range(1, len(units) - 1):
        u = units[k]
        if (
            u.shape in ("cap", "strong")
            and not u.sent_start
            and headed_as_score(units, k)
            and units[k - 1].text.lower() == "the"
            and not scan.taken[k]
            and k not in scan.blocked
            and not lexicon.is_stopped(u.text)
            and not never_predicts(u.text)
            and _used_as_predictor(scan, k, k)
        ):
            scan.add(k, k, "score_name", _PREDICTOR_SCORE_CONFIDENCE)


#: eponyms of statistical models of analysis ("the Cox model"), never a named predictor
_REGRESSION_EPONYMS = wordlist("names_wordlists", "regression_eponyms")
#: at most this many capitalised words name a model by its makers or place ("the Mayo Clinic
#: model")
_DESCRIBED_MODEL_WORDS = 3


def model_head_run(units: Sequence[Unit], k: int, sent_of: Sequence[int]) -> int | None:
    """The last unit of a run of plain capitalised words between "the" and a lower-case
    "model" opening at unit ``k`` ("the Mayo Clinic model", "the Gail model"): a model named
    by its makers, its place or its author, or None. A statistical eponym ("the Cox model")
    is a method of analysis, not a named model (branch names16).

    >>> def us(*texts):
    ...     return [Unit(j, j + 1, t, "cap" if t[0].isupper() else "lower", False, True)
    ...             for j, t in enumerate(texts)]
    >>> model_head_run(us("the", "Mayo", "Clinic", "model", "and"), 1, [0] * 5)
    2
    >>> model_head_run(us("the", "Cox", "model", "and"), 1, [0] * 4) is None
    True
    >>> model_head_run(us("a", "Mayo", "Clinic", "model"), 1, [0] * 4) is None
    True
    """
    if k == 0 or units[k - 1].text.lower() != "the":
        return None
    m = k
    while m < len(units) and m - k < _DESCRIBED_MODEL_WORDS and units[m].shape == "cap":
        m += 1
    if m == k or m >= len(units) or sent_of[m] != sent_of[k] or units[m].text != "model":
        return None
    if any(units[j].text.lower() in _REGRESSION_EPONYMS for j in range(k, m)):
        return None
    return m - 1


def common_word_run(units: Sequence[Unit], k: int, last: int, lexicon: Lexicon) -> bool:
    """Whether the capitalised run at units ``k..last`` before "model" holds a common word
    written in title case, which describes the model rather than naming its makers or place:
    a participle ("the Proposed model", "the Mixed Effects model"), a size word ("the Large
    Language model"), a generic head or a stopped word ("the Vision model", "the
    Transformer model"; branch review16a), or a nationality adjective, which says where the
    model comes from ("the Swiss model", "the Korean model"; branch names16b). "the Mayo
    Clinic model" holds none.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({}, parse_known_entities([]))
    >>> def us(*texts):
    ...     return [Unit(j, j + 1, t, "cap", False, True) for j, t in enumerate(texts)]
    >>> common_word_run(us("Proposed"), 0, 0, lex), common_word_run(us("Mayo", "Clinic"), 0, 1, lex)
    (True, False)
    """
    return any(
        participle_word(u.text)
        or nationality_form(u.text)
        or u.text.lower() in lexicon.size_words
        or u.text.lower() in lexicon.generic_heads
        or lexicon.is_stopped(u.text)
        for u in units[k : last + 1]
    )


def _add_models_named_by_description(scan: _Scan) -> None:
    """Capitalised words between "the" and "model" where the paper uses that model as a
    predictor: "compared with the Mayo Clinic model", "the Gail model achieved 0.61"
    (:func:`model_head_run`; in "the Mayo Clinic model of care" nothing is compared)."""
    units = scan.units
    for k in scan.caps:
        if scan.taken[k] or k in scan.blocked:
            continue
        # the run after "the" first: most capitalised words open none (speed16b)
        last = model_head_run(units, k, scan.sent_of)
        if (
            last is None
            or scan.lexicon.is_stopped(units[k].text)
            or any(scan.taken[k : last + 1])
            or never_predicts(units[k].text)
            or common_word_run(units, k, last, scan.lexicon)
        ):
            continue
        # names found so far, and capitalised words: the list may hold other models named
        # by description ("the Gail (BCRAT) model, the X model")
        found = frozenset(
            j for j, t in enumerate(scan.taken) if t or units[j].shape in ("cap", "strong")
        )
        if used_as_predictor(
            units,
            k,
            last,
            scan.sent_of,
            openers=scan.lexicon.comparison_openers,
            score_verbs=scan.lexicon.score_verbs,
            name_units=found,
            concept_units=scan.blocked,
        ):
            scan.add(k, last, "model_named", _PREDICTOR_SCORE_CONFIDENCE)


def _add_long_names(scan: _Scan) -> None:
    """A run of capitalised words after a determiner ("the", "our", "the resulting") that ends
    in a collection word names a dataset: "the Coastal Fundus Grading Set"; so does one before a
    lower-case collection word, "the Kingsmoor PRO dataset" (issue 15, item 3: long multi-word
    dataset names)."""
    units, name_ends = scan.units, scan.lexicon.name_ends
    # an acronym may open the name too: "the IARC Cervical Image Bank"
    openers = sorted(
        {*scan.caps, *(k for k, u in enumerate(units) if acronym_unit(u) and not u.sent_start)}
    )
    for k in openers:
        if k == 0 or scan.taken[k] or not after_determiner(units, k):
            continue
        last = long_name_end(units, k, scan.sent_of, name_ends)
        if last is None:
            lexicon = scan.lexicon
            last = cohort_name_end(
                units, k, scan.sent_of, lexicon.cohort_ends, lexicon.study_design_words
            )
        if last is None and units[k].shape == "cap":
            last = long_name_before_head(units, k, scan.sent_of, name_ends, scan.blocked)
        if last is not None and units[k].text.lower() not in name_ends:
            scan.add(k, last, "long_name", 0.7)


def long_name_before_head(
    units: Sequence[Unit],
    k: int,
    sent_of: Sequence[int],
    name_ends: frozenset[str],
    blocked: set[int] | frozenset[int],
) -> int | None:
    """The last unit of two or more capitalised words or acronyms (a year may close them)
    opening at unit ``k`` before a lower-case collection word: "the Kingsmoor PRO dataset",
    "the Pleural Effusion Grading Challenge 2024 dataset" (issue 15, item 3: long multi-word
    dataset names). A concept word last ("the Pitsford MRI set") is a modifier: None, the
    single name is another rule's.

    >>> def u(text, shape):
    ...     return Unit(0, 1, text, shape, False, True)
    >>> run = [u("Kingsmoor", "cap"), u("PRO", "strong"), u("dataset", "lower")]
    >>> ends = frozenset({"dataset", "set"})
    >>> long_name_before_head(run, 0, [0, 0, 0], ends, set())
    1
    >>> long_name_before_head(run, 0, [0, 0, 0], ends, {1})
    >>> run = [u("Grading", "cap"), u("Challenge", "cap"), u("2024", "num"), u("dataset", "lower")]
    >>> long_name_before_head(run, 0, [0] * 4, ends, set())
    2
    >>> long_name_before_head([u("Pitsford", "cap"), u("dataset", "lower")], 0, [0, 0], ends, set())
    >>> run = [u("Breast", "cap"), u("Cancer", "cap"), u("dataset", "lower")]
    >>> long_name_before_head(run, 0, [0, 0, 0], ends, set())
    >>> run = [u("Medical", "cap"), u("Question", "cap"), u("MQ", "strong"), u("dataset", "lower")]
    >>> long_name_before_head(run, 0, [0] * 4, ends, set())
    """
    m = k
    while (
        m < len(units)
        and m - k < 8
        and sent_of[m] == sent_of[k]
        and (units[m].shape == "cap" or (m > k and acronym_unit(units[m])))
    ):
        m += 1
    if m < len(units) and m - k >= 2 and YEAR.fullmatch(units[m].text) and units[m].space_before:
        m += 1  # "... Challenge 2024 dataset": the edition closes the name
    last = m - 1
    if last <= k or last in blocked or m >= len(units) or sent_of[m] != sent_of[k]:
        return None
    if last - k < 2 and not any(units[j].shape != "cap" for j in range(k, last + 1)):
        return None  # "the Breast Cancer dataset": two plain words describe, they do not name
    if acronym_unit(units[last]) and units[last].text[0] == units[k].text[0]:
        return None  # "the Medical Question Summarization MQS dataset": the run's own acronym
    head = units[m]
    return last if head.shape == "lower" and head.text in name_ends else None


def _add_names_after_data_verbs(scan: _Scan) -> None:
    """Capitalised words after the preposition of a data verb, and those coordinated with
    them: "trained on Orchard and tested on Thistle and Bramble" (issue 15, item 3: unseen
    single Titlecase dataset names)."""
    units, sent_of = scan.units, scan.sent_of
    for k in scan.caps:
        if not data_preposition_before(units, k, sent_of, scan.lexicon) or not scan.open_word(k):
            continue
        for m in list_items(units, k, sent_of):
            if not scan.open_word(m) or attributive_nationality(units, m):
                break
            last = scan.extend_right(m)
            if not (
                name_ends_after(units, last) or data_head_after(units, last, sent_of, scan.lexicon)
            ):
                break
            scan.add(m, last, "name_after_data_verb", 0.6)


def _add_names_before_data_heads(scan: _Scan) -> None:
    """Capitalised words (one, or coordinated) between a determiner and a dataset head or a
    plural data noun: "the public Pebble dataset", "the Wren, Finch and Plover datasets",
    "the Cinder CT scans" (issue 15, item 3: unseen single Titlecase dataset names)."""
    units, sent_of = scan.units, scan.sent_of
    for k in scan.caps:
        if not after_determiner(units, k) or not scan.open_word(k):
            continue
        items = [m for m in list_items(units, k, sent_of) if units[m].shape == "cap"]
        lasts = [scan.extend_right(m) for m in items]
        if not lasts or not data_head_after(units, lasts[-1], sent_of, scan.lexicon):
            continue
        if nationality_list(units, items):
            continue  # "the Brazilian and Japanese cohorts": where data comes from
        for m, last in zip(items, lasts, strict=True):
            if scan.open_word(m) and not attributive_nationality(units, m):
                scan.add(m, last, "name_before_data_head", 0.6)


def capitalised_runs(
    units: Sequence[Unit], k: int, sent_of: Sequence[int]
) -> list[tuple[int, int]]:
    """The runs of capitalised words coordinated from unit ``k`` on ("Cleveland Heart Disease,
    Pima Indians Diabetes and Framingham"), each as (first, last) units, in one sentence.

    >>> def u(text):
    ...     return Unit(0, 1, text, "cap" if text[0].isupper() else "lower", False, True)
    >>> words = "Cleveland Heart Disease , Pima Indians Diabetes and Framingham datasets"
    >>> capitalised_runs([u(w) for w in words.split()], 0, [0] * 10)
    [(0, 2), (4, 6), (8, 8)]
    """
    runs: list[tuple[int, int]] = []
    m = k
    while m < len(units) and sent_of[m] == sent_of[k] and units[m].shape == "cap":
        first = m
        while m + 1 < len(units) and sent_of[m + 1] == sent_of[k] and units[m + 1].shape == "cap":
            m += 1
        runs.append((first, m))
        m += 1
        if m < len(units) and units[m].text == ",":
            m += 1
        if m < len(units) and units[m].text in {"and", "or"}:
            m += 1
        if m == runs[-1][1] + 1:
            break
    return runs


def _add_long_names_before_data_heads(scan: _Scan) -> None:
    """Coordinated capitalised names, some of several words, between a determiner and a
    dataset head: "the Cleveland Heart Disease, Pima Indians Diabetes and Framingham
    datasets" (single words are :func:`_add_names_before_data_heads`'s). Two plain words
    alone describe ("the Breast Cancer dataset"), so a name of several words has three."""
    units, sent_of = scan.units, scan.sent_of
    for k in scan.caps:
        if not after_determiner(units, k) or not scan.open_word(k):
            continue
        runs = capitalised_runs(units, k, sent_of)
        if len(runs) < 2 or all(a == b for a, b in runs):
            continue
        if not data_head_after(units, runs[-1][1], sent_of, scan.lexicon):
            continue
        if any((a != b and b - a < 2) or (a == b and not scan.open_word(a)) for a, b in runs):
            continue
        for a, b in runs:
            scan.add(a, b, "long_name_before_data_head", 0.6)


def _add_described_names(scan: _Scan) -> None:
    """A capitalised word the text describes in an apposition ("Atlas, an archive of ...",
    "X, a video transformer") or by what it holds ("X contains 3,100 examinations"), at a
    sentence's start too (issue 15, item 3: unseen single Titlecase names)."""
    units, sent_of, lexicon = scan.units, scan.sent_of, scan.lexicon
    # what may follow a described name (or the version that extends it): a cheap first
    # filter, most capitalised words have none of these after them (speed)
    after = APPOSITION_OPENERS | lexicon.hold_verbs
    for k in sorted(scan.caps + scan.cap_starts):
        u = units[k]
        if k + 1 >= len(units):
            continue
        nxt = units[k + 1]
        if nxt.text.lower() not in after and nxt.shape not in ("num", "strong", "letter", "cap"):
            continue
        if not scan.open_word(k):
            continue
        last = scan.extend_right(k)
        if u.sent_start:
            # a sentence's first word is any word: only what it holds names it ("X contains
            # 3,100 scans"); "However, a ..." and "It contains ..." are no names
            if sentence_adverb(u.text) or not holds_counted_items(units, last, sent_of, lexicon):
                continue
        elif apposition_type(units, last, sent_of, lexicon) is None and not holds_counted_items(
            units, last, sent_of, lexicon
        ):
            continue
        scan.add(k, last, "name_described", 0.6)


def _add_ner_names(
    scan: _Scan,
    ner_spans: Sequence[tuple[int, int, str]],
    ner_confidence: float,
    ner_cap_confidence: float,
) -> None:
    """Statistical NER hits (``kg_ner``) the rules missed, through the rules' own filters."""
    units, lexicon = scan.units, scan.lexicon
    for start, end, label in ner_spans:
        first = scan.tok2unit.get(start)
        last = scan.tok2unit.get(end - 1)
        if first is None or last is None or any(m in scan.blocked for m in range(first, last + 1)):
            continue
        text = scan.text(first, last)
        span_units = units[first : last + 1]
        if lexicon.known.lookup(text) is not None:
            scan.add(first, last, "ner", ner_confidence, ner_label=label)
            continue
        if any(u.shape in ("lower", "adj", "punct") for u in span_units) or recipe_compound(
            text, lexicon
        ):
            continue
        if any(
            u.shape == "strong"
            and u.text not in scan.generic_shorts
            and not lexicon.is_stopped(u.text)
            for u in span_units
        ):
            # the same filters as the rules: a name-shaped unit that is not a generic abbreviation
            if (
                len(span_units) == 1
                and span_units[0].text.isalpha()
                and span_units[0].text.isupper()
            ):
                continue  # a bare acronym needs more than the NER's word for it
            scan.add(first, last, "ner", ner_confidence, ner_label=label)
        elif any(u.shape == "cap" for u in span_units) and not any(
            u.shape == "cap"
            and (
                lexicon.is_stopped(u.text)
                or numbered_noun(u.text, lexicon)
                or u.text.lower() in lexicon.generic_heads
            )
            for u in span_units
        ):
            # a plain capitalised word ("Mamba", "Voxelmorph"): only the NER's word for it, at
            # the confidence its measured precision supports
            scan.add(first, last, "ner_cap", ner_cap_confidence, ner_label=label)


#: rules whose names count wherever their text recurs (one-unit name-shaped ones are found
#: everywhere by their shape already)
_RECURRING_RULES = frozenset(
    {"name_in_list", "name_head", "name_version", "known_entity", "abbreviation_long_form"}
)


def part_candidate(
    cands: Sequence[Candidate], taken: Sequence[bool], first: int, last: int
) -> Candidate | None:
    """The one candidate that holds only part of the units ``first..last``, where a name
    found whole elsewhere recurs: it lies inside them, is no curated name, and the other units
    are free ("Lunit INSIGHT MMG achieved ..." at a sentence's start, where only "INSIGHT MMG"
    was found). The name is the same here: the candidate takes the whole (branch names16).

    >>> c = Candidate(1, 3, 1, 2, "INSIGHT MMG", "name_shape", 0.75)
    >>> part_candidate([c], [False, True, True], 0, 2) is c
    True
    >>> part_candidate([c], [True, True, True], 0, 2) is None
    True
    """
    inside = [c for c in cands if first <= c.first_unit and c.last_unit <= last]
    if len(inside) != 1:
        return None
    c = inside[0]
    if c.known is not None or (c.first_unit, c.last_unit) == (first, last):
        return None
    if any(taken[first : c.first_unit]) or any(taken[c.last_unit + 1 : last + 1]):
        return None
    return c


def _add_other_occurrences(scan: _Scan) -> None:
    """Other occurrences of accepted multi-unit or capitalised names; where a shorter
    candidate holds part of an occurrence, it takes the whole name (:func:`part_candidate`)."""
    for src in list(scan.cands):
        if src.rule in _RECURRING_RULES or src.last_unit > src.first_unit:
            for k in scan.occurrences(src.first_unit, src.last_unit):
                last = k + src.last_unit - src.first_unit
                inner = src.known is None and part_candidate(scan.cands, scan.taken, k, last)
                if inner:
                    for m in range(k, last + 1):
                        scan.taken[m] = True
                    inner.first_unit, inner.last_unit = k, last
                    inner.start, inner.end = scan.units[k].start, scan.units[last].end
                    inner.text = scan.text(k, last)
                    continue
                scan.add(
                    k,
                    k + src.last_unit - src.first_unit,
                    src.rule,
                    src.base_conf,
                    known=src.known,
                    title_type=src.title_type,
                    title_weight=src.title_weight,
                )


def _add_plus_bases(scan: _Scan) -> None:
    """The base of a "++" name, written alone, is a name too: "our X++ improves on X" names
    both (issue 15, item 3: boundaries; the two keep distinct keys, see :func:`name_key`)."""
    for src in list(scan.cands):
        base = plus_base(src.text) if src.first_unit == src.last_unit else ""
        for k in scan.units_with_text(base) if base else ():
            scan.add(k, k, src.rule, src.base_conf, title_type=src.title_type)


def _add_slash_variants(scan: _Scan) -> None:
    """Slash-coordinated variants (issue 15, item 3): "MIMIC-III/IV" also names MIMIC-IV. The
    variant's span covers the whole coordination (its surface); its text is the name. One
    token "GPT-3.5/4" gives two candidates on the same span."""
    units = scan.units
    for c in list(scan.cands):
        variant = slash_variant_unit(units, c.last_unit, c.text)
        last, name = c.last_unit, None
        if variant is not None and not scan.taken[variant[0]]:
            last, name = variant
            scan.taken[last] = True
        elif "/" in c.text and c.rule != "hub_path":  # "owner/repository" is one name
            c.text, name = split_at_slash(c.text, scan.lexicon)
        if name is not None:
            scan.cands.append(
                Candidate(
                    c.start,
                    units[last].end,
                    c.first_unit,
                    last,
                    name,
                    c.rule,
                    c.base_conf,
                    title_type=c.title_type,
                    title_weight=c.title_weight,
                )
            )


def split_at_slash(text: str, lexicon: Lexicon) -> tuple[str, str | None]:
    """The name a slashed token keeps, and the second name it spells after the slash, if any:
    "MIMIC-III/IV" keeps "MIMIC-III" and spells "MIMIC-IV" (:func:`slash_sibling`); "DINOv2/MAE"
    names two (:func:`two_names_at_slash`), though a stop-listed second side is none; "ViT-L/14"
    is one name.

    >>> from kg.known_entities import parse_known_entities
    >>> lex = Lexicon.from_patterns({"not_models": [{"kind": "method", "text": "SGD"}]},
    ...                             parse_known_entities([]))
    >>> [split_at_slash(t, lex) for t in ("MIMIC-III/IV", "DINOv2/KidneyFM", "DINOv2/SGD")]
    [('MIMIC-III', 'MIMIC-IV'), ('DINOv2', 'KidneyFM'), ('DINOv2', None)]
    >>> split_at_slash("ViT-L/14", lex)
    ('ViT-L/14', None)
    """
    before, after = text.rsplit("/", 1)
    sibling = slash_sibling(before, after)
    if sibling is not None:
        return before, sibling
    if two_names_at_slash(before, after, lexicon):
        return before, None if lexicon.is_stopped(after) else after
    return text, None


def snapshot_keys(units: Sequence[Unit], cands: Sequence[Candidate]) -> dict[str, str]:
    """Keys of names written in brackets right after a name as its dated or numbered API
    snapshot, mapped to that name's key: in "GPT-4 (gpt-4-0613)" the identifier is GPT-4's
    alias. A tier in brackets ("BERT (BERT-large)") is another entity and stays apart.
    Candidates are in text order."""
    out: dict[str, str] = {}
    for c, d in pairwise(cands):
        if (
            d.first_unit == c.last_unit + 2
            and units[c.last_unit + 1].text == "("
            and d.last_unit + 1 < len(units)
            and units[d.last_unit + 1].text == ")"
            and d.text == d.text.lower()
            and d.key.startswith(c.key)
            and d.key[len(c.key) :].isdigit()
        ):
            out[d.key] = c.key
    return out


def _assign_keys(scan: _Scan, abbreviations: Sequence[AbbreviationPair]) -> None:
    """Each candidate's key: its curated entity's, else its normalised text; a named
    abbreviation's short and long forms share one key (the curated one when either is)."""
    lexicon = scan.lexicon
    for c in scan.cands:
        c.key, known = key_of(c.text, lexicon)
        if c.known is None:
            c.known = known
    key_alias: dict[str, str] = {}
    for pair in abbreviations:
        if pair.short_text not in scan.named_shorts:
            continue
        short_key, short_known = key_of(pair.short_text, lexicon)
        long_key, long_known = key_of(pair.long_text, lexicon)
        target = short_known.key if short_known else long_known.key if long_known else short_key
        key_alias.setdefault(short_key, target)
        key_alias.setdefault(long_key, target)
        key_alias.setdefault(normalize_key(strip_function_words(pair.long_text)), target)
    for c in scan.cands:
        c.key = key_alias.get(c.key, c.key)
        if c.known is None:
            c.known = lexicon.known.by_key.get(c.key)
    snapshots = snapshot_keys(scan.units, scan.cands)
    for c in scan.cands:
        c.key = snapshots.get(c.key, c.key)
    keys = {c.key for c in scan.cands}
    for c in scan.cands:
        base = written_form_base(c.text, c.rule == "hub_path", lexicon.dataset_heads)
        if base is not None:
            base_key = key_of(base, lexicon)[0]
            if base_key != c.key and base_key in keys:
                c.key = base_key


#: a version tag written apart after a name: "MIMIC-IV v2.2", "Transpara v1.7"
_VERSION_TAG = re.compile(r"^(?P<base>\S.*?)\s+[vV]\d+(?:\.\d+)*$")
#: a capitalised collection head, and an optional number, written after a name: "Medisa
#: Corpus", "n2c2 2018 Track 2"
_HEAD_TAIL = re.compile(r"^(?P<base>\S.*?)\s+(?P<head>[A-Z][a-z]+)(?:\s+\d+)?$")


def written_form_base(text: str, hub_path: bool, heads: frozenset[str]) -> str | None:
    """The name a mention is another written form of, when the same text also names that
    name alone (the caller checks): a version tag written apart ("MIMIC-IV v2.2" of
    "MIMIC-IV"), a capitalised collection head with its number ("Medisa Corpus", "n2c2 2018
    Track 2" of "n2c2 2018"), the repository of a model-hub path ("vesteinn/DanskBERT" of
    "DanskBERT"). By the guidelines one entity is listed once with its other surface forms as
    aliases; a version written together ("LLaVA-v1.5") or a tier ("Whisper large-v3") is not
    such a form, and without the bare name the written form stays its own entity.

    >>> heads = frozenset({"corpus", "track"})
    >>> [written_form_base(t, False, heads) for t in ("MIMIC-IV v2.2", "Medisa Corpus",
    ...  "n2c2 2018 Track 2", "LLaVA-v1.5", "Whisper large-v3", "Med-PaLM 2", "Koala Model")]
    ['MIMIC-IV', 'Medisa', 'n2c2 2018', None, None, None, None]
    >>> written_form_base("vesteinn/DanskBERT", True, heads)
    'DanskBERT'
    """
    if hub_path:
        return text.rsplit("/", 1)[-1] if "/" in text else None
    m = _VERSION_TAG.match(text)
    if m is not None:
        return m.group("base")
    m = _HEAD_TAIL.match(text)
    if m is not None and m.group("head").lower() in heads:
        return m.group("base")
    return None


_EARLIER_FILLERS = frozenset(
    {"had", "has", "have", "was", "were", "is", "are", "been", ",", "which"}
)


def made_earlier(after: Sequence[str], past_adverbs: frozenset[str]) -> bool:
    """Whether the words after a name (lower case, same sentence) say it was made before this
    work: "X had previously been developed on ...", "X, previously described by ...", "X
    was originally trained on ...". Then the name is not the paper's own, whatever an
    objective or a description says elsewhere ("To evaluate X, an algorithm for ...").

    >>> adverbs = frozenset({"previously", "originally"})
    >>> made_earlier("had previously been developed on".split(), adverbs)
    True
    >>> made_earlier(", originally trained on".split(), adverbs)
    True
    >>> made_earlier("was developed on".split(), adverbs)
    False
    >>> made_earlier("outperformed previously published models".split(), adverbs)
    False
    """
    for i, word in enumerate(after):
        if word in past_adverbs:
            rest = [w for w in after[i + 1 : i + 3] if w != "been"]
            return bool(rest) and rest[0].endswith(("ed", "en"))
        if word not in _EARLIER_FILLERS:
            return False
    return False


def introduced_keys(by_key: dict[str, list[Candidate]]) -> set[str]:
    """Keys with an introduced mention, and the keys that extend one by a size or variant
    suffix ("Apollo-7B" of "Apollo") or a hyphenated suffix ("Med-Gemini-2D" of
    "Med-Gemini")."""
    keys = {k for k, cs in by_key.items() if any(c.introduced for c in cs)}
    texts = {c.text for k in keys for c in by_key[k]}
    for key in list(by_key):
        if key not in keys and (
            extends_a_key(key, keys) or any(hyphen_variant(c.text, texts) for c in by_key[key])
        ):
            keys.add(key)
    return keys


def extends_a_key(key: str, keys: set[str]) -> bool:
    """Whether ``key`` is one of ``keys`` (three characters or more) followed by a size or
    variant suffix ("apollo-7b" of "apollo").

    >>> extends_a_key("apollo-7b", {"apollo"}), extends_a_key("apollo", {"apollo"})
    (False, False)
    >>> extends_a_key("apollo7b", {"apollo"}), extends_a_key("ab7b", {"ab"})
    (True, False)
    """
    # look up each prefix of the key instead of testing every key against it (issue 15:
    # speed; the same keys match: a whole key leaves an empty suffix, which never matches)
    return any(key[:i] in keys and SIZE_OR_VARIANT.match(key[i:]) for i in range(3, len(key)))


_NUMBERED_WORD = re.compile(r"^([A-Z][a-z]+)-\d+(?:\.\d+)?$")


def numbered_word(text: str, lower_words: frozenset[str]) -> bool:
    """Whether a name is an ordinary word of the abstract with a number: "Sepsis-3" beside
    "sepsis" is a clinical definition, not a dataset or model (issue 15, item 3: things that
    are not names; see :func:`~.units.ordinary_word`); "Llama-3" in an abstract that never
    writes "llama" stays a name.

    >>> [numbered_word(t, frozenset({"sepsis", "llama"})) for t in ("Sepsis-3", "Gemma-2",
    ...  "Llama-3", "Sepsis-3B", "SEPSIS-3")]
    [True, False, True, False, False]
    """
    m = _NUMBERED_WORD.match(text)
    return m is not None and m.group(1).lower() in lower_words


def recipe_prefixed(text: str, prefixes: Sequence[str]) -> bool:
    """Whether a name is a recipe prefix written before one capitalised part: "FedAvg",
    "FedProx", "FedBN" (federated aggregation algorithms, not models, when the paper uses
    them); "Federer", "FedAvg-Net" and "Fed-BERT" are not.

    >>> [recipe_prefixed(t, ("Fed",)) for t in ("FedAvg", "FedBN", "Federer", "FedAvg-Net",
    ...                                         "Fed-BERT", "Fed")]
    [True, True, False, False, False, False]
    """
    for prefix in prefixes:
        rest = text[len(prefix) :]
        if text.startswith(prefix) and rest[:1].isupper() and rest.isalpha():
            return True
    return False


def eponym_pair(text: str, curated: bool) -> bool:
    """Whether a name is two people's surnames joined by an en dash, and nothing else: the
    eponym of a statistical method ("the Bland–Altman method", "a Fine–Gray model",
    "Passing–Bablok regression"), never a model of the paper's (branch names16b). A curated
    name, a hyphen, or a part with a digit or inner capitals keeps it a name ("Lag-Llama",
    "BERT–CRF").

    >>> [eponym_pair(t, False) for t in ("Bland–Altman", "Lag-Llama", "BERT–CRF")]
    [True, False, False]
    """
    return not curated and " " not in text and dash_joined_words(text)


def entity_confidence(cands: Sequence[Candidate], introduced: bool) -> float:
    """An entity's confidence: its best mention's, at least 0.8 when the paper introduces
    it; a name only the NER vouches for as a plain capitalised word keeps the NER's (context
    cues do not lift it: their measured precision is low, see ``kg.nlp.components.ner_gate``)."""
    conf = max(max(c.base_conf, c.cue_conf) for c in cands)
    if introduced:
        conf = max(conf, 0.8)
    if all(c.rule == "ner_cap" for c in cands):
        conf = min(c.base_conf for c in cands)
    return conf


#: a tracer written with its isotope label: "[18F]FDG", "68Ga-PSMA" (label, compound)
_LABELLED_TRACER = re.compile(
    r"(?<![\w\]-])(\[?(\d{1,3}m?[A-Z][a-z]?)\]?-?([A-Z][A-Z0-9]+))(?![\w-])"
)


def tracer_names(text: str, lexicon: Lexicon) -> frozenset[str]:
    """The compounds a text writes with an isotope label ("[18F]FDG", "68Ga-PSMA") and the
    labelled forms themselves: radiotracers, never datasets or models, wherever the text
    names them ("1,611 FDG studies", "FDG-PET"). A mass number on boron reads as a model size
    ("13B-IT"), so boron labels nothing here. One regular-expression scan of the text.

    >>> from kg.known_entities import KnownEntities
    >>> lex = Lexicon.from_patterns({"not_names": [{"kind": "element", "text": "F", "z": 9},
    ...     {"kind": "element", "text": "B", "z": 5}]}, KnownEntities((), {}))
    >>> sorted(tracer_names("with [18F]FDG and GPT-4", lex)), sorted(tracer_names("13B-IT", lex))
    (['18F]FDG', 'FDG', '[18F]FDG'], [])
    """
    out: set[str] = set()
    for m in _LABELLED_TRACER.finditer(text):
        label = m.group(2)
        if label.lstrip("0123456789m") != "B" and lexicon.is_isotope_label(label):
            # the labelled form as written, and as a unit trimmed of its opening bracket
            out.update((m.group(1), m.group(1).lstrip("["), m.group(3)))
    return frozenset(out)


def names_a_tracer(text: str, tracers: frozenset[str]) -> bool:
    """Whether a name is a tracer of :func:`tracer_names`, alone or before a hyphen
    ("FDG-PET")."""
    return text in tracers or text.split("-", 1)[0] in tracers


#: a named score used as a predictor is a model as surely as one a context cue types
_PREDICTOR_SCORE_CONFIDENCE = 0.7


def _names_a_score(scan: _Scan, c: Candidate) -> bool:
    """Whether candidate ``c`` names a clinical score or scale: an instrument's name ("Morse
    Fall Scale"), a name with a score head after it ("the LACE index"), one listed after a
    noun of scores ("risk scores such as X"), or the short form of a score's long form, alone
    or with a level after it ("ESI 3")."""
    units, lexicon = scan.units, scan.lexicon
    pair = scan.named_shorts.get(c.text) or scan.named_shorts.get(level_base(c.text) or "")
    return (
        names_an_instrument(units, c.first_unit, c.last_unit, lexicon.instrument_words)
        or headed_as_score(units, c.last_unit)
        or listed_after_score_noun(units, c.first_unit, scan.sent_of)
        or (pair is not None and long_form_names_score(pair.long_text, lexicon.instrument_words))
    )


def _predicting_score(scan: _Scan, c: Candidate) -> bool:
    """Whether candidate ``c``, written before a score head ("the NEWS2 score"), is a clinical
    score used as a predictor, not an evaluation metric's name; a name with "Score" glued to it
    ("RaTEScore") stays a metric's."""
    return (
        headed_as_score(scan.units, c.last_unit)
        and not never_predicts(c.text)
        and _used_as_predictor(scan, c.first_unit, c.last_unit)
    )


def _used_as_predictor(scan: _Scan, first: int, last: int) -> bool:
    """Whether the name of units ``first..last`` is used as a predictor where it stands
    (names.scores)."""
    return used_as_predictor(
        scan.units,
        first,
        last,
        scan.sent_of,
        openers=scan.lexicon.comparison_openers,
        score_verbs=scan.lexicon.score_verbs,
        name_units=scan.name_units,
        concept_units=scan.blocked,
    )


def _entity_mentions(scan: _Scan) -> list[Mention]:
    """Entity level: the type by summed scores, the confidence of :func:`entity_confidence`,
    introduced when any mention is; names followed by an organisation or hardware head are
    dropped, and so are the data standards of others (a name the paper introduces is its own
    resource, not a format: "the X resources" of "X: Resources for ...")."""
    units, sent_of, lexicon = scan.units, scan.sent_of, scan.lexicon
    by_key: dict[str, list[Candidate]] = {}
    for c in scan.cands:
        by_key.setdefault(c.key, []).append(c)
    introduced = {
        key
        for key in introduced_keys(by_key)
        if not any(
            made_earlier(
                [
                    units[j].text.lower()
                    for j in range(c.last_unit + 1, c.last_unit + 6)
                    if j < len(units) and sent_of[j] == sent_of[c.last_unit]
                ],
                lexicon.past_adverbs,
            )
            for c in by_key[key]
        )
    }
    tracers = tracer_names(scan.doc_text, lexicon)
    # units that open a known name: "(Hamlyn, Kvasir)" lists names, no place
    known_starts = frozenset(c.first_unit for c in scan.cands if c.known is not None)
    org_keys = {
        c.key
        for c in scan.cands
        if c.known is None
        and (
            followed_by(units, c.last_unit, lexicon.org_heads)
            or followed_by(units, c.last_unit, lexicon.hardware_heads)
            or names_equipment_maker(units, c.first_unit, c.last_unit, sent_of, lexicon)
            or named_as_recipe(units, c.first_unit, c.last_unit, sent_of, lexicon)
            or (tracers and names_a_tracer(c.text, tracers))
            or names_a_molecule(units, c.first_unit, c.last_unit, lexicon)
            or (gene_shaped(c.text) and listed_after_molecules(units, c.first_unit, sent_of))
            or (
                c.key not in introduced
                and names_a_standard(units, c.first_unit, c.last_unit, lexicon)
            )
            or names_a_registry(units, c.first_unit, c.last_unit, lexicon)
            or names_a_place(units, c.first_unit, c.last_unit, known_starts)
            or names_a_part(units, c.last_unit, lexicon.data_part_nouns)
        )
    }
    score_keys = {c.key for c in scan.cands if c.known is None and _names_a_score(scan, c)}
    predictor_keys = {
        k
        for k in score_keys
        if not any(never_predicts(c.text) for c in by_key[k])
        and any(_used_as_predictor(scan, c.first_unit, c.last_unit) for c in by_key[k])
    }
    mentions: list[Mention] = []
    for key, cs in by_key.items():
        if key in org_keys or key in score_keys - predictor_keys:
            continue
        if all(
            c.known is None and names_a_device(units, c.first_unit, c.last_unit, lexicon)
            for c in cs
        ):
            continue
        etype = "model" if key in predictor_keys else entity_type_of([c.scores for c in cs])
        if etype == "model" and any(stopped_name(c.text, c.known is not None, lexicon) for c in cs):
            continue
        if etype == "model" and all(eponym_pair(c.text, c.known is not None) for c in cs):
            continue
        if names_a_family(units, [c.last_unit for c in cs], lexicon):
            continue
        if key not in introduced and all(
            recipe_prefixed(c.text, lexicon.recipe_prefixes) for c in cs
        ):
            continue
        if all(c.known is None and numbered_word(c.text, scan.lower_words) for c in cs):
            continue
        conf = entity_confidence(cs, key in introduced)
        if key in predictor_keys:
            conf = max(conf, _PREDICTOR_SCORE_CONFIDENCE)
        role = "introduces" if key in introduced else "uses"
        for c in cs:
            # keep a directly following head noun in the span ("NEGRA corpus", "SCIN dataset"):
            # it is a surface form of the name; the key stays the bare name's
            end = c.end
            nxt = c.last_unit + 1
            if (
                nxt < len(units)
                and units[nxt].space_before
                and sent_of[nxt] == sent_of[c.last_unit]
                and (
                    units[nxt].text.lower() in SPAN_HEADS[etype]
                    or (key in predictor_keys and headed_as_score(units, c.last_unit))
                )
            ):
                end = units[nxt].end
            mentions.append(Mention(c.start, end, etype, key, role, round(conf, 3), c.rule))
    mentions.sort(key=lambda x: x.start)
    return mentions
