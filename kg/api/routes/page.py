"""The query page at ``/query``: YASGUI on ``/sparql`` with prefixes and saved queries.

The first screen shows a short query and its result (issue 17): two PREFIX lines, not twelve
(the endpoint knows the medkg prefixes anyway), and the page runs it on a first visit. A saved
query opens without its ``#+`` header, with its example parameter values bound in a VALUES
line the user can edit.
"""

from __future__ import annotations

import json
import re

from fastapi import APIRouter, Request, Response

from kg.api.deps import SavedQueriesDep
from kg.api.rendering import templates
from kg.api.routes.queries import query_info
from kg.api.security import CONTENT_SECURITY_POLICY
from kg.queries import SavedQuery, SavedQueryError, convert_value
from kg.vocab import PREFIXES

router = APIRouter(tags=["page"], include_in_schema=False)


def _json_for_script(value: object) -> str:
    # Safe inside <script type="application/json">: no "</script>" or "<!--" can appear.
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


#: What a first visit shows and runs: short enough to read at once, with a result worth seeing.
DEFAULT_QUERY = """PREFIX mkg: <https://w3id.org/medkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# The most used datasets. More examples in the menu above; every page links its RDF.
SELECT ?dataset ?label (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?paper mkg:usesDataset ?dataset .
  ?dataset rdfs:label ?label .
}
GROUP BY ?dataset ?label
ORDER BY DESC(?papers)
LIMIT 10
"""
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def example_text(query: SavedQuery) -> str:
    """A saved query as the query page opens it: summary comment, no ``#+`` header, example
    values bound.

    Parameters with an example (default) value are bound by a ``VALUES`` line at the start of
    the WHERE clause; required ones get a commented line to fill in.

    >>> from kg.queries import parse_saved_query
    >>> q = parse_saved_query("#+ summary: Papers on a dataset\\n"
    ...                       "#+ param: dataset dataset [brats]\\n"
    ...                       "SELECT ?paper WHERE { ?paper mkg:usesDataset ?dataset }", name="x")
    >>> print(example_text(q), end="")
    # Papers on a dataset
    SELECT ?paper WHERE {
      VALUES (?dataset) { (<https://w3id.org/medkg/resource/dataset/brats>) }  # example value: edit or delete
     ?paper mkg:usesDataset ?dataset }
    """
    body = "\n".join(line for line in query.sparql.splitlines() if not line.startswith("#+")).strip(
        "\n"
    )
    names: list[str] = []
    terms: list[str] = []
    todo: list[str] = []
    for param in query.params:
        if not param.default:
            todo.append(param.name)
            continue
        try:
            terms.append(convert_value(param, param.default).n3())
            names.append(param.name)
        except SavedQueryError:
            todo.append(param.name)
    lines: list[str] = []
    if names:
        lines.append(
            f"  VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }}"
            f"  # example value{'s' if len(names) > 1 else ''}: edit or delete"
        )
    lines += [f"  # VALUES ?{name} {{ … }}  # bind ?{name} here" for name in todo]
    match = _WHERE.search(body)
    if lines and match:
        body = body[: match.end()] + "\n" + "\n".join(lines) + "\n" + body[match.end() :]
    return f"# {query.summary}\n{body}\n"


@router.get("/query")
def query_page(request: Request, saved: SavedQueriesDep) -> Response:
    """The YASGUI query page."""
    root = request.scope.get("root_path", "")
    config = {
        "endpoint": f"{root}/sparql",
        "prefixes": PREFIXES,
        "defaultQuery": DEFAULT_QUERY,
        "queries": [
            {
                **query_info(q).model_dump(),
                "api": f"{root}/queries/{q.name}",
                "example": example_text(q),
            }
            for q in saved.values()
        ],
    }
    return templates.TemplateResponse(
        request,
        "query.html",
        {
            "static": f"{root}/static",
            "root": root,
            "sparql_path": f"{root}/sparql",
            "config_json": _json_for_script(config),
        },
        headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY},
    )
