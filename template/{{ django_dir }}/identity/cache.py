"""The auth feature's own cache (rate-limit counters, spent-token markers), shared by every process.

It is Redis at REDIS_URL, else the `identity_cache` table (created by this app's migrations),
or the project's cache alias named by AUTH_CACHE_ALIAS: the project's CACHES stay as they are.
The database cache has an atomic `incr` and an `add` that never evicts live entries.
"""

import base64
import pickle
import time
from datetime import UTC, datetime

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.functional import LazyObject

from identity.conf import settings

PURGE_SECONDS = 60


class AtomicDatabaseCache(DatabaseCache):
    _next_purge = 0.0

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store `value` unless a live entry holds `key`. Unlike Django's `add`, no COUNT(*) and
        culling on every write: culling could drop a live rate-limit counter. Expired entries
        are purged instead, the key's own here and all of them once a minute."""
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        expiry = self.get_backend_timeout(timeout)
        zone = UTC if settings.USE_TZ else None
        expires = datetime.max if expiry is None else datetime.fromtimestamp(expiry, tz=zone)
        stored = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        self._purge_now_and_then(db, table, now)
        try:
            with transaction.atomic(using=db), connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE cache_key = %s AND expires < %s", [key, now])  # noqa: S608
                cursor.execute(
                    f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s)",  # noqa: S608
                    [key, stored, connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))],
                )
        except IntegrityError:
            return False
        return True

    def _purge_now_and_then(self, db: str, table: str, now) -> None:
        if time.monotonic() < self._next_purge:
            return
        self._next_purge = time.monotonic() + PURGE_SECONDS
        try:
            with transaction.atomic(using=db), connections[db].cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # noqa: S608
        except DatabaseError:  # another process purging the same rows at the same time: its purge counts
            return

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        # On SQLite the transaction is IMMEDIATE (see settings), which serialises writers.
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value FROM {table} WHERE cache_key = %s AND expires > %s{lock}",  # noqa: S608
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301
            stored = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [stored, key])  # noqa: S608
        return value


class SharedCache(LazyObject):
    def _setup(self):
        if alias := getattr(settings, "AUTH_CACHE_ALIAS", ""):
            self._wrapped = caches[alias]
        elif redis_url := getattr(settings, "REDIS_URL", ""):
            self._wrapped = RedisCache(redis_url, {})
        else:
            self._wrapped = AtomicDatabaseCache("identity_cache", {})


cache = SharedCache()
