"""Every stack manifest is valid, and the facts other parts rely on hold."""

import pytest
import yaml
from pydantic import ValidationError

import manifests

NAMED_IN_ISSUE = {
    "backend": {"django", "fastapi", "flask", "express", "nestjs", "go", "laravel", "dotnet"},
    "frontend": {"nextjs", "react", "vue", "angular"},
    "mobile": {"expo", "flutter", "swift", "kotlin"},
}


def test_every_named_stack_has_a_manifest():
    stacks = manifests.load_stacks()
    for kind, names in NAMED_IN_ISSUE.items():
        assert {s.name for s in manifests.stacks_of(kind)} == names
    assert len(stacks) == 16


@pytest.mark.parametrize("name", sorted(manifests.load_stacks()))
def test_manifest_is_complete(name):
    stack = manifests.load_stacks()[name]
    assert stack.detect, "detection needs at least one signal"
    assert 1 in stack.dependencies
    if stack.built:
        assert stack.commands.install and stack.commands.serve and stack.commands.test


def valid_manifest():
    return {
        "name": "demo",
        "label": "Demo",
        "kind": "backend",
        "language": "python",
        "tier": "planned",
        "summary": "x",
        "port": 1,
        "databases": ["sqlite"],
        "detect": [{"kind": "file", "path": "x"}],
        "dependencies": {1: ["a"]},
    }


@pytest.mark.parametrize(
    "change",
    [
        {"tier": "supported"},
        {"kind": "desktop"},
        {"port": None},
        {"databases": []},
        {"detect": [{"kind": "file"}]},
        {"detect": [{"kind": "npm", "path": "x"}]},
        {"dependencies": {5: ["a"]}},
        {"tier": "generated-only"},
        {"colour": "blue"},
        {"name": "Bad Name"},
    ],
)
def test_schema_refuses(change):
    with pytest.raises(ValidationError):
        manifests.Stack.model_validate(valid_manifest() | change)


def test_schema_accepts_the_minimal_manifest():
    assert manifests.Stack.model_validate(valid_manifest()).name == "demo"


def test_file_name_must_match_the_stack(tmp_path):
    (tmp_path / "other.yml").write_text(yaml.safe_dump(valid_manifest()))
    with pytest.raises(ValueError, match="declares the stack 'demo'"):
        manifests.load_stacks.__wrapped__(tmp_path)


def test_dependencies_accumulate_by_mode():
    stack = manifests.Stack.model_validate(valid_manifest() | {"dependencies": {1: ["a"], 2: ["b"], 4: ["d"]}})
    assert stack.dependencies_for(1) == ["a"]
    assert stack.dependencies_for(3) == ["a", "b"]
    assert stack.dependencies_for(4) == ["a", "b", "d"]
