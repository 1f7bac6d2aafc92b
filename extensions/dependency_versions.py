"""The dependency lines generated projects list, read from their stack's manifest.

A version is written once, in ``stacks/<name>.yml``; requirements files and wiring guides
render these lines through the Jinja globals registered in extensions/context.py.
"""

from __future__ import annotations

import manifests


def python_requirements(stack: str, mode: int) -> list[str]:
    """The requirement lines the auth feature at ``mode`` needs, as the wiring guide lists them."""
    return manifests.load_stacks()[stack].dependencies_for(int(mode))


def python_project_requirements(stack: str, mode: int, database: str) -> list[str]:
    """A new project's runtime requirements: the feature's, then its server and database drivers."""
    return [*python_requirements(stack, mode), *manifests.load_stacks()[stack].project_dependencies_for(database)]


def python_dev_requirements(stack: str) -> list[str]:
    """The generated project's test and tool requirements."""
    return list(manifests.load_stacks()[stack].dev_dependencies)
