"""The auth pages added to existing Vite React apps (tests/fixtures/projects/retrofit/): vite-react-router (its
own react-router routes, layout, pages, CSS and tests) and vite-react-plain (no router: one screen of its own).
Only the owned folder and marked edits are written: the provider and the routes joined to the host's router,
or, in the app without one, the provider and the auth's own router around its <App />; the dev server's proxy
in both. The host still builds, after the install command the copy printed, and passes its own tests. The
browser journey of the routed host is in tests/e2e/test_retrofit_journeys.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.web_host import WebHost

MARKER = "AUTH_INTEGRATION_POINT"
OWNED = "src/universal-auth/"
# Each host: the files wired, the import its entry file gains, its own passing tests.
HOSTS = {
    "vite-react-router": (
        {"src/main.tsx", "src/App.tsx", "vite.config.ts"},
        "import { AuthProvider } from './universal-auth';",
        "2 passed",
    ),
    "vite-react-plain": (
        {"src/main.tsx", "vite.config.ts"},
        "import { AuthProvider, AuthRouter } from './universal-auth';",
        "3 passed",
    ),
}
# The routed host is the default run's case; the one without a router runs under `full`.
PARAMS = ["vite-react-router", pytest.param("vite-react-plain", marks=pytest.mark.full)]


@pytest.fixture(scope="module", params=PARAMS)
def host(request, tmp_path_factory):
    checked_out = WebHost.checkout(request.param, tmp_path_factory.mktemp("host") / request.param)
    checked_out.add_auth()
    return checked_out


def test_only_the_owned_folder_and_marked_edits_are_written(host):
    wired, entry_import, _passed = HOSTS[host.name]
    status = sorted(host.changed())
    expected = [f"?? {OWNED}", "?? .copier-answers.yml", " M .gitignore", *(f" M {path}" for path in wired)]
    assert status == sorted(expected), status
    added = host.added_lines()
    assert "-" not in added, added.get("-")
    assert added.pop(".gitignore") == [".env"]
    assert set(added) == wired
    for path, lines in added.items():
        assert all(MARKER in line for line in lines if line.strip()), (path, lines)
    assert any(line.startswith(entry_import) for line in added["src/main.tsx"]), added["src/main.tsx"]
    assert not list((host.folder / OWNED).rglob("*.test.*")), "the auth's own tests need the new project's setup"


def test_the_host_builds_and_passes_its_own_tests(host):
    _wired, _entry_import, passed = HOSTS[host.name]
    host.setup()
    assert not (host.folder / "pnpm-lock.yaml").exists() and not (host.folder / "yarn.lock").exists()
    host.must(host.spec["build"])
    tests = host.must(host.spec["test"])
    assert passed in tests, tests[-2000:]
    assert (host.folder / "dist" / "index.html").is_file()
