"""Wiring the identity app into an existing Django project.

The settings module is the one manage.py names (DJANGO_SETTINGS_MODULE), the URL table the one
its ROOT_URLCONF names. Each place is a marked edit that only adds lines: "identity" (and
"rest_framework" when missing) at the end of INSTALLED_APPS, the auth's middleware right after
SecurityMiddleware, the auth's routes first in urlpatterns, and the requirements the host does
not list yet, as ranges. A file of another shape is left alone and the lines are printed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import manifests
from integration import MARKER, Edit, marked
from project import Project

MIDDLEWARE = "identity.middleware.AuthRoutesMiddleware"
SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
URLS_IMPORT = "from identity.urls import urlpatterns as auth_urlpatterns"
URLS_ENTRY = "*auth_urlpatterns,"
SETTINGS_MODULE = re.compile(r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']""")
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
PINNED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]+\])?==(?P<version>[\w.]+)$")


def parses(text: str) -> bool:
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


def settings_module(folder: Path) -> str | None:
    """The dotted settings module manage.py sets, e.g. ``config.settings``."""
    manage = folder / "manage.py"
    if not manage.is_file():
        return None
    found = SETTINGS_MODULE.search(manage.read_text(encoding="utf-8", errors="replace"))
    return found.group(1) if found else None


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


def quote_of(text: str) -> str:
    """The quote the host's INSTALLED_APPS entries are written with, so added entries read like its own."""
    node = list_node(text, "INSTALLED_APPS")
    lines = text.splitlines()
    if node is None or not node.elts:
        return '"'
    first = node.elts[0]
    return "'" if lines[first.lineno - 1][first.col_offset : first.col_offset + 1] == "'" else '"'


def settings_edits(settings_file: Path, text: str) -> list[Edit]:
    apps = list_items(text, "INSTALLED_APPS") or []
    wanted_apps = [app for app in ("rest_framework", "identity") if app not in apps] or ["identity"]
    quote = quote_of(text)
    app_lines = [f"{quote}{app}{quote}," for app in wanted_apps]
    middleware_line = f"{quote}{MIDDLEWARE}{quote},"
    return [
        Edit(
            file=settings_file,
            description="the identity app in INSTALLED_APPS",
            present=lambda text: "identity" in (list_items(text, "INSTALLED_APPS") or []),
            apply=append_to_list("INSTALLED_APPS", app_lines, settings_file),
            lines="\n".join(marked(f"    {line}", settings_file) for line in app_lines),
            where=f"at the end of INSTALLED_APPS in {settings_file.name}",
            verify=parses,
        ),
        Edit(
            file=settings_file,
            description="the auth's middleware (its own routes only) in MIDDLEWARE",
            present=lambda text: MIDDLEWARE in (list_items(text, "MIDDLEWARE") or []),
            apply=insert_after_item("MIDDLEWARE", SECURITY_MIDDLEWARE, middleware_line, settings_file),
            lines=marked(f"    {middleware_line}", settings_file),
            where=f"in MIDDLEWARE of {settings_file.name}, right after {SECURITY_MIDDLEWARE}",
            verify=parses,
        ),
    ]


def add_url_patterns(file: Path) -> Callable[[str], str | None]:
    def apply(text: str) -> str | None:
        node = list_node(text, "urlpatterns")
        if node is None or (indent := indent_of_items(text, node)) is None:
            return None
        with_entry = insert_lines(text, node.lineno, [marked(f"{indent}{URLS_ENTRY}", file)])
        return insert_lines(with_entry, node.lineno - 1, [marked(URLS_IMPORT, file), ""])

    return apply


def urls_edit(urls_file: Path) -> Edit:
    return Edit(
        file=urls_file,
        description="the auth's routes first in urlpatterns",
        present=lambda text: URLS_IMPORT in text and "auth_urlpatterns" in text.split(URLS_IMPORT, 1)[1],
        apply=add_url_patterns(urls_file),
        lines=f"{marked(URLS_IMPORT, urls_file)}\n    {marked(URLS_ENTRY, urls_file)}",
        where=f"the import above urlpatterns in {urls_file.name}, the entry first in urlpatterns",
        verify=parses,
    )


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


