"""What a task knows about the project it runs in: the answers and where each part lives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import manifests

# copier renders the old and the new template version into folders named like this
# while it updates; tasks run there too and must leave them alone.
TEMPORARY_RENDER_PREFIXES = ("copier._main.old_copy.", "copier._main.new_copy.")


def in_temporary_render(path: Path) -> bool:
    return any(part.startswith(TEMPORARY_RENDER_PREFIXES) for part in path.resolve().parts)


@dataclass(frozen=True)
class Project:
    root: Path
    answers: dict[str, Any]

    @property
    def mode(self) -> int:
        return int(self.answers.get("mode", 1))

    def stack(self, kind: str) -> manifests.Stack | None:
        return manifests.load_stacks().get(self.answers.get(kind, "none"))

    def folder(self, kind: str) -> Path | None:
        """The folder of the chosen ``kind`` (backend, frontend, mobile), or None."""
        if self.stack(kind) is None:
            return None
        return (self.root / self.answers.get(f"{kind}_dir", ".")).resolve()

    def existing(self, kind: str) -> bool:
        """Whether the chosen ``kind`` is added to an application its folder already holds."""
        return bool(self.answers.get(manifests.existing_answer(kind), False))

    def parts(self) -> list[tuple[manifests.Kind, manifests.Stack, Path]]:
        """(kind, stack, folder) of each chosen part."""
        found = []
        for kind in manifests.KINDS:
            stack, folder = self.stack(kind), self.folder(kind)
            if stack is not None and folder is not None:
                found.append((kind, stack, folder))
        return found
