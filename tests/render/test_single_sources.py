"""Numbers and versions written once: policy.py's numbers and the manifests' dependency versions
reach every generated file that uses them, so a literal written back into a template shows here."""

from __future__ import annotations

import re

import pytest

import dependency_versions
import policy
from render.rendering import render

ANSWERS = {"frontend": "none", "mobile": "none", "mode": 4, "transport": "bearer", "database": "sqlite"}
# Values no baseline would choose, so a number copied into a template cannot pass for them.
ODD_ARGON2 = {"memory_cost_kib": 12345, "time_cost": 7, "parallelism": 3}
ODD_BREAK_GLASS_MINUTES = 99


@pytest.fixture
def odd_policy(monkeypatch):
    monkeypatch.setattr(policy, "ARGON2", ODD_ARGON2)
    monkeypatch.setattr(policy, "EMERGENCY_ACCESS_MAX_MINUTES", ODD_BREAK_GLASS_MINUTES)


def test_django_renders_the_hasher_and_break_glass_from_policy(tmp_path, odd_policy):
    backend = render(tmp_path / "project", {**ANSWERS, "backend": "django"}) / "backend"
    hasher = (backend / "identity" / "hashers.py").read_text()
    attributes = dict(re.findall(r"^    (\w+) = (\d+)$", hasher, re.M))
    assert attributes == {"time_cost": "7", "memory_cost": "12345", "parallelism": "3"}
    assert "EMERGENCY_ACCESS_MAX_MINUTES = 99\n" in (backend / "identity" / "auth_settings.py").read_text()


def test_express_renders_the_break_glass_limit_from_policy(tmp_path, odd_policy):
    backend = render(tmp_path / "project", {**ANSWERS, "backend": "express"}) / "backend"
    settings = (backend / "auth" / "src" / "config" / "settings.ts").read_text()
    assert "export const emergencyAccessMaxMinutes = 99;" in settings
    assert "memoryCost: 12345," in settings and "timeCost: 7," in settings and "parallelism: 3," in settings


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
    block = guide.split("tested with:\n\n   ```\n", 1)[1].split("   ```", 1)[0]
    needed = dependency_versions.python_requirements("django", 2)
    expected = [line for line in needed if not line.startswith("Django==")]
    assert [line.strip() for line in block.splitlines()] == expected, "the host's own Django is never listed"
    assert "gunicorn" not in guide, "an existing application keeps its own server and database drivers"
