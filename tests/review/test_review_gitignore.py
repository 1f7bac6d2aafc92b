"""Whether `.env` is kept out of git: gitignore patterns, nested files, and files git already tracks."""

import subprocess

import pytest

from universal_auth.review import gitignore, review_tree

from .conftest import write_tree


@pytest.mark.parametrize(
    ("rules", "ignored"),
    [
        (".env\n", True),
        ("/backend/.env\n", True),
        ("**/.env\n", True),
        (".env*\n", True),
        ("*.env\n", True),
        ("backend/\n", True),
        ("# .env\n", False),
        ("/.env\n", False),  # anchored to the root, not backend/
        (".env\n!backend/.env\n", False),
        ("frontend/.env\n", False),
    ],
)
def test_root_gitignore_patterns(tmp_path, rules, ignored):
    write_tree(tmp_path, {".gitignore": rules, "backend/.env": "X=1\n"})
    assert gitignore.ignored(tmp_path, tmp_path / "backend" / ".env") is ignored


def test_a_nested_gitignore_applies_to_its_folder(tmp_path):
    write_tree(tmp_path, {"backend/.gitignore": "/.env\n", "backend/.env": "X=1\n", "other/.env": "X=1\n"})
    assert gitignore.ignored(tmp_path, tmp_path / "backend" / ".env")
    assert not gitignore.ignored(tmp_path, tmp_path / "other" / ".env")


def test_a_committed_env_is_reported_even_when_ignored_later(tmp_path):
    root = write_tree(tmp_path / "repo", {".env": "X=1\n", ".env.example": "X=\n"})
    git = ["git", "-C", str(root), "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", ".env", ".env.example"], check=True)
    subprocess.run([*git, "commit", "-qm", "oops"], check=True)
    (root / ".gitignore").write_text(".env\n")
    [finding] = review_tree(root).findings
    assert (finding.rule.id, finding.message) == ("UA-ENV-NOT-IGNORED", ".env is committed to git")
