"""Keep ``.env`` out of git: create or extend ``.gitignore``, idempotently."""

from __future__ import annotations

from pathlib import Path

IGNORED = (".env",)


def ensure_ignored(path: Path, patterns: tuple[str, ...] = IGNORED) -> list[str]:
    """Add each pattern ``.gitignore`` lacks; returns the patterns added."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    present = {entry.strip() for entry in text.splitlines()}
    missing = [pattern for pattern in patterns if pattern not in present and f"/{pattern}" not in present]
    if missing:
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"{pattern}\n" for pattern in missing), encoding="utf-8")
    return missing
