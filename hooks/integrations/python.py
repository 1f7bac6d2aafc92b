"""Reading and editing Python hosts, shared by the Python backends' integration modules.

Source checks and module-level assignments read with ``ast``, marked lines added to multi-line
lists, and the auth's requirements added where the host lists its own: requirements.txt, the
``[project] dependencies`` of pyproject.toml, or (a Pipfile, or nothing found) a printed command.
A requirement is added as a range (the pinned version or a later one of the same major), never
the host's framework itself: the host's own version is the one the auth runs on.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import manifests
from integration import Edit, marked
from project import Project

REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
PINNED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]+\])?==(?P<version>[\w.]+)$")


def parses(text: str) -> bool:
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


def module_file(folder: Path, dotted: str) -> Path:
    """The file of a dotted module under ``folder`` (a package's ``__init__.py`` when it is one)."""
    base = folder.joinpath(*dotted.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def assigned_value(text: str, name: str) -> ast.expr | None:
    """The value of the module-level ``name = ...`` in ``text``, or None."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return node.value
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            return node.value
    return None


def string_setting(text: str, name: str) -> str | None:
    value = assigned_value(text, name)
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def list_items(text: str, name: str) -> list[str] | None:
    """The strings of the list literal assigned to ``name``, or None when it is not one."""
    value = assigned_value(text, name)
    if not isinstance(value, ast.List | ast.Tuple):
        return None
    return [item.value for item in value.elts if isinstance(item, ast.Constant) and isinstance(item.value, str)]


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def insert_lines(text: str, index: int, new: list[str]) -> str:
    """``text`` with ``new`` lines inserted before line ``index`` (0-based)."""
    lines = text.splitlines(keepends=True)
    newline = newline_of(text)
    return "".join([*lines[:index], *(line + newline for line in new), *lines[index:]])


def list_node(text: str, name: str) -> ast.List | None:
    value = assigned_value(text, name)
    return value if isinstance(value, ast.List) else None


def indent_of_items(text: str, node: ast.List) -> str | None:
    """The indentation of a multi-line list's items (None for a list on one line)."""
    if node.end_lineno is None or node.end_lineno == node.lineno:
        return None
    if node.elts:
        line = text.splitlines()[node.elts[0].lineno - 1]
        return line[: len(line) - len(line.lstrip())]
    return "    "


def append_to_list(name: str, entries: list[str], file: Path) -> Callable[[str], str | None]:
    """An ``apply`` adding ``entries`` (Python source) as the last items of the multi-line list ``name``."""

    def apply(text: str) -> str | None:
        node = list_node(text, name)
        if node is None or node.end_lineno is None or (indent := indent_of_items(text, node)) is None:
            return None
        closing = text.splitlines()[node.end_lineno - 1]
        if closing.strip() != "]":
            return None
        last_line = node.elts[-1].end_lineno if node.elts else None
        if last_line is not None and not text.splitlines()[last_line - 1].split("#")[0].rstrip().endswith(","):
            return None
        return insert_lines(text, node.end_lineno - 1, [marked(f"{indent}{entry}", file) for entry in entries])

    return apply


def insert_after_item(name: str, after: str, entry: str, file: Path) -> Callable[[str], str | None]:
    """An ``apply`` adding ``entry`` right after the item ``after`` of the multi-line list ``name``
    (first in the list when ``after`` is not in it)."""

    def apply(text: str) -> str | None:
        node = list_node(text, name)
        if node is None or (indent := indent_of_items(text, node)) is None:
            return None
        anchor = next(
            (item for item in node.elts if isinstance(item, ast.Constant) and item.value == after),
            None,
        )
        if anchor is not None and anchor.end_lineno is not None:
            if not text.splitlines()[anchor.end_lineno - 1].rstrip().split("#")[0].rstrip().endswith(","):
                return None
            return insert_lines(text, anchor.end_lineno, [marked(f"{indent}{entry}", file)])
        return insert_lines(text, node.lineno, [marked(f"{indent}{entry}", file)])

    return apply


def requirement_range(pinned: str) -> str:
    """``name==X.Y.Z`` as the range the auth needs: that version or a later one of the same major."""
    found = PINNED.match(pinned)
    if found is None:
        return pinned
    major = int(found["version"].split(".")[0])
    return f"{found['name']}{found['extras'] or ''}>={found['version']},<{major + 1}"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(lines: list[str]) -> set[str]:
    stripped = (line.split("#", 1)[0].strip() for line in lines)
    return {package_name(line) for line in stripped if line and not line.startswith("-")}


def package_name(requirement: str) -> str:
    found = REQUIREMENT_NAME.match(requirement)
    return canonical(found.group(1)) if found else requirement


@dataclass(frozen=True)
class Requirements:
    """The auth's requirements at the project's mode, as ranges, but the host's own framework."""

    ranges: tuple[str, ...]

    def missing(self, listed: set[str]) -> list[str]:
        """Those the host does not list among ``listed`` (canonical names)."""
        return [requirement for requirement in self.ranges if package_name(requirement) not in listed]


def auth_requirements(project: Project, stack: str, framework: str) -> Requirements:
    """What the ``stack`` auth needs at the project's mode; ``framework`` (the host's own) never among them."""
    pinned = manifests.load_stacks()[stack].dependencies_for(project.mode)
    return Requirements(
        tuple(requirement_range(requirement) for requirement in pinned if package_name(requirement) != framework)
    )


def requirements_edit(needs: Requirements, file: Path) -> Edit | None:
    text = file.read_text(encoding="utf-8")
    missing = needs.missing(requirement_names(text.splitlines()))
    if not missing:
        return None
    lines = [marked(requirement, file) for requirement in missing]

    def apply(current: str) -> str | None:
        ending = "" if not current or current.endswith(("\n", "\r\n")) else newline_of(current)
        return current + ending + "".join(line + newline_of(current) for line in lines)

    return Edit(
        file=file,
        description=f"{', '.join(requirement.split('>')[0] for requirement in missing)} in {file.name}",
        present=lambda current: not needs.missing(requirement_names(current.splitlines())),
        apply=apply,
        lines="\n".join(lines),
        where=f"at the end of {file.name}",
    )


def pyproject_edit(needs: Requirements, file: Path) -> Edit | None:
    """Missing requirements in a pyproject's ``[project] dependencies = [...]`` list (one item a line)."""
    text = file.read_text(encoding="utf-8")
    try:
        declared = tomllib.loads(text).get("project", {}).get("dependencies")
    except tomllib.TOMLDecodeError:
        return None
    if not isinstance(declared, list):
        return None
    missing = needs.missing(requirement_names(declared))
    if not missing:
        return None
    entries = [f'"{requirement}",' for requirement in missing]

    def listed(current: str) -> list[str]:
        try:
            found = tomllib.loads(current).get("project", {}).get("dependencies", [])
        except tomllib.TOMLDecodeError:
            return []
        return found if isinstance(found, list) else []

    def apply(current: str) -> str | None:
        lines = current.splitlines()
        start = next((i for i, line in enumerate(lines) if re.match(r"^dependencies\s*=\s*\[\s*$", line)), None)
        if start is None:
            return None
        end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == "]"), None)
        if end is None or (end > start + 1 and not lines[end - 1].split("#")[0].rstrip().endswith(",")):
            return None
        indent = "    " if end == start + 1 else lines[end - 1][: len(lines[end - 1]) - len(lines[end - 1].lstrip())]
        return insert_lines(current, end, [marked(f"{indent}{entry}", file) for entry in entries])

    def verify(current: str) -> bool:
        try:
            tomllib.loads(current)
        except tomllib.TOMLDecodeError:
            return False
        return True

    return Edit(
        file=file,
        description=f"{', '.join(requirement.split('>')[0] for requirement in missing)} in {file.name}",
        present=lambda current: not needs.missing(requirement_names(listed(current))),
        apply=apply,
        lines="\n".join(marked(f"    {entry}", file) for entry in entries),
        where=f"in [project] dependencies of {file.name}",
        verify=verify,
    )


