"""The query page in a real browser: Debian's Chromium driven by Playwright.

Loads ``/``, opens a saved query from the examples menu, runs it and sees result rows in the
YASR table, draws a chart, and checks that the page fetched nothing from any other host
(no CDN). Chromium comes from Debian (``apt-get install -y chromium``); Playwright's own
browser download is never used (``executable_path``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from endpoint_server import EndpointServer

CHROMIUM = Path(os.environ.get("KG_TEST_CHROMIUM", "/usr/bin/chromium"))
playwright_api = pytest.importorskip("playwright.sync_api")

if not CHROMIUM.exists():  # pragma: no cover - CI installs it
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run must `apt-get install -y chromium`")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)

ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: object, server: EndpointServer) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.foreign_requests = []  # type: ignore[attr-defined]
    page.console_errors = []  # type: ignore[attr-defined]

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith((server.url, "data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:  # never let the test browser reach outside the loopback
            page.foreign_requests.append(url)  # type: ignore[attr-defined]
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))  # type: ignore[attr-defined]
    yield page
    context.close()


def test_browser_query_page_runs_a_saved_query(
    page: object, server: EndpointServer, tmp_path: Path
) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/query")  # type: ignore[attr-defined]
    p.wait_for_selector(".yasqe .CodeMirror")  # type: ignore[attr-defined]
    editor_text = p.evaluate("() => window.kgYasgui.getTab().getYasqe().getValue()")  # type: ignore[attr-defined]
    assert "PREFIX mkg: <https://w3id.org/medkg/ontology#>" in editor_text  # prefixes pre-filled

    options = p.eval_on_selector_all("#kg-examples option", "els => els.map(e => e.value)")  # type: ignore[attr-defined]
    assert {"list_papers", "datasets_by_usage", "papers_using_dataset"} <= set(options)
    p.select_option("#kg-examples", "list_papers")  # type: ignore[attr-defined]
    assert "dcterms:title ?title" in p.evaluate(
        "() => window.kgYasgui.getTab().getYasqe().getValue()"
    )  # type: ignore[attr-defined]
    p.locator(".yasqe_queryButton:visible").click()  # type: ignore[attr-defined]
    p.wait_for_selector(".yasr:visible table tbody tr td:has-text('Chest X-ray report generation')")  # type: ignore[attr-defined]
    rows = p.locator(".yasr:visible table tbody tr")  # type: ignore[attr-defined]
    assert rows.count() == 3
    p.screenshot(path=str(tmp_path / "query-page.png"), full_page=True)  # type: ignore[attr-defined]
    assert p.foreign_requests == []  # type: ignore[attr-defined]


def test_browser_chart_plugin_draws(page: object, server: EndpointServer) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/query")  # type: ignore[attr-defined]
    p.wait_for_selector(".yasqe .CodeMirror")  # type: ignore[attr-defined]
    p.select_option("#kg-examples", "datasets_by_usage")  # type: ignore[attr-defined]
    p.locator(".yasqe_queryButton:visible").click()  # type: ignore[attr-defined]
    p.wait_for_selector(".yasr:visible table tbody tr td:has-text('MIMIC-CXR')")  # type: ignore[attr-defined]
    p.locator(".yasr:visible .select_chart").click()  # type: ignore[attr-defined]
    p.wait_for_selector(".yasr:visible .kg-chart canvas")  # type: ignore[attr-defined]
    drawn = p.evaluate(
        "() => { const c = document.querySelector('.tabPanel.active .kg-chart canvas') || "  # type: ignore[attr-defined]
        "document.querySelector('.kg-chart canvas');"
        " return c.width > 0 && c.height > 0; }"
    )
    assert drawn
    assert p.foreign_requests == []  # type: ignore[attr-defined]


def test_browser_resource_page(page: object, server: EndpointServer) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/resource/dataset/mimiccxr")  # type: ignore[attr-defined]
    assert p.inner_text("#label") == "MIMIC-CXR"  # type: ignore[attr-defined]
    assert "Using MIMIC-CXR and CheXpert" in p.inner_text("#paper-list")  # type: ignore[attr-defined]
    p.click("#paper-list a:has-text('Chest X-ray report generation')")  # type: ignore[attr-defined]
    p.wait_for_url("**/resource/paper/0f9e8d7c6b5a")  # type: ignore[attr-defined]
    assert "Chest X-ray report generation" in p.inner_text("#label")  # type: ignore[attr-defined]
