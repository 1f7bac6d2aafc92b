"""The auth copied into an existing Go service (tests/fixtures/projects/retrofit/go-*).

The host is built, its database made with its own readers (bcrypt hashes) and its routes' answers
recorded; then the auth is copied in (go.mod gains the auth's modules, computed by ``go get``, and
main.go the marked import and ``auth.MustMount(r)``), the after-copy commands run (``go mod
download``, the build), its tables are created and the host's readers imported with
``auth/cmd/authctl``. Then (a) the host's own ``go test ./...`` passes, (b) an existing reader signs
in through /auth/login with the password the host knew (its hash becomes argon2id in the auth's
table; the host's own HTTP Basic login still accepts it), (c) the host's routes answer exactly as
before (status, headers but Date, body); under `full`, (d) the default conformance cell passes
against the auth mounted in the host and (e) after ``copier update`` to a higher mode all of that
still holds.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import copier
import httpx
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from integration import apply_edits, load_module
from project import Project
from support.cells import ROOT
from support.client import Api
from support.host import HostSpec, add_auth, copy_host, git, hosted_conformance, install_host, run, run_setup
from support.ports import free_port
from support.project import Installed
from support.service import Service, shell

NAME = "go-chi-bookshelf"
READER = ("ada@bookshelf.test", "analytical engine 1843")
READERS = ("sqlite:///bookshelf.db", "SELECT email, password_hash FROM readers")
ROUTES = (
    ("GET", "/health", None, None),
    ("GET", "/books", None, None),
    ("POST", "/books", {"Title": "Dune", "Author": "Herbert"}, None),
    ("POST", "/books", {"Title": "Dune", "Author": "Herbert"}, ("ada@bookshelf.test", "not hers")),
    ("GET", "/nowhere", None, None),
)
HIGHER_MODE = 2


def serving(spec: HostSpec, folder: Path, installed: Installed, name: str) -> Service:
    port = free_port()
    env = installed.env({"HOST": "127.0.0.1", "PORT": str(port), "AUTH_COOKIE_SECURE": "false"})
    return Service(shell(spec.serve), folder, env, port, folder.parent / f"{name}.log", name).start()


def answers_of(server: Service) -> list[tuple[int, list[tuple[str, str]], bytes]]:
    answers = []
    with httpx.Client(base_url=server.base_url, follow_redirects=False) as client:
        for method, path, body, basic in ROUTES:
            response = client.request(method, path, json=body, auth=basic)
            headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "date"]
            answers.append((response.status_code, headers, response.content))
    return answers


def auth_hash(folder: Path, email: str) -> str:
    with sqlite3.connect(folder / "auth" / "db.sqlite3") as db:
        return db.execute("SELECT password_hash FROM auth_users WHERE email = ?", [email]).fetchone()[0]


@dataclass
class Retrofitted:
    spec: HostSpec
    folder: Path
    installed: Installed
    answers_before: list
    copy_status: list[str]


def install_and_migrate(spec: HostSpec, folder: Path) -> Installed:
    """The after-copy message's commands: the modules and the build, the auth's tables, the readers' import."""
    installed = install_host(spec, folder)
    for command in (spec.migrate, f'go run ./auth/cmd/authctl import-users {READERS[0]} "{READERS[1]}"'):
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
        answers_before = answers_of(server)
    finally:
        server.stop()
    add_auth(folder, spec.answers)
    copy_status = git(folder, "status", "--porcelain", "--untracked-files=all").splitlines()
    installed = install_and_migrate(spec, folder)
    return Retrofitted(spec, folder, installed, answers_before, copy_status)


