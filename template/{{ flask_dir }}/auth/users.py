"""The user document of the API (`{id, email, emailVerified, createdAt}` plus each mode's members)."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from . import passwords
from .db import Session, utcnow
from .models import User


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def represent(user: User) -> dict:
    from . import features  # the mode's index lists the views, which render users through here

    document = {"id": user.id, "email": user.email, "emailVerified": user.email_verified}
    document["createdAt"] = iso(user.created_at)
    for extend in features.USER_FIELDS:
        document.update(extend(user))
    return document


def find_by_email(email: str) -> User | None:
    return Session.execute(select(User).where(User.email == email.lower())).scalar_one_or_none()


def create(email: str, password: str, **fields) -> User | None:
    """A new user, or None when the email is taken (checked by the database's unique index)."""
    user = User(email=email.lower(), password_hash=passwords.encode(password), created_at=utcnow(), **fields)
    Session.add(user)
    try:
        Session.commit()
    except IntegrityError:
        Session.rollback()
        return None
    return user


def check_password(user: User | None, password: str) -> bool:
    """Whether `password` is the user's; an older hash of a correct password is stored again as argon2id."""
    correct, upgraded = passwords.check(user.password_hash if user is not None else None, password)
    if user is not None and upgraded is not None:
        user.password_hash = upgraded
        Session.commit()
    return correct


def set_password(user: User, password: str) -> None:
    user.password_hash = passwords.encode(password)
    Session.commit()


def save(user: User) -> None:
    Session.add(user)
    Session.commit()
