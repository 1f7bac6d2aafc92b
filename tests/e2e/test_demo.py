"""`bash dev demo` as a person uses it: the printed URL opens the sign-in page, the link the backend
prints in its mail verifies the address, and the account signs in and turns on two-factor
authentication. The demo renders the default answers, so this runs once, under ``full``."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from support.client import strong_password, unique_email
from support.flows import Account
from support.ports import free_port

from . import steps
from .journey import Journey

ROOT = Path(__file__).resolve().parents[2]
OPEN = re.compile(r"^demo: open (http://\S+)")
MAILED = re.compile(r"^demo: mailed link, open it in the browser: (http://\S+)")

pytestmark = pytest.mark.full


@dataclass
class Demo:
    """`scripts/demo.py` running; ``lines`` receives its output as it comes."""

    process: subprocess.Popen
    lines: queue.Queue
    output: list[str]
    base_url: str = ""

    def next_match(self, pattern: re.Pattern, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                break
            if line is None:
                break
            if match := pattern.match(line):
                return match.group(1)
        raise AssertionError(f"the demo printed no line matching {pattern.pattern}:\n" + "".join(self.output[-60:]))

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "demo"
    command = [sys.executable, "scripts/demo.py", "--dir", str(folder)]
    command += ["--port", str(free_port()), "--api-port", str(free_port())]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    lines: queue.Queue = queue.Queue()
    output: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    running = Demo(process, lines, output)
    try:
        running.base_url = running.next_match(OPEN, timeout=600).removesuffix("/login")
        yield running
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the demo stops both servers
        process.wait(timeout=30)


def test_printed_url_opens_sign_in_and_mailed_link_verifies(demo, context):
    page = httpx.get(demo.url("/login"))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), page
    printed = Journey.start(context, "demo/printed-url")
    printed.open_signed_out(demo.url("/login"))
    expect(steps.heading(printed, "Sign in")).to_be_visible()
    printed.assert_clean()

    journey = Journey.start(context, "demo/sign-up")
    account = Account(unique_email("demo").replace("conformance.test", "demo.test"), strong_password())
    steps.register(journey, demo, account)
    link = demo.next_match(MAILED, timeout=30)
    assert link.startswith(demo.url("/verify-email?token=")), link
    journey.open_signed_out(link)
    expect(journey.page.get_by_text("Your email address is verified")).to_be_visible()
    journey.shot("email-verified")

    journey.page.get_by_role("main").get_by_role("link", name="Sign in").click()
    steps.submit_login(journey, account)
    steps.expect_dashboard(journey, account)
    steps.enable_mfa(journey, account)
    journey.assert_clean()
