"""The Expo app's own checks on rendered projects: types, lint, format, its jest-expo suite, and
the JavaScript bundles `expo export` makes for Android and iOS (no device, no simulator).

Mode 4 is the default case (every screen but the mode 1 branches); modes 1-3 and the export run
under `full`. node_modules comes from the harness's cache, keyed by package-lock.json.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manifests import load_stacks, stacks_of
from support.renders import Renders, files_beyond

MOBILE = [stack.name for stack in stacks_of("mobile") if stack.built]
DEFAULT_MODE = 4

# Screens that exist only from a mode on: a lower mode renders none of their files.
MODE_SCREENS = {
    2: [
        "app/(auth)/mfa-challenge.tsx",
        "app/(auth)/check-email.tsx",
        "app/(auth)/unlock.tsx",
        "universal-auth/lib/auth/biometric.ts",
        "universal-auth/components/MfaPanel.tsx",
    ],
    3: ["app/(auth)/account/sessions.tsx"],
    4: ["app/(auth)/consent.tsx"],
}


def answers(case: tuple[str, int]) -> dict:
    mobile, mode = case
    return {
        "project_name": "clinic",
        "backend": "django",
        "frontend": "none",
        "mobile": mobile,
        "mode": mode,
        "transport": "bearer",
        "database": "sqlite",
        "backend_dir": "backend",
        "mobile_dir": "mobile",
    }


def case_param(case: tuple[str, int], name: str = "", marks=()):
    label = f"{case[0]}-m{case[1]}"
    return pytest.param(case, id=label + name, marks=(pytest.mark.xdist_group(label), *marks))


def cases(*, default_only: bool = False) -> list:
    found = []
    for mobile in MOBILE:
        for mode in (1, 2, 3, 4):
            if mode == DEFAULT_MODE:
                found.append(case_param((mobile, mode)))
            elif not default_only:
                found.append(case_param((mobile, mode), marks=(pytest.mark.full,)))
    return found


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> dict[str, Renders]:
    return {name: Renders(tmp_path_factory, load_stacks()[name], answers, "mobile") for name in MOBILE}


@pytest.fixture
def project(renders, case):
    return renders[case[0]].installed(case)


def npm(project, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    folder, env = project
    # EXPO_OFFLINE: the Expo CLI asks nothing of Expo's servers (this machine reaches only package registries).
    env = {**env, "CI": "1", "EXPO_OFFLINE": "1"}
    return subprocess.run(["npm", "run", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("case", cases())
@pytest.mark.parametrize("script", ["typecheck", "lint", "format:check"])
def test_static_checks_are_clean(project, script):
    result = npm(project, script)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    if script == "lint":
        assert not re.search(r"\d+ problems?", result.stdout), result.stdout[-4000:]


@pytest.mark.parametrize("case", cases())
def test_the_projects_own_tests_pass(project, tmp_path):
    # The project's `npm test` is plain jest; the counts come from jest's own JSON report, asked for here.
    report = tmp_path / "jest.json"
    result = npm(project, "test", "--", "--ci", "--json", f"--outputFile={report}")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-6000:]
    counts = json.loads(report.read_text(encoding="utf-8"))
    assert counts["success"] and counts["numFailedTests"] == 0, result.stderr[-6000:]
    assert counts["numPassedTests"] >= 25, counts["numPassedTests"]


@pytest.mark.parametrize("case", cases())
def test_only_the_screens_of_the_mode_are_rendered(project, case):
    folder, _env = project
    for level, screens in MODE_SCREENS.items():
        for screen in screens:
            assert (folder / screen).exists() == (case[1] >= level), f"{screen} in a mode {case[1]} render"


@pytest.mark.parametrize("case", cases())
def test_tokens_go_to_the_secure_store_only(project):
    folder, _env = project
    sources = [
        p for p in (folder / "universal-auth").rglob("*.ts*") if ".test." not in p.name and "testing" not in p.parts
    ]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"async-storage['\"]|\b(AsyncStorage|localStorage|sessionStorage)\.\w", text), path
    assert "expo-secure-store" in (folder / "universal-auth/lib/api/secure-store-credentials.ts").read_text(
        encoding="utf-8"
    )


@pytest.mark.full
@pytest.mark.parametrize("case", [case_param((mobile, 1)) for mobile in MOBILE])
def test_what_mode_4_renders_otherwise_is_clean(renders, project):
    """Lint and format of the files mode 1 renders and mode 4 does not (the `{% else %}` branches)."""
    folder, env = project
    beyond = files_beyond(folder, renders[MOBILE[0]].folder((MOBILE[0], DEFAULT_MODE)))
    scripts = [name for name in beyond if name.endswith((".ts", ".tsx", ".js"))]
    assert "universal-auth/auth/AuthProvider.tsx" in scripts, beyond
    for command in (["eslint", *scripts], ["prettier", "--check", "--ignore-unknown", *beyond]):
        result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@pytest.mark.full
@pytest.mark.parametrize("case", cases(default_only=True))
def test_expo_export_bundles_android_and_ios(project):
    """Metro bundles the whole app for both platforms (Hermes bytecode), as a native build would before compiling;
    5.5 minutes on a busy 2-core machine."""
    folder, _env = project
    result = npm(project, "export", "--", "--output-dir", "dist", timeout=1800)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-6000:]
    bundles = {
        platform: list((folder / "dist" / "_expo" / "static" / "js" / platform).iterdir())
        for platform in ("android", "ios")
    }
    assert all(bundles.values()), bundles
