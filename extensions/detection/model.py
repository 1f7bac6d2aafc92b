"""What detection reports: one finding per field, each with a confidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Confidence(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    VERY_HIGH = 4  # only remembered preferences reach it: five or more consistent answers

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    def lowered(self) -> Confidence:
        return Confidence(max(self - 1, Confidence.LOW))


@dataclass(frozen=True)
class Finding:
    value: Any
    confidence: Confidence = Confidence.LOW
    evidence: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None


UNKNOWN = Finding(None)


@dataclass
class Profile:
    """Everything detected in one destination; ``UNKNOWN`` where nothing was found."""

    project_name: Finding = UNKNOWN
    backend: Finding = UNKNOWN
    frontend: Finding = UNKNOWN
    mobile: Finding = UNKNOWN
    backend_dir: Finding = UNKNOWN
    frontend_dir: Finding = UNKNOWN
    mobile_dir: Finding = UNKNOWN
    database: Finding = UNKNOWN
    orm: Finding = UNKNOWN
    existing_auth: Finding = UNKNOWN  # value: tuple of what was found, e.g. ("django-allauth", "auth/ directory")
    user_model: Finding = UNKNOWN  # a custom user model or users table to coexist with
    auth_routes: Finding = UNKNOWN  # value: files already routing under /auth, where generated routes would clash
    transport: Finding = UNKNOWN
    rate_limit_store: Finding = UNKNOWN
    tenancy: Finding = UNKNOWN
    sensitivity: Finding = UNKNOWN
    mode: Finding = UNKNOWN  # the lowest mode the sensitivity calls for
    code_style: Finding = UNKNOWN  # value: dict such as {"quotes": "single", "indent": "2 spaces"}
    warnings: list[str] = field(default_factory=list)

    def get(self, name: str) -> Finding:
        found = getattr(self, name, UNKNOWN)
        return found if isinstance(found, Finding) else UNKNOWN
