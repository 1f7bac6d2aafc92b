"""Run a stack's own formatter over the files the template wrote, when the tool is installed.

The manifest's ``commands.format`` takes the files as arguments (``ruff format``, ``prettier --write
--ignore-unknown``); the hook passes only the template's files (extensions/template_files.py), never
``.``, so a host's own files keep their formatting. On update only the files that changed are given.
In an existing application none are: its formatter config would restyle the auth's files away from
the template's render, and a second copy would then stop at a conflict and `copier update` merge
against a restyled file; the template's files are kept exactly as rendered (already formatted).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

from plumbum import local

import template_files
from context import render_values
from manifests import Stack
from project import Project

# Arguments per run, so a long list of files stays under the system's command-line limit.
BATCH = 200


def format_files(stack: Stack, folder: Path, files: list[str]) -> str:
    """Format ``files`` (relative to ``folder``) with the stack's formatter; returns what happened, in a few words."""
    if stack.commands is None or not stack.commands.format:
        return "no formatter"
    suffixes = stack.commands.format_suffixes
    files = [path for path in files if not suffixes or Path(path).suffix in suffixes]
    if not files:
        return "no file of the template to format"
    program, *args = shlex.split(stack.commands.format)
    # A project's own tools (node_modules/.bin) come before the machine's.
    executable = shutil.which(program, path=str(folder / "node_modules" / ".bin")) or shutil.which(program)
    if executable is None:
        return f"{program} not installed; skipped"
    with local.cwd(folder):
        for start in range(0, len(files), BATCH):
            code, _out, err = local[executable][args]["--", files[start : start + BATCH]].run(retcode=None)
            if code != 0:
                return f"{program} failed: {err.strip().splitlines()[-1:] or code}"
    return f"formatted {len(files)} file{'s' if len(files) != 1 else ''} of the template"


def files_to_format(project: Project, stack: Stack, kind: str, operation: str, folder: Path) -> list[str]:
    """The template's files in ``folder`` to format: none in an existing application; on update only the files
    that changed (by git, when the project is a repository)."""
    if project.existing(kind):
        return []
    context = {**project.answers, **render_values(project.answers)}
    files = [path for path in template_files.written_files(stack, context) if (folder / path).is_file()]
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
