"""The signed-in user of a request, for the auth's views and the application's alike: decorate a
view with `@login_required` and read `current_user` in it (auth/README.md shows one)."""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar, cast

from flask import g
from werkzeug.local import LocalProxy

from . import sessions, tokens
from .errors import Problem
from .models import User, UserSession
from .transport import presented_access_token

View = TypeVar("View", bound=Callable)


def authenticate(optional: bool = False) -> UserSession | None:
    """The live session named by the request's access token (kept on `g`), or a 401 problem."""
    if "auth_session" in g:
        return g.auth_session
    token = presented_access_token()
    if not token:
        if optional:
            return None
        raise Problem(
            401, "token_invalid", "Sign in first: no valid access token was sent.",
            {"WWW-Authenticate": 'Bearer realm="api"'},
        )  # fmt: skip
    claims = tokens.read(token, tokens.ACCESS)
    g.auth_session = sessions.live_session(str(claims["sid"]), str(claims["sub"]))
    return g.auth_session


def login_required(view: View) -> View:
    """Answers 401 (a problem document) unless the request carries a live access token, and runs
    the mode's session checks (auth/features.py: a provider without MFA is held at enrolment)."""
    from . import features  # the mode's index imports the views, which use this decorator

    @wraps(view)
    def guarded(*args, **kwargs):
        session = authenticate()
        for check in features.SESSION_CHECKS:
            check(session, view)
        return view(*args, **kwargs)

    return cast(View, guarded)


def open_without_mfa(view: View) -> View:
    """Marks a view a user whose role requires MFA may reach before enrolling (place it below login_required)."""
    view.open_without_mfa = True  # type: ignore[attr-defined]
    return view


def _user() -> User | None:
    session = authenticate(optional=True)
    return session.user if session is not None else None


current_user: User = cast(User, LocalProxy(_user))
