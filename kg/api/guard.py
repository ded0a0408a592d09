"""Refuse federated ``SERVICE`` calls that the operator did not allow (no SSRF).

Oxigraph evaluates ``SERVICE <iri> { … }`` by sending an HTTP request from the server, so an
open endpoint would let anyone make the server call internal addresses (issue 6, point 3).
The query text is scanned with a small SPARQL lexer (strings, IRIs, comments, variables and
prefixed names are skipped, so ``?service`` or ``"SERVICE"`` do not trip it); every
``SERVICE`` keyword must name an IRI that starts with an allowed prefix.

>>> service_targets('SELECT * { SERVICE SILENT <http://x/sparql> { ?s ?p ?o } }')
['<http://x/sparql>']
>>> service_targets('SELECT ?service { ?service a "SERVICE" } # SERVICE <http://y>')
[]
>>> check_service('SELECT * { SERVICE ?ep { ?s ?p ?o } }', allow=True, allowlist=("http://x/",))
Traceback (most recent call last):
...
kg.api.guard.ServiceRefused: SERVICE ?ep is not allowed on this endpoint: only <http://x/…> may be called
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from kg.errors import KGError

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7-\uffff]*)?:[\w.\-:%\\\u00b7-\uffff]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


class ServiceRefused(KGError):
    """The query calls a SERVICE this endpoint may not call."""


def _tokens(sparql: str) -> Iterator[tuple[str, str]]:
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "other"
        if kind != "comment":
            yield kind, match.group()


def service_targets(sparql: str) -> list[str]:
    """The targets (IRI, variable or prefixed name, as written) of every ``SERVICE``."""
    targets: list[str] = []
    tokens = list(_tokens(sparql))
    for i, (kind, text) in enumerate(tokens):
        if kind == "word" and text.upper() == "SERVICE":
            j = i + 1
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "SILENT":
                j += 1
            targets.append(tokens[j][1] if j < len(tokens) else "")
    return targets


def check_service(sparql: str, *, allow: bool, allowlist: Sequence[str] = ()) -> None:
    """Raise unless every ``SERVICE`` in ``sparql`` is allowed.

    Args:
        sparql: query or update text.
        allow: whether federated queries are enabled at all.
        allowlist: IRI prefixes a SERVICE may call (empty with ``allow``: any IRI).

    Raises:
        ServiceRefused: naming the refused target.
    """
    for target in service_targets(sparql):
        if not allow:
            raise ServiceRefused(
                f"SERVICE {target} is not allowed: federated queries are disabled on this "
                "endpoint (KG_ALLOW_SERVICE)")
        if not allowlist:
            continue
        iri = target[1:-1] if target.startswith("<") and target.endswith(">") else None
        if iri is None or not any(iri.startswith(prefix) for prefix in allowlist):
            allowed = ", ".join(f"<{p}…>" for p in allowlist)
            raise ServiceRefused(
                f"SERVICE {target} is not allowed on this endpoint: only {allowed} may be called")


__all__ = ["ServiceRefused", "check_service", "service_targets"]
