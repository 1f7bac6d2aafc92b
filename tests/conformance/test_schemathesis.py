"""docs/openapi.yaml against a live server: generated requests for every operation of the cell's
mode and transport; no 5xx, and every response matches the documented status, media type,
headers and schema. Bounded (a few examples per operation) so CI stays fast; the long run (`full`)
tries many more of each operation, every one signed in afresh."""

from pathlib import Path

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from support.client import Api
from support.flows import login, register_verified

SPEC = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
EXAMPLES = 8
LONG_EXAMPLES = 150
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def spec_for(mode: int, transport: str) -> dict:
    """The document restricted to the operations a cell of ``mode`` and ``transport`` serves."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    for path, item in list(spec["paths"].items()):
        for method in [m for m in item if isinstance(item[m], dict) and "x-mode" in item[m]]:
            operation = item[method]
            if operation["x-mode"] > mode or operation.get("x-transport", transport) != transport:
                del item[method]
        if not any(isinstance(v, dict) and "x-mode" in v for v in item.values()):
            del spec["paths"][path]
    return spec


def credentials(api: Api) -> dict:
    if api.transport == "bearer":
        return {"Authorization": f"Bearer {api.access_token}"}
    token = api.fetch_csrf()
    return {"Cookie": "; ".join(f"{c.name}={c.value}" for c in api.cookies.values()), "X-CSRF-Token": token}


def exercise(operation, base_url: str, headers: dict, examples: int) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS, timeout=30)

    check()


@pytest.mark.req("contract: docs/openapi.yaml", "ASVS v5.0.0-16.5.1")
@pytest.mark.parametrize(
    "examples", [pytest.param(EXAMPLES, id="short"), pytest.param(LONG_EXAMPLES, id="long", marks=pytest.mark.full)]
)
def test_live_server_matches_the_openapi_document(server, cell, inbox, host_paths, examples):
    api = Api(server, cell.transport)
    account = register_verified(api, inbox, cell.mode)
    spec = spec_for(cell.mode, cell.transport)
    for path in host_paths:  # answered by the application the auth was added to, not by the auth
        spec["paths"].pop(path, None)
    schema = schemathesis.openapi.from_dict(spec)
    failures = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:
        login(api, account, cell.mode)  # a fresh session each time: a generated logout may end the last one
        try:
            exercise(operation, server.base_url, credentials(api), examples)
        except Exception as failure:  # every operation is tried; the failures are reported together
            failures[f"{operation.method.upper()} {operation.path}"] = str(failure)[:1500]
    api.close()
    assert not failures, "\n\n".join(f"{name}:\n{text}" for name, text in failures.items())
