"""suggest(): detection and remembered preferences as copier defaults, and the table shown before the questions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

import detection.analysis
import stack_refusal
import suggestions
from detection import Confidence, Finding, Profile
from detection.jinja import detection_report, rows
from detection.remembered import PROFILE

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "projects"
SUGGESTED_FIELDS = {
    "project_name": "fallback-name",
    "backend": "django",
    "frontend": "none",
    "mobile": "none",
    "mode": 2,
    "database": "sqlite",
    "transport": "cookie",
    "rate_limit_store": "embedded",
    "backend_dir": "backend",
    "frontend_dir": "frontend",
    "mobile_dir": "mobile",
}


@pytest.fixture(autouse=True)
def state_home(tmp_path, monkeypatch) -> Path:
    """A private XDG_STATE_HOME, so a developer's own preferences never leak into a test."""
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


def remember_profile(state_home: Path, **fields: tuple[object, int]) -> None:
    folder = state_home / "universal-auth"
    folder.mkdir(parents=True, exist_ok=True)
    entries = {name: {"default": value, "consistent": count} for name, (value, count) in fields.items()}
    (folder / PROFILE).write_text(json.dumps({"version": 1, "fields": entries}))


def copy_of(fixture: str, tmp_path: Path) -> Path:
    target = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, target)
    return target


def test_an_empty_destination_keeps_every_fallback(tmp_path):
    for field, fallback in SUGGESTED_FIELDS.items():
        assert suggestions.suggest(field, tmp_path, fallback) == fallback


def test_high_confidence_detection_becomes_the_default(tmp_path):
    monorepo = copy_of("monorepo", tmp_path)
    suggested = {field: suggestions.suggest(field, monorepo, fallback) for field, fallback in SUGGESTED_FIELDS.items()}
    assert suggested == {
        "project_name": "care-suite",
        "backend": "django",
        "frontend": "nextjs",
        "mobile": "expo",
        "mode": 4,
        "database": "postgresql",
        "transport": "cookie",  # only MEDIUM: the fallback stays
        "rate_limit_store": "redis",
        "backend_dir": "backend",
        "frontend_dir": "frontend",
        "mobile_dir": "mobile",
    }


def test_the_suggestion_has_the_fallbacks_type(tmp_path):
    monorepo = copy_of("monorepo", tmp_path)
    assert suggestions.suggest("mode", monorepo, 2) == 4
    assert suggestions.suggest("mode", str(monorepo), "2") == "4"


