"""Forged access tokens for the RFC 8725 / ASVS V9 checks.

The forgeries that must fail carry a valid signature where that is the point (wrong ``typ``,
missing ``exp``, future ``nbf``): they are signed with the project's own ``AUTH_JWT_SECRET``,
read from the rendered ``.env``, so only the claim under test is wrong. ``resign`` of the
untouched claims is the control that proves the signing key was found.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import secrets
import time

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parts(token: str) -> tuple[dict, dict]:
    header, payload, _ = token.split(".")
    return json.loads(unb64url(header)), json.loads(unb64url(payload))


def _hs(alg: str, key: bytes, signing_input: bytes) -> str:
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
    return b64url(hmac.new(key, signing_input, digest).digest())


def encode(header: dict, claims: dict, key: bytes | None, alg: str | None = None) -> str:
    """A compact JWS with exactly ``header`` (no library adds or reorders members)."""
    alg = alg or header.get("alg", "HS256")
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}".encode()
    if alg == "none":
        return signing_input.decode() + "."
    return f"{signing_input.decode()}.{_hs(alg, key, signing_input)}"


def signing_key(token: str, secret: str) -> bytes:
    """The bytes the backend signs with: the secret's text or its hex-decoded bytes."""
    header, _ = parts(token)
    signing_input, signature = token.rsplit(".", 1)
    candidates = [secret.encode()]
    with contextlib.suppress(ValueError):
        candidates.append(bytes.fromhex(secret))
    for key in candidates:
        if hmac.compare_digest(_hs(header.get("alg", "HS256"), key, signing_input.encode()), signature):
            return key
    raise AssertionError("the access token is not signed with AUTH_JWT_SECRET (as text or as hex bytes)")


def rsa_key() -> tuple[rsa.RSAPrivateKey, bytes]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public_pem


def forgeries(token: str, secret: str) -> dict[str, str]:
    """Every forged variant of a genuine access token, by name; each must be refused."""
    header, claims = parts(token)
    key = signing_key(token, secret)
    now = int(time.time())
    private, public_pem = rsa_key()
    other_user = {**claims, "sub": str(claims.get("sub", "")) + "0"}
    h, c, payload_b64, signature = header, claims, token.split(".")[1], token.split(".")[2]
    tampered_payload = b64url(json.dumps(other_user).encode())
    wrong_typ = "refresh" if c.get("typ") != "refresh" else "mfa"
    return {
        "alg_none": encode({**h, "alg": "none"}, c, None, "none"),
        "alg_none_uppercase": encode({**h, "alg": "NONE"}, c, None, "none"),
        "signature_stripped": f"{token.split('.')[0]}.{payload_b64}.",
        "hs512_same_key": encode({**h, "alg": "HS512"}, c, key, "HS512"),
        "rs256_other_key": jwt.encode(
            c, private, algorithm="RS256", headers={k: v for k, v in h.items() if k != "alg"}
        ),
        "hs256_with_public_key": encode(h, c, public_pem, "HS256"),
        "hs256_other_key": encode(h, c, secrets.token_bytes(32), "HS256"),
        "wrong_typ": encode(h, {**c, "typ": wrong_typ}, key),
        "missing_exp": encode(h, {k: v for k, v in c.items() if k != "exp"}, key),
        "expired": encode(h, {**c, "exp": now - 120, "iat": now - 1000}, key),
        "future_nbf": encode(h, {**c, "nbf": now + 3600}, key),
        "missing_sid": encode(h, {k: v for k, v in c.items() if k != "sid"}, key),
        "tampered_payload": f"{token.split('.')[0]}.{tampered_payload}.{signature}",
        "embedded_jwk": encode({**h, "jwk": {"kty": "oct", "k": b64url(b"attacker")}}, c, b"attacker", "HS256"),
        "kid_injection": encode({**h, "kid": "../../../../dev/null"}, c, b"", "HS256"),
    }


def resign(token: str, secret: str) -> str:
    """The same header and claims signed again with the real key: the control, accepted."""
    header, claims = parts(token)
    return encode(header, claims, signing_key(token, secret))
