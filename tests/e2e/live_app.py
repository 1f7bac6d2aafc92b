"""A rendered project with a backend and a web frontend, both running on loopback ports.

The backend comes from the conformance harness (tests/support: render, cached install,
migrations, server process). The frontend is the production build of the same render,
served by its own tooling with the API proxied to the backend, so the browser sees one
origin, as it would behind a reverse proxy.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from manifests import Stack
from support.cells import Cell
from support.mail import Inbox
from support.ports import free_port
from support.project import RenderedBackend, Server, install, load_stacks
from support.service import Service, shell

ADMIN_EMAIL = "admin@e2e.test"

# Every journey comes from 127.0.0.1: the per-IP ceilings are raised so the journeys of one
# run never trip them; the per-account limits keep their defaults.
BACKEND_ENV = {
    "RATE_LIMIT_LOGIN_PER_IP": 100000,
    "RATE_LIMIT_MFA_PER_IP": 100000,
    "RATE_LIMIT_RESET_PER_IP": 100000,
    "RATE_LIMIT_REGISTER_PER_IP": 100000,
    "BOOTSTRAP_ADMIN_EMAILS": ADMIN_EMAIL,
    # Plain-http local development, as a developer runs it: the cookies lose their Secure flag.
    "AUTH_COOKIE_SECURE": "false",
}


@dataclass(frozen=True, order=True)
class FullStackCell(Cell):
    """A conformance cell that also renders a web frontend beside the backend."""

    frontend: str = "react"

    @property
    def id(self) -> str:
        return f"{self.frontend}-{super().id}"

    def answers(self) -> dict:
        return {**super().answers(), "project_name": "e2e", "frontend": self.frontend, "frontend_dir": "frontend"}


def serve_frontend(stack: Stack, folder: Path, env: dict[str, str], log_path: Path) -> Service:
    """The frontend's production build (its manifest's build and preview commands), served on
    ``env``'s PORT with the API proxied to its API_URL."""
    built = subprocess.run(["bash", "-c", stack.commands.build], cwd=folder, env=env, capture_output=True, text=True)
    if built.returncode != 0:
        raise RuntimeError(f"{stack.name} build failed:\n{built.stdout[-4000:]}\n{built.stderr[-4000:]}")
    # Its /health crosses the proxy: both servers answer once it does.
    return Service(shell(stack.commands.preview), folder, env, int(env["PORT"]), log_path, stack.name).start(timeout=60)


class LiveApp:
    """Backend and frontend of one render, running; ``url(path)`` is what the browser opens."""

    def __init__(self, cell: FullStackCell, smtp: tuple[str, int], inbox: Inbox) -> None:
        self.cell = cell
        self.inbox = inbox
        self.backend = RenderedBackend(cell, smtp=smtp)
        folder = self.backend.folder.parent / "frontend"
        frontend = load_stacks()[cell.frontend]
        installed = install(frontend, folder)
        port = free_port()
        # localhost, not 127.0.0.1: a WebAuthn relying party ID (the host of APP_URL) must be a domain.
        self.base_url = f"http://localhost:{port}"
        try:
            # Mailed links point at the frontend, which serves /verify-email and /reset-password.
            self.server: Server = self.backend.launch({**BACKEND_ENV, "APP_URL": self.base_url})
            env = installed.env({"API_URL": self.server.base_url, "PORT": str(port), "HOST": "127.0.0.1"})
            self.frontend = serve_frontend(frontend, folder, env, self.backend.workdir / "frontend.log")
        except BaseException:
            self.backend.close()
            raise

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def logs(self) -> str:
        return f"--- backend ---\n{self.server.log()[-3000:]}\n--- frontend ---\n{self.frontend.log()[-3000:]}"

    def close(self) -> None:
        self.frontend.stop()
        self.backend.close()
