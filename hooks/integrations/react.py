"""Wires src/universal-auth into an existing Vite React app: the provider around the app, the auth's
routes among the app's own, and the dev and preview servers' proxy of the API paths to the backend
(vite_proxy.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from javascript import (
    add_import,
    first_existing,
    indentation,
    insert_after,
    jsx_marked,
    jsx_marked_closing,
    module_path,
)
from vite_proxy import proxy_edit

from integration import MARKER, Edit, marked
from project import Project

OWNED = "src/universal-auth"
ENTRIES = ("src/main.tsx", "src/main.jsx", "src/index.tsx", "src/index.jsx")
ROUTE_FILES = ("src/App.tsx", "src/App.jsx", "src/routes.tsx", "src/router.tsx")


def wrap_app(text: str, entry: Path, owned: Path) -> str | None:
    """``<AuthProvider>`` around the one ``<App />`` of the entry file, and its import."""
    lines = text.splitlines()
    rows = [i for i, line in enumerate(lines) if re.fullmatch(r"\s*<App\s*/>\s*", line)]
    if len(rows) != 1:
        return None
    row = rows[0]
    pad = indentation(lines[row])
    wrapped = insert_after(text, row, [jsx_marked_closing(f"{pad}</AuthProvider>")])
    wrapped = insert_after(wrapped, row - 1, [jsx_marked(f"{pad}<AuthProvider>")])
    return add_import(wrapped, f"import {{ AuthProvider }} from '{module_path(entry, owned)}';", entry)


def add_routes(text: str, routes_file: Path, owned: Path) -> str | None:
    """``{authRoutes()}`` as the first child of the app's layout route (so its navigation frames
    the auth pages too), or of ``<Routes>`` when it has no layout route, and its import."""
    lines = text.splitlines()
    opening = [i for i, line in enumerate(lines) if re.fullmatch(r"\s*<Routes>\s*", line)]
    if len(opening) != 1:
        return None
    row = opening[0]
    following = lines[row + 1] if row + 1 < len(lines) else ""
    layout = re.fullmatch(r"\s*<Route\s+element=\{<\w+\s*/>\}>\s*", following)
    anchor = row + 1 if layout else row
    pad = indentation(lines[anchor]) + "  "
    routed = insert_after(text, anchor, [jsx_marked(f"{pad}{{authRoutes()}}")])
    return add_import(routed, f"import {{ authRoutes }} from '{module_path(routes_file, owned)}';", routes_file)


def balanced(opening: str, closing: str):
    return lambda text: text.count(opening) == text.count(closing)


def edits(project: Project, folder: Path) -> list[Edit]:
    owned = folder / OWNED
    entry = first_existing(folder, ENTRIES)
    routes_file = first_existing(folder, ROUTE_FILES)
    provider_import = f"import {{ AuthProvider }} from '{module_path(entry, owned)}';"
    routes_import = f"import {{ authRoutes }} from '{module_path(routes_file, owned)}';"
    return [
        Edit(
            file=entry,
            description="the auth provider around the app",
            present=lambda text: MARKER in text and "<AuthProvider>" in text,
            apply=lambda text: wrap_app(text, entry, owned),
            lines="\n".join(
                [
                    marked(provider_import, entry),
                    jsx_marked("<AuthProvider>"),
                    "  <App />",
                    jsx_marked_closing("</AuthProvider>"),
                ]
            ),
            where=f"in {entry.name}: the import after the others, and <AuthProvider> around <App />",
            verify=balanced("<AuthProvider>", "</AuthProvider>"),
        ),
        Edit(
            file=routes_file,
            description="the auth's pages among the app's routes",
            present=lambda text: MARKER in text and "authRoutes()" in text,
            apply=lambda text: add_routes(text, routes_file, owned),
            lines=f"{marked(routes_import, routes_file)}\n{jsx_marked('{authRoutes()}')}",
            where=f"in {routes_file.name}: the import after the others, and {{authRoutes()}} inside <Routes>"
            " (inside the layout route whose navigation should frame the auth pages)",
        ),
        proxy_edit(project, folder),
    ]
