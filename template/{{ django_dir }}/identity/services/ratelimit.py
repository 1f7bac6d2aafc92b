"""Fixed-window counters in Django's cache, incremented atomically before any expensive work.

An attempt takes its slot first, so a burst of parallel requests cannot all pass the check;
`release()` gives the slot back when the attempt succeeded, so only failures count, and
`give_back()` returns every slot of a request that ended in a server error (no guess either).
While the cache (Redis, or the database) is out of reach, every limit fails closed: `consume`
raises, and the request is answered 503 at once.
"""

import hashlib
import time
from contextvars import ContextVar
from dataclasses import dataclass

from identity.cache import cache
from identity.conf import settings
from identity.errors import RateLimited


@dataclass
class Slots:
    keys: list[str]

    def release(self) -> None:
        keys, self.keys = self.keys, []  # once only, whoever releases first
        for key in keys:
            try:
                cache.decr(key)
            except ValueError:
                continue


_taken: ContextVar[tuple[Slots, ...]] = ContextVar("identity_rate_limit_slots", default=())


def request_started(**_kwargs) -> None:
    _taken.set(())


def give_back() -> None:
    """Releases every slot the current request took; an unreachable cache keeps what it holds."""
    taken = _taken.get()
    _taken.set(())
    for slots in taken:
        try:
            slots.release()
        except Exception:  # the cache is down too: nothing to give back
            return


def _limits(name: str) -> tuple[int, int, int]:
    return (
        getattr(settings, f"RATE_LIMIT_{name}_PER_EMAIL"),
        getattr(settings, f"RATE_LIMIT_{name}_PER_IP"),
        getattr(settings, f"RATE_LIMIT_{name}_WINDOW_SECONDS"),
    )


def _take(key: str, window: int) -> int:
    """The counter after this attempt. Every attempt runs the same statements, whether its counter
    exists or not, so a known email and an unknown one (a fresh counter) answer in the same time."""
    cache.add(key, 0, timeout=window + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return 1


def consume(name: str, account: str | None, ip: str | None) -> Slots:
    """Take one slot for the account and one for the IP; raise 429 when either is over its limit."""
    per_account, per_ip, window = _limits(name)
    now = time.time()
    bucket = int(now // window)
    retry_after = max(1, int(window - now % window))
    slots = Slots([])
    _taken.set((*_taken.get(), slots))
    for scope, subject, limit in (("account", account, per_account), ("ip", ip, per_ip)):
        if not subject or limit <= 0:
            continue
        digest = hashlib.sha256(subject.lower().encode()).hexdigest()[:32]
        key = f"rl:{name}:{scope}:{digest}:{bucket}"
        count = _take(key, window)
        slots.keys.append(key)
        if count > limit:
            raise RateLimited(retry_after)
    return slots
