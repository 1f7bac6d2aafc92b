"""The reviewed tree as the cross-file checks see it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .tree import SourceFile


@dataclass
class Project:
    root: Path
    sources: list[SourceFile] = field(default_factory=list)

    def code(self, *languages: str) -> Iterator[SourceFile]:
        """Non-test source files, optionally of the given languages."""
        for source in self.sources:
            if source.language != "config" and not source.is_test and (not languages or source.language in languages):
                yield source

    def first(
        self, pattern: re.Pattern, sources: Iterator[SourceFile], hints: tuple[str, ...]
    ) -> tuple[SourceFile, int] | None:
        """The first (file, line) where ``pattern`` matches, in files holding one of the ``hints`` (when given)."""
        for source in sources:
            if hints and not source.has(*hints):
                continue
            match = pattern.search(source.text)
            if match and not source.suppressed(source.line_of(match.start())):
                return source, source.line_of(match.start())
        return None
