"""The test suite in lanes, as CI runs it: a fast lane first, then the heavy lanes one after another.

Each lane prints its wall time and the CPU time (user + sys) of every process it started, servers
included, and the run ends with every lane's times and the total. A failing
fast lane (lint, types, unit and render tests, meant to fail within 3 minutes) stops the run; a
failing heavy lane does not stop the lanes after it, so one run shows every failure. The budget
per lane is in docs/ci.md.

Usage: bash dev test          (extra arguments go to every pytest lane, e.g. -p no:cacheprovider)
       python scripts/ci.py --list
       python scripts/ci.py --measure -- COMMAND...   (one command's wall and CPU time, as a lane counts them)
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINTED = ["extensions", "hooks", "src", "tests", "bench", "scripts"]
PYTEST = [sys.executable, "-m", "pytest"]
# pyproject's addopts deselect these; a lane that passes its own -m must keep doing so.
DEFAULT_SET = "not matrix and not full"


@dataclass(frozen=True)
class Lane:
    name: str
    why: str
    commands: list[list[str]]
    test_folders: tuple[str, ...] = ()
    stops_the_run: bool = False


def pytest_lane(name: str, why: str, folders: tuple[str, ...], *options: str, stops: bool = False) -> Lane:
    return Lane(name, why, [[*PYTEST, *folders, *options]], folders, stops)


LANES = [
    Lane(
        "lint",
        "ruff and the type check: seconds",
        [
            [sys.executable, "-m", "ruff", "check", *LINTED],
            [sys.executable, "-m", "ruff", "format", "--check", *LINTED],
            [sys.executable, "-m", "mypy"],
        ],
        stops_the_run=True,
    ),
    pytest_lane(
        "unit-render",
        "no server: detection, manifests, hooks, docs, the covering render set; two workers",
        ("tests/unit", "tests/render"),
        "-n",
        "2",
        stops=True,
    ),
    pytest_lane(
        "projects",
        "generated projects' own tests, mode and version updates, the review: CPU-bound, two workers",
        ("tests/generated", "tests/update", "tests/review"),
        "-n",
        "2",
    ),
    pytest_lane(
        "retrofit",
        "copies into the host applications of tests/fixtures/projects/retrofit: only owned files and marked edits, "
        "nothing asked, a second copy and an update change nothing; each stack's deeper host checks; two workers",
        ("tests/retrofit",),
        "-n",
        "2",
    ),
    Lane(
        "conformance",
        "one default cell per backend, three cells at a time; then the timing comparisons alone, serial",
        [
            # Three workers on two cores: a cell's server waits on its database and hashes in bursts, so
            # two cells side by side left the CPU half idle (CPU 370 s in 400 s of wall, 2026-12-05).
            [*PYTEST, "tests/conformance", "-n", "3", "-m", f"{DEFAULT_SET} and not timing"],
            [*PYTEST, "tests/conformance", "-n", "0", "-m", f"{DEFAULT_SET} and timing"],
        ],
        ("tests/conformance",),
    ),
    pytest_lane(
        "faults",
        "each backend's fault cell: PostgreSQL and Redis stopped under load, the server killed; serial",
        ("tests/faults",),
        "-n",
        "0",
    ),
    pytest_lane(
        "e2e",
        "one browser journey pair per stack, serial: each cell's app is built once",
        ("tests/e2e",),
        "-n",
        "0",
    ),
]


def unlaned_test_folders() -> list[str]:
    """Folders under tests/ holding test files that no lane runs: a new folder must join a lane."""
    laned = {folder for lane in LANES for folder in lane.test_folders}
    found = {str(path.parent.relative_to(ROOT)) for path in (ROOT / "tests").glob("*/test_*.py")}
    return sorted(found - laned)


def count_every_descendant() -> None:
    """Become the child subreaper (Linux): a server whose parent (npm, bash) exits first is reaped
    here, so its CPU time is counted too."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def reap_orphans(grace: float = 5.0) -> None:
    """Wait for the descendants left behind (a server's processes still shutting down), a while."""
    deadline = time.monotonic() + grace
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)


def cpu_seconds() -> float:
    """User + sys time of every reaped descendant so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_lane(lane: Lane, extra: list[str]) -> tuple[bool, float, float]:
    print(f"\n=== lane {lane.name}: {lane.why}", flush=True)
    started, cpu_before = time.monotonic(), cpu_seconds()
    passed = True
    for command in lane.commands:
        full = [*command, *extra] if command[:3] == PYTEST else command
        print("$ python " + " ".join(full[1:]), flush=True)
        returncode = subprocess.run(full, cwd=ROOT).returncode
        reap_orphans()
        if returncode != 0:
            passed = False
            if lane.stops_the_run:
                break
    elapsed, cpu = time.monotonic() - started, cpu_seconds() - cpu_before
    print(f"=== lane {lane.name}: {'passed' if passed else 'FAILED'} in {elapsed:.0f} s (CPU {cpu:.0f} s)", flush=True)
    return passed, elapsed, cpu


def measure(command: list[str]) -> int:
    started = time.monotonic()
    returncode = subprocess.run(command, cwd=ROOT).returncode
    reap_orphans()
    print(f"ci: {time.monotonic() - started:.0f} s wall, {cpu_seconds():.1f} s CPU (user + sys), exit {returncode}")
    return returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="print the lanes and their commands, run nothing")
    parser.add_argument("--only", action="append", default=[], help="run this lane only (repeatable)")
    count_every_descendant()
    if sys.argv[1:2] == ["--measure"]:
        command = sys.argv[2:]
        return measure(command[1:] if command[:1] == ["--"] else command)
    args, extra = parser.parse_known_args()
    if missing := unlaned_test_folders():
        print(f"ci: no lane runs {', '.join(missing)}: add the folder to a lane in scripts/ci.py", file=sys.stderr)
        return 2
    lanes = [lane for lane in LANES if not args.only or lane.name in args.only]
    if args.list:
        for lane in lanes:
            print(f"{lane.name}: {lane.why}")
            for command in lane.commands:
                print("    python " + " ".join(command[1:]))
        return 0
    times: dict[str, tuple[float, float]] = {}
    failed: list[str] = []
    started, cpu_before = time.monotonic(), cpu_seconds()
    for lane in lanes:
        passed, *times[lane.name] = run_lane(lane, extra)
        if not passed:
            failed.append(lane.name)
            if lane.stops_the_run:
                break
    print("\nci: lane times (wall, CPU)")
    for name, (wall, cpu) in times.items():
        print(f"  {name:<12} {wall:6.0f} s {cpu:6.0f} s  {'FAILED' if name in failed else 'passed'}")
    print(f"  {'total':<12} {time.monotonic() - started:6.0f} s {cpu_seconds() - cpu_before:6.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
