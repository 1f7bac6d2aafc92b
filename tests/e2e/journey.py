"""A browser page that fails its journey on any console error, page error or failed request,
and keeps a screenshot of every step under test-artifacts/e2e/.

Statuses of 400 and above count as failed requests too, except those a step declares with
``expecting`` (a signed-out visitor's session probe, a login the server refuses on purpose).
Next.js's router cancels its own React Server Component fetches (``?_rsc=``: prefetches and
superseded navigations) by design; those cancellations are not failures.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Response, expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
# Chromium reports every 4xx/5xx answer as this console error; the response itself is judged.
RESOURCE_STATUS = re.compile(r"^Failed to load resource: the server responded with a status of \d+")
# A signed-out page load asks who is signed in and tries to refresh: both answer 401.
SIGNED_OUT_PROBE = (("GET", "/auth/me", 401), ("POST", "/auth/refresh", 401))


@dataclass
class Journey:
    page: Page
    folder: Path
    problems: list[str] = field(default_factory=list)
    allowed: list[tuple[str, str, int]] = field(default_factory=list)
    traffic: list[str] = field(default_factory=list)
    shots: int = 0
    session_probe: bool = True

    @classmethod
    def start(cls, context: BrowserContext, name: str, *, session_probe: bool = True) -> Journey:
        """``session_probe``: whether a page load asks the server for a session (cookie transport;
        with bearer tokens in memory a fresh page knows it has none)."""
        folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_./-]+", "_", name)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()
        journey = cls(context.new_page(), folder, session_probe=session_probe)
        journey.page.on("console", journey._console)
        journey.page.on("pageerror", lambda error: journey.problems.append(f"page error: {error}"))
        journey.page.on("requestfailed", journey._request_failed)
        journey.page.on("response", journey._response)
        journey.page.on("request", lambda request: journey.traffic.append(f"-> {request.method} {request.url}"))
        journey.page.on("framenavigated", lambda frame: journey.traffic.append(f"== {frame.url}"))
        return journey

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not RESOURCE_STATUS.match(message.text):
            self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _request_failed(self, request) -> None:
        cancelled_by_router = "_rsc" in parse_qs(urlsplit(request.url).query) and request.failure == "net::ERR_ABORTED"
        if cancelled_by_router:
            return
        self.problems.append(f"request failed: {request.method} {request.url}: {request.failure} (on {self.page.url})")

    def _response(self, response: Response) -> None:
        self.traffic.append(f"<- {response.status} {response.request.method} {response.url}")
        if response.status < 400:
            return
        method, path = response.request.method, urlsplit(response.url).path
        if (method, path, response.status) not in self.allowed:
            self.problems.append(f"unexpected {response.status}: {method} {path} (on {self.page.url})")

    @contextmanager
    def expecting(self, *answers: tuple[str, str, int]):
        """Inside the block, these (method, path, status) answers are part of the journey."""
        self.allowed.extend(answers)
        try:
            yield
        finally:
            for answer in answers:
                self.allowed.remove(answer)

    def open_signed_out(self, url: str) -> None:
        """A full page load by a visitor without a session: done once the app's session probe (a
        refresh attempt, cookie transport) has been answered and the page shows its heading."""
        if not self.session_probe:
            self.page.goto(url)
            expect(self.page.locator("main h1")).to_be_visible()
            return
        with self.expecting(*SIGNED_OUT_PROBE):
            with self.page.expect_response(lambda response: urlsplit(response.url).path == "/auth/refresh"):
                self.page.goto(url)
            expect(self.page.locator("main h1")).to_be_visible()

    def shot(self, name: str) -> None:
        self.shots += 1
        self.page.screenshot(path=self.folder / f"{self.shots:02d}-{name}.png", full_page=True)

    def assert_clean(self) -> None:
        assert not self.problems, (
            "the journey hit problems:\n" + "\n".join(self.problems) + "\ntraffic:\n" + "\n".join(self.traffic)
        )
