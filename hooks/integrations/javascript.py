"""Line edits of JavaScript and TypeScript sources shared by the web frontends' integration modules."""

from __future__ import annotations

import os
import re
from pathlib import Path

from integration import MARKER, marked

IMPORT_END = re.compile(r"""^(import\s.*from\s+['"][^'"]+['"]|import\s+['"][^'"]+['"]);?\s*$""")


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
