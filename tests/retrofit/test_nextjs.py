"""The auth pages added to an existing Next.js app (tests/fixtures/projects/retrofit/nextjs-tailwind-pnpm:
Next.js 15, Tailwind, pnpm, its own layout, middleware, lib/auth and /dashboard): only the owned folders
and one marked edit of its middleware, nothing on a second copy, and the host still builds with its own
package manager and passes its own tests. Its browser journey is in tests/e2e/test_retrofit_journeys.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.web_host import WebHost

MARKER = "AUTH_INTEGRATION_POINT"


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    checked_out = WebHost.checkout("nextjs-tailwind-pnpm", tmp_path_factory.mktemp("host") / "launchpad")
    checked_out.add_auth()
    return checked_out


def test_only_the_owned_folders_and_a_marked_edit_are_written(host):
    status = sorted(host.changed())
    expected = ["?? universal-auth/", "?? app/account/", "?? .copier-answers.yml", " M .gitignore", " M middleware.ts"]
    assert status == sorted(expected), status
    added = host.added_lines()
    assert "-" not in added, added.get("-")
    assert added.pop(".gitignore") == [".env"]
    assert list(added) == ["middleware.ts"] and all(MARKER in line for line in added["middleware.ts"])
    assert not list((host.folder / "universal-auth").rglob("*.test.*")), "the auth's tests need the new app's setup"


def test_the_host_builds_and_passes_its_own_tests(host):
    host.setup()
    assert not (host.folder / "package-lock.json").exists() and not (host.folder / "yarn.lock").exists()
    build = host.must(host.spec["build"])
    assert "/account/login" in build and "/dashboard" in build, build[-3000:]
    tests = host.must(host.spec["test"])
    assert "4 passed" in tests, tests[-2000:]
