"""Copier's task: ``python hooks/run.py OPERATION ANSWERS_FILE [SUGGESTED_JSON]``, run in the destination.

On copy and update alike it writes ``.env`` when absent (and only appends the fresh
secrets a higher mode needs to an existing one), adds missing keys to ``.env.example``,
keeps ``.env`` git-ignored, applies the stack's integration edits to an existing application
(hooks/integration.py) and runs each stack's formatter on the files the template wrote in a new
project. Nothing here deletes or rewrites a user's line, and nothing runs in copier's temporary
renders.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# The shared facts (stack manifests, policy) live beside copier's extensions.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "extensions"))

import env_file
import env_vars
import formatter
import gitignore
import preferences
import summary
from project import Project, in_temporary_render
from retrofit_report import Wired, wire


@dataclass(frozen=True)
class Done:
    """One line per thing done, for the user, and the parts wired into an existing application."""

    lines: list[str] = field(default_factory=list)
    wired: list[Wired] = field(default_factory=list)


def run(root: Path, operation: str, answers: dict, suggested: dict | None = None) -> Done:
    """Apply the tasks to ``root``; returns what was done, for the user."""
    result = Done()
    if in_temporary_render(root):
        return result
    project = Project(root, answers)
    done = result.lines
    backend = project.folder("backend")
    if backend is not None:
        variables = env_vars.variables(project)
        if env_file.write_env(backend / ".env", variables):
            done.append(f"wrote {(backend / '.env').relative_to(root)} with fresh secrets")
        elif added := env_file.add_missing_secrets(backend / ".env", variables):
            done.append(f"added fresh {', '.join(added)} to {(backend / '.env').relative_to(root)}")
        if added := env_file.merge_example(backend / ".env.example", variables):
            done.append(f"added {len(added)} keys to {(backend / '.env.example').relative_to(root)}")
    if added := gitignore.ensure_ignored(root / ".gitignore"):
        done.append(f"git-ignored {', '.join(added)}")
    for kind, stack, folder in project.parts():
        if project.existing(kind):
            result.wired.append(wire(project, kind, stack, folder))
        else:
            files = formatter.files_to_format(project, stack, kind, operation, folder)
            done.append(f"{stack.label}: {formatter.format_files(stack, folder, files)}")
    if operation == "copy" and answers.get("remember_preferences"):
        done.append(f"remembered these choices in {preferences.remember(root, answers, suggested or {})}")
    return result


def main(argv: list[str]) -> int:
    operation, answers_file = argv[1], Path(argv[2])
    answers = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
    suggested = json.loads(argv[3]) if len(argv) > 3 else {}
    done = run(Path.cwd(), operation, answers, suggested)
    for line in done.lines:
        print(f"  universal-auth: {line}")
    if not in_temporary_render(Path.cwd()):
        print(summary.summary(Path.cwd(), answers, done.wired))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
