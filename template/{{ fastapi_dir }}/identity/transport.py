"""How tokens travel: in the JSON body (bearer) or in httpOnly cookies (cookie), per the generated answer."""

from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from identity.database import utcnow
from identity.services.sessions import Issued
from identity.services.users import represent
from identity.settings import settings

MAX_TOKEN_LENGTH = 256


def uses_cookies() -> bool:
    return settings.AUTH_TRANSPORT == "cookie"


def access_cookie() -> str:
    return "__Host-access_token" if settings.AUTH_COOKIE_SECURE else "access_token"


def refresh_cookie() -> str:
    return "__Secure-refresh_token" if settings.AUTH_COOKIE_SECURE else "refresh_token"


def csrf_cookie() -> str:
    return "__Host-auth_csrf" if settings.AUTH_COOKIE_SECURE else "auth_csrf"


def token_response(issued: Issued, status: int = 200) -> JSONResponse:
    body: dict[str, Any] = {"expiresIn": issued.expires_in, "user": represent(issued.session.user)}
    if not uses_cookies():
        tokens = {"accessToken": issued.access_token, "refreshToken": issued.refresh_token}
        return JSONResponse({**tokens, **body}, status_code=status)
    response = JSONResponse(body, status_code=status)
    secure = settings.AUTH_COOKIE_SECURE
    response.set_cookie(
        access_cookie(),
        issued.access_token,
        max_age=issued.expires_in,
        path="/",
        secure=secure,
        httponly=True,
        samesite="lax",
    )
    refresh_age = max(0, int((issued.session.expires_at - utcnow()).total_seconds()))
    response.set_cookie(
        refresh_cookie(),
        issued.refresh_token,
        max_age=refresh_age,
        path="/auth",
        secure=secure,
        httponly=True,
        samesite="strict",
    )
    return response


def clear_tokens(response: Response) -> Response:
    if uses_cookies():
        secure = settings.AUTH_COOKIE_SECURE
        response.delete_cookie(access_cookie(), path="/", secure=secure, httponly=True, samesite="lax")
        response.delete_cookie(refresh_cookie(), path="/auth", secure=secure, httponly=True, samesite="strict")
    return response


def presented_access_token(request: Request) -> str | None:
    if uses_cookies():
        return request.cookies.get(access_cookie())
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def presented_refresh_token(request: Request, body: dict[str, Any] | None) -> str | None:
    if uses_cookies():
        value = request.cookies.get(refresh_cookie())
    else:
        value = body.get("refreshToken") if isinstance(body, dict) else None
    return value if isinstance(value, str) and 0 < len(value) <= MAX_TOKEN_LENGTH else None
