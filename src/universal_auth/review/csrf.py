"""Cookie-based authentication without CSRF protection, and CSRF protection switched off."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .finding import Finding, Rule, Severity
from .project import Project
from .tree import SourceFile

FAMILY = "csrf"
MISSING = Rule(
    "UA-CSRF-MISSING",
    "Cookie authentication without CSRF protection",
    Severity.HIGH,
    "Add a maintained CSRF defence (Django CsrfViewMiddleware, csrf-csrf or csrf-sync, Flask-WTF CSRFProtect, "
    "ASP.NET antiforgery, Go http.CrossOriginProtection) with an Origin / Sec-Fetch-Site check, covering login "
    "and logout.",
    FAMILY,
)
DISABLED = Rule(
    "UA-CSRF-DISABLED",
    "CSRF protection switched off",
    Severity.MEDIUM,
    "Keep CSRF protection on for every state-changing route that a cookie authenticates; exempt only routes "
    "that authenticate by an Authorization header.",
    FAMILY,
)
RULES = (MISSING, DISABLED)

COOKIE_AUTH = re.compile(
    r"(?:req(?:uest)?\.cookies|request\.COOKIES|\$_COOKIE|Request\.Cookies|\br\.Cookie\(|getCookies\(\)|@CookieValue|"
    r"\.set_cookie\(|\bres\.cookie\(|\.setCookie\(|Cookies\.Append\(|http\.Cookie\{|cookies\(\)\.(?:get|set)\()"
    r"[^\n;]{0,80}?(?:token|session|sess|auth|jwt|sid|access|refresh)"
    r"|express-session|cookie-session|\bSessionMiddleware\b|CookieAuthenticationDefaults|\.AddCookie\(",
    re.IGNORECASE,
)
COOKIE_HINTS = ("cookie", "session")
PROTECTION_HINTS = ("csrf", "xsrf", "antiforg", "crossoriginprotection", "sec-fetch")
PROTECTION = re.compile(r"csrf|xsrf|antiforgery|CrossOriginProtection|sec-fetch-site", re.IGNORECASE)
SWITCHED_OFF = re.compile(
    r"[@]csrf_exempt|\bcsrf_exempt\(|\.csrf\(\)\s*\.disable\(\)|csrf\(\s*(?:AbstractHttpConfigurer::disable|"
    r"\w+\s*->\s*\w+\.disable\(\))|csrf\s*\{\s*(?:it\.)?disable\(\)\s*\}|WTF_CSRF_ENABLED\s*[=:]\s*False|"
    r"\[IgnoreAntiforgeryToken\]|\.DisableAntiforgery\(\)|csrf\s*:\s*false",
    re.IGNORECASE,
)
NEGATIVE_LINE = re.compile(r"csrf_exempt|disable|ignoreantiforgery|enabled\s*[=:]\s*false|csrf\s*:\s*false", re.I)


def check(source: SourceFile) -> Iterator[Finding]:
    if source.is_test or not source.has("csrf", "antiforgery"):
        return
    for match in SWITCHED_OFF.finditer(source.text):
        line = source.line_of(match.start())
        if not source.suppressed(line):
            yield Finding(DISABLED, f"CSRF protection is switched off ({match.group(0).strip()})", source.rel, line)


def protected(source: SourceFile) -> bool:
    return any(
        not NEGATIVE_LINE.search(source.line_text(source.line_of(match.start())))
        for match in PROTECTION.finditer(source.text)
    )


def finish(project: Project) -> Iterator[Finding]:
    hits = project.first(COOKIE_AUTH, project.code(), COOKIE_HINTS)
    if hits is None:
        return
    guarded = (source for source in project.sources if not source.is_test and source.has(*PROTECTION_HINTS))
    if any(protected(source) for source in guarded):
        return
    source, line = hits
    yield Finding(
        MISSING, "authentication rides on cookies here, and no CSRF protection exists in the project", source.rel, line
    )
