"""A rendered backend: Copier render, cached install, migrations and server processes.

The manifest's ``runtime`` chooses the cache and its ``install_cache`` files key it: a python
stack installs into a virtualenv under ~/.cache/universal-auth/venvs/, a node stack reuses
node_modules under ~/.cache/universal-auth/node_modules/, a go stack downloads its modules once
into the module cache under ~/.cache/universal-auth/go/. Each launched server gets a database of its own.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import copier

from .cells import APP_URL, ROOT, Cell
from .ports import free_port
from .service import Service, shell

if str(ROOT / "extensions") not in sys.path:
    sys.path.insert(0, str(ROOT / "extensions"))
from manifests import Stack, load_stacks

CACHE = Path(os.environ.get("UNIVERSAL_AUTH_CACHE", Path.home() / ".cache" / "universal-auth"))
EMAIL_FROM = "no-reply@conformance.test"


def render(cell: Cell, dst: Path) -> Path:
    """Render ``cell`` into ``dst`` through the Copier API; returns the backend folder."""
    copier.run_copy(str(ROOT), dst, data=cell.answers(), defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
    return dst / "backend"


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name.strip()] = _env_value(value.strip())
    return values


def _env_value(raw: str) -> str:
    if raw[:1] in ("'", '"'):
        return raw[1 : raw.index(raw[0], 1)]
    return raw.split(" #", 1)[0].strip()  # an inline comment, as python-dotenv reads it


def _digest(*files: Path) -> str:
    sha = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in files:
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


@contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel workers install a shared cache once
        yield


def _run(command: str, cwd: Path, env: dict[str, str], what: str) -> None:
    result = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({command}) in {cwd}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")


@dataclass
class Installed:
    """What the manifest's commands need in their environment after the install."""

    path_prefix: list[str] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONHOME", "PYTHONPATH")}
        env["PATH"] = os.pathsep.join([*self.path_prefix, env.get("PATH", "")])
        env.update(self.variables)
        env.update(extra or {})
        return env


NODE_INSTALLERS = ("npm ci", "npm install", "npm i ", "pnpm install", "yarn install", "yarn")


def after_dependency_step(command: str) -> str:
    """What an install command does besides fetching node_modules (restored from the cache instead)."""
    steps = [step.strip() for step in command.split("&&")]
    if steps and steps[0].startswith(NODE_INSTALLERS):
        steps = steps[1:]
    return " && ".join(steps)


def install(stack: Stack, folder: Path) -> Installed:
    """Run the manifest's install command, reusing dependency caches across cells."""
    installer = {"python": _install_python, "node": _install_node, "go": _install_go}.get(stack.runtime)
    if installer is None:
        _run(stack.commands.install, folder, Installed().env(), "install")
        return Installed()
    missing = [name for name in stack.install_cache if not (folder / name).is_file()]
    if missing or not stack.install_cache:
        raise RuntimeError(f"{stack.name}: the install cache key files {missing or '(none named)'} are not in {folder}")
    return installer(stack.commands.install, folder, _digest(*(folder / name for name in stack.install_cache)))


def _install_python(command: str, folder: Path, key: str) -> Installed:
    venv = CACHE / "venvs" / key
    installed = Installed([str(venv / "bin")], {"VIRTUAL_ENV": str(venv), "PYTHONUNBUFFERED": "1"})
    with _locked(venv.with_suffix(".lock")):
        if not (venv / ".complete").exists():
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            _run(command, folder, installed.env(), "install")
            (venv / ".complete").touch()
    return installed


def _install_node(command: str, folder: Path, key: str) -> Installed:
    cached = CACHE / "node_modules" / key
    installed = Installed([str(folder / "node_modules" / ".bin")])
    with _locked(cached.with_suffix(".lock")):
        if not (cached / ".complete").exists():
            shutil.rmtree(cached, ignore_errors=True)
            _run(command, folder, installed.env(), "install")
            shutil.copytree(folder / "node_modules", cached / "node_modules", symlinks=True)
            (cached / ".complete").touch()
            return installed
    # A second install into the same folder (after `copier update`) replaces node_modules: copied into
    # an existing one it would nest, and two copies of a package that keeps a registry break at run time.
    shutil.rmtree(folder / "node_modules", ignore_errors=True)
    subprocess.run(["cp", "-al", str(cached / "node_modules"), str(folder / "node_modules")], check=True)
    if rest := after_dependency_step(command):  # e.g. the build that follows `npm ci`
        _run(rest, folder, installed.env(), "install")
    return installed


