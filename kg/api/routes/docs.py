"""``/docs``: Swagger UI for the OpenAPI description, served from the package (issue 17).

FastAPI's own ``/docs`` page loads Swagger UI from a CDN and starts it with an inline script,
so it is blank offline and needs a loose Content-Security-Policy. This page loads the bundle
vendored from npm ``swagger-ui-dist`` (``web/``) and starts it from a static file, so it works
with no network and under the same strict policy as every other page. ReDoc is not offered.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from kg.api.rendering import templates
from kg.api.security import CONTENT_SECURITY_POLICY

router = APIRouter(tags=["page"], include_in_schema=False)


@router.get("/docs")
def swagger_ui(request: Request) -> Response:
    """Swagger UI on ``/openapi.json``, from vendored assets only."""
    root = request.scope.get("root_path", "")
    return templates.TemplateResponse(
        request,
        "docs.html",
        {
            "static": f"{root}/static",
            "root": root,
            "openapi_url": f"{root}{request.app.openapi_url}",
            "title": request.app.title,
        },
        headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY},
    )


__all__ = ["router"]
