"""Screenshots of every page of each built web frontend, so a person sees the product before installing it.

Usage: bash dev gallery [--frontend NAME]... [--width N]... [--out DIR]

Each frontend (stacks/*.yml, kind frontend, built) is rendered at mode 4, where every page exists,
beside the default backend, and both run as the browser journeys run them (tests/e2e/live_app.py):
the mail goes to an SMTP sink, and the signed-in pages are reached by registering, opening the
mailed link and signing in, in Debian's Chromium. Each page is captured at every width, light and
dark (prefers-color-scheme emulated), into DIR/<frontend>/<page>-<width>-<scheme>.png as a
256-colour PNG; DIR.md (docs/screenshots.md by default) then shows every file in DIR.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "extensions"), str(ROOT / "tests")]

from demo import default_backend  # noqa: E402
from PIL import Image  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from e2e import steps  # noqa: E402
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from e2e.journey import Journey  # noqa: E402
from e2e.live_app import ADMIN_EMAIL, FullStackCell, LiveApp  # noqa: E402
from manifests import stacks_of  # noqa: E402
from support.client import strong_password  # noqa: E402
from support.flows import Account  # noqa: E402
from support.mail import SmtpSink  # noqa: E402

WIDTHS = (1280, 390)  # desktop, phone
HEIGHTS = {1280: 800, 390: 844}
SCHEMES = ("light", "dark")
# The pages in the order a person meets them, with their titles; the walk below captures each once.
PAGES = {
    "not-found": "Page not found",
    "register": "Create an account",
    "verify-email": "Email verified",
    "login": "Sign in",
    "consent": "Consent",
    "dashboard": "Your account",
    "security": "Security settings",
    "mfa-setup": "Two-factor setup",
    "sessions": "Sessions",
    "users": "Users (admin)",
    "audit-log": "Audit log (admin)",
    "mfa-challenge": "Two-factor check",
    "forgot-password": "Forgot password",
    "reset-password": "Choose a new password",
}
SHOT = re.compile(r"^(?P<page>[a-z-]+)-(?P<width>\d+)-(?P<scheme>light|dark)\.png$")
# The journey steps' own screenshots (tests/e2e/steps.py) taken on a page of the gallery.
STEP_SHOTS = {
    "register": "register",
    "email-verified": "verify-email",
    "consent": "consent",
    "security": "security",
    "mfa-setup": "mfa-setup",
    "mfa-challenge": "mfa-challenge",
}
MODE = 4


@dataclass(frozen=True, order=True)
class GalleryCell(FullStackCell):
    """The journeys' cell under a product-like name, which the pages show in their header."""

    def answers(self) -> dict:
        return {**super().answers(), "project_name": "acme"}


@dataclass
class Camera:
    """Captures the page as it stands at every width and colour scheme."""

    page: Page
    folder: Path
    widths: tuple[int, ...]
    taken: list[str] = field(default_factory=list)

    def capture(self, name: str) -> None:
        if name not in PAGES:
            raise ValueError(f"{name} is not one of the gallery's pages {PAGES}")
        self.page.evaluate("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()")
        for width in self.widths:
            self.page.set_viewport_size({"width": width, "height": HEIGHTS.get(width, 800)})
            for scheme in SCHEMES:
                self.page.emulate_media(color_scheme=scheme)
                path = self.folder / f"{name}-{width}-{scheme}.png"
                self.page.screenshot(path=path, full_page=True, animations="disabled", caret="hide")
                shrink(path)
        self.page.set_viewport_size({"width": max(self.widths), "height": HEIGHTS.get(max(self.widths), 800)})
        self.page.emulate_media(color_scheme="light")
        self.taken.append(name)


def shrink(path: Path) -> None:
    """A palette of 256 colours: flat pages keep their look in a fraction of the bytes."""
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


class GalleryJourney(Journey):
    """A journey whose steps' screenshots of a gallery page are taken by the camera."""

    camera: Camera

    def shot(self, name: str) -> None:
        super().shot(name)
        if name in STEP_SHOTS:
            self.camera.capture(STEP_SHOTS[name])


