import uuid
from datetime import datetime

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from identity.database import Base, UTCDateTime, utcnow


def new_id() -> str:
    return str(uuid.uuid4())


class Account(Base):
    """A user of the auth: its sign-in email, password hash and state. `id` is the API's user id."""

    __tablename__ = "identity_accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True, comment="the sign-in email, lower case")
    password_hash: Mapped[str] = mapped_column(Text, default="")
    email_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    def __repr__(self) -> str:
        return f"Account({self.email!r})"
