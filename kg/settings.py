"""Configuration of medkg, read from ``KG_*`` environment variables (and a ``.env`` file).

Every option has a safe default, so ``kg serve`` needs no configuration on a laptop; an
operator exposing the endpoint on a network tunes the limits here (see ``SECURITY.md``).

>>> Settings(query_timeout=2).query_timeout
2.0
>>> Settings(workers=0).effective_workers() >= 1
True
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from kg.paths import queries_dir


def _split_list(value: object) -> object:
    """Accept ``a,b,c`` (or a JSON list) from the environment for list options."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            import json

            return json.loads(text)
        return [item.strip() for item in text.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    """All medkg options; each can be set as ``KG_<NAME>`` in the environment.

    Attributes:
        store_path: directory of the Oxigraph store that ``kg build`` writes and ``kg serve`` reads
            (``KG_STORE``, as for every ``kg`` command).
        queries_dir: directory of the saved ``.rq`` queries exposed under ``/queries``.
        host: address ``kg serve`` binds to (loopback by default: expose it deliberately).
        port: TCP port of ``kg serve``.
        workers: number of query worker processes (0: one per CPU core).
        query_timeout: seconds a query may run before its worker process is killed.
        queue_timeout: seconds a request waits for a free worker before a 503.
        lane_workers: quick-lane worker processes: they take a query only while every
            regular worker is busy, and only for ``lane_seconds``, so cheap queries are
            answered however many expensive ones run (0: no lane).
        lane_seconds: longest a query may run in the quick lane before it is stopped there
            and waits for a regular worker instead.
        max_result_rows: most solutions (or triples) one response carries.
        max_response_bytes: most bytes of results one response carries.
        on_result_limit: ``truncate`` (a valid, shortened document and an ``X-KG-Truncated``
            header) or ``error`` (HTTP 422 with a JSON error) when a result limit is hit.
        max_body_bytes: largest request body accepted (HTTP 413 above it).
        max_header_bytes: longest request head (request line and header fields) accepted;
            414 (request line) or 431 (header fields) above it, checked as bytes arrive.
        max_query_chars: longest query text accepted (HTTP 400 above it).
        max_query_depth: deepest nesting of brackets (groups, parentheses) a query may have
            (HTTP 400 above it: the parser is recursive and a worker's stack is finite).
        worker_memory_mb: address-space cap of each worker process (0: none).
        update_token: bearer token that enables SPARQL Update; unset, updates are refused (403).
        allow_service: allow federated ``SERVICE`` calls to the IRIs in ``service_allowlist``.
        service_allowlist: IRI prefixes ``SERVICE`` may call when ``allow_service`` is on.
        cors_origins: origins allowed to call the API from a browser (empty: no CORS headers).
        cache_bytes: size of the in-memory result cache, keyed by query and store build.
        thread_limit: most requests handled at once by the sync route handlers.
        saved_query_page_size: default ``limit`` of ``GET /queries/{name}``.
        access_log: log one line per request (uvicorn access log; off: it costs more than a
            cached answer).
    """

    model_config = SettingsConfigDict(
        env_prefix="KG_", env_file=".env", extra="ignore", populate_by_name=True
    )

    # KG_STORE, the variable the ``kg`` commands read for ``--store`` too: one name for one thing
    store_path: Path = Field(default=Path("medkg-store"), validation_alias="KG_STORE")
    queries_dir: Path = Field(default_factory=queries_dir)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    workers: int = Field(default=0, ge=0, le=256)
    query_timeout: float = Field(default=30.0, gt=0)
    queue_timeout: float = Field(default=30.0, gt=0)
    lane_workers: int = Field(default=1, ge=0, le=16)
    lane_seconds: float = Field(default=0.25, gt=0, le=60)
    max_result_rows: int = Field(default=100_000, ge=1)
    max_response_bytes: int = Field(default=64 * 1024 * 1024, ge=1024)
    on_result_limit: str = Field(default="truncate", pattern="^(truncate|error)$")
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    max_header_bytes: int = Field(default=64 * 1024, ge=1024, le=16 * 1024 * 1024)
    max_query_chars: int = Field(default=200_000, ge=100)
    max_query_depth: int = Field(default=128, ge=8, le=1000)
    worker_memory_mb: int = Field(default=4096, ge=0)
    update_token: SecretStr | None = None
    allow_service: bool = False
    service_allowlist: Annotated[list[str], NoDecode] = Field(default_factory=list)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    cache_bytes: int = Field(default=64 * 1024 * 1024, ge=0)
    thread_limit: int = Field(default=64, ge=1)
    saved_query_page_size: int = Field(default=100, ge=1)
    access_log: bool = False

    @field_validator("service_allowlist", "cors_origins", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        return _split_list(value)

    @field_validator("update_token", mode="after")
    @classmethod
    def _empty_token_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip():
            return None
        return value

    def effective_workers(self) -> int:
        """Number of query worker processes: ``workers``, or one per core when 0."""
        return self.workers or max(1, os.cpu_count() or 1)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()


__all__ = ["Settings", "get_settings"]
