"""The passkey ceremonies of the contract, driven with the suite's software authenticator."""

from __future__ import annotations

import httpx

from .authenticator import Authenticator
from .client import Api


def add_passkey(api: Api, authenticator: Authenticator, name: str = "Laptop", **bend) -> dict:
    """Register a passkey for the signed-in user of `api`; returns the stored passkey."""
    begun = api.post("/auth/passkeys/register/begin", {})
    assert begun.status_code == 200, begun.text
    options = begun.json()["options"]
    assert options["authenticatorSelection"]["userVerification"] == "required"
    credential = authenticator.create(options, **bend)
    finished = api.post("/auth/passkeys/register/finish", {"credential": credential, "name": name})
    assert finished.status_code == 201, finished.text
    return finished.json()


def passkey_login(client: Api, authenticator: Authenticator, email: str | None = None, **bend) -> httpx.Response:
    """Begin a login (with or without an email), sign its challenge, answer the finish response."""
    begun = client.post("/auth/passkeys/login/begin", {"email": email} if email else {})
    assert begun.status_code == 200, begun.text
    body = begun.json()
    assert body["options"]["userVerification"] == "required" and not body["options"].get("allowCredentials")
    credential = authenticator.get(body["options"], **bend)
    return client.post("/auth/passkeys/login/finish", {"passkeyToken": body["passkeyToken"], "credential": credential})
