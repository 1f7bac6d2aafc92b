"""The Jinja globals copier.yml calls and the computed render context."""

import pytest
from jinja2 import Environment

import answers
import context
import manifests


def test_choices_list_every_stack_of_a_kind_and_none():
    choices = context.stack_choices("backend")
    assert set(choices.values()) == {s.name for s in manifests.stacks_of("backend")} | {"none"}
    for label, name in choices.items():
        stack = manifests.load_stacks().get(name)
        if stack is not None and stack.tier == "planned":
            assert "planned" in label


def test_a_planned_stack_is_refused_with_a_reason():
    planned = [s for s in manifests.load_stacks().values() if s.tier == "planned"]
    assert planned, "this test needs one planned stack"
    assert "planned but not built yet" in context.stack_problem(planned[0].name)
    assert context.stack_problem("none") == ""


def test_a_built_stack_is_accepted():
    built = [s for s in manifests.load_stacks().values() if s.built]
    assert built
    assert all(context.stack_problem(s.name) == "" for s in built)


def test_database_must_be_one_the_backend_supports():
    express = manifests.load_stacks()["express"]
    assert "mysql" not in express.databases
    assert "MySQL" not in context.database_problem("express", "sqlite")
    assert "not mysql" in context.database_problem("express", "mysql")
    assert context.database_problem("none", "mysql") == ""


@pytest.mark.parametrize(
    ("text", "slug"),
    [("My App", "my-app"), ("demo", "demo"), ("123 go", "app-123-go"), ("--x--", "x"), ("", "app")],
)
def test_slugify(text, slug):
    assert context.slugify(text) == slug


def base_answers(**changes):
    return {"mode": 1, "backend": "django", "backend_dir": "api", "frontend": "none", "mobile": "none"} | changes


def test_render_values_derive_flags_from_the_mode():
    assert context.render_values(base_answers(mode=1))["has_mfa"] is False
    values = context.render_values(base_answers(mode="4", roles=["admin", "member"]))
    assert values["is_hipaa"] and values["has_rbac"] and values["has_mfa"]
    assert values["role_names"] == ["admin", "member", "provider", "patient"]
    assert values["tunables"]["REFRESH_TOKEN_TTL_SECONDS"] == 86400


def test_each_stack_gets_its_folder_only_when_chosen():
    values = context.render_values(base_answers())
    assert values["django_dir"] == "api"
    assert values["express_dir"] == ""
    assert values["react_dir"] == ""


def test_the_hook_waits_for_a_usable_mode():
    hook = context.Computed(Environment())
    for early in ({}, {"mode": None}, {"mode": "three"}):
        ctx = dict(early)
        hook.hook(ctx)
        assert ctx == early
    ctx = base_answers(mode="3")
    hook.hook(ctx)
    assert ctx["has_audit"] is True


def test_answers_file_is_the_default_in_an_empty_folder(tmp_path):
    assert answers.answers_file_for(tmp_path) == ".copier-answers.yml"


def test_answers_file_stays_the_default_when_it_is_ours(tmp_path):
    (tmp_path / ".copier-answers.yml").write_text(f"{answers.MARKER}: x\nmode: 2\n")
    assert answers.answers_file_for(tmp_path) == ".copier-answers.yml"


def test_answers_file_moves_aside_for_another_template(tmp_path):
    (tmp_path / ".copier-answers.yml").write_text("_src_path: gh:someone/else\nname: x\n")
    assert answers.answers_file_for(tmp_path) == ".copier-answers.universal-auth.yml"
