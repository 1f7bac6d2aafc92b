"""Each built web frontend's own checks on rendered projects: types, lint, format and its vitest suite.

node_modules is reused across renders through the harness's cache, keyed by the hash of
package-lock.json (~/.cache/universal-auth/node_modules/): the first run installs, later renders
hard-link the cached tree.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manifests import load_stacks, stacks_of
from support.cells import ROOT
from support.renders import Renders, files_beyond

# The lowest mode with bearer tokens and the highest with cookies: between them every page file
# and both credential strategies are rendered.
EXTREMES = ((1, "bearer"), (4, "cookie"))
FRONTENDS = [stack.name for stack in stacks_of("frontend") if stack.built]
BUILT = [(frontend, mode, transport) for frontend in FRONTENDS for mode, transport in EXTREMES]

# Pages that exist only from a mode on: a lower mode renders none of their files.
MODE_PAGES = {
    "react": {
        2: [
            "src/universal-auth/pages/MfaSetupPage.tsx",
            "src/universal-auth/pages/MfaChallengePage.tsx",
            "src/universal-auth/pages/VerifyEmailPage.tsx",
            "src/universal-auth/components/PasskeysPanel.tsx",
        ],
        3: [
            "src/universal-auth/pages/SessionsPage.tsx",
            "src/universal-auth/pages/AdminUsersPage.tsx",
            "src/universal-auth/pages/AuditLogPage.tsx",
        ],
        4: ["src/universal-auth/pages/ConsentPage.tsx"],
    },
    "nextjs": {
        2: [
            "app/(universal-auth)/(user)/mfa/setup/page.tsx",
            "app/(universal-auth)/(guest)/mfa/challenge/page.tsx",
            "app/(universal-auth)/verify-email/page.tsx",
            "universal-auth/components/PasskeysPanel.tsx",
        ],
        3: [
            "app/(universal-auth)/(user)/sessions/page.tsx",
            "app/(universal-auth)/(admin)/manage/users/page.tsx",
            "app/(universal-auth)/(admin)/manage/audit-log/page.tsx",
        ],
        4: ["app/(universal-auth)/(guest)/consent/page.tsx"],
    },
    "angular": {
        2: [
            "src/universal-auth/pages/mfa-setup.page.ts",
            "src/universal-auth/pages/mfa-challenge.page.ts",
            "src/universal-auth/pages/verify-email.page.ts",
            "src/universal-auth/components/passkeys-panel.ts",
        ],
        3: [
            "src/universal-auth/pages/sessions.page.ts",
            "src/universal-auth/pages/admin-users.page.ts",
            "src/universal-auth/pages/audit-log.page.ts",
        ],
        4: ["src/universal-auth/pages/consent.page.ts"],
    },
    "vue": {
        2: [
            "src/universal-auth/pages/MfaSetupPage.vue",
            "src/universal-auth/pages/MfaChallengePage.vue",
            "src/universal-auth/pages/VerifyEmailPage.vue",
            "src/universal-auth/components/PasskeysPanel.vue",
        ],
        3: [
            "src/universal-auth/pages/SessionsPage.vue",
            "src/universal-auth/pages/AdminUsersPage.vue",
            "src/universal-auth/pages/AuditLogPage.vue",
        ],
        4: ["src/universal-auth/pages/ConsentPage.vue"],
    },
}

# The one source of the files both frontends render alike (extensions/shared_files.py).
SHARED = ROOT / "shared" / "web"


LINTED = (".ts", ".tsx", ".vue", ".js", ".mjs", ".cjs")
# A file only the bearer transport renders: its presence shows the comparison with mode 4 ran.
BEARER_ONLY = {
    "react": "src/universal-auth/lib/api/bearer-credentials.ts",
    "nextjs": "universal-auth/lib/api/bearer-credentials.ts",
    "vue": "src/universal-auth/lib/api/bearer-credentials.ts",
    "angular": "src/universal-auth/lib/api/bearer-credentials.ts",
}


def answers(case: tuple[str, int, str]) -> dict:
    frontend, mode, transport = case
    return {
        "project_name": "shop",
        "backend": "django",
        "frontend": frontend,
        "mobile": "none",
        "mode": mode,
        "transport": transport,
        "database": "sqlite",
        "backend_dir": "backend",
        "frontend_dir": "web",
    }


def case_param(case: tuple[str, int, str], *args, name: str = "", marks=()):
    """A case as a parameter: its tests run on one xdist worker, which renders and installs it once."""
    label = f"{case[0]}-m{case[1]}-{case[2]}"
    return pytest.param(case, *args, id=f"{label}{name}", marks=(pytest.mark.xdist_group(label), *marks))


EVERY_CASE = [case_param(case) for case in BUILT]


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> dict[str, Renders]:
    return {name: Renders(tmp_path_factory, load_stacks()[name], answers, "web") for name in FRONTENDS}


@pytest.fixture
def project(renders, case):
    frontend, mode, _transport = case
    return frontend, mode, *renders[frontend].installed(case)


def npm(project, *args: str) -> subprocess.CompletedProcess:
    _frontend, _mode, folder, env = project
    return subprocess.run(["npm", "run", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=600)


def static_checks() -> list:
    """Every check at the fullest mode and the type check at both (tsc reads the whole program, so
    it cannot check only some files); mode 1's lint and format of every file under `full`, since
    test_what_mode_4_renders_otherwise_is_clean covers the files where mode 1 differs."""
    checks = []
    for case in BUILT:
        for script in ("typecheck", "lint", "format:check"):
            whole = case[1:] == EXTREMES[-1] or script == "typecheck"
            marks = () if whole else (pytest.mark.full,)
            checks.append(case_param(case, script, name=f"-{script}", marks=marks))
    return checks


@pytest.mark.parametrize(("case", "script"), static_checks())
def test_static_checks_are_clean(project, script):
    result = npm(project, script)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@pytest.mark.parametrize("case", [case_param((frontend, *EXTREMES[0])) for frontend in FRONTENDS])
def test_what_mode_4_renders_otherwise_is_clean(renders, project):
    """Lint and format, with the project's own tools and settings, of the files mode 1 renders and
    mode 4 does not (lines of an `{% else %}`, the bearer transport, imports an `{% if %}` leaves)."""
    frontend, _mode, folder, env = project
    beyond = files_beyond(folder, renders[frontend].folder((frontend, *EXTREMES[-1])))
    scripts = [name for name in beyond if name.endswith(LINTED)]
    assert BEARER_ONLY[frontend] in scripts, beyond
    for command in (["eslint", *scripts], ["prettier", "--check", "--ignore-unknown", *beyond]):
        result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@pytest.mark.parametrize("case", EVERY_CASE)
def test_the_projects_own_tests_pass(project, tmp_path):
    # The counts come from vitest's own JSON reporter, asked for here (through the manifest's
    # `test_report` where `npm test` is not plain vitest), so the project carries nothing for this
    # repository's CI.
    frontend, _mode, folder, env = project
    report = tmp_path / "vitest.json"
    command = load_stacks()[frontend].commands.test_report
    if command:
        result = subprocess.run(
            command,
            shell=True,
            cwd=folder,
            env={**env, "REPORT": str(report)},
            capture_output=True,
            text=True,
            timeout=600,
        )
    else:
        result = npm(project, "test", "--", "--reporter=default", "--reporter=json", f"--outputFile.json={report}")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    counts = json.loads(report.read_text(encoding="utf-8"))
    assert counts["success"] and counts["numFailedTests"] == 0, result.stdout[-6000:]
    assert counts["numPassedTests"] >= 15, counts["numPassedTests"]


@pytest.mark.parametrize("case", EVERY_CASE)
def test_only_the_pages_of_the_mode_are_rendered(project):
    frontend, mode, folder, _env = project
    for level, pages in MODE_PAGES[frontend].items():
        for page in pages:
            assert (folder / page).exists() == (mode >= level), f"{page} in a mode {mode} render"


def rendered_name(part: str) -> str:
    """A link's name with its condition taken as true: `{% if has_mfa %}mfa.ts{% endif %}` -> `mfa.ts`."""
    return re.sub(r"\{%[^%]*%\}", "", part)


