"""Versions written once, in the manifests: requirements files and package.json files render them,
and npm's lock resolves them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import dependency_versions
import manifests
from dependency_versions import npm_dependencies, parse

TEMPLATE = manifests.ROOT / "template"
PIN = re.compile(r"[\w\]]==\d")  # a requirement pinned with ==; code writes `a == b` with spaces


def subtree(stack: str) -> Path:
    return TEMPLATE / f"{{{{ {stack}_dir }}}}"


BUILT = [stack for stack in manifests.load_stacks().values() if stack.built]
PYTHON_SUBTREES = [subtree(stack.name) for stack in BUILT if stack.language == "python"]
NPM_STACKS = [stack.name for stack in BUILT if (subtree(stack.name) / "package.json.jinja").is_file()]


def test_there_is_a_python_subtree():
    assert PYTHON_SUBTREES and all(folder.is_dir() for folder in PYTHON_SUBTREES)


@pytest.mark.parametrize("folder", PYTHON_SUBTREES, ids=lambda folder: folder.name)
def test_no_version_is_pinned_in_the_subtree(folder):
    pinned = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and b"\0" not in path.read_bytes()[:4096] and not path.name.endswith(".gz"):
            text = path.read_text(encoding="utf-8")
            pinned += [
                f"{path.relative_to(TEMPLATE)}: {line.strip()}" for line in text.splitlines() if PIN.search(line)
            ]
    assert pinned == [], "write versions in stacks/<name>.yml and render them through dependency_versions"


def test_a_new_project_adds_its_server_and_drivers_after_the_feature():
    django = manifests.load_stacks()["django"]
    lines = dependency_versions.python_project_requirements("django", 1, "mysql")
    assert lines[: len(django.dependencies[1])] == list(django.dependencies[1])
    assert lines[-1].startswith("mysqlclient==")
    assert not any(
        line.startswith("mysqlclient")
        for line in dependency_versions.python_project_requirements("django", 4, "sqlite")
    )


def test_project_dependencies_are_keyed_by_the_stacks_databases():
    manifest = manifests.load_stacks()["django"].model_dump() | {"project_dependencies": {"oracle": ["cx-Oracle==8"]}}
    with pytest.raises(ValueError, match="project dependencies"):
        manifests.Stack.model_validate(manifest)


@pytest.mark.parametrize("stack", NPM_STACKS)
def test_package_json_renders_the_manifests_versions(stack):
    assert "npm_dependencies(" in (subtree(stack) / "package.json.jinja").read_text(encoding="utf-8")


@pytest.mark.parametrize("stack", NPM_STACKS)
def test_the_lock_resolves_the_manifests_versions(stack):
    # npm's machine output; its only Jinja is the project name inside strings, so it parses as it is.
    lock = json.loads((subtree(stack) / "package-lock.json.jinja").read_text(encoding="utf-8"))
    packages = lock["packages"]
    wanted = {"dependencies": npm_dependencies(stack, 4), "devDependencies": npm_dependencies(stack, 4, dev=True)}
    for field, versions in wanted.items():
        assert packages[""].get(field, {}) == versions, f"{stack}: the lock's {field} differ from stacks/{stack}.yml"
        for name, version in versions.items():
            resolved = packages.get(f"node_modules/{name}", {}).get("version")
            assert resolved == version, f"{stack}: the lock resolves {name} to {resolved}, the manifest says {version}"


def test_a_specifier_is_a_package_at_an_exact_version():
    assert parse("react@19.3.1") == ("react", "19.3.1")
    assert parse("@types/node@20.19.43") == ("@types/node", "20.19.43")
    for loose in ("react", "react@^19.3.1", "express@5", "react@latest"):
        with pytest.raises(ValueError, match="exact version"):
            parse(loose)


def test_versions_come_in_npms_order_and_modes_add_up():
    for stack in NPM_STACKS:
        assert list(npm_dependencies(stack, 1)) == sorted(npm_dependencies(stack, 1))
        assert npm_dependencies(stack, 1).items() <= npm_dependencies(stack, 4).items()
