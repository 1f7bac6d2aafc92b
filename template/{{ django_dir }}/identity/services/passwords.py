"""Checking and setting passwords; unknown accounts cost the same hash as known ones."""

import secrets
from functools import cache

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from rest_framework import serializers

from identity.validators import normalize

__all__ = ["matches", "normalize", "set_password", "validate"]


@cache
def _dummy_hash() -> str:
    return make_password(secrets.token_urlsafe(32))


def matches(user, password: str) -> bool:
    """Whether `password` is the user's; with no user, a dummy hash is verified to keep the timing."""
    password = normalize(password)
    if user is None or not user.has_usable_password():
        check_password(password, _dummy_hash())
        return False
    return user.check_password(password)  # also upgrades a legacy hash


def validate(password: str, user, field: str = "password") -> None:
    """Raise a 400 `weak_password` problem naming every rule the password breaks."""
    try:
        password_validation.validate_password(normalize(password), user)
    except ValidationError as error:
        raise serializers.ValidationError({field: error.messages}, code="weak_password") from None


def set_password(user, password: str) -> None:
    user.set_password(normalize(password))
    user.save(update_fields=["password"])
