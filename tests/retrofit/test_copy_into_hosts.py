"""Copying into every host application of tests/fixtures/projects/retrofit (each with a host.yml) writes only
what the integration model allows, asks nothing, and a second copy or an update changes nothing.

Deeper checks of one stack's hosts (their own tests, existing users, host routes, conformance, upgrades)
live beside this file in test_<stack>.py."""

from __future__ import annotations

import pytest

import manifests
from integration import MARKER
from support import retrofit
from support.template_repo import commit_all, git

HOSTS = retrofit.hosts()
STACKS = manifests.load_stacks()
# The cases on one host take the first whose backend is written in Python (its files are .py).
PYTHON_HOST = next(h for h in HOSTS if getattr(STACKS.get(h.answers.get("backend", "")), "language", "") == "python")


@pytest.fixture(params=HOSTS, ids=[host.name for host in HOSTS])
def host(request) -> retrofit.Host:
    return request.param


def test_every_host_declares_what_the_harness_needs():
    assert HOSTS, "tests/fixtures/projects/retrofit holds at least one host with a host.yml"
    for host in HOSTS:
        assert host.answers.get("backend") or host.answers.get("frontend"), host.name


def test_a_copy_writes_only_what_the_auth_owns_and_asks_nothing(host, template, tmp_path):
    project = retrofit.checkout(host, tmp_path / host.name)
    result = retrofit.copy_into(template, project, host.answers)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "conflict" not in result.stderr and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert retrofit.unexpected_changes(project, host.answers) == []

    commit_all(project, "universal-auth")
    again = retrofit.copy_into(template, project, host.answers)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "conflict" not in again.stderr, again.stderr[-3000:]
    assert retrofit.status(project) == [], "a second copy changes nothing"

    updated = retrofit.update(project)
    assert updated.returncode == 0, updated.stderr[-3000:]
    assert retrofit.status(project) == [], "an update to the same version changes nothing"


def test_the_check_names_an_unmarked_or_replaced_host_line(tmp_path):
    project = retrofit.checkout(PYTHON_HOST, tmp_path / "host")
    answers = PYTHON_HOST.answers
    edited = next(path for path in sorted(project.rglob("*.py")) if path.read_text().strip())
    relative = edited.relative_to(project).as_posix()
    edited.write_text(edited.read_text() + f"wired = True  # {MARKER}\n")
    assert retrofit.unexpected_changes(project, answers) == []
    edited.write_text(edited.read_text() + "unmarked = True\n")
    assert retrofit.unexpected_changes(project, answers) == [
        f"host file line added without the {MARKER} marker: {relative}: 'unmarked = True'"
    ]
    git(project, "checkout", "--", relative)
    edited.write_text("replaced = True\n" + edited.read_text().split("\n", 1)[1])
    assert retrofit.unexpected_changes(project, answers)[0].startswith(
        f"host file lines changed or removed: {relative}"
    )
    git(project, "checkout", "--", relative)
    (project / "README.md").write_text("# ours now\n")
    assert retrofit.unexpected_changes(project, answers) == ["new file outside the auth's paths: README.md"]


def test_a_host_folder_where_the_auth_keeps_its_code_stops_the_copy_in_one_line(template, tmp_path):
    host = PYTHON_HOST
    stack = STACKS[host.answers["backend"]]
    project = retrofit.checkout(host, tmp_path / host.name)
    clash = project / host.folder("backend") / stack.owned[0]
    clash.mkdir(parents=True)
    (clash / "views.py").write_text("def mine(): ...\n")
    commit_all(project, "the host's own folder of that name")
    result = retrofit.copy_into(template, project, host.answers)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.stderr.strip().splitlines()[-1].startswith("universal-auth: your application already has")
    assert retrofit.status(project) == [], "nothing was written"
