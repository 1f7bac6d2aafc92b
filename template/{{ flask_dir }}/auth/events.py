"""Auth events (USER_LOGIN, LOGIN_FAILED, ...): one JSON line each on the `auth.events` logger."""

import json
import logging

from .models import User
from .requests import client_ip, user_agent

logger = logging.getLogger("auth.events")


def emit(event: str, user: User | None = None, user_id: str | None = None, **details) -> None:
    record = {
        "event": event,
        "userId": user.id if user is not None else user_id,
        "ip": client_ip(),
        "userAgent": user_agent(),
        **details,
    }
    logger.info(json.dumps(record, ensure_ascii=True))
