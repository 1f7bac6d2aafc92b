"""`copier copy --defaults` into an empty folder, an existing project, and one that already
carries another template's answers file."""

from __future__ import annotations

import subprocess
import sys

import yaml

from render.rendering import ROOT, render

COPY = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--vcs-ref", "HEAD"]


def test_empty_folder(tmp_path):
    dst = render(tmp_path / "new", {})
    answers = yaml.safe_load((dst / ".copier-answers.yml").read_text())
    assert answers["backend"] == "django" and answers["mode"] == 2 and answers["transport"] == "cookie"
    assert answers["project_name"] == "new"
    assert (dst / "backend" / ".env").is_file()
    assert (dst / ".gitignore").read_text() == ".env\n"


def existing_project(root):
    root.mkdir()
    (root / "README.md").write_text("# Shop\n")
    (root / ".gitignore").write_text("node_modules/\n")
    (root / "backend").mkdir()
    (root / "backend" / ".env").write_text("AUTH_JWT_SECRET=kept\n")
    (root / "backend" / ".env.example").write_text("SHOP_API_KEY=\n")
    return root


def test_existing_project_keeps_every_file(tmp_path):
    dst = render(existing_project(tmp_path / "shop"), {})
    assert (dst / "README.md").read_text() == "# Shop\n"
    assert (dst / ".gitignore").read_text() == "node_modules/\n.env\n"
    env = (dst / "backend" / ".env").read_text()
    assert env.startswith("AUTH_JWT_SECRET=kept\n"), "the user's lines stay first and unchanged"
    assert env.count("AUTH_JWT_SECRET=") == 1, "a secret the user set is never replaced"
    example = (dst / "backend" / ".env.example").read_text()
    assert example.startswith("SHOP_API_KEY=\n") and "AUTH_JWT_SECRET=" in example


def test_another_templates_answers_are_never_clobbered(tmp_path):
    dst = existing_project(tmp_path / "shop")
    theirs = "# Changes here will be overwritten by Copier\n_src_path: gh:someone/python-template\nname: shop\n"
    (dst / ".copier-answers.yml").write_text(theirs)
    result = subprocess.run(
        [*COPY, str(ROOT), str(dst)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (dst / ".copier-answers.yml").read_text() == theirs
    ours = yaml.safe_load((dst / ".copier-answers.universal-auth.yml").read_text())
    assert ours["backend"] == "django"
    assert "copier update --trust --defaults -a .copier-answers.universal-auth.yml --data mode=3" in result.stderr


def test_the_after_copy_message_names_the_next_commands(tmp_path):
    result = subprocess.run(
        [*COPY, str(ROOT), str(tmp_path / "p")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "universal-auth generated mode 2 (Secure)" in result.stderr
    assert "copier update --trust --defaults --data mode=3" in result.stderr
    assert "python -m pip install -r requirements.txt" in result.stderr


def test_at_the_highest_mode_the_after_copy_message_suggests_no_upgrade(tmp_path):
    result = subprocess.run(
        [*COPY, "--data", "mode=4", str(ROOT), str(tmp_path / "p")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "universal-auth generated mode 4 (HIPAA)" in result.stderr
    assert "--data mode=" not in result.stderr
    assert "Mode 4 is the highest: there is no mode to move up to." in result.stderr
