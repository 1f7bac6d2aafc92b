"""Throwaway PostgreSQL, MariaDB and Redis from Debian's binaries, on free loopback ports in temp dirs."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from .ports import free_port

PGBIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Postgres:
    """A PostgreSQL cluster; ``database()`` creates one empty database per caller."""

    def __init__(self) -> None:
        if not (PGBIN / "postgres").exists():
            raise RuntimeError(f"PostgreSQL 15 is not installed at {PGBIN}: apt-get install -y postgresql")
        # not pytest's tmp_path: its parent is mode 700, which the postgres user cannot enter
        self.dir = Path(tempfile.mkdtemp(prefix="ua-pg-"))
        self.port = free_port()
        self._process: subprocess.Popen | None = None
        self._count = 0

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def start(self) -> Postgres:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [str(PGBIN / "initdb"), "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                 "--no-sync"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self._log = open(self.dir / "log", "a")  # noqa: SIM115 (closed in stop)
        return self.resume()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def resume(self) -> Postgres:
        """Starts the postmaster on the cluster's data and port; returns once it accepts connections."""
        import psycopg

        self._process = subprocess.Popen(
            [str(PGBIN / "postgres"), "-D", str(self.dir / "data"), "-p", str(self.port), "-k", str(self.dir),
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
             "-c", "full_page_writes=off", "-c", "max_connections=200"],
            user="postgres" if os.geteuid() == 0 else None,  # the pid is the postmaster's, not runuser's
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(self.admin_url, connect_timeout=2).close()
                return self
            except psycopg.OperationalError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("postgres did not start:\n" + (self.dir / "log").read_text()) from None
                time.sleep(0.05)

    def halt(self) -> None:
        """Stops the postmaster the way an operator's restart does (fast shutdown: clients are
        disconnected with "terminating connection due to administrator command"); the data stays."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)
            self._process.wait(timeout=30)

    def database(self, prefix: str = "app") -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        self._count += 1
        name = f"{prefix}_{self._count}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:  # CREATE DATABASE needs autocommit
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self._process is not None:
            self.halt()
            self._log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class MariaDB:
    """A MariaDB server; ``database()`` creates one empty utf8mb4 database and its own password user."""

    def __init__(self) -> None:
        self.server = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
        if not Path(self.server).exists() or shutil.which("mariadb-install-db") is None:
            raise RuntimeError("MariaDB is not installed: apt-get install -y mariadb-server libmariadb-dev")
        self.dir = Path(tempfile.mkdtemp(prefix="ua-mariadb-"))  # mode 700 parents are fine: mysql owns it
        self.socket = self.dir / "mariadb.sock"
        self.port = free_port()
        self._process: subprocess.Popen | None = None
        self._count = 0

    def _user_args(self) -> list[str]:
        # mariadbd refuses to run as root unless told which user to become
        return ["--user=mysql"] if os.geteuid() == 0 else []

    def admin(self, sql: str) -> str:
        """Runs ``sql`` as root over the unix socket (root has no network password)."""
        result = subprocess.run(
            ["mariadb", "--no-defaults", f"--socket={self.socket}", "--user=root", "--batch", "--skip-column-names",
             "--execute", sql],
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"mariadb failed: {result.stderr.strip()}")
        return result.stdout

    def start(self) -> MariaDB:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "mysql", "mysql")
        data = self.dir / "data"
        subprocess.run(
            ["mariadb-install-db", "--no-defaults", f"--datadir={data}", "--auth-root-authentication-method=normal",
             "--skip-test-db", "--skip-name-resolve", *self._user_args()],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self._log = open(self.dir / "log", "w")  # noqa: SIM115 (closed in stop)
        self._process = subprocess.Popen(
            [self.server, "--no-defaults", f"--datadir={data}", f"--socket={self.socket}",
             f"--pid-file={self.dir / 'mariadb.pid'}", f"--port={self.port}", "--bind-address=127.0.0.1",
             "--skip-name-resolve", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
             "--innodb-flush-log-at-trx-commit=0", "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M",
             "--max-connections=300", f"--log-error={self.dir / 'log'}", *self._user_args()],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            ping = subprocess.run(
                ["mariadb-admin", "--no-defaults", f"--socket={self.socket}", "--user=root", "ping"],
                capture_output=True,
            )
            if ping.returncode == 0:
                return self
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mariadbd did not start:\n" + (self.dir / "log").read_text()) from None
            time.sleep(0.1)

    def database(self, prefix: str = "app") -> str:
        """A fresh empty database, reached by a user of its own that has rights on it alone; returns its URL."""
        self._count += 1
        name = f"{prefix}_{self._count}"
        password = secrets.token_hex(16)
        self.admin(
            f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; "
            f"CREATE USER '{name}'@'127.0.0.1' IDENTIFIED BY '{password}'; "
            f"GRANT ALL PRIVILEGES ON `{name}`.* TO '{name}'@'127.0.0.1';"
        )
        return f"mysql://{name}:{password}@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()  # SIGTERM: a clean shutdown
            self._process.wait(timeout=60)
            self._log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class Redis:
    """A redis-server with nothing on disk; ``url(db)`` picks one of its databases."""

    def __init__(self) -> None:
        self.executable = shutil.which("redis-server")
        if self.executable is None:
            raise RuntimeError("redis-server is not installed: apt-get install -y redis-server")
        self.port = free_port()
        self._process: subprocess.Popen | None = None
        self._next_db = 0

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> Redis:
        """Starts the server (again, on the same port, empty, after ``halt``)."""
        import redis

        self._process = subprocess.Popen(
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--databases", "256"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        client = redis.Redis(host="127.0.0.1", port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                client.close()
                return self
            except redis.ConnectionError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.02)

    def url(self, db: int | None = None) -> str:
        """A database of its own for each caller unless ``db`` is given (two instances share one)."""
        if db is None:
            db = self._next_db
            self._next_db += 1
        return f"redis://127.0.0.1:{self.port}/{db}"

    def halt(self) -> None:
        """Stops the server; clients see their connections closed and new ones refused."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=10)

    def stop(self) -> None:
        self.halt()
