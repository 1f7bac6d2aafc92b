"""The machine and the tools of this run."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from . import wrk


def _first(path: str, prefix: str) -> str:
    for line in Path(path).read_text().splitlines():
        if line.startswith(prefix):
            return line.split(":", 1)[1].strip()
    return "unknown"


def _tool(*command: str) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return "missing"


def describe() -> dict:
    memory_kib = int(_first("/proc/meminfo", "MemTotal").split()[0])
    return {
        "cores": len(os.sched_getaffinity(0)),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "cpu_model": _first("/proc/cpuinfo", "model name"),
        "kernel": platform.release(),
        "os": platform.freedesktop_os_release().get("PRETTY_NAME", "unknown"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def tools() -> dict:
    return {
        "python": platform.python_version(),
        "node": _tool("node", "--version").lstrip("v"),
        "npm": _tool("npm", "--version"),
        "wrk": wrk.version(),
        "copier": version("copier"),
        "python_executable": sys.executable,
    }
