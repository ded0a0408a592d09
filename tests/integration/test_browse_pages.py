"""The browsing pages of issue 17 in a real browser (Debian's Chromium through Playwright) and
over HTTP, against a real ``kg serve`` on the fixture store.

The landing page searches as you type, a dataset page's leaderboard rows open the sentence
each number was read from, ``/docs`` renders Swagger UI with no request leaving the machine,
an unknown resource gets an HTML 404 with the closest matches. Screenshots go to
``$KG_SCREENSHOTS`` when set (else the test's tmp dir).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from endpoint_server import EndpointServer

CHROMIUM = Path(os.environ.get("KG_TEST_CHROMIUM", "/usr/bin/chromium"))
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


# --- over HTTP ---------------------------------------------------------------------------


def test_browse_search_finds_by_any_name(client: httpx.Client) -> None:
    def labels(q: str) -> list[str]:
        r = client.get("/search", params={"q": q})
        assert r.status_code == 200
        return [hit["label"] for hit in r.json()]

    assert labels("mimic")[0] == "MIMIC-CXR"
    assert labels("MIMIC CXR")[0] == "MIMIC-CXR"  # spaces and hyphens do not matter
    assert labels("auroc") == ["AUC"]  # an altLabel finds the entity under its label
    assert labels("x ray") == ["X-ray"]
    assert labels("no such thing") == []
    hit = client.get("/search", params={"q": "brats"}).json()[0]
    assert (
        hit["href"] == "/resource/dataset/brats" and hit["type"] == "Dataset" and hit["papers"] == 2
    )


def test_browse_search_works_without_javascript(client: httpx.Client) -> None:
    # the search form submits to /search: a browser gets the landing page with the hits
    r = client.get("/search", params={"q": "cxr"}, headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<a href="/resource/dataset/mimiccxr">MIMIC-CXR</a>' in r.text
    assert (
        client.get("/search", params={"q": "cxr"})
        .headers["content-type"]
        .startswith("application/json")
    )


def test_browse_search_rejects_huge_queries(client: httpx.Client) -> None:
    r = client.get("/search", params={"q": "x" * 500})
    assert r.status_code == 422


def test_browse_unknown_resource_is_an_html_404_with_suggestions(client: httpx.Client) -> None:
    r = client.get("/resource/dataset/mimic", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert 'href="/resource/dataset/mimiccxr">MIMIC-CXR</a>' in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    # RDF and JSON clients still get a JSON error
    r = client.get("/resource/dataset/mimic", headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_browse_paper_page_reads_results_as_a_table(client: httpx.Client) -> None:
    html = client.get("/resource/paper/a1b2c3d4e5f6", headers={"Accept": "text/html"}).text
    results = html[html.index('id="results"') : html.index("</table>", html.index('id="results"'))]
    assert ">Dice</a>" in results and ">MedSAM</a>" in results and ">BraTS</a>" in results
    assert "<summary" in results and ">0.91</summary>" in results  # the value opens its evidence
    assert "result_patterns" in results and "res:result" not in results
    assert '<span class="kg-role new">proposes</span>' in html  # MedSAM is the paper's own


def test_browse_task_page_lists_datasets_and_leaderboards(client: httpx.Client) -> None:
    html = client.get("/resource/task/segmentation", headers={"Accept": "text/html"}).text
    assert '<h1 id="label">segmentation</h1>' in html
    assert 'href="/resource/dataset/brats">BraTS</a> <span class="n">2</span>' in html  # 2 papers
    assert 'id="lb-dice"' in html and ">0.91</summary>" in html
    assert 'id="chart-papers"' in html


def test_browse_rdf_alternates_stay(client: httpx.Client) -> None:
    html = client.get("/resource/dataset/brats", headers={"Accept": "text/html"}).text
    assert '<link rel="alternate" type="text/turtle" href="http://' in html
    r = client.get("/resource/dataset/brats", headers={"Accept": "text/turtle"})
    assert r.headers["content-type"].startswith("text/turtle")


def test_browse_docs_is_served_from_the_package(client: httpx.Client) -> None:
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert "<script>" not in html  # no inline script: the strict policy holds
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc").status_code == 404  # not offered (it would need a CDN)


# --- in a browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():  # pragma: no cover - CI installs it
        if os.environ.get("CI"):
            raise RuntimeError(f"{CHROMIUM} is missing: .ci/run must `apt-get install -y chromium`")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: object, server: EndpointServer) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
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
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))  # type: ignore[attr-defined]
    yield page
    context.close()


def _shot(page: object, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_browser_landing_page_search_as_you_type(
    page: object, server: EndpointServer, tmp_path: Path
) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/")  # type: ignore[attr-defined]
    assert "3" in p.inner_text("#counts")  # type: ignore[attr-defined]  # 3 papers
    p.locator("#kg-search").press_sequentially("mimic", delay=30)  # type: ignore[attr-defined]
    p.wait_for_selector("#kg-search-results[data-query='mimic'] a")  # type: ignore[attr-defined]
    first = p.locator("#kg-search-results a").first  # type: ignore[attr-defined]
    assert first.inner_text() == "MIMIC-CXR"
    _shot(p, "landing-search", tmp_path)
    p.locator("#kg-search").press("Enter")  # type: ignore[attr-defined]
    p.wait_for_url("**/resource/dataset/mimiccxr")  # type: ignore[attr-defined]
    assert p.inner_text("#label") == "MIMIC-CXR"  # type: ignore[attr-defined]
    assert p.console_errors == [] and p.foreign_requests == []  # type: ignore[attr-defined]


def test_browser_landing_page_has_no_console_errors(page: object, server: EndpointServer) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/")  # type: ignore[attr-defined]
    p.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert p.locator("#top-tasks a").count() == 2  # type: ignore[attr-defined]
    p.click("#nav-query")  # type: ignore[attr-defined]  # the query page is one click away
    p.wait_for_selector(".yasqe .CodeMirror")  # type: ignore[attr-defined]
    assert p.console_errors == [] and p.foreign_requests == []  # type: ignore[attr-defined]


def test_browser_dataset_leaderboard_rows_open_their_evidence(
    page: object, server: EndpointServer, tmp_path: Path
) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/resource/dataset/brats")  # type: ignore[attr-defined]
    row = p.locator("#lb-dice tbody tr").first  # type: ignore[attr-defined]
    assert row.locator("td").nth(1).inner_text() == "MedSAM"
    sentence = row.locator(".kg-ev-body blockquote")
    assert not sentence.is_visible()
    row.locator("summary").click()
    assert sentence.is_visible() and "a Dice of 0.91" in sentence.inner_text()
    assert "result_patterns" in row.locator(".kg-ev-meta").inner_text()
    assert "0.80" in row.locator(".kg-ev-meta").inner_text()
    _shot(p, "dataset-evidence", tmp_path)
    row.locator(".kg-ev-meta a").click()  # the result's own page, with the full evidence
    p.wait_for_url("**/resource/result/r1")  # type: ignore[attr-defined]
    assert "0.91" in p.inner_text("#evidence")  # type: ignore[attr-defined]
    assert p.console_errors == [] and p.foreign_requests == []  # type: ignore[attr-defined]


def test_browser_task_page_draws_its_chart(
    page: object, server: EndpointServer, tmp_path: Path
) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/resource/task/segmentation")  # type: ignore[attr-defined]
    p.wait_for_selector("canvas[data-drawn='true']")  # type: ignore[attr-defined]
    bars = p.evaluate("() => document.querySelector('canvas[data-chart]').chart.data.labels")  # type: ignore[attr-defined]
    assert bars == ["2024-06", "2025-01"]
    _shot(p, "task", tmp_path)
    assert p.console_errors == [] and p.foreign_requests == []  # type: ignore[attr-defined]


def test_browser_paper_and_404_pages(page: object, server: EndpointServer, tmp_path: Path) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/resource/paper/0f9e8d7c6b5a")  # type: ignore[attr-defined]
    assert "AUC" in p.inner_text("#results")  # type: ignore[attr-defined]
    _shot(p, "paper", tmp_path)
    response = p.goto(server.url + "/resource/dataset/chexpertt")  # type: ignore[attr-defined]
    assert response.status == 404
    assert p.locator("#suggestions a").first.inner_text() == "CheXpert"  # type: ignore[attr-defined]
    _shot(p, "not-found", tmp_path)


def test_browser_docs_render_offline(page: object, server: EndpointServer, tmp_path: Path) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/docs")  # type: ignore[attr-defined]
    p.wait_for_selector(".swagger-ui .opblock-tag")  # type: ignore[attr-defined]
    assert p.locator(".opblock-summary-path:has-text('/sparql')").count() >= 1  # type: ignore[attr-defined]
    _shot(p, "docs", tmp_path)
    assert p.foreign_requests == [] and p.console_errors == []  # type: ignore[attr-defined]


# --- the query page (issue 17, point 3) --------------------------------------------------


def _yasqe_text(p: object) -> str:
    return p.evaluate("() => window.kgYasgui.getTab().getYasqe().getValue()")  # type: ignore[attr-defined,no-any-return]


def test_browser_query_page_first_screen_shows_a_result(
    page: object, server: EndpointServer, tmp_path: Path
) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/query")  # type: ignore[attr-defined]
    assert _yasqe_text(p).count("PREFIX") <= 3
    # the default query runs by itself; counts read as numbers, not "2"^^xsd:integer
    cell = p.locator(".yasr:visible table tbody tr:has-text('MIMIC-CXR') td").last  # type: ignore[attr-defined]
    assert cell.inner_text().strip() == "2"
    assert "^^" not in p.inner_text(".yasr:visible table tbody")  # type: ignore[attr-defined]
    _shot(p, "query-first-screen", tmp_path)
    assert p.console_errors == [] and p.foreign_requests == []  # type: ignore[attr-defined]


def test_browser_saved_query_opens_with_its_example_values(
    page: object, server: EndpointServer
) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/query")  # type: ignore[attr-defined]
    p.wait_for_selector(".yasqe .CodeMirror")  # type: ignore[attr-defined]
    p.select_option("#kg-examples", "leaderboard")  # type: ignore[attr-defined]
    text = _yasqe_text(p)
    assert "#+" not in text and text.startswith("# Leaderboard")
    assert (
        "VALUES (?dataset ?metric) { (<https://w3id.org/medkg/resource/dataset/medcasereasoning>"
        in text
    )


def test_browser_chart_shows_the_top_rows_sorted(page: object, server: EndpointServer) -> None:
    p = page  # type: ignore[assignment]
    p.goto(server.url + "/query")  # type: ignore[attr-defined]
    p.wait_for_selector(".yasqe .CodeMirror")  # type: ignore[attr-defined]
    numbers = " ".join(str((i * 7) % 40) for i in range(40))
    p.evaluate(
        "q => window.kgYasgui.getTab().getYasqe().setValue(q)",  # type: ignore[attr-defined]
        (
            f"SELECT ?name ?n WHERE {{ VALUES ?n {{ {numbers} }} "
            "BIND(CONCAT('row ', STR(?n)) AS ?name) }"
        ),
    )
    p.locator(".yasqe_queryButton:visible").click()  # type: ignore[attr-defined]
    p.wait_for_selector(".yasr:visible table tbody tr td:has-text('row 39')")  # type: ignore[attr-defined]
    p.locator(".yasr:visible .select_chart").click()  # type: ignore[attr-defined]
    p.wait_for_selector(".yasr:visible .kg-chart canvas")  # type: ignore[attr-defined]
    values = p.evaluate(
        "() => Chart.getChart(document.querySelector('.yasr .kg-chart canvas'))"
        ".data.datasets[0].data"
    )  # type: ignore[attr-defined]
    assert values == list(range(39, 14, -1))  # the top 25, largest first
    assert "top 25 of 40" in p.inner_text(".yasr:visible .kg-chart-controls")  # type: ignore[attr-defined]
