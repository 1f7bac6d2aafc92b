"""Rendering timings: `copier copy` per built stack and `copier update` from mode 1 to 4 of a project of
the first built backend in the manifests (Django today).

Both render from a throwaway git copy of the template tagged v1.0.0, built the way the update tests
build theirs (tests/update/conftest.py), so the figure is a clean clone's, as a user gets it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import copier
import yaml

from manifests import Stack, load_stacks
from update.conftest import commit_all, git, make_template_repo

from .processes import output_to

TAG = "v1.0.0"


def template_repo(workdir: Path) -> Path:
    return make_template_repo(workdir / "universal-auth")


def built_stacks() -> list[Stack]:
    return [stack for stack in load_stacks().values() if stack.built]


def update_backend() -> Stack:
    """The backend of the timed update: the first built one, in the manifests' order."""
    return next(stack for stack in built_stacks() if stack.kind == "backend")


def answers_for(stack: Stack, mode: int) -> dict[str, str]:
    """A project with ``stack`` alone in its part: a frontend or mobile stack comes without a backend."""
    answers = {"backend": "none", "frontend": "none", "mobile": "none", "mode": str(mode)}
    answers[stack.kind] = stack.name
    return answers


def cli_copy(template: Path, destination: Path, answers: dict[str, str]) -> float:
    """`copier copy --trust --defaults` as the README tells a user to run it; returns its wall time."""
    data = [item for name, value in answers.items() for item in ("-d", f"{name}={value}")]
    command = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--quiet", "--vcs-ref", TAG,
               *data, str(template), str(destination)]  # fmt: skip
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"copier copy failed: {result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return elapsed


def copy_times(template: Path, workdir: Path, stack: Stack, repeats: int, mode: int = 4) -> list[float]:
    return [cli_copy(template, workdir / f"copy-{stack.name}-{index}", answers_for(stack, mode))
            for index in range(repeats)]  # fmt: skip


def update_time(template: Path, project: Path, backend: Stack) -> float:
    """A committed project of ``backend`` at mode 1, then the timed `copier update` to mode 4 (no installs)."""
    project.mkdir(parents=True)
    git(project, "init", "-q", "-b", "main")
    (project / "README.md").write_text("# Bench project\n")
    commit_all(project, "start")
    with output_to(project.parent / "copier.log"):  # the post-copy task's summary
        copier.run_copy(str(template), project, data={**answers_for(backend, 1), "mode": 1}, defaults=True,
                        unsafe=True, quiet=True, vcs_ref=TAG)  # fmt: skip
        commit_all(project, "universal-auth mode 1")
        started = time.perf_counter()
        copier.run_update(project, data={"mode": 4}, defaults=True, overwrite=True, unsafe=True, quiet=True,
                          vcs_ref=copier.VcsRef.CURRENT)  # fmt: skip
        elapsed = time.perf_counter() - started
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    if int(answers["mode"]) != 4:
        raise RuntimeError(f"copier update left the project at mode {answers['mode']}")
    return elapsed


def update_times(template: Path, workdir: Path, backend: Stack, repeats: int) -> list[float]:
    return [update_time(template, workdir / f"update-{index}", backend) for index in range(repeats)]
