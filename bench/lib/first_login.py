"""Time to first login: from `copier copy` to a successful POST /auth/login on the fresh project.

Package caches are warm (an unmeasured copy and install runs first); everything else is what a
user does after the copy: the manifest's install, migrate and serve commands, then register and
log in. Mode 1 and bearer, so no mailed link stands between the two requests.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from manifests import Stack
from support.ports import free_port
from support.project import install

from .processes import Service, run_command
from .rendering import answers_for, cli_copy
from .subjects import PASSWORD

ANSWERS = {"project_name": "bench", "mode": "1", "transport": "bearer", "database": "sqlite", "email": "console"}


def _answers(stack: Stack) -> dict[str, str]:
    return {**answers_for(stack, 1), **ANSWERS}


def warm_caches(template: Path, workdir: Path, stack: Stack) -> None:
    destination = workdir / f"warm-{stack.name}"
    cli_copy(template, destination, _answers(stack))
    install(stack, destination / "backend")


def time_to_first_login(template: Path, workdir: Path, stack: Stack, index: int) -> dict[str, float]:
    """Wall time of each step and the total, in seconds."""
    destination = workdir / f"first-login-{stack.name}-{index}"
    folder = destination / "backend"
    steps: dict[str, float] = {}
    started = mark = time.perf_counter()

    def step(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        steps[name] = round(now - mark, 3)
        mark = now

    cli_copy(template, destination, _answers(stack))
    step("copy")
    installed = install(stack, folder)
    step("install")
    port = free_port()
    env = installed.env({"HOST": "127.0.0.1", "PORT": str(port)})
    if stack.commands.migrate:
        run_command(stack.commands.migrate, folder, env)
    step("migrate")
    service = Service(["bash", "-c", f"exec {stack.commands.serve}"], folder, env, port, workdir / f"{stack.name}.log")
    service.start()
    try:
        step("serve")
        with httpx.Client(base_url=service.base_url, timeout=30) as client:
            email = f"first-{index}@bench.test"
            registered = client.post("/auth/register", json={"email": email, "password": PASSWORD})
            logged_in = client.post("/auth/login", json={"email": email, "password": PASSWORD})
        if registered.status_code != 201 or logged_in.status_code != 200:
            raise RuntimeError(f"{stack.name}: register {registered.status_code}, login {logged_in.status_code}")
        step("register_and_login")
    finally:
        service.stop()
    steps["total"] = round(time.perf_counter() - started, 3)
    return steps
