"""The pages a researcher browses (issue 17): the landing page with search, typed pages for
tasks, datasets, models and papers with leaderboards and the evidence behind every number,
and an HTML 404 that suggests the closest resources.

The data come from :mod:`kg.api.browse` (one function per question); this module only picks
what each page shows and renders it. Resource pages keep their RDF alternates: the route in
:mod:`kg.api.routes.resources` negotiates and calls :func:`entity_page` for HTML.

Aggregates over many papers (co-occurring entities, papers over time, paper lists, leaderboards,
headline counts, search) come from the store's browse and search indexes when it has them
(every build writes them); a store built before they existed is read through SPARQL, slower on
a large graph, and the log says once how to add them (``kg reindex``).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from kg.api import browse
from kg.api.deps import QueryRunner, RunnerDep
from kg.api.rendering import templates
from kg.api.results import negotiate
from kg.api.security import CONTENT_SECURITY_POLICY
from kg.entity_types import TYPES
from kg.ids import BASE
from kg.queries import SavedQuery
from kg.store.browse_index import BrowseIndex

router = APIRouter(tags=["browse"])
log = logging.getLogger(__name__)
_warned: set[str] = set()

#: Resource types that have a page of their own; the others get the generic property table.
TYPED_PAGES = ("task", "dataset", "model", "paper")
_ROLE_LINKS = {t.name: browse.LINKS[t.display_name] for t in TYPES}


def selector(runner: QueryRunner) -> browse.Select:
    """A :data:`kg.api.browse.Select` that runs on the app's query workers."""

    def select(sparql: str, bindings: Any) -> list[browse.Row]:
        job = runner.job(sparql, bindings=tuple(bindings), select_format="json")
        body = json.loads(runner.run(job).body)
        return browse.plain_rows(body["results"]["bindings"])

    return select


def browse_index(request: Request) -> BrowseIndex | None:
    """The browse index of the store the app serves (None: it has none; said once in the log)."""
    path = request.app.state.settings.store_path
    index = BrowseIndex.open(path)
    if index is None and str(path) not in _warned:
        _warned.add(str(path))
        log.warning(
            "medkg: the store at %s has no browse index: the pages read the graph directly, "
            "slowly on a large store; add it with `kg reindex --store %s`",
            path,
            path,
        )
    return index


def _context(request: Request, **values: Any) -> dict[str, Any]:
    root = request.scope.get("root_path", "")
    return {"request": request, "root": root, "static": f"{root}/static", **values}


def _render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    started: float | None = None,
) -> Response:
    headers = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "Vary": "Accept"}
    if started is not None:  # how long the page took to read, for anyone timing it
        headers["Server-Timing"] = f"graph;dur={(time.perf_counter() - started) * 1000:.1f}"
    return templates.TemplateResponse(request, name, context, status_code=status, headers=headers)


def _chart(kind: str, label: str, points: list[tuple[str, float]], **extra: Any) -> str:
    # JSON for a <script type="application/json"> block: no "</script>" can appear
    data = {
        "type": kind,
        "label": label,
        "labels": [p[0] for p in points],
        "values": [p[1] for p in points],
        **extra,
    }
    return json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _leaderboard_query(saved: dict[str, SavedQuery]) -> str:
    return saved["leaderboard"].sparql


# --- landing page and search -------------------------------------------------------------


@router.get("/", include_in_schema=False)
def landing(request: Request, runner: RunnerDep) -> Response:
    """The landing page: search, headline counts, the most active tasks."""
    started = time.perf_counter()
    select = selector(runner)
    index = browse_index(request)
    return _render(
        request,
        "landing.html",
        _context(
            request,
            counts=browse.headline_counts(select, index=index),
            tasks=browse.top_tasks(select, index=index),
            results=None,
            q="",
        ),
        started=started,
    )


