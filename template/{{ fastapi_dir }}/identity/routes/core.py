"""Mode 1 routes: health, register, login, refresh, logout, me, password flows, CSRF token.

Routes that hash a password or touch the database are `def`: FastAPI runs them in its worker
threads, so a hash never blocks the event loop.
"""

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from identity import features, schemas, signin
from identity.dependencies import CurrentSession, Database, SignedInSession, optional_session
from identity.errors import Problem, ProblemRoute, WeakPassword, service_unavailable
from identity.models import Account, UserSession
from identity.models.token import RESET_PASSWORD
from identity.services import events, mail, one_time, outbox, password_rules, passwords, ratelimit, sessions
from identity.services.requests import client_ip
from identity.services.users import find_by_email, imported, represent
from identity.settings import settings
from identity.transport import clear_tokens, csrf_cookie, presented_refresh_token, token_response, uses_cookies

router = APIRouter(route_class=ProblemRoute)


@router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the process answers; no dependency is touched."""
    return {"status": "ok"}


@router.get("/health/ready")
def ready(db: Database) -> JSONResponse:
    """Readiness, for load balancers: 200 when every dependency answers, else 503 naming them."""
    states = {"database": "ok"}
    try:
        db.execute(text("SELECT 1"))
    except SQLAlchemyError:
        states["database"] = "unavailable"
    if settings.REDIS_URL:
        states["redis"] = "ok" if ratelimit.storage().check() else "unavailable"
    if all(state == "ok" for state in states.values()):
        return JSONResponse({"status": "ready", "dependencies": states})
    return service_unavailable(dependencies=states)


def csrf(request: Request) -> JSONResponse:
    token = request.cookies.get(csrf_cookie()) or secrets.token_urlsafe(32)
    response = JSONResponse({"csrfToken": token})
    secure = settings.AUTH_COOKIE_SECURE
    response.set_cookie(csrf_cookie(), token, path="/", secure=secure, httponly=True, samesite="lax")
    return response


if uses_cookies():
    router.add_api_route("/auth/csrf", csrf, methods=["GET"])


@router.post("/auth/register", status_code=201)
def register(body: schemas.Credentials, request: Request, db: Database) -> Response:
    ratelimit.consume(request, "REGISTER", body.email, client_ip(request))
    register_with = imported(features.REGISTRATION)
    return register_with(db, body.email, body.password, request)


@router.post("/auth/login")
def login(body: schemas.Credentials, request: Request, db: Database) -> Response:
    slots = ratelimit.consume(request, "LOGIN", body.email, client_ip(request))
    user = find_by_email(db, body.email)
    if not passwords.matches(user, body.password) or user is None or not user.is_active:
        events.emit("LOGIN_FAILED", request, user)
        raise Problem(401, "invalid_credentials", "The email or password is wrong.")
    db.commit()  # a rehashed password
    slots.release()
    return signin.after_password(db, user, request)


@router.post("/auth/refresh")
def refresh(request: Request, db: Database, body: schemas.RefreshTokenBody | None = None) -> Response:
    presented = presented_refresh_token(request, body.model_dump() if body else None)
    if not presented:
        raise Problem(401, "token_invalid", "No refresh token was sent.")
    return token_response(sessions.rotate(db, presented, request))


@router.post("/auth/logout", status_code=204)
def logout(
    request: Request,
    db: Database,
    session: Annotated[UserSession | None, Depends(optional_session)],
    body: schemas.RefreshTokenBody | None = None,
) -> Response:
    ended = [session] if session is not None else []
    presented = presented_refresh_token(request, body.model_dump() if body else None)
    refreshed = sessions.session_of_refresh(db, presented) if presented else None
    if refreshed is not None:
        ended.append(refreshed)
    if not ended:
        raise Problem(401, "token_invalid", "No valid token was sent.")
    for each in ended:
        sessions.revoke(db, each, "logout")
        events.emit("USER_LOGOUT", request, user_id=each.user_id, session=each.id)
    return clear_tokens(Response(status_code=204))


@router.get("/auth/me")
def me(session: SignedInSession) -> dict:
    return represent(session.user)


@router.post("/auth/password/forgot", status_code=202)
def password_forgot(body: schemas.EmailOnly, request: Request, db: Database) -> dict:
    ratelimit.consume(request, "RESET", body.email, client_ip(request))
    # The lookup and the mail happen after the answer, so its timing says nothing of the account.
    outbox.later(db, send_reset_link, email=body.email)
    db.commit()
    events.emit("PASSWORD_RESET_REQUESTED", request)
    return {"status": "reset_sent"}


def send_reset_link(db: Session, email: str) -> None:
    """An outbox job: a reset link for an active account, nothing otherwise."""
    user = find_by_email(db, email)
    if user is None or not user.is_active:
        return
    token = one_time.create(db, user, RESET_PASSWORD, settings.RESET_TOKEN_TTL_SECONDS)
    minutes = settings.RESET_TOKEN_TTL_SECONDS // 60
    mail.later(db, "reset_password", user.email, link=mail.link("reset-password", token), minutes=minutes)


@router.post("/auth/password/reset", status_code=204)
def password_reset(body: schemas.PasswordReset, request: Request, db: Database) -> Response:
    user = one_time.peek(db, body.token, RESET_PASSWORD)
    if user is None:
        raise Problem(400, "token_invalid", "This reset link is invalid, used or expired.")
    if problems := password_rules.problems(body.password, user.email):
        raise WeakPassword("password", problems)
    hashed = passwords.encode(body.password)
    if one_time.redeem(db, body.token, RESET_PASSWORD) is None:
        raise Problem(400, "token_invalid", "This reset link is invalid, used or expired.")
    user.password_hash = hashed
    one_time.void_all(db, user, RESET_PASSWORD)
    circumstances = " through a reset link; every session was signed out"
    mail.later(db, "password_changed", user.email, circumstances=circumstances)
    db.commit()
    sessions.revoke_all(db, user, "password_reset")
    events.emit("PASSWORD_RESET_COMPLETED", request, user)
    return Response(status_code=204)


@router.post("/auth/password/change", status_code=204)
def password_change(body: schemas.PasswordChange, request: Request, db: Database, session: CurrentSession) -> Response:
    user: Account = session.user
    slots = ratelimit.consume(request, "LOGIN", user.email, client_ip(request))
    if not passwords.matches(user, body.currentPassword):
        events.emit("LOGIN_FAILED", request, user, reason="password_change")
        raise Problem(401, "invalid_credentials", "The current password is wrong.")
    slots.release()
    if problems := password_rules.problems(body.newPassword, user.email):
        raise WeakPassword("newPassword", problems)
    user.password_hash = passwords.encode(body.newPassword)
    mail.later(db, "password_changed", user.email, circumstances="")
    db.commit()
    sessions.revoke_all(db, user, "password_changed", keep=session)
    sessions.mark_authenticated(db, session)
    events.emit("PASSWORD_CHANGED", request, user)
    return Response(status_code=204)
