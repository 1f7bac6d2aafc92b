"""A worker's memory of the sessions it checked, for at most SESSION_LIVENESS_SECONDS (the baseline allows one).

Every authenticated request needs its session and user. A worker answers from what it read in the
last second, unless the host's change counter moved: every write that ends a session or changes a
user moves it (`changed()`), and every worker on the host reads it from one shared memory page.
So on this host a logout, revocation or role change counts from the very next request, on any
worker; on other hosts sharing the database, within the second. The database stays the truth.
"""

import hashlib
import mmap
import os
import tempfile
from pathlib import Path
from time import monotonic

from django.db import connections, transaction

from identity.conf import settings

MAX_ENTRIES = 10_000


class HostCounter:
    """Eight bytes in a file mapped by every process of the host that uses the same database."""

    def __init__(self) -> None:
        self._page: mmap.mmap | None = None

    def _map(self) -> mmap.mmap:
        if self._page is None:
            database = connections["default"].settings_dict
            identity = f"{database['ENGINE']}|{database.get('HOST')}|{database.get('PORT')}|{database['NAME']}"
            name = hashlib.sha256(identity.encode()).hexdigest()[:24]
            path = Path(tempfile.gettempdir()) / f"identity-sessions-{name}.counter"
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                if os.fstat(descriptor).st_size < 8:
                    os.ftruncate(descriptor, 8)
                self._page = mmap.mmap(descriptor, 8)
            finally:
                os.close(descriptor)
        return self._page

    def read(self) -> bytes:
        return self._map()[:8]

    def move(self) -> None:
        # Any new value will do: readers only compare with the value they saw.
        self._map()[:8] = os.urandom(8)


_counter = HostCounter()
_remembered: dict[str, tuple[float, bytes, object]] = {}


def recall(sid: str):
    """The session read for `sid` less than a second ago, if nothing on the host changed since."""
    entry = _remembered.get(sid)
    if entry is None:
        return None
    deadline, seen, session = entry
    if monotonic() >= deadline or seen != _counter.read():
        _remembered.pop(sid, None)
        return None
    return session


def remember(sid: str, session, seen: bytes) -> None:
    """Keeps `session`, read after the counter showed `seen` (so a change during the read is not missed)."""
    if settings.SESSION_LIVENESS_SECONDS <= 0:
        return
    if len(_remembered) >= MAX_ENTRIES:
        _remembered.clear()
    _remembered[sid] = (monotonic() + settings.SESSION_LIVENESS_SECONDS, seen, session)


def counter() -> bytes:
    return _counter.read()


def changed(**_) -> None:
    """A session ended or a user changed: every worker of the host forgets what it remembered,
    once the change is committed (a worker reading before the commit keeps the old counter).

    Also the receiver of the User and UserSession delete signals.
    """
    transaction.on_commit(_counter.move)


def saved(created: bool = False, **_) -> None:
    """The receiver of the User and UserSession save signals: a new row changes nothing remembered."""
    if not created:
        changed()
