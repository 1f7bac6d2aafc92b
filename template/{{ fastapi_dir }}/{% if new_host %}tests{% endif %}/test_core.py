from identity.settings import settings
from tests.conftest import PASSWORD, login, register


def test_health(client):
    assert client.get("/health").json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["dependencies"]["database"] == "ok"


def test_register_login_me_logout(client, email):
    registered = register(client, email)
    if settings.AUTH_MODE == 1:
        assert registered.status_code == 201, registered.text
        assert registered.json()["user"]["email"] == email
        assert register(client, email).json()["code"] == "conflict"
    else:
        assert registered.status_code == 202 and registered.json() == {"status": "verification_sent"}
        assert register(client, email).json() == {"status": "verification_sent"}, "a taken email answers alike"
    grant = login(client, email)
    assert grant.status_code == 200, grant.text
    assert grant.json()["expiresIn"] == settings.ACCESS_TOKEN_TTL_SECONDS
    me = client.get("/auth/me")
    assert me.status_code == 200 and me.json()["email"] == email
    body = {"refreshToken": grant.json()["refreshToken"]} if settings.AUTH_TRANSPORT == "bearer" else None
    assert client.post("/auth/logout", json=body).status_code == 204
    assert client.get("/auth/me").json()["code"] in ("session_revoked", "token_invalid")


def test_wrong_password_and_weak_passwords(client, email):
    register(client, email)
    refused = login(client, email, PASSWORD + "x")
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "invalid_credentials"
    other = "other-" + email
    for weak in ("short", "yfdbufnjh10305070", other + "-and-more"):
        answer = register(client, other, weak, verified=False)
        assert answer.status_code == 400 and answer.json()["code"] == "weak_password", weak


def test_login_is_rate_limited_per_email(client, email):
    register(client, email)
    for _ in range(settings.RATE_LIMIT_LOGIN_PER_EMAIL):
        assert login(client, email, "wrong password, long enough").status_code == 401
    limited = login(client, email, PASSWORD)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0


def test_refresh_rotates_and_reuse_is_refused(client, email):
    register(client, email)
    grant = login(client, email).json()
    if settings.AUTH_TRANSPORT == "bearer":
        first = client.post("/auth/refresh", json={"refreshToken": grant["refreshToken"]})
        assert first.status_code == 200 and first.json()["refreshToken"] != grant["refreshToken"]
        again = client.post("/auth/refresh", json={"refreshToken": grant["refreshToken"]})
        assert again.json()["refreshToken"] == first.json()["refreshToken"], "the same successor in the grace window"
    else:
        spent = client.cookies.get("refresh_token")
        assert client.post("/auth/refresh").status_code == 200
        assert client.cookies.get("refresh_token") != spent


def test_password_reset_by_mailed_link(client, email, outbox):
    register(client, email)
    login(client, email)
    outbox()
    assert client.post("/auth/password/forgot", json={"email": email}).json() == {"status": "reset_sent"}
    unknown = client.post("/auth/password/forgot", json={"email": "nobody-" + email})
    assert unknown.status_code == 202
    (link,) = outbox()
    token = link.split("token=")[1]
    new_password = "a brand new passphrase for this account"
    assert client.post("/auth/password/reset", json={"token": token, "password": new_password}).status_code == 204
    assert client.post("/auth/password/reset", json={"token": token, "password": new_password}).status_code == 400
    assert client.get("/auth/me").status_code == 401, "every session ended"
    assert login(client, email, new_password).status_code == 200


def test_password_change_keeps_this_session(client, email):
    register(client, email)
    login(client, email)
    new_password = "another long passphrase to remember"
    change = {"currentPassword": PASSWORD, "newPassword": new_password}
    assert client.post("/auth/password/change", json=change).status_code == 204
    assert client.get("/auth/me").status_code == 200
    assert login(client, email, new_password).status_code == 200


def test_bad_input_is_a_problem_document(client):
    for body in ({"email": 5, "password": PASSWORD}, {"email": "not-an-email", "password": PASSWORD}, {}):
        answer = client.post("/auth/login", json=body)
        assert answer.status_code == 400, body
        assert answer.json()["code"] == "validation_error"
    malformed = client.post("/auth/login", content=b'{"email": ', headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400 and malformed.json()["code"] == "validation_error"
    assert client.get("/auth/nothing/here").json()["code"] == "not_found"


def test_security_headers_on_the_auth_routes(client):
    response = client.get("/auth/me")
    assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"


def test_a_legacy_bcrypt_hash_is_upgraded_at_login(client, email):
    import bcrypt
    from sqlalchemy import select

    from identity.database import SessionLocal
    from identity.models import Account

    register(client, email)
    with SessionLocal() as db:
        account = db.scalar(select(Account).where(Account.email == email))
        account.password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
        db.commit()
    assert login(client, email).status_code == 200
    with SessionLocal() as db:
        assert db.scalar(select(Account.password_hash).where(Account.email == email)).startswith("$argon2id$")
