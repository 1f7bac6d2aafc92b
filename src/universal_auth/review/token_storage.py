"""Tokens kept where scripts can read them: Web Storage, AsyncStorage, script-written cookies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .finding import Finding, Rule, Severity
from .tree import SourceFile

FAMILY = "token storage"
READABLE_STORAGE = Rule(
    "UA-TOKEN-STORAGE",
    "Token kept in script-readable storage",
    Severity.HIGH,
    "Web: let the server set HttpOnly cookies (cookie transport) or keep the access token in memory only. "
    "Mobile: use expo-secure-store, Keychain / Keystore (flutter_secure_storage).",
    FAMILY,
)
SCRIPT_COOKIE = Rule(
    "UA-TOKEN-SCRIPT-COOKIE",
    "Token written to a cookie by script",
    Severity.HIGH,
    "Have the server set the token cookie with HttpOnly, Secure and SameSite; never js-cookie or "
    "document.cookie for tokens.",
    FAMILY,
)
RULES = (READABLE_STORAGE, SCRIPT_COOKIE)

TOKENISH = re.compile(r"token|jwt|refresh|access|bearer|session|credential|\bauth", re.IGNORECASE)
STORAGE = re.compile(
    r"\b(?P<store>localStorage|sessionStorage|AsyncStorage)\s*(?:\.setItem\(\s*(?P<args>[^)\n]{1,160})"
    r"|\.(?P<prop>\w+)\s*=(?!=)|\[\s*(?P<key>[^\]\n]+)\]\s*=(?!=))"
)
MOBILE_STORAGE = re.compile(
    r"\b(?:prefs|preferences|sharedPreferences|\w*[Pp]refs)\s*\.\s*set(?:String)?\(\s*(?P<args>[^)\n]{1,160})"
    r"|UserDefaults\.standard\.set\((?P<args2>[^)\n]{1,160})"
    r"|\.putString\(\s*(?P<args3>[^)\n]{1,160})"
)
SCRIPT_WRITES = re.compile(
    r"\bCookies\.set\(\s*(?P<args>[^)\n]{1,160})|\bdocument\.cookie\s*=(?!=)\s*(?P<value>[^;\n]{1,160})"
)
HINTS = (
    "localstorage",
    "sessionstorage",
    "asyncstorage",
    "userdefaults",
    "putstring",
    "prefs",
    "cookies.set",
    "document.cookie",
)


def check(source: SourceFile) -> Iterator[Finding]:
    if source.is_test or source.language not in ("js", "dart", "swift", "jvm") or not source.has(*HINTS):
        return
    for match in STORAGE.finditer(source.text):
        stored = match["args"] or match["prop"] or match["key"] or ""
        if TOKENISH.search(stored):
            yield from _emit(source, match.start(), READABLE_STORAGE, f"a token is written to {match['store']}")
    if source.language in ("dart", "swift", "jvm", "js"):
        for match in MOBILE_STORAGE.finditer(source.text):
            stored = match["args"] or match["args2"] or match["args3"] or ""
            if TOKENISH.search(stored):
                yield from _emit(source, match.start(), READABLE_STORAGE, "a token is written to plain preferences")
    for match in SCRIPT_WRITES.finditer(source.text):
        if TOKENISH.search(match["args"] or match["value"] or ""):
            yield from _emit(source, match.start(), SCRIPT_COOKIE, "a token cookie is written by script (no HttpOnly)")


def _emit(source: SourceFile, offset: int, rule: Rule, message: str) -> Iterator[Finding]:
    line = source.line_of(offset)
    if not source.suppressed(line):
        yield Finding(rule, message, source.rel, line)
