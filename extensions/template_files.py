"""Which files the template writes into a stack's folder for a set of answers.

The names come from the stack's subtree, each path part rendered as Copier renders it (a part that
renders empty is skipped, ``.jinja`` is dropped). In an existing application Copier is told to
exclude every one of them outside the stack's ``owned`` paths (the ``_exclude`` of copier.yml), so
it never writes, and never asks about, a file of the host; the formatter and the after-copy message
name exactly these files.
"""

from __future__ import annotations

from collections.abc import Mapping
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

import manifests

TEMPLATE = manifests.ROOT / "template"
SUFFIX = ".jinja"
EXCLUDED_PARTS = ("__pycache__",)
EXCLUDED_SUFFIXES = (".pyc",)


def subtree(stack: manifests.Stack, template: Path = TEMPLATE) -> Path:
    return template / f"{{{{ {stack.name}_dir }}}}"


def template_of(context: Mapping[str, Any]) -> Path:
    """The template folder of the copy ``context`` belongs to. Copier clones the template afresh for each render
    of an update (the old version, then the new) and deletes the clone after it: a path kept from the first
    import of this module would name a folder that is gone."""
    conf = context.get("_copier_conf")
    source = conf.get("src_path") if isinstance(conf, Mapping) else getattr(conf, "src_path", None)
    return Path(source) / "template" if source else TEMPLATE


def written_files(stack: manifests.Stack, context: Mapping[str, Any], template: Path = TEMPLATE) -> list[str]:
    """The paths, relative to the stack's folder, the template writes for ``context`` (the answers and the
    computed values of extensions/context.py), sorted."""
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    source = subtree(stack, template)
    written = []
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.suffix in EXCLUDED_SUFFIXES:
            continue
        # Copier drops the suffix from the template's name, then renders it: `{% if x %}a{% endif %}.jinja` is a.
        *folders, name = path.relative_to(source).parts
        parts = [environment.from_string(part).render(context) for part in (*folders, name.removesuffix(SUFFIX))]
        if any(not part or part in EXCLUDED_PARTS for part in parts):
            continue
        written.append("/".join(parts))
    return written


def is_owned(path: str, owned: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(f"{root}/") for root in owned)


def written_into_existing_app(path: str, stack: manifests.Stack) -> bool:
    """Whether ``path`` (relative to the stack's folder) is written into an existing application: an owned
    file, unless only a new project gets it (its tests, which need that project's own test setup)."""
    return is_owned(path, stack.owned) and not any(fnmatch(path, pattern) for pattern in stack.new_project_only)


def existing(context: Mapping[str, Any], kind: str) -> bool:
    """Whether the chosen ``kind`` is added to an application its folder already holds (see manifests)."""
    return str(context.get(manifests.existing_answer(kind), False)).lower() in ("true", "yes", "1")


def owned_clashes(context: Mapping[str, Any], destination: Path) -> list[str]:
    """Owned paths (relative to ``destination``) an existing application already has before the auth's first copy
    (no answers file yet): Copier would otherwise stop at a conflict on the first file of the same name."""
    answers_file = destination / str(context.get("_copier_conf", {}).get("answers_file", ".copier-answers.yml"))
    if answers_file.is_file():
        return []
    clashes = []
    for kind in manifests.KINDS:
        stack = manifests.load_stacks().get(str(context.get(kind, "none")))
        if stack is None or not existing(context, kind):
            continue
        folder = PurePosixPath(str(context.get(f"{kind}_dir") or "."))
        clashes += [str(folder / owned) for owned in stack.owned if (destination / str(folder) / owned).exists()]
    return clashes


def host_files_excluded(context: Mapping[str, Any]) -> str:
    """Copier ``_exclude`` patterns, one a line: in an existing application, every file of the stack's subtree
    outside its ``owned`` paths (its folder's own README, package.json, settings...), so Copier never writes or
    asks about one, and the owned files only a new project gets. Empty before the answers are known and for a
    new project."""
    patterns = []
    for kind in manifests.KINDS:
        stack = manifests.load_stacks().get(str(context.get(kind, "none")))
        if stack is None or not stack.built or not existing(context, kind) or "mode" not in context:
            continue
        folder = PurePosixPath(str(context.get(f"{kind}_dir") or "."))
        for path in written_files(stack, context, template_of(context)):
            if not written_into_existing_app(path, stack):
                patterns.append(f"/{folder / path}".replace("/./", "/"))
    return "\n".join(patterns)
