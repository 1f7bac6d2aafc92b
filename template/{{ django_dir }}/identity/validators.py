"""Password rules of the baseline: length counted in code points after NFKC, no composition rules,
no common password, nothing built from the email address or the application's name."""

import unicodedata
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from identity.conf import settings

COMMON_PASSWORDS = Path(__file__).resolve().parent / "common-passwords.txt"


def normalize(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


class LengthValidator:
    def validate(self, password: str, user=None) -> None:
        length = len(normalize(password))
        if length < settings.PASSWORD_MIN_LENGTH:
            raise ValidationError(
                f"Use at least {settings.PASSWORD_MIN_LENGTH} characters; a few words make a strong password.",
                code="weak_password",
            )
        if length > settings.PASSWORD_MAX_LENGTH:
            raise ValidationError(f"Use at most {settings.PASSWORD_MAX_LENGTH} characters.", code="weak_password")

    def get_help_text(self) -> str:
        return f"At least {settings.PASSWORD_MIN_LENGTH} and at most {settings.PASSWORD_MAX_LENGTH} characters."


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's validator over the list shipped with this app (20,000 common passwords)."""

    def __init__(self, password_list_path=COMMON_PASSWORDS):
        # Django's own reader opens a plain-text list in the locale's encoding; the list is UTF-8.
        lines = Path(password_list_path).read_text(encoding="utf-8").splitlines()
        self.passwords = {line.strip() for line in lines} - {""}

    def validate(self, password: str, user=None) -> None:
        if normalize(password).lower().strip() in self.passwords:
            raise ValidationError("This password is among the most common ones; choose another.", code="weak_password")


class PersonalWordsValidator:
    def validate(self, password: str, user=None) -> None:
        folded = normalize(password).casefold()
        email = (getattr(user, "email", "") or "").casefold()
        # Shorter names and local parts are left out: a one-letter app name would refuse nearly every password.
        words = [email, *(word for word in (settings.APP_NAME.casefold(), email.split("@", 1)[0]) if len(word) >= 4)]
        if any(word and word in folded for word in words):
            raise ValidationError(
                "The password must not contain your email address or the app's name.", code="weak_password"
            )

    def get_help_text(self) -> str:
        return "Not containing your email address or the app's name."
