"""The one-line refusal of a stack that cannot be generated: a planned one, or a name no manifest has.

Copier prints a ``UserMessageError`` as one line and exits 1, where a failed validator or choice
becomes a traceback. The before-copy message and the stack questions' defaults call these, so a
copy asked for a planned or unknown stack (with ``--data``, or by detection under ``--defaults``)
stops before the first question with a sentence naming the stacks that work. Asked interactively,
a detected planned stack only leaves the question without a default of its kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from copier.errors import UserMessageError

import manifests
import suggestions
from detection import Confidence, profile_for


def working(kind: manifests.Kind) -> str:
    """The stacks of ``kind`` that can be generated, and the --data that chooses one."""
    built = [stack for stack in manifests.stacks_of(kind) if stack.built]
    names = "|".join(stack.name for stack in built)
    return f"{', '.join(stack.label for stack in built)}. Choose one with --data {kind}={names}"


def problem(kind: manifests.Kind, name: str, found_here: bool = False) -> str:
    """Why ``name`` cannot be the ``kind`` of this copy, in one line, or an empty string when it can."""
    if name == "none":
        return ""
    stack = manifests.load_stacks().get(name)
    if stack is not None and stack.kind == kind and stack.built:
        return ""
    if stack is not None and stack.kind == kind:
        what = f"{stack.label}{' (found in this project)' if found_here else ''} is planned, not built yet"
    else:
        what = f"there is no {kind} named {name!r}"
    return f"universal-auth: {what}. The {kind}s that work: {working(kind)}, or {kind}=none."


def planned_here(kind: manifests.Kind, dst: str | Path) -> str | None:
    """The name of a planned stack detection found (HIGH) in the destination, or None."""
    found = profile_for(dst).get(kind)
    stack = manifests.load_stacks().get(found.value) if isinstance(found.value, str) else None
    if stack is not None and not stack.built and found.confidence >= Confidence.HIGH:
        return stack.name
    return None


def refuse_unbuildable(
    data: Mapping[str, Any], dst: str | Path, non_interactive: bool, previous: Mapping[str, Any] | None = None
) -> str:
    """Raise the refusal when ``--data`` names a stack that cannot be generated, or when, without questions,
    detection would choose a planned one (``previous`` answers, from an earlier copy, are used before detection);
    an empty string (nothing to print) otherwise."""
    for kind in manifests.KINDS:
        if kind in data:
            reason = problem(kind, str(data[kind]))
        elif non_interactive and kind not in (previous or {}) and (planned := planned_here(kind, dst)):
            reason = problem(kind, planned, found_here=True)
        else:
            continue
        if reason:
            raise UserMessageError(reason)
    return ""


def suggest_stack(kind: manifests.Kind, dst: str | Path, fallback: str, non_interactive: bool) -> str:
    """The default of the ``kind`` question: never a planned stack, which its validator would refuse."""
    if planned_here(kind, dst) is None:
        return str(suggestions.suggest(kind, dst, fallback))
    if non_interactive:
        raise UserMessageError(problem(kind, str(planned_here(kind, dst)), found_here=True))
    return "none"
