"""The steps between a proven credential and issued tokens, each mode adding its own checks.

Password checks (email verified, second factor) run after the password; token checks
(consent) run before any token, whatever proved the user (password, MFA or device).
A check returns a response to interrupt the login, raises a problem, or returns None.
"""

from functools import cache

from django.utils.module_loading import import_string
from rest_framework.response import Response

from identity.conf import settings
from identity.services import sessions
from identity.transport import token_response


@cache
def _checks(name: str):
    return [import_string(path) for path in getattr(settings, name)]


def after_password(user, request) -> Response:
    for check in _checks("AUTH_PASSWORD_CHECKS"):
        if (response := check(user, request)) is not None:
            return response
    return issue_tokens(user, request)


def issue_tokens(user, request, event: str = "USER_LOGIN", mark=None) -> Response:
    for check in _checks("AUTH_TOKEN_CHECKS"):
        if (response := check(user, request)) is not None:
            return response
    return token_response(sessions.start(user, request, event, mark))
