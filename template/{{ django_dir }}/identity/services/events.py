"""Auth events: one structured record per success or failure, sent to each configured sink.

Callers pass identifiers and facts only: never a password, code, token or secret.
"""

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache

from django.utils.module_loading import import_string

from identity.conf import settings

from .requests import client_ip, user_agent

logger = logging.getLogger("identity.events")


@dataclass(frozen=True)
class AuthEvent:
    event: str
    user_id: str | None
    ip: str | None
    user_agent: str
    at: datetime
    details: dict = field(default_factory=dict)


@cache
def _sinks():
    return [import_string(path) for path in settings.AUTH_EVENT_SINKS]


def client_of(request) -> dict:
    """Who asked, kept for an event recorded after the answer (by an outbox job)."""
    return {"ip": client_ip(request), "user_agent": user_agent(request)}


def emit(event: str, request=None, user=None, user_id=None, client=None, **details) -> AuthEvent:
    client = client or (client_of(request) if request is not None else {"ip": None, "user_agent": ""})
    record = AuthEvent(
        event=event,
        user_id=str(user.pk) if user is not None else (str(user_id) if user_id else None),
        ip=client["ip"],
        user_agent=client["user_agent"],
        at=datetime.now(UTC),
        details=details,
    )
    for sink in _sinks():
        sink(record)
    return record


def log_event(record: AuthEvent) -> None:
    """One JSON line per event; JSON escaping keeps CR/LF in input from forging a line."""
    payload = asdict(record)
    payload["at"] = record.at.isoformat()
    logger.info(json.dumps(payload, sort_keys=True, default=str))
