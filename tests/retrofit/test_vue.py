"""The auth pages added to an existing Vite Vue app (tests/fixtures/projects/retrofit/vite-vue-pinia): only
the owned folder and the marked edits of its router and Vite config (the app already installs pinia), nothing
on a second copy, and the host still type-checks, builds and passes its own tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.web_host import WebHost

MARKER = "AUTH_INTEGRATION_POINT"
OWNED = "src/universal-auth/"
WIRED = {"src/router/index.ts", "vite.config.ts"}


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    checked_out = WebHost.checkout("vite-vue-pinia", tmp_path_factory.mktemp("host") / "acme-tasks")
    checked_out.add_auth()
    return checked_out


def test_only_the_owned_folder_and_marked_edits_are_written(host):
    status = sorted(host.changed())
    expected = [f"?? {OWNED}", "?? .copier-answers.yml", " M .gitignore", *(f" M {path}" for path in WIRED)]
    assert status == sorted(expected), status
    added = host.added_lines()
    assert "-" not in added, added.get("-")
    assert added.pop(".gitignore") == [".env"]
    assert set(added) == WIRED
    for path, lines in added.items():
        assert all(MARKER in line for line in lines if line.strip()), (path, lines)
    router = (host.folder / "src/router/index.ts").read_text(encoding="utf-8")
    assert router.index("...authRoutes()") < router.index("{ path: '/', name: 'home'"), router
    assert router.index("installAuthGuard(router)") < router.index("export default router"), router
    assert not list((host.folder / OWNED).rglob("*.test.*")), "the auth's own tests need the new project's setup"
    assert not [path for path in (host.folder / OWNED).rglob("*") if "test" in path.parent.name and path.is_file()]


def test_the_host_builds_and_passes_its_own_tests(host):
    host.setup()
    host.must(host.spec["build"])
    tests = host.must(host.spec["test"])
    assert "2 passed" in tests, tests[-2000:]
    assert (host.folder / "dist" / "index.html").is_file()
