"""Fixed-window counters in Django's cache, incremented atomically before any expensive work.

An attempt takes its slot first, so a burst of parallel requests cannot all pass the check;
`release()` gives the slot back when the attempt succeeded, so only failures count.
"""

import hashlib
import time
from dataclasses import dataclass

from identity.cache import cache
from identity.conf import settings
from identity.errors import RateLimited


@dataclass
class Slots:
    keys: list[str]

    def release(self) -> None:
        for key in self.keys:
            try:
                cache.decr(key)
            except ValueError:
                continue


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
    taken = []
    for scope, subject, limit in (("account", account, per_account), ("ip", ip, per_ip)):
        if not subject or limit <= 0:
            continue
        digest = hashlib.sha256(subject.lower().encode()).hexdigest()[:32]
        key = f"rl:{name}:{scope}:{digest}:{bucket}"
        taken.append(key)
        if _take(key, window) > limit:
            raise RateLimited(retry_after)
    return Slots(taken)
