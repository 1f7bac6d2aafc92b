"""Transport: cookie names, prefixes and flags with CSRF refusals; bearer never sets a token cookie."""

import pytest

from support.assertions import problem
from support.client import Api, parse_set_cookie
from support.flows import login, register_verified


def token_cookies(response) -> dict:
    cookies = [parse_set_cookie(h) for h in response.headers.get_list("set-cookie")]
    return {c.name: c for c in cookies if "token" in c.name.lower() and "csrf" not in c.name.lower()}


@pytest.mark.transport("cookie")
@pytest.mark.req("ASVS v5.0.0-3.3.1", "ASVS v5.0.0-3.3.2", "ASVS v5.0.0-3.3.3", "ASVS v5.0.0-3.3.4")
def test_cookie_names_prefixes_and_flags(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)  # through consent and MFA where the mode asks
    response = api.login(account.email, account.password)
    assert response.status_code == 200, response.text
    cookies = token_cookies(response)
    assert set(cookies) == {"__Host-access_token", "__Secure-refresh_token"}, list(cookies)
    access, refresh = cookies["__Host-access_token"], cookies["__Secure-refresh_token"]
    assert access.attributes["secure"] and access.attributes["httponly"] and access.path == "/"
    assert access.attributes.get("samesite", "").lower() == "lax" and "domain" not in access.attributes
    assert refresh.attributes["secure"] and refresh.attributes["httponly"] and refresh.path == "/auth"
    assert refresh.attributes.get("samesite", "").lower() == "strict"
    body = response.json()
    assert "accessToken" not in body and "refreshToken" not in body
    assert access.value not in response.text and refresh.value not in response.text
    assert "no-store" in response.headers.get("cache-control", "")


@pytest.mark.transport("cookie")
@pytest.mark.req("ASVS v5.0.0-3.5.1", "ASVS v5.0.0-3.5.2", "OWASP CSRF: login CSRF")
def test_csrf_refusals(api, inbox, cell, make_api):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    credentials = {"email": account.email, "password": account.password}
    bare = make_api(csrf=False)
    problem(bare.post("/auth/login", credentials), 403, "csrf_failed")
    problem(bare.post("/auth/login", credentials, headers={"X-CSRF-Token": "not-the-token"}), 403, "csrf_failed")
    token = api.fetch_csrf()
    foreign = {"X-CSRF-Token": token, "Origin": "https://evil.example"}
    problem(api.post("/auth/logout", headers=foreign), 403, "csrf_failed")
    cross_site = {"X-CSRF-Token": token, "Sec-Fetch-Site": "cross-site"}
    problem(api.post("/auth/logout", headers=cross_site), 403, "csrf_failed")
    problem(api.post("/auth/logout", csrf=False), 403, "csrf_failed")
    plain = api.request(
        "POST", "/auth/password/change", content=b'{"currentPassword": "x", "newPassword": "y"}',
        headers={"X-CSRF-Token": token, "Content-Type": "text/plain"},
    )  # fmt: skip
    assert plain.status_code in (403, 415), plain.text
    problem(plain, plain.status_code)
    assert api.me().status_code == 200, "the refused requests changed nothing"


@pytest.mark.transport("cookie")
@pytest.mark.req("ASVS v5.0.0-3.5.1")
def test_the_same_origin_is_accepted(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    same = api.post("/auth/logout", headers={"Origin": api.server.base_url, "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 204, same.text


@pytest.mark.transport("bearer")
@pytest.mark.req("ASVS v5.0.0-10.1.1", "contract: bearer transport")
def test_bearer_never_sets_a_token_cookie(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    response = api.login(account.email, account.password)
    if response.status_code == 403:  # mode 4 consent first
        from support.flows import record_consent

        record_consent(api, response)
        response = api.login(account.email, account.password)
    assert not token_cookies(response) and response.json()["accessToken"]
    api.accept_grant(response)
    refreshed = api.refresh()
    assert refreshed.status_code == 200 and not token_cookies(refreshed)
    api.accept_grant(refreshed)
    assert api.me().status_code == 200
    assert "no-store" in response.headers.get("cache-control", "")


@pytest.mark.transport("bearer")
def test_bearer_has_no_csrf_endpoint(api):
    problem(api.get("/auth/csrf"), 404, "not_found")


@pytest.mark.transport("bearer")
@pytest.mark.req("ASVS v5.0.0-7.2.1")
def test_a_cookie_does_not_authenticate_a_bearer_backend(server, cell, inbox):
    api = Api(server, "bearer")
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    cookie_only = api.get("/auth/me", auth=False, headers={"Cookie": f"__Host-access_token={api.access_token}"})
    problem(cookie_only, 401)
    api.close()
