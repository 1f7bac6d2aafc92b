"""Wires src/universal-auth into an existing Angular app: `provideUniversalAuth()` among the application's
providers and `authRoute` (the auth's pages, loaded with `loadChildren`) first among its routes, one line
each. The dev server's proxy of the API paths lives in angular.json, which has no comments to mark an
edit with: its lines are printed."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from javascript import add_import, first_existing, indentation, insert_after, install_commands, module_path

from integration import MARKER, Edit, marked
from project import Project

OWNED = "src/universal-auth"
CONFIGS = ("src/app/app.config.ts", "src/app.config.ts")
ROUTES = ("src/app/app.routes.ts", "src/app.routes.ts")
PROVIDERS = re.compile(r"\s*providers\s*:\s*\[\s*")
ROUTES_ARRAY = re.compile(r"\s*export\s+const\s+routes\s*(:\s*Routes\s*)?=\s*\[\s*")
API_PATHS = r"^/(auth|admin|records|health)(/|$|\\?)"


def first_in(array: re.Pattern[str], text: str, file: Path, owned: Path, item: str) -> str | None:
    """``item`` as the first element of the one array ``array`` opens, and its import from the auth."""
    lines = text.splitlines()
    rows = [i for i, line in enumerate(lines) if array.fullmatch(line)]
    if len(rows) != 1:
        return None
    row = rows[0]
    following = lines[row + 1] if row + 1 < len(lines) else ""
    pad = indentation(following) if following.strip() else indentation(lines[row]) + "  "
    added = insert_after(text, row, [marked(f"{pad}{item},", file)])
    name = item.removesuffix("()")
    return add_import(added, f"import {{ {name} }} from '{module_path(file, owned)}';", file)


def proxy_lines(port: int) -> list[str]:
    return [
        "proxy.conf.mjs:",
        f"  export default {{ '{API_PATHS}': {{ target: process.env.API_URL ?? 'http://127.0.0.1:{port}',"
        " changeOrigin: false } };",
        'angular.json, projects.<app>.architect.serve.options: "proxyConfig": "proxy.conf.mjs"',
    ]


def edits(project: Project, folder: Path) -> list[Edit]:
    owned = folder / OWNED
    config = first_existing(folder, CONFIGS)
    routes = first_existing(folder, ROUTES)
    backend = project.stack("backend")
    port = backend.port if backend is not None and backend.port else 8000
    return [
        Edit(
            file=config,
            description="the auth's providers among the application's",
            present=lambda text: MARKER in text and "provideUniversalAuth()" in text,
            apply=lambda text: first_in(PROVIDERS, text, config, owned, "provideUniversalAuth()"),
            lines="\n".join(
                [
                    marked(f"import {{ provideUniversalAuth }} from '{module_path(config, owned)}';", config),
                    marked("    provideUniversalAuth(),", config),
                ]
            ),
            where=f"in {config.relative_to(folder).as_posix()}: the import after the others, the call first in"
            " `providers: [`",
        ),
        Edit(
            file=routes,
            description="the auth's pages, loaded on first visit, first among the app's routes",
            present=lambda text: MARKER in text and "authRoute," in text,
            apply=lambda text: first_in(ROUTES_ARRAY, text, routes, owned, "authRoute"),
            lines="\n".join(
                [
                    marked(f"import {{ authRoute }} from '{module_path(routes, owned)}';", routes),
                    marked("  authRoute,", routes),
                ]
            ),
            where=f"in {routes.relative_to(folder).as_posix()}: the import after the others, authRoute first in"
            " the routes array (before a `**` route)",
        ),
        Edit(
            file=folder / "angular.json",
            description="the dev server's proxy of the auth API to the backend",
            present=lambda text: "proxyConfig" in text,
            apply=lambda text: None,
            lines="\n".join(proxy_lines(port)),
            where="a proxy file beside angular.json, named in the serve target's options",
        ),
    ]


def commands(project: Project, folder: Path) -> dict[str, str]:
    """The host's package manager adding what the pages import and the host lacks (the passkey library from
    mode 2, @angular/forms where the app has no forms yet)."""
    stack = project.stack("frontend")
    return install_commands(stack, folder, project.mode) if stack is not None else {}
