"""``.env`` files: kept out of git, documented by an example, holding keys long enough."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import gitignore
from .finding import Finding, Rule, Severity
from .project import Project
from .text import key_bits
from .tree import is_env_example, is_env_file

FAMILY = "env files"
NOT_IGNORED = Rule(
    "UA-ENV-NOT-IGNORED",
    ".env is not git-ignored",
    Severity.HIGH,
    "Add `.env` to .gitignore (and `git rm --cached` it if it was committed), then rotate its secrets.",
    FAMILY,
)
EXAMPLE_MISSING = Rule(
    "UA-ENV-EXAMPLE-MISSING",
    ".env has no .env.example beside it",
    Severity.MEDIUM,
    "Commit a .env.example listing every key with placeholders, never real values.",
    FAMILY,
)
SHORT_KEY = Rule(
    "UA-ENV-SHORT-KEY",
    "Signing key shorter than 256 bits",
    Severity.HIGH,
    "Generate a 256-bit key: `openssl rand -hex 32` (64 hex characters).",
    FAMILY,
)
RULES = (NOT_IGNORED, EXAMPLE_MISSING, SHORT_KEY)

ENV_LINE = re.compile(r"^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(?P<value>.*)$", re.M)
SIGNING_KEY = re.compile(r"(?i)(jwt|token|signing|session).*(secret|key)|^(auth_|app_|django_)?secret(_key)?$")
NOT_A_KEY = re.compile(r"(?i)previous|public|algorithm|alg$|ttl|lifetime|issuer|audience|_id$|file$|path$")


def value_of(raw: str) -> str:
    raw = raw.strip()
    if raw[:1] in ("'", '"'):
        end = raw.find(raw[0], 1)
        return raw[1:end] if end > 0 else raw[1:]
    return re.split(r"\s+#", raw, maxsplit=1)[0].strip()


def finish(project: Project) -> Iterator[Finding]:
    env_files = [source for source in project.sources if is_env_file(source.name)]
    folders_with_example = {source.rel.rpartition("/")[0] for source in env_files if is_env_example(source.name)}
    for source in env_files:
        if is_env_example(source.name):
            continue
        if gitignore.tracked(project.root, source.path):
            yield Finding(
                NOT_IGNORED,
                f"{source.rel} is committed to git",
                source.rel,
                1,
                fix="`git rm --cached` it, add it to .gitignore and rotate every secret it held.",
            )
        elif not gitignore.ignored(project.root, source.path):
            yield Finding(NOT_IGNORED, f"{source.rel} would be committed: no .gitignore rule covers it", source.rel, 1)
        if source.name == ".env" and source.rel.rpartition("/")[0] not in folders_with_example:
            yield Finding(EXAMPLE_MISSING, f"no .env.example next to {source.rel}", source.rel, 1)
        yield from _short_keys(source)


def _short_keys(source) -> Iterator[Finding]:
    for match in ENV_LINE.finditer(source.text):
        name, value = match["name"], value_of(match["value"])
        if not SIGNING_KEY.search(name) or NOT_A_KEY.search(name) or not value:
            continue
        bits = key_bits(value)
        if bits < 256:
            line = source.line_of(match.start())
            if not source.suppressed(line):
                yield Finding(SHORT_KEY, f"{name} carries about {bits} bits; HS256 needs 256", source.rel, line)
