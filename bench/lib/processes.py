"""Server processes of the benchmark (support.service.Service, shared with the test suite), commands
and output redirection around them, and the resident memory of a process tree."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from support.service import Service as Service  # what the bench modules start their servers with

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
