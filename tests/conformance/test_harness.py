"""The harness checked against itself, with no backend: the matrix, mail parsing, cookies,
.env reading, JWT forgeries against a reference verifier, and the real services."""

import smtplib
import time
from email.message import EmailMessage

import httpx
import jwt
import pytest
import yaml

from support.cells import MODES, RUNNABLE_DATABASES, STORES, TRANSPORTS, Cell, default_cell, full_matrix, matrix
from support.client import parse_set_cookie
from support.jwt_forge import forgeries, parts, resign, signing_key
from support.mail import Inbox, SmtpSink, link_token
from support.project import read_env_file
from support.services import Postgres, Redis

ROOT_STACKS = __import__("support.cells", fromlist=["ROOT"]).ROOT / "stacks"


def test_planned_backends_are_absent_from_the_matrix(tmp_path):
    from manifests import load_stacks

    django = yaml.safe_load((ROOT_STACKS / "django.yml").read_text())
    (tmp_path / "django.yml").write_text(yaml.safe_dump(django))
    planned = {**django, "name": "flask", "tier": "planned"}
    (tmp_path / "flask.yml").write_text(yaml.safe_dump(planned))
    cells = matrix(load_stacks(tmp_path))
    assert cells and {cell.stack for cell, _ in cells} == {"django"}


@pytest.mark.parametrize("databases", [("sqlite",), ("sqlite", "postgresql"), ("sqlite", "postgresql", "mysql")])
def test_each_backend_has_one_default_cell_at_the_highest_mode(databases):
    from manifests import load_stacks

    stack = load_stacks()["django"].model_copy(update={"databases": databases})
    runnable = [d for d in databases if d in RUNNABLE_DATABASES]
    cells = matrix({"django": stack})
    full = full_matrix(stack)
    assert [cell for cell, _ in cells] == full
    assert len(full) == len(MODES) * len(TRANSPORTS) * len(runnable) * len(STORES)
    assert [cell for cell, default in cells if default] == [default_cell(stack)], "one default cell per backend"
    cell = default_cell(stack)
    assert cell.mode == max(MODES) and cell.transport == "cookie" and cell.store == "redis"
    assert cell.database == (runnable[1] if len(runnable) > 1 else runnable[0])


def test_cell_answers_render_the_backend_folder():
    answers = Cell("django", 4, "cookie", "postgresql", "redis").answers()
    assert answers["backend_dir"] == "backend" and answers["email"] == "smtp" and answers["rate_limit_store"] == "redis"


def test_link_tokens_come_from_the_app_url_only():
    text = "Reset: https://app.test/reset-password?token=abc_DEF-123\nOther: https://evil.test/reset-password?token=zzz"
    assert link_token(text, "https://app.test", "reset-password") == "abc_DEF-123"
    assert link_token(text, "https://app.test/", "verify-email") is None
    assert link_token("https://app.testX/reset-password?token=a", "https://app.test", "reset-password") is None


def test_the_inbox_waits_then_gives_up():
    inbox = Inbox()
    started = time.monotonic()
    with pytest.raises(AssertionError, match="expected 1 mail"):
        inbox.wait_for("nobody@x.test", timeout=0.2)
    assert time.monotonic() - started >= 0.2


def test_the_smtp_sink_receives_real_mail():
    with SmtpSink() as sink:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "app@x.test", "User@X.test", "Verify"
        message.set_content("Open https://app.test/verify-email?token=tok_123 to verify.")
        message.add_alternative("<a href='https://app.test/verify-email?token=tok_123'>verify</a>", subtype="html")
        with smtplib.SMTP(sink.host, sink.port, timeout=5) as smtp:
            smtp.send_message(message)
        mail = sink.inbox.wait_for("user@x.test")[0]
        assert set(mail.parts()) == {"text/plain", "text/html"}
        assert sink.inbox.token("user@x.test", "https://app.test", "verify-email") == "tok_123"


def test_set_cookie_flags_are_read():
    cookie = parse_set_cookie("__Host-access_token=abc; HttpOnly; Max-Age=900; Path=/; SameSite=Lax; Secure")
    assert cookie.name == "__Host-access_token" and cookie.value == "abc" and cookie.path == "/"
    assert cookie.attributes["secure"] and cookie.attributes["httponly"]
    assert cookie.attributes["samesite"] == "Lax" and "domain" not in cookie.attributes
    plain = parse_set_cookie("refresh_token=x; Path=/auth; SameSite=Strict")
    assert not plain.attributes["secure"] and not plain.attributes["httponly"] and plain.path == "/auth"


def test_env_files_are_read_like_python_dotenv(tmp_path):
    env = tmp_path / ".env"
    env.write_text("# head\nA=1  # a comment\nB=\"two # not a comment\"\nC=\nD='x'\n")
    assert read_env_file(env) == {"A": "1", "B": "two # not a comment", "C": "", "D": "x"}


SECRET = "ab" * 32


def reference_verify(token: str, key: bytes) -> dict:
    """What the contract asks of a backend: HS256 only, required claims, the access typ."""
    claims = jwt.decode(token, key, algorithms=["HS256"], options={"require": ["exp", "iat", "sub", "sid", "typ"]})
    if claims["typ"] != "access":
        raise jwt.InvalidTokenError("typ")
    return claims


