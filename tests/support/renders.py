"""Renders of a stack's generated project, each made once per process, and what one render holds
that another lacks, file by file."""

from __future__ import annotations

import filecmp
from collections.abc import Callable, Hashable
from pathlib import Path

import copier

from .cells import ROOT
from .project import install

# What installs, builds and test runs add to a project: no render of the template holds these.
PRODUCED = {"node_modules", "dist", ".next", "coverage"}


def files_beyond(folder: Path, reference: Path) -> list[str]:
    """The files of ``folder`` (relative paths) that ``reference`` lacks or holds with other content."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or PRODUCED.intersection(relative.parts):
            continue
        other = reference / relative
        if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
            found.append(relative.as_posix())
    return found


def render_backend(destination: Path, backend: str, mode: int, transport: str) -> Path:
    """A new project of ``backend`` alone (SQLite, every other answer at its default); its backend folder."""
    answers = {
        "project_name": "clinic",
        "backend": backend,
        "frontend": "none",
        "mobile": "none",
        "mode": mode,
        "transport": transport,
        "database": "sqlite",
        "backend_dir": "backend",
    }
    copier.run_copy(str(ROOT), destination, data=answers, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
    return destination / "backend"


class Renders:
    """One stack's project per case (any hashable key), rendered on first use and installed on first
    need, once in this process whatever order the tests run in (tests of one case share an xdist
    worker through their ``xdist_group``)."""

    def __init__(self, tmp_path_factory, stack, answers: Callable[[Hashable], dict], subfolder: str) -> None:
        self.tmp_path_factory, self.stack, self.answers, self.subfolder = tmp_path_factory, stack, answers, subfolder
        self._folders: dict[Hashable, Path] = {}
        self._envs: dict[Hashable, dict[str, str]] = {}

    def folder(self, case: Hashable) -> Path:
        if case not in self._folders:
            destination = self.tmp_path_factory.mktemp(f"{self.stack.name}-" + "-".join(map(str, case)))
            data = self.answers(case)
            copier.run_copy(str(ROOT), destination, data=data, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
            self._folders[case] = destination / self.subfolder
        return self._folders[case]

    def installed(self, case: Hashable) -> tuple[Path, dict[str, str]]:
        folder = self.folder(case)
        if case not in self._envs:
            self._envs[case] = install(self.stack, folder).env()
        return folder, self._envs[case]
