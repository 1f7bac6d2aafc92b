"""`copier update --defaults --data mode=N` adds and never takes away; lowering is refused."""

from __future__ import annotations

import pytest
import yaml

import manifests
from update.conftest import commit_all, copy, copy_fresh, git, untouched_by_conflicts, update

BACKENDS = [s.name for s in manifests.stacks_of("backend") if s.built]
# Each backend's default run takes the path that adds every mode at once; each single step runs under `full`.
PATHS = [
    pytest.param(*path, marks=[] if path == (1, 4) else [pytest.mark.full]) for path in [(1, 2), (2, 3), (3, 4), (1, 4)]
]


def snapshot(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}


def is_migration(path: str) -> bool:
    """A numbered migration file (Django's 0001_x.py, Kysely's 001_x.ts); a folder's registry
    such as index.ts or __init__.py gains lines when a mode adds migrations."""
    folder, _, name = path.rpartition("/")
    return folder.endswith("migrations") and name[:1].isdigit()


@pytest.mark.update
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("low", "high"), PATHS, ids=lambda v: str(v))
def test_upgrade_is_additive(template_v1, project, tmp_path, backend, low, high):
    copy(template_v1, project, backend=backend, mode=low)
    before = snapshot(project)
    update(project, mode=high)
    untouched_by_conflicts(project)
    after = snapshot(project)
    assert set(before) <= set(after), f"files removed: {sorted(set(before) - set(after))}"
    for path in before:
        if is_migration(path):
            assert after[path] == before[path], f"an existing migration changed: {path}"
    assert after["backend/.env"].startswith(before["backend/.env"]), "every line of .env stays"
    assert yaml.safe_load(after[".copier-answers.yml"])["mode"] == high
    added = sorted(set(after) - set(before))
    assert added, "a higher mode adds files"
    name = yaml.safe_load(after[".copier-answers.yml"])["project_name"]
    fresh = snapshot(copy_fresh(template_v1, tmp_path / "fresh", backend=backend, mode=high, project_name=name))
    generated = {path for path in fresh if not path.endswith((".env", ".env.example", ".copier-answers.yml"))}
    assert generated <= set(after)
    assert [p for p in generated if after[p] != fresh[p]] == [], "an upgraded project is a fresh one at that mode"


@pytest.mark.update
@pytest.mark.parametrize("backend", BACKENDS)
def test_user_edits_survive_an_upgrade(template_v1, project, backend):
    """The manifest's ``user_edits`` are appended to files users own; an upgrade keeps every one."""
    edits = manifests.load_stacks()[backend].user_edits
    assert edits, f"stacks/{backend}.yml names no user_edits"
    copy(template_v1, project, backend=backend, mode=1)
    folder = project / yaml.safe_load((project / ".copier-answers.yml").read_text())["backend_dir"]
    for path, addition in edits.items():
        with (folder / path).open("a") as handle:
            handle.write(addition)
    commit_all(project, "our own changes")
    update(project, mode=3)
    untouched_by_conflicts(project)
    for path, addition in edits.items():
        assert (folder / path).read_text().endswith(addition), f"the user's edit of {path} was lost"


@pytest.mark.update
@pytest.mark.parametrize("backend", BACKENDS)
def test_downgrade_is_refused_and_changes_nothing(template_v1, project, backend):
    copy(template_v1, project, backend=backend, mode=3)
    head, before = git(project, "rev-parse", "HEAD"), snapshot(project)
    with pytest.raises(ValueError, match="Lowering the security mode from 3 to 1 is not supported"):
        update(project, mode=1)
    assert git(project, "rev-parse", "HEAD") == head
    assert git(project, "status", "--porcelain") == ""
    assert snapshot(project) == before


@pytest.mark.update
def test_update_with_another_templates_answers_file(template_v1, project):
    theirs = "# Changes here will be overwritten by Copier\n_src_path: gh:someone/else\nname: x\n"
    (project / ".copier-answers.yml").write_text(theirs)
    commit_all(project, "another template")
    copy(template_v1, project, backend=BACKENDS[0], mode=1)
    own = ".copier-answers.universal-auth.yml"
    assert (project / own).is_file()
    update(project, answers_file=own, mode=2)
    untouched_by_conflicts(project)
    assert (project / ".copier-answers.yml").read_text() == theirs
    assert yaml.safe_load((project / own).read_text())["mode"] == 2
