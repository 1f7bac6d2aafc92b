"""Every stack manifest is valid, and the facts other parts rely on hold."""

import pytest
import yaml
from pydantic import ValidationError

import manifests


def test_every_kind_offers_a_stack():
    assert [kind for kind in manifests.KINDS if not manifests.stacks_of(kind)] == []


def test_choices_of_a_kind_are_distinct():
    """The question's choices are keyed by label and summary: two equal ones would hide a stack."""
    for kind in manifests.KINDS:
        stacks = manifests.stacks_of(kind)
        assert len({(s.label, s.summary) for s in stacks}) == len(stacks), kind
        assert len({s.label for s in stacks}) == len(stacks), kind


def test_a_frontend_and_any_backend_can_run_side_by_side():
    """Development servers of a frontend and its backend listen on their default ports at once."""
    backend_ports = {s.port for s in manifests.stacks_of("backend")}
    assert [s.name for s in manifests.stacks_of("frontend") if s.port in backend_ports] == []


def test_references_between_manifests_name_stacks_of_the_right_kind():
    stacks = manifests.load_stacks()
    for stack in stacks.values():
        for partner in stack.e2e_partners:
            assert partner in stacks, f"{stack.name}'s e2e_partner {partner} has no manifest"
            assert stacks[partner].kind == "frontend", f"{stack.name}'s e2e_partner {partner} is not a frontend"


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
        {"kind": "frontend", "e2e_partner": "react"},
        {"kind": "frontend", "bench_peer": "allauth"},
        {"kind": "mobile", "adds_to_existing_app": True},
        {"rewritten_on_update": ["a.py"], "user_edits": {"a.py": "# ours\n"}},
        {"adds_to_existing_app": True},
        {"integration": "hooks/integrations/demo.py"},
        {"integration": "elsewhere/demo.py", "owned": ["auth"]},
        {"owned": ["../settings.py"]},
        {"owned": ["/etc"]},
        {"owned": ["auth/"]},
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
