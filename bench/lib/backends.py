"""Our backends as the conformance suite renders, installs, migrates and serves them (tests/support)."""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from manifests import Stack, load_stacks
from support.cells import Cell
from support.client import Api
from support.flows import Account, login, register_verified
from support.mail import SmtpSink
from support.ports import free_port
from support.project import RenderedBackend

from . import CACHE
from .hashing import HashRunner
from .processes import Service, output_to
from .subjects import PASSWORD, Request, Subject

# The bench logs in thousands of times from 127.0.0.1: only the rate limits are raised, nothing else.
RATE_LIMITS = {
    f"RATE_LIMIT_{action}_{scope}": "100000000" for action in ("LOGIN", "REGISTER") for scope in ("PER_EMAIL", "PER_IP")
}
RUNTIMES = {"python": "python", "typescript": "node", "javascript": "node"}
PYTHON_PACKAGES = ("Django", "djangorestframework", "argon2-cffi", "PyJWT", "gunicorn")
NODE_PACKAGES = ("express", "argon2", "jose", "kysely", "better-sqlite3", "typescript")


def built_backends() -> list[Stack]:
    return [stack for stack in load_stacks().values() if stack.kind == "backend" and stack.built]


class Backend(Subject):
    ours = True
    me_path = "/auth/me"
    refresh_path = "/auth/refresh"

    def __init__(self, stack: Stack, mode: int, sink: SmtpSink, refresh_users: int) -> None:
        self.stack = stack
        self.name = stack.name
        self.label = f"{stack.label} (ours)"
        self.language = RUNTIMES.get(stack.language, stack.language)
        self.framework = stack.name
        self.processes = stack.commands.serve.replace("$HOST:$PORT", "…").replace(" --bind …", "")
        self.mode = mode
        self.sink = sink
        self.cell = Cell(stack.name, mode, "bearer", "sqlite")
        self.project: RenderedBackend | None = None
        self.env: dict[str, str] = {}
        self.accounts: dict[str, Account] = {}
        self.refresh_users = refresh_users
        self._servers = 0

    def prepare(self) -> None:
        with output_to(CACHE / "render.log"):  # copier's post-copy summary, once per render
            self.project = RenderedBackend(self.cell, smtp=(self.sink.host, self.sink.port))
        overrides = dict(RATE_LIMITS)
        if self.language == "node":
            overrides["NODE_ENV"] = "production"
        self.env = self.project.environment(self.project.new_database(), overrides)
        self.project.migrate(self.env)
        service = self.start()
        try:
            names = ["me", "login", *(f"refresh{i}" for i in range(self.refresh_users))]
            with ThreadPoolExecutor(4) as pool:
                accounts = pool.map(lambda name: self._register(service, name), names)
                self.accounts = dict(zip(names, accounts, strict=True))
        finally:
            service.stop()

    def _register(self, service: Service, name: str) -> Account:
        api = Api(service, "bearer")
        try:
            return register_verified(api, self.sink.inbox, self.mode, f"{name}@bench.test", PASSWORD)
        finally:
            api.close()

    def start(self) -> Service:
        self._servers += 1
        env = {**self.env, "PORT": str(free_port())}
        log = self.project.workdir / f"server{self._servers}.log"
        command = ["bash", "-c", f"exec {self.stack.commands.serve}"]
        return Service(command, self.project.folder, env, int(env["PORT"]), log).start()

    def _grant(self, service: Service, account: str) -> Api:
        api = Api(service, "bearer")
        login(api, self.accounts[account], self.mode)
        return api

    def me_headers(self, service: Service) -> dict[str, str]:
        api = self._grant(service, "me")
        api.close()
        return {"Authorization": f"Bearer {api.access_token}"}

    def refresh_tokens(self, service: Service, count: int) -> list[str]:
        def token(index: int) -> str:
            api = self._grant(service, f"refresh{index}")
            api.close()
            return api.refresh_token

        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(token, range(count)))

    def login_request(self) -> Request:
        return Request.json("/auth/login", {"email": self.accounts["login"].email, "password": PASSWORD})

    def hash_runner(self) -> HashRunner:
        if self.language == "python":
            return HashRunner("python", Path(self.project.installed.path_prefix[0]) / "python")
        return HashRunner("node", self.project.folder)

    def versions(self) -> dict[str, str]:
        if self.language == "python":
            python = Path(self.project.installed.path_prefix[0]) / "python"
            return installed_versions(python, PYTHON_PACKAGES)
        return node_versions(self.project.folder, NODE_PACKAGES)

    def close(self) -> None:
        if self.project is not None:
            self.project.close()


def installed_versions(python: Path, packages: tuple[str, ...]) -> dict[str, str]:
    """Versions of ``packages`` as the interpreter ``python`` sees them."""
    script = "import sys, json, importlib.metadata as m; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    found = subprocess.run([str(python), "-c", script, *packages], capture_output=True, text=True)
    return json.loads(found.stdout) if found.returncode == 0 else {}


def node_versions(folder: Path, packages: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for package in packages:
        manifest = folder / "node_modules" / package / "package.json"
        if manifest.exists():
            found[package] = json.loads(manifest.read_text())["version"]
    return found
