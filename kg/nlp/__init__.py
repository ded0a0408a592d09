"""The medkg spaCy pipeline: ``build_nlp()`` assembles it from ``kg/nlp/pipeline.cfg``.

Order: scispaCy's rule tokenizer → sentencizer → scispaCy ``abbreviation_detector`` →
``kg_concepts`` → ``kg_ner`` (the trained DATASET/MODEL NER from ``kg/nlp/model``, gated) →
``kg_entities`` (datasets and models) → ``kg_typer`` (the learned dataset / model / none
classifier) → ``kg_results``.

The learned part (issue 15) is ``kg_ner`` and ``kg_typer`` (with its concept judges), all trained
by ``kg train`` on the hand-annotated abstracts of ``data/annotations/train.jsonl`` (314 corpus
papers outside the dev set; ``kg.train``), never on the dev set; thresholds are chosen by
5-fold cross-validation on those annotations.

* ``kg_ner`` runs the NER only over short windows around the capitalised words the rules leave
  open (``kg/nlp/components/ner_gate.py``; over whole abstracts it cost ~6.4 ms/abstract, about
  half the pipeline). Its spans reach ``kg_entities`` as candidates (rules ``ner``/``ner_cap``).
* ``kg_typer`` (``kg/nlp/components/span_typer.py``) judges every dataset/model entity of a
  paper, and every run of capitalised words no extractor took, from the name's spelling, the
  words around each mention and in its sentence, and the rules' verdict: it rejects rule names
  it is sure are not names, flips types it is sure of, and proposes open spans and NER-only
  names. Whatever it decides carries ``kg_typer:<rule>`` or ``kg_ner:<rule>`` as extractor.
* its concept judges (``kg/nlp/components/concept_judge.py``, ``model/tasks.json`` and
  ``model/metrics.json``) score each task or metric entity of ``kg_concepts`` as the paper's own
  or not (title, own-work sentences, the words around it, the rule that found it) and may demote
  or assert it (``kg_typer:<type>:<rule>``). ``kg train`` switches a judge on only when
  thresholds chosen on some folds raise its type's F1 on the held-out folds in 95% of bootstrap
  resamples of the papers (``kg.train.ship_judge_thresholds``); on the current annotations
  neither does, so both ship switched off. A modality judge is measured but not shipped
  (``kg.train.SHIPPED_JUDGES``).

Measured (issue 15; figures in README "Extraction"):

* 5-fold cross-validation on the training annotations (``kg train --cv 5``; per fold an NER,
  a typer and the judges trained on the other folds): see ``kg train --cv 5`` (F1 of every
  type with the learned part and with the rules alone).
* on the dev set it does not pay: macro-F1 0.830 with it and without (model F1 0.866 vs
  0.868, model precision 0.888 vs 0.875).
* speed (``bench/extract_speed.py``, one process): ``kg_typer`` costs ~1 ms/abstract.

``build_nlp(use_ner=False)`` leaves both learned components out (the rules-only pipeline the
typer's training candidates come from, and the ablation).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import scispacy.abbreviation  # noqa: F401  (registers the "abbreviation_detector" factory)
import srsly
from spacy import util
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, registry

import kg.nlp.components
import kg.nlp.extensions  # noqa: F401
from kg.paths import model_dir, nlp_dir, patterns_dir

NLP_DIR = nlp_dir()
DEFAULT_CONFIG = NLP_DIR / "pipeline.cfg"
PATTERNS_DIR = patterns_dir()
DEFAULT_MODEL_DIR = model_dir()

#: components built from rules and vocabularies (everything but the trained NER)
RULE_COMPONENTS: tuple[str, ...] = ("kg_concepts", "kg_entities", "kg_results")
#: the learned components (trained by ``kg train``; ``build_nlp(use_ner=False)`` leaves both out)
LEARNED_COMPONENTS: tuple[str, ...] = ("kg_ner", "kg_typer")


def _scispacy_infixes() -> list[str]:
    """The infix patterns of scispaCy's ``combined_rule_tokenizer`` (it does not export them)."""
    from spacy.lang import char_classes

    hyphens = char_classes.HYPHENS.replace("-|", "", 1)
    return [
        *char_classes.LIST_ELLIPSES,
        *char_classes.LIST_ICONS,
        r"×",
        r"(?<=[0-9])[+\-\*^](?=[0-9-])",
        rf"(?<=[{char_classes.ALPHA_LOWER}])\.(?=[{char_classes.ALPHA_UPPER}])",
        rf"(?<=[{char_classes.ALPHA}]),(?=[{char_classes.ALPHA}])",
        rf'(?<=[{char_classes.ALPHA}])[?";:=,.]*(?:{hyphens})(?=[{char_classes.ALPHA}])',
        rf'(?<=[{char_classes.ALPHA}"])[:<>=](?=[{char_classes.ALPHA}])',
    ]


