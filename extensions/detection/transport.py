"""Whether tokens travel in cookies (a session) or in the Authorization header (bearer)."""

from __future__ import annotations

import re

from .model import Confidence, Finding
from .packages import Packages, provides
from .sources import Sources

COOKIE_LIBRARIES = (
    ("npm", "express-session"), ("npm", "cookie-session"), ("npm", "iron-session"), ("npm", "next-auth"),
    ("npm", "better-auth"), ("npm", "csrf-csrf"), ("npm", "csurf"), ("python", "flask-login"),
    ("composer", "laravel/fortify"), ("composer", "laravel/breeze"),
)  # fmt: skip
BEARER_LIBRARIES = (
    ("npm", "passport-jwt"), ("npm", "@nestjs/jwt"), ("python", "djangorestframework-simplejwt"),
    ("python", "flask-jwt-extended"), ("composer", "tymon/jwt-auth"), ("composer", "laravel/passport"),
    ("csproj", "Microsoft.AspNetCore.Authentication.JwtBearer"),
)  # fmt: skip
COOKIE_CODE = re.compile(
    r"""credentials:\s*["']include["']|withCredentials\s*[:=]\s*true|withXSRFToken|SessionAuthentication"""
    r"""|SESSION_COOKIE_HTTPONLY|httpOnly:\s*true|res\.cookie\(|cookies\(\)\.set\("""
)
BEARER_CODE = re.compile(
    r"""["'`]Bearer\s|Authorization["']?\s*[:=]\s*[`"']Bearer|JWTAuthentication"""
    r"""|localStorage\.setItem\(\s*["'`](?:access_?token|accessToken|token|jwt|auth_?token)["'`]"""
    r"""|SecureStore\.setItemAsync\(|flutter_secure_storage|AddJwtBearer\(""",
    re.IGNORECASE,
)


def detect_transport(packages: Packages, sources: Sources, mobile_only: bool) -> Finding:
    cookie, bearer = [], []
    for folder in packages.folders():
        cookie += [name for kind, name in COOKIE_LIBRARIES if provides(kind, packages.of(kind, folder), name)]
        bearer += [name for kind, name in BEARER_LIBRARIES if provides(kind, packages.of(kind, folder), name)]
    for source in sources.code:
        if COOKIE_CODE.search(source.text):
            cookie.append(source.rel)
        if BEARER_CODE.search(source.text):
            bearer.append(source.rel)
    if mobile_only:
        return Finding("bearer", Confidence.HIGH, "a mobile app and no web frontend")
    if not cookie and not bearer:
        return Finding(None)
    winner, votes, other = ("cookie", cookie, bearer) if len(cookie) > len(bearer) else ("bearer", bearer, cookie)
    if len(cookie) == len(bearer):
        return Finding(None, Confidence.LOW, f"both: cookies ({_few(cookie)}) and bearer tokens ({_few(bearer)})")
    # A rival signal or a single hint is not enough to pre-select the answer.
    confidence = Confidence.HIGH if len(votes) >= 2 and not other else Confidence.MEDIUM
    return Finding(winner, confidence, _few(votes) + (f"; but also {_few(other)}" if other else ""))


def _few(items: list[str]) -> str:
    unique = list(dict.fromkeys(items))
    return ", ".join(unique[:3]) + (f" and {len(unique) - 3} more" if len(unique) > 3 else "")