@pytest.mark.parametrize("case", EVERY_CASE)
def test_shared_files_are_rendered_verbatim(project):
    frontend, _mode, folder, _env = project
    subtree = ROOT / "template" / f"{{{{ {frontend}_dir }}}}"
    links = [p for p in subtree.rglob("*") if p.is_symlink() and not p.name.endswith(".jinja")]
    rendered = 0
    for link in links:
        assert link.resolve().is_relative_to(SHARED), f"{link} points outside shared/web"
        target = folder.joinpath(*map(rendered_name, link.relative_to(subtree).parts))
        if target.exists():
            assert not target.is_symlink() and target.read_bytes() == link.resolve().read_bytes(), target
            rendered += 1
    # At least the API layer, its tests, the wire types, the fake API and the styles (Vue at mode 1: 9 files).
    assert rendered >= 9, f"only {rendered} shared files in the render"


@pytest.mark.parametrize("case", EVERY_CASE)
def test_no_token_is_written_to_web_storage(project):
    _frontend, _mode, folder, _env = project
    scripts = (p for p in folder.rglob("*") if p.suffix in {".ts", ".tsx", ".vue"})
    sources = [p for p in scripts if "node_modules" not in p.parts and ".test." not in p.name]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(localStorage|sessionStorage)\s*[.[]|document\.cookie\s*=", text), path


# Each wire shape of docs/openapi.yaml and the TypeScript interface the frontends declare for it.
WIRE_TYPES = {
    ("User",): "User",
    ("BearerGrant", "CookieGrant"): "SessionGrant",
    ("MfaChallenge",): "MfaChallenge",
    ("Credentials",): "Credentials",
    ("MfaSetup",): "MfaSetup",
    ("Session",): "SessionInfo",
    ("AuditEntry",): "AuditEntry",
    ("Passkey",): "Passkey",
    ("Problem",): "Problem",
}


def interface_members(source: str, name: str) -> set[str]:
    body = re.search(rf"export interface {name}(?:<[^>]*>)? \{{(.*?)\n\}}", source, re.DOTALL)
    assert body, f"no interface {name}"
    return set(re.findall(r"^  (\w+)\??:", body.group(1), re.MULTILINE))


def test_wire_types_match_the_openapi_document():
    schemas = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text(encoding="utf-8"))["components"]["schemas"]
    source = (SHARED / "lib" / "api-types.ts").read_text(encoding="utf-8")
    for schema_names, interface in WIRE_TYPES.items():
        expected = set().union(*(schemas[name]["properties"] for name in schema_names))
        assert interface_members(source, interface) == expected, f"{interface} differs from {schema_names}"
