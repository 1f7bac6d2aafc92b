"""An HTTP client that speaks either transport of the contract, the way a real client would.

Cookie transport: cookies are kept from ``Set-Cookie`` honouring Path and Max-Age (httpx's
jar would drop ``Secure`` cookies over plain http), and every unsafe request echoes the
token of ``GET /auth/csrf`` in ``X-CSRF-Token``. Bearer transport: the access token goes in
``Authorization`` and the refresh token in the body. Every secret sent or received is
recorded on the server so the log-hygiene check can look for it afterwards.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie

import httpx

SECRET_MEMBERS = {
    "password", "currentPassword", "newPassword", "code", "token", "refreshToken", "accessToken",
    "mfaToken", "deviceToken", "consentToken", "secret", "csrfToken",
}  # fmt: skip
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_counter = itertools.count()


def unique_email(tag: str = "user") -> str:
    return f"{tag}-{next(_counter)}-{uuid.uuid4().hex[:10]}@conformance.test"


def strong_password() -> str:
    """A password no blocklist holds: long, random, with no composition pattern."""
    return f"lunar {uuid.uuid4().hex[:12]} orchard {uuid.uuid4().hex[:6]}"


@dataclass
class StoredCookie:
    name: str
    value: str
    path: str
    attributes: dict


def parse_set_cookie(header: str) -> StoredCookie:
    jar = SimpleCookie()
    jar.load(header)
    (name, morsel), *_ = jar.items()
    attributes = {key: morsel[key] for key in morsel if morsel[key] not in ("", None)}
    lowered = header.lower()
    attributes["secure"] = "; secure" in lowered
    attributes["httponly"] = "; httponly" in lowered
    return StoredCookie(name, morsel.value, morsel["path"] or "/", attributes)


def _expired(cookie: StoredCookie) -> bool:
    if str(cookie.attributes.get("max-age", "1")).strip() in ("0", "-1"):
        return True
    expires = cookie.attributes.get("expires", "")
    return "1970" in expires


class Api:
    def __init__(self, server, transport: str, *, csrf: bool = True, local_address: str | None = None) -> None:
        """``local_address``: the loopback address to send from (another client IP), 127.0.0.1 unless given."""
        self.server = server
        self.transport = transport
        self.auto_csrf = csrf
        sender = httpx.HTTPTransport(local_address=local_address) if local_address else None
        self.http = httpx.Client(base_url=server.base_url, timeout=60, follow_redirects=False, transport=sender)
        self.cookies: dict[str, StoredCookie] = {}
        self.access_token: str | None = None
        self.refresh_token: str | None = None
        self.csrf_token: str | None = None
        self.user: dict | None = None

    def close(self) -> None:
        self.http.close()

    # --- plumbing -------------------------------------------------------------------------
    def remember(self, *values) -> None:
        for value in values:
            if isinstance(value, str) and len(value) >= 6:
                self.server.secrets.add(value)
            elif isinstance(value, list):
                self.remember(*value)

    def _record(self, payload) -> None:
        if isinstance(payload, dict):
            for key, value in payload.items():
                if key in SECRET_MEMBERS or key == "recoveryCodes":
                    self.remember(value)
                elif isinstance(value, dict | list):
                    self._record(value)
        elif isinstance(payload, list):
            for item in payload:
                self._record(item)

    def cookie_header(self, path: str) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.cookies.values() if path.startswith(c.path))

    def request(self, method: str, path: str, *, json=None, headers=None, auth: bool = True,
                csrf: bool | None = None, **kwargs) -> httpx.Response:  # fmt: skip
        headers = dict(headers or {})
        if json is not None:
            self._record(json)
        if auth and self.transport == "bearer" and self.access_token and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.access_token}"
        automatic = False
        if self.transport == "cookie":
            if csrf is None:
                csrf = self.auto_csrf
            if csrf and method.upper() in UNSAFE and "X-CSRF-Token" not in headers:
                headers["X-CSRF-Token"] = self.csrf_token or self.fetch_csrf()
                automatic = True
            if auth and (cookie := self.cookie_header(path.split("?")[0])) and "Cookie" not in headers:
                headers["Cookie"] = cookie
        response = self.http.request(method, path, json=json, headers=headers, **kwargs)
        self._absorb(response)
        if automatic and response.status_code == 403 and "csrf_failed" in response.text:
            # as a browser client does: a logout or login may rotate the CSRF secret; fetch and retry once
            self.csrf_token = None
            headers["X-CSRF-Token"] = self.fetch_csrf()
            if auth and (cookie := self.cookie_header(path.split("?")[0])):
                headers["Cookie"] = cookie
            response = self.http.request(method, path, json=json, headers=headers, **kwargs)
            self._absorb(response)
        return response

    def _absorb(self, response: httpx.Response) -> None:
        for header in response.headers.get_list("set-cookie"):
            cookie = parse_set_cookie(header)
            if _expired(cookie):
                self.cookies.pop(cookie.name, None)
            else:
                self.cookies[cookie.name] = cookie
                if "token" in cookie.name.lower():
                    self.remember(cookie.value)
        if response.headers.get("content-type", "").startswith(("application/json", "application/problem+json")):
            try:
                body = response.json()
            except ValueError:
                return
            self._record(body)

    def fetch_csrf(self) -> str:
        response = self.request("GET", "/auth/csrf")
        assert response.status_code == 200, response.text
        self.csrf_token = response.json()["csrfToken"]
        return self.csrf_token

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, json=None, **kw):
        return self.request("POST", path, json={} if json is None and "content" not in kw else json, **kw)

    def patch(self, path, json=None, **kw):
        return self.request("PATCH", path, json=json, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    # --- the contract's flows -------------------------------------------------------------
    def accept_grant(self, response: httpx.Response) -> dict:
        assert response.status_code == 200, f"{response.status_code} {response.text}"
        body = response.json()
        if self.transport == "bearer":
            self.access_token, self.refresh_token = body["accessToken"], body["refreshToken"]
        self.user = body["user"]
        self.csrf_token = None  # a login may rotate the CSRF secret
        return body

    def register(self, email: str, password: str) -> httpx.Response:
        return self.post("/auth/register", {"email": email, "password": password})

    def login(self, email: str, password: str, **extra) -> httpx.Response:
        return self.post("/auth/login", {"email": email, "password": password, **extra})

    def refresh(self, token: str | None = None) -> httpx.Response:
        if self.transport == "bearer":
            return self.post("/auth/refresh", {"refreshToken": token or self.refresh_token})
        return self.post("/auth/refresh")

    def logout(self) -> httpx.Response:
        if self.transport == "bearer":
            return self.post("/auth/logout", {"refreshToken": self.refresh_token})
        return self.post("/auth/logout")

    def me(self) -> httpx.Response:
        return self.get("/auth/me")

    # --- token state, for tests that replay old credentials ---------------------------------
    def credentials(self) -> dict:
        return {
            "access": self.access_token,
            "refresh": self.refresh_token,
            "cookies": {k: StoredCookie(v.name, v.value, v.path, dict(v.attributes)) for k, v in self.cookies.items()},
        }

    def restore(self, saved: dict) -> None:
        self.access_token, self.refresh_token = saved["access"], saved["refresh"]
        self.cookies = dict(saved["cookies"])

    def access_credential(self) -> str:
        """The access token, from the body (bearer) or the access cookie (cookie)."""
        if self.transport == "bearer":
            return self.access_token
        return next(c.value for c in self.cookies.values() if "access" in c.name)

    def set_access_credential(self, token: str) -> None:
        if self.transport == "bearer":
            self.access_token = token
        else:
            name = next(n for n in self.cookies if "access" in n) if any("access" in n for n in self.cookies) else None
            name = name or "__Host-access_token"
            self.cookies[name] = StoredCookie(name, token, "/", {})

    def clone(self, server=None) -> Api:
        """Another client holding the same credentials (a second tab, a parallel request),
        talking to ``server`` (another instance of the same backend) when given."""
        other = Api(server or self.server, self.transport, csrf=self.auto_csrf)
        other.restore(self.credentials())
        other.csrf_token = self.csrf_token
        other.user = self.user
        return other
