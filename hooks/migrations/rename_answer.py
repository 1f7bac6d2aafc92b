"""A `_migrations` step: rename a key in the answers file before copier reads it.

Usage (in copier.yml, stage "before"):
    python hooks/migrations/rename_answer.py ANSWERS_FILE OLD NEW
Idempotent: nothing happens when OLD is absent; NEW is never overwritten.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def rename(path: Path, old: str, new: str) -> bool:
    text = path.read_text(encoding="utf-8")
    keys = {match.group(1) for match in re.finditer(r"^([A-Za-z_][\w-]*):", text, re.M)}
    if old not in keys or new in keys:
        return False
    path.write_text(re.sub(rf"^{re.escape(old)}:", f"{new}:", text, flags=re.M), encoding="utf-8")
    return True


if __name__ == "__main__":
    answers_file, old_key, new_key = sys.argv[1:4]
    if rename(Path(answers_file), old_key, new_key):
        print(f"  universal-auth: renamed the answer {old_key} to {new_key}")
