"""The review the summary suggests runs for a user who installed only copier: the template's own package
installs from the template's folder (or its repository) and gives the `universal-auth` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from .conftest import ROOT, write_tree


def test_the_template_package_installs_and_its_command_reviews_a_project(tmp_path):
    target, source = tmp_path / "installed", tmp_path / "template"
    # A copy of the package's parts, so the build leaves nothing in this checkout.
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    # The package itself (its build backend from PyPI, as for a user), with the dependencies this environment has.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target, source],
        check=True,
        capture_output=True,
    )
    project = write_tree(tmp_path / "project", {"settings.py": 'SECRET_KEY = "s3cr3t-Value-42-abcdef"\n'})
    result = subprocess.run(
        [target / "bin" / "universal-auth", "review", project],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(target)},
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert "settings.py:1" in result.stdout
