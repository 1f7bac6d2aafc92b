"""Sessions: one row per login, rotating opaque refresh tokens, and liveness of access tokens.

A refresh token is 256 random bits; its successor is derived as HMAC(key, token), so a
parallel refresh inside the grace window gets the very same successor back, and so does a
refresh retried after a crash. Presenting a spent token later revokes every session of the user.
"""

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from fastapi import Request
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from identity import features
from identity.database import utcnow
from identity.errors import Problem
from identity.models import Account, RefreshToken, UserSession
from identity.services import events, jwt_tokens
from identity.services.requests import client_ip, user_agent
from identity.services.users import imported
from identity.settings import settings


@dataclass(frozen=True)
class Issued:
    session: UserSession
    access_token: str
    refresh_token: str

    @property
    def expires_in(self) -> int:
        return settings.ACCESS_TOKEN_TTL_SECONDS


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def successor(token: str) -> str:
    mac = hmac.new(settings.AUTH_JWT_SECRET, b"refresh:" + token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def access_token_for(session: UserSession) -> str:
    return jwt_tokens.issue(jwt_tokens.ACCESS, session.user_id, settings.ACCESS_TOKEN_TTL_SECONDS, sid=session.id)


def start(
    db: Session,
    user: Account,
    request: Request,
    event: str = "USER_LOGIN",
    mark: Callable[[Session, UserSession], object] | None = None,
) -> Issued:
    """A new session for `user` (after every check passed): the only place tokens are born.

    `mark` writes what the login adds to its session (a passkey login says so) in the same transaction.
    """
    now = utcnow()
    absolute = settings.SESSION_ABSOLUTE_TTL_SECONDS
    absolute_expiry = now + timedelta(seconds=absolute) if absolute else None
    expires_at = now + timedelta(seconds=settings.REFRESH_TOKEN_TTL_SECONDS)
    if absolute_expiry is not None:
        expires_at = min(expires_at, absolute_expiry)
    refresh = secrets.token_urlsafe(32)
    session = UserSession(
        user=user,
        created_at=now,
        authenticated_at=now,
        last_seen_at=now,
        expires_at=expires_at,
        absolute_expires_at=absolute_expiry,
        ip=client_ip(request) or None,
        user_agent=user_agent(request),
    )
    db.add(session)
    db.flush()
    db.add(RefreshToken(token_hash=digest(refresh), session_id=session.id, created_at=now))
    if mark is not None:
        mark(db, session)
    user.last_login_at = now
    _enforce_session_cap(db, user, now)
    db.commit()
    for hook in _sign_in_hooks():
        hook(db, user, session, request)
    events.emit(event, request, user, session=session.id)
    return Issued(session, access_token_for(session), refresh)


@cache
def _sign_in_hooks() -> list[Callable[[Session, Account, UserSession, Request], None]]:
    return [imported(path) for path in features.SIGN_IN_HOOKS]


def _enforce_session_cap(db: Session, user: Account, now: datetime) -> None:
    active = select(UserSession.id).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    surplus = db.scalars(active.order_by(UserSession.created_at.desc()).offset(settings.MAX_SESSIONS_PER_USER)).all()
    if surplus:
        db.execute(
            update(UserSession).where(UserSession.id.in_(surplus)).values(revoked_at=now, revoked_reason="session_cap")
        )


def problem_if_over(session: UserSession, now: datetime) -> Problem | None:
    """Why `session` can no longer be used, or None while it is alive."""
    if session.revoked_at is not None:
        return Problem(401, "session_revoked", "This session has ended; sign in again.")
    if session.absolute_expires_at is not None and now >= session.absolute_expires_at:
        return Problem(401, "session_revoked", "This session reached its maximum lifetime; sign in again.")
    idle = settings.SESSION_IDLE_TIMEOUT_SECONDS
    if idle and now - session.last_seen_at > timedelta(seconds=idle):
        return Problem(401, "session_revoked", "This session was idle too long; sign in again.")
    return None


def rotate(db: Session, presented: str, request: Request) -> Issued:
    now = utcnow()
    row = db.get(RefreshToken, digest(presented))
    if row is None:
        raise Problem(401, "token_invalid", "The refresh token is not valid.")
    session = row.session
    if (problem := problem_if_over(session, now)) is not None:
        raise problem
    if not session.user.is_active:
        raise Problem(401, "session_revoked", "This account is disabled.")
    if now >= session.expires_at:
        raise Problem(401, "token_expired", "The refresh token has expired; sign in again.")
    child = successor(presented)
    expires_at = now + timedelta(seconds=settings.REFRESH_TOKEN_TTL_SECONDS)
    if session.absolute_expires_at is not None:
        expires_at = min(expires_at, session.absolute_expires_at)
    spend = update(RefreshToken).where(RefreshToken.token_hash == row.token_hash, RefreshToken.spent_at.is_(None))
    if db.execute(spend.values(spent_at=now)).rowcount == 1:
        db.add(RefreshToken(token_hash=digest(child), session_id=session.id, created_at=now))
        session.expires_at, session.last_seen_at = expires_at, now
        db.commit()
    else:
        db.rollback()
        db.refresh(row)
        if row.spent_at is None or now - row.spent_at > timedelta(seconds=settings.REFRESH_REUSE_GRACE_SECONDS):
            revoke_all(db, session.user, "refresh_reuse")
            events.emit("REFRESH_REUSE_DETECTED", request, session.user, session=session.id)
            raise Problem(401, "token_invalid", "This refresh token was already used; every session was ended.")
    events.emit("TOKEN_REFRESHED", request, session.user, session=session.id)
    return Issued(session, access_token_for(session), child)


def session_of_refresh(db: Session, presented: str) -> UserSession | None:
    row = db.get(RefreshToken, digest(presented))
    return row.session if row else None


def revoke(db: Session, session: UserSession, reason: str) -> None:
    ending = update(UserSession).where(UserSession.id == session.id, UserSession.revoked_at.is_(None))
    db.execute(ending.values(revoked_at=utcnow(), revoked_reason=reason))
    db.commit()


def revoke_all(db: Session, user: Account, reason: str, keep: UserSession | None = None) -> int:
    ending = update(UserSession).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    if keep is not None:
        ending = ending.where(UserSession.id != keep.id)
    ended = db.execute(ending.values(revoked_at=utcnow(), revoked_reason=reason)).rowcount
    db.commit()
    return ended


def live_session(db: Session, sid: str, user_id: str) -> UserSession:
    """The session named by an access token, with its active user; a revocation counts at once."""
    session = db.get(UserSession, sid)
    if session is None or session.user_id != user_id:
        raise Problem(401, "session_revoked", "This session has ended; sign in again.")
    now = utcnow()
    if (problem := problem_if_over(session, now)) is not None:
        raise problem
    if not session.user.is_active:
        raise Problem(401, "session_revoked", "This account is disabled.")
    _touch(db, session, now)
    return session


def _touch(db: Session, session: UserSession, now: datetime) -> None:
    idle = settings.SESSION_IDLE_TIMEOUT_SECONDS
    interval = min(60, max(1, idle // 4)) if idle else 60
    if now - session.last_seen_at >= timedelta(seconds=interval):
        session.last_seen_at = now
        db.commit()


def mark_authenticated(db: Session, session: UserSession) -> None:
    session.authenticated_at = utcnow()
    db.commit()


def recently_authenticated(session: UserSession) -> bool:
    return utcnow() - session.authenticated_at <= timedelta(seconds=settings.REAUTH_WINDOW_SECONDS)
