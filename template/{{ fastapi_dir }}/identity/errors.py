"""RFC 9457 problem documents for every error of the auth's routes.

The auth's routes use `ProblemRoute`, which turns what a handler raises (a `Problem`, a
validation error, an outage of the database or Redis) into a problem document, without
touching the application's own exception handlers.
"""

import logging
from collections.abc import Callable, Coroutine
from http import HTTPStatus
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from limits.errors import StorageError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_CONTENT_TYPE = "application/problem+json"
RETRY_AFTER_SECONDS = 5
logger = logging.getLogger("identity.errors")


class Problem(HTTPException):
    """An error with a stable machine `code` from the contract; extra members go into the body.

    An HTTPException, so that raised from `current_user` in one of the application's own routes
    it is answered by the application's handlers, with its status.
    """

    def __init__(self, status: int, code: str, detail: str, headers: dict | None = None, **members: Any) -> None:
        super().__init__(status, detail, headers)
        self.status = status
        self.code = code
        self.members = members


class RateLimited(Problem):
    def __init__(self, retry_after: int) -> None:
        detail = f"Too many attempts; try again in {retry_after} seconds."
        super().__init__(429, "rate_limited", detail, {"Retry-After": str(retry_after)})


class WeakPassword(Problem):
    def __init__(self, field: str, messages: list[str]) -> None:
        errors = [{"field": field, "message": message} for message in messages]
        super().__init__(400, "weak_password", messages[0], errors=errors)


def problem_response(status: int, code: str, detail: str, headers: dict | None = None, **members: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    body["code"] = code
    body.update(members)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_CONTENT_TYPE)


def service_unavailable(**members: Any) -> JSONResponse:
    detail = "The service is briefly unavailable; try again shortly."
    return problem_response(503, "service_unavailable", detail, {"Retry-After": str(RETRY_AFTER_SECONDS)}, **members)


def unavailable_dependency(exc: BaseException) -> str | None:
    """The dependency an exception says is out of reach, or None for any other error."""
    if isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        return "database"
    if isinstance(exc, RedisConnectionError | RedisTimeoutError | StorageError):
        return "redis"
    return None


def _field(location: tuple) -> str | None:
    parts = [str(part) for part in location if part not in ("body", "query", "path")]
    return ".".join(parts) or None


def validation_problem(exc: RequestValidationError) -> JSONResponse:
    errors = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            return problem_response(400, "validation_error", "The body is not valid JSON.")
        message = str(error.get("msg", "Invalid value.")).removeprefix("Value error, ")
        errors.append({"field": _field(tuple(error.get("loc", ()))), "message": message})
    return problem_response(400, "validation_error", "The request has invalid fields.", errors=errors)


def problem_for(exc: Exception, request: Request) -> Response:
    from identity.services import ratelimit

    if isinstance(exc, Problem):
        return problem_response(exc.status, exc.code, exc.detail, exc.headers, **exc.members)
    if isinstance(exc, RequestValidationError):
        return validation_problem(exc)
    if isinstance(exc, StarletteHTTPException):
        if exc.status_code == 400:
            return problem_response(400, "validation_error", "The body is not valid JSON.")
        return problem_response(exc.status_code, "validation_error", str(exc.detail), dict(exc.headers or {}))
    # A server error was no guess: the rate-limit slots the request took are given back.
    ratelimit.give_back(request)
    if dependency := unavailable_dependency(exc):
        logger.error("%s unavailable: %s", dependency, exc.__class__.__name__)
        return service_unavailable()
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(500, "internal_error", "Something went wrong on our side.")


class ProblemRoute(APIRoute):
    """The route class of the auth's routers: every error leaves as a problem document."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:  # every failure becomes a problem document, never a trace
                return problem_for(exc, request)

        return handle
