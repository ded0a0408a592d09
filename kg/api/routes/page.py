"""The query page at ``/``: YASGUI on ``/sparql`` with prefixes and saved queries."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.templating import Jinja2Templates

from kg.api.deps import SavedQueriesDep
from kg.api.routes.queries import query_info
from kg.vocab import PREFIXES

router = APIRouter(tags=["page"], include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))

#: The page loads scripts, styles and data from this server only (issue 4: no CDN).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)


def _json_for_script(value: object) -> str:
    # Safe inside <script type="application/json">: no "</script>" or "<!--" can appear.
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@router.get("/query")
def query_page(request: Request, saved: SavedQueriesDep) -> Response:
    """The YASGUI query page."""
    root = request.scope.get("root_path", "")
    prefix_lines = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    config = {
        "endpoint": f"{root}/sparql",
        "prefixes": PREFIXES,
        "defaultQuery": prefix_lines + "\nSELECT ?paper ?title WHERE {\n  ?paper a mkg:Paper ;\n"
                        "         dcterms:title ?title .\n}\nLIMIT 25\n",
        "queries": [{**query_info(q).model_dump(), "api": f"{root}/queries/{q.name}"}
                    for q in saved.values()],
    }
    return templates.TemplateResponse(
        request, "query.html",
        {"static": f"{root}/static", "root": root, "sparql_path": f"{root}/sparql",
         "config_json": _json_for_script(config)},
        headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY},
    )
