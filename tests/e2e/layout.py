"""Every page at phone, tablet and desktop widths: no sideways scroll, and axe-core's rules hold."""

from __future__ import annotations

from playwright.sync_api import expect

from .axe import violations
from .journey import Journey

WIDTHS = (320, 390, 768, 1280)

# When the document is wider than the window: the outermost elements that stick out, to say what to fix.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolled = document.documentElement.scrollWidth;
  if (scrolled <= width) return null;
  const out = (e) => e.getBoundingClientRect().right > width + 0.5;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const culprits = [...document.querySelectorAll('body *')]
    .filter((e) => out(e) && !(e.parentElement && out(e.parentElement)))
    .slice(0, 5)
    .map((e) => `${name(e)} to ${Math.round(e.getBoundingClientRect().right)}px`);
  return `${scrolled}px of content in ${width}px: ${culprits.join(', ')}`;
}"""


class PageCheck:
    """Collects what fails on each page, so one run names every problem at once."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.problems: list[str] = []
        self.pages: list[str] = []

    def __call__(self, name: str) -> None:
        page = self.journey.page
        expect(page.locator("main h1").first).to_be_visible()
        self.pages.append(name)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                self.problems.append(f"{name} at {width}px scrolls sideways: {overflow}")
            self.problems.extend(f"{name} at {width}px: {found}" for found in violations(page))
            if width == WIDTHS[0]:
                self.journey.shot(f"{name}-{width}")
        page.set_viewport_size({"width": WIDTHS[-1], "height": 800})

    def assert_clean(self) -> None:
        assert not self.problems, f"{len(self.problems)} problems on {len(self.pages)} pages:\n" + "\n".join(
            self.problems
        )
