"""The auth's HTTP rules, applied to its own routes only (an ASGI middleware).

The application's other routes keep their own headers, CSRF, CORS, body limit and error pages:
this middleware passes any other request through untouched. On the auth's routes it adds the
baseline's security headers and `Cache-Control: no-store`, answers CORS for the listed origins,
checks CSRF in cookie transport (the token of `GET /auth/csrf` echoed in X-CSRF-Token,
cross-site browser requests refused), caps the body, and turns the framework's 404 and 405
answers into the API's problem documents.
"""

import hmac
import json
from collections.abc import Iterable
from http import HTTPStatus
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from identity.services import outbox
from identity.settings import settings
from identity.transport import csrf_cookie

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-XSS-Protection": "0",
    "Content-Security-Policy": API_CSP,
    "Cache-Control": "no-store",
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
CORS_HEADERS = "accept, authorization, content-type, x-csrf-token"
PROBLEM_CONTENT_TYPE = "application/problem+json"
REWRITTEN = {404: ("not_found", "Not found."), 405: ("method_not_allowed", "This method is not allowed here.")}


class AuthRoutesMiddleware:
    def __init__(self, app: ASGIApp, paths: Iterable[str], prefixes: Iterable[str] = ("/auth/",)) -> None:
        self.app = app
        self.paths = frozenset(paths)
        self.prefixes = tuple(prefixes)

    def _is_auth_route(self, path: str) -> bool:
        return path in self.paths or path.startswith(self.prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        outbox.start_worker()
        if scope["type"] != "http" or not self._is_auth_route(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, body, extra = refusal
            await _send_whole(send, status, body, _finish(extra, origin))
            return
        replaced = False

        async def send_finished(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start":
                status = message["status"]
                response_headers = MutableHeaders(scope=message)
                is_problem = response_headers.get("content-type", "").startswith(PROBLEM_CONTENT_TYPE)
                if status in REWRITTEN and not is_problem:
                    code, detail = REWRITTEN[status]
                    kept = {"allow": response_headers["allow"]} if "allow" in response_headers else {}
                    await _send_whole(send, status, _problem(status, code, detail), _finish(kept, origin))
                    replaced = True
                    return
                for name, value in _finish({}, origin).items():
                    if name == "Vary":
                        response_headers.add_vary_header(value)
                    elif name not in response_headers or name == "Cache-Control":
                        response_headers[name] = value
            elif replaced:
                return
            await send(message)

        await self.app(scope, receive, send_finished)

    def _refusal(self, scope: Scope, headers: Headers) -> tuple[int, bytes, dict[str, str]] | None:
        method = scope["method"]
        # No resource holds a NUL byte, and no database column takes one.
        if "\x00" in scope["path"]:
            return 404, _problem(404, "not_found", "Not found."), {}
        if b"%00" in scope.get("query_string", b"").lower():
            return 400, _problem(400, "validation_error", "The query string holds a NUL byte."), {}
        if method == "OPTIONS" and "access-control-request-method" in headers:
            preflight = {
                "Access-Control-Allow-Methods": CORS_METHODS,
                "Access-Control-Allow-Headers": CORS_HEADERS,
                "Access-Control-Max-Age": "600",
            }
            return 204, b"", preflight
        try:
            length = int(headers.get("content-length") or 0)
        except ValueError:
            return 400, _problem(400, "validation_error", "The Content-Length header is not a number."), {}
        if length > settings.MAX_BODY_BYTES:
            return 413, _problem(413, "payload_too_large", "The body is too large."), {}
        if settings.AUTH_TRANSPORT == "cookie" and method not in SAFE_METHODS and not _csrf_passes(scope, headers):
            detail = "CSRF check failed: fetch GET /auth/csrf and send X-CSRF-Token."
            return 403, _problem(403, "csrf_failed", detail), {}
        media_type = headers.get("content-type", "").partition(";")[0].strip().lower()
        if method not in SAFE_METHODS and length and media_type != "application/json":
            detail = "Send a JSON body (Content-Type: application/json)."
            return 415, _problem(415, "unsupported_media_type", detail), {}
        return None


def _csrf_passes(scope: Scope, headers: Headers) -> bool:
    if headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = headers.get("origin")
    if origin and not _same_or_trusted_origin(scope, headers, origin):
        return False
    cookie = _cookies(headers).get(csrf_cookie(), "")
    presented = headers.get("x-csrf-token", "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), presented.encode())


def _cookies(headers: Headers) -> dict[str, str]:
    found = {}
    for header in headers.getlist("cookie"):
        for pair in header.split(";"):
            name, _, value = pair.strip().partition("=")
            if name:
                found.setdefault(name, value)
    return found


def _same_or_trusted_origin(scope: Scope, headers: Headers, origin: str) -> bool:
    if origin in settings.TRUSTED_ORIGINS:
        return True
    parts = urlsplit(origin)
    return parts.netloc == headers.get("host") and parts.scheme == scope.get("scheme", "http")


def _finish(headers: dict[str, str], origin: str | None) -> dict[str, str]:
    finished = {**SECURITY_HEADERS, **headers}
    if origin and origin in settings.CORS_ALLOWED_ORIGINS:
        finished["Access-Control-Allow-Origin"] = origin
        finished["Access-Control-Allow-Credentials"] = "true"
    if origin:
        finished["Vary"] = "Origin"
    return finished


def _problem(status: int, code: str, detail: str) -> bytes:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail, "code": code}
    return json.dumps(body).encode()


async def _send_whole(send: Send, status: int, body: bytes, headers: dict[str, str]) -> None:
    raw = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
    if body:
        raw += [(b"content-type", PROBLEM_CONTENT_TYPE.encode()), (b"content-length", str(len(body)).encode())]
    else:
        raw.append((b"content-length", b"0"))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
