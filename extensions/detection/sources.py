"""A bounded sample of the project's source and configuration text, read once for every content rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .tree import Tree

SOURCE_SUFFIXES = (
    ".py", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".vue", ".php", ".go", ".cs", ".dart",
    ".kt", ".kts", ".swift", ".prisma", ".sql", ".graphql",
)  # fmt: skip
CONFIG_NAMES = (
    ".env", ".env.example", ".env.sample", ".env.dist", ".env.template", "docker-compose*.yml", "docker-compose*.yaml",
    "compose.yml", "compose.yaml", "appsettings*.json", "alembic.ini", "knexfile.*", "drizzle.config.*", "ormconfig.*",
)  # fmt: skip
# Files whose paths suggest they hold models, schemas, settings or auth code are read first.
HINTS = re.compile(
    "model|schema|entit|migration|setting|config|database|auth|session|token|middleware|user|api|client|http"
    "|store|patient|tenant|org|account",
    re.IGNORECASE,
)
MAX_FILES = 1500
READ_BYTES = 64 * 1024
TOTAL_BYTES = 24 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    rel: str
    text: str

    @property
    def name(self) -> str:
        return self.rel.rsplit("/", 1)[-1]


class Sources:
    def __init__(self, tree: Tree):
        self.tree = tree

    @cached_property
    def code(self) -> list[Source]:
        """Source files, the most telling first, within the file and byte budgets."""
        candidates = [rel for rel in self.tree.files if rel.endswith(SOURCE_SUFFIXES)]
        candidates.sort(key=_priority)
        return self._read(candidates[:MAX_FILES])

    @cached_property
    def config(self) -> list[Source]:
        """Environment examples, compose files and database configuration."""
        return self._read([rel for rel in self.tree.named(*CONFIG_NAMES) if rel in self.tree.file_set])

    @cached_property
    def everything(self) -> list[Source]:
        return self.config + self.code

    def _read(self, paths: list[str]) -> list[Source]:
        found, total = [], 0
        for rel in paths:
            text = self.tree.read(rel, READ_BYTES)
            if text is None:
                continue
            total += len(text)
            if total > TOTAL_BYTES:
                self.tree.warn(f"more than {TOTAL_BYTES // (1024 * 1024)} MB of source; the rest was not examined")
                break
            found.append(Source(rel, text))
        return found


def _priority(rel: str) -> tuple[bool, int, str]:
    return (HINTS.search(rel) is None, rel.count("/"), rel)
