"""TOTP (RFC 6238) and recovery codes: enrolment, verification window, replay, single use."""

import base64
import re
import time

import pytest

from support.assertions import problem
from support.client import Api
from support.flows import enable_mfa, fresh_code, login, register_verified
from support.project import APP_URL

pytestmark = pytest.mark.min_mode(2)


@pytest.fixture
def enrolled(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    return enable_mfa(api, account)


def pending_token(api: Api, account) -> str:
    response = api.login(account.email, account.password)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body == {"mfaRequired": True, "mfaToken": body["mfaToken"]}, "no token before the second factor"
    assert not any("access" in h.lower() for h in response.headers.get_list("set-cookie"))
    return body["mfaToken"]


def away_from_a_step_boundary(interval: int = 30) -> float:
    """Now, at least 3 s inside a step, so that codes computed now keep their step."""
    if time.time() % interval > interval - 3:
        time.sleep(interval - time.time() % interval + 0.2)
    return time.time()


@pytest.mark.req("RFC 6238", "ASVS v5.0.0-6.5.3", "baseline: 160-bit secret, PNG QR")
def test_setup_answers_secret_qr_and_recovery_codes(api, inbox, cell):
    login(api, account := register_verified(api, inbox, cell.mode), cell.mode)
    body = api.post("/auth/mfa/setup", {"password": account.password}).json()
    assert re.fullmatch(r"[A-Z2-7]{32}=*", body["secret"]), "160-bit base32 secret"
    assert body["qrCodeUri"].startswith("otpauth://totp/") and f"secret={body['secret']}" in body["qrCodeUri"]
    prefix = "data:image/png;base64,"
    assert body["qrCodeImage"].startswith(prefix)
    assert base64.b64decode(body["qrCodeImage"][len(prefix) :])[:8] == b"\x89PNG\r\n\x1a\n"
    codes = body["recoveryCodes"]
    assert len(codes) == len(set(codes)) == 8
    for code in codes:
        assert re.fullmatch(r"[A-Za-z2-7]+(-[A-Za-z2-7]+)+", code), code
        assert len(code.replace("-", "")) >= 16, f"{code}: a recovery code holds at least 80 bits"
    assert api.me().json()["mfaEnabled"] is False, "the secret is active only after enable"


@pytest.mark.req("RFC 6238 5.2", "ASVS v5.0.0-6.5.5", "baseline: +-1 step")
def test_enable_accepts_one_step_back_and_refuses_two(api, inbox, cell):
    login(api, account := register_verified(api, inbox, cell.mode), cell.mode)
    import pyotp

    totp = pyotp.TOTP(api.post("/auth/mfa/setup", {"password": account.password}).json()["secret"])
    now = away_from_a_step_boundary()
    for step in (-2, 2):
        refused = api.post("/auth/mfa/enable", {"code": totp.at(now + step * 30)})
        # 400, not 401: the session is valid, and a 401 makes a client refresh and send the code again.
        problem(refused, 400, "mfa_invalid")
    assert api.post("/auth/mfa/enable", {"code": totp.at(now - 30)}).status_code == 204
    assert api.me().json()["mfaEnabled"] is True


@pytest.mark.req("ASVS v5.0.0-6.3.3", "ASVS v5.0.0-6.5.1", "RFC 6238 5.2", "NIST 800-63B-4 5.1.4.2")
def test_verify_window_and_replay(api, enrolled, make_api):
    client = make_api()
    now = away_from_a_step_boundary()
    mfa_token = pending_token(client, enrolled)
    problem(client.post("/auth/mfa/verify", {"mfaToken": mfa_token, "code": enrolled.totp.at(now + 60)}), 401)
    problem(client.post("/auth/mfa/verify", {"mfaToken": mfa_token, "code": "12345"}), (400, 401))
    code = enrolled.totp.at(now + 30)  # one step ahead: accepted
    client.accept_grant(client.post("/auth/mfa/verify", {"mfaToken": mfa_token, "code": code}))
    assert client.me().status_code == 200
    replay = make_api()
    problem(replay.post("/auth/mfa/verify", {"mfaToken": pending_token(replay, enrolled), "code": code}), 401)


@pytest.mark.req("ASVS v5.0.0-6.5.1", "RFC 6238 5.2")
def test_a_step_before_the_last_accepted_one_is_refused(api, inbox, cell, make_api):
    """The replay rule is about steps, not codes: once a code of the next step was accepted, the
    current step's code, inside the window and never used, is refused too."""
    login(api, account := register_verified(api, inbox, cell.mode), cell.mode)
    import pyotp

    totp = pyotp.TOTP(api.post("/auth/mfa/setup", {"password": account.password}).json()["secret"])
    now = away_from_a_step_boundary()
    assert api.post("/auth/mfa/enable", {"code": totp.at(now + 30)}).status_code == 204
    client = make_api()
    problem(client.post("/auth/mfa/verify", {"mfaToken": pending_token(client, account), "code": totp.at(now)}), 401)


@pytest.mark.req("ASVS v5.0.0-9.2.2", "ASVS v5.0.0-6.5.1")
def test_the_mfa_token_is_single_use_and_not_an_access_token(api, enrolled, make_api):
    client = make_api()
    mfa_token = pending_token(client, enrolled)
    other = make_api()
    other.set_access_credential(mfa_token)
    problem(other.me(), 401)
    client.accept_grant(client.post("/auth/mfa/verify", {"mfaToken": mfa_token, "code": fresh_code(enrolled.totp)}))
    again = client.post("/auth/mfa/verify", {"mfaToken": mfa_token, "code": fresh_code(enrolled.totp)})
    problem(again, 401)


@pytest.mark.req("ASVS v5.0.0-6.5.1", "NIST 800-63B-4 4.2.1.1")
def test_recovery_codes_are_single_use(enrolled, make_api):
    code = enrolled.recovery_codes[0]
    first = make_api()
    first.accept_grant(first.post("/auth/mfa/verify", {"mfaToken": pending_token(first, enrolled), "code": code}))
    second = make_api()
    problem(second.post("/auth/mfa/verify", {"mfaToken": pending_token(second, enrolled), "code": code}), 401)


@pytest.mark.req("ASVS v5.0.0-6.5.6")
def test_regeneration_voids_the_old_set(api, enrolled, make_api):
    fresh = api.post("/auth/mfa/recovery-codes", {"password": enrolled.password})
    assert fresh.status_code == 200, fresh.text
    codes = fresh.json()["recoveryCodes"]
    assert len(codes) == 8 and not set(codes) & set(enrolled.recovery_codes)
    old = make_api()
    voided = {"mfaToken": pending_token(old, enrolled), "code": enrolled.recovery_codes[1]}
    problem(old.post("/auth/mfa/verify", voided), 401)
    new = make_api()
    new.accept_grant(new.post("/auth/mfa/verify", {"mfaToken": pending_token(new, enrolled), "code": codes[0]}))


@pytest.mark.req("ASVS v5.0.0-6.4.3")
def test_mfa_is_still_required_after_a_password_reset(api, enrolled, inbox, make_api):
    assert api.post("/auth/password/forgot", {"email": enrolled.email}).status_code == 202
    token = inbox.token(enrolled.email, APP_URL, "reset-password")
    enrolled.password = enrolled.password + " renewed"
    assert api.post("/auth/password/reset", {"token": token, "password": enrolled.password}).status_code == 204
    pending_token(make_api(), enrolled)


@pytest.mark.req("ASVS v5.0.0-6.5.6", "contract: mfa/disable")
def test_disable(api, enrolled, make_api):
    problem(api.post("/auth/mfa/disable", {"code": "000000", "password": enrolled.password}), 400, "mfa_invalid")
    disabled = api.post("/auth/mfa/disable", {"code": fresh_code(enrolled.totp), "password": enrolled.password})
    assert disabled.status_code == 204, disabled.text  # a provider's refusal is in test_hipaa.py
    direct = make_api().login(enrolled.email, enrolled.password)
    assert direct.status_code == 200 and "mfaRequired" not in direct.json()
