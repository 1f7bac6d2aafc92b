"""Mode 1 registration: the account is usable at once; a taken email answers 409."""

from django.db import IntegrityError
from rest_framework.response import Response

from identity.errors import Problem
from identity.models import Account

from . import events, passwords, users


def register_open(email: str, password: str, request) -> Response:
    passwords.validate(password, Account(email=email))
    try:
        user = users.create(email, password)
    except IntegrityError:
        raise Problem(409, "conflict", "An account with this email already exists.") from None
    events.emit("USER_REGISTERED", request, user)
    return Response({"user": users.represent(user)}, status=201)