def test_a_relative_destination_is_resolved_against_the_working_directory(tmp_path, monkeypatch):
    copy_of("express", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert suggestions.suggest("backend", "express", "django") == "express"
    assert suggestions.suggest("backend_dir", "./express/", "backend") == "."


def test_detection_runs_once_per_destination(tmp_path, monkeypatch):
    calls = []
    real = detection.analysis.detect
    monkeypatch.setattr(detection.analysis, "detect", lambda path: calls.append(path) or real(path))
    project = copy_of("go", tmp_path)
    for field, fallback in SUGGESTED_FIELDS.items():
        suggestions.suggest(field, project, fallback)
        suggestions.suggest(field, str(project) + "/", fallback)
    assert calls == [str(project.resolve())]


def test_a_failing_detection_falls_back_with_a_warning(tmp_path, monkeypatch):
    def broken(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(detection.analysis, "detect", broken)
    with pytest.warns(UserWarning, match="detection failed"):
        assert suggestions.suggest("backend", tmp_path / "x", "django") == "django"


def test_a_value_copier_would_refuse_is_never_suggested():
    profile = Profile(
        backend=Finding("express", Confidence.HIGH),
        database=Finding("mysql", Confidence.HIGH),  # Express supports sqlite and postgresql only
        project_name=Finding("Not A Slug", Confidence.HIGH),
        backend_dir=Finding("../outside", Confidence.HIGH),
    )
    assert suggestions.choose("database", profile, {}) is None
    assert suggestions.choose("project_name", profile, {}) is None
    assert suggestions.choose("backend_dir", profile, {}) is None
    mongo = Profile(database=Finding("mongodb", Confidence.HIGH))
    assert suggestions.choose("database", mongo, {}) is None


def test_remembered_preferences_fill_what_detection_does_not_know(tmp_path, state_home):
    remember_profile(state_home, database=("postgresql", 3), transport=("bearer", 5), mode=(3, 2), backend=("go", 4))
    assert suggestions.suggest("database", tmp_path, "sqlite") == "postgresql"  # HIGH
    assert suggestions.suggest("transport", tmp_path, "cookie") == "bearer"  # VERY HIGH
    assert suggestions.suggest("mode", tmp_path, 2) == 2  # MEDIUM: not enough


def test_high_confidence_detection_beats_a_remembered_preference(tmp_path, state_home):
    remember_profile(state_home, backend=("go", 5), database=("sqlite", 5))
    project = copy_of("django", tmp_path)
    assert suggestions.suggest("backend", project, "none") == "django"
    assert suggestions.suggest("database", project, "mysql") == "postgresql"


def test_medium_detection_gives_way_to_a_remembered_preference(tmp_path, state_home):
    remember_profile(state_home, backend=("django", 3))
    project = tmp_path / "tool"
    project.mkdir()
    (project / "go.mod").write_text("module example.com/tool\n")  # Go, but only MEDIUM
    assert suggestions.suggest("backend", project, "none") == "django"


def test_sensitivity_is_a_minimum_the_preference_can_raise(tmp_path, state_home):
    project = tmp_path / "shop"
    project.mkdir()
    (project / "requirements.txt").write_text("Django\nstripe\n")
    assert suggestions.suggest("mode", project, 2) == 3
    remember_profile(state_home, mode=(4, 3))
    assert suggestions.suggest("mode", project, 2) == 4
    remember_profile(state_home, mode=(1, 5))
    assert suggestions.suggest("mode", project, 2) == 3


def test_a_corrupt_profile_is_ignored_with_a_warning(tmp_path, state_home):
    (state_home / "universal-auth").mkdir(parents=True)
    (state_home / "universal-auth" / PROFILE).write_text("{not json")
    with pytest.warns(UserWarning, match="corrupt"):
        assert suggestions.suggest("database", tmp_path, "sqlite") == "sqlite"


def test_suggested_answers_lists_only_real_suggestions(tmp_path):
    assert suggestions.suggested_answers(tmp_path) == {}
    assert suggestions.suggested_answers(copy_of("express", tmp_path)) == {
        "project_name": "orders-api",
        "backend": "express",
        "database": "postgresql",
        "transport": "cookie",
    }


def test_the_table_rows_follow_the_original_design(tmp_path):
    table = {
        row["layer"]: (row["detected"], row["confidence"])
        for row in rows(detection.analysis.detect(FIXTURES / "monorepo"))
    }
    assert list(table) == [
        "Backend framework", "Frontend framework", "Mobile app", "Database", "ORM", "Auth transport",
        "Cache/queue", "Existing auth", "Tenancy", "Sensitivity", "Code style",
    ]  # fmt: skip
    assert table["Backend framework"] == ("Django in backend/", "HIGH")
    assert table["Database"] == ("PostgreSQL", "HIGH")
    assert table["Sensitivity"] == ("healthcare: mode 4 or higher", "HIGH")
    assert table["Auth transport"] == ("cookie", "MEDIUM")


@pytest.mark.filterwarnings("ignore::detection.DetectionWarning")
def test_the_before_copy_message_renders_the_table(tmp_path):
    project = copy_of("laravel", tmp_path)
    (project / "app" / "Models").mkdir(parents=True, exist_ok=True)  # git keeps no empty folder
    (project / "app" / "Models" / "User.php").write_bytes(b"\0binary")
    message = _render_message(project)
    assert "stack detection results" in message
    assert "Backend framework    Laravel" in message and "HIGH" in message
    assert "Database             MySQL" in message
    assert "skipped: app/Models/User.php: binary content; skipped" in message


def test_the_before_copy_message_of_an_empty_folder(tmp_path):
    assert "no existing project detected" in _render_message(tmp_path)
    assert "remembered" not in _render_message(tmp_path)


def test_the_before_copy_message_names_remembered_preferences(tmp_path, state_home):
    remember_profile(state_home, transport=("bearer", 5), database=("mysql", 1))
    message = _render_message(tmp_path)
    assert "remembered preferences fill in what detection leaves open: transport bearer (VERY HIGH)." in message
    assert "mysql" not in message


def test_mongodb_is_shown_as_not_supported(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"express": "5", "mongodb": "6"}}))
    report = detection_report(tmp_path)
    assert ("Database", "MongoDB (not supported yet)") in [(r["layer"], r["detected"]) for r in report["rows"]]
    assert report["notes"] == [
        "MongoDB is not supported by Express (TypeScript): the auth keeps its own tables in SQLite or PostgreSQL "
        "(the database question), beside your MongoDB data."
    ]
    assert "Note: MongoDB is not supported by Express (TypeScript)" in _render_message(tmp_path)


def _render_message(dst: Path) -> str:
    environment = Environment(loader=FileSystemLoader(str(ROOT)))
    environment.globals["detection_report"] = detection_report
    environment.globals["refuse_unbuildable"] = stack_refusal.refuse_unbuildable
    template = environment.get_template("messages/before_copy.jinja")
    return template.render(
        _copier_conf={"dst_path": dst, "data": {}, "defaults": False}, _external_data={"previous": {}}
    )


@pytest.mark.parametrize("fixture", ["django", "express"])
def test_existing_app_is_suggested_only_where_the_manifest_honours_it(tmp_path, monkeypatch, fixture):
    shutil.copytree(FIXTURES / fixture, tmp_path / "backend")
    assert suggestions.existing_app(tmp_path, "backend", fixture) is True
    assert suggestions.existing_app(tmp_path, "api", fixture) is False
    stacks = suggestions.manifests.load_stacks()
    unable = {
        **stacks,
        fixture: stacks[fixture].model_copy(update={"adds_to_existing_app": False, "integration": None}),
    }
    monkeypatch.setattr(suggestions.manifests, "load_stacks", lambda: unable)
    assert suggestions.existing_app(tmp_path, "backend", fixture) is False
