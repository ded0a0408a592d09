"""A Doc's text, rebuilt from its token arrays.

``Doc.text`` creates a Token object per token and joins their texts in Python; the rule
components need the text of every Doc, so they rebuild it from two attribute arrays instead
(several times faster; issue 7: extraction throughput).

Several components read the text of the same Doc (kg_concepts, kg_entities, kg_typer,
kg_results): it is rebuilt once per Doc and remembered while the Doc lives (issue 15: keep
the build fast). A Doc's text never changes once tokenized (the retokenizer keeps it).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.attrs import LOWER, ORTH, SPACY
from spacy.tokens import Doc

# Doc -> its text; weak keys, so an entry goes with its Doc (Docs hash by identity)
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()
# Doc -> the text of each token, the same way
_WORDS: WeakKeyDictionary[Doc, tuple[str, ...]] = WeakKeyDictionary()
# Doc -> the lower-case text of each token, the same way
_LOWERS: WeakKeyDictionary[Doc, tuple[str, ...]] = WeakKeyDictionary()
# Doc -> the lower-case hash of each token, the same way
_LOWER_IDS: WeakKeyDictionary[Doc, tuple[int, ...]] = WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """``doc.text``, from the token arrays, built once per Doc.

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["GPT-4", "on", "MedQA", "."], spaces=[True, True, False, False])
    >>> text_of(doc), text_of(doc) is text_of(doc)
    ('GPT-4 on MedQA.', True)
    """
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = _joined_text(doc)
    return text


def _joined_text(doc: Doc) -> str:
    strings = doc.vocab.strings
    return "".join(
        [strings[o] + " " if sp else strings[o] for o, sp in doc.to_array([ORTH, SPACY]).tolist()]
    )


def token_texts(doc: Doc) -> tuple[str, ...]:
    """The text of every token, in order, without creating Token objects; built once per Doc
    (kg_concepts alone reads them four times per Doc). No pipeline component retokenizes.

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["MRI", "scans"])
    >>> token_texts(doc), token_texts(doc) is token_texts(doc)
    (('MRI', 'scans'), True)
    """
    return _column_texts(doc, ORTH, _WORDS)


def token_lowers(doc: Doc) -> tuple[str, ...]:
    """Each token's ``lower_``, in order, without creating Token objects; built once per Doc
    (the concept gates read a sentence's lower-case words per match; issue 15: speed).

    >>> import spacy
    >>> doc = spacy.blank("en")("MRI Scans")
    >>> token_lowers(doc), token_lowers(doc) is token_lowers(doc)
    (('mri', 'scans'), True)
    """
    return _column_texts(doc, LOWER, _LOWERS)


def token_lower_ids(doc: Doc) -> tuple[int, ...]:
    """Each token's ``lower`` hash, in order, read once per Doc (kg_concepts tests the
    sentences for own-work cues and the abstract for survey nouns over these hashes, in two
    places; speed16).

    >>> import spacy
    >>> doc = spacy.blank("en")("MRI Scans")
    >>> token_lower_ids(doc) == (doc.vocab.strings["mri"], doc.vocab.strings["scans"])
    True
    >>> token_lower_ids(doc) is token_lower_ids(doc)
    True
    """
    ids = _LOWER_IDS.get(doc)
    if ids is None:
        ids = _LOWER_IDS[doc] = tuple(doc.to_array(LOWER).tolist())
    return ids


def _column_texts(
    doc: Doc, attr: int, cache: WeakKeyDictionary[Doc, tuple[str, ...]]
) -> tuple[str, ...]:
    """The strings of one token attribute column (``ORTH``, ``LOWER``), made once per Doc."""
    texts = cache.get(doc)
    if texts is None:
        strings = doc.vocab.strings
        texts = cache[doc] = tuple([strings[o] for o in doc.to_array(attr).tolist()])
    return texts


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, cut from the Doc's cached text: ``Span.text`` creates a Token
    per token (issue 15: speed).

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["GPT-4", "on", "MedQA", "."], spaces=[True, True, False, False])
    >>> span_text(doc, 0, 3), span_text(doc, 1, 4), span_text(doc, 2, 2)
    ('GPT-4 on MedQA', 'on MedQA.', '')
    """
    span = doc[start:end]
    return text_of(doc)[span.start_char : span.end_char] if len(span) else ""


def title_end_char(text: str, separator: str = "\n\n") -> int:
    """Character offset where the title ends in a Doc's text (0 when it has no title part:
    kg.extract joins title and abstract with a blank line).

    >>> title_end_char("Title\\n\\nAbstract"), title_end_char("No title.")
    (5, 0)
    """
    pos = text.find(separator)
    return pos if pos > 0 else 0
