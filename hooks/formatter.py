"""Run a stack's own formatter over its folder when the tool is installed."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from plumbum import local

from manifests import Stack

# A package script's formatter lives in node_modules, which a fresh render does not have yet.
PACKAGE_SCRIPT_RUNNERS = ("npm", "npx", "pnpm", "yarn")


def format_stack(stack: Stack, folder: Path) -> str:
    """Format ``folder`` with the stack's formatter; returns what happened, in a few words."""
    if stack.commands is None or not stack.commands.format:
        return "no formatter"
    program, *args = shlex.split(stack.commands.format)
    if program in PACKAGE_SCRIPT_RUNNERS and not (folder / "node_modules").is_dir():
        return f"{program} dependencies not installed yet; skipped"
    # A project's own tools (node_modules/.bin) come before the machine's.
    executable = shutil.which(program, path=str(folder / "node_modules" / ".bin")) or shutil.which(program)
    if executable is None:
        return f"{program} not installed; skipped"
    with local.cwd(folder):
        code, _out, err = local[executable][args].run(retcode=None)
    return "formatted" if code == 0 else f"{program} failed: {err.strip().splitlines()[-1:] or code}"
