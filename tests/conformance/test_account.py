"""Every mode-1 endpoint and its problem documents; email verification from mode 2."""

import pytest

from support.assertions import problem, user_shape
from support.client import strong_password, unique_email
from support.flows import login, register_verified
from support.project import APP_URL


@pytest.mark.req("ASVS v5.0.0-6.2.1", "contract: register")
def test_register_answers_per_mode(api, inbox, cell):
    email = unique_email()
    response = api.register(email, strong_password())
    if cell.mode == 1:
        assert response.status_code == 201, response.text
        user = response.json()["user"]
        user_shape(user, cell.mode)
        assert user["email"] == email
    else:
        assert response.status_code == 202, response.text
        assert response.json() == {"status": "verification_sent"}
        mail = inbox.wait_for(email)[0]
        assert {"text/plain", "text/html"} <= set(mail.parts()), "each mail has a text and an HTML part"


@pytest.mark.req("ASVS v5.0.0-6.3.8")
def test_register_taken_email(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    again = api.register(account.email, strong_password())
    if cell.mode == 1:
        problem(again, 409, "conflict")
    else:
        assert again.status_code == 202 and again.json() == {"status": "verification_sent"}
        mails = inbox.wait_for(account.email, count=2)
        assert "verify-email?token=" not in mails[-1].text, "the owner of a taken email gets a notice, not a link"


def test_register_rejects_an_invalid_email(api):
    body = problem(api.register("not-an-email", strong_password()), 400, "validation_error")
    assert any(error.get("field") == "email" for error in body.get("errors", [])), body


@pytest.mark.req("ASVS v5.0.0-6.3.1", "contract: login")
def test_login_me_and_user_shape(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    grant = login(api, account, cell.mode)
    assert isinstance(grant["expiresIn"], int) and 0 < grant["expiresIn"] <= 15 * 60
    user_shape(grant["user"], cell.mode)
    me = api.me()
    assert me.status_code == 200, me.text
    assert me.json()["email"] == account.email and me.json()["id"] == grant["user"]["id"]
    user_shape(me.json(), cell.mode)


def test_login_wrong_password_is_a_problem(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    problem(api.login(account.email, account.password + "x"), 401, "invalid_credentials")


@pytest.mark.req("ASVS v5.0.0-7.4.1")
def test_me_without_a_token(api):
    problem(api.me(), 401, "token_invalid", "token_expired", "session_revoked")


@pytest.mark.req("ASVS v5.0.0-7.4.1", "contract: logout")
def test_logout_ends_the_session(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    saved = api.credentials()
    assert api.logout().status_code == 204
    api.restore(saved)
    problem(api.me(), 401)
    problem(api.refresh(), 401)


@pytest.mark.req("ASVS v5.0.0-6.2.2", "ASVS v5.0.0-6.2.3")
def test_password_change(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    new = strong_password()
    problem(api.post("/auth/password/change", {"newPassword": new}), 400, "validation_error")
    problem(api.post("/auth/password/change", {"currentPassword": "wrong" + account.password, "newPassword": new}), 401)
    changed = api.post("/auth/password/change", {"currentPassword": account.password, "newPassword": new})
    assert changed.status_code == 204, changed.text
    problem(api.login(account.email, account.password), 401, "invalid_credentials")
    account.password = new
    login(api, account, cell.mode)


@pytest.mark.req("ASVS v5.0.0-6.3.8", "OWASP forgot-password")
def test_forgot_password_same_answer_and_link_from_app_url(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    known = api.post("/auth/password/forgot", {"email": account.email}, headers={"X-Forwarded-Host": "evil.example"})
    unknown = api.post("/auth/password/forgot", {"email": unique_email("nobody")})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json() == {"status": "reset_sent"}
    token = inbox.token(account.email, APP_URL, "reset-password")
    mail = inbox.to(account.email)[-1]
    assert "evil.example" not in mail.text
    assert {"text/plain", "text/html"} <= set(mail.parts())
    assert len(token) >= 22


@pytest.mark.req("ASVS v5.0.0-6.4.1", "OWASP forgot-password")
def test_reset_password_single_use_no_auto_login(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    assert api.post("/auth/password/forgot", {"email": account.email}).status_code == 202
    token = inbox.token(account.email, APP_URL, "reset-password")
    new = strong_password()
    reset = api.post("/auth/password/reset", {"token": token, "password": new})
    assert reset.status_code == 204, reset.text
    assert not any("token" in h.lower() for h in reset.headers.get_list("set-cookie")), "no auto-login"
    problem(api.post("/auth/password/reset", {"token": token, "password": strong_password()}), (400, 401))
    problem(api.post("/auth/password/reset", {"token": "A" * 43, "password": strong_password()}), (400, 401))
    problem(api.login(account.email, account.password), 401)
    account.password = new
    login(api, account, cell.mode)


@pytest.mark.req("contract: password reset", "OWASP forgot-password")
def test_reset_refusing_a_weak_password_keeps_the_link(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    assert api.post("/auth/password/forgot", {"email": account.email}).status_code == 202
    token = inbox.token(account.email, APP_URL, "reset-password")
    problem(
        api.post("/auth/password/reset", {"token": token, "password": "short"}),
        400,
        "weak_password",
        "validation_error",
    )
    new = strong_password()
    assert api.post("/auth/password/reset", {"token": token, "password": new}).status_code == 204
    account.password = new
    login(api, account, cell.mode)


@pytest.mark.min_mode(2)
@pytest.mark.req("contract: email verification", "ASVS v5.0.0-6.4.1")
def test_unverified_login_and_single_use_verification(api, inbox, cell):
    email, password = unique_email(), strong_password()
    assert api.register(email, password).status_code == 202
    body = problem(api.login(email, password), 403, "email_unverified")
    assert "resend" in (body.get("detail", "") + str(body)).lower()
    assert api.post("/auth/verify-email/resend", {"email": email}).status_code == 204
    assert api.post("/auth/verify-email/resend", {"email": unique_email("nobody")}).status_code == 204
    inbox.wait_for(email, count=2)
    token = inbox.token(email, APP_URL, "verify-email")
    assert api.post("/auth/verify-email", {"token": token}).status_code == 204
    problem(api.post("/auth/verify-email", {"token": token}), (400, 401))
    problem(api.post("/auth/verify-email", {"token": "B" * 43}), (400, 401))


def test_unknown_route_is_a_problem(api):
    problem(api.get("/auth/no/such/route"), 404, "not_found")


@pytest.mark.req("ASVS v5.0.0-3.5.3")
def test_logout_is_never_a_get(api):
    response = api.get("/auth/logout")
    assert response.status_code in (404, 405), response.text
    problem(response, response.status_code)


@pytest.mark.max_mode(3)
def test_operations_above_the_mode_are_absent(api, inbox, cell):
    absent = {1: ("POST", "/auth/mfa/setup"), 2: ("GET", "/auth/sessions"), 3: ("GET", "/records/1")}
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    method, path = absent[cell.mode]
    problem(api.request(method, path, json={} if method == "POST" else None), 404, "not_found")
