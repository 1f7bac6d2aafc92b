"""The Security Review Summary box: computed from the answers, the policy and a review of the destination."""

import pytest

import manifests
import retrofit_report
import review_command
import summary
from integration import MARKER, Edit, apply_edits
from project import Project

from .conftest import ROOT, write_tree

ANSWERS = {
    "project_name": "shop",
    "backend": "django",
    "backend_dir": "backend",
    "frontend": "none",
    "mobile": "none",
    "mode": 2,
    "database": "postgresql",
    "transport": "cookie",
    "email": "console",
    "rate_limit_store": "embedded",
    "app_url": "https://shop.example.com",
}
CLEAN = {".gitignore": ".env\n", "backend/.env": "X=1\n", "backend/.env.example": "X=\n"}


def section(box: str, title: str) -> str:
    start = box.index(title)
    return box[start : box.index("\n\n", start)]


def test_header_and_mode_two_protections(tmp_path):
    box = summary.summary(write_tree(tmp_path, CLEAN), ANSWERS)
    assert "🔒  SECURITY REVIEW SUMMARY" in box
    assert "Auth Mode  :  2 — Secure" in box
    assert "Stack      :  Django + postgresql" in box
    assert "Transport  :  httpOnly cookie JWT" in box
    protections = section(box, "Protections Implemented")
    assert "argon2id (m=19456 KiB, t=2, p=1)" in protections
    assert "5 failures per email and 100 per IP every 15 min" in protections
    assert "TOTP MFA with 8 single-use recovery codes" in protections
    assert "Roles" not in protections and "hash-chained" not in protections
    assert "plain http" not in protections  # https app_url
    mitigated = section(box, "Vulnerabilities Mitigated")
    assert "✓  Cross-site requests" in mitigated and "✓  TOTP secret theft" in mitigated
    assert "Privilege escalation" not in mitigated
    assert "✓  none found (2 files reviewed)" in box
    assert "Mode 3 — Enterprise" in section(box, "Recommended Improvements")
    assert "backend/.env holds fresh secrets" in box


def test_gaps_come_from_the_review_of_the_destination(tmp_path):
    files = {
        **CLEAN,
        "legacy/payments.py": 'STRIPE_SECRET = "s3cr3t-Value-42"\n',
        "legacy/web.js": 'localStorage.setItem("token", t);\n',
    }
    box = summary.summary(write_tree(tmp_path, files), ANSWERS)
    gaps = section(box, "Gaps Found in Existing Code")
    assert "⚠  high: STRIPE_SECRET is set to a literal — legacy/payments.py:1 [UA-SECRET-NAMED]" in gaps
    assert "legacy/web.js:1 [UA-TOKEN-STORAGE]" in gaps
    assert "2 high, 0 medium, 0 low in 4 files" in gaps
    mitigated = section(box, "Vulnerabilities Mitigated")
    assert "⚠  Secret leakage" in mitigated and "⚠  Session hijacking" in mitigated
    assert "✓  Clickjacking / MIME" in mitigated


def test_mode_four_bearer_without_env(tmp_path):
    answers = {
        **ANSWERS,
        "mode": 4,
        "transport": "bearer",
        "mobile": "expo",
        "mobile_dir": "mobile",
        "consent_version": "2026-01",
        "roles": ["admin", "member"],
        "rate_limit_store": "redis",
        "email": "smtp",
    }
    box = summary.summary(write_tree(tmp_path, {".gitignore": ".env\n"}), answers)
    assert "Auth Mode  :  4 — HIPAA" in box
    assert "Transport  :  Bearer token" in box
    protections = section(box, "Protections Implemented")
    assert "kept 6 years" in protections and "consent version 2026-01" in protections
    assert "Roles (admin, member)" in protections
    assert "15 min idle logoff" in protections
    assert "refresh tokens for 1 day" in protections
    mitigated = section(box, "Vulnerabilities Mitigated")
    assert "Biometric bypass" in mitigated and "Cross-site requests" not in mitigated
    assert "none — implementation is complete for this mode" in section(box, "Recommended Improvements")
    assert "backend/.env is missing" in box


def test_an_existing_app_lists_the_files_created_the_wiring_and_how_to_wire_by_hand(tmp_path):
    answers = {**ANSWERS, "existing_app": True}
    host = {"backend/identity/apps.py": "x = 1\n", "backend/config/settings.py": "X = 1\n"}
    root = write_tree(tmp_path, {**CLEAN, **host})
    settings = root / "backend" / "config" / "settings.py"
    line = f'INSTALLED_APPS += ["identity"]  # {MARKER}'
    unrecognised = lambda text: None  # noqa: E731
    edit = Edit(settings, "the identity app", lambda text: MARKER in text, unrecognised, line, "after INSTALLED_APPS")
    stack = manifests.load_stacks()["django"]
    wired = [retrofit_report.Wired("backend", stack, root / "backend", tuple(apply_edits([edit])))]
    box = summary.summary(root, answers, wired)
    added = section(box, "Added to Your Existing Application")
    assert "Django, added to your application in backend:" in added
    assert "+  created backend/identity/ (1 file, all the auth's)" in added
    assert "!  to add by hand: the identity app, after INSTALLED_APPS (backend/config/settings.py; not\n" in added
    assert f"       {line}" in added
    # Django's integration module names the host's commands, so the step points at them and the guide.
    assert "Install, migrate and start with the commands listed above; every wiring line is in" in box
    assert "backend/identity/SETUP.md" in box
    assert "gunicorn config.wsgi --bind" not in box, "the new project's server command is not this application's"


def test_an_unsupported_database_of_the_host_is_told(tmp_path):
    answers = {**ANSWERS, "existing_app": True, "database": "sqlite"}
    root = write_tree(tmp_path, {**CLEAN, "backend/requirements.txt": "Django\npymongo\n", "backend/manage.py": ""})
    stack = manifests.load_stacks()["django"]
    notes = retrofit_report.notes(Project(root, answers), stack, root / "backend")
    assert notes == [
        "MongoDB is not supported by Django: the auth keeps its own tables in SQLite (DATABASE_URL in .env), "
        "beside your MongoDB data"
    ]


def on_path(folder, monkeypatch, *tools: str) -> None:
    folder.mkdir(exist_ok=True)
    for tool in tools:
        (folder / tool).write_text("#!/bin/sh\n")
        (folder / tool).chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


@pytest.mark.parametrize(
    ("src", "tools", "expected"),
    [
        ("gh:acme/universal-auth", (), "python -m pip install git+https://github.com/acme/universal-auth && "),
        ("gh:acme/universal-auth", ("pipx",), "pipx run --spec git+https://github.com/acme/universal-auth "),
        ("https://git.example.com/a/ua.git", ("uvx",), "uvx --from git+https://git.example.com/a/ua.git "),
        ("git@github.com:acme/ua.git", (), "python -m pip install git+ssh://git@github.com/acme/ua.git && "),
        (".", (), "python -m pip install <the universal-auth template folder> && "),
        ("gh:acme/universal-auth", ("universal-auth", "pipx"), ""),
    ],
)
def test_the_review_is_suggested_with_a_way_to_run_it(tmp_path, monkeypatch, src, tools, expected):
    on_path(tmp_path / "bin", monkeypatch, *tools)
    assert review_command.review_command({"_src_path": src}) == expected + "universal-auth review"


def test_a_local_template_folder_is_installable_by_its_path(tmp_path, monkeypatch):
    on_path(tmp_path / "bin", monkeypatch)
    command = review_command.review_command({"_src_path": str(ROOT)})
    assert command == f"python -m pip install {ROOT} && universal-auth review"
