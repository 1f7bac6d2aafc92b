"""Updating a project from template v1 to v2: user edits survive, renamed answers migrate,
and the tasks leave copier's temporary renders alone."""

from __future__ import annotations

import copier._main as copier_main
import pytest
import yaml

import manifests
from update.conftest import commit_all, copy, git, untouched_by_conflicts, update

pytestmark = pytest.mark.update
BACKEND = next(s.name for s in manifests.stacks_of("backend") if s.built)

RENAME_MIGRATION = """
_migrations:
  - version: v2.0.0
    command:
      - "{{ _copier_python }}"
      - "{{ _copier_conf.src_path }}/hooks/migrations/rename_answer.py"
      - "{{ _copier_conf.answers_file }}"
      - email
      - mail_delivery
    when: "{{ _stage == 'before' }}"
"""


def release_v2_renaming_email(template):
    """v2 renames the `email` question to `mail_delivery` and ships a migration for it."""
    config = (template / "copier.yml").read_text()
    config = config.replace("\nemail:\n", "\nmail_delivery:\n").replace("email == 'smtp'", "mail_delivery == 'smtp'")
    (template / "copier.yml").write_text(config + RENAME_MIGRATION)
    (template / "template" / "AUTH_VERSION.jinja").write_text("mail: {{ mail_delivery }}\n")
    commit_all(template, "v2: rename email to mail_delivery")
    git(template, "tag", "v2.0.0")


def test_v1_to_v2_migrates_a_renamed_answer(template_repo, project):
    copy(template_repo, project, backend=BACKEND, mode=2, email="smtp")
    (project / "NOTES.md").write_text("my notes\n")
    commit_all(project, "user work")
    release_v2_renaming_email(template_repo)
    update(project, latest=True)
    untouched_by_conflicts(project)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["_commit"] == "v2.0.0"
    assert answers["mail_delivery"] == "smtp" and "email" not in answers
    assert (project / "AUTH_VERSION").read_text() == "mail: smtp\n"
    assert (project / "NOTES.md").read_text() == "my notes\n"


def test_tasks_leave_temporary_renders_alone(template_repo, project, monkeypatch, tmp_path):
    """Copier renders the old and new versions into temporary folders and runs the tasks there
    too; the hook must not write .env or .gitignore in them."""
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    copy(template_repo, project, backend=BACKEND, mode=1)
    release_v2_renaming_email(template_repo)
    seen = []
    original = copier_main.Worker._execute_tasks

    def record(self, tasks):
        original(self, tasks)
        if self.dst_path.name.startswith(("copier._main.old_copy.", "copier._main.new_copy.")):
            written = [p.name for p in self.dst_path.rglob(".env")]
            written += [p.name for p in self.dst_path.rglob(".env.example") if "universal-auth" in p.read_text()]
            written += [".gitignore"] * (self.dst_path / ".gitignore").exists()
            seen.append(written)

    monkeypatch.setattr(copier_main.Worker, "_execute_tasks", record)
    update(project, latest=True)
    assert seen, "copier ran the tasks in its temporary renders"
    assert all(entry == [] for entry in seen), seen
