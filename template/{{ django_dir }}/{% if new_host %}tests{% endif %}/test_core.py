import time

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher, PBKDF2SHA1PasswordHasher
from django.core import mail
from django.core.exceptions import ValidationError

from identity.cache import cache
from identity.errors import Problem, RateLimited
from identity.hashers import Argon2idHasher
from identity.models import Account, UserSession
from identity.services import jwt_tokens, ratelimit, sessions
from identity.validators import PersonalWordsValidator
from tests.conftest import PASSWORD, authorize, login

pytestmark = pytest.mark.django_db


def refresh(client, settings, token=None):
    body = {} if settings.AUTH_TRANSPORT == "cookie" else {"refreshToken": token}
    return client.post("/auth/refresh", body, format="json")


def test_health_carries_the_security_headers(client):
    response = client.get("/health")
    assert response.json() == {"status": "ok"}
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_login_and_me(client, make_user, settings):
    user = make_user()
    response = login(client, user.email)
    assert response.status_code == 200
    assert response.json()["user"]["email"] == user.email
    authorize(client, response, settings)
    me = client.get("/auth/me")
    assert me.status_code == 200
    assert me.json()["id"] == str(user.pk)
    assert me["Cache-Control"] == "no-store"


def test_wrong_password_and_unknown_email_answer_alike(client, make_user):
    make_user()
    wrong = login(client, "ada@example.com", "not the right password at all")
    unknown = login(client, "nobody@example.com", "not the right password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong["Content-Type"] == "application/problem+json"


def test_login_is_rate_limited_per_email(client, make_user, settings):
    make_user()
    for _ in range(settings.RATE_LIMIT_LOGIN_PER_EMAIL):
        assert login(client, "ada@example.com", "wrong password, wrong password").status_code == 401
    blocked = login(client, "ada@example.com", PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert blocked.json()["code"] == "rate_limited"


def test_refresh_answers_a_new_pair(client, make_user, settings):
    make_user()
    first = login(client, "ada@example.com")
    rotated = refresh(client, settings, first.json().get("refreshToken"))
    assert rotated.status_code == 200
    assert rotated.json()["user"]["email"] == "ada@example.com"


def test_reusing_a_spent_refresh_token_ends_every_session(make_user, rf, settings):
    settings.REFRESH_REUSE_GRACE_SECONDS = 0
    user = make_user()
    sessions.start(user, rf.post("/auth/login"))
    issued = sessions.start(user, rf.post("/auth/login"))
    sessions.rotate(issued.refresh_token, rf.post("/auth/refresh"))
    with pytest.raises(Problem):
        sessions.rotate(issued.refresh_token, rf.post("/auth/refresh"))
    assert not UserSession.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_parallel_refresh_inside_the_grace_window_gets_the_same_successor(make_user, rf):
    issued = sessions.start(make_user(), rf.post("/auth/login"))
    first = sessions.rotate(issued.refresh_token, rf.post("/auth/refresh"))
    second = sessions.rotate(issued.refresh_token, rf.post("/auth/refresh"))
    assert first.refresh_token == second.refresh_token


def test_logout_ends_the_access_token_too(client, make_user, settings):
    make_user()
    authorize(client, login(client, "ada@example.com"), settings)
    assert client.post("/auth/logout", {}, format="json").status_code == 204
    response = client.get("/auth/me")
    assert response.status_code == 401


def test_password_reset_mails_a_single_use_link_and_ends_sessions(
    client, make_user, settings, rf, django_capture_on_commit_callbacks
):
    user = make_user()
    issued = sessions.start(user, rf.post("/auth/login"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/auth/password/forgot", {"email": user.email}, format="json").status_code == 202
        assert client.post("/auth/password/forgot", {"email": "ghost@example.com"}, format="json").status_code == 202
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.alternatives
    token = message.body.split("token=")[1].split()[0]
    assert message.body.count(f"{settings.APP_URL}/reset-password?token=") == 1
    new_password = "a completely different passphrase"
    body = {"token": token, "password": new_password}
    assert client.post("/auth/password/reset", body, format="json").status_code == 204
    assert client.post("/auth/password/reset", body, format="json").status_code == 400
    issued.session.refresh_from_db()
    assert issued.session.revoked_at is not None
    assert login(client, user.email, new_password).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": 5, "password": PASSWORD}, "email"),
        ({"email": "ada@example.com", "password": ["x"]}, "password"),
        ({"email": "ada\u0000@example.com", "password": PASSWORD}, "email"),
    ],
)
def test_bad_input_is_a_validation_problem(client, body, field):
    response = client.post("/auth/login", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert field in {error["field"] for error in response.json()["errors"]}


def test_malformed_json_is_a_problem_not_a_crash(client):
    response = client.post("/auth/login", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_weak_and_common_passwords_are_refused(client):
    for password in ("short", "1q2w3e4r5t6y7u8i9o0p", "ada@example.com is my password"):
        response = client.post("/auth/register", {"email": "ada@example.com", "password": password}, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "weak_password"


ARGON2ID = (
    f"argon2$argon2id$v=19$m={Argon2idHasher.memory_cost},t={Argon2idHasher.time_cost},p={Argon2idHasher.parallelism}$"
)


def test_passwords_are_hashed_with_argon2id(make_user):
    assert make_user().user.password.startswith(ARGON2ID)


@pytest.mark.parametrize("hasher", [PBKDF2PasswordHasher, PBKDF2SHA1PasswordHasher, Argon2PasswordHasher])
def test_a_user_the_project_made_signs_in_and_the_hash_becomes_argon2id(client, settings, hasher):
    """A user of the project with no Account yet (made before the auth feature) signs in with the
    password it has, counts as verified, and its hash is upgraded."""
    User = get_user_model()
    user = User.objects.create(email="grace@example.com", password=hasher().encode(PASSWORD, hasher().salt()))
    response = login(client, "grace@example.com")
    consent_asked = response.status_code == 403 and response.json()["code"] == "consent_required"  # mode 4
    assert response.status_code == 200 or consent_asked, response.content
    assert Account.objects.get(user=user).email_verified
    user.refresh_from_db()
    assert user.password.startswith(ARGON2ID)
    assert user.check_password(PASSWORD)
    assert login(client, "grace@example.com", "not the password at all").status_code == 401


def test_only_failures_count_toward_a_limit(settings):
    settings.RATE_LIMIT_LOGIN_PER_EMAIL = 2
    for _ in range(5):
        ratelimit.consume("LOGIN", "ada@example.com", "10.0.0.1").release()
    ratelimit.consume("LOGIN", "ada@example.com", "10.0.0.1")
    ratelimit.consume("LOGIN", "ada@example.com", "10.0.0.1")
    with pytest.raises(RateLimited) as refused:
        ratelimit.consume("LOGIN", "ada@example.com", "10.0.0.1")
    assert 0 < int(refused.value.headers["Retry-After"]) <= settings.RATE_LIMIT_LOGIN_WINDOW_SECONDS


def test_tokens_of_another_type_or_without_a_signature_are_refused():
    with pytest.raises(Problem):
        jwt_tokens.read(jwt_tokens.issue("mfa", "someone", 60), jwt_tokens.ACCESS)
    now = int(time.time())
    unsigned = jwt.encode({"sub": "someone", "sid": "s", "typ": "access", "iat": now, "exp": now + 60}, None, "none")
    with pytest.raises(Problem):
        jwt_tokens.read(unsigned, jwt_tokens.ACCESS)


def test_a_token_read_before_is_refused_once_it_has_expired(monkeypatch):
    token = jwt_tokens.issue(jwt_tokens.ACCESS, "someone", 60, sid="s")
    assert jwt_tokens.read(token, jwt_tokens.ACCESS)["sub"] == "someone"
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(Problem) as refused:
        jwt_tokens.read(token, jwt_tokens.ACCESS)
    assert refused.value.code == "token_expired"


def test_the_cache_never_evicts_a_live_counter_and_reuses_an_expired_key():
    assert cache.add("victim", 1, timeout=60)
    for index in range(400):  # more than Django's default MAX_ENTRIES, which would cull
        cache.add(f"flood:{index}", 1, timeout=60)
    assert not cache.add("victim", 5, timeout=60)
    assert cache.incr("victim") == 2
    assert cache.add("stale", 1, timeout=0)
    assert cache.get("stale") is None
    assert cache.add("stale", 7, timeout=60)
    assert cache.get("stale") == 7


def test_personal_words_skip_an_app_name_or_local_part_under_four_letters(settings):
    validator = PersonalWordsValidator()
    user = get_user_model()(email="al@example.com")
    settings.APP_NAME = "Q"
    validator.validate("quiet queens quarrel quickly", user)
    validator.validate("always alert albatross", user)
    settings.APP_NAME = "Quokka"
    with pytest.raises(ValidationError):
        validator.validate("my quokka garden gate", user)
    with pytest.raises(ValidationError):
        validator.validate("al@example.com is my password", user)
