"""The steps between a proven credential and issued tokens, each mode adding its own checks.

Password checks (email verified, second factor) run after the password; token checks (consent)
run before any token, whatever proved the user (password, MFA, device or passkey). A check
returns a response to interrupt the login, raises a problem, or returns None. The mode's
checks are listed in auth/features.py.
"""

from flask import jsonify

from . import events, features, passwords, sessions, users
from .errors import Problem
from .models import User
from .transport import token_response


def register_open(email: str, password: str):
    """An open sign-up: 201 with the user; a taken email is 409."""
    passwords.validate(password, email)
    user = users.create(email, password)
    if user is None:
        raise Problem(409, "conflict", "An account with this email already exists.")
    events.emit("USER_REGISTERED", user)
    response = jsonify({"user": users.represent(user)})
    response.status_code = 201
    return response


def after_password(user: User):
    for check in features.PASSWORD_CHECKS:
        if (response := check(user)) is not None:
            return response
    return issue_tokens(user)


def issue_tokens(user: User, event: str = "USER_LOGIN"):
    for check in features.TOKEN_CHECKS:
        if (response := check(user)) is not None:
            return response
    issued = sessions.start(user, event)
    for hook in features.SIGN_IN_HOOKS:
        hook(user, issued.session)
    return token_response(issued)
