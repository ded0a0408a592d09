"""The cue lexicon of the dataset/model extractor, built from ``kg/nlp/patterns/*.jsonl``.

Each pattern file is a list of ``{"kind": ..., "text": ...}`` rows; the file stem is the group
(``datasets``, ``models``, ``not_models``, ``not_names``, ``roles``). :meth:`Lexicon.from_patterns`
turns the groups into frozen sets the pure matching functions read. Nothing here is mutated
after construction (STYLE rule 3).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from kg.ids import normalize_key
from kg.known_entities import KnownEntities
from kg.nlp.components.measures import is_isotope, is_measure

if TYPE_CHECKING:
    from kg.nlp.components.names.units import Shape

PatternRows = Mapping[str, Sequence[Mapping[str, object]]]

#: entries a memo of the lexicon's answers holds before it starts afresh: enough for the
#: distinct words of a large corpus, bounded so that a long-lived pipeline does not grow
MEMO_SIZE = 65536

_K = TypeVar("_K")
_V = TypeVar("_V")


def remember(memo: dict[_K, _V], key: _K, value: _V) -> _V:
    """Store ``value`` as the memo's answer for ``key`` and return it; a full memo is
    emptied first (a bounded memo: the lookups stay on the caller's fast path).

    >>> memo: dict[str, bool] = {}
    >>> remember(memo, "GPT-4", False), memo
    (False, {'GPT-4': False})
    """
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value


def _texts(patterns: PatternRows, group: str, kind: str) -> tuple[str, ...]:
    return tuple(
        str(row["text"])
        for row in patterns.get(group, ())
        if row.get("kind") == kind and isinstance(row.get("text"), str)
    )


def _lower(items: tuple[str, ...]) -> frozenset[str]:
    return frozenset(t.lower() for t in items)


@dataclass(frozen=True)
class Lexicon:
    """Word lists that decide whether a name is a dataset or a model, and whose it is.

    Attributes mirror the pattern kinds; word sets are lower-cased, ``not_model``/``not_name``
    hold normalised keys (``kg.ids.normalize_key``).
    """

    not_model: frozenset[str]
    not_name: frozenset[str]
    adjective_suffixes: tuple[str, ...]
    numbered_nouns: frozenset[str]
    generic_heads: frozenset[str]
    org_heads: frozenset[str]
    dataset_heads: frozenset[str]
    dataset_list_nouns: frozenset[str]
    dataset_suffixes: tuple[str, ...]
    title_dataset_words: frozenset[str]
    on_verbs: frozenset[str]
    from_verbs: frozenset[str]
    model_heads: frozenset[str]
    model_list_nouns: frozenset[str]
    model_affixes: tuple[str, ...]
    compare_words: frozenset[str]
    comparison_openers: frozenset[str]
    use_verbs: frozenset[str]
    introduce_verbs: frozenset[str]
    introduce_nouns: frozenset[str]
    subjects: frozenset[str]
    own_markers: frozenset[str]
    novelty: frozenset[str]
    naming_verbs: frozenset[str]
    role_blockers: frozenset[str]
    known: KnownEntities
    #: element symbol → atomic number, and unit symbols (issue 19: never names)
    elements: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    units: frozenset[str] = frozenset()
    #: what a paper releases of its own system ("the weights of X"; issue 15, item 4)
    released_parts: frozenset[str] = frozenset()
    #: words before an introduce verb that make it an adjective of someone else's noun
    #: ("several open-source LLMs"; issue 15, item 4)
    quantifiers: frozenset[str] = frozenset()
    #: a data split written after a dataset's name ("MMXU-test"): the same dataset
    split_suffixes: frozenset[str] = frozenset()
    #: words between the paper as subject and its verb ("we also release X", "we have built X")
    act_adverbs: frozenset[str] = frozenset()
    #: words that date a participle to earlier work ("the recently introduced X")
    past_adverbs: frozenset[str] = frozenset()
    #: words after a name that make it a family of models ("the GPT series"; issue 15, item 3)
    family_words: frozenset[str] = frozenset()
    #: verbs by which a name holds counted things ("X consists of 2,000 notes"): data
    hold_verbs: frozenset[str] = frozenset()
    #: what a network is counted in ("7 billion parameters"): a model, not data
    model_parts: frozenset[str] = frozenset()
    #: plural nouns of data items ("images", "scans"): "the X CT scans" names data X
    data_nouns: frozenset[str] = frozenset()
    #: last words of a multi-word capitalised dataset name ("... Screening Archive")
    name_ends: frozenset[str] = frozenset()
    #: training recipes alone (the "method" kind of not_models, normalised keys): "DP-LoRA" is
    #: a recipe, while "ClinFoo-LLM" names a model of a family
    recipes: frozenset[str] = frozenset()
    #: verbs by which the paper makes data ("we curated X"): X is a dataset
    make_data_verbs: frozenset[str] = frozenset()
    #: tier words after a numbered model name ("GPT-4 Turbo"): part of the name
    variant_words: frozenset[str] = frozenset()
    #: words after an eponym (or its possessive) that make it a statistic: "McNemar's test"
    statistic_words: frozenset[str] = frozenset()
    #: size words after any model name, ending its phrase ("WavLM Large,"): part of the name
    size_words: frozenset[str] = frozenset()
    #: modifiers that make a model head an evaluation one ("evaluation framework"): a named
    #: evaluation framework is a dataset by the guidelines (issue 15, item 3: type confusion)
    eval_modifiers: frozenset[str] = frozenset()
    data_only_heads: frozenset[str] = frozenset()
    #: metric words that, right after a name, make the pair a score ("RadGraph F1", "GREEN
    #: score"): the name is the scorer's, no model (issue 15, item 3: type confusion)
    score_words: frozenset[str] = frozenset()
    #: last words of a clinical instrument's name ("Patient Health Questionnaire", "National
    #: Early Warning Score 2") and words after its bracketed short form ("(MMSE) score"): a
    #: scale or score, neither dataset nor model; with the last words of a law's name
    #: ("General Data Protection Regulation"), read the same way
    instrument_words: frozenset[str] = frozenset()
    #: head nouns of a training or aggregation algorithm and the modifiers that make them one
    #: ("federated optimization algorithms", "an aggregation rule"): names set beside them are
    #: recipes, not models
    recipe_heads: frozenset[str] = frozenset()
    #: nouns of computing hardware after a name ("a Cortex-M7 microcontroller", "an X GPU"):
    #: the name is a product's, neither dataset nor model
    hardware_heads: frozenset[str] = frozenset()
    #: nouns of recording equipment closing a list of makers' names, and the verbs of
    #: acquisition before the list ("acquired on GE and Siemens systems"): makers, no names
    equipment_heads: frozenset[str] = frozenset()
    acquisition_verbs: frozenset[str] = frozenset()
    #: words after a name that make the pair computed features ("ECFP4 fingerprints")
    feature_words: frozenset[str] = frozenset()
    #: words after a name that make it a gene, protein or drug target ("KRAS mutations",
    #: "hERG inhibition"), and head nouns before one ("the kinase X")
    molecular_words: frozenset[str] = frozenset()
    molecule_heads: frozenset[str] = frozenset()
    #: the words before a recipe head that make it one ("federated", "optimization": see
    #: ``recipe_heads``)
    recipe_modifiers: frozenset[str] = frozenset()
    #: verbs by which a name right before them scores ("X achieved an AUROC of 0.90"): what
    #: scores is a model; data is scored on, it does not score
    score_verbs: frozenset[str] = frozenset()
    #: nouns of a part of a collection before "of" ("the MRI subset of X", "the test split
    #: of X"): X is a dataset
    data_part_nouns: frozenset[str] = frozenset()
    #: words between "on" and a name that make it one device ("on an X", "on a single X"), and
    #: makers' names that may stand before it ("on an NVIDIA X"): equipment, no name
    device_openers: frozenset[str] = frozenset()
    #: prefixes that make a word the complement of a category ("non-PHI"): no name
    negating_prefixes: tuple[str, ...] = ()
    hardware_vendors: frozenset[str] = frozenset()
    #: words of a data standard or exchange format after (or ending) a name ("HL7 FHIR
    #: resources", "the OMOP CDM", "in SOAP format"): a format, neither dataset nor model
    standard_words: frozenset[str] = frozenset()
    #: words of a study's registration before a name ("registered at X", "registration
    #: X"): X is the registry a study is recorded in, not data it uses
    registration_words: frozenset[str] = frozenset()
    #: words that present a name as a vendor's product ("the commercially available X", "a
    #: commercial X", "the FDA-cleared X"): a runnable system, a model
    product_words: frozenset[str] = frozenset()
    #: last words of a cohort study's name after "the" ("the Framingham Heart Study"): the
    #: cohort is data (``kg.nlp.components.names.boundaries.cohort_name_end``)
    cohort_ends: frozenset[str] = frozenset()
    #: words of a study's design or stage ("the Present Study", "The Pilot Study"): a cohort
    #: word after these alone names no cohort (``names.boundaries.describes_a_study``)
    study_design_words: frozenset[str] = frozenset()
    #: a prefix that marks a compound name as a training or aggregation recipe when the paper
    #: does not introduce it ("FedAvg", "FedProx")
    recipe_prefixes: tuple[str, ...] = ()
    #: memo of ``kg.nlp.components.names.units.unit_shape`` for hyphenated words (their shape reads
    #: the lexicon); a cache, not data: it never changes what the lexicon says
    shape_cache: dict[str, Shape] = field(default_factory=dict, compare=False, repr=False)
    #: memo of a unit's shape as ``kg.nlp.components.names.units.doc_units`` settles it (spelling,
    #: then measures), for the same reason: most units of an abstract are words seen before
    unit_shape_cache: dict[str, Shape] = field(default_factory=dict, compare=False, repr=False)
    #: memo of :meth:`is_stopped`, for the same reason
    stopped_cache: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    #: memo of :meth:`is_measure` (strict), for the same reason: the same numbers and
    #: statistics recur across abstracts (issue 15: keep the build fast)
    measure_cache: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_patterns(cls, patterns: PatternRows, known: KnownEntities) -> Lexicon:
        """Build the lexicon from pattern groups and the curated table.

        Args:
            patterns: file stem → rows, as read by ``kg.read_patterns.v1``.
            known: the curated table of well-known datasets and models.

        Returns:
            A frozen lexicon.
        """
        not_model = frozenset(
            normalize_key(t)
            for kind in ("family", "method")
            for t in _texts(patterns, "not_models", kind)
        )
        not_name = frozenset(
            normalize_key(t)
            for kind in ("acronym", "term", "lab_measure")
            for t in _texts(patterns, "not_names", kind)
        )
        return cls(
            not_model=not_model,
            not_name=not_name,
            adjective_suffixes=tuple(
                t.lower() for t in _texts(patterns, "not_names", "adjective_suffix")
            ),
            numbered_nouns=_lower(_texts(patterns, "not_names", "numbered_noun")),
            generic_heads=_lower(_texts(patterns, "not_names", "generic_head")),
            org_heads=_lower(_texts(patterns, "not_names", "org_head")),
            dataset_heads=_lower(_texts(patterns, "datasets", "head")),
            dataset_list_nouns=_lower(_texts(patterns, "datasets", "list_noun")),
            dataset_suffixes=tuple(t.lower() for t in _texts(patterns, "datasets", "suffix")),
            title_dataset_words=_lower(_texts(patterns, "datasets", "title_word")),
            on_verbs=_lower(_texts(patterns, "datasets", "on_verb")),
            from_verbs=_lower(_texts(patterns, "datasets", "from_verb")),
            model_heads=_lower(_texts(patterns, "models", "head")),
            model_list_nouns=_lower(_texts(patterns, "models", "list_noun")),
            model_affixes=tuple(t.lower() for t in _texts(patterns, "models", "affix")),
            compare_words=_lower(_texts(patterns, "models", "compare_word")),
            comparison_openers=_lower(_texts(patterns, "models", "comparison_opener")),
            use_verbs=_lower(_texts(patterns, "models", "use_verb")),
            introduce_verbs=_lower(_texts(patterns, "roles", "introduce_verb")),
            introduce_nouns=_lower(_texts(patterns, "roles", "introduce_noun")),
            subjects=_lower(_texts(patterns, "roles", "subject")),
            own_markers=_lower(_texts(patterns, "roles", "own_marker")),
            novelty=_lower(_texts(patterns, "roles", "novelty")),
            naming_verbs=_lower(_texts(patterns, "roles", "naming_verb")),
            role_blockers=_lower(_texts(patterns, "roles", "block")),
            known=known,
            elements={
                str(row["text"]): z
                for row in patterns.get("not_names", ())
                if row.get("kind") == "element" and isinstance(z := row.get("z"), int)
            },
            units=frozenset(_texts(patterns, "not_names", "unit")),
            released_parts=_lower(_texts(patterns, "roles", "released_part")),
            quantifiers=_lower(_texts(patterns, "roles", "quantifier")),
            act_adverbs=_lower(_texts(patterns, "roles", "act_adverb")),
            split_suffixes=_lower(_texts(patterns, "datasets", "split_suffix")),
            past_adverbs=_lower(_texts(patterns, "roles", "past_adverb")),
            family_words=_lower(_texts(patterns, "not_models", "family_word")),
            hold_verbs=_lower(_texts(patterns, "datasets", "hold_verb")),
            model_parts=_lower(_texts(patterns, "models", "part_noun")),
            data_nouns=_lower(_texts(patterns, "datasets", "data_noun")),
            name_ends=_lower(_texts(patterns, "datasets", "name_end")),
            recipes=frozenset(normalize_key(t) for t in _texts(patterns, "not_models", "method")),
            make_data_verbs=_lower(_texts(patterns, "datasets", "make_verb")),
            variant_words=_lower(_texts(patterns, "models", "variant_word")),
            size_words=_lower(_texts(patterns, "models", "size_word")),
            statistic_words=_lower(_texts(patterns, "not_models", "statistic_word")),
            score_words=_lower(_texts(patterns, "not_models", "score_word")),
            instrument_words=_lower(
                _texts(patterns, "not_names", "instrument_word")
                + _texts(patterns, "not_names", "law_word")
            ),
            eval_modifiers=_lower(_texts(patterns, "datasets", "eval_modifier")),
            data_only_heads=_lower(_texts(patterns, "datasets", "data_only_head")),
            recipe_heads=_lower(_texts(patterns, "not_models", "recipe_head")),
            hardware_heads=_lower(_texts(patterns, "not_names", "hardware_head")),
            equipment_heads=_lower(_texts(patterns, "not_names", "equipment_head")),
            acquisition_verbs=_lower(_texts(patterns, "not_names", "acquisition_verb")),
            feature_words=_lower(_texts(patterns, "not_models", "feature_word")),
            molecular_words=_lower(_texts(patterns, "not_names", "molecular_word")),
            molecule_heads=_lower(_texts(patterns, "not_names", "molecule_head")),
            recipe_modifiers=_lower(_texts(patterns, "not_models", "recipe_modifier")),
            recipe_prefixes=tuple(_texts(patterns, "not_models", "recipe_prefix")),
            score_verbs=_lower(_texts(patterns, "models", "score_verb")),
            data_part_nouns=_lower(_texts(patterns, "datasets", "part_noun")),
            device_openers=_lower(_texts(patterns, "not_names", "device_opener")),
            negating_prefixes=tuple(
                t.lower() for t in _texts(patterns, "not_names", "negating_prefix")
            ),
            hardware_vendors=_lower(_texts(patterns, "not_names", "hardware_vendor")),
            standard_words=_lower(_texts(patterns, "not_names", "standard_word")),
            registration_words=_lower(_texts(patterns, "not_names", "registration_word")),
            product_words=_lower(_texts(patterns, "models", "product_word")),
            cohort_ends=_lower(_texts(patterns, "datasets", "cohort_end")),
            study_design_words=_lower(_texts(patterns, "datasets", "study_design_word")),
        )

    @cached_property
    def family_or_feature_words(self) -> frozenset[str]:
        """Family and feature words together: either after every mention unmakes a name."""
        return self.family_words | self.feature_words

    @cached_property
    def name_heads(self) -> frozenset[str]:
        """Dataset and model head nouns together ("dataset", "benchmark", "model", ...)."""
        return self.dataset_heads | self.model_heads

    @cached_property
    def data_nouns_or_dataset_heads(self) -> frozenset[str]:
        """Data nouns and dataset heads together: what a statistic is of ("the kappa of the
        dataset"; joined once, not per name: issue 15, speed)."""
        return self.data_nouns | self.dataset_heads

    @cached_property
    def model_affix_pattern(self) -> re.Pattern[str] | None:
        """One pattern that finds any of ``model_affixes`` in a lower-case text (one search,
        not a containment test per affix: issue 15, speed); None when there are none."""
        if not self.model_affixes:
            return None
        return re.compile("|".join(re.escape(a) for a in self.model_affixes))

    def is_measure(self, text: str, *, strict: bool = True) -> bool:
        """True when ``text`` is a statistic, unit, quantity symbol or isotope (issue 19).

        See :mod:`kg.nlp.components.measures`; ``strict`` as in ``measures.is_isotope``.

        >>> lex = Lexicon.from_patterns({"not_names": [{"kind": "element", "text": "Xe", "z": 54},
        ...     {"kind": "acronym", "text": "OR"}]}, KnownEntities((), {}))
        >>> lex.is_measure("¹²⁹Xe"), lex.is_measure("OR_Q3"), lex.is_measure("GPT-4")
        (True, True, False)
        """
        if not strict:
            return self._is_measure(text, strict=False)
        hit = self.measure_cache.get(text)
        if hit is None:
            hit = remember(self.measure_cache, text, self._is_measure(text, strict=True))
        return hit

    def _is_measure(self, text: str, *, strict: bool) -> bool:
        return is_measure(
            text,
            elements=self.elements,
            units=self.units,
            is_generic=self.is_stopped,
            strict=strict,
        )

    def is_isotope_label(self, text: str) -> bool:
        """True when ``text`` is a mass number and an element symbol ("18F", "99mTc"), read
        loosely ("13B" too; see ``kg.nlp.components.measures.is_isotope``)."""
        return is_isotope(text, self.elements, strict=False)

    def is_stopped(self, text: str) -> bool:
        """True when ``text`` names a generic family, recipe or non-name (plural-insensitive).

        >>> lex = Lexicon.from_patterns({"not_models": [{"kind": "family", "text": "LLM"}]},
        ...                              KnownEntities((), {}))
        >>> lex.is_stopped("LLMs"), lex.is_stopped("GPT-4")
        (True, False)
        """
        hit = self.stopped_cache.get(text)
        if hit is None:
            hit = remember(self.stopped_cache, text, self._is_stopped(text))
        return hit

    def _is_stopped(self, text: str) -> bool:
        key = normalize_key(text)
        if not key:
            return True
        if text.lower().startswith(self.negating_prefixes) and self.negating_prefixes:
            return True  # "non-PHI": the complement of a category
        if key in self.not_model or key in self.not_name:
            return True
        stem = key[:-1]
        if key.endswith("s") and (stem in self.not_model or stem in self.not_name):
            return True
        # "fMRI", "pMCI": a lower-case qualifier letter on a generic acronym
        if len(text) > 2 and text[0].islower() and text[1:].rstrip("s").isupper():
            rest = key[1:]
            return (
                rest in self.not_name or rest in self.not_model or rest.rstrip("s") in self.not_name
            )
        return False
