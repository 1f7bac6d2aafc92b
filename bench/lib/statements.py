"""Database statements per request, ours and the peers', counted from PostgreSQL's own statement log.

Every subject runs alone on a database of its own in one throwaway PostgreSQL cluster whose
``log_statement = 'all'`` logs each statement a client sends, with the database and the session in
each line's prefix. Per endpoint: warm-up requests (pools filled, first-use queries done), then the
log's end is marked, N requests are sent one at a time, and the lines of the subject's database after
the mark are counted. A connection opened inside the window starts with the statements its driver
sends to set the session up (SET, SHOW, set_config, version()); those are counted apart. The figure is
(statements - connection set-up) / N, which does not drift with the machine's speed.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg

from support.services import Postgres

from .processes import Service
from .subjects import Subject

ENDPOINTS = ("me", "refresh", "login")
# The prefix every line of the cluster's log carries: time, pid, database and session id.
LINE_PREFIX = "%m [%p] db=%d session=%c: "
LOG_SETTINGS = {"log_statement": "all", "log_connections": "on", "log_line_prefix": LINE_PREFIX}
LINE = re.compile(r"^.+? \[\d+\] db=(?P<database>\S*) session=(?P<session>\S+): (?P<level>[A-Z]+):  (?P<message>.*)$")
# "statement: <sql>" for the simple protocol, "execute <name>: <sql>" for the extended one.
STATEMENT = re.compile(r"^(?:statement|execute [^:]*): (?P<sql>.*)$")
SETUP = re.compile(r"^\s*(SET|SHOW|RESET)\b|\bset_config\s*\(|\bversion\s*\(\s*\)", re.IGNORECASE)
NO_REFRESH = "no refresh endpoint as configured"


@dataclass(frozen=True)
class Entry:
    session: str
    kind: str  # "connection" or "statement"
    sql: str = ""


def start_logging_postgres() -> Postgres:
    """A throwaway cluster (tests/support) that logs every statement to its log file."""
    postgres = Postgres().start()
    try:
        with psycopg.connect(postgres.admin_url, autocommit=True) as connection:
            for name, value in LOG_SETTINGS.items():
                connection.execute(f"ALTER SYSTEM SET {name} = '{value}'")
            connection.execute("SELECT pg_reload_conf()")
        deadline = time.monotonic() + 10
        while _setting(postgres, "log_statement") != "all":  # the reload reaches new sessions shortly after
            if time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL did not take log_statement = 'all'")
            time.sleep(0.05)
        return postgres
    except BaseException:
        postgres.stop()
        raise


def _setting(postgres: Postgres, name: str) -> str:
    with psycopg.connect(postgres.admin_url) as connection:
        return connection.execute(f"SHOW {name}").fetchone()[0]


def server_version(postgres: Postgres) -> str:
    return _setting(postgres, "server_version")


def log_path(postgres: Postgres) -> Path:
    return postgres.dir / "log"


def entries(log: Path, start: int, database: str) -> list[Entry]:
    """The connections and statements of ``database`` logged after byte ``start`` of ``log``."""
    with open(log, "rb") as file:
        file.seek(start)
        text = file.read().decode(errors="replace")
    found = []
    for line in text.splitlines():
        match = LINE.match(line)
        if not match or match["database"] != database or match["level"] != "LOG":
            continue  # another database, a continuation line of a long statement, or a DETAIL line
        message = match["message"]
        if message.startswith("connection authorized"):
            found.append(Entry(match["session"], "connection"))
        elif statement := STATEMENT.match(message):
            found.append(Entry(match["session"], "statement", statement["sql"]))
    return found


def tally(found: list[Entry], requests: int) -> dict:
    """Statements per request, with the set-up statements of connections opened in the window apart."""
    opened = {entry.session for entry in found if entry.kind == "connection"}
    setting_up = set(opened)  # sessions still in their leading run of set-up statements
    setup, kinds = 0, Counter()
    for entry in found:
        if entry.kind != "statement":
            continue
        if entry.session in setting_up and SETUP.search(entry.sql):
            setup += 1
            continue
        setting_up.discard(entry.session)
        kinds[entry.sql.split(None, 1)[0].rstrip(";").upper() if entry.sql.strip() else "?"] += 1
    total = sum(kinds.values())
    return {
        "requests": requests,
        "statements": total,
        "per_request": round(total / requests, 2),
        "by_kind": dict(kinds.most_common()),
        "connections_opened": len(opened),
        "setup_statements": setup,
    }


def _settled(log: Path) -> None:
    """Waits until the log stops growing: work a server does just after answering is counted too."""
    size, quiet_since = log.stat().st_size, time.monotonic()
    deadline = quiet_since + 5
    while time.monotonic() - quiet_since < 0.5 and time.monotonic() < deadline:
        time.sleep(0.1)
        if (now := log.stat().st_size) != size:
            size, quiet_since = now, time.monotonic()


class Counting:
    """Sends an endpoint's requests and counts the statements they cause in ``subject``'s database."""

    def __init__(self, subject: Subject, service: Service, log: Path, requests: int, warmup: int) -> None:
        self.subject, self.service, self.log = subject, service, log
        self.requests, self.warmup = requests, warmup
        self.client = httpx.Client(base_url=service.base_url, timeout=30)

    def close(self) -> None:
        self.client.close()

    def count(self, send) -> dict:
        """``send()`` makes one request and checks its answer; warm-ups first, then the counted ones."""
        for _ in range(self.warmup):
            send()
        _settled(self.log)
        start = self.log.stat().st_size
        for _ in range(self.requests):
            send()
        _settled(self.log)
        return tally(entries(self.log, start, self.subject.database_name), self.requests)

    def _send(self, method: str, path: str, **options) -> httpx.Response:
        """One request carrying only the credential given, as wrk sends them: no cookie a previous answer
        set (Better Auth refuses a cookie-carrying POST without an Origin)."""
        self.client.cookies.clear()
        response = self.client.request(method, path, **options)
        if response.status_code != 200:
            raise RuntimeError(f"{self.subject.name}: {path} answered {response.status_code}: {response.text[:200]}")
        return response

    def me(self) -> dict:
        headers = self.subject.me_headers(self.service)
        path = self.subject.me_path
        return {"path": path, **self.count(lambda: self._send("GET", path, headers=headers))}

    def refresh(self) -> dict:
        """Each refresh sends the token the previous one rotated to, as a client does (refresh.lua's body)."""
        path = self.subject.refresh_path
        token = [self.subject.refresh_tokens(self.service, 1)[0]]

        def send() -> None:
            response = self._send("POST", path, json={"refreshToken": token[0]})
            token[0] = response.json()["refreshToken"]

        return {"path": path, **self.count(send)}

    def login(self) -> dict:
        login = self.subject.login_request()
        headers = {"Content-Type": login.content_type}

        def send() -> None:
            self._send("POST", login.path, content=login.body, headers=headers)

        return {"path": login.path, **self.count(send)}


def measure_subject(subject: Subject, postgres: Postgres, requests: int, warmup: int) -> dict:
    """Prepares ``subject`` on a new database of ``postgres`` and counts each endpoint's statements."""
    subject.prepare(postgres)
    service = subject.start()
    counting = Counting(subject, service, log_path(postgres), requests, warmup)
    try:
        return {
            "label": subject.label,
            "ours": subject.ours,
            "database": subject.database_name,
            "me": counting.me(),
            "refresh": counting.refresh() if subject.refresh_path else {"na": NO_REFRESH},
            "login": counting.login(),
        }
    finally:
        counting.close()
        service.stop()
