"""Benchmark: the JavaScript a browser downloads to show the login page, gzipped, per web frontend.

Renders each built frontend at mode 4 with cookies (the most pages), installs it (node_modules
cached by lock hash, as the tests do), runs its production build and adds up the gzipped size of
every script the login route loads. The budget is 100 KB. Not a test: it prints figures.

Run: python bench/frontend_size.py [FRONTEND ...]
"""

from __future__ import annotations

import gzip
import json
import re
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
    answers = {
        "project_name": "bench",
        "backend": "django",
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


def react_login_scripts(folder: Path, env: dict[str, str]) -> list[Path]:
    """The entry chunk and the lazily loaded login page, each with the chunks it imports."""
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
    visit("src/pages/LoginPage.tsx")
    return [folder / "dist" / file for file in found if file.endswith(".js")]


def nextjs_login_scripts(folder: Path, env: dict[str, str]) -> list[Path]:
    """Every script tag of the login page as `next start` serves it (pages render per request,
    for the CSP nonce, so there is no prerendered file to read)."""
    run(["next", "build"], folder, env)
    port = free_port()
    server = subprocess.Popen(
        ["next", "start", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        html = ""
        deadline = time.monotonic() + 60
        while not html and time.monotonic() < deadline:
            try:
                html = httpx.get(f"http://127.0.0.1:{port}/login", timeout=5).text
            except httpx.TransportError:
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=15)
    sources = dict.fromkeys(re.findall(r'<script[^>]+src="/_next/([^"?]+\.js)', html))
    return [folder / ".next" / source for source in sources]


MEASURES = {"react": react_login_scripts, "nextjs": nextjs_login_scripts}


def measure(frontend: str) -> int:
    stack = load_stacks()[frontend]
    with tempfile.TemporaryDirectory(prefix=f"ua-size-{frontend}-") as temporary:
        folder = render(Path(temporary), frontend)
        env = install(stack, folder).env()
        scripts = MEASURES[frontend](folder, env)
        total = 0
        for script in sorted(scripts):
            size = gzipped(script)
            total += size
            print(f"  {size / 1024:7.1f} KB  {script.relative_to(folder)}")
        return total


def main(argv: list[str]) -> int:
    built = [name for name in MEASURES if load_stacks()[name].built]
    for frontend in argv or built:
        print(f"{frontend}: login route JavaScript, gzipped (level 9)")
        total = measure(frontend)
        verdict = "within" if total <= BUDGET_BYTES else "OVER"
        print(f"  {total / 1024:7.1f} KB  total, {verdict} the {BUDGET_BYTES // 1024} KB budget\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
