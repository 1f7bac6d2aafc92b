"""Mode 1 registration: the account is usable at once; a taken email answers 409."""

from django.db import IntegrityError, transaction
from rest_framework.response import Response

from identity.errors import Problem
from identity.models import User

from . import events, passwords
from .users import represent


def register_open(email: str, password: str, request) -> Response:
    passwords.validate(password, User(email=email))
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, passwords.normalize(password))
    except IntegrityError:
        raise Problem(409, "conflict", "An account with this email already exists.") from None
    events.emit("USER_REGISTERED", request, user)
    return Response({"user": represent(user)}, status=201)
