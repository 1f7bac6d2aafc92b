"""Refusals that need a stack the repository does not build yet are checked on a copy of the
template whose manifests say otherwise: the validators read the manifests, not a list.

The variant renders in a child process: copier keeps the first template's extension modules
loaded for the rest of a process, so in this one the variant would read the real manifests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import copier
import pytest
import yaml

from render.rendering import ROOT

TEMPLATE_PARTS = ("copier.yml", "extensions", "hooks", "messages", "stacks", "template")


@pytest.fixture(scope="module")
def variant(tmp_path_factory) -> Path:
    """The template with Expo and Express marked built (Express still without MySQL)."""
    root = tmp_path_factory.mktemp("variant")
    for part in TEMPLATE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / part)
    for name in ("expo", "express"):
        path = root / "stacks" / f"{name}.yml"
        manifest = yaml.safe_load(path.read_text())
        manifest["tier"] = "generated-only"
        manifest["commands"] = {"install": "true", "serve": "true $PORT", "test": "true"}
        path.write_text(yaml.safe_dump(manifest))
    return root


def copy(template: Path, dst: Path, **answers) -> subprocess.CompletedProcess:
    data = [arg for key, value in answers.items() for arg in ("--data", f"{key}={value}")]
    command = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--skip-tasks", *data]
    return subprocess.run([*command, str(template), str(dst)], capture_output=True, text=True)


def test_cookie_transport_needs_a_web_client(variant, tmp_path):
    result = copy(variant, tmp_path / "p", backend="django", mobile="expo", transport="cookie")
    assert result.returncode != 0
    assert "Cookie transport needs a web client; a mobile-only project uses bearer" in result.stderr


def test_mobile_only_defaults_to_bearer(variant, tmp_path):
    assert copy(variant, tmp_path / "p", backend="django", mobile="expo").returncode == 0
    assert yaml.safe_load((tmp_path / "p" / ".copier-answers.yml").read_text())["transport"] == "bearer"


def test_database_must_suit_the_backend(variant, tmp_path):
    result = copy(variant, tmp_path / "p", backend="express", database="mysql")
    assert result.returncode != 0
    assert "Express (TypeScript) supports sqlite, postgresql, not mysql" in result.stderr


def test_generated_only_is_said_plainly(variant, tmp_path):
    result = copy(variant, tmp_path / "p", backend="express")
    assert result.returncode == 0, result.stderr
    assert "Express (TypeScript) is generated only: it is not yet proven by the conformance suite" in result.stderr


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"project_name": "My App"}, "project_name must be a slug"),
        ({"project_name": "app--x"}, "project_name must be a slug"),
        ({"backend_dir": "../outside"}, "A folder must be a relative path"),
        ({"backend_dir": "/abs"}, "A folder must be a relative path"),
        ({"app_url": "localhost:8000"}, "app_url must be an absolute http"),
        ({"mode": 3, "roles": ["member"]}, "The admin role is required"),
        ({"mode": 4, "consent_version": "v 1 with spaces"}, "consent_version is a short label"),
        ({"mode": 5}, "Invalid choice"),
        ({"transport": "carrier-pigeon"}, "Invalid choice"),
    ],
)
def test_bad_answers_are_refused_with_one_line(tmp_path, answers, message):
    with pytest.raises(ValueError, match=message):
        copier.run_copy(
            str(ROOT),
            tmp_path / "p",
            data={"backend": "django", **answers},
            defaults=True,
            unsafe=True,
            vcs_ref="HEAD",
            quiet=True,
        )
