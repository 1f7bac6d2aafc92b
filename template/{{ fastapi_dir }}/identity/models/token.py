from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from identity.database import Base, UTCDateTime, utcnow
from identity.models.account import Account

VERIFY_EMAIL = "verify_email"
RESET_PASSWORD = "reset_password"


class OneTimeToken(Base):
    """A mailed email-verification or password-reset token, stored as its SHA-256."""

    __tablename__ = "identity_one_time_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("identity_accounts.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    user: Mapped[Account] = relationship(lazy="joined")
