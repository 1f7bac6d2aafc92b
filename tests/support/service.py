"""A command serving HTTP on a loopback port: its own process group, its own log, ready once
GET /health answers 200. Backends of the conformance suite, the browser journeys' frontends and
the benchmark's servers all run as one of these.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx


def shell(command: str) -> list[str]:
    """A manifest command line run by bash, which the command's program then replaces."""
    return ["bash", "-c", f"exec {command}"]


class Service:
    def __init__(
        self, command: list[str], cwd: Path, env: dict[str, str], port: int, log_path: Path, name: str = ""
    ) -> None:
        self.command, self.cwd, self.env, self.port, self.log_path = command, cwd, env, port, log_path
        self.name = name or log_path.stem
        self.base_url = f"http://127.0.0.1:{port}"
        self.secrets: set[str] = set()  # every password, code and token sent to it (support.client.Api)
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 120.0, ready_path: str = "/health") -> Service:
        """Starts the command and waits until ``ready_path`` answers 200."""
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log()[-6000:]}")
            try:
                if httpx.get(f"{self.base_url}{ready_path}", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer GET {ready_path} in {timeout} s:\n{self.log()[-6000:]}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL to the process group: a crash, with no chance to finish anything."""
        if self.running:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def stop(self) -> None:
        """SIGTERM to the process group the service leads, SIGKILL if it lingers."""
        if not self.running:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
