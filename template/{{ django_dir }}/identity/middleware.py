"""The auth feature's HTTP rules, applied to its own routes only.

The project's pages, static files, forms and API keep the project's own headers, CSRF, CORS,
body limit and error pages: this middleware passes any other request through untouched.
On the auth's routes it adds the baseline's security headers and `Cache-Control: no-store`,
answers CORS for the listed origins, checks CSRF in cookie transport (the token of
`GET /auth/csrf` echoed in X-CSRF-Token, cross-site browser requests refused), caps the body
and turns the project's HTML error pages into the API's problem documents.
"""

import hmac
from functools import lru_cache
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.urls import Resolver404, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from identity.conf import settings
from identity.errors import problem_response

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-XSS-Protection": "0",
    "Content-Security-Policy": API_CSP,
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
CORS_HEADERS = "accept, authorization, content-type, x-csrf-token"
AUTH_PREFIX = "/auth/"


@lru_cache(maxsize=1)
def _routes() -> URLResolver:
    return URLResolver(RegexPattern(r"^/"), "identity.urls")


@lru_cache(maxsize=4096)
def is_auth_route(path: str) -> bool:
    """Whether `path` is one of the auth's routes (or anything under /auth/)."""
    if path.startswith(AUTH_PREFIX):
        return True
    try:
        _routes().resolve(path)
    except Resolver404:
        return False
    return True


def csrf_cookie_name() -> str:
    return "__Host-auth_csrf" if settings.AUTH_COOKIE_SECURE else "auth_csrf"


class AuthRoutesMiddleware:
    """Place it right after Django's SecurityMiddleware, before CommonMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        get_resolver()  # the project's URLconf loads first, as without this middleware

    def __call__(self, request):
        if not is_auth_route(request.path_info):
            return self.get_response(request)
        response = self._refusal(request) or self.get_response(request)
        return self._finish(request, response)

    def _refusal(self, request):
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return _preflight()
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.AUTH_MAX_BODY_BYTES:
            return problem_response(413, "payload_too_large", "The body is too large.")
        # Django's test client without enforce_csrf_checks skips CSRF here as in Django's middleware.
        checks_csrf = not getattr(request, "_dont_enforce_csrf_checks", False)
        if settings.AUTH_TRANSPORT == "cookie" and checks_csrf and request.method not in SAFE_METHODS:
            if request.headers.get("Sec-Fetch-Site") == "cross-site":
                return csrf_failure()
            origin = request.headers.get("Origin")
            if origin and not _same_or_trusted_origin(request, origin):
                return csrf_failure()
            cookie = request.COOKIES.get(csrf_cookie_name(), "")
            presented = request.headers.get("X-CSRF-Token", "")
            if not cookie or not hmac.compare_digest(cookie.encode(), presented.encode()):
                return csrf_failure()
        return None

    def _finish(self, request, response):
        if response.status_code in (404, 500) and not response.get("Content-Type", "").startswith("application/json"):
            response = (
                problem_response(404, "not_found", "Not found.")
                if response.status_code == 404
                else problem_response(500, "internal_error", "Something went wrong on our side.")
            )
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers["Cache-Control"] = "no-store"
        origin = request.headers.get("Origin")
        if origin and origin in settings.AUTH_CORS_ALLOWED_ORIGINS:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Credentials"] = "true"
        if origin:
            response.headers["Vary"] = ", ".join(filter(None, [response.headers.get("Vary"), "Origin"]))
        return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=200)
    response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
    response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
    response.headers["Access-Control-Max-Age"] = "600"
    return response


def _same_or_trusted_origin(request, origin: str) -> bool:
    if origin in settings.AUTH_TRUSTED_ORIGINS:
        return True
    parts = urlsplit(origin)
    return parts.netloc == request.get_host() and parts.scheme == request.scheme


def csrf_failure():
    return problem_response(403, "csrf_failed", "CSRF check failed: fetch GET /auth/csrf and send X-CSRF-Token.")
