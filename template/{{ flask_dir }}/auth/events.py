"""Auth events: one structured record per success or failure, sent to each sink of the mode
(auth/features.py). Callers pass identifiers and facts only: never a password, code or token."""

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from flask import has_request_context

from .models import User
from .requests import client_ip, user_agent

logger = logging.getLogger("auth.events")


@dataclass(frozen=True)
class AuthEvent:
    event: str
    user_id: str | None
    ip: str | None
    user_agent: str
    at: datetime
    details: dict = field(default_factory=dict)


def emit(event: str, user: User | None = None, user_id: str | None = None, **details) -> AuthEvent:
    from . import features  # the mode's index imports the views, which emit through here

    in_request = has_request_context()
    record = AuthEvent(
        event=event,
        user_id=user.id if user is not None else user_id,
        ip=client_ip() or None if in_request else None,
        user_agent=user_agent() if in_request else "",
        at=datetime.now(UTC).replace(microsecond=0),
        details=details,
    )
    for sink in features.EVENT_SINKS:
        sink(record)
    return record


def log_event(record: AuthEvent) -> None:
    """One JSON line per event; JSON escaping keeps CR/LF in input from forging a line."""
    payload = asdict(record)
    payload["at"] = record.at.isoformat()
    logger.info(json.dumps(payload, sort_keys=True, default=str))
