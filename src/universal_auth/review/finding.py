"""What a check reports: rules, severities and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 0, "medium": 1, "low": 2}[self.value]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    fix: str
    family: str


@dataclass(frozen=True)
class Finding:
    rule: Rule
    message: str
    path: str | None = None  # relative to the reviewed root, with forward slashes
    line: int | None = None
    url: str | None = None
    severity: Severity | None = None  # overrides the rule's default for this occurrence
    fix: str | None = None  # overrides the rule's fix when this occurrence needs a more precise one

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def level(self) -> Severity:
        return self.severity or self.rule.severity

    @property
    def remedy(self) -> str:
        return self.fix or self.rule.fix

    @property
    def where(self) -> str:
        if self.url:
            return self.url
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or "."

    def sort_key(self) -> tuple:
        return (self.level.rank, self.path or "", self.line or 0, self.url or "", self.rule.id, self.message)

    def as_dict(self) -> dict:
        return {
            "rule": self.rule.id,
            "severity": self.level.value,
            "path": self.path,
            "line": self.line,
            "url": self.url,
            "location": self.where,
            "message": self.message,
            "fix": self.remedy,
        }


@dataclass
class Report:
    root: str
    url: str | None = None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # measurements and skipped checks, for people
    files_scanned: int = 0
    seconds: float = 0.0

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.level is severity)

    @property
    def has_high(self) -> bool:
        return self.count(Severity.HIGH) > 0
