"""What `copier update` prints when it is done: the next step, or that there is none."""

from __future__ import annotations

import copier
import pytest

from update.conftest import commit_all, copy


def update_message(project, capfd, mode: int) -> str:
    capfd.readouterr()
    copier.run_update(project, data={"mode": mode}, defaults=True, overwrite=True, unsafe=True, conflict="rej")
    commit_all(project, f"mode {mode}")
    return capfd.readouterr().err


@pytest.mark.update
def test_the_after_update_message_names_a_next_mode_only_below_the_highest(template_v1, project, capfd):
    copy(template_v1, project, backend="django", mode=2)
    assert "Next time: copier update --trust --defaults --data mode=N" in update_message(project, capfd, 3)
    message = update_message(project, capfd, 4)
    assert "updated project to mode 4 (HIPAA)" in message
    assert "--data mode=" not in message
    assert "Mode 4 is the highest: there is no mode to move up to." in message
