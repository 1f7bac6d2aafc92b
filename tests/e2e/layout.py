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


# The focus ring of an element against the background around it (WCAG 2.2 non-text contrast: 3:1).
FOCUS_RING = """(element) => {
  const channels = (colour) => colour.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = (colour) => {
    const [r, g, b] = channels(colour).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let around = element.parentElement;
  while (around && ['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(around).backgroundColor)) {
    around = around.parentElement;
  }
  const background = around ? getComputedStyle(around).backgroundColor : 'rgb(255, 255, 255)';
  const style = getComputedStyle(element);
  const [ring, behind] = [luminance(style.outlineColor), luminance(background)];
  return {
    outline: `${style.outlineStyle} ${style.outlineWidth}`,
    ratio: (Math.max(ring, behind) + 0.05) / (Math.min(ring, behind) + 0.05),
  };
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
        # Dark mode (prefers-color-scheme) keeps every colour pair readable too.
        page.emulate_media(color_scheme="dark")
        self.problems.extend(f"{name} in dark mode: {found}" for found in violations(page))
        page.emulate_media(color_scheme="light")

    def focus_rings(self, name: str, *targets) -> None:
        """Each target, focused from the keyboard, shows a ring of 3:1 or more, light and dark."""
        for scheme in ("light", "dark"):
            self.journey.page.emulate_media(color_scheme=scheme)
            for target in targets:
                target.focus()
                ring = target.evaluate(FOCUS_RING)
                if not ring["outline"].startswith("solid") or ring["ratio"] < 3:
                    self.problems.append(f"{name} ({scheme}): focus ring {ring['outline']} at {ring['ratio']:.2f}:1")
        self.journey.page.emulate_media(color_scheme="light")

    def assert_clean(self) -> None:
        assert not self.problems, f"{len(self.problems)} problems on {len(self.pages)} pages:\n" + "\n".join(
            self.problems
        )
