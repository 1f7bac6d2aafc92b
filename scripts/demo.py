"""Render the default stack into ./demo and run it, so a person can register and log in.

Usage: bash dev demo [--port N]. SQLite and console email: nothing else to start.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

import copier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "extensions"))

import manifests  # noqa: E402


def render(dst: Path) -> dict:
    if not (dst / ".copier-answers.yml").exists():
        copier.run_copy(str(ROOT), dst, defaults=True, unsafe=True, vcs_ref="HEAD")
    worker = copier.Worker(dst_path=dst)
    return worker.subproject.last_answers


def environment_for(stack: manifests.Stack, folder: Path) -> dict[str, str]:
    """The PATH under which the manifest's commands find their tools (a virtualenv for Python)."""
    env = dict(os.environ)
    if stack.runtime == "python":
        target = folder / ".venv"
        if not (target / "bin" / "python").exists():
            venv.create(target, with_pip=True)
        env["PATH"] = f"{target / 'bin'}{os.pathsep}{env['PATH']}"
        env["VIRTUAL_ENV"] = str(target)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", default="demo", type=Path)
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    answers = render(args.dir.resolve())
    backend = manifests.load_stacks().get(answers.get("backend", "none"))
    print(f"demo: rendered {answers.get('backend')} mode {answers.get('mode')} into {args.dir}/")
    if backend is None or backend.commands is None:
        print("demo: no runnable backend in the default answers yet; the rendered files are in place")
        return 0
    folder = args.dir.resolve() / answers.get("backend_dir", "backend")
    env = environment_for(backend, folder)
    port = args.port or backend.port
    env |= {"HOST": "127.0.0.1", "PORT": str(port)}
    for step in (backend.commands.install, backend.commands.migrate):
        if step:
            print(f"demo: {step}")
            subprocess.run(step, shell=True, cwd=folder, env=env, check=True)
    print(f"demo: serving at http://127.0.0.1:{port}  (Ctrl-C stops it; see {args.dir}/ for the code)")
    return subprocess.run(backend.commands.serve, shell=True, cwd=folder, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
