"""Schemathesis against ``kg serve``'s own OpenAPI schema: no input yields a 5xx (issue 6, point 3).

Schemathesis reads ``/openapi.json`` from a real uvicorn server on loopback and sends
generated requests (valid and invalid parameters, bodies and media types) to every operation;
the check is ``not_a_server_error``. Bounded: a fixed number of examples per operation,
derandomised, so the run is reproducible and takes well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from endpoint_server import EndpointServer, build_fixture_store
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

MAX_EXAMPLES = 40


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EndpointServer]:
    store = build_fixture_store(tmp_path_factory.mktemp("schemathesis") / "store")
    env = {
        "KG_QUERY_TIMEOUT": "5",
        "KG_WORKERS": "2",
        "KG_WORKER_MEMORY_MB": "1024",
        "KG_MAX_RESULT_ROWS": "1000",
        "KG_QUEUE_TIMEOUT": "10",
    }
    with EndpointServer(store, env=env) as running:
        yield running


@pytest.fixture(scope="module")
def api_schema(server: EndpointServer) -> schemathesis.BaseSchema:
    assert httpx.get(f"{server.url}/openapi.json", timeout=10).status_code == 200
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.timeout(120)
def test_schemathesis_no_server_error(case: schemathesis.Case) -> None:
    response = case.call(timeout=30)
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, (
        case.method,
        case.path,
        response.status_code,
        response.text[:300],
    )
