"""Wiring the identity package into an existing FastAPI application.

The application is the module-level ``<name> = FastAPI(...)`` of the host's package (its usual
files first: main.py, app.py, app/main.py, src/<package>/main.py). One marked edit adds the
import of ``add_auth`` after the module's last top-level import and ``add_auth(<name>)`` right
after the application is created, so the auth's routes and middleware come first. The auth's
requirements the host does not list are added where it lists its own (python.py). A module of
another shape is left alone and the lines are printed.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from python import auth_requirements, dependency_edit, insert_lines, install_command, parses, uses_pytest

from integration import MARKER, Edit, marked
from project import Project

IMPORT = "from identity import add_auth"
USUAL_FILES = ("main.py", "app.py", "app/main.py", "app/app.py", "src/main.py", "api/main.py")
SKIPPED = {".venv", "venv", "env", "node_modules", "identity", "tests", "test", "migrations", "site-packages"}


def application(tree: ast.Module) -> ast.Assign | None:
    """The module-level assignment of a ``FastAPI(...)`` call to one name."""
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            continue
        called = node.value.func if isinstance(node.value, ast.Call) else None
        if isinstance(called, ast.Name) and called.id == "FastAPI":
            return node
        if isinstance(called, ast.Attribute) and called.attr == "FastAPI":
            return node
    return None


def _parsed(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None


def application_file(folder: Path) -> Path | None:
    """The file that creates the host's FastAPI application, its usual places first."""
    candidates = [folder / name for name in USUAL_FILES]
    candidates += sorted(
        path
        for path in folder.rglob("*.py")
        if not SKIPPED & set(path.relative_to(folder).parts[:-1]) and not path.name.startswith("test")
    )
    for path in candidates:
        if path.is_file() and (tree := _parsed(path)) is not None and application(tree) is not None:
            return path
    return None


def app_edit(file: Path) -> Edit:
    import_line = marked(IMPORT, file)

    def app_name(text: str) -> str | None:
        try:
            node = application(ast.parse(text))
        except SyntaxError:
            return None
        return node.targets[0].id if node is not None and isinstance(node.targets[0], ast.Name) else None

    def present(text: str) -> bool:
        name = app_name(text)
        return IMPORT in text and name is not None and f"add_auth({name})" in text

    def apply(text: str) -> str | None:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return None
        node = application(tree)
        if node is None or node.end_lineno is None or not isinstance(node.targets[0], ast.Name):
            return None
        call = marked(f"add_auth({node.targets[0].id})", file)
        imports = [
            each for each in tree.body if isinstance(each, ast.Import | ast.ImportFrom) and each.lineno < node.lineno
        ]
        after_imports = max((each.end_lineno or 0) for each in imports) if imports else 0
        edited = insert_lines(text, node.end_lineno, [call])
        return insert_lines(edited, after_imports, [import_line])

    return Edit(
        file=file,
        description="the auth's routes and middleware (add_auth) in the application",
        present=present,
        apply=apply,
        lines=f"{import_line}\n{marked('add_auth(app)', file)}",
        where=f"in {file.name}: the import after the last import, add_auth right after `app = FastAPI(...)`",
        verify=parses,
    )


def edits(project: Project, folder: Path) -> list[Edit]:
    """The marked edits that wire the identity package into the FastAPI application in ``folder``."""
    found = [app_edit(application_file(folder) or folder / "main.py")]
    if (dependencies := dependency_edit(project, folder, auth_requirements(project, "fastapi", "fastapi"))) is not None:
        found.append(dependencies)
    return found


def commands(project: Project, folder: Path) -> dict[str, str]:
    """The commands that fit this host for the after-copy message: its module, its test runner."""
    file = application_file(folder)
    module = ".".join(file.relative_to(folder).with_suffix("").parts) if file else "main"
    tree = _parsed(file) if file else None
    node = application(tree) if tree else None
    name = node.targets[0].id if node is not None and isinstance(node.targets[0], ast.Name) else "app"
    return {
        "install": install_command(project, folder),
        "migrate": "python -m identity.migrate",
        "serve (your application)": f"uvicorn {module}:{name}",
        "test (your test runner)": "python -m pytest" if uses_pytest(folder) else "python -m unittest",
    }


__all__ = ["MARKER", "commands", "edits"]
