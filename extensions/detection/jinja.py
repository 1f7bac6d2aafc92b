"""The detection table shown before the questions (registered as the ``detection_report`` Jinja global)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import manifests

from .analysis import profile_for
from .database import LABELS as DATABASES
from .model import Confidence, Finding, Profile
from .remembered import load_defaults


def _stack(profile: Profile, kind: str) -> str:
    found = profile.get(kind)
    stack = manifests.load_stacks().get(found.value)
    if stack is None:
        return "none found" if found.value == "none" else "unknown"
    folder = profile.get(f"{kind}_dir").value
    return stack.label + (f" in {folder}/" if folder not in (None, ".") else "")


def _plain(found: Finding, labels: dict[str, str] | None = None, missing: str = "unknown") -> str:
    if found.value is None or found.value == ():
        return missing
    if isinstance(found.value, tuple):
        return ", ".join(found.value)
    if isinstance(found.value, dict):
        return ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in found.value.items())
    return (labels or {}).get(found.value, str(found.value))


def rows(profile: Profile) -> list[dict[str, str]]:
    """(layer, detected, confidence, evidence) rows in the order of the original design's table."""
    database = _plain(profile.database, DATABASES)
    if profile.database.evidence.endswith("not supported yet"):
        database += " (not supported yet)"
    sensitivity = _plain(profile.sensitivity, missing="no special data found")
    if profile.mode.known:
        sensitivity += f": mode {profile.mode.value} or higher"
    table = [
        ("Backend framework", _stack(profile, "backend"), profile.backend),
        ("Frontend framework", _stack(profile, "frontend"), profile.frontend),
        ("Mobile app", _stack(profile, "mobile"), profile.mobile),
        ("Database", database, profile.database),
        ("ORM", _plain(profile.orm), profile.orm),
        ("Auth transport", _plain(profile.transport), profile.transport),
        (
            "Cache/queue",
            "Redis" if profile.rate_limit_store.value == "redis" else "none found",
            profile.rate_limit_store,
        ),
        ("Existing auth", _plain(profile.existing_auth, missing="none found"), profile.existing_auth),
        ("Tenancy", _plain(profile.tenancy), profile.tenancy),
        ("Sensitivity", sensitivity, profile.mode if profile.mode.known else profile.sensitivity),
        ("Code style", _plain(profile.code_style), profile.code_style),
    ]
    return [
        {"layer": layer, "detected": shown, "confidence": found.confidence.label, "evidence": found.evidence}
        for layer, shown, found in table
    ]


def notes(profile: Profile) -> list[str]:
    """What the table cannot say in its width: a database the detected backend's auth cannot use."""
    backend = manifests.load_stacks().get(profile.backend.value) if isinstance(profile.backend.value, str) else None
    database = profile.database.value
    if backend is None or not isinstance(database, str) or not backend.databases or database in backend.databases:
        return []
    supported = " or ".join(DATABASES.get(name, name) for name in backend.databases)
    return [
        f"{DATABASES.get(database, database)} is not supported by {backend.label}: the auth keeps its own tables in "
        f"{supported} (the database question), beside your {DATABASES.get(database, database)} data."
    ]


def detection_report(dst: str | Path) -> dict[str, Any]:
    """What the before-copy message prints: the rows, the remembered defaults used, the skipped files."""
    profile = profile_for(dst)  # the same profile the question defaults come from
    found = any(profile.get(kind).value not in (None, "none") for kind in manifests.KINDS)
    remembered = [
        f"{field} {preference.value} ({preference.confidence.label})"
        for field, preference in load_defaults().items()
        if preference.confidence >= Confidence.HIGH
    ]
    return {
        "rows": rows(profile),
        "notes": notes(profile),
        "warnings": list(profile.warnings),
        "found": found,
        "remembered": remembered,
    }
