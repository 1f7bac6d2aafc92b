"""Wires the Go auth package (the owned folder ``auth/``) into an existing Go service.

Two edits, each line marked ``// AUTH_INTEGRATION_POINT``:

- go.mod: the auth's modules the service does not require yet, at the manifest's exact versions. The go
  command computes the edit itself (``go get`` of the modules, then of ``./auth/...``, in a scratch copy of
  go.mod, go.sum and auth/), so the indirect modules they need come with them. A module the service already
  requires at the same or a higher version is left alone (Go builds one version of each module, the highest
  required, so the auth runs on the service's). When the service requires an older version of one, or an
  older ``go`` line, ``go get`` would change those lines: the edit is then not applied and the exact
  ``go get`` command is printed with the upgrades it makes, for the service's owners to accept. go.sum is
  the go command's to write: ``go mod download all`` (in the after-copy commands) fills it without
  touching go.mod.
- the file of package main that creates the router (``r := chi.NewRouter()`` or ``mux := http.NewServeMux()``):
  the import of the auth package and ``auth.MustMount(r)`` after the router's middlewares (chi wants them
  first). A router built outside package main (where the service's own tests build it too) or a file of
  another shape is left alone and the lines are printed.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import NamedTuple

from integration import MARKER, Edit
from project import Project

AUTH_FOLDER = "auth"
MARK = f"// {MARKER}"
ROUTER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<name>[A-Za-z_]\w*)\s*:?=\s*(?:chi\.NewRouter|chi\.NewMux|http\.NewServeMux)\(\)[ \t]*$",
    re.MULTILINE,
)
SKIPPED = {AUTH_FOLDER, "vendor", "testdata", ".git", "node_modules"}
MODULE_SPEC = re.compile(r"^(?P<path>[^@\s]+)@(?P<version>v\S+)$")


def go_environment() -> dict[str, str]:
    """The go command on the service's go.mod alone: no workspace, the installed toolchain, go.mod editable."""
    return {**os.environ, "GOWORK": "off", "GOTOOLCHAIN": "local", "GOFLAGS": "-mod=mod"}


def version_key(version: str) -> tuple[tuple[int, ...], int, str]:
    """A semantic version's order: numbers, then a release after its pre-releases (pseudo-versions too)."""
    core, _, pre = version.lstrip("v").partition("-")
    numbers = tuple(int(part) if part.isdigit() else 0 for part in core.split("+")[0].split("."))
    return numbers, 0 if pre else 1, pre


class GoMod(NamedTuple):
    module: str
    go: str
    requires: dict[str, str]


def parse_go_mod(text: str) -> GoMod | None:
    """go.mod read by the go command itself (``go mod edit -json``); None when it is not valid or go is missing."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "go.mod"
        path.write_text(text, encoding="utf-8")
        try:
            result = subprocess.run(
                ["go", "mod", "edit", "-json", str(path)],
                capture_output=True,
                text=True,
                env=go_environment(),
                check=False,
            )
        except OSError:
            return None
    if result.returncode != 0:
        return None
    data = json.loads(result.stdout)
    requires = {item["Path"]: item["Version"] for item in data.get("Require") or ()}
    return GoMod(data["Module"]["Path"], data.get("Go", ""), requires)


def needed_modules(project: Project) -> dict[str, str]:
    """The auth's modules at the project's mode: path -> exact version (stacks/go.yml)."""
    stack = project.stack("backend")
    needed = {}
    for spec in stack.dependencies_for(project.mode) if stack is not None else ():
        found = MODULE_SPEC.match(spec)
        if found:
            needed[found["path"]] = found["version"]
    return needed


def lacking(needed: dict[str, str], mod: GoMod) -> dict[str, str]:
    """The needed modules the service does not require, or requires at an older version than the auth's."""
    return {
        path: version
        for path, version in needed.items()
        if path not in mod.requires or version_key(mod.requires[path]) < version_key(version)
    }


def marked_go_mod(before: str, after: str, requested: set[str]) -> str:
    """``after`` with every line the go command added marked; a module asked for is no longer ``// indirect``
    (the auth imports it)."""
    old, new = before.splitlines(), after.splitlines()
    result = list(new)
    for tag, _, _, start, end in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "insert":
            continue
        for index in range(start, end):
            line = new[index]
            if not line.strip():
                continue
            code, _, comment = line.partition("//")
            module = code.split()[-2] if len(code.split()) >= 2 else ""
            if comment.strip() == "indirect" and module not in requested:
                result[index] = f"{code.rstrip()} // indirect; {MARKER}"
            else:
                result[index] = f"{code.rstrip()} {MARK}"
    return "\n".join(result) + ("\n" if after.endswith("\n") else "")


class Plan(NamedTuple):
    """What ``go get`` of the lacking modules makes of go.mod, marked; or why it could not be computed."""

    before: str
    after: str | None
    command: str
    problem: str = ""


