"""Render the default backend with its web frontend into ./demo and serve both, so a person can
register, verify the email, sign in and set up two-factor authentication in a browser.

Usage: bash dev demo [--dir DIR] [--port N] [--api-port N]. SQLite and console email: nothing else
to start. The frontend's production build is served with the API proxied to the backend (one
origin, as behind a reverse proxy); the backend prints each mail, and the demo repeats the links
in it on a line of their own, ready to open.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import copier
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "extensions"), str(ROOT / "tests")]

import manifests  # noqa: E402
from support.project import install  # noqa: E402
from support.service import shell  # noqa: E402

MAILED_LINK = re.compile(r"https?://[^\s\"'<>]+/(?:verify-email|reset-password)\?token=[A-Za-z0-9_-]+")


def default_backend() -> manifests.Stack:
    """The backend a project gets when every question keeps its default (a dry run of the template)."""
    with tempfile.TemporaryDirectory() as scratch:
        worker = copier.run_copy(
            str(ROOT), Path(scratch) / "project", defaults=True, pretend=True, unsafe=True, vcs_ref="HEAD", quiet=True
        )
    return manifests.load_stacks()[worker.answers.combined["backend"]]


def render(dst: Path) -> dict:
    """The default answers with the default backend's first browser-tested frontend (its e2e partner)."""
    answers_file = dst / ".copier-answers.yml"
    if not answers_file.exists():
        backend = default_backend()
        if not backend.e2e_partners:
            raise SystemExit(f"demo: {backend.name} names no web frontend (e2e_partner in stacks/{backend.name}.yml)")
        data = {"frontend": backend.e2e_partners[0]}
        copier.run_copy(str(ROOT), dst, data=data, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
    answers = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
    if answers.get("backend", "none") == "none" or answers.get("frontend", "none") == "none":
        raise SystemExit(f"demo: {dst} holds a render without a backend and a web frontend: remove it, run again")
    return answers


class Process:
    """A manifest command in its own process group, its output echoed line by line with a prefix;
    every mailed link in it is repeated once on a line of its own."""

    def __init__(self, name: str, command: str, cwd: Path, env: dict[str, str]) -> None:
        self.name = name
        self.popen = subprocess.Popen(
            shell(command),
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.links: set[str] = set()
        threading.Thread(target=self._echo, daemon=True).start()

    def _echo(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            print(f"{self.name} | {line.rstrip()}", flush=True)
            for link in MAILED_LINK.findall(line):
                if link not in self.links:
                    self.links.add(link)
                    print(f"demo: mailed link, open it in the browser: {link}", flush=True)

    def wait_until_ready(self, url: str, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise SystemExit(f"demo: the {self.name} stopped (exit {self.popen.returncode}); its output is above")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:  # refused, reset or timed out while it starts
                pass
            time.sleep(0.2)
        raise SystemExit(f"demo: the {self.name} did not answer {url} in {timeout:.0f} s")

    def stop(self) -> None:
        """SIGTERM to the process group (a server's workers too), SIGKILL if it lingers."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)


def run(step: str, cwd: Path, env: dict[str, str]) -> None:
    print(f"demo: {step}", flush=True)
    subprocess.run(shell(step), cwd=cwd, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", default="demo", type=Path)
    parser.add_argument("--port", type=int, help="the web app's port (default: the port of the render's app_url)")
    parser.add_argument("--api-port", type=int, help="the backend's port (default: its manifest's)")
    args = parser.parse_args()
    dst = args.dir.resolve()
    answers = render(dst)
    stacks = manifests.load_stacks()
    backend, frontend = stacks[answers["backend"]], stacks[answers["frontend"]]
    print(f"demo: {backend.name} and {frontend.name}, mode {answers['mode']}, rendered into {args.dir}/", flush=True)
    if backend.commands is None or frontend.commands is None or frontend.commands.preview is None:
        raise SystemExit(f"demo: {backend.name} or {frontend.name} has no commands to run in its manifest")

    port = args.port or urlsplit(answers["app_url"]).port or frontend.port
    api_port = args.api_port or backend.port
    # localhost, as in the render's app_url: a passkey's relying party must be a domain, not an address.
    app_url = f"http://localhost:{port}"
    api_url = f"http://127.0.0.1:{api_port}"

    backend_dir = dst / answers["backend_dir"]
    print(f"demo: installing {backend.name}'s dependencies", flush=True)
    backend_env = install(backend, backend_dir).env({"HOST": "127.0.0.1", "PORT": str(api_port), "APP_URL": app_url})
    backend_env.pop("SMTP_HOST", None)  # mail is printed here, whatever this shell's environment says
    if backend.commands.migrate:
        run(backend.commands.migrate, backend_dir, backend_env)

    frontend_dir = dst / answers["frontend_dir"]
    print(f"demo: installing {frontend.name}'s dependencies", flush=True)
    frontend_env = install(frontend, frontend_dir).env({"HOST": "127.0.0.1", "PORT": str(port), "API_URL": api_url})
    if frontend.commands.build:
        run(frontend.commands.build, frontend_dir, frontend_env)

    processes = [Process("backend", backend.commands.serve, backend_dir, backend_env)]
    try:
        processes[0].wait_until_ready(f"{api_url}/health")
        processes.append(Process("frontend", frontend.commands.preview, frontend_dir, frontend_env))
        processes[1].wait_until_ready(f"http://127.0.0.1:{port}/health")  # answered through the proxy
        print(f"demo: open {app_url}/login  (Ctrl-C stops both; the code is in {args.dir}/)", flush=True)
        while all(process.popen.poll() is None for process in processes):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            process.stop()


if __name__ == "__main__":
    sys.exit(main())
