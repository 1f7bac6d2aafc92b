"""Wires universal-auth/ and app/account/ into an existing Next.js app: its own middleware.ts (or
Next.js 16's proxy.ts) calls the auth's proxy first, which forwards the API paths to the backend
and gives the auth pages their nonce CSP; every other request goes on through the host's code with
the host's own headers. The pages need nothing else: the root layout stays the host's."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from javascript import add_import, insert_after, install_commands, module_path

from integration import MARKER, Edit, marked
from project import Project

OWNED_PROXY = "universal-auth/proxy"
HOST_FILES = ("middleware.ts", "proxy.ts", "src/middleware.ts", "src/proxy.ts", "middleware.js", "proxy.js")
HANDLER = re.compile(
    r"^export\s+(?:default\s+)?(?:async\s+)?function\s+(?:middleware|proxy)\s*\(\s*(\w+)[^)]*\)[^{]*\{\s*$"
)
# The host's matcher must let the auth's API paths and pages through: only the catch-all does.
CATCH_ALL = "/((?!"


def next_major(folder: Path) -> int:
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        version = package.get("dependencies", {}).get("next", "")
        return int(re.search(r"\d+", version).group())  # type: ignore[union-attr]
    except (OSError, ValueError, AttributeError):
        return 16


def call_lines(request: str, file: Path) -> list[str]:
    return [
        marked(f"  const auth = authProxy({request});", file),
        marked("  if (auth) return auth;", file),
    ]


def call_auth_proxy(text: str, file: Path, owned_proxy: Path) -> str | None:
    """The call of the auth's proxy as the first statement of the host's middleware (or proxy) function,
    and its import; None when that function or a matcher that lets every path through is not found."""
    if "matcher" in text and CATCH_ALL not in text:
        return None
    lines = text.splitlines()
    handlers = [(i, match.group(1)) for i, line in enumerate(lines) if (match := HANDLER.match(line))]
    if len(handlers) != 1:
        return None
    row, request = handlers[0]
    called = insert_after(text, row, call_lines(request, file))
    return add_import(called, f"import {{ authProxy }} from '{module_path(file, owned_proxy)}';", file)


def new_file_lines(file: Path, function: str) -> str:
    return "\n".join(
        [
            "import type { NextRequest } from 'next/server';",
            f"import {{ authProxy }} from '{module_path(file, file.parent / OWNED_PROXY)}';",
            "",
            f"export function {function}(request: NextRequest) {{",
            "  return authProxy(request);",
            "}",
            "",
            "export const config = {",
            "  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],",
            "};",
        ]
    )


def edits(project: Project, folder: Path) -> list[Edit]:
    owned_proxy = folder / OWNED_PROXY
    existing = next((folder / name for name in HOST_FILES if (folder / name).is_file()), None)
    if existing is None:
        function = "proxy" if next_major(folder) >= 16 else "middleware"
        file = folder / f"{function}.ts"
        return [
            Edit(
                file=file,
                description="the auth's proxy (API paths to the backend, the auth pages' CSP)",
                present=lambda text: "authProxy(" in text,
                apply=lambda text: None,
                lines=new_file_lines(file, function),
                where=f"as a new file {file.name} beside app/ (the app has no middleware yet)",
            )
        ]
    file = existing
    statement = f"import {{ authProxy }} from '{module_path(file, owned_proxy)}';"
    return [
        Edit(
            file=file,
            description="the auth's proxy called first by the app's own (API paths, the auth pages' CSP)",
            present=lambda text: MARKER in text and "authProxy(" in text,
            apply=lambda text: call_auth_proxy(text, file, owned_proxy),
            lines="\n".join([marked(statement, file), *call_lines("request", file)]),
            where=f"in {file.name}: the import after the others, the two lines first in its exported function;"
            " its config.matcher must let /auth, /admin, /records, /health and the auth pages through",
        )
    ]


def commands(project: Project, folder: Path) -> dict[str, str]:
    """The host's package manager adding what the pages import and the host lacks (the passkey library from
    mode 2)."""
    stack = project.stack("frontend")
    return install_commands(stack, folder, project.mode) if stack is not None else {}
