"""The auth pages added to existing Next.js apps (tests/fixtures/projects/retrofit/): nextjs-tailwind-pnpm
(Next.js 15, Tailwind, pnpm, its own layout, middleware.ts, lib/auth and /dashboard) and nextjs16-proxy-npm
(Next.js 16, npm, its own layout and proxy.ts, Next.js 16's name for middleware, and /invoices): only the
owned folders and one marked edit of the host's middleware or proxy, and the host still builds with its own
package manager, after the install command the copy printed, and passes its own tests. Their browser
journeys are in tests/e2e/test_retrofit_journeys.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.web_host import WebHost

MARKER = "AUTH_INTEGRATION_POINT"
LOCKS = {"package-lock.json", "pnpm-lock.yaml", "yarn.lock"}
# Each host: the file the auth's proxy call goes into, its lockfile, a route of its own, its test count.
HOSTS = {
    "nextjs-tailwind-pnpm": ("middleware.ts", "pnpm-lock.yaml", "/dashboard", "4 passed"),
    "nextjs16-proxy-npm": ("proxy.ts", "package-lock.json", "/invoices", "3 passed"),
}


# The Next.js 15 host is the default run's case; the Next.js 16 one (proxy.ts, npm) runs under `full`.
PARAMS = ["nextjs-tailwind-pnpm", pytest.param("nextjs16-proxy-npm", marks=pytest.mark.full)]


@pytest.fixture(scope="module", params=PARAMS)
def host(request, tmp_path_factory):
    checked_out = WebHost.checkout(request.param, tmp_path_factory.mktemp("host") / request.param)
    checked_out.add_auth()
    return checked_out


def test_only_the_owned_folders_and_a_marked_edit_are_written(host):
    edited = HOSTS[host.name][0]
    status = sorted(host.changed())
    expected = ["?? universal-auth/", "?? app/account/", "?? .copier-answers.yml", " M .gitignore", f" M {edited}"]
    assert status == sorted(expected), status
    added = host.added_lines()
    assert "-" not in added, added.get("-")
    assert added.pop(".gitignore") == [".env"]
    assert list(added) == [edited] and all(MARKER in line for line in added[edited])
    assert not list((host.folder / "universal-auth").rglob("*.test.*")), "the auth's tests need the new app's setup"


def test_the_host_builds_and_passes_its_own_tests(host):
    _edited, lock, route, passed = HOSTS[host.name]
    host.setup()
    assert {path.name for path in host.folder.iterdir()} & LOCKS == {lock}, "a second package manager's lockfile"
    build = host.must(host.spec["build"])
    assert "/account/login" in build and route in build, build[-3000:]
    tests = host.must(host.spec["test"])
    assert passed in tests, tests[-2000:]
