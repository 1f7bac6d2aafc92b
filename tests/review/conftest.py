import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT / "src", ROOT / "hooks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from universal_auth.review import Report, review_tree  # noqa: E402


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


@pytest.fixture
def review(tmp_path):
    """Write ``files`` into a fresh folder and review it."""
    count = 0

    def run(files: dict[str, str | bytes]) -> Report:
        nonlocal count
        count += 1
        return review_tree(write_tree(tmp_path / f"project{count}", files))

    return run
