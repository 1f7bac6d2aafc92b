"""The auth copied into existing Django applications (tests/fixtures/projects/retrofit/django-*).

What the copy may write is checked for every host by test_copy_into_hosts.py. Here, for each
fixture, its database with existing users is made before the copy; after the copy and the
migrations, (a) the host's own tests pass unchanged, (b) an existing user signs in through the
API with the password it already had (its hash becomes argon2id, and the host's own login still
accepts it), (c) the host's routes answer exactly as before (status, headers but Date, body),
and (e) after `copier update` to a higher mode all of that still holds. (d), the default
conformance cell against the auth mounted in the host, runs for one fixture by default
(``pytest tests/conformance --host-app NAME``).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import copier
import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.client import Api
from support.host import HostSpec, add_auth, copy_host, git, hosted_conformance, install_host, run, run_setup
from support.ports import free_port
from support.project import Installed
from support.service import Service, shell


@dataclass(frozen=True)
class Expectations:
    """What each fixture's tests look at: an existing user, the host's routes, its own login."""

    email: str
    password: str
    routes: tuple[tuple[str, str, bytes | None], ...]  # method, path, body
    host_login: tuple[str, dict[str, str]]  # the host's own login form and its fields
    # A user of the host whose address its sign-up never confirmed (django-allauth), if any.
    unconfirmed: tuple[str, str] | None = None
    database: str = "db.sqlite3"
    user_table: str = "auth_user"


FIXTURES = {
    "django-allauth-custom-user": Expectations(
        email="ada@bookclub.example",
        password="ada's old reading password",
        user_table="accounts_user",
        host_login=("/accounts/login/", {"login": "ada@bookclub.example", "password": "ada's old reading password"}),
        unconfirmed=("dan@bookclub.example", "dan never confirmed his email"),
        routes=(
            ("GET", "/", None),
            ("GET", "/api/books/", None),
            ("GET", "/api/books", None),
            ("GET", "/static/books/site.css", None),
            ("POST", "/webhooks/payment/", b'{"type": "paid"}'),
        ),
    ),
    "django-drf-auth-user": Expectations(
        email="olu@shop.example",
        password="olu orders the tea leaves",
        host_login=("/api-auth/login/", {"username": "olu", "password": "olu orders the tea leaves"}),
        routes=(
            ("GET", "/api/", None),
            ("GET", "/api/products/", None),
            ("GET", "/api/products/2/", None),
            ("GET", "/api/products/99/", None),
            ("POST", "/api/products/", b'{"name": "Rooibos", "price_pence": 410}'),
        ),
    ),
}
DEFAULT_FIXTURES = ["django-allauth-custom-user"]
HIGHER_MODE = 2
TEMPLATE_VERSION = "v1.0.0"  # the tag tests/retrofit/conftest.py's template repository carries


class HostServer(Service):
    def __init__(self, spec: HostSpec, folder: Path, installed: Installed, name: str, port: int) -> None:
        env = installed.env({"HOST": "127.0.0.1", "PORT": str(port), "SMTP_HOST": "127.0.0.1", "SMTP_PORT": "25"})
        super().__init__(shell(spec.serve), folder, env, port, folder.parent / f"{name}.log", name)

    def start(self, timeout: float = 120.0) -> HostServer:
        """Ready once it answers at all: the host before the copy has no /health."""
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        for _ in range(int(timeout * 10)):
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log()[-4000:]}")
            try:
                httpx.get(self.base_url, timeout=2)
                return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} never answered:\n{self.log()[-4000:]}")


def answers_of(server: Service, routes) -> list[tuple[int, list[tuple[str, str]], bytes]]:
    answers = []
    with httpx.Client(base_url=server.base_url, follow_redirects=False) as client:
        for method, path, body in routes:
            response = client.request(method, path, content=body)
            headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "date"]
            answers.append((response.status_code, headers, response.content))
    return answers


def stored_hash(folder: Path, expected: Expectations) -> str:
    with sqlite3.connect(folder / expected.database) as db:
        query = f"SELECT password FROM {expected.user_table} WHERE email = ?"
        row = db.execute(query, [expected.email]).fetchone()
    return row[0]


def serving(spec: HostSpec, folder: Path, installed: Installed, name: str, port: int) -> HostServer:
    """The host on ``port``: the same before and after the copy, as absolute URLs in answers name it."""
    return HostServer(spec, folder, installed, name, port).start()


@dataclass
class Retrofitted:
    spec: HostSpec
    expected: Expectations
    folder: Path
    installed: Installed
    answers_before: list
    port: int


def retrofit(name: str, workdir: Path, template: Path) -> Retrofitted:
    """The host's database with its users and its routes' answers, then the auth copied in and migrated."""
    spec, expected = HostSpec.load(name), FIXTURES[name]
    before = copy_host(spec, workdir / "before")
    installed_before = install_host(spec, before)
    run_setup(spec, before, installed_before.env())
    port = free_port()
    server = serving(spec, before, installed_before, "before", port)
    try:
        answers_before = answers_of(server, expected.routes)
    finally:
        server.stop()
    folder = copy_host(spec, workdir / "host")
    shutil.copy(before / expected.database, folder / expected.database)
    add_auth(folder, spec.answers, template, TEMPLATE_VERSION)
    installed = install_host(spec, folder)
    migrated = run(spec.migrate, folder, installed.env())
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    return Retrofitted(spec, expected, folder, installed, answers_before, port)


def assert_host_unchanged_and_user_signs_in(host: Retrofitted) -> None:
    tests = run(host.spec.test, host.folder, host.installed.env())
    assert tests.returncode == 0, (tests.stdout + tests.stderr)[-4000:]  # (a)
    server = serving(host.spec, host.folder, host.installed, "after", host.port)
    try:
        assert answers_of(server, host.expected.routes) == host.answers_before  # (c)
        api = Api(server, host.spec.answers.get("transport", "cookie"))
        response = api.post("/auth/login", {"email": host.expected.email, "password": host.expected.password})
        assert response.status_code == 200, response.text  # (b)
        assert response.json()["user"]["emailVerified"] is True
        assert stored_hash(host.folder, host.expected).startswith("argon2$argon2id$")
        if host.expected.unconfirmed:
            email, password = host.expected.unconfirmed
            other = Api(server, host.spec.answers.get("transport", "cookie"))
            unconfirmed = other.post("/auth/login", {"email": email, "password": password})
            assert unconfirmed.status_code == 401, unconfirmed.text  # as an unknown email, at every mode
            other.close()
        api.close()
        host_login_still_accepts(server, host)
    finally:
        server.stop()


def host_login_still_accepts(server: Service, host: Retrofitted) -> None:
    """The host's own login form (its CSRF, its PASSWORD_HASHERS) accepts the password under its new hash."""
    path, fields = host.expected.host_login
    with httpx.Client(base_url=server.base_url, follow_redirects=False) as client:
        form = client.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert form.status_code == 200 and token, form.text[:2000]
        data = {**fields, "csrfmiddlewaretoken": token.group(1)}
        response = client.post(path, data=data, headers={"Referer": str(form.url)})
    assert response.status_code == 302, response.text[:2000]
    assert "sessionid" in response.cookies


