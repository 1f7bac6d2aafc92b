"""Host applications for the retrofit tests: tests/fixtures/projects/retrofit/<name>/ with a host.yml.

host.yml holds ``answers`` (the copier --data answers: backend, backend_dir, mode...), ``test`` (the
host's own test command), ``serve`` (the command that starts the host with the auth mounted, $HOST and
$PORT substituted) and ``setup`` (commands that install the host and create its database and users).
:func:`copy_into` copies the template the way a user without a terminal does; :func:`unexpected_changes`
lists what the copy changed beyond what the integration model allows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

import manifests
from integration import MARKER
from support.template_repo import ROOT, commit_all, git

HOSTS = ROOT / "tests" / "fixtures" / "projects" / "retrofit"
# What an existing application may gain besides the stack's owned paths (in the stack's folder or the root).
SHARED_FILES = (".env", ".env.example", ".gitignore")
# Files the copy may append lines to without the marker: the env keys and the git-ignored .env.
APPENDED_FILES = (".env.example", ".gitignore")


@dataclass(frozen=True)
class Host:
    name: str
    path: Path
    answers: dict
    test: str
    serve: str
    setup: tuple[str, ...] = field(default_factory=tuple)

    def folder(self, kind: str) -> str:
        return str(PurePosixPath(str(self.answers.get(f"{kind}_dir", "."))))


def load_host(path: Path) -> Host:
    data = yaml.safe_load((path / "host.yml").read_text(encoding="utf-8"))
    # A web host adds `build` (its production build), `host_page` (a page of its own the browser journey
    # visits) and `auth_pages_csp: nonce` where the auth's pages answer with a nonce CSP; a backend host
    # `install`, `install_cache`, `migrate` and `own_paths` (tests/support/host.py).
    known = {
        "answers",
        "test",
        "serve",
        "setup",
        "build",
        "host_page",
        "auth_pages_csp",
        "install",
        "install_cache",
        "migrate",
        "own_paths",
    }
    unknown = set(data) - known
    if unknown or not data.get("answers"):
        raise ValueError(f"{path.name}/host.yml: needs answers; unknown keys {sorted(unknown)}")
    return Host(path.name, path, data["answers"], data["test"], data["serve"], tuple(data.get("setup") or ()))


def hosts() -> list[Host]:
    return [load_host(path.parent) for path in sorted(HOSTS.glob("*/host.yml"))]


def checkout(host: Host, destination: Path) -> Path:
    """A git repository holding the host application, committed, as a user's would be."""
    shutil.copytree(host.path, destination, ignore=shutil.ignore_patterns("host.yml", "__pycache__", "node_modules"))
    git(destination, "init", "-q", "-b", "main")
    commit_all(destination, "the host application")
    return destination


def user_path() -> str:
    """PATH with the test environment's tools first (ruff, copier), as a user's environment has them."""
    return f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


def copy_into(template: Path, destination: Path, answers: dict, *extra: str) -> subprocess.CompletedProcess:
    """`copier copy --trust --defaults` with stdin closed: no terminal, so any question or conflict would fail."""
    data = [arg for key, value in answers.items() for arg in ("--data", f"{key}={value}")]
    command = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--vcs-ref", "v1.0.0", *extra]
    return subprocess.run(
        [*command, *data, str(template), str(destination)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PATH": user_path()},
    )


def update(destination: Path, *extra: str) -> subprocess.CompletedProcess:
    """`copier update --trust --defaults` with stdin closed."""
    return subprocess.run(
        [sys.executable, "-m", "copier", "update", "--trust", "--defaults", *extra],
        cwd=destination,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PATH": user_path()},
    )


def status(repo: Path) -> list[tuple[str, str]]:
    """(code, path) of every change git sees, untracked files listed one by one."""
    out = git(repo, "status", "--porcelain", "--untracked-files=all", "--no-renames")
    return [(line[:2], line[3:].strip('"')) for line in out.splitlines()]


def added_and_removed(repo: Path, path: str) -> tuple[list[str], list[str]]:
    diff = git(repo, "diff", "--no-color", "-U0", "--", path)
    lines = [line for line in diff.splitlines() if not re.match(r"^(\+\+\+|---) ", line)]
    return [line[1:] for line in lines if line.startswith("+")], [line[1:] for line in lines if line.startswith("-")]


def allowed_new_file(path: str, answers: dict, answers_file: str) -> bool:
    posix = PurePosixPath(path)
    if path == answers_file or (posix.name in SHARED_FILES and len(posix.parts) == 1):
        return True
    for kind in manifests.KINDS:
        stack = manifests.load_stacks().get(str(answers.get(kind, "none")))
        if stack is None:
            continue
        folder = PurePosixPath(str(answers.get(f"{kind}_dir", ".")))
        try:
            inside = posix.relative_to(folder) if str(folder) != "." else posix
        except ValueError:
            continue
        if str(inside) in SHARED_FILES or any(
            str(inside) == owned or str(inside).startswith(f"{owned}/") for owned in stack.owned
        ):
            return True
    return False


def unexpected_changes(repo: Path, answers: dict, answers_file: str = ".copier-answers.yml") -> list[str]:
    """What the copy changed that the integration model does not allow, one line each (empty when none):
    new files outside the owned paths, the answers file and .env / .env.example / .gitignore; host files
    changed other than by appended lines each marked AUTH_INTEGRATION_POINT (or, for .env.example and
    .gitignore, appended lines); anything deleted."""
    problems = []
    for code, path in status(repo):
        if code == "??":
            if not allowed_new_file(path, answers, answers_file):
                problems.append(f"new file outside the auth's paths: {path}")
        elif code.strip() == "M":
            added, removed = added_and_removed(repo, path)
            if removed:
                problems.append(f"host file lines changed or removed: {path}: {removed[0]!r}")
            elif PurePosixPath(path).name not in APPENDED_FILES and (
                unmarked := [line for line in added if line.strip() and MARKER not in line]
            ):
                problems.append(f"host file line added without the {MARKER} marker: {path}: {unmarked[0]!r}")
        else:
            problems.append(f"{code.strip()} {path}")
    return problems
