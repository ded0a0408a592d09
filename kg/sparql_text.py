"""What a SPARQL text says, read without running it: a small lexer shared by the endpoint and
the store. The endpoint refuses what a query must not do before a worker sees it (federated
``SERVICE`` calls and ``LOAD`` that the operator did not allow, no SSRF; nesting deep enough to
overflow the parser's stack); the store asks whether a query names its own dataset
(``FROM``/``FROM NAMED``).

Oxigraph evaluates ``SERVICE <iri> { … }`` (and an update's ``LOAD <iri>``) by sending an HTTP
request from the server, so an open endpoint would let anyone make the server call internal
addresses (issue 6, point 3). The query text is scanned with a small SPARQL lexer that follows
the SPARQL 1.1 terminals where they can hide text: comments end at CR or LF, IRIs may hold
``\\u`` escapes, prefixed names may hold ``\\#`` and ``\\'`` escapes, and strings (terminated or
not) are skipped, so ``?service`` or ``"SERVICE"`` do not trip it and no escape hides a real
``SERVICE`` from it. Every ``SERVICE`` keyword must name an IRI that starts with an allowed
prefix. The lexer runs in linear time whatever the input (it runs in the server process).
The workers also have no network unless ``SERVICE`` is allowed (:mod:`kg.api.sandbox`), so a
lexer mistake cannot turn into a request.

>>> service_targets('SELECT * { SERVICE SILENT <http://x/sparql> { ?s ?p ?o } }')
['<http://x/sparql>']
>>> service_targets('SELECT ?service { ?service a "SERVICE" } # SERVICE <http://y>')
[]
>>> service_targets('SELECT * { ?s ?p <http://x/\\\\u0041#> SERVICE <http://y> { } }')
['<http://y>']
>>> check_service('SELECT * { SERVICE ?ep { ?s ?p ?o } }', allow=True, allowlist=("http://x/",))
Traceback (most recent call last):
...
kg.sparql_text.ServiceRefused: SERVICE ?ep is not allowed on this endpoint: only <http://x/…> may be called
>>> check_complexity("SELECT * " + "{" * 300 + "}" * 300, max_depth=128)
Traceback (most recent call last):
...
kg.sparql_text.QueryTooComplex: the query nests 300 levels of brackets; the limit is 128
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from kg.errors import KGError

# Every alternative either matches what it scanned or fails within a few characters (except
# IRIREF, which stops at the next "<", so no text is scanned twice): linear time.
_NAME_CHARS = r"\w.\-\u00b7-\uffff"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN = re.compile(
    rf"""
    (?P<comment>\#[^\r\n]*+)
  | (?P<string>'''(?:[^'\\]++|\\.?|'{{1,2}}(?!'))*+(?:'''|\Z)
             |\"\"\"(?:[^"\\]++|\\.?|"{{1,2}}(?!"))*+(?:\"\"\"|\Z)
             |'(?:[^'\\\r\n]++|\\.?)*+(?:'|(?=[\r\n])|\Z)
             |"(?:[^"\\\r\n]++|\\.?)*+(?:"|(?=[\r\n])|\Z))
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]++|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*+>)
  | (?P<var>[?$][\w\u00b7-\uffff]*+)
  | (?P<run>[{_NAME_CHARS}]++)(?P<local>:(?:[{_NAME_CHARS}:]++|{_PLX})*+)?
  | (?P<local0>:(?:[{_NAME_CHARS}:]++|{_PLX})*+)
  | (?P<op>&&|\|\||!=|<=|>=|\^\^|[!+*/=<>|^])
  | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)
_WORD_SPLIT = re.compile(r"[^A-Za-z0-9_]+")
_OPEN, _CLOSE = "({[", ")}]"
#: Operator tokens that the parser turns into nested expressions; tens of thousands of them
#: overflow its stack even without brackets.
MAX_OPERATORS = 4096


class ServiceRefused(KGError):
    """The query calls a SERVICE (or LOADs from an address) this endpoint may not call."""


class QueryTooComplex(KGError):
    """The query nests deeper (or chains more operators) than the endpoint allows."""


def _tokens(sparql: str) -> Iterator[tuple[str, str]]:
    """``(kind, text)`` of each token; a name without a colon is split into its words."""
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "other"
        if kind == "comment":
            continue
        if kind in ("run", "local"):
            if match.group("local") is not None:
                yield "pname", match.group()
                continue
            # "true.SERVICE" is the literal true, ".", then the keyword: split at punctuation.
            for word in _WORD_SPLIT.split(match.group("run")):
                if word:
                    yield "word", word
            continue
        if kind == "local0":
            kind = "pname"
        yield kind, match.group()


