"""Signed JWTs: access tokens and the short single-purpose tokens (MFA pending, consent).

HS256 only, with a `kid` derived from the key so that previous keys stay valid while rotating.
"""

import hashlib
import secrets
import time
from collections.abc import Mapping
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

import jwt

from identity.errors import Problem
from identity.settings import settings

ALGORITHM = "HS256"
ACCESS = "access"
REQUIRED_CLAIMS = ("exp", "iat", "sub", "typ")


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


@cache
def _keys() -> dict[str, bytes]:
    keys = {key_id(settings.AUTH_JWT_SECRET): settings.AUTH_JWT_SECRET}
    for previous in settings.AUTH_JWT_PREVIOUS_SECRETS:
        keys.setdefault(key_id(previous), previous)
    return keys


def issue(typ: str, subject: str, ttl: int, **claims: Any) -> str:
    now = int(time.time())
    payload = {"sub": subject, "typ": typ, "iat": now, "exp": now + ttl, "jti": secrets.token_urlsafe(12), **claims}
    key = settings.AUTH_JWT_SECRET
    return jwt.encode(payload, key, algorithm=ALGORITHM, headers={"kid": key_id(key)})


def read(token: str, typ: str) -> Mapping[str, Any]:
    """The verified claims of `token`, or a 401 problem (`token_expired` or `token_invalid`)."""
    required = (*REQUIRED_CLAIMS, "sid") if typ == ACCESS else (*REQUIRED_CLAIMS, "jti")
    try:
        claims = _verified(token, required)
    except jwt.ExpiredSignatureError:
        raise Problem(401, "token_expired", "The token has expired.") from None
    except jwt.PyJWTError:
        raise Problem(401, "token_invalid", "The token is not valid.") from None
    if claims["exp"] <= time.time():
        raise Problem(401, "token_expired", "The token has expired.")
    if claims.get("typ") != typ:
        raise Problem(401, "token_invalid", "The token is not valid here.")
    return claims


@lru_cache(maxsize=4096)
def _verified(token: str, required: tuple[str, ...]) -> Mapping[str, Any]:
    """Signature and claims, checked once per token in this process (read() checks the expiry on
    every use): a client sends the same access token with every request until it expires.
    Failures raise, so they are never cached."""
    key = _keys().get(jwt.get_unverified_header(token).get("kid", ""))
    if key is None:
        raise jwt.InvalidTokenError("unknown key")
    return MappingProxyType(jwt.decode(token, key, algorithms=[ALGORITHM], options={"require": list(required)}))
