"""Which stack each part of the project uses and where it lives, from the manifests' ``detect:`` signals."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

import manifests

from .model import Confidence, Finding
from .packages import MANIFESTS, Packages, provides
from .tree import Tree, parent

DEPENDENCY_KINDS = frozenset(MANIFESTS)


@dataclass(frozen=True)
class Match:
    """A stack whose signals hold in one folder."""

    stack: manifests.Stack
    folder: str
    evidence: tuple[str, ...]
    confidence: Confidence

    @property
    def rank(self) -> tuple[int, int, int]:
        return (self.confidence, len(self.evidence), -self.folder.count("/") - (self.folder != "."))


def _joined(folder: str, relative: str) -> str:
    return posixpath.normpath(relative if folder == "." else f"{folder}/{relative}")


def _exists(tree: Tree, folder: str, relative: str) -> bool:
    path = _joined(folder, relative)
    return path in tree.file_set or path in tree.dir_set


def signal_evidence(signal: manifests.Signal, folder: str, tree: Tree, packages: Packages) -> str | None:
    """What shows ``signal`` in ``folder``, or None when it does not hold there."""
    if any(_exists(tree, folder, path) for path in signal.unless_files):
        return None
    if signal.kind in DEPENDENCY_KINDS:
        declared = packages.of(signal.kind, folder)
        if provides(signal.kind, declared, signal.target) and not any(
            provides(signal.kind, declared, other) for other in signal.unless
        ):
            return f"{signal.name} ({signal.kind} dependency)"
        return None
    if any(tree.glob(folder, pattern) for pattern in signal.unless):
        return None
    if signal.kind == "file":
        return signal.target if _joined(folder, signal.target) in tree.file_set else None
    return signal.target if tree.glob(folder, signal.target) else None


def declaring_folder(kind: str, folder: str, packages: Packages) -> str:
    """The nearest folder from ``folder`` up that has a dependency manifest of ``kind``."""
    while folder != "." and not packages.manifest_files(kind, folder):
        folder = parent(folder)
    return folder


def inherited_evidence(
    stack: manifests.Stack, folder: str, tree: Tree, packages: Packages
) -> list[tuple[manifests.Signal, str, str]]:
    """The stack's dependency signals that hold in the manifest of the nearest folder above ``folder``,
    when ``folder`` has none of that kind (a Pipfile or pyproject.toml at the repository root declares
    Django for the manage.py in a subfolder), each with the folder that declares it."""
    held = []
    for signal in stack.detect:
        if signal.kind not in DEPENDENCY_KINDS:
            continue
        above = declaring_folder(signal.kind, folder, packages)
        if above != folder and signal_evidence(signal, above, tree, packages):
            declared_in = "the root" if above == "." else f"{above}/"
            held.append((signal, f"{signal.name} ({signal.kind} dependency of {declared_in})", above))
    return held


def candidate_folders(tree: Tree, packages: Packages) -> list[str]:
    """Folders with a dependency manifest, or where a file or glob signal anchors."""
    folders = set(packages.folders())
    for stack in manifests.load_stacks().values():
        for signal in stack.detect:
            target = signal.target
            if signal.kind in DEPENDENCY_KINDS or "**" in target:
                continue
            depth = target.count("/") + 1
            for rel in tree.named(target.rsplit("/", 1)[-1]):
                folder = rel
                for _ in range(depth):
                    folder = parent(folder)
                folders.add(folder)
    return sorted(folders)


def matches(tree: Tree, packages: Packages) -> list[Match]:
    """Every (stack, folder) where at least one of the stack's signals holds, best first."""
    found = []
    # A folder whose manifest only declares the stack for an app in a folder below it is not an app itself.
    lent: set[tuple[str, str]] = set()
    anchored: set[tuple[str, str]] = set()
    folders = candidate_folders(tree, packages)
    for stack in manifests.load_stacks().values():
        for folder in folders:
            held = [(signal, e) for signal in stack.detect if (e := signal_evidence(signal, folder, tree, packages))]
            if not held:
                continue
            if any(signal.kind not in DEPENDENCY_KINDS for signal, _ in held):
                anchored.add((stack.name, folder))
            if all(signal.kind not in DEPENDENCY_KINDS for signal, _ in held):
                for signal, lent_evidence, above in inherited_evidence(stack, folder, tree, packages):
                    held.append((signal, lent_evidence))
                    lent.add((stack.name, above))
            # A declared dependency is strong evidence; a lone file or glob (go.mod, *.xcodeproj) is not.
            strong = len(held) > 1 or any(signal.kind in DEPENDENCY_KINDS for signal, _ in held)
            evidence = tuple(e for _, e in held)
            found.append(Match(stack, folder, evidence, Confidence.HIGH if strong else Confidence.MEDIUM))
    kept = [match for match in found if (key := (match.stack.name, match.folder)) not in lent or key in anchored]
    return sorted(kept, key=lambda match: match.rank, reverse=True)


def choose(kind: str, found: list[Match]) -> tuple[Finding, Finding]:
    """The stack of ``kind`` and its folder: a rival stack of equal strength makes both uncertain."""
    of_kind = [match for match in found if match.stack.kind == kind]
    if not of_kind:
        return Finding(None), Finding(None)
    best = of_kind[0]
    confidence = best.confidence
    evidence = ", ".join(best.evidence) + (f" in {best.folder}/" if best.folder != "." else "")
    rivals = [match for match in of_kind[1:] if match.stack.name != best.stack.name]
    if rivals:
        rival = rivals[0]
        confidence = Confidence.LOW if rival.rank == best.rank else min(confidence, rival.confidence).lowered()
        evidence += f"; but also {rival.stack.label}" + (f" in {rival.folder}/" if rival.folder != "." else "")
    same_stack = [match for match in of_kind if match.stack.name == best.stack.name]
    folder_confidence = confidence if len(same_stack) == 1 else min(confidence, Confidence.MEDIUM)
    folder_note = "" if len(same_stack) == 1 else "; also in " + ", ".join(f"{m.folder}/" for m in same_stack[1:])
    return (
        Finding(best.stack.name, confidence, evidence),
        Finding(best.folder, folder_confidence, f"{best.stack.label} found there{folder_note}"),
    )
