"""The auth screens added to an existing expo-router app (tests/fixtures/projects/retrofit/expo-router-recipes:
a stack layout, two screens of its own and jest tests). Only the owned route group app/(auth), the owned
universal-auth/ folder and one marked edit are written: <AuthProvider> around the navigator of
app/_layout.tsx, and its import. Under `full`, the host installs what the copy printed (`npx expo install`
of the Expo modules the auth uses), type-checks and passes its own tests, whose router now holds the
auth's screens and provider. Nothing runs on a device."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.web_host import WebHost

MARKER = "AUTH_INTEGRATION_POINT"
NAME = "expo-router-recipes"
LAYOUT = "app/_layout.tsx"


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    checked_out = WebHost.checkout(NAME, tmp_path_factory.mktemp("host") / NAME)
    checked_out.add_auth()
    return checked_out


def test_only_the_owned_folders_and_one_marked_edit_are_written(host):
    status = sorted(host.changed())
    expected = ["?? app/(auth)/", "?? universal-auth/", "?? .copier-answers.yml", " M .gitignore", f" M {LAYOUT}"]
    assert status == sorted(expected), status
    added = host.added_lines()
    assert "-" not in added, added.get("-")
    assert added.pop(".gitignore") == [".env"]
    assert set(added) == {LAYOUT}
    assert all(MARKER in line for line in added[LAYOUT]), added[LAYOUT]
    assert added[LAYOUT][0] == f'import {{ AuthProvider }} from "../universal-auth";  // {MARKER}'
    assert [line.strip() for line in added[LAYOUT][1:]] == [
        f"<AuthProvider>{{/* {MARKER} */}}",
        f"{{/* {MARKER} */}}</AuthProvider>",
    ]
    assert not list((host.folder / "universal-auth").rglob("*.test.*")), "the auth's tests need the new app's setup"
    assert not list((host.folder / "universal-auth").rglob("*-fake.ts"))


def test_the_copy_prints_the_expo_install_of_what_the_host_lacks(host):
    commands = list(host.after_copy_commands().values())
    assert commands == ["npx expo install expo-application expo-clipboard expo-local-authentication expo-secure-store"]


@pytest.mark.full
def test_the_host_type_checks_and_passes_its_own_tests(host):
    for command in [*host.spec["setup"], *host.after_copy_commands().values()]:
        host.must(command, {"EXPO_OFFLINE": "1", "CI": "1"})
    host.must("npx tsc --noEmit")
    tests = host.run(host.spec["test"])
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    assert "Tests:       2 passed, 2 total" in tests.stderr, tests.stderr[-3000:]
