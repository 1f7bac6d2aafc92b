"""The peers, each set up in bench/peers/<folder>/ as a user of that library would (see peers.md there).

Python peers install into a virtualenv per hash of their requirements.txt, the Node peer into
node_modules per hash of its package-lock.json, both under ~/.cache/universal-auth/bench/. Each runs
on SQLite for the timed rounds, or on a database of a PostgreSQL cluster when one is given (the
statement counts). A backend's manifest names its peer by folder (``bench_peer``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from support.ports import free_port
from support.services import Postgres

from . import CACHE
from .hashing import HashRunner
from .processes import Service
from .subjects import PASSWORD, Request, Subject
from .versions import package_name

PEERS = Path(__file__).resolve().parents[1] / "peers"
EMAIL = "bench@example.com"


def _digest(path: Path) -> str:
    return hashlib.sha256(f"{sys.version_info[:2]}".encode() + path.read_bytes()).hexdigest()[:16]


def _locked_install(target: Path, build) -> Path:
    """Runs ``build(target)`` once per cache key; parallel runs wait for the first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / ".complete").exists():
            shutil.rmtree(target, ignore_errors=True)
            build(target)
            (target / ".complete").touch()
    return target


def python_venv(requirements: Path, name: str) -> Path:
    def build(venv: Path) -> None:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", "-r",
                        str(requirements)], check=True)  # fmt: skip

    return _locked_install(CACHE / "venvs" / f"{name}-{_digest(requirements)}", build)


def node_install(folder: Path, name: str) -> Path:
    def build(target: Path) -> None:
        target.mkdir(parents=True)
        for manifest in ("package.json", "package-lock.json"):
            shutil.copyfile(folder / manifest, target / manifest)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=target, check=True)

    return _locked_install(CACHE / "node" / f"{name}-{_digest(folder / 'package-lock.json')}", build)


def requirement_names(requirements: Path) -> list[str]:
    lines = requirements.read_text().splitlines()
    return [package_name(line) for line in lines if line and not line.startswith("#")]


class Peer(Subject):
    ours = False
    folder: Path

    def __init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix=f"ua-bench-{self.name}-"))
        self.secret = secrets.token_hex(32)
        self._servers = 0

    def serve(self, command: list[str], cwd: Path, env: dict[str, str], port: int) -> Service:
        self._servers += 1
        log = self.workdir / f"server{self._servers}.log"
        return Service(command, cwd, env, port, log).start()

    def log_in(self, service: Service) -> httpx.Response:
        """The bench account's login, whose answer carries the credential the *me* load sends."""
        login = self.login_request()
        response = httpx.post(service.base_url + login.path, content=login.body,
                              headers={"Content-Type": login.content_type})  # fmt: skip
        return response.raise_for_status()

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


class PythonPeer(Peer):
    language = "python"

    def database_url(self, postgres: Postgres | None) -> str:
        """A fresh database: a SQLite file in the workdir, or a new database of ``postgres``."""
        if postgres is None:
            return self.sqlite_url(self.workdir / "db.sqlite3")
        url = postgres.database(self.folder.name)
        self.database_name = url.rsplit("/", 1)[1]
        return self.postgres_url(url)

    def sqlite_url(self, path: Path) -> str:
        return f"sqlite:///{path}"

    def postgres_url(self, url: str) -> str:
        return url

    def prepare_venv(self) -> None:
        self.requirements = self.folder / "requirements.txt"
        self.venv = python_venv(self.requirements, self.name)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
        env["PATH"] = f"{self.venv / 'bin'}:{env.get('PATH', '')}"
        return {**env, "PEER_SECRET": self.secret, "PYTHONDONTWRITEBYTECODE": "1", **extra}

    def hash_runner(self) -> HashRunner:
        return HashRunner("python", self.workdir, self.env())

    def versions(self) -> dict[str, str]:
        return self.hash_runner().versions(requirement_names(self.requirements))


class FastapiUsers(PythonPeer):
    name = "fastapi-users"
    label = "fastapi-users"
    processes = "uvicorn --workers 2"
    me_path = "/users/me"
    folder = PEERS / "fastapi_users"

    def sqlite_url(self, path: Path) -> str:
        return f"sqlite+aiosqlite:///{path}"

    def postgres_url(self, url: str) -> str:
        return url.replace("postgresql://", "postgresql+asyncpg://", 1)

    def prepare(self, postgres: Postgres | None = None) -> None:
        self.prepare_venv()
        self.database = self.database_url(postgres)
        subprocess.run([str(self.venv / "bin" / "python"), "create_db.py"], cwd=self.folder,
                       env=self.env(DATABASE_URL=self.database), check=True)  # fmt: skip
        service = self.start()
        try:
            response = httpx.post(f"{service.base_url}/auth/register", json={"email": EMAIL, "password": PASSWORD})
            response.raise_for_status()
        finally:
            service.stop()

    def start(self) -> Service:
        port = free_port()
        command = ["uvicorn", "app:app", "--host", "127.0.0.1", "--port", str(port), "--workers", "2",
                   "--no-access-log", "--log-level", "warning"]  # fmt: skip
        return self.serve(command, self.folder, self.env(DATABASE_URL=self.database), port)

    def login_request(self) -> Request:
        return Request("/auth/jwt/login", str(httpx.QueryParams(username=EMAIL, password=PASSWORD)),
                       "application/x-www-form-urlencoded")  # fmt: skip

    def me_headers(self, service: Service) -> dict[str, str]:
        response = self.log_in(service)
        return {"Authorization": f"Bearer {response.json()['access_token']}"}


