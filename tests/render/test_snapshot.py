"""A render's file-list snapshot: missing or different fails, --update-snapshots writes it."""

from __future__ import annotations

import pytest

from render.snapshot import compare

FILES = ["backend/manage.py", "backend/requirements.txt"]


def test_a_missing_snapshot_fails_and_names_the_option_that_writes_it(tmp_path):
    snapshot = tmp_path / "combination.txt"
    with pytest.raises(pytest.fail.Exception, match="--update-snapshots"):
        compare(snapshot, FILES, update=False)
    assert not snapshot.exists(), "only --update-snapshots writes a snapshot"


def test_update_snapshots_writes_the_missing_snapshot_and_it_then_matches(tmp_path):
    snapshot = tmp_path / "combination.txt"
    compare(snapshot, FILES, update=True)
    assert snapshot.read_text() == "backend/manage.py\nbackend/requirements.txt\n"
    compare(snapshot, FILES, update=False)


def test_a_changed_file_list_fails(tmp_path):
    snapshot = tmp_path / "combination.txt"
    compare(snapshot, FILES, update=True)
    with pytest.raises(AssertionError, match="file list changed"):
        compare(snapshot, [*FILES, "backend/extra.py"], update=False)
