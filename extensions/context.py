"""Jinja side of the template: globals for copier.yml and the computed render context.

Loaded by copier through copier-template-extensions (see ``_jinja_extensions``).
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path
from typing import Any

from copier.errors import UserMessageError
from copier_template_extensions import ContextHook
from jinja2 import pass_context
from jinja2.ext import Extension

sys.path.insert(0, str(Path(__file__).resolve().parent))

import answers
import dependency_versions
import detection.jinja
import manifests
import policy
import stack_refusal
import suggestions
import template_files

# On a first copy the previous answers file read by the mode validator does not exist yet;
# copier's "missing file" warning would then be printed on every copy.
warnings.filterwarnings("ignore", message="File not found; returning empty dict")


def stack_choices(kind: manifests.Kind) -> dict[str, str]:
    """The choices of the ``backend`` / ``frontend`` / ``mobile`` question, labelled by tier."""
    choices = {}
    for stack in manifests.stacks_of(kind):
        note = {"planned": " (planned, not built yet)", "generated-only": " (generated only)"}.get(stack.tier, "")
        choices[f"{stack.label}: {stack.summary}{note}"] = stack.name
    choices["None"] = "none"
    return choices


def stack_problem(name: str) -> str:
    """Why ``name`` cannot be generated, or an empty string when it can."""
    stack = manifests.load_stacks().get(name)
    if stack is not None and not stack.built:
        return f"{stack.label} is planned but not built yet; choose another or none"
    return ""


def database_problem(backend: str, database: str) -> str:
    stack = manifests.load_stacks().get(backend)
    if stack is not None and stack.databases and database not in stack.databases:
        return f"{stack.label} supports {', '.join(stack.databases)}, not {database}"
    return ""


def adds_to_existing_app(name: str) -> bool:
    """Whether stack ``name`` can add only the auth feature to an application its folder already holds."""
    stack = manifests.load_stacks().get(name)
    return stack is not None and stack.adds_to_existing_app


def existing_app_note(name: str) -> str:
    """What the backend folder question says of a stack that always renders a whole new service."""
    stack = manifests.load_stacks().get(name)
    if stack is None or stack.adds_to_existing_app:
        return ""
    return f" ({stack.label} renders a new service there; it cannot yet be added to an existing application)"


def existing_app_problem(backend: str, existing: Any) -> str:
    """Why ``existing_app`` cannot be true for ``backend`` (an answer given with --data), or an empty string."""
    stack = manifests.load_stacks().get(backend)
    if stack is None or stack.adds_to_existing_app or str(existing).lower() not in ("true", "yes", "1"):
        return ""
    return f"{stack.label} cannot yet be added to an existing application: it renders a whole new service"


def stack_port(name: str, fallback: int = 8000) -> int:
    stack = manifests.load_stacks().get(name)
    return stack.port if stack is not None and stack.port else fallback


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return slug if slug and slug[0].isalpha() else f"app-{slug}".rstrip("-")


@pass_context
def host_files_excluded(context: Any) -> str:
    """The ``_exclude`` patterns of an existing application's host files (extensions/template_files.py)."""
    values = dict(context.get_all())
    try:
        int(values["mode"])
    except (KeyError, TypeError, ValueError):
        return ""
    values.update(render_values(values))
    destination = Path(str(values["_copier_conf"]["dst_path"]))
    if clashes := template_files.owned_clashes(values, destination):
        raise UserMessageError(
            f"universal-auth: your application already has {', '.join(clashes)}, where the auth keeps its own code. "
            "Rename yours, or choose another folder for the application, and copy again; nothing was written."
        )
    return template_files.host_files_excluded(values)


class Globals(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.globals.update(
            stack_choices=stack_choices,
            stack_problem=stack_problem,
            database_problem=database_problem,
            stack_port=stack_port,
            adds_to_existing_app=adds_to_existing_app,
            existing_app_note=existing_app_note,
            existing_app_problem=existing_app_problem,
            stack_manifest=lambda name: manifests.load_stacks()[name],
            answers_file_for=answers.answers_file_for,
            suggest=suggestions.suggest,
            suggest_stack=stack_refusal.suggest_stack,
            host_files_excluded=host_files_excluded,
            existing_answer=manifests.existing_answer,
            refuse_unbuildable=stack_refusal.refuse_unbuildable,
            suggested_answers=suggestions.suggested_answers,
            existing_app=suggestions.existing_app,
            holds_existing_app=suggestions.existing_app,
            existing_frontend_problem=suggestions.existing_frontend_problem,
            react_router_package=suggestions.react_router_package,
            go_module=suggestions.go_module,
            detection_report=detection.jinja.detection_report,
            mode_summaries=policy.MODE_SUMMARIES,
            python_requirements=dependency_versions.python_requirements,
            python_project_requirements=dependency_versions.python_project_requirements,
            python_dev_requirements=dependency_versions.python_dev_requirements,
            npm_dependencies=dependency_versions.npm_dependencies,
            go_requirements=dependency_versions.go_requirements,
        )
        environment.filters["slugify"] = slugify


def render_values(context: dict[str, Any]) -> dict[str, Any]:
    """What templates need beyond the answers: flags from the mode, one folder per stack, policy."""
    mode = int(context["mode"])
    values: dict[str, Any] = dict(policy.features(mode))
    values["tunables"] = policy.tunables(mode)
    values["policy"] = policy
    values["uses_cookies"] = context.get("transport") == "cookie"
    values["new_host"] = not context.get("existing_app", False)
    values["new_frontend"] = not context.get("existing_frontend", False)
    frontend = manifests.load_stacks().get(str(context.get("frontend")))
    prefix = frontend.pages_prefix_in_existing_app if frontend is not None else None
    values["auth_pages_base"] = "" if values["new_frontend"] else prefix or ""
    base_roles = list(context.get("roles") or ["admin", "member"])
    values["role_names"] = base_roles + [r for r in policy.HIPAA_ROLES if values["is_hipaa"] and r not in base_roles]
    for stack in manifests.load_stacks().values():
        chosen = context.get(stack.kind) == stack.name
        values[f"{stack.name}_dir"] = str(context.get(f"{stack.kind}_dir") or ".") if chosen else ""
    return values


class Computed(ContextHook):
    """Adds :func:`render_values` to every context that has a usable mode.

    At prompt time ``--data`` values arrive as raw strings and some answers are not
    known yet, so the hook only acts once ``mode`` casts to an int.
    """

    def hook(self, context: dict[str, Any]) -> None:
        try:
            int(context["mode"])
        except (KeyError, TypeError, ValueError):
            return
        context.update(render_values(context))
