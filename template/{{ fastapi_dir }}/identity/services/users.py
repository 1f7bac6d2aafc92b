"""The user document of the API (`{id, email, emailVerified, createdAt}` plus each mode's members)."""

from collections.abc import Callable
from datetime import datetime
from functools import cache
from importlib import import_module
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from identity import features
from identity.models import Account
from identity.services import passwords


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def imported(path: str) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)


@cache
def _extensions() -> list[Callable[[Account], dict]]:
    return [imported(path) for path in features.USER_FIELDS]


def represent(account: Account) -> dict[str, Any]:
    document: dict[str, Any] = {"id": account.id, "email": account.email, "emailVerified": account.email_verified}
    document["createdAt"] = iso(account.created_at)
    for extend in _extensions():
        document.update(extend(account))
    return document


def find_by_email(db: Session, email: str) -> Account | None:
    return db.scalar(select(Account).where(Account.email == email.lower()))


class EmailTaken(Exception):
    pass


def create(db: Session, email: str, password: str, **fields: Any) -> Account:
    """A new account, committed (EmailTaken when another has the email)."""
    account = Account(email=email.lower(), password_hash=passwords.encode(password), **fields)
    db.add(account)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise EmailTaken(email) from None
    return account
