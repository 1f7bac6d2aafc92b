"""Wires src/universal-auth into an existing Vite Vue app: pinia before the router in the entry file, the
auth's pages and navigation guard on the app's router, and the dev and preview servers' proxy of the API
paths to the backend (vite_proxy.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from javascript import add_import, first_existing, indentation, insert_after, install_commands, module_path
from vite_proxy import proxy_edit

from integration import MARKER, Edit, marked
from project import Project

OWNED = "src/universal-auth"
ENTRIES = ("src/main.ts", "src/main.js")
ROUTERS = ("src/router/index.ts", "src/router/index.js", "src/router.ts", "src/router.js")
ROUTES_ARRAY = re.compile(r"\s*(routes\s*:|(export\s+)?const\s+routes(\s*:\s*[\w<>\[\]]+)?\s*=)\s*\[\s*")
USE_ROUTER = re.compile(r"\s*app\.use\(router\);?\s*")


def add_pinia(text: str, entry: Path) -> str | None:
    """``app.use(createPinia())`` just before the app's ``app.use(router)`` (the auth's guard reads its
    store from the first navigation on), and its import."""
    lines = text.splitlines()
    rows = [i for i, line in enumerate(lines) if USE_ROUTER.fullmatch(line)]
    if len(rows) != 1:
        return None
    row = rows[0]
    semicolon = ";" if lines[row].rstrip().endswith(";") else ""
    used = insert_after(text, row - 1, [marked(f"{indentation(lines[row])}app.use(createPinia()){semicolon}", entry)])
    return add_import(used, "import { createPinia } from 'pinia';", entry)


def wire_router(text: str, router_file: Path, owned: Path) -> str | None:
    """The auth's routes first in the app's routes array, its guard on the router before
    ``export default router``, and their import."""
    lines = text.splitlines()
    arrays = [i for i, line in enumerate(lines) if ROUTES_ARRAY.fullmatch(line)]
    exports = [i for i, line in enumerate(lines) if re.fullmatch(r"export default router;?\s*", line)]
    if len(arrays) != 1 or len(exports) != 1 or arrays[0] > exports[0]:
        return None
    semicolon = ";" if lines[exports[0]].rstrip().endswith(";") else ""
    pad = indentation(lines[arrays[0] + 1]) if arrays[0] + 1 < len(lines) else "  "
    guarded = insert_after(text, exports[0] - 1, [marked(f"installAuthGuard(router){semicolon}", router_file), ""])
    routed = insert_after(guarded, arrays[0], [marked(f"{pad}...authRoutes(),", router_file)])
    statement = f"import {{ authRoutes, installAuthGuard }} from '{module_path(router_file, owned)}';"
    return add_import(routed, statement, router_file)


def edits(project: Project, folder: Path) -> list[Edit]:
    owned = folder / OWNED
    entry = first_existing(folder, ENTRIES)
    router_file = first_existing(folder, ROUTERS)
    router_import = f"import {{ authRoutes, installAuthGuard }} from '{module_path(router_file, owned)}';"
    return [
        Edit(
            file=entry,
            description="pinia, the auth's store, installed before the router",
            present=lambda text: "createPinia()" in text,
            apply=lambda text: add_pinia(text, entry),
            lines="\n".join(
                [marked("import { createPinia } from 'pinia';", entry), marked("app.use(createPinia());", entry)]
            ),
            where=f"in {entry.name}: the import after the others, and app.use(createPinia()) before app.use(router)",
        ),
        Edit(
            file=router_file,
            description="the auth's pages and navigation guard on the app's router",
            present=lambda text: MARKER in text and "authRoutes()" in text and "installAuthGuard(router)" in text,
            apply=lambda text: wire_router(text, router_file, owned),
            lines="\n".join(
                [
                    marked(router_import, router_file),
                    marked("  ...authRoutes(),", router_file),
                    marked("installAuthGuard(router);", router_file),
                ]
            ),
            where=f"in {router_file.relative_to(folder).as_posix()}: the import after the others, ...authRoutes() first"
            " in the routes array, and installAuthGuard(router) once the router is created",
        ),
        proxy_edit(project, folder),
    ]


def commands(project: Project, folder: Path) -> dict[str, str]:
    """The host's package manager adding what the pages import and the host lacks (pinia, the auth's store,
    and the passkey library from mode 2)."""
    stack = project.stack("frontend")
    return install_commands(stack, folder, project.mode) if stack is not None else {}
