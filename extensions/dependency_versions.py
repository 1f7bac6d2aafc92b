"""The dependency lines generated projects list, read from their stack's manifest.

A version is written once, in ``stacks/<name>.yml``: ``dependencies`` (by mode, cumulative),
``project_dependencies`` and ``dev_dependencies``. Requirements files, package.json files and
wiring guides render them through the Jinja globals registered in extensions/context.py, and
npm's own package-lock.json.jinja must resolve the same versions
(tests/unit/test_dependency_versions.py checks it).
"""

from __future__ import annotations

import re

import manifests

# An npm package name (optionally @scope/) and an exact version: a lock file can only agree with those.
SPECIFIER = re.compile(r"^(?P<name>(?:@[a-z0-9][\w.-]*/)?[a-z0-9][\w.-]*)@(?P<version>\d+\.\d+\.\d+(?:-[\w.]+)?)$")


def python_requirements(stack: str, mode: int) -> list[str]:
    """The requirement lines the auth feature at ``mode`` needs, as the wiring guide lists them."""
    return manifests.load_stacks()[stack].dependencies_for(int(mode))


def python_project_requirements(stack: str, mode: int, database: str) -> list[str]:
    """A new project's runtime requirements: the feature's, then its server and database drivers."""
    return [*python_requirements(stack, mode), *manifests.load_stacks()[stack].project_dependencies_for(database)]


def python_dev_requirements(stack: str) -> list[str]:
    """The generated project's test and tool requirements."""
    return list(manifests.load_stacks()[stack].dev_dependencies)


def parse(specifier: str) -> tuple[str, str]:
    match = SPECIFIER.match(specifier)
    if match is None:
        raise ValueError(f"{specifier!r} is not an npm package at an exact version, such as react@19.3.1")
    return match["name"], match["version"]


GO_MODULE = re.compile(r"^(?P<path>[a-z0-9][\w.-]*(?:/[\w.-]+)+)@(?P<version>v\d+\.\d+\.\d+(?:-[\w.-]+)?)$")


def go_requirements(stack: str, mode: int) -> list[tuple[str, str]]:
    """(module path, version) pairs for go.mod's ``require`` block, sorted as the go command writes them."""
    requirements = []
    for specifier in manifests.load_stacks()[stack].dependencies_for(int(mode)):
        match = GO_MODULE.match(specifier)
        if match is None:
            raise ValueError(f"{specifier!r} is not a Go module at an exact version, such as golang.org/x/text@v0.44.0")
        requirements.append((match["path"], match["version"]))
    return sorted(requirements)


def npm_dependencies(stack: str, mode: int, dev: bool = False) -> dict[str, str]:
    """Package name -> version for package.json's ``dependencies`` (or ``devDependencies``), in npm's order."""
    manifest = manifests.load_stacks()[stack]
    specifiers = manifest.dev_dependencies if dev else manifest.dependencies_for(int(mode))
    return dict(sorted(parse(specifier) for specifier in specifiers))
