"""The auth's HTTP rules, on its own routes only (the application's pages keep their own).

Security headers and `Cache-Control: no-store`, CORS for the listed origins, a body cap, CSRF
in cookie transport (Flask-WTF's signed token from `GET /auth/csrf` echoed in X-CSRF-Token,
plus the Origin and Sec-Fetch-Site checks) and problem documents for Flask's own error pages.
"""

from urllib.parse import urlsplit

from flask import Flask, request
from flask_wtf.csrf import CSRFError, validate_csrf
from werkzeug.wrappers import Response
from wtforms import ValidationError

from . import settings
from .errors import PROBLEM_CONTENT_TYPE, as_problem, problem_response

HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-XSS-Protection": "0",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
CORS_HEADERS = "accept, authorization, content-type, x-csrf-token"
OWN_PATHS = ("/health", "/health/ready")


def is_auth_route() -> bool:
    path = request.path
    return path == "/auth" or path.startswith("/auth/") or path in OWN_PATHS or "auth" in request.blueprints


def csrf_failure() -> Response:
    return problem_response(403, "csrf_failed", "CSRF check failed: fetch GET /auth/csrf and send X-CSRF-Token.")


def _trusted_origin(origin: str) -> bool:
    if origin in settings.TRUSTED_ORIGINS:
        return True
    parts = urlsplit(origin)
    return parts.netloc == request.host and parts.scheme == request.scheme


def _csrf_refusal() -> Response | None:
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return csrf_failure()
    origin = request.headers.get("Origin")
    if origin and not _trusted_origin(origin):
        return csrf_failure()
    try:
        validate_csrf(request.headers.get("X-CSRF-Token", ""))
    except (ValidationError, CSRFError):
        return csrf_failure()
    return None


def before_request() -> Response | None:
    if not is_auth_route():
        return None
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        response = Response(status=200)
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
        response.headers["Access-Control-Max-Age"] = "600"
        return response
    if "\x00" in request.path:
        return problem_response(404, "not_found", "Not found.")
    if any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)):
        return problem_response(400, "validation_error", "The query holds a NUL byte.")
    if (request.content_length or 0) > settings.MAX_BODY_BYTES:
        return problem_response(413, "payload_too_large", "The body is too large.")
    if settings.TRANSPORT == "cookie" and request.method not in SAFE_METHODS:
        return _csrf_refusal()
    return None


def after_request(response: Response) -> Response:
    if not is_auth_route():
        return response
    if response.status_code >= 400 and response.mimetype not in (PROBLEM_CONTENT_TYPE, "application/json"):
        response = as_problem(response)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers["Cache-Control"] = "no-store"
    origin = request.headers.get("Origin")
    if origin and origin in settings.CORS_ALLOWED_ORIGINS:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
    if origin:
        response.vary.add("Origin")
    return response


def install(app: Flask) -> None:
    app.before_request(before_request)
    app.after_request(after_request)
