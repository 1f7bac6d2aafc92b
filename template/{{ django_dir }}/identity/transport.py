"""How tokens travel: in the JSON body (bearer) or in httpOnly cookies (cookie), per the generated answer."""

from django.utils import timezone
from rest_framework.response import Response

from identity.conf import settings
from identity.services.sessions import Issued
from identity.services.users import represent


def uses_cookies() -> bool:
    return settings.AUTH_TRANSPORT == "cookie"


def access_cookie() -> str:
    return "__Host-access_token" if settings.AUTH_COOKIE_SECURE else "access_token"


def refresh_cookie() -> str:
    return "__Secure-refresh_token" if settings.AUTH_COOKIE_SECURE else "refresh_token"


def token_response(issued: Issued, status: int = 200) -> Response:
    body = {"expiresIn": issued.expires_in, "user": represent(issued.session.user)}
    if not uses_cookies():
        return Response({"accessToken": issued.access_token, "refreshToken": issued.refresh_token, **body}, status)
    response = Response(body, status)
    secure = settings.AUTH_COOKIE_SECURE
    response.set_cookie(
        access_cookie(),
        issued.access_token,
        max_age=issued.expires_in,
        path="/",
        secure=secure,
        httponly=True,
        samesite="Lax",
    )
    refresh_age = max(0, int((issued.session.expires_at - timezone.now()).total_seconds()))
    response.set_cookie(
        refresh_cookie(),
        issued.refresh_token,
        max_age=refresh_age,
        path="/auth",
        secure=secure,
        httponly=True,
        samesite="Strict",
    )
    return response


def clear_tokens(response: Response) -> Response:
    if uses_cookies():
        response.delete_cookie(access_cookie(), path="/", samesite="Lax")
        response.delete_cookie(refresh_cookie(), path="/auth", samesite="Strict")
    return response


def presented_access_token(request) -> str | None:
    if uses_cookies():
        return request.COOKIES.get(access_cookie())
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def presented_refresh_token(request) -> str | None:
    if uses_cookies():
        return request.COOKIES.get(refresh_cookie())
    value = request.data.get("refreshToken") if isinstance(request.data, dict) else None
    return value if isinstance(value, str) and 0 < len(value) <= 256 else None
