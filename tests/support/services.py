"""Throwaway PostgreSQL and Redis from Debian's binaries, on free loopback ports in temp dirs."""

from __future__ import annotations

import os
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
        import psycopg

        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = self.dir / "data"
        subprocess.run(
            _as_postgres(
                [str(PGBIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self._log = open(self.dir / "log", "w")  # noqa: SIM115 (closed in stop)
        self._process = subprocess.Popen(
            [str(PGBIN / "postgres"), "-D", str(data), "-p", str(self.port), "-k", str(self.dir),
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
            self._process.send_signal(signal.SIGINT)  # fast shutdown
            self._process.wait(timeout=30)
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

    def start(self) -> Redis:
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

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
