"""What the after-copy and after-update output tells of an existing application the auth was added to.

For each part added to an existing application: the files the auth owns there (the only files
written besides the answers file and the .env lines), every wiring edit with its outcome (applied,
already there, or the exact lines to add by hand, with the file and the place), the commands that
fit this host as its stack's integration module gives them (``commands(project, folder)``, e.g. its
package manager and test runner) and its notes (``notes(project, folder)``), and a database the
stack does not support.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import integration
import manifests
import template_files
from context import render_values
from detection import profile_for
from detection.database import LABELS as DATABASES
from project import Project


@dataclass(frozen=True)
class Wired:
    """One part added to an existing application, and the outcomes of its wiring edits."""

    kind: str
    stack: manifests.Stack
    folder: Path
    outcomes: tuple[integration.Outcome, ...]


def module_of(stack: manifests.Stack) -> ModuleType | None:
    if stack.integration_path is None:
        return None
    return loaded(stack.integration_path, stack.name)


@cache
def loaded(path: Path, name: str) -> ModuleType:
    """Each integration module once per run: the task wires, then the summary asks for commands and notes."""
    return integration.load_module(path, name)


def wire(project: Project, kind: str, stack: manifests.Stack, folder: Path) -> Wired:
    """Apply the stack's integration edits to the existing application in ``folder`` (idempotent)."""
    module = module_of(stack)
    outcomes = integration.apply_edits(module.edits(project, folder)) if module is not None else []
    return Wired(kind, stack, folder, tuple(outcomes))


def owned_files(project: Project, stack: manifests.Stack, folder: Path) -> dict[str, int]:
    """Each owned path of ``stack`` -> how many of the template's files it holds in ``folder`` now."""
    context = {**project.answers, **render_values(project.answers)}
    written = [path for path in template_files.written_files(stack, context) if (folder / path).is_file()]
    return {owned: sum(template_files.is_owned(path, (owned,)) for path in written) for owned in stack.owned}


def host_commands(project: Project, stack: manifests.Stack, folder: Path) -> dict[str, str]:
    """The commands for this host from the stack's integration module (label -> command), or none."""
    module = module_of(stack)
    commands = getattr(module, "commands", None)
    return dict(commands(project, folder)) if commands is not None else {}


def notes(project: Project, stack: manifests.Stack, folder: Path) -> list[str]:
    found = []
    database = profile_for(project.root).database.value
    if isinstance(database, str) and stack.databases and database not in stack.databases:
        chosen = DATABASES.get(str(project.answers.get("database", "")), project.answers.get("database"))
        found.append(
            f"{DATABASES.get(database, database)} is not supported by {stack.label}: the auth keeps its own tables "
            f"in {chosen} ({stack.own_database_variable or 'DATABASE_URL'} in .env), beside your "
            f"{DATABASES.get(database, database)} data"
        )
    module = module_of(stack)
    if (module_notes := getattr(module, "notes", None)) is not None:
        found += list(module_notes(project, folder))
    return found


def shown(path: Path, root: Path) -> str:
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
    return "." if relative == "." else relative


def section(project: Project, wired: list[Wired]) -> list[str]:
    """The lines of the "Added to your application" part of the summary, unindented, one mark each."""
    lines = []
    for part in wired:
        where = shown(part.folder, project.root)
        lines.append(
            f"{part.stack.label}, added to your application in {'the project root' if where == '.' else where}:"
        )
        prefix = "" if where == "." else f"{where}/"
        for owned, count in owned_files(project, part.stack, part.folder).items():
            is_folder = (part.folder / owned).is_dir()
            what = f"{count} file{'s' if count != 1 else ''}, all the auth's" if is_folder else "the auth's"
            lines.append(f"+ created {prefix}{owned}{'/' if is_folder else ''} ({what})")
        for outcome in part.outcomes:
            mark = "!" if outcome.status == "printed" else "✓"
            first, *rest = integration.describe(outcome, project.root)
            lines.append(f"{mark} {first}")
            lines += [f"  {line}" for line in rest]
        for label, command in host_commands(project, part.stack, part.folder).items():
            lines.append(f"· {label}: {command}")
        lines += [f"⚠ {note}" for note in notes(project, part.stack, part.folder)]
    return lines