def go_installed() -> Installed:
    """The go command on the shared module and build caches, go.mod read-only."""
    cache = CACHE / "go"
    return Installed(
        variables={"GOMODCACHE": str(cache / "mod"), "GOCACHE": str(cache / "build"), "GOFLAGS": "-mod=readonly"}
    )


def _install_go(command: str, folder: Path, key: str) -> Installed:
    """The modules of a go.sum are downloaded once (the module cache is shared and content-addressed); the
    install command then builds from it, with go's own build cache beside it."""
    cache = CACHE / "go"
    installed = go_installed()
    marker = cache / "downloaded" / key
    with _locked(marker.with_suffix(".lock")):
        if not marker.exists():
            _run("go mod download", folder, installed.env(), "install")
            marker.touch()
    _run(command, folder, installed.env(), "install")
    return installed


class Server(Service):
    """One backend process from its manifest's serve command, logging into the project's workdir."""

    def __init__(self, project: RenderedBackend, env: dict[str, str], name: str) -> None:
        log_path = project.workdir / f"{name}.log"
        super().__init__(shell(project.serve_command), project.folder, env, int(env["PORT"]), log_path, name)
        self.project = project


class RenderedBackend:
    """One cell rendered and installed once; ``launch`` migrates a fresh database and starts a server."""

    def __init__(self, cell: Cell, *, smtp: tuple[str, int], postgres=None, redis=None, mariadb=None) -> None:
        self.cell = cell
        self.stack = load_stacks()[cell.stack]
        self.workdir = Path(tempfile.mkdtemp(prefix=f"ua-{cell.id}-"))
        self.smtp = smtp
        self.postgres = postgres
        self.mariadb = mariadb
        self.redis = redis
        self.servers: list[Server] = []
        self.folder = render(cell, self.workdir / "project")
        self.dotenv = read_env_file(self.folder / ".env")
        self.installed = install(self.stack, self.folder)
        self.serve_command = self.stack.commands.serve
        self.migrate_command = self.stack.commands.migrate
        self._databases = 0

    @property
    def jwt_secret(self) -> str:
        return self.dotenv["AUTH_JWT_SECRET"]

    def new_database(self) -> str:
        self._databases += 1
        if self.cell.database == "postgresql":
            return self.postgres.database(f"app{self._databases}")
        if self.cell.database == "mysql":
            return self.mariadb.database(f"app{self._databases}")
        if self.cell.database == "sqlite":
            return f"sqlite:///{self.workdir / f'db{self._databases}.sqlite3'}"
        raise RuntimeError(f"the harness cannot start {self.cell.database}")

    def environment(self, database_url: str, overrides: dict[str, str] | None = None, redis_url=None) -> dict:
        env = {
            "HOST": "127.0.0.1",
            "PORT": str(free_port()),
            "DATABASE_URL": database_url,
            "SMTP_HOST": self.smtp[0],
            "SMTP_PORT": str(self.smtp[1]),
            "SMTP_STARTTLS": "false",
            "SMTP_USER": "",
            "SMTP_PASSWORD": "",
            "EMAIL_FROM": EMAIL_FROM,
            "APP_URL": APP_URL,
            "AUTH_COOKIE_SECURE": "true",  # the production default; the client sends Secure cookies itself
        }
        if self.cell.store == "redis":
            env["REDIS_URL"] = redis_url or self.redis.url()
        env.update({k: str(v) for k, v in (overrides or {}).items()})
        return self.installed.env(env)

    def migrate(self, env: dict[str, str]) -> None:
        if self.migrate_command:
            _run(self.migrate_command, self.folder, env, "migrate")

    def launch(self, overrides: dict | None = None, *, database_url: str | None = None, redis_url=None) -> Server:
        """A server on a fresh database (or ``database_url``, already migrated when shared)."""
        fresh = database_url is None
        env = self.environment(database_url or self.new_database(), overrides, redis_url)
        if fresh:
            self.migrate(env)
        server = Server(self, env, f"server{len(self.servers) + 1}")
        self.servers.append(server)
        return server.start()

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)
