"""Stack manifests: the facts of each stack, read from ``stacks/<name>.yml``.

Detection, the copier questions, the hooks, the test matrix and the docs' support
table all read these files through :func:`load_stacks`, so no fact is repeated.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

ROOT = Path(__file__).resolve().parent.parent
STACKS_DIR = ROOT / "stacks"

Kind = Literal["backend", "frontend", "mobile"]
Tier = Literal["conformance-tested", "generated-only", "planned"]
KINDS: tuple[Kind, ...] = ("backend", "frontend", "mobile")


class Signal(BaseModel):
    """One detection signal: a package in a manifest, a file, or a glob.

    Paths and patterns are relative to the folder being examined. ``unless`` names
    packages of the same ecosystem (or, for file and glob signals, paths) whose presence
    cancels the signal; ``unless_files`` names paths relative to that folder, ``..``
    allowed, such as the ``../pubspec.yaml`` of a Flutter app around its android/ shell.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["python", "npm", "composer", "go", "pubspec", "csproj", "gradle", "file", "glob"]
    name: str | None = None
    path: str | None = None
    pattern: str | None = None
    unless: tuple[str, ...] = ()
    unless_files: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _has_target(self) -> Signal:
        needs = {"file": "path", "glob": "pattern"}.get(self.kind, "name")
        if getattr(self, needs) is None:
            raise ValueError(f"a {self.kind} signal needs '{needs}'")
        return self

    @property
    def target(self) -> str:
        """The package name, file path or glob pattern the signal looks for, by its kind."""
        target = {"file": self.path, "glob": self.pattern}.get(self.kind, self.name)
        assert target is not None, "_has_target refused the signal without one"
        return target


