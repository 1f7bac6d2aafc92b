"""The NestJS backend's own checks on rendered projects: types, lint, format and its vitest suite.

node_modules is reused across renders through the conformance harness's cache, keyed by the hash
of package-lock.json (~/.cache/universal-auth/node_modules/), so only the first run pays for the
native builds of argon2 and better-sqlite3.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manifests import load_stacks
from support.renders import Renders, files_beyond

CASES = [(1, "bearer"), (4, "cookie")]
LOWEST, FULLEST = CASES
SCRIPTS = ("typecheck", "lint", "format:check")
LINTED = (".ts", ".tsx", ".js", ".mjs", ".cjs")


def answers(case: tuple[int, str]) -> dict:
    mode, transport = case
    return {
        "project_name": "shop",
        "backend": "nestjs",
        "frontend": "none",
        "mobile": "none",
        "mode": mode,
        "transport": transport,
        "database": "sqlite",
        "backend_dir": "backend",
    }


def case_param(case: tuple[int, str], *args, name: str = "", marks=()):
    """A case as a parameter: its tests run on one xdist worker, which renders and installs it once.
    One covering case by default (mode 4 holds every capability); mode 1 under `full`."""
    label = f"m{case[0]}-{case[1]}"
    group = pytest.mark.xdist_group(f"nestjs-{label}")
    covering = () if case == FULLEST else (pytest.mark.full,)
    return pytest.param(case, *args, id=f"{label}{name}", marks=(group, *covering, *marks))


EVERY_CASE = [case_param(case) for case in CASES]


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> Renders:
    return Renders(tmp_path_factory, load_stacks()["nestjs"], answers, "backend")


@pytest.fixture
def project(renders, case):
    return renders.installed(case)


def npm(project, *args: str) -> subprocess.CompletedProcess:
    folder, env = project
    return subprocess.run(["npm", "run", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    ("case", "script"), [case_param(case, script, name=f"-{script}") for case in CASES for script in SCRIPTS]
)
def test_static_checks_are_clean(project, script):
    result = npm(project, script)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@pytest.mark.parametrize("case", [case_param(LOWEST)])
def test_what_mode_4_renders_otherwise_is_clean(renders, project, case):
    """Lint and format, with the project's own tools and settings, of the files mode 1 renders and
    mode 4 does not (lines of an `{% else %}`, the bearer transport, imports an `{% if %}` leaves)."""
    folder, env = project
    beyond = files_beyond(folder, renders.folder(FULLEST))
    scripts = [name for name in beyond if name.endswith(LINTED)]
    assert "auth/src/http/transport.ts" in scripts, beyond  # the bearer transport: the comparison ran
    for command in (["eslint", *scripts], ["prettier", "--check", "--ignore-unknown", *beyond]):
        result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@pytest.mark.parametrize("case", EVERY_CASE)
def test_the_projects_own_tests_pass(project, tmp_path):
    """`npm test` is plain vitest; its JSON report, asked for here, shows the suite really ran."""
    report = tmp_path / "vitest.json"
    result = npm(project, "test", "--", "--reporter=default", "--reporter=json", f"--outputFile.json={report}")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    counts = json.loads(report.read_text())
    assert counts["success"] and counts["numFailedTests"] == 0, result.stdout[-6000:]
    assert counts["numPassedTests"] >= 20, counts["numPassedTests"]


@pytest.mark.parametrize("case", EVERY_CASE)
def test_the_server_refuses_to_start_without_its_secret(project):
    folder, env = project
    assert npm(project, "build").returncode == 0
    env = {**env, "AUTH_JWT_SECRET": "short"}
    result = subprocess.run(["node", "dist/main.js"], cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Refusing to start: AUTH_JWT_SECRET must be at least 64 hexadecimal characters (openssl rand -hex 32)"
    ]