_SCISPACY_INFIXES = _scispacy_infixes()

#: participles that, glued to a name by a hyphen, say what was done with it: "ImageNet-pretrained"
#: and "AlphaFold2-predicted" name ImageNet and AlphaFold2. "derived", "based", "guided" and
#: "driven" are left out: "CT-derived" and "MRI-guided" are modality adjectives (concepts)
_NAME_PARTICIPLES = (
    "pretrained|pre-trained|trained|predicted|generated|initialized|initialised|fine-tuned"
    "|finetuned|tuned|annotated|labeled|labelled|segmented"
)
#: the hyphen before such a participle, split only after a name-shaped stem: a digit, two
#: capitals, or a capital inside the word followed by up to eight lower-case letters
#: ("ImageNet", "AlphaFold2", "PEGASUS"). "Fine-tuned", "Pre-trained" and "Expert-annotated"
#: stay whole. One fixed-width look-behind per stem length, as ``re`` requires; the look-ahead
#: for the participle comes first, so that every position without one fails at its first
#: character instead of after ten look-behinds (about a tenth of the tokenizer's time).
_NAME_PARTICIPLE_HYPHEN = (
    f"(?=-(?:{_NAME_PARTICIPLES})$)(?:(?<=[0-9])|(?<=[A-Z]{{2}})|"
    + "|".join(f"(?<=[A-Za-z0-9][A-Z][a-z]{{{n}}})" for n in range(1, 9))
    + ")-"
)

#: a sentence-final period after a one-capital ending of a name: "ViT.", "GPT-4V.", "PMEB-X."
_NAME_FINAL_PERIOD = r"(?<=[a-z0-9\-][A-Z])\.$"


@registry.tokenizers("kg.scispacy_tokenizer.v1")
def create_scispacy_tokenizer() -> Callable[[Language], Tokenizer]:
    """scispaCy's ``combined_rule_tokenizer`` as a config callback.

    Returns:
        A function building the tokenizer for a pipeline.
    """

    def make(nlp: Language) -> Tokenizer:
        from scispacy.custom_tokenizer import combined_rule_tokenizer

        with warnings.catch_warnings():
            # scispaCy's regexes trigger a harmless "possible set union" FutureWarning
            warnings.simplefilter("ignore", FutureWarning)
            # combined_rule_tokenizer reuses the language's default token_match and url_match,
            # so the default tokenizer must exist while the pipeline is being constructed
            if not hasattr(nlp, "tokenizer"):
                nlp.tokenizer = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
            tokenizer = combined_rule_tokenizer(nlp)
            # also split "HAN/HLAN" and "CT/MRI" at the slash (issue 3): two names, not one;
            # "ViT-L/14" and "13/70B" keep their slash; "GPT-4/Claude-3" is two names too
            # (issue 15, item 3): a version digit ("-4", ".5"), then a capitalised word; a
            # URL path ("Tan9/MambaMIM") keeps its slash
            infixes = [
                *_SCISPACY_INFIXES,
                r"(?<=[A-Za-z])/(?=[A-Za-z])",
                r"(?<=[-.][0-9])/(?=[A-Z][A-Za-z])",
                # a score glued to a name: "GPT-4o(0.866)", "GPT-4o:0.866" (issue 15, item 3)
                r"(?<=[A-Za-z0-9])\((?=[0-9])",
                r"(?<=[A-Za-z]):(?=[0-9])",
                # a score glued to its metric: "f1-score=59.0", "F1=0.82", "0.88 Dice/0.79 IoU"
                # (issue 15, item 5); one-letter variables keep theirs ("n=20", "p=0.04"), and a
                # slash before a whole number stays ("ViT-L/14")
                r"(?<=[A-Za-z0-9]{2})=(?=[0-9.])",
                r"(?<=[A-Za-z])/(?=[0-9]*\.[0-9])",
                # two scores joined by a slash after a percentage: "91%/85%", "91.2%/3.1 mm"
                # (issue 15, item 5); the percent sign and the slash are tokens of their own,
                # as a lone "91%" splits its sign. Ratios without a percent ("3/4") stay whole
                r"(?<=[0-9])%(?=/[0-9.])",
                r"(?<=[0-9]%)/(?=[0-9.])",
                # a participle glued to a name: "ImageNet-pretrained", "AlphaFold2-predicted"
                _NAME_PARTICIPLE_HYPHEN,
            ]
            tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
            # scispaCy splits a final "." after a lower-case letter or after two capitals, not
            # after one capital, to keep initials ("J.") whole. That also kept "ViT." and
            # "PMEB-X." whole at the end of a sentence: the name got the period, and the
            # sentencizer saw no sentence end. Split it when a lower-case letter, digit or
            # hyphen comes before the capital; "U.S." and "Ph.D." still keep theirs.
            suffixes = tokenizer.suffix_search.__self__.pattern
            tokenizer.suffix_search = re.compile(f"{suffixes}|{_NAME_FINAL_PERIOD}").search
            return tokenizer

    return make