@router.get(
    "/search",
    summary="Find entities by any of their names",
    description="Datasets, models, modalities, tasks and metrics whose label or any altLabel "
    "contains `q`, ignoring case, spaces and punctuation (`chest x-ray` finds "
    "`Chest X-ray`, `cxr` finds what is also called CXR): exact matches first, "
    "then prefixes, then the most linked. JSON, or an HTML page for browsers.",
)
def search(
    request: Request,
    runner: RunnerDep,
    q: Annotated[str, Query(max_length=200, description="the text to look for")] = "",
    limit: Annotated[int, Query(ge=1, le=50, description="at most this many entities")] = 10,
) -> Any:
    """Entities matching ``q`` (JSON list, or HTML when a browser asks)."""
    select = selector(runner)
    root = request.scope.get("root_path", "")
    rows = browse.search(select, q, limit=limit, index=browse_index(request))
    found = [
        {
            "iri": r["entity"],
            "href": _href(r["entity"], root),
            "label": r["label"],
            "type": r["type"],
            "matched": r.get("form"),
            "papers": r["papers"],
        }
        for r in rows
    ]
    if wants_html(request):
        return _render(
            request, "landing.html", _context(request, counts=None, tasks=[], results=found, q=q)
        )
    return found


def _href(iri: str, root: str) -> str:
    return f"{root}/resource/{iri[len(BASE) :]}" if iri.startswith(BASE) else iri


# --- typed resource pages ----------------------------------------------------------------


def entity_page(
    request: Request,
    runner: QueryRunner,
    saved: dict[str, SavedQuery],
    iri: str,
    kind: str,
    formats: list[dict[str, str]],
) -> Response | None:
    """The HTML page of a task, dataset, model or paper, or None if the graph has no such thing.

    Args:
        request: the request (for links relative to the app's root).
        runner: runs the queries.
        saved: the saved queries (the leaderboard query ranks results).
        iri: the resource.
        kind: ``task``, ``dataset``, ``model`` or ``paper``.
        formats: the RDF alternates (name, media type, href) the page links to.
    """
    started = time.perf_counter()
    select = selector(runner)
    about = browse.describe(select, iri)
    if not about.exists:
        return None
    context = _context(request, about=about, kind=kind, formats=formats, iri=iri)
    context.update(_PAGES[kind](select, saved, about, browse_index(request)))
    return _render(request, f"{kind}.html", context, started=started)


def _task(
    select: browse.Select,
    saved: dict[str, SavedQuery],
    about: browse.Description,
    index: BrowseIndex | None,
) -> dict[str, Any]:
    via = ["addressesTask"]

    def co(links: list[str]) -> Callable[[], Any]:
        return lambda: browse.co_entities(select, about.iri, via=via, links=links, index=index)

    sections = _parallel(
        {
            "over_time": lambda: browse.papers_over_time(select, about.iri, via=via, index=index),
            "datasets": co(["introducesDataset", "usesDataset"]),
            "models": co(["proposesModel", "usesModel"]),
            "metrics": co(["usesMetric"]),
            "modalities": co(["hasModality"]),
            "boards": lambda: browse.leaderboards(
                select, _leaderboard_query(saved), task=about.iri, limit=12, index=index
            ),
        }
    )
    over_time = sections.pop("over_time")
    return {
        **sections,
        "papers_total": sum(r["n"] for r in over_time),
        "chart": _chart("bar", "papers per month", [(r["month"], r["n"]) for r in over_time]),
    }


