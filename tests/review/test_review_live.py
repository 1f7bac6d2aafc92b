"""Live checks against real HTTP servers on 127.0.0.1: one that meets the baseline, one that does not."""

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from universal_auth.cli import EXIT_HIGH, main
from universal_auth.review.live import review_url

GOOD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "X-XSS-Protection": "0",
}
CSRF_TOKEN = "csrf-token-for-the-test"


class Handler(BaseHTTPRequestHandler):
    good = True
    revealing = False

    def version_string(self):
        return "app" if self.good else "nginx/1.18.0"

    def log_message(self, *args):
        pass

    def answer(self, status: int, body: dict | None = None, headers: dict | None = None):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for name, value in (
            GOOD_HEADERS if self.good else {"X-XSS-Protection": "1; mode=block", "X-Powered-By": "Express"}
        ).items():
            self.send_header(name, value)
        origin = self.headers.get("Origin")
        if not self.good and origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Credentials", "true")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/auth/csrf":
            cookie = "csrftoken=abc; Path=/; SameSite=Lax" if self.good else "csrftoken=abc"
            extra = {"Set-Cookie": cookie}
            if self.good:
                extra["Cache-Control"] = "no-store"
            self.answer(200, {"csrfToken": CSRF_TOKEN}, extra)
        elif self.path == "/":
            extra = {} if self.good else {"Set-Cookie": "access_token=xyz; Path=/"}
            self.answer(200, {"status": "ok"}, extra)
        else:
            self.answer(404, {"code": "not_found"})

    def do_OPTIONS(self):
        self.answer(204)

    def do_TRACE(self):
        self.answer(200 if not self.good else 405)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path != "/auth/login":
            return self.answer(404, {"code": "not_found"})
        if self.good and self.headers.get("X-CSRF-Token") != CSRF_TOKEN:
            return self.answer(403, {"code": "csrf_failed"})
        if not body.get("email") or not body.get("password"):
            return self.answer(400, {"code": "validation_error"})
        if self.good:  # the unknown user is checked against a dummy hash, like a real one
            hashlib.pbkdf2_hmac("sha256", body["password"].encode(), b"dummy-salt", 200_000)
        elif self.revealing:
            return self.answer(404, {"detail": f"User {body['email']} not found"})
        return self.answer(401, {"code": "invalid_credentials"})


def serve(**behaviour):
    handler = type("Configured", (Handler,), behaviour)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def server():
    running = []

    def start(**behaviour):
        found = serve(**behaviour)
        running.append(found[0])
        return found[1]

    yield start
    for instance in running:
        instance.shutdown()
        instance.server_close()


def by_rule(findings):
    grouped = {}
    for finding in findings:
        grouped.setdefault(finding.rule.id, []).append(finding)
    return grouped


def test_a_server_meeting_the_baseline_has_no_high_or_medium_findings(server):
    findings, notes = review_url(server(good=True))
    assert [f.as_dict() for f in findings if f.level.value != "low"] == []
    # over plain http the missing Secure flag is reported, as low
    assert {f.message for f in findings} == {
        "cookie csrftoken lacks Secure (acceptable only for plain-http local development)"
    }
    [timing] = notes
    assert timing.startswith("login timing: unknown emails ")
    assert "inconclusive" not in timing


def test_a_weak_server_is_reported_on_every_live_check(server):
    url = server(good=False)
    found = by_rule(review_url(url)[0])
    headers = {f.message.split()[0] for f in found["UA-LIVE-HEADERS"]}
    assert headers == {
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Content-Security-Policy",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cache-Control:",
    }
    assert [f.message for f in found["UA-HDR-XSS-FILTER"]] == ["X-XSS-Protection is `1; mode=block`"]
    assert any(
        "echoed back with credentials allowed" in f.message and f.level.value == "high" for f in found["UA-LIVE-CORS"]
    )
    assert [f.message for f in found["UA-LIVE-TRACE"]] == ["TRACE answers 200"]
    banners = {f.message for f in found["UA-LIVE-BANNER"]}
    assert banners == {"Server: nginx/1.18.0 tells its version", "X-Powered-By: Express"}
    cookies = {(f.message, f.level.value) for f in found["UA-LIVE-COOKIE"]}
    assert ("cookie access_token lacks HttpOnly", "high") in cookies
    assert ("cookie csrftoken has SameSite=unset", "medium") in cookies
    assert ("cookie csrftoken lacks HttpOnly", "high") not in cookies  # a CSRF cookie is meant for scripts
    [timing] = found["UA-LIVE-ENUM-TIMING"]
    assert timing.url == f"{url}/auth/login"
    assert "difference" in timing.message


def test_a_login_that_names_unknown_emails_is_high(server):
    found = by_rule(review_url(server(good=False, revealing=True))[0])
    [reveal] = found["UA-LIVE-ENUM-RESPONSE"]
    assert reveal.level.value == "high"
    assert "not found" in reveal.message


def test_the_command_joins_static_and_live_findings(server, tmp_path, capsys):
    url = server(good=False)
    assert main(["review", str(tmp_path), "--url", url, "--format", "json"]) == EXIT_HIGH
    document = json.loads(capsys.readouterr().out)
    assert document["url"] == url
    assert {"UA-LIVE-CORS", "UA-LIVE-TRACE"} <= {finding["rule"] for finding in document["findings"]}
    assert any(note.startswith("login timing:") for note in document["notes"])
