"""Packages from the design's "do not use" list, found in dependency manifests."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .finding import Finding, Rule, Severity
from .tree import SourceFile

FAMILY = "deprecated packages"
DENIED = Rule(
    "UA-PKG-DENIED",
    "Package on the do-not-use list",
    Severity.MEDIUM,
    "Replace the package with the maintained alternative named in the finding.",
    FAMILY,
)
RULES = (DENIED,)


@dataclass(frozen=True)
class Denied:
    ecosystem: str
    name: str
    severity: Severity
    why: str
    instead: str


DENY_LIST = (
    Denied("npm", "csurf", Severity.HIGH, "deprecated and archived", "csrf-csrf or csrf-sync with an Origin check"),
    Denied("npm", "speakeasy", Severity.MEDIUM, "unmaintained since 2017", "otplib"),
    Denied(
        "npm",
        "passport-local",
        Severity.LOW,
        "leaves hashing, limits and enumeration to you",
        "the generated auth routes",
    ),
    Denied("npm", "ioredis", Severity.LOW, "not for new code", "node-redis (redis)"),
    Denied("npm", "prisma", Severity.LOW, "downloads engine binaries at install", "Kysely or the stack's ORM"),
    Denied("npm", "@prisma/client", Severity.LOW, "downloads engine binaries at install", "Kysely or the stack's ORM"),
    Denied(
        "npm",
        "drizzle-orm",
        Severity.LOW,
        "migration journal collides between parallel feature files",
        "Kysely migrations",
    ),
    Denied(
        "npm",
        "drizzle-kit",
        Severity.LOW,
        "migration journal collides between parallel feature files",
        "Kysely migrations",
    ),
    Denied("pypi", "passlib", Severity.MEDIUM, "unmaintained; breaks with bcrypt 4.1+", "argon2-cffi or pwdlib"),
    Denied(
        "go",
        "github.com/dgrijalva/jwt-go",
        Severity.HIGH,
        "unmaintained, audience check bypass (CVE-2020-26160)",
        "github.com/golang-jwt/jwt/v5",
    ),
    Denied("nuget", "AspNetCoreRateLimit", Severity.MEDIUM, "superseded", "ASP.NET Core's built-in rate limiting"),
    Denied(
        "gradle",
        "androidx.security:security-crypto",
        Severity.MEDIUM,
        "deprecated by Google",
        "Android Keystore directly",
    ),
)
BROWSER_FRAMEWORKS = {"react", "vue", "@angular/core", "next", "svelte", "solid-js", "preact", "expo", "react-native"}
SERVER_FRAMEWORKS = {"express", "fastify", "@nestjs/core", "koa", "hono", "@hapi/hapi"}


def check(source: SourceFile) -> Iterator[Finding]:
    name = source.name
    if name == "package.json":
        yield from _package_json(source)
    elif name.startswith("requirements") or name in ("pyproject.toml", "Pipfile", "setup.cfg"):
        yield from _by_name(source, "pypi", lambda package: rf"(?im)(?:^[ \t-]*|[\"'])\s*{package}(?![-.\w])")
    elif name == "go.mod":
        yield from _by_name(source, "go", lambda package: rf"(?m)^\s*(?:require\s+)?{package}(?:/v\d+)?\s+v")
    elif source.suffix == ".csproj":
        yield from _by_name(source, "nuget", lambda package: rf"(?i)<PackageReference\s+Include=\"{package}\"")
    elif name.startswith("build.gradle") or name == "libs.versions.toml":
        yield from _by_name(source, "gradle", lambda package: rf"[\"']{package}(?::|[\"'])")


def _finding(source: SourceFile, offset: int, denied: Denied, note: str = "") -> Iterator[Finding]:
    line = source.line_of(offset)
    if not source.suppressed(line):
        message = f"{denied.name} is on the do-not-use list: {denied.why}{note}"
        yield Finding(DENIED, message, source.rel, line, severity=denied.severity, fix=f"Use {denied.instead}.")


def _by_name(source: SourceFile, ecosystem: str, pattern) -> Iterator[Finding]:
    for denied in DENY_LIST:
        if denied.ecosystem == ecosystem and denied.name.lower() in source.lower:
            match = re.search(pattern(re.escape(denied.name)), source.text)
            if match:
                yield from _finding(source, match.start(), denied)


def _package_json(source: SourceFile) -> Iterator[Finding]:
    try:
        manifest = json.loads(source.text)
    except ValueError:
        return
    sections = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
    declared = {}
    for section in sections:
        if isinstance(manifest.get(section), dict):
            declared.update(manifest[section])
    for denied in DENY_LIST:
        if denied.ecosystem == "npm" and denied.name in declared:
            yield from _finding(source, _offset(source, denied.name), denied)
    browser = bool(BROWSER_FRAMEWORKS & declared.keys()) and not SERVER_FRAMEWORKS & declared.keys()
    if browser and "jsonwebtoken" in declared:
        denied = Denied("npm", "jsonwebtoken", Severity.MEDIUM, "", "jose, and only on the server")
        yield from _finding(source, _offset(source, "jsonwebtoken"), denied, note="a Node library in a browser app")
    next_auth = str(declared.get("next-auth", ""))
    if next_auth and (re.match(r"^[\^~>=<\s]*4\.", next_auth) or "beta" in next_auth or next_auth == "latest"):
        denied = Denied(
            "npm",
            "next-auth",
            Severity.MEDIUM,
            f"version {next_auth} (v4 or a v5 beta)",
            "the generated route handlers or a stable Auth.js release",
        )
        yield from _finding(source, _offset(source, "next-auth"), denied)


def _offset(source: SourceFile, package: str) -> int:
    match = re.search(rf"\"{re.escape(package)}\"\s*:", source.text)
    return match.start() if match else 0
