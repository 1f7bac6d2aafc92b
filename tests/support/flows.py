"""The contract's multi-step flows, shared by the cases: a verified user, consent, MFA."""

from __future__ import annotations

import time
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


def login(api: Api, account: Account, mode: int, *, step: int = -1) -> dict:
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


# The backends accept a code of the current 30-second step or of one step either side, and only
# of a step later than the last one they accepted for the user (a replay, or an older code, is
# refused). A run that needs several codes in a row takes them from successive steps of that
# window instead of waiting for the clock.
SAFETY_SECONDS = 10  # a code of the previous step is used only while this much of the step is left
_last_step: dict[str, int] = {}


def fresh_code(totp: pyotp.TOTP, earliest: int = -1) -> str:
    """A code the backend accepts now: of the earliest step, from ``earliest`` steps off the current
    one up to one step ahead, that is later than the last step this run spent on ``totp``'s secret.
    Waits for the next step only when the window holds no such step (three codes spent in it)."""
    assert earliest <= 1, "the backends accept no code more than one step ahead"
    while True:
        now = time.time()
        current = int(now // totp.interval)
        left = totp.interval - now % totp.interval
        first = current + max(earliest, 0 if left < SAFETY_SECONDS else -1)
        step = max(first, _last_step.get(totp.secret, first - 1) + 1)
        if step <= current + 1:
            _last_step[totp.secret] = step
            return totp.generate_otp(step)
        time.sleep(left + 0.05)


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
