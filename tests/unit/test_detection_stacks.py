"""Stack detection from the manifests' ``detect:`` signals: one fixture project per stack, monorepo, conflicts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import manifests
from detection import Confidence, detect
from detection.packages import Packages
from detection.stacks import signal_evidence
from detection.tree import Tree

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"
STACKS = sorted(manifests.load_stacks())


def test_there_is_one_fixture_project_per_stack():
    assert STACKS and all((FIXTURES / name).is_dir() for name in STACKS)


@pytest.mark.parametrize("name", STACKS)
def test_each_fixture_is_detected_as_its_stack_with_high_confidence(name):
    stack = manifests.load_stacks()[name]
    profile = detect(FIXTURES / name)
    found = profile.get(stack.kind)
    assert (found.value, found.confidence) == (name, Confidence.HIGH), found.evidence
    assert profile.get(f"{stack.kind}_dir").value == "."
    other_kinds = [kind for kind in manifests.KINDS if kind != stack.kind]
    assert all(profile.get(kind).value == "none" for kind in other_kinds)
    assert profile.warnings == []


@pytest.mark.parametrize("name", STACKS)
def test_every_signal_of_a_stack_is_read_from_its_manifest(name, tmp_path):
    """Each signal alone names its stack, so no signal is dead and none is hard-coded elsewhere."""
    stack = manifests.load_stacks()[name]
    for index, signal in enumerate(stack.detect):
        folder = tmp_path / str(index)
        _plant(signal, folder)
        tree = Tree(folder)
        assert signal_evidence(signal, ".", tree, Packages(tree)), signal
        assert detect(folder).get(stack.kind).value == name, signal


def _plant(signal: manifests.Signal, folder: Path) -> None:
    """A minimal project that holds ``signal`` and nothing else."""
    folder.mkdir(parents=True)
    if signal.kind in ("file", "glob"):
        relative = signal.path or signal.pattern.replace("*", "Example")
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text("")
        return
    files = {
        "python": ("requirements.txt", f"{signal.name}\n"),
        "npm": ("package.json", json.dumps({"dependencies": {signal.name: "1"}})),
        "composer": ("composer.json", json.dumps({"require": {signal.name: "1"}})),
        "go": ("go.mod", f"module example.com/x\n\nrequire {signal.name}/v2 v2.0.0\n"),
        "pubspec": ("pubspec.yaml", f"name: x\ndependencies:\n  {signal.name}:\n    sdk: flutter\n"),
        "csproj": ("X.csproj", f'<Project Sdk="{signal.name}"><ItemGroup/></Project>'),
        "gradle": ("build.gradle", f"plugins {{ id '{signal.name}' }}\n"),
    }
    relative, text = files[signal.kind]
    (folder / relative).write_text(text)


def test_unless_cancels_a_signal_for_a_package_of_the_same_manifest(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"express": "5", "@nestjs/core": "11"}}))
    assert detect(tmp_path).backend.value == "nestjs"
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"react": "19", "next": "16"}}))
    assert detect(tmp_path).frontend.value == "nextjs"


def test_unless_files_drop_native_shells_of_a_cross_platform_app():
    profile = detect(FIXTURES / "flutter")
    assert profile.mobile.value == "flutter" and profile.mobile.confidence == Confidence.HIGH
    assert "Kotlin" not in profile.mobile.evidence and "Swift" not in profile.mobile.evidence


def test_a_lone_file_signal_is_only_medium(tmp_path):
    (tmp_path / "go.mod").write_text("module example.com/tool\n\ngo 1.24\n")
    profile = detect(tmp_path)
    assert (profile.backend.value, profile.backend.confidence) == ("go", Confidence.MEDIUM)


def test_monorepo_parts_and_their_folders():
    profile = detect(FIXTURES / "monorepo")
    assert (profile.backend.value, profile.backend_dir.value) == ("django", "backend")
    assert (profile.frontend.value, profile.frontend_dir.value) == ("nextjs", "frontend")
    assert (profile.mobile.value, profile.mobile_dir.value) == ("expo", "mobile")
    for field in ("backend", "frontend", "mobile", "backend_dir", "frontend_dir", "mobile_dir", "project_name"):
        assert profile.get(field).confidence == Confidence.HIGH, field
    assert profile.project_name.value == "care-suite"


def test_the_same_stack_in_two_folders_leaves_the_folder_uncertain(tmp_path):
    for app in ("apps/shop", "apps/admin"):
        (tmp_path / app).mkdir(parents=True)
        (tmp_path / app / "package.json").write_text(json.dumps({"dependencies": {"next": "16"}}))
    profile = detect(tmp_path)
    assert (profile.frontend.value, profile.frontend.confidence) == ("nextjs", Confidence.HIGH)
    assert profile.frontend_dir.confidence == Confidence.MEDIUM


def test_two_parts_in_one_folder_ask_for_the_second_folder(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"next": "16", "express": "5"}}))
    profile = detect(tmp_path)
    assert (profile.backend.value, profile.frontend.value) == ("express", "nextjs")
    assert profile.backend_dir.confidence == Confidence.HIGH
    assert profile.frontend_dir.confidence == Confidence.LOW


def test_conflicting_signals_are_reported_with_low_confidence():
    profile = detect(FIXTURES / "conflicting")
    assert profile.backend.value in ("django", "flask") and profile.backend.confidence == Confidence.LOW
    assert "but also" in profile.backend.evidence
    assert profile.frontend.value in ("vue", "angular") and profile.frontend.confidence == Confidence.LOW


def test_a_stronger_rival_is_still_reported_but_lowers_confidence(tmp_path):
    shutil.copytree(FIXTURES / "conflicting", tmp_path / "p")
    (tmp_path / "p" / "manage.py").write_text("")
    profile = detect(tmp_path / "p")
    assert (profile.backend.value, profile.backend.confidence) == ("django", Confidence.MEDIUM)
    assert "Flask" in profile.backend.evidence


def test_an_empty_or_missing_folder_knows_nothing(tmp_path):
    for profile in (detect(tmp_path), detect(tmp_path / "missing")):
        for kind in manifests.KINDS:
            assert profile.get(kind).confidence == Confidence.LOW
        assert not profile.database.known and not profile.project_name.known and not profile.mode.known
        assert profile.warnings == []


def test_a_django_app_in_a_subfolder_of_a_root_pipfile_is_found_there(tmp_path):
    # The shape of many real projects: Pipfile (or pyproject.toml) at the root, manage.py one folder down.
    (tmp_path / "Pipfile").write_text('[packages]\ndjango = "*"\ndjango-allauth = "*"\n')
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "manage.py").write_text("")
    profile = detect(tmp_path)
    assert (profile.backend.value, profile.backend_dir.value) == ("django", "site")
    assert "django (python dependency of the root)" in profile.backend.evidence
    assert profile.backend_dir.confidence == Confidence.HIGH
