"""Mode 1 endpoints: health, register, login, refresh, logout, me, password flows, CSRF token."""

from flask import Blueprint, Response, abort, g, jsonify
from flask_wtf.csrf import generate_csrf

from .. import dependencies, events, features, mail, one_time, ratelimit, sessions, settings, signin, users, validation
from ..background import later
from ..current import authenticate, login_required, open_without_mfa
from ..errors import Problem, service_unavailable
from ..models import User
from ..passwords import validate as validate_password
from ..requests import client_ip
from ..transport import clear_tokens, presented_refresh_token, token_response, uses_cookies

bp: Blueprint = Blueprint("auth_core", __name__)


def no_content() -> Response:
    return Response(status=204)


@bp.get("/health")
def health():
    """Liveness: the worker answers."""
    return {"status": "ok"}


@bp.get("/health/ready")
def ready():
    """Readiness, for load balancers: 200 when every dependency answers, else 503 naming them."""
    states = dependencies.check()
    if all(state == "ok" for state in states.values()):
        return {"status": "ready", "dependencies": states}
    return service_unavailable(dependencies=states)


@bp.get("/auth/csrf")
def csrf():
    if not uses_cookies():
        abort(404)
    return {"csrfToken": generate_csrf()}


@bp.post("/auth/register")
def register():
    data = validation.body()
    email, password = validation.email(data), validation.password(data)
    ratelimit.consume("REGISTER", email, client_ip())
    return features.REGISTRATION(email, password)


@bp.post("/auth/login")
def login():
    data = validation.body()
    email, password = validation.email(data), validation.password(data)
    validation.text(data, "deviceName", 100, required=False)
    slots = ratelimit.consume("LOGIN", email, client_ip())
    user = users.find_by_email(email)
    if not users.check_password(user, password) or user is None or not user.is_active:
        events.emit("LOGIN_FAILED", user)
        raise Problem(401, "invalid_credentials", "The email or password is wrong.")
    slots.release()
    return signin.after_password(user)


@bp.post("/auth/refresh")
def refresh():
    data = validation.body() if not uses_cookies() else {}
    presented = presented_refresh_token(data)
    if not presented:
        raise Problem(401, "token_invalid", "No refresh token was sent.")
    return token_response(sessions.rotate(presented))


@bp.post("/auth/logout")
def logout():
    data = validation.body() if not uses_cookies() else {}
    ended = []
    try:
        if (current := authenticate(optional=True)) is not None:
            ended.append(current)
    except Problem:
        pass  # an expired access token: the refresh token may still name the session
    if (presented := presented_refresh_token(data)) and (session := sessions.session_of_refresh(presented)):
        ended.append(session)
    if not ended:
        raise Problem(401, "token_invalid", "No valid token was sent.")
    for session in ended:
        sessions.revoke(session, "logout")
        events.emit("USER_LOGOUT", user_id=session.user_id, session=session.id)
    return clear_tokens(no_content())


@bp.get("/auth/me")
@login_required
@open_without_mfa
def me():
    return jsonify(users.represent(g.auth_session.user))


@bp.post("/auth/password/forgot")
def password_forgot():
    email = validation.email(validation.body())
    ratelimit.consume("RESET", email, client_ip())
    later(send_reset_link, email)
    events.emit("PASSWORD_RESET_REQUESTED")
    return {"status": "reset_sent"}, 202


def send_reset_link(email: str) -> None:
    """In the background: whether the account exists must not show in the answer's timing."""
    user = users.find_by_email(email)
    if user is None or not user.is_active:
        return
    token = one_time.create(user, one_time.RESET_PASSWORD, settings.RESET_TOKEN_TTL_SECONDS)
    minutes = settings.RESET_TOKEN_TTL_SECONDS // 60
    mail.send("reset_password", user.email, link=mail.link("reset-password", token), minutes=minutes)


@bp.post("/auth/password/reset")
def password_reset():
    data = validation.body()
    token, password = validation.text(data, "token", 128), validation.password(data)
    user = one_time.peek(token, one_time.RESET_PASSWORD)
    if user is None:
        raise Problem(400, "token_invalid", "This reset link is invalid, used or expired.")
    validate_password(password, user.email)
    if not one_time.redeem(token, one_time.RESET_PASSWORD):
        raise Problem(400, "token_invalid", "This reset link is invalid, used or expired.")
    users.set_password(user, password)
    one_time.void_all(user, one_time.RESET_PASSWORD)
    sessions.revoke_all(user, "password_reset")
    mail.send("password_changed", user.email, circumstances=" through a reset link; every session was signed out")
    events.emit("PASSWORD_RESET_COMPLETED", user)
    return no_content()


@bp.post("/auth/password/change")
@login_required
def password_change():
    data = validation.body()
    current, new = validation.password(data, "currentPassword"), validation.password(data, "newPassword")
    session = g.auth_session
    user: User = session.user
    slots = ratelimit.consume("LOGIN", user.email, client_ip())
    if not users.check_password(user, current):
        events.emit("LOGIN_FAILED", user, reason="password_change")
        raise Problem(401, "invalid_credentials", "The current password is wrong.")
    slots.release()
    validate_password(new, user.email, field="newPassword")
    users.set_password(user, new)
    sessions.revoke_all(user, "password_changed", keep=session)
    sessions.mark_authenticated(session)
    mail.send("password_changed", user.email, circumstances="")
    events.emit("PASSWORD_CHANGED", user)
    return no_content()
