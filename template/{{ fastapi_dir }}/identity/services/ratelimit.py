"""Fixed-window counters (the `limits` library), in Redis at REDIS_URL or in this process's memory.

An attempt takes its slot before any expensive work, so a burst of parallel requests cannot all
pass the check; `Slots.release()` gives the slot back when the attempt succeeded, so only
failures count, and `give_back()` returns every slot of a request that ended in a server error
(no guess either). While Redis is out of reach every limit fails closed: `consume` raises and
the request is answered 503 at once.
"""

import hashlib
import math
import time
from dataclasses import dataclass, field
from functools import cache

from fastapi import Request
from limits import RateLimitItemPerSecond
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from identity.errors import RateLimited
from identity.settings import settings

REDIS_TIMEOUT_SECONDS = 2


@cache
def storage() -> Storage:
    if settings.REDIS_URL:
        return storage_from_string(
            settings.REDIS_URL,
            wrap_exceptions=True,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )
    return storage_from_string("memory://")


@cache
def limiter() -> FixedWindowRateLimiter:
    return FixedWindowRateLimiter(storage())


@dataclass
class Slots:
    taken: list[tuple[str, int]] = field(default_factory=list)

    def release(self) -> None:
        taken, self.taken = self.taken, []  # once only, whoever releases first
        for key, expiry in taken:
            storage().incr(key, expiry, amount=-1)


def give_back(request: Request) -> None:
    """Releases every slot the request took; an unreachable store keeps what it holds."""
    for slots in getattr(request.state, "rate_limit_slots", ()):
        try:
            slots.release()
        except Exception:  # the store is down too: nothing to give back
            return


def _limits(name: str) -> tuple[int, int, int]:
    return (
        getattr(settings, f"RATE_LIMIT_{name}_PER_EMAIL"),
        getattr(settings, f"RATE_LIMIT_{name}_PER_IP"),
        getattr(settings, f"RATE_LIMIT_{name}_WINDOW_SECONDS"),
    )


def consume(request: Request, name: str, account: str | None, ip: str | None) -> Slots:
    """Take one slot for the account and one for the IP; raise 429 when either is over its limit."""
    per_account, per_ip, window = _limits(name)
    slots = Slots()
    request.state.rate_limit_slots = [*getattr(request.state, "rate_limit_slots", ()), slots]
    for scope, subject, limit in (("account", account, per_account), ("ip", ip, per_ip)):
        if not subject or limit <= 0:
            continue
        item = RateLimitItemPerSecond(limit, window, namespace=f"identity:{name}")
        digest = hashlib.sha256(subject.lower().encode()).hexdigest()[:32]
        allowed = limiter().hit(item, scope, digest)
        slots.taken.append((item.key_for(scope, digest), item.get_expiry()))
        if not allowed:
            reset = limiter().get_window_stats(item, scope, digest).reset_time
            raise RateLimited(max(1, math.ceil(reset - time.time())))
    return slots
