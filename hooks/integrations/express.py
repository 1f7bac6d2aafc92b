"""Wires the Express auth feature (the owned folder ``auth/``) into an existing Express application.

One edit: the application file, the one that calls ``express()``, found from package.json's ``main``
and scripts and the relative modules they load, gets the line that mounts the auth's router first,
right after ``const app = express();`` (an ESM file also gets its import). The auth's packages are
never written into the host's package.json by the template: :func:`commands` names the host's own
package manager command that adds the missing ones, which the after-copy message prints.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import integration
import manifests
from integration import MARKER, Edit, marked
from project import Project

AUTH_FOLDER = "auth"
SOURCE_SUFFIXES = (".ts", ".mts", ".cts", ".js", ".mjs", ".cjs")
# Where an Express application's entry usually is, when package.json does not say.
USUAL_ENTRIES = (
    "src/app.ts",
    "src/app.js",
    "src/server.ts",
    "src/server.js",
    "src/index.ts",
    "src/index.js",
    "app.js",
    "server.js",
    "index.js",
)
CREATES_APP = re.compile(
    r"^(?P<indent>[ \t]*)(?:export\s+)?(?:const|let|var)\s+(?P<name>\w+)(?:\s*:\s*[\w.]+)?\s*=\s*express\(\s*\)"
    r"\s*(?P<semi>;?)[ \t]*$",
    re.MULTILINE,
)
RELATIVE_MODULE = re.compile(r"""(?:from\s+|require\(\s*|import\(\s*)(['"])(\.{1,2}/[^'"]+)\1""")
IMPORT_END = re.compile(r"""^(?:import\s[^;]*?from\s+|import\s+|\}\s*from\s+)(['"])[^'"]+\1;?[ \t]*$""", re.MULTILINE)
# How each package manager adds a runtime and a build dependency.
ADD = {
    "npm": ("npm install", "npm install --save-dev"),
    "pnpm": ("pnpm add", "pnpm add --save-dev"),
    "yarn": ("yarn add", "yarn add --dev"),
    "bun": ("bun add", "bun add --dev"),
}


def package_json(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def entry_candidates(folder: Path) -> list[Path]:
    """The files package.json points at (main, and the scripts' start/dev/serve files), then the usual ones."""
    package = package_json(folder)
    named: list[str] = []
    if isinstance(package.get("main"), str):
        named.append(package["main"])
    scripts = package.get("scripts")
    scripts = scripts if isinstance(scripts, dict) else {}
    for script in ("start", "dev", "serve"):
        named += [word for word in str(scripts.get(script, "")).split() if word.endswith(SOURCE_SUFFIXES)]
    found: list[Path] = []
    for name in [*named, *USUAL_ENTRIES]:
        for path in (folder / name, *sources_of_build_output(folder / name, folder)):
            if path.is_file() and path not in found:
                found.append(path)
    return found


def sources_of_build_output(path: Path, folder: Path) -> list[Path]:
    """``dist/server.js`` is compiled from ``src/server.ts``: the source is the file to edit."""
    relative = path.relative_to(folder).as_posix()
    for built in ("dist/", "build/", "lib/"):
        if relative.startswith(built):
            stem = (folder / "src" / relative.removeprefix(built)).with_suffix("")
            return [stem.with_suffix(suffix) for suffix in (".ts", ".mts", ".js")]
    return []


def resolve_module(origin: Path, specifier: str) -> Path | None:
    target = (origin.parent / specifier).resolve()
    stem = target.with_suffix("") if target.suffix in SOURCE_SUFFIXES else target
    for candidate in (
        target,
        *(stem.with_suffix(s) for s in SOURCE_SUFFIXES),
        *(target / f"index{s}" for s in SOURCE_SUFFIXES),
    ):
        if candidate.is_file():
            return candidate
    return None


def find_app_file(folder: Path) -> Path | None:
    """The first file, from the entries and the relative modules they load (two levels), that calls ``express()``."""
    queue = [(path, 0) for path in entry_candidates(folder)]
    seen: set[Path] = set()
    auth = (folder / AUTH_FOLDER).resolve()
    while queue:
        path, depth = queue.pop(0)
        if path in seen or auth in path.resolve().parents:
            continue
        seen.add(path)
        text = read(path)
        if text is None:
            continue
        if len(CREATES_APP.findall(text)) == 1:
            return path
        if depth < 2:
            queue += [
                (module, depth + 1)
                for _, spec in RELATIVE_MODULE.findall(text)
                if (module := resolve_module(path, spec))
            ]
    return None


def read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def is_esm(path: Path, text: str, folder: Path) -> bool:
    if path.suffix in (".ts", ".mts", ".mjs"):
        return True
    if path.suffix == ".cjs":
        return False
    return package_json(folder).get("type") == "module" or bool(re.search(r"^import\s", text, re.MULTILINE))


def quote_of(text: str) -> str:
    return "'" if text.count("'") > text.count('"') else '"'


def auth_specifier(app_file: Path, folder: Path, esm: bool) -> str:
    relative = Path(os.path.relpath(folder / AUTH_FOLDER, app_file.parent)).as_posix()
    relative = relative if relative.startswith(".") else f"./{relative}"
    return f"{relative}/dist/index.js" if esm else relative


def mount_lines(app_file: Path, text: str, folder: Path) -> tuple[str, str]:
    """The import line (empty for CommonJS) and the mount line, without indentation or marker."""
    esm, q = is_esm(app_file, text, folder), quote_of(text)
    match = CREATES_APP.search(text)
    name, semi = (match["name"], match["semi"]) if match else ("app", ";")
    specifier = auth_specifier(app_file, folder, esm)
    if esm:
        return f"import {{ createAuth }} from {q}{specifier}{q}{semi}", f"{name}.use(createAuth().router){semi}"
    return "", f"{name}.use(require({q}{specifier}{q}).createAuth().router){semi}"


def wired(text: str) -> bool:
    return any(MARKER in line and "createAuth" in line and ".use(" in line for line in text.splitlines())


def mount(app_file: Path, folder: Path):
    def apply(text: str) -> str | None:
        matches = list(CREATES_APP.finditer(text))
        if len(matches) != 1:
            return None
        import_line, mount_line = mount_lines(app_file, text, folder)
        created = matches[0]
        text = text[: created.end()] + "\n" + created["indent"] + marked(mount_line, app_file) + text[created.end() :]
        if import_line:
            imports = [m for m in IMPORT_END.finditer(text) if m.start() < created.start()]
            at = imports[-1].end() if imports else 0
            line = marked(import_line, app_file)
            text = text[:at] + ("\n" + line if imports else line + "\n") + text[at:]
        return text

    return apply


def parses(app_file: Path, folder: Path):
    """JavaScript is checked by Node itself; TypeScript, which Node 20 cannot read, only by the edit's own shape."""

    def verify(text: str) -> bool:
        if app_file.suffix not in (".js", ".mjs", ".cjs"):
            return True
        kind = "module" if is_esm(app_file, text, folder) else "commonjs"
        result = subprocess.run(
            ["node", f"--input-type={kind}", "--check", "-"], input=text, text=True, capture_output=True, check=False
        )
        return result.returncode == 0

    return verify


def edits(project: Project, folder: Path) -> list[Edit]:
    app_file = find_app_file(folder)
    target = app_file or folder / str(package_json(folder).get("main") or "src/app.js")
    text = read(target) or ""
    import_line, mount_line = mount_lines(target, text, folder)
    lines = "\n".join(line for line in (import_line, mount_line) if line)
    return [
        Edit(
            file=target,
            description="the auth's router, mounted before the application's own middleware",
            present=wired,
            apply=mount(target, folder),
            lines="\n".join(marked(line, target) for line in lines.splitlines()),
            where="right after the line that creates the Express application (`const app = express();`)"
            + (", the import with the other imports" if import_line else ""),
            verify=parses(target, folder),
        )
    ]


def major(version_range: str) -> str | None:
    match = re.search(r"\d+", version_range)
    return match[0] if match else None


def missing_packages(stack: manifests.Stack, folder: Path, mode: int) -> tuple[list[str], list[str]]:
    """The auth's packages the host lacks, as ranges (``^`` of the manifest's version): to run it, and to build it.

    A package the host already lists stays as the host has it; where the host's major differs from the auth's,
    the build takes the type package of the host's major (the manifest's ``host_major_types``).
    """
    package = package_json(folder)
    has = {**package.get("devDependencies", {}), **package.get("dependencies", {})}
    runtime, build = [], []
    for spec in stack.dependencies_for(mode):
        name, version = spec.rsplit("@", 1)
        if name not in has:
            runtime.append(f"{name}@^{version}")
        elif (
            (types := stack.host_major_types.get(name)) and types not in has and major(str(has[name])) != major(version)
        ):
            build.append(f"{types}@^{major(str(has[name]))}")
    for spec in stack.dev_dependencies:
        name, version = spec.rsplit("@", 1)
        needed = name == "typescript" or name.startswith("@types/")
        if needed and name not in has and not any(wanted.startswith(f"{name}@") for wanted in build):
            build.append(f"{name}@^{version}")
    return runtime, build


def install_commands(project: Project, folder: Path) -> list[str]:
    """What the host runs after the copy (and after an update to a higher mode): its own package manager adds
    the auth's missing packages, then TypeScript compiles the auth into auth/dist."""
    add, add_dev = ADD.get(integration.package_manager(folder), ADD["npm"])
    stack = project.stack("backend")
    runtime, build = missing_packages(stack, folder, project.mode) if stack else ([], [])
    steps = []
    if runtime:
        steps.append(f"{add} {' '.join(runtime)}")
    if build:
        steps.append(f"{add_dev} {' '.join(build)}")
    return [*steps, f"npx tsc -p {AUTH_FOLDER}"]


def commands(project: Project, folder: Path) -> dict[str, str]:
    """The commands of the after-copy message that fit this host: its package manager and its own scripts."""
    manager = integration.package_manager(folder)
    scripts = package_json(folder).get("scripts") or {}
    found = {"install the auth's packages and compile it": " && ".join(install_commands(project, folder))}
    found["create or upgrade its tables (after every update too)"] = f"node {AUTH_FOLDER}/dist/migrate.js"
    found["import your existing users, once"] = (
        f'node {AUTH_FOLDER}/dist/import-users.js <your database URL> "SELECT email, password_hash FROM <your users>"'
    )
    if "start" in scripts:
        found["start"] = f"{manager} start"
    if "test" in scripts:
        found["test"] = f"{manager} test"
    return found


def notes(project: Project, folder: Path) -> list[str]:
    stack = project.stack("backend")
    variable = stack.own_database_variable if stack and stack.own_database_variable else "DATABASE_URL"
    return [
        f"The auth answers only its own paths (/auth/...); its tables are prefixed auth_ in {variable}"
        f" ({AUTH_FOLDER}/db.sqlite3 by default); {AUTH_FOLDER}/README.md explains the mount line, the build and"
        " the import of your users"
    ]
