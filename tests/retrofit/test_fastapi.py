"""The auth copied into an existing FastAPI application (tests/fixtures/projects/retrofit/fastapi*).

The host is installed, its database made with its own authors and its routes' answers recorded;
then the auth is copied in, its requirements installed (the copy added them to the host's
requirements.txt) and its tables created. Then (a) the host's own tests pass unchanged, (b) an
account registers and signs in through the auth in the host, and an author of the host, imported by
`python -m identity.import_users`, signs in with the bcrypt password the host stored, (c) the host's
routes answer exactly as before (status, headers but Date, body), and only the owned folder and
marked lines were written; (d) the default conformance cell passes against the auth in the host.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.client import Api
from support.host import HostSpec, add_auth, copy_host, git, hosted_conformance, install_host, run, run_setup
from support.ports import free_port
from support.project import Installed
from support.service import Service, shell

ROUTES = {
    "fastapi-sqlalchemy-notes": (
        ("GET", "/notes", None, {"X-API-Key": "ada-key"}),
        ("POST", "/notes", {"text": "not the member the host reads"}, {"X-API-Key": "grace-key"}),
        ("GET", "/notes", None, {"X-API-Key": "nobody"}),
        ("GET", "/nowhere", None, {}),
    ),
}
WIRED = {"fastapi-sqlalchemy-notes": ("notes/main.py", 2)}
# The host's users: its database, the query that reads them, and one of them with the password it stored.
USERS = {
    "fastapi-sqlalchemy-notes": (
        "sqlite:///notes.sqlite3",
        "SELECT email, password_hash FROM authors",
        ("ada@notes.test", "ada's console passphrase"),
    ),
}
IMPORT = "python -m identity.import_users"


@dataclass
class Retrofitted:
    spec: HostSpec
    folder: Path
    installed: Installed
    answers_before: list
    copy_status: list[str]


def serving(spec: HostSpec, folder: Path, installed: Installed, name: str) -> Service:
    port = free_port()
    env = installed.env({"HOST": "127.0.0.1", "PORT": str(port)})
    # The host has no /health of its own: FastAPI's own schema route tells that it serves.
    service = Service(shell(spec.serve), folder, env, port, folder.parent / f"{name}.log", name)
    return service.start(ready_path="/openapi.json")


def answers_of(server: Service, routes) -> list[tuple[int, list[tuple[str, str]], bytes]]:
    answers = []
    with httpx.Client(base_url=server.base_url, follow_redirects=False) as client:
        for method, path, body, headers in routes:
            response = client.request(method, path, json=body, headers=headers)
            kept = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "date"]
            answers.append((response.status_code, kept, response.content))
    return answers


def retrofit(name: str, workdir: Path) -> Retrofitted:
    spec = HostSpec.load(name)
    folder = copy_host(spec, workdir / "host")
    installed = install_host(spec, folder)
    run_setup(spec, folder, installed.env())
    server = serving(spec, folder, installed, "before")
    try:
        answers_before = answers_of(server, ROUTES[name])
    finally:
        server.stop()
    add_auth(folder, spec.answers)
    copy_status = git(folder, "status", "--porcelain", "--untracked-files=all").splitlines()
    installed = install_host(spec, folder)
    migrated = run(spec.migrate, folder, installed.env())
    assert migrated.returncode == 0, (migrated.stdout + migrated.stderr)[-3000:]
    return Retrofitted(spec, folder, installed, answers_before, copy_status)


@pytest.fixture(scope="module", params=list(ROUTES))
def host(request, tmp_path_factory) -> Retrofitted:
    return retrofit(request.param, tmp_path_factory.mktemp(request.param))


def test_the_copy_adds_the_identity_package_and_marked_lines(host):
    new = [line[3:] for line in host.copy_status if line.startswith("??")]
    others = [path for path in new if not path.startswith("identity/")]
    assert new and set(others) <= {".copier-answers.yml", ".env.example", ".gitignore"}, others
    wired, count = WIRED[host.spec.name]
    changed = {line[3:] for line in host.copy_status if not line.startswith("??")}
    assert changed <= {".gitignore", ".env.example", "requirements.txt", wired}, changed
    diff = git(host.folder, "diff", "HEAD", "--unified=0", "--", wired, "requirements.txt")
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert not removed
    assert all("AUTH_INTEGRATION_POINT" in line for line in added), added
    assert sum("add_auth" in line for line in added) == count, added


def test_the_host_keeps_working_and_a_new_account_signs_in(host):
    tests = run(host.spec.test, host.folder, host.installed.env())
    assert tests.returncode == 0, (tests.stdout + tests.stderr)[-4000:]  # (a)
    server = serving(host.spec, host.folder, host.installed, "after")
    try:
        assert answers_of(server, ROUTES[host.spec.name]) == host.answers_before  # (c)
        api = Api(server, host.spec.answers["transport"])
        email, password = "first@notes.test", "correct horse battery staple"
        assert api.post("/auth/register", {"email": email, "password": password}).status_code in (201, 202)
        signed_in = api.post("/auth/login", {"email": email, "password": password})
        assert signed_in.status_code == 200, signed_in.text  # (b)
        api.close()
    finally:
        server.stop()


def test_the_hosts_users_are_imported_once_and_sign_in_with_their_old_password(host):
    url, query, (email, password) = USERS[host.spec.name]
    command = f'{IMPORT} {url} "{query}"'
    imported = run(command, host.folder, host.installed.env())
    assert imported.returncode == 0, imported.stderr[-3000:]
    assert imported.stdout.strip() == "imported: 1, already there: 0, without an email or a usable hash: 1"
    again = run(command, host.folder, host.installed.env())
    assert again.stdout.strip() == "imported: 0, already there: 1, without an email or a usable hash: 1"
    refused = run(f'{IMPORT} {url} "SELECT name FROM authors"', host.folder, host.installed.env())
    assert refused.returncode == 1 and "the columns email and password_hash" in refused.stderr, refused.stderr
    server = serving(host.spec, host.folder, host.installed, "users")
    try:
        api = Api(server, host.spec.answers["transport"])
        assert api.post("/auth/login", {"email": email, "password": "not the console passphrase"}).status_code == 401
        signed_in = api.post("/auth/login", {"email": email, "password": password})
        assert signed_in.status_code == 200, signed_in.text  # (b)
        assert signed_in.json()["user"]["emailVerified"] is True
        api.close()
    finally:
        server.stop()
    stored = "from identity.database import SessionLocal; from identity.models import Account; "
    stored += f"print(SessionLocal().query(Account).filter_by(email='{email}').one().password_hash[:10])"
    rehashed = run(f'python -c "{stored}"', host.folder, host.installed.env())
    assert rehashed.stdout.strip() == "$argon2id$", rehashed.stderr[-2000:]


@pytest.mark.parametrize("name", list(ROUTES))
def test_the_default_conformance_cell_passes_against_the_auth_in_the_host(name):
    """(d): the conformance suite's default cell against the auth added to the host."""
    passed, report = hosted_conformance(name)
    assert passed, report
