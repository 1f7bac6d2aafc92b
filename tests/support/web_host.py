"""An existing web app from tests/fixtures/projects/retrofit/<name>/ (described by its host.yml),
copied into a git repository, with the auth pages added by ``copier copy`` and its own package
manager's install, build and test commands run as its developers would."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import copier
import yaml

import retrofit_report
from project import Project
from support.cells import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "projects" / "retrofit"


@cache
def package_manager_path() -> str:
    """PATH with ``pnpm`` and ``yarn`` run through Node's corepack, at the version a host's package.json names
    (``packageManager``). The registry this machine reaches serves no signatures corepack could check."""
    shims = Path(tempfile.mkdtemp(prefix="ua-package-managers-"))
    for tool in ("pnpm", "yarn"):
        shim = shims / tool
        shim.write_text(f'#!/bin/sh\nexec corepack {tool} "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
    return f"{shims}{os.pathsep}{os.environ['PATH']}"


def host_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a host's own commands run in: this one, with its package manager on PATH."""
    return {
        **os.environ,
        "PATH": package_manager_path(),
        "COREPACK_ENABLE_DOWNLOAD_PROMPT": "0",
        "COREPACK_INTEGRITY_KEYS": "0",
        **(extra or {}),
    }


def git(folder: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=host", "-c", "user.email=host@example.test", *args]
    return subprocess.run(command, cwd=folder, check=True, capture_output=True, text=True).stdout


@dataclass
class WebHost:
    name: str
    folder: Path

    @property
    def spec(self) -> dict:
        return yaml.safe_load((FIXTURES / self.name / "host.yml").read_text(encoding="utf-8"))

    @classmethod
    def checkout(cls, name: str, destination: Path) -> WebHost:
        """The fixture as its developers have it: a clean git work tree."""
        shutil.copytree(FIXTURES / name, destination, ignore=shutil.ignore_patterns("host.yml", "node_modules"))
        git(destination, "init", "-q")
        git(destination, "add", "-A")
        git(destination, "commit", "-qm", "the host app")
        return cls(name, destination)

    def add_auth(self, **answers) -> None:
        """``copier copy`` with the fixture's answers and --defaults, no terminal (stdin is closed by pytest)."""
        data = {**self.spec["answers"], **answers}
        copier.run_copy(str(ROOT), self.folder, data=data, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)

    def run(self, command: str, env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "-c", command], cwd=self.folder, env=host_env(env), capture_output=True, text=True, timeout=timeout
        )

    def must(self, command: str, env: dict[str, str] | None = None) -> str:
        result = self.run(command, env)
        if result.returncode != 0:
            raise AssertionError(
                f"`{command}` in {self.name} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
            )
        return result.stdout

    def after_copy_commands(self) -> dict[str, str]:
        """The commands the after-copy message gives this host (label -> command)."""
        answers = yaml.safe_load((self.folder / ".copier-answers.yml").read_text(encoding="utf-8"))
        project = Project(self.folder, answers)
        kind = "mobile" if answers.get("mobile", "none") != "none" else "frontend"
        stack, folder = project.stack(kind), project.folder(kind)
        return retrofit_report.host_commands(project, stack, folder) if stack and folder else {}

    def setup(self) -> None:
        """The host's own install, then (after a copy) the install command the after-copy message gave it."""
        for command in self.spec["setup"]:
            self.must(command)
        if (self.folder / ".copier-answers.yml").is_file():
            for command in self.after_copy_commands().values():
                self.must(command)

    def changed(self) -> list[str]:
        """``git status --porcelain`` lines (untracked folders collapsed, as git shows them)."""
        return git(self.folder, "status", "--porcelain").splitlines()

    def added_lines(self) -> dict[str, list[str]]:
        """The lines added to each tracked file, and whether any line was removed (key ``-``)."""
        diff = git(self.folder, "diff", "--unified=0", "--no-color")
        added: dict[str, list[str]] = {}
        current = ""
        for line in diff.splitlines():
            if line.startswith("+++ "):
                current = line[6:]
                added[current] = []
            elif line.startswith("+") and not line.startswith("+++"):
                added[current].append(line[1:])
            elif line.startswith("-") and not line.startswith("---"):
                added.setdefault("-", []).append(f"{current}: {line[1:]}")
        return added
