"""RFC 9457 problem documents for every error, from DRF views and from Django alike."""

import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation, ValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions

PROBLEM_CONTENT_TYPE = "application/problem+json"
logger = logging.getLogger("identity.errors")


class Problem(exceptions.APIException):
    """An error with a stable machine `code` from the contract; extra members go into the body."""

    def __init__(self, status: int, code: str, detail: str, headers: dict | None = None, **members) -> None:
        super().__init__(detail=detail, code=code)
        self.status_code = status
        self.code = code
        self.members = members
        self.headers = headers or {}


class RateLimited(Problem):
    def __init__(self, retry_after: int) -> None:
        super().__init__(
            429,
            "rate_limited",
            f"Too many attempts; try again in {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
        )


def service_unavailable(**members) -> JsonResponse:
    from identity.services.dependencies import RETRY_AFTER_SECONDS

    detail = "The service is briefly unavailable; try again shortly."
    return problem_response(503, "service_unavailable", detail, {"Retry-After": str(RETRY_AFTER_SECONDS)}, **members)


def problem_response(status: int, code: str, detail: str, headers: dict | None = None, **members) -> JsonResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    body["code"] = code
    body.update(members)
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_errors(detail, prefix: str = "") -> list[dict]:
    if isinstance(detail, dict):
        found = []
        for field, value in detail.items():
            name = f"{prefix}.{field}" if prefix else str(field)
            found.extend(_field_errors(value, "" if name == "non_field_errors" else name))
        return found
    if isinstance(detail, list):
        return [error for item in detail for error in _field_errors(item, prefix)]
    return [{"field": prefix or None, "message": str(detail)}]


def _codes(codes) -> set[str]:
    if isinstance(codes, dict):
        codes = list(codes.values())
    if isinstance(codes, list):
        return {code for item in codes for code in _codes(item)}
    return {codes}


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every exception becomes a problem document; nothing leaks.

    A server error (an outage or a fault) gives back the rate-limit slots the request took: it
    was no guess. An outage of the database or Redis is answered 503 rather than 500.
    """
    from identity.services import dependencies, ratelimit

    if dependency := dependencies.unavailable_dependency(exc):
        ratelimit.give_back()
        logger.error("%s unavailable: %s", dependency, exc)
        return service_unavailable()
    if isinstance(exc, Problem):
        return problem_response(exc.status_code, exc.code, str(exc.detail), exc.headers, **exc.members)
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        code = "weak_password" if "weak_password" in _codes(exc.get_codes()) else "validation_error"
        detail = errors[0]["message"] if code == "weak_password" else "The request has invalid fields."
        return problem_response(400, code, detail, errors=errors)
    if isinstance(exc, ValidationError):
        return problem_response(400, "validation_error", " ".join(exc.messages))
    if isinstance(exc, exceptions.Throttled):
        return problem_response(429, "rate_limited", "Too many requests.", {"Retry-After": str(int(exc.wait or 1))})
    if isinstance(exc, exceptions.AuthenticationFailed | exceptions.NotAuthenticated):
        detail = "Sign in first: no valid access token was sent."
        return problem_response(401, "token_invalid", detail, {"WWW-Authenticate": 'Bearer realm="api"'})
    if isinstance(exc, exceptions.PermissionDenied | PermissionDenied):
        return problem_response(403, "forbidden", "You are not allowed to do this.")
    if isinstance(exc, exceptions.NotFound | Http404):
        return problem_response(404, "not_found", "Not found.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return problem_response(405, "method_not_allowed", str(exc.detail))
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return problem_response(415, "unsupported_media_type", "Send a JSON body (Content-Type: application/json).")
    if isinstance(exc, exceptions.ParseError):
        return problem_response(400, "validation_error", "The body is not valid JSON.")
    if isinstance(exc, RequestDataTooBig):
        return problem_response(413, "payload_too_large", "The body is too large.")
    if isinstance(exc, SuspiciousOperation):
        return problem_response(400, "validation_error", "Bad request.")
    if isinstance(exc, exceptions.APIException):
        return problem_response(exc.status_code, "validation_error", str(exc.detail))
    ratelimit.give_back()
    return None


def bad_request(request, exception=None):
    return problem_response(400, "validation_error", "Bad request.")


def permission_denied(request, exception=None):
    return problem_response(403, "forbidden", "You are not allowed to do this.")


def page_not_found(request, exception=None):
    return problem_response(404, "not_found", "Not found.")


def server_error(request):
    return problem_response(500, "internal_error", "Something went wrong on our side.")
