"""The bare argon2id hash at the configured parameters, timed in the runtime of each server, and
what the hash alone allows: logins per second on every core, and the latency of an HTTP endpoint
that does nothing but verify.

Each runtime brings three scripts in bench/lib/scripts, named ``<purpose>_<runtime>.<ext>`` after
the manifests' ``runtime``: ``hash`` (prints the median hash and verify times), ``parallel`` (hashes
per second with N in flight), ``floor`` (a verify-only server on PORT) and ``versions`` (the installed
version of each package named). A script runs as ``<runtime> <script> <args>`` (``go run <script>
<args>`` for go) in the folder and environment where the server's argon2 library is installed,
copied there for the time of the run, so its imports resolve as the server's do.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from support.ports import free_port

from .measure import sequential_posts
from .processes import Service
from .subjects import Request

SCRIPTS = Path(__file__).resolve().parent / "scripts"
PURPOSES = ("hash", "parallel", "floor", "versions")
# The command that runs a script, where it is not the runtime's name followed by the script.
LAUNCHERS = {"go": ("go", "run")}
VERIFY = Request.json("/verify", {"password": "correct horse battery staple"})


def runtime_scripts(runtime: str | None, what: str) -> dict[str, Path]:
    """The scripts of ``runtime``, by purpose; an error naming each missing one."""
    if not runtime:
        raise RuntimeError(f"{what} has no `runtime` in its manifest: the bench picks its scripts by runtime")
    found, missing = {}, []
    for purpose in PURPOSES:
        scripts = sorted(SCRIPTS.glob(f"{purpose}_{runtime}.*"))
        if len(scripts) == 1:
            found[purpose] = scripts[0]
        else:
            missing.append(f"bench/lib/scripts/{purpose}_{runtime}.<ext>")
    if missing:
        raise RuntimeError(f"{what} runs on {runtime}, which has no bench script {', '.join(missing)}")
    return found


@dataclass(frozen=True)
class HashRunner:
    """Where a runtime's argon2 library is installed: a folder and the environment that finds it."""

    runtime: str  # also the command that runs a script: python, node
    folder: Path
    env: dict[str, str] = field(repr=False)

    def measure(self, runs: int) -> dict:
        """Median hash and verify times, one at a time."""
        return self._run("hash", [str(runs)])

    def parallel(self, workers: int, seconds: float) -> dict:
        """Hashes per second with ``workers`` hashes always in flight."""
        return self._run("parallel", [str(workers), str(seconds)])

    def versions(self, packages: list[str]) -> dict[str, str]:
        """The installed version of each of ``packages`` found where this runtime's server runs."""
        return self._run("versions", packages)

    def http_floor(self, count: int, workdir: Path) -> dict:
        """Sequential latency of POST /verify on a server that only verifies, served as our backends are."""
        port = free_port()
        with self._script("floor") as script:
            command = [*self._launcher(), script.name]
            service = Service(command, self.folder, {**self.env, "PORT": str(port)}, port, workdir / "floor.log")
            service.start()
            try:
                return sequential_posts(service, VERIFY.path, VERIFY.body, VERIFY.content_type, count)
            finally:
                service.stop()

    def _run(self, purpose: str, args: list[str]) -> dict:
        with self._script(purpose) as script:
            output = subprocess.run([*self._launcher(), script.name, *args], cwd=self.folder, env=self.env,
                                    capture_output=True, text=True, check=True, timeout=300)  # fmt: skip
        return json.loads(output.stdout.strip().splitlines()[-1])

    def _launcher(self) -> tuple[str, ...]:
        return LAUNCHERS.get(self.runtime, (self.runtime,))

    @contextmanager
    def _script(self, purpose: str):
        source = runtime_scripts(self.runtime, f"a {self.runtime} server")[purpose]
        # Not "_bench_...": the go command ignores files whose names begin with "_".
        script = self.folder / f"bench_{purpose}{source.suffix}"
        shutil.copyfile(source, script)
        try:
            yield script
        finally:
            script.unlink(missing_ok=True)
