"""What the load harness needs from every server it measures, ours or a peer's."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .processes import Service

if TYPE_CHECKING:
    from support.services import Postgres

    from .hashing import HashRunner

PASSWORD = "lunar 7f3c9a orchard 51d2 quiet"  # one fixed strong password: every subject hashes the same input


@dataclass(frozen=True)
class Request:
    """A login as wrk and the sequential timer send it."""

    path: str
    body: str
    content_type: str

    @staticmethod
    def json(path: str, payload: dict) -> Request:
        return Request(path, json.dumps(payload), "application/json")


class Subject(ABC):
    name: str
    label: str
    language: str  # the runtime whose bare hash the login is compared with: the manifests' `runtime`
    ours: bool
    peer: str | None = None  # ours: the peer its targets compare with (the manifest's bench_peer)
    database_name: str | None = None  # on PostgreSQL: the database it was prepared on
    processes: str  # how it is served, for the table
    me_path: str
    refresh_path: str | None = None

    @abstractmethod
    def prepare(self, postgres: Postgres | None = None) -> None:
        """Install, create the database (SQLite, or a new database of ``postgres``) and the accounts;
        runs once, before the first round."""

    @abstractmethod
    def start(self) -> Service:
        """A running server on the prepared database."""

    @abstractmethod
    def hash_runner(self) -> HashRunner: ...

    @abstractmethod
    def login_request(self) -> Request: ...

    @abstractmethod
    def me_headers(self, service: Service) -> dict[str, str]:
        """Logs in and returns what authenticates GET ``me_path``."""

    def anonymous_me_refused(self, status: int, body: str) -> bool:
        return status == 401

    def refresh_tokens(self, service: Service, count: int) -> list[str]:
        raise NotImplementedError(f"{self.name} has no refresh endpoint")

    @abstractmethod
    def versions(self) -> dict[str, str]: ...

    @abstractmethod
    def close(self) -> None:
        """Removes what prepare made outside the caches."""
