"""Code repository URLs: found in free text and normalised to one canonical form.

The same repository is written many ways in abstracts ("github.com/x/y", "https://github.com/x/y.",
"https://github.com/x/y/tree/main", LaTeX leftovers such as "{https://github.com/x/y}{link}");
the graph needs one IRI per repository, so every form is reduced to ``https://host/owner/name``.

>>> find_code_urls("Code: github.com/google-research-datasets/scin . Data at https://doi.org/x")
('https://github.com/google-research-datasets/scin',)
>>> normalize_code_url("https://github.com/ZJUI-AI4H/Hulu-Med{https://github.com/ZJUI-AI4H/Hulu-Med}.")
'https://github.com/ZJUI-AI4H/Hulu-Med'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

CODE_HOSTS: frozenset[str] = frozenset(
    {
        "github.com",
        "gitlab.com",
        "bitbucket.org",
        "huggingface.co",
        "codeberg.org",
        "gitee.com",
        "sourceforge.net",
        "anonymous.4open.science",
    }
)
"""Hosts whose URLs are code (or model/dataset) repositories rather than web pages."""

# The bundled listing dumps were scraped through Hugging Face mirrors, which rewrote
# huggingface.co links (hf.privai.fun/..., huggingface-proxy-6ci.pages.dev/...); the paper
# itself links huggingface.co, and one repository must get one IRI whichever dump it came from.
_HF_MIRROR = re.compile(
    r"^(?:hf\.privai\.fun|hf-mirror\.com|huggingface-proxy-[\w-]+\.pages\.dev)$"
)

# Characters that cannot be part of a URL in running text; "{" and "}" end LaTeX leftovers
# such as "\href{url}{here}", ")" ends "(see https://...)".
_STOP = r"\s<>\"'{}|\\^`\[\]()"
_URL_IN_TEXT = re.compile(
    rf"(?:https?://[^{_STOP}]+"
    rf"|(?<![\w.@/-])(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|codeberg\.org)"
    rf"/[^{_STOP}]+)",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?*'\"`>"
# Hugging Face paths that are pages, not repositories.
_HF_NON_REPO = frozenset({"papers", "blog", "docs", "learn", "posts", "login", "join", "pricing"})


def _repo_segments(host: str, segments: list[str]) -> list[str] | None:
    """Keep the path segments that name the repository itself (drop /tree/main, /blob/...)."""
    if host == "huggingface.co":
        if segments[0] in _HF_NON_REPO:
            return None
        keep = 3 if segments[0] in ("datasets", "spaces") else 2
        return segments[:keep] if len(segments) >= keep - 1 else None
    if host == "gitlab.com":
        # GitLab groups nest ("group/sub/project"); its own pages start after a "-" segment.
        return segments[: segments.index("-")] if "-" in segments else segments
    return segments[:2]


def normalize_code_url(url: str) -> str | None:
    """Return the canonical URL of a code repository, or None if ``url`` is not one.

    Args:
        url: a URL as written, possibly without scheme and with trailing punctuation.

    Returns:
        ``https://<host>/<repository path>`` for a known code host, else None.

    >>> normalize_code_url("http://www.github.com/sypsyp97/Filter2Noise.git")
    'https://github.com/sypsyp97/Filter2Noise'
    >>> normalize_code_url("https://hf.privai.fun/datasets/ofir408/MedConceptsQA")
    'https://huggingface.co/datasets/ofir408/MedConceptsQA'
    >>> normalize_code_url("https://medmnist.com/") is None
    True
    """
    match = _URL_IN_TEXT.search(url.strip())
    if match is None:
        return None
    candidate = match.group(0)
    if "://" not in candidate:
        candidate = "https://" + candidate
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if _HF_MIRROR.match(host):
        host = "huggingface.co"
    if host not in CODE_HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    while segments:
        last = segments[-1].rstrip(_TRAILING)
        last = last.removesuffix(".git").rstrip(_TRAILING)
        if last:
            segments[-1] = last
            break
        segments.pop()
    if not segments:
        return None
    kept = _repo_segments(host, segments)
    if not kept:
        return None
    return f"https://{host}/{'/'.join(kept)}"


def find_code_urls(text: str) -> tuple[str, ...]:
    """Return the canonical code repository URLs mentioned in ``text``, in order, deduplicated.

    >>> find_code_urls("at blue{https://github.com/dong845/MCP-MedSAM}.} and (https://github.com/dong845/MCP-MedSAM).")
    ('https://github.com/dong845/MCP-MedSAM',)
    """
    return unique(
        url for url in (normalize_code_url(m.group(0)) for m in _URL_IN_TEXT.finditer(text)) if url
    )


def clean_input_url(url: str) -> str | None:
    """Normalise a code URL given explicitly in an input record.

    A known code host gets the canonical form; any other URL is kept as written (the input
    says it is code), minus surrounding whitespace. Empty strings give None.

    >>> clean_input_url(" https://example.org/tool ")
    'https://example.org/tool'
    """
    url = url.strip()
    if not url:
        return None
    return normalize_code_url(url) or url


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """Return ``items`` without repeats, in first-seen order.

    >>> unique(["b", "a", "b"])
    ('b', 'a')
    """
    return tuple(dict.fromkeys(items))
