"""The steps between a proven credential and issued tokens, each mode adding its own checks.

Password checks (email verified, second factor) run after the password; token checks (consent)
run before any token, whatever proved the user. A check returns a response to interrupt the
login, raises a problem, or returns None. identity/features.py lists the checks of the mode.
"""

from collections.abc import Callable
from functools import cache

from fastapi import Request, Response
from sqlalchemy.orm import Session

from identity import features
from identity.models import Account, UserSession
from identity.services import sessions
from identity.services.users import imported
from identity.transport import token_response

Check = Callable[[Session, Account, Request], Response | None]


@cache
def _checks(name: str) -> list[Check]:
    return [imported(path) for path in getattr(features, name)]


def after_password(db: Session, user: Account, request: Request) -> Response:
    for check in _checks("PASSWORD_CHECKS"):
        if (response := check(db, user, request)) is not None:
            return response
    return issue_tokens(db, user, request)


def issue_tokens(
    db: Session,
    user: Account,
    request: Request,
    event: str = "USER_LOGIN",
    mark: Callable[[Session, UserSession], object] | None = None,
) -> Response:
    for check in _checks("TOKEN_CHECKS"):
        if (response := check(db, user, request)) is not None:
            return response
    return token_response(sessions.start(db, user, request, event, mark))
