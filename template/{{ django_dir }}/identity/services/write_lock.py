"""One writer at a time on SQLite, queued by the kernel instead of by SQLite's sleeps.

SQLite lets one write transaction in and makes the others retry after sleeping 1 ms, then 2, 5,
10...; on a hot path such as refresh, that sleep costs more than the write itself. The workers of
the host take an exclusive file lock (beside the database file) around their write transaction
instead: the next one wakes the moment the lock is released. Other databases lock rows and need
none of this.
"""

import fcntl
import os
from contextlib import contextmanager
from functools import cache

from django.db import connections


@cache
def _lock_file(path: str, pid: int) -> int:
    """Opened per process: processes sharing one open file (a descriptor inherited by fork) share its lock."""
    return os.open(f"{path}.write-lock", os.O_RDWR | os.O_CREAT, 0o600)


@contextmanager
def serialized_writes(using: str = "default"):
    connection = connections[using]
    # Inside a transaction that may already hold SQLite's lock, waiting for the file lock could deadlock.
    if connection.vendor != "sqlite" or connection.is_in_memory_db() or connection.in_atomic_block:
        yield
        return
    descriptor = _lock_file(str(connection.settings_dict["NAME"]), os.getpid())
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