def assert_host_unchanged_and_reader_signs_in(host: Retrofitted) -> None:
    tests = run(host.spec.test, host.folder, host.installed.env())
    assert tests.returncode == 0, (tests.stdout + tests.stderr)[-4000:]  # (a)
    mode = yaml.safe_load((host.folder / ".copier-answers.yml").read_text())["mode"]
    server = serving(host.spec, host.folder, host.installed, f"after-{mode}")
    try:
        assert answers_of(server) == host.answers_before  # (c)
        email, password = READER
        api = Api(server, host.spec.answers["transport"])
        signed_in = api.login(email, password)
        assert signed_in.status_code == 200, signed_in.text  # (b)
        assert api.accept_grant(signed_in)["user"]["emailVerified"] is True
        assert api.me().json()["email"] == email
        api.close()
        assert auth_hash(host.folder, email).startswith("$argon2id$")
        own = httpx.post(f"{server.base_url}/books", json={"Title": "Kindred", "Author": "Butler"}, auth=READER)
        assert own.status_code == 201, own.text
    finally:
        server.stop()


def test_the_copy_adds_the_auth_package_and_marked_lines(host):
    new = [line[3:] for line in host.copy_status if line.startswith("??")]
    assert new and all(
        path.startswith("auth/") or path in {".copier-answers.yml", ".env", ".env.example"} for path in new
    )
    changed = {line[3:] for line in host.copy_status if not line.startswith("??")}
    assert changed <= {".gitignore", "go.mod", "main.go"}, changed
    diff = git(host.folder, "diff", "HEAD", "--unified=0", "--", "go.mod", "main.go")
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert not removed, removed
    assert all("AUTH_INTEGRATION_POINT" in line for line in added if line[1:].strip()), added
    assert "\tauth.MustMount(r) // AUTH_INTEGRATION_POINT" in [line[1:] for line in added], added
    assert any("github.com/pressly/goose/v3 v3.30.1 // AUTH_INTEGRATION_POINT" in line for line in added), added


def test_the_host_keeps_working_and_an_existing_reader_signs_in(host):
    assert_host_unchanged_and_reader_signs_in(host)


def test_a_service_on_older_versions_gets_the_go_get_command_printed_and_its_go_mod_untouched(tmp_path):
    """go get would raise the service's chi and its go line: lines of its go.mod change, so the command is printed
    with those upgrades, for its owners to accept."""
    folder = copy_host(HostSpec.load(NAME), tmp_path / "host")
    older = (folder / "go.mod").read_text().replace("go 1.26.0", "go 1.25.0").replace("chi/v5 v5.5.0", "chi/v5 v5.2.3")
    (folder / "go.mod").write_text(older)
    module = load_module(ROOT / "hooks" / "integrations" / "go.py", "go")
    edit = module.go_mod_edit(Project(folder, HostSpec.load(NAME).answers), folder)
    outcome = apply_edits([edit])[0]
    assert outcome.status == "printed", outcome
    assert (folder / "go.mod").read_text() == older
    assert "go 1.25.0 => go 1.26.0" in edit.where and "chi/v5 v5.2.3 => github.com/go-chi/chi/v5 v5.5.0" in edit.where
    assert edit.lines.startswith("go get github.com/go-chi/chi/v5@v5.5.0 github.com/go-chi/httprate@v0.16.1")


@pytest.mark.full
def test_an_update_to_a_higher_mode_keeps_the_host_and_its_readers(host):
    git(host.folder, "add", "-A")
    git(host.folder, "commit", "-q", "--allow-empty", "-m", "auth added")
    copier.run_update(
        host.folder, data={"mode": HIGHER_MODE}, defaults=True, overwrite=True, unsafe=True, vcs_ref="HEAD", quiet=True
    )
    assert git(host.folder, "diff", "--", "main.go") == "", "the update finds the mount already there"
    diff = git(host.folder, "diff", "--unified=0", "--", "go.mod")
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert not removed and "github.com/go-webauthn/webauthn v0.18.2 // AUTH_INTEGRATION_POINT" in diff, diff
    host.installed = install_and_migrate(host.spec, host.folder)
    assert_host_unchanged_and_reader_signs_in(host)


@pytest.mark.full
def test_the_default_conformance_cell_passes_against_the_auth_in_the_host():
    """(d): the conformance suite's default cell against the auth mounted in the host (224 s on a shared machine,
    so under `full`)."""
    passed, report = hosted_conformance(NAME)
    assert passed, report
