"""The working tree's template as a throwaway tagged git repository, and git helpers for projects.

Copier records the template's commit in the answers file; copying from a committed snapshot keeps
that commit the same from one copy to the next, as it is for a user's copy of a released template.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PARTS = ("copier.yml", "extensions", "hooks", "messages", "shared", "stacks", "template", "src")
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
