"""A bounded, fault-tolerant view of the destination's files.

The walk never enters dependency, VCS, virtualenv or build folders, never leaves the
destination through a symlink, stops at a fixed depth and entry count, and reads a
file at most once and never past a size limit. Whatever it skips for being broken
becomes a warning, never an exception.
"""

from __future__ import annotations

import errno
import os
import re
from collections import defaultdict
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path, PurePosixPath

MAX_DEPTH = 8
MAX_ENTRIES = 100_000
MAX_FILE_BYTES = 1024 * 1024  # bigger files are skipped, never read
SNIFF_BYTES = 8192

# Folders that hold other people's code or build output. Hidden folders (.git, .venv,
# .next, ...) are skipped as a rule, and so is any folder holding a pyvenv.cfg.
SKIPPED_DIRS = frozenset(
    {
        "node_modules", "bower_components", "jspm_packages", "__pycache__", "site-packages",
        "venv", "virtualenv", "build", "dist", "out", "target", "coverage", "htmlcov",
        "vendor", "Pods", "DerivedData", "bin", "obj", "storage", "tmp",
    }
)  # fmt: skip


class Tree:
    """The files under ``root`` (relative POSIX paths) and a cached, guarded reader."""

    def __init__(self, root: str | Path, warnings: list[str] | None = None):
        self.root = Path(root)
        self.warnings = warnings if warnings is not None else []
        self.files: list[str] = []
        self.dirs: list[str] = ["."]
        self._texts: dict[str, str | None] = {}
        self._named: dict[tuple[str, ...], list[str]] = {}
        self._walk()

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _walk(self) -> None:
        root_real = os.path.realpath(self.root)
        visited = {root_real}
        pending = [(str(self.root), "", root_real, 0)]
        entries = 0
        while pending:
            path, rel, real, depth = pending.pop()
            try:
                with os.scandir(path) as listing:
                    children = sorted(listing, key=lambda e: e.name)
            except OSError as error:
                self.warn(f"{rel or '.'}: folder not readable ({error.strerror or error}); skipped")
                continue
            for entry in children:
                entries += 1
                if entries > MAX_ENTRIES:
                    self.warn(f"more than {MAX_ENTRIES} entries; the rest of the project was not examined")
                    return
                child_rel = f"{rel}/{entry.name}" if rel else entry.name
                self._visit(entry, child_rel, real, depth, root_real, visited, pending)

    def _visit(self, entry, rel, parent_real, depth, root_real, visited, pending) -> None:
        try:
            is_link = entry.is_symlink()
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as error:
            problem = "symbolic link loop" if error.errno == errno.ELOOP else "not readable"
            self.warn(f"{rel}: {problem}; skipped")
            return
        if is_link and not (is_dir or is_file):
            if not os.path.exists(entry.path):
                self.warn(f"{rel}: broken symbolic link; skipped")
            return
        if not (is_file or is_dir) or (is_dir and (entry.name.startswith(".") or entry.name in SKIPPED_DIRS)):
            return
        real = os.path.realpath(entry.path) if is_link else os.path.join(parent_real, entry.name)
        if is_link and real != root_real and not real.startswith(root_real + os.sep):
            self.warn(f"{rel}: symbolic link leads outside the project; skipped")
            return
        if is_file:
            self.files.append(rel)
            return
        if is_link and (parent_real + os.sep).startswith(real + os.sep):
            self.warn(f"{rel}: symbolic link loop; skipped")
            return
        if real in visited:
            return
        if os.path.isfile(os.path.join(entry.path, "pyvenv.cfg")):
            return
        visited.add(real)
        self.dirs.append(rel)
        if depth + 1 < MAX_DEPTH:
            pending.append((entry.path, rel, real, depth + 1))

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for rel in self.files:
            index[rel.rsplit("/", 1)[-1]].append(rel)
        for rel in self.dirs[1:]:
            index[rel.rsplit("/", 1)[-1]].append(rel)
        return index

    @cached_property
    def dir_set(self) -> frozenset[str]:
        return frozenset(self.dirs)

    @cached_property
    def file_set(self) -> frozenset[str]:
        return frozenset(self.files)

    def named(self, *patterns: str) -> list[str]:
        """Files and folders whose own name matches one of the glob ``patterns``, shallowest first."""
        if patterns not in self._named:
            found = {rel for pattern in patterns for rel in self._named_one(pattern)}
            self._named[patterns] = sorted(found, key=lambda rel: (rel.count("/"), rel))
        return self._named[patterns]

    def _named_one(self, pattern: str) -> list[str]:
        if not any(char in pattern for char in "*?["):
            return self.by_name.get(pattern, [])
        # The literal head and tail of the pattern discard most names before the glob is tried.
        head = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
        tail = re.split(r"[*?\]]", pattern)[-1]
        return [
            rel
            for name, paths in self.by_name.items()
            if name.startswith(head) and name.endswith(tail) and fnmatchcase(name, pattern)
            for rel in paths
        ]

    def in_dir(self, folder: str, *patterns: str) -> list[str]:
        """Files directly in ``folder`` ('.' is the root) whose name matches a pattern."""
        return [rel for rel in self.named(*patterns) if parent(rel) == folder and rel in self.file_set]

    def glob(self, folder: str, pattern: str) -> list[str]:
        """Paths below ``folder`` matching ``pattern`` relative to it (``**`` spans folders)."""
        last = pattern.rsplit("/", 1)[-1]
        prefix = "" if folder == "." else folder + "/"
        matches = []
        for rel in self.named(last):
            if not rel.startswith(prefix):
                continue
            inner = PurePosixPath(rel[len(prefix) :])
            if _full_match(inner, pattern):
                matches.append(rel)
        return matches

    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> str | None:
        """The text of ``rel`` (at most ``limit`` bytes), or None with a warning when it cannot be read."""
        key = f"{rel}:{limit}"
        if key not in self._texts:
            self._texts[key] = self._read(rel, limit)
        return self._texts[key]

    def _read(self, rel: str, limit: int) -> str | None:
        path = self.root / rel
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.warn(f"{rel}: {size // (1024 * 1024)} MB, too large to examine; skipped")
                return None
            with path.open("rb") as handle:
                data = handle.read(limit)
        except OSError as error:
            self.warn(f"{rel}: not readable ({error.strerror or error}); skipped")
            return None
        if b"\0" in data[:SNIFF_BYTES]:
            self.warn(f"{rel}: binary content; skipped")
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            if len(data) == limit and error.start >= limit - 4:
                return data[: error.start].decode("utf-8")  # cut inside a multi-byte character
            self.warn(f"{rel}: not UTF-8 text; skipped")
            return None


def parent(rel: str) -> str:
    return rel.rsplit("/", 1)[0] if "/" in rel else "."


def _full_match(path: PurePosixPath, pattern: str) -> bool:
    """Whether the whole ``path`` matches ``pattern``, where ``**`` matches any number of folders."""
    parts, pieces = path.parts, pattern.split("/")

    def match(i: int, j: int) -> bool:
        if j == len(pieces):
            return i == len(parts)
        if pieces[j] == "**":
            return any(match(k, j + 1) for k in range(i, len(parts) + 1))
        return i < len(parts) and fnmatchcase(parts[i], pieces[j]) and match(i + 1, j + 1)

    return match(0, 0)
