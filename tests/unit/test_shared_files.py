"""shared/: the links stacks hold into it, and the refusal of a checkout that turned them into text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import copier
import pytest
from copier.errors import UserMessageError

from shared_files import SHARED_FOLDER, pointer_files

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PARTS = ("copier.yml", "extensions", "hooks", "messages", "stacks", "template", SHARED_FOLDER)


def links() -> list[Path]:
    return [path for path in (ROOT / "template").rglob("*") if path.is_symlink()]


def test_every_link_of_a_stack_names_a_shared_file():
    assert len(links()) >= 40
    for link in links():
        assert link.resolve().is_relative_to(ROOT / SHARED_FOLDER) and link.resolve().is_file(), link


def test_this_checkout_has_no_pointer_files():
    assert pointer_files(ROOT) == []


def without_symlinks(destination: Path) -> Path:
    """The template as git writes it with core.symlinks off: each link a file holding its target."""
    destination.mkdir()
    for part in TEMPLATE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    for link in (destination / "template").rglob("*"):
        if link.is_symlink():
            target = os.readlink(link)
            link.unlink()
            link.write_text(target, encoding="utf-8")
    return destination


def test_a_checkout_without_symlinks_is_refused(tmp_path):
    template = without_symlinks(tmp_path / "template")
    assert len(pointer_files(template)) == len(links())
    answers = {"project_name": "shop", "backend": "none", "frontend": "react", "mode": 1}
    with pytest.raises(UserMessageError, match="checked out as plain files"):
        copier.run_copy(str(template), tmp_path / "project", data=answers, defaults=True, unsafe=True, quiet=True)
    assert not (tmp_path / "project" / "frontend" / "src").exists()
