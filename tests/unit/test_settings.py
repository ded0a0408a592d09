"""kg/settings.py: defaults, KG_* environment variables, validation, the cached instance."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from kg.settings import Settings, get_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for key in list(os.environ):
        if key.startswith("KG_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_settings_defaults_are_safe() -> None:
    s = Settings()
    assert s.host == "127.0.0.1"
    assert s.query_timeout == 30.0
    assert s.update_token is None and s.allow_service is False and s.cors_origins == []
    assert s.max_body_bytes > 0 and s.max_result_rows > 0 and s.max_response_bytes > 0
    assert s.effective_workers() >= 1
    assert (s.queries_dir / "list_papers.rq").exists()


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE", "/data/store")
    monkeypatch.setenv("KG_QUERY_TIMEOUT", "2.5")
    monkeypatch.setenv("KG_WORKERS", "3")
    monkeypatch.setenv("KG_UPDATE_TOKEN", "t0k")
    monkeypatch.setenv("KG_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("KG_SERVICE_ALLOWLIST", '["https://query.wikidata.org/"]')
    s = Settings()
    assert s.store_path == Path("/data/store") and s.query_timeout == 2.5
    assert s.effective_workers() == 3
    assert s.update_token is not None and s.update_token.get_secret_value() == "t0k"
    assert "t0k" not in repr(s)  # a secret is never printed
    assert s.cors_origins == ["https://a.example", "https://b.example"]
    assert s.service_allowlist == ["https://query.wikidata.org/"]


def test_settings_empty_token_means_no_updates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_UPDATE_TOKEN", "  ")
    assert Settings().update_token is None


def test_settings_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("KG_PORT=9999\n")
    assert Settings().port == 9999


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("query_timeout", 0),
        ("port", 70000),
        ("max_result_rows", 0),
        ("on_result_limit", "explode"),
        ("max_body_bytes", 10),
        ("workers", -1),
    ],
)
def test_settings_invalid_values_are_refused(name: str, value: object) -> None:
    with pytest.raises(ValidationError):
        Settings(**{name: value})


def test_settings_get_settings_is_cached() -> None:
    get_settings.cache_clear()
    try:
        assert get_settings() is get_settings()
    finally:
        get_settings.cache_clear()
