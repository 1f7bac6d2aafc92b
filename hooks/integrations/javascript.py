"""Line edits of JavaScript and TypeScript sources shared by the web frontends' integration modules."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import manifests
from integration import MARKER, marked, package_manager

IMPORT_END = re.compile(r"""^(import\s.*from\s+['"][^'"]+['"]|import\s+['"][^'"]+['"]);?\s*$""")
# The package of every import or re-export (`from 'x'`, `import 'x'`, `import('x')`) that is not relative.
PACKAGE_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"./][^'"]*)['"]""")
SOURCES = ("*.ts", "*.tsx", "*.js", "*.jsx", "*.mts")
ADD = {"npm": "npm install", "pnpm": "pnpm add", "yarn": "yarn add", "bun": "bun add"}


def first_existing(folder: Path, candidates: tuple[str, ...]) -> Path:
    """The first of ``candidates`` (relative to ``folder``) that exists, else the first one (to be printed)."""
    return next((folder / name for name in candidates if (folder / name).is_file()), folder / candidates[0])


def module_path(source: Path, target: Path) -> str:
    """The relative import specifier of the folder or module ``target`` from the file ``source``."""
    relative = Path(os.path.relpath(target, source.parent)).as_posix()
    return relative if relative.startswith(".") else f"./{relative}"


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def jsx_marked(line: str) -> str:
    """A JSX child line with the marker as a JSX comment, touching it: a ``//`` there, or a space before
    the comment, would render as text."""
    return f"{line}{{/* {MARKER} */}}"


def jsx_marked_closing(line: str) -> str:
    """A closing tag with the marker just inside it: after the tag, a comment would end the JSX
    expression when the element is its root (``render(<Provider>...</Provider>)``)."""
    tag = line.lstrip()
    return f"{indentation(line)}{{/* {MARKER} */}}{tag}"


def in_house_style(statement: str, like: str) -> str:
    """``statement`` (written with single quotes and a semicolon) in the quotes and semicolons of the
    import line ``like``, so an added import reads like the file's own."""
    if '"' in like and "'" not in like:
        statement = statement.replace("'", '"')
    if not like.rstrip().endswith(";"):
        statement = statement.removesuffix(";")
    return statement


def add_import(text: str, statement: str, file: Path) -> str | None:
    """``text`` with ``statement`` (marked) after its last single-line import, or None without one."""
    lines = text.splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if IMPORT_END.match(line.rstrip("\r\n"))), default=None)
    if last is None:
        return None
    newline = newline_of(text)
    statement = in_house_style(statement, lines[last])
    return "".join([*lines[: last + 1], marked(statement, file) + newline, *lines[last + 1 :]])


def insert_after(text: str, index: int, added: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    newline = newline_of(text)
    return "".join([*lines[: index + 1], *(line + newline for line in added), *lines[index + 1 :]])


def indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def package_of(specifier: str) -> str:
    """``@scope/name/sub`` -> ``@scope/name``; ``name/sub`` -> ``name``."""
    parts = specifier.split("/")
    return "/".join(parts[:2]) if specifier.startswith("@") else parts[0]


def imported_packages(folders: list[Path]) -> set[str]:
    """The packages the sources under ``folders`` import."""
    found: set[str] = set()
    for folder in folders:
        for pattern in SOURCES:
            for path in folder.rglob(pattern):
                text = path.read_text(encoding="utf-8", errors="replace")
                found |= {package_of(specifier) for specifier in PACKAGE_IMPORT.findall(text)}
    return found


def host_packages(folder: Path) -> set[str]:
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {*package.get("dependencies", {}), *package.get("devDependencies", {})}


def missing_packages(stack: manifests.Stack, folder: Path, mode: int) -> list[str]:
    """The manifest's packages (as ``^`` ranges) that the auth's written files import and the host does not
    list: a package the host has stays as the host has it."""
    imported = imported_packages([folder / owned for owned in stack.owned])
    has = host_packages(folder)
    wanted = (spec.rsplit("@", 1) for spec in stack.dependencies_for(mode))
    return [f"{name}@^{version}" for name, version in wanted if name in imported and name not in has]


def install_commands(stack: manifests.Stack, folder: Path, mode: int) -> dict[str, str]:
    """The host's own package manager adding what the auth's pages import and the host lacks (nothing when it
    has them all)."""
    missing = missing_packages(stack, folder, mode)
    if not missing:
        return {}
    add = ADD.get(package_manager(folder), ADD["npm"])
    return {"add the packages the auth's pages import": f"{add} {' '.join(missing)}"}
