"""Reading the process environment; a missing or weak secret stops the start-up with one line naming it."""

import base64
import binascii
import os


class ConfigurationError(SystemExit):
    """Raised at import time so that `flask` and gunicorn stop with a single clear line."""

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
        raise ConfigurationError(f"{name} must be an integer, got {raw!r}") from None


def boolean(name: str, default: bool) -> bool:
    raw = text(name).lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, got {raw!r}")


def listing(name: str) -> list[str]:
    return [item.strip() for item in text(name).split(",") if item.strip()]


def hex_secret(name: str) -> bytes:
    value = text(name)
    if not value:
        raise ConfigurationError(f"{name} is not set; generate one with `openssl rand -hex 32` and put it in .env")
    if len(value) < 64:
        raise ConfigurationError(f"{name} is too short: at least 64 hexadecimal characters (openssl rand -hex 32)")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be hexadecimal (openssl rand -hex 32)") from None


def base64_key(name: str, size: int = 32) -> bytes:
    value = text(name)
    if not value:
        raise ConfigurationError(f"{name} is not set; generate one with `openssl rand -base64 32` and put it in .env")
    try:
        key = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != size:
        raise ConfigurationError(f"{name} must be base64 of exactly {size} bytes (openssl rand -base64 32)")
    return key
