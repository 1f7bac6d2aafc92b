"""How a user runs ``universal-auth review`` after a copy.

The review ships in this template's Python package (``universal-auth`` in pyproject.toml), which
installing copier does not install. The summary names the bare command only when it is on PATH;
otherwise the command that runs it from where the project was copied from (the answers'
``_src_path``): with pipx or uvx when one is installed, else after a ``pip install``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

COMMAND = "universal-auth review"
# Copier's shortcuts for hosted repositories.
SHORTCUTS = {"gh:": "https://github.com/", "gl:": "https://gitlab.com/"}


def package_spec(src_path: str) -> str | None:
    """What pip, pipx and uvx install the template's package from, or None when the source is not known."""
    for prefix, base in SHORTCUTS.items():
        if src_path.startswith(prefix):
            src_path = base + src_path.removeprefix(prefix)
    if src_path.startswith("git+"):
        return src_path
    if re.match(r"^(https?|ssh)://", src_path):
        return f"git+{src_path}"
    if match := re.match(r"^git@([^:]+):(.+)$", src_path):
        return f"git+ssh://git@{match.group(1)}/{match.group(2)}"
    if Path(src_path).is_absolute() and (Path(src_path) / "pyproject.toml").is_file():
        return src_path
    return None


def review_command(answers: dict) -> str:
    """A ``universal-auth review`` command line that works on this machine (the arguments follow it)."""
    if shutil.which("universal-auth"):
        return COMMAND
    spec = package_spec(str(answers.get("_src_path", "")))
    if spec is None:
        return f"python -m pip install <the universal-auth template folder> && {COMMAND}"
    if shutil.which("pipx"):
        return f"pipx run --spec {spec} {COMMAND}"
    if shutil.which("uvx"):
        return f"uvx --from {spec} {COMMAND}"
    return f"python -m pip install {spec} && {COMMAND}"
