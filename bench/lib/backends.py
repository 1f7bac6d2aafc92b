"""Our backends as the conformance suite renders, installs, migrates and serves them (tests/support).

Everything about a backend comes from its manifest: its runtime picks the bench scripts
(bench/lib/scripts/*_<runtime>.*), its dependencies name the packages whose versions are printed,
its ``bench_peer`` the peer its targets compare with.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from manifests import Stack, load_stacks
from support.cells import Cell
from support.client import Api
from support.flows import Account, login, register_verified
from support.mail import SmtpSink
from support.ports import free_port
from support.project import RenderedBackend
from support.services import Postgres

from . import CACHE
from .hashing import HashRunner, runtime_scripts
from .peers import peer_class
from .processes import Service, output_to
from .subjects import PASSWORD, Request, Subject
from .versions import package_name

# The bench logs in thousands of times from 127.0.0.1: only the rate limits are raised, nothing else.
RATE_LIMITS = {
    f"RATE_LIMIT_{action}_{scope}": "100000000" for action in ("LOGIN", "REGISTER") for scope in ("PER_EMAIL", "PER_IP")
}
# What a runtime's servers need to run as in production, beyond the generated project's defaults.
PRODUCTION_ENV = {"node": {"NODE_ENV": "production"}}


def built_backends(stacks: dict[str, Stack] | None = None) -> list[Stack]:
    """Every built backend, each checked to have what the bench needs: its runtime's scripts and a
    registered peer. A missing piece stops the run with a message naming it."""
    stacks = load_stacks() if stacks is None else stacks
    backends = [stack for stack in stacks.values() if stack.kind == "backend" and stack.built]
    for stack in backends:
        runtime_scripts(stack.runtime, f"backend {stack.name}")
        if stack.bench_peer:
            peer_class(stack.bench_peer, f"backend {stack.name}")
    return backends


class Backend(Subject):
    ours = True
    me_path = "/auth/me"
    refresh_path = "/auth/refresh"

    def __init__(self, stack: Stack, mode: int, sink: SmtpSink, refresh_users: int) -> None:
        self.stack = stack
        self.name = stack.name
        self.label = f"{stack.label} (ours)"
        self.language = stack.runtime
        self.peer = stack.bench_peer and peer_class(stack.bench_peer, f"backend {stack.name}").name
        self.processes = stack.commands.serve.replace("$HOST:$PORT", "…").replace(" --bind …", "")
        self.mode = mode
        self.sink = sink
        self.project: RenderedBackend | None = None
        self.env: dict[str, str] = {}
        self.accounts: dict[str, Account] = {}
        self.refresh_users = refresh_users
        self._servers = 0

    def prepare(self, postgres: Postgres | None = None) -> None:
        cell = Cell(self.name, self.mode, "bearer", "sqlite" if postgres is None else "postgresql")
        with output_to(CACHE / "render.log"):  # copier's post-copy summary, once per render
            self.project = RenderedBackend(cell, smtp=(self.sink.host, self.sink.port), postgres=postgres)
        overrides = {**RATE_LIMITS, **PRODUCTION_ENV.get(self.language, {})}
        database = self.project.new_database()
        if postgres is not None:
            self.database_name = database.rsplit("/", 1)[1]
        self.env = self.project.environment(database, overrides)
        self.project.migrate(self.env)
        service = self.start()
        try:
            names = ["me", "login", *(f"refresh{i}" for i in range(self.refresh_users))]
            with ThreadPoolExecutor(4) as pool:
                accounts = pool.map(lambda name: self._register(service, name), names)
                self.accounts = dict(zip(names, accounts, strict=True))
        finally:
            service.stop()

    def _register(self, service: Service, name: str) -> Account:
        api = Api(service, "bearer")
        try:
            return register_verified(api, self.sink.inbox, self.mode, f"{name}@bench.test", PASSWORD)
        finally:
            api.close()

    def start(self) -> Service:
        self._servers += 1
        env = {**self.env, "PORT": str(free_port())}
        log = self.project.workdir / f"server{self._servers}.log"
        command = ["bash", "-c", f"exec {self.stack.commands.serve}"]
        return Service(command, self.project.folder, env, int(env["PORT"]), log).start()

    def _grant(self, service: Service, account: str) -> Api:
        api = Api(service, "bearer")
        login(api, self.accounts[account], self.mode)
        return api

    def me_headers(self, service: Service) -> dict[str, str]:
        api = self._grant(service, "me")
        api.close()
        return {"Authorization": f"Bearer {api.access_token}"}

    def refresh_tokens(self, service: Service, count: int) -> list[str]:
        def token(index: int) -> str:
            api = self._grant(service, f"refresh{index}")
            api.close()
            return api.refresh_token

        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(token, range(count)))

    def login_request(self) -> Request:
        return Request.json("/auth/login", {"email": self.accounts["login"].email, "password": PASSWORD})

    def hash_runner(self) -> HashRunner:
        return HashRunner(self.language, self.project.folder, self.project.installed.env())

    def versions(self) -> dict[str, str]:
        """The installed versions of the manifest's dependencies at the bench's mode, and its dev tools."""
        specifiers = [*self.stack.dependencies_for(self.mode), *self.stack.dev_dependencies]
        return self.hash_runner().versions([package_name(specifier) for specifier in specifiers])

    def close(self) -> None:
        if self.project is not None:
            self.project.close()
