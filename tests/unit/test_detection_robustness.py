"""Detection never breaks on bad files: each is skipped with a warning and the rest is still detected."""

from __future__ import annotations

import json
import os
import shutil
import warnings
from pathlib import Path

import pytest

from detection import DetectionWarning, detect
from detection.tree import MAX_DEPTH, MAX_FILE_BYTES, Tree

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"
pytestmark = pytest.mark.filterwarnings("ignore::detection.DetectionWarning")


@pytest.fixture
def django_project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "django", root)
    return root


def skipped(profile, path: str) -> list[str]:
    return [warning for warning in profile.warnings if warning.startswith(f"{path}:")]


def test_malformed_manifests_are_skipped_with_a_warning():
    with pytest.warns(DetectionWarning):
        profile = detect(FIXTURES / "malformed")
    assert profile.backend.value == "django"  # from the one manifest that parses
    for path in ("site/package.json", "pyproject.toml", "api/composer.json", "app/pubspec.yaml", "svc/Svc.csproj"):
        assert any("malformed" in warning for warning in skipped(profile, path)), path


def test_a_binary_file_is_skipped(django_project):
    (django_project / "accounts" / "models.py").write_bytes(b"\x7fELF\x00\x01\x02" * 100)
    profile = detect(django_project)
    assert skipped(profile, "accounts/models.py") == ["accounts/models.py: binary content; skipped"]
    assert profile.backend.value == "django"


def test_text_that_is_not_utf8_is_skipped(django_project):
    (django_project / "requirements-dev.txt").write_bytes("pytest  # caf\xe9\n".encode("latin-1"))
    profile = detect(django_project)
    assert "not UTF-8" in skipped(profile, "requirements-dev.txt")[0]
    assert profile.backend.value == "django"


def test_a_huge_file_is_never_opened(django_project, monkeypatch):
    huge = django_project / "package.json"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    opened = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self.name) or real_open(self, *a, **k))
    profile = detect(django_project)
    assert "package.json" not in opened
    assert skipped(profile, "package.json") == ["package.json: 50 MB, too large to examine; skipped"]
    assert profile.backend.value == "django"


def test_a_large_source_file_is_read_only_in_part(django_project, monkeypatch):
    big = django_project / "accounts" / "fixtures.py"
    big.write_text("x = 1\n" * (MAX_FILE_BYTES // 8))
    reads = []
    real_open = Path.open

    def spying_open(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        if self.name == "fixtures.py":
            real_read = handle.read
            handle = _Reader(handle, lambda size=-1: reads.append(size) or real_read(size))
        return handle

    monkeypatch.setattr(Path, "open", spying_open)
    detect(django_project)
    assert reads and all(0 < size < MAX_FILE_BYTES // 2 for size in reads)


class _Reader:
    """A file handle whose read() is observed."""

    def __init__(self, handle, read):
        self._handle, self.read = handle, read

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()


def test_an_unreadable_file_is_skipped(django_project, monkeypatch):
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):
        if self.name == "requirements.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    profile = detect(django_project)
    assert skipped(profile, "requirements.txt") == ["requirements.txt: not readable (Permission denied); skipped"]
    assert profile.backend.value == "django"  # manage.py still says so


def test_symlink_loops_are_skipped(django_project):
    (django_project / "loop").symlink_to(".")
    (django_project / "accounts" / "up").symlink_to("..")
    (django_project / "self").symlink_to("self")
    profile = detect(django_project)
    for link in ("loop", "accounts/up", "self"):
        assert skipped(profile, link) == [f"{link}: symbolic link loop; skipped"], profile.warnings
    assert profile.backend.value == "django"


def test_links_leaving_the_project_or_broken_are_skipped(django_project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "package.json").write_text(json.dumps({"dependencies": {"next": "16"}}))
    (django_project / "shared").symlink_to(outside)
    (django_project / "gone.txt").symlink_to(tmp_path / "missing")
    (django_project / "package.json").symlink_to(outside / "package.json")
    profile = detect(django_project)
    assert skipped(profile, "shared") == ["shared: symbolic link leads outside the project; skipped"]
    assert skipped(profile, "package.json") == ["package.json: symbolic link leads outside the project; skipped"]
    assert skipped(profile, "gone.txt") == ["gone.txt: broken symbolic link; skipped"]
    assert profile.frontend.value == "none"


def test_a_link_inside_the_project_is_followed(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "package.json").write_text(json.dumps({"dependencies": {"vue": "3"}}))
    (tmp_path / "web").symlink_to("real")
    assert detect(tmp_path).frontend.value == "vue"


def test_a_fifo_is_not_read(django_project):
    os.mkfifo(django_project / "package.json")
    profile = detect(django_project)  # opening it would block forever
    assert profile.backend.value == "django" and profile.frontend.value == "none"


@pytest.mark.parametrize("folder", ["node_modules/next", ".git/x", ".venv/lib", "myenv", "dist", "build", "vendor/x"])
def test_dependency_vcs_virtualenv_and_build_folders_are_never_walked(tmp_path, folder):
    (tmp_path / folder).mkdir(parents=True)
    (tmp_path / folder / "package.json").write_text(json.dumps({"dependencies": {"next": "16"}}))
    if folder == "myenv":
        (tmp_path / folder / "pyvenv.cfg").write_text("home = /usr/bin\n")
    tree = Tree(tmp_path)
    assert tree.files == [] and tree.dirs == ["."]
    assert detect(tmp_path).frontend.value == "none"


def test_the_walk_depth_is_bounded(tmp_path):
    deep = tmp_path.joinpath(*[f"d{i}" for i in range(MAX_DEPTH + 2)])
    deep.mkdir(parents=True)
    (deep / "package.json").write_text(json.dumps({"dependencies": {"next": "16"}}))
    shallow = tmp_path.joinpath(*[f"d{i}" for i in range(MAX_DEPTH - 1)])
    (shallow / "composer.json").write_text(json.dumps({"require": {"laravel/framework": "12"}}))
    profile = detect(tmp_path)
    assert profile.frontend.value == "none" and profile.backend.value == "laravel"


def test_warnings_are_also_python_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        detect(FIXTURES / "malformed")
    assert any(issubclass(w.category, DetectionWarning) and "pyproject.toml" in str(w.message) for w in caught)
