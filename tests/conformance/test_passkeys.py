"""Passkeys (WebAuthn): real ceremonies with the suite's software authenticator, and each refusal."""

import pytest

from support.assertions import problem, user_shape
from support.authenticator import Authenticator
from support.flows import login, register_verified
from support.passkeys import add_passkey, passkey_login
from support.project import APP_URL

pytestmark = pytest.mark.min_mode(2)


@pytest.fixture
def signed_in(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    return account


@pytest.mark.req("contract: passkeys", "NIST SP 800-63B-4 AAL2 phishing-resistant option", "ASVS v5.0.0-6.5.5")
def test_add_a_passkey_then_sign_in_with_it_with_and_without_the_email(api, signed_in, cell, make_api):
    authenticator = Authenticator(APP_URL)
    stored = add_passkey(api, authenticator, "Laptop")
    assert stored["name"] == "Laptop" and stored["createdAt"] and stored["lastUsedAt"] is None
    for email in (None, signed_in.email):
        client = make_api()
        grant = client.accept_grant(passkey_login(client, authenticator, email))
        user_shape(grant["user"], cell.mode)
        assert grant["user"]["email"] == signed_in.email
        assert client.me().status_code == 200
    listed = api.get("/auth/passkeys").json()["passkeys"]
    assert [p["id"] for p in listed] == [stored["id"]] and listed[0]["lastUsedAt"]
    renamed = api.patch(f"/auth/passkeys/{stored['id']}", {"name": "Work laptop"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Work laptop"


@pytest.mark.req("WebAuthn L3 7.2 steps 12, 13, 15, 17, 22", "ASVS v5.0.0-6.5.5")
def test_an_assertion_is_refused_for_origin_rp_id_user_verification_and_counter(api, signed_in, make_api):
    authenticator = Authenticator(APP_URL)
    add_passkey(api, authenticator)
    bent = (
        {"origin": "https://evil.conformance.test"},
        {"rp_id": "evil.conformance.test"},
        {"uv": False},
    )
    for bend in bent:
        problem(passkey_login(make_api(), authenticator, **bend), 401, "invalid_credentials")
    make_api().accept_grant(passkey_login(make_api(), authenticator, counter=10))
    problem(passkey_login(make_api(), authenticator, counter=9), 401, "invalid_credentials")
    problem(passkey_login(make_api(), authenticator, counter=10), 401, "invalid_credentials")


@pytest.mark.req("WebAuthn L3 13.4.3 (challenges used once)")
def test_a_pending_login_is_used_once(api, signed_in, make_api):
    authenticator = Authenticator(APP_URL)
    add_passkey(api, authenticator)
    client = make_api()
    begun = client.post("/auth/passkeys/login/begin", {}).json()
    first = {"passkeyToken": begun["passkeyToken"], "credential": authenticator.get(begun["options"])}
    client.accept_grant(client.post("/auth/passkeys/login/finish", first))
    again = {"passkeyToken": begun["passkeyToken"], "credential": authenticator.get(begun["options"])}
    problem(make_api().post("/auth/passkeys/login/finish", again), 401, "invalid_credentials")


@pytest.mark.req("ASVS v5.0.0-6.3.1", "contract: a limit per account needs an account")
def test_bodies_naming_no_account_never_use_up_the_usernameless_login(api, signed_in, make_api):
    """Failed login bodies without an email count per IP only: a shared counter for every body that names
    no account would refuse every usernameless passkey login after a handful of them."""
    authenticator = Authenticator(APP_URL)
    add_passkey(api, authenticator)
    stranger = make_api()
    for _ in range(6):
        problem(stranger.post("/auth/login", {"password": "no email given"}), 400, "validation_error")
    client = make_api()
    assert client.accept_grant(passkey_login(client, authenticator))["user"]["email"] == signed_in.email


@pytest.mark.req("contract: passkeys of another account, removed passkeys")
def test_another_accounts_passkey_and_a_removed_one_are_refused(api, signed_in, inbox, cell, make_api):
    mine, theirs = Authenticator(APP_URL), Authenticator(APP_URL)
    stored = add_passkey(api, mine)
    other = make_api()
    other_account = register_verified(other, inbox, cell.mode)
    login(other, other_account, cell.mode)
    add_passkey(other, theirs)
    problem(passkey_login(make_api(), theirs, signed_in.email), 401, "invalid_credentials")
    problem(other.delete(f"/auth/passkeys/{stored['id']}"), 404, "not_found")
    problem(other.patch(f"/auth/passkeys/{stored['id']}", {"name": "mine now"}), 404, "not_found")
    assert api.delete(f"/auth/passkeys/{stored['id']}").status_code == 204
    assert api.get("/auth/passkeys").json()["passkeys"] == []
    problem(passkey_login(make_api(), mine), 401, "invalid_credentials")


@pytest.mark.req("WebAuthn L3 7.1 steps 9, 12, 14")
def test_a_registration_is_refused_for_origin_user_verification_and_a_used_challenge(api, signed_in):
    authenticator = Authenticator(APP_URL)
    for bend in ({"origin": "https://evil.conformance.test"}, {"rp_id": "evil.conformance.test"}, {"uv": False}):
        options = api.post("/auth/passkeys/register/begin", {}).json()["options"]
        refused = api.post("/auth/passkeys/register/finish", {"credential": authenticator.create(options, **bend)})
        problem(refused, 400, "validation_error")
    options = api.post("/auth/passkeys/register/begin", {}).json()["options"]
    assert api.post("/auth/passkeys/register/finish", {"credential": authenticator.create(options)}).status_code == 201
    replayed = api.post("/auth/passkeys/register/finish", {"credential": authenticator.create(options)})
    problem(replayed, 400, "validation_error")
    assert len(api.get("/auth/passkeys").json()["passkeys"]) == 1


def test_the_passkey_routes_need_a_session(make_api):
    client = make_api()
    problem(client.post("/auth/passkeys/register/begin", {}), (401, 403))
    problem(client.get("/auth/passkeys"), (401, 403))
