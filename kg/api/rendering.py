"""The Jinja2 templates of the web pages (``kg/api/templates/``), loaded once for every route."""

from __future__ import annotations

from fastapi.templating import Jinja2Templates

from kg.paths import templates_dir

templates = Jinja2Templates(directory=str(templates_dir()))
