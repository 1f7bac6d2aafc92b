"""Small, verified, idempotent edits that wire the auth feature into an existing application.

A stack's integration module (``integration:`` in its manifest) lists :class:`Edit` objects;
:func:`apply_edits` applies each one when the host file has a shape the edit recognises and
the result passes its checks, and otherwise leaves the file byte-for-byte as it was so that
the after-copy message prints the exact lines to add by hand. Every line an edit adds carries
:data:`MARKER` in a comment of the file's language, so a reader (and a second run) finds it.
"""

from __future__ import annotations

import difflib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Literal

MARKER = "AUTH_INTEGRATION_POINT"

# How a line comment starts and ends, by file suffix.
COMMENTS = {
    ".py": ("# ", ""),
    ".toml": ("# ", ""),
    ".cfg": ("# ", ""),
    ".txt": ("# ", ""),
    ".yml": ("# ", ""),
    ".yaml": ("# ", ""),
    ".js": ("// ", ""),
    ".cjs": ("// ", ""),
    ".mjs": ("// ", ""),
    ".jsx": ("// ", ""),
    ".ts": ("// ", ""),
    ".cts": ("// ", ""),
    ".mts": ("// ", ""),
    ".tsx": ("// ", ""),
    ".go": ("// ", ""),
    ".mod": ("// ", ""),
    ".css": ("/* ", " */"),
    ".html": ("<!-- ", " -->"),
}

Status = Literal["applied", "already there", "printed"]


@dataclass(frozen=True)
class Edit:
    """One place where the host is wired: how to tell it is done, how to do it, and what to print otherwise."""

    file: Path
    description: str
    present: Callable[[str], bool]
    apply: Callable[[str], str | None]
    lines: str
    where: str
    verify: Callable[[str], bool] | None = None


@dataclass(frozen=True)
class Outcome:
    edit: Edit
    status: Status
    # Why the lines are printed rather than applied (empty when applied or already there).
    reason: str = ""


def marker_comment(file: Path | str) -> str:
    """The marker as a trailing comment of ``file``'s language, e.g. ``# AUTH_INTEGRATION_POINT``."""
    suffix = Path(file).suffix.lower()
    if suffix not in COMMENTS:
        raise ValueError(f"no line comment known for {suffix or Path(file).name} files")
    start, end = COMMENTS[suffix]
    return f"{start}{MARKER}{end}"


def marked(line: str, file: Path | str) -> str:
    """``line`` with the marker comment after it (indentation and content unchanged)."""
    return f"{line}  {marker_comment(file)}"


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` has that ``before`` does not (a line diff, so moved text counts as added)."""
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line[2:] for line in diff if line.startswith("+ ")]


def removed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line[2:] for line in diff if line.startswith("- ")]


def apply_edit(edit: Edit) -> Outcome:
    try:
        with edit.file.open(encoding="utf-8", newline="") as handle:
            before = handle.read()
    except FileNotFoundError:
        return Outcome(edit, "printed", f"{edit.file.name} not found")
    except (OSError, UnicodeDecodeError) as error:
        return Outcome(edit, "printed", f"{edit.file.name} could not be read ({error.__class__.__name__})")
    if edit.present(before):
        return Outcome(edit, "already there")
    after = edit.apply(before)
    if after is None or after == before:
        return Outcome(edit, "printed", "its shape is not one the template recognises")
    if removed_lines(before, after):
        return Outcome(edit, "printed", "the edit would have changed existing lines")
    if unmarked := [line for line in added_lines(before, after) if line.strip() and MARKER not in line]:
        return Outcome(edit, "printed", f"an added line lacks the {MARKER} marker: {unmarked[0].strip()}")
    if edit.verify is not None and not edit.verify(after):
        return Outcome(edit, "printed", "the edited file did not pass its check")
    if not edit.present(after):
        return Outcome(edit, "printed", "the edit would not be found again on the next run")
    with edit.file.open("w", encoding="utf-8", newline="") as handle:
        handle.write(after)
    return Outcome(edit, "applied")


def apply_edits(edits: list[Edit]) -> list[Outcome]:
    """Apply ``edits`` in order (several may touch one file); a file is written only by an edit that passed."""
    return [apply_edit(edit) for edit in edits]


def describe(outcome: Outcome, root: Path) -> list[str]:
    """Lines for the after-copy message: what was wired where, or the exact lines to add by hand."""
    edit = outcome.edit
    try:
        shown = edit.file.relative_to(root)
    except ValueError:
        shown = edit.file
    if outcome.status != "printed":
        return [f"{outcome.status}: {edit.description} ({shown})"]
    head = f"to add by hand: {edit.description}, {edit.where} ({shown}; not applied: {outcome.reason})"
    return [head, *(f"    {line}" for line in edit.lines.splitlines())]


# A Node host's package manager, by the lock file it keeps (the first found wins; npm without one).
LOCK_FILES = (("pnpm-lock.yaml", "pnpm"), ("yarn.lock", "yarn"), ("bun.lockb", "bun"), ("package-lock.json", "npm"))


def package_manager(folder: Path) -> str:
    """The package manager of the Node application in ``folder`` (or a parent up to its repository root)."""
    for candidate in (folder, *folder.parents):
        for lock, manager in LOCK_FILES:
            if (candidate / lock).is_file():
                return manager
        if (candidate / ".git").exists():
            break
    return "npm"


def load_module(path: Path, stack_name: str) -> ModuleType:
    """The stack's integration module at ``path`` (from its manifest), imported from its file."""
    spec = importlib.util.spec_from_file_location(f"integrations_{stack_name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the integration module {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
