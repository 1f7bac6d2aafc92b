"""A running project keeps its users, passwords, MFA and sessions across a mode upgrade.

Each case generates a backend at the lower mode, serves it and creates data (users, a live
session with its refresh token, MFA enrolment where the mode has it), stops it, runs
`copier update --defaults --data mode=N` through the API, installs and migrates, restarts
on the same database and checks what the users have. The lower-mode cells of the default run
are the cheapest paths; every path for every conformance-tested backend runs under `full`.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

import manifests
from support.authenticator import Authenticator
from support.cells import APP_URL
from support.client import Api
from support.flows import enable_mfa, login, register_verified
from support.mail import SmtpSink
from support.passkeys import add_passkey, passkey_login
from support.ports import free_port
from support.project import Server, install, read_env_file
from update.conftest import copy, untouched_by_conflicts, update
from update.test_modes import is_migration, snapshot

TESTED = [s.name for s in manifests.stacks_of("backend") if s.tier == "conformance-tested"]
PATHS = [(1, 2), (2, 3), (3, 4), (1, 4)]
DEFAULT_RUN = {(1, 4)}


@dataclass
class Backend:
    """What support.project.Server needs of a project: its stack, folder and a place for logs."""

    stack: manifests.Stack
    folder: Path
    workdir: Path

    @property
    def serve_command(self) -> str:
        return self.stack.commands.serve


def cases():
    for backend in TESTED:
        for low, high in PATHS:
            marks = [] if (low, high) in DEFAULT_RUN else [pytest.mark.full]
            yield pytest.param(backend, low, high, marks=marks, id=f"{backend}-{low}-{high}")


def serve(backend: Backend, database: Path, sink: SmtpSink, name: str) -> Server:
    installed = install(backend.stack, backend.folder)
    env = installed.env(
        {
            "HOST": "127.0.0.1",
            "PORT": str(free_port()),
            "DATABASE_URL": f"sqlite:///{database}",
            "SMTP_HOST": sink.host,
            "SMTP_PORT": str(sink.port),
            "SMTP_STARTTLS": "false",
            "EMAIL_FROM": "no-reply@upgrade.test",
            "APP_URL": APP_URL,
        }
    )
    if backend.stack.commands.migrate:
        subprocess.run(["bash", "-c", backend.stack.commands.migrate], cwd=backend.folder, env=env, check=True)
    return Server(backend, env, name).start()


@pytest.mark.update
@pytest.mark.parametrize(("stack", "low", "high"), list(cases()))
def test_users_and_sessions_survive_an_upgrade(template_v1, project, tmp_path, stack, low, high):
    copy(template_v1, project, backend=stack, mode=low, transport="bearer", email="smtp", app_url=APP_URL)
    backend = Backend(manifests.load_stacks()[stack], project / "backend", tmp_path)
    secret = read_env_file(backend.folder / ".env")["AUTH_JWT_SECRET"]
    database = tmp_path / "app.sqlite3"
    with SmtpSink() as sink:
        server = serve(backend, database, sink, "before")
        try:
            plain_api = Api(server, "bearer")
            plain = register_verified(plain_api, sink.inbox, low)
            role_before = login(plain_api, plain, low)["user"].get("role")
            holder_api = Api(server, "bearer")
            holder = register_verified(holder_api, sink.inbox, low)
            login(holder_api, holder, low)
            holder_key = Authenticator(APP_URL)
            if low >= 2:
                enable_mfa(holder_api, holder)
                login(holder_api, holder, low)
                add_passkey(holder_api, holder_key)
            kept = holder_api.credentials()
        finally:
            server.stop()

        before = snapshot(project)
        update(project, mode=high)
        untouched_by_conflicts(project)
        after = snapshot(project)
        assert set(before) <= set(after)
        assert all(after[p] == before[p] for p in before if is_migration(p)), "existing migrations are untouched"
        assert read_env_file(backend.folder / ".env")["AUTH_JWT_SECRET"] == secret

        server = serve(backend, database, sink, "after")
        try:
            resumed = Api(server, "bearer")
            resumed.restore(kept)
            refreshed = resumed.refresh()
            assert refreshed.status_code == 200, f"a session from before the upgrade ended: {refreshed.text}"
            resumed.accept_grant(refreshed)
            me = resumed.me()
            assert me.status_code == 200, me.text

            first_login = Api(server, "bearer").login(plain.email, plain.password)
            if high == 4:
                assert first_login.status_code == 403, first_login.text
                assert first_login.json()["code"] == "consent_required", "existing users consent at their next login"
            else:
                assert first_login.status_code == 200, first_login.text
            grant = login(Api(server, "bearer"), plain, high)
            if low >= 3:
                assert grant["user"]["role"] == role_before, "an upgrade never changes a role already held"
            elif high >= 3:
                newcomer_api = Api(server, "bearer")
                newcomer = login(newcomer_api, register_verified(newcomer_api, sink.inbox, high), high)
                assert grant["user"]["role"] == newcomer["user"]["role"], "existing users get the default role"
            if low >= 2:
                mfa_user = Api(server, "bearer")
                challenge = mfa_user.login(holder.email, holder.password)
                if high == 4:
                    assert challenge.json().get("code") in {"consent_required", None}, challenge.text
                grant = login(mfa_user, holder, high)
                assert grant["user"]["mfaEnabled"] is True, "MFA enrolment survives the upgrade"
                passkey_user = Api(server, "bearer")
                assert (
                    passkey_user.accept_grant(passkey_login(passkey_user, holder_key))["user"]["email"] == holder.email
                )
            elif high >= 2:
                newcomer_key, passkey_api = Authenticator(APP_URL), Api(server, "bearer")
                login(passkey_api, plain, high)
                add_passkey(passkey_api, newcomer_key)
                signed = Api(server, "bearer")
                assert signed.accept_grant(passkey_login(signed, newcomer_key))["user"]["email"] == plain.email
        finally:
            server.stop()
