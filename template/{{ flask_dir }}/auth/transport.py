"""How tokens travel: in the JSON body (bearer) or in httpOnly cookies (cookie), per the generated answer."""

from flask import Response, jsonify, request

from . import settings
from .db import utcnow
from .sessions import Issued
from .users import represent


def uses_cookies() -> bool:
    return settings.TRANSPORT == "cookie"


def access_cookie() -> str:
    return "__Host-access_token" if settings.COOKIE_SECURE else "access_token"


def refresh_cookie() -> str:
    return "__Secure-refresh_token" if settings.COOKIE_SECURE else "refresh_token"


def token_response(issued: Issued, status: int = 200) -> Response:
    body = {"expiresIn": issued.expires_in, "user": represent(issued.session.user)}
    if not uses_cookies():
        response = jsonify({"accessToken": issued.access_token, "refreshToken": issued.refresh_token, **body})
        response.status_code = status
        return response
    response = jsonify(body)
    response.status_code = status
    secure = settings.COOKIE_SECURE
    response.set_cookie(
        access_cookie(), issued.access_token, max_age=issued.expires_in, path="/", secure=secure, httponly=True,
        samesite="Lax",
    )  # fmt: skip
    refresh_age = max(0, int((issued.session.expires_at - utcnow()).total_seconds()))
    response.set_cookie(
        refresh_cookie(), issued.refresh_token, max_age=refresh_age, path="/auth", secure=secure, httponly=True,
        samesite="Strict",
    )  # fmt: skip
    return response


def clear_tokens(response: Response) -> Response:
    if uses_cookies():
        secure = settings.COOKIE_SECURE
        response.delete_cookie(access_cookie(), path="/", secure=secure, httponly=True, samesite="Lax")
        response.delete_cookie(refresh_cookie(), path="/auth", secure=secure, httponly=True, samesite="Strict")
    return response


def presented_access_token() -> str | None:
    if uses_cookies():
        return request.cookies.get(access_cookie())
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def presented_refresh_token(data: dict) -> str | None:
    value = request.cookies.get(refresh_cookie()) if uses_cookies() else data.get("refreshToken")
    return value if isinstance(value, str) and 0 < len(value) <= 256 else None
