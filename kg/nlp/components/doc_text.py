"""A Doc's text, rebuilt from its token arrays.

``Doc.text`` creates a Token object per token and joins their texts in Python; the rule
components need the text of every Doc, so they rebuild it from two attribute arrays instead
(several times faster; issue 7: extraction throughput).
"""

from __future__ import annotations

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc


def text_of(doc: Doc) -> str:
    """``doc.text``, from the token arrays.

    >>> from spacy.vocab import Vocab
    >>> text_of(Doc(Vocab(), words=["GPT-4", "on", "MedQA", "."],
    ...             spaces=[True, True, False, False]))
    'GPT-4 on MedQA.'
    """
    strings = doc.vocab.strings
    return "".join(
        [strings[o] + " " if sp else strings[o] for o, sp in doc.to_array([ORTH, SPACY]).tolist()]
    )


def token_texts(doc: Doc) -> list[str]:
    """The text of every token, in order, without creating Token objects.

    >>> from spacy.vocab import Vocab
    >>> token_texts(Doc(Vocab(), words=["MRI", "scans"]))
    ['MRI', 'scans']
    """
    strings = doc.vocab.strings
    return [strings[o] for o in doc.to_array(ORTH).tolist()]
