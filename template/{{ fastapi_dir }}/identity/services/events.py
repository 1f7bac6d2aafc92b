"""Auth events: one structured record per success or failure, handed to each sink of identity/features.py.

Callers pass identifiers and facts only: never a password, code, token or secret.
"""

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import import_module
from typing import Any

from fastapi import Request

from identity import features
from identity.models import Account
from identity.services.requests import client_ip, user_agent

logger = logging.getLogger("identity.events")


@dataclass(frozen=True)
class AuthEvent:
    event: str
    user_id: str | None
    ip: str | None
    user_agent: str
    at: datetime
    details: dict[str, Any] = field(default_factory=dict)


def emit(
    event: str, request: Request | None = None, user: Account | None = None, user_id: str | None = None, **details: Any
) -> AuthEvent:
    record = AuthEvent(
        event=event,
        user_id=user.id if user is not None else user_id,
        ip=client_ip(request) if request is not None else None,
        user_agent=user_agent(request) if request is not None else "",
        at=datetime.now(UTC),
        details=details,
    )
    return publish(record)


def publish(record: AuthEvent) -> AuthEvent:
    """Hands `record` to every sink (an event recorded after the answer comes here directly)."""
    for sink in _sinks():
        sink(record)
    return record


@cache
def _sinks() -> list[Callable[[AuthEvent], None]]:
    return [getattr(import_module(path.rpartition(".")[0]), path.rpartition(".")[2]) for path in features.EVENT_SINKS]


def log_event(record: AuthEvent) -> None:
    """One JSON line per event; JSON escaping keeps CR/LF in input from forging a line."""
    payload = asdict(record)
    payload["at"] = record.at.isoformat()
    logger.info(json.dumps(payload, sort_keys=True, default=str))
