"""`copier copy --defaults` into an existing project picks the stack detection found there.

A built stack is generated and recorded in the answers; a planned one is refused in one line
naming it (extensions/stack_refusal.py), which proves detection found it.
"""

from __future__ import annotations

import re
import shutil

import copier
import pytest
import yaml
from copier.errors import UserMessageError

import manifests
from render.rendering import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "projects"
EXPECTED = {name: {stack.kind: name} for name, stack in manifests.load_stacks().items()}
EXPECTED["monorepo"] = {"backend": "django", "frontend": "nextjs", "mobile": "expo"}
FOLDERS = {"monorepo": {"backend": "backend", "frontend": "frontend", "mobile": "mobile"}}


@pytest.fixture(autouse=True)
def no_remembered_preferences(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_copy_with_defaults_picks_the_detected_stack(fixture, tmp_path):
    dst = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, dst)
    expected = EXPECTED[fixture]
    stacks = manifests.load_stacks()
    planned = [
        stacks[expected[kind]] for kind in manifests.KINDS if kind in expected and not stacks[expected[kind]].built
    ]

    def copy():
        copier.run_copy(str(ROOT), dst, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True, overwrite=True)

    if planned:
        refusal = f"universal-auth: {planned[0].label} (found in this project) is planned, not built yet"
        with pytest.raises(UserMessageError, match=re.escape(refusal)):
            copy()
        return
    copy()
    answers = yaml.safe_load((dst / ".copier-answers.yml").read_text())
    for kind, name in expected.items():
        assert answers[kind] == name
        assert answers[f"{kind}_dir"] == FOLDERS.get(fixture, {}).get(kind, ".")
