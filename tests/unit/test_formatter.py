"""The formatter runs on the files the template wrote, never on a folder: a host's own files keep their formatting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import formatter
import manifests
import run
import template_files
from context import render_values
from project import Project

UGLY = "x  =  [1,2]\n"
FORMATTED = "x = [1, 2]\n"
ANSWERS = {
    "project_name": "shop",
    "backend": "django",
    "backend_dir": "backend",
    "frontend": "none",
    "mobile": "none",
    "mode": 1,
    "database": "sqlite",
    "transport": "cookie",
    "email": "console",
    "rate_limit_store": "embedded",
    "app_url": "http://localhost:8000",
}


@pytest.fixture
def ruff_on_path(monkeypatch):
    """The real ruff of the test environment, as a user's would be on PATH."""
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")


def django_with(command: str, suffixes: tuple[str, ...] = ()) -> manifests.Stack:
    data = manifests.load_stacks()["django"].model_dump()
    data["commands"] |= {"format": command, "format_suffixes": suffixes}
    return manifests.Stack.model_validate(data)


def test_only_the_given_files_are_formatted(tmp_path, ruff_on_path):
    for name in ("ours.py", "host.py"):
        (tmp_path / name).write_text(UGLY)
    (tmp_path / "notes.txt").write_text(UGLY)
    stack = manifests.load_stacks()["django"]
    assert formatter.format_files(stack, tmp_path, ["ours.py", "notes.txt"]) == "formatted 1 file of the template"
    assert (tmp_path / "ours.py").read_text() == FORMATTED
    assert (tmp_path / "host.py").read_text() == UGLY, "a file the template did not write is left alone"
    assert (tmp_path / "notes.txt").read_text() == UGLY, "ruff is given only its own suffixes"


def test_nothing_to_format_runs_nothing(tmp_path):
    stack = django_with("false")
    assert formatter.format_files(stack, tmp_path, []) == "no file of the template to format"


def test_the_projects_own_tool_comes_first_and_gets_the_files(tmp_path):
    tool = tmp_path / "node_modules" / ".bin" / "fmt-only-here"
    tool.parent.mkdir(parents=True)
    tool.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > called-with\n')
    tool.chmod(0o755)
    (tmp_path / "a.ts").write_text("x\n")
    assert formatter.format_files(django_with("fmt-only-here --write"), tmp_path, ["a.ts"]) == (
        "formatted 1 file of the template"
    )
    assert (tmp_path / "called-with").read_text().split() == ["--write", "--", "a.ts"]


def test_a_missing_formatter_is_skipped(tmp_path):
    result = formatter.format_files(django_with("no-such-formatter-xyz"), tmp_path, ["a.py"])
    assert result == "no-such-formatter-xyz not installed; skipped"


def test_a_failure_is_reported_not_raised(tmp_path):
    assert formatter.format_files(django_with("false"), tmp_path, ["a.py"]).startswith("false failed")


def written(answers: dict) -> list[str]:
    return template_files.written_files(manifests.load_stacks()["django"], answers | render_values(answers))


def test_the_template_files_follow_the_answers():
    new = written(ANSWERS)
    existing = written(ANSWERS | {"existing_app": True})
    mode4 = written(ANSWERS | {"mode": 4, "roles": ["admin"]})
    assert "manage.py" in new and "manage.py" not in existing
    assert "identity/SETUP.md" in existing and "identity/SETUP.md" not in new
    assert "identity/apps.py" in new and "identity/common-passwords.txt" in new
    assert not any("{" in path or path.endswith(".jinja") for path in new + existing + mode4)
    assert "identity/permissions.py" in mode4 and "identity/permissions.py" not in new


def host_with_template_files(root: Path) -> Path:
    """A Django folder (badly formatted on purpose) holding three files the template writes and one it does not."""
    folder = root / "backend"
    (folder / "identity").mkdir(parents=True)
    for path in ("manage.py", "settings.py", "identity/apps.py", "identity/fields.py"):
        (folder / path).write_text(UGLY)
    return folder


def test_in_an_existing_app_nothing_is_formatted(tmp_path, ruff_on_path):
    """The host's style would restyle the auth's files away from the render: a second copy would conflict."""
    folder = host_with_template_files(tmp_path)
    done = run.run(tmp_path, "copy", ANSWERS | {"existing_app": True}).lines
    assert not any("format" in line for line in done)
    for path in ("manage.py", "settings.py", "identity/apps.py"):
        assert (folder / path).read_text() == UGLY


def test_in_a_new_project_the_template_files_are_formatted(tmp_path, ruff_on_path):
    folder = host_with_template_files(tmp_path)
    done = run.run(tmp_path, "copy", ANSWERS).lines
    assert "Django: formatted 3 files of the template" in done
    assert (folder / "identity" / "apps.py").read_text() == FORMATTED and (
        folder / "manage.py"
    ).read_text() == FORMATTED
    assert (folder / "settings.py").read_text() == UGLY, "not a file of the template (it writes config/settings.py)"


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_on_update_only_the_changed_files_are_formatted(tmp_path, ruff_on_path):
    folder = host_with_template_files(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "host")
    (folder / "identity" / "fields.py").write_text(UGLY + "y  =  2\n")
    stack = manifests.load_stacks()["django"]
    project = Project(tmp_path, ANSWERS)
    assert formatter.files_to_format(project, stack, "backend", "update", folder) == ["identity/fields.py"]
    assert formatter.files_to_format(project, stack, "backend", "copy", folder) == [
        "identity/apps.py",
        "identity/fields.py",
        "manage.py",
    ]
