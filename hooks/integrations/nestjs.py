"""Wires the NestJS auth feature (the owned folder ``auth/``) into an existing Nest application.

One edit: the root module, the one ``NestFactory.create()`` starts in the entry file package.json
leads to (``src/main.ts`` usually), imports ``AuthModule.forRoot()`` first in its ``imports`` array,
with the import line among its own. A host that has an ``AuthModule`` of its own gets the auth's
under another name, and a host serving ``/health`` itself gets ``forRoot({ health: false })``. The
packages, the build and the after-copy commands are Express's: the same ``auth/`` folder layout
and the same Node packages, named in the manifest.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from express import (
    AUTH_FOLDER,
    IMPORT_END,
    auth_specifier,
    commands,
    entry_candidates,
    install_commands,
    notes,
    quote_of,
    read,
)

from integration import MARKER, Edit, marked
from project import Project

__all__ = ["commands", "edits", "install_commands", "notes"]

USUAL_ENTRIES = ("src/main.ts", "src/main.js")
CREATES_APP = re.compile(r"NestFactory\.create(?:<[^>]*>)?\(\s*(?P<module>\w+)\b")
# `@Module({` on a line of its own, then the class it decorates.
MODULE_DECORATOR = re.compile(r"^(?P<indent>[ \t]*)@Module\(\{[ \t]*$", re.MULTILINE)
IMPORTS_OPEN = re.compile(r"^(?P<indent>[ \t]*)imports:\s*\[[ \t]*$", re.MULTILINE)
HEALTH_CONTROLLER = re.compile(r"""@Controller\(\s*(['"])/?health\1\s*\)""")
NAME = "AuthModule"
RENAMED = "UniversalAuthModule"


def entry_file(folder: Path) -> Path | None:
    """The first entry (package.json's main and scripts, then the usual ones) that calls ``NestFactory.create``."""
    for path in [*entry_candidates(folder), *(folder / name for name in USUAL_ENTRIES)]:
        text = read(path) if path.is_file() else None
        if text is not None and CREATES_APP.search(text):
            return path
    return None


def resolve_module(origin: Path, specifier: str) -> Path | None:
    """``./app.module`` is ``app.module.ts`` (a name with dots: the suffix is added, never replaced)."""
    target = (origin.parent / specifier).resolve()
    stem = target.with_suffix("") if target.suffix in (".js", ".mjs", ".cjs") else target
    candidates = [target, *(stem.parent / f"{stem.name}{suffix}" for suffix in (".ts", ".mts", ".cts", ".js"))]
    return next((path for path in candidates if path.is_file()), None)


def root_module_file(folder: Path) -> Path | None:
    """The file of the module ``NestFactory.create(X)`` starts: where the entry imports X from."""
    entry = entry_file(folder)
    text = read(entry) if entry else None
    if entry is None or text is None or not (created := CREATES_APP.search(text)):
        return None
    name = created["module"]
    imported = re.search(rf"""import\s*\{{[^}}]*\b{name}\b[^}}]*\}}\s*from\s*(['"])(\.{{1,2}}/[^'"]+)\1""", text)
    if imported is None:
        return entry if re.search(rf"class\s+{name}\b", text) else None
    return resolve_module(entry, imported[2])


def local_name(text: str) -> str:
    """``AuthModule``, or another name when the host's module already binds that one (its own auth module)."""
    return RENAMED if re.search(rf"\b{NAME}\b", text) else NAME


def serves_health(folder: Path) -> bool:
    sources = (folder / "src").rglob("*.ts") if (folder / "src").is_dir() else ()
    return any(HEALTH_CONTROLLER.search(read(path) or "") for path in sources)


def wiring_lines(module_file: Path, text: str, folder: Path) -> tuple[str, str]:
    """The import line and the ``imports`` entry, without indentation or marker, in the file's quotes."""
    q, name = quote_of(text), local_name(text)
    semi = ";" if re.search(r"""from\s+['"][^'"]+['"];""", text) else ""
    binding = NAME if name == NAME else f"{NAME} as {name}"
    specifier = auth_specifier(module_file, folder, esm=True)
    options = "{ health: false }" if serves_health(folder) else ""
    return f"import {{ {binding} }} from {q}{specifier}{q}{semi}", f"{name}.forRoot({options}),"


def wired(text: str) -> bool:
    lines = [line for line in text.splitlines() if MARKER in line]
    return any(".forRoot(" in line for line in lines) and any("auth/dist/index.js" in line for line in lines)


def wire(module_file: Path, folder: Path):
    def apply(text: str) -> str | None:
        decorators = list(MODULE_DECORATOR.finditer(text))
        if len(decorators) != 1:
            return None
        import_line, entry = wiring_lines(module_file, text, folder)
        decorator = decorators[0]
        body_indent = decorator["indent"] + "  "
        opened = IMPORTS_OPEN.search(text, decorator.end())
        closing = text.find("\n" + decorator["indent"] + "})", decorator.end())
        if opened is not None and closing != -1 and opened.start() < closing:
            following = text[opened.end() + 1 :].split("\n", 1)[0]
            indent = following[: len(following) - len(following.lstrip(" \t"))] or opened["indent"] + "  "
            added, at = indent + marked(entry, module_file), opened.end()
        elif "imports:" not in text[decorator.end() : closing if closing != -1 else None]:
            added, at = body_indent + marked(f"imports: [{entry.rstrip(',')}],", module_file), decorator.end()
        else:
            return None
        text = text[:at] + "\n" + added + text[at:]
        imports = [m for m in IMPORT_END.finditer(text) if m.start() < decorator.start()]
        where = imports[-1].end() if imports else 0
        line = marked(import_line, module_file)
        return text[:where] + ("\n" + line if imports else line + "\n") + text[where:]

    return apply


def edits(project: Project, folder: Path) -> list[Edit]:
    module_file = root_module_file(folder) or folder / "src" / "app.module.ts"
    text = read(module_file) or ""
    import_line, entry = wiring_lines(module_file, text, folder)
    return [
        Edit(
            file=module_file,
            description="the auth's AuthModule, imported by the application's root module",
            present=wired,
            apply=wire(module_file, folder),
            lines="\n".join(marked(line, module_file) for line in (import_line, entry)),
            where="the import with the other imports, the entry first in the `imports` array of `@Module({...})`"
            f" (the module `NestFactory.create()` starts; the auth's folder is {AUTH_FOLDER}/)",
        )
    ]
