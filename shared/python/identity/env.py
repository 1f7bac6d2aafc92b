"""Reading the process environment: `.env` in the folder above the identity package first, real variables win.

A missing or weak secret stops the process with one line naming the variable.
"""

import base64
import binascii
import os
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

load_dotenv(BASE_DIR / ".env", override=False)


class MissingSetting(SystemExit):
    """Raised at import time so that the server, its commands and the migrations stop with a single clear line."""

    def __init__(self, message: str) -> None:
        super().__init__(f"configuration error: {message}")


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def integer(name: str, default: int) -> int:
    raw = text(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise MissingSetting(f"{name} must be an integer, got {raw!r}") from None


def boolean(name: str, default: bool) -> bool:
    raw = text(name).lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise MissingSetting(f"{name} must be true or false, got {raw!r}")


def listing(name: str) -> list[str]:
    return [item.strip() for item in text(name).split(",") if item.strip()]


def secret(name: str, min_length: int = 64, hint: str = "openssl rand -hex 32") -> str:
    value = text(name)
    if not value:
        raise MissingSetting(f"{name} is not set; generate one with `{hint}` and put it in .env")
    if len(value) < min_length:
        raise MissingSetting(f"{name} is too short: at least {min_length} characters ({hint})")
    return value


def hex_secret(name: str) -> bytes:
    value = secret(name)
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise MissingSetting(f"{name} must be hexadecimal (openssl rand -hex 32)") from None


def base64_key(name: str, size: int = 32) -> bytes:
    value = secret(name, min_length=1, hint="openssl rand -base64 32")
    try:
        key = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != size:
        raise MissingSetting(f"{name} must be base64 of exactly {size} bytes (openssl rand -base64 32)")
    return key
