"""Bibliographic identifiers of a paper: DOI, PubMed id, PubMed Central id, arXiv id (issue 19).

A paper carries its identifiers as ``scheme:value`` strings in normalised form, so that the
same identifier written differently by two sources ("https://doi.org/10.1/X" in an arXiv feed,
"10.1/x" in a PubMed export) is one string. Parsing and validation are idutils' (the
identifier library of Zenodo/InvenioRDM); this module only decides the schemes medkg keeps and
how each is keyed and resolved.

>>> doi("https://doi.org/10.1000/ABC.123")
'doi:10.1000/abc.123'
>>> arxiv("http://arxiv.org/abs/2404.12345v2")
('arxiv:2404.12345', 'arxiv-version:2404.12345v2')
>>> resolver_url("pmcid:PMC123")
'https://pmc.ncbi.nlm.nih.gov/articles/PMC123/'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import idutils

from kg.vocab import ARXIV_ABS, DOI_RESOLVER, PMC_ARTICLES, PUBMED

#: Schemes in order of preference for naming a paper (the first one a paper has mints its key).
IDENTITY_SCHEMES: tuple[str, ...] = ("doi", "arxiv", "pmid", "pmcid")
"""Schemes that identify a paper: records sharing one of these are the same paper."""

#: Every scheme a paper may carry: the identity schemes and the versioned arXiv id.
SCHEMES: tuple[str, ...] = (*IDENTITY_SCHEMES, "arxiv-version")

_RESOLVERS: Mapping[str, str] = MappingProxyType(
    {
        "doi": DOI_RESOLVER + "{}",
        "arxiv": ARXIV_ABS + "{}",
        "arxiv-version": ARXIV_ABS + "{}",
        "pmid": PUBMED + "{}/",
        "pmcid": PMC_ARTICLES + "{}/",
    }
)
# An arXiv id inside a URL or with a prefix: abs/pdf links, "arXiv:" CURIEs.
_ARXIV_PREFIX = re.compile(r"^(?:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|arxiv:)", re.I)
_ARXIV_VERSION = re.compile(r"^(?P<id>.+?)(?P<version>v\d+)?(?:\.pdf)?$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def doi(text: str) -> str | None:
    """Return ``doi:<lower-case DOI>`` for a DOI, DOI URL or ``doi:`` CURIE, else None.

    DOIs are case-insensitive (the DOI Handbook, 2.4), so the lower-case form is the key.

    >>> doi("DOI: 10.1038/S41591-023-02448-8")
    'doi:10.1038/s41591-023-02448-8'
    >>> doi("not a doi") is None
    True
    """
    value = _DOI_PREFIX.sub("", text.strip())
    if not value or not idutils.is_doi(value):
        return None
    return "doi:" + str(idutils.normalize_doi(value)).lower()


def arxiv(text: str) -> tuple[str, ...]:
    """Return the version-less arXiv id, and the versioned one when ``text`` has a version.

    Old-style ids keep their archive (``cs/0112017``); a subject class in them
    (``math.GT/0309136``) is dropped, as arXiv's own canonical form does.

    >>> arxiv("cs/0112017v1")
    ('arxiv:cs/0112017', 'arxiv-version:cs/0112017v1')
    >>> arxiv("arXiv:2401.00001")
    ('arxiv:2401.00001',)
    >>> arxiv("PMC123")
    ()
    """
    value = _ARXIV_PREFIX.sub("", text.strip())
    if not value or not idutils.is_arxiv(value):
        return ()
    normal = idutils.normalize_arxiv(value).removeprefix("arXiv:")
    match = _ARXIV_VERSION.match(normal)
    if match is None:  # pragma: no cover - the pattern matches every non-empty string
        return ()
    base = match["id"]
    if match["version"]:
        return (f"arxiv:{base}", f"arxiv-version:{base}{match['version']}")
    return (f"arxiv:{base}",)


def pmid(text: str) -> str | None:
    """Return ``pmid:<digits>`` for a PubMed id (``PMID:`` prefix allowed), else None.

    >>> pmid("PMID: 00012345"), pmid("PMC1")
    ('pmid:12345', None)
    """
    value = re.sub(r"^pmid:\s*", "", text.strip(), flags=re.I)
    if not value.isascii() or not value.isdigit() or int(value) == 0:
        return None
    return f"pmid:{int(value)}"


def pmcid(text: str) -> str | None:
    """Return ``pmcid:PMC<digits>`` for a PubMed Central id (with or without "PMC"), else None.

    >>> pmcid("pmc7654321"), pmcid("7654321"), pmcid("10.1/x")
    ('pmcid:PMC7654321', 'pmcid:PMC7654321', None)
    """
    value = text.strip()
    value = "PMC" + value[3:] if value[:3].upper() == "PMC" else "PMC" + value
    if not idutils.is_pmcid(value) or not value[3:].isdigit():
        return None
    return f"pmcid:PMC{int(value[3:])}"


def from_text(text: str) -> tuple[str, ...]:
    """Recognise a free-form identifier (a JSON ``id`` field): DOI, arXiv id, PMID or PMCID.

    Only unambiguous forms are taken: a bare number is not guessed to be a PMID.

    >>> from_text("10.48550/arXiv.2404.12345"), from_text("PMID:123"), from_text("p17")
    (('doi:10.48550/arxiv.2404.12345',), ('pmid:123',), ())
    """
    value = text.strip()
    if (found := doi(value)) is not None:
        return (found,)
    if re.match(r"pmid:", value, re.I):
        return tuple(filter(None, [pmid(value)]))
    if re.match(r"pmc\d+$", value, re.I):
        return tuple(filter(None, [pmcid(value)]))
    if _ARXIV_PREFIX.match(value) or re.fullmatch(r"\d{4}\.\d{4,5}(?:v\d+)?", value):
        return arxiv(value)
    return ()


def unique(identifiers: Iterable[str | None]) -> tuple[str, ...]:
    """The identifiers without None and duplicates, in scheme order then first-seen order.

    >>> unique(["pmid:1", None, "doi:10.1/x", "pmid:1"])
    ('doi:10.1/x', 'pmid:1')
    """
    seen = dict.fromkeys(i for i in identifiers if i)
    return tuple(sorted(seen, key=lambda i: SCHEMES.index(scheme_of(i))))


def scheme_of(identifier: str) -> str:
    """The scheme of a ``scheme:value`` identifier.

    >>> scheme_of("arxiv-version:2404.1v1")
    'arxiv-version'
    """
    return identifier.partition(":")[0]


def value_of(identifier: str) -> str:
    """The value of a ``scheme:value`` identifier, as the source community writes it.

    >>> value_of("doi:10.1/x")
    '10.1/x'
    """
    return identifier.partition(":")[2]


def resolver_url(identifier: str) -> str:
    """The resolvable URL of an identifier (doi.org, arxiv.org, PubMed, PubMed Central).

    >>> resolver_url("doi:10.1/x"), resolver_url("arxiv-version:2404.12345v2")
    ('https://doi.org/10.1/x', 'https://arxiv.org/abs/2404.12345v2')
    """
    return _RESOLVERS[scheme_of(identifier)].format(value_of(identifier))


def identity_keys(identifiers: Iterable[str]) -> tuple[str, ...]:
    """The identifiers that decide identity (not the versioned arXiv id), best first.

    >>> identity_keys(["arxiv-version:1v2", "pmid:3", "doi:10.1/x"])
    ('doi:10.1/x', 'pmid:3')
    """
    return tuple(i for i in unique(identifiers) if scheme_of(i) in IDENTITY_SCHEMES)