def pipfile_of(project: Project, folder: Path) -> Path | None:
    """The Pipfile the app installs from: in its folder, or above it up to the project's root."""
    for candidate in (folder, *folder.parents):
        if (candidate / "Pipfile").is_file():
            return candidate / "Pipfile"
        if candidate == project.root.resolve():
            break
    return None


def dependency_edit(project: Project, folder: Path, needs: Requirements) -> Edit | None:
    """The host's requirements with the auth's added, or the command to run where a tool owns the file."""
    requirements = folder / "requirements.txt"
    if requirements.is_file():
        return requirements_edit(needs, requirements)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        return pyproject_edit(needs, pyproject)
    needed = needs.missing(set())
    if not needed:
        return None
    if (pipfile := pipfile_of(project, folder)) is not None:
        # Pipfile.lock is pipenv's to write: the command is printed, never an edit of the Pipfile.
        return Edit(
            file=pipfile,
            description=f"{', '.join(requirement.split('>')[0] for requirement in needed)} with pipenv",
            present=lambda current: False,
            apply=lambda current: None,
            lines="pipenv install " + " ".join(f"'{requirement}'" for requirement in needed),
            where=f"run in {pipfile.parent.relative_to(project.root).as_posix() or '.'}/",
        )
    return Edit(
        file=requirements,
        description=f"{', '.join(requirement.split('>')[0] for requirement in needed)} in your requirements",
        present=lambda current: False,
        apply=lambda current: None,
        lines="\n".join(needed),
        where="in the file your project installs its requirements from",
    )


def install_command(project: Project, folder: Path) -> str:
    """How this host installs what its requirements list, for the after-copy message."""
    if (folder / "requirements.txt").is_file():
        return "python -m pip install -r requirements.txt"
    if (folder / "pyproject.toml").is_file():
        return "python -m pip install -e ."
    if pipfile_of(project, folder) is not None:
        return "pipenv install (the packages above)"
    return "python -m pip install (the packages above)"


def uses_pytest(folder: Path) -> bool:
    """Whether the host's configuration names pytest (else it runs its framework's own test runner)."""
    return any(
        (folder / name).is_file() and "pytest" in (folder / name).read_text(encoding="utf-8", errors="replace")
        for name in ("pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini")
    )
