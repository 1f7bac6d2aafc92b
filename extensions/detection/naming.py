"""The project's own name, from the manifest at its root."""

from __future__ import annotations

import json
import re
import tomllib

import yaml

from .model import Confidence, Finding
from .tree import Tree

SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def slug(text: str) -> str | None:
    """``text`` as a copier project_name slug, or None when nothing usable is left."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text)
    candidate = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return candidate if SLUG.match(candidate) else None


def _names(tree: Tree) -> list[tuple[str, str]]:
    """(name, manifest) pairs from the root manifests, most specific first."""
    found = []
    readers = {
        "package.json": lambda text: json.loads(text).get("name"),
        "pyproject.toml": lambda text: (
            tomllib.loads(text).get("project", {}).get("name")
            or tomllib.loads(text).get("tool", {}).get("poetry", {}).get("name")
        ),
        "composer.json": lambda text: json.loads(text).get("name"),
        "pubspec.yaml": lambda text: (yaml.safe_load(text) or {}).get("name"),
        "go.mod": lambda text: m.group(1) if (m := re.search(r"^module\s+(\S+)", text, re.MULTILINE)) else None,
    }
    for manifest, read in readers.items():
        if manifest not in tree.file_set or (text := tree.read(manifest)) is None:
            continue
        try:
            name = read(text)
        except (ValueError, AttributeError, yaml.YAMLError):
            continue  # the manifest's own parser reports it as malformed
        if isinstance(name, str) and name:
            found.append((name.rsplit("/", 1)[-1], manifest))
    return found


def detect_project_name(tree: Tree) -> Finding:
    for name, manifest in _names(tree):
        if cleaned := slug(name):
            return Finding(cleaned, Confidence.HIGH, f"name in {manifest}")
    return Finding(None)
