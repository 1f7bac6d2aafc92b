"""Enough of gitignore's matching to tell whether a file is ignored by the committed rules."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern
    negated: bool
    dir_only: bool
    anchored: bool


def _glob_regex(glob: str) -> str:
    out, index = [], 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if glob.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = glob.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                out.append("[" + glob[index + 1 : end].replace("!", "^", 1) + "]")
                index = end
        elif char == "\\" and index + 1 < len(glob):
            index += 1
            out.append(re.escape(glob[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def parse(text: str) -> list[Pattern]:
    patterns = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line[1:] if negated else line
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        line = line.lstrip("/")
        patterns.append(Pattern(re.compile(_glob_regex(line) + r"\Z"), negated, dir_only, anchored))
    return patterns


@cache
def _patterns_of(gitignore: Path) -> list[Pattern]:
    try:
        return parse(gitignore.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def _matches(pattern: Pattern, relative: str, is_dir: bool) -> bool:
    if pattern.dir_only and not is_dir:
        return False
    target = relative if pattern.anchored else relative.rsplit("/", 1)[-1]
    return bool(pattern.regex.match(target))


def ignored(root: Path, path: Path) -> bool:
    """Whether the ``.gitignore`` files from ``root`` down to ``path``'s folder ignore ``path``."""
    relative = path.relative_to(root).as_posix()
    parts = relative.split("/")
    # a file is ignored when it or any folder above it is ignored
    for depth in range(1, len(parts) + 1):
        target, is_dir = "/".join(parts[:depth]), depth < len(parts)
        state = None
        for base_depth in range(depth):
            base = "/".join(parts[:base_depth])
            rules = _patterns_of(root / base / ".gitignore") if base else _patterns_of(root / ".gitignore")
            inner = target[len(base) + 1 :] if base else target
            for pattern in rules:
                if _matches(pattern, inner, is_dir):
                    state = not pattern.negated
        if state:
            return True
    return False


def tracked(root: Path, path: Path) -> bool:
    """Whether git already tracks ``path`` (ignoring does not untrack a committed file)."""
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return False
    result = subprocess.run(
        [git, "-C", str(root), "ls-files", "--error-unmatch", "--", str(path.relative_to(root))],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0