@registry.misc("kg.read_patterns.v1")
def read_patterns(
    names: Sequence[str], directory: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Read pattern files ``<directory>/<name>.jsonl`` into a name → rows mapping.

    Rows whose ``kind`` starts with ``_`` are comments and are dropped.

    Args:
        names: file stems, e.g. ``["datasets", "models"]``.
        directory: where the files are; defaults to ``kg/nlp/patterns``.

    Returns:
        The rows of each file.
    """
    base = Path(directory) if directory else PATTERNS_DIR
    out: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        rows = srsly.read_jsonl(base / f"{name}.jsonl")
        out[name] = [r for r in rows if not str(r.get("kind", "")).startswith("_")]
    return out


def _silence_scispacy_matcher_warning() -> None:
    """Drop spaCy's W036 "component 'matcher' does not have any patterns" from scispaCy.

    scispaCy's ``AbbreviationDetector`` keeps a ``global_matcher`` for its optional
    "find every other occurrence" pass; we never add patterns to it, yet
    ``find_matches_for`` calls it on every Doc with a candidate, so spaCy warned once per
    process on every run. The warning is expected and harmless here; the filter matches only
    that message raised from ``scispacy.abbreviation`` (it is process-wide because the
    warning fires when Docs are processed, not while the pipeline is built; forked workers
    inherit it).
    """
    warnings.filterwarnings(
        "ignore",
        message=r"\[W036\] The component 'matcher' does not have any patterns defined",
        category=UserWarning,
        module=r"scispacy\.abbreviation",
    )


def has_trained_ner(model_dir: Path = DEFAULT_MODEL_DIR) -> bool:
    """True when a trained NER pipeline is shipped at ``model_dir``."""
    return (model_dir / "config.cfg").exists() and (model_dir / "ner").is_dir()


def build_nlp(
    config_path: Path | None = None,
    *,
    use_ner: bool | None = None,
    model_dir: Path | None = None,
) -> Language:
    """Build the medkg pipeline from its config.

    Args:
        config_path: a spaCy config; defaults to ``kg/nlp/pipeline.cfg``.
        use_ner: include the learned part (components ``kg_ner`` and ``kg_typer``). ``None``
            (the default) follows the config, which includes it; ``False`` leaves both out
            (the rules-only pipeline ``kg.train`` collects the typer's candidates with, and
            the ablation). Without a shipped model they are left out either way.
        model_dir: where the trained NER lives; defaults to ``kg/nlp/model``.

    Returns:
        An initialised ``Language`` ready for ``nlp.pipe``.
    """
    path = config_path or DEFAULT_CONFIG
    config = util.load_config(path, interpolate=False)
    ner_dir = model_dir or DEFAULT_MODEL_DIR
    pipeline: list[str] = list(config["nlp"]["pipeline"])
    drop: set[str] = set()
    if use_ner is None:
        use_ner = "kg_ner" in pipeline and "kg_ner" not in config["nlp"].get("disabled", [])
    if not use_ner or not has_trained_ner(ner_dir):
        # the learned part is the NER and the typer together: an ablation removes both
        drop.update(LEARNED_COMPONENTS)
    config["nlp"]["disabled"] = [
        name for name in config["nlp"].get("disabled", []) if name not in drop
    ]
    for name in drop:
        if name in pipeline:
            pipeline.remove(name)
        config["components"].pop(name, None)
        config["initialize"]["components"].pop(name, None)
    config["nlp"]["pipeline"] = pipeline
    if "kg_ner" in pipeline or "kg_typer" in pipeline:
        config["paths"]["ner_model"] = str(ner_dir)
    if "kg_entities" in config["components"]:
        config["components"]["kg_entities"]["use_ner"] = "kg_ner" in pipeline
    _silence_scispacy_matcher_warning()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
        # kg_ner loads its trained weights itself; initialize() only loads word lists
        nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def load_default_nlp() -> Language:
    """The default pipeline (trained NER included when shipped), built once per process."""
    return build_nlp()


__all__ = [
    "LEARNED_COMPONENTS",
    "RULE_COMPONENTS",
    "build_nlp",
    "has_trained_ner",
    "load_default_nlp",
    "read_patterns",
]
