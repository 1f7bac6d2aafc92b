"""Benchmark: detection on a generated 20,000-file monorepo (target: under one second).

    python bench/detect.py [--files N]

Prints the time of the first run and the best of five; never part of the test pass.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "extensions"))

from detection import detect

PARTS = {
    "services/api": (
        "requirements.txt",
        "Django==5.2\npsycopg[binary]\nstripe\n",
        ".py",
        "from django.db import models\n",
    ),
    "apps/web": (
        "package.json",
        json.dumps({"name": "acme-web", "dependencies": {"next": "16", "react": "19"}}),
        ".tsx",
        "export const Page = () => {\n  return null;\n};\n",
    ),
    "apps/mobile": (
        "package.json",
        json.dumps({"name": "acme-mobile", "dependencies": {"expo": "56", "react-native": "0.80"}}),
        ".ts",
        "export const token = 'x';\n",
    ),
    "packages/ui": (
        "package.json",
        json.dumps({"name": "ui", "dependencies": {"react": "19"}}),
        ".tsx",
        "export {};\n",
    ),
}


def build(root: Path, files: int) -> int:
    """Writes about ``files`` files the walk visits, plus dependency folders it must skip."""
    written = 0
    per_part = files // len(PARTS)
    for part, (manifest, manifest_text, suffix, body) in PARTS.items():
        folder = root / part
        folder.mkdir(parents=True)
        (folder / manifest).write_text(manifest_text)
        written += 1
        for index in range(per_part - 1):
            module = folder / "src" / f"feature{index // 50}" / f"sub{index // 10 % 5}"
            module.mkdir(parents=True, exist_ok=True)
            (module / f"module_{index}{suffix}").write_text(body)
            written += 1
    for skipped in ("node_modules/pkg", ".git/objects", "services/api/.venv/lib"):
        target = root / skipped
        target.mkdir(parents=True)
        for index in range(2000):
            (target / f"f{index}.js").write_text("module.exports = {};\n")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        written = build(root, options.files)
        started = time.perf_counter()
        profile = detect(root)
        first = time.perf_counter() - started
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            detect(root)
            runs.append(time.perf_counter() - started)
    print(f"monorepo: {written} files walked, 6,000 in node_modules/.git/.venv skipped")
    print(f"detected: backend={profile.backend.value} frontend={profile.frontend.value} mobile={profile.mobile.value}")
    print(f"detection: first run {first:.3f} s, best of 5 {min(runs):.3f} s (target < 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