def walk(journey: GalleryJourney, app: LiveApp) -> None:
    """Every page, reached as a person reaches it: the admin of the journeys signs up (so the
    admin pages show), consents, turns on MFA, signs in with a code and resets the password."""
    page, capture = journey.page, journey.camera.capture
    admin = Account(ADMIN_EMAIL, strong_password())
    with journey.expecting(("GET", "/no-such-page", 404)):  # a server-rendered frontend answers 404
        journey.open_signed_out(app.url("/no-such-page"))
    capture("not-found")
    steps.register(journey, app, admin)
    steps.verify_email(journey, app, admin)
    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    expect(steps.heading(journey, "Sign in")).to_be_visible()
    capture("login")
    steps.consent(journey, admin)
    steps.submit_login(journey, admin)
    steps.expect_dashboard(journey, admin)
    capture("dashboard")
    steps.enable_mfa(journey, admin)
    for link, name in (("Sessions", "sessions"), ("Users", "users"), ("Audit log", "audit-log")):
        left = page.url
        steps.nav_link(journey, link).click()
        expect(page).not_to_have_url(left)
        expect(page.locator("main h1")).to_be_visible()
        page.wait_for_load_state("networkidle")
        capture(name)
    steps.sign_out(journey)
    steps.submit_login(journey, admin)
    steps.answer_totp(journey, admin)
    steps.expect_dashboard(journey, admin)
    steps.sign_out(journey)
    page.get_by_role("link", name="Forgot your password?").click()
    expect(steps.heading(journey, "Reset your password")).to_be_visible()
    capture("forgot-password")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_text("a reset link is on its way")).to_be_visible()
    token = app.inbox.token(admin.email, app.base_url, "reset-password")
    journey.open_signed_out(app.url(f"/reset-password?token={token}"))
    expect(steps.heading(journey, "Choose a new password")).to_be_visible()
    capture("reset-password")


def photograph(frontend: str, backend: str, out: Path, widths: tuple[int, ...], browser, smtp: SmtpSink) -> None:
    folder = out / frontend
    folder.mkdir(parents=True, exist_ok=True)
    for width in widths:
        for old in folder.glob(f"*-{width}-*.png"):
            old.unlink()
    cell = GalleryCell(backend, MODE, "cookie", "sqlite", frontend=frontend)
    print(f"gallery: {frontend} beside {backend}, mode {MODE}", flush=True)
    app = LiveApp(cell, (smtp.host, smtp.port), smtp.inbox)
    # The sessions page shows the browser's name: Chrome's own, not the headless marker in its user agent.
    agent = browser.new_page()
    user_agent = agent.evaluate("() => navigator.userAgent").replace("HeadlessChrome", "Chrome")
    agent.close()
    viewport = {"width": max(widths), "height": 800}
    context = browser.new_context(viewport=viewport, locale="en-US", user_agent=user_agent)
    context.set_default_timeout(15_000)
    try:
        journey = GalleryJourney.start(context, f"gallery/{frontend}")
        journey.camera = Camera(journey.page, folder, widths)
        walk(journey, app)
        journey.assert_clean()
        if missing := [name for name in PAGES if name not in journey.camera.taken]:
            raise RuntimeError(f"the walk through {frontend} missed the pages {missing}")
    except BaseException:
        print(app.logs(), file=sys.stderr)
        raise
    finally:
        context.close()
        app.close()


def index(out: Path, frontends: Iterable[str], label: Callable[[str], str]) -> str:
    """The Markdown page beside ``out`` that shows every screenshot in it, page by page."""
    lines = [
        "# Screenshots",
        "",
        "<!-- generated by `bash dev gallery`: do not edit by hand -->",
        "",
        f"Every page of each web frontend at security mode {MODE}, taken by `bash dev gallery` in Chromium against",
        "a live backend, at desktop and phone widths, in the light and the dark colour scheme.",
    ]
    for frontend in frontends:
        found = [SHOT.match(path.name) for path in sorted((out / frontend).glob("*.png"))]
        shots = {(m["page"], int(m["width"]), m["scheme"]) for m in found if m}
        widths = sorted({width for _, width, _ in shots}, reverse=True)
        if shots:
            lines += ["", f"## {label(frontend)}"]
        for name, title in PAGES.items():
            row = [(width, scheme) for width in widths for scheme in SCHEMES if (name, width, scheme) in shots]
            if row:
                lines += ["", f"### {title}", ""]
                lines.append(" ".join(image(f"{out.name}/{frontend}", name, title, *shot) for shot in row))
    return "\n".join(lines) + "\n"


def image(folder: str, name: str, title: str, width: int, scheme: str) -> str:
    """A desktop shot at a quarter of its width, a phone shot at a third."""
    shown = width // 4 if width > 600 else width // 3
    return f'<img src="{folder}/{name}-{width}-{scheme}.png" alt="{title}, {width} px, {scheme}" width="{shown}">'


def main() -> int:
    built = [stack for stack in stacks_of("frontend") if stack.built]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frontend", action="append", choices=[stack.name for stack in built])
    parser.add_argument("--width", action="append", type=int, help=f"default: {' and '.join(map(str, WIDTHS))}")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    frontends = args.frontend or [stack.name for stack in built]
    widths = tuple(args.width or WIDTHS)
    out = args.out.resolve()
    backend = default_backend().name
    with SmtpSink() as smtp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for frontend in frontends:
                photograph(frontend, backend, out, widths, browser, smtp)
        finally:
            browser.close()
    labels = {stack.name: stack.label for stack in built}
    page = out.with_suffix(".md")
    page.write_text(index(out, [stack.name for stack in built], labels.__getitem__), encoding="utf-8")
    total = sum(path.stat().st_size for path in out.rglob("*.png"))
    print(f"gallery: {sum(1 for _ in out.rglob('*.png'))} screenshots ({total / 1e6:.1f} MB) in {out}; {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
