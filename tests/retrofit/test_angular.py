"""The auth pages added to an existing Angular app (tests/fixtures/projects/retrofit/angular-cli-notes): only
the owned folder and one marked line (and its import) in each of the app's providers and routes, nothing on a
second copy, and the host still builds (strict templates) and passes its own tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.web_host import WebHost

MARKER = "AUTH_INTEGRATION_POINT"
OWNED = "src/universal-auth/"
WIRED = {"src/app/app.config.ts", "src/app/app.routes.ts"}


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    checked_out = WebHost.checkout("angular-cli-notes", tmp_path_factory.mktemp("host") / "acme-notes")
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
        assert len(lines) == 2 and all(MARKER in line for line in lines), (path, lines)
    routes = (host.folder / "src/app/app.routes.ts").read_text(encoding="utf-8")
    assert routes.index("authRoute,") < routes.index("{ path: '', component: Home"), routes
    config = (host.folder / "src/app/app.config.ts").read_text(encoding="utf-8")
    assert config.index("provideUniversalAuth(),") < config.index("provideRouter(routes)"), config
    assert not list((host.folder / OWNED).rglob("*.test.*")), "the auth's own tests need the new project's setup"
    assert not [path for path in (host.folder / OWNED).rglob("*") if "test" in path.parent.name and path.is_file()]


def test_the_host_builds_and_passes_its_own_tests(host):
    host.setup()
    host.must(host.spec["build"])
    tests = host.must(host.spec["test"])
    assert "3 passed" in tests, tests[-2000:]
    assert (host.folder / "dist" / "acme-notes" / "browser" / "index.html").is_file()
