"""Two server processes of one backend sharing PostgreSQL and Redis: limits and revocation hold
across instances."""

import time

import pytest

from support.assertions import in_parallel, problem
from support.client import Api
from support.flows import login, register_verified
from support.settings import SHARED_SERVER_ENV

pytestmark = [pytest.mark.database("postgresql"), pytest.mark.store("redis")]


@pytest.fixture(scope="module")
def pair(backend, server):
    """The cell's shared server and a second instance on its database and Redis."""
    second = backend.launch(
        SHARED_SERVER_ENV, database_url=server.env["DATABASE_URL"], redis_url=server.env["REDIS_URL"]
    )
    return server, second


@pytest.mark.req("baseline: atomic counters across instances", "ASVS v5.0.0-6.3.1")
def test_a_burst_split_across_both_lets_at_most_five_through(pair, cell, inbox):
    first, second = pair
    api = Api(first, cell.transport)
    account = register_verified(api, inbox, cell.mode)
    if cell.transport == "cookie":
        api.fetch_csrf()
    clients = [api.clone(first if n % 2 else second) for n in range(50)]
    responses = in_parallel([lambda c=c: c.login(account.email, "wrong " + account.password) for c in clients])
    statuses = [r.status_code for r in responses]
    assert set(statuses) <= {401, 429}, statuses
    assert statuses.count(401) <= 5, f"{statuses.count(401)} attempts reached the password check"


@pytest.mark.req("baseline: revocation on every instance within one second", "ASVS v5.0.0-7.4.1")
def test_a_session_ended_on_one_is_refused_by_the_other_within_a_second(pair, cell, inbox):
    first, second = pair
    api = Api(first, cell.transport)
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    elsewhere = api.clone(second)
    assert elsewhere.me().status_code == 200, "the other instance knows the session (and may cache it)"
    assert api.logout().status_code == 204
    ended = time.monotonic()
    while True:
        response = elsewhere.me()
        if response.status_code == 401:
            break
        assert time.monotonic() - ended <= 1.0, "the other instance still accepts the session after 1 s"
        time.sleep(0.05)
    problem(response, 401)
    assert time.monotonic() - ended <= 1.2
