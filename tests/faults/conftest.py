"""Fixtures of the fault suite: each built backend's fault cell (mode 3, bearer, PostgreSQL, Redis)
on a PostgreSQL and a Redis of its own, which the cases stop and start, and a server they kill.

The cases break things for real: the postmaster is shut down as an operator's restart does, Redis
is stopped, the server gets SIGKILL. Nothing is shared with another suite, so stopping a service
disturbs no other case. A cell's cases run in one xdist worker, one after another.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.cells import built_backends, fault_cell
from support.client import Api
from support.flows import Account, login, register_verified
from support.mail import SmtpSink
from support.project import RenderedBackend, Server
from support.services import Postgres, Redis
from support.settings import ADMIN_EMAILS, SHARED_SERVER_ENV

ADMIN_PASSWORD = "an admin's own long passphrase"


def pytest_generate_tests(metafunc):
    if "cell" in metafunc.fixturenames:
        cells = [fault_cell(stack) for stack in built_backends()]
        params = [pytest.param(cell, id=cell.id, marks=pytest.mark.xdist_group(cell.id)) for cell in cells]
        metafunc.parametrize("cell", params, indirect=True, scope="session")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and isinstance(server := getattr(item, "funcargs", {}).get("server"), Server):
        report.sections.append((f"log of {server.name} ({server.base_url})", server.log()[-8000:]))
    return report


@pytest.fixture(scope="session")
def cell(request):
    return request.param


@pytest.fixture(scope="session")
def smtp_sink():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="session")
def postgres(cell):
    """This cell's own PostgreSQL: its cases stop and start it."""
    server = Postgres().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server(cell):
    server = Redis().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def backend(cell, smtp_sink, postgres, redis_server):
    rendered = RenderedBackend(cell, smtp=(smtp_sink.host, smtp_sink.port), postgres=postgres, redis=redis_server)
    yield rendered
    rendered.close()


@pytest.fixture(scope="session")
def server(backend) -> Server:
    return backend.launch(SHARED_SERVER_ENV)


@pytest.fixture
def healthy(server, postgres, redis_server, smtp_sink):
    """Every case starts and ends with the server and its services up, whatever the case left."""

    def restore() -> None:
        if not postgres.running:
            postgres.resume()
        if not redis_server.running:
            redis_server.start()
        if not smtp_sink.running:
            smtp_sink.resume()
        if not server.running:
            server.start()

    restore()
    yield server
    restore()


@pytest.fixture
def api(healthy, cell):
    client = Api(healthy, cell.transport)
    yield client
    client.close()


@pytest.fixture
def account(api, cell, smtp_sink) -> Account:
    """A fresh verified account, not logged in."""
    return register_verified(api, smtp_sink.inbox, cell.mode)


@pytest.fixture
def signed_in(api, account, cell) -> Api:
    login(api, account, cell.mode)
    return api


@pytest.fixture
def admin(healthy, cell, smtp_sink) -> Api:
    """A signed-in admin (the first of BOOTSTRAP_ADMIN_EMAILS), registered on first use."""
    client = Api(healthy, cell.transport)
    account = Account(ADMIN_EMAILS[0], ADMIN_PASSWORD)
    if client.login(account.email, account.password).status_code != 200:
        register_verified(client, smtp_sink.inbox, cell.mode, account.email, account.password)
    login(client, account, cell.mode)
    yield client
    client.close()