def plan_go_mod(folder: Path, text: str, wanted: dict[str, str]) -> Plan:
    """``go get`` of the wanted modules at their versions, then of the auth's packages (which adds the modules
    their imports need, at the versions the graph selects), on a scratch copy of go.mod, go.sum and auth/."""
    steps = [
        ["go", "get", *(f"{path}@{version}" for path, version in sorted(wanted.items()))],
        ["go", "get", f"./{AUTH_FOLDER}/..."],
    ]
    command = " && ".join(" ".join(step) for step in steps)
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "go.mod").write_text(text, encoding="utf-8")
        if (folder / "go.sum").is_file():
            shutil.copyfile(folder / "go.sum", Path(scratch) / "go.sum")
        if (folder / AUTH_FOLDER).is_dir():
            shutil.copytree(
                folder / AUTH_FOLDER, Path(scratch) / AUTH_FOLDER, ignore=shutil.ignore_patterns("*.sqlite3*")
            )
        else:
            steps.pop()
        for step in steps:
            try:
                result = subprocess.run(
                    step, cwd=scratch, capture_output=True, text=True, env=go_environment(), timeout=300, check=False
                )
            except (OSError, subprocess.TimeoutExpired) as error:
                return Plan(text, None, command, f"the go command could not run ({error.__class__.__name__})")
            if result.returncode != 0:
                return Plan(text, None, command, (result.stderr.strip().splitlines() or ["go get failed"])[-1])
        after = (Path(scratch) / "go.mod").read_text(encoding="utf-8")
    return Plan(text, marked_go_mod(text, after, set(wanted)), command)


def changed_lines(before: str, after: str) -> list[str]:
    """``old => new`` for each line of ``before`` that ``after`` changes (an upgrade, the go line)."""
    old, new = before.splitlines(), after.splitlines()
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            replaced = [line.split("//")[0].strip() for line in new[j1:j2]] or ["(removed)"]
            for offset, line in enumerate(old[i1:i2]):
                changes.append(f"{line.strip()} => {replaced[min(offset, len(replaced) - 1)]}")
    return changes


def go_mod_edit(project: Project, folder: Path) -> Edit | None:
    file = folder / "go.mod"
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    needed = needed_modules(project)
    mod = parse_go_mod(text)
    wanted = lacking(needed, mod) if mod is not None else needed
    if mod is not None and not wanted:
        plan = Plan(text, text, "")
    elif mod is None:
        plan = Plan(text, None, "go get " + " ".join(f"{p}@{v}" for p, v in sorted(needed.items())), "go.mod unread")
    else:
        plan = plan_go_mod(folder, text, wanted)
    upgrades = changed_lines(text, plan.after) if plan.after is not None else []
    where = f"run in {folder.relative_to(project.root).as_posix() or '.'}/"
    if upgrades:
        where += (
            f"; it changes lines your go.mod has ({'; '.join(upgrades)}): Go builds one version of each module, the "
            "highest any module requires, and the auth needs at least the versions it is tested with"
        )
    elif plan.problem:
        where += f"; the go command could not work it out here: {plan.problem}"

    def present(current: str) -> bool:
        parsed = parse_go_mod(current)
        return parsed is not None and not lacking(needed, parsed)

    return Edit(
        file=file,
        description=f"the auth's modules in go.mod ({', '.join(sorted(wanted)) or 'all required already'})",
        present=present,
        apply=lambda current: plan.after if current == plan.before else None,
        lines=plan.command,
        where=where,
        verify=lambda current: parse_go_mod(current) is not None,
    )


def read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def go_files(folder: Path) -> list[Path]:
    """The service's Go sources but tests, main.go and cmd/*/main.go first."""
    found = [
        path
        for path in folder.rglob("*.go")
        if not path.name.endswith("_test.go") and not SKIPPED & set(path.relative_to(folder).parts[:-1])
    ]

    def order(path: Path) -> tuple[int, str]:
        relative = path.relative_to(folder).as_posix()
        first = 0 if relative == "main.go" else 1 if re.fullmatch(r"cmd/[^/]+/main\.go", relative) else 2
        return first, relative

    return sorted(found, key=order)


def is_main_package(text: str) -> bool:
    return re.search(r"^package\s+main\s*$", text, re.MULTILINE) is not None


def router_file(folder: Path) -> Path | None:
    """The first Go file that creates one router: package main's first."""
    candidates = [(path, text) for path in go_files(folder) if (text := read(path)) and len(ROUTER.findall(text)) == 1]
    candidates.sort(key=lambda item: not is_main_package(item[1]))
    return candidates[0][0] if candidates else None


def statement_end(lines: list[str], start: int) -> int:
    """The index of the line ending the statement that starts at ``start`` (parentheses balanced)."""
    depth = 0
    for index in range(start, len(lines)):
        code = lines[index].split("//")[0]
        depth += code.count("(") - code.count(")")
        if depth <= 0:
            return index
    return len(lines) - 1


