"""Password rules of the baseline: length counted in code points after NFKC, no composition rules,
no common password, nothing built from the email address or the application's name."""

import unicodedata
from functools import cache
from pathlib import Path

from identity.settings import settings

COMMON_PASSWORDS = Path(__file__).resolve().parent.parent / "common-passwords.txt"


def normalize(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines) - {""}


def problems(password: str, email: str = "") -> list[str]:
    """What is wrong with `password` for the account of `email`; empty when it is acceptable."""
    password = normalize(password)
    found = []
    if len(password) < settings.PASSWORD_MIN_LENGTH:
        found.append(f"Use at least {settings.PASSWORD_MIN_LENGTH} characters; a few words make a strong password.")
    if len(password) > settings.PASSWORD_MAX_LENGTH:
        found.append(f"Use at most {settings.PASSWORD_MAX_LENGTH} characters.")
    if password.lower().strip() in common_passwords():
        found.append("This password is among the most common ones; choose another.")
    folded, email = password.casefold(), email.casefold()
    # Shorter names and local parts are left out: a one-letter app name would refuse nearly every password.
    words = [email, *(word for word in (settings.APP_NAME.casefold(), email.split("@", 1)[0]) if len(word) >= 4)]
    if any(word and word in folded for word in words):
        found.append("The password must not contain your email address or the app's name.")
    return found
