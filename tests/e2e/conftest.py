"""Browser journeys: Playwright for Python driving Debian's Chromium (never a downloaded browser)
through a generated frontend against a live generated backend, mail read from a real SMTP sink.

Marked ``e2e``; each module starts the app it needs once.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.mail import SmtpSink

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: browser journeys through a generated frontend and backend")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("node") is None:
        raise RuntimeError(f"the journeys need Debian's chromium at {CHROMIUM} and node: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def smtp():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def context(browser):
    """A fresh browser profile (cookies, storage) per journey."""
    context = browser.new_context(viewport={"width": 1100, "height": 800}, locale="en-US")
    context.set_default_timeout(15_000)
    yield context
    context.close()