def _dataset(
    select: browse.Select,
    saved: dict[str, SavedQuery],
    about: browse.Description,
    index: BrowseIndex | None,
) -> dict[str, Any]:
    via = _ROLE_LINKS["dataset"]
    sections = _parallel(
        {
            "boards": lambda: browse.leaderboards(
                select, _leaderboard_query(saved), dataset=about.iri, index=index
            ),
            "tasks": lambda: browse.co_entities(
                select, about.iri, via=via, links=["addressesTask"], index=index
            ),
            "modalities": lambda: browse.co_entities(
                select, about.iri, via=via, links=["hasModality"], index=index
            ),
            "papers": lambda: browse.papers(select, about.iri, links=via, index=index),
        }
    )
    boards = sections["boards"]
    charted = next((b for b in boards if len(browse.best_over_time(b)) >= 2), None)
    chart = None
    if charted is not None:
        best = browse.best_over_time(charted)
        chart = _chart(
            "line",
            f"best {charted.metric_label} so far",
            [(p["date"], p["score"]) for p in best],
            models=[p["model"] or "" for p in best],
        )
    rows, counts = sections.pop("papers")
    return {**sections, "charted": charted, "chart": chart, "papers": rows, "paper_counts": counts}


def _model(
    select: browse.Select,
    saved: dict[str, SavedQuery],
    about: browse.Description,
    index: BrowseIndex | None,
) -> dict[str, Any]:
    via = _ROLE_LINKS["model"]
    sections = _parallel(
        {
            "papers": lambda: browse.papers(select, about.iri, links=via, index=index),
            "results": lambda: browse.results(select, model=about.iri),
            "tasks": lambda: browse.co_entities(
                select, about.iri, via=via, links=["addressesTask"], index=index
            ),
        }
    )
    evaluated: dict[str, dict[str, Any]] = {}
    for row in sections["results"]:
        if row.get("dataset"):
            entry = evaluated.setdefault(
                row["dataset"],
                {
                    "dataset": row["dataset"],
                    "n": 0,
                    "label": row.get("datasetLabel") or browse.slug_of(row["dataset"]),
                },
            )
            entry["n"] += 1
    rows, counts = sections.pop("papers")
    return {
        **sections,
        "papers": rows,
        "paper_counts": counts,
        "evaluated": sorted(evaluated.values(), key=lambda e: (-e["n"], str(e["label"]).lower())),
    }


def _paper(
    select: browse.Select,
    saved: dict[str, SavedQuery],
    about: browse.Description,
    index: BrowseIndex | None,
) -> dict[str, Any]:
    return _parallel(
        {
            "results": lambda: browse.results(select, paper=about.iri),
            "entities": lambda: browse.paper_entities(select, about.iri),
            "mentions": lambda: browse.mentions(select, about.iri),
            "identifiers": lambda: browse.paper_identifiers(about),
        }
    )


def _parallel(sections: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    # a page's sections are independent queries: ask the worker pool for them at once
    with ThreadPoolExecutor(max_workers=len(sections)) as pool:
        futures = {name: pool.submit(fn) for name, fn in sections.items()}
        return {name: future.result() for name, future in futures.items()}


_PAGES = {"task": _task, "dataset": _dataset, "model": _model, "paper": _paper}


# --- not found ---------------------------------------------------------------------------


def not_found_page(request: Request, runner: QueryRunner | None, kind: str, slug: str) -> Response:
    """An HTML 404 for an unknown resource, with the closest matches ("did you mean …?")."""
    suggestions: list[dict[str, Any]] = []
    if runner is not None:
        root = request.scope.get("root_path", "")
        suggestions = [
            {
                "href": _href(r["entity"], root),
                "label": r["label"],
                "type": r["type"],
                "papers": r["papers"],
            }
            for r in browse.closest(selector(runner), kind, slug, index=browse_index(request))
        ]
    return _render(
        request,
        "not_found.html",
        _context(request, kind=kind, slug=slug, suggestions=suggestions),
        status=404,
    )


def wants_html(request: Request) -> bool:
    """Whether the client prefers HTML (a browser) to JSON or RDF."""
    accept = request.headers.get("accept") or ""
    return (
        negotiate(accept, (("text/html", "html"), ("application/json", "json"))) == "html"
        and "text/html" in accept
    )


__all__ = [
    "TYPED_PAGES",
    "browse_index",
    "entity_page",
    "not_found_page",
    "router",
    "selector",
    "wants_html",
]
