"""The FastAPI backend's own checks on rendered projects: its pytest suite, ruff, the refusal to
start without secrets, models that agree with the Alembic revisions, additive revisions, and the
OpenAPI document FastAPI generates against the contract (docs/openapi.yaml).

The virtualenv is reused across renders through the conformance harness's cache, keyed by the
hash of requirements.txt (~/.cache/universal-auth/venvs/).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manifests import load_stacks
from support.cells import ROOT
from support.project import install
from support.renders import render_backend

CASES = [(1, "bearer"), (2, "cookie"), (4, "cookie")]
METHODS = {"get", "post", "put", "patch", "delete"}


def render(destination: Path, mode: int, transport: str) -> Path:
    return render_backend(destination, "fastapi", mode, transport)


# One covering case by default (mode 4 holds every capability); the others under `full`.
PARAMS = [
    pytest.param(
        case,
        id=(label := f"m{case[0]}-{case[1]}"),
        marks=(pytest.mark.xdist_group(f"fastapi-{label}"), *(() if case == CASES[-1] else (pytest.mark.full,))),
    )
    for case in CASES
]


@pytest.fixture(scope="module", params=PARAMS)
def project(request, tmp_path_factory):
    mode, transport = request.param
    folder = render(tmp_path_factory.mktemp(f"fastapi-m{mode}-{transport}"), mode, transport)
    return folder, install(load_stacks()["fastapi"], folder).env(), mode, transport


def run(project, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    folder, base, _, _ = project
    return subprocess.run(
        ["python", *args], cwd=folder, env={**base, **(env or {})}, capture_output=True, text=True, timeout=600
    )


def test_the_projects_own_tests_pass(project):
    result = run(project, "-m", "pytest", "-p", "no:cacheprovider")
    summary = re.search(r"(\d+) passed", result.stdout)
    assert result.returncode == 0 and summary, result.stdout[-6000:] + result.stderr[-2000:]
    assert "failed" not in result.stdout.splitlines()[-1]
    assert int(summary.group(1)) >= 11, result.stdout[-500:]


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"])
def test_ruff_is_clean(project, command):
    folder = project[0]
    result = subprocess.run([sys.executable, "-m", "ruff", *command], cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_models_agree_with_the_revisions(project, tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
    assert run(project, "-m", "identity.migrate", env=database).returncode == 0
    check = "from alembic import command; from identity.migrate import alembic_config; command.check(alembic_config())"
    result = run(project, "-c", check, env=database)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "configuration error: AUTH_JWT_SECRET is not set"),
        ("abcd", "configuration error: AUTH_JWT_SECRET is too short"),
    ],
)
def test_a_missing_or_short_secret_stops_the_server_in_one_line(project, value, message):
    result = run(project, "-c", "import app.main", env={"AUTH_JWT_SECRET": value})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr[-2000:]


def test_the_generated_openapi_document_has_the_contracts_operations(project):
    """FastAPI's own document holds exactly the contract's operations of the mode and transport."""
    _, _, mode, transport = project
    spec = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text(encoding="utf-8"))
    expected = {
        (method, path)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS and operation["x-mode"] <= mode and operation.get("x-transport", transport) == transport
    }
    dump = "import json; from app.main import app; print(json.dumps(app.openapi()))"
    result = run(project, "-c", dump)
    assert result.returncode == 0, result.stderr[-2000:]
    generated = json.loads(result.stdout)
    found = {(method, path) for path, item in generated["paths"].items() for method in item if method in METHODS}
    assert found == expected, {"missing": sorted(expected - found), "extra": sorted(found - expected)}


def test_a_higher_mode_only_adds_revisions(tmp_path):
    low = render(tmp_path / "low", 1, "bearer") / "identity" / "migrations" / "versions"
    high = render(tmp_path / "high", 4, "bearer") / "identity" / "migrations" / "versions"
    low_files = sorted(path.name for path in low.glob("0*.py"))
    high_files = sorted(path.name for path in high.glob("0*.py"))
    assert low_files == ["0001_initial.py", "0008_outbox.py"]
    assert set(low_files) <= set(high_files) and len(high_files) == 8
    for name in low_files:
        assert (low / name).read_text() == (high / name).read_text(), f"{name} differs between modes"
