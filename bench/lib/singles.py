"""The single-purpose benchmarks others wrote, run as they are and read from their output."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1]


def _run(script: str, timeout: float) -> tuple[int, str, float]:
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, str(BENCH / script)], capture_output=True, text=True,
                                timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        return -1, f"timed out after {timeout:.0f} s", time.perf_counter() - started
    return result.returncode, result.stdout + result.stderr, time.perf_counter() - started


def detect() -> dict:
    code, output, _ = _run("detect.py", 600)
    match = re.search(r"first run ([\d.]+) s, best of 5 ([\d.]+) s", output)
    if code != 0 or match is None:
        return {"error": output[-1500:]}
    return {"first_run_s": float(match.group(1)), "best_of_5_s": float(match.group(2)), "files": 20000}


def review() -> dict:
    code, output, _ = _run("review.py", 600)
    match = re.search(r"reviewed (\d+) files .* in ([\d.]+) s", output)
    if code != 0 or match is None:
        return {"error": output[-1500:]}
    return {"seconds": float(match.group(2)), "files": int(match.group(1))}


def frontend_size() -> dict:
    """Gzipped login-route JavaScript per built frontend; a frontend whose build failed is reported as such."""
    if not (BENCH / "frontend_size.py").exists():
        return {}
    code, output, _ = _run("frontend_size.py", 1200)
    found = {}
    sections = re.findall(r"^(\w+): login route JavaScript.*?\n(.*?)(?=^\w+: login route|\Z)", output, re.M | re.S)
    for name, body in sections:
        total = re.search(r"([\d.]+) KB\s+total", body)
        found[name] = {"kb": float(total.group(1))} if total else {"error": body.strip()[-600:]}
    if code != 0:
        found["error"] = output[-1500:]
    return found
