"""``npm_dependencies(stack, mode, dev=False)``: a stack's npm packages at exact versions, from its manifest.

``dependencies`` (by mode, cumulative) and ``dev_dependencies`` in stacks/<name>.yml hold npm
specifiers such as ``react@19.3.1`` or ``@types/node@20.19.43``, the only place those versions are
written: package.json.jinja renders them, and npm's own package-lock.json.jinja must resolve the
same versions (tests/unit/test_dependency_versions.py checks it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from jinja2.ext import Extension

sys.path.insert(0, str(Path(__file__).resolve().parent))

import manifests

# An npm package name (optionally @scope/) and an exact version: a lock file can only agree with those.
SPECIFIER = re.compile(r"^(?P<name>(?:@[a-z0-9][\w.-]*/)?[a-z0-9][\w.-]*)@(?P<version>\d+\.\d+\.\d+(?:-[\w.]+)?)$")


def parse(specifier: str) -> tuple[str, str]:
    match = SPECIFIER.match(specifier)
    if match is None:
        raise ValueError(f"{specifier!r} is not an npm package at an exact version, such as react@19.3.1")
    return match["name"], match["version"]


def npm_dependencies(stack: str, mode: int, dev: bool = False) -> dict[str, str]:
    """Package name -> version for package.json's ``dependencies`` (or ``devDependencies``), in npm's order."""
    manifest = manifests.load_stacks()[stack]
    specifiers = manifest.dev_dependencies if dev else manifest.dependencies_for(int(mode))
    return dict(sorted(parse(specifier) for specifier in specifiers))


class DependencyVersions(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.globals["npm_dependencies"] = npm_dependencies
