"""`existing_app` is asked only of a backend whose manifest says it can be added to an existing
application; an answer no subtree would honour is refused, never ignored."""

from __future__ import annotations

import shutil
import subprocess
import sys

import yaml

from render.rendering import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "projects"
COPY = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--skip-tasks", "--vcs-ref", "HEAD"]


def copy(dst, **answers) -> subprocess.CompletedProcess:
    data = [arg for key, value in answers.items() for arg in ("--data", f"{key}={value}")]
    return subprocess.run([*COPY, *data, str(ROOT), str(dst)], capture_output=True, text=True)


def with_app(tmp_path, fixture: str):
    root = tmp_path / "shop"
    shutil.copytree(FIXTURES / fixture, root / "backend")
    return root


def test_django_joins_the_application_found_in_its_folder(tmp_path):
    dst = with_app(tmp_path, "django")
    result = copy(dst, backend="django", backend_dir="backend")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((dst / ".copier-answers.yml").read_text())["existing_app"] is True
    assert (dst / "backend" / "identity" / "SETUP.md").is_file()
    for name in ("manage.py", "requirements.txt", "config/settings.py"):
        assert (dst / "backend" / name).read_bytes() == (FIXTURES / "django" / name).read_bytes(), name
    assert "Every wiring line is also in backend/identity/SETUP.md" in result.stderr


def test_express_is_not_asked_and_renders_a_whole_service(tmp_path):
    dst = tmp_path / "shop"
    result = copy(dst, backend="express")
    assert result.returncode == 0, result.stderr
    assert "existing_app" not in yaml.safe_load((dst / ".copier-answers.yml").read_text())
    assert (dst / "backend" / "src" / "app.ts").is_file()
    assert "Added to your existing application" not in result.stderr
    assert "npm ci && npm run build" in result.stderr


def test_an_existing_app_answer_a_stack_cannot_honour_is_refused(tmp_path):
    result = copy(tmp_path / "p", backend="express", existing_app="true")
    assert result.returncode != 0
    assert "Express (TypeScript) cannot yet be added to an existing application" in result.stderr
    assert not (tmp_path / "p" / "backend").exists()
