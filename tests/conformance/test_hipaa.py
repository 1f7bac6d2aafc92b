"""Mode 4: consent before any token, providers need MFA, append-only hash-chained audit,
idle logoff, break-glass access and audited record reads."""

import sqlite3
import time
from urllib.parse import unquote, urlsplit

import pytest

import policy
from support.assertions import problem
from support.authenticator import Authenticator
from support.cells import APP_URL
from support.client import Api
from support.flows import enable_mfa, fresh_code, login, record_consent, register_verified
from support.passkeys import add_passkey, passkey_login
from support.settings import ADMIN_EMAILS, SHARED_SERVER_ENV

pytestmark = pytest.mark.min_mode(4)


@pytest.mark.req("HIPAA 164.508", "contract: no token before consent")
def test_no_token_before_consent(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    first = api.login(account.email, account.password)
    body = problem(first, 403, "consent_required")
    assert body.get("consentToken") and "accessToken" not in body and "refreshToken" not in body
    assert not any("token=" in h and "csrf" not in h.lower() for h in first.headers.get_list("set-cookie"))
    problem(api.post("/auth/consent", {"version": "0-not-current", "consentToken": body["consentToken"]}), 400)
    record_consent(api, first)
    problem(api.post("/auth/consent", {"version": "1", "consentToken": body["consentToken"]}), (400, 401))
    grant = api.accept_grant(api.login(account.email, account.password))
    assert grant["user"]["consentVersion"] == "1" and grant["user"]["consentedAt"]


def make_provider(admin, api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    assert admin.patch(f"/admin/users/{api.user['id']}/role", {"role": "provider"}).status_code == 200
    return account


@pytest.mark.req("HIPAA 164.312(d)", "ASVS v5.0.0-6.3.3", "contract: provider without MFA")
def test_a_provider_without_mfa_is_refused_until_enrolled(admin, api, inbox, cell):
    account = make_provider(admin, api, inbox, cell)
    problem(api.get("/auth/sessions"), 403, "mfa_required")
    problem(api.get("/records/" + api.user["id"]), 403, "mfa_required")
    assert api.me().status_code == 200
    enable_mfa(api, account)
    login(api, account, cell.mode)
    assert api.get("/auth/sessions").status_code == 200
    refused = api.post("/auth/mfa/disable", {"code": fresh_code(account.totp), "password": account.password})
    problem(refused, 403, "forbidden")


@pytest.mark.req("HIPAA 164.312(d)", "NIST SP 800-63B-4 AAL2", "contract: a passkey login satisfies provider MFA")
def test_a_provider_signed_in_with_a_passkey_has_multi_factor(admin, api, inbox, cell, make_api):
    """A passkey with user verification is phishing-resistant multi-factor: its session passes the provider
    rule without a TOTP enrolment, through refreshes too; the provider's password sessions still do not."""
    make_provider(admin, api, inbox, cell)
    authenticator = Authenticator(APP_URL)
    add_passkey(api, authenticator)
    problem(api.get("/auth/sessions"), 403, "mfa_required")
    client = make_api()
    grant = client.accept_grant(passkey_login(client, authenticator))
    assert grant["user"]["role"] == "provider" and grant["user"]["mfaEnabled"] is False
    assert client.get("/auth/sessions").status_code == 200
    client.accept_grant(client.refresh())
    assert client.get("/auth/sessions").status_code == 200
    problem(api.get("/auth/sessions"), 403, "mfa_required")


@pytest.mark.req("HIPAA 164.312(b)", "ASVS v5.0.0-16.3.2")
def test_record_reads_are_audited(admin, api, inbox, cell, make_api):
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    patient_id = api.user["id"]
    record = api.get(f"/records/{patient_id}")
    assert record.status_code == 200, record.text
    assert record.json()["patientId"] == patient_id and "summary" in record.json()
    stranger = make_api()
    login(stranger, register_verified(stranger, inbox, cell.mode), cell.mode)
    problem(stranger.get(f"/records/{patient_id}"), 403, "forbidden")
    reads = admin.get("/auth/audit-log", params={"userId": patient_id, "event": "RECORD_READ"}).json()["items"]
    assert reads and patient_id in str(reads[0]["details"]) + str(reads[0]["userId"])


@pytest.mark.req("HIPAA 164.312(a)(2)(ii)", "contract: break-glass")
def test_break_glass_is_time_limited_and_audited(admin, api, inbox, cell, make_api):
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    patient_id = api.user["id"]
    doctor = make_api()
    login(doctor, register_verified(doctor, inbox, cell.mode), cell.mode)
    problem(doctor.get(f"/records/{patient_id}"), 403, "forbidden")
    for minutes in (0, policy.EMERGENCY_ACCESS_MAX_MINUTES + 1):
        bad = {"userId": doctor.user["id"], "reason": "ER", "minutes": minutes}
        problem(admin.post("/admin/emergency-access", bad), 400, "validation_error")
    problem(doctor.post("/admin/emergency-access", {"userId": doctor.user["id"], "reason": "me", "minutes": 5}), 403)
    request = {"userId": doctor.user["id"], "reason": "ER admission", "minutes": 1}
    granted = admin.post("/admin/emergency-access", request)
    assert granted.status_code == 201, granted.text
    grant = granted.json()
    assert grant["userId"] == doctor.user["id"] and grant["reason"] == "ER admission"
    assert doctor.get(f"/records/{patient_id}").status_code == 200
    events = [i["event"] for i in admin.get("/auth/audit-log", params={"pageSize": 100}).json()["items"]]
    assert {"EMERGENCY_ACCESS_GRANTED", "EMERGENCY_ACCESS_USED", "RECORD_READ"} <= set(events)


@pytest.mark.full
@pytest.mark.req("HIPAA 164.312(a)(2)(ii)")
def test_break_glass_expires(admin, api, inbox, cell, make_api):  # a minute of waiting: full matrix only
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    doctor = make_api()
    login(doctor, register_verified(doctor, inbox, cell.mode), cell.mode)
    grant = {"userId": doctor.user["id"], "reason": "night shift", "minutes": 1}
    assert admin.post("/admin/emergency-access", grant).status_code == 201
    assert doctor.get(f"/records/{api.user['id']}").status_code == 200
    time.sleep(62)
    problem(doctor.get(f"/records/{api.user['id']}"), 403, "forbidden")


# --- the audit table, straight through the database ---------------------------------------------


class Database:
    """A direct connection to the server's database, as an attacker with SQL access has."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            self.kind, self.conn = "sqlite", sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        elif url.startswith("mysql://"):
            import pymysql

            parts = urlsplit(url)
            self.kind = "mysql"
            self.conn = pymysql.connect(
                host=parts.hostname, port=parts.port, user=unquote(parts.username), password=unquote(parts.password),
                database=parts.path.lstrip("/"), autocommit=True,
                init_command="SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')",  # "name" quotes names
            )  # fmt: skip
        else:
            import psycopg

            self.kind, self.conn = "postgresql", psycopg.connect(url, autocommit=True)

    def rows(self, sql: str, *args) -> list[tuple]:
        if self.kind == "mysql":
            with self.conn.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), args)
                return list(cursor.fetchall()) if cursor.description else []
        cursor = self.conn.execute(sql.replace("?", "%s") if self.kind == "postgresql" else sql, args)
        return cursor.fetchall() if cursor.description else []

    def audit_table(self) -> str:
        if self.kind == "sqlite":
            names = [r[0] for r in self.rows("SELECT name FROM sqlite_master WHERE type = 'table'")]
        elif self.kind == "mysql":
            sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
            names = [r[0] for r in self.rows(sql)]
        else:
            names = [r[0] for r in self.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        candidates = [n for n in names if "audit" in n.lower() and self.count(n) > 0]
        assert candidates, f"no audit table with rows among {names}"
        return max(candidates, key=self.count)

    def count(self, table: str) -> int:
        return self.rows(f'SELECT COUNT(*) FROM "{table}"')[0][0]

    def columns(self, table: str) -> list[str]:
        if self.kind == "sqlite":
            return [r[1] for r in self.rows(f'PRAGMA table_info("{table}")')]
        sql = "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position"
        if self.kind == "mysql":
            sql = sql.replace("WHERE", "WHERE table_schema = DATABASE() AND")
        return [r[0] for r in self.rows(sql, table)]

    def drop_triggers(self, table: str) -> list[str]:
        if self.kind == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
            names = [r[0] for r in self.rows(sql, table)]
            for name in names:
                self.rows(f'DROP TRIGGER "{name}"')
        elif self.kind == "mysql":
            sql = (
                "SELECT trigger_name FROM information_schema.triggers"
                " WHERE trigger_schema = DATABASE() AND event_object_table = ?"
            )
            names = [r[0] for r in self.rows(sql, table)]
            for name in names:
                self.rows(f'DROP TRIGGER "{name}"')
        else:
            sql = "SELECT tgname FROM pg_trigger WHERE tgrelid = ?::regclass AND NOT tgisinternal"
            names = [r[0] for r in self.rows(sql, table)]
            for name in names:
                self.rows(f'DROP TRIGGER "{name}" ON "{table}"')
        return names

    def close(self) -> None:
        self.conn.close()


def refused(db: Database, sql: str) -> bool:
    try:
        db.rows(sql)
    except Exception:  # the trigger's error, whatever the driver calls it
        return True
    return False


@pytest.fixture(scope="module")
def tamper_server(backend):
    """A server of its own: the test edits its audit rows, and its idle timeout is short."""
    return backend.launch({**SHARED_SERVER_ENV, "SESSION_IDLE_TIMEOUT_SECONDS": 3})


@pytest.fixture
def tamper_admin(tamper_server, cell, smtp_sink):
    client = Api(tamper_server, cell.transport)
    email = ADMIN_EMAILS[1]
    if not getattr(tamper_server, "admin_registered", False):
        register_verified(client, smtp_sink.inbox, cell.mode, email=email, password="tamper admin pass phrase")
        tamper_server.admin_registered = True
    from support.flows import Account

    login(client, Account(email, "tamper admin pass phrase"), cell.mode)
    yield client
    client.close()


@pytest.mark.req("HIPAA 164.312(b)", "ASVS v5.0.0-16.4.2", "contract: audit rows refuse UPDATE and DELETE")
def test_audit_rows_are_append_only_and_hash_chained(tamper_server, tamper_admin):
    verified = tamper_admin.get("/auth/audit-log/verify")
    assert verified.status_code == 200, verified.text
    assert verified.json()["valid"] is True and verified.json()["checked"] >= 2
    db = Database(tamper_server.env["DATABASE_URL"])
    try:
        table = db.audit_table()
        before = db.count(table)
        columns = db.columns(table)
        assert any("hash" in c.lower() for c in columns), columns
        text_column = next(c for c in columns if c.lower() in ("event", "details", "user_agent", "ip"))
        assert refused(db, f'UPDATE "{table}" SET "{text_column}" = "{text_column}"')
        assert refused(db, f'DELETE FROM "{table}"')
        assert db.count(table) == before
        # An attacker who can drop the trigger can edit a row; the chain then shows it.
        assert db.drop_triggers(table), "the append-only rule is a trigger"
        id_column = "id" if "id" in columns else columns[0]
        victim = db.rows(f'SELECT "{id_column}" FROM "{table}" ORDER BY "{id_column}"')[1][0]
        edited = "'LOGIN_FAILED'" if text_column == "event" else "'{}'" if text_column == "details" else "'10.9.9.9'"
        db.rows(f'UPDATE "{table}" SET "{text_column}" = {edited} WHERE "{id_column}" = ?', victim)
    finally:
        db.close()
    report = tamper_admin.get("/auth/audit-log/verify").json()
    assert report["valid"] is False
    assert str(report["firstBrokenId"]) == str(victim)


@pytest.mark.req("HIPAA 164.312(a)(2)(iii)", "ASVS v5.0.0-7.3.1")
def test_idle_logoff(tamper_server, cell, inbox):
    busy, idle = Api(tamper_server, cell.transport), Api(tamper_server, cell.transport)
    login(busy, register_verified(busy, inbox, cell.mode), cell.mode)
    login(idle, register_verified(idle, inbox, cell.mode), cell.mode)
    for _ in range(5):
        time.sleep(1)
        assert busy.me().status_code == 200, "activity keeps the session alive"
    problem(idle.me(), 401)
    problem(idle.refresh(), 401)
    busy.accept_grant(busy.refresh())
    busy.close()
    idle.close()
