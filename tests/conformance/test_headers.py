"""Security headers on every response, errors and 404s included; CORS never reflects an unlisted origin."""

import pytest

from support.assertions import problem
from support.client import unique_email
from support.settings import ALLOWED_ORIGIN

REFERRER_POLICIES = ("strict-origin-when-cross-origin", "no-referrer", "same-origin", "strict-origin")


def check_headers(response) -> list[str]:
    h = response.headers
    missing = []
    hsts = h.get("strict-transport-security", "")
    age = int(hsts.split("max-age=")[1].split(";")[0]) if "max-age=" in hsts else 0
    if age < 31536000 or "includesubdomains" not in hsts.lower():
        missing.append(f"HSTS {hsts!r}")
    if h.get("x-frame-options", "").upper() != "DENY":
        missing.append("X-Frame-Options")
    if h.get("x-content-type-options", "").lower() != "nosniff":
        missing.append("X-Content-Type-Options")
    csp = h.get("content-security-policy", "")
    for directive in ("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"):
        if directive not in csp:
            missing.append(f"CSP {directive}")
    if h.get("referrer-policy", "") not in REFERRER_POLICIES:
        missing.append("Referrer-Policy")
    permissions = h.get("permissions-policy", "").replace(" ", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        if feature not in permissions:
            missing.append(f"Permissions-Policy {feature}")
    if "x-powered-by" in h:
        missing.append("X-Powered-By present")
    if h.get("x-xss-protection", "0") != "0":
        missing.append("X-XSS-Protection other than 0")
    return missing


@pytest.mark.req("ASVS v5.0.0-3.4.1", "ASVS v5.0.0-3.4.3", "ASVS v5.0.0-3.4.4", "ASVS v5.0.0-3.4.5", "v5.0.0-3.4.6")
def test_every_kind_of_response_carries_the_headers(api, host_paths):
    # In an application that answers /health itself, an unknown method goes to one of the auth's paths instead.
    own = "/auth/login" if "/health" in host_paths else "/health"
    responses = {
        "404 unknown": api.get("/auth/nothing/here"),
        "401 me": api.get("/auth/me"),
        "400 bad body": api.post("/auth/login", {"email": 5}),
        "401 login": api.post("/auth/login", {"email": unique_email(), "password": "wrong password here"}),
        "405 method": api.request("DELETE", own),
        "202 forgot": api.post("/auth/password/forgot", {"email": unique_email()}),
    }
    if own == "/health":
        responses["200 health"] = api.get("/health")
    email = unique_email("headers")
    for _ in range(5):
        api.post("/auth/login", {"email": email, "password": "wrong password here"})
    responses["429 limited"] = api.post("/auth/login", {"email": email, "password": "wrong password here"})
    assert responses["429 limited"].status_code == 429
    failures = {name: missing for name, r in responses.items() if (missing := check_headers(r))}
    assert not failures, failures


@pytest.mark.req("ASVS v5.0.0-14.3.2")
def test_auth_responses_are_not_stored(api):
    for response in (api.get("/auth/me"), api.post("/auth/login", {"email": unique_email(), "password": "x" * 20})):
        assert "no-store" in response.headers.get("cache-control", ""), response.headers


@pytest.mark.req("ASVS v5.0.0-3.4.2")
def test_cors_never_reflects_an_unlisted_origin(api):
    evil = "https://evil.example"
    simple = api.get("/auth/me", headers={"Origin": evil})
    preflight = api.request("OPTIONS", "/auth/login", headers={"Origin": evil, "Access-Control-Request-Method": "POST"})
    for response in (simple, preflight):
        allowed = response.headers.get("access-control-allow-origin")
        assert allowed not in (evil, "*", "null"), response.headers
    listed = api.request(
        "OPTIONS", "/auth/login", headers={"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    assert listed.headers.get("access-control-allow-origin") == ALLOWED_ORIGIN, listed.headers


@pytest.mark.req("ASVS v5.0.0-13.4.4")
def test_trace_is_refused(api, host_paths):
    response = api.request("TRACE", "/auth/login" if "/health" in host_paths else "/health")
    assert response.status_code in (405, 501), response.status_code
    problem(response, response.status_code)
