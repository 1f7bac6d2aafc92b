"""Default answers suggested for a destination.

Precedence (highest first): ``--data`` and the previous answers (both applied by copier
itself), then a HIGH-confidence detection in the destination, then a remembered
preference of HIGH confidence or better, then the fallback written in copier.yml.
Nothing here may break a copy: any failure falls back with a warning.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import manifests
from detection import Confidence, Finding, Profile, profile_for
from detection.model import UNKNOWN
from detection.remembered import load_defaults

CHOICES = {
    "database": ("sqlite", "postgresql", "mysql"),
    "transport": ("cookie", "bearer"),
    "email": ("console", "smtp"),
    "rate_limit_store": ("embedded", "redis"),
}
FOLDER = re.compile(r"^(\.|[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*)$")
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def acceptable(field: str, value: Any, profile: Profile) -> bool:
    """Whether copier would accept ``value`` for ``field`` (the validators refuse anything else)."""
    if field in manifests.KINDS:
        return value == "none" or any(stack.name == value for stack in manifests.stacks_of(field))
    if field == "mode":
        return isinstance(value, int) and 1 <= value <= 4
    if field == "database":
        backend = manifests.load_stacks().get(profile.backend.value)
        return value in CHOICES["database"] and (backend is None or value in backend.databases)
    if field in CHOICES:
        return value in CHOICES[field]
    if field.endswith("_dir"):
        return isinstance(value, str) and ".." not in value.split("/") and bool(FOLDER.match(value))
    if field == "project_name":
        return isinstance(value, str) and bool(SLUG.match(value))
    return False


def choose(field: str, profile: Profile, remembered: dict[str, Finding]) -> Any:
    """The suggested value of ``field``, or None to keep the template's fallback."""
    detected, preferred = profile.get(field), remembered.get(field, UNKNOWN)
    strong_detection = detected.confidence >= Confidence.HIGH and acceptable(field, detected.value, profile)
    strong_preference = preferred.confidence >= Confidence.HIGH and acceptable(field, preferred.value, profile)
    if strong_detection and strong_preference and field == "mode":
        return max(detected.value, preferred.value)  # sensitivity sets a minimum, not a ceiling
    if strong_detection:
        return detected.value
    if strong_preference:
        return preferred.value
    return None


def suggest(field: str, dst: str | Path, fallback: Any) -> Any:
    """The suggested default for ``field`` in the destination ``dst``, of the fallback's type."""
    try:
        value = choose(field, profile_for(dst), load_defaults())
        if value is None:
            return fallback
        return int(value) if isinstance(fallback, int) else str(value)
    except Exception as error:  # a suggestion must never break a copy
        warnings.warn(f"universal-auth: no suggestion for {field} ({error!r})", stacklevel=2)
        return fallback


def suggested_answers(dst: str | Path) -> dict[str, Any]:
    """Every field with a suggestion of its own (not the template's fallback), for the preferences log."""
    profile, remembered = profile_for(dst), load_defaults()
    fields = ("project_name", *manifests.KINDS, "mode", "database", "transport", "rate_limit_store", "email")
    return {field: value for field in fields if (value := choose(field, profile, remembered)) is not None}


def existing_app(dst: str | Path, folder: str, stack: str) -> bool:
    """Whether ``folder`` of the destination already holds an application of ``stack``
    (then only the auth feature is added to it, never a second host project); always false for a
    stack whose manifest does not say it can be added to one."""
    manifest = manifests.load_stacks().get(stack)
    if manifest is None or not (manifest.adds_to_existing_app or manifest.integration):
        return False
    try:
        profile = profile_for(dst)
    except Exception as error:  # a suggestion must never break a copy
        warnings.warn(f"universal-auth: no detection for existing_app ({error!r})", stacklevel=2)
        return False
    found, where = profile.get(manifest.kind), profile.get(f"{manifest.kind}_dir")
    return found.value == stack and where.value == folder and found.confidence >= Confidence.MEDIUM


def react_router_package(dst: str | Path, folder: str) -> str:
    """The package an existing React app takes its router from: ``react-router-dom`` when its
    package.json lists it (react-router 6, or 7 through the old name), else ``react-router``."""
    try:
        package = json.loads((Path(dst) / folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "react-router"
    listed = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    return "react-router-dom" if "react-router-dom" in listed else "react-router"


def go_module(dst: str | Path, folder: str, fallback: str) -> str:
    """The module path of the go.mod in ``folder`` (an existing Go service's), else ``fallback``."""
    try:
        text = (Path(dst) / folder / "go.mod").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return fallback
    found = re.search(r"^module\s+\"?([^\s\"]+)\"?\s*(?://.*)?$", text, re.MULTILINE)
    return found[1] if found else fallback


def existing_frontend_problem(dst: str | Path, frontend: str, folder: str, existing: Any) -> str:
    """Why the auth pages cannot join the existing app in ``folder`` (the copy then stops before it writes
    anything), or an empty string. A Next.js app whose pages are in src/app would stop seeing them once an
    app/ folder appears beside src/ (Next.js then takes app/)."""
    if frontend != "nextjs" or str(existing).lower() not in ("true", "yes", "1"):
        return ""
    root = Path(dst) / folder
    if (root / "src" / "app").is_dir() and not (root / "app").is_dir():
        return (
            "Your Next.js app keeps its pages in src/app; the auth's pages go in app/account, and Next.js would "
            "take that top-level app/ folder instead of src/app. Move src/app to app/ first"
        )
    return ""
