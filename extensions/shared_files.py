"""One source for files that several stacks render identically: ``shared/`` at the repository root.

A stack takes a shared file through a git symlink in its subtree, named like any other file
there, conditions included: ``template/{{ react_dir }}/src/lib/auth/{% if has_mfa %}mfa.ts{% endif %}``
-> ``shared/web/lib/auth/mfa.ts``. Copier 9.19 checked by experiment (local folder, local git
repository and ``git+file://`` sources, ``copier copy`` and ``copier update``): with the default
``_preserve_symlinks: false`` it writes the target's bytes as a regular file, a link whose name
ends in ``.jinja`` is rendered with the project's answers, and a target outside ``_subdirectory``
is allowed as long as it stays inside the template repository (anything else is a
``ForbiddenPathError``). ``shared/`` itself lies outside ``_subdirectory``, so it never reaches
a project.

A link carries no value of its own, so a shared ``.jinja`` file where two stacks differ on purpose
is pulled in by a one-line stub instead, ``{{ shared_file("web/lib/api/index.ts.jinja",
server_rendered=true) }}``, which renders it with the caller's context plus those keyword
arguments; the answers alone cannot say which stack's subtree a file lands in. Copier's Jinja
loader is rooted at the repository, not at ``_subdirectory``, so the name is relative to
``shared/``'s parent.

Git without symlink support (Windows without Developer Mode and ``core.symlinks``) checks a link
out as a small file holding the target's path; ``SharedFiles`` refuses such a checkout rather than
render those paths into a project.
"""

from __future__ import annotations

from pathlib import Path

from copier.errors import UserMessageError
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context

SHARED_FOLDER = "shared"

# A link's text is a relative path of a few hundred bytes at most; shared sources are larger.
POINTER_SIZE = 512


class SharedFiles(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.globals["shared_file"] = shared_file
        for root in getattr(environment.loader, "searchpath", ()):
            refuse_pointer_files(Path(root))


def pointer_files(root: Path) -> list[Path]:
    """Files of ``root/template`` that are links checked out as text: their content names a shared file."""
    shared = (root / SHARED_FOLDER).resolve()
    found = []
    for path in (root / "template").rglob("*"):
        if path.is_symlink() or not path.is_file() or path.stat().st_size > POINTER_SIZE:
            continue
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if text.startswith("..") and "\n" not in text:
            target = (path.parent / text).resolve()
            if target.is_relative_to(shared) and target.is_file():
                found.append(path)
    return found


def refuse_pointer_files(root: Path) -> None:
    if pointers := pointer_files(root):
        raise UserMessageError(
            f"{len(pointers)} symlinks of this template were checked out as plain files "
            f"(e.g. {pointers[0].relative_to(root)}): git here has core.symlinks off. "
            "Enable symlinks (on Windows: Developer Mode and `git config --global core.symlinks true`) "
            "and run copier again."
        )


@pass_context
def shared_file(context: Context, name: str, **differences: object) -> str:
    """``shared/<name>`` (a ``.jinja`` file) rendered with the caller's context and ``differences``."""
    if not name.endswith(".jinja"):
        raise ValueError(f"{name} is copied verbatim: link it from the stack's subtree instead")
    template = context.environment.get_template(f"{SHARED_FOLDER}/{name}")
    return template.render({**context.get_all(), **differences})
