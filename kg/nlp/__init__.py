"""The medkg spaCy pipeline: ``build_nlp()`` assembles it from ``kg/nlp/pipeline.cfg``.

Order: scispaCy's rule tokenizer → sentencizer → scispaCy ``abbreviation_detector`` → [trained
``ner`` (sourced from ``kg/nlp/model``; DATASET/MODEL), opt-in] → ``kg_concepts`` →
``kg_entities`` (datasets and models) → ``kg_results``.

Why the trained NER is off by default (issue 7 points 1 and 6, measured with
``bench/extract_speed.py``; issue 3 requires it trained and shipped, and it is):

* it costs about half of the pipeline's time: 6.4 ms/abstract against 1.0 ms for the
  tokenizer and ~4 ms for all rule components together before this change (2,000 synthetic
  abstracts, one process, load average ~5 on 2 cores);
* it brings nothing measurable: on ``tests/data/dev_gold.jsonl`` every per-type F1, the role
  accuracy and the result scores are identical with and without it, and on 2,000 synthetic
  abstracts it changes 6 of 13,813 dataset/model links (all one lower-cased "segment anything
  model" whose abbreviation the renaming broke). By construction ``kg_entities`` lets rules win
  on overlap and only accepts NER spans that pass the rules' own name filters, so what it can
  add is mostly what the rules would have found anyway;
* running it only on sentences where the rules leave a candidate's type undecided
  (dataset/model score margin < 0.5) would still feed it 31% of the tokens (~2 ms/abstract),
  above the whole extraction budget (~1.2 ms/abstract for 1,000 abstracts/s on 2 cores).

``build_nlp(use_ner=True)`` (or removing ``ner`` from ``[nlp] disabled``) puts it back in
front of the rule components; ``kg train`` still trains the model it sources.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import srsly
from spacy import util
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, registry

import scispacy.abbreviation  # noqa: F401  (registers the "abbreviation_detector" factory)

import kg.nlp.extensions  # noqa: F401
from kg.nlp import components as _components

NLP_DIR = Path(__file__).resolve().parent
DEFAULT_CONFIG = NLP_DIR / "pipeline.cfg"
PATTERNS_DIR = NLP_DIR / "patterns"
DEFAULT_MODEL_DIR = NLP_DIR / "model"

#: components built from rules and vocabularies (everything but the trained NER)
RULE_COMPONENTS: tuple[str, ...] = ("kg_concepts", "kg_entities", "kg_results")


def _scispacy_infixes() -> list[str]:
    """The infix patterns of scispaCy's ``combined_rule_tokenizer`` (it does not export them)."""
    from spacy.lang import char_classes

    hyphens = char_classes.HYPHENS.replace("-|", "", 1)
    return [
        *char_classes.LIST_ELLIPSES,
        *char_classes.LIST_ICONS,
        r"×",
        r"(?<=[0-9])[+\-\*^](?=[0-9-])",
        r"(?<=[{al}])\.(?=[{au}])".format(al=char_classes.ALPHA_LOWER, au=char_classes.ALPHA_UPPER),
        r"(?<=[{a}]),(?=[{a}])".format(a=char_classes.ALPHA),
        r'(?<=[{a}])[?";:=,.]*(?:{h})(?=[{a}])'.format(a=char_classes.ALPHA, h=hyphens),
        r'(?<=[{a}"])[:<>=](?=[{a}])'.format(a=char_classes.ALPHA),
    ]


_SCISPACY_INFIXES = _scispacy_infixes()


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
            # "ViT-L/14" and "13/70B" keep their slash
            infixes = [*_SCISPACY_INFIXES, r"(?<=[A-Za-z])/(?=[A-Za-z])"]
            tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
            return tokenizer

    return make


@registry.misc("kg.read_patterns.v1")
def read_patterns(names: Sequence[str], directory: str | None = None) -> dict[str, list[dict[str, Any]]]:
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
        use_ner: include the trained NER. ``None`` (the default) follows the config: the
            shipped ``pipeline.cfg`` lists ``ner`` under ``[nlp] disabled``, so the default
            pipeline is rules-only (see the module docstring for the measurements behind
            that). ``True`` runs the NER before the rule components; ``False`` leaves it out
            (the rules-only pipeline ``kg.nlp.train`` uses for weak labels). Without a
            shipped model the NER is left out either way.
        model_dir: where the trained NER lives; defaults to ``kg/nlp/model``.

    Returns:
        An initialised ``Language`` ready for ``nlp.pipe``.
    """
    path = config_path or DEFAULT_CONFIG
    config = util.load_config(path, interpolate=False)
    ner_dir = model_dir or DEFAULT_MODEL_DIR
    available = _components.available_optional_components()
    pipeline: list[str] = list(config["nlp"]["pipeline"])
    drop = {name for name in ("kg_concepts", "kg_results") if name not in available}
    disabled: list[str] = list(config["nlp"].get("disabled", []))
    if use_ner is None:
        use_ner = "ner" not in disabled
    if not use_ner or not has_trained_ner(ner_dir):
        drop.add("ner")
    # a NER that is not used is not loaded at all (rather than loaded and disabled)
    config["nlp"]["disabled"] = [name for name in disabled if name != "ner"]
    for name in drop:
        if name in pipeline:
            pipeline.remove(name)
        config["components"].pop(name, None)
        config["initialize"]["components"].pop(name, None)
    config["nlp"]["pipeline"] = pipeline
    if "ner" in pipeline:
        config["paths"]["ner_model"] = str(ner_dir)
    if "kg_entities" in config["components"]:
        config["components"]["kg_entities"]["use_ner"] = "ner" in pipeline
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
        # the sourced NER keeps its trained weights: initialise everything else only
        sourced = [name for name in nlp.pipe_names if name == "ner"]
        with nlp.select_pipes(disable=sourced):
            nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def load_default_nlp() -> Language:
    """The default pipeline (trained NER included when shipped), built once per process."""
    return build_nlp()


__all__ = ["build_nlp", "load_default_nlp", "read_patterns", "has_trained_ner", "RULE_COMPONENTS"]
