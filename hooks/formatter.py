"""Run a stack's own formatter over the files the template wrote, when the tool is installed.

The manifest's ``commands.format`` takes the files as arguments (``ruff format``, ``prettier --write
--ignore-unknown``); the hook passes only the template's files (hooks/template_files.py), never ``.``,
so a host's own files keep their formatting.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from plumbum import local

from manifests import Stack

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
