"""Regenerate the documentation tables that are derived from the template.

- README.md, between the support-matrix markers: one row per stack, from stacks/*.yml.

Usage: bash dev docs        (tests/unit/test_docs.py fails when a table is stale)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "extensions"))

import manifests  # noqa: E402

TIER_TEXT = {
    "conformance-tested": "supported: passes the conformance suite",
    "generated-only": "generated only: renders and passes its own tests",
    "planned": "planned: refused until built",
}
START, END = "<!-- support-matrix:start -->", "<!-- support-matrix:end -->"


def support_matrix() -> str:
    rows = ["| stack | kind | language | status | what it generates | databases |", "|---|---|---|---|---|---|"]
    for kind in manifests.KINDS:
        for stack in manifests.stacks_of(kind):
            cells = (f"`{stack.name}`", kind, stack.language, TIER_TEXT[stack.tier], stack.summary)
            rows.append(f"| {' | '.join(cells)} | {', '.join(stack.databases) or '-'} |")
    return "\n".join(rows)


def replace_between(text: str, start: str, end: str, body: str) -> str:
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise ValueError(f"markers {start} ... {end} not found")
    return pattern.sub(lambda _: f"{start}\n{body}\n{end}", text)


def generated() -> dict[Path, str]:
    """Every generated file with its expected content."""
    readme = ROOT / "README.md"
    return {readme: replace_between(readme.read_text(encoding="utf-8"), START, END, support_matrix())}


def main() -> int:
    for path, content in generated().items():
        if path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"docs: rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
