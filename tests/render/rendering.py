"""Render the template through copier's API and inspect the result."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import copier

ROOT = Path(__file__).resolve().parents[2]

# What an unrendered Jinja tag looks like; JSX's `style={{ ... }}` and Vue's `{{ count }}`
# do not match because they never name a copier answer or computed value.
ANSWER_NAMES = (
    "project_name|backend|frontend|mobile|mode|database|transport|email|rate_limit_store|app_url"
    "|roles|consent_version|has_\\w+|is_hipaa|uses_cookies|role_names|tunables|policy|_copier\\w*|\\w+_dir"
)
JINJA_STATEMENTS = "if|for|set|endif|endfor|raw|include|from|import|else|elif"
LEFTOVER = re.compile(r"\{%-?\s*(" + JINJA_STATEMENTS + r")\b|\{\{-?\s*(" + ANSWER_NAMES + r")\b")


def render(dst: Path, answers: dict, **kwargs) -> Path:
    copier.run_copy(str(ROOT), dst, data=answers, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True, **kwargs)
    return dst


def text_files(root: Path):
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".git" not in path.parts:
            data = path.read_bytes()
            if b"\0" not in data[:4096]:
                yield path, data.decode("utf-8", errors="replace")


def leftovers(root: Path) -> list[str]:
    return [
        f"{path.relative_to(root)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group(0)}"
        for path, text in text_files(root)
        for match in LEFTOVER.finditer(text)
    ]


# Tool caches the formatter hook may leave behind; they are not part of what the template generates.
CACHES = {".git", ".ruff_cache", "__pycache__", "node_modules", ".pytest_cache"}


def file_list(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and not CACHES & set(p.relative_to(root).parts)
    )


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    executable = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    return subprocess.run([executable, *args], cwd=cwd, capture_output=True, text=True)
