"""The auth's SQLAlchemy engine and session, apart from any the application keeps for itself.

One scoped session per request (removed at teardown); a connection attempt gives up within
two seconds, so an unreachable database is answered 503 instead of hanging a worker.
"""

from datetime import UTC, datetime

from sqlalchemy import DateTime, create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, scoped_session, sessionmaker
from sqlalchemy.types import TypeDecorator

from . import settings

CONNECT_TIMEOUT_SECONDS = 2


DRIVERS = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg", "mysql": "mysql+pymysql"}


def sqlalchemy_url(url: str) -> str:
    """The URL with the driver this project installs (psycopg 3, PyMySQL) when it names none."""
    scheme, separator, rest = url.partition("://")
    return f"{DRIVERS.get(scheme, scheme)}{separator}{rest}"


def _connect_args(url: str) -> dict:
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return {"timeout": 10}
    return {"connect_timeout": CONNECT_TIMEOUT_SECONDS}


def make_engine(url: str) -> Engine:
    url = sqlalchemy_url(url)
    options: dict = {"connect_args": _connect_args(url)}
    if make_url(url).get_backend_name() != "sqlite":
        options.update(pool_pre_ping=True, pool_size=5, max_overflow=10, pool_timeout=CONNECT_TIMEOUT_SECONDS)
    return create_engine(url, **options)


engine = make_engine(settings.DATABASE_URL)
Session = scoped_session(sessionmaker(engine, expire_on_commit=False))


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and read back timezone-aware on every database (SQLite drops the zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    pass
