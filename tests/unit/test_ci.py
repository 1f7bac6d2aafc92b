"""The CI lanes of scripts/ci.py: every test folder runs in one, the timing checks run alone."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import ci


def test_every_folder_of_tests_runs_in_a_lane():
    assert ci.unlaned_test_folders() == []
    laned = [folder for lane in ci.LANES for folder in lane.test_folders]
    assert len(laned) == len(set(laned)), "a folder runs in one lane only"


def test_a_new_test_folder_outside_the_lanes_is_named(tmp_path, monkeypatch):
    (tmp_path / "tests" / "mobile").mkdir(parents=True)
    (tmp_path / "tests" / "mobile" / "test_expo.py").write_text("")
    monkeypatch.setattr(ci, "ROOT", tmp_path)
    assert ci.unlaned_test_folders() == ["tests/mobile"]


def test_the_lanes_start_with_the_fast_ones_and_timing_checks_run_alone():
    assert [lane.name for lane in ci.LANES[:2]] == ["lint", "unit-render"]
    assert all(lane.stops_the_run for lane in ci.LANES[:2])
    conformance = next(lane for lane in ci.LANES if "tests/conformance" in lane.test_folders)
    assert conformance.test_folders == ("tests/conformance",)
    cells_side_by_side, timing_alone = conformance.commands
    assert cells_side_by_side[-4:] == ["-n", "2", "-m", f"{ci.DEFAULT_SET} and not timing"]
    assert timing_alone[-4:] == ["-n", "0", "-m", f"{ci.DEFAULT_SET} and timing"], "timing checks share no CPU"


def test_the_cpu_time_counts_a_process_its_parent_left_behind():
    """A server started through npm or bash may outlive its parent: its CPU time still counts."""
    import re
    import subprocess

    busy = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.5: pass"
    orphan = f"(python3 -c '{busy}' &); exit 0"
    script = Path(ci.__file__)
    result = subprocess.run(
        [sys.executable, str(script), "--measure", "--", "bash", "-c", orphan], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    cpu = float(re.search(r"([0-9.]+) s CPU", result.stdout).group(1))
    assert cpu >= 0.4, result.stdout
