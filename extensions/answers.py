"""Which answers file a project uses, so another template's answers are never clobbered."""

from __future__ import annotations

from pathlib import Path

DEFAULT = ".copier-answers.yml"
OWN = ".copier-answers.universal-auth.yml"
# The first lines of every answers file this template writes (see template/).
MARKER = "# universal-auth answers"


def is_ours(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return any(line.startswith(MARKER) for line in handle.readlines(4096))
    except OSError:
        return False


def answers_file_for(dst: str | Path) -> str:
    """``.copier-answers.yml`` unless the destination already holds another template's."""
    existing = Path(str(dst)) / DEFAULT
    return OWN if existing.is_file() and not is_ours(existing) else DEFAULT
