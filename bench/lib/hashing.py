"""The bare argon2id hash at the configured parameters, timed in the language of each server, and
what the hash alone allows: logins per second on every core, and the latency of an HTTP endpoint
that does nothing but verify."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from support.ports import free_port

from .measure import sequential_posts
from .processes import Service
from .subjects import Request

SCRIPTS = Path(__file__).resolve().parent / "scripts"
VERIFY = Request.json("/verify", {"password": "correct horse battery staple"})


@dataclass(frozen=True)
class HashRunner:
    """Where a language's argon2 library is installed: a Python interpreter, or a folder with node_modules."""

    language: str  # "python" or "node"
    location: Path

    def measure(self, runs: int) -> dict:
        """Median hash and verify times, one at a time."""
        return self._run("hash", [str(runs)])

    def parallel(self, workers: int, seconds: float) -> dict:
        """Hashes per second with ``workers`` hashes always in flight."""
        return self._run("parallel", [str(workers), str(seconds)])

    def http_floor(self, count: int, workdir: Path) -> dict:
        """Sequential latency of POST /verify on a server that only verifies, served as our backends are."""
        port = free_port()
        with self._script("floor") as script:
            if self.language == "python":
                command = [str(self.location), "-m", "gunicorn", "--chdir", str(SCRIPTS), "floor_py:application",
                           "--workers", "2", "--bind", f"127.0.0.1:{port}"]  # fmt: skip
                cwd = SCRIPTS
            else:
                command, cwd = ["node", script.name], self.location
            service = Service(command, cwd, {**os.environ, "PORT": str(port)}, port, workdir / "floor.log")
            service.start()
            try:
                return sequential_posts(service, VERIFY.path, VERIFY.body, VERIFY.content_type, count)
            finally:
                service.stop()

    def _run(self, name: str, args: list[str]) -> dict:
        with self._script(name) as script:
            if self.language == "python":
                command, cwd = [str(self.location), str(script), *args], None
            else:
                command, cwd = ["node", script.name, *args], self.location
            output = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True, timeout=300)
        return json.loads(output.stdout.strip().splitlines()[-1])

    def _check(self) -> None:
        if self.language not in ("python", "node"):
            raise RuntimeError(f"no bare-hash scripts for {self.language} yet (bench/lib/scripts/)")

    @contextmanager
    def _script(self, name: str):
        """The script for ``name`` in this language; a Node script is copied beside node_modules
        for the time of the run, so `import "argon2"` resolves."""
        self._check()
        if self.language == "python":
            yield SCRIPTS / f"{name}_py.py"
            return
        script = self.location / f".bench-{name}.mjs"
        shutil.copyfile(SCRIPTS / f"{name}_node.mjs", script)
        try:
            yield script
        finally:
            script.unlink(missing_ok=True)
