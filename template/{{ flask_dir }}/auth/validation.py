"""Reading a JSON body strictly: an object, strings as JSON strings without control characters."""

import re
import unicodedata
from typing import Any

from flask import request

from .errors import Problem, invalid

EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
MAX_PASSWORD_INPUT = 1024


def body() -> dict[str, Any]:
    """The request's JSON object, or a 415 / 400 problem."""
    if not request.is_json:
        raise Problem(415, "unsupported_media_type", "Send a JSON body (Content-Type: application/json).")
    try:
        data = request.get_json(silent=True, cache=True)
    except RecursionError:
        data = None
    if not isinstance(data, dict):
        raise Problem(400, "validation_error", "The body must be a JSON object.")
    return data


def text(data: dict[str, Any], field: str, max_length: int = 256, required: bool = True) -> str:
    value = data.get(field)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise invalid(field, "Required: a non-empty string.")
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in value):
        raise invalid(field, "Must not contain control characters.")
    if len(value) > max_length:
        raise invalid(field, f"At most {max_length} characters.")
    return value


def password(data: dict[str, Any], field: str = "password") -> str:
    return text(data, field, MAX_PASSWORD_INPUT)


def email(data: dict[str, Any], field: str = "email") -> str:
    value = unicodedata.normalize("NFKC", text(data, field, 254))
    if not EMAIL.match(value):
        raise invalid(field, "Enter a valid email address.")
    return value.lower()
