"""Refresh rotation, the grace window for parallel refreshes, and revocation of access tokens."""

import pytest

from support.assertions import in_parallel, problem
from support.client import Api
from support.flows import login, new_session, register_verified
from support.project import APP_URL


def refresh_token_of(api: Api, response) -> str:
    if api.transport == "bearer":
        return response.json()["refreshToken"]
    cookies = [h for h in response.headers.get_list("set-cookie") if "refresh_token=" in h]
    assert cookies, f"no refresh cookie in {response.headers}"
    return cookies[0].split("=", 1)[1].split(";", 1)[0]


@pytest.mark.req("ASVS v5.0.0-10.4.5", "RFC 9700 4.14.2")
def test_refresh_rotates_the_pair(server, cell, inbox):
    api, _ = new_session(server, cell.transport, inbox, cell.mode)
    first = api.credentials()
    response = api.refresh()
    api.accept_grant(response)
    assert api.credentials() != first
    assert refresh_token_of(api, response) not in (first["refresh"], None)
    assert api.me().status_code == 200


@pytest.mark.req("ASVS v5.0.0-9.2.2")
def test_an_access_token_is_not_a_refresh_token(server, cell, inbox):
    api, _ = new_session(server, cell.transport, inbox, cell.mode)
    if cell.transport == "bearer":
        problem(api.refresh(api.access_token), 401)
        api.access_token = api.refresh_token
        problem(api.me(), 401)
    else:
        access = api.access_credential()
        refresh = next(c for c in api.cookies.values() if "refresh" in c.name)
        api.cookies[refresh.name] = type(refresh)(refresh.name, access, refresh.path, {})
        problem(api.refresh(), 401)


@pytest.mark.req("ASVS v5.0.0-10.4.5", "baseline: refresh grace window")
def test_twenty_parallel_refreshes_of_one_token_all_succeed(server, cell, inbox):
    api, _ = new_session(server, cell.transport, inbox, cell.mode)
    if cell.transport == "cookie":
        api.fetch_csrf()
    clones = [api.clone() for _ in range(20)]
    responses = in_parallel([clone.refresh for clone in clones])
    assert [r.status_code for r in responses] == [200] * 20, [(r.status_code, r.text[:120]) for r in responses]
    successors = {refresh_token_of(api, r) for r in responses}
    assert len(successors) == 1, "inside the grace window the same successor comes back"
    survivor = clones[0]
    survivor.accept_grant(responses[0])
    assert survivor.me().status_code == 200
    if cell.mode >= 3:
        sessions = survivor.get("/auth/sessions").json()["sessions"]
        assert len(sessions) == 1, sessions
    next_grant = survivor.refresh()
    assert next_grant.status_code == 200, next_grant.text
    for clone in clones:
        clone.close()


@pytest.mark.req("ASVS v5.0.0-7.4.1")
def test_logout_kills_the_access_token(server, cell, inbox):
    api, _ = new_session(server, cell.transport, inbox, cell.mode)
    saved = api.credentials()
    assert api.logout().status_code == 204
    api.restore(saved)
    problem(api.me(), 401)


@pytest.mark.req("baseline: session cap", "ASVS v5.0.0-7.1.2")
def test_a_login_past_the_session_cap_ends_the_oldest_session(server, cell, inbox, make_api):
    """MAX_SESSIONS_PER_USER is 5 by default: a sixth login ends the first session, and only it."""
    first = make_api()
    account = register_verified(first, inbox, cell.mode)
    login(first, account, cell.mode)
    later = []
    for _ in range(5):
        client = make_api()
        login(client, account, cell.mode)
        later.append(client)
    problem(first.me(), 401)
    problem(first.refresh(), 401)
    for client in later:
        assert client.me().status_code == 200


@pytest.mark.req("ASVS v5.0.0-7.4.3", "OWASP forgot-password")
def test_password_reset_ends_every_session(server, cell, inbox, make_api):
    api = make_api()
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    other = make_api()
    login(other, account, cell.mode)
    assert api.post("/auth/password/forgot", {"email": account.email}).status_code == 202
    token = inbox.token(account.email, APP_URL, "reset-password")
    assert (
        make_api().post("/auth/password/reset", {"token": token, "password": account.password + "!"}).status_code == 204
    )
    for client in (api, other):
        problem(client.me(), 401)
        problem(client.refresh(), 401)


@pytest.mark.min_mode(3)
@pytest.mark.req("ASVS v5.0.0-7.5.2", "ASVS v5.0.0-10.4.9")
def test_revoking_a_session_kills_its_access_token(server, cell, inbox, make_api):
    api = make_api()
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    other = make_api()
    login(other, account, cell.mode)
    sessions = api.get("/auth/sessions").json()["sessions"]
    target = next(s for s in sessions if not s["current"])
    assert api.delete(f"/auth/sessions/{target['id']}").status_code == 204
    problem(other.me(), 401)
    problem(other.refresh(), 401)
    assert api.me().status_code == 200
