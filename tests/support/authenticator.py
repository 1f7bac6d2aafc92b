"""A software WebAuthn authenticator for the conformance suite: ES256 keys from `cryptography`,
attestation "none", discoverable credentials, and the JSON shapes a browser hands to the page
(WebAuthn Level 3, as @simplewebauthn/browser sends them).

Each ceremony can be bent one way to test a refusal: another origin or RP ID, the user-verified
flag off, a chosen signature counter.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

FLAG_UP, FLAG_UV, FLAG_AT = 0x01, 0x04, 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cbor(value) -> bytes:
    """The canonical CBOR (RFC 8949) of ints, byte strings, text, lists and maps: all WebAuthn needs."""

    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
            if n < 1 << (8 * struct.calcsize(fmt)):
                return bytes([major << 5 | extra]) + struct.pack(fmt, n)
        raise ValueError(n)

    if isinstance(value, bool):
        raise TypeError("booleans are not needed")
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode()
        return head(3, len(raw)) + raw
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(cbor(item) for item in value)
    if isinstance(value, dict):
        items = sorted(((cbor(k), cbor(v)) for k, v in value.items()), key=lambda kv: (len(kv[0]), kv[0]))
        return head(5, len(items)) + b"".join(k + v for k, v in items)
    raise TypeError(type(value))


@dataclass
class Credential:
    id: bytes
    key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    counter: int = 0

    def cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})


class Authenticator:
    """A platform authenticator holding discoverable ES256 credentials, newest last."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.credentials: list[Credential] = []

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        data = {"type": kind, "challenge": challenge, "origin": origin or self.origin, "crossOrigin": False}
        return json.dumps(data, separators=(",", ":")).encode()

    @staticmethod
    def _flags(uv: bool) -> int:
        return FLAG_UP | (FLAG_UV if uv else 0)

    def create(self, options: dict, *, origin: str | None = None, rp_id: str | None = None, uv: bool = True) -> dict:
        """navigator.credentials.create(): a new credential and its RegistrationResponseJSON."""
        rp = rp_id or options["rp"]["id"]
        credential = Credential(
            os.urandom(32), ec.generate_private_key(ec.SECP256R1()), rp, unb64url(options["user"]["id"])
        )
        attested = bytes(16) + struct.pack(">H", len(credential.id)) + credential.id + credential.cose_key()
        auth_data = (
            hashlib.sha256(rp.encode()).digest()
            + bytes([self._flags(uv) | FLAG_AT])
            + struct.pack(">I", credential.counter)
            + attested
        )
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        self.credentials.append(credential)
        return {
            "id": b64url(credential.id),
            "rawId": b64url(credential.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    def get(
        self,
        options: dict,
        *,
        credential: Credential | None = None,
        origin: str | None = None,
        rp_id: str | None = None,
        uv: bool = True,
        counter: int | None = None,
    ) -> dict:
        """navigator.credentials.get(): an AuthenticationResponseJSON signed as WebAuthn section 6.3.3 says."""
        chosen = credential or self.credentials[-1]
        chosen.counter = chosen.counter + 1 if counter is None else counter
        rp = rp_id or options.get("rpId") or chosen.rp_id
        auth_data = hashlib.sha256(rp.encode()).digest() + bytes([self._flags(uv)]) + struct.pack(">I", chosen.counter)
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signature = chosen.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(chosen.id),
            "rawId": b64url(chosen.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": b64url(chosen.user_handle),
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }
