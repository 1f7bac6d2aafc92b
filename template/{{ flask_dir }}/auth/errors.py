"""RFC 9457 problem documents for every error of the auth's routes."""

from http import HTTPStatus

from flask import jsonify
from werkzeug.wrappers import Response

PROBLEM_CONTENT_TYPE = "application/problem+json"
RETRY_AFTER_SECONDS = 5


class Problem(Exception):
    """An error with a stable machine `code` from the contract; extra members go into the body."""

    def __init__(self, status: int, code: str, detail: str, headers: dict | None = None, **members) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers or {}
        self.members = members

    def response(self) -> Response:
        return problem_response(self.status, self.code, self.detail, self.headers, **self.members)


class RateLimited(Problem):
    def __init__(self, retry_after: int) -> None:
        detail = f"Too many attempts; try again in {retry_after} seconds."
        super().__init__(429, "rate_limited", detail, {"Retry-After": str(retry_after)})


def invalid(field: str, message: str, code: str = "validation_error") -> Problem:
    detail = message if code == "weak_password" else "The request has invalid fields."
    return Problem(400, code, detail, errors=[{"field": field, "message": message}])


def problem_response(status: int, code: str, detail: str, headers: dict | None = None, **members) -> Response:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail, "code": code}
    body.update(members)
    response = jsonify(body)
    response.status_code = status
    response.content_type = PROBLEM_CONTENT_TYPE
    response.headers.update(headers or {})
    return response


def service_unavailable(**members) -> Response:
    detail = "The service is briefly unavailable; try again shortly."
    return problem_response(503, "service_unavailable", detail, {"Retry-After": str(RETRY_AFTER_SECONDS)}, **members)


# The codes of the HTTP errors Flask and Werkzeug raise before or around a view.
HTTP_CODES = {
    400: "validation_error",
    401: "token_invalid",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    414: "payload_too_large",
    415: "unsupported_media_type",
    431: "payload_too_large",
    500: "internal_error",
}


def as_problem(response: Response) -> Response:
    """A problem document in place of one of Flask's HTML error pages, keeping Allow and Retry-After."""
    status = response.status_code
    code = HTTP_CODES.get(status, "validation_error" if status < 500 else "internal_error")
    replacement = problem_response(status, code, "Not found." if status == 404 else response.status)
    for name in ("Allow", "Retry-After"):
        if name in response.headers:
            replacement.headers[name] = response.headers[name]
    return replacement