@pytest.fixture(
    scope="module",
    params=[pytest.param(name, marks=() if name in DEFAULT_FIXTURES else pytest.mark.full) for name in FIXTURES],
)
def host(request, tmp_path_factory, template) -> Retrofitted:
    """The host with the auth copied from the template as a tagged repository, as users get it."""
    return retrofit(request.param, tmp_path_factory.mktemp(request.param), template)


def test_the_host_keeps_working_and_an_existing_user_signs_in(host):
    assert_host_unchanged_and_user_signs_in(host)


def test_an_update_to_a_higher_mode_keeps_the_host_and_its_users(host):
    git(host.folder, "add", "-A")
    git(host.folder, "commit", "-q", "--allow-empty", "-m", "auth added")
    copier.run_update(host.folder, data={"mode": HIGHER_MODE}, defaults=True, overwrite=True, unsafe=True, quiet=True)
    requirement_files = [name for name in ("requirements.txt", "pyproject.toml") if (host.folder / name).exists()]
    diff = git(host.folder, "diff", "--unified=0", "--", *requirement_files)
    assert not [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    host.installed = install_host(host.spec, host.folder)
    migrated = run(host.spec.migrate, host.folder, host.installed.env())
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    assert_host_unchanged_and_user_signs_in(host)


# (d) on one fixture by default (each costs a conformance cell's time), the others under `full`.
@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=() if name == DEFAULT_FIXTURES[0] else pytest.mark.full) for name in FIXTURES],
)
def test_the_default_conformance_cell_passes_against_the_auth_in_the_host(name):
    """(d): the conformance suite's default cell against the auth added to the host."""
    passed, report = hosted_conformance(name)
    assert passed, report
