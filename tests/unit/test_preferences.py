"""Remembered preferences: the journal, the profile, their permissions and what they never hold."""

from __future__ import annotations

import hashlib
import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import preferences
import suggestions
from detection import Confidence
from detection.remembered import JOURNAL, PROFILE, load_defaults, state_dir

ANSWERS = {
    "project_name": "clinic-portal",
    "backend": "django",
    "frontend": "react",
    "mobile": "none",
    "mode": 3,
    "database": "postgresql",
    "transport": "cookie",
    "email": "smtp",
    "rate_limit_store": "redis",
    "backend_dir": "services/api",
    "frontend_dir": "web",
    "app_url": "https://portal.example.com",
    "roles": ["admin", "member"],
    "remember_preferences": True,
}
START = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def state_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


def remember_times(root: Path, count: int, **changes) -> Path:
    folder = None
    for index in range(count):
        folder = preferences.remember(root, {**ANSWERS, **changes}, {}, now=START + timedelta(minutes=index))
    return folder


def journal(state_home: Path) -> list[dict]:
    return [json.loads(line) for line in (state_home / "universal-auth" / JOURNAL).read_text().splitlines()]


def test_the_folder_follows_xdg_state_home_or_falls_back(state_home, monkeypatch, tmp_path):
    assert state_dir() == state_home / "universal-auth"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "universal-auth"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/path")  # not absolute: ignored, as the spec says
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "universal-auth"


def test_one_record_per_copy_with_private_permissions(tmp_path, state_home):
    folder = preferences.remember(tmp_path / "project", ANSWERS, {"backend": "django", "mode": 2}, now=START)
    assert folder == state_home / "universal-auth"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in (JOURNAL, PROFILE):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    [record] = journal(state_home)
    assert record == {
        "time": "2026-11-27T10:00:00Z",
        "project_id": hashlib.sha256(str((tmp_path / "project").resolve()).encode()).hexdigest()[:8],
        "stack": {"backend": "django", "frontend": "react", "mobile": "none", "languages": ["python", "typescript"]},
        "selections": {
            "mode": 3,
            "database": "postgresql",
            "transport": "cookie",
            "email": "smtp",
            "rate_limit_store": "redis",
        },
        "suggested": {"backend": "django", "mode": 2},
        "changed_from_suggestion": ["mode"],
    }


def test_records_are_appended(tmp_path, state_home):
    remember_times(tmp_path, 2)
    remember_times(tmp_path, 1, backend="flask")
    assert [record["stack"]["backend"] for record in journal(state_home)] == ["django", "django", "flask"]


def test_never_a_path_a_url_a_name_or_a_secret(tmp_path, state_home):
    secretive = {**ANSWERS, "database": "postgres://admin:hunter2@db/prod", "email": "SMTP_PASSWORD=hunter2"}
    root = tmp_path / "very-private-client"
    folder = preferences.remember(root, secretive, {"transport": "Bearer eyJhbGciOi"}, now=START)
    stored = (folder / JOURNAL).read_text() + (folder / PROFILE).read_text()
    leaks = ("hunter2", "very-private-client", str(tmp_path), "portal.example.com", "clinic-portal", "services/api")
    for leaked in (*leaks, "eyJhbGciOi"):
        assert leaked not in stored
    [record] = journal(state_home)
    assert "database" not in record["selections"] and "email" not in record["selections"]


@pytest.mark.parametrize(
    ("count", "confidence"),
    [
        (1, Confidence.MEDIUM),
        (2, Confidence.MEDIUM),
        (3, Confidence.HIGH),
        (4, Confidence.HIGH),
        (5, Confidence.VERY_HIGH),
    ],
)
def test_confidence_grows_with_consistent_answers(tmp_path, state_home, count, confidence):
    remember_times(tmp_path, count)
    profile = json.loads((state_home / "universal-auth" / PROFILE).read_text())
    assert profile["total_integrations"] == count
    assert profile["fields"]["database"] == {
        "default": "postgresql",
        "consistent": count,
        "confidence": confidence.label,
    }
    assert load_defaults()["database"].confidence == confidence
    assert profile["stack_history"] == {"django+react+postgresql+cookie": count}


def test_a_changed_answer_starts_counting_again(tmp_path, state_home):
    remember_times(tmp_path, 4)
    remember_times(tmp_path, 1, database="mysql")
    defaults = load_defaults()
    assert (defaults["database"].value, defaults["database"].confidence) == ("mysql", Confidence.MEDIUM)
    assert defaults["backend"].confidence == Confidence.VERY_HIGH
    assert "project_name" not in defaults and "backend_dir" not in defaults


def test_a_field_never_answered_is_low(state_home):
    assert load_defaults() == {}


def test_the_profile_feeds_suggest(tmp_path):
    remember_times(tmp_path, 3, transport="bearer")
    empty = tmp_path / "new-project"
    empty.mkdir()
    assert suggestions.suggest("transport", empty, "cookie") == "bearer"
    assert suggestions.suggest("mode", empty, 2) == 3
    assert suggestions.suggest("backend_dir", empty, "backend") == "backend"  # folders are not remembered


def test_a_corrupt_journal_line_is_skipped_with_a_warning(tmp_path, state_home):
    remember_times(tmp_path, 2)
    with (state_home / "universal-auth" / JOURNAL).open("a") as handle:
        handle.write("{broken\n")
    with pytest.warns(UserWarning, match="not a record"):
        remember_times(tmp_path, 1)
    assert load_defaults()["database"].confidence == Confidence.HIGH


@pytest.mark.parametrize(
    "content",
    ["{not json", "[]", '{"fields": {"database": {"default": "postgresql"}}}', '{"fields": []}', "\udcff"],
)
def test_a_corrupt_profile_is_ignored_with_a_warning(state_home, content):
    folder = state_home / "universal-auth"
    folder.mkdir(parents=True)
    (folder / PROFILE).write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.warns(UserWarning):
        assert load_defaults() == {}


def test_a_tampered_value_is_not_suggested(state_home):
    folder = state_home / "universal-auth"
    folder.mkdir(parents=True)
    fields = {"database": {"default": "postgres://x:y@h/d", "consistent": 9}, "mode": {"default": 7, "consistent": 9}}
    (folder / PROFILE).write_text(json.dumps({"fields": fields}))
    assert load_defaults() == {}
