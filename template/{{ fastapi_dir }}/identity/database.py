"""The auth's own SQLAlchemy engine, session factory and declarative base.

DATABASE_URL takes the URLs every stack of the project reads (`sqlite:///db.sqlite3`,
`postgresql://...`, `mysql://...`); the driver is chosen here. A connection attempt gives up
within two seconds, so an unreachable database is answered 503 quickly (identity.errors).
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from identity.env import BASE_DIR
from identity.settings import settings

DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg", "mysql": "mysql+pymysql"}
CONNECT_TIMEOUT_SECONDS = 2


def engine_from_url(url: str) -> Engine:
    parsed = make_url(url)
    parsed = parsed.set(drivername=DRIVERS.get(parsed.drivername, parsed.drivername))
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not Path(parsed.database).is_absolute():
            parsed = parsed.set(database=str(BASE_DIR / parsed.database))
        engine = create_engine(parsed, connect_args={"timeout": 20, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    if parsed.get_backend_name() == "mysql":
        connect_args |= {"read_timeout": 10, "write_timeout": 10}
    return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20, connect_args=connect_args)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


engine = engine_from_url(settings.DATABASE_URL)
SessionLocal = sessionmaker(engine, expire_on_commit=False)


def get_db() -> Iterator[Session]:
    """A database session for one request (a FastAPI dependency)."""
    with SessionLocal() as db:
        yield db


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every database (SQLite and MySQL keep no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is not None and dialect.name != "postgresql":
            return value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """The auth's tables, apart from the application's own metadata."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
