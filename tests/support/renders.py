"""What a render holds that another render of the same stack lacks, file by file."""

from __future__ import annotations

import filecmp
from pathlib import Path

# What installs, builds and test runs add to a project: no render of the template holds these.
PRODUCED = {"node_modules", "dist", ".next", "coverage"}


def files_beyond(folder: Path, reference: Path) -> list[str]:
    """The files of ``folder`` (relative paths) that ``reference`` lacks or holds with other content."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or PRODUCED.intersection(relative.parts):
            continue
        other = reference / relative
        if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
            found.append(relative.as_posix())
    return found