def mount_index(lines: list[str], created: int, name: str) -> int:
    """Where the mount line goes: after the router's ``Use`` calls that follow its creation."""
    after = created
    index = created + 1
    uses = re.compile(rf"^\s*{re.escape(name)}\.Use\(")
    while index < len(lines):
        stripped = lines[index].strip()
        if uses.match(lines[index]):
            after = index = statement_end(lines, index)
        elif stripped and not stripped.startswith("//"):
            break
        index += 1
    return after + 1


def with_import(text: str, import_path: str) -> str | None:
    """``text`` with the auth's import as a group of its own at the end of the first import block."""
    line = f'"{import_path}" {MARK}'
    block = re.search(r"^import \($", text, re.MULTILINE)
    if block is not None:
        close = re.compile(r"^\)$", re.MULTILINE).search(text, block.end())
        if close is None:
            return None
        return text[: close.start()] + f"\n\t{line}\n" + text[close.start() :]
    single = re.search(r"^import [^\n(]+$", text, re.MULTILINE)
    if single is None:
        return None
    return text[: single.end()] + f"\nimport {line}" + text[single.end() :]


def gofmt(text: str) -> str | None:
    """``text`` as gofmt writes it, or None when it does not parse (or gofmt is missing)."""
    try:
        result = subprocess.run(["gofmt"], input=text, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def mount_edit(project: Project, folder: Path, module: str) -> Edit:
    file = router_file(folder)
    target = file or folder / "main.go"
    original = read(target) or ""
    found = ROUTER.search(original)
    name = found["name"] if found else "r"
    indent = found["indent"] if found else "\t"
    import_path = f"{module}/{AUTH_FOLDER}"
    mount = f"{indent}auth.MustMount({name}) {MARK}"

    def present(text: str) -> bool:
        return any("auth.MustMount(" in line and MARKER in line for line in text.splitlines()) and any(
            f'"{import_path}"' in line and MARKER in line for line in text.splitlines()
        )

    def apply(text: str) -> str | None:
        matches = list(ROUTER.finditer(text))
        if file is None or len(matches) != 1 or not is_main_package(text):
            return None
        if re.search(r"\bauth\b\s*(?::=|=|\.)", text) or re.search(r'^\s*auth\s+"', text, re.MULTILINE):
            return None
        lines = text.splitlines(keepends=True)
        created = text[: matches[0].start()].count("\n")
        at = mount_index([line.rstrip("\n") for line in lines], created, name)
        newline = "\r\n" if "\r\n" in text else "\n"
        edited = "".join([*lines[:at], mount + newline, *lines[at:]])
        return with_import(edited, import_path)

    def verify(text: str) -> bool:
        formatted = gofmt(text)
        return formatted is not None and (formatted == text or gofmt(original) != original)

    reason = ""
    if file is not None and not is_main_package(original):
        reason = (
            f" (your router is built in package {package_name(original)}, which your tests build too: mount the "
            "auth where your server starts instead, on that router)"
        )
    return Edit(
        file=target,
        description="the auth's API mounted on the service's router (auth.MustMount)",
        present=present,
        apply=apply,
        lines=f'"{import_path}" {MARK}\n{mount.strip()}',
        where="the import with your imports; the mount line right after the line that creates your router and its "
        f"middlewares (r.Use), where your server starts{reason}",
        verify=verify,
    )


def package_name(text: str) -> str:
    found = re.search(r"^package\s+(\w+)", text, re.MULTILINE)
    return found[1] if found else "?"


def edits(project: Project, folder: Path) -> list[Edit]:
    """The marked edits that wire the auth package into the Go service in ``folder``."""
    text = read(folder / "go.mod") or ""
    mod = parse_go_mod(text) if text else None
    module = mod.module if mod is not None else str(project.answers.get("go_module") or project.answers["project_name"])
    found = []
    if (modules := go_mod_edit(project, folder)) is not None:
        found.append(modules)
    found.append(mount_edit(project, folder, module))
    return found


def install_commands(project: Project, folder: Path) -> list[str]:
    """What the service runs after the copy (and after an update to a higher mode): the modules' checksums
    into go.sum and the build."""
    return ["go mod download all", "go build ./..."]


def commands(project: Project, folder: Path) -> dict[str, str]:
    """The commands of the after-copy message that fit this service."""
    return {
        "download the auth's modules and build": " && ".join(install_commands(project, folder)),
        "create or upgrade its tables (after every update too)": f"go run ./{AUTH_FOLDER}/cmd/authctl migrate",
        "import your existing users, once": (
            f'go run ./{AUTH_FOLDER}/cmd/authctl import-users <your database URL> "SELECT email, password_hash FROM '
            '<your users>"'
        ),
        "test": "go test ./...",
    }


def notes(project: Project, folder: Path) -> list[str]:
    stack = project.stack("backend")
    variable = stack.own_database_variable if stack and stack.own_database_variable else "DATABASE_URL"
    return [
        f"The auth answers only its own paths (/auth/...); its tables are prefixed auth_ in {variable}"
        f" ({AUTH_FOLDER}/db.sqlite3 by default); {AUTH_FOLDER}/README.md explains the mount line and the import "
        "of your users"
    ]


__all__ = ["MARKER", "commands", "edits", "install_commands", "notes"]