def missing_requirements(project: Project, listed: set[str]) -> list[str]:
    """The auth's requirements at the project's mode that the host does not list, as ranges.

    Django itself is never among them: the host's own Django is the one the auth runs on.
    """
    pinned = manifests.load_stacks()["django"].dependencies_for(project.mode)
    return [
        requirement_range(requirement) for requirement in pinned if package_name(requirement) not in {*listed, "django"}
    ]


def requirements_edit(project: Project, file: Path) -> Edit | None:
    text = file.read_text(encoding="utf-8")
    missing = missing_requirements(project, requirement_names(text.splitlines()))
    if not missing:
        return None
    lines = [marked(requirement, file) for requirement in missing]

    def apply(current: str) -> str | None:
        ending = "" if not current or current.endswith(("\n", "\r\n")) else newline_of(current)
        return current + ending + "".join(line + newline_of(current) for line in lines)

    return Edit(
        file=file,
        description=f"{', '.join(requirement.split('>')[0] for requirement in missing)} in {file.name}",
        present=lambda current: not missing_requirements(project, requirement_names(current.splitlines())),
        apply=apply,
        lines="\n".join(lines),
        where=f"at the end of {file.name}",
    )


def pyproject_edit(project: Project, file: Path) -> Edit | None:
    """Missing requirements in a pyproject's ``[project] dependencies = [...]`` list (one item a line)."""
    import tomllib

    text = file.read_text(encoding="utf-8")
    try:
        declared = tomllib.loads(text).get("project", {}).get("dependencies")
    except tomllib.TOMLDecodeError:
        return None
    if not isinstance(declared, list):
        return None
    missing = missing_requirements(project, requirement_names(declared))
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
        present=lambda current: not missing_requirements(project, requirement_names(listed(current))),
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


def dependency_edit(project: Project, folder: Path) -> Edit | None:
    requirements = folder / "requirements.txt"
    if requirements.is_file():
        return requirements_edit(project, requirements)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        return pyproject_edit(project, pyproject)
    needed = missing_requirements(project, set())
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


def edits(project: Project, folder: Path) -> list[Edit]:
    """The marked edits that wire the identity app into the Django project in ``folder``."""
    dotted = settings_module(folder) or "config.settings"
    settings_file = module_file(folder, dotted)
    text = settings_file.read_text(encoding="utf-8") if settings_file.is_file() else ""
    found = [*settings_edits(settings_file, text)]
    urlconf = string_setting(text, "ROOT_URLCONF") or f"{dotted.rsplit('.', 1)[0]}.urls"
    found.append(urls_edit(module_file(folder, urlconf)))
    if (dependencies := dependency_edit(project, folder)) is not None:
        found.append(dependencies)
    return found


def commands(project: Project, folder: Path) -> dict[str, str]:
    """The commands that fit this host for the after-copy message: its WSGI module, its test runner."""
    dotted = settings_module(folder) or "config.settings"
    settings_file = module_file(folder, dotted)
    text = settings_file.read_text(encoding="utf-8") if settings_file.is_file() else ""
    wsgi = string_setting(text, "WSGI_APPLICATION") or f"{dotted.rsplit('.', 1)[0]}.wsgi.application"
    module, _, attribute = wsgi.rpartition(".")
    uses_pytest = any(
        (folder / name).is_file() and "pytest" in (folder / name).read_text(encoding="utf-8", errors="replace")
        for name in ("pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini")
    )
    if (folder / "requirements.txt").is_file():
        install = "python -m pip install -r requirements.txt"
    elif (folder / "pyproject.toml").is_file():
        install = "python -m pip install -e ."
    elif pipfile_of(project, folder) is not None:
        install = "pipenv install (the packages above)"
    else:
        install = "python -m pip install (the packages above)"
    return {
        "install": install,
        "migrate": "python manage.py migrate",
        "serve (your WSGI module)": f"gunicorn {module}:{attribute}",
        "test (your test runner)": "python -m pytest" if uses_pytest else "python manage.py test",
    }


__all__ = ["MARKER", "commands", "edits"]
