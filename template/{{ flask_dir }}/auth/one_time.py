"""Mailed single-use tokens (password reset, email verification): 256 random bits, stored hashed."""

import hashlib
import secrets
from datetime import timedelta
from typing import cast

from sqlalchemy import CursorResult, select, update

from .db import Session, utcnow
from .models import OneTimeToken, User

RESET_PASSWORD = "reset_password"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(user: User, purpose: str, ttl: int) -> str:
    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(seconds=ttl)
    Session.add(OneTimeToken(token_hash=_digest(token), user_id=user.id, purpose=purpose, expires_at=expires_at))
    Session.commit()
    return token


def _usable(token: str, purpose: str):
    return (
        OneTimeToken.token_hash == _digest(token),
        OneTimeToken.purpose == purpose,
        OneTimeToken.used_at.is_(None),
        OneTimeToken.expires_at > utcnow(),
    )


def peek(token: str, purpose: str) -> User | None:
    """The user of a usable token, without spending it."""
    if not token or len(token) > 128:
        return None
    row = Session.execute(select(OneTimeToken).where(*_usable(token, purpose))).scalar_one_or_none()
    return row.user if row else None


def redeem(token: str, purpose: str) -> bool:
    """Spend the token; False when it was unknown, used or expired (a parallel request won)."""
    statement = update(OneTimeToken).where(*_usable(token, purpose)).values(used_at=utcnow())
    spent = cast(CursorResult, Session.execute(statement))
    Session.commit()
    return spent.rowcount == 1


def void_all(user: User, purpose: str) -> None:
    Session.execute(
        update(OneTimeToken)
        .where(OneTimeToken.user_id == user.id, OneTimeToken.purpose == purpose, OneTimeToken.used_at.is_(None))
        .values(used_at=utcnow())
    )
    Session.commit()
