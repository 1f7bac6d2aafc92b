"""Wires src/universal-auth into an existing Vite React app: the provider around the app, the auth's
routes among the app's own (or, in an app without a router, the auth's router around the app, which
serves the auth's pages and leaves every other path to the app), and the dev and preview servers'
proxy of the API paths to the backend (vite_proxy.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from javascript import (
    add_import,
    first_existing,
    host_packages,
    indentation,
    insert_after,
    install_commands,
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
ROUTER_PACKAGES = {"react-router", "react-router-dom"}


def has_router(folder: Path) -> bool:
    return bool(host_packages(folder) & ROUTER_PACKAGES)


def wrap_app(text: str, entry: Path, owned: Path, wrappers: tuple[str, ...]) -> str | None:
    """``wrappers`` (outermost first) around the one ``<App />`` of the entry file, and their import."""
    lines = text.splitlines()
    rows = [i for i, line in enumerate(lines) if re.fullmatch(r"\s*<App\s*/>\s*", line)]
    if len(rows) != 1:
        return None
    row = rows[0]
    pad = indentation(lines[row])
    closing = [jsx_marked_closing(f"{pad}</{name}>") for name in reversed(wrappers)]
    wrapped = insert_after(text, row, closing)
    wrapped = insert_after(wrapped, row - 1, [jsx_marked(f"{pad}<{name}>") for name in wrappers])
    return add_import(wrapped, import_of(wrappers, entry, owned), entry)


def import_of(names: tuple[str, ...], file: Path, owned: Path) -> str:
    return f"import {{ {', '.join(names)} }} from '{module_path(file, owned)}';"


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
    return add_import(routed, import_of(("authRoutes",), routes_file, owned), routes_file)


def balanced(opening: str, closing: str):
    return lambda text: text.count(opening) == text.count(closing)


def edits(project: Project, folder: Path) -> list[Edit]:
    owned = folder / OWNED
    entry = first_existing(folder, ENTRIES)
    routes_file = first_existing(folder, ROUTE_FILES)
    routed = has_router(folder)
    wrappers = ("AuthProvider",) if routed else ("AuthProvider", "AuthRouter")
    routes_import = import_of(("authRoutes",), routes_file, owned)
    found = [
        Edit(
            file=entry,
            description="the auth provider around the app" if routed else "the auth provider and router around the app",
            present=lambda text: MARKER in text and all(f"<{name}>" in text for name in wrappers),
            apply=lambda text: wrap_app(text, entry, owned, wrappers),
            lines="\n".join(
                [
                    marked(import_of(wrappers, entry, owned), entry),
                    *(jsx_marked(f"<{name}>") for name in wrappers),
                    "  <App />",
                    *(jsx_marked_closing(f"</{name}>") for name in reversed(wrappers)),
                ]
            ),
            where=f"in {entry.name}: the import after the others, and {''.join(f'<{name}>' for name in wrappers)}"
            " around <App />",
            verify=lambda text: all(balanced(f"<{name}>", f"</{name}>")(text) for name in wrappers),
        )
    ]
    if routed:
        found.append(
            Edit(
                file=routes_file,
                description="the auth's pages among the app's routes",
                present=lambda text: MARKER in text and "authRoutes()" in text,
                apply=lambda text: add_routes(text, routes_file, owned),
                lines=f"{marked(routes_import, routes_file)}\n{jsx_marked('{authRoutes()}')}",
                where=f"in {routes_file.name}: the import after the others, and {{authRoutes()}} inside <Routes>"
                " (inside the layout route whose navigation should frame the auth pages)",
            )
        )
    return [*found, proxy_edit(project, folder)]


def commands(project: Project, folder: Path) -> dict[str, str]:
    """The host's package manager adding what the pages import and the host lacks (its router, when it has
    none, and the passkey library from mode 2)."""
    stack = project.stack("frontend")
    return install_commands(stack, folder, project.mode) if stack is not None else {}
