"""Auth events: one structured record per success or failure, written as one JSON log line.

Callers pass identifiers and facts only: never a password, code, token or secret.
"""

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import Request

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
    payload = asdict(record)
    payload["at"] = record.at.isoformat()
    # JSON escaping keeps CR/LF in input from forging a line.
    logger.info(json.dumps(payload, sort_keys=True, default=str))
    return record
