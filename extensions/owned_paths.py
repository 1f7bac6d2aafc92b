"""What a stack writes into an existing application: its ``owned`` paths, nothing else.

Copier's ``_exclude`` receives, for a part added to an existing application, every entry of the
stack's subtree that is not owned (and the owned files only a new project gets), so the host's
own files are never rendered over, and no conflict prompt can appear.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

import manifests


class _Present(jinja2.Undefined):
    """Any answer a name tests: taken as true, so every conditional file of the subtree is considered."""

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:
        return ""


_NAMES = jinja2.Environment(undefined=_Present)


def destination_name(name: str) -> str:
    """A template entry's name in an existing application (``new_frontend`` and ``new_host`` false, every
    other condition true), without ``.jinja``."""
    plain = _NAMES.from_string(name).render(new_frontend=False, new_host=False)
    return plain[: -len(".jinja")] if plain.endswith(".jinja") else plain


def _outside(source: Path, relative: str, owned: tuple[str, ...]) -> list[str]:
    found = []
    for entry in sorted(source.iterdir()):
        path = f"{relative}{destination_name(entry.name)}"
        if not path or path in owned:
            continue
        if any(item.startswith(f"{path}/") for item in owned):
            found += _outside(entry, f"{path}/", owned)
        else:
            found.append(path)
    return found


def excluded_from_existing_app(template: str | Path, stack_name: str, folder: str, existing: object) -> str:
    """Newline-separated ``_exclude`` patterns for the stack ``stack_name`` rendered into ``folder``: empty
    for a new project, the stack's entries outside ``owned`` (and its ``new_project_only``) for an existing one.
    ``template`` is the template's root as copier has it (a fresh clone on each run)."""
    stack = manifests.load_stacks().get(stack_name)
    if stack is None or not stack.owned or str(existing).lower() not in ("true", "yes", "1"):
        return ""
    base = "" if folder in ("", ".") else f"{folder.strip('/')}/"
    subtree = Path(template) / "template" / f"{{{{ {stack.name}_dir }}}}"
    paths = [*_outside(subtree, "", stack.owned), *stack.new_project_only]
    return "\n".join(f"/{base}{path}" for path in paths)
