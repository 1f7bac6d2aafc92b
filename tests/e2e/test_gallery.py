"""`bash dev gallery` for one frontend at one width: every page, light and dark, as a PNG of that
width at least (a page wider than the screen shows its overflow), and the docs page showing them.
It renders and walks a mode-4 app, so it runs under ``full``."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "audit-log",
    "consent",
    "dashboard",
    "forgot-password",
    "login",
    "mfa-challenge",
    "mfa-setup",
    "not-found",
    "register",
    "reset-password",
    "security",
    "sessions",
    "users",
    "verify-email",
]

pytestmark = pytest.mark.full


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_gallery_of_one_frontend_at_phone_width(tmp_path):
    out = tmp_path / "screenshots"
    command = [sys.executable, "scripts/gallery.py", "--frontend", "react", "--width", "390", "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-8000:]

    expected = sorted(f"{page}-390-{scheme}.png" for page in PAGES for scheme in ("dark", "light"))
    assert [path.relative_to(out).as_posix() for path in sorted(out.rglob("*"))] == [
        "react",
        *(f"react/{name}" for name in expected),
    ]
    for name in expected:
        width, height = png_size(out / "react" / name)
        assert width >= 390 and height >= 600, (name, width, height)

    shown = (tmp_path / "screenshots.md").read_text(encoding="utf-8")
    sources = sorted(tag.split('"')[1] for tag in shown.split("<img ")[1:])
    assert sources == [f"screenshots/react/{name}" for name in expected]
