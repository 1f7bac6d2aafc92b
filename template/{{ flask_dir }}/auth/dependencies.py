"""What a request needs besides this process: the database, and Redis when it holds the rate limits.

When one does not answer, the request is answered 503 with Retry-After and the worker lives on;
the next request connects again, so service resumes as soon as it is back.
"""

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from . import settings
from .db import engine
from .ratelimit import redis_client

OUTAGES = (OperationalError, InterfaceError, PoolTimeoutError, RedisConnectionError, RedisTimeoutError)


def is_outage(error: BaseException) -> bool:
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, OUTAGES)


def check() -> dict[str, str]:
    """Each dependency's state for GET /health/ready: "ok" or "unavailable"."""
    states = {}
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        states["database"] = "ok"
    except (OperationalError, InterfaceError, PoolTimeoutError):
        states["database"] = "unavailable"
    if settings.REDIS_URL:
        try:
            redis_client().ping()
            states["redis"] = "ok"
        except (RedisConnectionError, RedisTimeoutError):
            states["redis"] = "unavailable"
    return states
