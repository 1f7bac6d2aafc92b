"""docs/openapi.yaml: a valid OpenAPI 3.1 document that covers the whole contract (no server needed)."""

import re
from pathlib import Path

import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text(encoding="utf-8"))
METHODS = {"get", "post", "put", "patch", "delete"}

# Every operation of the contract's table and docs/api.md, with the mode that introduces it.
CONTRACT = {
    ("get", "/health"): 1,
    ("get", "/health/ready"): 1,
    ("post", "/auth/register"): 1,
    ("post", "/auth/login"): 1,
    ("post", "/auth/refresh"): 1,
    ("post", "/auth/logout"): 1,
    ("get", "/auth/me"): 1,
    ("post", "/auth/password/forgot"): 1,
    ("post", "/auth/password/reset"): 1,
    ("post", "/auth/password/change"): 1,
    ("get", "/auth/csrf"): 1,
    ("post", "/auth/verify-email"): 2,
    ("post", "/auth/verify-email/resend"): 2,
    ("post", "/auth/mfa/setup"): 2,
    ("post", "/auth/mfa/enable"): 2,
    ("post", "/auth/mfa/verify"): 2,
    ("post", "/auth/mfa/disable"): 2,
    ("post", "/auth/mfa/recovery-codes"): 2,
    ("post", "/auth/biometric/register"): 2,
    ("post", "/auth/biometric/login"): 2,
    ("post", "/auth/passkeys/register/begin"): 2,
    ("post", "/auth/passkeys/register/finish"): 2,
    ("post", "/auth/passkeys/login/begin"): 2,
    ("post", "/auth/passkeys/login/finish"): 2,
    ("get", "/auth/passkeys"): 2,
    ("patch", "/auth/passkeys/{id}"): 2,
    ("delete", "/auth/passkeys/{id}"): 2,
    ("get", "/auth/sessions"): 3,
    ("delete", "/auth/sessions/{id}"): 3,
    ("get", "/auth/audit-log"): 3,
    ("get", "/admin/users"): 3,
    ("patch", "/admin/users/{id}/role"): 3,
    ("post", "/auth/consent"): 4,
    ("get", "/records/{id}"): 4,
    ("post", "/admin/emergency-access"): 4,
    ("get", "/auth/audit-log/verify"): 4,
}
CONTRACT_CODES = {
    "validation_error", "invalid_credentials", "rate_limited", "token_invalid", "token_expired",
    "session_revoked", "mfa_required", "mfa_invalid", "email_unverified", "consent_required",
    "forbidden", "not_found", "csrf_failed", "weak_password", "conflict",
}  # fmt: skip


def operations():
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


def test_the_document_is_valid_openapi_3_1():
    assert SPEC["openapi"].startswith("3.1")
    validate(SPEC)


def test_every_contract_operation_is_present_with_its_mode():
    found = {(method, path): operation["x-mode"] for method, path, operation in operations()}
    assert found == CONTRACT


def test_every_error_is_a_problem_document_with_a_contract_code():
    codes = set(SPEC["components"]["schemas"]["ErrorCode"]["enum"])
    assert codes >= CONTRACT_CODES
    for method, path, operation in operations():
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            name = response["$ref"].rsplit("/", 1)[-1]
            content = SPEC["components"]["responses"][name]["content"]
            assert list(content) == ["application/problem+json"], (method, path, status)
            assert content["application/problem+json"]["schema"]["$ref"].endswith("/Problem")


def test_rate_limited_answers_document_retry_after():
    assert "Retry-After" in SPEC["components"]["responses"]["TooManyRequests"]["headers"]
    limited = {path for method, path, op in operations() if "429" in op["responses"]}
    assert {"/auth/login", "/auth/mfa/verify", "/auth/password/forgot", "/auth/biometric/login"} <= limited


def test_every_operation_but_liveness_documents_503_with_retry_after():
    assert "Retry-After" in SPEC["components"]["responses"]["ServiceUnavailable"]["headers"]
    for method, path, operation in operations():
        if path != "/health":
            assert "503" in operation["responses"], (method, path)


def test_both_transports_are_documented():
    schemes = SPEC["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {**schemes["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert schemes["cookieAuth"]["in"] == "cookie" and schemes["cookieAuth"]["name"] == "__Host-access_token"
    assert schemes["csrfHeader"]["in"] == "header" and schemes["csrfHeader"]["name"] == "X-CSRF-Token"
    for method, path, operation in operations():
        if method != "get" and operation.get("security"):
            assert {"cookieAuth": [], "csrfHeader": []} in operation["security"], (method, path)


def test_a_cookie_grant_can_never_carry_a_token():
    cookie = SPEC["components"]["schemas"]["CookieGrant"]
    assert {"required": ["accessToken"]} in cookie["not"]["anyOf"]
    assert {"required": ["refreshToken"]} in cookie["not"]["anyOf"]


def test_paths_have_no_trailing_slash_and_camel_case_members():
    for _, path, _ in operations():
        assert path == "/health" or not path.endswith("/")
    for name, schema in SPEC["components"]["schemas"].items():
        for member in schema.get("properties", {}):
            assert re.fullmatch(r"[a-z][a-zA-Z]*", member), (name, member)


def test_every_operation_a_lower_mode_lacks_documents_its_404():
    for method, path, operation in operations():
        if operation["x-mode"] >= 2:
            assert "404" in operation["responses"], (method, path)
