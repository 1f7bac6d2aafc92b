"""A tagged, throwaway git copy of the template, and helpers to copy, commit and update.

pytest-copie cannot pass changed answers to `update` nor name an answers file, so these
tests drive copier's API directly (see ../shared/reference/copier.md section 3).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import copier
import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PARTS = ("copier.yml", "extensions", "hooks", "messages", "stacks", "template", "src")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENV}
    )
    return result.stdout


def commit_all(repo: Path, message: str = "snapshot") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


def make_template_repo(destination: Path) -> Path:
    """The working tree's template (uncommitted edits included) as a git repo tagged v1.0.0."""
    destination.mkdir(parents=True)
    for part in TEMPLATE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    git(destination, "init", "-q", "-b", "main")
    commit_all(destination, "template v1")
    git(destination, "tag", "v1.0.0")
    return destination


@pytest.fixture(scope="session")
def template_v1(tmp_path_factory) -> Path:
    return make_template_repo(tmp_path_factory.mktemp("tpl") / "universal-auth")


@pytest.fixture
def template_repo(tmp_path) -> Path:
    """A private copy a test may add commits and tags to."""
    return make_template_repo(tmp_path / "universal-auth")


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "README.md").write_text("# My project\n")
    commit_all(root, "start")
    return root


def copy(template: Path, project: Path, **answers) -> None:
    copier.run_copy(str(template), project, data=answers, defaults=True, unsafe=True, quiet=True, vcs_ref="v1.0.0")
    commit_all(project, "universal-auth")


def copy_fresh(template: Path, destination: Path, **answers) -> Path:
    """A fresh render, without tasks, to compare an upgraded project with."""
    copier.run_copy(
        str(template),
        destination,
        data=answers,
        defaults=True,
        unsafe=True,
        quiet=True,
        vcs_ref="v1.0.0",
        skip_tasks=True,
    )
    return destination


def update(project: Path, *, answers_file: str = ".copier-answers.yml", latest: bool = False, **answers) -> None:
    """`copier update --defaults --data ...`: at the recorded template version, or the latest tag."""
    copier.run_update(
        project,
        data=answers,
        defaults=True,
        overwrite=True,
        unsafe=True,
        quiet=True,
        answers_file=answers_file,
        conflict="rej",
        vcs_ref=None if latest else copier.VcsRef.CURRENT,
    )


def untouched_by_conflicts(project: Path) -> None:
    status = git(project, "status", "--porcelain")
    assert not [line for line in status.splitlines() if line[:2] in {"UU", "AA", "DU", "UD"}], status
    assert not list(project.rglob("*.rej")), "a change did not apply"
    for path in project.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            text = path.read_bytes()
            assert b"<<<<<<< before updating" not in text and b">>>>>>> after updating" not in text, path
