"""Work an answer promised is durable (docs/api.md, "Work after the answer"): a mail queued while
the mail server is down arrives once it is back; a server killed right after answering, or in the
middle of registrations, loses no link and no audit row, and creates no half or double account."""

from __future__ import annotations

import threading
import time

import httpx

from support.client import Api, strong_password, unique_email
from support.flows import Account, login
from support.project import APP_URL

# A job a killed process had claimed is run again once its claim lapses (30 s at most), then mailed.
MAIL_SECONDS = 45
# Moments after a registration is sent at which the server is killed: before, during and after
# the password hashing, the insert and the answer.
KILL_AFTER_SECONDS = (0.0, 0.03, 0.08, 0.15, 0.3)


def registered_events(admin: Api, user_id: str) -> list[dict]:
    response = admin.get("/auth/audit-log", params={"userId": user_id, "event": "USER_REGISTERED"})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def register(server, account: Account, answers: dict[str, int]) -> None:
    """One registration from its own connection; a crash that cuts the answer records nothing."""
    try:
        with httpx.Client(base_url=server.base_url, timeout=10) as client:
            body = {"email": account.email, "password": account.password}
            answers[account.email] = client.post("/auth/register", json=body).status_code
    except httpx.TransportError:
        pass


def verify_and_sign_in(api: Api, smtp_sink, cell, account: Account, timeout: float = MAIL_SECONDS) -> str:
    """Verifies the account from its mailed link and signs it in; returns its id."""
    token = smtp_sink.inbox.token(account.email, APP_URL, "verify-email", timeout=timeout)
    verified = api.post("/auth/verify-email", {"token": token})
    assert verified.status_code == 204, verified.text
    login(api, account, cell.mode)
    return api.user["id"]


def test_a_mail_queued_while_the_mail_server_is_down_arrives_once_it_is_back(api, smtp_sink, cell, admin):
    account = Account(unique_email("smtp-down"), strong_password())
    smtp_sink.halt()
    answered = api.register(account.email, account.password)
    assert answered.status_code == 202, answered.text
    time.sleep(3)  # the first attempts fail on a refused connection
    assert smtp_sink.inbox.count(account.email) == 0
    smtp_sink.resume()
    user_id = verify_and_sign_in(api, smtp_sink, cell, account)
    assert len(registered_events(admin, user_id)) == 1


def test_a_server_killed_right_after_answering_a_registration_still_mails_its_link(
    api, healthy, smtp_sink, cell, admin
):
    account = Account(unique_email("killed-after"), strong_password())
    answered = api.register(account.email, account.password)
    healthy.kill()
    assert answered.status_code == 202, answered.text
    healthy.start(timeout=60)
    user_id = verify_and_sign_in(api, smtp_sink, cell, account)
    assert len(registered_events(admin, user_id)) == 1


def test_registrations_cut_by_a_kill_leave_no_half_account_and_their_retry_succeeds(healthy, smtp_sink, cell, admin):
    accounts: list[Account] = []
    for delay in KILL_AFTER_SECONDS:
        batch = [Account(unique_email("cut"), strong_password()) for _ in range(3)]
        answers: dict[str, int] = {}

        threads = [threading.Thread(target=register, args=(healthy, account, answers)) for account in batch]
        for thread in threads:
            thread.start()
        time.sleep(delay)
        healthy.kill()
        for thread in threads:
            thread.join()
        healthy.start(timeout=60)
        assert set(answers.values()) <= {202}, answers
        accounts += batch

    api = Api(healthy, cell.transport)
    try:
        for account in accounts:
            retried = api.register(account.email, account.password)  # the client retries: same contract
            assert retried.status_code == 202, retried.text
        for account in accounts:
            user_id = verify_and_sign_in(api, smtp_sink, cell, account)
            assert len(registered_events(admin, user_id)) == 1, f"{account.email}: not one USER_REGISTERED"
            api.logout()
    finally:
        api.close()
