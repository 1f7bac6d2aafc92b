"""Biometric device tokens: bound to the fingerprint, at most three per user."""

import pytest

from support.assertions import problem, user_shape
from support.flows import login, register_verified

pytestmark = pytest.mark.min_mode(2)


def device(n: int) -> dict:
    return {"deviceFingerprint": f"fingerprint-{n}", "deviceName": f"phone {n}", "platform": "ios"}


@pytest.mark.req("contract: biometric", "ASVS v5.0.0-7.2.3")
def test_register_and_login_with_the_fingerprint(api, inbox, cell, make_api):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    registered = api.post("/auth/biometric/register", device(1))
    assert registered.status_code == 201, registered.text
    body = registered.json()
    assert len(body["deviceToken"]) >= 22 and body["expiresAt"]
    phone = make_api()
    grant = phone.accept_grant(
        phone.post("/auth/biometric/login", {"deviceToken": body["deviceToken"], "deviceFingerprint": "fingerprint-1"})
    )
    user_shape(grant["user"], cell.mode)
    assert grant["user"]["email"] == account.email
    wrong = {"deviceToken": body["deviceToken"], "deviceFingerprint": "fingerprint-2"}
    problem(make_api().post("/auth/biometric/login", wrong), 401)


def test_registering_needs_a_session(make_api):
    problem(make_api().post("/auth/biometric/register", device(1)), (401, 403))


@pytest.mark.req("contract: at most 3 devices, a fourth replaces the oldest")
def test_a_fourth_device_replaces_the_oldest(api, inbox, cell, make_api):
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    tokens = [api.post("/auth/biometric/register", device(n)).json()["deviceToken"] for n in range(4)]
    oldest = {"deviceToken": tokens[0], "deviceFingerprint": "fingerprint-0"}
    problem(make_api().post("/auth/biometric/login", oldest), 401)
    for n in (1, 2, 3):
        client = make_api()
        client.accept_grant(
            client.post("/auth/biometric/login", {"deviceToken": tokens[n], "deviceFingerprint": f"fingerprint-{n}"})
        )
