"""Expiry of every token through short lifetimes set in the environment (no clock backdoor),
and refresh-token reuse outside the grace window, on the cell's strict server (conftest.py)."""

import time

import pytest

from support.assertions import problem
from support.authenticator import Authenticator
from support.client import Api, strong_password, unique_email
from support.flows import enable_mfa, fresh_code, login, register_verified
from support.passkeys import add_passkey
from support.project import APP_URL


@pytest.fixture
def short_api(strict_server, cell):
    client = Api(strict_server, cell.transport)
    yield client
    client.close()


@pytest.mark.req("ASVS v5.0.0-9.2.1")
def test_access_token_expires(short_api, inbox, cell):
    login(short_api, register_verified(short_api, inbox, cell.mode), cell.mode)
    assert short_api.me().status_code == 200
    time.sleep(4)
    problem(short_api.me(), 401, "token_expired", "token_invalid")


@pytest.mark.req("ASVS v5.0.0-10.4.8", "ASVS v5.0.0-7.3.2")
def test_refresh_token_expires(short_api, inbox, cell):
    login(short_api, register_verified(short_api, inbox, cell.mode), cell.mode)
    time.sleep(7)
    problem(short_api.refresh(), 401, "token_expired", "token_invalid", "session_revoked")


@pytest.mark.min_mode(2)
@pytest.mark.req("ASVS v5.0.0-6.5.5", "contract: MFA-pending 5 min")
def test_mfa_pending_token_expires(short_api, inbox, cell):
    account = register_verified(short_api, inbox, cell.mode)
    login(short_api, account, cell.mode)
    enable_mfa(short_api, account)
    pending = short_api.login(account.email, account.password).json()
    assert pending["mfaRequired"] is True
    time.sleep(3)
    verify = short_api.post("/auth/mfa/verify", {"mfaToken": pending["mfaToken"], "code": fresh_code(account.totp)})
    problem(verify, 401, "token_expired", "token_invalid")


@pytest.mark.min_mode(2)
@pytest.mark.req("ASVS v5.0.0-6.4.1")
def test_verification_token_expires(short_api, inbox):
    email = unique_email()
    assert short_api.register(email, strong_password()).status_code == 202
    token = inbox.token(email, APP_URL, "verify-email")
    time.sleep(3)
    problem(short_api.post("/auth/verify-email", {"token": token}), (400, 401), "token_expired", "token_invalid")


@pytest.mark.req("OWASP forgot-password", "NIST 800-63B-4 4.2.1.1")
def test_reset_token_expires(short_api, inbox, cell):
    account = register_verified(short_api, inbox, cell.mode)
    assert short_api.post("/auth/password/forgot", {"email": account.email}).status_code == 202
    token = inbox.token(account.email, APP_URL, "reset-password")
    time.sleep(3)
    reset = short_api.post("/auth/password/reset", {"token": token, "password": strong_password()})
    problem(reset, (400, 401), "token_expired", "token_invalid")
    login(short_api, account, cell.mode)  # the old password still works


@pytest.mark.min_mode(2)
@pytest.mark.req("contract: device token 30 days")
def test_device_token_expires(short_api, inbox, cell):
    login(short_api, register_verified(short_api, inbox, cell.mode), cell.mode)
    device = {"deviceFingerprint": "fp-expiry", "deviceName": "phone", "platform": "ios"}
    registered = short_api.post("/auth/biometric/register", device)
    assert registered.status_code == 201, registered.text
    token = registered.json()["deviceToken"]
    time.sleep(4)
    attempt = short_api.post("/auth/biometric/login", {"deviceToken": token, "deviceFingerprint": "fp-expiry"})
    problem(attempt, 401, "token_expired", "token_invalid")


@pytest.mark.min_mode(2)
@pytest.mark.req("contract: passkey challenges live 5 minutes")
def test_passkey_challenge_expires(short_api, inbox, cell, make_api):
    login(short_api, register_verified(short_api, inbox, cell.mode), cell.mode)
    authenticator = Authenticator(APP_URL)
    add_passkey(short_api, authenticator)
    client = make_api(short_api.server)
    begun = client.post("/auth/passkeys/login/begin", {}).json()
    time.sleep(3)
    late = {"passkeyToken": begun["passkeyToken"], "credential": authenticator.get(begun["options"])}
    problem(client.post("/auth/passkeys/login/finish", late), 401, "invalid_credentials")


@pytest.mark.req("ASVS v5.0.0-10.4.5", "RFC 9700 4.14.2")
def test_reuse_outside_the_grace_window_revokes_the_family(strict_server, inbox, cell):
    api = Api(strict_server, cell.transport)
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    other = Api(strict_server, cell.transport)
    login(other, account, cell.mode)
    spent = api.credentials()
    api.accept_grant(api.refresh())
    successor = api.credentials()
    time.sleep(1.6)
    api.restore(spent)
    problem(api.refresh(), 401)
    api.restore(successor)
    problem(api.refresh(), 401)
    if cell.mode >= 2:
        problem(other.refresh(), 401)  # every session of the user ends
    api.close()
    other.close()
