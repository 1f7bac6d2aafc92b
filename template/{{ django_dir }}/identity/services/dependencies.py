"""What a request needs besides this process: the database, and Redis when the cache lives there.

When one of them does not answer, the request is answered 503 with Retry-After and the worker
lives on; the next request connects again, so service resumes as soon as it is back.
"""

from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError, connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from identity.cache import cache

RETRY_AFTER_SECONDS = 5


def unavailable_dependency(exc: BaseException) -> str | None:
    """The dependency an exception says is out of reach, or None for any other error."""
    if isinstance(exc, OperationalError | InterfaceError):
        return "database"
    if isinstance(exc, RedisConnectionError | RedisTimeoutError):
        return "redis"
    return None


def _cache_in_redis() -> bool:
    return isinstance(cache, RedisCache)


def check() -> dict[str, str]:
    """Each dependency's state for GET /health/ready: "ok" or "unavailable"."""
    states = {}
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        states["database"] = "ok"
    except (OperationalError, InterfaceError):
        states["database"] = "unavailable"
    if _cache_in_redis():
        try:
            cache.get("identity:ready")
            states["redis"] = "ok"
        except (RedisConnectionError, RedisTimeoutError):
            states["redis"] = "unavailable"
    return states
