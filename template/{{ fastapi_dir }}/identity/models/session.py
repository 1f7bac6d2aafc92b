import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from identity.database import Base, UTCDateTime, utcnow
from identity.models.account import Account


class UserSession(Base):
    """One login: the refresh-token family and the `sid` every access token names."""

    __tablename__ = "identity_sessions"
    __table_args__ = (Index("ix_identity_sessions_user_revoked", "user_id", "revoked_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    user_id: Mapped[str] = mapped_column(ForeignKey("identity_accounts.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    authenticated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, comment="the refresh token's expiry")
    absolute_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    revoked_reason: Mapped[str] = mapped_column(String(32), default="")
    ip: Mapped[str | None] = mapped_column(String(45), default=None)
    user_agent: Mapped[str] = mapped_column(String(256), default="")

    user: Mapped[Account] = relationship(lazy="joined")


class RefreshToken(Base):
    """A refresh token of a session, by its SHA-256; spent once it has been rotated."""

    __tablename__ = "identity_refresh_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("identity_sessions.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    spent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    session: Mapped[UserSession] = relationship(lazy="joined")
