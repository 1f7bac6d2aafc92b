"""Mailed single-use tokens (email verification, password reset): 256 random bits, stored hashed."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from identity.database import utcnow
from identity.models import Account, OneTimeToken

MAX_TOKEN_LENGTH = 128


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(db: Session, user: Account, purpose: str, ttl: int) -> str:
    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(seconds=ttl)
    db.add(OneTimeToken(token_hash=_digest(token), user_id=user.id, purpose=purpose, expires_at=expires_at))
    return token


def peek(db: Session, token: str, purpose: str) -> Account | None:
    """The user of a usable token, without spending it."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    usable = select(OneTimeToken).where(
        OneTimeToken.token_hash == _digest(token),
        OneTimeToken.purpose == purpose,
        OneTimeToken.used_at.is_(None),
        OneTimeToken.expires_at > utcnow(),
    )
    row = db.scalar(usable)
    return row.user if row else None


def redeem(db: Session, token: str, purpose: str) -> Account | None:
    """The user the token was made for, spending the token (not yet committed); None when unknown, used or expired."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    now = utcnow()
    spend = update(OneTimeToken).where(
        OneTimeToken.token_hash == _digest(token),
        OneTimeToken.purpose == purpose,
        OneTimeToken.used_at.is_(None),
        OneTimeToken.expires_at > now,
    )
    if db.execute(spend.values(used_at=now)).rowcount != 1:
        db.rollback()
        return None
    row = db.get(OneTimeToken, _digest(token))
    return row.user if row else None


def void_all(db: Session, user: Account, purpose: str) -> None:
    unused = update(OneTimeToken).where(
        OneTimeToken.user_id == user.id, OneTimeToken.purpose == purpose, OneTimeToken.used_at.is_(None)
    )
    db.execute(unused.values(used_at=utcnow()))
