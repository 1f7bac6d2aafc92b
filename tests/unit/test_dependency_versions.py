"""A Python stack's versions are written in its manifest only, never in its template subtree."""

import re

import pytest

import dependency_versions
import manifests

TEMPLATE = manifests.ROOT / "template"
PIN = re.compile(r"[\w\]]==\d")  # a requirement pinned with ==; code writes `a == b` with spaces
PYTHON_SUBTREES = [
    TEMPLATE / f"{{{{ {stack.name}_dir }}}}"
    for stack in manifests.load_stacks().values()
    if stack.language == "python" and stack.built
]


def test_there_is_a_python_subtree():
    assert PYTHON_SUBTREES and all(folder.is_dir() for folder in PYTHON_SUBTREES)


@pytest.mark.parametrize("subtree", PYTHON_SUBTREES, ids=lambda folder: folder.name)
def test_no_version_is_pinned_in_the_subtree(subtree):
    pinned = []
    for path in sorted(subtree.rglob("*")):
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