@pytest.mark.parametrize("key", [bytes.fromhex(SECRET), SECRET.encode()], ids=["hex-bytes", "text"])
def test_every_forgery_fails_a_reference_verifier_and_the_control_passes(key):
    now = int(time.time())
    claims = {"sub": "42", "sid": "s-1", "typ": "access", "iat": now, "exp": now + 900}
    genuine = jwt.encode(claims, key, algorithm="HS256", headers={"kid": "k1"})
    assert signing_key(genuine, SECRET) == key
    assert reference_verify(resign(genuine, SECRET), key) == claims
    accepted = []
    for name, token in forgeries(genuine, SECRET).items():
        try:
            reference_verify(token, key)
            accepted.append(name)
        except jwt.PyJWTError:
            pass
    assert not accepted, f"forgeries a correct verifier accepts: {accepted}"
    assert parts(forgeries(genuine, SECRET)["alg_none"])[0]["alg"] == "none"


def test_a_token_signed_with_another_key_is_detected():
    token = jwt.encode({"sub": "1"}, b"x" * 32, algorithm="HS256")
    with pytest.raises(AssertionError, match="not signed with AUTH_JWT_SECRET"):
        signing_key(token, SECRET)


def test_postgres_and_redis_start_on_free_loopback_ports():
    import psycopg
    import redis

    pg, rd = Postgres().start(), Redis().start()
    try:
        with psycopg.connect(pg.database("probe")) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        client = redis.Redis.from_url(rd.url())
        assert client.ping()
        client.close()
        assert rd.url() != rd.url(), "each caller gets a database of its own"
    finally:
        pg.stop()
        rd.stop()
    with pytest.raises(httpx.TransportError):  # stopped: nothing listens on the port any more
        httpx.get(f"http://127.0.0.1:{rd.port}", timeout=1)


@pytest.mark.parametrize(
    ("command", "rest"),
    [("npm ci && npm run build", "npm run build"), ("npm ci", ""), ("go build ./...", "go build ./...")],
)
def test_a_cached_node_install_still_runs_the_build(command, rest):
    from support.project import after_dependency_step

    assert after_dependency_step(command) == rest


def test_log_hygiene_finds_secrets_but_not_timestamps_or_api_words():
    from conformance.test_log_hygiene import leaked

    log = '2026-11-27 03:07:42,757 {"at": "03:07:42.123456", "event": "PASSWORD_RESET_REQUESTED"} GET /auth/password\n'
    assert leaked(log, {"123456", "password"}) == []
    assert leaked(log + "code 654321 used\n", {"654321"}) == ["654321"]
    assert leaked(log + "body: lunar abc orchard\n", {"lunar abc orchard"}) == ["lunar abc orchard"]


def test_timing_medians_compare_relatively_above_the_noise_floor():
    from support.assertions import medians_close

    assert medians_close([0.100] * 20, [0.115] * 20)[0]
    assert not medians_close([0.100] * 20, [0.130] * 20)[0], "30 % slower at 100 ms is a leak"
    assert medians_close([0.004] * 20, [0.0055] * 20)[0], "1.5 ms at 4 ms is noise"
    assert not medians_close([0.004] * 20, [0.0075] * 20)[0]


class SteppedClock:
    """The clock of support.flows, set by the test: ``sleep`` moves it on."""

    def __init__(self, at: float) -> None:
        self.at, self.slept = at, 0.0

    def time(self) -> float:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.at += seconds
        self.slept += seconds


@pytest.mark.parametrize(
    ("into_the_step", "offsets"),
    [(5.0, [-1, 0, 1]), (25.0, [0, 1])],
    ids=["early: the previous step too", "late: the previous step leaves the window too soon"],
)
def test_fresh_codes_take_the_window_step_by_step(monkeypatch, into_the_step, offsets):
    """Codes of successive steps, each inside the backends' window (one step either side, checked by
    pyotp as the reference verifier) for SAFETY_SECONDS after it was given; a wait only when the
    window has no unspent step left."""
    import pyotp

    from support import flows

    totp = pyotp.TOTP(pyotp.random_base32(32))
    start = 1_000_000 * totp.interval + into_the_step
    clock = SteppedClock(start)
    monkeypatch.setattr(flows, "time", clock)
    current = int(start // totp.interval)
    codes = [flows.fresh_code(totp) for _ in offsets]
    assert codes == [totp.generate_otp(current + offset) for offset in offsets]
    assert clock.slept == 0, "no wait while the window has an unspent step"
    for code in codes:
        assert totp.verify(code, for_time=start + flows.SAFETY_SECONDS - 0.01, valid_window=1)
    following = flows.fresh_code(totp)
    assert clock.slept > 0 and int(clock.at // totp.interval) == current + 1, "the next step was waited for"
    assert following == totp.generate_otp(current + 2), "later than every step spent, inside the window"
    assert totp.verify(following, for_time=clock.at, valid_window=1)
    other = pyotp.TOTP(pyotp.random_base32(32))
    assert flows.fresh_code(other, 1) == other.generate_otp(current + 2), "from one step ahead when asked"
