"""Registration and what follows a correct password: the mode's features plug in here."""

from flask import jsonify

from . import events, passwords, sessions, users
from .errors import Problem
from .models import User
from .transport import token_response


def register(email: str, password: str):
    """Mode 1: an open sign-up, 201 with the user; a taken email is 409."""
    passwords.validate(password, email)
    user = users.create(email, password)
    if user is None:
        raise Problem(409, "conflict", "An account with this email already exists.")
    events.emit("USER_REGISTERED", user)
    response = jsonify({"user": users.represent(user)})
    response.status_code = 201
    return response


def after_password(user: User):
    return token_response(sessions.start(user))
