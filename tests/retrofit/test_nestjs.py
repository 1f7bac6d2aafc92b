"""The auth copied into an existing NestJS application (tests/fixtures/projects/retrofit/nestjs-*).

The host is a CommonJS Nest app in the Nest CLI's shape (tsc into dist/, vitest e2e tests through
@nestjs/testing) with an `AuthModule` of its own (@nestjs/jwt over its SQLite users, bcrypt) and its
own /health. It is installed, its database seeded with its users and its routes' answers recorded;
then the auth is copied in: one marked import and one marked `forRoot` entry in the root module's
`imports`, its packages added with the host's package manager and compiled (the after-copy
message's commands), its tables created and the host's users imported. Then, as for Express
(test_express.py): (a) the host's own tests pass, the auth now inside their AppModule, (b) an existing
user signs in through the API with the password it had, and still through the host's own login,
(c) the host's routes answer exactly as before, (d) the default conformance cell passes against the
auth in the host, (e) after `copier update` to a higher mode all of that still holds.

All under `full`: the host's setup alone (two `npm ci` that build better-sqlite3 from source, no
prebuilt binary being reachable here) took 470 s on a loaded machine, more than CI's budget has left.
The default run keeps the generic copy check of test_copy_into_hosts.py for this host.
"""

from __future__ import annotations

import json
from pathlib import Path

import copier
import pytest

from support.host import HostSpec, add_auth, copy_host, git, hosted_conformance, install_host, run, run_setup
from support.project import Installed

from .test_express import Expectations, Retrofitted, answers_of, assert_host_unchanged_and_user_signs_in, serving

pytestmark = pytest.mark.full

NAME = "nestjs-bookshelf-jwt"
EXPECTED = Expectations(
    user=("ada@bookshelf.test", "analytical-engine-1843"),
    users=("sqlite:///data/bookshelf.db", "SELECT email, password_hash FROM users"),
    routes=(
        ("GET", "/health", None),
        ("GET", "/nowhere", None),
        ("GET", "/api/books", None),
        ("GET", "/api/books/mine", None),
        ("POST", "/api/session/login", {"email": "ada@bookshelf.test", "password": "not hers"}),
        ("POST", "/api/session/login", {"email": 42}),
        ("POST", "/api/books", {"title": "no token", "author": "nobody"}),
    ),
    host_login=("/api/session/login", "token"),
)
ROOT_MODULE = "src/app.module.ts"
HIGHER_MODE = 2


def add_and_install(spec: HostSpec, folder: Path) -> Installed:
    """The after-copy message's commands: the host's package manager, the build, the migration, the import."""
    installed = install_host(spec, folder)
    assert EXPECTED.users is not None
    url, query = EXPECTED.users
    for command in (spec.migrate, f'node auth/dist/import-users.js {url} "{query}"'):
        result = run(command, folder, installed.env())
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return installed


@pytest.fixture(scope="module")
def host(tmp_path_factory) -> Retrofitted:
    spec = HostSpec.load(NAME)
    folder = copy_host(spec, tmp_path_factory.mktemp(NAME) / "host")
    installed = install_host(spec, folder)
    run_setup(spec, folder, installed.env())
    server = serving(spec, folder, installed, "before")
    try:
        answers_before = answers_of(server, EXPECTED.routes)
    finally:
        server.stop()
    add_auth(folder, spec.answers)
    copy_status = git(folder, "status", "--porcelain", "--untracked-files=all").splitlines()
    return Retrofitted(spec, EXPECTED, folder, add_and_install(spec, folder), answers_before, copy_status)


def test_the_copy_adds_the_auth_folder_and_imports_its_module_in_the_root_module(host):
    new = [line[3:] for line in host.copy_status if line.startswith("??")]
    assert new and all(path.startswith("auth/") or path == ".copier-answers.yml" for path in new), new
    changed = {line[3:] for line in host.copy_status if not line.startswith("??")}
    assert changed <= {".gitignore", ".env.example", ROOT_MODULE}, changed
    assert "argon2" not in json.loads(git(host.folder, "show", "HEAD:package.json"))["dependencies"]
    diff = git(host.folder, "diff", "HEAD", "--unified=0", "--", ROOT_MODULE)
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert not [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    # The host has an AuthModule of its own and serves /health: the auth's comes under another name, without it.
    assert added == [
        "+import { AuthModule as UniversalAuthModule } from '../auth/dist/index.js';  // AUTH_INTEGRATION_POINT",
        "+    UniversalAuthModule.forRoot({ health: false }),  // AUTH_INTEGRATION_POINT",
    ]


def test_the_host_keeps_working_and_an_existing_user_signs_in(host):
    assert_host_unchanged_and_user_signs_in(host, transport=host.spec.answers["transport"])


@pytest.mark.full
def test_an_update_to_a_higher_mode_keeps_the_host_and_its_users(host):
    git(host.folder, "add", "-A")
    git(host.folder, "commit", "-q", "--allow-empty", "-m", "auth added")
    copier.run_update(
        host.folder, data={"mode": HIGHER_MODE}, defaults=True, overwrite=True, unsafe=True, vcs_ref="HEAD", quiet=True
    )
    for wired in ("package.json", "package-lock.json", ROOT_MODULE):
        assert git(host.folder, "diff", "--", wired) == "", f"the update left {wired} as it was"
    host.installed = add_and_install(host.spec, host.folder)
    assert_host_unchanged_and_user_signs_in(host, transport=host.spec.answers["transport"])


@pytest.mark.full
def test_the_default_conformance_cell_passes_against_the_auth_in_the_host():
    """(d): a conformance cell's time, so under `full`."""
    passed, report = hosted_conformance(NAME)
    assert passed, report
