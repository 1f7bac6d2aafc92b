"""An existing application with the auth added: a retrofit fixture, its virtualenv, its server.

Each fixture under tests/fixtures/projects/retrofit/<name>/ is a small host application with a
``host.yml`` beside it (harness metadata, not copied into the host):

- ``answers``: the copier answers of the copy into it (``backend``, ``backend_dir``, ``mode``...);
- ``install``: the host's install command; ``install_cache``: the files that key its cached virtualenv;
- ``setup``: the commands that create its database with its existing users;
- ``test``: its own test command; ``serve``: the command that starts it ($HOST and $PORT from the
  environment), the auth mounted once it is added; ``migrate``: its migrate command.

:class:`HostBackend` is a :class:`RenderedBackend` whose project is such a host, so the
conformance suite runs against the auth mounted in it (``pytest tests/conformance --host-app NAME``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import copier
import yaml

from integration import load_module
from manifests import Stack
from project import Project

from .cells import ROOT, Cell
from .project import Installed, RenderedBackend, _digest, _install_python, go_installed, load_stacks, read_env_file
from .retrofit import HOSTS

FIXTURES = HOSTS
GIT_ENV = {
    "GIT_AUTHOR_NAME": "host",
    "GIT_AUTHOR_EMAIL": "host@example.com",
    "GIT_COMMITTER_NAME": "host",
    "GIT_COMMITTER_EMAIL": "host@example.com",
}


@dataclass(frozen=True)
class HostSpec:
    name: str
    answers: dict
    install: str
    install_cache: tuple[str, ...]
    setup: tuple[str, ...]
    test: str
    serve: str
    migrate: str
    # Paths of the auth's contract the application answers itself (its own /health): the conformance suite
    # leaves them to the application and checks the auth's answers on its own paths.
    own_paths: tuple[str, ...] = ()

    @property
    def source(self) -> Path:
        return FIXTURES / self.name

    @classmethod
    def load(cls, name: str) -> HostSpec:
        raw = yaml.safe_load((FIXTURES / name / "host.yml").read_text(encoding="utf-8"))
        return cls(
            name=name,
            answers=dict(raw["answers"]),
            install=raw["install"],
            install_cache=tuple(raw["install_cache"]),
            setup=tuple(raw.get("setup", ())),
            test=raw["test"],
            serve=raw["serve"],
            migrate=raw["migrate"],
            own_paths=tuple(raw.get("own_paths", ())),
        )


# The default conformance lane's selection: the long runs under `full` spend the rate limits that the
# later cases sign in under, and the lane runs the timing cases apart.
HOSTED_CONFORMANCE = "not matrix and not full and not timing"


def hosted_conformance(name: str) -> tuple[bool, str]:
    """Runs the conformance suite's default cell against the auth added to host ``name``."""
    command = [sys.executable, "-m", "pytest", str(ROOT / "tests" / "conformance"), "--host-app", name]
    command += ["-n", "0", "-p", "no:cacheprovider", "-q", "-rf", "--tb=short", "-m", HOSTED_CONFORMANCE]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=3600)
    # The servers' request logs fill the output; the report keeps the failures and the summary.
    kept = [line for line in result.stdout.splitlines() if re.match(r"(FAILED|ERROR|E  |tests/|_{3,}|={3,})", line)]
    return result.returncode == 0, "\n".join(kept)[-8000:]


def host_names() -> list[str]:
    return sorted(path.parent.name for path in FIXTURES.glob("*/host.yml"))


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=folder, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return result.stdout


def copy_host(spec: HostSpec, destination: Path) -> Path:
    """The fixture's files (without host.yml) in ``destination``, committed in a fresh git repository."""
    shutil.copytree(spec.source, destination, ignore=shutil.ignore_patterns("host.yml", "__pycache__", "*.sqlite3"))
    git(destination, "init", "-q", "-b", "main")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "the host application")
    return destination


def add_auth(folder: Path, answers: dict, template: Path = ROOT, vcs_ref: str = "HEAD") -> None:
    """``copier copy`` of the template (this repository's working tree by default) into the host,
    every other answer at its default."""
    copier.run_copy(str(template), folder, data=answers, defaults=True, unsafe=True, vcs_ref=vcs_ref, quiet=True)


def install_host(spec: HostSpec, folder: Path) -> Installed:
    """The host's install command: a Python host in a virtualenv cached by the contents of its requirement files;
    a Node host in its node_modules, a Go host from the shared module cache, then, once the auth is added, the
    commands its after-copy message names."""
    stack = load_stacks()[spec.answers["backend"]]
    if stack.runtime == "node":
        return _install_with_auth(spec, stack, folder, Installed([str(folder / "node_modules" / ".bin")]))
    if stack.runtime == "go":
        return _install_with_auth(spec, stack, folder, go_installed())
    return _install_python(spec.install, folder, "host-" + _digest(*(folder / name for name in spec.install_cache)))


def _install_with_auth(spec: HostSpec, stack: Stack, folder: Path, installed: Installed) -> Installed:
    steps = [spec.install]
    if stack.integration_path is not None and all((folder / path).exists() for path in stack.owned):
        module = load_module(stack.integration_path, stack.name)
        steps += module.install_commands(Project(folder, spec.answers), folder)
    for step in steps:
        result = run(step, folder, installed.env())
        if result.returncode != 0:
            output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            raise RuntimeError(f"install failed ({step}) in {folder}:\n{output}")
    return installed


def run(command: str, folder: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True, timeout=timeout)


def run_setup(spec: HostSpec, folder: Path, env: dict[str, str]) -> None:
    for command in spec.setup:
        result = run(command, folder, env)
        if result.returncode != 0:
            output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            raise RuntimeError(f"setup failed ({command}) in {folder}:\n{output}")


class HostBackend(RenderedBackend):
    """A conformance cell whose backend is the auth copied into an existing application."""

    def __init__(self, cell: Cell, spec: HostSpec, *, smtp: tuple[str, int], postgres=None, redis=None, mariadb=None):
        self.cell = cell
        self.stack = load_stacks()[cell.stack]
        self.workdir = Path(tempfile.mkdtemp(prefix=f"ua-{spec.name}-{cell.id}-"))
        self.smtp = smtp
        self.postgres = postgres
        self.mariadb = mariadb
        self.redis = redis
        self.servers = []
        self.folder = copy_host(spec, self.workdir / "host")
        add_auth(self.folder, {**cell.answers(), **spec.answers, "mode": cell.mode, "transport": cell.transport})
        self.dotenv = read_env_file(self.folder / ".env")
        self.installed = install_host(spec, self.folder)
        self.serve_command = spec.serve
        self.migrate_command = spec.migrate
        self._databases = 0

    def environment(self, database_url: str, overrides: dict[str, str] | None = None, redis_url=None) -> dict:
        """The cell's environment; an auth with a database variable of its own gets the cell's database there too."""
        env = super().environment(database_url, overrides, redis_url)
        if self.stack.own_database_variable:
            env[self.stack.own_database_variable] = database_url
        return env
