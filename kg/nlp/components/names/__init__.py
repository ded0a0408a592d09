"""Pure functions that find dataset and model names in a Doc and decide what they are.

The extractor works on *units*: maximal runs of tokens written without spaces ("MedTrinity-25"
+ "M", "GPT-4V(ision" + ")"), trimmed of outer punctuation. A unit's *shape* says how name-like
it is (:func:`unit_shape`). Names are seeded by name-like units, the curated table, the paper's
title prefix ("X: ...") and abbreviation pairs, then extended over version/size units
("Llama 3.1 8B", "Claude 3.5 Sonnet v2"). Each name is then typed (dataset or model) from
context cues (head nouns, lists, "trained on X", apposition, title words, morphology), given a
key (abbreviation and curated aliases resolved), a confidence and a role.

Everything here is a function of a Doc plus a :class:`~kg.nlp.components.lexicon.Lexicon`;
``kg.nlp.components.entity_mentions`` only wires it into spaCy.

Modules, each importing only those before it: :mod:`.units` (a Doc as units and
their shapes), :mod:`.boundaries` (where a name starts and ends; its key), :mod:`.cues`
(dataset, model or no name) and :mod:`.scan` (:func:`~.scan.find_mentions`).
"""
