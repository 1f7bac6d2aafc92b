"""Every Express route module of the auth takes the async-safe Router of auth/src/http/router.ts: a
route on Express's own Router leaves a rejected handler unhandled in an Express 4 host, and Node
then ends the host's process (seen with the passkey routes in the Express 4 retrofit fixture)."""

from __future__ import annotations

import re
from pathlib import Path

ROUTES = Path(__file__).resolve().parents[2] / "template" / "{{ express_dir }}" / "auth" / "src" / "routes"
EXPRESS_ROUTER = re.compile(r"import\s*\{[^}]*\bRouter\b[^}]*\}\s*from\s*\"express\"")


def test_no_route_module_builds_on_expresss_own_router():
    modules = sorted(ROUTES.iterdir())
    assert len(modules) >= 10
    offenders = [path.name for path in modules if EXPRESS_ROUTER.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
