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
    assert cells_side_by_side[-4:] == ["-n", "3", "-m", f"{ci.DEFAULT_SET} and not timing"]
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


def test_xdist_groups_keep_their_tests_on_one_worker(tmp_path):
    """The conformance lane gives each cell one worker (and the projects lane each generated
    project) through `xdist_group` under `--dist loadgroup`; a pytest that drops the group (9.2
    with pytest-xdist 3.8) spreads a cell over both workers, each rendering and starting it."""
    import os
    import subprocess

    (tmp_path / "test_grouped.py").write_text(
        "import os, pathlib, pytest\n"
        "GROUPED = [pytest.param(n, marks=pytest.mark.xdist_group(str(n % 2))) for n in range(8)]\n"
        "@pytest.mark.parametrize('n', GROUPED)\n"
        "def test_where(n):\n"
        "    pathlib.Path(os.environ['RAN'], str(n)).write_text(os.environ['PYTEST_XDIST_WORKER'])\n"
    )
    (tmp_path / "ran").mkdir()
    command = [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider", "-q"]
    env = {**os.environ, "RAN": str(tmp_path / "ran")}
    result = subprocess.run([*command, "test_grouped.py"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    workers = {n: (tmp_path / "ran" / str(n)).read_text() for n in range(8)}
    for group in (0, 1):
        assert len({workers[n] for n in range(group, 8, 2)}) == 1, workers
