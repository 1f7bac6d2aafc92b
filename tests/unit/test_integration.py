"""hooks/integration.py: marked, verified, idempotent edits of a host's files, and their loading by the task."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import integration
import manifests
import retrofit_report
import run
from integration import MARKER, Edit, apply_edits, marked
from integrations.python import parses
from project import Project

SETTINGS = """\
INSTALLED_APPS = [
    "django.contrib.auth",
    "shop",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
]
"""

ADDED = 'INSTALLED_APPS += ["identity"]'


def append_after_installed_apps(text: str, line: str = ADDED) -> str | None:
    """Adds ``line`` after the closing bracket of INSTALLED_APPS, or None when there is no such list."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, row in enumerate(lines) if row.startswith("INSTALLED_APPS = [")), None)
    if start is None:
        return None
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("]")), None)
    if end is None:
        return None
    newline = "\r\n" if lines[end].endswith("\r\n") else "\n"
    return "".join([*lines[: end + 1], marked(line, "settings.py") + newline, *lines[end + 1 :]])


def installed_apps_edit(file: Path, **changes) -> Edit:
    values = {
        "file": file,
        "description": "the identity app in INSTALLED_APPS",
        "present": lambda text: MARKER in text and "identity" in text,
        "apply": append_after_installed_apps,
        "lines": marked(ADDED, file),
        "where": f"after INSTALLED_APPS in {file.name}",
        "verify": parses,
    }
    return Edit(**(values | changes))


@pytest.fixture
def settings(tmp_path) -> Path:
    path = tmp_path / "settings.py"
    path.write_text(SETTINGS)
    return path


def test_an_edit_is_applied_and_marked(settings):
    [outcome] = apply_edits([installed_apps_edit(settings)])
    assert outcome.status == "applied" and outcome.reason == ""
    text = settings.read_text()
    assert f'INSTALLED_APPS += ["identity"]  # {MARKER}\n' in text
    assert text.replace(f"{ADDED}  # {MARKER}\n", "") == SETTINGS


def test_a_second_run_changes_nothing(settings):
    edit = installed_apps_edit(settings)
    apply_edits([edit])
    once = settings.read_bytes()
    [outcome] = apply_edits([edit])
    assert outcome.status == "already there"
    assert settings.read_bytes() == once


def test_an_unrecognised_shape_is_printed_and_the_file_untouched(tmp_path):
    path = tmp_path / "settings.py"
    path.write_bytes(b"from .base import *  # noqa\r\nDEBUG = True\r\n")
    before = path.read_bytes()
    [outcome] = apply_edits([installed_apps_edit(path)])
    assert outcome.status == "printed" and "not one the template recognises" in outcome.reason
    assert path.read_bytes() == before
    described = integration.describe(outcome, tmp_path)
    assert described[0].startswith("to add by hand: the identity app in INSTALLED_APPS, after INSTALLED_APPS in")
    assert "(settings.py; not applied:" in described[0]
    assert described[1] == f'    INSTALLED_APPS += ["identity"]  # {MARKER}'


def test_a_failed_verification_leaves_the_file_untouched(settings):
    broken = installed_apps_edit(settings, apply=lambda text: append_after_installed_apps(text, "INSTALLED_APPS += ["))
    before = settings.read_bytes()
    [outcome] = apply_edits([broken])
    assert outcome.status == "printed" and "did not pass its check" in outcome.reason
    assert settings.read_bytes() == before


def test_an_added_line_without_the_marker_is_refused(settings):
    unmarked = installed_apps_edit(settings, apply=lambda text: text + ADDED + "\n")
    before = settings.read_bytes()
    [outcome] = apply_edits([unmarked])
    assert outcome.status == "printed" and f"lacks the {MARKER} marker" in outcome.reason
    assert settings.read_bytes() == before


def test_an_edit_that_changes_a_host_line_is_refused(settings):
    rewriting = installed_apps_edit(
        settings, apply=lambda text: text.replace('"shop",', f'"shop", "identity",  # {MARKER}')
    )
    before = settings.read_bytes()
    [outcome] = apply_edits([rewriting])
    assert outcome.status == "printed" and "changed existing lines" in outcome.reason
    assert settings.read_bytes() == before


def test_an_edit_its_own_check_would_not_find_again_is_refused(settings):
    forgetful = installed_apps_edit(settings, present=lambda text: False)
    before = settings.read_bytes()
    [outcome] = apply_edits([forgetful])
    assert outcome.status == "printed" and "next run" in outcome.reason
    assert settings.read_bytes() == before


def test_a_missing_file_is_printed(tmp_path):
    [outcome] = apply_edits([installed_apps_edit(tmp_path / "settings.py")])
    assert outcome.status == "printed" and "not found" in outcome.reason
    assert not (tmp_path / "settings.py").exists()


def test_windows_line_endings_are_kept(tmp_path):
    path = tmp_path / "settings.py"
    path.write_bytes(SETTINGS.replace("\n", "\r\n").encode())
    [outcome] = apply_edits([installed_apps_edit(path)])
    assert outcome.status == "applied"
    assert path.read_bytes().count(b"\r\n") == SETTINGS.count("\n") + 1
    assert b"\n" not in path.read_bytes().replace(b"\r\n", b"")


