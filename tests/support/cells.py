"""The conformance matrix: cells of (stack, mode, transport, database, store), read from stacks/*.yml.

A planned stack is absent from the matrix. The default ``pytest`` run holds one cell per built
backend (``default_cell``), so the default run grows by one cell per stack; every other cell
carries the ``full`` marker (`bash dev conformance-full`).
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "extensions") not in sys.path:
    sys.path.insert(0, str(ROOT / "extensions"))

from manifests import Stack, load_stacks  # noqa: E402

APP_URL = "https://app.conformance.test"  # https: the production cookie flags and prefixes apply
MODES = (1, 2, 3, 4)
TRANSPORTS = ("bearer", "cookie")
STORES = ("embedded", "redis")
# Databases the harness can start on this machine (MariaDB stands for mysql).
RUNNABLE_DATABASES = ("sqlite", "postgresql", "mysql")


@dataclass(frozen=True, order=True)
class Cell:
    stack: str
    mode: int
    transport: str
    database: str
    store: str = "embedded"

    @property
    def id(self) -> str:
        return f"{self.stack}-m{self.mode}-{self.transport}-{self.database}-{self.store}"

    def answers(self) -> dict:
        return {
            "project_name": "conformance",
            "backend": self.stack,
            "frontend": "none",
            "mobile": "none",
            "mode": self.mode,
            "database": self.database,
            "transport": self.transport,
            "email": "smtp",
            "rate_limit_store": self.store,
            "backend_dir": "backend",
            "app_url": APP_URL,
        }


def built_backends(stacks: dict[str, Stack] | None = None) -> list[Stack]:
    stacks = load_stacks() if stacks is None else stacks
    return [s for s in stacks.values() if s.kind == "backend" and s.built]


def full_matrix(stack: Stack) -> list[Cell]:
    databases = [d for d in stack.databases if d in RUNNABLE_DATABASES]
    return [
        Cell(stack.name, mode, transport, database, store)
        for mode, transport, database, store in itertools.product(MODES, TRANSPORTS, databases, STORES)
    ]


def default_cell(stack: Stack) -> Cell:
    """The cell that holds the most cases: mode 4 (every mode's cases apply) with cookies (CSRF and
    cookie flags too), on the stack's first server database when it has one, with the Redis store."""
    databases = [d for d in stack.databases if d in RUNNABLE_DATABASES]
    return Cell(stack.name, max(MODES), "cookie", databases[1] if len(databases) > 1 else databases[0], "redis")


def fault_cell(stack: Stack) -> Cell:
    """The cell tests/faults breaks: mode 3 (verification mail, audit rows, sessions API) in bearer
    transport, on PostgreSQL and Redis, the two dependencies an operator restarts."""
    return Cell(stack.name, 3, "bearer", "postgresql", "redis")


def matrix(stacks: dict[str, Stack] | None = None) -> list[tuple[Cell, bool]]:
    """Every cell of every built backend, with True for the stack's default cell."""
    found = []
    for stack in built_backends(stacks):
        default = default_cell(stack)
        found.extend((cell, cell == default) for cell in full_matrix(stack))
    return found
