"""Cookies set by server code without HttpOnly, Secure or SameSite."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .calls import balanced, literal, split_args
from .finding import Finding, Rule, Severity
from .tree import SourceFile

FAMILY = "cookies"
HTTPONLY = Rule(
    "UA-COOKIE-HTTPONLY",
    "Cookie set without HttpOnly",
    Severity.HIGH,
    "Set HttpOnly on every session or token cookie so scripts (and XSS) cannot read it.",
    FAMILY,
)
SECURE = Rule(
    "UA-COOKIE-SECURE",
    "Cookie set without Secure",
    Severity.MEDIUM,
    "Set Secure (allowing plain http only through a development setting) and use the __Host- prefix.",
    FAMILY,
)
SAMESITE = Rule(
    "UA-COOKIE-SAMESITE",
    "Cookie set without SameSite",
    Severity.MEDIUM,
    "Set SameSite=Lax for the access cookie and SameSite=Strict for the refresh cookie.",
    FAMILY,
)
RULES = (HTTPONLY, SECURE, SAMESITE)

AUTH_NAME = re.compile(r"(?i)token|session|sess|auth|jwt|sid|refresh|access|remember|login|identity")
CSRF_NAME = re.compile(r"(?i)csrf|xsrf|antiforgery")

CALLS = {
    "js": re.compile(r"\b\w+\.(?:cookie|setCookie|cookies(?:\(\))?\.set)\((?!\s*\))"),
    "python": re.compile(r"\.set_cookie\s*\("),
    "php": re.compile(r"\bset(?:raw)?cookie\s*\("),
    "csharp": re.compile(r"\.Cookies\.Append\s*\("),
}
GO_COOKIE = re.compile(r"\bhttp\.Cookie\s*\{")
SPRING_COOKIE = re.compile(r"\bResponseCookie\.(?:from|fromClientResponse)\s*\(")
SERVLET_COOKIE = re.compile(r"\bnew\s+(?:jakarta\.servlet\.http\.|javax\.servlet\.http\.)?Cookie\s*\(")
SETTINGS = re.compile(
    r"^\s*(?:app\.config\[\s*[\"'])?(?P<name>(?:SESSION|CSRF|REMEMBER|LANGUAGE)_COOKIE_(?:HTTPONLY|SECURE|SAMESITE))"
    r"[\"']?\s*\]?\s*[:=]\s*(?P<value>False|None|false|null|[\"']None[\"'])",
    re.M,
)


def check(source: SourceFile) -> Iterator[Finding]:
    if source.is_test or "cookie" not in source.lower:
        return
    language = source.language
    if language in CALLS:
        for match in CALLS[language].finditer(source.text):
            inner = balanced(source.text, match.end() - 1)
            yield from _call(source, match.start(), language, split_args(inner))
    if language == "go":
        for match in GO_COOKIE.finditer(source.text):
            body = balanced(source.text, match.end() - 1)
            name = re.search(r"\bName:\s*(\"[^\"]*\"|\w+)", body)
            yield from _verdict(
                source,
                match.start(),
                name.group(1) if name else "",
                body,
                r"HttpOnly:\s*true",
                r"Secure:\s*(?!false)",
                r"SameSite:",
            )
    if language == "jvm":
        for match in SPRING_COOKIE.finditer(source.text):
            end = source.text.find("build()", match.start())
            chain = source.text[match.start() : end if end != -1 else match.end() + 600]
            args = split_args(balanced(source.text, match.end() - 1))
            yield from _verdict(
                source,
                match.start(),
                args[0] if args else "",
                chain,
                r"\.httpOnly\(\s*true",
                r"\.secure\(\s*(?!false)",
                r"\.sameSite\(",
            )
        for match in SERVLET_COOKIE.finditer(source.text):
            args = split_args(balanced(source.text, match.end() - 1))
            yield from _verdict(
                source,
                match.start(),
                args[0] if args else "",
                source.text,
                r"\.setHttpOnly\(\s*true",
                r"\.setSecure\(\s*(?!false)",
                None,
            )
    if language in ("python", "config"):
        for match in SETTINGS.finditer(source.text):
            flag = match["name"].rsplit("_", 1)[-1]
            rule = {"HTTPONLY": HTTPONLY, "SECURE": SECURE, "SAMESITE": SAMESITE}[flag]
            auth = match["name"].startswith(("SESSION", "REMEMBER"))
            yield from _emit(source, match.start(), rule, f"{match['name']} is turned off", auth)


# The HttpOnly, Secure and SameSite patterns of an options object, per language, matched ignoring case.
OPTION_FLAGS = {
    "js": (r"httpOnly\s*:\s*true", r"secure\s*:\s*(?!false)", r"sameSite\s*:"),
    "csharp": (
        r"HttpOnly\s*=\s*true",
        r"Secure\s*=\s*(?!false)",
        r"SameSite\s*=\s*(?!SameSiteMode\.None|SameSiteMode\.Unspecified)",
    ),
    "php": (r"[\"']httponly[\"']\s*=>\s*true", r"[\"']secure[\"']\s*=>\s*(?!false)", r"[\"']samesite[\"']\s*=>"),
}


def _call(source: SourceFile, offset: int, language: str, args: list[str]) -> Iterator[Finding]:
    if len(args) < 2:
        return
    name = args[0]
    if language in ("js", "csharp"):
        options = _resolve(source, args[2]) if len(args) > 2 else ""
        if options is not None:
            yield from _verdict(source, offset, name, options, *OPTION_FLAGS[language], ignore_case=True)
    elif language == "python":
        options = ",".join(args[1:])
        if re.search(r"\*\*\w", options):
            return  # options come from a mapping this check cannot see
        yield from _verdict(
            source, offset, name, options, r"httponly\s*=\s*True", r"secure\s*=\s*(?!False)", r"samesite\s*=\s*(?!None)"
        )
    elif language == "php":
        if len(args) >= 3 and args[2].lstrip().startswith(("[", "array(", "$")):
            if not args[2].startswith("$"):
                yield from _verdict(source, offset, name, args[2], *OPTION_FLAGS["php"], ignore_case=True)
        else:
            secure = len(args) > 5 and args[5].strip().lower() not in ("false", "0")
            httponly = len(args) > 6 and args[6].strip().lower() not in ("false", "0")
            flags = ("httponly " if httponly else "") + ("secure " if secure else "")
            yield from _verdict(source, offset, name, flags, r"httponly", r"secure", r"samesite")


SPREAD = re.compile(r"\.\.\.\s*([A-Za-z_$][\w$.]*(?:\s*\([^()]*\))?)")


def _resolve(source: SourceFile, arg: str, depth: int = 0) -> str | None:
    """The text of an options argument, following variables, spreads and option-building functions in the
    same file; None when some part is built elsewhere, since this check then cannot tell."""
    arg = arg.strip()
    if depth > 4:
        return None
    if arg.startswith(("{", "new ")):
        body: str | None = arg
    elif called := re.fullmatch(r"([A-Za-z_$][\w$.]*)(?:\s*\([^()]*\))?", arg):
        body = _definition(source, called.group(1).rsplit(".", 1)[-1])
    else:
        return None
    if body is None:
        return None
    parts = [body]
    for spread in SPREAD.findall(body):
        resolved = _resolve(source, spread, depth + 1)
        if resolved is None:
            return None
        parts.append(resolved)
    return "".join(parts)


def _definition(source: SourceFile, name: str) -> str | None:
    """The object literal a variable holds, or the body of a function returning the options."""
    text, escaped = source.text, re.escape(name)
    function = re.search(rf"(?:\bfunction\s+{escaped}\s*|\b{escaped}\s*=\s*(?:async\s*)?(?:function\s*)?)(?=\()", text)
    if function:
        params_end = function.end() + len(balanced(text, function.end())) + 2
        opening = re.compile(r"[{(]").search(text, params_end)
        if opening and opening.start() - params_end < 80:
            return balanced(text, opening.start())
    variable = re.search(rf"\b{escaped}\s*(?::\s*[\w<>\[\], ]+)?\s*[:=]\s*(?:new\s+\w+\s*)?([{{(])", text)
    if variable:
        return balanced(text, variable.start(1))
    return None


def _verdict(
    source: SourceFile,
    offset: int,
    name: str,
    options: str,
    httponly: str,
    secure: str,
    samesite: str | None,
    ignore_case: bool = False,
) -> Iterator[Finding]:
    flags = re.IGNORECASE if ignore_case else 0
    label = (literal(name) or name.strip() or "cookie").splitlines()[0][:60]
    if CSRF_NAME.search(label):
        httponly = ".*"  # a double-submit CSRF cookie is meant to be read by scripts
    auth = literal(name) is None or bool(AUTH_NAME.search(label))
    if not re.search(httponly, options, flags):
        yield from _emit(source, offset, HTTPONLY, f"cookie {label} is set without HttpOnly", auth)
    if not re.search(secure, options, flags):
        yield from _emit(source, offset, SECURE, f"cookie {label} is set without Secure", auth)
    if samesite and not re.search(samesite, options, flags):
        yield from _emit(source, offset, SAMESITE, f"cookie {label} is set without SameSite", auth)


def _emit(source: SourceFile, offset: int, rule: Rule, message: str, auth: bool) -> Iterator[Finding]:
    line = source.line_of(offset)
    if not source.suppressed(line):
        yield Finding(rule, message, source.rel, line, severity=None if auth else Severity.LOW)
