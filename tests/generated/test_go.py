"""The Go backend's own checks on rendered projects: gofmt, go vet, staticcheck and its go test suite.

The modules of go.sum are downloaded once into the conformance harness's module cache
(~/.cache/universal-auth/go/), so only the first render pays for them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manifests import load_stacks
from support.renders import Renders

CASES = [(1, "bearer"), (4, "cookie")]
# staticcheck at the version in the package lists, run as the README says; it downloads and builds once.
STATICCHECK = "honnef.co/go/tools/cmd/staticcheck@v0.8.2"


def answers(case: tuple[int, str]) -> dict:
    mode, transport = case
    return {
        "project_name": "shop",
        "backend": "go",
        "frontend": "none",
        "mobile": "none",
        "mode": mode,
        "transport": transport,
        "database": "sqlite",
        "backend_dir": "backend",
    }


def case_param(case: tuple[int, str], marks=()):
    label = f"m{case[0]}-{case[1]}"
    return pytest.param(case, id=label, marks=(pytest.mark.xdist_group(f"go-{label}"), *marks))


EVERY_CASE = [case_param(case) for case in CASES]


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> Renders:
    return Renders(tmp_path_factory, load_stacks()["go"], answers, "backend")


@pytest.fixture
def project(renders, case):
    return renders.installed(case)


def run(project, *command: str, timeout: int = 600) -> subprocess.CompletedProcess:
    folder, env = project
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("case", EVERY_CASE)
def test_gofmt_and_go_vet_are_clean(project):
    formatted = run(project, "gofmt", "-l", ".")
    assert formatted.returncode == 0 and formatted.stdout == "", formatted.stdout + formatted.stderr
    vetted = run(project, "go", "vet", "./...")
    assert vetted.returncode == 0, vetted.stdout[-4000:] + vetted.stderr[-4000:]


@pytest.mark.parametrize("case", [case_param(case, marks=(pytest.mark.full,)) for case in CASES])
def test_staticcheck_is_clean(project):
    folder, env = project
    checked = subprocess.run(["go", "run", STATICCHECK, "./..."], cwd=folder, env={**env, "GOFLAGS": ""},
                             capture_output=True, text=True, timeout=900)  # fmt: skip
    assert checked.returncode == 0, checked.stdout[-4000:] + checked.stderr[-4000:]


@pytest.mark.parametrize("case", EVERY_CASE)
def test_the_projects_own_tests_pass(project):
    """`go test` with -json, so the count of passed tests shows the suite really ran."""
    result = run(project, "go", "test", "-count=1", "-json", "./...")
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    passed = [e for e in events if e.get("Action") == "pass" and e.get("Test")]
    failed = [e["Test"] for e in events if e.get("Action") == "fail" and e.get("Test")]
    assert result.returncode == 0 and not failed, (failed, result.stderr[-4000:])
    assert len(passed) >= 10, len(passed)


@pytest.mark.parametrize("case", EVERY_CASE)
def test_the_server_refuses_to_start_without_its_secret(project):
    folder, env = project
    result = subprocess.run(["./bin/server"], cwd=folder, env={**env, "AUTH_JWT_SECRET": "short"},
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Refusing to start: AUTH_JWT_SECRET must be at least 64 hexadecimal characters (openssl rand -hex 32)"
    ]
