"""Fixtures of the conformance suite: the matrix of cells, one rendered backend and one running
server per cell, a real SMTP sink, PostgreSQL, MariaDB and Redis when a cell asks for them.

Cases declare what they need with markers, and cells that cannot apply are never generated
(no skips): ``min_mode(n)``, ``transport("cookie"|"bearer")``, ``database(...)``, ``store(...)``.
``req("ASVS v5.0.0-6.2.1", ...)`` names the requirement a case checks.
"""

from __future__ import annotations

import json
import os
import sys
from functools import partial
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.cells import matrix
from support.client import Api
from support.flows import Account, register_verified
from support.host import HostBackend, HostSpec
from support.mail import SmtpSink
from support.project import RenderedBackend, Server
from support.services import MariaDB, Postgres, Redis
from support.settings import ADMIN_EMAILS, SHARED_SERVER_ENV, STRICT_SERVER_ENV

MARKERS = {
    "min_mode(n)": "the case applies to cells of mode n and above",
    "max_mode(n)": "the case applies to cells of mode n and below",
    "log_hygiene": "reads the server logs after every other case of the cell",
    "timing": "compares response times: CI runs these cases after the others, serial, on an otherwise idle CPU",
    "transport(name)": "the case applies to cells of that transport only",
    "database(name)": "the case applies to cells of that database only",
    "store(name)": "the case applies to cells of that rate-limit store only",
    "req(*ids)": "the ASVS / NIST / RFC requirement ids the case checks",
}


def pytest_addoption(parser):
    parser.addoption(
        "--host-app",
        default=None,
        help="run the default cell of the host's backend against the auth copied into this retrofit fixture "
        "(tests/fixtures/projects/retrofit/NAME)",
    )


def pytest_configure(config):
    for signature, text in MARKERS.items():
        config.addinivalue_line("markers", f"{signature}: {text}")


def _applies(cell, node) -> bool:
    def arg(name):
        marker = node.get_closest_marker(name)
        return marker.args[0] if marker else None

    mode, transport, database, store = arg("min_mode"), arg("transport"), arg("database"), arg("store")
    top = arg("max_mode")
    return (
        (mode is None or cell.mode >= mode)
        and (top is None or cell.mode <= top)
        and (transport is None or cell.transport == transport)
        and (database is None or cell.database == database)
        and (store is None or cell.store == store)
    )


def pytest_generate_tests(metafunc):
    if "cell" not in metafunc.fixturenames:
        return
    # One xdist worker takes all of a cell's cases (with `-n`, under `--dist loadgroup`): the cell's
    # server starts once, and its log hygiene case reads the logs of all the others.
    cells = matrix()
    if host_app := metafunc.config.getoption("--host-app"):
        backend = HostSpec.load(host_app).answers["backend"]
        cells = [(cell, covering) for cell, covering in cells if cell.stack == backend and covering]
    params = [
        pytest.param(
            cell, id=cell.id, marks=(pytest.mark.xdist_group(cell.id), *(() if covering else (pytest.mark.full,)))
        )
        for cell, covering in cells
        if _applies(cell, metafunc.definition)
    ]
    metafunc.parametrize("cell", params, indirect=True, scope="session")


def _cell_of(item):
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("cell") if callspec else None


@pytest.hookimpl(trylast=True)  # after pytest has grouped the items by cell
def pytest_collection_modifyitems(config, items):
    # A case with no applicable cell (no backend built, or none at its mode) is absent, not skipped.
    absent = [
        item
        for item in items
        if (skip := item.get_closest_marker("skip")) and str(skip.kwargs.get("reason", "")).startswith("got empty")
    ]
    if absent:
        config.hook.pytest_deselected(items=absent)
        items[:] = [item for item in items if item not in absent]
    # Log hygiene reads what every other case of its cell left in the logs: last within its cell.
    rank: dict = {}
    for item in items:
        rank.setdefault(_cell_of(item), len(rank))
    items.sort(key=lambda item: (rank[_cell_of(item)], item.get_closest_marker("log_hygiene") is not None))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        for server in _servers_of(item):
            report.sections.append((f"log of {server.name} ({server.base_url})", server.log()[-8000:]))
    return report


def _servers_of(item) -> list[Server]:
    found = []
    for value in getattr(item, "funcargs", {}).values():
        if isinstance(value, Server):
            found.append(value)
        elif isinstance(value, RenderedBackend):
            found.extend(s for s in value.servers if s not in found)
        elif isinstance(value, Api) and value.server not in found:
            found.append(value.server)
    return found