def test_several_edits_of_one_file_apply_in_order(settings):
    second = installed_apps_edit(
        settings,
        description="the auth middleware",
        present=lambda text: "AuthMiddleware" in text,
        apply=lambda text: text + marked('MIDDLEWARE += ["identity.middleware.AuthMiddleware"]', settings) + "\n",
    )
    outcomes = apply_edits([installed_apps_edit(settings), second])
    assert [o.status for o in outcomes] == ["applied", "applied"]
    assert settings.read_text().count(MARKER) == 2
    assert [o.status for o in apply_edits([installed_apps_edit(settings), second])] == ["already there"] * 2


@pytest.mark.parametrize(
    ("name", "comment"),
    [
        ("urls.py", f"# {MARKER}"),
        ("app.js", f"// {MARKER}"),
        ("server.mts", f"// {MARKER}"),
        ("page.tsx", f"// {MARKER}"),
        ("globals.css", f"/* {MARKER} */"),
        ("requirements.txt", f"# {MARKER}"),
    ],
)
def test_the_marker_is_a_comment_of_the_file_language(name, comment):
    assert integration.marker_comment(name) == comment
    assert marked("x = 1", name) == f"x = 1  {comment}"


def test_a_language_without_a_known_comment_is_an_error():
    with pytest.raises(ValueError, match=r"no line comment known for \.json"):
        integration.marker_comment("package.json")


INTEGRATION_MODULE = """\
from integration import MARKER, Edit, marked


def mount(text, line):
    return text.replace("module.exports", line + "\\nmodule.exports", 1) if "module.exports" in text else None


def edits(project, folder):
    file = folder / "app.js"
    line = marked('app.use("/auth", require("./auth"));', file)
    return [
        Edit(
            file=file,
            description="the auth router",
            present=lambda text: MARKER in text,
            apply=lambda text: mount(text, line),
            lines=line,
            where="before module.exports in app.js",
        )
    ]
"""


def manifest_with_integration(tmp_path: Path) -> dict:
    return {
        "name": "demo",
        "label": "Demo",
        "kind": "backend",
        "language": "javascript",
        "tier": "generated-only",
        "summary": "x",
        "port": 3000,
        "databases": ["sqlite"],
        "detect": [{"kind": "file", "path": "app.js"}],
        "dependencies": {1: ["a"]},
        "commands": {"install": "true", "serve": "true", "test": "true"},
        "adds_to_existing_app": True,
        "owned": ["auth"],
        "integration": "hooks/integrations/demo.py",
    }


@pytest.mark.parametrize("existing", [True, False])
def test_the_task_applies_the_stack_edits_only_in_an_existing_app(tmp_path, monkeypatch, existing):
    repo = tmp_path / "repo"
    (repo / "stacks").mkdir(parents=True)
    (repo / "stacks" / "demo.yml").write_text(yaml.safe_dump(manifest_with_integration(tmp_path)))
    (repo / "hooks" / "integrations").mkdir(parents=True)
    (repo / "hooks" / "integrations" / "demo.py").write_text(INTEGRATION_MODULE)
    stacks = manifests.load_stacks.__wrapped__(repo / "stacks")
    monkeypatch.setattr(manifests, "ROOT", repo)
    monkeypatch.setattr(manifests, "load_stacks", lambda: stacks)
    project = tmp_path / "project"
    (project / "api").mkdir(parents=True)
    (project / "api" / "app.js").write_text("const app = 1;\nmodule.exports = app;\n")
    answers = {"backend": "demo", "backend_dir": "api", "frontend": "none", "mobile": "none", "mode": 1}
    answers |= {"existing_app": existing, "database": "sqlite", "email": "console", "transport": "bearer"}

    done = run.run(project, "copy", answers)
    text = (project / "api" / "app.js").read_text()
    if existing:
        [wired] = done.wired
        assert [(o.edit.description, o.status) for o in wired.outcomes] == [("the auth router", "applied")]
        assert f'app.use("/auth", require("./auth"));  // {MARKER}\nmodule.exports' in text
        again = run.run(project, "update", answers).wired[0]
        assert [o.status for o in again.outcomes] == ["already there"]
        assert (project / "api" / "app.js").read_text() == text
        section = retrofit_report.section(Project(project, answers), [wired, again])
        assert "✓ applied: the auth router (api/app.js)" in section
        assert "✓ already there: the auth router (api/app.js)" in section
    else:
        assert MARKER not in text and done.wired == []


@pytest.mark.parametrize(
    ("lock", "manager"),
    [("pnpm-lock.yaml", "pnpm"), ("yarn.lock", "yarn"), ("package-lock.json", "npm"), (None, "npm")],
)
def test_a_node_host_package_manager_comes_from_its_lock_file(tmp_path, lock, manager):
    (tmp_path / ".git").mkdir()
    (tmp_path / "api").mkdir()
    if lock:
        (tmp_path / lock).write_text("")
    assert integration.package_manager(tmp_path / "api") == manager
