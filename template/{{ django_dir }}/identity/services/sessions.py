"""Sessions: one row per login, rotating opaque refresh tokens, and liveness of access tokens.

A refresh token is 256 random bits; its successor is derived as HMAC(key, token), so a
parallel refresh inside the grace window gets the very same successor back. Presenting a
spent token later revokes every session of the user.
"""

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from itertools import pairwise

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.module_loading import import_string

from identity.conf import settings
from identity.errors import Problem
from identity.models import Account, RefreshToken, UserSession

from . import events, jwt_tokens, liveness
from .requests import client_ip, user_agent
from .write_lock import serialized_writes


@dataclass(frozen=True)
class Issued:
    session: UserSession
    access_token: str
    refresh_token: str

    @property
    def expires_in(self) -> int:
        return settings.ACCESS_TOKEN_TTL_SECONDS


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def successor(token: str) -> str:
    mac = hmac.new(settings.AUTH_JWT_SECRET, b"refresh:" + token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def access_token_for(session: UserSession) -> str:
    return jwt_tokens.issue(
        jwt_tokens.ACCESS, str(session.user_id), settings.ACCESS_TOKEN_TTL_SECONDS, sid=str(session.pk)
    )


def start(user, request, event: str = "USER_LOGIN", mark: Callable[[UserSession], object] | None = None) -> Issued:
    """A new session for `user` (after every check passed): the only place tokens are born.

    `mark` writes what the login adds to its session (a passkey login says so) in the same transaction.
    """
    now = timezone.now()
    absolute = settings.SESSION_ABSOLUTE_TTL_SECONDS
    absolute_expiry = now + timedelta(seconds=absolute) if absolute else None
    expires_at = now + timedelta(seconds=settings.REFRESH_TOKEN_TTL_SECONDS)
    if absolute_expiry is not None:
        expires_at = min(expires_at, absolute_expiry)
    refresh = secrets.token_urlsafe(32)
    with transaction.atomic():
        session = UserSession.objects.create(
            user=user,
            expires_at=expires_at,
            absolute_expires_at=absolute_expiry,
            ip=client_ip(request) or None,
            user_agent=user_agent(request),
        )
        RefreshToken.objects.create(token_hash=digest(refresh), session=session)
        if mark is not None:
            mark(session)
        _enforce_session_cap(user)
        get_user_model()._default_manager.filter(pk=user.user_id).update(last_login=now)
    for hook in settings.AUTH_SIGN_IN_HOOKS:
        import_string(hook)(user, session, request)
    events.emit(event, request, user, session=str(session.pk))
    return Issued(session, access_token_for(session), refresh)


def _enforce_session_cap(user) -> None:
    active = UserSession.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
    surplus = list(active.values_list("pk", flat=True)[settings.MAX_SESSIONS_PER_USER :])
    if surplus:
        UserSession.objects.filter(pk__in=surplus).update(revoked_at=timezone.now(), revoked_reason="session_cap")
        liveness.changed()


def problem_if_over(session: UserSession, now) -> Problem | None:
    """Why `session` can no longer be used, or None while it is alive."""
    if session.revoked_at is not None:
        return Problem(401, "session_revoked", "This session has ended; sign in again.")
    if session.absolute_expires_at is not None and now >= session.absolute_expires_at:
        return Problem(401, "session_revoked", "This session reached its maximum lifetime; sign in again.")
    idle = settings.SESSION_IDLE_TIMEOUT_SECONDS
    if idle and now - session.last_seen_at > timedelta(seconds=idle):
        return Problem(401, "session_revoked", "This session was idle too long; sign in again.")
    return None


def rotate(presented: str, request) -> Issued:
    now = timezone.now()
    found = _select_related((RefreshToken, UserSession, Account, get_user_model()), digest(presented))
    if found is None:
        raise Problem(401, "token_invalid", "The refresh token is not valid.")
    row, session, _, _ = found
    if (problem := problem_if_over(session, now)) is not None:
        raise problem
    if not session.user.is_active:
        raise Problem(401, "session_revoked", "This account is disabled.")
    if now >= session.expires_at:
        raise Problem(401, "token_expired", "The refresh token has expired; sign in again.")
    child = successor(presented)
    expires_at = now + timedelta(seconds=settings.REFRESH_TOKEN_TTL_SECONDS)
    if session.absolute_expires_at is not None:
        expires_at = min(expires_at, session.absolute_expires_at)
    first_use = _spend_and_replace(row, session, digest(child), now, expires_at)
    if first_use:
        session.expires_at, session.last_seen_at = expires_at, now
    else:
        spent_at = RefreshToken.objects.values_list("spent_at", flat=True).get(pk=row.pk)
        if now - spent_at > timedelta(seconds=settings.REFRESH_REUSE_GRACE_SECONDS):
            revoke_all(session.user, "refresh_reuse")
            events.emit("REFRESH_REUSE_DETECTED", request, session.user, session=str(session.pk))
            raise Problem(401, "token_invalid", "This refresh token was already used; every session was ended.")
    events.emit("TOKEN_REFRESHED", request, session.user, session=str(session.pk))
    return Issued(session, access_token_for(session), child)


def _spend_and_replace(row: RefreshToken, session: UserSession, child_hash: str, now, expires_at) -> bool:
    """In one write transaction: spend `row` unless it already was, then store its successor and
    extend the session. False when `row` was already spent. Like `_select_related`, the SQL is
    built once: this runs on every refresh, and the ORM's query building would double its cost.
    """
    alias = router.db_for_write(RefreshToken)
    connection = connections[alias]
    spend, store, extend = _rotation_sql(alias)
    when = connection.ops.adapt_datetimefield_value(now)
    session_key = UserSession._meta.pk.get_db_prep_value(session.pk, connection)
    with serialized_writes(alias), transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute(spend, [when, row.pk])
        if cursor.rowcount == 0:
            return False
        cursor.execute(store, [child_hash, session_key, when])
        cursor.execute(extend, [connection.ops.adapt_datetimefield_value(expires_at), when, session_key])
    return True


@cache
def _rotation_sql(alias: str) -> tuple[str, str, str]:
    quote = connections[alias].ops.quote_name

    def table(model: type[Model]) -> str:
        return quote(model._meta.db_table)

    def column(model: type[Model], name: str) -> str:
        return quote(model._meta.get_field(name).column)

    token, session = RefreshToken, UserSession
    spend = (
        f"UPDATE {table(token)} SET {column(token, 'spent_at')} = %s"  # noqa: S608 (names from the models)
        f" WHERE {column(token, 'token_hash')} = %s AND {column(token, 'spent_at')} IS NULL"
    )
    store = (
        f"INSERT INTO {table(token)} ({column(token, 'token_hash')}, {column(token, 'session')},"  # noqa: S608
        f" {column(token, 'created_at')}, {column(token, 'spent_at')}) VALUES (%s, %s, %s, NULL)"
    )
    extend = (
        f"UPDATE {table(session)} SET {column(session, 'expires_at')} = %s,"  # noqa: S608
        f" {column(session, 'last_seen_at')} = %s WHERE {column(session, 'id')} = %s"
    )
    return spend, store, extend


def session_of_refresh(presented: str) -> UserSession | None:
    row = RefreshToken.objects.select_related("session").filter(token_hash=digest(presented)).first()
    return row.session if row else None


def revoke(session: UserSession, reason: str) -> None:
    UserSession.objects.filter(pk=session.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )
    liveness.changed()


def revoke_all(user, reason: str, keep: UserSession | None = None) -> int:
    sessions = UserSession.objects.filter(user=user, revoked_at__isnull=True)
    if keep is not None:
        sessions = sessions.exclude(pk=keep.pk)
    ended = sessions.update(revoked_at=timezone.now(), revoked_reason=reason)
    liveness.changed()
    return ended


def live_session(sid: str, user_id: str) -> UserSession:
    """The session named by an access token, with its active user.

    A worker may answer from the session it read less than a second ago (services/liveness.py):
    a logout, a revocation or a change to the user on this host counts from the very next
    request, on another host sharing the database within the second.
    """
    session = liveness.recall(sid)
    if session is None:
        seen = liveness.counter()
        found = _select_related((UserSession, Account, get_user_model()), sid)
        session = found[0] if found else None
        if session is not None:
            liveness.remember(sid, session, seen)
    if session is None or str(session.user_id) != user_id:
        raise Problem(401, "session_revoked", "This session has ended; sign in again.")
    now = timezone.now()
    if (problem := problem_if_over(session, now)) is not None:
        raise problem
    if not session.user.is_active:
        raise Problem(401, "session_revoked", "This account is disabled.")
    _touch(session, now)
    return session


def _select_related(chain: tuple[type[Model], ...], pk) -> list[Model] | None:
    """`chain[0].objects.select_related(...).filter(pk=pk).first()` along the foreign keys of
    `chain`, with its SQL built once: it runs on every authenticated request and refresh,
    where building the ORM query costs several times running it. Values go through the
    ORM's own column converters, and the instances are linked as select_related links them.
    """
    alias = router.db_for_read(chain[0])
    connection = connections[alias]
    try:
        key = chain[0]._meta.pk.get_db_prep_value(pk, connection)
    except ValidationError:
        return None
    sql, columns, links = _select_related_query(alias, chain)
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for value, (column, converters) in zip(row, columns, strict=True):
        for convert in converters:
            value = convert(value, column, connection)
        values.append(value)
    instances, offset = [], 0
    for model in chain:
        width = len(model._meta.concrete_fields)
        instances.append(model.from_db(alias, None, values[offset : offset + width]))
        offset += width
    for (parent, child), link in zip(pairwise(instances), links, strict=True):
        setattr(parent, link, child)
    return instances


@cache
def _select_related_query(alias: str, chain: tuple[type[Model], ...]) -> tuple[str, list, list[str]]:
    """The SQL, each column's converters, and the name of the foreign key from each model to the next."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    names, columns = [], []
    for model in chain:
        for field in model._meta.concrete_fields:
            column = field.get_col(model._meta.db_table)
            names.append(f"{quote(model._meta.db_table)}.{quote(field.column)}")
            columns.append((column, connection.ops.get_db_converters(column) + column.get_db_converters(connection)))
    first = chain[0]._meta
    sql = f"SELECT {', '.join(names)} FROM {quote(first.db_table)}"  # noqa: S608 (names from the models)
    links = []
    for parent, child in pairwise(chain):
        foreign_key = next(field for field in parent._meta.concrete_fields if field.related_model is child)
        links.append(foreign_key.name)
        table = quote(child._meta.db_table)
        on = f"{table}.{quote(child._meta.pk.column)} = {quote(parent._meta.db_table)}.{quote(foreign_key.column)}"
        sql += f" INNER JOIN {table} ON {on}"
    return f"{sql} WHERE {quote(first.db_table)}.{quote(first.pk.column)} = %s", columns, links


def _touch(session: UserSession, now) -> None:
    idle = settings.SESSION_IDLE_TIMEOUT_SECONDS
    interval = min(60, max(1, idle // 4)) if idle else 60
    if now - session.last_seen_at >= timedelta(seconds=interval):
        session.last_seen_at = now
        UserSession.objects.filter(pk=session.pk).update(last_seen_at=now)


def mark_authenticated(session: UserSession) -> None:
    now = timezone.now()
    session.authenticated_at = now
    UserSession.objects.filter(pk=session.pk).update(authenticated_at=now)
    liveness.changed()


def recently_authenticated(session: UserSession) -> bool:
    return timezone.now() - session.authenticated_at <= timedelta(seconds=settings.REAUTH_WINDOW_SECONDS)
