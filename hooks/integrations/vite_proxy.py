"""The dev and preview servers' proxy of the auth API paths to the backend, in an existing Vite app's config:
the edit every Vite single-page frontend (React, Vue) makes."""

from __future__ import annotations

import re
from pathlib import Path

from javascript import first_existing, insert_after

from integration import MARKER, Edit, marked
from project import Project

VITE_CONFIGS = ("vite.config.ts", "vite.config.mts", "vite.config.js", "vite.config.mjs")
API_PATHS = r"^/(auth|admin|records|health)(/|$|\\?)"


def proxy_lines(backend_port: int) -> list[str]:
    return [
        "// The auth's API paths go to its backend, so the auth cookies stay first-party.",
        "const authApiProxy = {",
        f"  '{API_PATHS}': {{",
        f"    target: process.env.API_URL ?? 'http://127.0.0.1:{backend_port}',",
        "    changeOrigin: false,",
        "  },",
        "};",
    ]


def add_proxy(text: str, config: Path, backend_port: int) -> str | None:
    """The dev and preview servers' proxy of the API paths, when the config sets neither server yet."""
    lines = text.splitlines()
    if re.search(r"^\s*(server|preview)\s*:", text, re.MULTILINE):
        return None
    starts = [i for i, line in enumerate(lines) if re.fullmatch(r"export default defineConfig\(\{\s*", line)]
    if len(starts) != 1:
        return None
    start = starts[0]
    added = insert_after(
        text,
        start,
        [marked("  server: { proxy: authApiProxy },", config), marked("  preview: { proxy: authApiProxy },", config)],
    )
    return insert_after(added, start - 1, [*(marked(line, config) for line in proxy_lines(backend_port)), ""])


def balanced(opening: str, closing: str):
    return lambda text: text.count(opening) == text.count(closing)


def proxy_edit(project: Project, folder: Path) -> Edit:
    config = first_existing(folder, VITE_CONFIGS)
    backend = project.stack("backend")
    port = backend.port if backend is not None and backend.port else 8000
    return Edit(
        file=config,
        description="the dev and preview servers' proxy of the auth API to the backend",
        present=lambda text: MARKER in text and "authApiProxy" in text,
        apply=lambda text: add_proxy(text, config, port),
        lines="\n".join(
            [
                *(marked(line, config) for line in proxy_lines(port)),
                marked("  server: { proxy: authApiProxy },", config),
                marked("  preview: { proxy: authApiProxy },", config),
            ]
        ),
        where=f"in {config.name}: the constant before `export default defineConfig({{`, the two keys inside it",
        verify=balanced("{", "}"),
    )
