"""A database or Redis outage under load: 503 `service_unavailable` with Retry-After, never a 500,
a lockout or a dead process; serving again within a second of the dependency's return."""

from __future__ import annotations

import time

import httpx

from support.assertions import problem
from support.client import Api
from support.load import Load

# The contract says a second; the extra half second absorbs this shared machine's scheduling.
RECOVERY_SECONDS = 1.5


def assert_unavailable(response: httpx.Response) -> None:
    problem(response, 503, "service_unavailable")
    assert int(response.headers["Retry-After"]) >= 1, response.headers


def first_success(request, within: float) -> float:
    """Seconds until ``request()`` answers 2xx, polling; fails after ``within`` seconds."""
    started = time.monotonic()
    while True:
        response = request()
        if response.status_code < 300:
            return time.monotonic() - started
        assert time.monotonic() - started < within, f"still {response.status_code} {response.text}"
        time.sleep(0.02)


def readiness(server) -> httpx.Response:
    return httpx.get(f"{server.base_url}/health/ready", timeout=10)


def test_a_database_restart_under_load_answers_503_and_serves_again_within_a_second(
    signed_in: Api, account, healthy, postgres
):
    with Load(healthy.base_url, account.email, account.password) as load:
        time.sleep(1)
        postgres.halt()
        down = time.monotonic()
        time.sleep(1.5)
        assert healthy.running, "the server died when the database went away"
        assert_unavailable(signed_in.login(account.email, account.password))
        assert httpx.get(f"{healthy.base_url}/health", timeout=10).status_code == 200  # liveness
        ready = readiness(healthy)
        assert_unavailable(ready)
        assert ready.json()["dependencies"]["database"] != "ok", ready.text
        postgres.resume()
        up = time.monotonic()
        elapsed = first_success(lambda: signed_in.login(account.email, account.password), RECOVERY_SECONDS)
        assert readiness(healthy).status_code == 200
        time.sleep(0.5)
    assert healthy.running
    during = load.statuses(down, up)
    assert set(during) <= {200, 503}, f"answers while the database was down: {dict(during)}"
    after = load.statuses(up + elapsed + 0.2)
    assert set(after) == {200}, f"answers after it came back: {dict(after)}"


def test_correct_logins_during_an_outage_lock_nobody_out(api: Api, account, healthy, postgres):
    postgres.halt()
    for _ in range(7):  # more than the per-account limit of failed logins
        assert_unavailable(api.login(account.email, account.password))
    postgres.resume()
    first_success(lambda: api.login(account.email, account.password), RECOVERY_SECONDS)


def test_a_redis_outage_answers_rate_limited_routes_503_at_once_and_the_rest_as_usual(
    signed_in: Api, account, healthy, redis_server
):
    redis_server.halt()
    started = time.monotonic()
    assert_unavailable(signed_in.login(account.email, account.password))
    assert time.monotonic() - started < 1, "a rate-limited request waited for Redis"
    assert signed_in.me().status_code == 200  # no limit, no Redis
    ready = readiness(healthy)
    assert_unavailable(ready)
    assert ready.json()["dependencies"]["redis"] != "ok", ready.text
    redis_server.start()
    first_success(lambda: signed_in.login(account.email, account.password), RECOVERY_SECONDS)
    assert readiness(healthy).status_code == 200
    assert healthy.running
