"""Bad input answers a 4xx problem document, never a 5xx, and writes nothing."""

import json

import pytest

from support.assertions import is_4xx_problem, problem
from support.client import strong_password, unique_email

ENDPOINTS = ["/auth/register", "/auth/login", "/auth/password/forgot", "/auth/password/reset"]

RAW_BODIES = {
    "malformed json": b'{"email": "a@b.test", "password": ',
    "json array": b"[]",
    "json string": b'"hello"',
    "json null": b"null",
    "lone surrogate": b'{"email": "\\ud800@x.test", "password": "long enough password here"}',
    "invalid utf-8": b'{"email": "\xff\xfe@x.test", "password": "long enough password here"}',
    "one megabyte": json.dumps({"email": "big@x.test", "password": "p" * (1024 * 1024)}).encode(),
    "deep nesting": b'{"email": ' + b"[" * 5000 + b"]" * 5000 + b"}",
}

BAD_FIELDS = {
    "wrong types": {"email": 123, "password": ["not", "a", "string"]},
    "missing members": {},
    "null members": {"email": None, "password": None},
    "object email": {"email": {"$ne": ""}, "password": "long enough password here"},
    "nul byte in email": {"email": "nul\x00@x.test", "password": "long enough password here"},
    "nul byte in password": {"email": "nul@x.test", "password": "long enough\x00password here"},
    "300-character email": {"email": "a" * 290 + "@x.test", "password": "long enough password here"},
    "sql injection": {"email": "' OR '1'='1' --@x.test", "password": "' OR '1'='1' -- long enough"},
    "header injection": {"email": "a@x.test\r\nBcc: victim@x.test", "password": "long enough password here"},
    "crlf log forging": {"email": 'fake@x.test\r\n{"event": "USER_LOGIN", "forged": true}', "password": "x" * 20},
    "bidi and zero-width": {"email": "\u202eadmin\u200b@x.test", "password": "long enough password here"},
}


def post_raw(api, path, body: bytes):
    return api.request("POST", path, content=body, headers={"Content-Type": "application/json"})


@pytest.mark.req("ASVS v5.0.0-16.5.1", "contract: bad input")
@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("name", sorted(RAW_BODIES))
def test_raw_bodies(api, path, name):
    is_4xx_problem(post_raw(api, path, RAW_BODIES[name]))


@pytest.mark.req("ASVS v5.0.0-16.5.1", "ASVS v5.0.0-16.4.1", "contract: bad input")
@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("name", sorted(BAD_FIELDS))
def test_bad_fields(api, path, name):
    body = BAD_FIELDS[name]
    if path == "/auth/password/forgot":
        body = {"email": body["email"]} if "email" in body else body  # the only member it reads
        if name == "nul byte in password":
            body = {"email": "nul\x00@x.test"}
    response = api.post(path, body)
    if path == "/auth/login" and name == "sql injection":
        assert response.status_code in (400, 401), response.text  # a well-formed attempt that fails
    is_4xx_problem(response)


@pytest.mark.req("contract: nothing written")
@pytest.mark.parametrize("bad", ["nul\x00 in the password, long enough", "a" * 10, {"nested": "object"}])
def test_a_refused_registration_writes_nothing(api, inbox, cell, bad):
    email = unique_email("refused")
    is_4xx_problem(api.register(email, bad))
    fine = api.register(email, strong_password())
    assert fine.status_code == (201 if cell.mode == 1 else 202), fine.text
    if cell.mode >= 2:
        mails = inbox.wait_for(email)
        assert len(mails) == 1 and "verify-email?token=" in mails[0].text, "a new account, not a taken one"


@pytest.mark.req("ASVS v5.0.0-16.4.1")
def test_crlf_cannot_forge_a_log_line(api, server):
    forged = '{"event": "USER_LOGIN", "forged": "crlf-probe"}'
    for path in ("/auth/login", "/auth/password/forgot", "/auth/register"):
        api.post(path, {"email": f"probe@x.test\r\n{forged}", "password": "x" * 20})
        api.post(path, {"email": f"probe@x.test\n{forged}", "password": "x" * 20})
    for line in server.log().splitlines():
        assert not line.lstrip().startswith('{"event": "USER_LOGIN", "forged"'), line


@pytest.mark.min_mode(3)
@pytest.mark.req("ASVS v5.0.0-16.5.1", "contract: bad input")
def test_a_nul_byte_in_a_path_parameter_or_query(admin):
    for response in (
        admin.delete("/auth/sessions/%00"),
        admin.delete("/auth/sessions/abc%00def"),
        admin.patch("/admin/users/abc%00def/role", {"role": "member"}),
        admin.get("/auth/audit-log?event=%00"),
    ):
        is_4xx_problem(response)


@pytest.mark.min_mode(3)
@pytest.mark.req("contract: bad input")
def test_an_audit_log_date_that_is_no_date_is_refused(admin):
    for query in ("since=yesterday", "until=2024-13-45T99:00:00Z"):
        body = is_4xx_problem(admin.get(f"/auth/audit-log?{query}"))
        assert body["code"] == "validation_error", body


@pytest.mark.req("contract: bad input")
@pytest.mark.parametrize("path", ["/auth/register", "/auth/password/forgot"])
def test_a_non_ascii_local_part_is_refused(api, path):
    body = {"email": "élodie@example.test", "password": strong_password()}
    if path == "/auth/password/forgot":
        body = {"email": body["email"]}
    problem(api.post(path, body), 400, "validation_error")


@pytest.mark.req("contract: methods")
@pytest.mark.parametrize(("path", "allowed"), [("/auth/login", "POST"), ("/auth/register", "POST")])
def test_a_method_a_path_does_not_take_is_405_with_allow(api, path, allowed):
    response = api.get(path)
    problem(response, 405, "method_not_allowed")
    assert allowed in response.headers["Allow"].replace(" ", "").split(","), response.headers


@pytest.mark.req("contract: methods")
def test_a_path_the_api_does_not_serve_is_404(api):
    problem(api.get("/auth/no-such-route"), 404, "not_found")