class ServicePool:
    """PostgreSQL, MariaDB and Redis, started on first use and kept for the session."""

    def __init__(self) -> None:
        self._postgres: Postgres | None = None
        self._mariadb: MariaDB | None = None
        self._redis: Redis | None = None

    def postgres(self) -> Postgres:
        if self._postgres is None:
            self._postgres = Postgres().start()
        return self._postgres

    def mariadb(self) -> MariaDB:
        if self._mariadb is None:
            self._mariadb = MariaDB().start()
        return self._mariadb

    def redis(self) -> Redis:
        if self._redis is None:
            self._redis = Redis().start()
        return self._redis

    def close(self) -> None:
        for service in (self._postgres, self._mariadb, self._redis):
            if service is not None:
                service.stop()


@pytest.fixture(scope="session")
def services():
    pool = ServicePool()
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def smtp_sink():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def inbox(smtp_sink):
    return smtp_sink.inbox


@pytest.fixture(scope="session")
def cell(request):
    return request.param


@pytest.fixture(scope="session")
def backend(cell, smtp_sink, services, request):
    host_app = request.config.getoption("--host-app")
    kind = partial(HostBackend, spec=HostSpec.load(host_app)) if host_app else RenderedBackend
    rendered = kind(
        cell,
        smtp=(smtp_sink.host, smtp_sink.port),
        postgres=services.postgres() if cell.database == "postgresql" else None,
        mariadb=services.mariadb() if cell.database == "mysql" else None,
        redis=services.redis() if cell.store == "redis" else None,
    )
    yield rendered
    rendered.close()


@pytest.fixture(scope="session")
def server(backend) -> Server:
    """The cell's shared server; tests use unique emails so they never collide."""
    return backend.launch(SHARED_SERVER_ENV)


@pytest.fixture(scope="session")
def strict_server(backend) -> Server:
    """The cell's second server, for the cases whose settings do not conflict (support/settings.py)."""
    return backend.launch(STRICT_SERVER_ENV)


@pytest.fixture
def api(server, cell):
    client = Api(server, cell.transport)
    yield client
    client.close()


@pytest.fixture(scope="session")
def host_paths(request) -> tuple[str, ...]:
    """Paths of the contract an application the auth was added to answers itself (``--host-app``); none otherwise."""
    host_app = request.config.getoption("--host-app")
    return HostSpec.load(host_app).own_paths if host_app else ()


@pytest.fixture
def make_api(server, cell):
    """More clients of the shared server (a second device, another user)."""
    made = []

    def make(target: Server | None = None, **kwargs) -> Api:
        client = Api(target or server, cell.transport, **kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture(scope="session")
def admin_account(server, cell, smtp_sink) -> Account:
    """A verified account in BOOTSTRAP_ADMIN_EMAILS (mode 3+): the admin role, and no default admin."""
    client = Api(server, cell.transport)
    account = register_verified(client, smtp_sink.inbox, cell.mode, email=ADMIN_EMAILS[0])
    client.close()
    return account


@pytest.fixture
def admin(make_api, admin_account, cell):
    from support.flows import login

    client = make_api()
    login(client, admin_account, cell.mode)
    assert client.user.get("role") == "admin", client.user
    return client


# --- results for docs/conformance.md (tests/conformance/report.py) --------------------------------

RESULTS_ENV = "CONFORMANCE_RESULTS"
_results: list[dict] = []


def pytest_runtest_logreport(report):
    if not os.environ.get(RESULTS_ENV):
        return
    found = dict(report.user_properties)
    if requirements := found.get("requirements"):
        name, ids = requirements
        _REQUIREMENTS[name] = ids
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        outcome = "failed" if report.outcome == "failed" else report.outcome
        _results.append({"nodeid": report.nodeid, "outcome": outcome, "cell": found.get("cell")})


_REQUIREMENTS: dict[str, list[str]] = {}


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """Each test's cell and requirement ids ride on its reports, which reach the process that
    writes the results also under xdist, where that process collects nothing itself."""
    if not os.environ.get(RESULTS_ENV):
        return
    for item in session.items:
        cell = _cell_of(item)
        item.user_properties.append(("cell", cell.__dict__ if cell else None))
        if marker := item.get_closest_marker("req"):
            item.user_properties.append(("requirements", (item.originalname, list(marker.args))))


def pytest_sessionfinish(session):
    if hasattr(session.config, "workerinput"):  # an xdist worker: its reports reach the controller
        return
    if path := os.environ.get(RESULTS_ENV):
        Path(path).write_text(json.dumps({"results": _results, "requirements": _REQUIREMENTS}, indent=1))
