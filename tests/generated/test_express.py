"""The Express backend's own checks on rendered projects: types, lint, format and its vitest suite.

node_modules is reused across renders through the conformance harness's cache, keyed by the hash
of package-lock.json (~/.cache/universal-auth/node_modules/), so only the first run pays for the
native builds of argon2 and better-sqlite3.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import copier
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manifests import load_stacks
from support.cells import ROOT
from support.project import install

CASES = [(1, "bearer"), (4, "cookie")]


@pytest.fixture(scope="module", params=CASES, ids=[f"m{mode}-{transport}" for mode, transport in CASES])
def project(request, tmp_path_factory):
    mode, transport = request.param
    destination = tmp_path_factory.mktemp(f"express-m{mode}-{transport}")
    answers = {
        "project_name": "shop",
        "backend": "express",
        "frontend": "none",
        "mobile": "none",
        "mode": mode,
        "transport": transport,
        "database": "sqlite",
        "backend_dir": "backend",
    }
    copier.run_copy(str(ROOT), destination, data=answers, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
    folder = destination / "backend"
    installed = install(load_stacks()["express"], folder)
    return folder, installed.env()


def npm(project, *args: str) -> subprocess.CompletedProcess:
    folder, env = project
    return subprocess.run(["npm", "run", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("script", ["typecheck", "lint", "format:check"])
def test_static_checks_are_clean(project, script):
    result = npm(project, script)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_the_projects_own_tests_pass(project, tmp_path):
    """`npm test` is plain vitest; its JSON report, asked for here, shows the suite really ran."""
    report = tmp_path / "vitest.json"
    result = npm(project, "test", "--", "--reporter=default", "--reporter=json", f"--outputFile.json={report}")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    counts = json.loads(report.read_text())
    assert counts["success"] and counts["numFailedTests"] == 0, result.stdout[-6000:]
    assert counts["numPassedTests"] >= 20, counts["numPassedTests"]


def test_the_server_refuses_to_start_without_its_secret(project):
    folder, env = project
    assert npm(project, "build").returncode == 0
    env = {**env, "AUTH_JWT_SECRET": "short"}
    result = subprocess.run(["node", "dist/server.js"], cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Refusing to start: AUTH_JWT_SECRET must be at least 64 hexadecimal characters (openssl rand -hex 32)"
    ]