def _targets(sparql: str, keywords: frozenset[str]) -> list[str]:
    targets: list[str] = []
    tokens = list(_tokens(sparql))
    for i, (kind, text) in enumerate(tokens):
        if kind == "word" and text.upper() in keywords:
            j = i + 1
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "SILENT":
                j += 1
            targets.append(tokens[j][1] if j < len(tokens) else "")
    return targets


def service_targets(sparql: str) -> list[str]:
    """The targets (IRI, variable or prefixed name, as written) of every ``SERVICE``."""
    return _targets(sparql, frozenset({"SERVICE"}))


def load_sources(sparql: str) -> list[str]:
    """The sources of every ``LOAD`` of an update (the server fetches them over HTTP)."""
    return _targets(sparql, frozenset({"LOAD"}))


def check_service(
    sparql: str, *, allow: bool, allowlist: Sequence[str] = (), load: bool = False
) -> None:
    """Raise unless every ``SERVICE`` (and with ``load``, every ``LOAD``) is allowed.

    Args:
        sparql: query or update text.
        allow: whether federated queries (outbound requests) are enabled at all.
        allowlist: IRI prefixes a SERVICE or LOAD may call (empty with ``allow``: any IRI).
        load: also check the sources of ``LOAD`` (for updates).

    Raises:
        ServiceRefused: naming the refused target.
    """
    targets = [("SERVICE", t) for t in service_targets(sparql)]
    if load:
        targets += [("LOAD", t) for t in load_sources(sparql)]
    for keyword, target in targets:
        if not allow:
            raise ServiceRefused(
                f"{keyword} {target} is not allowed: federated queries and remote loads are "
                "disabled on this endpoint (KG_ALLOW_SERVICE)"
            )
        if not allowlist:
            continue
        iri = target[1:-1] if target.startswith("<") and target.endswith(">") else None
        if iri is None or "\\" in iri or not any(iri.startswith(prefix) for prefix in allowlist):
            allowed = ", ".join(f"<{p}…>" for p in allowlist)
            raise ServiceRefused(
                f"{keyword} {target} is not allowed on this endpoint: only {allowed} may be called"
            )


def has_dataset_clause(sparql: str) -> bool:
    """Whether the query names its own dataset (``FROM`` or ``FROM NAMED``).

    ``FROM`` is a keyword only outside brackets (a subquery cannot have one), strings, IRIs
    and comments, and ``?from`` is a variable.

    >>> has_dataset_clause("SELECT * FROM <http://g> WHERE { ?s ?p ?o }")
    True
    >>> has_dataset_clause('SELECT ?from WHERE { ?from ?p "FROM" } # FROM <x>')
    False
    """
    depth = 0
    for kind, text in _tokens(sparql):
        if kind == "other" and text in _OPEN:
            depth += 1
        elif kind == "other" and text in _CLOSE:
            depth = max(0, depth - 1)
        elif kind == "word" and depth == 0 and text.upper() == "FROM":
            return True
    return False


def check_complexity(sparql: str, *, max_depth: int, max_operators: int = MAX_OPERATORS) -> None:
    """Raise if ``sparql`` nests brackets deeper than ``max_depth`` or chains too many operators.

    Oxigraph's parser is recursive: a few thousand nested groups or parentheses (or tens of
    thousands of chained operators) overflow a worker's stack and kill it. Refusing them here
    gives the client a 400 and keeps the worker.

    Raises:
        QueryTooComplex: naming the limit.
    """
    depth = deepest = operators = 0
    for kind, text in _tokens(sparql):
        if kind == "other":
            if text in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
            elif text in _CLOSE:
                depth = max(0, depth - 1)
        elif kind == "op" and text != "^^":
            operators += 1
    if deepest > max_depth:
        raise QueryTooComplex(
            f"the query nests {deepest} levels of brackets; the limit is {max_depth}"
        )
    if operators > max_operators:
        raise QueryTooComplex(f"the query has {operators} operators; the limit is {max_operators}")


__all__ = [
    "MAX_OPERATORS",
    "QueryTooComplex",
    "ServiceRefused",
    "check_complexity",
    "check_service",
    "has_dataset_clause",
    "load_sources",
    "service_targets",
]
