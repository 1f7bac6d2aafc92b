"""Remembered preferences (opt-in): one record per copy, and the profile suggest() reads.

``remember()`` appends a record to ``$XDG_STATE_HOME/universal-auth/integrations.jsonl``
and rebuilds ``profile.json`` from all records. Both files are private (folder 0700,
files 0600) and hold only choice values: never a secret, a path, a file's content or a
connection string. The project is known only by the first 8 hex digits of the SHA-256
of its absolute path.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "extensions"))

import manifests
from detection.remembered import (
    JOURNAL,
    PROFILE,
    REMEMBERED,
    PreferencesWarning,
    confidence_for,
    safe_value,
    state_dir,
)

STACK_FIELDS = tuple(manifests.KINDS)
SELECTION_FIELDS = tuple(field for field in REMEMBERED if field not in STACK_FIELDS)


def project_id(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:8]


def _choices(answers: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: value for field in fields if (value := safe_value(field, answers.get(field))) is not None}


def record_for(root: Path, answers: dict[str, Any], suggested: dict[str, Any], now: datetime) -> dict[str, Any]:
    stack = _choices(answers, STACK_FIELDS)
    selections = _choices(answers, SELECTION_FIELDS)
    chosen = {**stack, **selections}
    suggestions = _choices(suggested, REMEMBERED)
    languages = sorted({manifests.load_stacks()[name].language for name in stack.values() if name != "none"})
    return {
        "time": now.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "project_id": project_id(root),
        "stack": {**stack, "languages": languages},
        "selections": selections,
        "suggested": suggestions,
        "changed_from_suggestion": sorted(field for field, value in suggestions.items() if chosen.get(field) != value),
    }


def read_journal(path: Path) -> list[dict[str, Any]]:
    """The records in ``path``; a line that is not a record is skipped with a warning."""
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not an object")
            records.append(record)
        except ValueError:
            warnings.warn(f"universal-auth: {path}:{number} is not a record; skipped", PreferencesWarning, stacklevel=2)
    return records


def build_profile(records: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    """Per field: the latest answer and how many consecutive records, newest first, agree with it."""
    answers = [{**record.get("stack", {}), **record.get("selections", {})} for record in records]
    fields = {}
    for field in REMEMBERED:
        values = [safe_value(field, answer.get(field)) for answer in reversed(answers)]
        if not values or values[0] is None:
            continue
        consistent = next((i for i, value in enumerate(values) if value != values[0]), len(values))
        fields[field] = {"default": values[0], "consistent": consistent, "confidence": confidence_for(consistent).label}
    history: dict[str, int] = {}
    for answer in answers:
        key = "+".join(str(answer.get(field, "none")) for field in ("backend", "frontend", "database", "transport"))
        history[key] = history.get(key, 0) + 1
    return {
        "version": 1,
        "last_updated": now.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "total_integrations": len(records),
        "fields": fields,
        "stack_history": history,
    }


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _append(path: Path, line: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    path.chmod(0o600)


def _replace(path: Path, text: str) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # created 0600
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


def remember(
    root: Path,
    answers: dict[str, Any],
    suggested: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Path:
    """Log this copy's choices and refresh the profile; returns the folder they are kept in."""
    now = now or datetime.now(UTC)
    folder = _private_dir(state_dir())
    journal = folder / JOURNAL
    _append(journal, json.dumps(record_for(root, answers, suggested or {}, now), sort_keys=True))
    profile = build_profile(read_journal(journal), now)
    _replace(folder / PROFILE, json.dumps(profile, indent=2, sort_keys=True) + "\n")
    return folder
