"""The contract's multi-step flows, shared by the cases: a verified user, consent, MFA."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyotp

from .client import Api, strong_password, unique_email
from .mail import Inbox
from .project import APP_URL


@dataclass
class Account:
    email: str
    password: str
    totp: pyotp.TOTP | None = None
    recovery_codes: list[str] = field(default_factory=list)


def register_verified(api: Api, inbox: Inbox, mode: int, email: str | None = None, password: str | None = None):
    """A new account, its email verified from the mailed link in mode 2+."""
    account = Account(email or unique_email(), password or strong_password())
    before = inbox.count(account.email)
    response = api.register(account.email, account.password)
    if mode == 1:
        assert response.status_code == 201, response.text
        return account
    assert response.status_code == 202, response.text
    token = inbox.token(account.email, APP_URL, "verify-email", after=before)
    verified = api.post("/auth/verify-email", {"token": token})
    assert verified.status_code == 204, verified.text
    return account


def record_consent(api: Api, response) -> None:
    problem = response.json()
    assert problem.get("code") == "consent_required", response.text
    recorded = api.post("/auth/consent", {"version": "1", "consentToken": problem["consentToken"]})
    assert recorded.status_code == 204, recorded.text


def login(api: Api, account: Account, mode: int, *, step: int = 0) -> dict:
    """Log in through consent (mode 4) and MFA when enabled; returns the grant body."""
    response = api.login(account.email, account.password)
    if mode == 4 and response.status_code == 403 and response.json().get("code") == "consent_required":
        record_consent(api, response)
        response = api.login(account.email, account.password)
    assert response.status_code == 200, response.text
    body = response.json()
    if body.get("mfaRequired"):
        assert account.totp is not None, "MFA is on but the test has no TOTP secret"
        response = api.post("/auth/mfa/verify", {"mfaToken": body["mfaToken"], "code": fresh_code(account.totp, step)})
        if mode == 4 and response.status_code == 403 and response.json().get("code") == "consent_required":
            record_consent(api, response)  # MFA users meet the consent gate after their second factor
            return login(api, account, mode, step=step)
    return api.accept_grant(response)


_used_codes: set[tuple[str, str]] = set()


def fresh_code(totp: pyotp.TOTP, step: int = 0) -> str:
    """A code for the current step (+ ``step``) that this run has not shown yet (replay is refused)."""
    import time

    while True:
        at = time.time() + step * totp.interval
        code = totp.at(at)
        if (totp.secret, code) not in _used_codes:
            _used_codes.add((totp.secret, code))
            return code
        time.sleep(max(0.05, totp.interval - (time.time() % totp.interval) + 0.05))


def enable_mfa(api: Api, account: Account) -> Account:
    setup = api.post("/auth/mfa/setup", {"password": account.password})
    assert setup.status_code == 200, setup.text
    body = setup.json()
    account.totp = pyotp.TOTP(body["secret"])
    account.recovery_codes = list(body["recoveryCodes"])
    enabled = api.post("/auth/mfa/enable", {"code": fresh_code(account.totp)})
    assert enabled.status_code == 204, enabled.text
    return account


def new_session(server, transport: str, inbox: Inbox, mode: int) -> tuple[Api, Account]:
    """A fresh client logged in as a fresh verified user."""
    api = Api(server, transport)
    account = register_verified(api, inbox, mode)
    login(api, account, mode)
    return api, account
