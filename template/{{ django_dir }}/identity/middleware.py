"""Security headers on every response, and CSRF for the API in cookie transport."""

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
PAGE_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-XSS-Protection": "0",
}
DJANGO_ADMIN = "/django-admin/"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class SecurityHeadersMiddleware:
    """Sends the baseline's headers on every response, plain http included (Django's own skip it there)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        is_page = request.path.startswith(DJANGO_ADMIN)
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP if is_page else API_CSP)
        if request.path.startswith(("/auth/", "/admin/", "/records/", DJANGO_ADMIN)):
            response.headers["Cache-Control"] = "no-store"
        return response


class ApiCsrfMiddleware(CsrfViewMiddleware):
    """Django's CSRF check, extended to the API in cookie transport (login and logout included).

    DRF marks its views csrf-exempt; in cookie transport that exemption is ignored here, and a
    browser's cross-site request is refused outright. The admin keeps Django's usual behaviour.
    """

    def process_view(self, request, callback, callback_args, callback_kwargs):
        api_request = settings.AUTH_TRANSPORT == "cookie" and not request.path.startswith(DJANGO_ADMIN)
        if api_request and request.method not in SAFE_METHODS and request.headers.get("Sec-Fetch-Site") == "cross-site":
            return self._reject(request, "cross-site request")
        return super().process_view(request, None if api_request else callback, callback_args, callback_kwargs)
