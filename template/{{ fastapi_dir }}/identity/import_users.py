"""`python -m identity.import_users <application database URL> "<SELECT email, password_hash FROM ...>"`

Copies an application's users (email and password hash) into the auth's accounts, once per email.
They sign in with the passwords they have: bcrypt and Django's PBKDF2 hashes are verified and
replaced by argon2id at their first sign-in. They count as verified: the application already knew
their email. The application's database is only read (a SQLite file is opened read-only).
"""

import sqlite3
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from identity.database import SessionLocal, engine_from_url
from identity.models import Account
from identity.services.passwords import PASSWORD_HASH

USAGE = 'python -m identity.import_users <application database URL> "<SELECT email, password_hash FROM ...>"'
COLUMNS = ("email", "password_hash")


def host_rows(url: str, query: str) -> list[dict[str, Any]]:
    """The rows of the application's query; nothing of its database is written."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "").resolve()
        if not path.is_file():
            raise FileNotFoundError(f"no SQLite database at {path}")
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            connection.row_factory = sqlite3.Row
            return [dict(row) for row in connection.execute(query)]
    engine = engine_from_url(url)
    try:
        with engine.connect() as connection:  # never committed: the transaction is rolled back on close
            return [dict(row) for row in connection.execute(text(query)).mappings()]
    finally:
        engine.dispose()


def usable(password_hash: object) -> bool:
    return isinstance(password_hash, str) and any(h.identify(password_hash) for h in PASSWORD_HASH.hashers)


def import_rows(db: Session, rows: list[dict[str, Any]]) -> Counter[str]:
    counts: Counter[str] = Counter({"imported": 0, "already there": 0, "without an email or a usable hash": 0})
    for row in rows:
        email = row["email"].strip().lower() if isinstance(row["email"], str) else ""
        if not email or "@" not in email or not usable(row["password_hash"]):
            counts["without an email or a usable hash"] += 1
        elif db.scalar(select(Account.id).where(Account.email == email)) is not None:
            counts["already there"] += 1
        else:
            db.add(Account(email=email, password_hash=row["password_hash"], email_verified=True))
            db.flush()  # a later row with the same email is then "already there"
            counts["imported"] += 1
    db.commit()
    return counts


def main(arguments: list[str]) -> int:
    if len(arguments) != 2:
        print(f"Usage: {USAGE}", file=sys.stderr)
        return 2
    url, query = arguments
    try:
        rows = host_rows(url, query)
        if rows and not set(COLUMNS) <= rows[0].keys():
            raise ValueError(f"the query must return the columns email and password_hash, not {', '.join(rows[0])}")
        with SessionLocal() as db:
            counts = import_rows(db, rows)
    except (OSError, ValueError, sqlite3.Error, SQLAlchemyError) as failure:
        print(f"Import failed: {failure}", file=sys.stderr)
        return 1
    print(", ".join(f"{what}: {count}" for what, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
