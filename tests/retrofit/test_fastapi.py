"""The auth copied into an existing FastAPI application (tests/fixtures/projects/retrofit/fastapi*).

The host is installed, its database made with its own authors and its routes' answers recorded;
then the auth is copied in, its requirements installed (the copy added them to the host's
requirements.txt) and its tables created. Then (a) the host's own tests pass unchanged, (b) an
account registers and signs in through the auth in the host, (c) the host's routes answer exactly
as before (status, headers but Date, body), and only the owned folder and marked lines were
written. (d), the default conformance cell against the auth in the host, is under `full`.
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


@pytest.mark.parametrize("name", list(ROUTES))
def test_the_default_conformance_cell_passes_against_the_auth_in_the_host(name):
    """(d): the conformance suite's default cell against the auth added to the host."""
    passed, report = hosted_conformance(name)
    assert passed, report
