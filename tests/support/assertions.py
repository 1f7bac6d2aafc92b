"""Assertions on the contract's wire shapes: problem documents, users, timing."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx

CODES = {
    "validation_error", "invalid_credentials", "rate_limited", "token_invalid", "token_expired",
    "session_revoked", "mfa_required", "mfa_invalid", "email_unverified", "consent_required",
    "forbidden", "not_found", "csrf_failed", "weak_password", "conflict",
    "payload_too_large", "unsupported_media_type", "method_not_allowed", "internal_error", "service_unavailable",
}  # fmt: skip


def problem(response: httpx.Response, status: int | tuple[int, ...], *codes: str) -> dict:
    """The RFC 9457 document of ``response``, checked: status, media type, members, code."""
    statuses = (status,) if isinstance(status, int) else status
    assert response.status_code in statuses, f"expected {statuses}, got {response.status_code}: {response.text[:500]}"
    media = response.headers.get("content-type", "")
    assert media.startswith("application/problem+json"), f"not a problem document ({media}): {response.text[:300]}"
    body = response.json()
    for member in ("type", "title", "status", "code"):
        assert member in body, f"problem without {member}: {body}"
    assert body["status"] == response.status_code, body
    assert body["code"] in CODES, body
    if codes:
        assert body["code"] in codes, f"expected code {codes}, got {body['code']}: {body}"
    assert "Traceback" not in response.text and "<html" not in response.text.lower()
    return body


def is_4xx_problem(response: httpx.Response) -> dict:
    assert 400 <= response.status_code < 500, f"{response.status_code}: {response.text[:300]}"
    return problem(response, response.status_code)


def user_shape(user: dict, mode: int) -> None:
    assert isinstance(user["id"], str) and user["id"], user
    assert isinstance(user["email"], str) and isinstance(user["emailVerified"], bool), user
    assert isinstance(user["createdAt"], str), user
    if mode >= 2:
        assert isinstance(user["mfaEnabled"], bool), user
    if mode >= 3:
        assert isinstance(user["role"], str), user
    if mode >= 4:
        assert "consentVersion" in user and "consentedAt" in user, user


def timed(call: Callable[[], httpx.Response]) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = call()
    return time.perf_counter() - started, response


# Below this, a difference of medians is scheduling noise on a loopback socket of a shared 2-core
# machine, not something 20 samples can resolve (or an attacker over a network could).
NOISE_FLOOR_SECONDS = 0.002


def medians_close(first: list[float], second: list[float], tolerance: float = 0.20) -> tuple[bool, float, float]:
    """Medians within ``tolerance`` of each other, or within the noise floor for answers of a few ms."""
    a, b = statistics.median(first), statistics.median(second)
    return abs(a - b) <= max(tolerance * max(a, b), NOISE_FLOOR_SECONDS), a, b


def in_parallel(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    """Run every call at once, each on its own thread, released together."""
    import threading

    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def comparable(body: dict) -> dict:
    """A problem body without members that may differ per request (instance, request ids)."""
    return {k: v for k, v in body.items() if k not in ("instance", "requestId", "traceId")}
