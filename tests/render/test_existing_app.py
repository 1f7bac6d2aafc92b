"""`existing_app` is asked of a backend whose manifest says it can be added to an existing application
(Django and Express), and answered yes by default where its folder already holds one."""

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


def test_express_joins_the_application_found_in_its_folder(tmp_path):
    dst = with_app(tmp_path, "express")
    host_files = sorted(path.relative_to(dst / "backend") for path in (dst / "backend").rglob("*") if path.is_file())
    result = copy(dst, backend="express", backend_dir="backend")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((dst / ".copier-answers.yml").read_text())["existing_app"] is True
    assert (dst / "backend" / "auth" / "README.md").is_file()
    for name in host_files:
        assert (dst / "backend" / name).read_bytes() == (FIXTURES / "express" / name).read_bytes(), name
    written = {path.relative_to(dst / "backend").parts[0] for path in (dst / "backend").rglob("*") if path.is_file()}
    assert written - {str(name).split("/")[0] for name in host_files} == {"auth"}


def test_express_in_an_empty_folder_is_the_auth_served_by_a_small_host(tmp_path):
    dst = tmp_path / "shop"
    result = copy(dst, backend="express")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((dst / ".copier-answers.yml").read_text())["existing_app"] is False
    assert (dst / "backend" / "src" / "server.ts").is_file()
    assert (dst / "backend" / "auth" / "src" / "router.ts").is_file()
    assert "npm ci && npm run build" in result.stderr
