"""A rendered project with a backend and a web frontend, both running on loopback ports.

The backend comes from the conformance harness (tests/support: render, cached install,
migrations, server process). The frontend is the production build of the same render,
served by its own tooling with the API proxied to the backend, so the browser sees one
origin, as it would behind a reverse proxy.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from support.cells import Cell
from support.mail import Inbox
from support.ports import free_port
from support.project import Installed, RenderedBackend, Server, install, load_stacks

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


class FrontendServer:
    """The frontend's production build, served with the API proxied to ``api_url``."""

    def __init__(self, folder: Path, installed: Installed, api_url: str, port: int, log_path: Path) -> None:
        self.folder = folder
        self.port = port
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = installed.env({"API_URL": api_url, "PORT": str(self.port), "HOST": "127.0.0.1"})
        self.log_path = log_path
        self._process: subprocess.Popen | None = None

    def start(self, build: str, serve: str, timeout: float = 60.0) -> FrontendServer:
        built = subprocess.run(["bash", "-c", build], cwd=self.folder, env=self.env, capture_output=True, text=True)
        if built.returncode != 0:
            raise RuntimeError(f"frontend build failed:\n{built.stdout[-4000:]}\n{built.stderr[-4000:]}")
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child keeps it)
        self._process = subprocess.Popen(
            ["bash", "-c", f"exec {serve}"],
            cwd=self.folder,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"frontend exited with {self._process.returncode}:\n{self.log()[-4000:]}")
            try:
                # /health crosses the proxy: both servers answer once this does.
                if httpx.get(f"{self.base_url}/health", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"frontend did not answer in {timeout} s:\n{self.log()[-4000:]}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=5)


# How each frontend builds for production and serves that build on $HOST:$PORT.
PRODUCTION = {
    "react": ("vite build", "vite preview --host $HOST --port $PORT --strictPort"),
    "nextjs": ("next build", "next start --hostname $HOST --port $PORT"),
}


class LiveApp:
    """Backend and frontend of one render, running; ``url(path)`` is what the browser opens."""

    def __init__(self, cell: FullStackCell, smtp: tuple[str, int], inbox: Inbox) -> None:
        self.cell = cell
        self.inbox = inbox
        self.backend = RenderedBackend(cell, smtp=smtp)
        self.frontend_folder = self.backend.folder.parent / "frontend"
        installed = install(load_stacks()[cell.frontend], self.frontend_folder)
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        # Mailed links point at the frontend, which serves /verify-email and /reset-password.
        self.server: Server = self.backend.launch({**BACKEND_ENV, "APP_URL": self.base_url})
        log_path = self.backend.workdir / "frontend.log"
        self.frontend = FrontendServer(self.frontend_folder, installed, self.server.base_url, port, log_path)
        build, serve = PRODUCTION[cell.frontend]
        self.frontend.start(build, serve)

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def logs(self) -> str:
        return f"--- backend ---\n{self.server.log()[-3000:]}\n--- frontend ---\n{self.frontend.log()[-3000:]}"

    def close(self) -> None:
        self.frontend.stop()
        self.backend.close()
