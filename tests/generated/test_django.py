"""The Django backend's own checks on rendered projects: its pytest suite, `check --deploy`,
`makemigrations --check`, ruff, the refusal to start without secrets, additive migrations.

The virtualenv is reused across renders through the conformance harness's cache, keyed by the
hash of requirements.txt (~/.cache/universal-auth/venvs/).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manifests import load_stacks
from support.project import install
from support.renders import render_backend

CASES = [(1, "bearer"), (2, "cookie"), (4, "cookie")]
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "AUTH_COOKIE_SECURE": "true",
    "DJANGO_SECURE_SSL_REDIRECT": "true",
    "APP_URL": "https://app.example.com",
}


def render(destination: Path, mode: int, transport: str) -> Path:
    return render_backend(destination, "django", mode, transport)


# Each case's tests run on one xdist worker, which renders and installs the case once.
PARAMS = [
    pytest.param(case, id=(label := f"m{case[0]}-{case[1]}"), marks=pytest.mark.xdist_group(f"django-{label}"))
    for case in CASES
]


@pytest.fixture(scope="module", params=PARAMS)
def project(request, tmp_path_factory):
    mode, transport = request.param
    folder = render(tmp_path_factory.mktemp(f"django-m{mode}-{transport}"), mode, transport)
    return folder, install(load_stacks()["django"], folder).env()


def run(project, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    folder, base = project
    return subprocess.run(
        ["python", *args], cwd=folder, env={**base, **(env or {})}, capture_output=True, text=True, timeout=600
    )


def test_the_projects_own_tests_pass(project):
    result = run(project, "-m", "pytest", "-p", "no:cacheprovider")
    summary = re.search(r"(\d+) passed", result.stdout)
    assert result.returncode == 0 and summary, result.stdout[-6000:] + result.stderr[-2000:]
    assert "failed" not in result.stdout.splitlines()[-1]
    assert int(summary.group(1)) >= 15, result.stdout[-500:]


def test_check_deploy_is_clean_under_production_settings(project):
    result = run(project, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_models_and_migrations_agree(project):
    result = run(project, "manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"])
def test_ruff_is_clean(project, command):
    folder, _ = project
    result = subprocess.run([sys.executable, "-m", "ruff", *command], cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("AUTH_JWT_SECRET", "", "configuration error: AUTH_JWT_SECRET is not set"),
        ("AUTH_JWT_SECRET", "abcd", "configuration error: AUTH_JWT_SECRET is too short"),
        ("DJANGO_SECRET_KEY", "", "configuration error: DJANGO_SECRET_KEY is not set"),
    ],
)
def test_a_missing_or_short_secret_stops_the_server_in_one_line(project, variable, value, message):
    result = run(project, "manage.py", "check", env={variable: value})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr[-2000:]


def test_a_higher_mode_only_adds_migrations(tmp_path):
    low = render(tmp_path / "low", 1, "bearer") / "identity" / "migrations"
    high = render(tmp_path / "high", 4, "bearer") / "identity" / "migrations"
    low_files = sorted(path.name for path in low.glob("0*.py"))
    high_files = sorted(path.name for path in high.glob("0*.py"))
    assert low_files == ["0001_initial.py", "0008_outbox.py"]
    assert set(low_files) <= set(high_files) and len(high_files) == 13
    for name in low_files:
        assert (low / name).read_text() == (high / name).read_text(), f"{name} differs between modes"


# The migrations before passkeys (0001-0005, unchanged since): a database they made lacks every later one.
WRITTEN_BEFORE_PASSKEYS = ("0001", "0002", "0003", "0004", "0005")


@pytest.mark.parametrize("mode", [pytest.param(2, marks=pytest.mark.full), pytest.param(3, marks=pytest.mark.full), 4])
def test_a_database_migrated_before_passkeys_existed_gets_them_by_migrate(tmp_path, mode):
    """The graph before passkeys was this mode's 0001-0005 (unchanged since): a database it made takes
    the passkey tables (and every later one) from `migrate`, never InconsistentMigrationHistory."""
    folder = render(tmp_path / "project", mode, "bearer")
    database = tmp_path / "made-before-passkeys.sqlite3"
    env = install(load_stacks()["django"], folder).env({"DATABASE_URL": f"sqlite:///{database}"})
    migrations, aside = folder / "identity" / "migrations", tmp_path / "aside"
    aside.mkdir()
    moved = [path.name for path in migrations.glob("0*.py") if not path.name.startswith(WRITTEN_BEFORE_PASSKEYS)]
    for name in moved:
        shutil.move(migrations / name, aside / name)

    def migrate(*args: str) -> subprocess.CompletedProcess:
        command = ["python", "manage.py", "migrate", "--noinput", *args]
        return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=600)

    before = migrate()
    assert before.returncode == 0, before.stdout + before.stderr
    assert "identity_passkey" not in tables(database)
    for name in moved:
        shutil.move(aside / name, migrations / name)
    after = migrate()
    assert after.returncode == 0, after.stdout + after.stderr
    assert {"identity_passkey", "identity_passkeysignin"} <= tables(database)
    assert migrate("--check").returncode == 0, "every migration is applied"


def tables(database: Path) -> set[str]:
    with sqlite3.connect(database) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
