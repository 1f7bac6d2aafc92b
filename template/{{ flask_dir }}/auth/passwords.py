"""Hashing, checking and judging passwords.

New hashes are argon2id with the baseline's parameters. Hashes an application wrote before the
auth (Werkzeug's `pbkdf2:` and `scrypt:` from `generate_password_hash`, bcrypt from Flask-Bcrypt)
are checked too, and a correct password under one of them, or under weaker argon2 parameters,
is stored again as argon2id. An unknown account costs the same hash as a known one.
"""

import secrets
import unicodedata
from functools import cache
from pathlib import Path

import bcrypt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from werkzeug.security import check_password_hash

from . import settings
from .errors import invalid

COMMON_PASSWORDS = Path(__file__).resolve().parent / "common-passwords.txt"
hasher = PasswordHasher(
    time_cost=settings.ARGON2_TIME_COST,
    memory_cost=settings.ARGON2_MEMORY_COST_KIB,
    parallelism=settings.ARGON2_PARALLELISM,
)


def normalize(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def encode(password: str) -> str:
    return hasher.hash(normalize(password))


@cache
def _dummy_hash() -> str:
    return hasher.hash(secrets.token_urlsafe(32))


def check(encoded: str | None, password: str) -> tuple[bool, str | None]:
    """Whether `password` matches `encoded`, and the argon2id hash to store instead when it should change.

    With no hash (no such account) a dummy argon2 hash is verified, so the answer takes as long.
    """
    password = normalize(password)
    if not encoded:
        _verify_argon2(_dummy_hash(), password)
        return False, None
    if encoded.startswith("$argon2"):
        correct = _verify_argon2(encoded, password)
        return correct, encode(password) if correct and hasher.check_needs_rehash(encoded) else None
    if encoded.startswith(("pbkdf2:", "scrypt:")):
        correct = check_password_hash(encoded, password)
    elif encoded.startswith(("$2a$", "$2b$", "$2y$")):
        correct = _verify_bcrypt(encoded, password)
    else:
        _verify_argon2(_dummy_hash(), password)
        return False, None
    return correct, encode(password) if correct else None


def _verify_argon2(encoded: str, password: str) -> bool:
    try:
        return hasher.verify(encoded, password)
    except (VerificationError, InvalidHashError):
        return False


def _verify_bcrypt(encoded: str, password: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), encoded.encode())
    except ValueError:  # a malformed hash, or a password over bcrypt's 72 bytes
        return False


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines) - {""}


def validate(password: str, email: str, field: str = "password") -> None:
    """Raise a 400 `weak_password` problem for the first rule the password breaks.

    Length counted in code points after NFKC, no composition rules, no common password,
    nothing built from the email address or the application's name.
    """
    normalized = normalize(password)
    if len(normalized) < settings.PASSWORD_MIN_LENGTH:
        message = f"Use at least {settings.PASSWORD_MIN_LENGTH} characters; a few words make a strong password."
        raise invalid(field, message, "weak_password")
    if len(normalized) > settings.PASSWORD_MAX_LENGTH:
        raise invalid(field, f"Use at most {settings.PASSWORD_MAX_LENGTH} characters.", "weak_password")
    if normalized.lower().strip() in common_passwords():
        raise invalid(field, "This password is among the most common ones; choose another.", "weak_password")
    folded, email = normalized.casefold(), email.casefold()
    # Shorter names and local parts are left out: a one-letter app name would refuse nearly every password.
    words = [email, *(word for word in (settings.APP_NAME.casefold(), email.split("@", 1)[0]) if len(word) >= 4)]
    if any(word and word in folded for word in words):
        message = "The password must not contain your email address or the app's name."
        raise invalid(field, message, "weak_password")
