"""Sessions: one row per login, rotating opaque refresh tokens, and the checks of access tokens.

A refresh token is 256 random bits; its successor is derived as HMAC(key, token), so a
parallel or retried refresh inside the grace window gets the very same successor back.
Presenting a spent token later revokes every session of the user.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import CursorResult, select, update

from . import events, settings, tokens
from .db import Session, utcnow
from .errors import Problem
from .models import RefreshToken, User, UserSession
from .requests import client_ip, user_agent


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
    mac = hmac.new(settings.JWT_SECRET, b"refresh:" + token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def access_token_for(session: UserSession) -> str:
    return tokens.issue(tokens.ACCESS, session.user_id, settings.ACCESS_TOKEN_TTL_SECONDS, sid=session.id)


def start(user: User, event: str = "USER_LOGIN") -> Issued:
    """A new session for `user` (after every check passed): the only place tokens are born."""
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
        last_seen_at=now,
        authenticated_at=now,
        expires_at=expires_at,
        absolute_expires_at=absolute_expiry,
        ip=client_ip() or None,
        user_agent=user_agent(),
    )
    Session.add(session)
    Session.flush()
    Session.add(RefreshToken(token_hash=digest(refresh), session_id=session.id, created_at=now))
    user.last_login_at = now
    _enforce_session_cap(user, now)
    Session.commit()
    events.emit(event, user, session=session.id)
    return Issued(session, access_token_for(session), refresh)


def _enforce_session_cap(user: User, now: datetime) -> None:
    active = select(UserSession.id).where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
    surplus = Session.scalars(
        active.order_by(UserSession.created_at.desc()).offset(settings.MAX_SESSIONS_PER_USER)
    ).all()
    if surplus:
        Session.execute(
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
    if not session.user.is_active:
        return Problem(401, "session_revoked", "This account is disabled.")
    return None


def rotate(presented: str) -> Issued:
    now = utcnow()
    row = Session.execute(select(RefreshToken).where(RefreshToken.token_hash == digest(presented))).scalar_one_or_none()
    if row is None:
        raise Problem(401, "token_invalid", "The refresh token is not valid.")
    session = row.session
    if (problem := problem_if_over(session, now)) is not None:
        raise problem
    if now >= session.expires_at:
        raise Problem(401, "token_expired", "The refresh token has expired; sign in again.")
    child = successor(presented)
    expires_at = now + timedelta(seconds=settings.REFRESH_TOKEN_TTL_SECONDS)
    if session.absolute_expires_at is not None:
        expires_at = min(expires_at, session.absolute_expires_at)
    spend = update(RefreshToken).where(RefreshToken.id == row.id, RefreshToken.spent_at.is_(None)).values(spent_at=now)
    spent = cast(CursorResult, Session.execute(spend))
    if spent.rowcount == 1:
        Session.add(RefreshToken(token_hash=digest(child), session_id=session.id, created_at=now))
        session.expires_at, session.last_seen_at = expires_at, now
        Session.commit()
    else:
        Session.rollback()
        spent_at = Session.execute(select(RefreshToken.spent_at).where(RefreshToken.id == row.id)).scalar_one()
        if spent_at is not None and now - spent_at > timedelta(seconds=settings.REFRESH_REUSE_GRACE_SECONDS):
            revoke_all(session.user, "refresh_reuse")
            events.emit("REFRESH_REUSE_DETECTED", session.user, session=session.id)
            raise Problem(401, "token_invalid", "This refresh token was already used; every session was ended.")
    events.emit("TOKEN_REFRESHED", session.user, session=session.id)
    return Issued(session, access_token_for(session), child)


def session_of_refresh(presented: str) -> UserSession | None:
    row = Session.execute(select(RefreshToken).where(RefreshToken.token_hash == digest(presented))).scalar_one_or_none()
    return row.session if row else None


def revoke(session: UserSession, reason: str) -> None:
    Session.execute(
        update(UserSession)
        .where(UserSession.id == session.id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason)
    )
    Session.commit()


def revoke_all(user: User, reason: str, keep: UserSession | None = None) -> None:
    condition = [UserSession.user_id == user.id, UserSession.revoked_at.is_(None)]
    if keep is not None:
        condition.append(UserSession.id != keep.id)
    Session.execute(update(UserSession).where(*condition).values(revoked_at=utcnow(), revoked_reason=reason))
    Session.commit()


def live_session(sid: str, user_id: str) -> UserSession:
    """The session named by an access token, with its active user, or a 401 problem."""
    session = Session.get(UserSession, sid)
    if session is None or session.user_id != user_id:
        raise Problem(401, "session_revoked", "This session has ended; sign in again.")
    now = utcnow()
    if (problem := problem_if_over(session, now)) is not None:
        raise problem
    _touch(session, now)
    return session


def _touch(session: UserSession, now: datetime) -> None:
    idle = settings.SESSION_IDLE_TIMEOUT_SECONDS
    interval = min(60, max(1, idle // 4)) if idle else 60
    if now - session.last_seen_at >= timedelta(seconds=interval):
        session.last_seen_at = now
        Session.commit()


def mark_authenticated(session: UserSession) -> None:
    session.authenticated_at = utcnow()
    Session.commit()
