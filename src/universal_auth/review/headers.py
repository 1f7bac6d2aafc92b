"""Security headers in code: the legacy XSS filter switched on, or no header middleware at all."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .finding import Finding, Rule, Severity
from .project import Project
from .tree import SourceFile

FAMILY = "headers"
XSS_FILTER = Rule(
    "UA-HDR-XSS-FILTER",
    "X-XSS-Protection switched on",
    Severity.MEDIUM,
    "Send `X-XSS-Protection: 0` (or nothing) and rely on a Content-Security-Policy; the filter itself "
    "enabled cross-site leaks.",
    FAMILY,
)
NO_MIDDLEWARE = Rule(
    "UA-HDR-NO-MIDDLEWARE",
    "No security-header middleware",
    Severity.MEDIUM,
    "Add the stack's header middleware (helmet, Django SecurityMiddleware + django-csp, NetEscapades, "
    "a small Go/Flask/Laravel middleware) sending HSTS, CSP, X-Frame-Options, nosniff, Referrer-Policy.",
    FAMILY,
)
RULES = (XSS_FILTER, NO_MIDDLEWARE)

XSS_ON = re.compile(r"x-xss-protection[\s\"'`,:=]*1|SECURE_BROWSER_XSS_FILTER\s*=\s*True", re.IGNORECASE)
SERVER = re.compile(
    r"\bexpress\(\)|\bfastify\(|\bnew\s+Koa\(|\bnew\s+Hono\(|NestFactory\.create|^\s*INSTALLED_APPS\s*=|"
    r"\bFlask\(__name__|\bFastAPI\(|\bStarlette\(|http\.ListenAndServe|\bhttp\.Server\{|chi\.NewRouter\(|"
    r"gin\.(?:Default|New)\(|echo\.New\(|fiber\.New\(|WebApplication\.CreateBuilder|SpringApplication\.run|"
    r"Illuminate\\Foundation\\Application",
    re.M,
)
SERVER_HINTS = {
    "js": ("express(", "fastify(", "koa(", "hono(", "nestfactory"),
    "python": ("installed_apps", "flask(", "fastapi(", "starlette("),
    "go": ("listenandserve", "http.server{", "newrouter(", "gin.", "echo.new", "fiber.new"),
    "csharp": ("createbuilder",),
    "jvm": ("springapplication",),
    "php": ("illuminate",),
}
PROTECTION = re.compile(
    r"helmet|SecurityMiddleware|talisman|secure\.Secure|X-Content-Type-Options|Content-Security-Policy|"
    r"Strict-Transport-Security|UseSecurityHeaders|NetEscapades|@EnableWebSecurity|spring-boot-starter-security|"
    r"SECURE_CONTENT_TYPE_NOSNIFF|SECURE_HSTS_SECONDS|frame-ancestors",
    re.IGNORECASE,
)
PROTECTION_HINTS = (
    "helmet",
    "securitymiddleware",
    "talisman",
    "secure.secure",
    "x-content-type-options",
    "content-security-policy",
    "strict-transport-security",
    "usesecurityheaders",
    "netescapades",
    "enablewebsecurity",
    "spring-boot-starter-security",
    "secure_content_type_nosniff",
    "secure_hsts_seconds",
    "frame-ancestors",
)


def check(source: SourceFile) -> Iterator[Finding]:
    if source.is_test or not source.has("xss"):
        return
    for match in XSS_ON.finditer(source.text):
        line = source.line_of(match.start())
        if not source.suppressed(line):
            yield Finding(XSS_FILTER, "the legacy XSS filter is switched on", source.rel, line)


def finish(project: Project) -> Iterator[Finding]:
    candidates = (source for source in project.code(*SERVER_HINTS) if source.has(*SERVER_HINTS[source.language]))
    server = project.first(SERVER, candidates, ())
    if server is None:
        return
    for source in project.sources:
        if not source.is_test and source.has(*PROTECTION_HINTS) and PROTECTION.search(source.text):
            return
    source, line = server
    yield Finding(
        NO_MIDDLEWARE, "a web server is set up here and nothing in the project sends security headers", source.rel, line
    )
