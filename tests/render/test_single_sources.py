"""Versions written once: the manifests' dependency versions reach every generated file that lists them."""

from __future__ import annotations

import dependency_versions
from render.rendering import render

ANSWERS = {"frontend": "none", "mobile": "none", "mode": 4, "transport": "bearer", "database": "sqlite"}


def test_requirements_list_the_manifest_lines(tmp_path):
    answers = {**ANSWERS, "backend": "django", "mode": 2, "database": "mysql"}
    requirements = (render(tmp_path / "project", answers) / "backend" / "requirements.txt").read_text()
    runtime = dependency_versions.python_project_requirements("django", 2, "mysql")
    tests = dependency_versions.python_dev_requirements("django")
    assert requirements.splitlines() == ["# Runtime", *runtime, "# Tests", *tests]
    assert "mysqlclient" in requirements and "pyotp" in requirements and "pytest" in requirements


def test_the_wiring_guide_lists_the_features_own_lines(tmp_path):
    (tmp_path / "project" / "backend").mkdir(parents=True)
    (tmp_path / "project" / "backend" / "manage.py").write_text("")
    answers = {**ANSWERS, "backend": "django", "mode": 2, "existing_app": True}
    guide = (render(tmp_path / "project", answers) / "backend" / "identity" / "SETUP.md").read_text()
    block = guide.split("   ```\n", 2)[1]
    assert [line.strip() for line in block.splitlines()] == dependency_versions.python_requirements("django", 2)
    assert "gunicorn" not in guide, "an existing application keeps its own server and database drivers"
