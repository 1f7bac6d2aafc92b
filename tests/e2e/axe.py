"""axe-core from npm (tests/e2e/axe/package-lock.json), installed once into the shared cache and
evaluated in the page under test: the browser loads nothing from outside the app."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

from support.project import CACHE, _locked

PACKAGE = Path(__file__).parent / "axe"


@cache
def axe_source() -> str:
    lock = PACKAGE / "package-lock.json"
    target = CACHE / "axe" / hashlib.sha256(lock.read_bytes()).hexdigest()[:16]
    with _locked(target.with_suffix(".lock")):
        if not (target / ".complete").exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for name in ("package.json", "package-lock.json"):
                shutil.copy(PACKAGE / name, target / name)
            subprocess.run(
                ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                cwd=target,
                check=True,
                capture_output=True,
            )
            (target / ".complete").touch()
    return (target / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def violations(page: Page) -> list[str]:
    """axe's violations on the page as it is now, one line per rule with the nodes it found."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())  # the context bypasses the app's CSP for it
    found = page.evaluate("async () => (await window.axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: " + json.dumps([node["target"] for node in v["nodes"]][:5])
        for v in found
    ]