class Allauth(PythonPeer):
    name = "allauth"
    label = "django-allauth headless"
    processes = "gunicorn -w 2 (sync)"
    me_path = "/_allauth/app/v1/auth/session"
    folder = PEERS / "allauth"

    def prepare(self, postgres: Postgres | None = None) -> None:
        self.prepare_venv()
        self.database = self.database_url(postgres)
        subprocess.run([str(self.venv / "bin" / "python"), "manage.py", "migrate", "--verbosity", "0"],
                       cwd=self.folder, env=self.env(DATABASE_URL=self.database), check=True)  # fmt: skip
        service = self.start()
        try:
            response = httpx.post(f"{service.base_url}/_allauth/app/v1/auth/signup",
                                  json={"email": EMAIL, "password": PASSWORD})  # fmt: skip
            response.raise_for_status()
        finally:
            service.stop()

    def start(self) -> Service:
        port = free_port()
        command = ["gunicorn", "authpeer.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"]
        return self.serve(command, self.folder, self.env(DATABASE_URL=self.database), port)

    def login_request(self) -> Request:
        return Request.json("/_allauth/app/v1/auth/login", {"email": EMAIL, "password": PASSWORD})

    def me_headers(self, service: Service) -> dict[str, str]:
        response = self.log_in(service)
        return {"X-Session-Token": response.json()["meta"]["session_token"]}


class BetterAuth(Peer):
    name = "better-auth"
    label = "Better Auth"
    language = "node"
    processes = "node, 1 process"  # Better Auth mounted with toNodeHandler in an Express 5 app (server.mjs)
    me_path = "/api/auth/get-session"
    folder = PEERS / "better_auth"
    SOURCES = ("auth.mjs", "server.mjs", "migrate.mjs")

    def prepare(self, postgres: Postgres | None = None) -> None:
        self.install = node_install(self.folder, self.name)
        for source in self.SOURCES:  # beside node_modules, so the imports resolve
            shutil.copyfile(self.folder / source, self.install / source)
        if postgres is None:
            self.database = str(self.workdir / "db.sqlite3")
        else:
            self.database = postgres.database(self.folder.name)
            self.database_name = self.database.rsplit("/", 1)[1]
        subprocess.run(["node", "migrate.mjs"], cwd=self.install, env=self.env(free_port()), check=True)
        service = self.start()
        try:
            response = httpx.post(f"{service.base_url}/api/auth/sign-up/email",
                                  json={"email": EMAIL, "password": PASSWORD, "name": "bench"})  # fmt: skip
            response.raise_for_status()
        finally:
            service.stop()

    def env(self, port: int) -> dict[str, str]:
        return {**os.environ, "NODE_ENV": "production", "PORT": str(port), "HOST": "127.0.0.1",
                "DATABASE_URL": self.database, "BETTER_AUTH_SECRET": self.secret}  # fmt: skip

    def start(self) -> Service:
        port = free_port()
        return self.serve(["node", "server.mjs"], self.install, self.env(port), port)

    def login_request(self) -> Request:
        return Request.json("/api/auth/sign-in/email", {"email": EMAIL, "password": PASSWORD})

    def me_headers(self, service: Service) -> dict[str, str]:
        response = self.log_in(service)
        return {"Cookie": f"better-auth.session_token={response.cookies['better-auth.session_token']}"}

    def anonymous_me_refused(self, status: int, body: str) -> bool:
        return status == 200 and body.strip() == "null"  # get-session answers null without a session

    def hash_runner(self) -> HashRunner:
        return HashRunner("node", self.install, dict(os.environ))

    def versions(self) -> dict[str, str]:
        dependencies = json.loads((self.folder / "package.json").read_text())["dependencies"]
        return self.hash_runner().versions(sorted(dependencies))


PEER_CLASSES: tuple[type[Peer], ...] = (FastapiUsers, Allauth, BetterAuth)


def peer_class(folder: str, what: str) -> type[Peer]:
    """The peer set up in bench/peers/<folder>/, as a manifest's ``bench_peer`` names it."""
    for peer in PEER_CLASSES:
        if peer.folder.name == folder:
            return peer
    known = ", ".join(peer.folder.name for peer in PEER_CLASSES)
    raise RuntimeError(f"{what}: bench_peer {folder!r} is no peer of bench/lib/peers.py (known: {known})")


def all_peers() -> list[Peer]:
    return [peer() for peer in PEER_CLASSES]
