"""File-list snapshots of rendered combinations, kept in tests/render/snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest


def compare(snapshot: Path, files: list[str], update: bool) -> None:
    """Fails when ``files`` differ from ``snapshot`` or it is missing; ``update`` rewrites it instead."""
    text = "\n".join(files) + "\n"
    if update:
        snapshot.write_text(text)
        return
    if not snapshot.exists():
        pytest.fail(f"no snapshot of this render: run the render tests with --update-snapshots to write {snapshot}")
    assert text == snapshot.read_text(), f"file list changed; review and run with --update-snapshots: {snapshot}"
