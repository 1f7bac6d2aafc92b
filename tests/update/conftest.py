"""A tagged, throwaway git copy of the template, and helpers to copy, commit and update.

pytest-copie cannot pass changed answers to `update` nor name an answers file, so these
tests drive copier's API directly (see ../shared/reference/copier.md section 3).
"""

from __future__ import annotations

from pathlib import Path

import copier
import pytest

from support.template_repo import GIT_ENV, ROOT, TEMPLATE_PARTS, commit_all, git, make_template_repo

__all__ = ["GIT_ENV", "ROOT", "TEMPLATE_PARTS", "commit_all", "git", "make_template_repo"]


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
