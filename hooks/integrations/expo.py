"""Wires universal-auth/ and the app/(auth) route group into an existing expo-router app: the auth's
provider around the navigator of the root layout (app/_layout.tsx). The route group needs nothing
else: expo-router finds its screens, which add no URL segment, beside the app's own."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from javascript import (
    add_import,
    host_packages,
    imported_packages,
    indentation,
    insert_after,
    jsx_marked,
    jsx_marked_closing,
    module_path,
)

from integration import MARKER, Edit, marked
from project import Project

OWNED = "universal-auth"
LAYOUT = "app/_layout.tsx"
NAVIGATORS = ("Stack", "Slot", "Tabs", "Drawer")
# `<Stack ...>` but not `<Stack.Screen ...>`: the navigator, not one of its screens.
SELF_CLOSING = re.compile(rf"\s*<({'|'.join(NAVIGATORS)})(?=[\s/>])[^<>]*/>\s*")
OPENING = re.compile(rf"\s*<({'|'.join(NAVIGATORS)})(?=[\s>])[^<>]*(?<!/)>\s*")


def navigator_rows(lines: list[str]) -> tuple[int, int] | None:
    """The first and last line of the one navigator element the layout renders, or None when it is not
    one element on lines of its own."""
    single = [i for i, line in enumerate(lines) if SELF_CLOSING.fullmatch(line)]
    opening = [(i, match.group(1)) for i, line in enumerate(lines) if (match := OPENING.fullmatch(line))]
    if len(single) + len(opening) != 1:
        return None
    if single:
        return single[0], single[0]
    row, name = opening[0]
    closing = [i for i, line in enumerate(lines) if line.strip() == f"</{name}>" and i > row]
    return (row, closing[0]) if len(closing) == 1 else None


def wrap_navigator(text: str, layout: Path, owned: Path) -> str | None:
    """``<AuthProvider>`` around the root layout's navigator, and its import."""
    lines = text.splitlines()
    rows = navigator_rows(lines)
    if rows is None:
        return None
    first, last = rows
    pad = indentation(lines[first])
    wrapped = insert_after(text, last, [jsx_marked_closing(f"{pad}</AuthProvider>")])
    wrapped = insert_after(wrapped, first - 1, [jsx_marked(f"{pad}<AuthProvider>")])
    return add_import(wrapped, import_statement(layout, owned), layout)


def import_statement(layout: Path, owned: Path) -> str:
    return f"import {{ AuthProvider }} from '{module_path(layout, owned)}';"


def edits(project: Project, folder: Path) -> list[Edit]:
    layout = folder / LAYOUT
    owned = folder / OWNED
    return [
        Edit(
            file=layout,
            description="the auth provider around the app's navigator",
            present=lambda text: MARKER in text and "<AuthProvider>" in text,
            apply=lambda text: wrap_navigator(text, layout, owned),
            lines="\n".join(
                [
                    marked(import_statement(layout, owned), layout),
                    jsx_marked("<AuthProvider>"),
                    "  <Stack /> (the navigator the layout already returns)",
                    jsx_marked_closing("</AuthProvider>"),
                ]
            ),
            where=f"in {LAYOUT}: the import after the others, <AuthProvider> around the navigator it returns",
            verify=lambda text: text.count("<AuthProvider>") == text.count("</AuthProvider>") == 1,
        )
    ]


def commands(project: Project, folder: Path) -> dict[str, str]:
    """`npx expo install` of the Expo modules the auth imports and the app lacks: Expo picks the versions of
    the app's own SDK."""
    stack = project.stack("mobile")
    if stack is None:
        return {}
    imported = imported_packages([folder / owned for owned in stack.owned])
    has = host_packages(folder)
    wanted = [spec.rsplit("@", 1)[0] for spec in stack.dependencies_for(project.mode)]
    missing = [name for name in wanted if name in imported and name not in has]
    return {"add the Expo modules the auth uses": f"npx expo install {' '.join(missing)}"} if missing else {}