class Commands(BaseModel):
    """Shell commands run inside the rendered stack directory."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    install: str
    migrate: str | None = None
    serve: str
    test: str
    # The formatter, run with the template's files as arguments (never a folder): `ruff format`, `prettier --write`.
    format: str | None = None
    # The suffixes of the files the formatter takes (empty: every file the template wrote).
    format_suffixes: tuple[str, ...] = ()
    # A web frontend: its production build, and the server of that build on $HOST:$PORT (the browser journeys).
    build: str | None = None
    preview: str | None = None
    # A web frontend whose `test` does not take vitest's own flags: its tests writing vitest's JSON report to $REPORT.
    test_report: str | None = None


class Stack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9]*$")
    label: str
    kind: Kind
    language: str
    tier: Tier
    summary: str
    port: int | None = None
    databases: tuple[str, ...] = ()
    detect: tuple[Signal, ...]
    # The auth feature's own dependencies by the mode that adds them, in the ecosystem's specifier syntax; with
    # ``project_dependencies`` and ``dev_dependencies`` the only place their versions are written (see
    # extensions/dependency_versions.py).
    dependencies: dict[int, tuple[str, ...]]
    # What a project generated around the feature adds (its server, its database drivers) and an existing
    # application brings itself: keyed by database, ``any`` for every database.
    project_dependencies: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    commands: Commands | None = None
    secrets: tuple[str, ...] = ()  # stack-specific secrets the env hook generates, 256-bit hex each
    # Where, inside the stack's folder, an existing application learns the lines that wire the auth feature in.
    wiring_guide: str | None = None
    # A backend: whether its subtree can add only the auth feature to an application its folder already holds
    # (the host project's files render only when ``new_host``). The `existing_app` question is asked only then.
    adds_to_existing_app: bool = False
    # The interpreter or VM that runs the stack's code (python, node, go...): the bench's hash, floor and
    # parallel scripts and the install steps are chosen by it, never by the stack's name.
    runtime: str | None = None
    # Tools and test libraries of the generated project (npm devDependencies, a Python test requirements file),
    # in the ecosystem's own specifier syntax; like ``dependencies``, the only place their versions are written.
    dev_dependencies: tuple[str, ...] = ()
    # Files of the rendered stack folder whose contents key the cache of its installed dependencies.
    install_cache: tuple[str, ...] = ()
    # Generated files the template rewrites on every update (an index of capabilities); users own every other file.
    rewritten_on_update: tuple[str, ...] = ()
    # What the upgrade test appends to generated files users own (path in the stack folder -> text) and then
    # expects to find after ``copier update`` to a higher mode.
    user_edits: dict[str, str] = Field(default_factory=dict)
    # Where, in the stack folder, the common-password list is rendered (from the one list in the template).
    common_passwords: str | None = None
    # What the auth owns when it is added to an existing application: files and folders relative to the stack's
    # folder. Only these (with the answers file and the .env, .env.example and .gitignore lines) are written into an
    # existing application, and the formatter runs only on them.
    owned: tuple[str, ...] = ()
    # Files inside ``owned`` (fnmatch patterns relative to the stack's folder, ``*`` crossing folders) that only a new
    # project gets: tests that need the new project's own test setup, which an existing application's runner lacks.
    new_project_only: tuple[str, ...] = ()
    # A frontend: the URL prefix of the auth pages in an existing application, so they never take one of its
    # routes (a new project serves them at the root). Mailed links follow it through the app_url answer.
    pages_prefix_in_existing_app: str | None = Field(default=None, pattern=r"^(/[a-z][a-z0-9-]*)+$")
    # The stack's integration module (hooks/integrations/<name>.py): its ``edits(project, folder)`` lists the marked
    # edits that wire the feature into an existing application (see hooks/integration.py).
    integration: str | None = Field(default=None, pattern=r"^hooks/integrations/[a-z][a-z0-9_]*\.py$")
    # Packages an existing application may already have at another major than the auth's, mapped to the type package
    # the auth then needs to compile against the host's copy (installed at the host's major).
    host_major_types: dict[str, str] = Field(default_factory=dict)
    # A backend whose auth keeps a database connection of its own: the variable naming it in an existing application,
    # which the env hook writes there instead of DATABASE_URL (the application's own, if it has one).
    own_database_variable: str | None = None
    # A backend: the web frontend (or frontends, first one first) it is paired with in the default browser journeys
    # (the rest run under `full`).
    e2e_partner: str | list[str] | None = None
    # A backend: the peer project the benchmark measures beside it (bench/peers/<name>).
    bench_peer: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Stack:
        if self.kind == "backend" and (self.port is None or not self.databases):
            raise ValueError(f"backend {self.name} needs a port and its databases")
        if self.tier != "planned" and self.commands is None:
            raise ValueError(f"{self.name} is {self.tier} but has no commands")
        if not set(self.dependencies) <= {1, 2, 3, 4}:
            raise ValueError(f"{self.name}: dependencies are keyed by mode 1-4")
        if not set(self.project_dependencies) <= {"any", *self.databases}:
            raise ValueError(f"{self.name}: project dependencies are keyed by 'any' or one of its databases")
        backend_only = ("e2e_partner", "bench_peer", "wiring_guide", "adds_to_existing_app")
        if self.kind != "backend" and (misplaced := [field for field in backend_only if getattr(self, field)]):
            raise ValueError(f"{self.name} is a {self.kind}: {', '.join(misplaced)} belong to backends")
        if bad := [path for path in self.owned if not owned_path_is_safe(path)]:
            raise ValueError(f"{self.name}: owned paths are relative paths inside its folder, not {', '.join(bad)}")
        if (self.adds_to_existing_app or self.integration) and not self.owned:
            raise ValueError(f"{self.name} is added to existing applications: list the paths it owns in `owned`")
        if overlap := set(self.user_edits) & set(self.rewritten_on_update):
            raise ValueError(f"{self.name}: users do not own {', '.join(sorted(overlap))}, the template rewrites it")
        return self

    @property
    def e2e_partners(self) -> list[str]:
        """The frontends of ``e2e_partner`` as a list, the first one first."""
        if self.e2e_partner is None:
            return []
        return [self.e2e_partner] if isinstance(self.e2e_partner, str) else list(self.e2e_partner)

    @property
    def built(self) -> bool:
        return self.tier != "planned"

    @property
    def integration_path(self) -> Path | None:
        """The integration module's file in this repository, or None for a stack without one."""
        return ROOT / self.integration if self.integration else None

    def dependencies_for(self, mode: int) -> list[str]:
        """Every dependency a project at ``mode`` needs (modes are cumulative)."""
        return [dep for level in sorted(self.dependencies) if level <= mode for dep in self.dependencies[level]]

    def project_dependencies_for(self, database: str) -> list[str]:
        """What a new project on ``database`` adds around the feature: every database's first, then its own."""
        return [*self.project_dependencies.get("any", ()), *self.project_dependencies.get(database, ())]


def existing_answer(kind: str) -> str:
    """The answer saying the ``kind`` is added to an application its folder already holds: ``existing_app`` for the
    backend, ``existing_<kind>`` for the others."""
    return "existing_app" if kind == "backend" else f"existing_{kind}"


def owned_path_is_safe(path: str) -> bool:
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and "\\" not in path and all(p not in ("", ".", "..") for p in parts)


@cache
def load_stacks(directory: Path = STACKS_DIR) -> dict[str, Stack]:
    """Every stack manifest, keyed by name; a file whose name differs from its stack is an error."""
    stacks = {}
    for path in sorted(directory.glob("*.yml")):
        stack = Stack.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        if stack.name != path.stem:
            raise ValueError(f"{path.name} declares the stack '{stack.name}'")
        stacks[stack.name] = stack
    return stacks


def stacks_of(kind: Kind) -> list[Stack]:
    return [stack for stack in load_stacks().values() if stack.kind == kind]
