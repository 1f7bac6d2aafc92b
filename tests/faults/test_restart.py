"""A crash (SIGKILL) and a restart: the server serves again within 3 seconds, and a refresh whose
answer the crash lost succeeds when the client retries it, with the same successor."""

from __future__ import annotations

import time

from support.client import Api

RESTART_SECONDS = 3


def test_a_killed_server_serves_again_within_three_seconds(healthy):
    healthy.kill()
    started = time.monotonic()
    healthy.start(timeout=60)
    elapsed = time.monotonic() - started
    assert elapsed <= RESTART_SECONDS, f"the restart took {elapsed:.1f} s"


def test_a_refresh_retried_after_a_crash_gets_the_same_successor(signed_in: Api, healthy):
    spent = signed_in.refresh_token
    answered = signed_in.refresh()
    assert answered.status_code == 200, answered.text
    lost = answered.json()["refreshToken"]  # the answer the client never saw
    healthy.kill()
    healthy.start(timeout=60)
    retried = signed_in.refresh(spent)
    assert retried.status_code == 200, f"the retry after a restart: {retried.status_code} {retried.text}"
    assert retried.json()["refreshToken"] == lost
    signed_in.accept_grant(retried)
    assert signed_in.me().status_code == 200
    assert signed_in.refresh().status_code == 200, "the session did not survive the retry"
