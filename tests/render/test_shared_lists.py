"""The one common-password list (shared/common-passwords.txt) in every built backend, where its manifest says."""

from __future__ import annotations

import pytest

import manifests
from render.rendering import ROOT, render

BACKENDS = [stack for stack in manifests.stacks_of("backend") if stack.built]


@pytest.mark.parametrize("stack", BACKENDS, ids=[stack.name for stack in BACKENDS])
def test_the_common_password_list_is_the_shared_one(tmp_path, stack):
    assert stack.common_passwords, f"stacks/{stack.name}.yml names no common_passwords path"
    answers = {"backend": stack.name, "frontend": "none", "mobile": "none", "mode": 1, "database": "sqlite"}
    dst = render(tmp_path / "project", answers, skip_tasks=True)
    rendered = dst / "backend" / stack.common_passwords
    assert not rendered.is_symlink()
    assert rendered.read_bytes() == (ROOT / "shared" / "common-passwords.txt").read_bytes()
