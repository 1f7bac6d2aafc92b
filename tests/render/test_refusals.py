"""A planned or unknown stack is refused in one line naming the stacks that work, never with a traceback,
through the real copier CLI; detection of a planned stack never breaks the questions."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from manifests import load_stacks
from render.rendering import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "projects"
COPY = [sys.executable, "-m", "copier", "copy", "--trust", "--vcs-ref", "HEAD"]
# Read from the manifests, so a stack that becomes built changes no line here.
BUILT_BACKENDS = [stack for stack in load_stacks().values() if stack.kind == "backend" and stack.built]
WORKING_BACKENDS = (
    f"The backends that work: {', '.join(stack.label for stack in BUILT_BACKENDS)}."
    f" Choose one with --data backend={'|'.join(stack.name for stack in BUILT_BACKENDS)}"
)


def copy(dst: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*COPY, *args, str(ROOT), str(dst)], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def flask_app(tmp_path) -> Path:
    dst = tmp_path / "shop"
    shutil.copytree(FIXTURES / "flask", dst)
    return dst


def last_line(result: subprocess.CompletedProcess) -> str:
    return result.stderr.strip().splitlines()[-1]


def test_a_detected_planned_stack_is_refused_in_one_line(flask_app):
    before = sorted(p.relative_to(flask_app) for p in flask_app.rglob("*"))
    result = copy(flask_app, "--defaults")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert last_line(result) == (
        f"universal-auth: Flask (found in this project) is planned, not built yet. {WORKING_BACKENDS}, or backend=none."
    )
    assert sorted(p.relative_to(flask_app) for p in flask_app.rglob("*")) == before, "nothing is written"


@pytest.mark.parametrize(
    ("name", "what"),
    [("flask", "Flask is planned, not built yet"), ("rails", "there is no backend named 'rails'")],
)
def test_a_requested_planned_or_unknown_stack_is_refused_in_one_line(tmp_path, name, what):
    result = copy(tmp_path / "p", "--defaults", "--data", f"backend={name}")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert last_line(result) == f"universal-auth: {what}. {WORKING_BACKENDS}, or backend=none."
    assert not (tmp_path / "p").exists()


def test_without_a_terminal_or_defaults_copier_asks_for_them(flask_app):
    result = copy(flask_app)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Use `--defaults` and/or `--data`/`--data-file`" in last_line(result)


def read_until(fd: int, text: str, seen: bytearray, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while text.encode() not in seen and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.5)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                return False
    return text.encode() in seen


def test_in_a_terminal_the_questions_go_on_past_a_detected_planned_stack(flask_app):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.executable, [*COPY, str(ROOT), str(flask_app)])
    seen = bytearray()
    try:
        assert read_until(fd, "Project name", seen), seen.decode(errors="replace")
        os.write(fd, b"\r")
        assert read_until(fd, "Backend framework", seen), seen.decode(errors="replace")
        assert b"Traceback" not in seen
        assert b"Flask" in seen, "the detection table names what it found"
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
