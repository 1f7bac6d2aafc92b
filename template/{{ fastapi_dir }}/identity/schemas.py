"""Request bodies: strict JSON types (a string must arrive as a string), no control characters."""

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def no_control_characters(value: str) -> str:
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in value):
        raise ValueError("Must not contain control characters.")
    return value


def email_address(value: str) -> str:
    value = unicodedata.normalize("NFKC", no_control_characters(value))
    if not EMAIL.fullmatch(value):
        raise ValueError("Enter a valid email address.")
    return value.lower()


EmailAddress = Annotated[str, StringConstraints(max_length=254), AfterValidator(email_address)]
Password = Annotated[str, StringConstraints(max_length=1024), AfterValidator(no_control_characters)]
Text = Annotated[str, StringConstraints(max_length=128), AfterValidator(no_control_characters)]


class Body(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


class Credentials(Body):
    email: EmailAddress
    password: Password
    deviceName: Annotated[str, StringConstraints(max_length=100), AfterValidator(no_control_characters)] | None = None


class EmailOnly(Body):
    email: EmailAddress


class TokenOnly(Body):
    token: Text


class PasswordReset(Body):
    token: Text
    password: Password


class PasswordChange(Body):
    currentPassword: Password
    newPassword: Password


class RefreshTokenBody(Body):
    refreshToken: str | None = None
