"""Fixed-window counters, in Redis at REDIS_URL or else in a table of the auth's database.

An attempt takes its slot first, atomically, so a burst of parallel requests cannot all pass
the check; `release()` gives the slot back when the attempt succeeded, so only failures count,
and `give_back()` returns every slot of a request that ended in a server error (no guess either).
While the store is out of reach every limit fails closed: `consume` raises and the request is
answered 503 at once.

Flask-Limiter's decorators count every request, or deduct only after the view answered, which
lets a burst through; the counters here are the same fixed windows, taken before the check.
"""

import hashlib
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache

import redis
from flask import g
from sqlalchemy import delete, select, update
from sqlalchemy.dialects import mysql, postgresql, sqlite

from . import settings
from .db import Session, engine, utcnow
from .errors import RateLimited
from .models import RateCounter

CONNECT_TIMEOUT_SECONDS = 2


@cache
def redis_client() -> redis.Redis:
    return redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=CONNECT_TIMEOUT_SECONDS, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS
    )


def _take_in_redis(key: str, window: int) -> int:
    pipe = redis_client().pipeline(transaction=True)
    pipe.set(key, 0, ex=window + 1, nx=True)
    pipe.incr(key)
    return int(pipe.execute()[1])


def _take_in_database(key: str, window: int) -> int:
    now = utcnow()
    values = {"key": key, "count": 1, "expires_at": now + timedelta(seconds=window + 1)}
    if engine.dialect.name == "mysql":
        Session.execute(mysql.insert(RateCounter).values(values).on_duplicate_key_update(count=RateCounter.count + 1))
        count = Session.execute(select(RateCounter.count).where(RateCounter.key == key)).scalar_one()
    else:
        insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        upsert = (
            insert(RateCounter)
            .values(values)
            .on_conflict_do_update(index_elements=["key"], set_={"count": RateCounter.count + 1})
        )
        count = Session.execute(upsert.returning(RateCounter.count)).scalar_one()
    if random.random() < 0.01:  # noqa: S311 (housekeeping, not security)
        Session.execute(delete(RateCounter).where(RateCounter.expires_at < now))
    Session.commit()
    return count


def _take(key: str, window: int) -> int:
    return _take_in_redis(key, window) if settings.REDIS_URL else _take_in_database(key, window)


def _give(key: str) -> None:
    if settings.REDIS_URL:
        redis_client().decr(key)
    else:
        Session.execute(update(RateCounter).where(RateCounter.key == key).values(count=RateCounter.count - 1))
        Session.commit()


@dataclass
class Slots:
    keys: list[str] = field(default_factory=list)

    def release(self) -> None:
        keys, self.keys = self.keys, []  # once only, whoever releases first
        for key in keys:
            _give(key)


def give_back() -> None:
    """Releases every slot the current request took; an unreachable store keeps what it holds."""
    for slots in g.pop("auth_rate_slots", ()):
        try:
            slots.release()
        except Exception:  # the store is down too: nothing to give back
            return


def consume(name: str, account: str | None, ip: str | None) -> Slots:
    """Take one slot for the account and one for the IP; raise 429 when either is over its limit."""
    per_account = getattr(settings, f"RATE_LIMIT_{name}_PER_EMAIL")
    per_ip = getattr(settings, f"RATE_LIMIT_{name}_PER_IP")
    window = getattr(settings, f"RATE_LIMIT_{name}_WINDOW_SECONDS")
    now = time.time()
    bucket = int(now // window)
    retry_after = max(1, int(window - now % window))
    slots = Slots()
    g.auth_rate_slots = (*g.get("auth_rate_slots", ()), slots)
    for scope, subject, limit in (("account", account, per_account), ("ip", ip, per_ip)):
        if not subject or limit <= 0:
            continue
        digest = hashlib.sha256(subject.lower().encode()).hexdigest()[:32]
        key = f"auth:rl:{name}:{scope}:{digest}:{bucket}"
        count = _take(key, window)
        slots.keys.append(key)
        if count > limit:
            raise RateLimited(retry_after)
    return slots
