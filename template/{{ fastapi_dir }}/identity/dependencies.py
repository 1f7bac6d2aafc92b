"""FastAPI dependencies of the auth, for its routes and the application's own:
`current_user` (the signed-in Account, or 401) and `current_session`."""

from collections.abc import Callable
from functools import cache
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from identity import features
from identity.database import get_db
from identity.errors import Problem
from identity.models import Account, UserSession
from identity.services import jwt_tokens, sessions
from identity.services.users import imported
from identity.transport import presented_access_token

Database = Annotated[Session, Depends(get_db)]


def optional_session(request: Request, db: Database) -> UserSession | None:
    """The live session of the access token sent (header or cookie, per transport), if one was sent."""
    token = presented_access_token(request)
    if not token:
        return None
    claims = jwt_tokens.read(token, jwt_tokens.ACCESS)
    return sessions.live_session(db, str(claims["sid"]), str(claims["sub"]))


def signed_in_session(session: Annotated[UserSession | None, Depends(optional_session)]) -> UserSession:
    """The live session, before the checks of the mode (for the routes that enrol a second factor)."""
    if session is None:
        raise Problem(
            401,
            "token_invalid",
            "Sign in first: no valid access token was sent.",
            {"WWW-Authenticate": 'Bearer realm="api"'},
        )
    return session


@cache
def _session_checks() -> list[Callable[[UserSession], None]]:
    return [imported(path) for path in features.SESSION_CHECKS]


def current_session(session: Annotated[UserSession, Depends(signed_in_session)]) -> UserSession:
    """The live session, having passed the checks of the mode (identity/features.py)."""
    for check in _session_checks():
        check(session)
    return session


def current_user(session: Annotated[UserSession, Depends(current_session)]) -> Account:
    return session.user


CurrentSession = Annotated[UserSession, Depends(current_session)]
SignedInSession = Annotated[UserSession, Depends(signed_in_session)]
CurrentUser = Annotated[Account, Depends(current_user)]
