"""Rate limits with Retry-After, sequential and under a burst of parallel requests."""

import pyotp
import pytest

from support.assertions import in_parallel, problem
from support.client import Api, unique_email
from support.flows import enable_mfa, login, register_verified
from support.settings import LOW_LOGIN_CEILING_PER_IP


def retry_after(response) -> int:
    problem(response, 429, "rate_limited")
    value = response.headers.get("retry-after", "")
    assert value.isdigit() and int(value) > 0, f"Retry-After: {value!r}"
    return int(value)


@pytest.mark.req("ASVS v5.0.0-6.3.1", "NIST 800-63B-4 3.2.2")
def test_sequential_login_failures(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    for _ in range(5):
        problem(api.login(account.email, "wrong " + account.password), 401, "invalid_credentials")
    retry_after(api.login(account.email, "wrong " + account.password))
    retry_after(api.login(account.email, account.password))  # the limit holds for the right password too


@pytest.mark.req("ASVS v5.0.0-6.3.1", "baseline: atomic counters")
def test_a_burst_of_fifty_parallel_wrong_passwords(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    if cell.transport == "cookie":
        api.fetch_csrf()
    clones = [api.clone() for _ in range(50)]
    responses = in_parallel([lambda c=c: c.login(account.email, "wrong " + account.password) for c in clones])
    statuses = [r.status_code for r in responses]
    assert set(statuses) <= {401, 429}, statuses
    assert statuses.count(401) <= 5, f"{statuses.count(401)} attempts reached the password check"
    for response in responses:
        if response.status_code == 429:
            retry_after(response)
    for clone in clones:
        clone.close()


@pytest.mark.req("ASVS v5.0.0-6.3.1", "OWASP authentication: unknown emails count the same")
def test_unknown_emails_are_limited_the_same(api):
    email = unique_email("nobody")
    for _ in range(5):
        problem(api.login(email, "some long wrong password"), 401, "invalid_credentials")
    retry_after(api.login(email, "some long wrong password"))


# Another loopback address than every other case's 127.0.0.1: its attempts alone count against it.
SPRAYER = "127.0.0.2"


@pytest.mark.req("ASVS v5.0.0-6.3.1", "baseline: per-IP ceiling")
def test_the_per_ip_ceiling(strict_server, cell):
    api = Api(strict_server, cell.transport, local_address=SPRAYER)
    for _ in range(LOW_LOGIN_CEILING_PER_IP):
        problem(api.login(unique_email("spray"), "some long wrong password"), 401)
    retry_after(api.login(unique_email("spray"), "some long wrong password"))
    elsewhere = Api(strict_server, cell.transport)
    problem(elsewhere.login(unique_email("spray"), "some long wrong password"), 401)  # the ceiling is per IP
    api.close()
    elsewhere.close()


@pytest.mark.req("ASVS v5.0.0-6.3.1", "baseline: reset request 3 per 60 min")
def test_reset_requests(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    for _ in range(3):
        assert api.post("/auth/password/forgot", {"email": account.email}).status_code == 202
    retry_after(api.post("/auth/password/forgot", {"email": account.email}))


def wrong_code(totp: pyotp.TOTP) -> str:
    import time

    valid = {totp.at(time.time() + step * 30) for step in range(-3, 4)}
    return next(code for code in (f"{n:06d}" for n in range(100000, 999999, 7919)) if code not in valid)


@pytest.mark.min_mode(2)
@pytest.mark.req("NIST 800-63B-4 3.2.2", "ASVS v5.0.0-6.3.1", "baseline: TOTP 10 per 10 min")
def test_totp_verification(api, inbox, cell, make_api):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    enable_mfa(api, account)
    client = make_api()
    pending = client.login(account.email, account.password).json()["mfaToken"]
    answers = []
    for _ in range(10):
        answers.append(client.post("/auth/mfa/verify", {"mfaToken": pending, "code": wrong_code(account.totp)}))
    assert all(r.status_code == 401 for r in answers), [(r.status_code, r.text[:100]) for r in answers]
    fresh = client.login(account.email, account.password).json()["mfaToken"]
    retry_after(client.post("/auth/mfa/verify", {"mfaToken": fresh, "code": account.totp.now()}))


@pytest.mark.min_mode(2)
@pytest.mark.req("baseline: biometric login 10 per 15 min")
def test_biometric_login(api, inbox, cell):
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    device = {"deviceFingerprint": "fp-limit", "deviceName": "phone", "platform": "android"}
    token = api.post("/auth/biometric/register", device).json()["deviceToken"]
    for _ in range(10):
        problem(api.post("/auth/biometric/login", {"deviceToken": token, "deviceFingerprint": "other"}), 401)
    retry_after(api.post("/auth/biometric/login", {"deviceToken": token, "deviceFingerprint": "fp-limit"}))
