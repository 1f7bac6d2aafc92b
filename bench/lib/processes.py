"""Server processes started for the benchmark, and the resident memory of a process tree."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

WRAPPERS = ("npm", "sh", "bash")  # launchers such as `npm start` that only wait for the server they started


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _describe(pid: int) -> dict | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    words = [part.decode(errors="replace") for part in argv if part]
    program = os.path.basename(words[0].split()[0]) if words else ""  # npm retitles itself "npm start"
    command = " ".join([program, *words[1:]])
    return {"pid": pid, "command": command[:160], "rss_mib": round(rss / 1024, 1), "wrapper": program in WRAPPERS}


def tree_memory(root: int) -> dict:
    """VmRSS of ``root`` and every descendant; ``server_mib`` leaves out launcher wrappers."""
    tree, pending, processes = _children(), [root], []
    while pending:
        pid = pending.pop()
        if (found := _describe(pid)) is not None:
            processes.append(found)
        pending.extend(tree.get(pid, []))
    return {
        "total_mib": round(sum(p["rss_mib"] for p in processes), 1),
        "server_mib": round(sum(p["rss_mib"] for p in processes if not p["wrapper"]), 1),
        "server_processes": sum(not p["wrapper"] for p in processes),
        "processes": processes,
    }


class Service:
    """A command serving HTTP on 127.0.0.1:``port`` in its own process group, with its own log."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str], port: int, log: Path) -> None:
        self.command, self.cwd, self.env, self.port, self.log_path = command, cwd, env, port, log
        self.base_url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None
        self.secrets: set[str] = set()  # support.client.Api records what it sends here

    @property
    def pid(self) -> int:
        return self.process.pid

    def start(self, timeout: float = 120.0) -> Service:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.command} exited with {self.process.returncode}:\n{self.log()[-4000:]}")
            try:
                if httpx.get(f"{self.base_url}/health", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.command} did not answer GET /health in {timeout} s:\n{self.log()[-4000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        stop_group(self.process)


def stop_group(process: subprocess.Popen | None) -> None:
    """SIGTERM to the process group the server leads, SIGKILL if it lingers."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def run_command(command: str, cwd: Path, env: dict[str, str]) -> None:
    """A manifest command (install, migrate) in ``cwd``; its output is shown only when it fails."""
    result = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"`{command}` failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


@contextmanager
def output_to(path: Path):
    """Sends this process's stdout and stderr, and its children's (copier's post-copy task), to ``path``."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
