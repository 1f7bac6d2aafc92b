from auth import settings
from auth.db import Session
from auth.models import User

from .conftest import PASSWORD


def test_health_and_readiness(client):
    assert client.get("/health").get_json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.get_json() == {"status": "ready", "dependencies": {"database": "ok"}}


def test_login_me_refresh_logout(client, make_user):
    make_user("ada@example.com")
    login = client.login("ada@example.com")
    assert login.status_code == 200, login.get_json()
    assert login.get_json()["user"]["email"] == "ada@example.com"
    assert client.get("/auth/me").get_json()["email"] == "ada@example.com"
    refreshed = client.refresh()
    assert refreshed.status_code == 200, refreshed.get_json()
    client.accept(refreshed)
    assert client.post("/auth/logout", {"refreshToken": client.refresh_token}).status_code == 204
    assert client.get("/auth/me").status_code == 401


def test_wrong_password_and_unknown_email_answer_alike(client, make_user):
    make_user("ada@example.com")
    wrong = client.post("/auth/login", {"email": "ada@example.com", "password": "not " + PASSWORD})
    unknown = client.post("/auth/login", {"email": "nobody@example.com", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json()["code"] == unknown.get_json()["code"] == "invalid_credentials"
    assert wrong.content_type == "application/problem+json"


def test_failed_logins_are_limited_and_successes_are_not_counted(client, make_user):
    make_user("ada@example.com")
    for _ in range(settings.RATE_LIMIT_LOGIN_PER_EMAIL - 1):
        assert (
            client.post("/auth/login", {"email": "ada@example.com", "password": "wrong password here"}).status_code
            == 401
        )
    for _ in range(3):
        assert client.login("ada@example.com").status_code == 200
    assert (
        client.post("/auth/login", {"email": "ada@example.com", "password": "wrong password here"}).status_code == 401
    )
    limited = client.login("ada@example.com")
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0


def test_a_spent_refresh_token_ends_every_session(client, make_user, monkeypatch):
    make_user("ada@example.com")
    client.login("ada@example.com")
    first = client.refresh_token, client.http.get_cookie("refresh_token", path="/auth")
    assert client.refresh().status_code == 200
    monkeypatch.setattr(settings, "REFRESH_REUSE_GRACE_SECONDS", -1)
    if settings.TRANSPORT == "bearer":
        client.refresh_token = first[0]
    else:
        client.http.set_cookie("refresh_token", first[1].value, path="/auth")
    reused = client.refresh()
    assert reused.status_code == 401 and reused.get_json()["code"] == "token_invalid"
    assert client.get("/auth/me").status_code == 401


def test_password_change_keeps_this_session_and_ends_the_others(client, make_client, make_user):
    make_user("ada@example.com")
    other = make_client()
    other.login("ada@example.com")
    client.login("ada@example.com")
    new = "a different long passphrase"
    changed = client.post("/auth/password/change", {"currentPassword": PASSWORD, "newPassword": new})
    assert changed.status_code == 204, changed.get_json()
    assert client.get("/auth/me").status_code == 200
    assert other.get("/auth/me").status_code == 401
    assert make_client().login("ada@example.com", new).status_code == 200


def test_weak_passwords_are_refused(client, make_user):
    make_user("ada@example.com")
    client.login("ada@example.com")
    for weak in ("short one", "yfdbufnjh10305070", f"{settings.APP_NAME} is my password"):
        answer = client.post("/auth/password/change", {"currentPassword": PASSWORD, "newPassword": weak})
        assert answer.status_code == 400 and answer.get_json()["code"] == "weak_password", weak


def test_bad_bodies_are_problems(client):
    for body in (
        {},
        {"email": 5, "password": "x"},
        {"email": "a@b.test\r\nBcc: x@y.test", "password": "long password"},
    ):
        answer = client.post("/auth/login", body)
        assert answer.status_code == 400 and answer.get_json()["code"] == "validation_error", body
    raw = client.http.post("/auth/login", data="[]", content_type="application/json", headers=client.headers)
    assert raw.status_code == 400


def test_a_legacy_werkzeug_hash_is_upgraded_at_login(client, make_user):
    from werkzeug.security import generate_password_hash

    user = make_user("ada@example.com")
    user.password_hash = generate_password_hash(PASSWORD)
    Session.commit()
    assert client.login("ada@example.com").status_code == 200
    Session.remove()
    assert Session.get(User, user.id).password_hash.startswith("$argon2id$")
