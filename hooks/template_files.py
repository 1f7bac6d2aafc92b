"""Which files the template writes into a stack's folder for a project's answers, and which of them changed.

The names come from the stack's subtree, each path part rendered as Copier renders it (a part that
renders empty is skipped, ``.jinja`` is dropped), so the formatter and the after-copy message name
exactly the template's files and never a host's.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import jinja2

import manifests
from context import render_values
from project import Project

TEMPLATE = manifests.ROOT / "template"
SUFFIX = ".jinja"
EXCLUDED_PARTS = ("__pycache__",)
EXCLUDED_SUFFIXES = (".pyc",)


def subtree(stack: manifests.Stack) -> Path:
    return TEMPLATE / f"{{{{ {stack.name}_dir }}}}"


def written_files(project: Project, stack: manifests.Stack) -> list[str]:
    """The paths, relative to the stack's folder, the template writes for ``project``'s answers (sorted)."""
    context = {**project.answers, **render_values(project.answers)}
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    source = subtree(stack)
    written = []
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.suffix in EXCLUDED_SUFFIXES:
            continue
        parts = [environment.from_string(part).render(context) for part in path.relative_to(source).parts]
        if any(not part or part in EXCLUDED_PARTS for part in parts):
            continue
        parts[-1] = parts[-1].removesuffix(SUFFIX)
        written.append("/".join(parts))
    return written


def is_owned(path: str, owned: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(f"{root}/") for root in owned)


def files_to_format(project: Project, stack: manifests.Stack, kind: str, operation: str, folder: Path) -> list[str]:
    """The template's files in ``folder`` the formatter may touch: in an existing application only the
    stack's owned paths; on update only the files that changed (by git, when the project is a repository)."""
    files = [path for path in written_files(project, stack) if (folder / path).is_file()]
    if project.existing(kind):
        files = [path for path in files if is_owned(path, stack.owned)]
    if operation == "update" and (changed := changed_files(folder)) is not None:
        files = [path for path in files if path in changed]
    return files


def changed_files(folder: Path) -> set[str] | None:
    """Files under ``folder`` (relative to it) that differ from git's HEAD or are untracked; None outside git."""
    listings = (
        ["git", "diff", "--name-only", "--relative", "HEAD", "--", "."],
        ["git", "ls-files", "--others", "--exclude-standard", "--", "."],
    )
    changed: set[str] = set()
    for command in listings:
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return None
        changed.update(line for line in result.stdout.splitlines() if line)
    return changed
