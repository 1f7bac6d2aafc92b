"""hooks/integrations/django.py: the marked edits that wire identity into an existing Django project."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

from integration import MARKER, apply_edits
from project import Project

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("integrations_django", ROOT / "hooks" / "integrations" / "django.py")
assert spec is not None and spec.loader is not None
django_integration = importlib.util.module_from_spec(spec)
spec.loader.exec_module(django_integration)

MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n'
SETTINGS = """\
INSTALLED_APPS = [
    "django.contrib.auth",
    "rest_framework",
    "blog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "mysite.routes"
WSGI_APPLICATION = "mysite.wsgi.application"
"""
URLS = """\
from django.urls import path

from blog import views

urlpatterns = [
    path("", views.index),
]
"""


def make_host(tmp_path: Path, settings: str = SETTINGS, requirements: str | None = "Django==4.2.30\nPyJWT==2.8.0\n"):
    (tmp_path / "manage.py").write_text(MANAGE)
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "settings.py").write_text(settings)
    (tmp_path / "mysite" / "routes.py").write_text(URLS)
    if requirements is not None:
        (tmp_path / "requirements.txt").write_text(requirements)
    return Project(tmp_path, {"backend": "django", "backend_dir": ".", "existing_app": True, "mode": 1})


def test_settings_urls_and_requirements_are_wired_once(tmp_path):
    project = make_host(tmp_path)
    outcomes = apply_edits(django_integration.edits(project, tmp_path))
    assert [outcome.status for outcome in outcomes] == ["applied"] * 4
    settings = (tmp_path / "mysite" / "settings.py").read_text()
    assert f'    "identity",  # {MARKER}\n]' in settings
    assert settings.count("rest_framework") == 1  # the host lists it already
    assert (
        f'"django.middleware.security.SecurityMiddleware",\n    "identity.middleware.AuthRoutesMiddleware",  # {MARKER}'
        in (settings)
    )
    urls = (tmp_path / "mysite" / "routes.py").read_text()
    assert f"urlpatterns = [\n    *auth_urlpatterns,  # {MARKER}\n" in urls
    requirements = (tmp_path / "requirements.txt").read_text().splitlines()
    assert requirements[:2] == ["Django==4.2.30", "PyJWT==2.8.0"]  # the host's pins, never a second one
    added = requirements[2:]
    assert all(line.endswith(f"  # {MARKER}") and ">=" in line and ",<" in line for line in added), added
    assert {line.split(">")[0] for line in added} == {"djangorestframework", "argon2-cffi", "python-dotenv", "redis"}
    again = apply_edits(django_integration.edits(project, tmp_path))
    assert {outcome.status for outcome in again} == {"already there"}


def test_a_settings_module_of_another_shape_is_left_alone_and_the_lines_printed(tmp_path):
    settings = SETTINGS.replace(
        'INSTALLED_APPS = [\n    "django.contrib.auth",', 'INSTALLED_APPS = BASE_APPS + [\n    "x",'
    )
    project = make_host(tmp_path, settings)
    outcomes = apply_edits(django_integration.edits(project, tmp_path))
    assert outcomes[0].status == "printed"
    assert '"identity",' in outcomes[0].edit.lines and "INSTALLED_APPS" in outcomes[0].edit.where
    assert "identity" not in (tmp_path / "mysite" / "settings.py").read_text().split("MIDDLEWARE")[0]


def test_pyproject_dependencies_gain_only_the_missing_packages(tmp_path):
    project = make_host(tmp_path, requirements=None)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "site"\ndependencies = [\n    "Django>=4.2,<5",\n    "argon2-cffi==23.1.0",\n]\n'
    )
    outcomes = apply_edits(django_integration.edits(project, tmp_path))
    assert outcomes[-1].status == "applied"
    declared = tomllib.loads((tmp_path / "pyproject.toml").read_text())["project"]["dependencies"]
    assert declared[:2] == ["Django>=4.2,<5", "argon2-cffi==23.1.0"]
    assert {name.split(">")[0] for name in declared[2:]} == {"djangorestframework", "PyJWT", "python-dotenv", "redis"}


def test_without_a_requirement_file_the_packages_are_printed(tmp_path):
    project = make_host(tmp_path, requirements=None)
    outcome = apply_edits(django_integration.edits(project, tmp_path))[-1]
    assert outcome.status == "printed" and "djangorestframework>=" in outcome.edit.lines
    assert "Django>=" not in outcome.edit.lines  # the host's own Django stays
    assert not (tmp_path / "requirements.txt").exists()


SERVE, TEST = "serve (your WSGI module)", "test (your test runner)"


@pytest.mark.parametrize(
    ("files", "runner"), [({}, "python manage.py test"), ({"pytest.ini": "[pytest]\n"}, "python -m pytest")]
)
def test_the_message_names_the_hosts_wsgi_module_and_test_runner(tmp_path, files, runner):
    project = make_host(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    commands = django_integration.commands(project, tmp_path)
    assert commands[SERVE] == "gunicorn mysite.wsgi:application"
    assert commands[TEST] == runner


def test_added_entries_take_the_quotes_of_the_hosts_settings(tmp_path):
    project = make_host(tmp_path, settings=SETTINGS.replace('"', "'"))
    apply_edits(django_integration.edits(project, tmp_path))
    settings = (tmp_path / "mysite" / "settings.py").read_text()
    assert f"    'identity',  # {MARKER}\n" in settings
    assert f"    'identity.middleware.AuthRoutesMiddleware',  # {MARKER}\n" in settings
    assert '"' not in settings


def test_a_pipfile_above_the_app_gets_the_pipenv_command(tmp_path):
    # Pipfile at the repository root, manage.py in a subfolder: Pipfile.lock is pipenv's to write.
    (tmp_path / "Pipfile").write_text('[packages]\ndjango = "*"\n')
    app = tmp_path / "site"
    app.mkdir()
    make_host(app, requirements=None)
    project = Project(tmp_path, {"backend": "django", "backend_dir": "site", "existing_app": True, "mode": 1})
    outcome = apply_edits(django_integration.edits(project, app))[-1]
    assert outcome.status == "printed"
    assert outcome.edit.lines.startswith("pipenv install 'djangorestframework>=")
    assert outcome.edit.where == "run in ./"
    assert django_integration.commands(project, app)["install"] == "pipenv install (the packages above)"
    assert (tmp_path / "Pipfile").read_text() == '[packages]\ndjango = "*"\n'
