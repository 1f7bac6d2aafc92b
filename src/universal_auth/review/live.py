"""Checks against a running server: headers, cookies, CORS, TRACE, banners, login enumeration.

Only the standard library is used, so the checks also run under copier's own Python.
"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import ssl
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from .finding import Finding, Rule, Severity
from .headers import XSS_FILTER

FAMILY = "live checks"
HEADERS = Rule(
    "UA-LIVE-HEADERS",
    "Security header missing or weak",
    Severity.MEDIUM,
    "Send the baseline headers on every response: HSTS, CSP, X-Frame-Options: DENY, nosniff, Referrer-Policy, "
    "Permissions-Policy, and Cache-Control: no-store on auth responses.",
    FAMILY,
)
COOKIE_FLAGS = Rule(
    "UA-LIVE-COOKIE",
    "Cookie flags or name weaker than the baseline",
    Severity.HIGH,
    "Access cookie `__Host-access_token` (HttpOnly, Secure, SameSite=Lax, Path=/); refresh cookie "
    "`__Secure-refresh_token` (HttpOnly, Secure, SameSite=Strict, Path=/auth).",
    FAMILY,
)
CORS = Rule(
    "UA-LIVE-CORS",
    "CORS reflects an arbitrary Origin",
    Severity.HIGH,
    "Answer CORS only for origins on an allowlist from settings (CORS_ALLOWED_ORIGINS); never echo the request's "
    "Origin, least of all with Access-Control-Allow-Credentials.",
    FAMILY,
)
TRACE = Rule(
    "UA-LIVE-TRACE",
    "TRACE method enabled",
    Severity.MEDIUM,
    "Refuse TRACE (405) at the server or proxy.",
    FAMILY,
)
BANNER = Rule(
    "UA-LIVE-BANNER",
    "Server banner reveals software",
    Severity.LOW,
    "Drop X-Powered-By and the version from Server (helmet's hidePoweredBy, `server_tokens off`, "
    "`--no-server-header`).",
    FAMILY,
)
ENUM_TIMING = Rule(
    "UA-LIVE-ENUM-TIMING",
    "Login answers unknown emails measurably faster",
    Severity.MEDIUM,
    "Verify the password against a dummy hash when the email is unknown, so known and unknown emails take "
    "the same time.",
    FAMILY,
)
ENUM_RESPONSE = Rule(
    "UA-LIVE-ENUM-RESPONSE",
    "Login tells unknown emails apart",
    Severity.HIGH,
    "Answer 401 with the same body for an unknown email and a wrong password.",
    FAMILY,
)
RULES = (HEADERS, COOKIE_FLAGS, CORS, TRACE, BANNER, ENUM_TIMING, ENUM_RESPONSE)

LOGIN_PATH = "auth/login"  # relative to the reviewed URL, which may carry a path prefix
CSRF_PATH = "auth/csrf"
AUTH_COOKIE = re.compile(r"(?i)token|session|sess|auth|jwt|sid|refresh|access")
CSRF_COOKIE = re.compile(r"(?i)csrf|xsrf|antiforgery")
REVEALING = re.compile(r"(?i)not found|no such user|does not exist|unknown (?:user|email|account)|not registered")
TIMING_MARGIN_SECONDS = 0.005
ATTEMPTS_PER_EMAIL = 4  # below the baseline's 5 failures per email, so no limit interferes


class Unreachable(Exception):
    """The server did not answer at all."""


@dataclass
class Response:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    seconds: float

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]


@dataclass
class Client:
    base: str
    timeout: float = 10.0
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        keep_cookies: bool = True,
    ) -> Response:
        url = urljoin(self.base, path)
        parts = urlsplit(url)
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(
                parts.netloc, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            connection = http.client.HTTPConnection(parts.netloc, timeout=self.timeout)
        sent = dict(headers or {})
        if keep_cookies and self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        started = time.perf_counter()
        try:
            connection.request(method, target, body=body, headers=sent)
            answer = connection.getresponse()
            data = answer.read()
        except (OSError, http.client.HTTPException) as error:
            raise Unreachable(f"{method} {url}: {error}") from error
        finally:
            connection.close()
        response = Response(url, answer.status, answer.getheaders(), data, time.perf_counter() - started)
        if keep_cookies:
            for raw in response.all("Set-Cookie"):
                name, _, rest = raw.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response


def review_url(url: str, timeout: float = 10.0) -> tuple[list[Finding], list[str]]:
    """Findings and measurement notes for the server at ``url``; raises Unreachable when it does not answer."""
    client = Client(url if url.endswith("/") else url + "/", timeout)
    https = urlsplit(url).scheme == "https"
    findings: list[Finding] = []
    notes: list[str] = []
    home = client.request("GET", url)
    csrf = client.request("GET", CSRF_PATH)
    auth_response = csrf if csrf.status < 400 else None
    findings += headers_of(home, https, auth_response)
    findings += banners_of([home, csrf])
    findings += cors_of(client, url)
    findings += trace_of(client, url)
    login_findings, login_notes, login_responses = enumeration_of(client, csrf)
    findings += login_findings
    notes += login_notes
    findings += cookies_of([home, csrf, *login_responses], https)
    return _unique(findings), notes


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, kept = set(), []
    for finding in findings:
        key = (finding.rule.id, finding.message)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept


def headers_of(response: Response, https: bool, auth_response: Response | None) -> Iterator[Finding]:
    def missing(header: str, severity: Severity, why: str) -> Finding:
        return Finding(HEADERS, f"{header} {why}", url=response.url, severity=severity)

    csp = response.header("Content-Security-Policy") or ""
    if (response.header("X-Content-Type-Options") or "").lower() != "nosniff":
        yield missing("X-Content-Type-Options", Severity.MEDIUM, "is not `nosniff`")
    frame = (response.header("X-Frame-Options") or "").upper()
    if frame not in ("DENY", "SAMEORIGIN") and "frame-ancestors" not in csp:
        yield missing("X-Frame-Options", Severity.MEDIUM, "is missing and the CSP sets no frame-ancestors")
    if not csp:
        yield missing("Content-Security-Policy", Severity.MEDIUM, "is missing")
    hsts = response.header("Strict-Transport-Security") or ""
    age = re.search(r"max-age=(\d+)", hsts)
    if https and (age is None or int(age.group(1)) < 31_536_000):
        yield missing("Strict-Transport-Security", Severity.MEDIUM, "is missing or shorter than a year")
    if not response.header("Referrer-Policy"):
        yield missing("Referrer-Policy", Severity.LOW, "is missing")
    if not response.header("Permissions-Policy"):
        yield missing("Permissions-Policy", Severity.LOW, "is missing")
    xss = response.header("X-XSS-Protection")
    if xss is not None and xss.strip() != "0":
        yield Finding(XSS_FILTER, f"X-XSS-Protection is `{xss}`", url=response.url)
    if auth_response is not None and "no-store" not in (auth_response.header("Cache-Control") or ""):
        yield Finding(
            HEADERS,
            "Cache-Control: no-store is missing on an auth response",
            url=auth_response.url,
            severity=Severity.LOW,
        )


def banners_of(responses: list[Response]) -> Iterator[Finding]:
    for response in responses:
        server = response.header("Server")
        if server and re.search(r"\d", server):
            yield Finding(BANNER, f"Server: {server} tells its version", url=response.url)
        powered = response.header("X-Powered-By")
        if powered:
            yield Finding(BANNER, f"X-Powered-By: {powered}", url=response.url)


def cors_of(client: Client, url: str) -> Iterator[Finding]:
    origin = f"https://review-{secrets.token_hex(4)}.invalid"
    probes = [
        client.request("GET", url, {"Origin": origin}, keep_cookies=False),
        client.request(
            "OPTIONS",
            LOGIN_PATH,
            {
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
            keep_cookies=False,
        ),
    ]
    for response in probes:
        allowed = response.header("Access-Control-Allow-Origin")
        credentials = (response.header("Access-Control-Allow-Credentials") or "").lower() == "true"
        if allowed == origin:
            yield Finding(
                CORS,
                f"the foreign origin {origin} is echoed back" + (" with credentials allowed" if credentials else ""),
                url=response.url,
                severity=None if credentials else Severity.MEDIUM,
            )
        elif allowed == "*" and credentials:
            yield Finding(CORS, "Access-Control-Allow-Origin: * together with credentials", url=response.url)


def trace_of(client: Client, url: str) -> Iterator[Finding]:
    try:
        response = client.request("TRACE", url, keep_cookies=False)
    except Unreachable:
        return  # some servers and proxies drop the connection on TRACE: refused all the same
    if response.status == 200:
        yield Finding(TRACE, "TRACE answers 200", url=response.url)


def parse_cookie(raw: str) -> tuple[str, dict[str, str]]:
    first, *attributes = [part.strip() for part in raw.split(";")]
    name = first.partition("=")[0].strip()
    flags = {}
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        flags[key.strip().lower()] = value.strip()
    return name, flags


def cookies_of(responses: list[Response], https: bool) -> Iterator[Finding]:
    for response in responses:
        for raw in response.all("Set-Cookie"):
            name, flags = parse_cookie(raw)
            if "max-age" in flags and flags["max-age"] in ("0", "-1"):
                continue  # a deletion
            auth = bool(AUTH_COOKIE.search(name)) and not CSRF_COOKIE.search(name)
            where = response.url
            if auth and "httponly" not in flags:
                yield Finding(COOKIE_FLAGS, f"cookie {name} lacks HttpOnly", url=where)
            if "secure" not in flags:
                severity = Severity.MEDIUM if https else Severity.LOW
                note = "" if https else " (acceptable only for plain-http local development)"
                yield Finding(COOKIE_FLAGS, f"cookie {name} lacks Secure{note}", url=where, severity=severity)
            samesite = flags.get("samesite", "").lower()
            if samesite not in ("lax", "strict"):
                yield Finding(
                    COOKIE_FLAGS,
                    f"cookie {name} has SameSite={samesite or 'unset'}",
                    url=where,
                    severity=Severity.MEDIUM,
                )
            if https and auth and not name.startswith(("__Host-", "__Secure-")):
                yield Finding(
                    COOKIE_FLAGS, f"cookie {name} has no __Host- / __Secure- prefix", url=where, severity=Severity.LOW
                )


def enumeration_of(client: Client, csrf: Response) -> tuple[list[Finding], list[str], list[Response]]:
    """Time login for two unknown emails against a malformed request that no server hashes for."""
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    origin = urlsplit(client.base)
    headers["Origin"] = f"{origin.scheme}://{origin.netloc}"
    if csrf.status < 400:
        try:
            token = json.loads(csrf.body or b"{}").get("csrfToken")
        except (ValueError, AttributeError):
            token = None
        if token:
            headers["X-CSRF-Token"] = token
    emails = [f"review-{secrets.token_hex(6)}@example.com" for _ in range(2)]
    password = secrets.token_urlsafe(18)
    timings: dict[str, list[float]] = {email: [] for email in emails}
    timings["malformed"] = []
    answers: dict[str, list[Response]] = {key: [] for key in timings}
    for _ in range(ATTEMPTS_PER_EMAIL):
        for key in reversed(timings):  # the malformed request first: it tells whether the route exists
            body = b"{}" if key == "malformed" else json.dumps({"email": key, "password": password}).encode()
            response = client.request("POST", LOGIN_PATH, headers, body)
            if key == "malformed" and response.status in (404, 405):
                return [], [f"login timing: {response.url} answers {response.status}; not measured"], []
            if response.status == 429:
                return [], ["login timing: rate-limited (429) after a few attempts; not measured"], []
            timings[key].append(response.seconds)
            answers[key].append(response)
    responses = [response for batch in answers.values() for response in batch]
    findings = []
    first, second = (answers[email][0] for email in emails)
    if first.status != second.status or REVEALING.search(first.body.decode("utf-8", "replace")):
        findings.append(
            Finding(
                ENUM_RESPONSE,
                f"an unknown email gets {first.status}: {first.body[:120].decode('utf-8', 'replace')}",
                url=first.url,
            )
        )
    unknown = [statistics.median(timings[email]) for email in emails]
    malformed = statistics.median(timings["malformed"])
    difference = min(unknown) - malformed
    measured = (
        f"login timing: unknown emails {unknown[0] * 1000:.1f} ms and {unknown[1] * 1000:.1f} ms, "
        f"malformed request {malformed * 1000:.1f} ms (median of {ATTEMPTS_PER_EMAIL}; difference "
        f"{difference * 1000:+.1f} ms)"
    )
    if answers["malformed"][0].status == first.status:
        return findings, [measured + "; the malformed request got the same status, so this is inconclusive"], responses
    if first.status in (401, 403) and difference < TIMING_MARGIN_SECONDS:
        findings.append(
            Finding(
                ENUM_TIMING,
                measured + ": unknown emails skip the password hash, so a known email answers measurably slower",
                url=first.url,
            )
        )
    return findings, [measured], responses
