"""Benchmark: the JavaScript a browser downloads to show the login page, gzipped, per web frontend.

Renders each built frontend at mode 4 with cookies (the most pages), installs it (node_modules
cached by lock hash, as the tests do), runs its production build and adds up the gzipped size of
every script the login route loads in a modern browser (not `nomodule` polyfills, not later
prefetches). The budget is 100 KB (Vue's 80 KB, Angular's 130 KB). For Next.js, Vue and Angular it
also measures an empty page of the same install, the framework's own floor. Not a test: it prints figures.

Run: python bench/frontend_size.py [FRONTEND ...]
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import copier
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "extensions"))

from manifests import load_stacks  # noqa: E402
from support.ports import free_port  # noqa: E402
from support.project import install  # noqa: E402

BUDGET_BYTES = 100 * 1024
FOLDER = "web"


def render(destination: Path, frontend: str) -> Path:
    """``frontend`` at mode 4 beside the first built backend: its login route's scripts do not depend on which."""
    backend = next(s.name for s in load_stacks().values() if s.kind == "backend" and s.built)
    answers = {
        "project_name": "bench",
        "backend": backend,
        "frontend": frontend,
        "mobile": "none",
        "mode": 4,
        "transport": "cookie",
        "database": "sqlite",
        "backend_dir": "backend",
        "frontend_dir": FOLDER,
    }
    copier.run_copy(str(ROOT), destination, data=answers, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
    return destination / FOLDER


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def run(command: list[str], folder: Path, env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def vite_entry_scripts(folder: Path, env: dict[str, str], *pages: str) -> list[Path]:
    """The entry chunk of a Vite build and the lazily loaded `pages`, each with the chunks it imports."""
    run(["vite", "build", "--manifest"], folder, env)
    manifest = json.loads((folder / "dist" / ".vite" / "manifest.json").read_text())
    found: dict[str, None] = {}

    def visit(key: str) -> None:
        chunk = manifest[key]
        if chunk["file"] in found:
            return
        found[chunk["file"]] = None
        for imported in chunk.get("imports", []):
            visit(imported)

    visit("index.html")
    for page in pages:
        visit(page)
    return [folder / "dist" / file for file in found if file.endswith(".js")]


def react_login_scripts(folder: Path, env: dict[str, str]) -> list[Path]:
    return vite_entry_scripts(folder, env, "src/universal-auth/pages/LoginPage.tsx")


def vue_login_scripts(folder: Path, env: dict[str, str]) -> list[Path]:
    return vite_entry_scripts(folder, env, "src/universal-auth/pages/LoginPage.vue")


EMPTY_VUE_APP = "import { createApp, h } from 'vue';\n\ncreateApp({ render: () => h('p', 'Empty') }).mount('#app');\n"


def vue_framework_scripts(folder: Path, env: dict[str, str]) -> list[Path]:
    """The floor: an app that only mounts Vue, built by the same install and configuration."""
    shutil.rmtree(folder / "dist")
    (folder / "src" / "main.ts").write_text(EMPTY_VUE_APP)
    return vite_entry_scripts(folder, env)


def served_scripts(html: str, folder: Path) -> list[Path]:
    """The scripts a modern browser runs for this HTML: every script tag with a source except
    `nomodule` ones (polyfills that only browsers without ES modules download)."""
    sources: dict[str, None] = {}
    for tag in re.findall(r"<script\b[^>]*>", html):
        source = re.search(r'src="/_next/([^"?]+\.js)', tag)
        if source and not re.search(r"\bnomodule\b", tag, re.IGNORECASE):
            sources[source.group(1)] = None
    return [folder / ".next" / source for source in sources]


def served_page(folder: Path, env: dict[str, str], path: str) -> str:
    """The HTML of `path` as `next start` serves it (pages render per request, for the CSP nonce,
    so there is no prerendered file to read)."""
    port = free_port()
    server = subprocess.Popen(
        ["next", "start", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                return httpx.get(f"http://127.0.0.1:{port}{path}", timeout=5).text
            except httpx.TransportError:
                time.sleep(0.3)
        raise SystemExit(f"next start did not answer {path} within 60 s")
    finally:
        server.terminate()
        server.wait(timeout=15)


EMPTY_LAYOUT = """import type { ReactNode } from 'react';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
"""
EMPTY_PAGE = "export default function Page() {\n  return <p>Empty</p>;\n}\n"


def nextjs_framework_scripts(folder: Path, env: dict[str, str]) -> list[Path]:
    """The floor under any page: an empty App Router page (a server component, no client code
    of its own) built by the same Next.js install and configuration, prerendered to a file."""
    shutil.rmtree(folder / ".next")
    shutil.move(folder / "app", folder / "app.generated")
    (folder / "app").mkdir()
    (folder / "app" / "layout.tsx").write_text(EMPTY_LAYOUT)
    (folder / "app" / "page.tsx").write_text(EMPTY_PAGE)
    run(["next", "build"], folder, env)
    html = (folder / ".next" / "server" / "app" / "index.html").read_text()
    return served_scripts(html, folder)


def nextjs_login_scripts(folder: Path, env: dict[str, str]) -> list[Path]:
    """Every script tag of the login page that a modern browser loads."""
    run(["next", "build"], folder, env)
    return served_scripts(served_page(folder, env, "/login"), folder)


def angular_entry_scripts(folder: Path, env: dict[str, str], *entries: str) -> list[Path]:
    """The scripts `ng build` loads for the entry point and the lazily loaded `entries` (source paths),
    each with the chunks it imports statically, read from esbuild's metafile (`--stats-json`)."""
    run(["ng", "build", "--stats-json"], folder, env)
    outputs = json.loads((folder / "dist" / "web" / "stats.json").read_text())["outputs"]
    found: dict[str, None] = {}

    def visit(name: str) -> None:
        if name in found:
            return
        found[name] = None
        for imported in outputs[name].get("imports", []):
            if imported["kind"] == "import-statement":
                visit(imported["path"])

    for name, output in outputs.items():
        if name.endswith(".js") and output.get("entryPoint") in ("src/main.ts", *entries):
            visit(name)
    return [folder / "dist" / "web" / "browser" / name for name in found]


def angular_login_scripts(folder: Path, env: dict[str, str]) -> list[Path]:
    pages = ("src/universal-auth/auth.routes.ts", "src/universal-auth/pages/login.page.ts")
    return angular_entry_scripts(folder, env, *pages)


EMPTY_ANGULAR_APP = """import { Component } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';

@Component({ selector: 'app-root', template: '<p>Empty</p>' })
class Empty {}

bootstrapApplication(Empty).catch((error: unknown) => console.error(error));
"""


def angular_framework_scripts(folder: Path, env: dict[str, str]) -> list[Path]:
    """The floor: an app that only bootstraps one Angular component, built by the same install and configuration."""
    shutil.rmtree(folder / "dist")
    (folder / "src" / "main.ts").write_text(EMPTY_ANGULAR_APP)
    return angular_entry_scripts(folder, env)


MEASURES = {
    "react": react_login_scripts,
    "nextjs": nextjs_login_scripts,
    "vue": vue_login_scripts,
    "angular": angular_login_scripts,
}
# What the framework alone loads, to tell its share of the budget from the app's.
FLOORS = {"nextjs": nextjs_framework_scripts, "vue": vue_framework_scripts, "angular": angular_framework_scripts}
# A budget of its own where the stack's issue sets one.
BUDGETS = {"vue": 80 * 1024, "angular": 130 * 1024}


def report(title: str, scripts: list[Path], folder: Path) -> int:
    print(title)
    total = 0
    for script in sorted(scripts):
        size = gzipped(script)
        total += size
        print(f"  {size / 1024:7.1f} KB  {script.relative_to(folder)}")
    return total


def measure(frontend: str) -> None:
    stack = load_stacks()[frontend]
    with tempfile.TemporaryDirectory(prefix=f"ua-size-{frontend}-") as temporary:
        folder = render(Path(temporary), frontend)
        env = install(stack, folder).env()
        title = f"{frontend}: login route JavaScript, gzipped (level 9)"
        total = report(title, MEASURES[frontend](folder, env), folder)
        budget = BUDGETS.get(frontend, BUDGET_BYTES)
        verdict = "within" if total <= budget else "OVER"
        print(f"  {total / 1024:7.1f} KB  total, {verdict} the {budget // 1024} KB budget")
        if frontend in FLOORS:
            title = f"{frontend}: an empty page of the same framework install (its floor)"
            floor = report(title, FLOORS[frontend](folder, env), folder)
            print(f"  {floor / 1024:7.1f} KB  total; the app adds {(total - floor) / 1024:.1f} KB")
        print()


def main(argv: list[str]) -> int:
    built = [name for name in MEASURES if load_stacks()[name].built]
    for frontend in argv or built:
        measure(frontend)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
