"""Checking and setting passwords; unknown accounts cost the same hash as known ones.

Passwords live on the project's user (its `password` column). They are checked against the
hashers Django ships (PBKDF2, bcrypt, argon2, scrypt), whatever PASSWORD_HASHERS the project
lists, and stored as argon2id: an older hash is upgraded at the next successful sign-in.
Django's Argon2PasswordHasher reads that format, so the project's own logins keep working.
"""

import secrets
from functools import cache

from django.contrib.auth import hashers, password_validation
from django.core.exceptions import ValidationError
from rest_framework import serializers

from identity.hashers import Argon2idHasher
from identity.validators import normalize

__all__ = ["matches", "normalize", "set_password", "validate"]

PREFERRED = Argon2idHasher()
ACCEPTED = {
    hasher.algorithm: hasher
    for hasher in (
        hashers.PBKDF2PasswordHasher(),
        hashers.PBKDF2SHA1PasswordHasher(),
        hashers.BCryptSHA256PasswordHasher(),
        hashers.BCryptPasswordHasher(),
        hashers.ScryptPasswordHasher(),
        PREFERRED,
    )
}


@cache
def _dummy_hash() -> str:
    return PREFERRED.encode(secrets.token_urlsafe(32), PREFERRED.salt())


def encode(password: str) -> str:
    return PREFERRED.encode(normalize(password), PREFERRED.salt())


def matches(account, password: str) -> bool:
    """Whether `password` is the account's; with no account, a dummy hash is verified to keep the timing.

    A correct password under an older hash or weaker parameters is stored again as argon2id.
    """
    password = normalize(password)
    user = account.user if account is not None else None
    encoded = user.password if user is not None else ""
    hasher = ACCEPTED.get(encoded.partition("$")[0]) if encoded and hashers.is_password_usable(encoded) else None
    if hasher is None:
        PREFERRED.verify(password, _dummy_hash())
        return False
    try:
        correct = hasher.verify(password, encoded)
    except ValueError:  # a bcrypt hash without the bcrypt library, or a malformed hash
        return False
    if correct and (hasher is not PREFERRED or PREFERRED.must_update(encoded)):
        user.password = encode(password)
        type(user)._default_manager.filter(pk=user.pk).update(password=user.password)
    return correct


def validate(password: str, user, field: str = "password") -> None:
    """Raise a 400 `weak_password` problem naming every rule the password breaks."""
    try:
        password_validation.validate_password(normalize(password), user, password_validators())
    except ValidationError as error:
        raise serializers.ValidationError({field: error.messages}, code="weak_password") from None


@cache
def password_validators():
    """The auth feature's rules (the project's AUTH_PASSWORD_VALIDATORS are left to its own forms)."""
    from identity.conf import settings

    return password_validation.get_password_validators(settings.AUTH_PASSWORD_RULES)


def set_password(account, password: str) -> None:
    """Store a new password on the account's project user."""
    user = account.user
    user.password = encode(password)
    type(user)._default_manager.filter(pk=user.pk).update(password=user.password)
