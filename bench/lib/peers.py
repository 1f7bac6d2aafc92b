"""The peers, each set up in bench/peers/<name>/ as a user of that library would (see peers.md there).

Python peers install into a virtualenv per hash of their requirements.txt, the Node peer into
node_modules per hash of its package-lock.json, both under ~/.cache/universal-auth/bench/.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from support.ports import free_port

from . import CACHE
from .backends import installed_versions, node_versions
from .hashing import HashRunner
from .processes import Service
from .subjects import PASSWORD, Request, Subject

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


def pip_versions(venv: Path, requirements: Path) -> dict[str, str]:
    names = [line.split("==")[0].split("[")[0] for line in requirements.read_text().splitlines()
             if line and not line.startswith("#")]  # fmt: skip
    return installed_versions(venv / "bin" / "python", tuple(names))


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

    def prepare_venv(self) -> None:
        self.requirements = self.folder / "requirements.txt"
        self.venv = python_venv(self.requirements, self.name)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
        env["PATH"] = f"{self.venv / 'bin'}:{env.get('PATH', '')}"
        return {**env, "PEER_SECRET": self.secret, "PYTHONDONTWRITEBYTECODE": "1", **extra}

    def hash_runner(self) -> HashRunner:
        return HashRunner("python", self.venv / "bin" / "python")

    def versions(self) -> dict[str, str]:
        return pip_versions(self.venv, self.requirements)


class FastapiUsers(PythonPeer):
    name = "fastapi-users"
    label = "fastapi-users"
    processes = "uvicorn --workers 2"
    framework = "fastapi"
    me_path = "/users/me"
    folder = PEERS / "fastapi_users"

    def prepare(self) -> None:
        self.prepare_venv()
        self.database = f"sqlite+aiosqlite:///{self.workdir / 'db.sqlite3'}"
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
    framework = "django"
    me_path = "/_allauth/app/v1/auth/session"
    folder = PEERS / "allauth"

    def prepare(self) -> None:
        self.prepare_venv()
        self.database = str(self.workdir / "db.sqlite3")
        subprocess.run([str(self.venv / "bin" / "python"), "manage.py", "migrate", "--verbosity", "0"],
                       cwd=self.folder, env=self.env(DATABASE_PATH=self.database), check=True)  # fmt: skip
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
        return self.serve(command, self.folder, self.env(DATABASE_PATH=self.database), port)

    def login_request(self) -> Request:
        return Request.json("/_allauth/app/v1/auth/login", {"email": EMAIL, "password": PASSWORD})

    def me_headers(self, service: Service) -> dict[str, str]:
        response = self.log_in(service)
        return {"X-Session-Token": response.json()["meta"]["session_token"]}


class BetterAuth(Peer):
    name = "better-auth"
    label = "Better Auth"
    language = "node"
    processes = "node, 1 process"
    framework = "express"  # mounted with toNodeHandler in an Express 5 app (peers/better_auth/server.mjs)
    me_path = "/api/auth/get-session"
    folder = PEERS / "better_auth"
    SOURCES = ("auth.mjs", "server.mjs", "migrate.mjs")

    def prepare(self) -> None:
        self.install = node_install(self.folder, self.name)
        for source in self.SOURCES:  # beside node_modules, so the imports resolve
            shutil.copyfile(self.folder / source, self.install / source)
        self.database = str(self.workdir / "db.sqlite3")
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
                "DATABASE_PATH": self.database, "BETTER_AUTH_SECRET": self.secret}  # fmt: skip

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
        return HashRunner("node", self.install)

    def versions(self) -> dict[str, str]:
        return node_versions(self.install, ("better-auth", "better-sqlite3", "express", "argon2"))


def all_peers() -> list[Peer]:
    return [FastapiUsers(), Allauth(), BetterAuth()]
