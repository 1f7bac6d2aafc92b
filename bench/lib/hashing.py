"""The bare argon2id hash at the configured parameters, timed in the language of each server."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent / "scripts"


@dataclass(frozen=True)
class HashRunner:
    """Where a language's argon2 library is installed: a Python interpreter, or a folder with node_modules."""

    language: str  # "python" or "node"
    location: Path

    def measure(self, runs: int) -> dict:
        if self.language not in ("python", "node"):
            raise RuntimeError(f"no bare-hash script for {self.language} yet (bench/lib/scripts/)")
        if self.language == "python":
            command, cwd = [str(self.location), str(SCRIPTS / "hash_py.py"), str(runs)], None
        else:
            script = self.location / ".bench-hash.mjs"  # beside node_modules, so `import "argon2"` resolves
            shutil.copyfile(SCRIPTS / "hash_node.mjs", script)
            command, cwd = ["node", script.name, str(runs)], self.location
        try:
            output = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True, timeout=300)
        finally:
            if self.language == "node":
                script.unlink(missing_ok=True)
        return json.loads(output.stdout.strip().splitlines()[-1])
