"""Pydantic response models of the non-SPARQL routes (they document ``/docs``)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorInfo(BaseModel):
    """The body of every error answer."""

    error: str = Field(description="machine-readable code, e.g. malformed_query, timeout")
    detail: str = Field(
        description="what went wrong, for a person (a parser message with line:column)"
    )


class ParamInfo(BaseModel):
    """One parameter of a saved query."""

    name: str
    type: str = Field(description="iri, string, integer, decimal, boolean, date, or an entity type")
    required: bool
    default: str | None = None
    description: str = ""


class SavedQueryInfo(BaseModel):
    """A saved query, as listed by ``GET /queries``."""

    name: str
    summary: str
    description: str
    tags: list[str]
    params: list[ParamInfo]
    api: str = Field(description="path that runs it: GET with the parameters as query string")
    sparql: str


class HealthInfo(BaseModel):
    """What ``GET /health`` reports."""

    status: str = Field(description="ok, or degraded when no query worker is alive")
    version: str
    store: str
    workers: int
    workers_alive: int
    workers_idle: int
    query_timeout: float
    update_enabled: bool
