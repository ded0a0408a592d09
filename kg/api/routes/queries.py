"""Saved queries as an API: ``GET /queries`` lists them, ``GET /queries/{name}`` runs one.

Each ``queries/*.rq`` file becomes its own route, with its parameters declared as typed
query-string parameters, so each appears in ``/docs`` (OpenAPI) with its summary and
parameters, grlc-style. Values are validated (:func:`kg.queries.bind_params`) and bound to the
query's variables by substitution, never spliced into its text. Results are paged with
``limit``/``offset`` (a ``Link: <…>; rel="next"`` header when there is more) in any results
format (``Accept`` or ``format``).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from kg.api.deps import QueryRunner, RunnerDep, SavedQueriesDep, SettingsDep
from kg.api.responses import QUERY_ERRORS, choose_formats, result_response
from kg.api.schemas import ParamInfo, SavedQueryInfo
from kg.queries import SavedQuery, bind_params
from kg.settings import Settings
from kg.store.answers import saved_query_sparql

_PYTHON_TYPES: dict[str, Any] = {"integer": int, "boolean": bool, "date": dt.date}


def query_info(query: SavedQuery) -> SavedQueryInfo:
    """The public description of a saved query."""
    return SavedQueryInfo(
        name=query.name,
        summary=query.summary,
        description=query.description,
        tags=list(query.tags),
        api=f"/queries/{query.name}",
        sparql=query.sparql,
        params=[
            ParamInfo(
                name=p.name,
                type=p.type,
                required=p.required,
                default=p.default,
                description=p.description,
            )
            for p in query.params
        ],
    )


def _to_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _endpoint_for(query: SavedQuery, settings: Settings) -> Callable[..., Response]:
    def run_saved_query(**kwargs: Any) -> Response:
        request: Request = kwargs["request"]
        runner: QueryRunner = kwargs["runner"]
        limit: int = kwargs["limit"]
        offset: int = kwargs["offset"]
        values = {p.name: _to_text(kwargs[f"p_{p.name}"]) for p in query.params}
        sparql, bindings = saved_query_sparql(
            query, runner.settings.store_path, bind_params(query, values), rows=offset + limit + 1
        )
        select_fmt, graph_fmt = choose_formats(
            request.headers.get("accept"), [kwargs["format"]] if kwargs["format"] else []
        )
        job = runner.job(
            sparql,
            bindings=tuple(sorted(bindings.items())),
            offset=offset,
            limit=limit,
            select_format=select_fmt,
            graph_format=graph_fmt,
        )
        result = runner.run(job)
        headers = {"X-KG-Offset": str(offset), "X-KG-Limit": str(limit)}
        if result.has_more:
            next_url = request.url.include_query_params(offset=offset + limit, limit=limit)
            headers["Link"] = f'<{next_url}>; rel="next"'
        return result_response(result, settings=runner.settings, headers=headers)

    params = [
        inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
        inspect.Parameter("runner", inspect.Parameter.KEYWORD_ONLY, annotation=RunnerDep),
    ]
    for p in query.params:
        python_type = _PYTHON_TYPES.get(p.type, str)
        description = p.description or p.name
        description += f" ({p.type}{'' if p.required else ', optional'})"
        params.append(
            inspect.Parameter(
                f"p_{p.name}",
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[
                    python_type | None, Query(alias=p.name, description=description)
                ],
            )
        )
    params += [
        inspect.Parameter(
            "limit",
            inspect.Parameter.KEYWORD_ONLY,
            default=settings.saved_query_page_size,
            annotation=Annotated[
                int, Query(ge=1, le=settings.max_result_rows, description="page size")
            ],
        ),
        inspect.Parameter(
            "offset",
            inspect.Parameter.KEYWORD_ONLY,
            default=0,
            annotation=Annotated[int, Query(ge=0, le=10**9, description="rows to skip")],
        ),
        inspect.Parameter(
            "format",
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                str | None,
                Query(
                    description="json, xml, csv, tsv (SELECT) or turtle, ntriples, "
                    "jsonld, rdfxml (CONSTRUCT); overrides Accept"
                ),
            ],
        ),
    ]
    run_saved_query.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run_saved_query.__name__ = f"run_{query.name}"
    run_saved_query.__doc__ = query.summary
    return run_saved_query


def build_router(queries: Mapping[str, SavedQuery], settings: Settings) -> APIRouter:
    """The ``/queries`` router: the list, and one route per saved query."""
    router = APIRouter(prefix="/queries", tags=["saved queries"])

    @router.get("", response_model=list[SavedQueryInfo], summary="List the saved queries")
    def list_queries(saved: SavedQueriesDep, _settings: SettingsDep) -> list[SavedQueryInfo]:
        """Every saved query with its summary, parameters, API path and SPARQL text."""
        return [query_info(q) for q in saved.values()]

    for query in queries.values():
        description = (
            (query.description or query.summary) + "\n\n```sparql\n" + query.sparql + "\n```"
        )
        router.add_api_route(
            f"/{query.name}",
            _endpoint_for(query, settings),
            methods=["GET"],
            summary=query.summary,
            description=description,
            name=f"query_{query.name}",
            responses={
                **QUERY_ERRORS,
                200: {
                    "description": "the results (paged)",
                    "content": {"application/sparql-results+json": {}, "text/csv": {}},
                },
                422: {"description": "a missing or invalid parameter"},
            },
            response_class=Response,
        )
    return router


__all__ = ["build_router", "query_info"]
