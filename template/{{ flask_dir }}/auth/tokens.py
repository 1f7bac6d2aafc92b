"""Signed JWTs: access tokens and the short single-purpose tokens of higher modes.

HS256 only, with a `kid` derived from the key, so previous keys stay valid while rotating.
"""

import hashlib
import secrets
import time
from collections.abc import Mapping
from functools import cache

import jwt

from . import settings
from .errors import Problem

ALGORITHM = "HS256"
ACCESS = "access"
REQUIRED_CLAIMS = ["exp", "iat", "sub", "typ"]


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


@cache
def _keys() -> dict[str, bytes]:
    keys = {key_id(settings.JWT_SECRET): settings.JWT_SECRET}
    for previous in settings.JWT_PREVIOUS_SECRETS:
        keys.setdefault(key_id(previous), previous)
    return keys


def issue(typ: str, subject: str, ttl: int, **claims) -> str:
    now = int(time.time())
    payload = {"sub": subject, "typ": typ, "iat": now, "exp": now + ttl, "jti": secrets.token_urlsafe(12), **claims}
    key = settings.JWT_SECRET
    return jwt.encode(payload, key, algorithm=ALGORITHM, headers={"kid": key_id(key)})


def read(token: str, typ: str) -> Mapping:
    """The verified claims of `token`, or a 401 problem (`token_expired` or `token_invalid`)."""
    required = [*REQUIRED_CLAIMS, "sid"] if typ == ACCESS else [*REQUIRED_CLAIMS, "jti"]
    try:
        key = _keys().get(jwt.get_unverified_header(token).get("kid", ""))
        if key is None:
            raise jwt.InvalidTokenError("unknown key")
        claims = jwt.decode(token, key, algorithms=[ALGORITHM], options={"require": required})
    except jwt.ExpiredSignatureError:
        raise Problem(401, "token_expired", "The token has expired.") from None
    except jwt.PyJWTError:
        raise Problem(401, "token_invalid", "The token is not valid.") from None
    if claims.get("typ") != typ:
        raise Problem(401, "token_invalid", "The token is not valid here.")
    return claims
