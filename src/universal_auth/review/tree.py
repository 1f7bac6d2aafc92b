"""Walk a project fast and hand each reviewable text file to the checks once.

Dependency folders, virtualenvs, build outputs, VCS data, lock files, binaries and
files over ``MAX_BYTES`` are never read.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

MAX_BYTES = 1_000_000

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "bower_components",
        "jspm_packages",
        "vendor",
        "venv",
        ".venv",
        ".env",
        "virtualenv",
        "site-packages",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".eggs",
        "dist",
        "build",
        "out",
        "target",
        "bin",
        "obj",
        "coverage",
        "htmlcov",
        ".coverage",
        ".next",
        ".nuxt",
        ".svelte-kit",
        ".angular",
        ".expo",
        ".turbo",
        ".parcel-cache",
        ".cache",
        ".gradle",
        ".idea",
        ".vscode",
        ".dart_tool",
        "Pods",
        "DerivedData",
        "storage",
        "staticfiles",
    }
)

LANGUAGES = {
    ".py": "python",
    ".js": "js",
    ".jsx": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".ts": "js",
    ".tsx": "js",
    ".mts": "js",
    ".cts": "js",
    ".vue": "js",
    ".svelte": "js",
    ".go": "go",
    ".php": "php",
    ".cs": "csharp",
    ".java": "jvm",
    ".kt": "jvm",
    ".kts": "jvm",
    ".dart": "dart",
    ".swift": "swift",
}
CONFIG_SUFFIXES = frozenset(
    {".json", ".toml", ".yml", ".yaml", ".ini", ".cfg", ".conf", ".xml", ".csproj", ".gradle", ".properties", ".mod"}
)
LOCK_FILES = frozenset(
    {
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "bun.lockb",
        "poetry.lock",
        "Pipfile.lock",
        "uv.lock",
        "pdm.lock",
        "composer.lock",
        "go.sum",
        "Cargo.lock",
        "packages.lock.json",
        "Gemfile.lock",
        "pubspec.lock",
        "Podfile.lock",
        "gradle.lockfile",
    }
)
TEST_DIRS = frozenset(
    {"test", "tests", "__tests__", "spec", "specs", "e2e", "fixtures", "__fixtures__", "testdata", "mocks", "__mocks__"}
)
TEST_NAME = re.compile(
    r"(^test_.*\.py$|_test\.(py|go)$|^conftest\.py$|\.(test|spec)\.[cm]?[jt]sx?$|Tests?\.(cs|java|kt)$|_test\.dart$)"
)
SUPPRESS = "universal-auth: ignore"


def is_env_file(name: str) -> bool:
    return name == ".env" or name.startswith(".env.") or name.endswith(".env")


def is_env_example(name: str) -> bool:
    return is_env_file(name) and any(word in name for word in ("example", "sample", "template", "dist", "defaults"))


def wanted(name: str) -> bool:
    if name in LOCK_FILES or name.endswith((".min.js", ".map", ".bundle.js")):
        return False
    suffix = os.path.splitext(name)[1]
    return (
        suffix in LANGUAGES
        or suffix in CONFIG_SUFFIXES
        or is_env_file(name)
        or (name.startswith("requirements") and suffix in (".txt", ".in"))
        or name in ("Dockerfile", "Pipfile", "nginx.conf", ".htaccess")
    )


@dataclass
class SourceFile:
    path: Path
    rel: str
    text: str
    lower: str = ""  # ASCII-lowered text, for quick substring gates before any regex runs
    name: str = field(init=False)
    suffix: str = field(init=False)

    def __post_init__(self) -> None:
        self.name = self.rel.rsplit("/", 1)[-1]
        self.suffix = os.path.splitext(self.name)[1]
        if not self.lower:
            self.lower = self.text.lower()

    @property
    def language(self) -> str:
        return LANGUAGES.get(self.suffix, "config")

    def has(self, *words: str) -> bool:
        """Whether any of the lower-case ``words`` occurs in the file."""
        lower = self.lower
        return any(word in lower for word in words)

    @cached_property
    def is_test(self) -> bool:
        parts = self.rel.split("/")
        return any(part in TEST_DIRS for part in parts[:-1]) or bool(TEST_NAME.search(self.name))

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [match.end() for match in re.finditer("\n", self.text)]

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end]

    def suppressed(self, line: int) -> bool:
        """A ``universal-auth: ignore`` comment on the line (or the one above) silences it."""
        if SUPPRESS not in self.text:
            return False
        return SUPPRESS in self.line_text(line) or (line > 1 and SUPPRESS in self.line_text(line - 1))


def walk(root: Path) -> Iterator[SourceFile]:
    """Every reviewable text file under ``root``, in a stable order."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name, reverse=True)
        except OSError:
            continue
        if any(entry.name == "pyvenv.cfg" for entry in entries):
            continue  # a virtualenv under any name
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if name not in SKIPPED_DIRS and not name.endswith(".egg-info"):
                    stack.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False) and wanted(name):
                source = read(root, Path(entry.path), entry)
                if source is not None:
                    yield source


def read(root: Path, path: Path, entry: os.DirEntry) -> SourceFile | None:
    try:
        if entry.stat(follow_symlinks=False).st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:4096]:
        return None
    text = data.decode("utf-8", errors="replace")
    return SourceFile(path, path.relative_to(root).as_posix(), text, data.lower().decode("utf-8", errors="replace"))
